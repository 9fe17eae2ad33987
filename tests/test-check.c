/* test-check.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-check.h"
#include "aushang-test-util.h"

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

  /* Jekyll builds a page without a title or with an empty one (checked
   * with jekyll 4.3.1; see test-jekyll-check): a warning, never an
   * error a site's CI would fail on. */
  g_assert_nonnull (find (missing, "no title"));
  g_assert_cmpint (find (missing, "no title")->severity, ==, AUSHANG_SEVERITY_WARNING);
  g_assert_cmpint (find (empty, "empty")->severity, ==, AUSHANG_SEVERITY_WARNING);
  g_assert_cmpuint (count_errors (missing), ==, 0);
  g_assert_cmpuint (count_errors (empty), ==, 0);
  {
    g_autoptr(GPtrArray) named = check_text ("---\nauthor: A\n---\n", "/site/_posts/2025-11-04-ki-und-ich.md");

    g_assert_nonnull (find (named, "“Ki Und Ich”"));
  }
  g_assert_nonnull (find (empty, "empty"));

  diag = find (boolean, "yes/no");
  g_assert_nonnull (diag);
  g_assert_cmpint (diag->severity, ==, AUSHANG_SEVERITY_WARNING);
  g_assert_cmpuint (diag->line, ==, 2);

  /* Without front matter a post is still rendered (a warning), any other
   * document is copied unrendered (an error). */
  g_assert_nonnull (find (none, "no front matter"));
  g_assert_cmpint (find (none, "no front matter")->severity, ==, AUSHANG_SEVERITY_ERROR);
  {
    g_autoptr(GPtrArray) post = check_text ("Nur Text\n", "/site/_posts/2025-11-04-nur-text.md");

    g_assert_cmpint (find (post, "no front matter")->severity, ==, AUSHANG_SEVERITY_WARNING);
  }
}

/* People pages identified by "name:" in a collection where no document
 * has a title: no warning about titles at all. */
