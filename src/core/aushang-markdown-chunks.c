/* aushang-markdown-chunks.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-markdown"

#include "config.h"

#include <string.h>

#include "aushang-markdown-private.h"

/* A long body is rendered again on every key in the preview; most of it
 * has not changed. Here the body is cut into parts, each part's HTML is
 * kept by its text, and only new parts are rendered; the parts' HTML put
 * together is the whole body's HTML, byte for byte.
 *
 * A cut goes before an ATX heading at the start of a line after a blank
 * line. Such a heading ends every open block of CommonMark (lists,
 * quotes, paragraphs, indented code) but a fenced code block without its
 * closing fence and an HTML block that blank lines do not end: the part
 * before is checked for those when it is rendered (open_end). No cut goes
 * inside a Liquid tag, a {% raw %}, {% comment %} or {% highlight %}
 * block, or after a line starting with "{:" (a kramdown attribute list
 * after a blank line belongs to the next block).
 *
 * Parts are rendered with the flags of the whole body (what the renderer
 * sees in the text decides some of its paths), kramdown's heading id
 * counters as the parts before left them, and their line comments for
 * the preview count from the part's first line.
 *
 * Whole-body rendering instead, where something reaches across parts:
 * link definitions, footnotes and abbreviations ("]:", "[^"), "\r" line
 * breaks, text holding the renderer's
 * own tokens or comments, and tag HTML that differs from what a part was
 * rendered with. */

#define END_MARK "<!--aushang-end-->\n"
#define LINE_MARK "<!--aushang-line "

/* In coarse mode a heading starts a part when its text hashes to one of
 * 16 values and the part is long enough, or the part has grown long. */
#define MIN_PART 512
#define MAX_PART (64 * 1024)

typedef struct
{
  AushangLiquidTag *tag;   /* as in the part: line and offset from the part's start */
  char             *html;
} Call;

typedef struct
{
  gsize at;                /* the digits of a line comment in the HTML */
  gsize len;
  guint line;
} Mark;

typedef struct
{
  char      *key;          /* the text, and which of its copies in the body ("\1" N) */
  char      *text;
  guint      own_flags;
  gboolean   flags_known;
  gboolean   rendered;
  guint      forced;       /* the flags it was rendered with */
  guint      settings;     /* and the cache's settings */
  char      *html;
  GArray    *marks;        /* Mark */
  gboolean   end_marked;
  gboolean   open_end;
  gsize      reparsed;
  gboolean   over_budget;
  gboolean   html_open;
  gboolean   broken;       /* its HTML cannot be put with others' */
  GPtrArray *ids;          /* heading ids it counted, */
  GArray    *id_seen;      /* their counters from the parts before (gint64, -1: none) */
  GArray    *id_final;     /* and after it (guint) */
  GPtrArray *calls;        /* Call* */
  gboolean   with_tags;    /* rendered with a callback for tags */
  guint      trimmed;      /* the trim period it was last used in */
  guint      stamp;        /* the rendering it was last used in */
} Entry;

typedef struct
{
  gsize start;
  gsize end;
  guint line;              /* lines of the body before it */
} Part;

struct _AushangMarkdownCache
{
  gint        ref_count;
  GMutex      lock;
  GHashTable *entries;     /* text -> Entry */
  guint       period;
  guint       stamp;
  guint       settings;    /* counts changes of the two below */
  char       *quotes;
  gboolean    source_lines;
  gboolean    fine;
  guint       last_parts;
  guint       last_rendered;
};

static void
call_free (gpointer data)
{
  Call *call = data;

  aushang_liquid_tag_free (call->tag);
  g_free (call->html);
  g_free (call);
}

static void
entry_clear_rendering (Entry *entry)
{
  entry->rendered = FALSE;
  g_clear_pointer (&entry->html, g_free);
  g_clear_pointer (&entry->marks, g_array_unref);
  g_clear_pointer (&entry->ids, g_ptr_array_unref);
  g_clear_pointer (&entry->id_seen, g_array_unref);
  g_clear_pointer (&entry->id_final, g_array_unref);
  g_clear_pointer (&entry->calls, g_ptr_array_unref);
  entry->end_marked = FALSE;
  entry->open_end = FALSE;
  entry->broken = FALSE;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  entry_clear_rendering (entry);
  if (entry->key != entry->text)
    g_free (entry->key);
  g_free (entry->text);
  g_free (entry);
}

