/* test-data-file.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "aushang-data-file.h"
#include "aushang-test-util.h"

static AushangDataFile *
load (const char *name,
      const char *text)
{
  return aushang_data_file_new_from_data (name, text, strlen (text));
}

static char *
text_of (AushangDataFile *file)
{
  g_autoptr(GBytes) bytes = aushang_data_file_serialize (file);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
assert_text (AushangDataFile *file,
             const char      *expected)
{
  g_autofree char *text = text_of (file);

  g_assert_cmpstr (text, ==, expected);
}

static char *
entry_json (AushangDataFile *file,
            guint            index)
{
  AushangValue *entry = aushang_data_file_get_entry (file, index, NULL, NULL, NULL);

  return entry ? aushang_value_to_json (entry) : g_strdup ("(none)");
}

static void
assert_entry (AushangDataFile *file,
              guint            index,
              const char      *json)
{
  g_autofree char *got = entry_json (file, index);

  g_assert_cmpstr (got, ==, json);
}

static AushangValue *
yaml (const char *text)
{
  g_autoptr(GError) error = NULL;
  AushangValue *value = aushang_yaml_parse_value (text, &error);

  g_assert_no_error (error);

  return value;
}

/* A calendar as civic sites keep it: quoted dates, comments between and
 * inside entries, a commented-out key, and an event hidden by hand. */
static const char *events =
  "# Veranstaltungen des Offenen Labors\n"
  "# Datum immer als \"JJJJ-MM-TT\".\n"
  "\n"
  "- title: \"Repair-Café im Labor\"\n"
  "  date: \"2025-05-06\"\n"
  "  time: \"16:30\"\n"
  "  duration: \"3 Stunden\"\n"
  "  category: \"Treffen\"\n"
  "  featured: false\n"
  "\n"
  "- title: \"KI und die Zivilgesellschaft: ein Abend\"\n"
  "  date: \"2025-06-17\"\n"
  "  time: \"18:00\"\n"
  "  duration: \"1,5 Stunden\"\n"
  "  # Ort steht noch nicht fest\n"
  "  category: \"Vortrag\"\n"
  "  featured: true\n"
  "#  topic: \"ki-zivilgesellschaft\"\n"
  "\n"
  "#- title: \"Abgesagt: Lötkurs\"\n"
  "#  date: \"2025-07-01\"\n"
  "#  category: \"Workshop\"\n"
  "#  featured: false\n"
  "\n"
  "- title: \"Sommerfest\"\n"
  "  date: \"2025-08-20\"\n"
  "  time: \"17:00\"\n"
  "  category: \"Treffen\"\n"
  "  featured: false\n";

static void
test_entries (void)
{
  g_autoptr(AushangDataFile) file = load ("events.yml", events);
  gboolean hidden = FALSE;
  guint first = 0, last = 0;
  int order = 0;

  g_assert_cmpint (aushang_data_file_get_kind (file), ==, AUSHANG_DATA_FILE_ENTRIES);
  g_assert_cmpstr (aushang_data_file_get_name (file), ==, "events");
  g_assert_null (aushang_data_file_get_error (file, NULL, NULL));
  /* The hidden event counts, in its place. */
  g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 4);
  g_assert_nonnull (aushang_data_file_get_entry (file, 2, &hidden, &first, &last));
  g_assert_true (hidden);
  g_assert_cmpuint (first, ==, 20);
  g_assert_cmpuint (last, ==, 23);
  assert_entry (file, 2, "{\"title\":\"Abgesagt: Lötkurs\",\"date\":\"2025-07-01\",\"category\":\"Workshop\",\"featured\":false}");
  g_assert_nonnull (aushang_data_file_get_entry (file, 1, &hidden, &first, &last));
  g_assert_false (hidden);
  g_assert_cmpuint (first, ==, 11);
  g_assert_cmpuint (last, ==, 17);
  g_assert_cmpuint (aushang_data_file_get_key_line (file, 1, "category"), ==, 16);

  g_assert_cmpstr (aushang_data_file_get_date_key (file, &order), ==, "date");
  g_assert_cmpint (order, ==, 1);

  /* Jekyll sees three events. */
  g_assert_cmpuint (aushang_value_get_length (aushang_data_file_get_data (file)), ==, 3);
}

