/* aushang-spell-checker.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-spell-checker"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "aushang-application.h"
#include "aushang-document.h"
#include "aushang-spell-checker.h"
#include "aushang-spelling.h"
#include "aushang-text-mirror.h"

#define CHECKER_KEY "aushang-spell-checker"
/* How long typing may pause before the changed lines are checked. */
#define DELAY_MS 120
/* The longest one step of checking may keep the main loop, and the most
 * lines it takes at a time. */
#define STEP_USEC 4000
#define CHUNK_LINES 40
/* How far a change reaches within its paragraph (inline code, links and
 * tags may go over several lines). */
#define PARAGRAPH_LINES 20
#define MAX_SUGGESTIONS 5
/* How long the cursor rests in a misspelled word before the menu key's
 * menu gets its corrections. */
#define MENU_DELAY_MS 400
/* The word cache is forgotten when it grows beyond this. */
#define MAX_CACHED_WORDS 50000

struct _AushangSpellChecker
{
  GObject             parent_instance;

  GtkTextView        *view;     /* unowned: the view owns the checker */
  GtkTextBuffer      *buffer;
  GtkTextTag         *tag;
  GtkSourceRegion    *dirty;
  GSettings          *settings;

  GMenu              *menu;
  GMenu              *corrections;
  GMenu              *languages;
  GSimpleActionGroup *actions;
  GtkTextMark        *word_start;
  GtkTextMark        *word_end;

  AushangSite        *site;
  /* The words of the site's own names: right in every language. */
  GHashTable         *site_words;
  char               *document_language;
  AushangSpelling    *spelling;
  /* Words already looked up: word → RIGHT or WRONG. */
  GHashTable         *cache;

  /* The buffer's text as of @text_stamp (the buffer's own, see
   * aushang-text-mirror.h); @stamp counts the changes. */
  const char         *text;
  gsize               text_length;
  GArray             *line_starts;
  guint64             stamp;
  guint64             text_stamp;
  /* Where earlier checks stopped (AushangSpellingState, by line), to go on
   * from without reading the whole text before a line again. Those after
   * a change are dropped. */
  GArray             *checkpoints;

  /* The cursor right after a letter just typed: the word there is not
   * marked until the cursor leaves it. -1: none. */
  int                 typing_offset;
  int                 typing_line;
  /* A deletion about to happen touches code fences or tags. */
  gboolean            delete_is_structural;

  guint               timeout_id;
  guint               idle_id;
  guint               menu_timeout_id;
  gboolean            enabled;   /* without settings */
};

G_DEFINE_FINAL_TYPE (AushangSpellChecker, aushang_spell_checker, G_TYPE_OBJECT)

enum { RIGHT = 1, WRONG = 2 };

/* Every checker, so a word added to the dictionary in one view is right
 * in the others too. */
static GList *checkers;
/* The spell checkers by the language asked for (NULL: no dictionary). */
static GHashTable *spellers;
/* The languages whose dictionary a thread is reading now. */
static GHashTable *loading;

static void recheck_all (AushangSpellChecker *self);
static void update_language (AushangSpellChecker *self);

/* ------------------------------------------------------------------------ */
/* Settings and language                                                      */

static AushangSpelling *
load_speller (const char *language)
{
  g_autoptr(GError) error = NULL;
  AushangSpelling *spelling = aushang_spelling_new (language, &error);

  if (spelling == NULL)
    g_debug ("%s", error->message);

  return spelling;
}

static void
load_speller_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_task_return_pointer (task, load_speller (task_data), g_object_unref);
}

static void
speller_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  const char *language = g_task_get_task_data (G_TASK (result));
  AushangSpelling *spelling = g_task_propagate_pointer (G_TASK (result), NULL);

  g_hash_table_remove (loading, language);
  /* Read meanwhile on the main thread (a view that could not wait). */
  if (g_hash_table_contains (spellers, language))
    g_clear_object (&spelling);
  else
    g_hash_table_insert (spellers, g_strdup (language), spelling);

  for (GList *l = checkers; l != NULL; l = l->next)
    update_language (l->data);
}

/* The dictionary for @language, kept for the life of the program and
 * shared by every view. Reading one takes a while (hunspell): unless
 * @wait, a thread reads it and every view takes it when it is there;
 * until then this returns NULL. */
static AushangSpelling *
get_speller (const char *language,
             gboolean    wait)
{
  AushangSpelling *spelling;

  if (spellers == NULL)
    {
      spellers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  if (g_hash_table_lookup_extended (spellers, language, NULL, (gpointer *) &spelling))
    return spelling;

  if (wait)
    {
      spelling = load_speller (language);
      g_hash_table_insert (spellers, g_strdup (language), spelling);
      return spelling;
    }

  if (!g_hash_table_contains (loading, language))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, speller_loaded_cb, NULL);

      g_task_set_source_tag (task, get_speller);
      g_task_set_task_data (task, g_strdup (language), g_free);
      g_hash_table_add (loading, g_strdup (language));
      g_task_run_in_thread (task, load_speller_thread);
    }

  return NULL;
}

