/* test-markdown.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "aushang-markdown.h"
#include "aushang-markdown-private.h"

/* Expected ids below come from the real kramdown 2.4.0 with
 * kramdown-parser-gfm 1.1.0 and Jekyll 4.3's kramdown options (input GFM,
 * auto_ids, smart quotes, hard_wrap false), run on this same text. */
static void
test_heading_ids (void)
{
  const char *markdown =
    "### Ort und Zeit\n"
    "### Info zur MeetUp-Reihe\n"
    "## Über uns\n"
    "## Über uns\n"
    "### Dies ist das letzte Meetup aus der Reihe KI und Zivilgesellschaft. \n"
    "## 2025: Rückblick & Ausblick\n"
    "## Straße, Weg -- Platz\n"
    "## `code_x` *em* [Link](https://example.org/)\n"
    "## !!!\n"
    "## ???\n"
    "## Custom {#eigene-id}\n";
  g_autofree char *html = aushang_markdown_render (markdown, NULL, NULL);

  g_assert_cmpstr (html, ==,
    "<h3 id=\"ort-und-zeit\">Ort und Zeit</h3>\n"
    "<h3 id=\"info-zur-meetup-reihe\">Info zur MeetUp-Reihe</h3>\n"
    "<h2 id=\"über-uns\">Über uns</h2>\n"
    "<h2 id=\"über-uns-1\">Über uns</h2>\n"
    "<h3 id=\"dies-ist-das-letzte-meetup-aus-der-reihe-ki-und-zivilgesellschaft\">"
      "Dies ist das letzte Meetup aus der Reihe KI und Zivilgesellschaft.</h3>\n"
    "<h2 id=\"2025-rückblick--ausblick\">2025: Rückblick &amp; Ausblick</h2>\n"
    "<h2 id=\"straße-weg--platz\">Straße, Weg – Platz</h2>\n"
    "<h2 id=\"code_x-em-link\"><code>code_x</code> <em>em</em> "
      "<a href=\"https://example.org/\">Link</a></h2>\n"
    "<h2>!!!</h2>\n"
    "<h2 id=\"-1\">?\?\?</h2>\n"
    "<h2 id=\"eigene-id\">Custom</h2>\n");
}

static void
test_heading_id_counter (void)
{
  /* kramdown-parser-gfm counts per generated id and never checks whether
   * "foo-1" is taken already: kramdown gives foo, foo-1, foo-1, foo-1-1. */
  g_autofree char *html = aushang_markdown_render ("# Foo\n\n# Foo\n\n# Foo 1\n\n# Foo-1\n\n"
                                                   "> ## Im Zitat\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<h1 id=\"foo\">Foo</h1>\n"
                   "<h1 id=\"foo-1\">Foo</h1>\n"
                   "<h1 id=\"foo-1\">Foo 1</h1>\n"
                   "<h1 id=\"foo-1-1\">Foo-1</h1>\n"
                   "<blockquote>\n<h2 id=\"im-zitat\">Im Zitat</h2>\n</blockquote>\n");
}

static void
test_kramdown_blocks (void)
{
  /* Where kramdown and CommonMark split blocks differently (checked with
   * kramdown): a span element alone on a line starts a paragraph, not an
   * HTML block, so the heading after it is a heading; "#" alone is text. */
  g_autofree char *html = aushang_markdown_render ("Text\n\n<br>\n# Closing Thoughts\n\n#\n", NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p>Text</p>\n"
                   "<p><br></p>\n"
                   "<h1 id=\"closing-thoughts\">Closing Thoughts</h1>\n"
                   "<p>#</p>\n");
}

