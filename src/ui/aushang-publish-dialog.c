/* aushang-publish-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-application.h"
#include "aushang-check.h"
#include "aushang-clone-dialog.h"
#include "aushang-entry-row.h"
#include "aushang-form-util.h"
#include "aushang-git-login.h"
#include "aushang-publish-dialog.h"
#include "aushang-site.h"
#include "aushang-window-private.h"

struct _AushangPublishDialog
{
  AdwWindow             parent_instance;

  GtkWidget            *cancel_button;
  GtkWidget            *publish_button;
  GtkLabel             *status_label;
  GtkProgressBar       *progress_bar;
  AdwPreferencesGroup  *problems_group;
  GtkListBox           *problems_list;
  AdwPreferencesGroup  *conflicts_group;
  GtkListBox           *conflicts_list;
  AdwPreferencesGroup  *changes_group;
  GtkListBox           *changes_list;
  AdwPreferencesGroup  *message_group;
  AushangEntryRow      *message_row;
  AdwPreferencesGroup  *person_group;
  AushangEntryRow      *name_row;
  AushangEntryRow      *email_row;
  AdwPreferencesGroup  *account_group;
  AushangEntryRow      *user_row;
  AdwEntryRow          *token_row;

  GFile                *site_folder;
  GSettings            *settings;
  GCancellable         *cancellable;
  AushangGitRepo       *repo;       /* for settling conflicts, in this thread */
  GPtrArray            *conflicts;  /* AushangGitConflict* */
  char                 *message_body; /* the list of changes, below the message's line */
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (AushangPublishDialog, aushang_publish_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_PUBLISHED,
  SIGNAL_FILES_CHANGED,
  SIGNAL_SHOW_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The work done in a thread. */

typedef struct
{
  AushangPublishDialog *self;
  GFile                *site_folder;
  char                 *url;
  char                 *name;
  char                 *email;
  char                 *message;
  AushangGitLogin       login;       /* what was typed into the dialog */
  /* Results */
  GPtrArray            *changes;     /* AushangGitChange* */
  GPtrArray            *problems;    /* char*: the errors of the checks */
  GPtrArray            *problem_files; /* GFile*: where each one is */
  GPtrArray            *conflicts;   /* AushangGitConflict* */
  gboolean              unpublished;
  gboolean              files_changed;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->site_folder);
  g_free (job->url);
  g_free (job->name);
  g_free (job->email);
  g_free (job->message);
  aushang_git_login_clear (&job->login);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_pointer (&job->problem_files, g_ptr_array_unref);
  g_clear_pointer (&job->conflicts, g_ptr_array_unref);
  g_free (job);
}

