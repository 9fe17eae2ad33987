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

#include "aushang-document.h"
#include "aushang-site.h"
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
aushang_site_finalize (GObject *object)
{
  AushangSite *self = (AushangSite *)object;

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
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *framed = NULL;
  g_autoptr(AushangDocument) document = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > MAX_CONFIG_SIZE)
    {
      g_set_error_literal (&self->config_error, AUSHANG_SITE_ERROR, AUSHANG_SITE_ERROR_INVALID_CONFIG,
                           _("_config.yml is too large to read."));
      return;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (&self->config_error, AUSHANG_SITE_ERROR, AUSHANG_SITE_ERROR_INVALID_CONFIG,
                     _("_config.yml cannot be read: %s"), error->message);
      return;
    }

  /* The configuration is read with the same lossless reader as front
   * matter, so its problems are named the same way. */
  framed = g_strdup_printf ("---\n%.*s%s---\n", (int) length, contents,
                            length > 0 && contents[length - 1] != '\n' ? "\n" : "");
  document = aushang_document_new_from_data (framed, strlen (framed));

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

AushangSite *
aushang_site_new (GFile   *folder,
                  GError **error)
{
  g_autoptr(GFile) config = NULL;
  AushangSite *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  config = g_file_get_child (folder, "_config.yml");
  if (!is_folder (folder) || !g_file_query_exists (config, NULL))
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

GPtrArray *
aushang_site_list_documents (AushangSite       *self,
                             AushangCollection *collection)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (AUSHANG_IS_SITE (self), out);
  g_return_val_if_fail (collection != NULL, out);

  if (is_folder (collection->folder))
    collect_documents (collection->folder, 0, out);

  g_ptr_array_sort (out, compare_files);

  return out;
}
