/* aushang-window-data.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-accessible.h"
#include "aushang-check.h"
#include "aushang-entry-util.h"
#include "aushang-ics.h"
#include "aushang-publish-dialog.h"
#include "aushang-recovery.h"
#include "aushang-safe-file.h"
#include "aushang-slug.h"
#include "aushang-yaml.h"
#include "aushang-window-private.h"

/* The window's data lists: the site's _data files, read when the site
 * opens and edited in memory; the one shown is saved, asked about and
 * kept safe from crashes the way a document is. */

#define SAVED_TEXT "aushang-saved-text"

/* Remembers the text as it is on disk, so that edits that lead back to it
 * (hiding and showing again) leave nothing to save. */
static void
remember_saved_text (AushangDataFile *data_file)
{
  g_object_set_data_full (G_OBJECT (data_file), SAVED_TEXT,
                          g_strdup (aushang_data_file_get_text (data_file)), g_free);
}

void
aushang_window_load_data_files (AushangWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;

  g_clear_pointer (&self->data_files, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable_data, g_ptr_array_unref);
  self->data_files = g_ptr_array_new_with_free_func (g_object_unref);
  self->unreadable_data = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->site != NULL)
    files = aushang_site_list_data_files (self->site);

  /* One that cannot be read at all (too large, not text) is listed with
   * its reason, never left out: Jekyll may stop building because of it. */
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GFile *file = g_ptr_array_index (files, i);
      AushangDataFile *data_file = aushang_data_file_load (file, &error);

      if (data_file != NULL)
        {
          remember_saved_text (data_file);
          g_ptr_array_add (self->data_files, data_file);
        }
      else
        {
          g_object_set_data_full (G_OBJECT (file), AUSHANG_SITE_SIDEBAR_REASON,
                                  g_strdup (error->message), g_free);
          g_ptr_array_add (self->unreadable_data, g_object_ref (file));
        }
    }

  aushang_site_sidebar_set_unreadable_files (self->sidebar, self->unreadable_data);
  aushang_site_sidebar_set_data_files (self->sidebar, self->data_files);
}

static GFile *
find_unreadable (AushangWindow *self,
                 GFile         *file)
{
  for (guint i = 0; self->unreadable_data != NULL && i < self->unreadable_data->len; i++)
    if (g_file_equal (g_ptr_array_index (self->unreadable_data, i), file))
      return g_ptr_array_index (self->unreadable_data, i);

  return NULL;
}

/* Shows why a data file cannot be read, in place of a document. */
static void
show_unreadable_now (AushangWindow *self,
                     gpointer       data)
{
  GFile *file = find_unreadable (self, data);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (file == NULL)
    return;

  aushang_window_set_document (self, NULL, NULL, FALSE);
  name = g_file_get_basename (file);
  /* Translators: %s is a file name such as plan.yml. */
  description = g_strdup_printf (_("%s\n\nAushang shows and changes only text files of up to 16 MB. Open the file in another program to see what it holds; Jekyll may not build the site with it."),
                                 (const char *) g_object_get_data (G_OBJECT (file), AUSHANG_SITE_SIDEBAR_REASON));
  {
    /* Translators: %s is a file name such as plan.yml. */
    g_autofree char *title = g_strdup_printf (_("“%s” Cannot Be Read"), name);

    adw_status_page_set_title (self->unreadable_page, title);
  }
  adw_status_page_set_description (self->unreadable_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "unreadable");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  aushang_site_sidebar_select_entry (self->sidebar, file, -1);
}

/* A data list as the site names it (as the sidebar does), else by its
 * file's name. */
char *
aushang_window_dup_data_label (AushangWindow   *self,
                               AushangDataFile *data_file)
{
  char *label = self->site ? aushang_site_dup_data_label (self->site, aushang_data_file_get_name (data_file))
                           : NULL;

  return label ? label : aushang_data_file_dup_label (data_file);
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
    return aushang_window_dup_data_label (self, self->data_file);

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
  const char *saved = g_object_get_data (G_OBJECT (data_file), SAVED_TEXT);

  if (saved != NULL && g_strcmp0 (saved, aushang_data_file_get_text (data_file)) == 0)
    aushang_data_file_set_modified (data_file, FALSE);

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
      /* Its new rows and their list get names a screen reader can say. */
      aushang_accessible_tidy (GTK_WIDGET (self->entry_form));
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
    {
      if (find_unreadable (self, file) != NULL)
        aushang_window_after_unsaved_changes (self, show_unreadable_now, g_object_ref (file), g_object_unref);
      return;
    }

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

  remember_saved_text (self->data_file);
  aushang_window_forget_recovery (self, self->file);
  aushang_window_update_title (self);
  aushang_window_toast (self, _("Saved"));
  aushang_publish_refresh_changes (GTK_WIDGET (self));

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
      remember_saved_text (self->data_file);
      aushang_window_forget_recovery (self, self->file);
      aushang_window_update_title (self);
      aushang_window_toast (self, _("Saved"));
      aushang_publish_refresh_changes (GTK_WIDGET (self));
    }
  else
    aushang_window_report_data_save_error (self, error);
}

