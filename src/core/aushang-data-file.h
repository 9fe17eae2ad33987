/* aushang-data-file.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-schema.h"
#include "aushang-value.h"
#include "aushang-yaml-edit.h"

G_BEGIN_DECLS

#define AUSHANG_DATA_FILE_ERROR (aushang_data_file_error_quark ())

typedef enum
{
  AUSHANG_DATA_FILE_ERROR_NOT_TEXT,
  AUSHANG_DATA_FILE_ERROR_TOO_LARGE,
  AUSHANG_DATA_FILE_ERROR_CHANGED_ON_DISK,
  AUSHANG_DATA_FILE_ERROR_READ_ONLY,
  AUSHANG_DATA_FILE_ERROR_NOT_ENTRIES,
  AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
} AushangDataFileError;

GQuark aushang_data_file_error_quark (void);

/* What a data file is, and so how it can be edited. */
typedef enum
{
  /* A YAML list of maps: entries, edited one field at a time. */
  AUSHANG_DATA_FILE_ENTRIES,
  /* Any other YAML (a map, a list of strings, nested data, or YAML that
   * cannot be read yet): edited as text, which is checked before it is
   * taken. */
  AUSHANG_DATA_FILE_YAML,
  /* JSON, CSV and TSV: shown, not edited (see get_read_only_reason). */
  AUSHANG_DATA_FILE_READ_ONLY,
} AushangDataFileKind;

/* Data files larger than this are refused. */
#define AUSHANG_DATA_FILE_MAX_SIZE (16 * 1024 * 1024)

#define AUSHANG_TYPE_DATA_FILE (aushang_data_file_get_type ())

G_DECLARE_FINAL_TYPE (AushangDataFile, aushang_data_file, AUSHANG, DATA_FILE, GObject)

/* A file of a site's _data folder: _data/events.yml, _data/team.yaml,
 * _data/people/staff.yml, _data/members.json.
 *
 * Entries are counted from 0 in file order, entries someone hid by
 * commenting them out ("#- title: …") included; the command line counts
 * from 1. Every edit changes only the bytes of what it addresses (the
 * lossless editor, aushang-yaml-edit, does it and checks it); "changed" is
 * emitted after each edit that changed the text, and "modified" says
 * whether there is something to save. */

/* Reads @file: a regular file of at most AUSHANG_DATA_FILE_MAX_SIZE bytes
 * that is text (no NUL bytes, UTF-8). YAML that cannot be read still
 * loads (see get_error), to be shown and fixed, never rewritten. */
AushangDataFile    *aushang_data_file_load           (GFile            *file,
                                                      GError          **error);
/* A data file from bytes (tests; @name like "events.yml" decides the
 * format). */
AushangDataFile    *aushang_data_file_new_from_data  (const char       *name,
                                                      const char       *data,
                                                      gsize             length);

/* A data file for @file with @contents instead of what is on disk
 * (unsaved text from the recovery area): modified, and saving it checks
 * against the file as it is on disk now. */
AushangDataFile    *aushang_data_file_restore        (GFile            *file,
                                                      GBytes           *contents);

GFile              *aushang_data_file_get_file       (AushangDataFile  *self);
/* The file name without extension ("events"): what it is called in
 * site.data. */
const char         *aushang_data_file_get_name       (AushangDataFile  *self);
/* A name for people: "Events" ("Veranstaltungen") for events.yml,
 * "Team" for team.yml and the like, else a readable form of the file's
 * name ("jekyllconf-talks" → "Jekyllconf talks"). */
char               *aushang_data_file_dup_label      (AushangDataFile  *self);
AushangDataFileKind aushang_data_file_get_kind       (AushangDataFile  *self);
/* Why a READ_ONLY file cannot be edited, in plain words; NULL otherwise. */
const char         *aushang_data_file_get_read_only_reason (AushangDataFile *self);
/* The YAML's problem, or NULL; line and column of the file, 1-based. */
const GError       *aushang_data_file_get_error      (AushangDataFile  *self,
                                                      guint            *line,
                                                      guint            *column);
/* The editor underneath (YAML files only; NULL for READ_ONLY). */
AushangYamlEdit    *aushang_data_file_get_yaml       (AushangDataFile  *self);
/* The whole file as it would be written now. */
GBytes             *aushang_data_file_serialize      (AushangDataFile  *self);
/* The text without a byte order mark. */
const char         *aushang_data_file_get_text       (AushangDataFile  *self);
/* What Jekyll reads (null for an empty file). */
AushangValue       *aushang_data_file_get_data       (AushangDataFile  *self);
/* Replaces the whole text (YAML files): refused with the line of the
 * problem, and nothing changed, when @text is not valid YAML. The kind
 * may change (a list of maps becomes entries). */
gboolean            aushang_data_file_replace_text   (AushangDataFile  *self,
                                                      const char       *text,
                                                      GError          **error);

