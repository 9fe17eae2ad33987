/* aushang-liquid-value.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-liquid"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aushang-liquid-private.h"
#include "aushang-yaml.h"

/* Values the way Ruby and Liquid see them: truthiness, text, equality,
 * ordering, lookups and numbers. */

gboolean
liquid_is_nil (const AushangValue *value)
{
  return value == NULL || aushang_value_get_kind (value) == AUSHANG_VALUE_NULL;
}

gboolean
liquid_truthy (const AushangValue *value)
{
  if (liquid_is_nil (value))
    return FALSE;
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_BOOLEAN)
    return aushang_value_get_boolean (value);
  return TRUE;
}

gboolean
liquid_is_number (const AushangValue *value)
{
  AushangValueKind kind = value != NULL ? aushang_value_get_kind (value) : AUSHANG_VALUE_NULL;

  return kind == AUSHANG_VALUE_INTEGER || kind == AUSHANG_VALUE_FLOAT;
}

AushangValue *
liquid_ref_or_nil (AushangValue *value)
{
  return liquid_is_nil (value) ? NULL : aushang_value_ref (value);
}

glong
liquid_utf8_length (const char *text)
{
  return g_utf8_validate (text, -1, NULL) ? g_utf8_strlen (text, -1) : (glong) strlen (text);
}

/* Ruby's Float#to_s: the shortest text that reads back as the same
 * number, "1.0" for whole numbers, exponents outside 1e-4 .. 1e16. */
