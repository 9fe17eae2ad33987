/* test-editor-toolbar.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "aushang-test-util.h"
#include "aushang-application.h"
#include "aushang-block-dialog.h"
#include "aushang-editor.h"
#include "aushang-overflow-box.h"
#include "aushang-picker.h"
#include "aushang-recovery.h"
#include "aushang-window.h"

/* The editor's toolbar and building blocks in the real window, as a new
 * user meets them: at the default window width and narrower, the block
 * menu in the order the site uses its blocks, the block dialog. */

#define POST "_beitraege/repair-cafe-im-labor.md"

static AushangApplication *app;
static char *site_dir;

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static AushangWindow *
open_document (const char *relative,
               int         width)
{
  AushangWindow *window = aushang_window_new (app);
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autofree char *path = g_build_filename (site_dir, relative, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* 0: the window's default size (1100×740, the settings' default). */
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, 740);
  gtk_window_present (GTK_WINDOW (window));
  aushang_window_open (window, folder);
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped, window, 10));
  aushang_window_select_file (window, file);
  g_assert_nonnull (aushang_window_get_document (window));
  /* The "Text" tab, as a person clicks it. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (aushang_window_get_editor (window),
                                                                                  ADW_TYPE_VIEW_STACK)),
                                         "text");
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped,
                                          aushang_window_get_editor (window), 10));
  /* The main view's change from the welcome page is animated. */
  aushang_test_spin (1000);

  return window;
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

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;
  const char *dir = g_getenv ("AUSHANG_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : g_getenv ("G_TEST_BUILDDIR"), name, NULL);

  /* Drawn once more after the last change; the window may still be
   * laying out (the preview loading): then a moment later. */
  for (guint tries = 0; tries < 20 && node == NULL; tries++)
    {
      g_autoptr(GtkSnapshot) attempt = gtk_snapshot_new ();

      gtk_widget_queue_draw (widget);
      aushang_test_spin (150);
      gdk_paintable_snapshot (paintable, attempt, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&attempt));
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The labels and actions of the "…" menu, opened as a person does. */
static GMenuModel *
open_overflow_menu (AushangOverflowBox *toolbar)
{
  GtkWidget *button = aushang_overflow_box_get_menu_button (toolbar);
  GtkPopover *popover;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (GTK_IS_POPOVER_MENU (popover));

  return gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
}

static gboolean
menu_has (GMenuModel *menu,
          const char *label,
          const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_label = NULL;
      g_autofree char *item_action = NULL;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action);
      if (g_strcmp0 (item_label, label) == 0 && g_strcmp0 (item_action, action) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Each of Undo, Redo and Find is either whole in the toolbar or in its
 * "…" menu: nothing is cut off without a sign. */
static void
assert_all_reachable (AushangOverflowBox *toolbar,
                      guint              *hidden)
{
  static const struct { const char *action; const char *label; } actions[] = {
    { "editor.bold", "Bold" },
    { "editor.italic", "Italic" },
    { "editor.link", "Link" },
    { "editor.image", "Image" },
    { "editor.undo", "Undo" },
    { "editor.redo", "Redo" },
    { "editor.find", "Find" },
  };
  GtkWidget *menu_button = aushang_overflow_box_get_menu_button (toolbar);
  GMenuModel *menu = NULL;
  graphene_rect_t toolbar_bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (toolbar), GTK_WIDGET (toolbar), &toolbar_bounds));

  *hidden = 0;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = find_action_button (GTK_WIDGET (toolbar), actions[i].action);
      graphene_rect_t bounds;

      g_assert_nonnull (button);
      if (aushang_overflow_box_child_is_shown (toolbar, button))
        {
          /* Whole, inside the toolbar. */
          g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (toolbar), &bounds));
          g_assert_true (graphene_rect_contains_rect (&toolbar_bounds, &bounds));
          g_assert_cmpint (gtk_widget_get_width (button), >=, 16);
          continue;
        }

      (*hidden)++;
      g_assert_true (gtk_widget_get_child_visible (menu_button));
      if (menu == NULL)
        menu = open_overflow_menu (toolbar);
      g_assert_true (menu_has (menu, actions[i].label, actions[i].action));
    }

  if (*hidden == 0)
    g_assert_false (gtk_widget_get_child_visible (menu_button));
  if (menu != NULL)
    gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
}

