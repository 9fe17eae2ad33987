/* aushang-front-matter.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aushang-value.h"
#include "aushang-yaml.h"

G_BEGIN_DECLS

#define AUSHANG_FRONT_MATTER_ERROR (aushang_front_matter_error_quark ())

typedef enum
{
  AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
  AUSHANG_FRONT_MATTER_ERROR_NOT_A_MAPPING,
  AUSHANG_FRONT_MATTER_ERROR_TOO_COMPLEX,
  AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
  AUSHANG_FRONT_MATTER_ERROR_INVALID_KEY,
} AushangFrontMatterError;

GQuark aushang_front_matter_error_quark (void);

#define AUSHANG_TYPE_FRONT_MATTER (aushang_front_matter_get_type ())

G_DECLARE_FINAL_TYPE (AushangFrontMatter, aushang_front_matter, AUSHANG, FRONT_MATTER, GObject)

/* The YAML between the two "---" lines, kept byte for byte. @first_line is
 * the line number (1-based) of its first line in the file, so diagnostics
 * name lines of the file. @eol is the document's line ending. */
AushangFrontMatter *aushang_front_matter_new          (const char          *text,
                                                       gsize                length,
                                                       guint                first_line,
                                                       const char          *eol);

const char         *aushang_front_matter_get_text     (AushangFrontMatter  *self,
                                                       gsize               *length);
/* NULL when the YAML was read; otherwise why not, with line and column. */
const GError       *aushang_front_matter_get_error    (AushangFrontMatter  *self);
guint               aushang_front_matter_get_error_line   (AushangFrontMatter *self);
guint               aushang_front_matter_get_error_column (AushangFrontMatter *self);

/* The top-level keys in file order (without repeats), NULL-terminated. */
char              **aushang_front_matter_dup_keys     (AushangFrontMatter  *self);
gboolean            aushang_front_matter_has_key      (AushangFrontMatter  *self,
                                                       const char          *key);
/* The value Jekyll reads for @key (the last one where a key is repeated). */
AushangValue       *aushang_front_matter_get         (AushangFrontMatter  *self,
                                                       const char          *key);
/* The whole front matter as a map value. */
AushangValue       *aushang_front_matter_get_data     (AushangFrontMatter  *self);
/* File line (1-based) of @key, 0 when absent. */
guint               aushang_front_matter_get_key_line (AushangFrontMatter  *self,
                                                       const char          *key);
/* How often a key appears (more than once is a mistake Jekyll forgives). */
guint               aushang_front_matter_count_key    (AushangFrontMatter  *self,
                                                       const char          *key);
/* Whether the form can edit the value as a scalar or a list of scalars
 * (nested maps and lists of maps are kept as YAML). */
gboolean            aushang_front_matter_is_simple    (AushangFrontMatter  *self,
                                                       const char          *key);

/* Edits. Each leaves every byte outside the edited entry untouched and does
 * nothing when the value is already the one given. They refuse (and change
 * nothing) while the YAML cannot be read. New keys go at the end. */
gboolean            aushang_front_matter_set_string   (AushangFrontMatter  *self,
                                                       const char          *key,
                                                       const char          *value,
                                                       GError             **error);
gboolean            aushang_front_matter_set_value    (AushangFrontMatter  *self,
                                                       const char          *key,
                                                       AushangValue        *value,
                                                       GError             **error);
gboolean            aushang_front_matter_set_strv     (AushangFrontMatter  *self,
                                                       const char          *key,
                                                       const char * const  *values,
                                                       GError             **error);
gboolean            aushang_front_matter_remove       (AushangFrontMatter  *self,
                                                       const char          *key,
                                                       GError             **error);
/* Takes over another document's way of writing (quotes, list style) for
 * values this one has no example of yet. */
void                aushang_front_matter_adopt_style  (AushangFrontMatter *self,
                                                       AushangFrontMatter *model);
/* The order new keys should take among the present ones (the order the
 * collection's documents use); without it they go at the end. */
void                aushang_front_matter_set_key_order (AushangFrontMatter *self,
                                                       const char * const *order);
/* Replaces the whole YAML text (the "Edit as YAML" view): refused with the
 * parse error, and nothing changed, when @text is not valid front matter. */
gboolean            aushang_front_matter_replace_text (AushangFrontMatter  *self,
                                                       const char          *text,
                                                       GError             **error);

G_END_DECLS
