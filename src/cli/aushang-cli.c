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
#include "aushang-data-file.h"
#include "aushang-document.h"
#include "aushang-gallery.h"
#include "aushang-photo.h"
#include "aushang-ics.h"
#include "aushang-preview-page.h"
#include "aushang-site.h"
#include "aushang-cli-git.h"
#include "aushang-cli-list.h"
#include "aushang-page-render.h"
#include "aushang-spelling.h"
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
  "--import-images", "--entry", "--new-entry", "--remove-entry", "--hide-entry", "--show-entry", "--ics",
  "--list", "--status", "--publish",
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
             "  aushang --check PATH…             Check documents, data files or whole site folders\n"
             "  aushang --render FILE             Print the preview page (HTML) of a document\n"
             "  aushang [EDIT…] FILE              Change fields of a document and save it\n"
             "  aushang --entry N [EDIT…] FILE    Change fields of entry N of a data list (_data/…)\n"
             "  aushang --new-entry [EDIT…] FILE  Add an entry where the list’s order puts it\n"
             "  aushang --remove-entry N FILE     Remove entry N\n"
             "  aushang --hide-entry N FILE       Comment entry N out (“# ”), so Jekyll skips it\n"
             "  aushang --show-entry N FILE       Take the “# ” away again\n"
             "  aushang --ics FILE [N]            Print entry N, or every upcoming event, as iCalendar\n"
             "\n"
             "Edits (each may be given several times, applied in order):\n"
             "  --set KEY=TEXT                    Store TEXT as text (in a data list: as the other\n"
             "                                    entries write that field, a date in their form,\n"
             "                                    true/false, a number)\n"
             "  --set-yaml KEY=YAML               Store what YAML means (a list, true, a date, …)\n"
             "  --unset KEY                       Remove the field\n"
             "Entries count from 1 in the order of the file, hidden ones included.\n"
             "\n"
             "--check prints one line per problem, FILE:LINE:COLUMN: error|warning: message,\n"
             "then a summary, and exits with 1 when it found an error. An error is what makes\n"
             "Jekyll fail, skip the document or publish something other than was written.\n"
             "  --werror                          Warnings make it exit with 1 too\n"
             "  --format=github                   Print GitHub Actions annotations instead\n"
             "A folder without _config.yml is searched for the sites in it (docs/, src/, …)."));
  fprintf (stream, "\n%s\n",
           _("  aushang --list SITE               Print the site’s documents and data entries as the\n"
             "                                    window lists them: collection, path, title, date\n"
             "                                    or “–”, draft or hidden, separated by tabs"));
  fprintf (stream, "%s\n",
           _("  aushang --status SITE             What publishing would put on the website\n"
             "  aushang --publish SITE [-m TEXT]  Check, then publish the site’s changes (git);\n"
             "                                    errors stop it. The author comes from\n"
             "                                    AUSHANG_GIT_NAME and AUSHANG_GIT_EMAIL, the user\n"
             "                                    name and access token for HTTPS from\n"
             "                                    AUSHANG_GIT_USERNAME and AUSHANG_GIT_TOKEN"));
  fprintf (stream, "%s\n",
           _("  --spelling                        Warn about misspelled words too, in the\n"
             "                                    site’s language (or a document’s lang:)"));
  fprintf (stream, "%s\n",
           _("\n"
             "  aushang --import-images DOCUMENT IMAGE… [--alt TEXT]\n"
             "                                    Take photos into the site for DOCUMENT: upright,\n"
             "                                    scaled down, without camera data, named after the\n"
             "                                    document; prints the Markdown to insert"));
  fprintf (stream, "%s\n",
           _("                                    Several photos without --alt, in a site with a\n"
             "                                    gallery block: into a folder of their own, and\n"
             "                                    the gallery block is printed"));
  fprintf (stream, "%s\n",
           _("  --plain                           With --render: the built-in style instead of\n"
             "                                    the site’s layouts, includes and stylesheets"));
}

/* --import-images with several photos in a site with a gallery block:
 * the photos into a folder of their own, the block on standard output. */
static int
run_import_gallery (AushangSite         *site,
                    AushangGalleryBlock *block,
                    GFile               *document,
                    GPtrArray           *paths)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AushangGalleryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *text = NULL;
  GPtrArray *failures;

  for (guint i = 1; i < paths->len; i++)
    g_ptr_array_add (sources, g_file_new_for_commandline_arg (g_ptr_array_index (paths, i)));

  plan = aushang_gallery_plan_new (site, block, document, sources);
  if (!aushang_gallery_plan_run (plan, NULL, NULL, NULL, &error))
    {
      failures = aushang_gallery_plan_get_failures (plan);
      for (guint i = 0; i < failures->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (failures, i));
      if (failures->len != 1)
        g_printerr ("%s\n", error->message);
      return 1;
    }

  text = aushang_gallery_plan_dup_block_text (plan, block);
  g_print ("%s\n", text);

  written = aushang_gallery_plan_get_written (plan);
  /* Translators: %u photos were written into the folder %s. */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u photo in %s\n", "%u photos in %s\n", written->len),
              written->len, aushang_gallery_plan_get_folder (plan) + 1);
  failures = aushang_gallery_plan_get_failures (plan);
  for (guint i = 0; i < failures->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (failures, i));

  return failures->len > 0 ? 1 : 0;
}

