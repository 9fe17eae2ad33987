/* aushang-yaml-dialog.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AUSHANG_TYPE_YAML_DIALOG (aushang_yaml_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AushangYamlDialog, aushang_yaml_dialog, AUSHANG, YAML_DIALOG, AdwMessageDialog)

/* Takes @text (the whole YAML). Refused with @error, and where the problem
 * is (file line and column, 1-based; 0 when unknown), or TRUE. */
typedef gboolean (*AushangYamlApplyFunc) (const char  *text,
                                          guint       *line,
                                          guint       *column,
                                          GError     **error,
                                          gpointer     user_data);

/* "Edit as YAML": YAML text in a source view numbered with the file's
 * lines (@first_line is the text's first line in its file). "Apply" hands
 * the text to the apply function; a refusal keeps the dialog open with
 * the message and the place marked, anything else closes it. */
GtkWidget   *aushang_yaml_dialog_new            (GtkWindow            *parent,
                                                 const char           *body,
                                                 const char           *view_label,
                                                 const char           *text,
                                                 gsize                 length,
                                                 guint                 first_line);
void         aushang_yaml_dialog_set_apply_func (AushangYamlDialog    *self,
                                                 AushangYamlApplyFunc  func,
                                                 gpointer              user_data);
/* Shows @message under the text and marks file line @line (0: none) with
 * the cursor at @column. */
void         aushang_yaml_dialog_show_problem   (AushangYamlDialog    *self,
                                                 const char           *message,
                                                 guint                 line,
                                                 guint                 column);
/* Puts the cursor at the start of file line @line. */
void         aushang_yaml_dialog_place_cursor   (AushangYamlDialog    *self,
                                                 guint                 line);
GtkTextView *aushang_yaml_dialog_get_view       (AushangYamlDialog    *self);

G_END_DECLS
