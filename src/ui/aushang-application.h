/* aushang-application.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AUSHANG_TYPE_APPLICATION (aushang_application_get_type ())

G_DECLARE_FINAL_TYPE (AushangApplication, aushang_application, AUSHANG, APPLICATION, AdwApplication)

AushangApplication *aushang_application_new            (void);
/* The app's settings; in memory when the schema is not installed (an
 * uninstalled build without GSETTINGS_SCHEMA_DIR), so nothing breaks. */
GSettings          *aushang_application_get_settings   (AushangApplication *self);
/* Remembers @folder first in the recent sites and as the last one. */
void                aushang_application_add_recent     (AushangApplication *self,
                                                        GFile              *folder);
/* Where the example site's files are (installed or in the source tree). */
GFile              *aushang_application_dup_example_site (void);

G_END_DECLS
