/* aushang-image-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-entry-row.h"
#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_IMAGE_ROW (aushang_image_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangImageRow, aushang_image_row, AUSHANG, IMAGE_ROW, AushangEntryRow)

/* The site path of an image, with a thumbnail, a button listing the
 * site's images and one that chooses a file (see import()). */
GtkWidget *aushang_image_row_new    (AushangFieldContext *context,
                                     const char          *key,
                                     const char          *schema_key,
                                     const char          *label,
                                     gboolean             required,
                                     AushangValue        *value);
/* Takes @file into the site (see aushang_image_import()) and sets the
 * row's path to it; a copy is asynchronous. */
void       aushang_image_row_import (AushangImageRow     *self,
                                     GFile               *file);

G_END_DECLS
