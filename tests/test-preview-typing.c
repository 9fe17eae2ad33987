/* test-preview-typing.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typing in a long document: the preview puts only the changed blocks into
 * the page (in the site's style and in the plain one), the page then holds
 * exactly what a full load of the same text gives, the page is not loaded
 * anew, and the scroll position holds.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "aushang-editor.h"
#include "aushang-preview.h"
#include "aushang-resources.h"
#include "aushang-test-util.h"

#define TIMEOUT_SECONDS 30

static AushangSite *site;
static AushangDocument *document;
static AushangEditor *editor;
static AushangPreview *preview;
/* Iterates the main loop until @cond holds; fails after TIMEOUT_SECONDS. */
#define WAIT_UNTIL(cond) AUSHANG_TEST_WAIT_UNTIL (cond, TIMEOUT_SECONDS)

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean page_was_lost (void);

/* Where the page was lost meanwhile (see page_was_lost()), once more on
 * the page loaded anew. */
static char *
evaluate (const char *script)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      char *value;

      aushang_preview_evaluate (preview, script, NULL, store_result_cb, &result);
      WAIT_UNTIL (result != NULL);
      value = aushang_preview_evaluate_finish (preview, result, &error);
      if (error != NULL && attempt == 0 && page_was_lost ())
        {
          g_printerr ("%s: %s; the page was lost, its process ended\n", script, error->message);
          WAIT_UNTIL (aushang_preview_get_idle (preview));
          continue;
        }
      g_assert_no_error (error);
      return value;
    }
}

static double
scroll_y (void)
{
  g_autofree char *y = evaluate ("String(window.scrollY)");

  return g_ascii_strtod (y, NULL);
}

/* How often the page was lost before a test began. Where it is lost
 * during a test (its process ended: it crashed or the system ended it,
 * and a patch's answer never came), which this test does not test (the
 * preview then loads the page anew; test-editor-preview checks that), the
 * keys after it are still patches, but the page is a new one. */
static guint pages_lost_before;

static gboolean
page_was_lost (void)
{
  guint lost;

  aushang_preview_get_update_counts (preview, NULL, NULL, NULL, &lost);
  return lost != pages_lost_before;
}

/* What the window does once a frame after a key press: the update must
 * have gone into the page as a patch of its blocks. Which way it went
 * instead is said on stderr (CI shows that), with the key. */
static void
sync_and_wait_for (const char *what)
{
  guint blocks, bodies, loads;
  guint blocks_after, bodies_after, loads_after;

  aushang_preview_get_update_counts (preview, &blocks, &bodies, &loads, NULL);
  aushang_editor_sync (editor);
  aushang_preview_update (preview, document);
  WAIT_UNTIL (aushang_preview_get_idle (preview));
  aushang_preview_get_update_counts (preview, &blocks_after, &bodies_after, &loads_after, NULL);
  if (blocks_after == blocks + 1)
    return;
  g_printerr ("%s: %u block patches, %u whole bodies, %u page loads (want one block patch)%s\n",
              what, blocks_after - blocks, bodies_after - bodies, loads_after - loads,
              page_was_lost () ? "; the page was lost, its process ended" : "");
  if (!page_was_lost ())
    g_assert_cmpuint (blocks_after, ==, blocks + 1);
}

static GtkTextBuffer *
get_buffer (void)
{
  return GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
}

