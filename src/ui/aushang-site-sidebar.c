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

#include "aushang-entry-util.h"
#include "aushang-git.h"
#include "aushang-site-sidebar.h"

struct _AushangSiteSidebar
{
  AdwBin          parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;

  AushangSite    *site;
  GPtrArray      *data_files;  /* AushangDataFile* */
  GPtrArray      *unreadable;  /* GFile*: data files that cannot be read */
  GPtrArray      *changes;     /* AushangGitChange*: not yet published, or NULL */
  GMenuModel     *entry_menu;
  GMenuModel     *document_menu;
  GtkWidget      *popover;     /* the context menu, a child of the list */
  GdkFrameClock  *popup_clock; /* a menu waiting for its row to scroll into view */
  gulong          popup_handler;
  char           *search;      /* casefolded, or NULL */
  gboolean        selecting;
  GtkWidget      *keys_root;   /* the window holding root_keys (weak) */
  GtkEventController *root_keys;
  guint           frozen;      /* aushang_site_sidebar_freeze() */
  gboolean        rebuild_pending;
};

G_DEFINE_FINAL_TYPE (AushangSiteSidebar, aushang_site_sidebar, ADW_TYPE_BIN)

enum {
  DOCUMENT_ACTIVATED,
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each row remembers its file, its group and subgroup (and their
 * headings), its folded title, and for data files the entry (index + 1;
 * 0 for the file's own row). */
#define ROW_FILE "aushang-file"
#define ROW_KIND "aushang-kind"
#define ROW_ENTRY "aushang-entry"
#define ROW_GROUP "aushang-group"
#define ROW_GROUP_TITLE "aushang-group-title"
#define ROW_SUBGROUP "aushang-subgroup"
#define ROW_TITLE "aushang-title"

typedef enum
{
  KIND_DOCUMENT = 1,
  KIND_ENTRY,
  KIND_DATA_FILE,
} RowKind;

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
badge_new (const char *text,
           const char *style)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_add_css_class (badge, "aushang-badge");
  if (style != NULL)
    gtk_widget_add_css_class (badge, style);

  return badge;
}

/* A row: the title on up to two lines, a line of small text below it with
 * badges; greyed when @dim. */
static GtkWidget *
create_row (const char *title,
            const char *meta,
            gboolean    dim,
            GtkWidget **line_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *folded = g_utf8_casefold (title, -1);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");

  if (meta != NULL)
    {
      GtkWidget *meta_label = gtk_label_new (meta);

      gtk_label_set_xalign (GTK_LABEL (meta_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (meta_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (meta_label, "caption");
      gtk_widget_add_css_class (meta_label, "dim-label");
      gtk_box_append (GTK_BOX (line), meta_label);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), line);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), ROW_TITLE, g_steal_pointer (&folded), g_free);
  *line_out = line;

  return row;
}

static void
set_group (GtkWidget  *row,
           const char *group,
           const char *group_title,
           const char *subgroup)
{
  g_object_set_data_full (G_OBJECT (row), ROW_GROUP, g_strdup (group), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_GROUP_TITLE, g_strdup (group_title), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_SUBGROUP, g_strdup (subgroup), g_free);
}

/* Changes since the last publish -------------------------------------------- */

static void select_row_where (AushangSiteSidebar *self,
                              GFile              *file,
                              gboolean            data,
                              int                 entry);

/* How the file at @relative (from the site folder) changed since it was
 * last published, for an entry of a data list: how that entry did (it is
 * found by its values as they are now). -1: not changed. */
static int
change_of (AushangSiteSidebar *self,
           const char         *relative,
           AushangValue       *entry)
{
  for (guint i = 0; self->changes != NULL && relative != NULL && i < self->changes->len; i++)
    {
      AushangGitChange *change = g_ptr_array_index (self->changes, i);

      if (g_strcmp0 (change->path, relative) != 0 || change->kind == AUSHANG_GIT_CHANGE_DELETED)
        continue;
      if (entry == NULL || (change->entry != NULL && aushang_value_equal (change->entry, entry)))
        return change->kind;
    }

  return -1;
}

/* Marks a row as new or changed since the last publish; the words for a
 * screen reader, to add to the row's name ("" when not changed). */
static const char *
mark_change (GtkWidget *line,
             int        kind)
{
  if (kind == AUSHANG_GIT_CHANGE_ADDED)
    {
      /* Translators: a document or event in the list that is not on the
       * website yet (it goes out with the next "Publish"). */
      gtk_box_append (GTK_BOX (line), badge_new (C_("not published", "New"), "aushang-change-badge"));
      /* Translators: added to a row's name for screen readers. */
      return _(", new, not published yet");
    }
  if (kind == AUSHANG_GIT_CHANGE_CHANGED)
    {
      /* Translators: a document or event changed since it was last published. */
      gtk_box_append (GTK_BOX (line), badge_new (C_("not published", "Changed"), "aushang-change-badge"));
      /* Translators: added to a row's name for screen readers. */
      return _(", changed, not published yet");
    }

  return "";
}

/* A document's row: its title as the index shows it (greyed when that is
 * only the file name), and its date; "No date" only in a collection whose
 * other documents have dates. */
static GtkWidget *
create_document_row (AushangSiteSidebar  *self,
                     AushangSiteDocument *document,
                     gboolean             dated)
{
  const char *changed;
  const char *title = *document->title ? document->title : _("Untitled");
  g_autofree char *date = document->date != NULL || dated ? format_date (document->date) : NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *line;
  GtkWidget *row = create_row (title, date, *document->title == '\0' || document->title_from_name, &line);

  /* Search by what is shown: "Untitled" finds nothing. */
  g_object_set_data_full (G_OBJECT (row), ROW_TITLE, g_utf8_casefold (document->title, -1), g_free);

  if (document->draft)
    gtk_box_append (GTK_BOX (line), badge_new (_("Draft"), NULL));

  if (document->has_problem)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("The fields of this document cannot be read"));
      gtk_widget_add_css_class (icon, "warning");
      gtk_box_append (GTK_BOX (line), icon);
    }

  changed = mark_change (line, change_of (self, document->relative_path, NULL));
  accessible = g_strdup_printf ("%s%s%s%s%s", title, date ? ", " : "", date ? date : "",
                                document->draft ? _(", draft") : "", changed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_object_set_data_full (G_OBJECT (row), ROW_FILE, g_object_ref (document->file), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_KIND, GINT_TO_POINTER (KIND_DOCUMENT));

  return row;
}

