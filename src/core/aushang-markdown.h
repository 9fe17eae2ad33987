/* aushang-markdown.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A Liquid tag found in a body: {% name params %} or {{ expression }}. */
typedef struct
{
  char     *source;      /* the whole tag text, as written */
  char     *name;        /* "include", "highlight", "raw", ... ; for {{ }}: "output" */
  char     *argument;    /* for include: the file name ("pretix-widget.html");
                          * for highlight: the language ("ruby"); else NULL */
  GHashTable *params;    /* include parameters: name -> value (quotes removed); may be empty */
  guint     line;        /* 1-based line of the tag start within the body */
  guint     column;      /* 1-based column (in characters) */
  gsize     offset;      /* byte offset of the tag start within the body */
  gsize     length;      /* byte length of the tag */
  gboolean  is_output;   /* TRUE for {{ ... }} */
} AushangLiquidTag;

void aushang_liquid_tag_free (AushangLiquidTag *tag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangLiquidTag, aushang_liquid_tag_free)

/* All Liquid tags of @body in order (tags may span lines). {% raw %} ...
 * {% endraw %} and {% comment %} ... {% endcomment %} contents are not
 * scanned for tags. Like Liquid, a tag ends at the first "%}" (an output at
 * the first "}" or "}}"), quotes or not; an unterminated "{%" or "{{" is
 * text. Array of AushangLiquidTag*, free with g_ptr_array_unref. */
GPtrArray *aushang_markdown_find_liquid_tags (const char *body);

/* Called for each Liquid tag when rendering; returns the HTML that takes the
 * tag's place (new string), or NULL to keep a neutral placeholder. Not
 * called for raw and comment tags (they render to nothing, as in Liquid),
 * nor for highlight blocks and tags inside code, which are shown as code.
 * A tag inside an HTML attribute gets the returned text with quotes and
 * angle brackets escaped. */
typedef char *(*AushangLiquidRenderFunc) (const AushangLiquidTag *tag,
                                          gpointer                user_data);

/* Markdown to HTML with cmark-gfm (tables, strikethrough, task lists,
 * <…> autolinks but no bare URLs or addresses, as kramdown; raw HTML kept
 * as kramdown keeps it) and kramdown's automatic
 * heading ids. Liquid tags are cut out before Markdown and put back after:
 * each becomes @render_tag's HTML or, without it, a
 * <div class="aushang-block" data-tag="NAME">SOURCE (escaped)</div> for block
 * tags standing on their own lines (never inside a <p>), a
 * <span class="aushang-inline" data-tag="NAME">SOURCE</span> inline.
 * {% highlight lang %} blocks become Jekyll's <figure class="highlight">.
 * kramdown's own syntax as Jekyll renders it (aushang-markdown-kramdown.c):
 * attribute lists ({: .class #id style="…"}) on spans, paragraphs, quotes,
 * lists and tables (a heading takes the id), "\\" line breaks,
 * {::options /} (nothing), definition lists, abbreviations, and footnotes
 * with kramdown's ids. */
char *aushang_markdown_render (const char              *markdown,
                               AushangLiquidRenderFunc  render_tag,
                               gpointer                 user_data);

/* kramdown's automatic header id for a heading text ("Ort und Zeit" ->
 * "ort-und-zeit"; umlauts kept as kramdown keeps them). */
char *aushang_markdown_heading_id (const char *text);

/* For the preview, in the calling thread only: while on,
 * aushang_markdown_render() puts a comment "<!--aushang-line N-->" before
 * each top-level block, N being the line of @markdown (1-based) where the
 * block starts. Returns the previous setting. */
gboolean aushang_markdown_set_source_lines (gboolean source_lines);
gboolean aushang_markdown_get_source_lines (void);

/* In the calling thread only: kramdown's smart_quotes option of the site
 * ("sbquo,lsquo,bdquo,ldquo"; NULL for kramdown's default), which
 * aushang_markdown_render() then uses for the quotes it makes curly. */
void     aushang_markdown_set_smart_quotes (const char *quotes);

/* Rendering a long body again after a small change: the body is cut into
 * parts at headings where no Markdown, HTML or Liquid construct goes on
 * across, and the HTML of each part is kept by its text. The result is
 * byte for byte aushang_markdown_render()'s (heading ids count on from
 * the parts before); a body with something that reaches across parts
 * (link definitions, footnotes, abbreviations, …) renders whole. @render_tag
 * must give the same HTML for the same tag each time (it is asked again to
 * check). A cache may be used from any thread, one rendering at a time. */
typedef struct _AushangMarkdownCache AushangMarkdownCache;

AushangMarkdownCache *aushang_markdown_cache_new   (void);
AushangMarkdownCache *aushang_markdown_cache_ref   (AushangMarkdownCache    *cache);
void                  aushang_markdown_cache_unref (AushangMarkdownCache    *cache);
char                 *aushang_markdown_cache_render (AushangMarkdownCache    *cache,
                                                     const char              *markdown,
                                                     AushangLiquidRenderFunc  render_tag,
                                                     gpointer                 user_data);
/* Forgets the parts not rendered since the last trim. */
void                  aushang_markdown_cache_trim  (AushangMarkdownCache    *cache);
/* For tests: cut at every heading that allows it (else about every 16th,
 * by the heading's text). */
void                  aushang_markdown_cache_set_fine (AushangMarkdownCache *cache,
                                                       gboolean              fine);
/* How many parts the last rendering had, and how many of them it
 * rendered (0, 0: it rendered the body whole). */
void                  aushang_markdown_cache_get_stats (AushangMarkdownCache *cache,
                                                        guint                *parts,
                                                        guint                *rendered);

/* In the calling thread only: while set, aushang_markdown_render() of a
 * long text goes through @cache. Returns the previous one (not a new
 * reference). */
AushangMarkdownCache *aushang_markdown_set_cache   (AushangMarkdownCache    *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangMarkdownCache, aushang_markdown_cache_unref)

G_END_DECLS