static gboolean
job_credentials_cb (const char  *url,
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
job_progress_cb (const AushangGitProgress *progress,
                 gpointer                  user_data)
{
  Job *job = user_data;

  aushang_git_show_progress (job->self->progress_bar, progress);
}

/* The errors of --check, for the whole site. */
static void
collect_problems (GFile     *folder,
                  GPtrArray *problems,
                  GPtrArray *files)
{
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  g_autoptr(GPtrArray) data_files = NULL;
  GPtrArray *collections;

  if (site == NULL)
    return;

  collections = aushang_site_get_collections (site);
  for (guint i = 0; i < collections->len; i++)
    {
      g_autoptr(GPtrArray) documents = aushang_site_list_documents (site, g_ptr_array_index (collections, i));

      for (guint j = 0; j < documents->len; j++)
        {
          GFile *file = g_ptr_array_index (documents, j);
          g_autoptr(AushangDocument) document = aushang_document_load (file, NULL);
          g_autoptr(GPtrArray) found = NULL;
          g_autofree char *relative = g_file_get_relative_path (folder, file);

          if (document == NULL)
            continue;
          found = aushang_check_document (document, file, site);
          for (guint k = 0; k < found->len; k++)
            {
              AushangDiagnostic *d = g_ptr_array_index (found, k);

              if (d->severity != AUSHANG_SEVERITY_ERROR)
                continue;
              /* Translators: a file, its line, and the problem found. */
              g_ptr_array_add (problems, g_strdup_printf (_("%s, line %u: %s"), relative, d->line, d->message));
              g_ptr_array_add (files, g_object_ref (file));
            }
        }
    }

  data_files = aushang_site_list_data_files (site);
  for (guint i = 0; i < data_files->len; i++)
    {
      GFile *file = g_ptr_array_index (data_files, i);
      g_autoptr(AushangDataFile) data = aushang_data_file_load (file, NULL);
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *relative = g_file_get_relative_path (folder, file);

      if (data == NULL)
        continue;
      found = aushang_check_data_file (data, site);
      for (guint k = 0; k < found->len; k++)
        {
          AushangDiagnostic *d = g_ptr_array_index (found, k);

          if (d->severity != AUSHANG_SEVERITY_ERROR)
            continue;
          g_ptr_array_add (problems, g_strdup_printf (_("%s, line %u: %s"), relative, d->line, d->message));
          g_ptr_array_add (files, g_object_ref (file));
        }
    }
}

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(AushangGitRepo) repo = NULL;
  GError *error = NULL;

  repo = aushang_git_repo_open (job->site_folder, &error);
  if (repo == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->changes = aushang_git_repo_get_changes (repo, &error);
  if (job->changes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->unpublished = aushang_git_repo_has_unpublished_commits (repo);
  job->problems = g_ptr_array_new_with_free_func (g_free);
  job->problem_files = g_ptr_array_new_with_free_func (g_object_unref);
  collect_problems (job->site_folder, job->problems, job->problem_files);

  g_task_return_boolean (task, TRUE);
}

static void
publish_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(AushangGitRepo) repo = NULL;
  g_autofree char *head_before = NULL;
  AushangGitCallbacks callbacks = { job_progress_cb, job_credentials_cb, job, cancellable };
  GError *error = NULL;

  repo = aushang_git_repo_open (job->site_folder, &error);
  if (repo == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  if (!aushang_git_repo_publish (repo, job->name, job->email, job->message, &callbacks,
                                 job->conflicts, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  aushang_git_login_keep (&job->login, job->url);
  g_task_return_boolean (task, TRUE);
}

static Job *
job_new (AushangPublishDialog *self)
{
  Job *job = g_new0 (Job, 1);

  job->self = g_object_ref (self);
  job->site_folder = g_object_ref (self->site_folder);
  job->url = self->repo ? aushang_git_repo_dup_remote_url (self->repo) : NULL;
  return job;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
}

static const char *
entry_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_publish_sensitive (AushangPublishDialog *self)
{
  gboolean blocked = gtk_widget_get_visible (GTK_WIDGET (self->problems_group));
  gboolean person = *entry_text (self->name_row) != '\0' && strchr (entry_text (self->email_row), '@') != NULL;

  gtk_widget_set_sensitive (self->publish_button,
                            !self->busy && !blocked && person && self->conflicts->len == 0 &&
                            gtk_widget_get_visible (GTK_WIDGET (self->message_group)));
}

static void
set_busy (AushangPublishDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  update_publish_sensitive (self);
}

static void
prepare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  AushangPublishDialog *self = AUSHANG_PUBLISH_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }

  clear_list (self->changes_list);
  for (guint i = 0; i < job->changes->len; i++)
    {
      AushangGitChange *change = g_ptr_array_index (job->changes, i);

      add_row (self->changes_list, change->description, change->path);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), job->changes->len > 0);

  clear_list (self->problems_list);
  for (guint i = 0; i < job->problems->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      /* Each leads to the place to fix. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (job->problems, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "aushang-file",
                              g_object_ref (g_ptr_array_index (job->problem_files, i)), g_object_unref);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), job->problems->len > 0);

  if (job->changes->len == 0 && !job->unpublished)
    {
      gtk_label_set_text (self->status_label, _("Nothing new to publish: the website has everything you saved."));
      return;
    }

  /* The entry holds the first line; the list of changes follows it in
   * the history. */
  message = aushang_git_changes_to_message (job->changes);
  {
    char *newline = strchr (message, '\n');

    g_clear_pointer (&self->message_body, g_free);
    if (newline != NULL)
      {
        self->message_body = g_strdup (newline);
        *newline = '\0';
      }
  }
  gtk_editable_set_text (GTK_EDITABLE (self->message_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), TRUE);
  if (job->problems->len > 0)
    gtk_label_set_text (self->status_label, _("Some mistakes would break the website. Fix them first; they are listed below."));
  else
    gtk_label_set_text (self->status_label, _("These changes go out to the website."));
  update_publish_sensitive (self);
}

static void
start_prepare (AushangPublishDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, prepare_done_cb, NULL);

  set_busy (self, TRUE);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, prepare_thread);
}

