/* aushang-window.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-window"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-accessible.h"
#include "aushang-editor.h"
#include "aushang-form.h"
#include "aushang-html-text.h"
#include "aushang-preview.h"
#include "aushang-publish-dialog.h"
#include "aushang-safe-file.h"
#include "aushang-site-sidebar.h"
#include "aushang-window-private.h"

G_DEFINE_FINAL_TYPE (AushangWindow, aushang_window, ADW_TYPE_APPLICATION_WINDOW)

GSettings *
aushang_window_get_settings (AushangWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? aushang_application_get_settings (AUSHANG_APPLICATION (app)) : NULL;
}

void
aushang_window_toast (AushangWindow *self,
       const char    *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
  aushang_accessible_tidy (GTK_WIDGET (self->toast_overlay));
}

/* Dialogs: one at a time, remembered for tests. */

static void
dialog_closed_cb (AushangWindow    *self,
                  AdwMessageDialog *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

AdwMessageDialog *
aushang_window_new_dialog (AushangWindow *self,
            const char    *heading,
            const char    *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_closed_cb), self, G_CONNECT_SWAPPED);

  return dialog;
}

AdwMessageDialog *
aushang_window_get_dialog (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), NULL);

  return self->dialog;
}

/* Titles */

char *
aushang_window_dup_document_title (AushangWindow *self)
{
  AushangFrontMatter *fm;
  AushangValue *title;

  if (self->document == NULL || !aushang_document_get_has_front_matter (self->document))
    return g_strdup (_("Untitled"));

  fm = aushang_document_get_front_matter (self->document);
  title = fm ? aushang_front_matter_get (fm, "title") : NULL;

  /* Without a title: as the list shows it (name:, the file name). */
  if (title == NULL && self->site != NULL && self->file != NULL && fm != NULL)
    {
      g_autofree char *shown = aushang_site_dup_document_title (self->site, self->file,
                                                                aushang_front_matter_get_data (fm));

      if (*shown != '\0')
        return aushang_html_text_decode (shown);
    }
  if (title == NULL)
    return g_strdup (_("Untitled"));

  {
    g_autofree char *text = aushang_value_to_display (title);

    /* Entities as the browser shows them ("&shy;" not at all). */
    return aushang_html_text_decode (text);
  }
}

gboolean
aushang_window_get_modified (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), FALSE);

  if (self->data_file != NULL)
    return aushang_data_file_get_modified (self->data_file);
  if (self->document != NULL)
    {
      aushang_editor_sync (self->editor);
      return aushang_document_get_modified (self->document) || self->is_new;
    }

  return FALSE;
}

void
aushang_window_set_unmodified (AushangWindow *self)
{
  if (self->data_file != NULL)
    aushang_data_file_set_modified (self->data_file, FALSE);
  else if (self->document != NULL)
    aushang_document_set_modified (self->document, FALSE);
}

void
aushang_window_update_title (AushangWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *subtitle = NULL;
  gboolean modified;

  if (self->document == NULL && self->data_file == NULL)
    {
      adw_window_title_set_title (self->document_title, "");
      adw_window_title_set_subtitle (self->document_title, "");
      gtk_widget_set_sensitive (self->save_button, FALSE);
      return;
    }

  modified = aushang_window_get_modified (self);
  title = self->data_file ? aushang_window_dup_data_title (self) : aushang_window_dup_document_title (self);
  relative = self->site && self->file
             ? g_file_get_relative_path (aushang_site_get_folder (self->site), self->file)
             : (self->file ? g_file_get_basename (self->file) : NULL);

  if (self->is_new)
    /* Translators: %s is the file name a new document will get. */
    subtitle = g_strdup_printf (_("New, not saved yet: %s"), relative ? relative : "");
  else if (modified)
    /* Translators: %s is a file name. */
    subtitle = g_strdup_printf (_("%s — unsaved changes"), relative ? relative : "");
  else
    subtitle = g_strdup (relative ? relative : "");

  adw_window_title_set_title (self->document_title, title);
  adw_window_title_set_subtitle (self->document_title, subtitle);
  gtk_widget_set_sensitive (self->save_button, modified || self->is_new);
}

