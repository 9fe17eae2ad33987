/* test-yaml.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "aushang-front-matter.h"
#include "aushang-yaml.h"
#include "aushang-yaml-private.h"

/* What Jekyll 4.3 (Psych) makes of plain scalars. Each expectation was
 * checked against ruby -ryaml -e 'p Psych.safe_load(...)' on Debian 12. */
typedef struct
{
  const char       *text;
  AushangValueKind  kind;
  const char       *display;   /* aushang_value_to_display of the result */
} PlainCase;

static const PlainCase plain_cases[] = {
  { "Hallo", AUSHANG_VALUE_STRING, "Hallo" },
  { "yes", AUSHANG_VALUE_BOOLEAN, "true" },
  { "Yes", AUSHANG_VALUE_BOOLEAN, "true" },
  { "ON", AUSHANG_VALUE_BOOLEAN, "true" },
  { "no", AUSHANG_VALUE_BOOLEAN, "false" },
  { "off", AUSHANG_VALUE_BOOLEAN, "false" },
  { "False", AUSHANG_VALUE_BOOLEAN, "false" },
  { "y", AUSHANG_VALUE_STRING, "y" },
  { "n", AUSHANG_VALUE_STRING, "n" },
  { "~", AUSHANG_VALUE_NULL, "" },
  { "null", AUSHANG_VALUE_NULL, "" },
  { "NULL", AUSHANG_VALUE_NULL, "" },
  { "", AUSHANG_VALUE_NULL, "" },
  { "42", AUSHANG_VALUE_INTEGER, "42" },
  { "-7", AUSHANG_VALUE_INTEGER, "-7" },
  { "1_000", AUSHANG_VALUE_INTEGER, "1000" },
  { "1,000", AUSHANG_VALUE_INTEGER, "1000" },
  { "0x1F", AUSHANG_VALUE_INTEGER, "31" },
  { "0b101", AUSHANG_VALUE_INTEGER, "5" },
  { "0755", AUSHANG_VALUE_INTEGER, "493" },
  { "08", AUSHANG_VALUE_STRING, "08" },
  { "12:30", AUSHANG_VALUE_INTEGER, "45000" },
  { "1:30:00", AUSHANG_VALUE_INTEGER, "5400" },
  { "1.10", AUSHANG_VALUE_FLOAT, "1.1" },
  { "1.", AUSHANG_VALUE_FLOAT, "1.0" },
  { ".5", AUSHANG_VALUE_FLOAT, "0.5" },
  { "1e5", AUSHANG_VALUE_STRING, "1e5" },
  { "1.0e+5", AUSHANG_VALUE_FLOAT, "100000.0" },
  { ".inf", AUSHANG_VALUE_FLOAT, ".inf" },
  { "-.Inf", AUSHANG_VALUE_FLOAT, "-.inf" },
  { ".nan", AUSHANG_VALUE_FLOAT, ".nan" },
  { "+.", AUSHANG_VALUE_STRING, "+." },
  { "2025-11-04", AUSHANG_VALUE_DATE, "2025-11-04" },
  { "2025-1-4", AUSHANG_VALUE_DATE, "2025-01-04" },
  { "2025-02-30", AUSHANG_VALUE_STRING, "2025-02-30" },
  { "2025-13-01", AUSHANG_VALUE_STRING, "2025-13-01" },
  { "2025-00-10", AUSHANG_VALUE_STRING, "2025-00-10" },
  { "2025-1-32", AUSHANG_VALUE_STRING, "2025-1-32" },
  { "2025-10-3", AUSHANG_VALUE_DATE, "2025-10-03" },
  { "2025-12-31", AUSHANG_VALUE_DATE, "2025-12-31" },
  { "2024-02-29", AUSHANG_VALUE_DATE, "2024-02-29" },
  { "2025-9-31", AUSHANG_VALUE_STRING, "2025-9-31" },
  { "20251-1-1", AUSHANG_VALUE_STRING, "20251-1-1" },
  { "2025-011-1", AUSHANG_VALUE_STRING, "2025-011-1" },
  { "2025-11-04x", AUSHANG_VALUE_STRING, "2025-11-04x" },
  { "2025-11-04 16:30:00 +01:00", AUSHANG_VALUE_DATETIME, "2025-11-04 16:30:00 +01:00" },
  { "2025-11-04T16:30:00Z", AUSHANG_VALUE_DATETIME, "2025-11-04 16:30:00 +00:00" },
  { "2025-11-04 16:30:00", AUSHANG_VALUE_DATETIME, "2025-11-04 16:30:00" },
  { "2025-11-04 16:30:00.5 -0530", AUSHANG_VALUE_DATETIME, "2025-11-04 16:30:00.5 -05:30" },
  { "2025-11-04 16:30", AUSHANG_VALUE_STRING, "2025-11-04 16:30" },
  { "Version 2", AUSHANG_VALUE_STRING, "Version 2" },
  { "true1", AUSHANG_VALUE_STRING, "true1" },
  { "16:30 Uhr", AUSHANG_VALUE_STRING, "16:30 Uhr" },
  { "Ümlaut", AUSHANG_VALUE_STRING, "Ümlaut" },
};