static char *
dup_site_key (AushangSpellChecker *self)
{
  g_autofree char *path = NULL;

  if (self->site == NULL)
    return g_strdup ("");
  path = g_file_get_path (aushang_site_get_folder (self->site));

  return g_strdup (path != NULL ? path : "");
}

/* The language the person chose for this site, or NULL. */
static char *
dup_chosen_language (AushangSpellChecker *self)
{
  g_autoptr(GVariant) choices = NULL;
  g_autofree char *key = NULL;
  const char *language = NULL;

  if (self->settings == NULL)
    return NULL;

  key = dup_site_key (self);
  choices = g_settings_get_value (self->settings, "spell-check-languages");
  if (g_variant_lookup (choices, key, "&s", &language) && language[0] != '\0')
    return g_strdup (language);

  return NULL;
}

static char *
dup_wanted_language (AushangSpellChecker *self)
{
  char *language = dup_chosen_language (self);

  if (language != NULL)
    return language;
  if (self->document_language != NULL && self->document_language[0] != '\0')
    return g_strdup (self->document_language);

  return aushang_spelling_dup_site_language (self->site);
}

static gboolean
is_enabled (AushangSpellChecker *self)
{
  if (self->settings != NULL)
    return g_settings_get_boolean (self->settings, "spell-check");

  return self->enabled;
}

static void
clear_marks (AushangSpellChecker *self)
{
  GtkTextIter start, end;

  if (self->buffer == NULL)
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
}

static void
update_actions (AushangSpellChecker *self)
{
  GAction *action;
  g_autofree char *chosen = dup_chosen_language (self);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "enabled");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (is_enabled (self)));
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "language");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (chosen ? chosen : ""));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), is_enabled (self));
}

/* Takes the language and the switch as they are now, and checks the
 * whole text again when either changed; @wait: with the dictionary read
 * now rather than by a thread. */
static void
update_language_full (AushangSpellChecker *self,
                      gboolean             wait)
{
  g_autofree char *wanted = dup_wanted_language (self);
  AushangSpelling *spelling = is_enabled (self) ? get_speller (wanted, wait) : NULL;

  update_actions (self);

  if (spelling == self->spelling)
    return;

  g_set_object (&self->spelling, spelling);
  g_hash_table_remove_all (self->cache);
  g_menu_remove_all (self->corrections);
  recheck_all (self);
}

static void
update_language (AushangSpellChecker *self)
{
  update_language_full (self, FALSE);
}

static void
settings_changed_cb (AushangSpellChecker *self)
{
  update_language (self);
}

/* ------------------------------------------------------------------------ */
/* What is left to check                                                      */

static void
schedule (AushangSpellChecker *self);

static gboolean
line_is_blank (GtkTextBuffer *buffer,
               int            line)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  while (!gtk_text_iter_ends_line (&iter))
    {
      gunichar c = gtk_text_iter_get_char (&iter);

      if (c != ' ' && c != '\t')
        return FALSE;
      gtk_text_iter_forward_char (&iter);
    }

  return TRUE;
}

/* Marks the lines of [@start, @end] as to be checked, with the rest of
 * their paragraph, or everything after them when @to_end. */
static void
add_dirty (AushangSpellChecker *self,
           const GtkTextIter   *start,
           const GtkTextIter   *end,
           gboolean             to_end)
{
  GtkTextIter s = *start, e = *end;
  int first = gtk_text_iter_get_line (&s);
  int last = gtk_text_iter_get_line (&e);
  int lines = gtk_text_buffer_get_line_count (self->buffer);

  for (int n = 0; n < PARAGRAPH_LINES && first > 0 && !line_is_blank (self->buffer, first - 1); n++)
    first--;
  for (int n = 0; n < PARAGRAPH_LINES && last + 1 < lines && !line_is_blank (self->buffer, last + 1); n++)
    last++;

  gtk_text_buffer_get_iter_at_line (self->buffer, &s, first);
  if (to_end)
    gtk_text_buffer_get_end_iter (self->buffer, &e);
  else
    {
      gtk_text_buffer_get_iter_at_line (self->buffer, &e, last);
      if (!gtk_text_iter_ends_line (&e))
        gtk_text_iter_forward_to_line_end (&e);
    }

  if (gtk_text_iter_equal (&s, &e))
    {
      /* An empty line: only its tag (none) could be left. */
      return;
    }

  gtk_source_region_add_subregion (self->dirty, &s, &e);
  schedule (self);
}

