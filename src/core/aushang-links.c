/* aushang-links.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-links"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-document.h"
#include "aushang-html-text.h"
#include "aushang-links.h"
#include "aushang-markdown.h"
#include "aushang-safe-file.h"
#include "aushang-site-private.h"

#define MAX_PAGE_SIZE (4 * 1024 * 1024)
/* How many of each collection's newest documents show the link style. */
#define STYLE_SAMPLE 300

/* What the site object keeps for links until its index is reloaded. */
struct _AushangLinksCache
{
  GPtrArray  *targets;        /* AushangLinkTarget* */
  int         style;          /* AushangLinkStyle, or -1 before counting */
  gboolean    post_url;       /* posts are linked with {% post_url %} */
  gboolean    path_baseurl;   /* PATH links start with the baseurl */
  GHashTable *pages;          /* file path -> PageInfo* */
  GHashTable *template_ids;   /* ids the layouts and includes write */
  GHashTable *extra_paths;    /* normalised addresses plugins make */
};

typedef struct
{
  guint64     mtime;
  char       *title;
  GHashTable *ids;            /* NULL: cannot be judged (ids made by Liquid) */
  GPtrArray  *sections;       /* AushangLinkSection* */
} PageInfo;

void
aushang_link_free (AushangLink *link)
{
  if (link == NULL)
    return;

  g_free (link->target);
  g_free (link);
}

void
aushang_link_target_free (AushangLinkTarget *target)
{
  if (target == NULL)
    return;

  g_clear_object (&target->file);
  g_free (target->title);
  g_free (target->url);
  g_free (target->detail);
  g_clear_pointer (&target->date, g_date_time_unref);
  g_free (target);
}

void
aushang_link_section_free (AushangLinkSection *section)
{
  if (section == NULL)
    return;

  g_free (section->id);
  g_free (section->title);
  g_free (section);
}

static void
page_info_free (PageInfo *info)
{
  g_free (info->title);
  g_clear_pointer (&info->ids, g_hash_table_unref);
  g_clear_pointer (&info->sections, g_ptr_array_unref);
  g_free (info);
}

void
aushang_site_clear_links (AushangSite *self)
{
  AushangLinksCache *cache = self->links;

  if (cache == NULL)
    return;

  g_clear_pointer (&cache->targets, g_ptr_array_unref);
  g_clear_pointer (&cache->pages, g_hash_table_unref);
  g_clear_pointer (&cache->template_ids, g_hash_table_unref);
  g_clear_pointer (&cache->extra_paths, g_hash_table_unref);
  g_clear_pointer (&self->links, g_free);
}

static AushangLinksCache *
get_cache (AushangSite *site)
{
  if (site->links == NULL)
    {
      site->links = g_new0 (AushangLinksCache, 1);
      site->links->style = -1;
      site->links->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) page_info_free);
    }

  return site->links;
}

/* ------------------------------------------------------------------------ */
/* Finding links                                                              */

/* Blanks out (keeping line breaks and length) what holds no links: code
 * blocks and spans, HTML comments, {% raw %} and {% comment %}. */
static void
blank (char  *text,
       gsize  start,
       gsize  end)
{
  for (gsize i = start; i < end && text[i] != '\0'; i++)
    if (text[i] != '\n')
      text[i] = ' ';
}

static void
blank_between (char       *text,
               const char *open_pattern,
               const char *close_pattern)
{
  g_autoptr(GRegex) open = g_regex_new (open_pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) close = g_regex_new (close_pattern, G_REGEX_CASELESS, 0, NULL);
  int from = 0;

  for (;;)
    {
      g_autoptr(GMatchInfo) info = NULL;
      g_autoptr(GMatchInfo) end_info = NULL;
      int start, end, close_end;

      if (!g_regex_match_full (open, text, -1, from, 0, &info, NULL))
        return;
      g_match_info_fetch_pos (info, 0, &start, &end);
      if (!g_regex_match_full (close, text, -1, end, 0, &end_info, NULL))
        close_end = strlen (text);
      else
        g_match_info_fetch_pos (end_info, 0, NULL, &close_end);
      blank (text, start, close_end);
      from = close_end;
    }
}

static char *
mask_code (const char *body)
{
  char *text = g_strdup (body);
  gboolean in_fence = FALSE;
  char fence_char = 0;
  gsize fence_len = 0;
  char *line = text;

  /* Fenced code blocks. */
  while (line != NULL && *line != '\0')
    {
      char *end = strchr (line, '\n');
      char *p = line;
      gsize len = 0;

      while (*p == ' ' && p - line < 4)
        p++;
      if ((*p == '`' || *p == '~') && p - line < 4)
        while (p[len] == *p)
          len++;

      if (!in_fence && len >= 3)
        {
          in_fence = TRUE;
          fence_char = *p;
          fence_len = len;
          blank (text, line - text, end ? (gsize) (end - text) : strlen (text));
        }
      else if (in_fence)
        {
          if (len >= fence_len && *p == fence_char)
            in_fence = FALSE;
          blank (text, line - text, end ? (gsize) (end - text) : strlen (text));
        }
      line = end ? end + 1 : NULL;
    }

  blank_between (text, "<!--", "-->");
  blank_between (text, "\\{%-?\\s*raw\\s*-?%\\}", "\\{%-?\\s*endraw\\s*-?%\\}");
  blank_between (text, "\\{%-?\\s*comment\\s*-?%\\}", "\\{%-?\\s*endcomment\\s*-?%\\}");
  blank_between (text, "\\{%-?\\s*highlight\\b", "\\{%-?\\s*endhighlight\\s*-?%\\}");

  /* Code spans: a run of backticks up to the next run as long, within
   * the paragraph. */
  for (char *p = text; *p != '\0'; )
    {
      gsize run = 0;
      char *q;

      if (*p != '`')
        {
          p++;
          continue;
        }
      while (p[run] == '`')
        run++;
      for (q = p + run; *q != '\0'; q++)
        {
          gsize other = 0;

          if (q[0] == '\n' && q[1] == '\n')
            {
              q = NULL;
              break;
            }
          if (*q != '`')
            continue;
          while (q[other] == '`')
            other++;
          if (other == run)
            break;
          q += other - 1;
        }
      if (q == NULL || *q == '\0')
        {
          p += run;
          continue;
        }
      blank (text, p - text, q + run - text);
      p = q + run;
    }

  return text;
}

