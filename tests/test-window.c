/* test-window.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window as a person uses it, under Xvfb: open the example site, pick
 * a document, edit, save, create, close; and screenshots in English and
 * German for AppStream.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "aushang-test-util.h"
#include "aushang-application.h"
#include "aushang-check.h"
#include "aushang-editor.h"
#include "aushang-form.h"
#include "aushang-preview.h"
#include "aushang-recovery.h"
#include "aushang-site-sidebar.h"
#include "aushang-window.h"

static AushangApplication *app;
static char *site_dir;

static char *
site_path (const char *relative)
{
  return g_build_filename (site_dir, relative, NULL);
}

static AushangWindow *
open_window (void)
{
  AushangWindow *window = aushang_window_new (app);
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, folder);
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped, window, 10));
  g_assert_nonnull (aushang_window_get_site (window));

  return window;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
destroy_window (AushangWindow *window)
{
  gpointer weak = window;
  g_autoptr(GFile) file = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  if (aushang_window_get_document (window) != NULL)
    aushang_document_set_modified (aushang_window_get_document (window), FALSE);
  if (aushang_window_get_file (window) != NULL)
    file = g_object_ref (aushang_window_get_file (window));
  gtk_window_destroy (GTK_WINDOW (window));
  aushang_test_wait_until (window_gone, &weak, 5);
  /* After a recovery copy still being written when the window went. */
  if (file != NULL)
    aushang_recovery_discard (file);
}

static AushangWindow *
open_document (const char *relative)
{
  AushangWindow *window = open_window ();
  g_autofree char *path = site_path (relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  aushang_window_select_file (window, file);
  g_assert_nonnull (aushang_window_get_document (window));
  g_assert_true (g_file_equal (aushang_window_get_file (window), file));

  return window;
}

/* Start-up: a window opening with a document shows the site and the
 * document in its first frame (not the welcome page fading out), and the
 * text has its highlighting when it is shown. */
static gboolean first_frame_showed_site;

static void
first_frame_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GtkWidget *overlay = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkStack *stack = GTK_STACK (adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)));

  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, window);
  first_frame_showed_site = g_strcmp0 (gtk_stack_get_visible_child_name (stack), "site") == 0 &&
                            !gtk_stack_get_transition_running (stack);
}

static gboolean
language_is_set (gpointer data)
{
  return gtk_source_buffer_get_language (data) != NULL;
}

static void
test_start_up (void)
{
  AushangWindow *window = aushang_window_new (app);
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autofree char *path = site_path ("_beitraege/repair-cafe-im-labor.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkSourceBuffer *buffer = aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window)));
  guint frames = 0;

  first_frame_showed_site = FALSE;
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (first_frame_cb), window);
  /* As the application opens a file: the window first, then the site. */
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, folder);
  aushang_window_select_file (window, file);
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped, window, 10));
  while (g_signal_handler_find (gtk_widget_get_frame_clock (GTK_WIDGET (window)), G_SIGNAL_MATCH_FUNC,
                                0, 0, NULL, first_frame_cb, NULL) != 0 && frames++ < 1000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (first_frame_showed_site);

  /* The highlighting follows on its own, and is there at once when the
   * text is shown. */
  g_assert_true (aushang_test_wait_until (language_is_set, buffer, 30));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "markdown");
  destroy_window (window);

  window = open_document ("_beitraege/repair-cafe-im-labor.md");
  buffer = aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window)));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (aushang_window_get_editor (window),
                                                                                  ADW_TYPE_VIEW_STACK)),
                                         "text");
  g_assert_nonnull (gtk_source_buffer_get_language (buffer));
  destroy_window (window);
}

static const char *
field_text (AushangWindow *window,
            const char    *key)
{
  GtkWidget *widget = aushang_form_get_field_widget (AUSHANG_FORM (aushang_window_get_form (window)), key);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_EDITABLE (widget));

  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
test_open_shows_values (void)
{
  AushangWindow *window = open_document ("_beitraege/repair-cafe-im-labor.md");
  AushangSiteSidebar *sidebar = AUSHANG_SITE_SIDEBAR (aushang_window_get_sidebar (window));
  GtkWidget *title = aushang_form_get_field_widget (AUSHANG_FORM (aushang_window_get_form (window)), "title");
  g_autofree char *accessible = NULL;

  g_assert_cmpstr (field_text (window, "title"), ==,
                   "Repair-Café im Offenen Labor: Kaputt ist erst, wenn wir aufgeben");
  g_assert_false (aushang_document_get_modified (aushang_window_get_document (window)));

  /* The sidebar lists every document and searches by title. */
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), >=, 6);
  aushang_site_sidebar_set_search (sidebar, "repair");
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, 2);
  aushang_site_sidebar_set_search (sidebar, NULL);

  g_assert_nonnull (title);

  /* The site is remembered: first among the recent ones, and reopened on
   * the next start. */
  {
    GSettings *settings = aushang_application_get_settings (app);
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-sites");
    g_autofree char *last = g_settings_get_string (settings, "last-site");

    g_assert_nonnull (recent[0]);
    g_assert_cmpstr (recent[0], ==, site_dir);
    g_assert_cmpstr (last, ==, site_dir);
  }

  destroy_window (window);
}

static GPtrArray *
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (out, g_strdup (lines[i]));

  return out;
}

