/* aushang-yaml.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aushang-front-matter.h"
#include "aushang-yaml-private.h"

/* Aliases may share nodes, but a document whose aliases would expand to more
 * nodes than this (the "billion laughs" attack) is refused. */
#define EXPANSION_LIMIT 200000
#define DEPTH_LIMIT 256

/* Psych's ScalarScanner, as Jekyll 4.3 uses it (Psych.safe_load with Date
 * and Time permitted). The regular expressions are Psych's own, in PCRE. */
typedef enum
{
  RE_STRINGISH,
  RE_TIME,
  RE_DATE,
  RE_SEXAGESIMAL_INT,
  RE_SEXAGESIMAL_FLOAT,
  RE_FLOAT,
  RE_INTEGER,
  N_RES
} ResolverRegex;

static const char *resolver_patterns[N_RES] = {
  [RE_STRINGISH] = "^[^\\d.:-]?[\\p{L}_\\s!@#$%\\^&*(){}<>|/\\\\~;=]+",
  [RE_TIME] = "^-?\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt]|\\s+)\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d*)?(?:\\s*(?:Z|[-+]\\d{1,2}:?(?:\\d\\d)?))?$",
  [RE_DATE] = "^\\d{4}-(?:1[012]|0\\d|\\d)-(?:[12]\\d|3[01]|0\\d|\\d)$",
  [RE_SEXAGESIMAL_INT] = "^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$",
  [RE_SEXAGESIMAL_FLOAT] = "^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\\.[0-9_]*$",
  [RE_FLOAT] = "^(?:[-+]?([0-9][0-9_,]*)?\\.[0-9]*([eE][-+][0-9]+)?)$",
  [RE_INTEGER] = "^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$",
};

static GRegex *
resolver_regex (ResolverRegex which)
{
  static GRegex *regexes[N_RES];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_RES; i++)
        {
          g_autoptr(GError) error = NULL;

          regexes[i] = g_regex_new (resolver_patterns[i], G_REGEX_OPTIMIZE, 0, &error);
          g_assert_no_error (error);
        }
      g_once_init_leave (&initialized, 1);
    }

  return regexes[which];
}

static gboolean
matches (ResolverRegex  which,
         const char    *text)
{
  return g_regex_match (resolver_regex (which), text, 0, NULL);
}

static char *
strip_chars (const char *text,
             const char *chars)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (strchr (chars, *p) == NULL)
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* Ruby's String#to_i: leading digits (underscores between them allowed).
 * Sets *overflow when the number does not fit in 64 bits. */
static gint64
ruby_to_i (const char *text,
           gboolean   *overflow)
{
  g_autofree char *digits = strip_chars (text, "_");
  gint64 value;

  errno = 0;
  value = g_ascii_strtoll (digits, NULL, 10);
  if (errno == ERANGE)
    *overflow = TRUE;

  return value;
}

static AushangValue *
resolve_sexagesimal (const char *text,
                     gboolean    is_float)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);
  double total_f = 0;
  gint64 total_i = 0;
  gboolean overflow = FALSE;

  /* Psych weighs the parts as 60^|e-2|, e being the part's index. Ruby's
   * integers have no limit; one that does not fit in 64 bits is kept as a
   * float, as resolve_integer does. */
  for (guint e = 0; e < n; e++)
    {
      g_autofree char *clean = strip_chars (parts[e], "_");
      double weight_f = 1;
      gint64 weight = 1;

      for (int k = 0; k < ABS ((int) e - 2); k++)
        {
          weight_f *= 60;
          if (__builtin_mul_overflow (weight, 60, &weight))
            overflow = TRUE;
        }

      total_f += g_ascii_strtod (clean, NULL) * weight_f;

      if (!is_float && !overflow)
        {
          gint64 part = ruby_to_i (parts[e], &overflow);
          gint64 product;

          if (__builtin_mul_overflow (part, weight, &product) ||
              __builtin_add_overflow (total_i, product, &total_i))
            overflow = TRUE;
        }
    }

  if (is_float || overflow)
    return aushang_value_new_float (total_f);

  return aushang_value_new_integer (total_i);
}

static AushangValue *
resolve_float (const char *text)
{
  GString *clean = g_string_new (NULL);
  g_autofree char *owned = NULL;

  /* gsub(/[,_]|\.([Ee]|$)/, '\1') */
  for (const char *p = text; *p; p++)
    {
      if (*p == ',' || *p == '_')
        continue;
      if (*p == '.' && (p[1] == 'e' || p[1] == 'E' || p[1] == '\0'))
        continue;
      g_string_append_c (clean, *p);
    }
  owned = g_string_free (clean, FALSE);

  return aushang_value_new_float (g_ascii_strtod (owned, NULL));
}

static AushangValue *
resolve_integer (const char *text)
{
  g_autofree char *clean = strip_chars (text, ",_");
  const char *p = clean;
  gboolean negative = FALSE;
  guint base = 10;
  guint64 magnitude;
  char *end = NULL;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';

  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    base = 16, p += 2;
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
    base = 2, p += 2;
  else if (p[0] == '0' && p[1] != '\0')
    base = 8, p += 1;

  if (*p == '\0')
    return NULL;

  errno = 0;
  magnitude = g_ascii_strtoull (p, &end, base);
  if (errno != 0 || magnitude > (guint64) G_MAXINT64)
    {
      /* Ruby has big integers; we keep the magnitude as a float. */
      return aushang_value_new_float ((negative ? -1.0 : 1.0) * g_ascii_strtod (p, NULL));
    }

  return aushang_value_new_integer (negative ? -(gint64) magnitude : (gint64) magnitude);
}

