/* aushang-form.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "aushang-form.h"
#include "aushang-safe-file.h"
#include "aushang-slug.h"
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

static void
ensure_css (void)
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

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* A flat button showing only an icon: its tooltip and accessible name
 * are @label. */
static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  set_accessible_label (button, label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static GtkWidget *
icon_menu_button_new (const char *icon_name,
                      const char *label)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *inner;

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon_name);
  gtk_widget_set_tooltip_text (button, label);
  set_accessible_label (button, label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  /* The toggle button inside is what takes the focus. */
  inner = gtk_widget_get_first_child (button);
  if (inner != NULL)
    set_accessible_label (inner, label);

  return button;
}

static gpointer
copy_string (gconstpointer string,
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

/* Shows @file (an image) scaled down in @picture, read in a thread. */
static void
load_thumbnail (GtkWidget    *picture,
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
  g_task_set_source_tag (task, load_thumbnail);
  g_task_set_task_data (task, data, (GDestroyNotify) thumbnail_data_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

static GtkWidget *
thumbnail_new (int width,
               int height)
{
  GtkWidget *picture = gtk_picture_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (picture, width, height);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (picture, "aushang-thumbnail");
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                  -1);

  return picture;
}

/* A picture's natural size is its image's: the clamp keeps it small. */
static GtkWidget *
thumbnail_clamp_new (GtkWidget *picture,
                     int        width)
{
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), width);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), width);
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  gtk_widget_set_valign (clamp, GTK_ALIGN_CENTER);

  return clamp;
}

/* The file of a site-absolute path ("/assets/images/a.jpg"), or NULL when
 * the path is not one or leads outside the site folder. */
static GFile *
site_file_for_path (AushangSite *site,
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

/* Pickers: a menu button with a searchable list of values ---------------- */

typedef GPtrArray *(*PickerValuesFunc) (gpointer    user_data);
typedef void       (*PickerPickFunc)   (gpointer    user_data,
                                        const char *value);

typedef struct
{
  PickerValuesFunc  values_func;
  PickerPickFunc    pick_func;
  gpointer          user_data;
  AushangSite      *site;        /* set: rows show thumbnails of site paths */
  GtkWidget        *popover;     /* unowned */
  GtkWidget        *search;
  GtkWidget        *list;
} Picker;

static void
picker_free (Picker *picker)
{
  g_clear_object (&picker->site);
  g_free (picker);
}

static gboolean
picker_filter_cb (GtkListBoxRow *row,
                  gpointer       user_data)
{
  Picker *picker = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (picker->search));
  const char *value = g_object_get_data (G_OBJECT (row), "aushang-value");
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (text == NULL || *text == '\0' || value == NULL)
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (value, -1);

  return strstr (haystack, needle) != NULL;
}

static void
picker_search_changed_cb (GtkSearchEntry *entry,
                          Picker         *picker)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (picker->list));
}

static void
picker_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         Picker        *picker)
{
  g_autofree char *value = g_strdup (g_object_get_data (G_OBJECT (row), "aushang-value"));

  if (value == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (picker->popover));
  picker->pick_func (picker->user_data, value);
}

static void
picker_search_activate_cb (GtkSearchEntry *entry,
                           Picker         *picker)
{
  /* Enter in the search field takes the first match. */
  for (GtkWidget *child = gtk_widget_get_first_child (picker->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          gtk_widget_get_child_visible (child) &&
          g_object_get_data (G_OBJECT (child), "aushang-value") != NULL)
        {
          picker_row_activated_cb (GTK_LIST_BOX (picker->list), GTK_LIST_BOX_ROW (child), picker);
          return;
        }
    }
}

static void
picker_show_cb (GtkPopover *popover,
                Picker     *picker)
{
  g_autoptr(GPtrArray) values = picker->values_func (picker->user_data);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (picker->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (picker->list), child);

  gtk_editable_set_text (GTK_EDITABLE (picker->search), "");
  gtk_widget_set_visible (picker->search, values != NULL && values->len > 8);

  if (values == NULL || values->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing to choose from yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_list_box_append (GTK_LIST_BOX (picker->list), label);
      child = gtk_widget_get_last_child (picker->list);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (child), FALSE);
      return;
    }

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_widget_set_margin_start (box, 4);
      gtk_widget_set_margin_end (box, 4);

      if (picker->site != NULL)
        {
          g_autoptr(GFile) file = site_file_for_path (picker->site, value);
          GtkWidget *picture = thumbnail_new (48, 32);

          gtk_box_append (GTK_BOX (box), thumbnail_clamp_new (picture, 48));
          load_thumbnail (picture, file, 48, 32, NULL);
        }

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      set_accessible_label (row, value);
      g_object_set_data_full (G_OBJECT (row), "aushang-value", g_strdup (value), g_free);
      gtk_list_box_append (GTK_LIST_BOX (picker->list), row);
    }
}

/* A menu button listing the values @values_func returns when it opens;
 * choosing one calls @pick_func. With @site, the values are site paths of
 * images and get thumbnails. */
static GtkWidget *
picker_button_new (const char       *icon_name,
                   const char       *label,
                   PickerValuesFunc  values_func,
                   PickerPickFunc    pick_func,
                   gpointer          user_data,
                   AushangSite      *site)
{
  GtkWidget *button = icon_menu_button_new (icon_name, label);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  Picker *picker = g_new0 (Picker, 1);

  picker->values_func = values_func;
  picker->pick_func = pick_func;
  picker->user_data = user_data;
  picker->site = site ? g_object_ref (site) : NULL;
  picker->popover = popover;

  picker->search = gtk_search_entry_new ();
  set_accessible_label (picker->search, _("Search"));
  g_signal_connect (picker->search, "search-changed", G_CALLBACK (picker_search_changed_cb), picker);
  g_signal_connect (picker->search, "activate", G_CALLBACK (picker_search_activate_cb), picker);
  gtk_box_append (GTK_BOX (box), picker->search);

  picker->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (picker->list), GTK_SELECTION_NONE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (picker->list), picker_filter_cb, picker, NULL);
  set_accessible_label (picker->list, label);
  g_signal_connect (picker->list, "row-activated", G_CALLBACK (picker_row_activated_cb), picker);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), picker->list);
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (picker_show_cb), picker);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  g_object_set_data_full (G_OBJECT (button), "aushang-picker", picker, (GDestroyNotify) picker_free);

  return button;
}

/* AushangChips: names as removable chips, plus an entry to add one ------- */

#define AUSHANG_TYPE_CHIPS (aushang_chips_get_type ())

G_DECLARE_FINAL_TYPE (AushangChips, aushang_chips, AUSHANG, CHIPS, GtkWidget)

struct _AushangChips
{
  GtkWidget     parent_instance;

  GtkWidget    *flow;
  GtkWidget    *entry_box;
  GtkWidget    *entry;
  GtkWidget    *suggest_button;
  GtkListStore *completion_store;

  GPtrArray    *items;        /* char* */
  GPtrArray    *suggestions;  /* char* */
  GHashTable   *known;        /* char* set, or NULL: every name is fine */
  char         *unknown_hint;
};

enum
{
  CHIPS_CHANGED,
  N_CHIPS_SIGNALS
};

static guint chips_signals[N_CHIPS_SIGNALS];

G_DEFINE_FINAL_TYPE (AushangChips, aushang_chips, GTK_TYPE_WIDGET)

static gboolean
chips_has (AushangChips *self,
           const char   *name)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      if (strcmp (g_ptr_array_index (self->items, i), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void chips_remove_clicked_cb (GtkButton    *button,
                                     AushangChips *self);

static GtkWidget *
chips_create_chip (AushangChips *self,
                   const char   *name)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *button;
  g_autofree char *remove_label = NULL;
  gboolean unknown = self->known != NULL && !g_hash_table_contains (self->known, name);

  gtk_widget_add_css_class (chip, "aushang-chip");

  if (unknown)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, self->unknown_hint);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->unknown_hint,
                                      -1);
      gtk_box_append (GTK_BOX (chip), icon);
      gtk_widget_set_tooltip_text (label, self->unknown_hint);
    }

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (chip), label);

  /* Translators: the "×" button on a name in a list; %s is the name. */
  remove_label = g_strdup_printf (_("Remove “%s”"), name);
  button = icon_button_new ("window-close-symbolic", remove_label);
  gtk_widget_add_css_class (button, "circular");
  if (unknown)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->unknown_hint,
                                    -1);
  g_object_set_data_full (G_OBJECT (button), "aushang-chip-name", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (chips_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (chip), button);

  return chip;
}

static void
chips_rebuild (AushangChips *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);

  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *chip = chips_create_chip (self, g_ptr_array_index (self->items, i));

      gtk_flow_box_append (GTK_FLOW_BOX (self->flow), chip);
      /* Tab goes straight to each chip's "×", not to the chip first. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }

  gtk_widget_set_visible (self->flow, self->items->len > 0);

  gtk_list_store_clear (self->completion_store);
  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const char *name = g_ptr_array_index (self->suggestions, i);

      if (!chips_has (self, name))
        gtk_list_store_insert_with_values (self->completion_store, NULL, -1, 0, name, -1);
    }
}

static void
chips_focus_chip (AushangChips *self,
                  int           index)
{
  GtkFlowBoxChild *child = NULL;

  if (index >= 0)
    child = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (self->flow), index);

  if (child != NULL)
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (child);

      gtk_widget_grab_focus (gtk_widget_get_last_child (chip));
    }
  else
    gtk_widget_grab_focus (self->entry);
}

static void
chips_remove_clicked_cb (GtkButton    *button,
                         AushangChips *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "aushang-chip-name");

  for (guint i = 0; i < self->items->len; i++)
    {
      if (strcmp (g_ptr_array_index (self->items, i), name) == 0)
        {
          g_ptr_array_remove_index (self->items, i);
          chips_rebuild (self);
          /* Keep the keyboard where it was: on the next chip, or the entry. */
          chips_focus_chip (self, MIN ((int) i, (int) self->items->len - 1));
          g_signal_emit (self, chips_signals[CHIPS_CHANGED], 0);
          return;
        }
    }
}

