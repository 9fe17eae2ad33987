/* aushang-html-to-markdown.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Clean Markdown for HTML from the clipboard (what LibreOffice Writer,
 * Microsoft Word and web browsers put there as text/html, Word's
 * "Version:0.9 StartHTML:…" header included): headings, paragraphs, bold,
 * italic, strikethrough, links, images with a web address, code, quotes,
 * lists (nested too, Word's paragraph lists included), GFM tables and line
 * breaks. Styling noise is dropped (styles, classes, fonts, spans, Office
 * namespaces like <o:p>, comments and conditional comments, scripts), and
 * no HTML is left: what Markdown cannot say is kept as its text. Text that
 * Markdown would read as syntax is escaped. The result ends with one
 * newline, or is "" when there is no text. */
char *aushang_html_to_markdown (const char *html,
                                gssize      length);

G_END_DECLS