/* The collection as the site names it ("Beiträge", from its navigation),
 * with its folder when another collection shown is named the same. */
static char *
collection_title (AushangSiteSidebar *self,
                  AushangCollection  *collection)
{
  g_autofree char *label = aushang_site_dup_collection_label (self->site, collection);
  GPtrArray *collections = aushang_site_get_collections (self->site);

  for (guint i = 0; i < collections->len; i++)
    {
      AushangCollection *other = g_ptr_array_index (collections, i);
      g_autofree char *other_label = NULL;

      if (other == collection || aushang_site_get_documents (self->site, other)->len == 0)
        continue;
      other_label = aushang_site_dup_collection_label (self->site, other);
      if (g_strcmp0 (label, other_label) == 0)
        return g_strdup_printf ("%s (%s)", label, collection->label);
    }

  return g_steal_pointer (&label);
}

/* Data files ---------------------------------------------------------------- */

static char *
data_group (AushangDataFile *data_file)
{
  g_autofree char *uri = g_file_get_uri (aushang_data_file_get_file (data_file));

  return g_strconcat ("data:", uri, NULL);
}

static char *
data_label (AushangSiteSidebar *self,
            AushangDataFile    *data_file)
{
  char *label = self->site ? aushang_site_dup_data_label (self->site, aushang_data_file_get_name (data_file))
                           : NULL;

  return label ? label : aushang_data_file_dup_label (data_file);
}

/* A data list as the site names it (the menu's text for the page that
 * lists it), else by its file's name ("Events", "Team"). */
static char *
data_title (AushangSiteSidebar *self,
            AushangDataFile    *data_file)
{
  g_autofree char *label = data_label (self, data_file);

  /* Two lists the site names alike ("team.yml" and "members.json", both
   * "Team") are told apart by their file's name. */
  for (guint i = 0; self->data_files != NULL && i < self->data_files->len; i++)
    {
      AushangDataFile *other = g_ptr_array_index (self->data_files, i);
      g_autofree char *other_label = NULL;

      if (other == data_file)
        continue;
      other_label = data_label (self, other);
      if (g_strcmp0 (label, other_label) == 0)
        {
          g_autofree char *base = g_file_get_basename (aushang_data_file_get_file (data_file));

          return g_strdup_printf ("%s (%s)", label, base);
        }
    }

  return g_steal_pointer (&label);
}