static void
recheck_all (AushangSpellChecker *self)
{
  GtkTextIter start, end;

  if (self->buffer == NULL)
    return;

  g_clear_object (&self->dirty);
  self->dirty = gtk_source_region_new (self->buffer);

  if (self->spelling == NULL)
    {
      clear_marks (self);
      return;
    }

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (!gtk_text_iter_equal (&start, &end))
    {
      gtk_source_region_add_subregion (self->dirty, &start, &end);
      schedule (self);
    }
}

/* Whether @text changes what is code or markup beyond its own lines: a
 * fence, a Liquid tag or an HTML tag or comment. */
static gboolean
is_structural (const char *text)
{
  return strstr (text, "```") != NULL || strstr (text, "~~~") != NULL ||
         strstr (text, "{%") != NULL || strstr (text, "%}") != NULL ||
         strchr (text, '<') != NULL || strchr (text, '>') != NULL ||
         strstr (text, "---") != NULL;
}

/* The text of [@start, @end] with three characters more on each side. */
static char *
dup_surroundings (GtkTextBuffer     *buffer,
                  const GtkTextIter *start,
                  const GtkTextIter *end)
{
  GtkTextIter s = *start, e = *end;

  gtk_text_iter_backward_chars (&s, 3);
  gtk_text_iter_forward_chars (&e, 3);

  return gtk_text_buffer_get_slice (buffer, &s, &e, TRUE);
}

/* Forgets the checkpoints that the change of @line (from 0) makes wrong:
 * those after its start. */
static void
drop_checkpoints (AushangSpellChecker *self,
                  int                  line)
{
  guint keep = 0;

  while (keep < self->checkpoints->len &&
         g_array_index (self->checkpoints, AushangSpellingState, keep).line <= (guint) line + 1)
    keep++;
  g_array_set_size (self->checkpoints, keep);
}

static void
insert_text_cb (GtkTextBuffer       *buffer,
                GtkTextIter         *location,
                const char          *text,
                int                  length,
                AushangSpellChecker *self)
{
  drop_checkpoints (self, gtk_text_iter_get_line (location));
}

static void
insert_text_after_cb (GtkTextBuffer       *buffer,
                      GtkTextIter         *location,
                      const char          *text,
                      int                  length,
                      AushangSpellChecker *self)
{
  GtkTextIter start = *location;
  GtkTextIter cursor;
  glong chars = g_utf8_strlen (text, length);
  g_autofree char *around = NULL;

  if (self->spelling == NULL)
    return;

  gtk_text_iter_backward_chars (&start, chars);
  around = chars > 10000 ? NULL : dup_surroundings (buffer, &start, location);

  /* A letter typed at the cursor: that word waits until it is done. */
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (chars == 1 && g_unichar_isalpha (g_utf8_get_char (text)) &&
      gtk_text_iter_equal (&cursor, location))
    self->typing_offset = gtk_text_iter_get_offset (location);
  else
    self->typing_offset = -1;

  add_dirty (self, &start, location, around == NULL || is_structural (around));
}

static void
delete_range_cb (GtkTextBuffer       *buffer,
                 GtkTextIter         *start,
                 GtkTextIter         *end,
                 AushangSpellChecker *self)
{
  g_autofree char *around = NULL;

  drop_checkpoints (self, gtk_text_iter_get_line (start));
  if (self->spelling == NULL)
    return;

  if (gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start) > 10000)
    self->delete_is_structural = TRUE;
  else
    {
      around = dup_surroundings (buffer, start, end);
      self->delete_is_structural = is_structural (around);
    }
}

static void
delete_range_after_cb (GtkTextBuffer       *buffer,
                       GtkTextIter         *start,
                       GtkTextIter         *end,
                       AushangSpellChecker *self)
{
  if (self->spelling == NULL)
    return;

  self->typing_offset = -1;
  add_dirty (self, start, end, self->delete_is_structural);
}

static void
buffer_changed_cb (AushangSpellChecker *self)
{
  self->stamp++;
}

static void
cursor_moved_cb (AushangSpellChecker *self)
{
  GtkTextIter cursor;

  if (self->typing_line < 0)
    return;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  if (gtk_text_iter_get_offset (&cursor) != self->typing_offset)
    {
      GtkTextIter line;

      /* The word that was being typed is done: check its line. */
      self->typing_offset = -1;
      if (self->typing_line < gtk_text_buffer_get_line_count (self->buffer))
        {
          gtk_text_buffer_get_iter_at_line (self->buffer, &line, self->typing_line);
          add_dirty (self, &line, &line, FALSE);
        }
      self->typing_line = -1;
    }
}

