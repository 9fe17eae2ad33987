/* test-entries.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event calendar and the team list in the window, under Xvfb, as a
 * person uses them: the sidebar lists them, the form edits an entry,
 * entries are added, hidden, removed and undone, an announcement gets its
 * calendar entry, the real Jekyll builds the page that lists the events,
 * and the exported .ics is read by a real iCalendar parser.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "aushang-test-util.h"
#include "aushang-application.h"
#include "aushang-document-row.h"
#include "aushang-editor.h"
#include "aushang-entry-form.h"
#include "aushang-entry-row.h"
#include "aushang-field-row.h"
#include "aushang-form.h"
#include "aushang-recovery.h"
#include "aushang-site-sidebar.h"
#include "aushang-window.h"

static AushangApplication *app;
static char *example_dir;
static char *trash_home;

/* Each test works on a fresh copy of the example site. */
typedef struct
{
  char          *dir;
  AushangWindow *window;
} Fixture;

static char *
fixture_path (Fixture    *fixture,
              const char *relative)
{
  return g_build_filename (fixture->dir, relative, NULL);
}

static GFile *
fixture_file (Fixture    *fixture,
              const char *relative)
{
  g_autofree char *path = fixture_path (fixture, relative);

  return g_file_new_for_path (path);
}

static char *
read_file (Fixture    *fixture,
           const char *relative)
{
  g_autofree char *path = fixture_path (fixture, relative);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  return g_steal_pointer (&contents);
}

static void
write_file (Fixture    *fixture,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = fixture_path (fixture, relative);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  void (*prepare) (Fixture *) = user_data;
  g_autoptr(GFile) folder = NULL;

  fixture->dir = g_dir_make_tmp ("aushang-entries-XXXXXX", &error);
  g_assert_no_error (error);
  aushang_test_copy_path (example_dir, fixture->dir);
  if (prepare != NULL)
    prepare (fixture);

  fixture->window = aushang_window_new (app);
  folder = g_file_new_for_path (fixture->dir);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  aushang_window_open (fixture->window, folder);
  g_assert_true (aushang_test_wait_until ((AushangTestCondition) gtk_widget_get_mapped, fixture->window, 10));
  g_assert_nonnull (aushang_window_get_site (fixture->window));
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gpointer weak = fixture->window;
  AushangDataFile *data_file = aushang_window_get_data_file (fixture->window);
  AdwMessageDialog *dialog;

  while ((dialog = aushang_window_get_dialog (fixture->window)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));

  g_object_add_weak_pointer (G_OBJECT (fixture->window), &weak);
  if (data_file != NULL)
    aushang_data_file_set_modified (data_file, FALSE);
  if (aushang_window_get_document (fixture->window) != NULL)
    aushang_document_set_modified (aushang_window_get_document (fixture->window), FALSE);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_true (aushang_test_wait_until (window_gone, &weak, 5));

  /* No copies of unsaved changes left behind for other tests. */
  {
    g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
    g_autoptr(GPtrArray) left = aushang_recovery_list (folder);

    for (guint i = 0; i < left->len; i++)
      aushang_recovery_discard (((AushangRecovery *) g_ptr_array_index (left, i))->file);
  }

  aushang_test_delete_path (fixture->dir);
  g_free (fixture->dir);
}

static AushangSiteSidebar *
sidebar_of (Fixture *fixture)
{
  return AUSHANG_SITE_SIDEBAR (aushang_window_get_sidebar (fixture->window));
}

static AushangEntryForm *
entry_form_of (Fixture *fixture)
{
  return AUSHANG_ENTRY_FORM (aushang_window_get_entry_form (fixture->window));
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
is_label (GtkWidget  *widget,
          const char *text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_label_with_prefix (GtkWidget  *widget,
                      const char *prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
is_search_entry (GtkWidget  *widget,
                 const char *unused)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_image_with_tooltip (GtkWidget  *widget,
                       const char *tooltip)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The events file of the example site, in file order: 0 Werkstattabend,
 * 1 Herbsttermin (links to the repair café announcement), 2 Lötkurs
 * (hidden), 3 KI, 4 Frühjahrsputz. */
#define EVENTS "_data/events.yml"

static void
select_event (Fixture *fixture,
              int      index)
{
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);

  aushang_window_select_entry (fixture->window, events, index);
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, index);
}

static const char *
entry_field_text (Fixture    *fixture,
                  const char *key)
{
  GtkWidget *widget = aushang_entry_form_get_field_widget (entry_form_of (fixture), key);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_EDITABLE (widget));

  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

/* The lines of @a and @b that differ. */
static guint
count_changed_lines (const char *a,
                     const char *b)
{
  g_auto(GStrv) lines_a = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lines_b = g_strsplit (b, "\n", -1);
  guint changed = 0;

  g_assert_cmpuint (g_strv_length (lines_a), ==, g_strv_length (lines_b));
  for (guint i = 0; lines_a[i] != NULL; i++)
    if (strcmp (lines_a[i], lines_b[i]) != 0)
      changed++;

  return changed;
}

/* The sidebar ------------------------------------------------------------------ */

/* A data list opened as a file (from the file manager, "aushang
 * _data/events.yml") opens as the list of its entries, not as a page
 * without front matter. */
static void
test_open_data_file (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);

  aushang_window_open (fixture->window, events);
  aushang_test_spin (100);
  g_assert_nonnull (aushang_window_get_data_file (fixture->window));
  g_assert_true (g_file_equal (aushang_data_file_get_file (aushang_window_get_data_file (fixture->window)), events));
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, -1);
  g_assert_null (aushang_window_get_document (fixture->window));
}

static void
test_sidebar_lists_data (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AushangSiteSidebar *sidebar = sidebar_of (fixture);
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  g_autoptr(GFile) team = fixture_file (fixture, "_data/team.yml");
  g_autoptr(GFile) settings = fixture_file (fixture, "_data/navigation.yml");
  g_autoptr(GFile) members = fixture_file (fixture, "_data/members.json");
  GtkWidget *hidden_row;
  GtkWidget *row;

  aushang_test_spin (100);

  /* Named in plain words, beside the collections: as the site names the
   * page that lists the events (its menu links /veranstaltungen/ as
   * "Veranstaltungen"), else by the file's name ("Team"). */
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar), is_label, "Team (team.yml)"));
  /* members.json is a team list too: two headings "Team" would not tell
   * which is which, so each names its file. */
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar), is_label, "Team (members.json)"));
  g_assert_null (find_widget (GTK_WIDGET (sidebar), is_label, "Team"));

  /* Events apart as upcoming and past: each row under the heading its
   * date gives it (the dates are set around today). Upcoming come first,
   * soonest first; past ones the most recent first. */
  row = aushang_site_sidebar_get_entry_row (sidebar, events, 2);
  g_assert_nonnull (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)));
  g_assert_nonnull (find_widget (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)), is_label, "Veranstaltungen"));
  g_assert_null (find_widget (GTK_WIDGET (sidebar), is_label, "Events"));
  /* The collection too: "Beiträge", as the menu says, never "Beitraege". */
  g_assert_null (find_widget (GTK_WIDGET (sidebar), is_label, "Beitraege"));
  g_assert_nonnull (find_widget (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)), is_label, "Upcoming"));
  row = aushang_site_sidebar_get_entry_row (sidebar, events, 1);
  g_assert_nonnull (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)));
  g_assert_true (is_label (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)), "Past"));
  g_assert_null (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (aushang_site_sidebar_get_entry_row (sidebar, events, 0))));
  g_assert_null (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (aushang_site_sidebar_get_entry_row (sidebar, events, 3))));

  /* The hidden event is listed, greyed, with a label. */
  hidden_row = aushang_site_sidebar_get_entry_row (sidebar, events, 2);
  g_assert_nonnull (hidden_row);
  g_assert_nonnull (find_widget (hidden_row, is_label, "Hidden"));
  g_assert_nonnull (find_widget (hidden_row, is_label, "Lötkurs für Einsteigerinnen und Einsteiger"));
  g_assert_true (gtk_widget_has_css_class (find_widget (hidden_row, is_label,
                                                        "Lötkurs für Einsteigerinnen und Einsteiger"),
                                           "dim-label"));
  row = aushang_site_sidebar_get_entry_row (sidebar, events, 3);
  g_assert_null (find_widget (row, is_label, "Hidden"));

  /* Team members under their name, with their role. */
  row = aushang_site_sidebar_get_entry_row (sidebar, team, 1);
  g_assert_nonnull (find_widget (row, is_label, "Aylin Demir"));
  g_assert_nonnull (find_widget (row, is_label, "Community und Veranstaltungen"));

  /* Files that are no list: one row each, saying how they open. */
  row = aushang_site_sidebar_get_entry_row (sidebar, settings, -1);
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, is_label, "navigation.yml, YAML text"));
  row = aushang_site_sidebar_get_entry_row (sidebar, members, -1);
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, is_label, "members.json, read only"));

  /* The search covers entries too. */
  aushang_site_sidebar_set_search (sidebar, "herbsttermin");
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, 1);
  /* Enter opens the match. */
  {
    GtkWidget *search = find_widget (GTK_WIDGET (sidebar), is_search_entry, NULL);

    g_signal_emit_by_name (search, "activate");
    g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 1);
  }
  aushang_site_sidebar_set_search (sidebar, "aylin");
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, 1);
  /* A space typed before or after the words (or pasted with them) finds
   * the same; a search of spaces alone is no search. */
  aushang_site_sidebar_set_search (sidebar, " aylin ");
  g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, 1);
  aushang_site_sidebar_set_search (sidebar, NULL);
  {
    guint all = aushang_site_sidebar_count_visible (sidebar);

    aushang_site_sidebar_set_search (sidebar, " ");
    g_assert_cmpuint (aushang_site_sidebar_count_visible (sidebar), ==, all);
  }
  aushang_site_sidebar_set_search (sidebar, NULL);
}