static void
test_schema (void)
{
  g_autoptr(AushangDataFile) file = load ("events.yml", events);
  AushangSchema *schema = aushang_data_file_get_schema (file);
  GPtrArray *fields = aushang_schema_get_fields (schema);
  AushangField *field;
  const char *order[] = { "title", "date", "time", "duration", "category", "featured" };

  g_assert_cmpuint (fields->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((AushangField *) g_ptr_array_index (fields, i))->key, ==, order[i]);

  field = aushang_schema_get_field (schema, "date");
  g_assert_cmpint (field->kind, ==, AUSHANG_FIELD_DATE);
  g_assert_cmpstr (field->form, ==, "%Y-%m-%d");
  g_assert_true (field->as_text);
  g_assert_true (field->required);
  g_assert_cmpint (aushang_schema_get_field (schema, "time")->kind, ==, AUSHANG_FIELD_TIME);
  g_assert_cmpint (aushang_schema_get_field (schema, "duration")->kind, ==, AUSHANG_FIELD_DURATION);
  g_assert_false (aushang_schema_get_field (schema, "duration")->required);
  g_assert_cmpint (aushang_schema_get_field (schema, "featured")->kind, ==, AUSHANG_FIELD_BOOLEAN);
  field = aushang_schema_get_field (schema, "category");
  g_assert_true (field->choice);
  g_assert_cmpstr (g_ptr_array_index (field->suggestions, 0), ==, "Treffen");
}

