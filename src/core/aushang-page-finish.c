/* aushang-page-finish.c
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

/* A site page made ready for the preview, and the places where Jekyll's
 * kramdown writes Markdown differently from cmark. */

/* kramdown's smart_quotes option (in _config.yml under kramdown:), as a
 * string ("sbquo,lsquo,bdquo,ldquo") for aushang_markdown_set_smart_quotes(),
 * or NULL: the typographic quotes Markdown makes of ' and " in the site's
 * language, German „…“ for example. */
char *
aushang_page_smart_quotes (AushangPageContext *self)
{
  AushangValue *kramdown = aushang_value_lookup (self->config, "kramdown");
  AushangValue *option = kramdown != NULL && aushang_value_get_kind (kramdown) == AUSHANG_VALUE_MAP
                         ? aushang_value_lookup (kramdown, "smart_quotes") : NULL;
  g_auto(GStrv) names = NULL;

  if (option == NULL)
    return NULL;
  if (aushang_value_get_kind (option) == AUSHANG_VALUE_STRING)
    return g_strdup (aushang_value_get_string (option));
  names = aushang_value_dup_strv (option);
  return names != NULL ? g_strjoinv (",", names) : NULL;
}

/* Whether @p starts with the literal @s: its length known when compiled
 * (this runs at every '<' of a page that can be megabytes). */
#define STARTS(p, s) (strncmp ((p), (s), sizeof (s) - 1) == 0)

/* Code as Jekyll's kramdown with Rouge writes it: blocks in
 * <div class="language-X highlighter-rouge"><div class="highlight"><pre
 * class="highlight"><code>, inline code with class
 * "language-plaintext highlighter-rouge"; a stray </img> is text. */
char *
aushang_page_apply_kramdown_code (const char *html)
{
  GString *out = NULL;
  gboolean in_block = FALSE;
  const char *run = html;
  const char *p = html;

  /* Only a '<' can start what changes; the text up to it stays in the
   * run, copied where something changes (a long page without code is
   * copied once). */
#define FLUSH() G_STMT_START {                                           \
    if (out == NULL)                                                    \
      out = g_string_sized_new (strlen (html) + 1024);                  \
    g_string_append_len (out, run, p - run);                            \
  } G_STMT_END
  while ((p = strchr (p, '<')) != NULL)
    {
      /* All that changes starts "<pr", "<co", "</c" or "</i"; most tags
       * do not. */
      if (!((p[1] == 'p' && p[2] == 'r') || (p[1] == 'c' && p[2] == 'o') ||
            (p[1] == '/' && (p[2] == 'c' || p[2] == 'i'))))
        {
          p++;
          continue;
        }
      if (!in_block && STARTS (p, "<pre><code>"))
        {
          FLUSH ();
          g_string_append (out, "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\">"
                                "<pre class=\"highlight\"><code>");
          p += strlen ("<pre><code>");
          in_block = TRUE;
        }
      else if (!in_block && STARTS (p, "<pre><code class=\"language-"))
        {
          const char *lang = p + strlen ("<pre><code class=\"language-");
          const char *end = lang;

          while (*end != '\0' && *end != '"' && *end != '>')
            end++;
          if (end[0] != '"' || end[1] != '>')
            {
              p++;
              continue;
            }
          FLUSH ();
          g_string_append (out, "<div class=\"language-");
          g_string_append_len (out, lang, end - lang);
          g_string_append (out, " highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>");
          p = end + 2;
          in_block = TRUE;
        }
      else if (in_block && STARTS (p, "</code></pre>"))
        {
          FLUSH ();
          g_string_append (out, "</code></pre></div></div>");
          p += strlen ("</code></pre>");
          in_block = FALSE;
        }
      else if (!in_block && STARTS (p, "<code>"))
        {
          FLUSH ();
          g_string_append (out, "<code class=\"language-plaintext highlighter-rouge\">");
          p += strlen ("<code>");
        }
      else if (!in_block && STARTS (p, "</img>"))
        {
          FLUSH ();
          g_string_append (out, "&lt;/img&gt;");
          p += strlen ("</img>");
        }
      else
        {
          p++;
          continue;
        }
      run = p;
    }
#undef FLUSH
  if (out == NULL)
    return g_strdup (html);
  g_string_append (out, run);
  return g_string_free (out, FALSE);
}

#undef STARTS

