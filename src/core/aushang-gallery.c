/* aushang-gallery.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-gallery"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "aushang-gallery.h"
#include "aushang-markdown.h"
#include "aushang-photo.h"
#include "aushang-safe-file.h"
#include "aushang-value.h"

/* A gallery from a folder of photos: the site's gallery block learned
 * from its include and from how documents use it, the photos' folder and
 * names learned from the pictures the site already has. */

#define MAX_INCLUDE_SIZE (1024 * 1024)
#define MAX_USES_READ 200
#define MAX_NUMBER 99999

void
aushang_gallery_block_free (AushangGalleryBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->block);
  g_free (block->folder_param);
  g_free (block->images_param);
  g_free (block->folder_base);
  g_free (block->separator);
  g_free (block->caption_separator);
  g_free (block);
}

static gboolean
contains_any (const char         *name,
              const char * const *words)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
is_folder_param (const char *name)
{
  static const char * const words[] = { "folder", "path", "dir", "ordner", "verzeichnis", "album", NULL };

  return contains_any (name, words);
}

static gboolean
is_images_param (const char *name)
{
  static const char * const words[] = { "image", "bild", "photo", "foto", "picture", "pics", "files", "dateien", NULL };

  return contains_any (name, words);
}

/* The Liquid variables the include assigns from a parameter
 * ("{% assign ordner = include.folder | default: … %}"), and the
 * parameter itself. */
static GPtrArray *
names_for_param (const char *contents,
                 const char *param)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *escaped = g_regex_escape_string (param, -1);
  g_autofree char *pattern = g_strdup_printf ("assign\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*include\\.%s\\b", escaped);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (names, g_strconcat ("include.", param, NULL));
  regex = g_regex_new (pattern, 0, 0, NULL);
  g_regex_match (regex, contents, 0, &info);
  while (g_match_info_matches (info))
    {
      g_ptr_array_add (names, g_match_info_fetch (info, 1));
      g_match_info_next (info, NULL);
    }

  return names;
}

/* The split: separator of the first Liquid statement that names one of
 * @names, or NULL. */
