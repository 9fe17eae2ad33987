/* aushang-spell-checker.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "aushang-site.h"

G_BEGIN_DECLS

#define AUSHANG_TYPE_SPELL_CHECKER (aushang_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (AushangSpellChecker, aushang_spell_checker, AUSHANG, SPELL_CHECKER, GObject)

/* Checks the spelling of @view's text as it is typed: misspelled words
 * (aushang_spelling_find_words() says which words count) get a red wavy
 * underline, and the view's context menu offers suggestions, "Add to
 * Dictionary", "Ignore", and a Spelling submenu with the switch and the
 * language. Only the lines that changed are checked again, in small steps
 * when the main loop is idle, so typing never waits for it.
 *
 * The switch is the "spell-check" setting (for every view); the language
 * is the one chosen for the site ("spell-check-languages"), else the
 * document's lang:, else the site's, else German.
 *
 * The checker lives as long as @view; calling this again returns it. */
AushangSpellChecker *aushang_spell_checker_attach          (GtkTextView         *view);
/* The checker attached to @view, or NULL. */
AushangSpellChecker *aushang_spell_checker_get_for_view    (GtkTextView         *view);

/* The site the text belongs to, and the document (for its own lang:);
 * either may be NULL. */
void                 aushang_spell_checker_set_site        (AushangSpellChecker *self,
                                                            AushangSite         *site,
                                                            AushangDocument     *document);
/* The dictionary in use ("de_DE"), or NULL when there is none; one a
 * thread is still reading is read at once. */
const char          *aushang_spell_checker_get_language    (AushangSpellChecker *self);
/* Chooses the language for the site (kept in the settings); NULL or ""
 * goes back to the document's or site's own. */
void                 aushang_spell_checker_set_language    (AushangSpellChecker *self,
                                                            const char          *language);
gboolean             aushang_spell_checker_get_enabled     (AushangSpellChecker *self);
void                 aushang_spell_checker_set_enabled     (AushangSpellChecker *self,
                                                            gboolean             enabled);

/* The tag that marks misspelled words. */
GtkTextTag          *aushang_spell_checker_get_tag         (AushangSpellChecker *self);
/* Checks at once what is still waiting (for tests and before a
 * screenshot). */
void                 aushang_spell_checker_check_now       (AushangSpellChecker *self);
/* Fills the context menu for the word at @iter, as a right click there
 * does. */
void                 aushang_spell_checker_update_menu     (AushangSpellChecker *self,
                                                            const GtkTextIter   *iter);

G_END_DECLS
