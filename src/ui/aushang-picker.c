/* aushang-picker.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-picker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-form-util.h"
#include "aushang-picker.h"

struct _AushangPicker
{
  GtkPopover               parent_instance;

  /* Template widgets */
  GtkWidget               *search;
  GtkWidget               *list;

  AushangPickerValuesFunc  values_func;
  gpointer                 user_data;
  AushangSite             *site;
  char                    *label;
};

G_DEFINE_FINAL_TYPE (AushangPicker, aushang_picker, GTK_TYPE_POPOVER)

enum
{
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW_VALUE "aushang-value"

static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       user_data)
{
  AushangPicker *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  const char *value = g_object_get_data (G_OBJECT (row), ROW_VALUE);
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (text == NULL || *text == '\0' || value == NULL)
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (value, -1);

  return strstr (haystack, needle) != NULL;
}

static void
search_changed_cb (AushangPicker  *self,
                   GtkSearchEntry *entry)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

static void
row_activated_cb (AushangPicker *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  g_autofree char *value = g_strdup (g_object_get_data (G_OBJECT (row), ROW_VALUE));

  if (value == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_PICKED], 0, value);
}

static void
search_activate_cb (AushangPicker  *self,
                    GtkSearchEntry *entry)
{
  /* Enter in the search field takes the first match. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          gtk_widget_get_child_visible (child) &&
          g_object_get_data (G_OBJECT (child), ROW_VALUE) != NULL)
        {
          row_activated_cb (self, GTK_LIST_BOX_ROW (child), GTK_LIST_BOX (self->list));
          return;
        }
    }
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       AushangPicker         *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) &&
        g_object_get_data (G_OBJECT (child), ROW_VALUE) != NULL)
      return gtk_widget_grab_focus (child);

  return FALSE;
}

static GtkWidget *
create_row (AushangPicker *self,
            const char    *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *slash = strrchr (value, '/');
  GtkWidget *label = gtk_label_new (slash != NULL ? slash + 1 : value);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 4);

  if (self->site != NULL)
    {
      g_autoptr(GFile) file = aushang_site_file_for_path (self->site, value);
      GtkWidget *thumbnail = aushang_thumbnail_new (48, 32);

      gtk_box_append (GTK_BOX (box), thumbnail);
      aushang_thumbnail_load (aushang_thumbnail_get_picture (thumbnail), file, 48, 32, NULL);
    }

  /* Where space is short the folder gives way, not the file's name:
   * "…/reparaturcafe/toaster.jpg". */
  if (slash != NULL && slash != value)
    {
      g_autofree char *folder = g_strndup (value, (gsize) (slash + 1 - value));
      GtkWidget *folder_label = gtk_label_new (folder);

      gtk_label_set_ellipsize (GTK_LABEL (folder_label), PANGO_ELLIPSIZE_START);
      gtk_label_set_width_chars (GTK_LABEL (folder_label), 3);
      gtk_widget_add_css_class (folder_label, "dim-label");
      gtk_box_append (GTK_BOX (words), folder_label);
    }
  else if (slash == value)
    gtk_box_append (GTK_BOX (words), gtk_label_new ("/"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (gtk_label_get_text (GTK_LABEL (label)), -1), 30));
  gtk_box_append (GTK_BOX (words), label);
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (box), words);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  aushang_set_accessible_label (row, value);
  g_object_set_data_full (G_OBJECT (row), ROW_VALUE, g_strdup (value), g_free);

  return row;
}

static void
show_cb (AushangPicker *self)
{
  g_autoptr(GPtrArray) values = NULL;
  GtkWidget *child;

  if (self->values_func != NULL)
    values = self->values_func (self->user_data);

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  gtk_widget_set_visible (self->search, values != NULL && values->len > 8);

  if (values == NULL || values->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing to choose from yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->list), label);
      child = gtk_widget_get_last_child (self->list);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (child), FALSE);
      return;
    }

  for (guint i = 0; i < values->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), create_row (self, g_ptr_array_index (values, i)));
}

static void
aushang_picker_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AushangPicker *self = AUSHANG_PICKER (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_picker_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AushangPicker *self = AUSHANG_PICKER (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      if (g_strcmp0 (self->label, g_value_get_string (value)) != 0)
        {
          g_free (self->label);
          self->label = g_value_dup_string (value);
          aushang_set_accessible_label (self->list, self->label);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_picker_dispose (GObject *object)
{
  AushangPicker *self = AUSHANG_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_PICKER);
  g_clear_object (&self->site);
  self->values_func = NULL;

  G_OBJECT_CLASS (aushang_picker_parent_class)->dispose (object);
}

static void
aushang_picker_finalize (GObject *object)
{
  AushangPicker *self = AUSHANG_PICKER (object);

  g_free (self->label);

  G_OBJECT_CLASS (aushang_picker_parent_class)->finalize (object);
}

static void
aushang_picker_class_init (AushangPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = aushang_picker_get_property;
  object_class->set_property = aushang_picker_set_property;
  object_class->dispose = aushang_picker_dispose;
  object_class->finalize = aushang_picker_finalize;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AushangPicker::picked:
   * @value: the value chosen
   *
   * Emitted when the person chose a value.
   */
  signals[SIGNAL_PICKED] =
    g_signal_new ("picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangPicker, search);
  gtk_widget_class_bind_template_child (widget_class, AushangPicker, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
aushang_picker_init (AushangPicker *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_cb, self, NULL);
  g_signal_connect (self, "show", G_CALLBACK (show_cb), NULL);

  /* Down in the search field goes on to the items. */
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (self->search, keys);
}

GtkWidget *
aushang_picker_new (const char              *label,
                    AushangPickerValuesFunc  values_func,
                    gpointer                 user_data)
{
  AushangPicker *self = g_object_new (AUSHANG_TYPE_PICKER, "label", label, NULL);

  aushang_picker_set_values_func (self, values_func, user_data);

  return GTK_WIDGET (self);
}

void
aushang_picker_set_values_func (AushangPicker           *self,
                                AushangPickerValuesFunc  values_func,
                                gpointer                 user_data)
{
  g_return_if_fail (AUSHANG_IS_PICKER (self));

  self->values_func = values_func;
  self->user_data = user_data;
}

void
aushang_picker_set_site (AushangPicker *self,
                         AushangSite   *site)
{
  g_return_if_fail (AUSHANG_IS_PICKER (self));

  g_set_object (&self->site, site);
}

GtkWidget *
aushang_picker_button_new (const char *icon_name,
                           const char *label,
                           GtkWidget  *picker)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  aushang_menu_button_set_label (button, label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), picker);

  return button;
}
