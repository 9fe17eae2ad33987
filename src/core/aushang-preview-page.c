/* aushang-preview-page.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-preview-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-html-text.h"
#include "aushang-markdown.h"
#include "aushang-preview-page.h"

/* Scripts never run in the preview: there is no script-src at all. */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; img-src aushang-site: data: https: http:; " \
  "style-src 'unsafe-inline' aushang-site:; font-src aushang-site: data:; " \
  "media-src aushang-site: https:; frame-src https:"

/* Without a stylesheet of the site's own, the page follows the desktop's
 * light or dark style; with one, it looks like the site: light. */
static const char dark_stylesheet[] =
  ":root { color-scheme: light dark; }\n"
  "@media (prefers-color-scheme: dark) {\n"
  "  :root {\n"
  "    --fg: #eeeeec; --muted: #a0a0aa; --bg: #1e1e22; --accent: #78aeed;\n"
  "    --pill-bg: #35353c; --code-bg: #2a2a30; --rule: #45454d;\n"
  "  }\n"
  "}\n";

static const char stylesheet[] =
  ":root {\n"
  "  --fg: #1f1f24; --muted: #6b6b76; --bg: #ffffff; --accent: #1c71d8;\n"
  "  --pill-bg: #ebebef; --code-bg: #f4f4f6; --rule: #deddda;\n"
  "}\n"
  "html { background: var(--bg); color: var(--fg); }\n"
  "body {\n"
  "  margin: 0 auto; padding: 0 1.25em 4em; max-width: 42em;\n"
  "  font-family: system-ui, -apple-system, 'Cantarell', 'Segoe UI', sans-serif;\n"
  "  font-size: 1.05rem; line-height: 1.6; overflow-wrap: break-word;\n"
  "}\n"
  "a { color: var(--accent); }\n"
  "img, video, iframe { max-width: 100%; height: auto; }\n"
  "#aushang-header { margin-bottom: 2em; }\n"
  ".aushang-header-image {\n"
  "  display: block; width: 100%; max-height: 22em; object-fit: cover;\n"
  "  margin: 0 0 1.5em; border-radius: 0 0 8px 8px;\n"
  "}\n"
  "#aushang-title { font-size: 2.1em; line-height: 1.2; margin: 1em 0 0.3em; }\n"
  "#aushang-header img + #aushang-title { margin-top: 0; }\n"
  "#aushang-title.aushang-untitled { color: var(--muted); font-style: italic; font-weight: normal; }\n"
  "#aushang-teaser { font-size: 1.2em; color: var(--muted); margin: 0 0 0.8em; }\n"
  "#aushang-meta { font-size: 0.88em; color: var(--muted); margin: 0; }\n"
  ".aushang-meta-item + .aushang-meta-item::before { content: '·'; margin: 0 0.5em; }\n"
  ".aushang-pill {\n"
  "  display: inline-block; padding: 0.05em 0.7em; margin: 0.2em 0.3em 0 0;\n"
  "  border-radius: 1em; background: var(--pill-bg); color: var(--fg); font-size: 0.92em;\n"
  "}\n"
  "[hidden] { display: none !important; }\n"
  "h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }\n"
  "pre, code { font-family: ui-monospace, 'Source Code Pro', monospace; font-size: 0.92em; }\n"
  "code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }\n"
  "pre { background: var(--code-bg); padding: 0.8em 1em; border-radius: 6px; overflow-x: auto; }\n"
  "pre code { background: none; padding: 0; }\n"
  "figure.highlight { margin: 1em 0; }\n"
  "blockquote { margin: 1em 0; padding: 0 1em; border-left: 4px solid var(--rule); color: var(--muted); }\n"
  "table { border-collapse: collapse; margin: 1em 0; }\n"
  "th, td { border: 1px solid var(--rule); padding: 0.3em 0.7em; }\n"
  "hr { border: none; border-top: 1px solid var(--rule); margin: 2em 0; }\n"
  "li > input[type=checkbox] { margin-right: 0.4em; }\n"
  ".aushang-block, .aushang-inline {\n"
  "  font-family: ui-monospace, 'Source Code Pro', monospace; font-size: 0.85em;\n"
  "  color: var(--muted); background: var(--code-bg); border: 1px dashed var(--rule);\n"
  "  border-radius: 6px; white-space: pre-wrap;\n"
  "}\n"
  ".aushang-block { display: block; margin: 1em 0; padding: 0.8em 1em; }\n"
  ".aushang-inline { padding: 0 0.3em; }\n";

