/* test-photo.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos taken into a site: turned upright, scaled down, written without
 * the camera's data, named after the document; checked by reading the
 * written files back.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "aushang-photo.h"
#include "aushang-test-photo.h"
#include "aushang-test-util.h"

static char *temp_dir;

typedef struct
{
  char        *folder;
  AushangSite *site;
  GFile       *document;
} Site;

static void
site_open (Site       *s,
           const char *name)
{
  g_autofree char *config = NULL;
  g_autofree char *posts = NULL;
  g_autofree char *post = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  s->folder = g_build_filename (temp_dir, name, NULL);
  posts = g_build_filename (s->folder, "_posts", NULL);
  g_assert_cmpint (g_mkdir_with_parents (posts, 0700), ==, 0);
  config = g_build_filename (s->folder, "_config.yml", NULL);
  g_assert_true (g_file_set_contents (config, "title: Fotos\n", -1, NULL));
  post = g_build_filename (posts, "2026-06-14-sommerfest-im-hof.md", NULL);
  g_assert_true (g_file_set_contents (post, "---\ntitle: Sommerfest\n---\nText\n", -1, NULL));
  folder = g_file_new_for_path (s->folder);
  s->site = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  s->document = g_file_new_for_path (post);
}

static void
site_close (Site *s)
{
  g_clear_object (&s->site);
  g_clear_object (&s->document);
  g_free (s->folder);
}

static void
assert_color (GdkPixbuf *pixbuf,
              int        x,
              int        y,
              gboolean   red)
{
  guchar *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) +
              x * gdk_pixbuf_get_n_channels (pixbuf);

  if (red)
    g_assert_true (p[0] > 180 && p[2] < 80);
  else
    g_assert_true (p[2] > 180 && p[0] < 80);
}

static void
test_camera_photo (void)
{
  Site s = { 0, };
  g_autofree char *source_path = aushang_test_write_camera_photo (temp_dir, "IMG_0001.JPG", 4000, 2000);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangPhoto) photo = NULL;
  g_autoptr(AushangPhoto) second = NULL;
  g_autoptr(GdkPixbuf) written = NULL;
  g_autofree char *written_path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  site_open (&s, "kamera");
  photo = aushang_photo_import (s.site, s.document, source, &error);
  g_assert_no_error (error);

  /* Named after the document, in the default folder. */
  g_assert_cmpstr (photo->site_path, ==, "/assets/images/sommerfest-im-hof.jpg");
  written_path = g_file_get_path (photo->file);
  g_assert_true (g_str_has_prefix (written_path, s.folder));

  /* Upright (the 4000 × 2000 picture was on its side: 2000 × 4000) and
   * scaled down to 1600 wide. */
  written = gdk_pixbuf_new_from_file (written_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (written), ==, 1600);
  g_assert_cmpint (gdk_pixbuf_get_height (written), ==, 3200);
  g_assert_cmpint (photo->width, ==, 1600);
  g_assert_cmpint (photo->height, ==, 3200);
  /* Turned clockwise: the left (red) half is on top now. */
  assert_color (written, 800, 400, TRUE);
  assert_color (written, 800, 2800, FALSE);

  /* Nothing of the camera's data is left. */
  g_assert_null (gdk_pixbuf_get_option (written, "orientation"));
  g_assert_true (g_file_get_contents (written_path, &data, &length, NULL));
  g_assert_false (aushang_test_bytes_contain (data, length, "Exif"));
  g_assert_false (aushang_test_bytes_contain (data, length, "SERIAL-4711"));
  g_assert_cmpuint ((guchar) data[0], ==, 0xFF);
  g_assert_cmpuint ((guchar) data[1], ==, 0xD8);

  /* Nothing is overwritten. */
  second = aushang_photo_import (s.site, s.document, source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->site_path, ==, "/assets/images/sommerfest-im-hof-2.jpg");

  site_close (&s);
}

