/* aushang-front-matter.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-front-matter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-front-matter.h"
#include "aushang-yaml-private.h"

/* One top-level "key: value" entry, with byte offsets into the text. */
typedef struct
{
  char               *key;
  gsize               line_start;   /* start of the key's line */
  gsize               key_end;      /* after the key (and its quotes) */
  gsize               colon_end;    /* after the ':' */
  gsize               value_start;
  gsize               value_end;    /* after the value's last character */
  gsize               entry_end;    /* after the line break of the value's last line */
  guint               line;         /* 1-based, of the file */
  AushangValue       *value;
  AushangYamlSpan     span;
  gboolean            empty;        /* "key:" with nothing after it */
} Entry;

struct _AushangFrontMatter
{
  GObject       parent_instance;

  GString      *text;
  char         *eol;
  guint         first_line;

  GPtrArray    *entries;      /* Entry*, file order */
  AushangValue *data;         /* map, as Jekyll reads it */
  GError       *error;
  guint         error_line;
  guint         error_column;
  gboolean      flow_mapping; /* the whole front matter is one {…} */

  /* The file's own style, for new values. */
  AushangQuoteStyle string_style;
  AushangQuoteStyle quote_style;
  guint             list_indent;
  gboolean          lists_flow;

  /* The style was taken from another document (a new one's siblings). */
  gboolean          style_adopted;

  /* Where new keys go (the collection's usual order), or NULL. */
  char            **key_order;
};

G_DEFINE_FINAL_TYPE (AushangFrontMatter, aushang_front_matter, G_TYPE_OBJECT)

G_DEFINE_QUARK (aushang-front-matter-error-quark, aushang_front_matter_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_clear_pointer (&entry->value, aushang_value_unref);
  g_free (entry);
}

static void
aushang_front_matter_finalize (GObject *object)
{
  AushangFrontMatter *self = (AushangFrontMatter *)object;

  g_string_free (self->text, TRUE);
  g_free (self->eol);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->data, aushang_value_unref);
  g_clear_error (&self->error);
  g_strfreev (self->key_order);

  G_OBJECT_CLASS (aushang_front_matter_parent_class)->finalize (object);
}

