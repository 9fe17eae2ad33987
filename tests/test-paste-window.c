/* test-paste-window.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pasting into the editor: formatted text from the clipboard arrives as
 * Markdown, "Paste as Plain Text" (Ctrl+Shift+V) pastes the text alone,
 * and text without formatting is pasted as before.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "aushang-editor.h"
#include "aushang-paste.h"
#include "aushang-resources.h"
#include "aushang-test-util.h"

#define TIMEOUT_SECONDS 120

/* Iterates the main loop until @cond holds; fails after TIMEOUT_SECONDS. */
#define WAIT_UNTIL(cond) AUSHANG_TEST_WAIT_UNTIL (cond, TIMEOUT_SECONDS)

static char *temp_dir;
static GtkWidget *window;
static AushangEditor *editor;
static GtkTextView *view;
static GtkTextBuffer *buffer;

static char *
dup_text (void)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
text_is (const char *expected)
{
  g_autofree char *text = dup_text ();

  return g_strcmp0 (text, expected) == 0;
}

/* Puts @html (may be NULL) and @plain on the clipboard, as a browser or
 * an office program does. */
static void
set_clipboard (const char *html,
               const char *plain)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentProvider *providers[2];
  guint n = 0;

  if (html != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));

      providers[n++] = gdk_content_provider_new_for_bytes ("text/html", bytes);
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new (plain, strlen (plain));

    providers[n++] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  }
  {
    g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_union (providers, n);

    g_assert_true (gdk_clipboard_set_content (clipboard, provider));
  }
}

static void
reset (const char *text)
{
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static void
test_paste_html (void)
{
  reset ("Vorher\n\n");
  set_clipboard ("<meta charset=\"utf-8\"><h2 style=\"color:red\">Programm</h2>"
                 "<p>Am <b>Samstag</b> im <a href=\"https://example.org/hof\">Hof</a>.</p>"
                 "<ul><li>Kuchen</li><li>Musik</li></ul>",
                 "Programm\nAm Samstag im Hof.\nKuchen\nMusik\n");
  g_signal_emit_by_name (view, "paste-clipboard");
  WAIT_UNTIL (text_is ("Vorher\n\n## Programm\n\nAm **Samstag** im [Hof](https://example.org/hof).\n\n"
                       "- Kuchen\n- Musik\n"));

  /* One step to undo. */
  gtk_text_buffer_undo (buffer);
  g_assert_true (text_is ("Vorher\n\n"));
}

static void
test_paste_html_in_line (void)
{
  GtkTextIter start, end;

  /* A piece of a line replaces the selection, without a line break. */
  reset ("Ein Wort hier.");
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 4);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 8);
  gtk_text_buffer_select_range (buffer, &start, &end);
  set_clipboard ("<html><body><!--StartFragment--><span style=\"font-weight:700\">fettes</span> "
                 "<i>Wort</i><!--EndFragment--></body></html>",
                 "fettes Wort");
  g_signal_emit_by_name (view, "paste-clipboard");
  WAIT_UNTIL (text_is ("Ein **fettes** *Wort* hier."));
}

static void
test_paste_plain (void)
{
  /* Ctrl+Shift+V: the text alone. */
  reset ("");
  set_clipboard ("<p>Am <b>Samstag</b></p>", "Am Samstag");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "paste.plain", NULL));
  WAIT_UNTIL (text_is ("Am Samstag"));

  /* Text without formatting is pasted as it is, Markdown characters too. */
  reset ("");
  set_clipboard (NULL, "5 * 3 [x]");
  g_signal_emit_by_name (view, "paste-clipboard");
  WAIT_UNTIL (text_is ("5 * 3 [x]"));

  /* The context menu offers it. */
  {
    GMenuModel *extra = gtk_text_view_get_extra_menu (view);
    gboolean found = FALSE;

    for (int i = 0; i < g_menu_model_get_n_items (extra) && !found; i++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (extra, i, G_MENU_LINK_SECTION);

        for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
          {
            g_autofree char *action = NULL;

            if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
                g_str_equal (action, "paste.plain"))
              found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

static void
test_paste_utf16 (void)
{
  /* Some browsers write text/html as UTF-16 with a byte order mark. */
  g_autofree char *utf16 = NULL;
  gsize length = 0;
  g_autofree char *html = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;

  reset ("");
  utf16 = g_convert ("<p>Grüße <b>aus</b> Köln</p>", -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
  html = g_malloc (length + 2);
  html[0] = (char) 0xFF;
  html[1] = (char) 0xFE;
  memcpy (html + 2, utf16, length);
  bytes = g_bytes_new (html, length + 2);
  provider = gdk_content_provider_new_for_bytes ("text/html", bytes);
  g_assert_true (gdk_clipboard_set_content (clipboard, provider));
  g_signal_emit_by_name (view, "paste-clipboard");
  WAIT_UNTIL (text_is ("Grüße **aus** Köln"));
}

/* The dialog that asks for a description, once it is there. */
static AdwMessageDialog *
find_dialog (void)
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

static void
describe (const char *alt)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  WAIT_UNTIL (find_dialog () != NULL);
  dialog = find_dialog ();
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), alt);
  adw_message_dialog_response (dialog, "insert");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A site with a document open in the editor, and a big photo beside it. */
static char *
open_site (void)
{
  g_autofree char *site_path = g_build_filename (temp_dir, "site", NULL);
  g_autofree char *posts = g_build_filename (site_path, "_posts", NULL);
  g_autofree char *config = g_build_filename (site_path, "_config.yml", NULL);
  g_autofree char *post = g_build_filename (posts, "2026-06-14-sommerfest.md", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (site_path);
  g_autoptr(GFile) file = g_file_new_for_path (post);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) photo = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2400, 1600);
  char *photo_path = g_build_filename (temp_dir, "IMG_2041.JPG", NULL);

  g_assert_cmpint (g_mkdir_with_parents (posts, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, "title: Fotos\n", -1, NULL));
  g_assert_true (g_file_set_contents (post, "---\ntitle: Sommerfest\n---\nVorher\n", -1, NULL));
  site = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  document = aushang_document_load (file, &error);
  g_assert_no_error (error);
  aushang_editor_set_document (editor, site, document);

  gdk_pixbuf_fill (photo, 0x3080c0ff);
  g_assert_true (gdk_pixbuf_save (photo, photo_path, "jpeg", &error, NULL));
  g_assert_no_error (error);

  return photo_path;
}

