/* aushang-html-to-markdown.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-html-to-markdown"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "aushang-html-to-markdown.h"

/* A hard line break inside inline text, until the paragraph is done. */
#define BREAK '\x01'

typedef struct
{
  gboolean bold;
  gboolean italic;
  gboolean strike;
} Style;

typedef struct
{
  /* Inside a table cell: "|" is escaped. */
  gboolean in_table;
} Ctx;

typedef enum
{
  BLOCK_TEXT,
  BLOCK_LIST,
} BlockKind;

typedef struct
{
  char      *text;
  BlockKind  kind;
} Block;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block);
}

static void
add_block (GPtrArray *blocks,
           char      *text,
           BlockKind  kind)
{
  Block *block;

  if (text == NULL || text[0] == '\0')
    {
      g_free (text);
      return;
    }
  block = g_new0 (Block, 1);
  block->text = text;
  block->kind = kind;
  g_ptr_array_add (blocks, block);
}

static GPtrArray *render_blocks (Ctx *ctx, xmlNode *first, gboolean in_item);
static char *render_list (Ctx *ctx, xmlNode *list);
static void render_inline (Ctx *ctx, xmlNode *node, Style style, GString *out);

/* ------------------------------------------------------------------------ */
/* Names                                                                      */

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (xmlNode            *node,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (node, names[i]))
      return TRUE;

  return FALSE;
}

/* Elements whose content is no text of the document. */
static const char * const skipped[] = {
  "head", "style", "script", "title", "meta", "link", "xml", "noscript", "template",
  "iframe", "object", "embed", "svg", "math", "button", "input", "select", "textarea",
  "canvas", "video", "audio", "map", NULL,
};

/* Elements that only hold blocks. */
static const char * const containers[] = {
  "html", "body", "div", "section", "article", "header", "footer", "main", "nav",
  "aside", "center", "figure", "figcaption", "form", "fieldset", "address", "dl",
  "dd", "dt", "details", "summary", "li", "tbody", "thead", "tfoot", "tr", "td", "th",
  "caption", "colgroup", "col", "legend", "hgroup", NULL,
};

static const char * const blocks_names[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dir", "menu", "blockquote",
  "pre", "table", "hr", "listing", "xmp", "plaintext", NULL,
};

static gboolean
is_block (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         (name_in (node, blocks_names) || name_in (node, containers));
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);

  return copy;
}

/* The value of @property in the style attribute ("font-weight"),
 * lowercased and trimmed, or NULL. */
static char *
get_style (xmlNode    *node,
           const char *property)
{
  g_autofree char *style = get_attribute (node, "style");
  g_auto(GStrv) declarations = NULL;

  if (style == NULL)
    return NULL;

  declarations = g_strsplit (style, ";", -1);
  for (guint i = 0; declarations[i] != NULL; i++)
    {
      char *colon = strchr (declarations[i], ':');
      g_autofree char *name = NULL;

      if (colon == NULL)
        continue;
      *colon = '\0';
      name = g_ascii_strdown (g_strstrip (declarations[i]), -1);
      if (g_str_equal (name, property))
        {
          g_autofree char *value = g_strstrip (g_strdup (colon + 1));

          return g_ascii_strdown (value, -1);
        }
    }

  return NULL;
}

static gboolean
style_is_bold (const char *weight)
{
  return weight != NULL &&
         (g_str_has_prefix (weight, "bold") || g_str_equal (weight, "bolder") ||
          g_str_equal (weight, "600") || g_str_equal (weight, "700") ||
          g_str_equal (weight, "800") || g_str_equal (weight, "900"));
}

static gboolean
style_is_normal (const char *value)
{
  return value != NULL && (g_str_has_prefix (value, "normal") || g_str_equal (value, "400"));
}

/* Word's list marker ("1." or "·" with its spaces) in a list paragraph. */
static gboolean
is_word_list_marker (xmlNode *node)
{
  g_autofree char *list = NULL;

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  list = get_style (node, "mso-list");

  return list != NULL && g_str_has_prefix (list, "ignore");
}

/* ------------------------------------------------------------------------ */
/* Inline text                                                                */

