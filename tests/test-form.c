/* test-form.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "aushang-test-util.h"
#include "aushang-form.h"

#define DOCUMENT_PATH "_beitraege/repair-cafe-im-labor.md"

typedef struct
{
  char              *folder;
  AushangSite       *site;
  AushangCollection *collection;
  AushangDocument   *document;
  GBytes            *original;
  GtkWidget         *window;
  AushangForm       *form;
  guint              changed;
} Fixture;

/* Helpers ------------------------------------------------------------------ */

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds, failing after five seconds. */
#define ITERATE_UNTIL(condition)                                           \
  G_STMT_START {                                                           \
    gboolean timed_out__ = FALSE;                                          \
    guint id__ = g_timeout_add (5000, timeout_cb, &timed_out__);           \
    while (!(condition) && !timed_out__)                                   \
      g_main_context_iteration (NULL, TRUE);                               \
    if (!timed_out__)                                                      \
      g_source_remove (id__);                                              \
    g_assert_true (condition);                                             \
  } G_STMT_END

/* Lets pending idle work (layout, signals) run without blocking. */
static void
iterate_pending (void)
{
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

typedef gboolean (*WidgetPredicate) (GtkWidget  *widget,
                                     const char *data);

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             const char      *data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_button_with_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_button_with_label (GtkWidget  *widget,
                      const char *label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_menu_button_with_tooltip (GtkWidget  *widget,
                             const char *tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_entry (GtkWidget  *widget,
          const char *unused)
{
  return GTK_IS_ENTRY (widget);
}

static gboolean
is_row_with_value (GtkWidget  *widget,
                   const char *value)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "aushang-value"), value) == 0;
}

static gboolean
is_visible_label_with_prefix (GtkWidget  *widget,
                              const char *prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
is_visible_image_with_tooltip (GtkWidget  *widget,
                               const char *tooltip)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_calendar (GtkWidget  *widget,
             const char *unused)
{
  return GTK_IS_CALENDAR (widget);
}

static gboolean
is_text_view (GtkWidget  *widget,
              const char *unused)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static gboolean
is_error_label (GtkWidget  *widget,
                const char *unused)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static char *
serialize (AushangDocument *document)
{
  g_autoptr(GBytes) bytes = aushang_document_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
front_matter_string (AushangDocument *document,
                     const char      *key)
{
  AushangValue *value = aushang_front_matter_get (aushang_document_get_front_matter (document), key);

  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
    return NULL;

  return g_strdup (aushang_value_get_string (value));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
changed_cb (AushangForm *form,
            Fixture     *fixture)
{
  fixture->changed++;
}

/* Fixture ------------------------------------------------------------------ */

static void
show_document (Fixture         *fixture,
               AushangDocument *document)
{
  g_set_object (&fixture->document, document);
  aushang_form_set_document (fixture->form, fixture->site, fixture->collection, document);
  iterate_pending ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *source_dir = g_getenv ("AUSHANG_SOURCE_DIR");
  g_autofree char *example = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_nonnull (source_dir);
  example = g_build_filename (source_dir, "data", "example-site", NULL);
  source = g_file_new_for_path (example);

  fixture->folder = g_dir_make_tmp ("aushang-test-form-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_file_new_build_filename (fixture->folder, "site", NULL);
  aushang_test_copy_tree (source, folder);

  fixture->site = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->site);

  file = g_file_resolve_relative_path (folder, DOCUMENT_PATH);
  fixture->collection = aushang_site_find_collection (fixture->site, file);
  g_assert_nonnull (fixture->collection);

  g_file_load_contents (file, NULL, &contents, &length, NULL, &error);
  g_assert_no_error (error);
  fixture->original = g_bytes_new_take (g_steal_pointer (&contents), length);

  document = aushang_document_load (file, &error);
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 700, 900);
  fixture->form = AUSHANG_FORM (aushang_form_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->form));
  g_signal_connect (fixture->form, "changed", G_CALLBACK (changed_cb), fixture);

  show_document (fixture, document);

  gtk_window_present (GTK_WINDOW (fixture->window));
  ITERATE_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->form)));
  iterate_pending ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));

  /* The form goes with its window: nothing keeps it alive. */
  g_object_add_weak_pointer (G_OBJECT (fixture->form), (gpointer *) &fixture->form);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ITERATE_UNTIL (fixture->form == NULL);

  g_clear_object (&fixture->document);
  g_clear_object (&fixture->site);
  g_clear_pointer (&fixture->original, g_bytes_unref);

  aushang_test_delete_tree (folder);
  g_free (fixture->folder);
}

/* Tests -------------------------------------------------------------------- */

