/* aushang-spelling.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_SPELLING_ERROR (aushang_spelling_error_quark ())

typedef enum
{
  /* No dictionary is installed for the language. */
  AUSHANG_SPELLING_ERROR_NO_DICTIONARY,
} AushangSpellingError;

GQuark aushang_spelling_error_quark (void);

/* The language spelling starts with when a site names none. */
#define AUSHANG_SPELLING_DEFAULT_LANGUAGE "de"

/* A word to check: bytes [start, end) of the text given, and where it
 * starts (line and column from 1, the column counted in characters). */
typedef struct
{
  gsize start;
  gsize end;
  guint line;
  guint column;
} AushangSpellingWord;

#define AUSHANG_TYPE_SPELLING (aushang_spelling_get_type ())

G_DECLARE_FINAL_TYPE (AushangSpelling, aushang_spelling, AUSHANG, SPELLING, GObject)

/* A spell checker for @language: a site's lang ("de", "de-CH", "en_US")
 * or a dictionary name from aushang_spelling_list_languages(). NULL means
 * AUSHANG_SPELLING_DEFAULT_LANGUAGE. Fails with
 * AUSHANG_SPELLING_ERROR_NO_DICTIONARY when none is installed for it.
 *
 * Words added with aushang_spelling_add_word() are kept per person and
 * language in a file of aushang_spelling_get_personal_folder(). */
AushangSpelling *aushang_spelling_new            (const char       *language,
                                                  GError          **error);
/* The dictionary in use ("de_DE"). */
const char      *aushang_spelling_get_language   (AushangSpelling  *self);

/* Whether @word (UTF-8, @length bytes or -1) is spelt right: in the
 * dictionary, in the personal one, or ignored for this session. */
gboolean         aushang_spelling_check_word     (AushangSpelling  *self,
                                                  const char       *word,
                                                  gssize            length);
/* Whether @word, found in @text by aushang_spelling_find_words(), is
 * spelt right: as aushang_spelling_check_word(), and an abbreviation
 * with its period after it ("bzw.", "usw.") as the dictionary has it. */
gboolean         aushang_spelling_check_found    (AushangSpelling           *self,
                                                  const char                *text,
                                                  gsize                      length,
                                                  const AushangSpellingWord *word);
/* The share (0 to 1) of the first @max words of @text (0: all) that
 * @self finds wrong, and in @n_words how many were looked at; for telling
 * which language a text without a lang: is written in. */
double           aushang_spelling_wrong_share    (AushangSpelling  *self,
                                                  const char       *text,
                                                  gsize             length,
                                                  guint             max,
                                                  guint            *n_words);
/* The dictionary's suggestions for @word, best first, at most @max
 * (0: all). Never NULL. */
char           **aushang_spelling_suggest        (AushangSpelling  *self,
                                                  const char       *word,
                                                  gssize            length,
                                                  guint             max);
/* Adds @word to the person's dictionary for this language, for good. */
void             aushang_spelling_add_word       (AushangSpelling  *self,
                                                  const char       *word,
                                                  gssize            length);
/* Takes @word as right until the checker is gone. */
void             aushang_spelling_ignore_word    (AushangSpelling  *self,
                                                  const char       *word,
                                                  gssize            length);

/* The words of @text (Markdown, maybe with front matter) that are
 * checked (AushangSpellingWord, in order). Left out: front matter;
 * fenced and indented code blocks and inline code; Liquid tags, objects,
 * comments, raw and highlight blocks; HTML tags with their attributes,
 * comments, entities and what <code>, <pre>, <script>, <style> hold;
 * link and image addresses (not their text), reference definitions,
 * autolinks, bare URLs (scheme:// and www.) and e-mail addresses;
 * kramdown attribute lists ({: .x}, {#id}); Markdown's own syntax;
 * words with digits, and words all in capitals (abbreviations: "KI",
 * "VHS"). A word keeps an inner hyphen or apostrophe ("E-Mail-Adresse",
 * "geht's").
 *
 * Only words starting in bytes [@from, @to) are returned (@to -1: to the
 * end), and those on the rest of a line that a tag or code span starting
 * before @to reaches; the whole text before @from is still read to know
 * whether @from is inside code or front matter. */
GArray          *aushang_spelling_find_words     (const char       *text,
                                                  gssize            length,
                                                  gsize             from,
                                                  gssize            to);

/* Where aushang_spelling_find_words_from() stopped: the start of a line
 * and what it knew there, to go on from without reading the text before
 * it again. Valid as long as the text before @offset stays the same. */
typedef struct
{
  gsize    offset;
  guint    line;
  guint    fence;
  char     fence_char;
  gboolean previous_blank;
  gboolean in_code;
  gboolean in_list;
} AushangSpellingState;

/* aushang_spelling_find_words(), but starting at @state (NULL: at the
 * text's start) instead of reading everything before @from. @end_state,
 * when given, receives the state at the first line start at or after
 * @to (or the text's end). */
GArray          *aushang_spelling_find_words_from (const char                 *text,
                                                   gssize                      length,
                                                   const AushangSpellingState *state,
                                                   gsize                       from,
                                                   gssize                      to,
                                                   AushangSpellingState       *end_state);

/* The language a site writes in: its _config.yml's lang (or locale),
 * else AUSHANG_SPELLING_DEFAULT_LANGUAGE. @site may be NULL. */
char            *aushang_spelling_dup_site_language (AushangSite   *site);
/* The words of the site's own names, which a dictionary rarely knows but
 * which are no mistakes: its title, its categories, tags and authors, and
 * the words that two or more documents' titles share (a place, a
 * project: "Repair-Café", "Lübbenau"). A word only one title has is not
 * among them: it may be a slip. A set of char*; @site may be NULL. */
GHashTable      *aushang_spelling_dup_site_words (AushangSite   *site);
/* The dictionaries installed ("de_DE", "en_US", …), sorted. */
char           **aushang_spelling_list_languages (void);
/* A name for a dictionary a person can read: "Deutsch (Deutschland)" in
 * a German interface, from the language and country codes. */
char            *aushang_spelling_dup_language_name (const char    *language);
/* Where the personal dictionaries are: $AUSHANG_SPELLING_DIR when set,
 * else aushang/spelling in the user's data folder. */
char            *aushang_spelling_get_personal_folder (void);

G_END_DECLS