static void
append_escaped (Ctx        *ctx,
                GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Every run of white space is one space, as in HTML; so is a
       * no-break space (Office writes them for spacing). */
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0)
        {
          g_string_append_c (out, ' ');
          continue;
        }
      if (c == 0xFEFF || c == 0x200B || c < 0x20)
        continue;

      switch (c)
        {
        case '\\': case '`': case '*': case '[': case ']': case '<': case '~':
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
          break;

        case '|':
          if (ctx->in_table)
            g_string_append_c (out, '\\');
          g_string_append_c (out, '|');
          break;

        case '_':
          {
            /* Inside a word ("snake_case") it is no emphasis. */
            gboolean inner = out->len > 0 && g_ascii_isalnum (out->str[out->len - 1]) &&
                             g_ascii_isalnum (p[1]);

            if (!inner)
              g_string_append_c (out, '\\');
            g_string_append_c (out, '_');
          }
          break;

        default:
          g_string_append_unichar (out, c);
        }
    }
}

/* Appends "**text**" with the white space of @inner kept outside the
 * markers (Markdown needs them against the text). */
static void
append_wrapped (GString    *out,
                const char *marker,
                const char *inner)
{
  gsize len = strlen (inner);
  gsize lead = 0, trail = 0;

  while (lead < len && (inner[lead] == ' ' || inner[lead] == BREAK))
    lead++;
  while (trail < len - lead && (inner[len - 1 - trail] == ' ' || inner[len - 1 - trail] == BREAK))
    trail++;

  g_string_append_len (out, inner, lead);
  if (lead < len)
    {
      /* Right after another marker ("**Team**" then italic), "*" would
       * merge into it: emphasis has a second spelling. */
      if (out->len > 0 && out->str[out->len - 1] == '*' && marker[0] == '*')
        marker = g_str_equal (marker, "*") ? "_" : g_str_equal (marker, "**") ? "__" : marker;
      g_string_append (out, marker);
      g_string_append_len (out, inner + lead, len - lead - trail);
      g_string_append (out, marker);
      g_string_append_len (out, inner + len - trail, trail);
    }
}

static char *
collect_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content ? (const char *) content : "");

  xmlFree (content);

  return text;
}

/* A link's address as Markdown can hold it, or NULL for one that leads
 * nowhere outside the pasted text (an anchor, a script). */
static char *
clean_href (const char *href)
{
  GString *out;

  if (href == NULL)
    return NULL;
  while (g_ascii_isspace (*href))
    href++;
  if (href[0] == '\0' || href[0] == '#' ||
      g_ascii_strncasecmp (href, "javascript:", 11) == 0 ||
      g_ascii_strncasecmp (href, "file:", 5) == 0 ||
      g_ascii_strncasecmp (href, "data:", 5) == 0)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = href; *p != '\0'; p++)
    {
      if (*p == ' ' && strspn (p, " \t\r\n") == strlen (p))
        break;
      if (*p == ' ')
        g_string_append (out, "%20");
      else if (*p == '(')
        g_string_append (out, "%28");
      else if (*p == ')')
        g_string_append (out, "%29");
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        continue;
      else
        g_string_append_c (out, *p);
    }
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static void
render_inline_children (Ctx     *ctx,
                        xmlNode *node,
                        Style    style,
                        GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    render_inline (ctx, child, style, out);
}

static void
render_wrapped (Ctx        *ctx,
                xmlNode    *node,
                Style       style,
                const char *marker,
                GString    *out)
{
  g_autoptr(GString) inner = g_string_new (NULL);

  render_inline_children (ctx, node, style, inner);
  append_wrapped (out, marker, inner->str);
}

