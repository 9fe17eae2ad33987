/* aushang-links.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-site.h"

G_BEGIN_DECLS

/* Links between the documents of a site: finding them in a body, checking
 * that they lead somewhere, and writing them the way the site does. */

/* How a site writes the links to its own documents, learned from them. */
typedef enum
{
  AUSHANG_LINK_STYLE_PATH,         /* /beitraege/repair-cafe/ */
  AUSHANG_LINK_STYLE_BASEURL,      /* {{ site.baseurl }}/beitraege/repair-cafe/ */
  AUSHANG_LINK_STYLE_RELATIVE_URL, /* {{ '/beitraege/repair-cafe/' | relative_url }} */
  AUSHANG_LINK_STYLE_LINK_TAG,     /* {% link _beitraege/repair-cafe.md %}, and
                                    * {% post_url 2026-04-17-x %} for posts where
                                    * the site writes those */
} AushangLinkStyle;

/* One link of a body. */
typedef struct
{
  char  *target;   /* as written, without <…>: "/beitraege/x/#ort",
                    * "{% link _posts/2026-04-17-x.md %}", "#anmeldung" */
  guint  line;     /* 1-based, in the text searched */
  guint  column;   /* 1-based, in characters: where the link starts */
  gsize  offset;   /* bytes: where the link starts */
} AushangLink;

void aushang_link_free (AushangLink *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangLink, aushang_link_free)

/* The links of a Markdown body, in order: [text](target), reference
 * definitions ([name]: target), <a href="target"> and {% link %} /
 * {% post_url %} tags standing alone. Images, code (fenced and `inline`),
 * HTML comments and {% raw %}/{% comment %} are left out. Every link is
 * listed, also those to other sites. AushangLink*. */
GPtrArray        *aushang_links_find             (const char  *body);

/* A site's document or page a link can lead to. */
typedef struct
{
  GFile *file;
  char  *title;    /* as shown: entities decoded ("Innovations­blockaden" →
                    * "Innovationsblockaden") */
  char  *url;      /* Jekyll's address, "/beitraege/repair-cafe/" */
  char  *detail;   /* where it is: "_beitraege/repair-cafe.md" */
  GDateTime *date; /* may be NULL */
} AushangLinkTarget;

void aushang_link_target_free (AushangLinkTarget *target);

/* Every document and page of @site that has an address (no drafts), the
 * newest documents first, then the pages by path. AushangLinkTarget*;
 * cached until aushang_site_reload(). */
GPtrArray        *aushang_site_get_link_targets  (AushangSite *site);
/* Whether every word of @search is in @target's title, file name or
 * address (case does not matter). */
gboolean          aushang_link_target_matches    (AushangLinkTarget *target,
                                                  const char        *search);

/* How the site's documents write links to each other (counted over the
 * bodies of its newest documents; most used wins; PATH when there are
 * none). */
AushangLinkStyle  aushang_site_get_link_style    (AushangSite *site);
/* The link to @file (a document or page of @site) as the site writes it,
 * with "#@anchor" when @anchor is not NULL; NULL when @file has no
 * address. */
char             *aushang_site_dup_link          (AushangSite *site,
                                                  GFile       *file,
                                                  const char  *anchor);

/* A section of a page: a heading and the id the page gives it. */
typedef struct
{
  char  *id;      /* "ort-und-zeit", as kramdown makes it */
  char  *title;   /* "Ort und Zeit" */
  guint  level;   /* 1–6 */
} AushangLinkSection;

void aushang_link_section_free (AushangLinkSection *section);

/* The headings of @file's body with the ids Jekyll (kramdown) gives them,
 * in order. AushangLinkSection*. */
GPtrArray        *aushang_site_dup_sections      (AushangSite *site,
                                                  GFile       *file);

/* The same for a Markdown body as it is now (the document being edited). */
GPtrArray        *aushang_links_dup_body_sections (const char *body);

typedef enum
{
  AUSHANG_LINK_OK,           /* leads somewhere, or not ours to judge */
  AUSHANG_LINK_NO_PAGE,      /* no document, page or file at that address */
  AUSHANG_LINK_NO_SECTION,   /* the page is there, the #anchor is not */
  AUSHANG_LINK_NO_DOCUMENT,  /* {% link %} / {% post_url %} to nothing:
                              * Jekyll stops building the site */
} AushangLinkResult;

/* Checks one link @target of the document @file (may be NULL for a new
 * one) whose body is @body (for "#anchor" links to itself; may be NULL):
 * does it lead to a document, page or file of the site (through baseurl,
 * {{ site.baseurl }}, relative_url, {% link %}, {% post_url %}, with or
 * without a trailing slash, .html or index.html, %-encoded), and is its
 * #anchor there? Links to other sites are never fetched: they count as
 * OK, and so do links made of other Liquid. @message receives a sentence
 * for a person (NULL when OK). */
AushangLinkResult aushang_site_check_link        (AushangSite  *site,
                                                  const char   *target,
                                                  GFile        *file,
                                                  const char   *body,
                                                  char        **message);

G_END_DECLS
