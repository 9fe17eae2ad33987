/* aushang-window-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-data-file.h"
#include "aushang-data-page.h"
#include "aushang-editor.h"
#include "aushang-entry-form.h"
#include "aushang-form.h"
#include "aushang-preview.h"
#include "aushang-site-sidebar.h"
#include "aushang-window.h"

G_BEGIN_DECLS

/* The window's parts, shared by aushang-window.c (sites, documents),
 * aushang-window-checks.c (the document's checks),
 * aushang-window-recovery.c (copies of unsaved text), aushang-window-save.c
 * (saving), aushang-window-documents.c (document actions) and
 * aushang-window-data.c (data lists and their entries). */

#define CHECK_DELAY_MS 400
/* Unsaved text reaches the recovery area at most this long after a change,
 * also while the person keeps typing (well inside the promised 2 s). */
#define AUTOSAVE_INTERVAL_MS 1000

typedef void (*ContinueFunc) (AushangWindow *self,
                              gpointer       data);

struct _AushangWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  AushangSiteSidebar   *sidebar;
  AdwWindowTitle       *site_title;
  AdwWindowTitle       *document_title;
  GtkWidget            *save_button;
  GtkStack             *content_stack;
  AdwStatusPage        *unreadable_page;
  AdwViewStack         *view_stack;
  AushangForm          *form;
  AushangEditor        *editor;
  AushangPreview       *preview;
  gboolean              following_preview; /* scroll sync: the editor follows the preview */
  GtkStack             *edit_stack;
  GtkWidget            *entry_menu_button;
  GMenuModel           *entry_menu;
  GMenuModel           *document_menu;
  GtkWidget            *new_entry_button;
  AushangEntryForm     *entry_form;
  AushangDataPage      *data_page;

  /* The open site and document */
  AushangSite          *site;
  GFile                *opened_folder; /* the folder opened, when the site is below it */
  GPtrArray            *data_files;    /* AushangDataFile*: the site's _data, as edited */
  GPtrArray            *unreadable_data; /* GFile*: data files that cannot be read, with their reason */
  AushangDocument      *document;
  GFile                *file;          /* where it is, or will be saved */
  AushangCollection    *collection;
  AushangSchema        *schema;        /* kept alive while the form uses it */
  gboolean              is_new;
  gulong                modified_handler;

  /* Or a data file (one of data_files; file is its file) and its entry
   * shown, -1 for the file as a whole */
  AushangDataFile      *data_file;
  int                   entry;
  gulong                data_changed_handler;
  gulong                data_modified_handler;
  /* The last entry removed, while it can be undone: the file's text
   * before and after, and the entry */
  AushangDataFile      *removed_from;
  char                 *removed_before;
  char                 *removed_after;
  AushangValue         *removed_entry;
  guint                 removed_index;
  gboolean              removed_was_modified;
  GtkNativeDialog      *ics_chooser;
  /* The last document moved to the trash, to put it back */
  GFile                *trashed_file;
  GBytes               *trashed_contents;

  guint                 check_source;
  /* The checks after a change run in a thread, one at a time, on a copy
   * of the text and on a site index of their own (check_site, while no
   * check runs; its generation is site_generation's when made). */
  GCancellable         *check_cancellable;
  AushangSite          *check_site;
  guint                 check_site_generation;
  guint                 site_generation;
  guint                 check_changes;      /* changes scheduled so far */
  guint                 checks_finished;
  GPtrArray            *diagnostics;        /* as the form shows them */
  guint                 check_running : 1;
  guint                 check_again : 1;    /* check once more after it */
  guint                 autosave_source;
  /* The recovery copy is written in a thread, one write at a time. */
  GFile                *recovery_file;     /* of the write in flight */
  guint                 recovery_again : 1; /* write once more after it */
  guint                 recovery_stale : 1; /* discarded while it ran */
  guint                 recovery_failed : 1;
  guint                 sync_idle;          /* text to document and preview */
  guint                 sync_tick;          /* the same, at the next frame at the latest */
  AdwMessageDialog     *dialog;
  gboolean              close_confirmed;
  /* The window has shown its first frame (start-up). */
  gboolean              painted;
};

/* aushang-window.c */
void       aushang_window_toast                 (AushangWindow  *self,
                                                 const char     *message);
AdwMessageDialog *aushang_window_new_dialog     (AushangWindow  *self,
                                                 const char     *heading,
                                                 const char     *body);
void       aushang_window_update_title          (AushangWindow  *self);
gboolean   aushang_window_get_modified          (AushangWindow  *self);
/* The sidebar selects what is shown (after a refusal or a rebuild). */
void       aushang_window_reselect              (AushangWindow  *self);
/* Reads the site's documents again and lists them anew. */
void       aushang_window_refresh_site          (AushangWindow  *self);
/* Leaves the document (or data file) shown: the content shows nothing. */
void       aushang_window_close_current         (AushangWindow  *self);
/* Runs @func once the current document's or data file's changes are
 * saved or discarded; not at all when the person cancels. */
void       aushang_window_after_unsaved_changes (AushangWindow  *self,
                                                 ContinueFunc    func,
                                                 gpointer        data,
                                                 GDestroyNotify  destroy);

/* Shows @document (saved at @file, or to be saved there when @is_new). */
void       aushang_window_set_document          (AushangWindow  *self,
                                                 AushangDocument *document,
                                                 GFile          *file,
                                                 gboolean        is_new);

