/* test-gallery.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A gallery from a folder of photos: the site's gallery block learned from
 * its include, the photos' folder and names learned from the site's
 * pictures, each photo scaled and written without camera data (checked by
 * reading the files back), nothing overwritten, and the block to insert.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "aushang-gallery.h"
#include "aushang-photo.h"
#include "aushang-test-photo.h"
#include "aushang-test-util.h"

static char *temp_dir;

static char *
write_plain_photo (const char *name,
                   int         width,
                   int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (temp_dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3080c0ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);

  return path;
}

/* A copy of the example site, opened. */
static AushangSite *
example_site (const char  *name,
              char       **folder_out)
{
  g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autofree char *folder = g_build_filename (temp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  AushangSite *site;

  aushang_test_copy_path (source, folder);
  site = aushang_site_new (file, &error);
  g_assert_no_error (error);
  *folder_out = g_steal_pointer (&folder);

  return site;
}

static GPtrArray *
files (const char *first,
       ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (array, g_file_new_for_path (path));
  va_end (args);

  return array;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder, sorted, hidden ones too. */
static char *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  GString *seen = user_data;

  g_string_append_printf (seen, "%u/%u ", done, total);
}

static void
test_example_site (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(AushangSite) site = example_site ("beispiel", &folder);
  g_autoptr(AushangGalleryBlock) block = aushang_gallery_find_block (site);
  g_autofree char *document_path = g_build_filename (folder, "_beitraege", "rueckblick-repair-cafe.md", NULL);
  g_autoptr(GFile) document = g_file_new_for_path (document_path);
  g_autofree char *camera = aushang_test_write_camera_photo (temp_dir, "IMG_2041.JPG", 4000, 2000);
  g_autofree char *small = write_plain_photo ("klein.jpg", 640, 480);
  g_autoptr(GPtrArray) sources = files (camera, small, NULL);
  g_autoptr(AushangGalleryPlan) plan = NULL;
  g_autoptr(GString) seen = g_string_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GdkPixbuf) first = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *gallery_folder = NULL;
  gsize length = 0;
  int width = 0, height = 0;

  /* galerie.html: a folder below /assets/images/ and a list of images
   * with captions behind "|". */
  g_assert_nonnull (block);
  g_assert_cmpstr (block->block, ==, "galerie.html");
  g_assert_cmpint (block->shape, ==, AUSHANG_GALLERY_LIST);
  g_assert_cmpstr (block->folder_param, ==, "folder");
  g_assert_cmpstr (block->images_param, ==, "images");
  g_assert_cmpstr (block->folder_base, ==, "/assets/images");
  g_assert_cmpstr (block->separator, ==, ",");
  g_assert_cmpstr (block->caption_separator, ==, "|");

  /* The site's galleries are in galerie/<name>: this one is named for the
   * document. */
  plan = aushang_gallery_plan_new (site, block, document, sources);
  g_assert_cmpuint (aushang_gallery_plan_get_n_photos (plan), ==, 2);
  g_assert_cmpstr (aushang_gallery_plan_get_folder (plan), ==, "/assets/images/galerie/rueckblick-repair-cafe");
  g_assert_cmpint (aushang_gallery_plan_get_max_width (plan), ==, 1600);
  name = aushang_gallery_plan_dup_name (plan, 1);
  g_assert_cmpstr (name, ==, "rueckblick-repair-cafe_00002.jpeg");
  aushang_gallery_plan_set_caption (plan, 0, "  Anna, Ben und der \"Toaster\"\n ");
  aushang_gallery_plan_set_caption (plan, 1, "   ");

  g_assert_true (aushang_gallery_plan_run (plan, NULL, progress_cb, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "1/2 2/2 ");
  g_assert_cmpuint (aushang_gallery_plan_get_failures (plan)->len, ==, 0);
  written = aushang_gallery_plan_get_written (plan);
  g_assert_cmpuint (written->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (written, 0), ==, "/assets/images/galerie/rueckblick-repair-cafe/rueckblick-repair-cafe_00001.jpeg");
  g_assert_cmpstr (g_ptr_array_index (written, 1), ==, "/assets/images/galerie/rueckblick-repair-cafe/rueckblick-repair-cafe_00002.jpeg");

  /* Upright, scaled down to 1600 wide, without the camera's data. */
  first_path = g_build_filename (folder, "assets", "images", "galerie", "rueckblick-repair-cafe",
                                 "rueckblick-repair-cafe_00001.jpeg", NULL);
  first = gdk_pixbuf_new_from_file (first_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (first), ==, 1600);
  g_assert_cmpint (gdk_pixbuf_get_height (first), ==, 3200);
  g_assert_null (gdk_pixbuf_get_option (first, "orientation"));
  g_assert_true (g_file_get_contents (first_path, &data, &length, NULL));
  g_assert_false (aushang_test_bytes_contain (data, length, "Exif"));
  g_assert_false (aushang_test_bytes_contain (data, length, "SERIAL-4711"));
  /* Small photos are not scaled up. */
  second_path = g_build_filename (folder, "assets", "images", "galerie", "rueckblick-repair-cafe",
                                  "rueckblick-repair-cafe_00002.jpeg", NULL);
  g_assert_nonnull (gdk_pixbuf_get_file_info (second_path, &width, &height));
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);
  /* Nothing else is left in the folder. */
  gallery_folder = g_path_get_dirname (first_path);
  listing = list_folder (gallery_folder);
  g_assert_cmpstr (listing, ==, "rueckblick-repair-cafe_00001.jpeg rueckblick-repair-cafe_00002.jpeg");

  /* The block, written over lines as the site's documents write it; the
   * caption's comma and quotes cannot break the list. */
  text = aushang_gallery_plan_dup_block_text (plan, block);
  g_assert_cmpstr (text, ==,
                   "{% include galerie.html\n"
                   "   folder=\"galerie/rueckblick-repair-cafe\"\n"
                   "   images=\"rueckblick-repair-cafe_00001.jpeg|Anna‚ Ben und der ”Toaster”,"
                   "rueckblick-repair-cafe_00002.jpeg\"\n"
                   "%}");
}