/* Puts the events around today: 0 and 1 past, 2 (hidden), 3 and 4 to
 * come. */
static void
date_events_around_today (Fixture *fixture)
{
  static const int days[] = { -30, -10, 20, 60, 90 };
  static const char * const dates[] = {
    "2026-06-02", "2026-09-26", "2026-11-14", "2027-02-17", "2027-03-20",
  };
  g_autofree char *text = read_file (fixture, EVENTS);
  g_autoptr(GString) out = g_string_new (text);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (now, days[i]);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      g_assert_cmpuint (g_string_replace (out, dates[i], date, 1), ==, 1);
    }

  write_file (fixture, EVENTS, out->str);
}

/* Puts the events around today out of file order: 0 and 1 past (1 the
 * more recent), 2 (hidden) soonest, 3 after 4. */
static void
date_events_out_of_order (Fixture *fixture)
{
  static const int days[] = { -30, -10, 20, 90, 60 };
  static const char * const dates[] = {
    "2026-06-02", "2026-09-26", "2026-11-14", "2027-02-17", "2027-03-20",
  };
  g_autofree char *text = read_file (fixture, EVENTS);
  g_autoptr(GString) out = g_string_new (text);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (now, days[i]);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      g_assert_cmpuint (g_string_replace (out, dates[i], date, 1), ==, 1);
    }

  write_file (fixture, EVENTS, out->str);
}

static int
event_position (Fixture *fixture,
                int      index)
{
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  GtkWidget *row = aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, index);

  g_assert_nonnull (row);

  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

/* Upcoming events soonest first, then past ones the most recent first,
 * whatever the order of the file, as the site's calendar page shows them. */
static void
test_sidebar_event_order (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  GtkWidget *row;

  /* Upcoming: 2 (in 20 days), 4 (60), 3 (90). */
  g_assert_cmpint (event_position (fixture, 2) + 1, ==, event_position (fixture, 4));
  g_assert_cmpint (event_position (fixture, 4) + 1, ==, event_position (fixture, 3));
  /* Past: 1 (10 days ago) at the top, then 0 (30 days ago). */
  g_assert_cmpint (event_position (fixture, 3) + 1, ==, event_position (fixture, 1));
  g_assert_cmpint (event_position (fixture, 1) + 1, ==, event_position (fixture, 0));
  row = aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, 1);
  g_assert_true (is_label (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)), "Past"));
}

static void
add_other_data (Fixture *fixture)
{
  date_events_around_today (fixture);

  write_file (fixture, "_data/navigation.yml",
              "# Die Hauptnavigation\n"
              "main:\n"
              "  - title: Start\n"
              "    url: /\n"
              "  - title: Veranstaltungen\n"
              "    url: /veranstaltungen/\n");
  write_file (fixture, "_data/members.json", "[{\"name\": \"Verein A\"}]\n");
}

static void
test_data_page (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GFile) settings = fixture_file (fixture, "_data/navigation.yml");
  g_autoptr(GFile) members = fixture_file (fixture, "_data/members.json");
  AushangDataFile *data_file;

  /* YAML that is no list: its text, with "Edit as YAML". */
  aushang_window_select_entry (fixture->window, settings, -1);
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_nonnull (data_file);
  g_assert_cmpint (aushang_data_file_get_kind (data_file), ==, AUSHANG_DATA_FILE_YAML);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), is_label_with_prefix,
                                 "This file is not a list of entries"));

  /* JSON: shown, saying why it is not edited. */
  aushang_window_select_entry (fixture->window, members, -1);
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_nonnull (data_file);
  g_assert_cmpint (aushang_data_file_get_kind (data_file), ==, AUSHANG_DATA_FILE_READ_ONLY);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), is_label,
                                 aushang_data_file_get_read_only_reason (data_file)));
}

/* Data files Jekyll cannot read: broken YAML, a file that is not text. */
static void
add_broken_data (Fixture *fixture)
{
  g_autofree char *binary = fixture_path (fixture, "_data/binaer.yml");

  write_file (fixture, "_data/kaputt.yml",
              "- title: \"Offener Abend\"\n"
              "  date: \"2026-01-01\"\n"
              " - title: Falsch eingerückt\n");
  g_assert_true (g_file_set_contents (binary, "a: \0\1\n", 6, NULL));
  write_file (fixture, "_data/orte.csv", "name,ort\nWerkstatt,Beispielstraße 7\n");
}

static gboolean
is_dim_label (GtkWidget  *widget,
              const char *text)
{
  return is_label (widget, text) && gtk_widget_has_css_class (widget, "dim-label");
}

/* Data files that cannot be read are listed, greyed, with a label and the
 * reason; picking one shows the reason (and the line, for YAML). */
static void
test_broken_data_listed (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AushangSiteSidebar *sidebar = sidebar_of (fixture);
  g_autoptr(GFile) broken = fixture_file (fixture, "_data/kaputt.yml");
  g_autoptr(GFile) binary = fixture_file (fixture, "_data/binaer.yml");
  g_autoptr(GFile) csv = fixture_file (fixture, "_data/orte.csv");
  GtkWidget *row;

  /* Broken YAML: greyed, "Cannot be read", the line in its tooltip. */
  row = aushang_site_sidebar_get_entry_row (sidebar, broken, -1);
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, is_dim_label, "Kaputt"));
  g_assert_nonnull (find_widget (row, is_label, "Cannot be read"));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (row), "Line 3: "));

  /* Not text at all: listed too, greyed, with its reason. */
  row = aushang_site_sidebar_get_entry_row (sidebar, binary, -1);
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, is_dim_label, "Binaer"));
  g_assert_nonnull (find_widget (row, is_label, "binaer.yml, cannot be read"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));

  /* CSV: listed, read only, saying why. */
  row = aushang_site_sidebar_get_entry_row (sidebar, csv, -1);
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, is_label, "orte.csv, read only"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));

  /* Picking the broken YAML: its text, the reason and the line. */
  aushang_window_select_entry (fixture->window, broken, -1);
  g_assert_nonnull (aushang_window_get_data_file (fixture->window));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), is_label_with_prefix,
                                 "This file cannot be read as YAML"));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), is_label_with_prefix, "Line 3: "));

  /* Picking the file that is no text: why, in place of a document. */
  aushang_window_select_entry (fixture->window, binary, -1);
  g_assert_null (aushang_window_get_data_file (fixture->window));
  g_assert_null (aushang_window_get_document (fixture->window));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), is_label, "“binaer.yml” Cannot Be Read"));
  g_assert_true (aushang_site_sidebar_get_entry_row (sidebar, binary, -1) ==
                 GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (gtk_widget_get_parent (row)))));

  /* And back to a readable one. */
  aushang_window_select_entry (fixture->window, csv, -1);
  g_assert_nonnull (aushang_window_get_data_file (fixture->window));
}

/* The entry form ---------------------------------------------------------------- */

