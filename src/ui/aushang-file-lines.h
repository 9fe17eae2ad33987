/* aushang-file-lines.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define AUSHANG_TYPE_FILE_LINES (aushang_file_lines_get_type ())

G_DECLARE_FINAL_TYPE (AushangFileLines, aushang_file_lines, AUSHANG, FILE_LINES, GtkSourceGutterRendererText)

/* Line numbers of the file, not of the view's text: a view showing a
 * part of a file (front matter starts on line 2) numbers its lines from
 * :first-line, so they match what messages name. The cursor's line is
 * marked. */
GtkSourceGutterRenderer *aushang_file_lines_new (guint first_line);

G_END_DECLS
