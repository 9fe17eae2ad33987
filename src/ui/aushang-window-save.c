/* aushang-window-save.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-window"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-window-private.h"

/* Saving a document: where it goes (asked for a new one), what happens
 * when the file changed on disk meanwhile, and asking about unsaved
 * changes before the window shows something else or closes. */

/* Asking about unsaved changes */

typedef struct
{
  ContinueFunc  func;
  gpointer      data;
  GDestroyNotify destroy;
} Continuation;

static void
continuation_free (Continuation *c)
{
  if (c->destroy != NULL)
    c->destroy (c->data);
  g_free (c);
}

static gboolean save_document (AushangWindow *self,
                               const char    *file_name,
                               GError       **error);
static void     report_save_error (AushangWindow *self,
                                   GError        *error);
static void     show_save_dialog (AushangWindow *self,
                                  Continuation  *then);

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  AushangWindow *self = AUSHANG_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  Continuation *then = user_data;

  if (g_strcmp0 (response, "discard") == 0)
    {
      if (self->file != NULL)
        aushang_window_forget_recovery (self, self->file);
      /* A data file stays open in the window: it goes back to what is on
       * disk. */
      if (self->data_file != NULL)
        aushang_window_reload_data_file (self);
      else
        aushang_window_set_unmodified (self);
      then->func (self, then->data);
      continuation_free (then);
    }
  else if (g_strcmp0 (response, "save") == 0 && self->data_file != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (aushang_window_save_data_file (self, &error))
        then->func (self, then->data);
      else
        aushang_window_report_data_save_error (self, error);
      continuation_free (then);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      if (self->is_new)
        {
          show_save_dialog (self, then);
          return;
        }
      {
        g_autoptr(GError) error = NULL;

        if (save_document (self, NULL, &error))
          then->func (self, then->data);
        else
          report_save_error (self, error);
      }
      continuation_free (then);
    }
  else
    continuation_free (then);
}

void
aushang_window_after_unsaved_changes (AushangWindow  *self,
                                      ContinueFunc    func,
                                      gpointer        data,
                                      GDestroyNotify  destroy)
{
  Continuation *then = g_new0 (Continuation, 1);
  AdwMessageDialog *dialog;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;

  then->func = func;
  then->data = data;
  then->destroy = destroy;

  if (!aushang_window_get_modified (self))
    {
      func (self, data);
      continuation_free (then);
      return;
    }

  title = self->data_file ? aushang_window_dup_data_title (self) : aushang_window_dup_document_title (self);
  /* Translators: %s is a document title. */
  heading = g_strdup_printf (_("Save Changes to “%s”?"), title);
  dialog = aushang_window_new_dialog (self, heading, _("Your changes are lost if you do not save them."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (unsaved_response_cb), then);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saving */

static gboolean
save_document (AushangWindow  *self,
               const char     *file_name,
               GError        **error)
{
  GSettings *settings = aushang_window_get_settings (self);
  gboolean ok;

  aushang_editor_sync (self->editor);

  if (self->is_new)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);
      g_autoptr(GFile) target = file_name ? g_file_get_child (folder, file_name) : g_object_ref (self->file);

      ok = aushang_document_save_as (self->document, target, error);
      if (ok)
        {
          aushang_window_forget_recovery (self, self->file);
          g_set_object (&self->file, target);
          self->is_new = FALSE;
        }
    }
  else
    ok = aushang_document_save (self->document, error);

  if (!ok)
    return FALSE;

  aushang_window_forget_recovery (self, self->file);

  if (settings != NULL && self->collection != NULL)
    {
      AushangValue *authors = aushang_front_matter_get (aushang_document_get_front_matter (self->document), "authors");
      g_auto(GStrv) names = NULL;

      if (authors == NULL)
        authors = aushang_front_matter_get (aushang_document_get_front_matter (self->document), "author");
      names = authors ? aushang_value_dup_strv (authors) : NULL;

      g_settings_set_string (settings, "last-collection", self->collection->name);
      if (names != NULL && names[0] != NULL)
        g_settings_set_string (settings, "last-author", names[0]);
    }

  aushang_window_refresh_site (self);
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

  if (g_strcmp0 (response, "overwrite") != 0)
    return;

  if (aushang_document_save_overwrite (self->document, &error))
    {
      aushang_window_forget_recovery (self, self->file);
      aushang_window_refresh_site (self);
      aushang_window_update_title (self);
      aushang_window_toast (self, _("Saved"));
    }
  else
    report_save_error (self, error);
}

