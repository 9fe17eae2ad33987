/* test-site-index.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "aushang-test-util.h"
#include "aushang-site.h"
#include "aushang-yaml.h"

/* How the index shows each document: by its title, else by what names the
 * documents of its collection, else by its file name made readable. */

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

static AushangSite *
open_site (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (site_dir);
  g_autoptr(GError) error = NULL;
  AushangSite *site = aushang_site_new (folder, &error);

  g_assert_no_error (error);

  return site;
}

static AushangSiteDocument *
find_document (AushangSite *site,
               const char  *relative_path)
{
  GPtrArray *collections = aushang_site_get_collections (site);

  for (guint i = 0; i < collections->len; i++)
    {
      GPtrArray *documents = aushang_site_get_documents (site, g_ptr_array_index (collections, i));

      for (guint j = 0; j < documents->len; j++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, j);

          if (strcmp (document->relative_path, relative_path) == 0)
            return document;
        }
    }

  g_error ("%s is not in the index", relative_path);
  return NULL;
}

static void
make_site (void)
{
  g_autoptr(GError) error = NULL;

  site_dir = g_dir_make_tmp ("aushang-site-index-XXXXXX", &error);
  g_assert_no_error (error);

  put ("_config.yml",
       "title: Verein\n"
       "collections:\n"
       "  people:\n    output: true\n"
       "  jobs:\n    output: true\n"
       "  seiten:\n    output: true\n");
  /* People by name:, one of them without; each has a role and a photo
   * that do not name anyone. */
  put ("_people/fuchs.md", "---\nlayout: person\nname: Jörg Fuchs\nrole: Vorstand\nphoto: /img/fuchs.jpg\n---\nText\n");
  put ("_people/demir.md", "---\nlayout: person\nname: Aylin Demir\nrole: Vorstand\nphoto: /img/demir.jpg\n---\n");
  put ("_people/mueller.md", "---\nlayout: person\nname: Jörg Müller\nrole: Kasse\nphoto: /img/m.jpg\n---\n");
  put ("_people/schulz.md", "---\nlayout: person\nname: Eva Schulz\nrole: Beisitz\nphoto: /img/s.jpg\n---\n");
  put ("_people/neu_im_team.md", "---\nlayout: person\nrole: Beisitz\n---\n");
  put ("_people/gast.md", "---\nlayout: person\ntitle: Gast aus Berlin\nname: Kim Gast\n---\n");
  /* Jobs by title_slug:. */
  put ("_jobs/cloud.md", "---\ntitle_slug: Cloud Engineer (m/w/d)\nlocation: Berlin\n---\n");
  put ("_jobs/backend.md", "---\ntitle_slug: Backend-Entwicklung\nlocation: Berlin\n---\n");
  put ("_jobs/cloud-2.md", "---\ntitle_slug: senior-cloud-engineer\nlocation: Köln\n---\n");
  /* Pages that only have a layout: by file name. */
  put ("_seiten/ueber-uns.md", "---\nlayout: page\n---\n");
  put ("_seiten/2019-04-01-alte_seite.markdown", "---\nlayout: page\n---\n");
  put ("_posts/2024-03-01-ki-und-soziales.md", "---\nauthor: Maria\n---\nText\n");
  /* A title written with HTML entities, as the page shows it. */
  put ("_posts/2024-05-02-blockaden.md", "---\ntitle: \"Innovations&shy;blockaden &amp; Wege&#8201;&ndash; hinaus\"\n---\n");
}

static AushangValue *yaml (const char *text);

static void
test_shown_titles (void)
{
  g_autoptr(AushangSite) site = open_site ();
  AushangSiteDocument *document;

  document = find_document (site, "_people/fuchs.md");
  g_assert_cmpstr (document->title, ==, "Jörg Fuchs");
  g_assert_false (document->title_from_name);

  /* title: comes first, where a document has one. */
  g_assert_cmpstr (find_document (site, "_people/gast.md")->title, ==, "Gast aus Berlin");

  /* A person without name: is shown by the file name. */
  document = find_document (site, "_people/neu_im_team.md");
  g_assert_cmpstr (document->title, ==, "Neu im team");
  g_assert_true (document->title_from_name);

  g_assert_cmpstr (find_document (site, "_jobs/cloud.md")->title, ==, "Cloud Engineer (m/w/d)");
  g_assert_cmpstr (find_document (site, "_jobs/backend.md")->title, ==, "Backend-Entwicklung");
  /* A slug is shown as words. */
  g_assert_cmpstr (find_document (site, "_jobs/cloud-2.md")->title, ==, "Senior cloud engineer");

  /* layout: names nothing; the file name made readable does. */
  document = find_document (site, "_seiten/ueber-uns.md");
  g_assert_cmpstr (document->title, ==, "Ueber uns");
  g_assert_true (document->title_from_name);
  g_assert_cmpstr (find_document (site, "_seiten/2019-04-01-alte_seite.markdown")->title, ==, "Alte seite");

  /* An open document, as changed in the form, is shown the same way. */
  {
    g_autofree char *path = g_build_filename (site_dir, "_people/neu_im_team.md", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(AushangValue) named = yaml ("{layout: person, name: Kim Neu}");
    g_autoptr(AushangValue) titled = yaml ("{title: Gast, name: Kim Neu}");
    g_autoptr(AushangValue) nothing = yaml ("{layout: person}");
    g_autofree char *a = aushang_site_dup_document_title (site, file, named);
    g_autofree char *b = aushang_site_dup_document_title (site, file, titled);
    g_autofree char *c = aushang_site_dup_document_title (site, file, nothing);

    g_assert_cmpstr (a, ==, "Kim Neu");
    g_assert_cmpstr (b, ==, "Gast");
    g_assert_cmpstr (c, ==, "Neu im team");
  }

  document = find_document (site, "_posts/2024-03-01-ki-und-soziales.md");
  g_assert_cmpstr (document->title, ==, "Ki und soziales");
  g_assert_true (document->title_from_name);
  g_assert_cmpint (g_date_time_get_year (document->date), ==, 2024);

  /* Listed, titled and searched as readers see it: entities decoded, the
   * soft hyphen (shown only where the browser breaks the line) left out. */
  g_assert_cmpstr (find_document (site, "_posts/2024-05-02-blockaden.md")->title, ==,
                   "Innovationsblockaden & Wege\u2009\u2013 hinaus");
}

static AushangValue *
yaml (const char *text)
{
  g_autoptr(GError) error = NULL;
  AushangValue *value = aushang_yaml_parse_value (text, &error);

  g_assert_no_error (error);

  return value;
}

static char *
guess (const char * const *documents)
{
  g_autoptr(GPtrArray) maps = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);

  for (guint i = 0; documents[i] != NULL; i++)
    g_ptr_array_add (maps, yaml (documents[i]));

  return aushang_schema_guess_name_key (maps);
}

