/* aushang-preview.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-preview"

#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "aushang-block-diff.h"
#include "aushang-markdown.h"
#include "aushang-preview-page.h"
#include "aushang-preview.h"
#include "aushang-page-render.h"
#include "aushang-safe-file.h"
#include "aushang-webkit.h"

#define SITE_SCHEME "aushang-site"
#define SITE_URI_PREFIX SITE_SCHEME ":///"

struct _AushangPreview
{
  AdwBin           parent_instance;

  WebKitWebView   *web_view;
  GCancellable    *cancellable;

  AushangSite     *site;
  char            *stylesheet_uri;
  char            *language;

  /* The page as the site shows it (layouts, includes, its style) rather
   * than the built-in page; what it needs of the site, made when first
   * used; and what the page shows, to patch only the body. */
  gboolean            site_style;
  AushangPageContext *context;
  char               *shown_site_head;
  char               *shown_site_body;

  /* The document of the latest update() and the one the page shows. */
  AushangDocument *document;
  AushangDocument *shown_document;
  /* Or a page of its own (an entry's card): asked for, and shown. */
  char            *page_html;
  char            *shown_html;

  /* The parts last put into the page, so unchanged ones are left alone. */
  char            *shown_header;   /* GRefString: shared with render jobs */
  char            *shown_body;     /* GRefString */

  guint            tick_id;
  guint            idle_id;
  guint            web_view_idle_id;
  guint            disposed : 1;
  /* An update was asked for and not started yet. */
  guint            pending : 1;
  /* A render, page load or patch is under way. */
  guint            busy : 1;
  /* The whole page is loaded and can be patched. */
  guint            page_loaded : 1;
  /* load_html() was called and its navigation is expected. */
  guint            loading_page : 1;
  guint            idle : 1;
  /* The page was loaded anew after its web process ended, and no update
   * has been asked for since: it is not loaded again for that. */
  guint            reloaded_after_exit : 1;

  /* Each page gets an address of its own (aushang-site:///?N), so that its
   * load is told apart from a refresh or a late navigation of an older
   * page. expected_uri is the load not decided on yet. */
  guint            load_serial;
  char            *page_uri;
  char            *expected_uri;

  /* Scroll sync by body line: the line to bring to the top once the page
   * is there (0: none). */
  guint            scroll_line;
  guint            scrolling : 1;       /* a scroll is on its way to the page */
  guint            scroll_again : 1;    /* and another line was asked since */

  /* Updates that put only the changed blocks into the page (for the
   * bench), and those that put the whole body in. */
  guint            block_patches;
  guint            body_patches;
  guint            pages_lost;
};

G_DEFINE_FINAL_TYPE (AushangPreview, aushang_preview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_IDLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SCROLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GBytes          *data;
  AushangDocument *document;  /* main-thread only: which document it is */
  char            *stylesheet_uri;
  char            *language;
  gboolean         full;
  char            *page;
  char            *header;
  char            *body;
  /* What the page shows now, to compare with (GRefStrings), and the
   * arguments of the script that brings it up to date: all made in the
   * thread. */
  char            *previous_header;
  char            *previous_body;
  GVariant        *arguments;
  /* The site's own page: the context and file to render it with, then
   * the page split at <body>; and what the page shows, to compare with. */
  AushangPageContext *context;
  GFile           *file;
  char            *site_head;
  char            *site_body;
  char            *previous_site_head;
  char            *previous_site_body;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_pointer (&job->data, g_bytes_unref);
  g_clear_object (&job->document);
  g_free (job->stylesheet_uri);
  g_free (job->language);
  g_free (job->page);
  g_clear_pointer (&job->header, g_ref_string_release);
  g_clear_pointer (&job->body, g_ref_string_release);
  g_clear_pointer (&job->previous_header, g_ref_string_release);
  g_clear_pointer (&job->previous_body, g_ref_string_release);
  g_clear_pointer (&job->arguments, g_variant_unref);
  g_clear_pointer (&job->context, aushang_page_context_unref);
  g_clear_object (&job->file);
  g_free (job->site_head);
  g_free (job->site_body);
  g_free (job->previous_site_head);
  g_free (job->previous_site_body);
  g_free (job);
}

static void schedule_update (AushangPreview *self);

/* ------------------------------------------------------------------------ */
/* The aushang-site: scheme                                                   */

static gboolean
is_inside (const char *path,
           const char *folder)
{
  gsize len = strlen (folder);

  if (len > 0 && folder[len - 1] == G_DIR_SEPARATOR)
    len--;

  return strncmp (path, folder, len) == 0 && path[len] == G_DIR_SEPARATOR;
}

GFile *
aushang_preview_resolve_site_path (GFile      *site_folder,
                                   const char *path)
{
  g_autofree char *unescaped = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *real_folder = NULL;
  g_autofree char *file_path = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GStrv) parts = NULL;
  char real_file[PATH_MAX];

  g_return_val_if_fail (G_IS_FILE (site_folder), NULL);

  if (path == NULL)
    return NULL;

  /* An escaped NUL or "/" is refused (NULL), so decoding cannot create
   * new segments. */
  unescaped = g_uri_unescape_string (path, "/");
  if (unescaped == NULL || strchr (unescaped, '\\') != NULL)
    return NULL;

  parts = g_strsplit (unescaped, "/", -1);
  segments = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      /* ".." is refused outright, as are hidden names (.git, .env). */
      if (parts[i][0] == '.')
        return NULL;
      g_ptr_array_add (segments, parts[i]);
    }
  if (segments->len == 0)
    return NULL;
  g_ptr_array_add (segments, NULL);

  relative = g_strjoinv ("/", (char **) segments->pdata);
  file = g_file_resolve_relative_path (site_folder, relative);
  if (!g_file_has_prefix (file, site_folder))
    return NULL;

  /* A symbolic link must not lead out of the folder either. */
  folder_path = g_file_get_path (site_folder);
  file_path = g_file_get_path (file);
  if (folder_path == NULL || file_path == NULL)
    return NULL;
  real_folder = realpath (folder_path, NULL);
  if (real_folder == NULL)
    return NULL;
  if (realpath (file_path, real_file) != NULL && !is_inside (real_file, real_folder))
    return NULL;

  return g_steal_pointer (&file);
}

/* The largest file of the site the preview reads (an image, a stylesheet):
 * it is read whole before the page gets it. */
#define SITE_FILE_MAX_SIZE (64 * 1024 * 1024)