static void
test_heading_id_function (void)
{
  struct { const char *text, *id; } cases[] = {
    { "Ort und Zeit", "ort-und-zeit" },
    { "Info zur MeetUp-Reihe", "info-zur-meetup-reihe" },
    { "Über uns", "über-uns" },
    { "Größe & Gewicht", "größe--gewicht" },
    { "2025: Rückblick", "2025-rückblick" },
    { "Tab\there", "tab-here" },
    { "snake_case", "snake_case" },
    { "!!!", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = aushang_markdown_heading_id (cases[i].text);

      g_assert_cmpstr (id, ==, cases[i].id);
    }
}

static void
test_gfm (void)
{
  const char *markdown =
    "| Tag | Uhrzeit |\n"
    "|-----|:-------:|\n"
    "| Di  | **16:30** |\n"
    "\n"
    "~~abgesagt~~ und ~bleibt~\n"
    "\n"
    "- [ ] offen\n"
    "- [x] erledigt\n";
  g_autofree char *html = aushang_markdown_render (markdown, NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<table>\n<thead>\n<tr>\n<th>Tag</th>\n"
                   "<th style=\"text-align: center\">Uhrzeit</th>\n</tr>\n</thead>\n"
                   "<tbody>\n<tr>\n<td>Di</td>\n"
                   "<td style=\"text-align: center\"><strong>16:30</strong></td>\n"
                   "</tr>\n</tbody>\n</table>\n"
                   "<p><del>abgesagt</del> und ~bleibt~</p>\n"
                   "<ul>\n"
                   "<li><input type=\"checkbox\" disabled=\"\" /> offen</li>\n"
                   "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> erledigt</li>\n"
                   "</ul>\n");
}

static void
test_raw_html_and_typography (void)
{
  g_autofree char *html = aushang_markdown_render ("<div class=\"box\">\n<b>roh</b>\n</div>\n\n"
                                                   "Text <span style=\"color:red\">rot</span> "
                                                   "\"Zitat\" -- ok...\n",
                                                   NULL, NULL);

  /* kramdown keeps raw HTML and sets smart quotes, dashes and ellipses. */
  g_assert_cmpstr (html, ==,
                   "<div class=\"box\">\n<b>roh</b>\n</div>\n"
                   "<p>Text <span style=\"color:red\">rot</span> “Zitat” – ok…</p>\n");
}

static void
test_attribute_lists (void)
{
  g_autofree char *html = aushang_markdown_render ("## Titel\n{: #anders}\n\n"
                                                   "Absatz\n{: .lead}\n\n"
                                                   "{: .note}\nNoch ein Absatz\n",
                                                   NULL, NULL);

  /* kramdown: the list names the heading's id, gives the paragraphs their
   * class, and is never shown. */
  g_assert_cmpstr (html, ==,
                   "<h2 id=\"anders\">Titel</h2>\n"
                   "<p class=\"lead\">Absatz</p>\n"
                   "<p class=\"note\">Noch ein Absatz</p>\n");
}

/* Each expected text below is what Debian's jekyll 4.3 (kramdown 2.4,
 * GFM input) writes for the same Markdown, up to the order of attributes
 * and line breaks between tags. */

static void
test_kramdown_backslash_break (void)
{
  g_autofree char *html = aushang_markdown_render ("Erste Zeile\\\\\nzweite Zeile\n\n"
                                                   "`a\\\\`\nb\n", NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p>Erste Zeile<br />\nzweite Zeile</p>\n"
                   "<p><code>a\\\\</code>\nb</p>\n");
}

/* kramdown links only what is written as a link: <https://…> and
 * <name@host>, not a bare URL, www. or address (GFM's autolink extension
 * does; jekyll 4.3.1 leaves them text). */
static void
test_kramdown_no_bare_autolinks (void)
{
  g_autofree char *html = aushang_markdown_render ("See https://example.org/x?a=1 and www.example.org and mail "
                                                   "me@example.org or <https://angle.org> and <me@angle.org>.\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p>See https://example.org/x?a=1 and www.example.org and mail me@example.org or "
                   "<a href=\"https://angle.org\">https://angle.org</a> and "
                   "<a href=\"mailto:me@angle.org\">me@angle.org</a>.</p>\n");
}

/* kramdown's HTML parser writes a closing tag that closes nothing open
 * as text; a browser would drop it, and the page would lack the text
 * jekyll 4.3.1 shows (Brandenburger-Maker's map embeds). Expected: jekyll's
 * output, but for its "<br />" and "<img … />". */
static void
test_kramdown_stray_end_tags (void)
{
  g_autofree char *html = aushang_markdown_render ("<div class=\"v\">\n  <p>a</iframe>b</p>\n"
                                                   "  x</span>y <a href=\"/q\"></iframe>z</a>\n"
                                                   "  <script>if (a </b) x();</script><br/><img src=\"/i.png\">\n"
                                                   "</div>\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<div class=\"v\">\n  <p>a&lt;/iframe&gt;b</p>\n"
                   "  x&lt;/span&gt;y <a href=\"/q\">&lt;/iframe&gt;z</a>\n"
                   "  <script>if (a </b) x();</script><br/><img src=\"/i.png\">\n"
                   "</div>\n");
}

/* kramdown's smart_quotes option (funktionale-programmierung.de sets
 * German ones): quotes Markdown makes follow it, typed ones stay; a quote
 * right after "(" opens, where cmark would close it. Expected: jekyll
 * 4.3.1's output for the same text and option, but for its code's
 * classes. */
static void
test_kramdown_smart_quotes (void)
{
  const char *text = "Er sagte \"Hallo\" und 'ja', typed \u201eecht\u201c and \u201ctyped\u201d \u2018x\u2019, "
                     "don't (\"...\") and `\"code\"` \u201c_kursiv_\u201d.\n";
  g_autofree char *german = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *brackets = NULL;
  g_autofree char *elements = NULL;

  aushang_markdown_set_smart_quotes ("sbquo,lsquo,bdquo,ldquo");
  german = aushang_markdown_render (text, NULL, NULL);
  aushang_markdown_set_smart_quotes (NULL);
  standard = aushang_markdown_render ("Default (\"...\") and ('x') and [\u201ctyped\u201d] and (\"*a*\") and (it's).\n",
                                      NULL, NULL);
  aushang_markdown_set_smart_quotes ("lsquo,rsquo,ldquo,rdquo");
  brackets = aushang_markdown_render ("(\"...\")\n", NULL, NULL);
  aushang_markdown_set_smart_quotes (NULL);
  /* A quote right after an element: kramdown's rules (okfde's
   * "[Kleiner Spatz][]",eine). */
  elements = aushang_markdown_render ("Eine \"[Kleiner Spatz][]\",eine und \"[x](/x)\" gut, *Custer*'s Last, "
                                      "\"*em*\". und \"`c`\"! und \"[a](/a)\".b und \"<b>x</b>\" ja, "
                                      "'[y](/y)'s und \"[z](/z)\"... mit 'ner Mate\n\n[Kleiner Spatz]: /k\n",
                                      NULL, NULL);

  g_assert_cmpstr (german, ==,
                   "<p>Er sagte \u201eHallo\u201c und \u201aja\u2018, typed \u201eecht\u201c and \u201ctyped\u201d "
                   "\u2018x\u2019, don\u2018t (\u201e\u2026\u201c) and <code>&quot;code&quot;</code> "
                   "\u201c<em>kursiv</em>\u201d.</p>\n");
  g_assert_cmpstr (standard, ==,
                   "<p>Default (\u201c\u2026\u201d) and (\u2018x\u2019) and [\u201ctyped\u201d] and "
                   "(\u201c<em>a</em>\u201d) and (it\u2019s).</p>\n");
  g_assert_cmpstr (brackets, ==, "<p>(\u201c\u2026\u201d)</p>\n");
  g_assert_cmpstr (elements, ==,
                   "<p>Eine \u201c<a href=\"/k\">Kleiner Spatz</a>\u201c,eine und \u201c<a href=\"/x\">x</a>\u201d gut, "
                   "<em>Custer</em>\u2019s Last, \u201c<em>em</em>\u201d. und \u201c<code>c</code>\u201d! und "
                   "\u201c<a href=\"/a\">a</a>\u201c.b und \u201c<b>x</b>\u201d ja, \u2018<a href=\"/y\">y</a>\u2019s und "
                   "\u201c<a href=\"/z\">z</a>\u201c\u2026 mit \u2018ner Mate</p>\n");
}

/* kramdown writes link and image targets as written: umlauts, spaces,
 * "[" and "]" are not percent-encoded (funktionale-programmierung's
 * links into a conference site). Expected: jekyll 4.3.1's output, but
 * for its "<img … />" and the blank line between paragraphs. */
static void
test_kramdown_urls_as_written (void)
{
  g_autofree char *html = aushang_markdown_render ("[b](<http://x.de/a b>) ![c](/bild_\u00f6.png) <http://auto.de/\u00fc[1]>\n\n"
                                                   "[ref]: http://r.de/\u00fc[2]\n\n"
                                                   "[e][ref] [f](/a?x[1]=2&y=3) [g](/plain)\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p><a href=\"http://x.de/a b\">b</a> <img src=\"/bild_\u00f6.png\" alt=\"c\" /> "
                   "<a href=\"http://auto.de/\u00fc[1]\">http://auto.de/\u00fc[1]</a></p>\n"
                   "<p><a href=\"http://r.de/\u00fc[2]\">e</a> <a href=\"/a?x[1]=2&amp;y=3\">f</a> "
                   "<a href=\"/plain\">g</a></p>\n");
}

/* The same without "<" in the text: URLs written escaped, as entities,
 * with curly quotes, in a definition or after a line break are kept as
 * written too (only URLs that cannot need it are left to cmark). */
static void
test_kramdown_urls_as_written_without_html (void)
{
  static const struct { const char *markdown, *html; } cases[] = {
    { "[a](/x\\[1\\]) and [b](/plain)\n", "<p><a href=\"/x[1]\">a</a> and <a href=\"/plain\">b</a></p>\n" },
    { "[a](/&uuml;ber) and [b](/plain)\n", "<p><a href=\"/\u00fcber\">a</a> and <a href=\"/plain\">b</a></p>\n" },
    { "[a](/\u00fc) ![i](/bild \"T\u00fc\")\n", "<p><a href=\"/\u00fc\">a</a> <img src=\"/bild\" alt=\"i\" title=\"T\u00fc\" /></p>\n" },
    { "[e][r]\n\n[r]: /a|b\n", "<p><a href=\"/a|b\">e</a></p>\n" },
    { "[a](/it\u2019s) \u201cq\u201d\n", "<p><a href=\"/it\u2019s\">a</a> \u201cq\u201d</p>\n" },
    { "[a](\n/x{y}) [b]( /plain 'T')\n", "<p><a href=\"/x{y}\">a</a> <a href=\"/plain\" title=\"T\">b</a></p>\n" },
    /* Autolinks beside HTML, and of an address. */
    { "Text <br> <http://auto.de/\u00fc>\n", "<p>Text <br> <a href=\"http://auto.de/\u00fc\">http://auto.de/\u00fc</a></p>\n" },
    { "<a{b}@example.org> and <b>bold</b>\n",
      "<p><a href=\"mailto:a{b}@example.org\">a{b}@example.org</a> and <b>bold</b></p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = aushang_markdown_render (cases[i].markdown, NULL, NULL);

      g_assert_cmpstr (html, ==, cases[i].html);
    }
}

/* Which paragraphs can be pipe tables is first told from their lines
 * ("|" or an entity on them); a quote's lazy line and a list item's
 * continuation count too. */
static void
test_kramdown_pipe_table_lines (void)
{
  static const struct { const char *markdown, *html; } cases[] = {
    { "a &#124; b\n",
      "<p>a | b</p>\n" },
    { "text\n\na &#124; b\nc &#124; d\n\nmore\n",
      "<p>text</p>\n<p>a | b\nc | d</p>\n<p>more</p>\n" },
    { "> x | y\nlazy | z\n\nend\n",
      "<blockquote>\n<table>\n<tbody>\n<tr>\n<td>x</td>\n<td>y</td>\n</tr>\n<tr>\n<td>lazy</td>\n<td>z</td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n<p>end</p>\n" },
    { "- a | b\nc | d\n\nend\n",
      "<ul>\n<li>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n</li>\n</ul>\n<p>end</p>\n" },
    { "para one\npara two | three\n\n{% include x.html %} | a\n",
      "<p>para one\npara two | three</p>\n<table>\n<tbody>\n<tr>\n<td><span class=\"aushang-inline\" data-tag=\"include\">{% include x.html %}</span></td>\n<td>a</td>\n</tr>\n</tbody>\n</table>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = aushang_markdown_render (cases[i].markdown, NULL, NULL);

      g_assert_cmpstr (html, ==, cases[i].html);
    }
}

/* kramdown's "\\" line breaks and ": " definitions also where an escape
 * or an entity writes the "\\" or the ":" (the pass looks for them only
 * when the text can have them), and spaced references. */
static void
test_kramdown_escapes_and_entities (void)
{
  static const struct { const char *markdown, *html; } cases[] = {
    { "Eins&#92;\nZwei\n\na | b\n",
      "<p>Eins<br />\nZwei</p>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n" },
    { "Eins\\\\\nZwei\n\na | b\n",
      "<p>Eins<br />\nZwei</p>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n" },
    { "Term\n&#58; Def\n\na | b\n",
      "<dl>\n<dt>Term</dt>\n<dd>Def</dd>\n</dl>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n" },
    { "Term\n\\: Def\n\na | b\n",
      "<dl>\n<dt>Term</dt>\n<dd>Def</dd>\n</dl>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n" },
    { "[Link] []\n\n[Link]: /x\n\na | b\n",
      "<p><a href=\"/x\">Link</a></p>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = aushang_markdown_render (cases[i].markdown, NULL, NULL);

      g_assert_cmpstr (html, ==, cases[i].html);
    }
}

/* Heading ids beside HTML: inline HTML in a line, a heading written as
 * HTML (no id), an HTML block, HTML at the start of a list item. */
static void
test_heading_ids_beside_html (void)
{
  static const struct { const char *markdown, *html; } cases[] = {
    { "## Ort und Zeit\n\nBeginn<br>\n14 Uhr <b>fett</b>\n\n## Ort und Zeit\n",
      "<h2 id=\"ort-und-zeit\">Ort und Zeit</h2>\n<p>Beginn<br>\n14 Uhr <b>fett</b></p>\n<h2 id=\"ort-und-zeit-1\">Ort und Zeit</h2>\n" },
    { "Text <h2>Raw</h2> mehr\n\n## Echt\n",
      "<p>Text <h2>Raw</h2> mehr</p>\n<h2 id=\"echt\">Echt</h2>\n" },
    { "## Titel <em>x</em>\n\n  <div>block</div>\n\n## Titel x\n",
      "<h2 id=\"titel-x\">Titel <em>x</em></h2>\n  <div>block</div>\n<h2 id=\"titel-x-1\">Titel x</h2>\n" },
    { "- <span>Punkt</span>\n\n## Liste\n",
      "<ul>\n<li><span>Punkt</span></li>\n</ul>\n<h2 id=\"liste\">Liste</h2>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = aushang_markdown_render (cases[i].markdown, NULL, NULL);

      g_assert_cmpstr (html, ==, cases[i].html);
    }
}

/* kramdown ends an HTML block with its element: what follows it, on the
 * same line or the next, is Markdown (okfde's posts: "<h1>…</h1>" then a
 * paragraph with links). Expected: jekyll 4.3.1's output, but for the
 * blank lines between blocks. */
static void
test_kramdown_html_block_ends_with_element (void)
{
  g_autofree char *html = aushang_markdown_render ("<h1>Hello Hamburg!</h1>\nEvery [link](/x) \"q\".\n\n"
                                                   "<iframe src=\"/v\"></iframe>  Trailing \"text\" [l](/y).\nnext line\n\n"
                                                   "<div><p>x</p></div>\n*after div*\n\n"
                                                   "<div>\nopen\n</div>\n*after open div*\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<h1>Hello Hamburg!</h1>\n"
                   "<p>Every <a href=\"/x\">link</a> \u201cq\u201d.</p>\n"
                   "<iframe src=\"/v\"></iframe>\n"
                   "<p>Trailing \u201ctext\u201d <a href=\"/y\">l</a>.\nnext line</p>\n"
                   "<div><p>x</p></div>\n"
                   "<p><em>after div</em></p>\n"
                   "<div>\nopen\n</div>\n"
                   "<p><em>after open div</em></p>\n");
}

/* kramdown makes a table of lines with a "|" between blank lines, no
 * delimiter row needed (then all rows are body rows); not where a line
 * has none or no blank line follows (netz39's photo grids). Expected:
 * jekyll 4.3.1's output, but for its indentation and code class. */
static void
test_kramdown_pipe_tables (void)
{
  g_autofree char *html = aushang_markdown_render ("Text\n\n![](/a.jpg) | ![](/b.jpg)\n![](/c.jpg) | ![](/d.jpg)\n\n"
                                                   "| x | `a|b` | y |\n\n"
                                                   "Nun Pr(rain |\ngrass-is-wet) aus.\n\n"
                                                   "- item a | b\n\n"
                                                   "A | B\n# Heading\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p>Text</p>\n"
                   "<table>\n<tbody>\n"
                   "<tr>\n<td><img src=\"/a.jpg\" alt=\"\" /></td>\n<td><img src=\"/b.jpg\" alt=\"\" /></td>\n</tr>\n"
                   "<tr>\n<td><img src=\"/c.jpg\" alt=\"\" /></td>\n<td><img src=\"/d.jpg\" alt=\"\" /></td>\n</tr>\n"
                   "</tbody>\n</table>\n"
                   "<table>\n<tbody>\n"
                   "<tr>\n<td>x</td>\n<td><code>a|b</code></td>\n<td>y</td>\n</tr>\n"
                   "</tbody>\n</table>\n"
                   "<p>Nun Pr(rain |\ngrass-is-wet) aus.</p>\n"
                   "<ul>\n<li>\n<table>\n<tbody>\n<tr>\n<td>item a</td>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n</li>\n</ul>\n"
                   "<p>A | B</p>\n"
                   "<h1 id=\"heading\">Heading</h1>\n");
}

/* kramdown allows blanks before the "[]" of a reference link (okfde's
 * launch post). Expected: jekyll 4.3.1's output. */
static void
test_kramdown_spaced_reference (void)
{
  g_autofree char *html = aushang_markdown_render ("Unter ihnen [Code for America] [], und [Digital \"Champion\"] [] "
                                                   "und [inline](/i) [] ende.\n\n"
                                                   "[Code for America]: http://c.org/\n[Digital \"Champion\"]: http://d.org/\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p>Unter ihnen <a href=\"http://c.org/\">Code for America</a>, und "
                   "<a href=\"http://d.org/\">Digital \u201cChampion\u201d</a> und <a href=\"/i\">inline</a> [] ende.</p>\n");
}

static void
test_kramdown_span_attributes (void)
{
  g_autofree char *html = aushang_markdown_render ("![Bild](/a.png){: .img-responsive}\n"
                                                   "und ![B2](/b.png \"T\"){:.x style=\"border:0\"} "
                                                   "und [Link](/x){: #l1 .y}\n\n"
                                                   "Text mit *Betonung*{: .rot} und `code`{: .c} Ende.\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p><img src=\"/a.png\" alt=\"Bild\" class=\"img-responsive\" />\n"
                   "und <img src=\"/b.png\" alt=\"B2\" title=\"T\" class=\"x\" style=\"border:0\" /> "
                   "und <a href=\"/x\" class=\"y\" id=\"l1\">Link</a></p>\n"
                   "<p>Text mit <em class=\"rot\">Betonung</em> und <code class=\"c\">code</code> Ende.</p>\n");
}

static void
test_kramdown_block_attributes (void)
{
  g_autofree char *html = aushang_markdown_render ("Ein Absatz mit Bild.\n{: style=\"max-height:100px;\"}\n\n"
                                                   "{: .notice--info}\nHinweis davor.\n\n"
                                                   "> Zitat\n{: .hinweis}\n\n"
                                                   "* Punkt\n{: .liste}\n\n"
                                                   "Zwischen.\n\n"
                                                   "- a\n\n{: .after-blank}\n\nDanach.\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p style=\"max-height:100px;\">Ein Absatz mit Bild.</p>\n"
                   "<p class=\"notice--info\">Hinweis davor.</p>\n"
                   "<blockquote class=\"hinweis\">\n<p>Zitat</p>\n</blockquote>\n"
                   "<ul class=\"liste\">\n<li>Punkt</li>\n</ul>\n"
                   "<p>Zwischen.</p>\n"
                   "<ul>\n<li>a</li>\n</ul>\n"
                   "<p class=\"after-blank\">Danach.</p>\n");
}

static void
test_kramdown_attributes_in_tables_and_rows (void)
{
  g_autofree char *html = aushang_markdown_render ("**Tipp:** Ein Nachfolger.  \n{: .notice--info}\n\n"
                                                   "![B](/b.gif \"T\"){: .img-responsive}{: style=\"max-width: 500px\"}\n\n"
                                                   "[Guide](https://x.example)\n{: .title-url}\nWeiter: `x`:\n\n"
                                                   "| A | B |\n|---|---|\n| 1 | 2 |\n{: .table-code}\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p class=\"notice--info\"><strong>Tipp:</strong> Ein Nachfolger.</p>\n"
                   "<p><img src=\"/b.gif\" alt=\"B\" title=\"T\" class=\"img-responsive\" style=\"max-width: 500px\" /></p>\n"
                   "<p class=\"title-url\"><a href=\"https://x.example\">Guide</a></p>\n"
                   "<p>Weiter: <code>x</code>:</p>\n"
                   "<table class=\"table-code\">\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n"
                   "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n");
}

static void
test_kramdown_options_and_abbreviations (void)
{
  g_autofree char *html = aushang_markdown_render ("{::options parse_block_html=\"true\" /}\n\n"
                                                   "Die HTML-Seite nutzt CSS, nicht HTMLX.\n\n"
                                                   "*[HTML]: Hyper Text Markup Language\n"
                                                   "*[CSS]: Cascading Style Sheets\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p>Die <abbr title=\"Hyper Text Markup Language\">HTML</abbr>-Seite nutzt "
                   "<abbr title=\"Cascading Style Sheets\">CSS</abbr>, nicht HTMLX.</p>\n");
}

static void
test_kramdown_definition_lists (void)
{
  g_autofree char *html = aushang_markdown_render ("Krankenhaus\n: Ein Krankenhaus kann\n  weiter.\n\n"
                                                   "Import\n: Die Import-Komponente.\n: Zweite.\n",
                                                   NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<dl>\n"
                   "<dt>Krankenhaus</dt>\n"
                   "<dd>Ein Krankenhaus kann\nweiter.</dd>\n"
                   "<dt>Import</dt>\n"
                   "<dd>Die Import-Komponente.</dd>\n"
                   "<dd>Zweite.</dd>\n"
                   "</dl>\n");
}

static void
test_kramdown_footnotes (void)
{
  g_autofree char *html = aushang_markdown_render ("Wort[^a] hier.\n\n[^a]: Die Notiz.\n", NULL, NULL);

  /* kramdown's ids and classes: links within the page keep working. */
  g_assert_nonnull (strstr (html, "<sup role=\"doc-noteref\"><a class=\"footnote\" rel=\"footnote\" "
                                  "href=\"#fn:a\" id=\"fnref:a\">1</a></sup>"));
  g_assert_nonnull (strstr (html, "<div class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n"
                                  "<li role=\"doc-endnote\" id=\"fn:a\">\n"
                                  "<p>Die Notiz. <a href=\"#fnref:a\" class=\"reversefootnote\" "
                                  "role=\"doc-backlink\">&#8617;</a></p>\n</li>\n</ol>\n</div>"));
}

/* The corpus's documents that use these: no attribute list is left as
 * text, definition lists are lists. */
static void
test_kramdown_corpus (void)
{
  const char *corpus = g_getenv ("AUSHANG_CORPUS_DIR");
  static const struct
  {
    const char *path;
    const char *must;
  } documents[] = {
    { "funktionale-programmierung__funktionale-programmierung.github.com/_posts/2013-07-17-medizin-funktional.md",
      "<dt>Krankenhaus</dt>" },
    { "itenium-be__blog-posts/productivity/2024-06-08-git-pull-request-hygiene.md",
      "class=\"img-responsive\"" },
    { "itenium-be__blog-posts/ai/2023-07-03-install-the-slack-meme-bot.md",
      "class=\"img-responsive\"" },
  };
  guint checked = 0, with_ial = 0, shown = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("The corpus of real sites (AUSHANG_CORPUS_DIR) is not here");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *path = g_build_filename (corpus, documents[i].path, NULL);
      g_autofree char *text = NULL;
      g_autofree char *html = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      html = aushang_markdown_render (text, NULL, NULL);
      g_assert_nonnull (strstr (html, documents[i].must));
      g_assert_null (strstr (html, "\n: "));
      checked++;
    }

  /* Every Markdown document: an attribute list after an image or on a
   * line of its own is never shown as text (outside code). */
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (stack, g_strdup (corpus));
    while (stack->len > 0)
      {
        g_autofree char *dir_path = g_ptr_array_steal_index (stack, stack->len - 1);
        g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
        const char *name;

        while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *path = g_build_filename (dir_path, name, NULL);
            g_autofree char *text = NULL;
            g_autofree char *html = NULL;
            gboolean in_code = FALSE;

            if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
              {
                g_ptr_array_add (stack, g_steal_pointer (&path));
                continue;
              }
            if (!g_str_has_suffix (name, ".md") && !g_str_has_suffix (name, ".markdown"))
              continue;
            if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL) ||
                (strstr (text, "){:") == NULL && strstr (text, "\n{: ") == NULL))
              continue;

            with_ial++;
            html = aushang_markdown_render (text, NULL, NULL);
            for (const char *p = html; *p != '\0'; p++)
              {
                if (strncmp (p, "<code", 5) == 0)
                  in_code = TRUE;
                else if (strncmp (p, "</code>", 7) == 0)
                  in_code = FALSE;
                else if (!in_code && (strncmp (p, "{: .", 4) == 0 || strncmp (p, "{:.", 3) == 0 ||
                                      strncmp (p, "{: style", 8) == 0))
                  {
                    g_autofree char *where = g_strndup (p, 60);

                    g_test_message ("%s shows %s", path, where);
                    shown++;
                    break;
                  }
              }
          }
      }
  }

  g_test_message ("%u documents use attribute lists; %u show one as text", with_ial, shown);
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (documents));
  g_assert_cmpuint (with_ial, >, 5);
  g_assert_cmpuint (shown, ==, 0);
}

