/* aushang-site-sidebar.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-data-file.h"
#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_SITE_SIDEBAR (aushang_site_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (AushangSiteSidebar, aushang_site_sidebar, AUSHANG, SITE_SIDEBAR, AdwBin)

/* The site's documents grouped by collection, newest first (title, date,
 * a draft badge), then its data lists by their plain names
 * ("Veranstaltungen", "Team"): a list's entries, events apart as upcoming
 * and past by their date, hidden ones greyed with a label; then the data
 * files that are no list of entries (edited as YAML text, or only shown).
 * One search by title covers them all.
 *
 * ::document-activated (GFile*) when a person picks a document;
 * ::entry-activated (GFile* of the data file, int entry index, or -1 for
 * the file as a whole) when they pick an entry or a data file. */
GtkWidget *aushang_site_sidebar_new              (void);
void       aushang_site_sidebar_set_site         (AushangSiteSidebar *self,
                                                  AushangSite        *site);
/* Between these, the changes below make the list once, at the thaw (a
 * site of thousands of documents took a second per making). */
void       aushang_site_sidebar_freeze           (AushangSiteSidebar *self);
void       aushang_site_sidebar_thaw             (AushangSiteSidebar *self);
/* The data files to list (AushangDataFile*, as the window holds them:
 * with their unsaved changes). */
void       aushang_site_sidebar_set_data_files   (AushangSiteSidebar *self,
                                                  GPtrArray          *data_files);
/* The data files that cannot be read at all (GFile*, each with its
 * reason as AUSHANG_SITE_SIDEBAR_REASON data): listed greyed, with a
 * label; picking one emits ::entry-activated with index -1. */
#define AUSHANG_SITE_SIDEBAR_REASON "aushang-reason"
void       aushang_site_sidebar_set_unreadable_files (AushangSiteSidebar *self,
                                                      GPtrArray          *files);
/* Lists @data_file's entries anew (after an edit), keeping the
 * selection. */
/* What is new or changed since the last publish (AushangGitChange*, as
 * aushang_git_repo_get_changes() gives them; NULL: nothing to mark): each
 * such document and entry gets a mark. */
void       aushang_site_sidebar_set_changes      (AushangSiteSidebar *self,
                                                  GPtrArray          *changes);
void       aushang_site_sidebar_update_data_file (AushangSiteSidebar *self,
                                                  AushangDataFile    *data_file);
/* Selects the row of @file without emitting ::document-activated. */
void       aushang_site_sidebar_select_file      (AushangSiteSidebar *self,
                                                  GFile              *file);
/* Selects the row of entry @index of the data file @file (-1: the file's
 * own row) without emitting ::entry-activated. */
void       aushang_site_sidebar_select_entry     (AushangSiteSidebar *self,
                                                  GFile              *file,
                                                  int                 index);
/* The menus a row's context menu (right click, Menu or Shift+F10) shows
 * once the row is opened: for entries and data files, and for
 * documents. */
void       aushang_site_sidebar_set_menus        (AushangSiteSidebar *self,
                                                  GMenuModel         *entry_menu,
                                                  GMenuModel         *document_menu);
/* Opens the row of @file's entry @index (-1: @file is a document, or a
 * data file as a whole) and pops up its context menu; for tests. Returns
 * whether the menu shows. */
gboolean   aushang_site_sidebar_popup_menu       (AushangSiteSidebar *self,
                                                  GtkWidget          *row);
/* For tests: the number of rows shown for the current search. */
guint      aushang_site_sidebar_count_visible    (AushangSiteSidebar *self);
void       aushang_site_sidebar_set_search       (AushangSiteSidebar *self,
                                                  const char         *text);
/* For tests: the row of entry @index of @file, or NULL. */
GtkWidget *aushang_site_sidebar_get_entry_row    (AushangSiteSidebar *self,
                                                  GFile              *file,
                                                  int                 index);

G_END_DECLS