/* ------------------------------------------------------------------------ */
/* Checking                                                                   */

static void
ensure_text (AushangSpellChecker *self)
{
  if (self->text != NULL && self->text_stamp == self->stamp)
    return;

  /* No copy of the whole text after each change: in a long document
   * that took longer than a frame. */
  self->text = aushang_text_mirror_get_text (self->buffer, &self->text_length);
  self->text_stamp = self->stamp;

  g_array_set_size (self->line_starts, 0);
  g_array_append_val (self->line_starts, (gsize) { 0 });
  for (const char *p = self->text; (p = strchr (p, '\n')) != NULL; p++)
    {
      gsize next = p - self->text + 1;

      g_array_append_val (self->line_starts, next);
    }
}

static gboolean
word_is_right (AushangSpellChecker *self,
               const char          *word,
               gsize                length)
{
  g_autofree char *key = g_strndup (word, length);
  gpointer known = g_hash_table_lookup (self->cache, key);
  gboolean right;

  if (known != NULL)
    return GPOINTER_TO_INT (known) == RIGHT;

  right = (self->site_words != NULL && g_hash_table_contains (self->site_words, key)) ||
          aushang_spelling_check_word (self->spelling, word, length);
  if (g_hash_table_size (self->cache) > MAX_CACHED_WORDS)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_steal_pointer (&key), GINT_TO_POINTER (right ? RIGHT : WRONG));

  return right;
}

/* Checks the lines from the one holding @from, at most CHUNK_LINES of
 * them and not past the line holding @to. */
static void
check_chunk (AushangSpellChecker *self,
             const GtkTextIter   *from,
             const GtkTextIter   *to)
{
  int first = gtk_text_iter_get_line (from);
  int last = gtk_text_iter_get_line (to);
  int lines = gtk_text_buffer_get_line_count (self->buffer);
  GtkTextIter start, end, cursor;
  g_autoptr(GArray) words = NULL;
  gsize from_byte, to_byte;
  int cursor_offset;

  if (last >= first + CHUNK_LINES)
    last = first + CHUNK_LINES - 1;

  gtk_text_buffer_get_iter_at_line (self->buffer, &start, first);
  if (last + 1 < lines)
    gtk_text_buffer_get_iter_at_line (self->buffer, &end, last + 1);
  else
    gtk_text_buffer_get_end_iter (self->buffer, &end);

  ensure_text (self);
  /* Lines as GTK counts them but not as the text does (a lone "\r"):
   * nothing sensible to mark. */
  if ((guint) first >= self->line_starts->len)
    {
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
      gtk_source_region_subtract_subregion (self->dirty, &start, &end);
      return;
    }
  from_byte = g_array_index (self->line_starts, gsize, first);
  to_byte = (guint) last + 1 < self->line_starts->len
              ? g_array_index (self->line_starts, gsize, last + 1)
              : self->text_length;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  cursor_offset = gtk_text_iter_get_offset (&cursor);

  /* From the last checkpoint at or before the first line on. */
  {
    AushangSpellingState *from_state = NULL;
    AushangSpellingState end_state;
    guint i;

    for (i = 0; i < self->checkpoints->len; i++)
      {
        AushangSpellingState *state = &g_array_index (self->checkpoints, AushangSpellingState, i);

        if (state->line > (guint) first + 1 || state->offset > from_byte)
          break;
        from_state = state;
      }

    words = aushang_spelling_find_words_from (self->text, self->text_length, from_state,
                                              from_byte, to_byte, &end_state);

    /* Where this check stopped is a checkpoint for the next. */
    for (i = 0; i < self->checkpoints->len; i++)
      if (g_array_index (self->checkpoints, AushangSpellingState, i).line >= end_state.line)
        break;
    if (i == self->checkpoints->len ||
        g_array_index (self->checkpoints, AushangSpellingState, i).line != end_state.line)
      g_array_insert_val (self->checkpoints, i, end_state);

    /* A tag or code span going on past the chunk: its last line was
     * checked too. */
    if (end_state.line >= 1 && (int) end_state.line - 1 > last + 1 && (int) end_state.line - 1 < lines)
      gtk_text_buffer_get_iter_at_line (self->buffer, &end, end_state.line - 1);
    else if ((int) end_state.line - 1 >= lines)
      gtk_text_buffer_get_end_iter (self->buffer, &end);
  }

  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
  gtk_source_region_subtract_subregion (self->dirty, &start, &end);
  for (guint i = 0; i < words->len; i++)
    {
      AushangSpellingWord *word = &g_array_index (words, AushangSpellingWord, i);
      const char *text = self->text + word->start;
      gsize length = word->end - word->start;
      GtkTextIter word_start, word_end;

      /* An abbreviation is in the dictionary with its period ("bzw."). */
      if (word_is_right (self, text, length) ||
          (word->end < self->text_length && self->text[word->end] == '.' &&
           word_is_right (self, text, length + 1)))
        continue;

      if (!gtk_text_buffer_get_iter_at_line_offset (self->buffer, &word_start,
                                                    word->line - 1, word->column - 1))
        continue;
      word_end = word_start;
      gtk_text_iter_forward_chars (&word_end, g_utf8_strlen (text, length));

      /* Not the word being typed. */
      if (self->typing_offset >= 0 && self->typing_offset == cursor_offset &&
          gtk_text_iter_get_offset (&word_start) <= cursor_offset &&
          gtk_text_iter_get_offset (&word_end) >= cursor_offset)
        {
          self->typing_line = word->line - 1;
          continue;
        }

      gtk_text_buffer_apply_tag (self->buffer, self->tag, &word_start, &word_end);
    }
}