static void
place_cursor_after (const char *needle)
{
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (get_buffer (), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_place_cursor (get_buffer (), &match_end);
}

static void
delete_text (const char *needle)
{
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (get_buffer (), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_delete (get_buffer (), &match_start, &match_end);
}

/* Key by key: each a patch of its own. */
static void
type (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *what = g_strdup_printf ("key “%.*s” of “%s”", (int) (g_utf8_next_char (p) - p), p, text);

      gtk_text_buffer_insert_at_cursor (get_buffer (), p, g_utf8_next_char (p) - p);
      sync_and_wait_for (what);
    }
}

static void
open_long_document (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (folder, "_beitraege", "lang.md", NULL);
  GString *text = g_string_new ("---\ntitle: \"Ein langer Beitrag\"\ndate: 2025-11-04\n---\n\n");

  for (guint i = 0; i < 150; i++)
    {
      g_string_append_printf (text, "## Abschnitt %u\n\nAbsatz %u mit **fetten** Wörtern und einem "
                              "[Link](https://example.org/%u).\n\n- eins %u\n- zwei %u\n\n", i, i, i, i, i);
      if (i == 90)
        g_string_append (text, "<div class=\"kasten\">\n\nIm Kasten.\n\n</div>\n\n> Ein Zitat\n\n");
    }
  g_string_append (text, "Der letzte Absatz.\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  file = g_file_new_for_path (path);
  g_clear_object (&document);
  document = aushang_document_load (file, &error);
  g_assert_no_error (error);
  aushang_editor_set_document (editor, site, document);
  aushang_preview_update (preview, document);
  WAIT_UNTIL (aushang_preview_get_idle (preview));
}

/* Names the first difference (the pages are long). */
static void
assert_same_page (const char *patched,
                  const char *loaded)
{
  gsize i = 0;

  while (patched[i] != '\0' && patched[i] == loaded[i])
    i++;
  if (patched[i] != loaded[i])
    {
      gsize from = i > 200 ? i - 200 : 0;

      g_test_message ("patched: …%.300s", patched + from);
      g_test_message ("loaded:  …%.300s", loaded + from);
    }
  g_assert_cmpuint (i, ==, strlen (loaded));
  g_assert_cmpuint (strlen (patched), ==, strlen (loaded));
}

static void
check_typing (gboolean    site_style,
              const char *content_script)
{
  g_autofree char *patched = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *script = NULL;
  double y_before, y_after;
  guint patches;

  aushang_preview_get_update_counts (preview, NULL, NULL, NULL, &pages_lost_before);
  aushang_preview_set_site_style (preview, site_style);
  open_long_document (g_object_get_data (G_OBJECT (preview), "test-folder"));

  /* Scrolled to section 80, then typing in it. */
  {
    GtkTextIter iter;

    place_cursor_after ("## Abschnitt 80\n");
    gtk_text_buffer_get_iter_at_mark (get_buffer (), &iter, gtk_text_buffer_get_insert (get_buffer ()));
    aushang_preview_scroll_to_line (preview, gtk_text_iter_get_line (&iter) + 1);
  }
  WAIT_UNTIL (scroll_y () > 1000);
  g_free (evaluate ("window.aushangTestMark = 'still here'; true"));
  y_before = scroll_y ();
  patches = aushang_preview_get_block_patches (preview);

  place_cursor_after ("Absatz 80 mit");
  type (" viel");
  y_after = scroll_y ();
  if (!page_was_lost ())
    g_assert_cmpfloat (fabs (y_after - y_before), <, 1.0);

  /* A new paragraph (the lines of all later blocks move), a list taken
   * away, the inside of a raw HTML block, and the end of the document. */
  place_cursor_after ("Absatz 85 mit **fetten** Wörtern und einem [Link](https://example.org/85).");
  type ("\n\nNeu");
  delete_text ("- eins 87\n- zwei 87\n\n");
  sync_and_wait_for ("deleting a list");
  place_cursor_after ("Im Kasten");
  type ("!");
  place_cursor_after ("Der letzte Absatz");
  type (" wirklich");

  /* Every key went in as a patch of blocks, none as a new page. */
  if (!page_was_lost ())
    {
      g_assert_cmpuint (aushang_preview_get_block_patches (preview), ==, patches + 5 + 5 + 1 + 1 + 9);
      mark = evaluate ("String(window.aushangTestMark)");
      g_assert_cmpstr (mark, ==, "still here");
    }

  script = g_strdup_printf ("%s.textContent", content_script);
  text = evaluate (script);
  g_assert_nonnull (strstr (text, "Absatz 80 mit viel fetten"));
  g_assert_nonnull (strstr (text, "Neu"));
  g_assert_null (strstr (text, "eins 87"));
  g_assert_nonnull (strstr (text, "Im Kasten!"));
  g_assert_nonnull (strstr (text, "Der letzte Absatz wirklich."));
  g_free (script);

  /* The same as the page loaded anew with that text. */
  script = g_strdup_printf ("%s.innerHTML", content_script);
  patched = evaluate (script);
  aushang_preview_set_site_style (preview, !site_style);
  WAIT_UNTIL (aushang_preview_get_idle (preview));
  aushang_preview_set_site_style (preview, site_style);
  WAIT_UNTIL (aushang_preview_get_idle (preview));
  g_free (mark);
  mark = evaluate ("String(window.aushangTestMark)");
  g_assert_cmpstr (mark, ==, "undefined");
  loaded = evaluate (script);
  assert_same_page (patched, loaded);
}

static void
test_typing_site_style (void)
{
  check_typing (TRUE, "document.body");
}

static void
test_typing_plain (void)
{
  check_typing (FALSE, "document.getElementById('aushang-body')");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) site_folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *source_dir_fallback = NULL;
  const char *source_dir = g_getenv ("AUSHANG_SOURCE_DIR");
  GtkWidget *window;
  GtkWidget *paned;
  int status;

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  adw_init ();
  g_assert_nonnull (aushang_get_resource ());

  if (source_dir == NULL)
    source_dir = source_dir_fallback = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", NULL);
  temp_dir = g_dir_make_tmp ("aushang-preview-typing-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_file_new_build_filename (source_dir, "data", "example-site", NULL);
  folder = g_build_filename (temp_dir, "site", NULL);
  site_folder = g_file_new_for_path (folder);
  aushang_test_copy_tree (source, site_folder);
  site = aushang_site_new (site_folder, &error);
  g_assert_no_error (error);

  editor = AUSHANG_EDITOR (aushang_editor_new ());
  preview = AUSHANG_PREVIEW (aushang_preview_new ());
  g_object_set_data (G_OBJECT (preview), "test-folder", folder);
  aushang_preview_set_site (preview, site);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (editor));
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (preview));
  gtk_paned_set_position (GTK_PANED (paned), 500);
  gtk_window_set_child (GTK_WINDOW (window), paned);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/preview-typing/site-style", test_typing_site_style);
  g_test_add_func ("/preview-typing/plain", test_typing_plain);

  status = g_test_run ();

  aushang_document_set_modified (document, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&document);
  g_clear_object (&site);
  aushang_test_delete_path (temp_dir);
  return status;
}
