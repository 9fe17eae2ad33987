/* aushang-data-file.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-data-file"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-data-file.h"
#include "aushang-safe-file.h"
#include "aushang-yaml.h"

struct _AushangDataFile
{
  GObject              parent_instance;

  GFile               *file;
  char                *name;
  char                *extension;   /* lower case, with the dot */
  AushangFileStamp     stamp;

  gboolean             has_bom;
  AushangDataFileKind  kind;
  char                *read_only_text;  /* JSON, CSV, TSV */
  AushangYamlEdit     *edit;            /* YAML */

  GArray              *entries;     /* guint: the item of each entry */
  AushangSchema       *schema;      /* cached, or NULL */
  gboolean             modified;
};

G_DEFINE_FINAL_TYPE (AushangDataFile, aushang_data_file, G_TYPE_OBJECT)

G_DEFINE_QUARK (aushang-data-file-error-quark, aushang_data_file_error)

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
aushang_data_file_finalize (GObject *object)
{
  AushangDataFile *self = (AushangDataFile *)object;

  g_clear_object (&self->file);
  g_free (self->name);
  g_free (self->extension);
  g_free (self->read_only_text);
  g_clear_object (&self->edit);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (aushang_data_file_parent_class)->finalize (object);
}

static void
aushang_data_file_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AushangDataFile *self = AUSHANG_DATA_FILE (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_data_file_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AushangDataFile *self = AUSHANG_DATA_FILE (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      aushang_data_file_set_modified (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_data_file_class_init (AushangDataFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_data_file_finalize;
  object_class->get_property = aushang_data_file_get_property;
  object_class->set_property = aushang_data_file_set_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every edit that changed the text. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
aushang_data_file_init (AushangDataFile *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (guint));
  self->kind = AUSHANG_DATA_FILE_YAML;
}

gboolean
aushang_data_file_name_is_data (const char *name)
{
  static const char * const extensions[] = { ".yml", ".yaml", ".json", ".csv", ".tsv" };

  g_return_val_if_fail (name != NULL, FALSE);

  /* Jekyll looks for these names exactly as written (Dir["*.{yaml,…}"]). */
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (name, extensions[i]) && strlen (name) > strlen (extensions[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_yaml (AushangDataFile *self)
{
  return self->edit != NULL;
}

/* Which items of the list are entries (maps), and what the file is. */
static void
update_kind (AushangDataFile *self)
{
  AushangYamlEdit *edit = self->edit;
  guint n;
  gboolean all_maps = TRUE;

  g_array_set_size (self->entries, 0);
  g_clear_object (&self->schema);

  if (edit == NULL)
    {
      self->kind = AUSHANG_DATA_FILE_READ_ONLY;
      return;
    }

  self->kind = AUSHANG_DATA_FILE_YAML;
  if (aushang_yaml_edit_get_error (edit) != NULL ||
      aushang_yaml_edit_get_ignored_line (edit) != 0)
    return;

  n = aushang_yaml_edit_get_n_items (edit);
  for (guint i = 0; i < n; i++)
    {
      gboolean hidden = FALSE;
      AushangValue *item = aushang_yaml_edit_get_item (edit, i, &hidden, NULL, NULL);

      if (aushang_value_get_kind (item) == AUSHANG_VALUE_MAP)
        g_array_append_val (self->entries, i);
      else if (!hidden)
        all_maps = FALSE;
    }

  switch (aushang_value_get_kind (aushang_yaml_edit_get_root (edit)))
    {
    case AUSHANG_VALUE_LIST:
      /* "[]" is an empty list of entries; "[{…}, {…}]" is edited as text. */
      if (all_maps && (n > 0 || aushang_value_get_length (aushang_yaml_edit_get_root (edit)) == 0))
        self->kind = AUSHANG_DATA_FILE_ENTRIES;
      break;

    case AUSHANG_VALUE_NULL:
      /* Only comments: a list whose entries are all hidden. */
      if (self->entries->len > 0 && aushang_yaml_edit_get_is_empty (edit))
        self->kind = AUSHANG_DATA_FILE_ENTRIES;
      break;

    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_STRING:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    case AUSHANG_VALUE_MAP:
    default:
      break;
    }

  if (self->kind != AUSHANG_DATA_FILE_ENTRIES)
    g_array_set_size (self->entries, 0);
}

static void
edit_changed_cb (AushangDataFile *self,
                 AushangYamlEdit *edit)
{
  update_kind (self);
  aushang_data_file_set_modified (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static AushangDataFile *
new_from_data (const char *name,
               const char *data,
               gsize       length)
{
  AushangDataFile *self = g_object_new (AUSHANG_TYPE_DATA_FILE, NULL);
  const char *dot = strrchr (name, '.');
  g_autofree char *base = g_path_get_basename (name);
  const char *newline;
  const char *eol = "\n";
  char *base_dot;

  self->extension = g_ascii_strdown (dot ? dot : "", -1);
  base_dot = strrchr (base, '.');
  if (base_dot != NULL && base_dot != base)
    *base_dot = '\0';
  self->name = g_steal_pointer (&base);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->has_bom = TRUE;
      data += 3;
      length -= 3;
    }

  if (strcmp (self->extension, ".yml") != 0 && strcmp (self->extension, ".yaml") != 0)
    {
      self->read_only_text = g_strndup (data, length);
      update_kind (self);
      return self;
    }

  newline = memchr (data, '\n', length);
  if (newline != NULL && newline > data && newline[-1] == '\r')
    eol = "\r\n";

  self->edit = aushang_yaml_edit_new (data, length, 1, eol);
  g_signal_connect_object (self->edit, "changed", G_CALLBACK (edit_changed_cb), self, G_CONNECT_SWAPPED);
  update_kind (self);

  return self;
}

AushangDataFile *
aushang_data_file_new_from_data (const char *name,
                                 const char *data,
                                 gsize       length)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return new_from_data (name, data ? data : "", length);
}

AushangDataFile *
aushang_data_file_load (GFile   *file,
                        GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  AushangFileStamp stamp = { 0, };
  AushangDataFile *self;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not on this computer; Aushang only opens and saves files on this computer."),
                   name);
      return NULL;
    }

  if (!aushang_safe_file_read (path, AUSHANG_DATA_FILE_MAX_SIZE, &contents, &length, &stamp, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     _("“%s” is a folder, not a document."), name);
      else if (g_error_matches (local_error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE))
        g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_TOO_LARGE,
                     /* Translators: %s is a file, %d a number of megabytes. */
                     _("“%s” is larger than %d MB; Aushang does not open data files this large."),
                     name, AUSHANG_DATA_FILE_MAX_SIZE / (1024 * 1024));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* A file that is not text is never opened, so it is never rewritten. */
  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NOT_TEXT,
                   _("“%s” is not UTF-8 text. Aushang does not open it; save it as UTF-8 in another editor first."),
                   name);
      return NULL;
    }

  {
    g_autofree char *basename = g_file_get_basename (file);

    self = new_from_data (basename, contents, length);
  }
  self->file = g_object_ref (file);
  self->stamp = stamp;

  return self;
}

AushangDataFile *
aushang_data_file_restore (GFile  *file,
                           GBytes *contents)
{
  g_autoptr(AushangDataFile) on_disk = NULL;
  g_autofree char *basename = NULL;
  AushangDataFile *self;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  data = g_bytes_get_data (contents, &length);
  basename = g_file_get_basename (file);
  self = new_from_data (basename, data ? data : "", length);
  self->file = g_object_ref (file);

  /* Saving checks against the file as it is now. */
  on_disk = aushang_data_file_load (file, NULL);
  if (on_disk != NULL)
    self->stamp = on_disk->stamp;
  self->modified = TRUE;

  return self;
}

GFile *
aushang_data_file_get_file (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  return self->file;
}

const char *
aushang_data_file_get_name (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  return self->name;
}

char *
aushang_data_file_dup_label (AushangDataFile *self)
{
  static const struct
  {
    const char *names;
    const char *label;
  } known[] = {
    { " events event termine veranstaltungen kalender calendar ", N_("Events") },
    { " team people members mitglieder personen authors autoren staff ", N_("Team") },
  };
  g_autofree char *lower = NULL;
  g_autofree char *spaced = NULL;
  GString *out;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  lower = g_utf8_strdown (self->name, -1);
  spaced = g_strconcat (" ", lower, " ", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strstr (known[i].names, spaced) != NULL)
      return g_strdup (_(known[i].label));

  /* "jekyllconf-talks" → "Jekyllconf talks", "pressClippings" stays. */
  out = g_string_new (NULL);
  for (const char *p = self->name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '_' || c == '-' || c == '.')
        c = ' ';
      if (out->len == 0)
        c = g_unichar_toupper (c);
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

AushangDataFileKind
aushang_data_file_get_kind (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), AUSHANG_DATA_FILE_READ_ONLY);

  return self->kind;
}

const char *
aushang_data_file_get_read_only_reason (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  if (self->kind != AUSHANG_DATA_FILE_READ_ONLY)
    return NULL;

  if (strcmp (self->extension, ".json") == 0)
    return _("This is a JSON file. Aushang shows it but edits only YAML data files, so that nothing in it is lost; edit it in a text editor.");

  return _("This is a table (CSV or TSV). Aushang shows it but edits only YAML data files; edit it in a spreadsheet or text editor.");
}

const GError *
aushang_data_file_get_error (AushangDataFile *self,
                             guint           *line,
                             guint           *column)
{
  const GError *error;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  error = self->edit ? aushang_yaml_edit_get_error (self->edit) : NULL;
  if (line)
    *line = error ? aushang_yaml_edit_get_error_line (self->edit) : 0;
  if (column)
    *column = error ? aushang_yaml_edit_get_error_column (self->edit) : 0;

  return error;
}

AushangYamlEdit *
aushang_data_file_get_yaml (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  return self->edit;
}

const char *
aushang_data_file_get_text (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  return self->edit ? aushang_yaml_edit_get_text (self->edit, NULL) : self->read_only_text;
}

GBytes *
aushang_data_file_serialize (AushangDataFile *self)
{
  GString *out;
  gsize length = 0;
  const char *text;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  out = g_string_new (self->has_bom ? "\xEF\xBB\xBF" : "");
  if (self->edit)
    text = aushang_yaml_edit_get_text (self->edit, &length);
  else
    text = self->read_only_text, length = strlen (text);
  g_string_append_len (out, text, length);

  return g_string_free_to_bytes (out);
}

AushangValue *
aushang_data_file_get_data (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  return self->edit ? aushang_yaml_edit_get_root (self->edit) : NULL;
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *message)
{
  g_set_error_literal (error, AUSHANG_DATA_FILE_ERROR, code, message);

  return FALSE;
}

gboolean
aushang_data_file_replace_text (AushangDataFile  *self,
                                const char       *text,
                                GError          **error)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!is_yaml (self))
    return refuse (error, AUSHANG_DATA_FILE_ERROR_READ_ONLY, aushang_data_file_get_read_only_reason (self));

  return aushang_yaml_edit_replace_text (self->edit, text, error);
}

