/* aushang-check.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-check"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-check.h"
#include "aushang-links.h"
#include "aushang-markdown.h"
#include "aushang-yaml.h"
#include "aushang-yaml-edit.h"

void
aushang_diagnostic_free (AushangDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;

  g_free (diagnostic->key);
  g_free (diagnostic->message);
  g_free (diagnostic);
}

const char *
aushang_severity_to_string (AushangSeverity severity)
{
  return severity == AUSHANG_SEVERITY_ERROR ? "error" : "warning";
}

G_GNUC_PRINTF (6, 7)
static void
add (GPtrArray       *out,
     AushangSeverity  severity,
     guint            line,
     guint            column,
     const char      *key,
     const char      *format,
     ...)
{
  AushangDiagnostic *diagnostic = g_new0 (AushangDiagnostic, 1);
  va_list args;

  va_start (args, format);
  diagnostic->message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic->severity = severity;
  diagnostic->line = line;
  diagnostic->column = column;
  diagnostic->key = g_strdup (key);

  g_ptr_array_add (out, diagnostic);
}

static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b)
{
  const AushangDiagnostic *da = *(AushangDiagnostic **) a;
  const AushangDiagnostic *db = *(AushangDiagnostic **) b;

  if (da->line != db->line)
    return da->line < db->line ? -1 : 1;
  if (da->column != db->column)
    return da->column < db->column ? -1 : 1;

  return (int) da->severity - (int) db->severity;
}

/* Jekyll's rule for _posts: YYYY-MM-DD-slug.ext, else the file is skipped. */
static gboolean
split_post_name (const char  *name,
                 char       **date)
{
  static GRegex *regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) info = NULL;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("^(\\d{2,4}-\\d{1,2}-\\d{1,2})-(.*)(\\.[^.]+)$", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (!g_regex_match (regex, name, 0, &info))
    return FALSE;

  if (date)
    *date = g_match_info_fetch (info, 1);

  return TRUE;
}

static gboolean
in_posts_folder (GFile *file)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_auto(GStrv) parts = NULL;
  guint n;

  if (path == NULL)
    return FALSE;

  parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);
  n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    if (strcmp (parts[i], "_posts") == 0)
      return TRUE;

  return FALSE;
}

static gboolean
in_drafts_folder (GFile *file)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  return path != NULL && strstr (path, G_DIR_SEPARATOR_S "_drafts" G_DIR_SEPARATOR_S) != NULL;
}

/* A date Jekyll cannot read is an error: jekyll 4.3.1 stops the whole
 * build ("Invalid date '…': Document '…' does not have a valid date in the
 * YAML front matter") for an empty date, a list or map, or text Ruby's
 * Time.parse refuses. test-jekyll-check: empty-date, unreadable-date,
 * list-date, unreadable-date-doc. */
static void
check_date (GPtrArray          *out,
            AushangFrontMatter *fm)
{
  AushangValue *date = aushang_front_matter_get (fm, "date");
  guint line = aushang_front_matter_get_key_line (fm, "date");
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (date == NULL)
    return;

  switch (aushang_value_get_kind (date))
    {
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      return;

    case AUSHANG_VALUE_NULL:
      add (out, AUSHANG_SEVERITY_ERROR, line, 1, "date",
           _("The date is empty, and Jekyll stops building the whole site on an empty date. Write a date like 2025-11-04, or remove the line."));
      return;

    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      add (out, AUSHANG_SEVERITY_ERROR, line, 1, "date",
           _("The date is a list or a map, and Jekyll stops building the whole site on it. Write a single date like 2025-11-04."));
      return;

    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_STRING:
    default:
      break;
    }

  text = aushang_value_to_display (date);
  if (!aushang_yaml_parse_jekyll_date (text, &parsed))
    add (out, AUSHANG_SEVERITY_ERROR, line, 1, "date",
         /* Translators: %s is the date as written in the file. */
         _("Jekyll cannot read the date “%s” and stops building the whole site. Write it as 2025-11-04 or 2025-11-04 16:30:00 +01:00."),
         text);
}

static void
check_text_field (GPtrArray          *out,
                  AushangFrontMatter *fm,
                  const char         *key)
{
  AushangValue *value = aushang_front_matter_get (fm, key);
  g_autofree char *shown = NULL;

  if (value == NULL)
    return;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      shown = aushang_value_to_display (value);
      if (aushang_value_get_kind (value) == AUSHANG_VALUE_BOOLEAN)
        add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, key), 1, key,
             /* Translators: the first %s is a field name, the second its value. */
             _("Jekyll reads “%s” as the yes/no value %s, not as text. Put the text in quotes."),
             key, shown);
      else if (aushang_value_get_kind (value) == AUSHANG_VALUE_DATE ||
               aushang_value_get_kind (value) == AUSHANG_VALUE_DATETIME)
        add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, key), 1, key,
             _("Jekyll reads “%s” as the date %s, not as text. Put the text in quotes."),
             key, shown);
      else
        add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, key), 1, key,
             _("Jekyll reads “%s” as the number %s, not as text. Put the text in quotes."),
             key, shown);
      break;

    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_STRING:
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
    default:
      break;
    }
}

/* Jekyll's titleize_slug: the file name without date and extension,
 * words capitalised. */
static char *
title_from_name (const char *name)
{
  g_autofree char *slug = NULL;
  g_auto(GStrv) words = NULL;
  GString *out = g_string_new (NULL);
  char *dot;

  if (name == NULL)
    return g_string_free (out, FALSE);

  slug = g_strdup (split_post_name (name, NULL) ? name + strspn (name, "0123456789-") : name);
  dot = strrchr (slug, '.');
  if (dot != NULL && dot != slug)
    *dot = '\0';

  words = g_strsplit (slug, "-", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (words[i])));
      g_string_append (out, g_utf8_next_char (words[i]));
    }

  return g_string_free (out, FALSE);
}

