/* aushang-markdown-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cmark-gfm.h>

#include "aushang-markdown.h"

G_BEGIN_DECLS

/* What the units of the Markdown renderer (aushang-markdown*.c) share: the
 * Liquid tags a scan finds, and the state of one rendering. Nothing here
 * is API. */

#define NONE G_MAXSIZE

/* A tag's bytes in the body, as the tokenizer finds them. */
typedef struct
{
  gsize    start;
  gsize    end;
  gsize    name_start;
  gsize    name_len;
  gboolean is_output;
} Token;

/* Line and column of byte offsets, computed in one pass. */
typedef struct
{
  const char *text;
  gsize       pos;
  guint       line;
  guint       column;
  gboolean    line_has_text;   /* a non-blank byte between line start and pos */
} Cursor;

/* What rendering does with a piece of the body. */
typedef enum
{
  SEGMENT_TAG,        /* a tag: replaced by its HTML */
  SEGMENT_REMOVE,     /* renders to nothing: raw markers, comments */
  SEGMENT_HIGHLIGHT,  /* {% highlight %} ... {% endhighlight %} */
} SegmentKind;

typedef struct
{
  SegmentKind kind;
  gboolean    block;          /* stands alone on its line(s) */
  gsize       start;          /* source range */
  gsize       end;
  gsize       replace_end;    /* end of what the token replaces (trailing blanks) */
  gsize       content_start;  /* highlight: the code */
  gsize       content_end;
  guint       tag;            /* index into the tags; for highlight its opening tag */
} Segment;

/* Where a tag is, for making it when rendering needs it. */
typedef struct
{
  Token token;
  guint line;
  guint column;
} TagPlace;

/* One scan of a body: its tags, or what rendering does with them. */
typedef struct
{
  const char *text;
  gsize       len;
  GArray     *tokens;
  GPtrArray  *tags;           /* when only tags are wanted */
  GArray     *places;         /* when rendering: TagPlace */
  GArray     *segments;       /* NULL when only tags are wanted */
  Cursor      cursor;
  gboolean    no_endraw;
  gboolean    no_endcomment;
  gboolean    no_endhighlight;
  int         in_highlight;   /* tags are listed but not given segments */
} Scan;

/* What a kramdown attribute list gives an element: classes to merge with
 * its own, and the other attributes (" id=\"…\" style=\"…\""), escaped. */
typedef struct
{
  char *classes;
  char *rest;
} AushangMarkdownAttributes;

/* One rendering of a body. */
typedef struct
{
  const char              *text;
  GArray                  *places;       /* per tag: where it is */
  GPtrArray               *tags;         /* per tag: the tag once made, see render_get_tag() */
  GArray                  *segments;
  char                    *prefix;
  gsize                    prefix_len;
  AushangLiquidRenderFunc  render_tag;
  gpointer                 user_data;
  char                   **rendered;     /* per tag: the callback's HTML */
  guint8                  *asked;        /* per tag: the callback was asked */
  GHashTable              *id_counter;   /* kramdown's per-id counters */
  GPtrArray               *unlinked;     /* cmark nodes to free after rendering */
  GString                 *scratch_text;
  GString                 *scratch_id;
  GString                 *scratch_tag;
  GPtrArray               *heading_ids;  /* per heading marker: its id */
  GPtrArray               *attributes;   /* per attribute marker: AushangMarkdownAttributes* */
  gboolean                 kramdown;     /* the text may use what kramdown_tree() reads */
  int                      options;      /* cmark options for this text */
  gboolean                 braces;       /* text nodes may hold "{" (attribute lists) */
  gboolean                 plain_ids;    /* heading ids from the HTML, see post_process() */
  gsize                    reparsed;      /* bytes split_html_block() parsed again */
  gboolean                 pipes;         /* the text has a "|" (kramdown's tables) */
  GPtrArray               *urls;          /* link targets as written, see take_urls() */
  gboolean                 custom_quotes; /* quotes cmark makes are changed, see apply_quotes() */
  char                     quotes[4][8];  /* lsquo, rsquo, ldquo, rdquo as the site sets them */
} Render;

/* aushang-markdown-liquid.c */
void              aushang_markdown_scan_run          (Scan          *scan);
void              aushang_markdown_scan_clear        (Scan          *scan);
AushangLiquidTag *aushang_markdown_tag_new           (const char    *text,
                                                      const Token   *token);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scan, aushang_markdown_scan_clear)

/* aushang-markdown-html.c */
char             *aushang_markdown_choose_prefix     (const char    *text);
GString          *aushang_markdown_build_markdown    (const Render  *render,
                                                      gsize          len);
char             *aushang_markdown_post_process      (Render        *render,
                                                      const char    *html);
gsize             aushang_markdown_match_token       (const Render  *render,
                                                      const char    *p,
                                                      gsize          avail,
                                                      guint         *index);
void              aushang_markdown_append_uint       (GString       *out,
                                                      guint          value);
gsize             aushang_markdown_find_string       (const char    *html,
                                                      gsize          len,
                                                      gsize          from,
                                                      const char    *needle);

/* aushang-markdown-headings.c */
const char       *aushang_markdown_count_heading_id  (Render        *render,
                                                      const char    *text,
                                                      gsize          len);
void              aushang_markdown_process_tree      (Render        *render,
                                                      cmark_node    *document);

/* aushang-markdown-kramdown.c */
void              aushang_markdown_attributes_free   (gpointer       data);
cmark_node       *aushang_markdown_ial_target        (Render        *render,
                                                      cmark_node    *paragraph,
                                                      gboolean       own_paragraph);
void              aushang_markdown_apply_block_ial   (Render        *render,
                                                      cmark_node    *target,
                                                      const char    *ial);
gboolean          aushang_markdown_kramdown_wanted   (const char    *text,
                                                      gsize          len);
void              aushang_markdown_kramdown_tree     (Render        *render,
                                                      cmark_node    *document);
char             *aushang_markdown_kramdown_footnotes (char         *html);
char             *aushang_markdown_kramdown_escape_stray_end_tags (const char *html);
gboolean          aushang_markdown_kramdown_take_urls (Render       *render,
                                                       cmark_node   *document);
char             *aushang_markdown_kramdown_put_urls (const Render  *render,
                                                      const char    *html);
gboolean          aushang_markdown_kramdown_quotes   (Render        *render);
gboolean          aushang_markdown_kramdown_quotes_after_bracket (const char *text,
                                                                  gsize       len);
void              aushang_markdown_kramdown_hide_quotes (char       *text,
                                                         gsize       len);
char             *aushang_markdown_kramdown_apply_quotes (const Render *render,
                                                          const char   *html);

/* aushang-markdown.c */
cmark_parser     *aushang_markdown_new_parser        (int            options);

G_END_DECLS
