/* aushang-safe-file.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-safe-file"

/* renameat2 () and RENAME_NOREPLACE. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aushang-safe-file.h"

G_DEFINE_QUARK (aushang-safe-file-error-quark, aushang_safe_file_error)

void
aushang_file_stamp_set (AushangFileStamp *stamp,
                        const char       *data,
                        gsize             length)
{
  g_autofree char *sum = NULL;

  g_return_if_fail (stamp != NULL);
  g_return_if_fail (data != NULL || length == 0);

  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) (data ? data : ""), length);
  stamp->exists = TRUE;
  stamp->size = length;
  g_strlcpy (stamp->sha256, sum, sizeof stamp->sha256);
}

gboolean
aushang_file_stamp_equal (const AushangFileStamp *a,
                          const AushangFileStamp *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (!a->exists || !b->exists)
    return a->exists == b->exists;

  return a->size == b->size && strcmp (a->sha256, b->sha256) == 0;
}

void
aushang_safe_file_ignore_sigxfsz (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      struct sigaction old;

      /* Only the default (ending the process) is replaced; a handler
       * someone installed on purpose stays. */
      if (sigaction (SIGXFSZ, NULL, &old) == 0 &&
          !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
        signal (SIGXFSZ, SIG_IGN);

      g_once_init_leave (&done, 1);
    }
}

/* Reading */

static void
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *format,
                 const char  *name)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), format, name, g_strerror (errsv));
}

static void
set_not_regular_error (GError     **error,
                       const char  *name,
                       mode_t       mode)
{
  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a file."), name);
  else if (S_ISFIFO (mode))
    g_set_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR,
                 _("“%s” is a named pipe (FIFO), not a file. Aushang only reads regular files."), name);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR,
                 _("“%s” is a device, not a file. Aushang only reads regular files."), name);
  else if (S_ISSOCK (mode))
    g_set_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR,
                 _("“%s” is a socket, not a file. Aushang only reads regular files."), name);
  else
    g_set_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR,
                 _("“%s” is not a regular file. Aushang only reads regular files."), name);
}

static void
set_too_large_error (GError     **error,
                     const char  *name,
                     gsize        max_size)
{
  g_autofree char *size = g_format_size (max_size);

  g_set_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE,
               /* Translators: the second %s is a size, such as “64.0 MB”. */
               _("“%s” is larger than %s; Aushang does not read files this large."),
               name, size);
}

/* Reads @fd from @offset to its end, giving up (with *too_large) after
 * @max_size + 1 bytes. Returns FALSE with errno set on a read error. */
static gboolean
read_fd (int        fd,
         goffset    offset,
         gsize      size_hint,
         gsize      max_size,
         char     **contents,
         gsize     *length,
         gboolean  *too_large)
{
  g_autofree char *buffer = NULL;
  gsize capacity = MIN (size_hint, max_size) + 1;
  gsize filled = 0;

  *too_large = FALSE;
  buffer = g_malloc (capacity + 1);

  for (;;)
    {
      gssize n;

      if (filled == capacity)
        {
          if (capacity > max_size)
            {
              *too_large = TRUE;
              return TRUE;
            }
          capacity = capacity > max_size / 2 ? max_size + 1 : capacity * 2;
          buffer = g_realloc (buffer, capacity + 1);
        }

      n = pread (fd, buffer + filled, capacity - filled, offset + filled);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        break;
      filled += n;
    }

  if (filled > max_size)
    {
      *too_large = TRUE;
      return TRUE;
    }

  buffer[filled] = '\0';
  *contents = g_steal_pointer (&buffer);
  *length = filled;

  return TRUE;
}

