/* aushang-entry-util.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aushang-value.h"

G_BEGIN_DECLS

/* What an entry of a data list is called where it is listed: its title,
 * name or label, else "Entry 3" (@index counts from 0). */
char *aushang_entry_dup_title    (AushangValue *entry,
                                  guint         index);
/* The scalar at @key as text, or NULL when absent, empty or no scalar. */
char *aushang_entry_dup_text     (AushangValue *entry,
                                  const char   *key);
/* A second line for an entry without a date: its role, position or
 * place, or NULL. */
char *aushang_entry_dup_subtitle (AushangValue *entry);

G_END_DECLS