static void
aushang_front_matter_class_init (AushangFrontMatterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_front_matter_finalize;

  /* Emitted after every edit that changed the text. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
aushang_front_matter_init (AushangFrontMatter *self)
{
  self->text = g_string_new (NULL);
  self->eol = g_strdup ("\n");
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->list_indent = 2;
}

/* libyaml counts characters; edits need bytes. */
typedef struct
{
  const char *text;
  gsize       length;
  gsize      *offsets;  /* character index -> byte offset */
  gsize       n_chars;
} CharMap;

static void
char_map_init (CharMap    *map,
               const char *text,
               gsize       length)
{
  gsize n = 0;

  map->text = text;
  map->length = length;
  map->offsets = g_new (gsize, length + 1);

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    map->offsets[n++] = p - text;
  map->offsets[n] = length;
  map->n_chars = n;
}

static gsize
char_map_byte (const CharMap *map,
               gsize          index)
{
  return map->offsets[MIN (index, map->n_chars)];
}

static gsize
line_start_of (const char *text,
               gsize       pos)
{
  while (pos > 0 && text[pos - 1] != '\n')
    pos--;

  return pos;
}

static gsize
line_end_after (const char *text,
                gsize       length,
                gsize       pos)
{
  if (pos > 0 && text[pos - 1] == '\n')
    return pos;

  while (pos < length && text[pos] != '\n')
    pos++;

  return pos < length ? pos + 1 : length;
}

static guint
count_lines (const char *text,
             gsize       end)
{
  guint n = 0;

  for (gsize i = 0; i < end; i++)
    if (text[i] == '\n')
      n++;

  return n;
}

static void
reset_parse (AushangFrontMatter *self)
{
  g_ptr_array_set_size (self->entries, 0);
  g_clear_pointer (&self->data, aushang_value_unref);
  g_clear_error (&self->error);
  self->error_line = 0;
  self->error_column = 0;
  self->flow_mapping = FALSE;
}

static void
learn_style (AushangFrontMatter *self)
{
  guint strings[3] = { 0, };
  gboolean found_list = FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      AushangValueKind kind = aushang_value_get_kind (entry->value);

      if (kind == AUSHANG_VALUE_STRING && entry->span.type == YAML_SCALAR_EVENT)
        strings[aushang_yaml_quote_style_from_libyaml (entry->span.scalar_style)]++;

      if (kind == AUSHANG_VALUE_LIST && entry->span.all_scalars && aushang_value_get_length (entry->value) > 0)
        {
          strings[entry->span.item_style] += 1;

          if (!found_list && !self->style_adopted)
            {
              found_list = TRUE;
              self->lists_flow = entry->span.flow;
              if (!entry->span.flow)
                self->list_indent = entry->value_start - line_start_of (self->text->str, entry->value_start);
            }
        }
    }

  /* A new document keeps the style of the documents it was made like,
   * rather than what its first quoted value would suggest. */
  if (self->style_adopted || strings[0] + strings[1] + strings[2] == 0)
    return;

  if (strings[AUSHANG_QUOTE_DOUBLE] > strings[AUSHANG_QUOTE_PLAIN] &&
      strings[AUSHANG_QUOTE_DOUBLE] >= strings[AUSHANG_QUOTE_SINGLE])
    self->string_style = AUSHANG_QUOTE_DOUBLE;
  else if (strings[AUSHANG_QUOTE_SINGLE] > strings[AUSHANG_QUOTE_PLAIN])
    self->string_style = AUSHANG_QUOTE_SINGLE;
  else
    self->string_style = AUSHANG_QUOTE_PLAIN;

  self->quote_style = strings[AUSHANG_QUOTE_SINGLE] > strings[AUSHANG_QUOTE_DOUBLE]
                      ? AUSHANG_QUOTE_SINGLE : AUSHANG_QUOTE_DOUBLE;

  if (self->list_indent > 8)
    self->list_indent = 2;
}

static gboolean
parse_top_level (AushangFrontMatter  *self,
                 AushangYamlBuilder  *builder,
                 const CharMap       *map,
                 yaml_event_t        *start,
                 GError             **error)
{
  const char *text = self->text->str;
  gsize length = self->text->len;
  g_autoptr(AushangValue) data = aushang_value_new_map ();

  self->flow_mapping = start->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
  yaml_event_delete (start);

  for (;;)
    {
      yaml_event_t event;
      AushangYamlSpan key_span;
      g_autoptr(AushangValue) key = NULL;
      g_autofree Entry *entry = NULL;
      gsize pos;

      if (!aushang_yaml_builder_next (builder, &event, error))
        return FALSE;

      if (event.type == YAML_MAPPING_END_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }

      key = aushang_yaml_builder_build (builder, &event, &key_span, error);
      if (key == NULL)
        return FALSE;

      entry = g_new0 (Entry, 1);
      entry->key = aushang_value_to_display (key);
      entry->line_start = line_start_of (text, char_map_byte (map, key_span.start));
      entry->key_end = char_map_byte (map, key_span.end);
      entry->line = self->first_line + count_lines (text, entry->line_start);

      if (!aushang_yaml_builder_next (builder, &event, error))
        {
          g_free (entry->key);
          return FALSE;
        }

      entry->value = aushang_yaml_builder_build (builder, &event, &entry->span, error);
      if (entry->value == NULL)
        {
          g_free (entry->key);
          return FALSE;
        }

      entry->value_start = char_map_byte (map, entry->span.start);
      entry->value_end = MAX (char_map_byte (map, entry->span.end), entry->key_end);
      entry->empty = entry->span.type == YAML_SCALAR_EVENT &&
                     entry->span.scalar_style == YAML_PLAIN_SCALAR_STYLE &&
                     aushang_value_get_kind (entry->value) == AUSHANG_VALUE_NULL &&
                     entry->span.start == entry->span.end;

      /* The colon after the key; after an explicit key ("? name") it may
       * stand on a later line, behind comments. */
      pos = entry->key_end;
      while (pos < length && (text[pos] == ' ' || text[pos] == '\t' ||
                              text[pos] == '\r' || text[pos] == '\n' || text[pos] == '#'))
        {
          if (text[pos] == '#')
            while (pos < length && text[pos] != '\n')
              pos++;
          else
            pos++;
        }
      entry->colon_end = (pos < length && text[pos] == ':') ? pos + 1 : entry->key_end;

      if (entry->empty)
        entry->value_start = entry->value_end = entry->colon_end;

      entry->entry_end = line_end_after (text, length, entry->value_end);

      aushang_value_map_insert (data, entry->key, aushang_value_ref (entry->value));
      g_ptr_array_add (self->entries, g_steal_pointer (&entry));
    }

  self->data = g_steal_pointer (&data);

  return TRUE;
}

