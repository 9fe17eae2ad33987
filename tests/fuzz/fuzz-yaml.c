/* fuzz-yaml.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The YAML scalar resolver, the emitter and the value parser. The promises
 * checked on every input:
 *
 * - nothing crashes or hangs, whatever the bytes;
 * - a string the emitter writes (in every quoting style, alone, as a map
 *   value, as a list item and inside a flow list or map) parses back as
 *   exactly that string;
 * - a string called plain-safe resolves, unquoted, to itself;
 * - a value the parser reads, written as flow YAML, parses back equal.
 *
 * The input: one byte that picks the quoting styles, then the text (up to
 * the first NUL). */

#include "config.h"

#include <string.h>

#include "aushang-fuzz.h"
#include "aushang-yaml-private.h"

/* Parses @yaml; where it fails, says why in @why (for the finding). */
static AushangValue *
parse (const char  *yaml,
       char       **why)
{
  g_autoptr(GError) error = NULL;
  AushangValue *value = aushang_yaml_parse_value (yaml, &error);

  if (value == NULL)
    FUZZ_CHECK (error != NULL && error->message[0] != '\0',
                "aushang_yaml_parse_value failed without a message");
  else
    FUZZ_CHECK (error == NULL, "aushang_yaml_parse_value returned a value and an error");

  if (why != NULL)
    {
      g_autofree char *json = value ? aushang_value_to_json (value) : NULL;

      *why = value ? aushang_fuzz_escape (json, -1) : g_strdup_printf ("an error: %s", error->message);
    }

  return value;
}

static void
check_reads_as_string (const char *yaml,
                       const char *text,
                       const char *what)
{
  g_autofree char *got = NULL;
  g_autoptr(AushangValue) value = parse (yaml, &got);
  g_autofree char *shown_yaml = aushang_fuzz_escape (yaml, -1);
  g_autofree char *shown_text = aushang_fuzz_escape (text, -1);

  FUZZ_CHECK (value != NULL &&
              aushang_value_get_kind (value) == AUSHANG_VALUE_STRING &&
              strcmp (aushang_value_get_string (value), text) == 0,
              "%s: \"%s\" was written as \"%s\", which reads %s", what, shown_text, shown_yaml, got);
}

static void
check_reads_back (const char         *yaml,
                  const AushangValue *expected,
                  const char         *what)
{
  g_autofree char *got = NULL;
  g_autoptr(AushangValue) value = parse (yaml, &got);
  g_autofree char *shown_yaml = aushang_fuzz_escape (yaml, -1);
  g_autofree char *want_json = aushang_value_to_json (expected);
  g_autofree char *want = aushang_fuzz_escape (want_json, -1);

  FUZZ_CHECK (value != NULL && aushang_value_equal (value, expected),
              "%s: %s was written as \"%s\", which reads %s", what, want, shown_yaml, got);
}

static const AushangQuoteStyle styles[] = {
  AUSHANG_QUOTE_PLAIN, AUSHANG_QUOTE_SINGLE, AUSHANG_QUOTE_DOUBLE,
};

AUSHANG_FUZZ_ENTRY (yaml)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AushangValue) resolved = NULL;
  g_autoptr(AushangValue) parsed = NULL;
  AushangQuoteStyle preferred;
  AushangQuoteStyle quote_when_needed;

  aushang_fuzz_init ();

  if (size == 0)
    return 0;

  preferred = styles[data[0] % 3];
  quote_when_needed = styles[1 + (data[0] / 3) % 2];
  raw = g_strndup ((const char *) data + 1, size - 1);
  text = g_utf8_make_valid (raw, -1);

  /* The resolver takes any text; plain-safe text resolves to itself. */
  resolved = aushang_yaml_resolve_plain (text);
  if (aushang_yaml_string_is_plain_safe (text))
    {
      g_autofree char *shown = aushang_fuzz_escape (text, -1);
      g_autofree char *got = resolved ? aushang_value_to_json (resolved) : g_strdup ("(refused)");

      FUZZ_CHECK (resolved != NULL &&
                  aushang_value_get_kind (resolved) == AUSHANG_VALUE_STRING &&
                  strcmp (aushang_value_get_string (resolved), text) == 0,
                  "\"%s\" is called plain-safe but resolves to %s", shown, got);
      check_reads_as_string (text, text, "plain-safe text");
    }

  /* Emitted strings read back as themselves, wherever they stand. */
  {
    g_autofree char *emitted = aushang_yaml_emit_string (text, preferred, quote_when_needed);
    g_autofree char *as_map_value = g_strconcat ("key: ", emitted, "\n", NULL);
    g_autofree char *as_list_item = g_strconcat ("- ", emitted, "\n", NULL);
    g_autoptr(AushangValue) map = aushang_value_new_map ();
    g_autoptr(AushangValue) list = aushang_value_new_list ();

    check_reads_as_string (emitted, text, "emit_string");

    aushang_value_map_insert (map, "key", aushang_value_new_string (text));
    check_reads_back (as_map_value, map, "emit_string as a map value");

    aushang_value_list_append (list, aushang_value_new_string (text));
    check_reads_back (as_list_item, list, "emit_string as a list item");
  }

  /* In flow collections, as an item and as a key. */
  {
    g_autoptr(AushangValue) list = aushang_value_new_list ();
    g_autoptr(AushangValue) map = aushang_value_new_map ();
    g_autofree char *flow_list = NULL;
    g_autofree char *flow_map = NULL;

    aushang_value_list_append (list, aushang_value_new_string (text));
    aushang_value_list_append (list, aushang_value_new_string (text));
    flow_list = aushang_yaml_emit_flow (list, preferred, quote_when_needed, FALSE);
    check_reads_back (flow_list, list, "emit_flow of a list");

    aushang_value_map_insert (map, text, aushang_value_new_string (text));
    flow_map = aushang_yaml_emit_flow (map, preferred, quote_when_needed, FALSE);
    check_reads_back (flow_map, map, "emit_flow of a map");
  }

  /* Whatever the parser reads (any bytes: --set-yaml passes them on)
   * survives being written as flow YAML. */
  parsed = parse (raw, NULL);
  if (parsed != NULL)
    {
      g_autofree char *flow = aushang_yaml_emit_flow (parsed, preferred, quote_when_needed, FALSE);

      g_free (aushang_value_to_display (parsed));
      check_reads_back (flow, parsed, "a parsed value written as flow YAML");
    }

  return 0;
}