gboolean
aushang_data_file_get_modified (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  return self->modified;
}

void
aushang_data_file_set_modified (AushangDataFile *self,
                                gboolean         modified)
{
  g_return_if_fail (AUSHANG_IS_DATA_FILE (self));

  modified = !!modified;
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static gboolean
write_file (AushangDataFile  *self,
            gboolean          check_disk,
            GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  AushangFileStamp stamp = { 0, };
  gsize length;
  const char *data;

  if (self->file == NULL || (path = g_file_get_path (self->file)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("The data file has no file on this computer to save to."));
      return FALSE;
    }

  if (!is_yaml (self))
    return refuse (error, AUSHANG_DATA_FILE_ERROR_READ_ONLY, aushang_data_file_get_read_only_reason (self));

  /* Someone else changed the file since it was read when its bytes differ
   * now, whatever its modification time says. */
  if (check_disk)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *contents = NULL;
      AushangFileStamp now = { 0, };

      if (!aushang_safe_file_read (path, AUSHANG_DATA_FILE_MAX_SIZE, &contents, NULL, &now, &local_error))
        {
          if (g_error_matches (local_error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE))
            now.exists = TRUE, now.size = G_MAXUINT64;
          else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }

      if (now.exists && !aushang_file_stamp_equal (&self->stamp, &now))
        {
          g_autofree char *name = g_file_get_parse_name (self->file);

          g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_CHANGED_ON_DISK,
                       _("“%s” was changed by another program since it was opened. It was not overwritten."),
                       name);
          return FALSE;
        }
    }

  bytes = aushang_data_file_serialize (self);
  data = g_bytes_get_data (bytes, &length);
  if (!aushang_safe_file_write (path, data, length, AUSHANG_SAFE_FILE_NONE, &stamp, error))
    return FALSE;

  self->stamp = stamp;
  aushang_data_file_set_modified (self, FALSE);

  return TRUE;
}

