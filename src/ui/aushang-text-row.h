/* aushang-text-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-entry-row.h"
#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_TEXT_ROW (aushang_text_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangTextRow, aushang_text_row, AUSHANG, TEXT_ROW, AushangEntryRow)

/* A line of text (also numbers, times, durations): stored as it is typed;
 * an optional field left empty loses its key when the person leaves it.
 * With @with_suggestions, a button lists the values the schema suggests
 * ("Values used before"). */
GtkWidget *aushang_text_row_new      (AushangFieldContext *context,
                                      const char          *key,
                                      const char          *schema_key,
                                      const char          *label,
                                      AushangFieldKind     kind,
                                      gboolean             required,
                                      AushangValue        *value,
                                      gboolean             with_suggestions);
/* Puts @text into the row and stores it, in one edit. */
void       aushang_text_row_set_text (AushangTextRow      *self,
                                      const char          *text);

G_END_DECLS
