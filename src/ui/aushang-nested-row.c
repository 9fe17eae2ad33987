/* aushang-nested-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-nested-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-entry-row.h"
#include "aushang-entry-util.h"
#include "aushang-form-util.h"
#include "aushang-nested-row.h"
#include "aushang-yaml.h"

#define FIELD_PATH "aushang-path"
#define FIELD_AS_TEXT "aushang-as-text"
#define FIELD_INDEX "aushang-index"
#define FIELD_NAME "aushang-field"

struct _AushangNestedRow
{
  AdwExpanderRow parent_instance;

  /* Template widgets */
  GtkWidget    *status;
  GtkWidget    *required_label;
  GtkWidget    *yaml_button;

  GPtrArray    *children;   /* the rows added to the expander, to take away */
  AushangValue *current;    /* the value as the YAML holds it now */
  gboolean      filling;
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangNestedRow, aushang_nested_row, ADW_TYPE_EXPANDER_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

enum
{
  SIGNAL_EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fill (AushangNestedRow *self);

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return GTK_WIDGET (row);
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_NESTED_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_NESTED_ROW (row)->required_label;
}

static void
field_row_init (AushangFieldRowInterface *iface)
{
  iface->get_widget = get_widget;
  iface->get_status = get_status;
  iface->get_required_label = get_required_label;
}

static gboolean
is_scalar (AushangValue *value)
{
  AushangValueKind kind = aushang_value_get_kind (value);

  return kind != AUSHANG_VALUE_LIST && kind != AUSHANG_VALUE_MAP;
}

gboolean
aushang_nested_row_can_show (AushangValue *value)
{
  if (value == NULL)
    return FALSE;

  if (aushang_value_get_kind (value) == AUSHANG_VALUE_MAP)
    return aushang_value_get_length (value) > 0;

  if (aushang_value_get_kind (value) != AUSHANG_VALUE_LIST || aushang_value_get_length (value) == 0)
    return FALSE;

  for (guint i = 0; i < aushang_value_get_length (value); i++)
    if (aushang_value_get_kind (aushang_value_get_item (value, i)) != AUSHANG_VALUE_MAP)
      return FALSE;

  return TRUE;
}

static gboolean
is_list (AushangNestedRow *self)
{
  return self->current != NULL && aushang_value_get_kind (self->current) == AUSHANG_VALUE_LIST;
}

guint
aushang_nested_row_get_n_items (AushangNestedRow *self)
{
  g_return_val_if_fail (AUSHANG_IS_NESTED_ROW (self), 0);

  return is_list (self) ? aushang_value_get_length (self->current) : 0;
}

/* Edits, through the context ---------------------------------------------- */

typedef enum
{
  OP_SET,
  OP_INSERT,
  OP_REMOVE,
  OP_MOVE,
} OpKind;

typedef struct
{
  OpKind        kind;
  const char   *key_path;
  const char   *path;
  AushangValue *value;
  guint         from;
  guint         to;
  AushangValue *result;   /* the whole value afterwards */
} Op;

static gboolean
run_op_cb (AushangYamlEdit  *edit,
           gpointer          data,
           GError          **error)
{
  Op *op = data;
  gboolean ok = FALSE;
  AushangValue *now;

  switch (op->kind)
    {
    case OP_SET:
      ok = aushang_yaml_edit_set (edit, op->path, op->value, error);
      break;
    case OP_INSERT:
      ok = aushang_yaml_edit_insert_at (edit, op->key_path, op->from, op->value, error);
      break;
    case OP_REMOVE:
      ok = aushang_yaml_edit_remove (edit, op->path, error);
      break;
    case OP_MOVE:
      ok = aushang_yaml_edit_move_at (edit, op->key_path, op->from, op->to, error);
      break;
    default:
      g_assert_not_reached ();
    }

  now = aushang_yaml_edit_get (edit, op->key_path);
  op->result = now ? aushang_value_ref (now) : NULL;

  return ok;
}

