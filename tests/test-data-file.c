/* test-data-file.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "aushang-check.h"
#include "aushang-data-file.h"
#include "aushang-entry-util.h"
#include "aushang-ics.h"
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

/* What the fuzzer found (tests/fuzz/regressions/data-file/), each as a
 * person would meet it. */
static void
test_fuzz_findings (void)
{
  g_autoptr(GError) error = NULL;

  /* Moving an entry past a commented-out line that is no entry leaves
   * that line where it is, so moving back gives the same bytes. */
  {
    const char *text = "- title: A\n#- Entwurf\n\n#- title: B\n";
    g_autoptr(AushangDataFile) file = load ("events.yml", text);

    g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 2);
    g_assert_true (aushang_data_file_move_entry (file, 1, 0, &error));
    g_assert_no_error (error);
    assert_text (file, "#- title: B\n#- Entwurf\n\n- title: A\n");
    g_assert_true (aushang_data_file_move_entry (file, 0, 1, &error));
    g_assert_no_error (error);
    assert_text (file, text);
  }

  /* Removing the only key of an entry whose value is a block scalar:
   * the entry becomes "{}" and the empty lines after the block (which
   * libyaml counts into its span) stay between the entries. */
  {
    const char *cases[][2] = {
      { "- k: >-\n    text\n\n", "- {}\n\n" },
      { "- k: |\n    text\n", "- {}\n" },
      { "- k: |\n    text\n\n\n- k: b\n", "- {}\n\n\n- k: b\n" },
      { "- k: |+\n    text\n\n- k: b\n", "- {}\n- k: b\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(AushangDataFile) file = load ("data.yml", cases[i][0]);

        g_assert_true (aushang_data_file_unset (file, 0, "k", &error));
        g_assert_no_error (error);
        assert_text (file, cases[i][1]);
      }
  }

  /* An entry of explicit keys ("? "), indented, at the end of a file
   * without a final line break: duplicated and removed again, the bytes
   * are as they were. */
  {
    const char *texts[] = {
      "\n  - ? a\n    : b\n  - ? c\n    : d",
      "\n  - ? a b '}' c '' - ? d e:",
      "- a: 1",
      "  - a: 1",
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(AushangDataFile) file = load ("data.yml", texts[i]);
        guint n = aushang_data_file_get_n_entries (file);

        if (n == 0 || !aushang_data_file_duplicate_entry (file, n - 1, &error))
          {
            g_clear_error (&error);
            assert_text (file, texts[i]);
            continue;
          }
        g_assert_true (aushang_data_file_remove_entry (file, n, &error));
        g_assert_no_error (error);
        assert_text (file, texts[i]);
      }
  }

  /* Removing the last key after comment lines that read as an entry
   * would turn them into a hidden entry: refused, nothing changed. */
  {
    const char *text = "- name: A\n  role: Leitung\n#\n# - name: B\n  email: a@example.org\n";
    g_autoptr(AushangDataFile) file = load ("team.yml", text);

    g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 1);
    g_assert_false (aushang_data_file_unset (file, 0, "email", &error));
    g_assert_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE);
    g_assert_nonnull (strstr (error->message, "hidden entry"));
    g_clear_error (&error);
    assert_text (file, text);
  }

  /* An explicit key ("? ") whose entry takes in the comment line after
   * it: a new key would leave that line a hidden entry of its own. */
  {
    const char *text = "- ?\n#- e: 1\n";
    g_autoptr(AushangDataFile) file = load ("data.yml", text);

    g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 1);
    g_assert_false (aushang_data_file_set_text (file, 0, "neu", "x", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    assert_text (file, text);
    g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 1);
  }

  /* An entry with an explicit key ("? ") and no value reaches as far as
   * the next YAML: moved to the end, it would take in the comment line
   * there. Refused, as the way back would not restore the bytes. */
  {
    const char *text = "- ? Titel\n\n- name: A\n#\n";
    g_autoptr(AushangDataFile) file = load ("data.yml", text);

    g_assert_cmpuint (aushang_data_file_get_n_entries (file), ==, 2);
    g_assert_false (aushang_data_file_move_entry (file, 0, 1, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    assert_text (file, text);
  }

  /* A number beyond 64 bits still gives a step in its direction (its
   * rounding overflowed the integer: found by the fuzzer under UBSan). */
  {
    g_autoptr(AushangDataFile) file = load ("data.yml", "- nr: 66666666666666666666\n- nr: 3\n");
    AushangField *nr = aushang_schema_get_field (aushang_data_file_get_schema (file), "nr");

    g_assert_nonnull (nr);
    g_assert_cmpfloat (nr->step, <, 0);
  }
  {
    g_autoptr(AushangDataFile) file = load ("data.yml", "- nr: 9223372036854775806\n- nr: 9223372036854775807\n");
    AushangField *nr = aushang_schema_get_field (aushang_data_file_get_schema (file), "nr");

    g_assert_nonnull (nr);
    g_assert_null (nr->next);
  }

  /* A new key after a block scalar goes before the empty lines that
   * separate the entries, not after them into the space between. */
  {
    g_autoptr(AushangDataFile) file = load ("data.yml", "- e: 1\n  text: |\n    Hallo\n\n\n- e: 2\n");

    g_assert_true (aushang_data_file_set_text (file, 0, "ort", "Rathaus", &error));
    g_assert_no_error (error);
    assert_text (file, "- e: 1\n  text: |\n    Hallo\n  ort: Rathaus\n\n\n- e: 2\n");
  }

  /* A date the list's form cannot hold (a year before 1000 would come
   * out as "1.7.215") is kept as typed, and typing it again changes
   * nothing. */
  {
    g_autoptr(AushangDataFile) file = load ("events.yml", "- a: 3.4.2020\n  b: x\n- a: 5.6.2021\n  b: y\n");
    g_autofree char *once = NULL;

    /* A real date takes the list's form. */
    g_assert_true (aushang_data_file_set_text (file, 1, "a", "2022-07-08", &error));
    g_assert_no_error (error);
    assert_entry (file, 1, "{\"a\":\"8.7.2022\",\"b\":\"y\"}");
    g_assert_true (aushang_data_file_set_text (file, 0, "a", "0215jul", &error));
    g_assert_no_error (error);
    assert_entry (file, 0, "{\"a\":\"0215jul\",\"b\":\"x\"}");
    once = text_of (file);
    g_assert_true (aushang_data_file_set_text (file, 0, "a", "0215jul", &error));
    assert_text (file, once);
  }

  /* The same in a list of dates without quotes: "0540-3-31 10:00" would
   * come out as "540-03-31 10:00", which is no date (Jekyll reads a
   * string, Aushang today at 10:00), and as typed the second time. */
  {
    g_autoptr(AushangDataFile) file = load ("events.yml", "- d: 2024-04-01\n  b: x\n- d: 2024-05-01\n  b: y\n");
    g_autofree char *once = NULL;

    /* A date with a time Jekyll reads takes the list's form. */
    g_assert_true (aushang_data_file_set_text (file, 1, "d", "17.6.2025 16:30", &error));
    assert_entry (file, 1, "{\"d\":\"2025-06-17 16:30\",\"b\":\"y\"}");
    g_assert_true (aushang_data_file_set_text (file, 0, "d", "0540-3-31 10:00", &error));
    g_assert_no_error (error);
    assert_entry (file, 0, "{\"d\":\"0540-3-31 10:00\",\"b\":\"x\"}");
    once = text_of (file);
    g_assert_true (aushang_data_file_set_text (file, 0, "d", "0540-3-31 10:00", &error));
    assert_text (file, once);
  }

  /* A typed value is written as the other entries write the field (its
   * own old value does not decide), so typing it again changes nothing. */
  {
    g_autoptr(AushangDataFile) file = load ("events.yml", "- title: A\n  date: 202\n- title: B\n  date: 2021-12-25\n");
    g_autofree char *once = NULL;

    g_assert_true (aushang_data_file_set_text (file, 0, "date", "2025-06-17", &error));
    g_assert_no_error (error);
    assert_text (file, "- title: A\n  date: 2025-06-17\n- title: B\n  date: 2021-12-25\n");
    once = text_of (file);
    g_assert_true (aushang_data_file_set_text (file, 0, "date", "2025-06-17", &error));
    assert_text (file, once);
  }

  /* A typed value is written as the other entries write the field (its
   * own old value does not decide), so typing it again changes nothing. */
  {
    g_autoptr(AushangDataFile) file = load ("events.yml", "- title: A\n  date: 202\n- title: B\n  date: 2021-12-25\n");
    g_autofree char *once = NULL;

    g_assert_true (aushang_data_file_set_text (file, 0, "date", "2025-06-17", &error));
    g_assert_no_error (error);
    assert_text (file, "- title: A\n  date: 2025-06-17\n- title: B\n  date: 2021-12-25\n");
    once = text_of (file);
    g_assert_true (aushang_data_file_set_text (file, 0, "date", "2025-06-17", &error));
    assert_text (file, once);
  }

  /* An indented list whose only entry is hidden keeps its indentation
   * when the entry is shown again. */
  {
    const char *text = "# Termine\n  - title: A\n    date: \"2025-06-17\"\n";
    g_autoptr(AushangDataFile) file = load ("events.yml", text);

    g_assert_true (aushang_data_file_hide_entry (file, 0, &error));
    g_assert_no_error (error);
    assert_text (file, "# Termine\n#   - title: A\n#     date: \"2025-06-17\"\n");
    g_assert_true (aushang_data_file_show_entry (file, 0, &error));
    g_assert_no_error (error);
    assert_text (file, text);
  }
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

static gboolean
has_diagnostic (GPtrArray       *diagnostics,
                guint            line,
                AushangSeverity  severity,
                const char      *words)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      AushangDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->line == line && d->severity == severity && strstr (d->message, words) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_checks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-data-check-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "_config.yml", NULL);
  g_autofree char *posts = g_build_filename (dir, "_beitraege", NULL);
  g_autofree char *post = g_build_filename (posts, "repair-cafe.md", NULL);
  g_autofree char *images = g_build_filename (dir, "assets", "images", NULL);
  g_autofree char *image = g_build_filename (images, "jorg.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(AushangDataFile) calendar = NULL;
  g_autoptr(AushangDataFile) people = NULL;
  g_autoptr(AushangDataFile) broken = NULL;
  g_autoptr(GPtrArray) found = NULL;
  const char *text =
    "- title: A\n"                          /* 1 */
    "  date: \"2020-06-17\"\n"
    "  time: \"16:30\"\n"
    "  booking_url: \"/beitraege/repair-cafe/\"\n"
    "  featured: true\n"                    /* 5 */
    "- title: B\n"
    "  date: \"17.07.2020\"\n"
    "  time: 18:00\n"
    "  booking_url: \"/beitraege/fehlt/\"\n"
    "  featured: false\n"                   /* 10 */
    "- title: C\n"
    "  date: \"2020-8-5\"\n"
    "  time: \"18 Uhr\"\n"
    "  featured: false\n"
    "- date: \"2020-09-01\"\n"              /* 15 */
    "  time: \"10:00\"\n"
    "  featured: false\n"
    "- title: E\n"
    "  date: 2020-10-01\n"
    "  time: \"10:00\"\n"                  /* 20 */
    "  featured: false\n";

  g_mkdir_with_parents (posts, 0755);
  g_mkdir_with_parents (images, 0755);
  g_assert_true (g_file_set_contents (config, "title: T\ncollections:\n  beitraege:\n    output: true\n    permalink: /beitraege/:name/\n", -1, NULL));
  g_assert_true (g_file_set_contents (post, "---\ntitle: R\n---\n", -1, NULL));
  g_assert_true (g_file_set_contents (image, "png", -1, NULL));
  site = aushang_site_new (folder, NULL);
  g_assert_nonnull (site);

  calendar = load ("events.yml", text);
  found = aushang_check_data_file (calendar, site);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("%u: %s", ((AushangDiagnostic *) g_ptr_array_index (found, i))->line,
                    ((AushangDiagnostic *) g_ptr_array_index (found, i))->message);
  g_assert_true (has_diagnostic (found, 5, AUSHANG_SEVERITY_WARNING, "featured"));
  g_assert_true (has_diagnostic (found, 7, AUSHANG_SEVERITY_WARNING, "Write it as 2020-07-17"));
  g_assert_true (has_diagnostic (found, 8, AUSHANG_SEVERITY_ERROR, "64800"));
  g_assert_true (has_diagnostic (found, 9, AUSHANG_SEVERITY_WARNING, "/beitraege/fehlt/"));
  g_assert_true (has_diagnostic (found, 12, AUSHANG_SEVERITY_WARNING, "Write it as 2020-08-05"));
  g_assert_true (has_diagnostic (found, 13, AUSHANG_SEVERITY_WARNING, "not a time"));
  g_assert_true (has_diagnostic (found, 15, AUSHANG_SEVERITY_WARNING, "“title”"));
  g_assert_true (has_diagnostic (found, 19, AUSHANG_SEVERITY_WARNING, "no quotes"));
  /* Nothing else: the good link, the good times. */
  g_assert_cmpuint (found->len, ==, 8);
  g_clear_pointer (&found, g_ptr_array_unref);

  people = load ("team.yml",
               "- name: A\n  image: /assets/images/jorg.png\n"
               "- name: B\n  image: /assets/images/fehlt.png\n"
               "#- name: C\n#  image: /assets/images/auch-fehlt.png\n");
  found = aushang_check_data_file (people, site);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (has_diagnostic (found, 4, AUSHANG_SEVERITY_WARNING, "/assets/images/fehlt.png"));
  g_clear_pointer (&found, g_ptr_array_unref);

  broken = load ("events.yml", "- title: A\n  date: [2020\n");
  found = aushang_check_data_file (broken, site);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((AushangDiagnostic *) g_ptr_array_index (found, 0))->severity, ==, AUSHANG_SEVERITY_ERROR);
  g_assert_cmpuint (((AushangDiagnostic *) g_ptr_array_index (found, 0))->line, ==, 2);

  aushang_test_delete_path (dir);
}