static char *
split_for (const char *contents,
           GPtrArray  *names)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\{%-?([^%]*?)\\|\\s*split\\s*:\\s*([\"'])(.+?)\\2", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (regex, contents, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *statement = g_match_info_fetch (info, 1);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *pattern = g_strdup_printf ("(^|[^A-Za-z0-9_.])%s\\b", (char *) g_ptr_array_index (names, i));

          if (g_regex_match_simple (pattern, statement, 0, 0))
            return g_match_info_fetch (info, 3);
        }
      g_match_info_next (info, NULL);
    }

  return NULL;
}

/* Every split: separator the include uses. */
static GPtrArray *
all_splits (const char *contents)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\|\\s*split\\s*:\\s*([\"'])(.+?)\\1", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  GPtrArray *splits = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, contents, 0, &info);
  while (g_match_info_matches (info))
    {
      g_ptr_array_add (splits, g_match_info_fetch (info, 2));
      g_match_info_next (info, NULL);
    }

  return splits;
}

/* The site path written right before the folder is put into a path:
 * "/assets/images/{{ ordner }}/…" gives "/assets/images". */
static char *
folder_base_for (const char *contents,
                 GPtrArray  *names)
{
  g_autoptr(GRegex) regex = g_regex_new ("([A-Za-z0-9_./-]*/)\\{\\{-?\\s*([A-Za-z0-9_.]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (regex, contents, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *variable = g_match_info_fetch (info, 2);

      if (g_ptr_array_find_with_equal_func (names, variable, g_str_equal, NULL))
        {
          g_autofree char *prefix = g_match_info_fetch (info, 1);
          gsize length = strlen (prefix);

          while (length > 0 && prefix[length - 1] == '/')
            prefix[--length] = '\0';
          if (prefix[0] != '/' && prefix[0] != '\0')
            {
              char *absolute = g_strconcat ("/", prefix, NULL);

              return absolute;
            }
          return g_steal_pointer (&prefix);
        }
      g_match_info_next (info, NULL);
    }

  return g_strdup ("");
}

/* What @block is as a gallery, or NULL when it is none. */
static AushangGalleryBlock *
learn_block (AushangBlock *block)
{
  g_autofree char *path = g_file_get_path (block->file);
  g_autofree char *contents = NULL;
  const char *folder = NULL, *images = NULL;
  static const char * const gallery_words[] = { "galer", "gallery", "album", "slideshow", "carousel", NULL };
  gboolean named_gallery = contains_any (block->name, gallery_words);
  g_autoptr(AushangGalleryBlock) gallery = NULL;
  g_autoptr(GPtrArray) folder_names = NULL;

  if (path == NULL || !aushang_safe_file_read (path, MAX_INCLUDE_SIZE, &contents, NULL, NULL, NULL))
    return NULL;

  for (guint i = 0; i < block->params->len; i++)
    {
      const char *param = g_ptr_array_index (block->params, i);

      if (folder == NULL && is_folder_param (param))
        folder = param;
      else if (images == NULL && is_images_param (param))
        images = param;
    }
  if (folder == NULL)
    return NULL;

  gallery = g_new0 (AushangGalleryBlock, 1);
  gallery->block = g_strdup (block->name);
  gallery->folder_param = g_strdup (folder);
  folder_names = names_for_param (contents, folder);

  if (images != NULL)
    {
      g_autoptr(GPtrArray) image_names = names_for_param (contents, images);
      g_autoptr(GPtrArray) splits = all_splits (contents);
      g_autofree char *separator = split_for (contents, image_names);

      /* A list of images is one the include splits up, or one of a block
       * that calls itself a gallery. */
      if (separator == NULL && !named_gallery)
        return NULL;
      gallery->shape = AUSHANG_GALLERY_LIST;
      gallery->images_param = g_strdup (images);
      gallery->separator = separator ? g_steal_pointer (&separator) : g_strdup (",");
      /* Another split: a caption behind each file ("a.jpg|Text"). */
      for (guint i = 0; i < splits->len; i++)
        if (!g_str_equal (g_ptr_array_index (splits, i), gallery->separator))
          {
            gallery->caption_separator = g_strdup (g_ptr_array_index (splits, i));
            break;
          }
      gallery->folder_base = folder_base_for (contents, folder_names);
    }
  else if (strstr (contents, "static_files") != NULL)
    {
      /* The block finds the pictures below the path itself. */
      gallery->shape = AUSHANG_GALLERY_PATH;
      gallery->separator = g_strdup (",");
      gallery->folder_base = folder_base_for (contents, folder_names);
    }
  else
    return NULL;

  return g_steal_pointer (&gallery);
}

AushangGalleryBlock *
aushang_gallery_find_block (AushangSite *site)
{
  static const char * const gallery_words[] = { "galer", "gallery", "album", NULL };
  GPtrArray *blocks;
  AushangGalleryBlock *best = NULL;
  guint best_score = 0;

  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);

  blocks = aushang_site_get_blocks (site);
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      AushangBlock *block = g_ptr_array_index (blocks, i);
      AushangGalleryBlock *gallery = learn_block (block);
      guint score;

      if (gallery == NULL)
        continue;

      /* The one documents use most; a name saying "gallery" and a list
       * of images count too. */
      score = 1 + block->uses * 4 + (contains_any (block->name, gallery_words) ? 2 : 0) +
              (gallery->shape == AUSHANG_GALLERY_LIST ? 1 : 0);
      if (score > best_score)
        {
          aushang_gallery_block_free (best);
          best = gallery;
          best_score = score;
        }
      else
        aushang_gallery_block_free (gallery);
    }

  return best;
}

/* ----------------------------------------------------------------------- */

struct _AushangGalleryPlan
{
  GFile     *site_folder;
  char      *folder;         /* site path */
  char      *slug;
  char      *name_separator; /* "_" */
  guint      digits;         /* 5 */
  char      *extension;      /* ".jpeg" */
  int        max_width;
  gboolean   multiline;      /* the site writes the block over several lines */
  GPtrArray *sources;        /* GFile* */
  GPtrArray *captions;       /* char*, NULL for none */
  GPtrArray *written;        /* char*: site paths, NULL where the photo failed */
  GPtrArray *written_names;  /* char*: file names, NULL where the photo failed */
  GPtrArray *failures;       /* char* */
};

