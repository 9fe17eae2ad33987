/* aushang-gallery-dialog.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_GALLERY_DIALOG (aushang_gallery_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AushangGalleryDialog, aushang_gallery_dialog, AUSHANG, GALLERY_DIALOG, AdwWindow)

/* Whether @site (may be NULL) has a gallery building block
 * (aushang_gallery_find_block()). */
gboolean              aushang_gallery_dialog_site_has_gallery (AushangSite *site);

/* "Gallery from Photos…": a file chooser for several photos, then the
 * dialog for them. The block goes into @view at its cursor. */
void                  aushang_gallery_dialog_choose_photos    (GtkTextView *view,
                                                               AushangSite *site,
                                                               GFile       *document_file);

/* The dialog for @files (GFile*): lists the photos with a caption each
 * (when the site's block shows captions), takes them into @site in a
 * thread with a progress bar ("3 of 12 photos", action gallery.import),
 * and inserts the gallery block into @view where its cursor was. NULL
 * when the site has no gallery block. */
AushangGalleryDialog *aushang_gallery_dialog_new              (GtkTextView *view,
                                                               AushangSite *site,
                                                               GFile       *document_file,
                                                               GPtrArray   *files);

G_END_DECLS
