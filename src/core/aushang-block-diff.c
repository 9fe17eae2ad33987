/* aushang-block-diff.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typing in a long document changes one block of its page, seldom more:
 * the preview puts only the changed blocks into the page instead of the
 * whole body, which the page would parse and lay out anew on every key.
 * The blocks are told apart by the comments the Markdown renderer puts
 * before each top-level block for scroll sync.
 */

#define G_LOG_DOMAIN "aushang-block-diff"

#include "config.h"

#include <string.h>

#include "aushang-block-diff.h"

#define MARK_PREFIX "<!--aushang-"
#define LINE_MARK "<!--aushang-line "
#define END_MARK "<!--aushang-end-->"

typedef struct
{
  gsize start;    /* where its comment starts */
  gsize content;  /* right after the comment */
  guint line;
} Mark;

/* The blocks' comments of @html; the last one is the end's. FALSE where
 * the page has no blocks, or its comments are not in order. */
static gboolean
find_marks (const char *html,
            GArray     *marks)
{
  const char *p = html;
  gboolean ended = FALSE;

  while ((p = strstr (p, MARK_PREFIX)) != NULL)
    {
      Mark mark = { .start = p - html, };

      if (strncmp (p, LINE_MARK, sizeof LINE_MARK - 1) == 0)
        {
          const char *digits = p + sizeof LINE_MARK - 1;
          char *end = (char *) digits;
          guint64 line = 0;

          /* A page has a mark per block, tens of thousands in a long
           * one: up to 9 digits read here, the rest (a sign, spaces,
           * more digits) as g_ascii_strtoull() reads it. */
          while (g_ascii_isdigit (*end) && end - digits < 9)
            line = line * 10 + (*end++ - '0');
          if (end == digits || g_ascii_isdigit (*end))
            line = g_ascii_strtoull (digits, &end, 10);

          if (ended || end == digits || strncmp (end, "-->", 3) != 0 || line > G_MAXUINT)
            return FALSE;
          mark.line = (guint) line;
          mark.content = end + 3 - html;
        }
      else if (strncmp (p, END_MARK, sizeof END_MARK - 1) == 0)
        {
          if (ended)
            return FALSE;
          ended = TRUE;
          mark.content = p + strlen (END_MARK) - html;
        }
      else
        {
          p += strlen (MARK_PREFIX);
          continue;
        }
      g_array_append_val (marks, mark);
      p = html + mark.content;
    }

  return ended && marks->len >= 2;
}

static gboolean
same_content (const char *a,
              const Mark *ma,
              const char *b,
              const Mark *mb)
{
  gsize la = ma[1].start - ma[0].content;
  gsize lb = mb[1].start - mb[0].content;

  return la == lb && memcmp (a + ma[0].content, b + mb[0].content, la) == 0;
}

static gboolean
same_span (const char *a,
           gsize       a_start,
           gsize       a_end,
           const char *b,
           gsize       b_start,
           gsize       b_end)
{
  return a_end - a_start == b_end - b_start &&
         memcmp (a + a_start, b + b_start, a_end - a_start) == 0;
}

/**
 * aushang_block_diff:
 * @old_html: what the page shows
 * @new_html: what it should show
 *
 * Which blocks to replace so that @old_html becomes @new_html, where the
 * two differ only between their first and last block comments, and the
 * new blocks are whole elements (every tag they open, they close): then
 * the page can parse them alone and get what it would get from the whole.
 *
 * Returns: (transfer full) (nullable): the patch, or %NULL where the page
 *   has to be replaced whole
 */
AushangBlockPatch *
aushang_block_diff (const char *old_html,
                    const char *new_html)
{
  g_autoptr(GArray) old_marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_autoptr(GArray) new_marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  const Mark *om, *nm;
  guint old_n, new_n, shorter, p = 0, t = 0;
  int delta = 0;
  AushangBlockPatch *patch;
  gsize html_start, html_end;

  g_return_val_if_fail (old_html != NULL, NULL);
  g_return_val_if_fail (new_html != NULL, NULL);

  if (!find_marks (old_html, old_marks) || !find_marks (new_html, new_marks))
    return NULL;

  om = (const Mark *) old_marks->data;
  nm = (const Mark *) new_marks->data;
  /* The end's comment is no block. */
  old_n = old_marks->len - 1;
  new_n = new_marks->len - 1;

  /* What comes before the first block and after the last stays. */
  if (!same_span (old_html, 0, om[0].start, new_html, 0, nm[0].start) ||
      strcmp (old_html + om[old_n].start, new_html + nm[new_n].start) != 0)
    return NULL;

  shorter = MIN (old_n, new_n);
  while (p < shorter && om[p].line == nm[p].line && same_content (old_html, &om[p], new_html, &nm[p]))
    p++;
  if (p < shorter)
    delta = (int) nm[new_n - 1].line - (int) om[old_n - 1].line;
  while (t < shorter - p &&
         (int) nm[new_n - 1 - t].line - (int) om[old_n - 1 - t].line == delta &&
         same_content (old_html, &om[old_n - 1 - t], new_html, &nm[new_n - 1 - t]))
    t++;
  if (t == 0)
    delta = 0;

  html_start = nm[p].start;
  html_end = nm[new_n - t].start;
  if (!aushang_block_html_balanced (new_html + html_start, html_end - html_start))
    return NULL;

  patch = g_new0 (AushangBlockPatch, 1);
  patch->first = p;
  patch->old_count = old_n - p - t;
  patch->new_count = new_n - p - t;
  patch->old_total = old_n;
  patch->html = g_strndup (new_html + html_start, html_end - html_start);
  patch->line_delta = delta;

  return patch;
}

