/* test-safe-file.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing lost: a failing disk, a file-size limit, read-only files and
 * folders, a change on disk that kept its modification time, files that are
 * not text, a FIFO and a device. Each case checks the original's bytes, that
 * no temporary file is left, and the message a person reads.
 *
 * The cases that depend on permissions run as "nobody" when the suite runs
 * as root (root may write where the permissions say no), in a child process
 * that drops its rights; the cases that could hang or fill the memory before
 * the fix run in a child with a time limit.
 */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aushang-test-util.h"
#include "aushang-document.h"
#include "aushang-recovery.h"
#include "aushang-safe-file.h"
#include "aushang-site.h"

#define CHILD_TIMEOUT (20 * G_USEC_PER_SEC)

/* Helpers */

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("aushang-safe-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static void
remove_dir (const char *dir)
{
  g_chmod (dir, 0755);
  aushang_test_delete_path (dir);
}

static void
put_file (const char *path,
          const char *data,
          gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static GBytes *
take_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autoptr(GBytes) now = take_file (path);
  gsize a, b;
  const char *da = g_bytes_get_data (now, &a);
  const char *db = g_bytes_get_data (expected, &b);

  g_assert_cmpmem (da, a, db, b);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The folder holds exactly @names (no temporary file left behind). */
static void
assert_only (const char *dir,
             ...)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  va_list args;

  g_assert_nonnull (listing);

  va_start (args, dir);
  while ((name = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (wanted, (gpointer) name);
  va_end (args);

  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (seen, g_strdup (name));

  g_ptr_array_sort (seen, compare_names);
  g_ptr_array_sort (wanted, compare_names);
  for (guint i = 0; i < seen->len; i++)
    g_string_append_printf (found, "%s ", (char *) g_ptr_array_index (seen, i));
  for (guint i = 0; i < wanted->len; i++)
    g_string_append_printf (expected, "%s ", (char *) g_ptr_array_index (wanted, i));

  g_assert_cmpstr (found->str, ==, expected->str);
}

static GBytes *
text_of_size (const char *title,
              gsize       body_size)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "---\ntitle: %s\n---\n", title);
  for (gsize i = 0; i < body_size; i++)
    g_string_append_c (text, i % 64 == 63 ? '\n' : 'a' + (i % 26));

  return g_string_free_to_bytes (text);
}

static char *
expected_message (const char *format,
                  const char *path)
{
  return g_strdup_printf (format, path);
}

/* Whether the rights to drop to "nobody" are there (we are root). */
static gboolean
is_root (void)
{
  return geteuid () == 0;
}

/* Gives up every capability (in a user namespace, where we are the
 * namespace's root but should be an ordinary user again). */
static void
drop_capabilities (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2];

  memset (data, 0, sizeof data);
  g_assert_cmpint (syscall (SYS_capset, &header, data), ==, 0);
}

/* In a child: from now on, a person without special rights. As root, that
 * is "nobody"; otherwise the user running the tests already is one (but
 * may hold capabilities in a user namespace of its own). */
static void
become_person (void)
{
  struct passwd *nobody;

  if (!is_root ())
    {
      drop_capabilities ();
      return;
    }

  nobody = getpwnam ("nobody");
  g_assert_nonnull (nobody);
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (nobody->pw_gid), ==, 0);
  g_assert_cmpint (setuid (nobody->pw_uid), ==, 0);
  g_assert_cmpint (geteuid (), !=, 0);
  /* Changing the user made the process undumpable, which would keep the
   * leak checker of a sanitizer build from looking at it. */
  prctl (PR_SET_DUMPABLE, 1);
}

