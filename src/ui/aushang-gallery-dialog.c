/* aushang-gallery-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-gallery-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-entry-row.h"
#include "aushang-gallery.h"
#include "aushang-gallery-dialog.h"
#include "aushang-paste.h"
#include "aushang-photo.h"

/* A gallery from photos: the photos listed with a caption each, taken
 * into the site in a thread with a progress bar, and the site's gallery
 * block inserted where the cursor was. */

#define THUMBNAIL_SIZE 48

struct _AushangGalleryDialog
{
  AdwWindow            parent_instance;

  /* Template widgets. */
  GtkLabel            *summary_label;
  AdwPreferencesGroup *photos_group;
  GtkListBox          *photo_list;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkWidget           *import_button;
  GtkWidget           *cancel_button;

  GtkTextView         *view;
  GtkTextMark         *mark;
  AushangGalleryBlock *block;
  AushangGalleryPlan  *plan;
  GPtrArray           *rows;       /* GtkWidget*: one row per photo */
  GPtrArray           *pictures;   /* GtkPicture*: the rows' thumbnails */
  GCancellable        *cancellable;
  GCancellable        *thumbnails_cancellable;
  gboolean             importing;
};

G_DEFINE_FINAL_TYPE (AushangGalleryDialog, aushang_gallery_dialog, ADW_TYPE_WINDOW)

gboolean
aushang_gallery_dialog_site_has_gallery (AushangSite *site)
{
  g_autoptr(AushangGalleryBlock) block = NULL;

  if (site == NULL)
    return FALSE;

  block = aushang_gallery_find_block (site);

  return block != NULL;
}

/* ------------------------------------------------------------------------ */
/* Thumbnails, read in a thread                                               */

typedef struct
{
  AushangGalleryDialog *self;
  guint                 index;
  GdkTexture           *texture;
} Thumbnail;

static gboolean
thumbnail_ready_cb (gpointer data)
{
  Thumbnail *thumbnail = data;
  AushangGalleryDialog *self = thumbnail->self;

  if (self->pictures != NULL && thumbnail->index < self->pictures->len)
    gtk_picture_set_paintable (g_ptr_array_index (self->pictures, thumbnail->index),
                               GDK_PAINTABLE (thumbnail->texture));

  return G_SOURCE_REMOVE;
}

static void
thumbnail_free (gpointer data)
{
  Thumbnail *thumbnail = data;

  g_object_unref (thumbnail->self);
  g_clear_object (&thumbnail->texture);
  g_free (thumbnail);
}

static void
thumbnails_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AushangGalleryDialog *self = source_object;
  GPtrArray *files = task_data;

  for (guint i = 0; i < files->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, i));
      g_autoptr(GdkPixbuf) small = NULL;
      g_autoptr(GdkPixbuf) upright = NULL;
      Thumbnail *thumbnail;

      if (path == NULL)
        continue;
      small = gdk_pixbuf_new_from_file_at_scale (path, THUMBNAIL_SIZE * 4, THUMBNAIL_SIZE * 4, TRUE, NULL);
      if (small == NULL)
        continue;
      upright = gdk_pixbuf_apply_embedded_orientation (small);
      {
        /* The middle square, THUMBNAIL_SIZE across. */
        int width = gdk_pixbuf_get_width (upright), height = gdk_pixbuf_get_height (upright);
        int side = MIN (width, height);
        g_autoptr(GdkPixbuf) square = gdk_pixbuf_new_subpixbuf (upright, (width - side) / 2, (height - side) / 2,
                                                                side, side);

        g_object_unref (upright);
        upright = gdk_pixbuf_scale_simple (square, THUMBNAIL_SIZE, THUMBNAIL_SIZE, GDK_INTERP_BILINEAR);
      }

      thumbnail = g_new0 (Thumbnail, 1);
      thumbnail->self = g_object_ref (self);
      thumbnail->index = i;
      thumbnail->texture = gdk_texture_new_for_pixbuf (upright);
      g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, thumbnail_ready_cb, thumbnail, thumbnail_free);
    }

  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Importing                                                                  */

typedef struct
{
  AushangGalleryDialog *self;
  guint                 done;
  guint                 total;
} Progress;

