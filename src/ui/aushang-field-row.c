/* aushang-field-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-entry-row.h"
#include "aushang-field-row.h"
#include "aushang-form-util.h"

G_DEFINE_INTERFACE (AushangFieldRow, aushang_field_row, ADW_TYPE_PREFERENCES_ROW)

/* What every row keeps, whatever its class: stored with the row, so it
 * lives exactly as long as the widgets that use it. */
typedef struct
{
  AushangFieldContext *context;
  char                *key;
  char                *schema_key;
  char                *label;
  AushangFieldKind     kind;
  gboolean             required;
  AushangValue        *value;

  char                *edit_error;   /* why the core refused the last edit */
  char                *diagnostic;   /* from the checks */
  gboolean             diagnostic_is_error;
} State;

static GQuark state_quark;

static void
state_free (State *state)
{
  g_clear_object (&state->context);
  g_free (state->key);
  g_free (state->schema_key);
  g_free (state->label);
  g_clear_pointer (&state->value, aushang_value_unref);
  g_free (state->edit_error);
  g_free (state->diagnostic);
  g_free (state);
}

static State *
get_state (AushangFieldRow *self)
{
  State *state = g_object_get_qdata (G_OBJECT (self), state_quark);

  g_assert (state != NULL);

  return state;
}

static void
aushang_field_row_default_init (AushangFieldRowInterface *iface)
{
  state_quark = g_quark_from_static_string ("aushang-field-row-state");
}

static void
update_required (AushangFieldRow *self)
{
  State *state = get_state (self);
  GtkWidget *label = AUSHANG_FIELD_ROW_GET_IFACE (self)->get_required_label (self);

  if (label == NULL || !state->required)
    return;

  if (aushang_field_context_get_quiet_required (state->context))
    gtk_widget_set_visible (label, aushang_value_is_blank (state->value));

  /* A hint until the person has left the field or tried to save; a
   * problem after that. */
  if (aushang_value_is_blank (state->value) &&
      aushang_field_context_get_attended (state->context, state->key))
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static void
required_focus_leave_cb (AushangFieldRow *self)
{
  State *state = get_state (self);

  if (aushang_field_context_get_attended (state->context, state->key))
    return;

  aushang_field_context_mark_left (state->context, state->key);
  aushang_field_row_update_required (self);
}

void
aushang_field_row_setup (AushangFieldRow     *self,
                         AushangFieldContext *context,
                         const char          *key,
                         const char          *schema_key,
                         const char          *label,
                         AushangFieldKind     kind,
                         gboolean             required,
                         AushangValue        *value)
{
  State *state = g_new0 (State, 1);
  GtkWidget *required_label;

  g_return_if_fail (AUSHANG_IS_FIELD_ROW (self));
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (context));

  state->context = g_object_ref (context);
  state->key = g_strdup (key);
  state->schema_key = g_strdup (schema_key ? schema_key : key);
  state->label = g_strdup (label);
  state->kind = kind;
  state->required = required;
  state->value = value ? aushang_value_ref (value) : NULL;
  g_object_set_qdata_full (G_OBJECT (self), state_quark, state, (GDestroyNotify) state_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  required_label = AUSHANG_FIELD_ROW_GET_IFACE (self)->get_required_label (self);
  if (required_label != NULL)
    gtk_widget_set_visible (required_label, required);
  update_required (self);

  if (required)
    {
      GtkEventController *controller = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (controller, "leave", G_CALLBACK (required_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), controller);
    }
}

void
aushang_field_row_update_required (AushangFieldRow *self)
{
  g_return_if_fail (AUSHANG_IS_FIELD_ROW (self));

  update_required (self);
  aushang_field_row_update_status (self);
}

AushangFieldContext *
aushang_field_row_get_context (AushangFieldRow *self)
{
  return get_state (self)->context;
}

const char *
aushang_field_row_get_key (AushangFieldRow *self)
{
  return get_state (self)->key;
}

const char *
aushang_field_row_get_schema_key (AushangFieldRow *self)
{
  return get_state (self)->schema_key;
}

const char *
aushang_field_row_get_label (AushangFieldRow *self)
{
  return get_state (self)->label;
}

AushangFieldKind
aushang_field_row_get_kind (AushangFieldRow *self)
{
  return get_state (self)->kind;
}

gboolean
aushang_field_row_get_required (AushangFieldRow *self)
{
  return get_state (self)->required;
}

AushangValue *
aushang_field_row_get_value (AushangFieldRow *self)
{
  return get_state (self)->value;
}

GtkWidget *
aushang_field_row_get_widget (AushangFieldRow *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_ROW (self), NULL);

  return AUSHANG_FIELD_ROW_GET_IFACE (self)->get_widget (self);
}

