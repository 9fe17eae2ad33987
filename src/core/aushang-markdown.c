/* aushang-markdown.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-markdown"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "aushang-markdown.h"

/* How Jekyll 4.3 turns a body into HTML: Liquid runs first over the whole
 * text, then kramdown (GFM input) renders the result. We cannot run Liquid
 * for real, so every tag is cut out and replaced by a token that Markdown
 * leaves alone; cmark-gfm renders the text; then each token is replaced by
 * the tag's HTML in a way that fits where it ended up (a block of its own, a
 * span in running text, text inside code, or an attribute value).
 *
 * Tags are found the way Liquid 5 (Debian 12's Jekyll) finds them: its
 * tokenizer is the regular expression  {%.*?%}|{{.*?}}?  so a tag ends at the
 * first "%}" (or the first "}" of an output), whatever quotes come before. */

#define NONE G_MAXSIZE

#define CMARK_OPTIONS (CMARK_OPT_UNSAFE | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | \
                       CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | \
                       CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

/* ------------------------------------------------------------------------ */
/* Tokenizing Liquid                                                          */

typedef struct
{
  gsize    start;
  gsize    end;
  gsize    name_start;
  gsize    name_len;
  gboolean is_output;
} Token;

typedef struct
{
  const char *text;
  gsize       len;
  gsize       pct_close;        /* next known "%}", or NONE */
  gsize       pct_searched;     /* searched for "%}" up to here */
  gsize       brace_close;      /* next known "}", or NONE */
  gsize       brace_searched;
} Tokenizer;

/* The first "%}" at or after @from. Positions only grow, so each byte is
 * looked at once over the whole scan. */
static gsize
find_pct_close (Tokenizer *tk,
                gsize      from)
{
  gsize i;

  if (tk->pct_close != NONE && tk->pct_close >= from)
    return tk->pct_close;
  if (tk->pct_searched >= tk->len)
    return NONE;

  i = MAX (from, tk->pct_searched);
  while (i + 1 < tk->len)
    {
      const char *p = memchr (tk->text + i, '%', tk->len - i - 1);

      if (p == NULL)
        break;
      i = p - tk->text;
      if (tk->text[i + 1] == '}')
        {
          tk->pct_close = i;
          tk->pct_searched = i;
          return i;
        }
      i++;
    }

  tk->pct_close = NONE;
  tk->pct_searched = tk->len;
  return NONE;
}

static gsize
find_brace_close (Tokenizer *tk,
                  gsize      from)
{
  const char *p;
  gsize i;

  if (tk->brace_close != NONE && tk->brace_close >= from)
    return tk->brace_close;
  if (tk->brace_searched >= tk->len)
    return NONE;

  i = MAX (from, tk->brace_searched);
  p = i < tk->len ? memchr (tk->text + i, '}', tk->len - i) : NULL;
  if (p == NULL)
    {
      tk->brace_close = NONE;
      tk->brace_searched = tk->len;
      return NONE;
    }

  tk->brace_close = p - tk->text;
  tk->brace_searched = tk->brace_close;
  return tk->brace_close;
}

static inline gboolean
is_liquid_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline gboolean
is_ascii_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The name of a {% %} tag: after an optional "-" and spaces, \w+ (or "#"
 * for an inline comment). */
static void
token_find_name (const char *text,
                 Token      *token)
{
  gsize i = token->start + 2;
  gsize stop = token->end - 2;

  if (i < stop && text[i] == '-')
    i++;
  while (i < stop && is_liquid_space (text[i]))
    i++;

  token->name_start = i;
  if (i < stop && text[i] == '#')
    {
      token->name_len = 1;
      return;
    }
  while (i < stop && is_ascii_word (text[i]))
    i++;
  token->name_len = i - token->name_start;
}

static GArray *
tokenize (const char *text,
          gsize       len)
{
  Tokenizer tk = { text, len, NONE, 0, NONE, 0 };
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  gsize i = 0;

  while (i + 1 < len)
    {
      const char *p = memchr (text + i, '{', len - i - 1);
      Token token = { 0, };

      if (p == NULL)
        break;
      i = p - text;

      if (text[i + 1] == '%')
        {
          gsize close = find_pct_close (&tk, i + 2);

          if (close == NONE)
            {
              /* Liquid refuses this; we keep it as text. */
              i += 2;
              continue;
            }
          token.start = i;
          token.end = close + 2;
          token_find_name (text, &token);
        }
      else if (text[i + 1] == '{')
        {
          gsize close = find_brace_close (&tk, i + 2);

          if (close == NONE)
            {
              i += 2;
              continue;
            }
          token.start = i;
          token.end = close + 1;
          if (token.end < len && text[token.end] == '}')
            token.end++;
          token.is_output = TRUE;
        }
      else
        {
          i++;
          continue;
        }

      g_array_append_val (tokens, token);
      i = token.end;
    }

  return tokens;
}

static gboolean
token_is (const char  *text,
          const Token *token,
          const char  *name)
{
  gsize n = strlen (name);

  return !token->is_output &&
         token->name_len == n &&
         memcmp (text + token->name_start, name, n) == 0;
}

/* ------------------------------------------------------------------------ */
/* Tags                                                                       */

void
aushang_liquid_tag_free (AushangLiquidTag *tag)
{
  if (tag == NULL)
    return;

  g_free (tag->source);
  g_free (tag->name);
  g_free (tag->argument);
  g_clear_pointer (&tag->params, g_hash_table_unref);
  g_free (tag);
}

static char *
dup_valid (const char *text,
           gsize       len)
{
  if (g_utf8_validate (text, len, NULL))
    return g_strndup (text, len);
  return g_utf8_make_valid (text, len);
}

typedef struct
{
  gsize no_close[2];   /* no closing ' or " after this position */
} QuoteMemo;

/* Jekyll's include parameters:
 *   ([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))
 * found with String#scan, so anything between matches is skipped. */
static gboolean
match_include_param (const char  *s,
                     gsize        len,
                     gsize        at,
                     QuoteMemo   *memo,
                     GHashTable  *params,
                     gsize       *next)
{
  gsize i = at, key_start = at, key_end, value_start, value_end;
  char quote = 0;

  while (i < len && (is_ascii_word (s[i]) || s[i] == '-'))
    i++;
  if (i == key_start)
    {
      *next = at + 1;
      return FALSE;
    }
  key_end = i;
  /* Should this fail, starting inside the key would fail the same way. */
  *next = key_end;
  while (i < len && is_liquid_space (s[i]))
    i++;
  if (i >= len || s[i] != '=')
    return FALSE;
  i++;
  while (i < len && is_liquid_space (s[i]))
    i++;
  if (i >= len)
    return FALSE;

  if (s[i] == '"' || s[i] == '\'')
    {
      int q = s[i] == '"' ? 1 : 0;

      quote = s[i];
      i++;
      value_start = i;
      if (i >= memo->no_close[q])
        return FALSE;
      while (i < len && s[i] != quote)
        {
          if (s[i] == '\\' && i + 1 < len)
            i++;
          i++;
        }
      if (i >= len)
        {
          memo->no_close[q] = MIN (memo->no_close[q], value_start);
          return FALSE;
        }
      value_end = i;
      i++;
    }
  else
    {
      value_start = i;
      while (i < len && (is_ascii_word (s[i]) || s[i] == '-' || s[i] == '.'))
        i++;
      if (i == value_start)
        return FALSE;
      value_end = i;
    }

  {
    char *key = dup_valid (s + key_start, key_end - key_start);
    char *value = dup_valid (s + value_start, value_end - value_start);

    /* \" in a "-quoted value (\' in a '-quoted one) is the quote. */
    if (quote != 0 && strchr (value, '\\') != NULL)
      {
        char *out = value;

        for (const char *in = value; *in != '\0'; in++)
          {
            if (in[0] == '\\' && in[1] == quote)
              in++;
            *out++ = *in;
          }
        *out = '\0';
      }

    g_hash_table_replace (params, key, value);
  }

  *next = i;
  return TRUE;
}

