/* aushang-site-blocks.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site"

#include "config.h"

#include <string.h>

#include "aushang-markdown.h"
#include "aushang-safe-file.h"
#include "aushang-site-private.h"

/* Building blocks: the _includes/ files, the parameters they read, and
 * how the documents use them. */

static void
block_free (gpointer data)
{
  AushangBlock *block = data;

  g_free (block->name);
  g_free (block->description);
  g_clear_object (&block->file);
  g_clear_pointer (&block->params, g_ptr_array_unref);
  g_clear_pointer (&block->required, g_ptr_array_unref);
  g_free (block->summary);
  g_clear_pointer (&block->paths, g_hash_table_unref);
  g_free (block);
}

static void
block_path_free (gpointer data)
{
  AushangBlockPath *path = data;

  g_free (path->base);
  g_free (path->example);
  g_free (path);
}

void
aushang_site_scan_blocks (AushangSiteDocument *document,
                          const char          *body,
                          GHashTable          *uses)
{
  g_autoptr(GPtrArray) tags = NULL;

  document->blocks = g_ptr_array_new_with_free_func (g_free);

  if (strstr (body, "include") == NULL)
    return;

  tags = aushang_markdown_find_liquid_tags (body);
  for (guint i = 0; i < tags->len; i++)
    {
      AushangLiquidTag *tag = g_ptr_array_index (tags, i);
      GPtrArray *param_sets;
      GHashTableIter iter;
      gpointer key, value;
      GHashTable *passed;

      if (tag->is_output || g_strcmp0 (tag->name, "include") != 0 || tag->argument == NULL)
        continue;

      g_ptr_array_add (document->blocks, g_strdup (tag->argument));

      /* Remember which parameters each use passes. */
      param_sets = g_hash_table_lookup (uses, tag->argument);
      if (param_sets == NULL)
        {
          param_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
          g_hash_table_insert (uses, g_strdup (tag->argument), param_sets);
        }

      /* And the values, to learn which are site paths. */
      passed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (tag->params != NULL)
        {
          g_hash_table_iter_init (&iter, tag->params);
          while (g_hash_table_iter_next (&iter, &key, &value))
            g_hash_table_insert (passed, g_strdup (key), g_strdup (value ? value : ""));
        }
      g_ptr_array_add (param_sets, passed);
    }

  document->heading_level = aushang_body_first_heading_level (body);
}

