/* aushang-field-context.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-field-context"

#include "config.h"

#include "aushang-field-context.h"
#include "aushang-form-util.h"

struct _AushangFieldContext
{
  GObject                parent_instance;

  AushangSite           *site;
  AushangCollection     *collection;  /* owned by the site */
  AushangSchema         *schema;
  GFile                 *file;
  AushangFieldStoreFunc  store_func;
  gpointer               store_data;
  AushangFieldRunFunc    run_func;
  gpointer               run_data;
  GCancellable          *cancellable;
  gboolean               filling;
  gboolean               quiet_required;
  GHashTable            *left;        /* keys of the fields the person left */
  gboolean               saving_tried;
};

G_DEFINE_FINAL_TYPE (AushangFieldContext, aushang_field_context, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
aushang_field_context_dispose (GObject *object)
{
  AushangFieldContext *self = AUSHANG_FIELD_CONTEXT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->site);
  g_clear_object (&self->schema);
  g_clear_object (&self->file);
  g_clear_pointer (&self->left, g_hash_table_unref);
  self->collection = NULL;
  self->store_func = NULL;
  self->run_func = NULL;

  G_OBJECT_CLASS (aushang_field_context_parent_class)->dispose (object);
}

static void
aushang_field_context_class_init (AushangFieldContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aushang_field_context_dispose;

  /**
   * AushangFieldContext::changed:
   *
   * Emitted after an edit in one of the rows changed the text.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
aushang_field_context_init (AushangFieldContext *self)
{
  self->cancellable = g_cancellable_new ();
}

AushangFieldContext *
aushang_field_context_new (AushangSite       *site,
                           AushangCollection *collection,
                           AushangSchema     *schema)
{
  AushangFieldContext *self = g_object_new (AUSHANG_TYPE_FIELD_CONTEXT, NULL);

  g_set_object (&self->site, site);
  self->collection = collection;
  g_set_object (&self->schema, schema);

  return self;
}

AushangSite *
aushang_field_context_get_site (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), NULL);

  return self->site;
}

AushangCollection *
aushang_field_context_get_collection (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), NULL);

  return self->collection;
}

AushangSchema *
aushang_field_context_get_schema (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), NULL);

  return self->schema;
}

void
aushang_field_context_set_store_func (AushangFieldContext   *self,
                                      AushangFieldStoreFunc  func,
                                      gpointer               user_data)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  self->store_func = func;
  self->store_data = user_data;
}

void
aushang_field_context_set_run_func (AushangFieldContext *self,
                                    AushangFieldRunFunc  func,
                                    gpointer             user_data)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  self->run_func = func;
  self->run_data = user_data;
}

gboolean
aushang_field_context_can_run_edits (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), FALSE);

  return self->run_func != NULL;
}

gboolean
aushang_field_context_run_edit (AushangFieldContext   *self,
                                AushangFieldEditFunc   edit,
                                gpointer               edit_data,
                                GError               **error)
{
  g_autoptr(AushangFieldContext) keep = NULL;
  gboolean changed = FALSE;
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), FALSE);

  if (self->filling || self->run_func == NULL)
    return FALSE;

  keep = g_object_ref (self);
  ok = self->run_func (edit, edit_data, &changed, error, self->run_data);
  if (changed)
    aushang_field_context_emit_changed (self);

  return ok;
}

gboolean
aushang_field_context_store (AushangFieldContext  *self,
                             const char           *key,
                             AushangValue         *value,
                             gboolean             *changed,
                             GError              **error)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), FALSE);

  *changed = FALSE;
  if (self->store_func == NULL)
    return FALSE;

  return self->store_func (key, value, changed, error, self->store_data);
}

void
aushang_field_context_emit_changed (AushangFieldContext *self)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

GFile *
aushang_field_context_get_file (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), NULL);

  return self->file;
}

void
aushang_field_context_set_file (AushangFieldContext *self,
                                GFile               *file)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  g_set_object (&self->file, file);
}

gboolean
aushang_field_context_get_filling (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), TRUE);

  return self->filling;
}

void
aushang_field_context_set_filling (AushangFieldContext *self,
                                   gboolean             filling)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  self->filling = filling;
}

void
aushang_field_context_mark_left (AushangFieldContext *self,
                                 const char          *key)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));
  g_return_if_fail (key != NULL);

  if (self->left == NULL)
    self->left = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->left, g_strdup (key));
}

void
aushang_field_context_mark_saving_tried (AushangFieldContext *self)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  self->saving_tried = TRUE;
}

gboolean
aushang_field_context_get_attended (AushangFieldContext *self,
                                    const char          *key)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), TRUE);

  return self->saving_tried ||
         (key != NULL && self->left != NULL && g_hash_table_contains (self->left, key));
}

void
aushang_field_context_copy_attended (AushangFieldContext *self,
                                     AushangFieldContext *from)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (from));

  self->saving_tried |= from->saving_tried;
  if (from->left == NULL)
    return;
  g_hash_table_iter_init (&iter, from->left);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    aushang_field_context_mark_left (self, key);
}

gboolean
aushang_field_context_get_quiet_required (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), FALSE);

  return self->quiet_required;
}

void
aushang_field_context_set_quiet_required (AushangFieldContext *self,
                                          gboolean             quiet)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  self->quiet_required = quiet;
}

GCancellable *
aushang_field_context_get_cancellable (AushangFieldContext *self)
{
  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), NULL);

  return self->cancellable;
}

void
aushang_field_context_cancel (AushangFieldContext *self)
{
  g_return_if_fail (AUSHANG_IS_FIELD_CONTEXT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

GPtrArray *
aushang_field_context_dup_suggestions (AushangFieldContext *self,
                                       const char          *schema_key)
{
  AushangSchema *schema;
  AushangField *field;

  g_return_val_if_fail (AUSHANG_IS_FIELD_CONTEXT (self), NULL);

  /* A collection's schema is asked for each time: the site keeps it up to
   * date. */
  schema = self->schema;
  if (schema == NULL && self->site != NULL && self->collection != NULL)
    schema = aushang_site_get_schema (self->site, self->collection);
  if (schema == NULL || schema_key == NULL)
    return NULL;

  field = aushang_schema_get_field (schema, schema_key);
  if (field == NULL)
    return NULL;

  return g_ptr_array_copy (field->suggestions, aushang_copy_string, NULL);
}