typedef struct
{
  GPtrArray *seen;
} Recorder;

static char *
record_tag_cb (const AushangLiquidTag *tag,
               gpointer                user_data)
{
  Recorder *recorder = user_data;

  g_ptr_array_add (recorder->seen, g_strdup (tag->source));

  if (tag->is_output)
    return g_strdup ("");
  if (g_strcmp0 (tag->argument, "pretix-widget.html") == 0)
    return g_strdup_printf ("<div class=\"pretix\" data-event=\"%s\"></div>",
                            (char *) g_hash_table_lookup (tag->params, "event"));

  return NULL;
}

static void
test_include_block (void)
{
  const char *markdown =
    "### Kostenlose Anmeldung\n"
    "{% include pretix-widget.html event=\"ki-zivil-11\" %}\n";
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Recorder recorder = { seen };
  g_autofree char *plain = aushang_markdown_render (markdown, NULL, NULL);
  g_autofree char *rendered = aushang_markdown_render (markdown, record_tag_cb, &recorder);
  g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags (markdown);
  AushangLiquidTag *tag;

  /* A block of its own, never a paragraph with escaped quotes. */
  g_assert_cmpstr (plain, ==,
                   "<h3 id=\"kostenlose-anmeldung\">Kostenlose Anmeldung</h3>\n"
                   "<div class=\"aushang-block\" data-tag=\"include\">"
                   "{% include pretix-widget.html event=&quot;ki-zivil-11&quot; %}</div>\n");
  g_assert_cmpstr (rendered, ==,
                   "<h3 id=\"kostenlose-anmeldung\">Kostenlose Anmeldung</h3>\n"
                   "<div class=\"pretix\" data-event=\"ki-zivil-11\"></div>\n");
  g_assert_cmpuint (seen->len, ==, 1);

  g_assert_cmpuint (tags->len, ==, 1);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (tag->name, ==, "include");
  g_assert_cmpstr (tag->argument, ==, "pretix-widget.html");
  g_assert_cmpstr (g_hash_table_lookup (tag->params, "event"), ==, "ki-zivil-11");
  g_assert_cmpuint (g_hash_table_size (tag->params), ==, 1);
  g_assert_false (tag->is_output);
  g_assert_cmpuint (tag->line, ==, 2);
  g_assert_cmpuint (tag->column, ==, 1);
  g_assert_cmpuint (tag->offset, ==, strlen ("### Kostenlose Anmeldung\n"));
  g_assert_cmpuint (tag->length, ==, strlen ("{% include pretix-widget.html event=\"ki-zivil-11\" %}"));
}

