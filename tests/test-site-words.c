/* test-site-words.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site's own words for its keys: comments beside a key or above it in
 * a template or a data file, a commented example entry at the top of a
 * data file, a guide's "`key`: words" lines.
 */

#include "config.h"

#include <locale.h>

#include "aushang-site-words.h"

static const AushangKeyWords *
lookup (GHashTable *table,
        const char *key)
{
  return g_hash_table_lookup (table, key);
}

static void
assert_words (const AushangKeyWords *words,
              const char            *label,
              const char            *description)
{
  g_assert_nonnull (words);
  g_assert_cmpstr (words->label, ==, label);
  g_assert_cmpstr (words->description, ==, description);
}

static void
test_words_split (void)
{
  g_autoptr(AushangKeyWords) short_words = aushang_key_words_new ("Datum der Veranstaltung", "x");
  g_autoptr(AushangKeyWords) sentence = aushang_key_words_new ("Dateiname der Logo-Datei. Diese muss sich im Verzeichnis assets/sponsors befinden", "x");
  g_autoptr(AushangKeyWords) choices = aushang_key_words_new ("or \"Vortrag\", \"Meetup\", …", "x");
  g_autoptr(AushangKeyWords) note = aushang_key_words_new ("a quoted string, not a YAML date", "x");
  g_autoptr(AushangKeyWords) lower = aushang_key_words_new ("ort", "x");
  g_autoptr(AushangKeyWords) nothing = aushang_key_words_new ("= 💩", "x");

  assert_words (short_words, "Datum der Veranstaltung", NULL);
  assert_words (sentence, "Dateiname der Logo-Datei", "Diese muss sich im Verzeichnis assets/sponsors befinden");
  assert_words (choices, NULL, "or \"Vortrag\", \"Meetup\", …");
  assert_words (note, NULL, "a quoted string, not a YAML date");
  assert_words (lower, "Ort", NULL);
  g_assert_null (nothing);
}

static void
test_words_yaml (void)
{
  g_autoptr(GHashTable) table = aushang_key_words_table_new ();
  /* The event entry: comments beside keys; a commented-out key
   * of a hidden entry is data, not words; several comment lines at the
   * top are about the file. */
  const char *text =
    "# Der Veranstaltungskalender.\n"
    "# Datum immer als \"JJJJ-MM-TT\".\n"
    "- title: \"KI und die Zivilgesellschaft: …\"\n"
    "  date: \"2025-06-17\"        # Datum der Veranstaltung\n"
    "  # Uhrzeit des Beginns\n"
    "  time: \"16:30\"\n"
    "  category: \"Workshop\"      # or \"Vortrag\", \"Meetup\", …\n"
    "  booking_url: \"/x/#anker\"\n"
    "  featured: false\n"
    "#  topic: \"ki-zivilgesellschaft\"\n"
    "\n"
    "#- title: \"Lötkurs\"\n"
    "#  date: \"2026-11-14\"\n";

  aushang_key_words_learn_yaml (table, text, "_data/events.yml");

  assert_words (lookup (table, "date"), "Datum der Veranstaltung", NULL);
  g_assert_cmpstr (lookup (table, "date")->source, ==, "_data/events.yml:4");
  assert_words (lookup (table, "time"), "Uhrzeit des Beginns", NULL);
  assert_words (lookup (table, "category"), NULL, "or \"Vortrag\", \"Meetup\", …");
  g_assert_null (lookup (table, "title"));
  g_assert_null (lookup (table, "topic"));
  g_assert_null (lookup (table, "booking_url"));
  g_assert_null (lookup (table, "featured"));
}

static void
test_words_example_entry (void)
{
  g_autoptr(GHashTable) table = aushang_key_words_table_new ();
  g_autoptr(GHashTable) hidden = aushang_key_words_table_new ();

  /* An example entry at the top whose values describe the keys. */
  aushang_key_words_learn_yaml (table,
                                "# Pro Eintrag ein Block mit diesen Angaben:\n"
                                "#\n"
                                "# - name: \"Name des Vereins\"\n"
                                "#   logo: \"Datei des Logos. Sie liegt in assets/logos\"\n"
                                "#   url: \"Link zur Website\"\n"
                                "#\n"
                                "- name: \"Offenes Labor\"\n"
                                "  logo: \"labor.png\"\n"
                                "  url: \"https://example.org\"\n",
                                "_data/partner.yml");
  assert_words (lookup (table, "name"), "Name des Vereins", NULL);
  assert_words (lookup (table, "logo"), "Datei des Logos", "Sie liegt in assets/logos");
  assert_words (lookup (table, "url"), "Link zur Website", NULL);

  /* A hidden entry at the top holds data (a date): no words. */
  aushang_key_words_learn_yaml (hidden,
                                "#- title: \"Lötkurs für Einsteiger\"\n"
                                "#  date: \"2026-11-14\"\n"
                                "- title: \"Werkstattabend\"\n"
                                "  date: \"2026-06-02\"\n",
                                "_data/events.yml");
  g_assert_cmpuint (g_hash_table_size (hidden), ==, 0);
}

