/* aushang-yaml.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aushang-value.h"

G_BEGIN_DECLS

typedef enum
{
  AUSHANG_QUOTE_PLAIN,
  AUSHANG_QUOTE_SINGLE,
  AUSHANG_QUOTE_DOUBLE,
} AushangQuoteStyle;

/* What a plain (unquoted) scalar becomes when Jekyll 4.3 reads it: Psych's
 * ScalarScanner rules (YAML 1.1: yes/no/on/off, sexagesimal 1:30, 0x1F,
 * 2025-11-04 dates, times with offsets). Returns NULL where Jekyll refuses the
 * value altogether (a plain ":symbol", which safe_load does not permit). */
AushangValue *aushang_yaml_resolve_plain      (const char        *text);

/* Whether @text, written without quotes as a value, reads back as exactly
 * that string. */
gboolean      aushang_yaml_string_is_plain_safe (const char      *text);

/* A scalar as it should be written: plain when that reads back as the same
 * string and @preferred is PLAIN; otherwise quoted with @quote_char's style
 * (single quotes cannot hold line breaks or control characters, so those use
 * double quotes with escapes). */
char         *aushang_yaml_emit_string         (const char        *text,
                                                AushangQuoteStyle  preferred,
                                                AushangQuoteStyle  quote_when_needed);

/* Parses a YAML fragment (for --set-yaml and the "Edit as YAML" view) into a
 * value. Error messages name line and column. */
AushangValue *aushang_yaml_parse_value         (const char        *text,
                                                GError           **error);

/* Validates a date string the way Jekyll's Utils.parse_date (Ruby's
 * Time.parse) does; fills the parsed date where it succeeds. */
gboolean      aushang_yaml_parse_jekyll_date   (const char        *text,
                                                GDateTime        **out);

G_END_DECLS
