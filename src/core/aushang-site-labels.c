/* aushang-site-labels.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-safe-file.h"
#include "aushang-site-private.h"
#include "aushang-yaml.h"

/* How the site names its collections and data lists to its readers: the
 * text of its navigation's links (navigation data in _data, menu entries
 * in _config.yml, links in the navigation of _includes and _layouts), or
 * the title of the page at the address. */

#define MAX_TEMPLATE_SIZE (1024 * 1024)
#define MAX_TEMPLATE_FILES 400

/* Addresses ------------------------------------------------------------------ */

/* Replaces each Liquid output in @href by the text literal it holds
 * ({{ "/labs/" | relative_url }} → /labs/), or by nothing
 * ({{ site.baseurl }}). */
static char *
resolve_liquid (const char *href)
{
  GString *out = g_string_new (NULL);
  const char *p = href;

  while (*p != '\0')
    {
      const char *start = strstr (p, "{{");
      const char *end;

      if (start == NULL)
        {
          g_string_append (out, p);
          break;
        }

      g_string_append_len (out, p, start - p);
      end = strstr (start, "}}");
      if (end == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }

      for (const char *q = start + 2; q < end; q++)
        if (*q == '"' || *q == '\'')
          {
            const char *close = memchr (q + 1, *q, end - q - 1);

            if (close != NULL)
              g_string_append_len (out, q + 1, close - q - 1);
            break;
          }

      p = end + 2;
    }

  return g_string_free (out, FALSE);
}

/* An address as this unit compares them: site-absolute, without the
 * fragment, query, "index.html", ".html" and trailing slashes ("/labs",
 * "/" for the home page); NULL for links elsewhere and for anchors. */
static char *
normalise_address (const char *href,
                   const char *site_url)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  gboolean had_fragment;
  char *cut;
  gsize length;

  if (href == NULL || strstr (href, "{%") != NULL)
    return NULL;

  text = resolve_liquid (href);
  if (text == NULL)
    return NULL;
  g_strstrip (text);

  if (site_url != NULL && *site_url != '\0' && g_str_has_prefix (text, site_url))
    path = g_strdup (text + strlen (site_url));
  else if (strstr (text, "://") != NULL || g_str_has_prefix (text, "//") ||
           g_str_has_prefix (text, "mailto:") || g_str_has_prefix (text, "tel:") ||
           g_str_has_prefix (text, "javascript:"))
    return NULL;
  else
    path = g_strdup (text);

  cut = strchr (path, '#');
  had_fragment = cut != NULL;
  if (cut != NULL)
    *cut = '\0';
  cut = strchr (path, '?');
  if (cut != NULL)
    *cut = '\0';

  if (*path == '\0' || strchr (path, ' ') != NULL)
    return NULL;

  if (*path != '/')
    {
      char *absolute = g_strconcat ("/", path, NULL);

      g_free (path);
      path = absolute;
    }

  length = strlen (path);
  if (g_str_has_suffix (path, "/index.html"))
    path[length - strlen ("index.html")] = '\0';
  else if (g_str_has_suffix (path, ".html"))
    path[length - strlen (".html")] = '\0';

  length = strlen (path);
  while (length > 1 && path[length - 1] == '/')
    path[--length] = '\0';

  /* A section of the home page ("/#team") is no address of its own. */
  if (had_fragment && strcmp (path, "/") == 0)
    return NULL;

  return g_steal_pointer (&path);
}

static const char *
site_url (AushangSite *self)
{
  return aushang_site_config_string (self->config, "url");
}

/* The address under which a collection's documents are: the fixed start
 * of its permalink ("/beitraege/:name/" → /beitraege), or NULL. */
