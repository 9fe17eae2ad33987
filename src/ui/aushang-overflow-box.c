/* aushang-overflow-box.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-overflow-box"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-form-util.h"
#include "aushang-overflow-box.h"

/* GTK 4.8 has no toolbar that overflows into a menu: this one measures its
 * children and, where they do not fit, takes the last ones out of the row
 * (gtk_widget_set_child_visible, which needs no new size request) and
 * offers their actions in a menu that is built each time it opens. */

#define SPACING 2

struct _AushangOverflowBox
{
  GtkWidget  parent_instance;

  GPtrArray *children;  /* GtkWidget*, not the menu button */
  GtkWidget *menu_button;
};

static void aushang_overflow_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangOverflowBox, aushang_overflow_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      aushang_overflow_box_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static gboolean
can_give_way (GtkWidget *child)
{
  return GTK_IS_ACTIONABLE (child) &&
         gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) != NULL &&
         gtk_widget_get_tooltip_text (child) != NULL;
}

static int
measure_width (GtkWidget *widget,
               gboolean   natural)
{
  int min = 0, nat = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);

  return natural ? nat : min;
}

static void
aushang_overflow_box_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  AushangOverflowBox *self = AUSHANG_OVERFLOW_BOX (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int fixed = 0;
      int shown = 0;

      /* At least what cannot give way, and the menu button. */
      for (guint i = 0; i < self->children->len; i++)
        {
          GtkWidget *child = g_ptr_array_index (self->children, i);

          if (!gtk_widget_get_visible (child))
            continue;
          if (!can_give_way (child))
            fixed += measure_width (child, FALSE) + SPACING;
          *natural += measure_width (child, TRUE) + (shown++ > 0 ? SPACING : 0);
        }
      *minimum = fixed + measure_width (self->menu_button, TRUE);
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min = 0, nat = 0;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
    }

  *minimum_baseline = *natural_baseline = -1;
}

static void
aushang_overflow_box_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  AushangOverflowBox *self = AUSHANG_OVERFLOW_BOX (widget);
  guint n = self->children->len;
  g_autofree gboolean *shown = g_new0 (gboolean, n);
  g_autofree int *widths = g_new0 (int, n);
  int needed = 0;
  int menu_width = measure_width (self->menu_button, TRUE);
  gboolean overflow = FALSE;
  int expanders = 0;
  int spare;
  int x = 0;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->children, i);

      shown[i] = gtk_widget_get_visible (child);
      widths[i] = measure_width (child, TRUE);
      if (shown[i])
        needed += widths[i] + SPACING;
    }

  /* Too narrow: the last buttons that can give way go into the menu
   * until the rest and the menu button fit. */
  if (needed - SPACING > width)
    {
      overflow = TRUE;
      needed += menu_width;
      for (guint i = n; i-- > 0 && needed > width;)
        {
          GtkWidget *child = g_ptr_array_index (self->children, i);

          if (!shown[i] || !can_give_way (child))
            continue;
          shown[i] = FALSE;
          needed -= widths[i] + SPACING;
        }
    }
  else
    needed -= SPACING;

  for (guint i = 0; i < n; i++)
    if (shown[i] && gtk_widget_get_hexpand (g_ptr_array_index (self->children, i)))
      expanders++;
  spare = MAX (0, width - needed);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->children, i);
      int child_width = widths[i];

      gtk_widget_set_child_visible (child, shown[i]);
      if (!shown[i])
        continue;
      if (expanders > 0 && gtk_widget_get_hexpand (child))
        {
          child_width += spare / expanders;
          spare -= spare / expanders;
          expanders--;
        }
      gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, child_width, height }, -1);
      x += child_width + SPACING;
    }

  gtk_widget_set_child_visible (self->menu_button, overflow);
  if (overflow)
    gtk_widget_size_allocate (self->menu_button,
                              &(GtkAllocation) { MAX (x, width - menu_width), 0, menu_width, height }, -1);
}

/* "Undo (Ctrl+Z)" -> "Undo". */
static char *
dup_menu_label (GtkWidget *child)
{
  char *label = g_strdup (gtk_widget_get_tooltip_text (child));
  char *bracket = strstr (label, " (");

  if (bracket != NULL)
    *bracket = '\0';

  return label;
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  AushangOverflowBox *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *popover;

  for (guint i = 0; i < self->children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->children, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!gtk_widget_get_visible (child) || gtk_widget_get_child_visible (child) ||
          !can_give_way (child))
        continue;

      label = dup_menu_label (child);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item,
                                               gtk_actionable_get_action_name (GTK_ACTIONABLE (child)),
                                               gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child)));
      g_menu_append_item (menu, item);
    }

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_menu_button_set_popover (button, popover);
}

static void
aushang_overflow_box_dispose (GObject *object)
{
  AushangOverflowBox *self = AUSHANG_OVERFLOW_BOX (object);

  if (self->children != NULL)
    {
      for (guint i = 0; i < self->children->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->children, i));
      g_clear_pointer (&self->children, g_ptr_array_unref);
    }
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);

  G_OBJECT_CLASS (aushang_overflow_box_parent_class)->dispose (object);
}

static void
aushang_overflow_box_buildable_add_child (GtkBuildable *buildable,
                                          GtkBuilder   *builder,
                                          GObject      *child,
                                          const char   *type)
{
  if (GTK_IS_WIDGET (child))
    aushang_overflow_box_append (AUSHANG_OVERFLOW_BOX (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
aushang_overflow_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = aushang_overflow_box_buildable_add_child;
}

static void
aushang_overflow_box_class_init (AushangOverflowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_overflow_box_dispose;
  widget_class->measure = aushang_overflow_box_measure;
  widget_class->size_allocate = aushang_overflow_box_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
aushang_overflow_box_init (AushangOverflowBox *self)
{
  self->children = g_ptr_array_new ();

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-horizontal-symbolic");
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_tooltip_text (self->menu_button, _("More Actions"));
  aushang_menu_button_set_label (self->menu_button, _("More Actions"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button),
                                         create_popup_cb, self, NULL);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  gtk_widget_set_child_visible (self->menu_button, FALSE);
}

GtkWidget *
aushang_overflow_box_new (void)
{
  return g_object_new (AUSHANG_TYPE_OVERFLOW_BOX, NULL);
}

void
aushang_overflow_box_append (AushangOverflowBox *self,
                             GtkWidget          *child)
{
  g_return_if_fail (AUSHANG_IS_OVERFLOW_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), self->menu_button);
  g_ptr_array_add (self->children, child);
}

GtkWidget *
aushang_overflow_box_get_menu_button (AushangOverflowBox *self)
{
  g_return_val_if_fail (AUSHANG_IS_OVERFLOW_BOX (self), NULL);

  return self->menu_button;
}

gboolean
aushang_overflow_box_child_is_shown (AushangOverflowBox *self,
                                     GtkWidget          *child)
{
  g_return_val_if_fail (AUSHANG_IS_OVERFLOW_BOX (self), FALSE);

  return gtk_widget_get_visible (child) && gtk_widget_get_child_visible (child);
}
