/* test-gallery-window.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Gallery from Photos…" in the editor, on the example site: the dialog
 * lists the photos with a caption each, takes them in with a progress bar
 * and inserts the site's gallery block at the cursor; the scaled files are
 * in the site. A screenshot of the dialog is saved (gallery-dialog.png in
 * AUSHANG_SCREENSHOT_DIR, else the test build folder).
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "aushang-editor.h"
#include "aushang-entry-row.h"
#include "aushang-gallery-dialog.h"
#include "aushang-resources.h"
#include "aushang-test-util.h"

#define TIMEOUT_SECONDS 60

static char *temp_dir;
static GtkWidget *window;
static AushangEditor *editor;
static GtkTextBuffer *buffer;

static char *
dup_text (void)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type,
           guint     *skip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*skip == 0)
        return widget;
      (*skip)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type, skip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The @index-th widget of @type inside @widget. */
static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint      index)
{
  return find_type (widget, type, &index);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *dir = g_getenv ("AUSHANG_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static char *
write_photo (const char *name,
             int         width,
             int         height,
             guint32     color)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (temp_dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, color);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);

  return path;
}

static AushangSite *
open_document (const char *site_name,
               const char *relative)
{
  g_autofree char *path = g_build_filename (temp_dir, site_name, relative, NULL);
  g_autofree char *site_path = g_build_filename (temp_dir, site_name, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (site_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  AushangSite *site;

  site = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  document = aushang_document_load (file, &error);
  g_assert_no_error (error);
  aushang_editor_set_document (editor, site, document);

  return site;
}

static gboolean
all_thumbnails (gpointer data)
{
  GtkWidget *dialog = data;
  GtkWidget *picture;

  for (guint i = 0; (picture = find_nth (dialog, GTK_TYPE_PICTURE, i)) != NULL; i++)
    if (gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
      return FALSE;

  return TRUE;
}

/* The file chooser, once it is shown. */
static gboolean
find_chooser (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        {
          *(GtkWidget **) data = GTK_WIDGET (item);
          return TRUE;
        }
    }

  return FALSE;
}

/* A message dialog, once it is shown. */
static gboolean
find_message (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        {
          *(GtkWidget **) data = GTK_WIDGET (item);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
file_exists_cb (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
progress_text_cb (GtkProgressBar *bar,
                  GParamSpec     *pspec,
                  GPtrArray      *texts)
{
  g_ptr_array_add (texts, g_strdup (gtk_progress_bar_get_text (bar)));
}

static void
test_example_site (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autofree char *site_path = g_build_filename (temp_dir, "beispiel", NULL);
  g_autoptr(AushangSite) site = NULL;
  g_autofree char *document_path = NULL;
  g_autoptr(GFile) document_file = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  /* As chosen: not in order. The dialog shows them by name. */
  const char *names[] = { "IMG_2047.JPG", "IMG_2041.JPG", "IMG_2042.JPG" };
  const guint32 colors[] = { 0x40a060ff, 0x3080c0ff, 0xc08030ff };
  AushangGalleryDialog *dialog;
  gpointer dialog_pointer;
  GtkWidget *caption, *bar, *label;
  GtkWidget *chooser = NULL;
  GtkTextIter end;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  aushang_test_copy_path (source, site_path);
  document_path = g_build_filename (site_path, "_beitraege", "eroeffnung-offenes-labor.md", NULL);
  document_file = g_file_new_for_path (document_path);
  site = open_document ("beispiel", "_beitraege/eroeffnung-offenes-labor.md");

  /* The example site has a gallery block: the editor offers it, and asks
   * for several photos at once. */
  g_assert_true (aushang_gallery_dialog_site_has_gallery (site));
  {
    /* "Gallery from Photos…" sits in the building-block menu right after
     * the gallery block's own row ("Galerie"). */
    GtkWidget *button = find_nth (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON, 0);
    GtkWidget *popover, *row, *before = NULL;
    guint n = 0;

    g_assert_nonnull (button);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    while ((row = find_nth (popover, ADW_TYPE_ACTION_ROW, n++)) != NULL &&
           g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Gallery from Photos…") != 0)
      before = row;
    g_assert_nonnull (row);
    g_assert_nonnull (before);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (before)), ==, "Galerie");
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "editor.gallery");
    g_signal_emit_by_name (row, "activate");
  }
  g_assert_true (aushang_test_wait_until (find_chooser, &chooser, TIMEOUT_SECONDS));
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  aushang_test_spin (100);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = write_photo (names[i], i == 1 ? 3200 : 2400, i == 1 ? 2400 : 1600, colors[i]);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  /* At the end of the text. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  text = dup_text ();

  dialog = aushang_gallery_dialog_new (GTK_TEXT_VIEW (aushang_editor_get_view (editor)), site, document_file, files);
  g_assert_nonnull (dialog);
  dialog_pointer = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &dialog_pointer);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped, dialog, TIMEOUT_SECONDS));
  g_assert_true (aushang_test_wait_until (all_thumbnails, dialog, TIMEOUT_SECONDS));

  /* It says where the photos go and how they are named. */
  for (guint i = 0; (label = find_nth (GTK_WIDGET (dialog), GTK_TYPE_LABEL, i)) != NULL; i++)
    if (gtk_label_get_wrap (GTK_LABEL (label)) && strstr (gtk_label_get_text (GTK_LABEL (label)), "photos") != NULL)
      break;
  g_assert_nonnull (label);
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                            "assets/images/galerie/eroeffnung-offenes-labor"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "eroeffnung-offenes-labor_00001.jpeg"));

  /* A caption for the first and the last photo. */
  caption = find_nth (GTK_WIDGET (dialog), AUSHANG_TYPE_ENTRY_ROW, 0);
  g_assert_nonnull (caption);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (caption)), ==, "Caption for IMG_2041.JPG");
  gtk_editable_set_text (GTK_EDITABLE (caption), "Das Band wird durchgeschnitten");
  caption = find_nth (GTK_WIDGET (dialog), AUSHANG_TYPE_ENTRY_ROW, 2);
  g_assert_nonnull (caption);
  gtk_editable_set_text (GTK_EDITABLE (caption), "Die ersten Gäste, an der Werkbank");
  g_assert_null (find_nth (GTK_WIDGET (dialog), AUSHANG_TYPE_ENTRY_ROW, 3));
  /* The rows' title animations are over. */
  aushang_test_spin (1000);
  save_screenshot (GTK_WIDGET (dialog), "gallery-dialog.png");

  bar = find_nth (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR, 0);
  g_assert_nonnull (bar);
  g_signal_connect (bar, "notify::text", G_CALLBACK (progress_text_cb), texts);

  /* Enter in a caption goes on to the next one; in the last it inserts
   * the gallery, as the button does. */
  {
    GtkWidget *first = find_nth (GTK_WIDGET (dialog), AUSHANG_TYPE_ENTRY_ROW, 0);
    GtkWidget *second = find_nth (GTK_WIDGET (dialog), AUSHANG_TYPE_ENTRY_ROW, 1);
    GtkWidget *focus;
#if AUSHANG_ENTRY_ROW_IS_ADW_ENTRY_ROW
    const char *enter = "entry-activated";
#else
    const char *enter = "activate";
#endif

    g_signal_emit_by_name (aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (first)), enter);
    aushang_test_spin (100);
    g_assert_nonnull (dialog_pointer);
    focus = gtk_root_get_focus (GTK_ROOT (dialog));
    g_assert_true (focus != NULL && (focus == second || gtk_widget_is_ancestor (focus, second)));
    g_signal_emit_by_name (aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (caption)), enter);
  }
  g_assert_true (aushang_test_wait_until (is_null, &dialog_pointer, TIMEOUT_SECONDS));

  /* "0 of 3 photos" … "3 of 3 photos". */
  g_assert_cmpuint (texts->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (texts, texts->len - 1), ==, "3 of 3 photos");

  /* The block, after the text, on lines of its own. */
  expected = g_strconcat (text,
                          g_str_has_suffix (text, "\n\n") ? "" : (g_str_has_suffix (text, "\n") ? "\n" : "\n\n"),
                          "{% include galerie.html\n"
                          "   folder=\"galerie/eroeffnung-offenes-labor\"\n"
                          "   images=\"eroeffnung-offenes-labor_00001.jpeg|Das Band wird durchgeschnitten,"
                          "eroeffnung-offenes-labor_00002.jpeg,"
                          "eroeffnung-offenes-labor_00003.jpeg|Die ersten Gäste‚ an der Werkbank\"\n"
                          "%}\n",
                          NULL);
  g_free (text);
  text = dup_text ();
  g_assert_cmpstr (text, ==, expected);

  /* The files: scaled down to the site's width. */
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("eroeffnung-offenes-labor_%05u.jpeg", i);
      g_autofree char *path = g_build_filename (site_path, "assets", "images", "galerie",
                                                "eroeffnung-offenes-labor", name, NULL);
      int width = 0, height = 0;

      g_assert_nonnull (gdk_pixbuf_get_file_info (path, &width, &height));
      g_assert_cmpint (width, ==, 1600);
      g_assert_cmpint (height, ==, i == 1 ? 1200 : 1067);
    }
}