static void show_conflicts (AushangPublishDialog *self);

static gboolean
resolve (AushangPublishDialog *self,
         AushangGitConflict   *conflict,
         AushangGitResolution  resolution,
         const char           *text)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_git_repo_resolve (self->repo, conflict, resolution, text, &error))
    {
      gtk_label_set_text (self->status_label, error->message);
      return FALSE;
    }
  g_ptr_array_remove (self->conflicts, conflict);
  g_signal_emit (self, signals[SIGNAL_FILES_CHANGED], 0);
  show_conflicts (self);
  return TRUE;
}

static void
resolve_clicked_cb (GtkButton            *button,
                    AushangPublishDialog *self)
{
  AushangGitConflict *conflict = g_object_get_data (G_OBJECT (button), "aushang-conflict");
  AushangGitResolution resolution = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "aushang-resolution"));
  GtkEditable *entry = g_object_get_data (G_OBJECT (button), "aushang-entry");

  resolve (self, conflict, resolution, entry ? gtk_editable_get_text (entry) : NULL);
}

static GtkWidget *
resolve_button (AushangPublishDialog *self,
                AushangGitConflict   *conflict,
                const char           *label,
                AushangGitResolution  resolution)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "aushang-conflict", conflict);
  g_object_set_data (G_OBJECT (button), "aushang-resolution", GINT_TO_POINTER (resolution));
  g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  return button;
}

/* A field is named as the form names it (“Title”, not “title”). */
static char *
describe_conflict (AushangGitConflict *conflict)
{
  g_autofree char *label = NULL;

  if (conflict->key == NULL)
    return g_strdup (conflict->description);

  label = aushang_label_for_key (conflict->key);
  /* Translators: the first %s is a field as the form names it (“Title”,
   * “Time”), the second the title of the post or event. */
  return g_strdup_printf (_("“%s” of “%s” was changed here and on the website."), label, conflict->title);
}

static void
show_conflicts (AushangPublishDialog *self)
{
  clear_list (self->conflicts_list);
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      AushangGitConflict *conflict = g_ptr_array_index (self->conflicts, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *description = describe_conflict (conflict);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      if (!conflict->binary)
        {
          GtkWidget *mine = adw_action_row_new ();
          GtkWidget *theirs = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (mine), FALSE);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (theirs), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mine), _("Yours"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (mine), conflict->mine);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (theirs), _("On the website"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (theirs), conflict->theirs);
          adw_action_row_add_suffix (ADW_ACTION_ROW (mine),
                                     resolve_button (self, conflict, _("_Keep Yours"), AUSHANG_GIT_KEEP_MINE));
          adw_action_row_add_suffix (ADW_ACTION_ROW (theirs),
                                     resolve_button (self, conflict, _("_Take This"), AUSHANG_GIT_TAKE_THEIRS));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), mine);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), theirs);

          /* Or both made into one: written here, starting from the person's. */
          {
            GtkWidget *edited = aushang_entry_row_new ();
            GtkWidget *button = resolve_button (self, conflict, _("_Use"), AUSHANG_GIT_USE_TEXT);
            g_autofree char *start = g_strchomp (g_strdup (conflict->mine));

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (edited), _("Or write it anew"));
            gtk_editable_set_text (GTK_EDITABLE (edited), start);
            g_object_set_data (G_OBJECT (button), "aushang-entry", edited);
            aushang_entry_row_add_suffix (AUSHANG_ENTRY_ROW (edited), button);
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), edited);
          }
        }
      else
        {
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       resolve_button (self, conflict, _("_Keep Yours"), AUSHANG_GIT_KEEP_MINE));
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       resolve_button (self, conflict, _("_Take Theirs"), AUSHANG_GIT_TAKE_THEIRS));
        }
      gtk_list_box_append (self->conflicts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), self->conflicts->len > 0);
  update_publish_sensitive (self);
  if (self->conflicts->len == 0)
    gtk_label_set_text (self->status_label, _("Ready: publish to send the result."));
}