/* ------------------------------------------------------------------------ */
/* The page in the preview                                                    */

static const char preview_style[] =
  ".aushang-card { font: 15px/1.45 system-ui, sans-serif; margin: 12px; padding: 12px 16px;"
  " border-radius: 8px; background: #fff3cd; color: #3d2e00; border: 1px solid #e5c100; }\n"
  ".aushang-card.aushang-error { background: #fde8e8; color: #5c0b0b; border-color: #e01b24; }\n"
  ".aushang-missing-image { display: inline-block; min-width: 8em; min-height: 4em; padding: 8px;"
  " border: 2px dashed #c01c28; color: #c01c28; background: #fff; font: 13px/1.3 system-ui, sans-serif; }\n";

typedef struct
{
  AushangPageContext          *self;
  const AushangPreviewOptions *options;
  const char                  *baseurl;
  const char                  *site_url;
  gboolean                     needs_plain_style;
  char                        *sass_entry;
} Finish;

/* A site path ("/assets/x.png") for an address of the page, or NULL when
 * the address points elsewhere. */
static char *
site_path_of (Finish     *finish,
              const char *value)
{
  const char *p = value;

  if (finish->site_url != NULL && *finish->site_url != '\0' && g_str_has_prefix (p, finish->site_url))
    {
      p += strlen (finish->site_url);
      if (*p != '/' && *p != '\0')
        return NULL;
    }
  if (finish->baseurl != NULL && *finish->baseurl != '\0' && g_str_has_prefix (p, finish->baseurl) &&
      (p[strlen (finish->baseurl)] == '/' || p[strlen (finish->baseurl)] == '\0'))
    p += strlen (finish->baseurl);
  if (*p == '\0')
    return g_strdup ("/");
  if (*p != '/' || p[1] == '/')
    return NULL;
  return g_strdup (p);
}

static gboolean
site_file_exists (Finish     *finish,
                  const char *site_path)
{
  g_autofree char *path_only = g_strndup (site_path, strcspn (site_path, "?#"));
  g_autofree char *unescaped = g_uri_unescape_string (path_only, NULL);
  g_autofree char *full = NULL;

  if (unescaped == NULL || strstr (unescaped, "..") != NULL)
    return FALSE;
  full = g_build_filename (finish->self->folder_path, unescaped, NULL);
  return g_file_test (full, G_FILE_TEST_EXISTS);
}