static void
test_ics (void)
{
  g_autoptr(AushangDataFile) file = load ("events.yml",
    "- title: \"Repair-Café; mit Kuchen, Kaffee\"\n"
    "  date: \"2030-06-17\"\n"
    "  time: \"16:30\"\n"
    "  duration: \"1,5 Stunden\"\n"
    "  location: \"Rathaus, Saal 2\"\n"
    "  description: \"Zeile eins\\nZeile zwei mit einem sehr langen Text, der weit über fünfundsiebzig Zeichen hinausgeht: äöü\"\n"
    "  booking_url: \"/beitraege/repair-cafe/\"\n"
    "- title: Ohne Uhrzeit\n"
    "  date: \"2030-07-01\"\n"
    "- title: Ohne Dauer\n"
    "  date: \"2030-12-24\"\n"
    "  time: \"18:00\"\n"
    "- title: Vorbei\n"
    "  date: \"2001-01-01\"\n"
    "  time: \"18:00\"\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *one = aushang_ics_write (file, 0, NULL, "https://labor.example/", &error);
  g_autofree char *again = aushang_ics_write (file, 0, NULL, "https://labor.example/", &error);
  g_autofree char *all = aushang_ics_write (file, -1, "Europe/Berlin", NULL, &error);
  g_auto(GStrv) lines = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *unfolded = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (one, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_nonnull (strstr (one, "\r\nDTSTART;TZID=Europe/Berlin:20300617T163000\r\n"));
  g_assert_nonnull (strstr (one, "\r\nDTEND;TZID=Europe/Berlin:20300617T180000\r\n"));
  g_assert_nonnull (strstr (one, "\r\nSUMMARY:Repair-Café\\; mit Kuchen\\, Kaffee\r\n"));
  g_assert_nonnull (strstr (one, "\r\nLOCATION:Rathaus\\, Saal 2\r\n"));
  g_assert_nonnull (strstr (one, "\r\nURL:https://labor.example/beitraege/repair-cafe/\r\n"));
  g_assert_nonnull (strstr (one, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
  g_assert_nonnull (strstr (one, "TZOFFSETTO:+0200"));

  /* No line is longer than 75 octets; unfolded, the text is whole. */
  lines = g_strsplit (one, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
  {
    GRegex *fold = g_regex_new ("\r\n ", 0, 0, NULL);

    unfolded = g_regex_replace_literal (fold, one, -1, 0, "", 0, NULL);
    g_regex_unref (fold);
  }
  g_assert_nonnull (strstr (unfolded, "DESCRIPTION:Zeile eins\\nZeile zwei mit einem sehr langen Text\\, der weit über fünfundsiebzig Zeichen hinausgeht: äöü\r\n"));

  /* The same event gets the same UID each time. */
  uid = g_strndup (strstr (one, "UID:"), strcspn (strstr (one, "UID:"), "\r"));
  g_assert_nonnull (strstr (again, uid));
  g_assert_true (g_str_has_suffix (uid, "@labor.example"));

  /* Every upcoming event: a whole day without a time, two hours without
   * a duration, nothing past. */
  g_assert_nonnull (strstr (all, "DTSTART;VALUE=DATE:20300701\r\nDTEND;VALUE=DATE:20300702\r\n"));
  g_assert_nonnull (strstr (all, "DTSTART;TZID=Europe/Berlin:20301224T180000\r\nDTEND;TZID=Europe/Berlin:20301224T200000\r\n"));
  g_assert_null (strstr (all, "Vorbei"));

  /* A date that is no date is refused with its entry. */
  {
    g_autoptr(AushangDataFile) bad = load ("events.yml", "- title: A\n  date: \"2030-01-01\"\n- title: B\n  date: \"bald\"\n");
    g_autofree char *none = aushang_ics_write (bad, 1, NULL, NULL, &error);

    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "Entry 2"));
  }
}

/* The example site's calendar and team, as the site and the checks see
 * them. */
static void
test_example_site (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(AushangDataFile) calendar = NULL;
  g_autoptr(AushangDataFile) people = NULL;
  g_autoptr(GPtrArray) found = NULL;
  guint n_hidden = 0, n_links = 0;
  AushangField *order;

  g_assert_nonnull (site);
  files = aushang_site_list_data_files (site);
  g_assert_cmpuint (files->len, ==, 2);
  calendar = aushang_data_file_load (g_ptr_array_index (files, 0), NULL);
  people = aushang_data_file_load (g_ptr_array_index (files, 1), NULL);
  g_assert_cmpstr (aushang_data_file_get_name (calendar), ==, "events");
  g_assert_cmpstr (aushang_data_file_get_name (people), ==, "team");

  /* Past and upcoming events, one hidden, one linking to an announcement
   * by the address Jekyll gives it. */
  g_assert_cmpint (aushang_data_file_get_kind (calendar), ==, AUSHANG_DATA_FILE_ENTRIES);
  for (guint i = 0; i < aushang_data_file_get_n_entries (calendar); i++)
    {
      gboolean hidden = FALSE;
      AushangValue *entry = aushang_data_file_get_entry (calendar, i, &hidden, NULL, NULL);
      AushangValue *link = aushang_value_lookup (entry, "booking_url");

      n_hidden += hidden;
      if (link != NULL && aushang_site_has_path (site, aushang_value_get_string (link)))
        n_links++;
    }
  g_assert_cmpuint (aushang_data_file_get_n_entries (calendar), >=, 4);
  g_assert_cmpuint (n_hidden, ==, 1);
  g_assert_cmpuint (n_links, ==, 1);
  g_assert_true (aushang_site_has_path (site, "/beitraege/repair-cafe-im-labor/"));
  g_assert_true (aushang_site_has_path (site, "/veranstaltungen/"));
  g_assert_true (aushang_site_has_path (site, "/assets/dateien/lasercutter-regeln.pdf"));
  g_assert_true (aushang_site_has_path (site, "/blog/2026/04/neuer-lasercutter/"));
  g_assert_false (aushang_site_has_path (site, "/beitraege/gibt-es-nicht/"));
  /* An unpublished draft has no page. */
  g_assert_false (aushang_site_has_path (site, "/beitraege/offene-daten-werkstatt/"));

  /* An announcement and the entry that links to it find each other. */
  {
    g_autofree char *announcement = g_build_filename (path, "_beitraege", "repair-cafe-im-labor.md", NULL);
    g_autofree char *draft = g_build_filename (path, "_beitraege", "offene-daten-werkstatt.md", NULL);
    g_autofree char *page = g_build_filename (path, "veranstaltungen.html", NULL);
    g_autoptr(GFile) announcement_file = g_file_new_for_path (announcement);
    g_autoptr(GFile) draft_file = g_file_new_for_path (draft);
    g_autoptr(GFile) page_file = g_file_new_for_path (page);
    g_autofree char *url = aushang_site_dup_url (site, announcement_file);
    g_autofree char *no_url = aushang_site_dup_url (site, draft_file);
    g_autofree char *page_url = aushang_site_dup_url (site, page_file);
    g_autoptr(GFile) found_file = aushang_site_find_page (site, "/beitraege/repair-cafe-im-labor");
    g_autoptr(GFile) nothing = aushang_site_find_page (site, "/beitraege/gibt-es-nicht/");

    g_assert_cmpstr (url, ==, "/beitraege/repair-cafe-im-labor/");
    g_assert_null (no_url);
    g_assert_cmpstr (page_url, ==, "/veranstaltungen/");
    g_assert_nonnull (found_file);
    g_assert_true (g_file_equal (found_file, announcement_file));
    g_assert_null (nothing);
  }

  /* The team's order grows by 0.1; a new member gets the next. */
  order = aushang_schema_get_field (aushang_data_file_get_schema (people), "order");
  g_assert_nonnull (order->next);
  g_assert_cmpfloat (aushang_value_get_float (order->next), ==, 1.6);
  g_assert_cmpint (aushang_schema_get_field (aushang_data_file_get_schema (people), "expertise")->kind, ==, AUSHANG_FIELD_LIST);
  g_assert_cmpint (aushang_schema_get_field (aushang_data_file_get_schema (people), "image")->kind, ==, AUSHANG_FIELD_IMAGE);

  found = aushang_check_data_file (people, site);
  g_assert_cmpuint (found->len, ==, 0);

  /* Named in plain words (the test runs in English). */
  {
    g_autofree char *events_label = aushang_data_file_dup_label (calendar);
    g_autofree char *team_label = aushang_data_file_dup_label (people);
    g_autoptr(AushangDataFile) talks = load ("jekyllconf-talks.yml", "- a: 1\n");
    g_autofree char *talks_label = aushang_data_file_dup_label (talks);

    g_assert_cmpstr (events_label, ==, "Events");
    g_assert_cmpstr (team_label, ==, "Team");
    g_assert_cmpstr (talks_label, ==, "Jekyllconf talks");
  }

  /* The standalone pages: the list of Beiträge, the home page and the
   * events page. */
  {
    GPtrArray *pages = aushang_site_get_pages (site);
    g_autofree char *first = g_file_get_basename (g_ptr_array_index (pages, 0));
    g_autofree char *second = g_file_get_basename (g_ptr_array_index (pages, 1));
    g_autofree char *third = g_file_get_basename (g_ptr_array_index (pages, 2));

    g_assert_cmpuint (pages->len, ==, 3);
    g_assert_cmpstr (first, ==, "beitraege.html");
    g_assert_cmpstr (second, ==, "index.html");
    g_assert_cmpstr (third, ==, "veranstaltungen.html");
  }
}

/* From a staff member's first hour with a real site: the author
 * suggestions held the section names of a yearly report and a misspelled
 * name that --check flags. */
static void
test_authors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-data-authors-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;
  GPtrArray *authors;
  const char *files[][2] = {
    { "_config.yml", "title: T\n" },
    { "_data/jahresbericht.yml", "kapitel:\n  - name: Einleitung\n  - name: Finanzen\n  - name: Ausblick\n" },
    { "_data/mitwirkende.yml", "- titel: Maria Gonçalves\n  rolle: Leitung\n- titel: Jörg Müller\n- titel: Aylin Demir\n" },
    { "_posts/2024-01-01-a.md", "---\ntitle: A\nauthor: Maria Gonçalves\n---\n" },
    { "_posts/2024-01-02-b.md", "---\ntitle: B\nauthors: [Maria Goncalves, Jörg Müller]\n---\n" },
    { "_posts/2024-01-03-c.md", "---\ntitle: C\nauthor: Gast Autorin\n---\n" },
  };
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i][0], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (path, files[i][1], -1, NULL));
    }

  site = aushang_site_new (folder, NULL);
  authors = aushang_site_get_authors (site);
  for (guint i = 0; i < authors->len; i++)
    {
      AushangSiteTerm *term = g_ptr_array_index (authors, i);

      g_string_append_printf (names, "%s%s%s", i ? ", " : "", term->name, term->from_data ? "*" : "");
    }

  /* The list the documents' authors match, by the key that matches
   * ("titel"); a name no list has; not the report's sections, not the
   * misspelling. */
  g_assert_cmpstr (names->str, ==, "Gast Autorin, Jörg Müller*, Maria Gonçalves*, Aylin Demir*");

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