/* Text changes reach the document and the preview right after the key
 * press has been handled (never on the key press itself), all changes
 * made meanwhile in one go. Not on the next frame: waiting for it cost a
 * key up to a frame (16 ms) more before the preview had it. Neither for
 * a long document: the editor's text is kept up to date key by key (no
 * copy of the whole buffer), and the preview renders in a thread and
 * takes the latest text when it is done with the one before. */
static gboolean
sync_idle_cb (gpointer user_data)
{
  AushangWindow *self = user_data;

  self->sync_idle = 0;
  if (self->sync_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->sync_tick);
      self->sync_tick = 0;
    }

  if (self->document != NULL)
    {
      aushang_editor_sync (self->editor);
      aushang_preview_update (self->preview, self->document);
      aushang_window_schedule_check (self);
      aushang_window_schedule_autosave (self);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
sync_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);

  self->sync_tick = 0;
  g_clear_handle_id (&self->sync_idle, g_source_remove);
  sync_idle_cb (self);

  return G_SOURCE_REMOVE;
}

static void
editor_changed_cb (AushangWindow *self,
                   AushangEditor *editor)
{
  /* A check under way has the text as it was. */
  self->check_changes++;
  if (self->sync_idle != 0)
    return;

  /* Before the frame is drawn (GDK_PRIORITY_REDRAW is lower), so the
   * preview's thread renders while GTK draws the key. */
  self->sync_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_idle_cb, self, NULL);
  /* An idle never runs while key events keep coming faster than they are
   * handled (a fast typist, a slow machine): the preview and the recovery
   * copy would wait until typing stops. The next frame always comes (GDK
   * holds events back for it), so it does the sync when the idle has not. */
  self->sync_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), sync_tick_cb, NULL, NULL);
}

static void
form_changed_cb (AushangWindow *self,
                 AushangForm   *form)
{
  aushang_window_update_title (self);
  aushang_preview_update (self->preview, self->document);
  aushang_window_schedule_check (self);
  aushang_window_schedule_autosave (self);
}

static void
modified_changed_cb (AushangWindow   *self,
                     GParamSpec      *pspec,
                     AushangDocument *document)
{
  aushang_window_update_title (self);
}

/* Documents */

void
aushang_window_set_document (AushangWindow   *self,
              AushangDocument *document,
              GFile           *file,
              gboolean         is_new)
{
  aushang_window_clear_data_file (self);

  if (self->document != NULL)
    g_clear_signal_handler (&self->modified_handler, self->document);

  g_set_object (&self->document, document);
  g_set_object (&self->file, file);
  self->is_new = is_new;
  self->collection = (self->site && file) ? aushang_site_find_collection (self->site, file) : NULL;
  g_clear_object (&self->schema);
  if (self->site != NULL && self->collection != NULL)
    self->schema = g_object_ref (aushang_site_get_schema (self->site, self->collection));

  if (document == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      aushang_window_update_title (self);
      aushang_window_update_document_actions (self);
      return;
    }

  self->modified_handler = g_signal_connect_object (document, "notify::modified",
                                                    G_CALLBACK (modified_changed_cb), self,
                                                    G_CONNECT_SWAPPED);

  aushang_form_set_document (self->form, self->site, self->collection, document);
  aushang_editor_set_document (self->editor, self->site, document);
  aushang_preview_update (self->preview, document);
  gtk_stack_set_visible_child_name (self->edit_stack, "document");
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  aushang_site_sidebar_select_file (self->sidebar, is_new ? NULL : file);

  aushang_window_update_title (self);
  aushang_window_update_data_actions (self);
  aushang_window_update_document_actions (self);
  aushang_window_update_linked_entries (self);
  aushang_window_check_now (self);

  /* The new rows get names a screen reader can say, and a new document
   * starts with its title. */
  aushang_accessible_tidy (GTK_WIDGET (self->form));
  if (is_new)
    {
      GtkWidget *title = aushang_form_get_field_widget (self->form, "title");

      if (title != NULL)
        gtk_widget_grab_focus (title);
    }
}