static void
chips_add (AushangChips *self,
           const char   *text)
{
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (*name == '\0' || chips_has (self, name))
    return;

  g_ptr_array_add (self->items, g_steal_pointer (&name));
  chips_rebuild (self);
  g_signal_emit (self, chips_signals[CHIPS_CHANGED], 0);
}

static void
chips_entry_activate_cb (GtkEntry     *entry,
                         AushangChips *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  chips_add (self, text);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
chips_completion_match_cb (GtkEntryCompletion *completion,
                           const char         *key,
                           GtkTreeIter        *iter,
                           gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *name = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  if (name == NULL)
    return FALSE;

  /* Anywhere in the name: "dem" finds "Aylin Demir". GTK hands @key
   * normalized and case-folded. */
  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (normalized, -1);

  return strstr (folded, key) != NULL;
}

static gboolean
chips_match_selected_cb (GtkEntryCompletion *completion,
                         GtkTreeModel       *model,
                         GtkTreeIter        *iter,
                         AushangChips       *self)
{
  g_autofree char *name = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  if (name != NULL)
    chips_add (self, name);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  return TRUE;
}

static GPtrArray *
chips_unchosen_suggestions (gpointer user_data)
{
  AushangChips *self = user_data;
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const char *name = g_ptr_array_index (self->suggestions, i);

      if (!chips_has (self, name))
        g_ptr_array_add (values, g_strdup (name));
    }

  return values;
}

static void
chips_pick (gpointer    user_data,
            const char *value)
{
  AushangChips *self = user_data;

  chips_add (self, value);
  gtk_widget_grab_focus (self->entry);
}

static gboolean
aushang_chips_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (AUSHANG_CHIPS (widget)->entry);
}

/* Tab visits each chip's "×", then the entry, then the suggestions
 * button: the same order as on screen, whatever the flow box would do. */
static gboolean
aushang_chips_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  AushangChips *self = AUSHANG_CHIPS (widget);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_RIGHT ||
                     direction == GTK_DIR_DOWN;
  int current = -1;
  int next;

  for (GtkWidget *child = gtk_widget_get_first_child (self->flow);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_ptr_array_add (stops, gtk_widget_get_last_child (chip));
    }
  g_ptr_array_add (stops, self->entry);
  if (gtk_widget_get_visible (self->suggest_button))
    g_ptr_array_add (stops, self->suggest_button);

  for (guint i = 0; focus != NULL && i < stops->len; i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);

      if (focus == stop || gtk_widget_is_ancestor (focus, stop))
        current = (int) i;
    }

  next = current < 0 ? (forward ? 0 : (int) stops->len - 1)
                     : current + (forward ? 1 : -1);

  for (; next >= 0 && next < (int) stops->len; next += forward ? 1 : -1)
    {
      if (gtk_widget_child_focus (g_ptr_array_index (stops, next), direction))
        return TRUE;
    }

  return FALSE;
}

static void
aushang_chips_dispose (GObject *object)
{
  AushangChips *self = AUSHANG_CHIPS (object);

  g_clear_pointer (&self->flow, gtk_widget_unparent);
  g_clear_pointer (&self->entry_box, gtk_widget_unparent);
  self->entry = NULL;
  self->suggest_button = NULL;
  g_clear_object (&self->completion_store);

  G_OBJECT_CLASS (aushang_chips_parent_class)->dispose (object);
}

static void
aushang_chips_finalize (GObject *object)
{
  AushangChips *self = AUSHANG_CHIPS (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->unknown_hint, g_free);

  G_OBJECT_CLASS (aushang_chips_parent_class)->finalize (object);
}

static void
aushang_chips_class_init (AushangChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_chips_dispose;
  object_class->finalize = aushang_chips_finalize;
  widget_class->grab_focus = aushang_chips_grab_focus;
  widget_class->focus = aushang_chips_focus;

  /* Emitted when the person added or removed a name. */
  chips_signals[CHIPS_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
aushang_chips_init (AushangChips *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->items = g_ptr_array_new_with_free_func (g_free);
  self->suggestions = g_ptr_array_new_with_free_func (g_free);
  self->completion_store = gtk_list_store_new (1, G_TYPE_STRING);

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 30);
  gtk_widget_set_visible (self->flow, FALSE);
  gtk_widget_set_parent (self->flow, GTK_WIDGET (self));

  self->entry_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->entry_box, "linked");
  gtk_widget_set_parent (self->entry_box, GTK_WIDGET (self));

  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  /* Translators: placeholder of the field that adds a name to a list. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Add…"));
  g_signal_connect (self->entry, "activate", G_CALLBACK (chips_entry_activate_cb), self);
  gtk_box_append (GTK_BOX (self->entry_box), self->entry);

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completion_store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_match_func (completion, chips_completion_match_cb, NULL, NULL);
  g_signal_connect (completion, "match-selected", G_CALLBACK (chips_match_selected_cb), self);
  gtk_entry_set_completion (GTK_ENTRY (self->entry), completion);

  self->suggest_button = picker_button_new ("pan-down-symbolic", _("Choose from site"),
                                            chips_unchosen_suggestions, chips_pick, self, NULL);
  gtk_widget_remove_css_class (self->suggest_button, "flat");
  gtk_widget_set_visible (self->suggest_button, FALSE);
  gtk_box_append (GTK_BOX (self->entry_box), self->suggest_button);
}

static GtkWidget *
aushang_chips_new (const char *label)
{
  AushangChips *self = g_object_new (AUSHANG_TYPE_CHIPS, NULL);

  set_accessible_label (GTK_WIDGET (self), label);
  set_accessible_label (self->entry, label);

  return GTK_WIDGET (self);
}

static void
aushang_chips_set_items (AushangChips       *self,
                         const char * const *items)
{
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (!chips_has (self, items[i]))
        g_ptr_array_add (self->items, g_strdup (items[i]));
    }

  chips_rebuild (self);
}

static char **
aushang_chips_dup_items (AushangChips *self)
{
  char **items = g_new0 (char *, self->items->len + 1);

  for (guint i = 0; i < self->items->len; i++)
    items[i] = g_strdup (g_ptr_array_index (self->items, i));

  return items;
}

/* @suggestions: char*, most likely first. @known: the names that get no
 * warning (NULL: none does), with @unknown_hint saying why the others do. */
static void
aushang_chips_set_suggestions (AushangChips *self,
                               GPtrArray    *suggestions,
                               GHashTable   *known,
                               const char   *unknown_hint)
{
  g_ptr_array_set_size (self->suggestions, 0);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    g_ptr_array_add (self->suggestions, g_strdup (g_ptr_array_index (suggestions, i)));

  g_clear_pointer (&self->known, g_hash_table_unref);
  if (known != NULL)
    self->known = g_hash_table_ref (known);
  g_free (self->unknown_hint);
  self->unknown_hint = g_strdup (unknown_hint);

  gtk_widget_set_visible (self->suggest_button, self->suggestions->len > 0);
  chips_rebuild (self);
}

/* The form ---------------------------------------------------------------- */

/* One field of the form: the widgets showing one front matter key. Owned
 * by its row, so it lives exactly as long as the widgets that use it. */
typedef struct
{
  AushangForm      *form;           /* unowned: the form outlives its rows */
  char             *key;            /* the key written, as the document spells it */
  char             *schema_key;     /* the schema's spelling ("authors" for "author") */
  char             *label;
  AushangFieldKind  kind;
  gboolean          required;
  gboolean          has_time;
  gboolean          split_words;    /* categories/tags: Jekyll splits strings at spaces */
  AushangValue     *value;          /* the value shown, or NULL */

  GtkWidget        *row;
  GtkWidget        *widget;         /* the editable widget */
  GtkWidget        *header;         /* box rows: the line with the label */
  GtkWidget        *status;
  GtkWidget        *required_label;
  GtkWidget        *picture;
  GtkWidget        *calendar;
  GtkWidget        *hour;
  GtkWidget        *minute;

  char             *edit_error;     /* why the core refused the last edit */
  char             *diagnostic;     /* from aushang_form_show_diagnostics() */
  gboolean          diagnostic_is_error;
} Field;

struct _AushangForm
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkWidget          *problem_box;
  GtkLabel           *problem_label;
  GtkWidget          *problem_button;
  GtkWidget          *diagnostics_box;
  GtkWidget          *fields_box;

  AushangSite        *site;
  AushangCollection  *collection;   /* owned by the site */
  AushangDocument    *document;
  AushangFrontMatter *front_matter;
  gulong              front_matter_changed_id;

  GHashTable         *fields;       /* key, schema key and alias → Field* */
  GPtrArray          *diagnostics;  /* AushangDiagnostic*, the last ones shown */
  GCancellable       *cancellable;  /* thumbnails and copies for this document */
  GtkWidget          *yaml_dialog;
  GtkNativeDialog    *file_chooser;

  gboolean            filling;      /* widgets are being set from the document */
  gboolean            writing;      /* the form is editing the front matter */
  gboolean            wrote_change;
  gboolean            had_published_true;
};

G_DEFINE_FINAL_TYPE (AushangForm, aushang_form, ADW_TYPE_BIN)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild           (AushangForm *self);
static void close_yaml_dialog (AushangForm *self);
static void open_yaml_dialog  (AushangForm *self,
                               const char  *key);

static void
field_free (Field *field)
{
  g_free (field->key);
  g_free (field->schema_key);
  g_free (field->label);
  g_clear_pointer (&field->value, aushang_value_unref);
  g_free (field->edit_error);
  g_free (field->diagnostic);
  g_free (field);
}

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
};

