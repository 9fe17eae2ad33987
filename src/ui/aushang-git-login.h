/* aushang-git-login.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "aushang-git.h"

G_BEGIN_DECLS

/* What the dialogs that talk to the server share: the access tokens kept
 * in the keyring, the answer to the server's question for a login, and
 * progress shown on a bar. */

/* The user name and token kept for the server of @url (blocking: call
 * in a worker thread). FALSE when none is kept. */
gboolean aushang_git_lookup_token (const char  *url,
                                   char       **username,
                                   char       **token);
/* Keeps them (blocking). */
void     aushang_git_store_token  (const char  *url,
                                   const char  *username,
                                   const char  *token);

/* A login for one piece of work: what the person typed (or nothing),
 * and what became of it. */
typedef struct
{
  char     *user;        /* typed, or NULL */
  char     *token;       /* typed, or NULL */
  gboolean  asked;       /* the server asked for a login */
  gboolean  used_typed;  /* and got the typed token */
} AushangGitLogin;

/* The answer to the server's question for a login (what an
 * AushangGitCallbacks.credentials returns): the token typed into @login
 * first, else the one kept for the server (all there is when @login is
 * NULL); one try only, so a wrong token ends in an authentication error
 * rather than a loop. */
gboolean aushang_git_login_answer (AushangGitLogin  *login,
                                   const char       *url,
                                   const char       *username_from_url,
                                   guint             attempt,
                                   char            **username,
                                   char            **password);
/* After the work succeeded: keeps a typed token that was used (blocking). */
void     aushang_git_login_keep   (AushangGitLogin  *login,
                                   const char       *url);
/* Forgets what was typed; the token's bytes are overwritten first. */
void     aushang_git_login_clear  (AushangGitLogin  *login);

/* Shows @progress on @bar; may be called from any thread (the bar is
 * updated in the main one, and kept alive until then). */
void     aushang_git_show_progress (GtkProgressBar           *bar,
                                    const AushangGitProgress *progress);

G_END_DECLS
