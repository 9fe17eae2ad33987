/* test-yaml-edit.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-yaml-edit.h"

static AushangYamlEdit *
load (const char *text)
{
  return aushang_yaml_edit_new (text, strlen (text), 1, strstr (text, "\r\n") ? "\r\n" : "\n");
}

static void
assert_text (AushangYamlEdit *edit,
             const char      *expected)
{
  gsize length = 0;
  const char *text = aushang_yaml_edit_get_text (edit, &length);

  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_json (AushangYamlEdit *edit,
             const char      *path,
             const char      *expected)
{
  AushangValue *value = aushang_yaml_edit_get (edit, path);
  g_autofree char *json = value ? aushang_value_to_json (value) : g_strdup ("(absent)");

  g_assert_cmpstr (json, ==, expected);
}

static AushangValue *
yaml (const char *text)
{
  g_autoptr(GError) error = NULL;
  AushangValue *value = aushang_yaml_parse_value (text, &error);

  g_assert_no_error (error);

  return value;
}

/* Sets @path to the YAML @value in @text and expects @expected. */
static void
assert_set (const char *text,
            const char *path,
            const char *value,
            const char *expected)
{
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(AushangValue) v = yaml (value);
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_set (edit, path, v, &error));
  g_assert_no_error (error);
  assert_text (edit, expected);
}

static void
assert_set_string (const char *text,
                   const char *path,
                   const char *value,
                   const char *expected)
{
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(AushangValue) v = aushang_value_new_string (value);
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_set (edit, path, v, &error));
  g_assert_no_error (error);
  assert_text (edit, expected);
  /* It reads back exactly. */
  g_assert_cmpstr (aushang_value_get_string (aushang_yaml_edit_get (edit, path)), ==, value);
}

static const char *events =
  "# Veranstaltungen\n"
  "\n"
  "- title: \"Repair-Café\"\n"
  "  date: \"2025-06-17\"\n"
  "  time: \"16:30\"\n"
  "  tags: [reparieren, treffen]\n"
  "  featured: false\n"
  "\n"
  "- title: 'Offene Werkstatt'\n"
  "  date: \"2025-07-01\"   # erster Dienstag\n"
  "  expertise:\n"
  "    - Löten\n"
  "    - \"3D-Druck\"\n"
  "  description: |\n"
  "    Zeile eins\n"
  "    Zeile zwei\n"
  "\n"
  "- title: Sommerfest\n"
  "  date: \"2025-08-20\"\n";

static void
test_paths (void)
{
  g_autoptr(AushangYamlEdit) edit = load (events);
  g_autofree char *key = aushang_yaml_path_key ("[1]", "a.b");
  g_autofree char *index = aushang_yaml_path_index (key, 2);
  g_auto(GStrv) keys = aushang_yaml_edit_dup_keys (edit, "[1]");

  g_assert_null (aushang_yaml_edit_get_error (edit));
  assert_json (edit, "[0].title", "\"Repair-Café\"");
  assert_json (edit, "[1].expertise[1]", "\"3D-Druck\"");
  assert_json (edit, "[1].description", "\"Zeile eins\\nZeile zwei\\n\"");
  assert_json (edit, "[2].date", "\"2025-08-20\"");
  assert_json (edit, "[3].date", "(absent)");
  assert_json (edit, "[0].nope", "(absent)");
  assert_json (edit, "[0", "(absent)");
  g_assert_cmpuint (aushang_yaml_edit_get_line (edit, "[1]"), ==, 9);
  g_assert_cmpuint (aushang_yaml_edit_get_line (edit, "[1].expertise"), ==, 11);
  g_assert_cmpuint (aushang_yaml_edit_get_line (edit, "[1].expertise[1]"), ==, 13);
  g_assert_cmpstr (key, ==, "[1].\"a.b\"");
  g_assert_cmpstr (index, ==, "[1].\"a.b\"[2]");
  g_assert_cmpuint (g_strv_length (keys), ==, 4);
  g_assert_cmpstr (keys[3], ==, "description");
  g_assert_true (aushang_yaml_edit_is_flow (edit, "[0].tags"));
  g_assert_false (aushang_yaml_edit_is_flow (edit, "[1].expertise"));

  {
    g_autoptr(AushangYamlEdit) quoted = load ("\"a.b\": [x, {c: 1}]\n");

    assert_json (quoted, "\"a.b\"[1].c", "1");
  }
}

