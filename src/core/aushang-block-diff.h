/* aushang-block-diff.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AushangBlockPatch:
 * @first: the index of the first block replaced
 * @old_count: how many blocks of the old page are replaced
 * @new_count: how many blocks replace them
 * @old_total: how many blocks the old page has (a check for the page)
 * @html: the new blocks' HTML, their line comments included
 * @line_delta: what the line of each block after them grows by
 *
 * What changed between two renders of a preview page, as blocks: the
 * top-level blocks of the body, each starting at its comment
 * "<!--aushang-line N-->", the last one ending at "<!--aushang-end-->"
 * (see aushang_markdown_set_source_lines()).
 */
typedef struct
{
  guint  first;
  guint  old_count;
  guint  new_count;
  guint  old_total;
  char  *html;
  int    line_delta;
} AushangBlockPatch;

AushangBlockPatch *aushang_block_diff        (const char              *old_html,
                                              const char              *new_html);
char              *aushang_block_patch_apply (const char              *old_html,
                                              const AushangBlockPatch *patch);
void               aushang_block_patch_free  (AushangBlockPatch       *patch);
gboolean           aushang_block_html_balanced (const char            *html,
                                                gssize                 length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangBlockPatch, aushang_block_patch_free)

G_END_DECLS
