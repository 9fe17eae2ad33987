/* aushang-markdown.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-markdown"

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "aushang-markdown-private.h"

/* How Jekyll 4.3 turns a body into HTML: Liquid runs first over the whole
 * text, then kramdown (GFM input) renders the result. We cannot run Liquid
 * for real, so every tag is cut out and replaced by a token that Markdown
 * leaves alone; cmark-gfm renders the text; then each token is replaced by
 * the tag's HTML in a way that fits where it ended up (a block of its own, a
 * span in running text, text inside code, or an attribute value).
 *
 * Tags are found the way Liquid 5 (Debian 12's Jekyll) finds them: its
 * tokenizer is the regular expression  {%.*?%}|{{.*?}}?  so a tag ends at the
 * first "%}" (or the first "}" of an output), whatever quotes come before.
 *
 * This unit runs the steps; aushang-markdown-liquid.c finds the tags,
 * aushang-markdown-html.c puts tokens in and the tags' HTML back, and
 * aushang-markdown-headings.c gives headings kramdown's ids. */

#define CMARK_OPTIONS (CMARK_OPT_UNSAFE | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | \
                       CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | \
                       CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

static void
render_clear (Render *render)
{
  if (render->rendered != NULL)
    {
      guint i;

      for (i = 0; i < render->tags->len; i++)
        g_free (render->rendered[i]);
      g_free (render->rendered);
    }
  g_clear_pointer (&render->tags, g_ptr_array_unref);
  g_free (render->asked);
  g_free (render->prefix);
  g_clear_pointer (&render->id_counter, g_hash_table_unref);
  g_clear_pointer (&render->unlinked, g_ptr_array_unref);
  if (render->scratch_text != NULL)
    g_string_free (render->scratch_text, TRUE);
  if (render->scratch_id != NULL)
    g_string_free (render->scratch_id, TRUE);
  if (render->scratch_tag != NULL)
    g_string_free (render->scratch_tag, TRUE);
  g_clear_pointer (&render->heading_ids, g_ptr_array_unref);
  g_clear_pointer (&render->attributes, g_ptr_array_unref);
  g_clear_pointer (&render->urls, g_ptr_array_unref);
  g_clear_pointer (&render->line_shifts, g_hash_table_unref);
  g_clear_pointer (&render->md_lines, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Render, render_clear)

/* Whether a line of the NUL-terminated @text could be a heading without
 * content ("#", "## #"), which kramdown takes for text. Container markers
 * and blanks before the "#" are skipped, more generously than Markdown
 * does; like cmark, a "\r" ends a line too. */
static gboolean
may_have_empty_heading (const char *text,
                        gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize end = i + strcspn (text + i, "\r\n");

      while (i < end && strchr (" \t>*+-0123456789.)", text[i]) != NULL)
        i++;
      if (i < end && text[i] == '#')
        {
          while (i < end && (text[i] == '#' || text[i] == ' ' || text[i] == '\t'))
            i++;
          if (i == end)
            return TRUE;
        }
      i = end + 1;
    }

  return FALSE;
}

cmark_parser *
aushang_markdown_new_parser (int options)
{
  static const char * const extensions[] = { "table", "strikethrough", "tasklist" };
  static cmark_syntax_extension *found[G_N_ELEMENTS (extensions)];
  cmark_parser *parser;
  guint i;

  static gsize registered;

  /* cmark-gfm's registry is not thread-safe, and the preview renders in a
   * thread of its own: register once, under GLib's lock, and look the
   * extensions up once. */
  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      for (i = 0; i < G_N_ELEMENTS (extensions); i++)
        {
          found[i] = cmark_find_syntax_extension (extensions[i]);
          if (found[i] == NULL)
            g_warning ("cmark-gfm has no “%s” extension", extensions[i]);
        }
      g_once_init_leave (&registered, 1);
    }

  parser = cmark_parser_new (options);

  for (i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (found[i] != NULL)
      cmark_parser_attach_syntax_extension (parser, found[i]);

  return parser;
}

/* Per thread: whether aushang_markdown_render marks source lines. */
static GPrivate source_lines_key;

