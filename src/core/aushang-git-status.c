/* aushang-git-status.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-git"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-data-file.h"
#include "aushang-entry-util.h"
#include "aushang-document.h"
#include "aushang-front-matter.h"
#include "aushang-git.h"
#include "aushang-git-private.h"

/* What will be published, in the words of the site: "New post: …",
 * "Event changed: …", "Image added: …". */

typedef enum
{
  KIND_POST,
  KIND_DRAFT,
  KIND_PAGE,
  KIND_DOCUMENT,
  KIND_IMAGE,
  KIND_FILE,
} Kind;

/* [kind][added, changed, deleted] */
static const char *phrases[][3] = {
  [KIND_POST] = { N_("New post: %s"), N_("Post changed: %s"), N_("Post deleted: %s") },
  [KIND_DRAFT] = { N_("New draft: %s"), N_("Draft changed: %s"), N_("Draft deleted: %s") },
  [KIND_PAGE] = { N_("New page: %s"), N_("Page changed: %s"), N_("Page deleted: %s") },
  [KIND_DOCUMENT] = { N_("New document: %s"), N_("Document changed: %s"), N_("Document deleted: %s") },
  [KIND_IMAGE] = { N_("Image added: %s"), N_("Image replaced: %s"), N_("Image removed: %s") },
  [KIND_FILE] = { N_("File added: %s"), N_("File changed: %s"), N_("File deleted: %s") },
};

static void
add_change (GPtrArray            *changes,
            AushangGitChangeKind  kind,
            const char           *path,
            char                 *description)
{
  AushangGitChange *change = g_new0 (AushangGitChange, 1);

  change->kind = kind;
  change->path = g_strdup (path);
  change->description = description;
  g_ptr_array_add (changes, change);
}

/* The same for an entry of a data list, which the change keeps, so that
 * the list can mark the entry itself. */
static void
add_entry_change (GPtrArray            *changes,
                  AushangGitChangeKind  kind,
                  const char           *path,
                  AushangValue         *entry,
                  char                 *description)
{
  AushangGitChange *change;

  add_change (changes, kind, path, description);
  change = g_ptr_array_index (changes, changes->len - 1);
  change->entry = aushang_value_ref (entry);
}

static gboolean
is_image (const char *path)
{
  static const char *extensions[] = { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".ico" };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

static gboolean
name_in (const char *name,
         const char *list)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  g_autofree char *spaced = g_strconcat (" ", lower, " ", NULL);

  return strstr (list, spaced) != NULL;
}

/* A document's title, else its file name. */
static char *
dup_title (const char *path,
           GBytes     *bytes)
{
  if (bytes != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      if (data != NULL && aushang_document_is_text (data, length))
        {
          g_autoptr(AushangDocument) document = aushang_document_new_from_data (data, length);
          AushangFrontMatter *fm = aushang_document_get_front_matter (document);
          AushangValue *title = fm ? aushang_front_matter_get (fm, "title") : NULL;

          if (title != NULL && aushang_value_get_kind (title) == AUSHANG_VALUE_STRING &&
              *aushang_value_get_string (title) != '\0')
            return g_strdup (aushang_value_get_string (title));
        }
    }
  return g_path_get_basename (path);
}

static AushangDataFile *
data_file_from (const char *name,
                GBytes     *bytes)
{
  gsize length = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &length) : "";
  g_autoptr(AushangDataFile) file = aushang_data_file_new_from_data (name, data ? data : "", length);

  if (aushang_data_file_get_kind (file) != AUSHANG_DATA_FILE_ENTRIES ||
      aushang_data_file_get_error (file, NULL, NULL) != NULL)
    return NULL;
  return g_steal_pointer (&file);
}

static GPtrArray *
entries_of (AushangDataFile *file)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
  guint n = file ? aushang_data_file_get_n_entries (file) : 0;

  for (guint i = 0; i < n; i++)
    {
      gboolean hidden = FALSE;
      AushangValue *entry = aushang_data_file_get_entry (file, i, &hidden, NULL, NULL);

      /* A hidden entry counts as gone from the website. */
      if (entry != NULL && !hidden)
        g_ptr_array_add (entries, aushang_value_ref (entry));
    }
  return entries;
}

