/* fuzz-data-file.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A _data list is read, one entry operation runs, and the file is written
 * out again. The promises checked on every input:
 *
 * - nothing crashes or hangs;
 * - an unedited file serialises to its input bytes exactly;
 * - a refused operation (FALSE, with a message) changes no byte;
 * - after an operation the written bytes, read again from scratch, give
 *   the same entries and the same data;
 * - setting or removing a field: the entry reads the new value (or none),
 *   every other entry reads as before, and no byte before the entry's
 *   first line or after its last line changes;
 * - an added entry reads the fields it was given, and besides them only
 *   the next value of a number that grows by a step (as a new entry of
 *   the list gets it);
 * - hide then show, add then remove, and duplicate then remove give back
 *   the input bytes.
 *
 * The input is the file (YAML), optionally followed by a NUL byte and the
 * operation: one byte for its kind, one that picks an entry, then
 * "KEY=VALUE" or only "VALUE". Without a NUL (the seeds are real files)
 * the operation is derived from a hash of the file. */

#include "config.h"

#include <string.h>

#include "aushang-data-file.h"
#include "aushang-yaml-edit-private.h"
#include "aushang-fuzz.h"

typedef enum
{
  OP_SET_TEXT,
  OP_SET_YAML,
  OP_UNSET,
  OP_ADD_REMOVE,
  OP_DUPLICATE_REMOVE,
  OP_HIDE_SHOW,
  OP_MOVE,
  OP_REMOVE,
  N_OPS
} Op;

static const char *op_names[N_OPS] = {
  "set_text", "set_value(YAML)", "unset", "add then remove", "duplicate then remove",
  "hide then show", "move", "remove",
};

static const char *tricky_values[] = {
  "Neu: „Test“", "yes", "12:30", "- a", "#x", "", " lead", "trail ", "a\nb", "[a, b]",
  "2025-06-17", "17.06.2025", "1,5 Stunden", "~", "'", "\"", "*x", "&a b", "? x",
  ":sym", "ü", "null", "0x1F", "a # b", "---", "\\", "1.3", "true", "nein",
};

static guint32
hash_bytes (const uint8_t *data,
            size_t         size)
{
  guint32 h = 2166136261u;

  for (size_t i = 0; i < size; i++)
    h = (h ^ data[i]) * 16777619u;

  return h;
}

static char *
text_of (AushangDataFile *file)
{
  g_autoptr(GBytes) bytes = aushang_data_file_serialize (file);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data ? data : "", length);
}

/* The added entry @added has the fields of @entry with the same values,
 * in whatever order (a new entry takes the list's key order), and no
 * other field but the next value of a number that grows by a step
 * (@schema: the list's before the add), which a new entry gets. */
static gboolean
same_fields (AushangValue  *added,
             AushangValue  *entry,
             AushangSchema *schema)
{
  /* As Jekyll reads them: a key given twice counts once, with its last
   * value (an entry written anew has each key once). */
  if (added == NULL || entry == NULL)
    return FALSE;

  for (guint i = 0; i < aushang_value_get_length (entry); i++)
    {
      const char *key = aushang_value_get_key (entry, i);
      AushangValue *other = aushang_value_lookup (added, key);

      if (other == NULL || !aushang_value_equal (aushang_value_lookup (entry, key), other))
        return FALSE;
    }

  for (guint i = 0; i < aushang_value_get_length (added); i++)
    {
      const char *key = aushang_value_get_key (added, i);
      AushangField *field = aushang_schema_get_field (schema, key);

      if (aushang_value_lookup (entry, key) == NULL &&
          (field == NULL || field->next == NULL ||
           !aushang_value_equal (field->next, aushang_value_lookup (added, key))))
        return FALSE;
    }

  return TRUE;
}

static char *
shown (const char *text)
{
  return aushang_fuzz_escape (text, -1);
}

/* The byte where file line @line (1-based) starts, or the length. */
static gsize
line_offset (const char *text,
             guint       line)
{
  const char *p = text;

  for (guint i = 1; i < line && *p != '\0'; i++)
    {
      const char *next = strchr (p, '\n');

      if (next == NULL)
        return strlen (text);
      p = next + 1;
    }

  return p - text;
}

