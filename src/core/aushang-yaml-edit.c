/* aushang-yaml-edit.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-yaml-edit.h"
#include "aushang-yaml-private.h"

/* How many comment lines one hidden item may have. */
#define MAX_HIDDEN_LINES 400

typedef struct _Node Node;

/* One map entry or sequence item, with byte offsets into the text. */
typedef struct
{
  char     *key;          /* maps: the key as text; NULL for sequence items */
  Node     *node;         /* the value */
  gsize     line_start;   /* start of the line where the item starts */
  gsize     start;        /* the key's first byte, or the "-" (the value in […]) */
  gsize     key_end;      /* after the key (and its quotes), or after the "-" */
  gsize     colon_end;    /* after the ':', or after the "-" */
  gsize     value_start;
  gsize     value_end;    /* after the value's last character */
  gsize     entry_end;    /* after the line break of the value's last line */
  guint     line;         /* 1-based, of the file */
  gboolean  empty;        /* "key:" or "-" with nothing after it */
  gboolean  alone;        /* only spaces before @start on its line */
} Item;

struct _Node
{
  AushangYamlSpan  span;    /* in characters, as libyaml counts */
  AushangValue    *value;
  gsize            start;   /* bytes */
  gsize            end;
  GPtrArray       *items;   /* Item*, for sequences and maps */
};

/* An item of the sequence at the top, visible or commented out. */
typedef struct
{
  gboolean      hidden;
  Item         *item;          /* visible: the sequence's item */
  guint         visible_index; /* visible: its index; hidden: visible items before it */
  AushangValue *value;         /* hidden: what it reads when shown */
  gsize         start;         /* start of its first line */
  gsize         end;           /* after the line break of its last line (or the text's end) */
  char         *prefix;        /* hidden: what each line starts with, "# " or "#" */
} Slot;

struct _AushangYamlEdit
{
  GObject       parent_instance;

  GString      *text;
  char         *eol;
  guint         first_line;
  gboolean      front_matter;

  /* What the last parse found. */
  Node         *root;         /* NULL while the text cannot be read or holds no value */
  AushangValue *root_value;   /* never NULL */
  GError       *error;
  guint         error_line;
  guint         error_column;
  guint         extra_line;   /* a further document's first node, or 0 */
  guint         extra_column;
  guint         ignored_line; /* a further document's first value, or 0 */
  GArray       *line_starts;  /* gsize: the byte offset of each line */
  GPtrArray    *slots;        /* Slot*, the top sequence's items in file order */
  guint         item_column;  /* the column of the top sequence's "-" */

  /* The text's own style, for new values. */
  AushangQuoteStyle string_style;
  AushangQuoteStyle quote_style;
  guint             list_indent;  /* from the key's column to the "-" of its items */
  gboolean          lists_flow;
  gboolean          style_adopted;

  char            **key_order;
};

