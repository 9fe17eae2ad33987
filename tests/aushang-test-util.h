/* aushang-test-util.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Copies a folder with everything in it (symbolic links are not followed). */
void     aushang_test_copy_tree   (GFile      *source,
                                   GFile      *target);
void     aushang_test_copy_path   (const char *source,
                                   const char *target);
/* Adds the path of every file under @folder whose name @keep accepts to
 * @out (symbolic links are not followed). */
typedef gboolean (*AushangTestKeepFile) (const char *name);

void     aushang_test_collect_files (const char          *folder,
                                     AushangTestKeepFile  keep,
                                     GPtrArray           *out);

/* Deletes a folder with everything in it. */
void     aushang_test_delete_tree (GFile      *folder);
void     aushang_test_delete_path (const char *folder);

/* For the window tests, after g_test_init(): the one warning of GTK 4.8
 * itself that a window test can meet by timing alone is not fatal (see
 * aushang-test-util.c); every other warning and critical still is. */
void     aushang_test_allow_gtk_races (void);

/* The window tests' waiting: runs the main loop until @condition holds
 * (FALSE when @seconds passed first), or for @milliseconds. */
typedef gboolean (*AushangTestCondition) (gpointer data);

gboolean aushang_test_wait_until  (AushangTestCondition  condition,
                                   gpointer              data,
                                   guint                 seconds);
void     aushang_test_spin        (guint                 milliseconds);

/* The same for an expression: iterates the main loop until @cond holds,
 * and fails the test when @seconds passed first. */
gboolean aushang_test_set_flag    (gpointer              flag);
#define AUSHANG_TEST_WAIT_UNTIL(cond, seconds)                                    \
  G_STMT_START {                                                                  \
    gboolean timed_out_ = FALSE;                                                  \
    guint timeout_id_ = g_timeout_add_seconds ((seconds), aushang_test_set_flag,  \
                                               &timed_out_);                      \
    while (!(cond) && !timed_out_)                                                \
      g_main_context_iteration (NULL, TRUE);                                      \
    if (!timed_out_)                                                              \
      g_source_remove (timeout_id_);                                              \
    g_assert_true (cond);                                                         \
  } G_STMT_END

G_END_DECLS