/* "Title" for title; "Related post" for related_post. */
static char *
label_for_key (const char *key)
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

static gboolean
language_is_german (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "de") &&
         strchr ("_.@", names[0][2]) != NULL;
}

/* "4. November 2025" in German, "November 4, 2025" in English. */
static char *
format_date_in_words (GDateTime *date)
{
  const char *untranslated = "%B %-e, %Y";
  /* Translators: a date in words, in g_date_time_format() syntax; for
   * German "%-e. %B %Y" gives "4. November 2025".
   * xgettext:no-c-format */
  const char *format = _("%B %-e, %Y");

  if (format == untranslated || strcmp (format, untranslated) == 0)
    {
      if (language_is_german ())
        format = "%-e. %B %Y";
    }

  return g_date_time_format (date, format);
}

static gboolean
value_is_blank (AushangValue *value)
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

/* The widget a value needs, given what the schema expects: a value of
 * another type is shown as what it is, so editing keeps its type. */
static AushangFieldKind
effective_kind (AushangFieldKind  kind,
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
          kind == AUSHANG_FIELD_DATETIME || kind == AUSHANG_FIELD_IMAGE)
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

/* The kind of a key no other document of the collection has. */
static AushangFieldKind
kind_for_value (AushangValue *value)
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

/* Status: the core's refusal or the diagnostics, at the field ------------ */

static void
field_update_status (Field *field)
{
  const char *message = field->edit_error ? field->edit_error : field->diagnostic;
  gboolean is_error = field->edit_error != NULL || (field->diagnostic && field->diagnostic_is_error);

  if (field->status == NULL)
    return;

  gtk_widget_set_visible (field->status, message != NULL);
  gtk_widget_remove_css_class (field->status, "error");
  gtk_widget_remove_css_class (field->status, "warning");

  if (message != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (field->status),
                                    is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (field->status, is_error ? "error" : "warning");
      gtk_widget_set_tooltip_text (field->status, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->status),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_set_tooltip_text (field->status, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  if (is_error)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (field->widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               is_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
field_set_edit_error (Field      *field,
                      const char *message)
{
  if (g_strcmp0 (field->edit_error, message) == 0)
    return;

  g_free (field->edit_error);
  field->edit_error = g_strdup (message);
  field_update_status (field);
}

static void
field_update_required (Field *field)
{
  gboolean blank;

  if (field->required_label == NULL)
    return;

  blank = value_is_blank (field->value);
  if (blank)
    {
      gtk_widget_remove_css_class (field->required_label, "dim-label");
      gtk_widget_add_css_class (field->required_label, "error");
    }
  else
    {
      gtk_widget_remove_css_class (field->required_label, "error");
      gtk_widget_add_css_class (field->required_label, "dim-label");
    }
}

/* Writing through the core ----------------------------------------------- */

/* Sets the field's key to @value (NULL: removes the key) and emits
 * ::changed when the text changed. A refusal is shown at the field; the
 * widget keeps what the person typed. */
static gboolean
field_store (Field        *field,
             AushangValue *value)
{
  AushangForm *self = field->form;
  AushangFrontMatter *front_matter;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->filling || self->document == NULL)
    return FALSE;

  front_matter = aushang_document_get_front_matter (self->document);
  if (front_matter == NULL)
    {
      field_set_edit_error (field, _("The fields cannot be changed until the problem above is fixed."));
      return FALSE;
    }

  self->writing = TRUE;
  self->wrote_change = FALSE;
  if (value == NULL)
    ok = aushang_front_matter_remove (front_matter, field->key, &error);
  else
    ok = aushang_front_matter_set_value (front_matter, field->key, value, &error);
  self->writing = FALSE;

  field_set_edit_error (field, ok ? NULL : error->message);
  if (ok)
    {
      g_clear_pointer (&field->value, aushang_value_unref);
      if (value != NULL)
        field->value = aushang_value_ref (value);
      field_update_required (field);
    }

  if (self->wrote_change)
    {
      self->wrote_change = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }

  return ok;
}

static void
front_matter_changed_cb (AushangForm        *self,
                         AushangFrontMatter *front_matter)
{
  if (self->writing)
    {
      self->wrote_change = TRUE;
      return;
    }

  /* Someone else changed the front matter: show what it holds now. */
  rebuild (self);
}

/* Rows ------------------------------------------------------------------- */

static void
field_add_suffix (Field     *field,
                  GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (field->row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), widget);
  else if (ADW_IS_ACTION_ROW (field->row))
    adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), widget);
  else
    gtk_box_append (GTK_BOX (field->header), widget);
}

/* The status icon and, for required fields, the "Required" label. */
static void
field_add_decorations (Field *field)
{
  field->status = gtk_image_new ();
  gtk_widget_set_visible (field->status, FALSE);
  gtk_widget_set_valign (field->status, GTK_ALIGN_CENTER);
  field_add_suffix (field, field->status);

  if (field->required)
    {
      field->required_label = gtk_label_new (_("Required"));
      gtk_widget_add_css_class (field->required_label, "caption");
      gtk_widget_add_css_class (field->required_label, "dim-label");
      gtk_widget_set_valign (field->required_label, GTK_ALIGN_CENTER);
      field_add_suffix (field, field->required_label);
      field_update_required (field);
    }
}

static void
row_setup (Field     *field,
           GtkWidget *row)
{
  field->row = row;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
}

/* A row for widgets that need the full width: the label above them. */
static GtkWidget *
box_row_new (Field     *field,
             GtkWidget *content)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (field->label);

  row_setup (field, row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  field->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (field->header), title);
  gtk_box_append (GTK_BOX (box), field->header);
  gtk_box_append (GTK_BOX (box), content);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field);
static void field_watch_focus_leave (Field *field);

static void field_set_text (Field      *field,
                            const char *text);

static void
text_pick (gpointer    user_data,
           const char *value)
{
  field_set_text (user_data, value);
}

static GPtrArray *
field_suggestions (gpointer user_data)
{
  Field *field = user_data;
  AushangForm *self = field->form;
  AushangSchema *schema;
  AushangField *schema_field;

  if (self->site == NULL || self->collection == NULL)
    return NULL;

  schema = aushang_site_get_schema (self->site, self->collection);
  schema_field = aushang_schema_get_field (schema, field->schema_key);
  if (schema_field == NULL)
    return NULL;

  return g_ptr_array_copy (schema_field->suggestions, copy_string, NULL);
}

static GtkWidget *
text_row_new (Field      *field,
              const char *text,
              gboolean    with_suggestions)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkEditable *delegate;

  row_setup (field, row);
  field->widget = row;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  set_accessible_label (row, field->label);
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  if (delegate != NULL)
    set_accessible_label (GTK_WIDGET (delegate), field->label);

  if (field->kind == AUSHANG_FIELD_NUMBER)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);

  field_add_decorations (field);

  if (with_suggestions)
    {
      g_autoptr(GPtrArray) suggestions = field_suggestions (field);

      if (suggestions != NULL && suggestions->len > 0)
        {
          /* Translators: tooltip of the button listing the values other
           * documents use for a field. */
          GtkWidget *button = picker_button_new ("pan-down-symbolic", _("Values used before"),
                                                 field_suggestions, text_pick, field, NULL);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
        }
    }

  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), field);
  field_watch_focus_leave (field);

  return row;
}

/* Reads "3", "2.5" or "2,5" as a number; NULL when it is none. */
static AushangValue *
parse_number (const char *text)
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

static void
image_update_thumbnail (Field      *field,
                        const char *path)
{
  g_autoptr(GFile) file = site_file_for_path (field->form->site, path);

  if (file != NULL && !g_file_query_exists (file, NULL))
    g_clear_object (&file);

  load_thumbnail (field->picture, file, 64, 40, field->form->cancellable);
  gtk_widget_set_visible (field->picture, file != NULL);
}

/* Stores what a text field holds. An optional field left empty loses its
 * key (Liquid takes "" for a value), but only once the person leaves it:
 * typing over a selection passes through "", and the key should neither
 * move nor lose its quoting on the way. Meanwhile it holds "". */
static void
field_store_text (Field      *field,
                  const char *text,
                  gboolean    leaving)
{
  g_autoptr(AushangValue) value = NULL;

  if (field->form->filling)
    return;

  if (*text == '\0')
    {
      if (leaving && !field->required)
        {
          if (field->value != NULL)
            field_store (field, NULL);
          field_set_edit_error (field, NULL);
          return;
        }

      /* A number is written once there is one; nothing to write for a key
       * that is not there yet. */
      if (leaving || field->kind == AUSHANG_FIELD_NUMBER ||
          (field->value == NULL && !field->required))
        return;
    }

  if (leaving)
    return;

  if (field->kind == AUSHANG_FIELD_NUMBER && *text != '\0')
    {
      value = parse_number (text);
      if (value == NULL)
        {
          field_set_edit_error (field, _("Enter a number, for example 3 or 2.5."));
          return;
        }
    }
  else
    value = aushang_value_new_string (text);

  field_store (field, value);
}

static char *
field_dup_text (Field *field)
{
  if (GTK_IS_TEXT_VIEW (field->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
}

static void
text_focus_leave_cb (GtkEventControllerFocus *controller,
                     Field                   *field)
{
  g_autofree char *text = field_dup_text (field);

  field_store_text (field, text, TRUE);
}

static void
field_watch_focus_leave (Field *field)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (text_focus_leave_cb), field);
  gtk_widget_add_controller (field->row, controller);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  const char *text = gtk_editable_get_text (editable);

  if (field->form->filling)
    return;

  field_store_text (field, text, FALSE);

  if (field->kind == AUSHANG_FIELD_IMAGE)
    image_update_thumbnail (field, text);
}