/* The comment at the top of an include (only spaces before it). */
static char *
first_comment (const char *contents)
{
  const char *start = contents;
  const char *end;

  while (g_ascii_isspace (*start))
    start++;

  if (g_str_has_prefix (start, "{% comment %}") || g_str_has_prefix (start, "{%- comment -%}") ||
      g_str_has_prefix (start, "{%- comment %}") || g_str_has_prefix (start, "{% comment -%}"))
    {
      start = strstr (start, "%}") + 2;
      end = strstr (start, "endcomment");
      /* Back to the "{%" of "{% endcomment %}" or "{%- endcomment". */
      while (end != NULL && end > start + 1 && end[-2] != '{')
        end--;
      if (end != NULL)
        end -= 2;
    }
  else if (g_str_has_prefix (start, "<!--"))
    {
      start += 4;
      end = strstr (start, "-->");
    }
  else
    return NULL;

  if (end == NULL || end < start || end - start > 2000)
    return NULL;

  return g_strstrip (g_strndup (start, end - start));
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 ((*(AushangBlock **) a)->name, (*(AushangBlock **) b)->name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_blocks_by_use (gconstpointer a,
                       gconstpointer b)
{
  const AushangBlock *ba = *(AushangBlock **) a;
  const AushangBlock *bb = *(AushangBlock **) b;

  if (ba->uses != bb->uses)
    return ba->uses > bb->uses ? -1 : 1;

  return g_strcmp0 (ba->name, bb->name);
}

/* ------------------------------------------------------------------------ */
/* Descriptions in plain words                                              */

static gboolean
is_usage_line (const char *line)
{
  static const char *starts[] = {
    "usage", "example", "parameter", "param", "params", "arguments", "options",
    "verwendung", "beispiel", "aufruf", "benutzung", "syntax", "include",
  };
  g_autofree char *lower = g_utf8_strdown (line, -1);

  if (strstr (line, "{%") != NULL || strstr (line, "{{") != NULL ||
      strstr (line, "%}") != NULL || strstr (line, "}}") != NULL ||
      strstr (line, "include.") != NULL || line[0] == '<')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    if (g_str_has_prefix (lower, starts[i]))
      {
        const char *rest = lower + strlen (starts[i]);

        while (g_ascii_isalpha (*rest))
          rest++;
        if (*rest == ':' || *rest == '\0' || *rest == ' ')
          return TRUE;
      }

  return FALSE;
}

/* A period that ends a sentence: after a word of two letters or more
 * ("z. B." goes on), before a space and a capital or the end. */
static gboolean
ends_sentence (const char *text,
               const char *dot)
{
  const char *after = dot + 1;
  const char *word = dot;

  while (word > text && !g_ascii_isspace (word[-1]) && word[-1] != '(')
    word--;
  if (dot - word < 2)
    return FALSE;

  if (*after == '\0')
    return TRUE;
  if (*after != ' ')
    return FALSE;
  while (*after == ' ')
    after++;

  return g_unichar_isupper (g_utf8_get_char (after));
}

char *
aushang_block_summary_from_comment (const char *comment)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  char *out;
  gsize len;

  if (comment == NULL)
    return NULL;

  /* The first paragraph of words, before usage and parameter lists. */
  lines = g_strsplit (comment, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      /* A comment's frame: "---", "====", "* * *", "#" or "//" leaders. */
      while (*line == '#' || *line == '*' || *line == '/' || *line == '=' || *line == '-')
        line++;
      line = g_strstrip (line);

      if (line[0] == '\0')
        {
          if (text->len > 0)
            break;
          continue;
        }
      if (is_usage_line (line))
        {
          if (text->len > 0)
            break;
          continue;
        }
      /* "event – what it is" lines list parameters. */
      if (strstr (line, " – ") != NULL || strstr (line, " - ") != NULL ||
          strstr (line, "=\"") != NULL)
        {
          if (text->len > 0)
            break;
          continue;
        }

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, line);
    }

  /* Its first sentence. */
  for (const char *p = text->str; *p != '\0'; p++)
    if ((*p == '.' && ends_sentence (text->str, p)) ||
        ((*p == '!' || *p == '?') && (p[1] == '\0' || p[1] == ' ')))
      {
        g_string_truncate (text, p - text->str + (*p == '.' ? 0 : 1));
        break;
      }

  /* A menu's subtitle has no final colon or period. */
  len = text->len;
  while (len > 0 && (text->str[len - 1] == ':' || text->str[len - 1] == '.' ||
                     g_ascii_isspace (text->str[len - 1])))
    len--;
  g_string_truncate (text, len);

  if (text->len == 0 || !g_utf8_validate (text->str, -1, NULL))
    return NULL;

  out = g_string_free (g_steal_pointer (&text), FALSE);

  return out;
}

/* ------------------------------------------------------------------------ */
/* Parameters whose values are site paths                                   */

static gboolean
looks_like_path (const char *value)
{
  if (value == NULL || value[0] == '\0' || strlen (value) > 500 ||
      strstr (value, "://") != NULL || strstr (value, "..") != NULL ||
      strchr (value, '{') != NULL || strchr (value, '\n') != NULL ||
      g_str_has_prefix (value, "mailto:") || g_str_has_prefix (value, "#"))
    return FALSE;

  /* "galerie/x", "/assets/…" or "bild.jpg", not "page.gallery_path"
   * (a variable) nor words. */
  if (strchr (value, '/') != NULL)
    return TRUE;

  return strchr (value, ' ') == NULL && strrchr (value, '.') != NULL &&
         strlen (strrchr (value, '.')) <= 5 && strrchr (value, '.') != value &&
         !g_str_has_prefix (value, "page.") && !g_str_has_prefix (value, "site.") &&
         !g_str_has_prefix (value, "include.");
}

/* The folders of the site where a relative value may start: the top and
 * the folders under it, three deep, without Jekyll's output and tools'
 * folders. */
static void
collect_folders (const char *top,
                 const char *relative,
                 guint       depth,
                 GPtrArray  *folders)
{
  g_autofree char *path = g_build_filename (top, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_ptr_array_add (folders, g_strdup (relative));
  if (dir == NULL || depth == 0)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] == '.' || g_str_equal (name, "_site") || g_str_equal (name, "node_modules") ||
          g_str_equal (name, "vendor") || g_file_test (child, G_FILE_TEST_IS_SYMLINK) ||
          !g_file_test (child, G_FILE_TEST_IS_DIR))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) compare_names);

  for (guint i = 0; i < names->len && folders->len < 2000; i++)
    {
      g_autofree char *child = relative[0] != '\0'
                               ? g_strconcat (relative, "/", g_ptr_array_index (names, i), NULL)
                               : g_strdup (g_ptr_array_index (names, i));

      collect_folders (top, child, depth - 1, folders);
    }
}

