/* aushang-clone-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-clone"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-clone-dialog.h"
#include "aushang-entry-row.h"
#include "aushang-git-login.h"

struct _AushangCloneDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *cancel_button;
  GtkWidget       *get_button;
  AushangEntryRow *url_row;
  AdwActionRow    *folder_row;
  AushangEntryRow *user_row;
  AdwEntryRow     *token_row;
  GtkLabel        *status_label;
  GtkProgressBar  *progress_bar;

  GFile           *parent_folder;   /* where the website's folder goes */
  GFile           *chosen_folder;   /* set by tests: the folder itself */
  GCancellable    *cancellable;
  GtkNativeDialog *chooser;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (AushangCloneDialog, aushang_clone_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CLONED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "https://github.com/verein/website.git" → "website". */
static char *
name_from_url (const char *url)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url));
  char *slash;
  gsize len;

  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  if (g_str_has_suffix (trimmed, ".git"))
    trimmed[len - 4] = '\0';
  slash = strrchr (trimmed, '/');
  if (slash == NULL)
    slash = strrchr (trimmed, ':');
  return g_strdup (slash && slash[1] ? slash + 1 : "");
}

static GFile *
target_folder (AushangCloneDialog *self)
{
  g_autofree char *name = NULL;

  if (self->chosen_folder != NULL)
    return g_object_ref (self->chosen_folder);
  name = name_from_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  if (*name == '\0')
    return NULL;
  return g_file_get_child (self->parent_folder, name);
}

static void
update (AushangCloneDialog *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autoptr(GFile) folder = target_folder (self);
  g_autofree char *shown = folder ? g_file_get_parse_name (folder) : g_file_get_parse_name (self->parent_folder);
  gboolean valid = strstr (url, "://") != NULL || g_str_has_prefix (url, "git@");

  adw_action_row_set_subtitle (self->folder_row, shown);
  gtk_widget_set_sensitive (self->get_button, !self->busy && valid && folder != NULL);
}

static void
url_changed_cb (AushangCloneDialog *self)
{
  update (self);
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     AushangCloneDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        g_set_object (&self->parent_folder, folder);
    }
  g_clear_object (&self->chooser);
  update (self);
}

static void
choose_clicked_cb (AushangCloneDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Where to Put the Website"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->parent_folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

typedef struct
{
  AushangCloneDialog *self;
  char               *url;
  GFile              *folder;
  AushangGitLogin     login;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_free (job->url);
  g_clear_object (&job->folder);
  aushang_git_login_clear (&job->login);
  g_free (job);
}

static void
progress_cb (const AushangGitProgress *progress,
             gpointer                  user_data)
{
  Job *job = user_data;

  aushang_git_show_progress (job->self->progress_bar, progress);
}

static gboolean
credentials_cb (const char  *url,
                const char  *username_from_url,
                guint        attempt,
                char       **username,
                char       **password,
                gpointer     user_data)
{
  Job *job = user_data;

  return aushang_git_login_answer (&job->login, url, username_from_url, attempt, username, password);
}

static void
clone_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  AushangGitCallbacks callbacks = { progress_cb, credentials_cb, job, cancellable };
  g_autoptr(AushangGitRepo) repo = NULL;
  GError *error = NULL;

  repo = aushang_git_clone (job->url, job->folder, &callbacks, &error);
  if (repo == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  aushang_git_login_keep (&job->login, job->url);
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (AushangCloneDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  update (self);
}

static void
clone_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  AushangCloneDialog *self = AUSHANG_CLONE_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      gtk_label_set_text (self->status_label, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_CLONED], 0, job->folder);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
get_clicked_cb (AushangCloneDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) folder = target_folder (self);
  Job *job;

  if (self->busy || folder == NULL)
    return;

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  job->folder = g_object_ref (folder);
  job->login.user = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
  job->login.token = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));

  gtk_label_set_text (self->status_label, _("Getting the website…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, clone_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, clone_thread);
}

static void
cancel_clicked_cb (AushangCloneDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  if (!self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
aushang_clone_dialog_dispose (GObject *object)
{
  AushangCloneDialog *self = AUSHANG_CLONE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->parent_folder);
  g_clear_object (&self->chosen_folder);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (aushang_clone_dialog_parent_class)->dispose (object);
}

static void
aushang_clone_dialog_class_init (AushangCloneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_clone_dialog_dispose;

  signals[SIGNAL_CLONED] = g_signal_new ("cloned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  /* Rows whose text a screen reader follows (see AushangEntryRow). */
  g_type_ensure (AUSHANG_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-clone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, get_button);
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AushangCloneDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
aushang_clone_dialog_init (AushangCloneDialog *self)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->parent_folder = g_file_new_for_path (documents ? documents : g_get_home_dir ());
  update (self);
}

AushangCloneDialog *
aushang_clone_dialog_new (GtkWindow *parent)
{
  return g_object_new (AUSHANG_TYPE_CLONE_DIALOG, "transient-for", parent, NULL);
}

void
aushang_clone_dialog_set_address (AushangCloneDialog *self,
                                  const char         *url,
                                  GFile              *folder)
{
  g_return_if_fail (AUSHANG_IS_CLONE_DIALOG (self));

  g_set_object (&self->chosen_folder, folder);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  update (self);
}

void
aushang_clone_dialog_set_credentials (AushangCloneDialog *self,
                                      const char         *username,
                                      const char         *token)
{
  g_return_if_fail (AUSHANG_IS_CLONE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), username);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
}

void
aushang_clone_dialog_start (AushangCloneDialog *self)
{
  g_return_if_fail (AUSHANG_IS_CLONE_DIALOG (self));

  if (gtk_widget_get_sensitive (self->get_button))
    get_clicked_cb (self);
}

gboolean
aushang_clone_dialog_get_busy (AushangCloneDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_CLONE_DIALOG (self), FALSE);
  return self->busy;
}

const char *
aushang_clone_dialog_get_status (AushangCloneDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_CLONE_DIALOG (self), NULL);
  return gtk_label_get_text (self->status_label);
}