static void
parse_include (AushangLiquidTag *tag,
               const char       *markup,
               gsize             len)
{
  QuoteMemo memo = { { NONE, NONE } };
  gsize i = 0, file_start, j;

  while (i < len && is_liquid_space (markup[i]))
    i++;
  file_start = i;

  /* {% include {{ page.block }}.html %}: the file name is a variable. */
  if (i + 1 < len && markup[i] == '{' && markup[i + 1] == '{')
    {
      const char *close = g_strstr_len (markup + i, len - i, "}}");

      i = close != NULL ? (gsize) (close - markup) + 2 : len;
    }
  while (i < len && !is_liquid_space (markup[i]))
    i++;
  if (i > file_start)
    tag->argument = dup_valid (markup + file_start, i - file_start);

  j = i;
  while (j < len)
    {
      gsize next;

      match_include_param (markup, len, j, &memo, tag->params, &next);
      j = MAX (next, j + 1);
    }
}

static AushangLiquidTag *
tag_new (const char  *text,
         const Token *token)
{
  AushangLiquidTag *tag = g_new0 (AushangLiquidTag, 1);

  tag->source = dup_valid (text + token->start, token->end - token->start);
  tag->offset = token->start;
  tag->length = token->end - token->start;
  tag->is_output = token->is_output;
  tag->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (token->is_output)
    {
      tag->name = g_strdup ("output");
    }
  else
    {
      gsize markup_start = token->name_start + token->name_len;
      gsize markup_end = token->end - 2;

      tag->name = g_strndup (text + token->name_start, token->name_len);

      if (markup_end > markup_start && text[markup_end - 1] == '-')
        markup_end--;

      if (g_str_equal (tag->name, "include") || g_str_equal (tag->name, "include_relative"))
        {
          parse_include (tag, text + markup_start, markup_end - markup_start);
        }
      else if (g_str_equal (tag->name, "highlight"))
        {
          gsize i = markup_start, lang_start;

          while (i < markup_end && is_liquid_space (text[i]))
            i++;
          lang_start = i;
          while (i < markup_end && (g_ascii_isalnum (text[i]) || strchr (".+#_-", text[i]) != NULL))
            i++;
          if (i > lang_start)
            {
              g_autofree char *lang = g_strndup (text + lang_start, i - lang_start);

              tag->argument = g_ascii_strdown (lang, -1);
            }
        }
    }

  return tag;
}

/* Line and column of byte offsets, computed in one pass. */
typedef struct
{
  const char *text;
  gsize       pos;
  guint       line;
  guint       column;
  gboolean    line_has_text;   /* a non-blank byte between line start and pos */
} Cursor;

static void
cursor_advance (Cursor *cursor,
                gsize   to)
{
  const char *text = cursor->text;
  gsize i = cursor->pos;

  if (to <= i)
    return;

  /* Whole lines are only counted; the characters of the last one are
   * looked at one by one. */
  for (;;)
    {
      const char *nl = memchr (text + i, '\n', to - i);

      if (nl == NULL)
        break;
      cursor->line++;
      cursor->column = 1;
      cursor->line_has_text = FALSE;
      i = nl - text + 1;
    }

  for (; i < to; i++)
    {
      guchar c = text[i];

      if ((c & 0xC0) != 0x80)
        cursor->column++;
      if (c != ' ' && c != '\t' && c != '\r')
        cursor->line_has_text = TRUE;
    }
  cursor->pos = to;
}

/* ------------------------------------------------------------------------ */
/* Scanning: tags and what rendering does with them                           */

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

static guint
scan_add_tag (Scan        *scan,
              const Token *token)
{
  AushangLiquidTag *tag;

  cursor_advance (&scan->cursor, token->start);

  /* Rendering makes a tag only once it needs it, after cmark is done (and
   * never one in a highlight block or a raw marker). */
  if (scan->places != NULL)
    {
      TagPlace place = { *token, scan->cursor.line, scan->cursor.column };

      g_array_append_val (scan->places, place);
      return scan->places->len - 1;
    }

  tag = tag_new (scan->text, token);
  tag->line = scan->cursor.line;
  tag->column = scan->cursor.column;
  g_ptr_array_add (scan->tags, tag);

  return scan->tags->len - 1;
}

/* Whether [start, end) stands alone on its line(s); sets *replace_end past
 * the blanks that follow it. Needs the cursor at @start. */
static gboolean
scan_is_block (Scan  *scan,
               gsize  start,
               gsize  end,
               gsize *replace_end)
{
  gsize i = end;

  *replace_end = end;
  if (scan->cursor.pos != start || scan->cursor.line_has_text)
    return FALSE;

  while (i < scan->len && (scan->text[i] == ' ' || scan->text[i] == '\t' || scan->text[i] == '\r'))
    i++;
  if (i < scan->len && scan->text[i] != '\n')
    return FALSE;

  /* Keep a "\r" of "\r\n" with the line break. */
  if (i > end && scan->text[i - 1] == '\r' && i < scan->len)
    i--;
  *replace_end = i;
  return TRUE;
}

static void
scan_add_segment (Scan        *scan,
                  SegmentKind  kind,
                  gsize        start,
                  gsize        end,
                  guint        tag)
{
  Segment segment = { 0, };

  if (scan->segments == NULL || scan->in_highlight > 0)
    return;

  segment.kind = kind;
  segment.start = start;
  segment.end = end;
  segment.replace_end = end;
  segment.tag = tag;

  if (kind == SEGMENT_TAG)
    {
      cursor_advance (&scan->cursor, start);
      segment.block = scan_is_block (scan, start, end, &segment.replace_end);
    }

  g_array_append_val (scan->segments, segment);
}

/* Index of the token that closes a raw (or comment) block opened at @i, or
 * -1. Comments nest and may contain raw blocks. */
static gssize
scan_find_endraw (Scan  *scan,
                  guint  i)
{
  const Token *tokens = (const Token *) scan->tokens->data;

  for (i = i + 1; i < scan->tokens->len; i++)
    if (token_is (scan->text, &tokens[i], "endraw"))
      return i;

  return -1;
}