/* Puts @text into an entry field and stores it, in one edit. */
static void
field_set_text (Field      *field,
                const char *text)
{
  AushangForm *self = field->form;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
  self->filling = FALSE;

  field_store_text (field, text, FALSE);
  if (field->kind == AUSHANG_FIELD_IMAGE)
    image_update_thumbnail (field, text);
}

static void
long_text_changed_cb (GtkTextBuffer *buffer,
                      Field         *field)
{
  g_autofree char *text = field_dup_text (field);

  field_store_text (field, text, FALSE);
}

static GtkWidget *
long_text_row_new (Field      *field,
                   const char *text)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkWidget *row;

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_widget_add_css_class (view, "aushang-long-text");
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  set_accessible_label (view, field->label);
  gtk_frame_set_child (GTK_FRAME (frame), view);

  row = box_row_new (field, frame);
  field->widget = view;
  field_add_decorations (field);
  g_signal_connect (buffer, "changed", G_CALLBACK (long_text_changed_cb), field);
  field_watch_focus_leave (field);

  return row;
}

/* Lists ------------------------------------------------------------------ */

static void
chips_changed_cb (AushangChips *chips,
                  Field        *field)
{
  g_auto(GStrv) items = aushang_chips_dup_items (chips);
  g_autoptr(AushangValue) value = NULL;
  guint n = g_strv_length (items);

  /* A list the file writes as one string ("author: Aylin Demir",
   * "categories: Neuigkeiten") stays one while it holds one name that
   * Jekyll reads the same way. */
  if (field->value != NULL &&
      aushang_value_get_kind (field->value) == AUSHANG_VALUE_STRING &&
      n == 1 &&
      !(field->split_words && strpbrk (items[0], " \t") != NULL))
    value = aushang_value_new_string (items[0]);
  else
    {
      value = aushang_value_new_list ();
      for (guint i = 0; i < n; i++)
        aushang_value_list_append (value, aushang_value_new_string (items[i]));
    }

  field_store (field, value);
}

static char **
list_items_of (Field        *field,
               AushangValue *value)
{
  if (value == NULL || aushang_value_get_kind (value) == AUSHANG_VALUE_NULL)
    return NULL;

  /* Jekyll reads "categories: a b" as two categories. */
  if (field->split_words && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    {
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", aushang_value_get_string (value), 0, 0);
      GStrvBuilder *builder = g_strv_builder_new ();
      char **result;

      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] != '\0')
            g_strv_builder_add (builder, words[i]);
        }

      result = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
      return result;
    }

  return aushang_value_dup_strv (value);
}

static GtkWidget *
list_row_new (Field        *field,
              AushangValue *value)
{
  AushangForm *self = field->form;
  GtkWidget *chips = aushang_chips_new (field->label);
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) known = NULL;
  g_auto(GStrv) items = NULL;
  const char *hint = NULL;
  GtkWidget *row;

  field->split_words = g_strcmp0 (field->schema_key, "categories") == 0 ||
                       g_strcmp0 (field->schema_key, "tags") == 0;

  if (self->site != NULL && g_strcmp0 (field->schema_key, "authors") == 0)
    {
      GPtrArray *authors = aushang_site_get_authors (self->site);
      gboolean any_from_data = FALSE;

      known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; authors != NULL && i < authors->len; i++)
        any_from_data |= ((AushangSiteTerm *) g_ptr_array_index (authors, i))->from_data;

      for (guint i = 0; authors != NULL && i < authors->len; i++)
        {
          AushangSiteTerm *term = g_ptr_array_index (authors, i);

          g_ptr_array_add (suggestions, g_strdup (term->name));
          /* The site's list is its _data file where it has one. */
          if (term->from_data || !any_from_data)
            g_hash_table_add (known, g_strdup (term->name));
        }

      if (g_hash_table_size (known) == 0)
        g_clear_pointer (&known, g_hash_table_unref);
      hint = _("Not in the site’s author list");
    }
  else if (self->site != NULL && field->split_words)
    {
      g_autoptr(GPtrArray) terms = aushang_site_get_terms (self->site, self->collection,
                                                           field->schema_key);

      for (guint i = 0; i < terms->len; i++)
        g_ptr_array_add (suggestions,
                         g_strdup (((AushangSiteTerm *) g_ptr_array_index (terms, i))->name));
    }
  else
    {
      g_autoptr(GPtrArray) values = field_suggestions (field);

      for (guint i = 0; values != NULL && i < values->len; i++)
        g_ptr_array_add (suggestions, g_strdup (g_ptr_array_index (values, i)));
    }

  items = list_items_of (field, value);
  aushang_chips_set_items (AUSHANG_CHIPS (chips), (const char * const *) items);
  aushang_chips_set_suggestions (AUSHANG_CHIPS (chips), suggestions, known, hint);

  row = box_row_new (field, chips);
  field->widget = chips;
  field_add_decorations (field);
  g_signal_connect (chips, "changed", G_CALLBACK (chips_changed_cb), field);

  return row;
}

/* Dates ------------------------------------------------------------------ */

static GTimeZone *
site_time_zone (AushangForm *self)
{
  if (self->site != NULL)
    {
      AushangValue *config = aushang_site_get_config (self->site);
      AushangValue *zone = NULL;

      if (config != NULL && aushang_value_get_kind (config) == AUSHANG_VALUE_MAP)
        zone = aushang_value_lookup (config, "timezone");

      if (zone != NULL && aushang_value_get_kind (zone) == AUSHANG_VALUE_STRING)
        {
          GTimeZone *tz = g_time_zone_new_identifier (aushang_value_get_string (zone));

          if (tz != NULL)
            return tz;
        }
    }

  return g_time_zone_new_local ();
}

/* The date a value holds, in its own zone; strings as Jekyll parses them. */
static GDateTime *
value_dup_date (AushangValue *value)
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

static void
date_update_subtitle (Field *field)
{
  g_autoptr(GDateTime) date = value_dup_date (field->value);
  g_autofree char *text = NULL;

  if (date != NULL)
    text = format_date_in_words (date);
  else if (field->value != NULL && aushang_value_get_kind (field->value) == AUSHANG_VALUE_STRING)
    text = g_strdup_printf (_("“%s” is not a date Jekyll can read"),
                            aushang_value_get_string (field->value));
  else
    text = g_strdup (_("Not set"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), text);
}

static void
date_store (Field *field)
{
  AushangForm *self = field->form;
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (GTK_CALENDAR (field->calendar));
  g_autoptr(AushangValue) value = NULL;
  int year, month, day;

  if (self->filling)
    return;

  g_date_time_get_ymd (picked, &year, &month, &day);

  if (field->has_time)
    {
      int hour = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->hour));
      int minute = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->minute));
      double seconds = 0;
      gboolean has_offset = TRUE;
      int offset = 0;

      if (field->value != NULL && aushang_value_get_kind (field->value) == AUSHANG_VALUE_DATETIME)
        {
          g_autoptr(GDateTime) old = aushang_value_dup_date_time (field->value);

          /* Keep the zone the file gives (or that it gives none). */
          seconds = g_date_time_get_seconds (old);
          has_offset = aushang_value_get_has_offset (field->value);
          offset = (int) (g_date_time_get_utc_offset (old) / G_TIME_SPAN_SECOND);
        }
      else
        {
          g_autoptr(GTimeZone) tz = site_time_zone (self);
          g_autoptr(GDateTime) there = g_date_time_new (tz, year, month, day, hour, minute, 0);

          if (there != NULL)
            offset = (int) (g_date_time_get_utc_offset (there) / G_TIME_SPAN_SECOND);
        }

      value = aushang_value_new_datetime (year, month, day, hour, minute, seconds,
                                          has_offset, offset);
    }
  else
    value = aushang_value_new_date (year, month, day);

  field_store (field, value);
  date_update_subtitle (field);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          Field       *field)
{
  GtkWidget *popover;

  if (field->form->filling)
    return;

  date_store (field);

  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
time_changed_cb (GtkSpinButton *spin,
                 Field         *field)
{
  if (field->form->filling)
    return;

  date_store (field);
}

static gboolean
two_digits_output_cb (GtkSpinButton *spin,
                      gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (strcmp (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static GtkWidget *
time_spin_new (int         max,
               int         value,
               const char *label,
               Field      *field)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 2);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, label);
  set_accessible_label (spin, label);
  g_signal_connect (spin, "output", G_CALLBACK (two_digits_output_cb), NULL);
  two_digits_output_cb (GTK_SPIN_BUTTON (spin), NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (time_changed_cb), field);

  return spin;
}

static GtkWidget *
date_row_new (Field        *field,
              AushangValue *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  GtkWidget *popover;
  g_autoptr(GDateTime) date = value_dup_date (value);
  g_autoptr(GDateTime) shown = NULL;

  row_setup (field, row);
  field->has_time = field->kind == AUSHANG_FIELD_DATETIME;

  field_add_decorations (field);

  field->calendar = gtk_calendar_new ();
  set_accessible_label (field->calendar, field->label);
  if (date != NULL)
    {
      int year, month, day;

      g_date_time_get_ymd (date, &year, &month, &day);
      shown = g_date_time_new_local (year, month, day, 12, 0, 0);
      if (shown != NULL)
        gtk_calendar_select_day (GTK_CALENDAR (field->calendar), shown);
    }
  g_signal_connect (field->calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), field);

  if (field->has_time)
    {
      GtkWidget *colon = gtk_label_new (":");

      field->hour = time_spin_new (23, date ? g_date_time_get_hour (date) : 0, _("Hour"), field);
      field->minute = time_spin_new (59, date ? g_date_time_get_minute (date) : 0, _("Minute"), field);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->hour);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), colon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->minute);
    }

  /* Translators: tooltip of the calendar button of a date field. */
  button = icon_menu_button_new ("x-office-calendar-symbolic", _("Choose a date"));
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), field->calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  field->widget = button;
  set_accessible_label (button, field->label);
  set_accessible_label (gtk_widget_get_first_child (button), field->label);

  date_update_subtitle (field);

  return row;
}

