/* test-markdown-chunks.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A long body rendered in parts (aushang_markdown_cache_render) is the
 * body rendered whole, byte for byte: for hand-written cases where
 * Markdown, HTML or Liquid reach across headings, for every Markdown
 * document of the example site and of the corpus, and after edits. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aushang-document.h"
#include "aushang-markdown.h"
#include "aushang-page-render.h"
#include "aushang-site.h"

/* A tag's HTML as the preview's could be: some tags keep their
 * placeholder, some name their line (so parts must count lines as the
 * body does), the same tag always the same. */
static char *
tag_cb (const AushangLiquidTag *tag,
        gpointer                user_data)
{
  guint hash = g_str_hash (tag->source);

  if (hash % 3 == 0)
    return NULL;
  if (hash % 3 == 1)
    return g_strdup_printf ("<b title=\"%s\">\"&'<%s></b>", tag->name, tag->name);
  return g_strdup_printf ("<i>%s, line %u, at %zu</i>", tag->name, tag->line, (size_t) tag->offset);
}

/* Renders @markdown whole and in parts, with and without line comments
 * and tag HTML; twice in parts, the second time from the cache. Returns
 * how many parts the last rendering had (0: it went whole). */
static guint
check_same (AushangMarkdownCache *cache,
            const char           *markdown)
{
  guint parts = 0;

  for (guint variant = 0; variant < 4; variant++)
    {
      gboolean lines = variant & 1;
      AushangLiquidRenderFunc cb = variant & 2 ? tag_cb : NULL;
      gboolean was = aushang_markdown_set_source_lines (lines);
      g_autofree char *whole = aushang_markdown_render (markdown, cb, NULL);
      g_autofree char *first = aushang_markdown_cache_render (cache, markdown, cb, NULL);
      g_autofree char *again = aushang_markdown_cache_render (cache, markdown, cb, NULL);

      aushang_markdown_set_source_lines (was);
      if ((g_strcmp0 (whole, first) != 0 || g_strcmp0 (whole, again) != 0) &&
          g_getenv ("AUSHANG_TEST_DUMP") != NULL)
        {
          g_autofree char *in = g_build_filename (g_getenv ("AUSHANG_TEST_DUMP"), "input.md", NULL);
          g_autofree char *a = g_build_filename (g_getenv ("AUSHANG_TEST_DUMP"), "whole.html", NULL);
          g_autofree char *b = g_build_filename (g_getenv ("AUSHANG_TEST_DUMP"), "parts.html", NULL);

          g_file_set_contents (in, markdown, -1, NULL);
          g_file_set_contents (a, whole, -1, NULL);
          g_file_set_contents (b, g_strcmp0 (whole, first) != 0 ? first : again, -1, NULL);
        }
      /* Not compared with g_assert_cmpstr(): a long body would be printed whole. */
      if (g_strcmp0 (whole, first) != 0 || g_strcmp0 (whole, again) != 0)
        g_error ("rendered in parts, not as whole (variant %u): %.400s", variant, markdown);
      aushang_markdown_cache_get_stats (cache, &parts, NULL);
    }

  return parts;
}

static AushangMarkdownCache *
fine_cache (void)
{
  AushangMarkdownCache *cache = aushang_markdown_cache_new ();

  aushang_markdown_cache_set_fine (cache, TRUE);
  return cache;
}

/* Plain sections are rendered in parts, and an edit renders one part. */
static void
test_sections (void)
{
  g_autoptr(AushangMarkdownCache) cache = fine_cache ();
  GString *text = g_string_new ("Vorweg ein Absatz.\n\n");
  g_autofree char *edited = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *html = NULL;
  guint parts = 0, rendered = 0;
  char *middle;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (text, "## Abschnitt %u\n\nEin Absatz mit **fetten** Wörtern und einem "
                                  "[Link](https://example.org/%u).\n\n- eins\n- zwei\n\n", i, i);
  g_assert_cmpuint (check_same (cache, text->str), ==, 51);

  /* A key in the middle: one part rendered again, the result as whole. */
  middle = strstr (text->str, "Abschnitt 25\n\nEin");
  g_string_insert_c (text, middle + strlen ("Abschnitt 25\n\nEin") - text->str, 'x');
  edited = g_string_free (text, FALSE);
  aushang_markdown_set_source_lines (TRUE);
  whole = aushang_markdown_render (edited, tag_cb, NULL);
  html = aushang_markdown_cache_render (cache, edited, tag_cb, NULL);
  aushang_markdown_set_source_lines (FALSE);
  g_assert_cmpstr (html, ==, whole);
  aushang_markdown_cache_get_stats (cache, &parts, &rendered);
  g_assert_cmpuint (parts, ==, 51);
  g_assert_cmpuint (rendered, ==, 1);
  g_assert_nonnull (strstr (html, "<!--aushang-line 178-->\n<h2 id=\"abschnitt-25\">"));
  g_assert_true (g_str_has_suffix (html, "<!--aushang-end-->\n"));
}