void
aushang_window_close_current (AushangWindow *self)
{
  aushang_window_set_document (self, NULL, NULL, FALSE);
  aushang_window_update_data_actions (self);
}

static void
load_file (AushangWindow *self,
           GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);

  if (document == NULL)
    {
      aushang_window_toast (self, error->message);
      return;
    }

  aushang_window_set_document (self, document, file, FALSE);
}

static void
open_file_now (AushangWindow *self,
               gpointer       data)
{
  load_file (self, G_FILE (data));
}

void
aushang_window_select_file (AushangWindow *self,
                            GFile         *file)
{
  g_return_if_fail (AUSHANG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file != NULL && !self->is_new && g_file_equal (self->file, file))
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }

  aushang_window_after_unsaved_changes (self, open_file_now, g_object_ref (file), g_object_unref);
}

static void
document_activated_cb (AushangWindow      *self,
                       GFile              *file,
                       AushangSiteSidebar *sidebar)
{
  aushang_window_select_file (self, file);

  /* Keep the sidebar showing the open document when the person cancels. */
  aushang_window_reselect (self);
}

void
aushang_window_reselect (AushangWindow *self)
{
  if (self->data_file != NULL)
    aushang_site_sidebar_select_entry (self->sidebar, self->file, self->entry);
  else if (self->file != NULL && !self->is_new)
    aushang_site_sidebar_select_file (self->sidebar, self->file);
}

/* Sites */

void
aushang_window_refresh_site (AushangWindow *self)
{
  if (self->site == NULL)
    return;

  aushang_site_reload (self->site);
  aushang_window_forget_check_site (self);
  aushang_site_sidebar_set_site (self->sidebar, self->site);
  aushang_window_reselect (self);
  aushang_publish_refresh_changes (GTK_WIDGET (self));
}

/* The preview shows documents in the site's own layout and style ("Site
 * style") unless the person chose the built-in page ("Plain") for this
 * site; the choice is remembered by the site's folder. */
