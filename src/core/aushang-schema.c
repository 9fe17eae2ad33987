/* aushang-schema.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-schema"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aushang-schema.h"
#include "aushang-yaml.h"

#define N_KINDS            (AUSHANG_FIELD_URL + 1)
#define MAX_CHOICES        8
#define MAX_SUGGESTIONS    50
#define FEW_SUGGESTIONS    3
#define LONG_TEXT_CHARS    120
#define REQUIRED_PERCENT   95
#define REQUIRED_MIN_DOCS  3

struct _AushangSchema
{
  GObject     parent_instance;

  GPtrArray  *fields;      /* AushangField*, owned */
  GHashTable *by_name;     /* key and alias → AushangField*, not owned */
  guint       n_documents;
};

G_DEFINE_FINAL_TYPE (AushangSchema, aushang_schema, G_TYPE_OBJECT)

/* Spellings Jekyll (or the themes around it) read as one thing: Jekyll's
 * Utils.pluralized_array_from_hash merges category/categories and tag/tags;
 * themes and jekyll-seo-tag read author and authors. */
static const struct
{
  const char *plural;
  const char *singular;
} aliases[] = {
  { "authors", "author" },
  { "categories", "category" },
  { "tags", "tag" },
};

/* Keys with a meaning of their own, their kind and their place in the form.
 * "date" is DATE or DATETIME by what the documents hold. */
enum
{
  RANK_TITLE,
  RANK_TEASER,
  RANK_DATE,
  RANK_AUTHORS,
  RANK_CATEGORIES,
  RANK_TAGS,
  RANK_IMAGE,
  RANK_IMAGE_CREDIT,
  RANK_PUBLISHED,
  RANK_OTHER,
  RANK_LAYOUT,
  RANK_PERMALINK,
};

static const struct
{
  const char       *key;
  AushangFieldKind  kind;
  int               rank;
} well_known[] = {
  { "title", AUSHANG_FIELD_TEXT, RANK_TITLE },
  { "teaser", AUSHANG_FIELD_LONG_TEXT, RANK_TEASER },
  { "excerpt", AUSHANG_FIELD_LONG_TEXT, RANK_TEASER },
  { "description", AUSHANG_FIELD_LONG_TEXT, RANK_TEASER },
  { "subtitle", AUSHANG_FIELD_LONG_TEXT, RANK_TEASER },
  { "date", AUSHANG_FIELD_DATE, RANK_DATE },
  { "authors", AUSHANG_FIELD_LIST, RANK_AUTHORS },
  { "categories", AUSHANG_FIELD_LIST, RANK_CATEGORIES },
  { "tags", AUSHANG_FIELD_LIST, RANK_TAGS },
  { "header_image", AUSHANG_FIELD_IMAGE, RANK_IMAGE },
  { "image", AUSHANG_FIELD_IMAGE, RANK_IMAGE },
  { "thumbnail", AUSHANG_FIELD_IMAGE, RANK_IMAGE },
  { "header_image_credit", AUSHANG_FIELD_TEXT, RANK_IMAGE_CREDIT },
  { "published", AUSHANG_FIELD_BOOLEAN, RANK_PUBLISHED },
  { "layout", AUSHANG_FIELD_TEXT, RANK_LAYOUT },
  { "permalink", AUSHANG_FIELD_TEXT, RANK_PERMALINK },
};

static const char * const image_extensions[] = {
  ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg",
};

/* What is learnt about one key (or a key and its alias) while reading. */
typedef struct
{
  char        *name;            /* the plural for alias pairs */
  char        *spelling;        /* as the newest document writes it */
  guint        spelling_doc;
  gboolean     seen_plural;
  gboolean     seen_singular;
  guint        count;
  guint        first_doc;
  double       position_sum;
  guint        votes[N_KINDS];
  guint        first_vote[N_KINDS];
  GHashTable  *value_counts;    /* char* → count */
  GPtrArray   *values;          /* char*, in the order first seen */
  char        *example;
  int          rank;
  double       position;

  /* Data lists. */
  GHashTable  *forms;           /* date or time format → count */
  guint        as_text;         /* dates written as quoted text */
  guint        as_value;        /* dates written as YAML dates */
  GArray      *numbers;         /* double, in file order */
  guint        decimals;
  gboolean     all_integers;
} KeyStats;

static void
key_stats_free (KeyStats *stats)
{
  g_free (stats->name);
  g_free (stats->spelling);
  g_clear_pointer (&stats->value_counts, g_hash_table_unref);
  g_clear_pointer (&stats->values, g_ptr_array_unref);
  g_clear_pointer (&stats->forms, g_hash_table_unref);
  g_clear_pointer (&stats->numbers, g_array_unref);
  g_free (stats->example);
  g_free (stats);
}

static void
aushang_field_free (AushangField *field)
{
  g_free (field->key);
  g_free (field->alias);
  g_clear_pointer (&field->suggestions, g_ptr_array_unref);
  g_free (field->example);
  g_free (field->form);
  g_clear_pointer (&field->next, aushang_value_unref);
  g_free (field);
}

static const char *
group_name (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (strcmp (key, aliases[i].singular) == 0)
        return aliases[i].plural;
    }

  return key;
}

