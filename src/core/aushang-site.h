/* aushang-site.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-document.h"
#include "aushang-schema.h"
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

/* One document as the index knows it: only its front matter was read. */
typedef struct
{
  GFile             *file;
  char              *relative_path;  /* from the site folder */
  AushangCollection *collection;     /* owned by the site */
  char              *title;          /* as shown: the title, else the value of the
                                      * key that names the collection's documents
                                      * (name:, title_slug:), else the file name
                                      * made readable; "" only when all are empty */
  gboolean           title_from_name; /* the title is the file name made readable */
  GDateTime         *date;           /* from date:, else the file name; may be NULL */
  gboolean           draft;          /* published: false, or in _drafts */
  AushangValue      *data;           /* the front matter map (empty when unreadable) */
  char             **keys;           /* the front matter keys in file order */
  GPtrArray         *blocks;         /* char*: names of the includes it uses */
  guint              heading_level;  /* of the body's first heading, 0: none */
  gboolean           has_problem;    /* the front matter cannot be read */
} AushangSiteDocument;

/* A name (author, category, tag) with how often documents use it. */
typedef struct
{
  char  *name;
  guint  count;
  gboolean from_data;  /* listed in _data/ (authors) */
} AushangSiteTerm;

/* What the values documents pass for a block's parameter are. */
typedef enum
{
  AUSHANG_BLOCK_VALUE_TEXT,
  AUSHANG_BLOCK_VALUE_FILE,   /* a file of the site ("/assets/dateien/x.pdf") */
  AUSHANG_BLOCK_VALUE_FOLDER, /* a folder of the site ("galerie/reparaturcafe") */
} AushangBlockValueKind;

/* A parameter whose values are site paths: each value names a file or
 * folder under @base (a folder from the site's top, "" for the top;
 * "assets/images" for folder="galerie/x" that means
 * assets/images/galerie/x); @absolute: values start with "/". */
typedef struct
{
  AushangBlockValueKind  kind;
  char                  *base;
  gboolean               absolute;
  char                  *example;  /* a value a document passes */
} AushangBlockPath;

/* A building block: an _includes/ file and the parameters it reads. */
typedef struct
{
  char      *name;        /* "anmeldung.html" */
  GFile     *file;
  GPtrArray *params;      /* char*: include.<param> names, in first-use order */
  GPtrArray *required;    /* char*: params every use in the site passes */
  guint      uses;        /* how many include tags in documents name it */
  char      *description; /* the comment at the top of the file, or NULL */
  char      *summary;     /* in plain words: the comment's first sentence
                           * without Liquid, else the name made readable
                           * ("post-card.html" -> "Post card") */
  GHashTable *paths;      /* param -> AushangBlockPath*, for parameters
                           * whose values in documents are site paths */
} AushangBlock;

#define AUSHANG_TYPE_SITE (aushang_site_get_type ())

G_DECLARE_FINAL_TYPE (AushangSite, aushang_site, AUSHANG, SITE, GObject)

/* Opens the site in @folder (the one holding _config.yml). A _config.yml
 * that is not valid YAML still opens the site (see get_config_error). */
AushangSite      *aushang_site_new               (GFile        *folder,
                                                  GError      **error);
/* Whether @folder is a Jekyll site: it has a _config.yml, or at least two
 * of Jekyll's folders (_posts, _layouts, _includes, _data, …), as Jekyll
 * builds without a _config.yml. */
gboolean          aushang_site_folder_is_site    (GFile        *folder);
/* The Jekyll sites in @folder (GFile*): @folder itself when it is one,
 * else the sites one or two levels down (a repository that keeps its site
 * in docs/, src/, web/ or site/; those come first, then by path). Empty
 * when there is none. */
GPtrArray        *aushang_site_find_sites        (GFile        *folder);
/* The site a file belongs to: the nearest folder above it with a
 * _config.yml, or NULL. */
AushangSite      *aushang_site_new_for_file      (GFile        *file);

GFile            *aushang_site_get_folder        (AushangSite  *self);
AushangValue     *aushang_site_get_config        (AushangSite  *self);
/* The site's time zone (its timezone:, as Jekyll uses it for site.time
 * and dates without a zone), else the computer's; @self may be NULL. */
