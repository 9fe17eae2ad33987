/* aushang-switch-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_SWITCH_ROW (aushang_switch_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangSwitchRow, aushang_switch_row, AUSHANG, SWITCH_ROW, AdwActionRow)

/* true or false. */
GtkWidget *aushang_switch_row_new       (AushangFieldContext *context,
                                         const char          *key,
                                         const char          *schema_key,
                                         const char          *label,
                                         gboolean             required,
                                         AushangValue        *value);
/* "Draft": on is "published: false"; off takes the key away again, unless
 * the file said "published: true" before. */
GtkWidget *aushang_switch_row_new_draft (AushangFieldContext *context,
                                         AushangValue        *published,
                                         gboolean             had_published_true);

G_END_DECLS