void
aushang_window_report_data_save_error (AushangWindow *self,
                                       GError        *error)
{
  aushang_window_show_save_error (self, error,
                                  g_error_matches (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_CHANGED_ON_DISK),
                                  _("The List Was Not Saved"),
                                  _("Your changes are still here, and a copy is kept in case Aushang closes. Try saving again once the problem is solved."),
                                  G_CALLBACK (overwrite_response_cb));
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
          /* A restored copy: what is on disk is what the old one read. */
          if (g_object_get_data (G_OBJECT (data_file), SAVED_TEXT) == NULL)
            g_object_set_data_full (G_OBJECT (data_file), SAVED_TEXT,
                                    g_strdup (g_object_get_data (G_OBJECT (old), SAVED_TEXT)), g_free);
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

  remember_saved_text (again);
  aushang_window_replace_data_file (self, again);
}

/* Actions ---------------------------------------------------------------------- */

static gboolean
showing_entry (AushangWindow *self)
{
  return self->data_file != NULL && self->entry >= 0 &&
         aushang_data_file_get_kind (self->data_file) == AUSHANG_DATA_FILE_ENTRIES;
}

static void
report_action_error (AushangWindow *self,
                     GError        *error)
{
  if (error != NULL)
    aushang_window_toast (self, error->message);
}

/* A new entry, where the list's order puts it: its title (or name), and
 * for a dated list today's date, written as the list writes dates. */
gboolean
aushang_window_new_entry (AushangWindow  *self,
                          GError        **error)
{
  AushangSchema *schema;
  g_autoptr(AushangValue) entry = aushang_value_new_map ();
  const char *date_key;
  gint index;

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->data_file == NULL || aushang_data_file_get_kind (self->data_file) != AUSHANG_DATA_FILE_ENTRIES)
    return TRUE;

  schema = aushang_data_file_get_schema (self->data_file);
  date_key = aushang_data_file_get_date_key (self->data_file, NULL);

  if (aushang_schema_get_field (schema, "title") != NULL)
    aushang_value_map_insert (entry, "title",
                              aushang_value_new_string (date_key ? _("New event") : _("New entry")));
  else if (aushang_schema_get_field (schema, "name") != NULL)
    aushang_value_map_insert (entry, "name", aushang_value_new_string (_("New entry")));

  if (date_key != NULL)
    {
      /* Today where the site is: Jekyll's site.time, with which its
       * pages tell upcoming events from past ones, is in that zone. */
      g_autoptr(GTimeZone) zone = aushang_site_dup_time_zone (self->site);
      g_autoptr(GDateTime) today = g_date_time_new_now (zone);
      g_autofree char *text = g_date_time_format (today, "%Y-%m-%d");
      AushangValue *date = aushang_data_file_value_from_text (self->data_file, date_key, text);

      if (date != NULL)
        aushang_value_map_insert (entry, date_key, date);
    }

  /* A switch every entry has starts off ("featured: false"). */
  {
    GPtrArray *fields = aushang_schema_get_fields (schema);

    for (guint i = 0; i < fields->len; i++)
      {
        AushangField *field = g_ptr_array_index (fields, i);

        if (field->kind == AUSHANG_FIELD_BOOLEAN && field->required)
          aushang_value_map_insert (entry, field->key, aushang_value_new_boolean (FALSE));
      }
  }

  index = aushang_data_file_add_entry (self->data_file, entry, error);
  if (index < 0)
    return FALSE;

  aushang_window_show_data_file (self, self->data_file, index);

  /* The person types the title first. */
  {
    GtkWidget *title = aushang_entry_form_get_field_widget (self->entry_form, "title");

    if (title == NULL)
      title = aushang_entry_form_get_field_widget (self->entry_form, "name");
    if (title != NULL)
      gtk_widget_grab_focus (title);
  }

  return TRUE;
}

