/* aushang-list-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_LIST_ROW (aushang_list_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangListRow, aushang_list_row, AUSHANG, LIST_ROW, AdwPreferencesRow)

/* A list of names as chips, with suggestions: the site's authors (names
 * not in its author list get a warning), the categories or tags in use,
 * else the values the schema suggests. Categories and tags written as one
 * string are read as Jekyll reads them, split at spaces; a list the file
 * writes as one string stays one while it holds one name. */
GtkWidget *aushang_list_row_new (AushangFieldContext *context,
                                 const char          *key,
                                 const char          *schema_key,
                                 const char          *label,
                                 gboolean             required,
                                 AushangValue        *value);

G_END_DECLS