gboolean
aushang_data_file_save (AushangDataFile  *self,
                        GError          **error)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  return write_file (self, TRUE, error);
}

gboolean
aushang_data_file_save_overwrite (AushangDataFile  *self,
                                  GError          **error)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  return write_file (self, FALSE, error);
}

/* Entries */

guint
aushang_data_file_get_n_entries (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), 0);

  return self->entries->len;
}

static gboolean
item_of (AushangDataFile  *self,
         guint             index,
         guint            *item,
         GError          **error)
{
  if (self->kind != AUSHANG_DATA_FILE_ENTRIES)
    {
      if (self->kind == AUSHANG_DATA_FILE_READ_ONLY)
        return refuse (error, AUSHANG_DATA_FILE_ERROR_READ_ONLY, aushang_data_file_get_read_only_reason (self));

      if (self->edit != NULL && aushang_yaml_edit_get_error (self->edit) != NULL)
        {
          g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NOT_ENTRIES,
                       /* Translators: %u is a line number, %s says what is wrong there. */
                       _("The entries cannot be changed until line %u is fixed: %s"),
                       aushang_yaml_edit_get_error_line (self->edit),
                       aushang_yaml_edit_get_error (self->edit)->message);
          return FALSE;
        }

      return refuse (error, AUSHANG_DATA_FILE_ERROR_NOT_ENTRIES,
                     _("This data file is not a list of entries; edit it as YAML text instead."));
    }

  if (index >= self->entries->len)
    {
      g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                   /* Translators: the first %u is a number asked for, the second how many there are. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "There is no entry %u: the list has %u entry.",
                                "There is no entry %u: the list has %u entries.",
                                self->entries->len),
                   index + 1, self->entries->len);
      return FALSE;
    }

  *item = g_array_index (self->entries, guint, index);

  return TRUE;
}

AushangValue *
aushang_data_file_get_entry (AushangDataFile *self,
                             guint            index,
                             gboolean        *hidden,
                             guint           *first_line,
                             guint           *last_line)
{
  guint item;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  if (!item_of (self, index, &item, NULL))
    return NULL;

  return aushang_yaml_edit_get_item (self->edit, item, hidden, first_line, last_line);
}

/* The path of a visible entry's @key, or NULL (with an error) for a
 * hidden one. */
static char *
entry_path (AushangDataFile  *self,
            guint             index,
            const char       *key,
            GError          **error)
{
  g_autofree char *item_path = NULL;
  guint item;

  if (!item_of (self, index, &item, error))
    return NULL;

  item_path = aushang_yaml_edit_dup_item_path (self->edit, item);
  if (item_path == NULL)
    {
      g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                   _("Entry %u is hidden; show it before changing it."), index + 1);
      return NULL;
    }

  return key ? aushang_yaml_path_key (item_path, key) : g_steal_pointer (&item_path);
}

