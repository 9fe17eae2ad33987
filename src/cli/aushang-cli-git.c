/* aushang-cli-git.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "aushang-cli-git.h"
#include "aushang-git.h"
#include "aushang-site.h"

/* The site in @path: the folder itself, or the one site in its
 * subfolders (a repository keeping its site in docs/). */
static GFile *
find_site (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) sites = aushang_site_find_sites (folder);

  if (sites->len == 1)
    return g_object_ref (g_ptr_array_index (sites, 0));
  return g_steal_pointer (&folder);
}

static AushangGitRepo *
open_repo (const char *path)
{
  g_autoptr(GFile) site = find_site (path);
  g_autoptr(GError) error = NULL;
  AushangGitRepo *repo;

  if (g_file_query_file_type (site, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      /* Translators: %s is what was given on the command line. */
      g_printerr (_("%s: there is no such folder.\n"), path);
      return NULL;
    }

  repo = aushang_git_repo_open (site, &error);
  if (repo == NULL)
    /* Translators: the first %s is the site folder, the second why. */
    g_printerr (_("%s: publishing is not available. %s\n"), path, error->message);
  return repo;
}

int
aushang_cli_run_status (const char *path)
{
  g_autoptr(AushangGitRepo) repo = open_repo (path);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  if (repo == NULL)
    return 1;

  changes = aushang_git_repo_get_changes (repo, &error);
  if (changes == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      AushangGitChange *change = g_ptr_array_index (changes, i);

      g_print ("%s\n", change->description);
    }
  if (changes->len == 0)
    g_printerr ("%s\n", _("Nothing new to publish."));

  return 0;
}

static gboolean
credentials_cb (const char  *url,
                const char  *username_from_url,
                guint        attempt,
                char       **username,
                char       **password,
                gpointer     user_data)
{
  const char *user = g_getenv ("AUSHANG_GIT_USERNAME");
  const char *token = g_getenv ("AUSHANG_GIT_TOKEN");

  /* No one to ask a second time. */
  if (attempt > 1 || token == NULL)
    return FALSE;

  *username = g_strdup (user != NULL ? user : username_from_url != NULL ? username_from_url : "git");
  *password = g_strdup (token);
  return TRUE;
}

int
aushang_cli_run_publish (const char          *path,
                         const char          *message,
                         AushangCliCheckFunc  check)
{
  g_autoptr(AushangGitRepo) repo = open_repo (path);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *prefilled = NULL;
  AushangGitCallbacks callbacks = { NULL, credentials_cb, NULL, NULL };
  guint errors;

  if (repo == NULL)
    return 1;

  errors = check (path);
  if (errors > 0)
    {
      g_printerr ("%s\n", _("Not published: the site has errors (above). Fix them, then publish again."));
      return 1;
    }

  changes = aushang_git_repo_get_changes (repo, &error);
  if (changes == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  if (message == NULL || *message == '\0')
    message = prefilled = aushang_git_changes_to_message (changes);

  if (!aushang_git_repo_publish (repo, g_getenv ("AUSHANG_GIT_NAME"), g_getenv ("AUSHANG_GIT_EMAIL"),
                                 message, &callbacks, conflicts, &error))
    {
      for (guint i = 0; i < conflicts->len; i++)
        {
          AushangGitConflict *conflict = g_ptr_array_index (conflicts, i);

          g_printerr ("%s: %s\n", conflict->path, conflict->description);
          if (!conflict->binary)
            {
              /* Translators: the person's version of a conflicting field or passage. */
              g_printerr (_("  Yours (kept in the file): %s\n"), conflict->mine);
              /* Translators: the other version of a conflicting field or passage. */
              g_printerr (_("  On the website: %s\n"), conflict->theirs);
            }
        }
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      AushangGitChange *change = g_ptr_array_index (changes, i);

      g_print ("%s\n", change->description);
    }
  g_printerr ("%s\n", changes->len > 0 ? _("Published.") : _("Nothing new to publish; the website is up to date."));

  return 0;
}
