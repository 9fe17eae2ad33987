/* aushang-form.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-date-row.h"
#include "aushang-document-row.h"
#include "aushang-field-context.h"
#include "aushang-field-row.h"
#include "aushang-form-util.h"
#include "aushang-form.h"
#include "aushang-image-import.h"
#include "aushang-image-row.h"
#include "aushang-list-row.h"
#include "aushang-long-text-row.h"
#include "aushang-nested-row.h"
#include "aushang-switch-row.h"
#include "aushang-text-row.h"
#include "aushang-yaml-dialog.h"
#include "aushang-yaml-row.h"

/* Line numbers of the file, not of the dialog's text: the front matter
 * starts on line 2 (after "---"), and that is what messages name. */
#define FRONT_MATTER_FIRST_LINE 2

struct _AushangForm
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkWidget           *problem_box;
  GtkLabel            *problem_label;
  GtkWidget           *problem_button;
  GtkWidget           *diagnostics_box;
  GtkWidget           *fields_box;
  GtkWidget           *links_group;
  GtkWidget           *offer_group;
  GtkWidget           *yaml_button;
  GPtrArray           *link_rows;    /* the rows in links_group and offer_group */

  AushangSite         *site;
  AushangCollection   *collection;   /* owned by the site */
  AushangDocument     *document;
  AushangFrontMatter  *front_matter;
  gulong               front_matter_changed_id;
  gulong               modified_id;       /* on document */

  AushangFieldContext *context;      /* what the rows share */
  GHashTable          *fields;       /* key, schema key and alias → AushangFieldRow* */
  GPtrArray           *diagnostics;  /* AushangDiagnostic*, the last ones shown */
  GtkWidget           *yaml_dialog;

  gboolean             writing;      /* the form is editing the front matter */
  gboolean             wrote_change;
  gboolean             had_published_true;
};

G_DEFINE_FINAL_TYPE (AushangForm, aushang_form, ADW_TYPE_BIN)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_OPEN_ENTRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild           (AushangForm *self);
static void close_yaml_dialog (AushangForm *self);
static void open_yaml_dialog  (AushangForm *self,
                               const char  *key);

/* Writing through the core ------------------------------------------------- */

static gboolean
store_cb (const char    *key,
          AushangValue  *value,
          gboolean      *changed,
          GError       **error,
          gpointer       user_data)
{
  AushangForm *self = user_data;
  AushangFrontMatter *front_matter;
  gboolean ok;

  if (self->document == NULL)
    return FALSE;

  front_matter = aushang_document_get_front_matter (self->document);
  if (front_matter == NULL)
    {
      g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                           _("The fields cannot be changed until the problem above is fixed."));
      return FALSE;
    }

  self->writing = TRUE;
  self->wrote_change = FALSE;
  if (value == NULL)
    ok = aushang_front_matter_remove (front_matter, key, error);
  else
    ok = aushang_front_matter_set_value (front_matter, key, value, error);
  self->writing = FALSE;

  *changed = self->wrote_change;
  self->wrote_change = FALSE;

  return ok;
}

/* Edits of nested values (a field inside a list of maps), by path. */
static gboolean
run_cb (AushangFieldEditFunc   edit,
        gpointer               edit_data,
        gboolean              *changed,
        GError               **error,
        gpointer               user_data)
{
  AushangForm *self = user_data;
  AushangFrontMatter *front_matter;
  gboolean ok;

  if (self->document == NULL ||
      (front_matter = aushang_document_get_front_matter (self->document)) == NULL ||
      aushang_front_matter_get_error (front_matter) != NULL)
    {
      g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                           _("The fields cannot be changed until the problem above is fixed."));
      return FALSE;
    }

  self->writing = TRUE;
  self->wrote_change = FALSE;
  ok = edit (aushang_front_matter_get_yaml (front_matter), edit_data, error);
  self->writing = FALSE;

  *changed = self->wrote_change;
  self->wrote_change = FALSE;

  return ok;
}

static void
context_changed_cb (AushangForm         *self,
                    AushangFieldContext *context)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