/* The path a value names: where it is a file or folder of the site. */
static AushangBlockPath *
resolve_path (const char *top,
              GPtrArray  *folders,
              const char *value)
{
  g_autofree char *clean = g_strdup (value);
  gboolean absolute = clean[0] == '/';
  const char *rel = clean;
  gsize len = strlen (clean);

  while (len > 1 && clean[len - 1] == '/')
    clean[--len] = '\0';
  while (*rel == '/')
    rel++;
  if (*rel == '\0')
    return NULL;

  for (guint i = 0; i < folders->len; i++)
    {
      const char *base = g_ptr_array_index (folders, i);
      g_autofree char *path = NULL;
      AushangBlockPath *found;

      /* A value from "/" starts at the site's top. */
      if (absolute && base[0] != '\0')
        break;

      path = g_build_filename (top, base, rel, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      found = g_new0 (AushangBlockPath, 1);
      found->kind = g_file_test (path, G_FILE_TEST_IS_DIR) ? AUSHANG_BLOCK_VALUE_FOLDER
                                                           : AUSHANG_BLOCK_VALUE_FILE;
      found->base = g_strdup (base);
      found->absolute = absolute;
      found->example = g_strdup (rel);

      return found;
    }

  return NULL;
}

static void
learn_paths (AushangSite  *self,
             AushangBlock *block,
             GPtrArray    *param_sets,
             GPtrArray   **folders)
{
  g_autofree char *top = g_file_get_path (self->folder);

  for (guint p = 0; param_sets != NULL && top != NULL && p < block->params->len; p++)
    {
      const char *param = g_ptr_array_index (block->params, p);

      for (guint u = 0; u < param_sets->len; u++)
        {
          const char *value = g_hash_table_lookup (g_ptr_array_index (param_sets, u), param);
          AushangBlockPath *path;

          if (!looks_like_path (value))
            continue;

          if (*folders == NULL)
            {
              *folders = g_ptr_array_new_with_free_func (g_free);
              collect_folders (top, "", 3, *folders);
            }

          if ((path = resolve_path (top, *folders, value)) != NULL)
            {
              if (block->paths == NULL)
                block->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, block_path_free);
              g_hash_table_insert (block->paths, g_strdup (param), path);
              break;
            }
        }
    }
}

const AushangBlockPath *
aushang_block_get_path (AushangBlock *block,
                        const char   *param)
{
  g_return_val_if_fail (block != NULL, NULL);

  if (block->paths == NULL || param == NULL)
    return NULL;

  return g_hash_table_lookup (block->paths, param);
}

static void
collect_choices (const char *top,
                 const char *relative,
                 gboolean    folders,
                 guint       depth,
                 GPtrArray  *choices)
{
  g_autofree char *path = g_build_filename (top, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL && choices->len < 5000)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *child_relative = NULL;
      gboolean is_dir;

      if (name[0] == '.' || g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      is_dir = g_file_test (child, G_FILE_TEST_IS_DIR);
      child_relative = relative[0] != '\0' ? g_strconcat (relative, "/", name, NULL) : g_strdup (name);

      if (is_dir == folders)
        g_ptr_array_add (choices, g_strdup (child_relative));
      if (is_dir && depth > 0)
        collect_choices (top, child_relative, folders, depth - 1, choices);
    }
}

GPtrArray *
aushang_site_dup_path_choices (AushangSite            *self,
                               const AushangBlockPath *path)
{
  g_autofree char *top = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_free);
  gsize base_len;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), choices);
  g_return_val_if_fail (path != NULL, choices);

  if ((top = g_file_get_path (self->folder)) == NULL)
    return choices;

  /* Files: under the top folder of where the example lives. */
  if (path->kind == AUSHANG_BLOCK_VALUE_FILE && path->example != NULL && strchr (path->example, '/') != NULL)
    {
      g_autofree char *first = g_strndup (path->example, strchr (path->example, '/') - path->example);

      from = path->base[0] != '\0' ? g_strconcat (path->base, "/", first, NULL) : g_strdup (first);
    }
  else
    from = g_strdup (path->base);

  collect_choices (top, from, path->kind == AUSHANG_BLOCK_VALUE_FOLDER, 5, found);

  /* As documents write them: from the base, with "/" when they do. */
  base_len = strlen (path->base);
  for (guint i = 0; i < found->len; i++)
    {
      const char *value = g_ptr_array_index (found, i);

      if (base_len > 0)
        value += base_len + 1;
      g_ptr_array_add (choices, g_strconcat (path->absolute ? "/" : "", value, NULL));
    }
  g_ptr_array_sort (choices, compare_names);

  return choices;
}