gboolean
aushang_markdown_set_source_lines (gboolean source_lines)
{
  gboolean was = GPOINTER_TO_INT (g_private_get (&source_lines_key));

  g_private_set (&source_lines_key, GINT_TO_POINTER (!!source_lines));

  return was;
}

gboolean
aushang_markdown_get_source_lines (void)
{
  return GPOINTER_TO_INT (g_private_get (&source_lines_key));
}

/* The body's line of the line @md_line of what cmark saw: tags that span
 * lines became one token there. @shifts holds pairs (cmark line, lines
 * lost up to and including it), ascending. */
static guint
body_line (GArray *shifts,
           guint   md_line)
{
  guint lost = 0;

  for (guint i = 0; i + 1 < shifts->len; i += 2)
    {
      if (g_array_index (shifts, guint, i) >= md_line)
        break;
      lost = g_array_index (shifts, guint, i + 1);
    }

  return md_line + lost;
}

/* Puts "<!--aushang-line N-->" before each top-level block, N being the
 * body line (1-based) where the block starts: the preview scrolls by it.
 * Comments leave CSS selectors (p:first-child, h2 + p) as they were. */
static void
mark_source_lines (const Render        *render,
                   cmark_node          *document,
                   AushangMarkdownInfo *info)
{
  g_autoptr(GArray) shifts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint md_line = 1, lost = 0;
  gsize pos = 0;
  cmark_node *node, *next, *last = NULL;

  for (guint i = 0; i < render->segments->len; i++)
    {
      const Segment *segment = &g_array_index (render->segments, Segment, i);
      gsize stop = segment->kind == SEGMENT_REMOVE ? segment->end : segment->replace_end;
      guint removed = 0;

      for (gsize j = pos; j < segment->start; j++)
        md_line += render->text[j] == '\n';
      for (gsize j = segment->start; j < stop; j++)
        removed += render->text[j] == '\n';
      pos = stop;
      if (removed > 0)
        {
          lost += removed;
          g_array_append_val (shifts, md_line);
          g_array_append_val (shifts, lost);
        }
    }

  for (node = cmark_node_first_child (document); node != NULL; node = next)
    {
      /* Blocks parsed again count lines from where their text began. */
      int line = aushang_markdown_node_line (render, node, FALSE);
      cmark_node *marker;
      char text[48];

      next = cmark_node_next (node);
      if (line <= 0 || cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION)
        continue;
      g_snprintf (text, sizeof text, "<!--aushang-line %u-->\n", body_line (shifts, (guint) line));
      marker = cmark_node_new (CMARK_NODE_HTML_BLOCK);
      cmark_node_set_literal (marker, text);
      cmark_node_insert_before (node, marker);
      last = node;
      if (info != NULL)
        info->marks++;
    }

  /* Where the last block ends (before the footnotes): the preview puts
   * only changed blocks into the page (aushang-block-diff.c). */
  if (last != NULL)
    {
      cmark_node *marker = cmark_node_new (CMARK_NODE_HTML_BLOCK);

      cmark_node_set_literal (marker, "<!--aushang-end-->\n");
      cmark_node_insert_after (last, marker);
      if (info != NULL)
        info->end_marked = TRUE;
    }
}

/* Whether line @line (1-based) of @text closes a fence of @length
 * characters @fence: up to three spaces, the characters, then blanks. */
