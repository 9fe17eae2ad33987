/* aushang-page-render-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-page-render.h"

G_BEGIN_DECLS

struct _AushangPageContext
{
  gatomicrefcount  ref_count;
  GFile           *folder;
  char            *folder_path;
  AushangValue    *config;
  AushangValue    *site;            /* the site variable */
  GHashTable      *documents;       /* relative path -> document map */
  GHashTable      *urls;            /* relative path -> url (link tag) */
  GHashTable      *post_urls;       /* "2026-04-17-name" -> url */
  GHashTable      *collections;     /* folder relative path ("_beitraege") -> label */
  GTimeZone       *time_zone;
  GDateTime       *now;
  char            *layouts_dir;
  char            *includes_dir;
  char           **markdown_exts;
};

const char *aushang_page_config_string      (AushangValue                *config,
                                             const char                  *key,
                                             const char                  *fallback);
/* What the preview needs of a site page (aushang-page-finish.c): no
 * scripts, <noscript> shown, site paths through the preview's scheme,
 * stylesheets it can load, missing images named, the CSP. */
char       *aushang_page_finish             (AushangPageContext          *self,
                                             const char                  *html,
                                             const AushangPreviewOptions *options);
/* kramdown's smart_quotes option as a string, or NULL (aushang-page-finish.c). */
char       *aushang_page_smart_quotes       (AushangPageContext          *self);
/* kramdown's output where cmark's differs: Rouge's code. */
/* For the tests (aushang-page-finish.c): aushang_page_finish()'s passes
 * over @html by scans (@regex FALSE; NULL where they leave the page to
 * the regular expressions) or by regular expressions; *@sass_entry the
 * Sass stylesheet found, or NULL. */
char       *aushang_page_finish_passes      (AushangPageContext          *self,
                                             const char                  *html,
                                             const AushangPreviewOptions *options,
                                             gboolean                     regex,
                                             char                       **sass_entry);
char       *aushang_page_apply_kramdown_code (const char                 *html);
char       *aushang_page_replace_literal    (const char                  *pattern,
                                             GRegexCompileFlags           flags,
                                             const char                  *html,
                                             const char                  *replacement);
char       *aushang_page_insert_after       (const char                  *html,
                                             const char                  *pattern,
                                             const char                  *snippet);

/* The page at @relative_path as Jekyll writes it (Liquid, Markdown,
 * layouts); @entry, when given, is the variable "aushang_entry". */
char       *aushang_page_render_site_page   (AushangPageContext          *self,
                                             AushangDocument             *document,
                                             const char                  *relative_path,
                                             AushangValue                *entry,
                                             GError                     **error);

G_END_DECLS
