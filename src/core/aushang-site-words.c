/* aushang-site-words.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site-words"

#include "config.h"

#include <string.h>

#include "aushang-safe-file.h"
#include "aushang-site-words.h"

#define MAX_FILE_SIZE (256 * 1024)
#define MAX_FILES 200
#define MAX_DEPTH 4
/* A label is a few words: more go to the description. */
#define LABEL_MAX_WORDS 5
#define LABEL_MAX_CHARS 40

void
aushang_key_words_free (AushangKeyWords *words)
{
  if (words == NULL)
    return;

  g_free (words->label);
  g_free (words->description);
  g_free (words->source);
  g_free (words);
}

GHashTable *
aushang_key_words_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) aushang_key_words_free);
}

/* Words -------------------------------------------------------------------- */

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word)
        n++;
      in_word = !space;
    }

  return n;
}

/* Whether @text has a word of at least three letters. */
static gboolean
has_word (const char *text)
{
  guint run = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        {
          if (++run >= 3)
            return TRUE;
        }
      else
        run = 0;
    }

  return FALSE;
}

/* Words that start a note about the value rather than name it ("or
 * "Vortrag"", "z. B. 18:30", "optional"). */
static const char * const note_words[] = {
  "or", "oder", "e.g.", "eg", "z.", "z.b.", "zb", "bzw.", "like", "wie", "see",
  "siehe", "default", "standard", "optional", "not", "nicht", "nur", "only",
  "must", "muss", "immer", "always", "never", "nie", "use", "todo", "fixme",
  "the", "a", "an", NULL
};

static gboolean
is_label (const char *text)
{
  g_autofree char *first = NULL;
  const char *end;

  if (*text == '\0' || g_utf8_strlen (text, -1) > LABEL_MAX_CHARS ||
      count_words (text) > LABEL_MAX_WORDS || strpbrk (text, "\"'()[]{},;:=/<>|#*`") != NULL ||
      strstr (text, "“") != NULL || strstr (text, "„") != NULL || strstr (text, "”") != NULL)
    return FALSE;

  for (end = text; *end != '\0' && !g_ascii_isspace (*end); end++)
    ;
  first = g_ascii_strdown (text, end - text);

  return !g_strv_contains (note_words, first);
}

static char *
strip_end_dot (const char *text)
{
  char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);

  if (len > 0 && copy[len - 1] == '.' && (len < 2 || copy[len - 2] != '.'))
    copy[len - 1] = '\0';

  return g_strstrip (copy);
}

static char *
capitalise (char *text)
{
  gunichar first = g_utf8_get_char (text);
  gunichar upper = g_unichar_toupper (first);
  char buffer[8];
  char *result;
  int length;

  if (upper == first)
    return text;

  length = g_unichar_to_utf8 (upper, buffer);
  result = g_strdup_printf ("%.*s%s", length, buffer, g_utf8_next_char (text));
  g_free (text);

  return result;
}

AushangKeyWords *
aushang_key_words_new (const char *text,
                       const char *source)
{
  g_autofree char *words = NULL;
  AushangKeyWords *result;
  const char *stop;

  g_return_val_if_fail (text != NULL, NULL);

  words = g_strstrip (g_strdup (text));
  if (!has_word (words))
    return NULL;

  result = g_new0 (AushangKeyWords, 1);
  result->source = g_strdup (source);

  {
    g_autofree char *whole = strip_end_dot (words);

    if (is_label (whole))
      {
        result->label = capitalise (g_steal_pointer (&whole));
        return result;
      }
  }

  /* "Dateiname der Logo-Datei. Diese muss …": the first sentence names
   * it, the rest describes it. */
  stop = strstr (words, ". ");
  if (stop != NULL)
    {
      g_autofree char *first = g_strndup (words, stop - words);

      if (is_label (first))
        {
          result->label = capitalise (g_steal_pointer (&first));
          result->description = g_strstrip (g_strdup (stop + 2));
          return result;
        }
    }

  result->description = g_steal_pointer (&words);
  return result;
}

