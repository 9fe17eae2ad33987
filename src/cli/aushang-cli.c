/* aushang-cli.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "aushang-check.h"
#include "aushang-cli.h"
#include "aushang-document.h"
#include "aushang-preview-page.h"
#include "aushang-site.h"
#include "aushang-yaml.h"

typedef enum
{
  EDIT_SET,
  EDIT_SET_YAML,
  EDIT_UNSET,
} EditKind;

typedef struct
{
  EditKind  kind;
  char     *key;
  char     *text;
} Edit;

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->key);
  g_free (edit->text);
  g_free (edit);
}

static const char *verbs[] = {
  "--check", "--render", "--set", "--set-yaml", "--unset", "--help", "-h", "--version",
};

gboolean
aushang_cli_wants (int    argc,
                   char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
        {
          gsize len = strlen (verbs[v]);

          if (strncmp (argv[i], verbs[v], len) == 0 && (argv[i][len] == '\0' || argv[i][len] == '='))
            return TRUE;
        }
    }

  return FALSE;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n",
           _("Usage:\n"
             "  aushang [PATH]                    Open a site folder or a document in the window\n"
             "  aushang --check PATH…             Check documents or whole site folders\n"
             "  aushang --render FILE             Print the preview page (HTML) of a document\n"
             "  aushang [EDIT…] FILE              Change fields of a document and save it\n"
             "\n"
             "Edits (each may be given several times, applied in order):\n"
             "  --set KEY=TEXT                    Store TEXT as text\n"
             "  --set-yaml KEY=YAML               Store what YAML means (a list, true, a date, …)\n"
             "  --unset KEY                       Remove the field\n"
             "\n"
             "--check prints one line per problem, FILE:LINE:COLUMN: error|warning: message,\n"
             "and exits with 1 when it found an error."));
}

static void
print_diagnostics (const char *shown_name,
                   GPtrArray  *diagnostics,
                   guint      *errors,
                   guint      *warnings)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      AushangDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_print ("%s:%u:%u: %s: %s\n", shown_name, MAX (d->line, 1), MAX (d->column, 1),
               aushang_severity_to_string (d->severity), d->message);

      if (d->severity == AUSHANG_SEVERITY_ERROR)
        (*errors)++;
      else
        (*warnings)++;
    }
}

static void
check_file (const char  *shown_name,
            GFile       *file,
            AushangSite *site,
            guint       *errors,
            guint       *warnings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  g_autoptr(AushangSite) own_site = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  if (document == NULL)
    {
      g_print ("%s:1:1: error: %s\n", shown_name, error->message);
      (*errors)++;
      return;
    }

  if (site == NULL)
    site = own_site = aushang_site_new_for_file (file);

  diagnostics = aushang_check_document (document, file, site);
  print_diagnostics (shown_name, diagnostics, errors, warnings);
}

static void
check_site (const char *shown_name,
            GFile      *folder,
            guint      *errors,
            guint      *warnings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangSite) site = aushang_site_new (folder, &error);
  const GError *config_error;
  guint line = 0, column = 0;
  GPtrArray *collections;

  if (site == NULL)
    {
      g_print ("%s:1:1: error: %s\n", shown_name, error->message);
      (*errors)++;
      return;
    }

  config_error = aushang_site_get_config_error (site, &line, &column);
  if (config_error != NULL)
    {
      g_autofree char *config = g_build_filename (shown_name, "_config.yml", NULL);

      g_print ("%s:%u:%u: error: %s\n", config, MAX (line, 1), MAX (column, 1), config_error->message);
      (*errors)++;
    }

  collections = aushang_site_get_collections (site);
  for (guint i = 0; i < collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (collections, i);
      g_autoptr(GPtrArray) documents = aushang_site_list_documents (site, collection);

      for (guint j = 0; j < documents->len; j++)
        {
          GFile *file = g_ptr_array_index (documents, j);
          g_autofree char *relative = g_file_get_relative_path (folder, file);
          g_autofree char *shown = g_build_filename (shown_name, relative, NULL);

          check_file (shown, file, site, errors, warnings);
        }
    }
}

static int
run_check (GPtrArray *paths)
{
  guint errors = 0, warnings = 0;

  if (paths->len == 0)
    {
      g_printerr ("%s\n", _("--check needs at least one file or site folder."));
      return 2;
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);

      if (type == G_FILE_TYPE_UNKNOWN)
        {
          g_print ("%s:1:1: error: %s\n", path, _("There is no such file or folder."));
          errors++;
        }
      else if (type == G_FILE_TYPE_DIRECTORY)
        check_site (path, file, &errors, &warnings);
      else
        check_file (path, file, NULL, &errors, &warnings);
    }

  return errors > 0 ? 1 : 0;
}

static int
run_render (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  g_autofree char *html = NULL;
  const char *language = "en";
  const char * const *languages = g_get_language_names ();
  AushangPreviewOptions options = { 0, };

  if (document == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  if (languages != NULL && languages[0] != NULL && g_str_has_prefix (languages[0], "de"))
    language = "de";

  options.language = language;
  html = aushang_preview_page_render (document, &options);
  fputs (html, stdout);

  return 0;
}

static gboolean
apply_edit (AushangFrontMatter  *fm,
            Edit                *edit,
            GError             **error)
{
  switch (edit->kind)
    {
    case EDIT_SET:
      return aushang_front_matter_set_string (fm, edit->key, edit->text, error);

    case EDIT_SET_YAML:
      {
        g_autoptr(GError) local_error = NULL;
        g_autoptr(AushangValue) value = aushang_yaml_parse_value (edit->text, &local_error);

        if (value == NULL)
          {
            g_set_error (error, local_error->domain, local_error->code,
                         /* Translators: the first %s is a field name, the second a reason. */
                         _("The YAML for “%s” cannot be read: %s"), edit->key, local_error->message);
            return FALSE;
          }

        return aushang_front_matter_set_value (fm, edit->key, value, error);
      }

    case EDIT_UNSET:
      return aushang_front_matter_remove (fm, edit->key, error);

    default:
      g_assert_not_reached ();
    }
}

