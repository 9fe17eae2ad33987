/* test-site-blocks.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aushang-site.h"

/* The building-block menu, the blocks' descriptions, the parameters whose
 * values are site paths and the heading level for sections: learned from a
 * site's documents. */

static AushangSite *
open_path (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AushangSite *site = aushang_site_new (folder, &error);

  g_assert_no_error (error);

  return site;
}

static AushangSite *
open_example_site (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);

  return open_path (path);
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

static gboolean
has_block (GPtrArray  *blocks,
           const char *name)
{
  for (guint i = 0; i < blocks->len; i++)
    if (g_strcmp0 (((AushangBlock *) g_ptr_array_index (blocks, i))->name, name) == 0)
      return TRUE;

  return FALSE;
}

static void
print_blocks (const char *site_name,
              GPtrArray  *used,
              GPtrArray  *more)
{
  for (guint i = 0; i < used->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (used, i);

      g_test_message ("%s: used %s (%u): %s", site_name, block->name, block->uses, block->summary);
    }
  for (guint i = 0; more != NULL && i < more->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (more, i);

      g_test_message ("%s: more %s: %s", site_name, block->name, block->summary);
    }
}

static void
test_menu_order (void)
{
  g_autoptr(AushangSite) site = open_example_site ();
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GPtrArray) used = aushang_site_dup_blocks_by_use (site, &more);
  AushangBlock *first;

  print_blocks ("example", used, more);

  /* Every include of the example site is used by a document: button
   * twice, the others once; the most used first, then by name. */
  g_assert_cmpuint (used->len, ==, 5);
  g_assert_cmpuint (more->len, ==, 0);
  first = g_ptr_array_index (used, 0);
  g_assert_cmpstr (first->name, ==, "anmeldung.html");
  g_assert_cmpuint (first->uses, ==, 2);
  g_assert_cmpstr (((AushangBlock *) g_ptr_array_index (used, 1))->name, ==, "button.html");
  g_assert_cmpuint (((AushangBlock *) g_ptr_array_index (used, 1))->uses, ==, 2);
  g_assert_cmpstr (((AushangBlock *) g_ptr_array_index (used, 2))->name, ==, "galerie.html");

  for (guint i = 1; i < used->len; i++)
    g_assert_cmpuint (((AushangBlock *) g_ptr_array_index (used, i - 1))->uses, >=,
                      ((AushangBlock *) g_ptr_array_index (used, i))->uses);
}

