/* aushang-value.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-value"

#include "config.h"

#include <math.h>
#include <string.h>

#include "aushang-value.h"

struct _AushangValue
{
  gatomicrefcount   ref_count;
  AushangValueKind  kind;
  union {
    gboolean  boolean;
    gint64    integer;
    double    number;
    char     *string;
    struct {
      int      year, month, day, hour, minute;
      double   seconds;
      gboolean has_offset;
      int      utc_offset;
    } date;
    struct {
      GPtrArray *items;
      GPtrArray *keys;   /* for maps: one key per item */
    } collection;
  } u;
};

G_DEFINE_BOXED_TYPE (AushangValue, aushang_value, aushang_value_ref, aushang_value_unref)

static AushangValue *
value_new (AushangValueKind kind)
{
  AushangValue *self = g_new0 (AushangValue, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;

  return self;
}

AushangValue *
aushang_value_new_null (void)
{
  return value_new (AUSHANG_VALUE_NULL);
}

AushangValue *
aushang_value_new_boolean (gboolean value)
{
  AushangValue *self = value_new (AUSHANG_VALUE_BOOLEAN);

  self->u.boolean = !!value;

  return self;
}

AushangValue *
aushang_value_new_integer (gint64 value)
{
  AushangValue *self = value_new (AUSHANG_VALUE_INTEGER);

  self->u.integer = value;

  return self;
}

AushangValue *
aushang_value_new_float (double value)
{
  AushangValue *self = value_new (AUSHANG_VALUE_FLOAT);

  self->u.number = value;

  return self;
}

AushangValue *
aushang_value_new_string (const char *value)
{
  AushangValue *self = value_new (AUSHANG_VALUE_STRING);

  self->u.string = g_strdup (value ? value : "");

  return self;
}

AushangValue *
aushang_value_new_date (int year,
                        int month,
                        int day)
{
  AushangValue *self = value_new (AUSHANG_VALUE_DATE);

  self->u.date.year = year;
  self->u.date.month = month;
  self->u.date.day = day;

  return self;
}

AushangValue *
aushang_value_new_datetime (int      year,
                            int      month,
                            int      day,
                            int      hour,
                            int      minute,
                            double   seconds,
                            gboolean has_offset,
                            int      utc_offset)
{
  AushangValue *self = value_new (AUSHANG_VALUE_DATETIME);

  self->u.date.year = year;
  self->u.date.month = month;
  self->u.date.day = day;
  self->u.date.hour = hour;
  self->u.date.minute = minute;
  self->u.date.seconds = seconds;
  self->u.date.has_offset = !!has_offset;
  self->u.date.utc_offset = has_offset ? utc_offset : 0;

  return self;
}

AushangValue *
aushang_value_new_list (void)
{
  AushangValue *self = value_new (AUSHANG_VALUE_LIST);

  self->u.collection.items = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);

  return self;
}

