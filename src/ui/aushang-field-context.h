/* aushang-field-context.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-schema.h"
#include "aushang-site.h"
#include "aushang-value.h"
#include "aushang-yaml-edit.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_FIELD_CONTEXT (aushang_field_context_get_type ())

G_DECLARE_FINAL_TYPE (AushangFieldContext, aushang_field_context, AUSHANG, FIELD_CONTEXT, GObject)

/* Writes @value (NULL: removes the key) for @key into whatever the fields
 * edit (a document's front matter, an entry of a data list). Sets
 * @changed when the text changed; returns FALSE with a message a person
 * can act on when the edit was refused. */
typedef gboolean (*AushangFieldStoreFunc) (const char    *key,
                                           AushangValue  *value,
                                           gboolean      *changed,
                                           GError       **error,
                                           gpointer       user_data);

/* One edit of the YAML itself (a field inside a list of maps, an item
 * added or moved), for rows of nested values. */
typedef gboolean (*AushangFieldEditFunc)  (AushangYamlEdit  *edit,
                                           gpointer          data,
                                           GError          **error);
/* Runs @edit on the YAML the fields edit, the way the store function
 * writes (the form does not rebuild itself for its own edit); sets
 * @changed when the text changed. */
typedef gboolean (*AushangFieldRunFunc)   (AushangFieldEditFunc  edit,
                                           gpointer              edit_data,
                                           gboolean             *changed,
                                           GError              **error,
                                           gpointer              user_data);

/* What the field rows of one form share: the site (images, time zone,
 * authors), the collection and the schema the suggestions come from, the
 * function that writes, and whether the form is filling its rows (then
 * nothing is written). ::changed follows each edit that changed the text,
 * after the row showed it. */
AushangFieldContext *aushang_field_context_new            (AushangSite          *site,
                                                           AushangCollection    *collection,
                                                           AushangSchema        *schema);
AushangSite         *aushang_field_context_get_site       (AushangFieldContext  *self);
/* NULL for the rows of a data list's entry. */
AushangCollection   *aushang_field_context_get_collection (AushangFieldContext  *self);
/* The document the fields belong to, so that pickers of documents leave
 * it out; NULL for a data list's entry or a new form. */
GFile               *aushang_field_context_get_file       (AushangFieldContext  *self);
void                 aushang_field_context_set_file       (AushangFieldContext  *self,
                                                           GFile                *file);
/* Where suggestions come from, when not the collection's; may be NULL. */
AushangSchema       *aushang_field_context_get_schema     (AushangFieldContext  *self);
void                 aushang_field_context_set_store_func (AushangFieldContext  *self,
                                                           AushangFieldStoreFunc func,
                                                           gpointer              user_data);
gboolean             aushang_field_context_store          (AushangFieldContext  *self,
                                                           const char           *key,
                                                           AushangValue         *value,
                                                           gboolean             *changed,
                                                           GError              **error);
/* Where nested values can be edited in place (a document's form); a
 * context without one refuses such edits. */
void                 aushang_field_context_set_run_func   (AushangFieldContext  *self,
                                                           AushangFieldRunFunc   func,
                                                           gpointer              user_data);
gboolean             aushang_field_context_can_run_edits  (AushangFieldContext  *self);
/* Runs @edit and emits ::changed when it changed the text. */
gboolean             aushang_field_context_run_edit       (AushangFieldContext  *self,
                                                           AushangFieldEditFunc  edit,
                                                           gpointer              edit_data,
                                                           GError              **error);
void                 aushang_field_context_emit_changed   (AushangFieldContext  *self);
gboolean             aushang_field_context_get_filling    (AushangFieldContext  *self);
void                 aushang_field_context_set_filling    (AushangFieldContext  *self,
                                                           gboolean              filling);
/* Whether "Required" shows only at a required field left empty (in a
 * data list nearly every field is required: the label would be noise). */
gboolean             aushang_field_context_get_quiet_required (AushangFieldContext *self);
void                 aushang_field_context_set_quiet_required (AushangFieldContext *self,
                                                           gboolean              quiet);
/* Whether a required field left empty may be shown as a problem yet:
 * once the person has left the field, or tried to save. Before that it is
 * only marked "Required" (a new entry would open with a warning at every
 * field before anything was typed). Kept while the same document or
 * entry is shown (copy_attended into the next context). */
void                 aushang_field_context_mark_left      (AushangFieldContext  *self,
                                                           const char           *key);
void                 aushang_field_context_mark_saving_tried (AushangFieldContext *self);
gboolean             aushang_field_context_get_attended   (AushangFieldContext  *self,
                                                           const char           *key);
void                 aushang_field_context_copy_attended  (AushangFieldContext  *self,
                                                           AushangFieldContext  *from);
/* Thumbnails and image copies for the rows shown now; cancelled (and a new
 * one made) when the form builds its rows anew. */
GCancellable        *aushang_field_context_get_cancellable (AushangFieldContext *self);
void                 aushang_field_context_cancel         (AushangFieldContext  *self);
/* The suggestions the schema has for @schema_key (char*), or NULL. */
GPtrArray           *aushang_field_context_dup_suggestions (AushangFieldContext *self,
                                                           const char           *schema_key);

G_END_DECLS