static void
test_entry_form_edits_entry (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *before = read_file (fixture, EVENTS);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AushangDataFile *data_file;
  GtkWidget *title;

  select_event (fixture, 3);
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_cmpstr (entry_field_text (fixture, "title"), ==,
                   "KI und die Zivilgesellschaft: ein Abend zum Ausprobieren");
  g_assert_cmpstr (entry_field_text (fixture, "time"), ==, "16:30");
  g_assert_cmpstr (entry_field_text (fixture, "location"), ==, "Rathaus Musterstadt, Saal 2");
  g_assert_true (GTK_IS_SWITCH (aushang_entry_form_get_field_widget (entry_form_of (fixture), "featured")));
  g_assert_false (aushang_data_file_get_modified (data_file));

  /* Typing in the form writes the entry, quoted as the list quotes. */
  title = aushang_entry_form_get_field_widget (entry_form_of (fixture), "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "KI im Verein: ein Abend zum Ausprobieren");
  g_assert_true (aushang_data_file_get_modified (data_file));

  /* A time that is not one is refused at the field. */
  gtk_editable_set_text (GTK_EDITABLE (aushang_entry_form_get_field_widget (entry_form_of (fixture), "time")),
                         "halb fünf");
  g_assert_nonnull (find_widget (aushang_entry_form_get_field_widget (entry_form_of (fixture), "time"),
                                 is_image_with_tooltip, "Enter a time of day, for example 18:30."));
  gtk_editable_set_text (GTK_EDITABLE (aushang_entry_form_get_field_widget (entry_form_of (fixture), "time")),
                         "17:00");

  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (aushang_data_file_get_modified (data_file));

  /* Only the two lines changed, nothing else of the file. */
  after = read_file (fixture, EVENTS);
  g_assert_cmpuint (count_changed_lines (before, after), ==, 2);
  g_assert_nonnull (strstr (after, "- title: \"KI im Verein: ein Abend zum Ausprobieren\"\n"));
  g_assert_nonnull (strstr (after, "  time: \"17:00\"\n"));

  /* The sidebar shows the new title. */
  {
    g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
    GtkWidget *row = aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, 3);

    g_assert_nonnull (find_widget (row, is_label, "KI im Verein: ein Abend zum Ausprobieren"));
  }
}

static void
test_entry_unsaved_prompt (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *before = read_file (fixture, EVENTS);
  g_autofree char *after = NULL;
  g_autoptr(GFile) team = fixture_file (fixture, "_data/team.yml");
  AdwMessageDialog *dialog;
  GtkWidget *place;

  select_event (fixture, 0);
  place = aushang_entry_form_get_field_widget (entry_form_of (fixture), "location");
  gtk_editable_set_text (GTK_EDITABLE (place), "Offenes Labor, Hinterhof");

  /* Another entry of the same list: no question. */
  select_event (fixture, 4);
  g_assert_null (aushang_window_get_dialog (fixture->window));
  select_event (fixture, 0);
  g_assert_cmpstr (entry_field_text (fixture, "location"), ==, "Offenes Labor, Hinterhof");

  /* Another list asks first; Cancel stays. */
  aushang_window_select_entry (fixture->window, team, 0);
  dialog = aushang_window_get_dialog (fixture->window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 0);
  g_assert_true (aushang_data_file_get_modified (aushang_window_get_data_file (fixture->window)));

  /* Discard goes back to what is on disk. */
  aushang_window_select_entry (fixture->window, team, 0);
  dialog = aushang_window_get_dialog (fixture->window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  aushang_test_spin (50);
  after = read_file (fixture, EVENTS);
  g_assert_cmpstr (after, ==, before);
  select_event (fixture, 0);
  g_assert_cmpstr (entry_field_text (fixture, "location"), ==, "Offenes Labor, Beispielstraße 7");
}

/* Another program changed the list since it was opened: saving asks
 * first, and replacing their change writes the person's edit. */
static void
test_entry_save_changed_on_disk (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *before = read_file (fixture, EVENTS);
  g_autofree char *theirs = g_strconcat (before, "# Eine Notiz von jemand anderem\n", NULL);
  g_autofree char *path = fixture_path (fixture, EVENTS);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  select_event (fixture, 0);
  gtk_editable_set_text (GTK_EDITABLE (aushang_entry_form_get_field_widget (entry_form_of (fixture), "location")),
                         "Offenes Labor, Hinterhof");
  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "save", NULL);
  dialog = aushang_window_get_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changed by Another Program");
  /* Nothing is written until the person decides. */
  after = read_file (fixture, EVENTS);
  g_assert_cmpstr (after, ==, theirs);
  g_clear_pointer (&after, g_free);

  adw_message_dialog_response (dialog, "overwrite");
  aushang_test_spin (50);
  after = read_file (fixture, EVENTS);
  g_assert_nonnull (strstr (after, "Offenes Labor, Hinterhof"));
  g_assert_null (strstr (after, "Eine Notiz von jemand anderem"));
  g_assert_false (aushang_data_file_get_modified (aushang_window_get_data_file (fixture->window)));
}

/* Entry actions ------------------------------------------------------------------ */

static const char *
data_text (Fixture *fixture)
{
  return aushang_data_file_get_text (aushang_window_get_data_file (fixture->window));
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), name);
}

static void
test_new_entry (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  /* Today where the site is (the example site's timezone:), which is what
   * its events page compares with. */
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) today = g_date_time_new_now (berlin);
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *quoted = g_strdup_printf ("  date: \"%s\"\n", date);
  AushangDataFile *data_file;
  GtkWidget *title;
  GtkRoot *root;
  int index;

  select_event (fixture, 0);
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_cmpuint (aushang_data_file_get_n_entries (data_file), ==, 5);
  g_assert_true (action_enabled (fixture, "new-entry"));

  g_assert_true (aushang_window_new_entry (fixture->window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (aushang_data_file_get_n_entries (data_file), ==, 6);

  /* It is shown, its title ready to be typed over, dated today in the
   * list's own form, and placed where its date puts it. */
  index = aushang_window_get_entry_index (fixture->window);
  g_assert_cmpstr (entry_field_text (fixture, "title"), ==, "New event");
  title = aushang_entry_form_get_field_widget (entry_form_of (fixture), "title");
  root = gtk_widget_get_root (title);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), title) ||
                 gtk_root_get_focus (root) == title);
  g_assert_nonnull (strstr (data_text (fixture), quoted));
  /* A switch every event has starts off. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (aushang_entry_form_get_field_widget (entry_form_of (fixture), "featured"))));
  g_assert_nonnull (strstr (data_text (fixture), "  featured: false\n\n"));
  for (int i = 0; i < (int) aushang_data_file_get_n_entries (data_file); i++)
    {
      g_autoptr(GDateTime) other = aushang_data_file_dup_entry_date (data_file, i);
      gboolean hidden = FALSE;

      aushang_data_file_get_entry (data_file, i, &hidden, NULL, NULL);
      if (other == NULL || hidden || i == index)
        continue;
      if (i < index)
        g_assert_cmpint (g_date_time_compare (other, aushang_data_file_dup_entry_date (data_file, index)), <=, 0);
    }
  g_assert_true (aushang_data_file_get_modified (data_file));

  /* Typing its title is the next edit of the same entry. */
  gtk_editable_set_text (GTK_EDITABLE (title), "Sommerfest im Labor");
  g_assert_nonnull (strstr (data_text (fixture), "title: \"Sommerfest im Labor\"\n"));
}

/* How a required field is shown: the row of @key's "Required" label, red
 * or plain, and its status icon. */
static GtkWidget *
required_row (Fixture    *fixture,
              const char *key)
{
  GtkWidget *widget = aushang_entry_form_get_field_widget (entry_form_of (fixture), key);
  GtkWidget *row = widget ? gtk_widget_get_ancestor (widget, AUSHANG_TYPE_FIELD_ROW) : NULL;

  if (row == NULL && widget != NULL && AUSHANG_IS_FIELD_ROW (widget))
    row = widget;
  g_assert_nonnull (row);
  g_assert_true (aushang_field_row_get_required (AUSHANG_FIELD_ROW (row)));

  return row;
}

static gboolean
shows_required_problem (GtkWidget *row)
{
  AushangFieldRowInterface *iface = AUSHANG_FIELD_ROW_GET_IFACE (row);
  GtkWidget *label = iface->get_required_label (AUSHANG_FIELD_ROW (row));
  GtkWidget *status = iface->get_status (AUSHANG_FIELD_ROW (row));

  g_assert_true (gtk_widget_get_visible (label));
  /* The red label and the warning icon come together. */
  g_assert_cmpint (gtk_widget_has_css_class (label, "error"), ==,
                   status != NULL && gtk_widget_get_visible (status));

  return gtk_widget_has_css_class (label, "error");
}

/* A new event does not open with a warning at every field: an empty
 * required field says "Required" in plain grey until the person has left
 * it or saved; then it is red, with the warning beside it. */
