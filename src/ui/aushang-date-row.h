/* aushang-date-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_DATE_ROW (aushang_date_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangDateRow, aushang_date_row, AUSHANG, DATE_ROW, AdwActionRow)

/* A date in words with a calendar to pick another; for DATETIME also the
 * hour and minute. A time keeps the zone the file gives (or that it gives
 * none); a new one gets the site's. */
GtkWidget *aushang_date_row_new (AushangFieldContext *context,
                                 const char          *key,
                                 const char          *schema_key,
                                 const char          *label,
                                 AushangFieldKind     kind,
                                 gboolean             required,
                                 AushangValue        *value);

G_END_DECLS
