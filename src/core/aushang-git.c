/* aushang-git.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-git"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "aushang-data-file.h"
#include "aushang-document.h"
#include "aushang-front-matter.h"
#include "aushang-git.h"
#include "aushang-git-private.h"
#include "aushang-site.h"

struct _AushangGitRepo
{
  GObject         parent_instance;

  git_repository *repo;
  GFile          *folder;
  GFile          *site_folder;
  char           *prefix;
};

G_DEFINE_FINAL_TYPE (AushangGitRepo, aushang_git_repo, G_TYPE_OBJECT)

G_DEFINE_QUARK (aushang-git-error-quark, aushang_git_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_repository, git_repository_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_remote, git_remote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_reference, git_reference_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_commit, git_commit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_tree, git_tree_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_index, git_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_blob, git_blob_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_diff, git_diff_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_revwalk, git_revwalk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_signature, git_signature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_index_conflict_iterator, git_index_conflict_iterator_free)

void
aushang_git_ensure_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      git_libgit2_init ();
      g_once_init_leave (&done, 1);
    }
}

void
aushang_git_change_free (AushangGitChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_free (change->description);
  g_clear_pointer (&change->entry, aushang_value_unref);
  g_free (change);
}

void
aushang_git_version_free (AushangGitVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->id);
  g_free (version->summary);
  g_free (version->author);
  g_clear_pointer (&version->date, g_date_time_unref);
  g_free (version);
}

static void
aushang_git_repo_finalize (GObject *object)
{
  AushangGitRepo *self = AUSHANG_GIT_REPO (object);

  g_clear_pointer (&self->repo, git_repository_free);
  g_clear_object (&self->folder);
  g_clear_object (&self->site_folder);
  g_clear_pointer (&self->prefix, g_free);

  G_OBJECT_CLASS (aushang_git_repo_parent_class)->finalize (object);
}

static void
aushang_git_repo_class_init (AushangGitRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aushang_git_repo_finalize;
}

static void
aushang_git_repo_init (AushangGitRepo *self)
{
}

/* The state one network call shares with libgit2's callbacks. */
typedef struct
{
  const AushangGitCallbacks *callbacks;
  AushangGitProgress         progress;
  guint                      attempts;
  gboolean                   auth_refused;
  gboolean                   cancelled;
  gboolean                   agent_tried;
  char                      *push_status;
} Payload;

static void
payload_clear (Payload *payload)
{
  g_clear_pointer (&payload->push_status, g_free);
}

static gboolean
payload_cancelled (Payload *payload)
{
  if (payload->callbacks != NULL &&
      g_cancellable_is_cancelled (payload->callbacks->cancellable))
    payload->cancelled = TRUE;
  return payload->cancelled;
}

static void
payload_report (Payload *payload)
{
  if (payload->callbacks != NULL && payload->callbacks->progress != NULL)
    payload->callbacks->progress (&payload->progress, payload->callbacks->user_data);
}

