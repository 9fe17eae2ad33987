/* test-links.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-check.h"
#include "aushang-links.h"
#include "aushang-test-util.h"

/* A site in a temporary folder from (path, contents) pairs. */
static char *
make_site (const char * const *files,
           guint               n)
{
  char *dir = g_dir_make_tmp ("aushang-links-XXXXXX", NULL);

  for (guint i = 0; i + 1 < n; i += 2)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_mkdir_with_parents (parent, 0755);
      g_assert_true (g_file_set_contents (path, files[i + 1], -1, NULL));
    }

  return dir;
}

static GFile *
site_file (const char *dir,
           const char *relative)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);

  return g_file_new_for_path (path);
}

static void
test_find (void)
{
  const char *body =
    "Text [eins](/beitraege/eins/) und [zwei](<{{ site.baseurl }}/b/> \"Titel\").\n"
    "![Bild](/assets/a.jpg) [![Bild im Link](/assets/b.jpg)](/beitraege/bild/)\n"
    "`[kein](/code/)` und ``[auch `keiner`](/code2/)``\n"
    "<a class=\"x\" href=\"/html/#teil\">h</a> {% link _posts/2026-01-02-a.md %}\n"
    "[mit Tag]({% post_url 2026-01-02-a %}#ort)\n"
    "\n"
    "```\n"
    "[im Block](/block/)\n"
    "```\n"
    "<!-- [Kommentar](/kommentar/) -->\n"
    "Fußnote[^1] und Ä [ref][r]\n"
    "\n"
    "[r]: {{ '/referenz/' | relative_url }}\n"
    "[^1]: Keine Referenz.\n";
  g_autoptr(GPtrArray) links = aushang_links_find (body);
  const char *expected[] = {
    "/beitraege/eins/", "{{ site.baseurl }}/b/", "/beitraege/bild/",
    "/html/#teil", "{% link _posts/2026-01-02-a.md %}", "{% post_url 2026-01-02-a %}#ort",
    "{{ '/referenz/' | relative_url }}",
  };
  AushangLink *link;

  g_assert_cmpuint (links->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < links->len; i++)
    g_assert_cmpstr (((AushangLink *) g_ptr_array_index (links, i))->target, ==, expected[i]);

  link = g_ptr_array_index (links, 0);
  g_assert_cmpuint (link->line, ==, 1);
  g_assert_cmpuint (link->column, ==, 6);
  link = g_ptr_array_index (links, 4);
  g_assert_cmpuint (link->line, ==, 4);
  g_assert_cmpuint (link->column, ==, 39);
  link = g_ptr_array_index (links, 6);
  g_assert_cmpuint (link->line, ==, 13);
  g_assert_cmpuint (link->column, ==, 1);

  /* Umlauts before and inside a link: its column counts characters. */
  {
    g_autoptr(GPtrArray) more = aushang_links_find ("Über Ärger: [Café öffnet](/café/) und <A HREF=\"/ö/\">x</a>\n");

    g_assert_cmpuint (more->len, ==, 2);
    link = g_ptr_array_index (more, 0);
    g_assert_cmpstr (link->target, ==, "/café/");
    g_assert_cmpuint (link->column, ==, 13);
    link = g_ptr_array_index (more, 1);
    g_assert_cmpstr (link->target, ==, "/ö/");
  }
}