G_DEFINE_FINAL_TYPE (AushangYamlEdit, aushang_yaml_edit, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Paths */

typedef struct
{
  char  *key;    /* NULL for an index */
  guint  index;
} Segment;

static void
segment_clear (gpointer data)
{
  Segment *segment = data;

  g_free (segment->key);
}

static gboolean
is_bare_key (const char *key)
{
  if (*key == '\0' || g_ascii_isspace (*key))
    return FALSE;

  return strpbrk (key, ".[]\"\\") == NULL;
}

char *
aushang_yaml_path_key (const char *parent,
                       const char *key)
{
  GString *out = g_string_new (parent);

  g_return_val_if_fail (key != NULL, g_string_free (out, FALSE));

  if (out->len > 0)
    g_string_append_c (out, '.');

  if (is_bare_key (key))
    g_string_append (out, key);
  else
    {
      g_string_append_c (out, '"');
      for (const char *p = key; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  return g_string_free (out, FALSE);
}

char *
aushang_yaml_path_index (const char *parent,
                         guint       index)
{
  return g_strdup_printf ("%s[%u]", parent ? parent : "", index);
}

/* Splits @path into segments; NULL when it is not a path. */
static GArray *
parse_path (const char *path)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  const char *p = path ? path : "";
  gboolean first = TRUE;

  g_array_set_clear_func (segments, segment_clear);

  while (*p != '\0')
    {
      Segment segment = { NULL, 0 };

      if (*p == '[')
        {
          char *end = NULL;
          guint64 index;

          if (!g_ascii_isdigit (p[1]))
            return NULL;
          index = g_ascii_strtoull (p + 1, &end, 10);
          if (end == NULL || *end != ']' || index > G_MAXUINT)
            return NULL;
          segment.index = (guint) index;
          p = end + 1;
        }
      else
        {
          if (!first)
            {
              if (*p != '.')
                return NULL;
              p++;
            }

          if (*p == '"')
            {
              GString *key = g_string_new (NULL);

              for (p++; *p != '\0' && *p != '"'; p++)
                {
                  if (*p == '\\' && p[1] != '\0')
                    p++;
                  g_string_append_c (key, *p);
                }
              if (*p != '"')
                {
                  g_string_free (key, TRUE);
                  return NULL;
                }
              p++;
              segment.key = g_string_free (key, FALSE);
            }
          else
            {
              const char *start = p;

              while (*p != '\0' && *p != '.' && *p != '[')
                p++;
              if (p == start)
                return NULL;
              segment.key = g_strndup (start, p - start);
            }
        }

      g_array_append_val (segments, segment);
      first = FALSE;
    }

  return g_steal_pointer (&segments);
}

static Segment *
segment_at (GArray *segments,
            guint   i)
{
  return &g_array_index (segments, Segment, i);
}

/* Text positions */

static gsize
line_start_of (const char *text,
               gsize       pos)
{
  while (pos > 0 && text[pos - 1] != '\n')
    pos--;

  return pos;
}

static gsize
line_end_after (const char *text,
                gsize       length,
                gsize       pos)
{
  if (pos > 0 && text[pos - 1] == '\n')
    return pos;

  while (pos < length && text[pos] != '\n')
    pos++;

  return pos < length ? pos + 1 : length;
}

/* The end of the line at @pos without its line break. */
static gsize
line_content_end (const char *text,
                  gsize       length,
                  gsize       pos)
{
  while (pos < length && text[pos] != '\n')
    pos++;
  if (pos > 0 && pos <= length && text[pos - 1] == '\r' && (pos == length || text[pos] == '\n'))
    pos--;

  return pos;
}

static gsize
next_line (const char *text,
           gsize       length,
           gsize       pos)
{
  while (pos < length && text[pos] != '\n')
    pos++;

  return pos < length ? pos + 1 : length;
}

static gboolean
line_is_blank (const char *text,
               gsize       length,
               gsize       pos)
{
  while (pos < length && text[pos] != '\n')
    {
      if (text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\r')
        return FALSE;
      pos++;
    }

  return TRUE;
}

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

static guint
file_line (AushangYamlEdit *self,
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

static void
node_free (Node *node)
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
  node_free (item->node);
  g_free (item);
}

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_clear_pointer (&slot->value, aushang_value_unref);
  g_free (slot->prefix);
  g_free (slot);
}

static gboolean
node_is_map (const Node *node)
{
  return node != NULL && node->span.type == YAML_MAPPING_START_EVENT;
}

static gboolean
node_is_sequence (const Node *node)
{
  return node != NULL && node->span.type == YAML_SEQUENCE_START_EVENT;
}

static gboolean
node_is_block_scalar (const Node *node)
{
  return node->span.type == YAML_SCALAR_EVENT &&
         (node->span.scalar_style == YAML_LITERAL_SCALAR_STYLE ||
          node->span.scalar_style == YAML_FOLDED_SCALAR_STYLE);
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

      item->line = file_line (self, item->start);
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

static gboolean root_is_empty (AushangYamlEdit *self);

/* Whether @node ends with a block scalar that keeps its final empty lines
 * ("|+"): those lines are part of its value, not space between items. */
static gboolean
ends_in_kept_lines (AushangYamlEdit *self,
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
static gsize    trim_blank_lines (AushangYamlEdit *self,
                                  gsize            start,
                                  gsize            end);

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
  if (!node_is_sequence (self->root) && !root_is_empty (self))
    return;

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
          slot->end = ends_in_kept_lines (self, item->node)
                      ? item->entry_end
                      : trim_blank_lines (self, item->line_start, item->entry_end);
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
  g_clear_pointer (&self->root, node_free);
  g_clear_pointer (&self->root_value, aushang_value_unref);
  g_clear_error (&self->error);
  self->error_line = 0;
  self->error_column = 0;
  self->extra_line = 0;
  self->extra_column = 0;
  self->ignored_line = 0;
  g_ptr_array_set_size (self->slots, 0);
}

static gboolean
parse (AushangYamlEdit  *self,
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
      self->error_line = file_line (self, end - self->text->str);
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
      g_clear_pointer (&self->root, node_free);
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

/* The object */

static void
aushang_yaml_edit_finalize (GObject *object)
{
  AushangYamlEdit *self = (AushangYamlEdit *)object;

  g_string_free (self->text, TRUE);
  g_free (self->eol);
  g_clear_pointer (&self->root, node_free);
  g_clear_pointer (&self->root_value, aushang_value_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->line_starts, g_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_strfreev (self->key_order);

  G_OBJECT_CLASS (aushang_yaml_edit_parent_class)->finalize (object);
}

static void
aushang_yaml_edit_class_init (AushangYamlEditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_yaml_edit_finalize;

  /* Emitted after every edit that changed the text. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
aushang_yaml_edit_init (AushangYamlEdit *self)
{
  self->text = g_string_new (NULL);
  self->eol = g_strdup ("\n");
  self->first_line = 1;
  self->list_indent = 2;
  self->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->slots = g_ptr_array_new_with_free_func (slot_free);
}

AushangYamlEdit *
aushang_yaml_edit_new (const char *text,
                       gsize       length,
                       guint       first_line,
                       const char *eol)
{
  AushangYamlEdit *self;
  GError *error = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  self = g_object_new (AUSHANG_TYPE_YAML_EDIT, NULL);
  g_string_append_len (self->text, text, length);
  self->first_line = MAX (first_line, 1);
  g_free (self->eol);
  self->eol = g_strdup (eol ? eol : "\n");

  if (!parse (self, &error))
    self->error = error;

  return self;
}

void
aushang_yaml_edit_set_front_matter (AushangYamlEdit *self,
                                    gboolean         front_matter)
{
  g_return_if_fail (AUSHANG_IS_YAML_EDIT (self));

  self->front_matter = front_matter;
}

const char *
aushang_yaml_edit_get_text (AushangYamlEdit *self,
                            gsize           *length)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  if (length)
    *length = self->text->len;

  return self->text->str;
}

const char *
aushang_yaml_edit_get_line_ending (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), "\n");

  return self->eol;
}

const GError *
aushang_yaml_edit_get_error (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  return self->error;
}

guint
aushang_yaml_edit_get_error_line (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  return self->error ? self->error_line : 0;
}

guint
aushang_yaml_edit_get_error_column (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  return self->error ? self->error_column : 0;
}

AushangValue *
aushang_yaml_edit_get_root (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  return self->root_value;
}

guint
aushang_yaml_edit_get_extra_document_line (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  return self->extra_line;
}

guint
aushang_yaml_edit_get_ignored_line (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  return self->ignored_line;
}

guint
aushang_yaml_edit_get_extra_document_column (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  return self->extra_column;
}

void
aushang_yaml_edit_get_root_position (AushangYamlEdit *self,
                                     guint           *line,
                                     guint           *column)
{
  g_return_if_fail (AUSHANG_IS_YAML_EDIT (self));

  *line = 0;
  *column = 0;
  if (self->root == NULL)
    return;

  *line = file_line (self, self->root->start);
  *column = 1 + g_utf8_strlen (self->text->str + line_start_of (self->text->str, self->root->start),
                               self->root->start - line_start_of (self->text->str, self->root->start));
}

static gboolean
root_is_empty (AushangYamlEdit *self)
{
  return self->root == NULL ||
         (self->root->span.type == YAML_SCALAR_EVENT &&
          self->root->span.scalar_style == YAML_PLAIN_SCALAR_STYLE &&
          aushang_value_get_kind (self->root->value) == AUSHANG_VALUE_NULL &&
          self->root->span.start == self->root->span.end);
}

gboolean
aushang_yaml_edit_get_is_empty (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  return self->error == NULL && root_is_empty (self);
}

gboolean
aushang_yaml_edit_get_root_is_flow (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  return self->root != NULL && self->root->span.type != YAML_SCALAR_EVENT &&
         self->root->span.type != YAML_ALIAS_EVENT && self->root->span.flow;
}

/* Looking things up */

/* The value at @segments as Jekyll reads it (merge keys applied). */
static AushangValue *
lookup_value (AushangValue *root,
              GArray       *segments)
{
  AushangValue *value = root;

  for (guint i = 0; value != NULL && i < segments->len; i++)
    {
      Segment *segment = segment_at (segments, i);

      if (segment->key != NULL)
        value = aushang_value_get_kind (value) == AUSHANG_VALUE_MAP
                ? aushang_value_lookup (value, segment->key) : NULL;
      else
        value = (aushang_value_get_kind (value) == AUSHANG_VALUE_LIST &&
                 segment->index < aushang_value_get_length (value))
                ? aushang_value_get_item (value, segment->index) : NULL;
    }

  return value;
}

static Item *
find_last_item (Node       *map,
                const char *key)
{
  if (!node_is_map (map))
    return NULL;

  for (guint i = map->items->len; i > 0; i--)
    {
      Item *item = g_ptr_array_index (map->items, i - 1);

      if (strcmp (item->key, key) == 0)
        return item;
    }

  return NULL;
}

/* Where @segments stand in the text: the node holding the last segment
 * (*parent) and the item for it (NULL when the last key is not written
 * there). FALSE when a segment before the last is missing. With no
 * segments, *parent is NULL and the result TRUE. */
static gboolean
locate (AushangYamlEdit  *self,
        GArray           *segments,
        Node            **parent,
        Item            **item)
{
  Node *node = self->root;

  *parent = NULL;
  *item = NULL;

  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = segment_at (segments, i);
      Item *found = NULL;

      if (node == NULL)
        {
          /* An empty document: its first key can be added. */
          if (i == 0 && segments->len == 1)
            return TRUE;
          return FALSE;
        }

      if (segment->key != NULL)
        found = find_last_item (node, segment->key);
      else if (node_is_sequence (node) && segment->index < node->items->len)
        found = g_ptr_array_index (node->items, segment->index);

      if (i + 1 == segments->len)
        {
          *parent = node;
          *item = found;
          return TRUE;
        }

      if (found == NULL)
        return FALSE;
      node = found->node;
    }

  return TRUE;
}

AushangValue *
aushang_yaml_edit_get (AushangYamlEdit *self,
                       const char      *path)
{
  g_autoptr(GArray) segments = NULL;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  segments = parse_path (path);
  if (segments == NULL || self->error != NULL)
    return NULL;
  if (segments->len == 0)
    return self->root_value;

  return lookup_value (self->root_value, segments);
}

static Item *
locate_item (AushangYamlEdit *self,
             const char      *path,
             Node           **parent_out)
{
  g_autoptr(GArray) segments = parse_path (path);
  Node *parent = NULL;
  Item *item = NULL;

  if (segments == NULL || segments->len == 0 || self->error != NULL ||
      !locate (self, segments, &parent, &item))
    return NULL;

  if (parent_out)
    *parent_out = parent;

  return item;
}

static Node *
locate_node (AushangYamlEdit *self,
             const char      *path)
{
  Item *item;

  if (path == NULL || *path == '\0')
    return self->error ? NULL : self->root;

  item = locate_item (self, path, NULL);

  return item ? item->node : NULL;
}

guint
aushang_yaml_edit_get_line (AushangYamlEdit *self,
                            const char      *path)
{
  Item *item;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  item = locate_item (self, path, NULL);

  return item ? item->line : 0;
}

char **
aushang_yaml_edit_dup_keys (AushangYamlEdit *self,
                            const char      *path)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Node *node;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  node = locate_node (self, path);
  builder = g_strv_builder_new ();
  if (!node_is_map (node))
    {
      /* An empty document is an empty map to add keys to. */
      if ((path == NULL || *path == '\0') && aushang_value_get_kind (self->root_value) == AUSHANG_VALUE_NULL)
        return g_strv_builder_end (builder);
      return NULL;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < node->items->len; i++)
    {
      Item *item = g_ptr_array_index (node->items, i);

      if (g_hash_table_add (seen, item->key))
        g_strv_builder_add (builder, item->key);
    }

  return g_strv_builder_end (builder);
}

guint
aushang_yaml_edit_count_key (AushangYamlEdit *self,
                             const char      *path,
                             const char      *key)
{
  Node *node;
  guint n = 0;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  node = locate_node (self, path);
  if (!node_is_map (node))
    return 0;

  for (guint i = 0; i < node->items->len; i++)
    if (strcmp (((Item *) g_ptr_array_index (node->items, i))->key, key) == 0)
      n++;

  return n;
}

gboolean
aushang_yaml_edit_is_simple (AushangYamlEdit *self,
                             const char      *path)
{
  Item *item;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  item = locate_item (self, path, NULL);
  if (item == NULL)
    return TRUE;

  switch (aushang_value_get_kind (item->node->value))
    {
    case AUSHANG_VALUE_MAP:
      return FALSE;
    case AUSHANG_VALUE_LIST:
      return item->node->span.all_scalars;
    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_STRING:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    default:
      return TRUE;
    }
}

gboolean
aushang_yaml_edit_is_flow (AushangYamlEdit *self,
                           const char      *path)
{
  Node *node;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  node = locate_node (self, path);

  return node != NULL && (node_is_map (node) || node_is_sequence (node)) && node->span.flow;
}

/* Comparing documents */

/* Equal as Jekyll sees them: a map is the keys it has, each with its last
 * value; their order does not matter. */
static gboolean
same_meaning (AushangValue *a,
              AushangValue *b)
{
  AushangValueKind kind;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  kind = aushang_value_get_kind (a);
  if (kind != aushang_value_get_kind (b))
    return FALSE;

  if (kind == AUSHANG_VALUE_LIST)
    {
      if (aushang_value_get_length (a) != aushang_value_get_length (b))
        return FALSE;
      for (guint i = 0; i < aushang_value_get_length (a); i++)
        if (!same_meaning (aushang_value_get_item (a, i), aushang_value_get_item (b, i)))
          return FALSE;
      return TRUE;
    }

  if (kind == AUSHANG_VALUE_MAP)
    {
      g_autoptr(GHashTable) keys_a = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) keys_b = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < aushang_value_get_length (a); i++)
        g_hash_table_add (keys_a, (gpointer) aushang_value_get_key (a, i));
      for (guint i = 0; i < aushang_value_get_length (b); i++)
        g_hash_table_add (keys_b, (gpointer) aushang_value_get_key (b, i));
      if (g_hash_table_size (keys_a) != g_hash_table_size (keys_b))
        return FALSE;

      for (guint i = 0; i < aushang_value_get_length (a); i++)
        {
          const char *key = aushang_value_get_key (a, i);

          if (!g_hash_table_contains (keys_b, key) ||
              !same_meaning (aushang_value_lookup (a, key), aushang_value_lookup (b, key)))
            return FALSE;
        }
      return TRUE;
    }

  return aushang_value_equal (a, b);
}

/* A copy of @container (list or map) whose items are shared. */
static AushangValue *
shallow_copy (AushangValue *container,
              const char   *skip_key,
              gint          skip_index)
{
  gboolean is_map = aushang_value_get_kind (container) == AUSHANG_VALUE_MAP;
  AushangValue *copy = is_map ? aushang_value_new_map () : aushang_value_new_list ();

  for (guint i = 0; i < aushang_value_get_length (container); i++)
    {
      AushangValue *item = aushang_value_get_item (container, i);

      if (is_map)
        {
          const char *key = aushang_value_get_key (container, i);

          if (skip_key == NULL || strcmp (key, skip_key) != 0)
            aushang_value_map_insert (copy, key, aushang_value_ref (item));
        }
      else if ((gint) i != skip_index)
        aushang_value_list_append (copy, aushang_value_ref (item));
    }

  return copy;
}

typedef enum
{
  CHANGE_SET,
  CHANGE_REMOVE,
  CHANGE_INSERT,
} ChangeKind;

/* @root with the change at @segments applied: the value set (or added),
 * removed, or inserted before the item the last (index) segment names.
 * NULL when a container on the way is missing. */
static AushangValue *
changed_value (AushangValue *root,
               GArray       *segments,
               guint         depth,
               ChangeKind    kind,
               AushangValue *value)
{
  Segment *segment;
  AushangValue *child = NULL;
  AushangValue *copy;

  if (depth == segments->len)
    return value ? aushang_value_ref (value) : NULL;

  segment = segment_at (segments, depth);

  if (segment->key != NULL)
    {
      if (root == NULL || aushang_value_get_kind (root) != AUSHANG_VALUE_MAP)
        {
          /* An empty document takes its first keys. */
          if (depth == 0 && root != NULL && aushang_value_get_kind (root) == AUSHANG_VALUE_NULL &&
              segments->len == 1 && kind == CHANGE_SET)
            {
              copy = aushang_value_new_map ();
              aushang_value_map_insert (copy, segment->key, aushang_value_ref (value));
              return copy;
            }
          return NULL;
        }

      child = aushang_value_lookup (root, segment->key);

      if (depth + 1 == segments->len)
        {
          copy = shallow_copy (root, segment->key, -1);
          if (kind == CHANGE_SET)
            aushang_value_map_insert (copy, segment->key, aushang_value_ref (value));
          return copy;
        }

      if (child == NULL)
        return NULL;

      {
        g_autoptr(AushangValue) changed = changed_value (child, segments, depth + 1, kind, value);

        if (changed == NULL)
          return NULL;
        copy = shallow_copy (root, segment->key, -1);
        aushang_value_map_insert (copy, segment->key, g_steal_pointer (&changed));
        return copy;
      }
    }

  if (root == NULL || aushang_value_get_kind (root) != AUSHANG_VALUE_LIST)
    {
      if (depth == 0 && root != NULL && aushang_value_get_kind (root) == AUSHANG_VALUE_NULL &&
          segments->len == 1 && kind == CHANGE_INSERT && segment->index == 0)
        {
          copy = aushang_value_new_list ();
          aushang_value_list_append (copy, aushang_value_ref (value));
          return copy;
        }
      return NULL;
    }

  if (depth + 1 == segments->len)
    {
      guint n = aushang_value_get_length (root);

      copy = aushang_value_new_list ();
      if (kind == CHANGE_INSERT ? segment->index > n : segment->index >= n)
        {
          aushang_value_unref (copy);
          return NULL;
        }
      for (guint i = 0; i <= n; i++)
        {
          if (i == segment->index)
            {
              if (kind == CHANGE_INSERT || kind == CHANGE_SET)
                aushang_value_list_append (copy, aushang_value_ref (value));
              if (kind == CHANGE_INSERT && i < n)
                aushang_value_list_append (copy, aushang_value_ref (aushang_value_get_item (root, i)));
            }
          else if (i < n)
            aushang_value_list_append (copy, aushang_value_ref (aushang_value_get_item (root, i)));
        }
      return copy;
    }

  if (segment->index >= aushang_value_get_length (root))
    return NULL;

  {
    g_autoptr(AushangValue) changed = changed_value (aushang_value_get_item (root, segment->index),
                                                     segments, depth + 1, kind, value);
    guint n = aushang_value_get_length (root);

    if (changed == NULL)
      return NULL;
    copy = aushang_value_new_list ();
    for (guint i = 0; i < n; i++)
      aushang_value_list_append (copy, i == segment->index ? aushang_value_ref (changed)
                                                           : aushang_value_ref (aushang_value_get_item (root, i)));
    return copy;
  }
}

/* A name for the place where @expected and @actual first differ: the key
 * of the first map on the way that differs, for messages. */
static char *
first_difference (AushangValue *expected,
                  AushangValue *actual)
{
  AushangValue *a = expected, *b = actual;

  for (guint depth = 0; depth < 64; depth++)
    {
      AushangValueKind kind;
      gboolean descended = FALSE;

      if (a == NULL || b == NULL || aushang_value_get_kind (a) != aushang_value_get_kind (b))
        break;
      kind = aushang_value_get_kind (a);

      if (kind == AUSHANG_VALUE_MAP)
        {
          for (guint i = 0; i < aushang_value_get_length (a); i++)
            {
              const char *key = aushang_value_get_key (a, i);

              if (!same_meaning (aushang_value_lookup (a, key), aushang_value_lookup (b, key)))
                return g_strdup (key);
            }
          for (guint i = 0; i < aushang_value_get_length (b); i++)
            {
              const char *key = aushang_value_get_key (b, i);

              if (aushang_value_lookup (a, key) == NULL)
                return g_strdup (key);
            }
          break;
        }

      if (kind != AUSHANG_VALUE_LIST)
        break;

      for (guint i = 0; i < MIN (aushang_value_get_length (a), aushang_value_get_length (b)); i++)
        if (!same_meaning (aushang_value_get_item (a, i), aushang_value_get_item (b, i)))
          {
            a = aushang_value_get_item (a, i);
            b = aushang_value_get_item (b, i);
            descended = TRUE;
            break;
          }
      if (!descended)
        break;
    }

  return g_strdup ("…");
}

/* Committing edits */

typedef struct
{
  char         *text;
  gsize         length;
  AushangValue *root;
} Snapshot;

static void
snapshot_take (AushangYamlEdit *self,
               Snapshot        *snapshot)
{
  snapshot->text = g_strndup (self->text->str, self->text->len);
  snapshot->length = self->text->len;
  snapshot->root = aushang_value_ref (self->root_value);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->text, g_free);
  g_clear_pointer (&snapshot->root, aushang_value_unref);
}

/* Puts the text back as it was before a refused edit. */
static void
snapshot_restore (AushangYamlEdit *self,
                  Snapshot        *snapshot)
{
  if (self->text->len == snapshot->length &&
      memcmp (self->text->str, snapshot->text, snapshot->length) == 0)
    return;

  g_string_truncate (self->text, 0);
  g_string_append_len (self->text, snapshot->text, snapshot->length);
  if (!parse (self, NULL))
    g_warning ("YAML no longer parses after restoring an edit");
}

typedef struct
{
  gsize  start;
  gsize  end;
  char  *text;
} Splice;

static void
splice_clear (gpointer data)
{
  Splice *splice = data;

  g_free (splice->text);
}

static GArray *
splices_new (void)
{
  GArray *splices = g_array_new (FALSE, TRUE, sizeof (Splice));

  g_array_set_clear_func (splices, splice_clear);

  return splices;
}

static void
splices_add (GArray     *splices,
             gsize       start,
             gsize       end,
             const char *text)
{
  Splice splice = { start, end, g_strdup (text) };

  g_array_append_val (splices, splice);
}

static int
compare_splices (gconstpointer a,
                 gconstpointer b)
{
  const Splice *sa = a, *sb = b;

  if (sa->start != sb->start)
    return sa->start > sb->start ? -1 : 1;
  return 0;
}

/* Applies @splices (byte ranges of the current text, not overlapping) to
 * the text and reads it again. On a parse error the old text is restored
 * and the edit refused. */
static gboolean
apply_splices (AushangYamlEdit  *self,
               GArray           *splices,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *old = g_strndup (self->text->str, self->text->len);
  gsize old_length = self->text->len;

  g_array_sort (splices, compare_splices);
  for (guint i = 0; i < splices->len; i++)
    {
      Splice *splice = &g_array_index (splices, Splice, i);

      g_string_erase (self->text, splice->start, splice->end - splice->start);
      g_string_insert (self->text, splice->start, splice->text);
    }

  if (!parse (self, &local_error))
    {
      g_string_truncate (self->text, 0);
      g_string_append_len (self->text, old, old_length);
      if (!parse (self, NULL))
        g_warning ("YAML no longer parses after restoring an edit");
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   _("The change could not be written safely and was not made: %s"),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
text_changed (AushangYamlEdit *self,
              Snapshot        *snapshot)
{
  return self->text->len != snapshot->length ||
         memcmp (self->text->str, snapshot->text, snapshot->length) != 0;
}

/* Whether the document now reads @expected. The top sequence may become
 * null where it became empty (hiding or removing its last item). */
static gboolean
reads_as (AushangYamlEdit *self,
          AushangValue    *expected)
{
  if (same_meaning (self->root_value, expected))
    return TRUE;

  return aushang_value_get_kind (expected) == AUSHANG_VALUE_LIST &&
         aushang_value_get_length (expected) == 0 &&
         aushang_value_get_kind (self->root_value) == AUSHANG_VALUE_NULL;
}

static const char *
name_of (GArray *segments)
{
  for (guint i = segments->len; i > 0; i--)
    if (segment_at (segments, i - 1)->key != NULL)
      return segment_at (segments, i - 1)->key;

  return "…";
}

/* The promise after every edit: the value at @segments reads @value (NULL:
 * it is gone) and the whole document reads @expected. Otherwise the edit
 * is undone and refused. */
static gboolean
finish_edit (AushangYamlEdit  *self,
             Snapshot         *snapshot,
             GArray           *segments,
             AushangValue     *value,
             gboolean          check_value,
             AushangValue     *expected,
             GError          **error)
{
  if (check_value && segments != NULL)
    {
      AushangValue *read_back = lookup_value (self->root_value, segments);

      if (value != NULL ? (read_back == NULL || !aushang_value_equal (read_back, value))
                        : read_back != NULL)
        {
          snapshot_restore (self, snapshot);
          g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                       _("The value of “%s” could not be written so that Jekyll reads it back unchanged. Nothing was changed."),
                       name_of (segments));
          return FALSE;
        }
    }

  if (expected == NULL || !reads_as (self, expected))
    {
      g_autofree char *other = expected ? first_difference (expected, self->root_value) : g_strdup ("…");

      snapshot_restore (self, snapshot);
      if (segments != NULL && self->front_matter)
        g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                     /* Translators: both %s are field names. */
                     _("Changing “%s” would also change “%s” (they are linked in the YAML, for example by an anchor). Nothing was changed; edit the front matter as YAML instead."),
                     name_of (segments), other);
      else if (segments != NULL)
        g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                     /* Translators: both %s are field names. */
                     _("Changing “%s” would also change “%s” (they are linked in the YAML, for example by an anchor). Nothing was changed; edit the file as YAML text instead."),
                     name_of (segments), other);
      else
        g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                     /* Translators: %s is a field name. */
                     _("The change would also have changed “%s”, so it was not made. Edit the file as YAML text instead."),
                     other);
      return FALSE;
    }

  if (text_changed (self, snapshot))
    g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