static const char * const months_de[] = {
  "Januar", "Februar", "März", "April", "Mai", "Juni",
  "Juli", "August", "September", "Oktober", "November", "Dezember",
};

static const char * const months_en[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static gboolean
is_german (const AushangPreviewOptions *options)
{
  const char *language = options != NULL ? options->language : NULL;

  return language != NULL &&
         g_ascii_strncasecmp (language, "de", 2) == 0 &&
         (language[2] == '\0' || language[2] == '-' || language[2] == '_');
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = NULL;
  const char *p, *run;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* Runs without those five characters go in at once. */
  for (p = run = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

/* ------------------------------------------------------------------------ */
/* Front matter                                                               */

static AushangValue *
lookup (AushangDocument *document,
        const char      *key)
{
  AushangFrontMatter *front_matter;

  if (document == NULL)
    return NULL;
  front_matter = aushang_document_get_front_matter (document);
  if (front_matter == NULL)
    return NULL;

  return aushang_front_matter_get (front_matter, key);
}

/* A scalar as text, or NULL when absent, empty or not a scalar. */
static char *
dup_scalar_text (AushangValue *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return NULL;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      return NULL;
    case AUSHANG_VALUE_STRING:
      text = g_strdup (aushang_value_get_string (value));
      break;
    default:
      text = aushang_value_to_display (value);
      break;
    }

  if (text == NULL || g_strstrip (text)[0] == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static char *
dup_first_text (AushangDocument    *document,
                const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      char *text = dup_scalar_text (lookup (document, keys[i]));

      if (text != NULL)
        return text;
    }

  return NULL;
}

/* header_image, or image (a path, or jekyll-seo-tag's map with a path). */
static char *
dup_header_image (AushangDocument *document)
{
  static const char * const keys[] = { "header_image", "image", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    {
      AushangValue *value = lookup (document, keys[i]);
      char *text;

      if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_MAP)
        value = aushang_value_lookup (value, "path");

      text = dup_scalar_text (value);
      if (text != NULL)
        return text;
    }

  return NULL;
}

/* The items of a list, or of a scalar (split at blanks when @split). */
static GStrv
dup_items (AushangValue *value,
           gboolean      split)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  if (value == NULL)
    return NULL;

  items = aushang_value_dup_strv (value);
  if (items == NULL)
    return NULL;

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (split && aushang_value_get_kind (value) != AUSHANG_VALUE_LIST)
        {
          /* Jekyll splits "categories: a b" at blanks. */
          g_auto(GStrv) words = g_strsplit_set (items[i], " \t\n", -1);

          for (guint j = 0; words[j] != NULL; j++)
            if (words[j][0] != '\0')
              g_strv_builder_add (builder, words[j]);
        }
      else if (g_strstrip (items[i])[0] != '\0')
        g_strv_builder_add (builder, items[i]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_digits (const char *s,
              guint       count,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (s[i] - '0');
    }
  *out = value;
  return TRUE;
}

static void
append_date (GString                     *out,
             const AushangPreviewOptions *options,
             int                          year,
             int                          month,
             int                          day,
             int                          hour,
             int                          minute)
{
  if (month < 1 || month > 12)
    return;

  if (is_german (options))
    g_string_append_printf (out, "%d. %s %d", day, months_de[month - 1], year);
  else
    g_string_append_printf (out, "%s %d, %d", months_en[month - 1], day, year);

  if (hour >= 0)
    g_string_append_printf (out, ", %02d:%02d", hour, minute);
}

/* The date in the page's language: "4. November 2025" or "November 4,
 * 2025", with the time when the value has one. */
static char *
format_date (AushangValue                *value,
             const AushangPreviewOptions *options)
{
  GString *out = g_string_new (NULL);

  if (value == NULL)
    return g_string_free (out, FALSE);

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_DATE:
      {
        int year, month, day;

        aushang_value_get_date (value, &year, &month, &day);
        append_date (out, options, year, month, day, -1, 0);
      }
      break;

    case AUSHANG_VALUE_DATETIME:
      {
        g_autoptr(GDateTime) date_time = aushang_value_dup_date_time (value);

        if (date_time != NULL)
          append_date (out, options,
                       g_date_time_get_year (date_time),
                       g_date_time_get_month (date_time),
                       g_date_time_get_day_of_month (date_time),
                       g_date_time_get_hour (date_time),
                       g_date_time_get_minute (date_time));
      }
      break;

    case AUSHANG_VALUE_STRING:
      {
        /* A quoted date Jekyll still reads: "2025-11-04" or "2025-11-04 16:30". */
        const char *s = aushang_value_get_string (value);
        int year, month, day, hour = -1, minute = 0;

        if (s != NULL && strlen (s) >= 10 &&
            parse_digits (s, 4, &year) && s[4] == '-' &&
            parse_digits (s + 5, 2, &month) && s[7] == '-' &&
            parse_digits (s + 8, 2, &day))
          {
            if ((s[10] == ' ' || s[10] == 'T') &&
                parse_digits (s + 11, 2, &hour) && s[13] == ':' &&
                parse_digits (s + 14, 2, &minute))
              ;
            else
              hour = -1;
            append_date (out, options, year, month, day, hour, minute);
          }
        else if (s != NULL)
          g_string_append (out, s);
      }
      break;

    default:
      break;
    }

  return g_string_free (out, FALSE);
}

/* "A", "A und B", "A, B und C" (English: "and"). */
static char *
join_names (const char * const          *names,
            const AushangPreviewOptions *options)
{
  GString *out = g_string_new (NULL);
  guint n = names != NULL ? g_strv_length ((GStrv) names) : 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 < n ? ", " : is_german (options) ? " und " : " and ");
      g_string_append (out, names[i]);
    }

  return g_string_free (out, FALSE);
}