AushangValue *
aushang_value_new_map (void)
{
  AushangValue *self = value_new (AUSHANG_VALUE_MAP);

  self->u.collection.items = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
  self->u.collection.keys = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
aushang_value_list_append (AushangValue *list,
                           AushangValue *item)
{
  g_return_if_fail (list != NULL && list->kind == AUSHANG_VALUE_LIST);
  g_return_if_fail (item != NULL);

  g_ptr_array_add (list->u.collection.items, item);
}

void
aushang_value_map_insert (AushangValue *map,
                          const char   *key,
                          AushangValue *item)
{
  g_return_if_fail (map != NULL && map->kind == AUSHANG_VALUE_MAP);
  g_return_if_fail (item != NULL);

  g_ptr_array_add (map->u.collection.keys, g_strdup (key ? key : ""));
  g_ptr_array_add (map->u.collection.items, item);
}

AushangValue *
aushang_value_ref (AushangValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
aushang_value_unref (AushangValue *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  switch (self->kind)
    {
    case AUSHANG_VALUE_STRING:
      g_free (self->u.string);
      break;

    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      g_clear_pointer (&self->u.collection.items, g_ptr_array_unref);
      g_clear_pointer (&self->u.collection.keys, g_ptr_array_unref);
      break;

    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    default:
      break;
    }

  g_free (self);
}

AushangValueKind
aushang_value_get_kind (const AushangValue *self)
{
  g_return_val_if_fail (self != NULL, AUSHANG_VALUE_NULL);

  return self->kind;
}

gboolean
aushang_value_get_boolean (const AushangValue *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->kind == AUSHANG_VALUE_BOOLEAN && self->u.boolean;
}

gint64
aushang_value_get_integer (const AushangValue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kind == AUSHANG_VALUE_INTEGER ? self->u.integer : 0;
}

double
aushang_value_get_float (const AushangValue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->kind == AUSHANG_VALUE_INTEGER)
    return (double) self->u.integer;

  return self->kind == AUSHANG_VALUE_FLOAT ? self->u.number : 0;
}

const char *
aushang_value_get_string (const AushangValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kind == AUSHANG_VALUE_STRING ? self->u.string : NULL;
}

void
aushang_value_get_date (const AushangValue *self,
                        int                *year,
                        int                *month,
                        int                *day)
{
  gboolean is_date;

  g_return_if_fail (self != NULL);

  is_date = self->kind == AUSHANG_VALUE_DATE || self->kind == AUSHANG_VALUE_DATETIME;

  if (year)
    *year = is_date ? self->u.date.year : 0;
  if (month)
    *month = is_date ? self->u.date.month : 0;
  if (day)
    *day = is_date ? self->u.date.day : 0;
}

gboolean
aushang_value_get_has_offset (const AushangValue *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->kind == AUSHANG_VALUE_DATETIME && self->u.date.has_offset;
}

GDateTime *
aushang_value_dup_date_time (const AushangValue *self)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == AUSHANG_VALUE_DATE)
    return g_date_time_new_utc (self->u.date.year, self->u.date.month, self->u.date.day, 0, 0, 0);

  if (self->kind != AUSHANG_VALUE_DATETIME)
    return NULL;

  tz = g_time_zone_new_offset (self->u.date.utc_offset);

  return g_date_time_new (tz,
                          self->u.date.year, self->u.date.month, self->u.date.day,
                          self->u.date.hour, self->u.date.minute, self->u.date.seconds);
}

guint
aushang_value_get_length (const AushangValue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->kind == AUSHANG_VALUE_LIST || self->kind == AUSHANG_VALUE_MAP)
    return self->u.collection.items->len;

  return 0;
}

AushangValue *
aushang_value_get_item (const AushangValue *self,
                        guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < aushang_value_get_length (self), NULL);

  return g_ptr_array_index (self->u.collection.items, index);
}

const char *
aushang_value_get_key (const AushangValue *self,
                       guint               index)
{
  g_return_val_if_fail (self != NULL && self->kind == AUSHANG_VALUE_MAP, NULL);
  g_return_val_if_fail (index < self->u.collection.keys->len, NULL);

  return g_ptr_array_index (self->u.collection.keys, index);
}

AushangValue *
aushang_value_lookup (const AushangValue *self,
                      const char         *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->kind != AUSHANG_VALUE_MAP)
    return NULL;

  for (guint i = self->u.collection.keys->len; i > 0; i--)
    {
      if (g_strcmp0 (g_ptr_array_index (self->u.collection.keys, i - 1), key) == 0)
        return g_ptr_array_index (self->u.collection.items, i - 1);
    }

  return NULL;
}

static gboolean
is_scalar (const AushangValue *self)
{
  return self->kind != AUSHANG_VALUE_LIST && self->kind != AUSHANG_VALUE_MAP;
}