/* A link target: Liquid (with its spaces), <…>, or text without blanks
 * (balanced parentheses allowed). */
#define TARGET "(?:\\{\\{[^}]*\\}\\}|\\{%.*?%\\}|[^\\s()<>]|\\([^\\s()]*\\))+"

static void
add_link (GPtrArray  *links,
          const char *target,
          gsize       offset)
{
  AushangLink *link = g_new0 (AushangLink, 1);
  g_autofree char *trimmed = g_strstrip (g_strdup (target));

  if (trimmed[0] == '<' && trimmed[strlen (trimmed) - 1] == '>')
    link->target = g_strndup (trimmed + 1, strlen (trimmed) - 2);
  else
    link->target = g_steal_pointer (&trimmed);
  link->offset = offset;
  g_ptr_array_add (links, link);
}

static void
add_range (GArray *covered,
           int     start,
           int     end)
{
  gsize bounds[2] = { start, end };

  g_array_append_vals (covered, bounds, 2);
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const AushangLink *la = *(AushangLink **) a;
  const AushangLink *lb = *(AushangLink **) b;

  return la->offset < lb->offset ? -1 : la->offset > lb->offset;
}

GPtrArray *
aushang_links_find (const char *body)
{
  static GRegex *inline_regex, *reference_regex, *href_regex, *tag_regex;
  static gsize initialized;
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_link_free);
  g_autoptr(GArray) covered = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *text = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  const char *line_start;
  guint line = 1;
  gsize done = 0;

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    return links;

  /* G_REGEX_RAW: the body is checked to be UTF-8 above and the patterns
   * need no more than bytes; in UTF-8 mode GLib 2.74 checks the whole
   * body again for every match, which made a 1 MB post with 9,000 links
   * take 6 s. */
  if (g_once_init_enter (&initialized))
    {
      /* 1: "!" of an image; 2: the target. */
      inline_regex = g_regex_new ("(!?)\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*(<[^>\\n]*>|" TARGET ")"
                                  "(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^)]*\\)))?\\s*\\)",
                                  G_REGEX_RAW, 0, NULL);
      reference_regex = g_regex_new ("^ {0,3}\\[[^^\\]\\n][^\\]\\n]*\\]:[ \\t]*(<[^>\\n]*>|" TARGET ")",
                                     G_REGEX_MULTILINE | G_REGEX_RAW, 0, NULL);
      href_regex = g_regex_new ("<a\\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\\shref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
                                G_REGEX_CASELESS | G_REGEX_RAW, 0, NULL);
      tag_regex = g_regex_new ("\\{%-?\\s*(?:link|post_url)\\s.*?%\\}(?:#[^\\s)\"'<>]*)?", G_REGEX_RAW, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  text = mask_code (body);

  /* Markdown links; images are left to the image checks. */
  g_regex_match (inline_regex, text, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *bang = g_match_info_fetch (info, 1);
      g_autofree char *target = g_match_info_fetch (info, 2);
      int start, target_start, target_end;

      g_match_info_fetch_pos (info, 0, &start, NULL);
      g_match_info_fetch_pos (info, 2, &target_start, &target_end);
      if (*bang == '\0')
        add_link (links, target, start);
      add_range (covered, target_start, target_end);
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (reference_regex, text, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *target = g_match_info_fetch (info, 1);
      int start, target_start, target_end;

      g_match_info_fetch_pos (info, 0, &start, NULL);
      g_match_info_fetch_pos (info, 1, &target_start, &target_end);
      add_link (links, target, start + strspn (text + start, " "));
      add_range (covered, target_start, target_end);
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (href_regex, text, 0, &info);
  while (g_match_info_matches (info))
    {
      int start, target_start, target_end;
      int group = 1;
      g_autofree char *target = g_match_info_fetch (info, 1);

      if (target == NULL || *target == '\0')
        {
          g_free (target);
          target = g_match_info_fetch (info, 2);
          group = 2;
        }
      g_match_info_fetch_pos (info, 0, &start, NULL);
      g_match_info_fetch_pos (info, group, &target_start, &target_end);
      add_link (links, target ? target : "", start);
      add_range (covered, target_start, target_end);
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  /* {% link %} and {% post_url %} outside the links found above (in a
   * src=, a data list, plain text). */
  g_regex_match (tag_regex, text, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *target = g_match_info_fetch (info, 0);
      gboolean inside = FALSE;
      int start;

      g_match_info_fetch_pos (info, 0, &start, NULL);
      for (guint i = 0; i + 1 < covered->len && !inside; i += 2)
        inside = (gsize) start >= g_array_index (covered, gsize, i) &&
                 (gsize) start < g_array_index (covered, gsize, i + 1);
      if (!inside)
        add_link (links, target, start);
      g_match_info_next (info, NULL);
    }

  g_ptr_array_sort (links, compare_links);

  /* Lines and columns, in one pass. */
  line_start = body;
  for (guint i = 0; i < links->len; i++)
    {
      AushangLink *link = g_ptr_array_index (links, i);

      for (; done < link->offset; done++)
        if (body[done] == '\n')
          {
            line++;
            line_start = body + done + 1;
          }
      link->line = line;
      link->column = (guint) g_utf8_strlen (line_start, body + link->offset - line_start) + 1;
    }

  return links;
}

/* ------------------------------------------------------------------------ */
/* The documents and pages a link can lead to                                 */

static char *
read_text (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (path == NULL || !aushang_safe_file_read (path, MAX_PAGE_SIZE, &contents, &length, NULL, NULL))
    return NULL;
  if (!g_utf8_validate (contents, length, NULL))
    return g_utf8_make_valid (contents, length);

  return g_steal_pointer (&contents);
}

static AushangSiteDocument *
find_site_document (AushangSite *site,
                    GFile       *file)
{
  aushang_site_ensure_index (site);
  for (guint i = 0; i < site->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (site->all_documents, i);

      if (g_file_equal (document->file, file))
        return document;
    }

  return NULL;
}

static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  const AushangLinkTarget *ta = *(AushangLinkTarget **) a;
  const AushangLinkTarget *tb = *(AushangLinkTarget **) b;

  /* Dated first, newest first; then by where they are. */
  if ((ta->date != NULL) != (tb->date != NULL))
    return ta->date != NULL ? -1 : 1;
  if (ta->date != NULL && g_date_time_compare (ta->date, tb->date) != 0)
    return -g_date_time_compare (ta->date, tb->date);

  return g_strcmp0 (ta->detail, tb->detail);
}

GPtrArray *
aushang_site_get_link_targets (AushangSite *site)
{
  AushangLinksCache *cache;
  GPtrArray *pages;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);

  cache = get_cache (site);
  if (cache->targets != NULL)
    return cache->targets;

  cache->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_link_target_free);
  aushang_site_ensure_index (site);

  for (guint i = 0; i < site->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (site->all_documents, i);
      g_autofree char *url = NULL;
      AushangLinkTarget *target;

      if (document->draft)
        continue;
      url = aushang_site_dup_url (site, document->file);
      if (url == NULL)
        continue;

      target = g_new0 (AushangLinkTarget, 1);
      target->file = g_object_ref (document->file);
      target->title = aushang_html_text_decode (document->title);
      target->url = g_steal_pointer (&url);
      target->detail = g_strdup (document->relative_path);
      target->date = document->date ? g_date_time_ref (document->date) : NULL;
      g_ptr_array_add (cache->targets, target);
    }

  pages = aushang_site_get_pages (site);
  for (guint i = 0; i < pages->len; i++)
    {
      GFile *file = g_ptr_array_index (pages, i);
      g_autofree char *url = aushang_site_dup_url (site, file);
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      g_autoptr(AushangDocument) document = NULL;
      AushangLinkTarget *target;

      if (url == NULL || (text = read_text (file)) == NULL)
        continue;
      document = aushang_document_new_from_data (text, strlen (text));
      title = aushang_site_dup_document_title (site, file,
                                               aushang_front_matter_get_data (aushang_document_get_front_matter (document)));

      target = g_new0 (AushangLinkTarget, 1);
      target->file = g_object_ref (file);
      target->title = aushang_html_text_decode (title ? title : "");
      target->url = g_steal_pointer (&url);
      target->detail = g_file_get_relative_path (site->folder, file);
      g_ptr_array_add (cache->targets, target);
    }

  g_ptr_array_sort (cache->targets, compare_targets);

  return cache->targets;
}

gboolean
aushang_link_target_matches (AushangLinkTarget *target,
                             const char        *search)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (target != NULL, FALSE);

  text = g_strconcat (target->title, " ", target->detail, " ", target->url, NULL);
  return aushang_text_matches_search (text, search);
}

