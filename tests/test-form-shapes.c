/* test-form-shapes.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Documents as a person sees them in the window, under Xvfb: each shown
 * by what names it, without dates where its collection has none; nothing
 * written before saving; each document opening at the top of its form.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "aushang-test-util.h"
#include "aushang-application.h"
#include "aushang-date-row.h"
#include "aushang-form.h"
#include "aushang-nested-row.h"
#include "aushang-recovery.h"
#include "aushang-site-sidebar.h"
#include "aushang-window.h"
#include "aushang-yaml-dialog.h"

static AushangApplication *app;
static char *site_dir;

static void
put (const char *relative,
     const char *contents)
{
  g_autofree char *path = g_build_filename (site_dir, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
site_path (const char *relative)
{
  return g_build_filename (site_dir, relative, NULL);
}

static AushangWindow *
open_window (void)
{
  AushangWindow *window = aushang_window_new (app);
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, folder);
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped, window, 10));
  g_assert_nonnull (aushang_window_get_site (window));

  return window;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
destroy_window (AushangWindow *window)
{
  gpointer weak = window;
  g_autoptr(GFile) file = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  if (aushang_window_get_document (window) != NULL)
    aushang_document_set_modified (aushang_window_get_document (window), FALSE);
  if (aushang_window_get_file (window) != NULL)
    file = g_object_ref (aushang_window_get_file (window));
  gtk_window_destroy (GTK_WINDOW (window));
  aushang_test_wait_until (window_gone, &weak, 5);
  if (file != NULL)
    aushang_recovery_discard (file);
}

typedef gboolean (*WidgetPredicate) (GtkWidget  *widget,
                                     const char *data);

static void
find_widgets (GtkWidget       *root,
              WidgetPredicate  predicate,
              const char      *data,
              GPtrArray       *found)
{
  if (predicate (root, data))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, predicate, data, found);
}

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             const char      *data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_widgets (root, predicate, data, found);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static gboolean
is_label (GtkWidget  *widget,
          const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_window_title (GtkWidget  *widget,
                 const char *title)
{
  return ADW_IS_WINDOW_TITLE (widget) &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), title) == 0;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* Shown titles ------------------------------------------------------------- */

static void open_file (AushangWindow *window,
                       const char    *relative);

static void
test_sidebar_shows_names (void)
{
  AushangWindow *window = open_window ();
  AushangSiteSidebar *sidebar = AUSHANG_SITE_SIDEBAR (aushang_window_get_sidebar (window));
  g_autoptr(GPtrArray) no_dates = g_ptr_array_new ();

  /* People by name:, without "No date" (none of them has one); posts keep
   * their dates. */
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar), is_label, "Jörg Fuchs"));
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar), is_label, "Cloud Engineer"));
  g_assert_null (find_widget (GTK_WIDGET (sidebar), is_label, _("Untitled")));
  find_widgets (GTK_WIDGET (sidebar), is_label, _("No date"), no_dates);
  g_assert_cmpuint (no_dates->len, ==, 0);

  /* The window's title says it too. */
  open_file (window, "_people/fuchs.md");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_window_title, "Jörg Fuchs"));

  /* Search finds what is shown. */
  aushang_site_sidebar_set_search (sidebar, "fuchs");
  aushang_test_spin (50);
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, 1);
  aushang_site_sidebar_set_search (sidebar, "");

  destroy_window (window);
}

/* Dates --------------------------------------------------------------------- */

static gboolean
is_visible_spin_button (GtkWidget  *widget,
                        const char *unused)
{
  return GTK_IS_SPIN_BUTTON (widget) && gtk_widget_get_visible (widget);
}

static guint
count_time_boxes (AushangWindow *window)
{
  GtkWidget *widget = aushang_form_get_field_widget (AUSHANG_FORM (aushang_window_get_form (window)), "date");
  GtkWidget *row;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  g_assert_nonnull (widget);
  row = gtk_widget_get_ancestor (widget, AUSHANG_TYPE_DATE_ROW);
  g_assert_nonnull (row);
  find_widgets (row, is_visible_spin_button, NULL, spins);

  return spins->len;
}