static gboolean
parse (AushangFrontMatter  *self,
       GError             **error)
{
  yaml_parser_t parser;
  g_autoptr(AushangYamlBuilder) builder = NULL;
  CharMap map;
  gboolean ok = TRUE;
  gboolean seen_document = FALSE;

  reset_parse (self);

  if (!g_utf8_validate (self->text->str, self->text->len, NULL))
    {
      const char *end = NULL;
      gsize line_start;

      g_utf8_validate (self->text->str, self->text->len, &end);
      line_start = line_start_of (self->text->str, end - self->text->str);
      self->error_line = self->first_line + count_lines (self->text->str, end - self->text->str);
      self->error_column = 1 + g_utf8_strlen (self->text->str + line_start, end - self->text->str - line_start);
      g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_YAML,
                           _("The file contains bytes that are not UTF-8 text. Save it as UTF-8."));
      return FALSE;
    }

  char_map_init (&map, self->text->str, self->text->len);
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) self->text->str, self->text->len);
  builder = aushang_yaml_builder_new (&parser);

  while (ok)
    {
      yaml_event_t event;

      if (!aushang_yaml_builder_next (builder, &event, error))
        {
          ok = FALSE;
          break;
        }

      /* libyaml answers "no event" forever once the stream has ended. */
      if (event.type == YAML_STREAM_END_EVENT || event.type == YAML_NO_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }

      if (event.type == YAML_MAPPING_START_EVENT && !seen_document)
        {
          seen_document = TRUE;
          ok = parse_top_level (self, builder, &map, &event, error);
        }
      else if (event.type == YAML_SCALAR_EVENT && !seen_document &&
               event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
               event.data.scalar.length == 0)
        {
          /* Only comments: an empty front matter. */
          seen_document = TRUE;
          yaml_event_delete (&event);
        }
      else if (event.type == YAML_SCALAR_EVENT ||
               event.type == YAML_SEQUENCE_START_EVENT ||
               event.type == YAML_ALIAS_EVENT ||
               event.type == YAML_MAPPING_START_EVENT)
        {
          self->error_line = event.start_mark.line;
          self->error_column = event.start_mark.column;
          yaml_event_delete (&event);
          g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_A_MAPPING,
                               _("The front matter must consist of “name: value” lines."));
          ok = FALSE;
          break;
        }
      else
        yaml_event_delete (&event);
    }

  if (!ok)
    {
      guint line = self->error_line, column = self->error_column;

      if (line == 0 && column == 0)
        aushang_yaml_builder_get_error_position (builder, &line, &column);
      self->error_line = self->first_line + line;
      self->error_column = column + 1;
      g_ptr_array_set_size (self->entries, 0);
    }
  else
    {
      if (self->data == NULL)
        self->data = aushang_value_new_map ();
      learn_style (self);
    }

  yaml_parser_delete (&parser);
  g_free (map.offsets);

  return ok;
}

AushangFrontMatter *
aushang_front_matter_new (const char *text,
                          gsize       length,
                          guint       first_line,
                          const char *eol)
{
  AushangFrontMatter *self;
  GError *error = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  self = g_object_new (AUSHANG_TYPE_FRONT_MATTER, NULL);
  g_string_append_len (self->text, text, length);
  self->first_line = MAX (first_line, 1);
  g_free (self->eol);
  self->eol = g_strdup (eol ? eol : "\n");

  if (!parse (self, &error))
    self->error = error;

  return self;
}

