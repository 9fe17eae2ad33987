/* test-document.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "aushang-test-util.h"
#include "aushang-document.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("aushang-doc-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  aushang_test_delete_path (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  /* Compared as strings by the tests: no byte may hide after a NUL. */
  g_assert_cmpuint (strlen (contents), ==, length);

  return contents;
}

static const char *post =
  "---\r\n"
  "title: \"Alt\"   # bleibt\r\n"
  "unbekannt: {a: 1}\r\n"
  "---\r\n"
  "Text\r\n";

static void
test_load_save_identical (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "post.md", post);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_true (aushang_document_save (document, &error));
  g_assert_no_error (error);
  after = read_file (path);
  g_assert_cmpstr (after, ==, post);
}

static void
test_save_edit (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "post.md", post);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  g_autofree char *after = NULL;

  g_assert_true (aushang_front_matter_set_string (aushang_document_get_front_matter (document), "title", "Neu", &error));
  g_assert_true (aushang_document_get_modified (document));
  aushang_document_set_body (document, "Neuer Text\r\n");
  g_assert_true (aushang_document_save (document, &error));
  g_assert_no_error (error);
  g_assert_false (aushang_document_get_modified (document));
  after = read_file (path);
  g_assert_cmpstr (after, ==, "---\r\ntitle: \"Neu\"   # bleibt\r\nunbekannt: {a: 1}\r\n---\r\nNeuer Text\r\n");
}

static void
test_changed_on_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "post.md", post);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  g_autofree char *after = NULL;
  const char *theirs = "---\ntitle: Von jemand anderem\n---\n";

  /* Someone else saves the file (a later modification time). */
  g_file_set_contents (path, theirs, -1, &error);
  {
    g_autoptr(GFileInfo) info = g_file_info_new ();
    guint64 later = g_get_real_time () / G_USEC_PER_SEC + 5;

    g_file_info_set_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED, later);
    g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE, NULL, &error);
    g_assert_no_error (error);
  }

  aushang_document_set_body (document, "Meins\n");
  g_assert_false (aushang_document_save (document, &error));
  g_assert_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_CHANGED_ON_DISK);
  after = read_file (path);
  g_assert_cmpstr (after, ==, theirs);
}

