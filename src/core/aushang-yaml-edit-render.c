/* aushang-yaml-edit-render.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml-edit"

#include "config.h"

#include <string.h>

#include "aushang-yaml-edit-private.h"

/* Writing values as the text around them does: quoting, flow or block
 * lists, block scalars, and whole new items. */

char *
aushang_yaml_edit_emit_key (AushangYamlEdit *self,
                            const char      *key)
{
  return aushang_yaml_emit_string (key, AUSHANG_QUOTE_PLAIN, self->quote_style);
}

/* The quoting strings get where @item (may be NULL) has no example. */
AushangQuoteStyle
aushang_yaml_edit_preferred_style (AushangYamlEdit *self,
                                   Item            *existing)
{
  if (existing != NULL && existing->node->span.type == YAML_SCALAR_EVENT &&
      aushang_value_get_kind (existing->node->value) == AUSHANG_VALUE_STRING)
    return aushang_yaml_quote_style_from_libyaml (existing->node->span.scalar_style);

  /* A plain number, date or boolean: a text in its place stays plain where
   * it reads back the same. */
  if (existing != NULL && !existing->empty && existing->node->span.type == YAML_SCALAR_EVENT &&
      existing->node->span.scalar_style == YAML_PLAIN_SCALAR_STYLE &&
      aushang_value_get_kind (existing->node->value) != AUSHANG_VALUE_NULL)
    return AUSHANG_QUOTE_PLAIN;

  if (existing != NULL && aushang_value_get_kind (existing->node->value) == AUSHANG_VALUE_LIST &&
      aushang_value_get_length (existing->node->value) > 0)
    return existing->node->span.item_style;

  return self->string_style;
}

/* The same key in another record (another item of the top sequence), to
 * write a new value like the others. */
