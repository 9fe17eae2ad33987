/* aushang-yaml-edit-path.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml-edit"

#include "config.h"

#include <string.h>

#include "aushang-yaml-edit-private.h"

/* Paths ("[3].tags[0]") and where the values they name stand in the text. */

/* Paths */

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
GArray *
aushang_yaml_path_parse (const char *path)
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

/* Looking things up */

/* The value at @segments as Jekyll reads it (merge keys applied). */
AushangValue *
aushang_yaml_path_lookup (AushangValue *root,
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

Item *
aushang_yaml_edit_find_last_item (Node       *map,
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
gboolean
aushang_yaml_edit_locate (AushangYamlEdit  *self,
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
        found = aushang_yaml_edit_find_last_item (node, segment->key);
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

  segments = aushang_yaml_path_parse (path);
  if (segments == NULL || self->error != NULL)
    return NULL;
  if (segments->len == 0)
    return self->root_value;

  return aushang_yaml_path_lookup (self->root_value, segments);
}

static Item *
locate_item (AushangYamlEdit *self,
             const char      *path,
             Node           **parent_out)
{
  g_autoptr(GArray) segments = aushang_yaml_path_parse (path);
  Node *parent = NULL;
  Item *item = NULL;

  if (segments == NULL || segments->len == 0 || self->error != NULL ||
      !aushang_yaml_edit_locate (self, segments, &parent, &item))
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
