/* aushang-editor.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-block-dialog.h"
#include "aushang-editor.h"
#include "aushang-form-util.h"
#include "aushang-gallery.h"
#include "aushang-gallery-dialog.h"
#include "aushang-link-dialog.h"
#include "aushang-overflow-box.h"
#include "aushang-paste.h"
#include "aushang-spell-checker.h"
#include "aushang-text-mirror.h"

struct _AushangEditor
{
  AdwBin                   parent_instance;

  /* Template widgets. */
  GtkSourceView           *view;
  GtkSearchBar            *search_bar;
  GtkSearchEntry          *search_entry;
  GtkEntry                *replace_entry;
  GtkLabel                *search_count;
  GtkMenuButton           *block_button;
  GtkPopover              *block_popover;
  GtkListBox              *block_list;

  GtkSourceBuffer         *buffer;
  GtkSourceSearchSettings *search_settings;
  GtkSourceSearchContext  *search_context;

  AushangSite             *site;
  AushangDocument         *document;

  /* The heading level the site's documents use for sections, 0: not
   * learned yet. */
  guint                    section_level;

  /* TRUE while set_document() fills the buffer: no ::changed then. */
  guint                    loading : 1;
  /* The buffer changed since the last sync into the document. */
  guint                    dirty : 1;
};

G_DEFINE_FINAL_TYPE (AushangEditor, aushang_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define BLOCK_NAME_KEY "aushang-block-name"

/* ------------------------------------------------------------------------ */
/* Small buffer helpers                                                       */

static GtkTextBuffer *
get_text_buffer (AushangEditor *self)
{
  return GTK_TEXT_BUFFER (self->buffer);
}

static void
get_iter_at_offset (AushangEditor *self,
                    GtkTextIter   *iter,
                    int            offset)
{
  gtk_text_buffer_get_iter_at_offset (get_text_buffer (self), iter, offset);
}

static char *
dup_range (AushangEditor *self,
           int            start,
           int            end)
{
  GtkTextIter s, e;

  get_iter_at_offset (self, &s, start);
  get_iter_at_offset (self, &e, end);

  return gtk_text_buffer_get_slice (get_text_buffer (self), &s, &e, TRUE);
}

static void
scroll_to_cursor (AushangEditor *self)
{
  /* Before the view has its size there is nothing to scroll. */
  if (gtk_widget_get_width (GTK_WIDGET (self->view)) == 0)
    return;

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->view),
                                      gtk_text_buffer_get_insert (get_text_buffer (self)));
}

static void
select_offsets (AushangEditor *self,
                int            start,
                int            end)
{
  GtkTextIter s, e;

  get_iter_at_offset (self, &s, start);
  get_iter_at_offset (self, &e, end);
  gtk_text_buffer_select_range (get_text_buffer (self), &e, &s);
  scroll_to_cursor (self);
}

static void
insert_at_offset (AushangEditor *self,
                  int            offset,
                  const char    *text)
{
  GtkTextIter iter;

  get_iter_at_offset (self, &iter, offset);
  gtk_text_buffer_insert (get_text_buffer (self), &iter, text, -1);
}

static void
delete_offsets (AushangEditor *self,
                int            start,
                int            end)
{
  GtkTextIter s, e;

  get_iter_at_offset (self, &s, start);
  get_iter_at_offset (self, &e, end);
  gtk_text_buffer_delete (get_text_buffer (self), &s, &e);
}

/* The selection as character offsets; FALSE when nothing is selected
 * (then both are the cursor). */
static gboolean
get_selection_offsets (AushangEditor *self,
                       int           *start,
                       int           *end)
{
  GtkTextIter s, e;
  gboolean selected = gtk_text_buffer_get_selection_bounds (get_text_buffer (self), &s, &e);

  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);

  return selected && *start != *end;
}

static gunichar
char_at_offset (AushangEditor *self,
                int            offset)
{
  GtkTextIter iter;

  if (offset < 0)
    return 0;
  get_iter_at_offset (self, &iter, offset);

  return gtk_text_iter_get_char (&iter);
}

/* How many @c stand right before @offset (direction -1) or from it on
 * (direction 1), at most @max. */