static gboolean
line_closes_fence (const char *text,
                   int         line,
                   int         length,
                   char        fence)
{
  const char *p = text;
  int indent = 0, n = 0;

  for (int i = 1; i < line && p != NULL; i++)
    {
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
  if (p == NULL || line < 1)
    return FALSE;
  while (*p == ' ' && indent < 4)
    p++, indent++;
  if (indent > 3)
    return FALSE;
  while (*p == fence)
    p++, n++;
  if (n < length)
    return FALSE;
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '\n' || *p == '\0';
}

/* Whether the last block of @document reaches past the end of the text,
 * as a fenced code block without its closing fence or an HTML block that
 * blank lines do not end ("<!--", "<pre>", …) do: Markdown after the
 * text would belong to it. */
static gboolean
open_at_end (const char *text,
             cmark_node *document)
{
  cmark_node *last = cmark_node_last_child (document);
  int length = 0, offset = 0;
  char fence = 0;

  if (last == NULL)
    return FALSE;
  if (cmark_node_get_type (last) == CMARK_NODE_CODE_BLOCK &&
      cmark_node_get_fenced (last, &length, &offset, &fence))
    return cmark_node_get_end_line (last) <= cmark_node_get_start_line (last) ||
           !line_closes_fence (text, cmark_node_get_end_line (last), length, fence);
  if (cmark_node_get_type (last) == CMARK_NODE_HTML_BLOCK)
    {
      const char *literal = cmark_node_get_literal (last);
      gsize len = literal != NULL ? strlen (literal) : 0;
      gsize start;

      guint lines = 0;

      /* It reaches the text's last line, or its own last line is blank:
       * blank lines did not end it. */
      for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
        lines++;
      if (cmark_node_get_end_line (last) >= (int) lines)
        return TRUE;
      if (len > 0 && literal[len - 1] == '\n')
        len--;
      start = len;
      while (start > 0 && literal[start - 1] != '\n' && literal[start - 1] != '\r')
        start--;
      for (gsize i = start; i < len; i++)
        if (literal[i] != ' ' && literal[i] != '\t')
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The flags of AUSHANG_MARKDOWN_TEXT_* that @md (the text as cmark sees
 * it, NUL-terminated at @md_len) and @text (as written, @text_len bytes
 * long and NUL-terminated) call for, in one pass over each: a flag is set
 * when its string occurs anywhere.
 *   BRACES: "{" or "&";  PIPES: "|";  FOOTNOTES: "[^";  ANGLE: "<";
 *   KRAMDOWN, what aushang_markdown_kramdown_tree() reads: "|", "] []",
 *     "\\\\\n", "\\\\\r\n", "\n: ", "*[", "{:";
 *   QUOTES, where cmark may close a quote kramdown opens: a quote right
 *     after one of ([{])*_`> (a single one after a blank or line break
 *     too), or before one of [(*_`<;
 *   LINKS (in @text): "](" or "]:". */
guint
aushang_markdown_scan_flags (const char *text,
                             gsize       text_len,
                             const char *md,
                             gsize       md_len)
{
  /* The bytes that can start or end one of the strings above. */
  static const guint8 table[256] = {
    ['{'] = 1, ['&'] = 1, ['|'] = 1, ['['] = 1, ['<'] = 1, [']'] = 1,
    ['\\'] = 1, ['\n'] = 1, ['*'] = 1, ['\''] = 1, ['"'] = 1,
  };
  static const char interesting[] = "{&|[<]\\\n*'\"";
  guint flags = 0;

  /* strcspn() skips the other bytes many at a time (md has no NUL). */
  for (gsize i = strcspn (md, interesting); i < md_len; i += 1 + strcspn (md + i + 1, interesting))
    {
      char c = md[i], next;

      if (!table[(guchar) c])
        continue;
      next = md[i + 1];
      switch (c)
        {
        case '{':
          flags |= AUSHANG_MARKDOWN_TEXT_BRACES;
          if (next == ':')
            flags |= AUSHANG_MARKDOWN_TEXT_KRAMDOWN;
          break;
        case '&':
          flags |= AUSHANG_MARKDOWN_TEXT_BRACES;
          break;
        case '|':
          flags |= AUSHANG_MARKDOWN_TEXT_PIPES | AUSHANG_MARKDOWN_TEXT_KRAMDOWN;
          break;
        case '[':
          if (next == '^')
            flags |= AUSHANG_MARKDOWN_TEXT_FOOTNOTES;
          break;
        case '<':
          flags |= AUSHANG_MARKDOWN_TEXT_ANGLE;
          break;
        case ']':
          if (next == ' ' && md[i + 2] == '[' && md[i + 3] == ']')
            flags |= AUSHANG_MARKDOWN_TEXT_KRAMDOWN;
          break;
        case '\\':
          if (next == '\\' && (md[i + 2] == '\n' || (md[i + 2] == '\r' && md[i + 3] == '\n')))
            flags |= AUSHANG_MARKDOWN_TEXT_KRAMDOWN;
          break;
        case '\n':
          if (next == ':' && md[i + 2] == ' ')
            flags |= AUSHANG_MARKDOWN_TEXT_KRAMDOWN;
          break;
        case '*':
          if (next == '[')
            flags |= AUSHANG_MARKDOWN_TEXT_KRAMDOWN;
          break;
        case '\'':
        case '"':
          {
            char before = i > 0 ? md[i - 1] : '\0';

            if ((before != '\0' && strchr ("([{])*_`>", before) != NULL) ||
                (c == '\'' && (before == ' ' || before == '\n')) ||
                (next != '\0' && strchr ("[(*_`<", next) != NULL))
              flags |= AUSHANG_MARKDOWN_TEXT_QUOTES;
          }
          break;
        default:
          break;
        }
    }

  if (may_have_empty_heading (md, md_len))
    flags |= AUSHANG_MARKDOWN_TEXT_EMPTY_HEADING;

  for (const char *p = text; (p = memchr (p, ']', text + text_len - p)) != NULL; p++)
    if (p[1] == '(' || p[1] == ':')
      {
        flags |= AUSHANG_MARKDOWN_TEXT_LINKS;
        break;
      }

  return flags;
}

/* Whether a link or image of @md (NUL-terminated at @len) may have a URL
 * that aushang_markdown_kramdown_take_urls() keeps as written: one with a
 * byte cmark percent-encodes, written as such, escaped or as an entity.
 * Links come from "](" and "]:" (inline links and reference definitions),
 * or from "<" (autolinks). The destination after them is looked at as
 * cmark reads it; anything unusual (angle brackets, parentheses) counts
 * as such a URL. An autolink ("<https://…>", "<name@host>") has no blank
 * and a ":" or "@" before its ">": any such run after a "<" counts. */
static gboolean
may_have_raw_urls (const char *md,
                   gsize       len)
{
  for (const char *p = md; (p = memchr (p, '<', md + len - p)) != NULL; p++)
    for (const char *q = p + 1; *q != '\0' && strchr (" \t\r\n<>", *q) == NULL; q++)
      if (*q == ':' || *q == '@')
        return TRUE;

  for (const char *p = md; (p = memchr (p, ']', md + len - p)) != NULL; p++)
    {
      const char *q;

      if (p[1] != '(' && p[1] != ':')
        continue;
      for (q = p + 2; *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'; q++)
        ;
      if (*q == '<')
        return TRUE;
      for (; *q != '\0' && *q != ')' && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r'; q++)
        if ((guchar) *q >= 0x80 || strchr ("()[]|^{}`\"<>\\&'", *q) != NULL)
          return TRUE;
    }
  return FALSE;
}

/* Whether the HTML in @md (NUL-terminated at @len) can only be inline
 * HTML that is no heading ("<br>" in a line): no "<" that could start an
 * HTML block (only blanks and container markers before it on its line),
 * no "<h". The tree walk then has nothing to do for HTML, and heading ids
 * can come from the rendered <hN>, none of them written as HTML. */
static gboolean
only_inline_html (const char *md,
                  gsize       len)
{
  if (strstr (md, "<h") != NULL || strstr (md, "<H") != NULL)
    return FALSE;
  for (const char *p = md; (p = memchr (p, '<', md + len - p)) != NULL; p++)
    {
      const char *q = p;

      while (q > md && q[-1] != '\n' && q[-1] != '\r' && strchr (" \t>*+-0123456789.)", q[-1]) != NULL)
        q--;
      if (q == md || q[-1] == '\n' || q[-1] == '\r')
        return FALSE;
    }
  return TRUE;
}

/* Finds the tags of @markdown and makes the text cmark reads. */
static GString *
prepare (Scan                    *scan,
         Render                  *render,
         const char              *markdown,
         AushangLiquidRenderFunc  render_tag,
         gpointer                 user_data)
{
  scan->text = markdown;
  scan->len = strlen (markdown);
  scan->places = g_array_new (FALSE, FALSE, sizeof (TagPlace));
  scan->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  aushang_markdown_scan_run (scan);
  g_clear_pointer (&scan->tokens, g_array_unref);

  render->text = markdown;
  render->places = scan->places;
  render->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_liquid_tag_free);
  g_ptr_array_set_size (render->tags, scan->places->len);
  render->segments = scan->segments;
  render->prefix = aushang_markdown_choose_prefix (markdown);
  render->prefix_len = strlen (render->prefix);
  render->render_tag = render_tag;
  render->user_data = user_data;
  render->rendered = g_new0 (char *, scan->places->len + 1);
  render->asked = g_new0 (guint8, scan->places->len + 1);
  render->id_counter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  render->unlinked = g_ptr_array_new_with_free_func ((GDestroyNotify) cmark_node_free);
  render->scratch_text = g_string_new (NULL);
  render->scratch_id = g_string_new (NULL);
  render->scratch_tag = g_string_new (NULL);
  render->heading_ids = g_ptr_array_new_with_free_func (g_free);
  render->attributes = g_ptr_array_new_with_free_func (aushang_markdown_attributes_free);

  return aushang_markdown_build_markdown (render, scan->len);
}

guint
aushang_markdown_text_flags (const char *markdown)
{
  g_auto(Scan) scan = { 0, };
  g_auto(Render) render = { 0, };
  GString *md = prepare (&scan, &render, markdown, NULL, NULL);
  guint flags = aushang_markdown_scan_flags (markdown, scan.len, md->str, md->len);

  g_string_free (md, TRUE);
  return flags;
}

char *
aushang_markdown_render_text (const char              *markdown,
                              AushangLiquidRenderFunc  render_tag,
                              gpointer                 user_data,
                              guint                    force_flags,
                              AushangMarkdownInfo     *info)
{
  g_auto(Scan) scan = { 0, };
  g_auto(Render) render = { 0, };
  GString *md;
  cmark_parser *parser;
  cmark_node *document;
  char *html;
  char *result;
  guint flags;
  gboolean site_quotes;
  gboolean raw_urls;

  if (markdown == NULL)
    markdown = "";

  md = prepare (&scan, &render, markdown, render_tag, user_data);
  if (info != NULL)
    render.id_seed = info->id_seed;
  /* What the text calls for, and what the text it is a part of does
   * (aushang-markdown-chunks.c): the steps below take the same paths. */
  site_quotes = aushang_markdown_kramdown_quotes (&render);
  flags = aushang_markdown_scan_flags (markdown, scan.len, md->str, md->len);
  /* Only a link can have a URL to keep as written: autolinks need a "<". */
  raw_urls = may_have_raw_urls (md->str, md->len);
  if (info != NULL)
    info->flags = flags;
  flags |= force_flags;
  if (site_quotes || (flags & AUSHANG_MARKDOWN_TEXT_QUOTES) != 0)
    {
      render.custom_quotes = TRUE;
      aushang_markdown_kramdown_hide_quotes (md->str, md->len);
    }

  /* Footnotes only when a "[^" could start one: they cost two walks over
   * the whole tree and change nothing without one. */
  render.options = CMARK_OPTIONS;
  if ((flags & AUSHANG_MARKDOWN_TEXT_FOOTNOTES) == 0)
    render.options &= ~CMARK_OPT_FOOTNOTES;
  /* cmark looks at each line for bytes that are not UTF-8 only to replace
   * them: valid text (most) is checked at once, faster. The text parsed
   * again later is cut from it at ASCII characters. */
  if (g_utf8_validate_len (md->str, md->len, NULL))
    render.options &= ~CMARK_OPT_VALIDATE_UTF8;
  /* Text nodes hold a "{" only where the text has one or an entity. */
  render.braces = (flags & AUSHANG_MARKDOWN_TEXT_BRACES) != 0;
  /* Without raw HTML, attribute lists, footnotes and empty headings, the
   * tree walk would only see to heading ids; they can come from the HTML. */
  render.kramdown = (flags & AUSHANG_MARKDOWN_TEXT_KRAMDOWN) != 0;
  render.pipes = (flags & AUSHANG_MARKDOWN_TEXT_PIPES) != 0;
  /* kramdown's pass changes headings only through attribute lists (a
   * "{") and abbreviations ("*["): pipe tables, definitions and line
   * breaks leave them as the HTML has them. */
  render.plain_ids = (flags & (AUSHANG_MARKDOWN_TEXT_BRACES |
                               AUSHANG_MARKDOWN_TEXT_FOOTNOTES |
                               AUSHANG_MARKDOWN_TEXT_EMPTY_HEADING)) == 0 &&
                     (!render.kramdown || strstr (md->str, "*[") == NULL) &&
                     ((flags & AUSHANG_MARKDOWN_TEXT_ANGLE) == 0 || only_inline_html (md->str, md->len));
  render.track_html = info != NULL;
  parser = aushang_markdown_new_parser (render.options);
  cmark_parser_feed (parser, md->str, md->len);
  /* cmark keeps its own copy: give the memory back before it builds the
   * tree, unless kramdown's pass reads its lines. */
  if (render.kramdown)
    render.md_text = md->str;
  else if (info == NULL)
    {
      g_string_free (md, TRUE);
      md = NULL;
    }
  document = cmark_parser_finish (parser);
  /* cmark's lines are those of the text it read. */
  if (info != NULL)
    info->open_end = open_at_end (md->str, document);
  if (!render.plain_ids)
    aushang_markdown_process_tree (&render, document);
  if (render.kramdown)
    aushang_markdown_kramdown_tree (&render, document);
  if (GPOINTER_TO_INT (g_private_get (&source_lines_key)))
    mark_source_lines (&render, document, info);
  if (raw_urls)
    aushang_markdown_kramdown_take_urls (&render, document);
  html = cmark_render_html (document, render.options, cmark_parser_get_syntax_extensions (parser));
  if (render.urls != NULL)
    {
      char *kept = aushang_markdown_kramdown_put_urls (&render, html);

      cmark_get_default_mem_allocator ()->free (html);
      html = cmark_get_default_mem_allocator ()->calloc (strlen (kept) + 1, 1);
      memcpy (html, kept, strlen (kept));
      g_free (kept);
    }
  cmark_node_free (document);
  g_ptr_array_set_size (render.unlinked, 0);
  cmark_parser_free (parser);
  render.md_text = NULL;
  if (md != NULL)
    g_string_free (md, TRUE);

  if (render.custom_quotes)
    {
      char *quoted = aushang_markdown_kramdown_apply_quotes (&render, html);

      result = aushang_markdown_post_process (&render, quoted);
      g_free (quoted);
    }
  else
    result = aushang_markdown_post_process (&render, html);
  cmark_get_default_mem_allocator ()->free (html);
  if (render.options & CMARK_OPT_FOOTNOTES)
    result = aushang_markdown_kramdown_footnotes (result);

  /* The ids kramdown counts, for a text of several parts. */
  if (info != NULL)
    {
      info->reparsed = render.reparsed;
      info->html_open = render.html_open;
      info->over_budget = render.over_budget;
      GHashTableIter iter;
      gpointer key;

      gpointer value;

      info->ids = g_ptr_array_new_with_free_func (g_free);
      info->id_seen = g_array_new (FALSE, FALSE, sizeof (gint64));
      info->id_final = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_iter_init (&iter, render.id_counter);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gpointer seeded;
          gint64 seen = -1;
          guint final = GPOINTER_TO_UINT (value);

          if (info->id_seed != NULL && g_hash_table_lookup_extended (info->id_seed, key, NULL, &seeded))
            seen = GPOINTER_TO_UINT (seeded);
          g_ptr_array_add (info->ids, g_strdup (key));
          g_array_append_val (info->id_seen, seen);
          g_array_append_val (info->id_final, final);
        }
    }

  return result;
}

char *
aushang_markdown_render (const char              *markdown,
                         AushangLiquidRenderFunc  render_tag,
                         gpointer                 user_data)
{
  AushangMarkdownCache *cache = aushang_markdown_get_cache ();

  if (cache != NULL && markdown != NULL && strlen (markdown) >= AUSHANG_MARKDOWN_CHUNKED_MIN)
    return aushang_markdown_cache_render (cache, markdown, render_tag, user_data);
  return aushang_markdown_render_text (markdown, render_tag, user_data, 0, NULL);
}
