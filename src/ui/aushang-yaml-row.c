/* aushang-yaml-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml-row"

#include "config.h"

#include "aushang-yaml-row.h"

struct _AushangYamlRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget   *status;
  GtkWidget   *required_label;
  GtkWidget   *button;
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangYamlRow, aushang_yaml_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

enum
{
  SIGNAL_EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return AUSHANG_YAML_ROW (row)->button;
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_YAML_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_YAML_ROW (row)->required_label;
}

static void
field_row_init (AushangFieldRowInterface *iface)
{
  iface->get_widget = get_widget;
  iface->get_status = get_status;
  iface->get_required_label = get_required_label;
}

static void
clicked_cb (AushangYamlRow *self)
{
  g_signal_emit (self, signals[SIGNAL_EDIT], 0);
}

static char *
summarize_value (AushangValue *value)
{
  g_autofree char *json = NULL;

  if (value == NULL)
    return g_strdup ("");

  json = aushang_value_to_json (value);
  if (g_utf8_strlen (json, -1) > 80)
    {
      g_autofree char *cut = g_utf8_substring (json, 0, 79);

      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&json);
}

static void
aushang_yaml_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_YAML_ROW);

  G_OBJECT_CLASS (aushang_yaml_row_parent_class)->dispose (object);
}

static void
aushang_yaml_row_class_init (AushangYamlRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_yaml_row_dispose;

  /**
   * AushangYamlRow::edit:
   *
   * Emitted when the person asks to edit the value as YAML.
   */
  signals[SIGNAL_EDIT] =
    g_signal_new ("edit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-yaml-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangYamlRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangYamlRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, AushangYamlRow, button);
  gtk_widget_class_bind_template_callback (widget_class, clicked_cb);
}

static void
aushang_yaml_row_init (AushangYamlRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aushang_yaml_row_new (AushangFieldContext *context,
                      const char          *key,
                      const char          *schema_key,
                      const char          *label,
                      gboolean             required,
                      AushangValue        *value)
{
  AushangYamlRow *self = g_object_new (AUSHANG_TYPE_YAML_ROW, NULL);
  g_autofree char *summary = summarize_value (value);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           AUSHANG_FIELD_YAML, required, value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label,
                                  -1);

  return GTK_WIDGET (self);
}