static int
count_run (AushangEditor *self,
           int            offset,
           int            direction,
           gunichar       c,
           int            max)
{
  int n = 0;
  int total = gtk_text_buffer_get_char_count (get_text_buffer (self));

  while (n < max)
    {
      int at = direction < 0 ? offset - n - 1 : offset + n;

      if (at < 0 || at >= total || char_at_offset (self, at) != c)
        break;
      n++;
    }

  return n;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* Whether a run of @run asterisks contains the marker of length @len: "*"
 * (italic) lives in runs of 1 and 3, "**" (bold) in runs of 2 and 3. */
static gboolean
run_has_marker (int run,
                int len)
{
  if (len == 1)
    return run == 1 || run == 3;

  return run >= 2;
}

/* ------------------------------------------------------------------------ */
/* Formatting                                                                 */

static void
toggle_emphasis (AushangEditor *self,
                 const char    *marker)
{
  GtkTextBuffer *buffer = get_text_buffer (self);
  int len = strlen (marker);
  int start, end;

  gtk_text_buffer_begin_user_action (buffer);

  if (!get_selection_offsets (self, &start, &end))
    {
      int before = count_run (self, start, -1, '*', 3);
      int after = count_run (self, start, 1, '*', 3);

      if (before == len && after == len)
        {
          /* The cursor sits in empty markers ("**|**"): take them away. */
          delete_offsets (self, start, start + len);
          delete_offsets (self, start - len, start);
          select_offsets (self, start - len, start - len);
        }
      else
        {
          g_autofree char *pair = g_strconcat (marker, marker, NULL);

          insert_at_offset (self, start, pair);
          select_offsets (self, start + len, start + len);
        }
    }
  else
    {
      int before, after, inner_before, inner_after;

      /* Spaces just inside the markers would break the emphasis. */
      while (start < end && g_unichar_isspace (char_at_offset (self, start)))
        start++;
      while (end > start && g_unichar_isspace (char_at_offset (self, end - 1)))
        end--;

      before = count_run (self, start, -1, '*', 3);
      after = count_run (self, end, 1, '*', 3);
      inner_before = count_run (self, start, 1, '*', MIN (3, (end - start) / 2));
      inner_after = count_run (self, end, -1, '*', MIN (3, (end - start) / 2));

      if (start == end)
        {
          /* Only spaces were selected. */
          insert_at_offset (self, start, marker);
          insert_at_offset (self, start, marker);
          select_offsets (self, start + len, start + len);
        }
      else if (run_has_marker (MIN (before, after), len))
        {
          /* **[text]** -> [text] */
          delete_offsets (self, end, end + len);
          delete_offsets (self, start - len, start);
          select_offsets (self, start - len, end - len);
        }
      else if (run_has_marker (MIN (inner_before, inner_after), len))
        {
          /* [**text**] -> [text] */
          delete_offsets (self, end - len, end);
          delete_offsets (self, start, start + len);
          select_offsets (self, start, end - 2 * len);
        }
      else
        {
          insert_at_offset (self, end, marker);
          insert_at_offset (self, start, marker);
          select_offsets (self, start + len, end + len);
        }
    }

  gtk_text_buffer_end_user_action (buffer);
}

/* The lines the selection (or the cursor) covers; a selection ending at the
 * very start of a line does not cover that line. */
static void
get_selected_lines (AushangEditor *self,
                    int           *first,
                    int           *last)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_selection_bounds (get_text_buffer (self), &s, &e);
  *first = gtk_text_iter_get_line (&s);
  *last = gtk_text_iter_get_line (&e);
  if (*last > *first && gtk_text_iter_starts_line (&e))
    (*last)--;
}

static char *
dup_line (AushangEditor *self,
          int            line)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_line (get_text_buffer (self), &s, line);
  e = s;
  if (!gtk_text_iter_ends_line (&e))
    gtk_text_iter_forward_to_line_end (&e);

  return gtk_text_buffer_get_slice (get_text_buffer (self), &s, &e, TRUE);
}

static int
line_offset (AushangEditor *self,
             int            line)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (get_text_buffer (self), &iter, line);

  return gtk_text_iter_get_offset (&iter);
}

/* Adds @prefix to the start of each selected line, or takes it away when
 * every non-empty line already has it. */