static gboolean
run_op (AushangNestedRow *self,
        Op               *op)
{
  AushangFieldRow *row = AUSHANG_FIELD_ROW (self);
  AushangFieldContext *context = aushang_field_row_get_context (row);
  g_autofree char *key_path = aushang_yaml_path_key (NULL, aushang_field_row_get_key (row));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  op->key_path = key_path;
  ok = aushang_field_context_run_edit (context, run_op_cb, op, &error);
  aushang_field_row_set_edit_error (row, error ? error->message : NULL);

  if (op->result != NULL)
    {
      g_clear_pointer (&self->current, aushang_value_unref);
      self->current = g_steal_pointer (&op->result);
    }

  return ok;
}

/* The fields ---------------------------------------------------------------- */

static char *
item_heading (AushangValue *item,
              guint         index)
{
  g_autofree char *name = aushang_entry_dup_title (item, index);

  /* Translators: the heading of one item of a list in the form, "2. Podcast". */
  return g_strdup_printf (_("%u. %s"), index + 1, name);
}

/* The heading of item @index says what its fields say now. */
static void
update_heading (AushangNestedRow *self,
                int               index)
{
  if (index < 0 || !is_list (self) || (guint) index >= aushang_value_get_length (self->current))
    return;

  for (guint i = 0; i < self->children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->children, i);

      if (gtk_widget_has_css_class (child, "aushang-nested-item") &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), FIELD_INDEX)) == index)
        {
          g_autofree char *heading = item_heading (aushang_value_get_item (self->current, index), index);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), heading);
          return;
        }
    }
}

static void
field_changed_cb (AushangEntryRow  *entry,
                  AushangNestedRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean as_text = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), FIELD_AS_TEXT));
  g_autoptr(AushangValue) value = NULL;
  Op op = { OP_SET, };

  if (self->filling || aushang_field_row_is_filling (AUSHANG_FIELD_ROW (self)))
    return;

  /* Text stays text; a number or a yes/no stays what YAML reads. */
  value = as_text ? aushang_value_new_string (text) : aushang_yaml_resolve_plain (text);
  if (value == NULL)
    value = aushang_value_new_string (text);

  op.path = g_object_get_data (G_OBJECT (entry), FIELD_PATH);
  op.value = value;
  if (run_op (self, &op))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      update_heading (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), FIELD_INDEX)));
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
add_child (AushangNestedRow *self,
           GtkWidget        *child)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), child);
  g_ptr_array_add (self->children, child);
}

/* One row per field of the map at @map_path: a text field for a single
 * value, a summary for values nested deeper. */
static void
add_fields (AushangNestedRow *self,
            AushangValue     *map,
            const char       *map_path,
            int               index)
{
  for (guint i = 0; i < aushang_value_get_length (map); i++)
    {
      const char *key = aushang_value_get_key (map, i);
      AushangValue *value = aushang_value_get_item (map, i);
      g_autofree char *label = aushang_label_for_key (key);
      g_autofree char *path = aushang_yaml_path_key (map_path, key);
      GtkWidget *row;

      if (is_scalar (value))
        {
          g_autofree char *text = aushang_field_row_dup_display_text (value);

          row = aushang_entry_row_new ();
          gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
          g_object_set_data_full (G_OBJECT (row), FIELD_PATH, g_steal_pointer (&path), g_free);
          g_object_set_data (G_OBJECT (row), FIELD_AS_TEXT,
                             GINT_TO_POINTER (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING ||
                                              aushang_value_get_kind (value) == AUSHANG_VALUE_NULL));
          g_signal_connect (row, "changed", G_CALLBACK (field_changed_cb), self);
        }
      else
        {
          g_autofree char *json = aushang_value_to_json (value);

          row = adw_action_row_new ();
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), json);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_object_set_data (G_OBJECT (row), FIELD_INDEX, GINT_TO_POINTER (index));
      g_object_set_data_full (G_OBJECT (row), FIELD_NAME, g_strdup (key), g_free);
      if (index >= 0)
        gtk_widget_add_css_class (row, "aushang-nested-item-field");
      add_child (self, row);
    }
}

/* Items ------------------------------------------------------------------- */

static void
item_button_cb (GtkButton        *button,
                AushangNestedRow *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "aushang-action");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), FIELD_INDEX));

  if (strcmp (action, "up") == 0 && index > 0)
    aushang_nested_row_move_item (self, index, index - 1);
  else if (strcmp (action, "down") == 0)
    aushang_nested_row_move_item (self, index, index + 1);
  else if (strcmp (action, "remove") == 0)
    aushang_nested_row_remove_item (self, index);
  else if (strcmp (action, "add") == 0)
    aushang_nested_row_add_item (self);
}