static void
learn (GHashTable *table,
       const char *key,
       const char *text,
       const char *source,
       guint       line)
{
  g_autofree char *where = g_strdup_printf ("%s:%u", source ? source : "", line);
  AushangKeyWords *words;

  if (g_hash_table_contains (table, key))
    return;

  words = aushang_key_words_new (text, where);
  if (words != NULL)
    g_hash_table_insert (table, g_strdup (key), words);
}

/* YAML --------------------------------------------------------------------- */

typedef struct
{
  char  *key;
  char  *value;    /* without quotes; NULL when none */
  char  *comment;  /* beside it; NULL when none */
} KeyLine;

static void
key_line_clear (KeyLine *line)
{
  g_clear_pointer (&line->key, g_free);
  g_clear_pointer (&line->value, g_free);
  g_clear_pointer (&line->comment, g_free);
}

/* Parses "  - key: value  # comment" (without a leading "#"): the key,
 * the value without its quotes and the comment beside it. FALSE for
 * anything else. */
static gboolean
parse_key_line (const char *line,
                KeyLine    *out)
{
  const char *p = line;
  const char *key_start;
  const char *value;
  const char *comment = NULL;
  char quote = 0;

  while (*p == ' ')
    p++;
  if (*p == '-' && p[1] == ' ')
    for (p++; *p == ' '; p++)
      ;

  key_start = p;
  while (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
    p++;
  if (p == key_start || *p != ':' || (p[1] != '\0' && p[1] != ' ' && p[1] != '\t'))
    return FALSE;

  out->key = g_strndup (key_start, p - key_start);
  value = p + 1;

  /* The comment starts at " #" outside quotes. */
  for (const char *q = value; *q != '\0'; q++)
    {
      if (quote != 0)
        {
          if (*q == quote)
            quote = 0;
          continue;
        }
      if ((*q == '"' || *q == '\'') && (q == value || q[-1] == ' '))
        quote = *q;
      else if (*q == '#' && (q[-1] == ' ' || q[-1] == '\t'))
        {
          comment = q;
          break;
        }
    }

  {
    g_autofree char *raw = g_strndup (value, comment ? (gsize) (comment - value) : strlen (value));
    gsize len;

    g_strstrip (raw);
    len = strlen (raw);
    if (len >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[len - 1] == raw[0])
      out->value = g_strndup (raw + 1, len - 2);
    else if (len > 0)
      out->value = g_steal_pointer (&raw);
  }

  if (comment != NULL)
    {
      while (*comment == '#')
        comment++;
      out->comment = g_strstrip (g_strdup (comment));
      if (*out->comment == '\0')
        g_clear_pointer (&out->comment, g_free);
    }

  return TRUE;
}

/* Whether a value in a commented example entry is words about the key
 * ("Name des Sponsors") rather than data (a date, a number, an address,
 * a single word a real entry would hold). */
static gboolean
is_prose_value (const char *value)
{
  if (value == NULL || count_words (value) < 2 || !has_word (value))
    return FALSE;
  if (strstr (value, "://") != NULL || value[0] == '/' || value[0] == '[' || value[0] == '{')
    return FALSE;
  /* A date or a time: "2025-06-17", "17.06.2025", "18:30". */
  if (g_ascii_isdigit (value[0]))
    return FALSE;

  return TRUE;
}

typedef struct
{
  KeyLine line;
  guint   number;
} Example;

static void
example_clear (Example *example)
{
  key_line_clear (&example->line);
}

/* The example entry at the top, when its every value is words. */
static void
learn_example (GHashTable *table,
               GArray     *example,
               const char *source)
{
  gboolean all_prose = example->len >= 2;

  for (guint j = 0; j < example->len && all_prose; j++)
    all_prose = is_prose_value (g_array_index (example, Example, j).line.value);
  for (guint j = 0; j < example->len && all_prose; j++)
    {
      Example *e = &g_array_index (example, Example, j);

      learn (table, e->line.key, e->line.value, source, e->number);
    }
}

void
aushang_key_words_learn_yaml (GHashTable *table,
                              const char *text,
                              const char *source)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) example = g_array_new (FALSE, TRUE, sizeof (Example));
  g_autofree char *above = NULL;   /* the comment line right above */
  guint above_run = 0;             /* how many comment lines in a row */
  gboolean in_header = TRUE;       /* in the comments at the top */

  g_return_if_fail (table != NULL);
  g_return_if_fail (text != NULL);

  g_array_set_clear_func (example, (GDestroyNotify) example_clear);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      const char *p = line;
      KeyLine parsed = { NULL, };

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      while (*p == ' ' || *p == '\t')
        p++;

      if (*p == '\0' || g_str_equal (p, "---") || g_str_equal (p, "..."))
        {
          g_clear_pointer (&above, g_free);
          above_run = 0;
          continue;
        }

      if (*p == '#')
        {
          const char *body = p;

          while (*body == '#')
            body++;

          if (parse_key_line (body, &parsed))
            {
              /* A commented-out key: its value is data (a hidden entry)
               * unless it belongs to an example entry at the top; the
               * comment beside it is words. */
              if (parsed.comment != NULL)
                learn (table, parsed.key, parsed.comment, source, i + 1);
              if (in_header)
                {
                  Example e = { parsed, i + 1 };

                  g_array_append_val (example, e);
                }
              else
                key_line_clear (&parsed);
              g_clear_pointer (&above, g_free);
              above_run = 0;
            }
          else
            {
              g_free (above);
              above = g_strstrip (g_strdup (body));
              above_run++;
            }
          continue;
        }

      if (in_header)
        {
          in_header = FALSE;
          learn_example (table, example, source);
        }

      if (parse_key_line (p, &parsed))
        {
          if (parsed.comment != NULL)
            learn (table, parsed.key, parsed.comment, source, i + 1);
          /* One line of comment right above the key (several are about
           * the file or the entry). */
          else if (above != NULL && above_run == 1)
            learn (table, parsed.key, above, source, i);
          key_line_clear (&parsed);
        }

      g_clear_pointer (&above, g_free);
      above_run = 0;
    }

  /* A file that is only its example (no entry yet). */
  if (in_header)
    learn_example (table, example, source);
}