/**
 * aushang_block_patch_apply:
 * @old_html: what the page shows
 * @patch: a patch made from it
 *
 * What the page holds after the patch, as the page applies it: the
 * blocks replaced, the lines of those after them moved.
 *
 * Returns: (transfer full) (nullable): the patched HTML, or %NULL where
 *   @patch does not fit @old_html
 */
char *
aushang_block_patch_apply (const char              *old_html,
                           const AushangBlockPatch *patch)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  const Mark *m;
  GString *out;

  g_return_val_if_fail (old_html != NULL, NULL);
  g_return_val_if_fail (patch != NULL, NULL);

  if (!find_marks (old_html, marks) || marks->len - 1 != patch->old_total ||
      patch->first + patch->old_count > patch->old_total)
    return NULL;
  m = (const Mark *) marks->data;

  out = g_string_new_len (old_html, m[patch->first].start);
  g_string_append (out, patch->html);
  for (guint i = patch->first + patch->old_count; i < patch->old_total; i++)
    {
      g_string_append_printf (out, LINE_MARK "%d-->", (int) m[i].line + patch->line_delta);
      g_string_append_len (out, old_html + m[i].content, m[i + 1].start - m[i].content);
    }
  g_string_append (out, old_html + m[patch->old_total].start);

  return g_string_free (out, FALSE);
}

void
aushang_block_patch_free (AushangBlockPatch *patch)
{
  if (patch == NULL)
    return;
  g_free (patch->html);
  g_free (patch);
}

/* ------------------------------------------------------------------------ */
/* Whole elements                                                             */

static gboolean
name_is (const char *name,
         gsize       length,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == length && g_ascii_strncasecmp (name, names[i], length) == 0)
      return TRUE;
  return FALSE;
}

static const char *
find_ascii_case (const char *p,
                 const char *end,
                 const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* The end of the tag starting at @p (after its ">"), attribute values in
 * quotes skipped; NULL where it does not end. */
static const char *
tag_end (const char *p,
         const char *end,
         gboolean   *self_closing)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        {
          *self_closing = p[-1] == '/';
          return p + 1;
        }
    }
  return NULL;
}

/**
 * aushang_block_html_balanced:
 * @html: HTML
 * @length: its length in bytes, or -1 if it ends with NUL
 *
 * Whether @html closes every element it opens, in order, and closes none
 * it did not open: so that a page parses it alone as it parses it among
 * the rest. Careful rather than clever: HTML whose end tags the parser
 * would imply (an unclosed <p> or <li>) does not count as whole.
 *
 * Returns: %TRUE for whole elements
 */
gboolean
aushang_block_html_balanced (const char *html,
                             gssize      length)
{
  static const char * const void_elements[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", NULL
  };
  static const char * const raw_elements[] = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", NULL
  };
  static const char * const foreign_elements[] = { "svg", "math", NULL };
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  const char *p = html, *end;
  guint foreign = 0;

  g_return_val_if_fail (html != NULL, FALSE);

  end = html + (length < 0 ? strlen (html) : (gsize) length);
  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      if (end - p >= 4 && strncmp (p, "<!--", 4) == 0)
        {
          const char *close = find_ascii_case (p + 4, end, "-->");

          if (close == NULL)
            return FALSE;
          p = close + 3;
        }
      else if (end - p >= 2 && (p[1] == '!' || p[1] == '?'))
        {
          const char *close = memchr (p, '>', end - p);

          if (close == NULL)
            return FALSE;
          p = close + 1;
        }
      else if (end - p >= 3 && p[1] == '/' && g_ascii_isalpha (p[2]))
        {
          const char *name = p + 2, *name_end = name;
          const char *top;
          gboolean self_closing;

          while (name_end < end && (g_ascii_isalnum (*name_end) || *name_end == '-' || *name_end == ':'))
            name_end++;
          if (open->len == 0)
            return FALSE;
          top = g_ptr_array_index (open, open->len - 1);
          if (strlen (top) != (gsize) (name_end - name) ||
              g_ascii_strncasecmp (top, name, name_end - name) != 0)
            return FALSE;
          if (name_is (name, name_end - name, foreign_elements))
            foreign--;
          g_ptr_array_set_size (open, open->len - 1);
          p = tag_end (name_end, end, &self_closing);
          if (p == NULL)
            return FALSE;
        }
      else if (end - p >= 2 && g_ascii_isalpha (p[1]))
        {
          const char *name = p + 1, *name_end = name;
          gboolean self_closing = FALSE;
          gsize name_length;

          while (name_end < end && (g_ascii_isalnum (*name_end) || *name_end == '-' || *name_end == ':'))
            name_end++;
          name_length = name_end - name;
          p = tag_end (name_end, end, &self_closing);
          if (p == NULL)
            return FALSE;
          if (name_is (name, name_length, void_elements))
            continue;
          /* "<div/>" opens a div in HTML; only in SVG or MathML does "/>"
           * close the element. */
          if (self_closing && (foreign > 0 || name_is (name, name_length, foreign_elements)))
            continue;
          if (name_is (name, name_length, raw_elements))
            {
              g_autofree char *close_tag = g_strdup_printf ("</%.*s", (int) name_length, name);
              const char *close = find_ascii_case (p, end, close_tag);

              if (close == NULL)
                return FALSE;
              p = tag_end (close + strlen (close_tag), end, &self_closing);
              if (p == NULL)
                return FALSE;
              continue;
            }
          if (name_is (name, name_length, foreign_elements))
            foreign++;
          g_ptr_array_add (open, g_strndup (name, name_length));
        }
      else
        p++;
    }

  return open->len == 0;
}
