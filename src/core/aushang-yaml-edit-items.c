/* aushang-yaml-edit-items.c
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

/* The items of the sequence at the top of the document, hidden ones
 * included: reading, inserting, removing, duplicating and moving them. */

guint
aushang_yaml_edit_get_n_items (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), 0);

  return self->slots->len;
}

Slot *
aushang_yaml_edit_get_slot (AushangYamlEdit *self,
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

  slot = aushang_yaml_edit_get_slot (self, index);
  if (slot == NULL)
    return NULL;

  if (hidden)
    *hidden = slot->hidden;
  if (first_line)
    *first_line = aushang_yaml_edit_file_line (self, slot->start);
  if (last_line)
    *last_line = aushang_yaml_edit_file_line (self, MAX (slot->end, slot->start + 1) - 1);

  return slot->hidden ? slot->value : slot->item->node->value;
}

char *
aushang_yaml_edit_dup_item_path (AushangYamlEdit *self,
                                 guint            index)
{
  Slot *slot;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);

  slot = aushang_yaml_edit_get_slot (self, index);
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
AushangValue *
aushang_yaml_edit_visible_list (GPtrArray *order)
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

gboolean
aushang_yaml_edit_check_items_editable (AushangYamlEdit  *self,
                                        GError          **error)
{
  if (!aushang_yaml_edit_check_editable (self, error))
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
  char         *text;   /* the item's bytes (without its last line break), or NULL */
} Shape;

static void
shape_clear (gpointer data)
{
  Shape *shape = data;

  g_clear_pointer (&shape->value, aushang_value_unref);
  g_clear_pointer (&shape->text, g_free);
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
  Shape one = { slot != NULL && slot->hidden, NULL, NULL };

  if (one.hidden)
    one.value = aushang_value_ref (slot->value);
  g_array_append_val (shape, one);
}

GArray *
aushang_yaml_edit_shape_of (GPtrArray *order)
{
  GArray *shape = shape_new ();

  for (guint i = 0; i < order->len; i++)
    shape_add (shape, g_ptr_array_index (order, i));

  return shape;
}

gboolean
aushang_yaml_edit_shape_matches (AushangYamlEdit *self,
                                 GArray          *shape)
{
  if (self->slots->len != shape->len)
    return FALSE;

  for (guint i = 0; i < shape->len; i++)
    {
      Shape *want = &g_array_index (shape, Shape, i);
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->hidden != want->hidden ||
          (want->hidden && !aushang_yaml_edit_same_meaning (slot->value, want->value)))
        return FALSE;
      if (want->text != NULL &&
          (slot_content_end (self, slot) - slot->start != strlen (want->text) ||
           memcmp (self->text->str + slot->start, want->text, strlen (want->text)) != 0))
        return FALSE;
    }

  return TRUE;
}

gboolean
aushang_yaml_edit_commit_items (AushangYamlEdit  *self,
                                GArray           *splices,
                                AushangValue     *expected,
                                GArray           *shape,
                                GError          **error)
{
  Snapshot snapshot = { 0, };
  gboolean ok;

  aushang_yaml_edit_snapshot_take (self, &snapshot);
  ok = aushang_yaml_edit_apply_splices (self, splices, error);
  if (ok && shape != NULL && !aushang_yaml_edit_shape_matches (self, shape))
    {
      aushang_yaml_edit_snapshot_restore (self, &snapshot);
      ok = refuse (error, _("This would mix the entries up with the comment lines between them, so nothing was changed. Edit the file as YAML text instead."));
    }
  if (ok)
    ok = aushang_yaml_edit_finish_edit (self, &snapshot, NULL, NULL, FALSE, expected, error);
  aushang_yaml_edit_snapshot_clear (&snapshot);

  return ok;
}