void
aushang_gallery_plan_free (AushangGalleryPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_object (&plan->site_folder);
  g_free (plan->folder);
  g_free (plan->slug);
  g_free (plan->name_separator);
  g_free (plan->extension);
  g_clear_pointer (&plan->sources, g_ptr_array_unref);
  g_clear_pointer (&plan->captions, g_ptr_array_unref);
  g_clear_pointer (&plan->written, g_ptr_array_unref);
  g_clear_pointer (&plan->written_names, g_ptr_array_unref);
  g_clear_pointer (&plan->failures, g_ptr_array_unref);
  g_free (plan);
}

/* A numbered picture name: "sommerfest_00001.jpeg" gives prefix
 * "sommerfest", separator "_", 5 digits and ".jpeg". */
static gboolean
parse_numbered (const char  *name,
                char       **prefix,
                char       **separator,
                guint       *digits,
                char       **extension)
{
  static GRegex *regex;
  static gsize initialized;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *number = NULL;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("^(.*?[^0-9_-])([_-]?)([0-9]{2,6})(\\.(?:jpe?g|png|webp))$", G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  if (!g_regex_match (regex, name, 0, &info))
    return FALSE;

  *prefix = g_match_info_fetch (info, 1);
  *separator = g_match_info_fetch (info, 2);
  number = g_match_info_fetch (info, 3);
  *digits = strlen (number);
  *extension = g_match_info_fetch (info, 4);

  return TRUE;
}

static void
count (GHashTable *table,
       const char *key)
{
  g_hash_table_insert (table, g_strdup (key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

/* The key counted most (on a tie the smaller one), or NULL. */
static const char *
most_counted (GHashTable *table)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  guint best_count = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best_count ||
        (GPOINTER_TO_UINT (value) == best_count && strcmp (key, best) < 0))
      {
        best = key;
        best_count = GPOINTER_TO_UINT (value);
      }

  return best;
}

static char *
site_path_parent (const char *site_path)
{
  const char *slash = strrchr (site_path, '/');

  if (slash == NULL)
    return g_strdup ("");

  return g_strndup (site_path, slash - site_path);
}

static gboolean
is_below (const char *path,
          const char *base)
{
  gsize length = strlen (base);

  return base[0] == '\0' ||
         (g_str_has_prefix (path, base) && (path[length] == '\0' || path[length] == '/'));
}

/* What the documents that use the gallery block pass it: the folders'
 * parents (folder="galerie/x" → "galerie") and the pictures' names. */
static void
learn_from_uses (AushangSite               *site,
                 const AushangGalleryBlock *block,
                 GHashTable                *parents,
                 GHashTable                *patterns,
                 guint                     *multiline,
                 guint                     *single_line)
{
  GPtrArray *collections = aushang_site_get_collections (site);
  guint read = 0;

  for (guint c = 0; collections != NULL && c < collections->len; c++)
    {
      GPtrArray *documents = aushang_site_get_documents (site, g_ptr_array_index (collections, c));

      for (guint i = 0; documents != NULL && i < documents->len && read < MAX_USES_READ; i++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, i);
          g_autofree char *path = NULL;
          g_autofree char *contents = NULL;
          g_autoptr(GPtrArray) tags = NULL;

          if (document->blocks == NULL ||
              !g_ptr_array_find_with_equal_func (document->blocks, block->block, g_str_equal, NULL))
            continue;

          read++;
          path = g_file_get_path (document->file);
          if (path == NULL || !aushang_safe_file_read (path, MAX_INCLUDE_SIZE * 4, &contents, NULL, NULL, NULL))
            continue;

          tags = aushang_markdown_find_liquid_tags (contents);
          for (guint t = 0; t < tags->len; t++)
            {
              AushangLiquidTag *tag = g_ptr_array_index (tags, t);
              const char *folder, *images;

              if (tag->is_output || g_strcmp0 (tag->name, "include") != 0 ||
                  g_strcmp0 (tag->argument, block->block) != 0 || tag->params == NULL)
                continue;

              if (strchr (tag->source, '\n') != NULL)
                (*multiline)++;
              else
                (*single_line)++;

              folder = g_hash_table_lookup (tag->params, block->folder_param);
              /* gallery_path=page.gallery_path: the document's front matter
               * says it. */
              if (folder != NULL && g_str_has_prefix (folder, "page.") && document->data != NULL &&
                  aushang_value_get_kind (document->data) == AUSHANG_VALUE_MAP)
                {
                  AushangValue *value = aushang_value_lookup (document->data, folder + strlen ("page."));

                  folder = value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING
                           ? aushang_value_get_string (value) : NULL;
                }
              /* Only values written out, not variables (page.gallery_path) or
               * addresses of other servers. */
              if (folder != NULL && strstr (folder, "{{") == NULL && strstr (folder, "://") == NULL &&
                  !g_str_has_prefix (folder, "page.") && !g_str_has_prefix (folder, "include."))
                {
                  g_autofree char *trimmed = g_strdup (folder);
                  g_autofree char *parent = NULL;
                  gsize length = strlen (trimmed);

                  while (length > 0 && trimmed[length - 1] == '/')
                    trimmed[--length] = '\0';
                  parent = site_path_parent (trimmed);
                  count (parents, parent);
                }

              images = block->images_param ? g_hash_table_lookup (tag->params, block->images_param) : NULL;
              if (images != NULL)
                {
                  g_auto(GStrv) items = g_strsplit (images, block->separator, -1);

                  for (guint n = 0; items[n] != NULL; n++)
                    {
                      g_autofree char *name = NULL;
                      g_autofree char *prefix = NULL, *separator = NULL, *extension = NULL;
                      guint digits;

                      if (block->caption_separator != NULL && strstr (items[n], block->caption_separator) != NULL)
                        name = g_strndup (items[n], strstr (items[n], block->caption_separator) - items[n]);
                      else
                        name = g_strdup (items[n]);
                      g_strstrip (name);
                      if (parse_numbered (name, &prefix, &separator, &digits, &extension))
                        {
                          g_autofree char *key = g_strdup_printf ("%s\n%u\n%s", separator, digits, extension);

                          count (patterns, key);
                        }
                    }
                }
            }
        }
    }
}

AushangGalleryPlan *
aushang_gallery_plan_new (AushangSite               *site,
                          const AushangGalleryBlock *block,
                          GFile                     *document_file,
                          GPtrArray                 *sources)
{
  AushangGalleryPlan *plan;
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) numbered_parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *images;
  const char *pattern, *parent;
  g_autofree char *gallery_parent = NULL;
  guint multiline = 0, single_line = 0;
  const char *base = block != NULL ? block->folder_base : "";

  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);
  g_return_val_if_fail (sources != NULL, NULL);

  plan = g_new0 (AushangGalleryPlan, 1);
  plan->site_folder = g_object_ref (aushang_site_get_folder (site));
  /* A document not saved yet has no name to go by. */
  plan->slug = document_file != NULL ? aushang_photo_dup_slug (document_file) : g_strdup ("galerie");
  plan->sources = g_ptr_array_new_with_free_func (g_object_unref);
  plan->captions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sources->len; i++)
    {
      g_ptr_array_add (plan->sources, g_object_ref (g_ptr_array_index (sources, i)));
      g_ptr_array_add (plan->captions, NULL);
    }
  plan->written = g_ptr_array_new_with_free_func (g_free);
  plan->written_names = g_ptr_array_new_with_free_func (g_free);
  plan->failures = g_ptr_array_new_with_free_func (g_free);
  plan->max_width = aushang_photo_get_max_width (site);

  if (block != NULL)
    learn_from_uses (site, block, parents, patterns, &multiline, &single_line);
  plan->multiline = multiline > single_line;

  /* The site's pictures named like "sommerfest/sommerfest_00001.jpeg":
   * their pattern, and the folder such folders are in. */
  images = aushang_site_get_images (site);
  for (guint i = 0; images != NULL && i < images->len; i++)
    {
      const char *image = g_ptr_array_index (images, i);
      g_autofree char *folder = site_path_parent (image);
      g_autofree char *folder_name = g_path_get_basename (folder);
      g_autofree char *prefix = NULL, *separator = NULL, *extension = NULL;
      guint digits;

      if (!parse_numbered (strrchr (image, '/') + 1, &prefix, &separator, &digits, &extension))
        continue;

      {
        g_autofree char *key = g_strdup_printf ("%s\n%u\n%s", separator, digits, extension);

        count (patterns, key);
      }
      if (g_ascii_strcasecmp (prefix, folder_name) == 0)
        {
          g_autofree char *grandparent = site_path_parent (folder);

          count (numbered_parents, grandparent);
        }
    }

  pattern = most_counted (patterns);
  if (pattern != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (pattern, "\n", 3);

      plan->name_separator = g_strdup (parts[0]);
      plan->digits = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      plan->extension = g_ascii_strdown (parts[2], -1);
    }
  else
    {
      plan->name_separator = g_strdup ("_");
      plan->digits = 5;
      plan->extension = g_strdup (".jpeg");
    }

  /* The folder: where the site's galleries are, one folder each. */
  parent = most_counted (parents);
  if (parent != NULL)
    {
      if (base[0] != '\0')
        gallery_parent = parent[0] != '\0' ? g_strconcat (base, "/", parent, NULL) : g_strdup (base);
      else if (parent[0] == '/')
        gallery_parent = g_strdup (parent);
      else
        gallery_parent = parent[0] != '\0' ? g_strconcat ("/", parent, NULL) : g_strdup ("");
    }
  else if ((parent = most_counted (numbered_parents)) != NULL && is_below (parent, base))
    gallery_parent = g_strdup (parent);
  else
    {
      g_autofree char *folder = aushang_photo_dup_folder (site);

      gallery_parent = is_below (folder, base) ? g_steal_pointer (&folder) : g_strdup (base);
    }
  plan->folder = g_strconcat (gallery_parent, "/", plan->slug, NULL);

  return plan;
}

