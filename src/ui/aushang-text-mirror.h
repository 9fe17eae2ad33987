/* aushang-text-mirror.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The text of a GtkTextBuffer as one UTF-8 string, kept up to date change
 * by change: asking for the text of a long document after a key press
 * costs no copy of the whole buffer (gtk_text_buffer_get_text() walks
 * every line, milliseconds per megabyte). One per buffer, made on first
 * use and kept as long as the buffer lives.
 *
 * Returns: (transfer none): the buffer's text as gtk_text_buffer_get_text()
 *   with hidden characters gives it, valid until the buffer changes;
 *   @length (optional): its length in bytes. */
const char *aushang_text_mirror_get_text (GtkTextBuffer *buffer,
                                          gsize         *length);

G_END_DECLS
