/* aushang-yaml-edit-parse.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-yaml-edit-private.h"

/* Reading the text: the tree of items with their byte offsets, the
 * style the text writes values in, and the items commented out. */

/* How many comment lines one hidden item may have. */
#define MAX_HIDDEN_LINES 400

/* The line (0-based) of byte @pos. */
static guint
line_index (AushangYamlEdit *self,
            gsize            pos)
{
  guint lo = 0, hi = self->line_starts->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->line_starts, gsize, mid) <= pos)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

guint
aushang_yaml_edit_file_line (AushangYamlEdit *self,
                             gsize            pos)
{
  return self->first_line + line_index (self, pos);
}

static void
index_lines (AushangYamlEdit *self)
{
  gsize zero = 0;

  g_array_set_size (self->line_starts, 0);
  g_array_append_val (self->line_starts, zero);
  for (gsize i = 0; i < self->text->len; i++)
    if (self->text->str[i] == '\n' && i + 1 <= self->text->len)
      {
        gsize next = i + 1;

        g_array_append_val (self->line_starts, next);
      }
}

/* @end (a line start) moved back over the empty lines before it, but not
 * before the line of @start. */
gsize
aushang_yaml_edit_trim_blank_lines (AushangYamlEdit *self,
                                    gsize            start,
                                    gsize            end)
{
  while (end > start)
    {
      gsize last = line_start_of (self->text->str, end - 1);

      if (last <= line_start_of (self->text->str, start) ||
          !line_is_blank (self->text->str, self->text->len, last))
        break;
      end = last;
    }

  return end;
}

/* libyaml counts characters; edits need bytes. */
typedef struct
{
  gsize *offsets;  /* character index -> byte offset */
  gsize  n_chars;
  gsize  length;
} CharMap;

static void
char_map_init (CharMap    *map,
               const char *text,
               gsize       length)
{
  gsize n = 0;

  map->offsets = g_new (gsize, length + 1);
  map->length = length;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    map->offsets[n++] = p - text;
  map->offsets[n] = length;
  map->n_chars = n;
}

static gsize
char_map_byte (const CharMap *map,
               gsize          index)
{
  return map->offsets[MIN (index, map->n_chars)];
}

/* The tree */

static void
item_free (gpointer data);

void
aushang_yaml_edit_node_free (Node *node)
{
  if (node == NULL)
    return;

  g_clear_pointer (&node->value, aushang_value_unref);
  g_clear_pointer (&node->items, g_ptr_array_unref);
  g_free (node);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->key);
  aushang_yaml_edit_node_free (item->node);
  g_free (item);
}

void
aushang_yaml_edit_slot_free (gpointer data)
{
  Slot *slot = data;

  g_clear_pointer (&slot->value, aushang_value_unref);
  g_free (slot->prefix);
  g_free (slot);
}

/* Whether the document holds no value (nothing, or only comments). */
gboolean
aushang_yaml_edit_root_is_empty (AushangYamlEdit *self)
{
  return self->root == NULL ||
         (self->root->span.type == YAML_SCALAR_EVENT &&
          self->root->span.scalar_style == YAML_PLAIN_SCALAR_STYLE &&
          aushang_value_get_kind (self->root->value) == AUSHANG_VALUE_NULL &&
          self->root->span.start == self->root->span.end);
}

/* Skips spaces, line breaks and comments from @pos. */
static gsize
skip_blank_and_comments (const char *text,
                         gsize       length,
                         gsize       pos)
{
  while (pos < length && (text[pos] == ' ' || text[pos] == '\t' ||
                          text[pos] == '\r' || text[pos] == '\n' || text[pos] == '#'))
    {
      if (text[pos] == '#')
        while (pos < length && text[pos] != '\n')
          pos++;
      else
        pos++;
    }

  return pos;
}

static Node *
convert_node (AushangYamlEdit *self,
              AushangYamlNode *tree,
              const CharMap   *map);

