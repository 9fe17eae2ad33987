/* aushang-git-merge.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-git"

#include "config.h"

#include <git2.h>
#include <glib/gi18n.h>
#include <string.h>

#include "aushang-data-file.h"
#include "aushang-document.h"
#include "aushang-entry-util.h"
#include "aushang-front-matter.h"
#include "aushang-git.h"
#include "aushang-git-private.h"

/* The three-way merge of one file. A document's front matter is merged
 * field by field (the other side's changes applied with the lossless YAML
 * editor, so the person's way of writing stays) and its text paragraph by
 * paragraph; any other text line by line; a file that is no text as a
 * whole. Where both sides changed the same thing differently, the
 * person's version is kept and a conflict is reported. */

/* Stands for a line break inside one token (a paragraph) while the
 * tokens go through libgit2's line merge as one line each. */
#define TOKEN_BREAK '\x1e'
#define MARKER_SIZE 17

void
aushang_git_conflict_free (AushangGitConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->path);
  g_free (conflict->key);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict->title);
  g_free (conflict->description);
  g_clear_pointer (&conflict->theirs_value, aushang_value_unref);
  g_clear_pointer (&conflict->theirs_bytes, g_bytes_unref);
  g_free (conflict);
}

static gboolean
bytes_equal0 (GBytes *a,
              GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

static gboolean
is_text (GBytes *bytes)
{
  gsize length;
  const char *data;

  if (bytes == NULL)
    return TRUE;
  data = g_bytes_get_data (bytes, &length);
  return memchr (data, '\0', length) == NULL &&
         memchr (data, TOKEN_BREAK, length) == NULL &&
         g_utf8_validate (data, length, NULL);
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize length = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &length) : "";

  return g_strndup (data, length);
}

/* @title: what the person knows the document by (its title), or NULL
 * for its file name. */
static AushangGitConflict *
conflict_new (const char *path,
              const char *title,
              const char *key,
              const char *mine,
              const char *theirs)
{
  AushangGitConflict *conflict = g_new0 (AushangGitConflict, 1);

  conflict->path = g_strdup (path);
  conflict->title = title != NULL && *title != '\0' ? g_strdup (title) : g_path_get_basename (path);
  conflict->entry = -1;
  conflict->key = g_strdup (key);
  conflict->mine = g_strdup (mine);
  conflict->theirs = g_strdup (theirs);
  if (key != NULL)
    /* Translators: the first %s is a field like “title”, the second a
     * document's title or file name. */
    conflict->description = g_strdup_printf (_("The field “%s” of “%s” was changed here and on the website."),
                                             key, conflict->title);
  else
    /* Translators: %s is a document's title or file name. */
    conflict->description = g_strdup_printf (_("The same passage of “%s” was changed here and on the website."),
                                             conflict->title);
  return conflict;
}

/* The title of the person's version of a document, or NULL. */
static const char *
document_title (AushangDocument *document)
{
  AushangFrontMatter *fm = document ? aushang_document_get_front_matter (document) : NULL;
  AushangValue *title = fm ? aushang_front_matter_get (fm, "title") : NULL;

  if (title == NULL || aushang_value_get_kind (title) != AUSHANG_VALUE_STRING)
    return NULL;
  return aushang_value_get_string (title);
}

/* Splits @text into tokens: each paragraph (a run of lines that are not
 * blank) is one token, each blank line one more; in line mode every line
 * is a token. Then encodes them for libgit2's line merge: one line each,
 * their own line breaks replaced by TOKEN_BREAK. */