static gssize
scan_find_endcomment (Scan  *scan,
                      guint  i)
{
  const Token *tokens = (const Token *) scan->tokens->data;
  int depth = 1;

  for (i = i + 1; i < scan->tokens->len; i++)
    {
      if (token_is (scan->text, &tokens[i], "raw"))
        {
          gssize end = scan_find_endraw (scan, i);

          if (end < 0)
            return -1;
          i = end;
        }
      else if (token_is (scan->text, &tokens[i], "comment"))
        depth++;
      else if (token_is (scan->text, &tokens[i], "endcomment") && --depth == 0)
        return i;
    }

  return -1;
}

static gssize
scan_find_endhighlight (Scan  *scan,
                        guint  i)
{
  const Token *tokens = (const Token *) scan->tokens->data;

  for (i = i + 1; i < scan->tokens->len; i++)
    if (token_is (scan->text, &tokens[i], "endhighlight"))
      return i;

  return -1;
}

static void
scan_run (Scan *scan)
{
  const Token *tokens;
  guint i;

  scan->tokens = tokenize (scan->text, scan->len);
  tokens = (const Token *) scan->tokens->data;
  scan->cursor.text = scan->text;
  scan->cursor.line = 1;
  scan->cursor.column = 1;

  for (i = 0; i < scan->tokens->len; i++)
    {
      const Token *token = &tokens[i];
      gssize close;

      if (!scan->no_endraw && token_is (scan->text, token, "raw"))
        {
          close = scan_find_endraw (scan, i);
          if (close < 0)
            scan->no_endraw = TRUE;
          else
            {
              scan_add_segment (scan, SEGMENT_REMOVE, token->start, token->end,
                                scan_add_tag (scan, token));
              scan_add_segment (scan, SEGMENT_REMOVE, tokens[close].start, tokens[close].end,
                                scan_add_tag (scan, &tokens[close]));
              i = close;
              continue;
            }
        }
      else if (!scan->no_endcomment && token_is (scan->text, token, "comment"))
        {
          close = scan_find_endcomment (scan, i);
          if (close < 0)
            scan->no_endcomment = TRUE;
          else
            {
              guint tag = scan_add_tag (scan, token);

              scan_add_tag (scan, &tokens[close]);
              scan_add_segment (scan, SEGMENT_REMOVE, token->start, tokens[close].end, tag);
              i = close;
              continue;
            }
        }
      else if (!scan->no_endhighlight && scan->in_highlight == 0 &&
               token_is (scan->text, token, "highlight"))
        {
          close = scan_find_endhighlight (scan, i);
          if (close < 0)
            scan->no_endhighlight = TRUE;
          else
            {
              guint tag = scan_add_tag (scan, token);
              guint j;

              if (scan->segments != NULL)
                {
                  Segment segment = { 0, };

                  segment.kind = SEGMENT_HIGHLIGHT;
                  segment.block = TRUE;
                  segment.start = token->start;
                  segment.end = tokens[close].end;
                  cursor_advance (&scan->cursor, token->start);
                  scan_is_block (scan, segment.start, segment.end, &segment.replace_end);
                  segment.content_start = token->end;
                  segment.content_end = tokens[close].start;
                  segment.tag = tag;
                  g_array_append_val (scan->segments, segment);
                }

              /* Liquid runs inside highlight, so list those tags too. */
              scan->in_highlight++;
              for (j = i + 1; j < (guint) close; j++)
                {
                  if (!scan->no_endraw && token_is (scan->text, &tokens[j], "raw"))
                    {
                      gssize end = scan_find_endraw (scan, j);

                      if (end >= 0 && end < close)
                        {
                          scan_add_tag (scan, &tokens[j]);
                          scan_add_tag (scan, &tokens[end]);
                          j = end;
                          continue;
                        }
                    }
                  scan_add_tag (scan, &tokens[j]);
                }
              scan->in_highlight--;
              scan_add_tag (scan, &tokens[close]);
              i = close;
              continue;
            }
        }

      if (token_is (scan->text, token, "#"))
        scan_add_segment (scan, SEGMENT_REMOVE, token->start, token->end, scan_add_tag (scan, token));
      else
        scan_add_segment (scan, SEGMENT_TAG, token->start, token->end, scan_add_tag (scan, token));
    }
}

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->tokens, g_array_unref);
  g_clear_pointer (&scan->tags, g_ptr_array_unref);
  g_clear_pointer (&scan->places, g_array_unref);
  g_clear_pointer (&scan->segments, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scan, scan_clear)

GPtrArray *
aushang_markdown_find_liquid_tags (const char *body)
{
  g_auto(Scan) scan = { 0, };

  scan.text = body != NULL ? body : "";
  scan.len = strlen (scan.text);
  scan.tags = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_liquid_tag_free);
  scan_run (&scan);

  return g_steal_pointer (&scan.tags);
}

/* ------------------------------------------------------------------------ */
/* Heading ids                                                                */

/* Ruby's \p{Word}: letters, marks, decimal digits, connector punctuation,
 * letter numbers and the few other alphabetic symbols (circled letters). */
static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
      return TRUE;
    default:
      return (c >= 0x24B6 && c <= 0x24E9) ||
             (c >= 0x1F130 && c <= 0x1F149) ||
             (c >= 0x1F150 && c <= 0x1F169) ||
             (c >= 0x1F170 && c <= 0x1F189);
    }
}

/* kramdown-parser-gfm's generate_gfm_header_id without the counter:
 *   downcase; gsub(/[^\p{Word}\- \t]/, ''); tr(" \t", '-') */
