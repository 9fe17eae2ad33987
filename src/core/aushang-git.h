/* aushang-git.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-value.h"

G_BEGIN_DECLS

/* Publishing: a site that lives in a git repository is fetched, brought up
 * to date, committed and pushed with libgit2, in words a person knows.
 *
 * Every call blocks (network, disk) and is meant for a worker thread (a
 * GTask in the window); progress and the questions for a user name and
 * token come back through AushangGitCallbacks, in that thread. Nothing a
 * person typed is ever thrown away: a failed push keeps the local commit,
 * which the next publish sends; a conflict keeps their version in the file
 * and reports the other one beside it. */

#define AUSHANG_GIT_ERROR (aushang_git_error_quark ())

typedef enum
{
  AUSHANG_GIT_ERROR_NOT_A_REPOSITORY,
  AUSHANG_GIT_ERROR_NO_REMOTE,
  AUSHANG_GIT_ERROR_AUTHENTICATION,
  AUSHANG_GIT_ERROR_NETWORK,
  AUSHANG_GIT_ERROR_SERVER,
  AUSHANG_GIT_ERROR_READ_ONLY,
  AUSHANG_GIT_ERROR_REJECTED,
  AUSHANG_GIT_ERROR_CONFLICT,
  AUSHANG_GIT_ERROR_EXISTS,
  AUSHANG_GIT_ERROR_FAILED,
} AushangGitError;

GQuark aushang_git_error_quark (void);

/* How far a clone, fetch or push has come. */
typedef struct
{
  guint   total_objects;
  guint   received_objects;
  guint   indexed_objects;
  guint64 received_bytes;
  guint   total_files;        /* files written into the folder (clone) */
  guint   done_files;
  guint   total_push_objects; /* objects sent (push) */
  guint   pushed_objects;
} AushangGitProgress;

typedef void     (*AushangGitProgressFunc)    (const AushangGitProgress *progress,
                                               gpointer                  user_data);
/* Asked when the server wants a user name and password (or access token)
 * for @url; @attempt counts from 1 and grows when the last pair was
 * refused. Return FALSE to give up (the call then fails with
 * AUSHANG_GIT_ERROR_AUTHENTICATION). */
typedef gboolean (*AushangGitCredentialsFunc) (const char  *url,
                                               const char  *username_from_url,
                                               guint        attempt,
                                               char       **username,
                                               char       **password,
                                               gpointer     user_data);

typedef struct
{
  AushangGitProgressFunc     progress;
  AushangGitCredentialsFunc  credentials;
  gpointer                   user_data;
  GCancellable              *cancellable;
} AushangGitCallbacks;

/* What changed in the site since it was last published. */
typedef enum
{
  AUSHANG_GIT_CHANGE_ADDED,
  AUSHANG_GIT_CHANGE_CHANGED,
  AUSHANG_GIT_CHANGE_DELETED,
} AushangGitChangeKind;

typedef struct
{
  AushangGitChangeKind  kind;
  char                 *path;        /* from the site folder */
  char                 *description; /* "New post: Summer break" */
  AushangValue         *entry;       /* a data list's entry as it is now (added or changed), else NULL */
} AushangGitChange;

void aushang_git_change_free (AushangGitChange *change);

/* Where both sides changed the same thing differently. The person's
 * version stays in the file until the conflict is resolved. */
typedef struct
{
  char         *path;         /* from the site folder */
  char         *key;          /* the field (front matter, or of a data list's entry), or NULL for a passage of text */
  int           entry;        /* the data list's entry (from 0), or -1 */
  char         *mine;         /* the person's version, as text */
  char         *theirs;       /* the version someone else published */
  char         *title;        /* the document's title, the entry's, or the file's name */
  char         *description;  /* the conflict in plain words */
  AushangValue *theirs_value; /* for a field: their value (NULL: they removed it) */
  gboolean      binary;       /* a whole file that is no text (an image) */
  GBytes       *theirs_bytes; /* for a binary file: their bytes */
} AushangGitConflict;

void aushang_git_conflict_free (AushangGitConflict *conflict);

typedef enum
{
  AUSHANG_GIT_KEEP_MINE,
  AUSHANG_GIT_TAKE_THEIRS,
  AUSHANG_GIT_USE_TEXT,
} AushangGitResolution;

/* One earlier version of a file. */
typedef struct
{
  char      *id;       /* the commit */
  char      *summary;  /* its message's first line */
  char      *author;
  GDateTime *date;
} AushangGitVersion;

void aushang_git_version_free (AushangGitVersion *version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangGitChange, aushang_git_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangGitConflict, aushang_git_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangGitVersion, aushang_git_version_free)

#define AUSHANG_TYPE_GIT_REPO (aushang_git_repo_get_type ())

G_DECLARE_FINAL_TYPE (AushangGitRepo, aushang_git_repo, AUSHANG, GIT_REPO, GObject)

