/* aushang-spelling.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-spelling"

#include "config.h"

#include <enchant.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "aushang-spelling.h"

G_DEFINE_QUARK (aushang-spelling-error-quark, aushang_spelling_error)

struct _AushangSpelling
{
  GObject        parent_instance;

  EnchantBroker *broker;
  EnchantDict   *dict;
  EnchantDict   *personal;
  char          *language;
  /* Words taken as right for the checker's life (char* → itself). */
  GHashTable    *ignored;
};

G_DEFINE_FINAL_TYPE (AushangSpelling, aushang_spelling, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Languages                                                                  */

/* "de-ch" → "de_CH": the way dictionaries are named. */
static char *
normalize_tag (const char *tag)
{
  g_autofree char *copy = g_strstrip (g_strdup (tag));
  char *dot;
  char **parts;
  GString *out;

  /* "de_DE.UTF-8", "de_DE@euro": only the language and country. */
  if ((dot = strpbrk (copy, ".@")) != NULL)
    *dot = '\0';
  g_strdelimit (copy, "-", '_');
  parts = g_strsplit (copy, "_", 2);
  out = g_string_new (NULL);
  if (parts[0] != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (parts[0], -1);

      g_string_append (out, lower);
      if (parts[1] != NULL && parts[1][0] != '\0')
        {
          g_autofree char *upper = g_ascii_strup (parts[1], -1);

          g_string_append_c (out, '_');
          g_string_append (out, upper);
        }
    }
  g_strfreev (parts);

  return g_string_free (out, FALSE);
}

static void
collect_dict_cb (const char * const lang_tag,
                 const char * const provider_name,
                 const char * const provider_desc,
                 const char * const provider_file,
                 void              *user_data)
{
  GPtrArray *tags = user_data;

  for (guint i = 0; i < tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (tags, i), lang_tag) == 0)
      return;
  g_ptr_array_add (tags, g_strdup (lang_tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
list_dicts (EnchantBroker *broker)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);

  enchant_broker_list_dicts (broker, collect_dict_cb, tags);
  g_ptr_array_sort (tags, compare_strings);

  return tags;
}

/* The dictionary to use for @language: the same name, the language's own
 * country ("de" → "de_DE"), the language alone, else any country of the
 * language (first by name). NULL when there is none. */
static char *
find_dict_tag (EnchantBroker *broker,
               const char    *language)
{
  g_autofree char *tag = normalize_tag (language);
  g_autofree char *lang = NULL;
  g_autofree char *own_country = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  char *underscore;

  if (tag[0] == '\0')
    return NULL;

  if (enchant_broker_dict_exists (broker, tag))
    return g_steal_pointer (&tag);

  lang = g_strdup (tag);
  if ((underscore = strchr (lang, '_')) != NULL)
    *underscore = '\0';

  own_country = g_strdup_printf ("%s_%s", lang, lang);
  for (char *p = own_country + strlen (lang) + 1; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);
  /* English has no "en_EN". */
  if (g_str_equal (lang, "en"))
    {
      g_free (own_country);
      own_country = g_strdup ("en_US");
    }
  if (enchant_broker_dict_exists (broker, own_country))
    return g_steal_pointer (&own_country);

  if (enchant_broker_dict_exists (broker, lang))
    return g_steal_pointer (&lang);

  tags = list_dicts (broker);
  for (guint i = 0; i < tags->len; i++)
    {
      const char *candidate = g_ptr_array_index (tags, i);

      if (g_str_has_prefix (candidate, lang) && candidate[strlen (lang)] == '_')
        return g_strdup (candidate);
    }

  return NULL;
}

char **
aushang_spelling_list_languages (void)
{
  EnchantBroker *broker = enchant_broker_init ();
  g_autoptr(GPtrArray) tags = list_dicts (broker);

  enchant_broker_free (broker);
  g_ptr_array_add (tags, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

static const struct
{
  const char *code;
  const char *name;
} language_names[] = {
  { "de", N_("German") },
  { "en", N_("English") },
  { "fr", N_("French") },
  { "it", N_("Italian") },
  { "es", N_("Spanish") },
  { "nl", N_("Dutch") },
  { "pl", N_("Polish") },
  { "tr", N_("Turkish") },
  { "da", N_("Danish") },
  { "sv", N_("Swedish") },
  { "pt", N_("Portuguese") },
  { "cs", N_("Czech") },
};

static const struct
{
  const char *code;
  const char *name;
} country_names[] = {
  { "DE", N_("Germany") },
  { "AT", N_("Austria") },
  { "CH", N_("Switzerland") },
  { "BE", N_("Belgium") },
  { "LU", N_("Luxembourg") },
  { "LI", N_("Liechtenstein") },
  { "US", N_("USA") },
  { "GB", N_("United Kingdom") },
  { "AU", N_("Australia") },
  { "CA", N_("Canada") },
  { "FR", N_("France") },
  { "IT", N_("Italy") },
  { "ES", N_("Spain") },
  { "NL", N_("Netherlands") },
};

char *
aushang_spelling_dup_language_name (const char *language)
{
  g_autofree char *tag = normalize_tag (language);
  g_auto(GStrv) parts = g_strsplit (tag, "_", 2);
  const char *lang_name = NULL;
  const char *country_name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_strcmp0 (parts[0], language_names[i].code) == 0)
      lang_name = _(language_names[i].name);

  if (lang_name == NULL)
    return g_strdup (language);

  if (parts[0] != NULL && parts[1] != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (country_names); i++)
        if (g_strcmp0 (parts[1], country_names[i].code) == 0)
          country_name = _(country_names[i].name);

      /* Translators: a dictionary, "German (Switzerland)". */
      return g_strdup_printf (_("%s (%s)"), lang_name,
                              country_name != NULL ? country_name : parts[1]);
    }

  return g_strdup (lang_name);
}

char *
aushang_spelling_dup_site_language (AushangSite *site)
{
  AushangValue *config = site != NULL ? aushang_site_get_config (site) : NULL;
  const char *keys[] = { "lang", "locale", "language" };

  for (guint i = 0; config != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      AushangValue *value = aushang_value_lookup (config, keys[i]);

      if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
        {
          const char *text = aushang_value_get_string (value);

          if (text != NULL && g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1]))
            return g_strstrip (g_strdup (text));
        }
    }

  return g_strdup (AUSHANG_SPELLING_DEFAULT_LANGUAGE);
}