static gboolean
check_editable (AushangYamlEdit  *self,
                GError          **error)
{
  if (self->error != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: %u is a line number, %s says what is wrong there. */
                   _("Nothing can be changed until line %u is fixed: %s"),
                   self->error_line, self->error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE, message);

  return FALSE;
}

/* Writing values */

static char *
emit_key (AushangYamlEdit *self,
          const char      *key)
{
  return aushang_yaml_emit_string (key, AUSHANG_QUOTE_PLAIN, self->quote_style);
}

/* The column of the keys of @map (its first item's). */
static gsize
key_column_of (AushangYamlEdit *self,
               Node            *map,
               Item            *fallback)
{
  Item *first = (map != NULL && map->items != NULL && map->items->len > 0)
                ? g_ptr_array_index (map->items, 0) : fallback;

  if (first == NULL)
    return 0;

  /* An explicit key ("? name") stands where its "?" does. */
  for (gsize p = first->line_start; p < first->start; p++)
    if (self->text->str[p] == '?')
      return p - first->line_start;

  return first->start - first->line_start;
}

/* The quoting strings get where @item (may be NULL) has no example. */
static AushangQuoteStyle
preferred_style (AushangYamlEdit *self,
                 Item            *existing)
{
  if (existing != NULL && existing->node->span.type == YAML_SCALAR_EVENT &&
      aushang_value_get_kind (existing->node->value) == AUSHANG_VALUE_STRING)
    return aushang_yaml_quote_style_from_libyaml (existing->node->span.scalar_style);

  if (existing != NULL && aushang_value_get_kind (existing->node->value) == AUSHANG_VALUE_LIST &&
      aushang_value_get_length (existing->node->value) > 0)
    return existing->node->span.item_style;

  return self->string_style;
}

