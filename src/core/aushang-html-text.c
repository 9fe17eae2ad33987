/* aushang-html-text.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-html-text"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aushang-html-text.h"

/* The named entities people write in titles (HTML has more than 2,000;
 * these are the ones of Western European text and typography). */
static const struct
{
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "shy", 0x00AD }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
  { "hellip", 0x2026 }, { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "lsaquo", 0x2039 },
  { "rsaquo", 0x203A }, { "bdquo", 0x201E }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "sbquo", 0x201A }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "euro", 0x20AC },
  { "copy", 0x00A9 }, { "reg", 0x00AE }, { "trade", 0x2122 }, { "middot", 0x00B7 },
  { "bull", 0x2022 }, { "times", 0x00D7 }, { "divide", 0x00F7 }, { "deg", 0x00B0 },
  { "para", 0x00B6 }, { "sect", 0x00A7 }, { "thinsp", 0x2009 }, { "ensp", 0x2002 },
  { "emsp", 0x2003 }, { "zwnj", 0x200C }, { "zwj", 0x200D },
  { "auml", 0x00E4 }, { "ouml", 0x00F6 }, { "uuml", 0x00FC }, { "Auml", 0x00C4 },
  { "Ouml", 0x00D6 }, { "Uuml", 0x00DC }, { "szlig", 0x00DF }, { "eacute", 0x00E9 },
  { "egrave", 0x00E8 }, { "ecirc", 0x00EA }, { "aacute", 0x00E1 }, { "agrave", 0x00E0 },
  { "acirc", 0x00E2 }, { "ccedil", 0x00E7 }, { "iacute", 0x00ED }, { "oacute", 0x00F3 },
  { "uacute", 0x00FA }, { "ntilde", 0x00F1 }, { "oslash", 0x00F8 }, { "aring", 0x00E5 },
  { "aelig", 0x00E6 }, { "Eacute", 0x00C9 }, { "iexcl", 0x00A1 }, { "iquest", 0x00BF },
  { "cent", 0x00A2 }, { "pound", 0x00A3 }, { "yen", 0x00A5 }, { "frac12", 0x00BD },
  { "frac14", 0x00BC }, { "frac34", 0x00BE }, { "plusmn", 0x00B1 }, { "micro", 0x00B5 },
  { "larr", 0x2190 }, { "rarr", 0x2192 }, { "harr", 0x2194 }, { "dagger", 0x2020 },
};

static gunichar
decode_entity (const char  *p,
               const char **end)
{
  const char *semicolon;
  gsize len;

  /* p points after "&". */
  if (*p == '#')
    {
      char *stop = NULL;
      gulong value;

      if (p[1] == 'x' || p[1] == 'X')
        value = strtoul (p + 2, &stop, 16);
      else
        value = strtoul (p + 1, &stop, 10);
      if (stop == NULL || *stop != ';' || stop == p + 1 || stop == p + 2 ||
          value == 0 || !g_unichar_validate ((gunichar) value))
        return 0;
      *end = stop + 1;
      return (gunichar) value;
    }
  semicolon = strchr (p, ';');
  if (semicolon == NULL || semicolon - p > 8)
    return 0;
  len = semicolon - p;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == len && strncmp (entities[i].name, p, len) == 0)
      {
        *end = semicolon + 1;
        return entities[i].c;
      }
  return 0;
}

static char *
decode (const char *text,
        gboolean    keep_soft_hyphens)
{
  GString *out;

  if (text == NULL)
    return NULL;
  /* Nothing to decode or take out (a title as most are): a copy. */
  if (strchr (text, '&') == NULL && (keep_soft_hyphens || strstr (text, "\xC2\xAD") == NULL))
    return g_strdup (text);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gunichar c = 0;
      const char *end = NULL;

      if (*p == '&')
        c = decode_entity (p + 1, &end);
      if (c != 0)
        {
          if (c != 0x00AD || keep_soft_hyphens)
            g_string_append_unichar (out, c);
          p = end;
          continue;
        }
      /* A soft hyphen written as the character itself. */
      if (!keep_soft_hyphens && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xAD)
        {
          p += 2;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

char *
aushang_html_text_decode (const char *text)
{
  return decode (text, FALSE);
}

char *
aushang_html_text_unescape (const char *text)
{
  return decode (text, TRUE);
}

gboolean
aushang_text_matches_search (const char *text,
                             const char *search)
{
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;

  haystack = g_utf8_casefold (text ? text : "", -1);
  folded = g_utf8_casefold (search, -1);
  words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}
