/* aushang-paste.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-paste"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "aushang-gallery-dialog.h"
#include "aushang-html-to-markdown.h"
#include "aushang-paste.h"
#include "aushang-photo.h"

#define ATTACHED_KEY "aushang-paste-attached"
#define SITE_KEY "aushang-paste-site"
#define DOCUMENT_KEY "aushang-paste-document"

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

/* ------------------------------------------------------------------------ */
/* Pictures                                                                   */

typedef struct
{
  GtkTextView *view;
  GtkTextMark *mark;      /* where the pictures go */
  GFile       *site_folder;
  char        *folder_path;
  int          max_width;
  GFile       *document;
  GPtrArray   *files;     /* GFile* */
  char        *alt;
  GPtrArray   *photos;    /* AushangPhoto* */
  gboolean     temporary; /* the files are ours, to delete afterwards */
  GError      *error;
} Import;

static void
import_free (Import *import)
{
  for (guint i = 0; import->temporary && import->files != NULL && i < import->files->len; i++)
    {
      GFile *file = g_ptr_array_index (import->files, i);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      g_file_delete (file, NULL, NULL);
      if (parent != NULL)
        g_file_delete (parent, NULL, NULL);
    }
  if (import->mark != NULL && !gtk_text_mark_get_deleted (import->mark))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (import->mark), import->mark);
  g_clear_object (&import->mark);
  g_clear_object (&import->view);
  g_clear_object (&import->site_folder);
  g_clear_object (&import->document);
  g_clear_pointer (&import->files, g_ptr_array_unref);
  g_clear_pointer (&import->photos, g_ptr_array_unref);
  g_free (import->folder_path);
  g_free (import->alt);
  g_clear_error (&import->error);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Import *import = task_data;

  /* Decoding and scaling a camera's photo takes a while: not in the main
   * loop. The site is not touched here. */
  for (guint i = 0; i < import->files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      AushangPhoto *photo = aushang_photo_import_into (import->site_folder, import->folder_path,
                                                       import->max_width, import->document,
                                                       g_ptr_array_index (import->files, i), &error);

      if (photo != NULL)
        g_ptr_array_add (import->photos, photo);
      else if (import->error == NULL)
        import->error = g_steal_pointer (&error);
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_error (GtkTextView *view,
            const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("The Picture Was Not Taken In"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Import *import = g_task_get_task_data (G_TASK (result));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < import->photos->len; i++)
    {
      AushangPhoto *photo = g_ptr_array_index (import->photos, i);
      g_autofree char *markdown = aushang_photo_dup_markdown (import->alt, photo->site_path);

      g_string_append_printf (text, "%s\n", markdown);
    }

  /* Each picture on a line of its own. */
  if (text->len > 0)
    {
      g_string_truncate (text, text->len - 1);
      aushang_paste_insert_block (import->view, import->mark, text->str);
    }
  g_string_free (text, TRUE);

  if (import->error != NULL)
    show_error (import->view, import->error->message);
}

static void
describe_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(Import) import = user_data;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "insert"))
    return;

  import->alt = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  import->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_photo_free);
  task = g_task_new (NULL, NULL, import_done_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&import), (GDestroyNotify) import_free);
  g_task_run_in_thread (task, import_thread);
}

