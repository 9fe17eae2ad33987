/* test-spelling.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "aushang-spelling.h"
#include "aushang-test-util.h"

static char *personal_dir;

/* The words checked in @text, joined by "|". */
static char *
words_of (const char *text)
{
  g_autoptr(GArray) words = aushang_spelling_find_words (text, -1, 0, -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      AushangSpellingWord *word = &g_array_index (words, AushangSpellingWord, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + word->start, word->end - word->start);
    }

  return g_string_free (out, FALSE);
}

static void
assert_words (const char *text,
              const char *expected)
{
  g_autofree char *words = words_of (text);

  if (g_strcmp0 (words, expected) != 0)
    g_test_message ("In: %s", text);
  g_assert_cmpstr (words, ==, expected);
}

static AushangSpelling *
new_german (void)
{
  g_autoptr(GError) error = NULL;
  AushangSpelling *spelling = aushang_spelling_new ("de", &error);

  g_assert_no_error (error);
  g_assert_nonnull (spelling);

  return spelling;
}

static gboolean
strv_has (char       **strv,
          const char  *word)
{
  return g_strv_contains ((const char * const *) strv, word);
}

static void
test_german_words (void)
{
  g_autoptr(AushangSpelling) spelling = new_german ();
  g_auto(GStrv) suggestions = NULL;

  g_assert_cmpstr (aushang_spelling_get_language (spelling), ==, "de_DE");
  g_assert_true (aushang_spelling_check_word (spelling, "Veranstaltung", -1));
  g_assert_false (aushang_spelling_check_word (spelling, "Veranstalltung", -1));

  suggestions = aushang_spelling_suggest (spelling, "Veranstalltung", -1, 0);
  g_assert_true (strv_has (suggestions, "Veranstaltung"));
  g_assert_cmpstr (suggestions[0], ==, "Veranstaltung");

  /* Umlauts, ß, capitals at the start of a sentence, hyphenated words. */
  g_assert_true (aushang_spelling_check_word (spelling, "Größe", -1));
  g_assert_true (aushang_spelling_check_word (spelling, "Straße", -1));
  g_assert_true (aushang_spelling_check_word (spelling, "Anmeldung", -1));
  g_assert_true (aushang_spelling_check_word (spelling, "Heute", -1));
  g_assert_true (aushang_spelling_check_word (spelling, "E-Mail-Adresse", -1));
  g_assert_false (aushang_spelling_check_word (spelling, "Strase", -1));

  /* Abbreviations with their period. */
  {
    const char *text = "Kuchen bzw. Kaffee usw. und bzw";
    g_autoptr(GArray) words = aushang_spelling_find_words (text, -1, 0, -1);

    g_assert_cmpuint (words->len, ==, 6);
    for (guint i = 0; i < 5; i++)
      g_assert_true (aushang_spelling_check_found (spelling, text, strlen (text),
                                                   &g_array_index (words, AushangSpellingWord, i)));
    /* Without its period it is no word. */
    g_assert_false (aushang_spelling_check_found (spelling, text, strlen (text),
                                                  &g_array_index (words, AushangSpellingWord, 5)));
  }

  /* A length cuts the word: "Veranstaltungen" up to its 13th byte. */
  g_assert_true (aushang_spelling_check_word (spelling, "Veranstaltungxyz", 13));

  /* At most as many suggestions as asked for. */
  g_clear_pointer (&suggestions, g_strfreev);
  suggestions = aushang_spelling_suggest (spelling, "Veranstalltung", -1, 1);
  g_assert_cmpuint (g_strv_length (suggestions), ==, 1);
}

