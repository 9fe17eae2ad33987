/* aushang-safe-file.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every file Aushang reads or writes goes through here, so that a full
 * disk, a file-size limit, a read-only folder, a FIFO or a device never
 * costs anyone their text. */

#define AUSHANG_SAFE_FILE_ERROR (aushang_safe_file_error_quark ())

typedef enum
{
  AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR,  /* a FIFO, a device, a socket */
  AUSHANG_SAFE_FILE_ERROR_TOO_LARGE,    /* more bytes than the caller allows */
} AushangSafeFileError;

GQuark aushang_safe_file_error_quark (void);

/* What a file held when it was read or written: enough to tell later
 * whether someone else changed it, whatever its modification time says. */
typedef struct
{
  gboolean exists;
  guint64  size;
  char     sha256[65];
} AushangFileStamp;

void     aushang_file_stamp_set          (AushangFileStamp       *stamp,
                                          const char             *data,
                                          gsize                   length);
/* Whether both stamps describe the same bytes (or both no file). */
gboolean aushang_file_stamp_equal        (const AushangFileStamp *a,
                                          const AushangFileStamp *b);

/* Reads the regular file at @path, at most @max_size bytes: anything that
 * is not a regular file (a FIFO, a device, a socket, a folder) is refused
 * without opening it, and reading stops after @max_size + 1 bytes whatever
 * size the file claims. @contents is NUL-terminated; @length and @stamp may
 * be NULL. Errors: G_IO_ERROR (IS_DIRECTORY, NOT_FOUND, …) or
 * AUSHANG_SAFE_FILE_ERROR. */
gboolean aushang_safe_file_read          (const char             *path,
                                          gsize                   max_size,
                                          char                  **contents,
                                          gsize                  *length,
                                          AushangFileStamp       *stamp,
                                          GError                **error);

typedef enum
{
  AUSHANG_SAFE_FILE_NONE    = 0,
  /* Never replace an existing file (G_IO_ERROR_EXISTS). */
  AUSHANG_SAFE_FILE_NEW     = 1 << 0,
  /* A new file is readable by its owner only. */
  AUSHANG_SAFE_FILE_PRIVATE = 1 << 1,
} AushangSafeFileFlags;

/* Writes @data to @path so that the file holds either its old bytes or all
 * of the new ones, never a mixture: a temporary file beside it, every write
 * checked, fsync, close, rename. Where the folder allows no temporary file,
 * the file is rewritten in place, but only after room for all of the new
 * bytes is reserved. On failure the old file is unchanged, no temporary
 * file is left, and the message (G_IO_ERROR) says what happened and that
 * the file was not changed. @stamp (may be NULL) receives the new bytes'
 * stamp. */
gboolean aushang_safe_file_write         (const char             *path,
                                          const char             *data,
                                          gsize                   length,
                                          AushangSafeFileFlags    flags,
                                          AushangFileStamp       *stamp,
                                          GError                **error);

/* Copies the regular file @source to @path: @source is read as
 * aushang_safe_file_read reads (a FIFO, a device or a file of more than
 * @max_size bytes is refused), @path is written as aushang_safe_file_write
 * writes, with @flags as there (AUSHANG_SAFE_FILE_NEW: never over an
 * existing file). On failure nothing of the copy is left: no partial file
 * under @path, no temporary file, and the message says what happened. */
gboolean aushang_safe_file_copy          (const char             *source,
                                          const char             *path,
                                          gsize                   max_size,
                                          AushangSafeFileFlags    flags,
                                          GError                **error);

/* A file-size limit (ulimit -f) ends the process with SIGXFSZ unless the
 * signal is ignored; ignored, the write fails with EFBIG and is reported.
 * Called by aushang_safe_file_write; callers may call it early. */
void     aushang_safe_file_ignore_sigxfsz (void);

G_END_DECLS
