/* aushang-liquid.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aushang-value.h"

G_BEGIN_DECLS

/* A small, strict Liquid interpreter following Shopify Liquid 5.4 as
 * Jekyll 4.3.1 uses it (Jekyll's filters and tags included). Anything it
 * cannot render the way Jekyll would (an unknown tag or filter, a syntax
 * error, a missing include, a limit hit) ends the rendering with an error
 * naming the problem, the file and the line, never with raw tag text. */

#define AUSHANG_LIQUID_ERROR (aushang_liquid_error_quark ())

typedef enum
{
  AUSHANG_LIQUID_ERROR_SYNTAX,
  AUSHANG_LIQUID_ERROR_UNKNOWN_TAG,
  AUSHANG_LIQUID_ERROR_UNKNOWN_FILTER,
  AUSHANG_LIQUID_ERROR_MISSING_INCLUDE,
  AUSHANG_LIQUID_ERROR_LIMIT,
  AUSHANG_LIQUID_ERROR_ARGUMENT,
  AUSHANG_LIQUID_ERROR_NOT_FOUND,
} AushangLiquidError;

GQuark aushang_liquid_error_quark (void);

typedef enum
{
  AUSHANG_LIQUID_INCLUDE,           /* from _includes/ */
  AUSHANG_LIQUID_INCLUDE_RELATIVE,  /* beside the file being rendered */
} AushangLiquidIncludeKind;

typedef struct
{
  /* Reads an include file: @name as written in the tag, @from the site
   * path of the template that includes it ("_posts/x.md"). Returns its
   * text and sets @path to its site path ("_includes/x.html"), or NULL
   * when there is none. */
  char    *(*read_include) (AushangLiquidIncludeKind   kind,
                            const char                *name,
                            const char                *from,
                            char                     **path,
                            gpointer                   user_data);
  /* The site URL of a document for {% link path %} (@is_post FALSE, @name a
   * site path) or {% post_url name %} (@is_post TRUE), without baseurl;
   * NULL when there is none. */
  char    *(*find_url)     (gboolean                   is_post,
                            const char                *name,
                            gpointer                   user_data);
  /* Markdown to HTML for markdownify; NULL leaves the text unchanged. */
  char    *(*markdownify)  (const char                *text,
                            gpointer                   user_data);
  /* Called with what an include or highlight tag of the rendered file
   * itself gives (not of an include, not inside capture) when it starts
   * with a block-level HTML element; its result is written instead. The
   * page renderer keeps such blocks out of Markdown, as kramdown does. */
  char    *(*protect)      (const char                *html,
                            gpointer                   user_data);
  gpointer   user_data;

  /* The variables: "site", "page", "layout", "content", "jekyll", ... */
  AushangValue *globals;
  /* The site's time zone for dates (Jekyll's "timezone"); NULL: local. */
  GTimeZone    *time_zone;
  /* The clock for "now" and site.time; NULL: the real one. */
  GDateTime    *now;

  /* Limits; 0 for the defaults. */
  guint         max_depth;        /* nested blocks, includes and loops (100) */
  guint64       max_iterations;   /* loop rounds in one rendering (500,000) */
  gsize         max_output;       /* bytes of output (32 MiB) */
} AushangLiquidEnv;

/* Renders @source (the text of the site file @path, for messages and
 * include_relative) with @env. Returns NULL and sets @error (with the file
 * and line in the message) when rendering fails. */
char *aushang_liquid_render      (const char        *source,
                                  const char        *path,
                                  AushangLiquidEnv  *env,
                                  GError           **error);

/* Jekyll's slugify (modes "default", "raw", "pretty", "ascii", "latin",
 * "none"). */
char *aushang_liquid_slugify     (const char        *text,
                                  const char        *mode);

/* Ruby's strftime on @date, as Jekyll's date filter does it. */
char *aushang_liquid_strftime    (GDateTime         *date,
                                  const char        *format);

G_END_DECLS