static char *
collection_address (AushangSite       *self,
                    AushangCollection *collection)
{
  const char *permalink = collection->permalink;
  g_autoptr(GString) prefix = NULL;
  char *colon;

  if (g_strcmp0 (collection->name, "drafts") == 0 || !collection->output)
    return NULL;

  if (permalink == NULL && g_strcmp0 (collection->name, "posts") == 0)
    permalink = aushang_site_config_string (self->config, "permalink");
  if (permalink == NULL)
    permalink = g_strcmp0 (collection->name, "posts") == 0 ? "date" : "/:collection/:path";
  if (*permalink != '/')
    return NULL;   /* a style: date, pretty, none, ordinal */

  prefix = g_string_new (permalink);
  g_string_replace (prefix, ":collection", collection->name, 0);
  colon = strchr (prefix->str, ':');
  if (colon != NULL)
    g_string_truncate (prefix, colon - prefix->str);
  /* Only whole folders: "/blog/:year" gives /blog, "/blog-:title" none. */
  while (prefix->len > 0 && prefix->str[prefix->len - 1] != '/')
    g_string_truncate (prefix, prefix->len - 1);

  {
    char *address = normalise_address (prefix->str, NULL);

    if (address != NULL && strcmp (address, "/") == 0)
      g_clear_pointer (&address, g_free);

    return address;
  }
}

/* Navigation ----------------------------------------------------------------- */

static void
add_link (GHashTable *links,
          const char *href,
          const char *text,
          const char *url)
{
  g_autofree char *address = normalise_address (href, url);
  g_autofree char *clean = NULL;

  if (address == NULL || text == NULL)
    return;

  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0' || strstr (clean, "{{") != NULL || strstr (clean, "{%") != NULL ||
      g_utf8_strlen (clean, -1) > 60)
    return;

  /* A menu writes "blog" and shows it in capitals with CSS. */
  if (g_unichar_islower (g_utf8_get_char (clean)))
    {
      char buffer[8] = { 0 };
      char *capital;

      buffer[g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (clean)), buffer)] = '\0';
      capital = g_strconcat (buffer, g_utf8_next_char (clean), NULL);
      g_free (clean);
      clean = capital;
    }

  /* The first link the site gives an address names it. */
  if (!g_hash_table_contains (links, address))
    g_hash_table_insert (links, g_steal_pointer (&address), g_steal_pointer (&clean));
}

static const char *
string_at (AushangValue *map,
           const char   *const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      AushangValue *value = aushang_value_lookup (map, keys[i]);

      if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
        return aushang_value_get_string (value);
    }

  return NULL;
}

/* Navigation data: every map with an address (url, link, href, path) and
 * a text (title, name, text, label), at any depth (lists keyed by
 * language, submenus). */
static void
collect_data_links (AushangValue *value,
                    GHashTable   *links,
                    const char   *url,
                    guint         depth)
{
  static const char *const address_keys[] = { "url", "link", "href", "path", "permalink", NULL };
  static const char *const text_keys[] = { "title", "name", "text", "label", "page", NULL };

  if (value == NULL || depth > MAX_DEPTH)
    return;

  if (aushang_value_get_kind (value) == AUSHANG_VALUE_MAP)
    add_link (links, string_at (value, address_keys), string_at (value, text_keys), url);

  if (aushang_value_get_kind (value) == AUSHANG_VALUE_MAP ||
      aushang_value_get_kind (value) == AUSHANG_VALUE_LIST)
    for (guint i = 0; i < aushang_value_get_length (value); i++)
      collect_data_links (aushang_value_get_item (value, i), links, url, depth + 1);
}

static gboolean
names_navigation (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return strstr (lower, "nav") != NULL || strstr (lower, "menu") != NULL ||
         strstr (lower, "menü") != NULL || strstr (lower, "header") != NULL;
}

static void
collect_navigation_data (AushangSite *self,
                         GHashTable  *links)
{
  g_autoptr(GPtrArray) files = aushang_site_list_data_files (self);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, i));
      g_autofree char *base = path ? g_path_get_basename (path) : NULL;
      g_autofree char *contents = NULL;
      g_autoptr(AushangValue) value = NULL;
      gsize length = 0;

      if (path == NULL || !names_navigation (base) ||
          !(g_str_has_suffix (path, ".yml") || g_str_has_suffix (path, ".yaml")) ||
          !aushang_safe_file_read (path, MAX_CONFIG_SIZE, &contents, &length, NULL, NULL) ||
          memchr (contents, '\0', length) != NULL)
        continue;

      value = aushang_yaml_parse_value (contents, NULL);
      collect_data_links (value, links, site_url (self), 0);
    }

  /* Menus in _config.yml (navigation:, header_pages-like menus:, …). */
  if (self->config != NULL && aushang_value_get_kind (self->config) == AUSHANG_VALUE_MAP)
    for (guint i = 0; i < aushang_value_get_length (self->config); i++)
      if (names_navigation (aushang_value_get_key (self->config, i)))
        collect_data_links (aushang_value_get_item (self->config, i), links, site_url (self), 0);
}