/* A photo that cannot be read: the others are taken in, and a message
 * names it. */
static void
test_unreadable (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autofree char *site_path = g_build_filename (temp_dir, "beispiel-2", NULL);
  g_autoptr(AushangSite) site = NULL;
  g_autofree char *document_path = g_build_filename (temp_dir, "beispiel-2", "_beitraege",
                                                     "offene-daten-werkstatt.md", NULL);
  g_autoptr(GFile) document_file = g_file_new_for_path (document_path);
  g_autofree char *good = write_photo ("gut.jpg", 800, 600, 0x3080c0ff);
  g_autofree char *broken = g_build_filename (temp_dir, "kaputt.jpg", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  AushangGalleryDialog *dialog;
  gpointer dialog_pointer;
  GtkWidget *message = NULL;
  g_autofree char *text = NULL;
  GtkTextIter end;

  aushang_test_copy_path (source, site_path);
  site = open_document ("beispiel-2", "_beitraege/offene-daten-werkstatt.md");
  g_assert_true (g_file_set_contents (broken, "kein Bild", -1, NULL));
  g_ptr_array_add (files, g_file_new_for_path (broken));
  g_ptr_array_add (files, g_file_new_for_path (good));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  dialog = aushang_gallery_dialog_new (GTK_TEXT_VIEW (aushang_editor_get_view (editor)), site, document_file, files);
  dialog_pointer = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &dialog_pointer);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "gallery.import", NULL));
  g_assert_true (aushang_test_wait_until (is_null, &dialog_pointer, TIMEOUT_SECONDS));

  g_assert_true (aushang_test_wait_until (find_message, &message, TIMEOUT_SECONDS));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "A Photo Was Left Out");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "kaputt.jpg"));
  aushang_test_spin (500);
  save_screenshot (message, "gallery-left-out.png");
  gtk_window_destroy (GTK_WINDOW (message));

  text = dup_text ();
  g_assert_true (g_str_has_suffix (text, "{% include galerie.html\n"
                                         "   folder=\"galerie/offene-daten-werkstatt\"\n"
                                         "   images=\"offene-daten-werkstatt_00001.jpeg\"\n"
                                         "%}\n"));
}

