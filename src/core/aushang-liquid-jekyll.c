/* aushang-liquid-jekyll.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-liquid"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-liquid-private.h"

/* What Jekyll 4.3.1 adds to Liquid: its filters (where and sort with
 * Jekyll's rules, dates, URLs, slugify, jsonify, markdownify, ...) and
 * Ruby's strftime. */

#define ARG(i) ((i) < args->len ? (AushangValue *) g_ptr_array_index (args, (i)) : NULL)

static gboolean
is_kind (const AushangValue *value,
         AushangValueKind    kind)
{
  return value != NULL && aushang_value_get_kind (value) == kind;
}

/* ------------------------------------------------------------------------ */
/* Ruby's strftime                                                            */

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"
};
static const char * const day_names[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};

static void
append_padded (GString    *out,
               gint64      value,
               int         width,
               char        pad,
               int         default_width,
               char        default_pad)
{
  char buf[32];
  int len;

  if (width < 0)
    width = default_width;
  if (pad == 0)
    pad = default_pad;
  len = g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value < 0 ? -value : value);
  if (value < 0)
    g_string_append_c (out, '-');
  if (pad != '-')
    for (int i = len + (value < 0 ? 1 : 0); i < width; i++)
      g_string_append_c (out, pad == '_' ? ' ' : pad);
  g_string_append (out, buf);
}

static void
append_name (GString    *out,
             const char *name,
             gboolean    upper,
             int         width,
             char        pad)
{
  int len = (int) strlen (name);

  if (pad != '-')
    for (int i = len; i < width; i++)
      g_string_append_c (out, pad == '0' ? '0' : ' ');
  if (upper)
    {
      g_autofree char *up = g_ascii_strup (name, -1);

      g_string_append (out, up);
    }
  else
    g_string_append (out, name);
}

