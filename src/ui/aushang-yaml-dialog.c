/* aushang-yaml-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-yaml-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "aushang-file-lines.h"
#include "aushang-form-util.h"
#include "aushang-yaml-dialog.h"

struct _AushangYamlDialog
{
  AdwMessageDialog      parent_instance;

  /* Template widgets */
  GtkWidget            *view;
  GtkWidget            *error_label;

  GtkSourceGutterRenderer *lines;
  guint                 first_line;
  AushangYamlApplyFunc  apply_func;
  gpointer              apply_data;
};

G_DEFINE_FINAL_TYPE (AushangYamlDialog, aushang_yaml_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkTextBuffer *
get_buffer (AushangYamlDialog *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
}

static void
buffer_changed_cb (GtkTextBuffer     *buffer,
                   AushangYamlDialog *self)
{
  GtkTextIter start, end;

  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "aushang-problem", &start, &end);
}

/* Shows where the YAML goes wrong: the line is marked and the cursor put
 * at the place (file line and column, both 1-based). */
static void
mark_problem (AushangYamlDialog *self,
              guint              line,
              guint              column)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "aushang-problem", &start, &end);

  if (line < self->first_line)
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &start, (int) (line - self->first_line));
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag_by_name (buffer, "aushang-problem", &start, &end);

  if (column > 1)
    gtk_text_iter_forward_chars (&start, MIN ((int) column - 1, gtk_text_iter_get_chars_in_line (&start)));
  if (gtk_text_iter_get_line (&start) != (int) (line - self->first_line))
    gtk_text_iter_backward_char (&start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (buffer), 0.1, FALSE, 0, 0);
}

static void
response_cb (AushangYamlDialog *self,
             const char        *response)
{
  if (g_strcmp0 (response, "apply") == 0 && self->apply_func != NULL)
    {
      GtkTextBuffer *buffer = get_buffer (self);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      GtkTextIter start, end;
      guint line = 0, column = 0;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      if (!self->apply_func (text, &line, &column, &error, self->apply_data))
        {
          aushang_yaml_dialog_show_problem (self, error ? error->message : NULL, line, column);
          gtk_widget_grab_focus (self->view);
          return;
        }
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/* AdwMessageDialog closes itself on every response; this dialog closes
 * only when its response handler says so, so that a refused Apply keeps
 * the text. */
static gboolean
aushang_yaml_dialog_close_request (GtkWindow *window)
{
  GTK_WINDOW_CLASS (aushang_yaml_dialog_parent_class)->close_request (window);

  return TRUE;
}

static void
aushang_yaml_dialog_dispose (GObject *object)
{
  AushangYamlDialog *self = AUSHANG_YAML_DIALOG (object);

  self->apply_func = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_YAML_DIALOG);

  G_OBJECT_CLASS (aushang_yaml_dialog_parent_class)->dispose (object);
}

static void
aushang_yaml_dialog_class_init (AushangYamlDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = aushang_yaml_dialog_dispose;
  window_class->close_request = aushang_yaml_dialog_close_request;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-yaml-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangYamlDialog, view);
  gtk_widget_class_bind_template_child (widget_class, AushangYamlDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
aushang_yaml_dialog_init (AushangYamlDialog *self)
{
  GtkTextBuffer *buffer;
  GtkSourceLanguage *yaml;
  GtkSourceStyleScheme *scheme;
  GtkSourceGutter *gutter;
  GdkRGBA problem_color = { 0.88, 0.11, 0.14, 0.18 };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->first_line = 1;
  buffer = get_buffer (self);
  yaml = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "yaml");
  scheme = gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                       adw_style_manager_get_dark (adw_style_manager_get_default ())
                                                       ? "Adwaita-dark" : "Adwaita");
  if (yaml != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), yaml);
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);

  /* The file's line numbers (see AushangFileLines). */
  gutter = gtk_source_view_get_gutter (GTK_SOURCE_VIEW (self->view), GTK_TEXT_WINDOW_LEFT);
  self->lines = aushang_file_lines_new (1);
  gtk_source_gutter_insert (gutter, self->lines, GTK_SOURCE_VIEW_GUTTER_POSITION_LINES);

  gtk_text_buffer_create_tag (buffer, "aushang-problem",
                              "paragraph-background-rgba", &problem_color,
                              "underline", PANGO_UNDERLINE_ERROR,
                              NULL);
}

GtkWidget *
aushang_yaml_dialog_new (GtkWindow  *parent,
                         const char *body,
                         const char *view_label,
                         const char *text,
                         gsize       length,
                         guint       first_line)
{
  AushangYamlDialog *self = g_object_new (AUSHANG_TYPE_YAML_DIALOG,
                                          "transient-for", parent,
                                          "body", body,
                                          NULL);
  GtkTextBuffer *buffer = get_buffer (self);

  self->first_line = MAX (first_line, 1);
  g_object_set (self->lines, "first-line", self->first_line, NULL);
  gtk_text_buffer_set_text (buffer, text ? text : "", text ? (int) length : 0);
  aushang_set_accessible_label (self->view, view_label);
  g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);

  return GTK_WIDGET (self);
}

void
aushang_yaml_dialog_set_apply_func (AushangYamlDialog    *self,
                                    AushangYamlApplyFunc  func,
                                    gpointer              user_data)
{
  g_return_if_fail (AUSHANG_IS_YAML_DIALOG (self));

  self->apply_func = func;
  self->apply_data = user_data;
}

void
aushang_yaml_dialog_show_problem (AushangYamlDialog *self,
                                  const char        *message,
                                  guint              line,
                                  guint              column)
{
  g_return_if_fail (AUSHANG_IS_YAML_DIALOG (self));

  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
  if (line > 0)
    mark_problem (self, line, column);
}

void
aushang_yaml_dialog_place_cursor (AushangYamlDialog *self,
                                  guint              line)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (AUSHANG_IS_YAML_DIALOG (self));

  if (line < self->first_line)
    return;

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) (line - self->first_line));
  gtk_text_buffer_place_cursor (buffer, &iter);
}

GtkTextView *
aushang_yaml_dialog_get_view (AushangYamlDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_YAML_DIALOG (self), NULL);

  return GTK_TEXT_VIEW (self->view);
}
