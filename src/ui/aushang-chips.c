/* aushang-chips.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-chips"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-chips.h"
#include "aushang-form-util.h"
#include "aushang-picker.h"

struct _AushangChips
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *flow;
  GtkWidget    *entry_box;
  GtkWidget    *entry;
  GtkWidget    *suggest_button;
  GtkWidget    *picker;

  GtkListStore *completion_store;
  GPtrArray    *items;        /* char* */
  GPtrArray    *suggestions;  /* char* */
  GHashTable   *known;        /* char* set, or NULL: every name is fine */
  char         *unknown_hint;
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AushangChips, aushang_chips, GTK_TYPE_WIDGET)

static gboolean
has_item (AushangChips *self,
          const char   *name)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      if (strcmp (g_ptr_array_index (self->items, i), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void remove_clicked_cb (GtkButton    *button,
                               AushangChips *self);

static GtkWidget *
create_chip (AushangChips *self,
             const char   *name)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *button;
  g_autofree char *remove_label = NULL;
  gboolean unknown = self->known != NULL && !g_hash_table_contains (self->known, name);

  gtk_widget_add_css_class (chip, "aushang-chip");

  if (unknown)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, self->unknown_hint);
      aushang_set_accessible_label (icon, self->unknown_hint);
      gtk_box_append (GTK_BOX (chip), icon);
      gtk_widget_set_tooltip_text (label, self->unknown_hint);
    }

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (chip), label);

  /* Translators: the "×" button on a name in a list; %s is the name. */
  remove_label = g_strdup_printf (_("Remove “%s”"), name);
  button = aushang_icon_button_new ("window-close-symbolic", remove_label);
  gtk_widget_add_css_class (button, "circular");
  if (unknown)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->unknown_hint,
                                    -1);
  g_object_set_data_full (G_OBJECT (button), "aushang-chip-name", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (chip), button);

  return chip;
}

static void
rebuild (AushangChips *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);

  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *chip = create_chip (self, g_ptr_array_index (self->items, i));

      gtk_flow_box_append (GTK_FLOW_BOX (self->flow), chip);
      /* Tab goes straight to each chip's "×", not to the chip first. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }

  gtk_widget_set_visible (self->flow, self->items->len > 0);

  gtk_list_store_clear (self->completion_store);
  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const char *name = g_ptr_array_index (self->suggestions, i);

      if (!has_item (self, name))
        gtk_list_store_insert_with_values (self->completion_store, NULL, -1, 0, name, -1);
    }
}

static void
focus_chip (AushangChips *self,
            int           index)
{
  GtkFlowBoxChild *child = NULL;

  if (index >= 0)
    child = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (self->flow), index);

  if (child != NULL)
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (child);

      gtk_widget_grab_focus (gtk_widget_get_last_child (chip));
    }
  else
    gtk_widget_grab_focus (self->entry);
}

static void
remove_clicked_cb (GtkButton    *button,
                   AushangChips *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "aushang-chip-name");

  for (guint i = 0; i < self->items->len; i++)
    {
      if (strcmp (g_ptr_array_index (self->items, i), name) == 0)
        {
          g_ptr_array_remove_index (self->items, i);
          rebuild (self);
          /* Keep the keyboard where it was: on the next chip, or the entry. */
          focus_chip (self, MIN ((int) i, (int) self->items->len - 1));
          g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
          return;
        }
    }
}

static void
add_item (AushangChips *self,
          const char   *text)
{
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (*name == '\0' || has_item (self, name))
    return;

  g_ptr_array_add (self->items, g_steal_pointer (&name));
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
entry_activate_cb (AushangChips *self,
                   GtkEntry     *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  add_item (self, text);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
completion_match_cb (GtkEntryCompletion *completion,
                     const char         *key,
                     GtkTreeIter        *iter,
                     gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *name = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  if (name == NULL)
    return FALSE;

  /* Anywhere in the name: "dem" finds "Aylin Demir". GTK hands @key
   * normalized and case-folded. */
  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (normalized, -1);

  return strstr (folded, key) != NULL;
}

static gboolean
match_selected_cb (GtkEntryCompletion *completion,
                   GtkTreeModel       *model,
                   GtkTreeIter        *iter,
                   AushangChips       *self)
{
  g_autofree char *name = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  if (name != NULL)
    add_item (self, name);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  return TRUE;
}

static GPtrArray *
unchosen_suggestions (gpointer user_data)
{
  AushangChips *self = user_data;
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const char *name = g_ptr_array_index (self->suggestions, i);

      if (!has_item (self, name))
        g_ptr_array_add (values, g_strdup (name));
    }

  return values;
}

static void
picked_cb (AushangChips  *self,
           const char    *value,
           AushangPicker *picker)
{
  add_item (self, value);
  gtk_widget_grab_focus (self->entry);
}

static gboolean
aushang_chips_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (AUSHANG_CHIPS (widget)->entry);
}