char *
aushang_liquid_strftime (GDateTime  *date,
                         const char *format)
{
  GString *out = g_string_new (NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      char pad = 0;
      gboolean upper = FALSE;
      gboolean colon = FALSE;
      int width = -1;
      const char *start = p;
      int hour12;
      GTimeSpan offset;
      int minutes;

      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      for (;; p++)
        {
          if (*p == '-' || *p == '_' || *p == '0')
            pad = *p;
          else if (*p == '^' || *p == '#')
            upper = TRUE;
          else if (*p == ':')
            colon = TRUE;
          else
            break;
        }
      if (g_ascii_isdigit (*p))
        {
          width = 0;
          while (g_ascii_isdigit (*p))
            width = width * 10 + (*p++ - '0');
        }
      hour12 = g_date_time_get_hour (date) % 12;
      if (hour12 == 0)
        hour12 = 12;
      switch (*p)
        {
        case 'Y': append_padded (out, g_date_time_get_year (date), width, pad, 1, '0'); break;
        case 'C': append_padded (out, g_date_time_get_year (date) / 100, width, pad, 2, '0'); break;
        case 'y': append_padded (out, g_date_time_get_year (date) % 100, width, pad, 2, '0'); break;
        case 'm': append_padded (out, g_date_time_get_month (date), width, pad, 2, '0'); break;
        case 'B':
          append_name (out, month_names[g_date_time_get_month (date) - 1], upper, width, pad);
          break;
        case 'b':
        case 'h':
          {
            char abbr[4];

            g_strlcpy (abbr, month_names[g_date_time_get_month (date) - 1], sizeof abbr);
            append_name (out, abbr, upper, width, pad);
          }
          break;
        case 'd': append_padded (out, g_date_time_get_day_of_month (date), width, pad, 2, '0'); break;
        case 'e': append_padded (out, g_date_time_get_day_of_month (date), width, pad, 2, '_'); break;
        case 'j': append_padded (out, g_date_time_get_day_of_year (date), width, pad, 3, '0'); break;
        case 'H': append_padded (out, g_date_time_get_hour (date), width, pad, 2, '0'); break;
        case 'k': append_padded (out, g_date_time_get_hour (date), width, pad, 2, '_'); break;
        case 'I': append_padded (out, hour12, width, pad, 2, '0'); break;
        case 'l': append_padded (out, hour12, width, pad, 2, '_'); break;
        case 'M': append_padded (out, g_date_time_get_minute (date), width, pad, 2, '0'); break;
        case 'S': append_padded (out, g_date_time_get_second (date), width, pad, 2, '0'); break;
        case 'L': append_padded (out, g_date_time_get_microsecond (date) / 1000, width, pad, 3, '0'); break;
        case 'N':
          {
            char buf[16];

            g_snprintf (buf, sizeof buf, "%06d000", g_date_time_get_microsecond (date));
            g_string_append_len (out, buf, width > 0 && width < 9 ? width : 9);
          }
          break;
        case 'p':
          g_string_append (out, g_date_time_get_hour (date) < 12 ? "AM" : "PM");
          break;
        case 'P':
          g_string_append (out, g_date_time_get_hour (date) < 12 ? "am" : "pm");
          break;
        case 'A':
          append_name (out, day_names[g_date_time_get_day_of_week (date) % 7], upper, width, pad);
          break;
        case 'a':
          {
            char abbr[4];

            g_strlcpy (abbr, day_names[g_date_time_get_day_of_week (date) % 7], sizeof abbr);
            append_name (out, abbr, upper, width, pad);
          }
          break;
        case 'u': append_padded (out, g_date_time_get_day_of_week (date), width, pad, 1, '0'); break;
        case 'w': append_padded (out, g_date_time_get_day_of_week (date) % 7, width, pad, 1, '0'); break;
        case 'U':
          {
            int yday = g_date_time_get_day_of_year (date) - 1;
            int wday = g_date_time_get_day_of_week (date) % 7;

            append_padded (out, (yday + 7 - wday) / 7, width, pad, 2, '0');
          }
          break;
        case 'W':
          {
            int yday = g_date_time_get_day_of_year (date) - 1;
            int wday = (g_date_time_get_day_of_week (date) + 6) % 7;

            append_padded (out, (yday + 7 - wday) / 7, width, pad, 2, '0');
          }
          break;
        case 'G': append_padded (out, g_date_time_get_week_numbering_year (date), width, pad, 4, '0'); break;
        case 'g': append_padded (out, g_date_time_get_week_numbering_year (date) % 100, width, pad, 2, '0'); break;
        case 'V': append_padded (out, g_date_time_get_week_of_year (date), width, pad, 2, '0'); break;
        case 's': append_padded (out, g_date_time_to_unix (date), width, pad, 1, '0'); break;
        case 'z':
          offset = g_date_time_get_utc_offset (date) / G_TIME_SPAN_SECOND;
          minutes = (int) (ABS (offset) / 60);
          g_string_append_printf (out, colon ? "%c%02d:%02d" : "%c%02d%02d",
                                  offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
          break;
        case 'Z':
          {
            const char *abbreviation = g_date_time_get_timezone_abbreviation (date);

            /* Ruby names UTC and the local zone; a bare offset has no name. */
            if (g_date_time_get_utc_offset (date) == 0)
              g_string_append (out, "UTC");
            else if (abbreviation[0] != '+' && abbreviation[0] != '-')
              g_string_append (out, abbreviation);
          }
          break;
        case 'c':
          {
            g_autofree char *part = aushang_liquid_strftime (date, "%a %b %e %H:%M:%S %Y");

            g_string_append (out, part);
          }
          break;
        case 'D':
        case 'x':
          {
            g_autofree char *part = aushang_liquid_strftime (date, "%m/%d/%y");

            g_string_append (out, part);
          }
          break;
        case 'F':
          {
            g_autofree char *part = aushang_liquid_strftime (date, "%Y-%m-%d");

            g_string_append (out, part);
          }
          break;
        case 'T':
        case 'X':
          {
            g_autofree char *part = aushang_liquid_strftime (date, "%H:%M:%S");

            g_string_append (out, part);
          }
          break;
        case 'R':
          {
            g_autofree char *part = aushang_liquid_strftime (date, "%H:%M");

            g_string_append (out, part);
          }
          break;
        case 'r':
          {
            g_autofree char *part = aushang_liquid_strftime (date, "%I:%M:%S %p");

            g_string_append (out, part);
          }
          break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case '%': g_string_append_c (out, '%'); break;
        case '\0':
          g_string_append (out, start);
          return g_string_free (out, FALSE);
        default:
          /* Ruby keeps an unknown directive as it is. */
          g_string_append_len (out, start, p + 1 - start);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* slugify                                                                    */

static gboolean
slug_keeps (gunichar    c,
            const char *mode)
{
  GUnicodeType type = g_unichar_type (c);

  if (strcmp (mode, "ascii") == 0)
    return c < 0x80 && g_ascii_isalnum (c);
  if (strcmp (mode, "raw") == 0)
    return !g_unichar_isspace (c);
  switch (type)
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
      return TRUE;
    default:
      return strcmp (mode, "pretty") == 0 && c < 0x80 && strchr ("._~!$&'()+,;=@", (int) c) != NULL;
    }
}

char *
aushang_liquid_slugify (const char *text,
                        const char *mode)
{
  static const char * const modes[] = { "raw", "default", "pretty", "ascii", "latin", NULL };
  g_autofree char *source = NULL;
  GString *out;
  gboolean in_run = FALSE;

  if (text == NULL)
    return NULL;
  if (mode == NULL || *mode == '\0')
    mode = "default";
  if (!g_strv_contains (modes, mode))
    return g_utf8_strdown (text, -1);
  if (strcmp (mode, "latin") == 0)
    source = g_str_to_ascii (text, "C");
  else
    source = g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = source; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (slug_keeps (c, mode))
        {
          g_string_append_unichar (out, c);
          in_run = FALSE;
        }
      else if (!in_run)
        {
          g_string_append_c (out, '-');
          in_run = TRUE;
        }
    }
  if (out->len > 0 && out->str[0] == '-')
    g_string_erase (out, 0, 1);
  if (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  {
    char *down = g_utf8_strdown (out->str, -1);

    g_string_free (out, TRUE);
    return down;
  }
}

/* ------------------------------------------------------------------------ */
/* URLs                                                                       */

static const char *
site_config_string (Render     *render,
                    const char *key)
{
  AushangValue *site;
  AushangValue *value;

  if (render->env->globals == NULL)
    return NULL;
  site = aushang_value_lookup (render->env->globals, "site");
  if (site == NULL || aushang_value_get_kind (site) != AUSHANG_VALUE_MAP)
    return NULL;
  value = aushang_value_lookup (site, key);
  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
    return NULL;
  return aushang_value_get_string (value);
}

static gboolean
is_absolute_uri (const char *url)
{
  const char *p = url;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '.' || *p == '-')
    p++;
  return *p == ':';
}

/* Addressable's normalize for a path: characters that cannot stand in a
 * URL are percent-encoded. */
static char *
normalize_url (const char *url)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (*p >= 0x80 || *p <= 0x20 || strchr ("\"<>`{}|\\^", *p) != NULL)
        g_string_append_printf (out, "%%%02X", *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
liquid_relative_url (Render     *render,
                     const char *url)
{
  const char *baseurl = site_config_string (render, "baseurl");
  g_autofree char *base = g_strdup (baseurl != NULL ? baseurl : "");
  g_autoptr(GString) joined = g_string_new (NULL);

  if (is_absolute_uri (url))
    return g_strdup (url);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  if (*base != '\0' && *base != '/')
    g_string_append_c (joined, '/');
  g_string_append (joined, base);
  if (*url != '\0' && *url != '/')
    g_string_append_c (joined, '/');
  g_string_append (joined, url);
  return normalize_url (joined->str);
}

char *
liquid_absolute_url (Render     *render,
                     const char *url)
{
  const char *site_url = site_config_string (render, "url");
  g_autofree char *relative = NULL;

  if (is_absolute_uri (url))
    return g_strdup (url);
  relative = liquid_relative_url (render, url);
  if (site_url == NULL || *site_url == '\0')
    return g_steal_pointer (&relative);
  return g_strconcat (site_url, relative, NULL);
}

/* ------------------------------------------------------------------------ */
/* where, sort and friends                                                    */

static gboolean
matches_number (const char *text,
                gboolean    allow_fraction)
{
  const char *p = text;
  gboolean digits = FALSE;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (allow_fraction && *p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  return digits && *p == '\0';
}

/* Jekyll's item_property with parse_sort_input: dotted paths, and text
 * that looks like a number compared as one. */
static AushangValue *
item_property (Render             *render,
               const AushangValue *item,
               const char         *property)
{
  g_auto(GStrv) parts = g_strsplit (property, ".", -1);
  AushangValue *value = liquid_ref_or_nil ((AushangValue *) item);
  g_autofree char *text = NULL;

  for (guint i = 0; parts[i] != NULL && value != NULL; i++)
    {
      AushangValue *next = liquid_lookup_key (value, parts[i]);

      aushang_value_unref (value);
      value = next;
    }
  if (value == NULL)
    return NULL;
  text = liquid_to_text (value, render->env->time_zone);
  if (matches_number (text, FALSE))
    {
      aushang_value_unref (value);
      return aushang_value_new_integer (g_ascii_strtoll (g_strstrip (text), NULL, 10));
    }
  if (matches_number (text, TRUE))
    {
      aushang_value_unref (value);
      return aushang_value_new_float (g_ascii_strtod (g_strstrip (text), NULL));
    }
  return value;
}

static gboolean
property_matches (Render             *render,
                  const AushangValue *property,
                  const AushangValue *target)
{
  g_autofree char *wanted = NULL;

  if (liquid_is_nil (target))
    return liquid_is_nil (property);
  if (liquid_is_nil (property))
    return FALSE;
  wanted = liquid_to_text (target, render->env->time_zone);
  if (aushang_value_get_kind (property) == AUSHANG_VALUE_LIST)
    {
      for (guint i = 0; i < aushang_value_get_length (property); i++)
        {
          g_autofree char *text = liquid_to_text (aushang_value_get_item (property, i),
                                                  render->env->time_zone);

          if (strcmp (text, wanted) == 0)
            return TRUE;
        }
      return FALSE;
    }
  {
    g_autofree char *text = liquid_to_text (property, render->env->time_zone);

    return strcmp (text, wanted) == 0;
  }
}

/* The items a filter looks at: a map's values, a list's items. */
static AushangValue *
selectable (const AushangValue *input)
{
  AushangValue *list;

  if (is_kind (input, AUSHANG_VALUE_LIST))
    return aushang_value_ref ((AushangValue *) input);
  if (!is_kind (input, AUSHANG_VALUE_MAP))
    return NULL;
  list = aushang_value_new_list ();
  for (guint i = 0; i < aushang_value_get_length (input); i++)
    aushang_value_list_append (list, aushang_value_ref (aushang_value_get_item (input, i)));
  return list;
}

static AushangValue *
where_filter (Render       *render,
              AushangValue *input,
              GPtrArray    *args,
              gboolean      find)
{
  g_autoptr(AushangValue) items = NULL;
  g_autofree char *property = NULL;
  AushangValue *target = ARG (1);
  AushangValue *result;

  if (args->len < 1 || liquid_is_nil (ARG (0)) ||
      is_kind (target, AUSHANG_VALUE_LIST) || is_kind (target, AUSHANG_VALUE_MAP))
    return liquid_ref_or_nil (input);
  items = selectable (input);
  if (items == NULL)
    return liquid_ref_or_nil (input);
  property = liquid_to_text (ARG (0), render->env->time_zone);
  result = find ? NULL : aushang_value_new_list ();
  for (guint i = 0; i < aushang_value_get_length (items); i++)
    {
      AushangValue *item = aushang_value_get_item (items, i);
      g_autoptr(AushangValue) value = item_property (render, item, property);

      if (property_matches (render, value, target))
        {
          if (find)
            return liquid_ref_or_nil (item);
          aushang_value_list_append (result, aushang_value_ref (item));
        }
    }
  return result;
}

static AushangValue *
where_exp_filter (Render       *render,
                  AushangValue *input,
                  GPtrArray    *args,
                  gboolean      find)
{
  g_autoptr(AushangValue) items = NULL;
  g_autofree char *variable = NULL;
  g_autofree char *expression = NULL;
  GError *inner = NULL;
  Cond *cond;
  AushangValue *result;

  if (args->len != 2)
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                          _("Wrong number of arguments for filter “%s” (given %u, expected %u to %u)"),
                          find ? "find_exp" : "where_exp", args->len, 2, 2);
      return NULL;
    }
  items = selectable (input);
  if (items == NULL)
    return liquid_ref_or_nil (input);
  variable = liquid_to_text (ARG (0), NULL);
  expression = liquid_to_text (ARG (1), NULL);
  cond = liquid_parse_condition (expression, &inner);
  if (cond == NULL)
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_SYNTAX, "%s", inner->message);
      g_error_free (inner);
      return NULL;
    }
  result = find ? NULL : aushang_value_new_list ();
  liquid_scope_push (render);
  for (guint i = 0; i < aushang_value_get_length (items) && render->error == NULL; i++)
    {
      AushangValue *item = aushang_value_get_item (items, i);

      liquid_scope_set (render, variable, liquid_ref_or_nil (item));
      if (liquid_eval_cond (render, cond))
        {
          if (find)
            {
              result = liquid_ref_or_nil (item);
              break;
            }
          aushang_value_list_append (result, aushang_value_ref (item));
        }
    }
  liquid_scope_pop (render);
  liquid_cond_free (cond);
  if (render->error != NULL)
    g_clear_pointer (&result, aushang_value_unref);
  return result;
}