static void
test_fill_keeps_document (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *title = aushang_form_get_field_widget (fixture->form, "title");
  g_autofree char *expected = front_matter_string (fixture->document, "title");
  g_autoptr(GBytes) bytes = NULL;

  g_assert_nonnull (title);
  g_assert_true (GTK_IS_EDITABLE (title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, expected);

  /* Filling the form wrote nothing. */
  g_assert_false (aushang_document_get_modified (fixture->document));
  bytes = aushang_document_serialize (fixture->document);
  g_assert_true (g_bytes_equal (bytes, fixture->original));
  g_assert_cmpuint (fixture->changed, ==, 0);

  /* The well-known keys have their fields. */
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "teaser"));
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "date"));
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "authors"));
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "categories"));
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "header_image"));
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "header_image_credit"));
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "published"));
  g_assert_nonnull (aushang_form_get_field_widget (fixture->form, "retrospective_post"));
  /* "author" finds the authors field. */
  g_assert_true (aushang_form_get_field_widget (fixture->form, "author") ==
                 aushang_form_get_field_widget (fixture->form, "authors"));
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *title = aushang_form_get_field_widget (fixture->form, "title");

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, "Title");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (aushang_form_get_field_widget (fixture->form, "teaser")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Teaser");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (aushang_form_get_field_widget (fixture->form, "authors")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Authors");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (aushang_form_get_field_widget (fixture->form, "published")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Draft");
  /* The site's own word, from the comment beside the key in its template
   * (_templates/beitrag.md), not the table's "Image credit". */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (aushang_form_get_field_widget (fixture->form, "header_image_credit")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Bildnachweis");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (aushang_form_get_field_widget (fixture->form, "retrospective_post")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Retrospective post");
}

/* The site's own words win over the translated table: a short comment
 * beside the key in the site's template is the row's title, a longer one
 * its subtitle or tooltip. */
static void
test_site_words (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *credit = gtk_widget_get_ancestor (aushang_form_get_field_widget (fixture->form, "header_image_credit"),
                                               ADW_TYPE_PREFERENCES_ROW);
  GtkWidget *teaser = gtk_widget_get_ancestor (aushang_form_get_field_widget (fixture->form, "teaser"),
                                               ADW_TYPE_PREFERENCES_ROW);
  const char *words = "Zwei, drei Sätze für die Übersicht und die Vorschau beim Teilen, ohne Punkt am Ende";

  g_assert_nonnull (credit);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (credit)), ==, "Bildnachweis");

  /* Too long for a title: the table's "Teaser" stays, the words are said
   * beside it. */
  g_assert_nonnull (teaser);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (teaser)), ==, "Teaser");
  if (ADW_IS_ACTION_ROW (teaser))
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (teaser)), ==, words);
  else
    g_assert_cmpstr (gtk_widget_get_tooltip_text (teaser), ==, words);

  /* A key the site says nothing about keeps the table's word. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (aushang_form_get_field_widget (fixture->form, "title"),
                                                                                                 ADW_TYPE_PREFERENCES_ROW))),
                   ==, "Title");
}

static void
test_edit_title (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *title = aushang_form_get_field_widget (fixture->form, "title");
  const char *new_title = "Repair-Café: alles wird wieder gut";
  g_autofree char *stored = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  gtk_editable_set_text (GTK_EDITABLE (title), new_title);
  iterate_pending ();

  stored = front_matter_string (fixture->document, "title");
  g_assert_cmpstr (stored, ==, new_title);
  g_assert_true (aushang_document_get_modified (fixture->document));
  g_assert_cmpuint (fixture->changed, >=, 1);

  /* Only the title line differs. */
  text = serialize (fixture->document);
  before = g_strsplit (g_bytes_get_data (fixture->original, NULL), "\n", -1);
  after = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (before), ==, g_strv_length (after));
  for (guint i = 0; before[i] != NULL; i++)
    {
      if (g_str_has_prefix (before[i], "title:"))
        {
          g_assert_true (g_str_has_prefix (after[i], "title:"));
          g_assert_cmpstr (before[i], !=, after[i]);
        }
      else
        g_assert_cmpstr (before[i], ==, after[i]);
    }

  /* The field keeps what was typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, new_title);
}

static void
test_remove_author (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *authors = aushang_form_get_field_widget (fixture->form, "authors");
  GtkWidget *button;
  AushangValue *value;
  g_auto(GStrv) names = NULL;

  g_assert_nonnull (authors);
  button = find_widget (authors, is_button_with_tooltip, "Remove “Aylin Demir”");
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove “Aylin Demir”");

  /* Activating a button clicks it after a short press animation. */
  gtk_widget_activate (button);
  ITERATE_UNTIL (fixture->changed > 0);

  value = aushang_front_matter_get (aushang_document_get_front_matter (fixture->document), "authors");
  g_assert_nonnull (value);
  names = aushang_value_dup_strv (value);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Renée Fußwinkel");
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_null (find_widget (authors, is_button_with_tooltip, "Remove “Aylin Demir”"));
}

