/* aushang-cli-list.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-cli-list.h"
#include "aushang-data-file.h"
#include "aushang-entry-util.h"
#include "aushang-site.h"

#define NO_DATE "–"

/* Tabs and line breaks in a title would break the columns. */
static char *
cell (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  return g_strdelimit (copy, "\t\r\n", ' ');
}

static void
print_line (const char *where,
            const char *path,
            const char *title,
            GDateTime  *date,
            const char *mark)
{
  g_autofree char *where_cell = cell (where);
  g_autofree char *path_cell = cell (path);
  g_autofree char *title_cell = cell (title);
  g_autofree char *day = date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup (NO_DATE);

  g_print ("%s\t%s\t%s\t%s\t%s\n", where_cell, path_cell, title_cell, day, mark);
}

static void
list_pages (AushangSite *site)
{
  GPtrArray *pages = aushang_site_get_pages (site);

  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      GFile *file = g_ptr_array_index (pages, i);
      g_autoptr(AushangDocument) document = aushang_document_load (file, NULL);
      AushangFrontMatter *front_matter = document ? aushang_document_get_front_matter (document) : NULL;
      AushangValue *value = front_matter && aushang_front_matter_get_error (front_matter) == NULL
                            ? aushang_front_matter_get (front_matter, "title") : NULL;
      g_autofree char *title = value ? aushang_value_to_display (value) : NULL;
      g_autofree char *relative = g_file_get_relative_path (aushang_site_get_folder (site), file);

      /* As the list shows a page without a title: by its path. */
      print_line ("pages", relative, title != NULL && *title != '\0' ? title : relative, NULL, "");
    }
}

static void
list_data (AushangSite *site)
{
  g_autoptr(GPtrArray) files = aushang_site_list_data_files (site);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(AushangDataFile) data_file = aushang_data_file_load (file, NULL);
      g_autofree char *relative = g_file_get_relative_path (aushang_site_get_folder (site), file);
      const char *date_key;
      guint n;

      if (data_file == NULL)
        continue;

      if (aushang_data_file_get_kind (data_file) != AUSHANG_DATA_FILE_ENTRIES)
        {
          g_autofree char *label = aushang_data_file_dup_label (data_file);

          print_line ("data", relative, label, NULL, "");
          continue;
        }

      date_key = aushang_data_file_get_date_key (data_file, NULL);
      n = aushang_data_file_get_n_entries (data_file);
      for (guint j = 0; j < n; j++)
        {
          gboolean hidden = FALSE;
          AushangValue *entry = aushang_data_file_get_entry (data_file, j, &hidden, NULL, NULL);
          g_autofree char *title = aushang_entry_dup_title (entry, j);
          g_autofree char *path = g_strdup_printf ("%s#%u", relative, j + 1);
          g_autoptr(GDateTime) date = date_key ? aushang_data_file_dup_entry_date (data_file, j) : NULL;

          print_line ("data", path, title, date, hidden ? "hidden" : "");
        }
    }
}

static int
list_site (GFile *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangSite) site = aushang_site_new (folder, &error);
  GPtrArray *collections;

  if (site == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      g_printerr ("%s: %s\n", name, error->message);
      return 1;
    }

  collections = aushang_site_get_collections (site);
  for (guint i = 0; i < collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (collections, i);
      GPtrArray *documents = aushang_site_get_documents (site, collection);

      for (guint j = 0; j < documents->len; j++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, j);

          print_line (collection->name, document->relative_path,
                      *document->title != '\0' ? document->title : _("Untitled"),
                      document->date, document->draft ? "draft" : "");
        }
    }

  list_pages (site);
  list_data (site);

  return 0;
}

int
aushang_cli_run_list (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) sites = NULL;
  int status = 0;

  if (aushang_site_folder_is_site (folder))
    return list_site (folder);

  /* A folder without _config.yml: the sites in it (docs/, src/, …). */
  sites = aushang_site_find_sites (folder);
  if (sites->len == 0)
    return list_site (folder);

  for (guint i = 0; i < sites->len; i++)
    {
      GFile *site = g_ptr_array_index (sites, i);
      g_autofree char *relative = g_file_get_relative_path (folder, site);

      if (relative != NULL)
        {
          g_autofree char *shown = g_build_filename (path, relative, NULL);

          /* Translators: %s is a folder, like web/ or docs/. */
          g_printerr (_("Listing the Jekyll site in “%s”.\n"), shown);
        }
      status = MAX (status, list_site (site));
    }

  return status;
}