/* --import-images DOCUMENT IMAGE…: each image into the site, its Markdown
 * on standard output, one line each. */
static int
run_import_images (GPtrArray  *paths,
                   const char *alt)
{
  g_autoptr(GFile) document = NULL;
  g_autoptr(AushangSite) site = NULL;
  int status = 0;

  if (paths->len < 2)
    {
      g_printerr ("%s\n", _("--import-images needs the document and at least one image."));
      return 2;
    }

  document = g_file_new_for_commandline_arg (g_ptr_array_index (paths, 0));
  site = aushang_site_new_for_file (document);
  if (site == NULL)
    {
      /* Translators: %s is a file name. */
      g_printerr (_("“%s” is not in a Jekyll site (no _config.yml above it).\n"),
                  (const char *) g_ptr_array_index (paths, 0));
      return 1;
    }

  /* Several photos: the site's gallery block, when it has one. */
  if (paths->len > 2 && alt == NULL)
    {
      g_autoptr(AushangGalleryBlock) block = aushang_gallery_find_block (site);

      if (block != NULL)
        return run_import_gallery (site, block, document, paths);
    }

  for (guint i = 1; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) image = g_file_new_for_commandline_arg (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(AushangPhoto) photo = aushang_photo_import (site, document, image, &error);
      g_autofree char *markdown = NULL;

      if (photo == NULL)
        {
          g_printerr ("%s: %s\n", path, error->message);
          status = 1;
          continue;
        }
      markdown = aushang_photo_dup_markdown (alt, photo->site_path);
      g_print ("%s\n", markdown);
      /* Translators: a photo was written; %s is its path in the site, then
       * its width and height in pixels. */
      g_printerr (_("%s: %d × %d pixels\n"), photo->site_path + 1, photo->width, photo->height);
    }

  if (alt == NULL && status == 0)
    g_printerr ("%s\n", _("Describe each picture for people who cannot see it: write it between the brackets, or give --alt."));

  return status;
}

typedef enum
{
  FORMAT_TEXT,
  FORMAT_GITHUB,
} Format;

/* What --check has seen so far. */
/* Words of a --spelling run that get the dictionary's suggestions. */
#define SUGGESTED_WORDS 40

typedef struct
{
  Format      format;
  guint       errors;
  guint       warnings;
  guint       documents;
  /* --spelling: the checkers by language asked for (NULL where there is
   * no dictionary; said once). */
  gboolean    spelling;
  GHashTable *spellers;
  /* The message for each misspelled word, by checker and word: the
   * dictionary's suggestions take long, and words come back. */
  GHashTable *misspelled;
  /* How many words got suggestions: the dictionary takes a tenth of a
   * second to two seconds a word, so only the first SUGGESTED_WORDS do,
   * and a site's CI finishes in time. */
  guint       suggested;
  guint       unsuggested;
  /* The words of each site's own names (aushang_spelling_dup_site_words),
   * by site folder. */
  GHashTable *site_words;
} CheckRun;

/* GitHub's workflow commands: data escapes %, CR and LF; property values
 * also , and :. */
static char *
github_escape (const char *text,
               gboolean    property)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%')
        g_string_append (out, "%25");
      else if (*p == '\r')
        g_string_append (out, "%0D");
      else if (*p == '\n')
        g_string_append (out, "%0A");
      else if (property && *p == ':')
        g_string_append (out, "%3A");
      else if (property && *p == ',')
        g_string_append (out, "%2C");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
report (CheckRun        *run,
        const char      *shown_name,
        guint            line,
        guint            column,
        AushangSeverity  severity,
        const char      *message)
{
  line = MAX (line, 1);
  column = MAX (column, 1);

  if (severity == AUSHANG_SEVERITY_ERROR)
    run->errors++;
  else
    run->warnings++;

  if (run->format == FORMAT_GITHUB)
    {
      /* GitHub matches paths relative to the repository, without "./". */
      const char *path = shown_name;
      g_autofree char *file = NULL;
      g_autofree char *text = NULL;

      while (g_str_has_prefix (path, "./"))
        path += 2;
      file = github_escape (path, TRUE);
      text = github_escape (message, FALSE);
      g_print ("::%s file=%s,line=%u,col=%u::%s\n", aushang_severity_to_string (severity),
               file, line, column, text);
    }
  else
    g_print ("%s:%u:%u: %s: %s\n", shown_name, line, column,
             aushang_severity_to_string (severity), message);
}

