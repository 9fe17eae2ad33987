/* aushang-form-util.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-entry-row.h"
#include "aushang-form-util.h"
#include "aushang-site-words.h"
#include "aushang-yaml.h"

/* Small styles the form needs; loaded once per display. */
static const char form_css[] =
  ".aushang-chip {"
  "  border-radius: 9999px;"
  "  padding: 1px 1px 1px 10px;"
  "  background-color: alpha(currentColor, 0.08);"
  "}"
  ".aushang-chip > button {"
  "  min-width: 24px;"
  "  min-height: 24px;"
  "  padding: 0;"
  "}"
  ".aushang-thumbnail {"
  "  border-radius: 6px;"
  "}"
  "textview.aushang-long-text, textview.aushang-long-text > text {"
  "  background: none;"
  "}";

void
aushang_form_ensure_css (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      GdkDisplay *display = gdk_display_get_default ();

      if (display != NULL)
        {
          g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

          gtk_css_provider_load_from_data (provider, form_css, -1);
          gtk_style_context_add_provider_for_display (display,
                                                      GTK_STYLE_PROVIDER (provider),
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
        }

      g_once_init_leave (&loaded, 1);
    }
}

void
aushang_set_accessible_label (GtkWidget  *widget,
                              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* The name is the label alone: GTK 4.8 would add the text of a label
   * that names the widget too ("Title Title"). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
aushang_menu_button_set_label (GtkWidget  *button,
                               const char *label)
{
  GtkWidget *inner;

  gtk_widget_set_tooltip_text (button, label);
  aushang_set_accessible_label (button, label);

  /* The toggle button inside is what takes the focus. */
  inner = gtk_widget_get_first_child (button);
  if (inner != NULL)
    aushang_set_accessible_label (inner, label);
}

GtkWidget *
aushang_icon_button_new (const char *icon_name,
                         const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  aushang_set_accessible_label (button, label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

gpointer
aushang_copy_string (gconstpointer string,
                     gpointer      user_data)
{
  return g_strdup (string);
}

/* Thumbnails ------------------------------------------------------------ */

typedef struct
{
  GFile *file;
  int    width;
  int    height;
} ThumbnailData;

static void
thumbnail_data_free (ThumbnailData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ThumbnailData *data = task_data;
  g_autofree char *path = g_file_get_path (data->file);
  GError *error = NULL;
  GdkPixbuf *pixbuf;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No local path");
      return;
    }

  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, data->width, data->height, TRUE, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GtkPicture *picture = GTK_PICTURE (source);
  ThumbnailData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GFile *wanted = g_object_get_data (G_OBJECT (picture), "aushang-thumbnail-file");

  /* Cancelled, unreadable, or the picture shows another file by now. */
  if (pixbuf == NULL || wanted == NULL || !g_file_equal (wanted, data->file))
    return;

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

void
aushang_thumbnail_load (GtkWidget    *picture,
                        GFile        *file,
                        int           width,
                        int           height,
                        GCancellable *cancellable)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailData *data;

  gtk_picture_set_paintable (GTK_PICTURE (picture), NULL);
  g_object_set_data_full (G_OBJECT (picture), "aushang-thumbnail-file",
                          file ? g_object_ref (file) : NULL, g_object_unref);
  if (file == NULL)
    return;

  data = g_new0 (ThumbnailData, 1);
  data->file = g_object_ref (file);
  /* Twice the size, for high-resolution screens. */
  data->width = width * 2;
  data->height = height * 2;

  task = g_task_new (picture, cancellable, thumbnail_loaded_cb, NULL);
  g_task_set_source_tag (task, aushang_thumbnail_load);
  g_task_set_task_data (task, data, (GDestroyNotify) thumbnail_data_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

GtkWidget *
aushang_thumbnail_new (int width,
                       int height)
{
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (picture, width, height);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (picture, "aushang-thumbnail");
  aushang_set_accessible_label (picture, _("Preview"));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), width);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), width);
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  gtk_widget_set_valign (clamp, GTK_ALIGN_CENTER);

  return clamp;
}

GtkWidget *
aushang_thumbnail_get_picture (GtkWidget *thumbnail)
{
  return adw_clamp_get_child (ADW_CLAMP (thumbnail));
}

/* The site ---------------------------------------------------------------- */