/* Whether the documents of @document's collection use @key at all (other
 * than @document itself). Without a site, or for a document outside the
 * collections, they are taken to. */
static gboolean
collection_uses_key (AushangSite        *site,
                     AushangCollection  *collection,
                     AushangFrontMatter *fm,
                     const char         *key)
{
  AushangField *field;

  if (site == NULL || collection == NULL)
    return TRUE;

  field = aushang_schema_get_field (aushang_site_get_schema (site, collection), key);
  if (field == NULL)
    return FALSE;

  /* The document itself may be among those counted. */
  return field->count > (aushang_front_matter_has_key (fm, key) ? 1u : 0u);
}

/* A missing or empty title is a warning: Jekyll builds the page and makes
 * a title from the file name (checked with jekyll 4.3.1: a post without
 * title, and one with "title:" empty, are both published). It is not
 * raised at all where the collection's documents do not use titles (people
 * pages identified by "name:"). */
static void
check_front_matter (GPtrArray          *out,
                    AushangFrontMatter *fm,
                    const char         *name,
                    AushangSite        *site,
                    AushangCollection  *collection)
{
  AushangValue *title = aushang_front_matter_get (fm, "title");
  AushangValue *published = aushang_front_matter_get (fm, "published");
  g_auto(GStrv) keys = aushang_front_matter_dup_keys (fm);
  g_autofree char *title_text = NULL;

  if (title == NULL)
    {
      g_autofree char *made_up = title_from_name (name);

      if (!collection_uses_key (site, collection, fm, "title"))
        ;
      else if (*made_up != '\0')
        add (out, AUSHANG_SEVERITY_WARNING, 1, 1, "title",
             /* Translators: %s is a title Jekyll makes from the file name. */
             _("The document has no title; Jekyll would make one up from the file name: “%s”."),
             made_up);
      else
        add (out, AUSHANG_SEVERITY_WARNING, 1, 1, "title", _("The document has no title."));
    }
  else
    {
      title_text = aushang_value_to_display (title);
      g_strstrip (title_text);
      if (*title_text == '\0')
        add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, "title"), 1, "title",
             _("The title is empty."));
    }

  check_date (out, fm);

  check_text_field (out, fm, "title");
  check_text_field (out, fm, "teaser");
  check_text_field (out, fm, "excerpt");
  check_text_field (out, fm, "description");
  check_text_field (out, fm, "subtitle");

  if (published != NULL && aushang_value_get_kind (published) == AUSHANG_VALUE_STRING)
    add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, "published"), 1, "published",
         _("“published” is the text “%s”, not the value true or false, so Jekyll publishes the document. Remove the quotes."),
         aushang_value_get_string (published));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      guint count = aushang_front_matter_count_key (fm, keys[i]);

      if (count > 1)
        add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, keys[i]), 1, keys[i],
             /* Translators: %s is a field name, %u how often it appears. */
             _("“%s” appears %u times; Jekyll uses only the last one. Remove the others."),
             keys[i], count);
    }
}

static void
check_authors (GPtrArray          *out,
               AushangFrontMatter *fm,
               AushangSite        *site)
{
  GPtrArray *authors = aushang_site_get_authors (site);
  gboolean have_data = FALSE;
  const char *keys[] = { "author", "authors" };

  for (guint i = 0; i < authors->len; i++)
    if (((AushangSiteTerm *) g_ptr_array_index (authors, i))->from_data)
      have_data = TRUE;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      AushangValue *value = aushang_front_matter_get (fm, keys[k]);
      g_auto(GStrv) names = value ? aushang_value_dup_strv (value) : NULL;

      for (guint n = 0; names != NULL && names[n] != NULL; n++)
        {
          const char *closest = NULL;
          guint best = G_MAXUINT;
          gboolean known = FALSE;

          for (guint i = 0; i < authors->len && !known; i++)
            {
              AushangSiteTerm *term = g_ptr_array_index (authors, i);
              guint d;

              /* With a team list, only its names count; without one, a
               * name used elsewhere (more than this once) does. */
              if (have_data ? !term->from_data : term->count < 2)
                continue;

              if (strcmp (term->name, names[n]) == 0)
                known = TRUE;
              else if ((d = aushang_site_name_distance (term->name, names[n])) < best)
                best = d, closest = term->name;
            }

          if (known)
            continue;

          if (closest != NULL && best <= MAX (2, g_utf8_strlen (names[n], -1) / 4))
            add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, keys[k]), 1, keys[k],
                 /* Translators: the first %s is a name as written, the second a known one. */
                 _("“%s” is not in the site’s author list. Did you mean “%s”?"), names[n], closest);
          else if (have_data)
            add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, keys[k]), 1, keys[k],
                 _("“%s” is not in the site’s author list, so no author card is shown."), names[n]);
        }
    }
}

/* Images. Jekyll (4.3.1, checked) builds a page whose image is missing,
 * over 1 MB or without alt text without a word — the page just shows a
 * broken image, loads slowly or says nothing to a screen reader — so
 * these are warnings, never errors. */

#define IMAGE_MAX_BYTES 1000000  /* "1 MB", as g_format_size counts */

/* The site file @reference names ("/assets/a.jpg", "{{ site.baseurl
 * }}/assets/a.jpg", "{{ '/assets/a.jpg' | relative_url }}", the site's
 * baseurl followed by the path), or NULL when it is no path of this site
 * (another site's address, a relative path, other Liquid). */