static void
test_forms (void)
{
  struct { const char *text; guint minutes; } durations[] = {
    { "1,5 Stunden", 90 }, { "3 Stunden", 180 }, { "90 Minuten", 90 }, { "2 h", 120 },
    { "45 min", 45 }, { "1 Std. 30 Min.", 90 }, { "1.5 hours", 90 }, { "1 Stunde", 60 },
  };
  const char *not_durations[] = { "Kostenlos", "ab 16 Uhr", "", "Stunden" };
  struct { const char *yaml; const char *form; gboolean as_text; } forms[] = {
    { "\"2025-06-17\"", "%Y-%m-%d", TRUE },
    { "2025-06-17", "%Y-%m-%d", FALSE },
    { "\"17.06.2025\"", "%d.%m.%Y", TRUE },
    { "\"2025-6-7\"", "%Y-%-m-%-d", TRUE },
    { "\"2025-06-17 18:30\"", "%Y-%m-%d %H:%M", TRUE },
    { "\"morgen\"", NULL, FALSE },
    { "\"2025-13-45\"", NULL, FALSE },
  };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 6, 7, 18, 5, 0);

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      guint minutes = 0;

      g_assert_true (aushang_schema_parse_duration (durations[i].text, &minutes));
      g_assert_cmpuint (minutes, ==, durations[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_durations); i++)
    g_assert_false (aushang_schema_parse_duration (not_durations[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(AushangValue) value = yaml (forms[i].yaml);
      gboolean as_text = FALSE;
      g_autofree char *form = aushang_schema_date_form (value, &as_text);

      g_assert_cmpstr (form, ==, forms[i].form);
      if (form != NULL)
        g_assert_cmpint (as_text, ==, forms[i].as_text);
    }

  {
    g_autofree char *a = aushang_schema_format_date (date, "%d.%m.%Y");
    g_autofree char *b = aushang_schema_format_date (date, "%-d.%-m.%Y");
    g_autofree char *c = aushang_schema_format_date (date, "%Y-%m-%d %H:%M");

    g_assert_cmpstr (a, ==, "07.06.2025");
    g_assert_cmpstr (b, ==, "7.6.2025");
    g_assert_cmpstr (c, ==, "2025-06-07 18:05");
  }
  g_assert_true (aushang_schema_is_time ("16:30"));
  g_assert_true (aushang_schema_is_time ("9:05"));
  g_assert_false (aushang_schema_is_time ("25:00"));
  g_assert_false (aushang_schema_is_time ("16.30 Uhr"));
}

static const char *team =
  "- name: \"Jörg Müller\"\n"
  "  role: \"Leitung\"\n"
  "  image: \"/assets/images/team/joerg.png\"\n"
  "  expertise:\n"
  "    - \"Werkstatt\"\n"
  "    - \"Förderanträge\"\n"
  "  email: \"joerg@example.org\"\n"
  "  order: 1.1\n"
  "\n"
  "- name: \"Aylin Demir\"\n"
  "  role: \"Veranstaltungen\"\n"
  "  image: \"/assets/images/team/aylin.png\"\n"
  "  expertise:\n"
  "    - \"Moderation\"\n"
  "  email: \"aylin@example.org\"\n"
  "  order: 1.2\n";

static void
test_new_entries (void)
{
  g_autoptr(AushangDataFile) file = load ("events.yml", events);
  g_autoptr(AushangDataFile) people = load ("team.yml", team);
  g_autoptr(AushangValue) event = yaml ("{featured: false, title: \"Lesung: Stadtgeschichte\", date: \"2025-07-15\", time: \"19:00\"}");
  g_autoptr(AushangValue) person = yaml ("{name: Tomáš Horák, role: Digitale Bildung, expertise: [Programmieren, Robotik]}");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = text_of (file);
  AushangField *order;
  gint index;

  /* By date: after the hidden July 1st, before August; written like its
   * neighbours (key order, quotes, blank lines). */
  index = aushang_data_file_add_entry (file, event, &error);
  g_assert_no_error (error);
  g_assert_cmpint (index, ==, 3);
  assert_text (file,
               "# Veranstaltungen des Offenen Labors\n"
               "# Datum immer als \"JJJJ-MM-TT\".\n"
               "\n"
               "- title: \"Repair-Café im Labor\"\n"
               "  date: \"2025-05-06\"\n"
               "  time: \"16:30\"\n"
               "  duration: \"3 Stunden\"\n"
               "  category: \"Treffen\"\n"
               "  featured: false\n"
               "\n"
               "- title: \"KI und die Zivilgesellschaft: ein Abend\"\n"
               "  date: \"2025-06-17\"\n"
               "  time: \"18:00\"\n"
               "  duration: \"1,5 Stunden\"\n"
               "  # Ort steht noch nicht fest\n"
               "  category: \"Vortrag\"\n"
               "  featured: true\n"
               "#  topic: \"ki-zivilgesellschaft\"\n"
               "\n"
               "#- title: \"Abgesagt: Lötkurs\"\n"
               "#  date: \"2025-07-01\"\n"
               "#  category: \"Workshop\"\n"
               "#  featured: false\n"
               "\n"
               "- title: \"Lesung: Stadtgeschichte\"\n"
               "  date: \"2025-07-15\"\n"
               "  time: \"19:00\"\n"
               "  featured: false\n"
               "\n"
               "- title: \"Sommerfest\"\n"
               "  date: \"2025-08-20\"\n"
               "  time: \"17:00\"\n"
               "  category: \"Treffen\"\n"
               "  featured: false\n");
  g_assert_true (aushang_data_file_get_modified (file));

  /* Removing it gives the same bytes back. */
  g_assert_true (aushang_data_file_remove_entry (file, 3, &error));
  assert_text (file, before);

  /* A list without dates: at the end; the number that grows by 0.1 gets
   * its next value. */
  order = aushang_schema_get_field (aushang_data_file_get_schema (people), "order");
  g_assert_cmpfloat (order->step, ==, 0.1);
  g_assert_nonnull (order->next);
  g_assert_cmpfloat (aushang_value_get_float (order->next), ==, 1.3);
  index = aushang_data_file_add_entry (people, person, &error);
  g_assert_no_error (error);
  g_assert_cmpint (index, ==, 2);
  g_clear_pointer (&before, g_free);
  before = text_of (people);
  g_assert_true (g_str_has_suffix (before,
                                   "  order: 1.2\n"
                                   "\n"
                                   "- name: \"Tomáš Horák\"\n"
                                   "  role: \"Digitale Bildung\"\n"
                                   "  expertise:\n"
                                   "    - \"Programmieren\"\n"
                                   "    - \"Robotik\"\n"
                                   "  order: 1.3\n"));
}

static void
test_edit_entries (void)
{
  g_autoptr(AushangDataFile) file = load ("events.yml", events);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* A date typed as people do is written in the list's form, quoted;
   * yes/no becomes true/false. Only the entry's lines change; the
   * comments inside it stay. */
  g_assert_true (aushang_data_file_set_text (file, 1, "date", "18.06.2025", &error));
  g_assert_true (aushang_data_file_set_text (file, 1, "featured", "nein", &error));
  g_assert_true (aushang_data_file_set_text (file, 1, "location", "Rathaus, Saal 2", &error));
  g_assert_true (aushang_data_file_unset (file, 1, "duration", &error));
  g_assert_no_error (error);
  assert_entry (file, 1, "{\"title\":\"KI und die Zivilgesellschaft: ein Abend\",\"date\":\"2025-06-18\",\"time\":\"18:00\",\"category\":\"Vortrag\",\"featured\":false,\"location\":\"Rathaus, Saal 2\"}");
  text = text_of (file);
  g_assert_nonnull (strstr (text,
                            "- title: \"KI und die Zivilgesellschaft: ein Abend\"\n"
                            "  date: \"2025-06-18\"\n"
                            "  time: \"18:00\"\n"
                            "  # Ort steht noch nicht fest\n"
                            "  category: \"Vortrag\"\n"
                            "  featured: false\n"
                            "  location: \"Rathaus, Saal 2\"\n"
                            "#  topic: \"ki-zivilgesellschaft\"\n"));

  /* A hidden entry is shown before it is changed. */
  g_assert_false (aushang_data_file_set_text (file, 2, "title", "x", &error));
  g_assert_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY);
  g_clear_error (&error);
  g_assert_false (aushang_data_file_set_text (file, 4, "title", "x", &error));
  g_assert_nonnull (strstr (error->message, "4 entries"));
}

