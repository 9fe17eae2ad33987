/* aushang-photo.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "aushang-site.h"

G_BEGIN_DECLS

/* The width photos are scaled down to when the site gives no hint. */
#define AUSHANG_PHOTO_DEFAULT_WIDTH 1600

/* A photo taken into the site. */
typedef struct
{
  GFile *file;       /* where it was written */
  char  *site_path;  /* "/assets/images/sommerfest.jpg" */
  int    width;
  int    height;
} AushangPhoto;

void          aushang_photo_free          (AushangPhoto *photo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangPhoto, aushang_photo_free)

/* The folder photos go into: the one holding most of the site's images
 * (aushang_site_get_images()), else assets/images. As a site path
 * ("/assets/images"). */
char         *aushang_photo_dup_folder    (AushangSite  *site);
/* The width photos are scaled down to: the widest image already in that
 * folder (the site shows no wider ones), else
 * AUSHANG_PHOTO_DEFAULT_WIDTH. */
int           aushang_photo_get_max_width (AushangSite  *site);

/* Takes the photo @source into @site for the document @document_file:
 * turned upright as the camera's orientation says, scaled down to
 * aushang_photo_get_max_width() (never up), written anew as JPEG (PNG and
 * GIF stay PNG) so that nothing of the camera's metadata (EXIF: position,
 * serial number, time) stays, into aushang_photo_dup_folder() under a
 * name made from the document's slug ("sommerfest.jpg", then
 * "sommerfest-2.jpg"; nothing is overwritten). Blocking I/O. */
AushangPhoto *aushang_photo_import        (AushangSite  *site,
                                           GFile        *document_file,
                                           GFile        *source,
                                           GError      **error);

/* aushang_photo_import() with what it learns from the site given: the
 * site's folder, the image folder as a site path and the widest width (0:
 * no limit). Touches no AushangSite, so it may run in a thread. */
AushangPhoto *aushang_photo_import_into   (GFile        *site_folder,
                                           const char   *folder_path,
                                           int           max_width,
                                           GFile        *document_file,
                                           GFile        *source,
                                           GError      **error);

/* The photo @source read, turned upright and scaled down to @max_width
 * (0: no limit; never up). @keep_png is set when it should stay PNG (a
 * PNG, GIF or a picture with transparency). Errors name the file.
 * Blocking I/O; may run in a thread. */
GdkPixbuf    *aushang_photo_load          (GFile        *source,
                                           int           max_width,
                                           gboolean     *keep_png,
                                           GError      **error);
/* The document's slug: its file name without date and extension
 * ("2026-06-14-sommerfest.md" → "sommerfest"; "bild" when nothing is
 * left). */
char         *aushang_photo_dup_slug      (GFile        *document_file);

/* The Markdown for a photo: "![alt](/assets/images/a.jpg)". */
char         *aushang_photo_dup_markdown  (const char   *alt,
                                           const char   *site_path);

G_END_DECLS