static GFile *
resolve_site_image (AushangSite *site,
                    const char  *reference)
{
  g_autofree char *path = g_strstrip (g_strdup (reference));
  g_autofree char *clean = NULL;
  AushangValue *config = aushang_site_get_config (site);
  AushangValue *baseurl_value = config ? aushang_value_lookup (config, "baseurl") : NULL;
  const char *baseurl = baseurl_value ? aushang_value_get_string (baseurl_value) : NULL;
  const char *p = path;
  char *cut;

  if (g_str_has_prefix (p, "{{"))
    {
      static GRegex *filter_regex;
      static gsize initialized;
      g_autoptr(GMatchInfo) info = NULL;

      if (g_once_init_enter (&initialized))
        {
          filter_regex = g_regex_new ("^\\{\\{-?\\s*(['\"])([^'\"]*)\\1\\s*\\|\\s*(relative|absolute)_url\\s*-?\\}\\}(.*)$",
                                      G_REGEX_DOTALL, 0, NULL);
          g_once_init_leave (&initialized, 1);
        }

      if (g_regex_match (filter_regex, p, 0, &info))
        {
          g_autofree char *inner = g_match_info_fetch (info, 2);
          g_autofree char *rest = g_match_info_fetch (info, 4);
          char *joined = g_strconcat (inner[0] == '/' ? "" : "/", inner, rest, NULL);

          g_free (path);
          path = joined;
          p = path;
        }
      else if (g_str_has_prefix (p, "{{ site.baseurl }}"))
        p += strlen ("{{ site.baseurl }}");
      else if (g_str_has_prefix (p, "{{site.baseurl}}"))
        p += strlen ("{{site.baseurl}}");
    }
  else if (baseurl != NULL && baseurl[0] == '/' && baseurl[1] != '\0' &&
           g_str_has_prefix (p, baseurl) && p[strlen (baseurl)] == '/')
    p += strlen (baseurl);

  if (p[0] != '/' || p[1] == '/' || strstr (p, "..") != NULL || strstr (p, "{{") != NULL ||
      strstr (p, "{%") != NULL)
    return NULL;  /* not a site path: not ours to judge */

  clean = g_uri_unescape_string (p + 1, NULL);
  if (clean == NULL)
    clean = g_strdup (p + 1);
  if ((cut = strpbrk (clean, "?#")) != NULL)
    *cut = '\0';
  if (*clean == '\0')
    return NULL;

  return g_file_resolve_relative_path (aushang_site_get_folder (site), clean);
}

/* Whether @site_path leads to a file of the site (anything that is not a
 * site path counts as there). */
static gboolean
site_has_file (AushangSite *site,
               const char  *site_path)
{
  g_autoptr(GFile) file = resolve_site_image (site, site_path);

  return file == NULL || g_file_query_exists (file, NULL);
}

/* A missing image, or one over 1 MB. */
static void
check_image_file (GPtrArray   *out,
                  AushangSite *site,
                  const char  *reference,
                  guint        line,
                  guint        column,
                  const char  *key)
{
  g_autoptr(GFile) file = resolve_site_image (site, reference);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *size = NULL;

  if (file == NULL)
    return;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    {
      add (out, AUSHANG_SEVERITY_WARNING, line, column, key,
           /* Translators: %s is a path like /assets/images/a.png. */
           _("The image “%s” does not exist in the site."), reference);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) <= IMAGE_MAX_BYTES)
    return;

  size = g_format_size (g_file_info_get_size (info));
  add (out, AUSHANG_SEVERITY_WARNING, line, column, key,
       /* Translators: the first %s is a size like "2.3 MB", the second a path like /assets/images/a.jpg. */
       _("The image is %s (“%s”): over 1 MB, the page loads slowly, above all on phones. Make it smaller, for example 1600 pixels wide."),
       size, reference);
}

/* Line and column (1-based, in characters) of @offset in @body. Called
 * with growing offsets: *@done, *@line and *@line_start carry the count. */
static guint
body_column (const char  *body,
             int          offset,
             int         *done,
             guint       *line,
             const char **line_start)
{
  for (; *done < offset; (*done)++)
    if (body[*done] == '\n')
      {
        (*line)++;
        *line_start = body + *done + 1;
      }

  return (guint) g_utf8_strlen (*line_start, body + offset - *line_start) + 1;
}

/* Whether @offset of @body lies in a fenced code block (``` or ~~~).
 * Called with growing offsets: *@scan (the start of the next line not yet
 * looked at) and *@in_code carry the state from one call to the next. */
static gboolean
in_code_block (const char  *body,
               int          offset,
               const char **scan,
               gboolean    *in_code)
{
  while (*scan != NULL && *scan < body + offset)
    {
      const char *p = *scan;
      const char *end = strchr (*scan, '\n');

      while (*p == ' ')
        p++;
      if (p - *scan < 4 && (g_str_has_prefix (p, "```") || g_str_has_prefix (p, "~~~")))
        *in_code = !*in_code;
      *scan = end ? end + 1 : NULL;
    }

  return *in_code;
}

/* The value of attribute @name in the HTML tag @tag, or NULL when the tag
 * does not have it. */