/* Guides ------------------------------------------------------------------- */

void
aushang_key_words_learn_guide (GHashTable *table,
                               const char *text,
                               const char *source)
{
  g_auto(GStrv) lines = NULL;

  g_return_if_fail (table != NULL);
  g_return_if_fail (text != NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];
      const char *key_start;
      g_autofree char *key = NULL;
      g_autofree char *words = NULL;
      gsize len;

      while (*p == ' ')
        p++;
      if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
        p += 2;
      while (*p == ' ')
        p++;
      while (*p == '*')
        p++;
      if (*p != '`')
        continue;

      key_start = ++p;
      while (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
        p++;
      if (p == key_start)
        continue;
      key = g_strndup (key_start, p - key_start);
      if (*p == ':')
        p++;
      if (*p != '`')
        continue;
      p++;
      while (*p == '*')
        p++;

      /* "`key`: words", "`key` – words", "`key` - words", "`key` — words". */
      if (*p == ':')
        p++;
      else if (g_str_has_prefix (p, " – "))
        p += strlen (" – ");
      else if (g_str_has_prefix (p, " — "))
        p += strlen (" — ");
      else if (g_str_has_prefix (p, " - "))
        p += strlen (" - ");
      else
        continue;

      words = g_strstrip (g_strdup (p));
      len = strlen (words);
      while (len > 0 && (words[len - 1] == '\r' || words[len - 1] == ' '))
        words[--len] = '\0';
      /* Markdown emphasis and code marks are no words. */
      {
        GString *plain = g_string_new (NULL);

        for (const char *q = words; *q != '\0'; q++)
          if (*q != '*' && *q != '`')
            g_string_append_c (plain, *q);
        g_free (words);
        words = g_string_free (plain, FALSE);
      }

      learn (table, key, words, source, i + 1);
    }
}

