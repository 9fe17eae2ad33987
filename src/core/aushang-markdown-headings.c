/* aushang-markdown-headings.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-markdown"

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>

#include "aushang-markdown-private.h"

/* kramdown's heading ids and attribute lists, on cmark's tree. */

/* ------------------------------------------------------------------------ */
/* Heading ids                                                                */

/* Ruby's \p{Word}: letters, marks, decimal digits, connector punctuation,
 * letter numbers and the few other alphabetic symbols (circled letters). */
static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
      return TRUE;
    default:
      return (c >= 0x24B6 && c <= 0x24E9) ||
             (c >= 0x1F130 && c <= 0x1F149) ||
             (c >= 0x1F150 && c <= 0x1F169) ||
             (c >= 0x1F170 && c <= 0x1F189);
    }
}

/* kramdown-parser-gfm's generate_gfm_header_id without the counter:
 *   downcase; gsub(/[^\p{Word}\- \t]/, ''); tr(" \t", '-') */
static void
append_heading_id (GString    *id,
                   const char *text,
                   gsize       len)
{
  g_autofree char *lower = NULL;
  const char *p, *end;
  gsize i;

  for (i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      break;

  if (i == len)
    {
      for (i = 0; i < len; i++)
        {
          char c = text[i];

          if (c == ' ' || c == '\t')
            g_string_append_c (id, '-');
          else if (g_ascii_isalnum (c) || c == '_' || c == '-')
            g_string_append_c (id, g_ascii_tolower (c));
        }
      return;
    }

  lower = g_utf8_strdown (text, len);
  end = lower + strlen (lower);

  for (p = lower; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Ruby also lowercases Roman numerals and circled letters. */
      if (c >= 0x2160 && c <= 0x216F)
        c += 0x10;
      else if (c >= 0x24B6 && c <= 0x24CF)
        c += 26;

      if (c == ' ' || c == '\t')
        g_string_append_c (id, '-');
      else if (c == '-' || is_word_char (c))
        g_string_append_unichar (id, c);
    }
}

char *
aushang_markdown_heading_id (const char *text)
{
  g_autofree char *valid = NULL;
  GString *id = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (id, FALSE);

  valid = g_utf8_make_valid (text, -1);
  append_heading_id (id, valid, strlen (valid));

  return g_string_free (id, FALSE);
}

/* The id kramdown gives a heading with @text, in render->scratch_id:
 * kramdown-parser-gfm counts per id, "x", "x-1", "x-2", ... and does not
 * look at ids written by hand. The counters start where the text before
 * left them (render->id_seed), for a text rendered in parts. */
const char *
aushang_markdown_count_heading_id (Render     *render,
                                   const char *text,
                                   gsize       len)
{
  GString *id = render->scratch_id;
  gpointer count;

  g_string_truncate (id, 0);
  append_heading_id (id, text, len);

  if (g_hash_table_lookup_extended (render->id_counter, id->str, NULL, &count) ||
      (render->id_seed != NULL && g_hash_table_lookup_extended (render->id_seed, id->str, NULL, &count)))
    {
      guint n = GPOINTER_TO_UINT (count) + 1;

      g_hash_table_insert (render->id_counter, g_strdup (id->str), GUINT_TO_POINTER (n));
      g_string_append_printf (id, "-%u", n);
    }
  else
    g_hash_table_insert (render->id_counter, g_strdup (id->str), GUINT_TO_POINTER (0));

  return id->str;
}

/* ------------------------------------------------------------------------ */
/* The tree: attribute lists and heading ids                                  */

/* kramdown's span-level elements: a line starting with one of them is
 * text of a paragraph, while CommonMark starts an HTML block there. */
static gboolean
starts_with_span_element (const char *html)
{
  static const char * const names[] = {
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn",
    "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc",
    "rp", "rt", "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup",
    "tt", "u", "var",
  };
  const char *p = html;
  gsize len = 0;

  if (p == NULL || *p++ != '<')
    return FALSE;
  if (*p == '/')
    p++;
  while (g_ascii_isalnum (p[len]))
    len++;
  if (len == 0 || len > 7 || !(p[len] == '>' || p[len] == '/' || g_ascii_isspace (p[len])))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (p, names[i], len) == 0)
      return TRUE;

  return FALSE;
}

/* The line of the text cmark read where @node starts (or ends, with
 * @end): nodes of text parsed again count from where that text began. */