gboolean
aushang_field_row_is_filling (AushangFieldRow *self)
{
  return aushang_field_context_get_filling (get_state (self)->context);
}

/* Status: the core's refusal or the diagnostics, at the row -------------- */

/* What a screen reader says about the widget that takes the value: the
 * row, and the text inside a row of text where that has the focus (see
 * AushangEntryRow). */
static void
update_accessible_status (GtkWidget  *widget,
                          const char *message,
                          gboolean    is_error)
{
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               is_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

void
aushang_field_row_update_status (AushangFieldRow *self)
{
  State *state = get_state (self);
  GtkWidget *status = AUSHANG_FIELD_ROW_GET_IFACE (self)->get_status (self);
  GtkWidget *widget = aushang_field_row_get_widget (self);
  const char *message = state->edit_error ? state->edit_error : state->diagnostic;
  gboolean is_error = state->edit_error != NULL || (state->diagnostic && state->diagnostic_is_error);

  if (status == NULL || widget == NULL)
    return;

  /* That a required field is empty is no warning before the person has
   * left it or tried to save: the "Required" beside it says enough. */
  if (state->edit_error == NULL && !is_error && state->required &&
      aushang_value_is_blank (state->value) &&
      !aushang_field_context_get_attended (state->context, state->key))
    message = NULL;

  gtk_widget_set_visible (status, message != NULL);
  gtk_widget_remove_css_class (status, "error");
  gtk_widget_remove_css_class (status, "warning");

  if (message != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status),
                                    is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (status, is_error ? "error" : "warning");
      gtk_widget_set_tooltip_text (status, message);
      aushang_set_accessible_label (status, message);
    }
  else
    gtk_widget_set_tooltip_text (status, NULL);

  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  update_accessible_status (widget, message, is_error);
  if (AUSHANG_IS_ENTRY_ROW (widget) &&
      aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (widget)) != widget)
    update_accessible_status (aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (widget)),
                              message, is_error);
}

void
aushang_field_row_set_edit_error (AushangFieldRow *self,
                                  const char      *message)
{
  State *state = get_state (self);

  if (g_strcmp0 (state->edit_error, message) == 0)
    return;

  g_free (state->edit_error);
  state->edit_error = g_strdup (message);
  aushang_field_row_update_status (self);
}

void
aushang_field_row_clear_diagnostics (AushangFieldRow *self)
{
  State *state = get_state (self);

  g_clear_pointer (&state->diagnostic, g_free);
  state->diagnostic_is_error = FALSE;
}

void
aushang_field_row_add_diagnostic (AushangFieldRow *self,
                                  const char      *message,
                                  gboolean         is_error)
{
  State *state = get_state (self);
  char *joined = state->diagnostic
                 ? g_strconcat (state->diagnostic, "\n", message, NULL)
                 : g_strdup (message);

  g_free (state->diagnostic);
  state->diagnostic = joined;
  state->diagnostic_is_error |= is_error;
}

/* Writing through the context --------------------------------------------- */

gboolean
aushang_field_row_store (AushangFieldRow *self,
                         AushangValue    *value)
{
  State *state = get_state (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangFieldContext) context = g_object_ref (state->context);
  gboolean changed = FALSE;
  gboolean ok;

  if (aushang_field_context_get_filling (context))
    return FALSE;

  ok = aushang_field_context_store (context, state->key, value, &changed, &error);

  if (!ok && error == NULL)
    return FALSE;

  aushang_field_row_set_edit_error (self, ok ? NULL : error->message);
  if (ok)
    {
      g_clear_pointer (&state->value, aushang_value_unref);
      if (value != NULL)
        state->value = aushang_value_ref (value);
      update_required (self);
    }

  if (changed)
    aushang_field_context_emit_changed (context);

  return ok;
}