static void
convert_map (AushangYamlEdit *self,
             Node            *node,
             AushangYamlNode *tree,
             const CharMap   *map)
{
  const char *text = self->text->str;
  gsize length = self->text->len;

  for (guint i = 0; i + 1 < tree->children->len; i += 2)
    {
      AushangYamlNode *key = g_ptr_array_index (tree->children, i);
      AushangYamlNode *value = g_ptr_array_index (tree->children, i + 1);
      Item *item = g_new0 (Item, 1);
      gsize pos;

      item->key = aushang_value_to_display (key->value);
      item->start = char_map_byte (map, key->span.start);
      item->key_end = char_map_byte (map, key->span.end);
      item->line_start = line_start_of (text, item->start);
      item->node = convert_node (self, value, map);
      item->value_start = item->node->start;
      item->value_end = MAX (item->node->end, item->key_end);
      item->empty = value->span.type == YAML_SCALAR_EVENT &&
                    value->span.scalar_style == YAML_PLAIN_SCALAR_STYLE &&
                    aushang_value_get_kind (value->value) == AUSHANG_VALUE_NULL &&
                    value->span.start == value->span.end;

      /* The colon after the key; after an explicit key ("? name") it may
       * stand on a later line, behind comments. */
      pos = skip_blank_and_comments (text, length, item->key_end);
      item->colon_end = (pos < length && text[pos] == ':') ? pos + 1 : item->key_end;

      if (item->empty)
        item->value_start = item->value_end = item->colon_end;

      item->entry_end = line_end_after (text, length, item->value_end);
      g_ptr_array_add (node->items, item);
    }
}

static void
convert_sequence (AushangYamlEdit *self,
                  Node            *node,
                  AushangYamlNode *tree,
                  const CharMap   *map)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gsize from = node->start;

  for (guint i = 0; i < tree->children->len; i++)
    {
      AushangYamlNode *child = g_ptr_array_index (tree->children, i);
      Item *item = g_new0 (Item, 1);

      item->node = convert_node (self, child, map);
      item->value_start = item->node->start;
      item->value_end = item->node->end;

      if (node->span.flow)
        {
          item->start = item->key_end = item->colon_end = item->value_start;
        }
      else
        {
          gsize dash = skip_blank_and_comments (text, length, from);

          if (dash >= length || text[dash] != '-' || dash > item->value_start)
            dash = item->value_start;
          item->start = dash;
          item->key_end = item->colon_end = MIN (dash + 1, MAX (item->value_start, dash));
          if (text[dash] == '-')
            item->key_end = item->colon_end = dash + 1;
        }

      item->empty = child->span.type == YAML_SCALAR_EVENT &&
                    child->span.scalar_style == YAML_PLAIN_SCALAR_STYLE &&
                    aushang_value_get_kind (child->value) == AUSHANG_VALUE_NULL &&
                    child->span.start == child->span.end;
      if (item->empty && !node->span.flow)
        item->value_start = item->value_end = item->colon_end;
      item->value_end = MAX (item->value_end, item->colon_end);

      item->line_start = line_start_of (text, item->start);
      item->entry_end = line_end_after (text, length, item->value_end);
      from = item->value_end;
      g_ptr_array_add (node->items, item);
    }
}

static Node *
convert_node (AushangYamlEdit *self,
              AushangYamlNode *tree,
              const CharMap   *map)
{
  Node *node = g_new0 (Node, 1);

  node->span = tree->span;
  node->value = aushang_value_ref (tree->value);
  node->start = char_map_byte (map, tree->span.start);
  node->end = MAX (char_map_byte (map, tree->span.end), node->start);

  if (tree->children != NULL)
    {
      node->items = g_ptr_array_new_with_free_func (item_free);
      if (tree->span.type == YAML_MAPPING_START_EVENT)
        convert_map (self, node, tree, map);
      else
        convert_sequence (self, node, tree, map);
    }

  return node;
}