static GtkWidget *
create_entry_row (AushangSiteSidebar *self,
                  AushangDataFile *data_file,
                  guint            index,
                  const char      *date_key,
                  const char      *subgroup)
{
  gboolean hidden = FALSE;
  AushangValue *entry = aushang_data_file_get_entry (data_file, index, &hidden, NULL, NULL);
  g_autofree char *title = aushang_entry_dup_title (entry, index);
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *group = data_group (data_file);
  g_autofree char *group_title = data_title (self, data_file);
  const char *changed;
  GtkWidget *line;
  GtkWidget *row;

  if (date_key != NULL)
    {
      g_autoptr(GDateTime) date = aushang_data_file_dup_entry_date (data_file, index);
      g_autofree char *day = format_date (date);
      g_autofree char *time = aushang_entry_dup_text (entry, "time");

      meta = time != NULL ? g_strdup_printf ("%s, %s", day, time) : g_steal_pointer (&day);
    }
  else
    meta = aushang_entry_dup_subtitle (entry);

  row = create_row (title, meta, hidden, &line);
  if (hidden)
    {
      /* Translators: the label of an entry someone hid by commenting it
       * out: it is in the file, but not on the site. */
      gtk_box_append (GTK_BOX (line), badge_new (_("Hidden"), "aushang-hidden-badge"));
      gtk_widget_set_tooltip_text (row, _("Hidden: this entry is in the file, but not on the website"));
    }

  {
    g_autofree char *relative = self->site ? g_file_get_relative_path (aushang_site_get_folder (self->site),
                                                                       aushang_data_file_get_file (data_file))
                                           : NULL;

    changed = hidden ? "" : mark_change (line, change_of (self, relative, entry));
  }
  accessible = g_strdup_printf ("%s%s%s%s%s", title, meta ? ", " : "", meta ? meta : "",
                                /* Translators: added to the name of a hidden entry for screen readers. */
                                hidden ? _(", hidden") : "", changed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_object_set_data_full (G_OBJECT (row), ROW_FILE,
                          g_object_ref (aushang_data_file_get_file (data_file)), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_KIND, GINT_TO_POINTER (KIND_ENTRY));
  g_object_set_data (G_OBJECT (row), ROW_ENTRY, GUINT_TO_POINTER (index + 1));
  set_group (row, group, group_title, subgroup);

  return row;
}

/* A data file that is no list of entries: one row, saying how it opens. */
static GtkWidget *
create_data_file_row (AushangSiteSidebar *self,
                      AushangDataFile    *data_file)
{
  g_autofree char *title = data_title (self, data_file);
  g_autofree char *name = g_file_get_basename (aushang_data_file_get_file (data_file));
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *line;
  GtkWidget *row;
  guint error_line = 0;

  if (aushang_data_file_get_kind (data_file) == AUSHANG_DATA_FILE_READ_ONLY)
    /* Translators: %s is a file name such as members.json. */
    meta = g_strdup_printf (_("%s, read only"), name);
  else if (aushang_data_file_get_error (data_file, &error_line, NULL) != NULL)
    /* Translators: %s is a file name, %u a line number. */
    meta = g_strdup_printf (_("%s, problem in line %u"), name, error_line);
  else
    /* Translators: %s is a file name such as settings.yml. */
    meta = g_strdup_printf (_("%s, YAML text"), name);

  /* A file Jekyll cannot read is greyed, with a label and the reason. */
  row = create_row (title, meta, error_line > 0, &line);

  if (aushang_data_file_get_kind (data_file) == AUSHANG_DATA_FILE_READ_ONLY)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (icon, aushang_data_file_get_read_only_reason (data_file));
      gtk_box_prepend (GTK_BOX (line), icon);
      gtk_widget_set_tooltip_text (row, aushang_data_file_get_read_only_reason (data_file));
    }
  else if (error_line > 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *reason = g_strdup_printf (_("Line %u: %s"), error_line,
                                                 aushang_data_file_get_error (data_file, NULL, NULL)->message);

      gtk_widget_add_css_class (icon, "warning");
      gtk_box_prepend (GTK_BOX (line), icon);
      /* Translators: the label of a data file whose YAML cannot be read. */
      gtk_box_append (GTK_BOX (line), badge_new (_("Cannot be read"), "aushang-hidden-badge"));
      gtk_widget_set_tooltip_text (row, reason);
    }

  accessible = g_strdup_printf ("%s, %s", title, meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_object_set_data_full (G_OBJECT (row), ROW_FILE,
                          g_object_ref (aushang_data_file_get_file (data_file)), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_KIND, GINT_TO_POINTER (KIND_DATA_FILE));
  /* Translators: the heading of the data files that are no lists. */
  set_group (row, "data-other", _("More Data"), NULL);

  return row;
}

/* A data file that cannot be read at all (not text, too large): one
 * greyed row with a label; the reason shows when it is picked. */
static GtkWidget *
create_unreadable_row (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup (name);
  const char *reason = g_object_get_data (G_OBJECT (file), AUSHANG_SITE_SIDEBAR_REASON);
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *line;
  GtkWidget *row;
  char *dot = strrchr (title, '.');

  if (dot != NULL && dot != title)
    *dot = '\0';
  g_strdelimit (title, "_-", ' ');
  if (g_ascii_islower (title[0]))
    title[0] = g_ascii_toupper (title[0]);

  /* Translators: %s is a file name such as plan.yml. */
  meta = g_strdup_printf (_("%s, cannot be read"), name);
  row = create_row (title, meta, TRUE, &line);
  gtk_box_prepend (GTK_BOX (line), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_set_tooltip_text (row, reason);

  accessible = g_strdup_printf ("%s, %s", title, meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_object_set_data_full (G_OBJECT (row), ROW_FILE, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_KIND, GINT_TO_POINTER (KIND_DATA_FILE));
  set_group (row, "data-other", _("More Data"), NULL);

  return row;
}

/* An entry of a dated list, for sorting: its index and its day as
 * YYYYMMDD. */
typedef struct
{
  guint index;
  int   day;
} EventOrder;

static int
compare_soonest (gconstpointer a,
                 gconstpointer b)
{
  const EventOrder *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;

  return x->index < y->index ? -1 : x->index > y->index;
}

static int
compare_latest (gconstpointer a,
                gconstpointer b)
{
  const EventOrder *x = a, *y = b;

  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;

  return x->index < y->index ? -1 : x->index > y->index;
}

/* The rows of @data_file in the order they are shown: entries of a dated
 * list split into upcoming (soonest first), undated (in file order) and
 * past (the most recent first), as a calendar page shows them. */
static GPtrArray *
create_data_rows (AushangSiteSidebar *self,
                  AushangDataFile    *data_file)
{
  GPtrArray *rows = g_ptr_array_new ();
  guint n = aushang_data_file_get_n_entries (data_file);
  const char *date_key;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int today_year, today_month, today_day;

  if (aushang_data_file_get_kind (data_file) != AUSHANG_DATA_FILE_ENTRIES)
    {
      g_ptr_array_add (rows, create_data_file_row (self, data_file));
      return rows;
    }

  date_key = aushang_data_file_get_date_key (data_file, NULL);
  if (date_key == NULL)
    {
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (rows, create_entry_row (self, data_file, i, NULL, NULL));
      return rows;
    }

  g_date_time_get_ymd (now, &today_year, &today_month, &today_day);

  /* 0: upcoming, soonest first; 1: without a date, in file order; 2:
   * past, the most recent first. The same day keeps file order. */
  for (int pass = 0; pass < 3; pass++)
    {
      static const char * const subgroups[] = { "upcoming", "undated", "past" };
      g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (EventOrder));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GDateTime) date = aushang_data_file_dup_entry_date (data_file, i);
          EventOrder item = { i, 0 };
          int which;

          if (date == NULL)
            which = 1;
          else
            {
              int year, month, day;

              g_date_time_get_ymd (date, &year, &month, &day);
              item.day = year * 10000 + month * 100 + day;
              which = item.day >= today_year * 10000 + today_month * 100 + today_day ? 0 : 2;
            }

          if (which == pass)
            g_array_append_val (order, item);
        }

      if (pass == 0)
        g_array_sort (order, compare_soonest);
      else if (pass == 2)
        g_array_sort (order, compare_latest);

      for (guint i = 0; i < order->len; i++)
        g_ptr_array_add (rows, create_entry_row (self, data_file, g_array_index (order, EventOrder, i).index,
                                                 date_key, subgroups[pass]));
    }

  return rows;
}