static int
credentials_cb (git_credential **out,
                const char      *url,
                const char      *username_from_url,
                unsigned int     allowed_types,
                void            *data)
{
  Payload *payload = data;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  int ret;

  if (payload_cancelled (payload))
    return GIT_EUSER;

  /* SSH: the keys of the agent, when one runs. */
  if ((allowed_types & GIT_CREDENTIAL_SSH_KEY) && !payload->agent_tried)
    {
      payload->agent_tried = TRUE;
      return git_credential_ssh_key_from_agent (out, username_from_url ? username_from_url : "git");
    }

  if (!(allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
    {
      payload->auth_refused = TRUE;
      return GIT_EUSER;
    }

  payload->attempts++;
  if (payload->callbacks == NULL || payload->callbacks->credentials == NULL ||
      payload->attempts > 3 ||
      !payload->callbacks->credentials (url, username_from_url, payload->attempts,
                                        &username, &password,
                                        payload->callbacks->user_data))
    {
      payload->auth_refused = TRUE;
      return GIT_EUSER;
    }

  ret = git_credential_userpass_plaintext_new (out, username ? username : "", password ? password : "");
  if (password != NULL)
    memset (password, 0, strlen (password));
  return ret;
}

static int
transfer_progress_cb (const git_indexer_progress *stats,
                      void                       *data)
{
  Payload *payload = data;

  if (payload_cancelled (payload))
    return GIT_EUSER;

  payload->progress.total_objects = stats->total_objects;
  payload->progress.received_objects = stats->received_objects;
  payload->progress.indexed_objects = stats->indexed_objects;
  payload->progress.received_bytes = stats->received_bytes;
  payload_report (payload);
  return 0;
}

static int
push_progress_cb (unsigned int current,
                  unsigned int total,
                  size_t       bytes,
                  void        *data)
{
  Payload *payload = data;

  if (payload_cancelled (payload))
    return GIT_EUSER;

  payload->progress.pushed_objects = current;
  payload->progress.total_push_objects = total;
  payload_report (payload);
  return 0;
}

static int
push_update_reference_cb (const char *refname,
                          const char *status,
                          void       *data)
{
  Payload *payload = data;

  if (status != NULL && payload->push_status == NULL)
    payload->push_status = g_strdup (status);
  return 0;
}

static void
checkout_progress_cb (const char *path,
                      size_t      completed,
                      size_t      total,
                      void       *data)
{
  Payload *payload = data;

  payload->progress.done_files = completed;
  payload->progress.total_files = total;
  payload_report (payload);
}

static void
init_remote_callbacks (git_remote_callbacks *callbacks,
                       Payload              *payload)
{
  callbacks->credentials = credentials_cb;
  callbacks->transfer_progress = transfer_progress_cb;
  callbacks->push_transfer_progress = push_progress_cb;
  callbacks->push_update_reference = push_update_reference_cb;
  callbacks->payload = payload;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* Turns what libgit2 said into a sentence a person can act on. */
static gboolean
set_error (GError  **error,
           Payload  *payload,
           int       code)
{
  const git_error *last = git_error_last ();
  g_autofree char *message = g_ascii_strdown (last && last->message ? last->message : "", -1);
  int klass = last ? last->klass : 0;

  g_debug ("libgit2: %d/%d %s", code, klass, message);

  if (payload != NULL && payload->cancelled)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
  else if ((payload != NULL && payload->auth_refused) || code == GIT_EAUTH ||
           contains (message, "authentication") || contains (message, "401"))
    g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_AUTHENTICATION,
                         _("The server did not accept the user name or the access token. Check them and try again."));
  else if (contains (message, "403") || contains (message, "service not enabled") ||
           contains (message, "access denied") || contains (message, "permission") ||
           contains (message, "read-only") || contains (message, "read only"))
    g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_READ_ONLY,
                         _("The server lets you read this website but not publish to it. Ask whoever looks after the website to allow you to publish."));
  else if (contains (message, "not present locally") || contains (message, "non-fastforward") ||
           contains (message, "non-fast-forward"))
    g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_REJECTED,
                         _("Someone else published meanwhile."));
  else if (contains (message, "404") || contains (message, "not found") ||
           contains (message, "does not appear to be a git repository") ||
           contains (message, "repository not exported"))
    g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_SERVER,
                         _("There is no website at this address. Check the address."));
  else if (contains (message, "unexpected http status code: 5") || contains (message, "remote error") ||
           contains (message, "unexpected eof") || contains (message, "early eof") ||
           contains (message, "invalid packet") || contains (message, "bad packet") ||
           contains (message, "connection reset") || contains (message, "unexpected http status"))
    g_set_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_SERVER,
                 /* Translators: %s is the server's own message, in English. */
                 _("The server had a problem and did not finish (%s). Try again later."),
                 last && last->message ? last->message : "?");
  else if (klass == GIT_ERROR_NET || klass == GIT_ERROR_SSL || klass == GIT_ERROR_HTTP ||
           klass == GIT_ERROR_OS || contains (message, "failed to connect") ||
           contains (message, "could not resolve") || contains (message, "resolve address"))
    g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_NETWORK,
                         _("The server cannot be reached. Check the internet connection and try again."));
  else
    g_set_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_FAILED,
                 /* Translators: %s is libgit2's message, in English. */
                 _("Publishing failed: %s"), last && last->message ? last->message : "?");

  return FALSE;
}

static char *
real_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  char *resolved = path ? realpath (path, NULL) : NULL;
  char *result;

  if (resolved == NULL)
    return g_steal_pointer (&path);
  result = g_strdup (resolved);
  free (resolved);
  return result;
}

static AushangGitRepo *
repo_new (git_repository *repo,
          GFile          *site_folder)
{
  AushangGitRepo *self = g_object_new (AUSHANG_TYPE_GIT_REPO, NULL);
  g_autofree char *workdir = NULL;
  g_autofree char *site = real_path (site_folder);
  g_autofree char *relative = NULL;

  workdir = g_strdup (git_repository_workdir (repo));
  if (g_str_has_suffix (workdir, "/") && strlen (workdir) > 1)
    workdir[strlen (workdir) - 1] = '\0';
  {
    g_autoptr(GFile) folder = g_file_new_for_path (workdir);
    g_autofree char *resolved = real_path (folder);

    self->folder = g_file_new_for_path (resolved);
  }
  self->repo = repo;
  self->site_folder = g_file_new_for_path (site);
  relative = g_file_get_relative_path (self->folder, self->site_folder);
  self->prefix = relative ? g_strconcat (relative, "/", NULL) : g_strdup ("");

  return self;
}

AushangGitRepo *
aushang_git_repo_open (GFile   *site_folder,
                       GError **error)
{
  g_autofree char *path = real_path (site_folder);
  git_repository *repo = NULL;

  g_return_val_if_fail (G_IS_FILE (site_folder), NULL);

  aushang_git_ensure_init ();
  if (path == NULL || git_repository_open_ext (&repo, path, 0, NULL) < 0 ||
      git_repository_is_bare (repo))
    {
      g_clear_pointer (&repo, git_repository_free);
      g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_NOT_A_REPOSITORY,
                           _("This site is not kept in a git repository, so Aushang cannot publish it. Saving works as before."));
      return NULL;
    }

  return repo_new (repo, site_folder);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

AushangGitRepo *
aushang_git_clone (const char                 *url,
                   GFile                      *folder,
                   const AushangGitCallbacks  *callbacks,
                   GError                    **error)
{
  g_autofree char *path = g_file_get_path (folder);
  git_clone_options options = GIT_CLONE_OPTIONS_INIT;
  Payload payload = { callbacks, };
  git_repository *repo = NULL;
  gboolean existed;
  g_autoptr(GPtrArray) sites = NULL;
  int ret;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  aushang_git_ensure_init ();

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed)
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      gboolean empty = dir != NULL && g_dir_read_name (dir) == NULL;

      g_clear_pointer (&dir, g_dir_close);
      if (!empty)
        {
          g_autofree char *name = g_file_get_parse_name (folder);

          g_set_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_EXISTS,
                       /* Translators: %s is a folder. */
                       _("“%s” already exists and is not empty. Choose another folder."), name);
          return NULL;
        }
    }

  init_remote_callbacks (&options.fetch_opts.callbacks, &payload);
  options.checkout_opts.progress_cb = checkout_progress_cb;
  options.checkout_opts.progress_payload = &payload;

  ret = git_clone (&repo, url, path, &options);
  if (ret < 0)
    {
      set_error (error, &payload, ret);
      payload_clear (&payload);
      if (!existed)
        remove_tree (path);
      return NULL;
    }
  payload_clear (&payload);

  sites = aushang_site_find_sites (folder);
  return repo_new (repo, sites->len > 0 ? g_ptr_array_index (sites, 0) : folder);
}