/* Whether @file is one of the data files Jekyll reads (in the site's
 * data folder, or in a folder named _data when there is no site). */
static gboolean
is_data_file (GFile       *file,
              AushangSite *site)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);

  if (name == NULL || !aushang_data_file_name_is_data (name))
    return FALSE;

  if (site != NULL)
    {
      g_autoptr(GFile) data = aushang_site_get_data_folder (site);

      return g_file_has_prefix (file, data);
    }

  return path != NULL && strstr (path, G_DIR_SEPARATOR_S "_data" G_DIR_SEPARATOR_S) != NULL;
}

static void
check_data_file (CheckRun    *run,
                 const char  *shown_name,
                 GFile       *file,
                 AushangSite *site)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDataFile) data = aushang_data_file_load (file, &error);
  g_autoptr(GPtrArray) diagnostics = NULL;

  run->documents++;

  if (data == NULL)
    {
      report (run, shown_name, 1, 1, AUSHANG_SEVERITY_ERROR, error->message);
      return;
    }

  diagnostics = aushang_check_data_file (data, site);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      AushangDiagnostic *d = g_ptr_array_index (diagnostics, i);

      report (run, shown_name, d->line, d->column, d->severity, d->message);
    }
}

static void
spelling_free (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

/* The checker for @language, made on first use; NULL (said once on
 * standard error, and counted as an error) when there is no dictionary. */
static AushangSpelling *
get_speller (CheckRun   *run,
             const char *language)
{
  AushangSpelling *spelling;
  g_autoptr(GError) error = NULL;

  if (g_hash_table_lookup_extended (run->spellers, language, NULL, (gpointer *) &spelling))
    return spelling;

  spelling = aushang_spelling_new (language, &error);
  if (spelling == NULL)
    {
      /* Translators: %s says which dictionary is missing. */
      g_printerr (_("Spelling is not checked: %s\n"), error->message);
      run->errors++;
    }
  g_hash_table_insert (run->spellers, g_strdup (language), spelling);

  return spelling;
}

static void
report_misspelled (CheckRun        *run,
                   AushangSpelling *spelling,
                   const char      *shown_name,
                   guint            line,
                   guint            column,
                   const char      *word,
                   gsize            length)
{
  g_autofree char *text = g_strndup (word, length);
  g_autofree char *key = g_strdup_printf ("%p %s", (void *) spelling, text);
  g_auto(GStrv) suggestions = NULL;
  char *message = g_hash_table_lookup (run->misspelled, key);

  if (message != NULL)
    {
      report (run, shown_name, line, column, AUSHANG_SEVERITY_WARNING, message);
      return;
    }

  if (run->suggested < SUGGESTED_WORDS)
    {
      suggestions = aushang_spelling_suggest (spelling, word, length, 3);
      run->suggested++;
    }
  else
    run->unsuggested++;
  if (suggestions == NULL || suggestions[0] == NULL)
    /* Translators: %s is a word of the document. */
    message = g_strdup_printf (_("“%s” may be misspelled."), text);
  else if (suggestions[1] == NULL)
    /* Translators: the first %s is a word of the document, the second
     * the dictionary's suggestion. */
    message = g_strdup_printf (_("“%s” may be misspelled; did you mean “%s”?"), text, suggestions[0]);
  else
    {
      g_autofree char *joined = g_strjoinv (_("”, “"), suggestions);

      /* Translators: the first %s is a word of the document, the second
       * the dictionary's suggestions, joined by the string above. */
      message = g_strdup_printf (_("“%s” may be misspelled; perhaps “%s”?"), text, joined);
    }

  g_hash_table_insert (run->misspelled, g_steal_pointer (&key), message);
  report (run, shown_name, line, column, AUSHANG_SEVERITY_WARNING, message);
}

/* The words of @site's own names, found once per site. */
static GHashTable *
get_site_words (CheckRun    *run,
                AushangSite *site)
{
  g_autofree char *folder = site != NULL ? g_file_get_path (aushang_site_get_folder (site)) : g_strdup ("");
  GHashTable *words = g_hash_table_lookup (run->site_words, folder);

  if (words == NULL)
    {
      words = aushang_spelling_dup_site_words (site);
      g_hash_table_insert (run->site_words, g_steal_pointer (&folder), words);
    }

  return words;
}

/* The front matter's texts people read: their words are checked at the
 * key's line (and the column where the word is on it). */
static const char *text_keys[] = {
  "title", "subtitle", "description", "teaser", "excerpt", "summary", "lead",
};

/* A post without lang: written in another language than the site's (an
 * English post on a German site) would be all mistakes: when the site's
 * dictionary finds more than a third of its first 200 words wrong, the
 * installed language that finds less than half as many is taken. */
static AushangSpelling *
guess_speller (CheckRun        *run,
               AushangSpelling *spelling,
               const char      *body)
{
  static char **bases;
  AushangSpelling *best = spelling;
  guint n = 0;
  double share = aushang_spelling_wrong_share (spelling, body, strlen (body), 200, &n);
  double best_share = share / 2;

  if (n < 20 || share <= 1.0 / 3)
    return spelling;

  /* Each installed language once ("de", "en"), by its base. */
  if (bases == NULL)
    {
      g_auto(GStrv) tags = aushang_spelling_list_languages ();
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_autofree char *base = g_strndup (tags[i], strcspn (tags[i], "_-"));

          if (!g_ptr_array_find_with_equal_func (found, base, g_str_equal, NULL))
            g_ptr_array_add (found, g_steal_pointer (&base));
        }
      g_ptr_array_add (found, NULL);
      bases = (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
    }

  for (guint i = 0; bases[i] != NULL; i++)
    {
      AushangSpelling *other;
      double other_share;

      if (g_str_has_prefix (aushang_spelling_get_language (spelling), bases[i]))
        continue;
      other = get_speller (run, bases[i]);
      if (other == NULL)
        continue;
      other_share = aushang_spelling_wrong_share (other, body, strlen (body), 200, NULL);
      if (other_share < best_share)
        {
          best = other;
          best_share = other_share;
        }
    }

  return best;
}

static void
check_spelling (CheckRun        *run,
                const char      *shown_name,
                AushangDocument *document,
                AushangSite     *site)
{
  AushangFrontMatter *front_matter = aushang_document_get_front_matter (document);
  AushangValue *lang = front_matter ? aushang_front_matter_get (front_matter, "lang") : NULL;
  g_autofree char *language = NULL;
  const char *body = aushang_document_get_body (document);
  guint body_line = aushang_document_get_body_line (document);
  gsize body_length;
  AushangSpelling *spelling;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *names;

  /* A document's own lang: wins over the site's. */
  if (lang != NULL && aushang_value_get_kind (lang) == AUSHANG_VALUE_STRING &&
      aushang_value_get_string (lang)[0] != '\0')
    language = g_strdup (aushang_value_get_string (lang));
  else
    language = aushang_spelling_dup_site_language (site);

  spelling = get_speller (run, language);
  if (spelling == NULL)
    return;
  if (lang == NULL)
    spelling = guess_speller (run, spelling, body);
  names = get_site_words (run, site);

  bytes = aushang_document_serialize (document);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);

  for (guint k = 0; front_matter != NULL && k < G_N_ELEMENTS (text_keys); k++)
    {
      AushangValue *value = aushang_front_matter_get (front_matter, text_keys[k]);
      guint line = aushang_front_matter_get_key_line (front_matter, text_keys[k]);
      const char *text;
      g_autoptr(GArray) value_words = NULL;

      if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING || line == 0)
        continue;
      text = aushang_value_get_string (value);
      value_words = aushang_spelling_find_words (text, -1, 0, -1);
      for (guint i = 0; i < value_words->len; i++)
        {
          AushangSpellingWord *word = &g_array_index (value_words, AushangSpellingWord, i);
          const char *key_line = line <= g_strv_length (lines) ? lines[line - 1] : "";
          g_autofree char *needle = g_strndup (text + word->start, word->end - word->start);
          const char *found = strstr (key_line, needle);
          guint column = found ? g_utf8_strlen (key_line, found - key_line) + 1 : 1;

          if (!g_hash_table_contains (names, needle) &&
              !aushang_spelling_check_found (spelling, text, strlen (text), word))
            report_misspelled (run, spelling, shown_name, line, column, needle, strlen (needle));
        }
    }

  body_length = strlen (body);
  words = aushang_spelling_find_words (body, body_length, 0, -1);
  for (guint i = 0; i < words->len; i++)
    {
      AushangSpellingWord *word = &g_array_index (words, AushangSpellingWord, i);
      const char *start = body + word->start;
      gsize length = word->end - word->start;

      g_autofree char *text = g_strndup (start, length);

      if (!g_hash_table_contains (names, text) &&
          !aushang_spelling_check_found (spelling, body, body_length, word))
        report_misspelled (run, spelling, shown_name, body_line + word->line - 1,
                           word->column, start, length);
    }
}

