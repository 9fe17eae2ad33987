/* aushang-git-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <git2.h>

#include "aushang-git.h"

G_BEGIN_DECLS

/* libgit2 is set up once per process. */
void      aushang_git_ensure_init       (void);

git_repository *aushang_git_repo_get_git (AushangGitRepo *self);
/* The tree of what was last fetched from the server (the upstream of the
 * current branch), else HEAD's; NULL in an empty repository. */
git_tree *aushang_git_repo_dup_published_tree (AushangGitRepo *self);

/* Adds to @changes (AushangGitChange*) what changed in one file, in plain
 * words; @path is from the site folder, @old or @new NULL when the file
 * was added or deleted. */
void      aushang_git_describe_change   (const char *path,
                                         GBytes     *old,
                                         GBytes     *new,
                                         GPtrArray  *changes);

G_END_DECLS
