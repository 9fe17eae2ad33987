/* fuzz-document.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A document is read, edited once through the front matter API and written
 * out again. The promises checked on every input:
 *
 * - nothing crashes or hangs;
 * - an unedited document serialises to its input bytes exactly;
 * - a refused edit (FALSE, with a message) changes no byte;
 * - after an edit the edited key reads back its new value, every other key
 *   reads the value it had, no key appears or disappears but the edited
 *   one, and the body is untouched;
 * - the written bytes, read again from scratch, give the same data;
 * - repeating the edit succeeds and changes nothing.
 *
 * The input is the document, optionally followed by a NUL byte and the edit:
 * one byte for the kind of edit, one that picks an existing key, then
 * "KEY=VALUE" or only "VALUE" (for the picked key). Without a NUL (the seeds
 * are real documents) the edit is derived from a hash of the document. */

#include "config.h"

#include <string.h>

#include "aushang-document.h"
#include "aushang-fuzz.h"

typedef enum
{
  OP_SET_STRING,
  OP_SET_YAML,
  OP_SET_STRV,
  OP_REMOVE,
  OP_SET_INTEGER,
  OP_SET_BOOLEAN,
  OP_SET_FLOAT,
  OP_SET_NULL,
  OP_SET_DATE,
  OP_SET_DATETIME,
  OP_SET_MAP,
  OP_REPLACE_TEXT,
  N_OPS
} Op;

static const char *op_names[N_OPS] = {
  "set_string", "set_value(YAML)", "set_strv", "remove", "set_value(integer)",
  "set_value(boolean)", "set_value(float)", "set_value(null)", "set_value(date)",
  "set_value(datetime)", "set_value(map)", "replace_text",
};

/* Values that have broken emitters before, for inputs without an edit. */
static const char *tricky_values[] = {
  "Neuer Titel: „Test“", "yes", "12:30", "- a", "#x", "", " lead", "trail ",
  "a\nb", "[a, b]", "{a: 1}", "0815", "2025-11-04", "~", "'", "\"", "*x",
  "&a b", "? x", ":sym", "@at", "`tick", "%pc", "a # b", "\t", "ü", "null",
  "1_000", "0x1F", ".inf", "1e3", "a: b", "---", "...", "\\", "\r\n", "%",
};

typedef struct
{
  Op          op;
  char       *key;
  char       *text;
  AushangValue *value;   /* what the key should read after a set */
} Edit;