guint
aushang_gallery_plan_get_n_photos (AushangGalleryPlan *plan)
{
  return plan->sources->len;
}

GFile *
aushang_gallery_plan_get_source (AushangGalleryPlan *plan,
                                 guint               index)
{
  g_return_val_if_fail (index < plan->sources->len, NULL);

  return g_ptr_array_index (plan->sources, index);
}

const char *
aushang_gallery_plan_get_folder (AushangGalleryPlan *plan)
{
  return plan->folder;
}

int
aushang_gallery_plan_get_max_width (AushangGalleryPlan *plan)
{
  return plan->max_width;
}

void
aushang_gallery_plan_set_max_width (AushangGalleryPlan *plan,
                                    int                 max_width)
{
  plan->max_width = max_width;
}

void
aushang_gallery_plan_set_caption (AushangGalleryPlan *plan,
                                  guint               index,
                                  const char         *caption)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (index < plan->captions->len);

  stripped = g_strstrip (g_strdup (caption ? caption : ""));
  g_free (g_ptr_array_index (plan->captions, index));
  g_ptr_array_index (plan->captions, index) = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
}

static GFile *
plan_folder_file (AushangGalleryPlan *plan)
{
  return g_file_resolve_relative_path (plan->site_folder, plan->folder + strspn (plan->folder, "/"));
}