static void
append_heading_id (GString    *id,
                   const char *text,
                   gsize       len)
{
  g_autofree char *lower = NULL;
  const char *p, *end;
  gsize i;

  for (i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      break;

  if (i == len)
    {
      for (i = 0; i < len; i++)
        {
          char c = text[i];

          if (c == ' ' || c == '\t')
            g_string_append_c (id, '-');
          else if (g_ascii_isalnum (c) || c == '_' || c == '-')
            g_string_append_c (id, g_ascii_tolower (c));
        }
      return;
    }

  lower = g_utf8_strdown (text, len);
  end = lower + strlen (lower);

  for (p = lower; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Ruby also lowercases Roman numerals and circled letters. */
      if (c >= 0x2160 && c <= 0x216F)
        c += 0x10;
      else if (c >= 0x24B6 && c <= 0x24CF)
        c += 26;

      if (c == ' ' || c == '\t')
        g_string_append_c (id, '-');
      else if (c == '-' || is_word_char (c))
        g_string_append_unichar (id, c);
    }
}

char *
aushang_markdown_heading_id (const char *text)
{
  g_autofree char *valid = NULL;
  GString *id = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (id, FALSE);

  valid = g_utf8_make_valid (text, -1);
  append_heading_id (id, valid, strlen (valid));

  return g_string_free (id, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Rendering                                                                  */

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
  int                      options;      /* cmark options for this text */
  gboolean                 braces;       /* text nodes may hold "{" (attribute lists) */
  gboolean                 plain_ids;    /* heading ids from the HTML, see post_process() */
} Render;

static void
render_clear (Render *render)
{
  if (render->rendered != NULL)
    {
      guint i;

      for (i = 0; i < render->tags->len; i++)
        g_free (render->rendered[i]);
      g_free (render->rendered);
    }
  g_clear_pointer (&render->tags, g_ptr_array_unref);
  g_free (render->asked);
  g_free (render->prefix);
  g_clear_pointer (&render->id_counter, g_hash_table_unref);
  g_clear_pointer (&render->unlinked, g_ptr_array_unref);
  if (render->scratch_text != NULL)
    g_string_free (render->scratch_text, TRUE);
  if (render->scratch_id != NULL)
    g_string_free (render->scratch_id, TRUE);
  if (render->scratch_tag != NULL)
    g_string_free (render->scratch_tag, TRUE);
  g_clear_pointer (&render->heading_ids, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Render, render_clear)

/* Appends @len bytes HTML-escaped; invalid UTF-8 becomes U+FFFD. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  g_autofree char *valid = NULL;
  gsize i, run = 0;

  if (!g_utf8_validate (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
    }

  for (i = 0; i < len; i++)
    {
      const char *entity;

      switch (text[i])
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, text + run, i - run);
      g_string_append (out, entity);
      run = i + 1;
    }
  g_string_append_len (out, text + run, len - run);
}

static char *
choose_prefix (const char *text)
{
  char *prefix = g_strdup ("AUSHANGLIQUID");

  /* Someone wrote our token themselves: pick one nobody wrote. */
  while (strstr (text, prefix) != NULL)
    {
      GString *s = g_string_new ("AUSHANG");
      guint i;

      for (i = 0; i < 12; i++)
        g_string_append_c (s, 'A' + g_random_int_range (0, 26));
      g_free (prefix);
      prefix = g_string_free (s, FALSE);
    }

  return prefix;
}

/* Parses a marker at @p: the prefix, then @kind (a letter, or '\0' for
 * none), a decimal index below @limit and "X". Returns its length, or 0. */
static gsize
match_marker (const Render *render,
              const char   *p,
              gsize         avail,
              char          kind,
              guint         limit,
              guint        *index)
{
  gsize i = render->prefix_len;
  guint64 value = 0;

  if (avail < i + 2 || memcmp (p, render->prefix, i) != 0)
    return 0;
  if (kind != '\0')
    {
      if (p[i] != kind)
        return 0;
      i++;
    }
  if (i >= avail || !g_ascii_isdigit (p[i]))
    return 0;
  while (i < avail && g_ascii_isdigit (p[i]))
    {
      value = value * 10 + (p[i] - '0');
      if (value > G_MAXUINT)
        return 0;
      i++;
    }
  if (i >= avail || p[i] != 'X' || value >= limit)
    return 0;

  *index = value;
  return i + 1;
}

/* A Liquid tag's token: prefix, decimal index, "X". */
static gsize
match_token (const Render *render,
             const char   *p,
             gsize         avail,
             guint        *index)
{
  return match_marker (render, p, avail, '\0', render->segments->len, index);
}

static void
append_uint (GString *out,
             guint    value)
{
  char digits[16];
  int n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);

  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* A heading marker: prefix, "H", decimal index, "X". */
static gsize
match_heading_marker (const Render *render,
                      const char   *p,
                      gsize         avail,
                      guint        *index)
{
  return match_marker (render, p, avail, 'H', render->heading_ids->len, index);
}

static void
append_token (GString      *out,
              const Render *render,
              guint         index)
{
  g_string_append_len (out, render->prefix, render->prefix_len);
  append_uint (out, index);
  g_string_append_c (out, 'X');
}

/* The id kramdown gives a heading with @text, in render->scratch_id:
 * kramdown-parser-gfm counts per id, "x", "x-1", "x-2", ... and does not
 * look at ids written by hand. */
static const char *
count_heading_id (Render     *render,
                  const char *text,
                  gsize       len)
{
  GString *id = render->scratch_id;
  gpointer count;

  g_string_truncate (id, 0);
  append_heading_id (id, text, len);

  if (g_hash_table_lookup_extended (render->id_counter, id->str, NULL, &count))
    {
      guint n = GPOINTER_TO_UINT (count) + 1;

      g_hash_table_insert (render->id_counter, g_strdup (id->str), GUINT_TO_POINTER (n));
      g_string_append_printf (id, "-%u", n);
    }
  else
    g_hash_table_insert (render->id_counter, g_strdup (id->str), GUINT_TO_POINTER (0));

  return id->str;
}

/* The Markdown that cmark sees: tags replaced by tokens. */
static GString *
build_markdown (const Render *render,
                gsize         len)
{
  GString *md = g_string_sized_new (len + 16);
  gsize pos = 0;
  guint i;

  for (i = 0; i < render->segments->len; i++)
    {
      const Segment *segment = &g_array_index (render->segments, Segment, i);

      g_string_append_len (md, render->text + pos, segment->start - pos);
      if (segment->kind != SEGMENT_REMOVE)
        append_token (md, render, i);
      pos = segment->kind == SEGMENT_REMOVE ? segment->end : segment->replace_end;
    }
  g_string_append_len (md, render->text + pos, len - pos);

  return md;
}

/* The tag of index @tag, made the first time it is needed. */
static const AushangLiquidTag *
render_get_tag (Render *render,
                guint   tag)
{
  AushangLiquidTag **slot = (AushangLiquidTag **) &g_ptr_array_index (render->tags, tag);

  if (*slot == NULL)
    {
      const TagPlace *place = &g_array_index (render->places, TagPlace, tag);

      *slot = tag_new (render->text, &place->token);
      (*slot)->line = place->line;
      (*slot)->column = place->column;
    }

  return *slot;
}

static const char *
render_ask (Render *render,
            guint   tag)
{
  if (render->render_tag == NULL)
    return NULL;
  if (!render->asked[tag])
    {
      render->asked[tag] = TRUE;
      render->rendered[tag] = render->render_tag (render_get_tag (render, tag), render->user_data);
    }
  return render->rendered[tag];
}

static void
append_source (GString      *out,
               const Render *render,
               const Segment *segment)
{
  append_escaped (out, render->text + segment->start, segment->end - segment->start);
}

static void
append_default (GString          *out,
                const Render     *render,
                const Segment    *segment,
                const AushangLiquidTag *tag,
                gboolean          block)
{
  g_string_append (out, block ? "<div class=\"aushang-block\" data-tag=\"" :
                                "<span class=\"aushang-inline\" data-tag=\"");
  append_escaped (out, tag->name, strlen (tag->name));
  g_string_append (out, "\">");
  append_source (out, render, segment);
  g_string_append (out, block ? "</div>" : "</span>");
}

/* A token in running text or in a block of its own. */
static void
append_tag_html (GString       *out,
                 Render        *render,
                 const Segment *segment,
                 gboolean       block)
{
  const AushangLiquidTag *tag = render_get_tag (render, segment->tag);

  if (segment->kind == SEGMENT_HIGHLIGHT)
    {
      const char *code = render->text + segment->content_start;
      gsize len = segment->content_end - segment->content_start;

      /* Jekyll strips leading and trailing line breaks of the code. */
      while (len > 0 && (*code == '\n' || *code == '\r'))
        code++, len--;
      while (len > 0 && (code[len - 1] == '\n' || code[len - 1] == '\r'))
        len--;

      g_string_append (out, "<figure class=\"highlight\"><pre><code");
      if (tag->argument != NULL)
        {
          g_autofree char *lang_class = g_strdelimit (g_strdup (tag->argument), "+", '-');

          g_string_append (out, " class=\"language-");
          append_escaped (out, lang_class, strlen (lang_class));
          g_string_append (out, "\" data-lang=\"");
          append_escaped (out, tag->argument, strlen (tag->argument));
          g_string_append (out, "\"");
        }
      g_string_append (out, ">");
      append_escaped (out, code, len);
      g_string_append (out, "</code></pre></figure>");
      return;
    }

  {
    const char *html = render_ask (render, segment->tag);

    if (html != NULL)
      g_string_append (out, html);
    else
      append_default (out, render, segment, tag, block);
  }
}

/* A token inside a tag's attributes or an HTML comment. */
static void
append_tag_attribute (GString       *out,
                      Render        *render,
                      const Segment *segment)
{
  const char *html = NULL;

  if (segment->kind == SEGMENT_TAG)
    html = render_ask (render, segment->tag);

  if (html == NULL)
    {
      append_source (out, render, segment);
      return;
    }

  for (; *html != '\0'; html++)
    {
      switch (*html)
        {
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        default: g_string_append_c (out, *html); break;
        }
    }
}

/* The end of the markup (tag) starting at html[i] == '<'. */
static gsize
markup_end (const char *html,
            gsize       len,
            gsize       i)
{
  char quote = 0;
  gboolean after_equals = FALSE;

  for (i = i + 1; i < len; i++)
    {
      char c = html[i];

      if (quote != 0)
        {
          if (c == quote)
            quote = 0;
          continue;
        }
      if (c == '>')
        return i + 1;
      if ((c == '"' || c == '\'') && after_equals)
        quote = c;
      if (c == '=')
        after_equals = TRUE;
      else if (c != ' ' && c != '\t' && c != '\n')
        after_equals = FALSE;
    }

  return len;
}

static gboolean
only_blanks (const char *s,
             gsize       len)
{
  gsize i;

  for (i = 0; i < len; i++)
    if (!g_ascii_isspace (s[i]))
      return FALSE;
  return TRUE;
}

static gsize
find_char (const char *html,
           gsize       len,
           gsize       from,
           char        c)
{
  const char *p = from < len ? memchr (html + from, c, len - from) : NULL;

  return p != NULL ? (gsize) (p - html) : NONE;
}

/* The first @needle in html[from, len). memchr() and memcmp() only, so the
 * cost stays linear under any libc or sanitizer. */
static gsize
find_string (const char *html,
             gsize       len,
             gsize       from,
             const char *needle)
{
  gsize n = strlen (needle);

  while (from + n <= len)
    {
      const char *p = memchr (html + from, needle[0], len - from - n + 1);

      if (p == NULL)
        return NONE;
      if (memcmp (p, needle, n) == 0)
        return p - html;
      from = p - html + 1;
    }

  return NONE;
}

/* Appends the character an escape of cmark's at @p stands for; returns
 * the escape's length. */
static gsize
append_unescaped (GString    *text,
                  const char *p)
{
  static const struct { const char *escape; char c; } escapes[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
  };

  for (guint k = 0; k < G_N_ELEMENTS (escapes); k++)
    if (g_str_has_prefix (p, escapes[k].escape))
      {
        g_string_append_c (text, escapes[k].c);
        return strlen (escapes[k].escape);
      }

  g_string_append_c (text, *p);
  return 1;
}

/* With plain_ids, html[i] opens a heading: "<hN>", its content up to the
 * next "</h" (cmark escapes everything else). Gives it the id that
 * set_heading_id() would, from the same text: the content without tags,
 * line breaks and tokens, cmark's escapes undone. Returns where copying
 * goes on. */
static gsize
put_plain_heading_id (GString    *out,
                      Render     *render,
                      const char *html,
                      gsize       len,
                      gsize       run,
                      gsize       i)
{
  GString *text = render->scratch_text;
  gsize start = i + 4;
  gsize close = find_string (html, len, start, "</h");
  const char *id;
  gsize j = start;

  /* (Empty headings do not come here: see may_have_empty_heading ().) */
  if (close == NONE || close == start)
    return run;

  g_string_truncate (text, 0);
  while (j < close)
    {
      guint index;
      gsize n;

      if (html[j] == '<')
        {
          const char *end = memchr (html + j, '>', close - j);

          j = end != NULL ? (gsize) (end - html) + 1 : close;
        }
      else if (html[j] == '\n')
        j++;
      else if (html[j] == render->prefix[0] &&
               (n = match_token (render, html + j, close - j, &index)) > 0)
        j += n;
      else if (html[j] == '&')
        j += append_unescaped (text, html + j);
      else
        g_string_append_c (text, html[j++]);
    }

  id = count_heading_id (render, text->str, text->len);
  if (id[0] == '\0')
    return run;

  g_string_append_len (out, html + run, i + 3 - run);
  g_string_append (out, " id=\"");
  append_escaped (out, id, strlen (id));
  g_string_append_c (out, '"');
  return i + 3;
}

/* Puts the tags' HTML where cmark left their tokens. Only the '<' and the
 * tokens are looked at; the text between is copied in large runs. */
static char *
post_process (Render     *render,
              const char *html)
{
  gsize len = strlen (html);
  GString *out;
  gsize run = 0;                  /* html[run, ...) is not copied yet */
  gsize next_lt, next_token;
  gsize markup_start = NONE;      /* the last '<' that opened markup */
  gsize markup_stop = NONE;       /* its end, computed when needed */
  gboolean p_open = FALSE;
  gsize p_tag_pos = 0;            /* where the open "<p>" is in the output */
  int code_depth = 0;

  next_token = find_string (html, len, 0, render->prefix);
  if (next_token == NONE && !render->plain_ids)
    return g_strndup (html, len);

  out = g_string_sized_new (len + len / 8 + 64);
  next_lt = find_char (html, len, 0, '<');

  /* With plain ids, every tag to the end. */
  while (next_token != NONE || (render->plain_ids && next_lt != NONE))
    {
      if (next_lt != NONE && next_lt < next_token)
        {
          gsize i = next_lt;
          const char *m = html + i + 1;

          next_lt = find_char (html, len, i + 1, '<');

          if (m[0] == '!' && m[1] == '-' && m[2] == '-')
            {
              gsize close = find_string (html, len, i + 4, "-->");

              markup_start = i;
              markup_stop = close != NONE ? close + 3 : len;
              if (next_lt != NONE && next_lt < markup_stop)
                next_lt = find_char (html, len, markup_stop, '<');
            }
          else if (m[0] == 'p' && m[1] == '>')
            {
              p_open = TRUE;
              p_tag_pos = out->len + (i - run);
            }
          else if (m[0] == '/' && m[1] == 'p' && m[2] == '>')
            {
              p_open = FALSE;
            }
          else if (m[0] == 'h' && m[1] >= '1' && m[1] <= '6' && m[2] == '>' && render->plain_ids)
            {
              run = put_plain_heading_id (out, render, html, len, run, i);
              if (next_lt != NONE && next_lt < run)
                next_lt = find_char (html, len, run, '<');
              markup_start = i;
              markup_stop = NONE;
            }
          else if (g_ascii_isalpha (m[0]) || m[0] == '/' || m[0] == '!' || m[0] == '?')
            {
              /* Compared by hand: this runs for every tag of the page. */
              if (m[0] == 'c' && m[1] == 'o' && m[2] == 'd' && m[3] == 'e' &&
                  (m[4] == '>' || g_ascii_isspace (m[4])))
                code_depth++;
              else if (m[0] == '/' && m[1] == 'c' && code_depth > 0 &&
                       strncmp (m + 2, "ode>", 4) == 0)
                code_depth--;
              markup_start = i;
              markup_stop = NONE;
            }
          continue;
        }

      {
        gsize t = next_token;
        guint index;
        gsize n = match_token (render, html + t, len - t, &index);
        const Segment *segment;
        gboolean in_markup;

        if (n == 0)
          {
            n = match_heading_marker (render, html + t, len - t, &index);
            if (n > 0)
              {
                const char *id = g_ptr_array_index (render->heading_ids, index);

                g_string_append_len (out, html + run, t - run);
                run = t + n;
                /* The output ends with "<hN>": give it the id. */
                if (id[0] != '\0' && out->len >= 4 && out->str[out->len - 1] == '>' &&
                    out->str[out->len - 4] == '<' && out->str[out->len - 3] == 'h')
                  {
                    g_string_truncate (out, out->len - 1);
                    g_string_append (out, " id=\"");
                    append_escaped (out, id, strlen (id));
                    g_string_append (out, "\">");
                  }
              }
            next_token = find_string (html, len, run > t ? run : t + 1, render->prefix);
            continue;
          }

        segment = &g_array_index (render->segments, Segment, index);
        if (markup_start != NONE && markup_stop == NONE)
          markup_stop = markup_end (html, len, markup_start);
        in_markup = markup_start != NONE && t < markup_stop;

        g_string_append_len (out, html + run, t - run);
        run = t + n;

        if (in_markup)
          append_tag_attribute (out, render, segment);
        else if (code_depth > 0)
          append_source (out, render, segment);
        else if (!segment->block && segment->kind != SEGMENT_HIGHLIGHT)
          append_tag_html (out, render, segment, FALSE);
        else
          {
            gboolean reopen = FALSE;

            /* A block never sits inside a paragraph: close it (or drop it
             * when the block is all it holds) and reopen it after. */
            if (p_open)
              {
                gsize inner = p_tag_pos + 3;

                if (inner <= out->len && only_blanks (out->str + inner, out->len - inner))
                  g_string_truncate (out, p_tag_pos);
                else
                  {
                    while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
                      g_string_truncate (out, out->len - 1);
                    g_string_append (out, "</p>\n");
                  }
                p_open = FALSE;
                reopen = TRUE;
              }

            append_tag_html (out, render, segment, TRUE);
            g_string_append_c (out, '\n');

            while (run < len && g_ascii_isspace (html[run]))
              run++;
            if (reopen)
              {
                if (strncmp (html + run, "</p>", 4) == 0)
                  {
                    run += 4;
                    if (run < len && html[run] == '\n')
                      run++;
                  }
                else
                  {
                    p_open = TRUE;
                    p_tag_pos = out->len;
                    g_string_append (out, "<p>");
                  }
              }
            if (next_lt != NONE && next_lt < run)
              next_lt = find_char (html, len, run, '<');
          }

        next_token = find_string (html, len, run, render->prefix);
      }
    }
  g_string_append_len (out, html + run, len - run);

  return g_string_free (out, FALSE);
}

/* Whether a line of the NUL-terminated @text could be a heading without
 * content ("#", "## #"), which kramdown takes for text. Container markers
 * and blanks before the "#" are skipped, more generously than Markdown
 * does; like cmark, a "\r" ends a line too. */
static gboolean
may_have_empty_heading (const char *text,
                        gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize end = i + strcspn (text + i, "\r\n");

      while (i < end && strchr (" \t>*+-0123456789.)", text[i]) != NULL)
        i++;
      if (i < end && text[i] == '#')
        {
          while (i < end && (text[i] == '#' || text[i] == ' ' || text[i] == '\t'))
            i++;
          if (i == end)
            return TRUE;
        }
      i = end + 1;
    }

  return FALSE;
}

/* CMARK_OPTIONS, less footnotes when no "[^" could start one: they cost
 * two walks over the whole tree and change nothing without one. */
static int
options_for_text (const char *text,
                  gsize       len)
{
  int options = CMARK_OPTIONS;

  if (find_string (text, len, 0, "[^") == NONE)
    options &= ~CMARK_OPT_FOOTNOTES;

  return options;
}

static cmark_parser *
new_parser (int options)
{
  static const char * const extensions[] = { "table", "strikethrough", "autolink", "tasklist" };
  cmark_parser *parser;
  guint i;

  static gsize registered;

  /* cmark-gfm's registry is not thread-safe, and the preview renders in a
   * thread of its own: register once, under GLib's lock. */
  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      g_once_init_leave (&registered, 1);
    }

  parser = cmark_parser_new (options);

  for (i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extensions[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
      else
        g_warning ("cmark-gfm has no “%s” extension", extensions[i]);
    }

  return parser;
}

/* kramdown's span-level elements: a line starting with one of them is
 * text of a paragraph, while CommonMark starts an HTML block there. */
static gboolean
starts_with_span_element (const char *html)
{
  static const char * const names[] = {
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn",
    "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc",
    "rp", "rt", "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup",
    "tt", "u", "var",
  };
  const char *p = html;
  gsize len = 0;

  if (p == NULL || *p++ != '<')
    return FALSE;
  if (*p == '/')
    p++;
  while (g_ascii_isalnum (p[len]))
    len++;
  if (len == 0 || len > 7 || !(p[len] == '>' || p[len] == '/' || g_ascii_isspace (p[len])))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (p, names[i], len) == 0)
      return TRUE;

  return FALSE;
}

