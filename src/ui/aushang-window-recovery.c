/* aushang-window-recovery.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-window"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-recovery.h"
#include "aushang-window-private.h"

/* Unsaved text goes to the recovery area, so a crash loses nothing: within
 * AUTOSAVE_INTERVAL_MS of the first change and again at that pace while
 * changes go on (a throttle: continuous typing must not postpone it). The
 * file is written in a thread from a copy of the text; at most one write
 * is under way, and changes made meanwhile go into the next one. */

typedef struct
{
  GFile        *file;
  GBytes       *contents;
  GApplication *app;      /* held, so quitting waits for the write */
} RecoveryWrite;

static void
recovery_write_free (RecoveryWrite *write)
{
  g_clear_object (&write->file);
  g_clear_pointer (&write->contents, g_bytes_unref);
  if (write->app != NULL)
    g_application_release (write->app);
  g_clear_object (&write->app);
  g_free (write);
}

static void
recovery_write_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RecoveryWrite *write = task_data;
  GError *error = NULL;

  if (aushang_recovery_store (write->file, write->contents, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}


static void
recovery_written_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AushangWindow *self = AUSHANG_WINDOW (source);
  RecoveryWrite *write = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->recovery_file);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Could not keep a copy of the unsaved text: %s", error->message);
      /* Said once, not on every keystroke. */
      if (!self->recovery_failed && self->toast_overlay != NULL)
        {
          /* Translators: %s says why, in the system's words. */
          g_autofree char *message = g_strdup_printf (_("Unsaved changes cannot be kept safe in case of a crash: %s"),
                                                      error->message);

          aushang_window_toast (self, message);
        }
      self->recovery_failed = TRUE;
    }
  else
    self->recovery_failed = FALSE;

  /* Saved or discarded while the copy was being written: the copy is out
   * of date and goes. */
  if (self->recovery_stale)
    {
      self->recovery_stale = FALSE;
      aushang_recovery_discard (write->file);
    }

  if (self->recovery_again)
    {
      self->recovery_again = FALSE;
      aushang_window_write_recovery_now (self);
    }
}

void
aushang_window_write_recovery_now (AushangWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GtkApplication *app;
  RecoveryWrite *write;

  if ((self->document == NULL && self->data_file == NULL) || self->file == NULL)
    return;

  if (self->recovery_file != NULL)
    {
      self->recovery_again = TRUE;
      return;
    }

  if (!aushang_window_get_modified (self))
    return;

  /* The text as typed up to now, even where the hand-over to the
   * document has not run yet. */
  if (self->data_file == NULL && self->editor != NULL)
    aushang_editor_sync (self->editor);

  write = g_new0 (RecoveryWrite, 1);
  write->file = g_file_dup (self->file);
  write->contents = self->data_file ? aushang_data_file_serialize (self->data_file)
                                    : aushang_document_serialize (self->document);
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    {
      write->app = G_APPLICATION (g_object_ref (app));
      g_application_hold (write->app);
    }

  self->recovery_file = g_object_ref (write->file);

  task = g_task_new (self, NULL, recovery_written_cb, NULL);
  g_task_set_source_tag (task, aushang_window_write_recovery_now);
  g_task_set_task_data (task, write, (GDestroyNotify) recovery_write_free);
  g_task_run_in_thread (task, recovery_write_thread);
}

static gboolean
autosave_cb (gpointer user_data)
{
  AushangWindow *self = user_data;

  self->autosave_source = 0;
  aushang_window_write_recovery_now (self);

  return G_SOURCE_REMOVE;
}

void
aushang_window_schedule_autosave (AushangWindow *self)
{
  /* Not restarted by later changes: they are in the copy it writes. */
  if (self->autosave_source == 0)
    self->autosave_source = g_timeout_add (AUTOSAVE_INTERVAL_MS, autosave_cb, self);
}

/* Forgets the recovery copy for @file (saved, or discarded by the person),
 * also when a write for it is still under way. */
void
aushang_window_forget_recovery (AushangWindow *self,
                 GFile         *file)
{
  if (self->file != NULL && g_file_equal (self->file, file))
    {
      g_clear_handle_id (&self->autosave_source, g_source_remove);
      self->recovery_again = FALSE;
    }

  if (self->recovery_file != NULL && g_file_equal (self->recovery_file, file))
    self->recovery_stale = TRUE;

  aushang_recovery_discard (file);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AushangRecovery  *recovery)
{
  AushangWindow *self = AUSHANG_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (g_strcmp0 (response, "restore") == 0 && aushang_window_find_data_file (self, recovery->file) != NULL)
    {
      g_autoptr(AushangDataFile) data_file = aushang_data_file_restore (recovery->file, recovery->contents);

      aushang_window_replace_data_file (self, data_file);
      aushang_window_show_data_file (self, data_file,
                                     aushang_data_file_get_kind (data_file) == AUSHANG_DATA_FILE_ENTRIES &&
                                     aushang_data_file_get_n_entries (data_file) > 0 ? 0 : -1);
      aushang_window_toast (self, _("Restored. Save to keep the changes."));
      return;
    }

  if (g_strcmp0 (response, "restore") == 0)
    {
      g_autoptr(AushangDocument) document = aushang_document_restore (recovery->file, recovery->contents);

      aushang_window_set_document (self, document, recovery->file, !g_file_query_exists (recovery->file, NULL));
      aushang_window_toast (self, _("Restored. Save to keep the changes."));
      return;
    }

  if (g_strcmp0 (response, "discard") == 0)
    {
      aushang_window_forget_recovery (self, recovery->file);
      aushang_window_offer_recovery (self);
    }
}

/* Unsaved text from a session that ended without saving is offered back. */
void
aushang_window_offer_recovery (AushangWindow *self)
{
  g_autoptr(GPtrArray) recoveries = NULL;
  AushangRecovery *recovery;
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (self->site == NULL)
    return;

  recoveries = aushang_recovery_list (aushang_site_get_folder (self->site));
  if (recoveries->len == 0)
    return;

  recovery = g_ptr_array_steal_index (recoveries, 0);
  name = g_file_get_relative_path (aushang_site_get_folder (self->site), recovery->file);
  local = g_date_time_to_local (recovery->saved);
  when = g_date_time_format (local, "%x %X");
  /* Translators: the first %s is a file name, the second a date and time. */
  body = g_strdup_printf (_("Changes to %s were not saved when Aushang last closed (%s). Restore them?"),
                          name, when);
  dialog = aushang_window_new_dialog (self, _("Restore Unsaved Changes?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Later"),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_data (dialog, "response", G_CALLBACK (recovery_response_cb), recovery,
                         (GClosureNotify) (void (*) (void)) aushang_recovery_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
aushang_window_dispose_recovery (AushangWindow *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_object (&self->recovery_file);
}