int
aushang_markdown_node_line (const Render *render,
                            cmark_node   *node,
                            gboolean      end)
{
  int line = end ? cmark_node_get_end_line (node) : cmark_node_get_start_line (node);

  if (line <= 0 || render->line_shifts == NULL)
    return line;
  for (cmark_node *n = node; n != NULL; n = cmark_node_parent (n))
    {
      gpointer shift;

      if (g_hash_table_lookup_extended (render->line_shifts, n, NULL, &shift))
        return line + GPOINTER_TO_INT (shift);
    }
  return line;
}

/* @node came from parsing again text that starts on line @line of the
 * text @block came from. */
static void
set_line_shift (Render     *render,
                cmark_node *node,
                cmark_node *block,
                int         line)
{
  if (render->line_shifts == NULL)
    render->line_shifts = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (render->line_shifts, node,
                       GINT_TO_POINTER (aushang_markdown_node_line (render, block, FALSE) + line - 2));
}

/* "<br>\n# Heading" is a paragraph and a heading for kramdown, one HTML
 * block for CommonMark. Parses the block's text again behind a word that
 * keeps it from being HTML block, takes the word out and puts the result in
 * the block's place. Returns the first new node, or NULL. */
static cmark_node *
reparse_span_html_block (Render     *render,
                         cmark_node *block)
{
  const char *literal = cmark_node_get_literal (block);
  g_autoptr(GString) text = NULL;
  cmark_parser *parser;
  cmark_node *document, *paragraph, *word, *child, *first;
  const char *rest;

  if (!starts_with_span_element (literal))
    return NULL;

  text = g_string_new (render->prefix);
  g_string_append_c (text, 'Z');
  g_string_append (text, literal);

  parser = aushang_markdown_new_parser (render->options);
  cmark_parser_feed (parser, text->str, text->len);
  document = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  g_ptr_array_add (render->unlinked, document);

  paragraph = cmark_node_first_child (document);
  word = paragraph != NULL ? cmark_node_first_child (paragraph) : NULL;
  rest = word != NULL && cmark_node_get_type (word) == CMARK_NODE_TEXT ?
         cmark_node_get_literal (word) : NULL;
  if (rest == NULL || strncmp (rest, text->str, render->prefix_len + 1) != 0)
    return NULL;

  rest += render->prefix_len + 1;
  if (*rest != '\0')
    {
      g_autofree char *copy = g_strdup (rest);

      cmark_node_set_literal (word, copy);
    }
  else
    {
      cmark_node_unlink (word);
      g_ptr_array_add (render->unlinked, word);
    }

  first = cmark_node_first_child (document);
  while ((child = cmark_node_first_child (document)) != NULL)
    {
      cmark_node_insert_before (block, child);
      set_line_shift (render, child, block, 1);
    }
  cmark_node_unlink (block);
  g_ptr_array_add (render->unlinked, block);

  return first;
}

/* Where the element that opens @html ("<h1>…") ends: after its closing
 * tag (elements of the same name nested in it counted), or its opening
 * tag when it has no content. 0 when it does not end in @html. */
static gsize
element_end (const char *html,
             const char *name,
             gsize       name_len)
{
  const char *p = html;
  guint depth = 0;

  while ((p = strchr (p, '<')) != NULL)
    {
      gboolean closing = p[1] == '/';
      const char *n = p + (closing ? 2 : 1);
      const char *end;

      if (g_ascii_strncasecmp (n, name, name_len) != 0 ||
          !(n[name_len] == '>' || n[name_len] == '/' || g_ascii_isspace (n[name_len])))
        {
          p++;
          continue;
        }
      end = strchr (n, '>');
      if (end == NULL)
        return 0;
      if (closing)
        {
          if (depth <= 1)
            return end + 1 - html;
          depth--;
        }
      else if (end[-1] != '/')
        depth++;
      else if (depth == 0)
        return end + 1 - html;
      p = end + 1;
    }
  return 0;
}

/* "<h1>Titel</h1>\nText mit [Link](/x)": kramdown ends an HTML block with
 * its element and reads what follows (on the same line too) as Markdown;
 * CommonMark takes all up to a blank line as HTML. Cuts the block after
 * its first element and puts what Markdown makes of the rest after it. */