Item *
aushang_yaml_edit_sibling_item (AushangYamlEdit *self,
                                Node            *map,
                                const char      *key)
{
  if (!node_is_sequence (self->root))
    return NULL;

  for (guint i = 0; i < self->root->items->len; i++)
    {
      Item *record = g_ptr_array_index (self->root->items, i);
      Item *found;

      if (record->node == map)
        continue;
      found = aushang_yaml_edit_find_last_item (record->node, key);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The text that stands after "key:" (or "-") for @value: " inline" or, for
 * a block list, a line break and one "  - item" line per item. @existing is
 * the item replaced (or a sibling to write like), @key_column where keys
 * stand, @in_flow whether it goes inside […] or {…}. */
char *
aushang_yaml_edit_render_value (AushangYamlEdit    *self,
                                Item               *existing,
                                gboolean            existing_is_sibling,
                                gsize               key_column,
                                gboolean            in_flow,
                                gboolean            allow_block,
                                const AushangValue *value)
{
  AushangQuoteStyle preferred = self->string_style;
  AushangValueKind kind = aushang_value_get_kind (value);
  gboolean flow_list = self->lists_flow;
  gsize indent = key_column + self->list_indent;
  g_autofree char *inline_text = NULL;

  if (existing != NULL)
    {
      preferred = aushang_yaml_edit_preferred_style (self, existing);

      if (aushang_value_get_kind (existing->node->value) == AUSHANG_VALUE_LIST)
        {
          flow_list = existing->node->span.flow;
          if (!existing->node->span.flow)
            {
              gsize column = existing->value_start - line_start_of (self->text->str, existing->value_start);

              if (existing_is_sibling)
                {
                  gsize sibling_key = existing->start - existing->line_start;

                  indent = key_column + (column >= sibling_key ? column - sibling_key : 2);
                }
              else
                indent = column;
            }
        }
    }

  if (kind == AUSHANG_VALUE_NULL)
    return g_strdup ("");

  if (kind == AUSHANG_VALUE_LIST && aushang_value_get_length (value) > 0 && !flow_list &&
      !in_flow && allow_block)
    {
      GString *out = g_string_new (NULL);
      g_autofree char *pad = g_strnfill (MIN (indent, key_column + 8), ' ');

      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          g_autofree char *item = aushang_yaml_emit_flow (aushang_value_get_item (value, i),
                                                          preferred, self->quote_style, FALSE);

          g_string_append_printf (out, "%s%s- %s", self->eol, pad, item);
        }

      return g_string_free (out, FALSE);
    }

  inline_text = aushang_yaml_emit_flow (value, preferred, self->quote_style, in_flow);

  return g_strconcat (" ", inline_text, NULL);
}

/* Appends @line to @out as folded lines of at most @width characters
 * (0: no limit), broken at single spaces: reading folds each of those
 * line breaks back into the space it replaced. */
static void
append_folded_line (GString    *out,
                    const char *line,
                    gsize       width,
                    const char *pad,
                    const char *eol)
{
  const char *start = line;

  while (width > 0 && (gsize) g_utf8_strlen (start, -1) > width)
    {
      const char *p = start;
      const char *last_break = NULL;
      gsize n = 0;

      for (; *p != '\0'; p = g_utf8_next_char (p), n++)
        {
          /* A space between two other characters: the line break that
           * replaces it reads back as that space. */
          if (*p == ' ' && p > start && p[-1] != ' ' && p[1] != ' ' && p[1] != '\0')
            {
              if (n > width && last_break != NULL)
                break;
              last_break = p;
            }
        }
      if (last_break == NULL)
        break;

      g_string_append (out, pad);
      g_string_append_len (out, start, last_break - start);
      g_string_append (out, eol);
      start = last_break + 1;
    }

  g_string_append (out, pad);
  g_string_append (out, start);
}

/* A string as a block scalar with @header ("|", ">-", …) and content
 * indented by @indent, or NULL when that block cannot hold it exactly.
 * Without the line break after the last line; keep chomping (+) adds the
 * empty lines the value ends with. A folded block (">") writes each line
 * break of the value as an empty line, and breaks lines longer than
 * @width (0: none) at spaces, as the block it replaces did. */
char *
aushang_yaml_edit_render_block_scalar (const char *text,
                                       const char *header,
                                       gsize       indent,
                                       gsize       width,
                                       const char *eol)
{
  gboolean folded = header[0] == '>';
  char chomp = strchr (header, '-') ? '-' : strchr (header, '+') ? '+' : ' ';
  gsize length = strlen (text);
  gsize trailing = 0;
  g_autofree char *content = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *pad = g_strnfill (indent, ' ');
  GString *out;

  if (strpbrk (header + 1, "0123456789") != NULL || indent == 0)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL) || strchr (text, '\r') != NULL)
    return NULL;

  while (trailing < length && text[length - 1 - trailing] == '\n')
    trailing++;

  if ((chomp == '-' && trailing != 0) || (chomp == ' ' && trailing != 1) || (chomp == '+' && trailing == 0))
    return NULL;

  content = g_strndup (text, length - trailing);
  if (*content == '\0' || content[0] == ' ' || content[0] == '\t')
    return NULL;

  for (const char *p = content; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF)
        return NULL;
    }

  lines = g_strsplit (content, "\n", -1);
  out = g_string_new (header);

  if (folded)
    {
      const char *previous = NULL;
      guint empty = 0;

      /* Reading folds the line break between two lines of text into a
       * space, unless empty lines follow it (then it is dropped and each
       * empty line is a line break) or one of the two lines starts with
       * white space ("more indented": its line breaks are kept). */
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *line = lines[i];
          gboolean spaced = line[0] == ' ' || line[0] == '\t';

          if (line[0] == '\0')
            {
              /* An empty first line would be taken for no content. */
              if (previous == NULL)
                {
                  g_string_free (out, TRUE);
                  return NULL;
                }
              empty++;
              continue;
            }

          if (previous == NULL && spaced)
            {
              /* The first line shows the indentation. */
              g_string_free (out, TRUE);
              return NULL;
            }

          if (previous != NULL)
            {
              gboolean kept = spaced || previous[0] == ' ' || previous[0] == '\t';

              for (guint e = 0; e < (kept ? empty : empty + 1); e++)
                g_string_append (out, eol);
            }

          g_string_append (out, eol);
          if (spaced)
            {
              g_string_append (out, pad);
              g_string_append (out, line);
            }
          else
            append_folded_line (out, line, width, pad, eol);
          previous = line;
          empty = 0;
        }
    }
  else
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_string_append (out, eol);
        if (*lines[i] != '\0')
          {
            g_string_append (out, pad);
            g_string_append (out, lines[i]);
          }
        else if (lines[i + 1] == NULL)
          {
            /* An empty last line would be taken for trailing space. */
            g_string_free (out, TRUE);
            return NULL;
          }
      }

  if (chomp == '+')
    for (gsize i = 1; i < trailing; i++)
      g_string_append (out, eol);

  return g_string_free (out, FALSE);
}

