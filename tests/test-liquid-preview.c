/* test-liquid-preview.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <webkit/webkit.h>

#include "aushang-test-util.h"
#include "aushang-yaml.h"
#include "aushang-preview.h"
#include "aushang-resources.h"

/* The preview in the site's own style: the example announcement through
 * its layouts and includes, with the site's stylesheet, no scripts; an
 * edit of the body patches the page in place; a Liquid mistake is a card
 * naming the line, never raw tag text. */

#define POST "_beitraege/repair-cafe-im-labor.md"
#define TIMEOUT_SECONDS 30

static AushangDocument *document;
static AushangPreview *preview;
static GtkWidget *before;
static GtkWidget *after;
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

static char *
evaluate (const char *script)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  aushang_preview_evaluate (preview, script, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  value = aushang_preview_evaluate_finish (preview, result, &error);
  g_assert_no_error (error);
  return value;
}

static void
update_and_wait (void)
{
  aushang_preview_update (preview, document);
  WAIT_UNTIL (aushang_preview_get_idle (preview));
}

static void
test_site_page (void)
{
  g_autofree char *title = NULL;
  g_autofree char *scripts = NULL;
  g_autofree char *href = NULL;
  g_autofree char *styled = NULL;
  g_autofree char *signup = NULL;

  update_and_wait ();
  title = evaluate ("document.querySelector('main article h1').textContent");
  g_assert_cmpstr (title, ==, "Repair-Café im Offenen Labor: Kaputt ist erst, wenn wir aufgeben");
  scripts = evaluate ("String(document.querySelectorAll('script').length)");
  g_assert_cmpstr (scripts, ==, "0");
  href = evaluate ("document.querySelector('link[rel=stylesheet]').getAttribute('href')");
  g_assert_cmpstr (href, ==, "aushang-site:///assets/css/style.css");
  /* The site's stylesheet is applied: its header bar is a flex box. */
  WAIT_UNTIL (g_strcmp0 ((g_free (styled),
                          styled = evaluate ("getComputedStyle(document.querySelector('.kopf .innen')).display")),
                         "flex") == 0);
  /* The registration block is the site's include, not a grey box. */
  signup = evaluate ("String(document.querySelector('.anmeldung a.knopf') !== null)");
  g_assert_cmpstr (signup, ==, "true");
}

static void
test_site_page_patch (void)
{
  g_autofree char *body = g_strconcat (aushang_document_get_body (document),
                                       "\nEin neuer Absatz am Ende.\n", NULL);
  g_autofree char *marked = NULL;
  g_autofree char *text = NULL;

  /* A mark on the page survives an edit of the body: the page is
   * patched, not loaded anew. */
  marked = evaluate ("window.aushangMark = 42; String(window.aushangMark)");
  g_assert_cmpstr (marked, ==, "42");
  aushang_document_set_body (document, body);
  update_and_wait ();
  text = evaluate ("document.querySelector('main').textContent.includes('Ein neuer Absatz am Ende.') "
                   "+ '/' + String(window.aushangMark)");
  g_assert_cmpstr (text, ==, "true/42");
}

static void
test_site_page_error (void)
{
  g_autofree char *card = NULL;
  g_autofree char *raw = NULL;

  aushang_document_set_body (document, "Text\n\n{% include fehlt.html %}\n");
  update_and_wait ();
  card = evaluate ("document.querySelector('.aushang-error').textContent");
  g_assert_nonnull (strstr (card, "fehlt.html"));
  g_assert_nonnull (strstr (card, "line 3"));
  raw = evaluate ("String(document.body.textContent.includes('{%'))");
  g_assert_cmpstr (raw, ==, "false");
}

/* An event of the data list, in the site's style: the site's own list
 * item for it, inside the site's layout. */
static void
test_entry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangValue) entry = aushang_yaml_parse_value ("title: Löten für Einsteiger\n"
                                                            "date: \"2099-03-14\"\nlocation: Labor\n", &error);
  g_autofree char *title = NULL;
  g_autofree char *header = NULL;

  g_assert_no_error (error);
  aushang_preview_show_entry (preview, entry, FALSE);
  WAIT_UNTIL (aushang_preview_get_idle (preview));
  title = evaluate ("document.querySelector('main li.termin h3').textContent");
  g_assert_cmpstr (title, ==, "Löten für Einsteiger");
  header = evaluate ("String(document.querySelector('header.kopf') !== null)");
  g_assert_cmpstr (header, ==, "true");
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Tab and Shift+Tab leave the page for the widgets around it. */
static void
test_focus_not_trapped (void)
{
  GtkWidget *web_view = adw_bin_get_child (ADW_BIN (preview));

  g_assert_true (gtk_widget_grab_focus (web_view));
  WAIT_UNTIL (focus_is_in (web_view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.leave-forward", NULL));
  WAIT_UNTIL (focus_is_in (after));

  g_assert_true (gtk_widget_grab_focus (web_view));
  WAIT_UNTIL (focus_is_in (web_view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.leave-backward", NULL));
  WAIT_UNTIL (focus_is_in (before));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) site_folder = NULL;
  g_autoptr(GFile) post = NULL;
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *source_dir_fallback = NULL;
  const char *source_dir = g_getenv ("AUSHANG_SOURCE_DIR");
  GtkWidget *window;
  GtkWidget *box;
  int status;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  aushang_test_allow_gtk_races ();
  adw_init ();
  g_assert_nonnull (aushang_get_resource ());

  if (source_dir == NULL)
    source_dir = source_dir_fallback = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", NULL);
  temp_dir = g_dir_make_tmp ("aushang-liquid-preview-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_file_new_build_filename (source_dir, "data", "example-site", NULL);
  site_folder = g_file_new_build_filename (temp_dir, "site", NULL);
  aushang_test_copy_tree (source, site_folder);

  site = aushang_site_new (site_folder, &error);
  g_assert_no_error (error);
  post = g_file_resolve_relative_path (site_folder, POST);
  document = aushang_document_load (post, &error);
  g_assert_no_error (error);

  preview = AUSHANG_PREVIEW (aushang_preview_new ());
  aushang_preview_set_site (preview, site);
  aushang_preview_set_site_style (preview, TRUE);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  before = gtk_entry_new ();
  after = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), before);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (preview));
  gtk_box_append (GTK_BOX (box), after);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/liquid-preview/site-page", test_site_page);
  g_test_add_func ("/liquid-preview/patch", test_site_page_patch);
  g_test_add_func ("/liquid-preview/error", test_site_page_error);
  g_test_add_func ("/liquid-preview/focus-not-trapped", test_focus_not_trapped);
  g_test_add_func ("/liquid-preview/entry", test_entry);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&document);
  aushang_test_delete_path (temp_dir);
  return status;
}
