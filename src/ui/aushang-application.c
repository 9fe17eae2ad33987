/* aushang-application.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-application"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>

#include "aushang-application.h"
#include "aushang-accessible.h"
#include "aushang-window.h"

#define SETTINGS_SCHEMA "io.github.aushang.Aushang"
#define MAX_RECENT 8

struct _AushangApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (AushangApplication, aushang_application, ADW_TYPE_APPLICATION)

AushangApplication *
aushang_application_new (void)
{
  return g_object_new (AUSHANG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/aushang/Aushang",
                       NULL);
}

GSettings *
aushang_application_get_settings (AushangApplication *self)
{
  g_return_val_if_fail (AUSHANG_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE) : NULL;

      if (schema != NULL)
        self->settings = g_settings_new (SETTINGS_SCHEMA);
      else
        {
          g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
          g_autoptr(GSettingsSchemaSource) local = NULL;

          /* An uninstalled build: the schema next to the sources, kept in
           * memory. */
          g_debug ("Settings schema not installed; settings are not kept");
          local = g_settings_schema_source_new_from_directory (BUILD_DATADIR, source, FALSE, NULL);
          schema = local ? g_settings_schema_source_lookup (local, SETTINGS_SCHEMA, FALSE) : NULL;
          if (schema != NULL)
            self->settings = g_settings_new_full (schema, backend, NULL);
        }
    }

  return self->settings;
}

void
aushang_application_add_recent (AushangApplication *self,
                                GFile              *folder)
{
  GSettings *settings = aushang_application_get_settings (self);
  g_autofree char *path = g_file_get_path (folder);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (settings == NULL || path == NULL)
    return;

  recent = g_settings_get_strv (settings, "recent-sites");
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (recent[i], path) != 0)
        {
          g_strv_builder_add (builder, recent[i]);
          n++;
        }
    }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-sites", (const char * const *) updated);
  g_settings_set_string (settings, "last-site", path);
}

GFile *
aushang_application_dup_example_site (void)
{
  const char *env = g_getenv ("AUSHANG_EXAMPLE_SITE");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "example-site", NULL);
  g_autofree char *source = g_build_filename (SOURCE_DATADIR, "example-site", NULL);

  if (env != NULL && *env != '\0')
    return g_file_new_for_path (env);

  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (installed);

  return g_file_new_for_path (source);
}

static AushangWindow *
new_window (AushangApplication *self)
{
  AushangWindow *window = aushang_window_new (self);

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
aushang_application_activate (GApplication *app)
{
  AushangApplication *self = AUSHANG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GSettings *settings = aushang_application_get_settings (self);
  g_autofree char *last = settings ? g_settings_get_string (settings, "last-site") : NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (new_window (self));

  /* The last site reopens on start, when it is still there. */
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last);

      aushang_window_open (AUSHANG_WINDOW (window), folder);
    }
}

static void
aushang_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      AushangWindow *window = new_window (AUSHANG_APPLICATION (app));

      aushang_window_open (window, files[i]);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Each window asks about its unsaved changes itself. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Aushang authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Aushang"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Aushang authors"),
                         "developers", developers,
                         "comments", _("Write event announcements and articles for your Jekyll website."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/aushang/aushang",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
aushang_application_startup (GApplication *app)
{
  const char *new_accels[] = { "<Control>n", NULL };
  const char *open_accels[] = { "<Control>o", NULL };
  const char *save_accels[] = { "<Control>s", NULL };
  const char *close_accels[] = { "<Control>w", NULL };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preview_accels[] = { "<Control><Shift>p", NULL };
  const char *sidebar_accels[] = { "F9", NULL };
  const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (aushang_application_parent_class)->startup (app);

  /* An uninstalled build finds its icon in the source tree. */
  {
    g_autofree char *icons = g_build_filename (SOURCE_DATADIR, "icons", NULL);
    GdkDisplay *display = gdk_display_get_default ();

    if (display != NULL && g_file_test (icons, G_FILE_TEST_IS_DIR))
      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (display), icons);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  aushang_accessible_tidy_windows ();

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-document", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open-site", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.toggle-preview", preview_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.toggle-sidebar", sidebar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);

  /* The entries of data lists (only enabled where they fit). */
  {
    static const struct
    {
      const char *action;
      const char *accels[2];
    } entry_accels[] = {
      { "win.new-entry", { "<Control><Shift>n", NULL } },
      { "win.duplicate-entry", { "<Control><Shift>d", NULL } },
      { "win.remove-entry", { "<Control>Delete", NULL } },
      { "win.toggle-entry-hidden", { "<Control><Shift>h", NULL } },
      { "win.move-entry-up", { "<Alt>Up", NULL } },
      { "win.move-entry-down", { "<Alt>Down", NULL } },
      { "win.export-event", { "<Control>e", NULL } },
      { "win.export-upcoming", { "<Control><Shift>e", NULL } },
      { "win.add-to-calendar", { "<Control><Shift>t", NULL } },
      /* Documents: copies and the trash, like the entries' actions. */
      { "win.duplicate-document", { "<Control><Alt>d", NULL } },
      { "win.start-from-document", { "<Control><Alt>n", NULL } },
      { "win.trash-document", { "<Control><Shift>Delete", NULL } },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (entry_accels); i++)
      gtk_application_set_accels_for_action (GTK_APPLICATION (app), entry_accels[i].action,
                                             entry_accels[i].accels);
  }
}

static void
aushang_application_dispose (GObject *object)
{
  AushangApplication *self = AUSHANG_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (aushang_application_parent_class)->dispose (object);
}

static void
aushang_application_class_init (AushangApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = aushang_application_dispose;
  app_class->activate = aushang_application_activate;
  app_class->open = aushang_application_open;
  app_class->startup = aushang_application_startup;
}

static void
aushang_application_init (AushangApplication *self)
{
}