static GSettings *
plain_sites_settings (AushangWindow *self)
{
  GSettings *settings = aushang_window_get_settings (self);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  /* A schema compiled before the key existed: this session only. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "preview-plain-sites"))
    return NULL;

  return settings;
}

static void
show_preview_site_style (AushangWindow *self,
                         gboolean       site_style)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "preview-site-style");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (site_style));
  aushang_preview_set_site_style (self->preview, site_style);
}

static void
restore_preview_site_style (AushangWindow *self)
{
  GSettings *settings = plain_sites_settings (self);
  g_autofree char *path = g_file_get_path (aushang_site_get_folder (self->site));
  g_auto(GStrv) plain = settings ? g_settings_get_strv (settings, "preview-plain-sites") : NULL;

  show_preview_site_style (self, path == NULL || plain == NULL ||
                                 !g_strv_contains ((const char * const *) plain, path));
}

static void
preview_site_style_cb (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  AushangWindow *self = AUSHANG_WINDOW (user_data);
  gboolean site_style = g_variant_get_boolean (state);
  GSettings *settings = plain_sites_settings (self);
  g_autofree char *path = self->site ? g_file_get_path (aushang_site_get_folder (self->site)) : NULL;

  show_preview_site_style (self, site_style);
  if (self->data_file != NULL)
    aushang_window_update_entry_preview (self);
  if (settings != NULL && path != NULL)
    {
      g_auto(GStrv) plain = g_settings_get_strv (settings, "preview-plain-sites");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;

      for (guint i = 0; plain[i] != NULL; i++)
        if (!g_str_equal (plain[i], path))
          g_strv_builder_add (builder, plain[i]);
      if (!site_style)
        g_strv_builder_add (builder, path);
      updated = g_strv_builder_end (builder);
      g_settings_set_strv (settings, "preview-plain-sites", (const char * const *) updated);
    }
}

/* Shows the site in @folder. @opened is the folder the person opened when
 * the site lives below it (a repository with the site in docs/), else
 * NULL: it stays the folder the site belongs to. */
static void
show_site (AushangWindow *self,
           GFile         *folder,
           GFile         *opened)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangSite) site = aushang_site_new (folder, &error);
  AushangValue *config;
  AushangValue *title;
  const GError *config_error;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  guint line = 0;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (site == NULL)
    {
      aushang_window_toast (self, error->message);
      return;
    }

  aushang_window_set_document (self, NULL, NULL, FALSE);
  g_set_object (&self->site, site);
  aushang_window_forget_check_site (self);
  aushang_preview_set_site (self->preview, site);
  restore_preview_site_style (self);
  /* The list of documents is made once, with the data files. */
  aushang_site_sidebar_freeze (self->sidebar);
  aushang_site_sidebar_set_site (self->sidebar, site);
  aushang_window_load_data_files (self);
  aushang_site_sidebar_thaw (self->sidebar);

  config = aushang_site_get_config (site);
  title = config ? aushang_value_lookup (config, "title") : NULL;
  name = title ? aushang_value_to_display (title) : g_file_get_basename (folder);
  g_set_object (&self->opened_folder, opened);
  if (opened != NULL)
    {
      g_autofree char *opened_path = g_file_get_parse_name (opened);
      g_autofree char *relative = g_file_get_relative_path (opened, folder);
      /* Translators: %s is the subfolder holding the website, like docs. */
      g_autofree char *message = g_strdup_printf (_("The website is in the folder “%s”."), relative);

      /* Translators: the first %s is the folder that was opened, the
       * second the subfolder holding the website, like docs. */
      path = g_strdup_printf (_("%s, website in “%s”"), opened_path, relative);
      aushang_window_toast (self, message);
    }
  else
    path = g_file_get_parse_name (folder);
  adw_window_title_set_title (self->site_title, name);
  adw_window_title_set_subtitle (self->site_title, path);
  gtk_window_set_title (GTK_WINDOW (self), name);
  /* The welcome page fades out only when it was seen: a window that opens
   * with a site shows the site in its first frame. */
  gtk_stack_set_visible_child_full (self->main_stack, "site",
                                    self->painted ? gtk_stack_get_transition_type (self->main_stack)
                                                  : GTK_STACK_TRANSITION_TYPE_NONE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  config_error = aushang_site_get_config_error (site, &line, NULL);
  if (config_error != NULL)
    {
      /* Translators: %u is a line number, %s says what is wrong. */
      g_autofree char *message = g_strdup_printf (_("_config.yml, line %u: %s"), line, config_error->message);

      aushang_window_toast (self, message);
    }

  if (app != NULL)
    aushang_application_add_recent (AUSHANG_APPLICATION (app), folder);

  aushang_window_offer_recovery (self);
  aushang_publish_site_shown (GTK_WIDGET (self), folder);
}

static void
choose_site_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AushangWindow    *self)
{
  GPtrArray *sites = g_object_get_data (G_OBJECT (dialog), "aushang-sites");
  GFile *opened = g_object_get_data (G_OBJECT (dialog), "aushang-opened");
  guint64 index = 0;

  if (g_str_has_prefix (response, "site-") &&
      g_ascii_string_to_unsigned (response + 5, 10, 0, sites->len - 1, &index, NULL))
    show_site (self, g_ptr_array_index (sites, index), opened);
}

/* Opens the site in @data (a folder), or the site below it when it is a
 * repository that keeps its site in a subfolder: several such sites are
 * offered to choose from. */