/* Headings of the same text in several parts: kramdown counts their ids
 * over the whole body ("termine", "termine-1", …); an edit that adds one
 * renders the parts after it again, with the ids the whole body has. */
static void
test_repeated_headings (void)
{
  g_autoptr(AushangMarkdownCache) cache = fine_cache ();
  GString *text = g_string_new (NULL);
  guint parts = 0, rendered = 0;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (text, "## Termine\n\nAm %u. Tag.\n\n### Ort\n\nHier.\n\n## Tag %u\n\nText.\n\n", i, i);
  g_assert_cmpuint (check_same (cache, text->str), ==, 90);

  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *whole = NULL;
      g_autofree char *html = NULL;

      /* round 0: a key in a copy of "### Ort" in the middle, 1: a new
       * "Termine" there, 2: a key at the end */
      if (round == 0)
        g_string_insert (text, strstr (text->str + text->len / 2, "Hier.") + 2 - text->str, "x");
      else if (round == 1)
        g_string_insert (text, strstr (text->str + text->len / 2, "## Tag") - text->str, "## Termine\n\nNeu.\n\n");
      else
        g_string_append (text, "Noch ein Wort.\n");
      aushang_markdown_set_source_lines (TRUE);
      whole = aushang_markdown_render (text->str, tag_cb, NULL);
      html = aushang_markdown_cache_render (cache, text->str, tag_cb, NULL);
      aushang_markdown_set_source_lines (FALSE);
      g_assert_cmpstr (html, ==, whole);
      aushang_markdown_cache_get_stats (cache, &parts, &rendered);
      g_assert_cmpuint (parts, ==, round == 0 ? 90 : 91);
      /* The new heading moves the count of the "Termine" after it. */
      if (round == 1)
        g_assert_cmpuint (rendered, >, 10);
      else
        g_assert_cmpuint (rendered, ==, 1);
    }
  g_assert_nonnull (strstr (text->str, "## Termine"));
  {
    g_autofree char *html = aushang_markdown_render (text->str, NULL, NULL);

    g_assert_nonnull (strstr (html, "<h2 id=\"termine-30\">"));
    g_assert_null (strstr (html, "<h2 id=\"termine-31\">"));
    g_assert_nonnull (strstr (html, "<h3 id=\"ort-29\">"));
  }
  g_string_free (text, TRUE);
}

/* Markdown, HTML and Liquid that reach across a heading, or that parts
 * must agree on: the parts give what the whole gives (or it goes whole). */