static void
assert_photo (const char *name)
{
  g_autofree char *path = g_build_filename (temp_dir, "site", "assets", "images", name, NULL);
  int width = 0, height = 0;

  g_assert_nonnull (gdk_pixbuf_get_file_info (path, &width, &height));
  g_assert_cmpint (width, ==, 1600);
  g_assert_cmpint (height, ==, 1067);
}

static void
test_drop_photo (void)
{
  g_autofree char *photo_path = open_site ();
  g_autoptr(GFile) photo = g_file_new_for_path (photo_path);
  GSList files = { photo, NULL };
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  /* Dropped from the file manager onto the text. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), NULL)[0] == GDK_TYPE_FILE_LIST)
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, &files);
  /* Below the last line: the end of the text. */
  g_signal_emit_by_name (target, "drop", &value, 10.0, 390.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);

  describe ("Kinder am Kuchenbuffet");
  WAIT_UNTIL (text_is ("Vorher\n\n![Kinder am Kuchenbuffet](/assets/images/sommerfest.jpg)\n"));
  assert_photo ("sommerfest.jpg");

  /* Pasted from the file manager: the same, with a new name. */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
    g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, &files);

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
    g_assert_true (gdk_clipboard_set_content (clipboard, provider));
    g_signal_emit_by_name (view, "paste-clipboard");
    describe ("Noch ein Bild");
    WAIT_UNTIL (text_is ("Vorher\n\n![Kinder am Kuchenbuffet](/assets/images/sommerfest.jpg)\n\n"
                         "![Noch ein Bild](/assets/images/sommerfest-2.jpg)\n"));
    assert_photo ("sommerfest-2.jpg");
  }

  /* A picture itself (a screenshot): taken in as PNG. */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
    g_autoptr(GdkPixbuf) shot = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
    g_autoptr(GdkTexture) texture = NULL;
    g_autoptr(GdkContentProvider) provider = NULL;
    g_autofree char *path = g_build_filename (temp_dir, "site", "assets", "images", "sommerfest.png", NULL);
    int width = 0, height = 0;

    gdk_pixbuf_fill (shot, 0xffffffff);
    texture = gdk_texture_new_for_pixbuf (shot);
    provider = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture);
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
    g_assert_true (gdk_clipboard_set_content (clipboard, provider));
    g_signal_emit_by_name (view, "paste-clipboard");
    describe ("Bildschirmfoto der Anmeldung");
    WAIT_UNTIL (text_is ("Vorher\n\n![Kinder am Kuchenbuffet](/assets/images/sommerfest.jpg)\n\n"
                         "![Noch ein Bild](/assets/images/sommerfest-2.jpg)\n\n"
                         "![Bildschirmfoto der Anmeldung](/assets/images/sommerfest.png)\n"));
    g_assert_nonnull (gdk_pixbuf_get_file_info (path, &width, &height));
    g_assert_cmpint (width, ==, 640);
    g_assert_cmpint (height, ==, 480);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  adw_init ();
  temp_dir = g_dir_make_tmp ("aushang-paste-window-XXXXXX", NULL);
  g_assert_nonnull (aushang_get_resource ());

  editor = AUSHANG_EDITOR (aushang_editor_new ());
  view = GTK_TEXT_VIEW (aushang_editor_get_view (editor));
  buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/paste-window/html", test_paste_html);
  g_test_add_func ("/paste-window/html-in-line", test_paste_html_in_line);
  g_test_add_func ("/paste-window/plain", test_paste_plain);
  g_test_add_func ("/paste-window/utf16", test_paste_utf16);
  g_test_add_func ("/paste-window/drop-photo", test_drop_photo);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  aushang_test_delete_path (temp_dir);
  g_free (temp_dir);

  return status;
}