/* Removes HTML comments and Liquid comment blocks: a link someone
 * commented out names nothing. */
static void
strip_comments (GString *text)
{
  static const char *const pairs[][2] = {
    { "<!--", "-->" },
    { "{% comment %}", "{% endcomment %}" },
    { "{%- comment -%}", "{%- endcomment -%}" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (pairs); k++)
    {
      char *start;

      while ((start = strstr (text->str, pairs[k][0])) != NULL)
        {
          char *end = strstr (start, pairs[k][1]);
          gsize from = start - text->str;
          gsize to = end ? (gsize) (end - text->str) + strlen (pairs[k][1]) : text->len;

          g_string_erase (text, from, to - from);
        }
    }
}

/* The text of a link: its content without tags, with single spaces. */
static char *
link_text (const char *start,
           const char *end)
{
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;
  gboolean space = FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        {
          if (g_ascii_isspace (*p))
            space = out->len > 0;
          else
            {
              if (space)
                g_string_append_c (out, ' ');
              space = FALSE;
              g_string_append_c (out, *p);
            }
        }
    }

  /* Entities that navigation text uses. */
  g_string_replace (out, "&amp;", "&", 0);
  g_string_replace (out, "&nbsp;", " ", 0);

  return g_string_free (out, FALSE);
}

/* The <a href="…">text</a> links between @from and @to. */
static void
collect_html_links (const char *from,
                    const char *to,
                    GHashTable *links,
                    const char *url)
{
  const char *p = from;

  while (p < to)
    {
      const char *a = g_strstr_len (p, to - p, "<a");
      const char *tag_end, *close, *href;
      g_autofree char *target = NULL;
      g_autofree char *text = NULL;

      if (a == NULL)
        return;
      if (!g_ascii_isspace (a[2]))
        {
          p = a + 2;
          continue;
        }

      /* The tag ends at the first > outside Liquid and quotes. */
      tag_end = a + 2;
      {
        char quote = 0;

        for (; tag_end < to; tag_end++)
          {
            if (quote != 0)
              {
                if (*tag_end == quote)
                  quote = 0;
              }
            else if (*tag_end == '{' && tag_end[1] == '{')
              {
                const char *end = g_strstr_len (tag_end, to - tag_end, "}}");

                if (end == NULL)
                  return;
                tag_end = end + 1;
              }
            else if (*tag_end == '"' || *tag_end == '\'')
              quote = *tag_end;
            else if (*tag_end == '>')
              break;
          }
      }
      if (tag_end >= to)
        return;

      close = g_strstr_len (tag_end, to - tag_end, "</a>");
      if (close == NULL)
        return;

      href = g_strstr_len (a, tag_end - a, "href=");
      if (href != NULL && (href[5] == '"' || href[5] == '\''))
        {
          const char *value = href + 6;
          const char *value_end = value;

          /* Up to the matching quote, Liquid's own quotes skipped. */
          while (value_end < tag_end && *value_end != href[5])
            {
              if (*value_end == '{' && value_end[1] == '{')
                {
                  const char *end = g_strstr_len (value_end, tag_end - value_end, "}}");

                  value_end = end ? end + 2 : tag_end;
                  continue;
                }
              value_end++;
            }
          target = g_strndup (value, value_end - value);
        }

      text = link_text (tag_end + 1, close);
      if (target != NULL)
        add_link (links, target, text, url);

      p = close + 4;
    }
}

