/* test-check.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-check.h"

static GPtrArray *
check_text (const char *text,
            const char *path)
{
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (text, strlen (text));
  g_autoptr(GFile) file = path ? g_file_new_for_path (path) : NULL;

  return aushang_check_document (document, file, NULL);
}

static AushangDiagnostic *
find (GPtrArray  *diagnostics,
      const char *words)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      AushangDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (strstr (d->message, words) != NULL)
        return d;
    }

  return NULL;
}

static guint
count_errors (GPtrArray *diagnostics)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    if (((AushangDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == AUSHANG_SEVERITY_ERROR)
      n++;

  return n;
}

static void
test_clean_document (void)
{
  g_autoptr(GPtrArray) d = check_text ("---\ntitle: Gut\ndate: 2025-11-04 16:30:00 +01:00\n---\nText\n",
                                       "/site/_posts/2025-11-04-gut.md");

  g_assert_cmpuint (d->len, ==, 0);
}

static void
test_bad_dates (void)
{
  g_autoptr(GPtrArray) d1 = check_text ("---\ntitle: A\ndate: nächsten Dienstag\n---\n", NULL);
  g_autoptr(GPtrArray) d2 = check_text ("---\ntitle: A\ndate:\n---\n", NULL);
  g_autoptr(GPtrArray) d3 = check_text ("---\ntitle: A\ndate: \"04.11.2025\"\n---\n", NULL);
  g_autoptr(GPtrArray) d4 = check_text ("---\ntitle: A\ndate: 2025-13-01\n---\n", NULL);
  AushangDiagnostic *diag;

  diag = find (d1, "nächsten Dienstag");
  g_assert_nonnull (diag);
  g_assert_cmpint (diag->severity, ==, AUSHANG_SEVERITY_ERROR);
  g_assert_cmpuint (diag->line, ==, 3);
  g_assert_cmpstr (diag->key, ==, "date");

  g_assert_cmpuint (count_errors (d2), ==, 1);
  g_assert_nonnull (find (d2, "empty"));

  /* Ruby's Time.parse reads "04.11.2025": no error. */
  g_assert_cmpuint (count_errors (d3), ==, 0);

  /* 2025-13-01 is no YAML date, so a string, which Time.parse refuses. */
  g_assert_cmpuint (count_errors (d4), ==, 1);
}

static void
test_post_names (void)
{
  g_autoptr(GPtrArray) bad = check_text ("---\ntitle: A\n---\n", "/site/_posts/mein-beitrag.md");
  g_autoptr(GPtrArray) good = check_text ("---\ntitle: A\n---\n", "/site/_posts/2025/2025-11-04-mein-beitrag.md");
  g_autoptr(GPtrArray) collection = check_text ("---\ntitle: A\n---\n", "/site/_beitraege/mein-beitrag.md");
  g_autoptr(GPtrArray) bad_date = check_text ("---\ntitle: A\n---\n", "/site/_posts/2025-02-45-x.md");

  g_assert_nonnull (find (bad, "mein-beitrag.md"));
  g_assert_cmpuint (count_errors (bad), ==, 1);
  g_assert_cmpuint (count_errors (good), ==, 0);
  g_assert_cmpuint (count_errors (collection), ==, 0);
  g_assert_nonnull (find (bad_date, "2025-02-45"));
}

static void
test_title (void)
{
  g_autoptr(GPtrArray) missing = check_text ("---\nauthor: A\n---\n", NULL);
  g_autoptr(GPtrArray) empty = check_text ("---\ntitle: \"  \"\n---\n", NULL);
  g_autoptr(GPtrArray) boolean = check_text ("---\ntitle: no\n---\n", NULL);
  g_autoptr(GPtrArray) none = check_text ("Nur Text\n", NULL);
  AushangDiagnostic *diag;

  g_assert_nonnull (find (missing, "no title"));
  {
    g_autoptr(GPtrArray) named = check_text ("---\nauthor: A\n---\n", "/site/_posts/2025-11-04-ki-und-ich.md");

    g_assert_nonnull (find (named, "“Ki Und Ich”"));
  }
  g_assert_nonnull (find (empty, "empty"));

  diag = find (boolean, "yes/no");
  g_assert_nonnull (diag);
  g_assert_cmpint (diag->severity, ==, AUSHANG_SEVERITY_WARNING);
  g_assert_cmpuint (diag->line, ==, 2);

  g_assert_nonnull (find (none, "no front matter"));
}

static void
test_yaml_error_position (void)
{
  g_autoptr(GPtrArray) d = check_text ("---\ntitle: Gut\nteaser: Zeit: 16 Uhr\n---\n", NULL);
  AushangDiagnostic *diag = find (d, "colon");

  g_assert_nonnull (diag);
  g_assert_cmpint (diag->severity, ==, AUSHANG_SEVERITY_ERROR);
  g_assert_cmpuint (diag->line, ==, 3);
  g_assert_cmpuint (diag->column, ==, 13);
}

static void
test_bom (void)
{
  g_autoptr(GPtrArray) collection = check_text ("\xEF\xBB\xBF---\ntitle: A\n---\n", "/site/_beitraege/a.md");
  g_autoptr(GPtrArray) post = check_text ("\xEF\xBB\xBF---\ntitle: A\n---\n", "/site/_posts/2025-01-01-a.md");

  g_assert_nonnull (find (collection, "byte order mark"));
  g_assert_cmpuint (count_errors (post), ==, 0);
}

static void
test_warnings (void)
{
  g_autoptr(GPtrArray) d = check_text ("---\ntitle: A\npublished: \"false\"\ntitle: B\n---\n", NULL);

  g_assert_nonnull (find (d, "Remove the quotes"));
  g_assert_nonnull (find (d, "appears 2 times"));
  g_assert_cmpuint (count_errors (d), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check/clean-document", test_clean_document);
  g_test_add_func ("/check/bad-dates", test_bad_dates);
  g_test_add_func ("/check/post-names", test_post_names);
  g_test_add_func ("/check/title", test_title);
  g_test_add_func ("/check/yaml-error-position", test_yaml_error_position);
  g_test_add_func ("/check/warnings", test_warnings);
  g_test_add_func ("/check/bom", test_bom);

  return g_test_run ();
}