static const char *
singular_of (const char *plural)
{
  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (strcmp (plural, aliases[i].plural) == 0)
        return aliases[i].singular;
    }

  return NULL;
}

static int
well_known_index (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (well_known); i++)
    {
      if (strcmp (name, well_known[i].key) == 0)
        return (int) i;
    }

  return -1;
}

static gboolean
looks_like_image (const char *text)
{
  const char *slash;

  for (gsize i = 0; i < G_N_ELEMENTS (image_extensions); i++)
    {
      gsize text_len = strlen (text);
      gsize ext_len = strlen (image_extensions[i]);

      if (text_len > ext_len
          && g_ascii_strcasecmp (text + text_len - ext_len, image_extensions[i]) == 0)
        return TRUE;
    }

  /* "/assets/images/ki" without an extension is still a picture's place;
   * "/assets/flyer.pdf" is not. */
  if (!g_str_has_prefix (text, "/assets/"))
    return FALSE;

  slash = strrchr (text, '/');

  return strchr (slash, '.') == NULL;
}

static gboolean
is_long_text (const char *text)
{
  return strchr (text, '\n') != NULL || g_utf8_strlen (text, -1) > LONG_TEXT_CHARS;
}

static gboolean
is_scalar (const AushangValue *value)
{
  AushangValueKind kind = aushang_value_get_kind (value);

  return kind != AUSHANG_VALUE_LIST && kind != AUSHANG_VALUE_MAP;
}

/* The kind one value suggests, or -1 for an empty value (no opinion). */
static int
classify (const char         *name,
          const AushangValue *value)
{
  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_NULL:
      return -1;

    case AUSHANG_VALUE_BOOLEAN:
      return AUSHANG_FIELD_BOOLEAN;

    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
      return AUSHANG_FIELD_NUMBER;

    case AUSHANG_VALUE_DATE:
      return AUSHANG_FIELD_DATE;

    case AUSHANG_VALUE_DATETIME:
      return AUSHANG_FIELD_DATETIME;

    case AUSHANG_VALUE_MAP:
      return AUSHANG_FIELD_YAML;

    case AUSHANG_VALUE_LIST:
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          if (!is_scalar (aushang_value_get_item (value, i)))
            return AUSHANG_FIELD_YAML;
        }
      return AUSHANG_FIELD_LIST;

    case AUSHANG_VALUE_STRING:
      {
        const char *text = aushang_value_get_string (value);

        /* Jekyll parses a quoted "date" itself (Utils.parse_date). */
        if (strcmp (name, "date") == 0)
          {
            g_autoptr(GDateTime) parsed = NULL;

            if (aushang_yaml_parse_jekyll_date (text, &parsed))
              return strchr (text, ':') != NULL ? AUSHANG_FIELD_DATETIME : AUSHANG_FIELD_DATE;
          }

        if (looks_like_image (text))
          return AUSHANG_FIELD_IMAGE;
        if (is_long_text (text))
          return AUSHANG_FIELD_LONG_TEXT;
        return AUSHANG_FIELD_TEXT;
      }

    default:
      g_assert_not_reached ();
    }
}


/* Data lists */

gboolean
aushang_schema_is_time (const char *text)
{
  static GRegex *regex;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("^([01]?[0-9]|2[0-3]):[0-5][0-9]$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return text != NULL && g_regex_match (regex, text, 0, NULL);
}

static const struct
{
  const char *pattern;
  const char *form;
} date_forms[] = {
  { "^\\d{4}-\\d{2}-\\d{2}$", "%Y-%m-%d" },
  { "^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}$", "%Y-%m-%d %H:%M" },
  { "^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}$", "%Y-%m-%d %H:%M:%S" },
  { "^\\d{2}\\.\\d{2}\\.\\d{4}$", "%d.%m.%Y" },
  { "^\\d{1,2}\\.\\d{1,2}\\.\\d{4}$", "%-d.%-m.%Y" },
  { "^\\d{4}-\\d{1,2}-\\d{1,2}$", "%Y-%-m-%-d" },
};

char *
aushang_schema_date_form (const AushangValue *value,
                          gboolean           *as_text)
{
  static GRegex *regexes[G_N_ELEMENTS (date_forms)];
  static gsize initialized;
  const char *text;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (date_forms); i++)
        regexes[i] = g_regex_new (date_forms[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (as_text)
    *as_text = FALSE;

  if (value == NULL)
    return NULL;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_DATE:
      return g_strdup ("%Y-%m-%d");

    case AUSHANG_VALUE_DATETIME:
      return g_strdup ("%Y-%m-%d %H:%M:%S");

    case AUSHANG_VALUE_STRING:
      text = aushang_value_get_string (value);
      for (guint i = 0; i < G_N_ELEMENTS (date_forms); i++)
        if (g_regex_match (regexes[i], text, 0, NULL))
          {
            if (!aushang_yaml_parse_jekyll_date (text, NULL))
              return NULL;
            if (as_text)
              *as_text = TRUE;
            return g_strdup (date_forms[i].form);
          }
      return NULL;

    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
    default:
      return NULL;
    }
}

char *
aushang_schema_format_date (GDateTime  *date,
                            const char *form)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (date != NULL && form != NULL, g_string_free (out, FALSE));

  for (const char *p = form; *p; p++)
    {
      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }

      p++;
      if (*p == '-' && (p[1] == 'd' || p[1] == 'm'))
        {
          p++;
          g_string_append_printf (out, "%d", *p == 'd' ? g_date_time_get_day_of_month (date)
                                                       : g_date_time_get_month (date));
          continue;
        }

      {
        char spec[3] = { '%', *p, '\0' };
        g_autofree char *part = g_date_time_format (date, spec);

        g_string_append (out, part ? part : "");
      }
    }

  return g_string_free (out, FALSE);
}