gboolean            aushang_data_file_get_modified   (AushangDataFile  *self);
void                aushang_data_file_set_modified   (AushangDataFile  *self,
                                                      gboolean          modified);
/* Saves over the file, unless someone else changed it since it was read
 * (AUSHANG_DATA_FILE_ERROR_CHANGED_ON_DISK). */
gboolean            aushang_data_file_save           (AushangDataFile  *self,
                                                      GError          **error);
/* Saves even though the file changed on disk. */
gboolean            aushang_data_file_save_overwrite (AushangDataFile  *self,
                                                      GError          **error);

/* Entries (ENTRIES files; 0 and refusals otherwise). */
guint               aushang_data_file_get_n_entries  (AushangDataFile  *self);
/* Entry @index as a map (NULL when out of range); whether it is hidden;
 * its first and last file line. */
AushangValue       *aushang_data_file_get_entry      (AushangDataFile  *self,
                                                      guint             index,
                                                      gboolean         *hidden,
                                                      guint            *first_line,
                                                      guint            *last_line);
/* The file line of @key in entry @index (0 when absent or hidden). */
guint               aushang_data_file_get_key_line   (AushangDataFile  *self,
                                                      guint             index,
                                                      const char       *key);
/* The fields, inferred from every entry (hidden ones too). Cached until the
 * text changes. */
AushangSchema      *aushang_data_file_get_schema     (AushangDataFile  *self);
/* The date field that orders the list ("date"), and whether the entries
 * stand by it: 1 oldest first, -1 newest first, 0 not ordered. NULL when
 * the list has no date field. */
const char         *aushang_data_file_get_date_key   (AushangDataFile  *self,
                                                      int              *order);
/* The date of entry @index (its date field read the way Jekyll reads
 * it), or NULL. */
GDateTime          *aushang_data_file_dup_entry_date (AushangDataFile  *self,
                                                      guint             index);
/* @text as the list writes @key: a date in its form (quoted or a YAML
 * date), a time, true/false, a number; other text as text. */
AushangValue       *aushang_data_file_value_from_text (AushangDataFile *self,
                                                      const char       *key,
                                                      const char       *text);
/* The same for @key of entry @index, as the other entries write it (so
 * that the entry's own value does not decide, and the same text always
 * gives the same value); set_text uses this. */
AushangValue       *aushang_data_file_entry_value_from_text (AushangDataFile *self,
                                                            guint            index,
                                                            const char      *key,
                                                            const char      *text);

/* Edits of one entry; hidden entries must be shown first. */
gboolean            aushang_data_file_set_value      (AushangDataFile  *self,
                                                      guint             index,
                                                      const char       *key,
                                                      AushangValue     *value,
                                                      GError          **error);
/* Sets @key from text, converted by entry_value_from_text. */
gboolean            aushang_data_file_set_text       (AushangDataFile  *self,
                                                      guint             index,
                                                      const char       *key,
                                                      const char       *text,
                                                      GError          **error);
gboolean            aushang_data_file_unset          (AushangDataFile  *self,
                                                      guint             index,
                                                      const char       *key,
                                                      GError          **error);

/* Adds @entry (a map) where the list's order says: by date for a list
 * ordered by its dates, else at the end. Its keys are put in the list's
 * order, and numbers that grow by a constant step get their next value
 * when @entry has none. Returns the new entry's index, or -1. */
gint                aushang_data_file_add_entry      (AushangDataFile  *self,
                                                      AushangValue     *entry,
                                                      GError          **error);
/* Where add_entry would put @entry. */
guint               aushang_data_file_find_place     (AushangDataFile  *self,
                                                      AushangValue     *entry);
gboolean            aushang_data_file_insert_entry   (AushangDataFile  *self,
                                                      guint             index,
                                                      AushangValue     *entry,
                                                      GError          **error);
gboolean            aushang_data_file_remove_entry   (AushangDataFile  *self,
                                                      guint             index,
                                                      GError          **error);
gboolean            aushang_data_file_duplicate_entry (AushangDataFile *self,
                                                      guint             index,
                                                      GError          **error);
gboolean            aushang_data_file_move_entry     (AushangDataFile  *self,
                                                      guint             from,
                                                      guint             to,
                                                      GError          **error);
/* Comments out each line of the entry with "# ", as people do by hand;
 * showing it takes that away again (hide then show gives back the same
 * bytes). */
gboolean            aushang_data_file_hide_entry     (AushangDataFile  *self,
                                                      guint             index,
                                                      GError          **error);
gboolean            aushang_data_file_show_entry     (AushangDataFile  *self,
                                                      guint             index,
                                                      GError          **error);

/* Whether @name is a file Jekyll reads as data (.yml, .yaml, .json, .csv,
 * .tsv, in that case). */
gboolean            aushang_data_file_name_is_data   (const char       *name);

G_END_DECLS
