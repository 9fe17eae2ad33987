/* aushang-document.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-document"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-document.h"
#include "aushang-safe-file.h"

struct _AushangDocument
{
  GObject             parent_instance;

  GFile              *file;
  /* The bytes last read from or written to the file, to notice a change
   * by someone else whatever its modification time says. */
  AushangFileStamp    stamp;

  gboolean            has_bom;
  char               *eol;
  /* The file is bom + opening + front matter + closing + body. */
  char               *opening;
  AushangFrontMatter *front_matter;
  char               *closing;
  char               *body;
  gsize               body_length;
  gboolean            created_front_matter;

  GError             *problem;
  guint               problem_line;
  guint               problem_column;
  gboolean            modified;
};

G_DEFINE_FINAL_TYPE (AushangDocument, aushang_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (aushang-document-error-quark, aushang_document_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
aushang_document_finalize (GObject *object)
{
  AushangDocument *self = (AushangDocument *)object;

  g_clear_object (&self->file);
  /* Someone else may keep the front matter: it no longer calls back. */
  if (self->front_matter != NULL)
    g_signal_handlers_disconnect_by_data (self->front_matter, self);
  g_clear_object (&self->front_matter);
  g_clear_pointer (&self->eol, g_free);
  g_clear_pointer (&self->opening, g_free);
  g_clear_pointer (&self->closing, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_error (&self->problem);

  G_OBJECT_CLASS (aushang_document_parent_class)->finalize (object);
}

static void
aushang_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AushangDocument *self = AUSHANG_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_document_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AushangDocument *self = AUSHANG_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      aushang_document_set_modified (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_document_class_init (AushangDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aushang_document_finalize;
  object_class->get_property = aushang_document_get_property;
  object_class->set_property = aushang_document_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aushang_document_init (AushangDocument *self)
{
  self->eol = g_strdup ("\n");
  self->opening = g_strdup ("");
  self->closing = g_strdup ("");
  self->body = g_strdup ("");
}

AushangDocument *
aushang_document_new (void)
{
  return g_object_new (AUSHANG_TYPE_DOCUMENT, NULL);
}

static guint
count_lines (const char *text,
             gsize       length)
{
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n')
      n++;

  return n;
}

/* Whether [p, end) is "---" or "..." followed only by white space up to the
 * end of the line, as Jekyll's front matter expression reads it. Returns the
 * length of the line including its line break, or 0. */
static gsize
delimiter_line (const char *p,
                const char *end,
                gboolean    allow_dots,
                gboolean    need_newline)
{
  const char *q = p;

  if (end - p < 3)
    return 0;

  if (memcmp (p, "---", 3) != 0 && !(allow_dots && memcmp (p, "...", 3) == 0))
    return 0;

  q += 3;
  while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\f' || *q == '\v'))
    q++;

  if (q < end && *q == '\n')
    return q + 1 - p;

  if (q == end && !need_newline)
    return q - p;

  return 0;
}

static void
front_matter_changed_cb (AushangDocument    *self,
                         AushangFrontMatter *front_matter)
{
  aushang_document_set_modified (self, TRUE);
}

static void
watch_front_matter (AushangDocument *self)
{
  /* Not g_signal_connect_object(): finalize disconnects, and watching
   * the document's life (a weak reference, a closure watch) costs more
   * than the connection itself, for every document the preview makes. */
  g_signal_connect_swapped (self->front_matter, "changed",
                            G_CALLBACK (front_matter_changed_cb), self);
}

/* Where the parts of a file are: after @p (past a byte order mark) come
 * an opening line of @opening_len bytes, the front matter up to @closing,
 * a closing line of @closing_len bytes, then the body. Returns FALSE when
 * the file has no front matter; *unclosed says whether it opens one that
 * never closes. */
static gboolean
locate_front_matter (const char  *data,
                     gsize        length,
                     const char **p,
                     gsize       *opening_len,
                     const char **closing,
                     gsize       *closing_len,
                     gboolean    *unclosed)
{
  const char *end = data + length;

  *p = data;
  *unclosed = FALSE;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    *p += 3;

  *opening_len = delimiter_line (*p, end, FALSE, TRUE);
  if (*opening_len == 0)
    return FALSE;

  /* The first "---" or "..." line after the opening one closes it. */
  for (const char *line = *p + *opening_len; line <= end; )
    {
      const char *next;

      *closing_len = delimiter_line (line, end, TRUE, FALSE);
      if (*closing_len > 0)
        {
          *closing = line;
          return TRUE;
        }

      next = memchr (line, '\n', end - line);
      if (next == NULL)
        break;
      line = next + 1;
    }

  *unclosed = TRUE;

  return FALSE;
}

static void
set_body_len (AushangDocument *self,
              const char      *body,
              gsize            length)
{
  /* Every byte is kept, NUL bytes included: the string ends at the first
   * one, the length does not. */
  g_free (self->body);
  self->body = g_malloc (length + 1);
  memcpy (self->body, body, length);
  self->body[length] = '\0';
  self->body_length = length;
}

static void
split (AushangDocument *self,
       const char      *data,
       gsize            length)
{
  const char *p;
  const char *end = data + length;
  const char *newline;
  const char *closing;
  gsize opening_len = 0;
  gsize closing_len = 0;
  gboolean unclosed;
  gboolean found;

  found = locate_front_matter (data, length, &p, &opening_len, &closing, &closing_len, &unclosed);
  self->has_bom = p != data;

  newline = memchr (p, '\n', end - p);
  g_free (self->eol);
  self->eol = g_strdup (newline != NULL && newline > p && newline[-1] == '\r' ? "\r\n" : "\n");

  if (found)
    {
      g_free (self->opening);
      self->opening = g_strndup (p, opening_len);
      self->front_matter = aushang_front_matter_new (p + opening_len,
                                                     closing - (p + opening_len),
                                                     2, self->eol);
      watch_front_matter (self);
      g_free (self->closing);
      self->closing = g_strndup (closing, closing_len);
      set_body_len (self, closing + closing_len, end - (closing + closing_len));
      return;
    }

  set_body_len (self, p, end - p);
  if (!unclosed)
    return;

  /* An opening "---" that never closes: Jekyll reads the whole file as
   * text. Keep it as it is; fields cannot be edited. */
  self->problem_line = 1;
  self->problem_column = 1;
  g_set_error_literal (&self->problem, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_UNCLOSED,
                       _("The front matter starts with “---” but no line with “---” ends it. Add a line with “---” after the last field."));
}

AushangDocument *
aushang_document_new_from_data (const char *data,
                                gsize       length)
{
  AushangDocument *self = aushang_document_new ();

  g_return_val_if_fail (data != NULL || length == 0, self);

  split (self, data ? data : "", length);

  return self;
}

/* Why @data is not text Aushang may rewrite, or 0 when it is. */
enum
{
  TEXT_OK,
  TEXT_HAS_NUL,
  TEXT_FRONT_MATTER_NOT_UTF8,
};

static int
check_text (const char *data,
            gsize       length)
{
  const char *p;
  const char *closing;
  gsize opening_len = 0;
  gsize closing_len = 0;
  gboolean unclosed;

  if (memchr (data, '\0', length) != NULL)
    return TEXT_HAS_NUL;

  if (locate_front_matter (data, length, &p, &opening_len, &closing, &closing_len, &unclosed) &&
      !g_utf8_validate_len (p, closing + closing_len - p, NULL))
    return TEXT_FRONT_MATTER_NOT_UTF8;

  return TEXT_OK;
}

gboolean
aushang_document_is_text (const char *data,
                          gsize       length)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return length == 0 || check_text (data, length) == TEXT_OK;
}

static char *
local_path (GFile   *file,
            GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not on this computer; Aushang only opens and saves files on this computer."),
                   name);
    }

  return path;
}

AushangDocument *
aushang_document_load (GFile   *file,
                       GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  AushangFileStamp stamp = { 0, };
  AushangDocument *self;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = local_path (file, error);
  if (path == NULL)
    return NULL;

  /* Only a regular file is read, and never more than the limit, whatever
   * size it claims: a FIFO or /dev/zero is refused at once. */
  if (!aushang_safe_file_read (path, AUSHANG_DOCUMENT_MAX_SIZE, &contents, &length, &stamp, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     _("“%s” is a folder, not a document."), name);
      else if (g_error_matches (local_error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE))
        g_set_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_TOO_LARGE,
                     _("“%s” is larger than %d MB; Aushang does not open documents this large."),
                     name, AUSHANG_DOCUMENT_MAX_SIZE / (1024 * 1024));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* A file that is not text is never opened, so it is never rewritten. */
  switch (check_text (contents, length))
    {
    case TEXT_HAS_NUL:
      {
        g_autofree char *name = g_file_get_parse_name (file);

        g_set_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_NOT_TEXT,
                     _("“%s” is not a text document: it contains NUL bytes (an image or other binary file?). Aushang does not open it."),
                     name);
        return NULL;
      }

    case TEXT_FRONT_MATTER_NOT_UTF8:
      {
        g_autofree char *name = g_file_get_parse_name (file);

        g_set_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_NOT_TEXT,
                     _("The front matter of “%s” is not UTF-8 text. Aushang does not open it; save it as UTF-8 in another editor first."),
                     name);
        return NULL;
      }

    case TEXT_OK:
    default:
      break;
    }

  self = aushang_document_new_from_data (contents, length);
  self->file = g_object_ref (file);
  self->stamp = stamp;

  return self;
}