/* A folder the person may write to, made after become_person (). */
static char *
make_person_dir (void)
{
  g_autofree char *tmpl = g_build_filename ("/tmp", "aushang-safe-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (tmpl));

  return g_steal_pointer (&tmpl);
}

static void
run_child (void)
{
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
limit_file_size (rlim_t bytes)
{
  struct rlimit limit = { bytes, bytes };

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

/* Whatever a test reads, it must not fill the memory of the machine should
 * the limit fail (sanitizers reserve more address space than this). */
static void
limit_memory (void)
{
#if !defined(__SANITIZE_ADDRESS__)
# if defined(__has_feature)
#  if __has_feature(address_sanitizer)
  return;
#  endif
# endif
  struct rlimit limit = { 1024 * 1024 * 1024, 1024 * 1024 * 1024 };

  setrlimit (RLIMIT_AS, &limit);
#endif
}

/* A file-size limit: the write fails after N bytes. */

static void
test_file_size_limit (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_dir ();
      g_autofree char *path = g_build_filename (dir, "post.md", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GBytes) original = text_of_size ("Alt", 600);
      g_autoptr(AushangDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *body = NULL;

      put_file (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
      document = aushang_document_load (file, &error);
      g_assert_no_error (error);

      /* The new text is larger than the limit, the old one is not. */
      limit_file_size (1024);
      body = g_strnfill (3000, 'x');
      aushang_document_set_body (document, body);
      g_assert_false (aushang_document_save (document, &error));
      g_assert_true (error != NULL && error->domain == G_IO_ERROR);
      message = expected_message ("The file would be larger than this system allows. “%s” was not changed.", path);
      g_assert_cmpstr (error->message, ==, message);

      assert_file_is (path, original);
      assert_only (dir, "post.md", NULL);
      g_assert_true (aushang_document_get_modified (document));
      g_assert_true (g_str_has_prefix (aushang_document_get_body (document), "xxx"));

      remove_dir (dir);
      return;
    }

  run_child ();
}

/* The same for a file Aushang creates, and for a recovery copy: the older
 * copy stays. */
static void
test_file_size_limit_new_and_recovery (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_dir ();
      g_autofree char *store = g_build_filename (dir, "recovery", NULL);
      g_autofree char *path = g_build_filename (dir, "neu.md", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(AushangDocument) document = aushang_document_new ();
      static const char small_text[] = "---\ntitle: A\n---\nKurz\n";
      g_autoptr(GBytes) small = g_bytes_new_static (small_text, sizeof small_text - 1);
      g_autoptr(GBytes) big = text_of_size ("B", 5000);
      g_autoptr(GPtrArray) kept = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *body = g_strnfill (5000, 'y');

      g_setenv ("AUSHANG_RECOVERY_DIR", store, TRUE);
      g_assert_true (aushang_recovery_store (file, small, &error));
      g_assert_no_error (error);

      limit_file_size (1024);

      aushang_document_set_body (document, body);
      g_assert_false (aushang_document_save_as (document, file, &error));
      message = expected_message ("The file would be larger than this system allows. “%s” was not created.", path);
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      assert_only (dir, "recovery", NULL);

      g_assert_false (aushang_recovery_store (file, big, &error));
      g_assert_true (error != NULL && error->domain == G_IO_ERROR);
      kept = aushang_recovery_list (NULL);
      g_assert_cmpuint (kept->len, ==, 1);
      g_assert_true (g_bytes_equal (((AushangRecovery *) g_ptr_array_index (kept, 0))->contents, small));
      {
        g_autoptr(GDir) listing = g_dir_open (store, 0, NULL);
        const char *name;
        guint n = 0;

        while ((name = g_dir_read_name (listing)) != NULL)
          {
            g_assert_false (name[0] == '.');
            n++;
          }
        g_assert_cmpuint (n, ==, 2);
      }

      remove_dir (dir);
      return;
    }

  run_child ();
}

/* A full disk: a small tmpfs, mounted in a mount namespace of its own. */

static gboolean
write_proc (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (gssize) strlen (text);
  close (fd);

  return ok;
}

/* Mounts a tmpfs of @size on @dir, in a mount namespace of its own (it
 * goes when the process ends); FALSE when this system lets us mount
 * nothing (neither root nor user namespaces). */
static gboolean
mount_small_disk (const char *dir,
                  const char *size,
                  gboolean    as_root)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0777", size);

  if (as_root)
    {
      if (unshare (CLONE_NEWNS) != 0)
        return FALSE;
    }
  else
    {
      /* Ourselves on the inside too: files stay ours, and once the
       * capabilities are dropped, permissions apply as outside. */
      g_autofree char *uid_map = g_strdup_printf ("%u %u 1\n", (guint) geteuid (), (guint) geteuid ());
      g_autofree char *gid_map = g_strdup_printf ("%u %u 1\n", (guint) getegid (), (guint) getegid ());

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0 ||
          !write_proc ("/proc/self/setgroups", "deny") ||
          !write_proc ("/proc/self/uid_map", uid_map) ||
          !write_proc ("/proc/self/gid_map", gid_map))
        return FALSE;
    }

  return mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
         mount ("tmpfs", dir, "tmpfs", 0, options) == 0;
}

/* Whether a small disk can be mounted here (tried in a throwaway child). */
static gboolean
can_mount_small_disk (void)
{
  g_autofree char *dir = make_dir ();
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (mount_small_disk (dir, "16k", is_root ()) ? 0 : 1);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  remove_dir (dir);

  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Runs the test in a child that mounts a small disk on a folder the
 * parent made (and removes once the child, and with it the mount, is
 * gone). */
static void
run_child_with_disk (void)
{
  g_autofree char *dir = make_dir ();

  g_chmod (dir, 0755);
  g_setenv ("AUSHANG_TEST_DISK", dir, TRUE);
  g_test_trap_subprocess (NULL, CHILD_TIMEOUT, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("AUSHANG_TEST_DISK");
  remove_dir (dir);
  g_test_trap_assert_passed ();
}

/* Fills the disk of @dir with a file named "voll". */
static void
fill_disk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "voll", NULL);
  char block[4096];
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  memset (block, 'v', sizeof block);
  while (write (fd, block, sizeof block) > 0)
    ;
  /* Byte by byte into the last block. */
  while (write (fd, block, 1) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static void
check_full_disk (const char *disk,
                 gboolean    read_only_folder)
{
  g_autofree char *dir = g_build_filename (disk, "site", NULL);
  g_autofree char *path = g_build_filename (dir, "post.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) original = text_of_size ("Alt", 12000);
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *body = g_strnfill (30000, 'z');

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  put_file (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  document = aushang_document_load (file, &error);
  g_assert_no_error (error);
  fill_disk (disk);
  if (read_only_folder)
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  aushang_document_set_body (document, body);
  g_assert_false (aushang_document_save (document, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  message = expected_message ("The disk is full. “%s” was not changed.", path);
  g_assert_cmpstr (error->message, ==, message);

  assert_file_is (path, original);
  assert_only (dir, "post.md", NULL);
  assert_only (disk, "site", "voll", NULL);
}

static void
test_full_disk (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("AUSHANG_TEST_DISK");

      g_assert_true (mount_small_disk (dir, "64k", is_root ()));
      check_full_disk (dir, FALSE);
      return;
    }

  if (!can_mount_small_disk ())
    {
      g_test_skip ("Neither root nor user namespaces: no small disk can be mounted here "
                   "(the file-size limit case covers a failing write)");
      return;
    }

  run_child_with_disk ();
}

/* A full disk and a folder that takes no temporary file: the file would
 * be rewritten in place, but the room for it is not there. */
static void
test_full_disk_in_place (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("AUSHANG_TEST_DISK");

      g_assert_true (mount_small_disk (dir, "64k", is_root ()));
      become_person ();
      check_full_disk (dir, TRUE);
      return;
    }

  if (!can_mount_small_disk ())
    {
      g_test_skip ("Neither root nor user namespaces: no small disk can be mounted here "
                   "(the read-only folder case covers writing in place)");
      return;
    }

  run_child_with_disk ();
}

/* Permissions, as a person without special rights. */

static void
test_read_only_file (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GBytes) original = text_of_size ("Alt", 200);
      g_autoptr(AushangDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      become_person ();
      dir = make_person_dir ();
      path = g_build_filename (dir, "post.md", NULL);
      file = g_file_new_for_path (path);
      put_file (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);

      document = aushang_document_load (file, &error);
      g_assert_no_error (error);
      aushang_document_set_body (document, "Neu\n");
      g_assert_false (aushang_document_save (document, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      message = expected_message ("The file is read-only. “%s” was not changed.", path);
      g_assert_cmpstr (error->message, ==, message);
      assert_file_is (path, original);
      assert_only (dir, "post.md", NULL);

      /* Read-only file in a read-only folder: the same. */
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_false (aushang_document_save (document, &error));
      g_assert_cmpstr (error->message, ==, message);
      assert_file_is (path, original);
      assert_only (dir, "post.md", NULL);

      remove_dir (dir);
      return;
    }

  run_child ();
}

static void
test_read_only_folder (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autofree char *new_path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) new_file = NULL;
      g_autoptr(GBytes) original = text_of_size ("Alt", 500);
      g_autoptr(GBytes) longer = NULL;
      g_autoptr(GBytes) shorter = NULL;
      g_autoptr(AushangDocument) document = NULL;
      g_autoptr(AushangDocument) fresh = aushang_document_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *body = NULL;
      GStatBuf st;

      become_person ();
      dir = make_person_dir ();
      path = g_build_filename (dir, "post.md", NULL);
      new_path = g_build_filename (dir, "neu.md", NULL);
      file = g_file_new_for_path (path);
      new_file = g_file_new_for_path (new_path);
      put_file (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
      g_assert_cmpint (g_chmod (path, 0640), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

      /* The file itself is writable: it is rewritten in place, longer… */
      document = aushang_document_load (file, &error);
      g_assert_no_error (error);
      body = g_strnfill (2000, 'l');
      aushang_document_set_body (document, body);
      g_assert_true (aushang_document_save (document, &error));
      g_assert_no_error (error);
      longer = aushang_document_serialize (document);
      assert_file_is (path, longer);
      assert_only (dir, "post.md", NULL);

      /* …and shorter. */
      aushang_document_set_body (document, "kurz\n");
      g_assert_true (aushang_document_save (document, &error));
      g_assert_no_error (error);
      shorter = aushang_document_serialize (document);
      assert_file_is (path, shorter);
      assert_only (dir, "post.md", NULL);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0640);

      /* In place, past a file-size limit: refused before a byte changes. */
      limit_file_size (1024);
      aushang_document_set_body (document, body);
      g_assert_false (aushang_document_save (document, &error));
      message = expected_message ("The file would be larger than this system allows. “%s” was not changed.", path);
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);
      assert_file_is (path, shorter);
      assert_only (dir, "post.md", NULL);

      /* A new file cannot be created there at all. */
      g_clear_pointer (&message, g_free);
      aushang_document_set_body (fresh, "Hallo\n");
      g_assert_false (aushang_document_save_as (fresh, new_file, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      message = g_strdup_printf ("You may not write to the folder “%s”. “%s” was not created.", dir, new_path);
      g_assert_cmpstr (error->message, ==, message);
      assert_only (dir, "post.md", NULL);

      remove_dir (dir);
      return;
    }

  run_child ();
}

/* Changed on disk with the old modification time */

static void
test_changed_same_mtime (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "post.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  static const char mine[] = "---\ntitle: Eigen\n---\nMein Text\n";
  static const char their_text[] = "---\ntitle: Fremd\n---\nDein Text\n";
  g_autoptr(GBytes) theirs = g_bytes_new_static (their_text, sizeof their_text - 1);
  g_autofree char *message = NULL;
  struct timespec times[2];
  GStatBuf before, after;

  G_STATIC_ASSERT (sizeof mine == sizeof their_text);
  put_file (path, mine, sizeof mine - 1);
  document = aushang_document_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  /* Someone else writes the same number of bytes and puts the old time
   * back (as rsync or a version control checkout may). */
  put_file (path, g_bytes_get_data (theirs, NULL), g_bytes_get_size (theirs));
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);
  g_assert_cmpint (after.st_size, ==, before.st_size);

  aushang_document_set_body (document, "Meins\n");
  g_assert_false (aushang_document_save (document, &error));
  g_assert_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_CHANGED_ON_DISK);
  message = g_strdup_printf ("“%s” was changed by another program since it was opened. It was not overwritten.", path);
  g_assert_cmpstr (error->message, ==, message);
  assert_file_is (path, theirs);
  assert_only (dir, "post.md", NULL);

  /* The person chose to replace their change. */
  g_clear_error (&error);
  g_assert_true (aushang_document_save_overwrite (document, &error));
  g_assert_no_error (error);

  /* After a save, the saved bytes are what counts: saving again works. */
  aushang_document_set_body (document, "Noch einmal\n");
  g_assert_true (aushang_document_save (document, &error));
  g_assert_no_error (error);

  /* A file only touched (same bytes, later time) is no conflict. */
  {
    g_autoptr(GFileInfo) info = g_file_info_new ();

    g_file_info_set_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                      g_get_real_time () / G_USEC_PER_SEC + 5);
    g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE, NULL, &error);
    g_assert_no_error (error);
  }
  aushang_document_set_body (document, "Und noch einmal\n");
  g_assert_true (aushang_document_save (document, &error));
  g_assert_no_error (error);

  remove_dir (dir);
}

/* Files that are not text */

static void
check_refused_not_text (const char *name,
                        const char *data,
                        gsize       length,
                        const char *format)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) original = g_bytes_new (data, length);
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  put_file (path, data, length);
  document = aushang_document_load (file, &error);
  g_assert_null (document);
  g_assert_error (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_NOT_TEXT);
  message = expected_message (format, path);
  g_assert_cmpstr (error->message, ==, message);
  assert_file_is (path, original);
  assert_only (dir, name, NULL);

  remove_dir (dir);
}

static const char nul_document[] = "---\ntitle: Mit NUL\n---\nvorher\0nachher\n";

/* The first bytes of a real PNG: signature, IHDR, a bit of IDAT. */
static const guchar png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

#define NOT_TEXT_NUL "“%s” is not a text document: it contains NUL bytes (an image or other binary file?). Aushang does not open it."

static void
test_nul_refused (void)
{
  check_refused_not_text ("nul.md", nul_document, sizeof nul_document - 1, NOT_TEXT_NUL);
}

static void
test_png_refused (void)
{
  check_refused_not_text ("bild.md", (const char *) png, sizeof png, NOT_TEXT_NUL);
}

static void
test_front_matter_not_utf8 (void)
{
  /* Latin-1 in the front matter; a Latin-1 body alone is left to the
   * editor and kept byte for byte. */
  static const char latin1[] = "---\ntitle: Gr\xfc\xdf" "e\n---\nText\n";
  static const char latin1_body[] = "---\ntitle: Gruesse\n---\nGr\xfc\xdf" "e\n";
  g_autoptr(AushangDocument) body_only = aushang_document_new_from_data (latin1_body, sizeof latin1_body - 1);
  g_autoptr(GBytes) again = aushang_document_serialize (body_only);

  check_refused_not_text ("latin1.md", latin1, sizeof latin1 - 1,
                          "The front matter of “%s” is not UTF-8 text. Aushang does not open it; save it as UTF-8 in another editor first.");
  g_assert_true (aushang_document_is_text (latin1_body, sizeof latin1_body - 1));
  g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again), latin1_body, sizeof latin1_body - 1);
}

