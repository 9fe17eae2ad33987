/* test-block-diff.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preview patches only the blocks that changed: the patch, applied as
 * the page applies it, gives exactly the HTML of a full render.
 */

#include "config.h"

#include <string.h>

#include "aushang-block-diff.h"
#include "aushang-document.h"
#include "aushang-markdown.h"
#include "aushang-preview-page.h"

/* The body of the plain preview page, as the preview renders it (with its
 * blocks' line comments). */
static char *
render_body (const char *text)
{
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (text, strlen (text));
  AushangPreviewOptions options = { "aushang-site:///", NULL, "de" };
  gboolean was = aushang_markdown_set_source_lines (TRUE);
  char *body = aushang_preview_page_render_body (document, &options);

  aushang_markdown_set_source_lines (was);

  return body;
}

/* Diffs the renders of @before and @after, applies the patch and checks
 * that it gives the new render; returns the patch. */
static AushangBlockPatch *
check_patch (const char *before,
             const char *after)
{
  g_autofree char *old_html = render_body (before);
  g_autofree char *new_html = render_body (after);
  g_autofree char *patched = NULL;
  AushangBlockPatch *patch = aushang_block_diff (old_html, new_html);

  g_assert_nonnull (patch);
  patched = aushang_block_patch_apply (old_html, patch);
  g_assert_cmpstr (patched, ==, new_html);

  return patch;
}

static char *
long_document (guint        sections,
               const char  *insert,
               guint        at)
{
  GString *text = g_string_new ("---\ntitle: Lang\n---\n\n");

  for (guint i = 0; i < sections; i++)
    {
      g_string_append_printf (text, "## Abschnitt %u\n\nEin Absatz mit **fetten** Wörtern%s.\n\n"
                              "- eins\n- zwei\n\n", i, i == at ? insert : "");
    }

  return g_string_free (text, FALSE);
}

static void
test_typing (void)
{
  g_autofree char *before = long_document (200, "", 100);
  g_autofree char *after = long_document (200, "x", 100);
  g_autoptr(AushangBlockPatch) patch = check_patch (before, after);

  /* One key: one paragraph travels to the page, and no line moves. */
  g_assert_cmpuint (patch->old_count, ==, 1);
  g_assert_cmpuint (patch->new_count, ==, 1);
  g_assert_cmpuint (patch->first, ==, 3 * 100 + 1);
  g_assert_cmpuint (patch->old_total, ==, 600);
  g_assert_cmpint (patch->line_delta, ==, 0);
  g_assert_nonnull (strstr (patch->html, "Wörternx."));
  g_assert_cmpuint (strlen (patch->html), <, 100);
}

static void
test_new_line (void)
{
  g_autofree char *before = long_document (50, "", 10);
  g_autofree char *split = long_document (50, "\n\nNeuer Absatz", 10);
  g_autofree char *empty = long_document (50, "\n", 10);
  g_autoptr(AushangBlockPatch) patch = check_patch (before, split);
  g_autoptr(AushangBlockPatch) moved = NULL;

  /* A paragraph split in two: the lines of all later blocks move by two,
   * and only the two paragraphs travel. */
  g_assert_cmpuint (patch->old_count, ==, 1);
  g_assert_cmpuint (patch->new_count, ==, 2);
  g_assert_cmpint (patch->line_delta, ==, 2);

  /* A line break inside the paragraph: it changes, later lines move. */
  moved = check_patch (before, empty);
  g_assert_cmpuint (moved->old_count, ==, 1);
  g_assert_cmpuint (moved->new_count, ==, 1);
  g_assert_cmpint (moved->line_delta, ==, 1);
}

static void
test_first_and_last (void)
{
  const char *before = "---\ntitle: T\n---\nErster Absatz.\n\nMitte.\n\nLetzter Absatz.\n";
  g_autoptr(AushangBlockPatch) first = check_patch (before, "---\ntitle: T\n---\nErster Absatz!\n\nMitte.\n\nLetzter Absatz.\n");
  g_autoptr(AushangBlockPatch) last = check_patch (before, "---\ntitle: T\n---\nErster Absatz.\n\nMitte.\n\nLetzter Absatz. Und mehr\n");
  g_autoptr(AushangBlockPatch) added = check_patch (before, "---\ntitle: T\n---\nErster Absatz.\n\nMitte.\n\nLetzter Absatz.\n\n> Ein Zitat\n");
  g_autoptr(AushangBlockPatch) removed = check_patch (before, "---\ntitle: T\n---\nErster Absatz.\n\nLetzter Absatz.\n");
  g_autoptr(AushangBlockPatch) same = check_patch (before, before);

  g_assert_cmpuint (first->first, ==, 0);
  g_assert_cmpuint (first->old_count, ==, 1);
  g_assert_cmpuint (last->first, ==, 2);
  g_assert_cmpuint (last->old_count, ==, 1);
  g_assert_cmpuint (added->first, ==, 3);
  g_assert_cmpuint (added->old_count, ==, 0);
  g_assert_cmpuint (added->new_count, ==, 1);
  g_assert_cmpuint (removed->old_count, ==, 1);
  g_assert_cmpuint (removed->new_count, ==, 0);
  g_assert_cmpint (removed->line_delta, ==, -2);
  g_assert_cmpuint (same->old_count, ==, 0);
  g_assert_cmpuint (same->new_count, ==, 0);
  g_assert_cmpstr (same->html, ==, "");
}