/* What the file holds now, to compare with what was read: no file, or
 * (when it cannot be read) a stamp no bytes match. */
static gboolean
stamp_on_disk (const char        *path,
               AushangFileStamp  *stamp,
               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;

  memset (stamp, 0, sizeof *stamp);

  if (aushang_safe_file_read (path, AUSHANG_DOCUMENT_MAX_SIZE, &contents, NULL, stamp, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;

  if (g_error_matches (local_error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE))
    {
      stamp->exists = TRUE;
      stamp->size = G_MAXUINT64;
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

AushangDocument *
aushang_document_restore (GFile  *file,
                          GBytes *contents)
{
  g_autofree char *path = NULL;
  AushangDocument *self;
  gsize length;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  data = g_bytes_get_data (contents, &length);
  self = aushang_document_new_from_data (data, length);
  self->file = g_object_ref (file);

  /* Saving checks against the file as it is now. */
  path = g_file_get_path (file);
  if (path == NULL || !stamp_on_disk (path, &self->stamp, NULL))
    {
      self->stamp.exists = TRUE;
      self->stamp.size = G_MAXUINT64;
    }

  self->modified = TRUE;

  return self;
}

GBytes *
aushang_document_serialize (AushangDocument *self)
{
  GString *out;
  gsize fm_length = 0;
  const char *fm_text;

  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), NULL);

  out = g_string_new (NULL);

  if (self->has_bom)
    g_string_append (out, "\xEF\xBB\xBF");

  if (self->front_matter != NULL)
    fm_text = aushang_front_matter_get_text (self->front_matter, &fm_length);

  if (self->front_matter != NULL && (fm_length > 0 || !self->created_front_matter))
    {
      g_string_append (out, self->opening);
      g_string_append_len (out, fm_text, fm_length);
      g_string_append (out, self->closing);
    }

  g_string_append_len (out, self->body, self->body_length);

  return g_string_free_to_bytes (out);
}

static gboolean
write_to (AushangDocument  *self,
          GFile            *file,
          gboolean          check_disk,
          gboolean          new_file,
          GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  AushangFileStamp stamp = { 0, };
  gsize length;
  const char *data;

  path = local_path (file, error);
  if (path == NULL)
    return FALSE;

  /* A new document of a collection whose folder is not there yet: the
   * folder is made now, at the first save, not when it was created. */
  if (new_file)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autoptr(GError) local_error = NULL;

      if (parent != NULL &&
          !g_file_make_directory_with_parents (parent, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  /* Someone else changed the file since it was read when its bytes differ
   * now, whatever its modification time says. A file deleted meanwhile is
   * simply written again. */
  if (check_disk)
    {
      AushangFileStamp now;

      if (!stamp_on_disk (path, &now, error))
        return FALSE;

      if (now.exists && !aushang_file_stamp_equal (&self->stamp, &now))
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_set_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_CHANGED_ON_DISK,
                       _("“%s” was changed by another program since it was opened. It was not overwritten."),
                       name);
          return FALSE;
        }
    }

  /* A temporary file beside it, renamed over it once every byte is on
   * disk: the file is either the old or the new text, never half of each,
   * and a full disk leaves the old one as it was. */
  bytes = aushang_document_serialize (self);
  data = g_bytes_get_data (bytes, &length);
  if (!aushang_safe_file_write (path, data, length,
                                new_file ? AUSHANG_SAFE_FILE_NEW : AUSHANG_SAFE_FILE_NONE,
                                &stamp, error))
    return FALSE;

  self->stamp = stamp;
  aushang_document_set_modified (self, FALSE);

  return TRUE;
}

gboolean
aushang_document_save (AushangDocument  *self,
                       GError          **error)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);

  if (self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("The document has no file name yet."));
      return FALSE;
    }

  return write_to (self, self->file, TRUE, FALSE, error);
}

