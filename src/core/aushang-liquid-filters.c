/* aushang-liquid-filters.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-liquid"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "aushang-liquid-private.h"

/* Liquid 5.4's standard filters, with Ruby's string and number rules. */

#define ARG(i) ((i) < args->len ? (AushangValue *) g_ptr_array_index (args, (i)) : NULL)

static char *
text_of (Render             *render,
         const AushangValue *value)
{
  return liquid_to_text (value, render->env->time_zone);
}

static gboolean
is_kind (const AushangValue *value,
         AushangValueKind    kind)
{
  return value != NULL && aushang_value_get_kind (value) == kind;
}

static gboolean
need_args (Render     *render,
           const char *name,
           GPtrArray  *args,
           guint       min,
           guint       max)
{
  if (args->len < min || args->len > max)
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                          _("Wrong number of arguments for filter “%s” (given %u, expected %u to %u)"),
                          name, args->len, min, max);
      return FALSE;
    }
  return TRUE;
}

/* Ruby's String#split: " " splits on runs of whitespace and ignores
 * leading whitespace; "" splits into characters; trailing empty fields
 * are dropped. */
static AushangValue *
ruby_split (const char *text,
            const char *pattern)
{
  AushangValue *list = aushang_value_new_list ();
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);

  if (*pattern == '\0')
    {
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        g_ptr_array_add (parts, g_strndup (p, g_utf8_next_char (p) - p));
    }
  else if (strcmp (pattern, " ") == 0)
    {
      const char *p = text;

      for (;;)
        {
          const char *start;

          while (g_ascii_isspace (*p))
            p++;
          if (*p == '\0')
            break;
          start = p;
          while (*p != '\0' && !g_ascii_isspace (*p))
            p++;
          g_ptr_array_add (parts, g_strndup (start, p - start));
        }
    }
  else
    {
      const char *p = text;
      gsize plen = strlen (pattern);
      const char *hit;

      if (*text != '\0')
        {
          while ((hit = strstr (p, pattern)) != NULL)
            {
              g_ptr_array_add (parts, g_strndup (p, hit - p));
              p = hit + plen;
            }
          g_ptr_array_add (parts, g_strdup (p));
        }
      while (parts->len > 0 && *(char *) g_ptr_array_index (parts, parts->len - 1) == '\0')
        g_ptr_array_remove_index (parts, parts->len - 1);
    }
  for (guint i = 0; i < parts->len; i++)
    aushang_value_list_append (list, aushang_value_new_string (g_ptr_array_index (parts, i)));
  g_ptr_array_unref (parts);
  return list;
}