static char *
html_attribute (const char *tag,
                const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("\\s%s\\s*(=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;

  if (!g_regex_match (regex, tag, 0, &info))
    return NULL;

  for (int group = 3; group <= 5; group++)
    {
      g_autofree char *value = g_match_info_fetch (info, group);

      if (value != NULL && *value != '\0')
        return g_steal_pointer (&value);
    }

  return g_strdup ("");
}

/* The image fields of the front matter: the schema's (the collection's
 * documents show which keys hold images) and the common ones. */
static void
check_image_fields (GPtrArray          *out,
                    AushangFrontMatter *fm,
                    AushangSite        *site,
                    AushangCollection  *collection)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const char *common[] = { "header_image", "image", "thumbnail" };

  for (guint k = 0; k < G_N_ELEMENTS (common); k++)
    g_ptr_array_add (keys, (gpointer) common[k]);

  if (collection != NULL)
    {
      GPtrArray *fields = aushang_schema_get_fields (aushang_site_get_schema (site, collection));

      for (guint i = 0; i < fields->len; i++)
        {
          AushangField *field = g_ptr_array_index (fields, i);

          if (field->kind == AUSHANG_FIELD_IMAGE &&
              !g_ptr_array_find_with_equal_func (keys, field->key, g_str_equal, NULL))
            g_ptr_array_add (keys, field->key);
        }
    }

  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      AushangValue *value = aushang_front_matter_get (fm, key);
      const char *path = (value && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
                         ? aushang_value_get_string (value) : NULL;

      if (path != NULL && *path != '\0')
        check_image_file (out, site, path, aushang_front_matter_get_key_line (fm, key), 1, key);
    }
}

/* The images of the body: ![alt](path) and <img src alt>. Without a site
 * only the alt texts are checked. */
static void
check_body_images (GPtrArray       *out,
                   AushangDocument *document,
                   AushangSite     *site)
{
  static GRegex *image_regex;
  static gsize initialized;
  const char *body = aushang_document_get_body (document);
  guint body_line = aushang_document_get_body_line (document);
  g_autoptr(GMatchInfo) info = NULL;
  const char *scan;
  const char *line_start;
  gboolean in_code = FALSE;
  guint line = body_line;
  int done = 0;

  if (g_once_init_enter (&initialized))
    {
      /* 1: alt, 2: path (Liquid with spaces, <path> or a plain path);
       * 3: a whole <img> tag. */
      image_regex = g_regex_new ("!\\[([^\\]\\n]*)\\]\\(\\s*(\\{\\{[^}]*\\}\\}[^)\\s]*|<[^>\\n]*>|[^)\\s]+)"
                                 "|(<img\\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)",
                                 /* Raw: the body is UTF-8 (checked below), and
                                  * GLib 2.74 would check it again for every
                                  * match (see aushang_links_find). */
                                 G_REGEX_CASELESS | G_REGEX_RAW, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    return;

  scan = line_start = body;
  g_regex_match (image_regex, body, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *alt = g_match_info_fetch (info, 1);
      g_autofree char *path = g_match_info_fetch (info, 2);
      g_autofree char *tag = g_match_info_fetch (info, 3);
      gboolean has_alt;
      int start = 0;
      guint column;

      g_match_info_fetch_pos (info, 0, &start, NULL);
      if (in_code_block (body, start, &scan, &in_code))
        {
          g_match_info_next (info, NULL);
          continue;
        }

      if (tag != NULL && *tag != '\0')
        {
          g_autofree char *html_alt = html_attribute (tag, "alt");

          g_free (path);
          path = html_attribute (tag, "src");
          /* alt="" on purpose marks an image as decoration. */
          has_alt = html_alt != NULL;
        }
      else
        {
          if (path[0] == '<')
            {
              char *inner = g_strndup (path + 1, strlen (path) - 2);

              g_free (path);
              path = inner;
            }
          has_alt = *g_strstrip (alt) != '\0';
        }

      column = body_column (body, start, &done, &line, &line_start);

      if (!has_alt && tag != NULL && *tag != '\0')
        add (out, AUSHANG_SEVERITY_WARNING, line, column, NULL,
             /* Translators: %s is a path like /assets/images/a.jpg; keep alt="…" as it is. */
             _("The image “%s” has no description (alternative text), so people who cannot see it learn nothing of what it shows. Add one to the tag: alt=\"What the photo shows\"."),
             path ? path : "");
      else if (!has_alt)
        add (out, AUSHANG_SEVERITY_WARNING, line, column, NULL,
             /* Translators: %s is a path like /assets/images/a.jpg; keep ![…](…) as it is. */
             _("The image “%s” has no description (alternative text), so people who cannot see it learn nothing of what it shows. Write one between the square brackets: ![What the photo shows](…)."),
             path);

      if (site != NULL && path != NULL && *path != '\0')
        check_image_file (out, site, path, line, column, NULL);

      g_match_info_next (info, NULL);
    }
}

/* A field that names another document (related_post) where the name is
 * no document: Jekyll builds, but the link or card is missing. */
static void
check_references (GPtrArray          *out,
                  AushangFrontMatter *fm,
                  AushangSite        *site)
{
  g_auto(GStrv) keys = aushang_front_matter_dup_keys (fm);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      AushangValue *value = aushang_front_matter_get (fm, keys[i]);
      g_autoptr(GFile) found = NULL;
      const char *name;

      if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING ||
          !aushang_site_key_names_documents (site, keys[i]))
        continue;

      name = aushang_value_get_string (value);
      if (*name == '\0')
        continue;
      found = aushang_site_find_document_by_name (site, name);
      if (found == NULL)
        add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, keys[i]), 1, keys[i],
             /* Translators: the first %s is a field name, the second its value. */
             _("“%s” names the document “%s”, which does not exist in the site (the other documents give it the name of a document, without .md)."),
             keys[i], name);
    }
}

/* Links to the site's own pages that lead nowhere, or to a section
 * (#anchor) the page does not have: jekyll 4.3.1 builds such pages
 * without a word, so these are warnings. {% link %} and {% post_url %}
 * to nothing stop the build: errors. Other sites are never fetched. */
