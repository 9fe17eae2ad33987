/* aushang-site-images.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <string.h>

#include "aushang-site-private.h"

/* The images of the site, in the folders its documents take them from. */

#define MAX_IMAGES 10000

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

void
aushang_site_index_images (AushangSite *self)
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

GPtrArray *
aushang_site_get_images (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  aushang_site_ensure_index (self);

  return self->images;
}