AushangMarkdownCache *
aushang_markdown_cache_new (void)
{
  AushangMarkdownCache *cache = g_new0 (AushangMarkdownCache, 1);

  cache->ref_count = 1;
  g_mutex_init (&cache->lock);
  /* The key is the entry's. */
  cache->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);

  return cache;
}

AushangMarkdownCache *
aushang_markdown_cache_ref (AushangMarkdownCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  g_atomic_int_inc (&cache->ref_count);
  return cache;
}

void
aushang_markdown_cache_unref (AushangMarkdownCache *cache)
{
  if (cache == NULL || !g_atomic_int_dec_and_test (&cache->ref_count))
    return;

  g_hash_table_unref (cache->entries);
  g_free (cache->quotes);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

void
aushang_markdown_cache_set_fine (AushangMarkdownCache *cache,
                                 gboolean              fine)
{
  g_return_if_fail (cache != NULL);

  g_mutex_lock (&cache->lock);
  cache->fine = !!fine;
  g_mutex_unlock (&cache->lock);
}

void
aushang_markdown_cache_get_stats (AushangMarkdownCache *cache,
                                  guint                *parts,
                                  guint                *rendered)
{
  g_return_if_fail (cache != NULL);

  g_mutex_lock (&cache->lock);
  if (parts != NULL)
    *parts = cache->last_parts;
  if (rendered != NULL)
    *rendered = cache->last_rendered;
  g_mutex_unlock (&cache->lock);
}

static gboolean
entry_is_stale (gpointer key,
                gpointer value,
                gpointer user_data)
{
  const Entry *entry = value;

  return entry->trimmed != GPOINTER_TO_UINT (user_data);
}

void
aushang_markdown_cache_trim (AushangMarkdownCache *cache)
{
  g_return_if_fail (cache != NULL);

  g_mutex_lock (&cache->lock);
  g_hash_table_foreach_remove (cache->entries, entry_is_stale, GUINT_TO_POINTER (cache->period));
  cache->period++;
  g_mutex_unlock (&cache->lock);
}

/* Per thread: the cache aushang_markdown_render() goes through. */
static GPrivate cache_key;

AushangMarkdownCache *
aushang_markdown_set_cache (AushangMarkdownCache *cache)
{
  AushangMarkdownCache *was = g_private_get (&cache_key);

  g_private_set (&cache_key, cache);
  return was;
}

AushangMarkdownCache *
aushang_markdown_get_cache (void)
{
  return g_private_get (&cache_key);
}

/* Cutting ------------------------------------------------------------------ */

typedef struct
{
  gsize start;
  gsize end;
} Range;

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *ra = a, *rb = b;

  return ra->start < rb->start ? -1 : ra->start > rb->start;
}

/* The stretches of @text no cut may go inside: Liquid tags, and what raw,
 * comment and highlight blocks hold. Sorted, not overlapping. NULL when
 * a raw, comment or highlight block does not end: the scan then reads
 * later ones of its kind as single tags, which a part alone would not. */
