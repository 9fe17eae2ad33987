/* test-slug.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "aushang-slug.h"

static void
assert_slug (const char *title,
             const char *expected)
{
  g_autofree char *slug = aushang_slugify (title);
  g_autofree char *again = NULL;

  g_assert_cmpstr (slug, ==, expected);

  /* Jekyll slugifies file names once more for :title; a slug stays the same. */
  again = aushang_slugify (slug);
  g_assert_cmpstr (again, ==, slug);
}

static void
test_german (void)
{
  assert_slug ("KI und Soziale Innovationen: Wie KI für das Gemeinwohl "
               "sozial-innovativ eingesetzt werden kann.",
               /* 82 bytes before the cap: "-eingesetzt-werden-kann" goes. */
               "ki-und-soziale-innovationen-wie-ki-fuer-das-gemeinwohl-sozial-innovativ");
  assert_slug ("Straße & Größe", "strasse-groesse");
  assert_slug ("ÄÖÜ", "aeoeue");
  assert_slug ("äöü ÄÖÜ ß ẞ", "aeoeue-aeoeue-ss-ss");
  assert_slug ("Über Öffnungszeiten", "ueber-oeffnungszeiten");
  /* Decomposed umlauts (a plus U+0308) as some macOS files carry them. */
  assert_slug ("Gru\xcc\x88\xc3\x9f Go\xcc\x88tter", "gruess-goetter");
}

static void
test_latin (void)
{
  assert_slug ("Çafé Noël", "cafe-noel");
  assert_slug ("Søren Åberg Ærø", "soren-aberg-aero");
  assert_slug ("Œuvre Łódź Đorđe Þór", "oeuvre-lodz-dorde-thor");
  assert_slug ("Señor Čapek Şişli", "senor-capek-sisli");
  /* The German rule wins for ö even in a Swedish name. */
  assert_slug ("Ångström İstanbul", "angstroem-istanbul");
  /* An accent with no precomposed letter goes with its ASCII letter. */
  assert_slug ("x\xcc\x8cy", "xy");
}

/* Each expectation below is what the real Jekyll 4.3 prints for
 * Jekyll::Utils.slugify(title): no letters to transliterate. */
static void
test_jekyll_default_mode (void)
{
  assert_slug ("  --Hallo--  ", "hallo");
  assert_slug ("C++ & C#", "c-c");
  assert_slug ("Hello World 2025", "hello-world-2025");
  assert_slug ("100% sicher?!", "100-sicher");
  assert_slug ("under_score", "under-score");
  assert_slug ("a—b–c", "a-b-c");
  assert_slug ("Ein „Zitat“ und 'so' weiter…", "ein-zitat-und-so-weiter");
  assert_slug ("Tab\tund\nZeilen", "tab-und-zeilen");
  assert_slug ("emoji 🎉 party", "emoji-party");
  /* Letters of other scripts stay, lowercased; only decimal digits count. */
  assert_slug ("Русский", "русский");
  assert_slug ("Ёлка Й", "ёлка-й");
  assert_slug ("日本語のタイトル", "日本語のタイトル");
  assert_slug ("한국어 제목", "한국어-제목");
  assert_slug ("x²½ ٣", "x-٣");
}

static void
test_empty (void)
{
  assert_slug ("!!!", "");
  assert_slug ("", "");
  assert_slug ("  - / -  ", "");
  assert_slug (NULL, "");
}

static void
test_cap (void)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *slug = NULL;
  g_autofree char *long_word = NULL;

  while (title->len < 300)
    g_string_append (title, "Größere Veranstaltung im Bürgerhaus ");

  slug = aushang_slugify (title->str);
  g_assert_cmpuint (strlen (slug), <=, AUSHANG_SLUG_MAX_LENGTH);
  g_assert_cmpuint (strlen (slug), >=, AUSHANG_SLUG_MAX_LENGTH / 2);
  g_assert_true (g_str_has_prefix (slug, "groessere-veranstaltung-im-buergerhaus-"));
  g_assert_false (g_str_has_suffix (slug, "-"));
  /* Cut between words, never inside one. */
  g_assert_true (g_str_has_suffix (slug, "-groessere")
                 || g_str_has_suffix (slug, "-veranstaltung")
                 || g_str_has_suffix (slug, "-im")
                 || g_str_has_suffix (slug, "-buergerhaus"));

  /* One endless word is cut inside it, on a character boundary. */
  for (guint i = 0; i < 100; i++)
    g_string_append (word, "ж");
  long_word = aushang_slugify (word->str);
  g_assert_cmpuint (strlen (long_word), ==, AUSHANG_SLUG_MAX_LENGTH);
  g_assert_true (g_utf8_validate (long_word, -1, NULL));
}