static void
collect_template_links (const char *text,
                        gboolean    navigation_file,
                        GHashTable *links,
                        const char *url)
{
  g_autoptr(GString) clean = g_string_new (text);
  const char *p;

  strip_comments (clean);

  if (navigation_file)
    {
      collect_html_links (clean->str, clean->str + clean->len, links, url);
      return;
    }

  /* Elsewhere only the links of <nav> (and of a page's <header>). */
  for (guint k = 0; k < 2; k++)
    {
      const char *open = k == 0 ? "<nav" : "<header";
      const char *end_tag = k == 0 ? "</nav>" : "</header>";

      p = clean->str;
      while ((p = strstr (p, open)) != NULL)
        {
          const char *end = strstr (p, end_tag);

          if (end == NULL)
            end = clean->str + clean->len;
          collect_html_links (p, end, links, url);
          p = end;
        }
    }
}

/* The template files under @folder (GFile*), by path, at most @budget. */
static void
list_templates (GFile     *folder,
                guint      depth,
                GPtrArray *out)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  GFileInfo *info;

  if (depth > 8 || out->len >= MAX_TEMPLATE_FILES)
    return;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;

  files = g_ptr_array_new_with_free_func (g_object_unref);
  folders = g_ptr_array_new_with_free_func (g_object_unref);
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      GFile *child = g_file_get_child (folder, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (folders, child);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        g_ptr_array_add (files, child);
      else
        g_object_unref (child);
      g_object_unref (info);
    }
  g_ptr_array_sort (files, aushang_site_compare_files);
  g_ptr_array_sort (folders, aushang_site_compare_files);

  for (guint i = 0; i < files->len && out->len < MAX_TEMPLATE_FILES; i++)
    g_ptr_array_add (out, g_object_ref (g_ptr_array_index (files, i)));
  for (guint i = 0; i < folders->len; i++)
    list_templates (g_ptr_array_index (folders, i), depth + 1, out);
}

static void
collect_navigation_templates (AushangSite *self,
                              GHashTable  *links)
{
  static const char *const folders[] = { "_includes", "_layouts" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autoptr(GFile) folder = g_file_get_child (self->folder, folders[i]);

      list_templates (folder, 0, files);
    }

  /* The navigation files first (_includes/nav.html, header.liquid): their
   * links name things before a layout's <nav> does. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < files->len; i++)
      {
        GFile *file = g_ptr_array_index (files, i);
        g_autofree char *path = g_file_get_path (file);
        g_autofree char *relative = g_file_get_relative_path (self->folder, file);
        g_autofree char *contents = NULL;
        gboolean navigation;
        gsize length = 0;

        if (path == NULL)
          continue;
        navigation = names_navigation (relative ? relative : path);
        if (navigation != (pass == 0))
          continue;
        if (!aushang_safe_file_read (path, MAX_TEMPLATE_SIZE, &contents, &length, NULL, NULL) ||
            memchr (contents, '\0', length) != NULL || !g_utf8_validate (contents, length, NULL))
          continue;

        collect_template_links (contents, navigation, links, site_url (self));
      }
}

static GHashTable *
ensure_navigation (AushangSite *self)
{
  if (self->navigation == NULL)
    {
      self->navigation = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      collect_navigation_data (self, self->navigation);
      collect_navigation_templates (self, self->navigation);
    }

  return self->navigation;
}

/* Pages --------------------------------------------------------------------- */

static char *
page_title (GFile *file)
{
  g_autoptr(AushangDocument) document = aushang_document_load (file, NULL);
  AushangFrontMatter *front_matter = document ? aushang_document_get_front_matter (document) : NULL;
  AushangValue *value;
  g_autofree char *title = NULL;

  if (front_matter == NULL || aushang_front_matter_get_error (front_matter) != NULL)
    return NULL;

  value = aushang_front_matter_get (front_matter, "title");
  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
    return NULL;

  title = g_strstrip (g_strdup (aushang_value_get_string (value)));
  if (*title == '\0')
    return NULL;

  return g_steal_pointer (&title);
}

/* The name the site gives the page at @address: its navigation's link
 * text, else the title of the page there. */
static char *
name_of_address (AushangSite *self,
                 const char  *address,
                 GFile       *page)
{
  const char *text = g_hash_table_lookup (ensure_navigation (self), address);
  g_autoptr(GFile) found = NULL;

  if (text != NULL)
    return g_strdup (text);

  if (page == NULL)
    page = found = aushang_site_find_page (self, address);

  return page ? page_title (page) : NULL;
}

/* API ----------------------------------------------------------------------- */

static char *
readable_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '_' || c == '-' || c == '.')
        c = ' ';
      if (out->len == 0)
        c = g_unichar_toupper (c);
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
aushang_site_dup_collection_label (AushangSite       *self,
                                   AushangCollection *collection)
{
  g_autofree char *address = NULL;
  char *name = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  address = collection_address (self, collection);
  if (address != NULL)
    name = name_of_address (self, address, NULL);
  if (name != NULL)
    return name;

  /* A title: in the collection's settings (netz39's events). */
  {
    AushangValue *declared = self->config ? aushang_value_lookup (self->config, "collections") : NULL;
    AushangValue *settings = declared && aushang_value_get_kind (declared) == AUSHANG_VALUE_MAP
                             ? aushang_value_lookup (declared, collection->name) : NULL;
    const char *title = settings && aushang_value_get_kind (settings) == AUSHANG_VALUE_MAP
                        ? aushang_site_config_string (settings, "title") : NULL;

    if (title != NULL && *title != '\0')
      return g_strdup (title);
  }

  /* Translators: the heading of Jekyll's _posts in the document list;
   * sites often name another collection "Beiträge", so German uses
   * "Blogartikel" to keep them apart. */
  if (g_strcmp0 (collection->name, "posts") == 0)
    return g_strdup (_("Posts"));
  if (g_strcmp0 (collection->name, "drafts") == 0)
    return g_strdup (_("Drafts"));

  return readable_name (collection->name);
}