GTimeZone        *aushang_site_dup_time_zone     (AushangSite  *self);
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

/* The index: every document of every collection, with only the front
 * matter parsed. Built on first use; aushang_site_reload() starts over. */
void              aushang_site_reload            (AushangSite  *self);
/* AushangSiteDocument*, newest first (undated ones last, by path). */
GPtrArray        *aushang_site_get_documents     (AushangSite       *self,
                                                  AushangCollection *collection);
/* AushangSiteTerm*, most used first: the names of the one data list the
 * documents' author values match (by whichever key matches: name, title,
 * …; without a match, the name: values of a list named for people, like
 * team.yml), plus every author:/authors: value in documents, except those
 * that are only a misspelling of a listed name (--check warns about them;
 * they are not offered). */
GPtrArray        *aushang_site_get_authors       (AushangSite  *self);
/* Categories or tags (@key) in use, most used first; @collection may be
 * NULL for the whole site. Space-separated strings count as lists, as
 * Jekyll reads them. */
GPtrArray        *aushang_site_get_terms         (AushangSite       *self,
                                                  AushangCollection *collection,
                                                  const char        *key);
/* AushangBlock*, by name. */
GPtrArray        *aushang_site_get_blocks        (AushangSite  *self);
AushangBlock     *aushang_site_find_block        (AushangSite  *self,
                                                  const char   *name);
/* The blocks for a menu: those documents use, the most used first (new
 * array of the site's blocks); @more receives the others (layout parts,
 * blocks no document uses), by name. */
GPtrArray        *aushang_site_dup_blocks_by_use (AushangSite  *self,
                                                  GPtrArray   **more);
/* What the values of @block's @param are: a site path (then how), or
 * NULL for text. */
const AushangBlockPath *aushang_block_get_path   (AushangBlock *block,
                                                  const char   *param);
/* The values to choose from for such a parameter, written as documents
 * write them (char*, sorted): the folders under the path's base, or the
 * files in the site folder its example lives in ("/assets/dateien/a.pdf"
 * offers every file under assets/). */
GPtrArray        *aushang_site_dup_path_choices  (AushangSite            *self,
                                                  const AushangBlockPath *path);
/* A block's comment in plain words: the first sentence, without Liquid
 * ({% include … %} examples), parameter lists or usage text; NULL when
 * nothing of that is left. */
char             *aushang_block_summary_from_comment (const char *comment);
/* The heading level the site's documents (of @collection, or all when
 * NULL or when none of the collection has a heading) use for their
 * sections: the most common level of the first heading in their bodies;
 * on a tie the smaller level; 2 when no document has a heading. */
guint             aushang_site_get_section_level (AushangSite       *self,
                                                  AushangCollection *collection);
/* The level of the first heading (ATX "### x", setext, or HTML <h3>) of a
 * Markdown body, outside code; 0 when it has none. */
guint             aushang_body_first_heading_level (const char *body);
/* Site-absolute paths ("/assets/images/ki.png") of the images under
 * assets/ and the folders documents take images from, sorted. */
GPtrArray        *aushang_site_get_images        (AushangSite  *self);
/* The fields of a collection, inferred from its documents (cached until
 * aushang_site_reload()). */
AushangSchema    *aushang_site_get_schema        (AushangSite       *self,
                                                  AushangCollection *collection);
/* The order in which the collection's documents write their keys. */
char            **aushang_site_dup_key_order     (AushangSite       *self,
                                                  AushangCollection *collection);
/* The site's registration block (the one whose name or parameters say
 * so: anmeldung, registration, pretix, ticket, or an "event" parameter). */
AushangBlock     *aushang_site_find_registration_block (AushangSite *self);
/* Whether _config.yml says future: true (documents dated later show). */
gboolean          aushang_site_get_shows_future  (AushangSite  *self);

/* A new, unsaved document for @collection: front matter in the way and
 * key order the collection's documents use (title, date, authors), and,
 * when @announcement, a body with the headings of an event announcement
 * and the site's registration block. @file receives where it should be
 * saved: the file name Jekyll expects (YYYY-MM-DD-slug.md in _posts, or
 * what the collection's documents do), never an existing file. */
