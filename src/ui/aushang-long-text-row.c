/* aushang-long-text-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-long-text-row"

#include "config.h"

#include "aushang-form-util.h"
#include "aushang-long-text-row.h"
#include "aushang-spell-checker.h"

struct _AushangLongTextRow
{
  AdwPreferencesRow parent_instance;

  /* Template widgets */
  GtkWidget        *title_label;
  GtkWidget        *status;
  GtkWidget        *required_label;
  GtkWidget        *view;
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangLongTextRow, aushang_long_text_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return AUSHANG_LONG_TEXT_ROW (row)->view;
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_LONG_TEXT_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_LONG_TEXT_ROW (row)->required_label;
}

static char *
dup_text (AushangFieldRow *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (AUSHANG_LONG_TEXT_ROW (row)->view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
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
buffer_changed_cb (GtkTextBuffer      *buffer,
                   AushangLongTextRow *self)
{
  g_autofree char *text = dup_text (AUSHANG_FIELD_ROW (self));

  aushang_field_row_store_text (AUSHANG_FIELD_ROW (self), text, FALSE);
}

static void
aushang_long_text_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_LONG_TEXT_ROW);

  G_OBJECT_CLASS (aushang_long_text_row_parent_class)->dispose (object);
}

static void
aushang_long_text_row_class_init (AushangLongTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_long_text_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-long-text-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangLongTextRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AushangLongTextRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangLongTextRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, AushangLongTextRow, view);
}

static void
aushang_long_text_row_init (AushangLongTextRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aushang_long_text_row_new (AushangFieldContext *context,
                           const char          *key,
                           const char          *schema_key,
                           const char          *label,
                           gboolean             required,
                           AushangValue        *value)
{
  AushangLongTextRow *self = g_object_new (AUSHANG_TYPE_LONG_TEXT_ROW, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  g_autofree char *text = aushang_field_row_dup_display_text (value);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           AUSHANG_FIELD_LONG_TEXT, required, value);
  gtk_label_set_text (GTK_LABEL (self->title_label), label);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  aushang_set_accessible_label (self->view, label);
  aushang_spell_checker_set_site (aushang_spell_checker_attach (GTK_TEXT_VIEW (self->view)),
                                  aushang_field_context_get_site (context), NULL);

  g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  aushang_field_row_watch_focus_leave (AUSHANG_FIELD_ROW (self));

  return GTK_WIDGET (self);
}