static GArray *
find_uncuttable (const char *text,
                 gsize       len)
{
  g_auto(Scan) scan = { 0, };
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  GArray *merged;

  if (aushang_markdown_find_string (text, len, 0, "{%") == NONE &&
      aushang_markdown_find_string (text, len, 0, "{{") == NONE)
    return ranges;

  scan.text = text;
  scan.len = len;
  scan.places = g_array_new (FALSE, FALSE, sizeof (TagPlace));
  scan.segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  aushang_markdown_scan_run (&scan);
  if (scan.no_endraw || scan.no_endcomment || scan.no_endhighlight)
    {
      g_array_unref (ranges);
      return NULL;
    }

  for (guint i = 0; i < scan.tokens->len; i++)
    {
      const Token *token = &g_array_index (scan.tokens, Token, i);
      Range range = { token->start, token->end };

      g_array_append_val (ranges, range);
    }
  for (guint i = 0; i < scan.segments->len; i++)
    {
      const Segment *segment = &g_array_index (scan.segments, Segment, i);
      const Token *token = &g_array_index (scan.places, TagPlace, segment->tag).token;
      Range range = { segment->start, MAX (segment->end, segment->replace_end) };

      /* {% raw %} and its {% endraw %} come as two segments in a row. */
      if (segment->kind == SEGMENT_REMOVE && token->name_len == 3 &&
          strncmp (text + token->name_start, "raw", 3) == 0 && i + 1 < scan.segments->len)
        range.end = MAX (range.end, g_array_index (scan.segments, Segment, i + 1).end);
      g_array_append_val (ranges, range);
    }
  g_array_sort (ranges, compare_ranges);

  merged = g_array_new (FALSE, FALSE, sizeof (Range));
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *range = &g_array_index (ranges, Range, i);

      if (merged->len > 0 && range->start <= g_array_index (merged, Range, merged->len - 1).end)
        {
          Range *last = &g_array_index (merged, Range, merged->len - 1);

          last->end = MAX (last->end, range->end);
        }
      else
        g_array_append_val (merged, *range);
    }
  g_array_unref (ranges);

  return merged;
}

/* An ATX heading at @p: one to six "#", then a blank, then text. A
 * heading without text ("#", "## #") is text for kramdown, which the
 * block before may read on into. */
static gboolean
is_heading_line (const char *p,
                 const char *end)
{
  int n = 0;

  while (p < end && *p == '#' && n < 7)
    p++, n++;
  if (n < 1 || n > 6 || p >= end || (*p != ' ' && *p != '\t'))
    return FALSE;
  for (; p < end && *p != '\n'; p++)
    if (*p != ' ' && *p != '\t' && *p != '#')
      return TRUE;
  return FALSE;
}

static guint
hash_line (const char *p,
           const char *end)
{
  guint hash = 2166136261u;

  for (; p < end && *p != '\n'; p++)
    hash = (hash ^ (guchar) *p) * 16777619u;
  return hash;
}

/* The parts of @text, or NULL where it renders whole. */
static GArray *
cut (const AushangMarkdownCache *cache,
     const char                 *text,
     gsize                       len)
{
  g_autoptr(GArray) uncuttable = NULL;
  GArray *parts;
  Part part = { 0, 0, 0 };
  const char *p = text, *end = text + len;
  gboolean previous_blank = FALSE, brace = FALSE;
  guint line = 0, range = 0;

  if (memchr (text, '\r', len) != NULL ||
      /* copies of a part are kept as "text\1N" */
      memchr (text, '\1', len) != NULL ||
      aushang_markdown_find_string (text, len, 0, "]:") != NONE ||
      aushang_markdown_find_string (text, len, 0, "[^") != NONE ||
      aushang_markdown_find_string (text, len, 0, "AUSHANG") != NONE ||
      /* "[Link] []" is looked for in the whole text */
      aushang_markdown_find_string (text, len, 0, " []") != NONE ||
      aushang_markdown_find_string (text, len, 0, "\t[]") != NONE ||
      aushang_markdown_find_string (text, len, 0, "<!--aushang") != NONE)
    return NULL;

  uncuttable = find_uncuttable (text, len);
  if (uncuttable == NULL)
    return NULL;
  parts = g_array_new (FALSE, FALSE, sizeof (Part));

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *next = line_end != NULL ? line_end + 1 : end;
      gsize at = p - text;
      gboolean blank = TRUE;

      if (previous_blank && !brace && at > part.start && is_heading_line (p, next))
        {
          while (range < uncuttable->len && g_array_index (uncuttable, Range, range).end <= at)
            range++;
          if ((range >= uncuttable->len || g_array_index (uncuttable, Range, range).start >= at) &&
              (cache->fine || at - part.start >= MAX_PART ||
               (at - part.start >= MIN_PART && (hash_line (p, next) & 15) == 0)))
            {
              part.end = at;
              g_array_append_val (parts, part);
              part.start = at;
              part.line = line;
            }
        }

      for (const char *q = p; q < next; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n')
          {
            blank = FALSE;
            brace = q[0] == '{' && q + 1 < next && q[1] == ':';
            break;
          }
      previous_blank = blank;
      line += line_end != NULL;
      p = next;
    }
  part.end = len;
  g_array_append_val (parts, part);

  return parts;
}

