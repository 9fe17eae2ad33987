/* aushang-slug.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest slug aushang_slugify() returns, in bytes. */
#define AUSHANG_SLUG_MAX_LENGTH 80

/* The name used when a title gives no slug at all (for example "!!!"). */
#define AUSHANG_SLUG_FALLBACK "untitled"

/* Jekyll's slugify in its "default" mode (Jekyll::Utils.slugify: every run
 * of characters that are not letters, marks or decimal digits becomes one
 * "-", leading and trailing "-" are dropped, the rest is lowercased), but
 * Latin letters are first transliterated the way German speakers expect:
 * ä → ae, ö → oe, ü → ue, ß → ss, é → e, ø → o, æ → ae, þ → th, …
 * Letters of other scripts (Cyrillic, CJK, …) are kept, as Jekyll keeps
 * them. The result is at most AUSHANG_SLUG_MAX_LENGTH bytes, cut at a "-"
 * where possible. It is "" when the title has no letter or digit; callers
 * choose a fallback (the file-name functions use AUSHANG_SLUG_FALLBACK). */
char  *aushang_slugify                (const char *title);

/* "2025-11-04-ki-und-soziale-innovationen.md": the name Jekyll requires for
 * a file in _posts. @date is taken in its own time zone (NULL means today,
 * local time); @extension is given without the dot (NULL or "" means "md"). */
char  *aushang_post_file_name         (GDateTime  *date,
                                       const char *title,
                                       const char *extension);

/* "ki-und-soziale-innovationen.md": the name of a document in any other
 * collection. @extension as for aushang_post_file_name(). */
char  *aushang_collection_file_name   (const char *title,
                                       const char *extension);

/* @folder/@file_name when nothing of that name exists there yet, else the
 * first free name of "a-2.md", "a-3.md", … (the number goes before the
 * extension). Returns NULL when "a-1000.md" is taken too. Anything of that
 * name counts as taken, a dangling symbolic link included, so the file
 * returned never overwrites anything. Blocking I/O. */
GFile *aushang_unique_file            (GFile      *folder,
                                       const char *file_name);

G_END_DECLS