/* The site's files ----------------------------------------------------------- */

typedef struct
{
  GHashTable *front_matter;  /* key → AushangKeyWords*, from templates */
  GHashTable *guide;         /* key → AushangKeyWords*, from README, … */
  GHashTable *data;          /* data path → GHashTable* of that file */
} SiteWords;

static void
site_words_free (SiteWords *words)
{
  g_hash_table_unref (words->front_matter);
  g_hash_table_unref (words->guide);
  g_hash_table_unref (words->data);
  g_free (words);
}

static char *
read_text (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (path == NULL || !aushang_safe_file_read (path, MAX_FILE_SIZE, &contents, &length, NULL, NULL) ||
      !g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    return NULL;

  return g_steal_pointer (&contents);
}

static gboolean
has_text_extension (const char *name)
{
  static const char * const extensions[] = {
    ".md", ".markdown", ".html", ".yml", ".yaml", ".txt", NULL
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;

  return FALSE;
}

/* Learns from a template: its front matter (a YAML file as a whole). */
static void
learn_template (GHashTable *table,
                GFile      *site_folder,
                GFile      *file)
{
  g_autofree char *text = read_text (file);
  g_autofree char *source = g_file_get_relative_path (site_folder, file);
  g_autofree char *lower = NULL;
  const char *start;
  const char *end;

  if (text == NULL)
    return;

  lower = g_ascii_strdown (source ? source : "", -1);
  if (g_str_has_suffix (lower, ".yml") || g_str_has_suffix (lower, ".yaml"))
    {
      aushang_key_words_learn_yaml (table, text, source);
      return;
    }

  start = text;
  if (g_str_has_prefix (start, "\xEF\xBB\xBF"))
    start += 3;
  if (!g_str_has_prefix (start, "---"))
    return;
  start = strchr (start, '\n');
  if (start == NULL)
    return;
  start++;

  /* From the file's start, so that the lines are numbered as in the
   * file: "---" says nothing. */
  for (end = start; end != NULL && *end != '\0'; end = strchr (end, '\n'), end = end ? end + 1 : NULL)
    if (g_str_has_prefix (end, "---") || g_str_has_prefix (end, "..."))
      break;

  {
    g_autofree char *front = g_strndup (text, end ? (gsize) (end - text) : strlen (text));

    aushang_key_words_learn_yaml (table, front, source);
  }
}

/* "template.md", "beitrag-vorlage.md", "_vorlage_termin.yml"; not a dated
 * post about templates ("2024-12-15-angular-new-template-syntax.md"). */
static gboolean
is_template_name (const char *name)
{
  static const char * const words[] = { "template", "templates", "vorlage", "vorlagen", NULL };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_auto(GStrv) tokens = NULL;
  char *dot = strrchr (lower, '.');

  if (g_ascii_isdigit (lower[0]))
    return FALSE;
  if (dot != NULL)
    *dot = '\0';
  tokens = g_strsplit_set (lower, "-_. ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_strv_contains (words, tokens[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_template_folder (const char *name)
{
  static const char * const folders[] = {
    "_templates", "templates", "_vorlagen", "vorlagen", "archetypes", "_archetypes", NULL
  };

  return g_strv_contains (folders, name);
}

/* Folders whose files are no templates of documents (Liquid templates,
 * the built site, dependencies). */
static gboolean
is_skipped_folder (const char *name)
{
  static const char * const folders[] = {
    "_site", "_layouts", "_includes", "_sass", "assets", "node_modules", "vendor", NULL
  };

  return name[0] == '.' || g_strv_contains (folders, name);
}

static void
find_templates (GFile     *folder,
                guint      depth,
                gboolean   all,
                GPtrArray *out)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  if (depth > MAX_DEPTH)
    return;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) || info == NULL)
        break;
      g_ptr_array_add (entries, g_object_ref (info));
    }

  for (guint i = 0; i < entries->len && out->len < MAX_FILES; i++)
    {
      GFileInfo *info = g_ptr_array_index (entries, i);
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = g_file_get_child (folder, name);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!is_skipped_folder (name))
            find_templates (child, depth + 1, all || is_template_folder (name), out);
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
               has_text_extension (name) && (all || is_template_name (name)))
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *pa = g_file_get_path (*(GFile **) a);
  g_autofree char *pb = g_file_get_path (*(GFile **) b);

  return g_strcmp0 (pa, pb);
}

