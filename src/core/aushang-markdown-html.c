/* aushang-markdown-html.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-markdown"

#include "config.h"

#include <string.h>

#include "aushang-markdown-private.h"

/* Tokens: each Liquid tag replaced by one in the Markdown that cmark
 * sees, and each token in cmark's HTML replaced by the tag's HTML in a
 * way that fits where it ended up. */

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

char *
aushang_markdown_choose_prefix (const char *text)
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
gsize
aushang_markdown_match_token (const Render *render,
                              const char   *p,
                              gsize         avail,
                              guint        *index)
{
  return match_marker (render, p, avail, '\0', render->segments->len, index);
}

void
aushang_markdown_append_uint (GString *out,
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

/* An attribute marker: prefix, "A", decimal index, "X". */
static gsize
match_attribute_marker (const Render *render,
                        const char   *p,
                        gsize         avail,
                        guint        *index)
{
  if (render->attributes == NULL)
    return 0;

  return match_marker (render, p, avail, 'A', render->attributes->len, index);
}

static void append_tag_attribute (GString       *out,
                                  Render        *render,
                                  const Segment *segment);

/* Copies html[@from, @to), inside a tag: the tokens there as attribute
 * text ("{{ site.baseurl }}/a.png" in src="…"). */
static void
append_markup (GString    *out,
               Render     *render,
               const char *html,
               gsize       from,
               gsize       to)
{
  while (from < to)
    {
      gsize t = aushang_markdown_find_string (html, to, from, render->prefix);
      guint index;
      gsize n;

      if (t == NONE)
        break;
      n = aushang_markdown_match_token (render, html + t, to - t, &index);
      g_string_append_len (out, html + from, t - from);
      if (n == 0)
        {
          g_string_append_c (out, html[t]);
          from = t + 1;
          continue;
        }
      append_tag_attribute (out, render, &g_array_index (render->segments, Segment, index));
      from = t + n;
    }
  if (from < to)
    g_string_append_len (out, html + from, to - from);
}

/* Copies the tag at html[@i] up to where attributes go, with the
 * attributes of @index put in (classes merged into its own class="…").
 * Returns where copying goes on. */
static gsize
inject_attributes (GString      *out,
                   Render       *render,
                   const char   *html,
                   gsize         len,
                   gsize         run,
                   gsize         i,
                   guint         index)
{
  const AushangMarkdownAttributes *attributes = g_ptr_array_index (render->attributes, index);
  gsize end = i + 1, class_end = NONE;
  gboolean in_class = FALSE;
  char quote = 0;

  /* The tag's '>' (outside quotes), and the end of its class value. */
  for (; end < len; end++)
    {
      if (quote != 0)
        {
          if (html[end] == quote)
            {
              if (in_class)
                class_end = end;
              in_class = FALSE;
              quote = 0;
            }
          continue;
        }
      if (html[end] == '"' || html[end] == '\'')
        {
          quote = html[end];
          in_class = class_end == NONE && attributes->classes != NULL &&
                     end >= 7 && strncmp (html + end - 6, "class=", 6) == 0 &&
                     g_ascii_isspace (html[end - 7]);
          continue;
        }
      if (html[end] == '>')
        break;
    }
  if (end >= len)
    return run;
  if (end > i && html[end - 1] == '/')
    end--;
  while (end > i && html[end - 1] == ' ')
    end--;

  if (class_end != NONE)
    {
      append_markup (out, render, html, run, class_end);
      g_string_append_c (out, ' ');
      g_string_append (out, attributes->classes);
      run = class_end;
    }

  append_markup (out, render, html, run, end);
  if (class_end == NONE && attributes->classes != NULL)
    {
      g_string_append (out, " class=\"");
      g_string_append (out, attributes->classes);
      g_string_append_c (out, '"');
    }
  g_string_append (out, attributes->rest);

  return end;
}

static void
append_token (GString      *out,
              const Render *render,
              guint         index)
{
  g_string_append_len (out, render->prefix, render->prefix_len);
  aushang_markdown_append_uint (out, index);
  g_string_append_c (out, 'X');
}

/* The Markdown that cmark sees: tags replaced by tokens. */
GString *
aushang_markdown_build_markdown (const Render *render,
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

      *slot = aushang_markdown_tag_new (render->text, &place->token);
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

/* The end of the markup (tag) starting at html[i] == '<'; @closed (may
 * be NULL) tells whether its '>' was found. */
static gsize
markup_end_closed (const char *html,
                   gsize       len,
                   gsize       i,
                   gboolean   *closed)
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
        {
          if (closed != NULL)
            *closed = TRUE;
          return i + 1;
        }
      if ((c == '"' || c == '\'') && after_equals)
        quote = c;
      if (c == '=')
        after_equals = TRUE;
      else if (c != ' ' && c != '\t' && c != '\n')
        after_equals = FALSE;
    }

  if (closed != NULL)
    *closed = FALSE;
  return len;
}

