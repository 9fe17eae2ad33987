/* aushang-site-index.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aushang-document.h"
#include "aushang-html-text.h"
#include "aushang-safe-file.h"
#include "aushang-yaml.h"
#include "aushang-site-private.h"

/* The index of the site's documents, built on first use: each one's
 * front matter, title and date; and what the index tells about a
 * collection (its schema, its key order). */

#define MAX_INDEXED_SIZE (64 * 1024 * 1024)

static void
site_document_free (gpointer data)
{
  AushangSiteDocument *document = data;

  g_clear_object (&document->file);
  g_free (document->relative_path);
  g_free (document->title);
  g_clear_pointer (&document->date, g_date_time_unref);
  g_clear_pointer (&document->data, aushang_value_unref);
  g_strfreev (document->keys);
  g_clear_pointer (&document->blocks, g_ptr_array_unref);
  g_free (document);
}

void
aushang_site_clear_index (AushangSite *self)
{
  self->indexed = FALSE;
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_pointer (&self->all_documents, g_ptr_array_unref);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->schemas, g_hash_table_unref);
  g_clear_pointer (&self->name_keys, g_hash_table_unref);
  g_clear_pointer (&self->urls, g_hash_table_unref);
  g_clear_pointer (&self->urls_by_path, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->reference_keys, g_hash_table_unref);
  g_clear_pointer (&self->navigation, g_hash_table_unref);
  g_clear_pointer (&self->data_labels, g_hash_table_unref);
  aushang_site_clear_links (self);
}

