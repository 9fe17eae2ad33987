/* aushang-block-dialog.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_BLOCK_DIALOG (aushang_block_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AushangBlockDialog, aushang_block_dialog, AUSHANG, BLOCK_DIALOG, AdwMessageDialog)

/* Asks for the parameters of @block before it is inserted: one row each,
 * named in plain words (the include's comment, else a translated table of
 * common names, else the name made readable), the required ones marked,
 * a folder or file chooser where documents pass site paths. The keyboard
 * focus starts in the first required parameter. Responses: "insert",
 * "cancel". */
GtkWidget  *aushang_block_dialog_new        (GtkWindow          *parent,
                                             AushangSite        *site,
                                             AushangBlock       *block);
const char *aushang_block_dialog_get_name   (AushangBlockDialog *self);
/* param name → value typed (empty values left out); free with
 * g_hash_table_unref. */
GHashTable *aushang_block_dialog_dup_params (AushangBlockDialog *self);
/* The title of @param as the dialog shows it ("Gutscheincode", "Folder"). */
char       *aushang_block_dialog_dup_label  (AushangBlock       *block,
                                             const char         *param);

G_END_DECLS