static void
set_progress (AushangGalleryDialog *self,
              guint                 done,
              guint                 total)
{
  g_autofree char *text = NULL;

  /* Translators: the progress of taking photos into the site, "3 of 12
   * photos". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u photo", "%u of %u photos", total),
                          done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
}

static gboolean
progress_cb_idle (gpointer data)
{
  Progress *progress = data;

  set_progress (progress->self, progress->done, progress->total);

  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

/* Called in the import thread. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_cb_idle, progress, progress_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AushangGalleryDialog *self = source_object;
  GError *error = NULL;

  /* The plan touches no site and no widget: the dialog leaves it alone
   * until the task returns. */
  if (aushang_gallery_plan_run (self->plan, cancellable, progress_cb, self, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_importing (AushangGalleryDialog *self,
               gboolean              importing)
{
  self->importing = importing;
  /* Cancel stays usable while the photos are written; the captions
   * become read-only (and must not keep the focus then). */
  if (importing)
    gtk_widget_grab_focus (self->cancel_button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->photo_list), !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.import", !importing);
  gtk_revealer_set_reveal_child (self->progress_revealer, importing);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AushangGalleryDialog *self = AUSHANG_GALLERY_DIALOG (source);
  GtkRoot *root;
  GtkWindow *parent;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *failures;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Destroyed meanwhile (with its window): the photos written stay. */
  if (self->view == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self->view));
  parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  set_importing (self, FALSE);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Nothing happened: the photos written so far went again
           * (aushang_gallery_plan_run), nothing is inserted. */
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      show_message (GTK_WINDOW (self), _("No Photo Was Taken In"), error->message);
      return;
    }

  text = aushang_gallery_plan_dup_block_text (self->plan, self->block);
  if (text != NULL)
    aushang_paste_insert_block (self->view, self->mark, text);

  failures = aushang_gallery_plan_get_failures (self->plan);
  if (failures->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint i = 0; i < failures->len; i++)
        g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (failures, i));
      g_string_append (body, "\n\n");
      g_string_append (body, _("The gallery has the other photos."));
      show_message (parent,
                    g_dngettext (GETTEXT_PACKAGE, "A Photo Was Left Out", "Some Photos Were Left Out",
                                 failures->len),
                    body->str);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AushangGalleryDialog *self = AUSHANG_GALLERY_DIALOG (widget);
  g_autoptr(GTask) task = NULL;

  if (self->importing)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (AUSHANG_IS_ENTRY_ROW (row))
        aushang_gallery_plan_set_caption (self->plan, i, gtk_editable_get_text (GTK_EDITABLE (row)));
    }

  set_importing (self, TRUE);
  set_progress (self, 0, aushang_gallery_plan_get_n_photos (self->plan));
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, import_action_cb);
  g_task_run_in_thread (task, import_thread);
}

/* Enter in a caption goes on to the next photo's caption; in the last
 * one it inserts the gallery, as the button does. */
static void
caption_activated_cb (AushangGalleryDialog *self,
                      GtkWidget            *text)
{
  GtkWidget *row = AUSHANG_IS_ENTRY_ROW (text) ? text : gtk_widget_get_ancestor (text, AUSHANG_TYPE_ENTRY_ROW);
  guint index;

  if (row == NULL || self->importing || !g_ptr_array_find (self->rows, row, &index))
    return;

  for (guint i = index + 1; i < self->rows->len; i++)
    {
      GtkWidget *next = g_ptr_array_index (self->rows, i);

      if (AUSHANG_IS_ENTRY_ROW (next))
        {
          gtk_widget_grab_focus (aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (next)));
          return;
        }
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "gallery.import", NULL);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AushangGalleryDialog *self = AUSHANG_GALLERY_DIALOG (widget);

  if (self->importing)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
aushang_gallery_dialog_map (GtkWidget *widget)
{
  AushangGalleryDialog *self = AUSHANG_GALLERY_DIALOG (widget);

  GTK_WIDGET_CLASS (aushang_gallery_dialog_parent_class)->map (widget);

  /* The first caption is where a person starts typing. */
  if (self->rows->len > 0 && AUSHANG_IS_ENTRY_ROW (g_ptr_array_index (self->rows, 0)))
    gtk_widget_grab_focus (aushang_entry_row_get_text_widget (g_ptr_array_index (self->rows, 0)));
}

