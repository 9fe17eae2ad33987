/* aushang-long-text-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_LONG_TEXT_ROW (aushang_long_text_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangLongTextRow, aushang_long_text_row, AUSHANG, LONG_TEXT_ROW, AdwPreferencesRow)

/* Text of several lines (a teaser, a description), the label above it. */
GtkWidget *aushang_long_text_row_new (AushangFieldContext *context,
                                      const char          *key,
                                      const char          *schema_key,
                                      const char          *label,
                                      gboolean             required,
                                      AushangValue        *value);

G_END_DECLS