static void
test_edit_and_save (void)
{
  g_autofree char *path = site_path ("_beitraege/repair-cafe-im-labor.md");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) old_lines = NULL;
  g_autoptr(GPtrArray) new_lines = NULL;
  g_autoptr(GError) error = NULL;
  AushangWindow *window;
  GtkWidget *title;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint changed = 0;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  window = open_document ("_beitraege/repair-cafe-im-labor.md");

  /* A new title in the form … */
  title = aushang_form_get_field_widget (AUSHANG_FORM (aushang_window_get_form (window)), "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Repair-Café: Wir reparieren gemeinsam");

  /* … and a changed paragraph in the editor. */
  buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "Ein Gerät streikt", 0, &start, &end, NULL));
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "Ein Toaster streikt", -1);
  aushang_test_spin (100);

  g_assert_true (aushang_document_get_modified (aushang_window_get_document (window)));
  g_assert_true (aushang_window_save (window, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (aushang_document_get_modified (aushang_window_get_document (window)));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  old_lines = split_lines (before);
  new_lines = split_lines (after);
  g_assert_cmpuint (old_lines->len, ==, new_lines->len);
  for (guint i = 0; i < old_lines->len; i++)
    {
      const char *a = g_ptr_array_index (old_lines, i);
      const char *b = g_ptr_array_index (new_lines, i);

      if (strcmp (a, b) == 0)
        continue;

      changed++;
      if (g_str_has_prefix (a, "title:"))
        g_assert_cmpstr (b, ==, "title: \"Repair-Café: Wir reparieren gemeinsam\"");
      else
        {
          g_assert_true (g_str_has_prefix (a, "Ein Gerät streikt"));
          g_assert_true (g_str_has_prefix (b, "Ein Toaster streikt"));
          g_assert_cmpstr (a + strlen ("Ein Gerät streikt"), ==, b + strlen ("Ein Toaster streikt"));
        }
    }
  g_assert_cmpuint (changed, ==, 2);

  destroy_window (window);
}

static void
test_new_document (void)
{
  AushangWindow *window = open_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autofree char *output = NULL;
  AushangFrontMatter *fm;
  const char *authors[] = { "Aylin Demir", NULL };
  const char *categories[] = { "Repair-Café", NULL };
  int status = 0;

  g_assert_true (aushang_window_new_document (window, "beitraege", "Lötkurs für Einsteiger", &error));
  g_assert_no_error (error);
  relative = g_file_get_relative_path (aushang_site_get_folder (aushang_window_get_site (window)),
                                       aushang_window_get_file (window));
  g_assert_cmpstr (relative, ==, "_beitraege/loetkurs-fuer-einsteiger.md");
  g_assert_cmpstr (field_text (window, "title"), ==, "Lötkurs für Einsteiger");

  /* Fill in author and category through the core, as the chips do. */
  fm = aushang_document_get_front_matter (aushang_window_get_document (window));
  g_assert_true (aushang_front_matter_set_strv (fm, "authors", authors, &error));
  g_assert_true (aushang_front_matter_set_strv (fm, "categories", categories, &error));

  g_assert_true (aushang_window_save (window, NULL, &error));
  g_assert_no_error (error);

  path = site_path ("_beitraege/loetkurs-fuer-einsteiger.md");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "---\ntitle: \"Lötkurs für Einsteiger\"\n"));
  g_assert_nonnull (strstr (text, "authors:\n  - \"Aylin Demir\"\n"));
  g_assert_nonnull (strstr (text, "categories:\n  - \"Repair-Café\"\n"));
  g_assert_nonnull (strstr (text, "{% include anmeldung.html"));

  /* aushang --check passes it (no errors; warnings are advice). */
  command = g_strdup_printf ("%s --check %s", g_getenv ("AUSHANG_BINARY"), path);
  g_assert_true (g_spawn_command_line_sync (command, &output, NULL, &status, &error));
  g_test_message ("%s", output);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_null (strstr (output, ": error:"));

  destroy_window (window);
}

static void
test_unsaved_changes_prompt (void)
{
  AushangWindow *window = open_document ("_posts/2026-07-02-sommerpause.md");
  gpointer weak = window;
  GtkWidget *title = aushang_form_get_field_widget (AUSHANG_FORM (aushang_window_get_form (window)), "title");
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_editable_set_text (GTK_EDITABLE (title), "Sommerpause, aber länger");
  g_assert_true (aushang_document_get_modified (aushang_window_get_document (window)));

  /* Closing asks; Cancel keeps the window and the change. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = aushang_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  adw_message_dialog_response (dialog, "cancel");
  aushang_test_spin (50);
  g_assert_nonnull (weak);
  g_assert_true (aushang_document_get_modified (aushang_window_get_document (window)));

  /* Switching documents asks as well. */
  {
    g_autofree char *other = site_path ("_posts/2026-04-17-neuer-lasercutter.md");
    g_autoptr(GFile) file = g_file_new_for_path (other);

    aushang_window_select_file (window, file);
    dialog = aushang_window_get_dialog (window);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "cancel");
    g_assert_cmpstr (field_text (window, "title"), ==, "Sommerpause, aber länger");
  }

  /* Discard closes without writing. */
  {
    g_autofree char *path = site_path ("_posts/2026-07-02-sommerpause.md");
    g_autofree char *text = NULL;

    gtk_window_close (GTK_WINDOW (window));
    dialog = aushang_window_get_dialog (window);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "discard");
    g_assert_true (aushang_test_wait_until (window_gone, &weak, 5));
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_null (strstr (text, "aber länger"));
  }
}