char **
aushang_value_dup_strv (const AushangValue *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == AUSHANG_VALUE_MAP)
    return NULL;

  builder = g_strv_builder_new ();

  if (self->kind == AUSHANG_VALUE_LIST)
    {
      for (guint i = 0; i < self->u.collection.items->len; i++)
        {
          const AushangValue *item = g_ptr_array_index (self->u.collection.items, i);

          if (!is_scalar (item))
            return NULL;

          if (item->kind != AUSHANG_VALUE_NULL)
            {
              g_autofree char *text = aushang_value_to_display (item);

              g_strv_builder_add (builder, text);
            }
        }
    }
  else if (self->kind != AUSHANG_VALUE_NULL)
    {
      g_autofree char *text = aushang_value_to_display (self);

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

gboolean
aushang_value_equal (const AushangValue *a,
                     const AushangValue *b)
{
  if (a == b)
    return TRUE;

  if (a == NULL || b == NULL || a->kind != b->kind)
    return FALSE;

  switch (a->kind)
    {
    case AUSHANG_VALUE_NULL:
      return TRUE;

    case AUSHANG_VALUE_BOOLEAN:
      return a->u.boolean == b->u.boolean;

    case AUSHANG_VALUE_INTEGER:
      return a->u.integer == b->u.integer;

    case AUSHANG_VALUE_FLOAT:
      return a->u.number == b->u.number || (isnan (a->u.number) && isnan (b->u.number));

    case AUSHANG_VALUE_STRING:
      return strcmp (a->u.string, b->u.string) == 0;

    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      return a->u.date.year == b->u.date.year &&
             a->u.date.month == b->u.date.month &&
             a->u.date.day == b->u.date.day &&
             a->u.date.hour == b->u.date.hour &&
             a->u.date.minute == b->u.date.minute &&
             a->u.date.seconds == b->u.date.seconds &&
             a->u.date.has_offset == b->u.date.has_offset &&
             a->u.date.utc_offset == b->u.date.utc_offset;

    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      if (a->u.collection.items->len != b->u.collection.items->len)
        return FALSE;

      for (guint i = 0; i < a->u.collection.items->len; i++)
        {
          if (a->kind == AUSHANG_VALUE_MAP &&
              strcmp (g_ptr_array_index (a->u.collection.keys, i),
                      g_ptr_array_index (b->u.collection.keys, i)) != 0)
            return FALSE;

          if (!aushang_value_equal (g_ptr_array_index (a->u.collection.items, i),
                                    g_ptr_array_index (b->u.collection.items, i)))
            return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');

  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }

  g_string_append_c (out, '"');
}

static void
append_date_text (GString            *out,
                  const AushangValue *self)
{
  /* Four year digits after the sign: Psych reads "-101-11-04" as text,
   * "-0101-11-04" as the date (found by the fuzzer). */
  g_string_append_printf (out, "%s%04d-%02d-%02d", self->u.date.year < 0 ? "-" : "",
                          ABS (self->u.date.year), self->u.date.month, self->u.date.day);

  if (self->kind == AUSHANG_VALUE_DATETIME)
    {
      double seconds = self->u.date.seconds;
      int whole = (int) floor (seconds);

      g_string_append_printf (out, " %02d:%02d:%02d",
                              self->u.date.hour, self->u.date.minute, whole);

      if (seconds - whole > 0)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          const char *frac;

          g_ascii_formatd (buf, sizeof buf, "%.6f", seconds - whole);
          frac = strchr (buf, '.');
          if (frac != NULL)
            {
              g_autofree char *trimmed = g_strdup (frac);
              gsize len = strlen (trimmed);

              while (len > 2 && trimmed[len - 1] == '0')
                trimmed[--len] = '\0';
              g_string_append (out, trimmed);
            }
        }

      if (self->u.date.has_offset)
        {
          int offset = self->u.date.utc_offset;
          char sign = offset < 0 ? '-' : '+';

          offset = ABS (offset);
          g_string_append_printf (out, " %c%02d:%02d", sign, offset / 3600, (offset % 3600) / 60);
        }
    }
}

static void
append_float_text (GString *out,
                   double   number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (number))
    g_string_append (out, ".nan");
  else if (isinf (number))
    g_string_append (out, number > 0 ? ".inf" : "-.inf");
  else
    {
      /* The shortest text that reads back as the same number, as Ruby
       * prints floats: 1.1 (not 1.1000000000000001), 100000.0, 1.0e+20. */
      gboolean fixed = fabs (number) >= 1e-4 && fabs (number) < 1e16;

      for (int precision = 1; precision <= 17; precision++)
        {
          char format[8];

          g_snprintf (format, sizeof format, fixed ? "%%.%df" : "%%.%dg", precision);
          g_ascii_formatd (buf, sizeof buf, format, number);
          if (g_ascii_strtod (buf, NULL) == number)
            break;
        }
      /* Psych reads an exponent without a point ("1e+20") as a string:
       * the mantissa always gets one ("1.0e+20"). */
      if (strchr (buf, '.') == NULL)
        {
          char *e = strpbrk (buf, "eE");

          if (e != NULL)
            {
              g_string_append_len (out, buf, e - buf);
              g_string_append (out, ".0");
              g_string_append (out, e);
            }
          else
            {
              g_string_append (out, buf);
              g_string_append (out, ".0");
            }
        }
      else
        g_string_append (out, buf);
    }
}

