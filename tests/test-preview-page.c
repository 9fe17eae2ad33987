/* test-preview-page.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-document.h"
#include "aushang-data-file.h"
#include "aushang-preview-page.h"

static AushangDocument *
document_new (const char *text)
{
  return aushang_document_new_from_data (text, strlen (text));
}

static char *
render_page (const char *text,
             const char *language,
             const char *prefix)
{
  g_autoptr(AushangDocument) document = document_new (text);
  AushangPreviewOptions options = { prefix, NULL, language };

  return aushang_preview_page_render (document, &options);
}

/* The text between <tag ... id="ID" ...> and the next </tag>. */
static char *
dup_element (const char *html,
             const char *id)
{
  g_autofree char *needle = g_strdup_printf ("id=\"%s\"", id);
  const char *start = strstr (html, needle);
  const char *content, *end, *open;
  g_autofree char *close = NULL;

  g_assert_nonnull (start);
  for (open = start; open > html && *open != '<'; open--)
    ;
  close = g_strdup_printf ("</%.*s>", (int) strcspn (open + 1, " >"), open + 1);
  content = strchr (start, '>') + 1;
  end = strstr (content, close);
  g_assert_nonnull (end);

  return g_strndup (content, end - content);
}

static void
test_shell (void)
{
  g_autofree char *html = render_page ("---\ntitle: Hallo\n---\nText\n", "de", NULL);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n"
                                         "<meta charset=\"utf-8\">\n"));
  g_assert_nonnull (strstr (html,
                            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                            "img-src aushang-site: data: https: http:; style-src 'unsafe-inline' "
                            "aushang-site:; font-src aushang-site: data:; media-src aushang-site: "
                            "https:; frame-src https:\">"));
  g_assert_null (strstr (html, "script-src"));
  g_assert_nonnull (strstr (html, "<title>Hallo</title>"));
  g_assert_nonnull (strstr (html, "<header id=\"aushang-header\">"));
  g_assert_nonnull (strstr (html, "<article id=\"aushang-body\">\n<p>Text</p>\n</article>"));
  g_assert_nonnull (strstr (html, "prefers-color-scheme: dark"));
}

