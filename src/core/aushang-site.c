/* aushang-site.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "aushang-document.h"
#include "aushang-markdown.h"
#include "aushang-data-file.h"
#include "aushang-safe-file.h"
#include "aushang-site.h"
#include "aushang-slug.h"
#include "aushang-yaml.h"

#define MAX_DEPTH 32
#define MAX_CONFIG_SIZE (4 * 1024 * 1024)

struct _AushangSite
{
  GObject       parent_instance;

  GFile        *folder;
  AushangValue *config;
  GError       *config_error;
  guint         config_error_line;
  guint         config_error_column;
  GPtrArray    *collections;

  /* The index, built on first use. */
  gboolean      indexed;
  GHashTable   *documents;     /* AushangCollection* -> GPtrArray of AushangSiteDocument* */
  GPtrArray    *all_documents; /* AushangSiteDocument*, owning */
  GPtrArray    *authors;
  GPtrArray    *blocks;
  GPtrArray    *images;
  GHashTable   *schemas;       /* AushangCollection* -> AushangSchema* */

  /* The addresses of the site's documents and pages, built on first use:
   * normalised address → GFile*, and file path → address as Jekyll
   * writes it. */
  GHashTable   *urls;
  GHashTable   *urls_by_path;
  GPtrArray    *pages;         /* GFile*: files with front matter outside the collections */

  /* Documents by their name without extension (GFile*), and the keys
   * whose values name documents, built on first use. */
  GHashTable   *by_name;
  GHashTable   *reference_keys;
};

G_DEFINE_FINAL_TYPE (AushangSite, aushang_site, G_TYPE_OBJECT)

G_DEFINE_QUARK (aushang-site-error-quark, aushang_site_error)

static void
collection_free (gpointer data)
{
  AushangCollection *collection = data;

  g_free (collection->name);
  g_free (collection->label);
  g_free (collection->permalink);
  g_clear_object (&collection->folder);
  g_free (collection);
}

static void
site_document_free (gpointer data)
{
  AushangSiteDocument *document = data;

  g_clear_object (&document->file);
  g_free (document->relative_path);
  g_free (document->title);
  g_clear_pointer (&document->date, g_date_time_unref);
  g_clear_pointer (&document->data, aushang_value_unref);
  g_strfreev (document->keys);
  g_clear_pointer (&document->blocks, g_ptr_array_unref);
  g_free (document);
}

static void
term_free (gpointer data)
{
  AushangSiteTerm *term = data;

  g_free (term->name);
  g_free (term);
}

static void
block_free (gpointer data)
{
  AushangBlock *block = data;

  g_free (block->name);
  g_free (block->description);
  g_clear_object (&block->file);
  g_clear_pointer (&block->params, g_ptr_array_unref);
  g_clear_pointer (&block->required, g_ptr_array_unref);
  g_free (block);
}

static void
clear_index (AushangSite *self)
{
  self->indexed = FALSE;
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_pointer (&self->all_documents, g_ptr_array_unref);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->schemas, g_hash_table_unref);
  g_clear_pointer (&self->urls, g_hash_table_unref);
  g_clear_pointer (&self->urls_by_path, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->reference_keys, g_hash_table_unref);
}

static void
aushang_site_finalize (GObject *object)
{
  AushangSite *self = (AushangSite *)object;

  clear_index (self);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->config, aushang_value_unref);
  g_clear_error (&self->config_error);
  g_clear_pointer (&self->collections, g_ptr_array_unref);

  G_OBJECT_CLASS (aushang_site_parent_class)->finalize (object);
}

static void
aushang_site_class_init (AushangSiteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aushang_site_finalize;
}

static void
aushang_site_init (AushangSite *self)
{
  self->collections = g_ptr_array_new_with_free_func (collection_free);
}

static const char *
config_string (AushangValue *map,
               const char   *key)
{
  AushangValue *value = map ? aushang_value_lookup (map, key) : NULL;

  return value ? aushang_value_get_string (value) : NULL;
}

static gboolean
is_folder (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
}

static void
add_collection (AushangSite  *self,
                GFile        *base,
                const char   *name,
                AushangValue *settings)
{
  AushangCollection *collection;
  AushangValue *output;

  for (guint i = 0; i < self->collections->len; i++)
    {
      collection = g_ptr_array_index (self->collections, i);
      if (strcmp (collection->name, name) == 0)
        return;
    }

  collection = g_new0 (AushangCollection, 1);
  collection->name = g_strdup (name);
  collection->label = g_strconcat ("_", name, NULL);
  collection->folder = g_file_get_child (base, collection->label);
  collection->dated_names = strcmp (name, "posts") == 0;
  collection->output = strcmp (name, "posts") == 0 || strcmp (name, "drafts") == 0;
  collection->exists = is_folder (collection->folder);

  if (settings != NULL && aushang_value_get_kind (settings) == AUSHANG_VALUE_MAP)
    {
      output = aushang_value_lookup (settings, "output");
      if (output != NULL)
        collection->output = aushang_value_get_boolean (output);
      collection->permalink = g_strdup (config_string (settings, "permalink"));
    }

  g_ptr_array_add (self->collections, collection);
}

static void
read_collections (AushangSite *self)
{
  AushangValue *declared = self->config ? aushang_value_lookup (self->config, "collections") : NULL;
  const char *collections_dir = config_string (self->config, "collections_dir");
  g_autoptr(GFile) base = NULL;

  if (collections_dir != NULL && *collections_dir != '\0' && strstr (collections_dir, "..") == NULL)
    base = g_file_resolve_relative_path (self->folder, collections_dir);
  else
    base = g_object_ref (self->folder);

  add_collection (self, base, "posts", declared ? aushang_value_lookup (declared, "posts") : NULL);
  add_collection (self, base, "drafts", NULL);

  if (declared == NULL)
    return;

  if (aushang_value_get_kind (declared) == AUSHANG_VALUE_MAP)
    {
      for (guint i = 0; i < aushang_value_get_length (declared); i++)
        add_collection (self, base, aushang_value_get_key (declared, i),
                        aushang_value_get_item (declared, i));
    }
  else if (aushang_value_get_kind (declared) == AUSHANG_VALUE_LIST)
    {
      for (guint i = 0; i < aushang_value_get_length (declared); i++)
        {
          g_autofree char *name = aushang_value_to_display (aushang_value_get_item (declared, i));

          if (*name != '\0')
            add_collection (self, base, name, NULL);
        }
    }
}

static void
read_config (AushangSite *self)
{
  g_autoptr(GFile) file = g_file_get_child (self->folder, "_config.yml");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) framed = NULL;
  g_autoptr(AushangDocument) document = NULL;
  gsize length = 0;

  if (path == NULL)
    return;

  /* A bounded read of a regular file only: a FIFO or a device in its
   * place neither hangs nor fills the memory. */
  if (!aushang_safe_file_read (path, MAX_CONFIG_SIZE, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE))
        g_set_error_literal (&self->config_error, AUSHANG_SITE_ERROR, AUSHANG_SITE_ERROR_INVALID_CONFIG,
                             _("_config.yml is too large to read."));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (&self->config_error, AUSHANG_SITE_ERROR, AUSHANG_SITE_ERROR_INVALID_CONFIG,
                     _("_config.yml cannot be read: %s"), error->message);
      return;
    }

  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error_literal (&self->config_error, AUSHANG_SITE_ERROR, AUSHANG_SITE_ERROR_INVALID_CONFIG,
                           _("_config.yml is not a text file: it contains NUL bytes."));
      return;
    }

  /* The configuration is read with the same lossless reader as front
   * matter, so its problems are named the same way. */
  framed = g_string_new ("---\n");
  g_string_append_len (framed, contents, length);
  if (length > 0 && contents[length - 1] != '\n')
    g_string_append_c (framed, '\n');
  g_string_append (framed, "---\n");
  document = aushang_document_new_from_data (framed->str, framed->len);

  {
    guint line = 0, column = 0;
    const GError *problem = aushang_document_get_problem (document, &line, &column);

    if (problem != NULL)
      {
        self->config_error = g_error_copy (problem);
        self->config_error_line = line > 1 ? line - 1 : 1;
        self->config_error_column = column;
        return;
      }
  }

  self->config = aushang_value_ref (aushang_front_matter_get_data (aushang_document_get_front_matter (document)));
}

