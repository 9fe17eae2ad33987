/* aushang-markdown-kramdown.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-markdown"

#include "config.h"

#include <string.h>

#include "aushang-markdown-private.h"

/* What kramdown (Jekyll's Markdown) reads beyond what cmark-gfm does, as
 * Debian's jekyll 4.3 renders it:
 *
 *   Eins\\                 a backslash at the end of a line: <br />
 *   ![Bild](/a.png){: .x}  an attribute list after a span (image, link,
 *                          emphasis, code) gives it class, id, style, …
 *   {: .notice}            an attribute list on its own line gives them to
 *                          the block beside it (before it, or after it
 *                          when no blank line comes between)
 *   {::options … /}        extension tags: render to nothing
 *   Term\n: Definition     definition lists (<dl><dt><dd>)
 *   *[HTML]: Hyper…        abbreviations: <abbr title="…">HTML</abbr>
 *   Text[^1] / [^1]: …     footnotes, with kramdown's ids and classes
 *
 * Attributes reach the HTML through markers: a node holding the prefix,
 * "A", an index and "X" goes just before the element, and post_process()
 * puts the attributes into the next tag it meets. */

/* Attribute lists ---------------------------------------------------------- */

void
aushang_markdown_attributes_free (gpointer data)
{
  AushangMarkdownAttributes *attributes = data;

  g_free (attributes->classes);
  g_free (attributes->rest);
  g_free (attributes);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == ':' || (guchar) c >= 0x80;
}

/* Skips a quote at @p: '"', '\'', or the curly ones smart punctuation
 * made of them (“ ” ‘ ’). Returns its length, 0 when none. */
static gsize
quote_at (const char *p,
          gboolean   *single)
{
  if (*p == '"' || *p == '\'')
    {
      *single = *p == '\'';
      return 1;
    }
  if (strncmp (p, "“", 3) == 0 || strncmp (p, "”", 3) == 0)
    {
      *single = FALSE;
      return 3;
    }
  if (strncmp (p, "‘", 3) == 0 || strncmp (p, "’", 3) == 0)
    {
      *single = TRUE;
      return 3;
    }

  return 0;
}

static void
append_attribute_value (GString    *out,
                        const char *text,
                        gsize       len)
{
  for (gsize i = 0; i < len; i++)
    switch (text[i])
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default: g_string_append_c (out, text[i]); break;
      }
}

/* Reads "{: .a #b key="v" .c}" (the braces included; "{:" optional
 * blanks, then the list). NULL when it gives nothing. */
static AushangMarkdownAttributes *
parse_ial (const char *source,
           gsize       source_len)
{
  g_autoptr(GString) classes = g_string_new (NULL);
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new_len (source, source_len);
  const char *text, *p, *end;
  AushangMarkdownAttributes *attributes;
  gsize len;

  /* Smart punctuation made "--" a dash in the text cmark gives. */
  g_string_replace (plain, "–", "--", 0);
  g_string_replace (plain, "—", "---", 0);
  g_string_replace (plain, "…", "...", 0);
  text = plain->str;
  len = plain->len;
  p = text + 2;
  end = text + len - 1;

  if (len < 3 || text[0] != '{' || text[1] != ':' || text[len - 1] != '}')
    return NULL;

  while (p < end)
    {
      const char *start;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }

      if (*p == '.' || *p == '#')
        {
          char kind = *p++;

          for (start = p; p < end && is_name_char (*p); p++)
            ;
          if (p == start)
            continue;
          if (kind == '.')
            {
              if (classes->len > 0)
                g_string_append_c (classes, ' ');
              append_attribute_value (classes, start, p - start);
            }
          else
            {
              g_string_append (rest, " id=\"");
              append_attribute_value (rest, start, p - start);
              g_string_append_c (rest, '"');
            }
          continue;
        }

      for (start = p; p < end && is_name_char (*p); p++)
        ;
      if (p > start && p < end && *p == '=')
        {
          g_autofree char *name = g_strndup (start, p - start);
          gboolean single = FALSE;
          gsize q = quote_at (++p, &single);
          const char *value = p + q, *value_end;

          if (q > 0)
            {
              /* To the closing quote of the same kind. */
              for (value_end = value; value_end < end; value_end++)
                {
                  gboolean closing_single = FALSE;

                  if (quote_at (value_end, &closing_single) > 0 && closing_single == single)
                    break;
                }
              p = value_end < end ? value_end + quote_at (value_end, &single) : end;
            }
          else
            {
              for (value_end = value; value_end < end && !g_ascii_isspace (*value_end); value_end++)
                ;
              p = value_end;
            }

          if (strcmp (name, "class") == 0)
            {
              if (classes->len > 0)
                g_string_append_c (classes, ' ');
              append_attribute_value (classes, value, value_end - value);
            }
          else
            {
              g_string_append_printf (rest, " %s=\"", name);
              append_attribute_value (rest, value, value_end - value);
              g_string_append_c (rest, '"');
            }
          continue;
        }

      /* A reference to a definition list ({:ref}) or something else: skipped. */
      while (p < end && !g_ascii_isspace (*p))
        p++;
    }

  if (classes->len == 0 && rest->len == 0)
    return NULL;

  attributes = g_new0 (AushangMarkdownAttributes, 1);
  attributes->classes = classes->len > 0 ? g_strdup (classes->str) : NULL;
  attributes->rest = g_strdup (rest->str);

  return attributes;
}

/* A node that puts the attributes of @ial into the next tag, or NULL. */
static cmark_node *
attribute_marker (Render     *render,
                  const char *ial,
                  gsize       len,
                  gboolean    block)
{
  AushangMarkdownAttributes *attributes = parse_ial (ial, len);
  GString *tag = render->scratch_tag;
  cmark_node *marker;

  if (attributes == NULL)
    return NULL;

  g_ptr_array_add (render->attributes, attributes);
  g_string_truncate (tag, 0);
  g_string_append_len (tag, render->prefix, render->prefix_len);
  g_string_append_c (tag, 'A');
  aushang_markdown_append_uint (tag, render->attributes->len - 1);
  g_string_append_c (tag, 'X');

  marker = cmark_node_new (block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE);
  cmark_node_set_on_enter (marker, tag->str);

  return marker;
}

