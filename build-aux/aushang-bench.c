/* aushang-bench.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speed measurements for build-aux/bench: one line per measurement, the
 * median of several runs, beside the target.
 */

#include "config.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "aushang-check.h"
#include "aushang-document.h"
#include "aushang-markdown.h"
#include "aushang-page-render.h"
#include "aushang-preview-page.h"
#include "aushang-site.h"
#include "aushang-test-util.h"

#define RUNS 7

typedef void (*BenchFunc) (gpointer data);

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
time_once (BenchFunc func,
           gpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  func (data);

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Ours and raw cmark-gfm take turns, after a warm-up of each, so neither
 * gets the other's warm caches or freshly returned memory. */
static void
compare_medians (BenchFunc  ours,
                 BenchFunc  raw,
                 gpointer   data,
                 guint      runs,
                 double    *ours_median,
                 double    *raw_median)
{
  double a[64], b[64];

  runs = MIN (runs, G_N_ELEMENTS (a));
  ours (data);
  raw (data);

  for (guint i = 0; i < runs; i++)
    {
      a[i] = time_once (ours, data);
      b[i] = time_once (raw, data);
    }

  qsort (a, runs, sizeof a[0], compare_doubles);
  qsort (b, runs, sizeof b[0], compare_doubles);
  *ours_median = a[runs / 2];
  *raw_median = b[runs / 2];
}

static double
median_seconds (BenchFunc func,
                gpointer  data,
                guint     runs)
{
  double times[32];

  runs = MIN (runs, G_N_ELEMENTS (times));
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (data);
      times[i] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
    }

  qsort (times, runs, sizeof times[0], compare_doubles);

  return times[runs / 2];
}

/* A synthetic site of 5,000 documents, like a busy real one. */
static char *
make_site (guint n)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("aushang-bench-XXXXXX", &error);
  g_autofree char *posts = g_build_filename (dir, "_posts", NULL);
  g_autofree char *beitraege = g_build_filename (dir, "_beitraege", NULL);
  g_autofree char *config = g_build_filename (dir, "_config.yml", NULL);

  g_assert_no_error (error);
  g_mkdir (posts, 0755);
  g_mkdir (beitraege, 0755);
  g_file_set_contents (config, "title: Bench\ncollections:\n  beitraege:\n    output: true\n", -1, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      int year = 2000 + i % 25, month = 1 + i % 12, day = 1 + i % 28;

      if (i % 2 == 0)
        {
          name = g_strdup_printf ("%04d-%02d-%02d-beitrag-%u.md", year, month, day, i);
          path = g_build_filename (posts, name, NULL);
        }
      else
        {
          name = g_strdup_printf ("beitrag-%u.md", i);
          path = g_build_filename (beitraege, name, NULL);
        }

      text = g_strdup_printf ("---\n"
                              "title: \"Beitrag Nummer %u: Ein Abend über Daten\"\n"
                              "teaser: \"Ein kurzer Anreißer für den Beitrag %u.\"\n"
                              "authors:\n  - \"Maria Gonçalves\"\n  - \"Person %u\"\n"
                              "categories:\n  - \"Kategorie %u\"\n  - \"Events\"\n"
                              "date: %04d-%02d-%02d\n"
                              "header_image: \"/assets/images/bild-%u.png\"\n"
                              "---\n\n"
                              "Wir laden **euch** herzlich ein.\n\n### Ort und Zeit\n\nHier.\n\n"
                              "{%% include anmeldung.html event=\"e-%u\" %%}\n",
                              i, i, i % 40, i % 12, year, month, day, i, i);
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
    }

  return dir;
}

static void
index_site (gpointer data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (data);
  g_autoptr(AushangSite) site = aushang_site_new (folder, NULL);
  GPtrArray *collections = aushang_site_get_collections (site);
  guint total = 0;

  for (guint i = 0; i < collections->len; i++)
    total += aushang_site_get_documents (site, g_ptr_array_index (collections, i))->len;

  g_assert_cmpuint (total, ==, 5000);
}

typedef struct
{
  const char *text;
  gsize       length;
} Input;

static void
render_ours (gpointer data)
{
  Input *input = data;
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (input->text, input->length);
  AushangPreviewOptions options = { .language = "de" };
  g_autofree char *html = aushang_preview_page_render (document, &options);

  g_assert_nonnull (html);
}

/* The page as the site publishes it: the body through Liquid (the
 * announcement's includes) and Markdown, then its layouts; the context is
 * made once, as the preview keeps it. */
typedef struct
{
  Input               input;
  AushangPageContext *context;
  GFile              *file;
} SiteInput;

static void
render_site_ours (gpointer data)
{
  SiteInput *site_input = data;
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (site_input->input.text,
                                                                        site_input->input.length);
  AushangPreviewOptions options = { .site_uri_prefix = "aushang-site:", .language = "de" };
  g_autoptr(GError) error = NULL;
  g_autofree char *html = aushang_page_context_render (site_input->context, document,
                                                       site_input->file, &options, &error);

  /* The site's page, not the built-in one with an error card. */
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "class=\"kopf\""));
}