/* The item next to slot position @index to write a new one like. */
static Item *
model_item (AushangYamlEdit *self,
            guint            index)
{
  for (guint distance = 0; distance <= self->slots->len; distance++)
    {
      Slot *before = index >= distance + 1 ? aushang_yaml_edit_get_slot (self, index - distance - 1) : NULL;
      Slot *after = aushang_yaml_edit_get_slot (self, index + distance);

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

  return aushang_yaml_edit_render_block_item (self, value, model, self->item_column,
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
          aushang_yaml_edit_splices_add (splices, self->root->start, end, owned);
          return TRUE;
        }

      if (length > 0 && text[length - 1] != '\n')
        {
          owned = g_strconcat (self->eol, block, NULL);
          owned[strlen (owned) - strlen (self->eol)] = '\0';
          aushang_yaml_edit_splices_add (splices, length, length, owned);
        }
      else
        aushang_yaml_edit_splices_add (splices, length, length, block);
      return TRUE;
    }

  if (index < self->slots->len)
    {
      Slot *slot = aushang_yaml_edit_get_slot (self, index);
      g_autofree char *insert = g_strconcat (block, separator, NULL);

      aushang_yaml_edit_splices_add (splices, slot->start, slot->start, insert);
    }
  else
    {
      Slot *last = aushang_yaml_edit_get_slot (self, self->slots->len - 1);

      if (last->end == length && (length == 0 || text[length - 1] != '\n'))
        {
          /* The file ends without a line break: so does it afterwards. */
          g_autofree char *insert = g_strconcat (self->eol, separator, block, NULL);

          insert[strlen (insert) - strlen (self->eol)] = '\0';
          aushang_yaml_edit_splices_add (splices, length, length, insert);
        }
      else
        {
          g_autofree char *insert = g_strconcat (separator, block, NULL);

          aushang_yaml_edit_splices_add (splices, last->end, last->end, insert);
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

  if (!aushang_yaml_edit_check_items_editable (self, error))
    return FALSE;

  index = MIN (index, self->slots->len);
  for (guint i = 0; i < index; i++)
    if (!aushang_yaml_edit_get_slot (self, i)->hidden)
      visible_index++;

  model = model_item (self, index);
  key_column = model ? model->node->start - line_start_of (self->text->str, model->node->start)
                     : self->item_column + 2;
  rendered = aushang_yaml_edit_render_block_item (self, value, model, self->item_column, key_column);
  block = g_strconcat (rendered, self->eol, NULL);

  splices = aushang_yaml_edit_splices_new ();
  if (!splice_insert_block (self, index, block, splices, error))
    return FALSE;

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  expected = aushang_yaml_edit_visible_list (order);
  g_ptr_array_insert (order, index, NULL);
  shape = aushang_yaml_edit_shape_of (order);
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

  return aushang_yaml_edit_commit_items (self, splices, expected, shape, error);
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
  Slot *slot = aushang_yaml_edit_get_slot (self, index);
  Slot *next = aushang_yaml_edit_get_slot (self, index + 1);

  if (next != NULL)
    {
      aushang_yaml_edit_splices_add (splices, slot->start, blank_run_after (self, slot->end, next->start), "");
      return;
    }

  if (index > 0)
    {
      Slot *previous = aushang_yaml_edit_get_slot (self, index - 1);
      gsize start = blank_run_before (self, slot->start, previous->end);

      /* The last line had no line break: the one before it goes too. */
      if (slot->end == length && text[length - 1] != '\n' && start == previous->end)
        start = slot_content_end (self, previous);
      aushang_yaml_edit_splices_add (splices, start, slot->end, "");
      return;
    }

  aushang_yaml_edit_splices_add (splices, slot->start, blank_run_after (self, slot->end, length), "");
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

  if (!aushang_yaml_edit_check_items_editable (self, error))
    return FALSE;
  if (aushang_yaml_edit_get_slot (self, index) == NULL)
    return refuse (error, _("There is no such entry."));

  splices = aushang_yaml_edit_splices_new ();
  splice_remove_slot (self, index, splices);

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    if (i != index)
      g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  expected = aushang_yaml_edit_visible_list (order);
  shape = aushang_yaml_edit_shape_of (order);

  return aushang_yaml_edit_commit_items (self, splices, expected, shape, error);
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

  if (!aushang_yaml_edit_check_items_editable (self, error))
    return FALSE;
  slot = aushang_yaml_edit_get_slot (self, index);
  if (slot == NULL)
    return refuse (error, _("There is no such entry."));

  /* The copy goes where a new item after it would: after the comments
   * that follow the item, so they stay with it. */
  content_end = slot_content_end (self, slot);
  copy = g_strndup (self->text->str + slot->start, content_end - slot->start);
  {
    g_autofree char *block = g_strconcat (copy, self->eol, NULL);

    splices = aushang_yaml_edit_splices_new ();
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
  expected = aushang_yaml_edit_visible_list (order);
  shape = aushang_yaml_edit_shape_of (order);

  return aushang_yaml_edit_commit_items (self, splices, expected, shape, error);
}

/* Writes the slots of @order (a permutation of all slots) in its order. */
static gboolean
reorder_slots (AushangYamlEdit  *self,
               GPtrArray        *order,
               GError          **error)
{
  g_autoptr(GArray) shape = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(AushangValue) expected = NULL;
  const char *text = self->text->str;
  gboolean moved = FALSE;

  /* The items change places; what stands between them (comments, blank
   * lines) stays where it is. */
  splices = aushang_yaml_edit_splices_new ();
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *place = aushang_yaml_edit_get_slot (self, i);
      Slot *slot = g_ptr_array_index (order, i);
      g_autofree char *content = NULL;

      if (place == slot)
        continue;
      moved = TRUE;
      content = g_strndup (text + slot->start, slot_content_end (self, slot) - slot->start);
      aushang_yaml_edit_splices_add (splices, place->start, slot_content_end (self, place), content);
    }
  if (!moved)
    return TRUE;

  expected = aushang_yaml_edit_visible_list (order);
  shape = aushang_yaml_edit_shape_of (order);

  /* Each item keeps its bytes where it goes: none takes in the comment
   * lines around its new place (so moving it back restores the text). */
  for (guint i = 0; i < order->len; i++)
    {
      Slot *slot = g_ptr_array_index (order, i);

      g_array_index (shape, Shape, i).text = g_strndup (text + slot->start,
                                                        slot_content_end (self, slot) - slot->start);
    }

  return aushang_yaml_edit_commit_items (self, splices, expected, shape, error);
}

gboolean
aushang_yaml_edit_move_item (AushangYamlEdit  *self,
                             guint             from,
                             guint             to,
                             GError          **error)
{
  g_autoptr(GPtrArray) order = NULL;
  guint n;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  if (!aushang_yaml_edit_check_items_editable (self, error))
    return FALSE;
  n = self->slots->len;
  if (from >= n || to >= n)
    return refuse (error, _("There is no such entry."));
  if (from == to)
    return TRUE;

  order = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    if (i != from)
      g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  g_ptr_array_insert (order, to, g_ptr_array_index (self->slots, from));

  return reorder_slots (self, order, error);
}

gboolean
aushang_yaml_edit_reorder_items (AushangYamlEdit  *self,
                                 const guint      *order,
                                 guint             n_items,
                                 GError          **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree gboolean *seen = NULL;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (order != NULL || n_items == 0, FALSE);

  if (!aushang_yaml_edit_check_items_editable (self, error))
    return FALSE;
  if (n_items != self->slots->len)
    return refuse (error, _("There is no such entry."));

  seen = g_new0 (gboolean, n_items + 1);
  slots = g_ptr_array_new ();
  for (guint i = 0; i < n_items; i++)
    {
      if (order[i] >= n_items || seen[order[i]])
        return refuse (error, _("There is no such entry."));
      seen[order[i]] = TRUE;
      g_ptr_array_add (slots, g_ptr_array_index (self->slots, order[i]));
    }

  return reorder_slots (self, slots, error);
}
