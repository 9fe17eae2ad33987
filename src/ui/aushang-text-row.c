/* aushang-text-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-text-row"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-form-util.h"
#include "aushang-picker.h"
#include "aushang-text-row.h"

struct _AushangTextRow
{
  AushangEntryRow parent_instance;

  /* Template widgets */
  GtkWidget  *status;
  GtkWidget  *required_label;
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangTextRow, aushang_text_row, AUSHANG_TYPE_ENTRY_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return GTK_WIDGET (row);
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_TEXT_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_TEXT_ROW (row)->required_label;
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

static void
changed_cb (AushangTextRow *self)
{
  aushang_field_row_entry_changed (AUSHANG_FIELD_ROW (self));
}

static GPtrArray *
suggestions_cb (gpointer user_data)
{
  AushangFieldRow *row = user_data;

  return aushang_field_context_dup_suggestions (aushang_field_row_get_context (row),
                                                aushang_field_row_get_schema_key (row));
}

static void
picked_cb (AushangTextRow *self,
           const char     *value)
{
  aushang_text_row_set_text (self, value);
}

static void
aushang_text_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_TEXT_ROW);

  G_OBJECT_CLASS (aushang_text_row_parent_class)->dispose (object);
}

static void
aushang_text_row_class_init (AushangTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_text_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-text-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangTextRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangTextRow, required_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
aushang_text_row_init (AushangTextRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aushang_text_row_new (AushangFieldContext *context,
                      const char          *key,
                      const char          *schema_key,
                      const char          *label,
                      AushangFieldKind     kind,
                      gboolean             required,
                      AushangValue        *value,
                      gboolean             with_suggestions)
{
  AushangTextRow *self = g_object_new (AUSHANG_TYPE_TEXT_ROW, NULL);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           kind, required, value);
  aushang_field_row_fill_entry (AUSHANG_FIELD_ROW (self), value);

  if (with_suggestions)
    {
      g_autoptr(GPtrArray) suggestions = suggestions_cb (self);

      if (suggestions != NULL && suggestions->len > 0)
        {
          /* Translators: tooltip of the button listing the values other
           * documents use for a field. */
          const char *tooltip = _("Values used before");
          GtkWidget *picker = aushang_picker_new (tooltip, suggestions_cb, self);

          g_signal_connect_swapped (picker, "picked", G_CALLBACK (picked_cb), self);
          aushang_entry_row_add_suffix (AUSHANG_ENTRY_ROW (self),
                                        aushang_picker_button_new ("pan-down-symbolic", tooltip, picker));
        }
    }

  return GTK_WIDGET (self);
}

void
aushang_text_row_set_text (AushangTextRow *self,
                           const char     *text)
{
  g_return_if_fail (AUSHANG_IS_TEXT_ROW (self));

  aushang_field_row_set_entry_text (AUSHANG_FIELD_ROW (self), text);
}
