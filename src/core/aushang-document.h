/* aushang-document.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-front-matter.h"

G_BEGIN_DECLS

#define AUSHANG_DOCUMENT_ERROR (aushang_document_error_quark ())

typedef enum
{
  AUSHANG_DOCUMENT_ERROR_NO_FRONT_MATTER,
  AUSHANG_DOCUMENT_ERROR_UNCLOSED,
  AUSHANG_DOCUMENT_ERROR_CHANGED_ON_DISK,
  AUSHANG_DOCUMENT_ERROR_TOO_LARGE,
  AUSHANG_DOCUMENT_ERROR_NOT_TEXT,
} AushangDocumentError;

GQuark aushang_document_error_quark (void);

#define AUSHANG_TYPE_DOCUMENT (aushang_document_get_type ())

G_DECLARE_FINAL_TYPE (AushangDocument, aushang_document, AUSHANG, DOCUMENT, GObject)

/* Documents larger than this are refused with a clear message. */
#define AUSHANG_DOCUMENT_MAX_SIZE (64 * 1024 * 1024)

AushangDocument    *aushang_document_new               (void);
/* Reads a document from its bytes. Never fails on content: a file without
 * front matter or with broken YAML still loads (see get_problem). */
AushangDocument    *aushang_document_new_from_data     (const char       *data,
                                                        gsize             length);
/* Reads a document from a file: only a regular file of at most
 * AUSHANG_DOCUMENT_MAX_SIZE bytes that is text (see is_text). */
AushangDocument    *aushang_document_load              (GFile            *file,
                                                        GError          **error);
/* Whether @data is text Aushang may open and rewrite: no NUL bytes, and
 * front matter (if any) in UTF-8. */
gboolean            aushang_document_is_text           (const char       *data,
                                                        gsize             length);
/* A document for @file with @contents instead of what is on disk (unsaved
 * text from the recovery area): modified, and saving it checks against the
 * file as it is on disk now. */
AushangDocument    *aushang_document_restore           (GFile            *file,
                                                        GBytes           *contents);
gboolean            aushang_document_save              (AushangDocument  *self,
                                                        GError          **error);
/* Saves to another file (a new document's first save); becomes its file. */
gboolean            aushang_document_save_as           (AushangDocument  *self,
                                                        GFile            *file,
                                                        GError          **error);

/* Saves even though the file changed on disk since it was read (after the
 * person chose to overwrite the other change). */
gboolean            aushang_document_save_overwrite    (AushangDocument  *self,
                                                        GError          **error);
/* Moves the saved document to @file (never over an existing file). */
gboolean            aushang_document_rename            (AushangDocument  *self,
                                                        GFile            *file,
                                                        GError          **error);

GFile              *aushang_document_get_file          (AushangDocument  *self);
gboolean            aushang_document_get_has_front_matter (AushangDocument *self);
AushangFrontMatter *aushang_document_get_front_matter  (AushangDocument  *self);
const char         *aushang_document_get_body          (AushangDocument  *self);
void                aushang_document_set_body          (AushangDocument  *self,
                                                        const char       *body);
/* The line (1-based) of the file where the body starts. */
guint               aushang_document_get_body_line     (AushangDocument  *self);
/* "\n" or "\r\n", whichever the file uses (the first line break decides). */
const char         *aushang_document_get_line_ending   (AushangDocument  *self);
gboolean            aushang_document_get_has_bom       (AushangDocument  *self);
gboolean            aushang_document_get_modified      (AushangDocument  *self);
void                aushang_document_set_modified      (AushangDocument  *self,
                                                        gboolean          modified);
/* The whole file as it would be written now. */
GBytes             *aushang_document_serialize         (AushangDocument  *self);

/* What stops the front matter from being read or edited, or NULL: the
 * front matter's own YAML error, or an unclosed "---". Line and column are
 * of the file, 1-based. */
const GError       *aushang_document_get_problem       (AushangDocument  *self,
                                                        guint            *line,
                                                        guint            *column);
/* Whether field edits are possible (front matter present and readable). */
gboolean            aushang_document_can_edit_fields   (AushangDocument  *self,
                                                        GError          **error);

G_END_DECLS