/* The same key in another record (another item of the top sequence), to
 * write a new value like the others. */
static Item *
sibling_item (AushangYamlEdit *self,
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
      found = find_last_item (record->node, key);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The text that stands after "key:" (or "-") for @value: " inline" or, for
 * a block list, a line break and one "  - item" line per item. @existing is
 * the item replaced (or a sibling to write like), @key_column where keys
 * stand, @in_flow whether it goes inside […] or {…}. */
static char *
render_value (AushangYamlEdit    *self,
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
      preferred = preferred_style (self, existing);

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

/* A string as a block scalar with @header ("|", ">-", …) and content
 * indented by @indent, or NULL when that block cannot hold it exactly.
 * Without the line break after the last line; keep chomping (+) adds the
 * empty lines the value ends with. */
static char *
render_block_scalar (const char *text,
                     const char *header,
                     gsize       indent,
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
  if (folded && strchr (content, '\n') != NULL)
    return NULL;

  for (const char *p = content; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF)
        return NULL;
    }

  lines = g_strsplit (content, "\n", -1);
  out = g_string_new (header);
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

/* The indentation of a block scalar's first content line. */
static gsize
block_indent (const char *text,
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
static gsize
block_content_end (const char *text,
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
static char *
block_header (const char *text,
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

/* @end (a line start) moved back over the empty lines before it, but not
 * before the line of @start. */
static gsize
trim_blank_lines (AushangYamlEdit *self,
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

/* The comment on the key's line of a block value ("tags:  # Kommentar",
 * "text: |  # Kommentar"), with the space before it, or NULL. */
static char *
key_line_comment (AushangYamlEdit *self,
                  Item            *item)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gsize line_end = line_content_end (text, length, item->colon_end);
  gsize p = item->colon_end;
  gsize space;

  if (node_is_block_scalar (item->node))
    {
      /* After the header (|, >-, |2+). */
      if (item->value_start < p || item->value_start >= line_end)
        return NULL;
      p = item->value_start;
      while (p < line_end && text[p] != ' ' && text[p] != '\t')
        p++;
    }
  else if (!(item->node->span.type == YAML_SEQUENCE_START_EVENT ||
             item->node->span.type == YAML_MAPPING_START_EVENT) ||
           item->node->span.flow || item->value_start <= line_end)
    return NULL;

  space = p;
  while (p < line_end && (text[p] == ' ' || text[p] == '\t'))
    p++;
  if (p >= line_end || text[p] != '#' || p == space)
    return NULL;

  return g_strndup (text + space, line_end - space);
}

/* Whether an existing scalar's value lies on one line. */
static gboolean
single_line (AushangYamlEdit *self,
             Item            *item)
{
  Node *node = item->node;

  return (node->span.type == YAML_SCALAR_EVENT && !node_is_block_scalar (node) &&
          memchr (self->text->str + item->value_start, '\n', item->value_end - item->value_start) == NULL) ||
         (node->span.type != YAML_SCALAR_EVENT && node->span.type != YAML_ALIAS_EVENT && node->span.flow);
}

/* Where a new key goes among the items of @map: after the last present
 * key that comes before it in the key order, else before the first one
 * after it, else at @end. */
static gsize
insertion_point (AushangYamlEdit *self,
                 Node            *map,
                 const char      *key,
                 gsize            end)
{
  gssize position = -1;

  if (self->key_order == NULL || map == NULL)
    return end;

  for (guint i = 0; self->key_order[i] != NULL; i++)
    if (strcmp (self->key_order[i], key) == 0)
      position = i;

  if (position < 0)
    return end;

  for (gssize i = position - 1; i >= 0; i--)
    {
      Item *before = find_last_item (map, self->key_order[i]);

      if (before != NULL)
        return before->entry_end;
    }

  for (guint i = position + 1; self->key_order[i] != NULL; i++)
    {
      Item *after = find_last_item (map, self->key_order[i]);

      if (after != NULL)
        {
          /* The first key of a list item shares its line with the "-". */
          if (!after->alone)
            return after->entry_end;
          return after->line_start;
        }
    }

  return end;
}

/* The splice that adds @key: @value to @map (NULL: the empty document). */
static gboolean
splice_new_key (AushangYamlEdit     *self,
                Node                *map,
                const char          *key,
                AushangValue        *value,
                GArray              *splices,
                GError             **error)
{
  const char *text = self->text->str;
  g_autofree char *key_text = emit_key (self, key);
  g_autofree char *rendered = NULL;
  g_autofree char *line = NULL;
  Item *sibling = sibling_item (self, map, key);
  gsize key_column;
  gsize at;
  const char *lead = "";

  if (map != NULL && map->span.flow)
    {
      gsize close = map->end;
      g_autofree char *inline_text = aushang_yaml_emit_flow (value, preferred_style (self, sibling),
                                                             self->quote_style, TRUE);

      if (close == 0 || text[close - 1] != '}')
        return refuse (error, _("This map cannot be extended here; edit it as YAML text instead."));
      line = g_strdup_printf ("%s%s: %s", map->items->len > 0 ? ", " : "", key_text, inline_text);
      splices_add (splices, close - 1, close - 1, line);
      return TRUE;
    }

  key_column = key_column_of (self, map, NULL);
  rendered = render_value (self, sibling, sibling != NULL, key_column, FALSE, TRUE, value);

  if (map == NULL || map == self->root)
    at = insertion_point (self, map, key, self->text->len);
  else
    {
      Item *last = g_ptr_array_index (map->items, map->items->len - 1);

      at = insertion_point (self, map, key, last->entry_end);
    }

  if (at > 0 && text[at - 1] != '\n')
    lead = self->eol;

  {
    g_autofree char *pad = g_strnfill (key_column, ' ');

    line = g_strconcat (lead, pad, key_text, ":", rendered, self->eol, NULL);
  }
  splices_add (splices, at, at, line);

  return TRUE;
}

/* The candidate replacements for an existing item's value, best first. */
static void
replacement_candidates (AushangYamlEdit *self,
                        Node            *parent,
                        Item            *item,
                        AushangValue    *value,
                        GPtrArray       *candidates)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gboolean in_flow = parent->span.flow;
  gboolean is_sequence_item = node_is_sequence (parent);
  gsize key_column = is_sequence_item ? item->start - item->line_start
                                      : key_column_of (self, parent, item);
  g_autofree char *rendered = NULL;
  GArray *splices;

  /* A block scalar keeps its form where it can hold the new text. */
  if (!in_flow && node_is_block_scalar (item->node) &&
      aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    {
      g_autofree char *header = block_header (text, length, item);
      gsize indent = block_indent (text, length, item->value_start, item->value_end);
      g_autofree char *block = NULL;

      if (header != NULL && indent > key_column)
        block = render_block_scalar (aushang_value_get_string (value), header, indent, self->eol);

      if (block != NULL)
        {
          gsize end;

          if (strchr (header, '+') != NULL)
            {
              /* Keep: the empty lines at its end are part of the value. */
              end = item->value_end;
              if (end > item->value_start && text[end - 1] == '\n')
                end--;
              if (end > item->value_start && text[end - 1] == '\r')
                end--;
            }
          else
            end = block_content_end (text, length, item->value_start, item->value_end);

          splices = splices_new ();
          splices_add (splices, item->value_start, end, block);
          g_ptr_array_add (candidates, splices);
        }
    }

  if (in_flow)
    {
      g_autofree char *inline_text = aushang_yaml_emit_flow (value, preferred_style (self, item),
                                                             self->quote_style, TRUE);

      splices = splices_new ();
      if (item->empty)
        {
          g_autofree char *spaced = g_strconcat (" ", inline_text, NULL);

          splices_add (splices, item->colon_end, item->colon_end, spaced);
        }
      else
        splices_add (splices, item->value_start, item->value_end, inline_text);
      g_ptr_array_add (candidates, splices);
      return;
    }

  rendered = render_value (self, item, FALSE, key_column, FALSE, !is_sequence_item, value);
  splices = splices_new ();

  if (single_line (self, item))
    {
      /* Only the value's own characters: a comment after it stays. A
       * block list starts right after the colon. */
      gboolean inline_text = rendered[0] == ' ';
      gsize start = (item->empty || !inline_text) ? item->colon_end : item->value_start;
      const char *replacement = rendered;

      if (!item->empty && inline_text)
        replacement = rendered + 1;
      splices_add (splices, start, item->value_end, replacement);
    }
  else
    {
      /* The value from the colon to the end of its last line. */
      gsize start = item->colon_end;
      gsize end = item->entry_end;

      /* A block scalar's span takes the empty lines after it along; in a
       * data list they separate entries and stay. (Front matter has
       * always dropped them.) */
      g_autofree char *comment = key_line_comment (self, item);
      g_autofree char *replacement = NULL;

      if (!self->front_matter)
        end = trim_blank_lines (self, start, end);
      if (end > start && text[end - 1] == '\n')
        end--;
      if (end > start && text[end - 1] == '\r')
        end--;

      /* A comment on the key's line stays there: after an inline value,
       * before the lines of a block one. */
      if (comment == NULL)
        replacement = g_strdup (rendered);
      else if (rendered[0] == ' ' || rendered[0] == '\0')
        replacement = g_strconcat (rendered, comment, NULL);
      else
        replacement = g_strconcat (comment, rendered, NULL);
      splices_add (splices, start, end, replacement);
    }

  g_ptr_array_add (candidates, splices);
}

static gboolean
valid_key (const char  *key,
           GError     **error)
{
  if (*key == '\0' || strchr (key, '\n') != NULL || strchr (key, '\r') != NULL ||
      !g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_KEY,
                   _("“%s” cannot be used as a field name."), key);
      return FALSE;
    }

  return TRUE;
}

static gboolean
invalid_path (const char  *path,
              GError     **error)
{
  g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_KEY,
               /* Translators: %s is a path like [3].title. */
               _("“%s” does not name a value."), path);

  return FALSE;
}

gboolean
aushang_yaml_edit_set (AushangYamlEdit  *self,
                       const char       *path,
                       AushangValue     *value,
                       GError          **error)
{
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(AushangValue) expected = NULL;
  g_autoptr(GError) first_error = NULL;
  Segment *last;
  Node *parent = NULL;
  Item *item = NULL;
  AushangValue *current;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_editable (self, error))
    return FALSE;

  segments = parse_path (path);
  if (segments == NULL || segments->len == 0)
    return invalid_path (path ? path : "", error);

  last = segment_at (segments, segments->len - 1);
  if (last->key != NULL && !valid_key (last->key, error))
    return FALSE;

  if (!locate (self, segments, &parent, &item))
    return invalid_path (path, error);

  /* Setting a field to the value it has changes no byte. */
  current = lookup_value (self->root_value, segments);
  if (item != NULL && current != NULL && aushang_value_equal (current, value))
    return TRUE;

  expected = changed_value (self->root_value, segments, 0, CHANGE_SET, value);
  if (expected == NULL)
    return invalid_path (path, error);

  if (item != NULL)
    replacement_candidates (self, parent, item, value, candidates);
  else if (last->key == NULL)
    return invalid_path (path, error);
  else
    {
      GArray *splices = splices_new ();
      Node *map = parent;

      /* An empty document is an empty map. */
      if (map == self->root && !node_is_map (map))
        {
          if (aushang_value_get_kind (self->root_value) != AUSHANG_VALUE_NULL || segments->len != 1)
            {
              g_array_unref (splices);
              return invalid_path (path, error);
            }
          map = NULL;
        }
      else if (!node_is_map (map) || map->items->len == 0)
        {
          g_array_unref (splices);
          return refuse (error, _("The value cannot be added here: what contains it is not written as a map of “name: value” lines. Edit it as YAML text instead."));
        }

      if (!splice_new_key (self, map, last->key, value, splices, error))
        {
          g_array_unref (splices);
          return FALSE;
        }
      g_ptr_array_add (candidates, splices);
    }

  /* Each candidate is tried on the same text (a refused one is undone
   * byte for byte), so their offsets stay valid. */
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      Snapshot snapshot = { 0, };
      gboolean ok;

      snapshot_take (self, &snapshot);
      ok = apply_splices (self, g_ptr_array_index (candidates, i), &local_error);

      /* The promise: what was written reads back as what was meant, and
       * nothing else changed. */
      if (ok)
        ok = finish_edit (self, &snapshot, segments, value, TRUE, expected, &local_error);
      snapshot_clear (&snapshot);

      if (ok)
        return TRUE;
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  g_propagate_error (error, g_steal_pointer (&first_error));

  return FALSE;
}

/* The splices that take @item out of its @parent, with its lines. */
static gboolean
splice_remove_item (AushangYamlEdit  *self,
                    Node             *parent,
                    Item             *item,
                    GArray           *splices,
                    GError          **error)
{
  guint index = 0;
  Item *next = NULL, *previous = NULL;

  for (guint i = 0; i < parent->items->len; i++)
    if (g_ptr_array_index (parent->items, i) == item)
      index = i;
  if (index + 1 < parent->items->len)
    next = g_ptr_array_index (parent->items, index + 1);
  if (index > 0)
    previous = g_ptr_array_index (parent->items, index - 1);

  if (parent->span.flow)
    {
      if (next != NULL)
        splices_add (splices, item->start, next->start, "");
      else if (previous != NULL)
        splices_add (splices, previous->value_end, item->value_end, "");
      else
        splices_add (splices, item->start, item->value_end, "");
      return TRUE;
    }

  if (item->alone)
    {
      splices_add (splices, item->line_start,
                   self->front_matter ? item->entry_end
                                      : trim_blank_lines (self, item->line_start, item->entry_end), "");
      return TRUE;
    }

  /* The first key of a list item shares its line with the "-": the next
   * key moves up to it. */
  if (next != NULL && next->alone)
    {
      splices_add (splices, item->start, next->start, "");
      return TRUE;
    }

  if (next == NULL && node_is_map (parent))
    {
      splices_add (splices, item->start, item->value_end, "{}");
      return TRUE;
    }

  return refuse (error, _("This value shares its line with another one and cannot be removed alone. Edit it as YAML text instead."));
}

gboolean
aushang_yaml_edit_remove (AushangYamlEdit  *self,
                          const char       *path,
                          GError          **error)
{
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(AushangValue) expected = NULL;
  Snapshot snapshot = { 0, };
  Segment *last;
  Node *parent = NULL;
  Item *item = NULL;
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;

  segments = parse_path (path);
  if (segments == NULL || segments->len == 0)
    return invalid_path (path ? path : "", error);
  last = segment_at (segments, segments->len - 1);

  if (!locate (self, segments, &parent, &item))
    return TRUE;

  if (item == NULL && lookup_value (self->root_value, segments) == NULL)
    return TRUE;
  if (item == NULL)
    return refuse (error, _("This value comes from elsewhere in the YAML (a merge key) and cannot be removed here."));

  /* The top sequence's items go with their blank lines. */
  if (last->key == NULL && parent == self->root && !parent->span.flow)
    {
      for (guint i = 0; i < self->slots->len; i++)
        {
          Slot *slot = g_ptr_array_index (self->slots, i);

          if (slot->item == item)
            return aushang_yaml_edit_remove_item (self, i, error);
        }
    }

  expected = changed_value (self->root_value, segments, 0, CHANGE_REMOVE, NULL);
  if (expected == NULL)
    return invalid_path (path, error);

  splices = splices_new ();
  if (last->key != NULL)
    {
      /* Every occurrence of a repeated key. */
      for (guint i = 0; i < parent->items->len; i++)
        {
          Item *each = g_ptr_array_index (parent->items, i);

          if (strcmp (each->key, last->key) == 0 &&
              !splice_remove_item (self, parent, each, splices, error))
            return FALSE;
        }
    }
  else if (!splice_remove_item (self, parent, item, splices, error))
    return FALSE;

  snapshot_take (self, &snapshot);
  ok = apply_splices (self, splices, error);
  if (ok)
    ok = finish_edit (self, &snapshot, segments, NULL, last->key != NULL, expected, error);
  snapshot_clear (&snapshot);

  return ok;
}

gboolean
aushang_yaml_edit_replace_text (AushangYamlEdit  *self,
                                const char       *text,
                                GError          **error)
{
  g_autoptr(AushangYamlEdit) probe = NULL;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* Lines are named as in the file, so a message means the same line
   * everywhere. */
  probe = aushang_yaml_edit_new (text, strlen (text), self->first_line, self->eol);
  if (probe->error != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, probe->error->code,
                   _("Line %u, column %u: %s"), probe->error_line, probe->error_column,
                   probe->error->message);
      return FALSE;
    }

  if (strcmp (self->text->str, text) == 0 && strlen (text) == self->text->len)
    return TRUE;

  g_string_assign (self->text, text);
  g_clear_error (&self->error);
  if (!parse (self, &self->error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

void
aushang_yaml_edit_set_key_order (AushangYamlEdit    *self,
                                 const char * const *order)
{
  g_return_if_fail (AUSHANG_IS_YAML_EDIT (self));

  g_strfreev (self->key_order);
  self->key_order = g_strdupv ((char **) order);
}

void
aushang_yaml_edit_adopt_style (AushangYamlEdit *self,
                               AushangYamlEdit *model)
{
  g_return_if_fail (AUSHANG_IS_YAML_EDIT (self));
  g_return_if_fail (AUSHANG_IS_YAML_EDIT (model));

  self->string_style = model->string_style;
  self->quote_style = model->quote_style;
  self->list_indent = model->list_indent;
  self->lists_flow = model->lists_flow;
  self->style_adopted = TRUE;
}

/* Items of the top sequence */

guint
aushang_yaml_edit_get_n_items (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  return self->slots->len;
}

static Slot *
get_slot (AushangYamlEdit *self,
          guint            index)
{
  return index < self->slots->len ? g_ptr_array_index (self->slots, index) : NULL;
}

AushangValue *
aushang_yaml_edit_get_item (AushangYamlEdit *self,
                            guint            index,
                            gboolean        *hidden,
                            guint           *first_line,
                            guint           *last_line)
{
  Slot *slot;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  slot = get_slot (self, index);
  if (slot == NULL)
    return NULL;

  if (hidden)
    *hidden = slot->hidden;
  if (first_line)
    *first_line = file_line (self, slot->start);
  if (last_line)
    *last_line = file_line (self, MAX (slot->end, slot->start + 1) - 1);

  return slot->hidden ? slot->value : slot->item->node->value;
}

char *
aushang_yaml_edit_dup_item_path (AushangYamlEdit *self,
                                 guint            index)
{
  Slot *slot;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  slot = get_slot (self, index);
  if (slot == NULL || slot->hidden)
    return NULL;

  return aushang_yaml_path_index (NULL, slot->visible_index);
}

/* The blank lines right after byte @pos (a line start), up to @limit. */
static gsize
blank_run_after (AushangYamlEdit *self,
                 gsize            pos,
                 gsize            limit)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gsize p = pos;

  while (p < limit && p < length && line_is_blank (text, length, p))
    {
      gsize next = next_line (text, length, p);

      if (next > limit)
        break;
      p = next;
    }

  return p;
}

/* The blank lines right before byte @pos (a line start), down to @limit. */
static gsize
blank_run_before (AushangYamlEdit *self,
                  gsize            pos,
                  gsize            limit)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gsize p = pos;

  while (p > limit)
    {
      gsize previous = line_start_of (text, p - 1);

      if (previous < limit || !line_is_blank (text, length, previous))
        break;
      p = previous;
    }

  return p;
}

/* What stands between items: the blank lines most of them have. */
static char *
item_separator (AushangYamlEdit *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint best = 0;
  char *separator = g_strdup ("");

  for (guint i = 0; i + 1 < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      Slot *next = g_ptr_array_index (self->slots, i + 1);
      gsize end = blank_run_after (self, slot->end, next->start);
      char *run = g_strndup (self->text->str + slot->end, end - slot->end);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, run)) + 1;

      g_hash_table_replace (counts, run, GUINT_TO_POINTER (n));
      if (n > best)
        {
          best = n;
          g_free (separator);
          separator = g_strdup (run);
        }
    }

  return separator;
}

