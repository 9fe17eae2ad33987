/* aushang-image-import.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-site.h"

G_BEGIN_DECLS

/* Takes the image @source into the site, for the field @key: an image
 * inside the site folder is used where it is, and its site path
 * ("/assets/images/a.jpg") is returned at once. Any other is copied into
 * the site's image folder (where most documents' images of @key are, else
 * assets/images) under a new name made from its own (slugified, never
 * overwriting), in a thread, all of it or nothing: NULL is returned
 * without an error, and @callback gets the path from
 * aushang_image_import_finish(). NULL with @error when the copy cannot
 * even start. */
char *aushang_image_import        (AushangSite          *site,
                                   const char           *key,
                                   GFile                *source,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data,
                                   GError              **error);
char *aushang_image_import_finish (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