static void
check_body_links (GPtrArray       *out,
                  AushangDocument *document,
                  GFile           *file,
                  AushangSite     *site)
{
  const char *body = aushang_document_get_body (document);
  guint body_line = aushang_document_get_body_line (document);
  g_autoptr(GPtrArray) links = aushang_links_find (body);

  for (guint i = 0; i < links->len; i++)
    {
      AushangLink *link = g_ptr_array_index (links, i);
      g_autofree char *message = NULL;
      AushangLinkResult result = aushang_site_check_link (site, link->target, file, body, &message);

      if (result != AUSHANG_LINK_OK)
        add (out, result == AUSHANG_LINK_NO_DOCUMENT ? AUSHANG_SEVERITY_ERROR : AUSHANG_SEVERITY_WARNING,
             body_line + link->line - 1, link->column, NULL, "%s", message);
    }
}

/* Front matter fields holding an address of the site (booking_url:
 * /anmeldung/, link: /beitraege/x/#ort). */
static void
check_link_fields (GPtrArray          *out,
                   AushangFrontMatter *fm,
                   GFile              *file,
                   AushangSite        *site,
                   AushangCollection  *collection)
{
  g_auto(GStrv) keys = aushang_front_matter_dup_keys (fm);
  AushangSchema *schema = collection ? aushang_site_get_schema (site, collection) : NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      AushangValue *value = aushang_front_matter_get (fm, keys[i]);
      AushangField *field = schema ? aushang_schema_get_field (schema, keys[i]) : NULL;
      g_autofree char *message = NULL;
      const char *text;

      if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING ||
          strcmp (keys[i], "permalink") == 0 || g_str_has_prefix (keys[i], "redirect_"))
        continue;
      if ((field == NULL || field->kind != AUSHANG_FIELD_URL) && !g_str_has_suffix (keys[i], "url") &&
          !g_str_has_suffix (keys[i], "link") && !g_str_has_suffix (keys[i], "href"))
        continue;

      text = aushang_value_get_string (value);
      /* Only addresses: a relative word is no link here. */
      if (text[0] != '/' && text[0] != '{' && text[0] != '#')
        continue;
      if (aushang_site_check_link (site, text, file, NULL, &message) != AUSHANG_LINK_OK)
        add (out, AUSHANG_SEVERITY_WARNING, aushang_front_matter_get_key_line (fm, keys[i]), 1, keys[i],
             "%s", message);
    }
}

/* An include of a file _includes does not have is an error: jekyll 4.3.1
 * stops the build ("Could not locate the included file"). test-jekyll-check:
 * missing-include (and existing-include, which builds). */
static void
check_blocks (GPtrArray       *out,
              AushangDocument *document,
              AushangSite     *site)
{
  const char *body = aushang_document_get_body (document);
  g_autoptr(GPtrArray) tags = NULL;

  if (strstr (body, "include") == NULL)
    return;

  tags = aushang_markdown_find_liquid_tags (body);
  for (guint i = 0; i < tags->len; i++)
    {
      AushangLiquidTag *tag = g_ptr_array_index (tags, i);

      if (tag->is_output || g_strcmp0 (tag->name, "include") != 0 || tag->argument == NULL ||
          strchr (tag->argument, '{') != NULL)
        continue;

      if (aushang_site_find_block (site, tag->argument) == NULL)
        add (out, AUSHANG_SEVERITY_ERROR, aushang_document_get_body_line (document) + tag->line - 1,
             tag->column, NULL,
             /* Translators: %s is a file name like anmeldung.html. */
             _("The building block “%s” does not exist in _includes, and Jekyll stops building the site."),
             tag->argument);
    }
}

static void
check_schema (GPtrArray          *out,
              AushangFrontMatter *fm,
              AushangSite        *site,
              AushangCollection  *collection)
{
  AushangSchema *schema = aushang_site_get_schema (site, collection);
  GPtrArray *fields = aushang_schema_get_fields (schema);
  guint n = aushang_schema_get_n_documents (schema);

  for (guint i = 0; i < fields->len; i++)
    {
      AushangField *field = g_ptr_array_index (fields, i);
      AushangValue *value = aushang_front_matter_get (fm, field->key);
      const char *key = field->key;

      if (value == NULL && field->alias != NULL)
        {
          value = aushang_front_matter_get (fm, field->alias);
          key = field->alias;
        }

      if (value == NULL)
        {
          if (field->required && strcmp (field->key, "title") != 0)
            add (out, AUSHANG_SEVERITY_WARNING, 1, 1, field->key,
                 /* Translators: the first %s is a collection name, the second a field name. */
                 _("Nearly every document of “%s” has “%s”; this one does not."),
                 collection->name, field->key);
          continue;
        }

      /* A text field holding a yes/no, a number or a date here. */
      if ((field->kind == AUSHANG_FIELD_TEXT || field->kind == AUSHANG_FIELD_LONG_TEXT) &&
          n >= 3 && strcmp (key, "title") != 0 && strcmp (key, "teaser") != 0 &&
          strcmp (key, "excerpt") != 0 && strcmp (key, "description") != 0 && strcmp (key, "subtitle") != 0)
        check_text_field (out, fm, key);
    }
}

/* A date in the future hides the document until then (jekyll 4.3.1 does
 * not publish a post dated later than the build, unless future: true).
 * Often that is intended, so it is a warning that says when. The date is
 * the front matter's, else the post file name's. */