/* Bytes after a NUL are kept when a document is made from data (recovery,
 * the index): lengths are explicit end to end. */
static void
test_nul_kept_in_data (void)
{
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (nul_document, sizeof nul_document - 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (aushang_document_is_text (nul_document, sizeof nul_document - 1));
  g_assert_true (aushang_front_matter_set_string (aushang_document_get_front_matter (document), "title", "X", &error));
  g_assert_no_error (error);
  bytes = aushang_document_serialize (document);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "---\ntitle: X\n---\nvorher\0nachher\n", 32);
}

/* What is not a regular file */

static void
test_fifo_refused (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_dir ();
      g_autofree char *path = g_build_filename (dir, "pipe.md", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(AushangDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *contents = NULL;

      g_assert_cmpint (mkfifo (path, 0644), ==, 0);

      /* Nobody ever writes to it: opening it would wait forever. */
      document = aushang_document_load (file, &error);
      g_assert_null (document);
      g_assert_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR);
      message = expected_message ("“%s” is a named pipe (FIFO), not a file. Aushang only reads regular files.", path);
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);

      /* Nor is anything written over it. */
      g_assert_false (aushang_safe_file_write (path, "x", 1, AUSHANG_SAFE_FILE_NONE, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      assert_only (dir, "pipe.md", NULL);

      remove_dir (dir);
      return;
    }

  run_child ();
}

static void
test_dev_zero_refused (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
      g_autoptr(AushangDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      limit_memory ();
      document = aushang_document_load (zero, &error);
      g_assert_null (document);
      g_assert_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR);
      g_assert_cmpstr (error->message, ==, "“/dev/zero” is a device, not a file. Aushang only reads regular files.");
      return;
    }

  run_child ();
}

