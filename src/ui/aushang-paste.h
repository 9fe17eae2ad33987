/* aushang-paste.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Pasting into @view: formatted text (text/html on the clipboard, as from
 * Word, LibreOffice or a web page) arrives as clean Markdown
 * (aushang_html_to_markdown()); "Paste as Plain Text" (Ctrl+Shift+V, and
 * in the context menu) pastes the text alone, as it always did. */
void aushang_paste_attach            (GtkTextView *view);
/* Inserts @html at the cursor the way pasting it does. */
void aushang_paste_insert_html       (GtkTextView *view,
                                      const char  *html,
                                      gssize       length);

G_END_DECLS
