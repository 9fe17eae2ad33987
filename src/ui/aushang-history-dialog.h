/* aushang-history-dialog.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_HISTORY_DIALOG (aushang_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AushangHistoryDialog, aushang_history_dialog, AUSHANG, HISTORY_DIALOG, AdwWindow)

/* "Earlier Versions": the published versions of @file (newest first:
 * date, who, what they wrote), read from the site's git repository in a
 * worker thread; the one selected is shown in a preview, and "Restore
 * This Version" emits "restore" with its bytes (GBytes) and closes. */
AushangHistoryDialog *aushang_history_dialog_new (GtkWindow   *parent,
                                                  AushangSite *site,
                                                  GFile       *file);

/* For tests: whether the versions are still being read, how many there
 * are, choosing one (as a click does; its text is read in a thread), and
 * "Restore This Version" (once the chosen text is there). */
gboolean aushang_history_dialog_get_busy       (AushangHistoryDialog *self);
guint    aushang_history_dialog_get_n_versions (AushangHistoryDialog *self);
void     aushang_history_dialog_select         (AushangHistoryDialog *self,
                                                guint                 index);
void     aushang_history_dialog_restore        (AushangHistoryDialog *self);
/* The AushangPreview showing the version chosen. */
GtkWidget *aushang_history_dialog_get_preview  (AushangHistoryDialog *self);

/* The window's part: the "earlier-versions" action (in the document's
 * menu), enabled when the document shown has earlier versions in git;
 * aushang_history_document_shown() checks that in a thread. */
void     aushang_history_install        (GtkWidget *window);
void     aushang_history_document_shown (GtkWidget *window);

G_END_DECLS