gboolean
aushang_schema_parse_duration (const char *text,
                               guint      *minutes)
{
  static GRegex *regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *folded = NULL;
  double total = 0;
  gboolean found = FALSE;

  if (g_once_init_enter (&initialized))
    {
      /* A number (1,5 or 1.5 or 1:30), then its unit. */
      regex = g_regex_new ("(\\d+(?:[.,]\\d+)?|\\d+:[0-5]\\d)\\s*"
                           "(stunden|stunde|std\\.?|hours|hour|hrs|hr|h|minuten|minute|min\\.?|minutes|m|tage|tag|days|day|d)\\b",
                           G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (text == NULL)
    return FALSE;

  folded = g_utf8_strdown (text, -1);
  g_regex_match (regex, folded, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *number = g_match_info_fetch (info, 1);
      g_autofree char *unit = g_match_info_fetch (info, 2);
      double amount;

      if (strchr (number, ':') != NULL)
        amount = atoi (number) + atoi (strchr (number, ':') + 1) / 60.0;
      else
        {
          char *comma = strchr (number, ',');

          if (comma)
            *comma = '.';
          amount = g_ascii_strtod (number, NULL);
        }

      if (unit[0] == 'm')
        total += amount;
      else if (unit[0] == 'd' || unit[0] == 't')
        total += amount * 24 * 60;
      else
        total += amount * 60;
      found = TRUE;
      g_match_info_next (info, NULL);
    }

  if (!found || total <= 0 || total > 60 * 24 * 366)
    return FALSE;

  if (minutes)
    *minutes = (guint) (total + 0.5);

  return TRUE;
}

static gboolean
looks_like_url (const char *text)
{
  if (strchr (text, ' ') != NULL || strchr (text, '\n') != NULL)
    return FALSE;

  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://") ||
         g_str_has_prefix (text, "{{") ||
         (text[0] == '/' && text[1] != '/' && text[1] != '\0');
}

static gboolean
name_is_time (const char *name)
{
  return strcmp (name, "time") == 0 || strcmp (name, "uhrzeit") == 0 || strcmp (name, "zeit") == 0 ||
         g_str_has_suffix (name, "_time") || strcmp (name, "start_time") == 0 || strcmp (name, "end_time") == 0;
}

/* The kind one entry's value suggests, or -1 for an empty value. */
static int
classify_entry (const char         *name,
                const AushangValue *value)
{
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    {
      const char *text = aushang_value_get_string (value);
      g_autofree char *form = aushang_schema_date_form (value, NULL);

      if (*text == '\0')
        return -1;
      if (form != NULL)
        return strchr (form, 'H') != NULL ? AUSHANG_FIELD_DATETIME : AUSHANG_FIELD_DATE;
      if (aushang_schema_is_time (text))
        return AUSHANG_FIELD_TIME;
      if (looks_like_image (text))
        return AUSHANG_FIELD_IMAGE;
      if (looks_like_url (text))
        return AUSHANG_FIELD_URL;
      if (g_utf8_strlen (text, -1) <= 30 && !g_ascii_isdigit (text[strlen (text) - 1]) &&
          aushang_schema_parse_duration (text, NULL))
        return AUSHANG_FIELD_DURATION;
      if (is_long_text (text))
        return AUSHANG_FIELD_LONG_TEXT;
      return AUSHANG_FIELD_TEXT;
    }

  /* 16:30 without quotes is a number (16 × 60 + 30 minutes in seconds);
   * in a time field it is still meant as a time. */
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_INTEGER && name_is_time (name))
    return AUSHANG_FIELD_TIME;

  return classify (name, value);
}

static guint
decimals_of (const AushangValue *value)
{
  g_autofree char *text = aushang_value_to_display (value);
  const char *dot = strchr (text, '.');

  if (dot == NULL || strpbrk (text, "eE") != NULL)
    return 0;

  return strlen (dot + 1);
}

/* What data lists need beyond the kind: forms, numbers. */
static void
read_entry_value (KeyStats           *stats,
                  const AushangValue *value)
{
  AushangValueKind kind = aushang_value_get_kind (value);
  gboolean as_text = FALSE;
  g_autofree char *form = aushang_schema_date_form (value, &as_text);

  if (stats->forms == NULL)
    {
      stats->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      stats->numbers = g_array_new (FALSE, FALSE, sizeof (double));
      stats->all_integers = TRUE;
    }

  if (form == NULL && kind == AUSHANG_VALUE_STRING && aushang_schema_is_time (aushang_value_get_string (value)))
    {
      const char *text = aushang_value_get_string (value);

      form = g_strdup (text[1] == ':' ? "%-H:%M" : "%H:%M");
      as_text = TRUE;
    }

  if (form != NULL)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->forms, form));

      g_hash_table_insert (stats->forms, g_strdup (form), GUINT_TO_POINTER (n + 1));
      if (as_text)
        stats->as_text++;
      else
        stats->as_value++;
    }

  if (kind == AUSHANG_VALUE_INTEGER || kind == AUSHANG_VALUE_FLOAT)
    {
      double number = aushang_value_get_float (value);

      g_array_append_val (stats->numbers, number);
      stats->decimals = MAX (stats->decimals, decimals_of (value));
      if (kind == AUSHANG_VALUE_FLOAT)
        stats->all_integers = FALSE;
    }
}

