/* aushang-entry-row.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A row with one line of text that a screen reader can follow.
 *
 * The focus of an AdwEntryRow sits in the GtkText inside it, which has no
 * place of its own in the accessible tree. GTK 4.10 lets a widget report
 * its text's focus as its own (gtk_editable_delegate_get_accessible_platform_state)
 * and libadwaita 1.4's AdwEntryRow does so. On GTK 4.8 and libadwaita 1.2
 * (Debian 12) AT-SPI reports no focused object while the person types in
 * an AdwEntryRow, and a screen reader says nothing. There the row is an
 * AdwActionRow holding a GtkEntry named after the row's title: GtkEntry
 * reports its text's focus. Either way the row is a GtkEditable. */
#if ADW_CHECK_VERSION (1, 4, 0) && GTK_CHECK_VERSION (4, 10, 0)
# define AUSHANG_ENTRY_ROW_IS_ADW_ENTRY_ROW 1
#else
# define AUSHANG_ENTRY_ROW_IS_ADW_ENTRY_ROW 0
#endif

#define AUSHANG_TYPE_ENTRY_ROW (aushang_entry_row_get_type ())

#if AUSHANG_ENTRY_ROW_IS_ADW_ENTRY_ROW
G_DECLARE_DERIVABLE_TYPE (AushangEntryRow, aushang_entry_row, AUSHANG, ENTRY_ROW, AdwEntryRow)

struct _AushangEntryRowClass
{
  AdwEntryRowClass parent_class;
};
#else
G_DECLARE_DERIVABLE_TYPE (AushangEntryRow, aushang_entry_row, AUSHANG, ENTRY_ROW, AdwActionRow)

struct _AushangEntryRowClass
{
  AdwActionRowClass parent_class;
};
#endif

GtkWidget   *aushang_entry_row_new                  (void);
/* A widget after the text (a button, an icon). */
void         aushang_entry_row_add_suffix           (AushangEntryRow *self,
                                                     GtkWidget       *widget);
void         aushang_entry_row_set_activates_default (AushangEntryRow *self,
                                                     gboolean         activates);
void         aushang_entry_row_set_input_purpose    (AushangEntryRow *self,
                                                     GtkInputPurpose  purpose);
/* The widget that takes the focus and the text: the row itself where it
 * is an AdwEntryRow, else its GtkEntry. */
GtkWidget   *aushang_entry_row_get_text_widget      (AushangEntryRow *self);

G_END_DECLS