static void
append_json (GString            *out,
             const AushangValue *self)
{
  switch (self->kind)
    {
    case AUSHANG_VALUE_NULL:
      g_string_append (out, "null");
      break;

    case AUSHANG_VALUE_BOOLEAN:
      g_string_append (out, self->u.boolean ? "true" : "false");
      break;

    case AUSHANG_VALUE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, self->u.integer);
      break;

    case AUSHANG_VALUE_FLOAT:
      if (isnan (self->u.number) || isinf (self->u.number))
        g_string_append (out, "null");
      else
        append_float_text (out, self->u.number);
      break;

    case AUSHANG_VALUE_STRING:
      append_json_string (out, self->u.string);
      break;

    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        append_date_text (text, self);
        append_json_string (out, text->str);
      }
      break;

    case AUSHANG_VALUE_LIST:
      g_string_append_c (out, '[');
      for (guint i = 0; i < self->u.collection.items->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_json (out, g_ptr_array_index (self->u.collection.items, i));
        }
      g_string_append_c (out, ']');
      break;

    case AUSHANG_VALUE_MAP:
      g_string_append_c (out, '{');
      for (guint i = 0; i < self->u.collection.items->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_json_string (out, g_ptr_array_index (self->u.collection.keys, i));
          g_string_append_c (out, ':');
          append_json (out, g_ptr_array_index (self->u.collection.items, i));
        }
      g_string_append_c (out, '}');
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
aushang_value_to_json (const AushangValue *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  append_json (out, self);

  return g_string_free (out, FALSE);
}

char *
aushang_value_to_display (const AushangValue *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  /* The common case (every key of a map) without a GString. */
  if (self->kind == AUSHANG_VALUE_STRING)
    return g_strdup (self->u.string);

  out = g_string_new (NULL);

  switch (self->kind)
    {
    case AUSHANG_VALUE_NULL:
      break;

    case AUSHANG_VALUE_BOOLEAN:
      g_string_append (out, self->u.boolean ? "true" : "false");
      break;

    case AUSHANG_VALUE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, self->u.integer);
      break;

    case AUSHANG_VALUE_FLOAT:
      append_float_text (out, self->u.number);
      break;

    case AUSHANG_VALUE_STRING:
      g_string_append (out, self->u.string);
      break;

    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      append_date_text (out, self);
      break;

    case AUSHANG_VALUE_LIST:
      for (guint i = 0; i < self->u.collection.items->len; i++)
        {
          g_autofree char *item = aushang_value_to_display (g_ptr_array_index (self->u.collection.items, i));

          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, item);
        }
      break;

    case AUSHANG_VALUE_MAP:
      append_json (out, self);
      break;

    default:
      g_assert_not_reached ();
    }

  return g_string_free (out, FALSE);
}

const char *
aushang_value_kind_to_string (AushangValueKind kind)
{
  switch (kind)
    {
    case AUSHANG_VALUE_NULL:     return "null";
    case AUSHANG_VALUE_BOOLEAN:  return "boolean";
    case AUSHANG_VALUE_INTEGER:  return "integer";
    case AUSHANG_VALUE_FLOAT:    return "float";
    case AUSHANG_VALUE_STRING:   return "string";
    case AUSHANG_VALUE_DATE:     return "date";
    case AUSHANG_VALUE_DATETIME: return "datetime";
    case AUSHANG_VALUE_LIST:     return "list";
    case AUSHANG_VALUE_MAP:      return "map";
    default:                     return "unknown";
    }
}
