/* aushang-html-text.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text from a front matter field the way the browser shows it on the
 * published page: HTML entities decoded ("&amp;" → "&", "&#8211;" → "–",
 * "&shy;" a soft hyphen), and soft hyphens, which the browser shows only
 * where it breaks the line, left out. For titles in lists, window titles
 * and search. Markup other than entities is left as it is. */
char *aushang_html_text_decode   (const char *text);
/* The same with soft hyphens kept (U+00AD), for text that goes into a
 * page again, escaped: there the browser breaks lines at them. */
char *aushang_html_text_unescape (const char *text);

/* Whether @text holds every word of @search, in any case ("rückblick
 * GERÄTE"); TRUE for an empty search. How lists of pages are searched. */
gboolean aushang_text_matches_search (const char *text,
                                      const char *search);

G_END_DECLS
