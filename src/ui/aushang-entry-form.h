/* aushang-entry-form.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-data-file.h"
#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_ENTRY_FORM (aushang_entry_form_get_type ())

G_DECLARE_FINAL_TYPE (AushangEntryForm, aushang_entry_form, AUSHANG, ENTRY_FORM, AdwBin)

/* One entry of a data list (an event, a team member) as a form: the same
 * rows as a document's (date picker, time, chips with suggestions, image
 * picker, switches, links), built from the list's schema. Every edit goes
 * through the AushangDataFile, changing only that entry's bytes, and then
 * emits ::changed. A hidden entry is shown, not edited, with a button
 * that shows it on the website again. A link to a page of the site can
 * be followed (::open-link with the site path). */
GtkWidget       *aushang_entry_form_new               (void);
void             aushang_entry_form_set_entry         (AushangEntryForm *self,
                                                       AushangSite      *site,
                                                       AushangDataFile  *data_file,
                                                       guint             index);
AushangDataFile *aushang_entry_form_get_data_file     (AushangEntryForm *self);
guint            aushang_entry_form_get_index         (AushangEntryForm *self);
/* The data file's diagnostics (AushangDiagnostic*); those of this entry
 * are shown at their fields, or above them. */
void             aushang_entry_form_show_diagnostics  (AushangEntryForm *self,
                                                       GPtrArray        *diagnostics);
/* For tests and keyboard focus: the editable widget of a field, or NULL. */
GtkWidget       *aushang_entry_form_get_field_widget  (AushangEntryForm *self,
                                                       const char       *key);

G_END_DECLS
