/* aushang-site.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-data-file.h"
#include "aushang-document.h"
#include "aushang-safe-file.h"
#include "aushang-site-private.h"

/* The object: finding a site, its configuration, its collections and
 * the files in them, and its data files. The index lives in
 * aushang-site-*.c. */

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
aushang_site_finalize (GObject *object)
{
  AushangSite *self = (AushangSite *)object;

  aushang_site_clear_index (self);
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

const char *
aushang_site_config_string (AushangValue *map,
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
      collection->permalink = g_strdup (aushang_site_config_string (settings, "permalink"));
    }

  g_ptr_array_add (self->collections, collection);
}

static void
read_collections (AushangSite *self)
{
  AushangValue *declared = self->config ? aushang_value_lookup (self->config, "collections") : NULL;
  const char *collections_dir = aushang_site_config_string (self->config, "collections_dir");
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

GTimeZone *
aushang_site_dup_time_zone (AushangSite *self)
{
  AushangValue *zone = NULL;

  if (self != NULL && self->config != NULL && aushang_value_get_kind (self->config) == AUSHANG_VALUE_MAP)
    zone = aushang_value_lookup (self->config, "timezone");

  if (zone != NULL && aushang_value_get_kind (zone) == AUSHANG_VALUE_STRING)
    {
      GTimeZone *tz = g_time_zone_new_identifier (aushang_value_get_string (zone));

      if (tz != NULL)
        return tz;
    }

  return g_time_zone_new_local ();
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

gboolean
aushang_site_get_shows_future (AushangSite *self)
{
  AushangValue *future;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), FALSE);

  future = self->config ? aushang_value_lookup (self->config, "future") : NULL;

  return future != NULL && aushang_value_get_boolean (future);
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

gboolean
aushang_site_is_document_name (const char *name)
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
          if (aushang_site_is_document_name (name))
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

int
aushang_site_compare_files (gconstpointer a,
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

  g_ptr_array_sort (out, aushang_site_compare_files);

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

  data_dir = aushang_site_config_string (self->config, "data_dir");
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
  g_ptr_array_sort (out, aushang_site_compare_files);

  return out;
}
