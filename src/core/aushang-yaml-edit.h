/* aushang-yaml-edit.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "aushang-front-matter.h"
#include "aushang-value.h"

G_BEGIN_DECLS

/* The one lossless editor of YAML text. Front matter and _data files are
 * thin layers over it.
 *
 * The text is kept byte for byte. Parsing records where every node stands
 * (each map entry and sequence item, from libyaml's marks), so an edit
 * replaces only the bytes of the value it addresses. After every edit the
 * text is read again: the addressed value must read back as what was asked
 * for and everything else in the document exactly as before; otherwise the
 * old bytes are put back and the edit is refused with a GError (in the
 * AUSHANG_FRONT_MATTER_ERROR domain, the one the YAML reader uses) that
 * says why in plain words. While the text cannot be read, every edit is
 * refused with its line and column; the text is never rewritten.
 *
 * Values are addressed by a path: "title", "[3].title",
 * "[3].expertise[1]". Indexes count from 0. A key that is not a plain word
 * is written in double quotes ("\"a.b\"[0]"); aushang_yaml_path_key() builds
 * such segments. The empty path "" is the whole document.
 *
 * Items of a block sequence at the top of the document may also be
 * commented out, every line behind "# " (as people hide an entry by hand:
 * "#- title: …"). Such a hidden item is not part of what Jekyll reads, but
 * the item functions (get_n_items, get_item, hide_item, show_item, …) count
 * it in file order, so a list's items are the ones a person sees in the
 * file. Paths address only the visible items, as Jekyll sees them. */

#define AUSHANG_TYPE_YAML_EDIT (aushang_yaml_edit_get_type ())

G_DECLARE_FINAL_TYPE (AushangYamlEdit, aushang_yaml_edit, AUSHANG, YAML_EDIT, GObject)

/* Paths. Both return a new string: @parent (may be NULL or "") followed by
 * one segment. */
char             *aushang_yaml_path_key            (const char        *parent,
                                                    const char        *key);
char             *aushang_yaml_path_index          (const char        *parent,
                                                    guint              index);

/* Whether messages speak of front matter (a document's fields) rather
 * than of a file of its own. */
void              aushang_yaml_edit_set_front_matter (AushangYamlEdit *self,
                                                    gboolean           front_matter);

/* @first_line is the line number (1-based) of the text's first line in its
 * file, so errors name lines of the file; @eol the file's line ending. */
AushangYamlEdit  *aushang_yaml_edit_new            (const char        *text,
                                                    gsize              length,
                                                    guint              first_line,
                                                    const char        *eol);

const char       *aushang_yaml_edit_get_text       (AushangYamlEdit   *self,
                                                    gsize             *length);
const char       *aushang_yaml_edit_get_line_ending (AushangYamlEdit  *self);
/* NULL when the text was read; otherwise why not. Line and column are of
 * the file, 1-based. */
const GError     *aushang_yaml_edit_get_error      (AushangYamlEdit   *self);
guint             aushang_yaml_edit_get_error_line (AushangYamlEdit   *self);
guint             aushang_yaml_edit_get_error_column (AushangYamlEdit *self);

/* The whole document as Jekyll reads it (null when it holds no value; an
 * empty null value while it cannot be read). */
AushangValue     *aushang_yaml_edit_get_root       (AushangYamlEdit   *self);
/* Whether the document is followed by another one ("---" and more values),
 * and where that starts (file line, 1-based). Jekyll reads only the first. */
guint             aushang_yaml_edit_get_extra_document_line (AushangYamlEdit *self);
/* The line where a further document that holds a value starts (Jekyll
 * ignores it), or 0; "---" followed by nothing is no value. */
guint             aushang_yaml_edit_get_ignored_line (AushangYamlEdit *self);
/* The column (1-based) of that further document's first value. */
guint             aushang_yaml_edit_get_extra_document_column (AushangYamlEdit *self);
/* Where the root value starts (file line and column, 1-based; 0 when the
 * document holds none). */
void              aushang_yaml_edit_get_root_position (AushangYamlEdit *self,
                                                    guint             *line,
                                                    guint             *column);
/* Whether the text holds no value at all (nothing, only comments, a lone
 * "---"); it then reads as null. */
