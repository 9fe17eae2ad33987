/* test-front-matter-corpus.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Styles kept on edit, over ../shared/corpus (read where it is): in every
 * document's front matter and every entry of every _data list, each
 * block-scalar value gets a new multi-line text and each plain or
 * single-quoted string a new text its style can hold. Each edit must keep
 * the value's style (the block's header, plain stays plain, single quotes
 * stay single), change only the value's lines, and read back as the text
 * given, in Aushang and (all edits at once, at the end) in Ruby's Psych,
 * which Jekyll reads YAML with.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "aushang-document.h"
#include "aushang-front-matter.h"
#include "aushang-yaml-edit.h"
#include "aushang-yaml.h"
#include "aushang-test-util.h"

typedef struct
{
  guint    files;
  guint    blocks;
  guint    plain;
  guint    single;
  guint    skipped;
  GString *psych;   /* JSON lines for the Ruby check */
} Stats;

static const char *
corpus_dir (void)
{
  const char *dir = g_getenv ("AUSHANG_CORPUS_DIR");

  return dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

static gboolean
is_corpus_file (const char *name)
{
  return strcmp (name, "README.md") != 0;
}

/* Line @line (1-based) of @lines, or "". */
static const char *
line_at (GStrv lines,
         guint line)
{
  for (guint i = 1; lines[i - 1] != NULL; i++)
    if (i == line)
      return lines[i - 1];

  return "";
}

/* The line after the value at @key_line: the next line of the map's keys
 * (@keys, under @map) after it, or the end. */
static guint
value_end_line (AushangYamlEdit *edit,
                const char      *map,
                GStrv            keys,
                guint            key_line,
                guint            n_lines)
{
  guint end = n_lines + 1;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *path = aushang_yaml_path_key (map, keys[i]);
      guint line = aushang_yaml_edit_get_line (edit, path);

      if (line > key_line && line < end)
        end = line;
    }

  /* The next entry of a list starts where its "-" does. */
  if (map != NULL && *map != '\0')
    {
      guint index = 0;

      if (sscanf (map, "[%u]", &index) == 1)
        {
          g_autofree char *next = aushang_yaml_path_index (NULL, index + 1);
          guint line = aushang_yaml_edit_get_line (edit, next);

          if (line > key_line && line < end)
            end = line;
        }
    }

  return end;
}

static void
add_psych_record (Stats        *stats,
                  const char   *yaml,
                  const char   *map,
                  const char   *key,
                  const char   *expected,
                  const char   *where)
{
  g_autoptr(AushangValue) record = aushang_value_new_map ();
  g_autoptr(AushangValue) path = aushang_value_new_list ();
  g_autofree char *json = NULL;
  guint index = 0;

  if (map != NULL && sscanf (map, "[%u]", &index) == 1)
    aushang_value_list_append (path, aushang_value_new_integer (index));
  aushang_value_list_append (path, aushang_value_new_string (key));
  aushang_value_map_insert (record, "yaml", aushang_value_new_string (yaml));
  aushang_value_map_insert (record, "path", g_steal_pointer (&path));
  aushang_value_map_insert (record, "value", aushang_value_new_string (expected));
  aushang_value_map_insert (record, "where", aushang_value_new_string (where));
  json = aushang_value_to_json (record);
  g_string_append (stats->psych, json);
  g_string_append_c (stats->psych, '\n');
}

typedef enum
{
  STYLE_OTHER,
  STYLE_BLOCK,
  STYLE_PLAIN,
  STYLE_SINGLE,
} Style;

/* How the value after "key:" on @line is written; @header gets a block's
 * header ("|", ">-"). */