static void
check_file (CheckRun    *run,
            const char  *shown_name,
            GFile       *file,
            AushangSite *site)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDocument) document = NULL;
  g_autoptr(AushangSite) own_site = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  if (site == NULL)
    site = own_site = aushang_site_new_for_file (file);

  if (is_data_file (file, site))
    {
      check_data_file (run, shown_name, file, site);
      return;
    }

  run->documents++;
  document = aushang_document_load (file, &error);

  if (document == NULL)
    {
      report (run, shown_name, 1, 1, AUSHANG_SEVERITY_ERROR, error->message);
      return;
    }

  diagnostics = aushang_check_document (document, file, site);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      AushangDiagnostic *d = g_ptr_array_index (diagnostics, i);

      report (run, shown_name, d->line, d->column, d->severity, d->message);
    }

  if (run->spelling)
    check_spelling (run, shown_name, document, site);
}

static void
check_one_site (CheckRun   *run,
                const char *shown_name,
                GFile      *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangSite) site = aushang_site_new (folder, &error);
  const GError *config_error;
  guint line = 0, column = 0;
  GPtrArray *collections;

  if (site == NULL)
    {
      report (run, shown_name, 1, 1, AUSHANG_SEVERITY_ERROR, error->message);
      return;
    }

  config_error = aushang_site_get_config_error (site, &line, &column);
  if (config_error != NULL)
    {
      g_autofree char *config = g_build_filename (shown_name, "_config.yml", NULL);

      report (run, config, line, column, AUSHANG_SEVERITY_ERROR, config_error->message);
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

          check_file (run, shown, file, site);
        }
    }

  /* The data files: events, team and the like. */
  {
    g_autoptr(GPtrArray) data_files = aushang_site_list_data_files (site);

    for (guint i = 0; i < data_files->len; i++)
      {
        GFile *file = g_ptr_array_index (data_files, i);
        g_autofree char *relative = g_file_get_relative_path (folder, file);
        g_autofree char *shown = g_build_filename (shown_name, relative, NULL);

        check_data_file (run, shown, file, site);
      }
  }
}