const char *
aushang_front_matter_get_text (AushangFrontMatter *self,
                               gsize              *length)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  if (length)
    *length = self->text->len;

  return self->text->str;
}

const GError *
aushang_front_matter_get_error (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  return self->error;
}

guint
aushang_front_matter_get_error_line (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);

  return self->error ? self->error_line : 0;
}

guint
aushang_front_matter_get_error_column (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);

  return self->error ? self->error_column : 0;
}

static Entry *
find_last (AushangFrontMatter *self,
           const char         *key)
{
  for (guint i = self->entries->len; i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);

      if (strcmp (entry->key, key) == 0)
        return entry;
    }

  return NULL;
}

char **
aushang_front_matter_dup_keys (AushangFrontMatter *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_hash_table_add (seen, entry->key))
        g_strv_builder_add (builder, entry->key);
    }

  return g_strv_builder_end (builder);
}

gboolean
aushang_front_matter_has_key (AushangFrontMatter *self,
                              const char         *key)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return find_last (self, key) != NULL;
}

AushangValue *
aushang_front_matter_get (AushangFrontMatter *self,
                          const char         *key)
{
  Entry *entry;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  entry = find_last (self, key);

  return entry ? entry->value : NULL;
}

AushangValue *
aushang_front_matter_get_data (AushangFrontMatter *self)
{
  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), NULL);

  if (self->data == NULL)
    self->data = aushang_value_new_map ();

  return self->data;
}

guint
aushang_front_matter_get_key_line (AushangFrontMatter *self,
                                   const char         *key)
{
  Entry *entry;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  entry = find_last (self, key);

  return entry ? entry->line : 0;
}

guint
aushang_front_matter_count_key (AushangFrontMatter *self,
                                const char         *key)
{
  guint n = 0;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (strcmp (entry->key, key) == 0)
        n++;
    }

  return n;
}

gboolean
aushang_front_matter_is_simple (AushangFrontMatter *self,
                                const char         *key)
{
  Entry *entry;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);

  entry = find_last (self, key);
  if (entry == NULL)
    return TRUE;

  switch (aushang_value_get_kind (entry->value))
    {
    case AUSHANG_VALUE_MAP:
      return FALSE;
    case AUSHANG_VALUE_LIST:
      return entry->span.all_scalars;
    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_STRING:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    default:
      return TRUE;
    }
}

static gboolean
check_editable (AushangFrontMatter  *self,
                const char          *key,
                GError             **error)
{
  if (self->error != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: the first %s is the reason the YAML cannot be read. */
                   _("Fields cannot be changed while the front matter cannot be read: line %u: %s"),
                   self->error_line, self->error->message);
      return FALSE;
    }

  if (self->flow_mapping)
    {
      g_set_error_literal (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                           _("The front matter is written as one {…} block; edit it as YAML text instead."));
      return FALSE;
    }

  if (key != NULL &&
      (*key == '\0' || strchr (key, '\n') != NULL || strchr (key, '\r') != NULL ||
       !g_utf8_validate (key, -1, NULL)))
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_INVALID_KEY,
                   _("“%s” cannot be used as a field name."), key);
      return FALSE;
    }

  return TRUE;
}

/* Replaces bytes [start, end) and reads the result again. On failure the
 * old text is restored. Listeners are told by the caller, once the whole
 * edit is known to be good. */
