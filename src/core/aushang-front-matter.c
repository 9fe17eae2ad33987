/* aushang-front-matter.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-front-matter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-front-matter.h"
#include "aushang-yaml-edit.h"
#include "aushang-yaml-private.h"

/* The front matter is a map of YAML text kept byte for byte; the lossless
 * editor (aushang-yaml-edit) does the reading and every edit. This layer
 * adds what front matter asks for: a map of "name: value" lines, one
 * document, field names that can be written.
 *
 * The editor, which knows where each part of the text stands, is made
 * when first needed (get_edit()): the preview only reads the values of a
 * document it makes anew for every change, and reading them alone takes
 * half the time. */
struct _AushangFrontMatter
{
  GObject          parent_instance;

  AushangYamlEdit *edit;         /* NULL until get_edit() */
  GString         *text;         /* the text while @edit is NULL, kept after */
  AushangValue    *values;       /* the map read from @text, kept after */
  char            *eol;
  guint            first_line;

  /* Why the fields cannot be read: the YAML's own error, or a document
   * that is not a map. */
  GError          *error;
  guint            error_line;
  guint            error_column;
  gboolean         flow_mapping; /* the whole front matter is one {…} */

  AushangValue    *empty;        /* the data while there is no map */
};

G_DEFINE_FINAL_TYPE (AushangFrontMatter, aushang_front_matter, G_TYPE_OBJECT)

G_DEFINE_QUARK (aushang-front-matter-error-quark, aushang_front_matter_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
aushang_front_matter_finalize (GObject *object)
{
  AushangFrontMatter *self = (AushangFrontMatter *)object;

  if (self->edit != NULL)
    g_signal_handlers_disconnect_by_data (self->edit, self);
  g_clear_object (&self->edit);
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_clear_pointer (&self->values, aushang_value_unref);
  g_free (self->eol);
  g_clear_error (&self->error);
  g_clear_pointer (&self->empty, aushang_value_unref);

  G_OBJECT_CLASS (aushang_front_matter_parent_class)->finalize (object);
}

static void
aushang_front_matter_class_init (AushangFrontMatterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_front_matter_finalize;

  /* Emitted after every edit that changed the text. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
aushang_front_matter_init (AushangFrontMatter *self)
{
  self->empty = aushang_value_new_map ();
}

/* What the text is as front matter: read, and a map. */
static void
update_state (AushangFrontMatter *self)
{
  const GError *error = aushang_yaml_edit_get_error (self->edit);
  AushangValue *root = aushang_yaml_edit_get_root (self->edit);
  AushangValueKind kind = aushang_value_get_kind (root);
  guint line = 0, column = 0;

  g_clear_error (&self->error);
  self->error_line = 0;
  self->error_column = 0;
  self->flow_mapping = FALSE;

  if (error != NULL)
    {
      self->error = g_error_copy (error);
      self->error_line = aushang_yaml_edit_get_error_line (self->edit);
      self->error_column = aushang_yaml_edit_get_error_column (self->edit);
      return;
    }

  /* Only comments (or nothing) is an empty front matter; any other value,
   * a null written out ("~") included, is not a map. */
  if (kind != AUSHANG_VALUE_MAP && !aushang_yaml_edit_get_is_empty (self->edit))
    aushang_yaml_edit_get_root_position (self->edit, &line, &column);

  if (line == 0 && aushang_yaml_edit_get_extra_document_line (self->edit) != 0)
    {
      line = aushang_yaml_edit_get_extra_document_line (self->edit);
      column = aushang_yaml_edit_get_extra_document_column (self->edit);
    }

  if (line != 0)
    {
      self->error_line = line;
      self->error_column = column;
      g_set_error_literal (&self->error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_A_MAPPING,
                           _("The front matter must consist of “name: value” lines."));
      return;
    }

  self->flow_mapping = kind == AUSHANG_VALUE_MAP && aushang_yaml_edit_get_root_is_flow (self->edit);
}

static guint
count_newlines (const char *text,
                gsize       end)
{
  guint n = 0;

  for (gsize i = 0; i < end; i++)
    if (text[i] == '\n')
      n++;

  return n;
}

static void
edit_changed_cb (AushangFrontMatter *self,
                 AushangYamlEdit    *edit)
{
  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The values of @text, read as the editor reads them, when it is what
 * front matter should be and nothing in it is amiss: UTF-8, one document,
 * a map not written as {…}, no problem reading it. Else NULL: the editor
 * then reads it and says what is wrong. */
static AushangValue *
read_values (const char *text,
             gsize       length)
{
  yaml_parser_t parser;
  AushangYamlBuilder *builder;
  AushangValue *root = NULL;
  gboolean ok = TRUE;

  if (!g_utf8_validate (text, length, NULL))
    return NULL;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) text, length);
  builder = aushang_yaml_builder_new (&parser);

  while (ok)
    {
      yaml_event_t event;
      AushangYamlSpan span = { 0, };

      if (!aushang_yaml_builder_next (builder, &event, NULL))
        {
          ok = FALSE;
          break;
        }
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
      /* A further document. */
      if (root != NULL)
        {
          yaml_event_delete (&event);
          ok = FALSE;
          break;
        }
      root = aushang_yaml_builder_build (builder, &event, &span, NULL);
      if (root == NULL || aushang_value_get_kind (root) != AUSHANG_VALUE_MAP || span.flow)
        ok = FALSE;
    }

  yaml_parser_delete (&parser);
  aushang_yaml_builder_free (builder);
  if (!ok || root == NULL)
    g_clear_pointer (&root, aushang_value_unref);

  return root;
}

/* The editor, read now when it was not yet. */
static AushangYamlEdit *
get_edit (AushangFrontMatter *self)
{
  if (self->edit != NULL)
    return self->edit;

  self->edit = aushang_yaml_edit_new (self->text->str, self->text->len, self->first_line, self->eol);
  aushang_yaml_edit_set_front_matter (self->edit, TRUE);
  g_signal_connect_swapped (self->edit, "changed", G_CALLBACK (edit_changed_cb), self);
  update_state (self);

  return self->edit;
}

AushangFrontMatter *
aushang_front_matter_new (const char *text,
                          gsize       length,
                          guint       first_line,
                          const char *eol)
{
  AushangFrontMatter *self;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  self = g_object_new (AUSHANG_TYPE_FRONT_MATTER, NULL);
  self->eol = g_strdup (eol ? eol : "\n");
  self->first_line = MAX (first_line, 1);
  self->text = g_string_new_len (text, length);
  self->values = read_values (self->text->str, self->text->len);
  /* Without values, the editor reads it and names what is wrong. */
  if (self->values == NULL)
    get_edit (self);

  return self;
}

AushangYamlEdit *
aushang_front_matter_get_yaml (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  return get_edit (self);
}

const char *
aushang_front_matter_get_text (AushangFrontMatter *self,
                               gsize              *length)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  if (self->edit == NULL)
    {
      if (length != NULL)
        *length = self->text->len;
      return self->text->str;
    }

  return aushang_yaml_edit_get_text (self->edit, length);
}