static int
run_edits (GPtrArray  *edits,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = aushang_document_load (file, &error);
  AushangFrontMatter *fm;

  if (document == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  if (!aushang_document_can_edit_fields (document, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  fm = aushang_document_get_front_matter (document);

  for (guint i = 0; i < edits->len; i++)
    {
      if (!apply_edit (fm, g_ptr_array_index (edits, i), &error))
        {
          g_printerr ("%s: %s\n", path, error->message);
          g_printerr ("%s\n", _("Nothing was written."));
          return 1;
        }
    }

  /* Nothing changed: the file is left alone, not even touched. */
  if (!aushang_document_get_modified (document))
    return 0;

  if (!aushang_document_save (document, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  return 0;
}

static gboolean
take_argument (int          argc,
               char       **argv,
               int         *i,
               const char  *verb,
               const char **value)
{
  gsize len = strlen (verb);

  if (argv[*i][len] == '=')
    {
      *value = argv[*i] + len + 1;
      return TRUE;
    }

  if (*i + 1 >= argc)
    {
      /* Translators: %s is an option such as --set. */
      g_printerr (_("%s needs a value.\n"), verb);
      return FALSE;
    }

  *value = argv[++(*i)];

  return TRUE;
}

static Edit *
parse_edit (EditKind    kind,
            const char *verb,
            const char *argument)
{
  Edit *edit;
  const char *equals = strchr (argument, '=');

  if (kind == EDIT_UNSET)
    equals = NULL;
  else if (equals == NULL || equals == argument)
    {
      /* Translators: the first %s is an option, the second what was given. */
      g_printerr (_("%s expects KEY=VALUE, not “%s”.\n"), verb, argument);
      return NULL;
    }

  if (kind == EDIT_UNSET && *argument == '\0')
    {
      g_printerr (_("%s needs a field name.\n"), verb);
      return NULL;
    }

  edit = g_new0 (Edit, 1);
  edit->kind = kind;
  edit->key = equals ? g_strndup (argument, equals - argument) : g_strdup (argument);
  edit->text = g_strdup (equals ? equals + 1 : "");

  return edit;
}

static gboolean
is_verb (const char *arg,
         const char *verb)
{
  gsize len = strlen (verb);

  return strncmp (arg, verb, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

int
aushang_cli_run (int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func (edit_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  gboolean check = FALSE;
  const char *render = NULL;
  gboolean only_paths = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      EditKind kind;
      const char *verb = NULL;
      Edit *edit;

      if (only_paths || arg[0] != '-' || strcmp (arg, "-") == 0)
        {
          g_ptr_array_add (paths, (gpointer) arg);
          continue;
        }

      if (strcmp (arg, "--") == 0)
        {
          only_paths = TRUE;
          continue;
        }

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }

      if (strcmp (arg, "--version") == 0)
        {
          g_print ("aushang %s\n", PACKAGE_VERSION);
          return 0;
        }

      if (strcmp (arg, "--check") == 0)
        {
          check = TRUE;
          continue;
        }

      if (is_verb (arg, "--render"))
        {
          if (!take_argument (argc, argv, &i, "--render", &render))
            return 2;
          continue;
        }

      if (is_verb (arg, "--set-yaml"))
        kind = EDIT_SET_YAML, verb = "--set-yaml";
      else if (is_verb (arg, "--set"))
        kind = EDIT_SET, verb = "--set";
      else if (is_verb (arg, "--unset"))
        kind = EDIT_UNSET, verb = "--unset";
      else
        {
          /* Translators: %s is what was typed. */
          g_printerr (_("Unknown option “%s”.\n"), arg);
          print_usage (stderr);
          return 2;
        }

      if (!take_argument (argc, argv, &i, verb, &value))
        return 2;

      edit = parse_edit (kind, verb, value);
      if (edit == NULL)
        return 2;
      g_ptr_array_add (edits, edit);
    }

  if ((check ? 1 : 0) + (render ? 1 : 0) + (edits->len > 0 ? 1 : 0) > 1)
    {
      g_printerr ("%s\n", _("--check, --render and edits cannot be combined; run them one after the other."));
      return 2;
    }

  if (check)
    return run_check (paths);

  if (render != NULL)
    {
      if (paths->len > 0)
        {
          g_printerr ("%s\n", _("--render takes exactly one file."));
          return 2;
        }
      return run_render (render);
    }

  if (edits->len > 0)
    {
      if (paths->len != 1)
        {
          g_printerr ("%s\n", _("Edits need exactly one file to change."));
          return 2;
        }
      return run_edits (edits, g_ptr_array_index (paths, 0));
    }

  print_usage (stderr);

  return 2;
}