static void
edit_clear (Edit *edit)
{
  g_free (edit->key);
  g_free (edit->text);
  g_clear_pointer (&edit->value, aushang_value_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Edit, edit_clear)

static guint32
hash_bytes (const uint8_t *data,
            size_t         size)
{
  guint32 h = 2166136261u;

  for (size_t i = 0; i < size; i++)
    h = (h ^ data[i]) * 16777619u;

  return h;
}

static GBytes *
serialize (AushangDocument *document)
{
  return aushang_document_serialize (document);
}

static gboolean
bytes_equal_data (GBytes        *bytes,
                  const uint8_t *data,
                  size_t         size)
{
  gsize length;
  const void *p = g_bytes_get_data (bytes, &length);

  return length == size && (size == 0 || memcmp (p, data, size) == 0);
}

static char *
describe_bytes (GBytes *bytes)
{
  gsize length;
  const char *p = g_bytes_get_data (bytes, &length);

  return aushang_fuzz_escape (p ? p : "", MIN (length, 400));
}

/* The edit this input asks for. */
static void
derive_edit (const uint8_t  *trailer,
             size_t          trailer_size,
             guint32         hash,
             char          **keys,
             Edit           *edit)
{
  guint n_keys = keys ? g_strv_length (keys) : 0;
  guint selector;
  g_autofree char *rest = NULL;
  const char *equals;

  if (trailer != NULL)
    {
      edit->op = trailer_size > 0 ? trailer[0] % N_OPS : OP_SET_STRING;
      selector = trailer_size > 1 ? trailer[1] : 0;
      rest = trailer_size > 2 ? g_strndup ((const char *) trailer + 2, trailer_size - 2) : g_strdup ("");
    }
  else
    {
      edit->op = hash % N_OPS;
      selector = (hash >> 8) & 0xff;
      rest = g_strdup (tricky_values[(hash >> 16) % G_N_ELEMENTS (tricky_values)]);
    }

  equals = trailer != NULL ? strchr (rest, '=') : NULL;
  if (equals != NULL)
    {
      edit->key = g_strndup (rest, equals - rest);
      edit->text = g_strdup (equals + 1);
    }
  else
    {
      /* Mostly a key that is there; sometimes a new one. */
      if (n_keys > 0 && selector % (n_keys + 1) < n_keys)
        edit->key = g_strdup (keys[selector % (n_keys + 1)]);
      else
        edit->key = g_strdup ("neu");
      edit->text = g_steal_pointer (&rest);
    }
}

/* Runs the edit; fills edit->value with what the key must read after a
 * successful set. */
static gboolean
apply_edit (AushangFrontMatter  *fm,
            Edit                *edit,
            GError             **error)
{
  const char *text = edit->text;
  gsize length = strlen (text);
  guint32 h = hash_bytes ((const uint8_t *) text, length);

  g_clear_pointer (&edit->value, aushang_value_unref);

  switch (edit->op)
    {
    case OP_SET_STRING:
      edit->value = aushang_value_new_string (text);
      return aushang_front_matter_set_string (fm, edit->key, text, error);

    case OP_SET_YAML:
      {
        g_autoptr(GError) parse_error = NULL;

        edit->value = aushang_yaml_parse_value (text, &parse_error);
        if (edit->value == NULL)
          {
            FUZZ_CHECK (parse_error != NULL && parse_error->message[0] != '\0',
                        "aushang_yaml_parse_value failed without a message");
            edit->value = aushang_value_new_string (text);
          }
        return aushang_front_matter_set_value (fm, edit->key, edit->value, error);
      }

    case OP_SET_STRV:
      {
        g_auto(GStrv) items = g_strsplit (text, ",", 8);

        edit->value = aushang_value_new_list ();
        for (guint i = 0; items[i] != NULL; i++)
          aushang_value_list_append (edit->value, aushang_value_new_string (items[i]));
        return aushang_front_matter_set_strv (fm, edit->key, (const char * const *) items, error);
      }

    case OP_REMOVE:
      return aushang_front_matter_remove (fm, edit->key, error);

    case OP_SET_INTEGER:
      edit->value = aushang_value_new_integer (g_ascii_strtoll (text, NULL, 10));
      return aushang_front_matter_set_value (fm, edit->key, edit->value, error);

    case OP_SET_BOOLEAN:
      edit->value = aushang_value_new_boolean (length % 2);
      return aushang_front_matter_set_value (fm, edit->key, edit->value, error);

    case OP_SET_FLOAT:
      edit->value = aushang_value_new_float (g_ascii_strtod (text, NULL));
      return aushang_front_matter_set_value (fm, edit->key, edit->value, error);

    case OP_SET_NULL:
      edit->value = aushang_value_new_null ();
      return aushang_front_matter_set_value (fm, edit->key, edit->value, error);

    case OP_SET_DATE:
      edit->value = aushang_value_new_date (1 + h % 9999, 1 + (h >> 14) % 12, 1 + (h >> 18) % 28);
      return aushang_front_matter_set_value (fm, edit->key, edit->value, error);

    case OP_SET_DATETIME:
      edit->value = aushang_value_new_datetime (1970 + h % 100, 1 + (h >> 7) % 12, 1 + (h >> 11) % 28,
                                                (h >> 16) % 24, (h >> 21) % 60,
                                                (h >> 24) % 60 + ((h & 1) ? 0.5 : 0.0),
                                                (h >> 3) & 1, ((int) ((h >> 4) % 27) - 13) * 3600);
      return aushang_front_matter_set_value (fm, edit->key, edit->value, error);

    case OP_SET_MAP:
      edit->value = aushang_value_new_map ();
      aushang_value_map_insert (edit->value, text, aushang_value_new_string (text));
      return aushang_front_matter_set_value (fm, edit->key, edit->value, error);

    case OP_REPLACE_TEXT:
      return aushang_front_matter_replace_text (fm, text, error);

    case N_OPS:
    default:
      g_assert_not_reached ();
    }
}

/* Reading every key the way the form and --check do must not crash. */
static void
read_everything (AushangFrontMatter *fm,
                 char              **keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      AushangValue *value = aushang_front_matter_get (fm, keys[i]);
      g_autofree char *json = NULL;
      g_autofree char *display = NULL;
      g_auto(GStrv) strv = NULL;

      FUZZ_CHECK (value != NULL, "key “%s” is listed but has no value", keys[i]);
      FUZZ_CHECK (aushang_front_matter_has_key (fm, keys[i]), "key “%s” listed but not there", keys[i]);
      FUZZ_CHECK (aushang_front_matter_count_key (fm, keys[i]) >= 1, "key “%s” counted 0 times", keys[i]);
      FUZZ_CHECK (aushang_front_matter_get_key_line (fm, keys[i]) >= 1, "key “%s” on line 0", keys[i]);
      json = aushang_value_to_json (value);
      display = aushang_value_to_display (value);
      strv = aushang_value_dup_strv (value);
      aushang_front_matter_is_simple (fm, keys[i]);
    }
}

