/* aushang-picker.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_PICKER (aushang_picker_get_type ())

G_DECLARE_FINAL_TYPE (AushangPicker, aushang_picker, AUSHANG, PICKER, GtkPopover)

/* The values to offer (char*), asked for each time the picker opens. */
typedef GPtrArray *(*AushangPickerValuesFunc) (gpointer user_data);

/* A popover with a searchable list of values, for a menu button: the
 * values come from a function each time it opens (a search field shows
 * above more than eight); choosing one emits ::picked (the value) and
 * closes it. With a site, the values are site paths of images and get
 * thumbnails. :label names the list for screen readers. */
GtkWidget *aushang_picker_new             (const char              *label,
                                           AushangPickerValuesFunc  values_func,
                                           gpointer                 user_data);
void       aushang_picker_set_values_func (AushangPicker           *self,
                                           AushangPickerValuesFunc  values_func,
                                           gpointer                 user_data);
void       aushang_picker_set_site        (AushangPicker           *self,
                                           AushangSite             *site);
/* A flat menu button showing only @icon_name (tooltip and accessible name
 * @label) that opens @picker. */
GtkWidget *aushang_picker_button_new      (const char              *icon_name,
                                           const char              *label,
                                           GtkWidget               *picker);

G_END_DECLS