static gboolean
parse_digits (const char  *text,
              const char **end,
              int         *out)
{
  const char *p = text;
  int value = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  while (g_ascii_isdigit (*p))
    {
      if (value > 100000)
        return FALSE;
      value = value * 10 + (*p - '0');
      p++;
    }

  *end = p;
  *out = value;

  return TRUE;
}

static AushangValue *
resolve_time (const char *text)
{
  const char *p = text;
  int year, month, day, hour, minute, second;
  double fraction = 0;
  gboolean negative_year = FALSE;
  gboolean has_offset = FALSE;
  int offset = 0;

  if (*p == '-')
    negative_year = TRUE, p++;

  if (!parse_digits (p, &p, &year) || *p++ != '-' ||
      !parse_digits (p, &p, &month) || *p++ != '-' ||
      !parse_digits (p, &p, &day))
    return NULL;

  while (*p == 'T' || *p == 't' || g_ascii_isspace (*p))
    p++;

  if (!parse_digits (p, &p, &hour) || *p++ != ':' ||
      !parse_digits (p, &p, &minute) || *p++ != ':' ||
      !parse_digits (p, &p, &second))
    return NULL;

  if (*p == '.')
    {
      const char *start = p;

      p++;
      while (g_ascii_isdigit (*p))
        p++;
      fraction = g_ascii_strtod (start, NULL);
    }

  while (g_ascii_isspace (*p))
    p++;

  if (*p == 'Z')
    {
      has_offset = TRUE;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p++ == '-' ? -1 : 1;
      int hours = 0, minutes = 0;
      const char *digits = p;

      while (g_ascii_isdigit (*p))
        p++;
      /* Psych reads "+0100" as hours 1, minutes 0 via \d{1,2}:?\d\d. */
      if (p - digits > 2)
        {
          hours = (digits[0] - '0') * (p - digits == 4 ? 10 : 1) + (p - digits == 4 ? digits[1] - '0' : 0);
          minutes = atoi (digits + (p - digits - 2));
        }
      else
        {
          hours = atoi (digits);
          if (*p == ':')
            minutes = atoi (p + 1);
        }
      has_offset = TRUE;
      offset = sign * (hours * 3600 + minutes * 60);
    }

  /* Ruby's Time.utc refuses these, and Psych then keeps the string. */
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 ||
      minute > 59 || second > 60 || ABS (offset) >= 24 * 3600)
    return NULL;

  if (negative_year)
    year = -year;

  return aushang_value_new_datetime (year, month, day, hour, minute, second + fraction,
                                     has_offset, offset);
}

/* Whether @text is ASCII letters only ("title"): RE_STRINGISH matches
 * such a word, whatever its first letter. */
static gboolean
is_ascii_word (const char *text)
{
  const char *p = text;

  while (g_ascii_isalpha (*p))
    p++;
  return p > text && *p == '\0';
}

/* Whether @text is four digits, "-", one or two digits, "-", one or two
 * digits, and nothing else. */
static gboolean
is_plain_date (const char *text)
{
  const char *p = text;
  guint n;

  for (n = 0; g_ascii_isdigit (*p); p++)
    n++;
  if (n != 4 || *p++ != '-')
    return FALSE;
  for (n = 0; g_ascii_isdigit (*p); p++)
    n++;
  if (n < 1 || n > 2 || *p++ != '-')
    return FALSE;
  for (n = 0; g_ascii_isdigit (*p); p++)
    n++;
  return n >= 1 && n <= 2 && *p == '\0';
}

/* RE_DATE for a text is_plain_date() accepts: the month 1[012]|0\d|\d,
 * the day [12]\d|3[01]|0\d|\d. */
static gboolean
matches_date (const char *text)
{
  const char *month = text + 5;
  const char *day = strchr (month, '-') + 1;
  gsize month_len = day - 1 - month, day_len = strlen (day);

  if (month_len == 2 && !(month[0] == '0' || (month[0] == '1' && strchr ("012", month[1]) != NULL)))
    return FALSE;
  if (day_len == 2 && !(strchr ("012", day[0]) != NULL || (day[0] == '3' && strchr ("01", day[1]) != NULL)))
    return FALSE;
  return TRUE;
}