static void
test_include_multiline (void)
{
  const char *markdown =
    "Absatz davor\n"
    "{% include gallery.html\n"
    "   folder=\"/assets/img/fest\"\n"
    "   images='a.jpg|Bild A,b.jpg'\n"
    "   text=\"Sie sagte \\\"Hallo\\\"\"\n"
    "   new_tab=true %}\n"
    "Absatz danach\n";
  g_autofree char *html = aushang_markdown_render (markdown, NULL, NULL);
  g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags (markdown);
  AushangLiquidTag *tag;

  /* The paragraph is closed before the block and reopened after it. */
  g_assert_cmpstr (html, ==,
                   "<p>Absatz davor</p>\n"
                   "<div class=\"aushang-block\" data-tag=\"include\">{% include gallery.html\n"
                   "   folder=&quot;/assets/img/fest&quot;\n"
                   "   images=&#39;a.jpg|Bild A,b.jpg&#39;\n"
                   "   text=&quot;Sie sagte \\&quot;Hallo\\&quot;&quot;\n"
                   "   new_tab=true %}</div>\n"
                   "<p>Absatz danach</p>\n");

  g_assert_cmpuint (tags->len, ==, 1);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (tag->argument, ==, "gallery.html");
  g_assert_cmpuint (tag->line, ==, 2);
  g_assert_cmpuint (g_hash_table_size (tag->params), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (tag->params, "folder"), ==, "/assets/img/fest");
  g_assert_cmpstr (g_hash_table_lookup (tag->params, "images"), ==, "a.jpg|Bild A,b.jpg");
  g_assert_cmpstr (g_hash_table_lookup (tag->params, "text"), ==, "Sie sagte \"Hallo\"");
  g_assert_cmpstr (g_hash_table_lookup (tag->params, "new_tab"), ==, "true");
}