/* Jekyll's own folders; a site may do without _config.yml (Jekyll then
 * builds with its defaults), but not without these. */
static const char *jekyll_folders[] = {
  "_posts", "_layouts", "_includes", "_data", "_drafts", "_sass",
};

gboolean
aushang_site_folder_is_site (GFile *folder)
{
  g_autoptr(GFile) config = NULL;
  guint found = 0;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if (!is_folder (folder))
    return FALSE;

  config = g_file_get_child (folder, "_config.yml");
  if (g_file_query_file_type (config, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (jekyll_folders) && found < 2; i++)
    {
      g_autoptr(GFile) child = g_file_get_child (folder, jekyll_folders[i]);

      if (g_file_query_file_type (child, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_DIRECTORY)
        found++;
    }

  return found >= 2;
}

/* Where repositories usually keep their site: GitHub Pages' docs/, and
 * the names real repositories use. */
static const char *preferred_site_folders[] = { "docs", "src", "web", "site" };

static int
site_folder_rank (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (preferred_site_folders); i++)
    if (strcmp (name, preferred_site_folders[i]) == 0)
      return i;

  return G_N_ELEMENTS (preferred_site_folders);
}

static int
compare_site_folders (gconstpointer a,
                      gconstpointer b)
{
  GFile *fa = *(GFile **) a;
  GFile *fb = *(GFile **) b;
  g_autofree char *path_a = g_file_get_path (fa);
  g_autofree char *path_b = g_file_get_path (fb);
  g_autofree char *name_a = g_file_get_basename (fa);
  g_autofree char *name_b = g_file_get_basename (fb);
  int rank = site_folder_rank (name_a) - site_folder_rank (name_b);

  return rank != 0 ? rank : g_strcmp0 (path_a, path_b);
}

static void
find_sites_below (GFile     *folder,
                  guint      levels,
                  GPtrArray *out)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = NULL;

      /* Hidden folders, Jekyll's own, its output and package folders
       * never hold the site. */
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY ||
          name[0] == '.' || name[0] == '_' ||
          strcmp (name, "node_modules") == 0 || strcmp (name, "vendor") == 0)
        continue;

      child = g_file_get_child (folder, name);
      if (aushang_site_folder_is_site (child))
        g_ptr_array_add (out, g_steal_pointer (&child));
      else if (levels > 1)
        find_sites_below (child, levels - 1, out);
    }
}

GPtrArray *
aushang_site_find_sites (GFile *folder)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (G_IS_FILE (folder), out);

  if (aushang_site_folder_is_site (folder))
    {
      g_ptr_array_add (out, g_object_ref (folder));
      return out;
    }

  find_sites_below (folder, 2, out);
  g_ptr_array_sort (out, compare_site_folders);

  return out;
}

AushangSite *
aushang_site_new (GFile   *folder,
                  GError **error)
{
  AushangSite *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  if (!aushang_site_folder_is_site (folder))
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      g_set_error (error, AUSHANG_SITE_ERROR, AUSHANG_SITE_ERROR_NOT_A_SITE,
                   _("“%s” is not a Jekyll site: it has no _config.yml."), name);
      return NULL;
    }

  self = g_object_new (AUSHANG_TYPE_SITE, NULL);
  self->folder = g_object_ref (folder);
  read_config (self);
  read_collections (self);

  return self;
}

AushangSite *
aushang_site_new_for_file (GFile *file)
{
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dir = g_file_get_parent (file);
  for (guint depth = 0; dir != NULL && depth < MAX_DEPTH; depth++)
    {
      g_autoptr(GFile) config = g_file_get_child (dir, "_config.yml");
      GFile *parent;

      if (g_file_query_exists (config, NULL))
        return aushang_site_new (dir, NULL);

      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }

  return NULL;
}

GFile *
aushang_site_get_folder (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  return self->folder;
}

AushangValue *
aushang_site_get_config (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  return self->config;
}

const GError *
aushang_site_get_config_error (AushangSite *self,
                               guint       *line,
                               guint       *column)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  if (line)
    *line = self->config_error_line;
  if (column)
    *column = self->config_error_column;

  return self->config_error;
}

GPtrArray *
aushang_site_get_collections (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  return self->collections;
}

AushangCollection *
aushang_site_get_collection (AushangSite *self,
                             const char  *name)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  for (guint i = 0; i < self->collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_strcmp0 (collection->name, name) == 0)
        return collection;
    }

  return NULL;
}

/* Jekyll reads _posts and _drafts folders anywhere in the site
 * ("de/news/_posts"), not only at the top. */
static gboolean
in_nested_folder (AushangSite *self,
                  GFile       *file,
                  const char  *label)
{
  g_autofree char *relative = g_file_get_relative_path (self->folder, file);
  g_auto(GStrv) parts = NULL;

  if (relative == NULL)
    return FALSE;

  parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i] != NULL && parts[i + 1] != NULL; i++)
    {
      if (strcmp (parts[i], label) == 0)
        return TRUE;
      if (parts[i][0] == '_' || parts[i][0] == '.')
        return FALSE;
    }

  return FALSE;
}

AushangCollection *
aushang_site_find_collection (AushangSite *self,
                              GFile       *file)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; i < self->collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (self->collections, i);

      if (g_file_has_prefix (file, collection->folder))
        return collection;
    }

  for (guint i = 0; i < self->collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (self->collections, i);

      if ((strcmp (collection->name, "posts") == 0 || strcmp (collection->name, "drafts") == 0) &&
          in_nested_folder (self, file, collection->label))
        return collection;
    }

  return NULL;
}

static gboolean
is_document_name (const char *name)
{
  static const char *extensions[] = {
    ".md", ".markdown", ".mkd", ".mkdn", ".mdown", ".html", ".htm", ".textile",
  };
  const char *dot;

  if (name[0] == '.' || name[0] == '_' || name[0] == '#' || g_str_has_suffix (name, "~"))
    return FALSE;

  dot = strrchr (name, '.');
  if (dot == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot, extensions[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
collect_documents (GFile     *folder,
                   guint      depth,
                   GPtrArray *out)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (depth > MAX_DEPTH)
    return;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      name = g_file_info_get_name (info);

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (name[0] != '.')
            collect_documents (child, depth + 1, out);
          break;

        case G_FILE_TYPE_REGULAR:
        case G_FILE_TYPE_SYMBOLIC_LINK:
          if (is_document_name (name))
            g_ptr_array_add (out, g_object_ref (child));
          break;

        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          break;
        }
    }
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *pa = g_file_get_path (*(GFile **) a);
  g_autofree char *pb = g_file_get_path (*(GFile **) b);

  return g_strcmp0 (pa, pb);
}

static void
find_nested (GFile      *folder,
             const char *label,
             guint       depth,
             GPtrArray  *out)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (depth > 6)
    return;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        continue;

      name = g_file_info_get_name (info);
      if (depth > 0 && strcmp (name, label) == 0)
        collect_documents (child, 0, out);
      else if (name[0] != '_' && name[0] != '.' &&
               strcmp (name, "node_modules") != 0 && strcmp (name, "vendor") != 0)
        find_nested (child, label, depth + 1, out);
    }
}

GPtrArray *
aushang_site_list_documents (AushangSite       *self,
                             AushangCollection *collection)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (AUSHANG_IS_SITE (self), out);
  g_return_val_if_fail (collection != NULL, out);

  if (is_folder (collection->folder))
    collect_documents (collection->folder, 0, out);

  if (strcmp (collection->name, "posts") == 0 || strcmp (collection->name, "drafts") == 0)
    find_nested (self->folder, collection->label, 0, out);

  g_ptr_array_sort (out, compare_files);

  /* With collections_dir the top folder may have been found twice. */
  for (guint i = 1; i < out->len; )
    {
      if (g_file_equal (g_ptr_array_index (out, i - 1), g_ptr_array_index (out, i)))
        g_ptr_array_remove_index (out, i);
      else
        i++;
    }

  return out;
}

