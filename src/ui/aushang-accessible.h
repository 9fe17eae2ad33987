/* aushang-accessible.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void aushang_accessible_tidy         (GtkWidget *root);
void aushang_accessible_tidy_windows (void);

G_END_DECLS
