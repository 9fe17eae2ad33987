/* aushang-preview-page.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-document.h"

G_BEGIN_DECLS

typedef struct
{
  /* Where site-absolute paths ("/assets/images/ki.png") point in the
   * preview, e.g. "aushang-site:///"; NULL keeps them as they are. */
  const char *site_uri_prefix;
  /* Extra CSS (the site's stylesheet URL) linked from the page; may be NULL. */
  const char *stylesheet_uri;
  /* The language of the page ("de"). */
  const char *language;
} AushangPreviewOptions;

/* The preview as a whole HTML page: a shell with a Content-Security-Policy
 * that forbids scripts, a header (header image, title, teaser, date,
 * authors, categories) and the rendered body. Parts have stable ids
 * (aushang-header, aushang-title, aushang-teaser, aushang-meta,
 * aushang-body) so the window can replace them one by one. */
char *aushang_preview_page_render        (AushangDocument             *document,
                                          const AushangPreviewOptions *options);
char *aushang_preview_page_render_parts  (AushangDocument             *document,
                                          const AushangPreviewOptions *options,
                                          char                       **header_out,
                                          char                       **body_out);

/* Only the header's and the body's inner HTML, for in-place updates. */
char *aushang_preview_page_render_header (AushangDocument             *document,
                                          const AushangPreviewOptions *options);
char *aushang_preview_page_render_body   (AushangDocument             *document,
                                          const AushangPreviewOptions *options);

/* The Content-Security-Policy of every preview page: no scripts, images
 * and styles from the site (and images from the web). */
const char *aushang_preview_page_get_content_security_policy (void);
/* The built-in style, as CSS. */
const char *aushang_preview_page_get_style (void);

/* An entry of a data list (an event, a team member) as a card on a page
 * of its own, in the same shell: image, date, time and duration, title
 * or name, role, place, description, category, cost and lists as pills,
 * and its link. A hidden entry says so at the top. */
char *aushang_preview_page_render_entry  (AushangValue                *entry,
                                          gboolean                     hidden,
                                          const AushangPreviewOptions *options);

G_END_DECLS
