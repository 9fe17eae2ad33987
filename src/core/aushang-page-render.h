/* aushang-page-render.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-preview-page.h"
#include "aushang-site.h"

G_BEGIN_DECLS

/* What a page of the site needs to render the way Jekyll renders it:
 * the configuration, site.data, the documents of every collection with
 * their URLs, the site's time zone. Made from a site on the thread that
 * owns it; afterwards read-only, so any thread may render with it. */
typedef struct _AushangPageContext AushangPageContext;

AushangPageContext *aushang_page_context_new    (AushangSite        *site);
AushangPageContext *aushang_page_context_ref    (AushangPageContext *self);
void                aushang_page_context_unref  (AushangPageContext *self);

/* The document (saved or not) as the site publishes it at @file: its
 * body through Liquid and Markdown, then its layouts (layout: and the
 * site's defaults), with the includes of _includes/ and the site's
 * stylesheets, inside a Content-Security-Policy that forbids scripts.
 * Third-party widgets show their <noscript> content. Site paths get
 * @options->site_uri_prefix. When Liquid fails (or the layout is
 * missing), the page is the built-in preview with a card naming the
 * problem and the line, and @error says the same. */
char *aushang_page_context_render (AushangPageContext          *self,
                                   AushangDocument             *document,
                                   GFile                       *file,
                                   const AushangPreviewOptions *options,
                                   GError                     **error);

/* An entry of a data list (an event, a team member) the way the site
 * shows it: the loop of the site's page that goes through its list, run
 * for this entry alone, in that page's layouts. NULL when no page of the
 * site shows the list (the caller shows its own card then). */
char *aushang_page_context_render_entry (AushangPageContext          *self,
                                         AushangValue                *entry,
                                         gboolean                     hidden,
                                         const AushangPreviewOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangPageContext, aushang_page_context_unref)

G_END_DECLS
