/* aushang-bench-ui.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's speed, under Xvfb: time to the first frame, to the first
 * painted preview, and the longest the main loop is busy while typing in a
 * 1 MB document; from a key press to the preview showing it (the page has
 * reported the patch back, after its layout), for the example announcement
 * and the 1 MB document, each in the site's style and plain, and how many
 * of those keys went into the page as a patch of the changed blocks.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1  /* RUSAGE_THREAD */
#endif

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "aushang-application.h"
#include "aushang-editor.h"
#include "aushang-preview.h"
#include "aushang-test-util.h"
#include "aushang-window.h"

static gint64 start_time;
static gint64 first_frame_time;

/* The main thread's processor time so far, in ms: on a shared machine a
 * steadier figure than the time passed. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* AUSHANG_BENCH_VERBOSE: where the start-up time goes (time passed since
 * main(), and the main thread's processor time since it started). */
static void
phase (const char *what)
{
  if (g_getenv ("AUSHANG_BENCH_VERBOSE"))
    g_printerr ("%8.1f ms  (main thread busy %6.1f ms)  %s\n",
                (g_get_monotonic_time () - start_time) / 1000.0, thread_cpu_ms (), what);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (first_frame_time == 0)
    {
      first_frame_time = g_get_monotonic_time ();
      phase ("first frame painted");
    }
}

static void
iterate_until_idle (AushangPreview *preview,
                    guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!aushang_preview_get_idle (preview) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
spin (guint milliseconds,
      gint64 *longest)
{
  gint64 deadline = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      gint64 before = g_get_monotonic_time ();
      gint64 cpu_before = thread_cpu_time ();
      struct rusage usage_before;

      getrusage (RUSAGE_THREAD, &usage_before);

      /* Only work is timed, not waiting for events. */
      if (g_main_context_iteration (NULL, FALSE))
        {
          gint64 took = g_get_monotonic_time () - before;

          /* The main thread's own processor time beside it: where it is
           * much less, the thread waited for a processor (a busy
           * machine), not for work of its own. */
          if (g_getenv ("AUSHANG_BENCH_VERBOSE") && took > 16000)
            {
              struct rusage usage;

              getrusage (RUSAGE_THREAD, &usage);
              g_printerr ("iteration %ld µs (on the processor %ld µs; %ld waits, %ld times "
                          "preempted)\n", (long) took, (long) (thread_cpu_time () - cpu_before),
                          usage.ru_nvcsw - usage_before.ru_nvcsw,
                          usage.ru_nivcsw - usage_before.ru_nivcsw);
            }
          *longest = MAX (*longest, took);
        }
      else
        g_usleep (500);
    }
}

static int
compare_times (const void *a,
               const void *b)
{
  gint64 ta = *(const gint64 *) a, tb = *(const gint64 *) b;

  return ta < tb ? -1 : ta > tb;
}

/* Key presses in the middle of the open document, about 8 a second; each
 * timed until the preview is idle again, i.e. the page has the change. */