front_matter_changed_cb (AushangForm        *self,
                         AushangFrontMatter *front_matter)
{
  if (self->writing)
    {
      self->wrote_change = TRUE;
      return;
    }

  /* Someone else changed the front matter: show what it holds now. */
  rebuild (self);
}

static AushangFieldRow *
lookup_field (AushangForm *self,
              const char  *key)
{
  if (self->fields == NULL || key == NULL)
    return NULL;

  return g_hash_table_lookup (self->fields, key);
}

/* Building the form -------------------------------------------------------- */

enum
{
  GROUP_MAIN,
  GROUP_IMAGE,
  GROUP_DRAFT,
  GROUP_MORE,
  N_GROUPS
};

static int
group_of (const char *schema_key)
{
  static const char * const main_keys[] = {
    "title", "teaser", "excerpt", "description", "subtitle", "date",
    "authors", "categories", "tags", NULL
  };
  static const char * const image_keys[] = {
    "header_image", "image", "thumbnail", "header_image_credit", NULL
  };

  if (g_strv_contains (main_keys, schema_key))
    return GROUP_MAIN;
  if (g_strv_contains (image_keys, schema_key))
    return GROUP_IMAGE;

  return GROUP_MORE;
}

/* The table finds a row by every spelling of its key. */
static void
register_field (AushangForm     *self,
                AushangFieldRow *row,
                const char      *alias)
{
  const char *key = aushang_field_row_get_key (row);
  const char *schema_key = aushang_field_row_get_schema_key (row);

  g_hash_table_replace (self->fields, g_strdup (key), row);
  if (!g_hash_table_contains (self->fields, schema_key))
    g_hash_table_insert (self->fields, g_strdup (schema_key), row);
  if (alias != NULL && !g_hash_table_contains (self->fields, alias))
    g_hash_table_insert (self->fields, g_strdup (alias), row);
}

static void open_field_yaml_dialog (AushangForm *self,
                                    const char  *key);

static void
edit_yaml_cb (AushangForm     *self,
              AushangFieldRow *row)
{
  open_field_yaml_dialog (self, aushang_field_row_get_key (row));
}

/* The row for @key, of the kind its value needs. */
static AushangFieldRow *
build_field (AushangForm        *self,
             AushangFrontMatter *front_matter,
             const char         *key,
             const char         *schema_key,
             AushangFieldKind    kind,
             gboolean            required)
{
  AushangFieldContext *context = self->context;
  g_autofree char *description = NULL;
  g_autofree char *label = aushang_site_label_for_key (self->site, NULL, key, &description);
  AushangValue *value = NULL;
  gboolean simple = TRUE;
  GtkWidget *row;

  if (front_matter != NULL && aushang_front_matter_get_error (front_matter) == NULL)
    {
      value = aushang_front_matter_get (front_matter, key);
      simple = aushang_front_matter_is_simple (front_matter, key);
    }

  switch (aushang_effective_kind (kind, simple, value))
    {
    case AUSHANG_FIELD_LONG_TEXT:
      row = aushang_long_text_row_new (context, key, schema_key, label, required, value);
      break;

    case AUSHANG_FIELD_DATE:
      row = aushang_date_row_new (context, key, schema_key, label, AUSHANG_FIELD_DATE, required, value);
      break;

    case AUSHANG_FIELD_DATETIME:
      row = aushang_date_row_new (context, key, schema_key, label, AUSHANG_FIELD_DATETIME, required, value);
      break;

    case AUSHANG_FIELD_LIST:
      row = aushang_list_row_new (context, key, schema_key, label, required, value);
      break;

    case AUSHANG_FIELD_BOOLEAN:
      row = aushang_switch_row_new (context, key, schema_key, label, required, value);
      break;

    case AUSHANG_FIELD_IMAGE:
      row = aushang_image_row_new (context, key, schema_key, label, required, value);
      break;

    case AUSHANG_FIELD_YAML:
      /* A map as a group of fields, a list of maps as small forms. */
      if (aushang_nested_row_can_show (value))
        row = aushang_nested_row_new (context, key, schema_key, label, required, value);
      else
        row = aushang_yaml_row_new (context, key, schema_key, label, required, value);
      g_signal_connect_object (row, "edit", G_CALLBACK (edit_yaml_cb), self, G_CONNECT_SWAPPED);
      break;

    case AUSHANG_FIELD_NUMBER:
      row = aushang_text_row_new (context, key, schema_key, label, AUSHANG_FIELD_NUMBER,
                                  required, value, FALSE);
      break;

    case AUSHANG_FIELD_TEXT:
    default:
      /* A field that names another document (related_post): a picker. */
      if (aushang_document_row_can_show (context, key, value))
        row = aushang_document_row_new (context, key, schema_key, label, required, value);
      else
        row = aushang_text_row_new (context, key, schema_key, label, AUSHANG_FIELD_TEXT,
                                    required, value, strcmp (schema_key, "title") != 0);
      break;
    }

  aushang_row_set_site_description (row, description);

  return AUSHANG_FIELD_ROW (row);
}