static void
open_site_now (AushangWindow *self,
               gpointer       data)
{
  GFile *folder = data;
  g_autoptr(GPtrArray) sites = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (aushang_site_folder_is_site (folder))
    {
      show_site (self, folder, NULL);
      return;
    }

  sites = aushang_site_find_sites (folder);
  name = g_file_get_parse_name (folder);

  if (sites->len == 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a Jekyll site: it has no _config.yml, and none of its subfolders holds a site."),
                         name);

      aushang_window_toast (self, message);
      return;
    }

  if (sites->len == 1)
    {
      show_site (self, g_ptr_array_index (sites, 0), folder);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Which Website?"), NULL));
  /* Translators: %s is a folder. */
  adw_message_dialog_format_body (dialog, _("“%s” holds several Jekyll websites. Which one do you want to open?"), name);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  for (guint i = 0; i < sites->len; i++)
    {
      g_autofree char *relative = g_file_get_relative_path (folder, g_ptr_array_index (sites, i));
      g_auto(GStrv) parts = g_strsplit (relative, "_", -1);
      /* A response label is a mnemonic: underscores in folder names are
       * doubled to stay underscores. */
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autofree char *id = g_strdup_printf ("site-%u", i);

      adw_message_dialog_add_response (dialog, id, label);
    }
  adw_message_dialog_set_response_appearance (dialog, "site-0", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "site-0");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "aushang-sites", g_ptr_array_ref (sites),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "aushang-opened", g_object_ref (folder), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (choose_site_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
aushang_window_open (AushangWindow *self,
                     GFile         *file)
{
  g_autoptr(AushangSite) site = NULL;
  GFileType type;

  g_return_if_fail (AUSHANG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      aushang_window_after_unsaved_changes (self, open_site_now, g_object_ref (file), g_object_unref);
      return;
    }

  site = aushang_site_new_for_file (file);
  if (site == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      /* Translators: %s is a file name. */
      g_autofree char *message = g_strdup_printf (_("“%s” is not part of a Jekyll site (no _config.yml above it)."), name);

      aushang_window_toast (self, message);
      return;
    }

  show_site (self, aushang_site_get_folder (site), NULL);

  /* A data list (the calendar, the team) opens as its entries. */
  {
    g_autoptr(GFile) data_folder = g_file_get_child (aushang_site_get_folder (site), "_data");

    if (g_file_has_prefix (file, data_folder))
      {
        aushang_window_select_entry (self, file, -1);
        return;
      }
  }

  load_file (self, file);
}


static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     AushangWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        aushang_window_open (self, folder);
    }

  g_object_unref (chooser);
}

static void
open_site_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Jekyll Site Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The largest file of the example site copied (its images are small). */
#define EXAMPLE_FILE_MAX_SIZE (64 * 1024 * 1024)

/* Copies what is in the folder @source into the folder @target, each file
 * as the core writes files (all of it, or nothing under its name). */
static gboolean
copy_tree_contents (GFile   *source,
                    GFile   *target,
                    GError **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (source, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      g_autoptr(GFile) destination = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, error))
        return FALSE;
      if (info == NULL)
        break;

      destination = g_file_get_child (target, g_file_info_get_name (info));
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!g_file_make_directory (destination, NULL, error) ||
              !copy_tree_contents (child, destination, error))
            return FALSE;
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *from = g_file_get_path (child);
          g_autofree char *to = g_file_get_path (destination);

          if (from == NULL || to == NULL)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("Only folders on this computer can be copied."));
              return FALSE;
            }
          if (!aushang_safe_file_copy (from, to, EXAMPLE_FILE_MAX_SIZE, AUSHANG_SAFE_FILE_NEW, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Removes @file and all that is in it (a link as a link, never what it
 * leads to). */
static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        delete_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }

  g_file_delete (file, NULL, NULL);
}

/* Copies the folder @source to the new folder @target: all of it, or, when
 * the disk refuses a part (full, or a file-size limit), nothing: what was
 * copied so far goes again, so no half site is left behind. */