static int
find_entry (GPtrArray    *entries,
            AushangValue *entry,
            gboolean      by_title,
            gboolean     *used)
{
  g_autofree char *title = by_title ? aushang_entry_dup_title (entry, 0) : NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      AushangValue *other = g_ptr_array_index (entries, i);

      if (used[i])
        continue;
      if (!by_title && aushang_value_equal (entry, other))
        return i;
      if (by_title)
        {
          g_autofree char *other_title = aushang_entry_dup_title (other, 0);

          if (g_strcmp0 (title, other_title) == 0)
            return i;
        }
    }
  return -1;
}

/* How many keys two entries (maps) give the same value, and how many
 * keys they have between them. */
static void
count_same (AushangValue *a,
            AushangValue *b,
            guint        *same,
            guint        *keys)
{
  guint na = aushang_value_get_kind (a) == AUSHANG_VALUE_MAP ? aushang_value_get_length (a) : 0;
  guint nb = aushang_value_get_kind (b) == AUSHANG_VALUE_MAP ? aushang_value_get_length (b) : 0;

  *same = 0;
  *keys = nb;
  for (guint i = 0; i < na; i++)
    {
      const char *key = aushang_value_get_key (a, i);
      AushangValue *other = aushang_value_lookup (b, key);

      if (other == NULL)
        (*keys)++;
      else if (aushang_value_equal (aushang_value_lookup (a, key), other))
        (*same)++;
    }
}

/* The unused entry of @entries most like @entry, when at least half of
 * their keys hold the same values: an event whose title changed but not
 * its date, time and place is that event changed, not a new one. */
static int
find_similar_entry (GPtrArray    *entries,
                    AushangValue *entry,
                    gboolean     *used)
{
  int best = -1;
  guint best_same = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      guint same, keys;

      if (used[i])
        continue;
      count_same (entry, g_ptr_array_index (entries, i), &same, &keys);
      if (same > best_same && same * 2 >= keys)
        {
          best = i;
          best_same = same;
        }
    }
  return best;
}

/* A data list: one change per entry added, changed or removed. FALSE when
 * the file is no list of entries on either side. */
static gboolean
describe_entries (const char *path,
                  GBytes     *old,
                  GBytes     *new,
                  GPtrArray  *changes)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(AushangDataFile) old_file = old ? data_file_from (name, old) : NULL;
  g_autoptr(AushangDataFile) new_file = new ? data_file_from (name, new) : NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree gboolean *used = NULL;
  g_autofree int *match = NULL;
  g_autofree char *label = NULL;
  gboolean events;
  guint count = changes->len;

  if ((old != NULL && old_file == NULL) || (new != NULL && new_file == NULL))
    return FALSE;

  label = aushang_data_file_dup_label (new_file ? new_file : old_file);
  {
    g_autofree char *stem = g_strndup (name, strcspn (name, "."));

    events = name_in (stem, " events event termine veranstaltungen kalender calendar ");
  }

  before = entries_of (old_file);
  after = entries_of (new_file);
  used = g_new0 (gboolean, before->len + 1);
  match = g_new0 (int, after->len + 1);

  /* First the entries that stayed as they were, then those that kept
   * their title or most of their values (changed), the rest is new or
   * removed. */
  for (guint i = 0; i < after->len; i++)
    {
      match[i] = find_entry (before, g_ptr_array_index (after, i), FALSE, used);
      if (match[i] >= 0)
        used[match[i]] = TRUE;
    }
  for (guint i = 0; i < after->len; i++)
    {
      AushangValue *entry = g_ptr_array_index (after, i);
      g_autofree char *title = aushang_entry_dup_title (entry, i);
      int j;

      if (match[i] >= 0)
        continue;
      j = find_entry (before, entry, TRUE, used);
      if (j < 0)
        j = find_similar_entry (before, entry, used);
      if (j >= 0)
        {
          used[j] = TRUE;
          add_entry_change (changes, AUSHANG_GIT_CHANGE_CHANGED, path, entry,
                            events ? g_strdup_printf (_("Event changed: %s"), title)
                                   /* Translators: the first %s is a list like “Team”, the second an entry. */
                                   : g_strdup_printf (_("Entry in “%s” changed: %s"), label, title));
        }
      else
        add_entry_change (changes, AUSHANG_GIT_CHANGE_ADDED, path, entry,
                          events ? g_strdup_printf (_("New event: %s"), title)
                                 : g_strdup_printf (_("New entry in “%s”: %s"), label, title));
    }
  for (guint j = 0; j < before->len; j++)
    {
      g_autofree char *title = NULL;

      if (used[j])
        continue;
      title = aushang_entry_dup_title (g_ptr_array_index (before, j), j);
      add_change (changes, AUSHANG_GIT_CHANGE_DELETED, path,
                  events ? g_strdup_printf (_("Event removed: %s"), title)
                         : g_strdup_printf (_("Entry removed from “%s”: %s"), label, title));
    }

  /* Only comments or the order changed. */
  if (changes->len == count)
    add_change (changes, AUSHANG_GIT_CHANGE_CHANGED, path,
                /* Translators: %s is a list like “Events”. */
                g_strdup_printf (_("List changed: %s"), label));
  return TRUE;
}

