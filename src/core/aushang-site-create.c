/* aushang-site-create.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-document.h"
#include "aushang-slug.h"
#include "aushang-site-private.h"

/* A new document, named and written like the others of its collection. */

/* Whether most of the collection's documents have dated file names, and
 * the extension they use most. */
static void
naming_habits (GPtrArray  *documents,
               gboolean   *dated,
               char      **extension)
{
  g_autoptr(GHashTable) extensions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_dated = 0, best = 0;
  GHashTableIter iter;
  gpointer key, value;

  *extension = g_strdup ("md");

  for (guint i = 0; i < documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *name = g_file_get_basename (document->file);
      g_autoptr(GDateTime) date = aushang_site_date_from_name (name, NULL);
      const char *dot = strrchr (name, '.');

      if (date != NULL)
        n_dated++;

      if (dot != NULL)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (extensions, dot + 1));

          g_hash_table_insert (extensions, g_strdup (dot + 1), GUINT_TO_POINTER (count + 1));
        }
    }

  *dated = documents->len > 0 && n_dated * 2 > documents->len;

  g_hash_table_iter_init (&iter, extensions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) > best)
        {
          best = GPOINTER_TO_UINT (value);
          g_free (*extension);
          *extension = g_strdup (key);
        }
    }
}

static AushangFrontMatter *
load_model_front_matter (GPtrArray       *documents,
                         AushangDocument **holder)
{
  for (guint i = 0; i < documents->len && i < 10; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (documents, i);
      AushangDocument *loaded;

      if (document->has_problem)
        continue;

      loaded = aushang_document_load (document->file, NULL);
      if (loaded != NULL && aushang_document_get_problem (loaded, NULL, NULL) == NULL &&
          aushang_document_get_has_front_matter (loaded))
        {
          *holder = loaded;
          return aushang_document_get_front_matter (loaded);
        }
      g_clear_object (&loaded);
    }

  return NULL;
}

static char *
announcement_body (AushangSite *self,
                   const char  *eol)
{
  AushangBlock *registration = aushang_site_find_registration_block (self);
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "%s%s%s", eol,
                          _("Describe in two or three sentences what happens and who it is for."), eol);
  g_string_append_printf (body, "%s### %s%s%s", eol, _("Content"), eol, eol);
  g_string_append_printf (body, "- %s%s- %s%s", _("What participants learn or do"), eol,
                          _("What they need to bring"), eol);
  g_string_append_printf (body, "%s### %s%s%s", eol, _("Place and time"), eol, eol);
  g_string_append_printf (body, "**%s**<br>%s**%s:** 18:00<br>%s**%s:** 20:00%s", _("Venue, street, town"), eol,
                          _("Start"), eol, _("End"), eol);

  if (registration != NULL)
    {
      g_string_append_printf (body, "%s### %s%s%s{%% include %s", eol, _("Registration"), eol, eol,
                              registration->name);
      for (guint i = 0; i < registration->required->len; i++)
        g_string_append_printf (body, " %s=\"\"", (char *) g_ptr_array_index (registration->required, i));
      if (registration->required->len == 0 &&
          g_ptr_array_find_with_equal_func (registration->params, "event", g_str_equal, NULL))
        g_string_append (body, " event=\"\"");
      g_string_append_printf (body, " %%}%s", eol);
    }

  return g_string_free (body, FALSE);
}

AushangDocument *
aushang_site_create_document (AushangSite        *self,
                              AushangCollection  *collection,
                              const char         *title,
                              GDateTime          *date,
                              const char * const *authors,
                              gboolean            announcement,
                              GFile             **file,
                              GError            **error)
{
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(AushangDocument) model_holder = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) key_order = NULL;
  g_autoptr(GFile) target = NULL;
  AushangFrontMatter *model, *fm;
  AushangSchema *schema;
  AushangField *date_field, *author_field;
  GPtrArray *documents;
  gboolean dated;
  guint n_authors = authors ? g_strv_length ((char **) authors) : 0;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (date == NULL)
    date = now = g_date_time_new_now_local ();

  documents = aushang_site_get_documents (self, collection);
  schema = aushang_site_get_schema (self, collection);
  naming_habits (documents, &dated, &extension);
  dated = dated || collection->dated_names;

  name = dated ? aushang_post_file_name (date, title, extension)
               : aushang_collection_file_name (title, extension);

  /* The collection's folder may not be there yet: it is made when the
   * document is first saved, never before. */
  target = aushang_unique_file (collection->folder, name);
  if (target == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There are too many documents named like “%s” already."), name);
      return NULL;
    }

  document = aushang_document_new ();
  fm = aushang_document_get_front_matter (document);

  model = load_model_front_matter (documents, &model_holder);
  if (model != NULL)
    aushang_front_matter_adopt_style (fm, model);

  key_order = aushang_site_dup_key_order (self, collection);
  aushang_front_matter_set_key_order (fm, (const char * const *) key_order);

  if (!aushang_front_matter_set_string (fm, "title", title, error))
    return NULL;

  date_field = aushang_schema_get_field (schema, "date");
  {
    g_autoptr(AushangValue) value = NULL;

    if (date_field != NULL && date_field->kind == AUSHANG_FIELD_DATETIME)
      value = aushang_value_new_datetime (g_date_time_get_year (date), g_date_time_get_month (date),
                                          g_date_time_get_day_of_month (date), g_date_time_get_hour (date),
                                          g_date_time_get_minute (date), 0, TRUE,
                                          g_date_time_get_utc_offset (date) / G_TIME_SPAN_SECOND);
    else
      value = aushang_value_new_date (g_date_time_get_year (date), g_date_time_get_month (date),
                                      g_date_time_get_day_of_month (date));

    if (!aushang_front_matter_set_value (fm, "date", value, error))
      return NULL;
  }

  if (n_authors > 0)
    {
      author_field = aushang_schema_get_field (schema, "authors");
      if (author_field == NULL)
        author_field = aushang_schema_get_field (schema, "author");

      /* The collection's spelling: "author: Name" or "authors: [...]". */
      if (author_field != NULL && strcmp (author_field->key, "author") == 0 && n_authors == 1)
        {
          if (!aushang_front_matter_set_string (fm, "author", authors[0], error))
            return NULL;
        }
      else if (!aushang_front_matter_set_strv (fm, author_field ? author_field->key : "authors", authors, error))
        return NULL;
    }

  if (announcement)
    {
      g_autofree char *body = announcement_body (self, aushang_document_get_line_ending (document));

      aushang_document_set_body (document, body);
    }

  aushang_document_set_modified (document, TRUE);

  if (file != NULL)
    *file = g_steal_pointer (&target);

  return g_steal_pointer (&document);
}