static void
set_lines (AushangYamlEdit *self,
           Node            *node)
{
  if (node == NULL || node->items == NULL)
    return;

  for (guint i = 0; i < node->items->len; i++)
    {
      Item *item = g_ptr_array_index (node->items, i);

      item->line = aushang_yaml_edit_file_line (self, item->start);
      item->alone = TRUE;
      for (gsize p = item->line_start; p < item->start; p++)
        if (self->text->str[p] != ' ')
          item->alone = FALSE;
      set_lines (self, item->node);
    }
}

/* Style */

/* The maps whose entries show how the text writes values: the top map,
 * or the maps of the top sequence's items. */
static void
for_each_record_item (AushangYamlEdit *self,
                      void           (*func) (AushangYamlEdit *self, Item *item, gpointer data),
                      gpointer         data)
{
  if (node_is_map (self->root))
    {
      for (guint i = 0; i < self->root->items->len; i++)
        func (self, g_ptr_array_index (self->root->items, i), data);
    }
  else if (node_is_sequence (self->root))
    {
      for (guint i = 0; i < self->root->items->len; i++)
        {
          Item *record = g_ptr_array_index (self->root->items, i);

          if (!node_is_map (record->node))
            continue;
          for (guint j = 0; j < record->node->items->len; j++)
            func (self, g_ptr_array_index (record->node->items, j), data);
        }
    }
}

typedef struct
{
  guint    strings[3];
  gboolean found_list;
} StyleCount;

static void
count_style_cb (AushangYamlEdit *self,
                Item            *item,
                gpointer         data)
{
  StyleCount *count = data;
  AushangValueKind kind = aushang_value_get_kind (item->node->value);

  if (kind == AUSHANG_VALUE_STRING && item->node->span.type == YAML_SCALAR_EVENT)
    count->strings[aushang_yaml_quote_style_from_libyaml (item->node->span.scalar_style)]++;

  if (kind == AUSHANG_VALUE_LIST && item->node->span.all_scalars &&
      aushang_value_get_length (item->node->value) > 0)
    {
      count->strings[item->node->span.item_style] += 1;

      if (!count->found_list && !self->style_adopted)
        {
          count->found_list = TRUE;
          self->lists_flow = item->node->span.flow;
          if (!item->node->span.flow)
            {
              gsize column = item->value_start - line_start_of (self->text->str, item->value_start);
              gsize key_column = item->start - item->line_start;

              self->list_indent = column >= key_column ? column - key_column : 2;
            }
        }
    }
}

static void
learn_style (AushangYamlEdit *self)
{
  StyleCount count = { { 0, }, FALSE };

  for_each_record_item (self, count_style_cb, &count);

  /* A new document keeps the style of the documents it was made like,
   * rather than what its first quoted value would suggest. */
  if (self->style_adopted || count.strings[0] + count.strings[1] + count.strings[2] == 0)
    return;

  if (count.strings[AUSHANG_QUOTE_DOUBLE] > count.strings[AUSHANG_QUOTE_PLAIN] &&
      count.strings[AUSHANG_QUOTE_DOUBLE] >= count.strings[AUSHANG_QUOTE_SINGLE])
    self->string_style = AUSHANG_QUOTE_DOUBLE;
  else if (count.strings[AUSHANG_QUOTE_SINGLE] > count.strings[AUSHANG_QUOTE_PLAIN])
    self->string_style = AUSHANG_QUOTE_SINGLE;
  else
    self->string_style = AUSHANG_QUOTE_PLAIN;

  self->quote_style = count.strings[AUSHANG_QUOTE_SINGLE] > count.strings[AUSHANG_QUOTE_DOUBLE]
                      ? AUSHANG_QUOTE_SINGLE : AUSHANG_QUOTE_DOUBLE;

  if (self->list_indent > 8)
    self->list_indent = 2;
}

/* Whether @node ends with a block scalar that keeps its final empty lines
 * ("|+"): those lines are part of its value, not space between items. */