static GtkWidget *
item_button (AushangNestedRow *self,
             const char       *icon,
             const char       *tooltip,
             const char       *action,
             guint             index,
             gboolean          sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data (G_OBJECT (button), "aushang-action", (gpointer) action);
  g_object_set_data (G_OBJECT (button), FIELD_INDEX, GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (item_button_cb), self);

  return button;
}

static void
add_items (AushangNestedRow *self,
           const char       *key_path)
{
  guint n = aushang_value_get_length (self->current);
  GtkWidget *add_row;

  for (guint i = 0; i < n; i++)
    {
      AushangValue *item = aushang_value_get_item (self->current, i);
      g_autofree char *title = item_heading (item, i);
      g_autofree char *item_path = aushang_yaml_path_index (key_path, i);
      GtkWidget *header = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (header), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (header), FALSE);
      gtk_widget_add_css_class (header, "aushang-nested-item");
      g_object_set_data (G_OBJECT (header), FIELD_INDEX, GINT_TO_POINTER (i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (header),
                                 item_button (self, "go-up-symbolic", _("Move Up"), "up", i, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (header),
                                 item_button (self, "go-down-symbolic", _("Move Down"), "down", i, i + 1 < n));
      adw_action_row_add_suffix (ADW_ACTION_ROW (header),
                                 item_button (self, "user-trash-symbolic", _("Remove"), "remove", i, TRUE));
      add_child (self, header);

      add_fields (self, item, item_path, i);
    }

  add_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add an Item"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row),
                             item_button (self, "list-add-symbolic", _("Add an Item"), "add", n, TRUE));
  add_child (self, add_row);
}

static void
fill (AushangNestedRow *self)
{
  g_autofree char *key_path = aushang_yaml_path_key (NULL, aushang_field_row_get_key (AUSHANG_FIELD_ROW (self)));
  g_autofree char *subtitle = NULL;
  gboolean editable = aushang_field_context_can_run_edits (aushang_field_row_get_context (AUSHANG_FIELD_ROW (self)));

  self->filling = TRUE;

  for (guint i = 0; i < self->children->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->children, i));
  g_ptr_array_set_size (self->children, 0);

  if (is_list (self))
    {
      guint n = aushang_value_get_length (self->current);

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
      add_items (self, key_path);
    }
  else if (self->current != NULL && aushang_value_get_kind (self->current) == AUSHANG_VALUE_MAP)
    {
      g_autoptr(GString) keys = g_string_new (NULL);

      for (guint i = 0; i < aushang_value_get_length (self->current); i++)
        {
          g_autofree char *label = aushang_label_for_key (aushang_value_get_key (self->current, i));

          if (i > 0)
            g_string_append (keys, ", ");
          g_string_append (keys, label);
        }
      subtitle = g_string_free (g_steal_pointer (&keys), FALSE);
      add_fields (self, self->current, key_path, -1);
    }

  for (guint i = 0; i < self->children->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->children, i), editable);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle ? subtitle : "");
  self->filling = FALSE;
}

GtkWidget *
aushang_nested_row_get_field (AushangNestedRow *self,
                              int               index,
                              const char       *field)
{
  g_return_val_if_fail (AUSHANG_IS_NESTED_ROW (self), NULL);

  for (guint i = 0; i < self->children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->children, i);

      if (AUSHANG_IS_ENTRY_ROW (child) &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), FIELD_INDEX)) == index &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), FIELD_NAME), field) == 0)
        return child;
    }

  return NULL;
}

/* A new item has the single-value fields the items have, empty, in the
 * order they first appear. */
static AushangValue *
new_item (AushangNestedRow *self)
{
  AushangValue *item = aushang_value_new_map ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = aushang_nested_row_get_n_items (self);

  for (guint j = 0; j < n; j++)
    {
      AushangValue *model = aushang_value_get_item (self->current, j);

      for (guint i = 0; i < aushang_value_get_length (model); i++)
        {
          const char *key = aushang_value_get_key (model, i);

          if (is_scalar (aushang_value_get_item (model, i)) && g_hash_table_add (seen, (gpointer) key))
            aushang_value_map_insert (item, key, aushang_value_new_string (""));
        }
    }

  if (aushang_value_get_length (item) == 0)
    aushang_value_map_insert (item, "title", aushang_value_new_string (""));

  return item;
}

