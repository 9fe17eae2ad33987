/* test-front-matter.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-document.h"
#include "aushang-yaml-edit.h"
#include "aushang-test-util.h"

static AushangDocument *
load (const char *text)
{
  return aushang_document_new_from_data (text, strlen (text));
}

static char *
serialize (AushangDocument *document)
{
  g_autoptr(GBytes) bytes = aushang_document_serialize (document);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static AushangFrontMatter *
fm_of (AushangDocument *document)
{
  return aushang_document_get_front_matter (document);
}

static char *
json_of (AushangDocument *document,
         const char      *key)
{
  AushangValue *value = aushang_front_matter_get (fm_of (document), key);

  return value ? aushang_value_to_json (value) : g_strdup ("(absent)");
}

static void
assert_json (AushangDocument *document,
             const char      *key,
             const char      *expected)
{
  g_autofree char *json = json_of (document, key);

  g_assert_cmpstr (json, ==, expected);
}

/* Loads @text, checks it serialises to the same bytes, sets @key to the
 * YAML value @yaml and compares the result with @expected. */
static void
assert_edit (const char *text,
             const char *key,
             const char *yaml,
             const char *expected)
{
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *same = serialize (document);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangValue) value = aushang_yaml_parse_value (yaml, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (same, ==, text);
  g_assert_true (aushang_front_matter_set_value (fm_of (document), key, value, &error));
  g_assert_no_error (error);
  after = serialize (document);
  g_assert_cmpstr (after, ==, expected);
}

static void
assert_set_string (const char *text,
                   const char *key,
                   const char *value,
                   const char *expected)
{
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (aushang_front_matter_set_string (fm_of (document), key, value, &error));
  g_assert_no_error (error);
  after = serialize (document);
  g_assert_cmpstr (after, ==, expected);
}

/* Sets @key to @yaml in @text and expects a refusal that leaves every
 * byte, every value and the modified flag as they were. */