char *
liquid_format_float (double value)
{
  char buf[64];
  char digits[32];
  int exponent;
  int precision;
  GString *out;
  gsize n;
  char *e;

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value < 0 ? "-Infinity" : "Infinity");
  if (value == 0)
    return g_strdup (signbit (value) ? "-0.0" : "0.0");

  for (precision = 1; precision <= 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  /* buf is "-d.ddde+XX". */
  e = strchr (buf, 'e');
  exponent = atoi (e + 1);
  n = 0;
  for (char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  digits[n] = '\0';
  while (n > 1 && digits[n - 1] == '0')
    digits[--n] = '\0';

  out = g_string_new (value < 0 ? "-" : "");
  if (exponent < -4 || exponent >= 16)
    {
      g_string_append_c (out, digits[0]);
      g_string_append_c (out, '.');
      g_string_append (out, n > 1 ? digits + 1 : "0");
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else if (exponent < 0)
    {
      g_string_append (out, "0.");
      for (int i = -1; i > exponent; i--)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exponent; i++)
        g_string_append_c (out, (gsize) i < n ? digits[i] : '0');
      g_string_append_c (out, '.');
      if ((gsize) exponent + 1 < n)
        g_string_append (out, digits + exponent + 1);
      else
        g_string_append_c (out, '0');
    }
  return g_string_free (out, FALSE);
}

static void
append_offset (GString *out,
               int      seconds)
{
  int minutes = ABS (seconds) / 60;

  g_string_append_printf (out, "%c%02d%02d", seconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

/* Time#to_s: "2026-04-17 10:00:00 +0200". */
static void
append_time (GString            *out,
             const AushangValue *value,
             GTimeZone          *tz)
{
  g_autoptr(GDateTime) dt = aushang_value_dup_date_time (value);

  (void) tz;
  if (dt == NULL)
    return;
  g_string_append_printf (out, "%04d-%02d-%02d %02d:%02d:%02d ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt));
  append_offset (out, (int) (g_date_time_get_utc_offset (dt) / G_TIME_SPAN_SECOND));
}

void
liquid_append_text (GString            *out,
                    const AushangValue *value,
                    GTimeZone          *tz)
{
  if (liquid_is_nil (value))
    return;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_BOOLEAN:
      g_string_append (out, aushang_value_get_boolean (value) ? "true" : "false");
      break;
    case AUSHANG_VALUE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, aushang_value_get_integer (value));
      break;
    case AUSHANG_VALUE_FLOAT:
      {
        g_autofree char *text = liquid_format_float (aushang_value_get_float (value));

        g_string_append (out, text);
      }
      break;
    case AUSHANG_VALUE_STRING:
      g_string_append (out, aushang_value_get_string (value));
      break;
    case AUSHANG_VALUE_DATE:
      {
        int y, m, d;

        aushang_value_get_date (value, &y, &m, &d);
        g_string_append_printf (out, "%04d-%02d-%02d", y, m, d);
      }
      break;
    case AUSHANG_VALUE_DATETIME:
      append_time (out, value, tz);
      break;
    case AUSHANG_VALUE_LIST:
      /* Array#join without a separator, nested lists flattened. */
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        liquid_append_text (out, aushang_value_get_item (value, i), tz);
      break;
    case AUSHANG_VALUE_MAP:
      liquid_append_inspect (out, value, tz);
      break;
    case AUSHANG_VALUE_NULL:
    default:
      break;
    }
}

char *
liquid_to_text (const AushangValue *value,
                GTimeZone          *tz)
{
  GString *out = g_string_new (NULL);

  liquid_append_text (out, value, tz);
  return g_string_free (out, FALSE);
}

static void
append_inspect_string (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '#':
          if (p[1] == '{' || p[1] == '$' || p[1] == '@')
            g_string_append_c (out, '\\');
          g_string_append_c (out, '#');
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\x%02X", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Ruby's #inspect, as Liquid prints a hash. */
void
liquid_append_inspect (GString            *out,
                       const AushangValue *value,
                       GTimeZone          *tz)
{
  if (liquid_is_nil (value))
    {
      g_string_append (out, "nil");
      return;
    }
  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_STRING:
      append_inspect_string (out, aushang_value_get_string (value));
      break;
    case AUSHANG_VALUE_DATE:
      {
        int y, m, d;
        g_autoptr(GDate) date = NULL;

        aushang_value_get_date (value, &y, &m, &d);
        date = g_date_new_dmy (d, m, y);
        g_string_append_printf (out, "#<Date: %04d-%02d-%02d ((%uj,0s,0n),+0s,2299161j)>",
                                y, m, d, g_date_get_julian (date) + 1721425);
      }
      break;
    case AUSHANG_VALUE_LIST:
      g_string_append_c (out, '[');
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          liquid_append_inspect (out, aushang_value_get_item (value, i), tz);
        }
      g_string_append_c (out, ']');
      break;
    case AUSHANG_VALUE_MAP:
      g_string_append_c (out, '{');
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_inspect_string (out, aushang_value_get_key (value, i));
          g_string_append (out, "=>");
          liquid_append_inspect (out, aushang_value_get_item (value, i), tz);
        }
      g_string_append_c (out, '}');
      break;
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_DATETIME:
    case AUSHANG_VALUE_NULL:
    default:
      liquid_append_text (out, value, tz);
      break;
    }
}

static double
number_as_double (const AushangValue *value)
{
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_INTEGER)
    return (double) aushang_value_get_integer (value);
  return aushang_value_get_float (value);
}

static gboolean
is_time (const AushangValue *value)
{
  AushangValueKind kind = value != NULL ? aushang_value_get_kind (value) : AUSHANG_VALUE_NULL;

  return kind == AUSHANG_VALUE_DATE || kind == AUSHANG_VALUE_DATETIME;
}

