/* aushang-site.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-value.h"

G_BEGIN_DECLS

#define AUSHANG_SITE_ERROR (aushang_site_error_quark ())

typedef enum
{
  AUSHANG_SITE_ERROR_NOT_A_SITE,
  AUSHANG_SITE_ERROR_INVALID_CONFIG,
} AushangSiteError;

GQuark aushang_site_error_quark (void);

/* A collection as Jekyll knows it: "posts" (_posts), "drafts" (_drafts)
 * and those declared under collections: in _config.yml. */
typedef struct
{
  char     *name;
  char     *label;       /* the folder name, "_posts", "_beitraege" */
  GFile    *folder;
  gboolean  output;
  char     *permalink;
  gboolean  dated_names; /* file names must start with YYYY-MM-DD- */
  gboolean  exists;      /* the folder is there and is a folder */
} AushangCollection;

#define AUSHANG_TYPE_SITE (aushang_site_get_type ())

G_DECLARE_FINAL_TYPE (AushangSite, aushang_site, AUSHANG, SITE, GObject)

/* Opens the site in @folder (the one holding _config.yml). A _config.yml
 * that is not valid YAML still opens the site (see get_config_error). */
AushangSite      *aushang_site_new               (GFile        *folder,
                                                  GError      **error);
/* The site a file belongs to: the nearest folder above it with a
 * _config.yml, or NULL. */
AushangSite      *aushang_site_new_for_file      (GFile        *file);

GFile            *aushang_site_get_folder        (AushangSite  *self);
AushangValue     *aushang_site_get_config        (AushangSite  *self);
const GError     *aushang_site_get_config_error  (AushangSite  *self,
                                                  guint        *line,
                                                  guint        *column);
/* AushangCollection*, posts first, then drafts, then in _config.yml order. */
GPtrArray        *aushang_site_get_collections   (AushangSite  *self);
AushangCollection *aushang_site_get_collection   (AushangSite  *self,
                                                  const char   *name);
/* The collection a file is in, or NULL. */
AushangCollection *aushang_site_find_collection  (AushangSite  *self,
                                                  GFile        *file);
/* Every document file of a collection (GFile*), sorted by path: files with
 * a Markdown or HTML extension, without Jekyll's hidden names (_, ., #, ~),
 * never following symbolic links to folders. */
GPtrArray        *aushang_site_list_documents    (AushangSite       *self,
                                                  AushangCollection *collection);

G_END_DECLS
