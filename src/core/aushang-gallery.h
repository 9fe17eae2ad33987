/* aushang-gallery.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-site.h"

G_BEGIN_DECLS

/* How a site's gallery block is told its pictures. */
typedef enum
{
  /* A folder and a list of file names, maybe with captions:
   * {% include galerie.html folder="galerie/x" images="a.jpg|Text,b.jpg" %} */
  AUSHANG_GALLERY_LIST,
  /* Only a folder: the block shows every picture in it (site.static_files):
   * {% include gallery.html gallery_path="/assets/images/x" %} */
  AUSHANG_GALLERY_PATH,
} AushangGalleryShape;

/* The site's gallery building block, as learned from its include. */
typedef struct
{
  char                *block;          /* "galerie.html" */
  AushangGalleryShape  shape;
  char                *folder_param;   /* "folder", "gallery_path" */
  char                *images_param;   /* "images"; NULL for AUSHANG_GALLERY_PATH */
  char                *folder_base;    /* the site path the folder value is below
                                        * ("/assets/images"), "" when the value is
                                        * a whole site path */
  char                *separator;      /* between the images: "," */
  char                *caption_separator; /* between file and caption: "|"; NULL when
                                           * the block shows no captions */
} AushangGalleryBlock;

void                 aushang_gallery_block_free  (AushangGalleryBlock *block);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangGalleryBlock, aushang_gallery_block_free)

/* The site's gallery block: an include that reads a folder and a list of
 * images, or a folder whose pictures it finds itself; the one documents
 * use most when there are several. NULL when the site has none. */
AushangGalleryBlock *aushang_gallery_find_block  (AushangSite         *site);

/* A planned import of photos into a gallery: where they go and how they
 * are named, learned from the site. */
typedef struct _AushangGalleryPlan AushangGalleryPlan;

/* Plans taking @sources (GFile*) into @site for the document
 * @document_file with the gallery @block (may be NULL: then only the
 * folder and names are planned). The folder is the one the site's
 * galleries use, with a subfolder named for the document
 * ("/assets/images/galerie/sommerfest"), the names in the site's pattern,
 * else "<slug>_00001.jpeg". Reads the site; call it where the site lives. */
AushangGalleryPlan  *aushang_gallery_plan_new    (AushangSite               *site,
                                                  const AushangGalleryBlock *block,
                                                  GFile                     *document_file,
                                                  GPtrArray                 *sources);
void                 aushang_gallery_plan_free   (AushangGalleryPlan        *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangGalleryPlan, aushang_gallery_plan_free)

guint                aushang_gallery_plan_get_n_photos (AushangGalleryPlan *plan);
GFile               *aushang_gallery_plan_get_source   (AushangGalleryPlan *plan,
                                                        guint               index);
/* The folder as a site path: "/assets/images/galerie/sommerfest". */
const char          *aushang_gallery_plan_get_folder   (AushangGalleryPlan *plan);
/* The width photos are scaled down to. */
int                  aushang_gallery_plan_get_max_width (AushangGalleryPlan *plan);
void                 aushang_gallery_plan_set_max_width (AushangGalleryPlan *plan,
                                                         int                 max_width);
/* The caption of photo @index ("" or NULL: none). */
void                 aushang_gallery_plan_set_caption  (AushangGalleryPlan *plan,
                                                        guint               index,
                                                        const char         *caption);
/* The file name photo @index will most likely get ("sommerfest_00001.jpeg");
 * the run may give a later number when the name is taken by then. */
char                *aushang_gallery_plan_dup_name     (AushangGalleryPlan *plan,
                                                        guint               index);

/* Called after each photo (also one that failed): @done of @total. */
typedef void (*AushangGalleryProgress) (guint    done,
                                        guint    total,
                                        gpointer user_data);

/* Takes the photos in: each upright, scaled down and written anew without
 * camera data (aushang_photo_load()), under the next free name (nothing is
 * overwritten; a file appears only whole). A photo that cannot be read or
 * written is left out and noted (aushang_gallery_plan_get_failures()); the
 * others go on. FALSE with @error only when no photo could be taken in or
 * when cancelled. Touches no AushangSite: may run in a thread; @progress
 * is called in that thread. */
gboolean             aushang_gallery_plan_run          (AushangGalleryPlan     *plan,
                                                        GCancellable           *cancellable,
                                                        AushangGalleryProgress  progress,
                                                        gpointer                user_data,
                                                        GError                **error);
/* After the run: the site paths written ("/assets/images/x/x_00001.jpeg"),
 * in the order of the sources, without the failed ones. */
GPtrArray           *aushang_gallery_plan_get_written  (AushangGalleryPlan *plan);
/* After the run: one plain sentence per photo left out, naming it. */
GPtrArray           *aushang_gallery_plan_get_failures (AushangGalleryPlan *plan);

/* The block to insert for the photos written:
 * {% include galerie.html folder="galerie/sommerfest" images="sommerfest_00001.jpeg|Am Grill,sommerfest_00002.jpeg" %}
 * or, for a block that finds the pictures itself,
 * {% include gallery.html gallery_path="/assets/images/sommerfest" %}.
 * NULL when nothing was written or the plan has no block. */
char                *aushang_gallery_plan_dup_block_text (AushangGalleryPlan        *plan,
                                                          const AushangGalleryBlock *block);

G_END_DECLS
