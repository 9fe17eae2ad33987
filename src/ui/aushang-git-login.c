/* aushang-git-login.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-git"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "aushang-git-login.h"

/* Tokens in the keyring, one per server. */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.aushang.Aushang.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* "https://example.org:8443": the part of @url a token belongs to. */
static char *
server_of (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

gboolean
aushang_git_lookup_token (const char  *url,
                          char       **username,
                          char       **token)
{
  g_autofree char *server = server_of (url);
  g_autoptr(GError) error = NULL;
  GList *items;
  gboolean found = FALSE;

  if (server == NULL)
    return FALSE;

  items = secret_password_search_sync (token_schema (),
                                       SECRET_SEARCH_LOAD_SECRETS | SECRET_SEARCH_UNLOCK,
                                       NULL, &error, "server", server, NULL);
  if (error != NULL)
    g_debug ("No keyring: %s", error->message);

  if (items != NULL)
    {
      SecretRetrievable *item = items->data;
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
      g_autoptr(SecretValue) value = secret_retrievable_retrieve_secret_sync (item, NULL, NULL);

      if (value != NULL)
        {
          *username = g_strdup (g_hash_table_lookup (attributes, "user"));
          *token = g_strdup (secret_value_get_text (value));
          found = TRUE;
        }
    }
  g_list_free_full (items, g_object_unref);

  return found;
}

void
aushang_git_store_token (const char *url,
                         const char *username,
                         const char *token)
{
  g_autofree char *server = server_of (url);
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  if (server == NULL || token == NULL)
    return;

  /* Translators: the name of the keyring entry; %s is a server address. */
  label = g_strdup_printf (_("Aushang: access token for %s"), server);
  secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                              NULL, &error, "server", server, "user", username ? username : "", NULL);
  if (error != NULL)
    g_message ("The access token could not be kept in the keyring: %s", error->message);
}

/* The login of one piece of work */

gboolean
aushang_git_login_answer (AushangGitLogin  *login,
                          const char       *url,
                          const char       *username_from_url,
                          guint             attempt,
                          char            **username,
                          char            **password)
{
  if (login != NULL)
    login->asked = TRUE;
  if (attempt > 1)
    return FALSE;

  if (login != NULL && login->token != NULL && *login->token != '\0')
    {
      login->used_typed = TRUE;
      *username = g_strdup (login->user && *login->user ? login->user
                            : username_from_url ? username_from_url : "git");
      *password = g_strdup (login->token);
      return TRUE;
    }

  if (aushang_git_lookup_token (url, username, password))
    {
      /* A token kept without a name: the servers take any. */
      if (*username == NULL || **username == '\0')
        {
          g_free (*username);
          *username = g_strdup (username_from_url ? username_from_url : "git");
        }
      return TRUE;
    }

  return FALSE;
}

void
aushang_git_login_keep (AushangGitLogin *login,
                        const char      *url)
{
  if (login->used_typed)
    aushang_git_store_token (url, login->user, login->token);
}

void
aushang_git_login_clear (AushangGitLogin *login)
{
  g_clear_pointer (&login->user, g_free);
  if (login->token != NULL)
    memset (login->token, 0, strlen (login->token));
  g_clear_pointer (&login->token, g_free);
}

/* Progress */

typedef struct
{
  GtkProgressBar     *bar;
  AushangGitProgress  progress;
} ProgressUpdate;

static gboolean
show_progress_cb (gpointer data)
{
  ProgressUpdate *update = data;
  const AushangGitProgress *p = &update->progress;
  GtkProgressBar *bar = update->bar;
  g_autofree char *text = NULL;

  if (p->total_push_objects > 0)
    {
      gtk_progress_bar_set_fraction (bar, (double) p->pushed_objects / p->total_push_objects);
      /* Translators: progress of sending changes to the server. */
      text = g_strdup_printf (_("Sending: %u of %u"), p->pushed_objects, p->total_push_objects);
    }
  else if (p->total_files > 0)
    {
      gtk_progress_bar_set_fraction (bar, (double) p->done_files / p->total_files);
      /* Translators: while the website's files are written to the folder. */
      text = g_strdup_printf (_("Writing files: %u of %u"), p->done_files, p->total_files);
    }
  else if (p->total_objects > 0)
    {
      g_autofree char *size = g_format_size (p->received_bytes);

      gtk_progress_bar_set_fraction (bar, (double) p->received_objects / p->total_objects);
      /* Translators: %u of %u parts, %s an amount like 2.1 MB. */
      text = g_strdup_printf (_("Receiving: %u of %u (%s)"), p->received_objects, p->total_objects, size);
    }
  else
    gtk_progress_bar_pulse (bar);
  gtk_progress_bar_set_text (bar, text);

  g_object_unref (update->bar);
  g_free (update);
  return G_SOURCE_REMOVE;
}

void
aushang_git_show_progress (GtkProgressBar           *bar,
                           const AushangGitProgress *progress)
{
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->bar = g_object_ref (bar);
  update->progress = *progress;
  g_main_context_invoke (NULL, show_progress_cb, update);
}