static gsize
markup_end (const char *html,
            gsize       len,
            gsize       i)
{
  return markup_end_closed (html, len, i, NULL);
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
gsize
aushang_markdown_find_string (const char *html,
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
  gsize close = aushang_markdown_find_string (html, len, start, "</h");
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
               (n = aushang_markdown_match_token (render, html + j, close - j, &index)) > 0)
        j += n;
      else if (html[j] == '&')
        j += append_unescaped (text, html + j);
      else
        g_string_append_c (text, html[j++]);
    }

  id = aushang_markdown_count_heading_id (render, text->str, text->len);
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
char *
aushang_markdown_post_process (Render     *render,
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
  guint pending_attributes = G_MAXUINT;  /* for the next tag that opens */

  next_token = aushang_markdown_find_string (html, len, 0, render->prefix);
  if (next_token == NONE && !render->plain_ids && !render->track_html)
    return g_strndup (html, len);

  out = g_string_sized_new (len + len / 8 + 64);
  next_lt = find_char (html, len, 0, '<');

  /* With plain ids, every tag to the end. */
  while (next_token != NONE ||
         ((render->plain_ids || pending_attributes != G_MAXUINT || render->track_html) && next_lt != NONE))
    {
      if (next_lt != NONE && next_lt < next_token)
        {
          gsize i = next_lt;
          const char *m = html + i + 1;

          next_lt = find_char (html, len, i + 1, '<');

          if (m[0] == '!' && m[1] == '-' && m[2] == '-')
            {
              gsize close = aushang_markdown_find_string (html, len, i + 4, "-->");

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

          /* An attribute list waits for the element after its marker. */
          if (pending_attributes != G_MAXUINT && g_ascii_isalpha (m[0]))
            {
              run = inject_attributes (out, render, html, len, run, i, pending_attributes);
              pending_attributes = G_MAXUINT;
              if (next_lt != NONE && next_lt < run)
                next_lt = find_char (html, len, run, '<');
              /* Tokens in the tag went in with it. */
              if (next_token != NONE && next_token < run)
                next_token = aushang_markdown_find_string (html, len, run, render->prefix);
            }
          continue;
        }

      {
        gsize t = next_token;
        guint index;
        gsize n = aushang_markdown_match_token (render, html + t, len - t, &index);
        const Segment *segment;
        gboolean in_markup;

        if (n == 0 && (n = match_attribute_marker (render, html + t, len - t, &index)) > 0)
          {
            g_string_append_len (out, html + run, t - run);
            run = t + n;
            while (run < len && (html[run] == '\n' || html[run] == ' '))
              run++;
            pending_attributes = index;
            if (next_lt != NONE && next_lt < run)
              next_lt = find_char (html, len, run, '<');
            next_token = aushang_markdown_find_string (html, len, run, render->prefix);
            continue;
          }

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
            next_token = aushang_markdown_find_string (html, len, run > t ? run : t + 1, render->prefix);
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

        next_token = aushang_markdown_find_string (html, len, run, render->prefix);
      }
    }
  g_string_append_len (out, html + run, len - run);

  /* What a text after this one would be rendered inside of. */
  if (render->track_html)
    {
      gboolean markup_open = FALSE;

      if (markup_start != NONE)
        {
          if (html[markup_start + 1] == '!' && html[markup_start + 2] == '-' && html[markup_start + 3] == '-')
            markup_open = aushang_markdown_find_string (html, len, markup_start + 4, "-->") == NONE;
          else
            {
              gboolean closed = FALSE;

              markup_end_closed (html, len, markup_start, &closed);
              markup_open = !closed;
            }
        }
      render->html_open = markup_open || p_open || code_depth != 0 || pending_attributes != G_MAXUINT;
    }

  return g_string_free (out, FALSE);
}
