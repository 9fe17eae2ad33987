/* aushang-document-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-field-row.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_DOCUMENT_ROW (aushang_document_row_get_type ())

G_DECLARE_FINAL_TYPE (AushangDocumentRow, aushang_document_row, AUSHANG, DOCUMENT_ROW, AdwActionRow)

/* A field whose value names another document of the site by its file
 * name without extension (related_post: rueckblick-repair-cafe): shows
 * that document's title, offers the site's documents to pick from
 * (searched by title) and opens the one named ("win.open-document" with
 * its URI). A name that is no document shows as such. */
GtkWidget *aushang_document_row_new    (AushangFieldContext *context,
                                        const char          *key,
                                        const char          *schema_key,
                                        const char          *label,
                                        gboolean             required,
                                        AushangValue        *value);
/* Whether @key's @value (a string, or none yet) is shown by this row:
 * the site's documents use @key to name other documents. */
gboolean   aushang_document_row_can_show (AushangFieldContext *context,
                                          const char          *key,
                                          AushangValue        *value);
/* Stores @name (NULL: removes the key), as picking it does. */
void       aushang_document_row_pick   (AushangDocumentRow  *self,
                                        const char          *name);
/* The document the value names, or NULL. */
GFile     *aushang_document_row_get_target (AushangDocumentRow *self);
/* The documents the picker lists for @search (GFile*). For tests. */
GPtrArray *aushang_document_row_search (AushangDocumentRow  *self,
                                        const char          *search);

G_END_DECLS