static void
split_html_block (Render     *render,
                  cmark_node *block)
{
  static const char * const raw[] = { "script", "style", "pre", "textarea", NULL };
  static const char * const voids[] = { "hr", "link", "meta", "base", "embed", "source", "track", NULL };
  const char *literal = cmark_node_get_literal (block);
  const char *name, *rest;
  g_autofree char *lower = NULL;
  g_autofree char *head = NULL;
  gsize name_len = 0, end;
  cmark_parser *parser;
  cmark_node *document, *child;

  if (literal == NULL || literal[0] != '<' || !g_ascii_isalpha (literal[1]) ||
      starts_with_span_element (literal))
    return;
  name = literal + 1;
  while (g_ascii_isalnum (name[name_len]) || name[name_len] == '-')
    name_len++;
  lower = g_ascii_strdown (name, name_len);
  if (g_strv_contains (raw, lower))
    return;
  if (g_strv_contains (voids, lower))
    {
      const char *gt = strchr (name, '>');

      end = gt != NULL ? (gsize) (gt + 1 - literal) : 0;
    }
  else
    end = element_end (literal, name, name_len);
  if (end == 0)
    return;
  rest = literal + end;
  while (*rest == ' ' || *rest == '\t')
    rest++;
  if (*rest == '\n' || *rest == '\r')
    rest += rest[0] == '\r' && rest[1] == '\n' ? 2 : 1;
  if (*rest == '\0' || strspn (rest, " \t\r\n") == strlen (rest))
    return;
  /* The rest may hold the next such block, cut again: within a budget,
   * so that a text of nothing else is not parsed again and again. */
  render->reparsed += strlen (rest);
  if (render->reparsed > 2 * strlen (render->text) + 64 * 1024)
    {
      render->over_budget = TRUE;
      return;
    }

  parser = aushang_markdown_new_parser (render->options);
  cmark_parser_feed (parser, rest, strlen (rest));
  document = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  g_ptr_array_add (render->unlinked, document);
  {
    int line = 1;

    for (const char *p = literal; p < rest; p++)
      line += *p == '\n' || (*p == '\r' && p[1] != '\n');
    while ((child = cmark_node_last_child (document)) != NULL)
      {
        cmark_node_insert_after (block, child);
        set_line_shift (render, child, block, line);
      }
  }

  head = g_strndup (literal, end);
  {
    g_autofree char *line = g_strconcat (head, "\n", NULL);

    cmark_node_set_literal (block, line);
  }
}

/* The node after @node in document order within @root, without recursion
 * (nesting can be as deep as the text is long). */
static cmark_node *
walk_next (cmark_node *node,
           cmark_node *root,
           gboolean    descend)
{
  cmark_node *child = descend ? cmark_node_first_child (node) : NULL;

  if (child != NULL)
    return child;

  while (node != NULL && node != root)
    {
      cmark_node *next = cmark_node_next (node);

      if (next != NULL)
        return next;
      node = cmark_node_parent (node);
    }

  return NULL;
}

/* The text kramdown derives a heading's id from: text and code, not HTML
 * tags or image descriptions, with our tokens taken out. */
static void
collect_heading_text (Render     *render,
                      cmark_node *heading,
                      GString    *text)
{
  cmark_node *node = cmark_node_first_child (heading);

  while (node != NULL)
    {
      gboolean descend = TRUE;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          {
            const char *literal = cmark_node_get_literal (node);
            gsize len = literal != NULL ? strlen (literal) : 0;
            gsize i = 0, run = 0;

            while (i < len)
              {
                guint index;
                gsize n = literal[i] == render->prefix[0] ?
                          aushang_markdown_match_token (render, literal + i, len - i, &index) : 0;

                if (n > 0)
                  {
                    g_string_append_len (text, literal + run, i - run);
                    i += n;
                    run = i;
                  }
                else
                  i++;
              }
            g_string_append_len (text, literal + run, len - run);
          }
          descend = FALSE;
          break;

        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_IMAGE:
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          descend = FALSE;
          break;

        default:
          break;
        }

      node = walk_next (node, heading, descend);
    }
}

/* kramdown's explicit id: "## Heading {#the-id}". Takes it off the text. */
static char *
take_explicit_id (cmark_node *heading)
{
  cmark_node *last = cmark_node_last_child (heading);
  const char *literal;
  gsize len, open, i;

  if (last == NULL || cmark_node_get_type (last) != CMARK_NODE_TEXT)
    return NULL;
  literal = cmark_node_get_literal (last);
  if (literal == NULL)
    return NULL;

  len = strlen (literal);
  while (len > 0 && (literal[len - 1] == ' ' || literal[len - 1] == '\t'))
    len--;
  if (len < 4 || literal[len - 1] != '}')
    return NULL;

  open = len - 1;
  while (open > 0 && literal[open] != '{')
    open--;
  if (literal[open] != '{' || literal[open + 1] != '#' || open + 2 >= len - 1)
    return NULL;
  /* A tab or space before it, or the start of the heading. */
  if (open == 0 || (literal[open - 1] != ' ' && literal[open - 1] != '\t'))
    return NULL;
  if (!(g_ascii_isalpha (literal[open + 2]) || literal[open + 2] == '_' ||
        literal[open + 2] == ':' || (guchar) literal[open + 2] >= 0x80))
    return NULL;
  for (i = open + 3; i < len - 1; i++)
    if (!(g_ascii_isalnum (literal[i]) || strchr ("_:.-", literal[i]) != NULL ||
          (guchar) literal[i] >= 0x80))
      return NULL;

  {
    g_autofree char *rest = g_strndup (literal, open);
    char *id = g_strndup (literal + open + 2, len - 1 - (open + 2));

    g_strchomp (rest);
    cmark_node_set_literal (last, rest);
    return id;
  }
}

