/* aushang-test-photo.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "aushang-test-photo.h"

/* A photo as a camera writes it: @width × @height, red on the left half
 * and blue on the right, with EXIF data saying "turn 90° clockwise"
 * (orientation 6), the camera's serial number and a GPS position. */
char *
aushang_test_write_camera_photo (const char *folder,
                                 const char *name,
                                 int         width,
                                 int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg = NULL;
  gsize jpeg_size = 0;
  g_autoptr(GByteArray) file = g_byte_array_new ();
  char *path = g_build_filename (folder, name, NULL);
  static const guint8 tiff[] = {
    'I', 'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
    /* IFD0 at 8: three entries. */
    0x03, 0x00,
    /* Orientation, SHORT, 1, 6 */
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
    /* Make, ASCII, 12, at 50 */
    0x0F, 0x01, 0x02, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x00,
    /* GPSInfo, LONG, 1, at 62 */
    0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3E, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
    /* 50: the "camera" */
    'S', 'E', 'R', 'I', 'A', 'L', '-', '4', '7', '1', '1', 0x00,
    /* 62: GPS IFD, one entry: GPSLatitudeRef "N" */
    0x01, 0x00,
    0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, 'N', 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  guint16 segment_length = 2 + 6 + sizeof tiff;
  guint8 header[] = { 0xFF, 0xE1, segment_length >> 8, segment_length & 0xFF, 'E', 'x', 'i', 'f', 0, 0 };
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = x < width / 2 ? 230 : 20;
        p[1] = 20;
        p[2] = x < width / 2 ? 20 : 230;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_size, "jpeg", &error, "quality", "95", NULL));
  g_assert_no_error (error);

  /* The APP1 segment right after the start of image. */
  g_byte_array_append (file, (guint8 *) jpeg, 2);
  g_byte_array_append (file, header, sizeof header);
  g_byte_array_append (file, tiff, sizeof tiff);
  g_byte_array_append (file, (guint8 *) jpeg + 2, jpeg_size - 2);
  g_assert_true (g_file_set_contents (path, (char *) file->data, file->len, NULL));

  /* The fixture is what it says: gdk-pixbuf reads the orientation. */
  {
    g_autoptr(GdkPixbuf) check = gdk_pixbuf_new_from_file (path, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (gdk_pixbuf_get_option (check, "orientation"), ==, "6");
  }

  return path;
}

/* The data has zero bytes: no string search. */
gboolean
aushang_test_bytes_contain (const char *data,
                            gsize       length,
                            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}