static void
test_new_entry_required_hint (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "description", "time", "duration", "location", "category", "cost" };
  GtkWidget *description;

  select_event (fixture, 0);
  g_assert_true (aushang_window_new_entry (fixture->window, &error));
  g_assert_no_error (error);
  aushang_test_spin (300);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_false (shows_required_problem (required_row (fixture, keys[i])));

  /* Into the description and out again, leaving it empty. */
  description = aushang_entry_form_get_field_widget (entry_form_of (fixture), "description");
  g_assert_true (gtk_widget_grab_focus (description));
  aushang_test_spin (100);
  g_assert_true (gtk_widget_grab_focus (aushang_entry_form_get_field_widget (entry_form_of (fixture), "title")));
  aushang_test_spin (300);
  g_assert_true (shows_required_problem (required_row (fixture, "description")));
  g_assert_false (shows_required_problem (required_row (fixture, "time")));

  /* Saved: every empty required field is a problem now. */
  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);
  aushang_test_spin (300);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (shows_required_problem (required_row (fixture, keys[i])));
}

/* A field whose row carries the site's description of it ("Link oder
 * Anmeldung: Seite dieser Website oder Adresse, auf der man sich
 * anmeldet") keeps room to type: the description squeezed the text field
 * to about 20 px beside it (seen at a 1100 px wide window). */
static void
test_described_field_keeps_room (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  const char *description = "Seite dieser Website oder Adresse, auf der man sich anmeldet";
  GtkWidget *row;
  GtkWidget *text;
  const char *subtitle = NULL;
  const char *tooltip;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 800);
  select_event (fixture, 0);
  aushang_test_spin (500);

  row = aushang_entry_form_get_field_widget (entry_form_of (fixture), "booking_url");
  g_assert_true (AUSHANG_IS_ENTRY_ROW (row));
  text = aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (row));
  g_test_message ("row %d px, its text field %d px", gtk_widget_get_width (row), gtk_widget_get_width (text));
  g_assert_cmpint (gtk_widget_get_width (row), <, 500);
  g_assert_cmpint (gtk_widget_get_width (text), >=, 200);

  /* The description is still there to read. */
  if (ADW_IS_ACTION_ROW (row))
    subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  tooltip = gtk_widget_get_tooltip_text (row);
  g_assert_true (g_strcmp0 (subtitle, description) == 0 || g_strcmp0 (tooltip, description) == 0 ||
                 find_widget (GTK_WIDGET (entry_form_of (fixture)), is_label, description) != NULL);
}

/* Real key presses, as a person types them: xdotool sends them to the
 * window. FALSE when that cannot be done here. */
static gboolean
press_keys (Fixture    *fixture,
            const char *command,
            const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;

  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  {
    const char *focus[] = { xdotool, "windowfocus", "--sync", xid, NULL };
    const char *press[] = { xdotool, command, "--delay", "60", keys, NULL };

    g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_sync (NULL, (char **) press, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  aushang_test_spin (400);

  return TRUE;
}

static gboolean
is_start_page_button (GtkWidget  *widget,
                      const char *action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0 &&
         gtk_widget_get_ancestor (widget, ADW_TYPE_STATUS_PAGE) != NULL && gtk_widget_is_drawable (widget);
}

static gboolean
search_has_focus (Fixture *fixture)
{
  GtkWidget *search = find_widget (GTK_WIDGET (sidebar_of (fixture)), is_search_entry, NULL);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == search || gtk_widget_is_ancestor (focus, search));
}

/* Ctrl+F finds by title from the sidebar and from the page shown before a
 * document is picked; typing there searches too. The text's own Ctrl+F
 * still finds in the text. */
static void
test_sidebar_search_keys (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *search = find_widget (GTK_WIDGET (sidebar_of (fixture)), is_search_entry, NULL);
  GtkWidget *button;
  g_autoptr(GFile) post = NULL;
  int start = 0, end = 0;

  aushang_test_spin (300);
  button = find_widget (GTK_WIDGET (fixture->window), is_start_page_button, "win.new-document");
  g_assert_nonnull (button);

  /* Typing with the focus on the start page's "New Document" button. */
  g_assert_true (gtk_widget_grab_focus (button));
  if (!press_keys (fixture, "type", "Laser"))
    {
      g_test_skip ("no xdotool or no X11 display to send real key presses");
      return;
    }
  g_assert_true (search_has_focus (fixture));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "Laser");
  /* The search entry waits a moment after the last key before it
   * searches (GtkSearchEntry's search delay); on a loaded machine longer
   * than the 400 ms press_keys() waits. */
  AUSHANG_TEST_WAIT_UNTIL (aushang_site_sidebar_count_visible (sidebar_of (fixture)) == 1, 10);

  /* Ctrl+F from the start page selects what the search holds. */
  g_assert_true (gtk_widget_grab_focus (button));
  press_keys (fixture, "key", "ctrl+f");
  g_assert_true (search_has_focus (fixture));
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (search), &start, &end));
  g_assert_cmpint (end - start, ==, 5);

  /* And from the list in the sidebar. */
  press_keys (fixture, "key", "Down");
  g_assert_false (search_has_focus (fixture));
  press_keys (fixture, "key", "ctrl+f");
  g_assert_true (search_has_focus (fixture));

  /* In the text, Ctrl+F is the text's own search. */
  post = fixture_file (fixture, "_posts/2026-04-17-neuer-lasercutter.md");
  {
    GtkWidget *editor = aushang_window_get_editor (fixture->window);

    aushang_window_open (fixture->window, post);
    aushang_test_spin (300);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (editor, ADW_TYPE_VIEW_STACK)),
                                           "text");
    aushang_test_spin (300);
    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (aushang_editor_get_view (AUSHANG_EDITOR (editor)))));
    press_keys (fixture, "key", "ctrl+f");
    g_assert_false (search_has_focus (fixture));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "Laser");
  }
}