/* The index. */

#define MAX_INDEXED_SIZE (64 * 1024 * 1024)
#define MAX_IMAGES 10000

static GDateTime *
date_of (AushangValue *value)
{
  g_autofree char *text = NULL;
  GDateTime *parsed = NULL;

  if (value == NULL)
    return NULL;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      return aushang_value_dup_date_time (value);

    case AUSHANG_VALUE_STRING:
      text = aushang_value_to_display (value);
      if (aushang_yaml_parse_jekyll_date (text, &parsed))
        return parsed;
      return NULL;

    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
    default:
      return NULL;
    }
}

/* "2025-11-04-ki-und-soziales.md" -> date and "Ki und soziales". */
static GDateTime *
date_from_name (const char  *name,
                char       **title)
{
  int year, month, day;
  char rest[4096];
  GDateTime *date;

  if (sscanf (name, "%4d-%2d-%2d-%4095s", &year, &month, &day, rest) != 4 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  date = g_date_time_new_utc (year, month, day, 0, 0, 0);

  if (title != NULL)
    {
      char *dot = strrchr (rest, '.');

      if (dot != NULL)
        *dot = '\0';
      g_strdelimit (rest, "-_", ' ');
      *title = g_strdup (rest);
    }

  return date;
}

static void
scan_blocks (AushangSiteDocument *document,
             const char          *body,
             GHashTable          *uses)
{
  g_autoptr(GPtrArray) tags = NULL;

  document->blocks = g_ptr_array_new_with_free_func (g_free);

  if (strstr (body, "include") == NULL)
    return;

  tags = aushang_markdown_find_liquid_tags (body);
  for (guint i = 0; i < tags->len; i++)
    {
      AushangLiquidTag *tag = g_ptr_array_index (tags, i);
      GPtrArray *param_sets;
      GHashTableIter iter;
      gpointer key;
      GPtrArray *names;

      if (tag->is_output || g_strcmp0 (tag->name, "include") != 0 || tag->argument == NULL)
        continue;

      g_ptr_array_add (document->blocks, g_strdup (tag->argument));

      /* Remember which parameters each use passes. */
      param_sets = g_hash_table_lookup (uses, tag->argument);
      if (param_sets == NULL)
        {
          param_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          g_hash_table_insert (uses, g_strdup (tag->argument), param_sets);
        }

      names = g_ptr_array_new_with_free_func (g_free);
      if (tag->params != NULL)
        {
          g_hash_table_iter_init (&iter, tag->params);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_ptr_array_add (names, g_strdup (key));
        }
      g_ptr_array_add (param_sets, names);
    }
}

static AushangSiteDocument *
index_document (AushangSite       *self,
                AushangCollection *collection,
                GFile             *file,
                GHashTable        *block_uses)
{
  AushangSiteDocument *document = g_new0 (AushangSiteDocument, 1);
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *name_title = NULL;
  g_autoptr(AushangDocument) parsed = NULL;
  GDateTime *name_date;
  gsize length = 0;

  document->file = g_object_ref (file);
  document->relative_path = g_file_get_relative_path (self->folder, file);
  document->collection = collection;
  name_date = collection->dated_names ? date_from_name (name, &name_title) : NULL;

  /* A file that cannot be read, a FIFO or device in its place, or a
   * binary file with a document's name: listed by its name, with a
   * problem, and never parsed. */
  if (path == NULL ||
      !aushang_safe_file_read (path, MAX_INDEXED_SIZE, &contents, &length, NULL, NULL) ||
      !aushang_document_is_text (contents, length))
    {
      document->has_problem = TRUE;
      document->data = aushang_value_new_map ();
      document->keys = g_new0 (char *, 1);
      document->title = g_strdup (name_title ? name_title : name);
      document->date = name_date;
      document->blocks = g_ptr_array_new_with_free_func (g_free);
      return document;
    }

  parsed = aushang_document_new_from_data (contents, length);
  document->has_problem = aushang_document_get_problem (parsed, NULL, NULL) != NULL;

  if (!document->has_problem && aushang_document_get_has_front_matter (parsed))
    {
      AushangFrontMatter *fm = aushang_document_get_front_matter (parsed);
      AushangValue *title = aushang_front_matter_get (fm, "title");
      AushangValue *published = aushang_front_matter_get (fm, "published");

      document->data = aushang_value_ref (aushang_front_matter_get_data (fm));
      document->keys = aushang_front_matter_dup_keys (fm);
      document->title = title ? aushang_value_to_display (title) : NULL;
      document->date = date_of (aushang_front_matter_get (fm, "date"));
      document->draft = published != NULL &&
                        aushang_value_get_kind (published) == AUSHANG_VALUE_BOOLEAN &&
                        !aushang_value_get_boolean (published);
    }
  else
    {
      document->data = aushang_value_new_map ();
      document->keys = g_new0 (char *, 1);
    }

  if (document->title == NULL || *document->title == '\0')
    {
      g_free (document->title);
      document->title = g_strdup (name_title ? name_title : "");
    }

  if (document->date == NULL)
    document->date = name_date;
  else
    g_clear_pointer (&name_date, g_date_time_unref);

  if (strcmp (collection->name, "drafts") == 0)
    document->draft = TRUE;

  scan_blocks (document, aushang_document_get_body (parsed), block_uses);

  return document;
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  const AushangSiteDocument *da = *(AushangSiteDocument **) a;
  const AushangSiteDocument *db = *(AushangSiteDocument **) b;

  if (da->date != NULL && db->date != NULL)
    {
      int cmp = g_date_time_compare (db->date, da->date);

      if (cmp != 0)
        return cmp;
    }
  else if (da->date != NULL)
    return -1;
  else if (db->date != NULL)
    return 1;

  return g_strcmp0 (da->relative_path, db->relative_path);
}

static void
add_term (GHashTable *counts,
          GPtrArray  *order,
          const char *name,
          gboolean    from_data)
{
  AushangSiteTerm *term;
  g_autofree char *clean = g_strstrip (g_strdup (name));

  if (*clean == '\0')
    return;

  term = g_hash_table_lookup (counts, clean);
  if (term == NULL)
    {
      term = g_new0 (AushangSiteTerm, 1);
      term->name = g_strdup (clean);
      g_hash_table_insert (counts, term->name, term);
      g_ptr_array_add (order, term);
    }

  if (from_data)
    term->from_data = TRUE;
  else
    term->count++;
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  const AushangSiteTerm *ta = *(AushangSiteTerm **) a;
  const AushangSiteTerm *tb = *(AushangSiteTerm **) b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;

  return g_utf8_collate (ta->name, tb->name);
}

/* The text values of each key in the maps of a data value (lists of maps,
 * maps of lists, up to three levels down): key → GHashTable of names. */
static void
collect_data_names (AushangValue *value,
                    GHashTable   *by_key,
                    guint         depth)
{
  if (value == NULL || depth > 3)
    return;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          AushangValue *item = aushang_value_get_item (value, i);

          if (aushang_value_get_kind (value) == AUSHANG_VALUE_MAP &&
              aushang_value_get_kind (item) == AUSHANG_VALUE_STRING)
            {
              const char *key = aushang_value_get_key (value, i);
              GHashTable *names = g_hash_table_lookup (by_key, key);
              g_autofree char *clean = g_strstrip (g_strdup (aushang_value_get_string (item)));

              if (*clean == '\0' || strchr (clean, '\n') != NULL)
                continue;
              if (names == NULL)
                {
                  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g_hash_table_insert (by_key, g_strdup (key), names);
                }
              g_hash_table_add (names, g_steal_pointer (&clean));
            }
          else
            collect_data_names (item, by_key, depth + 1);
        }
      break;

    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_STRING:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    default:
      break;
    }
}