static AushangValue *
jekyll_sort (Render       *render,
             AushangValue *input,
             GPtrArray    *args)
{
  g_autofree char *property = NULL;
  g_autofree char *nils = NULL;
  g_autoptr(AushangValue) list = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree guint *order = NULL;
  int nil_order = -1;
  guint n;
  AushangValue *sorted;

  if (liquid_is_nil (input))
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT, _("Cannot sort a null object"));
      return NULL;
    }
  list = selectable (input);
  if (list == NULL)
    list = liquid_to_list (input, FALSE);
  if (args->len > 0 && !liquid_is_nil (ARG (0)))
    property = liquid_to_text (ARG (0), NULL);
  if (args->len > 1)
    {
      nils = liquid_to_text (ARG (1), NULL);
      if (strcmp (nils, "last") == 0)
        nil_order = 1;
      else if (strcmp (nils, "first") != 0)
        {
          liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                              _("Invalid nils order “%s”; it must be “first” or “last”"), nils);
          return NULL;
        }
    }

  n = aushang_value_get_length (list);
  keys = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
  order = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      AushangValue *item = aushang_value_get_item (list, i);
      AushangValue *key = property != NULL ? item_property (render, item, property)
                                           : liquid_ref_or_nil (item);

      g_ptr_array_add (keys, key != NULL ? key : aushang_value_new_null ());
      order[i] = i;
    }

  /* Insertion sort: stable, and the lists in a site are short. */
  for (guint i = 1; i < n; i++)
    {
      guint current = order[i];
      guint j = i;

      while (j > 0)
        {
          AushangValue *a = g_ptr_array_index (keys, order[j - 1]);
          AushangValue *b = g_ptr_array_index (keys, current);
          int c;

          if (property == NULL)
            {
              if (!liquid_compare (a, b, &c))
                {
                  liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                                      _("Comparison of %s with %s failed"),
                                      aushang_value_kind_to_string (aushang_value_get_kind (a)),
                                      aushang_value_kind_to_string (aushang_value_get_kind (b)));
                  return NULL;
                }
            }
          else if (!liquid_is_nil (a) && liquid_is_nil (b))
            c = -nil_order;
          else if (liquid_is_nil (a) && !liquid_is_nil (b))
            c = nil_order;
          else if (!liquid_compare (a, b, &c))
            {
              g_autofree char *ta = liquid_to_text (a, render->env->time_zone);
              g_autofree char *tb = liquid_to_text (b, render->env->time_zone);

              c = strcmp (ta, tb);
            }
          if (c <= 0)
            break;
          order[j] = order[j - 1];
          j--;
        }
      order[j] = current;
    }

  sorted = aushang_value_new_list ();
  for (guint i = 0; i < n; i++)
    aushang_value_list_append (sorted, aushang_value_ref (aushang_value_get_item (list, order[i])));
  return sorted;
}