/* A file that claims fewer bytes than it has (as /proc files do) is still
 * read with the hard limit. */
static void
test_read_hard_limit (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "gross.yml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *data = g_strnfill (5000, 'g');
  g_autoptr(GError) error = NULL;
  AushangFileStamp stamp = { 0, };
  gsize length = 0;

  put_file (path, data, 5000);
  g_assert_false (aushang_safe_file_read (path, 4999, &contents, &length, NULL, &error));
  g_assert_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (aushang_safe_file_read (path, 5000, &contents, &length, &stamp, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 5000);
  g_assert_cmpuint (stamp.size, ==, 5000);
  g_clear_pointer (&contents, g_free);

  /* /proc/self/status reports a size of 0 but has content. */
  g_assert_false (aushang_safe_file_read ("/proc/self/status", 10, &contents, &length, NULL, &error));
  g_assert_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_true (aushang_safe_file_read ("/proc/self/status", 1024 * 1024, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 10);

  remove_dir (dir);
}

/* A site with a FIFO, a device and binary files in its places must open
 * without hanging, and list the binary document with a problem. */
static void
test_site_hostile_files (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_dir ();
      g_autofree char *posts = g_build_filename (dir, "_posts", NULL);
      g_autofree char *data = g_build_filename (dir, "_data", NULL);
      g_autofree char *includes = g_build_filename (dir, "_includes", NULL);
      g_autofree char *config = g_build_filename (dir, "_config.yml", NULL);
      g_autofree char *png_path = g_build_filename (posts, "2025-01-01-bild.md", NULL);
      g_autofree char *good = g_build_filename (posts, "2025-01-02-gut.md", NULL);
      g_autofree char *fifo_post = g_build_filename (posts, "2025-01-03-pipe.md", NULL);
      g_autofree char *zero_post = g_build_filename (posts, "2025-01-04-zero.md", NULL);
      g_autofree char *zero_data = g_build_filename (data, "zero.yml", NULL);
      g_autofree char *fifo_data = g_build_filename (data, "pipe.yml", NULL);
      g_autofree char *fifo_include = g_build_filename (includes, "pipe.html", NULL);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      g_autoptr(AushangSite) site = NULL;
      g_autoptr(GError) error = NULL;
      AushangCollection *collection;
      GPtrArray *documents;
      guint problems = 0;

      limit_memory ();
      g_assert_cmpint (g_mkdir (posts, 0755), ==, 0);
      g_assert_cmpint (g_mkdir (data, 0755), ==, 0);
      g_assert_cmpint (g_mkdir (includes, 0755), ==, 0);
      g_assert_cmpint (mkfifo (config, 0644), ==, 0);
      put_file (png_path, (const char *) png, sizeof png);
      put_file (good, "---\ntitle: Gut\n---\nText\n", -1);
      g_assert_cmpint (mkfifo (fifo_post, 0644), ==, 0);
      g_assert_cmpint (symlink ("/dev/zero", zero_post), ==, 0);
      g_assert_cmpint (symlink ("/dev/zero", zero_data), ==, 0);
      g_assert_cmpint (mkfifo (fifo_data, 0644), ==, 0);
      g_assert_cmpint (mkfifo (fifo_include, 0644), ==, 0);

      site = aushang_site_new (folder, &error);
      g_assert_no_error (error);
      g_assert_nonnull (aushang_site_get_config_error (site, NULL, NULL));

      /* Replace the FIFO _config.yml by a link to /dev/zero. */
      g_clear_object (&site);
      g_assert_cmpint (g_unlink (config), ==, 0);
      g_assert_cmpint (symlink ("/dev/zero", config), ==, 0);
      site = aushang_site_new (folder, &error);
      g_assert_no_error (error);
      g_assert_nonnull (aushang_site_get_config_error (site, NULL, NULL));

      collection = aushang_site_get_collection (site, "posts");
      g_assert_nonnull (collection);
      documents = aushang_site_get_documents (site, collection);
      for (guint i = 0; i < documents->len; i++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, i);

          if (document->has_problem)
            problems++;
          else
            g_assert_cmpstr (document->title, ==, "Gut");
        }
      g_assert_cmpuint (problems, ==, 2);
      g_assert_cmpuint (documents->len, ==, 3);
      aushang_site_get_authors (site);
      g_assert_null (aushang_site_find_block (site, "pipe.html"));

      remove_dir (dir);
      return;
    }

  run_child ();
}