static void
test_save_as_never_overwrites (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *existing = write_file (fixture, "da.md", "schon da\n");
  g_autofree char *target = g_build_filename (fixture->dir, "neu.md", NULL);
  g_autoptr(GFile) existing_file = g_file_new_for_path (existing);
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  g_autoptr(AushangDocument) document = aushang_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *written = NULL;

  g_assert_true (aushang_front_matter_set_string (aushang_document_get_front_matter (document), "title", "Neu", &error));
  aushang_document_set_body (document, "Hallo\n");

  g_assert_false (aushang_document_save_as (document, existing_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  kept = read_file (existing);
  g_assert_cmpstr (kept, ==, "schon da\n");

  g_assert_true (aushang_document_save_as (document, target_file, &error));
  g_assert_no_error (error);
  written = read_file (target);
  g_assert_cmpstr (written, ==, "---\ntitle: Neu\n---\nHallo\n");
  g_assert_true (g_file_equal (aushang_document_get_file (document), target_file));
}

static void
test_keeps_permissions (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "post.md", post);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = NULL;
  GStatBuf st;

  g_chmod (path, 0640);
  document = aushang_document_load (file, &error);
  aushang_document_set_body (document, "x\n");
  g_assert_true (aushang_document_save (document, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
}

static void
test_refuses_folder_and_huge (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *big_path = g_build_filename (fixture->dir, "big.md", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) d1 = aushang_document_load (folder, &error);
  g_autoptr(AushangDocument) d2 = NULL;
  FILE *f;

  g_assert_null (d1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* A sparse file larger than the limit: refused before it is read. */
  f = fopen (big_path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, AUSHANG_DOCUMENT_MAX_SIZE + 1, SEEK_SET), ==, 0);
  fputc ('x', f);
  fclose (f);

  d2 = aushang_document_load (big, &error);
  g_assert_null (d2);
  g_assert_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_TOO_LARGE);
}

static void
test_overwrite_and_rename (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "post.md", post);
  g_autofree char *taken = write_file (fixture, "taken.md", "x\n");
  g_autofree char *target = g_build_filename (fixture->dir, "renamed.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) taken_file = g_file_new_for_path (taken);
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  g_autofree char *after = NULL;

  /* Someone else wrote the file; the person chose to overwrite. */
  g_file_set_contents (path, "fremd\n", -1, NULL);
  {
    g_autoptr(GFileInfo) info = g_file_info_new ();

    g_file_info_set_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                      g_get_real_time () / G_USEC_PER_SEC + 5);
    g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  }
  aushang_document_set_body (document, "Meins\r\n");
  g_assert_false (aushang_document_save (document, NULL));
  g_assert_true (aushang_document_save_overwrite (document, &error));
  g_assert_no_error (error);
  after = read_file (path);
  g_assert_true (g_str_has_suffix (after, "Meins\r\n"));

  g_assert_false (aushang_document_rename (document, taken_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (aushang_document_rename (document, target_file, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_equal (aushang_document_get_file (document), target_file));
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "post.md", post);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const char text[] = "---\ntitle: Gerettet\n---\nText\n";
  g_autoptr(GBytes) recovered = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(AushangDocument) document = aushang_document_restore (file, recovered);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (aushang_document_get_modified (document));
  g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (aushang_document_get_front_matter (document), "title")),
                   ==, "Gerettet");
  /* Unchanged on disk since: saving goes through. */
  g_assert_true (aushang_document_save (document, &error));
  g_assert_no_error (error);
  after = read_file (path);
  g_assert_cmpstr (after, ==, "---\ntitle: Gerettet\n---\nText\n");
}

static void
test_body_line (void)
{
  const char *text = "---\ntitle: a\ntags:\n  - b\n---\nErste Zeile\n";
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (text, strlen (text));
  g_autoptr(AushangDocument) plain = aushang_document_new_from_data ("Text", 4);

  g_assert_cmpuint (aushang_document_get_body_line (document), ==, 6);
  g_assert_cmpuint (aushang_document_get_body_line (plain), ==, 1);
}

/* An edit of the front matter marks its document modified; once the
 * document is gone, the front matter (kept by someone else) can still be
 * edited and calls back no one. */
static void
test_front_matter_outlives_document (void)
{
  static const char text[] = "---\ntitle: T\n---\nBody\n";
  AushangDocument *document = aushang_document_new_from_data (text, strlen (text));
  g_autoptr(AushangFrontMatter) front_matter = g_object_ref (aushang_document_get_front_matter (document));

  g_assert_false (aushang_document_get_modified (document));
  g_assert_true (aushang_front_matter_set_string (front_matter, "title", "U", NULL));
  g_assert_true (aushang_document_get_modified (document));

  g_object_unref (document);
  g_assert_true (aushang_front_matter_set_string (front_matter, "title", "V", NULL));
  g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (front_matter, "title")), ==, "V");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/front-matter-outlives-document", test_front_matter_outlives_document);

  g_test_add ("/document/load-save-identical", Fixture, NULL, fixture_set_up, test_load_save_identical, fixture_tear_down);
  g_test_add ("/document/save-edit", Fixture, NULL, fixture_set_up, test_save_edit, fixture_tear_down);
  g_test_add ("/document/changed-on-disk", Fixture, NULL, fixture_set_up, test_changed_on_disk, fixture_tear_down);
  g_test_add ("/document/save-as-never-overwrites", Fixture, NULL, fixture_set_up, test_save_as_never_overwrites, fixture_tear_down);
  g_test_add ("/document/keeps-permissions", Fixture, NULL, fixture_set_up, test_keeps_permissions, fixture_tear_down);
  g_test_add ("/document/refuses-folder-and-huge", Fixture, NULL, fixture_set_up, test_refuses_folder_and_huge, fixture_tear_down);
  g_test_add ("/document/overwrite-and-rename", Fixture, NULL, fixture_set_up, test_overwrite_and_rename, fixture_tear_down);
  g_test_add ("/document/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);
  g_test_add_func ("/document/body-line", test_body_line);

  return g_test_run ();
}
