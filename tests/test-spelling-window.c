/* test-spelling-window.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spell checking in a real editor window: words typed are underlined when
 * they are misspelled, the context menu corrects them, learns them, and
 * turns checking off or changes its language; and a screenshot of that
 * menu (spelling-menu-de.png in the test build folder). It runs in German.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "aushang-application.h"
#include "aushang-editor.h"
#include "aushang-field-context.h"
#include "aushang-long-text-row.h"
#include "aushang-resources.h"
#include "aushang-spell-checker.h"
#include "aushang-test-util.h"

#define TIMEOUT_SECONDS 120

static char *temp_dir;
static AushangSite *site;
static GSettings *settings;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                    */

/* Iterates the main loop until @cond holds; fails after TIMEOUT_SECONDS. */
#define WAIT_UNTIL(cond) AUSHANG_TEST_WAIT_UNTIL (cond, TIMEOUT_SECONDS)

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  GtkWidget           *window;
  AushangEditor       *editor;
  GtkTextView         *view;
  GtkTextBuffer       *buffer;
  AushangSpellChecker *checker;
  AushangDocument     *document;
} Fixture;

static void
fixture_open (Fixture    *f,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (temp_dir, "site", "_posts", "2026-05-01-fest.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  f->document = aushang_document_load (file, &error);
  g_assert_no_error (error);

  f->editor = AUSHANG_EDITOR (aushang_editor_new ());
  f->view = GTK_TEXT_VIEW (aushang_editor_get_view (f->editor));
  f->buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (f->editor));
  f->checker = aushang_spell_checker_get_for_view (f->view);
  g_assert_nonnull (f->checker);
  aushang_spell_checker_set_enabled (f->checker, TRUE);
  aushang_spell_checker_set_language (f->checker, NULL);
  aushang_editor_set_document (f->editor, site, f->document);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->editor));
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  spin (100);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->document);
  spin (50);
}

/* Whether the first @needle (after @after, when given) is underlined,
 * all of it and nothing around it. */
static gboolean
is_marked (Fixture    *f,
           const char *needle)
{
  GtkTextTag *tag = aushang_spell_checker_get_tag (f->checker);
  GtkTextIter start, match_start, match_end, before, last;

  gtk_text_buffer_get_start_iter (f->buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match_start, &match_end, NULL));

  before = match_start;
  if (gtk_text_iter_backward_char (&before) && gtk_text_iter_has_tag (&before, tag) &&
      gtk_text_iter_has_tag (&match_start, tag))
    return FALSE;
  last = match_end;
  gtk_text_iter_backward_char (&last);

  return gtk_text_iter_starts_tag (&match_start, tag) && gtk_text_iter_has_tag (&last, tag) &&
         gtk_text_iter_ends_tag (&match_end, tag);
}

static gboolean
is_touched (Fixture    *f,
            const char *needle)
{
  GtkTextTag *tag = aushang_spell_checker_get_tag (f->checker);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (f->buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match_start, &match_end, NULL));
  for (GtkTextIter i = match_start; gtk_text_iter_compare (&i, &match_end) < 0; gtk_text_iter_forward_char (&i))
    if (gtk_text_iter_has_tag (&i, tag))
      return TRUE;

  return FALSE;
}

static guint
count_marked (Fixture *f)
{
  GtkTextTag *tag = aushang_spell_checker_get_tag (f->checker);
  GtkTextIter iter;
  guint n = 0;

  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;

  return n;
}

/* Types @text at the cursor one character at a time, as the keyboard
 * does (through the view's insert-at-cursor keybinding signal). */
static void
type (Fixture    *f,
      const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char c[8] = { 0, };

      memcpy (c, p, g_utf8_next_char (p) - p);
      g_signal_emit_by_name (f->view, "insert-at-cursor", c);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
place_cursor_at_end (Fixture *f)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_place_cursor (f->buffer, &end);
}