guint
aushang_site_name_distance (const char *a,
                            const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (fa, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (fb, -1, NULL);
  glong la = g_utf8_strlen (fa, -1), lb = g_utf8_strlen (fb, -1);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (glong j = 0; j <= lb; j++)
    row[j] = j;

  for (glong i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }

  return row[lb];
}

gboolean
aushang_site_name_is_variant (const char *name,
                              const char *known)
{
  return strcmp (name, known) != 0 &&
         aushang_site_name_distance (name, known) <= MAX (2, (guint) g_utf8_strlen (name, -1) / 4);
}

/* A data file that by its name holds people. */
static gboolean
names_people (const char *path)
{
  static const char *words[] = {
    "team", "author", "autor", "people", "person", "member", "mitglied",
    "staff", "mitarbeit", "crew",
  };
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Authors come from the one data list whose values the documents' author
 * names match (by the key that matches, name or title or whatever the
 * list uses), not from every "name" in every data file: a yearly report's
 * sections are no authors. Without a match, a list named for people
 * (team, authors, …) by its "name" key. Names in documents that are only a
 * misspelling of a listed one are not offered. */
static void
index_authors (AushangSite *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) files = aushang_site_list_data_files (self);
  g_autoptr(GHashTable) best_names = NULL;
  guint best_matches = 0;
  gboolean best_by_name = FALSE;

  self->authors = g_ptr_array_new_with_free_func (term_free);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      const char *keys[] = { "author", "authors" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          AushangValue *value = aushang_value_lookup (document->data, keys[k]);
          g_auto(GStrv) names = value ? aushang_value_dup_strv (value) : NULL;

          for (guint j = 0; names != NULL && names[j] != NULL; j++)
            {
              g_autofree char *clean = g_strstrip (g_strdup (names[j]));

              if (*clean != '\0')
                g_hash_table_add (used, g_steal_pointer (&clean));
            }
        }
    }

  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, f));
      g_autofree char *contents = NULL;
      g_autoptr(AushangValue) value = NULL;
      g_autoptr(GHashTable) by_key = NULL;
      GHashTableIter iter;
      gpointer key, names;
      gsize length = 0;

      if (path == NULL || !(g_str_has_suffix (path, ".yml") || g_str_has_suffix (path, ".yaml")) ||
          !aushang_safe_file_read (path, MAX_CONFIG_SIZE, &contents, &length, NULL, NULL) ||
          memchr (contents, '\0', length) != NULL)
        continue;

      value = aushang_yaml_parse_value (contents, NULL);
      by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
      collect_data_names (value, by_key, 0);

      g_hash_table_iter_init (&iter, by_key);
      while (g_hash_table_iter_next (&iter, &key, &names))
        {
          guint matches = 0;
          GHashTableIter name_iter;
          gpointer name;
          gboolean by_name = strcmp (key, "name") == 0 && names_people (path);

          g_hash_table_iter_init (&name_iter, names);
          while (g_hash_table_iter_next (&name_iter, &name, NULL))
            if (g_hash_table_contains (used, name))
              matches++;

          if (matches > best_matches || (best_matches == 0 && matches == 0 && by_name && !best_by_name))
            {
              best_matches = matches;
              best_by_name = by_name;
              g_clear_pointer (&best_names, g_hash_table_unref);
              best_names = g_hash_table_ref (names);
            }
        }
    }

  if (best_names != NULL && (best_matches > 0 || best_by_name))
    {
      g_autoptr(GList) names = g_hash_table_get_keys (best_names);

      names = g_list_sort (names, (GCompareFunc) g_utf8_collate);
      for (GList *l = names; l != NULL; l = l->next)
        add_term (counts, self->authors, l->data, TRUE);
    }

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      const char *keys[] = { "author", "authors" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          AushangValue *value = aushang_value_lookup (document->data, keys[k]);
          g_auto(GStrv) names = value ? aushang_value_dup_strv (value) : NULL;

          for (guint j = 0; names != NULL && names[j] != NULL; j++)
            add_term (counts, self->authors, names[j], FALSE);
        }
    }

  /* A name only documents use that is a misspelling of a listed one is
   * what --check warns about: not a suggestion. */
  if (best_names != NULL)
    {
      for (guint i = self->authors->len; i > 0; i--)
        {
          AushangSiteTerm *term = g_ptr_array_index (self->authors, i - 1);
          GHashTableIter iter;
          gpointer known;

          if (term->from_data)
            continue;
          g_hash_table_iter_init (&iter, best_names);
          while (g_hash_table_iter_next (&iter, &known, NULL))
            if (aushang_site_name_is_variant (term->name, known))
              {
                g_hash_table_remove (counts, term->name);
                g_ptr_array_remove_index (self->authors, i - 1);
                break;
              }
        }
    }

  g_ptr_array_sort (self->authors, compare_terms);
}

static char *
first_comment (const char *contents)
{
  const char *start = strstr (contents, "{% comment %}");
  const char *end;

  if (start != NULL)
    {
      start += strlen ("{% comment %}");
      end = strstr (start, "{% endcomment %}");
    }
  else if ((start = strstr (contents, "<!--")) != NULL)
    {
      start += 4;
      end = strstr (start, "-->");
    }
  else
    return NULL;

  if (end == NULL || end - start > 2000)
    return NULL;

  return g_strstrip (g_strndup (start, end - start));
}

static void
index_blocks (AushangSite *self,
              GHashTable  *uses)
{
  static GRegex *param_regex;
  static gsize initialized;
  g_autoptr(GFile) includes = g_file_get_child (self->folder, "_includes");
  g_autofree char *includes_path = g_file_get_path (includes);
  g_autoptr(GDir) dir = includes_path ? g_dir_open (includes_path, 0, NULL) : NULL;
  const char *name;

  if (g_once_init_enter (&initialized))
    {
      param_regex = g_regex_new ("\\binclude\\.([A-Za-z_][A-Za-z0-9_-]*)", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  self->blocks = g_ptr_array_new_with_free_func (block_free);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (includes_path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) info = NULL;
      AushangBlock *block;
      GPtrArray *param_sets;
      gsize length = 0;

      if (name[0] == '.' ||
          !aushang_safe_file_read (path, MAX_CONFIG_SIZE, &contents, &length, NULL, NULL) ||
          !g_utf8_validate_len (contents, length, NULL))
        continue;

      block = g_new0 (AushangBlock, 1);
      block->name = g_strdup (name);
      block->file = g_file_new_for_path (path);
      block->params = g_ptr_array_new_with_free_func (g_free);
      block->required = g_ptr_array_new_with_free_func (g_free);
      block->description = first_comment (contents);

      g_regex_match (param_regex, contents, 0, &info);
      while (g_match_info_matches (info))
        {
          g_autofree char *param = g_match_info_fetch (info, 1);

          if (!g_ptr_array_find_with_equal_func (block->params, param, g_str_equal, NULL))
            g_ptr_array_add (block->params, g_steal_pointer (&param));
          g_match_info_next (info, NULL);
        }

      /* A parameter every use passes looks required. */
      param_sets = g_hash_table_lookup (uses, name);
      block->uses = param_sets ? param_sets->len : 0;
      for (guint p = 0; param_sets != NULL && p < block->params->len; p++)
        {
          const char *param = g_ptr_array_index (block->params, p);
          gboolean always = TRUE;

          for (guint u = 0; u < param_sets->len && always; u++)
            always = g_ptr_array_find_with_equal_func (g_ptr_array_index (param_sets, u),
                                                       param, g_str_equal, NULL);
          if (always)
            g_ptr_array_add (block->required, g_strdup (param));
        }

      g_ptr_array_add (self->blocks, block);
    }

}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 ((*(AushangBlock **) a)->name, (*(AushangBlock **) b)->name);
}