/* Rendering a part ------------------------------------------------------------ */

typedef struct
{
  AushangLiquidRenderFunc  render_tag;
  gpointer                 user_data;
  guint                    line_base;
  gsize                    offset_base;
  GPtrArray               *calls;
} CallContext;

static AushangLiquidTag *
tag_copy (const AushangLiquidTag *tag)
{
  AushangLiquidTag *copy = g_new0 (AushangLiquidTag, 1);

  *copy = *tag;
  copy->source = g_strdup (tag->source);
  copy->name = g_strdup (tag->name);
  copy->argument = g_strdup (tag->argument);
  copy->params = tag->params != NULL ? g_hash_table_ref (tag->params) : NULL;
  return copy;
}

/* The callback's HTML for @tag where the part starts at @line_base and
 * @offset_base of the body. */
static char *
ask (AushangLiquidRenderFunc  render_tag,
     gpointer                 user_data,
     const AushangLiquidTag  *tag,
     guint                    line_base,
     gsize                    offset_base)
{
  AushangLiquidTag moved = *tag;

  moved.line += line_base;
  moved.offset += offset_base;
  return render_tag (&moved, user_data);
}

static char *
record_cb (const AushangLiquidTag *tag,
           gpointer                user_data)
{
  CallContext *context = user_data;
  char *html = ask (context->render_tag, context->user_data, tag, context->line_base, context->offset_base);
  Call *call = g_new0 (Call, 1);

  call->tag = tag_copy (tag);
  call->html = g_strdup (html);
  g_ptr_array_add (context->calls, call);
  return html;
}

/* Whether the callback still gives the HTML the entry was rendered with. */
static gboolean
calls_agree (const Entry             *entry,
             const Part              *part,
             AushangLiquidRenderFunc  render_tag,
             gpointer                 user_data)
{
  for (guint i = 0; i < entry->calls->len; i++)
    {
      const Call *call = g_ptr_array_index (entry->calls, i);
      g_autofree char *html = ask (render_tag, user_data, call->tag, part->line, part->start);

      if (g_strcmp0 (html, call->html) != 0)
        return FALSE;
    }
  return TRUE;
}