static void
test_file_names (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GDateTime) date = g_date_time_new (berlin, 2025, 11, 4, 23, 30, 0);
  g_autofree char *post = NULL;
  g_autofree char *post_html = NULL;
  g_autofree char *post_empty = NULL;
  g_autofree char *post_today = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *collection_empty = NULL;
  g_autoptr(GRegex) post_name = g_regex_new ("^\\d{4}-\\d{2}-\\d{2}-untitled\\.md$", 0, 0, NULL);

  post = aushang_post_file_name (date, "KI und Soziale Innovationen", NULL);
  /* The date in its own zone: 23:30 at +01:00 is still the 4th. */
  g_assert_cmpstr (post, ==, "2025-11-04-ki-und-soziale-innovationen.md");

  post_html = aushang_post_file_name (date, "Grüße", ".html");
  g_assert_cmpstr (post_html, ==, "2025-11-04-gruesse.html");

  post_empty = aushang_post_file_name (date, "???", "markdown");
  g_assert_cmpstr (post_empty, ==, "2025-11-04-untitled.markdown");

  post_today = aushang_post_file_name (NULL, "", "");
  g_assert_true (g_regex_match (post_name, post_today, 0, NULL));

  collection = aushang_collection_file_name ("KI und Soziale Innovationen", "md");
  g_assert_cmpstr (collection, ==, "ki-und-soziale-innovationen.md");

  collection_empty = aushang_collection_file_name (NULL, NULL);
  g_assert_cmpstr (collection_empty, ==, "untitled.md");
}

static void
touch (GFile      *folder,
       const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (folder, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (g_file_peek_path (file), "", 0, &error);
  g_assert_no_error (error);
}

static void
assert_unique (GFile      *folder,
               const char *file_name,
               const char *expected)
{
  g_autoptr(GFile) file = aushang_unique_file (folder, file_name);
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_assert_nonnull (file);
  name = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  g_assert_cmpstr (name, ==, expected);
  g_assert_true (g_file_equal (parent, folder));
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
remove_all (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
test_unique_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_dir_make_tmp ("aushang-slug-XXXXXX", &error);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) full = NULL;
  g_autofree char *dangling = NULL;
  g_autofree char *link_path = NULL;

  g_assert_no_error (error);
  folder = g_file_new_for_path (path);

  assert_unique (folder, "a.md", "a.md");

  touch (folder, "a.md");
  assert_unique (folder, "a.md", "a-2.md");

  touch (folder, "a-2.md");
  assert_unique (folder, "a.md", "a-3.md");

  /* Dated names and names without an extension. */
  touch (folder, "2025-11-04-treffen.md");
  assert_unique (folder, "2025-11-04-treffen.md", "2025-11-04-treffen-2.md");
  touch (folder, "README");
  assert_unique (folder, "README", "README-2");
  touch (folder, ".hidden");
  assert_unique (folder, ".hidden", ".hidden-2");

  /* A dangling symbolic link is taken too: writing there would follow it. */
  dangling = g_build_filename (path, "nowhere", NULL);
  link_path = g_build_filename (path, "b.md", NULL);
  g_assert_cmpint (symlink (dangling, link_path), ==, 0);
  assert_unique (folder, "b.md", "b-2.md");

  /* Give up after c-1000.md. */
  touch (folder, "c.md");
  for (guint n = 2; n <= 1000; n++)
    {
      g_autofree char *name = g_strdup_printf ("c-%u.md", n);

      touch (folder, name);
    }
  full = aushang_unique_file (folder, "c.md");
  g_assert_null (full);

  remove_all (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slug/german", test_german);
  g_test_add_func ("/slug/latin", test_latin);
  g_test_add_func ("/slug/jekyll-default-mode", test_jekyll_default_mode);
  g_test_add_func ("/slug/empty", test_empty);
  g_test_add_func ("/slug/cap", test_cap);
  g_test_add_func ("/slug/file-names", test_file_names);
  g_test_add_func ("/slug/unique-file", test_unique_file);

  return g_test_run ();
}
