/* aushang-preview.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-document.h"
#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_PREVIEW (aushang_preview_get_type ())

G_DECLARE_FINAL_TYPE (AushangPreview, aushang_preview, AUSHANG, PREVIEW, AdwBin)

/* The page as readers will see it, in a WebKitWebView: loaded once, then
 * patched in place (header and body) so the scroll position stays.
 * Rendering runs off the main thread and is coalesced to at most one
 * update per frame. Site files (images, the site's stylesheet) come
 * through the "aushang-site" URI scheme from the site folder only; scripts
 * in the content never run; a clicked link opens the system browser. */
GtkWidget *aushang_preview_new               (void);
void       aushang_preview_set_site          (AushangPreview  *self,
                                              AushangSite     *site);
/* Schedules an update from the document's current state (call after
 * aushang_editor_sync()); NULL empties the page. */
void       aushang_preview_update            (AushangPreview  *self,
                                              AushangDocument *document);
/* Shows an entry of a data list as a card (see
 * aushang_preview_page_render_entry()) instead of a document; NULL
 * empties the page. */
void       aushang_preview_show_entry        (AushangPreview  *self,
                                              AushangValue    *entry,
                                              gboolean         hidden);
/* Whether documents of the site show as the site publishes them (its
 * layouts, includes and stylesheets, rendered by the Liquid interpreter)
 * or in the built-in page. Off by default. */
void       aushang_preview_set_site_style    (AushangPreview  *self,
                                              gboolean         site_style);
gboolean   aushang_preview_get_site_style    (AushangPreview  *self);
/* Scroll sync: brings the content of body line @line (1-based, as in the
 * editor) to the top of the page, now or once the page is there; what
 * lies between two blocks is interpolated. The page's own scrolling is
 * reported by the "scrolled" signal (with the body line at its top). */
void       aushang_preview_scroll_to_line    (AushangPreview  *self,
                                              guint            line);
/* For tests: runs @script in the page and returns its result as a string. */
void       aushang_preview_evaluate          (AushangPreview      *self,
                                              const char          *script,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char      *aushang_preview_evaluate_finish   (AushangPreview  *self,
                                              GAsyncResult    *result,
                                              GError         **error);
/* TRUE once the latest scheduled update has been painted into the page;
 * notify::idle is emitted when it changes. */
gboolean   aushang_preview_get_idle          (AushangPreview  *self);
/* How many updates put only the changed blocks into the page rather than
 * the whole body (for the bench and tests). */
guint      aushang_preview_get_block_patches (AushangPreview  *self);
/* The same, how many put the whole body in, how many loaded the page
 * anew, and how often the page was lost (its process ended, or a patch's
 * answer never came back): for tests that name which update went which
 * way. */
void       aushang_preview_get_update_counts (AushangPreview  *self,
                                              guint           *block_patches,
                                              guint           *body_patches,
                                              guint           *page_loads,
                                              guint           *pages_lost);

/* The file in @site_folder that the "aushang-site" URI path @path
 * (percent-encoded, "/assets/images/ki.png") names, or NULL when the path
 * would leave the folder (a ".." segment, a symbolic link pointing out of
 * it), names a hidden file, or cannot be decoded. */
GFile     *aushang_preview_resolve_site_path (GFile           *site_folder,
                                              const char      *path);

G_END_DECLS