static void
open_file (AushangWindow *window,
           const char    *relative)
{
  g_autofree char *path = site_path (relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  aushang_window_select_file (window, file);
  g_assert_nonnull (aushang_window_get_document (window));
  g_assert_true (g_file_equal (aushang_window_get_file (window), file));
}

static void
test_date_without_time (void)
{
  AushangWindow *window = open_window ();

  /* Most events give a time; the one that gives a day alone gets no time
   * boxes at 00:00, the others keep theirs. */
  open_file (window, "_events/sommerfest.md");
  g_assert_cmpuint (count_time_boxes (window), ==, 0);
  open_file (window, "_events/vortrag.md");
  g_assert_cmpuint (count_time_boxes (window), ==, 2);
  /* Posts write days only: no time boxes either. */
  open_file (window, "_posts/2025-11-04-treffen.md");
  g_assert_cmpuint (count_time_boxes (window), ==, 0);

  destroy_window (window);
}

/* Nothing written before saving ----------------------------------------------- */

static void
test_new_document_writes_nothing (void)
{
  AushangWindow *window = open_window ();
  g_autofree char *folder = site_path ("_berichte");
  g_autofree char *file = site_path ("_berichte/erster-bericht.md");
  g_autoptr(GError) error = NULL;

  /* "Create" in the new-document dialog: the document is open, its
   * collection's folder is not made yet. */
  g_assert_true (aushang_window_new_document (window, "berichte", "Erster Bericht", &error));
  g_assert_no_error (error);
  aushang_test_spin (100);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* The first save makes it. */
  g_assert_true (aushang_window_save (window, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  destroy_window (window);
}

/* Each document opens at the top of its form ---------------------------------- */

static gboolean
is_scrolled_window (GtkWidget  *widget,
                    const char *unused)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

static gboolean
is_row_of (GtkWidget  *widget,
           const char *title)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         find_widget (widget, is_label, title) != NULL;
}

/* Whether @widget is inside the part of @scrolled that shows. */
static gboolean
is_scrolled_into_view (GtkWidget         *widget,
                       GtkScrolledWindow *scrolled)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (scrolled);
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t at;

  if (!gtk_widget_compute_point (widget, viewport, &top, &at))
    return FALSE;

  return at.y >= 0 && at.y + gtk_widget_get_height (widget) <= gtk_widget_get_height (viewport);
}

/* Conditions to wait for: layout comes a frame later, later still on a
 * busy machine. */
typedef struct
{
  GtkWidget         *widget;
  GtkScrolledWindow *scrolled;
  gboolean           in_view;
} ViewCheck;

static gboolean
view_is (gpointer data)
{
  ViewCheck *check = data;

  return is_scrolled_into_view (check->widget, check->scrolled) == check->in_view;
}

static gboolean
form_is_long (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 100;
}

static gboolean
form_at_top (gpointer data)
{
  return gtk_adjustment_get_value (GTK_ADJUSTMENT (data)) == 0;
}

static gboolean
title_is_sommerfest (gpointer data)
{
  GtkWidget *title = aushang_form_get_field_widget (AUSHANG_FORM (data), "title");

  return title != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (title)), "Sommerfest") == 0;
}

static void
test_form_opens_at_top (void)
{
  ViewCheck check = { NULL, };
  AushangWindow *window = open_window ();
  GtkWidget *form = aushang_window_get_form (window);
  AushangSiteSidebar *sidebar = AUSHANG_SITE_SIDEBAR (aushang_window_get_sidebar (window));
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  GtkWidget *title, *row, *focus;

  /* A long form, scrolled to its end. */
  open_file (window, "_events/lang.md");
  scrolled = GTK_SCROLLED_WINDOW (find_widget (form, is_scrolled_window, NULL));
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_assert_true (aushang_test_wait_until (form_is_long, adjustment, 10));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  title = aushang_form_get_field_widget (AUSHANG_FORM (form), "title");
  check.widget = title;
  check.scrolled = scrolled;
  check.in_view = FALSE;
  g_assert_true (aushang_test_wait_until (view_is, &check, 10));

  /* The next one, from the list: at the top, its title in sight; the
   * focus stays in the list, so the arrow keys go on through it. */
  row = find_widget (GTK_WIDGET (sidebar), is_row_of, "Sommerfest");
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (aushang_test_wait_until (title_is_sommerfest, form, 10));
  g_assert_true (aushang_test_wait_until (form_at_top, adjustment, 10));
  check.widget = aushang_form_get_field_widget (AUSHANG_FORM (form), "title");
  check.in_view = TRUE;
  g_assert_true (aushang_test_wait_until (view_is, &check, 10));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));

  destroy_window (window);
}

/* With AUSHANG_TEST_SCREENSHOTS set, a picture of the window in the build
 * folder, to look at. */
