/* aushang-switch-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-switch-row"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-form-util.h"
#include "aushang-switch-row.h"

struct _AushangSwitchRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget   *status;
  GtkWidget   *required_label;
  GtkWidget   *switch_;

  gboolean     draft;
  gboolean     had_published_true;
  gboolean     filled;
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangSwitchRow, aushang_switch_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return AUSHANG_SWITCH_ROW (row)->switch_;
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_SWITCH_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_SWITCH_ROW (row)->required_label;
}

static void
field_row_init (AushangFieldRowInterface *iface)
{
  iface->get_widget = get_widget;
  iface->get_status = get_status;
  iface->get_required_label = get_required_label;
}

static void
active_cb (AushangSwitchRow *self)
{
  gboolean active = gtk_switch_get_active (GTK_SWITCH (self->switch_));
  g_autoptr(AushangValue) value = NULL;

  if (!self->filled || aushang_field_row_is_filling (AUSHANG_FIELD_ROW (self)))
    return;

  if (!self->draft)
    value = aushang_value_new_boolean (active);
  /* A draft is "published: false". Back out of it, the key goes again,
   * unless the file said "published: true" before. */
  else if (active)
    value = aushang_value_new_boolean (FALSE);
  else if (self->had_published_true)
    value = aushang_value_new_boolean (TRUE);

  aushang_field_row_store (AUSHANG_FIELD_ROW (self), value);
}

static void
aushang_switch_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_SWITCH_ROW);

  G_OBJECT_CLASS (aushang_switch_row_parent_class)->dispose (object);
}

static void
aushang_switch_row_class_init (AushangSwitchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_switch_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-switch-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangSwitchRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangSwitchRow, required_label);
  gtk_widget_class_bind_template_child_full (widget_class, "switch", FALSE,
                                             G_STRUCT_OFFSET (AushangSwitchRow, switch_));
  gtk_widget_class_bind_template_callback (widget_class, active_cb);
}

static void
aushang_switch_row_init (AushangSwitchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static AushangSwitchRow *
create (AushangFieldContext *context,
        const char          *key,
        const char          *schema_key,
        const char          *label,
        gboolean             required,
        AushangValue        *value,
        gboolean             active)
{
  AushangSwitchRow *self = g_object_new (AUSHANG_TYPE_SWITCH_ROW, NULL);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           AUSHANG_FIELD_BOOLEAN, required, value);
  gtk_switch_set_active (GTK_SWITCH (self->switch_), active);
  aushang_set_accessible_label (self->switch_, label);

  return self;
}

GtkWidget *
aushang_switch_row_new (AushangFieldContext *context,
                        const char          *key,
                        const char          *schema_key,
                        const char          *label,
                        gboolean             required,
                        AushangValue        *value)
{
  gboolean active = value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_BOOLEAN &&
                    aushang_value_get_boolean (value);
  AushangSwitchRow *self = create (context, key, schema_key, label, required, value, active);

  self->filled = TRUE;

  return GTK_WIDGET (self);
}

GtkWidget *
aushang_switch_row_new_draft (AushangFieldContext *context,
                              AushangValue        *published,
                              gboolean             had_published_true)
{
  gboolean draft = published != NULL && aushang_value_get_kind (published) == AUSHANG_VALUE_BOOLEAN &&
                   !aushang_value_get_boolean (published);
  AushangSwitchRow *self = create (context, "published", "published", _("Draft"), FALSE, published, draft);

  self->draft = TRUE;
  self->had_published_true = had_published_true;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Drafts are not published on the site"));
  self->filled = TRUE;

  return GTK_WIDGET (self);
}
