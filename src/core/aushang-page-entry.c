/* aushang-page-entry.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-page-render"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-page-render-private.h"

/* An entry of a data list (an event) shown the way the site shows it: the
 * loop of a page that goes through site.data.NAME, run for this entry
 * alone, in that page's layouts. */

/* The data list @entry most likely belongs to: the list of maps whose
 * items share the most keys with it. */
static char *
find_data_name (AushangValue *data,
                AushangValue *entry)
{
  char *best = NULL;
  guint best_score = 0;

  if (data == NULL || aushang_value_get_kind (data) != AUSHANG_VALUE_MAP ||
      aushang_value_get_kind (entry) != AUSHANG_VALUE_MAP)
    return NULL;
  for (guint i = 0; i < aushang_value_get_length (data); i++)
    {
      AushangValue *list = aushang_value_get_item (data, i);
      guint score = 0;

      if (aushang_value_get_kind (list) != AUSHANG_VALUE_LIST || aushang_value_get_length (list) == 0)
        continue;
      for (guint k = 0; k < aushang_value_get_length (entry); k++)
        {
          const char *key = aushang_value_get_key (entry, k);

          for (guint j = 0; j < MIN (aushang_value_get_length (list), 5); j++)
            {
              AushangValue *item = aushang_value_get_item (list, j);

              if (aushang_value_get_kind (item) == AUSHANG_VALUE_MAP &&
                  aushang_value_lookup (item, key) != NULL)
                {
                  score++;
                  break;
                }
            }
        }
      if (score > best_score)
        {
          g_free (best);
          best = g_strdup (aushang_value_get_key (data, i));
          best_score = score;
        }
    }
  if (best_score * 2 < aushang_value_get_length (entry))
    g_clear_pointer (&best, g_free);
  return best;
}

/* The end of the {% endfor %} that closes the loop whose body starts at
 * @body, counting nested loops; NULL when there is none. */