static void
test_hide_show_move (void)
{
  g_autoptr(AushangDataFile) file = load ("events.yml", events);
  g_autoptr(GError) error = NULL;
  gboolean hidden = FALSE;

  /* Hide then show: the same bytes. */
  g_assert_true (aushang_data_file_hide_entry (file, 1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aushang_data_file_get_entry (file, 1, &hidden, NULL, NULL));
  g_assert_true (hidden);
  g_assert_cmpuint (aushang_value_get_length (aushang_data_file_get_data (file)), ==, 2);
  g_assert_true (aushang_data_file_show_entry (file, 1, &error));
  assert_text (file, events);

  /* The entry someone hid by hand comes back without its "#". */
  g_assert_true (aushang_data_file_show_entry (file, 2, &error));
  g_assert_no_error (error);
  assert_entry (file, 2, "{\"title\":\"Abgesagt: Lötkurs\",\"date\":\"2025-07-01\",\"category\":\"Workshop\",\"featured\":false}");
  {
    g_autofree char *text = text_of (file);

    g_assert_nonnull (strstr (text, "\n- title: \"Abgesagt: Lötkurs\"\n  date: \"2025-07-01\"\n  category: \"Workshop\"\n  featured: false\n"));
  }
  g_assert_cmpuint (aushang_value_get_length (aushang_data_file_get_data (file)), ==, 4);

  /* Duplicate and move. */
  g_assert_true (aushang_data_file_duplicate_entry (file, 0, &error));
  g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 5);
  g_assert_true (aushang_data_file_move_entry (file, 1, 4, &error));
  g_assert_no_error (error);
  assert_entry (file, 4, "{\"title\":\"Repair-Café im Labor\",\"date\":\"2025-05-06\",\"time\":\"16:30\",\"duration\":\"3 Stunden\",\"category\":\"Treffen\",\"featured\":false}");
  g_assert_true (aushang_data_file_remove_entry (file, 4, &error));
  g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 4);
}

