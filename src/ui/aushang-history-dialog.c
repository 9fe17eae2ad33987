/* aushang-history-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-git.h"
#include "aushang-history-dialog.h"
#include "aushang-preview.h"
#include "aushang-window-private.h"

/* How many versions are listed at most. */
#define MAX_VERSIONS 200

struct _AushangHistoryDialog
{
  AdwWindow       parent_instance;

  GtkStack       *list_stack;
  GtkListBox     *list;
  AdwStatusPage  *message_page;
  GtkWidget      *restore_button;
  AushangPreview *preview;

  AushangSite    *site;
  GFile          *file;
  GPtrArray      *versions;  /* AushangGitVersion* */
  GBytes         *contents;  /* of the version selected, once read */
  GCancellable   *cancellable;
  guint           busy;      /* reads running */
  guint           selection; /* counts selections: late reads are dropped */
};

G_DEFINE_FINAL_TYPE (AushangHistoryDialog, aushang_history_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The date in words: "Today, 14:05", or "1 December 2026, 14:05". */
static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a version's date when it is today (g_date_time_format). */
    return g_date_time_format (local, _("Today, %H:%M"));

  /* Translators: a version's date (g_date_time_format): 1 December 2026, 14:05. */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

typedef struct
{
  GFile     *folder;
  GFile     *file;
  char      *id;     /* NULL: the list of versions */
  guint      max;    /* of versions listed */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->folder);
  g_clear_object (&job->file);
  g_free (job->id);
  g_free (job);
}

static void
history_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(AushangGitRepo) repo = NULL;
  GError *error = NULL;

  repo = aushang_git_repo_open (job->folder, &error);
  if (repo == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->id == NULL)
    {
      GPtrArray *versions = aushang_git_repo_get_history (repo, job->file, job->max, &error);

      if (versions == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, versions, (GDestroyNotify) g_ptr_array_unref);
    }
  else
    {
      GBytes *bytes = aushang_git_repo_get_version (repo, job->file, job->id, &error);

      if (bytes == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
    }
}

static void
run_job (gpointer             source,
         GCancellable        *cancellable,
         GFile               *folder,
         GFile               *file,
         const char          *id,
         guint                max,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->folder = g_object_ref (folder);
  job->file = g_object_ref (file);
  job->id = g_strdup (id);
  job->max = max;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, history_thread);
}

static void
show_message (AushangHistoryDialog *self,
              const char           *title,
              const char           *description)
{
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  gtk_stack_set_visible_child_name (self->list_stack, "message");
}

static void
version_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AushangHistoryDialog *self = AUSHANG_HISTORY_DIALOG (source);
  guint selection = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(AushangDocument) document = NULL;
  gsize length = 0;
  const char *data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy--;
  if (selection != self->selection)
    return;
  if (bytes == NULL)
    {
      show_message (self, _("This Version Cannot Be Read"), error->message);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  document = aushang_document_new_from_data (data != NULL ? data : "", length);
  aushang_preview_update (self->preview, document);
  g_clear_pointer (&self->contents, g_bytes_unref);
  self->contents = g_steal_pointer (&bytes);
  gtk_widget_set_sensitive (self->restore_button, TRUE);
}

static void
row_selected_cb (AushangHistoryDialog *self,
                 GtkListBoxRow        *row)
{
  AushangGitVersion *version;
  int index;

  /* Rows go away while the dialog closes. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->selection++;
  g_clear_pointer (&self->contents, g_bytes_unref);
  gtk_widget_set_sensitive (self->restore_button, FALSE);
  if (row == NULL || self->versions == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->versions->len)
    return;
  version = g_ptr_array_index (self->versions, index);
  self->busy++;
  run_job (self, self->cancellable, aushang_site_get_folder (self->site), self->file,
           version->id, 0, version_read_cb, GUINT_TO_POINTER (self->selection));
}

static void
history_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AushangHistoryDialog *self = AUSHANG_HISTORY_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy--;
  if (versions == NULL)
    {
      show_message (self, _("The Earlier Versions Cannot Be Read"), error->message);
      return;
    }
  if (versions->len == 0)
    {
      show_message (self, _("No Earlier Versions"),
                    _("This document has not been published yet."));
      return;
    }

  self->versions = g_steal_pointer (&versions);
  for (guint i = 0; i < self->versions->len; i++)
    {
      AushangGitVersion *version = g_ptr_array_index (self->versions, i);
      g_autofree char *date = format_date (version->date);
      /* Translators: who made a version: "by Anna Beispiel". */
      g_autofree char *author = g_strdup_printf (_("by %s"), version->author);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", version->summary, author);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->list_stack, "list");
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
}

gboolean
aushang_history_dialog_get_busy (AushangHistoryDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_HISTORY_DIALOG (self), FALSE);

  return self->busy > 0;
}

guint
aushang_history_dialog_get_n_versions (AushangHistoryDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_HISTORY_DIALOG (self), 0);

  return self->versions != NULL ? self->versions->len : 0;
}

void
aushang_history_dialog_select (AushangHistoryDialog *self,
                               guint                 index)
{
  g_return_if_fail (AUSHANG_IS_HISTORY_DIALOG (self));

  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
}