static const char *
subgroup_title (const char *subgroup)
{
  /* Translators: headings of the events in the sidebar. */
  if (g_strcmp0 (subgroup, "upcoming") == 0)
    return _("Upcoming");
  if (g_strcmp0 (subgroup, "past") == 0)
    return _("Past");
  if (g_strcmp0 (subgroup, "undated") == 0)
    return _("Without a Date");

  return NULL;
}

static GtkWidget *
heading_new (const char *text,
             gboolean    main)
{
  /* A heading to a screen reader too, of the group it stands above. */
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, main ? 2 : 3,
                                  -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, main ? "heading" : "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, main ? 12 : 6);
  gtk_widget_set_margin_bottom (label, 4);

  return label;
}

#define ORDER_HEADERS "aushang-order-headers"

static gboolean
order_headers_cb (gpointer data)
{
  GtkListBox *list = data;
  GtkListBoxRow *row;

  g_object_set_data (G_OBJECT (list), ORDER_HEADERS, NULL);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkWidget *header = gtk_list_box_row_get_header (row);

      if (header != NULL && gtk_widget_get_parent (header) == GTK_WIDGET (list) &&
          gtk_widget_get_next_sibling (header) != GTK_WIDGET (row))
        gtk_widget_insert_before (header, GTK_WIDGET (list), GTK_WIDGET (row));
    }

  return G_SOURCE_REMOVE;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *group = g_object_get_data (G_OBJECT (row), ROW_GROUP);
  const char *previous = before ? g_object_get_data (G_OBJECT (before), ROW_GROUP) : NULL;
  const char *subgroup = g_object_get_data (G_OBJECT (row), ROW_SUBGROUP);
  const char *previous_subgroup = before ? g_object_get_data (G_OBJECT (before), ROW_SUBGROUP) : NULL;
  const char *title = g_object_get_data (G_OBJECT (row), ROW_GROUP_TITLE);
  gboolean new_group = g_strcmp0 (group, previous) != 0;
  gboolean new_subgroup = new_group || g_strcmp0 (subgroup, previous_subgroup) != 0;
  GtkWidget *header;
  GtkWidget *list;

  if (!new_subgroup || (!new_group && subgroup == NULL))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (!new_group)
    header = heading_new (subgroup_title (subgroup), FALSE);
  else
    {
      header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (header), heading_new (title, TRUE));
      if (subgroup != NULL)
        gtk_box_append (GTK_BOX (header), heading_new (subgroup_title (subgroup), FALSE));
    }
  gtk_list_box_row_set_header (row, header);

  /* GtkListBox puts each header after all rows among its children (once
   * this function has returned), so a screen reader read every heading
   * after the list: soon after, each goes before the first row of its
   * group. */
  list = gtk_widget_get_parent (GTK_WIDGET (row));
  if (list != NULL && g_object_get_data (G_OBJECT (list), ORDER_HEADERS) == NULL)
    {
      g_object_set_data (G_OBJECT (list), ORDER_HEADERS, GINT_TO_POINTER (1));
      g_idle_add_full (G_PRIORITY_DEFAULT, order_headers_cb, g_object_ref (list), g_object_unref);
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
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  /* Spaces before or after the words are no part of what is looked for. */
  g_clear_pointer (&self->search, g_free);
  if (*text != '\0')
    self->search = g_utf8_casefold (text, -1);

  gtk_list_box_invalidate_filter (self->list);
  update_empty (self);
}