static AushangFieldRow *
build_draft_field (AushangForm        *self,
                   AushangFrontMatter *front_matter)
{
  AushangValue *value = NULL;

  if (front_matter != NULL && aushang_front_matter_get_error (front_matter) == NULL)
    value = aushang_front_matter_get (front_matter, "published");

  return AUSHANG_FIELD_ROW (aushang_switch_row_new_draft (self->context, value, self->had_published_true));
}

static void
update_problem (AushangForm *self)
{
  const GError *problem = NULL;
  guint line = 0;

  if (self->document != NULL)
    problem = aushang_document_get_problem (self->document, &line, NULL);

  gtk_widget_set_visible (self->problem_box, problem != NULL);
  gtk_widget_set_sensitive (self->fields_box, problem == NULL);

  if (problem != NULL)
    {
      g_autofree char *text = NULL;

      if (line > 0)
        /* Translators: %u is a line number of the file, %s what is wrong there. */
        text = g_strdup_printf (_("Line %u: %s"), line, problem->message);
      else
        text = g_strdup (problem->message);

      gtk_label_set_text (self->problem_label, text);
      /* "Edit as YAML" needs the front matter's text; an unclosed "---"
       * is fixed in the text editor. */
      gtk_widget_set_visible (self->problem_button, self->front_matter != NULL);
    }
}