/* "<br>\n# Heading" is a paragraph and a heading for kramdown, one HTML
 * block for CommonMark. Parses the block's text again behind a word that
 * keeps it from being HTML block, takes the word out and puts the result in
 * the block's place. Returns the first new node, or NULL. */
static cmark_node *
reparse_span_html_block (Render     *render,
                         cmark_node *block)
{
  const char *literal = cmark_node_get_literal (block);
  g_autoptr(GString) text = NULL;
  cmark_parser *parser;
  cmark_node *document, *paragraph, *word, *child, *first;
  const char *rest;

  if (!starts_with_span_element (literal))
    return NULL;

  text = g_string_new (render->prefix);
  g_string_append_c (text, 'Z');
  g_string_append (text, literal);

  parser = new_parser (render->options);
  cmark_parser_feed (parser, text->str, text->len);
  document = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  g_ptr_array_add (render->unlinked, document);

  paragraph = cmark_node_first_child (document);
  word = paragraph != NULL ? cmark_node_first_child (paragraph) : NULL;
  rest = word != NULL && cmark_node_get_type (word) == CMARK_NODE_TEXT ?
         cmark_node_get_literal (word) : NULL;
  if (rest == NULL || strncmp (rest, text->str, render->prefix_len + 1) != 0)
    return NULL;

  rest += render->prefix_len + 1;
  if (*rest != '\0')
    {
      g_autofree char *copy = g_strdup (rest);

      cmark_node_set_literal (word, copy);
    }
  else
    {
      cmark_node_unlink (word);
      g_ptr_array_add (render->unlinked, word);
    }

  first = cmark_node_first_child (document);
  while ((child = cmark_node_first_child (document)) != NULL)
    cmark_node_insert_before (block, child);
  cmark_node_unlink (block);
  g_ptr_array_add (render->unlinked, block);

  return first;
}