static void
test_across (void)
{
  static const char * const cases[] = {
    /* setext headings after a cut, lazy lines, lists with blank lines */
    "# A\n\nText\n===\n\n# B\n\nx\n---\n\n# C\n\n===\n",
    "# A\n\n> quote\nlazy\n\n# B\n\n> q\n>\n> more\n\n# C\n\nlazy\n",
    "- a\n\n  b\n\n- c\n\n# H\n\n1. x\n\n2. y\n\n# I\n\n   continued?\n",
    "* a\n\n    code in item\n\n# H\n\n    indented code\n\n# I\n",
    "Para\n\n    code\n\n# H\n",
    /* HTML blocks */
    "<div>\n\n# In a div\n\n</div>\n\n# H\n\n<span>x</span>\n",
    "# A\n\n<!--\n\n# In a comment\n\n-->\n\n# After\n",
    "# A\n\n<!-- closed -->\n\n# After\n",
    "# A\n\n<pre>\n\n# In pre\n</pre>\n\n# After\n",
    "# A\n\n<script>\n\n# In script\n\n</script>\n\n# After\n",
    "# A\n\n<!--\n\n# Never closed\n\n## Nor here\n",
    "# A\n\n<?php\n\n# x\n\n?>\n\n# B\n",
    "# A\n\n<![CDATA[\n\n# x\n\n]]>\n\n# B\n",
    "# A\n\n<table>\n<tr><td>\n\n# x\n\n</td></tr>\n</table>\n\n# B\n",
    /* fenced code */
    "# A\n\n```\n\n# Not a heading\n\n```\n\n# H\n",
    "# A\n\n```\n\n# Never closed\n\n# Nor here\n",
    "# A\n\n~~~ ruby\n\n# x\n\n~~~\n\n# B\n\n````\n```\n\n# y\n\n````\n\n# C\n",
    "# A\n\n```\n\n# x\n\n~~~\n\n# y\n",
    "# A\n\n- ```\n  code\n\n# H\n\n> ```\n\n# I\n",
    "   ```\n\n# x\n\n   ```\n\n# B\n",
    "    ```\n\n# x\n\n```\n\n# y\n",
    /* heading ids kramdown counts over the whole body */
    "# A\n\n# A\n\n# A-1\n\n## A\n",
    "# Über uns\n\ntext\n\n# Über uns\n\n# Über Uns\n",
    "# x\n\n# y\n\n# z\n",
    /* document-wide definitions */
    "# A\n\nText[^1] and [x]\n\n# B\n\n[^1]: note\n\n[x]: /url\n",
    "# A\n\n[x]\n\n# B\n\n[x]: /url \"title\"\n",
    "*[HTML]: Hyper Text\n\n# A\n\nHTML\n\n# B\n\nHTML\n",
    "# A\n\n{:ref: .x}\n\n# B\n\npara\n{: ref}\n",
    /* kramdown */
    "# A\n\npara\n\n{: .x}\n\n# B\n\ntext\n",
    "# A\n\n{: #id}\n\n# B\n\n{::options parse_block_html=\"true\" /}\n\n# C\n",
    "# A\n\nterm\n\n: definition\n\n# B\n\n: not one\n",
    "# A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n# B\n\na | b\n\n# C\n",
    "# A\n\nline\\\\\nbreak\n\n# B\n\n\"quoted\" ('x') [\"y\"]\n",
    "# A\n\nplain\n\n# B\n\n<span>x</span> &amp; {x}\n\n#\n\n# C\n",
    "# A {#own}\n\n# B\n\n## C {: #c}\n",
    /* Liquid */
    "# A\n\n{% if x %}\n\n# B\n\n{% endif %}\n\n# C\n",
    "# A\n\n{% raw %}\n\n# In raw {{ x }}\n\n{% endraw %}\n\n# B\n",
    "# A\n\n{% raw %}\n\n# Raw never ends\n\n# B\n",
    "# A\n\n{% comment %}\n\n# In a comment\n\n{% endcomment %}\n\n# B\n",
    "# A\n\n{% comment %}{% comment %}\n\n# Nested\n\n{% endcomment %}\n\n# x\n\n{% endcomment %}\n\n# B\n",
    "# A\n\n{% highlight ruby %}\n\n# In code\n\n{% endhighlight %}\n\n# B\n",
    "# A\n\n{% capture x %}\n\n# Captured\n\n{% endcapture %}\n\n# B {{ x }}\n",
    "# A\n\n{% include a.html\n\n# In a tag\n%}\n\n# B\n",
    "# A\n\n{{ page.title\n\n# In an output\n}}\n\n# B\n",
    "# A\n\n{% assign x = 1 %}\n\n# H {{ x }}\n\n{{ x }}\n",
    "# A\n\n{% include b.html %}\n\n# B\n\n{% include b.html %}\n\n# C {% include c.html %}\n",
    "# A\n\n{% endraw %}\n\n# B\n\n{% raw %}\n",
    "# A\n\n{%\n\n# B\n\n%}\n\n# C\n",
    "# A\n\n{{\n\n# B\n\n}}\n",
    /* odd lines */
    "# A\r\n\r\n# B\r\n",
    "#A\n\n#B\n\n####### seven\n\n#\ttab\n",
    "<x>a| a |\n\n# \n# x\n\n## #\n\nb | c\n\n# y\n",
    "text\n\n# A\n\n\n\n# B\n\n \n# C\n\n\t\n# D",
    "# AUSHANGLIQUID1X\n\n# B\n",
    "# A\n\n<!--aushang-line 3-->\n\n# B\n",
    "",
    "\n\n# A\n",
  };
  g_autoptr(AushangMarkdownCache) cache = fine_cache ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_same (cache, cases[i]);
}

/* Texts made of random pieces that open and close blocks, with headings
 * between them (a fixed seed: the same texts each run). */