static gboolean
has_recovery (gpointer data)
{
  g_autoptr(GPtrArray) list = aushang_recovery_list (G_FILE (data));

  return list->len > 0;
}

static void
test_crash_recovery (void)
{
  AushangWindow *window = open_document ("_posts/2026-04-17-neuer-lasercutter.md");
  GtkWidget *title = aushang_form_get_field_widget (AUSHANG_FORM (aushang_window_get_form (window)), "title");
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autofree char *path = site_path ("_posts/2026-04-17-neuer-lasercutter.md");
  g_autofree char *on_disk = NULL;
  AushangWindow *second;
  AdwMessageDialog *dialog;

  gtk_editable_set_text (GTK_EDITABLE (title), "Nicht gespeicherter Titel");

  /* A copy of the unsaved text appears in the recovery area … */
  g_assert_true (aushang_test_wait_until (has_recovery, folder, 10));

  /* … the window goes away without saving (as in a crash) … */
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_null (strstr (on_disk, "Nicht gespeicherter Titel"));

  /* … and opening the site again offers it back. */
  second = open_window ();
  dialog = aushang_window_get_dialog (second);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  adw_message_dialog_response (dialog, "restore");
  g_assert_cmpstr (field_text (second, "title"), ==, "Nicht gespeicherter Titel");
  g_assert_true (aushang_document_get_modified (aushang_window_get_document (second)));

  /* Saving keeps it and clears the recovery copy. */
  g_assert_true (aushang_window_save (second, NULL, NULL));
  g_assert_false (has_recovery (folder));
  destroy_window (second);
}

static char *
recovered_text (GFile *folder)
{
  g_autoptr(GPtrArray) list = aushang_recovery_list (folder);
  AushangRecovery *recovery;

  if (list->len == 0)
    return NULL;
  recovery = g_ptr_array_index (list, 0);

  return g_strndup (g_bytes_get_data (recovery->contents, NULL), g_bytes_get_size (recovery->contents));
}

/* Someone who types without a pause still has a copy of what they typed
 * a moment ago, and the first one soon after the first change: the window
 * writes one at most 1 s after a change (AUTOSAVE_INTERVAL_MS), also while
 * typing goes on. The test allows 3 s, for a machine busy with other
 * tests; a copy written only once typing stops would still never come. */
static void
test_recovery_while_typing (void)
{
  AushangWindow *window = open_document ("_posts/2026-07-02-sommerpause.md");
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autoptr(GString) typed = g_string_new (NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *copy = NULL;
  gint64 start, end, first_copy = 0;
  GtkTextIter iter;
  gsize must_have = 0;

  g_assert_false (has_recovery (folder));
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);

  /* A key every 40 ms for 4.5 s. */
  start = g_get_monotonic_time ();
  for (guint i = 0; g_get_monotonic_time () - start < 4500 * 1000; i++)
    {
      char c = "abcdefghijklmnopqrstuvwxyz "[i % 27];
      gint64 now = g_get_monotonic_time ();

      gtk_text_buffer_insert_at_cursor (buffer, &c, 1);
      g_string_append_c (typed, c);
      g_array_append_val (times, now);
      aushang_test_spin (40);
      if (first_copy == 0 && has_recovery (folder))
        first_copy = g_get_monotonic_time ();
    }
  end = g_get_monotonic_time ();

  g_assert_cmpint (first_copy, >, 0);
  g_assert_cmpint (first_copy - start, <, 3 * G_USEC_PER_SEC);

  /* Everything typed until 3 s before the end is in the copy. */
  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, gint64, i) <= end - 3 * G_USEC_PER_SEC)
      must_have = i + 1;
  g_assert_cmpuint (must_have, >=, 5);
  copy = recovered_text (folder);
  g_assert_nonnull (copy);
  {
    g_autofree char *expected = g_strndup (typed->str, must_have);
    const char *tail = strstr (copy, "Schöne Ferien!\n");

    g_assert_nonnull (tail);
    tail += strlen ("Schöne Ferien!\n");
    g_assert_true (g_str_has_prefix (tail, expected));
    g_assert_true (g_str_has_prefix (typed->str, tail));
  }

  destroy_window (window);
  g_assert_false (has_recovery (folder));
}

static gboolean
dialog_shown (gpointer data)
{
  return aushang_window_get_dialog (AUSHANG_WINDOW (data)) != NULL;
}

static gboolean
recovery_holds (gpointer data)
{
  const char **what = data;
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autofree char *copy = recovered_text (folder);

  return copy != NULL && strstr (copy, what[0]) != NULL;
}

/* A save the disk refuses (here a file-size limit, which holds for root
 * too): a message in plain words, and nothing lost: the file keeps its
 * bytes, the text stays in the editor, marked unsaved, and in recovery. */