const GError *
aushang_front_matter_get_error (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  return self->error;
}

guint
aushang_front_matter_get_error_line (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);

  return self->error ? self->error_line : 0;
}

guint
aushang_front_matter_get_error_column (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);

  return self->error ? self->error_column : 0;
}

char **
aushang_front_matter_dup_keys (AushangFrontMatter *self)
{
  char **keys;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  keys = self->error ? NULL : aushang_yaml_edit_dup_keys (get_edit (self), "");

  return keys ? keys : g_new0 (char *, 1);
}

gboolean
aushang_front_matter_has_key (AushangFrontMatter *self,
                              const char         *key)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return aushang_front_matter_get (self, key) != NULL;
}

AushangValue *
aushang_front_matter_get (AushangFrontMatter *self,
                          const char         *key)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->error != NULL)
    return NULL;

  /* Read but not edited: the map's value, as the editor has it. */
  if (self->edit == NULL)
    return aushang_value_lookup (self->values, key);

  path = aushang_yaml_path_key (NULL, key);

  return aushang_yaml_edit_get (self->edit, path);
}

AushangValue *
aushang_front_matter_get_data (AushangFrontMatter *self)
{
  AushangValue *root;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  if (self->edit == NULL)
    return self->values;

  root = aushang_yaml_edit_get_root (self->edit);
  if (self->error != NULL || aushang_value_get_kind (root) != AUSHANG_VALUE_MAP)
    return self->empty;

  return root;
}

guint
aushang_front_matter_get_key_line (AushangFrontMatter *self,
                                   const char         *key)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  if (self->error != NULL)
    return 0;

  path = aushang_yaml_path_key (NULL, key);

  return aushang_yaml_edit_get_line (get_edit (self), path);
}

guint
aushang_front_matter_count_key (AushangFrontMatter *self,
                                const char         *key)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);

  if (self->error != NULL)
    return 0;

  return aushang_yaml_edit_count_key (get_edit (self), "", key);
}