static void
test_menu_corpus (void)
{
  struct { const char *site; const char *used; const char *more[4]; } expected[] = {
    /* Posts show their photos with gallery.html; the layout's parts are
     * in subfolders, aligner/citation/portfolio no document uses. */
    { "netz39__www.netz39.de", "gallery.html", { "aligner.html", "citation.html", "portfolio.html", NULL } },
    /* Comments are drawn by the layout, not written in documents. */
    { "Brandenburger-Maker__Brandenburger-Maker.github.io", NULL,
      { "comment.html", "comments.html", "page__comments.html", NULL } },
    /* The head, header and footer belong to the layout. */
    { "JensWinter__tech-events-magdeburg", NULL, { "head.html", "header.html", "footer.html", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(AushangSite) site = open_corpus_site (expected[i].site);
      g_autoptr(GPtrArray) more = NULL;
      g_autoptr(GPtrArray) used = NULL;

      if (site == NULL)
        {
          g_test_skip ("the corpus of real sites is not beside the clone");
          return;
        }

      used = aushang_site_dup_blocks_by_use (site, &more);
      print_blocks (expected[i].site, used, more);

      if (expected[i].used != NULL)
        {
          g_assert_cmpuint (used->len, >=, 1);
          g_assert_cmpstr (((AushangBlock *) g_ptr_array_index (used, 0))->name, ==, expected[i].used);
        }
      for (guint m = 0; expected[i].more[m] != NULL; m++)
        {
          g_assert_true (has_block (more, expected[i].more[m]));
          g_assert_false (has_block (used, expected[i].more[m]));
        }
    }
}

static void
test_summary (void)
{
  g_autoptr(AushangSite) site = open_example_site ();
  struct { const char *comment; const char *summary; } cases[] = {
    { "Anmeldung zu einer Veranstaltung (Kasten mit Link zum Ticketshop).\n"
      "Parameter:\n  event – Kurzname (Pflicht)", "Anmeldung zu einer Veranstaltung (Kasten mit Link zum Ticketshop)" },
    /* Usage text and Liquid never show. */
    { "Usage: {% include post-card.html post=post %}\n\nA card for one post, with its image. Shown on the home page.",
      "A card for one post, with its image" },
    { "{% include author-card.html author=page.author %}", NULL },
    { "Zeigt z. B. ein Foto. Mehr steht unten.", "Zeigt z. B. ein Foto" },
    { "Bildergalerie.\nParameter:\n  folder – Ordner", "Bildergalerie" },
    { "=====================\n Newsletter banner \n=====================\ninclude.text: the text", "Newsletter banner" },
    { "Hello! More here", "Hello!" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *summary = aushang_block_summary_from_comment (cases[i].comment);

      g_assert_cmpstr (summary, ==, cases[i].summary);
    }

  /* From the include's comment, or its name made readable. */
  g_assert_cmpstr (aushang_site_find_block (site, "anmeldung.html")->summary, ==,
                   "Anmeldung zu einer Veranstaltung (Kasten mit Link zum Ticketshop)");
  g_assert_cmpstr (aushang_site_find_block (site, "zitat.html")->summary, ==, "Hervorgehobenes Zitat");
  g_assert_cmpstr (aushang_site_find_block (site, "galerie.html")->summary, ==, "Bildergalerie");
}

static void
test_summary_corpus (void)
{
  g_autoptr(AushangSite) site = open_corpus_site ("okfde__2013.archiv.codefor.de");
  GPtrArray *blocks;

  if (site == NULL)
    {
      g_test_skip ("the corpus of real sites is not beside the clone");
      return;
    }

  /* No comment at their top: the name made readable. */
  g_assert_cmpstr (aushang_site_find_block (site, "post-teaser.html")->summary, ==, "Post teaser");
  g_assert_cmpstr (aushang_site_find_block (site, "newsletter-form.html")->summary, ==, "Newsletter form");

  /* Never Liquid, never markup. */
  blocks = aushang_site_get_blocks (site);
  for (guint i = 0; i < blocks->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (blocks, i);

      g_assert_nonnull (block->summary);
      g_assert_null (strstr (block->summary, "{%"));
      g_assert_null (strstr (block->summary, "{{"));
      g_assert_null (strchr (block->summary, '<'));
    }
}

static void
test_paths (void)
{
  g_autoptr(AushangSite) site = open_example_site ();
  AushangBlock *galerie = aushang_site_find_block (site, "galerie.html");
  AushangBlock *button = aushang_site_find_block (site, "button.html");
  AushangBlock *zitat = aushang_site_find_block (site, "zitat.html");
  const AushangBlockPath *path;

  /* folder="galerie/reparaturcafe" is a folder under assets/images. */
  path = aushang_block_get_path (galerie, "folder");
  g_assert_nonnull (path);
  g_assert_cmpint (path->kind, ==, AUSHANG_BLOCK_VALUE_FOLDER);
  g_assert_cmpstr (path->base, ==, "assets/images");
  g_assert_false (path->absolute);
  /* images= is a list of names, not a path. */
  g_assert_null (aushang_block_get_path (galerie, "images"));

  /* url="/assets/dateien/lasercutter-regeln.pdf": a file from the top. */
  path = aushang_block_get_path (button, "url");
  g_assert_nonnull (path);
  g_assert_cmpint (path->kind, ==, AUSHANG_BLOCK_VALUE_FILE);
  g_assert_cmpstr (path->base, ==, "");
  g_assert_true (path->absolute);
  g_assert_null (aushang_block_get_path (button, "text"));

  g_assert_null (aushang_block_get_path (zitat, "text"));
  g_assert_null (aushang_block_get_path (zitat, "author"));
}

static gboolean
has_string (GPtrArray  *strings,
            const char *value)
{
  return g_ptr_array_find_with_equal_func (strings, value, g_str_equal, NULL);
}

static void
test_path_choices (void)
{
  g_autoptr(AushangSite) site = open_example_site ();
  g_autoptr(GPtrArray) folders = NULL;
  g_autoptr(GPtrArray) files = NULL;

  /* The gallery's folder: folders under assets/images, as written. */
  folders = aushang_site_dup_path_choices (site, aushang_block_get_path (aushang_site_find_block (site, "galerie.html"), "folder"));
  g_assert_true (has_string (folders, "galerie/reparaturcafe"));
  g_assert_true (has_string (folders, "galerie"));
  g_assert_false (has_string (folders, "assets/images/galerie"));
  for (guint i = 0; i < folders->len; i++)
    g_assert_null (strchr (g_ptr_array_index (folders, i), '.'));

  /* The button's target: files under assets/, from the site's top. */
  files = aushang_site_dup_path_choices (site, aushang_block_get_path (aushang_site_find_block (site, "button.html"), "url"));
  g_assert_true (has_string (files, "/assets/dateien/lasercutter-regeln.pdf"));
  g_assert_true (has_string (files, "/assets/images/galerie/reparaturcafe/toaster.jpg"));
  for (guint i = 0; i < files->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (files, i), "/assets/"));
}

static void
test_heading_level (void)
{
  struct { const char *body; guint level; } cases[] = {
    { "Text\n\n### Inhalt\n\n## Später\n", 3 },
    { "## Ort\n", 2 },
    { "Intro\n\n```\n# not a heading\n```\n\n#### Vier\n", 4 },
    { "Titel\n=====\n", 1 },
    { "Titel\n-----\n", 2 },
    { "Text\n\n---\n\n### Nach der Linie\n", 3 },
    { "<h3>HTML</h3>\n", 3 },
    { "    # code\n\n#hashtag\n\n##### Fünf", 5 },
    { "Nur Text.\n", 0 },
    { "", 0 },
  };
  g_autoptr(AushangSite) site = open_example_site ();
  g_autoptr(AushangSite) netz39 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (aushang_body_first_heading_level (cases[i].body), ==, cases[i].level);

  /* The example site's Beiträge start their sections with ### (two of
   * three), its posts with ##. */
  g_assert_cmpuint (aushang_site_get_section_level (site, aushang_site_get_collection (site, "beitraege")), ==, 3);
  g_assert_cmpuint (aushang_site_get_section_level (site, aushang_site_get_collection (site, "posts")), ==, 2);

  netz39 = open_corpus_site ("netz39__www.netz39.de");
  if (netz39 == NULL)
    {
      g_test_skip ("the corpus of real sites is not beside the clone");
      return;
    }
  /* Most netz39 posts start with a "# " heading. */
  g_assert_cmpuint (aushang_site_get_section_level (netz39, aushang_site_get_collection (netz39, "posts")), ==, 1);
}

static gboolean
is_required (AushangSite *site,
             const char  *block_name,
             const char  *param)
{
  AushangBlock *block = aushang_site_find_block (site, block_name);

  g_assert_nonnull (block);
  g_assert_true (g_ptr_array_find_with_equal_func (block->params, param, g_str_equal, NULL));

  return g_ptr_array_find_with_equal_func (block->required, param, g_str_equal, NULL);
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_required (void)
{
  g_autoptr(AushangSite) site = open_example_site ();
  g_autoptr(AushangSite) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("aushang-blocks-XXXXXX", &error);
  g_autoptr(GFile) top = NULL;

  g_assert_no_error (error);

  /* Every use passes the video's title and the quote's author, but the
   * includes say they are optional: "(optional)", or a default. */
  g_assert_true (is_required (site, "video.html", "id"));
  g_assert_false (is_required (site, "video.html", "title"));
  g_assert_true (is_required (site, "zitat.html", "text"));
  g_assert_false (is_required (site, "zitat.html", "author"));
  /* "(Standard: …)" is a default too; "(Pflicht)" wins over a default. */
  g_assert_false (is_required (site, "button.html", "text"));
  g_assert_true (is_required (site, "button.html", "url"));
  g_assert_true (is_required (site, "anmeldung.html", "event"));
  g_assert_false (is_required (site, "anmeldung.html", "items"));
  /* Says nothing, but the include has a default. */
  g_assert_false (is_required (site, "galerie.html", "folder"));
  /* Says nothing, no default: every use passes it. */
  g_assert_true (is_required (site, "galerie.html", "images"));

  /* Other ways of saying it, and a required parameter no use passes. */
  write_file (folder, "_config.yml", "title: Test\n");
  write_file (folder, "_includes/toc.html",
              "{% comment %}\n"
              "  Parameters:\n"
              "    * html (string) - the HTML of the page\n"
              "  Optional Parameters:\n"
              "    * class (string) - a CSS class,\n"
              "      the list's\n"
              "    * h_min (int) - the smallest level\n"
              "{% endcomment %}\n"
              "{{ include.html }}{{ include.class }}{{ include.h_min }}\n");
  write_file (folder, "_includes/box.html",
              "<!-- Kasten: text (erforderlich), farbe (nicht erforderlich), rand -->\n"
              "{{ include.text }}{{ include.farbe }}{{ include.rand }}{{ include.event-id }}\n");
  write_file (folder, "_includes/karte.html",
              "{% comment %}\n"
              "  ort - der Ort, wird auf der Karte gezeigt.\n"
              "        Ohne ihn bleibt die Karte leer, daher Pflicht\n"
              "  zoom - wie nah\n"
              "{% endcomment %}\n"
              "{{ include.ort }}{{ include.zoom }}\n");
  write_file (folder, "_posts/2024-01-01-start.md",
              "---\ntitle: Start\n---\n"
              "{% include toc.html html=content class=\"x\" h_min=2 %}\n"
              "{% include box.html farbe=\"rot\" rand=1 %}\n"
              "{% include karte.html zoom=3 %}\n");
  top = g_file_new_for_path (folder);
  made = aushang_site_new (top, &error);
  g_assert_no_error (error);

  g_assert_true (is_required (made, "toc.html", "html"));
  g_assert_false (is_required (made, "toc.html", "class"));
  g_assert_false (is_required (made, "toc.html", "h_min"));
  g_assert_true (is_required (made, "box.html", "text"));
  g_assert_false (is_required (made, "box.html", "farbe"));
  g_assert_true (is_required (made, "box.html", "rand"));
  g_assert_false (is_required (made, "box.html", "event-id"));
  /* The line that goes on says it. */
  g_assert_true (is_required (made, "karte.html", "ort"));
  g_assert_true (is_required (made, "karte.html", "zoom"));

  g_clear_object (&made);
  {
    const char *files[] = { "_includes/toc.html", "_includes/box.html", "_includes/karte.html",
                            "_includes", "_posts/2024-01-01-start.md", "_posts", "_config.yml" };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *path = g_build_filename (folder, files[i], NULL);

        g_remove (path);
      }
    g_rmdir (folder);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site-blocks/menu-order", test_menu_order);
  g_test_add_func ("/site-blocks/menu-corpus", test_menu_corpus);
  g_test_add_func ("/site-blocks/summary", test_summary);
  g_test_add_func ("/site-blocks/summary-corpus", test_summary_corpus);
  g_test_add_func ("/site-blocks/paths", test_paths);
  g_test_add_func ("/site-blocks/path-choices", test_path_choices);
  g_test_add_func ("/site-blocks/heading-level", test_heading_level);
  g_test_add_func ("/site-blocks/required", test_required);

  return g_test_run ();
}