static char *
encode_tokens (const char *text,
               gboolean    paragraphs)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  gboolean in_paragraph = FALSE;

  while (*p != '\0')
    {
      const char *end = strchr (p, '\n');
      gsize len = end ? (gsize) (end - p) + 1 : strlen (p);
      gboolean blank = TRUE;

      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isspace (p[i]))
          {
            blank = FALSE;
            break;
          }

      /* A new token starts at every line in line mode; in paragraph mode
       * at a blank line and at the first line after one. */
      if (out->len > 0 && (!paragraphs || blank || !in_paragraph))
        g_string_append_c (out, '\n');
      in_paragraph = paragraphs && !blank;

      for (gsize i = 0; i < len; i++)
        g_string_append_c (out, p[i] == '\n' ? TOKEN_BREAK : p[i]);
      p += len;
    }
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

static void
append_decoded (GString    *out,
                const char *line,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_c (out, line[i] == TOKEN_BREAK ? '\n' : line[i]);
}

/* Merges @ours and @theirs (text) against @base token by token. The result
 * has ours wherever both changed the same token; each such place is one
 * conflict. */
static char *
merge_tokens (const char *path,
              const char *title,
              const char *base,
              const char *ours,
              const char *theirs,
              gboolean    paragraphs,
              GPtrArray  *conflicts)
{
  g_autofree char *b = encode_tokens (base, paragraphs);
  g_autofree char *o = encode_tokens (ours, paragraphs);
  g_autofree char *t = encode_tokens (theirs, paragraphs);
  git_merge_file_input in_b = GIT_MERGE_FILE_INPUT_INIT;
  git_merge_file_input in_o = GIT_MERGE_FILE_INPUT_INIT;
  git_merge_file_input in_t = GIT_MERGE_FILE_INPUT_INIT;
  git_merge_file_options options = GIT_MERGE_FILE_OPTIONS_INIT;
  git_merge_file_result result = { 0, };
  GString *out = g_string_new (NULL);
  g_autoptr(GString) mine = g_string_new (NULL);
  g_autoptr(GString) other = g_string_new (NULL);
  enum { OUTSIDE, MINE, BASE, THEIRS } state = OUTSIDE;
  const char *p, *end;

  in_b.ptr = b, in_b.size = strlen (b);
  in_o.ptr = o, in_o.size = strlen (o);
  in_t.ptr = t, in_t.size = strlen (t);
  options.flags = GIT_MERGE_FILE_STYLE_DIFF3;
  options.marker_size = MARKER_SIZE;

  aushang_git_ensure_init ();
  if (git_merge_file (&result, &in_b, &in_o, &in_t, &options) < 0)
    {
      /* Cannot happen with text; keep the person's version whole. */
      g_ptr_array_add (conflicts, conflict_new (path, title, NULL, ours, theirs));
      g_string_free (out, TRUE);
      return g_strdup (ours);
    }

  p = result.ptr;
  end = result.ptr + result.len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize len = nl ? (gsize) (nl - p) : (gsize) (end - p);
      gboolean marker = len >= MARKER_SIZE;

      for (guint i = 0; marker && i < MARKER_SIZE; i++)
        marker = p[i] == p[0];
      marker = marker && strchr ("<|=>", p[0]) != NULL &&
               (len == MARKER_SIZE || p[MARKER_SIZE] == ' ');

      if (marker && p[0] == '<' && state == OUTSIDE)
        {
          state = MINE;
          g_string_truncate (mine, 0);
          g_string_truncate (other, 0);
        }
      else if (marker && p[0] == '|' && state == MINE)
        state = BASE;
      else if (marker && p[0] == '=' && (state == MINE || state == BASE))
        state = THEIRS;
      else if (marker && p[0] == '>' && state == THEIRS)
        {
          state = OUTSIDE;
          g_string_append (out, mine->str);
          g_ptr_array_add (conflicts, conflict_new (path, title, NULL, mine->str, other->str));
        }
      else if (state == OUTSIDE)
        append_decoded (out, p, len);
      else if (state == MINE)
        append_decoded (mine, p, len);
      else if (state == THEIRS)
        append_decoded (other, p, len);

      p += len + 1;
    }

  git_merge_file_result_free (&result);

  return g_string_free (out, FALSE);
}