static gboolean
aushang_gallery_dialog_close_request (GtkWindow *window)
{
  AushangGalleryDialog *self = AUSHANG_GALLERY_DIALOG (window);

  /* Closing while photos are written stops after the current one; the
   * dialog goes when the thread has stopped. */
  if (self->importing)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (aushang_gallery_dialog_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------------ */

static void
aushang_gallery_dialog_dispose (GObject *object)
{
  AushangGalleryDialog *self = AUSHANG_GALLERY_DIALOG (object);

  if (self->thumbnails_cancellable != NULL)
    g_cancellable_cancel (self->thumbnails_cancellable);
  g_clear_object (&self->thumbnails_cancellable);
  if (self->mark != NULL && !gtk_text_mark_get_deleted (self->mark))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (self->mark), self->mark);
  g_clear_object (&self->mark);
  g_clear_object (&self->view);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_GALLERY_DIALOG);

  G_OBJECT_CLASS (aushang_gallery_dialog_parent_class)->dispose (object);
}

static void
aushang_gallery_dialog_finalize (GObject *object)
{
  AushangGalleryDialog *self = AUSHANG_GALLERY_DIALOG (object);

  /* The import thread may hold the dialog last: the plan goes with it. */
  g_clear_pointer (&self->plan, aushang_gallery_plan_free);
  g_clear_pointer (&self->block, aushang_gallery_block_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (aushang_gallery_dialog_parent_class)->finalize (object);
}

static void
aushang_gallery_dialog_class_init (AushangGalleryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = aushang_gallery_dialog_dispose;
  object_class->finalize = aushang_gallery_dialog_finalize;
  widget_class->map = aushang_gallery_dialog_map;
  window_class->close_request = aushang_gallery_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-gallery-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangGalleryDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AushangGalleryDialog, photos_group);
  gtk_widget_class_bind_template_child (widget_class, AushangGalleryDialog, photo_list);
  gtk_widget_class_bind_template_child (widget_class, AushangGalleryDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AushangGalleryDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AushangGalleryDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AushangGalleryDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "gallery.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "gallery.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "gallery.cancel", NULL);
}

static void
aushang_gallery_dialog_init (AushangGalleryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->pictures = g_ptr_array_new ();
}

static GtkWidget *
create_thumbnail (AushangGalleryDialog *self)
{
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_widget_set_halign (frame, GTK_ALIGN_CENTER);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (frame, 6);
  gtk_widget_set_margin_bottom (frame, 6);
  g_ptr_array_add (self->pictures, picture);

  return frame;
}

static void
fill (AushangGalleryDialog *self,
      GPtrArray            *files)
{
  guint n = aushang_gallery_plan_get_n_photos (self->plan);
  g_autofree char *first = n > 0 ? aushang_gallery_plan_dup_name (self->plan, 0) : g_strdup ("");
  g_autofree char *summary = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) thumbnail_files = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean captions = self->block->caption_separator != NULL;

  const char *folder = aushang_gallery_plan_get_folder (self->plan) + 1;
  int width = aushang_gallery_plan_get_max_width (self->plan);

  if (n == 1)
    /* Translators: the folder (first %s), the photo's new name (second
     * %s), a width in pixels (%d). */
    summary = g_strdup_printf (_("The photo goes into the folder %s as %s, at most %d pixels wide and "
                                 "without camera data such as where it was taken. Nothing already there "
                                 "is replaced."),
                               folder, first, width);
  else
    /* Translators: %u photos, the folder (first %s), the first photo's new
     * name (second %s), a width in pixels (%d). */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The %u photo goes into the folder %s as %s and on, at most %d "
                                            "pixels wide and without camera data such as where it was taken. "
                                            "Nothing already there is replaced.",
                                            "The %u photos go into the folder %s as %s and on, at most %d "
                                            "pixels wide and without camera data such as where they were "
                                            "taken. Nothing already there is replaced.",
                                            n),
                               n, folder, first, width);
  gtk_label_set_text (self->summary_label, summary);
  adw_preferences_group_set_description (self->photos_group,
                                         captions ? _("A caption under each photo is optional.")
                                                  : _("The site’s gallery shows the photos without captions."));

  for (guint i = 0; i < n; i++)
    {
      GFile *file = aushang_gallery_plan_get_source (self->plan, i);
      g_autofree char *name = g_file_get_basename (file);
      GtkWidget *row;

      if (captions)
        {
          /* Translators: the title of a photo's caption field; %s is the
           * photo's file name. */
          g_autofree char *title = g_strdup_printf (_("Caption for %s"), name);

          /* A row a screen reader follows (AdwEntryRow 1.2 is not). */
          row = aushang_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
#if AUSHANG_ENTRY_ROW_IS_ADW_ENTRY_ROW
          adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), create_thumbnail (self));
          g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (caption_activated_cb), self);
