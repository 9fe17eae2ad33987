/* aushang-accessible.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names a screen reader can say. GTK 4.8 names a button with a mnemonic
 * after its raw label and its child label ("_Save Save"), gives a search
 * bar's close button, a drop-down's button, a divider and the lists of
 * preference groups no name at all, and numbers the pages of the
 * shortcuts window "_1", "_2". This walks a widget tree and gives each of
 * them the name a person reads on screen; every window of the
 * application is walked when it is shown, and the window walks its
 * content again when it changes.
 */

#define G_LOG_DOMAIN "aushang-accessible"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "aushang-accessible.h"

static void
set_name (GtkWidget  *widget,
          const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The text of the first label inside @widget, without its mnemonic. */
static const char *
inner_label_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (GTK_IS_LABEL (child))
        {
          text = gtk_label_get_text (GTK_LABEL (child));
          if (text != NULL && *text != '\0')
            return text;
        }
      else if ((text = inner_label_text (child)) != NULL)
        return text;
    }

  return NULL;
}

static gboolean
is_inside (GtkWidget *widget,
           GType      type)
{
  return gtk_widget_get_ancestor (widget, type) != NULL;
}

/* For widgets whose type is private (a toast). */
static gboolean
is_inside_type_named (GtkWidget  *widget,
                      const char *type_name)
{
  GType type = g_type_from_name (type_name);

  return type != 0 && is_inside (widget, type);
}

static void
tidy_one (GtkWidget *widget)
{
  GList *mnemonic_labels = gtk_widget_list_mnemonic_labels (widget);

  /* A widget a label points to by its mnemonic is named by that label
   * alone (GTK 4.8 says "Where Where" for a drop-down named the same). */
  if (mnemonic_labels != NULL)
    {
      const char *text = gtk_label_get_text (GTK_LABEL (mnemonic_labels->data));

      g_list_free (mnemonic_labels);
      if (text != NULL && *text != '\0')
        {
          set_name (widget, text);
          /* The button inside a drop-down is what takes the focus. */
          if (GTK_IS_DROP_DOWN (widget))
            for (GtkWidget *child = gtk_widget_get_first_child (widget);
                 child != NULL;
                 child = gtk_widget_get_next_sibling (child))
              if (GTK_IS_BUTTON (child))
                set_name (child, text);
          return;
        }
    }

  if (GTK_IS_BUTTON (widget))
    {
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (widget));
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (label != NULL && gtk_button_get_use_underline (GTK_BUTTON (widget)))
        {
          const char *text = inner_label_text (widget);

          if (text != NULL)
            set_name (widget, text);
        }
      else if (g_strcmp0 (icon, "window-close-symbolic") == 0 && is_inside (widget, GTK_TYPE_SEARCH_BAR))
        {
          set_name (widget, _("Close Search"));
        }
      else if (is_inside (widget, GTK_TYPE_CALENDAR))
        {
          /* GtkCalendar's header: month back and on, year back and on. */
          static const char *names[] = {
            N_("Previous Month"), N_("Next Month"), N_("Previous Year"), N_("Next Year"),
          };
          GtkWidget *calendar = gtk_widget_get_ancestor (widget, GTK_TYPE_CALENDAR);
          guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (calendar), "aushang-buttons"));

          if (index < G_N_ELEMENTS (names))
            set_name (widget, _(names[index]));
          g_object_set_data (G_OBJECT (calendar), "aushang-buttons", GUINT_TO_POINTER (index + 1));
        }
      else if (g_strcmp0 (icon, "window-close-symbolic") == 0 && is_inside_type_named (widget, "AdwToastWidget"))
        {
          set_name (widget, _("Close"));
        }
      else if (g_strcmp0 (icon, "edit-find-symbolic") == 0 && is_inside (widget, GTK_TYPE_SHORTCUTS_WINDOW))
        {
          set_name (widget, _("Search"));
        }
      else if (parent != NULL && GTK_IS_STACK_SWITCHER (parent))
        {
          const char *text = inner_label_text (widget);

          if (text != NULL)
            set_name (widget, text);
        }
    }
  else if (GTK_IS_CALENDAR (widget))
    {
      g_object_set_data (G_OBJECT (widget), "aushang-buttons", GUINT_TO_POINTER (0));
    }
  else if (GTK_IS_MENU_BUTTON (widget) && is_inside (widget, GTK_TYPE_SHORTCUTS_WINDOW))
    {
      GtkWidget *inner = gtk_widget_get_first_child (widget);

      set_name (widget, _("Sections"));
      if (inner != NULL)
        set_name (inner, _("Sections"));
    }
  else if (GTK_IS_LIST_BOX (widget))
    {
      GtkWidget *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);
      const char *title = group ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) : NULL;
      GtkWidget *first = gtk_widget_get_first_child (widget);

      if (group == NULL)
        return;
      if (title != NULL && *title != '\0')
        set_name (widget, title);
      /* A group without a heading: one row names it, more are fields. */
      else if (first != NULL && gtk_widget_get_next_sibling (first) == NULL &&
               ADW_IS_PREFERENCES_ROW (first))
        set_name (widget, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)));
      else
        set_name (widget, _("Fields"));
    }
  else if (GTK_IS_PANED (widget))
    {
      /* Translators: the name a screen reader gives the handle that
       * resizes the parts of the window beside it. */
      set_name (widget, _("Divider"));
    }
  else if (GTK_IS_SEARCH_ENTRY (widget) && is_inside (widget, GTK_TYPE_SHORTCUTS_WINDOW))
    {
      set_name (widget, _("Search Shortcuts"));
    }
}

void
aushang_accessible_tidy (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  tidy_one (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    aushang_accessible_tidy (child);
}

static void
window_map_cb (GtkWidget *window)
{
  aushang_accessible_tidy (window);
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (window), "aushang-accessible-tidy") != NULL)
        continue;
      g_object_set_data (G_OBJECT (window), "aushang-accessible-tidy", GINT_TO_POINTER (1));
      g_signal_connect (window, "map", G_CALLBACK (window_map_cb), NULL);
    }
}

/* Every window of the program (dialogs and the shortcuts window
 * included) is tidied each time it is shown. */
void
aushang_accessible_tidy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  toplevels_changed_cb (toplevels, 0, 0, g_list_model_get_n_items (toplevels), NULL);
  g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), NULL);
}