/* In a thread: the file at the path in @task_data, read as the core reads
 * files. A FIFO or a device is refused without opening it (a FIFO would
 * hold the thread until someone writes to it, a device could stream
 * forever), and reading stops at SITE_FILE_MAX_SIZE whatever size the file
 * claims. The task data is only a path: the task may be let go here. */
static void
site_file_read_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!aushang_safe_file_read (path, SITE_FILE_MAX_SIZE, &contents, &length, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_bytes_new_take (contents, length), (GDestroyNotify) g_bytes_unref);
}

static void
site_file_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  gconstpointer data;
  gsize length;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_debug ("Not showing %s: %s", webkit_uri_scheme_request_get_uri (request), error->message);
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  basename = g_path_get_basename (g_task_get_task_data (G_TASK (result)));
  content_type = g_content_type_guess (basename, data, MIN (length, 4096), NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  stream = g_memory_input_stream_new_from_bytes (bytes);

  webkit_uri_scheme_request_finish (request, stream, length,
                                    mime_type != NULL ? mime_type : "application/octet-stream");
}

static void
site_scheme_request_cb (WebKitURISchemeRequest *request,
                        gpointer                user_data)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget *preview = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  AushangSite *site = NULL;
  char *path = NULL;

  if (web_view != NULL)
    preview = gtk_widget_get_ancestor (GTK_WIDGET (web_view), AUSHANG_TYPE_PREVIEW);
  if (preview != NULL)
    site = AUSHANG_PREVIEW (preview)->site;

  if (site != NULL)
    file = aushang_preview_resolve_site_path (aushang_site_get_folder (site),
                                              webkit_uri_scheme_request_get_path (request));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                             "%s is not a file of the site",
                                             webkit_uri_scheme_request_get_uri (request));

      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  /* Off the main thread: the file may be large, or on a slow disk. */
  task = g_task_new (NULL, NULL, site_file_read_cb, g_object_ref (request));
  g_task_set_source_tag (task, site_scheme_request_cb);
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, site_file_read_thread);
}

static void
ensure_site_scheme (WebKitWebContext *context)
{
  WebKitSecurityManager *security;

  if (g_object_get_data (G_OBJECT (context), "aushang-site-scheme") != NULL)
    return;

  webkit_web_context_register_uri_scheme (context, SITE_SCHEME, site_scheme_request_cb, NULL, NULL);
  security = webkit_web_context_get_security_manager (context);
  webkit_security_manager_register_uri_scheme_as_local (security, SITE_SCHEME);
  webkit_security_manager_register_uri_scheme_as_secure (security, SITE_SCHEME);
  g_object_set_data (G_OBJECT (context), "aushang-site-scheme", GINT_TO_POINTER (TRUE));
}

/* ------------------------------------------------------------------------ */
/* Links: the preview never navigates                                         */

/* Where a clicked link should open: web addresses as they are, site paths
 * at the site's address (url + baseurl from _config.yml), or NULL. */
static char *
dup_external_uri (AushangPreview *self,
                  const char     *uri)
{
  if (g_str_has_prefix (uri, SITE_URI_PREFIX))
    {
      AushangValue *config = self->site != NULL ? aushang_site_get_config (self->site) : NULL;
      AushangValue *url = config != NULL ? aushang_value_lookup (config, "url") : NULL;
      AushangValue *baseurl = config != NULL ? aushang_value_lookup (config, "baseurl") : NULL;
      const char *url_text = url != NULL && aushang_value_get_kind (url) == AUSHANG_VALUE_STRING ?
                             aushang_value_get_string (url) : NULL;
      const char *base_text = baseurl != NULL && aushang_value_get_kind (baseurl) == AUSHANG_VALUE_STRING ?
                              aushang_value_get_string (baseurl) : "";
      g_autofree char *root = NULL;
      g_autofree char *base = NULL;

      if (url_text == NULL || !(g_str_has_prefix (url_text, "https://") ||
                                g_str_has_prefix (url_text, "http://")))
        return NULL;

      root = g_strdup (url_text);
      while (g_str_has_suffix (root, "/"))
        root[strlen (root) - 1] = '\0';
      base = g_strdup (base_text);
      while (g_str_has_suffix (base, "/"))
        base[strlen (base) - 1] = '\0';
      if (base[0] != '\0' && base[0] != '/')
        {
          char *tmp = g_strconcat ("/", base, NULL);

          g_free (base);
          base = tmp;
        }

      return g_strconcat (root, base, "/", uri + strlen (SITE_URI_PREFIX), NULL);
    }

  if (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://") ||
      g_str_has_prefix (uri, "mailto:") || g_str_has_prefix (uri, "tel:"))
    return g_strdup (uri);

  return NULL;
}

static void
open_externally (AushangPreview *self,
                 const char     *uri)
{
  g_autofree char *external = dup_external_uri (self, uri);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (external == NULL)
    {
      g_debug ("Not opening %s", uri);
      return;
    }

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, external, GDK_CURRENT_TIME);
}

/* Whether an <iframe> (or <frame>, <object>, <embed>) of the page has
 * @uri as its address. */
static const char frame_check_function[] =
  "const want = uri.split ('#')[0];\n"
  "for (const f of document.querySelectorAll ('iframe, frame, object, embed')) {\n"
  "  const src = f.src || f.data || '';\n"
  "  if (src !== '' && src.split ('#')[0] === want)\n"
  "    return true;\n"
  "}\n"
  "return false;\n";

static void
frame_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WebKitPolicyDecision) decision = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value != NULL && jsc_value_is_boolean (value) && jsc_value_to_boolean (value))
    webkit_policy_decision_use (decision);
  else
    webkit_policy_decision_ignore (decision);
}

static void
ask_whether_frame (AushangPreview       *self,
                   WebKitPolicyDecision *decision,
                   const char           *uri)
{
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "uri", "s", uri);
  webkit_web_view_call_async_javascript_function (self->web_view, frame_check_function, -1,
                                                  g_variant_dict_end (&arguments), NULL, NULL,
                                                  self->cancellable, frame_checked_cb,
                                                  g_object_ref (decision));
}

