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

#include "aushang-editor.h"
#include "aushang-resources.h"

#define TIMEOUT_SECONDS 20

static gboolean timed_out;

static gboolean
timeout_cb (gpointer user_data)
{
  timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

#define WAIT_UNTIL(cond)                                                     \
  G_STMT_START {                                                             \
    guint timeout_id_;                                                       \
    timed_out = FALSE;                                                       \
    timeout_id_ = g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, NULL); \
    while (!(cond) && !timed_out)                                            \
      g_main_context_iteration (NULL, TRUE);                                 \
    if (!timed_out)                                                          \
      g_source_remove (timeout_id_);                                         \
    g_assert_true (cond);                                                    \
  } G_STMT_END

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

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  adw_init ();
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

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));

  return status;
}