/* The first part left to check, the visible lines first. */
static gboolean
next_dirty (AushangSpellChecker *self,
            GtkTextIter         *start,
            GtkTextIter         *end)
{
  GtkSourceRegionIter region_iter;
  g_autoptr(GtkSourceRegion) visible = NULL;
  GtkSourceRegion *region = self->dirty;

  if (gtk_source_region_is_empty (self->dirty))
    return FALSE;

  if (self->view != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      GdkRectangle rect;
      GtkTextIter vs, ve;

      gtk_text_view_get_visible_rect (self->view, &rect);
      gtk_text_view_get_line_at_y (self->view, &vs, rect.y, NULL);
      gtk_text_view_get_line_at_y (self->view, &ve, rect.y + rect.height, NULL);
      if (!gtk_text_iter_ends_line (&ve))
        gtk_text_iter_forward_to_line_end (&ve);
      visible = gtk_source_region_intersect_subregion (self->dirty, &vs, &ve);
      if (visible != NULL && !gtk_source_region_is_empty (visible))
        region = visible;
    }

  gtk_source_region_get_start_region_iter (region, &region_iter);
  while (!gtk_source_region_iter_is_end (&region_iter))
    {
      if (gtk_source_region_iter_get_subregion (&region_iter, start, end) &&
          !gtk_text_iter_equal (start, end))
        return TRUE;
      gtk_source_region_iter_next (&region_iter);
    }

  /* Only empty parts are left. */
  g_clear_object (&self->dirty);
  self->dirty = gtk_source_region_new (self->buffer);

  return FALSE;
}

static gboolean
check_step_cb (gpointer data)
{
  AushangSpellChecker *self = data;
  gint64 deadline = g_get_monotonic_time () + STEP_USEC;
  GtkTextIter start, end;

  while (self->buffer != NULL && self->spelling != NULL && next_dirty (self, &start, &end))
    {
      check_chunk (self, &start, &end);
      if (g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  /* Done: the text is asked for again after the next change. */
  self->text = NULL;
  self->idle_id = 0;

  return G_SOURCE_REMOVE;
}

static gboolean
delay_cb (gpointer data)
{
  AushangSpellChecker *self = data;

  self->timeout_id = 0;
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, check_step_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule (AushangSpellChecker *self)
{
  /* Each change waits anew: nothing is checked while typing goes on. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->idle_id == 0)
    self->timeout_id = g_timeout_add (DELAY_MS, delay_cb, self);
}

void
aushang_spell_checker_check_now (AushangSpellChecker *self)
{
  GtkTextIter start, end;

  g_return_if_fail (AUSHANG_IS_SPELL_CHECKER (self));

  update_language_full (self, TRUE);
  while (self->buffer != NULL && self->spelling != NULL && next_dirty (self, &start, &end))
    check_chunk (self, &start, &end);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->text = NULL;
}

/* ------------------------------------------------------------------------ */
/* The context menu                                                           */

/* The misspelled word at @iter (or just before it), as marked. */
static gboolean
find_marked_word (AushangSpellChecker *self,
                  const GtkTextIter   *iter,
                  GtkTextIter         *start,
                  GtkTextIter         *end)
{
  *start = *iter;

  if (!gtk_text_iter_has_tag (start, self->tag))
    {
      /* The cursor right after the word. */
      if (!gtk_text_iter_backward_char (start) || !gtk_text_iter_has_tag (start, self->tag))
        return FALSE;
    }

  if (!gtk_text_iter_starts_tag (start, self->tag))
    gtk_text_iter_backward_to_tag_toggle (start, self->tag);
  *end = *start;
  gtk_text_iter_forward_to_tag_toggle (end, self->tag);

  return TRUE;
}

void
aushang_spell_checker_update_menu (AushangSpellChecker *self,
                                   const GtkTextIter   *iter)
{
  GtkTextIter start, end;
  g_autofree char *word = NULL;
  g_auto(GStrv) suggestions = NULL;
  gboolean found;
  GAction *action;

  g_return_if_fail (AUSHANG_IS_SPELL_CHECKER (self));

  g_menu_remove_all (self->corrections);
  found = self->spelling != NULL && find_marked_word (self, iter, &start, &end);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), found);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "ignore");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), found);
  if (!found)
    return;

  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  word = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
  suggestions = aushang_spelling_suggest (self->spelling, word, -1, MAX_SUGGESTIONS);

  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target (item, "spelling.correct", "s", suggestions[i]);
      g_menu_append_item (self->corrections, item);
    }
  if (suggestions[0] == NULL)
    g_menu_append (self->corrections, _("No Suggestions"), "spelling.no-suggestions");

  g_menu_append (self->corrections, _("_Add to Dictionary"), "spelling.add");
  g_menu_append (self->corrections, _("_Ignore"), "spelling.ignore");
}

