/* test-site.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "aushang-test-util.h"
#include "aushang-check.h"
#include "aushang-site.h"

static char *site_dir;

static void
put (const char *relative,
     const char *contents)
{
  g_autofree char *path = g_build_filename (site_dir, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
make_site (void)
{
  g_autoptr(GError) error = NULL;

  site_dir = g_dir_make_tmp ("aushang-site-XXXXXX", &error);
  g_assert_no_error (error);

  put ("_config.yml",
       "title: Testseite\n"
       "timezone: Europe/Berlin\n"
       "collections:\n"
       "  beitraege:\n"
       "    output: true\n"
       "    permalink: /beitraege/:name/\n"
       "  intern:\n");
  put ("_data/team.yml",
       "- name: Maria Gonçalves\n  rolle: Leitung\n"
       "- name: Jörg Müller\n"
       "- name: Aylin Demir\n");
  put ("_data/other.yml", "website: https://example.org\n");
  put ("_beitraege/treffen.md",
       "---\ntitle: Treffen\nauthors: [Maria Gonçalves, Jörg Müller]\ncategories: [Events, KI]\n"
       "date: 2025-11-04\nheader_image: /assets/images/treffen.png\n---\n"
       "Text\n{% include anmeldung.html event=\"treffen-1\" items=\"1,2\" %}\n");
  put ("_beitraege/rueckblick.md",
       "---\ntitle: Rückblick\nauthors:\n  - Maria Gonçalves\ncategories: Events Rückblick\n"
       "date: 2025-11-20 18:00:00 +01:00\n---\n"
       "{% include galerie.html\n   folder=\"treffen\"\n   images=\"a.jpg|Eins,b.jpg\" %}\n"
       "{% include anmeldung.html event=\"x\" %}\n");
  put ("_beitraege/entwurf.md",
       "---\ntitle: Entwurf\nauthors: [Unbekannte Person]\npublished: false\ndate: 2026-01-01\n---\nText\n");
  put ("_beitraege/kaputt.md", "---\ntitle: [kaputt\n---\n");
  put ("_posts/2024-03-01-alt.md", "---\nauthor: Maria Gonçalves\ncategories: [Events]\n---\nText\n");
  put ("de/news/_posts/2023-05-06-nachricht.md", "---\ntitle: Nachricht\n---\nText\n");
  put ("_drafts/idee.md", "---\ntitle: Idee\n---\n");
  put ("_includes/anmeldung.html",
       "{% comment %}Anmeldung: event (Pflicht), items, voucher{% endcomment %}\n"
       "<div data-event=\"{{ include.event }}\" data-items=\"{{ include.items }}\">"
       "{{ include.voucher | default: '' }}</div>\n");
  put ("_includes/galerie.html", "{% assign bilder = include.images | split: ',' %}{{ include.folder }}\n");
  put ("assets/images/treffen.png", "png");
  put ("assets/images/sub/b.JPG", "jpg");
  put ("assets/css/style.css", "body {}");
}

static AushangSite *
open_site (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autoptr(GError) error = NULL;
  AushangSite *site = aushang_site_new (folder, &error);

  g_assert_no_error (error);

  return site;
}

/* The site's time zone, as Jekyll uses it for site.time: at 23:30 UTC on
 * 1 December it is already 2 December in Berlin, where a new event is
 * dated. Without timezone: the computer's. */
static void
test_time_zone (void)
{
  g_autoptr(AushangSite) site = open_site ();
  g_autoptr(GTimeZone) zone = aushang_site_dup_time_zone (site);
  g_autoptr(GTimeZone) local = aushang_site_dup_time_zone (NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 12, 1, 23, 30, 0);
  g_autoptr(GDateTime) there = g_date_time_to_timezone (utc, zone);
  g_autofree char *day = g_date_time_format (there, "%Y-%m-%d");
  g_autoptr(GTimeZone) computer = g_time_zone_new_local ();

  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Berlin");
  g_assert_cmpstr (day, ==, "2026-12-02");
  g_assert_cmpstr (g_time_zone_get_identifier (local), ==, g_time_zone_get_identifier (computer));
}