static gboolean
decide_policy_cb (AushangPreview           *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  WebKitNavigationType navigation_type;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  navigation_type = webkit_navigation_action_get_navigation_type (action);

  if (uri == NULL)
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  /* The page's own load (once: a refresh to the same address is not), and
   * jumps to an anchor within it. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      self->expected_uri != NULL && g_str_equal (uri, self->expected_uri))
    {
      g_clear_pointer (&self->expected_uri, g_free);
      webkit_policy_decision_use (decision);
      return TRUE;
    }
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      self->page_uri != NULL && g_str_has_prefix (uri, self->page_uri) &&
      uri[strlen (self->page_uri)] == '#')
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  /* What a person clicked opens in their browser. (Not everything WebKit
   * calls a user gesture: our own scripts count as one, so a frame that a
   * patch puts in the page would open in the browser on every keystroke.) */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION ||
      navigation_type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
      navigation_type == WEBKIT_NAVIGATION_TYPE_FORM_SUBMITTED)
    {
      webkit_policy_decision_ignore (decision);
      open_externally (self, uri);
      return TRUE;
    }

  /* Embedded frames (a video block) load from the web, the page itself
   * never: a refresh or a script in the content must not take it away,
   * nor make the preview load it again (and so refresh again). WebKit does
   * not say which frame a navigation is for, so the page is asked whether
   * one of its frames is about to load that address. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://")))
    {
      if (webkit_navigation_action_is_redirect (action))
        webkit_policy_decision_use (decision);
      else
        ask_whether_frame (self, decision, uri);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static gboolean
context_menu_cb (AushangPreview    *self,
                 WebKitContextMenu *menu,
                 WebKitHitTestResult *hit_test_result,
                 WebKitWebView     *web_view)
{
  static const WebKitContextMenuAction kept[] = {
    WEBKIT_CONTEXT_MENU_ACTION_COPY,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL,
    WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT,
  };
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Nothing that loads, reloads or opens another page or window. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (l->data);
      gboolean keep = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
        keep = keep || action == kept[i];
      if (!keep)
        webkit_context_menu_remove (menu, l->data);
    }
  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

/* ------------------------------------------------------------------------ */
/* Rendering                                                                  */

static void
set_idle (AushangPreview *self,
          gboolean        idle)
{
  idle = !!idle;
  if (self->idle == idle)
    return;

  self->idle = idle;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE]);
}

/* The current state is in the page (or failed to get there). */
static void
paint_done (AushangPreview *self)
{
  self->busy = FALSE;

  if (self->pending)
    schedule_update (self);
  else
    set_idle (self, TRUE);
}

static GVariant *build_patch_arguments (const char *header,
                                        const char *body,
                                        const char *previous_body,
                                        const char *target);

static void
render_page (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  gsize length;
  const char *data = g_bytes_get_data (job->data, &length);
  g_autoptr(AushangDocument) document = NULL;
  AushangPreviewOptions options = {
    .site_uri_prefix = SITE_URI_PREFIX,
    .stylesheet_uri = job->stylesheet_uri,
    .language = job->language,
  };

  /* The core is not shared across threads: this copy is the thread's own. */
  document = aushang_document_new_from_data (data != NULL ? data : "", length);

  if (job->context != NULL)
    {
      const char *body_start;
      const char *body_end;

      /* The context is read-only once made: any thread may render with it. */
      job->page = aushang_page_context_render (job->context, document, job->file, &options, NULL);
      body_start = strstr (job->page, "<body");
      body_start = body_start != NULL ? strchr (body_start, '>') : NULL;
      body_end = g_strrstr (job->page, "</body>");
      if (body_start != NULL && body_end != NULL && body_end > body_start)
        {
          job->site_head = g_strndup (job->page, body_start + 1 - job->page);
          job->site_body = g_strndup (body_start + 1, body_end - body_start - 1);
        }
      /* Where only the body changed, only its changed blocks go to the
       * page (or the body, where they cannot). */
      if (!job->full && job->site_head != NULL && job->previous_site_body != NULL &&
          g_strcmp0 (job->site_head, job->previous_site_head) == 0 &&
          g_strcmp0 (job->site_body, job->previous_site_body) != 0)
        job->arguments = build_patch_arguments (NULL, job->site_body, job->previous_site_body, "");
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (job->full)
    {
      g_autofree char *header = NULL;
      g_autofree char *body = NULL;

      job->page = aushang_preview_page_render_parts (document, &options, &header, &body);
      job->header = g_ref_string_new (header);
      job->body = g_ref_string_new (body);
    }
  else
    {
      g_autofree char *header = aushang_preview_page_render_header (document, &options);
      g_autofree char *body = aushang_preview_page_render_body (document, &options);
      gboolean header_changed = g_strcmp0 (header, job->previous_header) != 0;
      gboolean body_changed = g_strcmp0 (body, job->previous_body) != 0;

      job->header = g_ref_string_new (header ? header : "");
      job->body = g_ref_string_new (body ? body : "");

      /* Made here, not on the main thread: for a long document only the
       * changed blocks of the body travel to the page. */
      if (header_changed || body_changed)
        job->arguments = build_patch_arguments (header_changed ? header : NULL,
                                                body_changed ? body : NULL,
                                                job->previous_body,
                                                "aushang-body");
    }

  g_task_return_boolean (task, TRUE);
}

/* The preview's cache of rendered parts of a long body (one rendering at
 * a time uses it; it goes with the preview). */
static AushangMarkdownCache *
dup_markdown_cache (GObject *preview)
{
  static GMutex lock;
  AushangMarkdownCache *cache;

  g_mutex_lock (&lock);
  cache = g_object_get_data (preview, "aushang-markdown-cache");
  if (cache == NULL)
    {
      cache = aushang_markdown_cache_new ();
      g_object_set_data_full (preview, "aushang-markdown-cache", cache,
                              (GDestroyNotify) aushang_markdown_cache_unref);
    }
  aushang_markdown_cache_ref (cache);
  g_mutex_unlock (&lock);
  return cache;
}

/* The body's blocks say their line, for scroll sync; only while the
 * preview renders in this worker thread. A long body renders again only
 * where it changed. */
static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(AushangMarkdownCache) cache = dup_markdown_cache (source_object);

  aushang_markdown_set_source_lines (TRUE);
  aushang_markdown_set_cache (cache);
  render_page (task, source_object, task_data, cancellable);
  aushang_markdown_set_cache (NULL);
  aushang_markdown_set_source_lines (FALSE);
  aushang_markdown_cache_trim (cache);
}

/* The page update as arguments of one function call: the HTML travels as
 * plain strings, with no escaping into a script literal. Where the page
 * shows @previous_body, only the blocks that changed are sent ("parts"
 * bit 8, see aushang_block_diff()); else the whole body (bit 2). @target
 * is the id of the body's element ("": the page's <body>). */
