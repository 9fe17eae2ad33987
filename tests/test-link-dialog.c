/* test-link-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Insert Link" as a person uses it: Ctrl+K in the editor, a title
 * searched, the page picked, and the link in the text as the site writes
 * its links. AUSHANG_SCREENSHOT_DIR receives link-dialog.png.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "aushang-check.h"
#include "aushang-editor.h"
#include "aushang-form.h"
#include "aushang-link-dialog.h"
#include "aushang-resources.h"
#include "aushang-test-util.h"

#define POST "_beitraege/rueckblick-repair-cafe.md"

static AushangSite *site;
static AushangDocument *document;
static AushangEditor *editor;
static GtkWidget *window;

static char *
dup_buffer_text (void)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
select_text (const char *needle)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
}

static void
place_cursor_after (const char *needle)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_place_cursor (buffer, &match_end);
}

/* Presses @keyval with @modifiers on @widget the way GTK's shortcut
 * machinery would: the shortcut of the widget's controllers whose
 * trigger is that key runs its action. FALSE when none has it. */
static gboolean
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static AushangLinkDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (AUSHANG_IS_LINK_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return AUSHANG_LINK_DIALOG (toplevel);
    }

  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, title)) != NULL)
        return found;
    }

  return NULL;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;

  return n;
}

static GtkWidget *search_list;

static gboolean
one_row_cb (gpointer data)
{
  return count_rows (search_list) == 1;
}

static gboolean
no_dialog_cb (gpointer data)
{
  return find_dialog () == NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *dir = g_getenv ("AUSHANG_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  int width, height;

  for (guint tries = 0; tries < 20 && node == NULL; tries++)
    {
      g_autoptr(GtkSnapshot) attempt = gtk_snapshot_new ();

      gtk_widget_queue_draw (widget);
      aushang_test_spin (150);
      gdk_paintable_snapshot (paintable, attempt, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&attempt));
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static AushangLinkDialog *
open_with_ctrl_k (void)
{
  AushangLinkDialog *dialog;

  gtk_widget_grab_focus (GTK_WIDGET (aushang_editor_get_view (editor)));
  g_assert_true (press_shortcut (GTK_WIDGET (editor), GDK_KEY_k, GDK_CONTROL_MASK));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  return dialog;
}

static void
test_pick_document (void)
{
  AushangLinkDialog *dialog;
  GtkWidget *search;
  GtkWidget *section;
  g_autofree char *text = NULL;

  /* Ctrl+K with the cursor in the text: the site's pages to choose from,
   * newest first. */
  place_cursor_after ("Danke an alle, ");
  dialog = open_with_ctrl_k ();
  search = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  search_list = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (search);
  g_assert_nonnull (search_list);
  g_assert_cmpuint (count_rows (search_list), >, 4);

  /* A title searched (case and umlauts as typed), as a person types. */
  gtk_editable_set_text (GTK_EDITABLE (search), "repair-CAFÉ kaputt");
  g_assert_true (aushang_test_wait_until (one_row_cb, NULL, 10));

  /* Picked: the page's sections are offered, the address is the site's. */
  gtk_list_box_select_row (GTK_LIST_BOX (search_list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (search_list), 0));
  section = find_row (GTK_WIDGET (dialog), "Section");
  g_assert_nonnull (section);
  g_assert_true (gtk_widget_get_visible (section));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Address"))), ==,
                   "/beitraege/repair-cafe-im-labor/");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Link text"))), ==,
                   "Repair-Café im Offenen Labor: Kaputt ist erst, wenn wir aufgeben");
  save_screenshot (GTK_WIDGET (dialog), "link-dialog.png");

  /* Enter in the search inserts the first page found. */
  g_signal_emit_by_name (search, "activate");
  g_assert_true (aushang_test_wait_until (no_dialog_cb, NULL, 10));

  text = dup_buffer_text ();
  g_assert_nonnull (strstr (text, "Danke an alle, [Repair-Café im Offenen Labor: Kaputt ist erst, wenn wir aufgeben](/beitraege/repair-cafe-im-labor/)die geschraubt"));
}

static void
test_selection_and_section (void)
{
  AushangLinkDialog *dialog;
  GtkWidget *search;
  GtkWidget *section;
  GtkWidget *insert;
  g_autofree char *text = NULL;
  g_autoptr(GListModel) sections = NULL;
  guint wanted = GTK_INVALID_LIST_POSITION;

  aushang_editor_set_document (editor, site, document);

  /* The selected words become the link's text; a section of the page
   * its #id, as kramdown makes it. */
  select_text ("Repair-Café");
  dialog = open_with_ctrl_k ();
  search = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  search_list = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX);
  gtk_editable_set_text (GTK_EDITABLE (search), "offenen labor kaputt");
  g_assert_true (aushang_test_wait_until (one_row_cb, NULL, 10));
  gtk_list_box_select_row (GTK_LIST_BOX (search_list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (search_list), 0));

  section = find_row (GTK_WIDGET (dialog), "Section");
  sections = g_object_ref (adw_combo_row_get_model (ADW_COMBO_ROW (section)));
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (sections), i), "Kostenlose Anmeldung") != NULL)
      wanted = i;
  g_assert_cmpuint (wanted, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (section), wanted);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Link text"))), ==,
                   "Repair-Café");

  insert = NULL;
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "insert"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "insert");
  g_assert_true (aushang_test_wait_until (no_dialog_cb, NULL, 10));
  (void) insert;

  text = dup_buffer_text ();
  g_test_message ("%s", text);
  g_assert_true (g_regex_match_simple ("\\[Repair-Café\\]\\(/beitraege/repair-cafe-im-labor/#kostenlose-anmeldung\\)",
                                       text, 0, 0));
}