static char *
attribute_value (const char *tag,
                 const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("\\s%s\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  char *value = NULL;

  if (regex != NULL && g_regex_match (regex, tag, 0, &info))
    {
      for (int group = 2; group <= 4 && value == NULL; group++)
        {
          int start, end;

          if (g_match_info_fetch_pos (info, group, &start, &end) && start >= 0)
            value = g_strndup (tag + start, end - start);
        }
    }
  return value;
}

/* An address kept as written, or made an address of the site. */
static void
append_url (Finish     *finish,
            GString    *result,
            const char *before,
            gsize       before_len,
            const char *quote,
            gsize       quote_len,
            const char *value)
{
  g_autofree char *site_path = site_path_of (finish, value);

  g_string_append_len (result, before, before_len);
  g_string_append_len (result, quote, quote_len);
  if (site_path != NULL && finish->options->site_uri_prefix != NULL)
    {
      const char *prefix = finish->options->site_uri_prefix;

      g_string_append (result, prefix);
      g_string_append (result, g_str_has_suffix (prefix, "/") ? site_path + 1 : site_path);
    }
  else
    g_string_append (result, value);
  g_string_append_len (result, quote, quote_len);
}

static gboolean
rewrite_url_cb (const GMatchInfo *info,
                GString          *result,
                gpointer          user_data)
{
  g_autofree char *before = g_match_info_fetch (info, 1);
  g_autofree char *quote = g_match_info_fetch (info, 2);
  g_autofree char *value = g_match_info_fetch (info, 3);

  append_url (user_data, result, before, strlen (before), quote, strlen (quote), value);
  return FALSE;
}

/* A stylesheet the site makes with Sass is read from _site/ when the site
 * was built; otherwise the page gets the built-in style. */
static void
rewrite_link (Finish     *finish,
              const char *tag,
              GString    *result)
{
  g_autofree char *rel = attribute_value (tag, "rel");
  g_autofree char *href = attribute_value (tag, "href");
  g_autofree char *site_path = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *built = NULL;
  const char *dot;

  if (rel == NULL || href == NULL || strstr (rel, "stylesheet") == NULL ||
      (site_path = site_path_of (finish, href)) == NULL || site_file_exists (finish, site_path))
    {
      g_string_append (result, tag);
      return;
    }
  dot = strrchr (site_path, '.');
  stem = dot != NULL ? g_strndup (site_path, dot - site_path) : g_strdup (site_path);
  {
    g_autofree char *scss = g_strconcat (stem, ".scss", NULL);
    g_autofree char *sass = g_strconcat (stem, ".sass", NULL);

    if (!site_file_exists (finish, scss) && !site_file_exists (finish, sass))
      {
        g_string_append (result, tag);
        return;
      }
  }
  built = g_strconcat ("/_site", site_path, NULL);
  if (site_file_exists (finish, built))
    {
      if (finish->options->site_uri_prefix != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (built + 1, -1);

          g_string_append_printf (result, "<link rel=\"stylesheet\" href=\"%s%s\">",
                                  finish->options->site_uri_prefix, escaped);
        }
      else
        g_string_append (result, tag);
      return;
    }
  finish->needs_plain_style = TRUE;
  g_free (finish->sass_entry);
  finish->sass_entry = g_strdup (site_path);
}

/* An image of the site that is not there is a box naming the path. */
static void
check_image (Finish     *finish,
             const char *tag,
             GString    *result)
{
  g_autofree char *src = attribute_value (tag, "src");
  g_autofree char *site_path = src != NULL ? site_path_of (finish, src) : NULL;
  g_autofree char *built = NULL;

  if (site_path == NULL || finish->options->site_uri_prefix == NULL ||
      site_file_exists (finish, site_path))
    {
      g_string_append (result, tag);
      return;
    }
  built = g_strconcat ("/_site", site_path, NULL);
  if (site_file_exists (finish, built))
    {
      g_string_append (result, tag);
      return;
    }
  {
    g_autofree char *escaped = g_markup_escape_text (site_path, -1);
    g_autofree char *label = g_markup_printf_escaped (_("Image missing: %s"), site_path);

    g_string_append_printf (result, "<span class=\"aushang-missing-image\" title=\"%s\">%s</span>",
                            escaped, label);
  }
}

/* A widget made by a script from elsewhere (<pretix-widget event="…">)
 * shows nothing without the script: unless its <noscript> text follows,
 * a card names it, its parameters and where it leads. */
static char *
widget_cards (const char *html)
{
  g_autoptr(GRegex) element = g_regex_new ("<([a-z][a-z0-9]*-[a-z0-9-]*)((?:\\s[^>]*)?)>",
                                           G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GRegex) attribute = g_regex_new ("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
                                             0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  GString *out = g_string_new (NULL);
  const char *run = html;

  g_regex_match (element, html, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *name = g_match_info_fetch (info, 1);
      g_autofree char *attributes = g_match_info_fetch (info, 2);
      g_autofree char *closing = g_strdup_printf ("</%s>", name);
      g_autoptr(GMatchInfo) attrs = NULL;
      g_autoptr(GString) params = g_string_new (NULL);
      g_autofree char *link = NULL;
      g_autofree char *label = NULL;
      const char *after;
      const char *end_tag;
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      after = html + end;
      end_tag = strstr (after, closing);
      if (end_tag != NULL)
        after = end_tag + strlen (closing);
      if (end_tag != NULL)
        {
          /* Its <noscript> comes right after it. */
          const char *next = after;

          while (g_ascii_isspace (*next))
            next++;
          if (g_str_has_prefix (next, "<div class=\"aushang-noscript\""))
            end_tag = NULL;
        }
      if (end_tag == NULL || run > html + start)
        {
          g_match_info_next (info, NULL);
          continue;
        }

      g_regex_match (attribute, attributes, 0, &attrs);
      while (g_match_info_matches (attrs))
        {
          g_autofree char *key = g_match_info_fetch (attrs, 1);
          g_autofree char *value = g_match_info_fetch (attrs, 2);

          if (value == NULL || *value == '\0')
            {
              g_free (value);
              value = g_match_info_fetch (attrs, 3);
            }
          if (link == NULL && (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://")))
            link = g_strdup (value);
          if (params->len > 0)
            g_string_append (params, " · ");
          g_string_append_printf (params, "%s: %s", key, value);
          g_match_info_next (attrs, NULL);
        }

      g_string_append_len (out, run, after - run);
      /* Translators: a widget a script from elsewhere draws on the
       * published page ("pretix-widget"), and its parameters. */
      label = g_markup_printf_escaped (_("%s (drawn by a script on the published page)"), name);
      g_string_append_printf (out, "<div class=\"aushang-card\" role=\"note\">%s", label);
      if (params->len > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (params->str, -1);

          g_string_append_printf (out, "<br>%s", escaped);
        }
      if (link != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (link, -1);

          g_string_append_printf (out, "<br><a href=\"%s\">%s</a>", escaped, escaped);
        }
      g_string_append (out, "</div>");
      run = after;
      g_match_info_next (info, NULL);
    }
  g_string_append (out, run);
  return g_string_free (out, FALSE);
}

typedef void (*TagFunc) (Finish     *finish,
                         const char *tag,
                         GString    *result);

static gboolean
link_cb (const GMatchInfo *info,
         GString          *result,
         gpointer          user_data)
{
  g_autofree char *tag = g_match_info_fetch (info, 0);

  rewrite_link (user_data, tag, result);
  return FALSE;
}

static gboolean
image_cb (const GMatchInfo *info,
          GString          *result,
          gpointer          user_data)
{
  g_autofree char *tag = g_match_info_fetch (info, 0);

  check_image (user_data, tag, result);
  return FALSE;
}

static char *
replace_eval (const char           *pattern,
              GRegexCompileFlags    flags,
              const char           *html,
              GRegexEvalCallback    callback,
              gpointer              user_data)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, NULL);

  return g_regex_replace_eval (regex, html, -1, 0, 0, callback, user_data, NULL);
}

char *
aushang_page_replace_literal (const char         *pattern,
                 GRegexCompileFlags  flags,
                 const char         *html,
                 const char         *replacement)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, NULL);

  return g_regex_replace (regex, html, -1, 0, replacement, 0, NULL);
}

