/* aushang-markdown-liquid.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-markdown"

#include "config.h"

#include <string.h>

#include "aushang-markdown-private.h"

/* Liquid tags in a body, found the way Liquid 5 finds them, and what
 * rendering does with each (replace it, remove it, show it as code). */

/* ------------------------------------------------------------------------ */
/* Tokenizing Liquid                                                          */

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

AushangLiquidTag *
aushang_markdown_tag_new (const char  *text,
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

  tag = aushang_markdown_tag_new (scan->text, token);
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

void
aushang_markdown_scan_run (Scan *scan)
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

void
aushang_markdown_scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->tokens, g_array_unref);
  g_clear_pointer (&scan->tags, g_ptr_array_unref);
  g_clear_pointer (&scan->places, g_array_unref);
  g_clear_pointer (&scan->segments, g_array_unref);
}

GPtrArray *
aushang_markdown_find_liquid_tags (const char *body)
{
  g_auto(Scan) scan = { 0, };

  scan.text = body != NULL ? body : "";
  scan.len = strlen (scan.text);
  scan.tags = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_liquid_tag_free);
  aushang_markdown_scan_run (&scan);

  return g_steal_pointer (&scan.tags);
}