gboolean
liquid_equal (const AushangValue *a,
              const AushangValue *b)
{
  gboolean a_nil = liquid_is_nil (a);
  gboolean b_nil = liquid_is_nil (b);

  if (a_nil || b_nil)
    return a_nil && b_nil;
  if (liquid_is_number (a) && liquid_is_number (b))
    {
      if (aushang_value_get_kind (a) == AUSHANG_VALUE_INTEGER &&
          aushang_value_get_kind (b) == AUSHANG_VALUE_INTEGER)
        return aushang_value_get_integer (a) == aushang_value_get_integer (b);
      return number_as_double (a) == number_as_double (b);
    }
  if (aushang_value_get_kind (a) == AUSHANG_VALUE_DATETIME &&
      aushang_value_get_kind (b) == AUSHANG_VALUE_DATETIME)
    {
      g_autoptr(GDateTime) x = aushang_value_dup_date_time (a);
      g_autoptr(GDateTime) y = aushang_value_dup_date_time (b);

      return g_date_time_equal (x, y);
    }
  if (aushang_value_get_kind (a) != aushang_value_get_kind (b))
    return FALSE;
  if (aushang_value_get_kind (a) == AUSHANG_VALUE_LIST)
    {
      if (aushang_value_get_length (a) != aushang_value_get_length (b))
        return FALSE;
      for (guint i = 0; i < aushang_value_get_length (a); i++)
        if (!liquid_equal (aushang_value_get_item (a, i), aushang_value_get_item (b, i)))
          return FALSE;
      return TRUE;
    }
  if (aushang_value_get_kind (a) == AUSHANG_VALUE_MAP)
    {
      if (aushang_value_get_length (a) != aushang_value_get_length (b))
        return FALSE;
      for (guint i = 0; i < aushang_value_get_length (a); i++)
        {
          AushangValue *other = aushang_value_lookup (b, aushang_value_get_key (a, i));

          if (other == NULL || !liquid_equal (aushang_value_get_item (a, i), other))
            return FALSE;
        }
      return TRUE;
    }
  return aushang_value_equal (a, b);
}

gboolean
liquid_compare (const AushangValue *a,
                const AushangValue *b,
                int                *result)
{
  if (liquid_is_nil (a) || liquid_is_nil (b))
    {
      if (liquid_is_nil (a) && liquid_is_nil (b))
        {
          *result = 0;
          return TRUE;
        }
      return FALSE;
    }
  if (liquid_is_number (a) && liquid_is_number (b))
    {
      if (aushang_value_get_kind (a) == AUSHANG_VALUE_INTEGER &&
          aushang_value_get_kind (b) == AUSHANG_VALUE_INTEGER)
        {
          gint64 x = aushang_value_get_integer (a), y = aushang_value_get_integer (b);

          *result = x < y ? -1 : x > y ? 1 : 0;
        }
      else
        {
          double x = number_as_double (a), y = number_as_double (b);

          if (isnan (x) || isnan (y))
            return FALSE;
          *result = x < y ? -1 : x > y ? 1 : 0;
        }
      return TRUE;
    }
  if (aushang_value_get_kind (a) == AUSHANG_VALUE_STRING &&
      aushang_value_get_kind (b) == AUSHANG_VALUE_STRING)
    {
      int c = strcmp (aushang_value_get_string (a), aushang_value_get_string (b));

      *result = c < 0 ? -1 : c > 0 ? 1 : 0;
      return TRUE;
    }
  if (is_time (a) && is_time (b) && aushang_value_get_kind (a) == aushang_value_get_kind (b))
    {
      g_autoptr(GDateTime) x = aushang_value_dup_date_time (a);
      g_autoptr(GDateTime) y = aushang_value_dup_date_time (b);

      *result = g_date_time_compare (x, y);
      return TRUE;
    }
  if (aushang_value_get_kind (a) == AUSHANG_VALUE_BOOLEAN &&
      aushang_value_get_kind (b) == AUSHANG_VALUE_BOOLEAN &&
      aushang_value_get_boolean (a) == aushang_value_get_boolean (b))
    {
      *result = 0;
      return TRUE;
    }
  if (aushang_value_get_kind (a) == AUSHANG_VALUE_LIST &&
      aushang_value_get_kind (b) == AUSHANG_VALUE_LIST)
    {
      guint na = aushang_value_get_length (a), nb = aushang_value_get_length (b);

      for (guint i = 0; i < MIN (na, nb); i++)
        {
          int c;

          if (!liquid_compare (aushang_value_get_item (a, i), aushang_value_get_item (b, i), &c))
            return FALSE;
          if (c != 0)
            {
              *result = c;
              return TRUE;
            }
        }
      *result = na < nb ? -1 : na > nb ? 1 : 0;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_decimal_text (const char *text)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != '.' || !g_ascii_isdigit (p[1]))
    return FALSE;
  p++;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

/* Ruby's String#to_i: leading whitespace, a sign, digits and underscores. */
static gint64
ruby_to_i (const char *text)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 n = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  while (g_ascii_isdigit (*p) || (*p == '_' && g_ascii_isdigit (p[1]) && p > text))
    {
      if (*p != '_')
        n = n * 10 + (*p - '0');
      p++;
    }
  return negative ? -n : n;
}

