/* aushang-form.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aushang-check.h"
#include "aushang-document.h"
#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_FORM (aushang_form_get_type ())

G_DECLARE_FINAL_TYPE (AushangForm, aushang_form, AUSHANG, FORM, AdwBin)

/* The front matter as a form, built from the collection's schema: title,
 * teaser, date, authors, categories/tags, header image (+ credit), a
 * "Draft" switch, then the other keys; keys the form cannot edit are shown
 * read-only with "Edit as YAML". Every edit goes straight into the
 * document's front matter (so the document becomes modified) and then
 * emits ::changed. */
GtkWidget *aushang_form_new               (void);
void       aushang_form_set_document      (AushangForm       *self,
                                           AushangSite       *site,
                                           AushangCollection *collection,
                                           AushangDocument   *document);
AushangDocument *aushang_form_get_document (AushangForm      *self);
/* Shows the core's diagnostics at their fields (by key), in plain words;
 * others in a banner at the top. @diagnostics: AushangDiagnostic*. */
void       aushang_form_show_diagnostics  (AushangForm       *self,
                                           GPtrArray         *diagnostics);
/* What "Choose file…" does, also for drag and drop: an image inside the
 * site folder is used where it is; any other is copied into the site's
 * image folder (where most documents' images of @key are, else
 * assets/images) under a new name made from its own (slugified, never
 * overwriting). Then @key is set to the site path ("/assets/images/a.jpg").
 * The copy is asynchronous; ::changed follows when the key is set. */
void       aushang_form_import_image      (AushangForm       *self,
                                           const char        *key,
                                           GFile             *file);
/* An entry of a data list that links to the document (its calendar
 * entry): shown at the end of the form, opened with ::open-entry (the
 * data file, the entry's index). */
typedef struct
{
  char  *title;
  char  *subtitle;
  GFile *data_file;
  int    index;
} AushangEntryLink;

/* @links: AushangEntryLink*, or NULL. With none and @can_add, the form
 * offers "Add to the Event Calendar" (win.add-to-calendar). */
void       aushang_form_set_entry_links   (AushangForm       *self,
                                           GPtrArray         *links,
                                           gboolean           can_add);
/* For tests and keyboard focus: the editable widget of a field, or NULL. */
GtkWidget *aushang_form_get_field_widget  (AushangForm       *self,
                                           const char        *key);

G_END_DECLS