static void
publish_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  AushangPublishDialog *self = AUSHANG_PUBLISH_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  /* Updating may have brought in other people's changes. */
  g_signal_emit (self, signals[SIGNAL_FILES_CHANGED], 0);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_signal_emit (self, signals[SIGNAL_PUBLISHED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_label_set_text (self->status_label, error->message);
  if (g_error_matches (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_AUTHENTICATION))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->account_group), TRUE);
      gtk_widget_grab_focus (job->login.user ? GTK_WIDGET (self->token_row) : GTK_WIDGET (self->user_row));
    }
  if (g_error_matches (error, AUSHANG_GIT_ERROR, AUSHANG_GIT_ERROR_CONFLICT))
    {
      g_ptr_array_extend_and_steal (self->conflicts, g_steal_pointer (&job->conflicts));
      show_conflicts (self);
      gtk_label_set_text (self->status_label, error->message);
    }
}

static void
publish_clicked_cb (AushangPublishDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->busy)
    return;
  if (self->conflicts->len > 0)
    {
      gtk_label_set_text (self->status_label, _("Choose a version for each place above first."));
      return;
    }

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "git-name", entry_text (self->name_row));
      g_settings_set_string (self->settings, "git-email", entry_text (self->email_row));
    }

  job = job_new (self);
  job->name = g_strdup (entry_text (self->name_row));
  job->email = g_strdup (entry_text (self->email_row));
  job->message = g_strdup (entry_text (self->message_row));
  if (*job->message == '\0')
    {
      g_free (job->message);
      job->message = g_strdup (_("Update the website"));
    }
  if (self->message_body != NULL)
    {
      char *full = g_strconcat (job->message, "\n", self->message_body, NULL);

      g_free (job->message);
      job->message = full;
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->account_group)))
    {
      job->login.user = g_strdup (entry_text (self->user_row));
      job->login.token = g_strdup (entry_text (self->token_row));
    }

  gtk_label_set_text (self->status_label, _("Publishing…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, publish_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, publish_thread);
}

static void
problem_activated_cb (AushangPublishDialog *self,
                      GtkListBoxRow        *row)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "aushang-file");

  if (file != NULL)
    g_signal_emit (self, signals[SIGNAL_SHOW_FILE], 0, file);
}

static void
cancel_clicked_cb (AushangPublishDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  if (!self->busy)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
person_changed_cb (AushangPublishDialog *self)
{
  update_publish_sensitive (self);
}

static void
aushang_publish_dialog_dispose (GObject *object)
{
  AushangPublishDialog *self = AUSHANG_PUBLISH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->site_folder);
  g_clear_object (&self->settings);
  g_clear_object (&self->repo);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->message_body, g_free);

  G_OBJECT_CLASS (aushang_publish_dialog_parent_class)->dispose (object);
}