/* Reading the written bytes again gives the same file. */
static void
check_reads_again (AushangDataFile *file,
                   const char      *what)
{
  g_autofree char *text = text_of (file);
  g_autoptr(AushangDataFile) again = aushang_data_file_new_from_data ("data.yml", text, strlen (text));
  g_autofree char *escaped = shown (text);

  FUZZ_CHECK (aushang_data_file_get_kind (again) == aushang_data_file_get_kind (file),
              "%s: the written file reads as another kind: \"%s\"", what, escaped);
  FUZZ_CHECK (aushang_data_file_get_n_entries (again) == aushang_data_file_get_n_entries (file),
              "%s: the written file has %u entries, not %u: \"%s\"", what,
              aushang_data_file_get_n_entries (again), aushang_data_file_get_n_entries (file), escaped);
  FUZZ_CHECK (aushang_value_equal (aushang_data_file_get_data (again), aushang_data_file_get_data (file)),
              "%s: the written file reads other data: \"%s\"", what, escaped);

  for (guint i = 0; i < aushang_data_file_get_n_entries (file); i++)
    FUZZ_CHECK (aushang_value_equal (aushang_data_file_get_entry (again, i, NULL, NULL, NULL),
                                     aushang_data_file_get_entry (file, i, NULL, NULL, NULL)),
                "%s: entry %u reads otherwise from the written file: \"%s\"", what, i + 1, escaped);
}

static void
check_same_bytes (AushangDataFile *file,
                  const char      *original,
                  const char      *what)
{
  g_autofree char *text = text_of (file);
  g_autofree char *want = shown (original);
  g_autofree char *got = shown (text);

  FUZZ_CHECK (strcmp (text, original) == 0, "%s changed the bytes: \"%s\" became \"%s\"", what, want, got);
}

static void
check_refusal (AushangDataFile *file,
               const char      *original,
               GError          *error,
               const char      *what)
{
  FUZZ_CHECK (error != NULL && error->message[0] != '\0', "%s failed without a message", what);
  check_same_bytes (file, original, what);
}

/* Sets or removes a field of a visible entry: that entry reads it, the
 * others as before, and only the entry's lines change. */
static void
field_edit (AushangDataFile *file,
            const char      *original,
            Op               op,
            guint            index,
            const char      *key,
            const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
  g_autoptr(AushangValue) value = NULL;
  g_autofree char *after = NULL;
  guint first = 0, last = 0;
  gboolean hidden = FALSE;
  gboolean ok;
  gsize head, tail_before, tail_after;

  for (guint i = 0; i < aushang_data_file_get_n_entries (file); i++)
    g_ptr_array_add (before, aushang_value_ref (aushang_data_file_get_entry (file, i, NULL, NULL, NULL)));
  aushang_data_file_get_entry (file, index, &hidden, &first, &last);

  switch (op)
    {
    case OP_SET_TEXT:
      value = aushang_data_file_entry_value_from_text (file, index, key, text);
      ok = aushang_data_file_set_text (file, index, key, text, &error);
      break;

    case OP_SET_YAML:
      value = aushang_yaml_parse_value (text, NULL);
      if (value == NULL)
        value = aushang_value_new_string (text);
      ok = aushang_data_file_set_value (file, index, key, value, &error);
      break;

    case OP_UNSET:
    default:
      ok = aushang_data_file_unset (file, index, key, &error);
      break;
    }

  if (!ok)
    {
      check_refusal (file, original, error, op_names[op]);
      return;
    }

  FUZZ_CHECK (!hidden, "%s changed hidden entry %u", op_names[op], index + 1);
  check_reads_again (file, op_names[op]);

  {
    AushangValue *entry = aushang_data_file_get_entry (file, index, NULL, NULL, NULL);
    AushangValue *now = entry ? aushang_value_lookup (entry, key) : NULL;
    g_autofree char *escaped_key = shown (key);

    if (value != NULL)
      FUZZ_CHECK (now != NULL && aushang_value_equal (now, value),
                  "%s: “%s” of entry %u does not read back", op_names[op], escaped_key, index + 1);
    else
      FUZZ_CHECK (now == NULL, "%s: “%s” of entry %u is still there", op_names[op], escaped_key, index + 1);
  }

  FUZZ_CHECK (aushang_data_file_get_n_entries (file) == before->len,
              "%s changed the number of entries", op_names[op]);
  for (guint i = 0; i < before->len; i++)
    if (i != index)
      /* As Jekyll reads it: a value shadowed by a later key of the same
       * name (after a merge key, say) is not part of what the site sees. */
      FUZZ_CHECK (aushang_yaml_edit_same_meaning (aushang_data_file_get_entry (file, i, NULL, NULL, NULL),
                                                  g_ptr_array_index (before, i)),
                  "%s of entry %u changed entry %u", op_names[op], index + 1, i + 1);

  after = text_of (file);
  head = line_offset (original, first);
  tail_before = line_offset (original, last + 1);
  tail_after = strlen (after) - (strlen (original) - tail_before);
  {
    g_autofree char *want = shown (original);
    g_autofree char *got = shown (after);

    FUZZ_CHECK (strncmp (after, original, head) == 0 &&
                strlen (after) >= strlen (original) - tail_before &&
                strcmp (after + tail_after, original + tail_before) == 0,
                "%s of entry %u (lines %u–%u) changed other lines: \"%s\" became \"%s\"",
                op_names[op], index + 1, first, last, want, got);
  }

  /* Doing it again changes nothing. */
  if (op != OP_UNSET)
    {
      g_autofree char *once = text_of (file);
      g_autoptr(GError) again_error = NULL;

      if (op == OP_SET_TEXT)
        ok = aushang_data_file_set_text (file, index, key, text, &again_error);
      else
        ok = aushang_data_file_set_value (file, index, key, value, &again_error);
      FUZZ_CHECK (ok, "repeating %s failed: %s", op_names[op], again_error ? again_error->message : "");
      check_same_bytes (file, once, "repeating the edit");
    }
}

