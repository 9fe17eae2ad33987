/* test-git-window.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's way to publish, against git http-backend behind lighttpd
 * with a password on 127.0.0.1: "Get a Website…", edit, "Publish" (the
 * token asked for when the server wants it), and what the server has
 * afterwards. Screenshots of both dialogs go to the build folder. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "aushang-application.h"
#include "aushang-clone-dialog.h"
#include "aushang-form.h"
#include "aushang-front-matter.h"
#include "aushang-history-dialog.h"
#include "aushang-preview.h"
#include "aushang-publish-dialog.h"
#include "aushang-window.h"
#include "aushang-test-util.h"
#include "test-git-servers.h"

#define POST "_posts/2026-07-02-sommerpause.md"

static AushangApplication *app;

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width = 0, height = 0;

  /* A window that was just shown may not have been drawn yet (the
   * machine is busy with other tests): wait for its first frame. */
  for (guint i = 0; i < 100 && node == NULL; i++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      aushang_test_spin (50);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width == 0 || height == 0)
        continue;
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gboolean
clone_dialog_shown (gpointer data)
{
  GtkWindow *dialog = find_toplevel (AUSHANG_TYPE_CLONE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
publish_dialog_ready (gpointer data)
{
  GtkWindow *dialog = find_toplevel (AUSHANG_TYPE_PUBLISH_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         !aushang_publish_dialog_get_busy (AUSHANG_PUBLISH_DIALOG (dialog));
}

static gboolean
publish_dialog_gone (gpointer data)
{
  return find_toplevel (AUSHANG_TYPE_PUBLISH_DIALOG) == NULL;
}

static gboolean
site_is (gpointer data)
{
  AushangWindow *window = ((gpointer *) data)[0];
  GFile *folder = ((gpointer *) data)[1];
  AushangSite *site = aushang_window_get_site (window);

  return site != NULL && g_file_equal (aushang_site_get_folder (site), folder);
}

static gboolean
publish_enabled (gpointer data)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (data), "publish");
}

static void
test_get_edit_publish (void)
{
  g_autofree char *url = NULL;
  g_autofree char *folder_path = new_folder ("window-clone");
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autofree char *post_path = g_build_filename (folder_path, POST, NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *result = NULL;
  AushangWindow *window;
  GtkWindow *dialog;
  gpointer site_data[2];

  make_server_repo ("window.git", NULL);
  url = http_url ("window.git");

  window = aushang_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped, window, 10));

  /* Get a website: the address, the folder, the token, then the copy. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "get-site", NULL);
  g_assert_true (aushang_test_wait_until (clone_dialog_shown, NULL, 10));
  dialog = find_toplevel (AUSHANG_TYPE_CLONE_DIALOG);
  aushang_clone_dialog_set_address (AUSHANG_CLONE_DIALOG (dialog), url, folder);
  aushang_clone_dialog_set_credentials (AUSHANG_CLONE_DIALOG (dialog), user, token);
  aushang_test_spin (300);
  save_screenshot (GTK_WIDGET (dialog), "git-clone-dialog.png");
  aushang_clone_dialog_start (AUSHANG_CLONE_DIALOG (dialog));

  site_data[0] = window;
  site_data[1] = folder;
  g_assert_true (aushang_test_wait_until (site_is, site_data, 30));
  g_assert_true (aushang_test_wait_until (publish_enabled, window, 20));

  /* Edit and save, as in the window. */
  aushang_window_select_file (window, post);
  g_assert_nonnull (aushang_window_get_document (window));
  aushang_front_matter_set_string (aushang_document_get_front_matter (aushang_window_get_document (window)),
                                   "title", "Aus dem Fenster veröffentlicht", &error);
  g_assert_no_error (error);
  aushang_document_set_modified (aushang_window_get_document (window), TRUE);
  aushang_window_save (window, NULL, &error);
  g_assert_no_error (error);

  /* An error (YAML Jekyll cannot read) blocks publishing, and is listed. */
  {
    g_autofree char *broken = g_build_filename (folder_path, "_posts", "2026-08-01-kaputt.md", NULL);

    g_file_set_contents (broken, "---\ntitle: [kaputt\n---\nText\n", -1, NULL);
    g_action_group_activate_action (G_ACTION_GROUP (window), "publish", NULL);
    g_assert_true (aushang_test_wait_until (publish_dialog_ready, NULL, 30));
    dialog = find_toplevel (AUSHANG_TYPE_PUBLISH_DIALOG);
    g_assert_cmpstr (aushang_publish_dialog_get_status (AUSHANG_PUBLISH_DIALOG (dialog)), ==,
                     "Some mistakes would break the website. Fix them first; they are listed below.");
    save_screenshot (GTK_WIDGET (dialog), "git-publish-errors.png");
    aushang_publish_dialog_publish (AUSHANG_PUBLISH_DIALOG (dialog));
    g_assert_false (aushang_publish_dialog_get_busy (AUSHANG_PUBLISH_DIALOG (dialog)));
    gtk_window_destroy (dialog);
    g_assert_true (aushang_test_wait_until (publish_dialog_gone, NULL, 10));
    g_unlink (broken);
  }

  /* Publish: the list of changes, the message made from it. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "publish", NULL);
  g_assert_true (aushang_test_wait_until (publish_dialog_ready, NULL, 30));
  dialog = find_toplevel (AUSHANG_TYPE_PUBLISH_DIALOG);
  g_assert_cmpstr (aushang_publish_dialog_get_status (AUSHANG_PUBLISH_DIALOG (dialog)), ==,
                   "These changes go out to the website.");
  aushang_test_spin (300);
  save_screenshot (GTK_WIDGET (dialog), "git-publish-dialog.png");

  /* No token is kept yet: the server refuses, the dialog asks. */
  aushang_publish_dialog_publish (AUSHANG_PUBLISH_DIALOG (dialog));
  g_assert_true (aushang_test_wait_until (publish_dialog_ready, NULL, 30));
  g_assert_nonnull (strstr (aushang_publish_dialog_get_status (AUSHANG_PUBLISH_DIALOG (dialog)), "access token"));
  aushang_publish_dialog_set_credentials (AUSHANG_PUBLISH_DIALOG (dialog), user, token);
  aushang_test_spin (300);
  save_screenshot (GTK_WIDGET (dialog), "git-publish-token.png");

  /* Meanwhile someone else publishes another field of the same post. */
  {
    g_autofree char *with_password = http_url_with_password ("window.git");
    g_autofree char *other = new_folder ("window-other");

    g_free (run (NULL, "git", "clone", "-q", with_password, other, NULL));
    set_field (other, POST, "teaser", "Drei Wochen zu.");
    g_free (run (other, "git", "commit", "-q", "-am", "Teaser", NULL));
    g_free (run (other, "git", "push", "-q", NULL));
  }

  aushang_publish_dialog_publish (AUSHANG_PUBLISH_DIALOG (dialog));
  g_assert_true (aushang_test_wait_until (publish_dialog_gone, NULL, 30));

  /* Both went out, and the open document shows theirs too. */
  {
    AushangFrontMatter *fm = aushang_document_get_front_matter (aushang_window_get_document (window));
    AushangValue *teaser = aushang_front_matter_get (fm, "teaser");

    g_assert_cmpstr (aushang_value_get_string (teaser), ==, "Drei Wochen zu.");
    g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (fm, "title")), ==,
                     "Aus dem Fenster veröffentlicht");
  }

  {
    g_autofree char *with_password = http_url_with_password ("window.git");

    check = server_checkout (with_password);
  }
  result = read_file (check, POST);
  g_assert_nonnull (strstr (result, "Aus dem Fenster veröffentlicht"));
  g_assert_nonnull (strstr (result, "Drei Wochen zu."));
  g_free (result);
  result = run (check, "git", "log", "-1", "--format=%an <%ae>|%s", NULL);
  g_assert_cmpstr (result, ==, "Anna Beispiel <anna@example.org>|Post changed: Aus dem Fenster veröffentlicht\n");

  aushang_document_set_modified (aushang_window_get_document (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  aushang_test_spin (200);
}

/* Both changed the title: the dialog shows both, the person writes one
 * of both, and that goes out. */
static void
test_conflict (void)
{
  g_autofree char *url = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *folder_path = new_folder ("window-conflict");
  g_autofree char *other = new_folder ("window-conflict-other");
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autofree char *post_path = g_build_filename (folder_path, POST, NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *result = NULL;
  AushangWindow *window;
  GtkWindow *dialog;
  gpointer site_data[2];

  make_server_repo ("conflict.git", NULL);
  url = http_url ("conflict.git");
  with_password = http_url_with_password ("conflict.git");
  g_free (run (NULL, "git", "clone", "-q", with_password, folder_path, NULL));
  g_free (run (folder_path, "git", "remote", "set-url", "origin", url, NULL));
  g_free (run (NULL, "git", "clone", "-q", with_password, other, NULL));

  window = aushang_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, folder);
  site_data[0] = window;
  site_data[1] = folder;
  g_assert_true (aushang_test_wait_until (site_is, site_data, 30));
  g_assert_true (aushang_test_wait_until (publish_enabled, window, 20));

  set_field (other, POST, "title", "Sommerferien");
  g_free (run (other, "git", "commit", "-q", "-am", "Titel", NULL));
  g_free (run (other, "git", "push", "-q", NULL));

  aushang_window_select_file (window, post);
  aushang_front_matter_set_string (aushang_document_get_front_matter (aushang_window_get_document (window)),
                                   "title", "Sommerpause im Labor", &error);
  g_assert_no_error (error);
  aushang_document_set_modified (aushang_window_get_document (window), TRUE);
  aushang_window_save (window, NULL, &error);
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (window), "publish", NULL);
  g_assert_true (aushang_test_wait_until (publish_dialog_ready, NULL, 30));
  dialog = find_toplevel (AUSHANG_TYPE_PUBLISH_DIALOG);
  aushang_publish_dialog_set_credentials (AUSHANG_PUBLISH_DIALOG (dialog), user, token);
  aushang_publish_dialog_publish (AUSHANG_PUBLISH_DIALOG (dialog));
  g_assert_true (aushang_test_wait_until (publish_dialog_ready, NULL, 30));
  g_assert_cmpuint (aushang_publish_dialog_get_n_conflicts (AUSHANG_PUBLISH_DIALOG (dialog)), ==, 1);
  g_assert_nonnull (strstr (aushang_publish_dialog_get_status (AUSHANG_PUBLISH_DIALOG (dialog)), "Your version is kept"));
  /* The field as the form names it, the post by its title. */
  g_assert_cmpstr (aushang_publish_dialog_get_conflict_title (AUSHANG_PUBLISH_DIALOG (dialog), 0), ==,
                   "“Title” of “Sommerpause im Labor” was changed here and on the website.");
  save_screenshot (GTK_WIDGET (dialog), "git-publish-conflict.png");

  /* Nothing typed is lost: the file keeps the person's title. */
  result = read_file (folder_path, POST);
  g_assert_nonnull (strstr (result, "Sommerpause im Labor"));
  g_clear_pointer (&result, g_free);

  g_assert_true (aushang_publish_dialog_resolve (AUSHANG_PUBLISH_DIALOG (dialog), 0,
                                                 AUSHANG_GIT_USE_TEXT, "Sommerferien im Labor"));
  g_assert_cmpuint (aushang_publish_dialog_get_n_conflicts (AUSHANG_PUBLISH_DIALOG (dialog)), ==, 0);
  aushang_publish_dialog_publish (AUSHANG_PUBLISH_DIALOG (dialog));
  g_assert_true (aushang_test_wait_until (publish_dialog_gone, NULL, 30));

  check = server_checkout (with_password);
  result = read_file (check, POST);
  g_assert_nonnull (strstr (result, "Sommerferien im Labor"));
  g_assert_null (strstr (result, "Sommerpause im Labor"));
  g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (aushang_document_get_front_matter (aushang_window_get_document (window)), "title")),
                   ==, "Sommerferien im Labor");

  aushang_document_set_modified (aushang_window_get_document (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  aushang_test_spin (200);
}

static gboolean
earlier_versions_enabled (gpointer data)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (data), "earlier-versions");
}

