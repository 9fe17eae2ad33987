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
  GHashTable              *id_seed;      /* counters of the text before this one, or NULL */
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
  const char              *md_text;       /* the text cmark read, while kramdown_tree() may need its lines */
  GHashTable              *line_shifts;   /* nodes parsed again: lines to add to theirs */
  GArray                  *md_lines;      /* where each line of md_text starts (gsize), see
                                           * lines_lack_pipe() */
  gboolean                 over_budget;   /* split_html_block() stopped for its budget */
  gboolean                 track_html;    /* post_process() looks at every tag, see html_open */
  gboolean                 html_open;     /* the HTML ends inside markup, code, a <p> or before
                                           * the element an attribute list waits for */
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
int               aushang_markdown_node_line         (const Render  *render,
                                                      cmark_node    *node,
                                                      gboolean       end);

/* aushang-markdown-kramdown.c */
void              aushang_markdown_attributes_free   (gpointer       data);
cmark_node       *aushang_markdown_ial_target        (Render        *render,
                                                      cmark_node    *paragraph,
                                                      gboolean       own_paragraph);
void              aushang_markdown_apply_block_ial   (Render        *render,
                                                      cmark_node    *target,
                                                      const char    *ial);
void              aushang_markdown_kramdown_tree     (Render        *render,
                                                      cmark_node    *document);
char             *aushang_markdown_kramdown_footnotes (char         *html);
char             *aushang_markdown_kramdown_escape_stray_end_tags (const char *html);
gboolean          aushang_markdown_kramdown_take_urls (Render       *render,
                                                       cmark_node   *document);
char             *aushang_markdown_kramdown_put_urls (const Render  *render,
                                                      const char    *html);
gboolean          aushang_markdown_kramdown_quotes   (Render        *render);
void              aushang_markdown_kramdown_hide_quotes (char       *text,
                                                         gsize       len);
char             *aushang_markdown_kramdown_apply_quotes (const Render *render,
                                                          const char   *html);

/* aushang-markdown.c */
cmark_parser     *aushang_markdown_new_parser        (int            options);

/* What a text calls for, as flags: rendering a part of a text takes the
 * paths the whole text takes when given the flags of all its parts. */
enum
{
  AUSHANG_MARKDOWN_TEXT_BRACES        = 1 << 0,  /* "{" or "&": attribute lists, entities */
  AUSHANG_MARKDOWN_TEXT_KRAMDOWN      = 1 << 1,  /* kramdown_tree() has work */
  AUSHANG_MARKDOWN_TEXT_PIPES         = 1 << 2,  /* "|": kramdown's tables */
  AUSHANG_MARKDOWN_TEXT_FOOTNOTES     = 1 << 3,  /* "[^" */
  AUSHANG_MARKDOWN_TEXT_ANGLE         = 1 << 4,  /* "<": HTML */
  AUSHANG_MARKDOWN_TEXT_EMPTY_HEADING = 1 << 5,  /* a line that may be "#" alone */
  AUSHANG_MARKDOWN_TEXT_LINKS         = 1 << 6,  /* "](" or "]:" */
  AUSHANG_MARKDOWN_TEXT_QUOTES        = 1 << 7,  /* quotes cmark closes where kramdown does not */
};

/* What one rendering found, for aushang-markdown-chunks.c. */
typedef struct
{
  guint      flags;       /* AUSHANG_MARKDOWN_TEXT_* the text calls for itself */
  guint      marks;       /* "<!--aushang-line N-->" comments put in */
  gboolean   end_marked;  /* "<!--aushang-end-->" put in */
  gboolean   open_end;    /* the last block would go on after the text */
  gsize      reparsed;    /* bytes split_html_block() parsed again */
  gboolean   over_budget; /* and it stopped for its budget */
  gboolean   html_open;   /* the HTML ends inside markup, code, a <p>, … */
  GHashTable *id_seed;    /* in: kramdown's id counters as the text before left them */
  GPtrArray *ids;         /* out: the heading ids kramdown counted (without "-N"), */
  GArray    *id_seen;     /* the counter of each in @id_seed (gint64, -1: none) */
  GArray    *id_final;    /* and as this text leaves it (guint) */
} AushangMarkdownInfo;

/* aushang_markdown_render() of @markdown, taking the paths of @force_flags
 * too; fills @info when not NULL (free its ids). */
char             *aushang_markdown_render_text       (const char              *markdown,
                                                      AushangLiquidRenderFunc  render_tag,
                                                      gpointer                 user_data,
                                                      guint                    force_flags,
                                                      AushangMarkdownInfo     *info);

/* The AUSHANG_MARKDOWN_TEXT_* flags of @text as written and @md, the text
 * cmark reads (NUL-terminated at @md_len). */
guint             aushang_markdown_scan_flags        (const char              *text,
                                                      gsize                    text_len,
                                                      const char              *md,
                                                      gsize                    md_len);

/* The AUSHANG_MARKDOWN_TEXT_* flags @markdown calls for itself. */
guint             aushang_markdown_text_flags        (const char              *markdown);

/* aushang-markdown-kramdown.c: the site's smart quotes set in this thread,
 * or NULL. */
const char       *aushang_markdown_get_smart_quotes  (void);

/* aushang-markdown-chunks.c */
/* Bodies shorter than this render whole even with a cache set. */
#define AUSHANG_MARKDOWN_CHUNKED_MIN (32 * 1024)
AushangMarkdownCache *aushang_markdown_get_cache     (void);

G_END_DECLS