static void
new_entry_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_new_entry (self, &error))
    report_action_error (self, error);
}

static void
duplicate_entry_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;
  int index = self->entry;

  if (!showing_entry (self))
    return;

  if (!aushang_data_file_duplicate_entry (self->data_file, index, &error))
    {
      report_action_error (self, error);
      return;
    }

  aushang_window_show_data_file (self, self->data_file, index + 1);
  aushang_window_toast (self, _("Duplicated. The copy follows the original."));
}

static void
forget_removed (AushangWindow *self)
{
  g_clear_object (&self->removed_from);
  g_clear_pointer (&self->removed_before, g_free);
  g_clear_pointer (&self->removed_after, g_free);
  g_clear_pointer (&self->removed_entry, aushang_value_unref);
}

gboolean
aushang_window_remove_entry (AushangWindow  *self,
                             GError        **error)
{
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  AushangValue *entry;
  gboolean was_modified;
  char *before;
  AdwToast *toast;
  int index = self->entry;
  guint n;

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (!showing_entry (self))
    return TRUE;

  entry = aushang_data_file_get_entry (self->data_file, index, NULL, NULL, NULL);
  title = aushang_entry_dup_title (entry, index);
  before = g_strdup (aushang_data_file_get_text (self->data_file));
  was_modified = aushang_data_file_get_modified (self->data_file);
  entry = entry ? aushang_value_ref (entry) : NULL;

  if (!aushang_data_file_remove_entry (self->data_file, index, error))
    {
      g_free (before);
      g_clear_pointer (&entry, aushang_value_unref);
      return FALSE;
    }

  /* Kept until the next removal: the undo puts the very bytes back. */
  forget_removed (self);
  self->removed_from = g_object_ref (self->data_file);
  self->removed_before = before;
  self->removed_after = g_strdup (aushang_data_file_get_text (self->data_file));
  self->removed_entry = entry;
  self->removed_index = index;
  self->removed_was_modified = was_modified;

  n = aushang_data_file_get_n_entries (self->data_file);
  aushang_window_show_data_file (self, self->data_file, n == 0 ? -1 : MIN (index, (int) n - 1));

  /* Translators: %s is the title of the entry taken away. */
  message = g_strdup_printf (_("“%s” removed"), title);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove-entry");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  aushang_window_update_data_actions (self);

  return TRUE;
}

static void
remove_entry_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_remove_entry (self, &error))
    report_action_error (self, error);
}

gboolean
aushang_window_undo_remove_entry (AushangWindow  *self,
                                  GError        **error)
{
  g_autoptr(AushangDataFile) data_file = NULL;
  guint index;

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->removed_from == NULL)
    return TRUE;

  data_file = g_object_ref (self->removed_from);
  index = self->removed_index;

  /* Nothing changed since: the file as it was, byte for byte. Else the
   * entry goes back where it was, written the way the list writes. */
  if (g_strcmp0 (aushang_data_file_get_text (data_file), self->removed_after) == 0)
    {
      if (!aushang_data_file_replace_text (data_file, self->removed_before, error))
        return FALSE;
      aushang_data_file_set_modified (data_file, self->removed_was_modified);
    }
  else if (!aushang_data_file_insert_entry (data_file, MIN (index, aushang_data_file_get_n_entries (data_file)),
                                            self->removed_entry, error))
    return FALSE;

  forget_removed (self);

  if (data_file == self->data_file)
    aushang_window_show_data_file (self, data_file, index);
  else
    aushang_site_sidebar_update_data_file (self->sidebar, data_file);
  aushang_window_update_data_actions (self);

  return TRUE;
}

static void
undo_remove_entry_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_undo_remove_entry (self, &error))
    report_action_error (self, error);
}

gboolean
aushang_window_set_entry_hidden (AushangWindow  *self,
                                 gboolean        hidden,
                                 GError        **error)
{
  gboolean is_hidden = FALSE;
  gboolean ok;

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (!showing_entry (self))
    return TRUE;

  aushang_data_file_get_entry (self->data_file, self->entry, &is_hidden, NULL, NULL);
  if (is_hidden == hidden)
    return TRUE;

  ok = hidden ? aushang_data_file_hide_entry (self->data_file, self->entry, error)
              : aushang_data_file_show_entry (self->data_file, self->entry, error);
  if (!ok)
    return FALSE;

  aushang_window_show_data_file (self, self->data_file, self->entry);
  aushang_window_toast (self, hidden ? _("Hidden: the website no longer shows this entry")
                                     : _("Shown on the website again"));

  return TRUE;
}