static void
check_future (GPtrArray          *out,
              AushangFrontMatter *fm,
              AushangSite        *site,
              const char         *name_date)
{
  AushangValue *value = aushang_front_matter_get (fm, "date");
  g_autoptr(GDateTime) date = value ? aushang_value_dup_date_time (value) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *shown = NULL;

  if (value == NULL && name_date != NULL)
    aushang_yaml_parse_jekyll_date (name_date, &date);

  if (date == NULL || aushang_site_get_shows_future (site) || g_date_time_compare (date, now) <= 0)
    return;

  shown = value ? aushang_value_to_display (value) : g_strdup (name_date);
  add (out, AUSHANG_SEVERITY_WARNING, value ? aushang_front_matter_get_key_line (fm, "date") : 1, 1, "date",
       /* Translators: %s is a date. */
       _("The date %s lies in the future: Jekyll does not publish the document before then (unless the site sets future: true)."),
       shown);
}

GPtrArray *
aushang_check_document (AushangDocument *document,
                        GFile           *file,
                        AushangSite     *site)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_diagnostic_free);
  const GError *problem;
  guint line = 0, column = 0;
  gboolean dated_name = FALSE;
  g_autofree char *name = NULL;
  g_autofree char *name_date = NULL;

  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (document), out);

  if (file == NULL)
    file = aushang_document_get_file (document);

  if (file != NULL)
    {
      AushangCollection *collection = site ? aushang_site_find_collection (site, file) : NULL;

      name = g_file_get_basename (file);
      dated_name = collection ? collection->dated_names : in_posts_folder (file);
    }

  /* jekyll 4.3.1 reads only _posts files named YYYY-MM-DD-title and skips
   * the others without a word. test-jekyll-check: post-name-without-date. */
  if (dated_name && name != NULL && !split_post_name (name, &name_date))
    add (out, AUSHANG_SEVERITY_ERROR, 1, 1, NULL,
         /* Translators: %s is a file name. */
         _("Jekyll skips this post: its file name “%s” does not have the form YYYY-MM-DD-title.md."),
         name);

  /* Jekyll looks for "---" at the very first byte: behind a byte order
   * mark it finds none, and copies the file unrendered (only _posts are
   * read another way). test-jekyll-check: bom-doc (raw), bom-post (built). */
  if (aushang_document_get_has_bom (document) && aushang_document_get_has_front_matter (document) && !dated_name)
    add (out, AUSHANG_SEVERITY_ERROR, 1, 1, NULL,
         _("The file starts with an invisible byte order mark (BOM), so Jekyll does not see its fields and publishes the file unformatted. Save it as UTF-8 without BOM."));

  /* Front matter Jekyll cannot read (invalid YAML, a Ruby symbol or
   * object, an alias to nothing, a list instead of fields): jekyll 4.3.1
   * reports "YAML Exception" or "could not read file" and publishes the
   * page without its fields, at the wrong address. test-jekyll-check:
   * invalid-yaml, ruby-symbol, ruby-object, unknown-alias,
   * list-front-matter. */
  problem = aushang_document_get_problem (document, &line, &column);
  if (problem != NULL)
    {
      add (out, AUSHANG_SEVERITY_ERROR, MAX (line, 1), MAX (column, 1), NULL, "%s", problem->message);
    }
  else if (!aushang_document_get_has_front_matter (document))
    {
      /* Checked with jekyll 4.3.1: a post (_posts, _drafts) without front
       * matter is still rendered as a post; any other document is copied
       * to the website as it is, Markdown unrendered. */
      if (dated_name || in_drafts_folder (file))
        add (out, AUSHANG_SEVERITY_WARNING, 1, 1, NULL,
             _("The document has no front matter (the fields between two “---” lines at the top), so it has no title."));
      else
        add (out, AUSHANG_SEVERITY_ERROR, 1, 1, NULL,
             _("The document has no front matter (the fields between two “---” lines at the top), so Jekyll copies it to the website as it is, without turning it into a page."));
    }
  else
    {
      AushangFrontMatter *fm = aushang_document_get_front_matter (document);
      AushangCollection *collection = (site != NULL && file != NULL) ? aushang_site_find_collection (site, file) : NULL;

      check_front_matter (out, fm, name, site, collection);

      if (site != NULL)
        {
          check_authors (out, fm, site);
          check_image_fields (out, fm, site, collection);
          check_references (out, fm, site);
          check_link_fields (out, fm, file, site, collection);
          check_future (out, fm, site, name_date);
          if (collection != NULL)
            check_schema (out, fm, site, collection);
        }

      /* jekyll 4.3.1 stops the build on an impossible date in a post's
       * file name ("does not have a valid date in the filename").
       * test-jekyll-check: post-name-bad-date. */
      if (name_date != NULL && aushang_front_matter_get (fm, "date") == NULL &&
          !aushang_yaml_parse_jekyll_date (name_date, NULL))
        add (out, AUSHANG_SEVERITY_ERROR, 1, 1, NULL,
             _("The date “%s” in the file name is not a real date, and Jekyll stops building the whole site."),
             name_date);
    }

  if (site != NULL && problem == NULL)
    check_blocks (out, document, site);
  if (site != NULL && problem == NULL)
    check_body_links (out, document, file, site);
  if (problem == NULL)
    check_body_images (out, document, site);

  g_ptr_array_sort (out, compare_diagnostics);

  return out;
}

/* Data files */

/* A date's text sorts among ISO dates (what sort: 'date' compares). */
static gboolean
form_sorts (const char *form)
{
  return form != NULL && g_str_has_prefix (form, "%Y-%m-%d");
}

