/* aushang-image-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-image-row"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-form-util.h"
#include "aushang-image-import.h"
#include "aushang-image-row.h"
#include "aushang-picker.h"

struct _AushangImageRow
{
  AushangEntryRow  parent_instance;

  /* Template widgets */
  GtkWidget       *status;
  GtkWidget       *required_label;
  GtkWidget       *picture;
  GtkWidget       *pick_button;
  GtkWidget       *picker;
  GtkWidget       *choose_button;

  GtkNativeDialog *file_chooser;
  gboolean         filled;
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangImageRow, aushang_image_row, AUSHANG_TYPE_ENTRY_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return GTK_WIDGET (row);
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_IMAGE_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_IMAGE_ROW (row)->required_label;
}

static char *
dup_text (AushangFieldRow *row)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
field_row_init (AushangFieldRowInterface *iface)
{
  iface->get_widget = get_widget;
  iface->get_status = get_status;
  iface->get_required_label = get_required_label;
  iface->dup_text = dup_text;
}

static AushangSite *
get_site (AushangImageRow *self)
{
  return aushang_field_context_get_site (aushang_field_row_get_context (AUSHANG_FIELD_ROW (self)));
}

static void
update_thumbnail (AushangImageRow *self,
                  const char      *path)
{
  AushangFieldContext *context = aushang_field_row_get_context (AUSHANG_FIELD_ROW (self));
  g_autoptr(GFile) file = aushang_site_file_for_path (aushang_field_context_get_site (context), path);

  if (file != NULL && !g_file_query_exists (file, NULL))
    g_clear_object (&file);

  aushang_thumbnail_load (self->picture, file, 64, 40, aushang_field_context_get_cancellable (context));
  gtk_widget_set_visible (self->picture, file != NULL);
}

static void
changed_cb (AushangImageRow *self)
{
  aushang_field_row_entry_changed (AUSHANG_FIELD_ROW (self));

  /* Also while the form fills its rows: the picture shows the path. */
  if (self->filled)
    update_thumbnail (self, gtk_editable_get_text (GTK_EDITABLE (self)));
}

static void
picked_cb (AushangImageRow *self,
           const char      *value)
{
  aushang_field_row_set_entry_text (AUSHANG_FIELD_ROW (self), value);
}

static GPtrArray *
site_images_cb (gpointer user_data)
{
  AushangSite *site = get_site (user_data);
  GPtrArray *images;

  if (site == NULL)
    return NULL;

  images = aushang_site_get_images (site);
  if (images == NULL)
    return NULL;

  return g_ptr_array_copy (images, aushang_copy_string, NULL);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AushangImageRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *site_path = aushang_image_import_finish (result, &error);

  if (site_path != NULL)
    aushang_field_row_set_entry_text (AUSHANG_FIELD_ROW (self), site_path);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The image could not be copied into the site: %s"),
                                                  error->message);

      aushang_field_row_set_edit_error (AUSHANG_FIELD_ROW (self), message);
    }
}

void
aushang_image_row_import (AushangImageRow *self,
                          GFile           *file)
{
  AushangFieldContext *context;
  g_autoptr(GError) error = NULL;
  g_autofree char *site_path = NULL;

  g_return_if_fail (AUSHANG_IS_IMAGE_ROW (self));
  g_return_if_fail (G_IS_FILE (file));

  context = aushang_field_row_get_context (AUSHANG_FIELD_ROW (self));
  if (aushang_field_context_get_site (context) == NULL)
    return;

  site_path = aushang_image_import (aushang_field_context_get_site (context),
                                    aushang_field_row_get_key (AUSHANG_FIELD_ROW (self)),
                                    file, aushang_field_context_get_cancellable (context),
                                    imported_cb, g_object_ref (self), &error);
  if (site_path != NULL || error != NULL)
    {
      /* Done at once: the callback does not follow. */
      g_object_unref (self);
      if (site_path != NULL)
        aushang_field_row_set_entry_text (AUSHANG_FIELD_ROW (self), site_path);
      else
        aushang_field_row_set_edit_error (AUSHANG_FIELD_ROW (self), error->message);
    }
}

static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          AushangImageRow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        aushang_image_row_import (self, file);
    }
}

static void
choose_clicked_cb (AushangImageRow *self,
                   GtkButton       *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char * const mime_types[] = {
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml",
  };

  native = gtk_file_chooser_native_new (_("Choose an Image"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (filter, _("Images"));
  for (gsize i = 0; i < G_N_ELEMENTS (mime_types); i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  g_signal_connect_object (native, "response", G_CALLBACK (file_chooser_response_cb), self, 0);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

static void
aushang_image_row_dispose (GObject *object)
{
  AushangImageRow *self = AUSHANG_IMAGE_ROW (object);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_IMAGE_ROW);

  G_OBJECT_CLASS (aushang_image_row_parent_class)->dispose (object);
}

static void
aushang_image_row_class_init (AushangImageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_image_row_dispose;

  g_type_ensure (AUSHANG_TYPE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-image-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangImageRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangImageRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, AushangImageRow, picture);
  gtk_widget_class_bind_template_child (widget_class, AushangImageRow, pick_button);
  gtk_widget_class_bind_template_child (widget_class, AushangImageRow, picker);
  gtk_widget_class_bind_template_child (widget_class, AushangImageRow, choose_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
}

static void
aushang_image_row_init (AushangImageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  aushang_menu_button_set_label (self->pick_button, _("Choose from site"));
  aushang_picker_set_values_func (AUSHANG_PICKER (self->picker), site_images_cb, self);
}

GtkWidget *
aushang_image_row_new (AushangFieldContext *context,
                       const char          *key,
                       const char          *schema_key,
                       const char          *label,
                       gboolean             required,
                       AushangValue        *value)
{
  AushangImageRow *self = g_object_new (AUSHANG_TYPE_IMAGE_ROW, NULL);
  AushangSite *site = aushang_field_context_get_site (context);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           AUSHANG_FIELD_IMAGE, required, value);
  aushang_field_row_fill_entry (AUSHANG_FIELD_ROW (self), value);
  self->filled = TRUE;
  update_thumbnail (self, gtk_editable_get_text (GTK_EDITABLE (self)));

  aushang_picker_set_site (AUSHANG_PICKER (self->picker), site);
  gtk_widget_set_visible (self->pick_button, site != NULL);
  gtk_widget_set_visible (self->choose_button, site != NULL);

  return GTK_WIDGET (self);
}