guint
aushang_data_file_get_key_line (AushangDataFile *self,
                                guint            index,
                                const char      *key)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  path = entry_path (self, index, key, NULL);

  return path ? aushang_yaml_edit_get_line (self->edit, path) : 0;
}

AushangSchema *
aushang_data_file_get_schema (AushangDataFile *self)
{
  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  if (self->schema == NULL)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new ();

      for (guint i = 0; i < self->entries->len; i++)
        g_ptr_array_add (entries, aushang_data_file_get_entry (self, i, NULL, NULL, NULL));
      self->schema = aushang_schema_infer_entries (entries);
    }

  return self->schema;
}

/* New keys go where the other entries write them. */
static void
use_key_order (AushangDataFile *self)
{
  GPtrArray *fields = aushang_schema_get_fields (aushang_data_file_get_schema (self));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) order = NULL;

  for (guint i = 0; i < fields->len; i++)
    g_strv_builder_add (builder, ((AushangField *) g_ptr_array_index (fields, i))->key);
  order = g_strv_builder_end (builder);
  aushang_yaml_edit_set_key_order (self->edit, (const char * const *) order);
}

static GDateTime *
date_of (AushangValue *value)
{
  GDateTime *date = NULL;

  if (value == NULL)
    return NULL;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      return aushang_value_dup_date_time (value);

    case AUSHANG_VALUE_STRING:
      if (aushang_yaml_parse_jekyll_date (aushang_value_get_string (value), &date))
        return date;
      return NULL;

    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
    default:
      return NULL;
    }
}