static void
test_collections (void)
{
  g_autoptr(AushangSite) site = open_site ();
  GPtrArray *collections = aushang_site_get_collections (site);
  AushangCollection *beitraege = aushang_site_get_collection (site, "beitraege");
  AushangCollection *intern = aushang_site_get_collection (site, "intern");
  AushangCollection *posts = aushang_site_get_collection (site, "posts");

  g_assert_cmpuint (collections->len, ==, 4);
  g_assert_nonnull (beitraege);
  g_assert_true (beitraege->output);
  g_assert_true (beitraege->exists);
  g_assert_false (beitraege->dated_names);
  g_assert_cmpstr (beitraege->permalink, ==, "/beitraege/:name/");
  g_assert_nonnull (intern);
  g_assert_false (intern->output);
  g_assert_false (intern->exists);
  g_assert_true (posts->dated_names);
}

static void
test_documents (void)
{
  g_autoptr(AushangSite) site = open_site ();
  GPtrArray *beitraege = aushang_site_get_documents (site, aushang_site_get_collection (site, "beitraege"));
  GPtrArray *posts = aushang_site_get_documents (site, aushang_site_get_collection (site, "posts"));
  GPtrArray *drafts = aushang_site_get_documents (site, aushang_site_get_collection (site, "drafts"));
  AushangSiteDocument *first, *alt;

  g_assert_cmpuint (beitraege->len, ==, 4);
  /* Newest first, the unreadable one (no date) last. */
  first = g_ptr_array_index (beitraege, 0);
  g_assert_cmpstr (first->title, ==, "Entwurf");
  g_assert_true (first->draft);
  g_assert_cmpstr (((AushangSiteDocument *) g_ptr_array_index (beitraege, 1))->title, ==, "Rückblick");
  g_assert_cmpstr (((AushangSiteDocument *) g_ptr_array_index (beitraege, 2))->title, ==, "Treffen");
  g_assert_true (((AushangSiteDocument *) g_ptr_array_index (beitraege, 3))->has_problem);
  g_assert_cmpint (g_date_time_get_hour (((AushangSiteDocument *) g_ptr_array_index (beitraege, 1))->date), ==, 18);

  /* Posts: the nested de/news/_posts counts too; titles from file names. */
  g_assert_cmpuint (posts->len, ==, 2);
  alt = g_ptr_array_index (posts, 0);
  g_assert_cmpstr (alt->title, ==, "Alt");
  g_assert_cmpint (g_date_time_get_year (alt->date), ==, 2024);
  g_assert_cmpstr (((AushangSiteDocument *) g_ptr_array_index (posts, 1))->relative_path, ==,
                   "de/news/_posts/2023-05-06-nachricht.md");

  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_true (((AushangSiteDocument *) g_ptr_array_index (drafts, 0))->draft);

  g_assert_true (aushang_site_get_default_collection (site) == aushang_site_get_collection (site, "beitraege"));
}

static void
test_authors (void)
{
  g_autoptr(AushangSite) site = open_site ();
  GPtrArray *authors = aushang_site_get_authors (site);
  AushangSiteTerm *maria = g_ptr_array_index (authors, 0);
  gboolean found_aylin = FALSE, found_unknown = FALSE;

  g_assert_cmpstr (maria->name, ==, "Maria Gonçalves");
  g_assert_cmpuint (maria->count, ==, 3);
  g_assert_true (maria->from_data);

  for (guint i = 0; i < authors->len; i++)
    {
      AushangSiteTerm *term = g_ptr_array_index (authors, i);

      if (strcmp (term->name, "Aylin Demir") == 0)
        found_aylin = term->from_data && term->count == 0;
      if (strcmp (term->name, "Unbekannte Person") == 0)
        found_unknown = !term->from_data && term->count == 1;
    }
  g_assert_true (found_aylin);
  g_assert_true (found_unknown);
  g_assert_cmpuint (authors->len, ==, 4);
}

static void
test_terms (void)
{
  g_autoptr(AushangSite) site = open_site ();
  g_autoptr(GPtrArray) all = aushang_site_get_terms (site, NULL, "categories");
  g_autoptr(GPtrArray) beitraege = aushang_site_get_terms (site, aushang_site_get_collection (site, "beitraege"), "categories");
  AushangSiteTerm *events = g_ptr_array_index (all, 0);

  g_assert_cmpstr (events->name, ==, "Events");
  g_assert_cmpuint (events->count, ==, 3);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpuint (((AushangSiteTerm *) g_ptr_array_index (beitraege, 0))->count, ==, 2);
}