/* A folder: the site in it, or the sites in its subfolders when the
 * repository keeps its site in docs/ or the like; each is named. */
static void
check_folder (CheckRun   *run,
              const char *shown_name,
              GFile      *folder)
{
  g_autoptr(GPtrArray) sites = aushang_site_find_sites (folder);

  if (sites->len == 0)
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a Jekyll site: it has no _config.yml, and none of its subfolders holds a site."),
                         name);

      report (run, shown_name, 1, 1, AUSHANG_SEVERITY_ERROR, message);
      return;
    }

  for (guint i = 0; i < sites->len; i++)
    {
      GFile *site = g_ptr_array_index (sites, i);
      g_autofree char *relative = g_file_get_relative_path (folder, site);
      g_autofree char *shown = relative ? g_build_filename (shown_name, relative, NULL) : g_strdup (shown_name);

      if (relative != NULL)
        /* Translators: %s is a folder, like web/ or docs/. */
        g_printerr (_("Checking the Jekyll site in “%s”.\n"), shown);

      check_one_site (run, shown, site);
    }
}

/* --publish runs the checks of --check SITE first: the number of errors
 * (warnings do not stop publishing). */
static guint
check_site_errors (const char *path)
{
  CheckRun run = { FORMAT_TEXT, 0, 0, 0, FALSE, NULL };
  g_autoptr(GFile) folder = g_file_new_for_commandline_arg (path);

  check_folder (&run, path, folder);
  return run.errors;
}

static int
run_check (GPtrArray *paths,
           Format     format,
           gboolean   werror,
           gboolean   spelling)
{
  CheckRun run = { format, 0, 0, 0, spelling, NULL };
  g_autoptr(GHashTable) spellers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          spelling_free);
  g_autoptr(GHashTable) misspelled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) site_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_hash_table_unref);
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *documents = NULL;

  if (paths->len == 0)
    {
      g_printerr ("%s\n", _("--check needs at least one file or site folder."));
      return 2;
    }
  run.spellers = spellers;
  run.misspelled = misspelled;
  run.site_words = site_words;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);

      if (type == G_FILE_TYPE_UNKNOWN)
        report (&run, path, 1, 1, AUSHANG_SEVERITY_ERROR, _("There is no such file or folder."));
      else if (type == G_FILE_TYPE_DIRECTORY)
        check_folder (&run, path, file);
      else
        check_file (&run, path, file, NULL);
    }

  /* The summary goes to standard error, so standard output stays one line
   * per problem for scripts. */
  /* Translators: the start of "3 errors, 12 warnings in 145 documents". */
  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", run.errors), run.errors);
  /* Translators: the middle of "3 errors, 12 warnings in 145 documents". */
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", run.warnings), run.warnings);
  /* Translators: the end of "3 errors, 12 warnings in 145 documents". */
  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", run.documents), run.documents);
  /* Translators: "3 errors, 12 warnings in 145 documents"; the %s are the
   * three parts above. */
  g_printerr (_("%s, %s in %s\n"), errors, warnings, documents);
  if (run.unsuggested > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             /* Translators: %u is a number of different words. */
                             "Suggestions were looked up for the first %u misspelled word only; the dictionary takes long for each.\n",
                             "Suggestions were looked up for the first %u misspelled words only; the dictionary takes long for each.\n",
                             SUGGESTED_WORDS),
                SUGGESTED_WORDS);

  return (run.errors > 0 || (werror && run.warnings > 0)) ? 1 : 0;
}

