/* aushang-window-documents.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-history-dialog.h"
#include "aushang-recovery.h"
#include "aushang-safe-file.h"
#include "aushang-slug.h"
#include "aushang-window-private.h"

/* What a person does with a whole document besides editing it: copy it,
 * start a new one from it (as the editorial guides tell staff to do), or
 * move it to the trash, with an undo. */

/* The name part and extension of @file's name ("repair-cafe", "md"). */
static void
split_name (GFile  *file,
            char  **stem,
            char  **extension)
{
  g_autofree char *name = g_file_get_basename (file);
  const char *dot = strrchr (name, '.');

  *stem = dot && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
  *extension = dot && dot != name ? g_strdup (dot + 1) : g_strdup ("md");
}

/* Today, in the way @value writes a date (a date, or a date and time
 * with its clock time and zone). */
static AushangValue *
today_like (AushangValue *value)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_DATETIME)
    {
      g_autoptr(GDateTime) old = aushang_value_dup_date_time (value);

      return aushang_value_new_datetime (g_date_time_get_year (now), g_date_time_get_month (now),
                                         g_date_time_get_day_of_month (now),
                                         g_date_time_get_hour (old), g_date_time_get_minute (old), 0,
                                         aushang_value_get_has_offset (value),
                                         (int) (g_date_time_get_utc_offset (old) / G_TIME_SPAN_SECOND));
    }

  return aushang_value_new_date (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now));
}

typedef struct
{
  GFile    *file;
  gboolean  as_template;
} CopyRequest;

static void
copy_request_free (gpointer data)
{
  CopyRequest *request = data;

  g_clear_object (&request->file);
  g_free (request);
}

static void
copy_now (AushangWindow *self,
          gpointer       data)
{
  CopyRequest *request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) source = aushang_document_load (request->file, &error);
  g_autoptr(AushangDocument) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) folder = g_file_get_parent (request->file);
  g_autoptr(GFile) target = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *name = NULL;
  AushangFrontMatter *front_matter;
  AushangCollection *collection;
  gsize length;
  const char *data_bytes;

  if (source == NULL)
    {
      aushang_window_toast (self, error->message);
      return;
    }

  bytes = aushang_document_serialize (source);
  data_bytes = g_bytes_get_data (bytes, &length);
  copy = aushang_document_new_from_data (data_bytes, length);
  front_matter = aushang_document_get_front_matter (copy);
  collection = self->site ? aushang_site_find_collection (self->site, request->file) : NULL;
  split_name (request->file, &stem, &extension);

  if (request->as_template && front_matter != NULL && aushang_front_matter_get_error (front_matter) == NULL)
    {
      /* Everything as in the model, but a title and date of its own. */
      const char *title = _("New document");
      AushangValue *date;

      /* Every edit reads the front matter anew: values are fetched after
       * it, never kept across it. */
      aushang_front_matter_set_string (front_matter, "title", title, NULL);
      date = aushang_front_matter_get (front_matter, "date");
      if (date != NULL)
        {
          g_autoptr(AushangValue) today = today_like (date);

          aushang_front_matter_set_value (front_matter, "date", today, NULL);
        }

      if (collection != NULL && collection->dated_names)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          name = aushang_post_file_name (now, title, extension);
        }
      else
        name = aushang_collection_file_name (title, extension);
    }
  else
    {
      /* Translators: added to a file name for a copy, as in
       * "repair-cafe-copy.md"; lower case, no spaces. */
      g_autofree char *suffix = aushang_slugify (_("copy"));

      name = g_strconcat (stem, "-", suffix, ".", extension, NULL);
    }

  target = aushang_unique_file (folder, name);
  if (target == NULL)
    {
      aushang_window_toast (self, _("There are too many documents of this name already."));
      return;
    }

  aushang_window_set_document (self, copy, target, TRUE);
  aushang_window_toast (self, request->as_template
                              ? _("A new document, like the other one. Save it to keep it.")
                              : _("A copy, not saved yet. Save it to keep it."));
}