/* The byte where slot @index's text ends without its last line break. */
static gsize
slot_content_end (AushangYamlEdit *self,
                  Slot            *slot)
{
  gsize end = slot->end;

  if (end > slot->start && self->text->str[end - 1] == '\n')
    {
      end--;
      if (end > slot->start && self->text->str[end - 1] == '\r')
        end--;
    }

  return end;
}

/* The items of the top sequence as Jekyll reads them, after @slots (in
 * their new order, NULL entries left out) are written. */
static AushangValue *
visible_list (GPtrArray *order)
{
  AushangValue *list = aushang_value_new_list ();

  for (guint i = 0; i < order->len; i++)
    {
      Slot *slot = g_ptr_array_index (order, i);

      if (slot != NULL && !slot->hidden)
        aushang_value_list_append (list, aushang_value_ref (slot->item->node->value));
    }

  return list;
}

static gboolean
check_items_editable (AushangYamlEdit  *self,
                      GError          **error)
{
  if (!check_editable (self, error))
    return FALSE;

  if (self->root != NULL && node_is_sequence (self->root) && self->root->span.flow &&
      self->root->items->len > 0)
    return refuse (error, _("The list is written as one […] block; edit it as YAML text instead."));

  if (self->root != NULL && !node_is_sequence (self->root) &&
      aushang_value_get_kind (self->root_value) != AUSHANG_VALUE_NULL)
    return refuse (error, _("The file is not a list, so it has no entries to change."));

  return TRUE;
}

