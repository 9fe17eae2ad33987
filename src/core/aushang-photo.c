/* aushang-photo.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-photo"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "aushang-photo.h"
#include "aushang-slug.h"

#define DEFAULT_FOLDER "/assets/images"

void
aushang_photo_free (AushangPhoto *photo)
{
  if (photo == NULL)
    return;

  g_clear_object (&photo->file);
  g_free (photo->site_path);
  g_free (photo);
}

char *
aushang_photo_dup_folder (AushangSite *site)
{
  GPtrArray *images = aushang_site_get_images (site);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *best = NULL;
  guint best_count = 0;
  GHashTableIter iter;
  gpointer folder, count;

  for (guint i = 0; images != NULL && i < images->len; i++)
    {
      char *dir = g_path_get_dirname (g_ptr_array_index (images, i));

      g_hash_table_insert (counts, dir,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, dir)) + 1));
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &folder, &count))
    {
      /* The most images; on a tie the shorter, then the first path. */
      if (GPOINTER_TO_UINT (count) > best_count ||
          (GPOINTER_TO_UINT (count) == best_count && best != NULL &&
           (strlen (folder) < strlen (best) ||
            (strlen (folder) == strlen (best) && strcmp (folder, best) < 0))))
        {
          best = folder;
          best_count = GPOINTER_TO_UINT (count);
        }
    }

  if (best == NULL || g_str_equal (best, "/") || g_str_equal (best, "."))
    return g_strdup (DEFAULT_FOLDER);

  return g_strdup (best);
}

static GFile *
resolve_site_path (AushangSite *site,
                   const char  *site_path)
{
  return g_file_resolve_relative_path (aushang_site_get_folder (site), site_path + strspn (site_path, "/"));
}

int
aushang_photo_get_max_width (AushangSite *site)
{
  g_autofree char *folder_path = aushang_photo_dup_folder (site);
  g_autoptr(GFile) folder = resolve_site_path (site, folder_path);
  g_autoptr(GFileEnumerator) children = NULL;
  int widest = 0;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) child = NULL;
      g_autofree char *path = NULL;
      int width = 0, height = 0;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      child = g_file_get_child (folder, g_file_info_get_name (info));
      path = g_file_get_path (child);
      /* Only the header is read. */
      if (path != NULL && gdk_pixbuf_get_file_info (path, &width, &height) != NULL)
        widest = MAX (widest, width);
    }

  /* Small pictures (icons, logos) say nothing about photos. */
  if (widest < 800)
    return AUSHANG_PHOTO_DEFAULT_WIDTH;

  return MIN (widest, 4096);
}

/* The document's slug: its file name without date and extension
 * ("2026-06-14-sommerfest.md" → "sommerfest"). */
char *
aushang_photo_dup_slug (GFile *document_file)
{
  g_autofree char *name = g_file_get_basename (document_file);
  char *dot = strrchr (name, '.');
  const char *start = name;
  g_autofree char *slug = NULL;

  if (dot != NULL)
    *dot = '\0';
  if (strlen (name) > 11 && g_ascii_isdigit (name[0]) && name[4] == '-' && name[7] == '-' && name[10] == '-')
    start = name + 11;
  slug = aushang_slugify (start);

  return g_strdup (slug[0] != '\0' ? slug : "bild");
}

GdkPixbuf *
aushang_photo_load (GFile     *source,
                    int        max_width,
                    gboolean  *keep_png,
                    GError   **error)
{
  g_autofree char *source_path = g_file_get_path (source);
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  GdkPixbufFormat *format;
  g_autofree char *format_name = NULL;
  int width, height;

  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (source_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only pictures on this computer can be taken into the site."));
      return NULL;
    }

  format = gdk_pixbuf_get_file_info (source_path, NULL, NULL);
  loaded = format != NULL ? gdk_pixbuf_new_from_file (source_path, NULL) : NULL;
  if (format == NULL || loaded == NULL)
    {
      g_autofree char *name = g_file_get_basename (source);

      /* Translators: %s is a file name. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a picture Aushang can read (JPEG, PNG, GIF, WebP, …)."), name);
      return NULL;
    }
  format_name = gdk_pixbuf_format_get_name (format);
  if (keep_png != NULL)
    *keep_png = g_str_equal (format_name, "png") || g_str_equal (format_name, "gif") ||
                gdk_pixbuf_get_has_alpha (loaded);

  /* Upright first: a photo taken with the phone on its side. */
  upright = gdk_pixbuf_apply_embedded_orientation (loaded);
  width = gdk_pixbuf_get_width (upright);
  height = gdk_pixbuf_get_height (upright);
  if (max_width > 0 && width > max_width)
    {
      height = MAX (1, (int) ((double) height * max_width / width + 0.5));
      return gdk_pixbuf_scale_simple (upright, max_width, height, GDK_INTERP_HYPER);
    }

  return g_steal_pointer (&upright);
}

AushangPhoto *
aushang_photo_import (AushangSite  *site,
                      GFile        *document_file,
                      GFile        *source,
                      GError      **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  folder = aushang_photo_dup_folder (site);

  return aushang_photo_import_into (aushang_site_get_folder (site), folder,
                                    aushang_photo_get_max_width (site),
                                    document_file, source, error);
}

AushangPhoto *
aushang_photo_import_into (GFile        *site_folder,
                           const char   *folder_path,
                           int           max_width,
                           GFile        *document_file,
                           GFile        *source,
                           GError      **error)
{
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *target_path = NULL;
  g_autofree char *relative = NULL;
  gboolean png;
  int width, height;
  AushangPhoto *photo;

  g_return_val_if_fail (G_IS_FILE (site_folder), NULL);
  g_return_val_if_fail (folder_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  scaled = aushang_photo_load (source, max_width, &png, error);
  if (scaled == NULL)
    return NULL;
  width = gdk_pixbuf_get_width (scaled);
  height = gdk_pixbuf_get_height (scaled);

  folder = g_file_resolve_relative_path (site_folder, folder_path + strspn (folder_path, "/"));
  if (!g_file_make_directory_with_parents (folder, NULL, error))
    {
      if (error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_clear_error (error);
      else
        return NULL;
    }

  slug = aushang_photo_dup_slug (document_file != NULL ? document_file : source);
  file_name = g_strconcat (slug, png ? ".png" : ".jpg", NULL);
  target = aushang_unique_file (folder, file_name);
  if (target == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There are too many pictures of this name already."));
      return NULL;
    }
  target_path = g_file_get_path (target);

  /* Written anew: gdk-pixbuf writes no metadata unless asked to. */
  if (png ? !gdk_pixbuf_save (scaled, target_path, "png", error, NULL)
          : !gdk_pixbuf_save (scaled, target_path, "jpeg", error, "quality", "85", NULL))
    {
      g_unlink (target_path);
      return NULL;
    }

  relative = g_file_get_relative_path (site_folder, target);
  photo = g_new0 (AushangPhoto, 1);
  photo->file = g_steal_pointer (&target);
  photo->site_path = g_strconcat ("/", relative, NULL);
  photo->width = width;
  photo->height = height;

  return photo;
}

char *
aushang_photo_dup_markdown (const char *alt,
                            const char *site_path)
{
  GString *out = g_string_new ("![");

  for (const char *p = alt ? alt : ""; *p != '\0'; p++)
    {
      if (*p == '[' || *p == ']' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, "](");
  for (const char *p = site_path; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append (out, "%20");
      else if (*p == '(' || *p == ')')
        g_string_append_printf (out, "%%%02X", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, ')');

  return g_string_free (out, FALSE);
}