static void
test_crlf_flow_anchors (void)
{
  g_autoptr(AushangDataFile) crlf = load ("events.yml", "- title: A\r\n  date: \"2025-01-01\"\r\n- title: B\r\n  date: \"2025-02-01\"\r\n");
  g_autoptr(AushangDataFile) flow = load ("links.yml", "- {name: Start, url: /}\n- {name: Blog, url: /blog/}\n");
  g_autoptr(AushangDataFile) anchors = load ("orte.yml", "- &rathaus\n  ort: Rathaus\n  saal: 2\n- <<: *rathaus\n  title: Sprechstunde\n");
  g_autoptr(AushangValue) entry = yaml ("{title: C, date: \"2025-01-15\"}");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (aushang_data_file_add_entry (crlf, entry, &error), ==, 1);
  assert_text (crlf, "- title: A\r\n  date: \"2025-01-01\"\r\n- title: C\r\n  date: \"2025-01-15\"\r\n- title: B\r\n  date: \"2025-02-01\"\r\n");
  g_assert_true (aushang_data_file_hide_entry (crlf, 0, &error));
  assert_text (crlf, "# - title: A\r\n#   date: \"2025-01-01\"\r\n- title: C\r\n  date: \"2025-01-15\"\r\n- title: B\r\n  date: \"2025-02-01\"\r\n");

  g_assert_cmpint (aushang_data_file_get_kind (flow), ==, AUSHANG_DATA_FILE_ENTRIES);
  g_assert_true (aushang_data_file_set_text (flow, 1, "url", "/neuigkeiten/", &error));
  g_assert_no_error (error);
  assert_text (flow, "- {name: Start, url: /}\n- {name: Blog, url: /neuigkeiten/}\n");

  /* The entry that holds the anchor cannot be removed or hidden without
   * changing the other; the other can. */
  assert_entry (anchors, 1, "{\"ort\":\"Rathaus\",\"saal\":2,\"title\":\"Sprechstunde\"}");
  g_assert_false (aushang_data_file_remove_entry (anchors, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (aushang_data_file_hide_entry (anchors, 0, &error));
  g_clear_error (&error);
  g_assert_true (aushang_data_file_set_text (anchors, 1, "title", "Bürgersprechstunde", &error));
  g_assert_no_error (error);
  assert_text (anchors, "- &rathaus\n  ort: Rathaus\n  saal: 2\n- <<: *rathaus\n  title: Bürgersprechstunde\n");
}

static void
test_other_kinds (void)
{
  g_autoptr(AushangDataFile) empty = load ("events.yml", "[]\n");
  g_autoptr(AushangDataFile) strings = load ("tags.yml", "- eins\n- zwei\n");
  g_autoptr(AushangDataFile) map = load ("navigation.yml", "de:\n  - title: Start\n    url: /\n");
  g_autoptr(AushangDataFile) json = load ("members.json", "[{\"name\": \"A\"}]\n");
  g_autoptr(AushangDataFile) broken = load ("events.yml", "- title: \"offen\n  date: x\n");
  g_autoptr(AushangValue) entry = yaml ("{title: Erstes}");
  g_autoptr(GError) error = NULL;
  guint line = 0;

  /* An empty list takes its first entry. */
  g_assert_cmpint (aushang_data_file_get_kind (empty), ==, AUSHANG_DATA_FILE_ENTRIES);
  g_assert_cmpint (aushang_data_file_add_entry (empty, entry, &error), ==, 0);
  g_assert_no_error (error);
  assert_text (empty, "- title: Erstes\n");

  /* Other YAML is checked text. */
  g_assert_cmpint (aushang_data_file_get_kind (strings), ==, AUSHANG_DATA_FILE_YAML);
  g_assert_cmpint (aushang_data_file_get_kind (map), ==, AUSHANG_DATA_FILE_YAML);
  g_assert_cmpuint (aushang_data_file_get_n_entries (strings), ==, 0);
  g_assert_false (aushang_data_file_set_text (map, 0, "title", "x", &error));
  g_assert_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NOT_ENTRIES);
  g_clear_error (&error);
  g_assert_false (aushang_data_file_replace_text (map, "de: [kaputt\n", &error));
  g_assert_nonnull (strstr (error->message, "Line 1"));
  g_clear_error (&error);
  assert_text (map, "de:\n  - title: Start\n    url: /\n");
  g_assert_true (aushang_data_file_replace_text (map, "de:\n  - title: Start\n    url: /start/\n", &error));
  g_assert_true (aushang_data_file_get_modified (map));

  /* JSON is shown, not edited. */
  g_assert_cmpint (aushang_data_file_get_kind (json), ==, AUSHANG_DATA_FILE_READ_ONLY);
  g_assert_nonnull (strstr (aushang_data_file_get_read_only_reason (json), "JSON"));
  g_assert_false (aushang_data_file_replace_text (json, "[]", &error));
  g_assert_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* A file that cannot be read: its line, and every edit refused. */
  g_assert_nonnull (aushang_data_file_get_error (broken, &line, NULL));
  g_assert_cmpuint (line, ==, 1);
  g_assert_false (aushang_data_file_add_entry (broken, entry, &error) >= 0);
  g_assert_nonnull (strstr (error->message, "line 1"));
  assert_text (broken, "- title: \"offen\n  date: x\n");
}

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-data-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "team.yml", NULL);
  g_autofree char *binary = g_build_filename (dir, "bild.yml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) binary_file = g_file_new_for_path (binary);
  g_autoptr(AushangDataFile) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (g_file_set_contents (path, "\xEF\xBB\xBF" "- name: A\n  order: 1\n", -1, NULL));
  g_assert_true (g_file_set_contents (binary, "- name: \0x\n", 11, NULL));

  g_assert_null (aushang_data_file_load (binary_file, &error));
  g_assert_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NOT_TEXT);
  g_clear_error (&error);

  data = aushang_data_file_load (file, &error);
  g_assert_no_error (error);
  g_assert_true (aushang_data_file_set_text (data, 0, "name", "B", &error));
  g_assert_true (aushang_data_file_save (data, &error));
  g_assert_no_error (error);
  g_assert_false (aushang_data_file_get_modified (data));
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  /* The byte order mark stays. */
  g_assert_cmpstr (saved, ==, "\xEF\xBB\xBF" "- name: B\n  order: 1\n");

  /* Someone else changes the file: saving refuses to overwrite it. */
  g_assert_true (g_file_set_contents (path, "- name: C\n", -1, NULL));
  g_assert_true (aushang_data_file_set_text (data, 0, "name", "D", &error));
  g_assert_false (aushang_data_file_save (data, &error));
  g_assert_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_CHANGED_ON_DISK);
  g_clear_error (&error);
  g_clear_pointer (&saved, g_free);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, "- name: C\n");
  g_assert_true (aushang_data_file_save_overwrite (data, &error));
  g_assert_no_error (error);

  aushang_test_delete_path (dir);
}