AushangValue *
liquid_to_number (const AushangValue *value)
{
  if (liquid_is_number (value))
    return aushang_value_ref ((AushangValue *) value);
  if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (aushang_value_get_string (value)));

      if (is_decimal_text (text))
        return aushang_value_new_float (g_ascii_strtod (text, NULL));
      return aushang_value_new_integer (ruby_to_i (aushang_value_get_string (value)));
    }
  return aushang_value_new_integer (0);
}

gint64
liquid_to_integer (const AushangValue *value,
                   gboolean           *ok)
{
  *ok = TRUE;
  if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_INTEGER)
    return aushang_value_get_integer (value);
  if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_FLOAT)
    return (gint64) aushang_value_get_float (value);
  if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    {
      const char *text = aushang_value_get_string (value);
      char *end = NULL;
      gint64 n = g_ascii_strtoll (text, &end, 10);

      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == text || end == NULL || *end != '\0')
        *ok = FALSE;
      return n;
    }
  *ok = FALSE;
  return 0;
}

AushangValue *
liquid_lookup_key (const AushangValue *object,
                   const char         *key)
{
  AushangValue *found;

  if (liquid_is_nil (object) || aushang_value_get_kind (object) != AUSHANG_VALUE_MAP)
    return NULL;
  found = aushang_value_lookup (object, key);
  return liquid_ref_or_nil (found);
}

AushangValue *
liquid_lookup (const AushangValue *object,
               const AushangValue *key,
               gboolean            command)
{
  AushangValueKind kind;

  if (liquid_is_nil (object) || liquid_is_nil (key))
    return NULL;
  kind = aushang_value_get_kind (object);

  if (kind == AUSHANG_VALUE_MAP)
    {
      if (aushang_value_get_kind (key) == AUSHANG_VALUE_STRING)
        {
          const char *name = aushang_value_get_string (key);
          AushangValue *found = NULL;

          for (guint i = 0; i < aushang_value_get_length (object); i++)
            if (strcmp (aushang_value_get_key (object, i), name) == 0)
              found = aushang_value_get_item (object, i);
          if (found != NULL)
            return liquid_ref_or_nil (found);
          if (command && strcmp (name, "size") == 0)
            return aushang_value_new_integer (aushang_value_get_length (object));
          if (command && strcmp (name, "first") == 0 && aushang_value_get_length (object) > 0)
            {
              AushangValue *pair = aushang_value_new_list ();

              aushang_value_list_append (pair, aushang_value_new_string (aushang_value_get_key (object, 0)));
              aushang_value_list_append (pair, aushang_value_ref (aushang_value_get_item (object, 0)));
              return pair;
            }
        }
      return NULL;
    }

  if (kind == AUSHANG_VALUE_LIST)
    {
      guint n = aushang_value_get_length (object);

      if (aushang_value_get_kind (key) == AUSHANG_VALUE_INTEGER)
        {
          gint64 i = aushang_value_get_integer (key);

          if (i < 0)
            i += n;
          if (i < 0 || i >= n)
            return NULL;
          return liquid_ref_or_nil (aushang_value_get_item (object, i));
        }
      if (command && aushang_value_get_kind (key) == AUSHANG_VALUE_STRING)
        {
          const char *name = aushang_value_get_string (key);

          if (strcmp (name, "size") == 0)
            return aushang_value_new_integer (n);
          if (strcmp (name, "first") == 0 && n > 0)
            return liquid_ref_or_nil (aushang_value_get_item (object, 0));
          if (strcmp (name, "last") == 0 && n > 0)
            return liquid_ref_or_nil (aushang_value_get_item (object, n - 1));
        }
      return NULL;
    }

  if (kind == AUSHANG_VALUE_STRING && command &&
      aushang_value_get_kind (key) == AUSHANG_VALUE_STRING &&
      strcmp (aushang_value_get_string (key), "size") == 0)
    return aushang_value_new_integer (liquid_utf8_length (aushang_value_get_string (object)));

  return NULL;
}

