/* aushang-site-links.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <string.h>

#include "aushang-document.h"
#include "aushang-safe-file.h"
#include "aushang-site-private.h"

/* Links: the addresses Jekyll gives documents and pages, and the
 * documents that others name in their front matter. */

/* The addresses of pages */

/* Jekyll's Utils.slugify: "default" mode lower-cased, "pretty" mode (for
 * :title) keeping case and more punctuation. */
static char *
url_slug (const char *text,
          gboolean    pretty)
{
  GString *out = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean keep = g_unichar_isalnum (c) || g_unichar_ismark (c) ||
                      (pretty && strchr ("._~!$&'()+,;=@", c) != NULL && c < 128);

      if (keep)
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          dash = FALSE;
          g_string_append_unichar (out, pretty ? c : g_unichar_tolower (c));
        }
      else
        dash = TRUE;
    }

  return g_string_free (out, FALSE);
}

/* An address reduced so that /a/, /a, /a.html and /a/index.html meet. */
static char *
normalise_url (const char *url)
{
  g_autofree char *unescaped = g_uri_unescape_string (url, NULL);
  GString *out = g_string_new (unescaped ? unescaped : url);
  char *cut;

  if ((cut = strpbrk (out->str, "?#")) != NULL)
    g_string_truncate (out, cut - out->str);
  if (g_str_has_suffix (out->str, "/index.html"))
    g_string_truncate (out, out->len - strlen ("index.html"));
  else if (g_str_has_suffix (out->str, ".html"))
    g_string_truncate (out, out->len - strlen (".html"));
  while (out->len > 1 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0 || out->str[0] != '/')
    g_string_prepend_c (out, '/');

  return g_string_free (out, FALSE);
}

static const char *
permalink_style (const char *permalink)
{
  if (permalink == NULL || strcmp (permalink, "date") == 0)
    return "/:categories/:year/:month/:day/:title:output_ext";
  if (strcmp (permalink, "pretty") == 0)
    return "/:categories/:year/:month/:day/:title/";
  if (strcmp (permalink, "ordinal") == 0)
    return "/:categories/:year/:y_day/:title:output_ext";
  if (strcmp (permalink, "weekdate") == 0)
    return "/:categories/:year/W:week/:short_day/:title:output_ext";
  if (strcmp (permalink, "none") == 0)
    return "/:categories/:title:output_ext";

  return permalink;
}