static gboolean
copy_tree (GFile   *source,
           GFile   *target,
           GError **error)
{
  if (!g_file_make_directory_with_parents (target, NULL, error))
    return FALSE;

  if (copy_tree_contents (source, target, error))
    return TRUE;

  delete_tree (target);
  g_prefix_error (error, "%s ", _("The example site could not be copied."));

  return FALSE;
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);
  g_autoptr(GFile) source = aushang_application_dup_example_site ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *base = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (documents == NULL)
    documents = g_get_home_dir ();

  /* A copy of its own, so the person can try everything. Translators:
   * the name of the folder the example site is copied to. */
  base = g_build_filename (documents, _("Aushang Example Site"), NULL);
  target = g_file_new_for_path (base);
  for (guint i = 2; g_file_query_exists (target, NULL) && i < 1000; i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s %u", base, i);

      g_clear_object (&target);
      target = g_file_new_for_path (numbered);
    }

  if (!copy_tree (source, target, &error))
    {
      aushang_window_toast (self, error->message);
      return;
    }

  aushang_window_open (self, target);
}

/* The rest of the window */

/* Scroll sync by body line: the preview follows the editor's top visible
 * line, and the editor the preview's. A scroll made to follow the other
 * side is not passed back (the preview guards its own side). */
static void
editor_scrolled_cb (AushangWindow *self,
                    GtkAdjustment *adjustment)
{
  GtkTextView *view = GTK_TEXT_VIEW (aushang_editor_get_view (self->editor));
  GdkRectangle visible;
  GtkTextIter iter;

  if (self->following_preview || !gtk_widget_get_visible (GTK_WIDGET (self->preview)))
    return;
  gtk_text_view_get_visible_rect (view, &visible);
  /* Below the view's top margin: what shows at the top. */
  gtk_text_view_get_line_at_y (view, &iter, visible.y + gtk_text_view_get_top_margin (view), NULL);
  aushang_preview_scroll_to_line (self->preview, gtk_text_iter_get_line (&iter) + 1);
}

static void
preview_scrolled_cb (AushangWindow  *self,
                     guint           line,
                     AushangPreview *preview)
{
  GtkTextView *view = GTK_TEXT_VIEW (aushang_editor_get_view (self->editor));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GtkTextIter iter;
  int y, height;

  /* Only the text the person sees follows (not behind a data entry). */
  if (adjustment == NULL || !gtk_widget_get_mapped (GTK_WIDGET (view)))
    return;
  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (view), &iter, (int) line - 1);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  self->following_preview = TRUE;
  /* The adjustment counts from above the view's top margin. */
  gtk_adjustment_set_value (adjustment, y);
  self->following_preview = FALSE;
}

static void
toggle_preview (AushangWindow *self,
                gboolean       show)
{
  GSettings *settings = aushang_window_get_settings (self);

  gtk_widget_set_visible (GTK_WIDGET (self->preview), show);
  if (settings != NULL)
    g_settings_set_boolean (settings, "show-preview", show);
  if (show && self->document != NULL)
    aushang_preview_update (self->preview, self->document);
  if (show && self->data_file != NULL)
    aushang_window_update_entry_preview (self);
}

static void
toggle_preview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);

  toggle_preview (self, !gtk_widget_get_visible (GTK_WIDGET (self->preview)));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AushangWindow *self = AUSHANG_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    {
      gboolean on_sidebar = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "sidebar") == 0;

      adw_leaflet_navigate (self->leaflet, on_sidebar ? ADW_NAVIGATION_DIRECTION_FORWARD
                                                      : ADW_NAVIGATION_DIRECTION_BACK);
    }
  else
    gtk_widget_set_visible (self->sidebar_box, !gtk_widget_get_visible (self->sidebar_box));
}