/* Switches --------------------------------------------------------------- */

static void
switch_active_cb (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  Field      *field)
{
  g_autoptr(AushangValue) value = NULL;

  if (field->form->filling)
    return;

  value = aushang_value_new_boolean (gtk_switch_get_active (sw));
  field_store (field, value);
}

static void
draft_active_cb (GtkSwitch  *sw,
                 GParamSpec *pspec,
                 Field      *field)
{
  AushangForm *self = field->form;
  g_autoptr(AushangValue) value = NULL;

  if (self->filling)
    return;

  /* A draft is "published: false". Back out of it, the key goes again,
   * unless the file said "published: true" before. */
  if (gtk_switch_get_active (sw))
    value = aushang_value_new_boolean (FALSE);
  else if (self->had_published_true)
    value = aushang_value_new_boolean (TRUE);

  field_store (field, value);
}

static GtkWidget *
switch_row_new (Field      *field,
                gboolean    active,
                const char *subtitle,
                GCallback   callback)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  row_setup (field, row);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  field->widget = sw;
  field_add_decorations (field);

  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  set_accessible_label (sw, field->label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_signal_connect (sw, "notify::active", callback, field);

  return row;
}

/* Images ----------------------------------------------------------------- */

/* The folder (site path) most documents' images of @key are in. */
static char *
image_folder_path (AushangForm *self,
                   const char  *key)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *collections = aushang_site_get_collections (self->site);
  const char *best = NULL;
  guint best_count = 0;
  GHashTableIter iter;
  gpointer folder, count;

  for (guint c = 0; collections != NULL && c < collections->len; c++)
    {
      GPtrArray *documents = aushang_site_get_documents (self->site, g_ptr_array_index (collections, c));

      for (guint i = 0; documents != NULL && i < documents->len; i++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, i);
          AushangValue *value;
          const char *path;
          char *dir;

          if (document->data == NULL || aushang_value_get_kind (document->data) != AUSHANG_VALUE_MAP)
            continue;

          value = aushang_value_lookup (document->data, key);
          if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
            continue;

          path = aushang_value_get_string (value);
          if (path[0] != '/' || path[1] == '/' || strstr (path, "..") != NULL)
            continue;

          dir = g_path_get_dirname (path);
          g_hash_table_insert (counts, dir,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, dir)) + 1));
        }
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &folder, &count))
    {
      guint n = GPOINTER_TO_UINT (count);

      if (strcmp (folder, "/") != 0 &&
          (n > best_count || (n == best_count && strcmp (folder, best) < 0)))
        {
          best = folder;
          best_count = n;
        }
    }

  return g_strdup (best ? best : "/assets/images");
}

typedef struct
{
  AushangForm     *self;
  AushangDocument *document;
  char            *key;
  char            *site_path;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->document);
  g_free (data->key);
  g_free (data->site_path);
  g_free (data);
}

static Field *
lookup_field (AushangForm *self,
              const char  *key)
{
  if (self->fields == NULL || key == NULL)
    return NULL;

  return g_hash_table_lookup (self->fields, key);
}