static void
assert_refused (const char *text,
                const char *key,
                const char *yaml,
                const char *message_part)
{
  g_autoptr(AushangDocument) document = load (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangValue) value = aushang_yaml_parse_value (yaml, &error);
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  before_json = aushang_value_to_json (aushang_front_matter_get_data (fm_of (document)));
  g_assert_false (aushang_front_matter_set_value (fm_of (document), key, value, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  after = serialize (document);
  g_assert_cmpstr (after, ==, text);
  after_json = aushang_value_to_json (aushang_front_matter_get_data (fm_of (document)));
  g_assert_cmpstr (after_json, ==, before_json);
  g_assert_false (aushang_document_get_modified (document));
}

static const char *example =
  "---\n"
  "title: \"KI und Gemeinwohl: ein Abend\"\n"
  "teaser: \"Das 10. Treffen der Reihe.\"\n"
  "author: \"Maria Gonçalves\"\n"
  "categories:\n"
  "  - \"KI und Zivilgesellschaft\"\n"
  "date: 2025-11-04\n"
  "header_image: \"/assets/images/ki.png\"\n"
  "---\n"
  "\n"
  "Wir laden **euch** ein.\n"
  "{% include pretix-widget.html event=\"ki-zivil-11\" %}\n";

static void
test_typed_values (void)
{
  g_autoptr(AushangDocument) document = load (example);

  g_assert_null (aushang_document_get_problem (document, NULL, NULL));
  assert_json (document, "title", "\"KI und Gemeinwohl: ein Abend\"");
  assert_json (document, "author", "\"Maria Gonçalves\"");
  assert_json (document, "categories", "[\"KI und Zivilgesellschaft\"]");
  assert_json (document, "date", "\"2025-11-04\"");
  g_assert_cmpint (aushang_value_get_kind (aushang_front_matter_get (fm_of (document), "date")), ==, AUSHANG_VALUE_DATE);
  g_assert_cmpuint (aushang_front_matter_get_key_line (fm_of (document), "title"), ==, 2);
  g_assert_cmpuint (aushang_front_matter_get_key_line (fm_of (document), "date"), ==, 7);
  g_assert_cmpstr (aushang_document_get_body (document), ==,
                   "\nWir laden **euch** ein.\n{% include pretix-widget.html event=\"ki-zivil-11\" %}\n");
  g_assert_cmpuint (aushang_document_get_body_line (document), ==, 10);
}

static void
test_edit_keeps_style (void)
{
  /* Double quotes stay double quotes; the list keeps its indentation and
   * quoting; only the edited lines change. */
  assert_set_string (example, "title", "Neuer Titel",
                     "---\n"
                     "title: \"Neuer Titel\"\n"
                     "teaser: \"Das 10. Treffen der Reihe.\"\n"
                     "author: \"Maria Gonçalves\"\n"
                     "categories:\n"
                     "  - \"KI und Zivilgesellschaft\"\n"
                     "date: 2025-11-04\n"
                     "header_image: \"/assets/images/ki.png\"\n"
                     "---\n"
                     "\n"
                     "Wir laden **euch** ein.\n"
                     "{% include pretix-widget.html event=\"ki-zivil-11\" %}\n");

  assert_edit (example, "categories", "[Events, KI und Zivilgesellschaft]",
               "---\n"
               "title: \"KI und Gemeinwohl: ein Abend\"\n"
               "teaser: \"Das 10. Treffen der Reihe.\"\n"
               "author: \"Maria Gonçalves\"\n"
               "categories:\n"
               "  - \"Events\"\n"
               "  - \"KI und Zivilgesellschaft\"\n"
               "date: 2025-11-04\n"
               "header_image: \"/assets/images/ki.png\"\n"
               "---\n"
               "\n"
               "Wir laden **euch** ein.\n"
               "{% include pretix-widget.html event=\"ki-zivil-11\" %}\n");

  /* A new key goes at the end, in the file's quoting. */
  assert_set_string (example, "header_image_credit", "Foto: Jörg",
                     "---\n"
                     "title: \"KI und Gemeinwohl: ein Abend\"\n"
                     "teaser: \"Das 10. Treffen der Reihe.\"\n"
                     "author: \"Maria Gonçalves\"\n"
                     "categories:\n"
                     "  - \"KI und Zivilgesellschaft\"\n"
                     "date: 2025-11-04\n"
                     "header_image: \"/assets/images/ki.png\"\n"
                     "header_image_credit: \"Foto: Jörg\"\n"
                     "---\n"
                     "\n"
                     "Wir laden **euch** ein.\n"
                     "{% include pretix-widget.html event=\"ki-zivil-11\" %}\n");
}

static void
test_same_value_no_change (void)
{
  g_autoptr(AushangDocument) document = load (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangValue) date = aushang_value_new_date (2025, 11, 4);
  const char *categories[] = { "KI und Zivilgesellschaft", NULL };
  g_autofree char *after = NULL;

  g_assert_true (aushang_front_matter_set_string (fm_of (document), "title", "KI und Gemeinwohl: ein Abend", &error));
  g_assert_true (aushang_front_matter_set_strv (fm_of (document), "categories", categories, &error));
  g_assert_true (aushang_front_matter_set_value (fm_of (document), "date", date, &error));
  g_assert_no_error (error);
  g_assert_false (aushang_document_get_modified (document));
  after = serialize (document);
  g_assert_cmpstr (after, ==, example);
}

static void
test_plain_file_quotes_when_needed (void)
{
  const char *plain = "---\ntitle: Hallo\ntags: [a, b]\n---\nText\n";

  assert_set_string (plain, "title", "Welt", "---\ntitle: Welt\ntags: [a, b]\n---\nText\n");
  assert_set_string (plain, "title", "no", "---\ntitle: \"no\"\ntags: [a, b]\n---\nText\n");
  assert_set_string (plain, "title", "2025-11-04", "---\ntitle: \"2025-11-04\"\ntags: [a, b]\n---\nText\n");
  assert_set_string (plain, "title", "Hallo: Welt", "---\ntitle: \"Hallo: Welt\"\ntags: [a, b]\n---\nText\n");
  assert_set_string (plain, "title", "1.10", "---\ntitle: \"1.10\"\ntags: [a, b]\n---\nText\n");
  assert_set_string (plain, "title", "#tag", "---\ntitle: \"#tag\"\ntags: [a, b]\n---\nText\n");
  assert_set_string (plain, "title", "Er sagte \"ja\"", "---\ntitle: Er sagte \"ja\"\ntags: [a, b]\n---\nText\n");
  /* Flow lists stay flow lists; commas inside items get quotes there. */
  assert_edit (plain, "tags", "[x, \"y, z\", \"no\"]", "---\ntitle: Hallo\ntags: [x, \"y, z\", \"no\"]\n---\nText\n");
  assert_edit (plain, "published", "false", "---\ntitle: Hallo\ntags: [a, b]\npublished: false\n---\nText\n");
  assert_edit (plain, "date", "2025-11-04 16:30:00 +01:00",
               "---\ntitle: Hallo\ntags: [a, b]\ndate: 2025-11-04 16:30:00 +01:00\n---\nText\n");
}

static void
test_single_quotes (void)
{
  const char *text = "---\ntitle: 'It''s here'\nother: 'x'\n---\n";

  {
    g_autoptr(AushangDocument) document = load (text);

    assert_json (document, "title", "\"It's here\"");
  }
  assert_set_string (text, "title", "Don't", "---\ntitle: 'Don''t'\nother: 'x'\n---\n");
  assert_set_string (text, "new", "yes", "---\ntitle: 'It''s here'\nother: 'x'\nnew: 'yes'\n---\n");
  assert_set_string (text, "title", "line\nbreak", "---\ntitle: \"line\\nbreak\"\nother: 'x'\n---\n");
}

static void
test_escapes (void)
{
  const char *text = "---\ntitle: \"Tab\\there \\\"quoted\\\" \\u00e4 \\\\\"\n---\n";
  g_autoptr(AushangDocument) document = load (text);

  assert_json (document, "title", "\"Tab\\there \\\"quoted\\\" ä \\\\\"");
}

static void
test_comments_and_colons (void)
{
  const char *text =
    "---\n"
    "# Über diesen Beitrag\n"
    "title: Zeit: 16:30 # kein Kommentar?\n"
    "---\n";
  g_autoptr(AushangDocument) document = load (text);

  /* "Zeit: 16:30" has ": " inside a plain scalar: invalid YAML. */
  g_assert_nonnull (aushang_document_get_problem (document, NULL, NULL));

  {
    const char *ok =
      "---\n"
      "# Über diesen Beitrag\n"
      "title: Treffen # ein Kommentar\n"
      "url: https://example.org/#anker\n"
      "\n"
      "# Ende\n"
      "---\n";
    g_autoptr(AushangDocument) d2 = load (ok);

    assert_json (d2, "title", "\"Treffen\"");
    assert_json (d2, "url", "\"https://example.org/#anker\"");
    assert_set_string (ok, "title", "Neu",
                       "---\n"
                       "# Über diesen Beitrag\n"
                       "title: Neu # ein Kommentar\n"
                       "url: https://example.org/#anker\n"
                       "\n"
                       "# Ende\n"
                       "---\n");
    /* Removing a key keeps the comments around it. */
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_true (aushang_front_matter_remove (fm_of (d2), "url", &error));
      after = serialize (d2);
      g_assert_cmpstr (after, ==,
                       "---\n"
                       "# Über diesen Beitrag\n"
                       "title: Treffen # ein Kommentar\n"
                       "\n"
                       "# Ende\n"
                       "---\n");
    }
  }
}

static void
test_block_scalars (void)
{
  const char *text =
    "---\n"
    "literal: |\n"
    "  Zeile eins\n"
    "  Zeile zwei\n"
    "\n"
    "strip: |-\n"
    "  ohne Umbruch\n"
    "keep: |+\n"
    "  mit allen\n"
    "\n"
    "folded: >\n"
    "  ein\n"
    "  Satz\n"
    "title: Danach\n"
    "---\n";
  g_autoptr(AushangDocument) document = load (text);

  assert_json (document, "literal", "\"Zeile eins\\nZeile zwei\\n\"");
  assert_json (document, "strip", "\"ohne Umbruch\"");
  assert_json (document, "keep", "\"mit allen\\n\\n\"");
  assert_json (document, "folded", "\"ein Satz\\n\"");
  assert_json (document, "title", "\"Danach\"");

  /* Without its final line break the block says so ("|-") and stays a
   * block; the empty line after it stays between the fields. */
  assert_set_string (text, "literal", "kurz",
                     "---\n"
                     "literal: |-\n"
                     "  kurz\n"
                     "\n"
                     "strip: |-\n"
                     "  ohne Umbruch\n"
                     "keep: |+\n"
                     "  mit allen\n"
                     "\n"
                     "folded: >\n"
                     "  ein\n"
                     "  Satz\n"
                     "title: Danach\n"
                     "---\n");
  assert_set_string (text, "title", "Neu",
                     "---\n"
                     "literal: |\n"
                     "  Zeile eins\n"
                     "  Zeile zwei\n"
                     "\n"
                     "strip: |-\n"
                     "  ohne Umbruch\n"
                     "keep: |+\n"
                     "  mit allen\n"
                     "\n"
                     "folded: >\n"
                     "  ein\n"
                     "  Satz\n"
                     "title: Neu\n"
                     "---\n");
}

static void
test_anchors_aliases (void)
{
  const char *text =
    "---\n"
    "base: &ort\n"
    "  stadt: Bielefeld\n"
    "  raum: Alter Markt\n"
    "event:\n"
    "  <<: *ort\n"
    "  start: 16:30\n"
    "copy: *ort\n"
    "name: &n Maria\n"
    "author: *n\n"
    "---\n";
  g_autoptr(AushangDocument) document = load (text);

  g_assert_null (aushang_document_get_problem (document, NULL, NULL));
  assert_json (document, "copy", "{\"stadt\":\"Bielefeld\",\"raum\":\"Alter Markt\"}");
  assert_json (document, "event", "{\"stadt\":\"Bielefeld\",\"raum\":\"Alter Markt\",\"start\":59400}");
  assert_json (document, "author", "\"Maria\"");
  g_assert_false (aushang_front_matter_is_simple (fm_of (document), "event"));
  assert_set_string (text, "author", "Jörg",
                     "---\n"
                     "base: &ort\n"
                     "  stadt: Bielefeld\n"
                     "  raum: Alter Markt\n"
                     "event:\n"
                     "  <<: *ort\n"
                     "  start: 16:30\n"
                     "copy: *ort\n"
                     "name: &n Maria\n"
                     "author: Jörg\n"
                     "---\n");
}

static void
test_alias_bomb (void)
{
  GString *text = g_string_new ("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
  g_autoptr(AushangDocument) document = NULL;
  const GError *problem;
  g_autofree char *owned = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 1; i < 12; i++)
    {
      g_string_append_printf (text, "a%d: &a%d [", i, i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (text, "%s*a%d", j ? ", " : "", i - 1);
      g_string_append (text, "]\n");
    }
  g_string_append (text, "title: Bombe\n---\nText\n");
  owned = g_string_free (text, FALSE);

  document = load (owned);
  problem = aushang_document_get_problem (document, NULL, NULL);
  g_assert_nonnull (problem);
  g_assert_error ((GError *) problem, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_TOO_COMPLEX);
  /* Refused at once, not after expanding 10^12 nodes. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  {
    g_autofree char *same = serialize (document);

    g_assert_cmpstr (same, ==, owned);
  }
}

static void
test_flow_collections (void)
{
  const char *text = "---\ntags: [a, 'b', \"c\"]\nmeta: {x: 1, y: [2, 3]}\n---\n";
  g_autoptr(AushangDocument) document = load (text);

  assert_json (document, "tags", "[\"a\",\"b\",\"c\"]");
  assert_json (document, "meta", "{\"x\":1,\"y\":[2,3]}");
  assert_edit (text, "meta", "{x: 2}", "---\ntags: [a, 'b', \"c\"]\nmeta: {x: 2}\n---\n");
}

static void
test_crlf_bom (void)
{
  const char *text = "\xEF\xBB\xBF---\r\ntitle: Alt\r\ncategories:\r\n- eins\r\n---\r\nText\r\n";
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *same = serialize (document);

  g_assert_true (aushang_document_get_has_bom (document));
  g_assert_cmpstr (aushang_document_get_line_ending (document), ==, "\r\n");
  g_assert_cmpstr (same, ==, text);
  assert_json (document, "title", "\"Alt\"");
  assert_set_string (text, "title", "Neu", "\xEF\xBB\xBF---\r\ntitle: Neu\r\ncategories:\r\n- eins\r\n---\r\nText\r\n");
  assert_edit (text, "categories", "[eins, zwei]",
               "\xEF\xBB\xBF---\r\ntitle: Alt\r\ncategories:\r\n- eins\r\n- zwei\r\n---\r\nText\r\n");
  assert_set_string (text, "neu", "x", "\xEF\xBB\xBF---\r\ntitle: Alt\r\ncategories:\r\n- eins\r\nneu: x\r\n---\r\nText\r\n");
}

static void
test_tabs (void)
{
  /* A tab inside a value is fine; a tab as indentation is not. */
  const char *inside = "---\ntitle: a\tb\n---\n";
  const char *indent = "---\ncategories:\n\t- eins\n---\n";
  g_autoptr(AushangDocument) d1 = load (inside);
  g_autoptr(AushangDocument) d2 = load (indent);
  g_autoptr(GError) error = NULL;
  g_autofree char *same = NULL;
  guint line = 0, column = 0;
  const GError *problem;

  assert_json (d1, "title", "\"a\\tb\"");

  problem = aushang_document_get_problem (d2, &line, &column);
  g_assert_nonnull (problem);
  g_assert_cmpuint (line, ==, 3);
  g_assert_true (strstr (problem->message, "tab") != NULL);

  /* Refused, and nothing changes. */
  g_assert_false (aushang_front_matter_set_string (fm_of (d2), "title", "x", &error));
  g_assert_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE);
  same = serialize (d2);
  g_assert_cmpstr (same, ==, indent);
}

static void
test_duplicate_keys (void)
{
  const char *text = "---\ntitle: Erst\nx: 1\ntitle: Zweit\n---\n";
  g_autoptr(AushangDocument) document = load (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  assert_json (document, "title", "\"Zweit\"");
  g_assert_cmpuint (aushang_front_matter_count_key (fm_of (document), "title"), ==, 2);
  g_assert_cmpuint (aushang_front_matter_get_key_line (fm_of (document), "title"), ==, 4);
  assert_set_string (text, "title", "Neu", "---\ntitle: Erst\nx: 1\ntitle: Neu\n---\n");

  g_assert_true (aushang_front_matter_remove (fm_of (document), "title", &error));
  after = serialize (document);
  g_assert_cmpstr (after, ==, "---\nx: 1\n---\n");
}

static void
test_invalid_utf8 (void)
{
  const char *text = "---\ntitle: Gr\xfc\xdf" "e\n---\nBody\n";
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *same = serialize (document);
  guint line = 0, column = 0;
  const GError *problem = aushang_document_get_problem (document, &line, &column);

  g_assert_nonnull (problem);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 10);
  g_assert_true (strstr (problem->message, "UTF-8") != NULL);
  g_assert_cmpstr (same, ==, text);
}

static void
test_empty_front_matter (void)
{
  const char *text = "---\n---\nNur Text\n";
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *same = serialize (document);
  g_auto(GStrv) keys = aushang_front_matter_dup_keys (fm_of (document));

  g_assert_true (aushang_document_get_has_front_matter (document));
  g_assert_null (aushang_document_get_problem (document, NULL, NULL));
  g_assert_cmpuint (g_strv_length (keys), ==, 0);
  g_assert_cmpstr (same, ==, text);
  assert_set_string (text, "title", "Erster", "---\ntitle: Erster\n---\nNur Text\n");
  assert_set_string ("---\n# nur ein Kommentar\n---\n", "title", "T", "---\n# nur ein Kommentar\ntitle: T\n---\n");
}

static void
test_dots_terminator (void)
{
  const char *text = "---\ntitle: Punkte\n...\nText\n";
  g_autoptr(AushangDocument) document = load (text);

  assert_json (document, "title", "\"Punkte\"");
  g_assert_cmpstr (aushang_document_get_body (document), ==, "Text\n");
  assert_set_string (text, "title", "Neu", "---\ntitle: Neu\n...\nText\n");
}

static void
test_no_front_matter (void)
{
  const char *text = "# Nur Markdown\n\nText ohne Kopf.";
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *same = serialize (document);

  g_assert_false (aushang_document_get_has_front_matter (document));
  g_assert_null (aushang_document_get_problem (document, NULL, NULL));
  g_assert_cmpstr (same, ==, text);
  /* Setting a field creates the front matter. */
  assert_set_string (text, "title", "Neu", "---\ntitle: Neu\n---\n# Nur Markdown\n\nText ohne Kopf.");
}

static void
test_no_closing_line (void)
{
  const char *text = "---\ntitle: Offen\n\nText ohne Ende\n";
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *same = serialize (document);
  g_autoptr(GError) error = NULL;
  guint line = 0;
  const GError *problem = aushang_document_get_problem (document, &line, NULL);

  g_assert_nonnull (problem);
  g_assert_error ((GError *) problem, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_UNCLOSED);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpstr (same, ==, text);
  g_assert_false (aushang_document_can_edit_fields (document, &error));
  g_assert_nonnull (error);
}

static void
test_missing_final_newline (void)
{
  const char *text = "---\ntitle: Ende\n---";
  g_autoptr(AushangDocument) document = load (text);
  g_autofree char *same = serialize (document);

  g_assert_cmpstr (same, ==, text);
  assert_json (document, "title", "\"Ende\"");
  assert_set_string (text, "title", "Neu", "---\ntitle: Neu\n---");
}

static void
test_invalid_yaml_message (void)
{
  struct {
    const char *text;
    guint       line;
    const char *words;
  } cases[] = {
    { "---\ntitle: \"offen\n---\n", 2, "quote" },
    { "---\ntitle: Hallo: Welt\n---\n", 2, "colon" },
    { "---\ntitle: a\n  b: c\n---\n", 3, "colon" },
    { "---\ntitle: @home\n---\n", 2, "quotes" },
    { "---\ntitle: :symbol\n---\n", 2, "quotes" },
    { "---\n- a\n- b\n---\n", 2, "name: value" },
    { "---\nauthor: *nobody\n---\n", 2, "anchor" },
    /* Jekyll: "could not find expected ':' … at line 3 column 1". */
    { "---\na: 1\nb\nc: 2\n---\n", 3, "colon" },
    /* Jekyll: "… scanning a quoted scalar at line 3 column 9". */
    { "---\ntitle: T\nteaser: \"Offen\nx: 1\n---\n", 3, "quote" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AushangDocument) document = load (cases[i].text);
      guint line = 0, column = 0;
      const GError *problem = aushang_document_get_problem (document, &line, &column);
      g_autofree char *same = serialize (document);

      g_test_message ("case %u: %s", i, problem ? problem->message : "(none)");
      g_assert_nonnull (problem);
      g_assert_cmpuint (line, ==, cases[i].line);
      g_assert_cmpuint (column, >=, 1);
      g_assert_nonnull (strstr (problem->message, cases[i].words));
      g_assert_cmpstr (same, ==, cases[i].text);
    }
}

static void
test_nested_untouched (void)
{
  const char *text =
    "---\n"
    "title: Sommerfest\n"
    "event:\n"
    "  start: 2025-07-01 18:00:00 +02:00   # Beginn\n"
    "  ort:\n"
    "    name: Hof\n"
    "gallery:\n"
    "  - file: a.jpg\n"
    "    caption: Eins\n"
    "  - file: b.jpg\n"
    "---\n"
    "Text\n";
  g_autoptr(AushangDocument) document = load (text);

  g_assert_false (aushang_front_matter_is_simple (fm_of (document), "gallery"));
  g_assert_true (aushang_front_matter_is_simple (fm_of (document), "title"));
  assert_json (document, "event", "{\"start\":\"2025-07-01 18:00:00 +02:00\",\"ort\":{\"name\":\"Hof\"}}");
  assert_set_string (text, "title", "Herbstfest",
                     "---\n"
                     "title: Herbstfest\n"
                     "event:\n"
                     "  start: 2025-07-01 18:00:00 +02:00   # Beginn\n"
                     "  ort:\n"
                     "    name: Hof\n"
                     "gallery:\n"
                     "  - file: a.jpg\n"
                     "    caption: Eins\n"
                     "  - file: b.jpg\n"
                     "---\n"
                     "Text\n");
}

static void
test_list_to_scalar_and_back (void)
{
  const char *text = "---\nauthor: Maria\ntags:\n- a\n- b\nx: 1\n---\n";

  assert_edit (text, "author", "[Maria, Jörg]", "---\nauthor:\n- Maria\n- Jörg\ntags:\n- a\n- b\nx: 1\n---\n");
  assert_edit (text, "tags", "einzeln", "---\nauthor: Maria\ntags: einzeln\nx: 1\n---\n");
  assert_edit (text, "tags", "[]", "---\nauthor: Maria\ntags: []\nx: 1\n---\n");
}

static void
test_replace_text (void)
{
  g_autoptr(AushangDocument) document = load (example);
  g_autoptr(GError) error = NULL;
  g_autofree char *same = NULL;

  g_assert_false (aushang_front_matter_replace_text (fm_of (document), "title: [kaputt\n", &error));
  g_assert_nonnull (error);
  same = serialize (document);
  g_assert_cmpstr (same, ==, example);
  g_clear_error (&error);

  /* Lines are named as in the file, where the front matter starts on
   * line 2 (the "Edit as YAML" dialog numbers its lines so too): a quote
   * opened on the text's second line is the file's line 3, where Jekyll
   * names it. */
  g_assert_false (aushang_front_matter_replace_text (fm_of (document), "title: T\nteaser: \"Offen\nx: 1\n", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column 9: "));
  g_clear_error (&error);

  g_assert_true (aushang_front_matter_replace_text (fm_of (document), "title: Ganz neu\n", &error));
  assert_json (document, "title", "\"Ganz neu\"");
  g_assert_true (aushang_document_get_modified (document));
}

/* The reliability probe found edits that broke the promise that nothing
 * else changes: an anchor name used twice, explicit keys ("? a"), and
 * removing a key another one refers to. */
static void
test_edit_changes_nothing_else (void)
{
  const char *anchors = "---\nx: &x eins\ny: &x zwei\nz: *x\n---\nText\n";
  const char *removed = "---\nort: &ort Rathaus\ntreffpunkt: *ort\n---\n";
  g_autoptr(AushangDocument) document = load (removed);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  /* Psych reads z as "zwei"; replacing y's value drops the second &x, and
   * z would silently become "eins". */
  assert_refused (anchors, "y", "drei", "would also change “z”");

  /* Removing the anchor's key would leave an alias to nothing. */
  g_assert_false (aushang_front_matter_remove (fm_of (document), "ort", &error));
  g_assert_nonnull (error);
  after = serialize (document);
  g_assert_cmpstr (after, ==, removed);
  g_assert_false (aushang_document_get_modified (document));

  /* An explicit key with no value: writing after the key would make it a
   * different key. */
  assert_refused ("---\n? a\nb: 2\n---\n", "a", "X", "“a”");

  /* An explicit key whose colon stands on the next line is edited where
   * its value is. */
  assert_edit ("---\n? a  # Kommentar\n: 1\nb: 2\n---\n", "a", "Neu",
               "---\n? a  # Kommentar\n: Neu\nb: 2\n---\n");
  assert_edit ("---\n? a\n: 1\nb: 2\n---\n", "a", "[x, z]",
               "---\n? a\n:\n  - x\n  - z\nb: 2\n---\n");
}

/* An empty value ("tags=" on the command line) reads as null; it used to
 * write bytes from past the end of a string. */
static void
test_set_null (void)
{
  assert_edit ("---\ntitle: Alt # Kommentar\nx: 1\n---\n", "title", "",
               "---\ntitle: # Kommentar\nx: 1\n---\n");
  assert_edit ("---\ntags: [a, b]\n---\n", "tags", "~",
               "---\ntags:\n---\n");
}

/* A comment after a [flow, list] stays when the list changes (found by a
 * person adding a category to a real post). */
static void
test_flow_list_comment (void)
{
  assert_edit ("---\ncategories: [a, b]  # Kategorien\ntitle: T\n---\n", "categories", "[a, b, c]",
               "---\ncategories: [a, b, c]  # Kategorien\ntitle: T\n---\n");
  assert_edit ("---\ncategories: [a,\n  b]  # K\nx: 1\n---\n", "categories", "[a, b, c]",
               "---\ncategories: [a, b, c]  # K\nx: 1\n---\n");
  assert_edit ("---\nort: {raum: 1}  # Raum\n---\n", "ort", "{raum: 2}",
               "---\nort: {raum: 2}  # Raum\n---\n");
  /* A value on the line after its key (found by the fuzzer): the key
   * line's comment stays when the value becomes a block list. */
  assert_edit ("---\ntags:  # Kommentar\n  wert\nx: 1\n---\n", "tags", "[a, b]",
               "---\ntags:  # Kommentar\n  - a\n  - b\nx: 1\n---\n");
}

/* Found by fuzzing: a comment on the key line of a block value was lost
 * when the value was set; "Edit as YAML" text without a final line break
 * swallowed the closing "---", and a "---" line in it ended the front
 * matter early. */
static void
test_fuzz_findings (void)
{
  g_autoptr(AushangDocument) document = load ("---\ntitle: a\n---\nText\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  assert_set_string ("---\nbeschreibung: |  # Kommentar\n  x\ntitle: a\n---\n", "beschreibung", "neu",
                     "---\nbeschreibung: |-  # Kommentar\n  neu\ntitle: a\n---\n");
  assert_edit ("---\ntags:  # Kommentar\n  - a\n---\n", "tags", "[a, b, c]",
               "---\ntags:  # Kommentar\n  - a\n  - b\n  - c\n---\n");

  g_assert_true (aushang_front_matter_replace_text (fm_of (document), "title: b", &error));
  g_assert_no_error (error);
  after = serialize (document);
  g_assert_cmpstr (after, ==, "---\ntitle: b\n---\nText\n");

  g_assert_false (aushang_front_matter_replace_text (fm_of (document), "title: c\n---\nmehr: x\n", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column 1: "));
  g_clear_pointer (&after, g_free);
  after = serialize (document);
  g_assert_cmpstr (after, ==, "---\ntitle: b\n---\nText\n");
}

/* The values are read at once, the editor (which knows where each part
 * stands) only when needed: the values read first are those the editor
 * reads, stay valid once it is made, and a front matter with a problem
 * names it at once. Hand-written cases and every file of the corpus. */
static void
check_read_before_edit (const char *text,
                        gsize       length)
{
  g_autoptr(AushangFrontMatter) quick = aushang_front_matter_new (text, length, 2, "\n");
  g_autoptr(AushangFrontMatter) full = aushang_front_matter_new (text, length, 2, "\n");
  AushangValue *data, *title;
  g_autofree char *title_json = NULL;
  gsize quick_length = 0, full_length = 0;

  /* One is read as the preview reads it, the other edited at once. */
  aushang_front_matter_get_yaml (full);
  g_assert_cmpstr (aushang_front_matter_get_text (quick, &quick_length), ==,
                   aushang_front_matter_get_text (full, &full_length));
  g_assert_cmpuint (quick_length, ==, full_length);
  g_assert_cmpint (aushang_front_matter_get_error (quick) != NULL, ==,
                   aushang_front_matter_get_error (full) != NULL);
  if (aushang_front_matter_get_error (full) != NULL)
    {
      g_assert_cmpstr (aushang_front_matter_get_error (quick)->message, ==,
                       aushang_front_matter_get_error (full)->message);
      g_assert_cmpuint (aushang_front_matter_get_error_line (quick), ==,
                        aushang_front_matter_get_error_line (full));
      return;
    }

  data = aushang_front_matter_get_data (quick);
  g_assert_true (aushang_value_equal (data, aushang_front_matter_get_data (full)));
  title = aushang_front_matter_get (quick, "title");
  g_assert_true ((title == NULL) == (aushang_front_matter_get (full, "title") == NULL));
  if (title != NULL)
    {
      g_assert_true (aushang_value_equal (title, aushang_front_matter_get (full, "title")));
      title_json = aushang_value_to_json (title);
    }

  /* Now the editor is made: what was read before is still there. */
  g_assert_cmpuint (aushang_front_matter_get_key_line (quick, "title"), ==,
                    aushang_front_matter_get_key_line (full, "title"));
  g_assert_true (aushang_value_equal (aushang_front_matter_get_data (quick), data));
  if (title != NULL)
    {
      g_autofree char *again = aushang_value_to_json (title);

      g_assert_cmpstr (again, ==, title_json);
    }

  /* And both take an edit alike. */
  {
    g_autoptr(AushangFrontMatter) quick_edit = aushang_front_matter_new (text, length, 2, "\n");
    gboolean quick_ok = aushang_front_matter_set_string (quick_edit, "aushang-test", "x", NULL);
    gboolean full_ok = aushang_front_matter_set_string (full, "aushang-test", "x", NULL);

    g_assert_cmpint (quick_ok, ==, full_ok);
    g_assert_cmpstr (aushang_front_matter_get_text (quick_edit, NULL), ==,
                     aushang_front_matter_get_text (full, NULL));
  }
}

static gboolean
is_document_file (const char *name)
{
  return g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown") ||
         g_str_has_suffix (name, ".html");
}

static void
test_read_before_edit (void)
{
  static const char * const texts[] = {
    "title: \"Repair-Café\"\ndate: 2026-09-08\nauthors:\n  - A\n  - B\n",
    "base: &b\n  x: 1\nmerged:\n  <<: *b\n  y: 2\ntitle: T\n",
    "title: one\ntitle: two\n",
    "{title: flow}\n",
    "- a list\n",
    "",
    "# only a comment\n",
    "title: [unclosed\n",
    "title: T\n---\nsecond: document\n",
    "title: \"\xff\"\n",
    "? complex\n: key\ntitle: T\n",
    "tags: !ruby/object:Foo x\n",
  };
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint with_front_matter = 0;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_read_before_edit (texts[i], strlen (texts[i]));

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    return;
  aushang_test_collect_files (corpus, is_document_file, files);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *data = NULL;
      gsize length = 0;
      g_autoptr(AushangDocument) document = NULL;
      AushangFrontMatter *front_matter;
      const char *text;

      if (!g_file_get_contents (g_ptr_array_index (files, i), &data, &length, NULL))
        continue;
      document = aushang_document_new_from_data (data, length);
      if (!aushang_document_get_has_front_matter (document))
        continue;
      front_matter = aushang_document_get_front_matter (document);
      text = aushang_front_matter_get_text (front_matter, &length);
      check_read_before_edit (text, length);
      with_front_matter++;
    }
  g_assert_cmpuint (with_front_matter, >, 500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter/typed-values", test_typed_values);
  g_test_add_func ("/front-matter/read-before-edit", test_read_before_edit);
  g_test_add_func ("/front-matter/edit-keeps-style", test_edit_keeps_style);
  g_test_add_func ("/front-matter/same-value-no-change", test_same_value_no_change);
  g_test_add_func ("/front-matter/plain-file-quotes-when-needed", test_plain_file_quotes_when_needed);
  g_test_add_func ("/front-matter/single-quotes", test_single_quotes);
  g_test_add_func ("/front-matter/escapes", test_escapes);
  g_test_add_func ("/front-matter/comments-and-colons", test_comments_and_colons);
  g_test_add_func ("/front-matter/block-scalars", test_block_scalars);
  g_test_add_func ("/front-matter/anchors-aliases", test_anchors_aliases);
  g_test_add_func ("/front-matter/alias-bomb", test_alias_bomb);
  g_test_add_func ("/front-matter/flow-collections", test_flow_collections);
  g_test_add_func ("/front-matter/crlf-bom", test_crlf_bom);
  g_test_add_func ("/front-matter/tabs", test_tabs);
  g_test_add_func ("/front-matter/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/front-matter/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/front-matter/empty", test_empty_front_matter);
  g_test_add_func ("/front-matter/dots-terminator", test_dots_terminator);
  g_test_add_func ("/front-matter/no-front-matter", test_no_front_matter);
  g_test_add_func ("/front-matter/no-closing-line", test_no_closing_line);
  g_test_add_func ("/front-matter/missing-final-newline", test_missing_final_newline);
  g_test_add_func ("/front-matter/invalid-yaml-message", test_invalid_yaml_message);
  g_test_add_func ("/front-matter/nested-untouched", test_nested_untouched);
  g_test_add_func ("/front-matter/list-to-scalar-and-back", test_list_to_scalar_and_back);
  g_test_add_func ("/front-matter/replace-text", test_replace_text);
  g_test_add_func ("/front-matter/edit-changes-nothing-else", test_edit_changes_nothing_else);
  g_test_add_func ("/front-matter/set-null", test_set_null);
  g_test_add_func ("/front-matter/flow-list-comment", test_flow_list_comment);
  g_test_add_func ("/front-matter/fuzz-findings", test_fuzz_findings);

  return g_test_run ();
}