static void
test_save_fails (void)
{
  static const char *typed[] = { "Der Laser schneidet jetzt auch Acryl.", NULL };
  g_autofree char *path = site_path ("_posts/2026-04-17-neuer-lasercutter.md");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  gsize before_length = 0;
  AushangWindow *window;
  AushangEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  AdwMessageDialog *dialog;
  struct rlimit old_limit, small_limit;
  void (*old_handler) (int);

  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  g_assert_cmpuint (before_length, >, 1024);

  window = open_document ("_posts/2026-04-17-neuer-lasercutter.md");
  editor = AUSHANG_EDITOR (aushang_window_get_editor (window));
  buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, typed[0], -1);
  g_assert_true (aushang_test_wait_until (recovery_holds, typed, 10));

  /* Files may not grow beyond 1 KB while saving. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  small_limit = old_limit;
  small_limit.rlim_cur = 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small_limit), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  /* The person is told, in words they can act on. */
  g_assert_true (aushang_test_wait_until (dialog_shown, window, 5));
  dialog = aushang_window_get_dialog (window);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Document Was Not Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "larger than this system allows"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "was not changed"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Your text is still here"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "goutputstream"));

  /* The file is as it was, with no temporary file beside it. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *posts = site_path ("_posts");
    g_autoptr(GDir) dir = g_dir_open (posts, 0, NULL);
    const char *name;
    guint count = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      count++;
    g_assert_cmpuint (count, ==, 2);
  }

  /* The text is still in the editor, unsaved, and in recovery. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_nonnull (strstr (text, typed[0]));
  g_assert_true (aushang_document_get_modified (aushang_window_get_document (window)));
  aushang_test_spin (200);
  g_assert_true (recovery_holds (typed));

  adw_message_dialog_response (dialog, "close");
  aushang_test_spin (50);

  /* Once the disk lets it, saving works and the copy goes. */
  g_assert_true (aushang_window_save (window, NULL, NULL));
  g_assert_false (aushang_document_get_modified (aushang_window_get_document (window)));
  g_free (after);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_nonnull (strstr (after, typed[0]));
  aushang_test_spin (200);
  g_assert_false (has_recovery (folder));

  destroy_window (window);
  g_assert_true (g_file_set_contents (path, before, before_length, NULL));
}

static GtkWidget *
find_entry (GtkWidget *root)
{
  if (GTK_IS_ENTRY (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first visible label below @widget whose text starts with @prefix. */
static GtkWidget *
find_label_with_prefix (GtkWidget  *widget,
                        const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_prefix (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
example_failure_shown (gpointer data)
{
  return find_label_with_prefix (data, "The example site could not be copied.") != NULL;
}

static gboolean
site_is_example (gpointer data)
{
  AushangSite *site = aushang_window_get_site (data);
  g_autofree char *name = site ? g_file_get_basename (aushang_site_get_folder (site)) : NULL;

  return g_strcmp0 (name, "Aushang Example Site") == 0;
}

/* Counts the files below @path. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      count += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_files (child) : 1;
    }

  return count;
}

/* Copying the example site when the disk refuses a part of it (a
 * file-size limit, which holds for root too): no half site is left in the
 * person's folder, they are told why, and the site they had stays open.
 * In a child process, with a home folder of its own to copy into. */
static void
test_example_copy_fails (void)
{
  g_autofree char *home = NULL;
  g_autofree char *old_home = NULL;
  g_autofree char *old_config = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *copy = g_build_filename (g_get_home_dir (), "Aushang Example Site", NULL);
      g_autoptr(GFile) example = aushang_application_dup_example_site ();
      g_autofree char *example_path = g_file_get_path (example);
      g_autoptr(GFile) opened = g_file_new_for_path (site_dir);
      g_autoptr(GDir) dir = NULL;
      struct rlimit old_limit, small_limit;
      void (*old_handler) (int);
      AushangWindow *window;
      GtkWidget *label;
      const char *text;
      const char *name;

      g_assert_true (g_str_has_prefix (g_get_home_dir (), g_get_tmp_dir ()));
      window = open_window ();

      /* Files may not grow beyond 4 KB while the site is copied. */
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
      small_limit = old_limit;
      small_limit.rlim_cur = 4096;
      old_handler = signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small_limit), ==, 0);
      g_action_group_activate_action (G_ACTION_GROUP (window), "open-example", NULL);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
      signal (SIGXFSZ, old_handler);

      /* The person is told, in words they can act on. */
      g_assert_true (aushang_test_wait_until (example_failure_shown, window, 5));
      label = find_label_with_prefix (GTK_WIDGET (window), "The example site could not be copied.");
      text = gtk_label_get_text (GTK_LABEL (label));
      g_test_message ("%s", text);
      g_assert_true (g_str_has_prefix (text, "The example site could not be copied. "
                                             "The file would be larger than this system allows. “"));
      g_assert_true (g_str_has_suffix (text, "” was not created."));

      /* Nothing of the copy is left, and the site stays open. */
      dir = g_dir_open (g_get_home_dir (), 0, NULL);
      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_test_message ("left in the home folder: %s", name);
          g_assert_false (g_str_has_prefix (name, "Aushang Example Site"));
        }
      g_assert_true (g_file_equal (aushang_site_get_folder (aushang_window_get_site (window)), opened));

      /* Once the disk lets it, all of it is copied, and opened. */
      g_action_group_activate_action (G_ACTION_GROUP (window), "open-example", NULL);
      g_assert_true (aushang_test_wait_until (site_is_example, window, 10));
      g_assert_cmpuint (count_files (copy), ==, count_files (example_path));

      destroy_window (window);
      return;
    }

  /* A home folder of the child's own: the copy goes there. */
  home = g_dir_make_tmp ("aushang-home-XXXXXX", &error);
  g_assert_no_error (error);
  old_home = g_strdup (g_getenv ("HOME"));
  old_config = g_strdup (g_getenv ("XDG_CONFIG_HOME"));
  g_setenv ("HOME", home, TRUE);
  g_unsetenv ("XDG_CONFIG_HOME");

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);

  if (old_home != NULL)
    g_setenv ("HOME", old_home, TRUE);
  else
    g_unsetenv ("HOME");
  if (old_config != NULL)
    g_setenv ("XDG_CONFIG_HOME", old_config, TRUE);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (home);

    aushang_test_delete_tree (folder);
  }
  g_test_trap_assert_passed ();
}

