/* replay.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fuzz harnesses without libFuzzer: feeds every file under
 * DIR/<harness>/ (for each DIR given) through the harness's own code, one
 * file per child process, and prints TAP. A crash, a broken promise (the
 * harnesses abort) or a hang (a time limit per file) is "not ok" with the
 * file's name. This is how the normal suite keeps every fuzzing finding in
 * tests/fuzz/regressions/ fixed. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aushang-fuzz.h"

int aushang_fuzz_document (const uint8_t *data, size_t size);
int aushang_fuzz_yaml     (const uint8_t *data, size_t size);
int aushang_fuzz_markdown (const uint8_t *data, size_t size);
int aushang_fuzz_data_file (const uint8_t *data, size_t size);

static const struct
{
  const char *name;
  int       (*run) (const uint8_t *data, size_t size);
} harnesses[] = {
  { "document", aushang_fuzz_document },
  { "yaml", aushang_fuzz_yaml },
  { "markdown", aushang_fuzz_markdown },
  { "data-file", aushang_fuzz_data_file },
};

static guint n_tests;
static guint n_failed;

/* Runs one file in a child, so a crash or a hang is reported for that file
 * and the others still run. */
static void
replay_file (const char  *harness,
             int        (*run) (const uint8_t *data, size_t size),
             const char  *path,
             guint        seconds)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gsize length;
  pid_t pid;
  int status;

  n_tests++;
  label = g_strdup_printf ("%s: %s", harness, path);

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      n_failed++;
      printf ("not ok %u - %s\n# %s\n", n_tests, label, error->message);
      return;
    }

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  if (pid < 0)
    {
      n_failed++;
      printf ("not ok %u - %s\n# fork: %s\n", n_tests, label, g_strerror (errno));
      return;
    }

  if (pid == 0)
    {
      /* The harness's own copy, exactly as long as the file, so
       * AddressSanitizer sees reads past its end. */
      uint8_t *copy = g_malloc (MAX (length, 1));

      memcpy (copy, contents, length);
      alarm (seconds);
      run (copy, length);
      g_free (copy);
      _exit (0);
    }

  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;

  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    {
      printf ("ok %u - %s\n", n_tests, label);
      return;
    }

  n_failed++;
  printf ("not ok %u - %s\n", n_tests, label);
  if (WIFSIGNALED (status) && WTERMSIG (status) == SIGALRM)
    printf ("# hangs: still running after %u s\n", seconds);
  else if (WIFSIGNALED (status))
    printf ("# crashed with signal %d (%s); its message is above in the error output\n",
            WTERMSIG (status), g_strsignal (WTERMSIG (status)));
  else
    printf ("# exited with %d (a sanitizer's report is above in the error output)\n",
            WEXITSTATUS (status));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
replay_directory (const char  *harness,
                  int        (*run) (const uint8_t *data, size_t size),
                  const char  *directory,
                  guint        seconds)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* The notes beside the inputs are not inputs. */
      if (name[0] == '.' || strcmp (name, "README.md") == 0)
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        replay_file (harness, run, path, seconds);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *timeout = g_getenv ("AUSHANG_FUZZ_REPLAY_TIMEOUT");
  guint seconds = timeout ? (guint) g_ascii_strtoull (timeout, NULL, 10) : 30;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DIR… (each holding a folder per harness: document, yaml, markdown)\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    for (guint h = 0; h < G_N_ELEMENTS (harnesses); h++)
      {
        g_autofree char *directory = g_build_filename (argv[i], harnesses[h].name, NULL);

        replay_directory (harnesses[h].name, harnesses[h].run, directory, MAX (seconds, 1));
      }

  if (n_tests == 0)
    {
      printf ("Bail out! no inputs found in the folders given\n");
      return 1;
    }

  printf ("1..%u\n", n_tests);

  return n_failed > 0 ? 1 : 0;
}