/* Where the comment of a line starts (its "#"), or NULL: the first " #"
 * that can go without changing what the line means read as YAML on its
 * own. Lines that cannot be read alone have none. */
static const char *
find_comment (const char *line)
{
  g_autoptr(AushangValue) whole = NULL;
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '#')
    return p;
  if (*p == '\0')
    return NULL;

  whole = aushang_yaml_parse_value (line, NULL);
  if (whole == NULL)
    return NULL;

  for (p = line + 1; *p != '\0'; p++)
    {
      g_autofree char *prefix = NULL;
      g_autoptr(AushangValue) before = NULL;

      if (*p != '#' || (p[-1] != ' ' && p[-1] != '\t'))
        continue;

      prefix = g_strndup (line, p - line);
      before = aushang_yaml_parse_value (prefix, NULL);
      if (before != NULL && aushang_value_equal (before, whole))
        return p;
    }

  return NULL;
}

static GStrv
split_lines (const char *text,
             gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  GStrv lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      if (n > 0 && lines[i][n - 1] == '\r')
        lines[i][n - 1] = '\0';
    }

  return lines;
}

/* The comments an edit of @key must keep: whole-line comments at the left
 * margin and comments on the line of a top-level entry, except after the
 * edited entry's first line (a replaced block value may take its comments
 * with it), on a removed key's line, and after lines that are not an
 * entry's first (the inside of a multi-line scalar is not a comment). NULL
 * where the entries' lines cannot be told. */
static GPtrArray *
comments_to_keep (AushangFrontMatter *fm,
                  char              **keys,
                  const char         *key,
                  gboolean            removing)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) entry_lines = g_hash_table_new (NULL, NULL);
  gsize length;
  const char *text = aushang_front_matter_get_text (fm, &length);
  g_auto(GStrv) lines = split_lines (text, length);
  guint n_lines = g_strv_length (lines);
  gboolean in_edited = FALSE;

  /* A document's front matter starts on line 2 of the file. */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      guint line = aushang_front_matter_get_key_line (fm, keys[i]);

      if (line < 2 || line - 2 >= n_lines)
        return NULL;
      g_hash_table_insert (entry_lines, GUINT_TO_POINTER (line - 2), keys[i]);
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *entry_key;
      const char *comment;

      if (line[0] == '#')
        {
          if (!in_edited)
            g_ptr_array_add (comments, g_strdup (line));
          continue;
        }
      if (line[0] == '\0' || line[0] == ' ' || line[0] == '\t')
        continue;

      entry_key = g_hash_table_lookup (entry_lines, GUINT_TO_POINTER (i));
      in_edited = entry_key == NULL || strcmp (entry_key, key) == 0;
      if (entry_key == NULL || (removing && in_edited))
        continue;

      comment = find_comment (line);
      if (comment != NULL)
        g_ptr_array_add (comments, g_strdup (comment));
    }

  return g_steal_pointer (&comments);
}

/* Every comment of the text, on any line. */
static GPtrArray *
all_comments (AushangFrontMatter *fm)
{
  GPtrArray *comments = g_ptr_array_new_with_free_func (g_free);
  gsize length;
  const char *text = aushang_front_matter_get_text (fm, &length);
  g_auto(GStrv) lines = split_lines (text, length);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *comment = find_comment (lines[i]);

      if (comment != NULL)
        g_ptr_array_add (comments, g_strdup (comment));
    }

  return comments;
}