/* A site without a gallery block: the editor does not offer one. */
static void
test_no_gallery (void)
{
  g_autofree char *site_path = g_build_filename (temp_dir, "ohne", NULL);
  g_autofree char *posts = g_build_filename (site_path, "_posts", NULL);
  g_autofree char *config = g_build_filename (site_path, "_config.yml", NULL);
  g_autofree char *post = g_build_filename (posts, "2026-06-14-sommerfest.md", NULL);
  g_autoptr(AushangSite) site = NULL;
  GtkWidget *chooser = NULL;

  g_assert_cmpint (g_mkdir_with_parents (posts, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, "title: Ohne\n", -1, NULL));
  g_assert_true (g_file_set_contents (post, "---\ntitle: Sommerfest\n---\nText\n", -1, NULL));
  site = open_document ("ohne", "_posts/2026-06-14-sommerfest.md");
  g_assert_false (aushang_gallery_dialog_site_has_gallery (site));
  /* The action is off: no file chooser comes. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.gallery", NULL);
  aushang_test_spin (300);
  g_assert_false (find_chooser (&chooser));
}

/* The gallery dialog, once it is shown. */
static gboolean
find_gallery_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (AUSHANG_IS_GALLERY_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        {
          *(GtkWidget **) data = GTK_WIDGET (item);
          return TRUE;
        }
    }

  return FALSE;
}

/* Drops @files onto the editor's text, as from the file manager. */
static void
drop_files (GSList *files)
{
  GtkWidget *view = GTK_WIDGET (aushang_editor_get_view (editor));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), NULL)[0] == GDK_TYPE_FILE_LIST)
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
}

