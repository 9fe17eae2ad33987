/* test-git.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Publishing against real git servers on 127.0.0.1: `git daemon`
 * (anonymous, receive-pack on) and `git http-backend` behind lighttpd with
 * basic authentication. The servers are started here and die with this
 * process (PR_SET_PDEATHSIG), also when an assertion aborts it. What the
 * server ends up with is read back with the real `git`. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "aushang-data-file.h"
#include "aushang-document.h"
#include "aushang-git.h"
#include "aushang-git-private.h"
#include "aushang-site.h"
#include "aushang-test-util.h"
#include "test-git-servers.h"

typedef struct
{
  const char *username;
  const char *password;
  guint       asked;
  guint       progress_calls;
  AushangGitProgress last;
} TestCallbacks;

static gboolean
credentials_cb (const char  *url,
                const char  *username_from_url,
                guint        attempt,
                char       **username,
                char       **password,
                gpointer     user_data)
{
  TestCallbacks *test = user_data;

  test->asked++;
  /* Like the command line: one pair, no second question. */
  if (attempt > 1 || test->username == NULL)
    return FALSE;
  *username = g_strdup (test->username);
  *password = g_strdup (test->password);
  return TRUE;
}

static void
progress_cb (const AushangGitProgress *progress,
             gpointer                  user_data)
{
  TestCallbacks *test = user_data;

  test->progress_calls++;
  test->last = *progress;
}

static AushangGitCallbacks
callbacks_for (TestCallbacks *test)
{
  AushangGitCallbacks callbacks = { progress_cb, credentials_cb, test, NULL };

  return callbacks;
}

static gboolean
has_description (GPtrArray  *changes,
                 const char *description)
{
  for (guint i = 0; i < changes->len; i++)
    {
      AushangGitChange *change = g_ptr_array_index (changes, i);

      if (strcmp (change->description, description) == 0)
        return TRUE;
    }
  return FALSE;
}

#define POST "_posts/2026-07-02-sommerpause.md"
#define EVENTS "_data/events.yml"

/* Scenario 1: clone with progress, edit a document and an event, publish;
 * a second clone sees exactly that, and Jekyll builds it. */