/* Puts @snippet after the first match of @pattern (an opening tag), or at
 * the start. */
char *
aushang_page_insert_after (const char *html,
              const char *pattern,
              const char *snippet)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  int start, end;

  if (g_regex_match (regex, html, 0, &info) && g_match_info_fetch_pos (info, 0, &start, &end))
    {
      /* Not g_strdup_printf(): a page can be megabytes. */
      gsize len = strlen (html), snippet_len = strlen (snippet);
      char *out = g_malloc (len + snippet_len + 1);

      memcpy (out, html, end);
      memcpy (out + end, snippet, snippet_len);
      memcpy (out + end + snippet_len, html + end, len - end + 1);
      return out;
    }
  return g_strconcat (snippet, html, NULL);
}

/* ------------------------------------------------------------------------ */
/* The passes as hand-written scans                                           */

/* The passes below read the page as GRegex (UTF-8, Unicode properties,
 * any newline) reads it, for ASCII. Where the page holds a character for
 * which Unicode says more (a space other than ASCII's, a newline NEL/LS/PS,
 * "ſ" and the Kelvin sign that match s and k without case), the page
 * goes through the regular expressions instead. A page of megabytes is
 * scanned once per pass, not matched character by character.
 *
 * Whether the character at @p is one of those: */
static gboolean
unicode_subtlety (const guchar *p)
{
  switch (*p)
    {
    case 0xc2: /* NEL, NO-BREAK SPACE */
      if (p[1] == 0x85 || p[1] == 0xa0)
        return TRUE;
      break;
    case 0xc5: /* LATIN SMALL LETTER LONG S */
      if (p[1] == 0xbf)
        return TRUE;
      break;
    case 0xe1: /* OGHAM SPACE MARK, MONGOLIAN VOWEL SEPARATOR */
      if ((p[1] == 0x9a && p[2] == 0x80) || (p[1] == 0xa0 && p[2] == 0x8e))
        return TRUE;
      break;
    case 0xe2: /* U+2000–200A, LS, PS, U+202F, U+205F, KELVIN SIGN */
      if ((p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xa8 || p[2] == 0xa9 ||
                            p[2] == 0xaf)) ||
          (p[1] == 0x81 && p[2] == 0x9f) || (p[1] == 0x84 && p[2] == 0xaa))
        return TRUE;
      break;
    case 0xe3: /* IDEOGRAPHIC SPACE */
      if (p[1] == 0x80 && p[2] == 0x80)
        return TRUE;
      break;
    default:
      break;
    }
  return FALSE;
}