/* The one dialog for a save that failed, of a document or of a data list:
 * what went wrong and that nothing typed is lost, or, when another program
 * changed the file, the choice to replace that change. */
void
aushang_window_show_save_error (AushangWindow *self,
                                GError        *error,
                                gboolean       changed_on_disk,
                                const char    *title,
                                const char    *still_here,
                                GCallback      overwrite_response)
{
  AdwMessageDialog *dialog;

  /* Whatever went wrong, the text stays here and in the recovery area. */
  aushang_window_write_recovery_now (self);

  if (!changed_on_disk)
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message, still_here);

      dialog = aushang_window_new_dialog (self, title, body);
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
  g_signal_connect (dialog, "response", overwrite_response, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_save_error (AushangWindow *self,
                   GError        *error)
{
  aushang_window_show_save_error (self, error,
                                  g_error_matches (error, AUSHANG_DOCUMENT_ERROR, AUSHANG_DOCUMENT_ERROR_CHANGED_ON_DISK),
                                  _("The Document Was Not Saved"),
                                  _("Your text is still here, and a copy is kept in case Aushang closes. Try saving again once the problem is solved."),
                                  G_CALLBACK (overwrite_response_cb));
}

typedef struct
{
  AushangWindow *self;
  GtkEntry      *entry;
  Continuation  *then;
} SaveDialogData;

static void
save_dialog_data_free (gpointer data)
{
  SaveDialogData *d = data;

  if (d->then != NULL)
    continuation_free (d->then);
  g_free (d);
}

static void
save_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SaveDialogData   *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->entry))));
  if (*name == '\0' || strchr (name, '/') != NULL || name[0] == '.')
    {
      aushang_window_toast (d->self, _("The file name may not be empty, start with a dot or contain “/”."));
      return;
    }

  if (strchr (name, '.') == NULL)
    {
      char *with_extension = g_strconcat (name, ".md", NULL);

      g_free (name);
      name = with_extension;
    }

  if (!save_document (d->self, name, &error))
    {
      report_save_error (d->self, error);
      return;
    }

  if (d->then != NULL)
    {
      d->then->func (d->self, d->then->data);
      g_clear_pointer (&d->then, continuation_free);
    }
}

static void
show_save_dialog (AushangWindow *self,
                  Continuation  *then)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *folder = NULL;
  g_autofree char *body = NULL;
  SaveDialogData *d = g_new0 (SaveDialogData, 1);

  if (self->site != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      folder = g_file_get_relative_path (aushang_site_get_folder (self->site), parent);
    }

  /* Translators: %s is a folder like _posts. */
  body = g_strdup_printf (_("The file name becomes part of the page’s web address. It is saved in the folder %s."),
                          folder ? folder : "");
  dialog = aushang_window_new_dialog (self, _("Save New Document"), body);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("File name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  d->self = self;
  d->entry = GTK_ENTRY (entry);
  d->then = then;
  g_signal_connect_data (dialog, "response", G_CALLBACK (save_dialog_response_cb), d,
                         (GClosureNotify) (void (*) (void)) save_dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
aushang_window_save (AushangWindow  *self,
                     const char     *file_name,
                     GError        **error)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->data_file != NULL)
    return aushang_window_save_data_file (self, error);

  if (self->document == NULL)
    return TRUE;

  return save_document (self, file_name, error);
}

void
aushang_window_save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->data_file != NULL)
    {
      if (!aushang_window_save_data_file (self, &error))
        aushang_window_report_data_save_error (self, error);
      return;
    }

  if (self->document == NULL)
    return;

  if (self->is_new)
    {
      show_save_dialog (self, NULL);
      return;
    }

  if (!save_document (self, NULL, &error))
    report_save_error (self, error);
}