/* Name clashes get the next free number; nothing is overwritten. */
static void
test_clashes (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(AushangSite) site = example_site ("namen", &folder);
  g_autoptr(AushangGalleryBlock) block = aushang_gallery_find_block (site);
  g_autofree char *document_path = g_build_filename (folder, "_beitraege", "repair-cafe-im-labor.md", NULL);
  g_autoptr(GFile) document = g_file_new_for_path (document_path);
  g_autofree char *a = write_plain_photo ("a.jpg", 300, 200);
  g_autofree char *b = write_plain_photo ("b.jpg", 300, 200);
  g_autoptr(GPtrArray) sources = files (a, b, NULL);
  g_autoptr(AushangGalleryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *gallery = g_build_filename (folder, "assets", "images", "galerie", "repair-cafe-im-labor", NULL);
  g_autofree char *one = g_build_filename (gallery, "repair-cafe-im-labor_00001.jpeg", NULL);
  g_autofree char *two = g_build_filename (gallery, "repair-cafe-im-labor_00002.png", NULL);
  g_autofree char *four = g_build_filename (gallery, "repair-cafe-im-labor_00004.jpeg", NULL);
  g_autofree char *name0 = NULL, *name1 = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir_with_parents (gallery, 0700), ==, 0);
  g_assert_true (g_file_set_contents (one, "eins", -1, NULL));
  g_assert_true (g_file_set_contents (two, "zwei", -1, NULL));
  g_assert_true (g_file_set_contents (four, "vier", -1, NULL));

  plan = aushang_gallery_plan_new (site, block, document, sources);
  name0 = aushang_gallery_plan_dup_name (plan, 0);
  name1 = aushang_gallery_plan_dup_name (plan, 1);
  g_assert_cmpstr (name0, ==, "repair-cafe-im-labor_00003.jpeg");
  g_assert_cmpstr (name1, ==, "repair-cafe-im-labor_00005.jpeg");

  g_assert_true (aushang_gallery_plan_run (plan, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  written = aushang_gallery_plan_get_written (plan);
  g_assert_cmpuint (written->len, ==, 2);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (written, 0), "/repair-cafe-im-labor_00003.jpeg"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (written, 1), "/repair-cafe-im-labor_00005.jpeg"));
  g_assert_true (g_file_get_contents (one, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "eins");
  g_clear_pointer (&kept, g_free);
  g_assert_true (g_file_get_contents (four, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "vier");
  listing = list_folder (gallery);
  g_assert_cmpstr (listing, ==, "repair-cafe-im-labor_00001.jpeg repair-cafe-im-labor_00002.png "
                   "repair-cafe-im-labor_00003.jpeg repair-cafe-im-labor_00004.jpeg repair-cafe-im-labor_00005.jpeg");
}

static void
cancel_after_first_cb (guint    done,
                       guint    total,
                       gpointer user_data)
{
  if (done == 1)
    g_cancellable_cancel (user_data);
}

/* Cancelled while the photos are written: what this run wrote goes again
 * (each was a new file), the photos that were there before stay, and a
 * folder made for the gallery goes when it is empty. */
static void
test_cancel (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(AushangSite) site = example_site ("abbruch", &folder);
  g_autoptr(AushangGalleryBlock) block = aushang_gallery_find_block (site);
  g_autofree char *document_path = g_build_filename (folder, "_beitraege", "repair-cafe-im-labor.md", NULL);
  g_autoptr(GFile) document = g_file_new_for_path (document_path);
  g_autofree char *a = write_plain_photo ("c1.jpg", 300, 200);
  g_autofree char *b = write_plain_photo ("c2.jpg", 300, 200);
  g_autofree char *c = write_plain_photo ("c3.jpg", 300, 200);
  g_autoptr(GPtrArray) sources = files (a, b, c, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AushangGalleryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gallery = g_build_filename (folder, "assets", "images", "galerie", "repair-cafe-im-labor", NULL);
  g_autofree char *one = g_build_filename (gallery, "repair-cafe-im-labor_00001.jpeg", NULL);
  g_autofree char *listing = NULL;

  /* A new folder: gone again. */
  plan = aushang_gallery_plan_new (site, block, document, sources);
  g_assert_false (aushang_gallery_plan_run (plan, cancellable, cancel_after_first_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (gallery, G_FILE_TEST_EXISTS));
  g_clear_pointer (&plan, aushang_gallery_plan_free);

  /* A folder with a photo in it: the photo and the folder stay. */
  g_assert_cmpint (g_mkdir_with_parents (gallery, 0700), ==, 0);
  g_assert_true (g_file_set_contents (one, "eins", -1, NULL));
  g_object_unref (cancellable);
  cancellable = g_cancellable_new ();
  plan = aushang_gallery_plan_new (site, block, document, sources);
  g_assert_false (aushang_gallery_plan_run (plan, cancellable, cancel_after_first_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = list_folder (gallery);
  g_assert_cmpstr (listing, ==, "repair-cafe-im-labor_00001.jpeg");
}

/* A photo that cannot be read is named; the others are taken in, with
 * numbers one after the other, and nothing half-written is left. */
static void
test_unreadable_photo (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(AushangSite) site = example_site ("kaputt", &folder);
  g_autoptr(AushangGalleryBlock) block = aushang_gallery_find_block (site);
  g_autofree char *document_path = g_build_filename (folder, "_beitraege", "offene-daten-werkstatt.md", NULL);
  g_autoptr(GFile) document = g_file_new_for_path (document_path);
  g_autofree char *a = write_plain_photo ("erstes.jpg", 300, 200);
  g_autofree char *broken = g_build_filename (temp_dir, "IMG_kaputt.jpg", NULL);
  g_autofree char *c = write_plain_photo ("drittes.jpg", 300, 200);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) only_broken = NULL;
  g_autoptr(AushangGalleryPlan) plan = NULL;
  g_autoptr(AushangGalleryPlan) none = NULL;
  g_autoptr(GString) seen = g_string_new ("");
  g_autoptr(GError) error = NULL;
  GPtrArray *failures;
  g_autofree char *gallery = g_build_filename (folder, "assets", "images", "galerie", "offene-daten-werkstatt", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;

  /* Half a JPEG, as from a card pulled out too early. */
  {
    g_autofree char *whole = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (a, &whole, &length, NULL));
    g_assert_true (g_file_set_contents (broken, whole, 20, NULL));
  }

  /* Nothing at all readable: an error, and no folder made. */
  only_broken = files (broken, NULL);
  none = aushang_gallery_plan_new (site, block, document, only_broken);
  g_assert_false (aushang_gallery_plan_run (none, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "IMG_kaputt.jpg"));
  g_assert_false (g_file_test (gallery, G_FILE_TEST_EXISTS));
  g_assert_null (aushang_gallery_plan_dup_block_text (none, block));
  g_clear_error (&error);

  sources = files (a, broken, c, NULL);
  plan = aushang_gallery_plan_new (site, block, document, sources);
  aushang_gallery_plan_set_caption (plan, 2, "Das dritte");
  g_assert_true (aushang_gallery_plan_run (plan, NULL, progress_cb, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "1/3 2/3 3/3 ");
  failures = aushang_gallery_plan_get_failures (plan);
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (failures, 0), "IMG_kaputt.jpg"));

  listing = list_folder (gallery);
  g_assert_cmpstr (listing, ==, "offene-daten-werkstatt_00001.jpeg offene-daten-werkstatt_00002.jpeg");
  text = aushang_gallery_plan_dup_block_text (plan, block);
  g_assert_cmpstr (text, ==,
                   "{% include galerie.html\n"
                   "   folder=\"galerie/offene-daten-werkstatt\"\n"
                   "   images=\"offene-daten-werkstatt_00001.jpeg,offene-daten-werkstatt_00002.jpeg|Das dritte\"\n"
                   "%}");
}

static void
write_file (const char *folder,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* A block that finds the pictures below a path itself (as netz39.de's
 * gallery.html does with site.static_files), and names learned from the
 * site's pictures ("events/<name>/<name>-001.jpg"). */
static void
test_path_gallery (void)
{
  g_autofree char *folder = g_build_filename (temp_dir, "pfad", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(AushangGalleryBlock) block = NULL;
  g_autofree char *document_path = g_build_filename (folder, "_posts", "2026-05-01-tag-der-offenen-tuer.md", NULL);
  g_autoptr(GFile) document = NULL;
  g_autofree char *a = write_plain_photo ("p1.jpg", 300, 200);
  g_autofree char *b = write_plain_photo ("p2.jpg", 300, 200);
  g_autoptr(GPtrArray) sources = files (a, b, NULL);
  g_autoptr(AushangGalleryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *gallery = g_build_filename (folder, "assets", "images", "events", "tag-der-offenen-tuer", NULL);

  write_file (folder, "_config.yml", "title: Pfad\n");
  write_file (folder, "_includes/gallery.html",
              "<div class=\"grid\">\n"
              "{% for image in site.static_files %}\n"
              "  {% if image.path contains include.gallery_path %}\n"
              "    <img src=\"{{ image.path | relative_url }}\" alt=\"\">\n"
              "  {% endif %}\n"
              "{% endfor %}\n"
              "</div>\n");
  /* Not a gallery: one picture with a path. */
  write_file (folder, "_includes/figure.html",
              "<figure><img src=\"{{ include.path }}\" alt=\"{{ include.image_alt }}\"></figure>\n");
  write_file (folder, "_posts/2026-04-01-fruehlingsfest.md",
              "---\ntitle: Frühlingsfest\ngallery_path: /assets/images/events/fruehlingsfest\n---\n"
              "{% include gallery.html gallery_path=page.gallery_path %}\n");
  write_file (folder, "_posts/2026-05-01-tag-der-offenen-tuer.md", "---\ntitle: Tag der offenen Tür\n---\nText\n");
  write_file (folder, "assets/images/events/fruehlingsfest/fruehlingsfest-001.jpg", "x");
  write_file (folder, "assets/images/events/fruehlingsfest/fruehlingsfest-002.jpg", "x");
  write_file (folder, "assets/images/events/herbst/herbst-001.jpg", "x");
  write_file (folder, "assets/images/logo.png", "x");

  site = aushang_site_new (folder_file, &error);
  g_assert_no_error (error);
  block = aushang_gallery_find_block (site);
  g_assert_nonnull (block);
  g_assert_cmpstr (block->block, ==, "gallery.html");
  g_assert_cmpint (block->shape, ==, AUSHANG_GALLERY_PATH);
  g_assert_cmpstr (block->folder_param, ==, "gallery_path");
  g_assert_null (block->images_param);

  document = g_file_new_for_path (document_path);
  plan = aushang_gallery_plan_new (site, block, document, sources);
  g_assert_cmpstr (aushang_gallery_plan_get_folder (plan), ==, "/assets/images/events/tag-der-offenen-tuer");
  g_assert_true (aushang_gallery_plan_run (plan, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  listing = list_folder (gallery);
  g_assert_cmpstr (listing, ==, "tag-der-offenen-tuer-001.jpg tag-der-offenen-tuer-002.jpg");
  text = aushang_gallery_plan_dup_block_text (plan, block);
  g_assert_cmpstr (text, ==, "{% include gallery.html gallery_path=\"/assets/images/events/tag-der-offenen-tuer\" %}");

  /* Without numbered pictures: the folder from what documents pass
   * (gallery_path=page.gallery_path, their front matter). */
  {
    g_autofree char *other = g_build_filename (temp_dir, "pfad-2", NULL);
    g_autoptr(GFile) other_file = g_file_new_for_path (other);
    g_autoptr(AushangSite) other_site = NULL;
    g_autoptr(AushangGalleryBlock) other_block = NULL;
    g_autoptr(AushangGalleryPlan) other_plan = NULL;
    g_autofree char *other_document_path = g_build_filename (other, "_posts", "2026-05-01-tag-der-offenen-tuer.md", NULL);
    g_autoptr(GFile) other_document = g_file_new_for_path (other_document_path);

    write_file (other, "_config.yml", "title: Pfad\n");
    write_file (other, "_includes/gallery.html",
                "{% for image in site.static_files %}{% if image.path contains include.gallery_path %}"
                "<img src=\"{{ image.path }}\">{% endif %}{% endfor %}\n");
    write_file (other, "_posts/2026-04-01-fruehlingsfest.md",
                "---\ntitle: Frühlingsfest\ngallery_path: /bilder/feste/fruehlingsfest\n---\n"
                "{% include gallery.html gallery_path=page.gallery_path %}\n");
    write_file (other, "_posts/2026-05-01-tag-der-offenen-tuer.md", "---\ntitle: Tür\n---\nText\n");
    other_site = aushang_site_new (other_file, &error);
    g_assert_no_error (error);
    other_block = aushang_gallery_find_block (other_site);
    g_assert_nonnull (other_block);
    other_plan = aushang_gallery_plan_new (other_site, other_block, other_document, sources);
    g_assert_cmpstr (aushang_gallery_plan_get_folder (other_plan), ==, "/bilder/feste/tag-der-offenen-tuer");
  }
}

/* Runs jekyll build on @site into @out; FALSE (the test skipped) when
 * jekyll is not there. */
static gboolean
jekyll_build (const char *site,
              const char *out)
{
  g_autofree char *jekyll = g_find_program_in_path ("jekyll");
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (jekyll == NULL)
    {
      g_test_skip ("jekyll is not installed (Debian: apt install jekyll)");
      return FALSE;
    }

  {
    const char *argv[] = { jekyll, "build", "--disable-disk-cache", "-s", site, "-d", out, NULL };

    g_assert_true (g_spawn_sync (temp_dir, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &output, NULL, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s", output);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return TRUE;
}

static char *
read_file (const char *first,
           ...)
{
  g_autoptr(GString) path = g_string_new (first);
  g_autofree char *contents = NULL;
  va_list args;

  va_start (args, first);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    {
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, part);
    }
  va_end (args);
  g_assert_true (g_file_get_contents (path->str, &contents, NULL, NULL));

  return g_steal_pointer (&contents);
}

/* What Jekyll makes of the inserted block: the example site's galerie.html
 * shows each photo with its caption, and a block that finds its pictures
 * below a path shows the new ones. */
static void
test_jekyll (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(AushangSite) site = example_site ("jekyll-beispiel", &folder);
  g_autoptr(AushangGalleryBlock) block = aushang_gallery_find_block (site);
  g_autofree char *document_path = g_build_filename (folder, "_beitraege", "eroeffnung-offenes-labor.md", NULL);
  g_autoptr(GFile) document = g_file_new_for_path (document_path);
  g_autofree char *a = write_plain_photo ("jekyll-1.jpg", 300, 200);
  g_autofree char *b = write_plain_photo ("jekyll-2.jpg", 300, 200);
  g_autoptr(GPtrArray) sources = files (a, b, NULL);
  g_autoptr(AushangGalleryPlan) plan = aushang_gallery_plan_new (site, block, document, sources);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *out = g_build_filename (temp_dir, "jekyll-out", NULL);
  g_autofree char *page = NULL;
  g_autofree char *copied = NULL;

  aushang_gallery_plan_set_caption (plan, 0, "Das Band, feierlich");
  g_assert_true (aushang_gallery_plan_run (plan, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = aushang_gallery_plan_dup_block_text (plan, block);
  g_assert_true (g_file_get_contents (document_path, &contents, NULL, NULL));
  edited = g_strconcat (contents, "\n", text, "\n", NULL);
  g_assert_true (g_file_set_contents (document_path, edited, -1, NULL));

  if (!jekyll_build (folder, out))
    return;
  page = read_file (out, "beitraege", "eroeffnung-offenes-labor", "index.html", NULL);
  g_assert_nonnull (strstr (page, "<img src=\"/assets/images/galerie/eroeffnung-offenes-labor/"
                                  "eroeffnung-offenes-labor_00001.jpeg\" alt=\"Das Band‚ feierlich\""));
  g_assert_nonnull (strstr (page, "<figcaption>Das Band‚ feierlich</figcaption>"));
  g_assert_nonnull (strstr (page, "<img src=\"/assets/images/galerie/eroeffnung-offenes-labor/"
                                  "eroeffnung-offenes-labor_00002.jpeg\""));
  copied = g_build_filename (out, "assets", "images", "galerie", "eroeffnung-offenes-labor",
                             "eroeffnung-offenes-labor_00002.jpeg", NULL);
  g_assert_true (g_file_test (copied, G_FILE_TEST_IS_REGULAR));

  /* The path shape. */
  {
    g_autofree char *other = g_build_filename (temp_dir, "jekyll-pfad", NULL);
    g_autofree char *other_out = g_build_filename (temp_dir, "jekyll-pfad-out", NULL);
    g_autoptr(GFile) other_file = g_file_new_for_path (other);
    g_autoptr(AushangSite) other_site = NULL;
    g_autoptr(AushangGalleryBlock) other_block = NULL;
    g_autoptr(AushangGalleryPlan) other_plan = NULL;
    g_autofree char *post = g_build_filename (other, "_posts", "2026-05-01-tag-der-offenen-tuer.md", NULL);
    g_autoptr(GFile) post_file = g_file_new_for_path (post);
    g_autofree char *other_text = NULL;
    g_autofree char *other_contents = NULL;
    g_autofree char *other_page = NULL;

    write_file (other, "_config.yml", "title: Pfad\npermalink: /:title/\n");
    write_file (other, "_includes/gallery.html",
                "{% for image in site.static_files %}{% if image.path contains include.gallery_path %}"
                "<img src=\"{{ image.path | relative_url }}\">\n{% endif %}{% endfor %}\n");
    write_file (other, "_posts/2026-04-01-fruehlingsfest.md",
                "---\ntitle: Frühlingsfest\n---\n"
                "{% include gallery.html gallery_path=\"/assets/images/fruehlingsfest\" %}\n");
    write_file (other, "_posts/2026-05-01-tag-der-offenen-tuer.md", "---\ntitle: Tür\n---\nText\n");
    other_site = aushang_site_new (other_file, &error);
    g_assert_no_error (error);
    other_block = aushang_gallery_find_block (other_site);
    other_plan = aushang_gallery_plan_new (other_site, other_block, post_file, sources);
    g_assert_true (aushang_gallery_plan_run (other_plan, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    other_text = aushang_gallery_plan_dup_block_text (other_plan, other_block);
    other_contents = g_strconcat ("---\ntitle: Tür\n---\nText\n\n", other_text, "\n", NULL);
    g_assert_true (g_file_set_contents (post, other_contents, -1, NULL));

    if (!jekyll_build (other, other_out))
      return;
    other_page = read_file (other_out, "tag-der-offenen-tuer", "index.html", NULL);
    g_assert_nonnull (strstr (other_page, "<img src=\"/assets/images/tag-der-offenen-tuer/tag-der-offenen-tuer_00001.jpeg\""));
    g_assert_nonnull (strstr (other_page, "<img src=\"/assets/images/tag-der-offenen-tuer/tag-der-offenen-tuer_00002.jpeg\""));
  }
}

/* A site without a gallery block has none; the corpus's netz39.de has
 * one that finds its pictures itself. */
static void
test_find_block (void)
{
  g_autofree char *folder = g_build_filename (temp_dir, "ohne", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(AushangGalleryBlock) none = NULL;
  g_autoptr(GError) error = NULL;
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  g_autofree char *netz39 = corpus ? g_build_filename (corpus, "netz39__www.netz39.de", NULL) : NULL;

  write_file (folder, "_config.yml", "title: Ohne\n");
  write_file (folder, "_includes/bild.html",
              "<img src=\"{{ include.path }}\" alt=\"{{ include.images }}\">\n");
  site = aushang_site_new (folder_file, &error);
  g_assert_no_error (error);
  none = aushang_gallery_find_block (site);
  g_assert_null (none);

  if (netz39 != NULL && g_file_test (netz39, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (netz39);
      g_autoptr(AushangSite) real = aushang_site_new (file, &error);
      g_autoptr(AushangGalleryBlock) block = NULL;

      g_assert_no_error (error);
      block = aushang_gallery_find_block (real);
      g_assert_nonnull (block);
      g_assert_cmpstr (block->block, ==, "gallery.html");
      g_assert_cmpint (block->shape, ==, AUSHANG_GALLERY_PATH);
      g_assert_cmpstr (block->folder_param, ==, "gallery_path");
    }
}

/* aushang --import-images with several photos prints the gallery block;
 * with one, the Markdown as before. */
static void
test_cli (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(AushangSite) site = example_site ("kommandozeile", &folder);
  g_autofree char *document = g_build_filename (folder, "_beitraege", "eroeffnung-offenes-labor.md", NULL);
  g_autofree char *a = aushang_test_write_camera_photo (temp_dir, "cli-1.jpg", 2400, 1200);
  g_autofree char *b = write_plain_photo ("cli-2.jpg", 300, 200);
  const char *binary = g_getenv ("AUSHANG_CLI_BINARY");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *single_out = NULL;
  g_autofree char *gallery = g_build_filename (folder, "assets", "images", "galerie", "eroeffnung-offenes-labor", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *first = g_build_filename (gallery, "eroeffnung-offenes-labor_00001.jpeg", NULL);
  g_autoptr(GError) error = NULL;
  int status = -1;
  int width = 0, height = 0;

  g_assert_nonnull (binary);
  {
    const char *argv[] = { binary, "--import-images", document, a, b, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
  }
  g_test_message ("stderr: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==,
                   "{% include galerie.html\n"
                   "   folder=\"galerie/eroeffnung-offenes-labor\"\n"
                   "   images=\"eroeffnung-offenes-labor_00001.jpeg,eroeffnung-offenes-labor_00002.jpeg\"\n"
                   "%}\n");
  listing = list_folder (gallery);
  g_assert_cmpstr (listing, ==, "eroeffnung-offenes-labor_00001.jpeg eroeffnung-offenes-labor_00002.jpeg");
  /* Upright and scaled: 2400 × 1200 on its side is 1200 × 2400. */
  g_assert_nonnull (gdk_pixbuf_get_file_info (first, &width, &height));
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 2400);

  {
    const char *argv[] = { binary, "--import-images", document, b, "--alt", "Der Eingang", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &single_out, NULL, &status, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (single_out, "![Der Eingang](/assets/images/"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  temp_dir = g_dir_make_tmp ("aushang-gallery-XXXXXX", NULL);

  g_test_add_func ("/gallery/example-site", test_example_site);
  g_test_add_func ("/gallery/clashes", test_clashes);
  g_test_add_func ("/gallery/cancel", test_cancel);
  g_test_add_func ("/gallery/unreadable-photo", test_unreadable_photo);
  g_test_add_func ("/gallery/path-gallery", test_path_gallery);
  g_test_add_func ("/gallery/find-block", test_find_block);
  g_test_add_func ("/gallery/cli", test_cli);
  g_test_add_func ("/gallery/jekyll", test_jekyll);

  status = g_test_run ();
  aushang_test_delete_path (temp_dir);
  g_free (temp_dir);

  return status;
}