/* Line @line (1-based) of the text cmark read (a tag over several lines
 * is one token there), without its line break; "" past the end. */
static const char *
source_line (Render *render,
             int     line,
             gsize  *len)
{
  const char *p = render->md_text != NULL ? render->md_text : render->text;

  for (int i = 1; i < line && p != NULL; i++)
    {
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
  if (p == NULL || line < 1)
    {
      *len = 0;
      return "";
    }

  *len = strcspn (p, "\r\n");
  return p;
}

static gboolean
source_line_is_blank (Render *render,
                      int     line)
{
  gsize len;
  const char *text = source_line (render, line, &len);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;

  return TRUE;
}

/* Whether line @line is a bare "{:" list, written outside any quote or
 * list item (cmark reads it as the lazy end of the paragraph before). */
static gboolean
source_line_is_bare_ial (Render *render,
                         int     line)
{
  gsize len;
  const char *text = source_line (render, line, &len);

  return len >= 2 && text[0] == '{' && text[1] == ':';
}

cmark_node *
aushang_markdown_ial_target (Render     *render,
                             cmark_node *paragraph,
                             gboolean    own_paragraph)
{
  int line = aushang_markdown_node_line (render, paragraph, FALSE);

  if (own_paragraph)
    {
      cmark_node *previous = cmark_node_previous (paragraph);

      /* Right after a block it belongs to it; after a blank line, to the
       * block that follows. */
      if (previous != NULL && line > 1 && !source_line_is_blank (render, line - 1))
        return previous;
      return cmark_node_next (paragraph);
    }

  /* "> Zitat\n{: .x}" and "* Punkt\n{: .x}": kramdown gives it to the
   * quote or the list. */
  line = aushang_markdown_node_line (render, paragraph, TRUE);
  if (cmark_node_next (paragraph) == NULL && source_line_is_bare_ial (render, line))
    {
      cmark_node *target = paragraph, *parent;

      while ((parent = cmark_node_parent (target)) != NULL && cmark_node_next (target) == NULL &&
             (cmark_node_get_type (parent) == CMARK_NODE_BLOCK_QUOTE ||
              cmark_node_get_type (parent) == CMARK_NODE_ITEM ||
              cmark_node_get_type (parent) == CMARK_NODE_LIST))
        target = parent;
      if (cmark_node_get_type (target) == CMARK_NODE_ITEM)
        target = cmark_node_parent (target);
      return target;
    }

  return paragraph;
}

void
aushang_markdown_apply_block_ial (Render     *render,
                                  cmark_node *target,
                                  const char *ial)
{
  cmark_node *marker;
  g_autofree char *trimmed = g_strstrip (g_strdup (ial));

  /* Headings take only an id, and have it already. */
  if (target == NULL || cmark_node_get_type (target) == CMARK_NODE_HEADING)
    return;

  marker = attribute_marker (render, trimmed, strlen (trimmed), TRUE);
  if (marker != NULL)
    cmark_node_insert_before (target, marker);
}

/* The inline pass ----------------------------------------------------------- */

static gboolean
is_span_element (cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_CODE:
      return TRUE;
    default:
      return g_strcmp0 (cmark_node_get_type_string (node), "strikethrough") == 0;
    }
}

/* "[Code for America] []": kramdown allows blanks before the empty
 * brackets of a reference link; cmark takes "[Code for America]" for a
 * link of its own and leaves " []" as text, which goes. */
static void
spaced_reference (Render     *render,
                  cmark_node *text)
{
  const char *literal;
  cmark_node *link = cmark_node_previous (text);
  cmark_node *label;
  g_autofree char *written = NULL;
  gsize blanks;

  /* The link first: cmark copies a text node's text on the first look. */
  if (link == NULL || cmark_node_get_type (link) != CMARK_NODE_LINK)
    return;
  literal = cmark_node_get_literal (text);
  if (literal == NULL || literal[0] != ' ')
    return;
  blanks = strspn (literal, " \t");
  if (literal[blanks] != '[' || literal[blanks + 1] != ']')
    return;
  /* A reference link ("]", the blanks, "[]" in the text), not an inline
   * one ("(/x) []"): smart quotes in the label keep it from being found
   * word for word. */
  label = cmark_node_last_child (link);
  if (label == NULL)
    return;
  written = g_strdup_printf ("]%.*s[]", (int) (blanks), literal);
  if (strstr (render->text, written) == NULL)
    return;
  g_free (written);
  written = g_strdup_printf ("%s)%.*s[]", cmark_node_get_url (link), (int) (blanks), literal);
  if (strstr (render->text, written) != NULL)
    return;
  {
    g_autofree char *rest = g_strdup (literal + blanks + 2);

    cmark_node_set_literal (text, rest);
  }
}

/* "*Wort*{: .rot}": the list after a span goes to the span; several in a
 * row ("{: .a}{: style=…}") all do. */
static void
span_ials (Render     *render,
           cmark_node *text)
{
  const char *literal = cmark_node_get_literal (text);
  cmark_node *previous = cmark_node_previous (text);
  g_autoptr(GString) joined = g_string_new ("{:");
  const char *close = NULL, *p;
  cmark_node *marker;

  if (previous == NULL || !is_span_element (previous) || literal == NULL)
    return;

  for (p = literal; p[0] == '{' && p[1] == ':' && p[2] != ':'; p = close + 1)
    {
      const char *end = strchr (p, '}');

      if (end == NULL || memchr (p, '\n', end - p) != NULL)
        break;
      g_string_append_c (joined, ' ');
      g_string_append_len (joined, p + 2, end - p - 2);
      close = end;
    }
  if (close == NULL)
    return;
  g_string_append_c (joined, '}');

  marker = attribute_marker (render, joined->str, joined->len, FALSE);
  if (marker == NULL)
    return;

  cmark_node_insert_before (previous, marker);
  if (close[1] == '\0')
    {
      cmark_node_unlink (text);
      g_ptr_array_add (render->unlinked, text);
    }
  else
    {
      g_autofree char *after = g_strdup (close + 1);

      cmark_node_set_literal (text, after);
    }
}

/* "Eins\\" at the end of a line: cmark keeps one "\" and a soft break;
 * kramdown breaks the line. */