gboolean
aushang_safe_file_read (const char        *path,
                        gsize              max_size,
                        char             **contents,
                        gsize             *length,
                        AushangFileStamp  *stamp,
                        GError           **error)
{
  g_autofree char *name = NULL;
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize filled = 0;
  gboolean too_large = FALSE;
  gboolean ok;
  int fd;
  int errsv;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  name = g_filename_display_name (path);

  /* The type is looked at before the file is opened: opening a FIFO would
   * wait for a writer, reading a device would never end. */
  if (stat (path, &st) != 0)
    {
      errsv = errno;
      /* Translators: the first %s is a file name, the second the reason. */
      set_errno_error (error, errsv, _("“%s” cannot be read: %s."), name);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      set_not_regular_error (error, name, st.st_mode);
      return FALSE;
    }

  if ((guint64) st.st_size > max_size)
    {
      set_too_large_error (error, name, max_size);
      return FALSE;
    }

  /* O_NONBLOCK: should the file be swapped for a FIFO in between, opening
   * it still returns at once, and the check below refuses it. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      errsv = errno;
      set_errno_error (error, errsv, _("“%s” cannot be read: %s."), name);
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      set_not_regular_error (error, name, st.st_mode);
      return FALSE;
    }

  /* The size the file reports is only a hint: reading stops at the limit
   * whatever it says. */
  ok = read_fd (fd, 0, st.st_size, max_size, &buffer, &filled, &too_large);
  errsv = errno;
  close (fd);

  if (!ok)
    {
      set_errno_error (error, errsv, _("“%s” cannot be read: %s."), name);
      return FALSE;
    }

  if (too_large)
    {
      set_too_large_error (error, name, max_size);
      return FALSE;
    }

  if (stamp != NULL)
    aushang_file_stamp_set (stamp, buffer, filled);
  if (length != NULL)
    *length = filled;
  *contents = g_steal_pointer (&buffer);

  return TRUE;
}

/* Writing */

/* A sentence that says what went wrong, for a failed write. */
static char *
reason_for_errno (int errsv)
{
  switch (errsv)
    {
    case ENOSPC:
      return g_strdup (_("The disk is full."));

#ifdef EDQUOT
    case EDQUOT:
      return g_strdup (_("The disk quota is used up."));
#endif

    case EFBIG:
      return g_strdup (_("The file would be larger than this system allows."));

    case EROFS:
      return g_strdup (_("The disk is read-only."));

    case EIO:
      return g_strdup (_("The disk reported an error."));

    case EACCES:
    case EPERM:
      return g_strdup (_("Permission was denied."));

    default:
      /* The system's description of the error, already translated. */
      return g_strdup_printf ("%s.", g_strerror (errsv));
    }
}

static void
set_write_error (GError     **error,
                 int          errsv,
                 const char  *reason,
                 const char  *name,
                 gboolean     existed)
{
  g_autofree char *own_reason = reason ? NULL : reason_for_errno (errsv);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               existed
               /* Translators: the first %s says what went wrong, the second is a file name. */
               ? _("%s “%s” was not changed.")
               /* Translators: the first %s says what went wrong, the second is a file name. */
               : _("%s “%s” was not created."),
               reason ? reason : own_reason, name);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length,
           goffset     offset)
{
  while (length > 0)
    {
      gssize n = pwrite (fd, data, MIN (length, (gsize) G_MAXSSIZE), offset);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }

      data += n;
      length -= n;
      offset += n;
    }

  return TRUE;
}

static gboolean
sync_fd (int fd)
{
  /* Some file systems cannot sync; that is no reason to fail. */
  return fsync (fd) == 0 || errno == EINVAL || errno == ENOTSUP;
}