static GVariant *
build_patch_arguments (const char *header,
                       const char *body,
                       const char *previous_body,
                       const char *target)
{
  g_autoptr(AushangBlockPatch) patch = NULL;
  GVariantDict dict;
  gint32 parts = header ? 1 : 0;

  g_variant_dict_init (&dict, NULL);

  if (body != NULL && previous_body != NULL)
    patch = aushang_block_diff (previous_body, body);
  if (patch != NULL)
    parts |= 8;
  else if (body != NULL)
    parts |= 2;

  g_variant_dict_insert_value (&dict, "parts", g_variant_new_int32 (parts));
  g_variant_dict_insert_value (&dict, "target", g_variant_new_string (target));
  g_variant_dict_insert_value (&dict, "header", g_variant_new_string (header ? header : ""));
  g_variant_dict_insert_value (&dict, "body", g_variant_new_string ((parts & 2) ? body : ""));
  g_variant_dict_insert_value (&dict, "first", g_variant_new_int32 (patch ? patch->first : 0));
  g_variant_dict_insert_value (&dict, "count", g_variant_new_int32 (patch ? patch->old_count : 0));
  g_variant_dict_insert_value (&dict, "added", g_variant_new_int32 (patch ? patch->new_count : 0));
  g_variant_dict_insert_value (&dict, "total", g_variant_new_int32 (patch ? patch->old_total : 0));
  g_variant_dict_insert_value (&dict, "delta", g_variant_new_int32 (patch ? patch->line_delta : 0));
  g_variant_dict_insert_value (&dict, "html", g_variant_new_string (patch ? patch->html : ""));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* The page's own script (the content's scripts never run). Blocks: the
 * nodes from one block comment to the next (aushang-block-diff.c); the
 * comments are kept in window.aushangMarks between patches. The new
 * blocks are parsed by innerHTML in an element like their parent, so
 * they parse as among the rest and no script in them runs. Where the
 * page is not as expected, nothing changes and the answer is false: the
 * page is then loaded anew. Layout happens here, so the answer comes once
 * the page could paint. */
static const char patch_function[] =
  "const box = target === '' ? document.body : document.getElementById (target);\n"
  "if (parts & 1)\n"
  "  document.getElementById ('aushang-header').innerHTML = header;\n"
  "if (parts & 2) {\n"
  "  box.innerHTML = body;\n"
  "  window.aushangMarks = undefined;\n"
  "}\n"
  "if (parts & 8) {\n"
  "  const isMark = (n) => /^aushang-(line \\d+|end)$/.test (n.data);\n"
  "  const collect = (root) => {\n"
  "    const found = [];\n"
  "    const walker = document.createTreeWalker (root, NodeFilter.SHOW_COMMENT);\n"
  "    for (let n = walker.nextNode (); n; n = walker.nextNode ())\n"
  "      if (isMark (n))\n"
  "        found.push (n);\n"
  "    return found;\n"
  "  };\n"
  "  let marks = window.aushangMarks;\n"
  "  if (!marks || marks.length !== total + 1 || !marks[first].isConnected || !marks[first + count].isConnected)\n"
  "    marks = collect (box);\n"
  "  if (marks.length !== total + 1)\n"
  "    return false;\n"
  "  const start = marks[first], stop = marks[first + count];\n"
  "  const parent = stop.parentNode;\n"
  "  if (start.parentNode !== parent || !box.contains (parent))\n"
  "    return false;\n"
  "  const holder = document.createElement (parent.namespaceURI === 'http://www.w3.org/1999/xhtml' &&\n"
  "                                         parent.localName !== 'body' ? parent.localName : 'div');\n"
  "  holder.innerHTML = html;\n"
  "  const added_marks = collect (holder);\n"
  "  if (added_marks.length !== added)\n"
  "    return false;\n"
  /* Where the new nodes are of the same kinds as the old ones (a key
   * typed into a paragraph), the old ones take the new ones' attributes
   * and children: the parent's list of children stays as it is, and with
   * it the style of all the blocks after them. */
  "  const olds = [];\n"
  "  for (let n = start; n !== stop; n = n.nextSibling)\n"
  "    olds.push (n);\n"
  "  const news = Array.from (holder.childNodes);\n"
  "  const html_ns = 'http://www.w3.org/1999/xhtml';\n"
  "  const alike = olds.length === news.length && olds.every ((o, i) =>\n"
  "    o.nodeType === news[i].nodeType && o.nodeName === news[i].nodeName &&\n"
  "    (o.nodeType !== Node.ELEMENT_NODE || o.namespaceURI === html_ns));\n"
  "  if (alike) {\n"
  "    olds.forEach ((o, i) => {\n"
  "      const n = news[i];\n"
  "      if (o.nodeType !== Node.ELEMENT_NODE) {\n"
  "        if (o.data !== n.data)\n"
  "          o.data = n.data;\n"
  "        return;\n"
  "      }\n"
  "      for (const a of Array.from (o.attributes))\n"
  "        if (!n.hasAttribute (a.name))\n"
  "          o.removeAttribute (a.name);\n"
  "      for (const a of Array.from (n.attributes))\n"
  "        if (o.getAttribute (a.name) !== a.value)\n"
  "          o.setAttribute (a.name, a.value);\n"
  "      o.replaceChildren (...n.childNodes);\n"
  "    });\n"
  "  } else {\n"
  "    const range = document.createRange ();\n"
  "    range.setStartBefore (start);\n"
  "    range.setEndBefore (stop);\n"
  "    range.deleteContents ();\n"
  "    const fragment = document.createDocumentFragment ();\n"
  "    while (holder.firstChild)\n"
  "      fragment.appendChild (holder.firstChild);\n"
  "    parent.insertBefore (fragment, stop);\n"
  "  }\n"
  "  if (delta !== 0)\n"
  "    for (let i = first + count; i < total; i++)\n"
  "      marks[i].data = 'aushang-line ' + (parseInt (marks[i].data.slice (13)) + delta);\n"
  /* The old comments stayed where they were alike; any inside replaced
   * children are gone, and the comments are looked for anew next time. */
  "  if (alike)\n"
  "    window.aushangMarks = marks.slice (first, first + count).every ((m) => m.isConnected) ? marks : undefined;\n"
  "  else\n"
  "    window.aushangMarks = marks.slice (0, first).concat (added_marks, marks.slice (first + count));\n"
  "}\n"
  "void document.documentElement.offsetHeight;\n"
  "return (parts & 8) ? 'blocks' : true;\n";

