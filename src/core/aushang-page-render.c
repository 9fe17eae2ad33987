/* aushang-page-render.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-page-render"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "aushang-data-file.h"
#include "aushang-liquid.h"
#include "aushang-markdown.h"
#include "aushang-page-render-private.h"
#include "aushang-yaml.h"

/* A document as Jekyll publishes it: page and site variables as Jekyll
 * 4.3 makes them, Liquid, Markdown, the layout chain; then what the
 * preview needs (site paths, no scripts, the stylesheets it can load). */

#define MAX_LAYOUTS 20


/* ------------------------------------------------------------------------ */
/* Maps built key by key                                                      */

typedef struct
{
  GPtrArray  *keys;
  GHashTable *values;
} MapBuilder;

static void
map_builder_init (MapBuilder *b)
{
  b->keys = g_ptr_array_new_with_free_func (g_free);
  b->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) aushang_value_unref);
}

/* Takes @value. */
static void
map_builder_set (MapBuilder   *b,
                 const char   *key,
                 AushangValue *value)
{
  if (!g_hash_table_contains (b->values, key))
    g_ptr_array_add (b->keys, g_strdup (key));
  g_hash_table_insert (b->values, g_strdup (key), value != NULL ? value : aushang_value_new_null ());
}

static void
map_builder_set_default (MapBuilder   *b,
                         const char   *key,
                         AushangValue *value)
{
  if (g_hash_table_contains (b->values, key))
    {
      g_clear_pointer (&value, aushang_value_unref);
      return;
    }
  map_builder_set (b, key, value);
}

static void
map_builder_merge (MapBuilder         *b,
                   const AushangValue *map)
{
  if (map == NULL || aushang_value_get_kind (map) != AUSHANG_VALUE_MAP)
    return;
  for (guint i = 0; i < aushang_value_get_length (map); i++)
    map_builder_set (b, aushang_value_get_key (map, i),
                     aushang_value_ref (aushang_value_get_item (map, i)));
}

static AushangValue *
map_builder_finish (MapBuilder *b)
{
  AushangValue *map = aushang_value_new_map ();

  for (guint i = 0; i < b->keys->len; i++)
    {
      const char *key = g_ptr_array_index (b->keys, i);

      aushang_value_map_insert (map, key, aushang_value_ref (g_hash_table_lookup (b->values, key)));
    }
  g_ptr_array_unref (b->keys);
  g_hash_table_unref (b->values);
  return map;
}

const char *
aushang_page_config_string (AushangValue *config,
               const char   *key,
               const char   *fallback)
{
  AushangValue *value = config != NULL ? aushang_value_lookup (config, key) : NULL;

  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING ||
      *aushang_value_get_string (value) == '\0')
    return fallback;
  return aushang_value_get_string (value);
}

/* ------------------------------------------------------------------------ */
/* Documents                                                                  */

typedef enum
{
  KIND_PAGE,
  KIND_POST,
  KIND_DOCUMENT,
} DocKind;

/* Jekyll's front matter defaults for a file: the sets whose scope
 * matches, the more specific ones later, so that they win. */
static void
apply_defaults (AushangPageContext *self,
                MapBuilder         *b,
                const char         *relative_path,
                const char         *type)
{
  AushangValue *defaults = aushang_value_lookup (self->config, "defaults");
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();

  if (defaults == NULL || aushang_value_get_kind (defaults) != AUSHANG_VALUE_LIST)
    return;
  for (guint i = 0; i < aushang_value_get_length (defaults); i++)
    {
      AushangValue *set = aushang_value_get_item (defaults, i);
      AushangValue *scope;
      AushangValue *path;
      AushangValue *scope_type;

      if (aushang_value_get_kind (set) != AUSHANG_VALUE_MAP)
        continue;
      scope = aushang_value_lookup (set, "scope");
      path = scope != NULL ? aushang_value_lookup (scope, "path") : NULL;
      scope_type = scope != NULL ? aushang_value_lookup (scope, "type") : NULL;
      if (path != NULL && aushang_value_get_kind (path) == AUSHANG_VALUE_STRING)
        {
          const char *p = aushang_value_get_string (path);

          if (*p != '\0' && !g_str_has_prefix (relative_path, p) &&
              !g_pattern_match_simple (p, relative_path))
            continue;
        }
      if (scope_type != NULL && aushang_value_get_kind (scope_type) == AUSHANG_VALUE_STRING &&
          g_strcmp0 (aushang_value_get_string (scope_type), type) != 0)
        continue;
      g_ptr_array_add (sets, set);
    }
  /* Stable: by length of the path, then with a type after without. */
  for (guint i = 1; i < sets->len; i++)
    for (guint j = i; j > 0; j--)
      {
        AushangValue *a = g_ptr_array_index (sets, j - 1);
        AushangValue *c = g_ptr_array_index (sets, j);
        AushangValue *sa = aushang_value_lookup (a, "scope");
        AushangValue *sc = aushang_value_lookup (c, "scope");
        AushangValue *pa = sa != NULL ? aushang_value_lookup (sa, "path") : NULL;
        AushangValue *pc = sc != NULL ? aushang_value_lookup (sc, "path") : NULL;
        gsize la = pa != NULL && aushang_value_get_kind (pa) == AUSHANG_VALUE_STRING ? strlen (aushang_value_get_string (pa)) : 0;
        gsize lc = pc != NULL && aushang_value_get_kind (pc) == AUSHANG_VALUE_STRING ? strlen (aushang_value_get_string (pc)) : 0;
        gboolean ta = sa != NULL && aushang_value_lookup (sa, "type") != NULL;
        gboolean tc = sc != NULL && aushang_value_lookup (sc, "type") != NULL;

        if (la < lc || (la == lc && (!ta || tc)))
          break;
        sets->pdata[j - 1] = c;
        sets->pdata[j] = a;
      }
  for (guint i = 0; i < sets->len; i++)
    map_builder_merge (b, aushang_value_lookup (g_ptr_array_index (sets, i), "values"));
}

static char *
titleize (const char *slug)
{
  g_auto(GStrv) words = g_strsplit (slug, "-", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      {
        const char *rest = g_utf8_next_char (words[i]);
        g_autofree char *first = g_utf8_strup (words[i], rest - words[i]);

        g_string_append (out, first);
        g_string_append (out, rest);
      }
    }
  return g_string_free (out, FALSE);
}

