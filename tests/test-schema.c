/* test-schema.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "aushang-schema.h"
#include "aushang-yaml.h"

/* Front matters from YAML texts, newest document first. */
static GPtrArray *
parse_documents (const char * const *texts)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);

  for (; *texts != NULL; texts++)
    {
      g_autoptr(GError) error = NULL;
      AushangValue *value = aushang_yaml_parse_value (*texts, &error);

      g_assert_no_error (error);
      g_assert_nonnull (value);
      g_ptr_array_add (documents, value);
    }

  return documents;
}

static char *
field_order (AushangSchema *schema)
{
  GPtrArray *fields = aushang_schema_get_fields (schema);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      AushangField *field = g_ptr_array_index (fields, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, field->key);
    }

  return g_string_free (out, FALSE);
}

static char *
joined_suggestions (AushangField *field)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < field->suggestions->len; i++)
    {
      if (i > 0)
        g_string_append (out, " | ");
      g_string_append (out, g_ptr_array_index (field->suggestions, i));
    }

  return g_string_free (out, FALSE);
}

static AushangField *
get_field (AushangSchema    *schema,
           const char       *key,
           AushangFieldKind  kind)
{
  AushangField *field = aushang_schema_get_field (schema, key);

  g_assert_nonnull (field);
  g_assert_cmpstr (aushang_field_kind_to_string (field->kind), ==,
                   aushang_field_kind_to_string (kind));

  return field;
}

static void
assert_suggestions (AushangField *field,
                    const char   *expected)
{
  g_autofree char *text = joined_suggestions (field);

  g_assert_cmpstr (text, ==, expected);
}

/* A site like the one of ../examples/ki-und-soziale-innovationen.md: newer
 * posts moved from "author:" to "authors:" as a list. */
static const char * const blog[] = {
  "title: Rückblick KI-Meetup\n"
  "teaser: Was wir gelernt haben.\n"
  "authors:\n  - Maria Gonçalves\n  - Jonas Weber\n"
  "categories:\n  - KI und Zivilgesellschaft\n"
  "date: 2025-11-20\n"
  "header_image: /assets/images/rueckblick.jpg\n"
  "header_image_credit: 'Foto: Jonas Weber'\n"
  "location: Bürgerhaus\n"
  "speakers: [Tanja Kersting, Ali Demir]\n"
  "room: 12\n"
  "layout: post\n"
  "motto: Eins\n",

  "title: \"KI und Soziale Innovationen: Wie KI für das Gemeinwohl eingesetzt werden kann.\"\n"
  "teaser: Das 10. Meetup aus der Reihe KI und Zivilgesellschaft.\n"
  "author: Maria Gonçalves\n"
  "categories:\n  - KI und Zivilgesellschaft\n  - Treffen\n"
  "date: 2025-11-04\n"
  "header_image: /assets/images/ki.png\n"
  "location: Bürgerhaus\n"
  "speakers: Tanja Kersting\n"
  "room: 14\n"
  "summary: |\n  Zwei Zeilen\n  Text.\n"
  "published: true\n"
  "motto: Zwei\n",

  "title: Offenes Treffen\n"
  "author: Jonas Weber\n"
  "categories: Treffen Werkstatt\n"
  "date: 2025-10-01\n"
  "location: Rathaus\n"
  "room: Saal\n"
  "gallery:\n  - src: a.jpg\n    caption: Eins\n"
  "thumbnail: vorschau\n"
  "motto: Drei\n",

  "title: Erstes Treffen\n"
  "author: Maria Gonçalves\n"
  "categories: [Treffen]\n"
  "date: 2025-09-01\n"
  "location: Bürgerhaus\n"
  "featured: false\n"
  "motto: Vier\n",

  NULL
};