/* A section of the document being edited, with a heading not saved yet:
 * just "#id". */
static void
test_own_sections (void)
{
  AushangLinkDialog *dialog;
  GtkWidget *search;
  GtkWidget *section;
  GListModel *sections;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  GtkTextIter end;
  g_autofree char *text = NULL;
  guint wanted = GTK_INVALID_LIST_POSITION;

  aushang_editor_set_document (editor, site, document);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n## Neu im Herbst\n\nMehr bald.\n", -1);
  place_cursor_after ("Danke an alle, ");

  dialog = open_with_ctrl_k ();
  search = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  search_list = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX);
  gtk_editable_set_text (GTK_EDITABLE (search), "23 geräte");
  g_assert_true (aushang_test_wait_until (one_row_cb, NULL, 10));
  gtk_list_box_select_row (GTK_LIST_BOX (search_list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (search_list), 0));

  section = find_row (GTK_WIDGET (dialog), "Section");
  sections = adw_combo_row_get_model (ADW_COMBO_ROW (section));
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (sections), i), "Neu im Herbst") != NULL)
      wanted = i;
  g_assert_cmpuint (wanted, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (section), wanted);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Address"))), ==,
                   "#neu-im-herbst");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "insert");
  g_assert_true (aushang_test_wait_until (no_dialog_cb, NULL, 10));

  text = dup_buffer_text ();
  g_assert_nonnull (strstr (text, "(#neu-im-herbst)"));
}

static gboolean
address_typed_cb (gpointer data)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (data)), "https://www.reparatur-initiativen.de") == 0;
}

/* An address typed into the search is the link's address; Enter inserts
 * it around the selected words. */
static void
test_typed_address (void)
{
  AushangLinkDialog *dialog;
  GtkWidget *search;
  GtkWidget *address;
  g_autofree char *text = NULL;

  aushang_editor_set_document (editor, site, document);
  select_text ("Renée Fußwinkel");
  dialog = open_with_ctrl_k ();
  search = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  address = find_row (GTK_WIDGET (dialog), "Address");
  gtk_editable_set_text (GTK_EDITABLE (search), "www.reparatur-initiativen.de");
  g_assert_true (aushang_test_wait_until (address_typed_cb, address, 10));
  g_signal_emit_by_name (search, "activate");
  g_assert_true (aushang_test_wait_until (no_dialog_cb, NULL, 10));

  text = dup_buffer_text ();
  g_assert_nonnull (strstr (text, "[[Renée Fußwinkel](https://www.reparatur-initiativen.de)](mailto:"));
}

/* A widget under @widget whose text or tooltip has @words. */
static gboolean
shows (GtkWidget  *widget,
       const char *words)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if ((tooltip != NULL && strstr (tooltip, words) != NULL) ||
      (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), words) != NULL))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows (child, words))
      return TRUE;

  return FALSE;
}

/* The form shows the check's link warnings: at the link field, and those
 * of the text above the fields, in the words of --check. */
static void
test_form_warning (void)
{
  const char *text =
    "---\n"
    "title: Fest\n"
    "booking_url: /beitraege/anmeldung-fehlt/\n"
    "---\n"
    "Siehe [unten](#nirgends).\n";
  g_autoptr(AushangDocument) fest = aushang_document_new_from_data (text, strlen (text));
  g_autoptr(GFile) file = g_file_resolve_relative_path (aushang_site_get_folder (site), "_beitraege/fest.md");
  g_autoptr(GPtrArray) diagnostics = aushang_check_document (fest, file, site);
  AushangForm *form = AUSHANG_FORM (aushang_form_new ());
  GtkWidget *form_window = gtk_window_new ();
  GtkWidget *field;
  GtkWidget *row;

  gtk_window_set_default_size (GTK_WINDOW (form_window), 700, 700);
  gtk_window_set_child (GTK_WINDOW (form_window), GTK_WIDGET (form));
  gtk_window_present (GTK_WINDOW (form_window));
  aushang_form_set_document (form, site, aushang_site_get_collection (site, "beitraege"), fest);
  aushang_form_show_diagnostics (form, diagnostics);

  field = aushang_form_get_field_widget (form, "booking_url");
  g_assert_nonnull (field);
  row = gtk_widget_get_ancestor (field, ADW_TYPE_PREFERENCES_ROW);
  g_assert_nonnull (row);
  g_assert_true (shows (row, "The link “/beitraege/anmeldung-fehlt/” leads to no page of the site."));
  g_assert_true (shows (GTK_WIDGET (form), "There is no section “#nirgends” on this page."));

  gtk_window_destroy (GTK_WINDOW (form_window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temp_dir = NULL;
  const char *source_dir = g_getenv ("AUSHANG_SOURCE_DIR");
  int status;

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  adw_init ();
  g_assert_nonnull (aushang_get_resource ());

  temp_dir = g_dir_make_tmp ("aushang-link-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_file_new_build_filename (source_dir, "data", "example-site", NULL);
  folder = g_file_new_build_filename (temp_dir, "site", NULL);
  aushang_test_copy_tree (source, folder);

  site = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  post = g_file_resolve_relative_path (folder, POST);
  document = aushang_document_load (post, &error);
  g_assert_no_error (error);

  editor = AUSHANG_EDITOR (aushang_editor_new ());
  aushang_editor_set_document (editor, site, document);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/link-dialog/pick-document", test_pick_document);
  g_test_add_func ("/link-dialog/selection-and-section", test_selection_and_section);
  g_test_add_func ("/link-dialog/own-sections", test_own_sections);
  g_test_add_func ("/link-dialog/typed-address", test_typed_address);
  g_test_add_func ("/link-dialog/form-warning", test_form_warning);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&document);
  g_clear_object (&site);
  aushang_test_delete_tree (folder);

  return status;
}