static void
render_inline (Ctx     *ctx,
               xmlNode *node,
               Style    style,
               GString *out)
{
  g_autofree char *weight = NULL;
  g_autofree char *font_style = NULL;
  g_autofree char *decoration = NULL;
  gboolean bold, italic, strike;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      append_escaped (ctx, out, (const char *) node->content);
      return;
    }
  if (node->type == XML_ENTITY_REF_NODE)
    {
      g_autofree char *text = collect_text (node);

      append_escaped (ctx, out, text);
      return;
    }
  if (node->type != XML_ELEMENT_NODE || name_in (node, skipped) || is_word_list_marker (node))
    return;

  if (name_is (node, "br"))
    {
      g_string_append_c (out, BREAK);
      return;
    }

  if (name_is (node, "img"))
    {
      g_autofree char *src = get_attribute (node, "src");
      g_autofree char *alt = get_attribute (node, "alt");
      g_autofree char *address = NULL;

      /* Only pictures on the web: a pasted file or data: picture has no
       * address the site could use. */
      if (src != NULL && (g_str_has_prefix (src, "http://") || g_str_has_prefix (src, "https://")) &&
          (address = clean_href (src)) != NULL)
        {
          g_string_append (out, "![");
          if (alt != NULL)
            append_escaped (ctx, out, alt);
          g_string_append (out, "](");
          g_string_append (out, address);
          g_string_append_c (out, ')');
        }
      return;
    }

  if (name_is (node, "a"))
    {
      g_autofree char *href = get_attribute (node, "href");
      g_autofree char *address = clean_href (href);
      g_autoptr(GString) inner = g_string_new (NULL);
      g_autofree char *text = NULL;

      render_inline_children (ctx, node, style, inner);
      text = g_strstrip (g_strdup (inner->str));
      if (address == NULL)
        {
          g_string_append (out, inner->str);
          return;
        }
      if (text[0] == '\0')
        {
          g_autoptr(GString) shown = g_string_new (NULL);

          append_escaped (ctx, shown, address);
          g_string_append_printf (out, "[%s](%s)", shown->str, address);
          return;
        }
      /* White space stays outside the brackets. */
      if (inner->str[0] == ' ')
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "[%s](%s)", text, address);
      if (inner->len > 1 && inner->str[inner->len - 1] == ' ')
        g_string_append_c (out, ' ');
      return;
    }

  if (name_is (node, "code") || name_is (node, "kbd") || name_is (node, "samp") || name_is (node, "tt"))
    {
      g_autofree char *text = collect_text (node);
      g_autoptr(GString) collapsed = g_string_new (NULL);
      const char *fence = strchr (text, '`') != NULL ? "``" : "`";

      for (const char *p = text; *p != '\0'; p++)
        {
          if (g_ascii_isspace (*p))
            {
              if (collapsed->len == 0 || collapsed->str[collapsed->len - 1] != ' ')
                g_string_append_c (collapsed, ' ');
            }
          else
            g_string_append_c (collapsed, *p);
        }
      g_strstrip (collapsed->str);
      if (collapsed->str[0] != '\0')
        g_string_append_printf (out, "%s%s%s%s%s", fence,
                                fence[1] ? " " : "", collapsed->str, fence[1] ? " " : "", fence);
      return;
    }

  /* Formatting, by element or by style (LibreOffice, Google Docs and web
   * pages set it on spans; Google wraps everything in a <b> whose style
   * says "normal"). */
  weight = get_style (node, "font-weight");
  font_style = get_style (node, "font-style");
  decoration = get_style (node, "text-decoration");
  if (decoration == NULL)
    decoration = get_style (node, "text-decoration-line");

  bold = style_is_bold (weight) ||
         ((name_is (node, "b") || name_is (node, "strong")) && !style_is_normal (weight));
  italic = (font_style != NULL && (g_str_has_prefix (font_style, "italic") || g_str_has_prefix (font_style, "oblique"))) ||
           ((name_is (node, "i") || name_is (node, "em") || name_is (node, "cite") ||
             name_is (node, "dfn") || name_is (node, "var")) && !style_is_normal (font_style));
  strike = (decoration != NULL && strstr (decoration, "line-through") != NULL) ||
           name_is (node, "s") || name_is (node, "strike") || name_is (node, "del");

  if (bold && !style.bold)
    {
      Style inner = style;

      inner.bold = TRUE;
      /* The element's own italic and strike go inside. */
      if (italic && !style.italic)
        {
          inner.italic = TRUE;
          render_wrapped (ctx, node, inner, "***", out);
          return;
        }
      render_wrapped (ctx, node, inner, "**", out);
      return;
    }
  if (italic && !style.italic)
    {
      Style inner = style;

      inner.italic = TRUE;
      render_wrapped (ctx, node, inner, "*", out);
      return;
    }
  if (strike && !style.strike)
    {
      Style inner = style;

      inner.strike = TRUE;
      render_wrapped (ctx, node, inner, "~~", out);
      return;
    }

  /* A block inside inline text (a <p> in a link): a space around it. */
  if (is_block (node))
    {
      g_string_append_c (out, ' ');
      render_inline_children (ctx, node, style, out);
      g_string_append_c (out, ' ');
      return;
    }

  /* span, font, u, sup, sub, abbr, label, unknown Office elements: their
   * text only. */
  render_inline_children (ctx, node, style, out);
}