static const char *
find_endfor (const char  *body,
             const char **endfor_start)
{
  g_autoptr(GRegex) tag = g_regex_new ("\\{%-?\\s*(for|endfor)\\b[^%]*-?%\\}", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  int depth = 1;

  g_regex_match (tag, body, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *word = g_match_info_fetch (info, 1);
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      depth += strcmp (word, "for") == 0 ? 1 : -1;
      if (depth == 0)
        {
          *endfor_start = body + start;
          return body + end;
        }
      g_match_info_next (info, NULL);
    }
  return NULL;
}

/* The last opening tag of a list or box before @at that is not closed
 * before it: the element the loop fills. */
static char *
find_container (const char  *text,
                const char  *at,
                char       **name)
{
  static const char * const containers[] = { "ul", "ol", "div", "table", "tbody", "section", "dl", NULL };
  g_autoptr(GRegex) open = g_regex_new ("<([a-z]+)\\b[^>]*>", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *before = g_strndup (text, at - text);
  char *found = NULL;

  *name = NULL;
  g_regex_match (open, before, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *tag = g_match_info_fetch (info, 1);
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      if (g_strv_contains (containers, tag))
        {
          g_autofree char *close = g_strdup_printf ("</%s>", tag);

          if (strstr (before + end, close) == NULL)
            {
              g_free (found);
              g_free (*name);
              found = g_match_info_fetch (info, 0);
              *name = g_steal_pointer (&tag);
            }
        }
      g_match_info_next (info, NULL);
    }
  return found;
}

/* Renders each loop of @page over @data_name (directly, or through a
 * variable assigned from it) for @entry alone; the first that shows
 * anything wins. */
static char *
render_with_loops (AushangPageContext *self,
                   const char         *relative,
                   const char         *source,
                   const char         *data_name,
                   AushangValue       *entry)
{
  g_autofree char *direct = g_strdup_printf ("site.data.%s", data_name);
  g_autoptr(GRegex) loop = g_regex_new ("\\{%-?\\s*for\\s+(\\w+)\\s+in\\s+([^%]*?)-?%\\}", 0, 0, NULL);
  g_autoptr(GRegex) assign = g_regex_new ("\\{%-?\\s*assign\\s+(\\w+)\\s*=(.*?)-?%\\}", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *front_end = source;
  const char *body;

  /* The body starts after the front matter. */
  if (g_str_has_prefix (source, "---"))
    {
      const char *close = strstr (source + 3, "\n---");

      if (close == NULL)
        return NULL;
      front_end = strchr (close + 1, '\n');
      front_end = front_end != NULL ? front_end + 1 : close + 4;
    }
  body = front_end;

  /* Variables that hold the list: assign termine = site.data.events | sort: "date". */
  g_regex_match (assign, body, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *value = g_match_info_fetch (info, 2);
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (value), " |", 2);

      /* Also a variable made from one of those: neueste = termine | reverse. */
      if (strstr (value, direct) != NULL ||
          (words[0] != NULL && g_ptr_array_find_with_equal_func (names, words[0], g_str_equal, NULL)))
        g_ptr_array_add (names, g_match_info_fetch (info, 1));
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (loop, body, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *variable = g_match_info_fetch (info, 1);
      g_autofree char *collection = g_match_info_fetch (info, 2);
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (collection), " |", 2);
      gboolean ours = strstr (collection, direct) != NULL ||
                      g_ptr_array_find_with_equal_func (names, words[0], g_str_equal, NULL);
      int start, end;
      const char *endfor_start = NULL;
      const char *endfor_end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      endfor_end = ours ? find_endfor (body + end, &endfor_start) : NULL;
      if (endfor_end != NULL)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(GMatchInfo) assigns = NULL;
          g_autofree char *container = NULL;
          g_autofree char *container_name = NULL;
          g_autoptr(AushangDocument) document = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *html = NULL;

          /* The front matter, what the page assigns before the loop, the
           * element the loop fills, and the loop's body for the entry. */
          g_string_append_len (text, source, front_end - source);
          g_regex_match (assign, body, 0, &assigns);
          while (g_match_info_matches (assigns))
            {
              int a_start, a_end;

              g_match_info_fetch_pos (assigns, 0, &a_start, &a_end);
              if (a_start >= start)
                break;
              g_string_append_len (text, body + a_start, a_end - a_start);
              g_match_info_next (assigns, NULL);
            }
          container = find_container (body, body + start, &container_name);
          if (container != NULL)
            g_string_append (text, container);
          g_string_append_printf (text, "{%% assign %s = aushang_entry %%}", variable);
          g_string_append_len (text, body + end, endfor_start - (body + end));
          if (container_name != NULL)
            g_string_append_printf (text, "</%s>", container_name);

          document = aushang_document_new_from_data (text->str, text->len);
          html = aushang_page_render_site_page (self, document, relative, entry, &error);
          if (html != NULL)
            {
              g_autofree char *inner = aushang_page_replace_literal ("<[^>]*>", G_REGEX_DOTALL,
                                                                     html + (strstr (html, "<body") != NULL ? strstr (html, "<body") - html : 0), "");
              g_autofree char *shown = NULL;
              g_autofree char *field = NULL;
              AushangValue *title = aushang_value_lookup (entry, "title");

              if (title == NULL)
                title = aushang_value_lookup (entry, "name");
              field = title != NULL ? aushang_value_to_display (title) : NULL;
              shown = g_strstrip (g_strdup (inner));
              /* The loop showed this entry (its title, when it has one). */
              if (*shown != '\0' && (field == NULL || *field == '\0' || strstr (html, field) != NULL))
                return g_steal_pointer (&html);
            }
        }
      g_match_info_next (info, NULL);
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
aushang_page_context_render_entry (AushangPageContext          *self,
                                   AushangValue                *entry,
                                   gboolean                     hidden,
                                   const AushangPreviewOptions *options)
{
  AushangPreviewOptions no_options = { 0 };
  AushangValue *data = aushang_value_lookup (self->site, "data");
  g_autofree char *data_name = NULL;
  g_autofree char *needle = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  if (options == NULL)
    options = &no_options;
  data_name = find_data_name (data, entry);
  if (data_name == NULL)
    return NULL;
  needle = g_strdup_printf ("site.data.%s", data_name);

  /* Pages, in a fixed order. */
  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (aushang_value_lookup (value, "collection") == NULL)
      g_ptr_array_add (pages, key);
  g_ptr_array_sort (pages, compare_strings);

  for (guint i = 0; i < pages->len; i++)
    {
      const char *relative = g_ptr_array_index (pages, i);
      g_autofree char *path = g_build_filename (self->folder_path, relative, NULL);
      g_autofree char *source = NULL;
      g_autofree char *html = NULL;

      if (!g_file_get_contents (path, &source, NULL, NULL) || strstr (source, needle) == NULL)
        continue;
      html = render_with_loops (self, relative, source, data_name, entry);
      if (html != NULL)
        {
          g_autofree char *finished = aushang_page_finish (self, html, options);

          if (hidden)
            {
              g_autofree char *note = g_markup_printf_escaped (
                "<div class=\"aushang-card\" role=\"note\">%s</div>",
                _("This entry is hidden (commented out): the published site does not show it."));

              return aushang_page_insert_after (finished, "<body\\b[^>]*>", note);
            }
          return g_steal_pointer (&finished);
        }
    }
  return NULL;
}
