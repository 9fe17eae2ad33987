/* aushang-data-page.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-data-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "aushang-data-page.h"
#include "aushang-file-lines.h"
#include "aushang-yaml-dialog.h"

struct _AushangDataPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkWidget       *icon;
  GtkWidget       *title_label;
  GtkWidget       *reason_label;
  GtkWidget       *problem_label;
  GtkWidget       *edit_button;
  GtkWidget       *view;

  AushangDataFile *data_file;
  gulong           changed_id;
  GtkWidget       *yaml_dialog;
};

G_DEFINE_FINAL_TYPE (AushangDataPage, aushang_data_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update (AushangDataPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  g_autofree char *title = NULL;
  const GError *problem = NULL;
  guint line = 0;
  gboolean read_only;

  if (self->data_file == NULL)
    {
      gtk_text_buffer_set_text (buffer, "", 0);
      return;
    }

  read_only = aushang_data_file_get_kind (self->data_file) == AUSHANG_DATA_FILE_READ_ONLY;
  title = aushang_data_file_dup_label (self->data_file);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                read_only ? "changes-prevent-symbolic" : "text-x-generic-symbolic");

  if (read_only)
    gtk_label_set_text (GTK_LABEL (self->reason_label),
                        aushang_data_file_get_read_only_reason (self->data_file));
  else if (aushang_data_file_get_error (self->data_file, NULL, NULL) != NULL)
    gtk_label_set_text (GTK_LABEL (self->reason_label),
                        _("This file cannot be read as YAML: Jekyll stops building the website until it is fixed, and Aushang shows no form for it. Correct the line named below with “Edit as YAML”."));
  else
    gtk_label_set_text (GTK_LABEL (self->reason_label),
                        _("This file is not a list of entries, so it has no form: it is edited as YAML text. Changes are taken only when they are valid YAML, so the website keeps working."));

  problem = aushang_data_file_get_error (self->data_file, &line, NULL);
  gtk_widget_set_visible (self->problem_label, problem != NULL);
  if (problem != NULL)
    {
      /* Translators: %u is a line number of the file, %s what is wrong there. */
      g_autofree char *text = g_strdup_printf (_("Line %u: %s"), line, problem->message);

      gtk_label_set_text (GTK_LABEL (self->problem_label), text);
    }

  gtk_widget_set_visible (self->edit_button, !read_only);
  gtk_text_buffer_set_text (buffer, aushang_data_file_get_text (self->data_file), -1);
}

static void
changed_cb (AushangDataPage *self)
{
  update (self);
}

static gboolean
apply_yaml_cb (const char  *text,
               guint       *line,
               guint       *column,
               GError     **error,
               gpointer     user_data)
{
  AushangDataPage *self = user_data;
  g_autoptr(AushangYamlEdit) probe = NULL;
  g_autofree char *before = NULL;

  if (self->data_file == NULL)
    return TRUE;

  before = g_strdup (aushang_data_file_get_text (self->data_file));
  if (!aushang_data_file_replace_text (self->data_file, text, error))
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

  if (g_strcmp0 (before, aushang_data_file_get_text (self->data_file)) != 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);

  return TRUE;
}

static void
close_yaml_dialog (AushangDataPage *self)
{
  GtkWidget *dialog = self->yaml_dialog;

  if (dialog == NULL)
    return;

  g_clear_weak_pointer (&self->yaml_dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (AushangDataPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AushangYamlDialog *dialog;
  const char *text;
  const GError *problem;
  guint line = 0, column = 0;

  if (self->data_file == NULL)
    return;

  if (self->yaml_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->yaml_dialog));
      return;
    }

  text = aushang_data_file_get_text (self->data_file);
  dialog = AUSHANG_YAML_DIALOG (aushang_yaml_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         _("The file as it is written. Changes are applied only when they are valid YAML."),
                                                         _("Data file"),
                                                         text, strlen (text), 1));
  aushang_yaml_dialog_set_apply_func (dialog, apply_yaml_cb, self);

  problem = aushang_data_file_get_error (self->data_file, &line, &column);
  if (problem != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Line %u: %s"), line, problem->message);

      aushang_yaml_dialog_show_problem (dialog, message, line, column);
    }

  g_set_weak_pointer (&self->yaml_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (aushang_yaml_dialog_get_view (dialog)));
}

static void
aushang_data_page_dispose (GObject *object)
{
  AushangDataPage *self = AUSHANG_DATA_PAGE (object);

  close_yaml_dialog (self);
  if (self->data_file != NULL)
    g_clear_signal_handler (&self->changed_id, self->data_file);
  g_clear_object (&self->data_file);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_DATA_PAGE);

  G_OBJECT_CLASS (aushang_data_page_parent_class)->dispose (object);
}

static void
aushang_data_page_class_init (AushangDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_data_page_dispose;

  /**
   * AushangDataPage::changed:
   *
   * Emitted after the person changed the file's text.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangDataPage, icon);
  gtk_widget_class_bind_template_child (widget_class, AushangDataPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, AushangDataPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, AushangDataPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AushangDataPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, AushangDataPage, view);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
}

static void
aushang_data_page_init (AushangDataPage *self)
{
  GtkSourceGutter *gutter;

  gtk_widget_init_template (GTK_WIDGET (self));

  gutter = gtk_source_view_get_gutter (GTK_SOURCE_VIEW (self->view), GTK_TEXT_WINDOW_LEFT);
  gtk_source_gutter_insert (gutter, aushang_file_lines_new (1), GTK_SOURCE_VIEW_GUTTER_POSITION_LINES);
}

GtkWidget *
aushang_data_page_new (void)
{
  return g_object_new (AUSHANG_TYPE_DATA_PAGE, NULL);
}

void
aushang_data_page_set_data_file (AushangDataPage *self,
                                 AushangDataFile *data_file)
{
  GtkTextBuffer *buffer;
  GtkSourceLanguage *language = NULL;
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  g_return_if_fail (AUSHANG_IS_DATA_PAGE (self));
  g_return_if_fail (data_file == NULL || AUSHANG_IS_DATA_FILE (data_file));

  if (self->data_file != data_file)
    {
      close_yaml_dialog (self);
      if (self->data_file != NULL)
        g_clear_signal_handler (&self->changed_id, self->data_file);
      g_set_object (&self->data_file, data_file);
      if (data_file != NULL)
        self->changed_id = g_signal_connect_object (data_file, "changed", G_CALLBACK (changed_cb),
                                                    self, G_CONNECT_SWAPPED);
    }

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  if (data_file != NULL)
    {
      g_autofree char *name = g_file_get_basename (aushang_data_file_get_file (data_file));

      language = gtk_source_language_manager_guess_language (manager, name, NULL);
    }
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), language);

  update (self);
}

AushangDataFile *
aushang_data_page_get_data_file (AushangDataPage *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_PAGE (self), NULL);

  return self->data_file;
}