static void
test_draft (Fixture       *fixture,
            gconstpointer  user_data)
{
  GtkWidget *draft = aushang_form_get_field_widget (fixture->form, "published");
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (GTK_IS_SWITCH (draft));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (draft)));

  gtk_switch_set_active (GTK_SWITCH (draft), TRUE);
  iterate_pending ();
  text = serialize (fixture->document);
  g_assert_nonnull (strstr (text, "\npublished: false\n"));
  g_assert_cmpuint (fixture->changed, ==, 1);

  /* The file had no "published:", so it goes again. */
  gtk_switch_set_active (GTK_SWITCH (draft), FALSE);
  iterate_pending ();
  bytes = aushang_document_serialize (fixture->document);
  g_assert_true (g_bytes_equal (bytes, fixture->original));
  g_assert_cmpuint (fixture->changed, ==, 2);
}

static void
test_date (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkWidget *button = aushang_form_get_field_widget (fixture->form, "date");
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  GtkWidget *calendar;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 9, 12, 12, 0, 0);
  g_autofree char *text = NULL;

  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "September 8, 2026");

  calendar = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  calendar = find_widget (calendar, is_calendar, NULL);
  g_assert_nonnull (calendar);

  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_signal_emit_by_name (calendar, "day-selected");
  iterate_pending ();

  text = serialize (fixture->document);
  g_assert_nonnull (strstr (text, "\ndate: 2026-09-12\n"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "September 12, 2026");
}

static void
test_keyboard_reaches_chips (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *title = aushang_form_get_field_widget (fixture->form, "title");
  GtkWidget *target = find_widget (aushang_form_get_field_widget (fixture->form, "authors"),
                                   is_button_with_tooltip, "Remove “Renée Fußwinkel”");
  gboolean reached = FALSE;

  g_assert_nonnull (target);
  gtk_widget_grab_focus (title);

  for (guint i = 0; i < 60 && !reached; i++)
    {
      gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_FORWARD);
      reached = gtk_root_get_focus (GTK_ROOT (fixture->window)) == target;
    }

  g_assert_true (reached);

  /* Enter on the focused "×" removes the name; the keyboard focus stays
   * in the list, on the next chip. */
  gtk_widget_activate (target);
  ITERATE_UNTIL (fixture->changed > 0);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_true (is_button_with_tooltip (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         "Remove “Aylin Demir”"));
  {
    g_auto(GStrv) names = aushang_value_dup_strv (
      aushang_front_matter_get (aushang_document_get_front_matter (fixture->document), "authors"));

    g_assert_cmpstrv (names, ((const char * const []) { "Aylin Demir", NULL }));
  }
}

static void
test_diagnostics (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_diagnostic_free);
  AushangDiagnostic *keyed = g_new0 (AushangDiagnostic, 1);
  AushangDiagnostic *general = g_new0 (AushangDiagnostic, 1);

  keyed->severity = AUSHANG_SEVERITY_WARNING;
  keyed->line = 4;
  keyed->key = g_strdup ("author");
  keyed->message = g_strdup ("“Renée Fußwinkel” is not in the team list.");
  g_ptr_array_add (diagnostics, keyed);

  general->severity = AUSHANG_SEVERITY_ERROR;
  general->line = 20;
  general->message = g_strdup ("The include tag is never closed.");
  g_ptr_array_add (diagnostics, general);

  aushang_form_show_diagnostics (fixture->form, diagnostics);
  iterate_pending ();

  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->form), is_visible_label_with_prefix,
                                 "Line 20: The include tag is never closed."));
  /* The warning icon at the authors field ("author" is its alias) says it. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (aushang_form_get_field_widget (fixture->form, "authors"),
                                              GTK_TYPE_LIST_BOX_ROW);

    g_assert_nonnull (row);
    g_assert_nonnull (find_widget (row, is_visible_image_with_tooltip,
                                   "“Renée Fußwinkel” is not in the team list."));
  }

  /* Nothing was written. */
  g_assert_false (aushang_document_get_modified (fixture->document));

  aushang_form_show_diagnostics (fixture->form, NULL);
  iterate_pending ();
  g_assert_null (find_widget (GTK_WIDGET (fixture->form), is_visible_label_with_prefix, "Line 20:"));
  g_assert_null (find_widget (GTK_WIDGET (fixture->form), is_visible_image_with_tooltip,
                              "“Renée Fußwinkel” is not in the team list."));
}