gboolean
aushang_window_copy_document (AushangWindow  *self,
                              gboolean        as_template,
                              GError        **error)
{
  CopyRequest *request;

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->document == NULL || self->is_new || self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Save the document first; then it can be copied."));
      return FALSE;
    }

  /* From the document as it is saved: changes are saved or discarded first. */
  request = g_new0 (CopyRequest, 1);
  request->file = g_object_ref (self->file);
  request->as_template = as_template;
  aushang_window_after_unsaved_changes (self, copy_now, request, copy_request_free);

  return TRUE;
}

static void
duplicate_document_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_copy_document (self, FALSE, &error))
    aushang_window_toast (self, error->message);
}

static void
start_from_document_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_copy_document (self, TRUE, &error))
    aushang_window_toast (self, error->message);
}

/* Moving to the trash -------------------------------------------------------- */

static void
trash_now (AushangWindow *self,
           gpointer       data)
{
  GFile *file = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  AushangFrontMatter *front_matter;
  AdwToast *toast;
  gsize length = 0;

  if (path == NULL || !g_file_get_contents (path, &contents, &length, &error))
    {
      aushang_window_toast (self, error ? error->message : _("Only files on this computer can be moved to the trash."));
      return;
    }

  front_matter = self->document ? aushang_document_get_front_matter (self->document) : NULL;
  if (front_matter != NULL && aushang_front_matter_get (front_matter, "title") != NULL)
    title = aushang_value_to_display (aushang_front_matter_get (front_matter, "title"));
  else
    title = g_file_get_basename (file);

  /* The trash, never gone for good: where there is none, nothing happens. */
  if (!g_file_trash (file, NULL, &error))
    {
      /* Translators: %s says why, in the system's words. */
      g_autofree char *why = g_strdup_printf (_("The document was not moved to the trash: %s"), error->message);

      aushang_window_toast (self, why);
      return;
    }

  aushang_window_forget_recovery (self, file);
  aushang_window_close_current (self);
  aushang_window_refresh_site (self);

  /* Kept to put it back, byte for byte. */
  g_clear_object (&self->trashed_file);
  g_clear_pointer (&self->trashed_contents, g_bytes_unref);
  self->trashed_file = g_object_ref (file);
  self->trashed_contents = g_bytes_new_take (g_steal_pointer (&contents), length);

  /* Translators: %s is the title of a document moved to the trash. */
  message = g_strdup_printf (_("“%s” moved to the trash"), title);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-trash-document");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  aushang_window_update_document_actions (self);
}

gboolean
aushang_window_trash_document (AushangWindow  *self,
                               GError        **error)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->document == NULL || self->file == NULL)
    return TRUE;

  /* A new document is only given up. */
  if (self->is_new)
    {
      aushang_window_forget_recovery (self, self->file);
      aushang_document_set_modified (self->document, FALSE);
      aushang_window_close_current (self);
      return TRUE;
    }

  /* Unsaved changes are saved (so the undo brings them back) or dropped. */
  aushang_window_after_unsaved_changes (self, trash_now, g_object_ref (self->file), g_object_unref);

  return TRUE;
}

gboolean
aushang_window_undo_trash_document (AushangWindow  *self,
                                    GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->trashed_file == NULL)
    return TRUE;

  path = g_file_get_path (self->trashed_file);
  data = g_bytes_get_data (self->trashed_contents, &length);
  if (!aushang_safe_file_write (path, data ? data : "", length, AUSHANG_SAFE_FILE_NEW, NULL, error))
    return FALSE;

  file = g_steal_pointer (&self->trashed_file);
  g_clear_pointer (&self->trashed_contents, g_bytes_unref);
  aushang_window_refresh_site (self);
  aushang_window_select_file (self, file);
  aushang_window_update_document_actions (self);

  return TRUE;
}

static void
trash_document_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_trash_document (self, &error))
    aushang_window_toast (self, error->message);
}

static void
undo_trash_document_action (AushangWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!aushang_window_undo_trash_document (self, &error))
    aushang_window_toast (self, error->message);
}

/* Actions -------------------------------------------------------------------- */