/* @header with the chomping indicator the value @text needs: "-" without
 * a final line break, none with one, "+" with more. */
static char *
header_for (const char *text,
            const char *header)
{
  gsize length = strlen (text);
  gsize trailing = 0;

  while (trailing < length && text[length - 1 - trailing] == '\n')
    trailing++;

  return g_strdup_printf ("%c%s", header[0], trailing == 0 ? "-" : trailing == 1 ? "" : "+");
}

/* A string as a block like the one with @header: with its chomping where
 * that holds @text, else with the chomping @text needs. */
char *
aushang_yaml_edit_render_block_like (const char *text,
                                     const char *header,
                                     gsize       indent,
                                     gsize       width,
                                     const char *eol)
{
  g_autofree char *other = NULL;
  char *block;

  block = aushang_yaml_edit_render_block_scalar (text, header, indent, width, eol);
  if (block != NULL || strpbrk (header + 1, "0123456789") != NULL)
    return block;

  other = header_for (text, header);

  return aushang_yaml_edit_render_block_scalar (text, other, indent, width, eol);
}

/* The width a folded block's lines are broken at: its longest line, when
 * it breaks long lines (two lines with text in a row, one of them at
 * least 40 characters); else 0. */
gsize
aushang_yaml_edit_block_width (const char *text,
                               gsize       length,
                               Item        *item)
{
  gsize p = next_line (text, length, item->value_start);
  gsize width = 0;
  gboolean previous_text = FALSE, breaks = FALSE;

  if (text[item->value_start] != '>')
    return 0;

  while (p < item->value_end && p < length)
    {
      gsize q = p;
      gsize end = line_content_end (text, length, p);

      while (q < end && text[q] == ' ')
        q++;
      if (q < end)
        {
          width = MAX (width, (gsize) g_utf8_strlen (text + q, end - q));
          if (previous_text)
            breaks = TRUE;
          previous_text = TRUE;
        }
      else
        previous_text = FALSE;
      p = next_line (text, length, p);
    }

  return breaks && width >= 40 ? width : 0;
}

/* The indentation of a block scalar's first content line. */
gsize
aushang_yaml_edit_block_indent (const char *text,
                                gsize       length,
                                gsize       value_start,
                                gsize       value_end)
{
  gsize p = next_line (text, length, value_start);

  while (p < value_end && p < length)
    {
      gsize q = p;

      while (q < length && text[q] == ' ')
        q++;
      if (q < length && text[q] != '\n' && text[q] != '\r')
        return q - p;
      p = next_line (text, length, p);
    }

  return 0;
}

/* The end of a block scalar's last line with content (without its line
 * break), so empty lines after it stay where they are. */