static void
test_set_keeps_style (void)
{
  /* Quotes stay; only the value's bytes change; a comment after it
   * stays. */
  assert_set_string (events, "[1].date", "2025-07-08",
                     "# Veranstaltungen\n"
                     "\n"
                     "- title: \"Repair-Café\"\n"
                     "  date: \"2025-06-17\"\n"
                     "  time: \"16:30\"\n"
                     "  tags: [reparieren, treffen]\n"
                     "  featured: false\n"
                     "\n"
                     "- title: 'Offene Werkstatt'\n"
                     "  date: \"2025-07-08\"   # erster Dienstag\n"
                     "  expertise:\n"
                     "    - Löten\n"
                     "    - \"3D-Druck\"\n"
                     "  description: |\n"
                     "    Zeile eins\n"
                     "    Zeile zwei\n"
                     "\n"
                     "- title: Sommerfest\n"
                     "  date: \"2025-08-20\"\n");

  /* Single quotes stay single; plain stays plain where it reads back the
   * same, and gets quotes where it would not. */
  assert_set_string ("- title: 'Alt'\n", "[0].title", "It's", "- title: 'It''s'\n");
  assert_set_string ("- title: Alt\n", "[0].title", "Neu", "- title: Neu\n");
  assert_set_string ("- title: Alt\n", "[0].title", "yes", "- title: \"yes\"\n");
  assert_set_string ("- title: Alt\n", "[0].title", "12:30", "- title: \"12:30\"\n");
  assert_set_string ("- title: Alt\n", "[0].title", "Zeit: jetzt", "- title: \"Zeit: jetzt\"\n");

  /* A block scalar keeps its form and chomping where it can hold the
   * text; the empty line after it stays. */
  assert_set_string (events, "[1].description", "Neu\nund zwei\n",
                     "# Veranstaltungen\n"
                     "\n"
                     "- title: \"Repair-Café\"\n"
                     "  date: \"2025-06-17\"\n"
                     "  time: \"16:30\"\n"
                     "  tags: [reparieren, treffen]\n"
                     "  featured: false\n"
                     "\n"
                     "- title: 'Offene Werkstatt'\n"
                     "  date: \"2025-07-01\"   # erster Dienstag\n"
                     "  expertise:\n"
                     "    - Löten\n"
                     "    - \"3D-Druck\"\n"
                     "  description: |\n"
                     "    Neu\n"
                     "    und zwei\n"
                     "\n"
                     "- title: Sommerfest\n"
                     "  date: \"2025-08-20\"\n");
  assert_set_string ("a: |-\n  eins\n  zwei\nb: 1\n", "a", "drei\nvier", "a: |-\n  drei\n  vier\nb: 1\n");
  assert_set_string ("a: >\n  ein\n  Satz\nb: 1\n", "a", "ein anderer Satz\n", "a: >\n  ein anderer Satz\nb: 1\n");
  assert_set_string ("a: |+\n  mit\n\nb: 1\n", "a", "neu\n\n", "a: |+\n  neu\n\nb: 1\n");
  /* A plain value stays plain where the new text reads back the same
   * (in Psych and in YAML 1.2), single quotes stay single. */
  assert_set_string ("title: Kurt Garloff\n", "title", "Kurt Garloff (CTO)", "title: Kurt Garloff (CTO)\n");
  assert_set_string ("title: Kurt Garloff\n", "title", "Kurt Garloff: CTO", "title: \"Kurt Garloff: CTO\"\n");
  assert_set_string ("title: Kurt Garloff\n", "title", "2016-05-12", "title: \"2016-05-12\"\n");
  assert_set_string ("title: 'Kurt Garloff'\n", "title", "Kurt's Talk", "title: 'Kurt''s Talk'\n");
  /* A plain number or boolean replaced by text: plain too, in a file
   * that otherwise quotes. */
  assert_set_string ("a: \"x\"\nb: \"y\"\nraum: 12\n", "raum", "Saal 2", "a: \"x\"\nb: \"y\"\nraum: Saal 2\n");
  assert_set_string ("a: \"x\"\nb: \"y\"\noffen: false\n", "offen", "nur Mitglieder", "a: \"x\"\nb: \"y\"\noffen: nur Mitglieder\n");

  /* A text its chomping cannot hold (clip needs one final line break)
   * stays a block, with the chomping it needs. */
  assert_set_string ("a: |\n  eins\nb: 1\n", "a", "ohne", "a: |-\n  ohne\nb: 1\n");
  assert_set_string ("a: |-\n  eins\nb: 1\n", "a", "mit\n", "a: |\n  mit\nb: 1\n");
  assert_set_string ("a: >\n  eins\nb: 1\n", "a", "ohne", "a: >-\n  ohne\nb: 1\n");
  /* A folded block writes a line break of the text as an empty line,
   * and breaks long lines where the block did. */
  assert_set_string ("a: >\n  Absatz\nb: 1\n", "a", "Eins\nZwei\n\nDrei\n",
                     "a: >\n  Eins\n\n  Zwei\n\n\n  Drei\nb: 1\n");
  assert_set_string ("a: >\n"
                     "  Die Werkstatt ist jeden Dienstag ab 16 Uhr geöffnet,\n"
                     "  und alle sind willkommen.\n"
                     "b: 1\n",
                     "a", "Die Werkstatt ist jeden Mittwoch ab 17 Uhr geöffnet, und alle sind herzlich willkommen.\n",
                     "a: >\n"
                     "  Die Werkstatt ist jeden Mittwoch ab 17 Uhr geöffnet,\n"
                     "  und alle sind herzlich willkommen.\n"
                     "b: 1\n");
  /* Lines that start with white space keep their line breaks in a
   * folded block (as in the Jekyll docs' HTML lists). */
  assert_set_string ("a: >-\n  Liste\nb: 1\n", "a", "Liste: <ul>\n  <li>eins</li>\n  <li>zwei</li>\n</ul>\nEnde",
                     "a: >-\n  Liste: <ul>\n    <li>eins</li>\n    <li>zwei</li>\n  </ul>\n\n  Ende\nb: 1\n");
  /* The comment after the header stays; an empty block gets content. */
  assert_set_string ("a: |  # Kurzfassung\n  eins\nb: 1\n", "a", "zwei\n", "a: |  # Kurzfassung\n  zwei\nb: 1\n");
  assert_set_string ("a: |\nb: 1\n", "a", "neu\n", "a: |\n  neu\nb: 1\n");
  /* A text no block holds (leading spaces) is written another way. */
  assert_set_string ("a: |\n  eins\nb: 1\n", "a", "  eingerückt\n", "a: \"  eingerückt\\n\"\nb: 1\n");

  /* Lists keep their form. */
  assert_set (events, "[0].tags", "[a, \"b, c\"]",
              "# Veranstaltungen\n"
              "\n"
              "- title: \"Repair-Café\"\n"
              "  date: \"2025-06-17\"\n"
              "  time: \"16:30\"\n"
              "  tags: [a, \"b, c\"]\n"
              "  featured: false\n"
              "\n"
              "- title: 'Offene Werkstatt'\n"
              "  date: \"2025-07-01\"   # erster Dienstag\n"
              "  expertise:\n"
              "    - Löten\n"
              "    - \"3D-Druck\"\n"
              "  description: |\n"
              "    Zeile eins\n"
              "    Zeile zwei\n"
              "\n"
              "- title: Sommerfest\n"
              "  date: \"2025-08-20\"\n");
  assert_set ("- name: A\n  expertise:\n    - x\n  role: r\n", "[0].expertise", "[x, Holz]",
              "- name: A\n  expertise:\n    - x\n    - Holz\n  role: r\n");
  assert_set ("- name: A\n  expertise:\n    - x\n  role: r\n", "[0].expertise[0]", "z",
              "- name: A\n  expertise:\n    - z\n  role: r\n");

  /* Typed values. */
  assert_set (events, "[0].featured", "true",
              "# Veranstaltungen\n"
              "\n"
              "- title: \"Repair-Café\"\n"
              "  date: \"2025-06-17\"\n"
              "  time: \"16:30\"\n"
              "  tags: [reparieren, treffen]\n"
              "  featured: true\n"
              "\n"
              "- title: 'Offene Werkstatt'\n"
              "  date: \"2025-07-01\"   # erster Dienstag\n"
              "  expertise:\n"
              "    - Löten\n"
              "    - \"3D-Druck\"\n"
              "  description: |\n"
              "    Zeile eins\n"
              "    Zeile zwei\n"
              "\n"
              "- title: Sommerfest\n"
              "  date: \"2025-08-20\"\n");
}