static void
test_escaped_title (void)
{
  g_autofree char *html = render_page ("---\n"
                                       "title: '<script>alert(1)</script> & \"x\"'\n"
                                       "teaser: \"<b>fett</b>\"\n"
                                       "---\n"
                                       "Text\n",
                                       "de", NULL);
  g_autofree char *title = dup_element (html, "aushang-title");
  g_autofree char *teaser = dup_element (html, "aushang-teaser");

  g_assert_cmpstr (title, ==, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;");
  g_assert_cmpstr (teaser, ==, "&lt;b&gt;fett&lt;/b&gt;");
  g_assert_nonnull (strstr (html, "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>"));
  g_assert_null (strstr (html, "<script"));
}

static void
test_dates (void)
{
  struct { const char *yaml, *language, *expected; } cases[] = {
    { "date: 2025-11-04", "de", "4. November 2025" },
    { "date: 2025-11-04", "en", "November 4, 2025" },
    { "date: 2025-03-01", "de_DE", "1. März 2025" },
    { "date: 2025-11-04 16:30:00 +01:00", "de", "4. November 2025, 16:30" },
    { "date: 2025-11-04 09:05:00", "en", "November 4, 2025, 09:05" },
    { "date: \"2025-12-24\"", "de", "24. Dezember 2025" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("---\ntitle: T\n%s\n---\n", cases[i].yaml);
      g_autofree char *html = render_page (text, cases[i].language, NULL);
      g_autofree char *meta = dup_element (html, "aushang-meta");
      g_autofree char *expected = g_strdup_printf ("<span class=\"aushang-meta-item aushang-date\">%s</span>",
                                                   cases[i].expected);

      g_assert_cmpstr (meta, ==, expected);
    }
}

static void
test_authors_and_categories (void)
{
  g_autofree char *list = render_page ("---\n"
                                       "title: T\n"
                                       "authors:\n  - Maria Gonçalves\n  - Jan Ö\n  - Ada & Co\n"
                                       "categories:\n  - KI und Zivilgesellschaft\n"
                                       "tags: meetup ki\n"
                                       "---\n",
                                       "de", NULL);
  g_autofree char *single = render_page ("---\ntitle: T\nauthor: \"Maria Gonçalves\"\n---\n", "en", NULL);
  g_autofree char *two = render_page ("---\ntitle: T\nauthors: [Ada, Bob]\n---\n", "en", NULL);
  g_autofree char *meta = dup_element (list, "aushang-meta");
  g_autofree char *single_meta = dup_element (single, "aushang-meta");
  g_autofree char *two_meta = dup_element (two, "aushang-meta");

  g_assert_cmpstr (meta, ==,
                   "<span class=\"aushang-meta-item aushang-authors\">"
                   "Maria Gonçalves, Jan Ö und Ada &amp; Co</span>"
                   "<span class=\"aushang-meta-item aushang-categories\">"
                   "<span class=\"aushang-pill aushang-category\">KI und Zivilgesellschaft</span>"
                   "<span class=\"aushang-pill aushang-tag\">meetup</span>"
                   "<span class=\"aushang-pill aushang-tag\">ki</span></span>");
  g_assert_cmpstr (single_meta, ==,
                   "<span class=\"aushang-meta-item aushang-authors\">Maria Gonçalves</span>");
  g_assert_cmpstr (two_meta, ==, "<span class=\"aushang-meta-item aushang-authors\">Ada and Bob</span>");
}

static void
test_site_paths (void)
{
  g_autofree char *html = render_page ("---\n"
                                       "title: Bilder\n"
                                       "header_image: \"/assets/images/ki.png\"\n"
                                       "---\n"
                                       "![Saal](/assets/images/saal.jpg)\n"
                                       "[Anmeldung]({{ site.baseurl }}/anmeldung/) und "
                                       "[extern](https://example.org/x) und [Protokoll](//cdn.example.org/a.png)\n"
                                       "\n"
                                       "<img src=\"{{ site.baseurl }}/assets/logo.svg\" alt=\"\">\n",
                                       "de", "aushang-site:///");
  g_autofree char *header = dup_element (html, "aushang-header");
  g_autofree char *unchanged = render_page ("---\nheader_image: /assets/images/ki.png\n---\n", "de", NULL);

  g_assert_true (g_str_has_prefix (header,
                                   "\n<img class=\"aushang-header-image\" "
                                   "src=\"aushang-site:///assets/images/ki.png\" alt=\"\">\n"));
  g_assert_nonnull (strstr (html, "<img src=\"aushang-site:///assets/images/saal.jpg\" alt=\"Saal\" />"));
  g_assert_nonnull (strstr (html, "<a href=\"aushang-site:///anmeldung/\">Anmeldung</a>"));
  g_assert_nonnull (strstr (html, "<a href=\"https://example.org/x\">extern</a>"));
  g_assert_nonnull (strstr (html, "<a href=\"//cdn.example.org/a.png\">Protokoll</a>"));
  g_assert_nonnull (strstr (html, "<img src=\"aushang-site:///assets/logo.svg\" alt=\"\">"));
  g_assert_nonnull (strstr (unchanged, "src=\"/assets/images/ki.png\""));
}

static void
test_example_post (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR") ? g_getenv ("AUSHANG_SOURCE_DIR") : ".",
                                            "..", "shared", "examples",
                                            "ki-und-soziale-innovationen.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  g_autofree char *meta = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("the example post is not beside the clone");
      return;
    }

  html = render_page (text, "de", "aushang-site:///");
  title = dup_element (html, "aushang-title");
  meta = dup_element (html, "aushang-meta");

  g_assert_cmpstr (title, ==, "KI und Soziale Innovationen: Wie KI für das Gemeinwohl "
                              "sozial-innovativ eingesetzt werden kann.");
  g_assert_cmpstr (meta, ==,
                   "<span class=\"aushang-meta-item aushang-date\">4. November 2025</span>"
                   "<span class=\"aushang-meta-item aushang-authors\">Maria Gonçalves</span>"
                   "<span class=\"aushang-meta-item aushang-categories\">"
                   "<span class=\"aushang-pill aushang-category\">KI und Zivilgesellschaft</span></span>");
  g_assert_nonnull (strstr (html, "src=\"aushang-site:///assets/images/ki.png\""));
  g_assert_nonnull (strstr (html, "<h3 id=\"ort-und-zeit\">Ort und Zeit</h3>"));
  g_assert_nonnull (strstr (html, "<h3 id=\"info-zur-meetup-reihe\">Info zur MeetUp-Reihe</h3>"));
  g_assert_nonnull (strstr (html, "<div class=\"aushang-block\" data-tag=\"include\">"
                                  "{% include pretix-widget.html event=&quot;ki-zivil-11&quot; %}</div>"));
}

static void
test_untitled_and_broken (void)
{
  g_autofree char *untitled = render_page ("---\nteaser: Nur ein Teaser\n---\nText\n", "de", NULL);
  g_autofree char *broken = render_page ("---\ntitle: [nicht geschlossen\n---\nText **fett**\n", "de", NULL);
  g_autofree char *unclosed = render_page ("---\ntitle: Offen\nText ohne Ende\n", "de", NULL);
  g_autofree char *none = render_page ("Nur **Text**, keine Felder.\n", NULL, NULL);
  g_autofree char *body = NULL;
  g_autofree char *header = NULL;

  g_assert_nonnull (strstr (untitled, "<h1 id=\"aushang-title\" class=\"aushang-untitled\">Untitled</h1>"));
  g_assert_nonnull (strstr (untitled, "<p id=\"aushang-teaser\">Nur ein Teaser</p>"));
  g_assert_nonnull (strstr (untitled, "<p id=\"aushang-meta\" hidden></p>"));

  g_assert_nonnull (strstr (broken, "<strong>fett</strong>"));
  g_assert_nonnull (strstr (broken, "id=\"aushang-title\""));
  g_assert_nonnull (strstr (unclosed, "id=\"aushang-title\""));
  g_assert_nonnull (strstr (none, "<p>Nur <strong>Text</strong>, keine Felder.</p>"));
  g_assert_nonnull (strstr (none, "<html lang=\"en\">"));

  /* No options and no document at all. */
  body = aushang_preview_page_render_body (NULL, NULL);
  header = aushang_preview_page_render_header (NULL, NULL);
  g_assert_cmpstr (body, ==, "");
  g_assert_nonnull (strstr (header, "Untitled"));
}

static void
test_parts (void)
{
  g_autoptr(AushangDocument) document = document_new ("---\ntitle: Teile\n---\n## Ort und Zeit\n");
  AushangPreviewOptions options = { NULL, "aushang-site:///assets/css/main.css", "de" };
  g_autofree char *page = aushang_preview_page_render (document, &options);
  g_autofree char *header = aushang_preview_page_render_header (document, &options);
  g_autofree char *body = aushang_preview_page_render_body (document, &options);
  g_autofree char *page_header = dup_element (page, "aushang-header");
  g_autofree char *page_body = dup_element (page, "aushang-body");
  g_autofree char *expected_header = g_strconcat ("\n", header, NULL);

  /* The parts are exactly what the page holds, for in-place updates. */
  g_assert_cmpstr (body, ==, "<h2 id=\"ort-und-zeit\">Ort und Zeit</h2>\n");
  g_assert_cmpstr (page_body, ==, "\n<h2 id=\"ort-und-zeit\">Ort und Zeit</h2>\n");
  g_assert_cmpstr (page_header, ==, expected_header);
  g_assert_nonnull (strstr (page, "<link rel=\"stylesheet\" href=\"aushang-site:///assets/css/main.css\">"));
}

static void
test_site_stylesheet_stays_light (void)
{
  g_autoptr(AushangDocument) document = document_new ("---\ntitle: Hell\n---\nText\n");
  AushangPreviewOptions own = { "aushang-site:///", NULL, "de" };
  AushangPreviewOptions site = { "aushang-site:///", "aushang-site:///assets/css/style.css", "de" };
  g_autofree char *plain = aushang_preview_page_render (document, &own);
  g_autofree char *styled = aushang_preview_page_render (document, &site);

  /* Our own page follows the desktop's dark style … */
  g_assert_nonnull (strstr (plain, "prefers-color-scheme: dark"));
  /* … a page in the site's style looks like the site. */
  g_assert_null (strstr (styled, "prefers-color-scheme: dark"));
  g_assert_nonnull (strstr (styled, "<link rel=\"stylesheet\" href=\"aushang-site:///assets/css/style.css\">"));
}

/* An entry of a data list as a card: its title, date and time in words,
 * place, description, pills and link, escaped; a hidden one says so. */
static void
test_entry_card (void)
{
  static const char events[] =
    "- title: \"Repair-Café <im Labor>\"\n"
    "  description: \"Wir reparieren gemeinsam.\"\n"
    "  date: \"2026-09-26\"\n"
    "  time: \"14:00\"\n"
    "  duration: \"4 Stunden\"\n"
    "  location: \"Offenes Labor\"\n"
    "  category: \"Werkstatt\"\n"
    "  booking_url: \"/beitraege/repair-cafe/\"\n"
    "  link_text: \"Zur Ankündigung\"\n";
  g_autoptr(AushangDataFile) file = aushang_data_file_new_from_data ("events.yml", events, strlen (events));
  AushangValue *entry = aushang_data_file_get_entry (file, 0, NULL, NULL, NULL);
  AushangPreviewOptions options = { "aushang-site:///", NULL, "de" };
  g_autofree char *html = aushang_preview_page_render_entry (entry, FALSE, &options);
  g_autofree char *hidden = aushang_preview_page_render_entry (entry, TRUE, &options);
  g_autofree char *title = dup_element (html, "aushang-title");

  g_assert_nonnull (entry);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"de\">"));
  g_assert_nonnull (strstr (html, "Content-Security-Policy"));
  g_assert_cmpstr (title, ==, "Repair-Café &lt;im Labor&gt;");
  g_assert_nonnull (strstr (html, ">26. September 2026<"));
  g_assert_nonnull (strstr (html, ">14:00<"));
  g_assert_nonnull (strstr (html, ">4 Stunden<"));
  g_assert_nonnull (strstr (html, ">Offenes Labor<"));
  g_assert_nonnull (strstr (html, ">Wir reparieren gemeinsam.<"));
  g_assert_nonnull (strstr (html, "<span class=\"aushang-pill\">Werkstatt</span>"));
  g_assert_nonnull (strstr (html, "<a href=\"aushang-site:///beitraege/repair-cafe/\">Zur Ankündigung</a>"));
  g_assert_null (strstr (html, "class=\"aushang-card-hidden\""));
  g_assert_nonnull (strstr (hidden, "class=\"aushang-card-hidden\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/preview-page/shell", test_shell);
  g_test_add_func ("/preview-page/escaped-title", test_escaped_title);
  g_test_add_func ("/preview-page/dates", test_dates);
  g_test_add_func ("/preview-page/authors-and-categories", test_authors_and_categories);
  g_test_add_func ("/preview-page/site-paths", test_site_paths);
  g_test_add_func ("/preview-page/example-post", test_example_post);
  g_test_add_func ("/preview-page/untitled-and-broken", test_untitled_and_broken);
  g_test_add_func ("/preview-page/parts", test_parts);
  g_test_add_func ("/preview-page/site-stylesheet-stays-light", test_site_stylesheet_stays_light);
  g_test_add_func ("/preview-page/entry-card", test_entry_card);

  return g_test_run ();
}