/* Adds the words of @text to @words; with @counts, counts each word once
 * for @text instead (in @counts, word → number of texts). */
static void
add_text_words (GHashTable *words,
                GHashTable *counts,
                const char *text)
{
  g_autoptr(GArray) found = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  found = aushang_spelling_find_words (text, -1, 0, -1);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < found->len; i++)
    {
      AushangSpellingWord *word = &g_array_index (found, AushangSpellingWord, i);
      char *copy = g_strndup (text + word->start, word->end - word->start);

      if (counts == NULL)
        g_hash_table_add (words, copy);
      else if (g_hash_table_add (seen, copy))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, copy));

          g_hash_table_insert (counts, g_strdup (copy), GUINT_TO_POINTER (n + 1));
        }
    }
}

GHashTable *
aushang_spelling_dup_site_words (AushangSite *site)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) counts = NULL;
  AushangValue *config, *title;
  GPtrArray *collections, *authors;
  const char *term_keys[] = { "categories", "tags" };
  GHashTableIter iter;
  gpointer key, value;

  if (site == NULL)
    return words;

  config = aushang_site_get_config (site);
  title = config != NULL ? aushang_value_lookup (config, "title") : NULL;
  if (title != NULL && aushang_value_get_kind (title) == AUSHANG_VALUE_STRING)
    add_text_words (words, NULL, aushang_value_get_string (title));

  for (guint k = 0; k < G_N_ELEMENTS (term_keys); k++)
    {
      g_autoptr(GPtrArray) terms = aushang_site_get_terms (site, NULL, term_keys[k]);

      for (guint i = 0; terms != NULL && i < terms->len; i++)
        add_text_words (words, NULL, ((AushangSiteTerm *) g_ptr_array_index (terms, i))->name);
    }
  authors = aushang_site_get_authors (site);
  for (guint i = 0; authors != NULL && i < authors->len; i++)
    add_text_words (words, NULL, ((AushangSiteTerm *) g_ptr_array_index (authors, i))->name);

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collections = aushang_site_get_collections (site);
  for (guint c = 0; collections != NULL && c < collections->len; c++)
    {
      GPtrArray *documents = aushang_site_get_documents (site, g_ptr_array_index (collections, c));

      for (guint i = 0; documents != NULL && i < documents->len; i++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, i);

          if (!document->title_from_name)
            add_text_words (NULL, counts, document->title);
        }
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= 2)
      g_hash_table_add (words, g_strdup (key));

  return words;
}