/* Fills a permalink template the way Jekyll does for a document. */
static char *
expand_permalink (const char          *template,
                  AushangSiteDocument *document,
                  const char          *collection)
{
  static const char *placeholders[] = {
    "categories", "collection", "output_ext", "short_year", "i_month", "i_day",
    "y_day", "year", "month", "day", "hour", "minute", "second", "title",
    "name", "slug", "path",
  };
  g_autofree char *base = g_path_get_basename (document->relative_path);
  g_autofree char *relative = g_strdup (document->relative_path);
  GString *out = g_string_new (NULL);
  char *dot = strrchr (base, '.');
  const char *name = base;
  AushangValue *slug = aushang_value_lookup (document->data, "slug");
  AushangValue *categories = aushang_value_lookup (document->data, "categories");
  g_autoptr(GString) category_path = g_string_new (NULL);

  if (dot != NULL && dot != base)
    *dot = '\0';
  /* A post's title is the part of its name after the date. */
  if (document->collection != NULL && document->collection->dated_names &&
      g_regex_match_simple ("^\\d{4}-\\d{1,2}-\\d{1,2}-", base, 0, 0))
    name = strchr (strchr (strchr (base, '-') + 1, '-') + 1, '-') + 1;

  /* A post's folders above _posts are its first categories
   * (de/news/_posts/x.md: de, news), as Jekyll's categories_from_path. */
  if (collection == NULL)
    {
      const char *posts = strstr (document->relative_path, "_posts/");

      if (posts != NULL && posts > document->relative_path)
        {
          g_autofree char *above = g_strndup (document->relative_path, posts - document->relative_path);
          g_auto(GStrv) folders = g_strsplit (above, "/", -1);

          for (guint i = 0; folders[i] != NULL; i++)
            {
              g_autofree char *lower = g_utf8_strdown (folders[i], -1);

              if (*lower == '\0')
                continue;
              if (category_path->len > 0)
                g_string_append_c (category_path, '/');
              g_string_append (category_path, lower);
            }
        }
    }

  if (categories == NULL)
    categories = aushang_value_lookup (document->data, "category");
  if (categories != NULL)
    {
      g_auto(GStrv) items = aushang_value_get_kind (categories) == AUSHANG_VALUE_STRING
                            ? g_strsplit_set (aushang_value_get_string (categories), " ", -1)
                            : aushang_value_dup_strv (categories);

      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        {
          g_autofree char *lower = g_utf8_strdown (items[i], -1);
          g_autofree char *framed = g_strconcat ("/", lower, "/", NULL);
          g_autofree char *present = g_strconcat ("/", category_path->str, "/", NULL);

          /* Each category once (Jekyll's uniq). */
          if (*lower == '\0' || strstr (present, framed) != NULL)
            continue;
          if (category_path->len > 0)
            g_string_append_c (category_path, '/');
          g_string_append (category_path, lower);
        }
    }

  /* The collection's own path: without the leading "_label/". */
  if (collection != NULL)
    {
      g_autofree char *prefix = g_strconcat ("_", collection, "/", NULL);
      char *found = strstr (relative, prefix);

      if (found != NULL)
        memmove (relative, found + strlen (prefix), strlen (found + strlen (prefix)) + 1);
      dot = strrchr (relative, '.');
      if (dot != NULL && strchr (dot, '/') == NULL)
        *dot = '\0';
    }

  for (const char *p = template; *p; )
    {
      gboolean matched = FALSE;

      if (*p == ':')
        for (guint i = 0; i < G_N_ELEMENTS (placeholders) && !matched; i++)
          {
            gsize len = strlen (placeholders[i]);
            const char *key = placeholders[i];
            GDateTime *date = document->date;

            if (strncmp (p + 1, key, len) != 0)
              continue;
            matched = TRUE;
            p += 1 + len;

            if (strcmp (key, "categories") == 0)
              g_string_append (out, category_path->str);
            else if (strcmp (key, "collection") == 0)
              g_string_append (out, collection ? collection : "posts");
            else if (strcmp (key, "output_ext") == 0)
              g_string_append (out, ".html");
            else if (strcmp (key, "title") == 0)
              {
                g_autofree char *part = url_slug (slug && aushang_value_get_kind (slug) == AUSHANG_VALUE_STRING
                                                  ? aushang_value_get_string (slug) : name, TRUE);
                g_string_append (out, part);
              }
            else if (strcmp (key, "name") == 0 || strcmp (key, "slug") == 0)
              {
                g_autofree char *part = url_slug (strcmp (key, "slug") == 0 && slug != NULL &&
                                                  aushang_value_get_kind (slug) == AUSHANG_VALUE_STRING
                                                  ? aushang_value_get_string (slug) : name, FALSE);
                g_string_append (out, part);
              }
            else if (strcmp (key, "path") == 0)
              g_string_append (out, relative);
            else if (date == NULL)
              ;
            else if (strcmp (key, "year") == 0)
              g_string_append_printf (out, "%04d", g_date_time_get_year (date));
            else if (strcmp (key, "short_year") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_year (date) % 100);
            else if (strcmp (key, "month") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_month (date));
            else if (strcmp (key, "i_month") == 0)
              g_string_append_printf (out, "%d", g_date_time_get_month (date));
            else if (strcmp (key, "day") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_day_of_month (date));
            else if (strcmp (key, "i_day") == 0)
              g_string_append_printf (out, "%d", g_date_time_get_day_of_month (date));
            else if (strcmp (key, "y_day") == 0)
              g_string_append_printf (out, "%03d", g_date_time_get_day_of_year (date));
            else if (strcmp (key, "hour") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_hour (date));
            else if (strcmp (key, "minute") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_minute (date));
            else if (strcmp (key, "second") == 0)
              g_string_append_printf (out, "%02d", g_date_time_get_second (date));
          }

      if (!matched)
        g_string_append_c (out, *p++);
    }

  /* Jekyll joins the parts and squeezes the slashes. */
  while (strstr (out->str, "//") != NULL)
    {
      char *twice = strstr (out->str, "//");

      g_string_erase (out, twice - out->str, 1);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_excluded (AushangSite *self,
             const char  *relative)
{
  AushangValue *exclude = self->config ? aushang_value_lookup (self->config, "exclude") : NULL;
  g_auto(GStrv) items = exclude ? aushang_value_dup_strv (exclude) : NULL;

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      gsize len = strlen (items[i]);

      if (len > 0 && strncmp (relative, items[i], len) == 0 &&
          (relative[len] == '\0' || relative[len] == '/'))
        return TRUE;
    }

  return FALSE;
}

static void
add_url (AushangSite *self,
         GFile       *file,
         const char  *url)
{
  g_autofree char *path = g_file_get_path (file);

  g_hash_table_insert (self->urls, normalise_url (url), g_object_ref (file));
  if (path != NULL)
    g_hash_table_insert (self->urls_by_path, g_steal_pointer (&path), g_strdup (url));
}

/* The pages outside the collections: files with front matter. */
static void
index_page_urls (AushangSite *self,
                 GFile       *folder,
                 guint        depth)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  const char *style = aushang_site_config_string (self->config, "permalink");
  /* Jekyll's add_permalink_suffix: pages end in "/" where the site's
   * permalink style is pretty or ends in "/" (checked with jekyll 4.3.1:
   * blog.md is blog/index.html then), else in .html. */
  gboolean pretty_pages = style != NULL && (strcmp (style, "pretty") == 0 || g_str_has_suffix (style, "/"));

  if (depth > MAX_DEPTH)
    return;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;
      g_autofree char *relative = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (name[0] == '_' || name[0] == '.' || strcmp (name, "node_modules") == 0 ||
          strcmp (name, "vendor") == 0)
        continue;

      relative = g_file_get_relative_path (self->folder, child);
      if (relative == NULL || is_excluded (self, relative))
        continue;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        index_page_urls (self, child, depth + 1);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && aushang_site_is_document_name (name))
        {
          g_autofree char *path = g_file_get_path (child);
          g_autofree char *contents = NULL;
          g_autoptr(AushangDocument) document = NULL;
          g_autofree char *url = NULL;
          AushangValue *own;
          gsize length = 0;

          if (path == NULL || !aushang_safe_file_read (path, 1024 * 1024, &contents, &length, NULL, NULL))
            continue;
          document = aushang_document_new_from_data (contents, length);
          if (!aushang_document_get_has_front_matter (document))
            continue;

          own = aushang_front_matter_get (aushang_document_get_front_matter (document), "permalink");
          if (own != NULL && aushang_value_get_kind (own) == AUSHANG_VALUE_STRING)
            url = g_strdup (aushang_value_get_string (own));
          else
            {
              g_autofree char *without = g_strdup (relative);
              char *dot = strrchr (without, '.');
              const char *base;

              if (dot != NULL)
                *dot = '\0';
              /* index.md is its folder; other pages end in .html (and
               * /about.html and /about/ meet when compared). */
              base = strrchr (without, '/') ? strrchr (without, '/') + 1 : without;
              if (strcmp (base, "index") == 0)
                url = g_strndup (without, base - without);
              else if (pretty_pages)
                url = g_strconcat (without, "/", NULL);
              else
                url = g_strconcat (without, ".html", NULL);
              if (url[0] != '/')
                {
                  char *rooted = g_strconcat ("/", url, NULL);

                  g_free (url);
                  url = rooted;
                }
            }
          add_url (self, child, url);
          g_ptr_array_add (self->pages, g_object_ref (child));
        }
    }
}