AUSHANG_FUZZ_ENTRY (data_file)
{
  const uint8_t *nul;
  g_autofree char *original = NULL;
  g_autoptr(AushangDataFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *key = NULL;
  g_autofree char *value_text = NULL;
  size_t text_size;
  guint32 hash;
  guint n, index;
  Op op;

  aushang_fuzz_init ();

  nul = memchr (data, '\0', size);
  text_size = nul ? (size_t) (nul - data) : size;
  original = g_strndup ((const char *) data, text_size);
  hash = hash_bytes (data, text_size);

  file = aushang_data_file_new_from_data ("data.yml", original, text_size);
  check_same_bytes (file, original, "reading");

  /* Everything the form and --check read must not crash. */
  aushang_data_file_get_schema (file);
  aushang_data_file_get_date_key (file, NULL);
  for (guint i = 0; i < aushang_data_file_get_n_entries (file); i++)
    {
      GDateTime *date = aushang_data_file_dup_entry_date (file, i);
      guint first = 0, last = 0;

      g_clear_pointer (&date, g_date_time_unref);
      FUZZ_CHECK (aushang_data_file_get_entry (file, i, NULL, &first, &last) != NULL,
                  "entry %u has no value", i + 1);
      FUZZ_CHECK (first >= 1 && last >= first, "entry %u is on lines %u–%u", i + 1, first, last);
    }

  n = aushang_data_file_get_n_entries (file);
  if (aushang_data_file_get_kind (file) != AUSHANG_DATA_FILE_ENTRIES || n == 0)
    return 0;

  if (nul != NULL)
    {
      const uint8_t *trailer = nul + 1;
      size_t trailer_size = size - text_size - 1;
      g_autofree char *raw = NULL;

      op = trailer_size > 0 ? trailer[0] % N_OPS : OP_SET_TEXT;
      index = (trailer_size > 1 ? trailer[1] : 0) % n;
      raw = trailer_size > 2 ? g_strndup ((const char *) trailer + 2, trailer_size - 2) : g_strdup ("");
      rest = g_utf8_make_valid (raw, -1);
    }
  else
    {
      op = hash % N_OPS;
      index = (hash >> 8) % n;
      rest = g_strdup (tricky_values[(hash >> 16) % G_N_ELEMENTS (tricky_values)]);
    }

  {
    const char *equals = strchr (rest, '=');
    AushangValue *entry = aushang_data_file_get_entry (file, index, NULL, NULL, NULL);
    guint n_keys = aushang_value_get_length (entry);

    if (equals != NULL && nul != NULL)
      {
        key = g_strndup (rest, equals - rest);
        value_text = g_strdup (equals + 1);
      }
    else
      {
        /* Mostly a key that is there; sometimes a new one. */
        guint pick = (hash >> 4) % (n_keys + 1);

        key = g_strdup (pick < n_keys ? aushang_value_get_key (entry, pick) : "neu");
        value_text = g_strdup (rest);
      }
  }

  switch (op)
    {
    case OP_SET_TEXT:
    case OP_SET_YAML:
    case OP_UNSET:
      field_edit (file, original, op, index, key, value_text);
      break;

    case OP_ADD_REMOVE:
      {
        g_autoptr(AushangValue) entry = aushang_value_ref (aushang_data_file_get_entry (file, index, NULL, NULL, NULL));
        g_autoptr(AushangSchema) schema = g_object_ref (aushang_data_file_get_schema (file));
        gint added = aushang_data_file_add_entry (file, entry, &error);

        if (added < 0)
          {
            check_refusal (file, original, error, "add");
            break;
          }
        check_reads_again (file, "add");
        FUZZ_CHECK (aushang_data_file_get_n_entries (file) == n + 1, "add did not add one entry");
        FUZZ_CHECK (same_fields (aushang_data_file_get_entry (file, added, NULL, NULL, NULL), entry, schema),
                    "the added entry %d does not read back", added + 1);
        FUZZ_CHECK (aushang_data_file_remove_entry (file, added, &error),
                    "removing the added entry failed: %s", error ? error->message : "");
        check_same_bytes (file, original, "add then remove");
      }
      break;

    case OP_DUPLICATE_REMOVE:
      if (!aushang_data_file_duplicate_entry (file, index, &error))
        {
          check_refusal (file, original, error, "duplicate");
          break;
        }
      check_reads_again (file, "duplicate");
      FUZZ_CHECK (aushang_value_equal (aushang_data_file_get_entry (file, index + 1, NULL, NULL, NULL),
                                       aushang_data_file_get_entry (file, index, NULL, NULL, NULL)),
                  "the copy of entry %u differs", index + 1);
      FUZZ_CHECK (aushang_data_file_remove_entry (file, index + 1, &error),
                  "removing the copy failed: %s", error ? error->message : "");
      check_same_bytes (file, original, "duplicate then remove");
      break;

    case OP_HIDE_SHOW:
      {
        gboolean hidden = FALSE;

        aushang_data_file_get_entry (file, index, &hidden, NULL, NULL);
        if (hidden)
          {
            if (!aushang_data_file_show_entry (file, index, &error))
              check_refusal (file, original, error, "show");
            else
              check_reads_again (file, "show");
            break;
          }

        if (!aushang_data_file_hide_entry (file, index, &error))
          {
            check_refusal (file, original, error, "hide");
            break;
          }
        check_reads_again (file, "hide");
        aushang_data_file_get_entry (file, index, &hidden, NULL, NULL);
        FUZZ_CHECK (hidden, "entry %u is not hidden after hiding it", index + 1);
        FUZZ_CHECK (aushang_data_file_show_entry (file, index, &error),
                    "showing the hidden entry failed: %s", error ? error->message : "");
        check_same_bytes (file, original, "hide then show");
      }
      break;

    case OP_MOVE:
      {
        guint to = (hash >> 20) % n;

        if (!aushang_data_file_move_entry (file, index, to, &error))
          {
            check_refusal (file, original, error, "move");
            break;
          }
        check_reads_again (file, "move");
        if (index != to)
          {
            FUZZ_CHECK (aushang_data_file_move_entry (file, to, index, &error),
                        "moving back failed: %s", error ? error->message : "");
            check_same_bytes (file, original, "move there and back");
          }
      }
      break;

    case OP_REMOVE:
      if (!aushang_data_file_remove_entry (file, index, &error))
        {
          check_refusal (file, original, error, "remove");
          break;
        }
      check_reads_again (file, "remove");
      FUZZ_CHECK (aushang_data_file_get_n_entries (file) == n - 1, "remove did not remove one entry");
      break;

    case N_OPS:
    default:
      g_assert_not_reached ();
    }

  return 0;
}