static char *
numbered_name (AushangGalleryPlan *plan,
               guint               number,
               gboolean            png)
{
  return g_strdup_printf ("%s%s%0*u%s", plan->slug, plan->name_separator, (int) plan->digits, number,
                          png ? ".png" : plan->extension);
}

/* Whether a picture of that number is there already, whatever its
 * extension (sommerfest_00001.jpeg beside sommerfest_00001.png would
 * confuse anyone). */
static gboolean
number_taken (AushangGalleryPlan *plan,
              GFile              *folder,
              guint               number)
{
  static const char * const extensions[] = { ".jpeg", ".jpg", ".png", ".JPG", ".JPEG", ".PNG", ".webp" };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s%0*u%s", plan->slug, plan->name_separator,
                                               (int) plan->digits, number, extensions[i]);
      g_autoptr(GFile) file = g_file_get_child (folder, name);

      /* A dangling symbolic link counts too. */
      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_UNKNOWN)
        return TRUE;
    }
  if (plan->extension != NULL)
    {
      g_autofree char *name = numbered_name (plan, number, FALSE);
      g_autoptr(GFile) file = g_file_get_child (folder, name);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_UNKNOWN)
        return TRUE;
    }

  return FALSE;
}

static gboolean
source_is_png (GFile *source)
{
  g_autofree char *name = g_file_get_basename (source);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".gif");
}