static int
run_render (const char *path,
            gboolean    plain)
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

  /* The page as the site shows it: its layouts, includes and style. */
  if (!plain)
    {
      g_autoptr(AushangSite) site = aushang_site_new_for_file (file);

      if (site != NULL)
        {
          g_autoptr(AushangPageContext) context = aushang_page_context_new (site);
          g_autoptr(GError) render_error = NULL;

          html = aushang_page_context_render (context, document, file, &options, &render_error);
          if (render_error != NULL)
            g_printerr ("%s: %s\n", path, render_error->message);
        }
    }
  if (html == NULL)
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

typedef enum
{
  ENTRY_NONE,
  ENTRY_EDIT,
  ENTRY_NEW,
  ENTRY_REMOVE,
  ENTRY_HIDE,
  ENTRY_SHOW,
} EntryOp;

static AushangValue *
parse_yaml_edit (Edit    *edit,
                 GError **error)
{
  g_autoptr(GError) local_error = NULL;
  AushangValue *value = aushang_yaml_parse_value (edit->text, &local_error);

  if (value == NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 _("The YAML for “%s” cannot be read: %s"), edit->key, local_error->message);

  return value;
}

static gboolean
apply_entry_edit (AushangDataFile  *data,
                  guint             index,
                  Edit             *edit,
                  GError          **error)
{
  switch (edit->kind)
    {
    case EDIT_SET:
      return aushang_data_file_set_text (data, index, edit->key, edit->text, error);

    case EDIT_SET_YAML:
      {
        g_autoptr(AushangValue) value = parse_yaml_edit (edit, error);

        return value != NULL && aushang_data_file_set_value (data, index, edit->key, value, error);
      }

    case EDIT_UNSET:
      return aushang_data_file_unset (data, index, edit->key, error);

    default:
      g_assert_not_reached ();
    }
}

/* The fields of a new entry, from the edits. */
static AushangValue *
new_entry_from_edits (AushangDataFile  *data,
                      GPtrArray        *edits,
                      GError          **error)
{
  g_autoptr(AushangValue) entry = aushang_value_new_map ();

  for (guint i = 0; i < edits->len; i++)
    {
      Edit *edit = g_ptr_array_index (edits, i);
      AushangValue *value = NULL;

      switch (edit->kind)
        {
        case EDIT_SET:
          value = aushang_data_file_value_from_text (data, edit->key, edit->text);
          break;

        case EDIT_SET_YAML:
          value = parse_yaml_edit (edit, error);
          if (value == NULL)
            return NULL;
          break;

        case EDIT_UNSET:
        default:
          continue;
        }

      aushang_value_map_insert (entry, edit->key, value);
    }

  if (aushang_value_get_length (entry) == 0)
    {
      g_set_error_literal (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                           _("A new entry needs at least one field: give it with --set or --set-yaml."));
      return NULL;
    }

  return g_steal_pointer (&entry);
}

