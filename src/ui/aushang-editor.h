/* aushang-editor.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "aushang-document.h"
#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_EDITOR (aushang_editor_get_type ())

G_DECLARE_FINAL_TYPE (AushangEditor, aushang_editor, AUSHANG, EDITOR, AdwBin)

/* The body of a document: a GtkSourceView with the Markdown language, a
 * style scheme that follows light/dark, undo/redo, find and replace, a
 * formatting toolbar (bold, italic, heading, list, link, image, quote;
 * Ctrl+B, Ctrl+I, …) and "Insert building block" with a small form per
 * block of the site's _includes. ::changed is emitted on every change of
 * the text; the text reaches the document with aushang_editor_sync(). */
GtkWidget       *aushang_editor_new          (void);
void             aushang_editor_set_document (AushangEditor   *self,
                                              AushangSite     *site,
                                              AushangDocument *document);
/* Writes the buffer's text into the document's body (cheap when
 * unchanged). */
void             aushang_editor_sync         (AushangEditor   *self);
GtkSourceBuffer *aushang_editor_get_buffer   (AushangEditor   *self);
GtkSourceView   *aushang_editor_get_view     (AushangEditor   *self);
/* Makes ready what the text needs only when shown (its highlighting). */
void             aushang_editor_prepare      (AushangEditor   *self);
/* The heading level the Heading button inserts: the one the documents of
 * the site (of the document's collection) use for their sections. */
guint            aushang_editor_get_section_level (AushangEditor *self);
/* Inserts a building block's Liquid tag at the cursor, on its own line:
 * {% include NAME key="value" … %} (@params: name -> value). */
void             aushang_editor_insert_block (AushangEditor   *self,
                                              const char      *name,
                                              GHashTable      *params);

G_END_DECLS