static void
index_urls (AushangSite *self)
{
  if (self->urls != NULL)
    return;

  self->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->urls_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pages = g_ptr_array_new_with_free_func (g_object_unref);
  aushang_site_ensure_index (self);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);
      AushangCollection *collection = document->collection;
      AushangValue *own = aushang_value_lookup (document->data, "permalink");
      AushangValue *published = aushang_value_lookup (document->data, "published");
      g_autofree char *url = NULL;
      const char *template;

      if (collection == NULL || (!collection->output && strcmp (collection->name, "posts") != 0) ||
          strcmp (collection->name, "drafts") == 0 ||
          (published != NULL && aushang_value_get_kind (published) == AUSHANG_VALUE_BOOLEAN &&
           !aushang_value_get_boolean (published)))
        continue;

      if (own != NULL && aushang_value_get_kind (own) == AUSHANG_VALUE_STRING)
        template = aushang_value_get_string (own);
      else if (strcmp (collection->name, "posts") == 0)
        template = permalink_style (collection->permalink ? collection->permalink
                                                          : aushang_site_config_string (self->config, "permalink"));
      else
        template = collection->permalink ? permalink_style (collection->permalink)
                                         : "/:collection/:path:output_ext";

      url = expand_permalink (template, document, strcmp (collection->name, "posts") == 0 ? NULL : collection->name);
      add_url (self, document->file, url);
    }

  index_page_urls (self, self->folder, 0);
  g_ptr_array_sort (self->pages, aushang_site_compare_files);
}