static gboolean
is_image_name (const char *name)
{
  static const char *extensions[] = { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif" };
  const char *dot = strrchr (name, '.');

  if (dot == NULL || name[0] == '.')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot, extensions[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
collect_images (const char *site_path,
                const char *path,
                guint       depth,
                GHashTable *seen,
                GPtrArray  *out)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (depth > 8 || out->len >= MAX_IMAGES)
    return;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL && out->len < MAX_IMAGES)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] == '.' || g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_images (site_path, child, depth + 1, seen, out);
      else if (is_image_name (name))
        {
          char *site_absolute = g_strconcat ("/", child + strlen (site_path) + 1, NULL);

          if (g_hash_table_add (seen, site_absolute))
            g_ptr_array_add (out, site_absolute);
        }
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
index_images (AushangSite *self)
{
  g_autofree char *site_path = g_file_get_path (self->folder);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *image_keys[] = { "header_image", "image", "thumbnail" };
  GHashTableIter iter;
  gpointer key;

  self->images = g_ptr_array_new_with_free_func (g_free);
  if (site_path == NULL)
    return;

  g_hash_table_add (folders, g_strdup ("assets"));

  /* Wherever documents take their images from. */
  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);

      for (guint k = 0; k < G_N_ELEMENTS (image_keys); k++)
        {
          AushangValue *value = aushang_value_lookup (document->data, image_keys[k]);
          const char *text = value ? aushang_value_get_string (value) : NULL;
          g_autofree char *folder = NULL;

          if (text == NULL || text[0] != '/' || strstr (text, "..") != NULL || strstr (text, "://") != NULL)
            continue;

          folder = g_path_get_dirname (text + 1);
          if (strcmp (folder, ".") != 0)
            {
              /* The top folder: "/images/2025/a.png" -> "images". */
              char *slash = strchr (folder, '/');

              if (slash != NULL)
                *slash = '\0';
              g_hash_table_add (folders, g_steal_pointer (&folder));
            }
        }
    }

  g_hash_table_iter_init (&iter, folders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *path = g_build_filename (site_path, key, NULL);

      if (((const char *) key)[0] != '_' && ((const char *) key)[0] != '.')
        collect_images (site_path, path, 0, seen, self->images);
    }

  g_ptr_array_sort (self->images, compare_paths);
}

static void
ensure_index (AushangSite *self)
{
  g_autoptr(GHashTable) block_uses = NULL;

  if (self->indexed)
    return;

  self->indexed = TRUE;
  self->documents = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->all_documents = g_ptr_array_new_with_free_func (site_document_free);
  block_uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (self->collections, i);
      g_autoptr(GPtrArray) files = aushang_site_list_documents (self, collection);
      GPtrArray *documents = g_ptr_array_new ();

      for (guint j = 0; j < files->len; j++)
        {
          AushangSiteDocument *document = index_document (self, collection, g_ptr_array_index (files, j), block_uses);

          g_ptr_array_add (self->all_documents, document);
          g_ptr_array_add (documents, document);
        }

      g_ptr_array_sort (documents, compare_documents);
      g_hash_table_insert (self->documents, collection, documents);
    }

  index_authors (self);
  index_blocks (self, block_uses);
  g_ptr_array_sort (self->blocks, compare_blocks);
  index_images (self);
}

void
aushang_site_reload (AushangSite *self)
{
  g_return_if_fail (AUSHANG_IS_SITE (self));

  clear_index (self);
}

GPtrArray *
aushang_site_get_documents (AushangSite       *self,
                            AushangCollection *collection)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  ensure_index (self);

  return g_hash_table_lookup (self->documents, collection);
}

GPtrArray *
aushang_site_get_authors (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  ensure_index (self);

  return self->authors;
}

GPtrArray *
aushang_site_get_terms (AushangSite       *self,
                        AushangCollection *collection,
                        const char        *key)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *terms = g_ptr_array_new_with_free_func (term_free);

  g_return_val_if_fail (AUSHANG_IS_SITE (self), terms);
  g_return_val_if_fail (key != NULL, terms);

  ensure_index (self);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      AushangValue *value;
      g_auto(GStrv) names = NULL;

      if (collection != NULL && document->collection != collection)
        continue;

      value = aushang_value_lookup (document->data, key);
      if (value == NULL)
        continue;

      if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
        names = g_strsplit_set (aushang_value_get_string (value), " \t", -1);
      else
        names = aushang_value_dup_strv (value);

      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        add_term (counts, terms, names[j], FALSE);
    }

  g_ptr_array_sort (terms, compare_terms);

  return terms;
}

GPtrArray *
aushang_site_get_blocks (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  ensure_index (self);

  return self->blocks;
}

AushangBlock *
aushang_site_find_block (AushangSite *self,
                         const char  *name)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  ensure_index (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (self->blocks, i);

      if (g_strcmp0 (block->name, name) == 0)
        return block;
    }

  return NULL;
}

GPtrArray *
aushang_site_get_images (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  ensure_index (self);

  return self->images;
}

AushangCollection *
aushang_site_get_default_collection (AushangSite *self)
{
  AushangCollection *best = NULL;
  GDateTime *best_date = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  ensure_index (self);

  for (guint i = 0; i < self->collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (self->collections, i);
      GPtrArray *documents = g_hash_table_lookup (self->documents, collection);

      if (strcmp (collection->name, "drafts") == 0)
        continue;

      for (guint j = 0; documents != NULL && j < documents->len; j++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, j);

          if (document->date == NULL)
            continue;
          if (best_date == NULL || g_date_time_compare (document->date, best_date) > 0)
            {
              best = collection;
              best_date = document->date;
            }
          break;
        }
    }

  return best ? best : aushang_site_get_collection (self, "posts");
}

AushangSchema *
aushang_site_get_schema (AushangSite       *self,
                         AushangCollection *collection)
{
  AushangSchema *schema;
  GPtrArray *documents;
  g_autoptr(GPtrArray) front_matters = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  ensure_index (self);

  if (self->schemas == NULL)
    self->schemas = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  schema = g_hash_table_lookup (self->schemas, collection);
  if (schema != NULL)
    return schema;

  documents = aushang_site_get_documents (self, collection);
  front_matters = g_ptr_array_new ();
  for (guint i = 0; i < documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);

      if (!document->has_problem)
        g_ptr_array_add (front_matters, document->data);
    }

  schema = aushang_schema_infer (front_matters);
  g_hash_table_insert (self->schemas, collection, schema);

  return schema;
}

typedef struct
{
  char   *key;
  double  position;
  guint   count;
} KeyPosition;

static int
compare_key_positions (gconstpointer a,
                       gconstpointer b)
{
  const KeyPosition *ka = *(KeyPosition **) a;
  const KeyPosition *kb = *(KeyPosition **) b;
  double pa = ka->position / ka->count, pb = kb->position / kb->count;

  return pa < pb ? -1 : pa > pb;
}

char **
aushang_site_dup_key_order (AushangSite       *self,
                            AushangCollection *collection)
{
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *documents;
  guint used = 0;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  documents = aushang_site_get_documents (self, collection);

  /* The average relative position of each key in the newest documents. */
  for (guint i = 0; i < documents->len && used < 50; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);
      guint n = g_strv_length (document->keys);

      if (document->has_problem || n == 0)
        continue;
      used++;

      for (guint k = 0; k < n; k++)
        {
          KeyPosition *entry = g_hash_table_lookup (positions, document->keys[k]);

          if (entry == NULL)
            {
              entry = g_new0 (KeyPosition, 1);
              entry->key = document->keys[k];
              g_hash_table_insert (positions, entry->key, entry);
              g_ptr_array_add (sorted, entry);
            }
          entry->position += n > 1 ? (double) k / (n - 1) : 0;
          entry->count++;
        }
    }

  g_ptr_array_sort (sorted, compare_key_positions);
  for (guint i = 0; i < sorted->len; i++)
    g_strv_builder_add (builder, ((KeyPosition *) g_ptr_array_index (sorted, i))->key);

  return g_strv_builder_end (builder);
}

AushangBlock *
aushang_site_find_registration_block (AushangSite *self)
{
  static const char *words[] = { "anmeld", "registr", "pretix", "ticket", "signup", "rsvp" };
  AushangBlock *with_event = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  ensure_index (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (self->blocks, i);
      g_autofree char *lower = g_ascii_strdown (block->name, -1);

      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        if (strstr (lower, words[w]) != NULL)
          return block;

      if (with_event == NULL &&
          g_ptr_array_find_with_equal_func (block->params, "event", g_str_equal, NULL))
        with_event = block;
    }

  return with_event;
}

gboolean
aushang_site_get_shows_future (AushangSite *self)
{
  AushangValue *future;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), FALSE);

  future = self->config ? aushang_value_lookup (self->config, "future") : NULL;

  return future != NULL && aushang_value_get_boolean (future);
}