AushangValue *
aushang_yaml_resolve_plain (const char *text)
{
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  if (*text == '\0')
    return aushang_value_new_null ();

  /* The common case without a regular expression: a word that starts with
   * an ASCII letter Psych's booleans and nulls do not start with matches
   * its first rule and stays a string. */
  if (g_ascii_isalpha (text[0]) && strchr ("ytonfYTONF", text[0]) == NULL)
    return aushang_value_new_string (text);

  /* A date as front matter has it ("2026-09-08"), without a regular
   * expression: it starts with a digit (so it is not stringish) and has
   * no time, so only RE_DATE can match it. */
  if (is_plain_date (text))
    {
      if (matches_date (text))
        {
          int year = atoi (text);
          int month = atoi (text + 5);
          int day = atoi (strchr (text + 5, '-') + 1);

          if (g_date_valid_dmy (day, month, year))
            return aushang_value_new_date (year, month, day);
        }
      return aushang_value_new_string (text);
    }

  if (is_ascii_word (text) || matches (RE_STRINGISH, text) || strchr (text, '\n') != NULL)
    {
      length = g_utf8_validate (text, -1, NULL) ? (gsize) g_utf8_strlen (text, -1) : strlen (text);

      if (length > 5 || strchr ("ytonfYTONF~", text[0]) == NULL)
        return aushang_value_new_string (text);

      if (strcmp (text, "~") == 0 || g_ascii_strcasecmp (text, "null") == 0)
        return aushang_value_new_null ();

      if (g_ascii_strcasecmp (text, "yes") == 0 ||
          g_ascii_strcasecmp (text, "true") == 0 ||
          g_ascii_strcasecmp (text, "on") == 0)
        return aushang_value_new_boolean (TRUE);

      if (g_ascii_strcasecmp (text, "no") == 0 ||
          g_ascii_strcasecmp (text, "false") == 0 ||
          g_ascii_strcasecmp (text, "off") == 0)
        return aushang_value_new_boolean (FALSE);

      return aushang_value_new_string (text);
    }

  if (matches (RE_TIME, text))
    {
      AushangValue *value = resolve_time (text);

      return value ? value : aushang_value_new_string (text);
    }

  if (matches (RE_DATE, text))
    {
      int year = atoi (text);
      int month = atoi (text + 5);
      int day = atoi (strchr (text + 5, '-') + 1);

      if (g_date_valid_dmy (day, month, year))
        return aushang_value_new_date (year, month, day);

      return aushang_value_new_string (text);
    }

  if (g_ascii_strcasecmp (text, ".inf") == 0 || g_ascii_strcasecmp (text, "+.inf") == 0)
    return aushang_value_new_float (INFINITY);

  if (g_ascii_strcasecmp (text, "-.inf") == 0)
    return aushang_value_new_float (-INFINITY);

  if (g_ascii_strcasecmp (text, ".nan") == 0)
    return aushang_value_new_float (NAN);

  /* A Ruby symbol, which Jekyll's safe_load refuses. */
  if (text[0] == ':' && text[1] != '\0')
    return NULL;

  if (matches (RE_SEXAGESIMAL_INT, text))
    return resolve_sexagesimal (text, FALSE);

  if (matches (RE_SEXAGESIMAL_FLOAT, text))
    return resolve_sexagesimal (text, TRUE);

  if (matches (RE_FLOAT, text))
    {
      const char *p = text;

      if (*p == '+' || *p == '-')
        p++;
      if (strcmp (p, ".") == 0)
        return aushang_value_new_string (text);

      return resolve_float (text);
    }

  if (matches (RE_INTEGER, text))
    {
      AushangValue *value = resolve_integer (text);

      return value ? value : aushang_value_new_string (text);
    }

  return aushang_value_new_string (text);
}

/* YAML's printable set (what may appear unescaped). */
static gboolean
is_printable (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0x7E) ||
         c == 0x85 ||
         (c >= 0xA0 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

static gboolean
has_unprintable (const char *text,
                 gboolean    allow_breaks)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        {
          if (!allow_breaks)
            return TRUE;
          continue;
        }
      if (!is_printable (c) || c == 0x85 || c == 0x2028 || c == 0x2029)
        return TRUE;
    }

  return FALSE;
}

static GRegex *
yaml12_regex (void)
{
  static GRegex *regex;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
                           "|[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                           "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
                           "|true|True|TRUE|false|False|FALSE|null|Null|NULL"
                           "|y|Y|n|N)$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return regex;
}

static gboolean
string_is_plain_safe (const char *text,
                      gboolean    in_flow)
{
  gsize len;
  g_autoptr(AushangValue) resolved = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  if (!g_utf8_validate (text, -1, NULL) || has_unprintable (text, FALSE))
    return FALSE;

  len = strlen (text);

  if (text[0] == ' ' || text[len - 1] == ' ')
    return FALSE;

  /* Indicators that cannot start a plain scalar. */
  if (strchr ("?:,[]{}#&*!|>'\"%@`", text[0]) != NULL)
    return FALSE;

  if (text[0] == '-' && (text[1] == '\0' || text[1] == ' '))
    return FALSE;

  if (g_str_has_prefix (text, "---") || g_str_has_prefix (text, "..."))
    return FALSE;

  if (strstr (text, ": ") != NULL || strstr (text, " #") != NULL || text[len - 1] == ':')
    return FALSE;

  /* In a [flow] or {flow} collection the flow indicators end a plain
   * scalar, and so does a colon before one of them ("8:?" is refused). */
  if (in_flow && strpbrk (text, ",[]{}:") != NULL)
    return FALSE;

  /* Other tools read front matter with YAML 1.2 (Decap CMS, js-yaml):
   * what they would take for a number, boolean or null is quoted too. */
  if (g_regex_match (yaml12_regex (), text, 0, NULL))
    return FALSE;

  /* And it must read back as the same string, not a number, date, … */
  resolved = aushang_yaml_resolve_plain (text);
  if (resolved == NULL ||
      aushang_value_get_kind (resolved) != AUSHANG_VALUE_STRING ||
      strcmp (aushang_value_get_string (resolved), text) != 0)
    return FALSE;

  return TRUE;
}

gboolean
aushang_yaml_string_is_plain_safe (const char *text)
{
  return string_is_plain_safe (text, FALSE);
}

static char *
emit_double_quoted (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: keep the byte visible rather than lose it. */
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case 0x85: g_string_append (out, "\\N"); break;
        case 0x2028: g_string_append (out, "\\L"); break;
        case 0x2029: g_string_append (out, "\\P"); break;
        default:
          if (!is_printable (c))
            {
              if (c <= 0xFF)
                g_string_append_printf (out, "\\x%02X", c);
              else if (c <= 0xFFFF)
                g_string_append_printf (out, "\\u%04X", c);
              else
                g_string_append_printf (out, "\\U%08X", c);
            }
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }

      p = g_utf8_next_char (p);
    }

  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