const char *
aushang_data_file_get_date_key (AushangDataFile *self,
                                int             *order)
{
  AushangSchema *schema;
  GPtrArray *fields;
  AushangField *date_field = NULL;
  guint ascending = 0, descending = 0;
  g_autoptr(GDateTime) previous = NULL;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  if (order)
    *order = 0;
  if (self->kind != AUSHANG_DATA_FILE_ENTRIES)
    return NULL;

  schema = aushang_data_file_get_schema (self);
  fields = aushang_schema_get_fields (schema);
  for (guint i = 0; i < fields->len; i++)
    {
      AushangField *field = g_ptr_array_index (fields, i);

      if (field->kind != AUSHANG_FIELD_DATE && field->kind != AUSHANG_FIELD_DATETIME)
        continue;
      if (strcmp (field->key, "date") == 0)
        {
          date_field = field;
          break;
        }
      if (date_field == NULL && field->count * 2 >= aushang_schema_get_n_documents (schema))
        date_field = field;
    }

  if (date_field == NULL)
    return NULL;

  /* The entries stand by date when nearly every neighbour does. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autoptr(GDateTime) date = aushang_data_file_dup_entry_date (self, i);
      int cmp;

      if (date == NULL)
        continue;
      if (previous != NULL)
        {
          cmp = g_date_time_compare (previous, date);
          if (cmp < 0)
            ascending++;
          else if (cmp > 0)
            descending++;
        }
      g_clear_pointer (&previous, g_date_time_unref);
      previous = g_steal_pointer (&date);
    }

  if (order && ascending + descending > 0)
    {
      if (ascending * 10 >= (ascending + descending) * 8)
        *order = 1;
      else if (descending * 10 >= (ascending + descending) * 8)
        *order = -1;
    }

  return date_field->key;
}

GDateTime *
aushang_data_file_dup_entry_date (AushangDataFile *self,
                                  guint            index)
{
  const char *key;
  AushangValue *entry;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);

  entry = aushang_data_file_get_entry (self, index, NULL, NULL, NULL);
  if (entry == NULL)
    return NULL;

  /* Without calling get_date_key (which calls this). */
  key = NULL;
  {
    GPtrArray *fields = aushang_schema_get_fields (aushang_data_file_get_schema (self));

    for (guint i = 0; i < fields->len && key == NULL; i++)
      {
        AushangField *field = g_ptr_array_index (fields, i);

        if ((field->kind == AUSHANG_FIELD_DATE || field->kind == AUSHANG_FIELD_DATETIME) &&
            strcmp (field->key, "date") == 0)
          key = field->key;
      }
    for (guint i = 0; i < fields->len && key == NULL; i++)
      {
        AushangField *field = g_ptr_array_index (fields, i);

        if (field->kind == AUSHANG_FIELD_DATE || field->kind == AUSHANG_FIELD_DATETIME)
          key = field->key;
      }
  }

  return key ? date_of (aushang_value_lookup (entry, key)) : NULL;
}

static gboolean
parse_number (const char *text,
              gboolean   *is_integer,
              gint64     *integer,
              double     *number)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  char *comma;

  if (*copy == '\0')
    return FALSE;

  *integer = g_ascii_strtoll (copy, &end, 10);
  if (end != NULL && *end == '\0')
    {
      *is_integer = TRUE;
      return TRUE;
    }

  /* People write 1,5 as often as 1.5. */
  if ((comma = strchr (copy, ',')) != NULL && strchr (copy, '.') == NULL)
    *comma = '.';
  *number = g_ascii_strtod (copy, &end);
  if (end != NULL && *end == '\0')
    {
      *is_integer = FALSE;
      return TRUE;
    }

  return FALSE;
}