static void
right_click_cb (GtkGestureClick     *gesture,
                int                  n_press,
                double               x,
                double               y,
                AushangSpellChecker *self)
{
  GtkTextIter iter, start, end;
  int bx, by;

  if (self->view == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);

  /* The menu is about the word clicked: the cursor goes there, unless the
   * click is in the selection (the menu may be for copying it). */
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end) ||
      !gtk_text_iter_in_range (&iter, &start, &end))
    gtk_text_buffer_place_cursor (self->buffer, &iter);

  aushang_spell_checker_update_menu (self, &iter);
}

static gboolean
menu_delay_cb (gpointer data)
{
  AushangSpellChecker *self = data;
  GtkTextIter cursor, start, end, old_start, old_end;

  self->menu_timeout_id = 0;
  if (self->spelling == NULL || self->buffer == NULL)
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  if (!find_marked_word (self, &cursor, &start, &end))
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &old_start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &old_end, self->word_end);
  if (gtk_text_iter_equal (&start, &old_start) && gtk_text_iter_equal (&end, &old_end) &&
      g_menu_model_get_n_items (G_MENU_MODEL (self->corrections)) > 0)
    return G_SOURCE_REMOVE;

  aushang_spell_checker_update_menu (self, &cursor);

  return G_SOURCE_REMOVE;
}

/* For the menu key: once the cursor rests in a misspelled word, the menu
 * offers its corrections. Asking the dictionary takes a while, so not on
 * every move while typing. */
static void
cursor_position_cb (AushangSpellChecker *self)
{
  cursor_moved_cb (self);

  g_clear_handle_id (&self->menu_timeout_id, g_source_remove);
  if (self->spelling != NULL)
    self->menu_timeout_id = g_timeout_add (MENU_DELAY_MS, menu_delay_cb, self);
}

static void
correct_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       data)
{
  AushangSpellChecker *self = data;
  GtkTextIter start, end;
  const char *replacement = g_variant_get_string (parameter, NULL);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);
  if (gtk_text_iter_equal (&start, &end))
    return;

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  g_menu_remove_all (self->corrections);
}

static char *
dup_menu_word (AushangSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);

  return gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
}

/* After the dictionary learnt a word: every view with the same checker
 * looks again. */
static void
dictionary_changed (AushangSpellChecker *self)
{
  for (GList *l = checkers; l != NULL; l = l->next)
    {
      AushangSpellChecker *checker = l->data;

      if (checker->spelling == self->spelling)
        {
          g_hash_table_remove_all (checker->cache);
          recheck_all (checker);
        }
    }
  g_menu_remove_all (self->corrections);
}

static void
add_word_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  AushangSpellChecker *self = data;
  g_autofree char *word = dup_menu_word (self);

  if (self->spelling == NULL || word[0] == '\0')
    return;
  aushang_spelling_add_word (self->spelling, word, -1);
  dictionary_changed (self);
}

static void
ignore_word_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  AushangSpellChecker *self = data;
  g_autofree char *word = dup_menu_word (self);

  if (self->spelling == NULL || word[0] == '\0')
    return;
  aushang_spelling_ignore_word (self->spelling, word, -1);
  dictionary_changed (self);
}

static void
enabled_change_cb (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       data)
{
  aushang_spell_checker_set_enabled (data, g_variant_get_boolean (value));
}

static void
language_change_cb (GSimpleAction *action,
                    GVariant      *value,
                    gpointer       data)
{
  aushang_spell_checker_set_language (data, g_variant_get_string (value, NULL));
}