static void
toggle_line_prefix (AushangEditor *self,
                    const char    *prefix)
{
  GtkTextBuffer *buffer = get_text_buffer (self);
  int prefix_chars = g_utf8_strlen (prefix, -1);
  gboolean all_have = TRUE;
  gboolean any_text = FALSE;
  int first, last;

  get_selected_lines (self, &first, &last);

  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = dup_line (self, line);

      if (is_blank (text))
        continue;
      any_text = TRUE;
      if (!g_str_has_prefix (text, prefix))
        all_have = FALSE;
    }

  gtk_text_buffer_begin_user_action (buffer);

  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = dup_line (self, line);
      int offset = line_offset (self, line);

      if (any_text && all_have)
        {
          if (g_str_has_prefix (text, prefix))
            delete_offsets (self, offset, offset + prefix_chars);
        }
      else if (!g_str_has_prefix (text, prefix) && (!is_blank (text) || first == last))
        insert_at_offset (self, offset, prefix);
    }

  gtk_text_buffer_end_user_action (buffer);
}

/* Makes the cursor's line a heading of @level, or plain text again when
 * it already is one of that level. */
static void
toggle_heading (AushangEditor *self,
                int            level)
{
  GtkTextBuffer *buffer = get_text_buffer (self);
  g_autofree char *text = NULL;
  int first, last, offset;
  int hashes = 0;
  int prefix_len = 0;

  get_selected_lines (self, &first, &last);
  text = dup_line (self, first);
  offset = line_offset (self, first);

  while (text[hashes] == '#' && hashes < 7)
    hashes++;
  if (hashes > 0 && hashes <= 6 && (text[hashes] == ' ' || text[hashes] == '\t' || text[hashes] == '\0'))
    {
      prefix_len = hashes;
      while (text[prefix_len] == ' ' || text[prefix_len] == '\t')
        prefix_len++;
    }
  else
    hashes = 0;

  gtk_text_buffer_begin_user_action (buffer);

  if (prefix_len > 0)
    delete_offsets (self, offset, offset + prefix_len);

  if (hashes != level)
    {
      g_autofree char *prefix = g_strnfill (level, '#');
      g_autofree char *with_space = g_strconcat (prefix, " ", NULL);

      insert_at_offset (self, offset, with_space);
    }

  gtk_text_buffer_end_user_action (buffer);
  scroll_to_cursor (self);
}

static gboolean
looks_like_url (const char *text)
{
  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://") ||
         g_str_has_prefix (text, "mailto:") || g_str_has_prefix (text, "www.");
}

static void
insert_link (AushangEditor *self,
             gboolean       image)
{
  GtkTextBuffer *buffer = get_text_buffer (self);
  g_autofree char *selected = NULL;
  g_autofree char *text = NULL;
  const char *label;
  const char *target;
  int start, end;
  int label_start, target_start;

  if (get_selection_offsets (self, &start, &end))
    {
      /* Spaces around the selection stay outside the link. */
      while (start < end && g_unichar_isspace (char_at_offset (self, start)))
        start++;
      while (end > start && g_unichar_isspace (char_at_offset (self, end - 1)))
        end--;
      if (start < end)
        selected = dup_range (self, start, end);
      /* Links do not span paragraphs: then it goes after the selection. */
      if (selected != NULL && strchr (selected, '\n') != NULL)
        {
          g_clear_pointer (&selected, g_free);
          start = end;
        }
    }

  if (selected != NULL && !image && looks_like_url (selected))
    {
      /* A selected address becomes the target; the text is to be written. */
      if (g_str_has_prefix (selected, "www."))
        {
          char *with_scheme = g_strconcat ("https://", selected, NULL);

          g_free (selected);
          selected = with_scheme;
        }
      label = _("Link text");
      target = selected;
    }
  else if (selected != NULL)
    {
      label = selected;
      target = image ? "/assets/images/" : "https://";
    }
  else
    {
      /* Translators: placeholder text of a new image's description (alt text). */
      label = image ? _("Description") : _("Link text");
      target = image ? "/assets/images/" : "https://";
    }

  text = g_strdup_printf ("%s[%s](%s)", image ? "!" : "", label, target);
  label_start = start + (image ? 2 : 1);
  target_start = label_start + g_utf8_strlen (label, -1) + 2;

  gtk_text_buffer_begin_user_action (buffer);
  if (selected != NULL)
    delete_offsets (self, start, end);
  insert_at_offset (self, start, text);
  gtk_text_buffer_end_user_action (buffer);

  if (target == selected)
    select_offsets (self, label_start, label_start + g_utf8_strlen (label, -1));
  else if (image)
    {
      /* The cursor goes where the file name is to be typed. */
      int at = target_start + g_utf8_strlen (target, -1);

      select_offsets (self, at, at);
    }
  else
    select_offsets (self, target_start, target_start + g_utf8_strlen (target, -1));
}

/* ------------------------------------------------------------------------ */
/* Building blocks                                                            */