/* Tab visits each chip's "×", then the entry, then the suggestions
 * button: the same order as on screen, whatever the flow box would do. */
static gboolean
aushang_chips_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  AushangChips *self = AUSHANG_CHIPS (widget);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_RIGHT ||
                     direction == GTK_DIR_DOWN;
  int current = -1;
  int next;

  for (GtkWidget *child = gtk_widget_get_first_child (self->flow);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_ptr_array_add (stops, gtk_widget_get_last_child (chip));
    }
  g_ptr_array_add (stops, self->entry);
  if (gtk_widget_get_visible (self->suggest_button))
    g_ptr_array_add (stops, self->suggest_button);

  for (guint i = 0; focus != NULL && i < stops->len; i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);

      if (focus == stop || gtk_widget_is_ancestor (focus, stop))
        current = (int) i;
    }

  next = current < 0 ? (forward ? 0 : (int) stops->len - 1)
                     : current + (forward ? 1 : -1);

  for (; next >= 0 && next < (int) stops->len; next += forward ? 1 : -1)
    {
      if (gtk_widget_child_focus (g_ptr_array_index (stops, next), direction))
        return TRUE;
    }

  return FALSE;
}

static void
aushang_chips_dispose (GObject *object)
{
  AushangChips *self = AUSHANG_CHIPS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_CHIPS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->completion_store);

  G_OBJECT_CLASS (aushang_chips_parent_class)->dispose (object);
}

static void
aushang_chips_finalize (GObject *object)
{
  AushangChips *self = AUSHANG_CHIPS (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->unknown_hint, g_free);

  G_OBJECT_CLASS (aushang_chips_parent_class)->finalize (object);
}

static void
aushang_chips_class_init (AushangChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_chips_dispose;
  object_class->finalize = aushang_chips_finalize;
  widget_class->grab_focus = aushang_chips_grab_focus;
  widget_class->focus = aushang_chips_focus;

  /**
   * AushangChips::changed:
   *
   * Emitted when the person added or removed a name.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (AUSHANG_TYPE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-chips.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangChips, flow);
  gtk_widget_class_bind_template_child (widget_class, AushangChips, entry_box);
  gtk_widget_class_bind_template_child (widget_class, AushangChips, entry);
  gtk_widget_class_bind_template_child (widget_class, AushangChips, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, AushangChips, picker);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, picked_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
aushang_chips_init (AushangChips *self)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_ptr_array_new_with_free_func (g_free);
  self->suggestions = g_ptr_array_new_with_free_func (g_free);
  self->completion_store = gtk_list_store_new (1, G_TYPE_STRING);

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completion_store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_match_func (completion, completion_match_cb, NULL, NULL);
  g_signal_connect (completion, "match-selected", G_CALLBACK (match_selected_cb), self);
  gtk_entry_set_completion (GTK_ENTRY (self->entry), completion);

  aushang_menu_button_set_label (self->suggest_button, _("Choose from site"));
  aushang_picker_set_values_func (AUSHANG_PICKER (self->picker), unchosen_suggestions, self);
}

GtkWidget *
aushang_chips_new (const char *label)
{
  AushangChips *self = g_object_new (AUSHANG_TYPE_CHIPS, NULL);

  aushang_chips_set_label (self, label);

  return GTK_WIDGET (self);
}

void
aushang_chips_set_label (AushangChips *self,
                         const char   *label)
{
  g_return_if_fail (AUSHANG_IS_CHIPS (self));

  aushang_set_accessible_label (GTK_WIDGET (self), label);
  aushang_set_accessible_label (self->entry, label);
}

void
aushang_chips_set_items (AushangChips       *self,
                         const char * const *items)
{
  g_return_if_fail (AUSHANG_IS_CHIPS (self));

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (!has_item (self, items[i]))
        g_ptr_array_add (self->items, g_strdup (items[i]));
    }

  rebuild (self);
}

char **
aushang_chips_dup_items (AushangChips *self)
{
  char **items;

  g_return_val_if_fail (AUSHANG_IS_CHIPS (self), NULL);

  items = g_new0 (char *, self->items->len + 1);
  for (guint i = 0; i < self->items->len; i++)
    items[i] = g_strdup (g_ptr_array_index (self->items, i));

  return items;
}

void
aushang_chips_set_suggestions (AushangChips *self,
                               GPtrArray    *suggestions,
                               GHashTable   *known,
                               const char   *unknown_hint)
{
  g_return_if_fail (AUSHANG_IS_CHIPS (self));

  g_ptr_array_set_size (self->suggestions, 0);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    g_ptr_array_add (self->suggestions, g_strdup (g_ptr_array_index (suggestions, i)));

  g_clear_pointer (&self->known, g_hash_table_unref);
  if (known != NULL)
    self->known = g_hash_table_ref (known);
  g_free (self->unknown_hint);
  self->unknown_hint = g_strdup (unknown_hint);

  gtk_widget_set_visible (self->suggest_button, self->suggestions->len > 0);
  rebuild (self);
}
