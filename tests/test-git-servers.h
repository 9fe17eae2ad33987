/* test-git-servers.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Real git servers on 127.0.0.1 for the tests: `git daemon` (anonymous,
 * receive-pack on) and `git http-backend` behind lighttpd with basic
 * authentication (user "anna", password in `token`). They die with the
 * test process (PR_SET_PDEATHSIG), also when an assertion aborts it. */

extern char *tmp_root;
extern char *served;
extern guint16 daemon_port;
extern guint16 http_port;
extern GSubprocess *daemon_process;
extern GSubprocess *http_process;
extern const char *user;
extern const char *token;

/* Sets up tmp_root, git's environment (with HOME in tmp_root when
 * @private_home), free ports; starts both servers. */
void   git_servers_start      (gboolean      private_home);
/* Stops them and removes tmp_root. */
void   git_servers_cleanup    (void);

char  *run                    (const char   *cwd,
                               ...) G_GNUC_NULL_TERMINATED;
void   start_daemon           (void);
void   start_http             (void);
void   stop_server            (GSubprocess **process);
void   make_server_repo       (const char   *name,
                               const char   *subfolder);
char  *http_url               (const char   *name);
char  *http_url_with_password (const char   *name);
char  *daemon_url             (const char   *name);
char  *new_folder             (const char   *name);
char  *read_file              (const char   *folder,
                               const char   *path);
void   set_field              (const char   *folder,
                               const char   *path,
                               const char   *key,
                               const char   *value);
char  *server_checkout        (const char   *url);

G_END_DECLS