static gboolean
is_param_name (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static void
append_param (GString    *tag,
              const char *key,
              const char *value)
{
  char quote;

  if (!is_param_name (key) || value == NULL || value[0] == '\0')
    return;

  /* Quotation marks as typed: Jekyll takes 'single quotes' around a value
   * with "double" ones, and \" inside double quotes (checked with jekyll
   * 4.3.1). An entity (&quot;) would reach readers as "&quot;" once the
   * include escapes it. */
  quote = strchr (value, '"') != NULL && strchr (value, '\'') == NULL ? '\'' : '"';
  g_string_append_printf (tag, " %s=%c", key, quote);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == quote || *p == '\\')
        {
          g_string_append_c (tag, '\\');
          g_string_append_c (tag, *p);
        }
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (tag, ' ');
      else
        g_string_append_c (tag, *p);
    }
  g_string_append_c (tag, quote);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
build_include_tag (AushangEditor *self,
                   const char    *name,
                   GHashTable    *params)
{
  GString *tag = g_string_new ("{% include ");
  AushangBlock *block = self->site != NULL ? aushang_site_find_block (self->site, name) : NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  g_string_append (tag, name);

  if (params != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      /* The order the block's file reads them in, then the others. */
      for (guint i = 0; block != NULL && i < block->params->len; i++)
        {
          const char *param = g_ptr_array_index (block->params, i);

          append_param (tag, param, g_hash_table_lookup (params, param));
        }

      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (block == NULL ||
            !g_ptr_array_find_with_equal_func (block->params, key, g_str_equal, NULL))
          g_ptr_array_add (rest, key);
      g_ptr_array_sort (rest, compare_strings);

      for (guint i = 0; i < rest->len; i++)
        {
          const char *param = g_ptr_array_index (rest, i);

          append_param (tag, param, g_hash_table_lookup (params, param));
        }
    }

  g_string_append (tag, " %}");

  return g_string_free (tag, FALSE);
}

void
aushang_editor_insert_block (AushangEditor *self,
                             const char    *name,
                             GHashTable    *params)
{
  GtkTextBuffer *buffer;
  g_autofree char *tag = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextIter iter, line_start, line_end;
  gboolean own_line_before;
  int cursor;

  g_return_if_fail (AUSHANG_IS_EDITOR (self));
  g_return_if_fail (name != NULL);

  buffer = get_text_buffer (self);
  tag = build_include_tag (self, name, params);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line_start = iter;
  gtk_text_iter_set_line_offset (&line_start, 0);
  line_end = iter;
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  before = gtk_text_buffer_get_slice (buffer, &line_start, &iter, TRUE);
  after = gtk_text_buffer_get_slice (buffer, &iter, &line_end, TRUE);

  /* Only spaces before the cursor: the tag starts the line (four spaces
   * would make it a code block); otherwise it starts a new one. */
  own_line_before = is_blank (before);
  if (own_line_before)
    iter = line_start;
  else
    g_string_append_c (text, '\n');
  g_string_append (text, tag);
  cursor = gtk_text_iter_get_offset (&iter) + g_utf8_strlen (text->str, -1);
  if (!is_blank (after))
    g_string_append_c (text, '\n');

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &iter, text->str, text->len);
  gtk_text_buffer_end_user_action (buffer);

  select_offsets (self, cursor, cursor);
}

static void
block_dialog_response_cb (AushangEditor      *self,
                          const char         *response,
                          AushangBlockDialog *dialog)
{
  g_autoptr(GHashTable) params = NULL;

  if (g_strcmp0 (response, "insert") != 0)
    return;

  params = aushang_block_dialog_dup_params (dialog);
  aushang_editor_insert_block (self, aushang_block_dialog_get_name (dialog), params);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
show_block_dialog (AushangEditor *self,
                   AushangBlock  *block)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (block->params->len == 0)
    {
      aushang_editor_insert_block (self, block->name, NULL);
      return;
    }

  dialog = aushang_block_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->site, block);
  g_signal_connect_object (dialog, "response", G_CALLBACK (block_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
block_row_activated_cb (AushangEditor *self,
                        AdwActionRow  *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), BLOCK_NAME_KEY);
  AushangBlock *block;

  gtk_popover_popdown (self->block_popover);

  if (name == NULL || self->site == NULL ||
      (block = aushang_site_find_block (self->site, name)) == NULL)
    return;

  show_block_dialog (self, block);
}