static void
test_blog (void)
{
  g_autoptr(GPtrArray) documents = parse_documents (blog);
  g_autoptr(AushangSchema) schema = aushang_schema_infer (documents);
  g_autofree char *order = NULL;
  AushangField *field;

  g_assert_cmpuint (aushang_schema_get_n_documents (schema), ==, 4);

  order = field_order (schema);
  g_assert_cmpstr (order, ==,
                   "title teaser date authors categories header_image thumbnail "
                   "header_image_credit published "
                   "location speakers room gallery featured summary motto "
                   "layout");

  field = get_field (schema, "title", AUSHANG_FIELD_TEXT);
  g_assert_true (field->required);
  g_assert_cmpuint (field->count, ==, 4);
  g_assert_cmpfloat (field->frequency, ==, 1.0);
  g_assert_cmpuint (field->suggestions->len, ==, 0);
  g_assert_cmpstr (field->example, ==, "Rückblick KI-Meetup");

  /* Short teasers are still long text: a well-known key. */
  field = get_field (schema, "teaser", AUSHANG_FIELD_LONG_TEXT);
  g_assert_false (field->required);
  g_assert_cmpuint (field->count, ==, 2);
  g_assert_cmpfloat (field->frequency, ==, 0.5);

  field = get_field (schema, "date", AUSHANG_FIELD_DATE);
  g_assert_true (field->required);
  g_assert_cmpstr (field->example, ==, "2025-11-20");

  /* The newest documents write "authors:", so that is the field's key. */
  field = get_field (schema, "authors", AUSHANG_FIELD_LIST);
  g_assert_true (aushang_schema_get_field (schema, "author") == field);
  g_assert_cmpstr (field->key, ==, "authors");
  g_assert_cmpstr (field->alias, ==, "author");
  g_assert_cmpuint (field->count, ==, 4);
  g_assert_true (field->required);
  assert_suggestions (field, "Maria Gonçalves | Jonas Weber");
  g_assert_cmpstr (field->example, ==, "Maria Gonçalves, Jonas Weber");

  /* "categories: Treffen Werkstatt" is two categories to Jekyll. */
  field = get_field (schema, "categories", AUSHANG_FIELD_LIST);
  g_assert_null (field->alias);
  g_assert_true (aushang_schema_get_field (schema, "category") == field);
  assert_suggestions (field, "Treffen | KI und Zivilgesellschaft | Werkstatt");

  field = get_field (schema, "header_image", AUSHANG_FIELD_IMAGE);
  g_assert_cmpuint (field->suggestions->len, ==, 0);

  /* Rare well-known keys keep their kind whatever their values look like. */
  field = get_field (schema, "thumbnail", AUSHANG_FIELD_IMAGE);
  g_assert_cmpuint (field->count, ==, 1);
  get_field (schema, "header_image_credit", AUSHANG_FIELD_TEXT);
  field = get_field (schema, "published", AUSHANG_FIELD_BOOLEAN);
  g_assert_false (field->required);
  get_field (schema, "layout", AUSHANG_FIELD_TEXT);

  /* Other keys by their values. */
  field = get_field (schema, "location", AUSHANG_FIELD_TEXT);
  g_assert_true (field->required);
  assert_suggestions (field, "Bürgerhaus | Rathaus");

  /* A list in one document, a single name in another. */
  field = get_field (schema, "speakers", AUSHANG_FIELD_LIST);
  assert_suggestions (field, "Tanja Kersting | Ali Demir");

  /* Two numbers against one word. */
  field = get_field (schema, "room", AUSHANG_FIELD_NUMBER);
  g_assert_cmpuint (field->suggestions->len, ==, 0);

  /* Four different values in four documents: nothing worth offering. */
  field = get_field (schema, "motto", AUSHANG_FIELD_TEXT);
  g_assert_cmpuint (field->suggestions->len, ==, 0);
  g_assert_cmpstr (field->example, ==, "Eins");

  get_field (schema, "summary", AUSHANG_FIELD_LONG_TEXT);
  get_field (schema, "gallery", AUSHANG_FIELD_YAML);
  get_field (schema, "featured", AUSHANG_FIELD_BOOLEAN);

  g_assert_null (aushang_schema_get_field (schema, "missing"));
}

static void
test_author_spelling_of_newest (void)
{
  /* Here the newest document went back to "author:". */
  static const char * const texts[] = {
    "{title: C, author: Maria}",
    "{title: B, authors: [Jonas]}",
    "{title: A, authors: [Maria, Jonas]}",
    NULL
  };
  static const char * const only_author[] = {
    "{title: B, author: Maria}",
    "{title: A, author: Maria}",
    NULL
  };
  g_autoptr(GPtrArray) documents = parse_documents (texts);
  g_autoptr(AushangSchema) schema = aushang_schema_infer (documents);
  g_autoptr(GPtrArray) documents2 = parse_documents (only_author);
  g_autoptr(AushangSchema) schema2 = aushang_schema_infer (documents2);
  AushangField *field;

  field = get_field (schema, "author", AUSHANG_FIELD_LIST);
  g_assert_cmpstr (field->key, ==, "author");
  g_assert_cmpstr (field->alias, ==, "authors");
  g_assert_cmpuint (field->count, ==, 3);
  /* Maria and Jonas both in two documents: the newer use first. */
  assert_suggestions (field, "Maria | Jonas");

  field = get_field (schema2, "author", AUSHANG_FIELD_LIST);
  g_assert_cmpstr (field->key, ==, "author");
  g_assert_null (field->alias);
  g_assert_true (aushang_schema_get_field (schema2, "authors") == field);
}

