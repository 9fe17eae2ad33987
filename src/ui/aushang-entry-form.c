/* aushang-entry-form.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-entry-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-check.h"
#include "aushang-date-row.h"
#include "aushang-entry-form.h"
#include "aushang-field-context.h"
#include "aushang-field-row.h"
#include "aushang-form-util.h"
#include "aushang-image-row.h"
#include "aushang-list-row.h"
#include "aushang-long-text-row.h"
#include "aushang-site-words.h"
#include "aushang-switch-row.h"
#include "aushang-text-row.h"
#include "aushang-yaml-dialog.h"
#include "aushang-yaml-row.h"

struct _AushangEntryForm
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkWidget           *hidden_box;
  GtkWidget           *diagnostics_box;
  GtkWidget           *fields_box;
  GtkWidget           *yaml_button;

  AushangSite         *site;
  AushangDataFile     *data_file;
  gulong               changed_id;
  gulong               modified_id;
  guint                index;
  gboolean             hidden;

  AushangFieldContext *context;
  GHashTable          *fields;       /* key → AushangFieldRow* */
  GPtrArray           *diagnostics;  /* AushangDiagnostic*, the last ones shown */
  GtkWidget           *yaml_dialog;

  gboolean             writing;      /* the form is editing the data file */
  gboolean             wrote_change;
};

G_DEFINE_FINAL_TYPE (AushangEntryForm, aushang_entry_form, ADW_TYPE_BIN)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_OPEN_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (AushangEntryForm *self);

/* Labels for the keys data lists use, in plain words. */
static const struct
{
  const char *key;
  const char *label;
} entry_labels[] = {
  { "title", N_("Title") },
  { "name", N_("Name") },
  { "description", N_("Description") },
  { "date", N_("Date") },
  { "time", N_("Time") },
  { "duration", N_("Duration") },
  { "location", N_("Place") },
  { "category", N_("Category") },
  { "target_audience", N_("Audience") },
  { "cost", N_("Cost") },
  { "booking_url", N_("Link or registration") },
  { "link_text", N_("Link text") },
  { "featured", N_("Featured") },
  { "topic", N_("Topic") },
  { "role", N_("Role") },
  { "image", N_("Picture") },
  { "expertise", N_("Expertise") },
  { "email", N_("Email") },
  { "order", N_("Order") },
};

static const char * const long_text_keys[] = {
  "description", "teaser", "bio", "text", "summary", "beschreibung", NULL
};

/* The site's own words for the key (a comment beside it in the data file,
 * its guide) win; then the words for entries; then those of documents.
 * @description receives the site's longer words about it, or NULL. */
static char *
label_for_key (AushangEntryForm  *self,
               const char        *key,
               char             **description)
{
  *description = NULL;
  if (self->site != NULL && self->data_file != NULL)
    {
      g_autofree char *path = g_file_get_relative_path (aushang_site_get_folder (self->site),
                                                        aushang_data_file_get_file (self->data_file));
      const AushangKeyWords *words = path ? aushang_site_get_key_words (self->site, path, key) : NULL;

      if (words != NULL)
        {
          *description = g_strdup (words->description);
          if (words->label != NULL)
            return g_strdup (words->label);
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (entry_labels); i++)
    {
      if (strcmp (key, entry_labels[i].key) == 0)
        return g_strdup (_(entry_labels[i].label));
    }

  return aushang_label_for_key (key);
}

/* Writing through the data file ---------------------------------------------- */

/* @value as the list writes @key: a date in its form ("2025-06-17" as
 * quoted text where the list quotes its dates). */
static AushangValue *
value_for_list (AushangEntryForm *self,
                const char       *key,
                AushangValue     *value)
{
  AushangField *field = aushang_schema_get_field (aushang_data_file_get_schema (self->data_file), key);

  if (field != NULL && field->as_text && field->form != NULL &&
      (aushang_value_get_kind (value) == AUSHANG_VALUE_DATE ||
       aushang_value_get_kind (value) == AUSHANG_VALUE_DATETIME))
    {
      g_autoptr(GDateTime) date = aushang_value_dup_date_time (value);
      g_autofree char *text = aushang_schema_format_date (date, field->form);

      return aushang_value_new_string (text);
    }

  return aushang_value_ref (value);
}

static void
data_file_changed_cb (AushangEntryForm *self,
                      AushangDataFile  *data_file)
{
  if (self->writing)
    {
      self->wrote_change = TRUE;
      return;
    }

  /* Someone else changed the file (its YAML text, an action): show what
   * the entry holds now, while there is one. */
  if (self->index < aushang_data_file_get_n_entries (data_file))
    rebuild (self);
}

static gboolean
store_cb (const char    *key,
          AushangValue  *value,
          gboolean      *changed,
          GError       **error,
          gpointer       user_data)
{
  AushangEntryForm *self = user_data;
  gboolean ok;

  if (self->data_file == NULL)
    return FALSE;

  self->writing = TRUE;
  self->wrote_change = FALSE;
  if (value == NULL)
    ok = aushang_data_file_unset (self->data_file, self->index, key, error);
  else
    {
      g_autoptr(AushangValue) written = value_for_list (self, key, value);

      ok = aushang_data_file_set_value (self->data_file, self->index, key, written, error);
    }
  self->writing = FALSE;

  *changed = self->wrote_change;
  self->wrote_change = FALSE;

  return ok;
}

static void
context_changed_cb (AushangEntryForm    *self,
                    AushangFieldContext *context)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Building the form ------------------------------------------------------------ */

static void
open_link_clicked_cb (GtkButton       *button,
                      AushangFieldRow *row)
{
  AushangEntryForm *self = AUSHANG_ENTRY_FORM (gtk_widget_get_ancestor (GTK_WIDGET (row), AUSHANG_TYPE_ENTRY_FORM));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self != NULL && text != NULL && *text != '\0')
    g_signal_emit (self, signals[SIGNAL_OPEN_LINK], 0, text);
}