static char *
emit_single_quoted (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append (out, "''");
      else
        g_string_append_c (out, *p);
    }

  g_string_append_c (out, '\'');

  return g_string_free (out, FALSE);
}

static char *
emit_string (const char        *text,
             AushangQuoteStyle  preferred,
             AushangQuoteStyle  quote_when_needed,
             gboolean           in_flow)
{
  AushangQuoteStyle style = preferred;

  if (style == AUSHANG_QUOTE_PLAIN && !string_is_plain_safe (text, in_flow))
    style = quote_when_needed == AUSHANG_QUOTE_SINGLE ? AUSHANG_QUOTE_SINGLE : AUSHANG_QUOTE_DOUBLE;

  if (style == AUSHANG_QUOTE_SINGLE &&
      (!g_utf8_validate (text, -1, NULL) || has_unprintable (text, FALSE)))
    style = AUSHANG_QUOTE_DOUBLE;

  switch (style)
    {
    case AUSHANG_QUOTE_PLAIN:
      return g_strdup (text);
    case AUSHANG_QUOTE_SINGLE:
      return emit_single_quoted (text);
    case AUSHANG_QUOTE_DOUBLE:
    default:
      return emit_double_quoted (text);
    }
}

char *
aushang_yaml_emit_string (const char        *text,
                          AushangQuoteStyle  preferred,
                          AushangQuoteStyle  quote_when_needed)
{
  g_return_val_if_fail (text != NULL, NULL);

  return emit_string (text, preferred, quote_when_needed, FALSE);
}

char *
aushang_yaml_emit_flow (const AushangValue *value,
                        AushangQuoteStyle   preferred,
                        AushangQuoteStyle   quote_when_needed,
                        gboolean            in_flow)
{
  GString *out;

  g_return_val_if_fail (value != NULL, NULL);

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_NULL:
      return g_strdup ("null");

    case AUSHANG_VALUE_STRING:
      return emit_string (aushang_value_get_string (value), preferred, quote_when_needed, in_flow);

    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      return aushang_value_to_display (value);

    case AUSHANG_VALUE_LIST:
      out = g_string_new ("[");
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          g_autofree char *item = aushang_yaml_emit_flow (aushang_value_get_item (value, i),
                                                          preferred, quote_when_needed, TRUE);
          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, item);
        }
      g_string_append_c (out, ']');
      return g_string_free (out, FALSE);

    case AUSHANG_VALUE_MAP:
      out = g_string_new ("{");
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          g_autofree char *key = emit_string (aushang_value_get_key (value, i),
                                              AUSHANG_QUOTE_PLAIN, quote_when_needed, TRUE);
          g_autofree char *item = aushang_yaml_emit_flow (aushang_value_get_item (value, i),
                                                          preferred, quote_when_needed, TRUE);
          if (i > 0)
            g_string_append (out, ", ");
          /* YAML allows at most 1024 characters in an implicit key; a
           * longer one is written as an explicit "? key". */
          g_string_append_printf (out, "%s%s: %s",
                                  g_utf8_strlen (key, -1) > 1000 ? "? " : "", key, item);
        }
      g_string_append_c (out, '}');
      return g_string_free (out, FALSE);

    default:
      g_assert_not_reached ();
    }
}

AushangQuoteStyle
aushang_yaml_quote_style_from_libyaml (yaml_scalar_style_t style)
{
  switch (style)
    {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return AUSHANG_QUOTE_SINGLE;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return AUSHANG_QUOTE_DOUBLE;
    case YAML_ANY_SCALAR_STYLE:
    case YAML_PLAIN_SCALAR_STYLE:
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE:
    default:
      return AUSHANG_QUOTE_PLAIN;
    }
}

/* The builder: libyaml events to values, aliases shared, not copied. */

typedef struct
{
  AushangValue *value;
  guint64       size;
} Anchor;

static void
anchor_free (gpointer data)
{
  Anchor *anchor = data;

  aushang_value_unref (anchor->value);
  g_free (anchor);
}

struct _AushangYamlBuilder
{
  yaml_parser_t *parser;
  GHashTable    *anchors;
  guint64        expanded;
  guint          depth;
  guint          error_line;
  guint          error_column;
};

AushangYamlBuilder *
aushang_yaml_builder_new (yaml_parser_t *parser)
{
  AushangYamlBuilder *self = g_new0 (AushangYamlBuilder, 1);

  self->parser = parser;
  self->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, anchor_free);

  return self;
}

void
aushang_yaml_builder_free (AushangYamlBuilder *self)
{
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_free (self);
}

void
aushang_yaml_builder_get_error_position (AushangYamlBuilder *self,
                                         guint              *line,
                                         guint              *column)
{
  if (line)
    *line = self->error_line;
  if (column)
    *column = self->error_column;
}