static void
test_resolve_plain (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (plain_cases); i++)
    {
      g_autoptr(AushangValue) value = aushang_yaml_resolve_plain (plain_cases[i].text);
      g_autofree char *display = NULL;

      g_assert_nonnull (value);
      display = aushang_value_to_display (value);
      g_test_message ("%s -> %s %s", plain_cases[i].text,
                      aushang_value_kind_to_string (aushang_value_get_kind (value)), display);
      g_assert_cmpstr (aushang_value_kind_to_string (aushang_value_get_kind (value)), ==,
                       aushang_value_kind_to_string (plain_cases[i].kind));
      g_assert_cmpstr (display, ==, plain_cases[i].display);
    }
}

static void
test_resolve_symbol_refused (void)
{
  /* Psych.safe_load raises DisallowedClass for symbols: Jekyll drops the
   * whole front matter. */
  g_assert_null (aushang_yaml_resolve_plain (":symbol"));
  {
    g_autoptr(AushangValue) colon = aushang_yaml_resolve_plain (":");

    g_assert_nonnull (colon);
  }
}

static void
test_plain_safe (void)
{
  const char *safe[] = { "Hallo Welt", "KI und Zivilgesellschaft", "Maria Gonçalves",
                         "a-b", "-5x", "C#", "100%", "Ende.", "🎉 Fest", "x:y", "a#b" };
  const char *unsafe[] = { "no", "yes", "On", "null", "~", "2025-11-04", "1.10", "0x1F",
                           "12:30", "42", ".inf", "Hallo: Welt", "a #b", "#tag", "- item",
                           "-", "*stern", "&anker", "!bang", "|pipe", ">gt", "'single'",
                           "\"double\"", "%prozent", "@at", "`tick", " lead", "trail ",
                           "Ende:", "[eckig]", "{geschweift}", ",komma", "?frage", ":symbol",
                           "---", "...", "a\nb", "tab\there", "",
                           /* YAML 1.2 tools read these as numbers or booleans. */
                           "0815", "1e5", "y", "N", "0o17", "+12" };

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    g_assert_true (aushang_yaml_string_is_plain_safe (safe[i]));

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_test_message ("unsafe: %s", unsafe[i]);
      g_assert_false (aushang_yaml_string_is_plain_safe (unsafe[i]));
    }
}

static void
test_emit_round_trip (void)
{
  const char *strings[] = { "no", "2025-11-04", "Hallo: Welt", "Zitat \"innen\" und 'außen'",
                            "back\\slash", "line\nbreak", "tab\tstop", "\x01" "control",
                            "🎉 Fest", " lead", "trail ", "#tag", ":symbol", "plain text",
                            "It's", "\xc2\x85" "nel", "\xef\xbb\xbf" "bom" };
  AushangQuoteStyle styles[] = { AUSHANG_QUOTE_PLAIN, AUSHANG_QUOTE_SINGLE, AUSHANG_QUOTE_DOUBLE };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      for (guint q = 1; q < G_N_ELEMENTS (styles); q++)
        {
          g_autofree char *emitted = aushang_yaml_emit_string (strings[i], styles[s], styles[q]);
          g_autoptr(GError) error = NULL;
          g_autoptr(AushangValue) back = aushang_yaml_parse_value (emitted, &error);

          g_test_message ("%s => %s", strings[i], emitted);
          g_assert_no_error (error);
          g_assert_cmpint (aushang_value_get_kind (back), ==, AUSHANG_VALUE_STRING);
          g_assert_cmpstr (aushang_value_get_string (back), ==, strings[i]);
          if (styles[s] == AUSHANG_QUOTE_PLAIN && aushang_yaml_string_is_plain_safe (strings[i]))
            g_assert_cmpstr (emitted, ==, strings[i]);
        }
}

