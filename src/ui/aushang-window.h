/* aushang-window.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-application.h"
#include "aushang-data-file.h"
#include "aushang-document.h"
#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_WINDOW (aushang_window_get_type ())

G_DECLARE_FINAL_TYPE (AushangWindow, aushang_window, AUSHANG, WINDOW, AdwApplicationWindow)

AushangWindow   *aushang_window_new          (AushangApplication *application);
/* Opens a site folder, or a document (and the site around it). */
void             aushang_window_open         (AushangWindow      *self,
                                              GFile              *file);

/* For tests. */
AushangSite     *aushang_window_get_site     (AushangWindow      *self);
AushangDocument *aushang_window_get_document (AushangWindow      *self);
GFile           *aushang_window_get_file     (AushangWindow      *self);
GtkWidget       *aushang_window_get_form     (AushangWindow      *self);
GtkWidget       *aushang_window_get_editor   (AushangWindow      *self);
GtkWidget       *aushang_window_get_preview  (AushangWindow      *self);
GtkWidget       *aushang_window_get_sidebar  (AushangWindow      *self);
/* What the document's checks found, as the form shows it (NULL: none
 * ran); how many checks after changes (in a thread) have finished,
 * shown or dropped as out of date. */
GPtrArray       *aushang_window_get_diagnostics (AushangWindow   *self);
guint            aushang_window_get_checks_finished (AushangWindow *self);
/* Checks the document now, in a thread, as after a pause in typing. */
void             aushang_window_check        (AushangWindow      *self);
/* Opens @file of the current site, as a click in the sidebar does (asking
 * about unsaved changes first). */
void             aushang_window_select_file  (AushangWindow      *self,
                                              GFile              *file);
/* Starts a new document as "New" does, without the dialog. */
gboolean         aushang_window_new_document (AushangWindow      *self,
                                              const char         *collection,
                                              const char         *title,
                                              GError            **error);
/* Saves as Ctrl+S does; a new document goes to @file_name in its
 * collection folder (NULL: the proposed name) without asking. */
gboolean         aushang_window_save         (AushangWindow      *self,
                                              const char         *file_name,
                                              GError            **error);
/* Opens entry @index (from 0; -1: the file as a whole) of the data file
 * @file, as a click in the sidebar does. */
void             aushang_window_select_entry (AushangWindow      *self,
                                              GFile              *file,
                                              int                 index);
/* The data file shown (one of the site's _data files), or NULL; its entry
 * shown, or -1. */
AushangDataFile *aushang_window_get_data_file (AushangWindow     *self);
int              aushang_window_get_entry_index (AushangWindow   *self);
GtkWidget       *aushang_window_get_entry_form (AushangWindow    *self);
/* A new, unsaved document from the one shown: a copy of it, or (with
 * @as_template) one like it, with a title and date of its own. */
gboolean         aushang_window_copy_document (AushangWindow     *self,
                                              gboolean            as_template,
                                              GError            **error);
/* Moves the document shown to the trash (never deletes it); the toast's
 * Undo, or this, puts it back byte for byte. */
gboolean         aushang_window_trash_document (AushangWindow    *self,
                                              GError            **error);
gboolean         aushang_window_undo_trash_document (AushangWindow *self,
                                              GError            **error);
/* The entry actions, as their buttons and shortcuts do (see the
 * window's entry menu): a new entry in the list shown, the entry shown
 * taken away (undone with its toast, byte for byte while nothing else
 * changed), hidden from the website or shown again. */
gboolean         aushang_window_new_entry    (AushangWindow      *self,
                                              GError            **error);
gboolean         aushang_window_remove_entry (AushangWindow      *self,
                                              GError            **error);
gboolean         aushang_window_undo_remove_entry (AushangWindow *self,
                                              GError            **error);
gboolean         aushang_window_set_entry_hidden (AushangWindow  *self,
                                              gboolean            hidden,
                                              GError            **error);
/* Writes entry @index of the data file shown (-1: every upcoming one) to
 * @target as iCalendar, as "Export" does without its file chooser. */
gboolean         aushang_window_export_ics   (AushangWindow      *self,
                                              int                 index,
                                              GFile              *target,
                                              GError            **error);
/* "Add to the Event Calendar" for the announcement shown: a new entry of
 * the site's event list, prefilled from it and linking to it (or the one
 * that already does, opened). */
gboolean         aushang_window_add_to_calendar (AushangWindow   *self,
                                              GError            **error);
/* The dialog currently asking something (unsaved changes, …), or NULL. */
AdwMessageDialog *aushang_window_get_dialog  (AushangWindow      *self);

G_END_DECLS
