/* aushang-paste.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "aushang-site.h"

G_BEGIN_DECLS

/* Pasting into @view: formatted text (text/html on the clipboard, as from
 * Word, LibreOffice or a web page) arrives as clean Markdown
 * (aushang_html_to_markdown()); "Paste as Plain Text" (Ctrl+Shift+V, and
 * in the context menu) pastes the text alone, as it always did. */
void aushang_paste_attach            (GtkTextView *view);
/* The site and document the text belongs to: pictures pasted or dropped
 * are taken into that site (aushang_photo_import()), after asking for a
 * description, and their Markdown is inserted. Without a site, pictures
 * are not taken. */
void aushang_paste_set_document      (GtkTextView *view,
                                      AushangSite *site,
                                      GFile       *document_file);
/* Takes the pictures @files (GFile*) in as dropping them does: asks for
 * their description, then imports and inserts them at the cursor. */
/* Inserts @block (Markdown: a picture, a building block) at @mark on
 * lines of its own: not glued to the paragraph before it or after it. */
void aushang_paste_insert_block      (GtkTextView *view,
                                      GtkTextMark *mark,
                                      const char  *block);
void aushang_paste_insert_files      (GtkTextView *view,
                                      GPtrArray   *files);
/* Inserts @html at the cursor the way pasting it does. */
void aushang_paste_insert_html       (GtkTextView *view,
                                      const char  *html,
                                      gssize       length);

G_END_DECLS