static void
apply_diagnostics (AushangForm *self)
{
  GHashTableIter iter;
  gpointer row;
  GtkWidget *child;
  guint n_general = 0;

  while ((child = gtk_widget_get_first_child (self->diagnostics_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->diagnostics_box), child);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    aushang_field_row_clear_diagnostics (row);

  for (guint i = 0; self->diagnostics != NULL && i < self->diagnostics->len; i++)
    {
      AushangDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      AushangFieldRow *field = lookup_field (self, diagnostic->key);

      if (field != NULL)
        aushang_field_row_add_diagnostic (field, diagnostic->message,
                                          diagnostic->severity == AUSHANG_SEVERITY_ERROR);
      else
        {
          GtkWidget *line = aushang_diagnostic_line_new (diagnostic);

          gtk_widget_set_margin_top (line, n_general == 0 ? 12 : 0);
          gtk_box_append (GTK_BOX (self->diagnostics_box), line);
          n_general++;
        }
    }

  if (n_general > 0)
    gtk_widget_set_margin_bottom (gtk_widget_get_last_child (self->diagnostics_box), 12);
  gtk_widget_set_visible (self->diagnostics_box, n_general > 0);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    aushang_field_row_update_status (row);
}

static void
edit_all_clicked_cb (AushangForm *self)
{
  open_yaml_dialog (self, NULL);
}

static void
rebuild (AushangForm *self)
{
  AushangFrontMatter *front_matter = self->front_matter;
  g_autoptr(AushangSchema) own_schema = NULL;
  g_autoptr(GHashTable) handled = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) keys = NULL;
  AushangSchema *schema = NULL;
  GtkWidget *groups[N_GROUPS] = { NULL, };
  guint n_rows[N_GROUPS] = { 0, };
  GtkWidget *child;
  GPtrArray *schema_fields;
  gboolean readable;

  aushang_field_context_cancel (self->context);

  /* Rows going away may lose the focus; that must not write anything. */
  aushang_field_context_set_filling (self->context, TRUE);

  g_hash_table_remove_all (self->fields);
  while ((child = gtk_widget_get_first_child (self->fields_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->fields_box), child);

  update_problem (self);

  gtk_widget_set_visible (self->yaml_button, self->document != NULL);
  if (self->document == NULL)
    {
      aushang_field_context_set_filling (self->context, FALSE);
      apply_diagnostics (self);
      return;
    }

  readable = front_matter != NULL && aushang_front_matter_get_error (front_matter) == NULL;
  if (readable)
    keys = aushang_front_matter_dup_keys (front_matter);

  if (self->site != NULL && self->collection != NULL)
    schema = aushang_site_get_schema (self->site, self->collection);
  else
    {
      /* A file outside a site: its own keys, with the well-known kinds. */
      g_autoptr(GPtrArray) data = g_ptr_array_new ();

      if (readable)
        g_ptr_array_add (data, aushang_front_matter_get_data (front_matter));
      schema = own_schema = aushang_schema_infer (data);
    }

  for (int g = 0; g < N_GROUPS; g++)
    groups[g] = g_object_ref_sink (adw_preferences_group_new ());
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (groups[GROUP_MORE]), _("More fields"));

  /* The collection's fields, in the schema's order. */
  schema_fields = aushang_schema_get_fields (schema);
  for (guint i = 0; i < schema_fields->len; i++)
    {
      AushangField *schema_field = g_ptr_array_index (schema_fields, i);
      const char *key = schema_field->key;
      gboolean required = schema_field->required;
      int group = group_of (schema_field->key);
      AushangFieldRow *row;

      g_hash_table_add (handled, schema_field->key);
      if (schema_field->alias != NULL)
        g_hash_table_add (handled, schema_field->alias);

      if (strcmp (key, "published") == 0)
        continue;

      /* Edit the spelling the document uses ("author" where it has no
       * "authors"). */
      if (readable && schema_field->alias != NULL &&
          !aushang_front_matter_has_key (front_matter, key) &&
          aushang_front_matter_has_key (front_matter, schema_field->alias))
        key = schema_field->alias;

      row = build_field (self, front_matter, key, schema_field->key, schema_field->kind, required);
      register_field (self, row, schema_field->alias);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[group]), GTK_WIDGET (row));
      n_rows[group]++;
    }

  /* The document's own keys that the collection's schema does not know. */
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      int group = group_of (keys[i]);
      AushangFieldRow *row;

      if (g_hash_table_contains (handled, keys[i]) || strcmp (keys[i], "published") == 0)
        continue;

      row = build_field (self, front_matter, keys[i], keys[i],
                         aushang_kind_for_value (aushang_front_matter_get (front_matter, keys[i])),
                         strcmp (keys[i], "title") == 0);
      register_field (self, row, NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[group]), GTK_WIDGET (row));
      n_rows[group]++;
    }

  /* "Draft", on its own. */
  {
    AushangFieldRow *draft = build_draft_field (self, front_matter);

    register_field (self, draft, NULL);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[GROUP_DRAFT]), GTK_WIDGET (draft));
    n_rows[GROUP_DRAFT]++;
  }

  for (int g = 0; g < N_GROUPS; g++)
    {
      if (n_rows[g] > 0)
        gtk_box_append (GTK_BOX (self->fields_box), groups[g]);
      g_object_unref (groups[g]);
    }

  /* "Edit as YAML" for everything, including what the form has no field
   * for, once the front matter can be read. */
  gtk_widget_set_sensitive (self->yaml_button, readable);

  aushang_field_context_set_filling (self->context, FALSE);

  apply_diagnostics (self);
}

/* Images -------------------------------------------------------------------- */