static AushangValue *
group_by (Render       *render,
          AushangValue *input,
          GPtrArray    *args)
{
  g_autoptr(AushangValue) items = selectable (input);
  g_autofree char *property = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
  AushangValue *result;

  if (items == NULL || args->len < 1)
    return liquid_ref_or_nil (input);
  property = liquid_to_text (ARG (0), NULL);
  for (guint i = 0; i < aushang_value_get_length (items); i++)
    {
      AushangValue *item = aushang_value_get_item (items, i);
      g_autoptr(AushangValue) key = item_property (render, item, property);
      char *name = liquid_to_text (key, render->env->time_zone);
      guint index;

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, &index))
        {
          g_ptr_array_add (names, name);
          g_ptr_array_add (groups, aushang_value_new_list ());
          index = names->len - 1;
        }
      else
        g_free (name);
      aushang_value_list_append (g_ptr_array_index (groups, index), aushang_value_ref (item));
    }
  result = aushang_value_new_list ();
  for (guint i = 0; i < names->len; i++)
    {
      AushangValue *group = aushang_value_new_map ();
      AushangValue *members = g_ptr_array_index (groups, i);

      aushang_value_map_insert (group, "name", aushang_value_new_string (g_ptr_array_index (names, i)));
      aushang_value_map_insert (group, "items", aushang_value_ref (members));
      aushang_value_map_insert (group, "size", aushang_value_new_integer (aushang_value_get_length (members)));
      aushang_value_list_append (result, group);
    }
  return result;
}