gboolean          aushang_yaml_edit_get_is_empty   (AushangYamlEdit   *self);
/* The root is written as one {…} or […] (flow style). */
gboolean          aushang_yaml_edit_get_root_is_flow (AushangYamlEdit *self);

/* The value at @path, or NULL when there is none (where a key is repeated,
 * the last one, as Jekyll reads it). */
AushangValue     *aushang_yaml_edit_get            (AushangYamlEdit   *self,
                                                    const char        *path);
/* File line (1-based) where the entry at @path starts (its key, or the "-"
 * of a sequence item); 0 when absent. */
guint             aushang_yaml_edit_get_line       (AushangYamlEdit   *self,
                                                    const char        *path);
/* The keys of the map at @path in file order, without repeats (NULL when
 * @path is not a map). */
char            **aushang_yaml_edit_dup_keys       (AushangYamlEdit   *self,
                                                    const char        *path);
/* How often @key is written in the map at @path. */
guint             aushang_yaml_edit_count_key      (AushangYamlEdit   *self,
                                                    const char        *path,
                                                    const char        *key);
/* Whether the value at @path is a scalar or a list of scalars (what a form
 * can edit; nested maps and lists of maps are kept as YAML). */
gboolean          aushang_yaml_edit_is_simple      (AushangYamlEdit   *self,
                                                    const char        *path);
/* Whether the value at @path is written in flow style ({…} or […]). */
gboolean          aushang_yaml_edit_is_flow        (AushangYamlEdit   *self,
                                                    const char        *path);

/* Edits. Each changes only the bytes of what it addresses and emits
 * "changed" when it changed the text. Setting a value it already has
 * changes nothing. */

/* Sets the value at @path. An existing value keeps its way of being
 * written where that can hold the new value exactly: plain stays plain
 * where it reads back the same (in Jekyll and in YAML 1.2 tools), quotes
 * stay, a block scalar (| or >) keeps its chomping, a list stays a block
 * or [flow] list. A new key is added to its map where the key order (see
 * set_key_order) puts it, else at the end, in the way the file writes
 * its values. */
gboolean          aushang_yaml_edit_set            (AushangYamlEdit   *self,
                                                    const char        *path,
                                                    AushangValue      *value,
                                                    GError           **error);
/* Removes the key at @path (every occurrence, where it is repeated) or the
 * sequence item at @path, with its lines; comments around it stay. */
gboolean          aushang_yaml_edit_remove         (AushangYamlEdit   *self,
                                                    const char        *path,
                                                    GError           **error);
/* Replaces the whole text; refused with the parse error, and nothing
 * changed, when @text cannot be read. */
gboolean          aushang_yaml_edit_replace_text   (AushangYamlEdit   *self,
                                                    const char        *text,
                                                    GError           **error);

/* The order new keys take among the present ones; without it they go at
 * the end of their map. */
void              aushang_yaml_edit_set_key_order  (AushangYamlEdit   *self,
                                                    const char * const *order);
/* Takes over another text's way of writing new values (quotes, list
 * style) for values this one has no example of yet. */
void              aushang_yaml_edit_adopt_style    (AushangYamlEdit   *self,
                                                    AushangYamlEdit   *model);

/* The items of the block sequence at the top of the document, hidden ones
 * (commented out) included, in file order. 0 when the document is not a
 * sequence (or holds none, visible or hidden). */
guint             aushang_yaml_edit_get_n_items    (AushangYamlEdit   *self);
/* Item @index: its value (NULL when out of range), whether it is hidden,
 * and its first and last file line (1-based). */
AushangValue     *aushang_yaml_edit_get_item       (AushangYamlEdit   *self,
                                                    guint              index,
                                                    gboolean          *hidden,
                                                    guint             *first_line,
                                                    guint             *last_line);
/* The path of item @index ("[2]"), counting only visible items, or NULL
 * for a hidden item. */
char             *aushang_yaml_edit_dup_item_path  (AushangYamlEdit   *self,
                                                    guint              index);
/* Inserts @value as a new item before item @index (at the end when @index
 * is the number of items), written like the item next to it (key order of
 * @value, quoting, indentation, the blank lines between items). */