static gboolean
value_equal0 (AushangValue *a,
              AushangValue *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return aushang_value_equal (a, b);
}

static char *
value_text (AushangValue *value)
{
  if (value == NULL)
    return g_strdup ("");
  return aushang_value_to_display (value);
}

static AushangValue *
get_ref (AushangFrontMatter *fm,
         const char         *key)
{
  AushangValue *value = fm && aushang_front_matter_has_key (fm, key) ? aushang_front_matter_get (fm, key) : NULL;

  return value ? aushang_value_ref (value) : NULL;
}

static void
add_keys (GPtrArray          *keys,
          AushangFrontMatter *fm)
{
  g_auto(GStrv) list = fm ? aushang_front_matter_dup_keys (fm) : NULL;

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (keys, list[i], g_str_equal, NULL))
      g_ptr_array_add (keys, g_strdup (list[i]));
}

static gboolean
document_readable (AushangDocument *document)
{
  return aushang_document_get_has_front_matter (document) &&
         aushang_document_get_problem (document, NULL, NULL) == NULL;
}

/* Documents with front matter on all sides: fields, then the text. NULL
 * when one side's front matter cannot be read (then the whole file is
 * merged line by line). */
static GBytes *
merge_document (const char *path,
                const char *base,
                const char *ours,
                const char *theirs,
                GPtrArray  *conflicts)
{
  g_autoptr(AushangDocument) b = aushang_document_new_from_data (base, strlen (base));
  g_autoptr(AushangDocument) o = aushang_document_new_from_data (ours, strlen (ours));
  g_autoptr(AushangDocument) t = aushang_document_new_from_data (theirs, strlen (theirs));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  AushangFrontMatter *fm_b, *fm_o, *fm_t;
  const char *body_b, *body_o, *body_t;

  if (!document_readable (o) || !document_readable (t))
    return NULL;
  if (*base != '\0' && !document_readable (b))
    return NULL;

  fm_b = *base != '\0' ? aushang_document_get_front_matter (b) : NULL;
  fm_o = aushang_document_get_front_matter (o);
  fm_t = aushang_document_get_front_matter (t);
  add_keys (keys, fm_b);
  add_keys (keys, fm_o);
  add_keys (keys, fm_t);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      /* Borrowed values go stale when the front matter is edited: each
       * is held here. */
      g_autoptr(AushangValue) vb = get_ref (fm_b, key);
      g_autoptr(AushangValue) vo = get_ref (fm_o, key);
      g_autoptr(AushangValue) vt = get_ref (fm_t, key);
      g_autoptr(GError) error = NULL;
      gboolean applied;

      if (value_equal0 (vo, vt) || value_equal0 (vb, vt))
        continue;

      if (value_equal0 (vb, vo))
        {
          /* Only they changed it: take their value into the person's text. */
          if (vt == NULL)
            applied = aushang_front_matter_remove (fm_o, key, &error);
          else
            applied = aushang_front_matter_set_value (fm_o, key, vt, &error);
          if (applied)
            continue;
          g_debug ("Could not apply “%s” of %s: %s", key, path, error->message);
        }

      {
        g_autofree char *mine = value_text (vo);
        g_autofree char *other = value_text (vt);
        AushangGitConflict *conflict = conflict_new (path, document_title (o), key, mine, other);

        conflict->theirs_value = vt ? aushang_value_ref (vt) : NULL;
        g_ptr_array_add (found, conflict);
      }
    }

  body_b = *base != '\0' ? aushang_document_get_body (b) : "";
  body_o = aushang_document_get_body (o);
  body_t = aushang_document_get_body (t);
  if (g_strcmp0 (body_o, body_t) != 0 && g_strcmp0 (body_b, body_t) != 0)
    {
      if (g_strcmp0 (body_b, body_o) == 0)
        aushang_document_set_body (o, body_t);
      else
        {
          g_autofree char *body = merge_tokens (path, document_title (o), body_b, body_o, body_t, TRUE, found);

          aushang_document_set_body (o, body);
        }
    }

  g_ptr_array_extend_and_steal (conflicts, g_steal_pointer (&found));

  return aushang_document_serialize (o);
}