gboolean
aushang_yaml_edit_ends_in_kept_lines (AushangYamlEdit *self,
                                      Node            *node)
{
  while (node != NULL && node->items != NULL && node->items->len > 0 && !node->span.flow)
    node = ((Item *) g_ptr_array_index (node->items, node->items->len - 1))->node;

  if (node == NULL || node->span.type != YAML_SCALAR_EVENT ||
      (node->span.scalar_style != YAML_LITERAL_SCALAR_STYLE &&
       node->span.scalar_style != YAML_FOLDED_SCALAR_STYLE))
    return FALSE;

  for (gsize p = node->start; p < self->text->len && self->text->str[p] != '\n'; p++)
    {
      if (self->text->str[p] == '+')
        return TRUE;
      if (self->text->str[p] == ' ' || self->text->str[p] == '#')
        break;
    }

  return FALSE;
}

/* Hidden items */

/* Whether the line at @pos (inside a comment block) starts an item that
 * was commented out: "#", spaces, then "-" at @column. Sets the prefix
 * to take away. */
static gboolean
hidden_item_start (const char  *text,
                   gsize        length,
                   gsize        pos,
                   guint        column,
                   char       **prefix)
{
  gsize spaces = 0;
  gsize p = pos;

  /* People comment out from the start of the line. */
  if (p >= length || text[p] != '#')
    return FALSE;
  p++;

  while (p < length && text[p] == ' ')
    spaces++, p++;

  if (p >= length || text[p] != '-')
    return FALSE;
  if (p + 1 < length && text[p + 1] != ' ' && text[p + 1] != '\n' && text[p + 1] != '\r')
    return FALSE;
  if (spaces < column)
    return FALSE;

  *prefix = g_strnfill (spaces - column + 1, ' ');
  (*prefix)[0] = '#';

  return TRUE;
}

/* The text of lines [start, end) without @prefix on each line (a line
 * that is only "#" loses it); NULL when a line does not start so. */
static char *
strip_prefix (const char *text,
              gsize       length,
              gsize       start,
              gsize       end,
              const char *prefix)
{
  GString *out = g_string_new (NULL);
  gsize prefix_len = strlen (prefix);

  for (gsize p = start; p < end; )
    {
      gsize next = next_line (text, length, p);

      if (next - p >= prefix_len && memcmp (text + p, prefix, prefix_len) == 0)
        g_string_append_len (out, text + p + prefix_len, next - p - prefix_len);
      else if (text[p] == '#' && line_is_blank (text, length, p + 1))
        g_string_append_len (out, text + p + 1, next - p - 1);
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      p = next;
    }

  return g_string_free (out, FALSE);
}

/* The single item a hidden block reads as, or NULL. */
static AushangValue *
read_hidden (const char *text)
{
  g_autoptr(AushangValue) value = aushang_yaml_parse_value (text, NULL);

  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_LIST ||
      aushang_value_get_length (value) != 1)
    return NULL;

  return aushang_value_ref (aushang_value_get_item (value, 0));
}

/* Finds the items commented out in the comment lines of [start, end) and
 * adds them to @slots. */