/* Sets @key, which has no image row, to @site_path. */
static void
set_image_path (AushangForm *self,
                const char  *key,
                const char  *site_path)
{
  AushangFrontMatter *front_matter = aushang_document_get_front_matter (self->document);

  if (front_matter == NULL)
    return;

  self->writing = TRUE;
  self->wrote_change = FALSE;
  /* Refused only while the front matter cannot be read; the banner at
   * the top says so already. */
  aushang_front_matter_set_string (front_matter, key, site_path, NULL);
  self->writing = FALSE;

  if (self->wrote_change)
    {
      self->wrote_change = FALSE;
      rebuild (self);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
}

typedef struct
{
  AushangForm     *self;
  AushangDocument *document;
  char            *key;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->document);
  g_free (data->key);
  g_free (data);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *site_path = aushang_image_import_finish (result, &error);
  AushangFieldRow *row;

  if (site_path != NULL && data->self->document == data->document)
    set_image_path (data->self, data->key, site_path);
  else if (site_path == NULL &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           data->self->document == data->document &&
           (row = lookup_field (data->self, data->key)) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The image could not be copied into the site: %s"),
                                                  error->message);

      aushang_field_row_set_edit_error (row, message);
    }

  import_data_free (data);
}

void
aushang_form_import_image (AushangForm *self,
                           const char  *key,
                           GFile       *file)
{
  AushangFieldRow *row;
  g_autofree char *site_path = NULL;
  g_autoptr(GError) error = NULL;
  ImportData *data;

  g_return_if_fail (AUSHANG_IS_FORM (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (G_IS_FILE (file));

  if (self->site == NULL || self->document == NULL)
    return;

  /* Through the row, as if chosen there, so it shows and checks the path. */
  row = lookup_field (self, key);
  if (row != NULL && AUSHANG_IS_IMAGE_ROW (row))
    {
      aushang_image_row_import (AUSHANG_IMAGE_ROW (row), file);
      return;
    }

  data = g_new0 (ImportData, 1);
  data->self = g_object_ref (self);
  data->document = g_object_ref (self->document);
  data->key = g_strdup (key);

  site_path = aushang_image_import (self->site, key, file,
                                    aushang_field_context_get_cancellable (self->context),
                                    imported_cb, data, &error);
  if (site_path == NULL && error == NULL)
    return;

  /* Done at once: the callback does not follow. */
  import_data_free (data);
  if (site_path != NULL)
    set_image_path (self, key, site_path);
  else if (row != NULL)
    aushang_field_row_set_edit_error (row, error->message);
}

/* Edit as YAML ------------------------------------------------------------- */

static gboolean
apply_yaml_cb (const char  *text,
               guint       *line,
               guint       *column,
               GError     **error,
               gpointer     user_data)
{
  AushangForm *self = user_data;
  gboolean ok;

  if (self->front_matter == NULL)
    return TRUE;

  self->writing = TRUE;
  self->wrote_change = FALSE;
  ok = aushang_front_matter_replace_text (self->front_matter, text, error);
  self->writing = FALSE;

  if (!ok)
    {
      g_autoptr(AushangFrontMatter) probe = aushang_front_matter_new (text, strlen (text),
                                                                      FRONT_MATTER_FIRST_LINE, "\n");

      /* The same text read again says where, as numbers. */
      if (aushang_front_matter_get_error (probe) != NULL)
        {
          *line = aushang_front_matter_get_error_line (probe);
          *column = aushang_front_matter_get_error_column (probe);
        }
      return FALSE;
    }

  if (self->wrote_change)
    {
      self->wrote_change = FALSE;
      rebuild (self);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }

  return TRUE;
}

/* The dialog may also go with its window: the form's pointer is weak. */
static void
close_yaml_dialog (AushangForm *self)
{
  GtkWidget *dialog = self->yaml_dialog;

  if (dialog == NULL)
    return;

  g_clear_weak_pointer (&self->yaml_dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
open_yaml_dialog (AushangForm *self,
                  const char  *key)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AushangYamlDialog *dialog;
  const GError *problem;
  const char *text;
  gsize length = 0;

  if (self->front_matter == NULL)
    return;

  if (self->yaml_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->yaml_dialog));
      return;
    }

  text = aushang_front_matter_get_text (self->front_matter, &length);
  dialog = AUSHANG_YAML_DIALOG (aushang_yaml_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         _("The fields as they are written in the file. Changes are applied only when they are valid YAML."),
                                                         _("Front matter"),
                                                         text, length, FRONT_MATTER_FIRST_LINE));
  aushang_yaml_dialog_set_apply_func (dialog, apply_yaml_cb, self);

  /* The cursor goes to the problem, or to the key the button belongs to. */
  problem = aushang_front_matter_get_error (self->front_matter);
  if (problem != NULL)
    {
      guint line = aushang_front_matter_get_error_line (self->front_matter);
      g_autofree char *message = g_strdup_printf (_("Line %u: %s"), line, problem->message);

      aushang_yaml_dialog_show_problem (dialog, message, line,
                                        aushang_front_matter_get_error_column (self->front_matter));
    }
  else if (key != NULL)
    aushang_yaml_dialog_place_cursor (dialog, aushang_front_matter_get_key_line (self->front_matter, key));

  g_set_weak_pointer (&self->yaml_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (aushang_yaml_dialog_get_view (dialog)));
}