static AushangValue *
value_from_text (AushangField *field,
                 const char   *text);

AushangValue *
aushang_data_file_value_from_text (AushangDataFile *self,
                                   const char      *key,
                                   const char      *text)
{
  AushangField *field;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);
  g_return_val_if_fail (key != NULL && text != NULL, NULL);

  field = self->kind == AUSHANG_DATA_FILE_ENTRIES
          ? aushang_schema_get_field (aushang_data_file_get_schema (self), key) : NULL;

  return value_from_text (field, text);
}

AushangValue *
aushang_data_file_entry_value_from_text (AushangDataFile *self,
                                         guint            index,
                                         const char      *key,
                                         const char      *text)
{
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(AushangSchema) schema = NULL;
  AushangField *field = NULL;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), NULL);
  g_return_val_if_fail (key != NULL && text != NULL, NULL);

  if (self->kind != AUSHANG_DATA_FILE_ENTRIES)
    return value_from_text (NULL, text);

  /* What the other entries write: the entry's own value would otherwise
   * decide how its new one is written, and typing the same text again
   * could write it another way ("2025-06-17" quoted, then as a date). */
  others = g_ptr_array_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      AushangValue *entry = aushang_data_file_get_entry (self, i, NULL, NULL, NULL);

      if (i != index && entry != NULL && aushang_value_lookup (entry, key) != NULL)
        g_ptr_array_add (others, entry);
    }
  if (others->len > 0)
    {
      schema = aushang_schema_infer_entries (others);
      field = aushang_schema_get_field (schema, key);
    }
  else
    field = aushang_schema_get_field (aushang_data_file_get_schema (self), key);

  return value_from_text (field, text);
}

static AushangValue *
value_from_text (AushangField *field,
                 const char   *text)
{
  if (field == NULL || *text == '\0')
    return aushang_value_new_string (text);

  switch (field->kind)
    {
    case AUSHANG_FIELD_DATE:
    case AUSHANG_FIELD_DATETIME:
      {
        g_autoptr(GDateTime) date = NULL;
        g_autofree char *formatted = NULL;
        const char *form = field->form;

        if (!aushang_yaml_parse_jekyll_date (text, &date))
          break;
        /* A time given for a list of plain dates keeps its time. */
        if (form == NULL || (strchr (text, ':') != NULL && strchr (form, 'H') == NULL))
          form = strchr (text, ':') ? "%Y-%m-%d %H:%M" : "%Y-%m-%d";
        formatted = aushang_schema_format_date (date, form);
        /* Written in the list's form only where it reads back as a date
         * of that form (a year before 1000 comes out with three digits,
         * "1.7.215", which is no date to anyone): else as typed. */
        if (field->as_text)
          {
            g_autoptr(AushangValue) value = aushang_value_new_string (formatted);
            g_autofree char *read_form = aushang_schema_date_form (value, NULL);

            if (read_form != NULL)
              return g_steal_pointer (&value);
            break;
          }
        {
          g_autoptr(AushangValue) value = aushang_yaml_resolve_plain (formatted);

          if (value != NULL && (aushang_value_get_kind (value) == AUSHANG_VALUE_DATE ||
                                aushang_value_get_kind (value) == AUSHANG_VALUE_DATETIME))
            return g_steal_pointer (&value);
          /* "2025-06-17 16:30" is no YAML timestamp, but Jekyll reads it,
           * as this date ("540-03-31 10:00", a year before 1000, reads as
           * today at 10:00: else as typed). */
          {
            g_autoptr(GDateTime) back = NULL;
            g_autofree char *again = NULL;

            if (aushang_yaml_parse_jekyll_date (formatted, &back))
              again = aushang_schema_format_date (back, form);
            if (again != NULL && strcmp (again, formatted) == 0)
              return aushang_value_new_string (formatted);
          }
        }
      }
      break;

    case AUSHANG_FIELD_TIME:
      if (aushang_schema_is_time (text) && field->form != NULL && strcmp (field->form, "%H:%M") == 0 &&
          text[1] == ':')
        {
          g_autofree char *padded = g_strconcat ("0", text, NULL);

          return aushang_value_new_string (padded);
        }
      break;

    case AUSHANG_FIELD_BOOLEAN:
      {
        g_autofree char *folded = g_utf8_strdown (text, -1);

        g_strstrip (folded);
        if (strcmp (folded, "true") == 0 || strcmp (folded, "yes") == 0 || strcmp (folded, "ja") == 0 ||
            strcmp (folded, "1") == 0 || strcmp (folded, "on") == 0)
          return aushang_value_new_boolean (TRUE);
        if (strcmp (folded, "false") == 0 || strcmp (folded, "no") == 0 || strcmp (folded, "nein") == 0 ||
            strcmp (folded, "0") == 0 || strcmp (folded, "off") == 0)
          return aushang_value_new_boolean (FALSE);
      }
      break;

    case AUSHANG_FIELD_NUMBER:
      {
        gboolean is_integer = FALSE;
        gint64 integer = 0;
        double number = 0;

        if (parse_number (text, &is_integer, &integer, &number))
          return is_integer ? aushang_value_new_integer (integer) : aushang_value_new_float (number);
      }
      break;

    case AUSHANG_FIELD_TEXT:
    case AUSHANG_FIELD_LONG_TEXT:
    case AUSHANG_FIELD_LIST:
    case AUSHANG_FIELD_IMAGE:
    case AUSHANG_FIELD_YAML:
    case AUSHANG_FIELD_DURATION:
    case AUSHANG_FIELD_URL:
    default:
      break;
    }

  return aushang_value_new_string (text);
}