/* Whether most of the collection's documents have dated file names, and
 * the extension they use most. */
static void
naming_habits (GPtrArray  *documents,
               gboolean   *dated,
               char      **extension)
{
  g_autoptr(GHashTable) extensions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_dated = 0, best = 0;
  GHashTableIter iter;
  gpointer key, value;

  *extension = g_strdup ("md");

  for (guint i = 0; i < documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *name = g_file_get_basename (document->file);
      g_autoptr(GDateTime) date = date_from_name (name, NULL);
      const char *dot = strrchr (name, '.');

      if (date != NULL)
        n_dated++;

      if (dot != NULL)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (extensions, dot + 1));

          g_hash_table_insert (extensions, g_strdup (dot + 1), GUINT_TO_POINTER (count + 1));
        }
    }

  *dated = documents->len > 0 && n_dated * 2 > documents->len;

  g_hash_table_iter_init (&iter, extensions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) > best)
        {
          best = GPOINTER_TO_UINT (value);
          g_free (*extension);
          *extension = g_strdup (key);
        }
    }
}

static AushangFrontMatter *
load_model_front_matter (GPtrArray       *documents,
                         AushangDocument **holder)
{
  for (guint i = 0; i < documents->len && i < 10; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);
      AushangDocument *loaded;

      if (document->has_problem)
        continue;

      loaded = aushang_document_load (document->file, NULL);
      if (loaded != NULL && aushang_document_get_problem (loaded, NULL, NULL) == NULL &&
          aushang_document_get_has_front_matter (loaded))
        {
          *holder = loaded;
          return aushang_document_get_front_matter (loaded);
        }
      g_clear_object (&loaded);
    }

  return NULL;
}

static char *
announcement_body (AushangSite *self,
                   const char  *eol)
{
  AushangBlock *registration = aushang_site_find_registration_block (self);
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "%s%s%s", eol,
                          _("Describe in two or three sentences what happens and who it is for."), eol);
  g_string_append_printf (body, "%s### %s%s%s", eol, _("Content"), eol, eol);
  g_string_append_printf (body, "- %s%s- %s%s", _("What participants learn or do"), eol,
                          _("What they need to bring"), eol);
  g_string_append_printf (body, "%s### %s%s%s", eol, _("Place and time"), eol, eol);
  g_string_append_printf (body, "**%s**<br>%s**%s:** 18:00<br>%s**%s:** 20:00%s", _("Venue, street, town"), eol,
                          _("Start"), eol, _("End"), eol);

  if (registration != NULL)
    {
      g_string_append_printf (body, "%s### %s%s%s{%% include %s", eol, _("Registration"), eol, eol,
                              registration->name);
      for (guint i = 0; i < registration->required->len; i++)
        g_string_append_printf (body, " %s=\"\"", (char *) g_ptr_array_index (registration->required, i));
      if (registration->required->len == 0 &&
          g_ptr_array_find_with_equal_func (registration->params, "event", g_str_equal, NULL))
        g_string_append (body, " event=\"\"");
      g_string_append_printf (body, " %%}%s", eol);
    }

  return g_string_free (body, FALSE);
}

AushangDocument *
aushang_site_create_document (AushangSite        *self,
                              AushangCollection  *collection,
                              const char         *title,
                              GDateTime          *date,
                              const char * const *authors,
                              gboolean            announcement,
                              GFile             **file,
                              GError            **error)
{
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(AushangDocument) model_holder = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) key_order = NULL;
  g_autoptr(GFile) target = NULL;
  AushangFrontMatter *model, *fm;
  AushangSchema *schema;
  AushangField *date_field, *author_field;
  GPtrArray *documents;
  gboolean dated;
  guint n_authors = authors ? g_strv_length ((char **) authors) : 0;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (date == NULL)
    date = now = g_date_time_new_now_local ();

  documents = aushang_site_get_documents (self, collection);
  schema = aushang_site_get_schema (self, collection);
  naming_habits (documents, &dated, &extension);
  dated = dated || collection->dated_names;

  name = dated ? aushang_post_file_name (date, title, extension)
               : aushang_collection_file_name (title, extension);

  if (!g_file_query_exists (collection->folder, NULL) &&
      !g_file_make_directory_with_parents (collection->folder, NULL, error))
    return NULL;

  target = aushang_unique_file (collection->folder, name);
  if (target == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There are too many documents named like “%s” already."), name);
      return NULL;
    }

  document = aushang_document_new ();
  fm = aushang_document_get_front_matter (document);

  model = load_model_front_matter (documents, &model_holder);
  if (model != NULL)
    aushang_front_matter_adopt_style (fm, model);

  key_order = aushang_site_dup_key_order (self, collection);
  aushang_front_matter_set_key_order (fm, (const char * const *) key_order);

  if (!aushang_front_matter_set_string (fm, "title", title, error))
    return NULL;

  date_field = aushang_schema_get_field (schema, "date");
  {
    g_autoptr(AushangValue) value = NULL;

    if (date_field != NULL && date_field->kind == AUSHANG_FIELD_DATETIME)
      value = aushang_value_new_datetime (g_date_time_get_year (date), g_date_time_get_month (date),
                                          g_date_time_get_day_of_month (date), g_date_time_get_hour (date),
                                          g_date_time_get_minute (date), 0, TRUE,
                                          g_date_time_get_utc_offset (date) / G_TIME_SPAN_SECOND);
    else
      value = aushang_value_new_date (g_date_time_get_year (date), g_date_time_get_month (date),
                                      g_date_time_get_day_of_month (date));

    if (!aushang_front_matter_set_value (fm, "date", value, error))
      return NULL;
  }

  if (n_authors > 0)
    {
      author_field = aushang_schema_get_field (schema, "authors");
      if (author_field == NULL)
        author_field = aushang_schema_get_field (schema, "author");

      /* The collection's spelling: "author: Name" or "authors: [...]". */
      if (author_field != NULL && strcmp (author_field->key, "author") == 0 && n_authors == 1)
        {
          if (!aushang_front_matter_set_string (fm, "author", authors[0], error))
            return NULL;
        }
      else if (!aushang_front_matter_set_strv (fm, author_field ? author_field->key : "authors", authors, error))
        return NULL;
    }

  if (announcement)
    {
      g_autofree char *body = announcement_body (self, aushang_document_get_line_ending (document));

      aushang_document_set_body (document, body);
    }

  aushang_document_set_modified (document, TRUE);

  if (file != NULL)
    *file = g_steal_pointer (&target);

  return g_steal_pointer (&document);
}

/* Data files */

static void
collect_data_files (GFile     *folder,
                    guint      depth,
                    GPtrArray *out)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (depth > MAX_DEPTH)
    return;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      name = g_file_info_get_name (info);
      /* Jekyll's Dir["*"]: no hidden names; symbolic links are skipped. */
      if (name[0] == '.')
        continue;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        collect_data_files (child, depth + 1, out);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
               aushang_data_file_name_is_data (name))
        g_ptr_array_add (out, g_object_ref (child));
    }
}

GFile *
aushang_site_get_data_folder (AushangSite *self)
{
  const char *data_dir;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  data_dir = config_string (self->config, "data_dir");
  if (data_dir == NULL || *data_dir == '\0' || strstr (data_dir, "..") != NULL || data_dir[0] == '/')
    data_dir = "_data";

  return g_file_resolve_relative_path (self->folder, data_dir);
}

GPtrArray *
aushang_site_list_data_files (AushangSite *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) folder = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), out);

  folder = aushang_site_get_data_folder (self);
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_DIRECTORY)
    collect_data_files (folder, 0, out);
  g_ptr_array_sort (out, compare_files);

  return out;
}

/* The addresses of pages */

/* Jekyll's Utils.slugify: "default" mode lower-cased, "pretty" mode (for
 * :title) keeping case and more punctuation. */
static char *
url_slug (const char *text,
          gboolean    pretty)
{
  GString *out = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean keep = g_unichar_isalnum (c) || g_unichar_ismark (c) ||
                      (pretty && strchr ("._~!$&'()+,;=@", c) != NULL && c < 128);

      if (keep)
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          dash = FALSE;
          g_string_append_unichar (out, pretty ? c : g_unichar_tolower (c));
        }
      else
        dash = TRUE;
    }

  return g_string_free (out, FALSE);
}