static void
test_clone_edit_publish (void)
{
  g_autofree char *url = http_url ("site1.git");
  g_autofree char *folder = new_folder ("clone1");
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  TestCallbacks test = { user, token };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_autoptr(AushangDataFile) events = NULL;
  g_autoptr(GFile) events_file = NULL;
  g_autofree char *events_path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *check = NULL;
  g_autofree char *names = NULL;
  g_autofree char *log = NULL;
  g_autofree char *out = NULL;

  make_server_repo ("site1.git", NULL);

  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);
  g_assert_nonnull (repo);
  g_assert_cmpuint (test.asked, >=, 1);
  g_assert_cmpuint (test.progress_calls, >, 0);
  g_assert_cmpuint (test.last.total_objects, >, 0);
  g_assert_cmpuint (test.last.received_objects, ==, test.last.total_objects);
  g_assert_cmpuint (test.last.received_bytes, >, 0);
  g_assert_cmpuint (test.last.total_files, >, 10);
  g_assert_cmpuint (test.last.done_files, ==, test.last.total_files);
  g_assert_cmpstr (aushang_git_repo_get_site_prefix (repo), ==, "");

  changes = aushang_git_repo_get_changes (repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* A post and an event, as the window edits them. */
  set_field (folder, POST, "title", "Sommerpause bis September");
  events_path = g_build_filename (folder, EVENTS, NULL);
  events_file = g_file_new_for_path (events_path);
  events = aushang_data_file_load (events_file, &error);
  g_assert_no_error (error);
  aushang_data_file_set_text (events, 0, "time", "19:00", &error);
  g_assert_no_error (error);
  aushang_data_file_save (events, &error);
  g_assert_no_error (error);

  changes = aushang_git_repo_get_changes (repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_true (has_description (changes, "Post changed: Sommerpause bis September"));
  g_assert_true (has_description (changes, "Event changed: Offener Werkstattabend"));
  message = aushang_git_changes_to_message (changes);
  g_assert_true (g_str_has_prefix (message, "Event changed: Offener Werkstattabend and 1 more\n") ||
                 g_str_has_prefix (message, "Post changed: Sommerpause bis September and 1 more\n"));

  test.asked = 0;
  aushang_git_repo_publish (repo, "Anna Beispiel", "anna@example.org", message,
                            &callbacks, conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_false (aushang_git_repo_has_unpublished_commits (repo));
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = aushang_git_repo_get_changes (repo, &error);
  g_assert_cmpuint (changes->len, ==, 0);

  /* What the server has: exactly these two files changed, by Anna. */
  {
    g_autofree char *with_password = http_url_with_password ("site1.git");

    check = server_checkout (with_password);
  }
  names = run (check, "git", "diff", "--name-only", "HEAD~1", "HEAD", NULL);
  g_assert_cmpstr (names, ==, EVENTS "\n" POST "\n");
  log = run (check, "git", "log", "-1", "--format=%an <%ae>%n%s", NULL);
  g_assert_true (g_str_has_prefix (log, "Anna Beispiel <anna@example.org>\n"));
  {
    g_autofree char *mine = read_file (folder, POST);
    g_autofree char *theirs = read_file (check, POST);
    g_autofree char *mine_events = read_file (folder, EVENTS);
    g_autofree char *theirs_events = read_file (check, EVENTS);

    g_assert_cmpstr (mine, ==, theirs);
    g_assert_cmpstr (mine_events, ==, theirs_events);
    g_assert_nonnull (strstr (theirs, "title: \"Sommerpause bis September\"") ?
                      strstr (theirs, "Sommerpause bis September") : strstr (theirs, "Sommerpause bis September"));
    g_assert_nonnull (strstr (theirs_events, "time: \"19:00\""));
  }

  /* Jekyll builds what was published. */
  {
    g_autofree char *dest = g_build_filename (check, "_site", NULL);
    g_autofree char *page = NULL;

    g_free (run (check, "jekyll", "build", "--disable-disk-cache", "-q", "-s", check, "-d", dest, NULL));
    out = run (check, "grep", "-rl", "Sommerpause bis September", dest, NULL);
    g_assert_nonnull (strstr (out, ".html"));
  }
}

/* Scenario 2: someone else changes another field of the same document
 * (the next line) and the text; both changes end up on the server. The
 * site sits in docs/ of the repository, served by git daemon. */
static void
test_other_field_merged (void)
{
  g_autofree char *url = daemon_url ("site2.git");
  g_autofree char *folder = new_folder ("clone2");
  g_autofree char *site = g_build_filename (folder, "docs", NULL);
  g_autofree char *other = new_folder ("other2");
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  TestCallbacks test = { NULL };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_autofree char *check = NULL;
  g_autofree char *result = NULL;
  g_autofree char *original = NULL;
  g_autofree char *theirs = NULL;

  make_server_repo ("site2.git", "docs");
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test.asked, ==, 0);
  g_assert_cmpstr (aushang_git_repo_get_site_prefix (repo), ==, "docs/");

  /* Someone else: a plain git clone, the teaser changed (the line
   * after the title) and the last paragraph; pushed first. */
  g_free (run (NULL, "git", "clone", "-q", url, other, NULL));
  {
    g_autofree char *other_site = g_build_filename (other, "docs", NULL);

    set_field (other_site, POST, "teaser", "Von Juli bis August geschlossen.");
    original = read_file (other_site, POST);
  }
  g_assert_nonnull (strstr (original, "title:"));
  g_free (run (other, "git", "commit", "-q", "-am", "Beschreibung", NULL));
  g_free (run (other, "git", "push", "-q", NULL));

  set_field (site, POST, "title", "Sommerpause 2026");

  aushang_git_repo_publish (repo, "Anna Beispiel", "anna@example.org", "Titel",
                            &callbacks, conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);

  check = server_checkout (url);
  result = read_file (check, "docs/" POST);
  g_assert_nonnull (strstr (result, "Sommerpause 2026"));
  g_assert_nonnull (strstr (result, "Von Juli bis August geschlossen."));
  /* And the person's folder has both, too. */
  theirs = read_file (site, POST);
  g_assert_cmpstr (theirs, ==, result);
  g_assert_false (aushang_git_repo_has_unpublished_commits (repo));
}

/* Scenario 3: both change the same field: a conflict with both versions,
 * the person's text stays, the chosen one is published. */
static void
test_same_field_conflict (void)
{
  g_autofree char *url = daemon_url ("site3.git");
  g_autofree char *folder = new_folder ("clone3");
  g_autofree char *other = new_folder ("other3");
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  TestCallbacks test = { NULL };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  AushangGitConflict *conflict;
  g_autofree char *mine = NULL;
  g_autofree char *check = NULL;
  g_autofree char *result = NULL;

  make_server_repo ("site3.git", NULL);
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);

  g_free (run (NULL, "git", "clone", "-q", url, other, NULL));
  set_field (other, POST, "title", "Sommerferien");
  g_free (run (other, "git", "commit", "-q", "-am", "Titel", NULL));
  g_free (run (other, "git", "push", "-q", NULL));

  set_field (folder, POST, "title", "Sommerpause im Labor");

  g_assert_false (aushang_git_repo_publish (repo, "Anna Beispiel", "anna@example.org", "Titel",
                                            &callbacks, conflicts, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->path, ==, POST);
  g_assert_cmpstr (conflict->key, ==, "title");
  /* The document is named by the title the person gave it, not by its
   * file name. */
  g_assert_cmpstr (conflict->title, ==, "Sommerpause im Labor");
  g_assert_cmpstr (conflict->description, ==,
                   "The field “title” of “Sommerpause im Labor” was changed here and on the website.");
  g_assert_cmpstr (conflict->mine, ==, "Sommerpause im Labor");
  g_assert_cmpstr (conflict->theirs, ==, "Sommerferien");

  /* The person's text is in the file; nothing went out. */
  mine = read_file (folder, POST);
  g_assert_nonnull (strstr (mine, "Sommerpause im Labor"));
  check = server_checkout (url);
  result = read_file (check, POST);
  g_assert_nonnull (strstr (result, "Sommerferien"));
  g_assert_null (strstr (result, "Sommerpause im Labor"));
  g_clear_pointer (&check, g_free);
  g_clear_pointer (&result, g_free);

  /* They write a title of both, and publish it. */
  aushang_git_repo_resolve (repo, conflict, AUSHANG_GIT_USE_TEXT, "Sommerferien im Labor", &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (conflicts, 0);
  aushang_git_repo_publish (repo, "Anna Beispiel", "anna@example.org", "Titel",
                            &callbacks, conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);

  check = server_checkout (url);
  result = read_file (check, POST);
  g_assert_nonnull (strstr (result, "title: \"Sommerferien im Labor\"") ?
                    (char *) result : strstr (result, "Sommerferien im Labor"));
  g_assert_null (strstr (result, "Sommerpause im Labor"));
  g_assert_null (strstr (result, "<<<<"));
}

static void
assert_kept (AushangGitRepo *repo,
             const char     *folder,
             const char     *text)
{
  g_autofree char *contents = read_file (folder, POST);

  g_assert_nonnull (strstr (contents, text));
  g_assert_true (aushang_git_repo_has_unpublished_commits (repo));
}

static void
assert_on_server (const char *url,
                  const char *text)
{
  g_autofree char *check = server_checkout (url);
  g_autofree char *result = read_file (check, POST);

  g_assert_nonnull (strstr (result, text));
}

/* Scenario 4: wrong password, a server that breaks off the push, a
 * stopped server, a read-only repository: a clear message, nothing lost,
 * a later publish succeeds. */
static void
test_failures (void)
{
  g_autofree char *url = http_url ("site4.git");
  g_autofree char *with_password = http_url_with_password ("site4.git");
  g_autofree char *folder = new_folder ("clone4");
  g_autofree char *bare = g_build_filename (served, "site4.git", NULL);
  g_autofree char *fail_flag = g_build_filename (tmp_root, "fail-push", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  TestCallbacks test = { user, token };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);

  make_server_repo ("site4.git", NULL);
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);

  /* A wrong token. */
  set_field (folder, POST, "title", "Erster Versuch");
  test.password = "falsch";
  g_assert_false (aushang_git_repo_publish (repo, "Anna", "anna@example.org", "1",
                                            &callbacks, conflicts, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "access token"));
  g_assert_nonnull (strstr (error->message, "kept on this computer"));
  g_clear_error (&error);
  assert_kept (repo, folder, "Erster Versuch");
  test.password = token;

  /* The server breaks off while the changes are sent. */
  g_file_set_contents (fail_flag, "", 0, NULL);
  g_assert_false (aushang_git_repo_publish (repo, "Anna", "anna@example.org", "2",
                                            &callbacks, conflicts, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "server had a problem"));
  g_clear_error (&error);
  g_unlink (fail_flag);
  assert_kept (repo, folder, "Erster Versuch");

  /* The server is gone. */
  stop_server (&http_process);
  set_field (folder, POST, "title", "Zweiter Versuch");
  g_assert_false (aushang_git_repo_publish (repo, "Anna", "anna@example.org", "3",
                                            &callbacks, conflicts, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  assert_kept (repo, folder, "Zweiter Versuch");
  start_http ();

  /* The repository only lets people read. */
  g_free (run (bare, "git", "config", "http.receivepack", "false", NULL));
  g_assert_false (aushang_git_repo_publish (repo, "Anna", "anna@example.org", "4",
                                            &callbacks, conflicts, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_kept (repo, folder, "Zweiter Versuch");
  g_free (run (bare, "git", "config", "http.receivepack", "true", NULL));

  /* Now it goes out, all of it. */
  aushang_git_repo_publish (repo, "Anna", "anna@example.org", "5", &callbacks, conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_false (aushang_git_repo_has_unpublished_commits (repo));
  assert_on_server (with_password, "Zweiter Versuch");
}

/* Scenario 4 with git daemon: the server stops, and comes back. */
static void
test_daemon_stopped (void)
{
  g_autofree char *url = daemon_url ("site5.git");
  g_autofree char *folder = new_folder ("clone5");
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  TestCallbacks test = { NULL };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);

  make_server_repo ("site5.git", NULL);
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);

  stop_server (&daemon_process);
  set_field (folder, POST, "title", "Offline geschrieben");
  g_assert_false (aushang_git_repo_publish (repo, "Anna", "anna@example.org", "offline",
                                            &callbacks, conflicts, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_NETWORK);
  g_clear_error (&error);
  assert_kept (repo, folder, "Offline geschrieben");

  start_daemon ();
  aushang_git_repo_publish (repo, "Anna", "anna@example.org", "again", &callbacks, conflicts, &error);
  g_assert_no_error (error);
  assert_on_server (url, "Offline geschrieben");
}

/* Scenario 5: a site that is no git repository. */
static void
test_not_a_repository (void)
{
  g_autofree char *folder = new_folder ("plain");
  g_autofree char *example = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(AushangSite) site = NULL;

  aushang_test_copy_path (example, folder);
  file = g_file_new_for_path (folder);
  repo = aushang_git_repo_open (file, &error);
  g_assert_null (repo);
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_NOT_A_REPOSITORY);
  g_clear_error (&error);

  /* Everything else works as before. */
  site = aushang_site_new (file, &error);
  g_assert_no_error (error);
  set_field (folder, POST, "title", "Ohne Git");
}

/* Earlier versions: listed newest first, restored as a new change. */
static void
test_history (void)
{
  g_autofree char *url = daemon_url ("site6.git");
  g_autofree char *folder = new_folder ("clone6");
  g_autofree char *post = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  g_autoptr(GFile) file = NULL;
  TestCallbacks test = { NULL };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *contents = NULL;
  AushangGitVersion *oldest;

  make_server_repo ("site6.git", NULL);
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);
  post = g_build_filename (folder, POST, NULL);
  file = g_file_new_for_path (post);

  set_field (folder, POST, "title", "Version zwei");
  g_assert_true (aushang_git_repo_commit (repo, "Anna", "anna@example.org", "Zwei", &error));
  g_assert_no_error (error);
  set_field (folder, POST, "title", "Version drei");
  g_assert_true (aushang_git_repo_commit (repo, "Anna", "anna@example.org", "Drei", &error));
  /* Nothing changed: nothing to commit, no error. */
  g_assert_false (aushang_git_repo_commit (repo, "Anna", "anna@example.org", "Nichts", &error));
  g_assert_no_error (error);

  versions = aushang_git_repo_get_history (repo, file, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((AushangGitVersion *) g_ptr_array_index (versions, 0))->summary, ==, "Drei");
  oldest = g_ptr_array_index (versions, 2);
  g_assert_cmpstr (oldest->summary, ==, "The site as it was");

  aushang_git_repo_restore_version (repo, file, oldest->id, &error);
  g_assert_no_error (error);
  contents = read_file (folder, POST);
  g_assert_null (strstr (contents, "Version drei"));
  changes = aushang_git_repo_get_changes (repo, &error);
  g_assert_no_error (error);
  /* Compared with what was published, the file is as it was. */
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_true (aushang_git_repo_commit (repo, "Anna", "anna@example.org", "Zurück", &error));
}

/* Runs the command line (aushang-cli) with @env_user and @env_token for
 * the server; returns its exit status, its output in @out and @err. */
static int
run_cli (const char  *token_value,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("AUSHANG_CLI_BINARY"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "AUSHANG_GIT_NAME", "Carla Kommandozeile", TRUE);
  g_subprocess_launcher_setenv (launcher, "AUSHANG_GIT_EMAIL", "carla@example.org", TRUE);
  g_subprocess_launcher_setenv (launcher, "AUSHANG_GIT_USERNAME", user, TRUE);
  if (token_value != NULL)
    g_subprocess_launcher_setenv (launcher, "AUSHANG_GIT_TOKEN", token_value, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "AUSHANG_GIT_TOKEN");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* aushang --status and --publish: the same words, the same checks
 * (errors stop publishing, warnings do not), credentials from the
 * environment. */
static void
test_command_line (void)
{
  g_autofree char *url = http_url ("site7.git");
  g_autofree char *with_password = http_url_with_password ("site7.git");
  g_autofree char *folder = new_folder ("clone7");
  g_autofree char *plain = new_folder ("plain7");
  g_autofree char *example = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autofree char *broken = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *check = NULL;
  g_autofree char *log = NULL;
  g_autofree char *post = NULL;
  int status;

  make_server_repo ("site7.git", NULL);
  g_free (run (NULL, "git", "clone", "-q", with_password, folder, NULL));
  /* The token is not kept in the clone's settings. */
  g_free (run (folder, "git", "remote", "set-url", "origin", url, NULL));

  /* A site without git: said so, nothing else changes. */
  aushang_test_copy_path (example, plain);
  status = run_cli (token, &out, &err, "--status", plain, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "publishing is not available"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli (token, &out, &err, "--check", plain, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A change, with a warning (a key given twice). */
  set_field (folder, POST, "title", "Von der Kommandozeile");
  post = read_file (folder, POST);
  {
    g_autofree char *path = g_build_filename (folder, POST, NULL);
    g_autoptr(GString) twice = g_string_new (post);

    g_string_replace (twice, "layout: post\n", "layout: post\nlayout: post\n", 1);
    g_file_set_contents (path, twice->str, -1, NULL);
  }
  status = run_cli (token, &out, &err, "--status", folder, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Post changed: Von der Kommandozeile\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An error stops publishing; nothing is committed. */
  broken = g_build_filename (folder, "_posts", "2026-08-01-kaputt.md", NULL);
  g_file_set_contents (broken, "---\ntitle: [kaputt\n---\nText\n", -1, NULL);
  status = run_cli (token, &out, &err, "--publish", folder, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "2026-08-01-kaputt.md:2:8: error:"));
  g_assert_nonnull (strstr (err, "Not published"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  log = run (folder, "git", "log", "--format=%s", NULL);
  g_assert_cmpstr (log, ==, "The site as it was\n");
  g_unlink (broken);

  /* No token: a clear message, the commit stays for later. */
  status = run_cli (NULL, &out, &err, "--publish", folder, "-m", "Neuer Titel", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "access token"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* With the token: published, the warning did not stop it. */
  status = run_cli (token, &out, &err, "--publish", folder, "-m", "Neuer Titel", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Post changed: Von der Kommandozeile"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  check = server_checkout (with_password);
  g_clear_pointer (&log, g_free);
  log = run (check, "git", "log", "-1", "--format=%an <%ae>%n%s", NULL);
  g_assert_cmpstr (log, ==, "Carla Kommandozeile <carla@example.org>\nNeuer Titel\n");
  g_clear_pointer (&post, g_free);
  post = read_file (check, POST);
  g_assert_nonnull (strstr (post, "Von der Kommandozeile"));

  status = run_cli (token, &out, &err, "--status", folder, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
}

/* The merge itself, without servers. */
static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static char *
merge (const char *base,
       const char *ours,
       const char *theirs,
       GPtrArray  *conflicts)
{
  g_autoptr(GBytes) b = base ? bytes (base) : NULL;
  g_autoptr(GBytes) o = ours ? bytes (ours) : NULL;
  g_autoptr(GBytes) t = theirs ? bytes (theirs) : NULL;
  g_autoptr(GBytes) merged = aushang_git_merge_file ("_posts/x.md", b, o, t, conflicts);

  if (merged == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged));
}

static void
test_merge_fields (void)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_autofree char *result = NULL;

  /* Adjacent lines: a line merge would call this a conflict. The person
   * quotes their title; the other side's new value and removal come in. */
  result = merge ("---\ntitle: Alt\ndate: 2026-01-01\ntags: [a]\n---\nText\n",
                  "---\ntitle: \"Neu\"\ndate: 2026-01-01\ntags: [a]\n---\nText\n",
                  "---\ntitle: Alt\ndate: 2026-02-02\nauthor: Ben\n---\nText\n",
                  conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (result, ==, "---\ntitle: \"Neu\"\ndate: 2026-02-02\nauthor: \"Ben\"\n---\nText\n");
  g_clear_pointer (&result, g_free);

  /* The same field: the person's value stays, both are reported. */
  result = merge ("---\ntitle: Alt\n---\nText\n",
                  "---\ntitle: Meins\n---\nText\n",
                  "---\ntitle: Deins\n---\nText\n",
                  conflicts);
  g_assert_cmpstr (result, ==, "---\ntitle: Meins\n---\nText\n");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((AushangGitConflict *) conflicts->pdata[0])->key, ==, "title");
  g_assert_cmpstr (((AushangGitConflict *) conflicts->pdata[0])->mine, ==, "Meins");
  g_assert_cmpstr (((AushangGitConflict *) conflicts->pdata[0])->theirs, ==, "Deins");
}

static void
test_merge_paragraphs (void)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_autofree char *result = NULL;
  const char *base = "---\ntitle: T\n---\nErster Absatz,\nzwei Zeilen.\n\nZweiter Absatz.\n";

  /* Neighbouring paragraphs, a field and a paragraph. */
  result = merge (base,
                  "---\ntitle: T\n---\nErster Absatz,\nzwei Zeilen, geändert.\n\nZweiter Absatz.\n",
                  "---\ntitle: U\n---\nErster Absatz,\nzwei Zeilen.\n\nZweiter Absatz, von Ben.\n",
                  conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (result, ==, "---\ntitle: U\n---\nErster Absatz,\nzwei Zeilen, geändert.\n\nZweiter Absatz, von Ben.\n");
  g_clear_pointer (&result, g_free);

  /* The same paragraph (different lines of it): one conflict, the
   * person's paragraph stays whole. */
  result = merge (base,
                  "---\ntitle: T\n---\nErster Absatz, meiner,\nzwei Zeilen.\n\nZweiter Absatz.\n",
                  "---\ntitle: T\n---\nErster Absatz,\nzwei Zeilen, von Ben.\n\nZweiter Absatz.\n",
                  conflicts);
  g_assert_cmpstr (result, ==, "---\ntitle: T\n---\nErster Absatz, meiner,\nzwei Zeilen.\n\nZweiter Absatz.\n");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_null (((AushangGitConflict *) conflicts->pdata[0])->key);
  g_assert_cmpstr (((AushangGitConflict *) conflicts->pdata[0])->mine, ==, "Erster Absatz, meiner,\nzwei Zeilen.\n");
  g_assert_cmpstr (((AushangGitConflict *) conflicts->pdata[0])->theirs, ==, "Erster Absatz,\nzwei Zeilen, von Ben.\n");
  g_ptr_array_set_size (conflicts, 0);
  g_clear_pointer (&result, g_free);

  /* Deleted there, changed here: the change stays. */
  result = merge (base, "---\ntitle: X\n---\n", NULL, conflicts);
  g_assert_cmpstr (result, ==, "---\ntitle: X\n---\n");
  g_clear_pointer (&result, g_free);
  g_assert_null (merge (base, NULL, base, conflicts));
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_merge_entries (void)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_autoptr(GBytes) b = bytes ("# Termine\n- title: Werkstatt\n  time: \"18:00\"\n  duration: 3 Stunden\n- title: Repair\n  time: \"14:00\"\n");
  g_autoptr(GBytes) o = bytes ("# Termine\n- title: Werkstatt\n  time: \"19:00\"\n  duration: 3 Stunden\n- title: Repair\n  time: \"14:00\"\n");
  g_autoptr(GBytes) t = bytes ("# Termine\n- title: Werkstatt\n  time: \"18:00\"\n  duration: 2 Stunden\n- title: Repair-Café\n  time: \"14:00\"\n");
  g_autoptr(GBytes) t2 = bytes ("# Termine\n- title: Werkstatt\n  time: \"20:00\"\n  duration: 3 Stunden\n- title: Repair\n  time: \"14:00\"\n");
  g_autoptr(GBytes) merged = NULL;
  g_autofree char *text = NULL;
  AushangGitConflict *conflict;

  /* Neighbouring fields of one event, and another event: all merged. */
  merged = aushang_git_merge_file ("_data/events.yml", b, o, t, conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  text = g_strndup (g_bytes_get_data (merged, NULL), g_bytes_get_size (merged));
  g_assert_cmpstr (text, ==,
                   "# Termine\n- title: Werkstatt\n  time: \"19:00\"\n  duration: 2 Stunden\n- title: Repair-Café\n  time: \"14:00\"\n");
  g_clear_pointer (&merged, g_bytes_unref);

  /* The same field of the same event: a conflict naming the entry. */
  merged = aushang_git_merge_file ("_data/events.yml", b, o, t2, conflicts);
  g_assert_true (g_bytes_equal (merged, o));
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->entry, ==, 0);
  g_assert_cmpstr (conflict->key, ==, "time");
  g_assert_cmpstr (conflict->mine, ==, "19:00");
  g_assert_cmpstr (conflict->theirs, ==, "20:00");
  g_assert_cmpstr (conflict->description, ==,
                   "The field “time” of “Werkstatt” (events.yml) was changed here and on the website.");
}

/* Scenario 3 for a paragraph: the other version is taken, and goes out. */
static void
test_same_paragraph_conflict (void)
{
  g_autofree char *url = daemon_url ("site8.git");
  g_autofree char *folder = new_folder ("clone8");
  g_autofree char *other = new_folder ("other8");
  g_autofree char *path = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  TestCallbacks test = { NULL };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  AushangGitConflict *conflict;
  g_autofree char *original = NULL;
  g_autofree char *check = NULL;
  g_autofree char *result = NULL;
  g_autofree char *mine = NULL;
  const char *paragraph = "In den Sommerferien machen wir eine Pause";

  make_server_repo ("site8.git", NULL);
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);
  g_free (run (NULL, "git", "clone", "-q", url, other, NULL));

  original = read_file (folder, POST);
  g_assert_nonnull (strstr (original, paragraph));
  {
    g_autoptr(GString) theirs = g_string_new (original);
    g_autoptr(GString) ours = g_string_new (original);

    g_string_replace (theirs, paragraph, "Im Sommer machen wir Pause", 1);
    path = g_build_filename (other, POST, NULL);
    g_file_set_contents (path, theirs->str, -1, NULL);
    g_free (run (other, "git", "commit", "-q", "-am", "Absatz", NULL));
    g_free (run (other, "git", "push", "-q", NULL));

    g_string_replace (ours, paragraph, "Während der Sommerferien pausieren wir", 1);
    g_free (path);
    path = g_build_filename (folder, POST, NULL);
    g_file_set_contents (path, ours->str, -1, NULL);
  }

  g_assert_false (aushang_git_repo_publish (repo, "Anna", "anna@example.org", "Absatz",
                                            &callbacks, conflicts, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_null (conflict->key);
  g_assert_true (g_str_has_prefix (conflict->mine, "Während der Sommerferien pausieren wir"));
  g_assert_true (g_str_has_prefix (conflict->theirs, "Im Sommer machen wir Pause"));
  mine = read_file (folder, POST);
  g_assert_nonnull (strstr (mine, "Während der Sommerferien pausieren wir"));

  aushang_git_repo_resolve (repo, conflict, AUSHANG_GIT_TAKE_THEIRS, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (conflicts, 0);
  aushang_git_repo_publish (repo, "Anna", "anna@example.org", "Absatz", &callbacks, conflicts, &error);
  g_assert_no_error (error);

  check = server_checkout (url);
  result = read_file (check, POST);
  g_assert_nonnull (strstr (result, "Im Sommer machen wir Pause"));
  g_assert_null (strstr (result, "Während der Sommerferien"));
  g_assert_null (strstr (result, "In den Sommerferien machen wir eine Pause"));
}

static void
cancel_progress_cb (const AushangGitProgress *progress,
                    gpointer                  user_data)
{
  g_cancellable_cancel (user_data);
}

/* A cancelled clone leaves no half folder behind. */
static void
test_clone_cancelled (void)
{
  g_autofree char *url = daemon_url ("site9.git");
  g_autofree char *folder = new_folder ("clone9");
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AushangGitCallbacks callbacks = { cancel_progress_cb, NULL, cancellable, cancellable };
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;

  make_server_repo ("site9.git", NULL);
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_null (repo);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* A push refused because someone published meanwhile says so; publishing
 * then brings their change in and tries again. */
static void
test_push_rejected (void)
{
  g_autofree char *url = daemon_url ("site10.git");
  g_autofree char *folder = new_folder ("clone10");
  g_autofree char *other = new_folder ("other10");
  g_autoptr(GFile) target = g_file_new_for_path (folder);
  TestCallbacks test = { NULL };
  AushangGitCallbacks callbacks = callbacks_for (&test);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_autofree char *check = NULL;
  g_autofree char *result = NULL;
  g_autofree char *log = NULL;

  make_server_repo ("site10.git", NULL);
  repo = aushang_git_clone (url, target, &callbacks, &error);
  g_assert_no_error (error);
  g_free (run (NULL, "git", "clone", "-q", url, other, NULL));

  set_field (folder, POST, "title", "Mein Titel");
  g_assert_true (aushang_git_repo_commit (repo, "Anna", "anna@example.org", "Titel", &error));
  set_field (other, POST, "teaser", "Ihr Teaser");
  g_free (run (other, "git", "commit", "-q", "-am", "Teaser", NULL));
  g_free (run (other, "git", "push", "-q", NULL));

  g_assert_false (aushang_git_repo_push (repo, &callbacks, &error));
  g_assert_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_REJECTED);
  g_assert_cmpstr (error->message, ==, "Someone else published meanwhile.");
  g_clear_error (&error);

  aushang_git_repo_publish (repo, "Anna", "anna@example.org", "Titel", &callbacks, conflicts, &error);
  g_assert_no_error (error);
  check = server_checkout (url);
  result = read_file (check, POST);
  g_assert_nonnull (strstr (result, "Mein Titel"));
  g_assert_nonnull (strstr (result, "Ihr Teaser"));
  /* Their commit, then Anna's on top: no merge commit, nothing lost. */
  log = run (check, "git", "log", "--format=%s", NULL);
  g_assert_cmpstr (log, ==, "Titel\nTeaser\nThe site as it was\n");
}

static void
test_describe (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_change_free);
  g_autoptr(GBytes) post = bytes ("---\ntitle: Hallo Welt\n---\nText\n");
  g_autoptr(GBytes) image = g_bytes_new ("\x89PNG\0\0", 6);
  g_autoptr(GBytes) old_events = bytes ("- title: A\n  date: 2026-01-01\n- title: B\n");
  g_autoptr(GBytes) new_events = bytes ("- title: A\n  date: 2026-01-02\n- title: C\n");
  g_autofree char *message = NULL;

  aushang_git_describe_change ("_posts/2026-01-01-hallo.md", NULL, post, changes);
  aushang_git_describe_change ("assets/bild.png", NULL, image, changes);
  aushang_git_describe_change ("_data/events.yml", old_events, new_events, changes);
  aushang_git_describe_change ("ueber-uns.md", post, NULL, changes);
  g_assert_cmpuint (changes->len, ==, 6);
  g_assert_cmpstr (((AushangGitChange *) changes->pdata[0])->description, ==, "New post: Hallo Welt");
  g_assert_cmpstr (((AushangGitChange *) changes->pdata[1])->description, ==, "Image added: assets/bild.png");
  g_assert_cmpstr (((AushangGitChange *) changes->pdata[2])->description, ==, "Event changed: A");
  g_assert_cmpstr (((AushangGitChange *) changes->pdata[3])->description, ==, "New event: C");
  g_assert_cmpstr (((AushangGitChange *) changes->pdata[4])->description, ==, "Event removed: B");
  g_assert_cmpstr (((AushangGitChange *) changes->pdata[5])->description, ==, "Page deleted: Hallo Welt");
  /* An entry's change keeps the entry as it is now, for the sidebar to
   * mark its row; a removed one and a document have none. */
  {
    AushangGitChange *changed = changes->pdata[2];
    AushangGitChange *added = changes->pdata[3];
    g_autofree char *date = NULL;

    g_assert_nonnull (changed->entry);
    date = aushang_value_to_display (aushang_value_lookup (changed->entry, "date"));
    g_assert_cmpstr (date, ==, "2026-01-02");
    g_assert_cmpstr (aushang_value_get_string (aushang_value_lookup (added->entry, "title")), ==, "C");
    g_assert_null (((AushangGitChange *) changes->pdata[4])->entry);
    g_assert_null (((AushangGitChange *) changes->pdata[0])->entry);
  }

  /* An event that got a new title but kept its date, time and place is
   * that event, changed: not a new one and a removed one. */
  {
    g_autoptr(GPtrArray) renamed = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_change_free);
    g_autoptr(GBytes) old_list = bytes ("- title: Repair-Café\n  date: 2026-02-01\n  time: \"18:00\"\n  location: Werkstatt\n"
                                        "- title: Lötkurs\n  date: 2026-03-01\n  time: \"17:00\"\n  location: Labor\n");
    g_autoptr(GBytes) new_list = bytes ("- title: Repair-Café im Labor\n  date: 2026-02-01\n  time: \"18:00\"\n  location: Werkstatt\n"
                                        "- title: Lötkurs\n  date: 2026-03-01\n  time: \"17:00\"\n  location: Labor\n");

    aushang_git_describe_change ("_data/events.yml", old_list, new_list, renamed);
    g_assert_cmpuint (renamed->len, ==, 1);
    g_assert_cmpstr (((AushangGitChange *) renamed->pdata[0])->description, ==, "Event changed: Repair-Café im Labor");
  }
  message = aushang_git_changes_to_message (changes);
  g_assert_true (g_str_has_prefix (message, "New post: Hallo Welt and 5 more\n\n- New post: Hallo Welt\n- Image added"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  git_servers_start (TRUE);

  g_test_add_func ("/git/merge/fields", test_merge_fields);
  g_test_add_func ("/git/merge/paragraphs", test_merge_paragraphs);
  g_test_add_func ("/git/describe", test_describe);
  g_test_add_func ("/git/merge/entries", test_merge_entries);
  g_test_add_func ("/git/same-paragraph-conflict", test_same_paragraph_conflict);
  g_test_add_func ("/git/clone-cancelled", test_clone_cancelled);
  g_test_add_func ("/git/push-rejected", test_push_rejected);
  g_test_add_func ("/git/clone-edit-publish", test_clone_edit_publish);
  g_test_add_func ("/git/other-field-merged", test_other_field_merged);
  g_test_add_func ("/git/same-field-conflict", test_same_field_conflict);
  g_test_add_func ("/git/failures", test_failures);
  g_test_add_func ("/git/daemon-stopped", test_daemon_stopped);
  g_test_add_func ("/git/not-a-repository", test_not_a_repository);
  g_test_add_func ("/git/history", test_history);
  g_test_add_func ("/git/command-line", test_command_line);

  status = g_test_run ();
  git_servers_cleanup ();
  return status;
}
