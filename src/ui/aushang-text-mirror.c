/* aushang-text-mirror.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aushang-text-mirror.h"

#define MIRROR_KEY "aushang-text-mirror"

typedef struct
{
  GString *text;
  /* FALSE: the text is not known (a picture or widget went into the
   * buffer, which gtk_text_buffer_get_text() leaves out but which counts
   * as a character): read whole on the next request. */
  gboolean valid;
  /* A place whose character and byte offset are both known (where the
   * last change was): the next change is most likely near it. */
  gsize    hint_chars;
  gsize    hint_bytes;
  /* The bytes a deletion under way removes. */
  gsize    delete_start;
  gsize    delete_end;
  gboolean deleting;
} Mirror;

static void
mirror_free (Mirror *mirror)
{
  g_string_free (mirror->text, TRUE);
  g_free (mirror);
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xC0) == 0x80;
}

/* The byte offset of the character at @chars (the text is valid UTF-8). */
static gsize
byte_offset (Mirror *mirror,
             gsize   chars)
{
  const guchar *text = (const guchar *) mirror->text->str;
  gsize length = mirror->text->len;
  gsize c, b;

  if (chars >= mirror->hint_chars || mirror->hint_chars - chars < chars)
    {
      c = mirror->hint_chars;
      b = mirror->hint_bytes;
    }
  else
    c = b = 0;

  if (chars >= c)
    {
      /* Forward: every byte that starts a character is one more. */
      while (c < chars && b < length)
        {
          b++;
          while (b < length && is_continuation (text[b]))
            b++;
          c++;
        }
    }
  else
    {
      while (c > chars && b > 0)
        {
          b--;
          while (b > 0 && is_continuation (text[b]))
            b--;
          c--;
        }
    }

  mirror->hint_chars = c;
  mirror->hint_bytes = b;

  return b;
}

static void
insert_text_after_cb (GtkTextBuffer *buffer,
                      GtkTextIter   *location,
                      const char    *text,
                      int            length,
                      Mirror        *mirror)
{
  gsize chars, start_chars, start;

  if (!mirror->valid)
    return;

  if (length < 0)
    length = strlen (text);
  chars = g_utf8_strlen (text, length);
  /* @location is after the new text now. */
  start_chars = gtk_text_iter_get_offset (location) - chars;
  start = byte_offset (mirror, start_chars);
  g_string_insert_len (mirror->text, start, text, length);
  mirror->hint_chars = start_chars + chars;
  mirror->hint_bytes = start + length;
}

static void
delete_range_cb (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end,
                 Mirror        *mirror)
{
  int s = gtk_text_iter_get_offset (start);
  int e = gtk_text_iter_get_offset (end);

  mirror->deleting = FALSE;
  if (!mirror->valid)
    return;

  mirror->delete_start = byte_offset (mirror, MIN (s, e));
  mirror->delete_end = byte_offset (mirror, MAX (s, e));
  mirror->deleting = TRUE;
}

static void
delete_range_after_cb (GtkTextBuffer *buffer,
                       GtkTextIter   *start,
                       GtkTextIter   *end,
                       Mirror        *mirror)
{
  if (!mirror->valid || !mirror->deleting)
    return;

  mirror->deleting = FALSE;
  g_string_erase (mirror->text, mirror->delete_start, mirror->delete_end - mirror->delete_start);
  mirror->hint_chars = gtk_text_iter_get_offset (start);
  mirror->hint_bytes = mirror->delete_start;
}

static void
invalidate_cb (GtkTextBuffer *buffer,
               GtkTextIter   *location,
               gpointer       object,
               Mirror        *mirror)
{
  mirror->valid = FALSE;
}

const char *
aushang_text_mirror_get_text (GtkTextBuffer *buffer,
                              gsize         *length)
{
  Mirror *mirror;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  mirror = g_object_get_data (G_OBJECT (buffer), MIRROR_KEY);
  if (mirror == NULL)
    {
      mirror = g_new0 (Mirror, 1);
      mirror->text = g_string_new (NULL);
      g_object_set_data_full (G_OBJECT (buffer), MIRROR_KEY, mirror, (GDestroyNotify) mirror_free);
      /* Handlers of the buffer's own object: they go with it. */
      g_signal_connect_after (buffer, "insert-text", G_CALLBACK (insert_text_after_cb), mirror);
      g_signal_connect (buffer, "delete-range", G_CALLBACK (delete_range_cb), mirror);
      g_signal_connect_after (buffer, "delete-range", G_CALLBACK (delete_range_after_cb), mirror);
      g_signal_connect (buffer, "insert-paintable", G_CALLBACK (invalidate_cb), mirror);
      g_signal_connect (buffer, "insert-child-anchor", G_CALLBACK (invalidate_cb), mirror);
    }

  if (!mirror->valid)
    {
      GtkTextIter start, end;
      char *text;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_string_assign (mirror->text, text);
      mirror->hint_chars = mirror->hint_bytes = 0;
      /* Pictures and widgets are no text: their character would make
       * the offsets disagree, so the text is read whole while there are
       * any. */
      mirror->valid = gtk_text_iter_get_offset (&end) == (int) g_utf8_strlen (text, -1);
      g_free (text);
    }

  if (length != NULL)
    *length = mirror->text->len;

  return mirror->text->str;
}