static void
test_emit_styles (void)
{
  g_autofree char *a = aushang_yaml_emit_string ("no", AUSHANG_QUOTE_PLAIN, AUSHANG_QUOTE_DOUBLE);
  g_autofree char *b = aushang_yaml_emit_string ("no", AUSHANG_QUOTE_PLAIN, AUSHANG_QUOTE_SINGLE);
  g_autofree char *c = aushang_yaml_emit_string ("Hallo", AUSHANG_QUOTE_DOUBLE, AUSHANG_QUOTE_DOUBLE);
  g_autofree char *d = aushang_yaml_emit_string ("It's", AUSHANG_QUOTE_SINGLE, AUSHANG_QUOTE_SINGLE);
  g_autofree char *e = aushang_yaml_emit_string ("a\nb", AUSHANG_QUOTE_SINGLE, AUSHANG_QUOTE_SINGLE);

  g_assert_cmpstr (a, ==, "\"no\"");
  g_assert_cmpstr (b, ==, "'no'");
  g_assert_cmpstr (c, ==, "\"Hallo\"");
  g_assert_cmpstr (d, ==, "'It''s'");
  g_assert_cmpstr (e, ==, "\"a\\nb\"");
}

static void
test_parse_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangValue) list = aushang_yaml_parse_value ("[Events, \"KI und Zivilgesellschaft\", no]", &error);
  g_autoptr(AushangValue) map = NULL;
  g_autoptr(AushangValue) bad = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json = aushang_value_to_json (list);
  g_assert_cmpstr (json, ==, "[\"Events\",\"KI und Zivilgesellschaft\",false]");

  map = aushang_yaml_parse_value ("{start: 2025-11-04 16:30:00 +01:00, ort: 'Alter Markt'}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&json, g_free);
  json = aushang_value_to_json (map);
  g_assert_cmpstr (json, ==, "{\"start\":\"2025-11-04 16:30:00 +01:00\",\"ort\":\"Alter Markt\"}");

  bad = aushang_yaml_parse_value ("[unclosed", &error);
  g_assert_null (bad);
  g_assert_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML);
}

/* A stream without a value (empty, only comments, a BOM and a comment)
 * is null, as Psych reads it; this used to loop forever. Each case runs
 * in a subprocess with a time limit, so a hang fails instead of stalling
 * the suite. */
static const char *no_value_cases[] = {
  "",
  "# nur ein Kommentar\n",
  "# eins\n# zwei\n\n",
  "\xEF\xBB\xBF# Kommentar\n",
  "\xEF\xBB\xBF",
  "   \n\n",
  "---\n",
  "--- # leer\n...\n",
};