static void
test_personal_dictionary (void)
{
  g_autoptr(AushangSpelling) spelling = new_german ();
  g_autoptr(AushangSpelling) again = NULL;
  g_autofree char *path = g_build_filename (personal_dir, "de_DE.dic", NULL);
  g_autofree char *contents = NULL;

  g_assert_false (aushang_spelling_check_word (spelling, "Repaircafé", -1));
  /* Checking alone writes nothing. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  aushang_spelling_add_word (spelling, "Repaircafé", -1);
  g_assert_true (aushang_spelling_check_word (spelling, "Repaircafé", -1));

  /* Kept in the person's folder, for the next time. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Repaircafé"));
  again = new_german ();
  g_assert_true (aushang_spelling_check_word (again, "Repaircafé", -1));

  /* Ignoring lasts only as long as the checker. */
  aushang_spelling_ignore_word (again, "Zwischenablagz", -1);
  g_assert_true (aushang_spelling_check_word (again, "Zwischenablagz", -1));
  g_assert_false (aushang_spelling_check_word (spelling, "Zwischenablagz", -1));
}

static void
test_languages (void)
{
  g_autoptr(AushangSpelling) english = NULL;
  g_autoptr(AushangSpelling) austrian = NULL;
  g_autoptr(AushangSpelling) none = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = aushang_spelling_list_languages ();
  g_autofree char *name = NULL;

  g_assert_true (strv_has (languages, "de_DE"));
  g_assert_true (strv_has (languages, "en_US"));

  english = aushang_spelling_new ("en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aushang_spelling_get_language (english), ==, "en_US");
  g_assert_true (aushang_spelling_check_word (english, "event", -1));
  g_assert_false (aushang_spelling_check_word (english, "Veranstaltung", -1));

  /* An English text is mostly wrong for the German dictionary and right
   * for the English one: how a post without lang: is told apart. */
  {
    const char *text = "We meet every Tuesday at the lab to repair broken radios and bikes; "
                       "bring your tools and a friend.\n";
    g_autoptr(AushangSpelling) german = aushang_spelling_new ("de", &error);
    guint n = 0;

    g_assert_no_error (error);
    g_assert_cmpfloat (aushang_spelling_wrong_share (german, text, strlen (text), 0, &n), >, 0.5);
    g_assert_cmpuint (n, >, 15);
    g_assert_cmpfloat (aushang_spelling_wrong_share (english, text, strlen (text), 0, NULL), <, 0.1);
    g_assert_cmpfloat (aushang_spelling_wrong_share (english, text, strlen (text), 5, &n), <, 0.1);
    g_assert_cmpuint (n, ==, 5);
  }

  /* A country without its own dictionary gets the language's. */
  austrian = aushang_spelling_new ("de-AT", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (aushang_spelling_get_language (austrian), "de_"));
  g_assert_true (aushang_spelling_check_word (austrian, "Veranstaltung", -1));

  none = aushang_spelling_new ("xx", &error);
  g_assert_error (error, AUSHANG_SPELLING_ERROR, AUSHANG_SPELLING_ERROR_NO_DICTIONARY);
  g_assert_null (none);

  /* The names are English here (LC_ALL=C.UTF-8). */
  name = aushang_spelling_dup_language_name ("de_DE");
  g_assert_cmpstr (name, ==, "German (Germany)");
  g_clear_pointer (&name, g_free);
  name = aushang_spelling_dup_language_name ("en");
  g_assert_cmpstr (name, ==, "English");
}

static void
delete_folder (gpointer path)
{
  aushang_test_delete_path (path);
  g_free (path);
}

static AushangSite *
site_with_config (const char *config)
{
  g_autofree char *folder = g_dir_make_tmp ("aushang-spelling-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "_config.yml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  AushangSite *site;

  g_assert_true (g_file_set_contents (path, config, -1, NULL));
  site = aushang_site_new (file, &error);
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (site), "folder", g_strdup (folder),
                          delete_folder);

  return site;
}

/* The site's own names are no spelling mistakes: its categories and tags,
 * and the words two documents' titles share (a place, a project). A word
 * only one title has may still be a slip. */
static void
test_site_words (void)
{
  g_autoptr(AushangSite) site = site_with_config ("title: Offenes Labor Lübbenau\nlang: de\n");
  const char *folder = g_object_get_data (G_OBJECT (site), "folder");
  g_autofree char *posts = g_build_filename (folder, "_posts", NULL);
  g_autofree char *first = g_build_filename (posts, "2026-05-01-repair-cafe.md", NULL);
  g_autofree char *second = g_build_filename (posts, "2026-06-01-repair-cafe-zwei.md", NULL);
  g_autoptr(AushangSpelling) spelling = new_german ();
  g_autoptr(GHashTable) words = NULL;

  g_assert_cmpint (g_mkdir (posts, 0755), ==, 0);
  g_assert_true (g_file_set_contents (first,
                                      "---\ntitle: Repair-Café in Spremberg\ncategories: [Schraubertreff]\n---\nText\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (second,
                                      "---\ntitle: Das zweite Repair-Café in Spremberg und Eberswalde\n---\nText\n",
                                      -1, NULL));
  aushang_site_reload (site);

  /* Words the dictionary does not know. */
  g_assert_false (aushang_spelling_check_word (spelling, "Spremberg", -1));
  g_assert_false (aushang_spelling_check_word (spelling, "Eberswalde", -1));

  words = aushang_spelling_dup_site_words (site);
  g_assert_true (g_hash_table_contains (words, "Spremberg"));
  g_assert_true (g_hash_table_contains (words, "Repair-Café"));
  g_assert_true (g_hash_table_contains (words, "Schraubertreff"));
  g_assert_true (g_hash_table_contains (words, "Lübbenau"));
  g_assert_false (g_hash_table_contains (words, "Eberswalde"));
}

static void
test_site_language (void)
{
  g_autoptr(AushangSite) english = site_with_config ("title: Test\nlang: en\n");
  g_autoptr(AushangSite) none = site_with_config ("title: Test\n");
  g_autoptr(AushangSite) swiss = site_with_config ("locale: de_CH\n");
  g_autofree char *a = aushang_spelling_dup_site_language (english);
  g_autofree char *b = aushang_spelling_dup_site_language (none);
  g_autofree char *c = aushang_spelling_dup_site_language (swiss);
  g_autofree char *d = aushang_spelling_dup_site_language (NULL);

  g_assert_cmpstr (a, ==, "en");
  g_assert_cmpstr (b, ==, "de");
  g_assert_cmpstr (c, ==, "de_CH");
  g_assert_cmpstr (d, ==, "de");
}

static void
test_words_plain (void)
{
  assert_words ("Die Veranstaltung beginnt um 18 Uhr.",
                "Die|Veranstaltung|beginnt|um|Uhr");
  /* Hyphens and apostrophes inside a word stay; single letters and
   * capital abbreviations are not checked. */
  assert_words ("Bitte per E-Mail-Adresse, geht's? Ja, a b KI VHS-Kurs.",
                "Bitte|per|E-Mail-Adresse|geht's|Ja|VHS-Kurs");
  assert_words ("Gender: Teilnehmer*innen und Schüler/innen.",
                "Gender|Teilnehmer|innen|und|Schüler|innen");
  assert_words ("Größe – „Zitat“ und ‚so‘ …", "Größe|Zitat|und|so");
  /* Words joined to digits or to "_" are names, not words. */
  assert_words ("MP3-Player 3D 2026er snake_case tolle", "tolle");
}

static void
test_words_markdown_syntax (void)
{
  assert_words ("## Überschrift\n\n"
                "- **fett** und _kursiv_ und *schräg*\n"
                "1. ~~weg~~\n"
                "> Zitat\n\n"
                "| Spalte | Zeile |\n|---|---|\n| Eins | Zwei |\n\n"
                "Hart\\\nUmbruch ---\n",
                "Überschrift|fett|und|kursiv|und|schräg|weg|Zitat|"
                "Spalte|Zeile|Eins|Zwei|Hart|Umbruch");
  /* kramdown attribute lists and heading ids. */
  assert_words ("## Anmeldung {#anmeldung-formular}\n{: .lead-text}\nText",
                "Anmeldung|Text");
  /* Escapes and entities. */
  assert_words ("Preis\\*innen &nbsp;und&shy;mehr &#8211; Ende",
                "Preis|innen|und|mehr|Ende");
}

static void
test_words_code (void)
{
  /* Inline code, with one or more backticks. */
  assert_words ("Rufen Sie `jekyll serve --livereload` auf", "Rufen|Sie|auf");
  assert_words ("Mit ``code mit ` darin`` fertig", "Mit|fertig");
  /* An unmatched backtick is just a backtick. */
  assert_words ("Ein ` einzelnes Zeichen", "Ein|einzelnes|Zeichen");
  /* Fenced code, with backticks or tildes, with an info string. */
  assert_words ("Vorher\n\n```ruby\nputs \"Hallo Welt\"\nkaputt\n```\nNachher\n"
                "~~~~\nnochmal ```\n~~~~\nEnde",
                "Vorher|Nachher|Ende");
  /* An unclosed fence runs to the end. */
  assert_words ("Text\n```\nalles Kode", "Text");
  /* An indented block after a blank line is code; indented text in a
   * list item is not. */
  assert_words ("Absatz\n\n    eingerückter Kode\n    mehr\n\nWieder Text",
                "Absatz|Wieder|Text");
  assert_words ("- Punkt\n\n    weiter im Punkt\n", "Punkt|weiter|im|Punkt");
  /* HTML code and pre elements. */
  assert_words ("Ein <code>befehl --hilfe</code> und <pre class=\"x\">\nvorformatiert\n</pre> Ende",
                "Ein|und|Ende");
}

static void
test_words_addresses (void)
{
  assert_words ("Siehe https://www.example.org/seite?x=eins#teil und "
                "http://beispiel.de. Oder www.verein-beispiel.de/kontakt heute",
                "Siehe|und|Oder|heute");
  assert_words ("Schreiben Sie an info@verein-beispiel.de oder "
                "mailto:hallo@beispiel.org bitte", "Schreiben|Sie|an|oder|bitte");
  /* Link text is checked; the address and title not. */
  assert_words ("[Unsere Satzung](/assets/dokumente/satzung_2026.pdf \"Titelx\") lesen",
                "Unsere|Satzung|lesen");
  assert_words ("![Gruppenfoto vom Fest](bilder/gruppenfoto-fest.jpg) danach",
                "Gruppenfoto|vom|Fest|danach");
  /* Parentheses inside the address. */
  assert_words ("[Wiki](https://de.wikipedia.org/wiki/Jekyll_(Software)) gut", "Wiki|gut");
  /* Reference links, their definitions, autolinks and footnotes. */
  assert_words ("[Text][verweisname] und Fußnote[^anmerkung]\n\n"
                "[verweisname]: https://example.org \"Titelzeile\"\n"
                "<https://example.org/pfad> <info@example.org> Ende",
                "Text|und|Fußnote|Ende");
  /* A file name in text is a name. */
  assert_words ("Die Datei index.html und bild.jpeg", "Die|Datei|und");
}

static void
test_words_liquid (void)
{
  assert_words ("Hallo {{ page.title | upcase }} und {% include anmeldung.html "
                "veranstaltung=\"sommerfest\" %} Ende",
                "Hallo|und|Ende");
  /* A tag over several lines. */
  assert_words ("Vorher {% include galerie.html\n  ordner=\"bilder\"\n  titel=\"Sommerfest\" %} danach\nZeile",
                "Vorher|danach|Zeile");
  /* Blocks whose body is not text. */
  assert_words ("A1 {% comment %}\nausgeschaltet {{ x }}\n{% endcomment %} Wort\n"
                "{% raw %}{{ roh }} woerter {% endraw %} Zwei\n"
                "{%- highlight ruby -%}\nkode\n{%- endhighlight -%}\nDrei",
                "Wort|Zwei|Drei");
  /* Text between tags is checked. */
  assert_words ("{% if page.ort %}Ort: {{ page.ort }}{% endif %}", "Ort");
}

static void
test_words_html (void)
{
  assert_words ("<div class=\"hinweis-kasten\" data-titel=\"Achtung\">Wichtiger Hinweis</div>",
                "Wichtiger|Hinweis");
  /* Attributes over several lines, quotes with ">" inside. */
  assert_words ("<img src=\"a.jpg\"\n     alt=\"x > y\"\n     title='Bildtitel'> Bild\n",
                "Bild");
  assert_words ("Vor <!-- ein\nKommentar --> nach <br/> und <o:p></o:p>.", "Vor|nach|und");
  assert_words ("<script>var zaehler = 1;</script><style>.kasten { farbe: rot }</style>Text",
                "Text");
  /* A lone "<" is text. */
  assert_words ("Wenn a < b ist", "Wenn|ist");
}

static void
test_words_front_matter (void)
{
  assert_words ("---\ntitle: Sommerfst\nlayout: post\n---\nDer Text\n", "Der|Text");
  assert_words ("---\ntitle: x\n...\nText", "Text");
  /* Only at the very start, and only when it is closed. */
  assert_words ("Text\n---\ntitle: Zwei\n---\n", "Text|title|Zwei");
  assert_words ("---\nkein Ende", "kein|Ende");
}

static void
test_words_positions (void)
{
  const char *text = "---\ntitle: x\n---\nÄpfel und\n  **Birnen** ```x```\n";
  g_autoptr(GArray) words = aushang_spelling_find_words (text, -1, 0, -1);
  g_autoptr(GArray) some = NULL;
  AushangSpellingWord *word;
  const char *birnen = strstr (text, "Birnen");

  g_assert_cmpuint (words->len, ==, 3);
  word = &g_array_index (words, AushangSpellingWord, 0);
  g_assert_cmpuint (word->line, ==, 4);
  g_assert_cmpuint (word->column, ==, 1);
  word = &g_array_index (words, AushangSpellingWord, 1);
  g_assert_cmpuint (word->line, ==, 4);
  /* Columns count characters, not bytes: "Äpfel " is six. */
  g_assert_cmpuint (word->column, ==, 7);
  word = &g_array_index (words, AushangSpellingWord, 2);
  g_assert_cmpuint (word->line, ==, 5);
  g_assert_cmpuint (word->column, ==, 5);
  g_assert_cmpuint (word->start, ==, birnen - text);
  g_assert_cmpuint (word->end, ==, birnen - text + 6);

  /* Only a part: the words that start in it, with the text before still
   * read (a fence opened before the part keeps its lines code). */
  some = aushang_spelling_find_words (text, -1, birnen - text - 2, -1);
  g_assert_cmpuint (some->len, ==, 1);
  g_clear_pointer (&some, g_array_unref);
  some = aushang_spelling_find_words ("```\nkode\n```\nText\n", -1, 4, 9);
  g_assert_cmpuint (some->len, ==, 0);
  g_clear_pointer (&some, g_array_unref);
  some = aushang_spelling_find_words ("Eins Zwei Drei", -1, 2, 9);
  g_assert_cmpuint (some->len, ==, 1);
}

/* Going on from where an earlier call stopped finds what one call over
 * the whole text finds. */
static void
test_words_resume (void)
{
  const char *text =
    "---\ntitle: x\n---\nEins zwei\n\n```\nkode eins\n\nkode zwei\n```\n"
    "Drei {% comment %}\nweg\n{% endcomment %} vier\n\n- Punkt\n\n    im Punkt\n"
    "\n~~~\nkode\n";
  gsize length = strlen (text);
  g_autoptr(GArray) all = aushang_spelling_find_words (text, -1, 0, -1);

  /* Cut at every line start, as the editor does. */
  for (gsize cut = 0; cut <= length; cut++)
    {
      AushangSpellingState state;

      if (cut > 0 && text[cut - 1] != '\n')
        continue;

      g_autoptr(GArray) before = aushang_spelling_find_words_from (text, -1, NULL, 0, cut, &state);
      g_autoptr(GArray) after = aushang_spelling_find_words_from (text, -1, &state, state.offset, -1, NULL);

      /* The state is at a line start at or after the cut (after it when
       * a Liquid comment goes on over the cut). */
      g_assert_cmpuint (state.offset, >=, cut);
      g_assert_true (state.offset == length || text[state.offset - 1] == '\n' || state.offset == 0);
      for (guint i = 0; i < after->len; i++)
        g_array_append_val (before, g_array_index (after, AushangSpellingWord, i));
      g_assert_cmpuint (before->len, ==, all->len);
      for (guint i = 0; i < all->len; i++)
        {
          AushangSpellingWord *a = &g_array_index (all, AushangSpellingWord, i);
          AushangSpellingWord *b = &g_array_index (before, AushangSpellingWord, i);

          g_assert_cmpuint (a->start, ==, b->start);
          g_assert_cmpuint (a->end, ==, b->end);
          g_assert_cmpuint (a->line, ==, b->line);
          g_assert_cmpuint (a->column, ==, b->column);
        }
    }
}

static void
test_words_robust (void)
{
  /* Broken input: nothing read outside the text, no endless loop. */
  const char *texts[] = {
    "", "`", "{%", "{{", "<", "<!--", "](", "[", "---", "---\n", "\\", "&", "{:",
    "<a href=\"x", "{% comment %}", "<pre>", "\xff\xfe Wort \xc3", "```", "www.",
    "a@b.", "Wort\r\nZeile\r\n", "[x]: ", "  - ", "\t\tx",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GArray) words = aushang_spelling_find_words (texts[i], -1, 0, -1);

      for (guint j = 0; j < words->len; j++)
        {
          AushangSpellingWord *word = &g_array_index (words, AushangSpellingWord, j);

          g_assert_cmpuint (word->end, <=, strlen (texts[i]));
          g_assert_cmpuint (word->start, <, word->end);
        }
    }
  assert_words ("Wort\r\nZeile\r\n", "Wort|Zeile");
  assert_words ("\xff\xfe Wort \xc3", "Wort");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *enchant_dir = NULL;
  int status;

  /* The person's dictionaries in a folder of the test's own. */
  personal_dir = g_dir_make_tmp ("aushang-spelling-personal-XXXXXX", NULL);
  enchant_dir = g_build_filename (personal_dir, "enchant", NULL);
  g_setenv ("AUSHANG_SPELLING_DIR", personal_dir, TRUE);
  g_setenv ("ENCHANT_CONFIG_DIR", enchant_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spelling/german-words", test_german_words);
  g_test_add_func ("/spelling/personal-dictionary", test_personal_dictionary);
  g_test_add_func ("/spelling/languages", test_languages);
  g_test_add_func ("/spelling/site-language", test_site_language);
  g_test_add_func ("/spelling/site-words", test_site_words);
  g_test_add_func ("/spelling/words/plain", test_words_plain);
  g_test_add_func ("/spelling/words/markdown-syntax", test_words_markdown_syntax);
  g_test_add_func ("/spelling/words/code", test_words_code);
  g_test_add_func ("/spelling/words/addresses", test_words_addresses);
  g_test_add_func ("/spelling/words/liquid", test_words_liquid);
  g_test_add_func ("/spelling/words/html", test_words_html);
  g_test_add_func ("/spelling/words/front-matter", test_words_front_matter);
  g_test_add_func ("/spelling/words/positions", test_words_positions);
  g_test_add_func ("/spelling/words/resume", test_words_resume);
  g_test_add_func ("/spelling/words/robust", test_words_robust);

  status = g_test_run ();
  aushang_test_delete_path (personal_dir);
  g_free (personal_dir);

  return status;
}
