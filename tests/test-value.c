/* test-value.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aushang-value.h"

static void
test_json (void)
{
  g_autoptr(AushangValue) map = aushang_value_new_map ();
  g_autoptr(AushangValue) list = aushang_value_new_list ();
  g_autofree char *json = NULL;

  aushang_value_list_append (list, aushang_value_new_string ("KI \"und\" Ä"));
  aushang_value_list_append (list, aushang_value_new_integer (-3));
  aushang_value_map_insert (map, "title", aushang_value_new_string ("Zeile\nzwei"));
  aushang_value_map_insert (map, "tags", aushang_value_ref (list));
  aushang_value_map_insert (map, "published", aushang_value_new_boolean (FALSE));
  aushang_value_map_insert (map, "date", aushang_value_new_datetime (2025, 11, 4, 16, 30, 0, TRUE, 3600));
  aushang_value_map_insert (map, "day", aushang_value_new_date (2025, 1, 2));
  aushang_value_map_insert (map, "nothing", aushang_value_new_null ());
  aushang_value_map_insert (map, "pi", aushang_value_new_float (3.25));

  json = aushang_value_to_json (map);
  g_assert_cmpstr (json, ==,
                   "{\"title\":\"Zeile\\nzwei\",\"tags\":[\"KI \\\"und\\\" Ä\",-3],"
                   "\"published\":false,\"date\":\"2025-11-04 16:30:00 +01:00\","
                   "\"day\":\"2025-01-02\",\"nothing\":null,\"pi\":3.25}");
}

static void
test_equal_and_lookup (void)
{
  g_autoptr(AushangValue) a = aushang_value_new_map ();
  g_autoptr(AushangValue) b = aushang_value_new_map ();
  g_autoptr(AushangValue) nan1 = aushang_value_new_float (NAN);
  g_autoptr(AushangValue) nan2 = aushang_value_new_float (NAN);
  g_autoptr(AushangValue) s = aushang_value_new_string ("1");
  g_autoptr(AushangValue) i = aushang_value_new_integer (1);

  aushang_value_map_insert (a, "k", aushang_value_new_string ("erst"));
  aushang_value_map_insert (a, "k", aushang_value_new_string ("zuletzt"));
  aushang_value_map_insert (b, "k", aushang_value_new_string ("erst"));
  aushang_value_map_insert (b, "k", aushang_value_new_string ("zuletzt"));

  g_assert_true (aushang_value_equal (a, b));
  g_assert_cmpstr (aushang_value_get_string (aushang_value_lookup (a, "k")), ==, "zuletzt");
  g_assert_null (aushang_value_lookup (a, "fehlt"));
  g_assert_true (aushang_value_equal (nan1, nan2));
  g_assert_false (aushang_value_equal (s, i));
}

static void
test_strv_and_display (void)
{
  g_autoptr(AushangValue) list = aushang_value_new_list ();
  g_autoptr(AushangValue) nested = aushang_value_new_list ();
  g_autoptr(AushangValue) single = aushang_value_new_string ("Maria");
  g_auto(GStrv) strv = NULL;
  g_auto(GStrv) one = NULL;
  g_autofree char *display = NULL;

  aushang_value_list_append (list, aushang_value_new_string ("Maria"));
  aushang_value_list_append (list, aushang_value_new_integer (2025));
  aushang_value_list_append (list, aushang_value_new_null ());
  strv = aushang_value_dup_strv (list);
  g_assert_cmpuint (g_strv_length (strv), ==, 2);
  g_assert_cmpstr (strv[0], ==, "Maria");
  g_assert_cmpstr (strv[1], ==, "2025");

  one = aushang_value_dup_strv (single);
  g_assert_cmpuint (g_strv_length (one), ==, 1);

  aushang_value_list_append (nested, aushang_value_new_list ());
  g_assert_null (aushang_value_dup_strv (nested));

  display = aushang_value_to_display (list);
  g_assert_cmpstr (display, ==, "Maria, 2025, ");
}

static void
test_date_time (void)
{
  g_autoptr(AushangValue) dt = aushang_value_new_datetime (2025, 11, 4, 16, 30, 0, TRUE, -18000);
  g_autoptr(GDateTime) g = aushang_value_dup_date_time (dt);
  g_autoptr(AushangValue) floats = aushang_value_new_float (1e20);
  g_autofree char *text = aushang_value_to_display (floats);

  g_assert_cmpint (g_date_time_get_hour (g), ==, 16);
  g_assert_cmpint (g_date_time_get_utc_offset (g) / G_TIME_SPAN_SECOND, ==, -18000);
  /* As Ruby prints it; "1e+20" would read back as a string in Psych. */
  g_assert_cmpstr (text, ==, "1.0e+20");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/json", test_json);
  g_test_add_func ("/value/equal-and-lookup", test_equal_and_lookup);
  g_test_add_func ("/value/strv-and-display", test_strv_and_display);
  g_test_add_func ("/value/date-time", test_date_time);

  return g_test_run ();
}