GFile *
aushang_git_repo_get_folder (AushangGitRepo *self)
{
  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), NULL);
  return self->folder;
}

GFile *
aushang_git_repo_get_site_folder (AushangGitRepo *self)
{
  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), NULL);
  return self->site_folder;
}

const char *
aushang_git_repo_get_site_prefix (AushangGitRepo *self)
{
  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), NULL);
  return self->prefix;
}

git_repository *
aushang_git_repo_get_git (AushangGitRepo *self)
{
  return self->repo;
}

/* The remote the current branch publishes to: its configured one, else
 * "origin", else the only one. */
static git_remote *
lookup_remote (AushangGitRepo *self)
{
  git_remote *remote = NULL;
  g_autoptr(git_reference) head = NULL;
  git_strarray names = { 0, };

  if (git_repository_head (&head, self->repo) == 0 && git_reference_is_branch (head))
    {
      git_buf name = { 0, };

      if (git_branch_upstream_remote (&name, self->repo, git_reference_name (head)) == 0)
        {
          git_remote_lookup (&remote, self->repo, name.ptr);
          git_buf_dispose (&name);
          if (remote != NULL)
            return remote;
        }
    }

  if (git_remote_lookup (&remote, self->repo, "origin") == 0)
    return remote;

  if (git_remote_list (&names, self->repo) == 0 && names.count > 0)
    git_remote_lookup (&remote, self->repo, names.strings[0]);
  git_strarray_dispose (&names);
  return remote;
}

char *
aushang_git_repo_dup_remote_url (AushangGitRepo *self)
{
  g_autoptr(git_remote) remote = NULL;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), NULL);

  remote = lookup_remote (self);
  if (remote == NULL || git_remote_url (remote) == NULL)
    return NULL;
  return g_strdup (git_remote_url (remote));
}

/* The branch HEAD names ("main"), also while it has no commit yet. */
static char *
dup_branch_name (AushangGitRepo *self)
{
  g_autoptr(git_reference) head = NULL;
  const char *target;

  if (git_reference_lookup (&head, self->repo, "HEAD") < 0 ||
      git_reference_type (head) != GIT_REFERENCE_SYMBOLIC)
    return NULL;
  target = git_reference_symbolic_target (head);
  if (!g_str_has_prefix (target, "refs/heads/"))
    return NULL;
  return g_strdup (target + strlen ("refs/heads/"));
}

/* The commit last fetched for the current branch, or NULL. */
static git_commit *
lookup_upstream (AushangGitRepo *self)
{
  g_autofree char *branch = dup_branch_name (self);
  g_autofree char *local = NULL;
  g_autoptr(git_reference) upstream = NULL;
  g_autoptr(git_remote) remote = NULL;
  git_buf name = { 0, };
  git_object *object = NULL;

  if (branch == NULL)
    return NULL;
  local = g_strconcat ("refs/heads/", branch, NULL);

  if (git_branch_upstream_name (&name, self->repo, local) == 0)
    {
      git_reference_lookup (&upstream, self->repo, name.ptr);
      git_buf_dispose (&name);
    }
  if (upstream == NULL && (remote = lookup_remote (self)) != NULL)
    {
      g_autofree char *ref = g_strdup_printf ("refs/remotes/%s/%s", git_remote_name (remote), branch);

      git_reference_lookup (&upstream, self->repo, ref);
    }
  if (upstream == NULL)
    return NULL;

  if (git_reference_peel (&object, upstream, GIT_OBJECT_COMMIT) < 0)
    return NULL;
  return (git_commit *) object;
}

static git_commit *
lookup_head (AushangGitRepo *self)
{
  git_object *object = NULL;

  if (git_revparse_single (&object, self->repo, "HEAD^{commit}") < 0)
    return NULL;
  return (git_commit *) object;
}

git_tree *
aushang_git_repo_dup_published_tree (AushangGitRepo *self)
{
  g_autoptr(git_commit) commit = lookup_upstream (self);
  git_tree *tree = NULL;

  if (commit == NULL)
    commit = lookup_head (self);
  if (commit == NULL || git_commit_tree (&tree, commit) < 0)
    return NULL;
  return tree;
}

char *
aushang_git_repo_dup_head_id (AushangGitRepo *self)
{
  g_autoptr(git_commit) head = NULL;
  char hex[41 + 64];

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), NULL);

  head = lookup_head (self);
  if (head == NULL)
    return NULL;
  git_oid_tostr (hex, sizeof hex, git_commit_id (head));
  return g_strdup (hex);
}

gboolean
aushang_git_repo_has_unpublished_commits (AushangGitRepo *self)
{
  g_autoptr(git_commit) head = NULL;
  g_autoptr(git_commit) upstream = NULL;
  size_t ahead = 0, behind = 0;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), FALSE);

  head = lookup_head (self);
  if (head == NULL)
    return FALSE;
  upstream = lookup_upstream (self);
  if (upstream == NULL)
    return TRUE;
  if (git_graph_ahead_behind (&ahead, &behind, self->repo,
                              git_commit_id (head), git_commit_id (upstream)) < 0)
    return TRUE;
  return ahead > 0;
}