/* Unsaved changes from the recovery area: modified, saved over the file
 * as it is on disk when restored, and refused when it changes again. */
static void
test_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-restore-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.yml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) unsaved = g_bytes_new_static ("- title: \"Neu\"\n", strlen ("- title: \"Neu\"\n"));
  g_autoptr(AushangDataFile) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  g_assert_true (g_file_set_contents (path, "- title: \"Alt\"\n", -1, NULL));
  restored = aushang_data_file_restore (file, unsaved);
  g_assert_true (aushang_data_file_get_modified (restored));
  g_assert_cmpint (aushang_data_file_get_kind (restored), ==, AUSHANG_DATA_FILE_ENTRIES);
  assert_entry (restored, 0, "{\"title\":\"Neu\"}");

  g_assert_true (aushang_data_file_save (restored, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, "- title: \"Neu\"\n");

  /* Another program changes it after the restore: not overwritten. */
  g_clear_object (&restored);
  restored = aushang_data_file_restore (file, unsaved);
  g_assert_true (g_file_set_contents (path, "- title: \"Anders, und länger\"\n", -1, NULL));
  g_assert_false (aushang_data_file_save (restored, &error));
  g_assert_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_CHANGED_ON_DISK);

  aushang_test_delete_path (dir);
}

/* A list whose dates are free text has no date to sort by; its rows
 * still say when (and where), as the file writes it. */