/* Text someone may have written with entities (a title with "&shy;"):
 * shown as the browser shows the published page, not as "&amp;shy;". */
static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *plain = aushang_html_text_unescape (text);

  append_escaped (out, plain);
}

/* ------------------------------------------------------------------------ */
/* Site paths                                                                 */

/* "/assets/x.png" -> "aushang-site:///assets/x.png". */
static void
append_site_path (GString                     *out,
                  const AushangPreviewOptions *options,
                  const char                  *path,
                  gsize                        len)
{
  const char *prefix = options != NULL ? options->site_uri_prefix : NULL;

  if (prefix != NULL && len > 0 && path[0] == '/' && (len == 1 || path[1] != '/'))
    {
      gsize prefix_len = strlen (prefix);

      g_string_append_len (out, prefix, prefix_len);
      if (prefix_len > 0 && prefix[prefix_len - 1] == '/')
        path++, len--;
    }
  g_string_append_len (out, path, len);
}

static gboolean
has_scheme (const char *path)
{
  const char *p = path;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;

  return *p == ':';
}

/* The header image as the page needs it: Liquid's site.baseurl removed,
 * a path without scheme taken as relative to the site (relative_url). */
static char *
dup_image_uri (const char                  *image,
               const AushangPreviewOptions *options)
{
  g_autoptr(GString) path = g_string_new (image);
  GString *out = g_string_new (NULL);
  const char *start;

  g_string_replace (path, "{{ site.baseurl }}", "", 0);
  g_string_replace (path, "{{site.baseurl}}", "", 0);
  start = path->str;
  while (g_ascii_isspace (*start))
    start++;

  if (*start != '/' && !has_scheme (start))
    {
      g_autofree char *absolute = g_strconcat ("/", start, NULL);

      append_site_path (out, options, absolute, strlen (absolute));
    }
  else
    append_site_path (out, options, start, strlen (start));

  return g_string_free (out, FALSE);
}