static gboolean
fetch (AushangGitRepo             *self,
       const AushangGitCallbacks  *callbacks,
       GError                    **error)
{
  g_autoptr(git_remote) remote = lookup_remote (self);
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  Payload payload = { callbacks, };
  int ret;

  if (remote == NULL)
    {
      g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_NO_REMOTE,
                           _("This site has no address to publish to."));
      return FALSE;
    }

  init_remote_callbacks (&options.callbacks, &payload);
  ret = git_remote_fetch (remote, NULL, &options, NULL);
  if (ret < 0)
    set_error (error, &payload, ret);
  payload_clear (&payload);
  return ret >= 0;
}

static char *
site_relative (AushangGitRepo *self,
               const char     *path)
{
  if (g_str_has_prefix (path, self->prefix))
    return g_strdup (path + strlen (self->prefix));
  return g_strdup (path);
}

static GBytes *
blob_bytes (git_repository *repo,
            const git_oid  *id)
{
  g_autoptr(git_blob) blob = NULL;

  if (id == NULL || git_oid_is_zero (id) || git_blob_lookup (&blob, repo, id) < 0)
    return NULL;
  return g_bytes_new (git_blob_rawcontent (blob), git_blob_rawsize (blob));
}

typedef struct
{
  char          *path;
  git_oid        ids[3];
  gboolean       present[3];
  guint32        mode;
} ConflictEntry;

static void
conflict_entry_free (ConflictEntry *entry)
{
  g_free (entry->path);
  g_free (entry);
}

/* Merges three trees (@base may be NULL) with libgit2, then settles every
 * file both sides changed with aushang_git_merge_file. */
static gboolean
merge_trees (AushangGitRepo  *self,
             git_tree        *base,
             git_tree        *ours,
             git_tree        *theirs,
             GPtrArray       *conflicts,
             git_oid         *out,
             GError         **error)
{
  git_merge_options options = GIT_MERGE_OPTIONS_INIT;
  g_autoptr(git_index) index = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_entry_free);
  int ret;

  options.flags = 0;
  ret = git_merge_trees (&index, self->repo, base, ours, theirs, &options);
  if (ret < 0)
    return set_error (error, NULL, ret);

  if (git_index_has_conflicts (index))
    {
      g_autoptr(git_index_conflict_iterator) iter = NULL;
      const git_index_entry *entry[3];

      git_index_conflict_iterator_new (&iter, index);
      while (git_index_conflict_next (&entry[0], &entry[1], &entry[2], iter) == 0)
        {
          ConflictEntry *c = g_new0 (ConflictEntry, 1);

          for (guint i = 0; i < 3; i++)
            if (entry[i] != NULL)
              {
                c->present[i] = TRUE;
                git_oid_cpy (&c->ids[i], &entry[i]->id);
                if (c->path == NULL)
                  c->path = g_strdup (entry[i]->path);
              }
          c->mode = entry[1] ? entry[1]->mode : entry[2] ? entry[2]->mode : GIT_FILEMODE_BLOB;
          g_ptr_array_add (entries, c);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      ConflictEntry *c = g_ptr_array_index (entries, i);
      g_autoptr(GBytes) b = c->present[0] ? blob_bytes (self->repo, &c->ids[0]) : NULL;
      g_autoptr(GBytes) o = c->present[1] ? blob_bytes (self->repo, &c->ids[1]) : NULL;
      g_autoptr(GBytes) t = c->present[2] ? blob_bytes (self->repo, &c->ids[2]) : NULL;
      g_autofree char *shown = site_relative (self, c->path);
      g_autoptr(GBytes) merged = aushang_git_merge_file (shown, b, o, t, conflicts);

      git_index_conflict_remove (index, c->path);
      if (merged != NULL)
        {
          git_index_entry entry = { 0, };
          gsize length;
          const char *data = g_bytes_get_data (merged, &length);

          entry.path = c->path;
          entry.mode = c->mode;
          if (git_blob_create_from_buffer (&entry.id, self->repo, data, length) < 0 ||
              git_index_add (index, &entry) < 0)
            return set_error (error, NULL, -1);
        }
    }

  ret = git_index_write_tree_to (out, index, self->repo);
  if (ret < 0)
    return set_error (error, NULL, ret);
  return TRUE;
}

/* The folder as it is now (saved files, deletions, new files), as a tree
 * in the object database. */
static gboolean
workdir_tree (AushangGitRepo  *self,
              const char      *prefix,
              git_oid         *out,
              GError         **error)
{
  g_autoptr(git_index) index = NULL;
  g_autofree char *spec = prefix && *prefix ? g_strndup (prefix, strlen (prefix) - 1) : NULL;
  char *specs[1] = { spec };
  git_strarray pathspec = { specs, spec ? 1 : 0 };
  int ret;

  if ((ret = git_repository_index (&index, self->repo)) < 0 ||
      (ret = git_index_read (index, TRUE)) < 0 ||
      (ret = git_index_add_all (index, &pathspec, GIT_INDEX_ADD_DEFAULT, NULL, NULL)) < 0 ||
      (ret = git_index_update_all (index, &pathspec, NULL, NULL)) < 0 ||
      (ret = git_index_write_tree (out, index)) < 0)
    return set_error (error, NULL, ret);
  return TRUE;
}