/* ------------------------------------------------------------------------ */
/* Dates                                                                      */

/* Jekyll's time(): the date in the site's zone; an error when the input
 * is not a date. */
static GDateTime *
jekyll_time (Render             *render,
             const AushangValue *input)
{
  g_autoptr(GDateTime) date = liquid_to_date_time (input, render->env->time_zone, render->env->now);
  GTimeZone *tz = render->env->time_zone;

  if (date == NULL)
    {
      g_autoptr(GString) shown = g_string_new (NULL);

      liquid_append_inspect (shown, input, NULL);
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                          _("Invalid date: %s is not a valid datetime"), shown->str);
      return NULL;
    }
  if (is_kind (input, AUSHANG_VALUE_DATE))
    return g_date_time_new (tz, g_date_time_get_year (date), g_date_time_get_month (date),
                            g_date_time_get_day_of_month (date), 0, 0, 0);
  return g_date_time_to_timezone (date, tz);
}

static AushangValue *
date_filter (Render       *render,
             const char   *name,
             AushangValue *input,
             GPtrArray    *args)
{
  g_autofree char *text = liquid_to_text (input, render->env->time_zone);
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *formatted = NULL;

  if (*text == '\0')
    return liquid_ref_or_nil (input);
  time = jekyll_time (render, input);
  if (time == NULL)
    return NULL;

  if (strcmp (name, "date_to_xmlschema") == 0)
    formatted = aushang_liquid_strftime (time, "%Y-%m-%dT%H:%M:%S%:z");
  else if (strcmp (name, "date_to_rfc822") == 0)
    formatted = aushang_liquid_strftime (time, "%a, %d %b %Y %H:%M:%S %z");
  else
    {
      const char *month = strcmp (name, "date_to_long_string") == 0 ? "%B" : "%b";
      g_autofree char *type = args->len > 0 ? liquid_to_text (ARG (0), NULL) : g_strdup ("");
      g_autofree char *style = args->len > 1 ? liquid_to_text (ARG (1), NULL) : g_strdup ("");
      g_autofree char *format = NULL;

      if (strcmp (type, "ordinal") == 0)
        {
          int day = g_date_time_get_day_of_month (time);
          const char *suffix = (day >= 11 && day <= 13) ? "th" :
                               day % 10 == 1 ? "st" : day % 10 == 2 ? "nd" :
                               day % 10 == 3 ? "rd" : "th";

          if (strcmp (style, "US") == 0)
            format = g_strdup_printf ("%s %d%s, %%Y", month, day, suffix);
          else
            format = g_strdup_printf ("%d%s %s %%Y", day, suffix, month);
        }
      else
        format = g_strdup_printf ("%%d %s %%Y", month);
      formatted = aushang_liquid_strftime (time, format);
    }
  return aushang_value_new_string (formatted);
}