static void
test_remove_and_undo (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *before = read_file (fixture, EVENTS);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AushangDataFile *data_file;

  select_event (fixture, 1);
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_true (aushang_window_remove_entry (fixture->window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (aushang_data_file_get_n_entries (data_file), ==, 4);
  g_assert_null (strstr (data_text (fixture), "Herbsttermin"));
  g_assert_true (action_enabled (fixture, "undo-remove-entry"));
  /* The one after it is shown now. */
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 1);

  /* Undo: the file as it was, byte for byte, and not even modified. */
  g_assert_true (aushang_window_undo_remove_entry (fixture->window, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (data_text (fixture), ==, before);
  g_assert_false (aushang_data_file_get_modified (data_file));
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 1);
  g_assert_cmpstr (entry_field_text (fixture, "title"), ==, "Gemeinsam reparieren: Herbsttermin");
  g_assert_false (action_enabled (fixture, "undo-remove-entry"));

  /* Removed, edited elsewhere, undone: the entry comes back all the same. */
  g_assert_true (aushang_window_remove_entry (fixture->window, &error));
  gtk_editable_set_text (GTK_EDITABLE (aushang_entry_form_get_field_widget (entry_form_of (fixture), "location")),
                         "Offenes Labor, Hof");
  g_assert_true (aushang_window_undo_remove_entry (fixture->window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (aushang_data_file_get_n_entries (data_file), ==, 5);
  g_assert_nonnull (strstr (data_text (fixture), "Gemeinsam reparieren: Herbsttermin"));

  /* Saved after a remove and its undo: the file on disk is as it was. */
  g_clear_pointer (&before, g_free);
  before = read_file (fixture, "_data/team.yml");
  {
    g_autoptr(GFile) team = fixture_file (fixture, "_data/team.yml");

    g_assert_true (aushang_window_save (fixture->window, NULL, &error));
    aushang_window_select_entry (fixture->window, team, 2);
    g_assert_true (aushang_window_remove_entry (fixture->window, &error));
    g_assert_true (aushang_window_undo_remove_entry (fixture->window, &error));
    g_assert_true (aushang_window_save (fixture->window, NULL, &error));
    g_assert_no_error (error);
    after = read_file (fixture, "_data/team.yml");
    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_hide_show_move (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *before = read_file (fixture, EVENTS);
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  g_autoptr(GFile) team = fixture_file (fixture, "_data/team.yml");
  g_autoptr(GError) error = NULL;
  AushangDataFile *data_file;
  GtkWidget *row;

  select_event (fixture, 3);
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_true (action_enabled (fixture, "hide-entry"));
  g_assert_false (action_enabled (fixture, "show-entry"));

  /* Hidden: every line commented out, greyed in the sidebar, not edited. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "toggle-entry-hidden", NULL);
  g_assert_nonnull (strstr (data_text (fixture), "\n# - title: \"KI und die Zivilgesellschaft"));
  row = aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, 3);
  g_assert_nonnull (find_widget (row, is_label, "Hidden"));
  g_assert_false (gtk_widget_is_sensitive (aushang_entry_form_get_field_widget (entry_form_of (fixture), "title")));
  g_assert_true (action_enabled (fixture, "show-entry"));

  /* Shown again: the very bytes of before. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "toggle-entry-hidden", NULL);
  g_assert_cmpstr (data_text (fixture), ==, before);
  g_assert_null (find_widget (aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, 3),
                              is_label, "Hidden"));

  /* Moving: the team's order is the file's. */
  aushang_window_select_entry (fixture->window, team, 0);
  g_assert_null (aushang_window_get_dialog (fixture->window));
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_false (action_enabled (fixture, "move-entry-up"));
  g_assert_true (action_enabled (fixture, "move-entry-down"));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "move-entry-down", NULL);
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 1);
  g_assert_cmpstr (entry_field_text (fixture, "name"), ==, "Jörg Müller-Lüdenscheidt");
  {
    g_autofree char *first = aushang_value_to_display (aushang_value_lookup (aushang_data_file_get_entry (data_file, 0, NULL, NULL, NULL), "name"));

    g_assert_cmpstr (first, ==, "Aylin Demir");
  }
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "move-entry-up", NULL);
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 0);
  /* Back where it was: nothing to save. */
  g_assert_false (aushang_data_file_get_modified (data_file));

  /* Duplicating puts the copy right after it. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "duplicate-entry", NULL);
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 1);
  g_assert_cmpstr (entry_field_text (fixture, "name"), ==, "Jörg Müller-Lüdenscheidt");
}

/* Whether the shortcuts window's text lists @accel (in any spelling). */
static gboolean
overlay_lists (const char *text,
               const char *accel)
{
  guint key = 0, other_key = 0;
  GdkModifierType mods = 0, other_mods = 0;
  const char *p = text;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));

  while ((p = strstr (p, "accelerator\">")) != NULL)
    {
      g_autofree char *value = NULL;
      g_auto(GStrv) tokens = NULL;
      GString *unescaped;

      p += strlen ("accelerator\">");
      value = g_strndup (p, strcspn (p, "<"));
      unescaped = g_string_new (value);
      g_string_replace (unescaped, "&lt;", "<", 0);
      g_string_replace (unescaped, "&gt;", ">", 0);
      tokens = g_strsplit (unescaped->str, " ", -1);
      g_string_free (unescaped, TRUE);

      for (guint i = 0; tokens[i] != NULL; i++)
        if (gtk_accelerator_parse (tokens[i], &other_key, &other_mods) &&
            other_key == key && other_mods == mods)
          return TRUE;
    }

  return FALSE;
}

/* Each action has a shortcut, and the shortcuts window lists it. */
static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char * const actions[] = {
    "win.new-entry", "win.duplicate-entry", "win.remove-entry", "win.toggle-entry-hidden",
    "win.move-entry-up", "win.move-entry-down", "win.export-event", "win.export-upcoming",
    "win.add-to-calendar",
    /* A document's actions, as the entries' have. */
    "win.duplicate-document", "win.start-from-document", "win.trash-document",
  };
  g_autoptr(GBytes) overlay = g_resources_lookup_data ("/io/github/aushang/Aushang/gtk/help-overlay.ui",
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (overlay, NULL), g_bytes_get_size (overlay));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      g_assert_nonnull (accels);
      g_assert_nonnull (accels[0]);
      /* No two actions share one. */
      g_assert_false (g_hash_table_contains (seen, accels[0]));
      g_hash_table_add (seen, g_strdup (accels[0]));

      g_test_message ("%s: %s", actions[i], accels[0]);
      g_assert_true (overlay_lists (text, accels[0]));
    }
}

/* Right click (or the Menu key) on a row opens it and shows its menu. */
static void
test_row_menu (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  GtkWidget *row = aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, 4);

  /* The window is on a monitor by now. */
  aushang_test_spin (300);
  g_assert_true (aushang_site_sidebar_popup_menu (sidebar_of (fixture), row));
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 4);
  g_assert_true (action_enabled (fixture, "remove-entry"));

  /* A document's row: the document opens, with its actions. */
  row = find_widget (GTK_WIDGET (sidebar_of (fixture)), is_label, "Sommerpause vom 20. Juli bis 9. August");
  row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);
  g_assert_true (aushang_site_sidebar_popup_menu (sidebar_of (fixture), row));
  g_assert_nonnull (aushang_window_get_document (fixture->window));
  g_assert_true (action_enabled (fixture, "duplicate-document"));
  g_assert_true (action_enabled (fixture, "start-from-document"));
  g_assert_true (action_enabled (fixture, "trash-document"));
  g_assert_false (action_enabled (fixture, "remove-entry"));
}

/* Announcements and their calendar entries ----------------------------------------- */

#define REPAIR_CAFE "_beitraege/repair-cafe-im-labor.md"
#define OPENING "_beitraege/eroeffnung-offenes-labor.md"

static GtkWidget *
form_of (Fixture *fixture)
{
  return aushang_window_get_form (fixture->window);
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The announcement an entry links to shows that entry, which opens from
 * there; the entry's link opens the announcement. */
static void
test_announcement_shows_entry (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GFile) announcement = fixture_file (fixture, REPAIR_CAFE);
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  GtkWidget *row;

  aushang_window_select_file (fixture->window, announcement);
  g_assert_nonnull (aushang_window_get_document (fixture->window));
  row = find_widget (form_of (fixture), is_row_titled, "Gemeinsam reparieren: Herbsttermin");
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (form_of (fixture), is_label, "In the Event Calendar"));
  /* The list named as the site names it, as in the sidebar. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Veranstaltungen, "));

  /* One click opens the entry. */
  g_signal_emit_by_name (row, "activated");
  g_assert_null (aushang_window_get_document (fixture->window));
  g_assert_true (g_file_equal (aushang_data_file_get_file (aushang_window_get_data_file (fixture->window)), events));
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 1);

  /* Its fields in the site's own words where its guide (README.md) has
   * them: "`link_text`: Linktext" is the title; longer words are said
   * beside the title. */
  {
    GtkWidget *link_text = gtk_widget_get_ancestor (aushang_entry_form_get_field_widget (entry_form_of (fixture), "link_text"),
                                                    ADW_TYPE_PREFERENCES_ROW);
    GtkWidget *booking = gtk_widget_get_ancestor (aushang_entry_form_get_field_widget (entry_form_of (fixture), "booking_url"),
                                                  ADW_TYPE_PREFERENCES_ROW);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (link_text)), ==, "Linktext");
    g_assert_cmpstr (ADW_IS_ACTION_ROW (booking) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (booking))
                                                 : gtk_widget_get_tooltip_text (booking),
                     ==, "Seite dieser Website oder Adresse, auf der man sich anmeldet");
  }

  /* The entry's link leads back. */
  g_signal_emit_by_name (entry_form_of (fixture), "open-link", "/beitraege/repair-cafe-im-labor/");
  g_assert_nonnull (aushang_window_get_document (fixture->window));
  g_assert_true (g_file_equal (aushang_window_get_file (fixture->window), announcement));

  /* An announcement no entry links to offers to add one. */
  {
    g_autoptr(GFile) opening = fixture_file (fixture, OPENING);

    aushang_window_select_file (fixture->window, opening);
    g_assert_nonnull (find_widget (form_of (fixture), is_row_titled, "Not in the event calendar yet"));
    g_assert_true (action_enabled (fixture, "add-to-calendar"));
  }
}

