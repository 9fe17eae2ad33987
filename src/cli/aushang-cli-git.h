/* aushang-cli-git.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The checks of --check SITE, printed as --check prints them; returns the
 * number of errors found. */
typedef guint (*AushangCliCheckFunc) (const char *path);

/* --status SITE: what --publish would send, one line each, in the words
 * of the window's publish dialog. Returns the exit status (1 when the
 * site cannot be published at all). */
int aushang_cli_run_status  (const char          *path);

/* --publish SITE [-m MESSAGE]: the checks first (errors stop it, warnings
 * do not), then commit, update and push. The author comes from
 * AUSHANG_GIT_NAME and AUSHANG_GIT_EMAIL (else git's own settings), the
 * user name and access token for HTTPS from AUSHANG_GIT_USERNAME and
 * AUSHANG_GIT_TOKEN. Returns the exit status. */
int aushang_cli_run_publish (const char          *path,
                             const char          *message,
                             AushangCliCheckFunc  check);

G_END_DECLS
