/* aushang-cli-list.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* --list SITE: one line per document, page, data entry and other data
 * file, as the window's list shows them (a folder without _config.yml:
 * of each site in it, as --check finds them), tab-separated: where it is
 * listed (the collection, "pages" or "data"), its path from the site
 * folder (an entry's with "#N", counting from 1), the title shown, the
 * date (YYYY-MM-DD) or "–", and "draft", "hidden" or nothing. Returns the
 * exit status. */
int aushang_cli_run_list (const char *path);

G_END_DECLS