static gboolean
has_unicode_subtleties (const char *html)
{
  static const guchar leads[] = { 0xc2, 0xc5, 0xe1, 0xe2, 0xe3 };

  /* By the first byte of each (strchr is faster than a loop of bytes). */
  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    for (const char *hit = html; (hit = strchr (hit, leads[i])) != NULL; hit++)
      if (unicode_subtlety ((const guchar *) hit))
        return TRUE;
  return FALSE;
}


/* \s of the regular expressions, for ASCII. */
static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Where "." of the regular expressions stops, for ASCII. */
static inline gboolean
is_newline (char c)
{
  return c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The first "<NAME" (any case) from @p up to @last followed by a word
 * boundary, or NULL; *@unsure where a character after it is a letter beyond ASCII
 * (the regular expression decides). */
static const char *
find_tag_start (const char *p,
                const char *last,
                const char *name,
                gboolean   *unsure)
{
  gsize len = strlen (name);

  while ((p = strchr (p, '<')) != NULL && p <= last)
    {
      guchar after;

      if ((p[1] | 0x20) != name[0] || g_ascii_strncasecmp (p + 1, name, len) != 0)
        {
          p++;
          continue;
        }
      after = p[1 + len];
      if (after >= 0x80)
        {
          *unsure = TRUE;
          return NULL;
        }
      if (!g_ascii_isalnum (after) && after != '_')
        return p;
      p++;
    }
  return NULL;
}

/* Each "<NAME\b[^>]*>" of @html from @first to @last (where the survey
 * found "<NAME") through @func; NULL where none changes (the page stays
 * as it is), or where the regular expression has to decide (*@unsure). */
static char *
replace_tags (Finish     *finish,
              const char *html,
              const char *first,
              const char *last,
              const char *name,
              TagFunc     func,
              gboolean   *unsure)
{
  GString *out = NULL;
  const char *run = html;
  const char *p = first;

  if (first == NULL)
    return NULL;
  while ((p = find_tag_start (p, last, name, unsure)) != NULL)
    {
      const char *gt = strchr (p, '>');
      g_autofree char *tag = NULL;
      g_autoptr(GString) made = NULL;

      if (gt == NULL)
        break;
      tag = g_strndup (p, gt + 1 - p);
      made = g_string_new (NULL);
      func (finish, tag, made);
      if (strcmp (made->str, tag) != 0)
        {
          if (out == NULL)
            out = g_string_sized_new (strlen (html) + 1024);
          g_string_append_len (out, run, p - run);
          g_string_append_len (out, made->str, made->len);
          run = gt + 1;
        }
      p = gt + 1;
    }
  if (*unsure)
    {
      if (out != NULL)
        g_string_free (out, TRUE);
      return NULL;
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, run);
  return g_string_free (out, FALSE);
}

/* (\s(?:src|href|poster)\s*=\s*)(["'])(.*?)\2, any case, through
 * append_url(); NULL where there is none. */
static char *
rewrite_urls (Finish     *finish,
              const char *html)
{
  GString *out = NULL;
  const char *run = html;
  const char *resume = html;

  /* Each match has an '=' after the name: from each '=', back over
   * spaces, the name and the space before it is where a match can start
   * (in order, one per '='). */
  for (const char *eq = html; (eq = strchr (eq, '=')) != NULL; eq++)
    {
      const char *p = eq, *q, *value, *end;
      g_autofree char *copy = NULL;

      while (p > html && is_space (p[-1]))
        p--;
      if (p - html >= 4 && g_ascii_strncasecmp (p - 3, "src", 3) == 0)
        p -= 4;
      else if (p - html >= 5 && g_ascii_strncasecmp (p - 4, "href", 4) == 0)
        p -= 5;
      else if (p - html >= 7 && g_ascii_strncasecmp (p - 6, "poster", 6) == 0)
        p -= 7;
      else
        continue;
      if (!is_space (*p) || p < resume)
        continue;
      q = p + 1;
      if (g_ascii_strncasecmp (q, "src", 3) == 0)
        q += 3;
      else if (g_ascii_strncasecmp (q, "href", 4) == 0)
        q += 4;
      else if (g_ascii_strncasecmp (q, "poster", 6) == 0)
        q += 6;
      else
        continue;
      while (is_space (*q))
        q++;
      if (*q != '=')
        continue;
      q++;
      while (is_space (*q))
        q++;
      if (*q != '"' && *q != '\'')
        continue;
      value = end = q + 1;
      while (*end != '\0' && *end != *q && !is_newline (*end))
        end++;
      if (*end != *q)
        continue;
      copy = g_strndup (value, end - value);
      /* An address elsewhere (most of a long page's) stays in the run. */
      if (finish->options->site_uri_prefix != NULL)
        {
          g_autofree char *site_path = site_path_of (finish, copy);

          if (site_path != NULL)
            {
              if (out == NULL)
                out = g_string_sized_new (strlen (html) + 1024);
              g_string_append_len (out, run, p - run);
              append_url (finish, out, p, q - p, q, 1, copy);
              run = end + 1;
            }
        }
      resume = end + 1;
      eq = end;
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, run);
  return g_string_free (out, FALSE);
}

/* What of the rare passes a page needs; one scan. */
typedef struct
{
  gboolean script;     /* "<script", any case */
  gboolean noscript;   /* "<noscript" */
  gboolean closing;    /* "</noscript" */
  gboolean widget;     /* an element whose name has a '-' (<pretix-widget …>) */
  const char *first_link, *last_link;  /* "<link", any case; NULL: none */
  const char *first_img, *last_img;    /* "<img" */
} Survey;

static void
survey (const char *html,
        Survey     *found)
{
  memset (found, 0, sizeof *found);
  for (const char *p = html; (p = strchr (p, '<')) != NULL; p++)
    {
      const char *q = p + 1;

      switch (*q | 0x20)
        {
        case 's':
          found->script |= g_ascii_strncasecmp (q, "script", 6) == 0;
          break;
        case 'n':
          found->noscript |= g_ascii_strncasecmp (q, "noscript", 8) == 0;
          break;
        case 'l':
          if (g_ascii_strncasecmp (q, "link", 4) == 0)
            {
              found->first_link = found->first_link != NULL ? found->first_link : p;
              found->last_link = p;
            }
          break;
        case 'i':
          if (g_ascii_strncasecmp (q, "img", 3) == 0)
            {
              found->first_img = found->first_img != NULL ? found->first_img : p;
              found->last_img = p;
            }
          break;
        case '/':
          found->closing |= g_ascii_strncasecmp (q, "/noscript", 9) == 0;
          continue;
        default:
          break;
        }
      if (!g_ascii_isalpha (*q))
        continue;
      while (g_ascii_isalnum (*q))
        q++;
      found->widget |= *q == '-';
    }
}

/* Takes the result of a pass: a new page, or NULL for the page unchanged. */
static void
take (char       **owned,
      const char **page,
      char        *result)
{
  if (result == NULL)
    return;
  g_free (*owned);
  *owned = result;
  *page = result;
}

/* The passes of finish_with_regex(), the same page, by scans. FALSE
 * where the regular expressions have to decide. */
static gboolean
finish_passes (Finish      *finish,
               const char  *html,
               char       **result)
{
  g_autofree char *owned = NULL;
  const char *page = html;
  gboolean unsure = FALSE;
  const char *before;
  Survey found;

  if (has_unicode_subtleties (html))
    return FALSE;
  /* Scripts never run; what a widget shows without them is shown. Rare
   * on a page: where they are, the regular expressions. */
  survey (page, &found);
  if (found.script)
    {
      take (&owned, &page, aushang_page_replace_literal ("<script\\b[^>]*>.*?</script\\s*>",
                                                         G_REGEX_CASELESS | G_REGEX_DOTALL, page, ""));
      /* What was around a script now meets. */
      survey (page, &found);
    }
  if (found.noscript || found.closing || found.widget)
    {
      if (found.noscript)
        take (&owned, &page, aushang_page_replace_literal ("<noscript\\b([^>]*)>", G_REGEX_CASELESS, page,
                                                           "<div class=\"aushang-noscript\"\\1>"));
      if (found.closing)
        take (&owned, &page, aushang_page_replace_literal ("</noscript\\s*>", G_REGEX_CASELESS, page, "</div>"));
      if (found.widget)
        take (&owned, &page, widget_cards (page));
      survey (page, &found);
    }
  /* The stylesheets and images: where the survey found their tags. */
  before = page;
  take (&owned, &page, replace_tags (finish, page, found.first_link, found.last_link, "link", rewrite_link, &unsure));
  if (unsure)
    {
      unsure = FALSE;
      take (&owned, &page, replace_eval ("<link\\b[^>]*>", G_REGEX_CASELESS, page, link_cb, finish));
    }
  if (page != before)
    survey (page, &found);
  take (&owned, &page, replace_tags (finish, page, found.first_img, found.last_img, "img", check_image, &unsure));
  if (unsure)
    take (&owned, &page, replace_eval ("<img\\b[^>]*>", G_REGEX_CASELESS, page, image_cb, finish));
  take (&owned, &page, rewrite_urls (finish, page));
  *result = owned != NULL ? g_steal_pointer (&owned) : g_strdup (html);
  return TRUE;
}

/* The passes as regular expressions: for pages where Unicode decides,
 * and in the tests, the measure of finish_passes(). */
static char *
finish_with_regex (Finish     *finish,
                   const char *html)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;

  a = aushang_page_replace_literal ("<script\\b[^>]*>.*?</script\\s*>", G_REGEX_CASELESS | G_REGEX_DOTALL, html, "");
  b = aushang_page_replace_literal ("<noscript\\b([^>]*)>", G_REGEX_CASELESS, a, "<div class=\"aushang-noscript\"\\1>");
  c = aushang_page_replace_literal ("</noscript\\s*>", G_REGEX_CASELESS, b, "</div>");
  g_free (a);
  a = widget_cards (c);
  d = replace_eval ("<link\\b[^>]*>", G_REGEX_CASELESS, a, link_cb, finish);
  e = replace_eval ("<img\\b[^>]*>", G_REGEX_CASELESS, d, image_cb, finish);
  return replace_eval ("(\\s(?:src|href|poster)\\s*=\\s*)([\"'])(.*?)\\2", G_REGEX_CASELESS, e,
                       rewrite_url_cb, finish);
}