/* "Edit as YAML" beside one field: that field's lines alone. */
typedef struct
{
  AushangForm *form;
  char        *key;
} FieldDialog;

static void
field_dialog_free (gpointer data)
{
  FieldDialog *field = data;

  g_free (field->key);
  g_free (field);
}

static gboolean
apply_field_yaml_cb (const char  *text,
                     guint       *line,
                     guint       *column,
                     GError     **error,
                     gpointer     user_data)
{
  FieldDialog *field = user_data;
  AushangForm *self = field->form;
  gboolean ok;

  if (self->front_matter == NULL)
    return TRUE;

  self->writing = TRUE;
  self->wrote_change = FALSE;
  ok = aushang_yaml_edit_replace_entry_text (aushang_front_matter_get_yaml (self->front_matter),
                                             field->key, text, error);
  self->writing = FALSE;

  if (ok && self->wrote_change)
    {
      self->wrote_change = FALSE;
      rebuild (self);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }

  return ok;
}

static void
open_field_yaml_dialog (AushangForm *self,
                        const char  *key)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  AushangYamlDialog *dialog;
  FieldDialog *field;

  if (self->front_matter == NULL || self->yaml_dialog != NULL ||
      aushang_front_matter_get_error (self->front_matter) != NULL ||
      (text = aushang_yaml_edit_dup_entry_text (aushang_front_matter_get_yaml (self->front_matter), key)) == NULL)
    {
      open_yaml_dialog (self, key);
      return;
    }

  title = aushang_label_for_key (key);
  dialog = AUSHANG_YAML_DIALOG (aushang_yaml_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         _("This field as it is written in the file. Changes are applied only when they are valid YAML; the other fields stay as they are."),
                                                         title, text, strlen (text),
                                                         aushang_front_matter_get_key_line (self->front_matter, key)));
  field = g_new0 (FieldDialog, 1);
  field->form = self;
  field->key = g_strdup (key);
  g_object_set_data_full (G_OBJECT (dialog), "aushang-field", field, field_dialog_free);
  aushang_yaml_dialog_set_apply_func (dialog, apply_field_yaml_cb, field);

  g_set_weak_pointer (&self->yaml_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (aushang_yaml_dialog_get_view (dialog)));
}

static void
problem_button_clicked_cb (AushangForm *self)
{
  open_yaml_dialog (self, NULL);
}

/* GObject ------------------------------------------------------------------ */

static void
disconnect_document (AushangForm *self)
{
  if (self->front_matter != NULL)
    g_clear_signal_handler (&self->front_matter_changed_id, self->front_matter);
  g_clear_object (&self->front_matter);
  if (self->document != NULL)
    g_clear_signal_handler (&self->modified_id, self->document);
}