static gboolean
is_guide_name (const char *name)
{
  static const char * const prefixes[] = {
    "readme", "contributing", "anleitung", "leitfaden", "redaktion", "guide", NULL
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (lower, prefixes[i]))
      return strchr (lower, '.') == NULL || g_str_has_suffix (lower, ".md") ||
             g_str_has_suffix (lower, ".markdown") || g_str_has_suffix (lower, ".txt");

  return FALSE;
}

static void
learn_guides (GHashTable *table,
              GFile      *site_folder)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) guides = g_ptr_array_new_with_free_func (g_object_unref);

  children = g_file_enumerate_children (site_folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          is_guide_name (g_file_info_get_name (info)))
        g_ptr_array_add (guides, g_file_get_child (site_folder, g_file_info_get_name (info)));
    }

  g_ptr_array_sort (guides, compare_files);
  for (guint i = 0; i < guides->len; i++)
    {
      GFile *file = g_ptr_array_index (guides, i);
      g_autofree char *text = read_text (file);
      g_autofree char *source = g_file_get_relative_path (site_folder, file);

      if (text != NULL)
        aushang_key_words_learn_guide (table, text, source);
    }
}

static GQuark
site_words_quark (void)
{
  return g_quark_from_static_string ("aushang-site-words");
}

static SiteWords *
get_site_words (AushangSite *self)
{
  SiteWords *words = g_object_get_qdata (G_OBJECT (self), site_words_quark ());
  GFile *folder;
  g_autoptr(GPtrArray) templates = NULL;

  if (words != NULL)
    return words;

  words = g_new0 (SiteWords, 1);
  words->front_matter = aushang_key_words_table_new ();
  words->guide = aushang_key_words_table_new ();
  words->data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
  g_object_set_qdata_full (G_OBJECT (self), site_words_quark (), words,
                           (GDestroyNotify) site_words_free);

  folder = aushang_site_get_folder (self);
  templates = g_ptr_array_new_with_free_func (g_object_unref);
  find_templates (folder, 0, FALSE, templates);
  g_ptr_array_sort (templates, compare_files);
  for (guint i = 0; i < templates->len; i++)
    learn_template (words->front_matter, folder, g_ptr_array_index (templates, i));
  learn_guides (words->guide, folder);

  return words;
}

const AushangKeyWords *
aushang_site_get_key_words (AushangSite *self,
                            const char  *data_path,
                            const char  *key)
{
  SiteWords *words;
  GHashTable *table;
  const AushangKeyWords *found;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  words = get_site_words (self);

  if (data_path == NULL)
    table = words->front_matter;
  else if ((table = g_hash_table_lookup (words->data, data_path)) == NULL)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (aushang_site_get_folder (self), data_path);
      g_autofree char *text = read_text (file);

      table = aushang_key_words_table_new ();
      if (text != NULL)
        aushang_key_words_learn_yaml (table, text, data_path);
      g_hash_table_insert (words->data, g_strdup (data_path), table);
    }

  found = g_hash_table_lookup (table, key);
  if (found == NULL)
    found = g_hash_table_lookup (words->guide, key);

  return found;
}