void
aushang_field_row_store_text (AushangFieldRow *self,
                              const char      *text,
                              gboolean         leaving)
{
  State *state = get_state (self);
  g_autoptr(AushangValue) value = NULL;

  if (aushang_field_row_is_filling (self))
    return;

  if (*text == '\0')
    {
      if (leaving && !state->required)
        {
          if (state->value != NULL)
            aushang_field_row_store (self, NULL);
          aushang_field_row_set_edit_error (self, NULL);
          return;
        }

      /* A number is written once there is one; nothing to write for a key
       * that is not there yet. */
      if (leaving || state->kind == AUSHANG_FIELD_NUMBER ||
          (state->value == NULL && !state->required))
        return;
    }

  if (leaving)
    return;

  if (state->kind == AUSHANG_FIELD_NUMBER && *text != '\0')
    {
      value = aushang_parse_number (text);
      if (value == NULL)
        {
          aushang_field_row_set_edit_error (self, _("Enter a number, for example 3 or 2.5."));
          return;
        }
    }
  else if (state->kind == AUSHANG_FIELD_TIME && *text != '\0' && !aushang_schema_is_time (text))
    {
      aushang_field_row_set_edit_error (self, _("Enter a time of day, for example 18:30."));
      return;
    }
  else
    value = aushang_value_new_string (text);

  aushang_field_row_store (self, value);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                AushangFieldRow         *self)
{
  g_autofree char *text = AUSHANG_FIELD_ROW_GET_IFACE (self)->dup_text (self);

  if (text != NULL)
    aushang_field_row_store_text (self, text, TRUE);
}

void
aushang_field_row_watch_focus_leave (AushangFieldRow *self)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_return_if_fail (AUSHANG_FIELD_ROW_GET_IFACE (self)->dup_text != NULL);

  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

char *
aushang_field_row_dup_display_text (AushangValue *value)
{
  if (value == NULL || aushang_value_get_kind (value) == AUSHANG_VALUE_NULL)
    return NULL;

  return aushang_value_to_display (value);
}

/* Rows of one line of text ------------------------------------------------- */

void
aushang_field_row_fill_entry (AushangFieldRow *self,
                              AushangValue    *value)
{
  g_autofree char *text = aushang_field_row_dup_display_text (value);
  const char *label = get_state (self)->label;
  GtkEditable *delegate;

  AushangFieldContext *context = get_state (self)->context;
  gboolean filling = aushang_field_context_get_filling (context);

  g_return_if_fail (AUSHANG_IS_ENTRY_ROW (self));

  /* Showing the value is no edit. */
  aushang_field_context_set_filling (context, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self), text ? text : "");
  aushang_field_context_set_filling (context, filling);
  aushang_set_accessible_label (GTK_WIDGET (self), label);
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self));
  if (delegate != NULL)
    aushang_set_accessible_label (GTK_WIDGET (delegate), label);

  if (get_state (self)->kind == AUSHANG_FIELD_NUMBER)
    aushang_entry_row_set_input_purpose (AUSHANG_ENTRY_ROW (self), GTK_INPUT_PURPOSE_NUMBER);

  aushang_field_row_watch_focus_leave (self);
}

void
aushang_field_row_entry_changed (AushangFieldRow *self)
{
  /* Not before the row is set up, nor while the form fills it. */
  if (g_object_get_qdata (G_OBJECT (self), state_quark) == NULL ||
      aushang_field_row_is_filling (self))
    return;

  aushang_field_row_store_text (self, gtk_editable_get_text (GTK_EDITABLE (self)), FALSE);
}

void
aushang_field_row_set_entry_text (AushangFieldRow *self,
                                  const char      *text)
{
  AushangFieldContext *context = get_state (self)->context;

  /* Shown first without storing, then stored once. */
  if (!aushang_field_context_get_filling (context))
    {
      aushang_field_context_set_filling (context, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self), text);
      aushang_field_context_set_filling (context, FALSE);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self), text);

  aushang_field_row_store_text (self, text, FALSE);
}