gboolean
aushang_data_file_set_value (AushangDataFile  *self,
                             guint             index,
                             const char       *key,
                             AushangValue     *value,
                             GError          **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  path = entry_path (self, index, key, error);
  if (path == NULL)
    return FALSE;

  use_key_order (self);

  return aushang_yaml_edit_set (self->edit, path, value, error);
}

gboolean
aushang_data_file_set_text (AushangDataFile  *self,
                            guint             index,
                            const char       *key,
                            const char       *text,
                            GError          **error)
{
  g_autoptr(AushangValue) value = NULL;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);
  g_return_val_if_fail (key != NULL && text != NULL, FALSE);

  value = aushang_data_file_entry_value_from_text (self, index, key, text);

  return aushang_data_file_set_value (self, index, key, value, error);
}

gboolean
aushang_data_file_unset (AushangDataFile  *self,
                         guint             index,
                         const char       *key,
                         GError          **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  path = entry_path (self, index, key, error);
  if (path == NULL)
    return FALSE;

  return aushang_yaml_edit_remove (self->edit, path, error);
}

/* @entry with its keys in the list's order (others after them), and the
 * next value of numbers that grow by a step. */
static AushangValue *
arrange_entry (AushangDataFile *self,
               AushangValue    *entry)
{
  GPtrArray *fields = aushang_schema_get_fields (aushang_data_file_get_schema (self));
  AushangValue *arranged = aushang_value_new_map ();
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < fields->len; i++)
    {
      AushangField *field = g_ptr_array_index (fields, i);
      AushangValue *value = aushang_value_lookup (entry, field->key);

      if (value == NULL && field->next != NULL)
        value = field->next;
      if (value != NULL)
        {
          aushang_value_map_insert (arranged, field->key, aushang_value_ref (value));
          g_hash_table_add (done, field->key);
        }
    }

  for (guint i = 0; i < aushang_value_get_length (entry); i++)
    {
      const char *key = aushang_value_get_key (entry, i);

      if (g_hash_table_add (done, (gpointer) key))
        aushang_value_map_insert (arranged, key, aushang_value_ref (aushang_value_lookup (entry, key)));
    }

  return arranged;
}