static void
image_set_path (AushangForm *self,
                const char  *key,
                const char  *site_path)
{
  Field *field = lookup_field (self, key);
  AushangFrontMatter *front_matter;

  /* Through the field, as if typed, so it shows and checks the path. */
  if (field != NULL && field->kind == AUSHANG_FIELD_IMAGE)
    {
      field_set_text (field, site_path);
      return;
    }

  front_matter = aushang_document_get_front_matter (self->document);
  if (front_matter == NULL)
    return;

  self->writing = TRUE;
  self->wrote_change = FALSE;
  /* Refused only while the front matter cannot be read; the banner at
   * the top says so already. */
  aushang_front_matter_set_string (front_matter, key, site_path, NULL);
  self->writing = FALSE;

  if (self->wrote_change)
    {
      self->wrote_change = FALSE;
      rebuild (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/* The largest image taken into a site: more is no picture for a web page,
 * and the copy is read whole before it is written. */
#define IMAGE_MAX_SIZE (64 * 1024 * 1024)

/* What the copying thread needs, and nothing of the form's: the task may
 * be let go in the thread. */
typedef struct
{
  GFile *source;
  char  *target;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_clear_object (&job->source);
  g_free (job->target);
  g_free (job);
}

/* Reads @source (a file without a local path) to its end, at most
 * @max_size bytes. */
static GBytes *
read_stream_bounded (GFile   *source,
                     gsize    max_size,
                     GError **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (source, NULL, error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  if (stream == NULL)
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > max_size)
        {
          g_autofree char *name = g_file_get_parse_name (source);
          g_autofree char *size = g_format_size (max_size);

          g_set_error (error, AUSHANG_SAFE_FILE_ERROR, AUSHANG_SAFE_FILE_ERROR_TOO_LARGE,
                       /* Translators: the second %s is a size, such as “64.0 MB”. */
                       _("“%s” is larger than %s; Aushang does not read files this large."),
                       name, size);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Copies the image in a thread, so that a slow disk never holds up the
 * window, and as the core writes files: all of it under its new name, or
 * nothing at all (a full disk leaves no half image in the site). */
static void
copy_image_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CopyJob *job = task_data;
  g_autofree char *source_path = g_file_get_path (job->source);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (source_path != NULL)
    ok = aushang_safe_file_copy (source_path, job->target, IMAGE_MAX_SIZE,
                                 AUSHANG_SAFE_FILE_NEW, &error);
  else
    {
      g_autoptr(GBytes) bytes = read_stream_bounded (job->source, IMAGE_MAX_SIZE, &error);

      ok = bytes != NULL &&
           aushang_safe_file_write (job->target, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    AUSHANG_SAFE_FILE_NEW, NULL, &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
image_copied_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ImportData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      Field *field;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          data->self->document == data->document &&
          (field = lookup_field (data->self, data->key)) != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The image could not be copied into the site: %s"),
                                                      error->message);
          field_set_edit_error (field, message);
        }
    }
  else if (data->self->document == data->document)
    image_set_path (data->self, data->key, data->site_path);

  import_data_free (data);
}

/* Takes @source into the site: files inside the site folder as they are,
 * others copied into its image folder under a safe, new name. */
static void
import_image (AushangForm *self,
              const char  *key,
              GFile       *source)
{
  GFile *site_folder = aushang_site_get_folder (self->site);
  g_autofree char *relative = g_file_get_relative_path (site_folder, source);
  g_autofree char *folder_path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  Field *field = lookup_field (self, key);
  g_autoptr(GTask) task = NULL;
  ImportData *data;
  CopyJob *job;
  const char *dot;

  if (relative != NULL)
    {
      g_autofree char *site_path = g_strconcat ("/", relative, NULL);

      image_set_path (self, key, site_path);
      return;
    }

  folder_path = image_folder_path (self, key);
  folder = g_file_resolve_relative_path (site_folder, folder_path + 1);
  if (!g_file_make_directory_with_parents (folder, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      if (field != NULL)
        field_set_edit_error (field, error->message);
      return;
    }

  basename = g_file_get_basename (source);
  dot = strrchr (basename, '.');
  stem = dot && dot != basename ? g_strndup (basename, dot - basename) : g_strdup (basename);
  extension = dot && dot != basename ? g_ascii_strdown (dot + 1, -1) : NULL;
  slug = aushang_slugify (stem);
  if (*slug == '\0')
    {
      g_free (slug);
      slug = g_strdup ("image");
    }
  name = extension ? g_strconcat (slug, ".", extension, NULL) : g_strdup (slug);

  target = aushang_unique_file (folder, name);
  if (target == NULL)
    {
      if (field != NULL)
        field_set_edit_error (field, _("The image folder has too many images of this name."));
      return;
    }

  data = g_new0 (ImportData, 1);
  data->self = g_object_ref (self);
  data->document = g_object_ref (self->document);
  data->key = g_strdup (key);
  {
    g_autofree char *target_name = g_file_get_basename (target);

    data->site_path = g_build_path ("/", folder_path, target_name, NULL);
  }

  job = g_new0 (CopyJob, 1);
  job->source = g_object_ref (source);
  job->target = g_file_get_path (target);

  /* The task has no source object and its data holds nothing of the
   * form: the thread may be the last to let it go. */
  task = g_task_new (NULL, self->cancellable, image_copied_cb, data);
  g_task_set_source_tag (task, import_image);
  g_task_set_task_data (task, job, (GDestroyNotify) copy_job_free);
  g_task_run_in_thread (task, copy_image_thread);
}

void
aushang_form_import_image (AushangForm *self,
                           const char  *key,
                           GFile       *file)
{
  g_return_if_fail (AUSHANG_IS_FORM (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (G_IS_FILE (file));

  if (self->site == NULL || self->document == NULL)
    return;

  import_image (self, key, file);
}

static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          AushangForm     *self)
{
  const char *key = g_object_get_data (G_OBJECT (native), "aushang-key");

  if (response == GTK_RESPONSE_ACCEPT && self->site != NULL && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        aushang_form_import_image (self, key, file);
    }
}

static void
image_choose_file_clicked_cb (GtkButton *button,
                              Field     *field)
{
  AushangForm *self = field->form;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char * const mime_types[] = {
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml",
  };

  native = gtk_file_chooser_native_new (_("Choose an Image"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (filter, _("Images"));
  for (gsize i = 0; i < G_N_ELEMENTS (mime_types); i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  g_object_set_data_full (G_OBJECT (native), "aushang-key", g_strdup (field->key), g_free);
  g_signal_connect_object (native, "response", G_CALLBACK (file_chooser_response_cb), self, 0);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

static GPtrArray *
site_images (gpointer user_data)
{
  Field *field = user_data;
  GPtrArray *images;

  if (field->form->site == NULL)
    return NULL;

  images = aushang_site_get_images (field->form->site);
  if (images == NULL)
    return NULL;

  return g_ptr_array_copy (images, copy_string, NULL);
}

static GtkWidget *
image_row_new (Field      *field,
               const char *path)
{
  AushangForm *self = field->form;
  GtkWidget *row = text_row_new (field, path, FALSE);

  field->picture = thumbnail_new (64, 40);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), thumbnail_clamp_new (field->picture, 64));
  image_update_thumbnail (field, path);

  if (self->site != NULL)
    {
      GtkWidget *pick = picker_button_new ("view-grid-symbolic", _("Choose from site"),
                                           site_images, text_pick, field, self->site);
      /* Translators: a button that opens a file chooser. */
      GtkWidget *choose = icon_button_new ("document-open-symbolic", _("Choose file…"));

      g_signal_connect (choose, "clicked", G_CALLBACK (image_choose_file_clicked_cb), field);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), pick);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), choose);
    }

  return row;
}

/* Keys kept as YAML ------------------------------------------------------ */

static void
edit_yaml_clicked_cb (GtkButton *button,
                      Field     *field)
{
  open_yaml_dialog (field->form, field->key);
}

static char *
summarize_value (AushangValue *value)
{
  g_autofree char *json = NULL;

  if (value == NULL)
    return g_strdup ("");

  json = aushang_value_to_json (value);
  if (g_utf8_strlen (json, -1) > 80)
    {
      g_autofree char *cut = g_utf8_substring (json, 0, 79);

      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&json);
}

static GtkWidget *
yaml_row_new (Field        *field,
              AushangValue *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Edit as YAML"));
  g_autofree char *summary = summarize_value (value);

  row_setup (field, row);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  field->widget = button;
  field_add_decorations (field);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  set_accessible_label (button, _("Edit as YAML"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, field->label,
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (edit_yaml_clicked_cb), field);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/* Building the form ------------------------------------------------------ */

enum
{
  GROUP_MAIN,
  GROUP_IMAGE,
  GROUP_DRAFT,
  GROUP_MORE,
  N_GROUPS
};

static int
group_of (const char *schema_key)
{
  static const char * const main_keys[] = {
    "title", "teaser", "excerpt", "description", "subtitle", "date",
    "authors", "categories", "tags", NULL
  };
  static const char * const image_keys[] = {
    "header_image", "image", "thumbnail", "header_image_credit", NULL
  };

  if (g_strv_contains (main_keys, schema_key))
    return GROUP_MAIN;
  if (g_strv_contains (image_keys, schema_key))
    return GROUP_IMAGE;

  return GROUP_MORE;
}

/* The row owns the field; the table finds it by every spelling. */
static void
register_field (AushangForm *self,
                Field       *field,
                const char  *alias)
{
  g_object_set_data_full (G_OBJECT (field->row), "aushang-form-field", field,
                          (GDestroyNotify) field_free);

  g_hash_table_replace (self->fields, g_strdup (field->key), field);
  if (!g_hash_table_contains (self->fields, field->schema_key))
    g_hash_table_insert (self->fields, g_strdup (field->schema_key), field);
  if (alias != NULL && !g_hash_table_contains (self->fields, alias))
    g_hash_table_insert (self->fields, g_strdup (alias), field);
}

static Field *
build_field (AushangForm        *self,
             AushangFrontMatter *front_matter,
             const char         *key,
             const char         *schema_key,
             AushangFieldKind    kind,
             gboolean            required)
{
  Field *field = g_new0 (Field, 1);
  AushangValue *value = NULL;
  gboolean simple = TRUE;
  g_autofree char *text = NULL;

  if (front_matter != NULL && aushang_front_matter_get_error (front_matter) == NULL)
    {
      value = aushang_front_matter_get (front_matter, key);
      simple = aushang_front_matter_is_simple (front_matter, key);
    }

  field->form = self;
  field->key = g_strdup (key);
  field->schema_key = g_strdup (schema_key);
  field->label = label_for_key (key);
  field->kind = effective_kind (kind, simple, value);
  field->required = required;
  field->value = value ? aushang_value_ref (value) : NULL;

  if (value != NULL && aushang_value_get_kind (value) != AUSHANG_VALUE_NULL)
    text = aushang_value_to_display (value);

  switch (field->kind)
    {
    case AUSHANG_FIELD_LONG_TEXT:
      long_text_row_new (field, text);
      break;

    case AUSHANG_FIELD_DATE:
    case AUSHANG_FIELD_DATETIME:
      date_row_new (field, value);
      break;

    case AUSHANG_FIELD_LIST:
      list_row_new (field, value);
      break;

    case AUSHANG_FIELD_BOOLEAN:
      switch_row_new (field,
                      value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_BOOLEAN &&
                      aushang_value_get_boolean (value),
                      NULL, G_CALLBACK (switch_active_cb));
      break;

    case AUSHANG_FIELD_IMAGE:
      image_row_new (field, text);
      break;

    case AUSHANG_FIELD_YAML:
      yaml_row_new (field, value);
      break;

    case AUSHANG_FIELD_NUMBER:
      text_row_new (field, text, FALSE);
      break;

    case AUSHANG_FIELD_TEXT:
    default:
      text_row_new (field, text, strcmp (schema_key, "title") != 0);
      break;
    }

  return field;
}

static Field *
build_draft_field (AushangForm        *self,
                   AushangFrontMatter *front_matter)
{
  Field *field = g_new0 (Field, 1);
  AushangValue *value = NULL;
  gboolean draft;

  if (front_matter != NULL && aushang_front_matter_get_error (front_matter) == NULL)
    value = aushang_front_matter_get (front_matter, "published");

  draft = value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_BOOLEAN &&
          !aushang_value_get_boolean (value);

  field->form = self;
  field->key = g_strdup ("published");
  field->schema_key = g_strdup ("published");
  field->label = g_strdup (_("Draft"));
  field->kind = AUSHANG_FIELD_BOOLEAN;
  field->value = value ? aushang_value_ref (value) : NULL;

  switch_row_new (field, draft, _("Drafts are not published on the site"),
                  G_CALLBACK (draft_active_cb));

  return field;
}

static void
update_problem (AushangForm *self)
{
  const GError *problem = NULL;
  guint line = 0;

  if (self->document != NULL)
    problem = aushang_document_get_problem (self->document, &line, NULL);

  gtk_widget_set_visible (self->problem_box, problem != NULL);
  gtk_widget_set_sensitive (self->fields_box, problem == NULL);

  if (problem != NULL)
    {
      g_autofree char *text = NULL;

      if (line > 0)
        /* Translators: %u is a line number of the file, %s what is wrong there. */
        text = g_strdup_printf (_("Line %u: %s"), line, problem->message);
      else
        text = g_strdup (problem->message);

      gtk_label_set_text (self->problem_label, text);
      /* "Edit as YAML" needs the front matter's text; an unclosed "---"
       * is fixed in the text editor. */
      gtk_widget_set_visible (self->problem_button, self->front_matter != NULL);
    }
}

static void
apply_diagnostics (AushangForm *self)
{
  GHashTableIter iter;
  gpointer field;
  GtkWidget *child;
  guint n_general = 0;

  while ((child = gtk_widget_get_first_child (self->diagnostics_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->diagnostics_box), child);

  if (self->fields != NULL)
    {
      g_hash_table_iter_init (&iter, self->fields);
      while (g_hash_table_iter_next (&iter, NULL, &field))
        {
          Field *f = field;

          g_clear_pointer (&f->diagnostic, g_free);
          f->diagnostic_is_error = FALSE;
        }
    }

  for (guint i = 0; self->diagnostics != NULL && i < self->diagnostics->len; i++)
    {
      AushangDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      Field *f = lookup_field (self, diagnostic->key);
      gboolean is_error = diagnostic->severity == AUSHANG_SEVERITY_ERROR;

      if (f != NULL)
        {
          char *joined = f->diagnostic
                         ? g_strconcat (f->diagnostic, "\n", diagnostic->message, NULL)
                         : g_strdup (diagnostic->message);

          g_free (f->diagnostic);
          f->diagnostic = joined;
          f->diagnostic_is_error |= is_error;
        }
      else
        {
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
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          is_error ? _("Error") : _("Warning"),
                                          -1);

          gtk_widget_set_margin_start (box, 12);
          gtk_widget_set_margin_end (box, 12);
          gtk_widget_set_margin_top (box, n_general == 0 ? 12 : 0);
          gtk_box_append (GTK_BOX (box), icon);
          gtk_box_append (GTK_BOX (box), label);
          gtk_box_append (GTK_BOX (self->diagnostics_box), box);
          n_general++;
        }
    }

  if (n_general > 0)
    gtk_widget_set_margin_bottom (gtk_widget_get_last_child (self->diagnostics_box), 12);
  gtk_widget_set_visible (self->diagnostics_box, n_general > 0);

  if (self->fields != NULL)
    {
      g_hash_table_iter_init (&iter, self->fields);
      while (g_hash_table_iter_next (&iter, NULL, &field))
        field_update_status (field);
    }
}

static void
edit_all_clicked_cb (AushangForm *self)
{
  open_yaml_dialog (self, NULL);
}

static void
rebuild (AushangForm *self)
{
  AushangFrontMatter *front_matter = self->front_matter;
  g_autoptr(AushangSchema) own_schema = NULL;
  g_autoptr(GHashTable) handled = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) keys = NULL;
  AushangSchema *schema = NULL;
  GtkWidget *groups[N_GROUPS] = { NULL, };
  guint n_rows[N_GROUPS] = { 0, };
  GtkWidget *child;
  GPtrArray *schema_fields;
  gboolean readable;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Rows going away may lose the focus; that must not write anything. */
  self->filling = TRUE;

  g_hash_table_remove_all (self->fields);
  while ((child = gtk_widget_get_first_child (self->fields_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->fields_box), child);

  update_problem (self);

  if (self->document == NULL)
    {
      self->filling = FALSE;
      apply_diagnostics (self);
      return;
    }

  readable = front_matter != NULL && aushang_front_matter_get_error (front_matter) == NULL;
  if (readable)
    keys = aushang_front_matter_dup_keys (front_matter);

  if (self->site != NULL && self->collection != NULL)
    schema = aushang_site_get_schema (self->site, self->collection);
  else
    {
      /* A file outside a site: its own keys, with the well-known kinds. */
      g_autoptr(GPtrArray) data = g_ptr_array_new ();

      if (readable)
        g_ptr_array_add (data, aushang_front_matter_get_data (front_matter));
      schema = own_schema = aushang_schema_infer (data);
    }

  for (int g = 0; g < N_GROUPS; g++)
    groups[g] = g_object_ref_sink (adw_preferences_group_new ());
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (groups[GROUP_MORE]), _("More fields"));

  schema_fields = aushang_schema_get_fields (schema);
  for (guint i = 0; i < schema_fields->len; i++)
    {
      AushangField *schema_field = g_ptr_array_index (schema_fields, i);
      const char *key = schema_field->key;
      gboolean required = schema_field->required || strcmp (key, "title") == 0;
      int group = group_of (schema_field->key);
      Field *field;

      g_hash_table_add (handled, schema_field->key);
      if (schema_field->alias != NULL)
        g_hash_table_add (handled, schema_field->alias);

      if (strcmp (key, "published") == 0)
        continue;

      /* Edit the spelling the document uses ("author" where it has no
       * "authors"). */
      if (readable && schema_field->alias != NULL &&
          !aushang_front_matter_has_key (front_matter, key) &&
          aushang_front_matter_has_key (front_matter, schema_field->alias))
        key = schema_field->alias;

      field = build_field (self, front_matter, key, schema_field->key, schema_field->kind, required);
      register_field (self, field, schema_field->alias);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[group]), field->row);
      n_rows[group]++;
    }

  /* The document's own keys that the collection's schema does not know. */
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      int group = group_of (keys[i]);
      Field *field;

      if (g_hash_table_contains (handled, keys[i]) || strcmp (keys[i], "published") == 0)
        continue;

      field = build_field (self, front_matter, keys[i], keys[i],
                           kind_for_value (aushang_front_matter_get (front_matter, keys[i])),
                           strcmp (keys[i], "title") == 0);
      register_field (self, field, NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[group]), field->row);
      n_rows[group]++;
    }

  {
    Field *draft = build_draft_field (self, front_matter);

    register_field (self, draft, NULL);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[GROUP_DRAFT]), draft->row);
    n_rows[GROUP_DRAFT]++;
  }

  for (int g = 0; g < N_GROUPS; g++)
    {
      if (n_rows[g] > 0)
        gtk_box_append (GTK_BOX (self->fields_box), groups[g]);
      g_object_unref (groups[g]);
    }

  /* Everything, including what the form has no field for. */
  {
    GtkWidget *button = gtk_button_new_with_label (_("Edit as YAML"));

    gtk_widget_set_halign (button, GTK_ALIGN_END);
    gtk_widget_add_css_class (button, "flat");
    set_accessible_label (button, _("Edit as YAML"));
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (edit_all_clicked_cb), self);
    gtk_widget_set_sensitive (button, readable);
    gtk_box_append (GTK_BOX (self->fields_box), button);
  }

  self->filling = FALSE;

  apply_diagnostics (self);
}