gboolean          aushang_yaml_edit_insert_item    (AushangYamlEdit   *self,
                                                    guint              index,
                                                    AushangValue      *value,
                                                    GError           **error);
/* Removes item @index (hidden or not) with its lines. */
gboolean          aushang_yaml_edit_remove_item    (AushangYamlEdit   *self,
                                                    guint              index,
                                                    GError           **error);
/* Inserts a byte-for-byte copy of item @index right after it. */
gboolean          aushang_yaml_edit_duplicate_item (AushangYamlEdit   *self,
                                                    guint              index,
                                                    GError           **error);
/* Moves item @from so that it becomes item @to, its bytes unchanged. */
gboolean          aushang_yaml_edit_move_item      (AushangYamlEdit   *self,
                                                    guint              from,
                                                    guint              to,
                                                    GError           **error);
/* Puts the items in a new order: item @order[i] becomes item i (@order
 * holds each of the @n_items items once). Their bytes are unchanged; what
 * stands between items (comments, blank lines) stays where it is. */
gboolean          aushang_yaml_edit_reorder_items  (AushangYamlEdit   *self,
                                                    const guint       *order,
                                                    guint              n_items,
                                                    GError           **error);
/* Comments out every line of item @index with "# " (as people do by
 * hand); show_item takes that away again, so hiding then showing gives
 * back the same bytes. Showing an item someone hid by hand ("#- title")
 * takes away their "#". */
gboolean          aushang_yaml_edit_hide_item      (AushangYamlEdit   *self,
                                                    guint              index,
                                                    GError           **error);
gboolean          aushang_yaml_edit_show_item      (AushangYamlEdit   *self,
                                                    guint              index,
                                                    GError           **error);

/* Lines: comments out lines @first .. @last (file lines, 1-based) with
 * "# ", or takes away the "#" (and the space after it, when every line has
 * one) of such lines. Either is kept only when the document then reads
 * @expected (NULL: as before). */
gboolean          aushang_yaml_edit_comment_lines  (AushangYamlEdit   *self,
                                                    guint              first,
                                                    guint              last,
                                                    AushangValue      *expected,
                                                    GError           **error);
gboolean          aushang_yaml_edit_uncomment_lines (AushangYamlEdit  *self,
                                                    guint              first,
                                                    guint              last,
                                                    AushangValue      *expected,
                                                    GError           **error);

/* The lines insert_item() would write for @value at the end of the list
 * (without the line break after the last one). */
char             *aushang_yaml_edit_render_item    (AushangYamlEdit   *self,
                                                    AushangValue      *value);

/* Lists and maps inside the document (aushang-yaml-edit-nested.c), for
 * forms that show a list of maps as sub-forms. Fields inside are set and
 * removed by path with aushang_yaml_edit_set() and _remove(). */

/* Inserts @value as item @index (at the end when @index is the length)
 * of the list at @list_path, its lines written like the item beside it;
 * a […] list, an empty or a missing one is written anew. */
gboolean          aushang_yaml_edit_insert_at      (AushangYamlEdit   *self,
                                                    const char        *list_path,
                                                    guint              index,
                                                    AushangValue      *value,
                                                    GError           **error);
/* Moves item @from of the list at @list_path to index @to, its lines as
 * they are. */
gboolean          aushang_yaml_edit_move_at        (AushangYamlEdit   *self,
                                                    const char        *list_path,
                                                    guint              from,
                                                    guint              to,
                                                    GError           **error);
/* The lines of the top-level entry @key ("podcasts:" and its value), to
 * edit that field alone as YAML; NULL where that cannot be done (a key
 * written twice, a {…} document, text that cannot be read). */
char             *aushang_yaml_edit_dup_entry_text (AushangYamlEdit   *self,
                                                    const char        *key);
/* Replaces those lines with @text, which must hold @key and its value and
 * nothing else; every other line stays as it is. */
gboolean          aushang_yaml_edit_replace_entry_text (AushangYamlEdit *self,
                                                    const char        *key,
                                                    const char        *text,
                                                    GError           **error);

/* The editor of a document's front matter, for the edits above. */
AushangYamlEdit  *aushang_front_matter_get_yaml    (AushangFrontMatter *self);

G_END_DECLS
