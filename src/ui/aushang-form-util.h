/* aushang-form-util.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-check.h"
#include "aushang-schema.h"
#include "aushang-site.h"
#include "aushang-value.h"

G_BEGIN_DECLS

/* Small pieces the form's widgets share. */

/* Loads the styles of the form's widgets (chips, thumbnails), once per
 * display. */
void          aushang_form_ensure_css          (void);

void          aushang_set_accessible_label     (GtkWidget    *widget,
                                                const char   *label);
/* Tooltip and accessible name of a menu button, also on the toggle button
 * inside it, which is what takes the focus. */
void          aushang_menu_button_set_label    (GtkWidget    *button,
                                                const char   *label);
/* A flat button showing only an icon: its tooltip and accessible name are
 * @label. */
GtkWidget    *aushang_icon_button_new          (const char   *icon_name,
                                                const char   *label);

/* A g_ptr_array_copy() function for strings. */
gpointer      aushang_copy_string              (gconstpointer string,
                                                gpointer      user_data);

/* A small picture for an image: cropped to fill @width × @height, in a
 * clamp that keeps it that small (a picture's natural size is its
 * image's). aushang_thumbnail_get_picture() finds the picture in it. */
GtkWidget    *aushang_thumbnail_new            (int           width,
                                                int           height);
GtkWidget    *aushang_thumbnail_get_picture    (GtkWidget    *thumbnail);
/* Shows @file (an image; NULL: nothing) scaled down in @picture, read in a
 * thread. */
void          aushang_thumbnail_load           (GtkWidget    *picture,
                                                GFile        *file,
                                                int           width,
                                                int           height,
                                                GCancellable *cancellable);

/* The file of a site-absolute path ("/assets/images/a.jpg"), or NULL when
 * the path is not one or leads outside the site folder. */
GFile        *aushang_site_file_for_path       (AushangSite  *site,
                                                const char   *path);

/* "Title" for title; "Related post" for related_post. */
char         *aushang_label_for_key            (const char   *key);
char         *aushang_label_for_param          (const char   *description,
                                                const char   *param);
/* "4. November 2025" in German, "November 4, 2025" in English. */
char         *aushang_format_date_in_words     (GDateTime    *date);
/* Whether the interface speaks German. */
gboolean      aushang_language_is_german       (void);

/* A diagnostic that belongs to no field, as a line with its icon
 * ("Line 12: …"), for the box above a form's fields. */
GtkWidget    *aushang_diagnostic_line_new      (AushangDiagnostic *diagnostic);

/* NULL, "", an empty list or map. */
gboolean      aushang_value_is_blank           (AushangValue *value);
/* The date a value holds, in its own zone; strings as Jekyll parses them. */
GDateTime    *aushang_value_dup_date           (AushangValue *value);
/* Reads "3", "2.5" or "2,5" as a number; NULL when it is none. */
AushangValue *aushang_parse_number             (const char   *text);
/* The kind of a key no other document of the collection has. */
AushangFieldKind aushang_kind_for_value        (AushangValue *value);
/* The widget a value needs, given what the schema expects: a value of
 * another type is shown as what it is, so editing keeps its type. */
AushangFieldKind aushang_effective_kind        (AushangFieldKind  kind,
                                                gboolean          simple,
                                                AushangValue     *value);

/* A field's label: the site's own words for @key (a comment beside it in
 * the site's template or data file, its guide; see
 * aushang_site_get_key_words), else the translated table, else the key
 * made readable. @data_path: NULL for front matter, else the data file's
 * path in the site ("_data/events.yml"). @description (may be NULL)
 * receives the site's longer words about the key, or NULL. */
char         *aushang_site_label_for_key       (AushangSite  *site,
                                                const char   *data_path,
                                                const char   *key,
                                                char        **description);
/* Shows the site's longer words about a field: as the row's subtitle
 * where it has room for one, else as its tooltip. */
void          aushang_row_set_site_description (GtkWidget    *row,
                                                const char   *description);

G_END_DECLS