static gboolean
replace_range (AushangFrontMatter  *self,
               gsize                start,
               gsize                end,
               const char          *replacement,
               GError             **error)
{
  g_autofree char *removed = g_strndup (self->text->str + start, end - start);
  g_autoptr(GError) local_error = NULL;

  g_string_erase (self->text, start, end - start);
  g_string_insert (self->text, start, replacement);

  if (!parse (self, &local_error))
    {
      g_string_erase (self->text, start, strlen (replacement));
      g_string_insert (self->text, start, removed);
      if (!parse (self, NULL))
        g_warning ("Front matter no longer parses after restoring an edit");
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   _("The change could not be written safely and was not made: %s"),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* What an edit must leave alone: the text and values before it. */
typedef struct
{
  char         *text;
  gsize         length;
  AushangValue *data;
} Snapshot;

static void
snapshot_take (AushangFrontMatter *self,
               Snapshot           *snapshot)
{
  snapshot->text = g_strndup (self->text->str, self->text->len);
  snapshot->length = self->text->len;
  snapshot->data = aushang_value_ref (aushang_front_matter_get_data (self));
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->text, g_free);
  g_clear_pointer (&snapshot->data, aushang_value_unref);
}

/* Puts the text back as it was before a refused edit. */
static void
snapshot_restore (AushangFrontMatter *self,
                  Snapshot           *snapshot)
{
  if (self->text->len == snapshot->length &&
      memcmp (self->text->str, snapshot->text, snapshot->length) == 0)
    return;

  g_string_truncate (self->text, 0);
  g_string_append_len (self->text, snapshot->text, snapshot->length);
  if (!parse (self, NULL))
    g_warning ("Front matter no longer parses after restoring an edit");
}

/* The first key other than @key whose value differs between @before and
 * the current data (present in one and not the other, or not equal), or
 * NULL when only @key changed. An anchor that moved, an alias that now
 * points elsewhere or an explicit key that a replacement split would show
 * up here. */
static const char *
other_changed_key (AushangFrontMatter *self,
                   AushangValue       *before,
                   const char         *key)
{
  AushangValue *after = aushang_front_matter_get_data (self);

  for (guint i = 0; i < aushang_value_get_length (before); i++)
    {
      const char *name = aushang_value_get_key (before, i);
      AushangValue *now = aushang_value_lookup (after, name);

      if (strcmp (name, key) == 0)
        continue;
      if (now == NULL || !aushang_value_equal (now, aushang_value_lookup (before, name)))
        return name;
    }

  for (guint i = 0; i < aushang_value_get_length (after); i++)
    {
      const char *name = aushang_value_get_key (after, i);

      if (strcmp (name, key) != 0 && aushang_value_lookup (before, name) == NULL)
        return name;
    }

  return NULL;
}

/* The promise after every edit: @key reads @expected (NULL: @key is gone)
 * and every other key reads as before. Otherwise the edit is undone and
 * refused. */
static gboolean
finish_edit (AushangFrontMatter  *self,
             Snapshot            *snapshot,
             const char          *key,
             AushangValue        *expected,
             GError             **error)
{
  AushangValue *read_back = aushang_front_matter_get (self, key);
  const char *other;

  if (expected != NULL ? (read_back == NULL || !aushang_value_equal (read_back, expected))
                       : read_back != NULL)
    {
      snapshot_restore (self, snapshot);
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   _("The value of “%s” could not be written so that Jekyll reads it back unchanged. Nothing was changed."),
                   key);
      return FALSE;
    }

  other = other_changed_key (self, snapshot->data, key);
  if (other != NULL)
    {
      g_autofree char *other_name = g_strdup (other);

      snapshot_restore (self, snapshot);
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: both %s are field names. */
                   _("Changing “%s” would also change “%s” (they are linked in the YAML, for example by an anchor). Nothing was changed; edit the front matter as YAML instead."),
                   key, other_name);
      return FALSE;
    }

  if (self->text->len != snapshot->length ||
      memcmp (self->text->str, snapshot->text, snapshot->length) != 0)
    g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

static char *
emit_key (AushangFrontMatter *self,
          const char         *key)
{
  return aushang_yaml_emit_string (key, AUSHANG_QUOTE_PLAIN, self->quote_style);
}

/* The text that stands after "key:" for @value: " inline" or, for a block
 * list, a line break and one "  - item" line per item. */
