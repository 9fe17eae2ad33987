/* aushang-yaml-edit-comments.c
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

/* Commenting lines out and in: hiding and showing items of the top
 * sequence, and any range of lines. */

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

      aushang_yaml_edit_splices_add (splices, p, p, empty ? "#" : "# ");
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
        aushang_yaml_edit_splices_add (splices, p, p + prefix_len, "");
      else if (text[p] == '#')
        aushang_yaml_edit_splices_add (splices, p, p + 1, "");
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

  if (!aushang_yaml_edit_check_items_editable (self, error))
    return FALSE;
  slot = aushang_yaml_edit_get_slot (self, index);
  if (slot == NULL)
    return refuse (error, _("There is no such entry."));
  if (slot->hidden)
    return TRUE;
  if (!slot->item->alone)
    return refuse (error, _("This entry shares its line with other YAML and cannot be hidden; edit the file as YAML text instead."));

  start = slot->start;
  splices = aushang_yaml_edit_splices_new ();
  splice_comment (self, slot->start, slot->end, splices);
  end = slot->end;
  for (guint i = 0; i < splices->len; i++)
    end += strlen (g_array_index (splices, Splice, i).text);

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    if (i != index)
      g_ptr_array_add (order, g_ptr_array_index (self->slots, i));
  expected = aushang_yaml_edit_visible_list (order);

  aushang_yaml_edit_snapshot_take (self, &snapshot);
  ok = aushang_yaml_edit_apply_splices (self, splices, error);
  if (ok)
    {
      gboolean found = FALSE;

      /* Hidden, it must be found again as exactly these lines behind
       * "# ", or showing it would not give back the same text. */
      for (guint i = 0; i < self->slots->len; i++)
        {
          Slot *hidden = g_ptr_array_index (self->slots, i);

          if (hidden->hidden && hidden->start == start && hidden->end == end &&
              strcmp (hidden->prefix, "# ") == 0)
            found = TRUE;
        }

      if (!found)
        {
          aushang_yaml_edit_snapshot_restore (self, &snapshot);
          ok = refuse (error, _("The entry cannot be hidden: commented out, it would run into the comment lines next to it. Edit the file as YAML text instead."));
        }
      else
        ok = aushang_yaml_edit_finish_edit (self, &snapshot, NULL, NULL, FALSE, expected, error);
    }
  aushang_yaml_edit_snapshot_clear (&snapshot);

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

  if (!aushang_yaml_edit_check_items_editable (self, error))
    return FALSE;
  slot = aushang_yaml_edit_get_slot (self, index);
  if (slot == NULL)
    return refuse (error, _("There is no such entry."));
  if (!slot->hidden)
    return TRUE;

  splices = aushang_yaml_edit_splices_new ();
  if (!splice_uncomment (self, slot->start, slot->end, slot->prefix, splices))
    return refuse (error, _("The entry cannot be shown again; edit the file as YAML text instead."));

  order = g_ptr_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    g_ptr_array_add (order, i == index ? NULL : g_ptr_array_index (self->slots, i));
  shape = aushang_yaml_edit_shape_of (order);
  visible = aushang_yaml_edit_visible_list (order);
  expected = aushang_value_new_list ();
  for (guint i = 0; i <= aushang_value_get_length (visible); i++)
    {
      if (i == slot->visible_index)
        aushang_value_list_append (expected, aushang_value_ref (slot->value));
      if (i < aushang_value_get_length (visible))
        aushang_value_list_append (expected, aushang_value_ref (aushang_value_get_item (visible, i)));
    }

  return aushang_yaml_edit_commit_items (self, splices, expected, shape, error);
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

  if (!aushang_yaml_edit_check_editable (self, error) || !line_range (self, first, last, &start, &end, error))
    return FALSE;

  if (expected == NULL)
    expected = same = aushang_value_ref (self->root_value);

  splices = aushang_yaml_edit_splices_new ();
  splice_comment (self, start, end, splices);

  return aushang_yaml_edit_commit_items (self, splices, expected, NULL, error);
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

  if (!aushang_yaml_edit_check_editable (self, error) || !line_range (self, first, last, &start, &end, error))
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

  splices = aushang_yaml_edit_splices_new ();
  splice_uncomment (self, start, end, all_spaced ? "# " : "#", splices);

  return aushang_yaml_edit_commit_items (self, splices, expected, NULL, error);
}