/* Without libm: 10^@n, and @x rounded to the nearest whole number. */
static double
power_of_ten (guint n)
{
  double result = 1;

  while (n-- > 0)
    result *= 10;

  return result;
}

static double
round_whole (double x)
{
  /* Beyond 2^53 every double is whole, and beyond 2^63 it does not fit
   * the integer (the fuzzer found 66666666666666666666 in a list). */
  if (x >= 9007199254740992.0 || x <= -9007199254740992.0 || x != x)
    return x;

  return x < 0 ? -(double) (gint64) (-x + 0.5) : (double) (gint64) (x + 0.5);
}

/* The step between the numbers in file order, or 0 when they do not grow
 * (or shrink) by one. */
static double
constant_step (KeyStats *stats)
{
  double scale;
  double step;

  if (stats->numbers == NULL || stats->numbers->len < 2)
    return 0;

  scale = power_of_ten (MIN (stats->decimals, 9));
  step = round_whole ((g_array_index (stats->numbers, double, 1) - g_array_index (stats->numbers, double, 0)) * scale);
  if (step == 0)
    return 0;

  for (guint i = 2; i < stats->numbers->len; i++)
    {
      double d = round_whole ((g_array_index (stats->numbers, double, i) - g_array_index (stats->numbers, double, i - 1)) * scale);

      if (d != step)
        return 0;
    }

  return step / scale;
}

static void
finish_entry_field (AushangField *field,
                    KeyStats     *stats)
{
  guint best = 0;
  GHashTableIter iter;
  gpointer key, count;

  if (stats->forms == NULL)
    return;

  if (field->kind == AUSHANG_FIELD_DATE || field->kind == AUSHANG_FIELD_DATETIME ||
      field->kind == AUSHANG_FIELD_TIME)
    {
      g_hash_table_iter_init (&iter, stats->forms);
      while (g_hash_table_iter_next (&iter, &key, &count))
        if (GPOINTER_TO_UINT (count) > best ||
            (GPOINTER_TO_UINT (count) == best && g_strcmp0 (key, field->form) < 0))
          {
            best = GPOINTER_TO_UINT (count);
            g_free (field->form);
            field->form = g_strdup (key);
          }
      field->as_text = field->kind == AUSHANG_FIELD_TIME || stats->as_text > stats->as_value;
    }

  if (field->kind == AUSHANG_FIELD_NUMBER)
    {
      field->step = constant_step (stats);
      if (field->step != 0)
        {
          double scale = power_of_ten (MIN (stats->decimals, 9));
          double last = g_array_index (stats->numbers, double, stats->numbers->len - 1);
          double next = round_whole ((last + field->step) * scale) / scale;

          /* No next number where it would not fit a whole number. */
          if (stats->all_integers && (next >= 9223372036854775807.0 || next < -9223372036854775807.0))
            ;
          else
            field->next = stats->all_integers ? aushang_value_new_integer ((gint64) next)
                                              : aushang_value_new_float (next);
        }
    }

  /* Few values, each used again and again: a choice. */
  if (field->kind == AUSHANG_FIELD_TEXT && stats->values->len >= 2 &&
      stats->values->len <= MAX_CHOICES &&
      (stats->values->len * 2 <= stats->count ||
       (stats->values->len <= FEW_SUGGESTIONS && stats->count > stats->values->len)))
    field->choice = TRUE;
}


static void
add_suggestion (KeyStats   *stats,
                GHashTable *seen_in_document,
                const char *text)
{
  guint count;

  if (*text == '\0' || is_long_text (text))
    return;

  /* A value listed twice in one document counts once. */
  if (!g_hash_table_add (seen_in_document, g_strdup (text)))
    return;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (stats->value_counts, text));
  if (count == 0)
    g_ptr_array_add (stats->values, g_strdup (text));

  g_hash_table_insert (stats->value_counts, g_strdup (text), GUINT_TO_POINTER (count + 1));
}

static void
collect_suggestions (KeyStats           *stats,
                     const char         *key,
                     const AushangValue *value)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) items = NULL;

  /* Jekyll splits "categories: a b" and "tags: a b" at white space (but
   * not the singular "category: a b"). */
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING
      && (strcmp (key, "categories") == 0 || strcmp (key, "tags") == 0))
    items = g_strsplit_set (aushang_value_get_string (value), " \t\r\n\f\v", -1);
  else
    items = aushang_value_dup_strv (value);

  if (items == NULL)
    return;

  for (guint i = 0; items[i] != NULL; i++)
    add_suggestion (stats, seen, items[i]);
}