static const struct
{
  const char *name;
  void      (*activate) (AushangWindow *self);
} document_actions[] = {
  { "duplicate-document", duplicate_document_action },
  { "start-from-document", start_from_document_action },
  { "trash-document", trash_document_action },
  { "undo-trash-document", undo_trash_document_action },
};

static void
document_action_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    if (g_strcmp0 (document_actions[i].name, name) == 0)
      document_actions[i].activate (AUSHANG_WINDOW (user_data));
}

/* "win.open-document" (the URI of a document of the site): opens it, as
 * the field naming it asks (related_post), after asking about unsaved
 * changes. */
static void
open_document_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AushangWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  g_autofree char *relative = self->site ? g_file_get_relative_path (aushang_site_get_folder (self->site), file)
                                         : NULL;

  /* Only the site's own files. */
  if (relative == NULL)
    return;

  aushang_window_select_file (self, file);
}

void
aushang_window_add_document_actions (AushangWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (document_actions[i].name, NULL);

      g_signal_connect (action, "activate", G_CALLBACK (document_action_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  {
    g_autoptr(GSimpleAction) open = g_simple_action_new ("open-document", G_VARIANT_TYPE_STRING);

    g_signal_connect (open, "activate", G_CALLBACK (open_document_cb), self);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (open));
  }

  aushang_history_install (GTK_WIDGET (self));
  aushang_window_update_document_actions (self);
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
aushang_window_update_document_actions (AushangWindow *self)
{
  gboolean saved = self->document != NULL && !self->is_new && self->file != NULL;

  enable (self, "duplicate-document", saved);
  enable (self, "start-from-document", saved);
  enable (self, "trash-document", self->document != NULL);
  enable (self, "undo-trash-document", self->trashed_file != NULL);
  aushang_history_document_shown (GTK_WIDGET (self));
}

void
aushang_window_dispose_documents (AushangWindow *self)
{
  g_clear_object (&self->trashed_file);
  g_clear_pointer (&self->trashed_contents, g_bytes_unref);
}

/* New documents */

gboolean
aushang_window_new_document (AushangWindow  *self,
                             const char     *collection_name,
                             const char     *title,
                             GError        **error)
{
  AushangCollection *collection;
  GSettings *settings = aushang_window_get_settings (self);
  g_autofree char *last_author = settings ? g_settings_get_string (settings, "last-author") : NULL;
  const char *authors[] = { last_author, NULL };
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->site != NULL, FALSE);

  collection = collection_name ? aushang_site_get_collection (self->site, collection_name)
                               : aushang_site_get_default_collection (self->site);
  if (collection == NULL)
    collection = aushang_site_get_collection (self->site, "posts");

  document = aushang_site_create_document (self->site, collection, title, today,
                                           last_author && *last_author ? authors : NULL,
                                           TRUE, &file, error);
  if (document == NULL)
    return FALSE;

  aushang_window_set_document (self, document, file, TRUE);
  adw_view_stack_set_visible_child_name (self->view_stack, "fields");

  return TRUE;
}

typedef struct
{
  GtkDropDown  *collections;
  GtkEntry     *title;
  GPtrArray    *names;
} NewDialogData;

static void
new_dialog_data_free (gpointer data)
{
  NewDialogData *d = data;

  g_ptr_array_unref (d->names);
  g_free (d);
}

typedef struct
{
  char *collection;
  char *title;
} NewRequest;

static void
new_request_free (gpointer data)
{
  NewRequest *request = data;

  g_free (request->collection);
  g_free (request->title);
  g_free (request);
}

static void
create_now (AushangWindow *self,
            gpointer       data)
{
  NewRequest *request = data;
  g_autoptr(GError) error = NULL;

  if (!aushang_window_new_document (self, request->collection, request->title, &error))
    aushang_window_toast (self, error->message);
}

static void
new_dialog_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        NewDialogData    *d)
{
  AushangWindow *self = AUSHANG_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  NewRequest *request;
  guint selected;

  if (g_strcmp0 (response, "create") != 0)
    return;

  selected = gtk_drop_down_get_selected (d->collections);
  request = g_new0 (NewRequest, 1);
  request->collection = g_strdup (selected < d->names->len ? g_ptr_array_index (d->names, selected) : NULL);
  request->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->title))));
  if (*request->title == '\0')
    {
      g_free (request->title);
      request->title = g_strdup (_("New document"));
    }

  aushang_window_after_unsaved_changes (self, create_now, request, new_request_free);
}