GFile *
aushang_site_file_for_path (AushangSite *site,
                            const char  *path)
{
  GFile *folder;
  g_autoptr(GFile) file = NULL;

  if (site == NULL || path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\0')
    return NULL;

  folder = aushang_site_get_folder (site);
  file = g_file_resolve_relative_path (folder, path + 1);
  if (!g_file_has_prefix (file, folder))
    return NULL;

  return g_steal_pointer (&file);
}

/* Words ------------------------------------------------------------------- */

static const struct
{
  const char *key;
  const char *label;
} friendly_labels[] = {
  { "title", N_("Title") },
  { "teaser", N_("Teaser") },
  { "date", N_("Date") },
  { "authors", N_("Authors") },
  { "author", N_("Authors") },
  { "categories", N_("Categories") },
  { "category", N_("Categories") },
  { "tags", N_("Tags") },
  { "tag", N_("Tags") },
  { "header_image", N_("Header image") },
  { "header_image_credit", N_("Image credit") },
  { "published", N_("Draft") },
  /* Keys Jekyll sites and their themes commonly use. */
  { "layout", N_("Layout") },
  { "permalink", N_("Web address") },
  { "description", N_("Description") },
  { "desc", N_("Description") },
  { "excerpt", N_("Excerpt") },
  { "summary", N_("Summary") },
  { "subtitle", N_("Subtitle") },
  { "lang", N_("Language") },
  { "language", N_("Language") },
  { "image", N_("Image") },
  { "img", N_("Image") },
  { "images", N_("Images") },
  { "thumbnail", N_("Thumbnail") },
  { "image_alt", N_("Image description") },
  { "caption", N_("Caption") },
  { "location", N_("Location") },
  { "place", N_("Place") },
  { "venue", N_("Venue") },
  { "address", N_("Address") },
  { "event", N_("Event") },
  { "event_date", N_("Event date") },
  { "start", N_("Start") },
  { "end", N_("End") },
  { "start_date", N_("Start date") },
  { "end_date", N_("End date") },
  { "time", N_("Time") },
  { "url", N_("Web address") },
  { "link", N_("Link") },
  { "redirect_from", N_("Earlier addresses") },
  { "last_modified_at", N_("Last changed") },
  { "keywords", N_("Keywords") },
  { "series", N_("Series") },
  { "toc", N_("Table of contents") },
  { "comments", N_("Comments") },
  { "hidden", N_("Hidden") },
  { "visible", N_("Visible") },
  { "featured", N_("Featured") },
  { "draft", N_("Draft") },
  { "translator", N_("Translator") },
  { "contact", N_("Contact") },
  { "email", N_("Email") },
  { "price", N_("Price") },
  { "registration", N_("Registration") },
  { "related_post", N_("Related post") },
  { "related_posts", N_("Related posts") },
  { "retrospective_post", N_("Retrospective post") },
  { "is_retrospective", N_("Is retrospective") },
  { "items", N_("Items") },
  { "voucher", N_("Voucher") },
  /* Building blocks' parameters ("disable-vouchers" is looked up as
   * disable_vouchers). */
  { "disable_vouchers", N_("No vouchers") },
  { "gallery_id", N_("Gallery") },
  { "gallery_path", N_("Gallery folder") },
  { "gallery", N_("Gallery") },
  { "folder", N_("Folder") },
  { "path", N_("Folder or file") },
  { "file", N_("File") },
  { "src", N_("File") },
  { "text", N_("Text") },
  { "alt", N_("Image description") },
  { "new_tab", N_("Open in a new tab") },
  { "download", N_("Download") },
  { "width", N_("Width") },
  { "height", N_("Height") },
  { "name", N_("Name") },
  { "label", N_("Label") },
  { "quote", N_("Quote") },
};

char *
aushang_label_for_key (const char *key)
{
  g_autofree char *spaced = NULL;
  gunichar first;
  char buffer[8];
  int length;

  for (gsize i = 0; i < G_N_ELEMENTS (friendly_labels); i++)
    {
      if (strcmp (key, friendly_labels[i].key) == 0)
        return g_strdup (_(friendly_labels[i].label));
    }

  spaced = g_strdelimit (g_strdup (key), "_", ' ');
  if (!g_utf8_validate (spaced, -1, NULL) || *spaced == '\0')
    return g_steal_pointer (&spaced);

  first = g_utf8_get_char (spaced);
  length = g_unichar_to_utf8 (g_unichar_totitle (first), buffer);

  return g_strdup_printf ("%.*s%s", length, buffer, g_utf8_next_char (spaced));
}

/* The words a site gives a building block's parameter in the comment at
 * the top of the include ("items – optional: Nummern der Tickets, …" gives
 * "Nummern der Tickets"), or NULL when it has none. */
char *
aushang_label_for_param (const char *description,
                         const char *param)
{
  g_auto(GStrv) lines = NULL;
  gsize length;

  if (description == NULL || param == NULL || (length = strlen (param)) == 0)
    return NULL;

  lines = g_strsplit (description, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];
      g_autofree char *text = NULL;
      char *cut;

      while (*p == ' ' || *p == '\t' || *p == '-' || *p == '*')
        p++;
      if (strncmp (p, param, length) != 0 || (p[length] != ' ' && p[length] != ':' && p[length] != '\t'))
        continue;
      p += length;
      /* A separator: a dash of any kind, or a colon. */
      while (*p == ' ' || *p == '\t')
        p++;
      if (g_str_has_prefix (p, "\u2013") || g_str_has_prefix (p, "\u2014"))
        p += strlen ("\u2013");
      else if (*p == '-' || *p == ':' || *p == '=')
        p++;
      else
        continue;
      while (*p == ' ' || *p == '\t')
        p++;
      /* "optional:" / "Pflicht:" and the like say nothing about the value. */
      if ((cut = strchr (p, ':')) != NULL && cut - p <= 12 && strchr (p, ' ') > cut)
        p = cut + 1;
      while (*p == ' ')
        p++;
      text = g_strdup (p);
      /* The words, without the example and the remarks after them. */
      for (const char *stop = ",;(."; *stop != '\0'; stop++)
        if ((cut = strchr (text, *stop)) != NULL)
          *cut = '\0';
      if ((cut = strstr (text, " z")) != NULL && g_str_has_prefix (cut, " z. B"))
        *cut = '\0';
      if ((cut = strstr (text, " e")) != NULL && g_str_has_prefix (cut, " e.g"))
        *cut = '\0';
      g_strstrip (text);
      if (*text != '\0' && g_utf8_strlen (text, -1) <= 60)
        return g_steal_pointer (&text);
    }

  return NULL;
}