gboolean
aushang_front_matter_is_simple (AushangFrontMatter *self,
                                const char         *key)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);

  if (self->error != NULL)
    return TRUE;

  path = aushang_yaml_path_key (NULL, key);

  return aushang_yaml_edit_is_simple (get_edit (self), path);
}

static gboolean
check_editable (AushangFrontMatter  *self,
                const char          *key,
                GError             **error)
{
  if (self->error != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: the first %s is the reason the YAML cannot be read. */
                   _("Fields cannot be changed while the front matter cannot be read: line %u: %s"),
                   self->error_line, self->error->message);
      return FALSE;
    }

  if (self->flow_mapping)
    {
      g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                           _("The front matter is written as one {…} block; edit it as YAML text instead."));
      return FALSE;
    }

  if (key != NULL &&
      (*key == '\0' || strchr (key, '\n') != NULL || strchr (key, '\r') != NULL ||
       !g_utf8_validate (key, -1, NULL)))
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_KEY,
                   _("“%s” cannot be used as a field name."), key);
      return FALSE;
    }

  return TRUE;
}

void
aushang_front_matter_adopt_style (AushangFrontMatter *self,
                                  AushangFrontMatter *model)
{
  g_return_if_fail (AUSHANG_IS_FRONT_MATTER (self));
  g_return_if_fail (AUSHANG_IS_FRONT_MATTER (model));

  aushang_yaml_edit_adopt_style (get_edit (self), get_edit (model));
}

void
aushang_front_matter_set_key_order (AushangFrontMatter *self,
                                    const char * const *order)
{
  g_return_if_fail (AUSHANG_IS_FRONT_MATTER (self));

  aushang_yaml_edit_set_key_order (get_edit (self), order);
}

gboolean
aushang_front_matter_set_value (AushangFrontMatter  *self,
                                const char          *key,
                                AushangValue        *value,
                                GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_editable (self, key, error))
    return FALSE;

  path = aushang_yaml_path_key (NULL, key);

  return aushang_yaml_edit_set (get_edit (self), path, value, error);
}

gboolean
aushang_front_matter_set_string (AushangFrontMatter  *self,
                                 const char          *key,
                                 const char          *value,
                                 GError             **error)
{
  g_autoptr(AushangValue) v = aushang_value_new_string (value);

  return aushang_front_matter_set_value (self, key, v, error);
}

gboolean
aushang_front_matter_set_strv (AushangFrontMatter  *self,
                               const char          *key,
                               const char * const  *values,
                               GError             **error)
{
  g_autoptr(AushangValue) list = aushang_value_new_list ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    aushang_value_list_append (list, aushang_value_new_string (values[i]));

  return aushang_front_matter_set_value (self, key, list, error);
}

gboolean
aushang_front_matter_remove (AushangFrontMatter  *self,
                             const char          *key,
                             GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!check_editable (self, NULL, error))
    return FALSE;

  path = aushang_yaml_path_key (NULL, key);

  return aushang_yaml_edit_remove (get_edit (self), path, error);
}

gboolean
aushang_front_matter_replace_text (AushangFrontMatter  *self,
                                   const char          *text,
                                   GError             **error)
{
  g_autoptr(AushangFrontMatter) probe = NULL;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* A line of only "---" or "..." would end the front matter there when
   * Jekyll reads the file. */
  for (const char *line = text; *line != '\0'; )
    {
      const char *next = strchr (line, '\n');
      gsize len = next ? (gsize) (next - line) : strlen (line);

      if (len >= 3 && (strncmp (line, "---", 3) == 0 || strncmp (line, "...", 3) == 0) &&
          strspn (line + 3, " \t\r\f\v") >= len - 3)
        {
          g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                       _("Line %u, column %u: %s"),
                       self->first_line + (guint) count_newlines (text, line - text), 1,
                       _("A line of only “---” or “...” would end the fields there. Remove it, or put the text in quotes."));
          return FALSE;
        }
      line = next ? next + 1 : line + len;
    }

  /* The closing "---" follows on a line of its own. */
  if (*text != '\0' && text[strlen (text) - 1] != '\n')
    {
      g_autofree char *ended = g_strconcat (text, self->eol, NULL);

      return aushang_front_matter_replace_text (self, ended, error);
    }

  /* Lines are named as in the file (the "Edit as YAML" dialog numbers its
   * lines the same way), so a message means the same line everywhere. */
  probe = aushang_front_matter_new (text, strlen (text), self->first_line, self->eol);
  if (probe->error != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, probe->error->code,
                   _("Line %u, column %u: %s"), probe->error_line, probe->error_column,
                   probe->error->message);
      return FALSE;
    }

  return aushang_yaml_edit_replace_text (get_edit (self), text, error);
}