/* The application's settings (NULL before the window has its application). */
GSettings *aushang_window_get_settings          (AushangWindow  *self);
/* The open document's title as the window shows it. */
char      *aushang_window_dup_document_title    (AushangWindow  *self);
/* What is shown counts as saved (after saving, or going back to the file). */
void       aushang_window_set_unmodified        (AushangWindow  *self);

/* aushang-window-checks.c */
/* Checks the document shown a little after the last change. */
void       aushang_window_schedule_check        (AushangWindow  *self);
/* Checks the document just shown at once. */
void       aushang_window_check_now             (AushangWindow  *self);
/* The site was read anew (or another one opened). */
void       aushang_window_forget_check_site     (AushangWindow  *self);
/* Stops the checks and lets go of what they hold (from dispose). */
void       aushang_window_dispose_checks        (AushangWindow  *self);

/* aushang-window-recovery.c */
void       aushang_window_schedule_autosave     (AushangWindow  *self);
void       aushang_window_write_recovery_now    (AushangWindow  *self);
void       aushang_window_forget_recovery       (AushangWindow  *self,
                                                 GFile          *file);
/* Offers back unsaved text of the site from a session that ended
 * without saving. */
void       aushang_window_offer_recovery        (AushangWindow  *self);
/* Lets go of the recovery copy's timer and write (from dispose). */
void       aushang_window_dispose_recovery      (AushangWindow  *self);

/* aushang-window-save.c */
void       aushang_window_save_action           (GtkWidget      *widget,
                                                 const char     *action_name,
                                                 GVariant       *parameter);

/* aushang-window-documents.c */
void       aushang_window_new_document_action   (GtkWidget      *widget,
                                                 const char     *action_name,
                                                 GVariant       *parameter);
void       aushang_window_rename_action         (GtkWidget      *widget,
                                                 const char     *action_name,
                                                 GVariant       *parameter);
void       aushang_window_add_document_actions  (AushangWindow  *self);
void       aushang_window_update_document_actions (AushangWindow *self);
void       aushang_window_dispose_documents     (AushangWindow  *self);

/* aushang-window-data.c */
void       aushang_window_load_data_files       (AushangWindow  *self);
char      *aushang_window_dup_data_label        (AushangWindow   *self,
                                                 AushangDataFile *data_file);
void       aushang_window_add_data_actions      (AushangWindow  *self);
/* Lets go of what the data lists' parts hold (from dispose). */
void       aushang_window_dispose_data          (AushangWindow  *self);
/* Enables the entry actions that fit what is shown. */
void       aushang_window_update_data_actions   (AushangWindow  *self);
/* Shows entry @index (-1: the file as a whole) of @data_file at once. */
void       aushang_window_show_data_file        (AushangWindow  *self,
                                                 AushangDataFile *data_file,
                                                 int             index);
/* Leaves data mode (disconnects the data file shown). */
void       aushang_window_clear_data_file       (AushangWindow  *self);
/* The data file for @file among those of the site, or NULL. */
AushangDataFile *aushang_window_find_data_file  (AushangWindow  *self,
                                                 GFile          *file);
/* Reads the shown data file again from disk (its changes discarded). */
void       aushang_window_reload_data_file      (AushangWindow  *self);
/* Takes the place of the data file for @data_file's file (a restored
 * copy). */
void       aushang_window_replace_data_file     (AushangWindow  *self,
                                                 AushangDataFile *data_file);
char      *aushang_window_dup_data_title        (AushangWindow  *self);
void       aushang_window_run_data_check        (AushangWindow  *self);
/* Saves the data file shown; a file changed by another program asks
 * first. */
gboolean   aushang_window_save_data_file        (AushangWindow  *self,
                                                 GError        **error);
void       aushang_window_show_save_error (AushangWindow *self,
                                           GError        *error,
                                           gboolean       changed_on_disk,
                                           const char    *title,
                                           const char    *still_here,
                                           GCallback      overwrite_response);
void       aushang_window_report_data_save_error (AushangWindow *self,
                                                 GError         *error);
/* Template callbacks: the sidebar picked an entry, the entry form or the
 * data page changed the file, a link of an entry was followed. */
void       aushang_window_entry_activated_cb    (AushangWindow  *self,
                                                 GFile          *file,
                                                 int             index,
                                                 GtkWidget      *sidebar);
void       aushang_window_entry_form_changed_cb (AushangWindow  *self,
                                                 GtkWidget      *form);
void       aushang_window_entry_open_link_cb    (AushangWindow  *self,
                                                 const char     *link,
                                                 GtkWidget      *form);
/* Shows the entry shown in the preview anew. */
void       aushang_window_update_entry_preview  (AushangWindow  *self);
/* The entries of the site's data lists that link to the document shown
 * (its form shows them). */
void       aushang_window_update_linked_entries (AushangWindow  *self);
void       aushang_window_form_open_entry_cb    (AushangWindow  *self,
                                                 GFile          *data_file,
                                                 int             index,
                                                 GtkWidget      *form);
/* The site's event calendar (a dated data list), or NULL. */
AushangDataFile *aushang_window_find_event_list (AushangWindow  *self);
void       aushang_window_add_to_calendar_action (AushangWindow *self);

G_END_DECLS