void
aushang_window_new_document_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);
  GSettings *settings = aushang_window_get_settings (self);
  g_autofree char *last = settings ? g_settings_get_string (settings, "last-collection") : NULL;
  AushangCollection *preferred;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  NewDialogData *d;
  AdwMessageDialog *dialog;
  GtkWidget *box, *label, *entry, *dropdown;
  GPtrArray *collections;
  gboolean any_collection = FALSE;
  guint selected = 0;

  if (self->site == NULL)
    return;

  preferred = last && *last ? aushang_site_get_collection (self->site, last) : NULL;
  if (preferred != NULL && !preferred->exists)
    preferred = NULL;
  if (preferred == NULL)
    preferred = aushang_site_get_default_collection (self->site);

  /* Only what the site has; _posts for a site without any collection. */
  collections = aushang_site_get_collections (self->site);
  for (guint i = 0; i < collections->len; i++)
    any_collection |= ((AushangCollection *) g_ptr_array_index (collections, i))->exists;

  d = g_new0 (NewDialogData, 1);
  d->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (collections, i);
      g_autofree char *text = NULL;

      if (!collection->exists && (any_collection || g_strcmp0 (collection->name, "posts") != 0))
        continue;

      /* As the site names it to its readers, with its folder. */
      {
        g_autofree char *name = aushang_site_dup_collection_label (self->site, collection);

        text = g_strdup_printf ("%s (%s)", name, collection->label);
      }

      if (collection == preferred)
        selected = d->names->len;
      gtk_string_list_append (labels, text);
      g_ptr_array_add (d->names, g_strdup (collection->name));
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Title"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);

  label = gtk_label_new_with_mnemonic (_("_Where"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Where"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dropdown);

  d->collections = GTK_DROP_DOWN (dropdown);
  d->title = GTK_ENTRY (entry);

  dialog = aushang_window_new_dialog (self, _("New Document"),
                       _("It starts with today’s date and the headings of an event announcement; change anything you like."));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (new_dialog_response_cb), d,
                         (GClosureNotify) (void (*) (void)) new_dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Renaming */

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GtkEntry         *entry)
{
  AushangWindow *self = AUSHANG_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || self->document == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (*name == '\0' || strchr (name, '/') != NULL || name[0] == '.')
    {
      aushang_window_toast (self, _("The file name may not be empty, start with a dot or contain “/”."));
      return;
    }

  parent = g_file_get_parent (self->file);
  target = g_file_get_child (parent, name);
  if (!aushang_document_rename (self->document, target, &error))
    {
      aushang_window_toast (self, error->message);
      return;
    }

  /* The unsaved text's copy moves with the file. */
  {
    g_autoptr(GFile) old_file = g_steal_pointer (&self->file);

    self->file = g_object_ref (target);
    aushang_window_forget_recovery (self, old_file);
    if (aushang_document_get_modified (self->document))
      aushang_window_write_recovery_now (self);
  }
  aushang_window_refresh_site (self);
  aushang_window_update_title (self);
  aushang_window_toast (self, _("Renamed"));
}

void
aushang_window_rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *name = NULL;

  if (self->document == NULL || self->is_new || self->file == NULL)
    {
      aushang_window_toast (self, _("Save the document first; its file name can be changed in the save dialog."));
      return;
    }

  name = g_file_get_basename (self->file);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("File name"), -1);

  dialog = aushang_window_new_dialog (self, _("Rename Document?"),
                       _("The file name is part of the page’s web address. After renaming, links to the old address (from other pages, newsletters or social media) no longer work."));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (rename_response_cb), entry);
  gtk_window_present (GTK_WINDOW (dialog));
}