/* Finishes a paragraph's inline text: one space between words, no space
 * at the ends, hard breaks as two spaces and a newline, and what would
 * start a block at a line's start escaped. */
static char *
finish_inline (const char *text)
{
  GString *collapsed = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  GString *out;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          if (collapsed->len > 0 && collapsed->str[collapsed->len - 1] != ' ' &&
              collapsed->str[collapsed->len - 1] != BREAK)
            g_string_append_c (collapsed, ' ');
        }
      else if (*p == BREAK)
        {
          while (collapsed->len > 0 && collapsed->str[collapsed->len - 1] == ' ')
            g_string_truncate (collapsed, collapsed->len - 1);
          g_string_append_c (collapsed, BREAK);
        }
      else
        g_string_append_c (collapsed, *p);
    }

  /* No break or space at the ends. */
  while (collapsed->len > 0 && (collapsed->str[collapsed->len - 1] == ' ' ||
                                collapsed->str[collapsed->len - 1] == BREAK))
    g_string_truncate (collapsed, collapsed->len - 1);
  while (collapsed->len > 0 && (collapsed->str[0] == ' ' || collapsed->str[0] == BREAK))
    g_string_erase (collapsed, 0, 1);

  lines = g_strsplit (collapsed->str, (char[]) { BREAK, '\0' }, -1);
  g_string_free (collapsed, TRUE);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gsize digits = 0;

      if (i > 0)
        g_string_append (out, "  \n");
      while (line[0] == ' ')
        line++;

      while (g_ascii_isdigit (line[digits]))
        digits++;
      if ((line[0] == '#' || line[0] == '>' || line[0] == '+' || line[0] == '-' || line[0] == '=') &&
          (line[1] == '\0' || line[1] == ' ' || line[1] == line[0] || line[0] == '#' || line[0] == '>'))
        g_string_append_c (out, '\\');
      else if (digits > 0 && digits < 10 && (line[digits] == '.' || line[digits] == ')') &&
               (line[digits + 1] == '\0' || line[digits + 1] == ' '))
        {
          g_string_append_len (out, line, digits);
          g_string_append_c (out, '\\');
          line += digits;
        }
      g_string_append (out, line);
    }

  return g_string_free (out, FALSE);
}

static char *
render_inline_block (Ctx     *ctx,
                     xmlNode *node)
{
  g_autoptr(GString) inner = g_string_new (NULL);
  Style style = { FALSE, FALSE, FALSE };

  render_inline_children (ctx, node, style, inner);

  return finish_inline (inner->str);
}

/* ------------------------------------------------------------------------ */
/* Blocks                                                                     */

/* @text with every line but the first indented by @indent spaces (blank
 * lines stay empty), after @first_prefix. */
static void
append_indented (GString    *out,
                 const char *first_prefix,
                 guint       indent,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i == 0)
        g_string_append (out, first_prefix);
      else
        {
          g_string_append_c (out, '\n');
          if (lines[i][0] != '\0')
            for (guint j = 0; j < indent; j++)
              g_string_append_c (out, ' ');
        }
      g_string_append (out, lines[i]);
    }
}

