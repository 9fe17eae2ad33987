/* aushang-recovery.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-recovery"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "aushang-document.h"
#include "aushang-recovery.h"
#include "aushang-safe-file.h"

#define GROUP "Recovery"
/* A copy holds a whole document; its description a few lines. */
#define MAX_TEXT_SIZE (AUSHANG_DOCUMENT_MAX_SIZE + 1024 * 1024)
#define MAX_META_SIZE (64 * 1024)

void
aushang_recovery_free (AushangRecovery *recovery)
{
  if (recovery == NULL)
    return;

  g_free (recovery->id);
  g_clear_object (&recovery->file);
  g_clear_pointer (&recovery->saved, g_date_time_unref);
  g_clear_pointer (&recovery->contents, g_bytes_unref);
  g_free (recovery);
}

char *
aushang_recovery_dup_dir (void)
{
  const char *override = g_getenv ("AUSHANG_RECOVERY_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  return g_build_filename (g_get_user_data_dir (), "aushang", "recovery", NULL);
}

static char *
id_for (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

gboolean
aushang_recovery_store (GFile   *file,
                        GBytes  *contents,
                        GError **error)
{
  g_autofree char *dir = aushang_recovery_dup_dir ();
  g_autofree char *id = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gsize length;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Cannot create %s", dir);
      return FALSE;
    }

  id = id_for (file);
  uri = g_file_get_uri (file);
  text_path = g_strdup_printf ("%s%s%s.md", dir, G_DIR_SEPARATOR_S, id);
  meta_path = g_strdup_printf ("%s%s%s.ini", dir, G_DIR_SEPARATOR_S, id);

  /* Written like a document (a temporary file, every write checked,
   * renamed into place), so a full disk never spoils the older copy. */
  data = g_bytes_get_data (contents, &length);
  if (!aushang_safe_file_write (text_path, data, length, AUSHANG_SAFE_FILE_PRIVATE, NULL, error))
    return FALSE;

  g_key_file_set_string (keys, GROUP, "File", uri);
  g_key_file_set_int64 (keys, GROUP, "Saved", g_date_time_to_unix (now));
  meta = g_key_file_to_data (keys, &length, NULL);

  return aushang_safe_file_write (meta_path, meta, length, AUSHANG_SAFE_FILE_PRIVATE, NULL, error);
}

void
aushang_recovery_discard (GFile *file)
{
  g_autofree char *dir = aushang_recovery_dup_dir ();
  g_autofree char *id = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *meta_path = NULL;

  g_return_if_fail (G_IS_FILE (file));

  id = id_for (file);
  text_path = g_strdup_printf ("%s%s%s.md", dir, G_DIR_SEPARATOR_S, id);
  meta_path = g_strdup_printf ("%s%s%s.ini", dir, G_DIR_SEPARATOR_S, id);
  g_unlink (meta_path);
  g_unlink (text_path);
}

static int
compare_recoveries (gconstpointer a,
                    gconstpointer b)
{
  const AushangRecovery *ra = *(AushangRecovery **) a;
  const AushangRecovery *rb = *(AushangRecovery **) b;

  return g_date_time_compare (rb->saved, ra->saved);
}

GPtrArray *
aushang_recovery_list (GFile *folder)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_recovery_free);
  g_autofree char *dir = aushang_recovery_dup_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *meta_path = NULL;
      g_autofree char *text_path = NULL;
      g_autofree char *uri = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *meta = NULL;
      g_autoptr(GKeyFile) keys = g_key_file_new ();
      g_autoptr(GFile) file = NULL;
      AushangRecovery *recovery;
      gsize length = 0;
      gsize meta_length = 0;

      if (!g_str_has_suffix (name, ".ini"))
        continue;

      meta_path = g_build_filename (dir, name, NULL);
      if (!aushang_safe_file_read (meta_path, MAX_META_SIZE, &meta, &meta_length, NULL, NULL) ||
          !g_key_file_load_from_data (keys, meta, meta_length, G_KEY_FILE_NONE, NULL))
        continue;

      uri = g_key_file_get_string (keys, GROUP, "File", NULL);
      if (uri == NULL)
        continue;
      file = g_file_new_for_uri (uri);
      if (folder != NULL && !g_file_has_prefix (file, folder))
        continue;

      text_path = g_strndup (meta_path, strlen (meta_path) - strlen (".ini"));
      {
        char *with_md = g_strconcat (text_path, ".md", NULL);

        g_free (text_path);
        text_path = with_md;
      }
      if (!aushang_safe_file_read (text_path, MAX_TEXT_SIZE, &contents, &length, NULL, NULL))
        continue;

      recovery = g_new0 (AushangRecovery, 1);
      recovery->id = g_strndup (name, strlen (name) - strlen (".ini"));
      recovery->file = g_steal_pointer (&file);
      recovery->saved = g_date_time_new_from_unix_utc (g_key_file_get_int64 (keys, GROUP, "Saved", NULL));
      recovery->contents = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_ptr_array_add (out, recovery);
    }

  g_ptr_array_sort (out, compare_recoveries);

  return out;
}