/* ------------------------------------------------------------------------ */
/* jsonify                                                                    */

/* Ruby's to_json: strings with escapes, UTF-8 kept, times and dates as
 * their text. */
static void
append_json (GString            *out,
             const AushangValue *value,
             GTimeZone          *tz)
{
  if (liquid_is_nil (value))
    {
      g_string_append (out, "null");
      return;
    }
  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_LIST:
      g_string_append_c (out, '[');
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_json (out, aushang_value_get_item (value, i), tz);
        }
      g_string_append_c (out, ']');
      return;
    case AUSHANG_VALUE_MAP:
      g_string_append_c (out, '{');
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          g_autoptr(AushangValue) key = aushang_value_new_string (aushang_value_get_key (value, i));

          if (i > 0)
            g_string_append_c (out, ',');
          append_json (out, key, tz);
          g_string_append_c (out, ':');
          append_json (out, aushang_value_get_item (value, i), tz);
        }
      g_string_append_c (out, '}');
      return;
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
      liquid_append_text (out, value, tz);
      return;
    case AUSHANG_VALUE_STRING:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    case AUSHANG_VALUE_NULL:
    default:
      {
        g_autofree char *text = liquid_to_text (value, tz);

        g_string_append_c (out, '"');
        for (const char *p = text; *p != '\0'; p++)
          {
            switch (*p)
              {
              case '"': g_string_append (out, "\\\""); break;
              case '\\': g_string_append (out, "\\\\"); break;
              case '\n': g_string_append (out, "\\n"); break;
              case '\r': g_string_append (out, "\\r"); break;
              case '\t': g_string_append (out, "\\t"); break;
              case '\b': g_string_append (out, "\\b"); break;
              case '\f': g_string_append (out, "\\f"); break;
              default:
                if ((guchar) *p < 0x20)
                  g_string_append_printf (out, "\\u%04x", (guchar) *p);
                else
                  g_string_append_c (out, *p);
              }
          }
        g_string_append_c (out, '"');
      }
      return;
    }
}