/* ------------------------------------------------------------------------ */
/* How the site writes its links                                              */

static const char *
baseurl_of (AushangSite *site)
{
  const char *baseurl = aushang_site_config_string (site->config, "baseurl");

  if (baseurl == NULL || baseurl[0] != '/' || baseurl[1] == '\0')
    return NULL;

  return baseurl;
}

/* Whether a site path leads to a page rather than a file (no extension,
 * or .html, or a folder). */
static gboolean
is_page_path (const char *path)
{
  g_autofree char *clean = g_strndup (path, strcspn (path, "?#"));
  const char *base = strrchr (clean, '/');
  const char *dot;

  base = base ? base + 1 : clean;
  dot = strrchr (base, '.');

  return dot == NULL || g_str_has_prefix (dot, ".html") || g_str_has_prefix (dot, ".md");
}

static void
count_style (AushangLinksCache *cache,
             AushangSite       *site)
{
  guint counts[AUSHANG_LINK_STYLE_LINK_TAG + 1] = { 0, };
  guint post_url = 0, link_to_posts = 0, with_baseurl = 0;
  const char *baseurl = baseurl_of (site);
  GPtrArray *collections = aushang_site_get_collections (site);
  int best = AUSHANG_LINK_STYLE_PATH;

  for (guint c = 0; c < collections->len; c++)
    {
      GPtrArray *documents = aushang_site_get_documents (site, g_ptr_array_index (collections, c));

      for (guint i = 0; documents != NULL && i < documents->len && i < STYLE_SAMPLE; i++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, i);
          g_autofree char *text = read_text (document->file);
          g_autoptr(AushangDocument) parsed = NULL;
          g_autoptr(GPtrArray) links = NULL;

          if (text == NULL || (strstr (text, "](") == NULL && strstr (text, "href") == NULL &&
              strstr (text, "{%") == NULL && strstr (text, "]:") == NULL))
            continue;
          parsed = aushang_document_new_from_data (text, strlen (text));
          links = aushang_links_find (aushang_document_get_body (parsed));

          for (guint k = 0; k < links->len; k++)
            {
              const char *target = ((AushangLink *) g_ptr_array_index (links, k))->target;

              if (g_regex_match_simple ("^\\{%-?\\s*post_url\\s", target, 0, 0))
                {
                  post_url++;
                  counts[AUSHANG_LINK_STYLE_LINK_TAG]++;
                }
              else if (g_regex_match_simple ("^(\\{\\{-?\\s*site\\.baseurl\\s*-?\\}\\})?\\{%-?\\s*link\\s", target, 0, 0))
                {
                  counts[AUSHANG_LINK_STYLE_LINK_TAG]++;
                  if (strstr (target, "_posts/") != NULL)
                    link_to_posts++;
                }
              else if (g_regex_match_simple ("^\\{\\{-?\\s*['\"][^'\"]*['\"]\\s*\\|\\s*relative_url", target, 0, 0))
                counts[AUSHANG_LINK_STYLE_RELATIVE_URL]++;
              else if (g_regex_match_simple ("^\\{\\{-?\\s*site\\.baseurl\\s*-?\\}\\}/", target, 0, 0))
                {
                  if (is_page_path (strstr (target, "}}") + 2))
                    counts[AUSHANG_LINK_STYLE_BASEURL]++;
                }
              else if (target[0] == '/' && target[1] != '/' && is_page_path (target))
                {
                  counts[AUSHANG_LINK_STYLE_PATH]++;
                  if (baseurl != NULL && g_str_has_prefix (target, baseurl) &&
                      (target[strlen (baseurl)] == '/' || target[strlen (baseurl)] == '\0'))
                    with_baseurl++;
                }
            }
        }
    }

  for (int s = 0; s <= AUSHANG_LINK_STYLE_LINK_TAG; s++)
    if (counts[s] > counts[best])
      best = s;

  cache->style = best;
  cache->post_url = post_url > 0 && post_url >= link_to_posts;
  cache->path_baseurl = with_baseurl * 2 > counts[AUSHANG_LINK_STYLE_PATH];
}