static AushangDataFile *
entries_from (const char *name,
              const char *text)
{
  g_autoptr(AushangDataFile) file = aushang_data_file_new_from_data (name, text, strlen (text));

  if (aushang_data_file_get_kind (file) != AUSHANG_DATA_FILE_ENTRIES ||
      aushang_data_file_get_error (file, NULL, NULL) != NULL)
    return NULL;
  return g_steal_pointer (&file);
}

static void
add_map_keys (GPtrArray    *keys,
              AushangValue *map)
{
  if (map == NULL || aushang_value_get_kind (map) != AUSHANG_VALUE_MAP)
    return;
  for (guint i = 0; i < aushang_value_get_length (map); i++)
    {
      const char *key = aushang_value_get_key (map, i);

      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, g_strdup (key));
    }
}

static AushangValue *
lookup_ref (AushangValue *map,
            const char   *key)
{
  AushangValue *value = map && aushang_value_get_kind (map) == AUSHANG_VALUE_MAP
                        ? aushang_value_lookup (map, key) : NULL;

  return value ? aushang_value_ref (value) : NULL;
}

/* A data list (_data/events.yml) with the same entries on all sides:
 * merged field by field within each entry, the other side's changes
 * written with the lossless editor into the person's text. NULL when the
 * entries do not line up (added, removed or hidden on one side): then
 * the file is merged line by line. */
static GBytes *
merge_entries (const char *path,
               const char *base,
               const char *ours,
               const char *theirs,
               GPtrArray  *conflicts)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(AushangDataFile) b = NULL;
  g_autoptr(AushangDataFile) o = NULL;
  g_autoptr(AushangDataFile) t = NULL;
  g_autoptr(GPtrArray) found = NULL;
  guint n;

  if (!aushang_data_file_name_is_data (name) || *base == '\0')
    return NULL;
  b = entries_from (name, base);
  o = entries_from (name, ours);
  t = entries_from (name, theirs);
  if (b == NULL || o == NULL || t == NULL)
    return NULL;
  n = aushang_data_file_get_n_entries (b);
  if (aushang_data_file_get_n_entries (o) != n || aushang_data_file_get_n_entries (t) != n)
    return NULL;

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  for (guint i = 0; i < n; i++)
    {
      gboolean hb = FALSE, ho = FALSE, ht = FALSE;
      g_autoptr(AushangValue) eb = NULL;
      g_autoptr(AushangValue) eo = NULL;
      g_autoptr(AushangValue) et = NULL;
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      AushangValue *value;

      /* Held: an edit reads the file again, borrowed values go stale. */
      value = aushang_data_file_get_entry (b, i, &hb, NULL, NULL);
      eb = value ? aushang_value_ref (value) : NULL;
      value = aushang_data_file_get_entry (o, i, &ho, NULL, NULL);
      eo = value ? aushang_value_ref (value) : NULL;
      value = aushang_data_file_get_entry (t, i, &ht, NULL, NULL);
      et = value ? aushang_value_ref (value) : NULL;

      if (hb != ho || hb != ht)
        return NULL;
      if (value_equal0 (eo, et) || value_equal0 (eb, et))
        continue;
      if (hb)
        return NULL;
      if (eb == NULL || eo == NULL || et == NULL ||
          aushang_value_get_kind (eb) != AUSHANG_VALUE_MAP ||
          aushang_value_get_kind (eo) != AUSHANG_VALUE_MAP ||
          aushang_value_get_kind (et) != AUSHANG_VALUE_MAP)
        return NULL;

      add_map_keys (keys, eb);
      add_map_keys (keys, eo);
      add_map_keys (keys, et);
      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          g_autoptr(AushangValue) vb = lookup_ref (eb, key);
          g_autoptr(AushangValue) vo = lookup_ref (eo, key);
          g_autoptr(AushangValue) vt = lookup_ref (et, key);
          g_autoptr(GError) error = NULL;
          gboolean applied;

          if (value_equal0 (vo, vt) || value_equal0 (vb, vt))
            continue;
          if (value_equal0 (vb, vo))
            {
              if (vt == NULL)
                applied = aushang_data_file_unset (o, i, key, &error);
              else
                applied = aushang_data_file_set_value (o, i, key, vt, &error);
              if (applied)
                continue;
              g_debug ("Could not apply “%s” of entry %u of %s: %s", key, i, path, error->message);
              return NULL;
            }

          {
            g_autofree char *mine = value_text (vo);
            g_autofree char *other = value_text (vt);
            g_autofree char *title = aushang_entry_dup_title (eo, i);
            AushangGitConflict *conflict = conflict_new (path, title, key, mine, other);

            conflict->entry = i;
            conflict->theirs_value = vt ? aushang_value_ref (vt) : NULL;
            g_free (conflict->description);
            /* Translators: a field like “time”, an entry's title, a file name. */
            conflict->description = g_strdup_printf (_("The field “%s” of “%s” (%s) was changed here and on the website."),
                                                     key, title, name);
            g_ptr_array_add (found, conflict);
          }
        }
    }

  g_ptr_array_extend_and_steal (conflicts, g_steal_pointer (&found));
  return aushang_data_file_serialize (o);
}