/* categories: / tags: as Jekyll reads them: a list, or words of a text. */
static void
add_words (AushangValue       *list,
           const AushangValue *value)
{
  if (value == NULL)
    return;
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_LIST)
    {
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          g_autofree char *text = aushang_value_to_display (aushang_value_get_item (value, i));

          aushang_value_list_append (list, aushang_value_new_string (text));
        }
    }
  else if (aushang_value_get_kind (value) != AUSHANG_VALUE_NULL)
    {
      g_autofree char *text = aushang_value_to_display (value);
      g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          aushang_value_list_append (list, aushang_value_new_string (words[i]));
    }
}

static GDateTime *
local_date (AushangPageContext *self,
            const AushangValue *value)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (value == NULL)
    return NULL;
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_DATE)
    {
      int y, m, d;

      aushang_value_get_date (value, &y, &m, &d);
      return g_date_time_new (self->time_zone, y, m, d, 0, 0, 0);
    }
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_DATETIME)
    {
      g_autoptr(GDateTime) dt = aushang_value_dup_date_time (value);

      return g_date_time_to_timezone (dt, self->time_zone);
    }
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING &&
      aushang_yaml_parse_jekyll_date (aushang_value_get_string (value), &parsed) && parsed != NULL)
    return g_date_time_new (self->time_zone, g_date_time_get_year (parsed),
                            g_date_time_get_month (parsed), g_date_time_get_day_of_month (parsed),
                            g_date_time_get_hour (parsed), g_date_time_get_minute (parsed),
                            g_date_time_get_seconds (parsed));
  return NULL;
}

static AushangValue *
time_value (GDateTime *date_time)
{
  return aushang_value_new_datetime (g_date_time_get_year (date_time),
                                     g_date_time_get_month (date_time),
                                     g_date_time_get_day_of_month (date_time),
                                     g_date_time_get_hour (date_time),
                                     g_date_time_get_minute (date_time),
                                     g_date_time_get_seconds (date_time),
                                     TRUE,
                                     (int) (g_date_time_get_utc_offset (date_time) / G_TIME_SPAN_SECOND));
}

/* The page variable of a file: defaults, its front matter, and what
 * Jekyll computes (url, date, path, collection, id, slug, ...). */
static AushangValue *
document_value (AushangPageContext *self,
                const char         *relative_path,
                const char         *collection,
                AushangValue       *front_matter,
                const char         *url,
                const char         *excerpt)
{
  MapBuilder b;
  g_autofree char *name = g_path_get_basename (relative_path);
  g_autofree char *dir = g_path_get_dirname (relative_path);
  const char *dot = strrchr (name, '.');
  g_autofree char *base = dot != NULL ? g_strndup (name, dot - name) : g_strdup (name);
  const char *slug = base;
  DocKind kind = collection == NULL ? KIND_PAGE :
                 strcmp (collection, "posts") == 0 ? KIND_POST : KIND_DOCUMENT;
  g_autoptr(GDateTime) date = NULL;
  AushangValue *categories;
  AushangValue *tags;

  map_builder_init (&b);
  apply_defaults (self, &b, relative_path,
                  kind == KIND_PAGE ? "pages" : collection);
  map_builder_merge (&b, front_matter);

  /* Jekyll's names: 2017-11-8-title.md too (month and day of one digit). */
  if (kind == KIND_POST)
    {
      int year = 0, month = 0, day = 0, used = 0;

      if (sscanf (base, "%4d-%2d-%2d-%n", &year, &month, &day, &used) == 3 && used > 0 &&
          g_ascii_isdigit (base[0]) && base[4] == '-' && base[used] != '\0' &&
          g_date_valid_dmy (day, month, year))
        {
          g_autoptr(AushangValue) from_name = NULL;
          g_autofree char *ymd = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

          slug = base + used;
          from_name = aushang_yaml_resolve_plain (ymd);
          date = local_date (self, from_name);
        }
    }
  if (kind != KIND_PAGE)
    {
      AushangValue *given = g_hash_table_lookup (b.values, "date");
      GDateTime *from_data = local_date (self, given);

      if (from_data != NULL)
        {
          g_clear_pointer (&date, g_date_time_unref);
          date = from_data;
        }
      if (date == NULL)
        date = g_date_time_ref (self->now);
      map_builder_set (&b, "date", time_value (date));
    }

  if (url != NULL)
    map_builder_set (&b, "url", aushang_value_new_string (url));
  map_builder_set (&b, "path", aushang_value_new_string (relative_path));
  map_builder_set (&b, "name", aushang_value_new_string (name));
  if (kind == KIND_PAGE)
    {
      g_autofree char *page_dir = g_strconcat ("/", strcmp (dir, ".") == 0 ? "" : dir,
                                               strcmp (dir, ".") == 0 ? "" : "/", NULL);

      map_builder_set (&b, "dir", aushang_value_new_string (page_dir));
      return map_builder_finish (&b);
    }

  map_builder_set (&b, "relative_path", aushang_value_new_string (relative_path));
  map_builder_set (&b, "collection", aushang_value_new_string (collection));
  map_builder_set_default (&b, "slug", aushang_value_new_string (slug));
  map_builder_set (&b, "ext", aushang_value_new_string (dot != NULL ? dot : ""));
  map_builder_set (&b, "draft", aushang_value_new_boolean (FALSE));
  if (excerpt != NULL)
    map_builder_set (&b, "excerpt", aushang_value_new_string (excerpt));
  if (!g_hash_table_contains (b.values, "title") ||
      aushang_value_get_kind (g_hash_table_lookup (b.values, "title")) == AUSHANG_VALUE_NULL)
    {
      g_autofree char *title = titleize (slug);

      map_builder_set (&b, "title", aushang_value_new_string (title));
    }
  if (url != NULL)
    {
      const char *url_dot = strrchr (url, '.');
      const char *url_slash = strrchr (url, '/');
      g_autofree char *id = url_dot != NULL && url_dot > url_slash ? g_strndup (url, url_dot - url)
                                                                   : g_strdup (url);

      map_builder_set (&b, "id", aushang_value_new_string (id));
    }

  categories = aushang_value_new_list ();
  if (kind == KIND_POST)
    {
      /* The folders above _posts are categories too. */
      g_auto(GStrv) parts = g_strsplit (relative_path, "/", -1);

      for (guint i = 0; parts[i] != NULL && strcmp (parts[i], "_posts") != 0; i++)
        if (*parts[i] != '\0')
          aushang_value_list_append (categories, aushang_value_new_string (parts[i]));
    }
  add_words (categories, g_hash_table_lookup (b.values, "category"));
  add_words (categories, g_hash_table_lookup (b.values, "categories"));
  map_builder_set (&b, "categories", categories);
  tags = aushang_value_new_list ();
  add_words (tags, g_hash_table_lookup (b.values, "tags"));
  map_builder_set (&b, "tags", tags);

  return map_builder_finish (&b);
}