/* The checks the window runs a moment after each change (and --check):
 * a 1 MB post holds about 6,000 links and images. */
typedef struct
{
  Input        input;
  AushangSite *site;
  GFile       *file;
} CheckInput;

static void
check_document (gpointer data)
{
  CheckInput *check = data;
  g_autoptr(AushangDocument) document = aushang_document_new_from_data (check->input.text, check->input.length);
  g_autoptr(GPtrArray) found = aushang_check_document (document, check->file, check->site);

  g_assert_nonnull (found);
}

static void render_raw (gpointer data);

static void
render_site_raw (gpointer data)
{
  render_raw (&((SiteInput *) data)->input);
}

static void
render_raw (gpointer data)
{
  Input *input = data;
  const char *names[] = { "table", "strikethrough", "autolink", "tasklist" };
  cmark_parser *parser;
  cmark_node *root;
  char *html;

  cmark_gfm_core_extensions_ensure_registered ();
  parser = cmark_parser_new (CMARK_OPT_UNSAFE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (names[i]));
  cmark_parser_feed (parser, input->text, input->length);
  root = cmark_parser_finish (parser);
  html = cmark_render_html (root, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions (parser));
  free (html);
  cmark_node_free (root);
  cmark_parser_free (parser);
}

static char *
make_megabyte (void)
{
  GString *text = g_string_new ("---\ntitle: \"Ein Megabyte\"\ndate: 2025-11-04\n---\n\n");
  guint i = 0;

  while (text->len < 1024 * 1024)
    {
      g_string_append_printf (text,
                              "## Abschnitt %u\n\n"
                              "Ein Absatz mit **fetten** und *kursiven* Wörtern, einem "
                              "[Link](https://example.org/%u) und `Code`.\n\n"
                              "- Punkt eins\n- Punkt zwei\n  - eingerückt\n\n"
                              "| Spalte | Wert |\n|---|---|\n| a | %u |\n\n"
                              "> Ein Zitat mit ~~durchgestrichenem~~ Text.\n\n"
                              "{%% include zitat.html text=\"Satz %u\" author=\"Jemand\" %%}\n\n",
                              i, i, i, i);
      i++;
    }

  return g_string_free (text, FALSE);
}

static void
report (const char *what,
        double      ours,
        double      raw,
        const char *target)
{
  if (raw > 0)
    g_print ("%-44s %8.2f ms   raw cmark-gfm %8.2f ms   ratio %.2f   (target %s)\n",
             what, ours * 1000, raw * 1000, ours / raw, target);
  else
    g_print ("%-44s %8.2f ms   (target %s)\n", what, ours * 1000, target);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *site = make_site (5000);
  g_autofree char *example_path = NULL;
  g_autofree char *example = NULL;
  g_autofree char *megabyte = make_megabyte ();
  Input example_input, megabyte_input;
  double ours, raw;

  /* Warm the page cache the way a second start would find it. */
  index_site (site);
  ours = median_seconds (index_site, site, 5);
  report ("index a site of 5,000 documents", ours, 0, "< 500 ms");
  aushang_test_delete_path (site);

  example_path = g_build_filename (SOURCE_DATADIR, "example-site", "_beitraege",
                                   "repair-cafe-im-labor.md", NULL);
  if (!g_file_get_contents (example_path, &example, &example_input.length, NULL))
    {
      g_printerr ("cannot read %s\n", example_path);
      return 1;
    }
  example_input.text = example;
  compare_medians (render_ours, render_raw, &example_input, 51, &ours, &raw);
  report ("load and render the example announcement", ours, raw, "ratio <= 1.3");

  {
    g_autofree char *site_path = g_build_filename (SOURCE_DATADIR, "example-site", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (site_path);
    g_autoptr(AushangSite) example_site = aushang_site_new (folder, NULL);
    g_autoptr(GFile) file = g_file_new_for_path (example_path);
    SiteInput site_input = { example_input, NULL, file };

    if (example_site == NULL)
      {
        g_printerr ("cannot open %s\n", site_path);
        return 1;
      }
    site_input.context = aushang_page_context_new (example_site);
    compare_medians (render_site_ours, render_site_raw, &site_input, 51, &ours, &raw);
    report ("the example announcement in the site's style", ours, raw, "none, for comparison");
    aushang_page_context_unref (site_input.context);
  }

  megabyte_input.text = megabyte;
  megabyte_input.length = strlen (megabyte);
  compare_medians (render_ours, render_raw, &megabyte_input, 15, &ours, &raw);
  report ("load and render a 1 MB document", ours, raw, "ratio <= 1.3");

  {
    g_autofree char *site_path = g_build_filename (SOURCE_DATADIR, "example-site", NULL);
    g_autofree char *path = g_build_filename (site_path, "_beitraege", "ein-megabyte.md", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (site_path);
    g_autoptr(AushangSite) example_site = aushang_site_new (folder, NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    CheckInput check = { megabyte_input, example_site, file };

    ours = median_seconds (check_document, &check, 5);
    report ("check a 1 MB document (links, images)", ours, 0, "< 100 ms");
  }

  return 0;
}
