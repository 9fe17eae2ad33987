/* aushang-paste.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-paste"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-html-to-markdown.h"
#include "aushang-paste.h"

#define ATTACHED_KEY "aushang-paste-attached"

/* Replaces the selection (or inserts at the cursor) with @text, as one
 * step to undo. */
static void
insert_at_cursor (GtkTextView *view,
                  const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  gboolean editable = gtk_text_view_get_editable (view);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, editable);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, editable);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      g_debug ("Nothing to paste: %s", error ? error->message : "no text");
      gtk_widget_error_bell (GTK_WIDGET (view));
      return;
    }
  insert_at_cursor (view, text);
}

static void
paste_plain (GtkTextView *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, g_object_ref (view));
}

/* The clipboard's HTML as UTF-8: browsers write UTF-8 or, with a byte
 * order mark, UTF-16; anything else is taken as Windows' Latin. */
static char *
decode_html (const char *data,
             gsize       length)
{
  if (length >= 2 && (guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
    return g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
  if (length >= 2 && (guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
    return g_convert (data + 2, length - 2, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);

  return g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
}

void
aushang_paste_insert_html (GtkTextView *view,
                           const char  *html,
                           gssize       length)
{
  g_autofree char *decoded = NULL;
  g_autofree char *markdown = NULL;
  gsize len;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  decoded = decode_html (html, length < 0 ? strlen (html) : (gsize) length);
  markdown = decoded != NULL ? aushang_html_to_markdown (decoded, -1) : NULL;
  if (markdown == NULL || markdown[0] == '\0')
    {
      /* Formatting without text (a picture alone): the plain text, if any. */
      paste_plain (view);
      return;
    }

  /* A piece of a line goes into the line; paragraphs keep their end. */
  len = strlen (markdown);
  if (len > 0 && markdown[len - 1] == '\n' && memchr (markdown, '\n', len - 1) == NULL)
    markdown[len - 1] = '\0';

  insert_at_cursor (view, markdown);
}

static void
splice_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  GOutputStream *memory = G_OUTPUT_STREAM (source);
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (memory, result, &error) < 0)
    {
      g_debug ("The clipboard's HTML cannot be read: %s", error->message);
      paste_plain (view);
      return;
    }

  aushang_paste_insert_html (view,
                             g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                             g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
}

static void
read_html_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr(GOutputStream) memory = NULL;

  if (stream == NULL)
    {
      g_debug ("The clipboard's HTML cannot be read: %s", error->message);
      paste_plain (view);
      return;
    }

  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_cb, g_steal_pointer (&view));
}

static void
paste_clipboard_cb (GtkTextView *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  static const char *mime_types[] = { "text/html", NULL };

  /* Text copied in Aushang itself, or plain text: GTK pastes it. */
  if (!gdk_content_formats_contain_mime_type (formats, "text/html"))
    return;

  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                            read_html_cb, g_object_ref (view));
}

static void
paste_plain_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  paste_plain (GTK_TEXT_VIEW (user_data));
}

void
aushang_paste_attach (GtkTextView *view)
{
  const GActionEntry entries[] = {
    { "plain", paste_plain_cb, NULL, NULL, NULL },
  };
  g_autoptr(GSimpleActionGroup) actions = NULL;
  GtkEventController *shortcuts;
  GMenuModel *extra;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (g_object_get_data (G_OBJECT (view), ATTACHED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (view), ATTACHED_KEY, GINT_TO_POINTER (TRUE));

  g_signal_connect (view, "paste-clipboard", G_CALLBACK (paste_clipboard_cb), NULL);

  actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), view);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "paste", G_ACTION_GROUP (actions));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("paste.plain")));
  gtk_widget_add_controller (GTK_WIDGET (view), shortcuts);

  /* In the context menu, beside what the spell checker put there. */
  extra = gtk_text_view_get_extra_menu (view);
  {
    g_autoptr(GMenu) section = g_menu_new ();
    g_autoptr(GMenuItem) item = g_menu_item_new (_("Paste as _Plain Text"), "paste.plain");

    g_menu_item_set_attribute (item, "accel", "s", "<Control><Shift>v");
    g_menu_append_item (section, item);
    if (G_IS_MENU (extra))
      g_menu_append_section (G_MENU (extra), NULL, G_MENU_MODEL (section));
    else
      {
        g_autoptr(GMenu) menu = g_menu_new ();

        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        gtk_text_view_set_extra_menu (view, G_MENU_MODEL (menu));
      }
  }
}
