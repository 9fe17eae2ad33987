/* aushang-schema.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aushang-value.h"

G_BEGIN_DECLS

typedef enum
{
  AUSHANG_FIELD_TEXT,
  AUSHANG_FIELD_LONG_TEXT,
  AUSHANG_FIELD_DATE,
  AUSHANG_FIELD_DATETIME,
  AUSHANG_FIELD_LIST,
  AUSHANG_FIELD_BOOLEAN,
  AUSHANG_FIELD_IMAGE,
  AUSHANG_FIELD_NUMBER,
  AUSHANG_FIELD_YAML,
} AushangFieldKind;

/* One field of a collection's form. Owned by its AushangSchema. */
typedef struct
{
  char             *key;         /* as written in the newest documents ("authors"
                                  * rather than "author" when both are used) */
  char             *alias;       /* the other spelling merged into it ("author"),
                                  * or NULL; Jekyll reads both */
  AushangFieldKind  kind;
  guint             count;       /* documents that have the key or its alias */
  double            frequency;   /* count / documents (0 when there are none) */
  gboolean          required;    /* "title", or in >= 95% of >= 3 documents */
  GPtrArray        *suggestions; /* char*: for lists, and short texts whose values
                                  * repeat (at most 3 distinct values, or at most
                                  * one per two documents), the distinct values,
                                  * most used first (at most 50); never NULL,
                                  * empty otherwise (and for title, permalink) */
  char             *example;     /* the newest document's value as display text,
                                  * or NULL */
} AushangField;

#define AUSHANG_TYPE_SCHEMA (aushang_schema_get_type ())

G_DECLARE_FINAL_TYPE (AushangSchema, aushang_schema, AUSHANG, SCHEMA, GObject)

/* Infers the fields of one collection from its documents' front matters
 * (AushangValue* maps, newest document first; entries that are NULL or not
 * a map, such as documents whose front matter could not be read, are
 * skipped and not counted). Keys Jekyll and common themes give a meaning
 * (title, date, authors, categories, header_image, published, …) get their
 * natural kind even when rare; other keys get the kind their values show.
 * "title" is always a field, even for a collection without documents. */
AushangSchema    *aushang_schema_infer            (GPtrArray        *front_matters);

/* AushangField*, in the form's order: title, teaser, date, authors,
 * categories, tags, header image and its credit, published, then the other
 * keys in the order the documents use them, then layout and permalink. */
GPtrArray        *aushang_schema_get_fields       (AushangSchema    *self);
/* The field for @key_or_alias ("author" finds the "authors" field), or NULL. */
AushangField     *aushang_schema_get_field        (AushangSchema    *self,
                                                   const char       *key_or_alias);
guint             aushang_schema_get_n_documents  (AushangSchema    *self);

/* "text", "long-text", "date", "datetime", "list", "boolean", "image",
 * "number", "yaml". */
const char       *aushang_field_kind_to_string    (AushangFieldKind  kind);

G_END_DECLS