/* ------------------------------------------------------------------------ */
/* Headings                                                                 */

static guint
atx_level (const char *line)
{
  guint level = 0;

  while (line[level] == '#')
    level++;
  if (level == 0 || level > 6)
    return 0;

  return line[level] == ' ' || line[level] == '\t' || line[level] == '\0' ? level : 0;
}

static guint
html_level (const char *line)
{
  if ((line[0] == '<') && (line[1] == 'h' || line[1] == 'H') &&
      line[2] >= '1' && line[2] <= '6' && (line[3] == '>' || line[3] == ' '))
    return line[2] - '0';

  return 0;
}

guint
aushang_body_first_heading_level (const char *body)
{
  g_auto(GStrv) lines = NULL;
  const char *fence = NULL;
  gboolean paragraph = FALSE;

  if (body == NULL)
    return 0;

  lines = g_strsplit (body, "\n", 2000);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      guint indent = 0;
      guint level;

      g_strchomp (line);
      while (line[indent] == ' ' && indent < 4)
        indent++;

      if (fence != NULL)
        {
          if (indent < 4 && g_str_has_prefix (line + indent, fence))
            fence = NULL;
          continue;
        }
      if (indent < 4 && (g_str_has_prefix (line + indent, "```") ||
                         g_str_has_prefix (line + indent, "~~~")))
        {
          fence = line[indent] == '`' ? "```" : "~~~";
          paragraph = FALSE;
          continue;
        }
      if (line[indent] == '\0')
        {
          paragraph = FALSE;
          continue;
        }
      if (indent >= 4 && !paragraph)
        continue;

      if ((level = atx_level (line + indent)) != 0 || (level = html_level (line + indent)) != 0)
        return level;

      /* Setext: a paragraph line underlined with = or -. */
      if (paragraph && indent < 4 &&
          (line[indent] == '=' || line[indent] == '-') &&
          strspn (line + indent, line[indent] == '=' ? "=" : "-") == strlen (line + indent))
        return line[indent] == '=' ? 1 : 2;

      paragraph = line[indent] != '{' && line[indent] != '<' && line[indent] != '|';
    }

  return 0;
}

static guint
most_common_level (AushangSite       *self,
                   AushangCollection *collection)
{
  guint counts[7] = { 0 };
  guint best = 0;

  for (guint i = 0; i < self->all_documents->len; i++)
    {
      AushangSiteDocument *document = g_ptr_array_index (self->all_documents, i);

      if ((collection == NULL || document->collection == collection) &&
          document->heading_level >= 1 && document->heading_level <= 6)
        counts[document->heading_level]++;
    }

  /* On a tie the smaller level (fewer #) wins. */
  for (guint level = 1; level <= 6; level++)
    if (counts[level] > counts[best])
      best = level;

  return best;
}

guint
aushang_site_get_section_level (AushangSite       *self,
                                AushangCollection *collection)
{
  guint level = 0;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), 2);

  aushang_site_ensure_index (self);

  if (collection != NULL)
    level = most_common_level (self, collection);
  if (level == 0)
    level = most_common_level (self, NULL);

  return level != 0 ? level : 2;
}


/* What an include's comment says of a parameter: 1 when it marks it
 * required ("(Pflicht)", "required", "erforderlich"), -1 when optional
 * ("(optional)", "nicht erforderlich", "Standard: …"), 0 when it says
 * neither. */