/* ------------------------------------------------------------------------ */
/* The site variable                                                          */

static char *
relative_to (GFile *folder,
             GFile *file)
{
  char *relative = g_file_get_relative_path (folder, file);

  return relative != NULL ? relative : g_file_get_basename (file);
}

static AushangValue *
read_site_data (AushangSite *site)
{
  g_autoptr(GPtrArray) files = aushang_site_list_data_files (site);
  g_autoptr(GFile) folder = aushang_site_get_data_folder (site);
  g_autoptr(GHashTable) maps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *builders = g_ptr_array_new ();
  MapBuilder *root = g_new0 (MapBuilder, 1);
  AushangValue *data;

  map_builder_init (root);
  g_hash_table_insert (maps, g_strdup (""), root);
  g_ptr_array_add (builders, root);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(AushangDataFile) data_file = aushang_data_file_load (file, NULL);
      g_autofree char *relative = relative_to (folder, file);
      g_autofree char *dir = g_path_get_dirname (relative);
      MapBuilder *parent;

      if (data_file == NULL || aushang_data_file_get_data (data_file) == NULL)
        continue;
      if (strcmp (dir, ".") == 0)
        {
          g_free (dir);
          dir = g_strdup ("");
        }
      parent = g_hash_table_lookup (maps, dir);
      if (parent == NULL)
        {
          /* Folders become nested maps: site.data.events.2026. */
          g_auto(GStrv) parts = g_strsplit (dir, "/", -1);
          GString *so_far = g_string_new (NULL);
          MapBuilder *up = root;

          for (guint j = 0; parts[j] != NULL; j++)
            {
              MapBuilder *here;

              if (j > 0)
                g_string_append_c (so_far, '/');
              g_string_append (so_far, parts[j]);
              here = g_hash_table_lookup (maps, so_far->str);
              if (here == NULL)
                {
                  here = g_new0 (MapBuilder, 1);
                  map_builder_init (here);
                  g_hash_table_insert (maps, g_strdup (so_far->str), here);
                  g_ptr_array_add (builders, here);
                  /* Remember the parent by a placeholder key. */
                  map_builder_set (up, parts[j], aushang_value_new_null ());
                }
              up = here;
            }
          g_string_free (so_far, TRUE);
          parent = up;
        }
      map_builder_set (parent, aushang_data_file_get_name (data_file),
                       aushang_value_ref (aushang_data_file_get_data (data_file)));
    }

  /* Finish the deepest folders first and put each into its parent. */
  for (guint i = builders->len; i > 1; i--)
    {
      MapBuilder *b = g_ptr_array_index (builders, i - 1);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, maps);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value == b)
          {
            const char *path = key;
            const char *slash = strrchr (path, '/');
            g_autofree char *parent_path = slash != NULL ? g_strndup (path, slash - path) : g_strdup ("");
            MapBuilder *parent = g_hash_table_lookup (maps, parent_path);

            map_builder_set (parent, slash != NULL ? slash + 1 : path, map_builder_finish (b));
            g_free (b);
            break;
          }
    }
  data = map_builder_finish (root);
  g_free (root);
  g_ptr_array_unref (builders);
  return data;
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  AushangValue *x = *(AushangValue **) a;
  AushangValue *y = *(AushangValue **) b;
  g_autoptr(GDateTime) dx = aushang_value_dup_date_time (aushang_value_lookup (x, "date"));
  g_autoptr(GDateTime) dy = aushang_value_dup_date_time (aushang_value_lookup (y, "date"));
  int c = g_date_time_compare (dx, dy);

  if (c != 0)
    return c;
  return strcmp (aushang_value_get_string (aushang_value_lookup (x, "path")),
                 aushang_value_get_string (aushang_value_lookup (y, "path")));
}

static char *literal_tag_cb (const AushangLiquidTag *tag,
                             gpointer                user_data);

/* Markdown other than the document's body (excerpts, markdownify): never
 * marked with the body's source lines for the preview. */
static char *
render_markdown_unmarked (const char *markdown)
{
  gboolean lines = aushang_markdown_set_source_lines (FALSE);
  char *html = aushang_markdown_render (markdown, literal_tag_cb, NULL);

  aushang_markdown_set_source_lines (lines);

  return html;
}

static gboolean is_markdown (AushangPageContext *self,
                             const char         *path);
static char *literal_tag_cb (const AushangLiquidTag *tag,
                             gpointer                user_data);

/* Jekyll's excerpt: the body up to the first excerpt_separator (a blank
 * line), converted. Liquid in it is not run here. */
static char *
dup_excerpt (AushangPageContext *self,
             GFile              *file,
             AushangValue       *data,
             const char         *relative_path)
{
  g_autofree char *contents = NULL;
  const char *body;
  const char *separator = NULL;
  const char *end;
  g_autofree char *head = NULL;
  AushangValue *given = data != NULL ? aushang_value_lookup (data, "excerpt_separator") : NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL) ||
      !g_utf8_validate (contents, -1, NULL))
    return NULL;
  body = contents;
  if (g_str_has_prefix (body, "---"))
    {
      const char *close = strstr (body + 3, "\n---");

      if (close == NULL)
        close = strstr (body + 3, "\n...");
      if (close == NULL)
        return NULL;
      body = strchr (close + 1, '\n');
      body = body != NULL ? body + 1 : close + 4;
    }
  if (given != NULL && aushang_value_get_kind (given) == AUSHANG_VALUE_STRING)
    separator = aushang_value_get_string (given);
  else
    separator = aushang_page_config_string (self->config, "excerpt_separator", "\n\n");
  end = *separator != '\0' ? strstr (body, separator) : NULL;
  head = end != NULL ? g_strndup (body, end - body) : g_strdup (body);
  if (is_markdown (self, relative_path))
    return render_markdown_unmarked (head);
  return g_steal_pointer (&head);
}

/* Whether a file in @folder (and below) says "excerpt". */
static gboolean
folder_mentions (const char *folder,
                 const char *word,
                 guint       depth)
{
  g_autoptr(GDir) dir = depth < 4 ? g_dir_open (folder, 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *text = NULL;

      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (folder_mentions (path, word, depth + 1))
            return TRUE;
          continue;
        }
      if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, word) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Excerpts cost a read and a Markdown run of every document: they are
 * made when a layout, an include or a page uses them. */