static void
back_clicked_cb (AushangWindow *self,
                 GtkButton     *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
recent_activated_cb (AushangWindow *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "aushang-path");
  g_autoptr(GFile) folder = path ? g_file_new_for_path (path) : NULL;

  if (folder != NULL)
    aushang_window_open (self, folder);
}

static void
fill_recent (AushangWindow *self)
{
  GSettings *settings = aushang_window_get_settings (self);
  g_auto(GStrv) recent = settings ? g_settings_get_strv (settings, "recent-sites") : NULL;
  guint shown = 0;

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      GtkWidget *row;
      g_autofree char *name = NULL;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_DIR))
        continue;

      name = g_path_get_basename (recent[i]);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), recent[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "aushang-path", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
close_now (AushangWindow *self,
           gpointer       data)
{
  /* Not from inside the dialog's response: the dialog goes first. */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
aushang_window_close_request (GtkWindow *window)
{
  AushangWindow *self = AUSHANG_WINDOW (window);
  GSettings *settings = aushang_window_get_settings (self);

  if (!self->close_confirmed && aushang_window_get_modified (self))
    {
      aushang_window_after_unsaved_changes (self, close_now, NULL, NULL);
      return TRUE;
    }

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (aushang_window_parent_class)->close_request (window);
}

AushangSite *
aushang_window_get_site (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), NULL);

  return self->site;
}

AushangDocument *
aushang_window_get_document (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), NULL);

  return self->document;
}

GFile *
aushang_window_get_file (AushangWindow *self)
{
  g_return_val_if_fail (AUSHANG_IS_WINDOW (self), NULL);

  return self->file;
}

GtkWidget *
aushang_window_get_form (AushangWindow *self)
{
  return GTK_WIDGET (self->form);
}

GtkWidget *
aushang_window_get_editor (AushangWindow *self)
{
  return GTK_WIDGET (self->editor);
}

GtkWidget *
aushang_window_get_preview (AushangWindow *self)
{
  return GTK_WIDGET (self->preview);
}

GtkWidget *
aushang_window_get_sidebar (AushangWindow *self)
{
  return GTK_WIDGET (self->sidebar);
}

AushangWindow *
aushang_window_new (AushangApplication *application)
{
  return g_object_new (AUSHANG_TYPE_WINDOW, "application", application, NULL);
}

static void
aushang_window_constructed (GObject *object)
{
  AushangWindow *self = AUSHANG_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (aushang_window_parent_class)->constructed (object);

  settings = aushang_window_get_settings (self);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      gtk_widget_set_visible (GTK_WIDGET (self->preview), g_settings_get_boolean (settings, "show-preview"));
    }

  fill_recent (self);
}

static void
aushang_window_dispose (GObject *object)
{
  AushangWindow *self = AUSHANG_WINDOW (object);

  aushang_window_dispose_checks (self);
  aushang_window_dispose_recovery (self);
  g_clear_handle_id (&self->sync_idle, g_source_remove);
  if (self->sync_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->sync_tick);
      self->sync_tick = 0;
    }
  if (self->document != NULL)
    g_clear_signal_handler (&self->modified_handler, self->document);
  aushang_window_clear_data_file (self);
  aushang_window_dispose_data (self);
  aushang_window_dispose_documents (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->schema);
  g_clear_object (&self->site);
  g_clear_object (&self->opened_folder);
  g_clear_pointer (&self->data_files, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable_data, g_ptr_array_unref);

  G_OBJECT_CLASS (aushang_window_parent_class)->dispose (object);
}