static const char *
form_example (const char *form)
{
  if (g_str_has_prefix (form, "%Y-%m-%d %H:%M:%S"))
    return "2025-06-17 16:30:00";
  if (g_str_has_prefix (form, "%Y-%m-%d %H:%M"))
    return "2025-06-17 16:30";
  if (strcmp (form, "%Y-%m-%d") == 0)
    return "2025-06-17";
  if (strcmp (form, "%d.%m.%Y") == 0)
    return "17.06.2025";
  if (strcmp (form, "%-d.%-m.%Y") == 0)
    return "17.6.2025";

  return "2025-6-17";
}

/* Dates of one list written in another form than most of them. */
static void
check_date_forms (GPtrArray       *out,
                  AushangDataFile *file,
                  const char      *key)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_dates = 0, n_text = 0, n_values = 0, best = 0;
  g_autofree char *form = NULL;
  gboolean as_text;

  for (guint i = 0; i < aushang_data_file_get_n_entries (file); i++)
    {
      gboolean hidden = FALSE;
      AushangValue *entry = aushang_data_file_get_entry (file, i, &hidden, NULL, NULL);
      AushangValue *value = aushang_value_lookup (entry, key);
      g_autofree char *this_form = NULL;
      gboolean this_text = FALSE;
      guint n;

      if (hidden || value == NULL || aushang_value_get_kind (value) == AUSHANG_VALUE_NULL)
        continue;
      n_dates++;
      this_form = aushang_schema_date_form (value, &this_text);
      if (this_form == NULL)
        continue;
      if (this_text)
        n_text++;
      else
        n_values++;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, this_form)) + 1;
      g_hash_table_insert (counts, g_strdup (this_form), GUINT_TO_POINTER (n));
      if (n > best)
        {
          best = n;
          g_free (form);
          form = g_strdup (this_form);
        }
    }

  /* Only where most dates have one form; free text everywhere (“30.09 -
   * 01.10.2022”) is no list sorted by date. */
  if (form == NULL || n_dates < 2 || best * 2 <= n_dates)
    return;
  as_text = n_text >= n_values;

  for (guint i = 0; i < aushang_data_file_get_n_entries (file); i++)
    {
      gboolean hidden = FALSE;
      AushangValue *entry = aushang_data_file_get_entry (file, i, &hidden, NULL, NULL);
      AushangValue *value = aushang_value_lookup (entry, key);
      g_autofree char *this_form = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *better = NULL;
      g_autoptr(GDateTime) date = NULL;
      gboolean this_text = FALSE;
      guint line;

      if (hidden || value == NULL || aushang_value_get_kind (value) == AUSHANG_VALUE_NULL)
        continue;

      this_form = aushang_schema_date_form (value, &this_text);
      line = aushang_data_file_get_key_line (file, i, key);
      shown = aushang_value_to_display (value);

      if (this_form != NULL && strcmp (this_form, form) == 0)
        {
          if (this_text != as_text && as_text)
            add (out, AUSHANG_SEVERITY_WARNING, line, 1, key,
                 /* Translators: %s is a date as written. */
                 _("The date %s has no quotes, unlike the other dates of the list, so Jekyll reads it as a date rather than as text; comparisons with the others then fail. Write it in quotes like the others."),
                 shown);
          else if (this_text != as_text)
            add (out, AUSHANG_SEVERITY_WARNING, line, 1, key,
                 _("The date “%s” is in quotes, unlike the other dates of the list, so Jekyll reads it as text rather than as a date. Remove the quotes."),
                 shown);
          continue;
        }

      if (this_form != NULL || aushang_yaml_parse_jekyll_date (shown, &date))
        {
          if (date == NULL)
            aushang_yaml_parse_jekyll_date (shown, &date);
          better = date ? aushang_schema_format_date (date, form) : NULL;
        }

      if (form_sorts (form))
        {
          if (better != NULL)
            add (out, AUSHANG_SEVERITY_WARNING, line, 1, key,
                 /* Translators: the first %s is a date as written, the second the same date as the list writes dates. */
                 _("The date “%s” is written differently from the other dates of the list, so Jekyll’s sort: 'date' puts it in the wrong place. Write it as %s."),
                 shown, better);
          else
            add (out, AUSHANG_SEVERITY_WARNING, line, 1, key,
                 /* Translators: the first %s is a value, the second an example date. */
                 _("“%s” is not a date like the other dates of the list, so Jekyll’s sort: 'date' puts it in the wrong place. Write a date like %s."),
                 shown, form_example (form));
        }
      else if (better != NULL)
        add (out, AUSHANG_SEVERITY_WARNING, line, 1, key,
             _("The date “%s” is written differently from the other dates of the list. Write it as %s."),
             shown, better);
    }
}