static void
hide_entry_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_set_entry_hidden (self, TRUE, &error))
    report_action_error (self, error);
}

static void
show_entry_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_set_entry_hidden (self, FALSE, &error))
    report_action_error (self, error);
}

static void
toggle_entry_hidden_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean hidden = FALSE;

  if (!showing_entry (self))
    return;

  aushang_data_file_get_entry (self->data_file, self->entry, &hidden, NULL, NULL);
  if (!aushang_window_set_entry_hidden (self, !hidden, &error))
    report_action_error (self, error);
}

static void
move_entry (AushangWindow *self,
            int            by)
{
  g_autoptr(GError) error = NULL;
  int to = self->entry + by;

  if (!showing_entry (self) || to < 0 || (guint) to >= aushang_data_file_get_n_entries (self->data_file))
    return;

  if (!aushang_data_file_move_entry (self->data_file, self->entry, to, &error))
    {
      report_action_error (self, error);
      return;
    }

  aushang_window_show_data_file (self, self->data_file, to);
}

static void
move_entry_up_action (AushangWindow *self)
{
  move_entry (self, -1);
}

static void
move_entry_down_action (AushangWindow *self)
{
  move_entry (self, 1);
}

/* iCalendar --------------------------------------------------------------------- */

gboolean
aushang_window_export_ics (AushangWindow  *self,
                           int             index,
                           GFile          *target,
                           GError        **error)
{
  AushangValue *config = self->site ? aushang_site_get_config (self->site) : NULL;
  AushangValue *zone = NULL;
  AushangValue *url = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *path = g_file_get_path (target);

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->data_file != NULL, FALSE);

  if (config != NULL && aushang_value_get_kind (config) == AUSHANG_VALUE_MAP)
    {
      zone = aushang_value_lookup (config, "timezone");
      url = aushang_value_lookup (config, "url");
    }

  ics = aushang_ics_write (self->data_file, index,
                           zone && aushang_value_get_kind (zone) == AUSHANG_VALUE_STRING
                           ? aushang_value_get_string (zone) : NULL,
                           url && aushang_value_get_kind (url) == AUSHANG_VALUE_STRING
                           ? aushang_value_get_string (url) : NULL,
                           error);
  if (ics == NULL)
    return FALSE;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only folders on this computer can be written to."));
      return FALSE;
    }

  return aushang_safe_file_write (path, ics, strlen (ics), AUSHANG_SAFE_FILE_NONE, NULL, error);
}

static void
ics_chooser_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         AushangWindow   *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "aushang-index"));
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->data_file == NULL)
    return;

  target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (target == NULL)
    return;

  if (!aushang_window_export_ics (self, index, target, &error))
    report_action_error (self, error);
  else
    {
      g_autofree char *name = g_file_get_basename (target);
      /* Translators: %s is a file name, such as veranstaltungen.ics. */
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

      aushang_window_toast (self, message);
    }
}

static void
export (AushangWindow *self,
        int            index)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *slug = NULL;
  g_autofree char *name = NULL;

  if (self->data_file == NULL)
    return;

  if (index >= 0)
    {
      g_autofree char *title = aushang_window_dup_data_title (self);

      slug = aushang_slugify (title);
    }
  else
    {
      g_autofree char *label = aushang_window_dup_data_label (self, self->data_file);

      slug = aushang_slugify (label);
    }
  name = g_strconcat (slug && *slug ? slug : "termine", ".ics", NULL);

  chooser = gtk_file_chooser_native_new (index >= 0 ? _("Export Event") : _("Export Upcoming Events"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "aushang-index", GINT_TO_POINTER (index));
  g_signal_connect_object (chooser, "response", G_CALLBACK (ics_chooser_response_cb), self, 0);

  if (self->ics_chooser != NULL)
    gtk_native_dialog_destroy (self->ics_chooser);
  g_clear_object (&self->ics_chooser);
  self->ics_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->ics_chooser);
}

static void
export_event_action (AushangWindow *self)
{
  if (showing_entry (self))
    export (self, self->entry);
}

static void
export_upcoming_action (AushangWindow *self)
{
  export (self, -1);
}