char *
aushang_yaml_describe_problem (const char *problem,
                               const char *context)
{
  if (problem == NULL)
    return g_strdup (_("The front matter cannot be read."));

  if (strstr (problem, "mapping values are not allowed"))
    return g_strdup (_("A colon followed by a space is not allowed here. If it belongs to the text, put the whole value in quotes."));

  if (strstr (problem, "tab character"))
    return g_strdup (_("A tab is used for indentation. Use spaces instead."));

  if (strstr (problem, "cannot start any token"))
    return g_strdup (_("This character cannot start a value (for example a tab, @ or `). Put the value in quotes, and indent with spaces."));

  if (strstr (problem, "UTF-8") || strstr (problem, "control characters are not allowed"))
    return g_strdup (_("The file contains bytes that are not UTF-8 text. Save it as UTF-8."));

  if (strstr (problem, "undefined alias"))
    return g_strdup (_("An alias (*name) refers to an anchor (&name) that does not exist."));

  if (strstr (problem, "end of stream") && context && strstr (context, "quoted"))
    return g_strdup (_("A quote is opened but never closed."));

  if (strstr (problem, "did not find expected key") ||
      strstr (problem, "did not find expected '-' indicator"))
    return g_strdup (_("This line does not fit the indentation of the lines above, or text follows a closing quote. Check the spaces at the start of the line and the quotes."));

  if (strstr (problem, "could not find expected ':'"))
    return g_strdup (_("A line has no colon after its name. Every field is written as “name: value”."));

  if (strstr (problem, "did not find expected ',' or ']'") ||
      strstr (problem, "did not find expected ',' or '}'"))
    return g_strdup (_("A list or map in brackets is not closed, or a comma is missing between its items."));

  if (strstr (problem, "found unknown escape character"))
    return g_strdup (_("A backslash in double quotes starts an unknown escape. Write \\\\ for a backslash, or use single quotes."));

  if (strstr (problem, "end of stream"))
    return g_strdup (_("The front matter ends in the middle of a value."));

  /* Translators: %s is libyaml's own (English) description of the problem. */
  return g_strdup_printf (_("The front matter is not valid YAML (%s)."), problem);
}

gboolean
aushang_yaml_builder_next (AushangYamlBuilder  *self,
                           yaml_event_t        *event,
                           GError             **error)
{
  if (yaml_parser_parse (self->parser, event))
    return TRUE;

  {
    g_autofree char *message = aushang_yaml_describe_problem (self->parser->problem,
                                                              self->parser->context);

    const yaml_mark_t *mark = &self->parser->problem_mark;

    /* An unclosed quote or bracket is best shown where it opened, and a
     * name without its colon on its own line, as Jekyll's (Psych's)
     * message does; other problems where libyaml noticed them, which is
     * closer to the mistake than the start of the enclosing map that
     * Psych names. */
    if (self->parser->context != NULL && self->parser->problem != NULL &&
        (strstr (self->parser->problem, "end of stream") != NULL ||
         strstr (self->parser->problem, "did not find expected ','") != NULL ||
         strstr (self->parser->problem, "could not find expected ':'") != NULL))
      mark = &self->parser->context_mark;

    self->error_line = mark->line;
    self->error_column = mark->column;
    g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR,
                         AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML, message);
  }

  return FALSE;
}

static gboolean
set_error_at (AushangYamlBuilder  *self,
              const yaml_mark_t   *mark,
              GError             **error,
              int                  code,
              const char          *message)
{
  self->error_line = mark->line;
  self->error_column = mark->column;
  g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, code, message);

  return FALSE;
}