static void
test_words_guide (void)
{
  g_autoptr(GHashTable) table = aushang_key_words_table_new ();

  aushang_key_words_learn_guide (table,
                                 "# Anleitung\n"
                                 "- `_beitraege/` – eine Sammlung\n"
                                 "- `location`: Ort der Veranstaltung\n"
                                 "* **`cost`** — Eintritt\n"
                                 "`booking_url` - Seite, auf der man sich anmeldet\n"
                                 "Verknüpft über `related_post` und `retrospective_post`.\n",
                                 "README.md");

  assert_words (lookup (table, "location"), "Ort der Veranstaltung", NULL);
  assert_words (lookup (table, "cost"), "Eintritt", NULL);
  assert_words (lookup (table, "booking_url"), NULL, "Seite, auf der man sich anmeldet");
  g_assert_null (lookup (table, "_beitraege"));
  g_assert_null (lookup (table, "related_post"));
}

static AushangSite *
open_path (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AushangSite *site = aushang_site_new (folder, &error);

  g_assert_no_error (error);

  return site;
}

static void
test_words_example_site (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(AushangSite) site = open_path (path);
  const AushangKeyWords *words;

  /* _templates/beitrag.md: comments beside the keys. */
  words = aushang_site_get_key_words (site, NULL, "header_image_credit");
  assert_words (words, "Bildnachweis", NULL);
  g_assert_cmpstr (words->source, ==, "_templates/beitrag.md:10");
  words = aushang_site_get_key_words (site, NULL, "teaser");
  assert_words (words, NULL, "Zwei, drei Sätze für die Übersicht und die Vorschau beim Teilen, ohne Punkt am Ende");
  g_assert_null (aushang_site_get_key_words (site, NULL, "title"));

  /* The README, a guide, names fields of the events. */
  assert_words (aushang_site_get_key_words (site, "_data/events.yml", "link_text"), "Linktext", NULL);
  assert_words (aushang_site_get_key_words (site, "_data/events.yml", "booking_url"), NULL,
                "Seite dieser Website oder Adresse, auf der man sich anmeldet");
  g_assert_null (aushang_site_get_key_words (site, "_data/events.yml", "title"));
  g_assert_null (aushang_site_get_key_words (site, "_data/team.yml", "name"));
}

static AushangSite *
open_corpus_site (const char *name)
{
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  g_autofree char *path = NULL;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    return NULL;
  path = g_build_filename (corpus, name, NULL);

  return open_path (path);
}

static void
test_words_corpus (void)
{
  g_autoptr(AushangSite) magdeburg = open_corpus_site ("JensWinter__tech-events-magdeburg");
  g_autoptr(AushangSite) netz39 = NULL;
  g_autoptr(AushangSite) muenster = NULL;

  if (magdeburg == NULL)
    {
      g_test_skip ("the corpus of real sites is not beside the clone");
      return;
    }

  /* sponsors.yml starts with a commented example entry whose values say
   * what each key is. */
  assert_words (aushang_site_get_key_words (magdeburg, "_data/sponsors.yml", "name"),
                "Name des Sponsors", NULL);
  assert_words (aushang_site_get_key_words (magdeburg, "_data/sponsors.yml", "logo_filename"),
                "Dateiname der Logo-Datei",
                "Diese muss sich im Verzeichnis assets/sponsors befinden");
  assert_words (aushang_site_get_key_words (magdeburg, "_data/sponsors.yml", "url"),
                "Link zur Webseite des Sponsors", NULL);
  /* Its events, one file each, say nothing about their keys. */
  g_assert_null (aushang_site_get_key_words (magdeburg, "_data/events/2023-06-12_SAP_Stammtisch.yml", "title"));
  g_assert_null (aushang_site_get_key_words (magdeburg, NULL, "title"));

  /* Event lists without comments: no words, and nothing from _config.yml's
   * comments ("# the subpath of your site"). */
  netz39 = open_corpus_site ("Brandenburger-Maker__Brandenburger-Maker.github.io");
  muenster = open_corpus_site ("codeformuenster__codeformuenster.github.io");
  g_assert_null (aushang_site_get_key_words (netz39, "_data/events.yml", "date"));
  g_assert_null (aushang_site_get_key_words (netz39, NULL, "baseurl"));
  g_assert_null (aushang_site_get_key_words (muenster, "_data/events.yaml", "address"));
  g_assert_null (aushang_site_get_key_words (muenster, NULL, "description"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site-words/split", test_words_split);
  g_test_add_func ("/site-words/yaml", test_words_yaml);
  g_test_add_func ("/site-words/example-entry", test_words_example_entry);
  g_test_add_func ("/site-words/guide", test_words_guide);
  g_test_add_func ("/site-words/example-site", test_words_example_site);
  g_test_add_func ("/site-words/corpus", test_words_corpus);

  return g_test_run ();
}