static int
marker_in_text (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  const char *optional[] = { "optional", "nicht erforderlich", "not required",
                             "keine pflicht", "nicht pflicht", "nicht notwendig",
                             "not mandatory", "freiwillig",
                             "standard:", "default:", "defaults to", "standardwert",
                             "voreingestellt", NULL };
  const char *required[] = { "pflicht", "required", "erforderlich", "mandatory",
                             "notwendig", NULL };

  for (guint i = 0; optional[i] != NULL; i++)
    if (strstr (lower, optional[i]) != NULL)
      return -1;
  for (guint i = 0; required[i] != NULL; i++)
    if (strstr (lower, required[i]) != NULL)
      return 1;

  return 0;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* The length of @param when @p starts with it as a whole word (also as
 * "include.param"), else 0. */
static gsize
starts_with_param (const char *p,
                   const char *param)
{
  gsize skip = g_str_has_prefix (p, "include.") ? strlen ("include.") : 0;
  gsize length = strlen (param);

  if (strncmp (p + skip, param, length) != 0)
    return 0;
  /* "event-id" is not "event", but "event - Kurzname" is. */
  if (is_name_char (p[skip + length]) &&
      !(p[skip + length] == '-' && !is_name_char (p[skip + length + 1])))
    return 0;

  return skip + length;
}

static const char *
skip_bullet (const char *line)
{
  while (*line == ' ' || *line == '\t' || *line == '-' || *line == '*')
    line++;
  if (g_str_has_prefix (line, "\u2022"))
    line += strlen ("\u2022");
  while (*line == ' ' || *line == '\t')
    line++;

  return line;
}

static gboolean
starts_with_any_param (const char *p,
                       GPtrArray  *params)
{
  for (guint i = 0; i < params->len; i++)
    if (starts_with_param (p, g_ptr_array_index (params, i)) != 0)
      return TRUE;

  return FALSE;
}

/* What the comment at the top of the include says of @param (see
 * marker_in_text): its own line ("id – … (Pflicht)", with the lines that
 * continue it), else the heading of the list it stands in ("Optional
 * Parameters:"), else a mention in a list ("event (Pflicht), items"). */
static int
param_marker (const char *description,
              GPtrArray  *params,
              const char *param)
{
  g_auto(GStrv) lines = NULL;
  int section = 0;
  int inline_marker = 0;

  if (description == NULL)
    return 0;

  lines = g_strsplit (description, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *p = skip_bullet (line);
      gsize length;

      if (*p == '\0')
        continue;

      if ((length = starts_with_param (p, param)) != 0)
        {
          g_autoptr(GString) clause = g_string_new (p + length);
          gsize indent = strspn (line, " \t");
          int marker;
          guint j;

          /* The lines that go on with its description. */
          for (j = i + 1; lines[j] != NULL; j++)
            {
              const char *next = skip_bullet (lines[j]);

              if (*next == '\0' || strspn (lines[j], " \t") <= indent ||
                  starts_with_any_param (next, params))
                break;
              g_string_append_c (clause, ' ');
              g_string_append (clause, next);
            }
          i = j - 1;
          if ((marker = marker_in_text (clause->str)) != 0)
            return marker;
          if (section != 0)
            return section;
          continue;
        }

      /* A heading: "Optional Parameters:", "Parameter (Pflicht):". */
      if (g_str_has_suffix (p, ":") && !starts_with_any_param (p, params))
        {
          section = marker_in_text (p);
          continue;
        }

      /* A mention in a list: "Anmeldung: event (Pflicht), items". */
      for (const char *at = strstr (p, param); at != NULL && inline_marker == 0; at = strstr (at + 1, param))
        {
          g_autofree char *clause = NULL;
          gsize end;

          if (at > p && (is_name_char (at[-1]) || at[-1] == '.'))
            continue;
          if ((length = starts_with_param (at, param)) == 0)
            continue;
          end = strcspn (at + length, ",;");
          clause = g_strndup (at + length, end);
          inline_marker = marker_in_text (clause);
        }
    }

  return inline_marker;
}

void
aushang_site_index_blocks (AushangSite *self,
                           GHashTable  *uses)
{
  static GRegex *param_regex;
  static GRegex *default_regex;
  static gsize initialized;
  g_autoptr(GFile) includes = g_file_get_child (self->folder, "_includes");
  g_autofree char *includes_path = g_file_get_path (includes);
  g_autoptr(GDir) dir = includes_path ? g_dir_open (includes_path, 0, NULL) : NULL;
  g_autoptr(GPtrArray) folders = NULL;
  const char *name;

  if (g_once_init_enter (&initialized))
    {
      param_regex = g_regex_new ("\\binclude\\.([A-Za-z_][A-Za-z0-9_-]*)", 0, 0, NULL);
      default_regex = g_regex_new ("\\binclude\\.([A-Za-z_][A-Za-z0-9_-]*)\\s*\\|\\s*default\\s*:",
                                   0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  self->blocks = g_ptr_array_new_with_free_func (block_free);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (includes_path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) info = NULL;
      g_autoptr(GHashTable) defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      AushangBlock *block;
      GPtrArray *param_sets;
      gsize length = 0;

      if (name[0] == '.' ||
          !aushang_safe_file_read (path, MAX_CONFIG_SIZE, &contents, &length, NULL, NULL) ||
          !g_utf8_validate_len (contents, length, NULL))
        continue;

      block = g_new0 (AushangBlock, 1);
      block->name = g_strdup (name);
      block->file = g_file_new_for_path (path);
      block->params = g_ptr_array_new_with_free_func (g_free);
      block->required = g_ptr_array_new_with_free_func (g_free);
      block->description = first_comment (contents);
      block->summary = aushang_block_summary_from_comment (block->description);
      if (block->summary == NULL)
        block->summary = aushang_site_readable_name (name);

      g_regex_match (param_regex, contents, 0, &info);
      while (g_match_info_matches (info))
        {
          g_autofree char *param = g_match_info_fetch (info, 1);

          if (!g_ptr_array_find_with_equal_func (block->params, param, g_str_equal, NULL))
            g_ptr_array_add (block->params, g_steal_pointer (&param));
          g_match_info_next (info, NULL);
        }

      g_clear_pointer (&info, g_match_info_unref);
      g_regex_match (default_regex, contents, 0, &info);
      while (g_match_info_matches (info))
        {
          g_hash_table_add (defaults, g_match_info_fetch (info, 1));
          g_match_info_next (info, NULL);
        }

      /* Required: what the include's comment says, else optional when
       * it has a default ("include.title | default: …"), else required
       * when every use in the site passes it. */
      param_sets = g_hash_table_lookup (uses, name);
      block->uses = param_sets ? param_sets->len : 0;
      for (guint p = 0; p < block->params->len; p++)
        {
          const char *param = g_ptr_array_index (block->params, p);
          int marker = param_marker (block->description, block->params, param);
          gboolean always = param_sets != NULL;

          if (marker == 0 && g_hash_table_contains (defaults, param))
            marker = -1;
          for (guint u = 0; marker == 0 && param_sets != NULL && u < param_sets->len && always; u++)
            always = g_hash_table_contains (g_ptr_array_index (param_sets, u), param);
          if (marker > 0 || (marker == 0 && always))
            g_ptr_array_add (block->required, g_strdup (param));
        }
      learn_paths (self, block, param_sets, &folders);

      g_ptr_array_add (self->blocks, block);
    }

  g_ptr_array_sort (self->blocks, compare_blocks);
}

GPtrArray *
aushang_site_get_blocks (AushangSite *self)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  aushang_site_ensure_index (self);

  return self->blocks;
}

AushangBlock *
aushang_site_find_block (AushangSite *self,
                         const char  *name)
{
  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  aushang_site_ensure_index (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (self->blocks, i);

      if (g_strcmp0 (block->name, name) == 0)
        return block;
    }

  return NULL;
}

GPtrArray *
aushang_site_dup_blocks_by_use (AushangSite  *self,
                                GPtrArray   **more)
{
  GPtrArray *used = g_ptr_array_new ();

  g_return_val_if_fail (AUSHANG_IS_SITE (self), used);

  aushang_site_ensure_index (self);

  if (more != NULL)
    *more = g_ptr_array_new ();

  /* self->blocks is by name, so "more" stays by name. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (self->blocks, i);

      if (block->uses > 0)
        g_ptr_array_add (used, block);
      else if (more != NULL)
        g_ptr_array_add (*more, block);
    }
  g_ptr_array_sort (used, compare_blocks_by_use);

  return used;
}

AushangBlock *
aushang_site_find_registration_block (AushangSite *self)
{
  static const char *words[] = { "anmeld", "registr", "pretix", "ticket", "signup", "rsvp" };
  AushangBlock *with_event = NULL;

  g_return_val_if_fail (AUSHANG_IS_SITE (self), NULL);

  aushang_site_ensure_index (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (self->blocks, i);
      g_autofree char *lower = g_ascii_strdown (block->name, -1);

      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        if (strstr (lower, words[w]) != NULL)
          return block;

      if (with_event == NULL &&
          g_ptr_array_find_with_equal_func (block->params, "event", g_str_equal, NULL))
        with_event = block;
    }

  return with_event;
}
