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
  /* Only in data lists (aushang_schema_infer_entries): */
  AUSHANG_FIELD_TIME,       /* "16:30" */
  AUSHANG_FIELD_DURATION,   /* "1,5 Stunden", "90 Minuten", "2 h" */
  AUSHANG_FIELD_URL,        /* https://… or a path of the site ("/beitraege/x/") */
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
  gboolean          required;    /* in >= 95% of >= 3 documents; "title" when
                                  * at least half the documents have one, or
                                  * there are none yet */
  GPtrArray        *suggestions; /* char*: for lists, and short texts whose values
                                  * repeat (at most 3 distinct values, or at most
                                  * one per two documents), the distinct values,
                                  * most used first (at most 50); never NULL,
                                  * empty otherwise (and for title, permalink) */
  char             *example;     /* the newest document's value as display text,
                                  * or NULL */

  /* Data lists only (aushang_schema_infer_entries); empty otherwise. */
  gboolean          choice;      /* few distinct values that repeat (category,
                                  * cost): offer them as choices */
  char             *form;        /* DATE, DATETIME and TIME: how the list writes
                                  * its values, as a strftime format ("%Y-%m-%d",
                                  * "%d.%m.%Y", "%H:%M"), or NULL */
  gboolean          as_text;     /* DATE, DATETIME: the values are quoted text
                                  * ("2025-06-17"), not YAML dates */
  double            step;        /* NUMBER: the constant step between the
                                  * entries' values in file order, or 0 */
  AushangValue     *next;        /* NUMBER with a step: the value a new entry
                                  * gets; NULL otherwise */
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

/* Infers the fields of a data list from its entries (AushangValue* maps,
 * in file order; other values are skipped). Unlike a collection's schema
 * there is no title field unless the entries have one, and the fields keep
 * the order the entries write them in. Besides the kinds documents know,
 * entries show times, durations, URLs and site paths, dates in the form the
 * list writes them (see AushangField.form), choices, and numbers that grow
 * by a constant step. Required means present in nearly every entry (95% of
 * at least 3). */
AushangSchema    *aushang_schema_infer_entries    (GPtrArray        *entries);

/* How a date is written: a strftime format for the text ("%Y-%m-%d",
 * "%Y-%m-%d %H:%M", "%d.%m.%Y", "%-d.%-m.%Y", "%Y-%-m-%-d"), *as_text FALSE
 * for a YAML date or time (2025-06-17 without quotes). NULL when @value is
 * not a date in any of these forms. */
char             *aushang_schema_date_form        (const AushangValue *value,
                                                   gboolean         *as_text);
/* Writes @date in @form (a format from aushang_schema_date_form; "%-d" and
 * "%-m" are without a leading zero). */
char             *aushang_schema_format_date      (GDateTime        *date,
                                                   const char       *form);
/* Reads a duration as people write it ("1,5 Stunden", "3 Stunden",
 * "90 Minuten", "2 h", "45 min", "1 Std. 30 Min.", "1:30 h"), in minutes. */
gboolean          aushang_schema_parse_duration   (const char       *text,
                                                   guint            *minutes);
/* Whether a date field's @value is edited with a time (DATETIME) or as a
 * day alone (DATE): a value that is a date without time (2016-05-12, or
 * "2016-05-12" as text) is a day, whatever the other documents hold, and
 * one with a time keeps its time; without a readable value, the field's
 * kind decides. */
AushangFieldKind  aushang_schema_date_kind_of_value (AushangFieldKind    field_kind,
                                                     const AushangValue *value);
/* Whether @text is a time of day written as H:MM or HH:MM. */
gboolean          aushang_schema_is_time          (const char       *text);

/* AushangField*, in the form's order: title, teaser, date, authors,
 * categories, tags, header image and its credit, published, then the other
 * keys in the order the documents use them, then layout and permalink. */
GPtrArray        *aushang_schema_get_fields       (AushangSchema    *self);
/* The field for @key_or_alias ("author" finds the "authors" field), or NULL. */
AushangField     *aushang_schema_get_field        (AushangSchema    *self,
                                                   const char       *key_or_alias);
guint             aushang_schema_get_n_documents  (AushangSchema    *self);

/* The key that names the documents of a collection whose documents have no
 * title (people by "name", jobs by "title_slug"): a key other than title
 * whose value is a short single-line text in (nearly) every document
 * (90%, or all but one of at least 5), (nearly) always different (90%),
 * never a link, an address, a list or a long text; name-like keys (name,
 * title_slug, titel, headline, …, then any key with "name" or "title" in
 * it) before others. NULL when no key does. */
char             *aushang_schema_guess_name_key   (GPtrArray        *front_matters);

/* "text", "long-text", "date", "datetime", "list", "boolean", "image",
 * "number", "yaml", "time", "duration", "url". */
const char       *aushang_field_kind_to_string    (AushangFieldKind  kind);

G_END_DECLS