char *
aushang_gallery_plan_dup_name (AushangGalleryPlan *plan,
                               guint               index)
{
  g_autoptr(GFile) folder = plan_folder_file (plan);
  guint number = 0;

  g_return_val_if_fail (index < plan->sources->len, NULL);

  for (guint i = 0; i <= index; i++)
    {
      number++;
      while (number < MAX_NUMBER && number_taken (plan, folder, number))
        number++;
    }

  return numbered_name (plan, number, source_is_png (g_ptr_array_index (plan->sources, index)));
}

/* Writes @pixbuf under the next free number, whole or not at all: into a
 * hidden file beside it first, then linked to its name (link() never
 * replaces a file). */
static char *
write_photo (AushangGalleryPlan  *plan,
             GFile               *folder,
             GdkPixbuf           *pixbuf,
             gboolean             png,
             guint               *number,
             GError             **error)
{
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *temporary = g_build_filename (folder_path, ".aushang-photo-XXXXXX", NULL);
  int fd;

  fd = g_mkstemp (temporary);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s is a folder, then the system's reason. */
                   _("Could not write into %s: %s"), folder_path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  /* Written anew: gdk-pixbuf writes no metadata unless asked to. */
  if (png ? !gdk_pixbuf_save (pixbuf, temporary, "png", error, NULL)
          : !gdk_pixbuf_save (pixbuf, temporary, "jpeg", error, "quality", "85", NULL))
    {
      g_unlink (temporary);
      return NULL;
    }

  for (; *number <= MAX_NUMBER; (*number)++)
    {
      g_autofree char *name = NULL;
      g_autofree char *target = NULL;

      if (number_taken (plan, folder, *number))
        continue;
      name = numbered_name (plan, *number, png);
      target = g_build_filename (folder_path, name, NULL);
      if (link (temporary, target) == 0)
        {
          g_unlink (temporary);
          (*number)++;
          return g_steal_pointer (&name);
        }
      if (errno != EEXIST)
        {
          int saved = errno;

          g_unlink (temporary);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write into %s: %s"), folder_path, g_strerror (saved));
          return NULL;
        }
    }

  g_unlink (temporary);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("There are too many pictures of this name already."));
  return NULL;
}

/* Cancelled: the photos this run wrote go again (each was a new file;
 * nothing was replaced), and the folder when this run made it and it is
 * empty now. Cancel means that nothing happened. */
static void
undo_run (AushangGalleryPlan *plan,
          GFile              *folder,
          gboolean            made_folder)
{
  for (guint i = 0; i < plan->written_names->len; i++)
    {
      const char *name = g_ptr_array_index (plan->written_names, i);
      g_autoptr(GFile) file = name ? g_file_get_child (folder, name) : NULL;
      g_autoptr(GError) error = NULL;

      if (file != NULL && !g_file_delete (file, NULL, &error))
        g_debug ("Could not remove %s again: %s", name, error->message);
    }
  if (made_folder)
    g_file_delete (folder, NULL, NULL);

  g_ptr_array_set_size (plan->written, 0);
  g_ptr_array_set_size (plan->written_names, 0);
}