gboolean
aushang_document_save_as (AushangDocument  *self,
                          GFile            *file,
                          GError          **error)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->file != NULL && g_file_equal (self->file, file))
    return aushang_document_save (self, error);

  if (g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name."), name);
      return FALSE;
    }

  if (!write_to (self, file, FALSE, TRUE, error))
    return FALSE;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  return TRUE;
}

gboolean
aushang_document_save_overwrite (AushangDocument  *self,
                                 GError          **error)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);

  if (self->file == NULL)
    return aushang_document_save (self, error);

  return write_to (self, self->file, FALSE, FALSE, error);
}

gboolean
aushang_document_rename (AushangDocument  *self,
                         GFile            *file,
                         GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The document has not been saved yet."));
      return FALSE;
    }

  if (g_file_equal (self->file, file))
    return TRUE;

  if (!g_file_move (self->file, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already exists. Choose another name."), name);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  return TRUE;
}

GFile *
aushang_document_get_file (AushangDocument *self)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), NULL);

  return self->file;
}

gboolean
aushang_document_get_has_front_matter (AushangDocument *self)
{
  gsize length = 0;

  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);

  if (self->front_matter == NULL)
    return FALSE;

  aushang_front_matter_get_text (self->front_matter, &length);

  return !self->created_front_matter || length > 0;
}

