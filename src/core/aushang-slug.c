/* aushang-slug.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-slug"

#include "config.h"

#include <string.h>

#include "aushang-slug.h"

/* Below this position a "-" is too early to cut at: the slug is cut inside
 * its last word instead, so a long first word is not thrown away. */
#define MIN_CUT_AT_DASH (AUSHANG_SLUG_MAX_LENGTH / 2)

/* How German speakers spell these letters in ASCII, and the Latin letters
 * that g_str_to_ascii() cannot fold (or folds differently: it turns "ä"
 * into "a" and "ø" into "oe"). */
static const struct
{
  gunichar    letter;
  const char *ascii;
} transliterations[] = {
  { 0x00C4, "Ae" }, /* Ä */
  { 0x00D6, "Oe" }, /* Ö */
  { 0x00DC, "Ue" }, /* Ü */
  { 0x00E4, "ae" }, /* ä */
  { 0x00F6, "oe" }, /* ö */
  { 0x00FC, "ue" }, /* ü */
  { 0x00DF, "ss" }, /* ß */
  { 0x1E9E, "SS" }, /* ẞ */
  { 0x00C6, "Ae" }, /* Æ */
  { 0x00E6, "ae" }, /* æ */
  { 0x0152, "Oe" }, /* Œ */
  { 0x0153, "oe" }, /* œ */
  { 0x00D8, "O" },  /* Ø */
  { 0x00F8, "o" },  /* ø */
  { 0x01FE, "O" },  /* Ǿ */
  { 0x01FF, "o" },  /* ǿ */
  { 0x00D0, "D" },  /* Ð */
  { 0x00F0, "d" },  /* ð */
  { 0x0110, "D" },  /* Đ */
  { 0x0111, "d" },  /* đ */
  { 0x00DE, "Th" }, /* Þ */
  { 0x00FE, "th" }, /* þ */
  { 0x0141, "L" },  /* Ł */
  { 0x0142, "l" },  /* ł */
  { 0x013F, "L" },  /* Ŀ */
  { 0x0140, "l" },  /* ŀ */
  { 0x0126, "H" },  /* Ħ */
  { 0x0127, "h" },  /* ħ */
  { 0x0166, "T" },  /* Ŧ */
  { 0x0167, "t" },  /* ŧ */
  { 0x0131, "i" },  /* ı */
  { 0x0130, "I" },  /* İ */
  { 0x014A, "N" },  /* Ŋ */
  { 0x014B, "n" },  /* ŋ */
  { 0x0149, "n" },  /* ŉ */
  { 0x0138, "k" },  /* ĸ */
  { 0x017F, "s" },  /* ſ */
  { 0x018F, "E" },  /* Ə */
  { 0x0259, "e" },  /* ə */
  { 0x01C4, "DZ" }, /* Ǆ */
  { 0x01C5, "Dz" }, /* ǅ */
  { 0x01C6, "dz" }, /* ǆ */
  { 0x01C7, "LJ" }, /* Ǉ */
  { 0x01C8, "Lj" }, /* ǈ */
  { 0x01C9, "lj" }, /* ǉ */
  { 0x01CA, "NJ" }, /* Ǌ */
  { 0x01CB, "Nj" }, /* ǋ */
  { 0x01CC, "nj" }, /* ǌ */
  { 0x00AA, "a" },  /* ª */
  { 0x00BA, "o" },  /* º */
};

static gboolean
is_ascii_alnum_string (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  return TRUE;
}

/* The ASCII spelling of a non-ASCII Latin letter, or NULL where there is
 * none (IPA letters, for example): those stay as they are. */
static char *
fold_latin_letter (gunichar c)
{
  char utf8[7] = { 0 };
  g_autofree char *ascii = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (transliterations); i++)
    {
      if (transliterations[i].letter == c)
        return g_strdup (transliterations[i].ascii);
    }

  if (!g_unichar_isalpha (c) || g_unichar_get_script (c) != G_UNICODE_SCRIPT_LATIN)
    return NULL;

  g_unichar_to_utf8 (c, utf8);
  ascii = g_str_to_ascii (utf8, "C");

  if (!is_ascii_alnum_string (ascii))
    return NULL;

  return g_steal_pointer (&ascii);
}

/* Jekyll's SLUGIFY_DEFAULT_REGEXP keeps \p{M}, \p{L} and \p{Nd}. */
static gboolean
is_slug_character (gunichar c)
{
  return g_unichar_isalpha (c)
         || g_unichar_ismark (c)
         || g_unichar_type (c) == G_UNICODE_DECIMAL_NUMBER;
}