/* Takes one @comment out of @comments; FALSE when it is not there. */
static gboolean
take_comment (GPtrArray  *comments,
              const char *comment)
{
  for (guint i = 0; i < comments->len; i++)
    if (strcmp (g_ptr_array_index (comments, i), comment) == 0)
      {
        g_ptr_array_remove_index_fast (comments, i);
        return TRUE;
      }

  return FALSE;
}

static gboolean
strv_has (char       **strv,
          const char  *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

AUSHANG_FUZZ_ENTRY (document)
{
  const uint8_t *nul = NULL;
  size_t doc_size;
  const uint8_t *trailer = NULL;
  size_t trailer_size = 0;
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(AushangDocument) reread = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values_before = NULL;
  g_auto(GStrv) keys_before = NULL;
  g_auto(GStrv) keys_after = NULL;
  g_autofree char *body_before = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_auto(Edit) edit = { 0, };
  AushangFrontMatter *fm;
  gboolean ok;

  aushang_fuzz_init ();

  for (size_t i = size; i > 0 && nul == NULL; i--)
    if (data[i - 1] == '\0')
      nul = data + i - 1;
  doc_size = nul ? (size_t) (nul - data) : size;
  if (nul != NULL)
    {
      trailer = nul + 1;
      trailer_size = size - doc_size - 1;
    }

  document = aushang_document_new_from_data ((const char *) data, doc_size);

  /* Read and written unedited: the same bytes. */
  bytes = serialize (document);
  if (!bytes_equal_data (bytes, data, doc_size))
    {
      g_autofree char *shown = describe_bytes (bytes);
      FUZZ_CHECK (FALSE, "unedited document serialised differently: %s", shown);
    }

  fm = aushang_document_get_front_matter (document);
  before = serialize (document);
  FUZZ_CHECK (bytes_equal_data (before, data, doc_size),
              "asking for the front matter changed the serialised bytes");

  if (fm == NULL)
    {
      FUZZ_CHECK (aushang_document_get_problem (document, NULL, NULL) != NULL,
                  "no front matter and no problem");
      FUZZ_CHECK (!aushang_document_can_edit_fields (document, NULL),
                  "no front matter, yet fields can be edited");
      return 0;
    }

  keys_before = aushang_front_matter_dup_keys (fm);
  read_everything (fm, keys_before);
  values_before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) aushang_value_unref);
  for (guint i = 0; keys_before[i] != NULL; i++)
    g_hash_table_insert (values_before, keys_before[i],
                         aushang_value_ref (aushang_front_matter_get (fm, keys_before[i])));
  body_before = g_strdup (aushang_document_get_body (document));

  derive_edit (trailer, trailer_size, hash_bytes (data, doc_size), keys_before, &edit);

  comments = comments_to_keep (fm, keys_before, edit.key, edit.op == OP_REMOVE);

  ok = apply_edit (fm, &edit, &error);
  after = serialize (document);

  if (!ok)
    {
      FUZZ_CHECK (error != NULL && error->message[0] != '\0',
                  "%s of “%s” refused without a message", op_names[edit.op], edit.key);
      if (!g_bytes_equal (before, after))
        {
          g_autofree char *shown = describe_bytes (after);
          FUZZ_CHECK (FALSE, "the refused %s of “%s” changed the document to: %s",
                      op_names[edit.op], edit.key, shown);
        }
      return 0;
    }

  FUZZ_CHECK (error == NULL, "%s succeeded and set an error", op_names[edit.op]);
  FUZZ_CHECK (g_strcmp0 (aushang_document_get_body (document), body_before) == 0,
              "%s of “%s” changed the body", op_names[edit.op], edit.key);

  keys_after = aushang_front_matter_dup_keys (fm);
  read_everything (fm, keys_after);

  if (edit.op == OP_REPLACE_TEXT)
    {
      gsize length;
      const char *text = aushang_front_matter_get_text (fm, &length);

      gsize given = strlen (edit.text);

      /* The closing "---" needs a line of its own: text without a final
       * line break gets one. */
      FUZZ_CHECK (length >= given && memcmp (text, edit.text, given) == 0 &&
                  (length == given ||
                   (given > 0 && edit.text[given - 1] != '\n' &&
                    (strcmp (text + given, "\n") == 0 || strcmp (text + given, "\r\n") == 0))),
                  "replace_text succeeded but the text is not the new one");
      FUZZ_CHECK (aushang_front_matter_get_error (fm) == NULL,
                  "replace_text accepted text it cannot read");
    }
  else
    {
      /* The edited key. */
      if (edit.op == OP_REMOVE)
        {
          FUZZ_CHECK (!aushang_front_matter_has_key (fm, edit.key), "“%s” is still there after remove", edit.key);
        }
      else
        {
          AushangValue *now = aushang_front_matter_get (fm, edit.key);
          g_autofree char *want = aushang_value_to_json (edit.value);
          g_autofree char *got = now ? aushang_value_to_json (now) : g_strdup ("(absent)");

          FUZZ_CHECK (now != NULL && aushang_value_equal (now, edit.value),
                      "after %s, “%s” reads %s instead of %s", op_names[edit.op], edit.key, got, want);
        }

      /* Every other key: still there, the same value; nothing new. */
      for (guint i = 0; keys_before[i] != NULL; i++)
        {
          const char *key = keys_before[i];
          AushangValue *was = g_hash_table_lookup (values_before, key);
          AushangValue *now;
          g_autofree char *was_json = NULL;
          g_autofree char *now_json = NULL;

          if (strcmp (key, edit.key) == 0)
            continue;

          now = aushang_front_matter_get (fm, key);
          was_json = aushang_value_to_json (was);
          now_json = now ? aushang_value_to_json (now) : g_strdup ("(absent)");
          FUZZ_CHECK (now != NULL && aushang_value_equal (was, now),
                      "%s of “%s” changed “%s” from %s to %s",
                      op_names[edit.op], edit.key, key, was_json, now_json);
        }
      for (guint i = 0; keys_after[i] != NULL; i++)
        FUZZ_CHECK (strcmp (keys_after[i], edit.key) == 0 || strv_has (keys_before, keys_after[i]),
                    "%s of “%s” made a new key “%s”", op_names[edit.op], edit.key, keys_after[i]);
    }

  /* Comments stay where the edit did not reach. */
  if (edit.op != OP_REPLACE_TEXT && comments != NULL)
    {
      g_autoptr(GPtrArray) comments_after = all_comments (fm);

      for (guint i = 0; i < comments->len; i++)
        {
          const char *comment = g_ptr_array_index (comments, i);
          g_autofree char *shown = aushang_fuzz_escape (comment, -1);

          FUZZ_CHECK (take_comment (comments_after, comment),
                      "%s of “%s” lost the comment \"%s\"", op_names[edit.op], edit.key, shown);
        }
    }

  /* What was written reads back, from scratch, as the same data. */
  {
    gsize length;
    const char *p = g_bytes_get_data (after, &length);
    AushangFrontMatter *fm2;
    g_autofree char *want = aushang_value_to_json (aushang_front_matter_get_data (fm));
    g_autofree char *got = NULL;

    reread = aushang_document_new_from_data (p ? p : "", length);
    fm2 = aushang_document_get_front_matter (reread);
    if (fm2 == NULL || aushang_front_matter_get_error (fm2) != NULL)
      {
        g_autofree char *shown = describe_bytes (after);
        const GError *problem = aushang_document_get_problem (reread, NULL, NULL);

        FUZZ_CHECK (FALSE, "after %s of “%s” the written document cannot be read again (%s): %s",
                    op_names[edit.op], edit.key, problem ? problem->message : "no front matter", shown);
      }
    got = aushang_value_to_json (aushang_front_matter_get_data (fm2));
    FUZZ_CHECK (aushang_value_equal (aushang_front_matter_get_data (fm),
                                     aushang_front_matter_get_data (fm2)),
                "after %s of “%s” the written document reads %s, the edited one %s",
                op_names[edit.op], edit.key, got, want);
    FUZZ_CHECK (g_strcmp0 (aushang_document_get_body (reread), body_before) == 0,
                "after %s of “%s” the written document has another body", op_names[edit.op], edit.key);
  }

  /* The same edit again: nothing to do, and nothing done. */
  {
    g_autoptr(GError) again_error = NULL;

    ok = apply_edit (fm, &edit, &again_error);
    FUZZ_CHECK (ok, "repeating %s of “%s” was refused: %s", op_names[edit.op], edit.key,
                again_error ? again_error->message : "");
    again = serialize (document);
    FUZZ_CHECK (g_bytes_equal (after, again), "repeating %s of “%s” changed the document again",
                op_names[edit.op], edit.key);
  }

  return 0;
}