static void row_activated_cb (AushangSiteSidebar *self,
                              GtkListBoxRow      *row,
                              GtkListBox         *list);

/* Enter in the search opens the first match. */
static void
search_activate_cb (AushangSiteSidebar *self,
                    GtkSearchEntry     *entry)
{
  /* The search may not have caught up with the typing yet. */
  search_changed_cb (self, entry);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        return;
      if (filter_func (row, self))
        {
          gtk_list_box_select_row (self->list, row);
          row_activated_cb (self, row, self->list);
          return;
        }
    }
}

/* Down in the search goes to the first match in the list. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       AushangSiteSidebar    *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  search_changed_cb (self, self->search_entry);
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        return FALSE;
      if (filter_func (row, self))
        return gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* Puts @text at the end of the search (NULL: selects what is there). */
static void
search_for (AushangSiteSidebar *self,
            const char         *text)
{
  GtkEditable *entry = GTK_EDITABLE (self->search_entry);
  int position;

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  if (text == NULL)
    {
      gtk_editable_select_region (entry, 0, -1);
      return;
    }
  position = (int) g_utf8_strlen (gtk_editable_get_text (entry), -1);
  gtk_editable_insert_text (entry, text, -1, &position);
  gtk_editable_set_position (entry, position);
}

/* Where the window's keys may go to the search: from the sidebar, from a
 * page without a document (its "New Document" button), or from nowhere. */
static gboolean
focus_is_searchable (AushangSiteSidebar *self,
                     gboolean            typing)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!gtk_widget_is_drawable (GTK_WIDGET (self->search_entry)))
    return FALSE;
  if (focus == NULL)
    return TRUE;
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return !typing || !GTK_IS_EDITABLE (focus);

  return gtk_widget_get_ancestor (focus, ADW_TYPE_STATUS_PAGE) != NULL;
}

/* Keys nothing else in the window took: Ctrl+F goes to the search, and
 * typing on the start page searches. */
static gboolean
root_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     AushangSiteSidebar    *self)
{
  GdkModifierType modifiers = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);
  gunichar c = gdk_keyval_to_unicode (keyval);

  if ((keyval == GDK_KEY_f || keyval == GDK_KEY_F) && modifiers == GDK_CONTROL_MASK &&
      focus_is_searchable (self, FALSE))
    {
      search_for (self, NULL);
      return TRUE;
    }

  if (c != 0 && g_unichar_isgraph (c) && (modifiers & ~GDK_SHIFT_MASK) == 0 &&
      focus_is_searchable (self, TRUE))
    {
      char text[7] = { 0, };

      g_unichar_to_utf8 (c, text);
      search_for (self, text);
      return TRUE;
    }

  return FALSE;
}

static void
aushang_site_sidebar_root (GtkWidget *widget)
{
  AushangSiteSidebar *self = AUSHANG_SITE_SIDEBAR (widget);

  GTK_WIDGET_CLASS (aushang_site_sidebar_parent_class)->root (widget);

  /* On the window, after everything else had the key (the editor's own
   * Ctrl+F finds in the text). */
  self->keys_root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_object_add_weak_pointer (G_OBJECT (self->keys_root), (gpointer *) &self->keys_root);
  self->root_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (self->root_keys, "aushang-sidebar-search-keys");
  gtk_event_controller_set_propagation_phase (self->root_keys, GTK_PHASE_BUBBLE);
  g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (root_key_pressed_cb), self);
  gtk_widget_add_controller (self->keys_root, self->root_keys);
}

static void
aushang_site_sidebar_unroot (GtkWidget *widget)
{
  AushangSiteSidebar *self = AUSHANG_SITE_SIDEBAR (widget);

  if (self->keys_root != NULL)
    {
      gtk_widget_remove_controller (self->keys_root, self->root_keys);
      g_object_remove_weak_pointer (G_OBJECT (self->keys_root), (gpointer *) &self->keys_root);
      self->keys_root = NULL;
    }
  self->root_keys = NULL;

  GTK_WIDGET_CLASS (aushang_site_sidebar_parent_class)->unroot (widget);
}

/* Tab and Shift+Tab leave the list for the widget after or before it
 * (GtkListBox would move from row to row, one stop per document), and
 * typing searches. */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     AushangSiteSidebar    *self)
{
  GtkWidget *list = GTK_WIDGET (self->list);
  GtkRoot *root = gtk_widget_get_root (list);
  GtkDirectionType direction;
  gunichar c = gdk_keyval_to_unicode (keyval);

  /* Typing a letter searches: it goes on in the search field. */
  if (c != 0 && g_unichar_isgraph (c) && (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    {
      char text[7] = { 0, };

      g_unichar_to_utf8 (c, text);
      search_for (self, text);
      return TRUE;
    }

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return FALSE;

  if (root == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  /* Leave with the rows out of the way. */
  gtk_widget_set_can_focus (list, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (list, TRUE);

  return TRUE;
}

static void
row_activated_cb (AushangSiteSidebar *self,
                  GtkListBoxRow      *row,
                  GtkListBox         *list)
{
  GFile *file = g_object_get_data (G_OBJECT (row), ROW_FILE);
  RowKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), ROW_KIND));

  if (file == NULL || self->selecting)
    return;

  if (kind == KIND_DOCUMENT)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, file);
  else
    g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, file,
                   (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), ROW_ENTRY)) - 1);
}