static Style
style_of (const char *line,
          const char *key,
          char      **header)
{
  const char *p = line;

  *header = NULL;

  /* "key:" or "- key:" (the first key of a list entry). */
  while (*p == ' ')
    p++;
  if (p[0] == '-' && p[1] == ' ')
    p += 2;
  while (*p == ' ')
    p++;
  if (strncmp (p, key, strlen (key)) != 0 || p[strlen (key)] != ':')
    return STYLE_OTHER;

  p += strlen (key) + 1;
  while (*p == ' ')
    p++;
  if (*p == '|' || *p == '>')
    {
      gsize n = strcspn (p, " \t#");

      *header = g_strndup (p, n);
      return strpbrk (*header, "0123456789") ? STYLE_OTHER : STYLE_BLOCK;
    }
  if (*p == '\'')
    return STYLE_SINGLE;
  if (*p == '"' || *p == '\0' || *p == '&' || *p == '!' || *p == '*' || *p == '#')
    return STYLE_OTHER;

  return STYLE_PLAIN;
}

/* The new text for a value: a new first line for a block (its final line
 * breaks kept, so its chomping can stay), a word more for the others. */
static char *
new_text (const char *old,
          Style       style,
          const char *header)
{
  /* An empty block ("" with any chomping) gets one line, ending as its
   * chomping says. */
  if (style == STYLE_BLOCK && *old == '\0')
    return g_strconcat ("Neue erste Zeile: „Grüße“ & #1", strchr (header, '-') ? "" : "\n", NULL);
  if (style == STYLE_BLOCK)
    return g_strconcat ("Neue erste Zeile: „Grüße“ & #1\n", old, NULL);

  if (style == STYLE_PLAIN)
    {
      char *text = g_strconcat (old, " (neu)", NULL);

      if (aushang_yaml_string_is_plain_safe (text))
        return text;
      g_free (text);
      text = g_strconcat ("Neu ", old, NULL);
      if (aushang_yaml_string_is_plain_safe (text))
        return text;
      g_free (text);
      return NULL;
    }

  return g_strconcat (old, " – it's new", NULL);
}

/* Edits the string at @map.@key of a fresh copy of @text and checks the
 * promises. */
static void
edit_one (const char *text,
          gboolean    front_matter,
          const char *map,
          const char *key,
          const char *where,
          Stats      *stats)
{
  g_autoptr(AushangYamlEdit) edit = aushang_yaml_edit_new (text, strlen (text), 1, "\n");
  g_autofree char *path = aushang_yaml_path_key (map, key);
  g_autofree char *header = NULL;
  g_autofree char *replacement = NULL;
  g_autofree char *after_header = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) before = g_strsplit (text, "\n", -1);
  g_auto(GStrv) after = NULL;
  g_autoptr(AushangValue) value = NULL;
  g_autoptr(GError) error = NULL;
  AushangValue *old;
  guint key_line, end_line, n_before, n_after;
  Style style;

  aushang_yaml_edit_set_front_matter (edit, front_matter);
  old = aushang_yaml_edit_get (edit, path);
  if (old == NULL || aushang_value_get_kind (old) != AUSHANG_VALUE_STRING ||
      aushang_yaml_edit_count_key (edit, map, key) != 1)
    return;

  key_line = aushang_yaml_edit_get_line (edit, path);
  style = style_of (line_at (before, key_line), key, &header);
  if (style == STYLE_OTHER)
    return;
  replacement = new_text (aushang_value_get_string (old), style, header);
  if (replacement == NULL)
    {
      stats->skipped++;
      return;
    }

  keys = aushang_yaml_edit_dup_keys (edit, map);
  n_before = g_strv_length (before);
  end_line = value_end_line (edit, map, keys, key_line, n_before);

  value = aushang_value_new_string (replacement);
  if (!aushang_yaml_edit_set (edit, path, value, &error))
    g_error ("%s: setting %s failed: %s", where, path, error->message);
  if (!aushang_value_equal (aushang_yaml_edit_get (edit, path), value))
    g_error ("%s: %s does not read back", where, path);

  after = g_strsplit (aushang_yaml_edit_get_text (edit, NULL), "\n", -1);
  n_after = g_strv_length (after);

  /* Only the value's lines changed. */
  for (guint i = 1; i < key_line; i++)
    if (strcmp (line_at (before, i), line_at (after, i)) != 0)
      g_error ("%s: setting %s changed line %u before it", where, path, i);
  for (guint i = 0; end_line + i <= n_before; i++)
    if (n_after < n_before - end_line + 1 ||
        strcmp (line_at (before, n_before - i), line_at (after, n_after - i)) != 0)
      g_error ("%s: setting %s changed a line after its value (%u from the end)", where, path, i);

  /* The style stayed. */
  {
    g_autofree char *header_now = NULL;
    Style now = style_of (line_at (after, key_line), key, &header_now);

    if (now != style || g_strcmp0 (header, header_now) != 0)
      g_error ("%s: setting %s changed its style: “%s” became “%s”", where, path,
               line_at (before, key_line), line_at (after, key_line));
    if (style == STYLE_PLAIN)
      {
        g_autofree char *line = g_strchomp (g_strdup (line_at (after, key_line)));

        if (!g_str_has_suffix (line, replacement) && strstr (line, " #") == NULL)
          g_error ("%s: %s is not written plain: “%s”", where, path, line);
      }
  }

  stats->blocks += style == STYLE_BLOCK;
  stats->plain += style == STYLE_PLAIN;
  stats->single += style == STYLE_SINGLE;
  add_psych_record (stats, aushang_yaml_edit_get_text (edit, NULL), map, key, replacement, where);
}

