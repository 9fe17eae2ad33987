/* aushang-file-lines.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-file-lines"

#include "config.h"

#include "aushang-file-lines.h"

struct _AushangFileLines
{
  GtkSourceGutterRendererText parent_instance;
  guint                       first_line;
};

enum
{
  PROP_0,
  PROP_FIRST_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AushangFileLines, aushang_file_lines, GTK_SOURCE_TYPE_GUTTER_RENDERER_TEXT)

static void
aushang_file_lines_query_data (GtkSourceGutterRenderer *renderer,
                               GtkSourceGutterLines    *lines,
                               guint                    line)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (renderer);
  char text[16];
  int length = g_snprintf (text, sizeof text, "%u", line + self->first_line);

  gtk_source_gutter_renderer_text_set_text (GTK_SOURCE_GUTTER_RENDERER_TEXT (renderer), text, length);
}

static void
aushang_file_lines_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (widget);
  GtkSourceBuffer *buffer = gtk_source_gutter_renderer_get_buffer (GTK_SOURCE_GUTTER_RENDERER (widget));

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint last = self->first_line + (buffer ? gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (buffer)) : 1);
      char text[16];
      int width = 0;

      /* As wide as the widest number, and never narrower than two digits. */
      g_snprintf (text, sizeof text, "%u", MAX (last, 99));
      gtk_source_gutter_renderer_text_measure (GTK_SOURCE_GUTTER_RENDERER_TEXT (widget), text, &width, NULL);
      *minimum = *natural = width + 2 * gtk_source_gutter_renderer_get_xpad (GTK_SOURCE_GUTTER_RENDERER (widget));
    }
}

static void
file_lines_buffer_changed_cb (GtkTextBuffer *buffer,
                              GtkWidget     *renderer)
{
  gtk_widget_queue_resize (renderer);
}

/* The gutter marks the cursor's line. */
static void
file_lines_cursor_moved_cb (GtkTextBuffer *buffer,
                            GtkWidget     *renderer)
{
  gtk_widget_queue_draw (renderer);
}

static void
aushang_file_lines_change_buffer (GtkSourceGutterRenderer *renderer,
                                  GtkSourceBuffer         *old_buffer)
{
  GtkSourceBuffer *buffer = gtk_source_gutter_renderer_get_buffer (renderer);

  if (old_buffer != NULL)
    {
      g_signal_handlers_disconnect_by_func (old_buffer, file_lines_buffer_changed_cb, renderer);
      g_signal_handlers_disconnect_by_func (old_buffer, file_lines_cursor_moved_cb, renderer);
    }
  if (buffer != NULL)
    {
      g_signal_connect_object (buffer, "changed", G_CALLBACK (file_lines_buffer_changed_cb), renderer, 0);
      g_signal_connect_object (buffer, "cursor-moved", G_CALLBACK (file_lines_cursor_moved_cb), renderer, 0);
    }

  GTK_SOURCE_GUTTER_RENDERER_CLASS (aushang_file_lines_parent_class)->change_buffer (renderer, old_buffer);
}

static void
aushang_file_lines_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (object);

  switch (prop_id)
    {
    case PROP_FIRST_LINE:
      g_value_set_uint (value, self->first_line);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_file_lines_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (object);

  switch (prop_id)
    {
    case PROP_FIRST_LINE:
      if (self->first_line != g_value_get_uint (value))
        {
          self->first_line = g_value_get_uint (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_file_lines_class_init (AushangFileLinesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkSourceGutterRendererClass *renderer_class = GTK_SOURCE_GUTTER_RENDERER_CLASS (klass);

  object_class->get_property = aushang_file_lines_get_property;
  object_class->set_property = aushang_file_lines_set_property;
  widget_class->measure = aushang_file_lines_measure;
  renderer_class->query_data = aushang_file_lines_query_data;
  renderer_class->change_buffer = aushang_file_lines_change_buffer;

  properties[PROP_FIRST_LINE] =
    g_param_spec_uint ("first-line", NULL, NULL,
                       1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aushang_file_lines_init (AushangFileLines *self)
{
  self->first_line = 1;
  gtk_source_gutter_renderer_set_xpad (GTK_SOURCE_GUTTER_RENDERER (self), 6);
  gtk_source_gutter_renderer_set_alignment_mode (GTK_SOURCE_GUTTER_RENDERER (self),
                                                 GTK_SOURCE_GUTTER_RENDERER_ALIGNMENT_MODE_FIRST);
  gtk_widget_add_css_class (GTK_WIDGET (self), "line-numbers");
}

GtkSourceGutterRenderer *
aushang_file_lines_new (guint first_line)
{
  return g_object_new (AUSHANG_TYPE_FILE_LINES, "first-line", first_line, NULL);
}