static void
flatten_into (AushangValue       *list,
              const AushangValue *value,
              gboolean            flatten)
{
  for (guint i = 0; i < aushang_value_get_length (value); i++)
    {
      AushangValue *item = aushang_value_get_item (value, i);

      if (flatten && item != NULL && aushang_value_get_kind (item) == AUSHANG_VALUE_LIST)
        flatten_into (list, item, TRUE);
      else
        aushang_value_list_append (list, aushang_value_ref (item));
    }
}

AushangValue *
liquid_to_list (const AushangValue *value,
                gboolean            flatten)
{
  AushangValue *list = aushang_value_new_list ();

  if (liquid_is_nil (value))
    return list;
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_LIST)
    flatten_into (list, value, flatten);
  else
    aushang_value_list_append (list, aushang_value_ref ((AushangValue *) value));
  return list;
}

AushangValue *
liquid_value_from_date_time (GDateTime *date_time)
{
  return aushang_value_new_datetime (g_date_time_get_year (date_time),
                                     g_date_time_get_month (date_time),
                                     g_date_time_get_day_of_month (date_time),
                                     g_date_time_get_hour (date_time),
                                     g_date_time_get_minute (date_time),
                                     g_date_time_get_seconds (date_time),
                                     TRUE,
                                     (int) (g_date_time_get_utc_offset (date_time) / G_TIME_SPAN_SECOND));
}

/* Liquid's Utils.to_date: dates and times as they are, "now" and "today",
 * a number of seconds since 1970, other text the way Ruby's Time.parse
 * reads it (in the site's time zone). */
GDateTime *
liquid_to_date_time (const AushangValue *value,
                     GTimeZone          *tz,
                     GDateTime          *now)
{
  if (liquid_is_nil (value))
    return NULL;
  if (is_time (value))
    return aushang_value_dup_date_time (value);
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_INTEGER)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (aushang_value_get_integer (value));

      return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
    }
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    {
      const char *text = aushang_value_get_string (value);
      const char *p = text;
      GDateTime *parsed = NULL;

      if (*text == '\0')
        return NULL;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '\0')
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (g_ascii_strtoll (text, NULL, 10));

          return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
        }
      if (g_ascii_strcasecmp (text, "now") == 0 || g_ascii_strcasecmp (text, "today") == 0)
        return now != NULL ? g_date_time_to_timezone (now, tz) : g_date_time_new_now (tz);
      if (aushang_yaml_parse_jekyll_date (text, &parsed) && parsed != NULL)
        {
          /* A text without a zone is a time in the site's zone. */
          if (!g_regex_match_simple ("(Z|UTC|GMT|[-+]\\d{1,2}(:?\\d{2})?)\\s*$", text, 0, 0))
            {
              GDateTime *local = g_date_time_new (tz,
                                                  g_date_time_get_year (parsed),
                                                  g_date_time_get_month (parsed),
                                                  g_date_time_get_day_of_month (parsed),
                                                  g_date_time_get_hour (parsed),
                                                  g_date_time_get_minute (parsed),
                                                  g_date_time_get_seconds (parsed));
              g_date_time_unref (parsed);
              return local;
            }
          return parsed;
        }
      g_clear_pointer (&parsed, g_date_time_unref);
    }
  return NULL;
}