static void
find_hidden (AushangYamlEdit *self,
             gsize            start,
             gsize            end,
             guint            visible_before)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gsize p = start;

  while (p < end)
    {
      g_autofree char *prefix = NULL;
      g_autoptr(GArray) ends = NULL;
      gsize q;

      if (!hidden_item_start (text, length, p, self->item_column, &prefix))
        {
          p = next_line (text, length, p);
          continue;
        }

      /* The lines that may belong to it: behind the same prefix, indented
       * deeper than the "-", or empty. */
      ends = g_array_new (FALSE, FALSE, sizeof (gsize));
      q = next_line (text, length, p);
      g_array_append_val (ends, q);
      while (q < end && ends->len < MAX_HIDDEN_LINES)
        {
          gsize prefix_len = strlen (prefix);
          gsize next = next_line (text, length, q);

          /* Deeper than the "-" belongs to it; the next "-" at its
           * column starts another item. */
          if (text[q] == '#' && line_is_blank (text, length, q + 1))
            ;
          else if (next - q >= prefix_len && memcmp (text + q, prefix, prefix_len) == 0)
            {
              gsize r = q + prefix_len;
              gsize indent = 0;

              while (r < next && text[r] == ' ')
                indent++, r++;
              if (!line_is_blank (text, length, r) && indent <= self->item_column)
                break;
            }
          else
            break;

          q = next;
          g_array_append_val (ends, q);
        }

      /* The longest run of them that reads as one item. */
      for (guint n = ends->len; n > 0; n--)
        {
          gsize block_end = g_array_index (ends, gsize, n - 1);
          g_autofree char *stripped = NULL;
          AushangValue *value;

          /* Trailing "#" lines belong to what follows. */
          if (n > 1 && text[g_array_index (ends, gsize, n - 2)] == '#' &&
              line_is_blank (text, length, g_array_index (ends, gsize, n - 2) + 1))
            continue;

          stripped = strip_prefix (text, length, p, block_end, prefix);
          value = stripped ? read_hidden (stripped) : NULL;
          if (value != NULL)
            {
              Slot *slot = g_new0 (Slot, 1);

              slot->hidden = TRUE;
              slot->value = value;
              slot->visible_index = visible_before;
              slot->start = p;
              slot->end = block_end;
              slot->prefix = g_strdup (prefix);
              g_ptr_array_add (self->slots, slot);
              p = block_end;
              break;
            }
          if (n == 1)
            p = g_array_index (ends, gsize, 0);
        }
    }
}

static void
find_slots (AushangYamlEdit *self)
{
  gsize from = 0;

  g_ptr_array_set_size (self->slots, 0);
  self->item_column = 0;

  /* A document that holds only comments reads as null, and may hold
   * hidden items. */
  if (!node_is_sequence (self->root) && !aushang_yaml_edit_root_is_empty (self))
    return;

  /* With no item left to show the column of the "-", the hidden ones
   * show it: hiding writes "# " before each line, so "#   - title" was
   * an item at column 2 (and shows as one again). */
  if (!node_is_sequence (self->root))
    {
      const char *text = self->text->str;
      gsize length = self->text->len;
      gboolean found = FALSE;

      for (gsize p = 0; p < length; p = next_line (text, length, p))
        {
          gsize q = p + 1;
          guint column;

          if (text[p] != '#')
            continue;
          while (q < length && text[q] == ' ')
            q++;
          if (q >= length || text[q] != '-' ||
              (q + 1 < length && text[q + 1] != ' ' && text[q + 1] != '\n' && text[q + 1] != '\r'))
            continue;
          column = q - p > 1 ? q - p - 2 : 0;
          if (!found || column < self->item_column)
            self->item_column = column;
          found = TRUE;
        }
    }

  if (node_is_sequence (self->root))
    {
      if (self->root->span.flow)
        return;
      if (self->root->items->len > 0)
        {
          Item *first = g_ptr_array_index (self->root->items, 0);

          self->item_column = first->start - first->line_start;
        }

      for (guint i = 0; i < self->root->items->len; i++)
        {
          Item *item = g_ptr_array_index (self->root->items, i);
          Slot *slot;

          find_hidden (self, from, item->line_start, i);

          slot = g_new0 (Slot, 1);
          slot->item = item;
          slot->visible_index = i;
          slot->start = item->line_start;
          /* A block scalar's span takes the empty lines after it along;
           * they stand between the items, not in one. */
          slot->end = aushang_yaml_edit_ends_in_kept_lines (self, item->node)
                      ? item->entry_end
                      : aushang_yaml_edit_trim_blank_lines (self, item->line_start, item->entry_end);
          /* Slots never overlap: libyaml's span of an item with an
           * explicit key ("? a … e:") may run on over the items after it. */
          if (i + 1 < self->root->items->len)
            {
              Item *next = g_ptr_array_index (self->root->items, i + 1);

              slot->end = MAX (slot->start, MIN (slot->end, next->line_start));
            }
          g_ptr_array_add (self->slots, slot);
          from = slot->end;
        }
    }

  find_hidden (self, from, self->text->len, node_is_sequence (self->root) ? self->root->items->len : 0);
}

/* Parsing */