static gboolean
write_workdir_file (AushangGitRepo  *self,
                    const char      *path,
                    const git_oid   *id,
                    guint32          mode,
                    GError         **error)
{
  g_autofree char *folder = g_file_get_path (self->folder);
  g_autofree char *file = g_build_filename (folder, path, NULL);
  g_autofree char *parent = g_path_get_dirname (file);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  if (id == NULL)
    {
      if (g_unlink (file) < 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("“%s” could not be removed: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  bytes = blob_bytes (self->repo, id);
  data = bytes ? g_bytes_get_data (bytes, &length) : "";
  if (bytes == NULL)
    length = 0;
  if (g_mkdir_with_parents (parent, 0755) < 0 ||
      !g_file_set_contents_full (file, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0755 : 0644, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be written."), path);
      return FALSE;
    }
  return TRUE;
}

/* Makes the folder match @to where it matches @from now. */
static gboolean
write_workdir (AushangGitRepo  *self,
               git_tree        *from,
               git_tree        *to,
               GError         **error)
{
  g_autoptr(git_diff) diff = NULL;
  int ret = git_diff_tree_to_tree (&diff, self->repo, from, to, NULL);

  if (ret < 0)
    return set_error (error, NULL, ret);

  for (size_t i = 0; i < git_diff_num_deltas (diff); i++)
    {
      const git_diff_delta *delta = git_diff_get_delta (diff, i);

      if (delta->status == GIT_DELTA_DELETED)
        {
          if (!write_workdir_file (self, delta->old_file.path, NULL, 0, error))
            return FALSE;
        }
      else if (!write_workdir_file (self, delta->new_file.path, &delta->new_file.id,
                                    delta->new_file.mode, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_branch (AushangGitRepo  *self,
            const git_oid   *id,
            GError         **error)
{
  g_autofree char *branch = dup_branch_name (self);
  g_autofree char *ref_name = NULL;
  g_autoptr(git_reference) ref = NULL;
  int ret;

  if (branch == NULL)
    ret = git_repository_set_head_detached (self->repo, id);
  else
    {
      ref_name = g_strconcat ("refs/heads/", branch, NULL);
      ret = git_reference_create (&ref, self->repo, ref_name, id, TRUE, "aushang: update");
    }
  if (ret < 0)
    return set_error (error, NULL, ret);
  return TRUE;
}

static git_tree *
commit_tree (git_commit *commit)
{
  git_tree *tree = NULL;

  if (commit == NULL || git_commit_tree (&tree, commit) < 0)
    return NULL;
  return tree;
}

/* Brings in @upstream: replays the commits only HEAD has, then the saved
 * changes of the folder, on top of it. */
static gboolean
bring_in (AushangGitRepo  *self,
          git_commit      *head,
          git_commit      *upstream,
          GPtrArray       *conflicts,
          GError         **error)
{
  g_autoptr(git_tree) head_tree = commit_tree (head);
  g_autoptr(git_tree) work_tree = NULL;
  g_autoptr(git_tree) tip_tree = NULL;
  g_autoptr(git_tree) result_tree = NULL;
  g_autoptr(git_index) index = NULL;
  git_oid tip, work_id, result_id;
  int ret;

  git_oid_cpy (&tip, git_commit_id (upstream));

  if (!workdir_tree (self, NULL, &work_id, error) ||
      git_tree_lookup (&work_tree, self->repo, &work_id) < 0)
    return error == NULL || *error != NULL ? FALSE : set_error (error, NULL, -1);

  if (head != NULL)
    {
      g_autoptr(git_revwalk) walk = NULL;
      git_oid id;

      if ((ret = git_revwalk_new (&walk, self->repo)) < 0 ||
          (ret = git_revwalk_sorting (walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE)) < 0 ||
          (ret = git_revwalk_push (walk, git_commit_id (head))) < 0 ||
          (ret = git_revwalk_hide (walk, git_commit_id (upstream))) < 0)
        return set_error (error, NULL, ret);

      while (git_revwalk_next (&id, walk) == 0)
        {
          g_autoptr(git_commit) commit = NULL;
          g_autoptr(git_commit) parent = NULL;
          g_autoptr(git_commit) tip_commit = NULL;
          g_autoptr(git_tree) tree = NULL;
          g_autoptr(git_tree) parent_tree = NULL;
          g_autoptr(git_tree) tip_tree_now = NULL;
          g_autoptr(git_tree) merged = NULL;
          git_oid merged_id;
          /* void *: libgit2 1.8 changed the constness of this array. */
          git_commit *parents[1];

          if (git_commit_lookup (&commit, self->repo, &id) < 0 ||
              git_commit_lookup (&tip_commit, self->repo, &tip) < 0)
            return set_error (error, NULL, -1);
          if (git_commit_parentcount (commit) > 0)
            git_commit_parent (&parent, commit, 0);
          tree = commit_tree (commit);
          parent_tree = commit_tree (parent);
          tip_tree_now = commit_tree (tip_commit);

          if (!merge_trees (self, parent_tree, tree, tip_tree_now, conflicts, &merged_id, error))
            return FALSE;
          /* What the commit did is already there. */
          if (git_oid_equal (&merged_id, git_tree_id (tip_tree_now)))
            continue;
          if (git_tree_lookup (&merged, self->repo, &merged_id) < 0)
            return set_error (error, NULL, -1);
          parents[0] = tip_commit;
          ret = git_commit_create (&tip, self->repo, NULL,
                                   git_commit_author (commit), git_commit_committer (commit),
                                   git_commit_message_encoding (commit), git_commit_message (commit),
                                   merged, 1, (void *) parents);
          if (ret < 0)
            return set_error (error, NULL, ret);
        }
    }

  {
    g_autoptr(git_commit) tip_commit = NULL;

    if (git_commit_lookup (&tip_commit, self->repo, &tip) < 0)
      return set_error (error, NULL, -1);
    tip_tree = commit_tree (tip_commit);
  }

  /* The saved changes that are not committed yet. */
  if (head_tree != NULL && git_oid_equal (git_tree_id (head_tree), &work_id))
    git_oid_cpy (&result_id, git_tree_id (tip_tree));
  else if (!merge_trees (self, head_tree, work_tree, tip_tree, conflicts, &result_id, error))
    return FALSE;
  if (git_tree_lookup (&result_tree, self->repo, &result_id) < 0)
    return set_error (error, NULL, -1);

  /* The branch moves first: should writing a file fail, the folder still
   * holds the person's version of it, and the next update merges again. */
  if (!set_branch (self, &tip, error))
    return FALSE;
  if ((ret = git_repository_index (&index, self->repo)) < 0 ||
      (ret = git_index_read_tree (index, tip_tree)) < 0 ||
      (ret = git_index_write (index)) < 0)
    return set_error (error, NULL, ret);

  return write_workdir (self, work_tree, result_tree, error);
}

gboolean
aushang_git_repo_update (AushangGitRepo             *self,
                         const AushangGitCallbacks  *callbacks,
                         GPtrArray                  *conflicts,
                         GError                    **error)
{
  g_autoptr(git_commit) head = NULL;
  g_autoptr(git_commit) upstream = NULL;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), FALSE);
  g_return_val_if_fail (conflicts != NULL, FALSE);

  if (!fetch (self, callbacks, error))
    return FALSE;

  upstream = lookup_upstream (self);
  if (upstream == NULL)
    return TRUE;
  head = lookup_head (self);

  /* Nothing new from the server. */
  if (head != NULL &&
      (git_oid_equal (git_commit_id (head), git_commit_id (upstream)) ||
       git_graph_descendant_of (self->repo, git_commit_id (head), git_commit_id (upstream)) == 1))
    return TRUE;

  return bring_in (self, head, upstream, conflicts, error);
}

gboolean
aushang_git_repo_commit (AushangGitRepo  *self,
                         const char      *name,
                         const char      *email,
                         const char      *message,
                         GError         **error)
{
  g_autoptr(git_commit) head = NULL;
  g_autoptr(git_tree) head_tree = NULL;
  g_autoptr(git_tree) tree = NULL;
  g_autoptr(git_signature) signature = NULL;
  g_autoptr(git_index) index = NULL;
  git_oid tree_id, id;
  git_commit *parents[1];
  int ret;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (!workdir_tree (self, self->prefix, &tree_id, error))
    return FALSE;

  head = lookup_head (self);
  head_tree = commit_tree (head);
  if (head_tree != NULL && git_oid_equal (git_tree_id (head_tree), &tree_id))
    return FALSE;

  if ((ret = git_repository_index (&index, self->repo)) < 0 ||
      (ret = git_index_write (index)) < 0 ||
      (ret = git_tree_lookup (&tree, self->repo, &tree_id)) < 0)
    return set_error (error, NULL, ret);

  if (name == NULL || *name == '\0' || email == NULL || *email == '\0')
    ret = git_signature_default (&signature, self->repo);
  else
    ret = git_signature_now (&signature, name, email);
  if (ret < 0)
    {
      g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_FAILED,
                           _("Publishing needs your name and e-mail address."));
      return FALSE;
    }

  parents[0] = head;
  ret = git_commit_create (&id, self->repo, "HEAD", signature, signature, NULL, message,
                           tree, head ? 1 : 0, (void *) parents);
  if (ret < 0)
    return set_error (error, NULL, ret);
  return TRUE;
}

gboolean
aushang_git_repo_push (AushangGitRepo             *self,
                       const AushangGitCallbacks  *callbacks,
                       GError                    **error)
{
  g_autoptr(git_remote) remote = NULL;
  g_autofree char *branch = NULL;
  g_autofree char *refspec = NULL;
  char *specs[1];
  git_strarray refspecs = { specs, 1 };
  git_push_options options = GIT_PUSH_OPTIONS_INIT;
  Payload payload = { callbacks, };
  int ret;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), FALSE);

  remote = lookup_remote (self);
  branch = dup_branch_name (self);
  if (remote == NULL || branch == NULL)
    {
      g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_NO_REMOTE,
                           _("This site has no address to publish to."));
      return FALSE;
    }

  refspec = g_strdup_printf ("refs/heads/%s:refs/heads/%s", branch, branch);
  specs[0] = refspec;
  init_remote_callbacks (&options.callbacks, &payload);

  ret = git_remote_push (remote, &refspecs, &options);
  if (ret < 0)
    {
      set_error (error, &payload, ret);
      payload_clear (&payload);
      return FALSE;
    }

  if (payload.push_status != NULL)
    {
      g_autofree char *status = g_ascii_strdown (payload.push_status, -1);

      if (contains (status, "fetch first") || contains (status, "non-fast-forward") ||
          contains (status, "stale") || contains (status, "rejected"))
        g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_REJECTED,
                             _("Someone else published meanwhile."));
      else
        g_set_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_READ_ONLY,
                     /* Translators: %s is the server's reason, in English. */
                     _("The server refused the changes (%s)."), payload.push_status);
      payload_clear (&payload);
      return FALSE;
    }
  payload_clear (&payload);

  /* From now on the branch knows where it is published. */
  {
    g_autoptr(git_reference) ref = NULL;
    g_autofree char *local = g_strconcat ("refs/heads/", branch, NULL);
    g_autofree char *upstream = g_strdup_printf ("%s/%s", git_remote_name (remote), branch);
    git_buf name = { 0, };

    if (git_branch_upstream_name (&name, self->repo, local) == 0)
      git_buf_dispose (&name);
    else if (git_reference_lookup (&ref, self->repo, local) == 0)
      git_branch_set_upstream (ref, upstream);
  }

  return TRUE;
}