static void
test_random_pieces (void)
{
  static const char * const pieces[] = {
    "# H\n", "## H\n", "### Über\n", "#\n", "# A {#a}\n", "\n", "\n\n", "   \n",
    "Text\n", "Text mit *Betonung* und `Code`\n", "===\n", "---\n", "***\n",
    "- a\n", "  b\n", "1. x\n", "> q\n", "lazy\n", "    code\n", "\tcode\n",
    "```\n", "~~~\n", "````\n", "```ruby\n", "<div>\n", "</div>\n", "<!--\n", "-->\n",
    "<pre>\n", "</pre>\n", "<br>\n", "<h1>X</h1>\n", "<h2>Y</h2> text\n", "<?\n", "?>\n",
    "<script>\n", "</script>\n", "<span>s</span>\n", "| a | b |\n", "|---|---|\n", "a | b\n",
    "{: .x}\n", "{: #id}\n", "term\n", ": def\n", "{::options parse_block_html=\"true\" /}\n",
    "{% raw %}\n", "{% endraw %}\n", "{% comment %}\n", "{% endcomment %}\n",
    "{% highlight ruby %}\n", "{% endhighlight %}\n", "{% if x %}\n", "{% endif %}\n",
    "{% include a.html\n", "%}\n", "{{ page.title }}\n", "{{\n", "}}\n", "{% include b.html %}\n",
    "\"Zitat\" und 'so'\n", "&amp; &shy;\n", "line\\\\\n", "[x](/y)\n", "<http://a.b>\n",
    "*Wort*{: .rot}\n", "Abschnitt\n", "# Abschnitt\n", "- [ ] task\n", "~~weg~~\n",
    "<p>\n", "</p>\n", "<code>\n", "</code>\n", "<a title=\"x\n", "<span>\n", "<!-- zu -->\n",
    "<details>\n", "</details>\n", "<div markdown=\"1\">\n", "{::comment}\n", "{:/comment}\n",
    "* * *\n", "___\n", "##### fünf\n", "   - tief\n", "- a\n\n  b\n", "Text\n---\n",
  };
  g_autoptr(AushangMarkdownCache) cache = fine_cache ();
  /* AUSHANG_TEST_PIECES=SEED,COUNT looks further. */
  const char *more = g_getenv ("AUSHANG_TEST_PIECES");
  guint32 seed = more != NULL ? (guint32) g_ascii_strtoull (more, NULL, 10) : 20261202;
  guint count = more != NULL && strchr (more, ',') != NULL ? atoi (strchr (more, ',') + 1) : 1500;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint parted = 0;

  for (guint n = 0; n < count; n++)
    {
      GString *text = g_string_new (NULL);
      guint n_pieces = g_rand_int_range (rand, 1, 40);

      for (guint i = 0; i < n_pieces; i++)
        {
          /* Often a blank line and a heading: a place to cut. */
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_string_append_printf (text, "\n## Teil %u\n\n", g_rand_int_range (rand, 0, 1000));
          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }
      if (check_same (cache, text->str) > 1)
        parted++;
      aushang_markdown_cache_trim (cache);
      g_string_free (text, TRUE);
    }
  g_assert_cmpuint (parted, >, 100);
}

/* Things that must not be parts: each goes whole. */
static void
test_goes_whole (void)
{
  static const char * const cases[] = {
    "# A\n\nText[^1]\n\n# B\n\n[^1]: note\n",
    "# A\n\n[x]\n\n# B\n\n[x]: /url\n",
    "# A\n\n```\n\n# B\n",
    "# A\n\n<!--\n\n# B\n",
    "# A\r\n\r\n# B\r\n",
    "# A\n\n\001x\n\n# B\n",
  };
  g_autoptr(AushangMarkdownCache) cache = fine_cache ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (check_same (cache, cases[i]), ==, 0);
}

/* A tag whose HTML changed (an include edited): its part is rendered
 * again, and a tag's HTML that names its line follows the part. */
static char *
counting_cb (const AushangLiquidTag *tag,
             gpointer                user_data)
{
  const char *version = user_data;

  return g_strdup_printf ("<em>%s %s %u</em>", tag->name, version, tag->line);
}