#else
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), create_thumbnail (self));
          g_signal_connect_swapped (aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (row)), "activate",
                                    G_CALLBACK (caption_activated_cb), self);
#endif
        }
      else
        {
          g_autofree char *target = aushang_gallery_plan_dup_name (self->plan, i);

          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), target);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), create_thumbnail (self));
        }
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (self->photo_list, row);
      g_ptr_array_add (thumbnail_files, g_object_ref (file));
    }

  self->thumbnails_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->thumbnails_cancellable, NULL, NULL);
  g_task_set_task_data (task, g_steal_pointer (&thumbnail_files), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, thumbnails_thread);
}

static int
compare_file_names (gconstpointer a,
                    gconstpointer b)
{
  g_autofree char *name_a = g_file_get_basename (*(GFile * const *) a);
  g_autofree char *name_b = g_file_get_basename (*(GFile * const *) b);
  g_autofree char *key_a = g_utf8_collate_key_for_filename (name_a, -1);
  g_autofree char *key_b = g_utf8_collate_key_for_filename (name_b, -1);

  return strcmp (key_a, key_b);
}

AushangGalleryDialog *
aushang_gallery_dialog_new (GtkTextView *view,
                            AushangSite *site,
                            GFile       *document_file,
                            GPtrArray   *files)
{
  AushangGalleryDialog *self;
  g_autoptr(AushangGalleryBlock) block = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter cursor;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);
  g_return_val_if_fail (files != NULL, NULL);

  block = aushang_gallery_find_block (site);
  if (block == NULL)
    return NULL;

  self = g_object_new (AUSHANG_TYPE_GALLERY_DIALOG, NULL);
  root = gtk_widget_get_root (GTK_WIDGET (view));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));

  self->view = g_object_ref (view);
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  self->mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &cursor, TRUE));
  self->block = g_steal_pointer (&block);
  /* In the order of their names, as a camera numbers them (IMG_9 before
   * IMG_10). */
  sorted = g_ptr_array_new_full (files->len, g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (files, i)));
  g_ptr_array_sort (sorted, compare_file_names);
  self->plan = aushang_gallery_plan_new (site, self->block, document_file, sorted);
  fill (self, sorted);

  return self;
}

/* ------------------------------------------------------------------------ */
/* Choosing the photos                                                        */

typedef struct
{
  GtkTextView *view;
  AushangSite *site;
  GFile       *document_file;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->view);
  g_clear_object (&choice->site);
  g_clear_object (&choice->document_file);
  g_free (choice);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  Choice *choice = user_data;
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  AushangGalleryDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
    }

  if (files->len > 0)
    {
      dialog = aushang_gallery_dialog_new (choice->view, choice->site, choice->document_file, files);
      if (dialog != NULL)
        gtk_window_present (GTK_WINDOW (dialog));
    }

  choice_free (choice);
  g_object_unref (chooser);
}

void
aushang_gallery_dialog_choose_photos (GtkTextView *view,
                                      AushangSite *site,
                                      GFile       *document_file)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  Choice *choice;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (!aushang_gallery_dialog_site_has_gallery (site))
    {
      gtk_widget_error_bell (GTK_WIDGET (view));
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (view));
  chooser = gtk_file_chooser_native_new (_("Choose the Photos for the Gallery"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  choice = g_new0 (Choice, 1);
  choice->view = g_object_ref (view);
  choice->site = g_object_ref (site);
  choice->document_file = document_file ? g_object_ref (document_file) : NULL;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
