/* aushang-yaml-edit-keys.c
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

/* Setting and removing the value at a path: replacing an item's value,
 * adding a key to a map, taking an item out with its lines. */

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

/* The comment on the key's line of a value that starts on a later line
 * (a block list or map, a scalar on the next line: "tags:  # Kommentar")
 * or of a block scalar ("text: |  # Kommentar"), with the space before
 * it, or NULL. */
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
      /* After the header (|, >-, |2+), and an anchor or tag before it
       * ("&a |  # Kommentar"): the comment starts at the first '#' after
       * white space. */
      if (item->value_start < p || item->value_start >= line_end)
        return NULL;
      p = item->value_start;
      while (p < line_end && !(text[p] == '#' && p > item->value_start &&
                               (text[p - 1] == ' ' || text[p - 1] == '\t')))
        p++;
      if (p >= line_end)
        return NULL;
      while (p > item->value_start && (text[p - 1] == ' ' || text[p - 1] == '\t'))
        p--;
    }
  else if (item->node->span.flow)
    return NULL;
  else
    {
      /* Only an anchor or a tag may stand between the colon and the
       * comment ("beschreibung: &a  # Kommentar"); the value itself
       * starts on a later line. */
      for (;;)
        {
          while (p < line_end && (text[p] == ' ' || text[p] == '\t'))
            p++;
          if (p < line_end && (text[p] == '&' || text[p] == '!'))
            {
              while (p < line_end && text[p] != ' ' && text[p] != '\t')
                p++;
              continue;
            }
          break;
        }
      if (p >= line_end || text[p] != '#')
        return NULL;
      while (p > item->colon_end && (text[p - 1] == ' ' || text[p - 1] == '\t'))
        p--;
    }

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

/* Where a line after @item goes: after its last line. A block scalar's
 * span takes the empty lines after it along; in a data list they stand
 * between entries, so a new line goes before them (unless they are part
 * of the value: "|+"). */
