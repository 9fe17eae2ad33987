/* aushang-overflow-box.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AUSHANG_TYPE_OVERFLOW_BOX (aushang_overflow_box_get_type ())

G_DECLARE_FINAL_TYPE (AushangOverflowBox, aushang_overflow_box, AUSHANG, OVERFLOW_BOX, GtkWidget)

/* A row of toolbar buttons that never cuts one off without a sign: where
 * the width is short, the buttons at the end give way and a "…" menu
 * button lists their actions (named by their tooltips, without the
 * shortcut in brackets). A child that expands takes the spare width (a
 * spacer). Children come from <child> in a .ui file or _append(). Only
 * buttons with an action (GtkActionable) go into the menu; a child
 * without one never gives way. */
GtkWidget *aushang_overflow_box_new              (void);
void       aushang_overflow_box_append           (AushangOverflowBox *self,
                                                  GtkWidget          *child);
/* The "…" button (visible only while something gave way). */
GtkWidget *aushang_overflow_box_get_menu_button  (AushangOverflowBox *self);
/* Whether @child is shown in the row (FALSE: it is in the menu). */
gboolean   aushang_overflow_box_child_is_shown   (AushangOverflowBox *self,
                                                  GtkWidget          *child);

G_END_DECLS