static void
test_site_folder_and_width (void)
{
  Site s = { 0, };
  g_autofree char *images = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(GdkPixbuf) wide = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1200, 800);
  g_autofree char *source_path = aushang_test_write_camera_photo (temp_dir, "gross.jpg", 3000, 1000);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangPhoto) photo = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *post = NULL;

  site_open (&s, "eigene-bilder");
  /* The site keeps its pictures in /bilder/beitraege, 1200 wide. */
  images = g_build_filename (s.folder, "bilder", "beitraege", NULL);
  g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);
  existing = g_build_filename (images, "alt.jpg", NULL);
  gdk_pixbuf_fill (wide, 0x808080ff);
  g_assert_true (gdk_pixbuf_save (wide, existing, "jpeg", &error, NULL));
  post = g_build_filename (s.folder, "_posts", "2026-01-01-alt.md", NULL);
  g_assert_true (g_file_set_contents (post, "---\ntitle: Alt\nimage: /bilder/beitraege/alt.jpg\n---\nText\n", -1, NULL));
  aushang_site_reload (s.site);

  folder = aushang_photo_dup_folder (s.site);
  g_assert_cmpstr (folder, ==, "/bilder/beitraege");
  g_assert_cmpint (aushang_photo_get_max_width (s.site), ==, 1200);

  photo = aushang_photo_import (s.site, s.document, source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (photo->site_path, ==, "/bilder/beitraege/sommerfest-im-hof.jpg");
  /* Upright it is 1000 × 3000: narrower than 1200, so not scaled. */
  g_assert_cmpint (photo->width, ==, 1000);
  g_assert_cmpint (photo->height, ==, 3000);
  site_close (&s);
}

static void
test_png_and_errors (void)
{
  Site s = { 0, };
  g_autoptr(GdkPixbuf) logo = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 300, 100);
  g_autofree char *png_path = g_build_filename (temp_dir, "Logo Verein.png", NULL);
  g_autofree char *text_path = g_build_filename (temp_dir, "kein-bild.jpg", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangPhoto) photo = NULL;
  g_autoptr(AushangPhoto) none = NULL;
  g_autoptr(GdkPixbuf) written = NULL;
  g_autofree char *written_path = NULL;

  site_open (&s, "png");
  gdk_pixbuf_fill (logo, 0x00000000);
  g_assert_true (gdk_pixbuf_save (logo, png_path, "png", &error, NULL));

  /* Transparent pictures stay PNG, and keep their transparency. */
  photo = aushang_photo_import (s.site, NULL, png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (photo->site_path, ==, "/assets/images/logo-verein.png");
  written_path = g_file_get_path (photo->file);
  written = gdk_pixbuf_new_from_file (written_path, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_get_has_alpha (written));

  /* Not a picture: a sentence, and nothing written. */
  g_assert_true (g_file_set_contents (text_path, "Hallo", -1, NULL));
  none = aushang_photo_import (s.site, s.document, text, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "kein-bild.jpg"));
  site_close (&s);
}

static void
test_markdown (void)
{
  g_autofree char *a = aushang_photo_dup_markdown ("Kinder am [Kuchen]\nbuffet", "/assets/images/a b(1).jpg");
  g_autofree char *b = aushang_photo_dup_markdown (NULL, "/x.jpg");

  g_assert_cmpstr (a, ==, "![Kinder am \\[Kuchen\\] buffet](/assets/images/a%20b%281%29.jpg)");
  g_assert_cmpstr (b, ==, "![](/x.jpg)");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  temp_dir = g_dir_make_tmp ("aushang-photo-XXXXXX", NULL);

  g_test_add_func ("/photo/camera-photo", test_camera_photo);
  g_test_add_func ("/photo/site-folder-and-width", test_site_folder_and_width);
  g_test_add_func ("/photo/png-and-errors", test_png_and_errors);
  g_test_add_func ("/photo/markdown", test_markdown);

  status = g_test_run ();
  aushang_test_delete_path (temp_dir);
  g_free (temp_dir);

  return status;
}
