/* test-git-servers.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "aushang-document.h"
#include "aushang-front-matter.h"
#include "aushang-test-util.h"
#include "test-git-servers.h"

char *tmp_root;
char *served;         /* the bare repositories both servers serve */
guint16 daemon_port;
guint16 http_port;
GSubprocess *daemon_process;
GSubprocess *http_process;

const char *user = "anna";
const char *token = "geheim-123";

/* Runs a command and returns its standard output; fails the test when it
 * fails. */
char *
run (const char *cwd,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  va_start (args, cwd);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s%s", (char *) argv->pdata[0], out, err);
  return g_steal_pointer (&out);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
wait_for_port (guint16 port)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        return;
      g_usleep (10000);
    }
  g_error ("No server came up on port %u", port);
}

static GSubprocess *
start_server (const char * const *argv,
              guint16             port)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  wait_for_port (port);
  return process;
}

void
start_daemon (void)
{
  g_autofree char *port = g_strdup_printf ("--port=%u", daemon_port);
  g_autofree char *base = g_strdup_printf ("--base-path=%s", served);
  /* git-daemon itself: "git daemon" would run it as a child of its own,
   * which outlives a killed parent. */
  const char *argv[] = { "/usr/lib/git-core/git-daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                         "--listen=127.0.0.1", port, base, served, NULL };

  daemon_process = start_server (argv, daemon_port);
}

void
stop_server (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

void
start_http (void)
{
  g_autofree char *conf = g_build_filename (tmp_root, "lighttpd.conf", NULL);
  g_autofree char *users = g_build_filename (tmp_root, "users", NULL);
  g_autofree char *wrapper = g_build_filename (tmp_root, "backend.sh", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "lighttpd", "-D", "-f", conf, NULL };

  /* The backend behind a wrapper that can break a push halfway: while
   * "fail-push" exists, the server answers the pushed data with an
   * error. */
  text = g_strdup_printf ("#!/bin/sh\n"
                          "if [ -e '%s/fail-push' ] && [ \"$REQUEST_METHOD\" = POST ]; then\n"
                          "  case \"$PATH_INFO\" in */git-receive-pack)\n"
                          "    cat >/dev/null\n"
                          "    printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbroken\\n'\n"
                          "    exit 0;;\n"
                          "  esac\n"
                          "fi\n"
                          "exec /usr/lib/git-core/git-http-backend\n", tmp_root);
  g_file_set_contents_full (wrapper, text, -1, G_FILE_SET_CONTENTS_NONE, 0755, &error);
  g_assert_no_error (error);
  g_free (text);

  text = g_strdup_printf ("%s:%s\n", user, token);
  g_file_set_contents (users, text, -1, &error);
  g_assert_no_error (error);
  g_free (text);

  text = g_strdup_printf ("server.document-root = \"%s\"\n"
                          "server.bind = \"127.0.0.1\"\n"
                          "server.port = %u\n"
                          "server.errorlog = \"%s/lighttpd.log\"\n"
                          "server.modules = (\"mod_alias\", \"mod_auth\", \"mod_authn_file\", \"mod_cgi\", \"mod_setenv\")\n"
                          "alias.url = (\"/git\" => \"%s\")\n"
                          "cgi.assign = (\"\" => \"\")\n"
                          "setenv.add-environment = (\"GIT_PROJECT_ROOT\" => \"%s\", \"GIT_HTTP_EXPORT_ALL\" => \"1\")\n"
                          "auth.backend = \"plain\"\n"
                          "auth.backend.plain.userfile = \"%s\"\n"
                          "auth.require = (\"/git\" => (\"method\" => \"basic\", \"realm\" => \"Aushang test\", \"require\" => \"valid-user\"))\n",
                          tmp_root, http_port, tmp_root, wrapper, served, users);
  g_file_set_contents (conf, text, -1, &error);
  g_assert_no_error (error);

  http_process = start_server (argv, http_port);
}

/* A bare repository @name on the servers, holding the example site (in
 * @subfolder, may be NULL) as its first commit. */
void
make_server_repo (const char *name,
                  const char *subfolder)
{
  g_autofree char *bare = g_build_filename (served, name, NULL);
  g_autofree char *seed = g_build_filename (tmp_root, "seed", name, NULL);
  g_autofree char *site = subfolder ? g_build_filename (seed, subfolder, NULL) : g_strdup (seed);
  g_autofree char *example = g_build_filename (g_getenv ("AUSHANG_SOURCE_DIR"), "data", "example-site", NULL);
  g_autofree char *out = NULL;

  g_mkdir_with_parents (seed, 0755);
  aushang_test_copy_path (example, site);
  {
    g_autofree char *ignore = g_build_filename (seed, ".gitignore", NULL);

    g_file_set_contents (ignore, "_site/\n.jekyll-cache/\n", -1, NULL);
  }
  g_free (run (seed, "git", "init", "-q", "-b", "main", NULL));
  g_free (run (seed, "git", "add", "-A", NULL));
  g_free (run (seed, "git", "commit", "-q", "-m", "The site as it was", NULL));
  g_free (run (NULL, "git", "clone", "-q", "--bare", seed, bare, NULL));
  /* http-backend needs this for a dumb client; harmless otherwise. */
  g_free (run (bare, "git", "config", "http.receivepack", "true", NULL));
  aushang_test_delete_path (seed);
}

char *
http_url (const char *name)
{
  return g_strdup_printf ("http://127.0.0.1:%u/git/%s", http_port, name);
}

char *
http_url_with_password (const char *name)
{
  return g_strdup_printf ("http://%s:%s@127.0.0.1:%u/git/%s", user, token, http_port, name);
}

char *
daemon_url (const char *name)
{
  return g_strdup_printf ("git://127.0.0.1:%u/%s", daemon_port, name);
}

char *
new_folder (const char *name)
{
  g_autofree char *base = g_build_filename (tmp_root, "work", NULL);

  g_mkdir_with_parents (base, 0755);
  return g_build_filename (base, name, NULL);
}

char *
read_file (const char *folder,
           const char *path)
{
  g_autofree char *file = g_build_filename (folder, path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Sets one field of a document as the window does. */
void
set_field (const char *folder,
           const char *path,
           const char *key,
           const char *value)
{
  g_autofree char *name = g_build_filename (folder, path, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);

  g_assert_no_error (error);
  aushang_front_matter_set_string (aushang_document_get_front_matter (document), key, value, &error);
  g_assert_no_error (error);
  aushang_document_save (document, &error);
  g_assert_no_error (error);
}

/* A plain `git clone` of what the server has now. */
char *
server_checkout (const char *url)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("check-%u", ++n);
  char *folder = new_folder (name);

  g_free (run (NULL, "git", "clone", "-q", url, folder, NULL));
  return folder;
}

/* Debian's libgit2 1.5 leaks pcre2's match data when it looks up a
 * remote (git_remote_lookup → config regexp); the Flatpak's newer libgit2
 * does not (the fast unwinder stops inside pcre2, so the library is
 * named). LeakSanitizer (build-aux/dev test --sanitize) leaves exactly
 * that out, here and in the command line this test starts. */
#define LIBGIT2_LEAKS "leak:libpcre2-8.so\n"

const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return LIBGIT2_LEAKS;
}

void
git_servers_start (gboolean private_home)
{
  g_autoptr(GError) error = NULL;

  tmp_root = g_dir_make_tmp ("aushang-git-XXXXXX", &error);
  g_assert_no_error (error);
  served = g_build_filename (tmp_root, "served", NULL);
  g_mkdir_with_parents (served, 0755);

  /* The real git of this machine, with nobody's settings. */
  if (private_home)
    {
      g_setenv ("HOME", tmp_root, TRUE);
      g_setenv ("XDG_CONFIG_HOME", tmp_root, TRUE);
    }
  else
    {
      /* A window test keeps HOME: services it starts on the shared
       * session bus (the accessibility bus) put their sockets there and
       * outlive this test, for the next window test to use. */
      g_autofree char *empty = g_build_filename (tmp_root, "gitconfig", NULL);

      g_file_set_contents (empty, "", 0, NULL);
      g_setenv ("GIT_CONFIG_GLOBAL", empty, TRUE);
    }
  g_setenv ("GIT_CONFIG_NOSYSTEM", "1", TRUE);
  g_setenv ("GIT_AUTHOR_NAME", "Ben Anderer", TRUE);
  g_setenv ("GIT_AUTHOR_EMAIL", "ben@example.org", TRUE);
  g_setenv ("GIT_COMMITTER_NAME", "Ben Anderer", TRUE);
  g_setenv ("GIT_COMMITTER_EMAIL", "ben@example.org", TRUE);
  g_setenv ("GIT_TERMINAL_PROMPT", "0", TRUE);
  {
    g_autofree char *supp = g_build_filename (tmp_root, "lsan.supp", NULL);
    g_autofree char *options = NULL;
    const char *old = g_getenv ("LSAN_OPTIONS");

    g_file_set_contents (supp, LIBGIT2_LEAKS, -1, NULL);
    options = g_strdup_printf ("%s%ssuppressions=%s", old ? old : "", old && *old ? ":" : "", supp);
    g_setenv ("LSAN_OPTIONS", options, TRUE);
  }

  daemon_port = free_port ();
  http_port = free_port ();
  start_daemon ();
  start_http ();
}

void
git_servers_cleanup (void)
{
  stop_server (&daemon_process);
  stop_server (&http_process);
  if (tmp_root != NULL && g_getenv ("AUSHANG_KEEP_TMP") == NULL)
    aushang_test_delete_path (tmp_root);
}