/* Copying a file (an image into the site) */

/* A copy is all of the file, or nothing: never a file of another name
 * overwritten, never anything read from a FIFO, a device or a file larger
 * than allowed. */
static void
test_copy (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_dir ();
      g_autofree char *source = g_build_filename (dir, "foto.jpg", NULL);
      g_autofree char *target = g_build_filename (dir, "kopie.jpg", NULL);
      g_autofree char *fifo = g_build_filename (dir, "pipe.jpg", NULL);
      g_autofree char *zero = g_build_filename (dir, "zero.jpg", NULL);
      g_autofree char *other = g_build_filename (dir, "andere.jpg", NULL);
      g_autofree char *data = g_strnfill (5000, 'j');
      g_autoptr(GBytes) expected = g_bytes_new (data, 5000);
      g_autoptr(GBytes) other_bytes = g_bytes_new_static ("alt", 3);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      limit_memory ();
      put_file (source, data, 5000);
      put_file (other, "alt", 3);
      g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
      g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);

      g_assert_true (aushang_safe_file_copy (source, target, 5000, AUSHANG_SAFE_FILE_NEW, &error));
      g_assert_no_error (error);
      assert_file_is (target, expected);

      /* Never over a file that is there. */
      g_assert_false (aushang_safe_file_copy (source, other, 5000, AUSHANG_SAFE_FILE_NEW, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
      g_clear_error (&error);
      assert_file_is (other, other_bytes);

      /* Neither a FIFO nor a device is read; nothing is created. */
      g_clear_pointer (&target, g_free);
      target = g_build_filename (dir, "neu.jpg", NULL);
      g_assert_false (aushang_safe_file_copy (fifo, target, 5000, AUSHANG_SAFE_FILE_NEW, &error));
      g_assert_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR);
      g_clear_error (&error);
      g_assert_false (aushang_safe_file_copy (zero, target, 5000, AUSHANG_SAFE_FILE_NEW, &error));
      g_assert_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_NOT_REGULAR);
      g_clear_error (&error);

      /* Larger than allowed: refused, with the reason. */
      g_assert_false (aushang_safe_file_copy (source, target, 4999, AUSHANG_SAFE_FILE_NEW, &error));
      g_assert_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE);
      message = g_strdup_printf ("“%s” is larger than 5.0\u00a0kB; Aushang does not read files this large.", source);
      g_assert_cmpstr (error->message, ==, message);
      g_clear_error (&error);

      assert_only (dir, "foto.jpg", "kopie.jpg", "andere.jpg", "pipe.jpg", "zero.jpg", NULL);

      remove_dir (dir);
      return;
    }

  run_child ();
}