static char *
join_blocks (GPtrArray *blocks,
             gboolean   in_item)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (i > 0)
        /* In a list item, a list right after the text belongs to it. */
        g_string_append (out, in_item && block->kind == BLOCK_LIST ? "\n" : "\n\n");
      g_string_append (out, block->text);
    }

  return g_string_free (out, FALSE);
}

static char *
render_heading (Ctx     *ctx,
                xmlNode *node)
{
  char *text = render_inline_block (ctx, node);
  int level = node->name[1] - '0';
  char *heading;

  if (text[0] == '\0')
    {
      g_free (text);
      return NULL;
    }
  /* A heading is one line: a break is a space. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "  \n", -1);

    g_free (text);
    text = g_strjoinv (" ", lines);
  }

  heading = g_strdup_printf ("%.*s %s", CLAMP (level, 1, 6), "######", text);
  g_free (text);

  return heading;
}

static char *
render_pre (xmlNode *node)
{
  g_autofree char *text = collect_text (node);
  const char *body = text;
  GString *fence = g_string_new ("```");
  GString *out;
  gsize len;

  if (body[0] == '\n')
    body++;
  else if (body[0] == '\r' && body[1] == '\n')
    body += 2;
  len = strlen (body);
  while (len > 0 && (body[len - 1] == '\n' || body[len - 1] == '\r'))
    len--;
  if (len == 0)
    {
      g_string_free (fence, TRUE);
      return NULL;
    }
  while (strstr (body, fence->str) != NULL)
    g_string_append_c (fence, '`');

  out = g_string_new (fence->str);
  g_string_append_c (out, '\n');
  g_string_append_len (out, body, len);
  g_string_append_c (out, '\n');
  g_string_append (out, fence->str);
  g_string_free (fence, TRUE);

  return g_string_free (out, FALSE);
}

static char *
render_quote (Ctx     *ctx,
              xmlNode *node)
{
  g_autoptr(GPtrArray) blocks = render_blocks (ctx, node->children, FALSE);
  g_autofree char *text = join_blocks (blocks, FALSE);
  g_auto(GStrv) lines = NULL;
  GString *out;

  if (text[0] == '\0')
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i][0] != '\0' ? "> " : ">");
      g_string_append (out, lines[i]);
    }

  return g_string_free (out, FALSE);
}

/* The table's rows (tr), through thead, tbody and tfoot. */
static void
collect_rows (xmlNode   *parent,
              GPtrArray *rows)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (name_is (child, "tr"))
        g_ptr_array_add (rows, child);
      else if (name_is (child, "thead") || name_is (child, "tbody") || name_is (child, "tfoot"))
        collect_rows (child, rows);
    }
}

static char *
render_cell (Ctx     *ctx,
             xmlNode *cell)
{
  Ctx cell_ctx = *ctx;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *text = NULL;
  GString *out;

  cell_ctx.in_table = TRUE;
  blocks = render_blocks (&cell_ctx, cell->children, FALSE);
  text = join_blocks (blocks, FALSE);

  /* A cell is one line: paragraphs and breaks become spaces. */
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || (*p == ' ' && (p[1] == ' ' || p[1] == '\n')))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  g_strstrip (out->str);

  return g_string_free (out, FALSE);
}

static char *
render_table (Ctx     *ctx,
              xmlNode *table)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint columns = 0;
  GString *out;

  collect_rows (table, rows);
  for (guint r = 0; r < rows->len; r++)
    {
      xmlNode *row = g_ptr_array_index (rows, r);
      GPtrArray *row_cells = g_ptr_array_new_with_free_func (g_free);
      gboolean any = FALSE;

      for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
        if (name_is (cell, "td") || name_is (cell, "th"))
          {
            char *text = render_cell (ctx, cell);

            any = any || text[0] != '\0';
            g_ptr_array_add (row_cells, text);
          }
      if (row_cells->len == 0)
        {
          g_ptr_array_unref (row_cells);
          continue;
        }
      columns = MAX (columns, row_cells->len);
      g_ptr_array_add (cells, row_cells);
    }
  if (columns == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint r = 0; r < cells->len; r++)
    {
      GPtrArray *row_cells = g_ptr_array_index (cells, r);

      if (r > 0)
        g_string_append_c (out, '\n');
      g_string_append_c (out, '|');
      for (guint c = 0; c < columns; c++)
        {
          const char *text = c < row_cells->len ? g_ptr_array_index (row_cells, c) : "";

          g_string_append_printf (out, " %s |", text);
        }
      /* The first row is the header, as GFM needs one. */
      if (r == 0)
        {
          g_string_append (out, "\n|");
          for (guint c = 0; c < columns; c++)
            g_string_append (out, " --- |");
        }
    }

  return g_string_free (out, FALSE);
}