static KeyStats *
ensure_stats (GHashTable *table,
              GPtrArray  *all,
              const char *name,
              guint       document)
{
  KeyStats *stats = g_hash_table_lookup (table, name);

  if (stats != NULL)
    return stats;

  stats = g_new0 (KeyStats, 1);
  stats->name = g_strdup (name);
  stats->first_doc = document;
  stats->value_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->values = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_insert (table, stats->name, stats);
  g_ptr_array_add (all, stats);

  return stats;
}

static void
read_document (GHashTable         *table,
               GPtrArray          *all,
               const AushangValue *front_matter,
               guint               document,
               gboolean            entries)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_keys = aushang_value_get_length (front_matter);

  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = aushang_value_get_key (front_matter, i);
      const char *name = entries ? key : group_name (key);
      gboolean singular = strcmp (key, name) != 0;
      /* With duplicate keys YAML keeps the last value. */
      const AushangValue *value = aushang_value_lookup (front_matter, key);
      KeyStats *stats = ensure_stats (table, all, name, document);
      int kind;

      if (singular)
        stats->seen_singular = TRUE;
      else
        stats->seen_plural = TRUE;

      if (stats->spelling == NULL)
        {
          stats->spelling = g_strdup (key);
          stats->spelling_doc = document;
        }
      else if (stats->spelling_doc == document && !singular)
        {
          /* The newest document has both spellings: the plural wins. */
          g_free (stats->spelling);
          stats->spelling = g_strdup (key);
        }

      /* A key written twice, or in both spellings, counts once. */
      if (!g_hash_table_add (seen, (gpointer) name))
        continue;

      stats->count++;
      stats->position_sum += (i + 0.5) / n_keys;

      kind = entries ? classify_entry (name, value) : classify (name, value);
      if (entries)
        read_entry_value (stats, value);
      if (kind >= 0 && stats->votes[kind]++ == 0)
        stats->first_vote[kind] = document;

      if (stats->example == NULL && aushang_value_get_kind (value) != AUSHANG_VALUE_NULL)
        {
          g_autofree char *example = aushang_value_to_display (value);

          if (*example != '\0')
            stats->example = g_steal_pointer (&example);
        }

      collect_suggestions (stats, key, value);
    }
}

/* Votes for @kinds taken together, and the newest document that cast one. */
static guint
family_votes (const KeyStats         *stats,
              const AushangFieldKind *kinds,
              gsize                   n_kinds,
              guint                  *first)
{
  guint votes = 0;

  *first = G_MAXUINT;

  for (gsize i = 0; i < n_kinds; i++)
    {
      if (stats->votes[kinds[i]] == 0)
        continue;

      votes += stats->votes[kinds[i]];
      *first = MIN (*first, stats->first_vote[kinds[i]]);
    }

  return votes;
}

static AushangFieldKind
date_kind (const KeyStats *stats)
{
  /* DATETIME only when most of the dates carry a time. */
  return stats->votes[AUSHANG_FIELD_DATETIME] > stats->votes[AUSHANG_FIELD_DATE]
         ? AUSHANG_FIELD_DATETIME
         : AUSHANG_FIELD_DATE;
}

static AushangFieldKind
decide_kind (const KeyStats *stats,
             gboolean        entries)
{
  static const AushangFieldKind text_family[] = { AUSHANG_FIELD_TEXT, AUSHANG_FIELD_LONG_TEXT };
  static const AushangFieldKind date_family[] = { AUSHANG_FIELD_DATE, AUSHANG_FIELD_DATETIME };
  static const AushangFieldKind others[] = {
    AUSHANG_FIELD_LIST, AUSHANG_FIELD_BOOLEAN, AUSHANG_FIELD_IMAGE,
    AUSHANG_FIELD_NUMBER, AUSHANG_FIELD_YAML, AUSHANG_FIELD_TIME,
    AUSHANG_FIELD_DURATION, AUSHANG_FIELD_URL,
  };
  const guint *votes = stats->votes;
  int known = entries ? -1 : well_known_index (stats->name);
  AushangFieldKind best;
  guint best_votes, best_first, total = 0, first;

  for (guint k = 0; k < N_KINDS; k++)
    total += votes[k];

  /* A well-known key holding nested YAML (jekyll-seo-tag's
   * "image: {path: …, alt: …}") is edited as YAML, not flattened. */
  if (total > 0 && votes[AUSHANG_FIELD_YAML] * 2 > total)
    return AUSHANG_FIELD_YAML;

  if (known >= 0)
    {
      if (well_known[known].kind == AUSHANG_FIELD_DATE)
        return date_kind (stats);

      return well_known[known].kind;
    }

  if (total == 0)
    return AUSHANG_FIELD_TEXT;

  /* A list in some documents and a single value in others is a list. */
  if (votes[AUSHANG_FIELD_LIST] > 0
      && votes[AUSHANG_FIELD_LIST] + votes[AUSHANG_FIELD_TEXT] + votes[AUSHANG_FIELD_LONG_TEXT]
         + votes[AUSHANG_FIELD_IMAGE] + votes[AUSHANG_FIELD_NUMBER] + votes[AUSHANG_FIELD_URL] == total)
    return AUSHANG_FIELD_LIST;

  /* A field named as a time holds times, however some are written. */
  if (entries && votes[AUSHANG_FIELD_TIME] > 0 && name_is_time (stats->name))
    return AUSHANG_FIELD_TIME;

  /* Otherwise the majority; on a tie, what the newer documents hold. */
  best = AUSHANG_FIELD_TEXT;
  best_votes = family_votes (stats, text_family, G_N_ELEMENTS (text_family), &best_first);

  {
    guint n = family_votes (stats, date_family, G_N_ELEMENTS (date_family), &first);

    if (n > best_votes || (n > 0 && n == best_votes && first < best_first))
      {
        best = AUSHANG_FIELD_DATE;
        best_votes = n;
        best_first = first;
      }
  }

  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    {
      guint n = family_votes (stats, &others[i], 1, &first);

      if (n > best_votes || (n > 0 && n == best_votes && first < best_first))
        {
          best = others[i];
          best_votes = n;
          best_first = first;
        }
    }

  /* A short text field cannot hold the few long values; the other way
   * round works. */
  if (best == AUSHANG_FIELD_TEXT && votes[AUSHANG_FIELD_LONG_TEXT] > 0)
    return AUSHANG_FIELD_LONG_TEXT;

  if (best == AUSHANG_FIELD_DATE)
    return date_kind (stats);

  return best;
}