static guint64
saturating_add (guint64 a,
                guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

static const char *
standard_tag_suffix (const char *tag)
{
  if (tag == NULL)
    return NULL;
  if (g_str_has_prefix (tag, "tag:yaml.org,2002:"))
    return tag + strlen ("tag:yaml.org,2002:");
  return NULL;
}

static AushangValue *
build_scalar (AushangYamlBuilder  *self,
              yaml_event_t        *event,
              GError             **error)
{
  const char *text = (const char *) event->data.scalar.value;
  const char *tag = (const char *) event->data.scalar.tag;
  const char *suffix = standard_tag_suffix (tag);
  AushangValue *value;

  if (tag != NULL && g_str_has_prefix (tag, "!ruby/"))
    {
      set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                    _("This value has a Ruby type tag (!ruby/…), which Jekyll refuses to read."));
      return NULL;
    }

  if ((suffix != NULL && strcmp (suffix, "str") == 0) ||
      (tag != NULL && strcmp (tag, "!") == 0) ||
      event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    {
      if (suffix == NULL || strcmp (suffix, "str") == 0 || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return aushang_value_new_string (text);
    }

  value = aushang_yaml_resolve_plain (text);
  if (value == NULL)
    {
      set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                    _("A value that starts with a colon (like :name) is a Ruby symbol, which Jekyll refuses to read. Put the value in quotes."));
      return NULL;
    }

  return value;
}

#define KEY_TEXT_LIMIT 1024

static AushangQuoteStyle
dominant_style (guint counts[3])
{
  if (counts[AUSHANG_QUOTE_DOUBLE] > counts[AUSHANG_QUOTE_PLAIN] &&
      counts[AUSHANG_QUOTE_DOUBLE] >= counts[AUSHANG_QUOTE_SINGLE])
    return AUSHANG_QUOTE_DOUBLE;
  if (counts[AUSHANG_QUOTE_SINGLE] > counts[AUSHANG_QUOTE_PLAIN])
    return AUSHANG_QUOTE_SINGLE;
  return AUSHANG_QUOTE_PLAIN;
}

static AushangValue *
build_node (AushangYamlBuilder  *self,
            yaml_event_t        *event,
            AushangYamlSpan     *span,
            guint64             *size,
            AushangYamlNode     *tree,
            GError             **error);

static AushangValue *
build_collection (AushangYamlBuilder  *self,
                  yaml_event_t        *event,
                  AushangYamlSpan     *span,
                  guint64             *size,
                  AushangYamlNode     *tree,
                  GError             **error)
{
  gboolean is_map = event->type == YAML_MAPPING_START_EVENT;
  yaml_event_type_t end_type = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
  g_autoptr(AushangValue) value = is_map ? aushang_value_new_map () : aushang_value_new_list ();
  g_autofree char *pending_key = NULL;
  gboolean have_key = FALSE;
  guint counts[3] = { 0, };

  const char *tag = (const char *) (is_map ? event->data.mapping_start.tag
                                            : event->data.sequence_start.tag);

  /* jekyll 4.3.1 refuses "!ruby/object:…" maps and lists as it refuses
   * such scalars ("Tried to load unspecified class"). */
  if (tag != NULL && g_str_has_prefix (tag, "!ruby/"))
    return set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                         _("This value has a Ruby type tag (!ruby/…), which Jekyll refuses to read.")), NULL;

  span->flow = is_map ? event->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                      : event->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
  span->all_scalars = TRUE;
  *size = 1;

  if (++self->depth > DEPTH_LIMIT)
    return set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_TOO_COMPLEX,
                         _("The front matter is nested too deeply.")), NULL;

  for (;;)
    {
      yaml_event_t child_event;
      AushangYamlSpan child_span = { 0, };
      guint64 child_size = 0;
      AushangYamlNode *child_tree = NULL;
      AushangValue *child;

      if (!aushang_yaml_builder_next (self, &child_event, error))
        return NULL;

      if (child_event.type == end_type)
        {
          if (span->flow)
            span->end = MAX (span->end, child_event.end_mark.index);
          yaml_event_delete (&child_event);
          break;
        }

      if (tree != NULL)
        {
          child_tree = g_new0 (AushangYamlNode, 1);
          g_ptr_array_add (tree->children, child_tree);
        }

      child = build_node (self, &child_event, &child_span, &child_size, child_tree, error);
      if (child == NULL)
        return NULL;

      span->end = MAX (span->end, child_span.end);
      *size = saturating_add (*size, child_size);

      if (child_span.type != YAML_SCALAR_EVENT)
        span->all_scalars = FALSE;

      if (!is_map)
        {
          if (aushang_value_get_kind (child) == AUSHANG_VALUE_STRING)
            counts[aushang_yaml_quote_style_from_libyaml (child_span.scalar_style)]++;
          aushang_value_list_append (value, child);
        }
      else if (!have_key)
        {
          pending_key = aushang_value_to_display (child);
          /* A key that is itself a map or list: its text, escaped again at
           * every level of nesting, would grow exponentially ({{{…}}}: x);
           * such keys cannot be addressed from Liquid anyway, so their
           * text is cut short. */
          if (child_span.type != YAML_SCALAR_EVENT && strlen (pending_key) > KEY_TEXT_LIMIT)
            {
              const char *cut = g_utf8_find_prev_char (pending_key, pending_key + KEY_TEXT_LIMIT);

              if (cut != NULL)
                *(char *) cut = '\0';
            }
          aushang_value_unref (child);
          have_key = TRUE;
        }
      else
        {
          if (g_strcmp0 (pending_key, "<<") == 0 && aushang_value_get_kind (child) == AUSHANG_VALUE_MAP)
            {
              /* A merge key: the entries of the referenced map. */
              for (guint i = 0; i < aushang_value_get_length (child); i++)
                aushang_value_map_insert (value, aushang_value_get_key (child, i),
                                          aushang_value_ref (aushang_value_get_item (child, i)));
              aushang_value_unref (child);
            }
          else
            aushang_value_map_insert (value, pending_key, child);
          g_clear_pointer (&pending_key, g_free);
          have_key = FALSE;
        }

      if (*size > EXPANSION_LIMIT)
        return set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_TOO_COMPLEX,
                             _("The front matter uses aliases (*name) that would expand to far too much data.")), NULL;
    }

  self->depth--;
  span->item_style = dominant_style (counts);

  return g_steal_pointer (&value);
}

static AushangValue *
build_node (AushangYamlBuilder  *self,
            yaml_event_t        *event,
            AushangYamlSpan     *span,
            guint64             *size,
            AushangYamlNode     *tree,
            GError             **error)
{
  AushangValue *value = NULL;
  const char *anchor = NULL;

  if (tree != NULL && (event->type == YAML_SEQUENCE_START_EVENT || event->type == YAML_MAPPING_START_EVENT))
    tree->children = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_yaml_node_free);

  span->start = event->start_mark.index;
  span->end = event->end_mark.index;
  span->type = event->type;
  span->scalar_style = 0;
  span->flow = FALSE;
  span->all_scalars = FALSE;
  span->item_style = AUSHANG_QUOTE_PLAIN;
  *size = 1;

  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      span->scalar_style = event->data.scalar.style;
      anchor = (const char *) event->data.scalar.anchor;
      value = build_scalar (self, event, error);
      break;

    case YAML_ALIAS_EVENT:
      {
        Anchor *target = g_hash_table_lookup (self->anchors, event->data.alias.anchor);

        if (target == NULL)
          {
            set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                          _("An alias (*name) refers to an anchor (&name) that does not exist."));
            break;
          }
        value = aushang_value_ref (target->value);
        *size = target->size;
        self->expanded = saturating_add (self->expanded, target->size);
        if (self->expanded > EXPANSION_LIMIT)
          {
            set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_TOO_COMPLEX,
                          _("The front matter uses aliases (*name) that would expand to far too much data."));
            g_clear_pointer (&value, aushang_value_unref);
          }
      }
      break;

    case YAML_SEQUENCE_START_EVENT:
      anchor = (const char *) event->data.sequence_start.anchor;
      value = build_collection (self, event, span, size, tree, error);
      break;

    case YAML_MAPPING_START_EVENT:
      anchor = (const char *) event->data.mapping_start.anchor;
      value = build_collection (self, event, span, size, tree, error);
      break;

    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
    default:
      set_error_at (self, &event->start_mark, error, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                    _("The front matter cannot be read."));
      break;
    }

  if (value != NULL && anchor != NULL)
    {
      Anchor *entry = g_new0 (Anchor, 1);

      entry->value = aushang_value_ref (value);
      entry->size = *size;
      g_hash_table_replace (self->anchors, g_strdup (anchor), entry);
    }

  if (tree != NULL)
    {
      tree->span = *span;
      tree->anchor = g_strdup (anchor);
      if (value != NULL)
        tree->value = aushang_value_ref (value);
    }

  yaml_event_delete (event);

  return value;
}