/* The bytes outside lines [first, last] (1-based) are the same in both. */
static gboolean
same_outside_lines (const char *before,
                    const char *after,
                    guint       first,
                    guint       last)
{
  g_auto(GStrv) a = g_strsplit (before, "\n", -1);
  g_auto(GStrv) b = g_strsplit (after, "\n", -1);
  guint na = g_strv_length (a), nb = g_strv_length (b);
  guint tail = na - last;

  for (guint i = 0; i + 1 < first; i++)
    if (i >= nb || strcmp (a[i], b[i]) != 0)
      return FALSE;

  for (guint i = 0; i < tail; i++)
    if (nb < i + 1 || strcmp (a[na - 1 - i], b[nb - 1 - i]) != 0)
      return FALSE;

  return TRUE;
}

static void
round_trip_file (const char *path,
                 guint      *n_files,
                 guint      *n_entries_files)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDataFile) file = aushang_data_file_load (gfile, &error);
  g_autofree char *original = NULL;
  g_autofree char *same = NULL;
  gsize length = 0;
  guint visible = G_MAXUINT;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &original, &length, NULL));
  same = text_of (file);
  g_assert_cmpstr (same, ==, original);
  (*n_files)++;

  if (aushang_data_file_get_kind (file) != AUSHANG_DATA_FILE_ENTRIES)
    return;
  (*n_entries_files)++;

  for (guint i = 0; i < aushang_data_file_get_n_entries (file) && visible == G_MAXUINT; i++)
    {
      gboolean hidden = TRUE;

      aushang_data_file_get_entry (file, i, &hidden, NULL, NULL);
      if (!hidden)
        visible = i;
    }

  /* Hide then show; add then remove: the same bytes. */
  if (visible != G_MAXUINT)
    {
      if (aushang_data_file_hide_entry (file, visible, &error))
        {
          g_assert_true (aushang_data_file_show_entry (file, visible, &error));
          g_assert_no_error (error);
          g_clear_pointer (&same, g_free);
          same = text_of (file);
          g_assert_cmpstr (same, ==, original);
        }
      else
        {
          g_test_message ("%s: hiding refused: %s", path, error->message);
          g_clear_error (&error);
        }
    }

  {
    AushangValue *model = aushang_data_file_get_entry (file, visible != G_MAXUINT ? visible : 0, NULL, NULL, NULL);
    gint index = aushang_data_file_add_entry (file, model, &error);

    g_assert_no_error (error);
    g_assert_cmpint (index, >=, 0);
    g_assert_true (aushang_data_file_remove_entry (file, index, &error));
    g_assert_no_error (error);
    g_clear_pointer (&same, g_free);
    same = text_of (file);
    g_assert_cmpstr (same, ==, original);
  }

  /* One field of one entry: only that entry's lines change. */
  if (visible != G_MAXUINT)
    {
      AushangValue *entry = aushang_data_file_get_entry (file, visible, NULL, NULL, NULL);
      guint first = 0, last = 0;
      g_autofree char *key = NULL;

      /* (The entry's value is replaced by the edit: keep a copy.) */
      for (guint k = 0; k < aushang_value_get_length (entry) && key == NULL; k++)
        if (aushang_value_get_kind (aushang_value_get_item (entry, k)) == AUSHANG_VALUE_STRING)
          key = g_strdup (aushang_value_get_key (entry, k));

      if (key != NULL)
        {
          g_autofree char *after = NULL;

          aushang_data_file_get_entry (file, visible, NULL, &first, &last);
          if (!aushang_data_file_set_text (file, visible, key, "Geändert: „neu“ # 1", &error))
            {
              g_test_message ("%s: %s refused: %s", path, key, error->message);
              g_clear_error (&error);
              return;
            }
          after = text_of (file);
          g_assert_cmpstr (aushang_value_get_string (aushang_value_lookup (aushang_data_file_get_entry (file, visible, NULL, NULL, NULL), key)),
                           ==, "Geändert: „neu“ # 1");
          if (!same_outside_lines (original, after, first, last))
            g_error ("%s: changing “%s” of entry %u changed lines outside %u–%u", path, key, visible + 1, first, last);
        }
    }
}