static const char broken_text[] =
  "---\n"
  "title: Kaputt\n"
  "teaser: \"Ein Anführungszeichen fehlt\n"
  "date: 2026-10-01\n"
  "---\n"
  "\n"
  "Text.\n";

static void
test_broken_yaml (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (broken_text, strlen (broken_text));
  AushangFrontMatter *front_matter = aushang_document_get_front_matter (document);
  g_autofree char *before = g_strdup (aushang_front_matter_get_text (front_matter, NULL));
  GtkWidget *title;
  guint line = 0;

  g_assert_nonnull (aushang_document_get_problem (document, &line, NULL));
  g_assert_cmpuint (line, >, 0);

  show_document (fixture, document);

  /* The problem, with its line, at the top. */
  {
    g_autofree char *prefix = g_strdup_printf ("Line %u: ", line);

    g_assert_nonnull (find_widget (GTK_WIDGET (fixture->form), is_visible_label_with_prefix, prefix));
  }

  /* The fields are there but cannot be used, and edits are refused. */
  title = aushang_form_get_field_widget (fixture->form, "title");
  g_assert_nonnull (title);
  g_assert_false (gtk_widget_is_sensitive (title));

  gtk_editable_set_text (GTK_EDITABLE (title), "Neu");
  iterate_pending ();
  g_assert_cmpstr (aushang_front_matter_get_text (front_matter, NULL), ==, before);
  g_assert_false (aushang_document_get_modified (document));
  g_assert_cmpuint (fixture->changed, ==, 0);
  /* What was typed stays in the field. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Neu");
}

static void
test_edit_as_yaml (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (broken_text, strlen (broken_text));
  AushangFrontMatter *front_matter = aushang_document_get_front_matter (document);
  g_autofree char *before = g_strdup (aushang_front_matter_get_text (front_matter, NULL));
  GtkWidget *edit, *view, *apply, *error_label, *title;
  AdwMessageDialog *dialog;
  GtkTextBuffer *buffer;

  show_document (fixture, document);

  edit = find_widget (GTK_WIDGET (fixture->form), is_button_with_label, "Edit as YAML");
  g_assert_nonnull (edit);
  g_assert_true (gtk_widget_is_sensitive (edit));
  gtk_widget_activate (edit);
  ITERATE_UNTIL (find_message_dialog () != NULL);
  dialog = find_message_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));

  view = find_widget (GTK_WIDGET (dialog), is_text_view, NULL);
  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  apply = find_widget (GTK_WIDGET (dialog), is_button_with_label, "_Apply");
  g_assert_nonnull (apply);

  /* Still broken: the dialog stays, says where, and nothing changes. */
  /* The dialog names the problem from the start. */
  error_label = find_widget (GTK_WIDGET (dialog), is_error_label, NULL);
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "Line 3: "));
  gtk_text_buffer_set_text (buffer, "title: [Kaputt\n", -1);
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_widget_activate (apply);
  ITERATE_UNTIL (gtk_widget_get_visible (error_label));
  iterate_pending ();
  g_assert_true (find_message_dialog () == dialog);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "Line "));
  g_assert_cmpstr (aushang_front_matter_get_text (front_matter, NULL), ==, before);
  g_assert_false (aushang_document_get_modified (document));

  /* Fixed: applied, the form shows the fields again. */
  gtk_text_buffer_set_text (buffer,
                            "title: Repariert\n"
                            "teaser: \"Ein Anführungszeichen fehlt\"\n"
                            "date: 2026-10-01\n", -1);
  gtk_widget_activate (apply);
  ITERATE_UNTIL (find_message_dialog () == NULL);

  g_assert_null (aushang_document_get_problem (document, NULL, NULL));
  g_assert_true (aushang_document_get_modified (document));
  g_assert_cmpuint (fixture->changed, ==, 1);
  title = aushang_form_get_field_widget (fixture->form, "title");
  g_assert_true (gtk_widget_is_sensitive (title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Repariert");

  /* Escape (closing the window) leaves everything as it is. */
  edit = find_widget (GTK_WIDGET (fixture->form), is_button_with_label, "Edit as YAML");
  gtk_widget_activate (edit);
  ITERATE_UNTIL (find_message_dialog () != NULL);
  gtk_window_close (GTK_WINDOW (find_message_dialog ()));
  ITERATE_UNTIL (find_message_dialog () == NULL);
  g_assert_cmpuint (fixture->changed, ==, 1);

  /* Cancel leaves everything as it is. */
  edit = find_widget (GTK_WIDGET (fixture->form), is_button_with_label, "Edit as YAML");
  gtk_widget_activate (edit);
  ITERATE_UNTIL (find_message_dialog () != NULL);
  dialog = find_message_dialog ();
  view = find_widget (GTK_WIDGET (dialog), is_text_view, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "title: Anders\n", -1);
  gtk_widget_activate (find_widget (GTK_WIDGET (dialog), is_button_with_label, "_Cancel"));
  ITERATE_UNTIL (find_message_dialog () == NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Repariert");
  g_assert_cmpuint (fixture->changed, ==, 1);
}

static GtkWidget *
find_file_lines (GtkSourceView *view)
{
  GtkWidget *gutter = GTK_WIDGET (gtk_source_view_get_gutter (view, GTK_TEXT_WINDOW_LEFT));

  for (GtkWidget *child = gtk_widget_get_first_child (gutter);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AushangFileLines"))
      return child;

  return NULL;
}

static guint
cursor_line (GtkTextBuffer *buffer)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  return (guint) gtk_text_iter_get_line (&iter);
}

static gboolean
line_marked (GtkTextBuffer *buffer,
             guint          line)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "aushang-problem");
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) line);

  return gtk_text_iter_has_tag (&iter, tag);
}

