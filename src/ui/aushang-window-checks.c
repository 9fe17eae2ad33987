/* aushang-window-checks.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-window"

#include "config.h"

#include "aushang-check.h"
#include "aushang-window-private.h"

/* Checks, a little after the last change. Reading a long document for
 * its links and images takes longer than a frame, so the checks after a
 * change run in a thread: on a document of their own made from a copy of
 * the text, and with a site index of their own (AushangSite fills its
 * indexes lazily and is reloaded in place: not to be read by two
 * threads). A result arrives on the main thread and is shown only where
 * the text has not changed since it was taken; else the next check,
 * already scheduled, follows. */

typedef struct
{
  GBytes          *data;
  GFile           *file;          /* the document's, or NULL */
  GFile           *folder;        /* the site's, or NULL */
  AushangSite     *site;          /* the thread's own index, or NULL */
  AushangDocument *document;      /* the live one: only compared with */
  AushangSite     *window_site;   /* likewise */
  guint            changes;
  guint            generation;
  GPtrArray       *diagnostics;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_clear_pointer (&job->data, g_bytes_unref);
  g_clear_object (&job->file);
  g_clear_object (&job->folder);
  g_clear_object (&job->site);
  g_clear_object (&job->document);
  g_clear_object (&job->window_site);
  g_clear_pointer (&job->diagnostics, g_ptr_array_unref);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  g_autoptr(AushangDocument) document = NULL;
  gsize length;
  const char *data = g_bytes_get_data (job->data, &length);

  if (job->site == NULL && job->folder != NULL)
    job->site = aushang_site_new (job->folder, NULL);
  document = aushang_document_new_from_data (data != NULL ? data : "", length);
  job->diagnostics = aushang_check_document (document, job->file, job->site);
  g_task_return_boolean (task, TRUE);
}

static void
show_diagnostics (AushangWindow *self,
                  GPtrArray     *diagnostics)
{
  if (diagnostics != NULL)
    g_ptr_array_ref (diagnostics);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = diagnostics;
  aushang_form_show_diagnostics (self->form, diagnostics);
}

static void start_check (AushangWindow *self);

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AushangWindow *self = AUSHANG_WINDOW (source);
  CheckJob *job = g_task_get_task_data (G_TASK (result));

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  self->check_running = FALSE;
  self->checks_finished++;

  /* The index goes back for the next check, unless the window's site
   * was read anew or another opened meanwhile. */
  if (job->window_site == self->site && job->generation == self->site_generation &&
      self->check_site == NULL)
    self->check_site = g_steal_pointer (&job->site);

  /* Only for the text as it still is. */
  if (job->document == self->document && job->changes == self->check_changes &&
      self->document != NULL && self->data_file == NULL)
    show_diagnostics (self, job->diagnostics);

  if (self->check_again)
    {
      self->check_again = FALSE;
      start_check (self);
    }
}

static void
start_check (AushangWindow *self)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  if (self->document == NULL || self->data_file != NULL)
    return;
  if (self->check_running)
    {
      self->check_again = TRUE;
      return;
    }

  aushang_editor_sync (self->editor);

  job = g_new0 (CheckJob, 1);
  job->data = aushang_document_serialize (self->document);
  job->file = self->file ? g_file_dup (self->file) : NULL;
  job->document = g_object_ref (self->document);
  job->changes = self->check_changes;
  if (self->site != NULL)
    {
      job->window_site = g_object_ref (self->site);
      job->generation = self->site_generation;
      job->folder = g_file_dup (aushang_site_get_folder (self->site));
      if (self->check_site_generation == self->site_generation)
        job->site = g_steal_pointer (&self->check_site);
      g_clear_object (&self->check_site);
      self->check_site_generation = self->site_generation;
    }

  if (self->check_cancellable == NULL)
    self->check_cancellable = g_cancellable_new ();
  self->check_running = TRUE;
  task = g_task_new (self, self->check_cancellable, check_done_cb, NULL);
  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread);
}

static gboolean
run_check_cb (gpointer user_data)
{
  AushangWindow *self = user_data;

  self->check_source = 0;

  if (self->data_file != NULL)
    {
      aushang_window_run_data_check (self);
      return G_SOURCE_REMOVE;
    }

  start_check (self);

  return G_SOURCE_REMOVE;
}

/* A document just opened: its checks at once (with the window's site,
 * whose indexes it needs anyway). */
void
aushang_window_check_now (AushangWindow *self)
{
  g_autoptr(GPtrArray) diagnostics = NULL;

  /* What a check under way finds is out of date. */
  self->check_changes++;
  if (self->document == NULL)
    return;

  diagnostics = aushang_check_document (self->document, self->file, self->site);
  show_diagnostics (self, diagnostics);
}

void
aushang_window_schedule_check (AushangWindow *self)
{
  self->check_changes++;
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, run_check_cb, self);
}

/* The site was read anew: the checks' own index is out of date. */
void
aushang_window_forget_check_site (AushangWindow *self)
{
  self->site_generation++;
  g_clear_object (&self->check_site);
}

GPtrArray *
aushang_window_get_diagnostics (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), NULL);

  return self->diagnostics;
}

void
aushang_window_check (AushangWindow *self)
{
  g_return_if_fail (AUSHANG_IS_WINDOW (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  run_check_cb (self);
}

guint
aushang_window_get_checks_finished (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), 0);

  return self->checks_finished;
}

void
aushang_window_dispose_checks (AushangWindow *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->check_site);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
}