static const struct
{
  const char *name;
  void      (*activate) (AushangWindow *self);
} data_actions[] = {
  { "new-entry", new_entry_action },
  { "duplicate-entry", duplicate_entry_action },
  { "remove-entry", remove_entry_action },
  { "undo-remove-entry", undo_remove_entry_action },
  { "hide-entry", hide_entry_action },
  { "show-entry", show_entry_action },
  { "toggle-entry-hidden", toggle_entry_hidden_action },
  { "move-entry-up", move_entry_up_action },
  { "move-entry-down", move_entry_down_action },
  { "export-event", export_event_action },
  { "export-upcoming", export_upcoming_action },
  { "add-to-calendar", aushang_window_add_to_calendar_action },
};

static void
data_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint i = 0; i < G_N_ELEMENTS (data_actions); i++)
    if (g_strcmp0 (data_actions[i].name, name) == 0)
      data_actions[i].activate (AUSHANG_WINDOW (user_data));
}

void
aushang_window_dispose_data (AushangWindow *self)
{
  forget_removed (self);
  if (self->ics_chooser != NULL)
    gtk_native_dialog_destroy (self->ics_chooser);
  g_clear_object (&self->ics_chooser);
}

void
aushang_window_add_data_actions (AushangWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (data_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (data_actions[i].name, NULL);

      g_signal_connect (action, "activate", G_CALLBACK (data_action_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  aushang_window_update_data_actions (self);
}

static void
enable (AushangWindow *self,
        const char    *name,
        gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
aushang_window_update_data_actions (AushangWindow *self)
{
  gboolean entries = self->data_file != NULL &&
                     aushang_data_file_get_kind (self->data_file) == AUSHANG_DATA_FILE_ENTRIES;
  gboolean entry = showing_entry (self);
  gboolean hidden = FALSE;
  gboolean dated = entries && aushang_data_file_get_date_key (self->data_file, NULL) != NULL;
  guint n = entries ? aushang_data_file_get_n_entries (self->data_file) : 0;

  if (entry)
    aushang_data_file_get_entry (self->data_file, self->entry, &hidden, NULL, NULL);

  enable (self, "new-entry", entries);
  enable (self, "duplicate-entry", entry && !hidden);
  enable (self, "remove-entry", entry);
  enable (self, "undo-remove-entry", self->removed_from != NULL);
  enable (self, "hide-entry", entry && !hidden);
  enable (self, "show-entry", entry && hidden);
  enable (self, "toggle-entry-hidden", entry);
  enable (self, "move-entry-up", entry && self->entry > 0);
  enable (self, "move-entry-down", entry && (guint) self->entry + 1 < n);
  enable (self, "export-event", entry && dated && !hidden);
  enable (self, "export-upcoming", dated);
  enable (self, "add-to-calendar", self->document != NULL && !self->is_new &&
                                    aushang_window_find_event_list (self) != NULL);

  if (self->entry_menu_button != NULL)
    {
      gtk_widget_set_visible (self->entry_menu_button, entries);
      gtk_widget_set_visible (self->new_entry_button, entries);
    }
}

/* Links between announcements and entries ---------------------------------------- */

/* The site's event calendar: a data list of dated entries, the one named
 * for events where there are several. */
AushangDataFile *
aushang_window_find_event_list (AushangWindow *self)
{
  static const char * const names[] = {
    "events", "event", "termine", "veranstaltungen", "kalender", "calendar", NULL
  };
  AushangDataFile *found = NULL;

  for (guint i = 0; self->data_files != NULL && i < self->data_files->len; i++)
    {
      AushangDataFile *data_file = g_ptr_array_index (self->data_files, i);
      g_autofree char *name = NULL;

      if (aushang_data_file_get_kind (data_file) != AUSHANG_DATA_FILE_ENTRIES ||
          aushang_data_file_get_date_key (data_file, NULL) == NULL)
        continue;

      name = g_ascii_strdown (aushang_data_file_get_name (data_file), -1);
      if (g_strv_contains (names, name))
        return data_file;
      if (found == NULL)
        found = data_file;
    }

  return found;
}

/* Whether @value (a link of an entry) leads to the document @file. */
static gboolean
links_to (AushangWindow *self,
          AushangValue  *value,
          GFile         *file)
{
  g_autoptr(GFile) page = NULL;
  const char *text;

  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
    return FALSE;

  text = aushang_value_get_string (value);
  if (text[0] != '/' && !g_str_has_prefix (text, "{{"))
    return FALSE;

  page = aushang_site_find_page (self->site, text);

  return page != NULL && g_file_equal (page, file);
}

static void
entry_link_free (AushangEntryLink *link)
{
  g_free (link->title);
  g_free (link->subtitle);
  g_clear_object (&link->data_file);
  g_free (link);
}

/* The entries of the data lists that link to @file. */
static GPtrArray *
find_entry_links (AushangWindow *self,
                  GFile         *file)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_link_free);

  for (guint i = 0; self->site != NULL && self->data_files != NULL && i < self->data_files->len; i++)
    {
      AushangDataFile *data_file = g_ptr_array_index (self->data_files, i);
      guint n;

      if (aushang_data_file_get_kind (data_file) != AUSHANG_DATA_FILE_ENTRIES)
        continue;

      n = aushang_data_file_get_n_entries (data_file);
      for (guint j = 0; j < n; j++)
        {
          gboolean hidden = FALSE;
          AushangValue *entry = aushang_data_file_get_entry (data_file, j, &hidden, NULL, NULL);

          if (entry == NULL || aushang_value_get_kind (entry) != AUSHANG_VALUE_MAP)
            continue;

          for (guint k = 0; k < aushang_value_get_length (entry); k++)
            {
              if (links_to (self, aushang_value_get_item (entry, k), file))
                {
                  AushangEntryLink *link = g_new0 (AushangEntryLink, 1);
                  g_autoptr(GDateTime) date = aushang_data_file_dup_entry_date (data_file, j);
                  g_autofree char *label = aushang_window_dup_data_label (self, data_file);

                  link->title = aushang_entry_dup_title (entry, j);
                  if (date != NULL)
                    {
                      g_autofree char *day = g_date_time_format (date, _("%b %-d, %Y"));

                      link->subtitle = hidden ? g_strdup_printf (_("%s, %s, hidden"), label, day)
                                              : g_strdup_printf ("%s, %s", label, day);
                    }
                  else
                    link->subtitle = hidden ? g_strdup_printf (_("%s, hidden"), label)
                                            : g_strdup (label);
                  link->data_file = g_object_ref (aushang_data_file_get_file (data_file));
                  link->index = (int) j;
                  g_ptr_array_add (links, link);
                  break;
                }
            }
        }
    }

  return links;
}

void
aushang_window_update_linked_entries (AushangWindow *self)
{
  g_autoptr(GPtrArray) links = NULL;

  if (self->document == NULL || self->file == NULL || self->is_new || self->site == NULL)
    {
      aushang_form_set_entry_links (self->form, NULL, FALSE);
      return;
    }

  links = find_entry_links (self, self->file);
  aushang_form_set_entry_links (self->form, links, aushang_window_find_event_list (self) != NULL);
}

void
aushang_window_form_open_entry_cb (AushangWindow *self,
                                   GFile         *data_file,
                                   int            index,
                                   GtkWidget     *form)
{
  aushang_window_select_entry (self, data_file, index);
}

/* The calendar entry for the announcement shown: its title, its teaser as
 * the description, its date and time as the list writes them, and its
 * own address as the link. */
static AushangValue *
entry_for_announcement (AushangWindow   *self,
                        AushangDataFile *events)
{
  AushangFrontMatter *front_matter = aushang_document_get_front_matter (self->document);
  AushangSchema *schema = aushang_data_file_get_schema (events);
  GPtrArray *fields = aushang_schema_get_fields (schema);
  const char *date_key = aushang_data_file_get_date_key (events, NULL);
  const char *link_key = NULL;
  AushangValue *entry = aushang_value_new_map ();
  AushangValue *value;
  g_autofree char *url = aushang_site_dup_url (self->site, self->file);
  g_autoptr(GDateTime) date = NULL;
  static const char * const teaser_keys[] = { "teaser", "excerpt", "description", "subtitle", NULL };

  value = front_matter ? aushang_front_matter_get (front_matter, "title") : NULL;
  if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    aushang_value_map_insert (entry, aushang_schema_get_field (schema, "name") != NULL &&
                                     aushang_schema_get_field (schema, "title") == NULL ? "name" : "title",
                              aushang_value_new_string (aushang_value_get_string (value)));

  for (guint i = 0; front_matter != NULL && teaser_keys[i] != NULL; i++)
    {
      value = aushang_front_matter_get (front_matter, teaser_keys[i]);
      if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING &&
          *aushang_value_get_string (value) != '\0')
        {
          aushang_value_map_insert (entry, "description",
                                    aushang_value_new_string (aushang_value_get_string (value)));
          break;
        }
    }

  value = front_matter ? aushang_front_matter_get (front_matter, "date") : NULL;
  if (value != NULL)
    {
      if (aushang_value_get_kind (value) == AUSHANG_VALUE_DATE ||
          aushang_value_get_kind (value) == AUSHANG_VALUE_DATETIME)
        date = aushang_value_dup_date_time (value);
      else if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
        aushang_yaml_parse_jekyll_date (aushang_value_get_string (value), &date);
    }
  if (date != NULL && date_key != NULL)
    {
      g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
      AushangValue *written = aushang_data_file_value_from_text (events, date_key, text);
      AushangField *time = aushang_schema_get_field (schema, "time");

      if (written != NULL)
        aushang_value_map_insert (entry, date_key, written);

      /* A date with a time of its own gives the time too. */
      if (time != NULL && time->kind == AUSHANG_FIELD_TIME &&
          aushang_value_get_kind (value) == AUSHANG_VALUE_DATETIME &&
          (g_date_time_get_hour (date) != 0 || g_date_time_get_minute (date) != 0))
        {
          g_autofree char *clock = g_date_time_format (date, "%H:%M");

          aushang_value_map_insert (entry, "time", aushang_value_new_string (clock));
        }
    }

  /* The link: the list's field for links to pages of the site. */
  for (guint i = 0; i < fields->len && link_key == NULL; i++)
    {
      AushangField *field = g_ptr_array_index (fields, i);

      if (field->kind == AUSHANG_FIELD_URL)
        link_key = field->key;
    }
  if (url != NULL)
    {
      aushang_value_map_insert (entry, link_key ? link_key : "url", aushang_value_new_string (url));
      if (aushang_schema_get_field (schema, "link_text") != NULL)
        /* Translators: the text of an event's link to its announcement. */
        aushang_value_map_insert (entry, "link_text", aushang_value_new_string (_("To the announcement")));
    }

  return entry;
}

typedef struct
{
  GFile        *events;
  AushangValue *entry;
} CalendarRequest;

static void
calendar_request_free (gpointer data)
{
  CalendarRequest *request = data;

  g_clear_object (&request->events);
  g_clear_pointer (&request->entry, aushang_value_unref);
  g_free (request);
}

static void
add_to_calendar_now (AushangWindow *self,
                     gpointer       data)
{
  CalendarRequest *request = data;
  AushangDataFile *events = aushang_window_find_data_file (self, request->events);
  g_autoptr(GError) error = NULL;
  gint index;

  if (events == NULL)
    return;

  index = aushang_data_file_add_entry (events, request->entry, &error);
  if (index < 0)
    {
      report_action_error (self, error);
      return;
    }

  aushang_window_show_data_file (self, events, index);
  aushang_window_toast (self, _("Added to the event calendar. Check the time and place, then save."));
}

gboolean
aushang_window_add_to_calendar (AushangWindow  *self,
                                GError        **error)
{
  AushangDataFile *events;
  g_autoptr(GPtrArray) links = NULL;
  CalendarRequest *request;

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->document == NULL || self->is_new || self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Save the announcement first: its entry links to its address on the website."));
      return FALSE;
    }

  events = aushang_window_find_event_list (self);
  if (events == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The site has no event calendar: no list of dated entries in _data."));
      return FALSE;
    }

  /* Already there: open it, rather than a second entry. */
  links = find_entry_links (self, self->file);
  for (guint i = 0; i < links->len; i++)
    {
      AushangEntryLink *link = g_ptr_array_index (links, i);

      if (g_file_equal (link->data_file, aushang_data_file_get_file (events)))
        {
          aushang_window_select_entry (self, link->data_file, link->index);
          return TRUE;
        }
    }

  request = g_new0 (CalendarRequest, 1);
  request->events = g_object_ref (aushang_data_file_get_file (events));
  request->entry = entry_for_announcement (self, events);
  aushang_window_after_unsaved_changes (self, add_to_calendar_now, request, calendar_request_free);

  return TRUE;
}

void
aushang_window_add_to_calendar_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_add_to_calendar (self, &error))
    report_action_error (self, error);
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