static GtkWidget *
create_block_row (AushangEditor *self,
                  AushangBlock  *block)
{
  g_autofree char *title = aushang_site_readable_name (block->name);
  GtkWidget *row = adw_action_row_new ();

  if (title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (block->name);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Its description in plain words, when it says more than the title. */
  if (block->summary != NULL && g_utf8_collate (block->summary, title) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), block->summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_tooltip_text (row, block->name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), BLOCK_NAME_KEY, g_strdup (block->name), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (block_row_activated_cb),
                           self, G_CONNECT_SWAPPED);

  return row;
}

/* "Gallery from Photos…": the site's gallery block with photos chosen
 * from a folder (editor.gallery). */
static GtkWidget *
create_gallery_row (AushangEditor *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Gallery from Photos…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Photos from a folder, made smaller and named as the site does"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("image-x-generic-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "editor.gallery");
  g_signal_connect_object (row, "activated", G_CALLBACK (gtk_popover_popdown),
                           self->block_popover, G_CONNECT_SWAPPED);

  return row;
}

/* The blocks the site's documents use come first, the most used on top;
 * the others (parts of the layout, blocks no document uses yet) wait
 * under "More". */
static void
rebuild_blocks (AushangEditor *self)
{
  GtkWidget *child;
  g_autoptr(GPtrArray) used = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(AushangGalleryBlock) gallery = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->block_list))) != NULL)
    gtk_list_box_remove (self->block_list, child);

  if (self->site != NULL)
    used = aushang_site_dup_blocks_by_use (self->site, &more);

  if (self->site != NULL && aushang_gallery_dialog_site_has_gallery (self->site))
    gallery = aushang_gallery_find_block (self->site);

  for (guint i = 0; used != NULL && i < used->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (used, i);

      gtk_list_box_append (self->block_list, create_block_row (self, block));
      /* Beside the gallery block: the same block, with photos chosen from
       * a folder, scaled and named on the way. */
      if (gallery != NULL && g_strcmp0 (block->name, gallery->block) == 0)
        {
          gtk_list_box_append (self->block_list, create_gallery_row (self));
          g_clear_pointer (&gallery, aushang_gallery_block_free);
        }
    }
  /* No document uses the gallery block yet: after the used ones. */
  if (gallery != NULL)
    gtk_list_box_append (self->block_list, create_gallery_row (self));

  if (more != NULL && more->len > 0 && used->len == 0)
    {
      /* No document uses one yet: all of them, plainly. */
      for (guint i = 0; i < more->len; i++)
        gtk_list_box_append (self->block_list, create_block_row (self, g_ptr_array_index (more, i)));
    }
  else if (more != NULL && more->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("More"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                     _("Parts of the site’s layout and blocks no document uses"));
      for (guint i = 0; i < more->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  create_block_row (self, g_ptr_array_index (more, i)));
      gtk_list_box_append (self->block_list, expander);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->block_button),
                            (used != NULL && used->len > 0) || (more != NULL && more->len > 0));
}

/* ------------------------------------------------------------------------ */
/* Find and replace                                                           */

static void
update_search_count (AushangEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int count = gtk_source_search_context_get_occurrences_count (self->search_context);
  GtkTextIter s, e;
  int position = 0;
  g_autofree char *label = NULL;

  if (text[0] == '\0' || count < 0)
    {
      gtk_label_set_text (self->search_count, "");
      return;
    }
  if (count == 0)
    {
      gtk_label_set_text (self->search_count, _("No results"));
      return;
    }

  if (gtk_text_buffer_get_selection_bounds (get_text_buffer (self), &s, &e))
    position = gtk_source_search_context_get_occurrence_position (self->search_context, &s, &e);

  if (position > 0)
    /* Translators: the position of the current match among all matches
     * of a search, "2 of 5". */
    label = g_strdup_printf (_("%d of %d"), position, count);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);
  gtk_label_set_text (self->search_count, label);
}

/* The search entry reports changes after a short delay; buttons and keys
 * use what it holds now. */
static void
sync_search_text (AushangEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, gtk_source_search_settings_get_search_text (self->search_settings)) != 0)
    gtk_source_search_settings_set_search_text (self->search_settings, text);
}