static const char *site_files[] = {
  "_config.yml",
  "title: T\nbaseurl: /verein\npermalink: /blog/:year/:month/:title/\n"
  "plugins:\n  - jekyll-feed\n"
  "collections:\n  beitraege:\n    output: true\n    permalink: /beitraege/:name/\n",
  "_posts/2026-01-02-hallo-welt.md",
  "---\ntitle: Hallo &amp; Welt\n---\n"
  "## Anmeldung & Ort\n### Über uns\n## Über uns\n## Ort und Zeit {#ortzeit}\n## 2026: Was kommt?\n"
  "<a id=\"anker1\"></a> <a name=\"anker2\">x</a>\n\n"
  "Absatz\n{: #absatz}\n\n"
  "[hier](#anmeldung--ort) [weg](#anmeldung) [oben](#top)\n",
  "_beitraege/repair-cafe.md",
  "---\ntitle: Repair-Café\nredirect_from: /alt/repair/\n---\n## Ablauf\n\n"
  "[Hallo]({% post_url 2026-01-02-hallo-welt %}) [Hallo 2]({% post_url 2026-01-02-hallo-welt %})\n",
  "_beitraege/entwurf.md",
  "---\ntitle: Entwurf\npublished: false\n---\n",
  "impressum.md",
  "---\ntitle: Impressum\n---\n# Kontakt\n",
  "index.md",
  "---\ntitle: Start\n---\nWillkommen\n",
  "ueber/index.html",
  "---\ntitle: Über uns\n---\n<h2 id=\"team\">Team</h2>\n",
  "alt.html",
  "<html><body><p id=\"statisch\">x</p></body></html>\n",
  "_layouts/default.html",
  "<html><body><main id=\"inhalt\">{{ content }}</main></body></html>\n",
  "assets/Plan 2026.pdf",
  "PDF",
  "assets/css/style.scss",
  "---\n---\nbody {}\n",
};