static void
build_menu (AushangSpellChecker *self)
{
  g_autoptr(GMenu) spelling = g_menu_new ();
  g_autoptr(GMenu) switch_section = g_menu_new ();
  g_auto(GStrv) installed = aushang_spelling_list_languages ();
  g_autoptr(GMenuItem) automatic = NULL;

  self->menu = g_menu_new ();
  self->corrections = g_menu_new ();
  self->languages = g_menu_new ();

  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->corrections));

  g_menu_append (switch_section, _("_Check Spelling"), "spelling.enabled");
  g_menu_append_section (spelling, NULL, G_MENU_MODEL (switch_section));

  /* Translators: the language of spell checking follows the document's
   * lang: or the site's. */
  automatic = g_menu_item_new (_("Language of the Site"), NULL);
  g_menu_item_set_action_and_target (automatic, "spelling.language", "s", "");
  g_menu_append_item (self->languages, automatic);
  for (guint i = 0; installed[i] != NULL; i++)
    {
      g_autofree char *name = aushang_spelling_dup_language_name (installed[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "spelling.language", "s", installed[i]);
      g_menu_append_item (self->languages, item);
    }
  g_menu_append_section (spelling, _("Language"), G_MENU_MODEL (self->languages));

  {
    g_autoptr(GMenu) section = g_menu_new ();

    g_menu_append_submenu (section, _("_Spelling"), G_MENU_MODEL (spelling));
    g_menu_append_section (self->menu, NULL, G_MENU_MODEL (section));
  }
}

static void
build_actions (AushangSpellChecker *self)
{
  const GActionEntry entries[] = {
    { "correct", correct_cb, "s", NULL, NULL },
    { "add", add_word_cb, NULL, NULL, NULL },
    { "ignore", ignore_word_cb, NULL, NULL, NULL },
    { "enabled", NULL, NULL, "true", enabled_change_cb },
    { "language", NULL, "s", "''", language_change_cb },
    { "no-suggestions", NULL, NULL, NULL, NULL },
  };
  GAction *none;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  none = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "no-suggestions");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (none), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Object                                                                     */

static void
detach (AushangSpellChecker *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->menu_timeout_id, g_source_remove);

  if (self->buffer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_clear_object (&self->dirty);
      g_clear_object (&self->buffer);
      /* The buffer's text went with it. */
      self->text = NULL;
    }
  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->settings, self);
      g_clear_object (&self->settings);
    }
  self->view = NULL;
}

static void
view_destroy_cb (AushangSpellChecker *self)
{
  detach (self);
}

static void
aushang_spell_checker_finalize (GObject *object)
{
  AushangSpellChecker *self = AUSHANG_SPELL_CHECKER (object);

  checkers = g_list_remove (checkers, self);
  detach (self);

  g_clear_object (&self->menu);
  g_clear_object (&self->corrections);
  g_clear_object (&self->languages);
  g_clear_object (&self->actions);
  g_clear_object (&self->site);
  g_clear_pointer (&self->site_words, g_hash_table_unref);
  g_clear_object (&self->spelling);
  g_clear_pointer (&self->document_language, g_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  self->text = NULL;
  g_clear_pointer (&self->line_starts, g_array_unref);
  g_clear_pointer (&self->checkpoints, g_array_unref);

  G_OBJECT_CLASS (aushang_spell_checker_parent_class)->finalize (object);
}

static void
aushang_spell_checker_class_init (AushangSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_spell_checker_finalize;
}

static void
aushang_spell_checker_init (AushangSpellChecker *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->checkpoints = g_array_new (FALSE, FALSE, sizeof (AushangSpellingState));
  self->typing_offset = -1;
  self->typing_line = -1;
  self->enabled = TRUE;
  checkers = g_list_prepend (checkers, self);
}

AushangSpellChecker *
aushang_spell_checker_attach (GtkTextView *view)
{
  AushangSpellChecker *self;
  GApplication *app = g_application_get_default ();
  GtkEventController *click;
  GtkTextIter start;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  if ((self = aushang_spell_checker_get_for_view (view)) != NULL)
    return self;

  self = g_object_new (AUSHANG_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->dirty = gtk_source_region_new (self->buffer);
  self->tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                          "underline", PANGO_UNDERLINE_ERROR,
                                          "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                                          NULL);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  if (AUSHANG_IS_APPLICATION (app))
    {
      GSettings *settings = aushang_application_get_settings (AUSHANG_APPLICATION (app));
      g_autoptr(GSettingsSchema) schema = NULL;

      if (settings != NULL)
        g_object_get (settings, "settings-schema", &schema, NULL);
      /* A schema compiled before these keys existed: this session only. */
      if (schema != NULL && g_settings_schema_has_key (schema, "spell-check") &&
          g_settings_schema_has_key (schema, "spell-check-languages"))
        {
          self->settings = g_object_ref (settings);
          g_signal_connect_swapped (self->settings, "changed::spell-check",
                                    G_CALLBACK (settings_changed_cb), self);
          g_signal_connect_swapped (self->settings, "changed::spell-check-languages",
                                    G_CALLBACK (settings_changed_cb), self);
        }
    }

  build_actions (self);
  build_menu (self);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spelling", G_ACTION_GROUP (self->actions));
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));

  click = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (click, GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (right_click_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), click);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (insert_text_cb), self, 0);
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (insert_text_after_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (delete_range_cb), self, 0);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (delete_range_after_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::cursor-position", G_CALLBACK (cursor_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "destroy", G_CALLBACK (view_destroy_cb), self, G_CONNECT_SWAPPED);

  g_object_set_data_full (G_OBJECT (view), CHECKER_KEY, self, g_object_unref);
  update_language (self);

  return self;
}

