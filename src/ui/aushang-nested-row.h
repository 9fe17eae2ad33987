/* aushang-nested-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_NESTED_ROW (aushang_nested_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangNestedRow, aushang_nested_row, AUSHANG, NESTED_ROW, AdwExpanderRow)

/* Whether @value is shown by a nested row: a map (a group of fields), or
 * a list whose items are all maps (a list of small forms). */
gboolean   aushang_nested_row_can_show (AushangValue        *value);

/* A map as a group of fields, or a list of maps as one small form per
 * item, with buttons to add, remove and reorder items. Each field is
 * written on its own, by its path ("podcasts[1].title"), through the
 * context's run function, so everything else stays as written; values
 * nested deeper are shown, and edited with "Edit as YAML" (::edit), which
 * is for this field alone. */
GtkWidget *aushang_nested_row_new      (AushangFieldContext *context,
                                        const char          *key,
                                        const char          *schema_key,
                                        const char          *label,
                                        gboolean             required,
                                        AushangValue        *value);

/* The text field of @field in item @index (-1 for a map's own field), or
 * NULL: for tests and focus. */
GtkWidget *aushang_nested_row_get_field (AushangNestedRow   *self,
                                         int                 index,
                                         const char         *field);
/* Item operations, as the buttons do them. */
gboolean   aushang_nested_row_add_item    (AushangNestedRow *self);
gboolean   aushang_nested_row_remove_item (AushangNestedRow *self,
                                           guint             index);
gboolean   aushang_nested_row_move_item   (AushangNestedRow *self,
                                           guint             from,
                                           guint             to);
guint      aushang_nested_row_get_n_items (AushangNestedRow *self);

G_END_DECLS