static void
test_suggestion_order (void)
{
  static const char * const texts[] = {
    "{title: E, tags: [selten, mittel]}",
    "{title: D, tags: [oft, mittel]}",
    "{title: C, tags: [oft, oft, mittel]}",
    "{title: B, tags: oft}",
    "{title: A, tags: [oft, ~, 2025]}",
    NULL
  };
  g_autoptr(GPtrArray) documents = parse_documents (texts);
  g_autoptr(AushangSchema) schema = aushang_schema_infer (documents);
  AushangField *field = get_field (schema, "tags", AUSHANG_FIELD_LIST);

  /* "oft" 4 documents (twice in one counts once), "mittel" 3, then the
   * ones used once in the order the newest documents use them. */
  assert_suggestions (field, "oft | mittel | selten | 2025");
  g_assert_cmpuint (field->count, ==, 5);
  g_assert_true (field->required);
}

static void
test_datetime_decision (void)
{
  static const char * const mostly_times[] = {
    "{title: C, date: 2025-11-04 18:30:00 +01:00}",
    "{title: B, date: '2025-10-01 19:00'}",
    "{title: A, date: 2025-09-01}",
    NULL
  };
  static const char * const mostly_days[] = {
    "{title: C, date: 2025-11-04 18:30:00 +01:00}",
    "{title: B, date: 2025-10-01}",
    "{title: A, date: '2025-09-01'}",
    NULL
  };
  static const char * const half[] = {
    "{title: B, date: 2025-11-04 18:30:00 +01:00}",
    "{title: A, date: 2025-10-01}",
    NULL
  };
  static const char * const other_key[] = {
    "{title: B, starts: 2025-11-04 18:30:00 +01:00, ends: 2025-11-05}",
    "{title: A, starts: 2025-10-01 19:00:00, ends: 2025-10-02}",
    NULL
  };
  g_autoptr(GPtrArray) d1 = parse_documents (mostly_times);
  g_autoptr(GPtrArray) d2 = parse_documents (mostly_days);
  g_autoptr(GPtrArray) d3 = parse_documents (half);
  g_autoptr(GPtrArray) d4 = parse_documents (other_key);
  g_autoptr(AushangSchema) s1 = aushang_schema_infer (d1);
  g_autoptr(AushangSchema) s2 = aushang_schema_infer (d2);
  g_autoptr(AushangSchema) s3 = aushang_schema_infer (d3);
  g_autoptr(AushangSchema) s4 = aushang_schema_infer (d4);

  /* A quoted date counts as Jekyll parses it. */
  get_field (s1, "date", AUSHANG_FIELD_DATETIME);
  get_field (s2, "date", AUSHANG_FIELD_DATE);
  get_field (s3, "date", AUSHANG_FIELD_DATE);
  get_field (s4, "starts", AUSHANG_FIELD_DATETIME);
  get_field (s4, "ends", AUSHANG_FIELD_DATE);
}