/* Edit as YAML ----------------------------------------------------------- */

/* Line numbers of the file, not of the dialog's text: the front matter
 * starts on line 2 (after "---"), and that is what messages name. */
#define FRONT_MATTER_FIRST_LINE 2

#define AUSHANG_TYPE_FILE_LINES (aushang_file_lines_get_type ())
G_DECLARE_FINAL_TYPE (AushangFileLines, aushang_file_lines, AUSHANG, FILE_LINES, GtkSourceGutterRendererText)

struct _AushangFileLines
{
  GtkSourceGutterRendererText parent_instance;
  guint                       first_line;
};

enum
{
  FILE_LINES_PROP_0,
  FILE_LINES_PROP_FIRST_LINE,
  N_FILE_LINES_PROPS
};

static GParamSpec *file_lines_properties[N_FILE_LINES_PROPS];

G_DEFINE_FINAL_TYPE (AushangFileLines, aushang_file_lines, GTK_SOURCE_TYPE_GUTTER_RENDERER_TEXT)

static void
aushang_file_lines_query_data (GtkSourceGutterRenderer *renderer,
                               GtkSourceGutterLines    *lines,
                               guint                    line)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (renderer);
  char text[16];
  int length = g_snprintf (text, sizeof text, "%u", line + self->first_line);

  gtk_source_gutter_renderer_text_set_text (GTK_SOURCE_GUTTER_RENDERER_TEXT (renderer), text, length);
}

static void
aushang_file_lines_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (widget);
  GtkSourceBuffer *buffer = gtk_source_gutter_renderer_get_buffer (GTK_SOURCE_GUTTER_RENDERER (widget));

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint last = self->first_line + (buffer ? gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (buffer)) : 1);
      char text[16];
      int width = 0;

      /* As wide as the widest number, and never narrower than two digits. */
      g_snprintf (text, sizeof text, "%u", MAX (last, 99));
      gtk_source_gutter_renderer_text_measure (GTK_SOURCE_GUTTER_RENDERER_TEXT (widget), text, &width, NULL);
      *minimum = *natural = width + 2 * gtk_source_gutter_renderer_get_xpad (GTK_SOURCE_GUTTER_RENDERER (widget));
    }
}

static void
file_lines_buffer_changed_cb (GtkTextBuffer *buffer,
                              GtkWidget     *renderer)
{
  gtk_widget_queue_resize (renderer);
}

/* The gutter marks the cursor's line. */
static void
file_lines_cursor_moved_cb (GtkTextBuffer *buffer,
                            GtkWidget     *renderer)
{
  gtk_widget_queue_draw (renderer);
}

static void
aushang_file_lines_change_buffer (GtkSourceGutterRenderer *renderer,
                                  GtkSourceBuffer         *old_buffer)
{
  GtkSourceBuffer *buffer = gtk_source_gutter_renderer_get_buffer (renderer);

  if (old_buffer != NULL)
    {
      g_signal_handlers_disconnect_by_func (old_buffer, file_lines_buffer_changed_cb, renderer);
      g_signal_handlers_disconnect_by_func (old_buffer, file_lines_cursor_moved_cb, renderer);
    }
  if (buffer != NULL)
    {
      g_signal_connect_object (buffer, "changed", G_CALLBACK (file_lines_buffer_changed_cb), renderer, 0);
      g_signal_connect_object (buffer, "cursor-moved", G_CALLBACK (file_lines_cursor_moved_cb), renderer, 0);
    }

  GTK_SOURCE_GUTTER_RENDERER_CLASS (aushang_file_lines_parent_class)->change_buffer (renderer, old_buffer);
}

static void
aushang_file_lines_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (object);

  switch (prop_id)
    {
    case FILE_LINES_PROP_FIRST_LINE:
      g_value_set_uint (value, self->first_line);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_file_lines_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AushangFileLines *self = AUSHANG_FILE_LINES (object);

  switch (prop_id)
    {
    case FILE_LINES_PROP_FIRST_LINE:
      if (self->first_line != g_value_get_uint (value))
        {
          self->first_line = g_value_get_uint (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aushang_file_lines_class_init (AushangFileLinesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkSourceGutterRendererClass *renderer_class = GTK_SOURCE_GUTTER_RENDERER_CLASS (klass);

  object_class->get_property = aushang_file_lines_get_property;
  object_class->set_property = aushang_file_lines_set_property;
  widget_class->measure = aushang_file_lines_measure;
  renderer_class->query_data = aushang_file_lines_query_data;
  renderer_class->change_buffer = aushang_file_lines_change_buffer;

  file_lines_properties[FILE_LINES_PROP_FIRST_LINE] =
    g_param_spec_uint ("first-line", NULL, NULL,
                       1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_FILE_LINES_PROPS, file_lines_properties);
}

static void
aushang_file_lines_init (AushangFileLines *self)
{
  self->first_line = 1;
  gtk_source_gutter_renderer_set_xpad (GTK_SOURCE_GUTTER_RENDERER (self), 6);
  gtk_source_gutter_renderer_set_alignment_mode (GTK_SOURCE_GUTTER_RENDERER (self),
                                                 GTK_SOURCE_GUTTER_RENDERER_ALIGNMENT_MODE_FIRST);
  gtk_widget_add_css_class (GTK_WIDGET (self), "line-numbers");
}

/* Shows where the YAML goes wrong: the line is marked and the cursor put
 * at the place (file line and column, both 1-based). */
static void
show_yaml_problem (GtkTextView *view,
                   guint        line,
                   guint        column)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "aushang-problem", &start, &end);

  if (line < FRONT_MATTER_FIRST_LINE)
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &start, (int) (line - FRONT_MATTER_FIRST_LINE));
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag_by_name (buffer, "aushang-problem", &start, &end);

  if (column > 1)
    gtk_text_iter_forward_chars (&start, MIN ((int) column - 1, gtk_text_iter_get_chars_in_line (&start)));
  if (gtk_text_iter_get_line (&start) != (int) (line - FRONT_MATTER_FIRST_LINE))
    gtk_text_iter_backward_char (&start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (buffer), 0.1, FALSE, 0, 0);
}

static gboolean
yaml_dialog_close_request_cb (GtkWindow *dialog,
                              gpointer   user_data)
{
  /* AdwMessageDialog closes itself on every response; this dialog closes
   * only when its response handler says so, so that a refused Apply keeps
   * the text. */
  return TRUE;
}

static void
yaml_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AushangForm      *self)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "aushang-buffer");
  GtkWidget *error_label = g_object_get_data (G_OBJECT (dialog), "aushang-error-label");

  if (g_strcmp0 (response, "apply") == 0 && self->front_matter != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      GtkTextIter start, end;
      gboolean ok;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      self->writing = TRUE;
      self->wrote_change = FALSE;
      ok = aushang_front_matter_replace_text (self->front_matter, text, &error);
      self->writing = FALSE;

      if (!ok)
        {
          GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "aushang-view");
          g_autoptr(AushangFrontMatter) probe = aushang_front_matter_new (text, strlen (text),
                                                                          FRONT_MATTER_FIRST_LINE, "\n");

          gtk_label_set_text (GTK_LABEL (error_label), error->message);
          gtk_widget_set_visible (error_label, TRUE);
          /* The same text read again says where, as numbers. */
          if (aushang_front_matter_get_error (probe) != NULL)
            show_yaml_problem (view,
                               aushang_front_matter_get_error_line (probe),
                               aushang_front_matter_get_error_column (probe));
          gtk_widget_grab_focus (GTK_WIDGET (view));
          return;
        }

      if (self->wrote_change)
        {
          self->wrote_change = FALSE;
          rebuild (self);
          g_signal_emit (self, signals[CHANGED], 0);
        }
    }

  close_yaml_dialog (self);
}