static void
aushang_publish_dialog_class_init (AushangPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_publish_dialog_dispose;

  signals[SIGNAL_PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FILES_CHANGED] = g_signal_new ("files-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SHOW_FILE] = g_signal_new ("show-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  /* Rows whose text a screen reader follows (see AushangEntryRow). */
  g_type_ensure (AUSHANG_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, publish_button);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, changes_list);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, message_group);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, message_row);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, person_group);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, account_group);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, AushangPublishDialog, token_row);
  gtk_widget_class_bind_template_callback (widget_class, publish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
aushang_publish_dialog_init (AushangPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (person_changed_cb), self);
  g_signal_connect_swapped (self->problems_list, "row-activated", G_CALLBACK (problem_activated_cb), self);
  g_signal_connect_swapped (self->email_row, "changed", G_CALLBACK (person_changed_cb), self);
}

AushangPublishDialog *
aushang_publish_dialog_new (GtkWindow *parent,
                            GFile     *site_folder,
                            GSettings *settings)
{
  AushangPublishDialog *self = g_object_new (AUSHANG_TYPE_PUBLISH_DIALOG,
                                             "transient-for", parent,
                                             NULL);
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  self->site_folder = g_object_ref (site_folder);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->repo = aushang_git_repo_open (site_folder, NULL);

  if (settings != NULL)
    {
      name = g_settings_get_string (settings, "git-name");
      email = g_settings_get_string (settings, "git-email");
    }
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_real_name ());
      if (g_strcmp0 (name, "Unknown") == 0)
        g_clear_pointer (&name, g_free);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
  /* Asked once: shown while one of them is missing. */
  gtk_widget_set_visible (GTK_WIDGET (self->person_group),
                          name == NULL || *name == '\0' || email == NULL || strchr (email, '@') == NULL);

  start_prepare (self);
  return self;
}

guint
aushang_publish_dialog_get_n_conflicts (AushangPublishDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_PUBLISH_DIALOG (self), 0);
  return self->conflicts->len;
}

const char *
aushang_publish_dialog_get_conflict_title (AushangPublishDialog *self,
                                           guint                 index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (AUSHANG_IS_PUBLISH_DIALOG (self), NULL);

  row = gtk_list_box_get_row_at_index (self->conflicts_list, index);
  return row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

gboolean
aushang_publish_dialog_resolve (AushangPublishDialog *self,
                                guint                 index,
                                AushangGitResolution  resolution,
                                const char           *text)
{
  g_return_val_if_fail (AUSHANG_IS_PUBLISH_DIALOG (self), FALSE);
  g_return_val_if_fail (index < self->conflicts->len, FALSE);

  return resolve (self, g_ptr_array_index (self->conflicts, index), resolution, text);
}

const char *
aushang_publish_dialog_get_status (AushangPublishDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_PUBLISH_DIALOG (self), NULL);
  return gtk_label_get_text (self->status_label);
}

gboolean
aushang_publish_dialog_get_busy (AushangPublishDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_PUBLISH_DIALOG (self), FALSE);
  return self->busy;
}

void
aushang_publish_dialog_set_credentials (AushangPublishDialog *self,
                                        const char           *username,
                                        const char           *token)
{
  g_return_if_fail (AUSHANG_IS_PUBLISH_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->account_group), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), username);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
}

void
aushang_publish_dialog_publish (AushangPublishDialog *self)
{
  g_return_if_fail (AUSHANG_IS_PUBLISH_DIALOG (self));

  if (gtk_widget_get_sensitive (self->publish_button))
    publish_clicked_cb (self);
}

/* The window's part. */

static GSettings *
window_settings (GtkWidget *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return app ? aushang_application_get_settings (AUSHANG_APPLICATION (app)) : NULL;
}

/* After updating brought in other people's changes: the site's lists
 * again, and the open document or data list read again when nothing in
 * it is unsaved (unsaved edits stay; saving then says the file changed). */
static void
refresh_after_update (AushangWindow *window)
{
  aushang_window_refresh_site (window);
  if (aushang_window_get_modified (window))
    return;

  if (window->data_file != NULL)
    aushang_window_reload_data_file (window);
  else if (window->document != NULL && window->file != NULL && !window->is_new)
    {
      g_autoptr(GFile) file = g_object_ref (window->file);

      aushang_window_set_document (window, NULL, NULL, FALSE);
      aushang_window_select_file (window, file);
    }
}