/* Whether @text uses site.data.@name (site.data.events, site.data["events"]). */
static gboolean
uses_data (const char *text,
           const char *name)
{
  g_autofree char *dotted = g_strconcat ("site.data.", name, NULL);
  g_autofree char *double_quoted = g_strconcat ("site.data[\"", name, "\"]", NULL);
  g_autofree char *single_quoted = g_strconcat ("site.data['", name, "']", NULL);
  gsize length = strlen (dotted);

  for (const char *p = strstr (text, dotted); p != NULL; p = strstr (p + 1, dotted))
    if (!g_ascii_isalnum (p[length]) && p[length] != '_' && p[length] != '-')
      return TRUE;

  return strstr (text, double_quoted) != NULL || strstr (text, single_quoted) != NULL;
}

static char *
find_data_label (AushangSite *self,
                 const char  *name)
{
  GPtrArray *pages;

  /* The page that lists it: the first (by path) that uses it, the home
   * page aside (it shows a bit of everything). */
  pages = aushang_site_get_pages (self);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      GFile *page = g_ptr_array_index (pages, i);
      g_autofree char *path = g_file_get_path (page);
      g_autofree char *url = aushang_site_dup_url (self, page);
      g_autofree char *address = url ? normalise_address (url, NULL) : NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (path == NULL || address == NULL || strcmp (address, "/") == 0 ||
          !aushang_safe_file_read (path, MAX_TEMPLATE_SIZE, &contents, &length, NULL, NULL) ||
          memchr (contents, '\0', length) != NULL || !uses_data (contents, name))
        continue;

      return name_of_address (self, address, page);
    }

  return NULL;
}

char *
aushang_site_dup_data_label (AushangSite *self,
                             const char  *name)
{
  const char *label;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (*name == '\0')
    return NULL;

  if (self->data_labels == NULL)
    self->data_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  label = g_hash_table_lookup (self->data_labels, name);
  if (label == NULL)
    {
      char *found = find_data_label (self, name);

      label = found ? found : g_strdup ("");
      g_hash_table_insert (self->data_labels, g_strdup (name), (char *) label);
    }

  return *label != '\0' ? g_strdup (label) : NULL;
}