static GDateTime *
date_of (AushangValue *value)
{
  g_autofree char *text = NULL;
  GDateTime *parsed = NULL;

  if (value == NULL)
    return NULL;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      return aushang_value_dup_date_time (value);

    case AUSHANG_VALUE_STRING:
      text = aushang_value_to_display (value);
      if (aushang_yaml_parse_jekyll_date (text, &parsed))
        return parsed;
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

/* "2025-11-04-ki-und-soziales.md" -> date and "Ki und soziales". */
GDateTime *
aushang_site_date_from_name (const char  *name,
                             char       **title)
{
  int year, month, day;
  char rest[4096];
  GDateTime *date;

  if (sscanf (name, "%4d-%2d-%2d-%4095s", &year, &month, &day, rest) != 4 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  date = g_date_time_new_utc (year, month, day, 0, 0, 0);

  if (title != NULL)
    {
      char *dot = strrchr (rest, '.');

      if (dot != NULL)
        *dot = '\0';
      g_strdelimit (rest, "-_", ' ');
      *title = g_strdup (rest);
    }

  return date;
}

static AushangSiteDocument *
index_document (AushangSite       *self,
                AushangCollection *collection,
                GFile             *file,
                GHashTable        *block_uses)
{
  AushangSiteDocument *document = g_new0 (AushangSiteDocument, 1);
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(AushangDocument) parsed = NULL;
  GDateTime *name_date;
  gsize length = 0;

  document->file = g_object_ref (file);
  document->relative_path = g_file_get_relative_path (self->folder, file);
  document->collection = collection;
  name_date = collection->dated_names ? aushang_site_date_from_name (name, NULL) : NULL;

  /* A file that cannot be read, a FIFO or device in its place, or a
   * binary file with a document's name: listed by its name, with a
   * problem, and never parsed. */
  if (path == NULL ||
      !aushang_safe_file_read (path, MAX_INDEXED_SIZE, &contents, &length, NULL, NULL) ||
      !aushang_document_is_text (contents, length))
    {
      document->has_problem = TRUE;
      document->data = aushang_value_new_map ();
      document->keys = g_new0 (char *, 1);
      document->date = name_date;
      document->blocks = g_ptr_array_new_with_free_func (g_free);
      return document;
    }

  parsed = aushang_document_new_from_data (contents, length);
  document->has_problem = aushang_document_get_problem (parsed, NULL, NULL) != NULL;

  if (!document->has_problem && aushang_document_get_has_front_matter (parsed))
    {
      AushangFrontMatter *fm = aushang_document_get_front_matter (parsed);
      AushangValue *title = aushang_front_matter_get (fm, "title");
      AushangValue *published = aushang_front_matter_get (fm, "published");

      document->data = aushang_value_ref (aushang_front_matter_get_data (fm));
      document->keys = aushang_front_matter_dup_keys (fm);
      /* As readers see it: "Innovations&shy;blockaden" is listed, titled
       * and found as "Innovationsblockaden". */
      if (title != NULL)
        {
          g_autofree char *shown = aushang_value_to_display (title);

          document->title = aushang_html_text_decode (shown);
        }
      document->date = date_of (aushang_front_matter_get (fm, "date"));
      document->draft = published != NULL &&
                        aushang_value_get_kind (published) == AUSHANG_VALUE_BOOLEAN &&
                        !aushang_value_get_boolean (published);
    }
  else
    {
      document->data = aushang_value_new_map ();
      document->keys = g_new0 (char *, 1);
    }

  if (document->date == NULL)
    document->date = name_date;
  else
    g_clear_pointer (&name_date, g_date_time_unref);

  if (strcmp (collection->name, "drafts") == 0)
    document->draft = TRUE;

  aushang_site_scan_blocks (document, aushang_document_get_body (parsed), block_uses);

  return document;
}

/* "2025-11-04-ki-und-soziales.md" and "ki_und_soziales.md" -> "Ki und
 * soziales": the file name without date and extension, its dashes and
 * underscores as spaces, the first letter capital. "" when nothing is
 * left. */
char *
aushang_site_readable_name (const char *name)
{
  g_autoptr(GDateTime) date = aushang_site_date_from_name (name, NULL);
  g_autofree char *rest = NULL;
  g_autofree char *words = NULL;
  char *dot;
  GString *out;

  /* After the date's third dash. */
  if (date != NULL)
    for (guint dashes = 0; dashes < 3 && *name != '\0'; name++)
      dashes += *name == '-';
  rest = g_strdup (name);
  dot = strrchr (rest, '.');

  if (dot != NULL && dot != rest)
    *dot = '\0';
  g_strdelimit (rest, "-_", ' ');

  words = g_strstrip (g_steal_pointer (&rest));
  out = g_string_new (NULL);
  for (const char *p = words; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' && out->len > 0 && out->str[out->len - 1] == ' ')
        continue;
      if (out->len == 0)
        c = g_unichar_totitle (c);
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* "senior-cloud-engineer" (a slug: lowercase words joined by dashes or
 * underscores) -> "Senior cloud engineer"; other text as it is. */
static char *
readable_slug (const char *text)
{
  gboolean joined = FALSE;
  char *copy;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_')
        joined = TRUE;
      else if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p))
        return g_strdup (text);
    }
  if (!joined)
    return g_strdup (text);

  copy = g_strdelimit (g_strdup (text), "-_", ' ');
  copy[0] = g_ascii_toupper (copy[0]);

  return copy;
}

/* A document is shown by its title, else by the key that names the
 * documents of its collection (name:, title_slug:, learnt from them all),
 * else by its file name made readable. */
/* The title of a document whose front matter has no title: the value of
 * @name_key, else "". */
static char *
dup_named_title (AushangValue *data,
                 const char   *name_key)
{
  AushangValue *value = name_key != NULL && data != NULL ? aushang_value_lookup (data, name_key) : NULL;
  g_autofree char *text = NULL;

  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
    return g_strdup ("");

  text = g_strstrip (g_strdup (aushang_value_get_string (value)));

  return readable_slug (text);
}

static void
fill_titles (AushangSite       *self,
             AushangCollection *collection,
             GPtrArray         *documents)
{
  g_autoptr(GPtrArray) front_matters = g_ptr_array_new ();
  g_autofree char *name_key = NULL;

  for (guint i = 0; i < documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);

      if (!document->has_problem)
        g_ptr_array_add (front_matters, document->data);
    }
  name_key = aushang_schema_guess_name_key (front_matters);

  for (guint i = 0; i < documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);

      if (document->title != NULL && *document->title != '\0')
        continue;
      g_clear_pointer (&document->title, g_free);

      document->title = dup_named_title (document->data, name_key);

      if (*document->title == '\0')
        {
          g_autofree char *name = g_file_get_basename (document->file);

          g_free (document->title);
          document->title = aushang_site_readable_name (name);
          document->title_from_name = TRUE;
        }
    }

  if (name_key != NULL)
    g_hash_table_insert (self->name_keys, collection, g_steal_pointer (&name_key));
}

char *
aushang_site_dup_document_title (AushangSite  *self,
                                 GFile        *file,
                                 AushangValue *data)
{
  AushangValue *title;
  AushangCollection *collection;
  char *text = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  title = data != NULL && aushang_value_get_kind (data) == AUSHANG_VALUE_MAP
          ? aushang_value_lookup (data, "title") : NULL;
  if (title != NULL && aushang_value_get_kind (title) != AUSHANG_VALUE_NULL)
    text = aushang_value_to_display (title);

  if ((text == NULL || *text == '\0') && (collection = aushang_site_find_collection (self, file)) != NULL)
    {
      aushang_site_ensure_index (self);
      g_free (text);
      text = dup_named_title (data, g_hash_table_lookup (self->name_keys, collection));
    }

  if (text == NULL || *text == '\0')
    {
      g_autofree char *name = g_file_get_basename (file);

      g_free (text);
      text = aushang_site_readable_name (name);
    }

  return text;
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  const AushangSiteDocument *da = *(AushangSiteDocument **) a;
  const AushangSiteDocument *db = *(AushangSiteDocument **) b;

  if (da->date != NULL && db->date != NULL)
    {
      int cmp = g_date_time_compare (db->date, da->date);

      if (cmp != 0)
        return cmp;
    }
  else if (da->date != NULL)
    return -1;
  else if (db->date != NULL)
    return 1;

  return g_strcmp0 (da->relative_path, db->relative_path);
}