static void
append_kept (GError **error)
{
  if (error == NULL || *error == NULL || (*error)->domain != AUSHANG_GIT_ERROR)
    return;
  {
    char *message = g_strconcat ((*error)->message, " ",
                                 _("Your changes are kept on this computer and go out with the next publish."),
                                 NULL);
    g_free ((*error)->message);
    (*error)->message = message;
  }
}

gboolean
aushang_git_repo_publish (AushangGitRepo             *self,
                          const char                 *name,
                          const char                 *email,
                          const char                 *message,
                          const AushangGitCallbacks  *callbacks,
                          GPtrArray                  *conflicts,
                          GError                    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), FALSE);
  g_return_val_if_fail (conflicts != NULL, FALSE);

  if (!aushang_git_repo_commit (self, name, email, message, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint attempt = 0; attempt < 4; attempt++)
    {
      guint before = conflicts->len;

      g_clear_error (&local_error);
      if (!aushang_git_repo_update (self, callbacks, conflicts, &local_error))
        break;
      if (conflicts->len > before)
        {
          g_set_error_literal (&local_error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_CONFLICT,
                               _("Someone else changed the same place meanwhile. Your version is kept; choose which one to publish, then publish again."));
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!aushang_git_repo_has_unpublished_commits (self))
        return TRUE;
      if (aushang_git_repo_push (self, callbacks, &local_error))
        return TRUE;
      if (!g_error_matches (local_error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_REJECTED))
        break;
    }

  append_kept (&local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
aushang_git_repo_resolve (AushangGitRepo        *self,
                          AushangGitConflict    *conflict,
                          AushangGitResolution   resolution,
                          const char            *text,
                          GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), FALSE);
  g_return_val_if_fail (conflict != NULL, FALSE);

  if (resolution == AUSHANG_GIT_KEEP_MINE)
    return TRUE;
  if (resolution == AUSHANG_GIT_USE_TEXT && text == NULL)
    text = "";

  file = g_file_resolve_relative_path (self->site_folder, conflict->path);

  if (conflict->binary)
    {
      gsize size;
      const char *data;

      if (resolution != AUSHANG_GIT_TAKE_THEIRS || conflict->theirs_bytes == NULL)
        return TRUE;
      data = g_bytes_get_data (conflict->theirs_bytes, &size);
      return g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                      NULL, NULL, error);
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;

  if (conflict->key != NULL && conflict->entry >= 0)
    {
      g_autofree char *name = g_path_get_basename (conflict->path);
      g_autoptr(AushangDataFile) data = aushang_data_file_new_from_data (name, contents, length);
      g_autoptr(GBytes) bytes = NULL;
      gboolean ok;

      if (resolution == AUSHANG_GIT_USE_TEXT)
        ok = aushang_data_file_set_text (data, conflict->entry, conflict->key, text, error);
      else if (conflict->theirs_value == NULL)
        ok = aushang_data_file_unset (data, conflict->entry, conflict->key, error);
      else
        ok = aushang_data_file_set_value (data, conflict->entry, conflict->key, conflict->theirs_value, error);
      if (!ok)
        return FALSE;
      bytes = aushang_data_file_serialize (data);
      return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
    }
  else if (conflict->key != NULL)
    {
      g_autoptr(AushangDocument) document = aushang_document_new_from_data (contents, length);
      AushangFrontMatter *fm = aushang_document_get_front_matter (document);
      g_autoptr(GBytes) bytes = NULL;
      gboolean ok;

      if (fm == NULL || !aushang_document_can_edit_fields (document, error))
        return FALSE;
      if (resolution == AUSHANG_GIT_USE_TEXT)
        ok = aushang_front_matter_set_string (fm, conflict->key, text, error);
      else if (conflict->theirs_value == NULL)
        ok = aushang_front_matter_remove (fm, conflict->key, error);
      else
        ok = aushang_front_matter_set_value (fm, conflict->key, conflict->theirs_value, error);
      if (!ok)
        return FALSE;
      bytes = aushang_document_serialize (document);
      return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
    }
  else
    {
      const char *replacement = resolution == AUSHANG_GIT_USE_TEXT ? text : conflict->theirs;
      const char *at = *conflict->mine ? strstr (contents, conflict->mine) : NULL;
      g_autoptr(GString) result = NULL;

      if (at == NULL)
        {
          g_set_error (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_FAILED,
                       /* Translators: %s is a file name. */
                       _("Your version of the passage is no longer in “%s”; change the text there yourself."),
                       conflict->path);
          return FALSE;
        }
      result = g_string_new_len (contents, at - contents);
      g_string_append (result, replacement);
      g_string_append (result, at + strlen (conflict->mine));
      return g_file_replace_contents (file, result->str, result->len, NULL, FALSE,
                                      G_FILE_CREATE_NONE, NULL, NULL, error);
    }
}