GPtrArray *
aushang_site_get_pages (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  index_urls (self);

  return self->pages;
}

gboolean
aushang_site_has_path (AushangSite *self,
                       const char  *site_path)
{
  g_autofree char *normal = NULL;
  g_autofree char *clean = NULL;
  g_autoptr(GFile) file = NULL;
  const char *path = site_path;
  const char *baseurl;
  char *cut;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), TRUE);
  g_return_val_if_fail (site_path != NULL, TRUE);

  if (g_str_has_prefix (path, "{{ site.baseurl }}"))
    path += strlen ("{{ site.baseurl }}");
  else if (g_str_has_prefix (path, "{{site.baseurl}}"))
    path += strlen ("{{site.baseurl}}");
  baseurl = aushang_site_config_string (self->config, "baseurl");
  if (baseurl != NULL && *baseurl == '/' && baseurl[1] != '\0' && g_str_has_prefix (path, baseurl))
    path += strlen (baseurl);

  /* Not a path of this site: not ours to judge. */
  if (path[0] != '/' || path[1] == '/' || strstr (path, "..") != NULL || strstr (path, "{{") != NULL)
    return TRUE;

  /* A file that is there (an image, a PDF, a folder's index). */
  clean = g_uri_unescape_string (path + 1, NULL);
  if (clean == NULL)
    clean = g_strdup (path + 1);
  if ((cut = strpbrk (clean, "?#")) != NULL)
    *cut = '\0';
  file = g_file_resolve_relative_path (self->folder, clean);
  if (*clean != '\0' && g_file_query_exists (file, NULL))
    return TRUE;

  index_urls (self);
  normal = normalise_url (path);

  return g_hash_table_contains (self->urls, normal);
}

char *
aushang_site_dup_url (AushangSite *self,
                      GFile       *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    return NULL;

  index_urls (self);

  return g_strdup (g_hash_table_lookup (self->urls_by_path, path));
}

GFile *
aushang_site_find_page (AushangSite *self,
                        const char  *site_path)
{
  g_autofree char *normal = NULL;
  const char *path = site_path;
  const char *baseurl;
  GFile *file;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (site_path != NULL, NULL);

  if (g_str_has_prefix (path, "{{ site.baseurl }}"))
    path += strlen ("{{ site.baseurl }}");
  else if (g_str_has_prefix (path, "{{site.baseurl}}"))
    path += strlen ("{{site.baseurl}}");
  baseurl = aushang_site_config_string (self->config, "baseurl");
  if (baseurl != NULL && *baseurl == '/' && baseurl[1] != '\0' && g_str_has_prefix (path, baseurl))
    path += strlen (baseurl);
  if (path[0] != '/' || path[1] == '/')
    return NULL;

  index_urls (self);
  normal = normalise_url (path);
  file = g_hash_table_lookup (self->urls, normal);

  return file ? g_object_ref (file) : NULL;
}