/* "Add to the Event Calendar": an entry prefilled from the announcement. */
static void
test_add_to_calendar (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GFile) opening = fixture_file (fixture, OPENING);
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  g_autoptr(GError) error = NULL;
  AushangDataFile *data_file;
  AushangValue *entry;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  int index;

  aushang_window_select_file (fixture->window, opening);
  g_assert_true (aushang_window_add_to_calendar (fixture->window, &error));
  g_assert_no_error (error);

  /* The new entry is shown, in the event list. */
  data_file = aushang_window_get_data_file (fixture->window);
  g_assert_nonnull (data_file);
  g_assert_true (g_file_equal (aushang_data_file_get_file (data_file), events));
  g_assert_cmpuint (aushang_data_file_get_n_entries (data_file), ==, 6);
  index = aushang_window_get_entry_index (fixture->window);
  entry = aushang_data_file_get_entry (data_file, index, NULL, NULL, NULL);
  json = aushang_value_to_json (entry);
  g_test_message ("%s", json);
  g_assert_cmpstr (entry_field_text (fixture, "title"), ==, "Das Offene Labor öffnet seine Türen");
  g_assert_cmpstr (aushang_value_get_string (aushang_value_lookup (entry, "description")), ==,
                   "Ein Jahr Umbau ist vorbei: Ab sofort steht die Werkstatt in der Beispielstraße allen offen.");
  /* The date as the list writes its dates: quoted, as text. */
  g_assert_cmpstr (aushang_value_get_string (aushang_value_lookup (entry, "date")), ==, "2024-05-17");
  g_assert_cmpstr (aushang_value_get_string (aushang_value_lookup (entry, "booking_url")), ==,
                   "/beitraege/eroeffnung-offenes-labor/");
  g_assert_cmpstr (aushang_value_get_string (aushang_value_lookup (entry, "link_text")), ==, "To the announcement");
  /* The oldest date: first in a list that runs by date. */
  g_assert_cmpint (index, ==, 0);
  text = g_strdup (aushang_data_file_get_text (data_file));
  g_assert_nonnull (strstr (text, "- title: \"Das Offene Labor öffnet seine Türen\"\n"
                                  "  description: \"Ein Jahr Umbau ist vorbei: Ab sofort steht die Werkstatt in der Beispielstraße allen offen.\"\n"
                                  "  date: \"2024-05-17\"\n"));

  /* Saved, the announcement shows it; asking again opens it, not a second one. */
  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);
  aushang_window_select_file (fixture->window, opening);
  g_assert_nonnull (find_widget (form_of (fixture), is_row_titled, "Das Offene Labor öffnet seine Türen"));
  g_assert_true (aushang_window_add_to_calendar (fixture->window, &error));
  g_assert_cmpuint (aushang_data_file_get_n_entries (aushang_window_get_data_file (fixture->window)), ==, 6);
  g_assert_cmpint (aushang_window_get_entry_index (fixture->window), ==, 0);
}

/* iCalendar ------------------------------------------------------------------------ */

/* Each VEVENT of @path as "SUMMARY|DTSTART|DTEND|TZID" lines, read by
 * Debian's python3-icalendar; NULL (the test skipped) without it. */
static char *
parse_ics (const char *path)
{
  static const char script[] =
    "import sys, icalendar\n"
    "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "for e in cal.walk('VEVENT'):\n"
    "    s = e.decoded('DTSTART'); t = e.decoded('DTEND')\n"
    "    print('%s|%s|%s|%s' % (e.get('SUMMARY'), s.isoformat(), t.isoformat(),\n"
    "                          e['DTSTART'].params.get('TZID', '')))\n";
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  const char *check[] = { python, "-c", "import icalendar", NULL };
  const char *argv[] = { python, "-c", script, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) check, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("python3-icalendar is not installed (Debian: apt install python3-icalendar)");
      return NULL;
    }

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3-icalendar could not read %s: %s", path, err);

  return g_steal_pointer (&out);
}

static void
test_export_event (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "ki.ics");
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  select_event (fixture, 3);
  g_assert_true (action_enabled (fixture, "export-event"));
  g_assert_true (action_enabled (fixture, "export-upcoming"));
  g_assert_true (aushang_window_export_ics (fixture->window, 3, target, &error));
  g_assert_no_error (error);

  /* 17 February 2027, 16:30 in Berlin (winter time), one and a half hours. */
  events = parse_ics (path);
  if (events == NULL)
    return;
  g_test_message ("%s", events);
  g_assert_cmpstr (events, ==,
                   "KI und die Zivilgesellschaft: ein Abend zum Ausprobieren|"
                   "2027-02-17T16:30:00+01:00|2027-02-17T18:00:00+01:00|Europe/Berlin\n");
}

static void
test_export_upcoming (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "termine.ics");
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day3 = g_date_time_add_days (now, 60);
  g_autoptr(GDateTime) day4 = g_date_time_add_days (now, 90);
  g_autoptr(GDateTime) start3 = NULL, end3 = NULL, start4 = NULL, end4 = NULL;
  g_autofree char *s3 = NULL, *e3 = NULL, *s4 = NULL, *e4 = NULL;

  select_event (fixture, 0);
  g_assert_true (aushang_window_export_ics (fixture->window, -1, target, &error));
  g_assert_no_error (error);

  /* The upcoming ones, not the past nor the hidden one, at their times
   * and durations in the site's zone. */
  start3 = g_date_time_new (berlin, g_date_time_get_year (day3), g_date_time_get_month (day3),
                            g_date_time_get_day_of_month (day3), 16, 30, 0);
  end3 = g_date_time_add_minutes (start3, 90);
  start4 = g_date_time_new (berlin, g_date_time_get_year (day4), g_date_time_get_month (day4),
                            g_date_time_get_day_of_month (day4), 11, 0, 0);
  end4 = g_date_time_add_hours (start4, 5);
  s3 = g_date_time_format (start3, "%Y-%m-%dT%H:%M:%S%:z");
  e3 = g_date_time_format (end3, "%Y-%m-%dT%H:%M:%S%:z");
  s4 = g_date_time_format (start4, "%Y-%m-%dT%H:%M:%S%:z");
  e4 = g_date_time_format (end4, "%Y-%m-%dT%H:%M:%S%:z");
  expected = g_strdup_printf ("KI und die Zivilgesellschaft: ein Abend zum Ausprobieren|%s|%s|Europe/Berlin\n"
                              "Frühjahrsputz für Fahrräder|%s|%s|Europe/Berlin\n",
                              s3, e3, s4, e4);

  events = parse_ics (path);
  if (events == NULL)
    return;
  g_test_message ("%s", events);
  g_assert_cmpstr (events, ==, expected);
}

/* The real Jekyll ------------------------------------------------------------------ */

/* Builds the fixture's site with Debian's jekyll and returns the events
 * page it writes; NULL (the test skipped) without jekyll. */
static char *
build_events_page (Fixture *fixture)
{
  const char *argv[] = { "jekyll", "build", "--quiet", NULL };
  g_autofree char *jekyll = g_find_program_in_path ("jekyll");
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (jekyll == NULL)
    {
      g_test_skip ("jekyll is not installed (Debian: apt install jekyll)");
      return NULL;
    }

  g_assert_true (g_spawn_sync (fixture->dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("jekyll build failed: %s", err);

  return read_file (fixture, "_site/veranstaltungen/index.html");
}

/* An event added through the form, saved: Jekyll's events page lists it
 * among the upcoming ones. */
static void
test_jekyll_lists_new_event (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  GtkWidget *title;
  const char *found, *past;

  select_event (fixture, 0);
  g_assert_true (aushang_window_new_entry (fixture->window, &error));
  title = aushang_entry_form_get_field_widget (entry_form_of (fixture), "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Sommerfest im Labor");
  gtk_editable_set_text (GTK_EDITABLE (aushang_entry_form_get_field_widget (entry_form_of (fixture), "time")),
                         "15:00");
  gtk_editable_set_text (GTK_EDITABLE (aushang_entry_form_get_field_widget (entry_form_of (fixture), "location")),
                         "Hof des Offenen Labors");
  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);

  page = build_events_page (fixture);
  if (page == NULL)
    return;

  found = strstr (page, "<h3>Sommerfest im Labor</h3>");
  past = strstr (page, "id=\"vergangen\"");
  g_assert_nonnull (found);
  g_assert_nonnull (past);
  g_assert_true (found < past);
  g_assert_nonnull (strstr (page, "15:00 Uhr"));
  g_assert_nonnull (strstr (page, "Hof des Offenen Labors"));
}

/* An event hidden in the window, saved: Jekyll's page no longer shows it;
 * shown again, it is back. */
static void
test_jekyll_hides_event (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *page = build_events_page (fixture);
  const char *title = "KI und die Zivilgesellschaft: ein Abend zum Ausprobieren";

  if (page == NULL)
    return;
  g_assert_nonnull (strstr (page, title));

  select_event (fixture, 3);
  g_assert_true (aushang_window_set_entry_hidden (fixture->window, TRUE, &error));
  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&page, g_free);
  page = build_events_page (fixture);
  g_assert_null (strstr (page, title));
  /* The others stay. */
  g_assert_nonnull (strstr (page, "Frühjahrsputz für Fahrräder"));

  g_assert_true (aushang_window_set_entry_hidden (fixture->window, FALSE, &error));
  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&page, g_free);
  page = build_events_page (fixture);
  g_assert_nonnull (strstr (page, title));
}