/* Saved (or tried to): a required field left empty is a problem now. */
static void
document_modified_cb (AushangForm *self)
{
  GHashTableIter iter;
  gpointer row;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (self->document == NULL || aushang_document_get_modified (self->document))
    return;

  aushang_field_context_mark_saving_tried (self->context);
  /* A row is there under its key, schema key and alias. */
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (g_hash_table_add (seen, row))
      aushang_field_row_update_required (row);
}

static void
set_context (AushangForm         *self,
             AushangFieldContext *context)
{
  if (self->context != NULL)
    {
      /* Nothing is written while the old rows go. */
      aushang_field_context_set_filling (self->context, TRUE);
      aushang_field_context_cancel (self->context);
      aushang_field_context_set_store_func (self->context, NULL, NULL);
      aushang_field_context_set_run_func (self->context, NULL, NULL);
      g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
    }
  g_clear_object (&self->context);

  if (context == NULL)
    return;

  self->context = context;
  aushang_field_context_set_store_func (context, store_cb, self);
  aushang_field_context_set_run_func (context, run_cb, self);
  g_signal_connect_swapped (context, "changed", G_CALLBACK (context_changed_cb), self);
}

static void
aushang_form_dispose (GObject *object)
{
  AushangForm *self = AUSHANG_FORM (object);

  close_yaml_dialog (self);
  set_context (self, NULL);

  disconnect_document (self);
  g_clear_object (&self->document);
  g_clear_object (&self->site);
  self->collection = NULL;
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  if (self->fields != NULL)
    g_hash_table_remove_all (self->fields);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_FORM);

  G_OBJECT_CLASS (aushang_form_parent_class)->dispose (object);
}