AushangLinkStyle
aushang_site_get_link_style (AushangSite *site)
{
  AushangLinksCache *cache;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), AUSHANG_LINK_STYLE_PATH);

  cache = get_cache (site);
  if (cache->style < 0)
    count_style (cache, site);

  return cache->style;
}

char *
aushang_site_dup_link (AushangSite *site,
                       GFile       *file,
                       const char  *anchor)
{
  AushangLinkStyle style;
  AushangLinksCache *cache;
  g_autofree char *url = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *fragment = NULL;
  AushangSiteDocument *document;
  const char *baseurl;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  url = aushang_site_dup_url (site, file);
  if (url == NULL)
    return NULL;

  style = aushang_site_get_link_style (site);
  cache = get_cache (site);
  fragment = anchor && *anchor ? g_strconcat ("#", anchor, NULL) : g_strdup ("");
  baseurl = baseurl_of (site);

  switch (style)
    {
    case AUSHANG_LINK_STYLE_LINK_TAG:
      document = find_site_document (site, file);
      if (cache->post_url && document != NULL && document->collection != NULL &&
          strcmp (document->collection->name, "posts") == 0)
        {
          g_autofree char *base = g_file_get_basename (file);
          char *dot = strrchr (base, '.');

          if (dot != NULL)
            *dot = '\0';
          return g_strdup_printf ("{%% post_url %s %%}%s", base, fragment);
        }
      relative = g_file_get_relative_path (site->folder, file);
      if (relative != NULL)
        return g_strdup_printf ("{%% link %s %%}%s", relative, fragment);
      break;

    case AUSHANG_LINK_STYLE_BASEURL:
      return g_strconcat ("{{ site.baseurl }}", url, fragment, NULL);

    case AUSHANG_LINK_STYLE_RELATIVE_URL:
      return g_strdup_printf ("{{ '%s' | relative_url }}%s", url, fragment);

    case AUSHANG_LINK_STYLE_PATH:
    default:
      break;
    }

  if (cache->path_baseurl && baseurl != NULL)
    return g_strconcat (baseurl, url, fragment, NULL);

  return g_strconcat (url, fragment, NULL);
}

/* ------------------------------------------------------------------------ */
/* Sections and anchors                                                       */

static gboolean
is_markdown_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".md") == 0 || g_ascii_strcasecmp (dot, ".markdown") == 0 ||
                         g_ascii_strcasecmp (dot, ".mkd") == 0 || g_ascii_strcasecmp (dot, ".mkdn") == 0 ||
                         g_ascii_strcasecmp (dot, ".mdown") == 0);
}

/* The ids (and names) the HTML @html gives its elements, into @ids.
 * Returns FALSE when some are made by Liquid (then any may be there). */
static gboolean
collect_ids (const char *html,
             GHashTable *ids)
{
  static GRegex *id_regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) info = NULL;
  gboolean all_known = TRUE;

  if (g_once_init_enter (&initialized))
    {
      id_regex = g_regex_new ("<[a-zA-Z][^>]*?\\s(?:id|name)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))",
                              G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  g_regex_match (id_regex, html, 0, &info);
  while (g_match_info_matches (info))
    {
      for (int group = 1; group <= 3; group++)
        {
          g_autofree char *id = g_match_info_fetch (info, group);

          if (id == NULL || *id == '\0')
            continue;
          if (strstr (id, "{{") != NULL || strstr (id, "{%") != NULL || strstr (id, "data-tag") != NULL)
            all_known = FALSE;
          else
            {
              g_autofree char *decoded = aushang_html_text_unescape (id);

              g_hash_table_add (ids, g_steal_pointer (&decoded));
            }
          break;
        }
      g_match_info_next (info, NULL);
    }

  return all_known;
}

static void
collect_sections (const char *html,
                  GPtrArray  *sections)
{
  static GRegex *heading_regex, *tag_regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) info = NULL;

  if (g_once_init_enter (&initialized))
    {
      heading_regex = g_regex_new ("<h([1-6])\\b([^>]*)>(.*?)</h\\1>", G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
      tag_regex = g_regex_new ("<[^>]*>", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  g_regex_match (heading_regex, html, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *level = g_match_info_fetch (info, 1);
      g_autofree char *attributes = g_match_info_fetch (info, 2);
      g_autofree char *inner = g_match_info_fetch (info, 3);
      g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *tag = g_strconcat ("<h ", attributes, ">", NULL);

      collect_ids (tag, ids);
      if (g_hash_table_size (ids) == 1)
        {
          AushangLinkSection *section = g_new0 (AushangLinkSection, 1);
          g_autofree char *plain = g_regex_replace_literal (tag_regex, inner, -1, 0, "", 0, NULL);
          GList *keys = g_hash_table_get_keys (ids);

          section->id = g_strdup (keys->data);
          section->title = aushang_html_text_decode (g_strstrip (plain));
          section->level = atoi (level);
          g_ptr_array_add (sections, section);
          g_list_free (keys);
        }
      g_match_info_next (info, NULL);
    }
}

/* The ids and sections of a body (Markdown or HTML). */
static void
read_body (const char  *body,
           gboolean     markdown,
           GHashTable **ids,
           GPtrArray  **sections)
{
  g_autofree char *html = markdown ? aushang_markdown_render (body, NULL, NULL) : g_strdup (body);

  *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!collect_ids (html, *ids))
    g_clear_pointer (ids, g_hash_table_unref);
  if (sections != NULL)
    {
      *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_link_section_free);
      collect_sections (html, *sections);
    }
}

/* When and how big: what tells a changed file. */
static guint64
file_stamp (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return 0;

  return (g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC)) ^
         ((guint64) g_file_info_get_size (info) << 40);
}

static PageInfo *
get_page_info (AushangSite *site,
               GFile       *file)
{
  AushangLinksCache *cache = get_cache (site);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;
  g_autoptr(AushangDocument) document = NULL;
  PageInfo *info;
  guint64 mtime = 0;

  if (path == NULL)
    return NULL;

  /* Read again only when the file changed (a page saved meanwhile). */
  info = g_hash_table_lookup (cache->pages, path);
  mtime = file_stamp (file);
  if (info != NULL && info->mtime == mtime)
    return info;
  text = read_text (file);
  if (text == NULL)
    return NULL;

  info = g_new0 (PageInfo, 1);
  info->mtime = mtime;
  document = aushang_document_new_from_data (text, strlen (text));
  if (aushang_document_get_has_front_matter (document))
    {
      AushangFrontMatter *fm = aushang_document_get_front_matter (document);

      info->title = aushang_site_dup_document_title (site, file, aushang_front_matter_get_data (fm));
      read_body (aushang_document_get_body (document), is_markdown_name (name), &info->ids, &info->sections);
    }
  else
    read_body (text, FALSE, &info->ids, &info->sections);

  g_hash_table_insert (cache->pages, g_steal_pointer (&path), info);

  return info;
}