gboolean
aushang_nested_row_add_item (AushangNestedRow *self)
{
  g_autoptr(AushangValue) item = NULL;
  Op op = { OP_INSERT, };
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_NESTED_ROW (self), FALSE);

  if (!is_list (self))
    return FALSE;

  item = new_item (self);
  op.from = aushang_value_get_length (self->current);
  op.value = item;
  ok = run_op (self, &op);
  fill (self);

  if (ok)
    {
      GtkWidget *first = NULL;

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
      for (guint i = 0; i < self->children->len && first == NULL; i++)
        {
          GtkWidget *child = g_ptr_array_index (self->children, i);

          if (AUSHANG_IS_ENTRY_ROW (child) &&
              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), FIELD_INDEX)) == op.from)
            first = child;
        }
      if (first != NULL)
        gtk_widget_grab_focus (aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (first)));
    }

  return ok;
}

gboolean
aushang_nested_row_remove_item (AushangNestedRow *self,
                                guint             index)
{
  g_autofree char *key_path = NULL;
  g_autofree char *path = NULL;
  Op op = { OP_REMOVE, };
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_NESTED_ROW (self), FALSE);

  if (index >= aushang_nested_row_get_n_items (self))
    return FALSE;

  key_path = aushang_yaml_path_key (NULL, aushang_field_row_get_key (AUSHANG_FIELD_ROW (self)));
  path = aushang_yaml_path_index (key_path, index);
  op.path = path;
  ok = run_op (self, &op);
  fill (self);

  return ok;
}

gboolean
aushang_nested_row_move_item (AushangNestedRow *self,
                              guint             from,
                              guint             to)
{
  Op op = { OP_MOVE, };
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_NESTED_ROW (self), FALSE);

  if (from >= aushang_nested_row_get_n_items (self) || to >= aushang_nested_row_get_n_items (self))
    return FALSE;

  op.from = from;
  op.to = to;
  ok = run_op (self, &op);
  fill (self);

  return ok;
}

/* GObject ------------------------------------------------------------------ */

static void
yaml_clicked_cb (AushangNestedRow *self)
{
  g_signal_emit (self, signals[SIGNAL_EDIT], 0);
}

static void
aushang_nested_row_dispose (GObject *object)
{
  AushangNestedRow *self = AUSHANG_NESTED_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_NESTED_ROW);
  g_clear_pointer (&self->current, aushang_value_unref);

  G_OBJECT_CLASS (aushang_nested_row_parent_class)->dispose (object);
}

static void
aushang_nested_row_finalize (GObject *object)
{
  AushangNestedRow *self = AUSHANG_NESTED_ROW (object);

  g_clear_pointer (&self->children, g_ptr_array_unref);

  G_OBJECT_CLASS (aushang_nested_row_parent_class)->finalize (object);
}

static void
aushang_nested_row_class_init (AushangNestedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_nested_row_dispose;
  object_class->finalize = aushang_nested_row_finalize;

  /**
   * AushangNestedRow::edit:
   *
   * Emitted when the person asks to edit this field as YAML.
   */
  signals[SIGNAL_EDIT] =
    g_signal_new ("edit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-nested-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangNestedRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangNestedRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, AushangNestedRow, yaml_button);
  gtk_widget_class_bind_template_callback (widget_class, yaml_clicked_cb);
}

static void
aushang_nested_row_init (AushangNestedRow *self)
{
  self->children = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aushang_nested_row_new (AushangFieldContext *context,
                        const char          *key,
                        const char          *schema_key,
                        const char          *label,
                        gboolean             required,
                        AushangValue        *value)
{
  AushangNestedRow *self = g_object_new (AUSHANG_TYPE_NESTED_ROW, NULL);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           AUSHANG_FIELD_YAML, required, value);
  self->current = value ? aushang_value_ref (value) : NULL;
  fill (self);

  return GTK_WIDGET (self);
}