static void
count_cb (AushangYamlEdit *edit,
          gpointer         data)
{
  (*(guint *) data)++;
}

static void
test_same_value_no_change (void)
{
  g_autoptr(AushangYamlEdit) edit = load (events);
  g_autoptr(AushangValue) title = aushang_value_new_string ("Repair-Café");
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (edit, "changed", G_CALLBACK (count_cb), &changes);
  g_assert_true (aushang_yaml_edit_set (edit, "[0].title", title, &error));
  g_assert_no_error (error);
  assert_text (edit, events);
  g_assert_cmpuint (changes, ==, 0);
}

static void
test_add_and_remove_keys (void)
{
  const char *order[] = { "title", "date", "time", "location", "featured", NULL };
  g_autoptr(AushangYamlEdit) edit = load (events);
  g_autoptr(AushangValue) place = aushang_value_new_string ("Rathaus, Saal 2");
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (edit, "changed", G_CALLBACK (count_cb), &changes);
  aushang_yaml_edit_set_key_order (edit, order);

  /* Placed by the key order, written as the other entries write it. */
  g_assert_true (aushang_yaml_edit_set (edit, "[0].location", place, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  assert_text (edit,
               "# Veranstaltungen\n"
               "\n"
               "- title: \"Repair-Café\"\n"
               "  date: \"2025-06-17\"\n"
               "  time: \"16:30\"\n"
               "  location: \"Rathaus, Saal 2\"\n"
               "  tags: [reparieren, treffen]\n"
               "  featured: false\n"
               "\n"
               "- title: 'Offene Werkstatt'\n"
               "  date: \"2025-07-01\"   # erster Dienstag\n"
               "  expertise:\n"
               "    - Löten\n"
               "    - \"3D-Druck\"\n"
               "  description: |\n"
               "    Zeile eins\n"
               "    Zeile zwei\n"
               "\n"
               "- title: Sommerfest\n"
               "  date: \"2025-08-20\"\n");

  /* Without a place in the order: at the end of its entry. */
  {
    g_autoptr(AushangValue) list = yaml ("[Holz]");

    g_assert_true (aushang_yaml_edit_set (edit, "[2].expertise", list, &error));
    g_assert_no_error (error);
    assert_json (edit, "[2]", "{\"title\":\"Sommerfest\",\"date\":\"2025-08-20\",\"expertise\":[\"Holz\"]}");
    g_assert_true (g_str_has_suffix (aushang_yaml_edit_get_text (edit, NULL),
                                     "- title: Sommerfest\n  date: \"2025-08-20\"\n  expertise:\n    - Holz\n"));
  }

  /* Removing a key takes its lines; the first key moves the next up to
   * the "-". */
  g_assert_true (aushang_yaml_edit_remove (edit, "[1].expertise", &error));
  g_assert_true (aushang_yaml_edit_remove (edit, "[0].title", &error));
  g_assert_true (aushang_yaml_edit_remove (edit, "[2].expertise", &error));
  g_assert_true (aushang_yaml_edit_remove (edit, "[0].location", &error));
  g_assert_no_error (error);
  assert_text (edit,
               "# Veranstaltungen\n"
               "\n"
               "- date: \"2025-06-17\"\n"
               "  time: \"16:30\"\n"
               "  tags: [reparieren, treffen]\n"
               "  featured: false\n"
               "\n"
               "- title: 'Offene Werkstatt'\n"
               "  date: \"2025-07-01\"   # erster Dienstag\n"
               "  description: |\n"
               "    Zeile eins\n"
               "    Zeile zwei\n"
               "\n"
               "- title: Sommerfest\n"
               "  date: \"2025-08-20\"\n");

  /* A block scalar's value goes without the empty line after it, which
   * separates the entries. */
  {
    g_autoptr(AushangYamlEdit) blocks = load ("- a: 1\n  text: |\n    eins\n    zwei\n\n- a: 2\n  text: |\n    drei\n\n- a: 3\n");
    g_autoptr(AushangValue) short_text = aushang_value_new_string ("kurz");

    g_assert_true (aushang_yaml_edit_set (blocks, "[0].text", short_text, &error));
    g_assert_true (aushang_yaml_edit_remove (blocks, "[1].text", &error));
    g_assert_no_error (error);
    assert_text (blocks, "- a: 1\n  text: |-\n    kurz\n\n- a: 2\n\n- a: 3\n");
  }

  /* Removing what is not there changes nothing. */
  changes = 0;
  g_assert_true (aushang_yaml_edit_remove (edit, "[2].nope", &error));
  g_assert_cmpuint (changes, ==, 0);
}

static void
test_flow_entries (void)
{
  const char *text = "- {title: A, date: \"2025-01-01\"}\n- {title: B}\n";
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(AushangValue) b = aushang_value_new_string ("B, zwei");
  g_autoptr(AushangValue) date = aushang_value_new_string ("2025-02-02");
  g_autoptr(AushangValue) entry = yaml ("{title: C, date: \"2025-03-03\"}");
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_set (edit, "[1].title", b, &error));
  g_assert_true (aushang_yaml_edit_set (edit, "[1].date", date, &error));
  g_assert_true (aushang_yaml_edit_remove (edit, "[0].title", &error));
  g_assert_no_error (error);
  assert_text (edit, "- {date: \"2025-01-01\"}\n- {title: \"B, zwei\", date: \"2025-02-02\"}\n");

  /* A new entry is written as the others are: in braces. */
  g_assert_true (aushang_yaml_edit_insert_item (edit, 2, entry, &error));
  g_assert_no_error (error);
  assert_text (edit, "- {date: \"2025-01-01\"}\n- {title: \"B, zwei\", date: \"2025-02-02\"}\n- {title: \"C\", date: \"2025-03-03\"}\n");
}

/* A key given twice on lines of its own: removing it takes out both; the
 * key after them moves up to the "- ", or the entry becomes "{}". */
static void
test_block_repeated_key (void)
{
  const struct { const char *text, *expected; } cases[] = {
    { "- a: 1\n  a: 2\n", "- {}\n" },
    { "- a: 1\n  a: 2", "- {}" },
    { "- b: 0\n- a: 1\n  a: 2\n  b: 3\n", "- b: 0\n- b: 3\n" },
    { "- a: 1\n  b: 2\n  a: 3\n", "- b: 2\n" },
    { "- a: 1\n  a: 2\n  b: 3\n  a: 4\n  c: 5\n", "- b: 3\n  c: 5\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AushangYamlEdit) edit = load (cases[i].text);
      g_autoptr(GError) error = NULL;
      guint last = aushang_yaml_edit_get_n_items (edit) - 1;
      g_autofree char *path = g_strdup_printf ("[%u].a", last);

      g_assert_true (aushang_yaml_edit_remove (edit, path, &error));
      g_assert_no_error (error);
      assert_text (edit, cases[i].expected);
      assert_json (edit, path, "(absent)");
    }
}

/* A key given twice in braces (Jekyll reads the last): removing it takes
 * out both, with their commas, at the end of the file too. */
static void
test_flow_repeated_key (void)
{
  const struct { const char *text, *expected; } cases[] = {
    { "- {a: 1, a: 2}", "- {}" },
    { "- {a: 1, a: 2}\n", "- {}\n" },
    { "- {b: 0, a: 1, a: 2}", "- {b: 0}" },
    { "- {a: 1, a: 2, b: 3}\n", "- {b: 3}\n" },
    { "- {a: 1, b: 2, a: 3}\n", "- {b: 2}\n" },
    { "- {a: 1, b: 2, a: 3, c: 4, a: 5}\n", "- {b: 2, c: 4}\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AushangYamlEdit) edit = load (cases[i].text);
      g_autoptr(GError) error = NULL;

      g_assert_true (aushang_yaml_edit_remove (edit, "[0].a", &error));
      g_assert_no_error (error);
      assert_text (edit, cases[i].expected);
      assert_json (edit, "[0].a", "(absent)");
    }
}

static void
test_items (void)
{
  g_autoptr(AushangYamlEdit) edit = load (events);
  g_autoptr(AushangValue) entry = yaml ("{title: \"Neu: Lesung\", date: \"2025-07-15\", time: \"19:00\", featured: true}");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strdup (events);
  gboolean hidden = TRUE;
  guint first = 0, last = 0;

  g_assert_cmpuint (aushang_yaml_edit_get_n_items (edit), ==, 3);
  g_assert_nonnull (aushang_yaml_edit_get_item (edit, 1, &hidden, &first, &last));
  g_assert_false (hidden);
  g_assert_cmpuint (first, ==, 9);
  g_assert_cmpuint (last, ==, 16);

  /* A new item between two, written like its neighbours, with the blank
   * line the list has between items. */
  g_assert_true (aushang_yaml_edit_insert_item (edit, 2, entry, &error));
  g_assert_no_error (error);
  assert_text (edit,
               "# Veranstaltungen\n"
               "\n"
               "- title: \"Repair-Café\"\n"
               "  date: \"2025-06-17\"\n"
               "  time: \"16:30\"\n"
               "  tags: [reparieren, treffen]\n"
               "  featured: false\n"
               "\n"
               "- title: 'Offene Werkstatt'\n"
               "  date: \"2025-07-01\"   # erster Dienstag\n"
               "  expertise:\n"
               "    - Löten\n"
               "    - \"3D-Druck\"\n"
               "  description: |\n"
               "    Zeile eins\n"
               "    Zeile zwei\n"
               "\n"
               "- title: 'Neu: Lesung'\n"
               "  date: \"2025-07-15\"\n"
               "  time: \"19:00\"\n"
               "  featured: true\n"
               "\n"
               "- title: Sommerfest\n"
               "  date: \"2025-08-20\"\n");

  /* Removing it gives back the same bytes; so does adding at the end and
   * at the start, then removing. */
  g_assert_true (aushang_yaml_edit_remove_item (edit, 2, &error));
  assert_text (edit, before);
  g_assert_true (aushang_yaml_edit_insert_item (edit, 3, entry, &error));
  g_assert_true (g_str_has_suffix (aushang_yaml_edit_get_text (edit, NULL),
                                   "  date: \"2025-08-20\"\n\n- title: \"Neu: Lesung\"\n  date: \"2025-07-15\"\n  time: \"19:00\"\n  featured: true\n"));
  g_assert_true (aushang_yaml_edit_remove_item (edit, 3, &error));
  assert_text (edit, before);
  g_assert_true (aushang_yaml_edit_insert_item (edit, 0, entry, &error));
  g_assert_true (aushang_yaml_edit_remove_item (edit, 0, &error));
  assert_text (edit, before);

  /* Duplicate, then remove the copy. */
  g_assert_true (aushang_yaml_edit_duplicate_item (edit, 1, &error));
  g_assert_cmpuint (aushang_yaml_edit_get_n_items (edit), ==, 4);
  assert_json (edit, "[2].title", "\"Offene Werkstatt\"");
  g_assert_true (aushang_yaml_edit_remove_item (edit, 2, &error));
  assert_text (edit, before);

  /* Moving keeps each item's bytes and what stands between them. */
  g_assert_true (aushang_yaml_edit_move_item (edit, 2, 0, &error));
  g_assert_no_error (error);
  assert_text (edit,
               "# Veranstaltungen\n"
               "\n"
               "- title: Sommerfest\n"
               "  date: \"2025-08-20\"\n"
               "\n"
               "- title: \"Repair-Café\"\n"
               "  date: \"2025-06-17\"\n"
               "  time: \"16:30\"\n"
               "  tags: [reparieren, treffen]\n"
               "  featured: false\n"
               "\n"
               "- title: 'Offene Werkstatt'\n"
               "  date: \"2025-07-01\"   # erster Dienstag\n"
               "  expertise:\n"
               "    - Löten\n"
               "    - \"3D-Druck\"\n"
               "  description: |\n"
               "    Zeile eins\n"
               "    Zeile zwei\n");
  g_assert_true (aushang_yaml_edit_move_item (edit, 0, 2, &error));
  assert_text (edit, before);
}

static void
test_no_final_newline (void)
{
  const char *text = "- date: 2022-12-12\n  title: A\n- date: 2023-01-09\n  title: B";
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(AushangValue) entry = yaml ("{date: 2024-01-01, title: C}");
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_insert_item (edit, 2, entry, &error));
  g_assert_no_error (error);
  assert_text (edit, "- date: 2022-12-12\n  title: A\n- date: 2023-01-09\n  title: B\n- date: 2024-01-01\n  title: C");
  g_assert_true (aushang_yaml_edit_remove_item (edit, 2, &error));
  assert_text (edit, text);
  g_assert_true (aushang_yaml_edit_move_item (edit, 1, 0, &error));
  assert_text (edit, "- date: 2023-01-09\n  title: B\n- date: 2022-12-12\n  title: A");
  g_assert_true (aushang_yaml_edit_hide_item (edit, 1, &error));
  assert_text (edit, "- date: 2023-01-09\n  title: B\n# - date: 2022-12-12\n#   title: A");
  g_assert_true (aushang_yaml_edit_show_item (edit, 1, &error));
  assert_text (edit, "- date: 2023-01-09\n  title: B\n- date: 2022-12-12\n  title: A");
}

static void
test_hide_show (void)
{
  g_autoptr(AushangYamlEdit) edit = load (events);
  g_autoptr(GError) error = NULL;
  gboolean hidden = FALSE;

  g_assert_true (aushang_yaml_edit_hide_item (edit, 1, &error));
  g_assert_no_error (error);
  assert_text (edit,
               "# Veranstaltungen\n"
               "\n"
               "- title: \"Repair-Café\"\n"
               "  date: \"2025-06-17\"\n"
               "  time: \"16:30\"\n"
               "  tags: [reparieren, treffen]\n"
               "  featured: false\n"
               "\n"
               "# - title: 'Offene Werkstatt'\n"
               "#   date: \"2025-07-01\"   # erster Dienstag\n"
               "#   expertise:\n"
               "#     - Löten\n"
               "#     - \"3D-Druck\"\n"
               "#   description: |\n"
               "#     Zeile eins\n"
               "#     Zeile zwei\n"
               "\n"
               "- title: Sommerfest\n"
               "  date: \"2025-08-20\"\n");
  /* Jekyll no longer sees it; the list still counts it, in its place. */
  assert_json (edit, "[1].title", "\"Sommerfest\"");
  g_assert_cmpuint (aushang_yaml_edit_get_n_items (edit), ==, 3);
  g_assert_nonnull (aushang_yaml_edit_get_item (edit, 1, &hidden, NULL, NULL));
  g_assert_true (hidden);
  g_assert_null (aushang_yaml_edit_dup_item_path (edit, 1));

  g_assert_true (aushang_yaml_edit_show_item (edit, 1, &error));
  g_assert_no_error (error);
  assert_text (edit, events);

  /* Hiding every item leaves a file of comments (null to Jekyll), and
   * showing them gives the list back. */
  g_assert_true (aushang_yaml_edit_hide_item (edit, 0, &error));
  g_assert_true (aushang_yaml_edit_hide_item (edit, 1, &error));
  g_assert_true (aushang_yaml_edit_hide_item (edit, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (aushang_value_get_kind (aushang_yaml_edit_get_root (edit)), ==, AUSHANG_VALUE_NULL);
  g_assert_cmpuint (aushang_yaml_edit_get_n_items (edit), ==, 3);
  g_assert_true (aushang_yaml_edit_show_item (edit, 2, &error));
  g_assert_true (aushang_yaml_edit_show_item (edit, 0, &error));
  g_assert_true (aushang_yaml_edit_show_item (edit, 1, &error));
  g_assert_no_error (error);
  assert_text (edit, events);
}

static void
test_hidden_by_hand (void)
{
  const char *text =
    "- title: Tutorials\n"
    "  tutorials:\n"
    "  - home\n"
    "  - navigation\n"
    "\n"
    "#- title: Another section\n"
    "#  tutorials:\n"
    "#  - sample\n"
    "- title: Last\n"
    "#  topic: \"nur ein Kommentar\"\n";
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(GError) error = NULL;
  gboolean hidden = FALSE;
  AushangValue *item;
  g_autofree char *json = NULL;

  g_assert_cmpuint (aushang_yaml_edit_get_n_items (edit), ==, 3);
  item = aushang_yaml_edit_get_item (edit, 1, &hidden, NULL, NULL);
  json = aushang_value_to_json (item);
  g_assert_true (hidden);
  g_assert_cmpstr (json, ==, "{\"title\":\"Another section\",\"tutorials\":[\"sample\"]}");

  g_assert_true (aushang_yaml_edit_show_item (edit, 1, &error));
  g_assert_no_error (error);
  assert_text (edit,
               "- title: Tutorials\n"
               "  tutorials:\n"
               "  - home\n"
               "  - navigation\n"
               "\n"
               "- title: Another section\n"
               "  tutorials:\n"
               "  - sample\n"
               "- title: Last\n"
               "#  topic: \"nur ein Kommentar\"\n");
  assert_json (edit, "[1].tutorials", "[\"sample\"]");

  /* A hidden item can be removed, moved and duplicated too. */
  g_assert_true (aushang_yaml_edit_hide_item (edit, 1, &error));
  g_assert_true (aushang_yaml_edit_remove_item (edit, 1, &error));
  g_assert_no_error (error);
  assert_text (edit,
               "- title: Tutorials\n"
               "  tutorials:\n"
               "  - home\n"
               "  - navigation\n"
               "\n"
               "- title: Last\n"
               "#  topic: \"nur ein Kommentar\"\n");
}

static void
test_comment_lines (void)
{
  const char *text = "a: 1\nb: 2\nc: 3\n";
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(AushangYamlEdit) original = load (text);
  g_autoptr(AushangValue) without_b = yaml ("{a: 1, c: 3}");
  g_autoptr(GError) error = NULL;

  /* Commenting out changes what the file means: refused unless that is
   * what was asked for. */
  g_assert_false (aushang_yaml_edit_comment_lines (edit, 2, 2, NULL, &error));
  g_assert_nonnull (error);
  assert_text (edit, text);
  g_clear_error (&error);

  g_assert_true (aushang_yaml_edit_comment_lines (edit, 2, 2, without_b, &error));
  g_assert_no_error (error);
  assert_text (edit, "a: 1\n# b: 2\nc: 3\n");
  g_assert_true (aushang_yaml_edit_uncomment_lines (edit, 2, 2, aushang_yaml_edit_get_root (original), &error));
  assert_text (edit, text);
}

static void
test_crlf (void)
{
  const char *text = "- title: A\r\n  date: \"2025-01-01\"\r\n\r\n- title: B\r\n  date: \"2025-02-01\"\r\n";
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(AushangValue) entry = yaml ("{title: C, date: \"2025-03-01\"}");
  g_autoptr(AushangValue) place = aushang_value_new_string ("Saal");
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_insert_item (edit, 2, entry, &error));
  g_assert_no_error (error);
  assert_text (edit, "- title: A\r\n  date: \"2025-01-01\"\r\n\r\n- title: B\r\n  date: \"2025-02-01\"\r\n\r\n- title: C\r\n  date: \"2025-03-01\"\r\n");
  g_assert_true (aushang_yaml_edit_remove_item (edit, 2, &error));
  assert_text (edit, text);
  g_assert_true (aushang_yaml_edit_hide_item (edit, 0, &error));
  assert_text (edit, "# - title: A\r\n#   date: \"2025-01-01\"\r\n\r\n- title: B\r\n  date: \"2025-02-01\"\r\n");
  g_assert_true (aushang_yaml_edit_show_item (edit, 0, &error));
  assert_text (edit, text);
  g_assert_true (aushang_yaml_edit_set (edit, "[1].ort", place, &error));
  g_assert_no_error (error);
  assert_text (edit, "- title: A\r\n  date: \"2025-01-01\"\r\n\r\n- title: B\r\n  date: \"2025-02-01\"\r\n  ort: Saal\r\n");
}

static void
test_anchors (void)
{
  const char *text =
    "- &basis\n"
    "  ort: Rathaus\n"
    "  zeit: \"18:00\"\n"
    "- <<: *basis\n"
    "  title: Zwei\n"
    "- title: Drei\n"
    "  ort: *ort\n";
  const char *shared =
    "- ort: &ort Rathaus\n"
    "  title: Eins\n"
    "- title: Zwei\n"
    "  ort: *ort\n";
  g_autoptr(AushangYamlEdit) broken = load (text);
  g_autoptr(AushangYamlEdit) edit = load (shared);
  g_autoptr(AushangValue) place = aushang_value_new_string ("Markt");
  g_autoptr(GError) error = NULL;

  /* An alias to an anchor that does not exist: refused with its line. */
  g_assert_nonnull (aushang_yaml_edit_get_error (broken));
  g_assert_cmpuint (aushang_yaml_edit_get_error_line (broken), ==, 7);

  /* Changing the anchored value would change the alias too: refused,
   * nothing changed. */
  g_assert_false (aushang_yaml_edit_set (edit, "[0].ort", place, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  assert_text (edit, shared);
  g_clear_error (&error);

  /* So would removing the item that holds the anchor. */
  g_assert_false (aushang_yaml_edit_remove_item (edit, 0, &error));
  g_assert_nonnull (error);
  assert_text (edit, shared);
  g_clear_error (&error);

  /* Merged values read through. */
  {
    g_autoptr(AushangYamlEdit) merged = load ("- &b {ort: Rathaus}\n- <<: *b\n  title: Zwei\n");

    assert_json (merged, "[1].ort", "\"Rathaus\"");
    g_assert_true (aushang_yaml_edit_set (merged, "[1].title", place, &error));
    g_assert_no_error (error);
    assert_text (merged, "- &b {ort: Rathaus}\n- <<: *b\n  title: Markt\n");
  }
}

static void
test_empty_lists (void)
{
  g_autoptr(AushangValue) entry = yaml ("{title: Erstes, date: \"2025-01-01\"}");
  const char *texts[][2] = {
    { "", "- title: Erstes\n  date: \"2025-01-01\"\n" },
    { "# Noch keine Termine\n", "# Noch keine Termine\n- title: Erstes\n  date: \"2025-01-01\"\n" },
    { "[]\n", "- title: Erstes\n  date: \"2025-01-01\"\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AushangYamlEdit) edit = load (texts[i][0]);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (aushang_yaml_edit_get_n_items (edit), ==, 0);
      g_assert_true (aushang_yaml_edit_insert_item (edit, 0, entry, &error));
      g_assert_no_error (error);
      assert_text (edit, texts[i][1]);
      assert_json (edit, "[0].title", "\"Erstes\"");
    }
}

static void
test_not_a_list (void)
{
  g_autoptr(AushangYamlEdit) map = load ("titel: Seite\nlinks:\n  - a\n");
  g_autoptr(AushangYamlEdit) strings = load ("- eins\n- zwei\n");
  g_autoptr(AushangValue) entry = yaml ("drei");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (aushang_yaml_edit_get_n_items (map), ==, 0);
  g_assert_false (aushang_yaml_edit_insert_item (map, 0, entry, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A list of strings has items too. */
  g_assert_cmpuint (aushang_yaml_edit_get_n_items (strings), ==, 2);
  g_assert_true (aushang_yaml_edit_insert_item (strings, 2, entry, &error));
  g_assert_no_error (error);
  assert_text (strings, "- eins\n- zwei\n- drei\n");
  g_assert_true (aushang_yaml_edit_set (strings, "[0]", entry, &error));
  assert_text (strings, "- drei\n- zwei\n- drei\n");
}

static void
test_broken (void)
{
  const char *text = "- title: \"offen\n- title: B\n";
  g_autoptr(AushangYamlEdit) edit = load (text);
  g_autoptr(AushangValue) value = aushang_value_new_string ("x");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (aushang_yaml_edit_get_error (edit));
  g_assert_cmpuint (aushang_yaml_edit_get_error_line (edit), ==, 1);
  g_assert_cmpuint (aushang_yaml_edit_get_error_column (edit), ==, 10);
  g_assert_false (aushang_yaml_edit_set (edit, "[0].title", value, &error));
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_clear_error (&error);
  g_assert_false (aushang_yaml_edit_insert_item (edit, 0, value, &error));
  g_clear_error (&error);
  g_assert_false (aushang_yaml_edit_hide_item (edit, 0, &error));
  assert_text (edit, text);

  /* Replacing the text with valid YAML makes it editable. */
  g_clear_error (&error);
  g_assert_false (aushang_yaml_edit_replace_text (edit, "- [kaputt\n", &error));
  g_assert_true (g_str_has_prefix (error->message, "Line 1, column "));
  g_clear_error (&error);
  g_assert_true (aushang_yaml_edit_replace_text (edit, "- title: heil\n", &error));
  g_assert_null (aushang_yaml_edit_get_error (edit));
  assert_json (edit, "[0].title", "\"heil\"");
}

/* A lone carriage return is a line break to YAML, not to the edits: such
 * text is refused whole, never changed (the fuzzer found edits that moved
 * or dropped it). */
static void
test_lone_carriage_return (void)
{
  const char *text = "- titel: Eins\n  ort: Rathaus\r- titel: Zwei\n";
  g_autoptr(AushangYamlEdit) edit = aushang_yaml_edit_new (text, strlen (text), 1, "\n");
  g_autoptr(AushangValue) value = aushang_value_new_string ("Neu");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *after;

  g_assert_false (aushang_yaml_edit_set (edit, "[0].titel", value, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Line 2 "));
  after = aushang_yaml_edit_get_text (edit, &length);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpmem (after, length, text, strlen (text));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/yaml-edit/paths", test_paths);
  g_test_add_func ("/yaml-edit/set-keeps-style", test_set_keeps_style);
  g_test_add_func ("/yaml-edit/same-value-no-change", test_same_value_no_change);
  g_test_add_func ("/yaml-edit/add-and-remove-keys", test_add_and_remove_keys);
  g_test_add_func ("/yaml-edit/flow-entries", test_flow_entries);
  g_test_add_func ("/yaml-edit/flow-repeated-key", test_flow_repeated_key);
  g_test_add_func ("/yaml-edit/block-repeated-key", test_block_repeated_key);
  g_test_add_func ("/yaml-edit/items", test_items);
  g_test_add_func ("/yaml-edit/no-final-newline", test_no_final_newline);
  g_test_add_func ("/yaml-edit/hide-show", test_hide_show);
  g_test_add_func ("/yaml-edit/hidden-by-hand", test_hidden_by_hand);
  g_test_add_func ("/yaml-edit/comment-lines", test_comment_lines);
  g_test_add_func ("/yaml-edit/crlf", test_crlf);
  g_test_add_func ("/yaml-edit/anchors", test_anchors);
  g_test_add_func ("/yaml-edit/empty-lists", test_empty_lists);
  g_test_add_func ("/yaml-edit/not-a-list", test_not_a_list);
  g_test_add_func ("/yaml-edit/broken", test_broken);
  g_test_add_func ("/yaml-edit/lone-carriage-return", test_lone_carriage_return);

  return g_test_run ();
}