static void
patch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AushangPreview) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error == NULL && jsc_value_is_boolean (value) && !jsc_value_to_boolean (value))
    {
      /* The page's blocks were not where the patch expected them (the
       * page's script changed nothing). */
      g_debug ("The preview's blocks did not match, loading it anew");
      self->page_loaded = FALSE;
      self->pending = TRUE;
    }
  else if (error == NULL && jsc_value_is_string (value))
    self->block_patches++;
  else if (error == NULL)
    self->body_patches++;
  if (error != NULL)
    {
      /* The page is not what we think it is: load it anew. This is no
       * fault to warn about: where the page's process ended (it crashed,
       * or the system ended it) before it answered, WebKit reports
       * WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT, "Unsupported result type",
       * for any script. */
      g_debug ("Could not patch the preview, loading it anew: %s", error->message);
      /* An exception in the patch's own script is no lost page. */
      if (!g_error_matches (error, WEBKIT_JAVASCRIPT_ERROR, WEBKIT_JAVASCRIPT_ERROR_SCRIPT_FAILED))
        self->pages_lost++;
      self->page_loaded = FALSE;
      self->pending = TRUE;
    }

  paint_done (self);
}

static void
load_page (AushangPreview *self,
           const char     *html)
{
  g_free (self->page_uri);
  self->page_uri = g_strdup_printf (SITE_URI_PREFIX "?%u", ++self->load_serial);
  g_free (self->expected_uri);
  self->expected_uri = g_strdup (self->page_uri);
  self->loading_page = TRUE;
  webkit_web_view_load_html (self->web_view, html, self->page_uri);
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AushangPreview *self = AUSHANG_PREVIEW (object);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GVariant) arguments = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->web_view == NULL)
    return;

  /* The site's page: where only the body changed, only the changed
   * blocks of the body are put in, so the scroll position stays. */
  if (job->context != NULL && !job->full && job->site_head != NULL &&
      g_strcmp0 (job->site_head, self->shown_site_head) == 0)
    {
      if (job->arguments == NULL)
        {
          paint_done (self);
          return;
        }
      g_free (self->shown_site_body);
      self->shown_site_body = g_steal_pointer (&job->site_body);
      arguments = g_steal_pointer (&job->arguments);
      webkit_web_view_call_async_javascript_function (self->web_view, patch_function, -1,
                                                      arguments, NULL, NULL, self->cancellable,
                                                      patch_done_cb, g_object_ref (self));
      return;
    }

  if (job->full || job->context != NULL)
    {
      g_clear_pointer (&self->shown_html, g_free);
      g_set_object (&self->shown_document, job->document);
      /* The built-in page: its parts, for the next patch to compare. */
      g_clear_pointer (&self->shown_header, g_ref_string_release);
      self->shown_header = g_steal_pointer (&job->header);
      g_clear_pointer (&self->shown_body, g_ref_string_release);
      self->shown_body = g_steal_pointer (&job->body);
      g_free (self->shown_site_head);
      self->shown_site_head = g_strdup (job->site_head);
      g_free (self->shown_site_body);
      self->shown_site_body = g_strdup (job->site_body);
      self->page_loaded = FALSE;
      load_page (self, job->page);
      /* paint_done() follows from load_changed_cb(). */
      return;
    }

  if (job->arguments == NULL)
    {
      paint_done (self);
      return;
    }

  g_clear_pointer (&self->shown_header, g_ref_string_release);
  self->shown_header = g_steal_pointer (&job->header);
  g_clear_pointer (&self->shown_body, g_ref_string_release);
  self->shown_body = g_steal_pointer (&job->body);
  arguments = g_steal_pointer (&job->arguments);

  webkit_web_view_call_async_javascript_function (self->web_view, patch_function, -1,
                                                  arguments, NULL, NULL, self->cancellable,
                                                  patch_done_cb, g_object_ref (self));
}