static char *
render_value (AushangFrontMatter *self,
              Entry              *existing,
              const AushangValue *value)
{
  AushangQuoteStyle preferred = self->string_style;
  AushangValueKind kind = aushang_value_get_kind (value);
  gboolean flow_list = self->lists_flow;
  guint indent = self->list_indent;
  g_autofree char *inline_text = NULL;

  if (existing != NULL)
    {
      if (existing->span.type == YAML_SCALAR_EVENT &&
          aushang_value_get_kind (existing->value) == AUSHANG_VALUE_STRING)
        preferred = aushang_yaml_quote_style_from_libyaml (existing->span.scalar_style);

      if (aushang_value_get_kind (existing->value) == AUSHANG_VALUE_LIST)
        {
          flow_list = existing->span.flow;
          if (aushang_value_get_length (existing->value) > 0)
            preferred = existing->span.item_style;
          if (!existing->span.flow)
            indent = existing->value_start - line_start_of (self->text->str, existing->value_start);
        }
    }

  if (kind == AUSHANG_VALUE_NULL)
    return g_strdup ("");

  if (kind == AUSHANG_VALUE_LIST && aushang_value_get_length (value) > 0 && !flow_list)
    {
      GString *out = g_string_new (NULL);
      g_autofree char *pad = g_strnfill (MIN (indent, 8), ' ');

      for (guint i = 0; i < aushang_value_get_length (value); i++)
        {
          g_autofree char *item = aushang_yaml_emit_flow (aushang_value_get_item (value, i),
                                                          preferred, self->quote_style, FALSE);

          g_string_append_printf (out, "%s%s- %s", self->eol, pad, item);
        }

      return g_string_free (out, FALSE);
    }

  inline_text = aushang_yaml_emit_flow (value, preferred, self->quote_style, FALSE);

  return g_strconcat (" ", inline_text, NULL);
}

/* Where a new key goes: right after the last present key that comes before
 * it in the preferred order, else before the first one after it, else at
 * the end. */
static gsize
insertion_point (AushangFrontMatter *self,
                 const char         *key)
{
  gssize position = -1;

  if (self->key_order == NULL)
    return self->text->len;

  for (guint i = 0; self->key_order[i] != NULL; i++)
    if (strcmp (self->key_order[i], key) == 0)
      position = i;

  if (position < 0)
    return self->text->len;

  for (gssize i = position - 1; i >= 0; i--)
    {
      Entry *before = find_last (self, self->key_order[i]);

      if (before != NULL)
        return before->entry_end;
    }

  for (guint i = position + 1; self->key_order[i] != NULL; i++)
    {
      Entry *after = find_last (self, self->key_order[i]);

      if (after != NULL)
        return after->line_start;
    }

  return self->text->len;
}

void
aushang_front_matter_adopt_style (AushangFrontMatter *self,
                                  AushangFrontMatter *model)
{
  g_return_if_fail (AUSHANG_IS_FRONT_MATTER (self));
  g_return_if_fail (AUSHANG_IS_FRONT_MATTER (model));

  self->string_style = model->string_style;
  self->quote_style = model->quote_style;
  self->list_indent = model->list_indent;
  self->lists_flow = model->lists_flow;
  self->style_adopted = TRUE;
}

void
aushang_front_matter_set_key_order (AushangFrontMatter *self,
                                    const char * const *order)
{
  g_return_if_fail (AUSHANG_IS_FRONT_MATTER (self));

  g_strfreev (self->key_order);
  self->key_order = g_strdupv ((char **) order);
}