static void open_yaml_dialog (AushangEntryForm *self,
                              const char       *key);

static void
edit_yaml_cb (AushangEntryForm *self,
              AushangFieldRow  *row)
{
  open_yaml_dialog (self, aushang_field_row_get_key (row));
}

static gboolean
is_simple (AushangEntryForm *self,
           const char       *key,
           AushangValue     *value)
{
  AushangYamlEdit *edit = aushang_data_file_get_yaml (self->data_file);
  g_autofree char *path = NULL;
  gboolean hidden = FALSE;
  guint first_line = 0;
  guint items = aushang_yaml_edit_get_n_items (edit);

  if (value == NULL)
    return TRUE;

  /* The entry's item in the file: entries are the items, hidden ones too. */
  aushang_data_file_get_entry (self->data_file, self->index, &hidden, &first_line, NULL);
  for (guint i = 0; !hidden && i < items; i++)
    {
      guint line = 0;

      aushang_yaml_edit_get_item (edit, i, NULL, &line, NULL);
      if (line == first_line)
        {
          g_autofree char *item_path = aushang_yaml_edit_dup_item_path (edit, i);

          if (item_path != NULL)
            path = aushang_yaml_path_key (item_path, key);
          break;
        }
    }

  if (path != NULL)
    return aushang_yaml_edit_is_simple (edit, path);

  /* A hidden entry: what its value is. */
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_MAP)
    return FALSE;
  if (aushang_value_get_kind (value) == AUSHANG_VALUE_LIST)
    {
      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          AushangValueKind kind = aushang_value_get_kind (aushang_value_get_item (value, i));

          if (kind == AUSHANG_VALUE_MAP || kind == AUSHANG_VALUE_LIST)
            return FALSE;
        }
    }

  return TRUE;
}