static void
files_changed_cb (AushangPublishDialog *dialog,
                  AushangWindow        *window)
{
  refresh_after_update (window);
}

static void
show_file_cb (AushangPublishDialog *dialog,
              GFile                *file,
              AushangWindow        *window)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  aushang_window_open (window, file);
}

static void
published_cb (AushangPublishDialog *dialog,
              AushangWindow        *window)
{
  aushang_window_toast (window, _("Published. The website shows it in a minute or two."));
}

static void
open_publish_dialog (AushangWindow *window,
                     gpointer       data)
{
  AushangPublishDialog *dialog;

  if (window->site == NULL)
    return;
  dialog = aushang_publish_dialog_new (GTK_WINDOW (window), aushang_site_get_folder (window->site),
                                       window_settings (GTK_WIDGET (window)));
  g_signal_connect_object (dialog, "files-changed", G_CALLBACK (files_changed_cb), window, 0);
  g_signal_connect_object (dialog, "published", G_CALLBACK (published_cb), window, 0);
  g_signal_connect_object (dialog, "show-file", G_CALLBACK (show_file_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
publish_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  /* Saved first, as everywhere else: unsaved changes are asked about. */
  aushang_window_after_unsaved_changes (AUSHANG_WINDOW (data), open_publish_dialog, NULL, NULL);
}

static void
cloned_cb (AushangCloneDialog *dialog,
           GFile              *folder,
           AushangWindow      *window)
{
  aushang_window_open (window, folder);
}

static void
get_site_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  AushangCloneDialog *dialog = aushang_clone_dialog_new (GTK_WINDOW (data));

  g_signal_connect_object (dialog, "cloned", G_CALLBACK (cloned_cb), data, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry publish_actions[] = {
  { "publish", publish_action },
  { "get-site", get_site_action },
};

void
aushang_publish_install (GtkWidget *widget)
{
  AushangWindow *window = AUSHANG_WINDOW (widget);
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (window->site_title), ADW_TYPE_HEADER_BAR);
  GtkWidget *welcome_buttons = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (window->recent_group)));
  GtkWidget *button;
  GAction *publish;

  g_action_map_add_action_entries (G_ACTION_MAP (window), publish_actions,
                                   G_N_ELEMENTS (publish_actions), window);
  publish = g_action_map_lookup_action (G_ACTION_MAP (window), "publish");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (publish), FALSE);

  /* "Get a Website…" beside "Open Folder…". */
  if (GTK_IS_BOX (welcome_buttons))
    {
      button = gtk_button_new_with_mnemonic (_("_Get a Website…"));
      gtk_widget_set_tooltip_text (button, _("Copy a website from its address (for example on GitHub) to this computer"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.get-site");
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_insert_after (button, welcome_buttons, gtk_widget_get_first_child (welcome_buttons));
      gtk_widget_set_name (button, "get_site_button");
    }

  /* "Publish" in the site's header bar, shown for git repositories. */
  if (header != NULL)
    {
      button = gtk_button_new_with_mnemonic (_("_Publish"));
      gtk_widget_set_tooltip_text (button, _("Put your saved changes on the website"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.publish");
      gtk_widget_set_visible (button, FALSE);
      gtk_widget_set_name (button, "publish_button");
      adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
      g_object_set_data (G_OBJECT (window), "aushang-publish-button", button);
    }
}

typedef struct
{
  GFile    *site_folder;
  gboolean  is_repository;
  gboolean  updated;
  guint     n_conflicts;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->site_folder);
  g_free (job);
}

static gboolean
open_credentials_cb (const char  *url,
                     const char  *username_from_url,
                     guint        attempt,
                     char       **username,
                     char       **password,
                     gpointer     user_data)
{
  /* Only what is kept: nobody is asked while a site opens. */
  return aushang_git_login_answer (NULL, url, username_from_url, attempt, username, password);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  OpenJob *job = data;
  g_autoptr(AushangGitRepo) repo = aushang_git_repo_open (job->site_folder, NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *url = NULL;
  AushangGitCallbacks callbacks = { NULL, open_credentials_cb, NULL, cancellable };

  if (repo == NULL || (url = aushang_git_repo_dup_remote_url (repo)) == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  job->is_repository = TRUE;

  /* What others published comes in by itself only when nothing here
   * waits to go out (a fast-forward); otherwise publishing merges. */
  changes = aushang_git_repo_get_changes (repo, NULL);
  if (changes == NULL || changes->len > 0 || aushang_git_repo_has_unpublished_commits (repo))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_git_conflict_free);
  {
    g_autofree char *before = aushang_git_repo_dup_head_id (repo);
    g_autofree char *after = NULL;

    if (aushang_git_repo_update (repo, &callbacks, conflicts, NULL))
      {
        after = aushang_git_repo_dup_head_id (repo);
        job->updated = g_strcmp0 (before, after) != 0;
      }
  }
  job->n_conflicts = conflicts->len;
  g_task_return_boolean (task, TRUE);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  AushangWindow *window = AUSHANG_WINDOW (source);
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  GtkWidget *button = g_object_get_data (G_OBJECT (window), "aushang-publish-button");
  GAction *publish = g_action_map_lookup_action (G_ACTION_MAP (window), "publish");

  /* Another site was opened meanwhile. */
  if (window->site == NULL || !g_file_equal (aushang_site_get_folder (window->site), job->site_folder))
    return;

  g_simple_action_set_enabled (G_SIMPLE_ACTION (publish), job->is_repository);
  if (button != NULL)
    gtk_widget_set_visible (button, job->is_repository);
  if (job->updated)
    {
      refresh_after_update (window);
      aushang_window_toast (window, _("Brought in what others published."));
    }
  if (job->is_repository)
    aushang_publish_refresh_changes (GTK_WIDGET (window));
}

/* The marks in the sidebar: what is new or changed since the last
 * publish, read off the main thread after the site's lists were made. */
static void
changes_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  g_autoptr(AushangGitRepo) repo = aushang_git_repo_open (G_FILE (data), NULL);
  g_autofree char *url = repo ? aushang_git_repo_dup_remote_url (repo) : NULL;
  GPtrArray *changes = url ? aushang_git_repo_get_changes (repo, NULL) : NULL;

  g_task_return_pointer (task, changes, (GDestroyNotify) g_ptr_array_unref);
}

static void
changes_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  AushangWindow *window = AUSHANG_WINDOW (source);
  g_autoptr(GPtrArray) changes = g_task_propagate_pointer (G_TASK (result), NULL);
  GFile *site_folder = g_task_get_task_data (G_TASK (result));

  /* Another site was opened meanwhile. */
  if (window->site == NULL || !g_file_equal (aushang_site_get_folder (window->site), site_folder))
    return;

  aushang_site_sidebar_set_changes (window->sidebar, changes);
}

void
aushang_publish_refresh_changes (GtkWidget *widget)
{
  AushangWindow *window = AUSHANG_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  if (window->site == NULL)
    return;

  task = g_task_new (window, NULL, changes_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (aushang_site_get_folder (window->site)), g_object_unref);
  g_task_run_in_thread (task, changes_thread);
}

void
aushang_publish_site_shown (GtkWidget *widget,
                            GFile     *site_folder)
{
  AushangWindow *window = AUSHANG_WINDOW (widget);
  GtkWidget *button = g_object_get_data (G_OBJECT (window), "aushang-publish-button");
  GAction *publish = g_action_map_lookup_action (G_ACTION_MAP (window), "publish");
  g_autoptr(GTask) task = g_task_new (window, NULL, open_done_cb, NULL);
  OpenJob *job = g_new0 (OpenJob, 1);

  if (publish != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (publish), FALSE);
  if (button != NULL)
    gtk_widget_set_visible (button, FALSE);

  job->site_folder = g_object_ref (site_folder);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}