static void
test_toolbar_default_width (void)
{
  AushangWindow *window = open_document (POST, 0);
  GtkWidget *editor = aushang_window_get_editor (window);
  AushangOverflowBox *toolbar = AUSHANG_OVERFLOW_BOX (find_type (editor, AUSHANG_TYPE_OVERFLOW_BOX));
  GtkWidget *link;
  guint hidden;

  assert_all_reachable (toolbar, &hidden);
  g_test_message ("at the default width %d px, %u of the toolbar's actions are in its menu",
                  gtk_widget_get_width (GTK_WIDGET (window)), hidden);

  /* The link button shows GNOME's chain link, not the pin that looks
   * like strikethrough, and tells its shortcut. */
  link = find_action_button (GTK_WIDGET (toolbar), "editor.link");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (link)), ==, "chain-link-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (link)),
                                          "chain-link-symbolic"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (link), ==, "Link (Ctrl+K)");

  save_screenshot (GTK_WIDGET (window), "blocks-toolbar-default-width.png");
  destroy_window (window);
}

static gboolean
search_shown (gpointer data)
{
  GtkWidget *bar = find_type (data, GTK_TYPE_SEARCH_BAR);

  return bar != NULL && gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar));
}

static void
test_toolbar_narrow (void)
{
  AushangWindow *window = open_document (POST, 720);
  GtkWidget *editor = aushang_window_get_editor (window);
  AushangOverflowBox *toolbar = AUSHANG_OVERFLOW_BOX (find_type (editor, AUSHANG_TYPE_OVERFLOW_BOX));
  GtkWidget *menu_button = aushang_overflow_box_get_menu_button (toolbar);
  GMenuModel *menu;
  guint hidden;

  /* Narrow: Undo, Redo and Find went into the "…" menu, which says so. */
  assert_all_reachable (toolbar, &hidden);
  g_assert_cmpuint (hidden, >=, 3);
  g_assert_true (gtk_widget_get_child_visible (menu_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "More Actions");
  save_screenshot (GTK_WIDGET (window), "blocks-toolbar-narrow.png");

  /* Its items work: Find opens the search. */
  menu = open_overflow_menu (toolbar);
  g_assert_true (menu_has (menu, "Find", "editor.find"));
  g_assert_true (gtk_widget_activate_action (menu_button, "editor.find", NULL));
  g_assert_true (aushang_test_wait_until (search_shown, editor, 5));
  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));

  /* Wide again: all of them back in the row, no menu. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 740);
  aushang_test_spin (300);
  assert_all_reachable (toolbar, &hidden);
  g_assert_cmpuint (hidden, ==, 0);

  destroy_window (window);
}

static GtkWidget *
block_popover (AushangEditor *editor)
{
  /* The first menu button of the editor: "Building Block". */
  GtkWidget *button = find_type (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);

  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

static void
test_block_menu (void)
{
  AushangWindow *window = open_document (POST, 0);
  AushangEditor *editor = AUSHANG_EDITOR (aushang_window_get_editor (window));
  GtkWidget *popover = block_popover (editor);
  GtkWidget *list = find_type (popover, GTK_TYPE_LIST_BOX);
  /* Beside the gallery block: the same with photos from a folder. */
  const char *order[] = { "Anmeldung", "Button", "Galerie", "Gallery from Photos…", "Video", "Zitat" };
  GtkWidget *row;
  guint i = 0;

  /* Most used first (anmeldung and button twice), then by name; each
   * described in plain words from its comment, never as Liquid. */
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!ADW_IS_ACTION_ROW (child))
        continue;
      g_assert_cmpuint (i, <, G_N_ELEMENTS (order));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), ==, order[i]);
      g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child)) ?: "", "{%"));
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (order));

  row = find_row (popover, ADW_TYPE_ACTION_ROW, "Galerie");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Bildergalerie");
  row = find_row (popover, ADW_TYPE_ACTION_ROW, "Gallery from Photos…");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "editor.gallery");
  row = find_row (popover, ADW_TYPE_ACTION_ROW, "Anmeldung");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Anmeldung zu einer Veranstaltung (Kasten mit Link zum Ticketshop)");
  /* Every block of the example site is used: nothing under "More". */
  g_assert_null (find_type (popover, ADW_TYPE_EXPANDER_ROW));

  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (popover)));
  aushang_test_spin (300);
  save_screenshot (popover, "blocks-menu.png");
  gtk_popover_popdown (GTK_POPOVER (popover));

  destroy_window (window);
}

