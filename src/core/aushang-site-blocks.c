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
  g_free (block);
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
      gpointer key;
      GPtrArray *names;

      if (tag->is_output || g_strcmp0 (tag->name, "include") != 0 || tag->argument == NULL)
        continue;

      g_ptr_array_add (document->blocks, g_strdup (tag->argument));

      /* Remember which parameters each use passes. */
      param_sets = g_hash_table_lookup (uses, tag->argument);
      if (param_sets == NULL)
        {
          param_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          g_hash_table_insert (uses, g_strdup (tag->argument), param_sets);
        }

      names = g_ptr_array_new_with_free_func (g_free);
      if (tag->params != NULL)
        {
          g_hash_table_iter_init (&iter, tag->params);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_ptr_array_add (names, g_strdup (key));
        }
      g_ptr_array_add (param_sets, names);
    }
}

static char *
first_comment (const char *contents)
{
  const char *start = strstr (contents, "{% comment %}");
  const char *end;

  if (start != NULL)
    {
      start += strlen ("{% comment %}");
      end = strstr (start, "{% endcomment %}");
    }
  else if ((start = strstr (contents, "<!--")) != NULL)
    {
      start += 4;
      end = strstr (start, "-->");
    }
  else
    return NULL;

  if (end == NULL || end - start > 2000)
    return NULL;

  return g_strstrip (g_strndup (start, end - start));
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 ((*(AushangBlock **) a)->name, (*(AushangBlock **) b)->name);
}

void
aushang_site_index_blocks (AushangSite *self,
                           GHashTable  *uses)
{
  static GRegex *param_regex;
  static gsize initialized;
  g_autoptr(GFile) includes = g_file_get_child (self->folder, "_includes");
  g_autofree char *includes_path = g_file_get_path (includes);
  g_autoptr(GDir) dir = includes_path ? g_dir_open (includes_path, 0, NULL) : NULL;
  const char *name;

  if (g_once_init_enter (&initialized))
    {
      param_regex = g_regex_new ("\\binclude\\.([A-Za-z_][A-Za-z0-9_-]*)", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  self->blocks = g_ptr_array_new_with_free_func (block_free);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (includes_path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) info = NULL;
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

      g_regex_match (param_regex, contents, 0, &info);
      while (g_match_info_matches (info))
        {
          g_autofree char *param = g_match_info_fetch (info, 1);

          if (!g_ptr_array_find_with_equal_func (block->params, param, g_str_equal, NULL))
            g_ptr_array_add (block->params, g_steal_pointer (&param));
          g_match_info_next (info, NULL);
        }

      /* A parameter every use passes looks required. */
      param_sets = g_hash_table_lookup (uses, name);
      block->uses = param_sets ? param_sets->len : 0;
      for (guint p = 0; param_sets != NULL && p < block->params->len; p++)
        {
          const char *param = g_ptr_array_index (block->params, p);
          gboolean always = TRUE;

          for (guint u = 0; u < param_sets->len && always; u++)
            always = g_ptr_array_find_with_equal_func (g_ptr_array_index (param_sets, u),
                                                       param, g_str_equal, NULL);
          if (always)
            g_ptr_array_add (block->required, g_strdup (param));
        }

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