/* The node after @node in document order within @root, without recursion
 * (nesting can be as deep as the text is long). */
static cmark_node *
walk_next (cmark_node *node,
           cmark_node *root,
           gboolean    descend)
{
  cmark_node *child = descend ? cmark_node_first_child (node) : NULL;

  if (child != NULL)
    return child;

  while (node != NULL && node != root)
    {
      cmark_node *next = cmark_node_next (node);

      if (next != NULL)
        return next;
      node = cmark_node_parent (node);
    }

  return NULL;
}

/* The text kramdown derives a heading's id from: text and code, not HTML
 * tags or image descriptions, with our tokens taken out. */
static void
collect_heading_text (Render     *render,
                      cmark_node *heading,
                      GString    *text)
{
  cmark_node *node = cmark_node_first_child (heading);

  while (node != NULL)
    {
      gboolean descend = TRUE;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          {
            const char *literal = cmark_node_get_literal (node);
            gsize len = literal != NULL ? strlen (literal) : 0;
            gsize i = 0, run = 0;

            while (i < len)
              {
                guint index;
                gsize n = literal[i] == render->prefix[0] ?
                          match_token (render, literal + i, len - i, &index) : 0;

                if (n > 0)
                  {
                    g_string_append_len (text, literal + run, i - run);
                    i += n;
                    run = i;
                  }
                else
                  i++;
              }
            g_string_append_len (text, literal + run, len - run);
          }
          descend = FALSE;
          break;

        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_IMAGE:
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          descend = FALSE;
          break;

        default:
          break;
        }

      node = walk_next (node, heading, descend);
    }
}

