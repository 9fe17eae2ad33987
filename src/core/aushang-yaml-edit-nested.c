/* aushang-yaml-edit-nested.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml-edit"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-yaml-edit-private.h"

/* Edits of lists and maps inside the document, for a form that shows a
 * list of maps as sub-forms: an item added, moved, and one key's lines
 * edited as YAML text. Each changes only the lines it addresses; the
 * document must then read as expected, or the edit is undone. */

/* A copy of @root with the value at @segments (from @depth on) replaced
 * by @replacement; NULL when the path does not lead anywhere. */
static AushangValue *
replaced (AushangValue *root,
          GArray       *segments,
          guint         depth,
          AushangValue *replacement)
{
  Segment *segment;
  AushangValue *copy;
  guint n;

  if (depth == segments->len)
    return aushang_value_ref (replacement);
  if (root == NULL)
    return NULL;

  segment = segment_at (segments, depth);
  n = aushang_value_get_length (root);

  if (segment->key != NULL)
    {
      int last = -1;

      if (aushang_value_get_kind (root) != AUSHANG_VALUE_MAP)
        return NULL;
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (aushang_value_get_key (root, i), segment->key) == 0)
          last = i;
      if (last < 0)
        return NULL;

      copy = aushang_value_new_map ();
      for (guint i = 0; i < n; i++)
        {
          AushangValue *child = aushang_value_get_item (root, i);
          AushangValue *value = (int) i == last ? replaced (child, segments, depth + 1, replacement)
                                                : aushang_value_ref (child);

          if (value == NULL)
            {
              aushang_value_unref (copy);
              return NULL;
            }
          aushang_value_map_insert (copy, aushang_value_get_key (root, i), value);
        }
      return copy;
    }

  if (aushang_value_get_kind (root) != AUSHANG_VALUE_LIST || segment->index >= n)
    return NULL;

  copy = aushang_value_new_list ();
  for (guint i = 0; i < n; i++)
    {
      AushangValue *child = aushang_value_get_item (root, i);
      AushangValue *value = i == segment->index ? replaced (child, segments, depth + 1, replacement)
                                                : aushang_value_ref (child);

      if (value == NULL)
        {
          aushang_value_unref (copy);
          return NULL;
        }
      aushang_value_list_append (copy, value);
    }

  return copy;
}

/* Makes the splices, then checks that the document reads @expected. */
static gboolean
commit (AushangYamlEdit  *self,
        GArray           *splices,
        AushangValue     *expected,
        GError          **error)
{
  Snapshot snapshot = { 0, };
  gboolean ok;

  aushang_yaml_edit_snapshot_take (self, &snapshot);
  ok = aushang_yaml_edit_apply_splices (self, splices, error);
  if (ok)
    ok = aushang_yaml_edit_finish_edit (self, &snapshot, NULL, NULL, FALSE, expected, error);
  aushang_yaml_edit_snapshot_clear (&snapshot);

  return ok;
}

/* The block sequence at @segments whose items each start a line, or NULL
 * (a […] list, an empty or absent one, or one written unusually). */
static Node *
find_block_sequence (AushangYamlEdit *self,
                     GArray          *segments)
{
  Node *parent = NULL;
  Item *item = NULL;
  Node *node;

  if (!aushang_yaml_edit_locate (self, segments, &parent, &item) || item == NULL)
    return NULL;

  node = item->node;
  if (!node_is_sequence (node) || node->span.flow || node->items->len == 0)
    return NULL;

  for (guint i = 0; i < node->items->len; i++)
    {
      Item *each = g_ptr_array_index (node->items, i);

      if (!each->alone || each->entry_end <= each->line_start)
        return NULL;
    }

  return node;
}

/* The list at @list_path with @value at @index (and without the item at
 * @remove, unless that is G_MAXUINT). */
static AushangValue *
list_with (AushangValue *list,
           guint         index,
           AushangValue *value,
           guint         remove)
{
  AushangValue *copy = aushang_value_new_list ();
  guint n = list != NULL && aushang_value_get_kind (list) == AUSHANG_VALUE_LIST
            ? aushang_value_get_length (list) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    if (i != remove)
      g_ptr_array_add (items, aushang_value_get_item (list, i));
  g_ptr_array_insert (items, MIN (index, items->len), value);

  for (guint i = 0; i < items->len; i++)
    aushang_value_list_append (copy, aushang_value_ref (g_ptr_array_index (items, i)));

  return copy;
}