/* The repository holding @site_folder (the site may be a subfolder of
 * it: docs/, web/). AUSHANG_GIT_ERROR_NOT_A_REPOSITORY when there is
 * none: publishing is then not available, nothing else changes. */
AushangGitRepo *aushang_git_repo_open          (GFile                      *site_folder,
                                                GError                    **error);
/* Gets a copy of the repository at @url (https://, http://, git://) into
 * @folder, which must not exist or be empty. */
AushangGitRepo *aushang_git_clone              (const char                 *url,
                                                GFile                      *folder,
                                                const AushangGitCallbacks  *callbacks,
                                                GError                    **error);

GFile          *aushang_git_repo_get_folder    (AushangGitRepo             *self);
GFile          *aushang_git_repo_get_site_folder (AushangGitRepo           *self);
/* The site's place in the repository ("" or "docs/"). */
const char     *aushang_git_repo_get_site_prefix (AushangGitRepo           *self);
/* The address it is published to, or NULL when it has none. */
char           *aushang_git_repo_dup_remote_url (AushangGitRepo            *self);

/* What would be published, in plain words (AushangGitChange*), comparing
 * the folder (saved files and unpublished commits) with what was last
 * fetched from the server. */
GPtrArray      *aushang_git_repo_get_changes   (AushangGitRepo             *self,
                                                GError                    **error);
/* A commit message from @changes: one line each, at most a few. */
char           *aushang_git_changes_to_message (GPtrArray                  *changes);
/* The commit the folder is at (hexadecimal), or NULL in an empty
 * repository. */
char           *aushang_git_repo_dup_head_id   (AushangGitRepo             *self);
/* Whether there is something committed that the server has not got yet. */
gboolean        aushang_git_repo_has_unpublished_commits (AushangGitRepo *self);

/* Fetches and brings in what others published: a fast-forward, or the
 * person's unpublished commits and saved changes replayed on top, merged
 * file by file (front matter field by field, text paragraph by
 * paragraph). Conflicts (AushangGitConflict*) are added to @conflicts;
 * the person's version is in the files. */
gboolean        aushang_git_repo_update        (AushangGitRepo             *self,
                                                const AushangGitCallbacks  *callbacks,
                                                GPtrArray                  *conflicts,
                                                GError                    **error);
/* Settles a conflict in the file: keep the person's version, take the
 * other one, or write @text (a field's new text, or the passage). */
gboolean        aushang_git_repo_resolve       (AushangGitRepo             *self,
                                                AushangGitConflict         *conflict,
                                                AushangGitResolution        resolution,
                                                const char                 *text,
                                                GError                    **error);

/* Commits every change in the site folder as @name <@email>. FALSE with
 * no error when there was nothing to commit. */
gboolean        aushang_git_repo_commit        (AushangGitRepo             *self,
                                                const char                 *name,
                                                const char                 *email,
                                                const char                 *message,
                                                GError                    **error);
/* Sends the current branch to the server. AUSHANG_GIT_ERROR_REJECTED when
 * someone published meanwhile. */
gboolean        aushang_git_repo_push          (AushangGitRepo             *self,
                                                const AushangGitCallbacks  *callbacks,
                                                GError                    **error);
/* Everything publishing does: commit (when there are changes), update,
 * push; when the push is refused because someone published meanwhile,
 * update and try again. With conflicts it stops before pushing
 * (AUSHANG_GIT_ERROR_CONFLICT, the conflicts in @conflicts); every
 * error keeps the commit, so a later publish sends it. */
gboolean        aushang_git_repo_publish       (AushangGitRepo             *self,
                                                const char                 *name,
                                                const char                 *email,
                                                const char                 *message,
                                                const AushangGitCallbacks  *callbacks,
                                                GPtrArray                  *conflicts,
                                                GError                    **error);

/* Earlier versions of @file (AushangGitVersion*), newest first. */
GPtrArray      *aushang_git_repo_get_history   (AushangGitRepo             *self,
                                                GFile                      *file,
                                                guint                       max,
                                                GError                    **error);
GBytes         *aushang_git_repo_get_version   (AushangGitRepo             *self,
                                                GFile                      *file,
                                                const char                 *id,
                                                GError                    **error);
/* Writes that version into the file: a new change, published as any
 * other. */
gboolean        aushang_git_repo_restore_version (AushangGitRepo           *self,
                                                GFile                      *file,
                                                const char                 *id,
                                                GError                    **error);

/* The three-way merge of one file (used by update; public for tests):
 * @base may be NULL (added on both sides). Returns the merged bytes, with
 * the person's version (@ours) wherever both changed the same thing;
 * those places are added to @conflicts (with @path). */
GBytes         *aushang_git_merge_file         (const char                 *path,
                                                GBytes                     *base,
                                                GBytes                     *ours,
                                                GBytes                     *theirs,
                                                GPtrArray                  *conflicts);

G_END_DECLS