gboolean
aushang_language_is_german (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "de") &&
         strchr ("_.@", names[0][2]) != NULL;
}

char *
aushang_format_date_in_words (GDateTime *date)
{
  const char *untranslated = "%B %-e, %Y";
  /* Translators: a date in words, in g_date_time_format() syntax; for
   * German "%-e. %B %Y" gives "4. November 2025".
   * xgettext:no-c-format */
  const char *format = _("%B %-e, %Y");

  if (format == untranslated || strcmp (format, untranslated) == 0)
    {
      if (aushang_language_is_german ())
        format = "%-e. %B %Y";
    }

  return g_date_time_format (date, format);
}

/* Diagnostics ------------------------------------------------------------- */

GtkWidget *
aushang_diagnostic_line_new (AushangDiagnostic *diagnostic)
{
  gboolean is_error = diagnostic->severity == AUSHANG_SEVERITY_ERROR;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic"
                                                           : "dialog-warning-symbolic");
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (diagnostic->line > 0)
    text = g_strdup_printf (_("Line %u: %s"), diagnostic->line, diagnostic->message);
  else
    text = g_strdup (diagnostic->message);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  aushang_set_accessible_label (icon, is_error ? _("Error") : _("Warning"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

/* Values ------------------------------------------------------------------ */

gboolean
aushang_value_is_blank (AushangValue *value)
{
  if (value == NULL)
    return TRUE;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_NULL:
      return TRUE;
    case AUSHANG_VALUE_STRING:
      return *aushang_value_get_string (value) == '\0';
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      return aushang_value_get_length (value) == 0;
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    default:
      return FALSE;
    }
}

GDateTime *
aushang_value_dup_date (AushangValue *value)
{
  GDateTime *date = NULL;

  if (value == NULL)
    return NULL;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
      return aushang_value_dup_date_time (value);

    case AUSHANG_VALUE_STRING:
      if (aushang_yaml_parse_jekyll_date (aushang_value_get_string (value), &date))
        return date;
      g_clear_pointer (&date, g_date_time_unref);
      return NULL;

    default:
      return NULL;
    }
}

