/* aushang-block-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-block-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-block-dialog.h"
#include "aushang-entry-row.h"
#include "aushang-form-util.h"
#include "aushang-picker.h"

#define ROW_PARAM_KEY "aushang-block-param"

struct _AushangBlockDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *list;

  AushangSite      *site;
  char             *name;
  GPtrArray        *rows;  /* AushangEntryRow*, in the block's order */
};

G_DEFINE_FINAL_TYPE (AushangBlockDialog, aushang_block_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* What a picker offers: a copy, as the site's blocks go when it reloads. */
typedef struct
{
  AushangSite      *site;
  AushangBlockPath  path;
} PathChoice;

static void
path_choice_free (gpointer data)
{
  PathChoice *choice = data;

  g_clear_object (&choice->site);
  g_free (choice->path.base);
  g_free (choice->path.example);
  g_free (choice);
}

static GPtrArray *
path_choices_cb (gpointer user_data)
{
  PathChoice *choice = user_data;

  return aushang_site_dup_path_choices (choice->site, &choice->path);
}

static void
picked_cb (GtkWidget  *row,
           const char *value)
{
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  gtk_widget_grab_focus (row);
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
}

char *
aushang_block_dialog_dup_label (AushangBlock *block,
                                const char   *param)
{
  /* The site's own words for it win, then the table of common names,
   * then the name made readable ("disable-vouchers": "Disable vouchers"). */
  char *label = aushang_label_for_param (block->description, param);
  g_autofree char *underscored = NULL;

  if (label != NULL)
    return label;

  underscored = g_strdelimit (g_strdup (param), "-", '_');

  return aushang_label_for_key (underscored);
}

static GtkWidget *
create_row (AushangBlockDialog *self,
            AushangBlock       *block,
            const char         *param)
{
  gboolean required = g_ptr_array_find_with_equal_func (block->required, param, g_str_equal, NULL);
  const AushangBlockPath *path = aushang_block_get_path (block, param);
  GtkWidget *row = aushang_entry_row_new ();
  g_autofree char *label = aushang_block_dialog_dup_label (block, param);
  g_autofree char *title = NULL;

  /* Translators: the title of a building block parameter that every
   * use of the block on the site fills in; %s is its name. */
  title = required ? g_strdup_printf (_("%s (required)"), label) : g_strdup (label);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  aushang_entry_row_set_activates_default (AUSHANG_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), ROW_PARAM_KEY, g_strdup (param), g_free);

  if (path != NULL && path->kind != AUSHANG_BLOCK_VALUE_TEXT && self->site != NULL)
    {
      gboolean folder = path->kind == AUSHANG_BLOCK_VALUE_FOLDER;
      PathChoice *choice = g_new0 (PathChoice, 1);
      const char *what = folder ? _("Choose a Folder") : _("Choose a File");
      GtkWidget *picker;
      GtkWidget *button;

      choice->site = g_object_ref (self->site);
      choice->path.kind = path->kind;
      choice->path.base = g_strdup (path->base);
      choice->path.absolute = path->absolute;
      choice->path.example = g_strdup (path->example);

      picker = aushang_picker_new (what, path_choices_cb, choice);
      g_object_set_data_full (G_OBJECT (picker), "aushang-path-choice", choice, path_choice_free);
      g_signal_connect_object (picker, "picked", G_CALLBACK (picked_cb), row, G_CONNECT_SWAPPED);
      button = aushang_picker_button_new (folder ? "folder-open-symbolic" : "document-open-symbolic",
                                          what, picker);
      aushang_entry_row_add_suffix (AUSHANG_ENTRY_ROW (row), button);
    }

  return row;
}

static void
aushang_block_dialog_dispose (GObject *object)
{
  AushangBlockDialog *self = AUSHANG_BLOCK_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->site);

  G_OBJECT_CLASS (aushang_block_dialog_parent_class)->dispose (object);
}

static void
aushang_block_dialog_finalize (GObject *object)
{
  AushangBlockDialog *self = AUSHANG_BLOCK_DIALOG (object);

  g_free (self->name);

  G_OBJECT_CLASS (aushang_block_dialog_parent_class)->finalize (object);
}

static void
aushang_block_dialog_class_init (AushangBlockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_block_dialog_dispose;
  object_class->finalize = aushang_block_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/aushang/Aushang/aushang-block-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangBlockDialog, list);
}

static void
aushang_block_dialog_init (AushangBlockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
focus_first_required (AushangBlockDialog *self,
                      AushangBlock       *block)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < self->rows->len && first == NULL; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *param = g_object_get_data (G_OBJECT (row), ROW_PARAM_KEY);

      if (g_ptr_array_find_with_equal_func (block->required, param, g_str_equal, NULL))
        first = row;
    }
  if (first == NULL && self->rows->len > 0)
    first = g_ptr_array_index (self->rows, 0);

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

GtkWidget *
aushang_block_dialog_new (GtkWindow    *parent,
                          AushangSite  *site,
                          AushangBlock *block)
{
  AushangBlockDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (site == NULL || AUSHANG_IS_SITE (site), NULL);
  g_return_val_if_fail (block != NULL, NULL);

  self = g_object_new (AUSHANG_TYPE_BLOCK_DIALOG,
                       "transient-for", parent,
                       NULL);
  g_set_object (&self->site, site);
  self->name = g_strdup (block->name);

  /* Named as in the menu, its description below. */
  title = aushang_site_readable_name (block->name);
  /* Translators: heading of the dialog that asks for a building block's
   * settings; %s is the block's name made readable ("Galerie"). */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Insert “%s”"),
                                     title[0] != '\0' ? title : block->name);
  if (block->summary != NULL && g_utf8_collate (block->summary, title) != 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), block->summary);

  for (guint i = 0; i < block->params->len; i++)
    {
      GtkWidget *row = create_row (self, block, g_ptr_array_index (block->params, i));

      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, g_object_ref (row));
    }

  focus_first_required (self, block);

  return GTK_WIDGET (self);
}

const char *
aushang_block_dialog_get_name (AushangBlockDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_BLOCK_DIALOG (self), NULL);

  return self->name;
}

GHashTable *
aushang_block_dialog_dup_params (AushangBlockDialog *self)
{
  GHashTable *params;

  g_return_val_if_fail (AUSHANG_IS_BLOCK_DIALOG (self), NULL);

  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

      if (text != NULL && text[0] != '\0')
        g_hash_table_insert (params,
                             g_strdup (g_object_get_data (G_OBJECT (row), ROW_PARAM_KEY)),
                             g_strdup (text));
    }

  return params;
}
