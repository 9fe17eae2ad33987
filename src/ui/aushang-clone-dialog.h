/* aushang-clone-dialog.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AUSHANG_TYPE_CLONE_DIALOG (aushang_clone_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AushangCloneDialog, aushang_clone_dialog, AUSHANG, CLONE_DIALOG, AdwWindow)

/* "Get a Website": the repository's address, a folder under Documents,
 * then a clone in a worker thread with a progress bar (objects, bytes,
 * files). Emits "cloned" with the folder when it is there. */
AushangCloneDialog *aushang_clone_dialog_new (GtkWindow *parent);

/* For tests: the address and the folder, as if typed and chosen. */
void                aushang_clone_dialog_set_address (AushangCloneDialog *self,
                                                      const char         *url,
                                                      GFile              *folder);

/* As if typed into the access rows. */
void                aushang_clone_dialog_set_credentials (AushangCloneDialog *self,
                                                          const char         *username,
                                                          const char         *token);
/* As if "Get Website" was pressed. */
void                aushang_clone_dialog_start (AushangCloneDialog *self);
/* Whether a copy is being made; what the dialog says. */
gboolean            aushang_clone_dialog_get_busy (AushangCloneDialog *self);
const char         *aushang_clone_dialog_get_status (AushangCloneDialog *self);

G_END_DECLS