AushangValue *
aushang_parse_number (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(AushangValue) value = NULL;
  char *comma = strchr (copy, ',');

  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (copy, '.') == NULL)
    *comma = '.';

  value = aushang_yaml_resolve_plain (copy);
  if (value == NULL ||
      (aushang_value_get_kind (value) != AUSHANG_VALUE_INTEGER &&
       aushang_value_get_kind (value) != AUSHANG_VALUE_FLOAT))
    return NULL;

  return g_steal_pointer (&value);
}

AushangFieldKind
aushang_kind_for_value (AushangValue *value)
{
  if (value == NULL)
    return AUSHANG_FIELD_TEXT;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_BOOLEAN:
      return AUSHANG_FIELD_BOOLEAN;
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
      return AUSHANG_FIELD_NUMBER;
    case AUSHANG_VALUE_DATE:
      return AUSHANG_FIELD_DATE;
    case AUSHANG_VALUE_DATETIME:
      return AUSHANG_FIELD_DATETIME;
    case AUSHANG_VALUE_LIST:
      return AUSHANG_FIELD_LIST;
    case AUSHANG_VALUE_MAP:
      return AUSHANG_FIELD_YAML;
    case AUSHANG_VALUE_STRING:
      return strchr (aushang_value_get_string (value), '\n') != NULL
             ? AUSHANG_FIELD_LONG_TEXT : AUSHANG_FIELD_TEXT;
    case AUSHANG_VALUE_NULL:
    default:
      return AUSHANG_FIELD_TEXT;
    }
}

AushangFieldKind
aushang_effective_kind (AushangFieldKind  kind,
                        gboolean          simple,
                        AushangValue     *value)
{
  if (!simple || kind == AUSHANG_FIELD_YAML)
    return AUSHANG_FIELD_YAML;

  if (value == NULL)
    return kind;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_MAP:
      return AUSHANG_FIELD_YAML;

    case AUSHANG_VALUE_LIST:
      return AUSHANG_FIELD_LIST;

    case AUSHANG_VALUE_BOOLEAN:
      return AUSHANG_FIELD_BOOLEAN;

    case AUSHANG_VALUE_DATE:
      return kind == AUSHANG_FIELD_DATETIME ? kind : AUSHANG_FIELD_DATE;

    case AUSHANG_VALUE_DATETIME:
      return AUSHANG_FIELD_DATETIME;

    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
      if (kind == AUSHANG_FIELD_BOOLEAN || kind == AUSHANG_FIELD_DATE ||
          kind == AUSHANG_FIELD_DATETIME || kind == AUSHANG_FIELD_IMAGE ||
          kind == AUSHANG_FIELD_TIME || kind == AUSHANG_FIELD_DURATION ||
          kind == AUSHANG_FIELD_URL)
        return AUSHANG_FIELD_NUMBER;
      return kind;

    case AUSHANG_VALUE_STRING:
      if (kind == AUSHANG_FIELD_BOOLEAN || kind == AUSHANG_FIELD_NUMBER)
        return AUSHANG_FIELD_TEXT;
      if (kind == AUSHANG_FIELD_TEXT && strchr (aushang_value_get_string (value), '\n') != NULL)
        return AUSHANG_FIELD_LONG_TEXT;
      return kind;

    case AUSHANG_VALUE_NULL:
    default:
      return kind;
    }
}

char *
aushang_site_label_for_key (AushangSite *site,
                            const char  *data_path,
                            const char  *key,
                            char       **description)
{
  const AushangKeyWords *words = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (site != NULL)
    words = aushang_site_get_key_words (site, data_path, key);
  if (description != NULL)
    *description = words != NULL ? g_strdup (words->description) : NULL;

  if (words != NULL && words->label != NULL)
    return g_strdup (words->label);

  return aushang_label_for_key (key);
}

void
aushang_row_set_site_description (GtkWidget  *row,
                                  const char *description)
{
  const char *subtitle;

  if (description == NULL || *description == '\0')
    return;

  if (ADW_IS_ACTION_ROW (row) &&
      ((subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row))) == NULL || *subtitle == '\0'))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      /* A text field beside it (libadwaita 1.2): the description's column
       * wraps, the field keeps room to type (it was squeezed to 20 px). */
      if (AUSHANG_IS_ENTRY_ROW (row))
        gtk_widget_set_size_request (aushang_entry_row_get_text_widget (AUSHANG_ENTRY_ROW (row)), 208, -1);
      return;
    }

  gtk_widget_set_tooltip_text (row, description);
}