/* kramdown's explicit id: "## Heading {#the-id}". Takes it off the text. */
static char *
take_explicit_id (cmark_node *heading)
{
  cmark_node *last = cmark_node_last_child (heading);
  const char *literal;
  gsize len, open, i;

  if (last == NULL || cmark_node_get_type (last) != CMARK_NODE_TEXT)
    return NULL;
  literal = cmark_node_get_literal (last);
  if (literal == NULL)
    return NULL;

  len = strlen (literal);
  while (len > 0 && (literal[len - 1] == ' ' || literal[len - 1] == '\t'))
    len--;
  if (len < 4 || literal[len - 1] != '}')
    return NULL;

  open = len - 1;
  while (open > 0 && literal[open] != '{')
    open--;
  if (literal[open] != '{' || literal[open + 1] != '#' || open + 2 >= len - 1)
    return NULL;
  /* A tab or space before it, or the start of the heading. */
  if (open == 0 || (literal[open - 1] != ' ' && literal[open - 1] != '\t'))
    return NULL;
  if (!(g_ascii_isalpha (literal[open + 2]) || literal[open + 2] == '_' ||
        literal[open + 2] == ':' || (guchar) literal[open + 2] >= 0x80))
    return NULL;
  for (i = open + 3; i < len - 1; i++)
    if (!(g_ascii_isalnum (literal[i]) || strchr ("_:.-", literal[i]) != NULL ||
          (guchar) literal[i] >= 0x80))
      return NULL;

  {
    g_autofree char *rest = g_strndup (literal, open);
    char *id = g_strndup (literal + open + 2, len - 1 - (open + 2));

    g_strchomp (rest);
    cmark_node_set_literal (last, rest);
    return id;
  }
}

/* A paragraph that is only a kramdown attribute list: "{: .class #id}". */
static gboolean
is_ial_line (const char *text,
             gsize       len)
{
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (*text))
    text++, len--;

  return len >= 3 && text[0] == '{' && text[1] == ':' && text[2] != ':' &&
         text[len - 1] == '}' && memchr (text, '\n', len) == NULL &&
         memchr (text + 1, '}', len - 2) == NULL;
}

/* The id an attribute list gives ("{: #some-id .class}"), or NULL. */
static char *
ial_get_id (const char *text)
{
  const char *p = strchr (text, '#');
  const char *end;

  if (p == NULL || (p > text && !g_ascii_isspace (p[-1]) && p[-1] != ':'))
    return NULL;
  p++;
  for (end = p; *end != '\0' && (g_ascii_isalnum (*end) || strchr ("_:.-", *end) != NULL ||
                                 (guchar) *end >= 0x80); end++)
    ;
  return end > p ? g_strndup (p, end - p) : NULL;
}

static void
set_heading_id (Render     *render,
                cmark_node *heading,
                const char *explicit_id)
{
  GString *tag = render->scratch_tag;
  cmark_node *marker;
  const char *id = explicit_id;

  if (id == NULL)
    {
      GString *text = render->scratch_text;

      g_string_truncate (text, 0);
      collect_heading_text (render, heading, text);
      id = count_heading_id (render, text->str, text->len);
    }

  /* A marker at the start of the heading's content: post_process() puts
   * the id into the <hN> tag just before it. */
  g_ptr_array_add (render->heading_ids, g_strdup (id));
  g_string_truncate (tag, 0);
  g_string_append_len (tag, render->prefix, render->prefix_len);
  g_string_append_c (tag, 'H');
  append_uint (tag, render->heading_ids->len - 1);
  g_string_append_c (tag, 'X');

  marker = cmark_node_new (CMARK_NODE_CUSTOM_INLINE);
  cmark_node_set_on_enter (marker, tag->str);
  cmark_node_prepend_child (heading, marker);
}