guint
aushang_data_file_find_place (AushangDataFile *self,
                              AushangValue    *entry)
{
  g_autoptr(GDateTime) date = NULL;
  const char *key;
  int order = 0;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), 0);
  g_return_val_if_fail (entry != NULL, 0);

  key = aushang_data_file_get_date_key (self, &order);
  if (key == NULL || order == 0 || aushang_value_get_kind (entry) != AUSHANG_VALUE_MAP ||
      (date = date_of (aushang_value_lookup (entry, key))) == NULL)
    return self->entries->len;

  /* Before the first entry that comes later (oldest first) or earlier
   * (newest first); entries of the same day keep theirs first. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autoptr(GDateTime) other = aushang_data_file_dup_entry_date (self, i);

      if (other == NULL)
        continue;
      if (order * g_date_time_compare (other, date) > 0)
        return i;
    }

  return self->entries->len;
}

gboolean
aushang_data_file_insert_entry (AushangDataFile  *self,
                                guint             index,
                                AushangValue     *entry,
                                GError          **error)
{
  g_autoptr(AushangValue) arranged = NULL;
  guint item;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (aushang_value_get_kind (entry) != AUSHANG_VALUE_MAP)
    return refuse (error, AUSHANG_DATA_FILE_ERROR_NOT_ENTRIES, _("An entry is a set of fields (a map)."));

  /* An empty file becomes a list with its first entry. */
  if (self->kind != AUSHANG_DATA_FILE_ENTRIES &&
      !(self->edit != NULL && aushang_yaml_edit_get_is_empty (self->edit)))
    return item_of (self, 0, &item, error);

  if (index < self->entries->len)
    item = g_array_index (self->entries, guint, index);
  else if (self->entries->len > 0)
    item = g_array_index (self->entries, guint, self->entries->len - 1) + 1;
  else
    item = aushang_yaml_edit_get_n_items (self->edit);

  arranged = arrange_entry (self, entry);

  return aushang_yaml_edit_insert_item (self->edit, item, arranged, error);
}

gint
aushang_data_file_add_entry (AushangDataFile  *self,
                             AushangValue     *entry,
                             GError          **error)
{
  guint index;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), -1);
  g_return_val_if_fail (entry != NULL, -1);

  index = aushang_data_file_find_place (self, entry);
  if (!aushang_data_file_insert_entry (self, index, entry, error))
    return -1;

  return (gint) index;
}

gboolean
aushang_data_file_remove_entry (AushangDataFile  *self,
                                guint             index,
                                GError          **error)
{
  guint item;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  return item_of (self, index, &item, error) &&
         aushang_yaml_edit_remove_item (self->edit, item, error);
}

gboolean
aushang_data_file_duplicate_entry (AushangDataFile  *self,
                                   guint             index,
                                   GError          **error)
{
  guint item;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  return item_of (self, index, &item, error) &&
         aushang_yaml_edit_duplicate_item (self->edit, item, error);
}

gboolean
aushang_data_file_move_entry (AushangDataFile  *self,
                              guint             from,
                              guint             to,
                              GError          **error)
{
  g_autofree guint *order = NULL;
  g_autoptr(GArray) entries = NULL;
  guint item_from, item_to, moved, n_items;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  if (!item_of (self, from, &item_from, error) || !item_of (self, to, &item_to, error))
    return FALSE;
  if (from == to)
    return TRUE;

  /* Only the entries change places: what else the list holds (a hidden
   * line that is no entry, like "#- draft") stays where it is, so that
   * moving an entry back gives back the same bytes. */
  n_items = aushang_yaml_edit_get_n_items (self->edit);
  order = g_new (guint, n_items);
  for (guint i = 0; i < n_items; i++)
    order[i] = i;
  entries = g_array_copy (self->entries);
  moved = g_array_index (entries, guint, from);
  g_array_remove_index (entries, from);
  g_array_insert_val (entries, to, moved);
  for (guint i = 0; i < entries->len; i++)
    order[g_array_index (self->entries, guint, i)] = g_array_index (entries, guint, i);

  return aushang_yaml_edit_reorder_items (self->edit, order, n_items, error);
}

gboolean
aushang_data_file_hide_entry (AushangDataFile  *self,
                              guint             index,
                              GError          **error)
{
  guint item;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  return item_of (self, index, &item, error) &&
         aushang_yaml_edit_hide_item (self->edit, item, error);
}

gboolean
aushang_data_file_show_entry (AushangDataFile  *self,
                              guint             index,
                              GError          **error)
{
  guint item;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (self), FALSE);

  return item_of (self, index, &item, error) &&
         aushang_yaml_edit_show_item (self->edit, item, error);
}
