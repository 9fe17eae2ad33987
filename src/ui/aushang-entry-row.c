/* aushang-entry-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-entry-row"

#include "config.h"

#include "aushang-entry-row.h"

#if AUSHANG_ENTRY_ROW_IS_ADW_ENTRY_ROW

/* libadwaita 1.4 and GTK 4.10: AdwEntryRow reports its text's focus. */

G_DEFINE_TYPE (AushangEntryRow, aushang_entry_row, ADW_TYPE_ENTRY_ROW)

static void
aushang_entry_row_class_init (AushangEntryRowClass *klass)
{
}

static void
aushang_entry_row_init (AushangEntryRow *self)
{
}

void
aushang_entry_row_add_suffix (AushangEntryRow *self,
                              GtkWidget       *widget)
{
  g_return_if_fail (AUSHANG_IS_ENTRY_ROW (self));

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), widget);
}

void
aushang_entry_row_set_activates_default (AushangEntryRow *self,
                                         gboolean         activates)
{
  g_return_if_fail (AUSHANG_IS_ENTRY_ROW (self));

  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self), activates);
}

void
aushang_entry_row_set_input_purpose (AushangEntryRow *self,
                                     GtkInputPurpose  purpose)
{
  g_return_if_fail (AUSHANG_IS_ENTRY_ROW (self));

  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), purpose);
}

GtkWidget *
aushang_entry_row_get_text_widget (AushangEntryRow *self)
{
  g_return_val_if_fail (AUSHANG_IS_ENTRY_ROW (self), NULL);

  return GTK_WIDGET (self);
}

#else

/* GTK 4.8 and libadwaita 1.2: an AdwActionRow holding a GtkEntry, which
 * the row's GtkEditable hands every text operation to. */

typedef struct
{
  GtkWidget *entry;
} AushangEntryRowPrivate;

static void editable_init (GtkEditableInterface *iface);

G_DEFINE_TYPE_WITH_CODE (AushangEntryRow, aushang_entry_row, ADW_TYPE_ACTION_ROW,
                         G_ADD_PRIVATE (AushangEntryRow)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, editable_init))

enum {
  PROP_0,
  N_PROPS
};

static GtkEditable *
get_delegate (GtkEditable *editable)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (AUSHANG_ENTRY_ROW (editable));

  return GTK_EDITABLE (priv->entry);
}

static void
editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = get_delegate;
}

static void
aushang_entry_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  if (!gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
aushang_entry_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  if (!gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* The text is named as the row is titled: it is what has the focus. The
 * name is the title alone: AdwActionRow lets its title label the
 * activatable widget too, which GTK 4.8 would add ("Title Title"). */
static void
title_changed_cb (AushangEntryRow *self)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (self);
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (priv->entry),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Tab and Shift+Tab go to the entry and the buttons beside it, never to
 * the row itself (as in an AdwEntryRow). */
static gboolean
aushang_entry_row_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL && gtk_widget_child_focus (child, direction);
}

static gboolean
aushang_entry_row_grab_focus (GtkWidget *widget)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (AUSHANG_ENTRY_ROW (widget));

  return gtk_widget_grab_focus (priv->entry);
}

static void
aushang_entry_row_dispose (GObject *object)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (AUSHANG_ENTRY_ROW (object));

  if (priv->entry != NULL)
    {
      gtk_editable_finish_delegate (GTK_EDITABLE (object));
      priv->entry = NULL;
    }

  G_OBJECT_CLASS (aushang_entry_row_parent_class)->dispose (object);
}

static void
aushang_entry_row_class_init (AushangEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_entry_row_dispose;
  object_class->set_property = aushang_entry_row_set_property;
  object_class->get_property = aushang_entry_row_get_property;

  widget_class->focus = aushang_entry_row_focus;
  widget_class->grab_focus = aushang_entry_row_grab_focus;

  gtk_editable_install_properties (object_class, N_PROPS);
}

/* AdwActionRow's title label, made by its template. */
static GtkWidget *
find_title_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "title"))
        return child;
      if ((found = find_title_label (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
aushang_entry_row_init (AushangEntryRow *self)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (self);
  GtkWidget *title;

  /* libadwaita 1.2 wraps the title anywhere, inside a word too ("Tite-" /
   * "lbild" beside a thumbnail); by words, a word's width is the least
   * the title takes. */
  if ((title = find_title_label (GTK_WIDGET (self))) != NULL)
    gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);

  priv->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (priv->entry, TRUE);
  /* Room for a few words even beside a long title or a description
   * below it (which would squeeze the field to nothing). */
  gtk_editable_set_width_chars (GTK_EDITABLE (priv->entry), 16);
  gtk_widget_set_valign (priv->entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), priv->entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), priv->entry);
  gtk_editable_init_delegate (GTK_EDITABLE (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
}

void
aushang_entry_row_add_suffix (AushangEntryRow *self,
                              GtkWidget       *widget)
{
  g_return_if_fail (AUSHANG_IS_ENTRY_ROW (self));

  adw_action_row_add_suffix (ADW_ACTION_ROW (self), widget);
}

void
aushang_entry_row_set_activates_default (AushangEntryRow *self,
                                         gboolean         activates)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (self);

  g_return_if_fail (AUSHANG_IS_ENTRY_ROW (self));

  gtk_entry_set_activates_default (GTK_ENTRY (priv->entry), activates);
}

void
aushang_entry_row_set_input_purpose (AushangEntryRow *self,
                                     GtkInputPurpose  purpose)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (self);

  g_return_if_fail (AUSHANG_IS_ENTRY_ROW (self));

  gtk_entry_set_input_purpose (GTK_ENTRY (priv->entry), purpose);
}

GtkWidget *
aushang_entry_row_get_text_widget (AushangEntryRow *self)
{
  AushangEntryRowPrivate *priv = aushang_entry_row_get_instance_private (self);

  g_return_val_if_fail (AUSHANG_IS_ENTRY_ROW (self), NULL);

  return priv->entry;
}

#endif

GtkWidget *
aushang_entry_row_new (void)
{
  return g_object_new (AUSHANG_TYPE_ENTRY_ROW, NULL);
}
