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

#include "aushang-yaml-edit-private.h"

/* The object: its text, what the last parse found, and the settings
 * that shape new values. The edits live in aushang-yaml-edit-*.c. */

G_DEFINE_FINAL_TYPE (AushangYamlEdit, aushang_yaml_edit, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The object */

static void
aushang_yaml_edit_finalize (GObject *object)
{
  AushangYamlEdit *self = (AushangYamlEdit *)object;

  g_string_free (self->text, TRUE);
  g_free (self->eol);
  g_clear_pointer (&self->root, aushang_yaml_edit_node_free);
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
  self->slots = g_ptr_array_new_with_free_func (aushang_yaml_edit_slot_free);
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

  if (!aushang_yaml_edit_parse (self, &error))
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

  *line = aushang_yaml_edit_file_line (self, self->root->start);
  *column = 1 + g_utf8_strlen (self->text->str + line_start_of (self->text->str, self->root->start),
                               self->root->start - line_start_of (self->text->str, self->root->start));
}

gboolean
aushang_yaml_edit_get_is_empty (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  return self->error == NULL && aushang_yaml_edit_root_is_empty (self);
}

gboolean
aushang_yaml_edit_get_root_is_flow (AushangYamlEdit *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_EDIT (self), FALSE);

  return self->root != NULL && self->root->span.type != YAML_SCALAR_EVENT &&
         self->root->span.type != YAML_ALIAS_EVENT && self->root->span.flow;
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
  if (!aushang_yaml_edit_parse (self, &self->error))
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

/* For the edits in the other units: "changed", after the text changed. */
void
aushang_yaml_edit_emit_changed (AushangYamlEdit *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}