static void
test_inline_output (void)
{
  const char *markdown = "Zur [Anmeldung]({{ site.baseurl }}/anmeldung/) für {{ page.title }}.\n";
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Recorder recorder = { seen };
  g_autofree char *plain = aushang_markdown_render (markdown, NULL, NULL);
  g_autofree char *rendered = aushang_markdown_render (markdown, record_tag_cb, &recorder);

  g_assert_cmpstr (plain, ==,
                   "<p>Zur <a href=\"{{ site.baseurl }}/anmeldung/\">Anmeldung</a> für "
                   "<span class=\"aushang-inline\" data-tag=\"output\">{{ page.title }}</span>.</p>\n");
  g_assert_cmpstr (rendered, ==, "<p>Zur <a href=\"/anmeldung/\">Anmeldung</a> für .</p>\n");
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "{{ site.baseurl }}");
}

static void
test_tags_in_raw_html (void)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Recorder recorder = { seen };
  g_autofree char *html = aushang_markdown_render ("<img src=\"{{ site.baseurl }}/assets/a.png\" alt=\"\">\n"
                                                   "<!-- {{ page.x }} -->\n",
                                                   record_tag_cb, &recorder);

  /* kramdown: an image alone on its line is a paragraph. */
  g_assert_cmpstr (html, ==, "<p><img src=\"/assets/a.png\" alt=\"\"></p>\n<!--  -->\n");
}

