/* aushang-site-words.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-site.h"

G_BEGIN_DECLS

/* What a site itself says a key means: a comment beside the key or on the
 * line above it in a template or a data file, the values of a commented
 * example entry at the top of a data file ("# - name: "Name des
 * Sponsors""), or a guide's "`key`: words" line. */
typedef struct
{
  char *label;        /* a few words, for a field's title; NULL when the
                       * site's words are longer */
  char *description;  /* the rest, for the field's subtitle; may be NULL */
  char *source;       /* where the words are: "_data/events.yml:12" */
} AushangKeyWords;

void             aushang_key_words_free          (AushangKeyWords *words);
/* Splits the site's words into a label (a few words) and a description:
 * "Datum der Veranstaltung" is a label; "Dateiname der Logo-Datei. Diese
 * muss …" a label and a description; "or "Vortrag", "Meetup"" only a
 * description. NULL for words that say nothing (no word of letters). */
AushangKeyWords *aushang_key_words_new           (const char      *text,
                                                  const char      *source);

/* Learns what YAML text (a template's front matter, a data file) says
 * about its keys into @table (key → AushangKeyWords*); what @table knows
 * first stays. A commented-out key with a value (a hidden entry) says
 * nothing, except in a commented example entry at the top of the file
 * whose every value is words, not data. @source names the file. */
void             aushang_key_words_learn_yaml    (GHashTable      *table,
                                                  const char      *text,
                                                  const char      *source);
/* The same for a guide in Markdown: lines "`key`: words", "- `key` – words",
 * "* **`key`** — words". */
void             aushang_key_words_learn_guide   (GHashTable      *table,
                                                  const char      *text,
                                                  const char      *source);
/* A new table for the two functions above. */
GHashTable      *aushang_key_words_table_new     (void);

/* The site's words for @key of front matter (@data_path NULL: from its
 * templates — _templates/, archetypes/, files named *vorlage* or
 * *template* — and its guide: README, CONTRIBUTING) or of the entries of
 * the data file @data_path ("_data/events.yml": from that file, then the
 * guide). NULL when the site says nothing about it. Read on first use. */
const AushangKeyWords *aushang_site_get_key_words (AushangSite    *self,
                                                   const char     *data_path,
                                                   const char     *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangKeyWords, aushang_key_words_free)

G_END_DECLS
