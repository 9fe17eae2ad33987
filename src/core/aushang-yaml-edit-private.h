/* aushang-yaml-edit-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-yaml-edit.h"
#include "aushang-yaml-private.h"

G_BEGIN_DECLS

/* What the units of the YAML editor (aushang-yaml-edit*.c) share: the
 * object's fields, the tree of items the last parse found, and the steps
 * every edit is made of. Nothing here is API. */

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

/* One step of a path: a key or an index. */
typedef struct
{
  char  *key;    /* NULL for an index */
  guint  index;
} Segment;

/* The text and what it read as before an edit, to put back. */
typedef struct
{
  char         *text;
  gsize         length;
  AushangValue *root;
} Snapshot;

/* Bytes [start, end) of the text, to be replaced by @text. */
typedef struct
{
  gsize  start;
  gsize  end;
  char  *text;
} Splice;

/* Text positions (byte offsets) */

static inline gsize
line_start_of (const char *text,
               gsize       pos)
{
  while (pos > 0 && text[pos - 1] != '\n')
    pos--;

  return pos;
}

static inline gsize
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
static inline gsize
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

static inline gsize
next_line (const char *text,
           gsize       length,
           gsize       pos)
{
  while (pos < length && text[pos] != '\n')
    pos++;

  return pos < length ? pos + 1 : length;
}

static inline gboolean
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

/* Paths, trees */

static inline Segment *
segment_at (GArray *segments,
            guint   i)
{
  return &g_array_index (segments, Segment, i);
}

static inline gboolean
node_is_map (const Node *node)
{
  return node != NULL && node->span.type == YAML_MAPPING_START_EVENT;
}

static inline gboolean
node_is_sequence (const Node *node)
{
  return node != NULL && node->span.type == YAML_SEQUENCE_START_EVENT;
}

static inline gboolean
node_is_block_scalar (const Node *node)
{
  return node->span.type == YAML_SCALAR_EVENT &&
         (node->span.scalar_style == YAML_LITERAL_SCALAR_STYLE ||
          node->span.scalar_style == YAML_FOLDED_SCALAR_STYLE);
}

/* Refuses an edit with @message. */
static inline gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE, message);

  return FALSE;
}

/* aushang-yaml-edit-parse.c */
gboolean           aushang_yaml_edit_parse                (AushangYamlEdit  *self,
                                                           GError          **error);
void               aushang_yaml_edit_node_free            (Node             *node);
void               aushang_yaml_edit_slot_free            (gpointer          data);
guint              aushang_yaml_edit_file_line            (AushangYamlEdit  *self,
                                                           gsize             pos);
gboolean           aushang_yaml_edit_root_is_empty        (AushangYamlEdit  *self);
gsize              aushang_yaml_edit_trim_blank_lines     (AushangYamlEdit  *self,
                                                           gsize             start,
                                                           gsize             end);
gboolean           aushang_yaml_edit_ends_in_kept_lines   (AushangYamlEdit  *self,
                                                           Node             *node);

/* aushang-yaml-edit-path.c */
GArray            *aushang_yaml_path_parse                (const char       *path);
AushangValue      *aushang_yaml_path_lookup               (AushangValue     *root,
                                                           GArray           *segments);
Item              *aushang_yaml_edit_find_last_item       (Node             *map,
                                                           const char       *key);
gboolean           aushang_yaml_edit_locate               (AushangYamlEdit  *self,
                                                           GArray           *segments,
                                                           Node            **parent,
                                                           Item            **item);

/* aushang-yaml-edit-commit.c */
gboolean           aushang_yaml_edit_same_meaning         (AushangValue     *a,
                                                           AushangValue     *b);
void               aushang_yaml_edit_snapshot_take        (AushangYamlEdit  *self,
                                                           Snapshot         *snapshot);
void               aushang_yaml_edit_snapshot_restore     (AushangYamlEdit  *self,
                                                           Snapshot         *snapshot);
void               aushang_yaml_edit_snapshot_clear       (Snapshot         *snapshot);
GArray            *aushang_yaml_edit_splices_new          (void);
void               aushang_yaml_edit_splices_add          (GArray           *splices,
                                                           gsize             start,
                                                           gsize             end,
                                                           const char       *text);
gboolean           aushang_yaml_edit_apply_splices        (AushangYamlEdit  *self,
                                                           GArray           *splices,
                                                           GError          **error);
gboolean           aushang_yaml_edit_finish_edit          (AushangYamlEdit  *self,
                                                           Snapshot         *snapshot,
                                                           GArray           *segments,
                                                           AushangValue     *value,
                                                           gboolean          check_value,
                                                           AushangValue     *expected,
                                                           GError          **error);
gboolean           aushang_yaml_edit_check_editable       (AushangYamlEdit  *self,
                                                           GError          **error);

/* aushang-yaml-edit-render.c */
char              *aushang_yaml_edit_emit_key             (AushangYamlEdit  *self,
                                                           const char       *key);
AushangQuoteStyle  aushang_yaml_edit_preferred_style      (AushangYamlEdit  *self,
                                                           Item             *existing);
Item              *aushang_yaml_edit_sibling_item         (AushangYamlEdit  *self,
                                                           Node             *map,
                                                           const char       *key);
char              *aushang_yaml_edit_render_value         (AushangYamlEdit    *self,
                                                           Item               *existing,
                                                           gboolean            existing_is_sibling,
                                                           gsize               key_column,
                                                           gboolean            in_flow,
                                                           gboolean            allow_block,
                                                           const AushangValue *value);
char              *aushang_yaml_edit_render_block_scalar  (const char       *text,
                                                           const char       *header,
                                                           gsize             indent,
                                                           gsize             width,
                                                           const char       *eol);
char              *aushang_yaml_edit_render_block_like    (const char       *text,
                                                           const char       *header,
                                                           gsize             indent,
                                                           gsize             width,
                                                           const char       *eol);
gsize              aushang_yaml_edit_block_width          (const char       *text,
                                                           gsize             length,
                                                           Item             *item);
gsize              aushang_yaml_edit_block_indent         (const char       *text,
                                                           gsize             length,
                                                           gsize             value_start,
                                                           gsize             value_end);
gsize              aushang_yaml_edit_block_content_end    (const char       *text,
                                                           gsize             length,
                                                           gsize             value_start,
                                                           gsize             value_end);
char              *aushang_yaml_edit_block_header         (const char       *text,
                                                           gsize             length,
                                                           Item             *item);
char              *aushang_yaml_edit_render_block_item    (AushangYamlEdit  *self,
                                                           AushangValue     *value,
                                                           Item             *model,
                                                           gsize             column,
                                                           gsize             key_column);

/* aushang-yaml-edit-items.c */
Slot              *aushang_yaml_edit_get_slot             (AushangYamlEdit  *self,
                                                           guint             index);
AushangValue      *aushang_yaml_edit_visible_list         (GPtrArray        *order);
GArray            *aushang_yaml_edit_shape_of             (GPtrArray        *order);
gboolean           aushang_yaml_edit_shape_matches        (AushangYamlEdit  *self,
                                                           GArray           *shape);
gboolean           aushang_yaml_edit_check_items_editable (AushangYamlEdit  *self,
                                                           GError          **error);
gboolean           aushang_yaml_edit_commit_items         (AushangYamlEdit  *self,
                                                           GArray           *splices,
                                                           AushangValue     *expected,
                                                           GArray           *shape,
                                                           GError          **error);

/* aushang-yaml-edit.c */
void               aushang_yaml_edit_emit_changed         (AushangYamlEdit  *self);

G_END_DECLS