/* A paragraph that is only a kramdown attribute list: "{: .class #id}". */
static gboolean
is_ial_line (const char *text,
             gsize       len)
{
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (*text))
    text++, len--;

  return len >= 3 && text[0] == '{' && text[1] == ':' && text[2] != ':' &&
         text[len - 1] == '}' && memchr (text, '\n', len) == NULL &&
         memchr (text + 1, '}', len - 2) == NULL;
}

/* The id an attribute list gives ("{: #some-id .class}"), or NULL. */
static char *
ial_get_id (const char *text)
{
  const char *p = strchr (text, '#');
  const char *end;

  if (p == NULL || (p > text && !g_ascii_isspace (p[-1]) && p[-1] != ':'))
    return NULL;
  p++;
  for (end = p; *end != '\0' && (g_ascii_isalnum (*end) || strchr ("_:.-", *end) != NULL ||
                                 (guchar) *end >= 0x80); end++)
    ;
  return end > p ? g_strndup (p, end - p) : NULL;
}

static void
set_heading_id (Render     *render,
                cmark_node *heading,
                const char *explicit_id)
{
  GString *tag = render->scratch_tag;
  cmark_node *marker;
  const char *id = explicit_id;

  if (id == NULL)
    {
      GString *text = render->scratch_text;

      g_string_truncate (text, 0);
      collect_heading_text (render, heading, text);
      id = aushang_markdown_count_heading_id (render, text->str, text->len);
    }

  /* A marker at the start of the heading's content: post_process() puts
   * the id into the <hN> tag just before it. */
  g_ptr_array_add (render->heading_ids, g_strdup (id));
  g_string_truncate (tag, 0);
  g_string_append_len (tag, render->prefix, render->prefix_len);
  g_string_append_c (tag, 'H');
  aushang_markdown_append_uint (tag, render->heading_ids->len - 1);
  g_string_append_c (tag, 'X');

  marker = cmark_node_new (CMARK_NODE_CUSTOM_INLINE);
  cmark_node_set_on_enter (marker, tag->str);
  cmark_node_prepend_child (heading, marker);
}