GPtrArray *
aushang_site_dup_sections (AushangSite *site,
                           GFile       *file)
{
  PageInfo *info;
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_link_section_free);

  g_return_val_if_fail (AUSHANG_IS_SITE (site), copy);
  g_return_val_if_fail (G_IS_FILE (file), copy);

  info = get_page_info (site, file);
  for (guint i = 0; info != NULL && info->sections != NULL && i < info->sections->len; i++)
    {
      AushangLinkSection *section = g_ptr_array_index (info->sections, i);
      AushangLinkSection *own = g_new0 (AushangLinkSection, 1);

      own->id = g_strdup (section->id);
      own->title = g_strdup (section->title);
      own->level = section->level;
      g_ptr_array_add (copy, own);
    }

  return copy;
}

GPtrArray *
aushang_links_dup_body_sections (const char *body)
{
  g_autoptr(GHashTable) ids = NULL;
  GPtrArray *sections = NULL;

  read_body (body != NULL ? body : "", TRUE, &ids, &sections);

  return sections;
}

static void
collect_template_ids (GFile      *folder,
                      GHashTable *ids,
                      guint       depth)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  if (depth > 4)
    return;
  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        collect_template_ids (child, ids, depth + 1);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *text = read_text (child);

          if (text != NULL)
            collect_ids (text, ids);
        }
    }
}

/* Ids every page may have: those the layouts and includes write. */
static GHashTable *
get_template_ids (AushangSite *site)
{
  AushangLinksCache *cache = get_cache (site);
  const char *folders[] = { "_layouts", "_includes" };

  if (cache->template_ids != NULL)
    return cache->template_ids;

  cache->template_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      const char *configured = aushang_site_config_string (site->config, i == 0 ? "layouts_dir" : "includes_dir");
      g_autoptr(GFile) folder = g_file_resolve_relative_path (site->folder, configured ? configured : folders[i]);

      collect_template_ids (folder, cache->template_ids, 0);
    }

  return cache->template_ids;
}

static gboolean
has_anchor (AushangSite *site,
            GHashTable  *ids,
            const char  *anchor)
{
  g_autofree char *decoded = g_uri_unescape_string (anchor, NULL);
  const char *id = decoded ? decoded : anchor;

  /* "#top" and "#" lead to the top of any page (HTML). */
  if (ids == NULL || *id == '\0' || g_ascii_strcasecmp (id, "top") == 0)
    return TRUE;

  return g_hash_table_contains (ids, id) || g_hash_table_contains (get_template_ids (site), id);
}

/* ------------------------------------------------------------------------ */
/* Checking                                                                   */

static void
add_extra_path (GHashTable *paths,
                const char *path)
{
  GString *normal = g_string_new (path[0] == '/' ? path : "");

  if (path[0] != '/')
    g_string_append_printf (normal, "/%s", path);
  if (g_str_has_suffix (normal->str, "/index.html"))
    g_string_truncate (normal, normal->len - strlen ("index.html"));
  else if (g_str_has_suffix (normal->str, ".html"))
    g_string_truncate (normal, normal->len - strlen (".html"));
  while (normal->len > 1 && normal->str[normal->len - 1] == '/')
    g_string_truncate (normal, normal->len - 1);
  g_hash_table_add (paths, g_string_free (normal, FALSE));
}

/* Addresses that plugins make: jekyll-feed, jekyll-sitemap, the pages
 * jekyll-redirect-from writes for redirect_from:. */
static GHashTable *
get_extra_paths (AushangSite *site)
{
  AushangLinksCache *cache = get_cache (site);
  AushangValue *plugins[2];

  if (cache->extra_paths != NULL)
    return cache->extra_paths;

  cache->extra_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plugins[0] = site->config ? aushang_value_lookup (site->config, "plugins") : NULL;
  plugins[1] = site->config ? aushang_value_lookup (site->config, "gems") : NULL;
  for (guint p = 0; p < G_N_ELEMENTS (plugins); p++)
    {
      g_auto(GStrv) names = plugins[p] ? aushang_value_dup_strv (plugins[p]) : NULL;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        if (strcmp (names[i], "jekyll-feed") == 0)
          {
            AushangValue *feed = aushang_value_lookup (site->config, "feed");
            AushangValue *feed_path = feed && aushang_value_get_kind (feed) == AUSHANG_VALUE_MAP
                                      ? aushang_value_lookup (feed, "path") : NULL;

            add_extra_path (cache->extra_paths,
                            feed_path && aushang_value_get_kind (feed_path) == AUSHANG_VALUE_STRING
                            ? aushang_value_get_string (feed_path) : "/feed.xml");
          }
        else if (strcmp (names[i], "jekyll-sitemap") == 0)
          {
            add_extra_path (cache->extra_paths, "/sitemap.xml");
            add_extra_path (cache->extra_paths, "/robots.txt");
          }
    }

  aushang_site_ensure_index (site);
  for (guint i = 0; i < site->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (site->all_documents, i);
      AushangValue *from = aushang_value_lookup (document->data, "redirect_from");
      g_auto(GStrv) paths = NULL;

      if (from == NULL)
        continue;
      paths = aushang_value_get_kind (from) == AUSHANG_VALUE_STRING
              ? g_strsplit (aushang_value_get_string (from), "\n", 2) : aushang_value_dup_strv (from);
      for (guint k = 0; paths != NULL && paths[k] != NULL; k++)
        if (*paths[k] != '\0')
          add_extra_path (cache->extra_paths, paths[k]);
    }

  return cache->extra_paths;
}

