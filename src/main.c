/* main.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "aushang-application.h"
#include "aushang-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AushangApplication) app = NULL;
  const char *localedir = g_getenv ("AUSHANG_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command-line verbs need no display and never start GTK. */
  if (aushang_cli_wants (argc, argv))
    return aushang_cli_run (argc, argv);

  app = aushang_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