static void
sync_folder (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* The rename is done; this only makes it last through a power cut. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Rewrites @target in place, for a folder that takes no temporary file:
 * only after room for all of @data is reserved, and with the old bytes put
 * back should anything fail after all. */
static gboolean
write_in_place (const char        *target,
                const char        *name,
                const char        *data,
                gsize              length,
                GError           **error)
{
  g_autofree char *original = NULL;
  gsize original_length = 0;
  gboolean too_large = FALSE;
  struct stat st;
  int fd;
  int errsv;
  int r;

  fd = open (target, O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      errsv = errno;
      set_write_error (error, errsv, errsv == EACCES ? _("The file is read-only.") : NULL, name, TRUE);
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file. It was not changed."), name);
      return FALSE;
    }

  /* The old bytes, to put back should writing fail half way. */
  if (!read_fd (fd, 0, st.st_size, G_MAXSIZE / 2, &original, &original_length, &too_large) || too_large)
    {
      errsv = too_large ? EFBIG : errno;
      close (fd);
      set_write_error (error, errsv, NULL, name, TRUE);
      return FALSE;
    }

  /* Reserve the room first: on a full disk or past a size limit this
   * fails while the file still holds its old bytes. */
  if (length > original_length)
    {
      r = posix_fallocate (fd, 0, length);
      if (r == 0 && !sync_fd (fd))
        r = errno;
      if (r != 0)
        {
          /* An emulated reservation may have grown the file with zeros. */
          if (ftruncate (fd, original_length) != 0)
            g_debug ("Could not trim %s back: %s", target, g_strerror (errno));
          close (fd);
          set_write_error (error, r, NULL, name, TRUE);
          return FALSE;
        }
    }

  if (!write_all (fd, data, length, 0) ||
      (length < original_length && ftruncate (fd, length) != 0) ||
      !sync_fd (fd))
    {
      g_autofree char *reason = NULL;
      gboolean restored;

      errsv = errno;
      reason = reason_for_errno (errsv);
      restored = write_all (fd, original, original_length, 0) &&
                 ftruncate (fd, original_length) == 0 &&
                 sync_fd (fd);
      close (fd);

      if (restored)
        set_write_error (error, errsv, reason, name, TRUE);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                     /* Translators: the first %s says what went wrong, the second is a file name. */
                     _("%s “%s” could not be written completely and may be damaged."),
                     reason, name);
      return FALSE;
    }

  /* The bytes are on disk (fsync succeeded); close cannot lose them. */
  close (fd);

  return TRUE;
}