gboolean
aushang_front_matter_set_value (AushangFrontMatter  *self,
                                const char          *key,
                                AushangValue        *value,
                                GError             **error)
{
  Entry *entry;
  g_autofree char *rendered = NULL;
  Snapshot snapshot = { 0, };
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_editable (self, key, error))
    return FALSE;

  entry = find_last (self, key);

  /* Setting a field to the value it has changes no byte. */
  if (entry != NULL && aushang_value_equal (entry->value, value))
    return TRUE;

  rendered = render_value (self, entry, value);
  snapshot_take (self, &snapshot);

  if (entry == NULL)
    {
      g_autofree char *key_text = emit_key (self, key);
      g_autofree char *line = NULL;
      gsize at = insertion_point (self, key);
      const char *lead = "";

      if (at > 0 && self->text->str[at - 1] != '\n')
        lead = self->eol;

      line = g_strconcat (lead, key_text, ":", rendered, self->eol, NULL);
      ok = replace_range (self, at, at, line, error);
    }
  else
    {
      /* A scalar on one line, or a [flow, list] on any number of lines:
       * the value ends at its last character, and a comment after it
       * stays. */
      gboolean single_line = (entry->span.type == YAML_SCALAR_EVENT &&
                              entry->span.scalar_style != YAML_LITERAL_SCALAR_STYLE &&
                              entry->span.scalar_style != YAML_FOLDED_SCALAR_STYLE &&
                              memchr (self->text->str + entry->value_start, '\n',
                                      entry->value_end - entry->value_start) == NULL) ||
                             (entry->span.type != YAML_SCALAR_EVENT && entry->span.flow);
      gsize start, end;
      const char *replacement = rendered;

      if (single_line)
        {
          /* Only the value's own characters: a comment after it stays. A
           * block list starts right after the colon. */
          gboolean inline_text = rendered[0] == ' ';

          start = (entry->empty || !inline_text) ? entry->colon_end : entry->value_start;
          end = entry->value_end;
          if (!entry->empty && inline_text)
            replacement = rendered + 1;
        }
      else
        {
          /* The value from the colon to the end of its last line. */
          start = entry->colon_end;
          end = entry->entry_end;
          if (end > start && self->text->str[end - 1] == '\n')
            end--;
          if (end > start && self->text->str[end - 1] == '\r')
            end--;
        }

      ok = replace_range (self, start, end, replacement, error);
    }

  /* The promise: what was written reads back as what was meant, and
   * nothing else changed. */
  if (ok)
    ok = finish_edit (self, &snapshot, key, value, error);
  snapshot_clear (&snapshot);

  return ok;
}

gboolean
aushang_front_matter_set_string (AushangFrontMatter  *self,
                                 const char          *key,
                                 const char          *value,
                                 GError             **error)
{
  g_autoptr(AushangValue) v = aushang_value_new_string (value);

  return aushang_front_matter_set_value (self, key, v, error);
}

gboolean
aushang_front_matter_set_strv (AushangFrontMatter  *self,
                               const char          *key,
                               const char * const  *values,
                               GError             **error)
{
  g_autoptr(AushangValue) list = aushang_value_new_list ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    aushang_value_list_append (list, aushang_value_new_string (values[i]));

  return aushang_front_matter_set_value (self, key, list, error);
}

gboolean
aushang_front_matter_remove (AushangFrontMatter  *self,
                             const char          *key,
                             GError             **error)
{
  Snapshot snapshot = { 0, };
  gboolean ok = TRUE;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!check_editable (self, NULL, error))
    return FALSE;

  if (find_last (self, key) == NULL)
    return TRUE;

  snapshot_take (self, &snapshot);

  /* From the last occurrence backwards, so earlier offsets stay valid. */
  while (ok && find_last (self, key) != NULL)
    {
      Entry *entry = find_last (self, key);

      ok = replace_range (self, entry->line_start, entry->entry_end, "", error);
    }

  if (ok)
    ok = finish_edit (self, &snapshot, key, NULL, error);
  else
    snapshot_restore (self, &snapshot);
  snapshot_clear (&snapshot);

  return ok;
}

gboolean
aushang_front_matter_replace_text (AushangFrontMatter  *self,
                                   const char          *text,
                                   GError             **error)
{
  g_autoptr(AushangFrontMatter) probe = NULL;

  g_return_val_if_fail (AUSHANG_IS_FRONT_MATTER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* Lines are named as in the file (the "Edit as YAML" dialog numbers its
   * lines the same way), so a message means the same line everywhere. */
  probe = aushang_front_matter_new (text, strlen (text), self->first_line, self->eol);
  if (probe->error != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, probe->error->code,
                   _("Line %u, column %u: %s"), probe->error_line, probe->error_column,
                   probe->error->message);
      return FALSE;
    }

  if (strcmp (self->text->str, text) == 0)
    return TRUE;

  g_string_assign (self->text, text);
  if (!parse (self, error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}