GtkWidget *
aushang_site_sidebar_new (void)
{
  return g_object_new (AUSHANG_TYPE_SITE_SIDEBAR, NULL);
}

static gboolean
row_is_data (GtkListBoxRow *row)
{
  RowKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), ROW_KIND));

  return kind == KIND_ENTRY || kind == KIND_DATA_FILE;
}

static gboolean
row_is_of (GtkListBoxRow *row,
           GFile         *file)
{
  GFile *row_file = g_object_get_data (G_OBJECT (row), ROW_FILE);

  return row_file != NULL && g_file_equal (row_file, file);
}

/* Data lists with entries come first, by name; then the other files. */
static int
compare_data_files (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  AushangSiteSidebar *self = user_data;
  AushangDataFile *file_a = *(AushangDataFile **) a;
  AushangDataFile *file_b = *(AushangDataFile **) b;
  gboolean entries_a = aushang_data_file_get_kind (file_a) == AUSHANG_DATA_FILE_ENTRIES;
  gboolean entries_b = aushang_data_file_get_kind (file_b) == AUSHANG_DATA_FILE_ENTRIES;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;

  if (entries_a != entries_b)
    return entries_a ? -1 : 1;

  label_a = data_title (self, file_a);
  label_b = data_title (self, file_b);

  return g_utf8_collate (label_a, label_b);
}

static void
append_data_rows (AushangSiteSidebar *self)
{
  g_autoptr(GPtrArray) sorted = NULL;

  if (self->data_files == NULL)
    return;

  /* Not g_ptr_array_copy(): that would take the free function along. */
  sorted = g_ptr_array_sized_new (self->data_files->len);
  for (guint i = 0; i < self->data_files->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (self->data_files, i));
  g_ptr_array_sort_with_data (sorted, compare_data_files, self);

  for (guint i = 0; i < sorted->len; i++)
    {
      g_autoptr(GPtrArray) rows = create_data_rows (self, g_ptr_array_index (sorted, i));

      for (guint j = 0; j < rows->len; j++)
        gtk_list_box_append (self->list, g_ptr_array_index (rows, j));
    }

  for (guint i = 0; self->unreadable != NULL && i < self->unreadable->len; i++)
    gtk_list_box_append (self->list, create_unreadable_row (g_ptr_array_index (self->unreadable, i)));
}

/* A page of the site outside the collections (an imprint, a topic's
 * landing page): its title, and its file. */
static GtkWidget *
create_page_row (AushangSiteSidebar *self,
                 GFile              *file)
{
  g_autoptr(AushangDocument) document = aushang_document_load (file, NULL);
  AushangFrontMatter *front_matter = document ? aushang_document_get_front_matter (document) : NULL;
  AushangValue *value = front_matter && aushang_front_matter_get_error (front_matter) == NULL
                        ? aushang_front_matter_get (front_matter, "title") : NULL;
  g_autofree char *title = value ? aushang_value_to_display (value) : NULL;
  g_autofree char *relative = g_file_get_relative_path (aushang_site_get_folder (self->site), file);
  g_autofree char *accessible = NULL;
  GtkWidget *line;
  GtkWidget *row;

  if (title == NULL || *title == '\0')
    {
      g_free (title);
      title = g_strdup (relative);
    }

  row = create_row (title, relative, FALSE, &line);
  accessible = g_strdup_printf ("%s, %s", title, relative);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (row), ROW_FILE, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_KIND, GINT_TO_POINTER (KIND_DOCUMENT));
  /* Translators: the heading of the site's pages outside the
   * collections (imprint, privacy policy, landing pages). */
  set_group (row, "pages", _("Pages"), NULL);

  return row;
}

static void
append_page_rows (AushangSiteSidebar *self)
{
  GPtrArray *pages = aushang_site_get_pages (self->site);

  for (guint i = 0; pages != NULL && i < pages->len; i++)
    gtk_list_box_append (self->list, create_page_row (self, g_ptr_array_index (pages, i)));
}

static void
rebuild (AushangSiteSidebar *self)
{
  GtkWidget *child;
  GPtrArray *collections;

  if (self->frozen > 0)
    {
      self->rebuild_pending = TRUE;
      return;
    }

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->site == NULL)
    return;

  collections = aushang_site_get_collections (self->site);
  for (guint i = 0; i < collections->len; i++)
    {
      AushangCollection *collection = g_ptr_array_index (collections, i);
      GPtrArray *documents = aushang_site_get_documents (self->site, collection);
      g_autofree char *title = collection_title (self, collection);

      /* Newest first, undated last: the first tells whether any has a date. */
      gboolean dated = documents->len > 0 &&
                       ((AushangSiteDocument *) g_ptr_array_index (documents, 0))->date != NULL;

      for (guint j = 0; j < documents->len; j++)
        {
          GtkWidget *row = create_document_row (self, g_ptr_array_index (documents, j), dated);

          set_group (row, collection->label, title, NULL);
          gtk_list_box_append (self->list, row);
        }
    }

  append_page_rows (self);
  append_data_rows (self);
  update_empty (self);
}

