/* aushang-window-data.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-window"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-check.h"
#include "aushang-entry-util.h"
#include "aushang-recovery.h"
#include "aushang-window-private.h"

/* The window's data lists: the site's _data files, read when the site
 * opens and edited in memory; the one shown is saved, asked about and
 * kept safe from crashes the way a document is. */

void
aushang_window_load_data_files (AushangWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;

  g_clear_pointer (&self->data_files, g_ptr_array_unref);
  self->data_files = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->site != NULL)
    files = aushang_site_list_data_files (self->site);

  /* One that cannot be read (too large, not text) is left out. */
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      AushangDataFile *data_file = aushang_data_file_load (g_ptr_array_index (files, i), &error);

      if (data_file != NULL)
        g_ptr_array_add (self->data_files, data_file);
      else
        g_debug ("Data file left out: %s", error->message);
    }

  aushang_site_sidebar_set_data_files (self->sidebar, self->data_files);
}

AushangDataFile *
aushang_window_find_data_file (AushangWindow *self,
                               GFile         *file)
{
  for (guint i = 0; self->data_files != NULL && file != NULL && i < self->data_files->len; i++)
    {
      AushangDataFile *data_file = g_ptr_array_index (self->data_files, i);

      if (g_file_equal (aushang_data_file_get_file (data_file), file))
        return data_file;
    }

  return NULL;
}

void
aushang_window_clear_data_file (AushangWindow *self)
{
  if (self->data_file == NULL)
    return;

  g_clear_signal_handler (&self->data_changed_handler, self->data_file);
  g_clear_signal_handler (&self->data_modified_handler, self->data_file);
  g_clear_object (&self->data_file);
  g_clear_object (&self->file);
  self->entry = -1;
}

char *
aushang_window_dup_data_title (AushangWindow *self)
{
  AushangValue *entry = NULL;

  if (self->data_file == NULL)
    return g_strdup ("");

  if (self->entry >= 0)
    entry = aushang_data_file_get_entry (self->data_file, self->entry, NULL, NULL, NULL);
  if (entry == NULL)
    return aushang_data_file_dup_label (self->data_file);

  return aushang_entry_dup_title (entry, self->entry);
}

void
aushang_window_update_entry_preview (AushangWindow *self)
{
  AushangValue *entry = NULL;
  gboolean hidden = FALSE;

  if (self->data_file != NULL && self->entry >= 0)
    entry = aushang_data_file_get_entry (self->data_file, self->entry, &hidden, NULL, NULL);

  aushang_preview_show_entry (self->preview, entry, hidden);
}

void
aushang_window_run_data_check (AushangWindow *self)
{
  g_autoptr(GPtrArray) diagnostics = NULL;

  if (self->data_file == NULL || self->entry < 0)
    return;

  diagnostics = aushang_check_data_file (self->data_file, self->site);
  aushang_entry_form_show_diagnostics (self->entry_form, diagnostics);
}

/* After every edit, whoever made it (the form, an action, the YAML). */
static void
data_changed_cb (AushangWindow   *self,
                 AushangDataFile *data_file)
{
  /* An entry taken away: the one now in its place, or the last. */
  if (self->entry >= 0 && aushang_data_file_get_kind (data_file) == AUSHANG_DATA_FILE_ENTRIES &&
      (guint) self->entry >= aushang_data_file_get_n_entries (data_file))
    self->entry = (int) aushang_data_file_get_n_entries (data_file) - 1;

  aushang_site_sidebar_update_data_file (self->sidebar, data_file);
  aushang_window_update_title (self);
  aushang_window_update_entry_preview (self);
  aushang_window_update_data_actions (self);
  aushang_window_schedule_check (self);
  aushang_window_schedule_autosave (self);
}

static void
data_modified_cb (AushangWindow   *self,
                  GParamSpec      *pspec,
                  AushangDataFile *data_file)
{
  aushang_window_update_title (self);
}

void
aushang_window_show_data_file (AushangWindow   *self,
                               AushangDataFile *data_file,
                               int              index)
{
  gboolean entries;

  g_return_if_fail (AUSHANG_IS_DATA_FILE (data_file));

  if (self->data_file != data_file)
    {
      aushang_window_close_current (self);

      self->data_file = g_object_ref (data_file);
      self->file = g_object_ref (aushang_data_file_get_file (data_file));
      self->data_changed_handler = g_signal_connect_object (data_file, "changed",
                                                            G_CALLBACK (data_changed_cb), self,
                                                            G_CONNECT_SWAPPED);
      self->data_modified_handler = g_signal_connect_object (data_file, "notify::modified",
                                                             G_CALLBACK (data_modified_cb), self,
                                                             G_CONNECT_SWAPPED);
    }

  entries = aushang_data_file_get_kind (data_file) == AUSHANG_DATA_FILE_ENTRIES &&
            index >= 0 && (guint) index < aushang_data_file_get_n_entries (data_file);
  self->entry = entries ? index : -1;

  if (entries)
    {
      aushang_entry_form_set_entry (self->entry_form, self->site, data_file, index);
      gtk_stack_set_visible_child_name (self->edit_stack, "entry");
    }
  else
    {
      aushang_data_page_set_data_file (self->data_page, data_file);
      gtk_stack_set_visible_child_name (self->edit_stack, "data");
    }

  aushang_window_update_entry_preview (self);
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  aushang_site_sidebar_select_entry (self->sidebar, self->file, self->entry);

  aushang_window_update_title (self);
  aushang_window_update_data_actions (self);
  aushang_window_run_data_check (self);
}

typedef struct
{
  GFile *file;
  int    index;
} ShowRequest;

static void
show_request_free (gpointer data)
{
  ShowRequest *request = data;

  g_clear_object (&request->file);
  g_free (request);
}