static guint
list_start (xmlNode *list)
{
  g_autofree char *start = get_attribute (list, "start");
  guint64 n = 1;

  if (start != NULL && !g_ascii_string_to_unsigned (start, 10, 0, 999999999, &n, NULL))
    n = 1;

  return (guint) n;
}

static gboolean
is_ordered (xmlNode *list)
{
  return name_is (list, "ol");
}

static char *
format_items (GPtrArray *items,
              gboolean   ordered,
              guint      start,
              gboolean   loose)
{
  GString *out = g_string_new (NULL);
  guint number = start;

  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      g_autofree char *marker = ordered ? g_strdup_printf ("%u. ", number++) : g_strdup ("- ");

      if (i > 0)
        g_string_append (out, loose ? "\n\n" : "\n");
      append_indented (out, marker, strlen (marker), item);
    }

  return g_string_free (out, FALSE);
}

static char *
render_list (Ctx     *ctx,
             xmlNode *list)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  gboolean loose = FALSE;

  for (xmlNode *child = list->children; child != NULL; child = child->next)
    {
      if (name_is (child, "li"))
        {
          g_autoptr(GPtrArray) blocks = render_blocks (ctx, child->children, TRUE);
          guint texts = 0;

          for (guint i = 0; i < blocks->len; i++)
            if (((Block *) g_ptr_array_index (blocks, i))->kind == BLOCK_TEXT)
              texts++;
          loose = loose || texts > 1;
          if (blocks->len > 0)
            g_ptr_array_add (items, join_blocks (blocks, TRUE));
        }
      else if (name_is (child, "ul") || name_is (child, "ol") || name_is (child, "dir") || name_is (child, "menu"))
        {
          /* LibreOffice puts a sublist beside the items, not in one: it
           * belongs to the item before. */
          g_autofree char *nested = render_list (ctx, child);

          if (nested[0] == '\0')
            continue;
          if (items->len > 0)
            {
              char **last = (char **) &g_ptr_array_index (items, items->len - 1);
              char *joined = g_strconcat (*last, "\n", nested, NULL);

              g_free (*last);
              *last = joined;
            }
          else
            g_ptr_array_add (items, g_steal_pointer (&nested));
        }
    }

  return format_items (items, is_ordered (list), list_start (list), loose);
}

/* ------------------------------------------------------------------------ */
/* Word's lists: paragraphs with style="mso-list:l0 level2 lfo1" and their
 * marker in a span with mso-list:Ignore.                                    */

typedef struct
{
  guint     level;
  gboolean  ordered;
  char     *text;
} WordItem;

static guint
word_list_level (xmlNode *node)
{
  g_autofree char *list = NULL;
  const char *level;

  if (!name_is (node, "p") && !(node->type == XML_ELEMENT_NODE && node->name[0] == 'h'))
    return 0;
  list = get_style (node, "mso-list");
  if (list == NULL || g_str_has_prefix (list, "ignore") || g_str_has_prefix (list, "none") ||
      (level = strstr (list, "level")) == NULL)
    return 0;

  return CLAMP (atoi (level + 5), 1, 9);
}