static gboolean
find (AushangEditor *self,
      gboolean       forward,
      gboolean       from_selection_start)
{
  GtkTextBuffer *buffer = get_text_buffer (self);
  GtkTextIter s, e, match_start, match_end;
  gboolean found;

  sync_search_text (self);
  if (gtk_source_search_settings_get_search_text (self->search_settings) == NULL)
    return FALSE;

  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  if (forward)
    found = gtk_source_search_context_forward (self->search_context,
                                               from_selection_start ? &s : &e,
                                               &match_start, &match_end, NULL);
  else
    found = gtk_source_search_context_backward (self->search_context, &s,
                                                &match_start, &match_end, NULL);

  if (found)
    {
      gtk_text_buffer_select_range (buffer, &match_start, &match_end);
      scroll_to_cursor (self);
    }
  update_search_count (self);

  return found;
}

static void
search_changed_cb (AushangEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  sync_search_text (self);
  if (text[0] != '\0')
    find (self, TRUE, TRUE);
  else
    update_search_count (self);
}

static void
search_activate_cb (AushangEditor *self)
{
  find (self, TRUE, FALSE);
}

static void
search_next_cb (AushangEditor *self)
{
  find (self, TRUE, FALSE);
}

static void
search_previous_cb (AushangEditor *self)
{
  find (self, FALSE, FALSE);
}