static void
show_now (AushangWindow *self,
          gpointer       data)
{
  ShowRequest *request = data;
  AushangDataFile *data_file = aushang_window_find_data_file (self, request->file);

  if (data_file != NULL)
    aushang_window_show_data_file (self, data_file, request->index);
}

/* Opens entry @index of the data file @file (-1: the file itself), asking
 * first about unsaved changes of another document or data file. */
void
aushang_window_select_entry (AushangWindow *self,
                             GFile         *file,
                             int            index)
{
  AushangDataFile *data_file;
  ShowRequest *request;

  g_return_if_fail (AUSHANG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data_file = aushang_window_find_data_file (self, file);
  if (data_file == NULL)
    return;

  /* Entries of the file shown are changed in place: no question. */
  if (data_file == self->data_file)
    {
      aushang_window_show_data_file (self, data_file, index);
      return;
    }

  request = g_new0 (ShowRequest, 1);
  request->file = g_object_ref (file);
  request->index = index;
  aushang_window_after_unsaved_changes (self, show_now, request, show_request_free);
}

void
aushang_window_entry_activated_cb (AushangWindow *self,
                                   GFile         *file,
                                   int            index,
                                   GtkWidget     *sidebar)
{
  aushang_window_select_entry (self, file, index);

  /* Keep the sidebar showing what is open when the person cancels. */
  aushang_window_reselect (self);
}

void
aushang_window_entry_form_changed_cb (AushangWindow *self,
                                      GtkWidget     *form)
{
  /* data_changed_cb() has done it all. */
}

void
aushang_window_entry_open_link_cb (AushangWindow *self,
                                   const char    *link,
                                   GtkWidget     *form)
{
  g_autoptr(GFile) page = NULL;

  if (self->site != NULL)
    page = aushang_site_find_page (self->site, link);

  if (page != NULL)
    {
      aushang_window_select_file (self, page);
      return;
    }

  if (g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://"))
    {
      gtk_show_uri (GTK_WINDOW (self), link, GDK_CURRENT_TIME);
      return;
    }

  {
    /* Translators: %s is a link such as /beitraege/repair-cafe/. */
    g_autofree char *message = g_strdup_printf (_("“%s” leads to no page of the site."), link);

    aushang_window_toast (self, message);
  }
}

/* Saving ----------------------------------------------------------------------- */

gboolean
aushang_window_save_data_file (AushangWindow  *self,
                               GError        **error)
{
  if (self->data_file == NULL)
    return TRUE;

  if (!aushang_data_file_save (self->data_file, error))
    return FALSE;

  aushang_window_forget_recovery (self, self->file);
  aushang_window_update_title (self);
  aushang_window_toast (self, _("Saved"));

  return TRUE;
}

static void
overwrite_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AushangWindow    *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "overwrite") != 0 || self->data_file == NULL)
    return;

  if (aushang_data_file_save_overwrite (self->data_file, &error))
    {
      aushang_window_forget_recovery (self, self->file);
      aushang_window_update_title (self);
      aushang_window_toast (self, _("Saved"));
    }
  else
    aushang_window_report_data_save_error (self, error);
}

void
aushang_window_report_data_save_error (AushangWindow *self,
                                       GError        *error)
{
  AdwMessageDialog *dialog;

  /* Whatever went wrong, the changes stay here and in the recovery area. */
  aushang_window_write_recovery_now (self);

  if (!g_error_matches (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_CHANGED_ON_DISK))
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message,
                                               _("Your changes are still here, and a copy is kept in case Aushang closes. Try saving again once the problem is solved."));

      dialog = aushang_window_new_dialog (self, _("The List Was Not Saved"), body);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  dialog = aushang_window_new_dialog (self, _("Changed by Another Program"),
                                      _("Another program changed this file since you opened it. Saving now replaces that change with yours."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "overwrite", _("_Replace Their Change"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (overwrite_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
aushang_window_replace_data_file (AushangWindow   *self,
                                  AushangDataFile *data_file)
{
  GFile *file = aushang_data_file_get_file (data_file);

  for (guint i = 0; self->data_files != NULL && i < self->data_files->len; i++)
    {
      AushangDataFile *old = g_ptr_array_index (self->data_files, i);

      if (g_file_equal (aushang_data_file_get_file (old), file))
        {
          if (self->data_file == old)
            aushang_window_close_current (self);
          g_ptr_array_index (self->data_files, i) = g_object_ref (data_file);
          g_object_unref (old);
          break;
        }
    }

  aushang_site_sidebar_set_data_files (self->sidebar, self->data_files);
}

void
aushang_window_reload_data_file (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDataFile) again = NULL;

  if (self->data_file == NULL)
    return;

  again = aushang_data_file_load (self->file, &error);
  if (again == NULL)
    {
      /* Gone or unreadable: what is in memory stays, unsaved no more. */
      g_debug ("Could not read %s again: %s", g_file_peek_path (self->file), error->message);
      aushang_data_file_set_modified (self->data_file, FALSE);
      return;
    }

  aushang_window_replace_data_file (self, again);
}

/* Actions ---------------------------------------------------------------------- */

void
aushang_window_add_data_actions (AushangWindow *self)
{
}

void
aushang_window_update_data_actions (AushangWindow *self)
{
}

/* Links between announcements and entries ---------------------------------------- */

void
aushang_window_update_linked_entries (AushangWindow *self)
{
}

/* For tests ------------------------------------------------------------------------ */

AushangDataFile *
aushang_window_get_data_file (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), NULL);

  return self->data_file;
}

int
aushang_window_get_entry_index (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), -1);

  return self->entry;
}

GtkWidget *
aushang_window_get_entry_form (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->entry_form);
}