static void
maybe_save_screenshot (AushangWindow *window,
                       const char    *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (g_getenv ("AUSHANG_TEST_SCREENSHOTS") == NULL)
    return;

  aushang_test_spin (1500);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("screenshot: %s", path);
}

/* Nested values ---------------------------------------------------------------- */

#define PODCAST_HEAD "---\ntitle: Podcast-Treffen\ndate: 2025-03-01 19:00:00\n"
#define PODCAST_TAIL "offerings:\n  food: Pizza\n  drinks: 'Mate'\n---\nText\n"

/* The document's text, where the values typed here may be written plain
 * or in double quotes (how a new value is quoted is the YAML editor's
 * business, tested there): those quotes are taken away. */
static char *
document_text (AushangWindow *window)
{
  static const char * const typed[] = { "\"Zwei (neu)\"", "\"Suppe\"", "\"Drei\"", NULL };
  g_autoptr(GBytes) bytes = aushang_document_serialize (aushang_window_get_document (window));
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (guint i = 0; typed[i] != NULL; i++)
    {
      g_autofree char *plain = g_strndup (typed[i] + 1, strlen (typed[i]) - 2);

      g_string_replace (text, typed[i], plain, 0);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_nested_values (void)
{
  AushangWindow *window = open_window ();
  AushangForm *form = AUSHANG_FORM (aushang_window_get_form (window));
  AushangNestedRow *podcasts, *offerings;
  g_autofree char *text = NULL;

  open_file (window, "_events/podcast.md");
  podcasts = AUSHANG_NESTED_ROW (aushang_form_get_field_widget (form, "podcasts"));
  offerings = AUSHANG_NESTED_ROW (aushang_form_get_field_widget (form, "offerings"));
  g_assert_cmpuint (aushang_nested_row_get_n_items (podcasts), ==, 2);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (podcasts), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (offerings), TRUE);
  if (g_getenv ("AUSHANG_TEST_SCREENSHOTS") != NULL)
    {
      GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_widget (GTK_WIDGET (form), is_scrolled_window, NULL));
      GtkWidget *viewport = gtk_scrolled_window_get_child (scrolled);
      graphene_point_t at, origin = GRAPHENE_POINT_INIT (0, 0);

      aushang_test_spin (300);
      if (gtk_widget_compute_point (GTK_WIDGET (podcasts), viewport, &origin, &at))
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled),
                                  gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled)) + at.y - 20);
      maybe_save_screenshot (window, "screenshot-nested.png");
    }
  g_assert_null (find_widget (GTK_WIDGET (form), is_label, "[{\"title\":\"Eins\""));

  /* One field of one item: only its line changes. */
  gtk_editable_set_text (GTK_EDITABLE (aushang_nested_row_get_field (podcasts, 1, "title")), "Zwei (neu)");
  gtk_editable_set_text (GTK_EDITABLE (aushang_nested_row_get_field (offerings, -1, "food")), "Suppe");
  /* The item's heading follows its title. */
  g_assert_nonnull (find_widget (GTK_WIDGET (podcasts), is_row_titled, "2. Zwei (neu)"));
  text = document_text (window);
  g_assert_cmpstr (text, ==,
                   PODCAST_HEAD
                   "podcasts:\n"
                   "  # Die Liste\n"
                   "  - title: Eins\n"
                   "    url: https://eins.example\n"
                   "    feed_url: https://eins.example/feed\n"
                   "  - title: Zwei (neu)\n"
                   "    url: https://zwei.example\n"
                   "offerings:\n  food: Suppe\n  drinks: 'Mate'\n---\nText\n");
  g_clear_pointer (&text, g_free);

  /* Add, move, remove: the other items keep their lines. */
  g_assert_true (aushang_nested_row_add_item (podcasts));
  g_assert_cmpuint (aushang_nested_row_get_n_items (podcasts), ==, 3);
  gtk_editable_set_text (GTK_EDITABLE (aushang_nested_row_get_field (podcasts, 2, "title")), "Drei");
  g_assert_true (aushang_nested_row_move_item (podcasts, 2, 0));
  g_assert_true (aushang_nested_row_remove_item (podcasts, 1));
  text = document_text (window);
  g_assert_cmpstr (text, ==,
                   PODCAST_HEAD
                   "podcasts:\n"
                   "  # Die Liste\n"
                   "  - title: Drei\n"
                   "    url: \"\"\n"
                   "    feed_url: \"\"\n"
                   "  - title: Zwei (neu)\n"
                   "    url: https://zwei.example\n"
                   "offerings:\n  food: Suppe\n  drinks: 'Mate'\n---\nText\n");
  g_assert_true (aushang_document_get_modified (aushang_window_get_document (window)));

  /* "Edit as YAML" beside a field: that field's lines alone. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AushangYamlDialog *dialog = NULL;
    GtkTextBuffer *buffer;
    GtkTextIter start, end;
    g_autofree char *shown = NULL;
    g_autofree char *after = NULL;

    g_signal_emit_by_name (offerings, "edit");
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (AUSHANG_IS_YAML_DIALOG (toplevel))
          dialog = AUSHANG_YAML_DIALOG (toplevel);
      }
    g_assert_nonnull (dialog);
    buffer = gtk_text_view_get_buffer (aushang_yaml_dialog_get_view (dialog));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_true (g_str_has_prefix (shown, "offerings:\n  food: "));
    g_assert_true (g_str_has_suffix (shown, "  drinks: 'Mate'\n"));

    gtk_text_buffer_set_text (buffer, "offerings:\n  food: Suppe  # warm\n  drinks: 'Mate'\n  extra: ja\n", -1);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
    aushang_test_spin (100);
    after = document_text (window);
    g_assert_cmpstr (after, ==,
                     PODCAST_HEAD
                     "podcasts:\n"
                     "  # Die Liste\n"
                     "  - title: Drei\n"
                     "    url: \"\"\n"
                     "    feed_url: \"\"\n"
                     "  - title: Zwei (neu)\n"
                     "    url: https://zwei.example\n"
                     "offerings:\n  food: Suppe  # warm\n  drinks: 'Mate'\n  extra: ja\n---\nText\n");
  }

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AUSHANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  gtk_init ();
  adw_init ();

  site_dir = g_dir_make_tmp ("aushang-shapes-XXXXXX", &error);
  g_assert_no_error (error);
  put ("_config.yml",
       "title: Verein\n"
       "collections:\n"
       "  people:\n    output: true\n"
       "  jobs:\n    output: true\n"
       "  events:\n    output: true\n"
       "  berichte:\n    output: true\n");
  put ("_people/fuchs.md", "---\nlayout: person\nname: Jörg Fuchs\nrole: Vorstand\n---\nText\n");
  put ("_people/demir.md", "---\nlayout: person\nname: Aylin Demir\nrole: Vorstand\n---\n");
  put ("_people/schulz.md", "---\nlayout: person\nname: Eva Schulz\nrole: Beisitz\n---\n");
  put ("_jobs/cloud.md", "---\ntitle_slug: Cloud Engineer\nlocation: Berlin\n---\n");
  {
    g_autoptr(GString) lang = g_string_new ("---\ntitle: Langes Fest\ndate: 2025-08-01 18:00:00\n");

    for (guint i = 0; i < 40; i++)
      g_string_append_printf (lang, "feld_%02u: Wert %u\n", i, i);
    g_string_append (lang, "---\nText\n");
    put ("_events/lang.md", lang->str);
  }
  put ("_events/podcast.md",
       PODCAST_HEAD
       "podcasts:\n"
       "  # Die Liste\n"
       "  - title: Eins\n"
       "    url: https://eins.example\n"
       "    feed_url: https://eins.example/feed\n"
       "  - title: Zwei\n"
       "    url: https://zwei.example\n"
       PODCAST_TAIL);
  put ("_events/sommerfest.md", "---\ntitle: Sommerfest\ndate: 2025-07-04\n---\n");
  put ("_events/vortrag.md", "---\ntitle: Vortrag\ndate: 2025-06-01 19:00:00\n---\n");
  put ("_events/workshop.md", "---\ntitle: Workshop\ndate: 2025-05-01 10:00:00\n---\n");
  put ("_posts/2025-11-04-treffen.md", "---\ntitle: Treffen\ndate: 2025-11-04\n---\nText\n");

  app = aushang_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/form-shapes/sidebar-shows-names", test_sidebar_shows_names);
  g_test_add_func ("/form-shapes/date-without-time", test_date_without_time);
  g_test_add_func ("/form-shapes/new-document-writes-nothing", test_new_document_writes_nothing);
  g_test_add_func ("/form-shapes/form-opens-at-top", test_form_opens_at_top);
  g_test_add_func ("/form-shapes/nested-values", test_nested_values);

  status = g_test_run ();

  g_clear_object (&app);
  aushang_test_delete_path (site_dir);
  g_free (site_dir);

  return status;
}
