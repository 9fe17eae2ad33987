/* aushang-yaml-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_YAML_ROW (aushang_yaml_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangYamlRow, aushang_yaml_row, AUSHANG, YAML_ROW, AdwActionRow)

/* A value the form cannot edit (nested data): shown as a short summary,
 * with "Edit as YAML", which emits ::edit. */
GtkWidget *aushang_yaml_row_new (AushangFieldContext *context,
                                 const char          *key,
                                 const char          *schema_key,
                                 const char          *label,
                                 gboolean             required,
                                 AushangValue        *value);

G_END_DECLS
