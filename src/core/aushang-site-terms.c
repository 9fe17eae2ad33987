/* aushang-site-terms.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <string.h>

#include "aushang-safe-file.h"
#include "aushang-yaml.h"
#include "aushang-site-private.h"

/* Names the documents use: authors (with the data list that names them),
 * categories and tags, and names that are only a misspelling of another. */

static void
term_free (gpointer data)
{
  AushangSiteTerm *term = data;

  g_free (term->name);
  g_free (term);
}

static void
add_term (GHashTable *counts,
          GPtrArray  *order,
          const char *name,
          gboolean    from_data)
{
  AushangSiteTerm *term;
  g_autofree char *clean = g_strstrip (g_strdup (name));

  if (*clean == '\0')
    return;

  term = g_hash_table_lookup (counts, clean);
  if (term == NULL)
    {
      term = g_new0 (AushangSiteTerm, 1);
      term->name = g_strdup (clean);
      g_hash_table_insert (counts, term->name, term);
      g_ptr_array_add (order, term);
    }

  if (from_data)
    term->from_data = TRUE;
  else
    term->count++;
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  const AushangSiteTerm *ta = *(AushangSiteTerm **) a;
  const AushangSiteTerm *tb = *(AushangSiteTerm **) b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;

  return g_utf8_collate (ta->name, tb->name);
}

/* The text values of each key in the maps of a data value (lists of maps,
 * maps of lists, up to three levels down): key → GHashTable of names. */
static void
collect_data_names (AushangValue *value,
                    GHashTable   *by_key,
                    guint         depth)
{
  if (value == NULL || depth > 3)
    return;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          AushangValue *item = aushang_value_get_item (value, i);

          if (aushang_value_get_kind (value) == AUSHANG_VALUE_MAP &&
              aushang_value_get_kind (item) == AUSHANG_VALUE_STRING)
            {
              const char *key = aushang_value_get_key (value, i);
              GHashTable *names = g_hash_table_lookup (by_key, key);
              g_autofree char *clean = g_strstrip (g_strdup (aushang_value_get_string (item)));

              if (*clean == '\0' || strchr (clean, '\n') != NULL)
                continue;
              if (names == NULL)
                {
                  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g_hash_table_insert (by_key, g_strdup (key), names);
                }
              g_hash_table_add (names, g_steal_pointer (&clean));
            }
          else
            collect_data_names (item, by_key, depth + 1);
        }
      break;

    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_STRING:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    default:
      break;
    }
}