/* Unsaved changes of a list are kept safe from a crash and offered back. */
static gboolean
has_recovery (gpointer data)
{
  g_autoptr(GPtrArray) list = aushang_recovery_list (G_FILE (data));

  return list->len > 0;
}

static void
test_entry_recovery (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *before = read_file (fixture, EVENTS);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AushangWindow *second;
  AdwMessageDialog *dialog;

  select_event (fixture, 4);
  gtk_editable_set_text (GTK_EDITABLE (aushang_entry_form_get_field_widget (entry_form_of (fixture), "location")),
                         "Marktplatz, bei Regen in der Halle");
  g_assert_true (aushang_test_wait_until (has_recovery, folder, 10));

  /* A second window on the site (as after a crash) offers it back. */
  second = aushang_window_new (app);
  gtk_window_present (GTK_WINDOW (second));
  aushang_window_open (second, folder);
  dialog = aushang_window_get_dialog (second);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "restore");
  g_assert_nonnull (aushang_window_get_data_file (second));
  g_assert_true (aushang_data_file_get_modified (aushang_window_get_data_file (second)));
  g_assert_nonnull (strstr (aushang_data_file_get_text (aushang_window_get_data_file (second)),
                            "Marktplatz, bei Regen in der Halle"));

  /* Saving it writes only that change and forgets the copy. */
  g_assert_true (aushang_window_save (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_recovery (folder));
  after = read_file (fixture, EVENTS);
  g_assert_cmpuint (count_changed_lines (before, after), ==, 1);

  aushang_data_file_set_modified (aushang_window_get_data_file (fixture->window), FALSE);
  gtk_window_destroy (GTK_WINDOW (second));
  aushang_test_spin (100);
}

/* Documents: copies, a new one from a model, the trash ----------------------------- */

static void
test_pages_listed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GFile) page = fixture_file (fixture, "veranstaltungen.html");
  AushangSiteSidebar *sidebar = sidebar_of (fixture);
  GtkWidget *row;

  /* The standalone pages, by title, under "Pages". */
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar), is_label, "Pages"));
  row = find_widget (GTK_WIDGET (sidebar), is_label, "veranstaltungen.html");
  g_assert_nonnull (row);
  row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (find_widget (row, is_label, "Veranstaltungen"));

  /* One opens as a document. */
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_nonnull (aushang_window_get_document (fixture->window));
  g_assert_true (g_file_equal (aushang_window_get_file (fixture->window), page));
}

static void
test_copy_document (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GFile) original = fixture_file (fixture, REPAIR_CAFE);
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *source = read_file (fixture, REPAIR_CAFE);
  AushangFrontMatter *front_matter;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *post_name = g_strdup_printf ("_posts/%s-new-document.md", today);

  /* A copy: the same text, a new name beside it, not saved yet. */
  aushang_window_select_file (fixture->window, original);
  g_assert_true (aushang_window_copy_document (fixture->window, FALSE, &error));
  g_assert_no_error (error);
  relative = g_file_get_relative_path (aushang_site_get_folder (aushang_window_get_site (fixture->window)),
                                       aushang_window_get_file (fixture->window));
  g_assert_cmpstr (relative, ==, "_beitraege/repair-cafe-im-labor-copy.md");
  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);
  copied = read_file (fixture, "_beitraege/repair-cafe-im-labor-copy.md");
  g_assert_cmpstr (copied, ==, source);

  /* Start from this one: all of it, but a title and today's date. */
  aushang_window_select_file (fixture->window, original);
  g_assert_true (aushang_window_copy_document (fixture->window, TRUE, &error));
  g_clear_pointer (&relative, g_free);
  relative = g_file_get_relative_path (aushang_site_get_folder (aushang_window_get_site (fixture->window)),
                                       aushang_window_get_file (fixture->window));
  g_assert_cmpstr (relative, ==, "_beitraege/new-document.md");
  front_matter = aushang_document_get_front_matter (aushang_window_get_document (fixture->window));
  g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (front_matter, "title")), ==, "New document");
  {
    int year, month, day;

    aushang_value_get_date (aushang_front_matter_get (front_matter, "date"), &year, &month, &day);
    g_assert_cmpint (year, ==, g_date_time_get_year (now));
    g_assert_cmpint (month, ==, g_date_time_get_month (now));
    g_assert_cmpint (day, ==, g_date_time_get_day_of_month (now));
  }
  g_assert_nonnull (aushang_front_matter_get (front_matter, "header_image_credit"));

  /* In _posts, the new name starts with today's date, as Jekyll needs. */
  {
    g_autoptr(GFile) post = fixture_file (fixture, "_posts/2026-07-02-sommerpause.md");
    g_autoptr(GFile) expected = fixture_file (fixture, post_name);

    /* The new one is not saved: leaving it asks. */
    aushang_window_select_file (fixture->window, post);
    g_assert_nonnull (aushang_window_get_dialog (fixture->window));
    adw_message_dialog_response (aushang_window_get_dialog (fixture->window), "discard");
    g_assert_true (g_file_equal (aushang_window_get_file (fixture->window), post));
    g_assert_true (aushang_window_copy_document (fixture->window, TRUE, &error));
    g_assert_true (g_file_equal (aushang_window_get_file (fixture->window), expected));
  }
}

static void
test_trash_document (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) file = fixture_file (fixture, "_posts/2026-04-17-neuer-lasercutter.md");
  g_autofree char *before = read_file (fixture, "_posts/2026-04-17-neuer-lasercutter.md");
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trash = g_build_filename (g_get_user_data_dir (), "Trash", "files",
                                             "2026-04-17-neuer-lasercutter.md", NULL);

  aushang_window_select_file (fixture->window, file);
  g_assert_true (aushang_window_trash_document (fixture->window, &error));
  g_assert_no_error (error);

  /* In the trash, not gone; closed, and no more in the sidebar. */
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_true (g_file_test (trash, G_FILE_TEST_EXISTS));
  g_assert_null (aushang_window_get_document (fixture->window));
  g_assert_null (find_widget (GTK_WIDGET (sidebar_of (fixture)), is_label, "Neu in der Werkstatt: unser Lasercutter"));
  g_assert_true (action_enabled (fixture, "undo-trash-document"));

  /* Undo: back, byte for byte, and open. */
  g_assert_true (aushang_window_undo_trash_document (fixture->window, &error));
  g_assert_no_error (error);
  after = read_file (fixture, "_posts/2026-04-17-neuer-lasercutter.md");
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_equal (aushang_window_get_file (fixture->window), file));
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar_of (fixture)), is_label, "Neu in der Werkstatt: unser Lasercutter"));
  g_remove (trash);
}

static gboolean
is_drop_down (GtkWidget  *widget,
              const char *unused)
{
  return GTK_IS_DROP_DOWN (widget);
}

/* The new-document dialog offers what the site has, named as the site
 * names it: its menu calls /beitraege/ "Beiträge", not "Beitraege". */
static void
test_new_document_offers (Fixture       *fixture,
                          gconstpointer  user_data)
{
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  GListModel *model;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "new-document", NULL);
  dialog = aushang_window_get_dialog (fixture->window);
  g_assert_nonnull (dialog);
  drop_down = find_widget (GTK_WIDGET (dialog), is_drop_down, NULL);
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Beiträge (_beitraege)");
}

static void
remove_collections (Fixture *fixture)
{
  g_autofree char *posts = fixture_path (fixture, "_posts");
  g_autofree char *beitraege = fixture_path (fixture, "_beitraege");

  aushang_test_delete_path (posts);
  aushang_test_delete_path (beitraege);
}

/* A site without any collection folder is offered _posts, where Jekyll
 * looks first. */
static void
test_new_document_offers_posts (Fixture       *fixture,
                                gconstpointer  user_data)
{
  AdwMessageDialog *dialog;
  GListModel *model;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "new-document", NULL);
  dialog = aushang_window_get_dialog (fixture->window);
  g_assert_nonnull (dialog);
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (find_widget (GTK_WIDGET (dialog), is_drop_down, NULL)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Posts (_posts)");
}

static gboolean
is_open_document_button (GtkWidget  *widget,
                         const char *unused)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Open this document") == 0;
}

static AushangDocumentRow *
document_row_of (Fixture    *fixture,
                 const char *key)
{
  GtkWidget *widget = aushang_form_get_field_widget (AUSHANG_FORM (form_of (fixture)), key);
  GtkWidget *row = widget ? gtk_widget_get_ancestor (widget, AUSHANG_TYPE_DOCUMENT_ROW) : NULL;

  g_assert_nonnull (row);

  return AUSHANG_DOCUMENT_ROW (row);
}