/* What the items must look like after an edit: each hidden or not, and
 * the hidden ones with their values. An edit next to comment lines could
 * otherwise make a hidden item take them in (or give them up). */
typedef struct
{
  gboolean      hidden;
  AushangValue *value;
} Shape;

static void
shape_clear (gpointer data)
{
  Shape *shape = data;

  g_clear_pointer (&shape->value, aushang_value_unref);
}

static GArray *
shape_new (void)
{
  GArray *shape = g_array_new (FALSE, TRUE, sizeof (Shape));

  g_array_set_clear_func (shape, shape_clear);

  return shape;
}

/* Adds @slot as it is, or a visible item when @slot is NULL. */
static void
shape_add (GArray *shape,
           Slot   *slot)
{
  Shape one = { slot != NULL && slot->hidden, NULL };

  if (one.hidden)
    one.value = aushang_value_ref (slot->value);
  g_array_append_val (shape, one);
}

static GArray *
shape_of (GPtrArray *order)
{
  GArray *shape = shape_new ();

  for (guint i = 0; i < order->len; i++)
    shape_add (shape, g_ptr_array_index (order, i));

  return shape;
}

static gboolean
shape_matches (AushangYamlEdit *self,
               GArray          *shape)
{
  if (self->slots->len != shape->len)
    return FALSE;

  for (guint i = 0; i < shape->len; i++)
    {
      Shape *want = &g_array_index (shape, Shape, i);
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->hidden != want->hidden ||
          (want->hidden && !same_meaning (slot->value, want->value)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
commit_items (AushangYamlEdit  *self,
              GArray           *splices,
              AushangValue     *expected,
              GArray           *shape,
              GError          **error)
{
  Snapshot snapshot = { 0, };
  gboolean ok;

  snapshot_take (self, &snapshot);
  ok = apply_splices (self, splices, error);
  if (ok && shape != NULL && !shape_matches (self, shape))
    {
      snapshot_restore (self, &snapshot);
      ok = refuse (error, _("This would mix the entries up with the comment lines between them, so nothing was changed. Edit the file as YAML text instead."));
    }
  if (ok)
    ok = finish_edit (self, &snapshot, NULL, NULL, FALSE, expected, error);
  snapshot_clear (&snapshot);

  return ok;
}

/* A value written as a block item: "- key: value" lines at @column, keys at
 * @key_column, each written like @model's (or another item's) value for
 * the same key. Without a line break after the last line. */
static char *
render_item (AushangYamlEdit *self,
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
      Item *example = model ? find_last_item (model->node, key) : NULL;
      g_autofree char *key_text = emit_key (self, key);
      g_autofree char *rendered = NULL;
      gboolean is_sibling = TRUE;

      if (example == NULL)
        example = sibling_item (self, NULL, key);

      /* Long text with line breaks as the model writes it: a block. */
      if (example != NULL && node_is_block_scalar (example->node) &&
          aushang_value_get_kind (item_value) == AUSHANG_VALUE_STRING)
        {
          const char *text = self->text->str;
          g_autofree char *header = block_header (text, self->text->len, example);
          gsize indent = block_indent (text, self->text->len, example->value_start, example->value_end);
          gsize example_key = example->start - example->line_start;

          if (header != NULL && indent > example_key)
            {
              g_autofree char *block = render_block_scalar (aushang_value_get_string (item_value),
                                                            header, key_column + indent - example_key,
                                                            self->eol);

              if (block != NULL)
                rendered = g_strconcat (" ", block, NULL);
            }
        }

      if (rendered == NULL)
        rendered = render_value (self, example, is_sibling, key_column, FALSE, TRUE, item_value);

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

/* The item next to slot position @index to write a new one like. */
static Item *
model_item (AushangYamlEdit *self,
            guint            index)
{
  for (guint distance = 0; distance <= self->slots->len; distance++)
    {
      Slot *before = index >= distance + 1 ? get_slot (self, index - distance - 1) : NULL;
      Slot *after = get_slot (self, index + distance);

      if (before != NULL && !before->hidden && node_is_map (before->item->node))
        return before->item;
      if (after != NULL && !after->hidden && node_is_map (after->item->node))
        return after->item;
    }

  return NULL;
}

char *
aushang_yaml_edit_render_item (AushangYamlEdit *self,
                               AushangValue    *value)
{
  Item *model;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  model = model_item (self, self->slots->len);

  return render_item (self, value, model, self->item_column,
                      model ? model->node->start - line_start_of (self->text->str, model->node->start)
                            : self->item_column + 2);
}

/* Adds the splices that put @block (whole lines, each ending in a line
 * break, the last one too) before slot @index (at the end when @index is
 * the number of slots), with the blank lines items have between them. */
static gboolean
splice_insert_block (AushangYamlEdit  *self,
                     guint             index,
                     const char       *block,
                     GArray           *splices,
                     GError          **error)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  g_autofree char *separator = item_separator (self);

  if (self->slots->len == 0)
    {
      g_autofree char *owned = NULL;

      if (self->root != NULL && node_is_sequence (self->root) && self->root->span.flow)
        {
          /* "[]": the first item replaces it. */
          gsize end = self->root->end;

          if (self->root->start != line_start_of (text, self->root->start))
            return refuse (error, _("The list is written as one […] block; edit it as YAML text instead."));
          owned = g_strndup (block, strlen (block) - strlen (self->eol));
          splices_add (splices, self->root->start, end, owned);
          return TRUE;
        }

      if (length > 0 && text[length - 1] != '\n')
        {
          owned = g_strconcat (self->eol, block, NULL);
          owned[strlen (owned) - strlen (self->eol)] = '\0';
          splices_add (splices, length, length, owned);
        }
      else
        splices_add (splices, length, length, block);
      return TRUE;
    }

  if (index < self->slots->len)
    {
      Slot *slot = get_slot (self, index);
      g_autofree char *insert = g_strconcat (block, separator, NULL);

      splices_add (splices, slot->start, slot->start, insert);
    }
  else
    {
      Slot *last = get_slot (self, self->slots->len - 1);

      if (last->end == length && (length == 0 || text[length - 1] != '\n'))
        {
          /* The file ends without a line break: so does it afterwards. */
          g_autofree char *insert = g_strconcat (self->eol, separator, block, NULL);

          insert[strlen (insert) - strlen (self->eol)] = '\0';
          splices_add (splices, length, length, insert);
        }
      else
        {
          g_autofree char *insert = g_strconcat (separator, block, NULL);

          splices_add (splices, last->end, last->end, insert);
        }
    }

  return TRUE;
}

gboolean
aushang_yaml_edit_insert_item (AushangYamlEdit  *self,
                               guint             index,
                               AushangValue     *value,
                               GError          **error)
{
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(AushangValue) expected = NULL;
  g_autoptr(GArray) shape = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *block = NULL;
  guint visible_index = 0;
  Item *model;
  gsize key_column;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_items_editable (self, error))
    return FALSE;

  index = MIN (index, self->slots->len);
  for (guint i = 0; i < index; i++)
    if (!get_slot (self, i)->hidden)
      visible_index++;

  model = model_item (self, index);
  key_column = model ? model->node->start - line_start_of (self->text->str, model->node->start)
                     : self->item_column + 2;
  rendered = render_item (self, value, model, self->item_column, key_column);
  block = g_strconcat (rendered, self->eol, NULL);

  splices = splices_new ();
  if (!splice_insert_block (self, index, block, splices, error))
    return FALSE;

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  expected = visible_list (order);
  g_ptr_array_insert (order, index, NULL);
  shape = shape_of (order);
  {
    g_autoptr(AushangValue) with = aushang_value_new_list ();

    for (guint i = 0; i <= aushang_value_get_length (expected); i++)
      {
        if (i == visible_index)
          aushang_value_list_append (with, aushang_value_ref (value));
        if (i < aushang_value_get_length (expected))
          aushang_value_list_append (with, aushang_value_ref (aushang_value_get_item (expected, i)));
      }
    g_clear_pointer (&expected, aushang_value_unref);
    expected = g_steal_pointer (&with);
  }

  return commit_items (self, splices, expected, shape, error);
}

/* The splice that takes slot @index out with the blank lines that
 * separate it from its neighbours. */
static void
splice_remove_slot (AushangYamlEdit *self,
                    guint            index,
                    GArray          *splices)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  Slot *slot = get_slot (self, index);
  Slot *next = get_slot (self, index + 1);

  if (next != NULL)
    {
      splices_add (splices, slot->start, blank_run_after (self, slot->end, next->start), "");
      return;
    }

  if (index > 0)
    {
      Slot *previous = get_slot (self, index - 1);
      gsize start = blank_run_before (self, slot->start, previous->end);

      /* The last line had no line break: the one before it goes too. */
      if (slot->end == length && text[length - 1] != '\n' && start == previous->end)
        start = slot_content_end (self, previous);
      splices_add (splices, start, slot->end, "");
      return;
    }

  splices_add (splices, slot->start, blank_run_after (self, slot->end, length), "");
}

gboolean
aushang_yaml_edit_remove_item (AushangYamlEdit  *self,
                               guint             index,
                               GError          **error)
{
  g_autoptr(GArray) shape = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(AushangValue) expected = NULL;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_items_editable (self, error))
    return FALSE;
  if (get_slot (self, index) == NULL)
    return refuse (error, _("There is no such entry."));

  splices = splices_new ();
  splice_remove_slot (self, index, splices);

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    if (i != index)
      g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  expected = visible_list (order);
  shape = shape_of (order);

  return commit_items (self, splices, expected, shape, error);
}

