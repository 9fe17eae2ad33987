/* aushang-schema.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-schema"

#include "config.h"

#include <string.h>

#include "aushang-schema.h"
#include "aushang-yaml.h"

#define N_KINDS            (AUSHANG_FIELD_YAML + 1)
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
} KeyStats;

static void
key_stats_free (KeyStats *stats)
{
  g_free (stats->name);
  g_free (stats->spelling);
  g_clear_pointer (&stats->value_counts, g_hash_table_unref);
  g_clear_pointer (&stats->values, g_ptr_array_unref);
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
               guint               document)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_keys = aushang_value_get_length (front_matter);

  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = aushang_value_get_key (front_matter, i);
      const char *name = group_name (key);
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

      kind = classify (name, value);
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
decide_kind (const KeyStats *stats)
{
  static const AushangFieldKind text_family[] = { AUSHANG_FIELD_TEXT, AUSHANG_FIELD_LONG_TEXT };
  static const AushangFieldKind date_family[] = { AUSHANG_FIELD_DATE, AUSHANG_FIELD_DATETIME };
  static const AushangFieldKind others[] = {
    AUSHANG_FIELD_LIST, AUSHANG_FIELD_BOOLEAN, AUSHANG_FIELD_IMAGE,
    AUSHANG_FIELD_NUMBER, AUSHANG_FIELD_YAML,
  };
  const guint *votes = stats->votes;
  int known = well_known_index (stats->name);
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
         + votes[AUSHANG_FIELD_IMAGE] + votes[AUSHANG_FIELD_NUMBER] == total)
    return AUSHANG_FIELD_LIST;

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
            guint     n_documents)
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

  field->kind = decide_kind (stats);
  field->count = stats->count;
  field->frequency = n_documents > 0 ? (double) stats->count / n_documents : 0.0;
  field->required = strcmp (stats->name, "title") == 0
                    || (n_documents >= REQUIRED_MIN_DOCS
                        && stats->count * 100 >= REQUIRED_PERCENT * n_documents);
  field->example = g_steal_pointer (&stats->example);
  field->suggestions = g_ptr_array_new_with_free_func (g_free);

  if (offers_suggestions (stats, field->kind))
    {
      g_ptr_array_sort_with_data (stats->values, compare_by_count, stats->value_counts);

      for (guint i = 0; i < stats->values->len && i < MAX_SUGGESTIONS; i++)
        g_ptr_array_add (field->suggestions, g_strdup (g_ptr_array_index (stats->values, i)));
    }

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

AushangSchema *
aushang_schema_infer (GPtrArray *front_matters)
{
  g_autoptr(AushangSchema) self = g_object_new (AUSHANG_TYPE_SCHEMA, NULL);
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) key_stats_free);

  g_return_val_if_fail (front_matters != NULL, NULL);

  for (guint i = 0; i < front_matters->len; i++)
    {
      const AushangValue *front_matter = g_ptr_array_index (front_matters, i);

      if (front_matter == NULL || aushang_value_get_kind (front_matter) != AUSHANG_VALUE_MAP)
        continue;

      read_document (table, all, front_matter, self->n_documents);
      self->n_documents++;
    }

  /* Every document needs a title, even the first of a new collection. */
  ensure_stats (table, all, "title", self->n_documents);

  for (guint i = 0; i < all->len; i++)
    {
      KeyStats *stats = g_ptr_array_index (all, i);

      stats->rank = rank_of (stats->name);
      stats->position = stats->count > 0 ? stats->position_sum / stats->count : 0.0;
    }

  g_ptr_array_sort (all, compare_stats);

  for (guint i = 0; i < all->len; i++)
    {
      AushangField *field = make_field (g_ptr_array_index (all, i), self->n_documents);

      g_ptr_array_add (self->fields, field);
      index_field (self, field);
    }

  return g_steal_pointer (&self);
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