GPtrArray *
aushang_git_repo_get_changes (AushangGitRepo  *self,
                              GError         **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_change_free);
  g_autoptr(git_tree) tree = NULL;
  g_autoptr(git_diff) diff = NULL;
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  g_autofree char *spec = *self->prefix ? g_strndup (self->prefix, strlen (self->prefix) - 1) : NULL;
  char *specs[1] = { spec };
  g_autofree char *folder = g_file_get_path (self->folder);
  int ret;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), NULL);

  tree = aushang_git_repo_dup_published_tree (self);
  options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
  options.pathspec.strings = specs;
  options.pathspec.count = spec ? 1 : 0;

  ret = git_diff_tree_to_workdir_with_index (&diff, self->repo, tree, &options);
  if (ret < 0)
    {
      set_error (error, NULL, ret);
      return NULL;
    }

  for (size_t i = 0; i < git_diff_num_deltas (diff); i++)
    {
      const git_diff_delta *delta = git_diff_get_delta (diff, i);
      g_autoptr(GBytes) old = NULL;
      g_autoptr(GBytes) new = NULL;
      g_autofree char *path = NULL;

      if (delta->status != GIT_DELTA_ADDED && delta->status != GIT_DELTA_UNTRACKED)
        old = blob_bytes (self->repo, &delta->old_file.id);
      if (delta->status != GIT_DELTA_DELETED)
        {
          g_autofree char *file = g_build_filename (folder, delta->new_file.path, NULL);
          g_autoptr(GMappedFile) mapped = g_mapped_file_new (file, FALSE, NULL);

          new = mapped ? g_mapped_file_get_bytes (mapped) : g_bytes_new (NULL, 0);
        }
      if (old != NULL && new != NULL && g_bytes_equal (old, new))
        continue;
      path = site_relative (self, delta->status == GIT_DELTA_DELETED ? delta->old_file.path
                                                                     : delta->new_file.path);
      aushang_git_describe_change (path, old, new, changes);
    }

  return g_steal_pointer (&changes);
}