static void
test_blocks (void)
{
  g_autoptr(AushangSite) site = open_site ();
  GPtrArray *blocks = aushang_site_get_blocks (site);
  AushangBlock *anmeldung = aushang_site_find_block (site, "anmeldung.html");
  AushangBlock *galerie = aushang_site_find_block (site, "galerie.html");

  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_nonnull (anmeldung);
  g_assert_cmpuint (anmeldung->uses, ==, 2);
  g_assert_cmpuint (anmeldung->params->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (anmeldung->params, 0), ==, "event");
  g_assert_cmpstr (g_ptr_array_index (anmeldung->params, 2), ==, "voucher");
  /* Every use passes event; only one passes items. */
  g_assert_cmpuint (anmeldung->required->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (anmeldung->required, 0), ==, "event");
  g_assert_cmpstr (anmeldung->description, ==, "Anmeldung: event (Pflicht), items, voucher");

  g_assert_cmpuint (galerie->uses, ==, 1);
  g_assert_cmpuint (galerie->required->len, ==, 2);
}

static void
test_images (void)
{
  g_autoptr(AushangSite) site = open_site ();
  GPtrArray *images = aushang_site_get_images (site);

  g_assert_cmpuint (images->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (images, 0), ==, "/assets/images/sub/b.JPG");
  g_assert_cmpstr (g_ptr_array_index (images, 1), ==, "/assets/images/treffen.png");
}

static char *
serialize (AushangDocument *document)
{
  g_autoptr(GBytes) bytes = aushang_document_serialize (document);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
test_create_document (void)
{
  g_autoptr(AushangSite) site = open_site ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 12, 1, 10, 0, 0);
  const char *authors[] = { "Maria Gonçalves", NULL };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(AushangDocument) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *relative2 = NULL;
  AushangCollection *beitraege = aushang_site_get_collection (site, "beitraege");

  document = aushang_site_create_document (site, beitraege, "Neues Treffen: Über Daten", date,
                                           authors, TRUE, &file, &error);
  g_assert_no_error (error);
  relative = g_file_get_relative_path (aushang_site_get_folder (site), file);
  g_assert_cmpstr (relative, ==, "_beitraege/neues-treffen-ueber-daten.md");
  g_assert_true (aushang_document_get_modified (document));

  /* The collection's key order: title, authors, …, date. */
  text = serialize (document);
  {
    const char *expected = "---\n"
                           "title: \"Neues Treffen: Über Daten\"\n"
                           "authors: [Maria Gonçalves]\n"
                           "date: 2025-12-01\n"
                           "---\n";
    g_autofree char *head = g_strndup (text, strlen (expected));

    g_assert_cmpstr (head, ==, expected);
  }
  g_assert_nonnull (strstr (text, "{% include anmeldung.html event=\"\" %}"));
  g_assert_nonnull (strstr (text, "### "));

  /* Saved, the next one with the same title never overwrites it. */
  g_assert_true (aushang_document_save_as (document, file, &error));
  g_assert_no_error (error);
  again = aushang_site_create_document (site, beitraege, "Neues Treffen: Über Daten", date,
                                        NULL, FALSE, &second, &error);
  g_assert_no_error (error);
  relative2 = g_file_get_relative_path (aushang_site_get_folder (site), second);
  g_assert_cmpstr (relative2, ==, "_beitraege/neues-treffen-ueber-daten-2.md");
  g_assert_cmpstr (aushang_document_get_body (again), ==, "");

  g_file_delete (file, NULL, NULL);
}

static void
test_create_post (void)
{
  g_autoptr(AushangSite) site = open_site ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 3, 9, 0, 0, 0);
  const char *authors[] = { "Jörg Müller", NULL };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *text = NULL;

  document = aushang_site_create_document (site, aushang_site_get_collection (site, "posts"),
                                           "Straße frei!", date, authors, FALSE, &file, &error);
  g_assert_no_error (error);
  relative = g_file_get_relative_path (aushang_site_get_folder (site), file);
  g_assert_cmpstr (relative, ==, "_posts/2025-03-09-strasse-frei.md");

  /* The posts use "author: Name": a single author stays a string. */
  text = serialize (document);
  g_assert_cmpstr (text, ==, "---\nauthor: Jörg Müller\ntitle: Straße frei!\ndate: 2025-03-09\n---\n");
}

