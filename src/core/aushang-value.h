/* aushang-value.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A typed YAML value as Jekyll 4.3 reads it (Psych with YAML 1.1 rules). */
typedef enum
{
  AUSHANG_VALUE_NULL,
  AUSHANG_VALUE_BOOLEAN,
  AUSHANG_VALUE_INTEGER,
  AUSHANG_VALUE_FLOAT,
  AUSHANG_VALUE_STRING,
  AUSHANG_VALUE_DATE,
  AUSHANG_VALUE_DATETIME,
  AUSHANG_VALUE_LIST,
  AUSHANG_VALUE_MAP,
} AushangValueKind;

typedef struct _AushangValue AushangValue;

#define AUSHANG_TYPE_VALUE (aushang_value_get_type ())

GType             aushang_value_get_type         (void) G_GNUC_CONST;

AushangValue     *aushang_value_new_null         (void);
AushangValue     *aushang_value_new_boolean      (gboolean            value);
AushangValue     *aushang_value_new_integer      (gint64              value);
AushangValue     *aushang_value_new_float        (double              value);
AushangValue     *aushang_value_new_string       (const char         *value);
AushangValue     *aushang_value_new_date         (int                 year,
                                                  int                 month,
                                                  int                 day);
/* utc_offset in seconds; has_offset FALSE means "no zone given" (Psych: UTC). */
AushangValue     *aushang_value_new_datetime     (int                 year,
                                                  int                 month,
                                                  int                 day,
                                                  int                 hour,
                                                  int                 minute,
                                                  double              seconds,
                                                  gboolean            has_offset,
                                                  int                 utc_offset);
AushangValue     *aushang_value_new_list         (void);
AushangValue     *aushang_value_new_map          (void);

/* Builders, only for values not yet shared. They take ownership of @item. */
void              aushang_value_list_append      (AushangValue       *list,
                                                  AushangValue       *item);
void              aushang_value_map_insert       (AushangValue       *map,
                                                  const char         *key,
                                                  AushangValue       *item);

AushangValue     *aushang_value_ref              (AushangValue       *self);
void              aushang_value_unref            (AushangValue       *self);

AushangValueKind  aushang_value_get_kind         (const AushangValue *self);
gboolean          aushang_value_get_boolean      (const AushangValue *self);
gint64            aushang_value_get_integer      (const AushangValue *self);
double            aushang_value_get_float        (const AushangValue *self);
const char       *aushang_value_get_string       (const AushangValue *self);
void              aushang_value_get_date         (const AushangValue *self,
                                                  int                *year,
                                                  int                *month,
                                                  int                *day);
/* A new GDateTime for a DATE or DATETIME value (dates at midnight UTC). */
GDateTime        *aushang_value_dup_date_time    (const AushangValue *self);
gboolean          aushang_value_get_has_offset   (const AushangValue *self);

guint             aushang_value_get_length       (const AushangValue *self);
AushangValue     *aushang_value_get_item         (const AushangValue *self,
                                                  guint               index);
const char       *aushang_value_get_key          (const AushangValue *self,
                                                  guint               index);
/* The last value stored under @key in a map, as YAML does with duplicates. */
AushangValue     *aushang_value_lookup           (const AushangValue *self,
                                                  const char         *key);

/* A list of strings (NULL-terminated) when the value is a list whose items
 * are all scalars, or a single scalar; NULL otherwise. */
char            **aushang_value_dup_strv         (const AushangValue *self);

gboolean          aushang_value_equal            (const AushangValue *a,
                                                  const AushangValue *b);
/* JSON, the way Jekyll's jsonify prints the value (dates as ISO strings). */
char             *aushang_value_to_json          (const AushangValue *self);
/* A short text for people: strings as they are, lists joined by ", ". */
char             *aushang_value_to_display       (const AushangValue *self);
const char       *aushang_value_kind_to_string   (AushangValueKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangValue, aushang_value_unref)

G_END_DECLS