/* The YAML view numbers its lines as the file does (the front matter starts
 * on line 2), and an error names the line where the problem starts and
 * puts the cursor there. */
static void
test_yaml_line_numbers (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *edit, *view, *apply, *error_label, *lines;
  AdwMessageDialog *dialog;
  GtkTextBuffer *buffer;
  guint first_line = 0;

  edit = find_widget (GTK_WIDGET (fixture->form), is_button_with_label, "Edit as YAML");
  g_assert_nonnull (edit);
  gtk_widget_activate (edit);
  ITERATE_UNTIL (find_message_dialog () != NULL);
  dialog = find_message_dialog ();
  view = find_widget (GTK_WIDGET (dialog), is_text_view, NULL);
  g_assert_true (GTK_SOURCE_IS_VIEW (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  apply = find_widget (GTK_WIDGET (dialog), is_button_with_label, "_Apply");
  error_label = find_widget (GTK_WIDGET (dialog), is_error_label, NULL);
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Line numbers, counted as in the file. */
  lines = find_file_lines (GTK_SOURCE_VIEW (view));
  g_assert_nonnull (lines);
  g_assert_true (gtk_widget_get_visible (lines));
  g_object_get (lines, "first-line", &first_line, NULL);
  g_assert_cmpuint (first_line, ==, 2);
  ITERATE_UNTIL (gtk_widget_get_width (lines) > 0);

  /* A quote opened on line 2 (the first of the view) and never closed. */
  gtk_text_buffer_set_text (buffer,
                            "title: \"Kaputt\n"
                            "teaser: Ein Satz\n"
                            "date: 2026-10-01\n", -1);
  gtk_widget_activate (apply);
  ITERATE_UNTIL (gtk_widget_get_visible (error_label));
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "Line 2, "));
  g_assert_cmpuint (cursor_line (buffer), ==, 0);
  g_assert_true (line_marked (buffer, 0));
  g_assert_false (line_marked (buffer, 1));
  /* The dialog's focus is in the text (whether or not the dialog is the
   * active window on this display: other window tests share it). */
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (view)) == view);
  g_assert_false (aushang_document_get_modified (fixture->document));

  if (g_getenv ("AUSHANG_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *command = g_strdup_printf ("import -window root %s/yaml-dialog.png",
                                                  g_getenv ("AUSHANG_SCREENSHOT_DIR"));

      for (guint i = 0; i < 30; i++)
        iterate_pending (), g_usleep (10000);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }

  /* A mistake further down: that line. */
  gtk_text_buffer_set_text (buffer,
                            "title: Heil\n"
                            "teaser: Ein Satz\n"
                            "tags: [eins, zwei\n"
                            "date: 2026-10-01\n", -1);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (line_marked (buffer, 0));
  gtk_widget_activate (apply);
  ITERATE_UNTIL (gtk_widget_get_visible (error_label));
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "Line 4, "));
  g_assert_cmpuint (cursor_line (buffer), ==, 2);
  g_assert_true (line_marked (buffer, 2));
}

