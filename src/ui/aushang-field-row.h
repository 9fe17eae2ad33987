/* aushang-field-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-field-context.h"
#include "aushang-schema.h"
#include "aushang-value.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_FIELD_ROW (aushang_field_row_get_type ())

G_DECLARE_INTERFACE (AushangFieldRow, aushang_field_row, AUSHANG, FIELD_ROW, AdwPreferencesRow)

/* What every row of a form is: one key, its label, its value, and where
 * the core's refusal or a check's finding about it shows (a status icon
 * beside the label, and "Required" for required fields). The rows write
 * through their AushangFieldContext. */
struct _AushangFieldRowInterface
{
  GTypeInterface parent_iface;

  /* The widget that takes the value: focus, accessible state. */
  GtkWidget *(*get_widget)         (AushangFieldRow *self);
  /* The status icon and the "Required" label, hidden at first. */
  GtkWidget *(*get_status)         (AushangFieldRow *self);
  GtkWidget *(*get_required_label) (AushangFieldRow *self);
  /* Rows of text: what they hold now (stored when the focus leaves). */
  char      *(*dup_text)           (AushangFieldRow *self);
};

/* Called once by each row's constructor. @key is the key written (as the
 * document spells it), @schema_key the schema's spelling ("authors" for
 * "author"). */
void                 aushang_field_row_setup           (AushangFieldRow     *self,
                                                        AushangFieldContext *context,
                                                        const char          *key,
                                                        const char          *schema_key,
                                                        const char          *label,
                                                        AushangFieldKind     kind,
                                                        gboolean             required,
                                                        AushangValue        *value);

AushangFieldContext *aushang_field_row_get_context     (AushangFieldRow     *self);
const char          *aushang_field_row_get_key         (AushangFieldRow     *self);
const char          *aushang_field_row_get_schema_key  (AushangFieldRow     *self);
const char          *aushang_field_row_get_label       (AushangFieldRow     *self);
AushangFieldKind     aushang_field_row_get_kind        (AushangFieldRow     *self);
gboolean             aushang_field_row_get_required    (AushangFieldRow     *self);
/* The value shown (NULL when the key is absent). */
AushangValue        *aushang_field_row_get_value       (AushangFieldRow     *self);
GtkWidget           *aushang_field_row_get_widget      (AushangFieldRow     *self);
/* Whether the form is filling its rows: nothing may be written then. */
gboolean             aushang_field_row_is_filling      (AushangFieldRow     *self);

/* Writes @value (NULL: removes the key); a refusal is shown at the row,
 * whose widget keeps what the person typed. */
gboolean             aushang_field_row_store           (AushangFieldRow     *self,
                                                        AushangValue        *value);
/* Stores what a row of text holds. An optional field left empty loses its
 * key (Liquid takes "" for a value), but only once the person leaves it
 * (@leaving): typing over a selection passes through "", and the key
 * should neither move nor lose its quoting on the way. */
void                 aushang_field_row_store_text      (AushangFieldRow     *self,
                                                        const char          *text,
                                                        gboolean             leaving);
/* Stores the text when the focus leaves the row (see dup_text). */
void                 aushang_field_row_watch_focus_leave (AushangFieldRow   *self);

/* Shows "Required" and the status anew, after the context's
 * attended state changed (see aushang_field_context_get_attended). */
void                 aushang_field_row_update_required (AushangFieldRow   *self);

/* Why the core refused the last edit, or NULL. */
void                 aushang_field_row_set_edit_error  (AushangFieldRow     *self,
                                                        const char          *message);
/* The checks' findings: cleared, then added one by one. */
void                 aushang_field_row_clear_diagnostics (AushangFieldRow   *self);
void                 aushang_field_row_add_diagnostic  (AushangFieldRow     *self,
                                                        const char          *message,
                                                        gboolean             is_error);
void                 aushang_field_row_update_status   (AushangFieldRow     *self);

/* For rows that are an AdwEntryRow: shows @value's text, names the row
 * and its text field for screen readers, and stores the text when the
 * focus leaves. */
void                 aushang_field_row_fill_entry      (AushangFieldRow     *self,
                                                        AushangValue        *value);
/* Stores the text of an AdwEntryRow after a change the person made. */
void                 aushang_field_row_entry_changed   (AushangFieldRow     *self);
/* Puts @text into an AdwEntryRow and stores it, in one edit. */
void                 aushang_field_row_set_entry_text  (AushangFieldRow     *self,
                                                        const char          *text);

/* The value as the text a row shows (NULL for none). */
char                *aushang_field_row_dup_display_text (AushangValue       *value);

G_END_DECLS