/* An address reduced so that /a/, /a, /a.html and /a/index.html meet. */
static char *
normalise_url (const char *url)
{
  g_autofree char *unescaped = g_uri_unescape_string (url, NULL);
  GString *out = g_string_new (unescaped ? unescaped : url);
  char *cut;

  if ((cut = strpbrk (out->str, "?#")) != NULL)
    g_string_truncate (out, cut - out->str);
  if (g_str_has_suffix (out->str, "/index.html"))
    g_string_truncate (out, out->len - strlen ("index.html"));
  else if (g_str_has_suffix (out->str, ".html"))
    g_string_truncate (out, out->len - strlen (".html"));
  while (out->len > 1 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0 || out->str[0] != '/')
    g_string_prepend_c (out, '/');

  return g_string_free (out, FALSE);
}

static const char *
permalink_style (const char *permalink)
{
  if (permalink == NULL || strcmp (permalink, "date") == 0)
    return "/:categories/:year/:month/:day/:title:output_ext";
  if (strcmp (permalink, "pretty") == 0)
    return "/:categories/:year/:month/:day/:title/";
  if (strcmp (permalink, "ordinal") == 0)
    return "/:categories/:year/:y_day/:title:output_ext";
  if (strcmp (permalink, "weekdate") == 0)
    return "/:categories/:year/W:week/:short_day/:title:output_ext";
  if (strcmp (permalink, "none") == 0)
    return "/:categories/:title:output_ext";

  return permalink;
}

/* Fills a permalink template the way Jekyll does for a document. */
static char *
expand_permalink (const char          *template,
                  AushangSiteDocument *document,
                  const char          *collection)
{
  static const char *placeholders[] = {
    "categories", "collection", "output_ext", "short_year", "i_month", "i_day",
    "y_day", "year", "month", "day", "hour", "minute", "second", "title",
    "name", "slug", "path",
  };
  g_autofree char *base = g_path_get_basename (document->relative_path);
  g_autofree char *relative = g_strdup (document->relative_path);
  GString *out = g_string_new (NULL);
  char *dot = strrchr (base, '.');
  const char *name = base;
  AushangValue *slug = aushang_value_lookup (document->data, "slug");
  AushangValue *categories = aushang_value_lookup (document->data, "categories");
  g_autoptr(GString) category_path = g_string_new (NULL);

  if (dot != NULL && dot != base)
    *dot = '\0';
  /* A post's title is the part of its name after the date. */
  if (document->collection != NULL && document->collection->dated_names &&
      g_regex_match_simple ("^\\d{4}-\\d{1,2}-\\d{1,2}-", base, 0, 0))
    name = strchr (strchr (strchr (base, '-') + 1, '-') + 1, '-') + 1;

  if (categories == NULL)
    categories = aushang_value_lookup (document->data, "category");
  if (categories != NULL)
    {
      g_auto(GStrv) items = aushang_value_get_kind (categories) == AUSHANG_VALUE_STRING
                            ? g_strsplit_set (aushang_value_get_string (categories), " ", -1)
                            : aushang_value_dup_strv (categories);

      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        {
          g_autofree char *lower = g_utf8_strdown (items[i], -1);

          if (*lower == '\0')
            continue;
          if (category_path->len > 0)
            g_string_append_c (category_path, '/');
          g_string_append (category_path, lower);
        }
    }

  /* The collection's own path: without the leading "_label/". */
  if (collection != NULL)
    {
      g_autofree char *prefix = g_strconcat ("_", collection, "/", NULL);
      char *found = strstr (relative, prefix);

      if (found != NULL)
        memmove (relative, found + strlen (prefix), strlen (found + strlen (prefix)) + 1);
      dot = strrchr (relative, '.');
      if (dot != NULL && strchr (dot, '/') == NULL)
        *dot = '\0';
    }

  for (const char *p = template; *p; )
    {
      gboolean matched = FALSE;

      if (*p == ':')
        for (guint i = 0; i < G_N_ELEMENTS (placeholders) && !matched; i++)
          {
            gsize len = strlen (placeholders[i]);
            const char *key = placeholders[i];
            GDateTime *date = document->date;

            if (strncmp (p + 1, key, len) != 0)
              continue;
            matched = TRUE;
            p += 1 + len;

            if (strcmp (key, "categories") == 0)
              g_string_append (out, category_path->str);
            else if (strcmp (key, "collection") == 0)
              g_string_append (out, collection ? collection : "posts");
            else if (strcmp (key, "output_ext") == 0)
              g_string_append (out, ".html");
            else if (strcmp (key, "title") == 0)
              {
                g_autofree char *part = url_slug (slug && aushang_value_get_kind (slug) == AUSHANG_VALUE_STRING
                                                  ? aushang_value_get_string (slug) : name, TRUE);
                g_string_append (out, part);
              }
            else if (strcmp (key, "name") == 0 || strcmp (key, "slug") == 0)
              {
                g_autofree char *part = url_slug (strcmp (key, "slug") == 0 && slug != NULL &&
                                                  aushang_value_get_kind (slug) == AUSHANG_VALUE_STRING
                                                  ? aushang_value_get_string (slug) : name, FALSE);
                g_string_append (out, part);
              }
            else if (strcmp (key, "path") == 0)
              g_string_append (out, relative);
            else if (date == NULL)
              ;
            else if (strcmp (key, "year") == 0)
              g_string_append_printf (out, "%04d", g_date_time_get_year (date));
            else if (strcmp (key, "short_year") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_year (date) % 100);
            else if (strcmp (key, "month") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_month (date));
            else if (strcmp (key, "i_month") == 0)
              g_string_append_printf (out, "%d", g_date_time_get_month (date));
            else if (strcmp (key, "day") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_day_of_month (date));
            else if (strcmp (key, "i_day") == 0)
              g_string_append_printf (out, "%d", g_date_time_get_day_of_month (date));
            else if (strcmp (key, "y_day") == 0)
              g_string_append_printf (out, "%03d", g_date_time_get_day_of_year (date));
            else if (strcmp (key, "hour") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_hour (date));
            else if (strcmp (key, "minute") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_minute (date));
            else if (strcmp (key, "second") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_second (date));
          }

      if (!matched)
        g_string_append_c (out, *p++);
    }

  /* Jekyll joins the parts and squeezes the slashes. */
  while (strstr (out->str, "//") != NULL)
    {
      char *twice = strstr (out->str, "//");

      g_string_erase (out, twice - out->str, 1);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_excluded (AushangSite *self,
             const char  *relative)
{
  AushangValue *exclude = self->config ? aushang_value_lookup (self->config, "exclude") : NULL;
  g_auto(GStrv) items = exclude ? aushang_value_dup_strv (exclude) : NULL;

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      gsize len = strlen (items[i]);

      if (len > 0 && strncmp (relative, items[i], len) == 0 &&
          (relative[len] == '\0' || relative[len] == '/'))
        return TRUE;
    }

  return FALSE;
}

static void
add_url (AushangSite *self,
         GFile       *file,
         const char  *url)
{
  g_autofree char *path = g_file_get_path (file);

  g_hash_table_insert (self->urls, normalise_url (url), g_object_ref (file));
  if (path != NULL)
    g_hash_table_insert (self->urls_by_path, g_steal_pointer (&path), g_strdup (url));
}

/* The pages outside the collections: files with front matter. */
static void
index_page_urls (AushangSite *self,
                 GFile       *folder,
                 guint        depth)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (depth > MAX_DEPTH)
    return;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;
      g_autofree char *relative = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (name[0] == '_' || name[0] == '.' || strcmp (name, "node_modules") == 0 ||
          strcmp (name, "vendor") == 0)
        continue;

      relative = g_file_get_relative_path (self->folder, child);
      if (relative == NULL || is_excluded (self, relative))
        continue;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        index_page_urls (self, child, depth + 1);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && is_document_name (name))
        {
          g_autofree char *path = g_file_get_path (child);
          g_autofree char *contents = NULL;
          g_autoptr(AushangDocument) document = NULL;
          g_autofree char *url = NULL;
          AushangValue *own;
          gsize length = 0;

          if (path == NULL || !aushang_safe_file_read (path, 1024 * 1024, &contents, &length, NULL, NULL))
            continue;
          document = aushang_document_new_from_data (contents, length);
          if (!aushang_document_get_has_front_matter (document))
            continue;

          own = aushang_front_matter_get (aushang_document_get_front_matter (document), "permalink");
          if (own != NULL && aushang_value_get_kind (own) == AUSHANG_VALUE_STRING)
            url = g_strdup (aushang_value_get_string (own));
          else
            {
              g_autofree char *without = g_strdup (relative);
              char *dot = strrchr (without, '.');
              const char *base;

              if (dot != NULL)
                *dot = '\0';
              /* index.md is its folder; other pages end in .html (and
               * /about.html and /about/ meet when compared). */
              base = strrchr (without, '/') ? strrchr (without, '/') + 1 : without;
              if (strcmp (base, "index") == 0)
                url = g_strndup (without, base - without);
              else
                url = g_strconcat (without, ".html", NULL);
              if (url[0] != '/')
                {
                  char *rooted = g_strconcat ("/", url, NULL);

                  g_free (url);
                  url = rooted;
                }
            }
          add_url (self, child, url);
          g_ptr_array_add (self->pages, g_object_ref (child));
        }
    }
}

