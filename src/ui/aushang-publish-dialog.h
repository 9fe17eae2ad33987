/* aushang-publish-dialog.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-git.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_PUBLISH_DIALOG (aushang_publish_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AushangPublishDialog, aushang_publish_dialog, AUSHANG, PUBLISH_DIALOG, AdwWindow)

/* "Publish": what goes out in plain words, the checks (errors block),
 * the person's name and e-mail (asked once, kept in @settings, may be
 * NULL), the access token (kept with libsecret), then commit, update and
 * push in a worker thread. Emits "published" when the website has it,
 * "files-changed" when updating changed files of the site, and
 * "show-file" (a GFile) when the person goes to fix an error there. */
AushangPublishDialog *aushang_publish_dialog_new (GtkWindow *parent,
                                                  GFile     *site_folder,
                                                  GSettings *settings);

/* What the dialog says now; whether it is working. */
const char *aushang_publish_dialog_get_status (AushangPublishDialog *self);
gboolean    aushang_publish_dialog_get_busy   (AushangPublishDialog *self);
/* As if typed into the access rows (shown once the server asked). */
void        aushang_publish_dialog_set_credentials (AushangPublishDialog *self,
                                                    const char           *username,
                                                    const char           *token);
/* The conflicts shown; settling one as its buttons do (@text for
 * AUSHANG_GIT_USE_TEXT). */
guint       aushang_publish_dialog_get_n_conflicts (AushangPublishDialog *self);
/* What the conflict's row says. */
const char *aushang_publish_dialog_get_conflict_title (AushangPublishDialog *self,
                                                       guint                 index);
gboolean    aushang_publish_dialog_resolve    (AushangPublishDialog *self,
                                               guint                 index,
                                               AushangGitResolution  resolution,
                                               const char           *text);
/* As if "Publish" was pressed. */
void        aushang_publish_dialog_publish    (AushangPublishDialog *self);

/* The window's part (src/ui/aushang-window.c calls these two): the
 * "Get a Website…" button on the welcome page, the "Publish" button of
 * the site, their actions; and, when a site is shown, whether it can be
 * published, and bringing in what others published when nothing here is
 * waiting to go out. */
void     aushang_publish_install    (GtkWidget *window);
/* Marks in the sidebar what is new or changed since the last publish
 * (nothing for a site that is no repository); after saving and the like. */
void     aushang_publish_refresh_changes (GtkWidget *window);
void     aushang_publish_site_shown (GtkWidget *window,
                                     GFile     *site_folder);

G_END_DECLS
