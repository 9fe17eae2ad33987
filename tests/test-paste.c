/* test-paste.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pasting formatted text: what LibreOffice Writer, Microsoft Word, Firefox
 * and Google Docs put on the clipboard as text/html (the .html files in
 * tests/paste, written from their documented formats) becomes the
 * Markdown beside each (the .md file of the same name).
 */

#include "config.h"

#include <string.h>

#include "aushang-html-to-markdown.h"

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "paste", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
assert_markdown (const char *html,
                 const char *expected)
{
  g_autofree char *markdown = aushang_html_to_markdown (html, -1);

  if (g_strcmp0 (markdown, expected) != 0)
    g_test_message ("From: %s", html);
  g_assert_cmpstr (markdown, ==, expected);
}

/* No HTML is left: every "<" is escaped. */
static void
assert_no_html (const char *markdown)
{
  for (const char *p = markdown; (p = strchr (p, '<')) != NULL; p++)
    g_assert_true (p > markdown && p[-1] == '\\');
}

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autofree char *html_name = g_strconcat (name, ".html", NULL);
  g_autofree char *md_name = g_strconcat (name, ".md", NULL);
  g_autofree char *html = read_fixture (html_name);
  g_autofree char *expected = read_fixture (md_name);
  g_autofree char *markdown = aushang_html_to_markdown (html, -1);

  g_assert_cmpstr (markdown, ==, expected);
  assert_no_html (markdown);
  /* Nothing of the styling is left. */
  g_assert_null (strstr (markdown, "mso-"));
  g_assert_null (strstr (markdown, "font"));
  g_assert_null (strstr (markdown, "Version:"));
  g_assert_null (strstr (markdown, "supportLists"));
}

static void
test_inline (void)
{
  assert_markdown ("<p>a <b>fett</b> <strong>stark</strong> <i>kursiv</i> <em>betont</em> "
                   "<s>alt</s> <del>weg</del> <u>unter</u> <sup>2</sup></p>",
                   "a **fett** **stark** *kursiv* *betont* ~~alt~~ ~~weg~~ unter 2\n");
  /* White space at the edges goes outside the markers. */
  assert_markdown ("<p>a<b> fett </b>b</p>", "a **fett** b\n");
  /* Empty formatting is nothing. */
  assert_markdown ("<p>a<b> </b>b<i></i></p>", "a b\n");
  /* Nested: no double markers. */
  assert_markdown ("<p><b>a <b>b</b> <span style=\"font-weight:bold\">c</span></b></p>",
                   "**a b c**\n");
  /* Styles on spans, and "normal" that takes bold away. */
  assert_markdown ("<p><span style=\"font-weight: 600\">x</span> <span style=\"FONT-STYLE: Italic\">y</span> "
                   "<b style=\"font-weight:normal\">z</b> <span style=\"text-decoration: underline line-through\">w</span></p>",
                   "**x** *y* z ~~w~~\n");
  /* White space as HTML reads it. */
  assert_markdown ("<p>  eins\n\tzwei&nbsp;&nbsp;drei  </p>", "eins zwei drei\n");
}

static void
test_escapes (void)
{
  assert_markdown ("<p>5 * 3 = [15] `x` \\ ~ a_b _c_ {{ x }}</p>",
                   "5 \\* 3 = \\[15\\] \\`x\\` \\\\ \\~ a_b \\_c\\_ {{ x }}\n");
  /* What would start a block. */
  assert_markdown ("<p># eins</p><p>- zwei</p><p>+ drei</p><p>&gt; vier</p><p>12. fünf</p><p>3) sechs</p>"
                   "<p>---</p><p>===</p><p>-5 Grad</p><p>2026 kommt</p>",
                   "\\# eins\n\n\\- zwei\n\n\\+ drei\n\n\\> vier\n\n12\\. fünf\n\n3\\) sechs\n\n"
                   "\\---\n\n\\===\n\n-5 Grad\n\n2026 kommt\n");
  assert_markdown ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "\\<script>alert(1)\\</script>\n");
}

static void
test_links (void)
{
  assert_markdown ("<p><a href=\"https://example.org/a\">Seite</a></p>", "[Seite](https://example.org/a)\n");
  /* A link without text shows its address. */
  assert_markdown ("<p><a href=\"https://example.org/\"></a></p>", "[https://example.org/](https://example.org/)\n");
  /* Links that lead nowhere outside the pasted text keep their text. */
  assert_markdown ("<p><a href=\"#_Toc1\">Inhalt</a> <a href=\"javascript:void(0)\">Klick</a> "
                   "<a name=\"anker\">Anker</a> <a href=\"file:///C:/x.docx\">Datei</a></p>",
                   "Inhalt Klick Anker Datei\n");
  /* Spaces and parentheses in the address are encoded. */
  assert_markdown ("<p><a href=\" https://example.org/a b(c) \">x</a></p>",
                   "[x](https://example.org/a%20b%28c%29)\n");
  /* White space around the text stays outside the brackets. */
  assert_markdown ("<p>vor<a href=\"/x\"> Text </a>nach</p>", "vor [Text](/x) nach\n");
  /* Images: only those with a web address. */
  assert_markdown ("<p><img src=\"https://example.org/a.jpg\" alt=\"Ein [Bild]\"> "
                   "<img src=\"file:///tmp/b.png\"> <img src=\"data:image/png;base64,AA==\"></p>",
                   "![Ein \\[Bild\\]](https://example.org/a.jpg)\n");
}