/* The dialog may also go with its window: the form's pointer is weak. */
static void
close_yaml_dialog (AushangForm *self)
{
  GtkWidget *dialog = self->yaml_dialog;

  if (dialog == NULL)
    return;

  g_clear_weak_pointer (&self->yaml_dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
yaml_buffer_changed_cb (GtkTextBuffer *buffer,
                        GtkWidget     *error_label)
{
  GtkTextIter start, end;

  gtk_widget_set_visible (error_label, FALSE);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "aushang-problem", &start, &end);
}

static void
open_yaml_dialog (AushangForm *self,
                  const char  *key)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *box, *scrolled, *view, *error_label;
  GtkTextBuffer *buffer;
  const char *text;
  gsize length = 0;

  if (self->front_matter == NULL)
    return;

  if (self->yaml_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->yaml_dialog));
      return;
    }

  text = aushang_front_matter_get_text (self->front_matter, &length);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Edit as YAML"),
                                   _("The fields as they are written in the file. Changes are applied only when they are valid YAML."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  view = gtk_source_view_new ();
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, text ? text : "", (int) length);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_source_view_set_highlight_current_line (GTK_SOURCE_VIEW (view), TRUE);
  {
    GtkSourceLanguage *yaml = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "yaml");
    GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                                              adw_style_manager_get_dark (adw_style_manager_get_default ())
                                                                              ? "Adwaita-dark" : "Adwaita");
    GtkSourceGutter *gutter = gtk_source_view_get_gutter (GTK_SOURCE_VIEW (view), GTK_TEXT_WINDOW_LEFT);
    GtkSourceGutterRenderer *lines = g_object_new (AUSHANG_TYPE_FILE_LINES,
                                                   "first-line", FRONT_MATTER_FIRST_LINE,
                                                   NULL);
    GdkRGBA problem_color = { 0.88, 0.11, 0.14, 0.18 };

    if (yaml != NULL)
      gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), yaml);
    if (scheme != NULL)
      gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
    /* The file's line numbers (see AushangFileLines). */
    gtk_source_gutter_insert (gutter, lines, GTK_SOURCE_VIEW_GUTTER_POSITION_LINES);
    gtk_text_buffer_create_tag (buffer, "aushang-problem",
                                "paragraph-background-rgba", &problem_color,
                                "underline", PANGO_UNDERLINE_ERROR,
                                NULL);
  }
  /* YAML indents with spaces: Tab moves on to the buttons. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  set_accessible_label (view, _("Front matter"));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_box_append (GTK_BOX (box), scrolled);

  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), error_label);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "aushang-buffer", buffer);
  g_object_set_data (G_OBJECT (dialog), "aushang-view", view);
  g_object_set_data (G_OBJECT (dialog), "aushang-error-label", error_label);
  g_signal_connect (buffer, "changed", G_CALLBACK (yaml_buffer_changed_cb), error_label);
  /* After the dialog's own handler, which sends the close response. */
  g_signal_connect_after (dialog, "close-request", G_CALLBACK (yaml_dialog_close_request_cb), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (yaml_dialog_response_cb), self, 0);

  /* The cursor goes to the problem, or to the key the button belongs to.
   * Lines are the file's: the front matter starts on line 2. */
  {
    const GError *problem = aushang_front_matter_get_error (self->front_matter);
    guint line = 0;

    if (problem != NULL)
      {
        g_autofree char *message = NULL;

        line = aushang_front_matter_get_error_line (self->front_matter);
        message = g_strdup_printf (_("Line %u: %s"), line, problem->message);
        gtk_label_set_text (GTK_LABEL (error_label), message);
        gtk_widget_set_visible (error_label, TRUE);
        show_yaml_problem (GTK_TEXT_VIEW (view), line,
                           aushang_front_matter_get_error_column (self->front_matter));
      }
    else if (key != NULL)
      line = aushang_front_matter_get_key_line (self->front_matter, key);

    if (problem == NULL && line >= FRONT_MATTER_FIRST_LINE)
      {
        GtkTextIter iter;

        gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) (line - FRONT_MATTER_FIRST_LINE));
        gtk_text_buffer_place_cursor (buffer, &iter);
      }
  }

  g_set_weak_pointer (&self->yaml_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
problem_button_clicked_cb (AushangForm *self)
{
  open_yaml_dialog (self, NULL);
}

/* GObject ---------------------------------------------------------------- */

static void
disconnect_document (AushangForm *self)
{
  if (self->front_matter != NULL)
    g_clear_signal_handler (&self->front_matter_changed_id, self->front_matter);
  g_clear_object (&self->front_matter);
}

static void
aushang_form_dispose (GObject *object)
{
  AushangForm *self = AUSHANG_FORM (object);

  /* Nothing is written while the widgets go. */
  self->filling = TRUE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  close_yaml_dialog (self);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  disconnect_document (self);
  g_clear_object (&self->document);
  g_clear_object (&self->site);
  self->collection = NULL;
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  if (self->fields != NULL)
    g_hash_table_remove_all (self->fields);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_FORM);

  G_OBJECT_CLASS (aushang_form_parent_class)->dispose (object);
}

static void
aushang_form_finalize (GObject *object)
{
  AushangForm *self = AUSHANG_FORM (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (aushang_form_parent_class)->finalize (object);
}

static void
aushang_form_class_init (AushangFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_form_dispose;
  object_class->finalize = aushang_form_finalize;

  /**
   * AushangForm::changed:
   *
   * Emitted after an edit in the form changed the document's front matter.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangForm, problem_box);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, problem_button);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, diagnostics_box);
  gtk_widget_class_bind_template_child (widget_class, AushangForm, fields_box);
  gtk_widget_class_bind_template_callback (widget_class, problem_button_clicked_cb);
}

static void
aushang_form_init (AushangForm *self)
{
  ensure_css ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
aushang_form_new (void)
{
  return g_object_new (AUSHANG_TYPE_FORM, NULL);
}

void
aushang_form_set_document (AushangForm       *self,
                           AushangSite       *site,
                           AushangCollection *collection,
                           AushangDocument   *document)
{
  AushangValue *published;

  g_return_if_fail (AUSHANG_IS_FORM (self));
  g_return_if_fail (site == NULL || AUSHANG_IS_SITE (site));
  g_return_if_fail (document == NULL || AUSHANG_IS_DOCUMENT (document));

  close_yaml_dialog (self);

  disconnect_document (self);
  g_set_object (&self->site, site);
  self->collection = collection;
  g_set_object (&self->document, document);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->had_published_true = FALSE;

  if (document != NULL)
    {
      AushangFrontMatter *front_matter = aushang_document_get_front_matter (document);

      if (front_matter != NULL)
        {
          self->front_matter = g_object_ref (front_matter);
          self->front_matter_changed_id =
            g_signal_connect_object (front_matter, "changed",
                                     G_CALLBACK (front_matter_changed_cb), self,
                                     G_CONNECT_SWAPPED);

          published = aushang_front_matter_get_error (front_matter) == NULL
                      ? aushang_front_matter_get (front_matter, "published")
                      : NULL;
          self->had_published_true = published != NULL &&
                                     aushang_value_get_kind (published) == AUSHANG_VALUE_BOOLEAN &&
                                     aushang_value_get_boolean (published);

          /* New keys go where the collection's documents have them. This
           * changes how later edits are written, not the text. */
          if (site != NULL && collection != NULL)
            {
              g_auto(GStrv) order = aushang_site_dup_key_order (site, collection);

              if (order != NULL)
                aushang_front_matter_set_key_order (front_matter, (const char * const *) order);
            }
        }
    }

  rebuild (self);
}

AushangDocument *
aushang_form_get_document (AushangForm *self)
{
  g_return_val_if_fail (AUSHANG_IS_FORM (self), NULL);

  return self->document;
}

void
aushang_form_show_diagnostics (AushangForm *self,
                               GPtrArray   *diagnostics)
{
  g_return_if_fail (AUSHANG_IS_FORM (self));

  if (diagnostics != NULL)
    g_ptr_array_ref (diagnostics);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = diagnostics;

  apply_diagnostics (self);
}

GtkWidget *
aushang_form_get_field_widget (AushangForm *self,
                               const char  *key)
{
  Field *field;

  g_return_val_if_fail (AUSHANG_IS_FORM (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  field = lookup_field (self, key);

  return field ? field->widget : NULL;
}
