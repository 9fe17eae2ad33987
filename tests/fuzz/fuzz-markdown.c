/* fuzz-markdown.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Markdown to HTML and a document to its preview page. The promises
 * checked on every input:
 *
 * - nothing crashes or hangs, whatever the bytes;
 * - every Liquid tag found is where it says it is, in order, without
 *   overlapping the one before;
 * - UTF-8 in gives UTF-8 out (the preview shows it as such);
 * - rendered in parts through a cache (as the preview renders a long
 *   body), a text gives byte for byte what it gives whole, with and
 *   without line comments and tag HTML, from the cache again and after
 *   an edit.
 *
 * The input is a whole document (front matter and body); its body is also
 * rendered as Markdown on its own. */

#include "config.h"

#include <string.h>

#include "aushang-fuzz.h"
#include "aushang-markdown.h"
#include "aushang-preview-page.h"

static char *
render_tag_cb (const AushangLiquidTag *tag,
               gpointer                user_data)
{
  guint *n = user_data;

  /* Every other tag keeps its placeholder; the rest get HTML with the
   * characters an attribute must escape. */
  if ((*n)++ % 2 == 0)
    return NULL;

  return g_strdup_printf ("<b title=\"%s\">\"&'<%s></b>", tag->name, tag->name);
}

/* The same HTML for the same tag every time, as the cache needs; some
 * name the tag's line and offset. */
static char *
pure_tag_cb (const AushangLiquidTag *tag,
             gpointer                user_data)
{
  guint hash = g_str_hash (tag->source);

  if (hash % 3 == 0)
    return NULL;
  if (hash % 3 == 1)
    return g_strdup_printf ("<b title=\"%s\">\"&'<%s></b>", tag->name, tag->name);
  return g_strdup_printf ("<i>%s %u %zu</i>", tag->name, tag->line, (size_t) tag->offset);
}

static void
check_parts (const char *text)
{
  g_autoptr(AushangMarkdownCache) cache = aushang_markdown_cache_new ();
  gsize half = strlen (text) / 2;
  g_autofree char *edited = g_strdup_printf ("%.*s\n# x\n%s", (int) half, text, text + half);
  const char *texts[] = { text, text, edited };

  aushang_markdown_cache_set_fine (cache, TRUE);
  for (guint lines = 0; lines < 2; lines++)
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        /* The second time without tag HTML: placeholders, not what the
         * cache holds. */
        AushangLiquidRenderFunc cb = i == 1 ? NULL : pure_tag_cb;
        gboolean was = aushang_markdown_set_source_lines (lines);
        g_autofree char *whole = aushang_markdown_render (texts[i], cb, NULL);
        g_autofree char *parts = aushang_markdown_cache_render (cache, texts[i], cb, NULL);

        aushang_markdown_set_source_lines (was);
        FUZZ_CHECK (strcmp (whole, parts) == 0, "rendered in parts, not as whole (text %u, lines %u)", i, lines);
      }
}

static void
check_tags (const char *body)
{
  g_autoptr(GPtrArray) tags = aushang_markdown_find_liquid_tags (body);
  gsize length = strlen (body);
  gsize end_of_last = 0;

  for (guint i = 0; i < tags->len; i++)
    {
      AushangLiquidTag *tag = g_ptr_array_index (tags, i);

      FUZZ_CHECK (tag->offset >= end_of_last, "tag %u at %zu overlaps the one before (ends at %zu)",
                  i, (size_t) tag->offset, (size_t) end_of_last);
      FUZZ_CHECK (tag->offset + tag->length <= length, "tag %u reaches past the end of the body", i);
      /* The source is the text as written, made valid UTF-8 where it was
       * not. */
      if (g_utf8_validate (body + tag->offset, tag->length, NULL))
        FUZZ_CHECK (strlen (tag->source) == tag->length &&
                    memcmp (tag->source, body + tag->offset, tag->length) == 0,
                    "tag %u's source is not the body's text at its offset", i);
      else
        FUZZ_CHECK (g_utf8_validate (tag->source, -1, NULL), "tag %u's source is not UTF-8", i);
      FUZZ_CHECK (tag->line >= 1 && tag->column >= 1, "tag %u at line %u, column %u", i, tag->line, tag->column);
      FUZZ_CHECK (tag->name != NULL, "tag %u has no name", i);
      end_of_last = tag->offset + tag->length;
    }
}

static void
check_html (const char *html,
            gboolean    input_is_utf8,
            const char *what)
{
  FUZZ_CHECK (html != NULL, "%s gave no HTML", what);
  if (input_is_utf8)
    FUZZ_CHECK (g_utf8_validate (html, -1, NULL), "%s made UTF-8 into something that is not", what);
}

AUSHANG_FUZZ_ENTRY (markdown)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  gboolean utf8 = g_utf8_validate (text, -1, NULL);
  g_autoptr(AushangDocument) document = NULL;
  const char *body;
  guint n = 0;

  aushang_fuzz_init ();

  check_tags (text);

  {
    g_autofree char *html = aushang_markdown_render (text, NULL, NULL);
    g_autofree char *with_tags = aushang_markdown_render (text, render_tag_cb, &n);

    check_html (html, utf8, "Markdown");
    check_html (with_tags, utf8, "Markdown with rendered tags");
  }

  check_parts (text);

  document = aushang_document_new_from_data ((const char *) data, size);
  body = aushang_document_get_body (document);
  check_tags (body);

  {
    AushangPreviewOptions options = {
      .site_uri_prefix = "aushang-site:///",
      .stylesheet_uri = "aushang-site:///assets/main.css",
      .language = size % 2 ? "de" : "en",
    };
    AushangPreviewOptions bare = { 0, };
    g_autofree char *page = aushang_preview_page_render (document, &options);
    g_autofree char *header = aushang_preview_page_render_header (document, &options);
    g_autofree char *body_html = aushang_preview_page_render_body (document, &bare);

    check_html (page, utf8, "the preview page");
    check_html (header, utf8, "the preview header");
    check_html (body_html, utf8, "the preview body");
  }

  return 0;
}