static gboolean
is_extra_path (AushangSite *site,
               const char  *path)
{
  g_autoptr(GString) normal = g_string_new (NULL);
  g_autofree char *unescaped = g_uri_unescape_string (path, NULL);
  const char *paginate = aushang_site_config_string (site->config, "paginate_path");
  const char *dot;

  g_string_append (normal, unescaped ? unescaped : path);
  if (g_str_has_suffix (normal->str, "/index.html"))
    g_string_truncate (normal, normal->len - strlen ("index.html"));
  else if (g_str_has_suffix (normal->str, ".html"))
    g_string_truncate (normal, normal->len - strlen (".html"));
  while (normal->len > 1 && normal->str[normal->len - 1] == '/')
    g_string_truncate (normal, normal->len - 1);
  if (g_hash_table_contains (get_extra_paths (site), normal->str))
    return TRUE;

  /* A stylesheet Jekyll makes from Sass. */
  dot = strrchr (normal->str, '.');
  if (dot != NULL && strcmp (dot, ".css") == 0)
    {
      g_autofree char *stem = g_strndup (normal->str + 1, dot - normal->str - 1);
      const char *sass[] = { ".scss", ".sass" };

      for (guint i = 0; i < G_N_ELEMENTS (sass); i++)
        {
          g_autofree char *source = g_strconcat (stem, sass[i], NULL);
          g_autoptr(GFile) file = g_file_resolve_relative_path (site->folder, source);

          if (g_file_query_exists (file, NULL))
            return TRUE;
        }
    }

  /* jekyll-paginate's pages: /page2/, /blog/page3/. */
  if (paginate != NULL && strstr (paginate, ":num") != NULL)
    {
      g_autofree char *escaped = g_regex_escape_string (paginate, -1);
      g_autoptr(GString) pattern = g_string_new ("^");

      {
        g_auto(GStrv) parts = g_strsplit (escaped, ":num", -1);
        g_autofree char *joined = g_strjoinv ("[0-9]+", parts);

        g_string_append (pattern, joined[0] == '/' ? "" : "/");
        g_string_append (pattern, joined);
      }
      while (pattern->len > 1 && pattern->str[pattern->len - 1] == '/')
        g_string_truncate (pattern, pattern->len - 1);
      g_string_append (pattern, "/?$");
      if (g_regex_match_simple (pattern->str, normal->str, 0, 0))
        return TRUE;
    }

  return FALSE;
}

/* Splits @target into a path of the site (from its root, without
 * baseurl) and a fragment. FALSE when it is no link of this site: another
 * site's address, mail, or Liquid other than baseurl and relative_url. A
 * relative path is resolved against @from_url (the linking page's
 * address); "" is the page itself. */