static gsize
end_of_item (AushangYamlEdit *self,
             Item            *item)
{
  if (self->front_matter || aushang_yaml_edit_ends_in_kept_lines (self, item->node))
    return item->entry_end;

  return aushang_yaml_edit_trim_blank_lines (self, item->line_start, item->entry_end);
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
      Item *before = aushang_yaml_edit_find_last_item (map, self->key_order[i]);

      if (before != NULL)
        return end_of_item (self, before);
    }

  for (guint i = position + 1; self->key_order[i] != NULL; i++)
    {
      Item *after = aushang_yaml_edit_find_last_item (map, self->key_order[i]);

      if (after != NULL)
        {
          /* The first key of a list item shares its line with the "-". */
          if (!after->alone)
            return end_of_item (self, after);
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
  g_autofree char *key_text = aushang_yaml_edit_emit_key (self, key);
  g_autofree char *rendered = NULL;
  g_autofree char *line = NULL;
  Item *sibling = aushang_yaml_edit_sibling_item (self, map, key);
  gsize key_column;
  gsize at;
  const char *lead = "";

  if (map != NULL && map->span.flow)
    {
      gsize close = map->end;
      g_autofree char *inline_text = aushang_yaml_emit_flow (value, aushang_yaml_edit_preferred_style (self, sibling),
                                                             self->quote_style, TRUE);

      if (close == 0 || text[close - 1] != '}')
        return refuse (error, _("This map cannot be extended here; edit it as YAML text instead."));
      line = g_strdup_printf ("%s%s: %s", map->items->len > 0 ? ", " : "", key_text, inline_text);
      aushang_yaml_edit_splices_add (splices, close - 1, close - 1, line);
      return TRUE;
    }

  key_column = key_column_of (self, map, NULL);
  rendered = aushang_yaml_edit_render_value (self, sibling, sibling != NULL, key_column, FALSE, TRUE, value);

  if (map == NULL || map == self->root)
    at = insertion_point (self, map, key, self->text->len);
  else
    {
      Item *last = g_ptr_array_index (map->items, map->items->len - 1);

      at = insertion_point (self, map, key, end_of_item (self, last));
    }

  if (at > 0 && text[at - 1] != '\n')
    lead = self->eol;

  {
    g_autofree char *pad = g_strnfill (key_column, ' ');

    line = g_strconcat (lead, pad, key_text, ":", rendered, self->eol, NULL);
  }
  aushang_yaml_edit_splices_add (splices, at, at, line);

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
      g_autofree char *header = aushang_yaml_edit_block_header (text, length, item);
      gsize indent = aushang_yaml_edit_block_indent (text, length, item->value_start, item->value_end);
      g_autofree char *block = NULL;

      /* An empty block ("bio: |" and nothing) shows no indentation. */
      if (indent == 0)
        indent = key_column + 2;
      if (header != NULL && indent > key_column)
        block = aushang_yaml_edit_render_block_like (aushang_value_get_string (value), header, indent,
                                                     aushang_yaml_edit_block_width (text, length, item),
                                                     self->eol);

      if (block != NULL)
        {
          g_autofree char *comment = key_line_comment (self, item);
          gsize end;

          /* The comment after the header ("|  # Kurzfassung") stays. */
          if (comment != NULL)
            {
              const char *line_end = strstr (block, self->eol);
              gsize header_length = line_end ? (gsize) (line_end - block) : strlen (block);
              char *with_comment = g_strdup_printf ("%.*s%s%s", (int) header_length, block, comment,
                                                    block + header_length);

              g_free (block);
              block = with_comment;
            }

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
            end = aushang_yaml_edit_block_content_end (text, length, item->value_start, item->value_end);

          splices = aushang_yaml_edit_splices_new ();
          aushang_yaml_edit_splices_add (splices, item->value_start, end, block);
          g_ptr_array_add (candidates, splices);
        }
    }

  if (in_flow)
    {
      g_autofree char *inline_text = aushang_yaml_emit_flow (value, aushang_yaml_edit_preferred_style (self, item),
                                                             self->quote_style, TRUE);

      splices = aushang_yaml_edit_splices_new ();
      if (item->empty)
        {
          g_autofree char *spaced = g_strconcat (" ", inline_text, NULL);

          aushang_yaml_edit_splices_add (splices, item->colon_end, item->colon_end, spaced);
        }
      else
        aushang_yaml_edit_splices_add (splices, item->value_start, item->value_end, inline_text);
      g_ptr_array_add (candidates, splices);
      return;
    }

  rendered = aushang_yaml_edit_render_value (self, item, FALSE, key_column, FALSE, !is_sequence_item, value);
  splices = aushang_yaml_edit_splices_new ();

  if (single_line (self, item))
    {
      /* Only the value's own characters: a comment after it stays. A
       * block list starts right after the colon. */
      gboolean inline_text = rendered[0] == ' ';
      gsize start = (item->empty || !inline_text) ? item->colon_end : item->value_start;
      const char *replacement = rendered;
      g_autofree char *with_comment = NULL;

      if (!item->empty && inline_text)
        replacement = rendered + 1;

      /* A value on the line after its key, rewritten from the colon on:
       * the key line's comment stays on the key's line. */
      if (start == item->colon_end && !item->empty)
        {
          g_autofree char *comment = key_line_comment (self, item);

          if (comment != NULL)
            replacement = with_comment = inline_text ? g_strconcat (rendered, comment, NULL)
                                                     : g_strconcat (comment, rendered, NULL);
        }
      aushang_yaml_edit_splices_add (splices, start, item->value_end, replacement);
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
        end = aushang_yaml_edit_trim_blank_lines (self, start, end);
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
      aushang_yaml_edit_splices_add (splices, start, end, replacement);
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

/* The items of a top sequence as they are: an edit of a value must leave
 * them so (a comment line that looks like an item stays what it was: a
 * hidden item, or a comment inside an item). NULL when there is no top
 * sequence. */
static GArray *
items_shape (AushangYamlEdit *self)
{
  if (!node_is_sequence (self->root) || self->slots->len == 0)
    return NULL;

  return aushang_yaml_edit_shape_of (self->slots);
}

/* Whether the edit just applied kept @shape; otherwise puts the text
 * back and refuses. */
static gboolean
keeps_shape (AushangYamlEdit  *self,
             Snapshot         *snapshot,
             GArray           *shape,
             GError          **error)
{
  if (shape == NULL || aushang_yaml_edit_shape_matches (self, shape))
    return TRUE;

  aushang_yaml_edit_snapshot_restore (self, snapshot);

  return refuse (error, _("This change would turn comment lines into a hidden entry, or a hidden entry into comment lines, so it was not made. Edit the file as YAML text instead."));
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
  g_autoptr(GArray) shape = NULL;
  Segment *last;
  Node *parent = NULL;
  Item *item = NULL;
  AushangValue *current;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!aushang_yaml_edit_check_editable (self, error))
    return FALSE;

  segments = aushang_yaml_path_parse (path);
  if (segments == NULL || segments->len == 0)
    return invalid_path (path ? path : "", error);

  last = segment_at (segments, segments->len - 1);
  if (last->key != NULL && !valid_key (last->key, error))
    return FALSE;

  if (!aushang_yaml_edit_locate (self, segments, &parent, &item))
    return invalid_path (path, error);

  /* Setting a field to the value it has changes no byte. */
  current = aushang_yaml_path_lookup (self->root_value, segments);
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
      GArray *splices = aushang_yaml_edit_splices_new ();
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
  shape = items_shape (self);
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      Snapshot snapshot = { 0, };
      gboolean ok;

      aushang_yaml_edit_snapshot_take (self, &snapshot);
      ok = aushang_yaml_edit_apply_splices (self, g_ptr_array_index (candidates, i), &local_error);

      /* The promise: what was written reads back as what was meant, and
       * nothing else changed. */
      if (ok)
        ok = keeps_shape (self, &snapshot, shape, &local_error);
      if (ok)
        ok = aushang_yaml_edit_finish_edit (self, &snapshot, segments, value, TRUE, expected, &local_error);
      aushang_yaml_edit_snapshot_clear (&snapshot);

      if (ok)
        return TRUE;
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  g_propagate_error (error, g_steal_pointer (&first_error));

  return FALSE;
}

/* The splices that take every item of the flow collection @parent with
 * @key out (a key given twice). Each run of such items goes with the
 * comma after it, a run at the end with the comma before it, so the
 * splices never overlap (one item's "comma before" would be the range of
 * the item before it). */
static void
splice_remove_flow_key (Node       *parent,
                        const char *key,
                        GArray     *splices)
{
  guint n = parent->items->len;

  for (guint i = 0; i < n; i++)
    {
      Item *first = g_ptr_array_index (parent->items, i);
      Item *last;
      guint j = i;

      if (strcmp (first->key, key) != 0)
        continue;
      while (j + 1 < n && strcmp (((Item *) g_ptr_array_index (parent->items, j + 1))->key, key) == 0)
        j++;
      last = g_ptr_array_index (parent->items, j);

      if (j + 1 < n)
        aushang_yaml_edit_splices_add (splices, first->start,
                                       ((Item *) g_ptr_array_index (parent->items, j + 1))->start, "");
      else if (i > 0)
        aushang_yaml_edit_splices_add (splices, ((Item *) g_ptr_array_index (parent->items, i - 1))->value_end,
                                       last->value_end, "");
      else
        aushang_yaml_edit_splices_add (splices, first->start, last->value_end, "");
      i = j;
    }
}

/* The splices that take @item out of its @parent, with its lines, and
 * with it the items up to @last (the same key given again right after
 * it; @item itself where there is none): one splice, for splices of
 * their own would overlap where the next key moves up to the "- ". */
static gboolean
splice_remove_item (AushangYamlEdit  *self,
                    Node             *parent,
                    Item             *item,
                    Item             *last,
                    GArray           *splices,
                    GError          **error)
{
  guint index = 0, last_index = 0;
  Item *next = NULL, *previous = NULL;

  for (guint i = 0; i < parent->items->len; i++)
    {
      if (g_ptr_array_index (parent->items, i) == item)
        index = i;
      if (g_ptr_array_index (parent->items, i) == last)
        last_index = i;
    }
  g_return_val_if_fail (last_index >= index, FALSE);
  g_return_val_if_fail (last == item || (!parent->span.flow && !item->alone), FALSE);
  if (last_index + 1 < parent->items->len)
    next = g_ptr_array_index (parent->items, last_index + 1);
  if (index > 0)
    previous = g_ptr_array_index (parent->items, index - 1);

  if (parent->span.flow)
    {
      if (next != NULL)
        aushang_yaml_edit_splices_add (splices, item->start, next->start, "");
      else if (previous != NULL)
        aushang_yaml_edit_splices_add (splices, previous->value_end, item->value_end, "");
      else
        aushang_yaml_edit_splices_add (splices, item->start, item->value_end, "");
      return TRUE;
    }

  if (item->alone)
    {
      aushang_yaml_edit_splices_add (splices, item->line_start,
                                     self->front_matter ? item->entry_end
                                                        : aushang_yaml_edit_trim_blank_lines (self, item->line_start, item->entry_end), "");
      return TRUE;
    }

  /* The first key of a list item shares its line with the "-": the next
   * key moves up to it. */
  if (next != NULL && next->alone)
    {
      aushang_yaml_edit_splices_add (splices, item->start, next->start, "");
      return TRUE;
    }

  if (next == NULL && node_is_map (parent))
    {
      /* A block value's span runs past its last line break, and past the
       * empty lines after it unless they are kept ("|+"): those stay. */
      gsize end = last->value_end;

      if (!aushang_yaml_edit_ends_in_kept_lines (self, last->node))
        end = aushang_yaml_edit_trim_blank_lines (self, item->start, end);
      if (end > item->start && self->text->str[end - 1] == '\n')
        end--;
      if (end > item->start && self->text->str[end - 1] == '\r')
        end--;
      aushang_yaml_edit_splices_add (splices, item->start, MAX (end, item->start), "{}");
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
  g_autoptr(GArray) shape = NULL;
  Snapshot snapshot = { 0, };
  Segment *last;
  Node *parent = NULL;
  Item *item = NULL;
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!aushang_yaml_edit_check_editable (self, error))
    return FALSE;

  segments = aushang_yaml_path_parse (path);
  if (segments == NULL || segments->len == 0)
    return invalid_path (path ? path : "", error);
  last = segment_at (segments, segments->len - 1);

  if (!aushang_yaml_edit_locate (self, segments, &parent, &item))
    return TRUE;

  if (item == NULL && aushang_yaml_path_lookup (self->root_value, segments) == NULL)
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

  splices = aushang_yaml_edit_splices_new ();
  if (last->key != NULL && parent->span.flow)
    splice_remove_flow_key (parent, last->key, splices);
  else if (last->key != NULL)
    {
      /* Every occurrence of a repeated key; those right after one that
       * shares its line with the "- " go with it. */
      for (guint i = 0; i < parent->items->len; i++)
        {
          Item *each = g_ptr_array_index (parent->items, i);
          guint through = i;

          if (strcmp (each->key, last->key) != 0)
            continue;
          while (!each->alone && through + 1 < parent->items->len &&
                 strcmp (((Item *) g_ptr_array_index (parent->items, through + 1))->key, last->key) == 0)
            through++;
          if (!splice_remove_item (self, parent, each, g_ptr_array_index (parent->items, through), splices, error))
            return FALSE;
          i = through;
        }
    }
  else if (!splice_remove_item (self, parent, item, item, splices, error))
    return FALSE;

  shape = items_shape (self);
  aushang_yaml_edit_snapshot_take (self, &snapshot);
  ok = aushang_yaml_edit_apply_splices (self, splices, error);
  if (ok)
    ok = keeps_shape (self, &snapshot, shape, error);
  if (ok)
    ok = aushang_yaml_edit_finish_edit (self, &snapshot, segments, NULL, last->key != NULL, expected, error);
  aushang_yaml_edit_snapshot_clear (&snapshot);

  return ok;
}