AushangValue *
aushang_yaml_builder_build (AushangYamlBuilder  *self,
                            yaml_event_t        *event,
                            AushangYamlSpan     *span,
                            GError             **error)
{
  guint64 size = 0;

  return build_node (self, event, span, &size, NULL, error);
}

AushangValue *
aushang_yaml_builder_build_tree (AushangYamlBuilder  *self,
                                 yaml_event_t        *event,
                                 AushangYamlNode    **tree,
                                 GError             **error)
{
  g_autoptr(AushangYamlNode) node = g_new0 (AushangYamlNode, 1);
  guint64 size = 0;
  AushangValue *value;

  value = build_node (self, event, &node->span, &size, node, error);
  if (value != NULL)
    *tree = g_steal_pointer (&node);

  return value;
}

void
aushang_yaml_node_free (AushangYamlNode *node)
{
  if (node == NULL)
    return;

  g_clear_pointer (&node->value, aushang_value_unref);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->anchor);
  g_free (node);
}

AushangValue *
aushang_yaml_parse_value (const char  *text,
                          GError     **error)
{
  yaml_parser_t parser;
  g_autoptr(AushangYamlBuilder) builder = NULL;
  g_autoptr(AushangValue) value = NULL;
  yaml_event_t event;
  gboolean ok = TRUE;
  gboolean at_end = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR,
                           AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                           _("The text is not valid UTF-8."));
      return NULL;
    }

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) text, strlen (text));
  builder = aushang_yaml_builder_new (&parser);

  /* After the end of the stream libyaml keeps answering "no event"
   * without failing, so both loops stop at the end of the stream (or at
   * an event that cannot come) rather than asking again. */
  while (ok && value == NULL)
    {
      if (!aushang_yaml_builder_next (builder, &event, error))
        {
          ok = FALSE;
          break;
        }

      switch (event.type)
        {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
          yaml_event_delete (&event);
          break;

        case YAML_STREAM_END_EVENT:
        case YAML_NO_EVENT:
          /* No value at all (empty, or only comments): null, as Psych. */
          yaml_event_delete (&event);
          value = aushang_value_new_null ();
          at_end = TRUE;
          break;

        case YAML_DOCUMENT_END_EVENT:
        case YAML_ALIAS_EVENT:
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_START_EVENT:
        case YAML_MAPPING_END_EVENT:
        default:
          {
            AushangYamlSpan span;

            value = aushang_yaml_builder_build (builder, &event, &span, error);
            if (value == NULL)
              ok = FALSE;
          }
          break;
        }
    }

  /* Anything after the value (a second document) is a mistake here. */
  while (ok && !at_end)
    {
      if (!aushang_yaml_builder_next (builder, &event, error))
        {
          ok = FALSE;
          break;
        }
      if (event.type == YAML_STREAM_END_EVENT || event.type == YAML_NO_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }
      if (event.type == YAML_DOCUMENT_START_EVENT)
        {
          yaml_event_delete (&event);
          g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR,
                               AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                               _("Only one value is expected here."));
          ok = FALSE;
          break;
        }
      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);

  if (!ok)
    return NULL;

  return g_steal_pointer (&value);
}

/* Ruby's Time.parse, as far as Jekyll's dates go: ISO dates and times,
 * "04.11.2025", "2025/11/04", English month names ("4 November 2025",
 * "Nov 4, 2025"), a time alone (today), with an optional zone. */
static const char *month_prefixes[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
};

static int
find_month_name (const char  *text,
                 const char **after)
{
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalpha (*p) || (p > text && g_ascii_isalpha (p[-1])))
        continue;

      for (guint m = 0; m < G_N_ELEMENTS (month_prefixes); m++)
        {
          if (g_ascii_strncasecmp (p, month_prefixes[m], 3) == 0)
            {
              const char *q = p + 3;

              while (*q && !g_ascii_isspace (*q) && *q != ',' && !g_ascii_isdigit (*q))
                q++;
              *after = q;
              return (int) m + 1;
            }
        }
    }

  return 0;
}

/* Three numbers, the one with four digits being the year: first (y/m/d)
 * or last (d/m/y). */