static char *
replace_all (const char *text,
             const char *needle,
             const char *replacement,
             gboolean    first_only)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *hit;
  gsize nlen = strlen (needle);

  if (nlen == 0)
    {
      /* Ruby inserts the replacement between all characters. */
      if (first_only)
        {
          g_string_append (out, replacement);
          g_string_append (out, text);
          return g_string_free (out, FALSE);
        }
      for (; *p != '\0'; p = g_utf8_next_char (p))
        {
          g_string_append (out, replacement);
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
      g_string_append (out, replacement);
      return g_string_free (out, FALSE);
    }
  while ((hit = strstr (p, needle)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, replacement);
      p = hit + nlen;
      if (first_only)
        break;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static char *
html_escape (const char *text,
             gboolean    once)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        case '&':
          if (once)
            {
              const char *q = p + 1;

              if (*q == '#')
                {
                  q++;
                  if (g_ascii_isdigit (*q))
                    {
                      while (g_ascii_isdigit (*q))
                        q++;
                      if (*q == ';')
                        {
                          g_string_append_c (out, '&');
                          break;
                        }
                    }
                }
              else if (g_ascii_isalpha (*q))
                {
                  while (g_ascii_isalpha (*q))
                    q++;
                  if (*q == ';')
                    {
                      g_string_append_c (out, '&');
                      break;
                    }
                }
            }
          g_string_append (out, "&amp;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
strip_html (const char *text)
{
  static GRegex *blocks, *tags;
  static gsize initialized;
  g_autofree char *without_blocks = NULL;

  if (g_once_init_enter (&initialized))
    {
      blocks = g_regex_new ("<script.*?</script>|<!--.*?-->|<style.*?</style>",
                            G_REGEX_DOTALL | G_REGEX_RAW, 0, NULL);
      tags = g_regex_new ("<.*?>", G_REGEX_DOTALL | G_REGEX_RAW, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  without_blocks = g_regex_replace_literal (blocks, text, -1, 0, "", 0, NULL);
  return g_regex_replace_literal (tags, without_blocks, -1, 0, "", 0, NULL);
}

static char *
substring_chars (const char *text,
                 glong       start,
                 glong       length)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (a, length);

  return g_strndup (a, b - a);
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                    */

static int
decimals_of (const AushangValue *value)
{
  g_autofree char *text = NULL;
  const char *dot;

  if (!is_kind (value, AUSHANG_VALUE_FLOAT))
    return 0;
  text = liquid_format_float (aushang_value_get_float (value));
  if (strchr (text, 'e') != NULL)
    return 15;
  dot = strchr (text, '.');
  return dot != NULL ? (int) strlen (dot + 1) : 0;
}

/* Floats go through BigDecimal in Liquid: 0.1 + 0.2 is 0.3. */
static double
round_decimal (double value,
               int    decimals)
{
  char buf[64];

  if (decimals > 15)
    return value;
  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);
  return g_ascii_strtod (buf, NULL);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static AushangValue *
arithmetic (Render             *render,
            char                op,
            const AushangValue *input,
            const AushangValue *operand)
{
  g_autoptr(AushangValue) a = liquid_to_number (input);
  g_autoptr(AushangValue) b = liquid_to_number (operand);

  if (is_kind (a, AUSHANG_VALUE_INTEGER) && is_kind (b, AUSHANG_VALUE_INTEGER))
    {
      gint64 x = aushang_value_get_integer (a), y = aushang_value_get_integer (b);

      switch (op)
        {
        case '+': return aushang_value_new_integer (x + y);
        case '-': return aushang_value_new_integer (x - y);
        case '*': return aushang_value_new_integer (x * y);
        case '/':
        case '%':
          if (y == 0)
            {
              liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT, _("Divided by 0"));
              return NULL;
            }
          if (op == '/')
            return aushang_value_new_integer (floor_div (x, y));
          return aushang_value_new_integer (x - y * floor_div (x, y));
        default:
          g_assert_not_reached ();
        }
    }
  else
    {
      double x = is_kind (a, AUSHANG_VALUE_INTEGER) ? (double) aushang_value_get_integer (a) : aushang_value_get_float (a);
      double y = is_kind (b, AUSHANG_VALUE_INTEGER) ? (double) aushang_value_get_integer (b) : aushang_value_get_float (b);
      int da = decimals_of (a), db = decimals_of (b);

      switch (op)
        {
        case '+': return aushang_value_new_float (round_decimal (x + y, MAX (da, db)));
        case '-': return aushang_value_new_float (round_decimal (x - y, MAX (da, db)));
        case '*': return aushang_value_new_float (round_decimal (x * y, da + db));
        case '/':
        case '%':
          if (y == 0)
            {
              liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT, _("Divided by 0"));
              return NULL;
            }
          if (op == '/')
            return aushang_value_new_float (x / y);
          return aushang_value_new_float (round_decimal (x - y * floor (x / y), MAX (da, db)));
        default:
          g_assert_not_reached ();
        }
    }
  return NULL;
}

static double
as_double (const AushangValue *number)
{
  return is_kind (number, AUSHANG_VALUE_INTEGER) ? (double) aushang_value_get_integer (number)
                                                 : aushang_value_get_float (number);
}

/* ------------------------------------------------------------------------ */
/* Lists                                                                      */

static AushangValue *
sort_list (Render             *render,
           const AushangValue *input,
           const char         *property,
           gboolean            natural)
{
  g_autoptr(AushangValue) list = liquid_to_list (input, TRUE);
  guint n = aushang_value_get_length (list);
  g_autofree AushangValue **items = g_new0 (AushangValue *, n + 1);
  AushangValue *sorted;

  for (guint i = 0; i < n; i++)
    items[i] = aushang_value_get_item (list, i);

  /* A stable insertion sort (lists are short; Ruby's sort is not stable,
   * but equal keys rarely matter for what is shown). */
  for (guint i = 1; i < n; i++)
    {
      AushangValue *item = items[i];
      guint j = i;

      while (j > 0)
        {
          AushangValue *a = items[j - 1];
          AushangValue *b = item;
          g_autoptr(AushangValue) ka = property != NULL ? liquid_lookup_key (a, property) : liquid_ref_or_nil (a);
          g_autoptr(AushangValue) kb = property != NULL ? liquid_lookup_key (b, property) : liquid_ref_or_nil (b);
          int c;

          if (natural)
            {
              if (liquid_is_nil (ka) || liquid_is_nil (kb))
                c = liquid_is_nil (ka) ? (liquid_is_nil (kb) ? 0 : 1) : -1;
              else
                {
                  g_autofree char *ta = text_of (render, ka);
                  g_autofree char *tb = text_of (render, kb);

                  c = g_ascii_strcasecmp (ta, tb);
                }
            }
          else if (!liquid_compare (ka, kb, &c))
            {
              if (liquid_is_nil (ka))
                c = 1;
              else if (liquid_is_nil (kb))
                c = -1;
              else
                {
                  liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                                      _("Cannot sort values of incompatible types"));
                  return NULL;
                }
            }
          if (c <= 0)
            break;
          items[j] = items[j - 1];
          j--;
        }
      items[j] = item;
    }
  sorted = aushang_value_new_list ();
  for (guint i = 0; i < n; i++)
    aushang_value_list_append (sorted, aushang_value_ref (items[i]));
  return sorted;
}

static AushangValue *
uniq_list (const AushangValue *input,
           const char         *property)
{
  g_autoptr(AushangValue) list = liquid_to_list (input, TRUE);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
  AushangValue *result = aushang_value_new_list ();

  for (guint i = 0; i < aushang_value_get_length (list); i++)
    {
      AushangValue *item = aushang_value_get_item (list, i);
      AushangValue *key = property != NULL ? liquid_lookup_key (item, property) : liquid_ref_or_nil (item);
      gboolean seen = FALSE;

      for (guint j = 0; j < keys->len && !seen; j++)
        {
          AushangValue *other = g_ptr_array_index (keys, j);

          seen = liquid_is_nil (other) ? liquid_is_nil (key) : liquid_equal (other, key);
        }
      if (seen)
        {
          g_clear_pointer (&key, aushang_value_unref);
          continue;
        }
      g_ptr_array_add (keys, key != NULL ? key : aushang_value_new_null ());
      aushang_value_list_append (result, aushang_value_ref (item));
    }
  return result;
}

static AushangValue *
map_list (const AushangValue *input,
          const char         *property)
{
  g_autoptr(AushangValue) list = liquid_to_list (input, TRUE);
  AushangValue *result = aushang_value_new_list ();

  for (guint i = 0; i < aushang_value_get_length (list); i++)
    {
      AushangValue *value = liquid_lookup_key (aushang_value_get_item (list, i), property);

      aushang_value_list_append (result, value != NULL ? value : aushang_value_new_null ());
    }
  return result;
}

/* ------------------------------------------------------------------------ */
/* The table                                                                  */

static const char * const standard_filters[] = {
  "size", "downcase", "upcase", "capitalize", "escape", "h", "escape_once",
  "url_encode", "url_decode", "base64_encode", "base64_decode", "slice",
  "truncate", "truncatewords", "split", "strip", "lstrip", "rstrip",
  "strip_html", "strip_newlines", "join", "sort", "sort_natural", "uniq",
  "reverse", "map", "compact", "replace", "replace_first", "replace_last",
  "remove", "remove_first", "remove_last", "append", "concat", "prepend",
  "newline_to_br", "date", "first", "last", "abs", "plus", "minus", "times",
  "divided_by", "modulo", "round", "ceil", "floor", "at_least", "at_most",
  "default", "where", NULL
};

static AushangValue *
apply_standard (Render       *render,
                const char   *name,
                AushangValue *input,
                GPtrArray    *args,
                GPtrArray    *kw_names,
                GPtrArray    *kw_values)
{
  g_autofree char *text = NULL;

#define TEXT() (text != NULL ? text : (text = text_of (render, input)))
#define STR(s) aushang_value_new_string (s)

  if (strcmp (name, "size") == 0)
    {
      if (is_kind (input, AUSHANG_VALUE_STRING))
        return aushang_value_new_integer (liquid_utf8_length (aushang_value_get_string (input)));
      if (is_kind (input, AUSHANG_VALUE_LIST) || is_kind (input, AUSHANG_VALUE_MAP))
        return aushang_value_new_integer (aushang_value_get_length (input));
      if (is_kind (input, AUSHANG_VALUE_INTEGER))
        return aushang_value_new_integer (8);
      return aushang_value_new_integer (0);
    }
  if (strcmp (name, "downcase") == 0)
    {
      g_autofree char *down = g_utf8_strdown (TEXT (), -1);

      return STR (down);
    }
  if (strcmp (name, "upcase") == 0)
    {
      g_autofree char *up = g_utf8_strup (TEXT (), -1);

      return STR (up);
    }
  if (strcmp (name, "capitalize") == 0)
    {
      const char *t = TEXT ();
      g_autoptr(GString) out = g_string_new (NULL);

      if (*t != '\0')
        {
          const char *rest = g_utf8_next_char (t);
          g_autofree char *first = g_utf8_strup (t, rest - t);
          g_autofree char *tail = g_utf8_strdown (rest, -1);

          g_string_append (out, first);
          g_string_append (out, tail);
        }
      return STR (out->str);
    }
  if (strcmp (name, "escape") == 0 || strcmp (name, "h") == 0)
    {
      g_autofree char *escaped = NULL;

      if (liquid_is_nil (input))
        return NULL;
      escaped = html_escape (TEXT (), FALSE);
      return STR (escaped);
    }
  if (strcmp (name, "escape_once") == 0)
    {
      g_autofree char *escaped = html_escape (TEXT (), TRUE);

      return STR (escaped);
    }
  if (strcmp (name, "url_encode") == 0)
    {
      g_autofree char *escaped = NULL;

      if (liquid_is_nil (input))
        return NULL;
      escaped = g_uri_escape_string (TEXT (), "*-._", FALSE);
      /* CGI.escape writes spaces as "+". */
      {
        g_autofree char *plus = replace_all (escaped, "%20", "+", FALSE);

        return STR (plus);
      }
    }
  if (strcmp (name, "url_decode") == 0)
    {
      g_autofree char *spaces = NULL;
      g_autofree char *decoded = NULL;

      if (liquid_is_nil (input))
        return NULL;
      spaces = replace_all (TEXT (), "+", " ", FALSE);
      decoded = g_uri_unescape_string (spaces, NULL);
      return STR (decoded != NULL ? decoded : spaces);
    }
  if (strcmp (name, "base64_encode") == 0)
    {
      const char *t = TEXT ();
      g_autofree char *encoded = g_base64_encode ((const guchar *) t, strlen (t));

      return STR (encoded);
    }
  if (strcmp (name, "base64_decode") == 0)
    {
      gsize len;
      g_autofree guchar *decoded = g_base64_decode (TEXT (), &len);
      g_autofree char *str = g_strndup ((const char *) decoded, len);

      return STR (str);
    }
  if (strcmp (name, "slice") == 0)
    {
      gboolean ok;
      gint64 offset, length = 1;

      if (!need_args (render, name, args, 1, 2))
        return NULL;
      offset = liquid_to_integer (ARG (0), &ok);
      if (args->len > 1)
        length = liquid_to_integer (ARG (1), &ok);
      if (is_kind (input, AUSHANG_VALUE_LIST))
        {
          gint64 n = aushang_value_get_length (input);
          AushangValue *result = aushang_value_new_list ();

          if (offset < 0)
            offset += n;
          if (offset < 0 || offset > n || length < 0)
            return result;
          for (gint64 i = offset; i < MIN (n, offset + length); i++)
            aushang_value_list_append (result, aushang_value_ref (aushang_value_get_item (input, i)));
          return result;
        }
      else
        {
          glong n = liquid_utf8_length (TEXT ());
          g_autofree char *part = NULL;

          if (offset < 0)
            offset += n;
          if (offset < 0 || offset > n || length < 0)
            return STR ("");
          part = substring_chars (text, offset, MIN (length, n - offset));
          return STR (part);
        }
    }
  if (strcmp (name, "truncate") == 0)
    {
      gboolean ok;
      gint64 length = 50;
      g_autofree char *ellipsis = g_strdup ("...");
      glong n, l;

      if (liquid_is_nil (input))
        return NULL;
      if (args->len > 0)
        length = liquid_to_integer (ARG (0), &ok);
      if (args->len > 1)
        {
          g_free (ellipsis);
          ellipsis = text_of (render, ARG (1));
        }
      n = liquid_utf8_length (TEXT ());
      if (n <= length)
        return STR (text);
      l = MAX (0, length - liquid_utf8_length (ellipsis));
      {
        g_autofree char *part = substring_chars (text, 0, l);
        g_autofree char *joined = g_strconcat (part, ellipsis, NULL);

        return STR (joined);
      }
    }
  if (strcmp (name, "truncatewords") == 0)
    {
      gboolean ok;
      gint64 words = 15;
      g_autofree char *ellipsis = g_strdup ("...");
      g_autoptr(AushangValue) list = NULL;
      g_autoptr(GString) out = NULL;

      if (liquid_is_nil (input))
        return NULL;
      if (args->len > 0)
        words = liquid_to_integer (ARG (0), &ok);
      if (words <= 0)
        words = 1;
      if (args->len > 1)
        {
          g_free (ellipsis);
          ellipsis = text_of (render, ARG (1));
        }
      list = ruby_split (TEXT (), " ");
      if (aushang_value_get_length (list) <= words)
        return STR (text);
      out = g_string_new (NULL);
      for (gint64 i = 0; i < words; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, aushang_value_get_string (aushang_value_get_item (list, i)));
        }
      g_string_append (out, ellipsis);
      return STR (out->str);
    }
  if (strcmp (name, "split") == 0)
    {
      g_autofree char *pattern = NULL;

      if (!need_args (render, name, args, 1, 1))
        return NULL;
      pattern = text_of (render, ARG (0));
      return ruby_split (TEXT (), pattern);
    }
  if (strcmp (name, "strip") == 0 || strcmp (name, "lstrip") == 0 || strcmp (name, "rstrip") == 0)
    {
      g_autofree char *copy = g_strdup (TEXT ());

      if (name[0] != 'r')
        g_strchug (copy);
      if (name[0] != 'l')
        g_strchomp (copy);
      return STR (copy);
    }
  if (strcmp (name, "strip_html") == 0)
    {
      g_autofree char *stripped = strip_html (TEXT ());

      return STR (stripped);
    }
  if (strcmp (name, "strip_newlines") == 0 || strcmp (name, "newline_to_br") == 0)
    {
      const char *replacement = name[0] == 'n' ? "<br />\n" : "";
      g_autoptr(GString) out = g_string_new (NULL);

      for (const char *p = TEXT (); *p != '\0'; p++)
        {
          if (*p == '\r' && p[1] == '\n')
            continue;
          if (*p == '\n')
            g_string_append (out, replacement);
          else
            g_string_append_c (out, *p);
        }
      return STR (out->str);
    }
  if (strcmp (name, "join") == 0)
    {
      g_autoptr(AushangValue) list = liquid_to_list (input, TRUE);
      g_autofree char *glue = args->len > 0 ? text_of (render, ARG (0)) : g_strdup (" ");
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < aushang_value_get_length (list); i++)
        {
          if (i > 0)
            g_string_append (out, glue);
          liquid_append_text (out, aushang_value_get_item (list, i), render->env->time_zone);
        }
      return STR (out->str);
    }
  if (strcmp (name, "sort") == 0 || strcmp (name, "sort_natural") == 0)
    {
      g_autofree char *property = args->len > 0 && !liquid_is_nil (ARG (0)) ? text_of (render, ARG (0)) : NULL;

      return sort_list (render, input, property, strcmp (name, "sort_natural") == 0);
    }
  if (strcmp (name, "uniq") == 0)
    {
      g_autofree char *property = args->len > 0 && !liquid_is_nil (ARG (0)) ? text_of (render, ARG (0)) : NULL;

      return uniq_list (input, property);
    }
  if (strcmp (name, "reverse") == 0)
    {
      g_autoptr(AushangValue) list = liquid_to_list (input, TRUE);
      AushangValue *result = aushang_value_new_list ();

      for (guint i = aushang_value_get_length (list); i > 0; i--)
        aushang_value_list_append (result, aushang_value_ref (aushang_value_get_item (list, i - 1)));
      return result;
    }
  if (strcmp (name, "map") == 0)
    {
      g_autofree char *property = NULL;

      if (!need_args (render, name, args, 1, 1))
        return NULL;
      property = text_of (render, ARG (0));
      return map_list (input, property);
    }
  if (strcmp (name, "compact") == 0)
    {
      g_autoptr(AushangValue) list = liquid_to_list (input, TRUE);
      g_autofree char *property = args->len > 0 ? text_of (render, ARG (0)) : NULL;
      AushangValue *result = aushang_value_new_list ();

      for (guint i = 0; i < aushang_value_get_length (list); i++)
        {
          AushangValue *item = aushang_value_get_item (list, i);
          g_autoptr(AushangValue) key = property != NULL ? liquid_lookup_key (item, property)
                                                         : liquid_ref_or_nil (item);

          if (!liquid_is_nil (key))
            aushang_value_list_append (result, aushang_value_ref (item));
        }
      return result;
    }
  if (g_str_has_prefix (name, "replace") || g_str_has_prefix (name, "remove"))
    {
      gboolean remove = name[2] == 'm';
      const char *mode = strchr (name, '_');
      g_autofree char *needle = NULL;
      g_autofree char *replacement = NULL;
      g_autofree char *result = NULL;

      if (!need_args (render, name, args, 1, remove ? 1 : 2))
        return NULL;
      needle = text_of (render, ARG (0));
      replacement = remove ? g_strdup ("") : args->len > 1 ? text_of (render, ARG (1)) : g_strdup ("");
      if (mode != NULL && strcmp (mode, "_last") == 0)
        {
          const char *t = TEXT ();
          const char *last = NULL;

          for (const char *p = strstr (t, needle); p != NULL && *needle != '\0'; p = strstr (p + 1, needle))
            last = p;
          if (last == NULL)
            return STR (t);
          result = g_strdup_printf ("%.*s%s%s", (int) (last - t), t, replacement, last + strlen (needle));
        }
      else
        result = replace_all (TEXT (), needle, replacement, mode != NULL);
      return STR (result);
    }
  if (strcmp (name, "append") == 0 || strcmp (name, "prepend") == 0)
    {
      g_autofree char *other = NULL;
      g_autofree char *joined = NULL;

      if (!need_args (render, name, args, 1, 1))
        return NULL;
      other = text_of (render, ARG (0));
      joined = name[0] == 'a' ? g_strconcat (TEXT (), other, NULL) : g_strconcat (other, TEXT (), NULL);
      return STR (joined);
    }
  if (strcmp (name, "concat") == 0)
    {
      AushangValue *result;

      if (!need_args (render, name, args, 1, 1))
        return NULL;
      if (!is_kind (ARG (0), AUSHANG_VALUE_LIST))
        {
          liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                              _("The concat filter requires a list argument"));
          return NULL;
        }
      result = liquid_to_list (input, TRUE);
      for (guint i = 0; i < aushang_value_get_length (ARG (0)); i++)
        aushang_value_list_append (result, aushang_value_ref (aushang_value_get_item (ARG (0), i)));
      return result;
    }
  if (strcmp (name, "first") == 0 || strcmp (name, "last") == 0)
    {
      guint n;

      if (is_kind (input, AUSHANG_VALUE_MAP) && name[0] == 'f')
        {
          g_autoptr(AushangValue) key = aushang_value_new_string ("first");

          return liquid_lookup (input, key, TRUE);
        }
      if (!is_kind (input, AUSHANG_VALUE_LIST))
        return NULL;
      n = aushang_value_get_length (input);
      if (n == 0)
        return NULL;
      return liquid_ref_or_nil (aushang_value_get_item (input, name[0] == 'f' ? 0 : n - 1));
    }
  if (strcmp (name, "plus") == 0 || strcmp (name, "minus") == 0 || strcmp (name, "times") == 0 ||
      strcmp (name, "divided_by") == 0 || strcmp (name, "modulo") == 0)
    {
      char op = name[0] == 'p' ? '+' : name[0] == 'm' && name[1] == 'i' ? '-' :
                name[0] == 't' ? '*' : name[0] == 'd' ? '/' : '%';

      if (!need_args (render, name, args, 1, 1))
        return NULL;
      return arithmetic (render, op, input, ARG (0));
    }
  if (strcmp (name, "abs") == 0 || strcmp (name, "ceil") == 0 || strcmp (name, "floor") == 0 ||
      strcmp (name, "round") == 0)
    {
      g_autoptr(AushangValue) n = liquid_to_number (input);
      double x = as_double (n);

      if (name[0] == 'a')
        {
          if (is_kind (n, AUSHANG_VALUE_INTEGER))
            return aushang_value_new_integer (ABS (aushang_value_get_integer (n)));
          return aushang_value_new_float (fabs (x));
        }
      if (name[0] == 'c')
        return aushang_value_new_integer ((gint64) ceil (x));
      if (name[0] == 'f')
        return aushang_value_new_integer ((gint64) floor (x));
      {
        gboolean ok;
        gint64 digits = args->len > 0 ? liquid_to_integer (ARG (0), &ok) : 0;
        double scale = pow (10, (double) digits);
        double rounded = round (x * scale) / scale;

        if (digits == 0 || is_kind (n, AUSHANG_VALUE_INTEGER))
          return aushang_value_new_integer ((gint64) rounded);
        return aushang_value_new_float (rounded);
      }
    }
  if (strcmp (name, "at_least") == 0 || strcmp (name, "at_most") == 0)
    {
      g_autoptr(AushangValue) n = liquid_to_number (input);
      g_autoptr(AushangValue) bound = NULL;
      int c;

      if (!need_args (render, name, args, 1, 1))
        return NULL;
      bound = liquid_to_number (ARG (0));
      liquid_compare (n, bound, &c);
      if ((name[3] == 'l' && c < 0) || (name[3] == 'm' && c > 0))
        return aushang_value_ref (bound);
      return aushang_value_ref (n);
    }
  if (strcmp (name, "default") == 0)
    {
      gboolean allow_false = FALSE;
      gboolean use_default;

      for (guint i = 0; i < kw_names->len; i++)
        if (strcmp (g_ptr_array_index (kw_names, i), "allow_false") == 0)
          allow_false = liquid_truthy (g_ptr_array_index (kw_values, i));
      use_default = allow_false ? liquid_is_nil (input) : !liquid_truthy (input);
      if (!use_default && !liquid_is_nil (input))
        {
          AushangValueKind kind = aushang_value_get_kind (input);

          if ((kind == AUSHANG_VALUE_STRING && *aushang_value_get_string (input) == '\0') ||
              ((kind == AUSHANG_VALUE_LIST || kind == AUSHANG_VALUE_MAP) &&
               aushang_value_get_length (input) == 0))
            use_default = TRUE;
        }
      if (use_default)
        return args->len > 0 ? liquid_ref_or_nil (ARG (0)) : STR ("");
      return liquid_ref_or_nil (input);
    }
  if (strcmp (name, "date") == 0)
    {
      g_autofree char *format = NULL;
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *formatted = NULL;

      if (!need_args (render, name, args, 1, 1))
        return NULL;
      format = text_of (render, ARG (0));
      if (*format == '\0')
        return liquid_ref_or_nil (input);
      date = liquid_to_date_time (input, render->env->time_zone, render->env->now);
      if (date == NULL)
        return liquid_ref_or_nil (input);
      formatted = aushang_liquid_strftime (date, format);
      return STR (formatted);
    }
  if (strcmp (name, "where") == 0)
    {
      /* Liquid's own where; Jekyll's replaces it (aushang-liquid-jekyll.c). */
      return NULL;
    }

#undef TEXT
#undef STR
  return NULL;
}

gboolean
liquid_filter_exists (const char *name)
{
  return g_strv_contains (standard_filters, name);
}

AushangValue *
liquid_apply_filter (Render       *render,
                     const char   *name,
                     AushangValue *input,
                     GPtrArray    *args,
                     GPtrArray    *kw_names,
                     GPtrArray    *kw_values)
{
  gboolean found = FALSE;
  AushangValue *result;

  result = liquid_apply_jekyll_filter (render, name, input, args, &found);
  if (found)
    return result;
  if (!liquid_filter_exists (name))
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_UNKNOWN_FILTER,
                          _("Unknown filter “%s”"), name);
      return NULL;
    }
  return apply_standard (render, name, input, args, kw_names, kw_values);
}