GtkWidget *
aushang_history_dialog_get_preview (AushangHistoryDialog *self)
{
  g_return_val_if_fail (AUSHANG_IS_HISTORY_DIALOG (self), NULL);

  return GTK_WIDGET (self->preview);
}

void
aushang_history_dialog_restore (AushangHistoryDialog *self)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_if_fail (AUSHANG_IS_HISTORY_DIALOG (self));

  if (self->contents == NULL)
    return;
  contents = g_bytes_ref (self->contents);
  g_signal_emit (self, signals[SIGNAL_RESTORE], 0, contents);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
aushang_history_dialog_dispose (GObject *object)
{
  AushangHistoryDialog *self = AUSHANG_HISTORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->site);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->contents, g_bytes_unref);

  G_OBJECT_CLASS (aushang_history_dialog_parent_class)->dispose (object);
}

static void
aushang_history_dialog_class_init (AushangHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_history_dialog_dispose;

  signals[SIGNAL_RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  g_type_ensure (AUSHANG_TYPE_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangHistoryDialog, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AushangHistoryDialog, list);
  gtk_widget_class_bind_template_child (widget_class, AushangHistoryDialog, message_page);
  gtk_widget_class_bind_template_child (widget_class, AushangHistoryDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, AushangHistoryDialog, preview);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_destroy);
  gtk_widget_class_bind_template_callback (widget_class, aushang_history_dialog_restore);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
aushang_history_dialog_init (AushangHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

AushangHistoryDialog *
aushang_history_dialog_new (GtkWindow   *parent,
                            AushangSite *site,
                            GFile       *file)
{
  AushangHistoryDialog *self;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (AUSHANG_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->site = g_object_ref (site);
  self->file = g_object_ref (file);
  aushang_preview_set_site (self->preview, site);
  gtk_stack_set_visible_child_name (self->list_stack, "busy");
  self->busy++;
  run_job (self, self->cancellable, aushang_site_get_folder (site), file, NULL, MAX_VERSIONS,
           history_read_cb, NULL);

  return self;
}

/* The window's part */

static void
restore_cb (AushangHistoryDialog *dialog,
            GBytes               *contents,
            AushangWindow        *window)
{
  g_autoptr(AushangDocument) document = NULL;
  GFile *file = g_object_get_data (G_OBJECT (dialog), "aushang-history-file");

  /* The document may have been left meanwhile. */
  if (window->file == NULL || window->is_new || !g_file_equal (window->file, file))
    return;

  /* What is saved stays on disk and in the history; the restored text is
   * a change like any other, kept in the recovery area until saved. */
  document = aushang_document_restore (file, contents);
  aushang_window_set_document (window, document, file, FALSE);
  aushang_window_schedule_autosave (window);
  aushang_window_toast (window, _("Earlier version restored. Save to keep it."));
}

static void
show_dialog (AushangWindow *window,
             gpointer       data)
{
  GFile *file = data;
  AushangHistoryDialog *dialog;

  if (window->site == NULL || window->file == NULL || !g_file_equal (window->file, file))
    return;

  dialog = aushang_history_dialog_new (GTK_WINDOW (window), window->site, file);
  g_object_set_data_full (G_OBJECT (dialog), "aushang-history-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "restore", G_CALLBACK (restore_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
earlier_versions_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  AushangWindow *window = AUSHANG_WINDOW (user_data);

  if (window->site == NULL || window->file == NULL || window->is_new)
    return;

  /* Unsaved changes are saved or given up first: nothing is mixed. */
  aushang_window_after_unsaved_changes (window, show_dialog, g_object_ref (window->file), g_object_unref);
}

static const GActionEntry history_actions[] = {
  { "earlier-versions", earlier_versions_action },
};

static void
enable (AushangWindow *window,
        gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), "earlier-versions");

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
aushang_history_install (GtkWidget *widget)
{
  AushangWindow *window = AUSHANG_WINDOW (widget);
  g_autoptr(GMenuItem) item = NULL;

  g_action_map_add_action_entries (G_ACTION_MAP (window), history_actions,
                                   G_N_ELEMENTS (history_actions), window);
  enable (window, FALSE);

  /* In the document's menu, after its first section. */
  if (G_IS_MENU (window->document_menu))
    {
      g_autoptr(GMenu) section = g_menu_new ();

      item = g_menu_item_new (_("_Earlier Versions…"), "win.earlier-versions");
      g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
      g_menu_append_item (section, item);
      g_menu_insert_section (G_MENU (window->document_menu), 1, NULL, G_MENU_MODEL (section));
    }
}

static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AushangWindow *window = AUSHANG_WINDOW (source);
  GFile *file = user_data;
  g_autoptr(GPtrArray) versions = g_task_propagate_pointer (G_TASK (result), NULL);

  if (versions != NULL && versions->len > 0 && window->file != NULL && !window->is_new &&
      g_file_equal (window->file, file))
    enable (window, TRUE);
  g_object_unref (file);
}

void
aushang_history_document_shown (GtkWidget *widget)
{
  AushangWindow *window = AUSHANG_WINDOW (widget);

  enable (window, FALSE);
  if (window->site == NULL || window->file == NULL || window->is_new)
    return;

  run_job (window, NULL, aushang_site_get_folder (window->site), window->file, NULL, 1,
           shown_cb, g_object_ref (window->file));
}