static gboolean
is_block_container (cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether the text node @node ends with "}" (blanks aside): the cheap test
 * before looking for an attribute list. */
static gboolean
text_ends_with_brace (cmark_node *node)
{
  const char *literal;
  gsize len;

  if (node == NULL || cmark_node_get_type (node) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (node);
  len = literal != NULL ? strlen (literal) : 0;
  while (len > 0 && g_ascii_isspace (literal[len - 1]))
    len--;

  return len > 0 && literal[len - 1] == '}';
}

static gboolean
text_starts_ial (cmark_node *node)
{
  const char *literal;

  if (node == NULL || cmark_node_get_type (node) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (node);

  return literal != NULL && literal[0] == '{' && literal[1] == ':';
}

static gboolean
text_is_ial (cmark_node *node)
{
  const char *literal;

  if (node == NULL || cmark_node_get_type (node) != CMARK_NODE_TEXT)
    return FALSE;
  literal = cmark_node_get_literal (node);

  return literal != NULL && is_ial_line (literal, strlen (literal));
}

static void
process_tree (Render     *render,
              cmark_node *document)
{
  g_autoptr(GPtrArray) headings = g_ptr_array_new ();
  g_autoptr(GPtrArray) ials = g_ptr_array_new ();
  g_autoptr(GHashTable) ial_paragraphs = g_hash_table_new (NULL, NULL);
  cmark_node *node;
  guint i;

  /* Only blocks are visited; inline content is looked at where needed. */
  for (node = document; node != NULL; node = walk_next (node, document, is_block_container (node)))
    {
      cmark_node_type type = cmark_node_get_type (node);

      /* Re-parsed text is visited like the rest, in document order. */
      while (type == CMARK_NODE_HTML_BLOCK)
        {
          cmark_node *first = reparse_span_html_block (render, node);

          if (first == NULL)
            break;
          node = first;
          type = cmark_node_get_type (node);
        }

      if (type == CMARK_NODE_HEADING)
        g_ptr_array_add (headings, node);
      else if (type != CMARK_NODE_PARAGRAPH || !render->braces)
        continue;   /* attribute lists are paragraphs with a "{" */
      else if (text_starts_ial (cmark_node_first_child (node)))
        {
          cmark_node *first, *after;

          /* "{: .note}\nText": a list before the paragraph it applies to. */
          cmark_consolidate_text_nodes (node);
          first = cmark_node_first_child (node);
          after = cmark_node_next (first);
          if (after != NULL && cmark_node_get_type (after) == CMARK_NODE_SOFTBREAK &&
              text_is_ial (first))
            {
              g_ptr_array_add (ials, first);
              g_ptr_array_add (ials, after);
            }
          else if (after == NULL && text_is_ial (first))
            {
              g_ptr_array_add (ials, node);
              g_hash_table_add (ial_paragraphs, node);
            }
        }
      else if (text_ends_with_brace (cmark_node_last_child (node)))
        {
          cmark_node *last, *before;

          cmark_consolidate_text_nodes (node);
          last = cmark_node_last_child (node);
          before = last != NULL ? cmark_node_previous (last) : NULL;

          if (before == NULL && text_is_ial (last))
            {
              g_ptr_array_add (ials, node);
              g_hash_table_add (ial_paragraphs, node);
            }
          else if (before != NULL && cmark_node_get_type (before) == CMARK_NODE_SOFTBREAK &&
                   text_is_ial (last))
            {
              /* "Text\n{: .lead}": the list applies to the paragraph. */
              g_ptr_array_add (ials, last);
              g_ptr_array_add (ials, before);
            }
        }
    }

  for (i = 0; i < headings->len; i++)
    {
      cmark_node *heading = g_ptr_array_index (headings, i);
      cmark_node *next = cmark_node_next (heading);
      g_autofree char *explicit_id = NULL;

      /* kramdown wants text after "#": a bare "#" line stays text. */
      if (cmark_node_first_child (heading) == NULL)
        {
          cmark_node *paragraph = cmark_node_new (CMARK_NODE_PARAGRAPH);
          cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);
          char hashes[7] = "######";

          hashes[CLAMP (cmark_node_get_heading_level (heading), 1, 6)] = '\0';
          cmark_node_set_literal (text, hashes);
          cmark_node_append_child (paragraph, text);
          cmark_node_replace (heading, paragraph);
          g_ptr_array_add (render->unlinked, heading);
          continue;
        }

      /* Only a heading ending with "}" can name its id. */
      if (render->braces && text_ends_with_brace (cmark_node_last_child (heading)))
        {
          cmark_consolidate_text_nodes (heading);
          explicit_id = take_explicit_id (heading);
        }

      /* An attribute list right after a heading can name its id. */
      if (explicit_id == NULL && next != NULL && g_hash_table_contains (ial_paragraphs, next))
        explicit_id = ial_get_id (cmark_node_get_literal (cmark_node_first_child (next)));

      set_heading_id (render, heading, explicit_id);
    }

  for (i = 0; i < ials->len; i++)
    {
      node = g_ptr_array_index (ials, i);
      cmark_node_unlink (node);
      g_ptr_array_add (render->unlinked, node);
    }
}

char *
aushang_markdown_render (const char              *markdown,
                         AushangLiquidRenderFunc  render_tag,
                         gpointer                 user_data)
{
  g_auto(Scan) scan = { 0, };
  g_auto(Render) render = { 0, };
  GString *md;
  cmark_parser *parser;
  cmark_node *document;
  char *html;
  char *result;

  if (markdown == NULL)
    markdown = "";

  scan.text = markdown;
  scan.len = strlen (markdown);
  scan.places = g_array_new (FALSE, FALSE, sizeof (TagPlace));
  scan.segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  scan_run (&scan);
  g_clear_pointer (&scan.tokens, g_array_unref);

  render.text = markdown;
  render.places = scan.places;
  render.tags = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_liquid_tag_free);
  g_ptr_array_set_size (render.tags, scan.places->len);
  render.segments = scan.segments;
  render.prefix = choose_prefix (markdown);
  render.prefix_len = strlen (render.prefix);
  render.render_tag = render_tag;
  render.user_data = user_data;
  render.rendered = g_new0 (char *, scan.places->len + 1);
  render.asked = g_new0 (guint8, scan.places->len + 1);
  render.id_counter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  render.unlinked = g_ptr_array_new_with_free_func ((GDestroyNotify) cmark_node_free);
  render.scratch_text = g_string_new (NULL);
  render.scratch_id = g_string_new (NULL);
  render.scratch_tag = g_string_new (NULL);
  render.heading_ids = g_ptr_array_new_with_free_func (g_free);

  md = build_markdown (&render, scan.len);

  render.options = options_for_text (md->str, md->len);
  /* Text nodes hold a "{" only where the text has one or an entity. */
  render.braces = memchr (md->str, '{', md->len) != NULL || memchr (md->str, '&', md->len) != NULL;
  /* Without raw HTML, attribute lists, footnotes and empty headings, the
   * tree walk would only see to heading ids; they can come from the HTML. */
  render.plain_ids = !render.braces && (render.options & CMARK_OPT_FOOTNOTES) == 0 &&
                     memchr (md->str, '<', md->len) == NULL &&
                     !may_have_empty_heading (md->str, md->len);
  parser = new_parser (render.options);
  cmark_parser_feed (parser, md->str, md->len);
  /* cmark keeps its own copy: give the memory back before it builds the tree. */
  g_string_free (md, TRUE);
  document = cmark_parser_finish (parser);
  if (!render.plain_ids)
    process_tree (&render, document);
  html = cmark_render_html (document, render.options, cmark_parser_get_syntax_extensions (parser));
  cmark_node_free (document);
  g_ptr_array_set_size (render.unlinked, 0);
  cmark_parser_free (parser);

  result = post_process (&render, html);
  cmark_get_default_mem_allocator ()->free (html);

  return result;
}