/* Where the page could not parse the new blocks alone as it parses the
 * whole, or the page has no blocks, it is replaced whole. */
static void
test_whole_page (void)
{
  const char *before = "Absatz.\n\n<div class=\"box\">\n\nInnen.\n\n</div>\n\nEnde.\n";
  g_autofree char *old_html = render_body (before);
  g_autofree char *new_html = render_body ("Absatz!\n\n<div class=\"box\">\n\nInnen.\n\n</div>\n\nEnde.\n");
  g_autofree char *inner_old = render_body ("Text.\n\n<div class=\"box\">\n\nInnen.\n\n</div>\n");
  g_autofree char *inner_new = render_body ("Text.\n\n<div class=\"box\">\n\nInnen!\n\n</div>\n");
  g_autofree char *open_new = render_body ("Text.\n\n<div class=\"andere\">\n\nInnen.\n\n</div>\n");
  g_autoptr(AushangBlockPatch) inner = NULL;
  g_autofree char *empty = render_body ("");
  g_autofree char *other_lead = NULL;
  g_autoptr(AushangBlockPatch) outside = NULL;

  /* The change is outside the open <div>: the patch is fine. */
  outside = aushang_block_diff (old_html, new_html);
  g_assert_nonnull (outside);
  g_assert_cmpuint (outside->first, ==, 0);

  /* Inside a <div> that a raw HTML block opened and another closes: the
   * page has the paragraph's comment and the next one inside the div, so
   * it can replace what lies between them there. */
  inner = aushang_block_diff (inner_old, inner_new);
  g_assert_nonnull (inner);
  g_assert_cmpuint (inner->old_count, ==, 1);
  /* But a block that opens the <div> alone would parse differently
   * alone (empty) than in the page (holding the blocks after it). */
  g_assert_null (aushang_block_diff (inner_old, open_new));

  g_assert_null (aushang_block_diff (old_html, empty));
  g_assert_null (aushang_block_diff (empty, old_html));

  /* Something before the blocks changed (a site's layout). */
  other_lead = g_strconcat ("<nav>Menü</nav>", old_html, NULL);
  g_assert_null (aushang_block_diff (old_html, other_lead));
}

static void
test_balanced (void)
{
  g_assert_true (aushang_block_html_balanced ("<p>Text <b>fett</b><br>und <img src=\"a>b.png\"></p>\n", -1));
  g_assert_true (aushang_block_html_balanced ("<!-- <div> --><pre><code>&lt;div&gt;</code></pre>", -1));
  g_assert_true (aushang_block_html_balanced ("<script>if (a < b) document.write ('<div>');</script>", -1));
  g_assert_true (aushang_block_html_balanced ("<svg><circle r=\"1\"/></svg>", -1));
  g_assert_true (aushang_block_html_balanced ("<P>Text</p>", -1));
  g_assert_false (aushang_block_html_balanced ("<div>", -1));
  g_assert_false (aushang_block_html_balanced ("</div>", -1));
  g_assert_false (aushang_block_html_balanced ("<ul><li>eins</ul>", -1));
  g_assert_false (aushang_block_html_balanced ("<div/>Text", -1));
  g_assert_false (aushang_block_html_balanced ("<p>Text <!-- offen", -1));
  g_assert_false (aushang_block_html_balanced ("<p title=\"offen>Text</p>", -1));
  g_assert_true (aushang_block_html_balanced ("<p>a</p><p>b", 8));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/block-diff/typing", test_typing);
  g_test_add_func ("/block-diff/new-line", test_new_line);
  g_test_add_func ("/block-diff/first-and-last", test_first_and_last);
  g_test_add_func ("/block-diff/whole-page", test_whole_page);
  g_test_add_func ("/block-diff/balanced", test_balanced);

  return g_test_run ();
}