static void
ensure_front_matter (AushangDocument *self)
{
  if (self->front_matter != NULL)
    return;

  g_free (self->opening);
  self->opening = g_strconcat ("---", self->eol, NULL);
  g_free (self->closing);
  self->closing = g_strconcat ("---", self->eol, NULL);
  self->front_matter = aushang_front_matter_new ("", 0, 2, self->eol);
  self->created_front_matter = TRUE;
  watch_front_matter (self);
}

AushangFrontMatter *
aushang_document_get_front_matter (AushangDocument *self)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), NULL);

  /* A document without front matter gets an empty one to fill in; it is
   * only written out once it has a field. */
  if (self->front_matter == NULL && self->problem == NULL)
    ensure_front_matter (self);

  return self->front_matter;
}

const char *
aushang_document_get_body (AushangDocument *self)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), NULL);

  return self->body;
}

void
aushang_document_set_body (AushangDocument *self,
                           const char      *body)
{
  g_return_if_fail (AUSHANG_IS_DOCUMENT (self));

  if (body == NULL)
    body = "";

  if (strlen (body) == self->body_length && memcmp (self->body, body, self->body_length) == 0)
    return;

  set_body_len (self, body, strlen (body));
  aushang_document_set_modified (self, TRUE);
}

guint
aushang_document_get_body_line (AushangDocument *self)
{
  gsize length = 0;

  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), 1);

  if (self->front_matter == NULL)
    return 1;

  if (self->created_front_matter && aushang_front_matter_get_text (self->front_matter, &length) && length == 0)
    return 1;

  aushang_front_matter_get_text (self->front_matter, &length);

  return 2 + count_lines (aushang_front_matter_get_text (self->front_matter, NULL), length) +
         count_lines (self->closing, strlen (self->closing));
}

const char *
aushang_document_get_line_ending (AushangDocument *self)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), "\n");

  return self->eol;
}

gboolean
aushang_document_get_has_bom (AushangDocument *self)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);

  return self->has_bom;
}

gboolean
aushang_document_get_modified (AushangDocument *self)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);

  return self->modified;
}

void
aushang_document_set_modified (AushangDocument *self,
                               gboolean         modified)
{
  g_return_if_fail (AUSHANG_IS_DOCUMENT (self));

  modified = !!modified;
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

const GError *
aushang_document_get_problem (AushangDocument *self,
                              guint           *line,
                              guint           *column)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), NULL);

  if (self->problem != NULL)
    {
      if (line)
        *line = self->problem_line;
      if (column)
        *column = self->problem_column;
      return self->problem;
    }

  if (self->front_matter != NULL && aushang_front_matter_get_error (self->front_matter) != NULL)
    {
      if (line)
        *line = aushang_front_matter_get_error_line (self->front_matter);
      if (column)
        *column = aushang_front_matter_get_error_column (self->front_matter);
      return aushang_front_matter_get_error (self->front_matter);
    }

  if (line)
    *line = 0;
  if (column)
    *column = 0;

  return NULL;
}

gboolean
aushang_document_can_edit_fields (AushangDocument  *self,
                                  GError          **error)
{
  const GError *problem;
  guint line = 0;

  g_return_val_if_fail (AUSHANG_IS_DOCUMENT (self), FALSE);

  problem = aushang_document_get_problem (self, &line, NULL);
  if (problem != NULL)
    {
      g_set_error (error, AUSHANG_FRONT_MATTER_ERROR, AUSHANG_FRONT_MATTER_ERROR_NOT_EDITABLE,
                   /* Translators: %u is a line number, %s says what is wrong there. */
                   _("Fields cannot be changed until line %u is fixed: %s"),
                   line, problem->message);
      return FALSE;
    }

  return TRUE;
}