gboolean
aushang_yaml_edit_insert_at (AushangYamlEdit  *self,
                             const char       *list_path,
                             guint             index,
                             AushangValue     *value,
                             GError          **error)
{
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(AushangValue) list = NULL;
  g_autoptr(AushangValue) grown = NULL;
  g_autoptr(AushangValue) expected = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *block = NULL;
  const char *text;
  Item *model;
  Node *node;
  gsize column, key_column, at;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (list_path != NULL && *list_path != '\0', FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!aushang_yaml_edit_check_editable (self, error))
    return FALSE;

  segments = aushang_yaml_path_parse (list_path);
  if (segments == NULL || segments->len == 0)
    return refuse (error, _("This list cannot be found in the YAML."));

  list = aushang_yaml_edit_get (self, list_path);
  if (list != NULL)
    aushang_value_ref (list);
  if (list != NULL && aushang_value_get_kind (list) != AUSHANG_VALUE_LIST &&
      aushang_value_get_kind (list) != AUSHANG_VALUE_NULL)
    return refuse (error, _("This field holds no list."));

  node = find_block_sequence (self, segments);
  if (node == NULL)
    {
      /* A […] list, an empty one or none yet: written anew as a whole. */
      g_autoptr(AushangValue) whole = list_with (list, index, value, G_MAXUINT);

      return aushang_yaml_edit_set (self, list_path, whole, error);
    }

  text = self->text->str;
  index = MIN (index, node->items->len);
  model = g_ptr_array_index (node->items, MIN (index, node->items->len - 1));
  column = model->start - model->line_start;
  key_column = node_is_map (model->node) && model->node->start > model->start
               ? model->node->start - line_start_of (text, model->node->start)
               : column + 2;
  rendered = aushang_yaml_edit_render_block_item (self, value, model, column, key_column);
  block = g_strconcat (rendered, self->eol, NULL);

  if (index < node->items->len)
    at = ((Item *) g_ptr_array_index (node->items, index))->line_start;
  else
    {
      Item *last = g_ptr_array_index (node->items, node->items->len - 1);

      at = last->entry_end;
      /* The last line without a line break gets one first. */
      if (at == 0 || text[at - 1] != '\n')
        {
          g_autofree char *with_break = g_strconcat (self->eol, rendered, NULL);

          g_free (block);
          block = g_steal_pointer (&with_break);
        }
    }

  grown = list_with (list, index, value, G_MAXUINT);
  expected = replaced (self->root_value, segments, 0, grown);
  if (expected == NULL)
    return refuse (error, _("This list cannot be found in the YAML."));

  splices = aushang_yaml_edit_splices_new ();
  aushang_yaml_edit_splices_add (splices, at, at, block);

  return commit (self, splices, expected, error);
}

gboolean
aushang_yaml_edit_move_at (AushangYamlEdit  *self,
                           const char       *list_path,
                           guint             from,
                           guint             to,
                           GError          **error)
{
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(AushangValue) expected = NULL;
  g_autoptr(AushangValue) moved_list = NULL;
  g_autofree char *moved = NULL;
  AushangValue *list;
  const char *text;
  Item *item;
  Node *node;
  gsize at;
  guint n;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (list_path != NULL && *list_path != '\0', FALSE);

  if (!aushang_yaml_edit_check_editable (self, error))
    return FALSE;

  segments = aushang_yaml_path_parse (list_path);
  list = segments != NULL && segments->len > 0 ? aushang_yaml_edit_get (self, list_path) : NULL;
  if (list == NULL || aushang_value_get_kind (list) != AUSHANG_VALUE_LIST)
    return refuse (error, _("This field holds no list."));

  n = aushang_value_get_length (list);
  if (from >= n || to >= n)
    return refuse (error, _("There is no such item in the list."));
  if (from == to)
    return TRUE;

  moved_list = list_with (list, to, aushang_value_get_item (list, from), from);

  node = find_block_sequence (self, segments);
  if (node == NULL || node->items->len != n)
    return aushang_yaml_edit_set (self, list_path, moved_list, error);

  text = self->text->str;
  item = g_ptr_array_index (node->items, from);
  if (item->entry_end == 0 || text[item->entry_end - 1] != '\n')
    return aushang_yaml_edit_set (self, list_path, moved_list, error);

  /* The item's lines, taken out and put in before the item now at @to
   * (or after it, moving down). */
  moved = g_strndup (text + item->line_start, item->entry_end - item->line_start);
  if (to < from)
    at = ((Item *) g_ptr_array_index (node->items, to))->line_start;
  else
    {
      Item *after = g_ptr_array_index (node->items, to);

      at = after->entry_end;
      if (at == 0 || text[at - 1] != '\n')
        return aushang_yaml_edit_set (self, list_path, moved_list, error);
    }

  expected = replaced (self->root_value, segments, 0, moved_list);
  if (expected == NULL)
    return refuse (error, _("This list cannot be found in the YAML."));

  splices = aushang_yaml_edit_splices_new ();
  aushang_yaml_edit_splices_add (splices, item->line_start, item->entry_end, "");
  aushang_yaml_edit_splices_add (splices, at, at, moved);

  return commit (self, splices, expected, error);
}