static xmlNode *
find_word_marker (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (is_word_list_marker (child))
        return child;
      if ((found = find_word_marker (child)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
word_marker_is_ordered (xmlNode *paragraph)
{
  xmlNode *marker = find_word_marker (paragraph);
  g_autofree char *text = marker ? collect_text (marker) : NULL;
  char *p;

  if (text == NULL)
    return FALSE;
  /* "1.", "a)", "iv." — a bullet is a symbol ("·", "o", "§", "-"). */
  p = g_strstrip (g_strdelimit (text, "\xc2\xa0", ' '));
  if (strlen (p) < 2)
    return FALSE;
  for (; *p != '\0' && *p != '.' && *p != ')'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return *p == '.' || *p == ')';
}

static char *
render_word_items (WordItem *items,
                   guint     n,
                   guint    *i,
                   guint     level)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  gboolean ordered = items[*i].ordered;

  while (*i < n && items[*i].level >= level)
    {
      if (items[*i].level == level || texts->len == 0)
        {
          g_ptr_array_add (texts, g_strdup (items[*i].text));
          (*i)++;
        }
      else
        {
          g_autofree char *nested = render_word_items (items, n, i, items[*i].level);
          char **last = (char **) &g_ptr_array_index (texts, texts->len - 1);
          char *joined = g_strconcat (*last, "\n", nested, NULL);

          g_free (*last);
          *last = joined;
        }
    }

  return format_items (texts, ordered, 1, FALSE);
}

/* Renders the run of Word list paragraphs starting at @node; returns the
 * node after it. */
static xmlNode *
render_word_list (Ctx       *ctx,
                  xmlNode   *node,
                  GPtrArray *blocks)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (WordItem));
  xmlNode *next = node;
  guint i = 0;
  guint base = 9;

  while (next != NULL)
    {
      guint level;

      if (next->type == XML_COMMENT_NODE ||
          (next->type == XML_TEXT_NODE && strspn ((const char *) next->content, " \t\r\n") == strlen ((const char *) next->content)))
        {
          next = next->next;
          continue;
        }
      if ((level = word_list_level (next)) == 0)
        break;

      {
        WordItem item = { level, word_marker_is_ordered (next), render_inline_block (ctx, next) };

        g_array_append_val (items, item);
        base = MIN (base, level);
      }
      next = next->next;
    }

  for (guint j = 0; j < items->len; j++)
    g_array_index (items, WordItem, j).level -= base - 1;
  while (i < items->len)
    add_block (blocks, render_word_items ((WordItem *) (void *) items->data, items->len, &i, 1), BLOCK_LIST);
  for (guint j = 0; j < items->len; j++)
    g_free (g_array_index (items, WordItem, j).text);

  return next;
}

/* ------------------------------------------------------------------------ */

static void
flush_paragraph (GString   *inline_text,
                 GPtrArray *blocks)
{
  if (inline_text->len > 0)
    add_block (blocks, finish_inline (inline_text->str), BLOCK_TEXT);
  g_string_truncate (inline_text, 0);
}

static GPtrArray *
render_blocks (Ctx      *ctx,
               xmlNode  *first,
               gboolean  in_item)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  Style style = { FALSE, FALSE, FALSE };
  xmlNode *node = first;

  while (node != NULL)
    {
      if (!is_block (node))
        {
          /* Loose text and inline elements make a paragraph. */
          if (!(node->type == XML_ELEMENT_NODE && name_in (node, skipped)))
            render_inline (ctx, node, style, inline_text);
          node = node->next;
          continue;
        }

      flush_paragraph (inline_text, blocks);

      if (word_list_level (node) > 0)
        {
          node = render_word_list (ctx, node, blocks);
          continue;
        }

      if (name_is (node, "p") || name_is (node, "dt") || name_is (node, "dd") ||
          name_is (node, "caption") || name_is (node, "figcaption") || name_is (node, "summary"))
        {
          /* A paragraph may hold blocks where HTML is sloppy. */
          gboolean has_blocks = FALSE;

          for (xmlNode *child = node->children; child != NULL && !has_blocks; child = child->next)
            has_blocks = is_block (child);
          if (has_blocks)
            {
              g_autoptr(GPtrArray) inner = render_blocks (ctx, node->children, in_item);

              for (guint i = 0; i < inner->len; i++)
                {
                  Block *b = g_ptr_array_index (inner, i);

                  add_block (blocks, g_steal_pointer (&b->text), b->kind);
                }
            }
          else
            add_block (blocks, render_inline_block (ctx, node), BLOCK_TEXT);
        }
      else if (node->name[0] == 'h' && node->name[1] >= '1' && node->name[1] <= '6' && node->name[2] == '\0')
        add_block (blocks, render_heading (ctx, node), BLOCK_TEXT);
      else if (name_is (node, "ul") || name_is (node, "ol") || name_is (node, "dir") || name_is (node, "menu"))
        add_block (blocks, render_list (ctx, node), BLOCK_LIST);
      else if (name_is (node, "li"))
        {
          /* Items without their list. */
          g_autoptr(GPtrArray) inner = render_blocks (ctx, node->children, TRUE);
          g_autofree char *text = join_blocks (inner, TRUE);
          GString *item = g_string_new (NULL);

          if (text[0] != '\0')
            append_indented (item, "- ", 2, text);
          add_block (blocks, g_string_free (item, FALSE), BLOCK_LIST);
        }
      else if (name_is (node, "blockquote"))
        add_block (blocks, render_quote (ctx, node), BLOCK_TEXT);
      else if (name_is (node, "pre") || name_is (node, "listing") || name_is (node, "xmp") || name_is (node, "plaintext"))
        add_block (blocks, render_pre (node), BLOCK_TEXT);
      else if (name_is (node, "table"))
        add_block (blocks, render_table (ctx, node), BLOCK_TEXT);
      else if (name_is (node, "hr"))
        add_block (blocks, g_strdup ("---"), BLOCK_TEXT);
      else
        {
          /* A container: its blocks, in place. */
          g_autoptr(GPtrArray) inner = render_blocks (ctx, node->children, in_item);

          for (guint i = 0; i < inner->len; i++)
            {
              Block *b = g_ptr_array_index (inner, i);

              add_block (blocks, g_steal_pointer (&b->text), b->kind);
            }
        }
      node = node->next;
    }

  flush_paragraph (inline_text, blocks);

  return blocks;
}