static gboolean
is_block_container (cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether the text node @node ends with "}" (blanks aside): the cheap test
 * before looking for an attribute list. */
static gboolean
text_ends_with_brace (cmark_node *node)
{
  const char *literal;
  gsize len;

  if (node == NULL || cmark_node_get_type (node) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (node);
  len = literal != NULL ? strlen (literal) : 0;
  while (len > 0 && g_ascii_isspace (literal[len - 1]))
    len--;

  return len > 0 && literal[len - 1] == '}';
}

static gboolean
text_starts_ial (cmark_node *node)
{
  const char *literal;

  if (node == NULL || cmark_node_get_type (node) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (node);

  return literal != NULL && literal[0] == '{' && literal[1] == ':';
}

static gboolean
text_is_ial (cmark_node *node)
{
  const char *literal;

  if (node == NULL || cmark_node_get_type (node) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (node);

  return literal != NULL && is_ial_line (literal, strlen (literal));
}

void
aushang_markdown_process_tree (Render     *render,
                               cmark_node *document)
{
  g_autoptr(GPtrArray) headings = g_ptr_array_new ();
  g_autoptr(GPtrArray) ials = g_ptr_array_new ();
  g_autoptr(GHashTable) ial_paragraphs = g_hash_table_new (NULL, NULL);
  cmark_node *node;
  guint i;

  /* Only blocks are visited; inline content is looked at where needed. */
  for (node = document; node != NULL; node = walk_next (node, document, is_block_container (node)))
    {
      cmark_node_type type = cmark_node_get_type (node);

      /* Re-parsed text is visited like the rest, in document order. */
      while (type == CMARK_NODE_HTML_BLOCK)
        {
          cmark_node *first = reparse_span_html_block (render, node);

          if (first == NULL)
            break;
          node = first;
          type = cmark_node_get_type (node);
        }

      if (type == CMARK_NODE_HTML_BLOCK)
        {
          g_autofree char *escaped = NULL;

          split_html_block (render, node);
          escaped =
            aushang_markdown_kramdown_escape_stray_end_tags (cmark_node_get_literal (node));

          if (escaped != NULL)
            cmark_node_set_literal (node, escaped);
          continue;
        }
      if (type == CMARK_NODE_HEADING)
        g_ptr_array_add (headings, node);
      else if (type != CMARK_NODE_PARAGRAPH || !render->braces)
        continue;   /* attribute lists are paragraphs with a "{" */
      else if (text_starts_ial (cmark_node_first_child (node)))
        {
          cmark_node *first, *after;

          /* "{: .note}\nText": a list before the paragraph it applies to. */
          cmark_consolidate_text_nodes (node);
          first = cmark_node_first_child (node);
          after = cmark_node_next (first);
          if (after != NULL && cmark_node_get_type (after) == CMARK_NODE_SOFTBREAK &&
              text_is_ial (first))
            {
              aushang_markdown_apply_block_ial (render, node, cmark_node_get_literal (first));
              g_ptr_array_add (ials, first);
              g_ptr_array_add (ials, after);
            }
          else if (after == NULL && text_is_ial (first))
            {
              g_ptr_array_add (ials, node);
              g_hash_table_add (ial_paragraphs, node);
            }
        }
      else if (text_ends_with_brace (cmark_node_last_child (node)))
        {
          cmark_node *last, *before;

          cmark_consolidate_text_nodes (node);
          last = cmark_node_last_child (node);
          before = last != NULL ? cmark_node_previous (last) : NULL;

          if (before == NULL && text_is_ial (last))
            {
              g_ptr_array_add (ials, node);
              g_hash_table_add (ial_paragraphs, node);
            }
          else if (before != NULL && (cmark_node_get_type (before) == CMARK_NODE_SOFTBREAK ||
                                      cmark_node_get_type (before) == CMARK_NODE_LINEBREAK) &&
                   text_is_ial (last))
            {
              /* "Text\n{: .lead}": the list applies to the paragraph. */
              aushang_markdown_apply_block_ial (render, aushang_markdown_ial_target (render, node, FALSE),
                                                cmark_node_get_literal (last));
              g_ptr_array_add (ials, last);
              g_ptr_array_add (ials, before);
            }
        }
    }

  for (i = 0; i < headings->len; i++)
    {
      cmark_node *heading = g_ptr_array_index (headings, i);
      cmark_node *next = cmark_node_next (heading);
      g_autofree char *explicit_id = NULL;

      /* kramdown wants text after "#": a bare "#" line stays text. */
      if (cmark_node_first_child (heading) == NULL)
        {
          cmark_node *paragraph = cmark_node_new (CMARK_NODE_PARAGRAPH);
          cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);
          char hashes[7] = "######";

          hashes[CLAMP (cmark_node_get_heading_level (heading), 1, 6)] = '\0';
          cmark_node_set_literal (text, hashes);
          cmark_node_append_child (paragraph, text);
          cmark_node_replace (heading, paragraph);
          g_ptr_array_add (render->unlinked, heading);
          continue;
        }

      /* Only a heading ending with "}" can name its id. */
      if (render->braces && text_ends_with_brace (cmark_node_last_child (heading)))
        {
          cmark_consolidate_text_nodes (heading);
          explicit_id = take_explicit_id (heading);
        }

      /* An attribute list right after a heading can name its id. */
      if (explicit_id == NULL && next != NULL && g_hash_table_contains (ial_paragraphs, next))
        explicit_id = ial_get_id (cmark_node_get_literal (cmark_node_first_child (next)));

      set_heading_id (render, heading, explicit_id);
    }

  /* A list on a line of its own goes to the block just before it (no
   * blank line between), else to the block after it. */
  for (i = 0; i < ials->len; i++)
    {
      node = g_ptr_array_index (ials, i);
      if (!g_hash_table_contains (ial_paragraphs, node))
        continue;
      aushang_markdown_apply_block_ial (render, aushang_markdown_ial_target (render, node, TRUE),
                                        cmark_node_get_literal (cmark_node_first_child (node)));
    }

  for (i = 0; i < ials->len; i++)
    {
      node = g_ptr_array_index (ials, i);
      cmark_node_unlink (node);
      g_ptr_array_add (render->unlinked, node);
    }
}