static void
insert_files (GtkTextView *view,
              GPtrArray   *files,
              gboolean     temporary)
{
  AushangSite *site = g_object_get_data (G_OBJECT (view), SITE_KEY);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  Import *import;
  GtkTextIter cursor;
  GtkWidget *dialog, *entry;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (files == NULL || files->len == 0)
    return;
  if (site == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (view));
      return;
    }

  /* Several photos, and the site shows photos in a gallery block: they
   * become a gallery where they were dropped (the dialog takes the
   * cursor's place). */
  if (files->len >= 2 && !temporary && aushang_gallery_dialog_site_has_gallery (site))
    {
      AushangGalleryDialog *gallery = aushang_gallery_dialog_new (view, site,
                                                                  g_object_get_data (G_OBJECT (view), DOCUMENT_KEY),
                                                                  files);

      if (gallery != NULL)
        {
          gtk_window_present (GTK_WINDOW (gallery));
          return;
        }
    }

  import = g_new0 (Import, 1);
  import->view = g_object_ref (view);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  import->mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &cursor, TRUE));
  import->site_folder = g_object_ref (aushang_site_get_folder (site));
  import->folder_path = aushang_photo_dup_folder (site);
  import->max_width = aushang_photo_get_max_width (site);
  import->document = g_object_get_data (G_OBJECT (view), DOCUMENT_KEY);
  if (import->document != NULL)
    g_object_ref (import->document);
  import->temporary = temporary;
  import->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (import->files, g_object_ref (g_ptr_array_index (files, i)));

  /* A picture needs words for those who cannot see it. */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   g_dngettext (GETTEXT_PACKAGE, "Describe the Picture",
                                                "Describe the Pictures", files->len),
                                   _("For people who cannot see it: what does it show, in a few words?"));
  entry = gtk_entry_new ();
  /* Translators: an example description of a photo. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Children at the cake buffet"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "insert", _("_Insert"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "insert",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "insert");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (describe_response_cb), import);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
aushang_paste_insert_block (GtkTextView *view,
                            GtkTextMark *mark,
                            const char  *block)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GString) text = g_string_new (block);
  GtkTextIter iter;

  g_string_append_c (text, '\n');
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  if (!gtk_text_iter_starts_line (&iter))
    g_string_prepend (text, "\n\n");
  else
    {
      GtkTextIter previous = iter;

      /* Not glued to the paragraph above (it would be part of it). */
      if (gtk_text_iter_backward_line (&previous) && !gtk_text_iter_ends_line (&previous))
        g_string_prepend_c (text, '\n');
    }
  /* An empty line between the block and text after it on the same line
   * (on an empty line, that line is the gap). */
  if (!gtk_text_iter_ends_line (&iter))
    g_string_append_c (text, '\n');

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text->str, -1,
                                                gtk_text_view_get_editable (view));
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
}

void
aushang_paste_insert_files (GtkTextView *view,
                            GPtrArray   *files)
{
  insert_files (view, files, FALSE);
}

void
aushang_paste_set_document (GtkTextView *view,
                            AushangSite *site,
                            GFile       *document_file)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  g_object_set_data_full (G_OBJECT (view), SITE_KEY,
                          site ? g_object_ref (site) : NULL, g_object_unref);
  g_object_set_data_full (G_OBJECT (view), DOCUMENT_KEY,
                          document_file ? g_object_ref (document_file) : NULL, g_object_unref);
}

static void
read_files_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (value == NULL)
    {
      paste_plain (view);
      return;
    }
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  aushang_paste_insert_files (view, files);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkTextView   *view)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  GtkTextIter iter;
  int bx, by;

  if (g_object_get_data (G_OBJECT (view), SITE_KEY) == NULL)
    return FALSE;

  /* The pictures go where they were dropped. */
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (view, &iter, bx, by);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &iter);

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  aushang_paste_insert_files (view, files);

  return TRUE;
}

/* A picture itself on the clipboard (a screenshot, "Copy Image"): written
 * to a temporary PNG, then taken in as a file. */
static void
read_texture_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkTextView) view = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) files = NULL;

  if (texture == NULL)
    {
      g_debug ("The clipboard's picture cannot be read: %s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (view));
      return;
    }

  folder = g_dir_make_tmp ("aushang-paste-XXXXXX", &error);
  if (folder == NULL)
    {
      show_error (view, error->message);
      return;
    }
  path = g_build_filename (folder, "bild.png", NULL);
  if (!gdk_texture_save_to_png (texture, path))
    {
      show_error (view, _("The picture could not be saved."));
      return;
    }
  file = g_file_new_for_path (path);
  files = g_ptr_array_new ();
  g_ptr_array_add (files, file);
  insert_files (view, files, TRUE);
}

/* ------------------------------------------------------------------------ */

static void
paste_clipboard_cb (GtkTextView *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  static const char *mime_types[] = { "text/html", NULL };

  /* Files copied in the file manager: pictures for the site. */
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) &&
      g_object_get_data (G_OBJECT (view), SITE_KEY) != NULL)
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                      read_files_cb, g_object_ref (view));
      return;
    }

  /* A picture alone (no text with it): for the site. */
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
      !gdk_content_formats_contain_mime_type (formats, "text/plain") &&
      !gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8") &&
      g_object_get_data (G_OBJECT (view), SITE_KEY) != NULL)
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_texture_async (clipboard, NULL, read_texture_cb, g_object_ref (view));
      return;
    }

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

  /* Pictures dropped from the file manager. */
  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (target, "drop", G_CALLBACK (drop_cb), view);
    gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (target));
  }

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