static void
test_not_a_site_and_bad_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("aushang-nosite-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) none = aushang_site_new (folder, &error);
  g_autofree char *config = g_build_filename (dir, "_config.yml", NULL);
  g_autofree char *posts = g_build_filename (dir, "_posts", NULL);
  g_autoptr(AushangSite) bad = NULL;
  guint line = 0;

  g_assert_null (none);
  g_assert_error (error, AUSHANG_SITE_ERROR, AUSHANG_SITE_ERROR_NOT_A_SITE);
  g_clear_error (&error);

  /* Invalid YAML and a collection folder that is a file: a diagnostic,
   * no crash. */
  g_file_set_contents (config, "title: x\ncollections: [a\n", -1, NULL);
  g_file_set_contents (posts, "not a folder", -1, NULL);
  bad = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aushang_site_get_config_error (bad, &line, NULL));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (aushang_site_get_documents (bad, aushang_site_get_collection (bad, "posts"))->len, ==, 0);

  aushang_test_delete_path (dir);
}

static void
test_symlink_loop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("aushang-loop-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "_config.yml", NULL);
  g_autofree char *posts = g_build_filename (dir, "_posts", NULL);
  g_autofree char *loop = g_build_filename (posts, "loop", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;

  g_file_set_contents (config, "title: x\n", -1, NULL);
  g_mkdir (posts, 0755);
  g_assert_cmpint (symlink (posts, loop), ==, 0);
  site = aushang_site_new (folder, NULL);
  g_assert_cmpuint (aushang_site_get_documents (site, aushang_site_get_collection (site, "posts"))->len, ==, 0);

  g_unlink (loop);
  aushang_test_delete_path (dir);
}

/* Real sites have data files that hold no value (empty, or nothing but
 * comments, as tech-events-magdeburg's sponsors.yml); opening such a site
 * used to hang. The site opens in a subprocess with a time limit, so a
 * hang fails. */
static void
test_empty_data_files (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("aushang-empty-data-XXXXXX", NULL);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      g_autoptr(AushangSite) site = NULL;
      g_autoptr(GError) error = NULL;
      const char *files[][2] = {
        { "_config.yml", "# Nur Kommentare\n" },
        { "_data/leer.yml", "" },
        { "_data/sponsoren.yml", "# - name: Firma\n#   url: https://example.org\n" },
        { "_data/bom.yaml", "\xEF\xBB\xBF# Kommentar\n" },
        { "_data/team.yml", "- name: Jörg Müller\n" },
        { "_posts/2024-03-01-hallo.md", "---\ntitle: Hallo\nauthor: Jörg Müller\n---\nText\n" },
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
      g_assert_cmpuint (aushang_site_get_documents (site, aushang_site_get_collection (site, "posts"))->len, ==, 1);
      g_assert_cmpuint (aushang_site_get_authors (site)->len, ==, 1);
      aushang_test_delete_path (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_example_site (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangSite) site = aushang_site_new (folder, &error);
  AushangCollection *beitraege;
  GPtrArray *authors;

  g_assert_no_error (error);
  g_assert_null (aushang_site_get_config_error (site, NULL, NULL));
  beitraege = aushang_site_get_collection (site, "beitraege");
  g_assert_nonnull (beitraege);
  g_assert_false (beitraege->dated_names);
  g_assert_cmpuint (aushang_site_get_documents (site, beitraege)->len, >=, 4);
  g_assert_cmpuint (aushang_site_get_documents (site, aushang_site_get_collection (site, "posts"))->len, >=, 2);
  authors = aushang_site_get_authors (site);
  g_assert_cmpuint (authors->len, >=, 5);
  g_assert_nonnull (aushang_site_find_block (site, "anmeldung.html"));
  g_assert_nonnull (aushang_site_find_block (site, "galerie.html"));
  g_assert_nonnull (aushang_site_find_block (site, "zitat.html"));
  g_assert_nonnull (aushang_site_find_block (site, "button.html"));
  g_assert_nonnull (aushang_site_find_block (site, "video.html"));
  g_assert_cmpuint (aushang_site_get_images (site)->len, >=, 4);
}

/* Collections and data lists are named the way the site names them to its
 * readers: its navigation's link text, else the title of the page at the
 * address, else a readable form of the folder's name. */
static void
test_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("aushang-labels-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;
  const char *files[][2] = {
    { "_config.yml",
      "title: T\nurl: https://labor.example\npermalink: /blog/:year/:title/\n"
      "collections:\n"
      "  beitraege:\n    output: true\n    permalink: /beitraege/:name/\n"
      "  termine:\n    output: true\n    permalink: /:collection/:path/\n"
      "  projekte:\n    output: true\n"
      "  intern:\n    output: false\n"
      "  orte:\n    output: true\n    title: Unsere Orte\n" },
    { "_layouts/default.html",
      "<html><body><header><nav>\n"
      "  <a class=\"x\" href=\"{{ '/beitraege/' | relative_url }}\">\n    Beiträge\n  </a>\n"
      "  <a href=\"{{ site.baseurl }}/veranstaltungen/\">Kalender</a>\n"
      "  <!-- <a href=\"/projekte/\">Alte Projekte</a> -->\n"
      "  <a href=\"/#team\">Team</a>\n"
      "</nav></header>\n"
      "<main><a href=\"/termine/\">Alle Termine ansehen</a>{{ content }}</main></body></html>\n" },
    { "_data/navigation.yml",
      "de:\n  - title: Aktuelles\n    url: https://labor.example/blog/\n"
      "  - title: Projekte & Ideen\n    url: /projekte\n" },
    { "_data/events.yml", "- title: A\n  date: \"2026-01-02\"\n" },
    { "_data/team.yml", "- name: A\n" },
    { "_data/sponsors.yml", "- name: A\n" },
    { "index.html", "---\ntitle: Startseite\n---\n{% for e in site.data.events %}{% endfor %}"
                    "{% for p in site.data.team %}{% endfor %}\n" },
    { "veranstaltungen.html", "---\ntitle: Termine\npermalink: /veranstaltungen/\n---\n"
                              "{% assign t = site.data.events | sort: 'date' %}\n" },
    { "foerderer.md", "---\ntitle: Unsere Förderer\npermalink: /foerderer/\n---\n"
                      "{% for s in site.data['sponsors'] %}{% endfor %}\n" },
    { "termine/index.html", "---\ntitle: Termine im Labor\n---\n" },
    { "_beitraege/a.md", "---\ntitle: A\n---\n" },
    { "_termine/a.md", "---\ntitle: A\n---\n" },
    { "_projekte/a.md", "---\ntitle: A\n---\n" },
    { "_intern/a.md", "---\ntitle: A\n---\n" },
    { "_orte/a.md", "---\ntitle: A\n---\n" },
    { "_posts/2026-01-01-a.md", "---\ntitle: A\n---\n" },
  };
  struct { const char *collection; const char *label; } expected[] = {
    { "beitraege", "Beiträge" },        /* the layout's <nav>, with Liquid in the address */
    { "posts", "Aktuelles" },           /* _data/navigation.yml, with the site's url */
    { "projekte", "Projekte & Ideen" }, /* the commented-out link names nothing */
    { "termine", "Termine im Labor" },  /* no menu link: the index page's title */
    { "orte", "Unsere Orte" },          /* the collection's own title: */
    { "intern", "Intern" },             /* no address: the folder's name */
    { "drafts", "Drafts" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i][0], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (path, files[i][1], -1, NULL));
    }

  site = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *label = aushang_site_dup_collection_label (site,
                                                                  aushang_site_get_collection (site, expected[i].collection));

      g_assert_cmpstr (label, ==, expected[i].label);
    }

  /* Data lists: the menu's text for the page that lists them, else its
   * title; the home page lists everything and names nothing. */
  {
    g_autofree char *events = aushang_site_dup_data_label (site, "events");
    g_autofree char *sponsors = aushang_site_dup_data_label (site, "sponsors");
    g_autofree char *team = aushang_site_dup_data_label (site, "team");

    g_assert_cmpstr (events, ==, "Kalender");
    g_assert_cmpstr (sponsors, ==, "Unsere Förderer");
    g_assert_null (team);
  }

  aushang_test_delete_path (dir);
}

/* Real sites name their collections in their navigation. */
static void
test_labels_corpus (void)
{
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  struct { const char *site; const char *collection; const char *label; } expected[] = {
    /* The links of _includes/header.liquid. */
    { "Brandenburger-Maker__Brandenburger-Maker.github.io", "labs", "Werkstätten" },
    { "Brandenburger-Maker__Brandenburger-Maker.github.io", "projects", "Projekte" },
    /* _includes/menus.html writes "blog", styled in capitals. */
    { "itenium-be__blog-posts", "posts", "Blog" },
    /* The collection's title: in _config.yml. */
    { "netz39__www.netz39.de", "events", "Events" },
  };

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the corpus of real sites is not beside the clone");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GFile) folder = g_file_new_build_filename (corpus, expected[i].site, NULL);
      g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
      AushangCollection *collection = aushang_site_get_collection (site, expected[i].collection);
      g_autofree char *label = NULL;

      g_assert_nonnull (collection);
      label = aushang_site_dup_collection_label (site, collection);
      g_assert_cmpstr (label, ==, expected[i].label);
    }

  /* A data list: the title of the page that lists it. */
  {
    g_autoptr(GFile) folder = g_file_new_build_filename (corpus, "codeformuenster__codeformuenster.github.io", NULL);
    g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
    g_autofree char *presse = aushang_site_dup_data_label (site, "presse");

    g_assert_cmpstr (presse, ==, "Code for Münster in der Presse");
  }
}