gboolean
aushang_yaml_edit_duplicate_item (AushangYamlEdit  *self,
                                  guint             index,
                                  GError          **error)
{
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GArray) shape = NULL;
  g_autoptr(AushangValue) expected = NULL;
  g_autofree char *copy = NULL;
  Slot *slot;
  gsize content_end;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_items_editable (self, error))
    return FALSE;
  slot = get_slot (self, index);
  if (slot == NULL)
    return refuse (error, _("There is no such entry."));

  /* The copy goes where a new item after it would: after the comments
   * that follow the item, so they stay with it. */
  content_end = slot_content_end (self, slot);
  copy = g_strndup (self->text->str + slot->start, content_end - slot->start);
  {
    g_autofree char *block = g_strconcat (copy, self->eol, NULL);

    splices = splices_new ();
    if (!splice_insert_block (self, index + 1, block, splices, error))
      return FALSE;
  }

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    {
      g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
      if (i == index)
        g_ptr_array_add (order, slot);
    }
  expected = visible_list (order);
  shape = shape_of (order);

  return commit_items (self, splices, expected, shape, error);
}

gboolean
aushang_yaml_edit_move_item (AushangYamlEdit  *self,
                             guint             from,
                             guint             to,
                             GError          **error)
{
  g_autoptr(GArray) shape = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(AushangValue) expected = NULL;
  const char *text;
  guint n;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_items_editable (self, error))
    return FALSE;
  n = self->slots->len;
  if (from >= n || to >= n)
    return refuse (error, _("There is no such entry."));
  if (from == to)
    return TRUE;

  /* The items change places; what stands between them (comments, blank
   * lines) stays where it is. */
  order = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    if (i != from)
      g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  g_ptr_array_insert (order, to, g_ptr_array_index (self->slots, from));

  text = self->text->str;
  splices = splices_new ();
  for (guint i = 0; i < n; i++)
    {
      Slot *place = get_slot (self, i);
      Slot *moved = g_ptr_array_index (order, i);
      g_autofree char *content = NULL;

      if (place == moved)
        continue;
      content = g_strndup (text + moved->start, slot_content_end (self, moved) - moved->start);
      splices_add (splices, place->start, slot_content_end (self, place), content);
    }

  expected = visible_list (order);
  shape = shape_of (order);

  return commit_items (self, splices, expected, shape, error);
}