static int
rank_of (const char *name)
{
  int known = well_known_index (name);

  return known >= 0 ? well_known[known].rank : RANK_OTHER;
}

static int
compare_stats (gconstpointer a,
               gconstpointer b)
{
  const KeyStats *sa = *(KeyStats **) a;
  const KeyStats *sb = *(KeyStats **) b;

  if (sa->rank != sb->rank)
    return sa->rank < sb->rank ? -1 : 1;
  if (sa->position != sb->position)
    return sa->position < sb->position ? -1 : 1;
  if (sa->first_doc != sb->first_doc)
    return sa->first_doc < sb->first_doc ? -1 : 1;

  return strcmp (sa->name, sb->name);
}

static int
compare_by_count (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GHashTable *counts = user_data;
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(char **) a));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(char **) b));

  /* The sort is stable: equal counts stay in the order first seen. */
  return ca == cb ? 0 : (ca > cb ? -1 : 1);
}

static gboolean
offers_suggestions (const KeyStats   *stats,
                    AushangFieldKind  kind)
{
  /* Titles and permalinks are one per document: nothing to reuse. */
  if (strcmp (stats->name, "title") == 0 || strcmp (stats->name, "permalink") == 0)
    return FALSE;

  if (kind == AUSHANG_FIELD_LIST)
    return TRUE;
  if (kind != AUSHANG_FIELD_TEXT)
    return FALSE;

  /* A text field whose values are all different (subtitles, redirects) has
   * nothing to offer; one whose values repeat (places, series) has. */
  return stats->values->len <= FEW_SUGGESTIONS || stats->values->len * 2 <= stats->count;
}

static AushangField *
make_field (KeyStats *stats,
            guint     n_documents,
            gboolean  entries)
{
  AushangField *field = g_new0 (AushangField, 1);
  const char *singular = singular_of (stats->name);

  field->key = g_strdup (stats->spelling != NULL ? stats->spelling : stats->name);

  if (singular != NULL)
    {
      gboolean key_is_plural = strcmp (field->key, stats->name) == 0;

      if (key_is_plural && stats->seen_singular)
        field->alias = g_strdup (singular);
      else if (!key_is_plural && stats->seen_plural)
        field->alias = g_strdup (stats->name);
    }

  field->kind = decide_kind (stats, entries);
  field->count = stats->count;
  field->frequency = n_documents > 0 ? (double) stats->count / n_documents : 0.0;
  /* A title is required where most documents have one, and in a new
   * collection; not among people shown by name:, where none has one. */
  field->required = (!entries && strcmp (stats->name, "title") == 0 &&
                     (n_documents == 0 || stats->count * 2 >= n_documents))
                    || (n_documents >= REQUIRED_MIN_DOCS
                        && stats->count * 100 >= REQUIRED_PERCENT * n_documents)
                    /* In a short list, all but one entry is nearly every. */
                    || (entries && n_documents >= 4 && stats->count + 1 == n_documents);
  field->example = g_steal_pointer (&stats->example);
  field->suggestions = g_ptr_array_new_with_free_func (g_free);

  if (offers_suggestions (stats, field->kind))
    {
      g_ptr_array_sort_with_data (stats->values, compare_by_count, stats->value_counts);

      for (guint i = 0; i < stats->values->len && i < MAX_SUGGESTIONS; i++)
        g_ptr_array_add (field->suggestions, g_strdup (g_ptr_array_index (stats->values, i)));
    }

  if (entries)
    finish_entry_field (field, stats);

  return field;
}