static gboolean
site_uses_excerpts (AushangPageContext *self,
                    GPtrArray          *site_pages)
{
  g_autofree char *layouts = g_build_filename (self->folder_path, self->layouts_dir, NULL);
  g_autofree char *includes = g_build_filename (self->folder_path, self->includes_dir, NULL);

  if (folder_mentions (layouts, "excerpt", 0) || folder_mentions (includes, "excerpt", 0))
    return TRUE;
  for (guint i = 0; site_pages != NULL && i < site_pages->len; i++)
    {
      g_autofree char *text = NULL;

      if (g_file_load_contents (g_ptr_array_index (site_pages, i), NULL, &text, NULL, NULL, NULL) &&
          strstr (text, "excerpt") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* site.categories and site.tags: each name with its posts, newest first;
 * the names in the order the posts (oldest first) bring them. */
static AushangValue *
group_posts (GPtrArray  *posts_ascending,
             const char *key)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  AushangValue *map = aushang_value_new_map ();

  for (guint i = 0; i < posts_ascending->len; i++)
    {
      AushangValue *post = g_ptr_array_index (posts_ascending, i);
      AushangValue *terms = aushang_value_lookup (post, key);

      for (guint j = 0; terms != NULL && j < aushang_value_get_length (terms); j++)
        {
          AushangValue *term = aushang_value_get_item (terms, j);
          const char *name;
          guint index;

          if (aushang_value_get_kind (term) != AUSHANG_VALUE_STRING)
            continue;
          name = aushang_value_get_string (term);
          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, &index))
            {
              g_ptr_array_add (names, g_strdup (name));
              g_ptr_array_add (lists, g_ptr_array_new ());
              index = names->len - 1;
            }
          g_ptr_array_add (g_ptr_array_index (lists, index), post);
        }
    }
  for (guint i = 0; i < names->len; i++)
    {
      GPtrArray *members = g_ptr_array_index (lists, i);
      AushangValue *list = aushang_value_new_list ();

      for (guint j = members->len; j > 0; j--)
        aushang_value_list_append (list, aushang_value_ref (g_ptr_array_index (members, j - 1)));
      aushang_value_map_insert (map, g_ptr_array_index (names, i), list);
      g_ptr_array_unref (members);
    }
  return map;
}

#define MAX_STATIC_FILES 10000