static void
check_file (const char *path,
            Stats      *stats)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean data = g_str_has_suffix (path, ".yml") || g_str_has_suffix (path, ".yaml");

  if (!g_file_get_contents (path, &contents, &length, NULL) || memchr (contents, '\0', length) ||
      !g_utf8_validate (contents, length, NULL) || strchr (contents, '\r') != NULL)
    return;

  if (data)
    {
      g_autoptr(AushangYamlEdit) edit = NULL;
      AushangValue *root;

      if (strstr (path, "/_data/") == NULL)
        return;
      edit = aushang_yaml_edit_new (contents, length, 1, "\n");
      root = aushang_yaml_edit_get_root (edit);
      if (aushang_yaml_edit_get_error (edit) != NULL || aushang_value_get_kind (root) != AUSHANG_VALUE_LIST)
        return;
      stats->files++;
      for (guint i = 0; i < aushang_value_get_length (root); i++)
        {
          g_autofree char *map = aushang_yaml_path_index (NULL, i);
          g_auto(GStrv) keys = aushang_yaml_edit_dup_keys (edit, map);

          for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
            edit_one (contents, FALSE, map, keys[k], path, stats);
        }
      return;
    }

  {
    g_autoptr(AushangDocument) document = aushang_document_new_from_data (contents, length);
    AushangFrontMatter *fm;
    const char *text;
    g_auto(GStrv) keys = NULL;
    gsize fm_length = 0;

    if (!aushang_document_get_has_front_matter (document) ||
        aushang_document_get_problem (document, NULL, NULL) != NULL)
      return;
    fm = aushang_document_get_front_matter (document);
    text = aushang_front_matter_get_text (fm, &fm_length);
    if (text == NULL || strlen (text) != fm_length)
      return;
    stats->files++;
    keys = aushang_front_matter_dup_keys (fm);
    for (guint k = 0; keys[k] != NULL; k++)
      edit_one (text, TRUE, NULL, keys[k], path, stats);
  }
}

/* Psych reads every edited text as the value given. */
static const char *psych_check =
  "require 'yaml'; require 'json'; require 'date'\n"
  "bad = 0; n = 0\n"
  "File.foreach(ARGV[0]) do |line|\n"
  "  r = JSON.parse(line); n += 1\n"
  "  data = YAML.safe_load(r['yaml'], permitted_classes: [Date, Time], aliases: true)\n"
  "  got = r['path'].reduce(data) { |d, k| d.nil? ? nil : d[k] }\n"
  "  next if got == r['value']\n"
  "  bad += 1\n"
  "  puts \"#{r['where']} #{r['path'].inspect}: Psych reads #{got.inspect}, not #{r['value'].inspect}\" if bad <= 20\n"
  "end\n"
  "puts \"#{n} edits read by Psych, #{bad} differ\"\n"
  "exit(bad == 0 ? 0 : 1)\n";

