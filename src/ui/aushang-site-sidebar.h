/* aushang-site-sidebar.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_SITE_SIDEBAR (aushang_site_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (AushangSiteSidebar, aushang_site_sidebar, AUSHANG, SITE_SIDEBAR, AdwBin)

/* The site's documents grouped by collection, newest first (title, date,
 * a draft badge), with a search by title. ::document-activated (GFile*)
 * when a person picks one. */
GtkWidget *aushang_site_sidebar_new         (void);
void       aushang_site_sidebar_set_site    (AushangSiteSidebar *self,
                                             AushangSite        *site);
/* Selects the row of @file without emitting ::document-activated. */
void       aushang_site_sidebar_select_file (AushangSiteSidebar *self,
                                             GFile              *file);
/* For tests: the number of rows shown for the current search. */
guint      aushang_site_sidebar_count_visible (AushangSiteSidebar *self);
void       aushang_site_sidebar_set_search  (AushangSiteSidebar *self,
                                             const char         *text);

G_END_DECLS
