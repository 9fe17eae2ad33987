/* aushang-chips.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AUSHANG_TYPE_CHIPS (aushang_chips_get_type ())

G_DECLARE_FINAL_TYPE (AushangChips, aushang_chips, AUSHANG, CHIPS, GtkWidget)

/* Names as removable chips, plus an entry that adds one (with completion
 * and a button listing the suggestions not chosen yet). Tab visits each
 * chip's "×", the entry, then the button. ::changed when the person added
 * or removed a name. */
GtkWidget  *aushang_chips_new             (const char         *label);
/* The name of the list, for screen readers. */
void        aushang_chips_set_label       (AushangChips       *self,
                                           const char         *label);
void        aushang_chips_set_items       (AushangChips       *self,
                                           const char * const *items);
char      **aushang_chips_dup_items       (AushangChips       *self);
/* @suggestions: char*, most likely first. @known: the names that get no
 * warning (NULL: none does), with @unknown_hint saying why the others do. */
void        aushang_chips_set_suggestions (AushangChips       *self,
                                           GPtrArray          *suggestions,
                                           GHashTable         *known,
                                           const char         *unknown_hint);

G_END_DECLS