AushangSpellChecker *
aushang_spell_checker_get_for_view (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  return g_object_get_data (G_OBJECT (view), CHECKER_KEY);
}

void
aushang_spell_checker_set_site (AushangSpellChecker *self,
                                AushangSite         *site,
                                AushangDocument     *document)
{
  AushangFrontMatter *front_matter = NULL;
  AushangValue *lang = NULL;
  const char *language = NULL;

  g_return_if_fail (AUSHANG_IS_SPELL_CHECKER (self));

  if (document != NULL && aushang_document_get_has_front_matter (document))
    front_matter = aushang_document_get_front_matter (document);
  if (front_matter != NULL)
    lang = aushang_front_matter_get (front_matter, "lang");
  if (lang != NULL && aushang_value_get_kind (lang) == AUSHANG_VALUE_STRING)
    language = aushang_value_get_string (lang);

  g_set_object (&self->site, site);
  g_free (self->document_language);
  self->document_language = g_strdup (language);

  /* Read again for each document: a category or title added since counts. */
  {
    GHashTable *words = site != NULL ? aushang_spelling_dup_site_words (site) : NULL;
    guint before = self->site_words != NULL ? g_hash_table_size (self->site_words) : 0;
    guint after = words != NULL ? g_hash_table_size (words) : 0;
    AushangSpelling *spelling = self->spelling;

    g_clear_pointer (&self->site_words, g_hash_table_unref);
    self->site_words = words;
    update_language (self);
    if (before != after && self->spelling != NULL && self->spelling == spelling)
      {
        g_hash_table_remove_all (self->cache);
        recheck_all (self);
      }
  }
}

const char *
aushang_spell_checker_get_language (AushangSpellChecker *self)
{
  g_return_val_if_fail (AUSHANG_IS_SPELL_CHECKER (self), NULL);

  update_language_full (self, TRUE);

  return self->spelling != NULL ? aushang_spelling_get_language (self->spelling) : NULL;
}

void
aushang_spell_checker_set_language (AushangSpellChecker *self,
                                    const char          *language)
{
  g_autoptr(GVariant) choices = NULL;
  g_autofree char *key = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *site, *chosen;

  g_return_if_fail (AUSHANG_IS_SPELL_CHECKER (self));

  if (self->settings == NULL)
    {
      /* Without settings (a test without the application): this view. */
      g_free (self->document_language);
      self->document_language = g_strdup (language);
      update_language (self);
      return;
    }

  key = dup_site_key (self);
  choices = g_settings_get_value (self->settings, "spell-check-languages");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, choices);
  while (g_variant_iter_next (&iter, "{&s&s}", &site, &chosen))
    if (!g_str_equal (site, key))
      g_variant_builder_add (&builder, "{ss}", site, chosen);
  if (language != NULL && language[0] != '\0')
    g_variant_builder_add (&builder, "{ss}", key, language);
  g_settings_set_value (self->settings, "spell-check-languages", g_variant_builder_end (&builder));
  update_language (self);
}

gboolean
aushang_spell_checker_get_enabled (AushangSpellChecker *self)
{
  g_return_val_if_fail (AUSHANG_IS_SPELL_CHECKER (self), FALSE);

  return is_enabled (self);
}

void
aushang_spell_checker_set_enabled (AushangSpellChecker *self,
                                   gboolean             enabled)
{
  g_return_if_fail (AUSHANG_IS_SPELL_CHECKER (self));

  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "spell-check", enabled);
  else
    self->enabled = enabled;
  update_language (self);
}

GtkTextTag *
aushang_spell_checker_get_tag (AushangSpellChecker *self)
{
  g_return_val_if_fail (AUSHANG_IS_SPELL_CHECKER (self), NULL);

  return self->tag;
}