static void
aushang_window_class_init (AushangWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = aushang_window_constructed;
  object_class->dispose = aushang_window_dispose;
  window_class->close_request = aushang_window_close_request;

  g_type_ensure (AUSHANG_TYPE_SITE_SIDEBAR);
  g_type_ensure (AUSHANG_TYPE_FORM);
  g_type_ensure (AUSHANG_TYPE_EDITOR);
  g_type_ensure (AUSHANG_TYPE_PREVIEW);
  g_type_ensure (AUSHANG_TYPE_ENTRY_FORM);
  g_type_ensure (AUSHANG_TYPE_DATA_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, site_title);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, document_title);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, unreadable_page);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, form);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, edit_stack);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, entry_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, entry_menu);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, document_menu);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, new_entry_button);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, entry_form);
  gtk_widget_class_bind_template_child (widget_class, AushangWindow, data_page);
  gtk_widget_class_bind_template_callback (widget_class, document_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_activated_cb",
                                                G_CALLBACK (aushang_window_entry_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_form_changed_cb",
                                                G_CALLBACK (aushang_window_entry_form_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_open_link_cb",
                                                G_CALLBACK (aushang_window_entry_open_link_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "form_open_entry_cb",
                                                G_CALLBACK (aushang_window_form_open_entry_cb));

}

/* The window's actions live in its action map ("win."), beside
 * GtkApplicationWindow's own show-help-overlay. */
typedef void (*WindowAction) (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter);

static const struct {
  const char   *name;
  WindowAction  func;
} window_actions[] = {
  { "open-site", open_site_action },
  { "open-example", open_example_action },
  { "new-document", aushang_window_new_document_action },
  { "save", aushang_window_save_action },
  { "rename", aushang_window_rename_action },
  { "toggle-preview", toggle_preview_action },
  { "toggle-sidebar", toggle_sidebar_action },
};

static void
window_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    if (g_strcmp0 (window_actions[i].name, name) == 0)
      window_actions[i].func (GTK_WIDGET (user_data), name, parameter);
}

static void
add_window_actions (AushangWindow *self)
{
  g_autoptr(GSimpleAction) site_style = g_simple_action_new_stateful ("preview-site-style", NULL,
                                                                     g_variant_new_boolean (TRUE));

  g_signal_connect (site_style, "change-state", G_CALLBACK (preview_site_style_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (site_style));
  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (window_actions[i].name, NULL);

      g_signal_connect (action, "activate", G_CALLBACK (window_action_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
}

/* Start-up: the window shows first, and what its first frame does not
 * need follows once the preview has its page (or at once without one):
 * the text's highlighting is read when the main loop has nothing else to
 * do, not while the preview's page is being made. */
static gboolean
prepare_editor_cb (gpointer data)
{
  AushangWindow *self = data;

  if (self->editor != NULL)
    aushang_editor_prepare (self->editor);

  return G_SOURCE_REMOVE;
}

static void
prepare_editor_later (AushangWindow *self)
{
  g_idle_add_full (G_PRIORITY_LOW, prepare_editor_cb, g_object_ref (self), g_object_unref);
}

static void
preview_idle_cb (AushangWindow  *self,
                 GParamSpec     *pspec,
                 AushangPreview *preview)
{
  if (!aushang_preview_get_idle (preview))
    return;
  g_signal_handlers_disconnect_by_func (preview, preview_idle_cb, self);
  prepare_editor_later (self);
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        AushangWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  self->painted = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->preview)) && !aushang_preview_get_idle (self->preview))
    g_signal_connect_object (self->preview, "notify::idle", G_CALLBACK (preview_idle_cb), self,
                             G_CONNECT_SWAPPED);
  else
    prepare_editor_later (self);
}

static void
realized_cb (AushangWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, realized_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), self, 0);
}

static void
aushang_window_init (AushangWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "realize", G_CALLBACK (realized_cb), NULL);
  self->entry = -1;
  add_window_actions (self);
  aushang_window_add_data_actions (self);
  aushang_window_add_document_actions (self);
  aushang_publish_install (GTK_WIDGET (self));
  aushang_site_sidebar_set_menus (self->sidebar, self->entry_menu, self->document_menu);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (aushang_editor_get_view (self->editor))),
                           "value-changed", G_CALLBACK (editor_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "scrolled", G_CALLBACK (preview_scrolled_cb), self,
                           G_CONNECT_SWAPPED);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
