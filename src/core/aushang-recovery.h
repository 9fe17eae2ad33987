/* aushang-recovery.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Unsaved text kept outside the site, so that a crash or a power cut loses
 * nothing: $XDG_DATA_HOME/aushang/recovery/<id>.md beside <id>.ini, which
 * names the document (or the file a new document was going to get). */
typedef struct
{
  char      *id;
  GFile     *file;      /* the document it belongs to */
  GDateTime *saved;     /* when the copy was made */
  GBytes    *contents;  /* the whole document as it was then */
} AushangRecovery;

void       aushang_recovery_free     (AushangRecovery *recovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangRecovery, aushang_recovery_free)

/* The folder copies go to (created on demand). AUSHANG_RECOVERY_DIR
 * overrides it, for tests. */
char      *aushang_recovery_dup_dir  (void);
/* Keeps a copy of @contents for @file (replacing an older copy). */
gboolean   aushang_recovery_store    (GFile            *file,
                                      GBytes           *contents,
                                      GError          **error);
/* Forgets the copy for @file (after a real save, or when discarded). */
void       aushang_recovery_discard  (GFile            *file);
/* The copies kept for documents under @folder (or all, when NULL), newest
 * first. AushangRecovery*. */
GPtrArray *aushang_recovery_list     (GFile            *folder);

G_END_DECLS