static void
test_parse_value_empty (void)
{
  if (g_test_subprocess ())
    {
      for (guint i = 0; i < G_N_ELEMENTS (no_value_cases); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(AushangValue) value = aushang_yaml_parse_value (no_value_cases[i], &error);

          g_assert_no_error (error);
          g_assert_nonnull (value);
          g_assert_cmpint (aushang_value_get_kind (value), ==, AUSHANG_VALUE_NULL);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Psych's sexagesimal integers can exceed 64 bits (Ruby has big
 * integers); they must not overflow (UBSan found it), and are kept as the
 * nearest float, as other big integers are. Checked with
 * ruby -ryaml -e 'p Psych.safe_load("92333300129194000656:2")'
 * => 332399880465098402361720. */
static void
test_sexagesimal_overflow (void)
{
  g_autoptr(AushangValue) big = aushang_yaml_resolve_plain ("92333300129194000656:2");
  g_autoptr(AushangValue) edge = aushang_yaml_resolve_plain ("2562047788015215:30:07");
  g_autoptr(AushangValue) near = aushang_yaml_resolve_plain ("2562047788015215:30:08");
  g_autoptr(AushangValue) small = aushang_yaml_resolve_plain ("-1:30");
  g_autoptr(AushangValue) huge_float = aushang_yaml_resolve_plain ("99999999999999999999:59.5");

  g_assert_cmpint (aushang_value_get_kind (big), ==, AUSHANG_VALUE_FLOAT);
  g_assert_cmpfloat_with_epsilon (aushang_value_get_float (big), 332399880465098402361720.0, 1e9);

  /* 2562047788015215 * 3600 + 30 * 60 + 7 is G_MAXINT64; + 8 is above. */
  g_assert_cmpint (aushang_value_get_kind (edge), ==, AUSHANG_VALUE_INTEGER);
  g_assert_cmpint (aushang_value_get_integer (edge), ==, G_MAXINT64);
  g_assert_cmpint (aushang_value_get_kind (near), ==, AUSHANG_VALUE_FLOAT);
  g_assert_cmpfloat (aushang_value_get_float (near), >, 9.2e18);

  g_assert_cmpint (aushang_value_get_kind (small), ==, AUSHANG_VALUE_INTEGER);
  g_assert_cmpint (aushang_value_get_integer (small), ==, -1800);

  g_assert_cmpint (aushang_value_get_kind (huge_float), ==, AUSHANG_VALUE_FLOAT);
  g_assert_cmpfloat (aushang_value_get_float (huge_float), >, 3.5e23);

  /* Written back, such a float keeps a point in its mantissa: Psych reads
   * "1e+20" as a string, "1.0e+20" as the float (ruby -ryaml, Debian 12). */
  {
    g_autoptr(AushangValue) e20 = aushang_value_new_float (1e20);
    g_autofree char *text = aushang_value_to_display (e20);
    g_autofree char *flow = aushang_yaml_emit_flow (big, AUSHANG_QUOTE_PLAIN, AUSHANG_QUOTE_DOUBLE, FALSE);
    g_autoptr(AushangValue) again = aushang_yaml_resolve_plain (flow);

    g_assert_cmpstr (text, ==, "1.0e+20");
    g_assert_cmpint (aushang_value_get_kind (again), ==, AUSHANG_VALUE_FLOAT);
  }
}

/* In a flow collection a colon before a flow indicator ends a plain
 * scalar ("8:?" made [8:?] unreadable): such strings are quoted. */
static void
test_emit_flow_colon (void)
{
  g_autoptr(AushangValue) list = aushang_value_new_list ();
  g_autofree char *text = NULL;
  g_autoptr(AushangValue) back = NULL;
  g_autoptr(GError) error = NULL;

  aushang_value_list_append (list, aushang_value_new_string ("8:?"));
  aushang_value_list_append (list, aushang_value_new_string ("a:b"));
  text = aushang_yaml_emit_flow (list, AUSHANG_QUOTE_PLAIN, AUSHANG_QUOTE_DOUBLE, FALSE);
  back = aushang_yaml_parse_value (text, &error);
  g_assert_no_error (error);
  g_assert_true (aushang_value_equal (back, list));
}

static void
test_jekyll_dates (void)
{
  /* Checked against ruby -rtime -e 'Time.parse(ARGV[0])' on Debian 12. */
  const char *good[] = { "2025-11-04", "2025-11-04 16:30", "2025-11-04T16:30:00+01:00",
                         "04.11.2025", "4.11.2025", "4. November 2025", "November 4, 2025",
                         "Dienstag, 18. November 2025", "2025/11/04", "11/04/2025",
                         "18 Nov 2025 10:00 CET", "2025-11-31", "16:30" };
  const char *bad[] = { "morgen", "TBA", "", "2025", "2025-13-01", "4. März 2025",
                        "2025-11-04 25:00", "2025-11", "nächsten Dienstag" };
  g_autoptr(GDateTime) parsed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good: %s", good[i]);
      g_assert_true (aushang_yaml_parse_jekyll_date (good[i], NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad: %s", bad[i]);
      g_assert_false (aushang_yaml_parse_jekyll_date (bad[i], NULL));
    }

  g_assert_true (aushang_yaml_parse_jekyll_date ("4. November 2025", &parsed));
  g_assert_cmpint (g_date_time_get_day_of_month (parsed), ==, 4);
  g_assert_cmpint (g_date_time_get_month (parsed), ==, 11);
  g_clear_pointer (&parsed, g_date_time_unref);

  /* Ruby rolls the 31st of November over into December. */
  g_assert_true (aushang_yaml_parse_jekyll_date ("2025-11-31", &parsed));
  g_assert_cmpint (g_date_time_get_month (parsed), ==, 12);
  g_assert_cmpint (g_date_time_get_day_of_month (parsed), ==, 1);
  g_clear_pointer (&parsed, g_date_time_unref);

  g_assert_true (aushang_yaml_parse_jekyll_date ("2025-11-04T16:30:00+01:00", &parsed));
  g_assert_cmpint (g_date_time_get_utc_offset (parsed) / G_TIME_SPAN_SECOND, ==, 3600);
  g_assert_cmpint (g_date_time_get_hour (parsed), ==, 16);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/yaml/resolve-plain", test_resolve_plain);
  g_test_add_func ("/yaml/resolve-symbol-refused", test_resolve_symbol_refused);
  g_test_add_func ("/yaml/plain-safe", test_plain_safe);
  g_test_add_func ("/yaml/emit-round-trip", test_emit_round_trip);
  g_test_add_func ("/yaml/emit-styles", test_emit_styles);
  g_test_add_func ("/yaml/parse-value", test_parse_value);
  g_test_add_func ("/yaml/parse-value-empty", test_parse_value_empty);
  g_test_add_func ("/yaml/sexagesimal-overflow", test_sexagesimal_overflow);
  g_test_add_func ("/yaml/emit-flow-colon", test_emit_flow_colon);
  g_test_add_func ("/yaml/jekyll-dates", test_jekyll_dates);

  return g_test_run ();
}