static gsize
count_string (const char *html,
              const char *needle)
{
  gsize n = 0;

  for (const char *p = strstr (html, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
entry_render (Entry                   *entry,
              const Part              *part,
              AushangLiquidRenderFunc  render_tag,
              gpointer                 user_data,
              guint                    force_flags,
              gboolean                 source_lines,
              guint                    settings,
              GHashTable              *id_seed)
{
  AushangMarkdownInfo info = { 0, };
  CallContext context = { render_tag, user_data, part->line, part->start, NULL };

  entry_clear_rendering (entry);
  entry->calls = g_ptr_array_new_with_free_func (call_free);
  context.calls = entry->calls;
  info.id_seed = id_seed;
  entry->html = aushang_markdown_render_text (entry->text, render_tag != NULL ? record_cb : NULL,
                                              &context, force_flags, &info);
  entry->rendered = TRUE;
  entry->with_tags = render_tag != NULL;
  entry->forced = force_flags;
  entry->settings = settings;
  entry->own_flags = info.flags;
  entry->flags_known = TRUE;
  entry->ids = info.ids;
  entry->id_seen = info.id_seen;
  entry->id_final = info.id_final;
  entry->open_end = info.open_end;
  entry->reparsed = info.reparsed;
  entry->over_budget = info.over_budget;
  entry->html_open = info.html_open;
  entry->end_marked = info.end_marked;
  entry->marks = g_array_new (FALSE, FALSE, sizeof (Mark));

  /* A tag's token left in the HTML (it should not be) is numbered by its
   * text: the whole body's would say another number. */
  if (strstr (entry->html, "AUSHANG") != NULL)
    entry->broken = TRUE;

  if (!source_lines)
    return;

  /* The line comments, to count from the part's line when put together;
   * a tag's HTML holding such a comment too makes the part unusable. */
  for (const char *p = strstr (entry->html, LINE_MARK); p != NULL; p = strstr (p, LINE_MARK))
    {
      Mark mark;
      char *digits_end;
      guint64 line;

      p += strlen (LINE_MARK);
      line = g_ascii_strtoull (p, &digits_end, 10);
      mark.at = p - entry->html;
      mark.len = digits_end - p;
      mark.line = (guint) line;
      if (mark.len == 0 || line > G_MAXUINT || strncmp (digits_end, "-->\n", 4) != 0)
        {
          entry->broken = TRUE;
          break;
        }
      g_array_append_val (entry->marks, mark);
      p = digits_end;
    }
  if (entry->marks->len != info.marks)
    entry->broken = TRUE;
  if (count_string (entry->html, END_MARK) != (entry->end_marked ? 1 : 0) ||
      (entry->end_marked && !g_str_has_suffix (entry->html, END_MARK)))
    entry->broken = TRUE;
}

/* Putting together ------------------------------------------------------------- */

/* Whether the heading id counters of the parts before are those @entry
 * was rendered after. */
static gboolean
ids_agree (const Entry *entry,
           GHashTable  *counters)
{
  for (guint i = 0; i < entry->ids->len; i++)
    {
      gpointer value;
      gint64 now = g_hash_table_lookup_extended (counters, g_ptr_array_index (entry->ids, i), NULL, &value)
                   ? (gint64) GPOINTER_TO_UINT (value) : -1;

      if (now != g_array_index (entry->id_seen, gint64, i))
        return FALSE;
    }
  return TRUE;
}

static char *
render_parts (AushangMarkdownCache    *cache,
              const char              *markdown,
              GArray                  *parts,
              AushangLiquidRenderFunc  render_tag,
              gpointer                 user_data)
{
  g_autofree Entry **entries = g_new0 (Entry *, parts->len);
  g_autofree Entry **bases = g_new0 (Entry *, parts->len);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GHashTable) ids = NULL;
  guint flags = 0, rendered = 0;
  gsize total = 0, reparsed = 0, budget;
  guint last_end = G_MAXUINT;
  GString *out;

  cache->stamp++;
  /* What the parts call for, known before they are rendered. */
  texts = g_ptr_array_new_full (parts->len, g_free);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = &g_array_index (parts, Part, i);
      char *text = g_strndup (markdown + part->start, part->end - part->start);
      Entry *entry = g_hash_table_lookup (cache->entries, text);

      g_ptr_array_add (texts, text);
      bases[i] = entry;
      if (entry == NULL)
        {
          entry = g_new0 (Entry, 1);
          entry->text = g_strdup (text);
          entry->key = entry->text;
          g_hash_table_insert (cache->entries, entry->key, entry);
          bases[i] = entry;
        }
      if (!entry->flags_known)
        {
          entry->own_flags = aushang_markdown_text_flags (entry->text);
          entry->flags_known = TRUE;
        }
      flags |= entry->own_flags;
    }
  if (flags & AUSHANG_MARKDOWN_TEXT_FOOTNOTES)
    return NULL;

  /* Each part with the body's flags, in order, after the heading id
   * counters of the parts before it. A text may be in the body more than
   * once, its copies rendered differently (heading ids): each rendering
   * has an entry ("text\1N" for the N-th); a part takes one that fits,
   * else renders one again. */
  /* The keys are the ids of the entries taken, alive while this runs. */
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = &g_array_index (parts, Part, i);
      const char *text = g_ptr_array_index (texts, i);
      Entry *entry = NULL, *spare = NULL;
      guint copy;

      for (copy = 0;; copy++)
        {
          g_autofree char *key = copy > 0 ? g_strdup_printf ("%s\1%u", text, copy) : NULL;
          Entry *candidate = copy > 0 ? g_hash_table_lookup (cache->entries, key) : bases[i];

          if (candidate == NULL)
            break;
          if (candidate->stamp == cache->stamp)
            continue;
          if (candidate->rendered && candidate->forced == flags &&
              candidate->settings == cache->settings && ids_agree (candidate, ids) &&
              candidate->with_tags == (render_tag != NULL) &&
              (render_tag == NULL || calls_agree (candidate, part, render_tag, user_data)))
            {
              entry = candidate;
              break;
            }
          if (spare == NULL)
            spare = candidate;
        }
      if (entry == NULL)
        {
          entry = spare;
          if (entry == NULL)
            {
              entry = g_new0 (Entry, 1);
              entry->text = g_strdup (text);
              entry->key = g_strdup_printf ("%s\1%u", text, copy);
              g_hash_table_insert (cache->entries, entry->key, entry);
            }
          entry_render (entry, part, render_tag, user_data, flags, cache->source_lines,
                        cache->settings, ids);
          rendered++;
          /* The flags of a text do not depend on how it is rendered. */
          if ((entry->own_flags & ~flags) != 0)
            return NULL;
        }
      entry->stamp = cache->stamp;
      entry->trimmed = cache->period;
      entries[i] = entry;
      for (guint j = 0; j < entry->ids->len; j++)
        g_hash_table_insert (ids, g_ptr_array_index (entry->ids, j),
                             GUINT_TO_POINTER (g_array_index (entry->id_final, guint, j)));
    }
  cache->last_rendered = rendered;

  budget = 2 * g_array_index (parts, Part, parts->len - 1).end + 64 * 1024;
  for (guint i = 0; i < parts->len; i++)
    {
      const Entry *entry = entries[i];

      if (entry->broken || ((entry->open_end || entry->html_open) && i + 1 < parts->len) ||
          entry->over_budget)
        return NULL;
      /* HTML blocks parsed again have a budget by the whole text's length. */
      reparsed += entry->reparsed;
      if (reparsed > budget)
        return NULL;
      total += strlen (entry->html) + 8 * entry->marks->len;
      if (entry->end_marked)
        last_end = i;
    }

  out = g_string_sized_new (total + 1);
  for (guint i = 0; i < parts->len; i++)
    {
      const Entry *entry = entries[i];
      const Part *part = &g_array_index (parts, Part, i);
      gsize pos = 0, len = strlen (entry->html);

      for (guint j = 0; j < entry->marks->len; j++)
        {
          const Mark *mark = &g_array_index (entry->marks, Mark, j);

          g_string_append_len (out, entry->html + pos, mark->at - pos);
          aushang_markdown_append_uint (out, mark->line + part->line);
          pos = mark->at + mark->len;
        }
      if (entry->end_marked && i != last_end)
        len -= strlen (END_MARK);
      g_string_append_len (out, entry->html + pos, len - pos);
    }

  return g_string_free (out, FALSE);
}