/* Several photos dropped onto the text of a site with a gallery block
 * become a gallery (the dialog, with a caption row each); one photo stays
 * one picture with its description. */
static void
test_drop_several (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autofree char *site_path = g_build_filename (temp_dir, "beispiel-3", NULL);
  g_autofree char *first = write_photo ("DSC_0001.JPG", 800, 600, 0x3080c0ff);
  g_autofree char *second = write_photo ("DSC_0002.JPG", 800, 600, 0xc08030ff);
  g_autoptr(GFile) first_file = g_file_new_for_path (first);
  g_autoptr(GFile) second_file = g_file_new_for_path (second);
  g_autoptr(AushangSite) site = NULL;
  GSList two[2] = { { first_file, &two[1] }, { second_file, NULL } };
  GSList one = { first_file, NULL };
  GtkWidget *dialog = NULL;
  GtkWidget *message = NULL;

  aushang_test_copy_path (source, site_path);
  site = open_document ("beispiel-3", "_beitraege/eroeffnung-offenes-labor.md");

  drop_files (two);
  g_assert_true (aushang_test_wait_until (find_gallery_dialog, &dialog, TIMEOUT_SECONDS));
  g_assert_nonnull (find_nth (dialog, AUSHANG_TYPE_ENTRY_ROW, 1));
  g_assert_null (find_nth (dialog, AUSHANG_TYPE_ENTRY_ROW, 2));
  g_assert_false (find_message (&message));
  gtk_window_destroy (GTK_WINDOW (dialog));
  aushang_test_spin (100);

  dialog = NULL;
  drop_files (&one);
  g_assert_true (aushang_test_wait_until (find_message, &message, TIMEOUT_SECONDS));
  g_assert_false (find_gallery_dialog (&dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "cancel");
  aushang_test_spin (100);
}

/* The dialog destroyed while the photos are written (with its window):
 * the import still ends in whole files and the block where the cursor
 * was (the first line here, an empty one: it separates the block from the
 * text), and nothing goes wrong. */
static void
test_destroyed_while_importing (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autofree char *site_path = g_build_filename (temp_dir, "beispiel-zerstoert", NULL);
  g_autofree char *document_path = g_build_filename (site_path, "_beitraege", "repair-cafe-im-labor.md", NULL);
  g_autoptr(GFile) document_file = g_file_new_for_path (document_path);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  AushangGalleryDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *last = g_build_filename (site_path, "assets", "images", "galerie", "repair-cafe-im-labor",
                                            "repair-cafe-im-labor_00004.jpeg", NULL);

  aushang_test_copy_path (source, site_path);
  site = open_document ("beispiel-zerstoert", "_beitraege/repair-cafe-im-labor.md");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("gross-%u.jpg", i);
      g_autofree char *path = write_photo (name, 3000, 2000, 0x808080ff);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  before = dup_text ();

  dialog = aushang_gallery_dialog_new (GTK_TEXT_VIEW (aushang_editor_get_view (editor)), site, document_file, files);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "gallery.import", NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (aushang_test_wait_until (file_exists_cb, last, TIMEOUT_SECONDS));
  aushang_test_spin (500);
  after = dup_text ();
  g_assert_true (g_str_has_prefix (before, "\nEin Gerät streikt"));
  expected = g_strconcat ("{% include galerie.html\n"
                          "   folder=\"galerie/repair-cafe-im-labor\"\n"
                          "   images=\"repair-cafe-im-labor_00001.jpeg,repair-cafe-im-labor_00002.jpeg,"
                          "repair-cafe-im-labor_00003.jpeg,repair-cafe-im-labor_00004.jpeg\"\n"
                          "%}\n", before, NULL);
  g_assert_cmpstr (after, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  adw_init ();
  temp_dir = g_dir_make_tmp ("aushang-gallery-window-XXXXXX", NULL);
  g_assert_nonnull (aushang_get_resource ());

  editor = AUSHANG_EDITOR (aushang_editor_new ());
  buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/gallery-window/example-site", test_example_site);
  g_test_add_func ("/gallery-window/unreadable", test_unreadable);
  g_test_add_func ("/gallery-window/no-gallery", test_no_gallery);
  g_test_add_func ("/gallery-window/drop-several", test_drop_several);
  g_test_add_func ("/gallery-window/destroyed-while-importing", test_destroyed_while_importing);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  aushang_test_delete_path (temp_dir);
  g_free (temp_dir);

  return status;
}