/* ------------------------------------------------------------------------ */
/* The table                                                                  */

static AushangValue *
list_edit (AushangValue *input,
           AushangValue *arg,
           const char   *name)
{
  AushangValue *result;
  guint n;
  gint64 count = 1;
  gboolean ok = TRUE;

  if (!is_kind (input, AUSHANG_VALUE_LIST))
    return liquid_ref_or_nil (input);
  n = aushang_value_get_length (input);
  result = aushang_value_new_list ();
  if (strcmp (name, "unshift") == 0)
    aushang_value_list_append (result, arg != NULL ? aushang_value_ref (arg) : aushang_value_new_null ());
  if ((strcmp (name, "pop") == 0 || strcmp (name, "shift") == 0) && arg != NULL)
    count = liquid_to_integer (arg, &ok);
  if (count < 0)
    count = 0;
  for (guint i = 0; i < n; i++)
    {
      if (strcmp (name, "shift") == 0 && i < count)
        continue;
      if (strcmp (name, "pop") == 0 && (gint64) i >= (gint64) n - count)
        continue;
      aushang_value_list_append (result, aushang_value_ref (aushang_value_get_item (input, i)));
    }
  if (strcmp (name, "push") == 0)
    aushang_value_list_append (result, arg != NULL ? aushang_value_ref (arg) : aushang_value_new_null ());
  return result;
}