static int
run_entry (EntryOp     op,
           guint       number,
           GPtrArray  *edits,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDataFile) data = aushang_data_file_load (file, &error);
  gboolean ok = TRUE;
  guint index = number - 1;

  if (data == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  switch (op)
    {
    case ENTRY_EDIT:
      for (guint i = 0; ok && i < edits->len; i++)
        ok = apply_entry_edit (data, index, g_ptr_array_index (edits, i), &error);
      break;

    case ENTRY_NEW:
      {
        g_autoptr(AushangValue) entry = new_entry_from_edits (data, edits, &error);
        gint added = entry ? aushang_data_file_add_entry (data, entry, &error) : -1;

        ok = added >= 0;
        if (ok)
          /* Translators: %d is the number of the new entry, counted from 1. */
          g_printerr (_("The new entry is entry %d.\n"), added + 1);
      }
      break;

    case ENTRY_REMOVE:
      ok = aushang_data_file_remove_entry (data, index, &error);
      break;

    case ENTRY_HIDE:
      ok = aushang_data_file_hide_entry (data, index, &error);
      break;

    case ENTRY_SHOW:
      ok = aushang_data_file_show_entry (data, index, &error);
      break;

    case ENTRY_NONE:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_printerr ("%s: %s\n", path, error->message);
      g_printerr ("%s\n", _("Nothing was written."));
      return 1;
    }

  /* Nothing changed: the file is left alone, not even touched. */
  if (!aushang_data_file_get_modified (data))
    return 0;

  if (!aushang_data_file_save (data, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  return 0;
}

/* Reads "N" (from 1) for @verb. */
static gboolean
parse_entry_number (const char *verb,
                    const char *text,
                    guint      *number)
{
  char *end = NULL;
  guint64 value = g_ascii_strtoull (text, &end, 10);

  if (!g_ascii_isdigit (*text) || end == NULL || *end != '\0' || value == 0 || value > G_MAXINT)
    {
      /* Translators: the first %s is an option, the second what was given. */
      g_printerr (_("%s expects the number of an entry (1 for the first), not “%s”.\n"), verb, text);
      return FALSE;
    }

  *number = (guint) value;

  return TRUE;
}

static int
run_ics (GPtrArray *paths)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AushangDataFile) data = NULL;
  g_autoptr(AushangSite) site = NULL;
  g_autofree char *ics = NULL;
  const char *path;
  const char *tzid = NULL;
  const char *url = NULL;
  guint number = 0;

  if (paths->len < 1 || paths->len > 2)
    {
      g_printerr ("%s\n", _("--ics takes a data file and, optionally, the number of an entry."));
      return 2;
    }

  path = g_ptr_array_index (paths, 0);
  if (paths->len == 2 && !parse_entry_number ("--ics", g_ptr_array_index (paths, 1), &number))
    return 2;

  file = g_file_new_for_commandline_arg (path);
  data = aushang_data_file_load (file, &error);
  if (data == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  /* The site's time zone and address. */
  site = aushang_site_new_for_file (file);
  if (site != NULL && aushang_site_get_config (site) != NULL)
    {
      AushangValue *config = aushang_site_get_config (site);
      AushangValue *timezone = aushang_value_lookup (config, "timezone");
      AushangValue *site_url = aushang_value_lookup (config, "url");

      if (timezone != NULL && aushang_value_get_kind (timezone) == AUSHANG_VALUE_STRING)
        tzid = aushang_value_get_string (timezone);
      if (site_url != NULL && aushang_value_get_kind (site_url) == AUSHANG_VALUE_STRING)
        url = aushang_value_get_string (site_url);
    }

  ics = aushang_ics_write (data, (gint) number - 1, tzid, url, &error);
  if (ics == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  fputs (ics, stdout);

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
  gboolean werror = FALSE;
  gboolean spelling = FALSE;
  gboolean import_images = FALSE;
  const char *alt = NULL;
  gboolean plain = FALSE;
  Format format = FORMAT_TEXT;
  const char *render = NULL;
  const char *list = NULL;
  const char *status = NULL;
  const char *publish = NULL;
  const char *message = NULL;
  gboolean only_paths = FALSE;
  gboolean ics = FALSE;
  EntryOp entry_op = ENTRY_NONE;
  guint entry_number = 0;

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

      if (strcmp (arg, "--werror") == 0)
        {
          werror = TRUE;
          continue;
        }

      if (strcmp (arg, "--spelling") == 0)
        {
          spelling = TRUE;
          continue;
        }

      if (strcmp (arg, "--import-images") == 0)
        {
          import_images = TRUE;
          continue;
        }

      if (is_verb (arg, "--alt"))
        {
          if (!take_argument (argc, argv, &i, "--alt", &alt))
            return 2;
          continue;
        }

      if (strcmp (arg, "--plain") == 0)
        {
          plain = TRUE;
          continue;
        }

      if (is_verb (arg, "--format"))
        {
          const char *name = NULL;

          if (!take_argument (argc, argv, &i, "--format", &name))
            return 2;
          if (strcmp (name, "github") == 0)
            format = FORMAT_GITHUB;
          else if (strcmp (name, "text") == 0)
            format = FORMAT_TEXT;
          else
            {
              /* Translators: %s is what was typed after --format=. */
              g_printerr (_("Unknown format “%s”: use text or github.\n"), name);
              return 2;
            }
          continue;
        }

      if (is_verb (arg, "--render"))
        {
          /* "--render --plain FILE" reads as it is meant. */
          if (i + 1 < argc && strcmp (argv[i + 1], "--plain") == 0)
            {
              plain = TRUE;
              i++;
            }
          if (!take_argument (argc, argv, &i, "--render", &render))
            return 2;
          continue;
        }

      if (is_verb (arg, "--status") || is_verb (arg, "--publish"))
        {
          gboolean is_status = is_verb (arg, "--status");

          if (!take_argument (argc, argv, &i, is_status ? "--status" : "--publish",
                              is_status ? &status : &publish))
            return 2;
          continue;
        }

      if (strcmp (arg, "-m") == 0 || is_verb (arg, "--message"))
        {
          if (!take_argument (argc, argv, &i, arg[1] == 'm' ? "-m" : "--message", &message))
            return 2;
          continue;
        }

      if (is_verb (arg, "--list"))
        {
          if (!take_argument (argc, argv, &i, "--list", &list))
            return 2;
          continue;
        }

      if (strcmp (arg, "--ics") == 0)
        {
          ics = TRUE;
          continue;
        }

      if (strcmp (arg, "--new-entry") == 0 || is_verb (arg, "--entry") || is_verb (arg, "--remove-entry") ||
          is_verb (arg, "--hide-entry") || is_verb (arg, "--show-entry"))
        {
          const char *verb_name;
          const char *number = NULL;
          EntryOp op;

          if (strcmp (arg, "--new-entry") == 0)
            op = ENTRY_NEW, verb_name = "--new-entry";
          else if (is_verb (arg, "--entry"))
            op = ENTRY_EDIT, verb_name = "--entry";
          else if (is_verb (arg, "--remove-entry"))
            op = ENTRY_REMOVE, verb_name = "--remove-entry";
          else if (is_verb (arg, "--hide-entry"))
            op = ENTRY_HIDE, verb_name = "--hide-entry";
          else
            op = ENTRY_SHOW, verb_name = "--show-entry";

          if (entry_op != ENTRY_NONE)
            {
              g_printerr ("%s\n", _("Give one of --entry, --new-entry, --remove-entry, --hide-entry and --show-entry at a time."));
              return 2;
            }
          entry_op = op;

          if (op != ENTRY_NEW)
            {
              if (!take_argument (argc, argv, &i, verb_name, &number) ||
                  !parse_entry_number (verb_name, number, &entry_number))
                return 2;
            }
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

  if (status != NULL || publish != NULL || message != NULL)
    {
      if ((status != NULL) + (publish != NULL) != 1 || (message != NULL && publish == NULL) ||
          check || render || list || ics || edits->len > 0 || entry_op != ENTRY_NONE || paths->len > 0)
        {
          g_printerr ("%s\n", _("--status and --publish take one site folder (--publish also -m MESSAGE) and nothing else."));
          return 2;
        }
      if (status != NULL)
        return aushang_cli_run_status (status);
      return aushang_cli_run_publish (publish, message, check_site_errors);
    }

  if (list != NULL)
    {
      if (check || render || ics || edits->len > 0 || entry_op != ENTRY_NONE || paths->len > 0)
        {
          g_printerr ("%s\n", _("--list takes one site folder and nothing else."));
          return 2;
        }
      return aushang_cli_run_list (list);
    }

  if ((check ? 1 : 0) + (render ? 1 : 0) + (ics ? 1 : 0) +
      ((edits->len > 0 || entry_op != ENTRY_NONE) ? 1 : 0) > 1)
    {
      g_printerr ("%s\n", _("--check, --render, --ics and edits cannot be combined; run them one after the other."));
      return 2;
    }

  if ((werror || format != FORMAT_TEXT) && !check)
    {
      g_printerr ("%s\n", _("--werror and --format go with --check."));
      return 2;
    }

  if (spelling && !check)
    {
      g_printerr ("%s\n", _("--spelling goes with --check."));
      return 2;
    }

  if (alt != NULL && !import_images)
    {
      g_printerr ("%s\n", _("--alt goes with --import-images."));
      return 2;
    }

  if (import_images)
    {
      if (check || render || ics || edits->len > 0 || entry_op != ENTRY_NONE)
        {
          g_printerr ("%s\n", _("--import-images cannot be combined with other verbs."));
          return 2;
        }
      return run_import_images (paths, alt);
    }

  if (check)
    return run_check (paths, format, werror, spelling);

  if (ics)
    return run_ics (paths);

  if (entry_op != ENTRY_NONE)
    {
      if (paths->len != 1)
        {
          g_printerr ("%s\n", _("Entries are changed in exactly one data file."));
          return 2;
        }
      if ((entry_op == ENTRY_EDIT || entry_op == ENTRY_NEW) && edits->len == 0)
        {
          g_printerr ("%s\n", _("--entry and --new-entry need at least one --set, --set-yaml or --unset."));
          return 2;
        }
      if (entry_op != ENTRY_EDIT && entry_op != ENTRY_NEW && edits->len > 0)
        {
          g_printerr ("%s\n", _("--remove-entry, --hide-entry and --show-entry take no --set, --set-yaml or --unset."));
          return 2;
        }
      return run_entry (entry_op, entry_number, edits, g_ptr_array_index (paths, 0));
    }

  if (render != NULL)
    {
      if (paths->len > 0)
        {
          g_printerr ("%s\n", _("--render takes exactly one file."));
          return 2;
        }
      return run_render (render, plain);
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
