/* aushang-cli.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @argv asks for a command-line verb (--check, --render, --set,
 * --set-yaml, --unset, the entry verbs, --ics, --help, --version) rather
 * than the window. */
gboolean aushang_cli_wants (int    argc,
                            char **argv);

/* Runs the verb and returns the exit status: 0 fine, 1 problems found or
 * the edit failed (nothing written), 2 the command line itself is wrong. */
int      aushang_cli_run   (int    argc,
                            char **argv);

G_END_DECLS