static AushangFieldRow *
build_field (AushangEntryForm *self,
             AushangField     *field,
             AushangValue     *entry)
{
  AushangFieldContext *context = self->context;
  const char *key = field->key;
  g_autofree char *description = NULL;
  g_autofree char *label = label_for_key (self, key, &description);
  AushangValue *value = aushang_value_lookup (entry, key);
  AushangFieldKind kind = aushang_effective_kind (field->kind, is_simple (self, key, value), value);
  gboolean required = field->required;
  GtkWidget *row;

  /* A description is prose: room for more than a line. */
  if (kind == AUSHANG_FIELD_TEXT && g_strv_contains (long_text_keys, key))
    kind = AUSHANG_FIELD_LONG_TEXT;

  switch (kind)
    {
    case AUSHANG_FIELD_LONG_TEXT:
      row = aushang_long_text_row_new (context, key, key, label, required, value);
      break;

    case AUSHANG_FIELD_DATE:
    case AUSHANG_FIELD_DATETIME:
      row = aushang_date_row_new (context, key, key, label, kind, required, value);
      break;

    case AUSHANG_FIELD_LIST:
      row = aushang_list_row_new (context, key, key, label, required, value);
      break;

    case AUSHANG_FIELD_BOOLEAN:
      row = aushang_switch_row_new (context, key, key, label, required, value);
      break;

    case AUSHANG_FIELD_IMAGE:
      row = aushang_image_row_new (context, key, key, label, required, value);
      break;

    case AUSHANG_FIELD_YAML:
      row = aushang_yaml_row_new (context, key, key, label, required, value);
      g_signal_connect_object (row, "edit", G_CALLBACK (edit_yaml_cb), self, G_CONNECT_SWAPPED);
      break;

    case AUSHANG_FIELD_URL:
      {
        /* Translators: the button beside a link of an entry. */
        GtkWidget *open = aushang_icon_button_new ("go-jump-symbolic", _("Open the Linked Page"));

        row = aushang_text_row_new (context, key, key, label, AUSHANG_FIELD_URL, required, value, FALSE);
        g_signal_connect (open, "clicked", G_CALLBACK (open_link_clicked_cb), row);
        aushang_entry_row_add_suffix (AUSHANG_ENTRY_ROW (row), open);
      }
      break;

    case AUSHANG_FIELD_NUMBER:
    case AUSHANG_FIELD_TIME:
    case AUSHANG_FIELD_DURATION:
    case AUSHANG_FIELD_TEXT:
    default:
      row = aushang_text_row_new (context, key, key, label, kind, required, value,
                                  kind == AUSHANG_FIELD_TEXT && field->suggestions->len > 0);
      break;
    }

  aushang_row_set_site_description (row, description);

  return AUSHANG_FIELD_ROW (row);
}