static void
test_check (void)
{
  g_autofree char *dir = make_site (site_files, G_N_ELEMENTS (site_files));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  g_autoptr(GFile) post = site_file (dir, "_posts/2026-01-02-hallo-welt.md");
  g_autoptr(GFile) repair = site_file (dir, "_beitraege/repair-cafe.md");
  const char *body = "## Anmeldung & Ort\n\n[a](#anmeldung--ort)\n";
  struct {
    const char        *target;
    AushangLinkResult  result;
    const char        *words;
  } cases[] = {
    /* Addresses as Jekyll builds them (checked with jekyll 4.3.1). */
    { "/blog/2026/01/hallo-welt/", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/index.html", AUSHANG_LINK_OK, NULL },
    { "/verein/blog/2026/01/hallo-welt/", AUSHANG_LINK_OK, NULL },
    { "{{ site.baseurl }}/beitraege/repair-cafe/", AUSHANG_LINK_OK, NULL },
    { "{{ '/beitraege/repair-cafe/' | relative_url }}", AUSHANG_LINK_OK, NULL },
    { "{{ site.url }}{{ site.baseurl }}/impressum/", AUSHANG_LINK_OK, NULL },
    { "/impressum/", AUSHANG_LINK_OK, NULL },
    { "/impressum", AUSHANG_LINK_OK, NULL },
    { "/ueber", AUSHANG_LINK_OK, NULL },
    { "/ueber/index.html", AUSHANG_LINK_OK, NULL },
    { "/ueber/", AUSHANG_LINK_OK, NULL },
    { "/alt.html#statisch", AUSHANG_LINK_OK, NULL },
    { "/assets/Plan%202026.pdf", AUSHANG_LINK_OK, NULL },
    { "/assets/css/style.css", AUSHANG_LINK_OK, NULL },
    { "/feed.xml", AUSHANG_LINK_OK, NULL },
    { "/alt/repair/", AUSHANG_LINK_OK, NULL },
    { "/verein", AUSHANG_LINK_OK, NULL },
    { "https://example.org/gibt-es-nicht/", AUSHANG_LINK_OK, NULL },
    { "//example.org/x/", AUSHANG_LINK_OK, NULL },
    { "mailto:info@example.org", AUSHANG_LINK_OK, NULL },
    { "{{ page.url }}", AUSHANG_LINK_OK, NULL },
    { "{% link _beitraege/repair-cafe.md %}", AUSHANG_LINK_OK, NULL },
    { "{% post_url 2026-01-02-hallo-welt %}#ortzeit", AUSHANG_LINK_OK, NULL },
    /* Sections: kramdown's ids (GFM input, as Jekyll's default). */
    { "/blog/2026/01/hallo-welt/#anmeldung--ort", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/#über-uns-1", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/#%C3%BCber-uns", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/#2026-was-kommt", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/#anker1", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/#anker2", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/#absatz", AUSHANG_LINK_OK, NULL },
    { "/blog/2026/01/hallo-welt/#inhalt", AUSHANG_LINK_OK, NULL },
    { "/ueber/#team", AUSHANG_LINK_OK, NULL },
    { "#anmeldung--ort", AUSHANG_LINK_OK, NULL },
    { "#top", AUSHANG_LINK_OK, NULL },
    /* Broken. */
    { "/beitraege/gibt-es-nicht/", AUSHANG_LINK_NO_PAGE, "“/beitraege/gibt-es-nicht/” leads to no page" },
    { "/beitraege/entwurf/", AUSHANG_LINK_NO_PAGE, "leads to no page" },
    { "{{ site.baseurl }}/impresum/", AUSHANG_LINK_NO_PAGE, "leads to no page" },
    { "/sitemap.xml", AUSHANG_LINK_NO_PAGE, "leads to no page" },
    /* jekyll 4.3.1 writes impressum/index.html (the site's permalink
     * ends in "/") and ueber/index.html: a server finds neither at the
     * other form. */
    { "/impressum.html", AUSHANG_LINK_NO_PAGE, "the page it means is at “/impressum/”" },
    { "/ueber.html", AUSHANG_LINK_NO_PAGE, "the page it means is at “/ueber/”" },
    { "example.org/kontakt", AUSHANG_LINK_NO_PAGE, "“example.org/kontakt” lacks “https://”" },
    { "Titel statt Adresse", AUSHANG_LINK_NO_PAGE, "leads to no page" },
    { "info@example.org", AUSHANG_LINK_NO_PAGE, "Write mailto:info@example.org." },
    /* The same name under another date: named. */
    { "/blog/2025/12/hallo-welt/", AUSHANG_LINK_NO_PAGE,
      "Did you mean “Hallo & Welt” at “/blog/2026/01/hallo-welt/”?" },
    { "/blog/2026/01/hallo-welt/#ort-und-zeit", AUSHANG_LINK_NO_SECTION,
      "The page “Hallo & Welt” has no section “#ort-und-zeit”" },
    { "{% post_url 2026-01-02-hallo-welt %}#fehlt", AUSHANG_LINK_NO_SECTION, "“Hallo & Welt” has no section “#fehlt”" },
    { "#anmeldung", AUSHANG_LINK_NO_SECTION, "There is no section “#anmeldung” on this page" },
    { "{% link _beitraege/fehlt.md %}", AUSHANG_LINK_NO_DOCUMENT, "no file “_beitraege/fehlt.md”" },
    /* jekyll 4.3.1 writes /verein/verein/beitraege/repair-cafe/ for this. */
    { "{{ site.baseurl }}{% link _beitraege/repair-cafe.md %}", AUSHANG_LINK_NO_PAGE,
      "base address twice (“/verein/verein/…”)" },
    { "{% post_url 2026-01-03-fehlt %}", AUSHANG_LINK_NO_DOCUMENT, "no post “2026-01-03-fehlt”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      AushangLinkResult result = aushang_site_check_link (site, cases[i].target, repair, body, &message);

      g_test_message ("%s: %s", cases[i].target, message ? message : "ok");
      g_assert_cmpint (result, ==, cases[i].result);
      if (cases[i].words != NULL)
        g_assert_nonnull (strstr (message, cases[i].words));
      else
        g_assert_null (message);
    }

  /* Relative addresses go from the page's own address
   * (/blog/2026/01/hallo-welt/). */
  g_assert_cmpint (aushang_site_check_link (site, "../../../../impressum/", post, NULL, NULL), ==, AUSHANG_LINK_OK);
  g_assert_cmpint (aushang_site_check_link (site, "../../../../fehlt.html", post, NULL, NULL), ==, AUSHANG_LINK_NO_PAGE);
  g_assert_cmpint (aushang_site_check_link (site, "../_beitraege/repair-cafe.md", post, NULL, NULL), ==, AUSHANG_LINK_OK);

  /* A page saved meanwhile is read again. */
  g_assert_cmpint (aushang_site_check_link (site, "/ueber/#neu", post, NULL, NULL), ==, AUSHANG_LINK_NO_SECTION);
  {
    g_autofree char *ueber = g_build_filename (dir, "ueber", "index.html", NULL);

    g_assert_true (g_file_set_contents (ueber, "---\ntitle: Über uns\n---\n<h2 id=\"neu\">Neu</h2>\n", -1, NULL));
  }
  g_assert_cmpint (aushang_site_check_link (site, "/ueber/#neu", post, NULL, NULL), ==, AUSHANG_LINK_OK);
}

static void
test_check_document (void)
{
  g_autofree char *dir = make_site (site_files, G_N_ELEMENTS (site_files));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  g_autoptr(GFile) file = site_file (dir, "_beitraege/neu.md");
  const char *text =
    "---\n"
    "title: Neu\n"
    "booking_url: /anmeldung/\n"
    "more_link: /impressum/#kontakt\n"
    "info_url: /impressum.html#kontakt\n"
    "---\n"
    "## Ablauf\n"
    "Siehe [Ablauf](#ablauf) und [Anmeldung](#anmeldung).\n"
    "Das [Café](/beitraege/repair-cafe/#ablauf) und das [alte](/beitraege/repair-caffe/).\n"
    "<a href=\"{% link _beitraege/weg.md %}\">weg</a>\n"
    "`[im Code](/nirgends/)`\n";
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (text, strlen (text));
  g_autoptr(GPtrArray) d = aushang_check_document (document, file, site);
  struct { guint line, column; AushangSeverity severity; const char *key; const char *words; } expected[] = {
    { 3, 1, AUSHANG_SEVERITY_WARNING, "booking_url", "“/anmeldung/” leads to no page" },
    { 5, 1, AUSHANG_SEVERITY_WARNING, "info_url", "the page it means is at “/impressum/”" },
    { 8, 29, AUSHANG_SEVERITY_WARNING, NULL, "no section “#anmeldung” on this page" },
    { 9, 52, AUSHANG_SEVERITY_WARNING, NULL, "“/beitraege/repair-caffe/” leads to no page" },
    { 10, 1, AUSHANG_SEVERITY_ERROR, NULL, "no file “_beitraege/weg.md”" },
  };
  guint n = 0;

  for (guint i = 0; i < d->len; i++)
    {
      AushangDiagnostic *diagnostic = g_ptr_array_index (d, i);

      g_test_message ("%u:%u %s", diagnostic->line, diagnostic->column, diagnostic->message);
      if (strstr (diagnostic->message, "link") == NULL && strstr (diagnostic->message, "section") == NULL &&
          strstr (diagnostic->message, "file “") == NULL)
        continue;
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpuint (diagnostic->line, ==, expected[n].line);
      g_assert_cmpuint (diagnostic->column, ==, expected[n].column);
      g_assert_cmpint (diagnostic->severity, ==, expected[n].severity);
      g_assert_cmpstr (diagnostic->key, ==, expected[n].key);
      g_assert_nonnull (strstr (diagnostic->message, expected[n].words));
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
}

static void
test_style (void)
{
  const char *post_url_site[] = {
    "_config.yml", "title: T\ncollections:\n  beitraege:\n    output: true\n    permalink: /beitraege/:name/\n",
    "_posts/2026-01-02-a.md", "---\ntitle: A\n---\n[b]({% post_url 2026-01-03-b %}) [c]({% link _beitraege/c.md %})\n",
    "_posts/2026-01-03-b.md", "---\ntitle: B\n---\n[a]({% post_url 2026-01-02-a %}) [x](/beitraege/c/)\n",
    "_beitraege/c.md", "---\ntitle: C\n---\n",
  };
  const char *path_site[] = {
    "_config.yml", "title: T\nbaseurl: /verein\ncollections:\n  beitraege:\n    output: true\n    permalink: /beitraege/:name/\n",
    "_beitraege/a.md", "---\ntitle: A\n---\n[c](/verein/beitraege/c/) [d](/verein/beitraege/d/) [pdf](/assets/x.pdf)\n",
    "_beitraege/b.md", "---\ntitle: B\n---\n[c]({{ site.baseurl }}/beitraege/c/)\n",
    "_beitraege/c.md", "---\ntitle: C\n---\n",
  };
  const char *baseurl_site[] = {
    "_config.yml", "title: T\nbaseurl: /verein\n",
    "_posts/2026-01-02-a.md", "---\ntitle: A\n---\n[b]({{ site.baseurl }}/2026/01/03/b.html) [c]({{ site.baseurl }}/ueber/)\n",
    "_posts/2026-01-03-b.md", "---\ntitle: B\n---\n[a](/2026/01/02/a.html)\n",
    "ueber.md", "---\ntitle: Über\n---\n## Wer wir sind\n\n## Kontakt {#mail}\n",
  };
  g_autofree char *one = make_site (post_url_site, G_N_ELEMENTS (post_url_site));
  g_autofree char *two = make_site (path_site, G_N_ELEMENTS (path_site));
  g_autofree char *three = make_site (baseurl_site, G_N_ELEMENTS (baseurl_site));
  g_autoptr(GFile) folder_one = g_file_new_for_path (one);
  g_autoptr(GFile) folder_two = g_file_new_for_path (two);
  g_autoptr(GFile) folder_three = g_file_new_for_path (three);
  g_autoptr(AushangSite) site_one = aushang_site_new (folder_one, NULL);
  g_autoptr(AushangSite) site_two = aushang_site_new (folder_two, NULL);
  g_autoptr(AushangSite) site_three = aushang_site_new (folder_three, NULL);
  g_autoptr(GFile) a = site_file (one, "_posts/2026-01-02-a.md");
  g_autoptr(GFile) c = site_file (one, "_beitraege/c.md");
  g_autoptr(GFile) c_two = site_file (two, "_beitraege/c.md");
  g_autoptr(GFile) b_three = site_file (three, "_posts/2026-01-03-b.md");
  g_autoptr(GFile) ueber = site_file (three, "ueber.md");
  g_autofree char *link_a = NULL, *link_c = NULL, *link_c_two = NULL, *link_b = NULL, *link_ueber = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  GPtrArray *targets;
  AushangLinkSection *section;
  guint found = 0;

  g_assert_cmpint (aushang_site_get_link_style (site_one), ==, AUSHANG_LINK_STYLE_LINK_TAG);
  link_a = aushang_site_dup_link (site_one, a, NULL);
  g_assert_cmpstr (link_a, ==, "{% post_url 2026-01-02-a %}");
  link_c = aushang_site_dup_link (site_one, c, "ort");
  g_assert_cmpstr (link_c, ==, "{% link _beitraege/c.md %}#ort");

  g_assert_cmpint (aushang_site_get_link_style (site_two), ==, AUSHANG_LINK_STYLE_PATH);
  link_c_two = aushang_site_dup_link (site_two, c_two, NULL);
  g_assert_cmpstr (link_c_two, ==, "/verein/beitraege/c/");

  g_assert_cmpint (aushang_site_get_link_style (site_three), ==, AUSHANG_LINK_STYLE_BASEURL);
  link_b = aushang_site_dup_link (site_three, b_three, NULL);
  g_assert_cmpstr (link_b, ==, "{{ site.baseurl }}/2026/01/03/b.html");
  link_ueber = aushang_site_dup_link (site_three, ueber, "mail");
  g_assert_cmpstr (link_ueber, ==, "{{ site.baseurl }}/ueber.html#mail");

  sections = aushang_site_dup_sections (site_three, ueber);
  g_assert_cmpuint (sections->len, ==, 2);
  section = g_ptr_array_index (sections, 0);
  g_assert_cmpstr (section->id, ==, "wer-wir-sind");
  g_assert_cmpstr (section->title, ==, "Wer wir sind");
  g_assert_cmpuint (section->level, ==, 2);
  section = g_ptr_array_index (sections, 1);
  g_assert_cmpstr (section->id, ==, "mail");
  g_assert_cmpstr (section->title, ==, "Kontakt");

  /* Documents and pages to pick from, newest first. */
  targets = aushang_site_get_link_targets (site_three);
  g_assert_cmpuint (targets->len, ==, 3);
  g_assert_cmpstr (((AushangLinkTarget *) g_ptr_array_index (targets, 0))->title, ==, "B");
  g_assert_cmpstr (((AushangLinkTarget *) g_ptr_array_index (targets, 2))->title, ==, "Über");
  for (guint i = 0; i < targets->len; i++)
    if (aushang_link_target_matches (g_ptr_array_index (targets, i), "üBER"))
      found++;
  g_assert_cmpuint (found, ==, 1);

  aushang_test_delete_path (one);
  aushang_test_delete_path (two);
  aushang_test_delete_path (three);
}

/* An entry of a data list whose link field leads to a page that is
 * there, but not to its section: a warning on that field. */
static void
test_data_entry (void)
{
  g_autofree char *dir = make_site (site_files, G_N_ELEMENTS (site_files));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  const char *text =
    "- title: A\n"
    "  date: 2026-05-01\n"
    "  booking_url: /beitraege/repair-cafe/#ablauf\n"
    "- title: B\n"
    "  date: 2026-05-02\n"
    "  booking_url: /beitraege/repair-cafe/#anmeldung\n"
    "- title: C\n"
    "  date: 2026-05-03\n"
    "  booking_url: /impressum.html\n";
  g_autoptr(AushangDataFile) events = aushang_data_file_new_from_data ("events.yml", text, strlen (text));
  g_autoptr(GPtrArray) found = aushang_check_data_file (events, site);
  guint n = 0;

  for (guint i = 0; i < found->len; i++)
    {
      AushangDiagnostic *diagnostic = g_ptr_array_index (found, i);

      g_test_message ("%u: %s", diagnostic->line, diagnostic->message);
      if (g_strcmp0 (diagnostic->key, "booking_url") != 0)
        continue;
      if (n == 0)
        {
          g_assert_cmpuint (diagnostic->line, ==, 6);
          g_assert_nonnull (strstr (diagnostic->message, "“Repair-Café” has no section “#anmeldung”"));
        }
      else
        {
          g_assert_cmpuint (diagnostic->line, ==, 9);
          g_assert_nonnull (strstr (diagnostic->message, "at “/impressum/”"));
        }
      n++;
    }
  g_assert_cmpuint (n, ==, 2);

  aushang_test_delete_path (dir);
}

/* A _config.yml Jekyll cannot read (a Ruby symbol): no addresses are
 * known, so links are not judged (the config's error is reported). */
static void
test_unreadable_config (void)
{
  const char *files[] = {
    "_config.yml", "title: T\nsass:\n  style: :compressed\npermalink: /blog/:title.html\n",
    "_posts/2014-12-15-hamburg.md", "---\ntitle: A\n---\n[b](/blog/hamburg.html)\n",
  };
  g_autofree char *dir = make_site (files, G_N_ELEMENTS (files));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  g_autoptr(GFile) post = site_file (dir, "_posts/2014-12-15-hamburg.md");

  g_assert_nonnull (aushang_site_get_config_error (site, NULL, NULL));
  g_assert_cmpint (aushang_site_check_link (site, "/blog/hamburg.html", post, NULL, NULL), ==, AUSHANG_LINK_OK);
  g_assert_cmpint (aushang_site_check_link (site, "#fehlt", post, "Text\n", NULL), ==, AUSHANG_LINK_NO_SECTION);
  g_assert_cmpint (aushang_site_check_link (site, "www.example.org", post, NULL, NULL), ==, AUSHANG_LINK_NO_PAGE);

  aushang_test_delete_path (dir);
}

/* Pages end in "/" where the site's permalink does (jekyll 4.3.1:
 * permalink /:year/:title/ or pretty makes blog.md blog/index.html;
 * date or /:title:output_ext blog.html). */
static void
test_page_suffix (void)
{
  const char *styles[][2] = {
    { "/:categories/:year/:month/:day/:title/", "/blog/" },
    { "pretty", "/blog/" },
    { "date", "/blog.html" },
    { "/:title:output_ext", "/blog.html" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *config = g_strdup_printf ("title: T\npermalink: \"%s\"\n", styles[i][0]);
      const char *files[] = { "_config.yml", config, "blog.md", "---\ntitle: Blog\n---\n" };
      g_autofree char *dir = make_site (files, G_N_ELEMENTS (files));
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
      g_autoptr(GFile) blog = site_file (dir, "blog.md");
      g_autofree char *url = aushang_site_dup_url (site, blog);

      g_assert_cmpstr (url, ==, styles[i][1]);
      g_assert_cmpint (aushang_site_check_link (site, styles[i][1], NULL, NULL, NULL), ==, AUSHANG_LINK_OK);
      aushang_test_delete_path (dir);
    }
}

/* Posts in de/news/_posts have the categories de and news first (jekyll
 * 4.3.1: de/news/extra/2013/05/14/a/index.html with categories: [Extra]). */
static void
test_post_categories (void)
{
  const char *files[] = {
    "_config.yml", "title: T\npermalink: pretty\n",
    "de/news/_posts/2013-05-14-a.md", "---\ntitle: A\ncategories: [Extra, news]\n---\n",
    "de/news/_posts/2013-05-14-b.md", "---\ntitle: B\n---\n[a](/de/news/extra/2013/05/14/a/)\n",
  };
  g_autofree char *dir = make_site (files, G_N_ELEMENTS (files));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  g_autoptr(GFile) a = site_file (dir, "de/news/_posts/2013-05-14-a.md");
  g_autoptr(GFile) b = site_file (dir, "de/news/_posts/2013-05-14-b.md");
  g_autofree char *url_a = aushang_site_dup_url (site, a);
  g_autofree char *url_b = aushang_site_dup_url (site, b);

  g_assert_cmpstr (url_a, ==, "/de/news/extra/2013/05/14/a/");
  g_assert_cmpstr (url_b, ==, "/de/news/2013/05/14/b/");
  g_assert_cmpint (aushang_site_check_link (site, "/de/news/extra/2013/05/14/a/", b, NULL, NULL), ==, AUSHANG_LINK_OK);

  aushang_test_delete_path (dir);
}

static void
test_example_site (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  g_autoptr(GFile) post = g_file_get_child (folder, "_posts/2026-04-17-neuer-lasercutter.md");
  g_autoptr(GFile) beitrag = g_file_get_child (folder, "_beitraege/repair-cafe-im-labor.md");
  g_autofree char *post_link = NULL;
  g_autofree char *beitrag_link = NULL;
  GPtrArray *targets;
  gboolean has_page = FALSE;

  g_assert_nonnull (site);
  /* The example's documents link to nothing of their own: the default. */
  g_assert_cmpint (aushang_site_get_link_style (site), ==, AUSHANG_LINK_STYLE_PATH);
  post_link = aushang_site_dup_link (site, post, NULL);
  g_assert_cmpstr (post_link, ==, "/blog/2026/04/neuer-lasercutter/");
  beitrag_link = aushang_site_dup_link (site, beitrag, "anmeldung");
  g_assert_cmpstr (beitrag_link, ==, "/beitraege/repair-cafe-im-labor/#anmeldung");

  targets = aushang_site_get_link_targets (site);
  for (guint i = 0; i < targets->len; i++)
    {
      AushangLinkTarget *target = g_ptr_array_index (targets, i);

      g_assert_nonnull (target->url);
      if (g_strcmp0 (target->url, "/veranstaltungen/") == 0 && g_strcmp0 (target->title, "Veranstaltungen") == 0)
        has_page = TRUE;
    }
  g_assert_true (has_page);
  g_assert_cmpint (aushang_site_check_link (site, "/beitraege/repair-cafe-im-labor/", post, NULL, NULL), ==, AUSHANG_LINK_OK);
  g_assert_cmpint (aushang_site_check_link (site, "/beitraege/repair-cafe/", post, NULL, NULL), ==, AUSHANG_LINK_NO_PAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/links/find", test_find);
  g_test_add_func ("/links/check", test_check);
  g_test_add_func ("/links/check-document", test_check_document);
  g_test_add_func ("/links/style", test_style);
  g_test_add_func ("/links/data-entry", test_data_entry);
  g_test_add_func ("/links/unreadable-config", test_unreadable_config);
  g_test_add_func ("/links/page-suffix", test_page_suffix);
  g_test_add_func ("/links/post-categories", test_post_categories);
  g_test_add_func ("/links/example-site", test_example_site);

  return g_test_run ();
}