static void
test_tags_change (void)
{
  g_autoptr(AushangMarkdownCache) cache = fine_cache ();
  const char *text = "# A\n\n{% include x.html %}\n\n# B\n\ntext\n\n# C\n\n{{ page.title }}\n";
  g_autofree char *moved = g_strconcat ("Neu\n\n", text, NULL);
  const char *versions[] = { "eins", "zwei", "zwei" };
  guint parts, rendered;

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *whole = aushang_markdown_render (text, counting_cb, (gpointer) versions[i]);
      g_autofree char *html = aushang_markdown_cache_render (cache, text, counting_cb, (gpointer) versions[i]);

      g_assert_cmpstr (html, ==, whole);
      aushang_markdown_cache_get_stats (cache, &parts, &rendered);
      g_assert_cmpuint (parts, ==, 3);
      g_assert_cmpuint (rendered, ==, i == 2 ? 0 : i == 0 ? 3 : 2);
    }

  /* Without a callback (placeholders), then with one again. */
  {
    g_autofree char *whole = aushang_markdown_render (text, NULL, NULL);
    g_autofree char *html = aushang_markdown_cache_render (cache, text, NULL, NULL);
    g_autofree char *whole_again = aushang_markdown_render (text, counting_cb, (gpointer) "zwei");
    g_autofree char *again = aushang_markdown_cache_render (cache, text, counting_cb, (gpointer) "zwei");

    g_assert_cmpstr (html, ==, whole);
    g_assert_cmpstr (again, ==, whole_again);
  }

  /* Two lines more before: the tags' HTML names other lines. */
  {
    g_autofree char *whole = aushang_markdown_render (moved, counting_cb, (gpointer) "zwei");
    g_autofree char *html = aushang_markdown_cache_render (cache, moved, counting_cb, (gpointer) "zwei");

    g_assert_cmpstr (html, ==, whole);
    g_assert_nonnull (strstr (html, "<em>include zwei 5</em>"));
  }
}

/* Through aushang_markdown_render() with the cache set for the thread,
 * as the preview renders; short texts go whole. */
static void
test_thread_cache (void)
{
  g_autoptr(AushangMarkdownCache) cache = aushang_markdown_cache_new ();
  GString *text = g_string_new (NULL);
  guint parts = 0, rendered = 0;

  for (guint i = 0; text->len < 200 * 1024; i++)
    g_string_append_printf (text, "## Abschnitt %u\n\nEin Absatz mit **fetten** Wörtern und einem "
                                  "[Link](https://example.org/%u).\n\n- eins\n- zwei\n\n", i, i);
  g_assert_null (aushang_markdown_set_cache (cache));
  aushang_markdown_set_source_lines (TRUE);
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *chunked = NULL;
      g_autofree char *whole = NULL;

      g_string_insert_c (text, text->len / 2, 'x');
      chunked = aushang_markdown_render (text->str, NULL, NULL);
      aushang_markdown_cache_get_stats (cache, &parts, &rendered);
      g_assert_cmpuint (parts, >, 20);
      /* The first time every part, then one or two. */
      g_assert_cmpuint (rendered, <=, round == 0 ? parts : 2);
      aushang_markdown_cache_trim (cache);
      g_assert_true (aushang_markdown_set_cache (NULL) == cache);
      whole = aushang_markdown_render (text->str, NULL, NULL);
      aushang_markdown_set_cache (cache);
      g_assert_cmpstr (chunked, ==, whole);
    }
  aushang_markdown_set_source_lines (FALSE);
  aushang_markdown_set_cache (NULL);

  /* Short: whole, not through the cache (its numbers stay). */
  {
    g_autofree char *html = NULL;
    guint before = parts;

    aushang_markdown_set_cache (cache);
    html = aushang_markdown_render ("# A\n\n# B\n", NULL, NULL);
    aushang_markdown_set_cache (NULL);
    aushang_markdown_cache_get_stats (cache, &parts, NULL);
    g_assert_cmpuint (parts, ==, before);
  }
  g_string_free (text, TRUE);
}

static void
collect_documents (const char *dir_path,
                   GPtrArray  *paths)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (name[0] == '.' && strcmp (name, ".") != 0)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        collect_documents (path, paths);
      else if (g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* Every Markdown document of the example site and of the corpus, as it
 * is, and after a key in its middle. */
static void
check_documents (const char *folder,
                 guint      *n_documents,
                 guint      *n_parted)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AushangMarkdownCache) cache = fine_cache ();

  collect_documents (folder, paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *text = NULL;
      gsize length;
      g_autoptr(AushangDocument) document = NULL;
      const char *body;

      if (!g_file_get_contents (path, &text, &length, NULL))
        continue;
      document = aushang_document_new_from_data (text, length);
      body = aushang_document_get_body (document);
      if (body == NULL)
        continue;
      (*n_documents)++;
      if (check_same (cache, body) > 1)
        (*n_parted)++;
      {
        g_autofree char *edited = g_strdup_printf ("%.*sx%s", (int) (strlen (body) / 2), body,
                                                   body + strlen (body) / 2);

        check_same (cache, edited);
      }
      aushang_markdown_cache_trim (cache);
    }
}