static void
start_render (AushangPreview *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (self->busy)
    return;
  if (!self->pending)
    {
      set_idle (self, TRUE);
      return;
    }
  /* Until the page exists, the update waits (create_web_view()). */
  if (self->web_view == NULL)
    return;

  self->pending = FALSE;

  if (self->document == NULL)
    {
      /* A page of its own, or an empty page, once. */
      if (self->shown_document == NULL && self->page_loaded &&
          g_strcmp0 (self->page_html, self->shown_html) == 0)
        {
          set_idle (self, TRUE);
          return;
        }
      if (self->shown_document == NULL && self->shown_html == NULL && self->page_html == NULL)
        {
          set_idle (self, TRUE);
          return;
        }

      self->busy = TRUE;
      g_clear_object (&self->shown_document);
      g_clear_pointer (&self->shown_header, g_ref_string_release);
      g_clear_pointer (&self->shown_body, g_ref_string_release);
      g_free (self->shown_html);
      self->shown_html = g_strdup (self->page_html);
      self->page_loaded = FALSE;
      load_page (self, self->page_html != NULL ? self->page_html
                                               : "<!DOCTYPE html>\n<html><body></body></html>\n");
      return;
    }

  self->busy = TRUE;

  job = g_new0 (RenderJob, 1);
  job->data = aushang_document_serialize (self->document);
  job->document = g_object_ref (self->document);
  job->stylesheet_uri = g_strdup (self->stylesheet_uri);
  job->language = g_strdup (self->language);
  job->full = !self->page_loaded || self->document != self->shown_document;
  if (self->site_style && self->site != NULL && aushang_document_get_file (self->document) != NULL)
    {
      if (self->context == NULL)
        self->context = aushang_page_context_new (self->site);
      job->context = aushang_page_context_ref (self->context);
      job->file = g_object_ref (aushang_document_get_file (self->document));
      if (self->shown_site_head == NULL)
        job->full = TRUE;
      if (!job->full)
        {
          job->previous_site_head = g_strdup (self->shown_site_head);
          job->previous_site_body = g_strdup (self->shown_site_body);
        }
    }
  if (!job->full)
    {
      job->previous_header = self->shown_header ? g_ref_string_acquire (self->shown_header) : NULL;
      job->previous_body = self->shown_body ? g_ref_string_acquire (self->shown_body) : NULL;
    }

  task = g_task_new (self, self->cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  AushangPreview *self = AUSHANG_PREVIEW (widget);

  self->tick_id = 0;
  start_render (self);

  return G_SOURCE_REMOVE;
}

static gboolean
idle_cb (gpointer user_data)
{
  AushangPreview *self = AUSHANG_PREVIEW (user_data);

  self->idle_id = 0;
  start_render (self);

  return G_SOURCE_REMOVE;
}

/* Updates asked for in one go are one render. A preview on screen starts
 * it right after (before the next frame is drawn: a key typed shows in
 * the page a frame earlier), one that is not on the next frame. */
static void
schedule_update (AushangPreview *self)
{
  if (self->busy || self->tick_id != 0 || self->idle_id != 0)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, idle_cb, self, NULL);
  else
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

/* Scroll sync. The body's top-level blocks follow a comment
 * "<!--aushang-line N-->" naming their first line (see
 * aushang_markdown_set_source_lines()); between two blocks the position
 * is interpolated by line. A scroll the page was told to make is not
 * reported back (aushangSyncedY: where it was told to go), so editor and
 * page do not chase each other. */
#define FIND_MARKS \
  "const marks = [];\n" \
  "const walker = document.createTreeWalker (document.body, NodeFilter.SHOW_COMMENT);\n" \
  "for (let n = walker.nextNode (); n; n = walker.nextNode ()) {\n" \
  "  const m = /^aushang-line (\\d+)$/.exec (n.data);\n" \
  "  const el = n.nextElementSibling;\n" \
  "  if (m && el && (marks.length == 0 || +m[1] > marks[marks.length - 1].line))\n" \
  "    marks.push ({ line: +m[1], top: el.getBoundingClientRect ().top + window.scrollY });\n" \
  "}\n"

static const char scroll_to_line_function[] =
  FIND_MARKS
  "let y = 0;\n"
  "let i = 0;\n"
  "while (i + 1 < marks.length && marks[i + 1].line <= line)\n"
  "  i++;\n"
  "if (marks.length > 0 && line > marks[0].line) {\n"
  "  const a = marks[i], b = marks[i + 1];\n"
  "  y = a.top;\n"
  "  if (b)\n"
  "    y += (b.top - a.top) * Math.min (1, (line - a.line) / (b.line - a.line));\n"
  "  y = Math.max (0, y - 8);\n"
  "}\n"
  "window.scrollTo (0, y);\n"
  "window.aushangSyncedY = window.scrollY;\n"
  "return true;\n";

static const char watch_scroll_function[] =
  "if (window.aushangScrollWatched)\n"
  "  return true;\n"
  "window.aushangScrollWatched = true;\n"
  "let queued = false;\n"
  "window.addEventListener ('scroll', () => {\n"
  "  if (queued)\n"
  "    return;\n"
  "  queued = true;\n"
  "  requestAnimationFrame (() => {\n"
  "    queued = false;\n"
  "    if (window.aushangSyncedY !== undefined && Math.abs (window.scrollY - window.aushangSyncedY) < 2)\n"
  "      return;\n"
  "    window.aushangSyncedY = undefined;\n"
  FIND_MARKS
  "    const y = window.scrollY + 10;\n"
  "    let line = 1;\n"
  "    if (window.scrollY > 0 && marks.length > 0) {\n"
  "      let i = 0;\n"
  "      while (i + 1 < marks.length && marks[i + 1].top <= y)\n"
  "        i++;\n"
  "      const a = marks[i], b = marks[i + 1];\n"
  "      line = a.line;\n"
  "      if (b && y > a.top && b.top > a.top)\n"
  "        line += Math.floor ((b.line - a.line) * Math.min (1, (y - a.top) / (b.top - a.top)));\n"
  "    }\n"
  "    window.webkit.messageHandlers.aushangScroll.postMessage (line);\n"
  "  });\n"
  "}, { passive: true });\n"
  "return true;\n";

static void apply_scroll_line (AushangPreview *self);

static void
scroll_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AushangPreview) self = user_data;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, NULL);
  self->scrolling = FALSE;
  if (self->scroll_again)
    {
      self->scroll_again = FALSE;
      apply_scroll_line (self);
    }
}

/* One scroll at a time on its way to the page, the latest line next:
 * scrolling the editor fast does not pile up work in the page. */
static void
apply_scroll_line (AushangPreview *self)
{
  if (self->scroll_line == 0 || !self->page_loaded || self->web_view == NULL)
    return;
  if (self->scrolling)
    {
      self->scroll_again = TRUE;
      return;
    }

  self->scrolling = TRUE;
  webkit_web_view_call_async_javascript_function (self->web_view, scroll_to_line_function, -1,
                                                  g_variant_new_parsed ("{'line': <%u>}",
                                                                        self->scroll_line),
                                                  NULL, NULL, self->cancellable,
                                                  scroll_done_cb, g_object_ref (self));
}

static void
scroll_message_cb (AushangPreview           *self,
                   JSCValue                 *value,
                   WebKitUserContentManager *manager)
{
  int line;

  if (!jsc_value_is_number (value))
    return;
  line = jsc_value_to_int32 (value);
  if (line < 1)
    return;
  /* Where the person scrolled to is where the page stays. */
  self->scroll_line = (guint) line;
  g_signal_emit (self, signals[SCROLLED], 0, (guint) line);
}

void
aushang_preview_scroll_to_line (AushangPreview *self,
                                guint           line)
{
  g_return_if_fail (AUSHANG_IS_PREVIEW (self));

  if (line == 0 || line == self->scroll_line)
    return;
  self->scroll_line = line;
  apply_scroll_line (self);
}

static void
load_changed_cb (AushangPreview  *self,
                 WebKitLoadEvent  event,
                 WebKitWebView   *web_view)
{
  /* Something the policy let through is taking the page away: stop it
   * before it replaces the page, so the page need not be loaded again. */
  if (event == WEBKIT_LOAD_STARTED && !self->loading_page)
    {
      webkit_web_view_stop_loading (web_view);
      return;
    }

  /* Too late to stop: put the page back. */
  if (event == WEBKIT_LOAD_COMMITTED && !self->loading_page)
    {
      webkit_web_view_stop_loading (web_view);
      self->page_loaded = FALSE;
      self->pending = TRUE;
      set_idle (self, FALSE);
      schedule_update (self);
      return;
    }

  if (event != WEBKIT_LOAD_FINISHED || !self->loading_page)
    return;

  self->loading_page = FALSE;
  self->page_loaded = TRUE;
  webkit_web_view_call_async_javascript_function (self->web_view, watch_scroll_function, -1,
                                                  NULL, NULL, NULL, self->cancellable, NULL, NULL);
  apply_scroll_line (self);
  paint_done (self);
}

/* The page's process ended: it crashed, ran out of memory, or was ended.
 * The page is gone with it; a load under way never finishes. The page is
 * loaded anew, once: should it be what ends the process, it is not loaded
 * again and again, only on the next update. */