static void
test_unterminated (void)
{
  const char *markdown = "Preis: 100 {% und mehr {{ offen\n\nZweiter Absatz\n";
  g_autofree char *html = aushang_markdown_render (markdown, NULL, NULL);
  g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags (markdown);

  g_assert_cmpstr (html, ==, "<p>Preis: 100 {% und mehr {{ offen</p>\n<p>Zweiter Absatz</p>\n");
  g_assert_cmpuint (tags->len, ==, 0);
}

static void
test_tag_end_like_liquid (void)
{
  /* Liquid ends a tag at the first "%}", quotes or not. */
  g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags ("{% include q.html text=\"100%}\" %}");
  AushangLiquidTag *tag;

  g_assert_cmpuint (tags->len, ==, 1);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (tag->source, ==, "{% include q.html text=\"100%}");
}

static void
test_raw_and_comment (void)
{
  const char *markdown =
    "{% raw %}Schreibe {{ page.title }} und {% include x.html %}{% endraw %}\n"
    "\n"
    "{% comment %}\n"
    "Entwurf {% include geheim.html %}\n"
    "{% endcomment %}\n"
    "Sichtbar\n";
  g_autofree char *html = aushang_markdown_render (markdown, NULL, NULL);
  g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags (markdown);
  const char *names[] = { "raw", "endraw", "comment", "endcomment" };

  g_assert_cmpstr (html, ==,
                   "<p>Schreibe {{ page.title }} und {% include x.html %}</p>\n"
                   "<p>Sichtbar</p>\n");

  g_assert_cmpuint (tags->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      AushangLiquidTag *tag = g_ptr_array_index (tags, i);

      g_assert_cmpstr (tag->name, ==, names[i]);
    }
}

static void
test_highlight_and_code (void)
{
  const char *markdown =
    "{% highlight ruby %}\n"
    "puts \"<b>#{x}</b>\" if a && b\n"
    "{% endhighlight %}\n"
    "\n"
    "```liquid\n"
    "{% include button.html text=\"Los\" %}\n"
    "```\n"
    "\n"
    "Inline `{{ page.title }}`.\n";
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Recorder recorder = { seen };
  g_autofree char *html = aushang_markdown_render (markdown, record_tag_cb, &recorder);

  g_assert_cmpstr (html, ==,
                   "<figure class=\"highlight\"><pre><code class=\"language-ruby\" data-lang=\"ruby\">"
                   "puts &quot;&lt;b&gt;#{x}&lt;/b&gt;&quot; if a &amp;&amp; b</code></pre></figure>\n"
                   "<pre><code class=\"language-liquid\">"
                   "{% include button.html text=&quot;Los&quot; %}\n"
                   "</code></pre>\n"
                   "<p>Inline <code>{{ page.title }}</code>.</p>\n");
  /* Tags shown as code are never handed to the callback. */
  g_assert_cmpuint (seen->len, ==, 0);
}

static void
test_line_and_column (void)
{
  g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags ("Grüße\nÄÖÜ {{ a }}\r\n\n  {%- if x -%}");
  AushangLiquidTag *tag;

  g_assert_cmpuint (tags->len, ==, 2);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (tag->name, ==, "output");
  g_assert_true (tag->is_output);
  g_assert_cmpuint (tag->line, ==, 2);
  g_assert_cmpuint (tag->column, ==, 5);
  tag = g_ptr_array_index (tags, 1);
  g_assert_cmpstr (tag->name, ==, "if");
  g_assert_cmpuint (tag->line, ==, 4);
  g_assert_cmpuint (tag->column, ==, 3);
}

/* A Liquid block over several lines is one token for cmark: kramdown's
 * attribute list right after a heading still goes to the heading, not to
 * the paragraph after the blank line (the lines of the text before the
 * block were counted). */
static void
test_ial_after_multiline_tag (void)
{
  g_autofree char *html = aushang_markdown_render ("{% highlight ruby %}\na\n\nb\n{% endhighlight %}\n\n"
                                                   "### Titel\n{: #eigene }\n\nText.\n", NULL, NULL);

  g_assert_nonnull (strstr (html, "<h3 id=\"eigene\">Titel</h3>\n<p>Text.</p>\n"));
}

/* Text after an HTML element on its line is parsed again: its blocks'
 * lines count from the element's line, so a list after a quote's lazy
 * line still goes to the quote (as "> q\n{: .x}" alone does). */
static void
test_ial_in_text_parsed_again (void)
{
  g_autofree char *html = aushang_markdown_render ("{% if x %}\n    code\n<h2>Y</h2> text\n{: .x}\n"
                                                   "\tcode\nterm\n> q\n{: .x}\n", NULL, NULL);

  g_assert_nonnull (strstr (html, "<blockquote class=\"x\">\n<p>q</p>\n</blockquote>"));
}

static char *
baseurl_cb (const AushangLiquidTag *tag,
            gpointer                user_data)
{
  return g_strdup ("/basis");
}

/* An image whose address starts with a tag, with an attribute list after
 * it (common in Jekyll posts): the tag's HTML in the address, nothing of
 * the tag's text anywhere else. */
static void
test_ial_after_image_with_tag (void)
{
  g_autofree char *plain = aushang_markdown_render ("![A]({{ site.baseurl }}/a.png \"T\"){: .c}\n", NULL, NULL);
  g_autofree char *html = aushang_markdown_render ("![A]({{ site.baseurl }}/a.png){: .c}\n", baseurl_cb, NULL);

  g_assert_cmpstr (plain, ==, "<p><img src=\"{{ site.baseurl }}/a.png\" alt=\"A\" title=\"T\" class=\"c\" /></p>\n");
  g_assert_cmpstr (html, ==, "<p><img src=\"/basis/a.png\" alt=\"A\" class=\"c\" /></p>\n");
}

/* The preview scrolls by the line comments: blocks that kramdown reads
 * differently from cmark (parsed again) say their own lines too. */
static void
test_source_lines_parsed_again (void)
{
  g_autofree char *html = NULL;

  aushang_markdown_set_source_lines (TRUE);
  html = aushang_markdown_render ("Eins\n\n<br>\n# Zwei\n\n<h1>Drei</h1>\nText [Link](/x)\n\nVier\n",
                                  NULL, NULL);
  aushang_markdown_set_source_lines (FALSE);
  g_assert_cmpstr (html, ==,
                   "<!--aushang-line 1-->\n<p>Eins</p>\n"
                   "<!--aushang-line 3-->\n<p><br></p>\n"
                   "<!--aushang-line 4-->\n<h1 id=\"zwei\">Zwei</h1>\n"
                   "<!--aushang-line 6-->\n<h1>Drei</h1>\n"
                   "<!--aushang-line 7-->\n<p>Text <a href=\"/x\">Link</a></p>\n"
                   "<!--aushang-line 9-->\n<p>Vier</p>\n"
                   "<!--aushang-end-->\n");
}