static void
search_stop_cb (AushangEditor *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Whether the selection is a match of the search (the count of matches
 * may still be under way, so this asks the search itself). */
static gboolean
selection_is_match (AushangEditor *self,
                    GtkTextIter   *start,
                    GtkTextIter   *end)
{
  GtkTextIter match_start, match_end;

  sync_search_text (self);
  if (gtk_source_search_settings_get_search_text (self->search_settings) == NULL ||
      !gtk_text_buffer_get_selection_bounds (get_text_buffer (self), start, end))
    return FALSE;

  return gtk_source_search_context_forward (self->search_context, start,
                                            &match_start, &match_end, NULL) &&
         gtk_text_iter_equal (&match_start, start) &&
         gtk_text_iter_equal (&match_end, end);
}

static void
replace_one (AushangEditor *self)
{
  GtkTextBuffer *buffer = get_text_buffer (self);
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  GtkTextIter s, e;

  if (selection_is_match (self, &s, &e))
    {
      g_autoptr(GError) error = NULL;

      if (!gtk_source_search_context_replace (self->search_context, &s, &e, replacement, -1, &error))
        g_warning ("Could not replace: %s", error->message);
      else
        gtk_text_buffer_select_range (buffer, &e, &e);
    }

  find (self, TRUE, FALSE);
}

static void
replace_activate_cb (AushangEditor *self)
{
  replace_one (self);
}

static void
search_mode_changed_cb (AushangEditor *self)
{
  gboolean shown = gtk_search_bar_get_search_mode (self->search_bar);

  gtk_source_search_context_set_highlight (self->search_context, shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.hide-search", shown);
  if (!shown && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
show_search (AushangEditor *self,
             gboolean       replace)
{
  GtkTextIter s, e;

  if (gtk_text_buffer_get_selection_bounds (get_text_buffer (self), &s, &e) &&
      gtk_text_iter_get_line (&s) == gtk_text_iter_get_line (&e))
    {
      g_autofree char *text = gtk_text_buffer_get_slice (get_text_buffer (self), &s, &e, TRUE);

      if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  if (replace && gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->replace_entry));
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
    }
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                    */

static void
editor_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AushangEditor *self = AUSHANG_EDITOR (widget);
  GtkTextBuffer *buffer = get_text_buffer (self);
  const char *name = action_name + strlen ("editor.");

  if (g_str_equal (name, "bold"))
    toggle_emphasis (self, "**");
  else if (g_str_equal (name, "italic"))
    toggle_emphasis (self, "*");
  else if (g_str_equal (name, "heading"))
    toggle_heading (self, CLAMP (g_variant_get_int32 (parameter), 1, 6));
  else if (g_str_equal (name, "section-heading"))
    toggle_heading (self, aushang_editor_get_section_level (self));
  else if (g_str_equal (name, "list"))
    toggle_line_prefix (self, "- ");
  else if (g_str_equal (name, "quote"))
    toggle_line_prefix (self, "> ");
  else if (g_str_equal (name, "link") && self->site != NULL)
    aushang_link_dialog_present (self, self->site, self->document);
  else if (g_str_equal (name, "link"))
    insert_link (self, FALSE);
  else if (g_str_equal (name, "image"))
    insert_link (self, TRUE);
  else if (g_str_equal (name, "undo"))
    {
      if (gtk_text_buffer_get_can_undo (buffer))
        gtk_text_buffer_undo (buffer);
      return;
    }
  else if (g_str_equal (name, "redo"))
    {
      if (gtk_text_buffer_get_can_redo (buffer))
        gtk_text_buffer_redo (buffer);
      return;
    }
  else if (g_str_equal (name, "find"))
    {
      show_search (self, FALSE);
      return;
    }
  else if (g_str_equal (name, "replace"))
    {
      show_search (self, TRUE);
      return;
    }
  else if (g_str_equal (name, "find-next"))
    {
      find (self, TRUE, FALSE);
      return;
    }
  else if (g_str_equal (name, "find-previous"))
    {
      find (self, FALSE, FALSE);
      return;
    }
  else if (g_str_equal (name, "replace-one"))
    {
      replace_one (self);
      return;
    }
  else if (g_str_equal (name, "replace-all"))
    {
      const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
      g_autoptr(GError) error = NULL;

      sync_search_text (self);
      if (gtk_source_search_settings_get_search_text (self->search_settings) != NULL &&
          gtk_source_search_context_replace_all (self->search_context, replacement, -1, &error) == 0 &&
          error != NULL)
        g_warning ("Could not replace: %s", error->message);
      update_search_count (self);
      return;
    }
  else if (g_str_equal (name, "hide-search"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      return;
    }
  else
    g_return_if_reached ();

  /* After formatting, typing goes on in the text. */
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
update_undo_actions (AushangEditor *self)
{
  GtkTextBuffer *buffer = get_text_buffer (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 gtk_text_buffer_get_can_undo (buffer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo",
                                 gtk_text_buffer_get_can_redo (buffer));
}

/* ------------------------------------------------------------------------ */
/* Buffer and style                                                           */

static void
buffer_changed_cb (AushangEditor *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
update_style_scheme (AushangEditor *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* ------------------------------------------------------------------------ */
/* Object                                                                     */

static void
aushang_editor_dispose (GObject *object)
{
  AushangEditor *self = AUSHANG_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_EDITOR);

  g_clear_object (&self->search_context);
  g_clear_object (&self->search_settings);
  g_clear_object (&self->buffer);
  g_clear_object (&self->site);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (aushang_editor_parent_class)->dispose (object);
}

/* "Gallery from Photos…": the site's gallery block with photos chosen
 * from a folder (aushang-gallery-dialog.c). */
static void
gallery_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AushangEditor *self = AUSHANG_EDITOR (widget);

  aushang_gallery_dialog_choose_photos (GTK_TEXT_VIEW (self->view), self->site,
                                        self->document != NULL ? aushang_document_get_file (self->document) : NULL);
}

static void
aushang_editor_class_init (AushangEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const simple_actions[] = {
    "bold", "italic", "section-heading", "list", "quote", "link", "image", "undo", "redo",
    "find", "replace", "find-next", "find-previous", "replace-one",
    "replace-all", "hide-search",
  };

  object_class->dispose = aushang_editor_dispose;

  /**
   * AushangEditor::changed:
   *
   * Emitted on every change of the text (not when a document is loaded).
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (AUSHANG_TYPE_OVERFLOW_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/aushang/Aushang/aushang-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, view);
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, search_count);
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, block_button);
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, block_popover);
  gtk_widget_class_bind_template_child (widget_class, AushangEditor, block_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_activate_cb);

  for (guint i = 0; i < G_N_ELEMENTS (simple_actions); i++)
    {
      g_autofree char *name = g_strconcat ("editor.", simple_actions[i], NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, editor_action_cb);
    }
  gtk_widget_class_install_action (widget_class, "editor.heading", "i", editor_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.gallery", NULL, gallery_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "editor.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "editor.heading", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "editor.heading", "i", 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "editor.heading", "i", 3);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_8, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.quote", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "editor.link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "editor.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "editor.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "editor.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.hide-search", NULL);
}

/* The toolbar's link icon: Adwaita before GNOME 45 drew insert-link as a
 * pin that looks like strikethrough; GNOME's chain link comes with the
 * program where the icon theme lacks it. */
static void
ensure_icons (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkIconTheme *theme = display != NULL ? gtk_icon_theme_get_for_display (display) : NULL;

  if (theme != NULL && !gtk_icon_theme_has_icon (theme, "chain-link-symbolic"))
    gtk_icon_theme_add_resource_path (theme, "/io/github/aushang/Aushang/icons");
}

void
aushang_editor_prepare (AushangEditor *self)
{
  GtkSourceLanguageManager *languages;

  g_return_if_fail (AUSHANG_IS_EDITOR (self));

  if (gtk_source_buffer_get_language (self->buffer) != NULL)
    return;

  languages = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, "markdown"));
}

static void
aushang_editor_init (AushangEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_icons ();

  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->buffer));
  /* Reading the Markdown syntax takes long (GtkSourceView parses and
   * validates its definition files): it waits until the text is about to
   * be shown, or until the window calls aushang_editor_prepare() after its
   * first frame, whichever comes first. */
  g_signal_connect_object (self->view, "map", G_CALLBACK (aushang_editor_prepare), self,
                           G_CONNECT_SWAPPED);
  aushang_spell_checker_attach (GTK_TEXT_VIEW (self->view));
  aushang_paste_attach (GTK_TEXT_VIEW (self->view));

  self->search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->search_settings, TRUE);
  self->search_context = gtk_source_search_context_new (self->buffer, self->search_settings);
  gtk_source_search_context_set_highlight (self->search_context, FALSE);

  g_signal_connect_object (self->buffer, "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::can-undo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::can-redo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_context, "notify::occurrences-count",
                           G_CALLBACK (update_search_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  update_style_scheme (self);
  update_undo_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.hide-search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.gallery", FALSE);
  rebuild_blocks (self);
}

GtkWidget *
aushang_editor_new (void)
{
  return g_object_new (AUSHANG_TYPE_EDITOR, NULL);
}

void
aushang_editor_set_document (AushangEditor   *self,
                             AushangSite     *site,
                             AushangDocument *document)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  g_autofree char *valid = NULL;
  const char *body;

  g_return_if_fail (AUSHANG_IS_EDITOR (self));
  g_return_if_fail (site == NULL || AUSHANG_IS_SITE (site));
  g_return_if_fail (document == NULL || AUSHANG_IS_DOCUMENT (document));

  buffer = get_text_buffer (self);

  if (g_set_object (&self->site, site))
    rebuild_blocks (self);
  g_set_object (&self->document, document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.gallery",
                                 aushang_gallery_dialog_site_has_gallery (site));
  self->section_level = 0;

  body = document != NULL ? aushang_document_get_body (document) : NULL;
  if (body == NULL)
    body = "";
  if (!g_utf8_validate (body, -1, NULL))
    body = valid = g_utf8_make_valid (body, -1);

  aushang_spell_checker_set_site (aushang_spell_checker_get_for_view (GTK_TEXT_VIEW (self->view)),
                                  site, document);
  aushang_paste_set_document (GTK_TEXT_VIEW (self->view), site,
                              document != NULL ? aushang_document_get_file (document) : NULL);

  /* Undo must not go back past the loaded text. */
  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, body, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  /* From here on the text is followed change by change. */
  aushang_text_mirror_get_text (buffer, NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_set_modified (buffer, FALSE);
  /* Another text starts at its top. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view)), 0);
  self->loading = FALSE;
  self->dirty = FALSE;

  update_undo_actions (self);
}

void
aushang_editor_sync (AushangEditor *self)
{
  g_return_if_fail (AUSHANG_IS_EDITOR (self));

  if (!self->dirty || self->document == NULL)
    return;

  /* The buffer's text as kept up to date key by key: no copy of the
   * whole buffer (in a long document that took longer than a frame). */
  aushang_document_set_body (self->document, aushang_text_mirror_get_text (get_text_buffer (self), NULL));
  self->dirty = FALSE;
}

GtkSourceBuffer *
aushang_editor_get_buffer (AushangEditor *self)
{
  g_return_val_if_fail (AUSHANG_IS_EDITOR (self), NULL);

  return self->buffer;
}

guint
aushang_editor_get_section_level (AushangEditor *self)
{
  g_return_val_if_fail (AUSHANG_IS_EDITOR (self), 2);

  /* Learned when first asked: reading the site's documents takes a
   * moment on a large site. */
  if (self->section_level == 0)
    {
      GFile *file = self->document != NULL ? aushang_document_get_file (self->document) : NULL;
      AushangCollection *collection = self->site != NULL && file != NULL
                                      ? aushang_site_find_collection (self->site, file) : NULL;

      self->section_level = self->site != NULL
                            ? aushang_site_get_section_level (self->site, collection) : 2;
    }

  return self->section_level;
}

GtkSourceView *
aushang_editor_get_view (AushangEditor *self)
{
  g_return_val_if_fail (AUSHANG_IS_EDITOR (self), NULL);

  return self->view;
}