static void
iter_in (Fixture     *f,
         const char  *needle,
         GtkTextIter *iter)
{
  GtkTextIter start, match_end;

  gtk_text_buffer_get_start_iter (f->buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, iter, &match_end, NULL));
  gtk_text_iter_forward_char (iter);
}

static char *
dup_text (Fixture *f)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (f->buffer, &start, &end);

  return gtk_text_buffer_get_text (f->buffer, &start, &end, TRUE);
}

/* The labels of the corrections section the context menu shows. */
static char *
dup_menu_labels (Fixture *f)
{
  GMenuModel *extra = gtk_text_view_get_extra_menu (f->view);
  g_autoptr(GMenuModel) corrections = g_menu_model_get_item_link (extra, 0, G_MENU_LINK_SECTION);
  GString *out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (corrections); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (corrections, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, label);
    }

  return g_string_free (out, FALSE);
}

static gboolean
menu_starts_with (Fixture    *f,
                  const char *prefix)
{
  g_autofree char *labels = dup_menu_labels (f);

  return g_str_has_prefix (labels, prefix);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                      */

static void
test_typing (void)
{
  Fixture f = { 0, };

  fixture_open (&f, "---\ntitle: Fest\n---\nHallo.\n");
  place_cursor_at_end (&f);
  g_assert_cmpstr (aushang_spell_checker_get_language (f.checker), ==, "de_DE");

  type (&f, "Die Veranstalltung");
  spin (400);
  /* The word being typed is not marked before it is done … */
  g_assert_false (is_touched (&f, "Veranstalltung"));
  type (&f, " beginnt");
  /* … but once the next word starts. */
  WAIT_UNTIL (is_marked (&f, "Veranstalltung"));
  g_assert_false (is_touched (&f, "Die"));
  g_assert_false (is_touched (&f, "beginnt"));
  g_assert_cmpuint (count_marked (&f), ==, 1);

  /* Correcting the word by typing takes the mark away. */
  {
    GtkTextIter start, match_start, match_end;

    gtk_text_buffer_get_start_iter (f.buffer, &start);
    g_assert_true (gtk_text_iter_forward_search (&start, "stallt", 0, &match_start, &match_end, NULL));
    gtk_text_iter_forward_chars (&match_start, 4);
    match_end = match_start;
    gtk_text_iter_forward_char (&match_end);
    gtk_text_buffer_delete_interactive (f.buffer, &match_start, &match_end, TRUE);
  }
  WAIT_UNTIL (count_marked (&f) == 0);
  fixture_close (&f);
}

static void
test_skipped (void)
{
  Fixture f = { 0, };

  fixture_open (&f,
                "---\ntitle: Fest\n---\n"
                "Ein Fehlerr im Text, bzw. ein Fehler.\n\n"
                "```\nkaputtt kode\n```\n\n"
                "Siehe https://example.org/anmeldunng und `befehll` und "
                "{% include anmeldunng.html %} und <span class=\"hinweiss\">Text</span>.\n");
  aushang_spell_checker_check_now (f.checker);
  g_assert_true (is_marked (&f, "Fehlerr"));
  g_assert_cmpuint (count_marked (&f), ==, 1);
  /* Marks are not text: the document is not changed by them. */
  g_assert_false (gtk_text_buffer_get_modified (f.buffer));
  g_assert_false (gtk_text_buffer_get_can_undo (f.buffer));

  /* Opening a fence above makes what follows code, even far below. */
  place_cursor_at_end (&f);
  type (&f, "\nNoch ein Fehlerr.");
  type (&f, " ");
  WAIT_UNTIL (count_marked (&f) == 2);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (f.buffer, &start);
    gtk_text_iter_forward_line (&start);
    gtk_text_buffer_place_cursor (f.buffer, &start);
  }
  /* A tilde fence that nothing closes: the rest is code. */
  type (&f, "~~~\n");
  WAIT_UNTIL (count_marked (&f) == 1);
  g_assert_true (is_marked (&f, "Fehlerr"));
  fixture_close (&f);
}