static gboolean
match_numeric_date (GRegex      *regex,
                    const char  *text,
                    int         *year,
                    int         *month,
                    int         *day,
                    const char **rest)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  int end;

  if (!g_regex_match (regex, text, 0, &info))
    return FALSE;

  a = g_match_info_fetch (info, 1);
  b = g_match_info_fetch (info, 2);
  c = g_match_info_fetch (info, 3);

  if (strlen (a) >= 4)
    *year = atoi (a), *month = atoi (b), *day = atoi (c);
  else
    *day = atoi (a), *month = atoi (b), *year = atoi (c);

  g_match_info_fetch_pos (info, 0, NULL, &end);
  *rest = text + end;

  return TRUE;
}

gboolean
aushang_yaml_parse_jekyll_date (const char  *text,
                                GDateTime  **out)
{
  static GRegex *iso, *dotted, *slashed, *time_re, *zone_re, *numbers_re, *strip_time;
  static gsize initialized;
  g_autoptr(GMatchInfo) info = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  int year = -1, month = -1, day = -1, hour = 0, minute = 0;
  double seconds = 0;
  gboolean have_date = FALSE, have_time = FALSE;
  const char *rest = text;
  int offset = 0;

  if (g_once_init_enter (&initialized))
    {
      iso = g_regex_new ("(-?\\d{4})-(\\d{1,2})-(\\d{1,2})", 0, 0, NULL);
      dotted = g_regex_new ("\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\b", 0, 0, NULL);
      slashed = g_regex_new ("\\b(\\d{1,4})/(\\d{1,2})/(\\d{1,4})\\b", 0, 0, NULL);
      time_re = g_regex_new ("(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?", 0, 0, NULL);
      zone_re = g_regex_new ("(?:\\d|\\s)(Z|UTC|GMT|[-+]\\d{1,2}(?::?\\d{2})?)\\s*$", 0, 0, NULL);
      numbers_re = g_regex_new ("\\d+", 0, 0, NULL);
      strip_time = g_regex_new ("\\d{1,2}:\\d{2}(:\\d{2})?", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (text == NULL)
    return FALSE;

  /* 2025-11-04 and 2025/11/04 are y/m/d; 04.11.2025 and 11/04/2025 are
   * d/m/y, as Ruby reads them. */
  have_date = match_numeric_date (iso, text, &year, &month, &day, &rest) ||
              match_numeric_date (dotted, text, &year, &month, &day, &rest) ||
              match_numeric_date (slashed, text, &year, &month, &day, &rest);

  if (!have_date)
    {
      const char *after = NULL;
      int m = find_month_name (text, &after);

      if (m > 0)
        {
          /* A day and a year around the month name. */
          g_autofree char *without_time = NULL;
          g_autoptr(GMatchInfo) numbers = NULL;
          int found_day = -1, found_year = -1;

          without_time = g_regex_replace_literal (strip_time, text, -1, 0, " ", 0, NULL);
          g_regex_match (numbers_re, without_time, 0, &numbers);
          while (g_match_info_matches (numbers))
            {
              g_autofree char *n = g_match_info_fetch (numbers, 0);

              if (strlen (n) == 4 && found_year < 0)
                found_year = atoi (n);
              else if (strlen (n) <= 2 && found_day < 0)
                found_day = atoi (n);
              g_match_info_next (numbers, NULL);
            }

          if (found_year < 0)
            return FALSE;
          year = found_year;
          month = m;
          day = found_day < 0 ? 1 : found_day;
          have_date = TRUE;
          rest = text;
        }
    }

  if (g_regex_match (time_re, rest, 0, &info))
    {
      g_autofree char *h = g_match_info_fetch (info, 1);
      g_autofree char *mi = g_match_info_fetch (info, 2);
      g_autofree char *s = g_match_info_fetch (info, 3);
      g_autofree char *f = g_match_info_fetch (info, 4);

      hour = atoi (h), minute = atoi (mi);
      seconds = (s && *s) ? atoi (s) : 0;
      if (f && *f)
        seconds += g_ascii_strtod (f, NULL);
      have_time = TRUE;
    }
  g_clear_pointer (&info, g_match_info_free);

  if (!have_date && !have_time)
    return FALSE;

  if (!have_date)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      year = g_date_time_get_year (now);
      month = g_date_time_get_month (now);
      day = g_date_time_get_day_of_month (now);
    }

  if (month < 1 || month > 12 || day < 1 || day > 31 ||
      hour > 24 || (hour == 24 && (minute > 0 || seconds > 0)) || minute > 59 || seconds >= 61)
    return FALSE;

  if (g_regex_match (zone_re, rest, 0, &info))
    {
      g_autofree char *zone = g_match_info_fetch (info, 1);

      if (zone[0] == '+' || zone[0] == '-')
        {
          const char *digits = zone + 1;
          int hours, minutes = 0;

          if (strchr (digits, ':'))
            hours = atoi (digits), minutes = atoi (strchr (digits, ':') + 1);
          else if (strlen (digits) > 2)
            hours = atoi (digits) / 100, minutes = atoi (digits) % 100;
          else
            hours = atoi (digits);
          offset = (zone[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        }
    }

  if (out != NULL)
    {
      g_autoptr(GDateTime) base = NULL;

      tz = g_time_zone_new_offset (offset);
      /* Ruby rolls 31 November over into 1 December; so do we. */
      base = g_date_time_new (tz, year, month, 1, hour == 24 ? 0 : hour, minute, seconds);
      if (base == NULL)
        return FALSE;
      *out = g_date_time_add_days (base, day - 1 + (hour == 24 ? 1 : 0));
    }

  return TRUE;
}