static void
test_optional_field_emptied (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *credit = aushang_form_get_field_widget (fixture->form, "header_image_credit");

  g_assert_nonnull (credit);
  gtk_editable_set_text (GTK_EDITABLE (credit), "Foto: Aylin");
  iterate_pending ();
  {
    g_autofree char *stored = front_matter_string (fixture->document, "header_image_credit");

    g_assert_cmpstr (stored, ==, "Foto: Aylin");
  }

  /* Emptying an optional field removes its key once the field is left. */
  gtk_widget_grab_focus (credit);
  gtk_editable_set_text (GTK_EDITABLE (credit), "");
  iterate_pending ();
  g_assert_true (aushang_front_matter_has_key (aushang_document_get_front_matter (fixture->document),
                                               "header_image_credit"));
  gtk_widget_grab_focus (aushang_form_get_field_widget (fixture->form, "title"));
  iterate_pending ();
  g_assert_false (aushang_front_matter_has_key (aushang_document_get_front_matter (fixture->document),
                                                "header_image_credit"));
}

static void
test_add_author (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *authors = aushang_form_get_field_widget (fixture->form, "authors");
  GtkWidget *entry = find_widget (authors, is_entry, NULL);
  AushangValue *value;
  g_auto(GStrv) names = NULL;
  GtkWidget *chip_button;

  g_assert_nonnull (entry);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Authors");

  /* A name from the team list gets no warning; another one does. */
  g_assert_null (find_widget (authors, is_visible_image_with_tooltip, "Not in the site’s author list"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Erika Mustermann");
  g_signal_emit_by_name (entry, "activate");
  iterate_pending ();

  value = aushang_front_matter_get (aushang_document_get_front_matter (fixture->document), "authors");
  names = aushang_value_dup_strv (value);
  g_assert_cmpstrv (names, ((const char * const []) { "Renée Fußwinkel", "Aylin Demir", "Erika Mustermann", NULL }));
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  chip_button = find_widget (authors, is_button_with_tooltip, "Remove “Erika Mustermann”");
  g_assert_nonnull (chip_button);
  g_assert_nonnull (find_widget (gtk_widget_get_parent (chip_button), is_visible_image_with_tooltip,
                                 "Not in the site’s author list"));

  /* The same name again changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Aylin Demir");
  g_signal_emit_by_name (entry, "activate");
  iterate_pending ();
  g_assert_cmpuint (fixture->changed, ==, 1);
}

static void
test_teaser (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkWidget *view = aushang_form_get_field_widget (fixture->form, "teaser");
  g_autofree char *stored = NULL;

  g_assert_true (GTK_IS_TEXT_VIEW (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Kurz: kommt vorbei!", -1);
  iterate_pending ();

  stored = front_matter_string (fixture->document, "teaser");
  g_assert_cmpstr (stored, ==, "Kurz: kommt vorbei!");
  g_assert_cmpuint (fixture->changed, >=, 1);
}

static const char numbers_text[] =
  "---\n"
  "title: Zahlen\n"
  "seats: 12\n"
  "---\n"
  "Text.\n";

static void
test_number (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (numbers_text, strlen (numbers_text));
  AushangFrontMatter *front_matter = aushang_document_get_front_matter (document);
  GtkWidget *seats;
  AushangValue *value;

  show_document (fixture, document);
  seats = aushang_form_get_field_widget (fixture->form, "seats");
  g_assert_nonnull (seats);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (seats)), ==, "12");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (seats), GTK_ACCESSIBLE_PROPERTY_LABEL, "Seats");

  gtk_editable_set_text (GTK_EDITABLE (seats), "13");
  iterate_pending ();
  value = aushang_front_matter_get (front_matter, "seats");
  g_assert_cmpint (aushang_value_get_kind (value), ==, AUSHANG_VALUE_INTEGER);
  g_assert_cmpint (aushang_value_get_integer (value), ==, 13);

  /* Words are refused at the field, and stay there to be corrected. */
  gtk_editable_set_text (GTK_EDITABLE (seats), "zwölf");
  iterate_pending ();
  value = aushang_front_matter_get (front_matter, "seats");
  g_assert_cmpint (aushang_value_get_integer (value), ==, 13);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (seats)), ==, "zwölf");
  g_assert_true (gtk_widget_has_css_class (seats, "error"));
  g_assert_nonnull (find_widget (seats, is_visible_image_with_tooltip, "Enter a number, for example 3 or 2.5."));
  g_assert_cmpuint (fixture->changed, ==, 1);
}

static void
test_choose_site_image (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *image = aushang_form_get_field_widget (fixture->form, "header_image");
  GtkWidget *button = find_widget (image, is_menu_button_with_tooltip, "Choose from site");
  GtkPopover *popover;
  GtkWidget *row;
  g_autofree char *stored = NULL;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  ITERATE_UNTIL (find_widget (GTK_WIDGET (popover), is_row_with_value,
                              "/assets/images/werkstatt-header.jpg") != NULL);
  row = find_widget (GTK_WIDGET (popover), is_row_with_value, "/assets/images/werkstatt-header.jpg");
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  iterate_pending ();

  stored = front_matter_string (fixture->document, "header_image");
  g_assert_cmpstr (stored, ==, "/assets/images/werkstatt-header.jpg");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (image)), ==, "/assets/images/werkstatt-header.jpg");
  g_assert_cmpuint (fixture->changed, ==, 1);
}

