/* aushang-test-photo.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Photos for the tests of taking pictures into a site. */

/* A JPEG as a camera writes it, in @folder: @width × @height, red on the
 * left half and blue on the right, with EXIF data saying "turn 90°
 * clockwise" (orientation 6), the camera's serial number (SERIAL-4711) and
 * a GPS position. */
char     *aushang_test_write_camera_photo (const char *folder,
                                           const char *name,
                                           int         width,
                                           int         height);
/* Whether @needle is in @data (which may hold zero bytes). */
gboolean  aushang_test_bytes_contain      (const char *data,
                                           gsize       length,
                                           const char *needle);

G_END_DECLS