/* Runs the Psych check over @records (JSON lines); fails on a difference. */
static void
run_psych (GString *records_text)
{
  g_autofree char *records = NULL;
  g_autofree char *script = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int fd;
  int status = 0;

  /* Psych, as Jekyll reads the files. */
  fd = g_file_open_tmp ("aushang-styles-XXXXXX.jsonl", &records, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (records, records_text->str, records_text->len, &error));
  fd = g_file_open_tmp ("aushang-styles-XXXXXX.rb", &script, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (script, psych_check, -1, &error));
  {
    const char *argv[] = { "ruby", script, records, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, &output, NULL, &status, &error))
      g_error ("ruby could not be run (Debian: apt install ruby): %s", error->message);
  }
  g_test_message ("%s", output);
  g_unlink (records);
  g_unlink (script);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("Psych reads edited values otherwise:\n%s", output);
}

static void
test_styles_kept (void)
{
  const char *dir = corpus_dir ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  Stats stats = { 0, };

  if (dir == NULL)
    {
      g_test_skip ("no corpus: AUSHANG_CORPUS_DIR is not a folder");
      return;
    }

  stats.psych = g_string_new (NULL);
  aushang_test_collect_files (dir, is_corpus_file, files);
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < files->len; i++)
    check_file (g_ptr_array_index (files, i), &stats);

  g_test_message ("%u files: %u block scalars, %u plain and %u single-quoted strings edited, %u plain ones skipped (no plain-safe new text)",
                  stats.files, stats.blocks, stats.plain, stats.single, stats.skipped);
  g_assert_cmpuint (stats.blocks, >=, 100);
  g_assert_cmpuint (stats.plain, >=, 1000);
  g_assert_cmpuint (stats.single, >=, 10);

  run_psych (stats.psych);
  g_string_free (stats.psych, TRUE);
}

/* What Aushang writes plain, Psych reads as the same string. */
static void
test_plain_safe (void)
{
  static const char *atoms[] = {
    "1", "0", "12", "1_000", "0x1F", "0o17", "0b101", "1e3", "1.5", "+1", "-1", ".5", "1:30",
    "1:30:45", "190:20:30", "2025-06-17", "2025-6-7", "2025-06-17 16:30", "2025-06-17T16:30:00Z",
    "yes", "no", "on", "off", "y", "n", "true", "null", "~", "=", "<<", ".inf", ".nan", "-.inf",
    "NaN", "12:30", "0.1.2", "1,5", "1e", "0b2", "1__0", "_1", "1_", "-0", "+.5", "0o8", "0777",
    "09", "1.", "1.e3", "1e+3", "Yes!", "Kurt Garloff", "Kurt Garloff (CTO)", "a:b", "a: b",
    "a #b", "a#b", "- x", "-x", "?x", ":x", "!x", "&x", "*x", "%x", "@x", "`x", "[x]", "{x}",
    "x,y", "x]", "ü", "€1", "1 000", "1.000,50", "12.06.2025", "17.06.2025 16:30", "Mo, 17.06.",
  };
  g_autoptr(GString) records = g_string_new (NULL);
  Stats stats = { 0, };
  guint n = 0;

  stats.psych = records;
  for (guint i = 0; i < G_N_ELEMENTS (atoms); i++)
    {
      char *forms[] = {
        g_strdup (atoms[i]), g_strconcat (atoms[i], " x", NULL), g_strconcat ("x ", atoms[i], NULL),
        g_strconcat (atoms[i], ".", NULL), g_strconcat (atoms[i], atoms[i], NULL),
      };

      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        {
          g_autofree char *yaml = NULL;

          if (!aushang_yaml_string_is_plain_safe (forms[f]))
            continue;
          yaml = g_strdup_printf ("k: %s\n", forms[f]);
          add_psych_record (&stats, yaml, NULL, "k", forms[f], "plain");
          n++;
        }
      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        g_free (forms[f]);
    }

  g_test_message ("%u plain-safe strings", n);
  g_assert_cmpuint (n, >, 200);
  run_psych (records);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter-corpus/plain-safe", test_plain_safe);
  g_test_add_func ("/front-matter-corpus/styles-kept", test_styles_kept);

  return g_test_run ();
}