void
aushang_site_sidebar_set_site (AushangSiteSidebar *self,
                               AushangSite        *site)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  if (self->site != site)
    {
      g_clear_pointer (&self->data_files, g_ptr_array_unref);
      g_clear_pointer (&self->unreadable, g_ptr_array_unref);
      g_clear_pointer (&self->changes, g_ptr_array_unref);
    }
  g_set_object (&self->site, site);

  rebuild (self);
}

void
aushang_site_sidebar_freeze (AushangSiteSidebar *self)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  self->frozen++;
}

void
aushang_site_sidebar_thaw (AushangSiteSidebar *self)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));
  g_return_if_fail (self->frozen > 0);

  if (--self->frozen == 0 && self->rebuild_pending)
    {
      self->rebuild_pending = FALSE;
      rebuild (self);
    }
}

void
aushang_site_sidebar_set_data_files (AushangSiteSidebar *self,
                                     GPtrArray          *data_files)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  if (data_files != NULL)
    g_ptr_array_ref (data_files);
  g_clear_pointer (&self->data_files, g_ptr_array_unref);
  self->data_files = data_files;

  rebuild (self);
}

void
aushang_site_sidebar_set_unreadable_files (AushangSiteSidebar *self,
                                           GPtrArray          *files)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  if (files != NULL)
    g_ptr_array_ref (files);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  self->unreadable = files;

  rebuild (self);
}

void
aushang_site_sidebar_set_changes (AushangSiteSidebar *self,
                                  GPtrArray          *changes)
{
  GtkListBoxRow *selected;
  g_autoptr(GFile) file = NULL;
  guint entry = 0;

  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  if (changes == NULL && self->changes == NULL)
    return;

  /* The rows are made anew with their marks; what was selected stays. */
  selected = gtk_list_box_get_selected_row (self->list);
  if (selected != NULL && g_object_get_data (G_OBJECT (selected), ROW_FILE) != NULL)
    {
      file = g_object_ref (g_object_get_data (G_OBJECT (selected), ROW_FILE));
      entry = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (selected), ROW_ENTRY));
    }

  if (changes != NULL)
    g_ptr_array_ref (changes);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  self->changes = changes;

  rebuild (self);

  if (file != NULL && entry > 0)
    select_row_where (self, file, TRUE, (int) entry - 1);
  else if (file != NULL)
    select_row_where (self, file, FALSE, 0);
}

void
aushang_site_sidebar_update_data_file (AushangSiteSidebar *self,
                                       AushangDataFile    *data_file)
{
  GFile *file;
  GtkListBoxRow *selected;
  GFile *selected_file = NULL;
  int selected_entry = 0;
  int position = -1;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));
  g_return_if_fail (AUSHANG_IS_DATA_FILE (data_file));

  file = aushang_data_file_get_file (data_file);
  selected = gtk_list_box_get_selected_row (self->list);
  if (selected != NULL && row_is_of (selected, file))
    {
      selected_file = file;
      selected_entry = (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (selected), ROW_ENTRY)) - 1;
    }

  /* Its rows stand together: take them away, and put the new ones there. */
  for (int i = 0; ; )
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        break;
      if (row_is_data (row) && row_is_of (row, file))
        {
          if (position < 0)
            position = i;
          gtk_list_box_remove (self->list, GTK_WIDGET (row));
          continue;
        }
      i++;
    }

  if (position < 0)
    return;

  rows = create_data_rows (self, data_file);
  for (guint j = 0; j < rows->len; j++)
    gtk_list_box_insert (self->list, g_ptr_array_index (rows, j), position + (int) j);

  if (selected_file != NULL)
    aushang_site_sidebar_select_entry (self, selected_file, selected_entry);
  update_empty (self);
}

static void
select_row_where (AushangSiteSidebar *self,
                  GFile              *file,
                  gboolean            data,
                  int                 entry)
{
  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->list);

  for (int i = 0; file != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        break;

      if (row_is_of (row, file) && row_is_data (row) == data &&
          (!data || (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), ROW_ENTRY)) - 1 == entry))
        {
          gtk_list_box_select_row (self->list, row);
          break;
        }
    }

  self->selecting = FALSE;
}

void
aushang_site_sidebar_select_file (AushangSiteSidebar *self,
                                  GFile              *file)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  select_row_where (self, file, FALSE, 0);
}

void
aushang_site_sidebar_select_entry (AushangSiteSidebar *self,
                                   GFile              *file,
                                   int                 index)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  select_row_where (self, file, TRUE, index);
}

GtkWidget *
aushang_site_sidebar_get_entry_row (AushangSiteSidebar *self,
                                    GFile              *file,
                                    int                 index)
{
  g_return_val_if_fail (AUSHANG_IS_SITE_SIDEBAR (self), NULL);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        return NULL;
      if (row_is_data (row) && row_is_of (row, file) &&
          (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), ROW_ENTRY)) - 1 == index)
        return GTK_WIDGET (row);
    }
}