static void
index_field (AushangSchema *self,
             AushangField  *field)
{
  const char *plural = group_name (field->key);
  const char *singular = singular_of (plural);

  g_hash_table_insert (self->by_name, field->key, field);

  /* Either spelling finds the field, used or not. */
  if (field->alias != NULL)
    g_hash_table_insert (self->by_name, field->alias, field);
  if (singular != NULL)
    {
      g_hash_table_insert (self->by_name, (gpointer) plural, field);
      g_hash_table_insert (self->by_name, (gpointer) singular, field);
    }
}

static AushangSchema *
infer (GPtrArray *front_matters,
       gboolean   entries)
{
  g_autoptr(AushangSchema) self = g_object_new (AUSHANG_TYPE_SCHEMA, NULL);
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) key_stats_free);

  for (guint i = 0; i < front_matters->len; i++)
    {
      const AushangValue *front_matter = g_ptr_array_index (front_matters, i);

      if (front_matter == NULL || aushang_value_get_kind (front_matter) != AUSHANG_VALUE_MAP)
        continue;

      read_document (table, all, front_matter, self->n_documents, entries);
      self->n_documents++;
    }

  /* Every document needs a title, even the first of a new collection. */
  if (!entries)
    ensure_stats (table, all, "title", self->n_documents);

  for (guint i = 0; i < all->len; i++)
    {
      KeyStats *stats = g_ptr_array_index (all, i);

      /* A list's fields keep the order its entries write them in. */
      stats->rank = entries ? RANK_OTHER : rank_of (stats->name);
      stats->position = stats->count > 0 ? stats->position_sum / stats->count : 0.0;
    }

  g_ptr_array_sort (all, compare_stats);

  for (guint i = 0; i < all->len; i++)
    {
      AushangField *field = make_field (g_ptr_array_index (all, i), self->n_documents, entries);

      g_ptr_array_add (self->fields, field);
      if (entries)
        g_hash_table_insert (self->by_name, field->key, field);
      else
        index_field (self, field);
    }

  return g_steal_pointer (&self);
}

AushangSchema *
aushang_schema_infer (GPtrArray *front_matters)
{
  g_return_val_if_fail (front_matters != NULL, NULL);

  return infer (front_matters, FALSE);
}

AushangSchema *
aushang_schema_infer_entries (GPtrArray *entries)
{
  g_return_val_if_fail (entries != NULL, NULL);

  return infer (entries, TRUE);
}

GPtrArray *
aushang_schema_get_fields (AushangSchema *self)
{
  g_return_val_if_fail (AUSHANG_IS_SCHEMA (self), NULL);

  return self->fields;
}