static void
test_example_site (void)
{
  g_autofree char *site = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  guint documents = 0, parted = 0;

  check_documents (site, &documents, &parted);
  g_assert_cmpuint (documents, >=, 5);
  g_test_message ("example site: %u documents, %u rendered in parts", documents, parted);
}

static void
test_corpus (void)
{
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  guint documents = 0, parted = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("The corpus of real sites (AUSHANG_CORPUS_DIR) is not here");
      return;
    }
  check_documents (corpus, &documents, &parted);
  g_assert_cmpuint (documents, >, 1000);
  /* Most documents have headings to cut at. */
  g_assert_cmpuint (parted, >, documents / 4);
  g_test_message ("corpus: %u documents, %u rendered in parts", documents, parted);
}

/* The site's style, as the preview renders it (Liquid first, its includes
 * and layouts after): every Markdown document of the example site, made
 * long, renders through the cache as without it, and again after an edit. */
static void
test_site_page (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangSite) site = aushang_site_new (folder, &error);
  g_autoptr(AushangPageContext) context = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  AushangPreviewOptions options = { .site_uri_prefix = "aushang-site:///", .language = "de" };
  guint checked = 0;

  g_assert_no_error (error);
  context = aushang_page_context_new (site);
  collect_documents (path, paths);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(AushangMarkdownCache) cache = aushang_markdown_cache_new ();
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));
      g_autofree char *text = NULL;
      gsize length;
      g_autoptr(AushangDocument) original = NULL;
      GString *long_text;
      const char *body;

      g_assert_true (g_file_get_contents (g_ptr_array_index (paths, i), &text, &length, NULL));
      original = aushang_document_new_from_data (text, length);
      body = aushang_document_get_body (original);
      /* The front matter, then the body again and again under headings
       * of their own (Liquid included: each copy counts its lines). */
      long_text = g_string_new_len (text, g_str_has_suffix (text, body) ? (gssize) (length - strlen (body)) : 0);
      for (guint copy = 0; long_text->len < 64 * 1024; copy++)
        g_string_append_printf (long_text, "\n## Kopie %u\n\n%s\n", copy, body);

      for (guint round = 0; round < 2; round++)
        {
          g_autoptr(AushangDocument) document = NULL;
          g_autofree char *whole = NULL;
          g_autofree char *parts = NULL;
          guint n_parts = 0;

          if (round == 1)
            g_string_insert (long_text, long_text->len / 2, "Ein Wort mehr. ");
          document = aushang_document_new_from_data (long_text->str, long_text->len);
          aushang_markdown_set_source_lines (TRUE);
          whole = aushang_page_context_render (context, document, file, &options, NULL);
          aushang_markdown_set_cache (cache);
          parts = aushang_page_context_render (context, document, file, &options, NULL);
          aushang_markdown_set_cache (NULL);
          aushang_markdown_set_source_lines (FALSE);
          aushang_markdown_cache_get_stats (cache, &n_parts, NULL);
          if (g_strcmp0 (whole, parts) != 0)
            g_error ("%s: the site's page differs rendered in parts", (char *) g_ptr_array_index (paths, i));
          if (n_parts > 1)
            checked++;
        }
      g_string_free (long_text, TRUE);
    }
  /* All in parts (headings of their own repeat in every copy). */
  g_assert_cmpuint (checked, ==, 2 * paths->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown-chunks/sections", test_sections);
  g_test_add_func ("/markdown-chunks/across", test_across);
  g_test_add_func ("/markdown-chunks/repeated-headings", test_repeated_headings);
  g_test_add_func ("/markdown-chunks/random-pieces", test_random_pieces);
  g_test_add_func ("/markdown-chunks/goes-whole", test_goes_whole);
  g_test_add_func ("/markdown-chunks/tags-change", test_tags_change);
  g_test_add_func ("/markdown-chunks/thread-cache", test_thread_cache);
  g_test_add_func ("/markdown-chunks/example-site", test_example_site);
  g_test_add_func ("/markdown-chunks/site-page", test_site_page);
  g_test_add_func ("/markdown-chunks/corpus", test_corpus);

  return g_test_run ();
}