void
aushang_site_ensure_index (AushangSite *self)
{
  g_autoptr(GHashTable) block_uses = NULL;

  if (self->indexed)
    return;

  self->indexed = TRUE;
  self->documents = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->all_documents = g_ptr_array_new_with_free_func (site_document_free);
  self->name_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  block_uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (self->collections, i);
      g_autoptr(GPtrArray) files = aushang_site_list_documents (self, collection);
      GPtrArray *documents = g_ptr_array_new ();

      for (guint j = 0; j < files->len; j++)
        {
          AushangSiteDocument *document = index_document (self, collection, g_ptr_array_index (files, j), block_uses);

          g_ptr_array_add (self->all_documents, document);
          g_ptr_array_add (documents, document);
        }

      fill_titles (self, collection, documents);
      g_ptr_array_sort (documents, compare_documents);
      g_hash_table_insert (self->documents, collection, documents);
    }

  aushang_site_index_authors (self);
  aushang_site_index_blocks (self, block_uses);
  aushang_site_index_images (self);
}

void
aushang_site_reload (AushangSite *self)
{
  g_return_if_fail (AUSHANG_IS_SITE (self));

  aushang_site_clear_index (self);
}

GPtrArray *
aushang_site_get_documents (AushangSite       *self,
                            AushangCollection *collection)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  aushang_site_ensure_index (self);

  return g_hash_table_lookup (self->documents, collection);
}

AushangCollection *
aushang_site_get_default_collection (AushangSite *self)
{
  AushangCollection *best = NULL;
  GDateTime *best_date = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  aushang_site_ensure_index (self);

  for (guint i = 0; i < self->collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (self->collections, i);
      GPtrArray *documents = g_hash_table_lookup (self->documents, collection);

      if (strcmp (collection->name, "drafts") == 0)
        continue;

      for (guint j = 0; documents != NULL && j < documents->len; j++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, j);

          if (document->date == NULL)
            continue;
          if (best_date == NULL || g_date_time_compare (document->date, best_date) > 0)
            {
              best = collection;
              best_date = document->date;
            }
          break;
        }
    }

  return best ? best : aushang_site_get_collection (self, "posts");
}

AushangSchema *
aushang_site_get_schema (AushangSite       *self,
                         AushangCollection *collection)
{
  AushangSchema *schema;
  GPtrArray *documents;
  g_autoptr(GPtrArray) front_matters = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  aushang_site_ensure_index (self);

  if (self->schemas == NULL)
    self->schemas = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  schema = g_hash_table_lookup (self->schemas, collection);
  if (schema != NULL)
    return schema;

  documents = aushang_site_get_documents (self, collection);
  front_matters = g_ptr_array_new ();
  for (guint i = 0; i < documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);

      if (!document->has_problem)
        g_ptr_array_add (front_matters, document->data);
    }

  schema = aushang_schema_infer (front_matters);
  g_hash_table_insert (self->schemas, collection, schema);

  return schema;
}

typedef struct
{
  char   *key;
  double  position;
  guint   count;
} KeyPosition;

static int
compare_key_positions (gconstpointer a,
                       gconstpointer b)
{
  const KeyPosition *ka = *(KeyPosition **) a;
  const KeyPosition *kb = *(KeyPosition **) b;
  double pa = ka->position / ka->count, pb = kb->position / kb->count;

  return pa < pb ? -1 : pa > pb;
}

char **
aushang_site_dup_key_order (AushangSite       *self,
                            AushangCollection *collection)
{
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *documents;
  guint used = 0;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  documents = aushang_site_get_documents (self, collection);

  /* The average relative position of each key in the newest documents. */
  for (guint i = 0; i < documents->len && used < 50; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);
      guint n = g_strv_length (document->keys);

      if (document->has_problem || n == 0)
        continue;
      used++;

      for (guint k = 0; k < n; k++)
        {
          KeyPosition *entry = g_hash_table_lookup (positions, document->keys[k]);

          if (entry == NULL)
            {
              entry = g_new0 (KeyPosition, 1);
              entry->key = document->keys[k];
              g_hash_table_insert (positions, entry->key, entry);
              g_ptr_array_add (sorted, entry);
            }
          entry->position += n > 1 ? (double) k / (n - 1) : 0;
          entry->count++;
        }
    }

  g_ptr_array_sort (sorted, compare_key_positions);
  for (guint i = 0; i < sorted->len; i++)
    g_strv_builder_add (builder, ((KeyPosition *) g_ptr_array_index (sorted, i))->key);

  return g_strv_builder_end (builder);
}