AushangDocument  *aushang_site_create_document   (AushangSite        *self,
                                                  AushangCollection  *collection,
                                                  const char         *title,
                                                  GDateTime          *date,
                                                  const char * const *authors,
                                                  gboolean            announcement,
                                                  GFile             **file,
                                                  GError            **error);

/* What the document @file with the front matter @data (a map; may be NULL)
 * is shown as, the way the index shows the documents of its collection:
 * its title, else the value of the key that names its collection's
 * documents (name:, title_slug:), else its file name made readable. */
char             *aushang_site_dup_document_title (AushangSite  *self,
                                                  GFile        *file,
                                                  AushangValue *data);
/* A file name made readable, as documents without a title are shown:
 * "2025-11-04-ki-und-soziales.md" and "ki_und_soziales.md" give "Ki und
 * soziales" (no date, no extension, dashes and underscores as spaces, the
 * first letter capital); "" when nothing is left. */
char             *aushang_site_readable_name     (const char   *name);

/* The edit distance between two names, by characters, ignoring case. */
guint             aushang_site_name_distance     (const char   *a,
                                                  const char   *b);
/* Whether @name is a likely misspelling of @known: close, but not it. */
gboolean          aushang_site_name_is_variant   (const char   *name,
                                                  const char   *known);

/* The site's _data folder (or its data_dir). */
GFile            *aushang_site_get_data_folder   (AushangSite  *self);
/* Every data file Jekyll reads (GFile*), sorted by path: the .yml,
 * .yaml, .json, .csv and .tsv files of the data folder and its
 * subfolders, without hidden names and symbolic links, as Jekyll. */
GPtrArray        *aushang_site_list_data_files   (AushangSite  *self);
/* Whether @site_path ("/beitraege/repair-cafe/", "/assets/plan.pdf",
 * "{{ site.baseurl }}/team/") leads to something of the site: a file that
 * is there, or the address of a document or page (as its permalink makes
 * it). Addresses of other sites, and anything else that is not a path of
 * this site, count as there. */
gboolean          aushang_site_has_path          (AushangSite  *self,
                                                  const char   *site_path);

/* The site's pages outside the collections (GFile*, by path): Markdown and
 * HTML files with front matter, such as an imprint or a topic's landing
 * page (not those the config excludes, nor _folders). Cached until
 * aushang_site_reload(). */
GPtrArray        *aushang_site_get_pages         (AushangSite  *self);
/* The address Jekyll gives the document or page @file, as it writes it
 * ("/beitraege/repair-cafe/", "/blog/2026/04/neu/", "/impressum.html"),
 * or NULL when it gets none (a draft, published: false, not part of the
 * site). For an entry's link to an announcement. */
char             *aushang_site_dup_url           (AushangSite  *self,
                                                  GFile        *file);
/* The document or page at @site_path (as has_path reads it), or NULL. For
 * opening the announcement an entry links to. */
GFile            *aushang_site_find_page         (AushangSite  *self,
                                                  const char   *site_path);

/* Whether the documents use @key to name other documents (related_post:
 * rueckblick-repair-cafe): most of the values they give it are the file
 * name, without extension, of a document of the site. */
gboolean          aushang_site_key_names_documents (AushangSite *self,
                                                    const char  *key);
/* The document whose file name without extension is @name, or NULL. */
GFile            *aushang_site_find_document_by_name (AushangSite *self,
                                                      const char  *name);

/* How the site names @collection to its readers: the text of its
 * navigation's link to the collection's address (navigation data such as
 * _data/navigation.yml, menus in _config.yml, the links of the navigation
 * in _includes and _layouts), else the title of the page at that address,
 * else the title: its settings give it; without any, "Posts", "Drafts" or
 * a readable form of the folder's name ("beitraege" → "Beitraege"). */
char             *aushang_site_dup_collection_label (AushangSite       *self,
                                                     AushangCollection *collection);
/* How the site names the data list @name (site.data.@name) to its
 * readers: the navigation's link text for the page that lists it (the
 * first page other than the home page whose Liquid uses it), else that
 * page's title; NULL when no page lists it. */
char             *aushang_site_dup_data_label    (AushangSite  *self,
                                                  const char   *name);

/* The collection most recently written to (newest document date). */
AushangCollection *aushang_site_get_default_collection (AushangSite *self);

G_END_DECLS
