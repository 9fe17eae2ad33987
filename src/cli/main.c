/* main.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* aushang-cli: the command-line verbs of aushang (--check, --render, --set,
 * --set-yaml, --unset) in a program that links only the core, without GTK
 * and WebKit. It starts in milliseconds, so scripts and the tests can run it
 * thousands of times. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "aushang-cli.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("AUSHANG_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without a verb it prints the usage and exits with 2, as aushang does
   * for a wrong command line. */
  return aushang_cli_run (argc, argv);
}