static void
cap_length (GString *slug)
{
  gsize cut;

  if (slug->len <= AUSHANG_SLUG_MAX_LENGTH)
    return;

  /* A "-" right at the limit still gives a slug of exactly the limit. */
  for (cut = AUSHANG_SLUG_MAX_LENGTH; cut >= MIN_CUT_AT_DASH; cut--)
    {
      if (slug->str[cut] == '-')
        {
          g_string_truncate (slug, cut);
          return;
        }
    }

  /* No "-" late enough: cut inside the word, at a character boundary. */
  cut = AUSHANG_SLUG_MAX_LENGTH;
  while (cut > 0 && (slug->str[cut] & 0xC0) == 0x80)
    cut--;

  g_string_truncate (slug, cut);

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
}

char *
aushang_slugify (const char *title)
{
  g_autofree char *valid = NULL;
  g_autofree char *composed = NULL;
  g_autofree char *lower = NULL;
  GString *slug;
  gboolean pending_dash = FALSE;
  gboolean after_ascii = FALSE;

  if (title == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (title, -1);
  /* "é" typed as "e" plus a combining accent becomes one letter here. */
  composed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  slug = g_string_new (NULL);

  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autofree char *folded = NULL;

      if (c < 0x80 && !g_ascii_isalnum (c))
        {
          pending_dash = TRUE;
          after_ascii = FALSE;
          continue;
        }

      /* An accent left on a letter that is now plain ASCII is dropped with
       * the rest of the letter's decoration. */
      if (g_unichar_ismark (c) && after_ascii)
        continue;

      if (c >= 0x80)
        folded = fold_latin_letter (c);

      if (folded == NULL && c >= 0x80 && !is_slug_character (c))
        {
          pending_dash = TRUE;
          after_ascii = FALSE;
          continue;
        }

      if (pending_dash && slug->len > 0)
        g_string_append_c (slug, '-');
      pending_dash = FALSE;

      if (folded != NULL)
        {
          g_string_append (slug, folded);
          after_ascii = TRUE;
        }
      else
        {
          g_string_append_unichar (slug, c);
          after_ascii = c < 0x80;
        }
    }

  lower = g_utf8_strdown (slug->str, slug->len);
  g_string_assign (slug, lower);
  cap_length (slug);

  return g_string_free (slug, FALSE);
}

static const char *
normalize_extension (const char *extension)
{
  if (extension == NULL)
    return "md";

  while (*extension == '.')
    extension++;

  return *extension != '\0' ? extension : "md";
}

static char *
slug_or_fallback (const char *title)
{
  g_autofree char *slug = aushang_slugify (title);

  if (*slug == '\0')
    return g_strdup (AUSHANG_SLUG_FALLBACK);

  return g_steal_pointer (&slug);
}

char *
aushang_post_file_name (GDateTime  *date,
                        const char *title,
                        const char *extension)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *day = NULL;
  g_autofree char *slug = NULL;

  if (date == NULL)
    date = now = g_date_time_new_now_local ();

  day = g_date_time_format (date, "%Y-%m-%d");
  slug = slug_or_fallback (title);

  return g_strdup_printf ("%s-%s.%s", day, slug, normalize_extension (extension));
}

char *
aushang_collection_file_name (const char *title,
                              const char *extension)
{
  g_autofree char *slug = slug_or_fallback (title);

  return g_strdup_printf ("%s.%s", slug, normalize_extension (extension));
}

/* Taken is anything at all under that name, a dangling link included. */
static gboolean
name_is_taken (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
         != G_FILE_TYPE_UNKNOWN;
}

GFile *
aushang_unique_file (GFile      *folder,
                     const char *file_name)
{
  g_autoptr(GFile) candidate = NULL;
  g_autofree char *stem = NULL;
  const char *extension;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (file_name != NULL && *file_name != '\0', NULL);
  g_return_val_if_fail (strchr (file_name, '/') == NULL, NULL);

  candidate = g_file_get_child (folder, file_name);
  if (!name_is_taken (candidate))
    return g_steal_pointer (&candidate);

  /* ".htaccess" is all name and no extension. */
  extension = strrchr (file_name, '.');
  if (extension == NULL || extension == file_name)
    extension = file_name + strlen (file_name);

  stem = g_strndup (file_name, extension - file_name);

  for (guint n = 2; n <= 1000; n++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u%s", stem, n, extension);

      g_clear_object (&candidate);
      candidate = g_file_get_child (folder, name);

      if (!name_is_taken (candidate))
        return g_steal_pointer (&candidate);
    }

  return NULL;
}