static void
test_import_image (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *outside_path = g_build_filename (fixture->folder, "Mein Foto: Ärger.JPG", NULL);
  g_autofree char *site_image = g_build_filename (fixture->folder, "site", "assets", "images",
                                                  "werkstatt-header.jpg", NULL);
  g_autoptr(GFile) outside = g_file_new_for_path (outside_path);
  g_autoptr(GFile) source = g_file_new_for_path (site_image);
  g_autoptr(GFile) copied = NULL;
  g_autoptr(GFile) copied_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  g_file_copy (source, outside, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  aushang_form_import_image (fixture->form, "header_image", outside);
  ITERATE_UNTIL (fixture->changed == 1);
  stored = front_matter_string (fixture->document, "header_image");
  g_assert_cmpstr (stored, ==, "/assets/images/mein-foto-aerger.jpg");
  copied = g_file_new_build_filename (fixture->folder, "site", "assets", "images", "mein-foto-aerger.jpg", NULL);
  g_assert_true (g_file_query_exists (copied, NULL));

  /* Never over an existing file. */
  aushang_form_import_image (fixture->form, "header_image", outside);
  ITERATE_UNTIL (fixture->changed == 2);
  g_clear_pointer (&stored, g_free);
  stored = front_matter_string (fixture->document, "header_image");
  g_assert_cmpstr (stored, ==, "/assets/images/mein-foto-aerger-2.jpg");
  copied_again = g_file_new_build_filename (fixture->folder, "site", "assets", "images", "mein-foto-aerger-2.jpg", NULL);
  g_assert_true (g_file_query_exists (copied_again, NULL));

  /* An image inside the site is used where it is. */
  aushang_form_import_image (fixture->form, "header_image", source);
  ITERATE_UNTIL (fixture->changed == 3);
  g_clear_pointer (&stored, g_free);
  stored = front_matter_string (fixture->document, "header_image");
  g_assert_cmpstr (stored, ==, "/assets/images/werkstatt-header.jpg");
}

static gboolean
is_visible_image_with_tooltip_prefix (GtkWidget  *widget,
                                      const char *prefix)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_is_visible (widget) &&
         gtk_widget_get_tooltip_text (widget) != NULL &&
         g_str_has_prefix (gtk_widget_get_tooltip_text (widget), prefix);
}

/* An image the disk refuses half way (here a file-size limit, which holds
 * for root too): no part of it stays in the site, under its name or
 * another, the field keeps its value, and the person is told why. */
