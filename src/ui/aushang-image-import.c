/* aushang-image-import.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-image-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-image-import.h"
#include "aushang-safe-file.h"
#include "aushang-slug.h"

/* The largest image taken into a site: more is no picture for a web page,
 * and the copy is read whole before it is written. */
#define IMAGE_MAX_SIZE (64 * 1024 * 1024)

/* The folder (site path) most documents' images of @key are in. */
static char *
image_folder_path (AushangSite *site,
                   const char  *key)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *collections = aushang_site_get_collections (site);
  const char *best = NULL;
  guint best_count = 0;
  GHashTableIter iter;
  gpointer folder, count;

  for (guint c = 0; collections != NULL && c < collections->len; c++)
    {
      GPtrArray *documents = aushang_site_get_documents (site, g_ptr_array_index (collections, c));

      for (guint i = 0; documents != NULL && i < documents->len; i++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, i);
          AushangValue *value;
          const char *path;
          char *dir;

          if (document->data == NULL || aushang_value_get_kind (document->data) != AUSHANG_VALUE_MAP)
            continue;

          value = aushang_value_lookup (document->data, key);
          if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
            continue;

          path = aushang_value_get_string (value);
          if (path[0] != '/' || path[1] == '/' || strstr (path, "..") != NULL)
            continue;

          dir = g_path_get_dirname (path);
          g_hash_table_insert (counts, dir,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, dir)) + 1));
        }
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &folder, &count))
    {
      guint n = GPOINTER_TO_UINT (count);

      if (strcmp (folder, "/") != 0 &&
          (n > best_count || (n == best_count && strcmp (folder, best) < 0)))
        {
          best = folder;
          best_count = n;
        }
    }

  return g_strdup (best ? best : "/assets/images");
}

/* What the copying thread needs, and nothing of the window's: the task
 * may be let go in the thread. */
typedef struct
{
  GFile *source;
  char  *target;
  char  *site_path;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_clear_object (&job->source);
  g_free (job->target);
  g_free (job->site_path);
  g_free (job);
}

/* Reads @source (a file without a local path) to its end, at most
 * @max_size bytes. */
static GBytes *
read_stream_bounded (GFile   *source,
                     gsize    max_size,
                     GError **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (source, NULL, error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  if (stream == NULL)
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > max_size)
        {
          g_autofree char *name = g_file_get_parse_name (source);
          g_autofree char *size = g_format_size (max_size);

          g_set_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE,
                       /* Translators: the second %s is a size, such as “64.0 MB”. */
                       _("“%s” is larger than %s; Aushang does not read files this large."),
                       name, size);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Copies the image in a thread, so that a slow disk never holds up the
 * window, and as the core writes files: all of it under its new name, or
 * nothing at all (a full disk leaves no half image in the site). */
static void
copy_image_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CopyJob *job = task_data;
  g_autofree char *source_path = g_file_get_path (job->source);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (source_path != NULL)
    ok = aushang_safe_file_copy (source_path, job->target, IMAGE_MAX_SIZE,
                                 AUSHANG_SAFE_FILE_NEW, &error);
  else
    {
      g_autoptr(GBytes) bytes = read_stream_bounded (job->source, IMAGE_MAX_SIZE, &error);

      ok = bytes != NULL &&
           aushang_safe_file_write (job->target, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    AUSHANG_SAFE_FILE_NEW, NULL, &error);
    }

  if (ok)
    g_task_return_pointer (task, g_strdup (job->site_path), g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

char *
aushang_image_import (AushangSite          *site,
                      const char           *key,
                      GFile                *source,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data,
                      GError              **error)
{
  GFile *site_folder;
  g_autofree char *relative = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *name = NULL;
  g_autofree char *target_name = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTask) task = NULL;
  CopyJob *job;
  const char *dot;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  site_folder = aushang_site_get_folder (site);
  relative = g_file_get_relative_path (site_folder, source);
  if (relative != NULL)
    return g_strconcat ("/", relative, NULL);

  folder_path = image_folder_path (site, key);
  folder = g_file_resolve_relative_path (site_folder, folder_path + 1);
  if (!g_file_make_directory_with_parents (folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  basename = g_file_get_basename (source);
  dot = strrchr (basename, '.');
  stem = dot && dot != basename ? g_strndup (basename, dot - basename) : g_strdup (basename);
  extension = dot && dot != basename ? g_ascii_strdown (dot + 1, -1) : NULL;
  slug = aushang_slugify (stem);
  if (*slug == '\0')
    {
      g_free (slug);
      slug = g_strdup ("image");
    }
  name = extension ? g_strconcat (slug, ".", extension, NULL) : g_strdup (slug);

  target = aushang_unique_file (folder, name);
  if (target == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("The image folder has too many images of this name."));
      return NULL;
    }

  target_name = g_file_get_basename (target);
  job = g_new0 (CopyJob, 1);
  job->source = g_object_ref (source);
  job->target = g_file_get_path (target);
  job->site_path = g_build_path ("/", folder_path, target_name, NULL);

  /* The task has no source object and its data holds nothing of the
   * window: the thread may be the last to let it go. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, aushang_image_import);
  g_task_set_task_data (task, job, (GDestroyNotify) copy_job_free);
  g_task_run_in_thread (task, copy_image_thread);

  return NULL;
}

char *
aushang_image_import_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