static void
check_entry (GPtrArray       *out,
             AushangDataFile *file,
             AushangSite     *site,
             guint            index,
             AushangValue    *entry,
             guint            first_line)
{
  AushangSchema *schema = aushang_data_file_get_schema (file);
  GPtrArray *fields = aushang_schema_get_fields (schema);
  AushangValue *featured = aushang_value_lookup (entry, "featured");

  for (guint f = 0; f < fields->len; f++)
    {
      AushangField *field = g_ptr_array_index (fields, f);
      AushangValue *value = aushang_value_lookup (entry, field->key);
      guint line = aushang_data_file_get_key_line (file, index, field->key);
      const char *text;

      if (value == NULL)
        {
          if (field->required)
            add (out, AUSHANG_SEVERITY_WARNING, first_line, 1, field->key,
                 /* Translators: %u is an entry's number, %s a field name. */
                 _("Entry %u has no “%s”, which nearly every other entry has."),
                 index + 1, field->key);
          continue;
        }

      if (field->kind == AUSHANG_FIELD_TIME)
        {
          if (aushang_value_get_kind (value) == AUSHANG_VALUE_INTEGER)
            {
              gint64 seconds = aushang_value_get_integer (value);
              g_autofree char *number = aushang_value_to_display (value);

              /* Checked with jekyll 4.3.1: time: 16:30 shows as 59400. */
              if (seconds >= 0 && seconds < 24 * 3600 && seconds % 60 == 0)
                add (out, AUSHANG_SEVERITY_ERROR, line, 1, field->key,
                     /* Translators: %d:%02d is a time like 16:30, %s the number Jekyll shows. */
                     _("Without quotes Jekyll reads the time %d:%02d as the number %s and shows that. Write it in quotes: \"%02d:%02d\"."),
                     (int) (seconds / 3600), (int) (seconds % 3600 / 60), number,
                     (int) (seconds / 3600), (int) (seconds % 3600 / 60));
              else
                add (out, AUSHANG_SEVERITY_WARNING, line, 1, field->key,
                     _("“%s” is not a time like 16:30."), number);
              continue;
            }

          if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING &&
              !aushang_schema_is_time (aushang_value_get_string (value)) &&
              *aushang_value_get_string (value) != '\0')
            add (out, AUSHANG_SEVERITY_WARNING, line, 1, field->key,
                 /* Translators: %s is what the entry holds. */
                 _("“%s” is not a time like 16:30."),
                 aushang_value_get_string (value));
          continue;
        }

      if (aushang_value_get_kind (value) != AUSHANG_VALUE_STRING || site == NULL)
        continue;
      text = aushang_value_get_string (value);

      if (field->kind == AUSHANG_FIELD_IMAGE)
        {
          if (*text != '\0' && !site_has_file (site, text))
            add (out, AUSHANG_SEVERITY_WARNING, line, 1, field->key,
                 /* Translators: %s is a path like /assets/images/a.png. */
                 _("The image “%s” does not exist in the site."), text);
          continue;
        }

      if ((field->kind == AUSHANG_FIELD_URL || g_str_has_suffix (field->key, "url") ||
           g_str_has_suffix (field->key, "link")) &&
          text[0] == '/' && !aushang_site_has_path (site, text))
        add (out, AUSHANG_SEVERITY_WARNING, line, 1, field->key,
             /* Translators: %s is a path like /beitraege/repair-cafe/. */
             _("“%s” leads to no page of the site. Check the address, or whether the page it names still exists."),
             text);
      else if ((field->kind == AUSHANG_FIELD_URL || g_str_has_suffix (field->key, "url") ||
                g_str_has_suffix (field->key, "link")) && (text[0] == '/' || text[0] == '{'))
        {
          /* The page is there: its #section, and /x/ against x.html. */
          g_autofree char *message = NULL;

          if (aushang_site_check_link (site, text, NULL, NULL, &message) != AUSHANG_LINK_OK)
            add (out, AUSHANG_SEVERITY_WARNING, line, 1, field->key, "%s", message);
        }
    }

  if (featured != NULL && aushang_value_get_kind (featured) == AUSHANG_VALUE_BOOLEAN &&
      aushang_value_get_boolean (featured))
    {
      g_autoptr(GDateTime) date = aushang_data_file_dup_entry_date (file, index);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                          g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now), 0, 0, 0);
      const char *date_key = aushang_data_file_get_date_key (file, NULL);

      if (date != NULL && date_key != NULL)
        {
          g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (date),
                                                            g_date_time_get_month (date),
                                                            g_date_time_get_day_of_month (date), 0, 0, 0);

          if (g_date_time_compare (day, today) < 0)
            {
              g_autofree char *shown = aushang_value_to_display (aushang_value_lookup (entry, date_key));

              add (out, AUSHANG_SEVERITY_WARNING, aushang_data_file_get_key_line (file, index, "featured"), 1,
                   "featured",
                   /* Translators: %s is a date. */
                   _("This event is featured, but its date %s has passed."),
                   shown);
            }
        }
    }
}

GPtrArray *
aushang_check_data_file (AushangDataFile *file,
                         AushangSite     *site)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_diagnostic_free);
  const GError *problem;
  AushangYamlEdit *yaml;
  guint line = 0, column = 0;
  const char *date_key;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (file), out);

  if (aushang_data_file_get_kind (file) == AUSHANG_DATA_FILE_READ_ONLY)
    return out;

  /* Checked with jekyll 4.3.1: a data file it cannot read stops the
   * build. */
  problem = aushang_data_file_get_error (file, &line, &column);
  if (problem != NULL)
    {
      add (out, AUSHANG_SEVERITY_ERROR, MAX (line, 1), MAX (column, 1), NULL, "%s", problem->message);
      return out;
    }

  yaml = aushang_data_file_get_yaml (file);
  if (yaml != NULL && aushang_yaml_edit_get_ignored_line (yaml) != 0)
    add (out, AUSHANG_SEVERITY_WARNING, aushang_yaml_edit_get_ignored_line (yaml), 1, NULL,
         _("Jekyll reads only the first part of the file: what follows the “---” line before this one is ignored."));

  if (aushang_data_file_get_kind (file) != AUSHANG_DATA_FILE_ENTRIES)
    return out;

  for (guint i = 0; i < aushang_data_file_get_n_entries (file); i++)
    {
      gboolean hidden = FALSE;
      guint first = 0;
      AushangValue *entry = aushang_data_file_get_entry (file, i, &hidden, &first, NULL);

      if (!hidden)
        check_entry (out, file, site, i, entry, first);
    }

  date_key = aushang_data_file_get_date_key (file, NULL);
  if (date_key != NULL)
    check_date_forms (out, file, date_key);

  g_ptr_array_sort (out, compare_diagnostics);

  return out;
}
