/* aushang-fuzz.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the fuzz harnesses share. Each harness is one source file compiled
 * twice: with libFuzzer's main (the "fuzzing" build option, clang) and with
 * replay.c's main, which the normal test suite uses to feed every file of
 * tests/fuzz/regressions/ and tests/fuzz/seeds/ through the same code. */

#pragma once

#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The entry point of a harness: libFuzzer's name in the fuzzer, a name of
 * its own in the replay driver, which links all harnesses together. */
#ifdef AUSHANG_FUZZ_REPLAY
# define AUSHANG_FUZZ_ENTRY(name) \
  int aushang_fuzz_##name (const uint8_t *data, size_t size); \
  int aushang_fuzz_##name (const uint8_t *data, size_t size)
#else
# define AUSHANG_FUZZ_ENTRY(name) \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size); \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
#endif

/* A broken promise: says which, and aborts, so that libFuzzer keeps the
 * input and the replay reports the file. */
#define FUZZ_CHECK(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "FUZZ FINDING at %s:%d: %s\n  ", __FILE__, __LINE__, #cond); \
        fprintf (stderr, __VA_ARGS__); \
        fprintf (stderr, "\n"); \
        abort (); \
      } \
  } G_STMT_END

/* A fatal log message ends in a breakpoint (SIGTRAP), which libFuzzer does
 * not catch: it would die without saving the input. An abort it catches. */
static inline void
aushang_fuzz_abort_on_trap (int signal_number)
{
  (void) signal_number;
  abort ();
}

/* Warnings and criticals are bugs in the core (the test suite makes them
 * fatal with G_DEBUG=fatal-warnings); the harnesses do the same. */
static inline void
aushang_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  signal (SIGTRAP, aushang_fuzz_abort_on_trap);
}

/* Shows a value in a finding's message: escaped, and cut after 300 bytes. */
static inline char *
aushang_fuzz_escape (const char *text,
                     gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  g_autofree char *copy = g_strndup (text, MIN (n, 300));
  g_autofree char *escaped = g_strescape (copy, NULL);

  if (n > 300)
    return g_strdup_printf ("%s… (%zu bytes)", escaped, (size_t) n);

  return g_steal_pointer (&escaped);
}