static void
test_kinds_by_value (void)
{
  static const char * const texts[] = {
    "poster: /assets/plakat.PNG\n"
    "folder: /assets/images/sommerfest\n"
    "flyer: /assets/flyer.pdf\n"
    "note: kurz\n"
    "ratio: 1.5\n"
    "image:\n  path: /assets/a.png\n  alt: Ein Bild\n"
    "links:\n  - {title: A, url: 'https://a.example'}\n"
    "level: 3\n"
    "hint: ~\n",

    "poster: https://example.org/bild.webp\n"
    "note: \"" /* 130 characters */
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "012345678901234567890123456789012345678901234567890123456789\"\n"
    "ratio: 2\n"
    "image:\n  path: /assets/b.png\n"
    "level: hoch\n"
    "hint:\n",

    "poster: /assets/plakat.svg\n"
    "image: /assets/c.png\n"
    "note: auch kurz\n",

    NULL
  };
  g_autoptr(GPtrArray) documents = parse_documents (texts);
  g_autoptr(AushangSchema) schema = aushang_schema_infer (documents);
  AushangField *field;

  get_field (schema, "poster", AUSHANG_FIELD_IMAGE);
  get_field (schema, "folder", AUSHANG_FIELD_IMAGE);
  get_field (schema, "flyer", AUSHANG_FIELD_TEXT);
  /* One long value makes it long text, however short the others are. */
  field = get_field (schema, "note", AUSHANG_FIELD_LONG_TEXT);
  g_assert_cmpuint (field->suggestions->len, ==, 0);
  get_field (schema, "ratio", AUSHANG_FIELD_NUMBER);
  /* A well-known key holding maps is kept as YAML rather than flattened. */
  get_field (schema, "image", AUSHANG_FIELD_YAML);
  get_field (schema, "links", AUSHANG_FIELD_YAML);
  /* A tie: the newest document's kind. */
  get_field (schema, "level", AUSHANG_FIELD_NUMBER);
  /* Never filled in: plain text. */
  field = get_field (schema, "hint", AUSHANG_FIELD_TEXT);
  g_assert_cmpuint (field->count, ==, 2);
  g_assert_null (field->example);

  /* No document has a title: the form offers one, first, but does not
   * ask for it. */
  field = get_field (schema, "title", AUSHANG_FIELD_TEXT);
  g_assert_false (field->required);
  g_assert_cmpuint (field->count, ==, 0);
  g_assert_cmpfloat (field->frequency, ==, 0.0);
  g_assert_true (g_ptr_array_index (aushang_schema_get_fields (schema), 0) == field);
}

static void
test_required (void)
{
  /* 19 of 20 documents is 95%: required. 2 of 2 is too few to tell. */
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
  g_autoptr(AushangSchema) schema = NULL;
  g_autoptr(AushangSchema) small = NULL;
  static const char * const two[] = {
    "{title: B, place: x}",
    "{title: A, place: y}",
    NULL
  };
  g_autoptr(GPtrArray) few = parse_documents (two);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("{title: T%u, date: 2025-01-%02u%s%s}",
                                               i, i + 1,
                                               i < 19 ? ", place: Saal" : "",
                                               i < 18 ? ", room: 1" : "");

      g_ptr_array_add (many, aushang_yaml_parse_value (text, NULL));
    }
  /* Something that is no front matter at all is skipped, not counted. */
  g_ptr_array_add (many, aushang_yaml_parse_value ("[not, a, map]", NULL));

  schema = aushang_schema_infer (many);
  g_assert_cmpuint (aushang_schema_get_n_documents (schema), ==, 20);
  g_assert_true (get_field (schema, "place", AUSHANG_FIELD_TEXT)->required);
  g_assert_false (get_field (schema, "room", AUSHANG_FIELD_NUMBER)->required);
  g_assert_true (get_field (schema, "date", AUSHANG_FIELD_DATE)->required);

  small = aushang_schema_infer (few);
  g_assert_false (get_field (small, "place", AUSHANG_FIELD_TEXT)->required);
  g_assert_true (get_field (small, "title", AUSHANG_FIELD_TEXT)->required);
}