static void
test_title_unused_in_collection (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-check-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[][2] = {
    { "_config.yml", "collections:\n  people:\n    output: true\n  beitraege:\n    output: true\n" },
    { "_people/anna.md", "---\nname: Anna Fuchs\nrole: Leitung\n---\n" },
    { "_people/jan.md", "---\nname: Jan Vogel\nrole: Technik\n---\n" },
    { "_beitraege/mit.md", "---\ntitle: Mit Titel\n---\n" },
    { "_beitraege/ohne.md", "---\nauthor: Anna Fuchs\n---\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i][0], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (path, files[i][1], -1, NULL));
    }

  site = aushang_site_new (folder, &error);
  g_assert_no_error (error);

  for (guint i = 1; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i][0], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
      g_autoptr(GPtrArray) d = NULL;

      g_assert_no_error (error);
      d = aushang_check_document (document, file, site);
      g_test_message ("%s: %u diagnostics", files[i][0], d->len);
      if (g_str_has_prefix (files[i][0], "_people/") || strcmp (files[i][0], "_beitraege/mit.md") == 0)
        g_assert_null (find (d, "title"));
      else
        g_assert_cmpint (find (d, "no title")->severity, ==, AUSHANG_SEVERITY_WARNING);
    }

  aushang_test_delete_path (dir);
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

/* From a staff member's first hour: fields that name other documents
 * (related_post) are recognised from the values the site uses, and one
 * that names no document is a warning. */
static void
test_document_references (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-check-refs-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(AushangDocument) broken = NULL;
  g_autoptr(AushangDocument) good = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) fine = NULL;
  g_autofree char *broken_path = NULL;
  g_autoptr(GFile) broken_file = NULL;
  const char *files[][2] = {
    { "_config.yml", "title: T\ncollections:\n  beitraege:\n    output: true\n" },
    { "_beitraege/ankuendigung.md", "---\ntitle: A\nretrospective_post: rueckblick\nort: Rathaus\n---\n" },
    { "_beitraege/rueckblick.md", "---\ntitle: R\nrelated_post: ankuendigung\nort: Markt\n---\n" },
    { "_beitraege/zweiter.md", "---\ntitle: Z\nrelated_post: gibt-es-nicht\nort: Rathaus\n---\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i][0], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (path, files[i][1], -1, NULL));
    }

  site = aushang_site_new (folder, NULL);
  g_assert_true (aushang_site_key_names_documents (site, "related_post"));
  g_assert_true (aushang_site_key_names_documents (site, "retrospective_post"));
  g_assert_false (aushang_site_key_names_documents (site, "ort"));
  g_assert_false (aushang_site_key_names_documents (site, "title"));

  broken_path = g_build_filename (dir, files[3][0], NULL);
  broken_file = g_file_new_for_path (broken_path);
  broken = aushang_document_new_from_data (files[3][1], strlen (files[3][1]));
  found = aushang_check_document (broken, broken_file, site);
  g_assert_nonnull (find (found, "gibt-es-nicht"));
  g_assert_cmpint (find (found, "gibt-es-nicht")->severity, ==, AUSHANG_SEVERITY_WARNING);
  g_assert_cmpuint (find (found, "gibt-es-nicht")->line, ==, 3);

  good = aushang_document_new_from_data (files[2][1], strlen (files[2][1]));
  fine = aushang_check_document (good, NULL, site);
  g_assert_null (find (fine, "does not exist"));

  aushang_test_delete_path (dir);
}

/* Issue 11: images. Jekyll builds a page whose image is missing, too
 * large or without alt text, so each is a warning, at the image's line
 * and column; other sites' images and examples in code are not checked. */
static void
test_images (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-check-images-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(GPtrArray) d = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big = g_malloc0 (1500000);
  g_autofree char *big_path = g_build_filename (dir, "assets", "gross.jpg", NULL);
  g_autoptr(GFile) file = NULL;
  AushangDiagnostic *diag;
  guint no_alt = 0;
  const char *text =
    "---\n"
    "title: Sommerfest\n"
    "header_image: /assets/fehlt-kopf.jpg\n"
    "bild: /assets/fehlt-feld.png\n"
    "---\n"
    "![Das Fest](/assets/da.jpg)\n"
    "Siehe ![](/assets/da.jpg) oben.\n"
    "![Plakat]({{ '/assets/fehlt-liquid.jpg' | relative_url }})\n"
    "![Plakat]({{ site.baseurl }}/assets/da.jpg)\n"
    "<img src=\"/verein/assets/gross.jpg\" alt=\"Der Saal\">\n"
    "<p><img class=\"rund\" src=\"/assets/da.jpg\"></p>\n"
    "<img src=\"/assets/deko.png\" alt=\"\">\n"
    "![Anderswo](https://example.org/fehlt.jpg)\n"
    "\n"
    "```\n"
    "![](/assets/im-code.jpg)\n"
    "```\n";
  const char *files[][2] = {
    { "_config.yml", "title: T\nbaseurl: /verein\ncollections:\n  beitraege:\n    output: true\n" },
    { "_beitraege/a.md", "---\ntitle: A\nbild: /assets/da.jpg\n---\n" },
    { "_beitraege/b.md", "---\ntitle: B\nbild: /assets/deko.png\n---\n" },
    { "assets/da.jpg", "JPEG" },
    { "assets/deko.png", "PNG" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file_path = g_build_filename (dir, files[i][0], NULL);
      g_autofree char *parent = g_path_get_dirname (file_path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (file_path, files[i][1], -1, NULL));
    }
  g_assert_true (g_file_set_contents (big_path, big, 1500000, NULL));

  site = aushang_site_new (folder, NULL);
  path = g_build_filename (dir, "_beitraege", "fest.md", NULL);
  file = g_file_new_for_path (path);
  document = aushang_document_new_from_data (text, strlen (text));
  d = aushang_check_document (document, file, site);

  for (guint i = 0; i < d->len; i++)
    g_test_message ("%u:%u %s", ((AushangDiagnostic *) g_ptr_array_index (d, i))->line,
                    ((AushangDiagnostic *) g_ptr_array_index (d, i))->column,
                    ((AushangDiagnostic *) g_ptr_array_index (d, i))->message);

  /* Missing: the header image, a field the collection's documents fill
   * with images, and a path behind relative_url. */
  diag = find (d, "“/assets/fehlt-kopf.jpg” does not exist");
  g_assert_nonnull (diag);
  g_assert_cmpuint (diag->line, ==, 3);
  g_assert_cmpstr (diag->key, ==, "header_image");
  diag = find (d, "“/assets/fehlt-feld.png” does not exist");
  g_assert_nonnull (diag);
  g_assert_cmpuint (diag->line, ==, 4);
  g_assert_cmpstr (diag->key, ==, "bild");
  diag = find (d, "fehlt-liquid.jpg' | relative_url }}” does not exist");
  g_assert_nonnull (diag);
  g_assert_cmpuint (diag->line, ==, 8);
  g_assert_cmpuint (diag->column, ==, 1);

  /* Over 1 MB, found through the site's baseurl. */
  diag = find (d, "The image is 1.5");
  g_assert_nonnull (diag);
  g_assert_nonnull (strstr (diag->message, "/verein/assets/gross.jpg"));
  g_assert_cmpuint (diag->line, ==, 10);

  /* No alt text: Markdown (mid-line: its column) and HTML; alt="" is
   * decoration on purpose. */
  diag = find (d, "“/assets/da.jpg” has no description");
  g_assert_nonnull (diag);
  g_assert_cmpuint (diag->line, ==, 7);
  g_assert_cmpuint (diag->column, ==, 7);
  g_assert_nonnull (strstr (diag->message, "square brackets"));
  for (guint i = 0; i < d->len; i++)
    {
      AushangDiagnostic *each = g_ptr_array_index (d, i);

      if (strstr (each->message, "no description") != NULL)
        {
          no_alt++;
          g_assert_null (strstr (each->message, "deko.png"));
          if (each->line == 11)
            {
              g_assert_nonnull (strstr (each->message, "alt=\""));
              g_assert_cmpuint (each->column, ==, 4);
            }
        }
    }
  g_assert_cmpuint (no_alt, ==, 2);

  /* Not ours to judge, and never errors. */
  g_assert_null (find (d, "example.org"));
  g_assert_null (find (d, "im-code"));
  g_assert_null (find (d, "“/assets/da.jpg” does not exist"));
  g_assert_null (find (d, "deko.png"));
  g_assert_cmpuint (count_errors (d), ==, 0);
  g_assert_cmpuint (d->len, ==, 6);

  /* Without a site, alt texts are still checked. */
  plain = check_text ("---\ntitle: A\n---\nText\n![ ](bild.jpg)\n", NULL);
  g_assert_nonnull (find (plain, "“bild.jpg” has no description"));
  g_assert_cmpuint (find (plain, "no description")->line, ==, 5);

  aushang_test_delete_path (dir);
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
  g_test_add_func ("/check/title-unused-in-collection", test_title_unused_in_collection);
  g_test_add_func ("/check/yaml-error-position", test_yaml_error_position);
  g_test_add_func ("/check/warnings", test_warnings);
  g_test_add_func ("/check/bom", test_bom);
  g_test_add_func ("/check/document-references", test_document_references);
  g_test_add_func ("/check/images", test_images);

  return g_test_run ();
}