/* Gives site-absolute src and href attributes of @html the prefix. */
static char *
rewrite_site_paths (const char                  *html,
                    const AushangPreviewOptions *options)
{
  static const char * const attributes[] = { "src", "href", "poster", NULL };
  GString *out = g_string_sized_new (strlen (html) + 256);
  const char *run = html;
  const char *p = html;

  while ((p = strchr (p, '=')) != NULL)
    {
      const char *value = p + 1;
      const char *end;
      gboolean matched = FALSE;
      char quote;

      if (*value != '"' && *value != '\'')
        {
          p++;
          continue;
        }
      quote = *value++;

      for (guint i = 0; attributes[i] != NULL && !matched; i++)
        {
          gsize n = strlen (attributes[i]);

          matched = (gsize) (p - html) > n &&
                    g_ascii_strncasecmp (p - n, attributes[i], n) == 0 &&
                    g_ascii_isspace (p[-(gssize) n - 1]);
        }

      if (!matched || value[0] != '/' || value[1] == '/' ||
          (end = strchr (value, quote)) == NULL)
        {
          p++;
          continue;
        }

      g_string_append_len (out, run, value - run);
      append_site_path (out, options, value, end - value);
      run = p = end;
    }
  g_string_append (out, run);

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Liquid in the body                                                         */

typedef struct
{
  AushangDocument             *document;
  const AushangPreviewOptions *options;
} TagContext;

/* The expression of {{ expr }} without the braces, whitespace control and
 * blanks. */
static char *
dup_output_expression (const char *source)
{
  gsize len = strlen (source);
  g_autofree char *inner = NULL;

  if (len < 4)
    return g_strdup ("");
  inner = g_strndup (source + 2, len - 4 + (source[len - 2] == '}' ? 0 : 1));
  if (inner[0] == '-')
    inner[0] = ' ';
  g_strstrip (inner);
  if (inner[0] != '\0' && inner[strlen (inner) - 1] == '-')
    inner[strlen (inner) - 1] = '\0';

  return g_strdup (g_strstrip (inner));
}

static gboolean
is_quoted_literal (const char *text,
                   gsize       len)
{
  return len >= 2 && (text[0] == '"' || text[0] == '\'') && text[len - 1] == text[0] &&
         memchr (text + 1, text[0], len - 2) == NULL;
}

/* What the preview can tell without a site: the site's own URL parts are
 * empty (paths stay site-absolute and are rewritten later), page fields come
 * from the front matter, relative_url of a literal is the literal. */
static char *
render_tag_cb (const AushangLiquidTag *tag,
               gpointer                user_data)
{
  TagContext *context = user_data;
  g_autofree char *expression = NULL;
  g_auto(GStrv) parts = NULL;
  const char *subject;
  gsize len;

  if (!tag->is_output || tag->source == NULL)
    return NULL;

  expression = dup_output_expression (tag->source);
  parts = g_strsplit (expression, "|", 2);
  if (parts[0] == NULL)
    return NULL;
  subject = g_strstrip (parts[0]);
  len = strlen (subject);

  if (parts[1] != NULL)
    {
      const char *filter = g_strstrip (parts[1]);

      if ((g_str_equal (filter, "relative_url") || g_str_equal (filter, "absolute_url")) &&
          is_quoted_literal (subject, len))
        {
          GString *out = g_string_new (NULL);
          g_autofree char *literal = g_strndup (subject + 1, len - 2);

          append_escaped (out, literal[0] == '/' || has_scheme (literal) ? "" : "/");
          append_escaped (out, literal);
          return g_string_free (out, FALSE);
        }
      return NULL;
    }

  if (g_str_equal (subject, "site.baseurl") || g_str_equal (subject, "site.url"))
    return g_strdup ("");

  if (g_str_has_prefix (subject, "page.") && strchr (subject + 5, '.') == NULL &&
      subject[5] != '\0')
    {
      AushangValue *value = lookup (context->document, subject + 5);
      GString *out;
      g_autofree char *text = NULL;

      if (value == NULL)
        return NULL;
      text = aushang_value_to_display (value);
      out = g_string_new (NULL);
      append_escaped (out, text);
      return g_string_free (out, FALSE);
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The page                                                                   */

char *
aushang_preview_page_render_header (AushangDocument             *document,
                                    const AushangPreviewOptions *options)
{
  static const char * const title_keys[] = { "title", NULL };
  static const char * const teaser_keys[] = { "teaser", "excerpt", "description", "subtitle", NULL };
  g_autofree char *title = dup_first_text (document, title_keys);
  g_autofree char *teaser = dup_first_text (document, teaser_keys);
  g_autofree char *image = dup_header_image (document);
  g_autofree char *date = format_date (lookup (document, "date"), options);
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  authors = dup_items (lookup (document, "authors"), FALSE);
  if (authors == NULL || authors[0] == NULL)
    {
      g_clear_pointer (&authors, g_strfreev);
      authors = dup_items (lookup (document, "author"), FALSE);
    }
  categories = dup_items (lookup (document, "categories"), TRUE);
  if (categories == NULL || categories[0] == NULL)
    {
      g_clear_pointer (&categories, g_strfreev);
      categories = dup_items (lookup (document, "category"), FALSE);
    }
  tags = dup_items (lookup (document, "tags"), TRUE);

  if (image != NULL)
    {
      g_autofree char *uri = dup_image_uri (image, options);

      g_string_append (out, "<img class=\"aushang-header-image\" src=\"");
      append_escaped (out, uri);
      g_string_append (out, "\" alt=\"\">\n");
    }

  if (title != NULL)
    {
      g_string_append (out, "<h1 id=\"aushang-title\">");
      append_text (out, title);
    }
  else
    {
      g_string_append (out, "<h1 id=\"aushang-title\" class=\"aushang-untitled\">");
      /* Translators: shown in the preview for a post without a title. */
      append_escaped (out, _("Untitled"));
    }
  g_string_append (out, "</h1>\n");

  g_string_append (out, teaser != NULL ? "<p id=\"aushang-teaser\">" :
                                         "<p id=\"aushang-teaser\" hidden>");
  append_text (out, teaser);
  g_string_append (out, "</p>\n");

  if (date[0] != '\0')
    {
      g_string_append (meta, "<span class=\"aushang-meta-item aushang-date\">");
      append_escaped (meta, date);
      g_string_append (meta, "</span>");
    }
  if (authors != NULL && authors[0] != NULL)
    {
      g_autofree char *names = join_names ((const char * const *) authors, options);

      g_string_append (meta, "<span class=\"aushang-meta-item aushang-authors\">");
      append_escaped (meta, names);
      g_string_append (meta, "</span>");
    }
  if ((categories != NULL && categories[0] != NULL) || (tags != NULL && tags[0] != NULL))
    {
      GStrv lists[] = { categories, tags };

      g_string_append (meta, "<span class=\"aushang-meta-item aushang-categories\">");
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
          {
            g_string_append (meta, l == 0 ? "<span class=\"aushang-pill aushang-category\">" :
                                            "<span class=\"aushang-pill aushang-tag\">");
            append_escaped (meta, lists[l][i]);
            g_string_append (meta, "</span>");
          }
      g_string_append (meta, "</span>");
    }

  g_string_append (out, meta->len > 0 ? "<p id=\"aushang-meta\">" : "<p id=\"aushang-meta\" hidden>");
  g_string_append_len (out, meta->str, meta->len);
  g_string_append (out, "</p>\n");

  return g_string_free (out, FALSE);
}

char *
aushang_preview_page_render_body (AushangDocument             *document,
                                  const AushangPreviewOptions *options)
{
  TagContext context = { document, options };
  const char *body = document != NULL ? aushang_document_get_body (document) : NULL;
  g_autofree char *html = aushang_markdown_render (body != NULL ? body : "", render_tag_cb, &context);

  if (options == NULL || options->site_uri_prefix == NULL)
    return g_steal_pointer (&html);

  return rewrite_site_paths (html, options);
}

char *
aushang_preview_page_render (AushangDocument             *document,
                             const AushangPreviewOptions *options)
{
  return aushang_preview_page_render_parts (document, options, NULL, NULL);
}

/**
 * aushang_preview_page_render_parts:
 * @header_out: (out) (optional): the page's header, as
 *   aushang_preview_page_render_header() makes it
 * @body_out: (out) (optional): its body, as
 *   aushang_preview_page_render_body() makes it
 *
 * The page of aushang_preview_page_render(), and the parts it holds: a
 * later patch of the page compares with them.
 */
char *
aushang_preview_page_render_parts (AushangDocument             *document,
                                   const AushangPreviewOptions *options,
                                   char                       **header_out,
                                   char                       **body_out)
{
  static const char * const title_keys[] = { "title", NULL };
  g_autofree char *header = aushang_preview_page_render_header (document, options);
  g_autofree char *body = aushang_preview_page_render_body (document, options);
  g_autofree char *title = dup_first_text (document, title_keys);
  const char *language = options != NULL && options->language != NULL ? options->language : "en";
  /* Sized for all of it: the body can be megabytes. */
  GString *out = g_string_sized_new (strlen (header) + strlen (body) + sizeof stylesheet +
                                     sizeof dark_stylesheet + 1024);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  append_escaped (out, language);
  g_string_append (out, "\">\n<head>\n<meta charset=\"utf-8\">\n");
  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" content=\""
                        CONTENT_SECURITY_POLICY "\">\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  g_string_append (out, "<title>");
  {
    g_autofree char *shown = aushang_html_text_decode (title != NULL ? title : _("Untitled"));

    append_escaped (out, shown);
  }
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, stylesheet);
  if (options == NULL || options->stylesheet_uri == NULL)
    g_string_append (out, dark_stylesheet);
  g_string_append (out, "</style>\n");
  if (options != NULL && options->stylesheet_uri != NULL)
    {
      g_string_append (out, "<link rel=\"stylesheet\" href=\"");
      append_escaped (out, options->stylesheet_uri);
      g_string_append (out, "\">\n");
    }
  g_string_append (out, "</head>\n<body>\n<header id=\"aushang-header\">\n");
  g_string_append (out, header);
  g_string_append (out, "</header>\n<article id=\"aushang-body\">\n");
  g_string_append (out, body);
  g_string_append (out, "</article>\n</body>\n</html>\n");

  if (header_out != NULL)
    *header_out = g_steal_pointer (&header);
  if (body_out != NULL)
    *body_out = g_steal_pointer (&body);

  return g_string_free (out, FALSE);
}

const char *
aushang_preview_page_get_content_security_policy (void)
{
  return CONTENT_SECURITY_POLICY;
}

const char *
aushang_preview_page_get_style (void)
{
  return stylesheet;
}

/* ------------------------------------------------------------------------ */
/* An entry of a data list                                                    */

static const char card_stylesheet[] =
  ".aushang-card { margin: 2em 0; padding: 1.2em 1.4em; border: 1px solid var(--rule);\n"
  "  border-radius: 12px; }\n"
  ".aushang-card-image { display: block; width: 8em; height: 8em; object-fit: cover;\n"
  "  border-radius: 50%; margin: 0 0 1em; }\n"
  ".aushang-card #aushang-title { font-size: 1.6em; margin: 0.1em 0 0.3em; }\n"
  ".aushang-card-meta, .aushang-card-place, .aushang-card-role { color: var(--muted); margin: 0.2em 0; }\n"
  ".aushang-card-description { margin: 0.8em 0; white-space: pre-line; }\n"
  ".aushang-card-hidden { font-style: italic; color: var(--muted); border-left: 4px solid var(--rule);\n"
  "  padding-left: 0.8em; margin: 0 0 1em; }\n";

static AushangValue *
entry_lookup (AushangValue *entry,
              const char   *key)
{
  if (entry == NULL || aushang_value_get_kind (entry) != AUSHANG_VALUE_MAP)
    return NULL;

  return aushang_value_lookup (entry, key);
}

static char *
entry_first_text (AushangValue       *entry,
                  const char * const *keys,
                  const char        **found)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      char *text = dup_scalar_text (entry_lookup (entry, keys[i]));

      if (text != NULL)
        {
          if (found != NULL)
            *found = keys[i];
          return text;
        }
    }

  return NULL;
}