gboolean
aushang_gallery_plan_run (AushangGalleryPlan      *plan,
                          GCancellable            *cancellable,
                          AushangGalleryProgress   progress,
                          gpointer                 user_data,
                          GError                 **error)
{
  g_autoptr(GFile) folder = plan_folder_file (plan);
  gboolean folder_made = FALSE;
  gboolean folder_new = FALSE;  /* made by this run */
  guint number = 1;
  guint total = plan->sources->len;
  guint succeeded = 0;

  g_ptr_array_set_size (plan->written, 0);
  g_ptr_array_set_size (plan->written_names, 0);
  g_ptr_array_set_size (plan->failures, 0);

  for (guint i = 0; i < total; i++)
    {
      GFile *source = g_ptr_array_index (plan->sources, i);
      g_autofree char *source_name = g_file_get_basename (source);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autofree char *name = NULL;
      gboolean png = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          undo_run (plan, folder, folder_new);
          return FALSE;
        }

      pixbuf = aushang_photo_load (source, plan->max_width, &png, &local_error);
      if (pixbuf != NULL && !folder_made)
        {
          folder_new = g_file_make_directory_with_parents (folder, NULL, &local_error);
          if (!folder_new && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            g_clear_error (&local_error);
          folder_made = local_error == NULL;
        }
      if (pixbuf != NULL && local_error == NULL)
        name = write_photo (plan, folder, pixbuf, png, &number, &local_error);

      if (name != NULL)
        {
          g_ptr_array_add (plan->written, g_strconcat (plan->folder, "/", name, NULL));
          g_ptr_array_add (plan->written_names, g_steal_pointer (&name));
          succeeded++;
        }
      else
        {
          g_ptr_array_add (plan->written, NULL);
          g_ptr_array_add (plan->written_names, NULL);
          /* The loader's message names the file already; others get it. */
          if (strstr (local_error->message, source_name) != NULL)
            g_ptr_array_add (plan->failures, g_strdup (local_error->message));
          else
            /* Translators: a photo that could not be taken in; %s is its
             * file name, then the reason. */
            g_ptr_array_add (plan->failures, g_strdup_printf (_("“%s” was left out: %s"),
                                                              source_name, local_error->message));
        }

      if (progress != NULL)
        progress (i + 1, total, user_data);
    }

  if (succeeded == 0 && total > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           plan->failures->len == 1 ? g_ptr_array_index (plan->failures, 0)
                                                    : _("None of the photos could be taken in."));
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
aushang_gallery_plan_get_written (AushangGalleryPlan *plan)
{
  GPtrArray *written = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < plan->written->len; i++)
    if (g_ptr_array_index (plan->written, i) != NULL)
      g_ptr_array_add (written, g_strdup (g_ptr_array_index (plan->written, i)));

  return written;
}

GPtrArray *
aushang_gallery_plan_get_failures (AushangGalleryPlan *plan)
{
  return plan->failures;
}

/* A caption as the image list can carry it: on one line, without the
 * list's separators or quotes (a comma becomes the low single quote that
 * looks like one; quotes become typographic ones). */
static void
append_caption (GString                   *out,
                const AushangGalleryBlock *block,
                const char                *caption)
{
  for (const char *p = caption; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (*p == '"')
        g_string_append (out, "”");
      else if (g_str_has_prefix (p, block->separator))
        g_string_append (out, g_str_equal (block->separator, ",") ? "‚" : " ");
      else if (g_str_has_prefix (p, block->caption_separator))
        g_string_append (out, g_str_equal (block->caption_separator, "|") ? "/" : " ");
      else if (*p == '%' && p[1] == '}')
        g_string_append (out, "% ");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

char *
aushang_gallery_plan_dup_block_text (AushangGalleryPlan        *plan,
                                     const AushangGalleryBlock *block)
{
  g_autoptr(GString) out = NULL;
  const char *folder_value = plan->folder;
  const char *between = plan->multiline ? "\n   " : " ";
  gboolean any = FALSE;

  if (block == NULL)
    return NULL;
  for (guint i = 0; i < plan->written_names->len && !any; i++)
    any = g_ptr_array_index (plan->written_names, i) != NULL;
  if (!any)
    return NULL;

  if (block->folder_base[0] != '\0' && is_below (plan->folder, block->folder_base))
    folder_value = plan->folder + strlen (block->folder_base) + strspn (plan->folder + strlen (block->folder_base), "/");

  out = g_string_new ("{% include ");
  g_string_append (out, block->block);
  g_string_append_printf (out, "%s%s=\"%s\"", between, block->folder_param, folder_value);

  if (block->shape == AUSHANG_GALLERY_LIST)
    {
      gboolean first = TRUE;

      g_string_append_printf (out, "%s%s=\"", between, block->images_param);
      for (guint i = 0; i < plan->written_names->len; i++)
        {
          const char *name = g_ptr_array_index (plan->written_names, i);
          const char *caption = g_ptr_array_index (plan->captions, i);

          if (name == NULL)
            continue;
          if (!first)
            g_string_append (out, block->separator);
          first = FALSE;
          g_string_append (out, name);
          if (caption != NULL && block->caption_separator != NULL)
            {
              g_string_append (out, block->caption_separator);
              append_caption (out, block, caption);
            }
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, plan->multiline ? "\n%}" : " %}");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