/* A key named like one that names documents (related_post beside
 * retrospective_post) names documents too, even when its only value is
 * misspelt: --check warns about it, with its line. */
static void
test_reference_keys_by_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("aushang-references-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = NULL;
  g_autoptr(AushangDocument) review = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GFile) review_file = NULL;
  const char *review_text = "---\ntitle: Rückblick\nort: Markt\nrelated_post: ankuendigun\n---\nText\n";
  const char *files[][2] = {
    { "_config.yml", "title: T\ncollections:\n  beitraege:\n    output: true\n" },
    { "_beitraege/ankuendigung.md", "---\ntitle: A\nretrospective_post: rueckblick\nort: Rathaus\n---\n" },
    { "_beitraege/rueckblick.md", review_text },
  };
  gboolean warned = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i][0], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (path, files[i][1], -1, NULL));
    }

  site = aushang_site_new (folder, &error);
  g_assert_no_error (error);
  g_assert_true (aushang_site_key_names_documents (site, "retrospective_post"));
  g_assert_true (aushang_site_key_names_documents (site, "related_post"));
  g_assert_false (aushang_site_key_names_documents (site, "ort"));

  review_file = g_file_new_build_filename (dir, "_beitraege", "rueckblick.md", NULL);
  review = aushang_document_new_from_data (review_text, strlen (review_text));
  found = aushang_check_document (review, review_file, site);
  for (guint i = 0; i < found->len; i++)
    {
      AushangDiagnostic *diagnostic = g_ptr_array_index (found, i);

      if (strstr (diagnostic->message, "“ankuendigun”") != NULL)
        {
          g_assert_cmpuint (diagnostic->line, ==, 4);
          g_assert_cmpint (diagnostic->severity, ==, AUSHANG_SEVERITY_WARNING);
          warned = TRUE;
        }
    }
  g_assert_true (warned);

  aushang_test_delete_path (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_site ();

  g_test_add_func ("/site/collections", test_collections);
  g_test_add_func ("/site/time-zone", test_time_zone);
  g_test_add_func ("/site/documents", test_documents);
  g_test_add_func ("/site/authors", test_authors);
  g_test_add_func ("/site/terms", test_terms);
  g_test_add_func ("/site/blocks", test_blocks);
  g_test_add_func ("/site/images", test_images);
  g_test_add_func ("/site/create-document", test_create_document);
  g_test_add_func ("/site/create-post", test_create_post);
  g_test_add_func ("/site/not-a-site-and-bad-config", test_not_a_site_and_bad_config);
  g_test_add_func ("/site/symlink-loop", test_symlink_loop);
  g_test_add_func ("/site/empty-data-files", test_empty_data_files);
  g_test_add_func ("/site/example-site", test_example_site);
  g_test_add_func ("/site/labels", test_labels);
  g_test_add_func ("/site/labels-corpus", test_labels_corpus);
  g_test_add_func ("/site/reference-keys-by-name", test_reference_keys_by_name);

  status = g_test_run ();
  aushang_test_delete_path (site_dir);

  return status;
}