static void
collect_data_files (const char *dir,
                    GPtrArray  *out)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_data_files (path, out);
      else if (strstr (path, "/_data/") != NULL &&
               (g_str_has_suffix (name, ".yml") || g_str_has_suffix (name, ".yaml")))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static void
test_corpus_round_trip (void)
{
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0, n_entries_files = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the corpus of real sites is not beside the clone");
      return;
    }

  collect_data_files (corpus, files);
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < files->len; i++)
    {
      g_test_message ("%s", (char *) g_ptr_array_index (files, i));
      round_trip_file (g_ptr_array_index (files, i), &n_files, &n_entries_files);
    }

  g_test_message ("%u data files, %u lists of entries", n_files, n_entries_files);
  g_assert_cmpuint (n_files, >=, 90);
  g_assert_cmpuint (n_entries_files, >=, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data-file/entries", test_entries);
  g_test_add_func ("/data-file/schema", test_schema);
  g_test_add_func ("/data-file/forms", test_forms);
  g_test_add_func ("/data-file/new-entries", test_new_entries);
  g_test_add_func ("/data-file/edit-entries", test_edit_entries);
  g_test_add_func ("/data-file/hide-show-move", test_hide_show_move);
  g_test_add_func ("/data-file/crlf-flow-anchors", test_crlf_flow_anchors);
  g_test_add_func ("/data-file/other-kinds", test_other_kinds);
  g_test_add_func ("/data-file/files", test_files);
  g_test_add_func ("/data-file/corpus-round-trip", test_corpus_round_trip);

  return g_test_run ();
}