static void
collect_static_files (AushangPageContext *self,
                      const char         *relative,
                      GPtrArray          *paths,
                      guint               depth)
{
  g_autofree char *folder = g_build_filename (self->folder_path, relative, NULL);
  g_autoptr(GDir) dir = depth < 12 ? g_dir_open (folder, 0, NULL) : NULL;
  AushangValue *exclude = aushang_value_lookup (self->config, "exclude");
  g_auto(GStrv) excluded = exclude != NULL ? aushang_value_dup_strv (exclude) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL && paths->len < MAX_STATIC_FILES)
    {
      g_autofree char *child = *relative != '\0' ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (self->folder_path, child, NULL);

      if (name[0] == '.' || name[0] == '_' || name[0] == '#' || g_str_has_suffix (name, "~") ||
          (excluded != NULL && (g_strv_contains ((const char * const *) excluded, child) ||
                                g_strv_contains ((const char * const *) excluded, name))))
        continue;
      if (g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        {
          collect_static_files (self, child, paths, depth + 1);
          continue;
        }
      if (depth == 0 && (strcmp (name, "Gemfile") == 0 || strcmp (name, "Gemfile.lock") == 0 ||
                         strcmp (name, "node_modules") == 0 || strcmp (name, "vendor") == 0))
        continue;
      {
        /* A file with front matter is a page, not a static file. */
        g_autoptr(GFile) file = g_file_new_for_path (full);
        g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
        char head[4] = { 0 };

        if (stream != NULL &&
            g_input_stream_read (G_INPUT_STREAM (stream), head, 3, NULL, NULL) == 3 &&
            memcmp (head, "---", 3) == 0)
          continue;
      }
      g_ptr_array_add (paths, g_steal_pointer (&child));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* site.static_files: the files Jekyll copies as they are, by path. */
static AushangValue *
static_files (AushangPageContext *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  AushangValue *list = aushang_value_new_list ();

  collect_static_files (self, "", paths, 0);
  g_ptr_array_sort (paths, compare_paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *relative = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (relative);
      const char *dot = strrchr (name, '.');
      g_autofree char *full = g_build_filename (self->folder_path, relative, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (full);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      AushangValue *item = aushang_value_new_map ();
      g_autofree char *path = g_strconcat ("/", relative, NULL);
      g_autofree char *base = dot != NULL ? g_strndup (name, dot - name) : g_strdup (name);

      aushang_value_map_insert (item, "name", aushang_value_new_string (name));
      aushang_value_map_insert (item, "basename", aushang_value_new_string (base));
      aushang_value_map_insert (item, "extname", aushang_value_new_string (dot != NULL ? dot : ""));
      aushang_value_map_insert (item, "path", aushang_value_new_string (path));
      aushang_value_map_insert (item, "collection", aushang_value_new_null ());
      if (info != NULL)
        {
          g_autoptr(GDateTime) utc = g_file_info_get_modification_date_time (info);
          g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, self->time_zone) : NULL;

          if (local != NULL)
            aushang_value_map_insert (item, "modified_time", time_value (local));
        }
      aushang_value_list_append (list, item);
    }
  return list;
}

AushangPageContext *
aushang_page_context_new (AushangSite *site)
{
  AushangPageContext *self = g_new0 (AushangPageContext, 1);
  AushangValue *config = aushang_site_get_config (site);
  GPtrArray *collections = aushang_site_get_collections (site);
  const char *timezone = aushang_page_config_string (config, "timezone", NULL);
  const char *exts = aushang_page_config_string (config, "markdown_ext", "markdown,mkdown,mkdn,mkd,md");
  AushangValue *collection_list = aushang_value_new_list ();
  AushangValue *all_documents = aushang_value_new_list ();
  AushangValue *pages = aushang_value_new_list ();
  GPtrArray *site_pages;
  gboolean needs_excerpts;
  g_autoptr(GPtrArray) posts_ascending = NULL;
  MapBuilder b;

  g_atomic_ref_count_init (&self->ref_count);
  self->folder = g_object_ref (aushang_site_get_folder (site));
  self->folder_path = g_file_get_path (self->folder);
  self->config = config != NULL ? aushang_value_ref (config) : aushang_value_new_map ();
  self->time_zone = timezone != NULL ? g_time_zone_new_identifier (timezone) : NULL;
  if (self->time_zone == NULL)
    self->time_zone = g_time_zone_new_local ();
  self->now = g_date_time_new_now (self->time_zone);
  self->layouts_dir = g_strdup (aushang_page_config_string (self->config, "layouts_dir", "_layouts"));
  self->includes_dir = g_strdup (aushang_page_config_string (self->config, "includes_dir", "_includes"));
  self->markdown_exts = g_strsplit (exts, ",", -1);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) aushang_value_unref);
  self->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->post_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->collections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  needs_excerpts = site_uses_excerpts (self, aushang_site_get_pages (site));
  map_builder_init (&b);
  map_builder_merge (&b, self->config);
  map_builder_set (&b, "time", time_value (self->now));
  map_builder_set (&b, "data", read_site_data (site));

  for (guint i = 0; collections != NULL && i < collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (collections, i);
      GPtrArray *documents = aushang_site_get_documents (site, collection);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
      g_autofree char *folder_relative = relative_to (self->folder, collection->folder);
      AushangValue *list = aushang_value_new_list ();
      MapBuilder cb;
      gboolean is_posts = strcmp (collection->name, "posts") == 0;

      g_hash_table_insert (self->collections, g_strdup (folder_relative), g_strdup (collection->name));
      for (guint j = 0; documents != NULL && j < documents->len; j++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, j);
          g_autofree char *url = aushang_site_dup_url (site, document->file);
          g_autofree char *excerpt = needs_excerpts ? dup_excerpt (self, document->file, document->data,
                                                                   document->relative_path)
                                                    : NULL;
          AushangValue *value = document_value (self, document->relative_path, collection->name,
                                                document->data, url, excerpt);

          if (url != NULL)
            g_hash_table_insert (self->urls, g_strdup (document->relative_path), g_strdup (url));
          if (is_posts && url != NULL)
            {
              g_autofree char *base = g_path_get_basename (document->relative_path);
              char *dot = strrchr (base, '.');

              if (dot != NULL)
                *dot = '\0';
              g_hash_table_insert (self->post_urls, g_strdup (base), g_strdup (url));
            }
          g_hash_table_insert (self->documents, g_strdup (document->relative_path), aushang_value_ref (value));
          if (document->draft || document->has_problem)
            {
              aushang_value_unref (value);
              continue;
            }
          if (!aushang_site_get_shows_future (site))
            {
              g_autoptr(GDateTime) date = aushang_value_dup_date_time (aushang_value_lookup (value, "date"));

              if (date != NULL && g_date_time_compare (date, self->now) > 0)
                {
                  aushang_value_unref (value);
                  continue;
                }
            }
          g_ptr_array_add (values, value);
        }
      g_ptr_array_sort (values, compare_documents);
      if (is_posts)
        posts_ascending = g_ptr_array_ref (values);
      for (guint j = 0; j < values->len; j++)
        {
          /* site.posts is newest first; other collections keep order. */
          AushangValue *value = g_ptr_array_index (values, is_posts ? values->len - 1 - j : j);

          aushang_value_list_append (list, aushang_value_ref (value));
          aushang_value_list_append (all_documents, aushang_value_ref (value));
        }
      map_builder_set (&b, collection->name, aushang_value_ref (list));

      map_builder_init (&cb);
      map_builder_set (&cb, "label", aushang_value_new_string (collection->name));
      map_builder_set (&cb, "docs", list);
      map_builder_set (&cb, "output", aushang_value_new_boolean (collection->output));
      map_builder_set (&cb, "relative_directory", aushang_value_new_string (folder_relative));
      if (collection->permalink != NULL)
        map_builder_set (&cb, "permalink", aushang_value_new_string (collection->permalink));
      aushang_value_list_append (collection_list, map_builder_finish (&cb));
    }

  site_pages = aushang_site_get_pages (site);
  for (guint i = 0; site_pages != NULL && i < site_pages->len; i++)
    {
      GFile *file = g_ptr_array_index (site_pages, i);
      g_autofree char *relative = relative_to (self->folder, file);
      g_autofree char *url = aushang_site_dup_url (site, file);
      g_autoptr(AushangDocument) document = aushang_document_load (file, NULL);
      AushangValue *value;

      value = document_value (self, relative, NULL,
                              document != NULL ? aushang_front_matter_get_data (aushang_document_get_front_matter (document)) : NULL,
                              url, NULL);
      if (url != NULL)
        g_hash_table_insert (self->urls, g_strdup (relative), g_strdup (url));
      g_hash_table_insert (self->documents, g_strdup (relative), aushang_value_ref (value));
      aushang_value_list_append (pages, value);
    }

  map_builder_set (&b, "collections", collection_list);
  map_builder_set (&b, "static_files", static_files (self));
  if (posts_ascending != NULL)
    {
      map_builder_set (&b, "categories", group_posts (posts_ascending, "categories"));
      map_builder_set (&b, "tags", group_posts (posts_ascending, "tags"));
    }
  map_builder_set (&b, "documents", all_documents);
  map_builder_set (&b, "pages", pages);
  map_builder_set_default (&b, "posts", aushang_value_new_list ());
  self->site = map_builder_finish (&b);
  return self;
}