static void
test_token_written_by_user (void)
{
  g_autofree char *html = aushang_markdown_render ("AUSHANGLIQUID0X steht da {{ x }}\n", NULL, NULL);

  g_assert_cmpstr (html, ==,
                   "<p>AUSHANGLIQUID0X steht da "
                   "<span class=\"aushang-inline\" data-tag=\"output\">{{ x }}</span></p>\n");
}

static void
test_odd_input (void)
{
  const char *inputs[] = {
    "",
    "{%",
    "{{",
    "%}}}",
    "{% %}",
    "{% include %}",
    "{% include x.html a=\"unclosed %}",
    "{% raw %}no end",
    "{% comment %}no end",
    "{% highlight %}no end",
    "{% endraw %}{% endcomment %}{% endhighlight %}",
    "\xff\xfe{% include a.html x=\"\xff\" %}\xc3",
    "# \xe2\x82\n\n{{ \xf0\x9f }}",
    "<p>{{ x }}</p>\n\n<code>{% a %}",
    "> {% include x.html %}\n> text",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *html = aushang_markdown_render (inputs[i], NULL, NULL);
      g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags (inputs[i]);

      g_assert_nonnull (html);
      g_assert_true (g_utf8_validate (html, -1, NULL));
      for (guint j = 0; j < tags->len; j++)
        {
          AushangLiquidTag *tag = g_ptr_array_index (tags, j);

          g_assert_true (g_utf8_validate (tag->source, -1, NULL));
          g_assert_true (g_utf8_validate (tag->name, -1, NULL));
        }
    }

  {
    g_autofree char *empty = aushang_markdown_render (NULL, NULL, NULL);
    g_autofree char *id = aushang_markdown_heading_id ("\xff\xfeÜber");

    g_assert_cmpstr (empty, ==, "");
    g_assert_cmpstr (id, ==, "über");
  }
}

static void
test_random_bytes (void)
{
  const char *pieces[] = {
    "{%", "%}", "{{", "}}", "{", "}", "\n", "\n\n", " ", "    ", "## ", "`", "```\n", "<", ">",
    "<p>", "</p>", "<!--", "-->", "\"", "'", "include ", "raw", "endraw", "comment",
    "endcomment", "highlight", "endhighlight", " x=\"y\" ", "-", "*", "[a](", ")", "|", "ä",
    "\xff", "\xc3", "AUSHANGLIQUID", "0X", "H1X", "{: .x}", "{#id}", "\t", "\r\n", "<code>",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251104);

  for (guint n = 0; n < 3000; n++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
      Recorder recorder = { seen };
      g_autofree char *html = NULL;
      guint count = g_rand_int_range (rand, 0, 60);

      if (n % 2 == 0)
        for (guint i = 0; i < count; i++)
          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      else
        for (guint i = 0; i < count * 4; i++)
          g_string_append_c (text, (char) g_rand_int_range (rand, 1, 256));

      html = aushang_markdown_render (text->str, record_tag_cb, &recorder);
      g_assert_true (g_utf8_validate (html, -1, NULL));
      /* Our tokens never leak into the output. */
      if (strstr (text->str, "AUSHANGLIQUID") == NULL)
        g_assert_null (strstr (html, "AUSHANGLIQUID"));
    }
}

static double
time_cmark (const char *text,
            gsize       len)
{
  static const char * const names[] = { "table", "strikethrough", "autolink", "tasklist" };
  int options = CMARK_OPT_UNSAFE | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
  gint64 start = g_get_monotonic_time ();
  cmark_parser *parser;
  cmark_node *document;
  char *html;

  cmark_gfm_core_extensions_ensure_registered ();
  parser = cmark_parser_new (options);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (names[i]));
  cmark_parser_feed (parser, text, len);
  document = cmark_parser_finish (parser);
  html = cmark_render_html (document, options, cmark_parser_get_syntax_extensions (parser));
  cmark_get_default_mem_allocator ()->free (html);
  cmark_node_free (document);
  cmark_parser_free (parser);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
test_large_input (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR") ? g_getenv ("AUSHANG_SOURCE_DIR") : ".",
                                            "..", "shared", "examples",
                                            "ki-und-soziale-innovationen.md", NULL);
  const char *fallback =
    "## Ort und Zeit\n"
    "Wir laden euch **herzlich** ein, [mehr]({{ site.baseurl }}/ki/) zu erfahren.\n"
    "- Punkt eins mit *Betonung*\n"
    "- Punkt zwei\n\n"
    "{% include pretix-widget.html event=\"ki-zivil-11\" %}\n\n";
  g_autofree char *example = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  double best_ours = G_MAXDOUBLE, best_cmark = G_MAXDOUBLE;
  guint copies = 0;

  if (!g_file_get_contents (path, &example, NULL, NULL))
    example = g_strdup (fallback);

  while (big->len < 1024 * 1024)
    {
      g_string_append (big, example);
      g_string_append (big, "\n\n");
      copies++;
    }

  for (guint round = 0; round < 3; round++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *html = aushang_markdown_render (big->str, NULL, NULL);
      double ours = (g_get_monotonic_time () - start) / 1000.0;

      best_ours = MIN (best_ours, ours);
      best_cmark = MIN (best_cmark, time_cmark (big->str, big->len));

      if (round == 0)
        {
          guint blocks = 0;

          for (const char *p = html; (p = strstr (p, "<div class=\"aushang-block\"")) != NULL; p++)
            blocks++;
          g_assert_cmpuint (blocks, ==, copies);
        }
    }

  g_test_message ("1 MB: aushang %.1f ms, plain cmark-gfm %.1f ms (%.2fx)",
                  best_ours, best_cmark, best_ours / best_cmark);
  /* The budget is 1.3x; this bound only catches work that grows faster
   * than the text without failing on a busy machine. Sanitizers slow our
   * code down but not the cmark-gfm library. */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpfloat (best_ours, <, 3 * best_cmark + 50);
#endif
}

static void
test_pathological_input (void)
{
  const char *units[] = { "{%", "{{ x ", "{{x}}\n", "{% raw %}", "{% comment %}",
                          "{% highlight x %}", "{% include x a=\" b='", "aaaaaaaa",
                          /* kramdown's ways: HTML blocks ending with their
                           * element, pipe tables, "[x] []", stray end tags,
                           * quotes after elements, URLs kept as written. */
                          "<div>a</div>\ntext\n", "a | b\n", "[x] [] ", "<div></i>\n",
                          "*a*\" ", "[\u00e4](/\u00e4) " };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *html = NULL;
      gint64 start;
      double ours, plain;

      while (text->len < 512 * 1024)
        g_string_append (text, units[i]);

      start = g_get_monotonic_time ();
      html = aushang_markdown_render (text->str, NULL, NULL);
      ours = (g_get_monotonic_time () - start) / 1000.0;
      plain = time_cmark (text->str, text->len);
      g_test_message ("%s x %zu: %.1f ms (cmark-gfm %.1f ms)", units[i], text->len / strlen (units[i]),
                      ours, plain);
      /* Only work that grows faster than the text fails this. Sanitizers
       * slow our code down (allocations most: 550 ms became 15.6 s for
       * "a | b" lines) but not the cmark-gfm library, as above. */
#ifndef __SANITIZE_ADDRESS__
      g_assert_cmpfloat (ours, <, 20 * plain + 500);
#endif
    }
}

