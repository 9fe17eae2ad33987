/* aushang-site-sidebar.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-site-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "aushang-site-sidebar.h"

struct _AushangSiteSidebar
{
  AdwBin          parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;

  AushangSite    *site;
  char           *search;   /* casefolded, or NULL */
  gboolean        selecting;
};

G_DEFINE_FINAL_TYPE (AushangSiteSidebar, aushang_site_sidebar, ADW_TYPE_BIN)

enum {
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each row remembers its file, collection label and folded title. */
#define ROW_FILE "aushang-file"
#define ROW_GROUP "aushang-group"
#define ROW_TITLE "aushang-title"

static char *
format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("No date"));

  /* Translators: a date in the document list, in g_date_time_format()
   * syntax; German "%-d.%-m.%Y" gives 4.11.2025. */
  return g_date_time_format (date, _("%b %-d, %Y"));
}

static GtkWidget *
create_row (AushangSiteDocument *document)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (*document->title ? document->title : _("Untitled"));
  GtkWidget *meta = NULL;
  g_autofree char *date = format_date (document->date);
  g_autofree char *folded = g_utf8_casefold (document->title, -1);
  g_autofree char *accessible = NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  if (*document->title == '\0')
    gtk_widget_add_css_class (title, "dim-label");

  meta = gtk_label_new (date);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (line), meta);

  if (document->draft)
    {
      GtkWidget *badge = gtk_label_new (_("Draft"));

      gtk_widget_add_css_class (badge, "caption");
      gtk_widget_add_css_class (badge, "aushang-badge");
      gtk_box_append (GTK_BOX (line), badge);
    }

  if (document->has_problem)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("The fields of this document cannot be read"));
      gtk_widget_add_css_class (icon, "warning");
      gtk_box_append (GTK_BOX (line), icon);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), line);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  accessible = g_strdup_printf ("%s, %s%s", *document->title ? document->title : _("Untitled"), date,
                                document->draft ? _(", draft") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_object_set_data_full (G_OBJECT (row), ROW_FILE, g_object_ref (document->file), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), ROW_GROUP, g_strdup (document->collection->label), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_TITLE, g_steal_pointer (&folded), g_free);

  return row;
}

static char *
collection_title (AushangCollection *collection)
{
  /* Translators: the heading of Jekyll's _posts in the document list;
   * sites often name another collection "Beiträge", so German uses
   * "Blogartikel" to keep them apart. */
  if (g_strcmp0 (collection->name, "posts") == 0)
    return g_strdup (_("Posts"));
  if (g_strcmp0 (collection->name, "drafts") == 0)
    return g_strdup (_("Drafts"));

  /* "beitraege" -> "Beitraege", as the site names it. */
  return g_strdup_printf ("%c%s", g_ascii_toupper (collection->name[0]), collection->name + 1);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *group = g_object_get_data (G_OBJECT (row), ROW_GROUP);
  const char *previous = before ? g_object_get_data (G_OBJECT (before), ROW_GROUP) : NULL;
  const char *title = g_object_get_data (G_OBJECT (row), "aushang-group-title");

  if (g_strcmp0 (group, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  {
    GtkWidget *label = gtk_label_new (title);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_set_margin_start (label, 12);
    gtk_widget_set_margin_top (label, 12);
    gtk_widget_set_margin_bottom (label, 4);
    gtk_list_box_row_set_header (row, label);
  }
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  AushangSiteSidebar *self = user_data;
  const char *title = g_object_get_data (G_OBJECT (row), ROW_TITLE);

  return self->search == NULL || (title != NULL && strstr (title, self->search) != NULL);
}

static void
update_empty (AushangSiteSidebar *self)
{
  guint visible = aushang_site_sidebar_count_visible (self);

  gtk_stack_set_visible_child_name (self->stack, visible > 0 ? "list" : "empty");
  adw_status_page_set_description (self->empty_page,
                                   self->search ? _("No document has this in its title.")
                                                : _("Create one with “New Document” (Ctrl+N)."));
}

static void
search_changed_cb (AushangSiteSidebar *self,
                   GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = g_utf8_casefold (text, -1);

  gtk_list_box_invalidate_filter (self->list);
  update_empty (self);
}

static void
row_activated_cb (AushangSiteSidebar *self,
                  GtkListBoxRow      *row,
                  GtkListBox         *list)
{
  GFile *file = g_object_get_data (G_OBJECT (row), ROW_FILE);

  if (file != NULL && !self->selecting)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, file);
}

GtkWidget *
aushang_site_sidebar_new (void)
{
  return g_object_new (AUSHANG_TYPE_SITE_SIDEBAR, NULL);
}

void
aushang_site_sidebar_set_site (AushangSiteSidebar *self,
                               AushangSite        *site)
{
  GtkWidget *child;
  GPtrArray *collections;

  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  g_set_object (&self->site, site);

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (site == NULL)
    return;

  collections = aushang_site_get_collections (site);
  for (guint i = 0; i < collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (collections, i);
      GPtrArray *documents = aushang_site_get_documents (site, collection);
      g_autofree char *title = collection_title (collection);

      for (guint j = 0; j < documents->len; j++)
        {
          GtkWidget *row = create_row (g_ptr_array_index (documents, j));

          g_object_set_data_full (G_OBJECT (row), "aushang-group-title", g_strdup (title), g_free);
          gtk_list_box_append (self->list, row);
        }
    }

  update_empty (self);
}

void
aushang_site_sidebar_select_file (AushangSiteSidebar *self,
                                  GFile              *file)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->list);

  for (int i = 0; file != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);
      GFile *row_file;

      if (row == NULL)
        break;

      row_file = g_object_get_data (G_OBJECT (row), ROW_FILE);
      if (row_file != NULL && g_file_equal (row_file, file))
        {
          gtk_list_box_select_row (self->list, row);
          break;
        }
    }

  self->selecting = FALSE;
}

guint
aushang_site_sidebar_count_visible (AushangSiteSidebar *self)
{
  guint n = 0;

  g_return_val_if_fail (AUSHANG_IS_SITE_SIDEBAR (self), 0);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        break;
      if (filter_func (row, self))
        n++;
    }

  return n;
}

void
aushang_site_sidebar_set_search (AushangSiteSidebar *self,
                                 const char         *text)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  search_changed_cb (self, self->search_entry);
}

static void
aushang_site_sidebar_dispose (GObject *object)
{
  AushangSiteSidebar *self = AUSHANG_SITE_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_SITE_SIDEBAR);
  g_clear_object (&self->site);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (aushang_site_sidebar_parent_class)->dispose (object);
}

static void
aushang_site_sidebar_class_init (AushangSiteSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_site_sidebar_dispose;

  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-site-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, list);
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
aushang_site_sidebar_init (AushangSiteSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
}