char *
aushang_markdown_cache_render (AushangMarkdownCache    *cache,
                               const char              *markdown,
                               AushangLiquidRenderFunc  render_tag,
                               gpointer                 user_data)
{
  AushangMarkdownCache *outer;
  g_autoptr(GArray) parts = NULL;
  const char *quotes = aushang_markdown_get_smart_quotes ();
  gboolean source_lines = aushang_markdown_get_source_lines ();
  char *html = NULL;

  g_return_val_if_fail (cache != NULL, NULL);

  if (markdown == NULL)
    markdown = "";

  g_mutex_lock (&cache->lock);
  /* A tag's HTML may be Markdown rendered again: not through this cache. */
  outer = aushang_markdown_set_cache (NULL);

  /* Parts rendered with other settings are rendered again. */
  if (g_strcmp0 (quotes, cache->quotes) != 0)
    {
      g_free (cache->quotes);
      cache->quotes = g_strdup (quotes);
      cache->settings++;
    }
  if (source_lines != cache->source_lines)
    {
      cache->source_lines = source_lines;
      cache->settings++;
    }

  cache->last_parts = 0;
  cache->last_rendered = 0;
  parts = cut (cache, markdown, strlen (markdown));
  if (parts != NULL && parts->len > 1)
    {
      html = render_parts (cache, markdown, parts, render_tag, user_data);
      if (html != NULL)
        cache->last_parts = parts->len;
    }
  if (html == NULL)
    {
      cache->last_rendered = 0;
      html = aushang_markdown_render_text (markdown, render_tag, user_data, 0, NULL);
    }

  aushang_markdown_set_cache (outer);
  g_mutex_unlock (&cache->lock);

  return html;
}
