/* main.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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

  if (aushang_cli_wants (argc, argv))
    return aushang_cli_run (argc, argv);

  /* The window comes with the user interface; until then the command line
   * is the way in. */
  g_printerr ("%s\n", _("The Aushang window is not part of this build yet. Use --help to see the command line."));

  return 2;
}