AushangValue *
liquid_apply_jekyll_filter (Render       *render,
                            const char   *name,
                            AushangValue *input,
                            GPtrArray    *args,
                            gboolean     *found)
{
  g_autofree char *text = NULL;

  *found = TRUE;
  if (strcmp (name, "where") == 0 || strcmp (name, "find") == 0)
    return where_filter (render, input, args, name[0] == 'f');
  if (strcmp (name, "where_exp") == 0 || strcmp (name, "find_exp") == 0)
    return where_exp_filter (render, input, args, name[0] == 'f');
  if (strcmp (name, "sort") == 0)
    return jekyll_sort (render, input, args);
  if (strcmp (name, "group_by") == 0)
    return group_by (render, input, args);
  if (g_str_has_prefix (name, "date_to_"))
    {
      if (strcmp (name, "date_to_string") == 0 || strcmp (name, "date_to_long_string") == 0 ||
          strcmp (name, "date_to_xmlschema") == 0 || strcmp (name, "date_to_rfc822") == 0)
        return date_filter (render, name, input, args);
    }
  if (strcmp (name, "push") == 0 || strcmp (name, "pop") == 0 || strcmp (name, "shift") == 0 ||
      strcmp (name, "unshift") == 0)
    return list_edit (input, ARG (0), name);
  if (strcmp (name, "jsonify") == 0)
    {
      g_autoptr(GString) json = g_string_new (NULL);

      append_json (json, input, render->env->time_zone);
      return aushang_value_new_string (json->str);
    }
  if (strcmp (name, "inspect") == 0)
    {
      g_autoptr(GString) shown = g_string_new (NULL);

      liquid_append_inspect (shown, input, render->env->time_zone);
      return aushang_value_new_string (shown->str);
    }
  if (strcmp (name, "relative_url") == 0 || strcmp (name, "absolute_url") == 0)
    {
      g_autofree char *url = NULL;
      AushangValue *own_url;

      if (liquid_is_nil (input))
        return NULL;
      own_url = is_kind (input, AUSHANG_VALUE_MAP) ? aushang_value_lookup (input, "url") : NULL;
      text = liquid_to_text (own_url != NULL ? own_url : input, render->env->time_zone);
      url = name[0] == 'r' ? liquid_relative_url (render, text) : liquid_absolute_url (render, text);
      return aushang_value_new_string (url);
    }
  if (strcmp (name, "to_integer") == 0)
    {
      if (is_kind (input, AUSHANG_VALUE_BOOLEAN))
        return aushang_value_new_integer (aushang_value_get_boolean (input) ? 1 : 0);
      {
        g_autoptr(AushangValue) number = liquid_to_number (input);

        if (is_kind (number, AUSHANG_VALUE_FLOAT))
          return aushang_value_new_integer ((gint64) aushang_value_get_float (number));
        return aushang_value_ref (number);
      }
    }
  if (strcmp (name, "sample") == 0)
    {
      if (is_kind (input, AUSHANG_VALUE_LIST) && aushang_value_get_length (input) > 0)
        return liquid_ref_or_nil (aushang_value_get_item (input, 0));
      return liquid_ref_or_nil (input);
    }

  /* The rest read their input as text. */
  if (strcmp (name, "markdownify") == 0 || strcmp (name, "smartify") == 0 ||
      strcmp (name, "slugify") == 0 || strcmp (name, "xml_escape") == 0 ||
      strcmp (name, "cgi_escape") == 0 || strcmp (name, "uri_escape") == 0 ||
      strcmp (name, "normalize_whitespace") == 0 || strcmp (name, "number_of_words") == 0 ||
      strcmp (name, "strip_index") == 0 || strcmp (name, "array_to_sentence_string") == 0)
    {
      if (strcmp (name, "array_to_sentence_string") == 0)
        {
          g_autoptr(AushangValue) list = liquid_to_list (input, FALSE);
          g_autofree char *connector = args->len > 0 ? liquid_to_text (ARG (0), NULL) : g_strdup ("and");
          g_autoptr(GString) out = g_string_new (NULL);
          guint n = aushang_value_get_length (list);

          for (guint i = 0; i < n; i++)
            {
              if (i > 0 && n == 2)
                g_string_append_printf (out, " %s ", connector);
              else if (i > 0 && i == n - 1)
                g_string_append_printf (out, ", %s ", connector);
              else if (i > 0)
                g_string_append (out, ", ");
              liquid_append_text (out, aushang_value_get_item (list, i), render->env->time_zone);
            }
          return aushang_value_new_string (out->str);
        }
      if (strcmp (name, "slugify") == 0 && liquid_is_nil (input))
        return NULL;
      if (strcmp (name, "strip_index") == 0 && liquid_is_nil (input))
        return NULL;
      text = liquid_to_text (input, render->env->time_zone);
      if (strcmp (name, "markdownify") == 0)
        {
          g_autofree char *html = render->env->markdownify != NULL
                                  ? render->env->markdownify (text, render->env->user_data)
                                  : g_strdup (text);

          return aushang_value_new_string (html);
        }
      if (strcmp (name, "smartify") == 0)
        return aushang_value_new_string (text);
      if (strcmp (name, "slugify") == 0)
        {
          g_autofree char *mode = args->len > 0 ? liquid_to_text (ARG (0), NULL) : NULL;
          g_autofree char *slug = aushang_liquid_slugify (text, mode);

          return aushang_value_new_string (slug);
        }
      if (strcmp (name, "xml_escape") == 0)
        {
          g_autofree char *escaped = g_markup_escape_text (text, -1);

          return aushang_value_new_string (escaped);
        }
      if (strcmp (name, "cgi_escape") == 0 || strcmp (name, "uri_escape") == 0)
        {
          g_autofree char *escaped = name[0] == 'c' ? g_uri_escape_string (text, "*-._", FALSE)
                                                    : g_uri_escape_string (text, "!*'();:@&=+$,/?#[]-._~", FALSE);
          if (name[0] == 'c')
            {
              g_auto(GStrv) parts = g_strsplit (escaped, "%20", -1);
              g_autofree char *plus = g_strjoinv ("+", parts);

              return aushang_value_new_string (plus);
            }
          return aushang_value_new_string (escaped);
        }
      if (strcmp (name, "normalize_whitespace") == 0)
        {
          g_auto(GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (text), 0, 0);
          g_autofree char *joined = g_strjoinv (" ", words);

          return aushang_value_new_string (joined);
        }
      if (strcmp (name, "number_of_words") == 0)
        {
          guint count = 0;
          gboolean in_word = FALSE;

          for (const char *p = text; *p != '\0'; p++)
            {
              if (g_ascii_isspace (*p))
                in_word = FALSE;
              else if (!in_word)
                {
                  in_word = TRUE;
                  count++;
                }
            }
          return aushang_value_new_integer (count);
        }
      if (strcmp (name, "strip_index") == 0)
        {
          if (*text == '\0')
            return NULL;
          if (g_str_has_suffix (text, "/index.html"))
            text[strlen (text) - strlen ("index.html")] = '\0';
          else if (g_str_has_suffix (text, "/index.htm"))
            text[strlen (text) - strlen ("index.htm")] = '\0';
          return aushang_value_new_string (text);
        }
    }

  *found = FALSE;
  return NULL;
}