AushangPageContext *
aushang_page_context_ref (AushangPageContext *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
aushang_page_context_unref (AushangPageContext *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_object_unref (self->folder);
  g_free (self->folder_path);
  aushang_value_unref (self->config);
  aushang_value_unref (self->site);
  g_hash_table_unref (self->documents);
  g_hash_table_unref (self->urls);
  g_hash_table_unref (self->post_urls);
  g_hash_table_unref (self->collections);
  g_time_zone_unref (self->time_zone);
  g_date_time_unref (self->now);
  g_free (self->layouts_dir);
  g_free (self->includes_dir);
  g_strfreev (self->markdown_exts);
  g_free (self);
}

/* ------------------------------------------------------------------------ */
/* Rendering                                                                  */

typedef struct
{
  AushangPageContext *self;
  const char         *page_path;
  GPtrArray          *kept;      /* char*: HTML kept out of Markdown */
} RenderState;

static char *
read_site_file (AushangPageContext *self,
                const char         *relative)
{
  g_autofree char *path = NULL;
  char *contents = NULL;

  if (relative == NULL || strstr (relative, "..") != NULL || relative[0] == '/')
    return NULL;
  path = g_build_filename (self->folder_path, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_free (contents);
      return NULL;
    }
  return contents;
}

static char *
read_include_cb (AushangLiquidIncludeKind   kind,
                 const char                *name,
                 const char                *from,
                 char                     **path,
                 gpointer                   user_data)
{
  RenderState *state = user_data;
  char *text;

  if (kind == AUSHANG_LIQUID_INCLUDE_RELATIVE)
    {
      /* Jekyll takes include_relative beside the page, wherever the tag is. */
      g_autofree char *dir = g_path_get_dirname (state->page_path);

      *path = strcmp (dir, ".") == 0 ? g_strdup (name) : g_build_filename (dir, name, NULL);
    }
  else
    *path = g_build_filename (state->self->includes_dir, name, NULL);
  text = read_site_file (state->self, *path);
  if (text == NULL)
    g_clear_pointer (path, g_free);
  return text;
}

static char *
find_url_cb (gboolean    is_post,
             const char *name,
             gpointer    user_data)
{
  RenderState *state = user_data;
  const char *url;

  if (is_post)
    {
      const char *slash = strrchr (name, '/');

      url = g_hash_table_lookup (state->self->post_urls, slash != NULL ? slash + 1 : name);
    }
  else
    url = g_hash_table_lookup (state->self->urls, name[0] == '/' ? name + 1 : name);
  return g_strdup (url);
}

/* For the preview's scroll sync: the line of the document's @body
 * (1-based) that each line of @rendered (the body after Liquid, with HTML
 * blocks kept out) came from. Text outside tags passes Liquid unchanged,
 * so equal lines are matched in order; what a tag made belongs to the
 * tag's line. */
static guint *
map_body_lines (const char *body,
                const char *rendered,
                guint      *n_lines)
{
  g_auto(GStrv) source = g_strsplit (body, "\n", -1);
  g_auto(GStrv) out = g_strsplit (rendered, "\n", -1);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_source = g_strv_length (source), n = g_strv_length (out);
  guint *map = g_new (guint, n + 1);
  guint i = 0;

  for (guint k = 0; k < n_source; k++)
    g_hash_table_add (known, source[k]);

  for (guint j = 0; j < n; j++)
    {
      if ((i >= n_source || strcmp (source[i], out[j]) != 0) &&
          out[j][strspn (out[j], " \t")] != '\0' && g_hash_table_contains (known, out[j]))
        for (guint k = i + 1; k < n_source && k < i + 1000; k++)
          if (strcmp (source[k], out[j]) == 0)
            {
              i = k;
              break;
            }
      map[j] = MIN (i, n_source > 0 ? n_source - 1 : 0) + 1;
      if (i < n_source && strcmp (source[i], out[j]) == 0)
        i++;
    }
  *n_lines = n;

  return map;
}

/* The comments "<!--aushang-line N-->" of the Markdown renderer count
 * lines of what it rendered: make them count lines of the body. */
static char *
remap_source_lines (char        *html,
                    const guint *map,
                    guint        n_lines)
{
  static const char mark[] = "<!--aushang-line ";
  GString *out = g_string_sized_new (strlen (html) + 64);
  const char *p = html, *hit;

  while ((hit = strstr (p, mark)) != NULL)
    {
      char *end;
      guint64 line;

      hit += strlen (mark);
      g_string_append_len (out, p, hit - p);
      line = g_ascii_strtoull (hit, &end, 10);
      if (end != hit && line >= 1 && line <= n_lines)
        g_string_append_printf (out, "%u", map[line - 1]);
      else
        g_string_append_len (out, hit, end - hit);
      p = end;
    }
  g_string_append (out, p);
  g_free (html);

  return g_string_free (out, FALSE);
}

/* Kept block @index with the blocks kept before it that it holds put
 * back (an HTML block kept whole holds the placeholder of an include or
 * highlight block inside it; earlier blocks only, so this ends). */
static char *
expand_kept (RenderState *state,
             guint        index)
{
  const char *p = g_ptr_array_index (state->kept, index);
  GString *out = g_string_new (NULL);
  const char *hit;

  while ((hit = strstr (p, "{% aushangkept ")) != NULL)
    {
      guint inner;
      int used = 0;

      g_string_append_len (out, p, hit - p);
      if (sscanf (hit, "{%% aushangkept %u %%}%n", &inner, &used) == 1 && used > 0 && inner < index)
        {
          g_autofree char *nested = expand_kept (state, inner);

          g_string_append (out, nested);
          p = hit + used;
        }
      else
        {
          g_string_append_c (out, *hit);
          p = hit + 1;
        }
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* Text that looks like Liquid after Liquid ran (from {% raw %}) is text. */
static char *
literal_tag_cb (const AushangLiquidTag *tag,
                gpointer                user_data)
{
  RenderState *state = user_data;
  guint index;

  if (state != NULL && g_strcmp0 (tag->name, "aushangkept") == 0 && tag->source != NULL &&
      sscanf (tag->source, "{%% aushangkept %u %%}", &index) == 1 && index < state->kept->len)
    return expand_kept (state, index);
  return g_markup_escape_text (tag->source, -1);
}

static char *
markdownify_cb (const char *text,
                gpointer    user_data)
{
  return render_markdown_unmarked (text);
}

static char *
protect_cb (const char *html,
            gpointer    user_data)
{
  RenderState *state = user_data;

  g_ptr_array_add (state->kept, g_strdup (html));
  return g_strdup_printf ("{%% aushangkept %u %%}", state->kept->len - 1);
}

/* kramdown takes an HTML block (a line beginning with <table>, <div>, …)
 * to its closing tag, blank lines included; cmark ends it at the first
 * blank line and reads the rest as Markdown (an indented </tbody> becomes
 * code). Such blocks are kept out of Markdown whole, as placeholders. */
static char *
keep_html_blocks (const char  *markdown,
                  RenderState *state)
{
  static const char * const blocks[] = {
    "table", "div", "figure", "section", "aside", "article", "details", "form",
    "ul", "ol", "dl", "blockquote", "nav", "header", "footer", "center", NULL
  };
  GString *out = NULL;
  const char *p = markdown;
  const char *run = markdown;
  gboolean in_fence = FALSE;

  while (*p != '\0')
    {
      const char *line_end = strchr (p, '\n');
      const char *next = line_end != NULL ? line_end + 1 : p + strlen (p);
      const char *q = p;
      int indent = 0;

      while (*q == ' ' && indent < 4)
        q++, indent++;
      if (g_str_has_prefix (q, "```") || g_str_has_prefix (q, "~~~"))
        in_fence = !in_fence;
      if (!in_fence && indent < 4 && q[0] == '<' && g_ascii_isalpha (q[1]))
        {
          const char *name_start = q + 1;
          const char *name_end = name_start;
          g_autofree char *name = NULL;

          while (g_ascii_isalnum (*name_end))
            name_end++;
          name = g_ascii_strdown (name_start, name_end - name_start);
          if (g_strv_contains (blocks, name) && (*name_end == '>' || g_ascii_isspace (*name_end)))
            {
              g_autofree char *open = g_strdup_printf ("<%s", name);
              g_autofree char *close = g_strdup_printf ("</%s>", name);
              const char *scan = name_end;
              int depth = 1;
              const char *end = NULL;

              /* The matching closing tag, counting nested ones of the name. */
              while (*scan != '\0' && depth > 0)
                {
                  const char *o = strstr (scan, open);
                  const char *c = strstr (scan, close);

                  if (c == NULL)
                    break;
                  if (o != NULL && o < c && !g_ascii_isalnum (o[strlen (open)]))
                    {
                      depth++;
                      scan = o + strlen (open);
                    }
                  else
                    {
                      depth--;
                      scan = c + strlen (close);
                      if (depth == 0)
                        end = scan;
                    }
                }
              if (end != NULL)
                {
                  const char *block_end = strchr (end, '\n');
                  g_autofree char *block = NULL;

                  block_end = block_end != NULL ? block_end + 1 : end + strlen (end);
                  block = g_strndup (p, block_end - p);
                  /* Only where cmark would cut it: at a blank line. */
                  if (g_regex_match_simple ("\\n[ \\t]*\\n", block, 0, 0))
                    {
                      g_autofree char *placeholder = NULL;

                      g_ptr_array_add (state->kept, g_strdup (block));
                      placeholder = g_strdup_printf ("{%% aushangkept %u %%}\n", state->kept->len - 1);
                      /* The lines before it, as they are. */
                      if (out == NULL)
                        out = g_string_sized_new (strlen (markdown) + 64);
                      g_string_append_len (out, run, p - run);
                      if (out->len > 0 && out->str[out->len - 1] != '\n')
                        g_string_append_c (out, '\n');
                      g_string_append (out, "\n");
                      g_string_append (out, placeholder);
                      g_string_append (out, "\n");
                      p = run = block_end;
                      continue;
                    }
                }
            }
        }
      p = next;
    }
  /* A long body without such blocks is copied once. */
  if (out == NULL)
    return g_strdup (markdown);
  g_string_append_len (out, run, p - run);
  return g_string_free (out, FALSE);
}

static gboolean
is_markdown (AushangPageContext *self,
             const char         *path)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, '/');
  g_autofree char *ext = NULL;

  if (dot == NULL || (slash != NULL && dot < slash))
    return FALSE;
  ext = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; self->markdown_exts[i] != NULL; i++)
    {
      g_autofree char *known = g_strstrip (g_ascii_strdown (self->markdown_exts[i], -1));

      if (strcmp (known, ext) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The layout file for a name: "post" is _layouts/post.html or another
 * extension. */
static char *
find_layout (AushangPageContext *self,
             const char         *name)
{
  g_autofree char *dir = g_build_filename (self->folder_path, self->layouts_dir, NULL);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *html = g_strconcat (name, ".html", NULL);
  g_autofree char *html_path = g_build_filename (self->layouts_dir, html, NULL);
  const char *entry;

  if (strstr (name, "..") != NULL)
    return NULL;
  g_autofree char *html_full = g_build_filename (self->folder_path, html_path, NULL);

  if (g_file_test (html_full, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&html_path);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      const char *dot = strrchr (entry, '.');

      if (dot != NULL && (gsize) (dot - entry) == strlen (name) && strncmp (entry, name, dot - entry) == 0)
        return g_build_filename (self->layouts_dir, entry, NULL);
    }
  return NULL;
}

static AushangValue *
make_globals (AushangPageContext *self,
              AushangValue       *page,
              AushangValue       *layout,
              AushangValue       *content,
              AushangValue       *entry)
{
  AushangValue *globals = aushang_value_new_map ();
  AushangValue *jekyll = aushang_value_new_map ();

  aushang_value_map_insert (jekyll, "version", aushang_value_new_string ("4.3.1"));
  aushang_value_map_insert (jekyll, "environment", aushang_value_new_string ("development"));
  aushang_value_map_insert (globals, "site", aushang_value_ref (self->site));
  aushang_value_map_insert (globals, "page", aushang_value_ref (page));
  aushang_value_map_insert (globals, "jekyll", jekyll);
  aushang_value_map_insert (globals, "layout", layout != NULL ? aushang_value_ref (layout) : aushang_value_new_null ());
  aushang_value_map_insert (globals, "paginator", aushang_value_new_null ());
  if (content != NULL)
    aushang_value_map_insert (globals, "content", aushang_value_ref (content));
  if (entry != NULL)
    aushang_value_map_insert (globals, "aushang_entry", aushang_value_ref (entry));
  return globals;
}

static void
env_init (AushangLiquidEnv *env,
          RenderState      *state,
          AushangValue     *globals)
{
  memset (env, 0, sizeof *env);
  env->read_include = read_include_cb;
  env->find_url = find_url_cb;
  env->markdownify = markdownify_cb;
  env->user_data = state;
  env->globals = globals;
  env->time_zone = state->self->time_zone;
  env->now = state->self->now;
}

static const char *
string_of (AushangValue *map,
           const char   *key)
{
  AushangValue *value = map != NULL ? aushang_value_lookup (map, key) : NULL;

  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
    return NULL;
  return aushang_value_get_string (value);
}

/* The page as Jekyll writes it to _site/, or NULL with @error set. */
/* Replaces *@page with a copy whose "content" is @content (a string,
 * taken). */
static void
page_set_content (AushangValue **page,
                  AushangValue  *content)
{
  MapBuilder b;

  map_builder_init (&b);
  map_builder_merge (&b, *page);
  map_builder_set (&b, "content", content);
  aushang_value_unref (*page);
  *page = map_builder_finish (&b);
}

static char *render_site_page (AushangPageContext *self,
                               AushangDocument    *document,
                               const char         *relative_path,
                               AushangValue       *entry,
                               GError            **error);

/* The site's kramdown smart quotes hold for all its Markdown: the body,
 * markdownify, excerpts. */
char *
aushang_page_render_site_page (AushangPageContext *self,
                               AushangDocument    *document,
                               const char         *relative_path,
                               AushangValue       *entry,
                               GError            **error)
{
  g_autofree char *quotes = aushang_page_smart_quotes (self);
  char *html;

  aushang_markdown_set_smart_quotes (quotes);
  html = render_site_page (self, document, relative_path, entry, error);
  aushang_markdown_set_smart_quotes (NULL);
  return html;
}

static char *
render_site_page (AushangPageContext *self,
                  AushangDocument    *document,
                  const char         *relative_path,
                  AushangValue       *entry,
                  GError            **error)
{
  RenderState state = { self, relative_path, NULL };
  AushangFrontMatter *fm = aushang_document_get_front_matter (document);
  AushangValue *known = g_hash_table_lookup (self->documents, relative_path);
  g_autofree char *collection = NULL;
  g_autoptr(AushangValue) page = NULL;
  g_autoptr(AushangValue) layout_data = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *content = NULL;
  g_autofree char *layout_name = NULL;
  g_autoptr(AushangValue) content_value = NULL;
  AushangValue *render_liquid;

  /* Which collection the file belongs to, from the folders in its path. */
  if (known != NULL)
    collection = g_strdup (string_of (known, "collection"));
  else
    {
      g_auto(GStrv) parts = g_strsplit (relative_path, "/", -1);

      for (guint i = 0; parts[i] != NULL && parts[i + 1] != NULL && collection == NULL; i++)
        {
          if (strcmp (parts[i], "_posts") == 0)
            collection = g_strdup ("posts");
          else
            collection = g_strdup (g_hash_table_lookup (self->collections, parts[i]));
        }
    }
  page = document_value (self, relative_path, collection,
                         fm != NULL ? aushang_front_matter_get_data (fm) : NULL,
                         known != NULL ? string_of (known, "url") : "/",
                         known != NULL ? string_of (known, "excerpt") : NULL);

  state.kept = g_ptr_array_new_with_free_func (g_free);
  content = g_strdup (aushang_document_get_body (document));
  /* page.content: the body as written while it renders, its HTML in the
   * layouts (jekyll 4.3.1). */
  page_set_content (&page, aushang_value_new_string (content));
  render_liquid = aushang_value_lookup (page, "render_with_liquid");
  if (render_liquid == NULL || aushang_value_get_kind (render_liquid) != AUSHANG_VALUE_BOOLEAN ||
      aushang_value_get_boolean (render_liquid))
    {
      g_autoptr(AushangValue) globals = make_globals (self, page, NULL, NULL, entry);
      AushangLiquidEnv env;
      char *rendered;

      env_init (&env, &state, globals);
      if (is_markdown (self, relative_path))
        env.protect = protect_cb;
      rendered = aushang_liquid_render (content, relative_path, &env, error);
      if (rendered == NULL)
        {
          g_ptr_array_unref (state.kept);
          return NULL;
        }
      g_free (content);
      content = rendered;
    }
  if (is_markdown (self, relative_path))
    {
      g_autofree char *blocks_kept = keep_html_blocks (content, &state);
      char *html = aushang_markdown_render (blocks_kept, literal_tag_cb, &state);

      /* Where Liquid changed nothing, the lines are the body's already. */
      if (aushang_markdown_get_source_lines () &&
          strcmp (blocks_kept, aushang_document_get_body (document)) != 0)
        {
          guint n_lines;
          g_autofree guint *map = map_body_lines (aushang_document_get_body (document),
                                                  blocks_kept, &n_lines);

          html = remap_source_lines (html, map, n_lines);
        }
      char *rouge = aushang_page_apply_kramdown_code (html);

      g_free (content);
      g_free (html);
      content = rouge;
    }

  /* One copy of a page's content (it can be megabytes) for page.content
   * and the first layout's content. */
  content_value = aushang_value_new_string (content);
  page_set_content (&page, aushang_value_ref (content_value));
  layout_name = g_strdup (string_of (page, "layout"));
  layout_data = aushang_value_new_map ();
  while (layout_name != NULL && *layout_name != '\0' &&
         strcmp (layout_name, "none") != 0 && strcmp (layout_name, "null") != 0)
    {
      g_autofree char *layout_path = find_layout (self, layout_name);
      g_autofree char *source = NULL;
      g_autoptr(AushangDocument) layout = NULL;
      g_autoptr(AushangValue) globals = NULL;
      AushangFrontMatter *layout_fm;
      AushangValue *merged;
      MapBuilder b;
      AushangLiquidEnv env;
      char *rendered;

      if (layout_path == NULL || g_hash_table_contains (seen, layout_path) ||
          g_hash_table_size (seen) >= MAX_LAYOUTS)
        break;
      g_hash_table_add (seen, g_strdup (layout_path));
      source = read_site_file (self, layout_path);
      if (source == NULL)
        break;
      layout = aushang_document_new_from_data (source, strlen (source));
      layout_fm = aushang_document_get_front_matter (layout);

      /* layout is the layout's front matter, the inner layout's keys win. */
      map_builder_init (&b);
      if (layout_fm != NULL)
        map_builder_merge (&b, aushang_front_matter_get_data (layout_fm));
      map_builder_merge (&b, layout_data);
      merged = map_builder_finish (&b);
      aushang_value_unref (layout_data);
      layout_data = merged;

      if (content_value == NULL)
        content_value = aushang_value_new_string (content);
      globals = make_globals (self, page, layout_data, content_value, entry);
      env_init (&env, &state, globals);
      rendered = aushang_liquid_render (aushang_document_get_body (layout), layout_path, &env, error);
      if (rendered == NULL)
        {
          g_ptr_array_unref (state.kept);
          return NULL;
        }
      g_free (content);
      content = rendered;
      g_clear_pointer (&content_value, aushang_value_unref);
      g_free (layout_name);
      layout_name = layout_fm != NULL ? g_strdup (string_of (aushang_front_matter_get_data (layout_fm), "layout")) : NULL;
    }

  g_ptr_array_unref (state.kept);
  return g_steal_pointer (&content);
}

char *
aushang_page_context_render (AushangPageContext          *self,
                             AushangDocument             *document,
                             GFile                       *file,
                             const AushangPreviewOptions *options,
                             GError                     **error)
{
  AushangPreviewOptions no_options = { 0 };
  g_autofree char *relative = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *html = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (document), NULL);

  if (options == NULL)
    options = &no_options;
  relative = file != NULL ? relative_to (self->folder, file) : g_strdup ("untitled.md");
  html = aushang_page_render_site_page (self, document, relative, NULL, &local_error);
  if (html == NULL)
    {
      g_autofree char *plain = aushang_preview_page_render (document, options);
      g_autofree char *card = g_markup_printf_escaped (
        "<div class=\"aushang-card aushang-error\" role=\"alert\"><strong>%s</strong><br>%s</div>",
        _("The page cannot be shown the way the site shows it"), local_error->message);

      g_autofree char *without_tags = NULL;
      g_autofree char *without_outputs = NULL;

      /* The built-in page shows blocks as boxes; their Liquid is named,
       * not shown as raw tags. */
      without_tags = aushang_page_replace_literal ("\\{%-?\\s*(.*?)\\s*-?%\\}", G_REGEX_DOTALL, plain, "\\1");
      without_outputs = aushang_page_replace_literal ("\\{\\{-?\\s*(.*?)\\s*-?\\}\\}", G_REGEX_DOTALL, without_tags, "\\1");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return aushang_page_insert_after (without_outputs, "<body\\b[^>]*>", card);
    }
  return aushang_page_finish (self, html, options);
}