gboolean
aushang_safe_file_write (const char            *path,
                         const char            *data,
                         gsize                  length,
                         AushangSafeFileFlags   flags,
                         AushangFileStamp      *stamp,
                         GError               **error)
{
  g_autofree char *target = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  struct stat st;
  gboolean exists;
  gboolean in_place = FALSE;
  mode_t mode;
  int fd;
  int errsv;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  aushang_safe_file_ignore_sigxfsz ();

  if (data == NULL)
    data = "";

  name = g_filename_display_name (path);

  /* A symbolic link stays a link: its target gets the new bytes. */
  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);

  if (stat (target, &st) == 0)
    exists = TRUE;
  else if (errno == ENOENT)
    exists = FALSE;
  else
    {
      errsv = errno;
      set_write_error (error, errsv, NULL, name, TRUE);
      return FALSE;
    }

  if (exists && (flags & AUSHANG_SAFE_FILE_NEW))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name."), name);
      return FALSE;
    }

  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR,
                   S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file. It was not changed."), name);
      return FALSE;
    }

  /* A read-only file is left alone, even where its folder would let a new
   * file take its place. */
  if (exists && faccessat (AT_FDCWD, target, W_OK, AT_EACCESS) != 0)
    {
      errsv = errno;
      set_write_error (error, errsv, errsv == EACCES ? _("The file is read-only.") : NULL, name, TRUE);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);

  if (exists)
    mode = st.st_mode & 0777;
  else
    mode = (flags & AUSHANG_SAFE_FILE_PRIVATE) ? 0600 : 0666;

  /* A file with more than one name is rewritten in place, so that every
   * name keeps seeing it. */
  if (exists && st.st_nlink > 1)
    in_place = TRUE;

  fd = -1;
  if (!in_place)
    {
      tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
      fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, mode);
      if (fd < 0 && errno == ENAMETOOLONG)
        {
          g_free (tmp_path);
          tmp_path = g_strdup_printf ("%s/.aushang-XXXXXX", dir);
          fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, mode);
        }

      if (fd < 0)
        {
          errsv = errno;

          /* The folder takes no new file, but the file itself may still
           * be writable. */
          if (exists && (errsv == EACCES || errsv == EPERM || errsv == ENOSPC
#ifdef EDQUOT
                         || errsv == EDQUOT
#endif
                         ))
            in_place = TRUE;
          else if (errsv == EACCES || errsv == EPERM)
            {
              g_autofree char *folder = g_filename_display_name (dir);
              g_autofree char *reason = g_strdup_printf (_("You may not write to the folder “%s”."), folder);

              set_write_error (error, errsv, reason, name, exists);
              return FALSE;
            }
          else
            {
              set_write_error (error, errsv, NULL, name, exists);
              return FALSE;
            }
        }
    }

  if (fd >= 0)
    {
      /* The new file gets the old one's permissions exactly (creating it
       * applied the umask) and its owner; where the owner cannot be kept,
       * the file is rewritten in place instead. A new file keeps what the
       * umask made of @mode. */
      if (exists &&
          (fchmod (fd, mode) != 0 ||
           ((st.st_uid != geteuid () || st.st_gid != getegid ()) &&
            fchown (fd, st.st_uid, st.st_gid) != 0)))
        {
          close (fd);
          unlink (tmp_path);
          fd = -1;
          if (exists)
            in_place = TRUE;
        }
    }

  if (in_place)
    {
      if (!write_in_place (target, name, data, length, error))
        return FALSE;
    }
  else
    {
      if (fd < 0)
        {
          set_write_error (error, EACCES, NULL, name, exists);
          return FALSE;
        }

      if (!write_all (fd, data, length, 0) || !sync_fd (fd))
        {
          errsv = errno;
          close (fd);
          unlink (tmp_path);
          set_write_error (error, errsv, NULL, name, exists);
          return FALSE;
        }

      if (close (fd) != 0)
        {
          errsv = errno;
          unlink (tmp_path);
          set_write_error (error, errsv, NULL, name, exists);
          return FALSE;
        }

      if (flags & AUSHANG_SAFE_FILE_NEW)
        {
          /* Never over a file that appeared meanwhile. */
          if (renameat2 (AT_FDCWD, tmp_path, AT_FDCWD, target, RENAME_NOREPLACE) != 0)
            {
              errsv = errno;
              if (errsv == EINVAL || errsv == ENOSYS || errsv == ENOTSUP)
                {
                  if (link (tmp_path, target) == 0)
                    errsv = 0;
                  else
                    errsv = errno;
                  unlink (tmp_path);
                }
              else
                unlink (tmp_path);

              if (errsv == EEXIST)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("“%s” already exists. Choose another name."), name);
                  return FALSE;
                }
              if (errsv != 0)
                {
                  set_write_error (error, errsv, NULL, name, FALSE);
                  return FALSE;
                }
            }
        }
      else if (rename (tmp_path, target) != 0)
        {
          errsv = errno;
          unlink (tmp_path);
          set_write_error (error, errsv, NULL, name, exists);
          return FALSE;
        }

      sync_folder (dir);
    }

  if (stamp != NULL)
    aushang_file_stamp_set (stamp, data, length);

  return TRUE;
}

gboolean
aushang_safe_file_copy (const char            *source,
                        const char            *path,
                        gsize                  max_size,
                        AushangSafeFileFlags   flags,
                        GError               **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* All of it is read first: a source that cannot be read completely
   * never leaves a beginning behind. */
  if (!aushang_safe_file_read (source, max_size, &contents, &length, NULL, error))
    return FALSE;

  return aushang_safe_file_write (path, contents, length, flags, NULL, error);
}