/* Renaming a document with unsaved changes: the recovery copy follows it,
 * and none is left under the old name. */
static void
test_rename_moves_recovery (void)
{
  static const char *typed[] = { "Neu: Termine auch im August.", NULL };
  AushangWindow *window = open_document ("_posts/2026-07-02-sommerpause.md");
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *old_path = site_path ("_posts/2026-07-02-sommerpause.md");
  g_autofree char *new_path = site_path ("_posts/2026-07-02-sommerpause-verlaengert.md");
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  AdwMessageDialog *dialog;
  AushangRecovery *recovery;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, typed[0], -1);
  g_assert_true (aushang_test_wait_until (recovery_holds, typed, 10));

  g_action_group_activate_action (G_ACTION_GROUP (window), "rename", NULL);
  dialog = aushang_window_get_dialog (window);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_entry (GTK_WIDGET (dialog))), "2026-07-02-sommerpause-verlaengert.md");
  adw_message_dialog_response (dialog, "rename");
  aushang_test_spin (300);

  g_assert_true (g_file_equal (aushang_window_get_file (window), new_file));
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  list = aushang_recovery_list (folder);
  g_assert_cmpuint (list->len, ==, 1);
  recovery = g_ptr_array_index (list, 0);
  g_assert_true (g_file_equal (recovery->file, new_file));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (recovery->contents, NULL),
                                  g_bytes_get_size (recovery->contents), typed[0]));

  /* Back as it was, for the tests after this one. */
  g_assert_true (aushang_window_save (window, NULL, NULL));
  destroy_window (window);
  g_assert_true (g_rename (new_path, old_path) == 0);
  {
    g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site",
                                                "_posts", "2026-07-02-sommerpause.md", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (old_path, contents, length, NULL));
  }
  g_assert_false (has_recovery (folder));
}

/* Opening a site whose _data holds an empty or comment-only YAML file
 * (real sites have them) hung before the window appeared. In a
 * subprocess, so a hang fails this test only. */
static void
test_empty_data_files (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *data = site_path ("_data");
      g_autofree char *empty = g_build_filename (data, "leer.yml", NULL);
      g_autofree char *comment = g_build_filename (data, "kommentar.yml", NULL);
      g_autofree char *bom = g_build_filename (data, "bom.yml", NULL);
      AushangWindow *window;
      AushangSiteSidebar *sidebar;

      g_assert_true (g_file_set_contents (empty, "", 0, NULL));
      g_assert_true (g_file_set_contents (comment, "# Noch keine Termine.\n", -1, NULL));
      g_assert_true (g_file_set_contents (bom, "\xef\xbb\xbf# Mit BOM\n", -1, NULL));

      window = open_window ();
      sidebar = AUSHANG_SITE_SIDEBAR (aushang_window_get_sidebar (window));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
      g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), >=, 6);
      destroy_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
put_file (const char *root,
          const char *relative,
          const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
site_opened (gpointer data)
{
  return aushang_window_get_site (data) != NULL;
}

/* A repository that keeps its site in a subfolder (GitHub Pages' docs/)
 * opens as that site and says so; with several sites the person picks. */
static void
test_site_in_subfolder (void)
{
  g_autofree char *repo = g_dir_make_tmp ("aushang-repo-XXXXXX", NULL);
  g_autoptr(GFile) repo_folder = g_file_new_for_path (repo);
  g_autofree char *docs = g_build_filename (repo, "docs", NULL);
  g_autofree char *web = g_build_filename (repo, "web", NULL);
  g_autoptr(GFile) docs_folder = g_file_new_for_path (docs);
  g_autoptr(GFile) web_folder = g_file_new_for_path (web);
  AushangWindow *window;
  AdwMessageDialog *dialog;
  AushangSiteSidebar *sidebar;

  put_file (repo, "README.md", "# Unser Verein\n");
  put_file (repo, "docs/_config.yml", "title: Verein\n");
  put_file (repo, "docs/_posts/2024-01-01-hallo.md", "---\ntitle: Hallo\n---\nText\n");

  window = aushang_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, repo_folder);
  g_assert_true (aushang_test_wait_until (site_opened, window, 10));
  g_assert_true (g_file_equal (aushang_site_get_folder (aushang_window_get_site (window)), docs_folder));
  sidebar = AUSHANG_SITE_SIDEBAR (aushang_window_get_sidebar (window));
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, 1);
  g_assert_null (find_message_dialog ());
  destroy_window (window);

  /* A second site: the person is asked which one. */
  put_file (repo, "web/_config.yml", "title: Verein (neu)\n");
  put_file (repo, "web/_posts/2024-02-01-neu.md", "---\ntitle: Neu\n---\nText\n");
  put_file (repo, "web/_posts/2024-02-02-neuer.md", "---\ntitle: Neuer\n---\nText\n");

  window = aushang_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, repo_folder);
  g_assert_true (aushang_test_wait_until (has_message_dialog, NULL, 10));
  g_assert_null (aushang_window_get_site (window));
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "site-0"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "site-0"), ==, "docs");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "site-1"), ==, "web");
  adw_message_dialog_response (dialog, "site-1");
  g_assert_true (aushang_test_wait_until (site_opened, window, 10));
  g_assert_true (g_file_equal (aushang_site_get_folder (aushang_window_get_site (window)), web_folder));
  sidebar = AUSHANG_SITE_SIDEBAR (aushang_window_get_sidebar (window));
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, 2);
  destroy_window (window);

  aushang_test_delete_path (repo);
}