static void
web_process_terminated_cb (AushangPreview                    *self,
                           WebKitWebProcessTerminationReason  reason,
                           WebKitWebView                     *web_view)
{
  gboolean was_loading = self->loading_page;

  g_debug ("The preview's web process ended (reason %d)", reason);
  self->pages_lost++;

  self->page_loaded = FALSE;
  self->loading_page = FALSE;
  g_clear_pointer (&self->expected_uri, g_free);

  if (!self->reloaded_after_exit &&
      (self->document != NULL || self->shown_document != NULL || self->page_html != NULL))
    {
      self->reloaded_after_exit = TRUE;
      self->pending = TRUE;
      set_idle (self, FALSE);
    }

  /* A render or a patch under way ends in paint_done() by itself. */
  if (was_loading)
    paint_done (self);
  else if (self->pending)
    schedule_update (self);
}

/* ------------------------------------------------------------------------ */
/* Object                                                                     */

static char *
dup_stylesheet_uri (AushangSite *site)
{
  static const char * const candidates[] = {
    "assets/css/style.css",
    "assets/main.css",
    "_site/assets/css/style.css",
    "_site/assets/main.css",
  };
  GFile *folder = aushang_site_get_folder (site);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (folder, candidates[i]);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        return g_strconcat (SITE_URI_PREFIX, candidates[i], NULL);
    }

  return NULL;
}

static char *
dup_language (void)
{
  const char * const *names = g_get_language_names ();

  if (names != NULL && names[0] != NULL && g_str_has_prefix (names[0], "de"))
    return g_strdup ("de");

  return g_strdup ("en");
}

static void
aushang_preview_dispose (GObject *object)
{
  AushangPreview *self = AUSHANG_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->web_view_idle_id, g_source_remove);
  self->disposed = TRUE;

  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      self->web_view = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_PREVIEW);
  adw_bin_set_child (ADW_BIN (self), NULL);

  g_clear_object (&self->site);
  g_clear_pointer (&self->context, aushang_page_context_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->shown_document);

  G_OBJECT_CLASS (aushang_preview_parent_class)->dispose (object);
}

static void
aushang_preview_finalize (GObject *object)
{
  AushangPreview *self = AUSHANG_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->stylesheet_uri);
  g_free (self->language);
  g_free (self->page_uri);
  g_free (self->expected_uri);
  g_clear_pointer (&self->shown_header, g_ref_string_release);
  g_clear_pointer (&self->shown_body, g_ref_string_release);
  g_free (self->page_html);
  g_free (self->shown_html);
  g_free (self->shown_site_head);
  g_free (self->shown_site_body);

  G_OBJECT_CLASS (aushang_preview_parent_class)->finalize (object);
}

static void
aushang_preview_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AushangPreview *self = AUSHANG_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_IDLE:
      g_value_set_boolean (value, self->idle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void aushang_preview_map (GtkWidget *widget);
static void leave_forward_cb  (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);
static void leave_backward_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);

static void
aushang_preview_class_init (AushangPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_preview_dispose;
  object_class->finalize = aushang_preview_finalize;
  object_class->get_property = aushang_preview_get_property;
  widget_class->map = aushang_preview_map;

  /**
   * AushangPreview:idle:
   *
   * Whether the latest requested state is in the page.
   */
  properties[PROP_IDLE] =
    g_param_spec_boolean ("idle", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AushangPreview::scrolled:
   * @line: the line of the body (1-based) now at the top of the page
   *
   * The person scrolled the page (not aushang_preview_scroll_to_line()).
   */
  signals[SCROLLED] =
    g_signal_new ("scrolled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "preview.leave-forward", NULL, leave_forward_cb);
  gtk_widget_class_install_action (widget_class, "preview.leave-backward", NULL, leave_backward_cb);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/aushang/Aushang/aushang-preview.ui");
}

static WebKitNetworkSession *
get_network_session (void)
{
  static WebKitNetworkSession *session;

  /* Nothing of what the preview loads from the web (embedded videos) is
   * kept: no cookies, no cache on disk. */
  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();

  return session;
}

/* The web view, and with it WebKit's web process, is made once the
 * preview has been on screen for a frame (or when a script is run in it):
 * the window shows first, the page follows. */
static void
create_web_view (AushangPreview *self)
{
  WebKitSettings *settings;

  if (self->web_view != NULL || self->disposed)
    return;
  g_clear_handle_id (&self->web_view_idle_id, g_source_remove);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", get_network_session (),
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  ensure_site_scheme (webkit_web_view_get_context (self->web_view));
  webkit_user_content_manager_register_script_message_handler (
    webkit_web_view_get_user_content_manager (self->web_view), "aushangScroll", NULL);
  g_signal_connect_object (webkit_web_view_get_user_content_manager (self->web_view),
                           "script-message-received::aushangScroll",
                           G_CALLBACK (scroll_message_cb), self, G_CONNECT_SWAPPED);

  settings = webkit_web_view_get_settings (self->web_view);
  /* Scripts in the content never run; evaluate_javascript() still does. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, g_getenv ("AUSHANG_DEBUG") != NULL);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_media_playback_requires_user_gesture (settings, TRUE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "context-menu",
                           G_CALLBACK (context_menu_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), self, G_CONNECT_SWAPPED);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->web_view));
  /* One stop in the focus chain, like any widget: the keyboard can scroll
   * the page, and a screen reader names it. */
  gtk_widget_set_focusable (GTK_WIDGET (self->web_view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                  -1);

  /* What was asked for meanwhile. */
  if (self->pending)
    schedule_update (self);
}

static gboolean
create_web_view_idle_cb (gpointer user_data)
{
  AushangPreview *self = AUSHANG_PREVIEW (user_data);

  self->web_view_idle_id = 0;
  create_web_view (self);

  return G_SOURCE_REMOVE;
}

static void
first_frame_painted_cb (GdkFrameClock  *clock,
                        AushangPreview *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  if (self->web_view == NULL && self->web_view_idle_id == 0 && !self->disposed)
    self->web_view_idle_id = g_idle_add (create_web_view_idle_cb, self);
}

static void
aushang_preview_map (GtkWidget *widget)
{
  AushangPreview *self = AUSHANG_PREVIEW (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (aushang_preview_parent_class)->map (widget);

  clock = gtk_widget_get_frame_clock (widget);
  if (self->web_view == NULL && clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_painted_cb), self, 0);
}

static void
aushang_preview_init (AushangPreview *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->language = dup_language ();
  self->idle = TRUE;

  /* Before the page sees the key: WebKit would keep Tab inside the page. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Tab|KP_Tab"),
                                                          gtk_named_action_new ("preview.leave-forward")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>Tab|<Shift>ISO_Left_Tab|<Shift>KP_Tab"),
                                                          gtk_named_action_new ("preview.leave-backward")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* Tab and Shift+Tab leave the preview for the widget before or after it,
 * as everywhere else in the window; the page does not keep the focus. */
static void
leave_focus (AushangPreview   *self,
             GtkDirectionType  direction)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root == NULL)
    return;
  if (self->web_view == NULL)
    {
      gtk_widget_child_focus (GTK_WIDGET (root), direction);
      return;
    }
  gtk_widget_set_can_focus (GTK_WIDGET (self->web_view), FALSE);
  gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (GTK_WIDGET (self->web_view), TRUE);
}

static void
leave_forward_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  leave_focus (AUSHANG_PREVIEW (widget), GTK_DIR_TAB_FORWARD);
}

static void
leave_backward_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  leave_focus (AUSHANG_PREVIEW (widget), GTK_DIR_TAB_BACKWARD);
}