static void
test_name_key (void)
{
  const char * const people[] = {
    "name: A B\nrole: x\n", "name: C D\nrole: x\n", "name: E F\nrole: y\n", NULL
  };
  const char * const links[] = {
    "link: https://a.example\nlabel_text: Eins\n", "link: https://b.example\nlabel_text: Zwei\n", NULL
  };
  const char * const repeated[] = {
    "ort: Berlin\n", "ort: Berlin\n", "ort: Köln\n", NULL
  };
  const char * const sparse[] = {
    "name: A\n", "x: 1\n", "x: 2\n", NULL
  };
  const char * const long_texts[] = {
    "bio: |\n  Eine Zeile\n  und noch eine\n", "bio: kurz\n", NULL
  };
  const char * const one_empty[] = {
    "name: A B\n", "name: C D\n", "name: E F\n", "name: G H\n", "name: I J\n", "name:\n", NULL
  };
  const char * const slugs[] = {
    "title_slug: Cloud\nheadline: Wir suchen\n", "title_slug: Backend\nheadline: Wir suchen dich\n", NULL
  };
  char *key;

  g_assert_cmpstr ((key = guess (people)), ==, "name");
  g_free (key);
  /* Links are never names; a key with "label" in it is. */
  g_assert_cmpstr ((key = guess (links)), ==, "label_text");
  g_free (key);
  /* Values that repeat, a key in only one of three documents, a value
   * on more than one line: no name. */
  g_assert_null (guess (repeated));
  g_assert_null (guess (sparse));
  g_assert_null (guess (long_texts));
  /* One person without a name yet does not hide the others' names. */
  g_assert_cmpstr ((key = guess (one_empty)), ==, "name");
  g_free (key);
  /* title_slug before headline. */
  g_assert_cmpstr ((key = guess (slugs)), ==, "title_slug");
  g_free (key);
}

/* Over the real sites of the corpus: every document is shown by something
 * of its own. Those shown by nothing at all are printed and counted; the
 * only ones allowed are files whose name, made readable, is empty. */
static void
test_corpus_titles (void)
{
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  guint documents = 0, placeholders = 0, by_name = 0, by_key = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("The corpus of real sites (AUSHANG_CORPUS_DIR) is not here");
      return;
    }

  dir = g_dir_open (corpus, 0, NULL);
  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, entry, NULL);
      g_autoptr(GFile) folder = g_file_new_for_path (path);
      g_autoptr(GPtrArray) sites = aushang_site_find_sites (folder);

      for (guint s = 0; s < sites->len; s++)
        {
          g_autoptr(AushangSite) site = aushang_site_new (g_ptr_array_index (sites, s), NULL);
          GPtrArray *collections;

          if (site == NULL)
            continue;
          collections = aushang_site_get_collections (site);
          for (guint i = 0; i < collections->len; i++)
            {
              GPtrArray *list = aushang_site_get_documents (site, g_ptr_array_index (collections, i));

              for (guint j = 0; j < list->len; j++)
                {
                  AushangSiteDocument *document = g_ptr_array_index (list, j);
                  AushangValue *title = aushang_value_lookup (document->data, "title");
                  g_autofree char *base = g_file_get_basename (document->file);
                  g_autofree char *readable = aushang_site_readable_name (base);

                  documents++;
                  if (*document->title == '\0')
                    {
                      g_test_message ("shown as Untitled: %s/%s", entry, document->relative_path);
                      placeholders++;
                      /* Nothing to show: no title, no name, no file name. */
                      g_assert_true (title == NULL);
                      g_assert_cmpstr (readable, ==, "");
                    }
                  else if (document->title_from_name)
                    {
                      g_test_message ("shown by its file name: %s/%s -> %s", entry,
                                      document->relative_path, document->title);
                      by_name++;
                    }
                  else if (title == NULL)
                    by_key++;
                }
            }
        }
    }

  g_test_message ("%u documents: %u shown by file name, %u by another key, %u as Untitled",
                  documents, by_name, by_key, placeholders);
  g_assert_cmpuint (documents, >, 1000);
  g_assert_cmpuint (placeholders, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_site ();

  g_test_add_func ("/site-index/shown-titles", test_shown_titles);
  g_test_add_func ("/site-index/name-key", test_name_key);
  g_test_add_func ("/site-index/corpus-titles", test_corpus_titles);

  status = g_test_run ();
  aushang_test_delete_path (site_dir);
  g_free (site_dir);

  return status;
}
