/* aushang-site-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-site.h"

G_BEGIN_DECLS

/* What the units of the site (aushang-site*.c) share: the object's fields
 * and the steps that build its index. Nothing here is API. */

#define MAX_DEPTH 32
#define MAX_CONFIG_SIZE (4 * 1024 * 1024)

typedef struct _AushangLinksCache AushangLinksCache;

struct _AushangSite
{
  GObject       parent_instance;

  GFile        *folder;
  AushangValue *config;
  GError       *config_error;
  guint         config_error_line;
  guint         config_error_column;
  GPtrArray    *collections;

  /* The index, built on first use. */
  gboolean      indexed;
  GHashTable   *documents;     /* AushangCollection* -> GPtrArray of AushangSiteDocument* */
  GPtrArray    *all_documents; /* AushangSiteDocument*, owning */
  GPtrArray    *authors;
  GPtrArray    *blocks;
  GPtrArray    *images;
  GHashTable   *schemas;       /* AushangCollection* -> AushangSchema* */
  GHashTable   *name_keys;     /* AushangCollection* -> char*: the key that names
                                * its documents (name:, title_slug:), when one does */

  /* The addresses of the site's documents and pages, built on first use:
   * normalised address → GFile*, and file path → address as Jekyll
   * writes it. */
  GHashTable   *urls;
  GHashTable   *urls_by_path;
  GPtrArray    *pages;         /* GFile*: files with front matter outside the collections */

  /* Documents by their name without extension (GFile*), and the keys
   * whose values name documents, built on first use. */
  GHashTable   *by_name;
  GHashTable   *reference_keys;

  /* The link texts of the site's navigation: normalised address → text,
   * built on first use. */
  GHashTable   *navigation;
  GHashTable   *data_labels;   /* data list name → label, "" for none */

  /* What aushang-links.c learns (link style, targets, anchors). */
  AushangLinksCache *links;
};

/* aushang-site.c */
const char *aushang_site_config_string     (AushangValue        *map,
                                            const char          *key);
gboolean    aushang_site_is_document_name  (const char          *name);
int         aushang_site_compare_files     (gconstpointer        a,
                                            gconstpointer        b);

/* aushang-site-index.c */
void        aushang_site_ensure_index      (AushangSite         *self);
void        aushang_site_clear_index       (AushangSite         *self);
GDateTime  *aushang_site_date_from_name    (const char          *name,
                                            char               **title);

/* aushang-site-terms.c */
void        aushang_site_index_authors     (AushangSite         *self);

/* aushang-site-blocks.c */
void        aushang_site_scan_blocks       (AushangSiteDocument *document,
                                            const char          *body,
                                            GHashTable          *uses);
void        aushang_site_index_blocks      (AushangSite         *self,
                                            GHashTable          *uses);

/* aushang-links.c */
void        aushang_site_clear_links       (AushangSite         *self);

/* aushang-site-images.c */
void        aushang_site_index_images      (AushangSite         *self);

G_END_DECLS