char *
aushang_spelling_get_personal_folder (void)
{
  const char *env = g_getenv ("AUSHANG_SPELLING_DIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "aushang", "spelling", NULL);
}

/* ------------------------------------------------------------------------ */
/* The checker                                                                */

static void
aushang_spelling_finalize (GObject *object)
{
  AushangSpelling *self = AUSHANG_SPELLING (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  if (self->personal != NULL)
    enchant_broker_free_dict (self->broker, self->personal);
  g_clear_pointer (&self->broker, enchant_broker_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->ignored, g_hash_table_unref);

  G_OBJECT_CLASS (aushang_spelling_parent_class)->finalize (object);
}

static void
aushang_spelling_class_init (AushangSpellingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_spelling_finalize;
}

static void
aushang_spelling_init (AushangSpelling *self)
{
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Opens the person's word list for the language: a file per language in
 * aushang_spelling_get_personal_folder(), made (when @create) on the first
 * word added, so that merely checking never writes anything. */
static void
open_personal (AushangSpelling *self,
               gboolean         create)
{
  g_autofree char *folder = aushang_spelling_get_personal_folder ();
  g_autofree char *file_name = g_strconcat (self->language, ".dic", NULL);
  g_autofree char *path = g_build_filename (folder, file_name, NULL);

  if (self->personal != NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!create)
        return;
      if (g_mkdir_with_parents (folder, 0700) != 0 ||
          !g_file_set_contents (path, "", 0, NULL))
        {
          g_warning ("The personal dictionary %s cannot be made", path);
          return;
        }
    }

  self->personal = enchant_broker_request_pwl_dict (self->broker, path);
  if (self->personal == NULL)
    g_warning ("The personal dictionary %s cannot be read", path);
}

AushangSpelling *
aushang_spelling_new (const char  *language,
                      GError     **error)
{
  g_autoptr(AushangSpelling) self = g_object_new (AUSHANG_TYPE_SPELLING, NULL);

  if (language == NULL || language[0] == '\0')
    language = AUSHANG_SPELLING_DEFAULT_LANGUAGE;

  self->broker = enchant_broker_init ();
  self->language = find_dict_tag (self->broker, language);
  if (self->language != NULL)
    self->dict = enchant_broker_request_dict (self->broker, self->language);

  if (self->dict == NULL)
    {
      g_autofree char *name = aushang_spelling_dup_language_name (language);

      g_set_error (error, AUSHANG_SPELLING_ERROR, AUSHANG_SPELLING_ERROR_NO_DICTIONARY,
                   /* Translators: %s is a language, "German". */
                   _("No spelling dictionary for %s is installed."), name);
      return NULL;
    }

  /* The personal dictionary, when there is one already. */
  open_personal (self, FALSE);

  return g_steal_pointer (&self);
}

const char *
aushang_spelling_get_language (AushangSpelling *self)
{
  g_return_val_if_fail (AUSHANG_IS_SPELLING (self), NULL);

  return self->language;
}

gboolean
aushang_spelling_check_word (AushangSpelling *self,
                             const char      *word,
                             gssize           length)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (AUSHANG_IS_SPELLING (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (length < 0)
    length = strlen (word);
  if (length == 0 || !g_utf8_validate_len (word, length, NULL))
    return TRUE;

  copy = g_strndup (word, length);
  if (g_hash_table_contains (self->ignored, copy))
    return TRUE;
  if (self->personal != NULL && enchant_dict_check (self->personal, word, length) == 0)
    return TRUE;

  return enchant_dict_check (self->dict, word, length) == 0;
}

gboolean
aushang_spelling_check_found (AushangSpelling           *self,
                              const char                *text,
                              gsize                      length,
                              const AushangSpellingWord *word)
{
  g_autofree char *with_period = NULL;

  g_return_val_if_fail (AUSHANG_IS_SPELLING (self), TRUE);
  g_return_val_if_fail (word != NULL && word->end <= length, TRUE);

  if (aushang_spelling_check_word (self, text + word->start, word->end - word->start))
    return TRUE;
  if (word->end >= length || text[word->end] != '.')
    return FALSE;
  with_period = g_strndup (text + word->start, word->end - word->start + 1);

  return aushang_spelling_check_word (self, with_period, -1);
}

double
aushang_spelling_wrong_share (AushangSpelling *self,
                              const char      *text,
                              gsize            length,
                              guint            max,
                              guint           *n_words)
{
  g_autoptr(GArray) words = NULL;
  guint looked = 0, wrong = 0;

  g_return_val_if_fail (AUSHANG_IS_SPELLING (self), 0);

  words = aushang_spelling_find_words (text, length, 0, -1);
  for (guint i = 0; i < words->len && (max == 0 || looked < max); i++)
    {
      AushangSpellingWord *word = &g_array_index (words, AushangSpellingWord, i);

      looked++;
      if (!aushang_spelling_check_found (self, text, length, word))
        wrong++;
    }

  if (n_words != NULL)
    *n_words = looked;

  return looked > 0 ? (double) wrong / looked : 0;
}

char **
aushang_spelling_suggest (AushangSpelling *self,
                          const char      *word,
                          gssize           length,
                          guint            max)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  EnchantDict *dicts[2];

  g_return_val_if_fail (AUSHANG_IS_SPELLING (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (length < 0)
    length = strlen (word);
  dicts[0] = self->dict;
  dicts[1] = self->personal;

  if (length > 0 && g_utf8_validate_len (word, length, NULL))
    for (guint d = 0; d < G_N_ELEMENTS (dicts); d++)
      {
        size_t n = 0;
        char **suggestions;

        if (dicts[d] == NULL)
          continue;
        suggestions = enchant_dict_suggest (dicts[d], word, length, &n);
        for (size_t i = 0; suggestions != NULL && i < n; i++)
          {
            gboolean seen = FALSE;

            for (guint j = 0; j < out->len && !seen; j++)
              seen = g_str_equal (g_ptr_array_index (out, j), suggestions[i]);
            if (!seen && (max == 0 || out->len < max))
              g_ptr_array_add (out, g_strdup (suggestions[i]));
          }
        if (suggestions != NULL)
          enchant_dict_free_string_list (dicts[d], suggestions);
      }

  g_ptr_array_add (out, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

void
aushang_spelling_add_word (AushangSpelling *self,
                           const char      *word,
                           gssize           length)
{
  g_return_if_fail (AUSHANG_IS_SPELLING (self));
  g_return_if_fail (word != NULL);

  if (length < 0)
    length = strlen (word);
  if (length == 0 || !g_utf8_validate_len (word, length, NULL))
    return;

  open_personal (self, TRUE);
  if (self->personal != NULL)
    enchant_dict_add (self->personal, word, length);
  else
    aushang_spelling_ignore_word (self, word, length);
}

void
aushang_spelling_ignore_word (AushangSpelling *self,
                              const char      *word,
                              gssize           length)
{
  g_return_if_fail (AUSHANG_IS_SPELLING (self));
  g_return_if_fail (word != NULL);

  if (length < 0)
    length = strlen (word);
  g_hash_table_add (self->ignored, g_strndup (word, length));
}

/* ------------------------------------------------------------------------ */
/* Which words to check                                                       */

typedef struct
{
  const char *text;
  gsize       length;
  gsize       from;
  gsize       to;
  GArray     *words;
  /* Where the line being read starts, and its number (from 1). */
  gsize       line_start;
  guint       line;
  /* The column (from 1) of byte @column_pos of the line at @line_start. */
  gsize       column_pos;
  guint       column;
  /* On the last line of a tag or code span that began before @to: its
   * words count, as the next call starts after that line. */
  gboolean    continuing;
} Scan;

static gboolean
is_blank_line (const char *text,
               gsize       start,
               gsize       end)
{
  for (gsize i = start; i < end; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
      return FALSE;

  return TRUE;
}

static gsize
line_end (const Scan *scan,
          gsize       start)
{
  const char *nl = memchr (scan->text + start, '\n', scan->length - start);

  return nl != NULL ? (gsize) (nl - scan->text) : scan->length;
}

/* The start of the line after the one holding @pos. */
static gsize
next_line (const Scan *scan,
           gsize       pos)
{
  gsize end = line_end (scan, pos);

  return end < scan->length ? end + 1 : end;
}

/* Where @needle next starts at or after @pos, before @limit; else -1. */
static gssize
find (const Scan *scan,
      gsize       pos,
      gsize       limit,
      const char *needle)
{
  gsize n = strlen (needle);

  if (limit > scan->length)
    limit = scan->length;
  while (pos + n <= limit)
    {
      const char *hit = memchr (scan->text + pos, needle[0], limit - pos);

      if (hit == NULL)
        return -1;
      pos = hit - scan->text;
      if (pos + n <= limit && memcmp (hit, needle, n) == 0)
        return pos;
      pos++;
    }

  return -1;
}

/* The end of the paragraph holding @pos: the start of the next blank line
 * (or of the text's end). Inline code and tags do not cross it. */
static gsize
paragraph_end (const Scan *scan,
               gsize       pos)
{
  gsize start = next_line (scan, pos);

  while (start < scan->length)
    {
      gsize end = line_end (scan, start);

      if (is_blank_line (scan->text, start, end))
        return start;
      start = end < scan->length ? end + 1 : end;
    }

  return scan->length;
}

/* Front matter as Jekyll finds it: "---" on the first line (after a byte
 * order mark) up to a line of "---" or "...". Returns where the body
 * starts, or 0 when there is none. */
static gsize
skip_front_matter (const Scan *scan)
{
  gsize pos = 0;
  gsize end;

  if (scan->length >= 3 && memcmp (scan->text, "\xef\xbb\xbf", 3) == 0)
    pos = 3;
  end = line_end (scan, pos);
  if (end - pos < 3 || memcmp (scan->text + pos, "---", 3) != 0 ||
      !is_blank_line (scan->text, pos + 3, end) || end == scan->length)
    return 0;

  pos = end + 1;
  while (pos < scan->length)
    {
      end = line_end (scan, pos);
      if (end - pos >= 3 &&
          (memcmp (scan->text + pos, "---", 3) == 0 || memcmp (scan->text + pos, "...", 3) == 0) &&
          is_blank_line (scan->text, pos + 3, end))
        return end < scan->length ? end + 1 : end;
      pos = end < scan->length ? end + 1 : end;
    }

  return 0;
}

/* The indentation of the line at @start, tabs to the next multiple of 4,
 * and where its text starts. */
static guint
indentation (const Scan *scan,
             gsize       start,
             gsize      *text_start)
{
  guint width = 0;
  gsize i = start;

  for (; i < scan->length; i++)
    {
      if (scan->text[i] == ' ')
        width++;
      else if (scan->text[i] == '\t')
        width += 4 - width % 4;
      else
        break;
    }
  if (text_start != NULL)
    *text_start = i;

  return width;
}

/* A fence of three or more ` or ~ at @pos: its length, else 0. */
static guint
fence_length (const Scan *scan,
              gsize       pos,
              char       *fence_char)
{
  char c = pos < scan->length ? scan->text[pos] : '\0';
  guint n = 0;

  if (c != '`' && c != '~')
    return 0;
  while (pos + n < scan->length && scan->text[pos + n] == c)
    n++;
  if (n < 3)
    return 0;
  *fence_char = c;

  return n;
}

/* Whether the line's text at @pos starts a list item: "-", "*", "+" or a
 * number with "." or ")", then a space. */
static gboolean
is_list_item (const Scan *scan,
              gsize       pos)
{
  const char *t = scan->text;
  gsize i = pos;

  if (i < scan->length && (t[i] == '-' || t[i] == '*' || t[i] == '+'))
    i++;
  else
    {
      while (i < scan->length && g_ascii_isdigit (t[i]) && i - pos < 9)
        i++;
      if (i == pos || i >= scan->length || (t[i] != '.' && t[i] != ')'))
        return FALSE;
      i++;
    }

  return i >= scan->length || t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r';
}

static gunichar
char_at (const Scan *scan,
         gsize       pos)
{
  if (pos >= scan->length)
    return 0;

  return g_utf8_get_char_validated (scan->text + pos, scan->length - pos);
}

static gboolean
is_word_char (gunichar c)
{
  return c != (gunichar) -1 && c != (gunichar) -2 && c != 0 &&
         (g_unichar_isalpha (c) || g_unichar_ismark (c));
}

static gboolean
is_url_char (char c)
{
  return c != '\0' && !g_ascii_isspace (c) && c != '<' && c != '>' &&
         c != '(' && c != ')' && c != '[' && c != ']' && c != '"' &&
         c != '\'' && c != '`' && c != '{' && c != '}' && c != '|';
}

/* Where a bare URL or e-mail address starting at @pos ends, or @pos when
 * none starts there: "https://…", "mailto:…", "www.…", "name@host.de". */
static gsize
skip_address (const Scan *scan,
              gsize       pos,
              gsize       limit)
{
  const char *t = scan->text;
  gsize end = pos;
  gsize i;
  gboolean at = FALSE;
  gboolean dot_after_at = FALSE;

  while (end < limit && is_url_char (t[end]))
    end++;

  /* scheme:// or mailto: / tel: */
  for (i = pos; i < end && (g_ascii_isalnum (t[i]) || t[i] == '+' || t[i] == '-' || t[i] == '.'); i++)
    ;
  if (i > pos && i < end && t[i] == ':' &&
      ((i + 2 < end && t[i + 1] == '/' && t[i + 2] == '/') ||
       (i - pos == 6 && g_ascii_strncasecmp (t + pos, "mailto", 6) == 0) ||
       (i - pos == 3 && g_ascii_strncasecmp (t + pos, "tel", 3) == 0)))
    return end;

  if (end - pos > 4 && g_ascii_strncasecmp (t + pos, "www.", 4) == 0)
    return end;

  for (i = pos; i < end; i++)
    {
      if (t[i] == '@' && i > pos)
        at = TRUE;
      else if (at && t[i] == '.' && i + 1 < end && g_ascii_isalnum (t[i + 1]))
        dot_after_at = TRUE;
    }
  if (at && dot_after_at)
    return end;

  return pos;
}

static void
add_word (Scan  *scan,
          gsize  start,
          gsize  end)
{
  AushangSpellingWord word;

  if (start < scan->from || (start >= scan->to && !scan->continuing))
    return;

  /* Columns count characters, from the last word of the same line on. */
  if (scan->column_pos < scan->line_start || scan->column_pos > start)
    {
      scan->column_pos = scan->line_start;
      scan->column = 1;
    }
  scan->column += g_utf8_strlen (scan->text + scan->column_pos, start - scan->column_pos);
  scan->column_pos = start;

  word.start = start;
  word.end = end;
  word.line = scan->line;
  word.column = scan->column;
  g_array_append_val (scan->words, word);
}

/* Reads the word at @pos (a letter): letters and marks, joined by single
 * hyphens and apostrophes. A word joined to digits, "_", "/" paths,
 * "." file names and the like is no word but a name, and is left out. */
static gsize
scan_word (Scan  *scan,
           gsize  pos,
           gsize  limit)
{
  const char *t = scan->text;
  gsize start = pos;
  gsize end;
  gboolean skip = FALSE;
  gboolean has_lower = FALSE;
  guint letters = 0;
  gunichar c;

  for (;;)
    {
      while (pos < limit)
        {
          guchar b = t[pos];

          if (b < 0x80)
            {
              /* ASCII, most letters of most texts. */
              if (!g_ascii_isalpha (b))
                break;
              if (g_ascii_islower (b))
                has_lower = TRUE;
              letters++;
              pos++;
              continue;
            }
          if (!is_word_char (c = char_at (scan, pos)))
            break;
          if (g_unichar_islower (c) || (!g_unichar_isupper (c) && !g_unichar_ismark (c)))
            has_lower = TRUE;
          letters++;
          pos = g_utf8_next_char (t + pos) - t;
        }
      /* An inner hyphen or apostrophe: "E-Mail", "geht's", "geht’s". */
      if (pos < limit && (t[pos] == '-' || t[pos] == '\'') &&
          is_word_char (char_at (scan, pos + 1)))
        {
          pos++;
          continue;
        }
      if (pos + 3 <= limit && memcmp (t + pos, "\xe2\x80\x99", 3) == 0 &&
          is_word_char (char_at (scan, pos + 3)))
        {
          pos += 3;
          continue;
        }
      break;
    }
  end = pos;

  /* Joined to digits or "_": an identifier, a code, a date ("MP3",
   * "snake_case", "2026er"). Joined by "." or "/" to more letters or
   * digits: a file name or a path ("bild.jpg", "assets/img"). */
  if (start > 0 && g_ascii_isdigit (t[start - 1]))
    skip = TRUE;
  if (start > 1 && (t[start - 1] == '_' || t[start - 1] == '.' || t[start - 1] == '\\') &&
      g_ascii_isalnum (t[start - 2]))
    skip = TRUE;
  if (pos < limit &&
      (g_ascii_isdigit (t[pos]) ||
       ((t[pos] == '_' || t[pos] == '.' || t[pos] == '\\') &&
        pos + 1 < limit && g_ascii_isalnum (t[pos + 1]))))
    skip = TRUE;
  if (skip)
    {
      /* The whole name goes, letters after it too. */
      while (pos < limit && (is_word_char (char_at (scan, pos)) || g_ascii_isalnum (t[pos]) ||
                             t[pos] == '-' ||
                             ((t[pos] == '_' || t[pos] == '.' || t[pos] == '\\') &&
                              pos + 1 < limit && g_ascii_isalnum (t[pos + 1]))))
        pos = g_utf8_next_char (t + pos) - t;
      return pos;
    }

  /* Single letters and abbreviations in capitals are not checked. */
  if (letters >= 2 && has_lower)
    add_word (scan, start, end);

  return end;
}

/* The Liquid tag name after "{%" at @pos ("comment", "endraw"). */
static char *
liquid_tag_name (const Scan *scan,
                 gsize       pos,
                 gsize       end)
{
  gsize i = pos + 2;
  gsize start;

  if (i < end && scan->text[i] == '-')
    i++;
  while (i < end && g_ascii_isspace (scan->text[i]))
    i++;
  start = i;
  while (i < end && (g_ascii_isalnum (scan->text[i]) || scan->text[i] == '_'))
    i++;

  return g_ascii_strdown (scan->text + start, i - start);
}

/* After the Liquid tag at @pos: its end, or for a tag with a body that is
 * not text (comment, raw, highlight), the end of its end tag. */
static gsize
skip_liquid_tag (const Scan *scan,
                 gsize       pos)
{
  gssize close = find (scan, pos + 2, scan->length, "%}");
  g_autofree char *name = NULL;
  gsize after;

  if (close < 0)
    return line_end (scan, pos);
  after = close + 2;

  name = liquid_tag_name (scan, pos, close);
  if (g_str_equal (name, "comment") || g_str_equal (name, "raw") ||
      g_str_equal (name, "highlight"))
    {
      g_autofree char *end_name = g_strconcat ("end", name, NULL);
      gsize i = after;
      gssize open;

      while ((open = find (scan, i, scan->length, "{%")) >= 0)
        {
          g_autofree char *found = liquid_tag_name (scan, open, scan->length);
          gssize found_close = find (scan, open + 2, scan->length, "%}");

          if (found_close < 0)
            return scan->length;
          if (g_str_equal (found, end_name))
            return found_close + 2;
          i = found_close + 2;
        }
      return scan->length;
    }

  return after;
}

/* After the HTML tag, comment or autolink at @pos ("<"), or @pos when
 * none starts there. An element whose content is not text (code, pre,
 * script, style, kbd, samp) goes up to its end tag. */
static gsize
skip_html (const Scan *scan,
           gsize       pos)
{
  const char *t = scan->text;
  gsize limit = paragraph_end (scan, pos);
  gsize i = pos + 1;
  gsize name_start;
  g_autofree char *name = NULL;
  char quote = '\0';

  if (i + 2 < scan->length && memcmp (t + i, "!--", 3) == 0)
    {
      gssize close = find (scan, i + 3, scan->length, "-->");

      return close >= 0 ? (gsize) close + 3 : scan->length;
    }

  if (i >= scan->length || !(g_ascii_isalpha (t[i]) || t[i] == '/' || t[i] == '!' || t[i] == '?'))
    return pos;

  if (t[i] == '/')
    i++;
  name_start = i;
  while (i < scan->length && (g_ascii_isalnum (t[i]) || t[i] == '-' || t[i] == ':'))
    i++;
  name = g_ascii_strdown (t + name_start, i - name_start);

  /* An autolink <https://…> or <name@host>. */
  if (i < scan->length && (t[i] == ':' || t[i] == '@' || t[i] == '.'))
    {
      gsize end = i;

      while (end < limit && t[end] != '>' && !g_ascii_isspace (t[end]))
        end++;
      return end < limit && t[end] == '>' ? end + 1 : pos;
    }

  if (i < scan->length && !(g_ascii_isspace (t[i]) || t[i] == '>' || t[i] == '/'))
    return pos;

  /* Up to the ">", past quoted attribute values. */
  for (; i < limit; i++)
    {
      if (quote != '\0')
        {
          if (t[i] == quote)
            quote = '\0';
        }
      else if (t[i] == '"' || t[i] == '\'')
        quote = t[i];
      else if (t[i] == '>')
        break;
    }
  if (i >= limit)
    return pos;
  i++;

  if (t[pos + 1] != '/' && t[i - 2] != '/' &&
      (g_str_equal (name, "code") || g_str_equal (name, "pre") ||
       g_str_equal (name, "script") || g_str_equal (name, "style") ||
       g_str_equal (name, "kbd") || g_str_equal (name, "samp") ||
       g_str_equal (name, "tt")))
    {
      g_autofree char *end_tag = g_strconcat ("</", name, NULL);
      gsize j = i;

      /* Case-insensitive search for the end tag. */
      while (j + strlen (end_tag) <= scan->length)
        {
          const char *hit = memchr (t + j, '<', scan->length - j);

          if (hit == NULL)
            break;
          j = hit - t;
          if (g_ascii_strncasecmp (hit, end_tag, strlen (end_tag)) == 0)
            {
              const char *gt = memchr (hit, '>', scan->length - j);

              return gt != NULL ? (gsize) (gt - t) + 1 : scan->length;
            }
          j++;
        }
      return scan->length;
    }

  return i;
}

/* After a run of backticks at @pos and the code it opens, up to the
 * same run; a run without its match is only backticks. */
static gsize
skip_inline_code (const Scan *scan,
                  gsize       pos)
{
  const char *t = scan->text;
  gsize n = 0;
  gsize limit;
  gsize i;

  while (pos + n < scan->length && t[pos + n] == '`')
    n++;
  limit = paragraph_end (scan, pos);

  for (i = pos + n; i < limit; i++)
    if (t[i] == '`')
      {
        gsize m = 0;

        while (i + m < limit && t[i + m] == '`')
          m++;
        if (m == n)
          return i + m;
        i += m - 1;
      }

  return pos + n;
}

/* After the balanced parentheses at @pos ("(…)"), or the line's end. */
static gsize
skip_parentheses (const Scan *scan,
                  gsize       pos)
{
  const char *t = scan->text;
  gsize limit = paragraph_end (scan, pos);
  guint depth = 0;

  for (gsize i = pos; i < limit; i++)
    {
      if (t[i] == '\\')
        i++;
      else if (t[i] == '(')
        depth++;
      else if (t[i] == ')' && --depth == 0)
        return i + 1;
    }

  return line_end (scan, pos);
}

/* Reads the inline text of bytes [@pos, @end) for words. Returns where it
 * stopped: @end, or later when a tag or code span goes on past it. */
static gsize
scan_inline (Scan  *scan,
             gsize  pos,
             gsize  end)
{
  const char *t = scan->text;

  while (pos < end)
    {
      char c = t[pos];
      gsize next;

      if (c == '\\')
        {
          pos += pos + 1 < end ? 2 : 1;
          continue;
        }
      if (c == '`')
        {
          pos = skip_inline_code (scan, pos);
          continue;
        }
      if (c == '{' && pos + 1 < scan->length && t[pos + 1] == '%')
        {
          pos = skip_liquid_tag (scan, pos);
          continue;
        }
      if (c == '{' && pos + 1 < scan->length && t[pos + 1] == '{')
        {
          gssize close = find (scan, pos + 2, scan->length, "}}");

          pos = close >= 0 ? (gsize) close + 2 : line_end (scan, pos);
          continue;
        }
      /* kramdown's attribute lists and heading ids: {: .lead} {#anker} */
      if (c == '{' && pos + 1 < end && (t[pos + 1] == ':' || t[pos + 1] == '#'))
        {
          gssize close = find (scan, pos + 2, end, "}");

          pos = close >= 0 ? (gsize) close + 1 : pos + 1;
          continue;
        }
      if (c == '<')
        {
          next = skip_html (scan, pos);
          pos = next > pos ? next : pos + 1;
          continue;
        }
      if (c == '&')
        {
          gsize i = pos + 1;

          while (i < end && i - pos < 32 && (g_ascii_isalnum (t[i]) || t[i] == '#'))
            i++;
          pos = (i < end && t[i] == ';' && i > pos + 1) ? i + 1 : pos + 1;
          continue;
        }
      /* A link's or image's address, or a reference label after the text:
       * [text](address "title"), [text][label], and footnotes [^1]. */
      if (c == ']' && pos + 1 < scan->length && t[pos + 1] == '(')
        {
          pos = skip_parentheses (scan, pos + 1);
          continue;
        }
      if ((c == ']' && pos + 1 < end && t[pos + 1] == '[') ||
          (c == '[' && pos + 1 < end && t[pos + 1] == '^'))
        {
          gssize close = find (scan, pos + 2, end, "]");

          pos = close >= 0 ? (gsize) close + 1 : pos + 1;
          continue;
        }
      if (g_ascii_isalnum (c) || c == '.')
        {
          next = skip_address (scan, pos, end);
          if (next > pos)
            {
              pos = next;
              continue;
            }
        }
      if ((guchar) c >= 0x80 || g_ascii_isalpha (c))
        {
          gunichar u = char_at (scan, pos);

          if (is_word_char (u))
            {
              pos = scan_word (scan, pos, end);
              continue;
            }
          pos = u == (gunichar) -1 || u == (gunichar) -2 ? pos + 1 : (gsize) (g_utf8_next_char (t + pos) - t);
          continue;
        }
      if (g_ascii_isdigit (c))
        {
          /* Digits and what is joined to them ("3D", "2026er", "_x"). */
          while (pos < end && (g_ascii_isalnum (t[pos]) || t[pos] == '_' || (guchar) t[pos] >= 0x80))
            {
              if ((guchar) t[pos] >= 0x80 && !is_word_char (char_at (scan, pos)))
                break;
              pos = (guchar) t[pos] >= 0x80 ? (gsize) (g_utf8_next_char (t + pos) - t) : pos + 1;
            }
          continue;
        }
      pos++;
    }

  return pos;
}

/* Moves the line count on to the line holding @pos. */
static void
advance_lines (Scan  *scan,
               gsize  pos)
{
  const char *t = scan->text;
  gsize i = scan->line_start;

  for (;;)
    {
      const char *nl = memchr (t + i, '\n', (pos > i ? pos - i : 0));

      if (nl == NULL)
        break;
      scan->line++;
      i = nl - t + 1;
      scan->line_start = i;
    }
}

GArray *
aushang_spelling_find_words (const char *text,
                             gssize      length,
                             gsize       from,
                             gssize      to)
{
  return aushang_spelling_find_words_from (text, length, NULL, from, to, NULL);
}

GArray *
aushang_spelling_find_words_from (const char                 *text,
                                  gssize                      length,
                                  const AushangSpellingState *state,
                                  gsize                       from,
                                  gssize                      to,
                                  AushangSpellingState       *end_state)
{
  Scan scan = { 0, };
  gsize pos;
  /* A fenced code block: its character and length (0: not in one). */
  char fence_char = '\0';
  guint fence = 0;
  gboolean previous_blank = TRUE;
  gboolean in_code = FALSE;
  gboolean in_list = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  scan.text = text;
  scan.length = length < 0 ? strlen (text) : (gsize) length;
  scan.from = from;
  scan.to = to < 0 ? scan.length : MIN ((gsize) to, scan.length);
  scan.words = g_array_new (FALSE, FALSE, sizeof (AushangSpellingWord));
  scan.line = 1;
  scan.line_start = 0;

  if (state != NULL && state->offset <= scan.length)
    {
      pos = state->offset;
      scan.line = state->line;
      scan.line_start = pos;
      fence = state->fence;
      fence_char = state->fence_char;
      previous_blank = state->previous_blank;
      in_code = state->in_code;
      in_list = state->in_list;
    }
  else
    pos = skip_front_matter (&scan);
  scan.column_pos = scan.line_start;
  scan.column = 1;

  while (pos < scan.length && pos < scan.to)
    {
      gsize end;
      gsize text_start;
      guint indent;
      char c;
      guint n;

      advance_lines (&scan, pos);
      end = line_end (&scan, pos);
      indent = indentation (&scan, pos, &text_start);

      if (fence > 0)
        {
          /* Inside a fenced code block, up to its closing fence. */
          if (indent < 4 && fence_length (&scan, text_start, &c) >= fence && c == fence_char)
            {
              gsize after = text_start;

              while (after < end && scan.text[after] == c)
                after++;
              if (is_blank_line (scan.text, after, end))
                fence = 0;
            }
          pos = end < scan.length ? end + 1 : end;
          continue;
        }

      if (is_blank_line (scan.text, pos, end))
        {
          previous_blank = TRUE;
          pos = end < scan.length ? end + 1 : end;
          continue;
        }

      if ((indent < 4 || in_list) && (n = fence_length (&scan, text_start, &c)) > 0 &&
          (c == '~' || memchr (scan.text + text_start + n, '`', end - text_start - n) == NULL))
        {
          fence = n;
          fence_char = c;
          previous_blank = FALSE;
          in_code = FALSE;
          pos = end < scan.length ? end + 1 : end;
          continue;
        }

      /* An indented code block starts after a blank line (and goes on
       * while lines stay indented), except in a list, where indenting
       * continues the item. */
      if (indent >= 4 && ((previous_blank && !in_list) || in_code))
        {
          in_code = TRUE;
          previous_blank = FALSE;
          pos = end < scan.length ? end + 1 : end;
          continue;
        }
      in_code = FALSE;

      if (indent < 4)
        {
          if (is_list_item (&scan, text_start))
            in_list = TRUE;
          else if (indent == 0 && previous_blank)
            in_list = FALSE;
        }

      /* A link reference definition: [label]: address "title". */
      if (indent < 4 && scan.text[text_start] == '[')
        {
          gssize close = find (&scan, text_start + 1, end, "]:");

          if (close >= 0)
            {
              previous_blank = FALSE;
              pos = end < scan.length ? end + 1 : end;
              continue;
            }
        }

      previous_blank = FALSE;
      pos = scan_inline (&scan, pos, end);
      /* A tag or code span went on past the line: carry on after it on
       * its last line. */
      while (pos > end)
        {
          advance_lines (&scan, pos);
          end = line_end (&scan, pos);
          scan.continuing = TRUE;
          pos = scan_inline (&scan, pos, end);
          scan.continuing = FALSE;
        }
      pos = end < scan.length ? end + 1 : end;
    }

  if (end_state != NULL)
    {
      advance_lines (&scan, pos);
      end_state->offset = pos;
      end_state->line = scan.line;
      end_state->fence = fence;
      end_state->fence_char = fence_char;
      end_state->previous_blank = previous_blank;
      end_state->in_code = in_code;
      end_state->in_list = in_list;
    }

  return scan.words;
}