static void
test_import_image_disk_refuses (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *outside_path = g_build_filename (fixture->folder, "Großes Foto.jpg", NULL);
  g_autofree char *site_image = g_build_filename (fixture->folder, "site", "assets", "images",
                                                  "werkstatt-header.jpg", NULL);
  g_autofree char *images_path = g_build_filename (fixture->folder, "site", "assets", "images", NULL);
  g_autofree char *target_path = g_build_filename (images_path, "grosses-foto.jpg", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *before = front_matter_string (fixture->document, "header_image");
  g_autoptr(GFile) outside = g_file_new_for_path (outside_path);
  g_autoptr(GFile) source = g_file_new_for_path (site_image);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  GtkWidget *image = aushang_form_get_field_widget (fixture->form, "header_image");
  GtkWidget *status;
  struct rlimit old_limit, small_limit;
  void (*old_handler) (int);
  const char *name;
  guint count = 0;

  g_file_copy (source, outside, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  listing = g_dir_open (images_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    count++;
  g_clear_pointer (&listing, g_dir_close);

  /* Files may not grow beyond 4 KB while the image (12 KB) is copied. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  small_limit = old_limit;
  small_limit.rlim_cur = 4096;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small_limit), ==, 0);
  aushang_form_import_image (fixture->form, "header_image", outside);
  ITERATE_UNTIL (find_widget (gtk_widget_get_parent (image), is_visible_image_with_tooltip_prefix,
                              "The image could not be copied into the site: ") != NULL);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  status = find_widget (gtk_widget_get_parent (image), is_visible_image_with_tooltip_prefix,
                        "The image could not be copied into the site: ");
  g_test_message ("%s", gtk_widget_get_tooltip_text (status));
  expected = g_strdup_printf ("The image could not be copied into the site: "
                              "The file would be larger than this system allows. “%s” was not created.",
                              target_path);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (status), ==, expected);

  /* Nothing new in the image folder: no partial image, no temporary file. */
  g_assert_false (g_file_test (target_path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (images_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_test_message ("%s", name);
      count--;
    }
  g_assert_cmpuint (count, ==, 0);

  /* The field and the document keep what they had. */
  stored = front_matter_string (fixture->document, "header_image");
  g_assert_cmpstr (stored, ==, before);
  g_assert_cmpuint (fixture->changed, ==, 0);

  /* Once the disk lets it, the same image comes in whole. */
  aushang_form_import_image (fixture->form, "header_image", outside);
  ITERATE_UNTIL (fixture->changed == 1);
  g_clear_pointer (&stored, g_free);
  stored = front_matter_string (fixture->document, "header_image");
  g_assert_cmpstr (stored, ==, "/assets/images/grosses-foto.jpg");
  {
    g_autofree char *copied = NULL;
    g_autofree char *original = NULL;
    gsize copied_length = 0, original_length = 0;

    g_assert_true (g_file_get_contents (target_path, &copied, &copied_length, NULL));
    g_assert_true (g_file_get_contents (site_image, &original, &original_length, NULL));
    g_assert_cmpmem (copied, copied_length, original, original_length);
  }
}

static const char datetime_text[] =
  "---\n"
  "title: Abends\n"
  "date: 2026-05-01 18:30:00 +02:00\n"
  "---\n"
  "Text.\n";

static gboolean
is_spin_button_with_tooltip (GtkWidget  *widget,
                             const char *tooltip)
{
  return GTK_IS_SPIN_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static void
test_datetime_keeps_offset (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (datetime_text, strlen (datetime_text));
  GtkWidget *button, *row, *minute;
  g_autofree char *text = NULL;

  show_document (fixture, document);
  button = aushang_form_get_field_widget (fixture->form, "date");
  row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  minute = find_widget (row, is_spin_button_with_tooltip, "Minute");
  g_assert_nonnull (minute);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (minute)), ==, 30);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (minute)), ==, "30");
  g_assert_false (aushang_document_get_modified (document));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minute), 45);
  iterate_pending ();

  text = serialize (document);
  g_assert_nonnull (strstr (text, "\ndate: 2026-05-01 18:45:00 +02:00\n"));
  g_assert_cmpuint (fixture->changed, ==, 1);
}

static gboolean
is_label_with_text (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The widest word of @label's text, in pixels, as the label draws it. */
static int
widest_word (GtkWidget *label)
{
  g_auto(GStrv) words = g_strsplit (gtk_label_get_text (GTK_LABEL (label)), " ", -1);
  int widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, words[i]);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest;
}

/* A row's title beside a thumbnail, a text field and buttons never breaks
 * inside a word ("Tite-" / "lbild"): the words of a title keep their
 * width, however narrow the window. */
static void
test_title_keeps_words (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *keys[] = { "header_image", "header_image_credit", "title" };

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 200, 600);
  iterate_pending ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *widget = aushang_form_get_field_widget (fixture->form, keys[i]);
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      GtkWidget *label = find_widget (row, is_label_with_text, title);
      int minimum;

      g_assert_nonnull (label);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: “%s” at least %d px, its widest word %d px", keys[i], title, minimum, widest_word (label));
      g_assert_cmpint (minimum, >=, widest_word (label));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  aushang_test_allow_gtk_races ();
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/form/fill-keeps-document", test_fill_keeps_document);
  ADD ("/form/accessible-names", test_accessible_names);
  ADD ("/form/site-words", test_site_words);
  ADD ("/form/edit-title", test_edit_title);
  ADD ("/form/remove-author", test_remove_author);
  ADD ("/form/draft", test_draft);
  ADD ("/form/date", test_date);
  ADD ("/form/datetime-keeps-offset", test_datetime_keeps_offset);
  ADD ("/form/keyboard-reaches-chips", test_keyboard_reaches_chips);
  ADD ("/form/diagnostics", test_diagnostics);
  ADD ("/form/broken-yaml", test_broken_yaml);
  ADD ("/form/edit-as-yaml", test_edit_as_yaml);
  ADD ("/form/yaml-line-numbers", test_yaml_line_numbers);
  ADD ("/form/optional-field-emptied", test_optional_field_emptied);
  ADD ("/form/add-author", test_add_author);
  ADD ("/form/teaser", test_teaser);
  ADD ("/form/number", test_number);
  ADD ("/form/choose-site-image", test_choose_site_image);
  ADD ("/form/import-image", test_import_image);
  ADD ("/form/import-image-disk-refuses", test_import_image_disk_refuses);
  ADD ("/form/title-keeps-words", test_title_keeps_words);

#undef ADD

  return g_test_run ();
}