static void
test_menu (void)
{
  Fixture f = { 0, };
  g_autofree char *labels = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dictionary = NULL;
  g_autofree char *contents = NULL;
  GtkTextIter iter;

  fixture_open (&f, "---\ntitle: Fest\n---\nDie Veranstalltung im Sommerfst.\n");
  aushang_spell_checker_check_now (f.checker);
  g_assert_true (is_marked (&f, "Veranstalltung"));
  g_assert_true (is_marked (&f, "Sommerfst"));

  /* The cursor resting in the word (for the menu key): the menu gets its
   * corrections by itself, a moment later. */
  iter_in (&f, "Sommerfst", &iter);
  gtk_text_buffer_place_cursor (f.buffer, &iter);
  WAIT_UNTIL (menu_starts_with (&f, "Sommerfest|"));

  /* Suggestions first, then "Add to Dictionary" and "Ignore". */
  iter_in (&f, "Veranstalltung", &iter);
  aushang_spell_checker_update_menu (f.checker, &iter);
  labels = dup_menu_labels (&f);
  g_assert_true (g_str_has_prefix (labels, "Veranstaltung|"));
  suffix = g_strdup_printf ("|%s|%s", _("_Add to Dictionary"), _("_Ignore"));
  g_assert_true (g_str_has_suffix (labels, suffix));

  /* Choosing a suggestion replaces the word. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.correct", "s", "Veranstaltung"));
  text = dup_text (&f);
  g_assert_cmpstr (text, ==, "Die Veranstaltung im Sommerfst.\n");
  WAIT_UNTIL (!is_touched (&f, "Veranstaltung"));

  /* Adding a word to the dictionary: right here, and for good. */
  iter_in (&f, "Sommerfst", &iter);
  aushang_spell_checker_update_menu (f.checker, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.add", NULL));
  WAIT_UNTIL (count_marked (&f) == 0);
  dictionary = g_build_filename (temp_dir, "personal", "de_DE.dic", NULL);
  g_assert_true (g_file_get_contents (dictionary, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Sommerfst"));

  /* Without a misspelled word the menu has no corrections. */
  iter_in (&f, "Die", &iter);
  aushang_spell_checker_update_menu (f.checker, &iter);
  g_clear_pointer (&labels, g_free);
  labels = dup_menu_labels (&f);
  g_assert_cmpstr (labels, ==, "");
  fixture_close (&f);
}

static void
test_switch_and_language (void)
{
  Fixture f = { 0, };

  fixture_open (&f, "---\ntitle: Fest\n---\nDie Veranstalltung: a great event.\n");
  aushang_spell_checker_check_now (f.checker);
  /* English words are wrong in German. */
  g_assert_true (is_marked (&f, "Veranstalltung"));
  g_assert_true (is_marked (&f, "great"));

  /* Off: no marks at all, and none come back when typing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.enabled", NULL));
  g_assert_false (aushang_spell_checker_get_enabled (f.checker));
  g_assert_false (g_settings_get_boolean (settings, "spell-check"));
  g_assert_cmpuint (count_marked (&f), ==, 0);
  place_cursor_at_end (&f);
  type (&f, "Fehlerr ");
  spin (400);
  g_assert_cmpuint (count_marked (&f), ==, 0);

  /* On again, in English. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.enabled", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.language", "s", "en_US"));
  g_assert_cmpstr (aushang_spell_checker_get_language (f.checker), ==, "en_US");
  /* Kept for the site, by its folder. */
  {
    g_autoptr(GVariant) choices = g_settings_get_value (settings, "spell-check-languages");
    g_autofree char *folder = g_build_filename (temp_dir, "site", NULL);
    const char *chosen = NULL;

    g_assert_true (g_variant_lookup (choices, folder, "&s", &chosen));
    g_assert_cmpstr (chosen, ==, "en_US");
  }
  aushang_spell_checker_check_now (f.checker);
  g_assert_false (is_touched (&f, "great"));
  g_assert_false (is_touched (&f, "event"));
  g_assert_true (is_marked (&f, "Veranstalltung"));
  g_assert_true (is_marked (&f, "Fehlerr"));

  /* Back to the site's language. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.language", "s", ""));
  g_assert_cmpstr (aushang_spell_checker_get_language (f.checker), ==, "de_DE");
  {
    g_autoptr(GVariant) choices = g_settings_get_value (settings, "spell-check-languages");

    g_assert_cmpuint (g_variant_n_children (choices), ==, 0);
  }
  fixture_close (&f);
}

static void
test_document_language (void)
{
  Fixture f = { 0, };

  fixture_open (&f, "---\ntitle: Party\nlang: en\n---\nThe anual party.\n");
  g_assert_cmpstr (aushang_spell_checker_get_language (f.checker), ==, "en_US");
  aushang_spell_checker_check_now (f.checker);
  g_assert_true (is_marked (&f, "anual"));
  g_assert_cmpuint (count_marked (&f), ==, 1);
  fixture_close (&f);
}

/* The form's long texts (teaser, description) are checked too. */
static void
test_long_text_field (void)
{
  g_autoptr(AushangFieldContext) context = aushang_field_context_new (site, NULL, NULL);
  g_autoptr(AushangValue) value = aushang_value_new_string ("Eine schöne Veranstalltung im Hof.");
  GtkWidget *row = aushang_long_text_row_new (context, "description", "description",
                                              "Beschreibung", FALSE, value);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkTextView *view = GTK_TEXT_VIEW (aushang_field_row_get_widget (AUSHANG_FIELD_ROW (row)));
  AushangSpellChecker *checker = aushang_spell_checker_get_for_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, match_start, match_end;

  g_assert_nonnull (checker);
  /* A preferences row lives in a list. */
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (aushang_spell_checker_get_language (checker), ==, "de_DE");
  aushang_spell_checker_check_now (checker);

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "Veranstalltung", 0, &match_start, &match_end, NULL));
  g_assert_true (gtk_text_iter_starts_tag (&match_start, aushang_spell_checker_get_tag (checker)));
  g_assert_true (gtk_text_iter_ends_tag (&match_end, aushang_spell_checker_get_tag (checker)));
  g_assert_false (gtk_text_iter_has_tag (&start, aushang_spell_checker_get_tag (checker)));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_large_text (void)
{
  Fixture f = { 0, };
  GString *text = g_string_new ("---\ntitle: Lang\n---\n");
  g_autofree char *body = NULL;
  gint64 start;

  /* About 1 MB of text with a mistake near its end. */
  while (text->len < 1000000)
    g_string_append (text, "Die Veranstaltung beginnt um acht Uhr im Hof der Schule.\n\n");
  g_string_append (text, "Zum Schluss ein Fehlerr.\n");
  body = g_string_free (text, FALSE);
  fixture_open (&f, body);

  /* Typing at the top never waits for the checker. */
  {
    GtkTextIter iter;

    gtk_text_buffer_get_start_iter (f.buffer, &iter);
    gtk_text_buffer_place_cursor (f.buffer, &iter);
  }
  /* For comparison: the same without spell checking. */
  aushang_spell_checker_set_enabled (f.checker, FALSE);
  start = g_get_monotonic_time ();
  type (&f, "Hallo ");
  g_test_message ("typing 6 characters into 1 MB without spell checking took %" G_GINT64_FORMAT " µs",
                  g_get_monotonic_time () - start);
  aushang_spell_checker_set_enabled (f.checker, TRUE);
  WAIT_UNTIL (count_marked (&f) == 1);
  start = g_get_monotonic_time ();
  type (&f, "Welt ");
  g_test_message ("typing 5 characters into 1 MB with spell checking took %" G_GINT64_FORMAT " µs",
                  g_get_monotonic_time () - start);

  WAIT_UNTIL (count_marked (&f) == 1);
  g_assert_true (is_marked (&f, "Fehlerr"));
  fixture_close (&f);
}

static void
test_screenshot_menu (void)
{
  Fixture f = { 0, };
  GtkTextIter iter;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "spelling-menu-de.png", NULL);
  g_autofree char *command = NULL;
  g_autofree char *import = g_find_program_in_path ("import");
  int status = 0;

  fixture_open (&f, "---\ntitle: Fest\n---\n## Sommerfest im Hof\n\n"
                "Am Samstag feiern wir im Hof der Schule. Die Veranstalltung beginnt um 18 Uhr,\n"
                "mit Musik, Kuchen und einem Flohmarkt fürr Kinder.\n");
  aushang_spell_checker_check_now (f.checker);
  iter_in (&f, "Veranstalltung", &iter);
  gtk_text_buffer_place_cursor (f.buffer, &iter);
  aushang_spell_checker_update_menu (f.checker, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "menu.popup", NULL));
  spin (800);

  if (import == NULL)
    {
      g_test_skip ("ImageMagick’s import is not installed (package imagemagick)");
    }
  else
    {
      command = g_strdup_printf ("%s -window root %s", import, path);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
      g_test_message ("screenshot: %s", path);
    }

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site_path = NULL;
  g_autofree char *posts = NULL;
  g_autofree char *config = NULL;
  g_autofree char *personal = NULL;
  g_autofree char *enchant = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(AushangApplication) app = NULL;
  int status;

  /* The interface in German, as the people it is made for see it. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AUSHANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  temp_dir = g_dir_make_tmp ("aushang-spelling-window-XXXXXX", &error);
  g_assert_no_error (error);
  personal = g_build_filename (temp_dir, "personal", NULL);
  enchant = g_build_filename (temp_dir, "enchant", NULL);
  g_setenv ("AUSHANG_SPELLING_DIR", personal, TRUE);
  g_setenv ("ENCHANT_CONFIG_DIR", enchant, TRUE);

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  adw_init ();
  g_assert_nonnull (aushang_get_resource ());
  g_assert_cmpstr (_("_Add to Dictionary"), ==, "Zum Wörterbuch _hinzufügen");

  site_path = g_build_filename (temp_dir, "site", NULL);
  posts = g_build_filename (site_path, "_posts", NULL);
  config = g_build_filename (site_path, "_config.yml", NULL);
  g_assert_cmpint (g_mkdir_with_parents (posts, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, "title: Rechtschreibung\n", -1, NULL));
  folder = g_file_new_for_path (site_path);
  site = aushang_site_new (folder, &error);
  g_assert_no_error (error);

  /* The application's settings keep the switch and the languages. */
  app = aushang_application_new ();
  g_assert_true (g_application_get_default () == G_APPLICATION (app));
  settings = aushang_application_get_settings (app);
  g_assert_nonnull (settings);

  g_test_add_func ("/spelling-window/typing", test_typing);
  g_test_add_func ("/spelling-window/skipped", test_skipped);
  g_test_add_func ("/spelling-window/menu", test_menu);
  g_test_add_func ("/spelling-window/switch-and-language", test_switch_and_language);
  g_test_add_func ("/spelling-window/document-language", test_document_language);
  g_test_add_func ("/spelling-window/long-text-field", test_long_text_field);
  g_test_add_func ("/spelling-window/large-text", test_large_text);
  g_test_add_func ("/spelling-window/screenshot-menu", test_screenshot_menu);

  status = g_test_run ();

  g_clear_object (&site);
  aushang_test_delete_path (temp_dir);
  g_free (temp_dir);

  return status;
}