static void
test_lists (void)
{
  assert_markdown ("<ol start=\"3\"><li>drei</li><li>vier<ol><li>a</li><li>b<ul><li>tief</li></ul></li></ol></li></ol>",
                   "3. drei\n4. vier\n   1. a\n   2. b\n      - tief\n");
  /* Items with paragraphs make a loose list, indented under the marker. */
  assert_markdown ("<ul><li><p>eins</p><p>mehr</p></li><li><p>zwei</p></li></ul>",
                   "- eins\n\n  mehr\n\n- zwei\n");
  /* Empty items go. */
  assert_markdown ("<ul><li></li><li>x</li><li> </li></ul>", "- x\n");
  /* An item with a break. */
  assert_markdown ("<ul><li>a<br>b</li></ul>", "- a  \n  b\n");
  /* Items without a list. */
  assert_markdown ("<li>los</li>", "- los\n");
}

static void
test_blocks (void)
{
  assert_markdown ("<h1>Eins</h1><h3>Drei <br>und</h3><h6>Sechs</h6><h2></h2>",
                   "# Eins\n\n### Drei und\n\n###### Sechs\n");
  assert_markdown ("<blockquote><p>a</p><p>b</p></blockquote>", "> a\n>\n> b\n");
  assert_markdown ("<p>a</p><hr><p>b</p>", "a\n\n---\n\nb\n");
  /* Code with backticks in it gets a longer fence. */
  assert_markdown ("<pre>\nx = `y`\n```\n</pre>", "````\nx = `y`\n```\n````\n");
  /* Loose text and divs make paragraphs. */
  assert_markdown ("eins<div>zwei</div><div><div>drei</div>vier</div>", "eins\n\nzwei\n\ndrei\n\nvier\n");
  /* A table without a header row gets its first row as the header. */
  assert_markdown ("<table><tr><td>a</td><td>b<br>c</td></tr><tr><td colspan=2>d</td></tr></table>",
                   "| a | b c |\n| --- | --- |\n| d |  |\n");
}

static void
test_noise (void)
{
  /* Scripts, styles, comments, conditional comments, Office elements. */
  assert_markdown ("<style>p{}</style><script>x()</script><!-- Kommentar -->"
                   "<!--[if gte mso 9]><xml><o:x>y</o:x></xml><![endif]-->"
                   "<p class=MsoNormal>Text<o:p></o:p></p><p><o:p>&nbsp;</o:p></p>",
                   "Text\n");
  assert_markdown ("", "");
  assert_markdown ("<p> </p><br><div></div>", "");
  /* Not HTML at all: its text. */
  assert_markdown ("nur Text", "nur Text\n");
  /* A Word header without anything after it. */
  assert_markdown ("Version:0.9\r\nStartHTML:-1\r\n", "");
}

static void
test_robust (void)
{
  const char *inputs[] = {
    "<", "<p", "<b><i>x", "</p></p>", "<table><tr>", "<ul><ul><ul>", "<a href>", "<img>",
    "<p style=\"font-weight\">x</p>", "<p style=\";;:;\">y</p>", "<![if x]>", "\xff\xfe<p>z</p>",
    "<p style='mso-list:l0 level99'>w</p>", "<p style='mso-list:l0 level'>v</p>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *markdown = aushang_html_to_markdown (inputs[i], -1);

      g_assert_nonnull (markdown);
      g_assert_true (g_utf8_validate (markdown, -1, NULL));
      assert_no_html (markdown);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/paste/libreoffice-writer", "libreoffice-writer", test_fixture);
  g_test_add_data_func ("/paste/microsoft-word", "microsoft-word", test_fixture);
  g_test_add_data_func ("/paste/firefox", "firefox", test_fixture);
  g_test_add_data_func ("/paste/google-docs", "google-docs", test_fixture);
  g_test_add_func ("/paste/inline", test_inline);
  g_test_add_func ("/paste/escapes", test_escapes);
  g_test_add_func ("/paste/links", test_links);
  g_test_add_func ("/paste/lists", test_lists);
  g_test_add_func ("/paste/blocks", test_blocks);
  g_test_add_func ("/paste/noise", test_noise);
  g_test_add_func ("/paste/robust", test_robust);

  return g_test_run ();
}