static void
index_urls (AushangSite *self)
{
  if (self->urls != NULL)
    return;

  self->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->urls_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pages = g_ptr_array_new_with_free_func (g_object_unref);
  ensure_index (self);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      AushangCollection *collection = document->collection;
      AushangValue *own = aushang_value_lookup (document->data, "permalink");
      AushangValue *published = aushang_value_lookup (document->data, "published");
      g_autofree char *url = NULL;
      const char *template;

      if (collection == NULL || (!collection->output && strcmp (collection->name, "posts") != 0) ||
          strcmp (collection->name, "drafts") == 0 ||
          (published != NULL && aushang_value_get_kind (published) == AUSHANG_VALUE_BOOLEAN &&
           !aushang_value_get_boolean (published)))
        continue;

      if (own != NULL && aushang_value_get_kind (own) == AUSHANG_VALUE_STRING)
        template = aushang_value_get_string (own);
      else if (strcmp (collection->name, "posts") == 0)
        template = permalink_style (collection->permalink ? collection->permalink
                                                          : config_string (self->config, "permalink"));
      else
        template = collection->permalink ? permalink_style (collection->permalink)
                                         : "/:collection/:path:output_ext";

      url = expand_permalink (template, document, strcmp (collection->name, "posts") == 0 ? NULL : collection->name);
      add_url (self, document->file, url);
    }

  index_page_urls (self, self->folder, 0);
  g_ptr_array_sort (self->pages, compare_files);
}

GPtrArray *
aushang_site_get_pages (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  index_urls (self);

  return self->pages;
}

gboolean
aushang_site_has_path (AushangSite *self,
                       const char  *site_path)
{
  g_autofree char *normal = NULL;
  g_autofree char *clean = NULL;
  g_autoptr(GFile) file = NULL;
  const char *path = site_path;
  const char *baseurl;
  char *cut;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), TRUE);
  g_return_val_if_fail (site_path != NULL, TRUE);

  if (g_str_has_prefix (path, "{{ site.baseurl }}"))
    path += strlen ("{{ site.baseurl }}");
  else if (g_str_has_prefix (path, "{{site.baseurl}}"))
    path += strlen ("{{site.baseurl}}");
  baseurl = config_string (self->config, "baseurl");
  if (baseurl != NULL && *baseurl == '/' && baseurl[1] != '\0' && g_str_has_prefix (path, baseurl))
    path += strlen (baseurl);

  /* Not a path of this site: not ours to judge. */
  if (path[0] != '/' || path[1] == '/' || strstr (path, "..") != NULL || strstr (path, "{{") != NULL)
    return TRUE;

  /* A file that is there (an image, a PDF, a folder's index). */
  clean = g_uri_unescape_string (path + 1, NULL);
  if (clean == NULL)
    clean = g_strdup (path + 1);
  if ((cut = strpbrk (clean, "?#")) != NULL)
    *cut = '\0';
  file = g_file_resolve_relative_path (self->folder, clean);
  if (*clean != '\0' && g_file_query_exists (file, NULL))
    return TRUE;

  index_urls (self);
  normal = normalise_url (path);

  return g_hash_table_contains (self->urls, normal);
}

char *
aushang_site_dup_url (AushangSite *self,
                      GFile       *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    return NULL;

  index_urls (self);

  return g_strdup (g_hash_table_lookup (self->urls_by_path, path));
}

GFile *
aushang_site_find_page (AushangSite *self,
                        const char  *site_path)
{
  g_autofree char *normal = NULL;
  const char *path = site_path;
  const char *baseurl;
  GFile *file;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (site_path != NULL, NULL);

  if (g_str_has_prefix (path, "{{ site.baseurl }}"))
    path += strlen ("{{ site.baseurl }}");
  else if (g_str_has_prefix (path, "{{site.baseurl}}"))
    path += strlen ("{{site.baseurl}}");
  baseurl = config_string (self->config, "baseurl");
  if (baseurl != NULL && *baseurl == '/' && baseurl[1] != '\0' && g_str_has_prefix (path, baseurl))
    path += strlen (baseurl);
  if (path[0] != '/' || path[1] == '/')
    return NULL;

  index_urls (self);
  normal = normalise_url (path);
  file = g_hash_table_lookup (self->urls, normal);

  return file ? g_object_ref (file) : NULL;
}

/* Documents named by others */

/* A document's name as other documents write it: the file name without
 * extension ("rueckblick-repair-cafe", "2026-04-17-neuer-lasercutter"). */
static char *
document_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

/* Keys with a meaning of their own, whose values are never document
 * names even where one happens to match. */
static gboolean
is_reserved_key (const char *key)
{
  static const char *reserved[] = {
    "title", "layout", "permalink", "date", "categories", "category", "tags", "tag",
    "author", "authors", "published", "slug", "lang", "language", "header_image",
    "image", "teaser", "description", "excerpt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (strcmp (key, reserved[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
index_references (AushangSite *self)
{
  g_autoptr(GHashTable) matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, total;

  if (self->by_name != NULL)
    return;

  ensure_index (self);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->reference_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);

      g_hash_table_insert (self->by_name, document_name (document->file), g_object_ref (document->file));
    }

  /* A key is a reference when most of the values the documents give it
   * are names of documents. */
  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);

      for (guint k = 0; k < aushang_value_get_length (document->data); k++)
        {
          const char *name = aushang_value_get_key (document->data, k);
          AushangValue *value = aushang_value_get_item (document->data, k);
          guint n;

          if (aushang_value_get_kind (value) != AUSHANG_VALUE_STRING || is_reserved_key (name))
            continue;

          n = GPOINTER_TO_UINT (g_hash_table_lookup (totals, name));
          g_hash_table_insert (totals, g_strdup (name), GUINT_TO_POINTER (n + 1));
          if (g_hash_table_contains (self->by_name, aushang_value_get_string (value)))
            {
              n = GPOINTER_TO_UINT (g_hash_table_lookup (matches, name));
              g_hash_table_insert (matches, g_strdup (name), GUINT_TO_POINTER (n + 1));
            }
        }
    }

  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &total))
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (matches, key));

      if (found > 0 && found * 2 >= GPOINTER_TO_UINT (total))
        g_hash_table_add (self->reference_keys, g_strdup (key));
    }
}

gboolean
aushang_site_key_names_documents (AushangSite *self,
                                  const char  *key)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  index_references (self);

  return g_hash_table_contains (self->reference_keys, key);
}

GFile *
aushang_site_find_document_by_name (AushangSite *self,
                                    const char  *name)
{
  GFile *file;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index_references (self);
  file = g_hash_table_lookup (self->by_name, name);

  return file ? g_object_ref (file) : NULL;
}