static void
reset_parse (AushangYamlEdit *self)
{
  g_clear_pointer (&self->root, aushang_yaml_edit_node_free);
  g_clear_pointer (&self->root_value, aushang_value_unref);
  g_clear_error (&self->error);
  self->error_line = 0;
  self->error_column = 0;
  self->extra_line = 0;
  self->extra_column = 0;
  self->ignored_line = 0;
  g_ptr_array_set_size (self->slots, 0);
}

gboolean
aushang_yaml_edit_parse (AushangYamlEdit  *self,
                         GError          **error)
{
  yaml_parser_t parser;
  g_autoptr(AushangYamlBuilder) builder = NULL;
  CharMap map;
  gboolean ok = TRUE;
  AushangYamlNode *tree = NULL;

  reset_parse (self);
  index_lines (self);

  if (!g_utf8_validate (self->text->str, self->text->len, NULL))
    {
      const char *end = NULL;
      gsize line_start;

      g_utf8_validate (self->text->str, self->text->len, &end);
      line_start = line_start_of (self->text->str, end - self->text->str);
      self->error_line = aushang_yaml_edit_file_line (self, end - self->text->str);
      self->error_column = 1 + g_utf8_strlen (self->text->str + line_start, end - self->text->str - line_start);
      g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                           _("The file contains bytes that are not UTF-8 text. Save it as UTF-8."));
      self->root_value = aushang_value_new_null ();
      return FALSE;
    }

  char_map_init (&map, self->text->str, self->text->len);
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) self->text->str, self->text->len);
  builder = aushang_yaml_builder_new (&parser);

  while (ok)
    {
      yaml_event_t event;

      if (!aushang_yaml_builder_next (builder, &event, error))
        {
          ok = FALSE;
          break;
        }

      /* libyaml answers "no event" forever once the stream has ended. */
      if (event.type == YAML_STREAM_END_EVENT || event.type == YAML_NO_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }

      if (event.type != YAML_SCALAR_EVENT && event.type != YAML_SEQUENCE_START_EVENT &&
          event.type != YAML_MAPPING_START_EVENT && event.type != YAML_ALIAS_EVENT)
        {
          yaml_event_delete (&event);
          continue;
        }

      if (tree == NULL)
        {
          AushangValue *value = aushang_yaml_builder_build_tree (builder, &event, &tree, error);

          if (value == NULL)
            ok = FALSE;
          else
            aushang_value_unref (value);
        }
      else
        {
          /* A further document: Jekyll reads only the first. */
          AushangYamlSpan span;
          AushangValue *value;

          if (self->extra_line == 0)
            {
              self->extra_line = self->first_line + event.start_mark.line;
              self->extra_column = event.start_mark.column + 1;
            }
          /* "---" with nothing after it is no value. */
          if (self->ignored_line == 0 &&
              !(event.type == YAML_SCALAR_EVENT && event.data.scalar.length == 0 &&
                event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE))
            self->ignored_line = self->first_line + event.start_mark.line;
          value = aushang_yaml_builder_build (builder, &event, &span, error);
          if (value == NULL)
            ok = FALSE;
          else
            aushang_value_unref (value);
        }
    }

  if (ok && tree != NULL)
    {
      self->root = convert_node (self, tree, &map);
      self->root_value = aushang_value_ref (self->root->value);
      set_lines (self, self->root);
    }
  else if (ok)
    self->root_value = aushang_value_new_null ();

  g_clear_pointer (&tree, aushang_yaml_node_free);

  if (!ok)
    {
      guint line = 0, column = 0;

      aushang_yaml_builder_get_error_position (builder, &line, &column);
      self->error_line = self->first_line + line;
      self->error_column = column + 1;
      g_clear_pointer (&self->root, aushang_yaml_edit_node_free);
      g_clear_pointer (&self->root_value, aushang_value_unref);
      self->root_value = aushang_value_new_null ();
      self->extra_line = 0;
      self->ignored_line = 0;
    }
  else
    {
      learn_style (self);
      find_slots (self);
    }

  yaml_parser_delete (&parser);
  g_free (map.offsets);

  return ok;
}