static gboolean
site_path (AushangSite  *site,
           const char   *target,
           const char   *from_url,
           char        **path,
           char        **fragment)
{
  static GRegex *filter_regex, *scheme_regex;
  static gsize initialized;
  g_autofree char *own = g_strstrip (g_strdup (target));
  g_autofree char *resolved = NULL;
  const char *baseurl = baseurl_of (site);
  const char *p = own;
  const char *hash;

  if (g_once_init_enter (&initialized))
    {
      filter_regex = g_regex_new ("^\\{\\{-?\\s*(['\"])([^'\"]*)\\1\\s*\\|\\s*(relative|absolute)_url\\s*-?\\}\\}(.*)$",
                                  G_REGEX_DOTALL, 0, NULL);
      scheme_regex = g_regex_new ("^[a-zA-Z][a-zA-Z0-9+.-]*:", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (g_str_has_prefix (p, "{{"))
    {
      g_autoptr(GMatchInfo) info = NULL;

      if (g_regex_match (filter_regex, p, 0, &info))
        {
          g_autofree char *inner = g_match_info_fetch (info, 2);
          g_autofree char *rest = g_match_info_fetch (info, 4);
          char *joined = g_strconcat (inner[0] == '/' ? "" : "/", inner, rest, NULL);

          g_free (own);
          own = joined;
          p = own;
        }
      else
        {
          gboolean matched = FALSE;

          /* {{ site.url }}{{ site.baseurl }}/x, {{ site.baseurl }}/x */
          if (g_regex_match_simple ("^\\{\\{-?\\s*site\\.url\\s*-?\\}\\}", p, 0, 0))
            p = strstr (p, "}}") + 2;
          if (g_regex_match_simple ("^\\{\\{-?\\s*site\\.baseurl\\s*-?\\}\\}", p, 0, 0))
            {
              p = strstr (p, "}}") + 2;
              matched = TRUE;
            }
          if (!matched || (*p != '/' && *p != '#' && *p != '\0'))
            return FALSE;
          if (*p == '\0')
            p = "/";
        }
    }
  else if (baseurl != NULL && g_str_has_prefix (p, baseurl) &&
           (p[strlen (baseurl)] == '/' || p[strlen (baseurl)] == '#' || p[strlen (baseurl)] == '\0'))
    {
      p += strlen (baseurl);
      if (*p == '\0' || *p == '#')
        {
          char *rooted = g_strconcat ("/", p, NULL);

          g_free (resolved);
          resolved = rooted;
          p = resolved;
        }
    }

  if (*p == '\0' || strstr (p, "{{") != NULL || strstr (p, "{%") != NULL || p[0] == '?' ||
      g_regex_match (scheme_regex, p, 0, NULL) || g_str_has_prefix (p, "//"))
    return FALSE;

  hash = strchr (p, '#');
  *fragment = hash ? g_strdup (hash + 1) : NULL;

  if (p[0] == '#')
    {
      *path = g_strdup ("");
      return TRUE;
    }

  if (p[0] != '/')
    {
      g_autofree char *base = NULL;
      g_autofree char *joined = NULL;
      g_autoptr(GUri) uri = NULL;

      if (from_url == NULL)
        return FALSE;
      base = g_strconcat ("http://site.invalid", from_url[0] == '/' ? "" : "/", from_url, NULL);
      joined = g_uri_resolve_relative (base, p, G_URI_FLAGS_ENCODED, NULL);
      if (joined == NULL || (uri = g_uri_parse (joined, G_URI_FLAGS_ENCODED, NULL)) == NULL ||
          g_strcmp0 (g_uri_get_host (uri), "site.invalid") != 0)
        return FALSE;
      *path = g_strdup (g_uri_get_path (uri));
      return TRUE;
    }

  *path = g_strndup (p, strcspn (p, "?#"));

  return TRUE;
}

/* The file a {% link path %} or {% post_url name %} tag names, or NULL
 * when there is none; *@ours is FALSE for tags made of other Liquid. */
static GFile *
resolve_tag (AushangSite *site,
             const char  *target,
             gboolean    *is_post,
             char       **argument,
             char       **fragment,
             gboolean    *ours,
             gboolean    *with_baseurl)
{
  static GRegex *tag_regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *rest = NULL;
  AushangCollection *posts;

  if (g_once_init_enter (&initialized))
    {
      tag_regex = g_regex_new ("^(?:\\{\\{-?\\s*site\\.baseurl\\s*-?\\}\\})?\\{%-?\\s*(link|post_url)\\s+(.*?)\\s*-?%\\}(.*)$",
                               G_REGEX_DOTALL, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  *ours = FALSE;
  if (!g_regex_match (tag_regex, target, 0, &info))
    return NULL;
  *with_baseurl = !g_str_has_prefix (target, "{%");

  kind = g_match_info_fetch (info, 1);
  name = g_match_info_fetch (info, 2);
  rest = g_match_info_fetch (info, 3);
  if (strstr (name, "{{") != NULL || strchr (name, ' ') != NULL || *name == '\0' ||
      (*rest != '\0' && *rest != '#'))
    return NULL;

  *ours = TRUE;
  *is_post = strcmp (kind, "post_url") == 0;
  *fragment = *rest == '#' ? g_strdup (rest + 1) : NULL;
  *argument = g_strdup (name);

  if (!*is_post)
    {
      GFile *file = g_file_resolve_relative_path (site->folder, name[0] == '/' ? name + 1 : name);

      if (g_file_query_exists (file, NULL))
        return file;
      g_object_unref (file);
      return NULL;
    }

  /* post_url: the post's file name without extension, perhaps after the
   * folders it is in (2019/neu). */
  posts = aushang_site_get_collection (site, "posts");
  if (posts != NULL)
    {
      GPtrArray *documents = aushang_site_get_documents (site, posts);
      const char *slash = strrchr (name, '/');
      const char *base = slash ? slash + 1 : name;

      for (guint i = 0; documents != NULL && i < documents->len; i++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, i);
          g_autofree char *file_name = g_file_get_basename (document->file);
          char *dot = strrchr (file_name, '.');

          if (dot != NULL)
            *dot = '\0';
          if (strcmp (file_name, base) == 0)
            return g_object_ref (document->file);
        }
    }

  return NULL;
}

/* The last part of an address, without .html: "neu" of /blog/2026/neu/. */
static char *
last_part (const char *path)
{
  g_autofree char *unescaped = g_uri_unescape_string (path, NULL);
  g_autoptr(GString) part = g_string_new (unescaped ? unescaped : path);
  const char *slash;

  while (part->len > 0 && part->str[part->len - 1] == '/')
    g_string_truncate (part, part->len - 1);
  if (g_str_has_suffix (part->str, "/index.html"))
    g_string_truncate (part, part->len - strlen ("/index.html"));
  else if (g_str_has_suffix (part->str, ".html"))
    g_string_truncate (part, part->len - strlen (".html"));
  slash = strrchr (part->str, '/');

  return g_strdup (slash ? slash + 1 : part->str);
}

/* The one page whose address ends as @path's does (the same name under
 * another date or folder), or NULL. */
static AushangLinkTarget *
find_similar (AushangSite *site,
              const char  *path)
{
  g_autofree char *wanted = last_part (path);
  GPtrArray *targets;
  AushangLinkTarget *found = NULL;

  if (strlen (wanted) < 3)
    return NULL;

  targets = aushang_site_get_link_targets (site);
  for (guint i = 0; i < targets->len; i++)
    {
      AushangLinkTarget *target = g_ptr_array_index (targets, i);
      g_autofree char *part = last_part (target->url);

      if (strcmp (part, wanted) != 0)
        continue;
      if (found != NULL)
        return NULL;  /* more than one: no guess */
      found = target;
    }

  return found;
}

static char *
shown_title (AushangSite *site,
             PageInfo    *info,
             const char  *fallback)
{
  if (info != NULL && info->title != NULL && *info->title != '\0')
    return aushang_html_text_decode (info->title);

  return g_strdup (fallback);
}

AushangLinkResult
aushang_site_check_link (AushangSite  *site,
                         const char   *target,
                         GFile        *file,
                         const char   *body,
                         char        **message)
{
  g_autofree char *path = NULL;
  g_autofree char *fragment = NULL;
  g_autofree char *from_url = NULL;
  g_autofree char *argument = NULL;
  g_autoptr(GFile) page = NULL;
  gboolean is_post = FALSE, ours = FALSE, with_baseurl = FALSE, domain;
  AushangLinkTarget *similar;
  PageInfo *info;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), AUSHANG_LINK_OK);
  g_return_val_if_fail (target != NULL, AUSHANG_LINK_OK);

  if (message != NULL)
    *message = NULL;

  if (strstr (target, "{%") != NULL)
    {
      page = resolve_tag (site, target, &is_post, &argument, &fragment, &ours, &with_baseurl);
      if (!ours)
        return AUSHANG_LINK_OK;
      /* jekyll 4.3.1: {% link %} and {% post_url %} give the address with
       * the baseurl ("/verein/beitraege/x/"), so a baseurl before them
       * makes "/verein/verein/beitraege/x/". */
      if (page != NULL && with_baseurl && baseurl_of (site) != NULL)
        {
          if (message != NULL)
            /* Translators: %s is the site's base address, like /verein; keep {{ site.baseurl }}, {%% link %%} and {%% post_url %%} as they are. */
            *message = g_strdup_printf (_("The link has the site’s base address twice (“%s%s/…”): {%% link %%} and {%% post_url %%} add it already. Remove “{{ site.baseurl }}” before the tag."),
                                        baseurl_of (site), baseurl_of (site));
          return AUSHANG_LINK_NO_PAGE;
        }
      if (page == NULL)
        {
          if (message != NULL && is_post)
            /* Translators: %s is a post's name like 2026-04-17-neuer-lasercutter; keep {%% post_url %%} as it is. */
            *message = g_strdup_printf (_("There is no post “%s” for {%% post_url %%}, and Jekyll stops building the whole site. Check the name (the post’s file name without .md)."),
                                        argument);
          else if (message != NULL)
            /* Translators: %s is a file path like _beitraege/repair-cafe.md; keep {%% link %%} as it is. */
            *message = g_strdup_printf (_("There is no file “%s” for {%% link %%}, and Jekyll stops building the whole site. Check the path (from the site’s folder, with .md)."),
                                        argument);
          return AUSHANG_LINK_NO_DOCUMENT;
        }
    }
  else
    {
      if (file != NULL)
        from_url = aushang_site_dup_url (site, file);
      if (!site_path (site, target, from_url, &path, &fragment))
        return AUSHANG_LINK_OK;

      if (*path == '\0')
        {
          g_autoptr(GHashTable) ids = NULL;
          gboolean markdown = TRUE;

          /* A section of this page. */
          if (fragment == NULL || body == NULL)
            return AUSHANG_LINK_OK;
          if (file != NULL)
            {
              g_autofree char *name = g_file_get_basename (file);

              markdown = is_markdown_name (name);
            }
          read_body (body, markdown, &ids, NULL);
          if (has_anchor (site, ids, fragment))
            return AUSHANG_LINK_OK;
          if (message != NULL)
            /* Translators: %s is a part of an address, like anmeldung (shown as “#anmeldung”). */
            *message = g_strdup_printf (_("There is no section “#%s” on this page. Check the link, or the heading it should lead to."),
                                        fragment);
          return AUSHANG_LINK_NO_SECTION;
        }

      /* A Markdown file beside this one (jekyll-relative-links makes
       * those work on GitHub Pages). */
      if (file != NULL && target[0] != '/' && g_regex_match_simple ("\\.(md|markdown)(#|$)", target, 0, 0))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *relative = g_strndup (target, strcspn (target, "#?"));
          g_autofree char *unescaped = g_uri_unescape_string (relative, NULL);
          g_autoptr(GFile) beside = g_file_resolve_relative_path (parent, unescaped ? unescaped : relative);

          if (g_file_query_exists (beside, NULL))
            return AUSHANG_LINK_OK;
        }

      domain = target[0] != '/' && target[0] != '.' && target[0] != '{' &&
               g_regex_match_simple ("^(www\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|org|net|de|eu|io|info|at|ch|uk|fr|nl|it|edu|gov|me|dev|app)(/|$)",
                                     target, G_REGEX_CASELESS, 0);

      /* Without a readable _config.yml the addresses are not known (and
       * Jekyll builds nothing): the config's error is what to fix. */
      if (!domain && aushang_site_get_config_error (site, NULL, NULL) != NULL)
        return AUSHANG_LINK_OK;

      if (domain || (!aushang_site_has_path (site, path) && !is_extra_path (site, path)))
        {
          if (message != NULL && domain)
            /* Translators: %s is a link as written, like example.org/kontakt. */
            *message = g_strdup_printf (_("The link “%s” lacks “https://” at its start: as it is, it leads to a page of this site that does not exist."),
                                        target);
          else if (message != NULL && strchr (target, '@') != NULL && strchr (target, '/') == NULL)
            /* Translators: %s is a link as written, like info@example.org; keep mailto: as it is. */
            *message = g_strdup_printf (_("The link “%s” is an e-mail address without “mailto:” before it: as it is, it leads to a page of this site that does not exist. Write mailto:%s."),
                                        target, target);
          else if (message != NULL && (similar = find_similar (site, path)) != NULL)
            /* Translators: the first %s is a link as written, the second a page's title, the third its address. */
            *message = g_strdup_printf (_("The link “%s” leads to no page of the site. Did you mean “%s” at “%s”?"),
                                        target, similar->title, similar->url);
          else if (message != NULL)
            /* Translators: %s is a link as written, like /beitraege/repair-cafe/. */
            *message = g_strdup_printf (_("The link “%s” leads to no page of the site. Check the address, or whether the page still exists."),
                                        target);
          return AUSHANG_LINK_NO_PAGE;
        }

      /* /x/ where Jekyll writes x.html, or x.html where it writes x/:
       * compared leniently above, but a web server answers "not found". */
      page = aushang_site_find_page (site, path);
      if (page != NULL)
        {
          g_autofree char *url = aushang_site_dup_url (site, page);
          gboolean link_folder = g_str_has_suffix (path, "/") && strcmp (path, "/") != 0;
          gboolean link_html = g_str_has_suffix (path, ".html") && !g_str_has_suffix (path, "/index.html");
          gboolean url_html = url != NULL && g_str_has_suffix (url, ".html") && !g_str_has_suffix (url, "/index.html");
          gboolean url_folder = url != NULL && g_str_has_suffix (url, "/");

          if ((link_folder && url_html) || (link_html && url_folder))
            {
              if (message != NULL)
                /* Translators: the first %s is a link as written, the second the page's address, like /impressum.html. */
                *message = g_strdup_printf (_("The link “%s” leads to no page of the site: the page it means is at “%s”."),
                                            target, url);
              return AUSHANG_LINK_NO_PAGE;
            }
        }

      if (fragment == NULL || *fragment == '\0')
        return AUSHANG_LINK_OK;
      if (page == NULL)
        {
          /* A static HTML file. */
          g_autofree char *unescaped = g_uri_unescape_string (path + 1, NULL);
          g_autoptr(GFile) static_file = g_file_resolve_relative_path (site->folder, unescaped ? unescaped : path + 1);
          g_autofree char *name = g_file_get_basename (static_file);

          if (!g_str_has_suffix (name, ".html") && !g_str_has_suffix (name, ".htm"))
            return AUSHANG_LINK_OK;
          page = g_steal_pointer (&static_file);
        }
    }

  if (fragment == NULL || *fragment == '\0')
    return AUSHANG_LINK_OK;

  /* The section of another page (or of this one, named by its address). */
  if (file != NULL && body != NULL && g_file_equal (page, file))
    {
      g_autoptr(GHashTable) ids = NULL;

      read_body (body, TRUE, &ids, NULL);
      if (has_anchor (site, ids, fragment))
        return AUSHANG_LINK_OK;
      if (message != NULL)
        *message = g_strdup_printf (_("There is no section “#%s” on this page. Check the link, or the heading it should lead to."),
                                    fragment);
      return AUSHANG_LINK_NO_SECTION;
    }

  info = get_page_info (site, page);
  if (info == NULL || has_anchor (site, info->ids, fragment))
    return AUSHANG_LINK_OK;

  if (message != NULL)
    {
      g_autofree char *title = shown_title (site, info, path ? path : argument);

      /* Translators: the first %s is a page's title, the second a part of an address like anmeldung (shown as “#anmeldung”). */
      *message = g_strdup_printf (_("The page “%s” has no section “#%s”. Check the link, or the heading it should lead to."),
                                  title, fragment);
    }

  return AUSHANG_LINK_NO_SECTION;
}