/* ------------------------------------------------------------------------ */

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (name_is (node, name))
        return node;
      if ((found = find_element (node->children, name)) != NULL)
        return found;
    }

  return NULL;
}

/* Word's downlevel-revealed conditionals (<![if !supportLists]> …
 * <![endif]>) are no HTML, and <o:p> is an Office element the HTML parser
 * would take for a <p>: both go before parsing. */
static char *
strip_office_markup (const char *html,
                     gsize       length)
{
  g_autoptr(GRegex) regex = g_regex_new ("<!\\[(?:if[^\\]>]*|endif)\\]>|</?o:p\\s*>",
                                         G_REGEX_CASELESS, 0, NULL);

  return g_regex_replace_literal (regex, html, length, 0, "", 0, NULL);
}

char *
aushang_html_to_markdown (const char *html,
                          gssize      length)
{
  g_autofree char *clean = NULL;
  const char *start;
  htmlDocPtr doc;
  xmlNode *root, *body;
  g_autoptr(GPtrArray) blocks = NULL;
  Ctx ctx = { FALSE };
  char *text;
  GString *out;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (html);

  /* The Windows clipboard's header (Version:0.9, StartHTML:…): the HTML
   * starts at the first "<". */
  start = html;
  if (length > 8 && strncmp (html, "Version:", 8) == 0)
    {
      const char *lt = memchr (html, '<', length);

      start = lt != NULL ? lt : html + length;
    }

  clean = strip_office_markup (start, length - (start - html));
  if (clean == NULL || clean[0] == '\0')
    return g_strdup ("");

  /* The clipboard's HTML is UTF-8, whatever its <meta> says (Word writes
   * windows-1252 there). */
  doc = htmlReadMemory (clean, strlen (clean), NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_RECOVER | HTML_PARSE_NODEFDTD);
  if (doc == NULL)
    return g_strdup ("");

  root = xmlDocGetRootElement (doc);
  body = root != NULL ? find_element (root, "body") : NULL;
  blocks = render_blocks (&ctx, body != NULL ? body->children : root, FALSE);
  xmlFreeDoc (doc);

  text = join_blocks (blocks, FALSE);
  if (text[0] == '\0')
    return text;

  out = g_string_new (text);
  g_free (text);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}
