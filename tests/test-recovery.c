/* test-recovery.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "aushang-recovery.h"

static void
test_store_list_discard (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-recovery-XXXXXX", NULL);
  g_autofree char *store = g_build_filename (dir, "store", NULL);
  g_autoptr(GFile) site = g_file_new_for_path ("/sites/labor");
  g_autoptr(GFile) other_site = g_file_new_for_path ("/sites/anderes");
  g_autoptr(GFile) a = g_file_new_for_path ("/sites/labor/_posts/2025-01-01-a.md");
  g_autoptr(GFile) b = g_file_new_for_path ("/sites/labor/_beitraege/neu.md");
  g_autoptr(GFile) c = g_file_new_for_path ("/sites/anderes/_posts/2025-01-01-c.md");
  g_autoptr(GBytes) text_a = g_bytes_new_static ("---\ntitle: A\n---\nUngespeichert\n", 31);
  g_autoptr(GBytes) text_b = g_bytes_new_static ("---\ntitle: B\n---\n", 17);
  g_autoptr(GBytes) newer_a = g_bytes_new_static ("---\ntitle: A2\n---\n", 18);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_setenv ("AUSHANG_RECOVERY_DIR", store, TRUE);

  g_assert_true (aushang_recovery_store (a, text_a, &error));
  g_assert_true (aushang_recovery_store (b, text_b, &error));
  g_assert_true (aushang_recovery_store (c, text_b, &error));
  g_assert_true (aushang_recovery_store (a, newer_a, &error));
  g_assert_no_error (error);

  listed = aushang_recovery_list (site);
  g_assert_cmpuint (listed->len, ==, 2);
  for (guint i = 0; i < listed->len; i++)
    {
      AushangRecovery *r = g_ptr_array_index (listed, i);

      if (g_file_equal (r->file, a))
        g_assert_true (g_bytes_equal (r->contents, newer_a));
      else
        {
          g_assert_true (g_file_equal (r->file, b));
          g_assert_true (g_bytes_equal (r->contents, text_b));
        }
    }

  other = aushang_recovery_list (other_site);
  g_assert_cmpuint (other->len, ==, 1);

  aushang_recovery_discard (a);
  aushang_recovery_discard (b);
  aushang_recovery_discard (c);
  after = aushang_recovery_list (NULL);
  g_assert_cmpuint (after->len, ==, 0);

  g_rmdir (store);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/store-list-discard", test_store_list_discard);

  return g_test_run ();
}