/* Documents named by others */

/* A document's name as other documents write it: the file name without
 * extension ("rueckblick-repair-cafe", "2026-04-17-neuer-lasercutter"). */
static char *
document_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

/* Keys with a meaning of their own, whose values are never document
 * names even where one happens to match. */
static gboolean
is_reserved_key (const char *key)
{
  static const char *reserved[] = {
    "title", "layout", "permalink", "date", "categories", "category", "tags", "tag",
    "author", "authors", "published", "slug", "lang", "language", "header_image",
    "image", "teaser", "description", "excerpt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (strcmp (key, reserved[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The last word of a key with several ("post" of related_post), or NULL. */
static const char *
last_word (const char *key)
{
  const char *last = strrchr (key, '_');
  const char *dash = strrchr (key, '-');

  if (dash != NULL && (last == NULL || dash > last))
    last = dash;

  return last != NULL && last != key && last[1] != '\0' ? last + 1 : NULL;
}

static void
index_references (AushangSite *self)
{
  g_autoptr(GHashTable) extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, total;

  if (self->by_name != NULL)
    return;

  aushang_site_ensure_index (self);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->reference_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);

      g_hash_table_insert (self->by_name, document_name (document->file), g_object_ref (document->file));
    }

  /* A key is a reference when most of the values the documents give it
   * are names of documents. */
  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);

      for (guint k = 0; k < aushang_value_get_length (document->data); k++)
        {
          const char *name = aushang_value_get_key (document->data, k);
          AushangValue *value = aushang_value_get_item (document->data, k);
          guint n;

          if (aushang_value_get_kind (value) != AUSHANG_VALUE_STRING || is_reserved_key (name))
            continue;

          n = GPOINTER_TO_UINT (g_hash_table_lookup (totals, name));
          g_hash_table_insert (totals, g_strdup (name), GUINT_TO_POINTER (n + 1));
          if (g_hash_table_contains (self->by_name, aushang_value_get_string (value)))
            {
              n = GPOINTER_TO_UINT (g_hash_table_lookup (matches, name));
              g_hash_table_insert (matches, g_strdup (name), GUINT_TO_POINTER (n + 1));
            }
        }
    }

  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &total))
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (matches, key));

      if (found > 0 && found * 2 >= GPOINTER_TO_UINT (total))
        g_hash_table_add (self->reference_keys, g_strdup (key));
    }

  /* A key named like one of those (related_post beside
   * retrospective_post) names documents too, even where the few values
   * it has point nowhere: a misspelt name must not hide the field. */
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &total))
    {
      const char *word = last_word (key);
      GHashTableIter known;
      gpointer reference;

      if (word == NULL || g_hash_table_contains (self->reference_keys, key))
        continue;

      g_hash_table_iter_init (&known, self->reference_keys);
      while (g_hash_table_iter_next (&known, &reference, NULL))
        if (g_strcmp0 (last_word (reference), word) == 0)
          {
            g_hash_table_add (extra, g_strdup (key));
            break;
          }
    }

  g_hash_table_iter_init (&iter, extra);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->reference_keys, g_strdup (key));
}

gboolean
aushang_site_key_names_documents (AushangSite *self,
                                  const char  *key)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  index_references (self);

  return g_hash_table_contains (self->reference_keys, key);
}

GFile *
aushang_site_find_document_by_name (AushangSite *self,
                                    const char  *name)
{
  GFile *file;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index_references (self);
  file = g_hash_table_lookup (self->by_name, name);

  return file ? g_object_ref (file) : NULL;
}
