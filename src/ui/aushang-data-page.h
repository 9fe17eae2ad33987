/* aushang-data-page.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-data-file.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_DATA_PAGE (aushang_data_page_get_type ())

G_DECLARE_FINAL_TYPE (AushangDataPage, aushang_data_page, AUSHANG, DATA_PAGE, AdwBin)

/* A data file that is no list of entries, as its text: JSON and CSV only
 * shown, saying why; other YAML (a map, a list of names, nested data)
 * with "Edit as YAML", whose changes are taken only when they are valid
 * YAML (::changed follows). A problem of the YAML is named with its
 * line. */
GtkWidget       *aushang_data_page_new           (void);
void             aushang_data_page_set_data_file (AushangDataPage *self,
                                                  AushangDataFile *data_file);
AushangDataFile *aushang_data_page_get_data_file (AushangDataPage *self);

G_END_DECLS