/* The flags of a text, found in one pass, are those of looking for each
 * string on its own (as they were found before): for random texts of the
 * characters that matter, and at the very end of the text. */
static gboolean
has (const char *text,
     const char *needle)
{
  return strstr (text, needle) != NULL;
}

static guint
reference_flags (const char *text)
{
  static const char * const kramdown[] = { "|", "] []", "\\\\\n", "\\\\\r\n", "\n: ", "*[", "{:" };
  static const char * const quotes[] = {
    "(\"", "('", "[\"", "['", "{\"", "{'",
    "]\"", "]'", ")\"", ")'", "*\"", "*'", "_\"", "_'", "`\"", "`'", ">\"", ">'",
    "'[", "\"[", "'(", "\"(", "'*", "\"*", "'_", "\"_", "'`", "\"`", "'<", "\"<",
    " '", "\n'"
  };
  guint flags = 0;

  if (has (text, "{") || has (text, "&"))
    flags |= AUSHANG_MARKDOWN_TEXT_BRACES;
  for (guint i = 0; i < G_N_ELEMENTS (kramdown); i++)
    if (has (text, kramdown[i]))
      flags |= AUSHANG_MARKDOWN_TEXT_KRAMDOWN;
  if (has (text, "|"))
    flags |= AUSHANG_MARKDOWN_TEXT_PIPES;
  if (has (text, "[^"))
    flags |= AUSHANG_MARKDOWN_TEXT_FOOTNOTES;
  if (has (text, "<"))
    flags |= AUSHANG_MARKDOWN_TEXT_ANGLE;
  if (has (text, "](") || has (text, "]:"))
    flags |= AUSHANG_MARKDOWN_TEXT_LINKS;
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    if (has (text, quotes[i]))
      flags |= AUSHANG_MARKDOWN_TEXT_QUOTES;

  return flags;
}

static void
test_scan_flags (void)
{
  static const char alphabet[] = "{&|[<]\\\n\r*'\"^: ()_`>a#\t-";
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  guint seen = 0;

  for (guint run = 0; run < 20000; run++)
    {
      char text[12];
      guint len = g_rand_int_range (rand, 0, sizeof text);
      guint found;

      for (guint i = 0; i < len; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[len] = '\0';
      found = aushang_markdown_scan_flags (text, len, text, len);
      /* A line of "#" alone is looked for in its own way. */
      g_assert_cmpuint (found & ~AUSHANG_MARKDOWN_TEXT_EMPTY_HEADING, ==, reference_flags (text));
      seen |= found;
    }
  /* Every flag came up. */
  g_assert_cmpuint (seen, ==, 0xff);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/heading-ids", test_heading_ids);
  g_test_add_func ("/markdown/heading-ids-beside-html", test_heading_ids_beside_html);
  g_test_add_func ("/markdown/heading-id-counter", test_heading_id_counter);
  g_test_add_func ("/markdown/heading-id-function", test_heading_id_function);
  g_test_add_func ("/markdown/kramdown-blocks", test_kramdown_blocks);
  g_test_add_func ("/markdown/gfm", test_gfm);
  g_test_add_func ("/markdown/raw-html-and-typography", test_raw_html_and_typography);
  g_test_add_func ("/markdown/attribute-lists", test_attribute_lists);
  g_test_add_func ("/markdown/kramdown-backslash-break", test_kramdown_backslash_break);
  g_test_add_func ("/markdown/kramdown-no-bare-autolinks", test_kramdown_no_bare_autolinks);
  g_test_add_func ("/markdown/kramdown-stray-end-tags", test_kramdown_stray_end_tags);
  g_test_add_func ("/markdown/kramdown-smart-quotes", test_kramdown_smart_quotes);
  g_test_add_func ("/markdown/kramdown-urls-as-written", test_kramdown_urls_as_written);
  g_test_add_func ("/markdown/kramdown-urls-as-written-without-html", test_kramdown_urls_as_written_without_html);
  g_test_add_func ("/markdown/kramdown-html-block-ends-with-element", test_kramdown_html_block_ends_with_element);
  g_test_add_func ("/markdown/kramdown-pipe-tables", test_kramdown_pipe_tables);
  g_test_add_func ("/markdown/kramdown-pipe-table-lines", test_kramdown_pipe_table_lines);
  g_test_add_func ("/markdown/kramdown-escapes-and-entities", test_kramdown_escapes_and_entities);
  g_test_add_func ("/markdown/kramdown-spaced-reference", test_kramdown_spaced_reference);
  g_test_add_func ("/markdown/kramdown-span-attributes", test_kramdown_span_attributes);
  g_test_add_func ("/markdown/kramdown-block-attributes", test_kramdown_block_attributes);
  g_test_add_func ("/markdown/kramdown-attributes-in-tables-and-rows", test_kramdown_attributes_in_tables_and_rows);
  g_test_add_func ("/markdown/kramdown-options-and-abbreviations", test_kramdown_options_and_abbreviations);
  g_test_add_func ("/markdown/kramdown-definition-lists", test_kramdown_definition_lists);
  g_test_add_func ("/markdown/kramdown-footnotes", test_kramdown_footnotes);
  g_test_add_func ("/markdown/kramdown-corpus", test_kramdown_corpus);
  g_test_add_func ("/markdown/include-block", test_include_block);
  g_test_add_func ("/markdown/include-multiline", test_include_multiline);
  g_test_add_func ("/markdown/inline-output", test_inline_output);
  g_test_add_func ("/markdown/tags-in-raw-html", test_tags_in_raw_html);
  g_test_add_func ("/markdown/unterminated", test_unterminated);
  g_test_add_func ("/markdown/tag-end-like-liquid", test_tag_end_like_liquid);
  g_test_add_func ("/markdown/raw-and-comment", test_raw_and_comment);
  g_test_add_func ("/markdown/highlight-and-code", test_highlight_and_code);
  g_test_add_func ("/markdown/line-and-column", test_line_and_column);
  g_test_add_func ("/markdown/ial-after-multiline-tag", test_ial_after_multiline_tag);
  g_test_add_func ("/markdown/source-lines-parsed-again", test_source_lines_parsed_again);
  g_test_add_func ("/markdown/ial-in-text-parsed-again", test_ial_in_text_parsed_again);
  g_test_add_func ("/markdown/ial-after-image-with-tag", test_ial_after_image_with_tag);
  g_test_add_func ("/markdown/token-written-by-user", test_token_written_by_user);
  g_test_add_func ("/markdown/odd-input", test_odd_input);
  g_test_add_func ("/markdown/random-bytes", test_random_bytes);
  g_test_add_func ("/markdown/large-input", test_large_input);
  g_test_add_func ("/markdown/pathological-input", test_pathological_input);
  g_test_add_func ("/markdown/scan-flags", test_scan_flags);

  return g_test_run ();
}