static void
time_key_to_preview (AushangWindow  *window,
                     AushangPreview *preview,
                     const char     *what)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  gint64 times[40];
  gint64 longest = 0;
  guint n = 0;
  guint patches;
  GtkTextIter middle;

  gtk_text_buffer_get_iter_at_offset (buffer, &middle, gtk_text_buffer_get_char_count (buffer) / 2);
  gtk_text_buffer_place_cursor (buffer, &middle);
  iterate_until_idle (preview, 30);
  patches = aushang_preview_get_block_patches (preview);

  for (guint key = 0; key < G_N_ELEMENTS (times); key++)
    {
      gint64 before = g_get_monotonic_time ();
      gint64 deadline = before + 10 * G_USEC_PER_SEC;

      gtk_text_buffer_insert_at_cursor (buffer, "x", 1);
      /* The window hands the change to the preview on the next frame. */
      while (aushang_preview_get_idle (preview) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      while (!aushang_preview_get_idle (preview) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () < deadline)
        times[n++] = g_get_monotonic_time () - before;
      spin (120, &longest);
    }

  if (n == 0)
    {
      g_print ("%-44s (the preview never became idle)\n", what);
      return;
    }
  qsort (times, n, sizeof times[0], compare_times);
  /* Which path the keys took: only the changed blocks into the page, or
   * the whole body. */
  g_print ("%-44s p50 %6.1f ms   p95 %6.1f ms   (%u keys, %u patched by block)\n", what,
           times[n / 2] / 1000.0, times[MIN (n - 1, (n * 95) / 100)] / 1000.0, n,
           aushang_preview_get_block_patches (preview) - patches);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *site = NULL;
  g_autofree char *big_path = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) big = NULL;
  g_autoptr(AushangApplication) app = NULL;
  GString *text;
  AushangWindow *window;
  AushangPreview *preview;
  GtkTextBuffer *buffer;
  gint64 window_time, preview_time, longest = 0;
  guint i = 0;
  const char *own_site = g_getenv ("AUSHANG_BENCH_SITE");

  if (own_site != NULL && g_getenv ("AUSHANG_BENCH_DOCUMENT") == NULL)
    g_error ("AUSHANG_BENCH_SITE needs AUSHANG_BENCH_DOCUMENT, a document's path in the site");

  /* AUSHANG_BENCH_SITE=FOLDER AUSHANG_BENCH_DOCUMENT=PATH-IN-IT: the
   * start-up figures for another site (a large one), not the example. */
  site = g_dir_make_tmp ("aushang-bench-ui-XXXXXX", NULL);
  aushang_test_copy_path (own_site != NULL ? own_site : SOURCE_DATADIR "/example-site", site);
  folder = g_file_new_for_path (site);

  /* From here on as a person starting the program (the copy above is the
   * bench's own preparation). */
  start_time = g_get_monotonic_time ();

  gtk_init ();
  phase ("gtk_init");
  adw_init ();
  phase ("adw_init");

  app = aushang_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  phase ("application registered");

  /* A warm start on the example site, as a person opening the app again. */
  window = aushang_window_new (app);
  phase ("window made");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
  phase ("window presented");
  aushang_window_open (window, folder);
  phase ("site opened");
  {
    g_autofree char *path = g_build_filename (site, own_site != NULL ? g_getenv ("AUSHANG_BENCH_DOCUMENT")
                                                                    : "_beitraege/repair-cafe-im-labor.md", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    aushang_window_select_file (window, file);
    phase ("document selected");
  }
  while (first_frame_time == 0)
    g_main_context_iteration (NULL, TRUE);
  window_time = first_frame_time - start_time;

  preview = AUSHANG_PREVIEW (aushang_window_get_preview (window));
  gtk_widget_set_visible (GTK_WIDGET (preview), TRUE);
  iterate_until_idle (preview, 20);
  preview_time = g_get_monotonic_time () - start_time;
  phase ("first preview painted");

  g_print ("%-44s %8.1f ms   (target < 400 ms)\n", "window shown (first frame)", window_time / 1000.0);
  g_print ("%-44s %8.1f ms   (target < 1000 ms)\n", "first preview painted", preview_time / 1000.0);
  /* AUSHANG_BENCH_STARTUP_ONLY=1: only the start-up figures. */
  if (g_getenv ("AUSHANG_BENCH_STARTUP_ONLY") || own_site != NULL)
    {
      aushang_document_set_modified (aushang_window_get_document (window), FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  g_action_group_change_action_state (G_ACTION_GROUP (window), "preview-site-style",
                                      g_variant_new_boolean (TRUE));
  time_key_to_preview (window, preview, "key to preview, example (site style)");
  g_action_group_change_action_state (G_ACTION_GROUP (window), "preview-site-style",
                                      g_variant_new_boolean (FALSE));
  time_key_to_preview (window, preview, "key to preview, example (plain)");
  g_action_group_change_action_state (G_ACTION_GROUP (window), "preview-site-style",
                                      g_variant_new_boolean (TRUE));

  /* Typing in a 1 MB document. */
  text = g_string_new ("---\ntitle: \"Ein Megabyte\"\ndate: 2025-11-04\n---\n\n");
  while (text->len < 1024 * 1024)
    g_string_append_printf (text, "## Abschnitt %u\n\nEin Absatz mit **fetten** Wörtern und einem "
                            "[Link](https://example.org/%u).\n\n- eins\n- zwei\n\n", i, i), i++;
  big_path = g_build_filename (site, "_beitraege", "ein-megabyte.md", NULL);
  g_file_set_contents (big_path, text->str, text->len, NULL);
  g_string_free (text, TRUE);
  big = g_file_new_for_path (big_path);
  aushang_document_set_modified (aushang_window_get_document (window), FALSE);
  aushang_window_select_file (window, big);
  iterate_until_idle (preview, 30);
  spin (500, &longest);
  time_key_to_preview (window, preview, "key to preview, 1 MB document (site style)");
  g_action_group_change_action_state (G_ACTION_GROUP (window), "preview-site-style",
                                      g_variant_new_boolean (FALSE));
  time_key_to_preview (window, preview, "key to preview, 1 MB document (plain)");

  if (g_getenv ("AUSHANG_BENCH_NO_PREVIEW"))
    gtk_widget_set_visible (GTK_WIDGET (preview), FALSE);

  buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (AUSHANG_EDITOR (aushang_window_get_editor (window))));
  if (g_getenv ("AUSHANG_BENCH_NO_HIGHLIGHT"))
    gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), FALSE);
  {
    GtkTextIter middle;

    gtk_text_buffer_get_iter_at_offset (buffer, &middle, gtk_text_buffer_get_char_count (buffer) / 2);
    gtk_text_buffer_place_cursor (buffer, &middle);
  }

  longest = 0;
  for (guint key = 0; key < 100; key++)
    {
      gint64 before = g_get_monotonic_time ();

      gtk_text_buffer_insert_at_cursor (buffer, "x", 1);
      if (g_getenv ("AUSHANG_BENCH_VERBOSE"))
        g_printerr ("insert %ld\n", (long) (g_get_monotonic_time () - before));
      longest = MAX (longest, g_get_monotonic_time () - before);
      /* About 8 keys a second, a fast typist. */
      spin (120, &longest);
    }

  g_print ("%-44s %8.1f ms   (target <= 16 ms)\n", "longest main-loop stall while typing (1 MB)", longest / 1000.0);

  aushang_document_set_modified (aushang_window_get_document (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