static void
append_pills (GString      *out,
              AushangValue *entry,
              const char   *key)
{
  g_auto(GStrv) items = dup_items (entry_lookup (entry, key), FALSE);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_string_append (out, "<span class=\"aushang-pill\">");
      append_escaped (out, items[i]);
      g_string_append (out, "</span>");
    }
}

char *
aushang_preview_page_render_entry (AushangValue                *entry,
                                   gboolean                     hidden,
                                   const AushangPreviewOptions *options)
{
  static const char * const title_keys[] = { "title", "name", "label", "titel", NULL };
  static const char * const image_keys[] = { "image", "photo", "picture", "avatar", "bild", "foto", NULL };
  static const char * const place_keys[] = { "location", "place", "venue", "ort", "address", NULL };
  static const char * const role_keys[] = { "role", "position", "rolle", "funktion", "job", NULL };
  static const char * const text_keys[] = { "description", "teaser", "bio", "text", "summary", "beschreibung", NULL };
  static const char * const link_keys[] = { "booking_url", "url", "link", "website", "registration_url", NULL };
  static const char * const pill_keys[] = { "category", "categories", "tags", "expertise", "topics", "cost", "target_audience", NULL };
  g_autofree char *title = entry_first_text (entry, title_keys, NULL);
  g_autofree char *image = entry_first_text (entry, image_keys, NULL);
  g_autofree char *place = entry_first_text (entry, place_keys, NULL);
  g_autofree char *role = entry_first_text (entry, role_keys, NULL);
  g_autofree char *text = entry_first_text (entry, text_keys, NULL);
  g_autofree char *link = entry_first_text (entry, link_keys, NULL);
  g_autofree char *link_text = dup_scalar_text (entry_lookup (entry, "link_text"));
  g_autofree char *date = format_date (entry_lookup (entry, "date"), options);
  g_autofree char *time = dup_scalar_text (entry_lookup (entry, "time"));
  g_autofree char *duration = dup_scalar_text (entry_lookup (entry, "duration"));
  g_autofree char *email = dup_scalar_text (entry_lookup (entry, "email"));
  const char *language = options != NULL && options->language != NULL ? options->language : "en";
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autoptr(GString) pills = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  append_escaped (out, language);
  g_string_append (out, "\">\n<head>\n<meta charset=\"utf-8\">\n");
  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" content=\""
                        CONTENT_SECURITY_POLICY "\">\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  g_string_append (out, "<title>");
  {
    g_autofree char *shown = aushang_html_text_decode (title != NULL ? title : _("Untitled"));

    append_escaped (out, shown);
  }
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, stylesheet);
  if (options == NULL || options->stylesheet_uri == NULL)
    g_string_append (out, dark_stylesheet);
  g_string_append (out, card_stylesheet);
  g_string_append (out, "</style>\n");
  if (options != NULL && options->stylesheet_uri != NULL)
    {
      g_string_append (out, "<link rel=\"stylesheet\" href=\"");
      append_escaped (out, options->stylesheet_uri);
      g_string_append (out, "\">\n");
    }
  g_string_append (out, "</head>\n<body>\n<article class=\"aushang-card\" id=\"aushang-card\">\n");

  if (hidden)
    {
      g_string_append (out, "<p class=\"aushang-card-hidden\">");
      /* Translators: at the top of the preview of a hidden entry. */
      append_escaped (out, _("Hidden: this entry is in the file, but not on the website."));
      g_string_append (out, "</p>\n");
    }

  if (image != NULL)
    {
      g_autofree char *uri = dup_image_uri (image, options);

      g_string_append (out, "<img class=\"aushang-card-image\" src=\"");
      append_escaped (out, uri);
      g_string_append (out, "\" alt=\"\">\n");
    }

  if (date[0] != '\0')
    {
      g_string_append (meta, "<span class=\"aushang-meta-item aushang-date\">");
      append_escaped (meta, date);
      g_string_append (meta, "</span>");
    }
  if (time != NULL)
    {
      g_string_append (meta, "<span class=\"aushang-meta-item aushang-time\">");
      append_escaped (meta, time);
      g_string_append (meta, "</span>");
    }
  if (duration != NULL)
    {
      g_string_append (meta, "<span class=\"aushang-meta-item aushang-duration\">");
      append_escaped (meta, duration);
      g_string_append (meta, "</span>");
    }
  if (meta->len > 0)
    {
      g_string_append (out, "<p class=\"aushang-card-meta\">");
      g_string_append_len (out, meta->str, meta->len);
      g_string_append (out, "</p>\n");
    }

  if (title != NULL)
    {
      g_string_append (out, "<h1 id=\"aushang-title\">");
      append_escaped (out, title);
    }
  else
    {
      g_string_append (out, "<h1 id=\"aushang-title\" class=\"aushang-untitled\">");
      append_escaped (out, _("Untitled"));
    }
  g_string_append (out, "</h1>\n");

  if (role != NULL)
    {
      g_string_append (out, "<p class=\"aushang-card-role\">");
      append_escaped (out, role);
      g_string_append (out, "</p>\n");
    }
  if (place != NULL)
    {
      g_string_append (out, "<p class=\"aushang-card-place\">");
      append_escaped (out, place);
      g_string_append (out, "</p>\n");
    }
  if (text != NULL)
    {
      g_string_append (out, "<p class=\"aushang-card-description\">");
      append_escaped (out, text);
      g_string_append (out, "</p>\n");
    }

  for (guint i = 0; pill_keys[i] != NULL; i++)
    append_pills (pills, entry, pill_keys[i]);
  if (pills->len > 0)
    {
      g_string_append (out, "<p class=\"aushang-card-pills\">");
      g_string_append_len (out, pills->str, pills->len);
      g_string_append (out, "</p>\n");
    }

  if (email != NULL)
    {
      g_string_append (out, "<p class=\"aushang-card-email\"><a href=\"mailto:");
      append_escaped (out, email);
      g_string_append (out, "\">");
      append_escaped (out, email);
      g_string_append (out, "</a></p>\n");
    }

  if (link != NULL)
    {
      g_autofree char *uri = dup_image_uri (link, options);

      g_string_append (out, "<p class=\"aushang-card-link\"><a href=\"");
      append_escaped (out, uri);
      g_string_append (out, "\">");
      /* Translators: the link of an event in its preview, when the entry
       * gives no link_text. */
      append_escaped (out, link_text != NULL ? link_text : _("Read more"));
      g_string_append (out, "</a></p>\n");
    }

  g_string_append (out, "</article>\n</body>\n</html>\n");

  return g_string_free (out, FALSE);
}