static void
test_free_text_dates (void)
{
  g_autoptr(AushangDataFile) file = load ("events.yml",
                                          "- title: Repair-Café\n"
                                          "  date: 05.-06.03.\n"
                                          "  location: Werkstatt\n"
                                          "- title: Stammtisch\n"
                                          "  date: 17.02., 17 Uhr\n"
                                          "- name: Aylin\n"
                                          "  role: Vorstand\n"
                                          "  location: Büro\n");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_null (aushang_data_file_get_date_key (file, NULL));
  first = aushang_entry_dup_subtitle (aushang_data_file_get_entry (file, 0, NULL, NULL, NULL));
  second = aushang_entry_dup_subtitle (aushang_data_file_get_entry (file, 1, NULL, NULL, NULL));
  third = aushang_entry_dup_subtitle (aushang_data_file_get_entry (file, 2, NULL, NULL, NULL));
  g_assert_cmpstr (first, ==, "05.-06.03., Werkstatt");
  g_assert_cmpstr (second, ==, "17.02., 17 Uhr");
  g_assert_cmpstr (third, ==, "Vorstand");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data-file/entries", test_entries);
  g_test_add_func ("/data-file/restore", test_restore);
  g_test_add_func ("/data-file/schema", test_schema);
  g_test_add_func ("/data-file/forms", test_forms);
  g_test_add_func ("/data-file/new-entries", test_new_entries);
  g_test_add_func ("/data-file/edit-entries", test_edit_entries);
  g_test_add_func ("/data-file/hide-show-move", test_hide_show_move);
  g_test_add_func ("/data-file/crlf-flow-anchors", test_crlf_flow_anchors);
  g_test_add_func ("/data-file/fuzz-findings", test_fuzz_findings);
  g_test_add_func ("/data-file/other-kinds", test_other_kinds);
  g_test_add_func ("/data-file/files", test_files);
  g_test_add_func ("/data-file/checks", test_checks);
  g_test_add_func ("/data-file/ics", test_ics);
  g_test_add_func ("/data-file/example-site", test_example_site);
  g_test_add_func ("/data-file/authors", test_authors);
  g_test_add_func ("/data-file/free-text-dates", test_free_text_dates);
  g_test_add_func ("/data-file/corpus-round-trip", test_corpus_round_trip);

  return g_test_run ();
}