/* Comments out lines [start, end) with "# " ("#" on an empty line). */
static void
splice_comment (AushangYamlEdit *self,
                gsize            start,
                gsize            end,
                GArray          *splices)
{
  const char *text = self->text->str;
  gsize length = self->text->len;

  for (gsize p = start; p < end; p = next_line (text, length, p))
    {
      gboolean empty = p >= length || text[p] == '\n' || (text[p] == '\r' && p + 1 < length && text[p + 1] == '\n');

      splices_add (splices, p, p, empty ? "#" : "# ");
    }
}

/* Takes @prefix (or a lone "#") away from each line of [start, end). */
static gboolean
splice_uncomment (AushangYamlEdit *self,
                  gsize            start,
                  gsize            end,
                  const char      *prefix,
                  GArray          *splices)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  gsize prefix_len = strlen (prefix);

  for (gsize p = start; p < end; p = next_line (text, length, p))
    {
      gsize next = next_line (text, length, p);

      if (next - p >= prefix_len && memcmp (text + p, prefix, prefix_len) == 0)
        splices_add (splices, p, p + prefix_len, "");
      else if (text[p] == '#')
        splices_add (splices, p, p + 1, "");
      else
        return FALSE;
    }

  return TRUE;
}

gboolean
aushang_yaml_edit_hide_item (AushangYamlEdit  *self,
                             guint             index,
                             GError          **error)
{
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(AushangValue) expected = NULL;
  Snapshot snapshot = { 0, };
  Slot *slot;
  gsize start, end;
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_items_editable (self, error))
    return FALSE;
  slot = get_slot (self, index);
  if (slot == NULL)
    return refuse (error, _("There is no such entry."));
  if (slot->hidden)
    return TRUE;
  if (!slot->item->alone)
    return refuse (error, _("This entry shares its line with other YAML and cannot be hidden; edit the file as YAML text instead."));

  start = slot->start;
  splices = splices_new ();
  splice_comment (self, slot->start, slot->end, splices);
  end = slot->end;
  for (guint i = 0; i < splices->len; i++)
    end += strlen (g_array_index (splices, Splice, i).text);

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    if (i != index)
      g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  expected = visible_list (order);

  snapshot_take (self, &snapshot);
  ok = apply_splices (self, splices, error);
  if (ok)
    {
      gboolean found = FALSE;

      /* Hidden, it must be found again as exactly these lines, or showing
       * it would not give back the same text. */
      for (guint i = 0; i < self->slots->len; i++)
        {
          Slot *hidden = g_ptr_array_index (self->slots, i);

          if (hidden->hidden && hidden->start == start && hidden->end == end)
            found = TRUE;
        }

      if (!found)
        {
          snapshot_restore (self, &snapshot);
          ok = refuse (error, _("The entry cannot be hidden: commented out, it would run into the comment lines next to it. Edit the file as YAML text instead."));
        }
      else
        ok = finish_edit (self, &snapshot, NULL, NULL, FALSE, expected, error);
    }
  snapshot_clear (&snapshot);

  return ok;
}

gboolean
aushang_yaml_edit_show_item (AushangYamlEdit  *self,
                             guint             index,
                             GError          **error)
{
  g_autoptr(GArray) shape = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(AushangValue) visible = NULL;
  g_autoptr(AushangValue) expected = NULL;
  Slot *slot;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_items_editable (self, error))
    return FALSE;
  slot = get_slot (self, index);
  if (slot == NULL)
    return refuse (error, _("There is no such entry."));
  if (!slot->hidden)
    return TRUE;

  splices = splices_new ();
  if (!splice_uncomment (self, slot->start, slot->end, slot->prefix, splices))
    return refuse (error, _("The entry cannot be shown again; edit the file as YAML text instead."));

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    g_ptr_array_add (order, i == index ? NULL : g_ptr_array_index (self->slots, i));
  shape = shape_of (order);
  visible = visible_list (order);
  expected = aushang_value_new_list ();
  for (guint i = 0; i <= aushang_value_get_length (visible); i++)
    {
      if (i == slot->visible_index)
        aushang_value_list_append (expected, aushang_value_ref (slot->value));
      if (i < aushang_value_get_length (visible))
        aushang_value_list_append (expected, aushang_value_ref (aushang_value_get_item (visible, i)));
    }

  return commit_items (self, splices, expected, shape, error);
}

static gboolean
line_range (AushangYamlEdit  *self,
            guint             first,
            guint             last,
            gsize            *start,
            gsize            *end,
            GError          **error)
{
  guint n_lines = self->line_starts->len;

  if (first < self->first_line || last < first || last - self->first_line >= n_lines)
    return refuse (error, _("There are no such lines."));

  *start = g_array_index (self->line_starts, gsize, first - self->first_line);
  *end = next_line (self->text->str, self->text->len,
                    g_array_index (self->line_starts, gsize, last - self->first_line));

  return TRUE;
}

gboolean
aushang_yaml_edit_comment_lines (AushangYamlEdit  *self,
                                 guint             first,
                                 guint             last,
                                 AushangValue     *expected,
                                 GError          **error)
{
  g_autoptr(GArray) splices = NULL;
  g_autoptr(AushangValue) same = NULL;
  gsize start, end;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_editable (self, error) || !line_range (self, first, last, &start, &end, error))
    return FALSE;

  if (expected == NULL)
    expected = same = aushang_value_ref (self->root_value);

  splices = splices_new ();
  splice_comment (self, start, end, splices);

  return commit_items (self, splices, expected, NULL, error);
}

gboolean
aushang_yaml_edit_uncomment_lines (AushangYamlEdit  *self,
                                   guint             first,
                                   guint             last,
                                   AushangValue     *expected,
                                   GError          **error)
{
  g_autoptr(GArray) splices = NULL;
  g_autoptr(AushangValue) same = NULL;
  const char *text;
  gboolean all_spaced = TRUE;
  gsize start, end;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!check_editable (self, error) || !line_range (self, first, last, &start, &end, error))
    return FALSE;

  text = self->text->str;
  for (gsize p = start; p < end; p = next_line (text, self->text->len, p))
    {
      if (text[p] != '#')
        return refuse (error, _("These lines are not all commented out."));
      if (!line_is_blank (text, self->text->len, p + 1) && text[p + 1] != ' ')
        all_spaced = FALSE;
    }

  if (expected == NULL)
    expected = same = aushang_value_ref (self->root_value);

  splices = splices_new ();
  splice_uncomment (self, start, end, all_spaced ? "# " : "#", splices);

  return commit_items (self, splices, expected, NULL, error);
}