/* A copy the disk refuses half way (a file-size limit) leaves no part of
 * it, under its name or another. */
static void
test_copy_file_size_limit (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_dir ();
      g_autofree char *source = g_build_filename (dir, "foto.jpg", NULL);
      g_autofree char *target = g_build_filename (dir, "kopie.jpg", NULL);
      g_autofree char *data = g_strnfill (5000, 'j');
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      put_file (source, data, 5000);
      limit_file_size (1024);

      g_assert_false (aushang_safe_file_copy (source, target, 64 * 1024 * 1024, AUSHANG_SAFE_FILE_NEW, &error));
      g_assert_true (error != NULL && error->domain == G_IO_ERROR);
      message = expected_message ("The file would be larger than this system allows. “%s” was not created.", target);
      g_assert_cmpstr (error->message, ==, message);
      assert_only (dir, "foto.jpg", NULL);

      remove_dir (dir);
      return;
    }

  run_child ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safe-file/file-size-limit", test_file_size_limit);
  g_test_add_func ("/safe-file/file-size-limit-new-and-recovery", test_file_size_limit_new_and_recovery);
  g_test_add_func ("/safe-file/full-disk", test_full_disk);
  g_test_add_func ("/safe-file/full-disk-in-place", test_full_disk_in_place);
  g_test_add_func ("/safe-file/read-only-file", test_read_only_file);
  g_test_add_func ("/safe-file/read-only-folder", test_read_only_folder);
  g_test_add_func ("/safe-file/changed-same-mtime", test_changed_same_mtime);
  g_test_add_func ("/safe-file/nul-refused", test_nul_refused);
  g_test_add_func ("/safe-file/png-refused", test_png_refused);
  g_test_add_func ("/safe-file/front-matter-not-utf8", test_front_matter_not_utf8);
  g_test_add_func ("/safe-file/nul-kept-in-data", test_nul_kept_in_data);
  g_test_add_func ("/safe-file/fifo-refused", test_fifo_refused);
  g_test_add_func ("/safe-file/dev-zero-refused", test_dev_zero_refused);
  g_test_add_func ("/safe-file/read-hard-limit", test_read_hard_limit);
  g_test_add_func ("/safe-file/site-hostile-files", test_site_hostile_files);
  g_test_add_func ("/safe-file/copy", test_copy);
  g_test_add_func ("/safe-file/copy-file-size-limit", test_copy_file_size_limit);

  return g_test_run ();
}