void
aushang_site_sidebar_set_menus (AushangSiteSidebar *self,
                                GMenuModel         *entry_menu,
                                GMenuModel         *document_menu)
{
  g_return_if_fail (AUSHANG_IS_SITE_SIDEBAR (self));

  g_set_object (&self->entry_menu, entry_menu);
  g_set_object (&self->document_menu, document_menu);
}

/* Forgets a menu waiting to show. (A window that closes takes its frame
 * clock's handlers along.) */
static void
cancel_popup (AushangSiteSidebar *self)
{
  if (self->popup_handler != 0 && g_signal_handler_is_connected (self->popup_clock, self->popup_handler))
    g_signal_handler_disconnect (self->popup_clock, self->popup_handler);
  self->popup_handler = 0;
  g_clear_object (&self->popup_clock);
}

static void
popup_after_paint_cb (AushangSiteSidebar *self,
                      GdkFrameClock      *clock)
{
  cancel_popup (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list)))
    gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* Scrolls the list so that @bounds (in the list's coordinates) is seen;
 * whether it had to. */
static gboolean
scroll_into_view (AushangSiteSidebar    *self,
                  const graphene_rect_t *bounds)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->list), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = scrolled ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  double value, page, top, bottom;

  if (adjustment == NULL)
    return FALSE;

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  top = bounds->origin.y;
  bottom = top + bounds->size.height;

  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page);
  else
    return FALSE;

  return TRUE;
}

gboolean
aushang_site_sidebar_popup_menu (AushangSiteSidebar *self,
                                 GtkWidget          *row)
{
  RowKind kind;
  GMenuModel *menu;
  graphene_rect_t bounds;
  GdkRectangle rect;

  g_return_val_if_fail (AUSHANG_IS_SITE_SIDEBAR (self), FALSE);
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), FALSE);

  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), ROW_KIND));
  menu = kind == KIND_DOCUMENT ? self->document_menu : self->entry_menu;
  if (menu == NULL)
    return FALSE;

  /* The menu is about what is open: the row first opens (the window may
   * ask about unsaved changes; then the row stays as it was). */
  if (gtk_list_box_get_selected_row (self->list) != GTK_LIST_BOX_ROW (row))
    {
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
      row_activated_cb (self, GTK_LIST_BOX_ROW (row), self->list);
      if (gtk_list_box_get_selected_row (self->list) != GTK_LIST_BOX_ROW (row))
        return FALSE;
    }

  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->list), &bounds))
    return FALSE;

  rect.x = (int) bounds.origin.x + 24;
  rect.y = (int) bounds.origin.y;
  rect.width = 1;
  rect.height = (int) bounds.size.height;

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->popover), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);

  /* A row scrolled out of sight (one opened from the keyboard or by the
   * window) comes into view first, and the menu shows once it is there:
   * never pointing off screen. */
  if (scroll_into_view (self, &bounds))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list));

      if (clock != NULL)
        {
          cancel_popup (self);
          self->popup_clock = g_object_ref (clock);
          self->popup_handler = g_signal_connect_swapped (clock, "after-paint",
                                                          G_CALLBACK (popup_after_paint_cb), self);
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
          return TRUE;
        }
    }

  gtk_popover_popup (GTK_POPOVER (self->popover));

  return TRUE;
}

static void
pressed_cb (GtkGestureClick    *gesture,
            int                 n_press,
            double              x,
            double              y,
            AushangSiteSidebar *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list, (int) y);

  if (row == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  aushang_site_sidebar_popup_menu (self, GTK_WIDGET (row));
}

/* Menu or Shift+F10 on the focused row. */
static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  AushangSiteSidebar *self = AUSHANG_SITE_SIDEBAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list))
    {
      GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);

      row = selected ? GTK_WIDGET (selected) : NULL;
    }
  if (row == NULL)
    return FALSE;

  return aushang_site_sidebar_popup_menu (self, row);
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

  cancel_popup (self);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), AUSHANG_TYPE_SITE_SIDEBAR);
  g_clear_object (&self->site);
  g_clear_object (&self->entry_menu);
  g_clear_object (&self->document_menu);
  g_clear_pointer (&self->data_files, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (aushang_site_sidebar_parent_class)->dispose (object);
}

static void
aushang_site_sidebar_class_init (AushangSiteSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_site_sidebar_dispose;
  widget_class->root = aushang_site_sidebar_root;
  widget_class->unroot = aushang_site_sidebar_unroot;

  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * AushangSiteSidebar::entry-activated:
   * @file: the data file
   * @index: the entry, or -1 for the file as a whole
   *
   * Emitted when a person picks an entry of a data list, or a data file
   * that is no list.
   */
  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-site-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, list);
  gtk_widget_class_bind_template_child (widget_class, AushangSiteSidebar, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_key_cb, NULL);
}

static void
aushang_site_sidebar_init (AushangSiteSidebar *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  /* The list is one stop for Tab (arrows move within it), and typing in
   * it searches. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);

  /* The context menu of a row. */
  self->popover = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self->list));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (click));
}