guint
aushang_site_name_distance (const char *a,
                            const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (fa, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (fb, -1, NULL);
  glong la = g_utf8_strlen (fa, -1), lb = g_utf8_strlen (fb, -1);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (glong j = 0; j <= lb; j++)
    row[j] = j;

  for (glong i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }

  return row[lb];
}

gboolean
aushang_site_name_is_variant (const char *name,
                              const char *known)
{
  return strcmp (name, known) != 0 &&
         aushang_site_name_distance (name, known) <= MAX (2, (guint) g_utf8_strlen (name, -1) / 4);
}

/* A data file that by its name holds people. */
static gboolean
names_people (const char *path)
{
  static const char *words[] = {
    "team", "author", "autor", "people", "person", "member", "mitglied",
    "staff", "mitarbeit", "crew",
  };
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Authors come from the one data list whose values the documents' author
 * names match (by the key that matches, name or title or whatever the
 * list uses), not from every "name" in every data file: a yearly report's
 * sections are no authors. Without a match, a list named for people
 * (team, authors, …) by its "name" key. Names in documents that are only a
 * misspelling of a listed one are not offered. */
void
aushang_site_index_authors (AushangSite *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) files = aushang_site_list_data_files (self);
  g_autoptr(GHashTable) best_names = NULL;
  guint best_matches = 0;
  gboolean best_by_name = FALSE;

  self->authors = g_ptr_array_new_with_free_func (term_free);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      const char *keys[] = { "author", "authors" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          AushangValue *value = aushang_value_lookup (document->data, keys[k]);
          g_auto(GStrv) names = value ? aushang_value_dup_strv (value) : NULL;

          for (guint j = 0; names != NULL && names[j] != NULL; j++)
            {
              g_autofree char *clean = g_strstrip (g_strdup (names[j]));

              if (*clean != '\0')
                g_hash_table_add (used, g_steal_pointer (&clean));
            }
        }
    }

  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, f));
      g_autofree char *contents = NULL;
      g_autoptr(AushangValue) value = NULL;
      g_autoptr(GHashTable) by_key = NULL;
      GHashTableIter iter;
      gpointer key, names;
      gsize length = 0;

      if (path == NULL || !(g_str_has_suffix (path, ".yml") || g_str_has_suffix (path, ".yaml")) ||
          !aushang_safe_file_read (path, MAX_CONFIG_SIZE, &contents, &length, NULL, NULL) ||
          memchr (contents, '\0', length) != NULL)
        continue;

      value = aushang_yaml_parse_value (contents, NULL);
      by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
      collect_data_names (value, by_key, 0);

      g_hash_table_iter_init (&iter, by_key);
      while (g_hash_table_iter_next (&iter, &key, &names))
        {
          guint matches = 0;
          GHashTableIter name_iter;
          gpointer name;
          gboolean by_name = strcmp (key, "name") == 0 && names_people (path);

          g_hash_table_iter_init (&name_iter, names);
          while (g_hash_table_iter_next (&name_iter, &name, NULL))
            if (g_hash_table_contains (used, name))
              matches++;

          if (matches > best_matches || (best_matches == 0 && matches == 0 && by_name && !best_by_name))
            {
              best_matches = matches;
              best_by_name = by_name;
              g_clear_pointer (&best_names, g_hash_table_unref);
              best_names = g_hash_table_ref (names);
            }
        }
    }

  if (best_names != NULL && (best_matches > 0 || best_by_name))
    {
      g_autoptr(GList) names = g_hash_table_get_keys (best_names);

      names = g_list_sort (names, (GCompareFunc) g_utf8_collate);
      for (GList *l = names; l != NULL; l = l->next)
        add_term (counts, self->authors, l->data, TRUE);
    }

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      const char *keys[] = { "author", "authors" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          AushangValue *value = aushang_value_lookup (document->data, keys[k]);
          g_auto(GStrv) names = value ? aushang_value_dup_strv (value) : NULL;

          for (guint j = 0; names != NULL && names[j] != NULL; j++)
            add_term (counts, self->authors, names[j], FALSE);
        }
    }

  /* A name only documents use that is a misspelling of a listed one is
   * what --check warns about: not a suggestion. */
  if (best_names != NULL)
    {
      for (guint i = self->authors->len; i > 0; i--)
        {
          AushangSiteTerm *term = g_ptr_array_index (self->authors, i - 1);
          GHashTableIter iter;
          gpointer known;

          if (term->from_data)
            continue;
          g_hash_table_iter_init (&iter, best_names);
          while (g_hash_table_iter_next (&iter, &known, NULL))
            if (aushang_site_name_is_variant (term->name, known))
              {
                g_hash_table_remove (counts, term->name);
                g_ptr_array_remove_index (self->authors, i - 1);
                break;
              }
        }
    }

  g_ptr_array_sort (self->authors, compare_terms);
}

GPtrArray *
aushang_site_get_authors (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  aushang_site_ensure_index (self);

  return self->authors;
}

GPtrArray *
aushang_site_get_terms (AushangSite       *self,
                        AushangCollection *collection,
                        const char        *key)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *terms = g_ptr_array_new_with_free_func (term_free);

  g_return_val_if_fail (AUSHANG_IS_SITE (self), terms);
  g_return_val_if_fail (key != NULL, terms);

  aushang_site_ensure_index (self);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      AushangValue *value;
      g_auto(GStrv) names = NULL;

      if (collection != NULL && document->collection != collection)
        continue;

      value = aushang_value_lookup (document->data, key);
      if (value == NULL)
        continue;

      if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
        names = g_strsplit_set (aushang_value_get_string (value), " \t", -1);
      else
        names = aushang_value_dup_strv (value);

      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        add_term (counts, terms, names[j], FALSE);
    }

  g_ptr_array_sort (terms, compare_terms);

  return terms;
}