AushangField *
aushang_schema_get_field (AushangSchema *self,
                          const char    *key_or_alias)
{
  g_return_val_if_fail (AUSHANG_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (key_or_alias != NULL, NULL);

  return g_hash_table_lookup (self->by_name, key_or_alias);
}

guint
aushang_schema_get_n_documents (AushangSchema *self)
{
  g_return_val_if_fail (AUSHANG_IS_SCHEMA (self), 0);

  return self->n_documents;
}

const char *
aushang_field_kind_to_string (AushangFieldKind kind)
{
  switch (kind)
    {
    case AUSHANG_FIELD_TEXT:      return "text";
    case AUSHANG_FIELD_LONG_TEXT: return "long-text";
    case AUSHANG_FIELD_DATE:      return "date";
    case AUSHANG_FIELD_DATETIME:  return "datetime";
    case AUSHANG_FIELD_LIST:      return "list";
    case AUSHANG_FIELD_BOOLEAN:   return "boolean";
    case AUSHANG_FIELD_IMAGE:     return "image";
    case AUSHANG_FIELD_NUMBER:    return "number";
    case AUSHANG_FIELD_YAML:      return "yaml";
    case AUSHANG_FIELD_TIME:      return "time";
    case AUSHANG_FIELD_DURATION:  return "duration";
    case AUSHANG_FIELD_URL:       return "url";
    default:                      return "unknown";
    }
}

static void
aushang_schema_finalize (GObject *object)
{
  AushangSchema *self = (AushangSchema *) object;

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (aushang_schema_parent_class)->finalize (object);
}

static void
aushang_schema_class_init (AushangSchemaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_schema_finalize;
}

static void
aushang_schema_init (AushangSchema *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_field_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Keys that never name a document, whatever their values: Jekyll's own,
 * and those whose values repeat or point somewhere. */
static const char * const not_name_keys[] = {
  "layout", "date", "permalink", "slug", "lang", "language", "locale",
  "author", "authors", "category", "categories", "tag", "tags", "type",
  "status", "published", "redirect_from", "redirect_to", "image",
  "thumbnail", "header_image", "feature-img", "icon", "logo", "photo",
  "avatar", "email", "mail", "url", "link", "website", "homepage", "href",
  "src", "color", "colour", "order", "weight", "sort", "position", "id",
  "uuid", "ref", "translator", NULL
};

/* Keys that name what a document is about, best first. */
static const char * const name_keys[] = {
  "name", "title_slug", "titel", "headline", "heading", "label", "subject",
  "fullname", "full_name", "display_name", "caption", "event", NULL
};

#define NAME_MAX_CHARS 120

static gboolean
text_could_be_name (const char *text)
{
  gboolean letter = FALSE;

  if (text == NULL || *text == '\0' || strchr (text, '\n') != NULL ||
      g_utf8_strlen (text, -1) > NAME_MAX_CHARS ||
      strstr (text, "://") != NULL || strchr (text, '@') != NULL || *text == '/')
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      {
        letter = TRUE;
        break;
      }

  return letter;
}

static int
name_key_rank (const char *key)
{
  g_autofree char *folded = g_ascii_strdown (key, -1);

  for (guint i = 0; name_keys[i] != NULL; i++)
    if (strcmp (folded, name_keys[i]) == 0)
      return 3 * 100 - i;

  if (strstr (folded, "name") != NULL || strstr (folded, "title") != NULL ||
      strstr (folded, "titel") != NULL)
    return 2 * 100;

  return 1 * 100;
}

typedef struct
{
  const char *key;
  guint       count;     /* documents with the key */
  GHashTable *distinct;  /* its values, each once */
} NameCandidate;

static void
name_candidate_free (gpointer data)
{
  NameCandidate *candidate = data;

  g_hash_table_unref (candidate->distinct);
  g_free (candidate);
}

char *
aushang_schema_guess_name_key (GPtrArray *front_matters)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) refused = NULL;
  NameCandidate *best = NULL;
  guint n = 0;

  g_return_val_if_fail (front_matters != NULL, NULL);

  candidates = g_hash_table_new (g_str_hash, g_str_equal);
  order = g_ptr_array_new_with_free_func (name_candidate_free);
  refused = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < front_matters->len; i++)
    {
      const AushangValue *map = g_ptr_array_index (front_matters, i);

      if (map == NULL || aushang_value_get_kind (map) != AUSHANG_VALUE_MAP)
        continue;
      n++;

      for (guint k = 0; k < aushang_value_get_length (map); k++)
        {
          const char *key = aushang_value_get_key (map, k);
          AushangValue *value = aushang_value_get_item (map, k);
          NameCandidate *candidate;
          const char *text;

          if (key == NULL || strcmp (key, "title") == 0 ||
              g_strv_contains (not_name_keys, key) ||
              g_hash_table_contains (refused, key))
            continue;

          /* An empty value is just missing here; a key with one value
           * that cannot name anything (a list, a link, a long text) is no
           * name in any document. */
          if (aushang_value_get_kind (value) == AUSHANG_VALUE_NULL ||
              (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING &&
               *aushang_value_get_string (value) == '\0'))
            continue;
          text = aushang_value_get_kind (value) == AUSHANG_VALUE_STRING
                 ? aushang_value_get_string (value) : NULL;
          if (!text_could_be_name (text))
            {
              g_hash_table_add (refused, (gpointer) key);
              continue;
            }

          candidate = g_hash_table_lookup (candidates, key);
          if (candidate == NULL)
            {
              candidate = g_new0 (NameCandidate, 1);
              candidate->key = key;
              candidate->distinct = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (candidates, (gpointer) key, candidate);
              g_ptr_array_add (order, candidate);
            }
          g_hash_table_add (candidate->distinct, (gpointer) text);
          candidate->count++;
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      NameCandidate *candidate = g_ptr_array_index (order, i);
      guint distinct = g_hash_table_size (candidate->distinct);
      guint count = candidate->count;

      if (g_hash_table_contains (refused, candidate->key))
        continue;
      /* In (nearly) every document, and (nearly) always different. */
      if (count * 10 < n * 9 && !(n >= 5 && count + 1 == n))
        continue;
      if (count >= 3 ? distinct * 10 < count * 9 : distinct < count)
        continue;

      if (best == NULL || name_key_rank (candidate->key) > name_key_rank (best->key))
        best = candidate;
    }

  return best != NULL ? g_strdup (best->key) : NULL;
}

AushangFieldKind
aushang_schema_date_kind_of_value (AushangFieldKind    field_kind,
                                   const AushangValue *value)
{
  g_autoptr(GDateTime) parsed = NULL;
  const char *text;

  if (value != NULL)
    switch (aushang_value_get_kind (value))
      {
      case AUSHANG_VALUE_DATE:
        return AUSHANG_FIELD_DATE;

      case AUSHANG_VALUE_DATETIME:
        return AUSHANG_FIELD_DATETIME;

      case AUSHANG_VALUE_STRING:
        /* A date Jekyll reads from text: with a time when it gives one. */
        text = aushang_value_get_string (value);
        if (aushang_yaml_parse_jekyll_date (text, &parsed))
          return strchr (text, ':') != NULL ? AUSHANG_FIELD_DATETIME : AUSHANG_FIELD_DATE;
        break;

      case AUSHANG_VALUE_NULL:
      case AUSHANG_VALUE_BOOLEAN:
      case AUSHANG_VALUE_INTEGER:
      case AUSHANG_VALUE_FLOAT:
      case AUSHANG_VALUE_LIST:
      case AUSHANG_VALUE_MAP:
      default:
        break;
      }

  return field_kind == AUSHANG_FIELD_DATETIME ? AUSHANG_FIELD_DATETIME : AUSHANG_FIELD_DATE;
}