static gboolean
tree_entry_id (git_commit *commit,
               const char *path,
               git_oid    *out)
{
  g_autoptr(git_tree) tree = commit_tree (commit);
  git_tree_entry *entry = NULL;

  if (tree == NULL || git_tree_entry_bypath (&entry, tree, path) < 0)
    return FALSE;
  git_oid_cpy (out, git_tree_entry_id (entry));
  git_tree_entry_free (entry);
  return TRUE;
}

static char *
repo_path (AushangGitRepo  *self,
           GFile           *file,
           GError         **error)
{
  g_autofree char *resolved = real_path (file);
  g_autoptr(GFile) real = g_file_new_for_path (resolved);
  char *relative = g_file_get_relative_path (self->folder, real);

  if (relative == NULL)
    g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_FAILED,
                         _("This file is not part of the site’s repository."));
  return relative;
}

GPtrArray *
aushang_git_repo_get_history (AushangGitRepo  *self,
                              GFile           *file,
                              guint            max,
                              GError         **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_version_free);
  g_autofree char *path = NULL;
  g_autoptr(git_revwalk) walk = NULL;
  git_oid id;
  int ret;

  g_return_val_if_fail (AUSHANG_IS_GIT_REPO (self), NULL);

  path = repo_path (self, file, error);
  if (path == NULL)
    return NULL;

  if ((ret = git_revwalk_new (&walk, self->repo)) < 0 ||
      (ret = git_revwalk_sorting (walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME)) < 0)
    {
      set_error (error, NULL, ret);
      return NULL;
    }
  if (git_revwalk_push_head (walk) < 0)
    return g_steal_pointer (&versions);
  git_revwalk_simplify_first_parent (walk);

  while ((max == 0 || versions->len < max) && git_revwalk_next (&id, walk) == 0)
    {
      g_autoptr(git_commit) commit = NULL;
      g_autoptr(git_commit) parent = NULL;
      git_oid mine, before;
      gboolean has_mine, has_before;
      AushangGitVersion *version;
      const git_signature *author;
      char hex[41 + 64]; /* SHA-1 now, room for SHA-256 */

      if (git_commit_lookup (&commit, self->repo, &id) < 0)
        continue;
      has_mine = tree_entry_id (commit, path, &mine);
      if (git_commit_parentcount (commit) > 0)
        git_commit_parent (&parent, commit, 0);
      has_before = parent != NULL && tree_entry_id (parent, path, &before);
      if (!has_mine || (has_before && git_oid_equal (&mine, &before)))
        continue;

      author = git_commit_author (commit);
      version = g_new0 (AushangGitVersion, 1);
      git_oid_tostr (hex, sizeof hex, &id);
      version->id = g_strdup (hex);
      version->summary = g_strdup (git_commit_summary (commit));
      version->author = g_strdup (author->name);
      version->date = g_date_time_new_from_unix_local (author->when.time);
      g_ptr_array_add (versions, version);
    }

  return g_steal_pointer (&versions);
}

GBytes *
aushang_git_repo_get_version (AushangGitRepo  *self,
                              GFile           *file,
                              const char      *id,
                              GError         **error)
{
  g_autofree char *path = repo_path (self, file, error);
  g_autoptr(git_commit) commit = NULL;
  git_oid oid, blob;

  if (path == NULL)
    return NULL;
  if (git_oid_fromstr (&oid, id) < 0 || git_commit_lookup (&commit, self->repo, &oid) < 0 ||
      !tree_entry_id (commit, path, &blob))
    {
      g_set_error_literal (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_FAILED,
                           _("This version of the file is not there."));
      return NULL;
    }
  return blob_bytes (self->repo, &blob);
}

gboolean
aushang_git_repo_restore_version (AushangGitRepo  *self,
                                  GFile           *file,
                                  const char      *id,
                                  GError         **error)
{
  g_autoptr(GBytes) bytes = aushang_git_repo_get_version (self, file, id, error);

  if (bytes == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}