/* For the tests: the passes by scans (@regex FALSE; NULL where they
 * leave it to the regular expressions) or by regular expressions, and
 * what they found. */
char *
aushang_page_finish_passes (AushangPageContext          *self,
                            const char                  *html,
                            const AushangPreviewOptions *options,
                            gboolean                     regex,
                            char                       **sass_entry)
{
  Finish finish = { self, options, NULL, NULL, FALSE, NULL };
  char *page = NULL;

  finish.baseurl = aushang_page_config_string (self->config, "baseurl", NULL);
  finish.site_url = aushang_page_config_string (self->config, "url", NULL);
  if (regex)
    page = finish_with_regex (&finish, html);
  else if (!finish_passes (&finish, html, &page))
    page = NULL;
  *sass_entry = finish.sass_entry;
  return page;
}

char *
aushang_page_finish (AushangPageContext          *self,
             const char                  *html,
             const AushangPreviewOptions *options)
{
  Finish finish = { self, options, NULL, NULL, FALSE, NULL };
  g_autofree char *a = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GString) top = g_string_new (NULL);
  char *page;

  finish.baseurl = aushang_page_config_string (self->config, "baseurl", NULL);
  finish.site_url = aushang_page_config_string (self->config, "url", NULL);

  if (!finish_passes (&finish, html, &a))
    a = finish_with_regex (&finish, html);

  g_string_append_printf (top, "\n<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n",
                          aushang_preview_page_get_content_security_policy ());
  g_string_append_printf (top, "<style>\n%s", preview_style);
  if (finish.needs_plain_style)
    g_string_append (top, aushang_preview_page_get_style ());
  g_string_append (top, "</style>\n");
  head = aushang_page_insert_after (a, "<head\\b[^>]*>", top->str);
  if (finish.needs_plain_style)
    {
      g_autofree char *message =
        /* Translators: %s is the stylesheet's path, e.g. /assets/css/main.css. */
        g_strdup_printf (_("The site's stylesheet %s is made with Sass when the site is built. "
                           "Until the site has been built once (into _site), the preview uses a plain style."),
                         finish.sass_entry);
      g_autofree char *filled = g_markup_printf_escaped ("<div class=\"aushang-card\" role=\"note\">%s</div>",
                                                         message);

      page = aushang_page_insert_after (head, "<body\\b[^>]*>", filled);
    }
  else
    page = g_steal_pointer (&head);
  g_free (finish.sass_entry);
  return page;
}