static void
apply_diagnostics (AushangEntryForm *self)
{
  GHashTableIter iter;
  gpointer row;
  GtkWidget *child;
  guint n_general = 0;
  guint first_line = 0, last_line = 0;

  while ((child = gtk_widget_get_first_child (self->diagnostics_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->diagnostics_box), child);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    aushang_field_row_clear_diagnostics (row);

  if (self->data_file != NULL)
    aushang_data_file_get_entry (self->data_file, self->index, NULL, &first_line, &last_line);

  for (guint i = 0; self->diagnostics != NULL && i < self->diagnostics->len; i++)
    {
      AushangDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      AushangFieldRow *field;

      /* Only this entry's, and what concerns the whole file. */
      if (diagnostic->line != 0 && (diagnostic->line < first_line || diagnostic->line > last_line))
        continue;

      field = diagnostic->key ? g_hash_table_lookup (self->fields, diagnostic->key) : NULL;
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
rebuild (AushangEntryForm *self)
{
  AushangValue *entry = NULL;
  GtkWidget *group;
  GtkWidget *child;
  GPtrArray *schema_fields;

  aushang_field_context_cancel (self->context);
  aushang_field_context_set_filling (self->context, TRUE);

  g_hash_table_remove_all (self->fields);
  while ((child = gtk_widget_get_first_child (self->fields_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->fields_box), child);

  if (self->data_file != NULL)
    entry = aushang_data_file_get_entry (self->data_file, self->index, &self->hidden, NULL, NULL);

  gtk_widget_set_visible (self->hidden_box, entry != NULL && self->hidden);
  gtk_widget_set_visible (self->yaml_button, self->data_file != NULL);

  if (entry == NULL)
    {
      aushang_field_context_set_filling (self->context, FALSE);
      apply_diagnostics (self);
      return;
    }

  /* The rows are a group of their own: the fields in the order the
   * entries write them. */
  group = adw_preferences_group_new ();
  schema_fields = aushang_schema_get_fields (aushang_data_file_get_schema (self->data_file));
  for (guint i = 0; i < schema_fields->len; i++)
    {
      AushangFieldRow *row = build_field (self, g_ptr_array_index (schema_fields, i), entry);

      g_hash_table_replace (self->fields, g_strdup (aushang_field_row_get_key (row)), row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
    }
  gtk_box_append (GTK_BOX (self->fields_box), group);

  /* A hidden entry is shown, not edited. */
  gtk_widget_set_sensitive (self->fields_box, !self->hidden);

  aushang_field_context_set_filling (self->context, FALSE);

  apply_diagnostics (self);
}

/* Edit as YAML ------------------------------------------------------------------ */

static gboolean
apply_yaml_cb (const char  *text,
               guint       *line,
               guint       *column,
               GError     **error,
               gpointer     user_data)
{
  AushangEntryForm *self = user_data;
  g_autoptr(AushangYamlEdit) probe = NULL;
  gboolean ok;

  if (self->data_file == NULL)
    return TRUE;

  self->writing = TRUE;
  self->wrote_change = FALSE;
  ok = aushang_data_file_replace_text (self->data_file, text, error);
  self->writing = FALSE;

  if (!ok)
    {
      /* The same text read again says where, as numbers. */
      probe = aushang_yaml_edit_new (text, strlen (text), 1, "\n");
      if (aushang_yaml_edit_get_error (probe) != NULL)
        {
          *line = aushang_yaml_edit_get_error_line (probe);
          *column = aushang_yaml_edit_get_error_column (probe);
        }
      return FALSE;
    }

  if (self->wrote_change)
    {
      self->wrote_change = FALSE;
      if (self->index >= aushang_data_file_get_n_entries (self->data_file) &&
          aushang_data_file_get_n_entries (self->data_file) > 0)
        self->index = aushang_data_file_get_n_entries (self->data_file) - 1;
      rebuild (self);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }

  return TRUE;
}

static void
close_yaml_dialog (AushangEntryForm *self)
{
  GtkWidget *dialog = self->yaml_dialog;

  if (dialog == NULL)
    return;

  g_clear_weak_pointer (&self->yaml_dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
open_yaml_dialog (AushangEntryForm *self,
                  const char       *key)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AushangYamlDialog *dialog;
  const char *text;
  guint line = 0;

  if (self->data_file == NULL)
    return;

  if (self->yaml_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->yaml_dialog));
      return;
    }

  text = aushang_data_file_get_text (self->data_file);
  dialog = AUSHANG_YAML_DIALOG (aushang_yaml_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         _("The whole list as it is written in the file. Changes are applied only when they are valid YAML."),
                                                         _("Data file"),
                                                         text, strlen (text), 1));
  aushang_yaml_dialog_set_apply_func (dialog, apply_yaml_cb, self);

  /* The cursor goes to the key the button belongs to, or to the entry. */
  if (key != NULL)
    line = aushang_data_file_get_key_line (self->data_file, self->index, key);
  if (line == 0)
    aushang_data_file_get_entry (self->data_file, self->index, NULL, &line, NULL);
  aushang_yaml_dialog_place_cursor (dialog, line);

  g_set_weak_pointer (&self->yaml_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (aushang_yaml_dialog_get_view (dialog)));
}

static void
yaml_clicked_cb (AushangEntryForm *self)
{
  open_yaml_dialog (self, NULL);
}

/* GObject ------------------------------------------------------------------------ */

static void
set_context (AushangEntryForm    *self,
             AushangFieldContext *context)
{
  if (self->context != NULL)
    {
      aushang_field_context_set_filling (self->context, TRUE);
      aushang_field_context_cancel (self->context);
      aushang_field_context_set_store_func (self->context, NULL, NULL);
      g_signal_handlers_disconnect_by_func (self->context, context_changed_cb, self);
    }
  g_clear_object (&self->context);

  if (context == NULL)
    return;

  self->context = context;
  aushang_field_context_set_store_func (context, store_cb, self);
  g_signal_connect_swapped (context, "changed", G_CALLBACK (context_changed_cb), self);
}

static void
disconnect_data_file (AushangEntryForm *self)
{
  if (self->data_file != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->data_file);
      g_clear_signal_handler (&self->modified_id, self->data_file);
    }
  g_clear_object (&self->data_file);
}

/* Saved (or tried to): a required field left empty is a problem now. */
static void
data_file_modified_cb (AushangEntryForm *self)
{
  GHashTableIter iter;
  gpointer row;

  if (self->data_file == NULL || aushang_data_file_get_modified (self->data_file))
    return;

  aushang_field_context_mark_saving_tried (self->context);
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    aushang_field_row_update_required (row);
}

static void
aushang_entry_form_dispose (GObject *object)
{
  AushangEntryForm *self = AUSHANG_ENTRY_FORM (object);

  close_yaml_dialog (self);
  set_context (self, NULL);
  disconnect_data_file (self);
  g_clear_object (&self->site);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  if (self->fields != NULL)
    g_hash_table_remove_all (self->fields);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_ENTRY_FORM);

  G_OBJECT_CLASS (aushang_entry_form_parent_class)->dispose (object);
}

static void
aushang_entry_form_finalize (GObject *object)
{
  AushangEntryForm *self = AUSHANG_ENTRY_FORM (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (aushang_entry_form_parent_class)->finalize (object);
}

static void
aushang_entry_form_class_init (AushangEntryFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_entry_form_dispose;
  object_class->finalize = aushang_entry_form_finalize;

  /**
   * AushangEntryForm::changed:
   *
   * Emitted after an edit in the form changed the data file.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AushangEntryForm::open-link:
   * @link: the link's text: a site path or an address
   *
   * Emitted when the person follows a link of the entry.
   */
  signals[SIGNAL_OPEN_LINK] =
    g_signal_new ("open-link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-entry-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangEntryForm, hidden_box);
  gtk_widget_class_bind_template_child (widget_class, AushangEntryForm, diagnostics_box);
  gtk_widget_class_bind_template_child (widget_class, AushangEntryForm, fields_box);
  gtk_widget_class_bind_template_child (widget_class, AushangEntryForm, yaml_button);
  gtk_widget_class_bind_template_callback (widget_class, yaml_clicked_cb);
}

static void
aushang_entry_form_init (AushangEntryForm *self)
{
  aushang_form_ensure_css ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set_context (self, aushang_field_context_new (NULL, NULL, NULL));
}

GtkWidget *
aushang_entry_form_new (void)
{
  return g_object_new (AUSHANG_TYPE_ENTRY_FORM, NULL);
}

void
aushang_entry_form_set_entry (AushangEntryForm *self,
                              AushangSite      *site,
                              AushangDataFile  *data_file,
                              guint             index)
{
  g_autoptr(AushangFieldContext) before = NULL;

  g_return_if_fail (AUSHANG_IS_ENTRY_FORM (self));
  g_return_if_fail (site == NULL || AUSHANG_IS_SITE (site));
  g_return_if_fail (data_file == NULL || AUSHANG_IS_DATA_FILE (data_file));

  /* The same entry again: what the person already left stays left. */
  if (self->data_file == data_file && self->index == index && self->context != NULL)
    before = g_object_ref (self->context);

  if (self->data_file != data_file)
    {
      close_yaml_dialog (self);
      disconnect_data_file (self);
      if (data_file != NULL)
        {
          self->data_file = g_object_ref (data_file);
          self->changed_id = g_signal_connect_object (data_file, "changed",
                                                      G_CALLBACK (data_file_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
          self->modified_id = g_signal_connect_object (data_file, "notify::modified",
                                                       G_CALLBACK (data_file_modified_cb), self,
                                                       G_CONNECT_SWAPPED);
        }
      g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
    }

  g_set_object (&self->site, site);
  self->index = index;

  /* Suggestions come from the list's own entries. */
  set_context (self, aushang_field_context_new (site, NULL,
                                                data_file ? aushang_data_file_get_schema (data_file) : NULL));
  aushang_field_context_set_quiet_required (self->context, TRUE);
  if (before != NULL)
    aushang_field_context_copy_attended (self->context, before);

  rebuild (self);
}

AushangDataFile *
aushang_entry_form_get_data_file (AushangEntryForm *self)
{
  g_return_val_if_fail (AUSHANG_IS_ENTRY_FORM (self), NULL);

  return self->data_file;
}

guint
aushang_entry_form_get_index (AushangEntryForm *self)
{
  g_return_val_if_fail (AUSHANG_IS_ENTRY_FORM (self), 0);

  return self->index;
}

void
aushang_entry_form_show_diagnostics (AushangEntryForm *self,
                                     GPtrArray        *diagnostics)
{
  g_return_if_fail (AUSHANG_IS_ENTRY_FORM (self));

  if (diagnostics != NULL)
    g_ptr_array_ref (diagnostics);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = diagnostics;

  apply_diagnostics (self);
}

GtkWidget *
aushang_entry_form_get_field_widget (AushangEntryForm *self,
                                     const char       *key)
{
  AushangFieldRow *row;

  g_return_val_if_fail (AUSHANG_IS_ENTRY_FORM (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  row = g_hash_table_lookup (self->fields, key);

  return row ? aushang_field_row_get_widget (row) : NULL;
}