/* The checks after a change run in a thread: what they find still
 * appears at the document, and a result for a text that changed while
 * it was being checked is not shown. */
static gboolean
diagnostics_mention (AushangWindow *window,
                     const char    *needle)
{
  GPtrArray *diagnostics = aushang_window_get_diagnostics (window);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      AushangDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (strstr (diagnostic->message, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
shows_broken_link (gpointer data)
{
  return diagnostics_mention (data, "/gibt-es-nicht/");
}

static void
type_at_end (GtkTextBuffer *buffer,
             const char    *text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

typedef struct
{
  AushangWindow *window;
  guint          finished;
} CheckWait;

static gboolean
a_check_finished (gpointer data)
{
  CheckWait *wait = data;

  return aushang_window_get_checks_finished (wait->window) > wait->finished;
}

static void
test_checks_in_thread (void)
{
  AushangWindow *window = open_document ("_beitraege/repair-cafe-im-labor.md");
  AushangEditor *editor = AUSHANG_EDITOR (aushang_window_get_editor (window));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  CheckWait wait = { window, 0 };
  GtkTextIter start, end;

  /* Opened: checked at once, nothing about links. */
  g_assert_nonnull (aushang_window_get_diagnostics (window));
  g_assert_false (shows_broken_link (window));

  /* A link to no page, typed: the check after the pause finds it. */
  type_at_end (buffer, "\nSiehe [kaputt](/gibt-es-nicht/).\n");
  g_assert_true (aushang_test_wait_until (shows_broken_link, window, 20));
  g_assert_cmpuint (aushang_window_get_checks_finished (window), >=, 1);

  /* Fixed, and checked again: the warning goes. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  g_assert_true (gtk_text_iter_backward_search (&end, "/gibt-es-nicht/", 0, &start, &end, NULL));
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "/beitraege/", -1);
  wait.finished = aushang_window_get_checks_finished (window);
  g_assert_true (aushang_test_wait_until (a_check_finished, &wait, 20));
  g_assert_false (shows_broken_link (window));

  /* A check under way when the text changes again: its result (which
   * would show the broken link) is dropped; the next check's is shown. */
  type_at_end (buffer, "Und [noch einer](/gibt-es-nicht/).\n");
  aushang_window_check (window);
  wait.finished = aushang_window_get_checks_finished (window);
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  g_assert_true (gtk_text_iter_backward_search (&end, "/gibt-es-nicht/", 0, &start, &end, NULL));
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "/beitraege/", -1);
  g_assert_true (aushang_test_wait_until (a_check_finished, &wait, 20));
  g_assert_false (shows_broken_link (window));
  wait.finished = aushang_window_get_checks_finished (window);
  g_assert_true (aushang_test_wait_until (a_check_finished, &wait, 20));
  g_assert_false (shows_broken_link (window));
  g_assert_nonnull (aushang_window_get_diagnostics (window));

  destroy_window (window);
}

typedef struct
{
  AushangPreview *preview;
  char           *result;
  gboolean        done;
} Evaluation;

static void
evaluated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Evaluation *e = user_data;

  e->result = aushang_preview_evaluate_finish (AUSHANG_PREVIEW (source), result, NULL);
  e->done = TRUE;
}

static char *
evaluate (AushangPreview *preview,
          const char     *script)
{
  Evaluation e = { preview, NULL, FALSE };

  aushang_preview_evaluate (preview, script, NULL, evaluated_cb, &e);
  while (!e.done)
    g_main_context_iteration (NULL, TRUE);

  return e.result;
}

static gboolean
heading_shows (gpointer data)
{
  AushangPreview *preview = data;
  g_autofree char *text = NULL;

  if (!aushang_preview_get_idle (preview))
    return FALSE;

  /* The content's headings, in the site's layout or the built-in page. */
  text = evaluate (preview, "Array.from(document.querySelectorAll('h2, h3')).map(h => h.textContent).join('|')");

  return text != NULL && strstr (text, "Was ihr mitbringen solltet") != NULL;
}

static void
test_preview_follows_editor (void)
{
  AushangWindow *window = open_document ("_beitraege/repair-cafe-im-labor.md");
  AushangPreview *preview = AUSHANG_PREVIEW (aushang_window_get_preview (window));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  GtkTextIter start, end;
  g_autofree char *scripts = NULL;

  gtk_widget_set_visible (GTK_WIDGET (preview), TRUE);

  /* Change the first heading's text in the editor. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "### ", 0, &start, &end, NULL));
  start = end;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "Was ihr mitbringen solltet", -1);

  g_assert_true (aushang_test_wait_until (heading_shows, preview, 20));

  scripts = evaluate (preview, "String(document.querySelectorAll('script').length)");
  g_assert_cmpstr (scripts, ==, "0");

  destroy_window (window);
}

typedef struct {
  AushangPreview *preview;
  const char     *script;
} PageCheck;

static gboolean
page_says_true (gpointer data)
{
  PageCheck *check = data;
  g_autofree char *text = NULL;

  if (!aushang_preview_get_idle (check->preview))
    return FALSE;
  text = evaluate (check->preview, check->script);

  return g_strcmp0 (text, "true") == 0;
}

/* The site's own layout: its header with the menu, the text in <main>. */
#define SITE_LAYOUT_SHOWN \
  "String(document.querySelector('header.kopf nav') !== null && " \
  "document.querySelector('header.kopf nav').textContent.includes('Veranstaltungen') && " \
  "document.querySelector('main h1') !== null && " \
  "document.querySelector('main h1').textContent.includes('Repair-Café') && " \
  "document.getElementById('aushang-body') === null)"
/* The built-in page, without the site's header. */
#define PLAIN_PAGE_SHOWN \
  "String(document.getElementById('aushang-body') !== null && " \
  "document.getElementById('aushang-title').textContent.includes('Repair-Café') && " \
  "document.querySelector('header.kopf') === null)"

static AushangWindow *
open_preview_of_repair_cafe (gboolean site_style)
{
  AushangWindow *window = open_document ("_beitraege/repair-cafe-im-labor.md");
  AushangPreview *preview = AUSHANG_PREVIEW (aushang_window_get_preview (window));
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "preview-site-style");
  PageCheck check = { preview, site_style ? SITE_LAYOUT_SHOWN : PLAIN_PAGE_SHOWN };

  gtk_widget_set_visible (GTK_WIDGET (preview), TRUE);
  aushang_preview_update (preview, aushang_window_get_document (window));
  g_assert_cmpint (g_variant_get_boolean (state), ==, site_style);
  g_assert_cmpint (aushang_preview_get_site_style (preview), ==, site_style);
  g_assert_true (aushang_test_wait_until (page_says_true, &check, 30));

  return window;
}

static void
test_preview_site_style (void)
{
  AushangWindow *window;
  AushangPreview *preview;
  PageCheck check;

  /* A site whose layout renders is previewed in its own style at first. */
  window = open_preview_of_repair_cafe (TRUE);
  preview = AUSHANG_PREVIEW (aushang_window_get_preview (window));

  /* Plain: the built-in page, at once, and for this site from now on. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "preview-site-style",
                                      g_variant_new_boolean (FALSE));
  check = (PageCheck) { preview, PLAIN_PAGE_SHOWN };
  g_assert_true (aushang_test_wait_until (page_says_true, &check, 30));
  destroy_window (window);

  window = open_preview_of_repair_cafe (FALSE);
  preview = AUSHANG_PREVIEW (aushang_window_get_preview (window));

  /* And back to the site's style, which is remembered as well. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "preview-site-style",
                                      g_variant_new_boolean (TRUE));
  check = (PageCheck) { preview, SITE_LAYOUT_SHOWN };
  g_assert_true (aushang_test_wait_until (page_says_true, &check, 30));
  destroy_window (window);

  window = open_preview_of_repair_cafe (TRUE);
  destroy_window (window);
}

/* The text of the editor's top visible line. */
static char *
editor_top_line (AushangWindow *window)
{
  GtkTextView *view = GTK_TEXT_VIEW (aushang_editor_get_view (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  GdkRectangle visible;
  GtkTextIter start, end;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &start, visible.y + gtk_text_view_get_top_margin (view), NULL);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  return gtk_text_iter_get_text (&start, &end);
}

typedef struct {
  AushangWindow *window;
  const char    *line;
} EditorCheck;

static gboolean
editor_shows_at_top (gpointer data)
{
  EditorCheck *check = data;
  g_autofree char *line = editor_top_line (check->window);

  return g_strcmp0 (line, check->line) == 0;
}

/* Scrolls the editor to its cursor, again until the cursor's line is at
 * the top: GtkTextView aims by estimated line heights until its layout
 * is complete. */
static gboolean
editor_scrolled_to_cursor (gpointer data)
{
  EditorCheck *check = data;
  GtkTextView *view = GTK_TEXT_VIEW (aushang_editor_get_view (AUSHANG_EDITOR (aushang_window_get_editor (check->window))));

  if (editor_shows_at_top (data))
    return TRUE;
  gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (gtk_text_view_get_buffer (view)), 0, TRUE, 0, 0);
  aushang_test_spin (50);

  return FALSE;
}

/* The first heading of the page not above the top of the view. */
#define HEADING_AT_TOP \
  "String(window.scrollY > 0 && Array.from(document.querySelectorAll('h2'))" \
  ".find(h => h.getBoundingClientRect().bottom > 0).textContent == 'Abschnitt 45')"

static void
test_scroll_sync (gboolean site_style)
{
  g_autofree char *path = site_path ("_posts/2026-01-05-lange-seite.md");
  /* Liquid that makes fewer lines than it takes (a comment) and more (an
   * include): the lines still count as the editor counts them. */
  g_autoptr(GString) text = g_string_new ("---\ntitle: Eine lange Seite\n---\nEinleitung.\n\n"
                                          "{% comment %}\nEins\nZwei\nDrei\nVier\nFünf\nSechs\n"
                                          "Sieben\nAcht\nNeun\nZehn\n{% endcomment %}\n\n"
                                          "{% include zitat.html text=\"Ein Satz\" author=\"Jemand\" %}\n\n");
  g_autoptr(GError) error = NULL;
  AushangWindow *window;
  AushangPreview *preview;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  PageCheck check;
  EditorCheck editor_check;

  for (guint i = 1; i <= 60; i++)
    g_string_append_printf (text, "## Abschnitt %u\n\nDie erste Zeile.\nDie zweite Zeile.\n"
                                  "Die dritte Zeile.\n\n", i);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  g_assert_no_error (error);

  window = open_document ("_posts/2026-01-05-lange-seite.md");
  preview = AUSHANG_PREVIEW (aushang_window_get_preview (window));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "preview-site-style",
                                      g_variant_new_boolean (site_style));
  gtk_widget_set_visible (GTK_WIDGET (preview), TRUE);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (aushang_window_get_editor (window),
                                                                                   ADW_TYPE_VIEW_STACK)),
                                         "text");
  check = (PageCheck) { preview, "String(document.querySelectorAll('h2').length == 60)" };
  g_assert_true (aushang_test_wait_until (page_says_true, &check, 30));

  /* The editor scrolled near the end: the page shows the same heading at
   * its top. */
  view = GTK_TEXT_VIEW (aushang_editor_get_view (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "## Abschnitt 45\n", 0, &iter, NULL, NULL));
  gtk_text_buffer_place_cursor (buffer, &iter);
  editor_check = (EditorCheck) { window, "## Abschnitt 45" };
  if (!aushang_test_wait_until (editor_scrolled_to_cursor, &editor_check, 10))
    g_error ("the editor shows “%s” at its top", editor_top_line (window));
  check = (PageCheck) { preview, HEADING_AT_TOP };
  g_assert_true (aushang_test_wait_until (page_says_true, &check, 30));

  /* The page scrolled by the person (after the sync's quiet time): the
   * editor follows, with the same section at its top. */
  aushang_test_spin (500);
  g_free (evaluate (preview, "const h = document.querySelectorAll('h2')[19];"
                             "window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 8);"
                             "'done'"));
  editor_check = (EditorCheck) { window, "## Abschnitt 20" };
  if (!aushang_test_wait_until (editor_shows_at_top, &editor_check, 10))
    g_error ("after the page scrolled, the editor shows “%s” at its top", editor_top_line (window));

  destroy_window (window);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_scroll_sync_plain (void)
{
  test_scroll_sync (FALSE);
}

static void
test_scroll_sync_site_style (void)
{
  test_scroll_sync (TRUE);
}

static void
save_screenshot (AushangWindow *window,
                 const char    *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
preview_idle (gpointer data)
{
  return aushang_preview_get_idle (AUSHANG_PREVIEW (data));
}

static void
take_screenshot_sized (const char *file_name,
                       int         width,
                       int         height)
{
  AushangWindow *window = open_document ("_beitraege/repair-cafe-im-labor.md");

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  aushang_test_spin (300);
  gtk_widget_set_visible (aushang_window_get_preview (window), TRUE);
  aushang_preview_update (AUSHANG_PREVIEW (aushang_window_get_preview (window)),
                          aushang_window_get_document (window));
  g_assert_true (aushang_test_wait_until (preview_idle, aushang_window_get_preview (window), 20));
  aushang_test_spin (500);
  save_screenshot (window, file_name);
  destroy_window (window);
}

static void
take_screenshot (const char *file_name)
{
  take_screenshot_sized (file_name, 1280, 800);
}

static void
test_small_screen (void)
{
  /* 800×600 works: the sidebar folds away and comes back with F9/back. */
  take_screenshot_sized ("screenshot-800x600.png", 800, 600);
}

static void
test_screenshot_english (void)
{
  take_screenshot ("screenshot-en.png");
}

static void
test_screenshot_german (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  /* The interface speaks German now. */
  g_assert_cmpstr (_("Save New Document"), ==, "Neues Dokument speichern");
  take_screenshot ("screenshot-de.png");
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AUSHANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  gtk_init ();
  adw_init ();

  site_dir = g_dir_make_tmp ("aushang-window-XXXXXX", &error);
  g_assert_no_error (error);
  aushang_test_copy_path (source, site_dir);

  app = aushang_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/open-shows-values", test_open_shows_values);
  g_test_add_func ("/window/start-up", test_start_up);
  g_test_add_func ("/window/edit-and-save", test_edit_and_save);
  g_test_add_func ("/window/new-document", test_new_document);
  g_test_add_func ("/window/unsaved-changes-prompt", test_unsaved_changes_prompt);
  g_test_add_func ("/window/crash-recovery", test_crash_recovery);
  g_test_add_func ("/window/recovery-while-typing", test_recovery_while_typing);
  g_test_add_func ("/window/save-fails", test_save_fails);
  g_test_add_func ("/window/example-copy-fails", test_example_copy_fails);
  g_test_add_func ("/window/rename-moves-recovery", test_rename_moves_recovery);
  g_test_add_func ("/window/empty-data-files", test_empty_data_files);
  g_test_add_func ("/window/site-in-subfolder", test_site_in_subfolder);
  g_test_add_func ("/window/checks-in-thread", test_checks_in_thread);
  g_test_add_func ("/window/preview-follows-editor", test_preview_follows_editor);
  g_test_add_func ("/window/preview-site-style", test_preview_site_style);
  g_test_add_func ("/window/scroll-sync-plain", test_scroll_sync_plain);
  g_test_add_func ("/window/scroll-sync-site-style", test_scroll_sync_site_style);
  g_test_add_func ("/window/screenshot-english", test_screenshot_english);
  g_test_add_func ("/window/small-screen", test_small_screen);
  g_test_add_func ("/window/screenshot-german", test_screenshot_german);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