static gboolean
search_finds (AushangDocumentRow *row,
              const char         *search,
              GFile              *file)
{
  g_autoptr(GPtrArray) found = aushang_document_row_search (row, search);

  for (guint i = 0; i < found->len; i++)
    if (g_file_equal (g_ptr_array_index (found, i), file))
      return TRUE;

  return FALSE;
}

/* Fields that name other documents (retrospective_post, related_post):
 * the document's title, a picker searched by title, a button that opens
 * it; a name that is no document says so. */
static void
test_document_reference_field (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GFile) announcement = fixture_file (fixture, REPAIR_CAFE);
  g_autoptr(GFile) review = fixture_file (fixture, "_beitraege/rueckblick-repair-cafe.md");
  g_autoptr(GFile) opening = fixture_file (fixture, OPENING);
  AushangDocumentRow *row;
  AushangFrontMatter *front_matter;

  aushang_window_select_file (fixture->window, announcement);
  row = document_row_of (fixture, "retrospective_post");
  g_assert_true (g_file_equal (aushang_document_row_get_target (row), review));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Rückblick: 23 Geräte gerettet beim ersten Repair-Café (rueckblick-repair-cafe)");

  /* Searched by title, any case, every word. */
  g_assert_true (search_finds (row, "rückblick geräte", review));
  g_assert_true (search_finds (row, "ÖFFNET SEINE", opening));
  g_assert_false (search_finds (row, "rückblick lasercutter", review));

  /* The button opens the document named. */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (row), is_open_document_button, NULL), "clicked");
  g_assert_true (g_file_equal (aushang_window_get_file (fixture->window), review));

  /* There: related_post names the announcement; pick another one. */
  row = document_row_of (fixture, "related_post");
  g_assert_true (g_file_equal (aushang_document_row_get_target (row), announcement));
  /* The document being edited is not offered: it cannot be its own
   * related post. */
  g_assert_false (search_finds (row, "rückblick geräte", review));
  g_assert_true (search_finds (row, "repair", announcement));
  aushang_document_row_pick (row, "eroeffnung-offenes-labor");
  front_matter = aushang_document_get_front_matter (aushang_window_get_document (fixture->window));
  g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (front_matter, "related_post")), ==,
                   "eroeffnung-offenes-labor");
  g_assert_true (g_file_equal (aushang_document_row_get_target (row), opening));

  /* A name that is no document: said so, nothing to open. */
  aushang_document_row_pick (row, "gibt-es-nicht");
  g_assert_null (aushang_document_row_get_target (row));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "the site has no document of this name"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (row), is_open_document_button, NULL)));

  /* "No document": the key goes. */
  aushang_document_row_pick (row, NULL);
  g_assert_null (aushang_front_matter_get (front_matter, "related_post"));
}

static void
remove_posts (Fixture *fixture)
{
  g_autofree char *posts = fixture_path (fixture, "_posts");

  aushang_test_delete_path (posts);
}

/* Marks for what goes out with the next publish ------------------------------- */

static void
git (const char *dir,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) "git");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) "user.name=Test");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) "user.email=test@example.org");
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("git failed in %s: %s", dir, err);
}

/* The site as a repository published to a server (a bare repository
 * beside it): nothing waits to go out. */
static void
make_published_repository (Fixture *fixture)
{
  g_autofree char *server = g_strconcat (fixture->dir, ".git", NULL);

  git (fixture->dir, "init", "-q", "-b", "main", NULL);
  git (fixture->dir, "add", "-A", NULL);
  git (fixture->dir, "commit", "-q", "-m", "Die Website", NULL);
  git (fixture->dir, "clone", "-q", "--bare", fixture->dir, server, NULL);
  git (fixture->dir, "remote", "add", "origin", server, NULL);
  git (fixture->dir, "fetch", "-q", "origin", NULL);
}

typedef struct
{
  Fixture    *fixture;
  GFile      *file;
  int         entry;
  const char *label;
} RowLabel;

/* The rows are made anew when the marks come: look the row up each time. */
static gboolean
row_has_label (gpointer data)
{
  RowLabel *wanted = data;
  GtkWidget *row = aushang_site_sidebar_get_entry_row (sidebar_of (wanted->fixture), wanted->file, wanted->entry);

  return row != NULL && find_widget (row, is_label, wanted->label) != NULL;
}

static void
test_publish_marks (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GFile) events = fixture_file (fixture, EVENTS);
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_strconcat (fixture->dir, ".git", NULL);
  GtkWidget *row;
  GtkWidget *place;
  RowLabel wanted = { fixture, events, 3, "Changed" };

  /* Published as it is: no marks. */
  aushang_test_spin (500);
  g_assert_null (find_widget (GTK_WIDGET (sidebar_of (fixture)), is_label, "Changed"));
  g_assert_null (find_widget (GTK_WIDGET (sidebar_of (fixture)), is_label, "New"));

  /* An event changed and saved: its row says so, the others do not. */
  select_event (fixture, 3);
  place = aushang_entry_form_get_field_widget (entry_form_of (fixture), "location");
  gtk_editable_set_text (GTK_EDITABLE (place), "Rathaus Musterstadt, Saal 3");
  g_assert_true (aushang_window_save (fixture->window, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (aushang_test_wait_until (row_has_label, &wanted, 10));
  row = aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, 3);
  g_assert_nonnull (find_widget (row, is_label, "Changed"));
  g_assert_null (find_widget (aushang_site_sidebar_get_entry_row (sidebar_of (fixture), events, 1),
                              is_label, "Changed"));
  /* The selection stayed on the event being edited. */
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));

  aushang_test_delete_path (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* A trash of the test's own (on the same disk as its sites). */
  trash_home = g_dir_make_tmp ("aushang-entries-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", trash_home, TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AUSHANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  aushang_test_allow_gtk_races ();
  gtk_init ();
  adw_init ();

  example_dir = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);

  app = aushang_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, prepare, func) \
  g_test_add (path, Fixture, prepare, fixture_set_up, func, fixture_tear_down)

  ADD ("/entries/sidebar-lists-data", add_other_data, test_sidebar_lists_data);
  ADD ("/entries/open-data-file", NULL, test_open_data_file);
  ADD ("/entries/data-page", add_other_data, test_data_page);
  ADD ("/entries/broken-data-listed", add_broken_data, test_broken_data_listed);
  ADD ("/entries/sidebar-event-order", date_events_out_of_order, test_sidebar_event_order);
  ADD ("/entries/form-edits-entry", NULL, test_entry_form_edits_entry);
  ADD ("/entries/unsaved-prompt", NULL, test_entry_unsaved_prompt);
  ADD ("/entries/save-changed-on-disk", NULL, test_entry_save_changed_on_disk);
  ADD ("/entries/recovery", NULL, test_entry_recovery);
  ADD ("/entries/new-entry", NULL, test_new_entry);
  ADD ("/entries/new-entry-required-hint", NULL, test_new_entry_required_hint);
  ADD ("/entries/described-field-keeps-room", NULL, test_described_field_keeps_room);
  ADD ("/entries/sidebar-search-keys", NULL, test_sidebar_search_keys);
  ADD ("/entries/remove-and-undo", NULL, test_remove_and_undo);
  ADD ("/entries/hide-show-move", NULL, test_hide_show_move);
  ADD ("/entries/shortcuts", NULL, test_shortcuts);
  ADD ("/entries/row-menu", NULL, test_row_menu);
  ADD ("/entries/announcement-shows-entry", NULL, test_announcement_shows_entry);
  ADD ("/entries/add-to-calendar", NULL, test_add_to_calendar);
  ADD ("/entries/export-event", NULL, test_export_event);
  ADD ("/entries/export-upcoming", date_events_around_today, test_export_upcoming);
  ADD ("/entries/jekyll-lists-new-event", NULL, test_jekyll_lists_new_event);
  ADD ("/entries/jekyll-hides-event", date_events_around_today, test_jekyll_hides_event);
  ADD ("/entries/publish-marks", make_published_repository, test_publish_marks);
  ADD ("/documents/pages-listed", NULL, test_pages_listed);
  ADD ("/documents/copy", NULL, test_copy_document);
  ADD ("/documents/trash", NULL, test_trash_document);
  ADD ("/documents/new-document-offers", remove_posts, test_new_document_offers);
  ADD ("/documents/new-document-offers-posts", remove_collections, test_new_document_offers_posts);
  ADD ("/documents/reference-field", NULL, test_document_reference_field);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (example_dir);
  aushang_test_delete_path (trash_home);

  return status;
}