/* A site with layout parts beside its blocks: they wait under "More". */
static void
test_block_menu_more (void)
{
  g_autofree char *includes = g_build_filename (site_dir, "_includes", NULL);
  g_autofree char *card = g_build_filename (includes, "post-card.html", NULL);
  g_autofree char *head = g_build_filename (includes, "head.html", NULL);
  AushangWindow *window;
  AushangEditor *editor;
  GtkWidget *popover;
  GtkWidget *more;
  GtkWidget *row;

  g_assert_true (g_file_set_contents (card, "{% comment %}\n  Usage: {% include post-card.html post=post %}\n{% endcomment %}\n<div class=\"card\">{{ include.post.title }}</div>\n", -1, NULL));
  g_assert_true (g_file_set_contents (head, "<head><title>{{ page.title }}</title></head>\n", -1, NULL));

  window = open_document (POST, 0);
  editor = AUSHANG_EDITOR (aushang_window_get_editor (window));
  popover = block_popover (editor);

  more = find_type (popover, ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (more);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (more)), ==, "More");
  /* The last row of the menu. */
  g_assert_true (gtk_widget_get_next_sibling (more) == NULL);

  /* Named in words, the usage text left out. */
  row = find_row (more, ADW_TYPE_ACTION_ROW, "Post card");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) ?: "", ==, "");
  g_assert_nonnull (find_row (more, ADW_TYPE_ACTION_ROW, "Head"));
  g_assert_null (find_row (more, ADW_TYPE_ACTION_ROW, "Anmeldung"));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (more), TRUE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (popover)));
  aushang_test_spin (300);
  save_screenshot (popover, "blocks-menu-more.png");
  gtk_popover_popdown (GTK_POPOVER (popover));

  destroy_window (window);
  g_remove (card);
  g_remove (head);
}

static AushangBlockDialog *
find_block_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (AUSHANG_IS_BLOCK_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return AUSHANG_BLOCK_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
no_block_dialog (gpointer data)
{
  return find_block_dialog () == NULL;
}

static AushangBlockDialog *
choose_block (AushangEditor *editor,
              const char    *title)
{
  GtkWidget *popover = block_popover (editor);
  GtkWidget *row = find_row (popover, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX), "row-activated", row);
  aushang_test_spin (200);
  g_assert_nonnull (find_block_dialog ());

  return find_block_dialog ();
}

static GtkWidget *
focused_row (AushangBlockDialog *dialog)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  g_assert_nonnull (focus);

  return gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);
}