static void
aushang_form_finalize (GObject *object)
{
  AushangForm *self = AUSHANG_FORM (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (aushang_form_parent_class)->finalize (object);
}

static void
aushang_form_class_init (AushangFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_form_dispose;
  object_class->finalize = aushang_form_finalize;

  /**
   * AushangForm::changed:
   *
   * Emitted after an edit in the form changed the document's front matter.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AushangForm::open-entry:
   * @data_file: the data file
   * @index: the entry
   *
   * Emitted when the person opens an entry that links to the document.
   */
  signals[SIGNAL_OPEN_ENTRY] =
    g_signal_new ("open-entry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangForm, problem_box);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, problem_button);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, diagnostics_box);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, fields_box);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, links_group);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, offer_group);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, yaml_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_button_clicked_cb);
}

static void
aushang_form_init (AushangForm *self)
{
  aushang_form_ensure_css ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->link_rows = g_ptr_array_new ();
  set_context (self, aushang_field_context_new (NULL, NULL, NULL));
}

GtkWidget *
aushang_form_new (void)
{
  return g_object_new (AUSHANG_TYPE_FORM, NULL);
}

void
aushang_form_set_document (AushangForm       *self,
                           AushangSite       *site,
                           AushangCollection *collection,
                           AushangDocument   *document)
{
  AushangValue *published;
  gboolean another = document != self->document;
  g_autoptr(AushangFieldContext) before = NULL;

  g_return_if_fail (AUSHANG_IS_FORM (self));
  g_return_if_fail (site == NULL || AUSHANG_IS_SITE (site));
  g_return_if_fail (document == NULL || AUSHANG_IS_DOCUMENT (document));

  close_yaml_dialog (self);

  /* The same document again: what the person already left stays left. */
  if (!another && self->context != NULL)
    before = g_object_ref (self->context);

  disconnect_document (self);
  g_set_object (&self->site, site);
  self->collection = collection;
  g_set_object (&self->document, document);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->had_published_true = FALSE;

  /* The rows of a collection's document suggest what its documents use. */
  set_context (self, aushang_field_context_new (site, collection, NULL));
  if (before != NULL)
    aushang_field_context_copy_attended (self->context, before);

  if (document != NULL)
    {
      AushangFrontMatter *front_matter = aushang_document_get_front_matter (document);

      aushang_field_context_set_file (self->context, aushang_document_get_file (document));
      self->modified_id = g_signal_connect_object (document, "notify::modified",
                                                   G_CALLBACK (document_modified_cb), self,
                                                   G_CONNECT_SWAPPED);

      if (front_matter != NULL)
        {
          self->front_matter = g_object_ref (front_matter);
          self->front_matter_changed_id =
            g_signal_connect_object (front_matter, "changed",
                                     G_CALLBACK (front_matter_changed_cb), self,
                                     G_CONNECT_SWAPPED);

          published = aushang_front_matter_get_error (front_matter) == NULL
                      ? aushang_front_matter_get (front_matter, "published")
                      : NULL;
          self->had_published_true = published != NULL &&
                                     aushang_value_get_kind (published) == AUSHANG_VALUE_BOOLEAN &&
                                     aushang_value_get_boolean (published);

          /* New keys go where the collection's documents have them. This
           * changes how later edits are written, not the text. */
          if (site != NULL && collection != NULL)
            {
              g_auto(GStrv) order = aushang_site_dup_key_order (site, collection);

              if (order != NULL)
                aushang_front_matter_set_key_order (front_matter, (const char * const *) order);
            }
        }
    }

  rebuild (self);

  /* Another document opens at the top of its form, its title in sight,
   * wherever the last one was scrolled to. */
  if (another)
    {
      /* The template's scrolled window, the AdwBin's child. */
      GtkWidget *scroller = adw_bin_get_child (ADW_BIN (self));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
}

AushangDocument *
aushang_form_get_document (AushangForm *self)
{
  g_return_val_if_fail (AUSHANG_IS_FORM (self), NULL);

  return self->document;
}

void
aushang_form_show_diagnostics (AushangForm *self,
                               GPtrArray   *diagnostics)
{
  g_return_if_fail (AUSHANG_IS_FORM (self));

  if (diagnostics != NULL)
    g_ptr_array_ref (diagnostics);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = diagnostics;

  apply_diagnostics (self);
}

GtkWidget *
aushang_form_get_field_widget (AushangForm *self,
                               const char  *key)
{
  AushangFieldRow *row;

  g_return_val_if_fail (AUSHANG_IS_FORM (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  row = lookup_field (self, key);

  return row ? aushang_field_row_get_widget (row) : NULL;
}

static void
link_activated_cb (AdwActionRow *row,
                   AushangForm  *self)
{
  GFile *data_file = g_object_get_data (G_OBJECT (row), "aushang-data-file");
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "aushang-index"));

  g_signal_emit (self, signals[SIGNAL_OPEN_ENTRY], 0, data_file, index);
}

void
aushang_form_set_entry_links (AushangForm *self,
                              GPtrArray   *links,
                              gboolean     can_add)
{
  g_return_if_fail (AUSHANG_IS_FORM (self));

  for (guint i = 0; i < self->link_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->link_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->link_rows, 0);

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      AushangEntryLink *link = g_ptr_array_index (links, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), link->subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      /* Translators: a tooltip of the row of an event that links to the
       * announcement. */
      gtk_widget_set_tooltip_text (row, _("Open the entry"));
      g_object_set_data_full (G_OBJECT (row), "aushang-data-file", g_object_ref (link->data_file), g_object_unref);
      g_object_set_data (G_OBJECT (row), "aushang-index", GINT_TO_POINTER (link->index));
      g_signal_connect (row, "activated", G_CALLBACK (link_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->links_group), row);
      g_ptr_array_add (self->link_rows, row);
    }

  if ((links == NULL || links->len == 0) && can_add)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not in the event calendar yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("An entry with this announcement’s title, teaser, date and address"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.add-to-calendar");
      aushang_set_accessible_label (button, _("Add to the Event Calendar"));
      gtk_widget_set_tooltip_text (button, _("Add to the Event Calendar (Ctrl+Shift+T)"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->offer_group), row);
      g_ptr_array_add (self->link_rows, row);
    }

  gtk_widget_set_visible (self->links_group, links != NULL && links->len > 0);
  gtk_widget_set_visible (self->offer_group, (links == NULL || links->len == 0) && can_add);
}