static void
test_date_kind_of_value (void)
{
  static const char * const texts[] = {
    "{date: 2016-05-12}",
    "{date: 2016-05-13 18:30:00}",
    "{date: 2016-05-14 19:00:00 +02:00}",
    NULL
  };
  g_autoptr(GPtrArray) documents = parse_documents (texts);
  g_autoptr(AushangSchema) schema = aushang_schema_infer (documents);
  g_autoptr(AushangValue) quoted_day = aushang_yaml_parse_value ("'2016-05-12'", NULL);
  g_autoptr(AushangValue) quoted_time = aushang_yaml_parse_value ("'2016-05-12 10:00'", NULL);
  g_autoptr(AushangValue) text = aushang_yaml_parse_value ("morgen", NULL);
  AushangField *field = get_field (schema, "date", AUSHANG_FIELD_DATETIME);

  /* Most documents give a time, but a day alone is still a day: no time
   * boxes at 00:00. */
  g_assert_cmpint (aushang_schema_date_kind_of_value (field->kind, aushang_value_lookup (g_ptr_array_index (documents, 0), "date")),
                   ==, AUSHANG_FIELD_DATE);
  g_assert_cmpint (aushang_schema_date_kind_of_value (field->kind, aushang_value_lookup (g_ptr_array_index (documents, 1), "date")),
                   ==, AUSHANG_FIELD_DATETIME);
  /* A time is kept even where the collection writes days. */
  g_assert_cmpint (aushang_schema_date_kind_of_value (AUSHANG_FIELD_DATE, aushang_value_lookup (g_ptr_array_index (documents, 2), "date")),
                   ==, AUSHANG_FIELD_DATETIME);
  g_assert_cmpint (aushang_schema_date_kind_of_value (AUSHANG_FIELD_DATETIME, quoted_day), ==, AUSHANG_FIELD_DATE);
  g_assert_cmpint (aushang_schema_date_kind_of_value (AUSHANG_FIELD_DATE, quoted_time), ==, AUSHANG_FIELD_DATETIME);
  /* Nothing readable: as the collection does. */
  g_assert_cmpint (aushang_schema_date_kind_of_value (AUSHANG_FIELD_DATETIME, text), ==, AUSHANG_FIELD_DATETIME);
  g_assert_cmpint (aushang_schema_date_kind_of_value (AUSHANG_FIELD_DATE, NULL), ==, AUSHANG_FIELD_DATE);
}

static void
test_title_not_required_without_titles (void)
{
  /* People are named by name:, none has a title: the title is offered,
   * but not asked for. Where most documents have one, it is. */
  static const char * const people[] = {
    "{name: Jörg Fuchs, role: Vorstand}",
    "{name: Aylin Demir, role: Kasse}",
    "{name: Eva Schulz, role: Beisitz}",
    NULL
  };
  static const char * const most[] = {
    "{title: Eins}",
    "{title: Zwei}",
    "{name: Drei}",
    NULL
  };
  g_autoptr(GPtrArray) people_documents = parse_documents (people);
  g_autoptr(GPtrArray) most_documents = parse_documents (most);
  g_autoptr(AushangSchema) schema = aushang_schema_infer (people_documents);
  g_autoptr(AushangSchema) titled = aushang_schema_infer (most_documents);

  g_assert_false (get_field (schema, "title", AUSHANG_FIELD_TEXT)->required);
  g_assert_true (get_field (schema, "name", AUSHANG_FIELD_TEXT)->required);
  g_assert_true (get_field (titled, "title", AUSHANG_FIELD_TEXT)->required);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  AushangSchema *schema = aushang_schema_infer (none);
  g_autofree char *order = field_order (schema);

  g_assert_cmpuint (aushang_schema_get_n_documents (schema), ==, 0);
  g_assert_cmpstr (order, ==, "title");
  g_assert_true (aushang_schema_get_field (schema, "title")->required);

  g_assert_finalize_object (schema);
}

static void
test_field_order (void)
{
  /* Other keys follow where the documents put them, whatever their length;
   * layout and permalink go last even when written first. */
  static const char * const texts[] = {
    "{layout: post, permalink: /x/, title: C, subtitle: s, zeit: '18 Uhr', ort: Saal, "
    "eintritt: frei, date: 2025-11-04, tags: [a], categories: [b]}",
    "{title: B, zeit: '19 Uhr', ort: Saal, eintritt: frei}",
    "{title: A, zeit: '20 Uhr', ort: Saal}",
    NULL
  };
  g_autoptr(GPtrArray) documents = parse_documents (texts);
  g_autoptr(AushangSchema) schema = aushang_schema_infer (documents);
  g_autofree char *order = field_order (schema);

  g_assert_cmpstr (order, ==, "title subtitle date categories tags zeit ort eintritt layout permalink");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/blog", test_blog);
  g_test_add_func ("/schema/author-spelling-of-newest", test_author_spelling_of_newest);
  g_test_add_func ("/schema/suggestion-order", test_suggestion_order);
  g_test_add_func ("/schema/datetime-decision", test_datetime_decision);
  g_test_add_func ("/schema/kinds-by-value", test_kinds_by_value);
  g_test_add_func ("/schema/required", test_required);
  g_test_add_func ("/schema/title-not-required-without-titles", test_title_not_required_without_titles);
  g_test_add_func ("/schema/date-kind-of-value", test_date_kind_of_value);
  g_test_add_func ("/schema/empty", test_empty);
  g_test_add_func ("/schema/field-order", test_field_order);

  return g_test_run ();
}