static gboolean
looks_like_document (const char *text)
{
  return g_str_has_prefix (text, "---\n") || g_str_has_prefix (text, "---\r\n") ||
         g_str_has_prefix (text, "\xef\xbb\xbf---");
}

GBytes *
aushang_git_merge_file (const char *path,
                        GBytes     *base,
                        GBytes     *ours,
                        GBytes     *theirs,
                        GPtrArray  *conflicts)
{
  g_autofree char *b = NULL;
  g_autofree char *o = NULL;
  g_autofree char *t = NULL;
  g_autofree char *merged = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  /* One side deleted the file: the other one's changes win, nothing that
   * was written is lost. */
  if (ours == NULL && theirs == NULL)
    return NULL;
  if (ours == NULL)
    return bytes_equal0 (base, theirs) ? NULL : g_bytes_ref (theirs);
  if (theirs == NULL)
    return bytes_equal0 (base, ours) ? NULL : g_bytes_ref (ours);

  if (bytes_equal0 (ours, theirs) || bytes_equal0 (base, theirs))
    return g_bytes_ref (ours);
  if (bytes_equal0 (base, ours))
    return g_bytes_ref (theirs);

  if (!is_text (base) || !is_text (ours) || !is_text (theirs))
    {
      g_autofree char *name = g_path_get_basename (path);
      AushangGitConflict *conflict = g_new0 (AushangGitConflict, 1);

      conflict->path = g_strdup (path);
      conflict->title = g_strdup (name);
      conflict->binary = TRUE;
      conflict->entry = -1;
      conflict->theirs_bytes = g_bytes_ref (theirs);
      /* Translators: %s is a file name, like an image. */
      conflict->description = g_strdup_printf (_("“%s” was replaced here and on the website."), name);
      g_ptr_array_add (conflicts, conflict);
      return g_bytes_ref (ours);
    }

  b = bytes_to_string (base);
  o = bytes_to_string (ours);
  t = bytes_to_string (theirs);

  if (looks_like_document (o) && looks_like_document (t))
    {
      GBytes *result = merge_document (path, b, o, t, conflicts);

      if (result != NULL)
        return result;
    }

  {
    GBytes *result = merge_entries (path, b, o, t, conflicts);

    if (result != NULL)
      return result;
  }

  merged = merge_tokens (path, NULL, b, o, t, FALSE, conflicts);
  length = strlen (merged);
  return g_bytes_new_take (g_steal_pointer (&merged), length);
}