/* The top-level entry @key: its item, alone on its lines, or NULL. */
static Item *
find_top_entry (AushangYamlEdit *self,
                const char      *key)
{
  Item *item;

  if (self->root == NULL || !node_is_map (self->root) || self->root->span.flow)
    return NULL;

  item = aushang_yaml_edit_find_last_item (self->root, key);
  if (item == NULL || !item->alone || aushang_yaml_edit_count_key (self, "", key) != 1)
    return NULL;

  return item;
}

char *
aushang_yaml_edit_dup_entry_text (AushangYamlEdit *self,
                                  const char      *key)
{
  Item *item;
  gsize end;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->error != NULL || (item = find_top_entry (self, key)) == NULL)
    return NULL;

  end = aushang_yaml_edit_trim_blank_lines (self, item->line_start, item->entry_end);

  return g_strndup (self->text->str + item->line_start, end - item->line_start);
}

gboolean
aushang_yaml_edit_replace_entry_text (AushangYamlEdit  *self,
                                      const char       *key,
                                      const char       *text,
                                      GError          **error)
{
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(AushangYamlEdit) probe = NULL;
  g_autoptr(AushangValue) expected = NULL;
  g_autofree char *replacement = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) keys = NULL;
  AushangValue *root;
  Item *item;
  gsize end;

  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!aushang_yaml_edit_check_editable (self, error))
    return FALSE;

  item = find_top_entry (self, key);
  if (item == NULL)
    return refuse (error, _("This field cannot be edited as YAML on its own; edit the whole front matter instead."));

  /* What the person wrote must read as this one key and nothing else,
   * and end its last line. */
  replacement = g_str_has_suffix (text, "\n") ? g_strdup (text) : g_strconcat (text, self->eol, NULL);
  probe = aushang_yaml_edit_new (replacement, strlen (replacement), item->line, self->eol);
  if (aushang_yaml_edit_get_error (probe) != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: %u is a line number, %s what is wrong there. */
                   _("Line %u: %s"), aushang_yaml_edit_get_error_line (probe),
                   aushang_yaml_edit_get_error (probe)->message);
      return FALSE;
    }
  keys = aushang_yaml_edit_dup_keys (probe, "");
  root = aushang_yaml_edit_get_root (probe);
  if (keys == NULL || g_strv_length (keys) != 1 || strcmp (keys[0], key) != 0 ||
      aushang_yaml_edit_get_extra_document_line (probe) != 0 ||
      aushang_value_get_length (root) != 1)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: %s is a field name. */
                   _("Write “%s:” and its value here, nothing else."), key);
      return FALSE;
    }

  path = aushang_yaml_path_key (NULL, key);
  segments = aushang_yaml_path_parse (path);
  expected = replaced (self->root_value, segments, 0, aushang_value_get_item (root, 0));
  if (expected == NULL)
    return refuse (error, _("This field cannot be edited as YAML on its own; edit the whole front matter instead."));

  end = aushang_yaml_edit_trim_blank_lines (self, item->line_start, item->entry_end);
  splices = aushang_yaml_edit_splices_new ();
  aushang_yaml_edit_splices_add (splices, item->line_start, end, replacement);

  return commit (self, splices, expected, error);
}