GtkWidget *
aushang_preview_new (void)
{
  return g_object_new (AUSHANG_TYPE_PREVIEW, NULL);
}

void
aushang_preview_set_site (AushangPreview *self,
                          AushangSite    *site)
{
  g_return_if_fail (AUSHANG_IS_PREVIEW (self));
  g_return_if_fail (site == NULL || AUSHANG_IS_SITE (site));

  if (!g_set_object (&self->site, site))
    return;

  g_clear_pointer (&self->stylesheet_uri, g_free);
  if (site != NULL)
    self->stylesheet_uri = dup_stylesheet_uri (site);
  g_clear_pointer (&self->context, aushang_page_context_unref);
  g_clear_pointer (&self->shown_site_head, g_free);
  g_clear_pointer (&self->shown_site_body, g_free);

  /* Another site may have another stylesheet: the next update loads the
   * whole page. */
  self->page_loaded = FALSE;
  self->reloaded_after_exit = FALSE;
  if (self->document != NULL)
    {
      self->pending = TRUE;
      set_idle (self, FALSE);
      schedule_update (self);
    }
}

void
aushang_preview_update (AushangPreview  *self,
                        AushangDocument *document)
{
  g_return_if_fail (AUSHANG_IS_PREVIEW (self));
  g_return_if_fail (document == NULL || AUSHANG_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  g_clear_pointer (&self->page_html, g_free);
  self->pending = TRUE;
  self->reloaded_after_exit = FALSE;
  set_idle (self, FALSE);
  schedule_update (self);
}

void
aushang_preview_show_entry (AushangPreview *self,
                            AushangValue   *entry,
                            gboolean        hidden)
{
  AushangPreviewOptions options = {
    .site_uri_prefix = SITE_URI_PREFIX,
    .stylesheet_uri = NULL,
    .language = NULL,
  };

  g_return_if_fail (AUSHANG_IS_PREVIEW (self));

  options.stylesheet_uri = self->stylesheet_uri;
  options.language = self->language;

  g_clear_object (&self->document);
  g_clear_pointer (&self->page_html, g_free);
  /* In the site's style, the entry as the site's page shows it (an event
   * in the list of events), when a page of the site shows its list. */
  if (entry != NULL && self->site_style && self->site != NULL)
    {
      if (self->context == NULL)
        self->context = aushang_page_context_new (self->site);
      self->page_html = aushang_page_context_render_entry (self->context, entry, hidden, &options);
    }
  if (entry != NULL && self->page_html == NULL)
    self->page_html = aushang_preview_page_render_entry (entry, hidden, &options);

  self->pending = TRUE;
  self->reloaded_after_exit = FALSE;
  set_idle (self, FALSE);
  schedule_update (self);
}

void
aushang_preview_set_site_style (AushangPreview *self,
                                gboolean        site_style)
{
  g_return_if_fail (AUSHANG_IS_PREVIEW (self));

  site_style = !!site_style;
  if (self->site_style == site_style)
    return;
  self->site_style = site_style;
  /* The site may have changed since: its documents, data and layouts are
   * read again. */
  g_clear_pointer (&self->context, aushang_page_context_unref);
  g_clear_pointer (&self->shown_site_head, g_free);
  g_clear_pointer (&self->shown_site_body, g_free);
  self->page_loaded = FALSE;
  if (self->document != NULL)
    {
      self->pending = TRUE;
      set_idle (self, FALSE);
      schedule_update (self);
    }
}

gboolean
aushang_preview_get_site_style (AushangPreview *self)
{
  g_return_val_if_fail (AUSHANG_IS_PREVIEW (self), FALSE);

  return self->site_style;
}

guint
aushang_preview_get_block_patches (AushangPreview *self)
{
  g_return_val_if_fail (AUSHANG_IS_PREVIEW (self), 0);

  return self->block_patches;
}

void
aushang_preview_get_update_counts (AushangPreview *self,
                                   guint          *block_patches,
                                   guint          *body_patches,
                                   guint          *page_loads,
                                   guint          *pages_lost)
{
  g_return_if_fail (AUSHANG_IS_PREVIEW (self));

  if (block_patches != NULL)
    *block_patches = self->block_patches;
  if (body_patches != NULL)
    *body_patches = self->body_patches;
  if (page_loads != NULL)
    *page_loads = self->load_serial;
  if (pages_lost != NULL)
    *pages_lost = self->pages_lost;
}

gboolean
aushang_preview_get_idle (AushangPreview *self)
{
  g_return_val_if_fail (AUSHANG_IS_PREVIEW (self), FALSE);

  return self->idle;
}

static void
evaluate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JSCValue) value = NULL;
  GError *error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, jsc_value_to_string (value), g_free);
}

void
aushang_preview_evaluate (AushangPreview      *self,
                          const char          *script,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AUSHANG_IS_PREVIEW (self));
  g_return_if_fail (script != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, aushang_preview_evaluate);
  create_web_view (self);

  if (self->web_view == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The preview is gone");
      return;
    }

  webkit_web_view_evaluate_javascript (self->web_view, script, -1, NULL, NULL, cancellable,
                                       evaluate_cb, g_steal_pointer (&task));
}

char *
aushang_preview_evaluate_finish (AushangPreview  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (AUSHANG_IS_PREVIEW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
