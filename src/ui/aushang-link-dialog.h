/* aushang-link-dialog.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-editor.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_LINK_DIALOG (aushang_link_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AushangLinkDialog, aushang_link_dialog, AUSHANG, LINK_DIALOG, AdwMessageDialog)

/* "Insert Link" for @editor (Ctrl+K): searches the documents and pages of
 * @site by title, or takes an address typed by hand; offers the chosen
 * page's sections; and puts [text](address) in place of the selection (or
 * at the cursor), the address written as the site writes its links
 * (/beitraege/x/, {% link … %}, …). The text is the selected text, else
 * the page's title. @document is the one being edited (may be NULL).
 * Presents the dialog and returns it. */
GtkWidget *aushang_link_dialog_present (AushangEditor   *editor,
                                        AushangSite     *site,
                                        AushangDocument *document);

G_END_DECLS
