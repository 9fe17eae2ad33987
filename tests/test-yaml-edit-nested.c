/* test-yaml-edit-nested.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-yaml.h"
#include "aushang-yaml-edit.h"

/* A list of maps inside front matter, edited as sub-forms do: a field of
 * one item by path, an item added, removed, moved, one key as YAML. Every
 * edit changes only the lines it addresses. */

static const char podcasts[] =
  "title: Treffen\n"
  "podcasts:\n"
  "  # Der erste\n"
  "  - title: Eins\n"
  "    url: https://eins.example\n"
  "    feed_url: https://eins.example/feed\n"
  "  - title: \"Zwei\"\n"
  "    url: https://zwei.example\n"
  "offerings:\n"
  "  food: Pizza\n"
  "  drinks: 'Mate'\n"
  "layout: page\n";

static AushangYamlEdit *
edit_new (const char *text)
{
  AushangYamlEdit *edit = aushang_yaml_edit_new (text, strlen (text), 2, "\n");

  aushang_yaml_edit_set_front_matter (edit, TRUE);
  g_assert_null (aushang_yaml_edit_get_error (edit));

  return edit;
}

static AushangValue *
yaml (const char *text)
{
  g_autoptr(GError) error = NULL;
  AushangValue *value = aushang_yaml_parse_value (text, &error);

  g_assert_no_error (error);

  return value;
}

static void
test_set_field_by_path (void)
{
  g_autoptr(AushangYamlEdit) edit = edit_new (podcasts);
  g_autoptr(AushangValue) title = aushang_value_new_string ("Zwei (neu)");
  g_autoptr(AushangValue) drinks = aushang_value_new_string ("Tee");
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_set (edit, "podcasts[1].title", title, &error));
  g_assert_no_error (error);
  g_assert_true (aushang_yaml_edit_set (edit, "offerings.drinks", drinks, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (aushang_yaml_edit_get_text (edit, NULL), ==,
                   "title: Treffen\n"
                   "podcasts:\n"
                   "  # Der erste\n"
                   "  - title: Eins\n"
                   "    url: https://eins.example\n"
                   "    feed_url: https://eins.example/feed\n"
                   "  - title: \"Zwei (neu)\"\n"
                   "    url: https://zwei.example\n"
                   "offerings:\n"
                   "  food: Pizza\n"
                   "  drinks: 'Tee'\n"
                   "layout: page\n");
}

static void
test_insert (void)
{
  g_autoptr(AushangYamlEdit) edit = edit_new (podcasts);
  g_autoptr(AushangValue) third = yaml ("{title: Drei, url: 'https://drei.example'}");
  g_autoptr(AushangValue) first = yaml ("{title: Vorwort}");
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_insert_at (edit, "podcasts", 2, third, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (aushang_yaml_edit_get_text (edit, NULL), ==,
                   "title: Treffen\n"
                   "podcasts:\n"
                   "  # Der erste\n"
                   "  - title: Eins\n"
                   "    url: https://eins.example\n"
                   "    feed_url: https://eins.example/feed\n"
                   "  - title: \"Zwei\"\n"
                   "    url: https://zwei.example\n"
                   "  - title: \"Drei\"\n"
                   "    url: https://drei.example\n"
                   "offerings:\n"
                   "  food: Pizza\n"
                   "  drinks: 'Mate'\n"
                   "layout: page\n");

  g_assert_true (aushang_yaml_edit_insert_at (edit, "podcasts", 0, first, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (aushang_yaml_edit_get_text (edit, NULL),
                                   "title: Treffen\n"
                                   "podcasts:\n"
                                   "  # Der erste\n"
                                   "  - title: Vorwort\n"
                                   "  - title: Eins\n"));
}

static void
test_insert_into_flow_and_missing (void)
{
  g_autoptr(AushangYamlEdit) edit = edit_new ("title: x\nlinks: []\n");
  g_autoptr(AushangValue) item = yaml ("{name: A}");
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_insert_at (edit, "links", 0, item, &error));
  g_assert_no_error (error);
  g_assert_true (aushang_yaml_edit_insert_at (edit, "more", 0, item, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (aushang_value_get_length (aushang_yaml_edit_get (edit, "links")), ==, 1);
  g_assert_cmpstr (aushang_value_get_string (aushang_yaml_edit_get (edit, "more[0].name")), ==, "A");
}

static void
test_remove_and_move (void)
{
  g_autoptr(AushangYamlEdit) edit = edit_new (podcasts);
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_yaml_edit_move_at (edit, "podcasts", 1, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (aushang_yaml_edit_get_text (edit, NULL), ==,
                   "title: Treffen\n"
                   "podcasts:\n"
                   "  # Der erste\n"
                   "  - title: \"Zwei\"\n"
                   "    url: https://zwei.example\n"
                   "  - title: Eins\n"
                   "    url: https://eins.example\n"
                   "    feed_url: https://eins.example/feed\n"
                   "offerings:\n"
                   "  food: Pizza\n"
                   "  drinks: 'Mate'\n"
                   "layout: page\n");

  /* And back: the text as it was. */
  g_assert_true (aushang_yaml_edit_move_at (edit, "podcasts", 0, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (aushang_yaml_edit_get_text (edit, NULL), ==, podcasts);

  g_assert_true (aushang_yaml_edit_remove (edit, "podcasts[0]", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (aushang_yaml_edit_get_text (edit, NULL), ==,
                   "title: Treffen\n"
                   "podcasts:\n"
                   "  # Der erste\n"
                   "  - title: \"Zwei\"\n"
                   "    url: https://zwei.example\n"
                   "offerings:\n"
                   "  food: Pizza\n"
                   "  drinks: 'Mate'\n"
                   "layout: page\n");

  g_assert_false (aushang_yaml_edit_move_at (edit, "podcasts", 0, 3, &error));
  g_assert_nonnull (error);
}

static void
test_entry_text (void)
{
  g_autoptr(AushangYamlEdit) edit = edit_new (podcasts);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = aushang_yaml_edit_dup_entry_text (edit, "offerings");

  g_assert_cmpstr (text, ==, "offerings:\n  food: Pizza\n  drinks: 'Mate'\n");

  g_assert_true (aushang_yaml_edit_replace_entry_text (edit, "offerings",
                                                       "offerings:\n  food: Suppe  # warm\n  drinks: 'Mate'\n",
                                                       &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (aushang_yaml_edit_get_text (edit, NULL),
                                   "offerings:\n  food: Suppe  # warm\n  drinks: 'Mate'\nlayout: page\n"));

  /* Another key, or text that is no YAML, is refused and changes nothing. */
  g_assert_false (aushang_yaml_edit_replace_entry_text (edit, "offerings", "title: x\n", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (aushang_yaml_edit_replace_entry_text (edit, "offerings", "offerings: [a\n", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_suffix (aushang_yaml_edit_get_text (edit, NULL),
                                   "offerings:\n  food: Suppe  # warm\n  drinks: 'Mate'\nlayout: page\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/yaml-edit-nested/set-field-by-path", test_set_field_by_path);
  g_test_add_func ("/yaml-edit-nested/insert", test_insert);
  g_test_add_func ("/yaml-edit-nested/insert-into-flow-and-missing", test_insert_into_flow_and_missing);
  g_test_add_func ("/yaml-edit-nested/remove-and-move", test_remove_and_move);
  g_test_add_func ("/yaml-edit-nested/entry-text", test_entry_text);

  return g_test_run ();
}
