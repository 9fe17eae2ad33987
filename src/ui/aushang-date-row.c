/* aushang-date-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-date-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-date-row.h"
#include "aushang-form-util.h"

struct _AushangDateRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget   *status;
  GtkWidget   *required_label;
  GtkWidget   *hour;
  GtkWidget   *colon;
  GtkWidget   *minute;
  GtkWidget   *button;
  GtkWidget   *calendar;

  gboolean     has_time;
  gboolean     filled;
  gboolean     moving;     /* the keyboard moves the day, nothing is picked yet */
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangDateRow, aushang_date_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return AUSHANG_DATE_ROW (row)->button;
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_DATE_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_DATE_ROW (row)->required_label;
}

static void
field_row_init (AushangFieldRowInterface *iface)
{
  iface->get_widget = get_widget;
  iface->get_status = get_status;
  iface->get_required_label = get_required_label;
}

static void
update_subtitle (AushangDateRow *self)
{
  AushangValue *value = aushang_field_row_get_value (AUSHANG_FIELD_ROW (self));
  g_autoptr(GDateTime) date = aushang_value_dup_date (value);
  g_autofree char *text = NULL;

  if (date != NULL)
    text = aushang_format_date_in_words (date);
  else if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    text = g_strdup_printf (_("“%s” is not a date Jekyll can read"),
                            aushang_value_get_string (value));
  else
    text = g_strdup (_("Not set"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
}

static void
store (AushangDateRow *self)
{
  AushangFieldRow *row = AUSHANG_FIELD_ROW (self);
  AushangValue *old = aushang_field_row_get_value (row);
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autoptr(AushangValue) value = NULL;
  int year, month, day;

  if (!self->filled || aushang_field_row_is_filling (row))
    return;

  g_date_time_get_ymd (picked, &year, &month, &day);

  if (self->has_time)
    {
      int hour = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->hour));
      int minute = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->minute));
      double seconds = 0;
      gboolean has_offset = TRUE;
      int offset = 0;

      if (old != NULL && aushang_value_get_kind (old) == AUSHANG_VALUE_DATETIME)
        {
          g_autoptr(GDateTime) before = aushang_value_dup_date_time (old);

          /* Keep the zone the file gives (or that it gives none). */
          seconds = g_date_time_get_seconds (before);
          has_offset = aushang_value_get_has_offset (old);
          offset = (int) (g_date_time_get_utc_offset (before) / G_TIME_SPAN_SECOND);
        }
      else
        {
          AushangSite *site = aushang_field_context_get_site (aushang_field_row_get_context (row));
          g_autoptr(GTimeZone) tz = aushang_site_dup_time_zone (site);
          g_autoptr(GDateTime) there = g_date_time_new (tz, year, month, day, hour, minute, 0);

          if (there != NULL)
            offset = (int) (g_date_time_get_utc_offset (there) / G_TIME_SPAN_SECOND);
        }

      value = aushang_value_new_datetime (year, month, day, hour, minute, seconds,
                                          has_offset, offset);
    }
  else
    value = aushang_value_new_date (year, month, day);

  aushang_field_row_store (row, value);
  update_subtitle (self);
}

static void
day_selected_cb (AushangDateRow *self,
                 GtkCalendar    *calendar)
{
  GtkWidget *popover;

  if (!self->filled || self->moving || aushang_field_row_is_filling (AUSHANG_FIELD_ROW (self)))
    return;

  store (self);

  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
time_changed_cb (AushangDateRow *self,
                 GtkSpinButton  *spin)
{
  store (self);
}

static gboolean
two_digits_output_cb (GtkSpinButton *spin,
                      gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (strcmp (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
aushang_date_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_DATE_ROW);

  G_OBJECT_CLASS (aushang_date_row_parent_class)->dispose (object);
}

static void
aushang_date_row_class_init (AushangDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_date_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangDateRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangDateRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, AushangDateRow, hour);
  gtk_widget_class_bind_template_child (widget_class, AushangDateRow, colon);
  gtk_widget_class_bind_template_child (widget_class, AushangDateRow, minute);
  gtk_widget_class_bind_template_child (widget_class, AushangDateRow, button);
  gtk_widget_class_bind_template_child (widget_class, AushangDateRow, calendar);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, two_digits_output_cb);
}

/* The calendar by keyboard: the arrows move a day or a week and cross
 * the month's edges (GtkCalendar 4.8 stops there), Page Up and Page Down a
 * month; Enter or Space picks the day. */
static gboolean
calendar_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         AushangDateRow        *self)
{
  GtkCalendar *calendar = GTK_CALENDAR (self->calendar);
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) next = NULL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      next = g_date_time_add_days (shown, gtk_widget_get_direction (self->calendar) == GTK_TEXT_DIR_RTL ? 1 : -1);
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      next = g_date_time_add_days (shown, gtk_widget_get_direction (self->calendar) == GTK_TEXT_DIR_RTL ? -1 : 1);
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      next = g_date_time_add_days (shown, -7);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      next = g_date_time_add_days (shown, 7);
      break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      next = g_date_time_add_months (shown, -1);
      break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      next = g_date_time_add_months (shown, 1);
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
      day_selected_cb (self, calendar);
      return TRUE;
    default:
      return FALSE;
    }

  if (next == NULL)
    return FALSE;

  self->moving = TRUE;
  gtk_calendar_select_day (calendar, next);
  self->moving = FALSE;

  return TRUE;
}

static void
aushang_date_row_init (AushangDateRow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (calendar_key_pressed_cb), self);
  gtk_widget_add_controller (self->calendar, keys);
}

GtkWidget *
aushang_date_row_new (AushangFieldContext *context,
                      const char          *key,
                      const char          *schema_key,
                      const char          *label,
                      AushangFieldKind     kind,
                      gboolean             required,
                      AushangValue        *value)
{
  AushangDateRow *self = g_object_new (AUSHANG_TYPE_DATE_ROW, NULL);
  g_autoptr(GDateTime) date = aushang_value_dup_date (value);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           kind, required, value);
  /* Time boxes only for a value with a time (or, while empty, for a
   * collection whose dates have times). */
  self->has_time = aushang_schema_date_kind_of_value (kind, value) == AUSHANG_FIELD_DATETIME;

  aushang_set_accessible_label (self->calendar, label);
  if (date != NULL)
    {
      g_autoptr(GDateTime) shown = NULL;
      int year, month, day;

      g_date_time_get_ymd (date, &year, &month, &day);
      shown = g_date_time_new_local (year, month, day, 12, 0, 0);
      if (shown != NULL)
        gtk_calendar_select_day (GTK_CALENDAR (self->calendar), shown);
    }

  if (self->has_time)
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->hour), date ? g_date_time_get_hour (date) : 0);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->minute), date ? g_date_time_get_minute (date) : 0);
      gtk_widget_set_visible (self->hour, TRUE);
      gtk_widget_set_visible (self->colon, TRUE);
      gtk_widget_set_visible (self->minute, TRUE);
    }
  two_digits_output_cb (GTK_SPIN_BUTTON (self->hour), NULL);
  two_digits_output_cb (GTK_SPIN_BUTTON (self->minute), NULL);

  aushang_set_accessible_label (self->button, label);
  aushang_set_accessible_label (gtk_widget_get_first_child (self->button), label);

  update_subtitle (self);
  self->filled = TRUE;

  return GTK_WIDGET (self);
}