gsize
aushang_yaml_edit_block_content_end (const char *text,
                                     gsize       length,
                                     gsize       value_start,
                                     gsize       value_end)
{
  gsize last = line_content_end (text, length, value_start);
  gsize p = next_line (text, length, value_start);

  while (p < value_end && p < length)
    {
      if (!line_is_blank (text, length, p))
        last = line_content_end (text, length, p);
      p = next_line (text, length, p);
    }

  return last;
}

/* The header of the block scalar at @item ("|", ">-", "|+ # note" without
 * the comment). */
char *
aushang_yaml_edit_block_header (const char *text,
                                gsize       length,
                                Item       *item)
{
  gsize p = item->value_start;
  gsize end = line_content_end (text, length, p);
  gsize q = p;

  while (q < end && text[q] != ' ' && text[q] != '#' && text[q] != '\t')
    q++;

  /* A tag or anchor before the indicator is not ours to rewrite. */
  if (text[p] != '|' && text[p] != '>')
    return NULL;

  return g_strndup (text + p, q - p);
}

/* A value written as a block item: "- key: value" lines at @column, keys at
 * @key_column, each written like @model's (or another item's) value for
 * the same key. Without a line break after the last line. */
char *
aushang_yaml_edit_render_block_item (AushangYamlEdit *self,
                                     AushangValue    *value,
                                     Item            *model,
                                     gsize            column,
                                     gsize            key_column)
{
  GString *out = g_string_new (NULL);
  g_autofree char *pad = g_strnfill (column, ' ');
  g_autofree char *key_pad = g_strnfill (key_column, ' ');
  g_autofree char *after_dash = g_strnfill (MAX (key_column, column + 1) - column - 1, ' ');

  g_string_append (out, pad);
  g_string_append_c (out, '-');

  /* Items written as {…} get one too. */
  if (aushang_value_get_kind (value) != AUSHANG_VALUE_MAP || aushang_value_get_length (value) == 0 ||
      (model != NULL && model->node->span.flow))
    {
      g_autofree char *inline_text = aushang_yaml_emit_flow (value, self->string_style, self->quote_style, FALSE);

      g_string_append_c (out, ' ');
      g_string_append (out, inline_text);
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < aushang_value_get_length (value); i++)
    {
      const char *key = aushang_value_get_key (value, i);
      AushangValue *item_value = aushang_value_get_item (value, i);
      Item *example = model ? aushang_yaml_edit_find_last_item (model->node, key) : NULL;
      g_autofree char *key_text = aushang_yaml_edit_emit_key (self, key);
      g_autofree char *rendered = NULL;
      gboolean is_sibling = TRUE;

      if (example == NULL)
        example = aushang_yaml_edit_sibling_item (self, NULL, key);

      /* Long text with line breaks as the model writes it: a block. */
      if (example != NULL && node_is_block_scalar (example->node) &&
          aushang_value_get_kind (item_value) == AUSHANG_VALUE_STRING)
        {
          const char *text = self->text->str;
          g_autofree char *header = aushang_yaml_edit_block_header (text, self->text->len, example);
          gsize indent = aushang_yaml_edit_block_indent (text, self->text->len, example->value_start, example->value_end);
          gsize example_key = example->start - example->line_start;

          if (header != NULL && indent > example_key)
            {
              g_autofree char *block = aushang_yaml_edit_render_block_like (aushang_value_get_string (item_value),
                                                                            header, key_column + indent - example_key,
                                                                            aushang_yaml_edit_block_width (text, self->text->len, example),
                                                                            self->eol);

              if (block != NULL)
                rendered = g_strconcat (" ", block, NULL);
            }
        }

      if (rendered == NULL)
        rendered = aushang_yaml_edit_render_value (self, example, is_sibling, key_column, FALSE, TRUE, item_value);

      if (i == 0)
        g_string_append (out, after_dash);
      else
        {
          g_string_append (out, self->eol);
          g_string_append (out, key_pad);
        }
      g_string_append (out, key_text);
      g_string_append_c (out, ':');
      g_string_append (out, rendered);
    }

  return g_string_free (out, FALSE);
}