static char *
dup_cursor_line (AushangEditor *editor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
  gtk_text_iter_set_line_offset (&start, 0);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
test_block_dialog (void)
{
  g_autofree char *map = g_build_filename (site_dir, "_includes", "karte.html", NULL);
  g_autofree char *post = g_build_filename (site_dir, "_posts", "2026-01-01-karte.md", NULL);
  AushangWindow *window;
  AushangEditor *editor;
  AushangBlockDialog *dialog;
  GtkWidget *row;
  GtkWidget *picker_button;
  GtkPopover *picker;
  GtkWidget *list;
  GtkWidget *choice = NULL;
  g_autofree char *line = NULL;

  /* A block whose file reads an optional parameter first. */
  g_assert_true (g_file_set_contents (map,
                                      "{% comment %}\n  Karte eines Ortes.\n"
                                      "  zoom – optional: Vergrößerung\n  ort – Adresse (Pflicht)\n{% endcomment %}\n"
                                      "<div data-zoom=\"{{ include.zoom }}\">{{ include.ort }}</div>\n", -1, NULL));
  g_assert_true (g_file_set_contents (post, "---\ntitle: Karte\n---\n{% include karte.html ort=\"Markt 1\" %}\n", -1, NULL));

  window = open_document (POST, 0);
  editor = AUSHANG_EDITOR (aushang_window_get_editor (window));

  /* The focus starts in the parameter every use passes, not in the
   * optional one above it. */
  dialog = choose_block (editor, "Karte");
  row = focused_row (dialog);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Adresse (required)");
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, "Vergrößerung"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (aushang_test_wait_until (no_block_dialog, NULL, 5));

  /* The button's target: documents pass site files ("/assets/dateien/…"),
   * so a file picker sits beside it; not beside its text. */
  dialog = choose_block (editor, "Button");
  row = focused_row (dialog);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Ziel des Links (required)");
  g_assert_nonnull (find_type (row, GTK_TYPE_MENU_BUTTON));
  /* Its text has a default ("(Standard: …)" in the comment): optional. */
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, "Beschriftung des Knopfes");
  g_assert_nonnull (row);
  g_assert_null (find_type (row, GTK_TYPE_MENU_BUTTON));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (aushang_test_wait_until (no_block_dialog, NULL, 5));

  /* The gallery: its folder is picked from the site's image folders. The
   * dialog is named as the menu names the block, its comment below. */
  dialog = choose_block (editor, "Galerie");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Insert “Galerie”");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, "Bildergalerie");
  /* The folder has a default (include.folder | default: …), so the
   * focus starts in the images, which every use passes. */
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW,
                  "Ordner unterhalb von /assets/images/");
  g_assert_nonnull (row);
  g_assert_true (focused_row (dialog) == find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW,
                                                   "die Bilder (required)"));
  picker_button = find_type (row, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (picker_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (picker_button));
  aushang_test_spin (200);
  picker = gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker_button));
  g_assert_true (AUSHANG_IS_PICKER (picker));
  list = find_type (GTK_WIDGET (picker), GTK_TYPE_LIST_BOX);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "aushang-value"), "galerie/reparaturcafe") == 0)
      choice = child;
  g_assert_nonnull (choice);
  g_signal_emit_by_name (list, "row-activated", choice);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "galerie/reparaturcafe");
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW,
                                                 "die Bilder (required)")),
                         "toaster.jpg");

  save_screenshot (GTK_WIDGET (dialog), "blocks-dialog-gallery.png");
  /* As a person does: the Insert button. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Insert"), "clicked");
  g_assert_true (aushang_test_wait_until (no_block_dialog, NULL, 5));

  line = dup_cursor_line (editor);
  g_assert_cmpstr (line, ==, "{% include galerie.html folder=\"galerie/reparaturcafe\" images=\"toaster.jpg\" %}");

  destroy_window (window);
  g_remove (map);
  g_remove (post);
}

static void
test_heading_button (void)
{
  AushangWindow *window = open_document (POST, 0);
  AushangEditor *editor = AUSHANG_EDITOR (aushang_window_get_editor (window));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  GtkWidget *button = find_action_button (GTK_WIDGET (editor), "editor.section-heading");
  GtkTextIter start, match_start, match_end;
  g_autofree char *line = NULL;

  /* The site's Beiträge start their sections with ###: the Heading button
   * writes that; Ctrl+2 still makes ##. */
  g_assert_nonnull (button);
  g_assert_cmpuint (aushang_editor_get_section_level (editor), ==, 3);
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "An diesem Nachmittag", 0, &match_start, &match_end, NULL));
  gtk_text_buffer_place_cursor (buffer, &match_end);
  g_signal_emit_by_name (button, "clicked");
  line = dup_cursor_line (editor);
  g_assert_true (g_str_has_prefix (line, "### An diesem Nachmittag"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.heading", "i", 2));
  g_free (line);
  line = dup_cursor_line (editor);
  g_assert_true (g_str_has_prefix (line, "## An diesem Nachmittag"));

  destroy_window (window);

  /* A post: the site's posts use ##. */
  window = open_document ("_posts/2026-04-17-neuer-lasercutter.md", 0);
  editor = AUSHANG_EDITOR (aushang_window_get_editor (window));
  g_assert_cmpuint (aushang_editor_get_section_level (editor), ==, 2);
  destroy_window (window);
}

/* The one GTK 4.8 warning that timing alone brings is let through;
 * any other critical still ends the test. */
static void
test_gtk_race_not_fatal (void)
{
  if (g_test_subprocess ())
    {
      aushang_test_allow_gtk_races ();
      gdk_surface_get_device_position (NULL, NULL, NULL, NULL, NULL);
      if (g_strcmp0 (g_getenv ("AUSHANG_TEST_OTHER_CRITICAL"), "1") == 0)
        gtk_widget_get_width (NULL);
      g_print ("went on\n");
      return;
    }

  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*went on*");

  g_setenv ("AUSHANG_TEST_OTHER_CRITICAL", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_unsetenv ("AUSHANG_TEST_OTHER_CRITICAL");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*gtk_widget_get_width*");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *source = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
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

  site_dir = g_dir_make_tmp ("aushang-toolbar-XXXXXX", &error);
  g_assert_no_error (error);
  aushang_test_copy_path (source, site_dir);

  app = aushang_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/editor-toolbar/default-width", test_toolbar_default_width);
  g_test_add_func ("/editor-toolbar/narrow", test_toolbar_narrow);
  g_test_add_func ("/editor-toolbar/block-menu", test_block_menu);
  g_test_add_func ("/editor-toolbar/block-menu-more", test_block_menu_more);
  g_test_add_func ("/editor-toolbar/block-dialog", test_block_dialog);
  g_test_add_func ("/editor-toolbar/heading-button", test_heading_button);
  g_test_add_func ("/editor-toolbar/gtk-race-not-fatal", test_gtk_race_not_fatal);

  status = g_test_run ();

  aushang_test_delete_path (site_dir);

  return status;
}