void
aushang_git_describe_change (const char *path,
                             GBytes     *old,
                             GBytes     *new,
                             GPtrArray  *changes)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  AushangGitChangeKind change = old == NULL ? AUSHANG_GIT_CHANGE_ADDED
                              : new == NULL ? AUSHANG_GIT_CHANGE_DELETED
                                            : AUSHANG_GIT_CHANGE_CHANGED;
  Kind kind = KIND_FILE;
  g_autofree char *title = NULL;
  guint n = g_strv_length (parts);

  if (strcmp (path, "_config.yml") == 0)
    {
      add_change (changes, change, path, g_strdup (_("Website settings changed")));
      return;
    }

  if (n >= 2 && strcmp (parts[0], "_data") == 0 &&
      aushang_data_file_name_is_data (parts[n - 1]) &&
      describe_entries (path, old, new, changes))
    return;

  if (is_image (path))
    kind = KIND_IMAGE;
  else if (g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".markdown") ||
           g_str_has_suffix (path, ".html"))
    {
      kind = KIND_PAGE;
      for (guint i = 0; i + 1 < n; i++)
        {
          if (strcmp (parts[i], "_posts") == 0)
            kind = KIND_POST;
          else if (strcmp (parts[i], "_drafts") == 0)
            kind = KIND_DRAFT;
          else if (i == 0 && parts[0][0] == '_')
            {
              if (name_in (parts[0] + 1, " layouts includes sass site plugins data "))
                kind = KIND_FILE;
              else if (name_in (parts[0] + 1, " beitraege beiträge news neuigkeiten blog artikel posts aktuelles meldungen "))
                kind = KIND_POST;
              else
                kind = KIND_DOCUMENT;
            }
        }
    }

  if (kind == KIND_IMAGE || kind == KIND_FILE)
    title = g_strdup (path);
  else
    title = dup_title (path, new ? new : old);

  add_change (changes, change, path, g_strdup_printf (_(phrases[kind][change]), title));
}

char *
aushang_git_changes_to_message (GPtrArray *changes)
{
  GString *message;
  AushangGitChange *first;

  g_return_val_if_fail (changes != NULL, NULL);

  if (changes->len == 0)
    return g_strdup (_("Update the website"));

  first = g_ptr_array_index (changes, 0);
  message = g_string_new (first->description);
  if (changes->len == 1)
    return g_string_free (message, FALSE);

  g_string_append_printf (message,
                          /* Translators: after the first change, "… and 3 more". */
                          g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", changes->len - 1),
                          changes->len - 1);
  g_string_append (message, "\n");
  for (guint i = 0; i < changes->len; i++)
    {
      AushangGitChange *change = g_ptr_array_index (changes, i);

      g_string_append_printf (message, "\n- %s", change->description);
    }
  return g_string_free (message, FALSE);
}