static void
backslash_break (Render     *render,
                 cmark_node *softbreak)
{
  cmark_node *previous = cmark_node_previous (softbreak);
  const char *literal;
  gsize len;
  cmark_node *linebreak;

  if (previous == NULL || cmark_node_get_type (previous) != CMARK_NODE_TEXT)
    return;
  literal = cmark_node_get_literal (previous);
  len = literal != NULL ? strlen (literal) : 0;
  if (len == 0 || literal[len - 1] != '\\')
    return;

  {
    g_autofree char *shorter = g_strndup (literal, len - 1);

    cmark_node_set_literal (previous, shorter);
  }
  linebreak = cmark_node_new (CMARK_NODE_LINEBREAK);
  cmark_node_replace (softbreak, linebreak);
  g_ptr_array_add (render->unlinked, softbreak);
}

/* Abbreviations -------------------------------------------------------------- */

/* A paragraph of "*[ABBR]: Title" lines only: their definitions. */
static gboolean
take_abbreviations (cmark_node *paragraph,
                    GHashTable *abbreviations)
{
  const char *literal;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (cmark_node *child = cmark_node_first_child (paragraph); child != NULL; child = cmark_node_next (child))
    {
      cmark_node_type type = cmark_node_get_type (child);

      if (type == CMARK_NODE_TEXT && (literal = cmark_node_get_literal (child)) != NULL)
        g_string_append (text, literal);
      else if (type == CMARK_NODE_SOFTBREAK)
        g_string_append_c (text, '\n');
      else
        return FALSE;
    }

  lines = g_strsplit (text->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *close;

      if (!g_str_has_prefix (lines[i], "*[") || (close = strstr (lines[i], "]:")) == NULL ||
          close == lines[i] + 2)
        return FALSE;
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *close = strstr (lines[i], "]:");
      g_autofree char *title = g_strstrip (g_strdup (close + 2));

      g_hash_table_insert (abbreviations, g_strndup (lines[i] + 2, close - lines[i] - 2),
                           g_steal_pointer (&title));
    }

  return TRUE;
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

/* Splits the text node @text around each abbreviation. */
static void
mark_abbreviations (Render     *render,
                    cmark_node *text,
                    GHashTable *abbreviations)
{
  g_autofree char *literal = g_strdup (cmark_node_get_literal (text));
  GHashTableIter iter;
  gpointer key, value;
  gsize best_at = G_MAXSIZE, best_len = 0;
  const char *best_title = NULL;

  if (literal == NULL)
    return;

  /* The first (then longest) abbreviation standing as a word of its own. */
  g_hash_table_iter_init (&iter, abbreviations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize klen = strlen (key);

      for (const char *found = strstr (literal, key); found != NULL; found = strstr (found + 1, key))
        {
          gsize at = found - literal;

          if ((at > 0 && is_word_byte (literal[at - 1])) || is_word_byte (found[klen]))
            continue;
          if (at < best_at || (at == best_at && klen > best_len))
            {
              best_at = at;
              best_len = klen;
              best_title = value;
            }
          break;
        }
    }

  if (best_title == NULL)
    return;

  {
    g_autoptr(GString) html = g_string_new ("<abbr title=\"");
    g_autofree char *before = g_strndup (literal, best_at);
    g_autofree char *word = g_strndup (literal + best_at, best_len);
    cmark_node *node = cmark_node_new (CMARK_NODE_HTML_INLINE);
    cmark_node *after = cmark_node_new (CMARK_NODE_TEXT);

    append_attribute_value (html, best_title, strlen (best_title));
    g_string_append (html, "\">");
    append_attribute_value (html, word, strlen (word));
    g_string_append (html, "</abbr>");
    cmark_node_set_literal (node, html->str);
    cmark_node_set_literal (after, literal + best_at + best_len);
    cmark_node_set_literal (text, before);
    cmark_node_insert_after (text, node);
    cmark_node_insert_after (node, after);

    /* The rest may hold more. */
    mark_abbreviations (render, after, abbreviations);
  }
}

/* Definition lists ----------------------------------------------------------- */

/* Whether the inline @node starts a line ": …" (after a soft break). */
static gboolean
starts_definition (cmark_node *node)
{
  cmark_node *previous = cmark_node_previous (node);
  const char *literal;

  if (previous == NULL || cmark_node_get_type (previous) != CMARK_NODE_SOFTBREAK ||
      cmark_node_get_type (node) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (node);

  return literal != NULL && literal[0] == ':' && (literal[1] == ' ' || literal[1] == '\t');
}

static cmark_node *
custom_node (cmark_node_type  type,
             const char      *on_enter,
             const char      *on_exit)
{
  cmark_node *node = cmark_node_new (type);

  cmark_node_set_on_enter (node, on_enter);
  cmark_node_set_on_exit (node, on_exit);

  return node;
}

/* Whether the line of inline nodes from @node up to the next line break
 * has a "|" in its text (not in code). */
static gboolean
line_has_pipe (cmark_node *node)
{
  for (; node != NULL; node = cmark_node_next (node))
    {
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
        return FALSE;
      if (type == CMARK_NODE_TEXT && strchr (cmark_node_get_literal (node), '|') != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
trim_cell (cmark_node *cell)
{
  cmark_node *first = cmark_node_first_child (cell);
  cmark_node *last = cmark_node_last_child (cell);

  if (first != NULL && cmark_node_get_type (first) == CMARK_NODE_TEXT)
    {
      g_autofree char *text = g_strchug (g_strdup (cmark_node_get_literal (first)));

      cmark_node_set_literal (first, text);
    }
  if (last != NULL && cmark_node_get_type (last) == CMARK_NODE_TEXT)
    {
      g_autofree char *text = g_strchomp (g_strdup (cmark_node_get_literal (last)));

      cmark_node_set_literal (last, text);
    }
}

/* Whether @cell holds nothing but blanks. */
static gboolean
cell_is_empty (cmark_node *cell)
{
  for (cmark_node *child = cmark_node_first_child (cell); child != NULL; child = cmark_node_next (child))
    {
      const char *literal;

      if (cmark_node_get_type (child) != CMARK_NODE_TEXT)
        return FALSE;
      literal = cmark_node_get_literal (child);
      if (strspn (literal, " \t") != strlen (literal))
        return FALSE;
    }
  return TRUE;
}

/* Whether kramdown sees a block boundary (a blank line, the start or the
 * end) before and after @paragraph. */
static gboolean
between_boundaries (Render     *render,
                    cmark_node *paragraph)
{
  cmark_node *previous = cmark_node_previous (paragraph);
  cmark_node *next = cmark_node_next (paragraph);
  int start = aushang_markdown_node_line (render, paragraph, FALSE);
  int end = aushang_markdown_node_line (render, paragraph, TRUE);

  if (previous != NULL && aushang_markdown_node_line (render, previous, TRUE) + 1 >= start)
    return FALSE;
  if (next != NULL && aushang_markdown_node_line (render, next, FALSE) <= end + 1)
    return FALSE;
  return TRUE;
}

/* Whether lines @first to @last (1-based) of the text cmark read hold
 * neither "|" nor "&": then no text node of a block on those lines has a
 * "|" (an entity could make one). FALSE when it cannot be told: the text
 * is gone, blocks were parsed again from other text, or a "\r" could end
 * a line where cmark counts one and this does not. */
static gboolean
lines_lack_pipe (Render *render,
                 int     first,
                 int     last)
{
  const char *text = render->md_text;
  gsize start, end;

  if (text == NULL || render->line_shifts != NULL || first < 1 || last < first)
    return FALSE;
  if (render->md_lines == NULL)
    {
      render->md_lines = g_array_new (FALSE, FALSE, sizeof (gsize));
      if (strchr (text, '\r') == NULL)
        {
          gsize at = 0;

          g_array_append_val (render->md_lines, at);
          for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
            {
              at = p + 1 - text;
              g_array_append_val (render->md_lines, at);
            }
        }
    }
  if ((guint) last > render->md_lines->len)
    return FALSE;
  start = g_array_index (render->md_lines, gsize, first - 1);
  end = (guint) last < render->md_lines->len ? g_array_index (render->md_lines, gsize, last)
                                             : start + strlen (text + start);

  return memchr (text + start, '|', end - start) == NULL &&
         memchr (text + start, '&', end - start) == NULL;
}

/* "A | B\nc | d": lines with a "|" make a table for kramdown, without the
 * delimiter row GFM wants (a table without one has no head), when every
 * line of the paragraph has one and blank lines (or the start, the end)
 * are around it. The lines become a table before @paragraph; returns TRUE
 * when the paragraph is empty then. */
static gboolean
pipe_table (Render     *render,
            cmark_node *paragraph)
{
  cmark_node *table, *node;

  /* Most paragraphs: no "|" on their lines, no text to look at. */
  if (lines_lack_pipe (render, cmark_node_get_start_line (paragraph), cmark_node_get_end_line (paragraph)))
    return FALSE;

  node = cmark_node_first_child (paragraph);
  for (cmark_node *line = node; line != NULL;)
    {
      if (!line_has_pipe (line))
        return FALSE;
      while (line != NULL && cmark_node_get_type (line) != CMARK_NODE_SOFTBREAK &&
             cmark_node_get_type (line) != CMARK_NODE_LINEBREAK)
        {
          if (cmark_node_get_type (line) == CMARK_NODE_TEXT)
            {
              const char *literal = cmark_node_get_literal (line);

              /* A separator row ("|---|") kramdown reads its own way. */
              if (strspn (literal, "|:+- \t") == strlen (literal) && strchr (literal, '-') != NULL &&
                  cmark_node_previous (line) == NULL)
                return FALSE;
            }
          line = cmark_node_next (line);
        }
      if (line != NULL)
        line = cmark_node_next (line);
    }
  if (!between_boundaries (render, paragraph))
    return FALSE;

  table = custom_node (CMARK_NODE_CUSTOM_BLOCK, "<table>\n<tbody>\n", "</tbody>\n</table>\n");
  cmark_node_insert_before (paragraph, table);
  while (node != NULL && line_has_pipe (node))
    {
      cmark_node *row = custom_node (CMARK_NODE_CUSTOM_BLOCK, "<tr>\n", "</tr>\n");
      cmark_node *cell = custom_node (CMARK_NODE_CUSTOM_INLINE, "<td>", "</td>\n");
      gboolean any_pipe = FALSE, leading = TRUE;

      cmark_node_append_child (table, row);
      while (node != NULL && cmark_node_get_type (node) != CMARK_NODE_SOFTBREAK &&
             cmark_node_get_type (node) != CMARK_NODE_LINEBREAK)
        {
          cmark_node *next = cmark_node_next (node);

          if (cmark_node_get_type (node) == CMARK_NODE_TEXT)
            {
              const char *p = cmark_node_get_literal (node);
              const char *bar;

              while ((bar = strchr (p, '|')) != NULL)
                {
                  if (bar > p)
                    {
                      cmark_node *piece = cmark_node_new (CMARK_NODE_TEXT);
                      g_autofree char *text = g_strndup (p, bar - p);

                      cmark_node_set_literal (piece, text);
                      cmark_node_append_child (cell, piece);
                    }
                  /* A "|" that begins the line opens no empty cell. */
                  if (!(leading && cell_is_empty (cell)))
                    {
                      trim_cell (cell);
                      cmark_node_append_child (row, cell);
                      cell = custom_node (CMARK_NODE_CUSTOM_INLINE, "<td>", "</td>\n");
                    }
                  else
                    {
                      cmark_node *child;

                      while ((child = cmark_node_first_child (cell)) != NULL)
                        {
                          cmark_node_unlink (child);
                          g_ptr_array_add (render->unlinked, child);
                        }
                    }
                  leading = FALSE;
                  any_pipe = TRUE;
                  p = bar + 1;
                }
              if (*p != '\0')
                {
                  cmark_node *piece = cmark_node_new (CMARK_NODE_TEXT);

                  cmark_node_set_literal (piece, p);
                  cmark_node_append_child (cell, piece);
                }
              cmark_node_unlink (node);
              g_ptr_array_add (render->unlinked, node);
            }
          else
            {
              cmark_node_unlink (node);
              cmark_node_append_child (cell, node);
              leading = FALSE;
            }
          node = next;
        }
      /* A "|" that ends the line closes the last cell. */
      if (!(any_pipe && cell_is_empty (cell)))
        {
          trim_cell (cell);
          cmark_node_append_child (row, cell);
        }
      else
        g_ptr_array_add (render->unlinked, cell);
      if (node != NULL)
        {
          cmark_node *next = cmark_node_next (node);

          cmark_node_unlink (node);
          g_ptr_array_add (render->unlinked, node);
          node = next;
        }
    }
  return cmark_node_first_child (paragraph) == NULL;
}

/* "Term\n: Definition\n  more\n: Another": the paragraph becomes <dt> and
 * <dd> rows (each line before the first definition a term), added to
 * @list when the paragraph before was one too. Returns the list, or NULL
 * when the paragraph is none. */
static cmark_node *
definition_list (Render     *render,
                 cmark_node *paragraph,
                 cmark_node *list)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GArray) starts = NULL;
  cmark_node *child, *row = NULL;
  gboolean any = FALSE, in_definition = FALSE;

  for (child = cmark_node_first_child (paragraph); child != NULL; child = cmark_node_next (child))
    if (starts_definition (child))
      {
        any = TRUE;
        break;
      }
  if (!any)
    return NULL;

  if (list == NULL)
    {
      list = custom_node (CMARK_NODE_CUSTOM_BLOCK, "<dl>\n", "</dl>");
      cmark_node_insert_before (paragraph, list);
    }

  /* Which children start a definition, before any is moved. */
  children = g_ptr_array_new ();
  starts = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (child = cmark_node_first_child (paragraph); child != NULL; child = cmark_node_next (child))
    {
      gboolean start = starts_definition (child);

      g_ptr_array_add (children, child);
      g_array_append_val (starts, start);
    }

  for (guint i = 0; i < children->len; i++)
    {
      gboolean next_starts = i + 1 < children->len && g_array_index (starts, gboolean, i + 1);

      child = g_ptr_array_index (children, i);

      if (cmark_node_get_type (child) == CMARK_NODE_SOFTBREAK &&
          (i + 1 == children->len || next_starts || !in_definition))
        {
          /* The end of a term's line, or of a definition. */
          cmark_node_unlink (child);
          g_ptr_array_add (render->unlinked, child);
          row = NULL;
          continue;
        }

      if (g_array_index (starts, gboolean, i) || row == NULL)
        {
          in_definition = g_array_index (starts, gboolean, i);
          row = custom_node (CMARK_NODE_CUSTOM_INLINE, in_definition ? "<dd>" : "<dt>",
                             in_definition ? "</dd>\n" : "</dt>\n");
          cmark_node_append_child (list, row);
          if (in_definition)
            {
              g_autofree char *rest = g_strdup (cmark_node_get_literal (child) + 1);

              cmark_node_set_literal (child, g_strchug (rest));
            }
        }

      cmark_node_unlink (child);
      cmark_node_append_child (row, child);
    }

  cmark_node_unlink (paragraph);
  g_ptr_array_add (render->unlinked, paragraph);

  return list;
}

/* "Text\n{: .x}\nmore": the list ends the paragraph, which it gives its
 * attributes to; the lines after it are a paragraph of their own. Returns
 * that new paragraph, or NULL. */
static cmark_node *
split_at_ial (Render     *render,
              cmark_node *paragraph)
{
  for (cmark_node *child = cmark_node_first_child (paragraph); child != NULL; child = cmark_node_next (child))
    {
      cmark_node *before = cmark_node_previous (child);
      cmark_node *after = cmark_node_next (child);
      const char *literal;
      g_autofree char *trimmed = NULL;
      cmark_node *rest, *move;

      if (cmark_node_get_type (child) != CMARK_NODE_TEXT || before == NULL || after == NULL ||
          (cmark_node_get_type (before) != CMARK_NODE_SOFTBREAK && cmark_node_get_type (before) != CMARK_NODE_LINEBREAK) ||
          cmark_node_get_type (after) != CMARK_NODE_SOFTBREAK || cmark_node_next (after) == NULL)
        continue;
      literal = cmark_node_get_literal (child);
      trimmed = g_strstrip (g_strdup (literal != NULL ? literal : ""));
      if (trimmed[0] != '{' || trimmed[1] != ':' || trimmed[2] == ':' || !g_str_has_suffix (trimmed, "}") ||
          strchr (trimmed, '}') != trimmed + strlen (trimmed) - 1)
        continue;

      rest = cmark_node_new (CMARK_NODE_PARAGRAPH);
      cmark_node_insert_after (paragraph, rest);
      while ((move = cmark_node_next (after)) != NULL)
        {
          cmark_node_unlink (move);
          cmark_node_append_child (rest, move);
        }
      aushang_markdown_apply_block_ial (render, paragraph, trimmed);
      cmark_node_unlink (before);
      cmark_node_unlink (child);
      cmark_node_unlink (after);
      g_ptr_array_add (render->unlinked, before);
      g_ptr_array_add (render->unlinked, child);
      g_ptr_array_add (render->unlinked, after);

      return rest;
    }

  return NULL;
}

/* Tables ---------------------------------------------------------------------- */

static void
table_ial (Render     *render,
           cmark_node *table)
{
  cmark_node *row = cmark_node_last_child (table);
  cmark_node *cell, *text;
  const char *literal;

  if (row == NULL || g_strcmp0 (cmark_node_get_type_string (row), "table_row") != 0 ||
      cmark_node_previous (row) == NULL)
    return;
  cell = cmark_node_first_child (row);
  if (cell == NULL)
    return;
  cmark_consolidate_text_nodes (cell);
  text = cmark_node_first_child (cell);
  if (text == NULL || cmark_node_next (text) != NULL || cmark_node_get_type (text) != CMARK_NODE_TEXT)
    return;
  literal = cmark_node_get_literal (text);
  if (literal == NULL || literal[0] != '{' || literal[1] != ':' || literal[2] == ':' ||
      !g_str_has_suffix (literal, "}"))
    return;
  for (cell = cmark_node_next (cell); cell != NULL; cell = cmark_node_next (cell))
    if (cmark_node_first_child (cell) != NULL)
      return;

  aushang_markdown_apply_block_ial (render, table, literal);
  cmark_node_unlink (row);
  g_ptr_array_add (render->unlinked, row);
}

/* Stray closing tags ------------------------------------------------------- */

static gboolean
is_void_element (const char *name,
                 gsize       len)
{
  static const char * const voids[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr", NULL
  };

  for (guint i = 0; voids[i] != NULL; i++)
    if (strlen (voids[i]) == len && g_ascii_strncasecmp (voids[i], name, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_raw_element (const char *name,
                gsize       len)
{
  return (len == 6 && g_ascii_strncasecmp (name, "script", 6) == 0) ||
         (len == 5 && g_ascii_strncasecmp (name, "style", 5) == 0) ||
         (len == 8 && g_ascii_strncasecmp (name, "textarea", 8) == 0);
}

/* The end of the tag at @p ("<" then a letter or "/"), or NULL: quoted
 * attribute values may hold ">". */
static const char *
tag_end (const char *p)
{
  char quote = 0;

  for (p++; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }
  return NULL;
}

/* kramdown's HTML parser takes a closing tag that does not close the
 * element open at that point for text ("&lt;/iframe&gt;"); a browser drops
 * it. Returns @html with such tags escaped, or NULL when there are none.
 * Elements still open at the end are left open (an HTML block cmark ends
 * early may close them later). */
char *
aushang_markdown_kramdown_escape_stray_end_tags (const char *html)
{
  g_autoptr(GPtrArray) open = NULL;
  GString *out = NULL;
  const char *p = html;
  const char *copied = html;

  if (strstr (html, "</") == NULL)
    return NULL;
  open = g_ptr_array_new_with_free_func (g_free);

  while ((p = strchr (p, '<')) != NULL)
    {
      const char *end;
      const char *name;
      gsize name_len;
      gboolean closing = p[1] == '/';

      if (g_str_has_prefix (p, "<!--"))
        {
          const char *close = strstr (p + 4, "-->");

          if (close == NULL)
            break;
          p = close + 3;
          continue;
        }
      name = p + (closing ? 2 : 1);
      if (!g_ascii_isalpha (*name))
        {
          p++;
          continue;
        }
      name_len = 0;
      while (g_ascii_isalnum (name[name_len]) || name[name_len] == '-' || name[name_len] == ':')
        name_len++;
      end = tag_end (p);
      if (end == NULL)
        break;

      if (!closing)
        {
          if (is_raw_element (name, name_len))
            {
              /* Its content is text up to its own closing tag. */
              g_autofree char *close = g_strdup_printf ("</%.*s", (int) name_len, name);
              const char *q = end;

              while (*q != '\0' && g_ascii_strncasecmp (q, close, strlen (close)) != 0)
                q++;
              p = *q != '\0' ? q + strlen (close) : q;
              continue;
            }
          if (end[-2] != '/' && !is_void_element (name, name_len))
            g_ptr_array_add (open, g_ascii_strdown (name, name_len));
          p = end;
          continue;
        }

      if (open->len > 0)
        {
          const char *top = g_ptr_array_index (open, open->len - 1);

          if (strlen (top) == name_len && g_ascii_strncasecmp (top, name, name_len) == 0)
            g_ptr_array_remove_index (open, open->len - 1);
          else
            {
              if (out == NULL)
                out = g_string_new (NULL);
              g_string_append_len (out, copied, p - copied);
              g_string_append (out, "&lt;");
              g_string_append_len (out, p + 1, end - 1 - (p + 1));
              g_string_append (out, "&gt;");
              copied = end;
            }
        }
      p = end;
    }

  if (out == NULL)
    return NULL;
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

/* Link targets as written ---------------------------------------------------- */

static gboolean
url_needs_raw (const char *url)
{
  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    if (*p >= 0x80 || strchr (" []|^{}`\"<>\\", *p) != NULL)
      return TRUE;
  return FALSE;
}

/* kramdown writes a link's or image's URL as written (umlauts, spaces,
 * "[" and "]" kept); cmark percent-encodes them. Such URLs become tokens
 * (prefix, "U", index, "X") that aushang_markdown_kramdown_put_urls()
 * replaces. FALSE when there were none. */
gboolean
aushang_markdown_kramdown_take_urls (Render     *render,
                                     cmark_node *document)
{
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      const char *url;
      GString *tag = render->scratch_tag;

      if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE))
        continue;
      url = cmark_node_get_url (node);
      if (url == NULL || !url_needs_raw (url))
        continue;
      if (render->urls == NULL)
        render->urls = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (render->urls, g_strdup (url));
      g_string_truncate (tag, 0);
      g_string_append_len (tag, render->prefix, render->prefix_len);
      g_string_append_c (tag, 'U');
      aushang_markdown_append_uint (tag, render->urls->len - 1);
      g_string_append_c (tag, 'X');
      cmark_node_set_url (node, tag->str);
    }
  cmark_iter_free (iter);
  return render->urls != NULL;
}

char *
aushang_markdown_kramdown_put_urls (const Render *render,
                                    const char   *html)
{
  GString *out = g_string_sized_new (strlen (html) + 64);
  const char *p = html;
  const char *hit;

  while ((hit = strstr (p, render->prefix)) != NULL)
    {
      const char *q = hit + render->prefix_len;
      guint64 index;
      char *end = NULL;

      g_string_append_len (out, p, hit - p);
      if (*q == 'U' && g_ascii_isdigit (q[1]) &&
          (index = g_ascii_strtoull (q + 1, &end, 10), *end == 'X') &&
          index < render->urls->len)
        {
          for (const char *u = g_ptr_array_index (render->urls, index); *u != '\0'; u++)
            switch (*u)
              {
              case '&': g_string_append (out, "&amp;"); break;
              case '"': g_string_append (out, "&quot;"); break;
              case '<': g_string_append (out, "&lt;"); break;
              case '>': g_string_append (out, "&gt;"); break;
              default: g_string_append_c (out, *u); break;
              }
          p = end + 1;
        }
      else
        {
          g_string_append_len (out, hit, render->prefix_len);
          p = hit + render->prefix_len;
        }
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* Smart quotes --------------------------------------------------------------- */

/* Per thread: kramdown's smart_quotes option of the site being rendered. */
static GPrivate smart_quotes_key = G_PRIVATE_INIT (g_free);

void
aushang_markdown_set_smart_quotes (const char *quotes)
{
  g_private_replace (&smart_quotes_key, g_strdup (quotes));
}

const char *
aushang_markdown_get_smart_quotes (void)
{
  return g_private_get (&smart_quotes_key);
}

static gunichar
quote_entity (const char *name)
{
  static const struct
  {
    const char *name;
    gunichar    c;
  } entities[] = {
    { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
    { "sbquo", 0x201A }, { "bdquo", 0x201E }, { "laquo", 0x00AB }, { "raquo", 0x00BB },
    { "lsaquo", 0x2039 }, { "rsaquo", 0x203A }, { "apos", '\'' }, { "quot", '"' },
  };
  char *end = NULL;
  guint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strcmp (name, entities[i].name) == 0)
      return entities[i].c;
  n = g_ascii_strtoull (name, &end, 10);
  if (end != name && *end == '\0' && n > 0 && n <= 0x10FFFF && g_unichar_validate ((gunichar) n))
    return (gunichar) n;
  return 0;
}

/* Reads the thread's smart_quotes ("sbquo,lsquo,bdquo,ldquo": left and
 * right single, left and right double; entity names or code points) into
 * @render; FALSE when it is kramdown's default or not valid. */
gboolean
aushang_markdown_kramdown_quotes (Render *render)
{
  const char *setting = g_private_get (&smart_quotes_key);
  g_auto(GStrv) names = NULL;
  static const gunichar standard[] = { 0x2018, 0x2019, 0x201C, 0x201D };
  gboolean differs = FALSE;

  render->custom_quotes = FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int n = g_unichar_to_utf8 (standard[i], render->quotes[i]);

      render->quotes[i][n] = '\0';
    }
  if (setting == NULL)
    return FALSE;
  names = g_strsplit (setting, ",", -1);
  if (g_strv_length (names) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      gunichar c = quote_entity (g_strstrip (names[i]));
      int n;

      if (c == 0)
        return FALSE;
      differs |= c != standard[i];
      n = g_unichar_to_utf8 (c, render->quotes[i]);
      render->quotes[i][n] = '\0';
    }
  render->custom_quotes = differs;
  return differs;
}

/* Curly quotes typed as such stay as typed: they go through Markdown as
 * other punctuation of the same length (U+2E2A…U+2E2D, which no one
 * types), so that emphasis next to them works as before. */
void
aushang_markdown_kramdown_hide_quotes (char  *text,
                                       gsize  len)
{
  for (gsize i = 0; i + 2 < len; i++)
    if ((guchar) text[i] == 0xE2 && (guchar) text[i + 1] == 0x80)
      {
        guchar c = (guchar) text[i + 2];

        if (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D)
          {
            text[i + 1] = (char) 0xB8;
            text[i + 2] = (char) (0xAA + (c == 0x98 ? 0 : c == 0x99 ? 1 : c == 0x9C ? 2 : 3));
            i += 2;
          }
      }
}

/* Whether kramdown closes a quote that directly follows a tag (a span
 * element's end, or the start of a paragraph or cell), @next being the
 * text after it: its rules without a character before the quote. */
static gboolean
kramdown_closes_after_element (const char *next)
{
  guchar c = (guchar) next[0];

  /* Before an end tag: the end of the text; before a start tag (emphasis,
   * a link, code in the Markdown): an opening quote. */
  if (c == '<')
    return next[1] == '/';
  if (c == '\0' || g_ascii_isspace (c))
    return TRUE;
  if (c == 's' && !g_ascii_isalnum (next[1]) && (guchar) next[1] < 0x80)
    return TRUE;
  /* Punctuation, then no word boundary ("\B"): punctuation or the end. */
  if (g_ascii_ispunct (c) && c != '_' && c != '*' &&
      !(c == '.' && next[1] == '.' && next[2] == '.'))
    return next[1] == '\0' || (g_ascii_ispunct (next[1]) && next[1] != '_') ||
           g_ascii_isspace (next[1]);
  return FALSE;
}

/* cmark's smart quotes to the site's, and the typed ones back; a closing
 * quote cmark made right after "(", "[" or "{" opens, as in kramdown, and
 * one right after an element follows kramdown's rules. */
char *
aushang_markdown_kramdown_apply_quotes (const Render *render,
                                        const char   *html)
{
  static const char * const typed[] = { "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D" };
  GString *out = g_string_sized_new (strlen (html) + 16);
  const char *p = html;
  const char *copied = html;

  for (; *p != '\0'; p++)
    {
      guchar a = (guchar) p[0], b, c;
      int k = -1;
      gboolean hidden = FALSE;

      if (a != 0xE2)
        continue;
      b = (guchar) p[1];
      c = b != 0 ? (guchar) p[2] : 0;
      if (b == 0x80)
        k = c == 0x98 ? 0 : c == 0x99 ? 1 : c == 0x9C ? 2 : c == 0x9D ? 3 : -1;
      else if (b == 0xB8 && c >= 0xAA && c <= 0xAD)
        {
          k = c - 0xAA;
          hidden = TRUE;
        }
      if (k < 0)
        continue;
      if (!hidden && (k == 1 || k == 3) && p > html && strchr ("([{", p[-1]) != NULL &&
          !(k == 1 && p[3] == 's' && !g_ascii_isalnum (p[4])))
        k--;
      else if (!hidden && p > html && p[-1] == '>')
        k = (k & ~1) | (kramdown_closes_after_element (p + 3) ? 1 : 0);
      else if (!hidden && (k == 1 || k == 3) && p > html && (p[-1] == ' ' || p[-1] == '\n') &&
               !(k == 1 && g_ascii_isdigit (p[3]) && g_ascii_isdigit (p[4]) && p[5] == 's'))
        /* After a blank kramdown opens (cmark closes one it cannot match). */
        k--;
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, hidden ? typed[k] : render->quotes[k]);
      p += 2;
      copied = p + 1;
    }
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

/* The pass ----------------------------------------------------------------- */

static gboolean
is_options_tag (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_str_has_prefix (trimmed, "{::") && g_str_has_suffix (trimmed, "/}") &&
         strchr (trimmed + 3, '}') == trimmed + strlen (trimmed) - 1;
}

/* The block after @node in document order within @root, entering only
 * the blocks that hold blocks: where paragraphs can be. */
static cmark_node *
walk_blocks (cmark_node *node,
             cmark_node *root)
{
  cmark_node *child = NULL;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
    case CMARK_NODE_CUSTOM_BLOCK:
      child = cmark_node_first_child (node);
      break;
    default:
      break;
    }
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

void
aushang_markdown_kramdown_tree (Render     *render,
                                cmark_node *document)
{
  g_autoptr(GHashTable) abbreviations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  cmark_iter *iter;
  cmark_event_type event;
  cmark_node *list = NULL;
  cmark_node *node;
  const char *md = render->md_text;
  /* What the text needs for "\\" line breaks and ": " definitions: text
   * nodes get a "\\" or a ":" only from the text, an escape or an entity. */
  gboolean backslashes = md == NULL || strchr (md, '\\') != NULL || strchr (md, '&') != NULL;
  gboolean definitions = backslashes || strstr (md, ": ") != NULL || strstr (md, ":\t") != NULL;
  /* Spaced references (" []" after a link) and abbreviations ("*[") alike. */
  gboolean references = backslashes || strstr (md, " []") != NULL || strstr (md, "\t[]") != NULL;
  gboolean abbreviated = backslashes || strstr (md, "*[") != NULL;

  /* Paragraphs, in document order: only blocks that hold blocks are
   * entered, not the inline content of every paragraph. */
  for (node = document; node != NULL; node = walk_blocks (node, document))
    if (cmark_node_get_type (node) == CMARK_NODE_PARAGRAPH)
      g_ptr_array_add (paragraphs, node);

  for (guint i = 0; i < paragraphs->len; i++)
    {
      cmark_node *paragraph = g_ptr_array_index (paragraphs, i);
      cmark_node *child, *next, *first;

      /* cmark_parser_finish() joined the text nodes already, and the
       * steps before (which give paragraphs nodes from other parses, also
       * joined) leave no two next to each other. */
      /* An attribute list ("{: …}") needs a "{" in the text. */
      if (render->braces)
        {
          cmark_node *rest = split_at_ial (render, paragraph);

          if (rest != NULL)
            g_ptr_array_insert (paragraphs, i + 1, rest);
        }
      if (render->pipes && pipe_table (render, paragraph))
        {
          cmark_node_unlink (paragraph);
          g_ptr_array_add (render->unlinked, paragraph);
          continue;
        }
      first = cmark_node_first_child (paragraph);

      /* {::options … /} and its kind: nothing. */
      if (render->braces &&
          first != NULL && cmark_node_next (first) == NULL && cmark_node_get_type (first) == CMARK_NODE_TEXT &&
          is_options_tag (cmark_node_get_literal (first)))
        {
          cmark_node_unlink (paragraph);
          g_ptr_array_add (render->unlinked, paragraph);
          continue;
        }

      if (abbreviated && first != NULL && cmark_node_get_type (first) == CMARK_NODE_TEXT &&
          g_str_has_prefix (cmark_node_get_literal (first), "*[") &&
          take_abbreviations (paragraph, abbreviations))
        {
          cmark_node_unlink (paragraph);
          g_ptr_array_add (render->unlinked, paragraph);
          continue;
        }

      for (child = (backslashes || references || render->braces) ? first : NULL; child != NULL; child = next)
        {
          next = cmark_node_next (child);

          if (cmark_node_get_type (child) == CMARK_NODE_SOFTBREAK)
            {
              if (backslashes)
                backslash_break (render, child);
            }
          else if (cmark_node_get_type (child) == CMARK_NODE_TEXT)
            {
              if (references)
                spaced_reference (render, child);
              if (render->braces)
                span_ials (render, child);
            }
        }

      /* Definition lists: consecutive paragraphs make one list. */
      if (list != NULL && cmark_node_previous (paragraph) != list)
        list = NULL;
      list = definitions ? definition_list (render, paragraph, list) : NULL;
    }

  /* Without a "{" in the text no text node starts an attribute list, and
   * without abbreviations the passes below have nothing to do. */
  if (!render->braces && g_hash_table_size (abbreviations) == 0)
    return;

  /* "| … |\n{: .table-code}": the table's last row is the list. */
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && g_strcmp0 (cmark_node_get_type_string (node), "table") == 0)
        g_ptr_array_add (texts, node);
    }
  cmark_iter_free (iter);
  for (guint i = 0; i < texts->len; i++)
    table_ial (render, g_ptr_array_index (texts, i));
  g_ptr_array_set_size (texts, 0);

  /* Span attribute lists inside emphasis, links, headings, … too. */
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_TEXT)
        g_ptr_array_add (texts, node);
    }
  cmark_iter_free (iter);

  for (guint i = 0; i < texts->len; i++)
    {
      cmark_node *text = g_ptr_array_index (texts, i);
      cmark_node *parent = cmark_node_parent (text);

      if (parent != NULL && cmark_node_get_type (parent) != CMARK_NODE_PARAGRAPH &&
          cmark_node_get_type (parent) != CMARK_NODE_IMAGE)
        span_ials (render, text);
      if (g_hash_table_size (abbreviations) > 0 && cmark_node_parent (text) != NULL)
        mark_abbreviations (render, text, abbreviations);
    }
}

/* Footnotes in kramdown's form ------------------------------------------------ */

static void
replace_all (GString    *html,
             const char *from,
             const char *to)
{
  g_string_replace (html, from, to, 0);
}

/* cmark-gfm writes footnotes its own way; kramdown's ids have a colon
 * ("fn:1"), its list is a <div class="footnotes">. */
char *
aushang_markdown_kramdown_footnotes (char *html)
{
  GString *out = g_string_new (html);

  g_free (html);

  replace_all (out, "<sup class=\"footnote-ref\"><a href=\"#fn-", "<sup role=\"doc-noteref\"><a class=\"footnote\" rel=\"footnote\" href=\"#fn:");
  replace_all (out, "\" id=\"fnref-", "\" id=\"fnref:");
  replace_all (out, " data-footnote-ref>", ">");
  replace_all (out, "<section class=\"footnotes\" data-footnotes>", "<div class=\"footnotes\" role=\"doc-endnotes\">");
  replace_all (out, "</ol>\n</section>", "</ol>\n</div>");
  replace_all (out, "<li id=\"fn-", "<li role=\"doc-endnote\" id=\"fn:");
  replace_all (out, "<a href=\"#fnref-", "<a href=\"#fnref:");
  replace_all (out, "\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"", "\" class=\"reversefootnote\" role=\"doc-backlink\" data-idx=\"");
  replace_all (out, "\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩</a>",
               "\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a>");

  return g_string_free (out, FALSE);
}