static gboolean
history_dialog_ready (gpointer data)
{
  GtkWindow *dialog = find_toplevel (AUSHANG_TYPE_HISTORY_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         !aushang_history_dialog_get_busy (AUSHANG_HISTORY_DIALOG (dialog)) &&
         aushang_history_dialog_get_n_versions (AUSHANG_HISTORY_DIALOG (dialog)) > 0;
}

static gboolean
history_dialog_gone (gpointer data)
{
  return find_toplevel (AUSHANG_TYPE_HISTORY_DIALOG) == NULL;
}

typedef struct
{
  char     *result;
  gboolean  done;
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

/* Whether the dialog's preview shows the title @data. */
static gboolean
history_preview_shows (gpointer data)
{
  GtkWindow *dialog = find_toplevel (AUSHANG_TYPE_HISTORY_DIALOG);
  AushangPreview *preview = AUSHANG_PREVIEW (aushang_history_dialog_get_preview (AUSHANG_HISTORY_DIALOG (dialog)));
  Evaluation e = { NULL, FALSE };
  gboolean shows;

  if (!aushang_preview_get_idle (preview))
    return FALSE;
  aushang_preview_evaluate (preview, "document.getElementById('aushang-title') ? document.getElementById('aushang-title').textContent : ''",
                            NULL, evaluated_cb, &e);
  while (!e.done)
    g_main_context_iteration (NULL, TRUE);
  shows = e.result != NULL && strstr (e.result, data) != NULL;
  g_free (e.result);
  return shows;
}

/* "Earlier Versions…" of a document in a local repository with two
 * commits: both are listed, the older one is shown and restored as an
 * unsaved change; the file keeps the newer text until saved. */
static void
test_earlier_versions (void)
{
  g_autofree char *folder_path = new_folder ("window-history");
  g_autofree char *example = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autofree char *post_path = g_build_filename (folder_path, POST, NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autofree char *draft_path = g_build_filename (folder_path, "_posts", "2026-08-01-entwurf.md", NULL);
  g_autoptr(GFile) draft = g_file_new_for_path (draft_path);
  g_autofree char *on_disk = NULL;
  AushangWindow *window;
  AushangDocument *document;
  GtkWindow *dialog;
  GtkWidget *title;
  gpointer site_data[2];

  aushang_test_copy_path (example, folder_path);
  set_field (folder_path, POST, "title", "Erste Fassung");
  g_free (run (folder_path, "git", "init", "-q", "-b", "main", NULL));
  g_free (run (folder_path, "git", "add", "-A", NULL));
  g_free (run (folder_path, "git", "commit", "-q", "-m", "Sommerpause angekündigt", NULL));
  set_field (folder_path, POST, "title", "Zweite Fassung");
  g_free (run (folder_path, "git", "commit", "-q", "-am", "Neuer Titel", NULL));
  /* Never committed: no earlier versions. */
  g_assert_true (g_file_set_contents (draft_path, "---\ntitle: Entwurf\n---\n\nText.\n", -1, NULL));

  window = aushang_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, folder);
  site_data[0] = window;
  site_data[1] = folder;
  g_assert_true (aushang_test_wait_until (site_is, site_data, 30));

  aushang_window_select_file (window, draft);
  aushang_test_spin (1000);
  g_assert_false (earlier_versions_enabled (window));
  aushang_window_select_file (window, post);
  g_assert_true (aushang_test_wait_until (earlier_versions_enabled, window, 20));
  g_action_group_activate_action (G_ACTION_GROUP (window), "earlier-versions", NULL);
  g_assert_true (aushang_test_wait_until (history_dialog_ready, NULL, 30));
  dialog = find_toplevel (AUSHANG_TYPE_HISTORY_DIALOG);
  g_assert_cmpuint (aushang_history_dialog_get_n_versions (AUSHANG_HISTORY_DIALOG (dialog)), ==, 2);
  /* The newest is shown first. */
  g_assert_true (aushang_test_wait_until (history_preview_shows, (gpointer) "Zweite Fassung", 30));

  aushang_history_dialog_select (AUSHANG_HISTORY_DIALOG (dialog), 1);
  g_assert_true (aushang_test_wait_until (history_dialog_ready, NULL, 30));
  g_assert_true (aushang_test_wait_until (history_preview_shows, (gpointer) "Erste Fassung", 30));
  save_screenshot (GTK_WIDGET (dialog), "git-earlier-versions.png");
  aushang_history_dialog_restore (AUSHANG_HISTORY_DIALOG (dialog));
  g_assert_true (aushang_test_wait_until (history_dialog_gone, NULL, 10));

  /* The older text is in the window, as a change not yet saved. */
  document = aushang_window_get_document (window);
  g_assert_true (aushang_document_get_modified (document));
  g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (aushang_document_get_front_matter (document), "title")),
                   ==, "Erste Fassung");
  title = aushang_form_get_field_widget (AUSHANG_FORM (aushang_window_get_form (window)), "title");
  g_assert_true (GTK_IS_EDITABLE (title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Erste Fassung");
  on_disk = read_file (folder_path, POST);
  g_assert_nonnull (strstr (on_disk, "Zweite Fassung"));

  aushang_document_set_modified (document, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  aushang_test_spin (200);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AUSHANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  /* It sets environment variables: before any thread starts. */
  git_servers_start (FALSE);
  gtk_init ();
  adw_init ();

  app = aushang_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Name and e-mail were given once before. */
  settings = aushang_application_get_settings (app);
  g_settings_set_string (settings, "git-name", "Anna Beispiel");
  g_settings_set_string (settings, "git-email", "anna@example.org");

  g_test_add_func ("/git-window/get-edit-publish", test_get_edit_publish);
  g_test_add_func ("/git-window/conflict", test_conflict);
  g_test_add_func ("/git-window/earlier-versions", test_earlier_versions);

  status = g_test_run ();
  git_servers_cleanup ();
  return status;
}
