/* aushang-yaml-edit-commit.c
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

/* Committing an edit: its splices applied, the text read again, and the
 * promise checked (the edited value reads back, nothing else changed);
 * otherwise the old bytes are put back. */

/* Comparing documents */

/* Equal as Jekyll sees them: a map is the keys it has, each with its last
 * value; their order does not matter. */
gboolean
aushang_yaml_edit_same_meaning (AushangValue *a,
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
        if (!aushang_yaml_edit_same_meaning (aushang_value_get_item (a, i), aushang_value_get_item (b, i)))
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
              !aushang_yaml_edit_same_meaning (aushang_value_lookup (a, key), aushang_value_lookup (b, key)))
            return FALSE;
        }
      return TRUE;
    }

  return aushang_value_equal (a, b);
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

              if (!aushang_yaml_edit_same_meaning (aushang_value_lookup (a, key), aushang_value_lookup (b, key)))
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
        if (!aushang_yaml_edit_same_meaning (aushang_value_get_item (a, i), aushang_value_get_item (b, i)))
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

void
aushang_yaml_edit_snapshot_take (AushangYamlEdit *self,
                                 Snapshot        *snapshot)
{
  snapshot->text = g_strndup (self->text->str, self->text->len);
  snapshot->length = self->text->len;
  snapshot->root = aushang_value_ref (self->root_value);
}

void
aushang_yaml_edit_snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->text, g_free);
  g_clear_pointer (&snapshot->root, aushang_value_unref);
}

/* Puts the text back as it was before a refused edit. */
void
aushang_yaml_edit_snapshot_restore (AushangYamlEdit *self,
                                    Snapshot        *snapshot)
{
  if (self->text->len == snapshot->length &&
      memcmp (self->text->str, snapshot->text, snapshot->length) == 0)
    return;

  g_string_truncate (self->text, 0);
  g_string_append_len (self->text, snapshot->text, snapshot->length);
  if (!aushang_yaml_edit_parse (self, NULL))
    g_warning ("YAML no longer parses after restoring an edit");
}

static void
splice_clear (gpointer data)
{
  Splice *splice = data;

  g_free (splice->text);
}

GArray *
aushang_yaml_edit_splices_new (void)
{
  GArray *splices = g_array_new (FALSE, TRUE, sizeof (Splice));

  g_array_set_clear_func (splices, splice_clear);

  return splices;
}

void
aushang_yaml_edit_splices_add (GArray     *splices,
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
gboolean
aushang_yaml_edit_apply_splices (AushangYamlEdit  *self,
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

  if (!aushang_yaml_edit_parse (self, &local_error))
    {
      g_string_truncate (self->text, 0);
      g_string_append_len (self->text, old, old_length);
      if (!aushang_yaml_edit_parse (self, NULL))
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
  if (aushang_yaml_edit_same_meaning (self->root_value, expected))
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
gboolean
aushang_yaml_edit_finish_edit (AushangYamlEdit  *self,
                               Snapshot         *snapshot,
                               GArray           *segments,
                               AushangValue     *value,
                               gboolean          check_value,
                               AushangValue     *expected,
                               GError          **error)
{
  if (check_value && segments != NULL)
    {
      AushangValue *read_back = aushang_yaml_path_lookup (self->root_value, segments);

      if (value != NULL ? (read_back == NULL || !aushang_value_equal (read_back, value))
                        : read_back != NULL)
        {
          aushang_yaml_edit_snapshot_restore (self, snapshot);
          g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                       _("The value of “%s” could not be written so that Jekyll reads it back unchanged. Nothing was changed."),
                       name_of (segments));
          return FALSE;
        }
    }

  if (expected == NULL || !reads_as (self, expected))
    {
      g_autofree char *other = expected ? first_difference (expected, self->root_value) : g_strdup ("…");

      aushang_yaml_edit_snapshot_restore (self, snapshot);
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
    aushang_yaml_edit_emit_changed (self);

  return TRUE;
}

gboolean
aushang_yaml_edit_check_editable (AushangYamlEdit  *self,
                                  GError          **error)
{
  const char *text = self->text->str;
  guint line = self->first_line;

  if (self->error != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: %u is a line number, %s says what is wrong there. */
                   _("Nothing can be changed until line %u is fixed: %s"),
                   self->error_line, self->error->message);
      return FALSE;
    }

  /* A carriage return alone (an old Mac line break, or a stray one) is a
   * line break to YAML but not to the edits, which work on lines ending
   * in LF or CR LF: such text is not changed at all (the fuzzer found
   * edits that moved or dropped it). */
  for (gsize i = 0; i < self->text->len; i++)
    {
      if (text[i] == '\n')
        line++;
      else if (text[i] == '\r' && (i + 1 == self->text->len || text[i + 1] != '\n'))
        {
          g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                       /* Translators: %u is a line number. */
                       _("Line %u ends in a lone carriage return (an old Mac line break), so Aushang changes nothing in this file. Save it with ordinary line breaks in another editor first."),
                       line);
          return FALSE;
        }
    }

  return TRUE;
}
