/* test-corpus.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Round trips over ../shared/corpus: about 1,200 real Jekyll documents from
 * six public sites, read where they are (never copied into this tree).
 */

#include "config.h"

#include <string.h>

#include "aushang-check.h"
#include "aushang-document.h"
#include "aushang-test-util.h"

typedef struct
{
  guint documents;
  guint problems;
  guint titles_edited;
  guint titles_added;
} Stats;

static const char *
corpus_dir (void)
{
  const char *dir = g_getenv ("AUSHANG_CORPUS_DIR");

  return dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

static gboolean
is_corpus_document (const char *name)
{
  return !g_str_has_suffix (name, ".yml") && strcmp (name, "README.md") != 0;
}

static char *
serialize (AushangDocument *document,
           gsize           *length)
{
  g_autoptr(GBytes) bytes = aushang_document_serialize (document);
  const char *data = g_bytes_get_data (bytes, length);

  return g_memdup2 (data, *length + 1);
}

static guint
line_of_offset (const char *text,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;

  return line;
}

/* The first line (1-based) after @line where another key starts, or the
 * closing line. */
static guint
next_key_line (AushangFrontMatter *fm,
               guint               line,
               guint               closing_line)
{
  g_auto(GStrv) keys = aushang_front_matter_dup_keys (fm);
  guint next = closing_line;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      guint l = aushang_front_matter_get_key_line (fm, keys[i]);

      if (l > line && l < next)
        next = l;
    }

  return next;
}

static void
check_other_keys_equal (AushangFrontMatter *before_fm,
                        AushangFrontMatter *after_fm,
                        const char         *path)
{
  g_auto(GStrv) keys = aushang_front_matter_dup_keys (before_fm);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (strcmp (keys[i], "title") == 0)
        continue;

      if (!aushang_value_equal (aushang_front_matter_get (before_fm, keys[i]),
                                aushang_front_matter_get (after_fm, keys[i])))
        g_error ("%s: key “%s” changed although only the title was edited", path, keys[i]);
    }
}

static void
check_document (const char *path,
                Stats      *stats)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  g_autoptr(AushangDocument) reread = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autofree char *original = NULL;
  g_autofree char *same = NULL;
  g_autofree char *edited = NULL;
  gsize original_length = 0, same_length = 0, edited_length = 0;
  AushangFrontMatter *fm;
  AushangValue *title;
  const char *new_title = "Neuer Titel: „Grüße“ & 'Zitate' #1";

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_file_get_contents (path, &original, &original_length, NULL);
  stats->documents++;

  /* Loaded and written back without an edit: byte for byte the same. */
  same = serialize (document, &same_length);
  if (same_length != original_length || memcmp (same, original, same_length) != 0)
    g_error ("%s: serialising an unedited document changed it", path);

  /* The checks never crash, and every problem has a line. */
  diagnostics = aushang_check_document (document, file, NULL);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      AushangDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_cmpuint (d->line, >=, 1);
      g_assert_nonnull (d->message);
    }

  if (aushang_document_get_problem (document, NULL, NULL) != NULL)
    {
      /* Such a document refuses field edits and stays as it is. */
      stats->problems++;
      g_assert_false (aushang_document_can_edit_fields (document, NULL));
      return;
    }

  if (!aushang_document_get_has_front_matter (document))
    return;

  fm = aushang_document_get_front_matter (document);
  title = aushang_front_matter_get (fm, "title");

  /* Setting the title to the value it has changes nothing. */
  if (title != NULL && aushang_value_get_kind (title) == AUSHANG_VALUE_STRING)
    {
      g_autofree char *current = g_strdup (aushang_value_get_string (title));
      g_autofree char *unchanged = NULL;
      gsize unchanged_length = 0;

      g_assert_true (aushang_front_matter_set_string (fm, "title", current, &error));
      g_assert_no_error (error);
      unchanged = serialize (document, &unchanged_length);
      if (unchanged_length != original_length || memcmp (unchanged, original, unchanged_length) != 0)
        g_error ("%s: setting the title to its own value changed the file", path);
    }

  /* A new title changes only the title's lines. */
  {
    guint title_line = aushang_front_matter_get_key_line (fm, "title");
    guint body_line = aushang_document_get_body_line (document);
    guint closing_line = body_line - 1;
    guint title_end = title_line ? next_key_line (fm, title_line, closing_line) : closing_line;
    g_autoptr(AushangDocument) before = aushang_document_new_from_data (original, original_length);
    gsize prefix = 0, suffix = 0;
    guint first_changed, last_changed_original;

    if (!aushang_front_matter_set_string (fm, "title", new_title, &error))
      g_error ("%s: setting the title failed: %s", path, error->message);

    edited = serialize (document, &edited_length);

    while (prefix < original_length && prefix < edited_length && original[prefix] == edited[prefix])
      prefix++;
    while (suffix < original_length - prefix && suffix < edited_length - prefix &&
           original[original_length - 1 - suffix] == edited[edited_length - 1 - suffix])
      suffix++;

    first_changed = line_of_offset (original, prefix);
    last_changed_original = line_of_offset (original, original_length - suffix);

    if (title_line != 0)
      {
        /* The change lies within the title's own lines. */
        if (first_changed < title_line || last_changed_original >= title_end + 1)
          g_error ("%s: the title edit touched lines %u–%u, outside the title's lines %u–%u",
                   path, first_changed, last_changed_original, title_line, title_end - 1);
        stats->titles_edited++;
      }
    else
      {
        /* Added as a new line just before the closing line. */
        if (first_changed + 1 < closing_line)
          g_error ("%s: adding a title changed line %u, before the end of the front matter (line %u)",
                   path, first_changed, closing_line);
        stats->titles_added++;
      }

    reread = aushang_document_new_from_data (edited, edited_length);
    g_assert_null (aushang_document_get_problem (reread, NULL, NULL));
    g_assert_cmpstr (aushang_value_get_string (aushang_front_matter_get (aushang_document_get_front_matter (reread), "title")),
                     ==, new_title);
    g_assert_cmpstr (aushang_document_get_body (reread), ==, aushang_document_get_body (before));
    check_other_keys_equal (aushang_document_get_front_matter (before),
                            aushang_document_get_front_matter (reread), path);
  }
}

static void
test_corpus_round_trip (void)
{
  const char *dir = corpus_dir ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  Stats stats = { 0, };

  if (dir == NULL)
    {
      g_test_skip ("../shared/corpus is not beside this clone");
      return;
    }

  aushang_test_collect_files (dir, is_corpus_document, files);
  g_assert_cmpuint (files->len, >, 1000);

  for (guint i = 0; i < files->len; i++)
    check_document (g_ptr_array_index (files, i), &stats);

  g_test_message ("%u documents, %u with a front matter problem, %u titles edited, %u added",
                  stats.documents, stats.problems, stats.titles_edited, stats.titles_added);

  /* Nearly every real document is readable; the few that are not are the
   * known accidents in the corpus (invalid YAML, a stray character). */
  g_assert_cmpuint (stats.documents, ==, files->len);
  g_assert_cmpuint (stats.problems, <, 20);
  g_assert_cmpuint (stats.titles_edited, >, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/round-trip", test_corpus_round_trip);

  return g_test_run ();
}
