/* aushang-document-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-document-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-document-row.h"
#include "aushang-html-text.h"
#include "aushang-form-util.h"

struct _AushangDocumentRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget   *status;
  GtkWidget   *required_label;
  GtkWidget   *open_button;
  GtkWidget   *choose_button;
  GtkWidget   *popover;
  GtkWidget   *search_entry;
  GtkWidget   *list;
  GtkWidget   *clear_button;

  GFile       *target;  /* the document named, or NULL */
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangDocumentRow, aushang_document_row, ADW_TYPE_ACTION_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

#define ROW_NAME "aushang-name"
#define ROW_FILE "aushang-file"
#define MAX_LISTED 200

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return AUSHANG_DOCUMENT_ROW (row)->choose_button;
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_DOCUMENT_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_DOCUMENT_ROW (row)->required_label;
}

static void
field_row_init (AushangFieldRowInterface *iface)
{
  iface->get_widget = get_widget;
  iface->get_status = get_status;
  iface->get_required_label = get_required_label;
  iface->dup_text = NULL;
}

/* A document's name as other documents write it: its file name without
 * extension. */
static char *
name_of (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

static AushangSite *
get_site (AushangDocumentRow *self)
{
  return aushang_field_context_get_site (aushang_field_row_get_context (AUSHANG_FIELD_ROW (self)));
}

static const char *
current_name (AushangDocumentRow *self)
{
  AushangValue *value = aushang_field_row_get_value (AUSHANG_FIELD_ROW (self));

  if (value == NULL || aushang_value_get_kind (value) != AUSHANG_VALUE_STRING)
    return NULL;

  return aushang_value_get_string (value);
}

/* The site's document whose file is @file, or NULL. */
static AushangSiteDocument *
find_site_document (AushangSite *site,
                    GFile       *file)
{
  GPtrArray *collections = aushang_site_get_collections (site);

  for (guint i = 0; i < collections->len; i++)
    {
      GPtrArray *documents = aushang_site_get_documents (site, g_ptr_array_index (collections, i));

      for (guint j = 0; j < documents->len; j++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, j);

          if (g_file_equal (document->file, file))
            return document;
        }
    }

  return NULL;
}

/* The subtitle: the title of the document named, or what is wrong. */
static void
update_target (AushangDocumentRow *self)
{
  AushangSite *site = get_site (self);
  const char *name = current_name (self);
  g_autofree char *subtitle = NULL;

  g_clear_object (&self->target);
  if (site != NULL && name != NULL && *name != '\0')
    self->target = aushang_site_find_document_by_name (site, name);

  if (name == NULL || *name == '\0')
    subtitle = g_strdup (_("No document"));
  else if (self->target == NULL)
    /* Translators: %s is the name a field gives, like rueckblick-repair-cafe. */
    subtitle = g_strdup_printf (_("“%s”: the site has no document of this name"), name);
  else
    {
      AushangSiteDocument *document = find_site_document (site, self->target);
      const char *title = document && *document->title ? document->title : name;

      /* Translators: a document's title, then the name the field gives. */
      subtitle = g_strdup_printf (_("%s (%s)"), title, name);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_widget_set_sensitive (self->open_button, self->target != NULL);
  gtk_widget_set_visible (self->clear_button, name != NULL);
}

/* Whether @document's title or name holds every word of @search. */
static gboolean
matches (AushangSiteDocument *document,
         const char          *search)
{
  g_autofree char *name = name_of (document->file);
  g_autofree char *text = g_strconcat (document->title, " ", name, NULL);

  return aushang_text_matches_search (text, search);
}

GPtrArray *
aushang_document_row_search (AushangDocumentRow *self,
                             const char         *search)
{
  AushangSite *site;
  GPtrArray *collections;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) own = NULL;

  g_return_val_if_fail (AUSHANG_IS_DOCUMENT_ROW (self), found);

  site = get_site (self);
  if (site == NULL)
    return found;

  /* The document being edited is not its own related post. */
  own = aushang_field_context_get_file (aushang_field_row_get_context (AUSHANG_FIELD_ROW (self)));
  if (own != NULL)
    g_object_ref (own);

  /* Drafts and documents of every collection; newest first in each. */
  collections = aushang_site_get_collections (site);
  for (guint i = 0; i < collections->len; i++)
    {
      GPtrArray *documents = aushang_site_get_documents (site, g_ptr_array_index (collections, i));

      for (guint j = 0; j < documents->len && found->len < MAX_LISTED; j++)
        {
          AushangSiteDocument *document = g_ptr_array_index (documents, j);

          if (own != NULL && g_file_equal (document->file, own))
            continue;
          if (matches (document, search))
            g_ptr_array_add (found, g_object_ref (document->file));
        }
    }

  return found;
}

static GtkWidget *
create_list_row (AushangDocumentRow *self,
                 GFile              *file)
{
  AushangSiteDocument *document = find_site_document (get_site (self), file);
  g_autofree char *name = name_of (file);
  const char *title = document && *document->title ? document->title : name;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *detail = gtk_label_new (name);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", title, name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_object_set_data_full (G_OBJECT (row), ROW_NAME, g_steal_pointer (&name), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_FILE, g_object_ref (file), g_object_unref);

  return row;
}

static void
fill_list (AushangDocumentRow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) found = aushang_document_row_search (self, search);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  for (guint i = 0; i < found->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), create_list_row (self, g_ptr_array_index (found, i)));

  if (found->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No document has this in its title."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), empty);
    }
}

static void
popover_show_cb (AushangDocumentRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_list (self);
  gtk_widget_grab_focus (self->search_entry);
}

static void
search_changed_cb (AushangDocumentRow *self)
{
  fill_list (self);
}

static void
row_activated_cb (AushangDocumentRow *self,
                  GtkListBoxRow      *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), ROW_NAME);

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  aushang_document_row_pick (self, name);
}

/* Enter picks the first match. */
static void
search_activate_cb (AushangDocumentRow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);

  if (first != NULL)
    row_activated_cb (self, first);
}

static void
clear_clicked_cb (AushangDocumentRow *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  aushang_document_row_pick (self, NULL);
}

static void
open_clicked_cb (AushangDocumentRow *self)
{
  g_autofree char *uri = NULL;

  if (self->target == NULL)
    return;

  uri = g_file_get_uri (self->target);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "s", uri);
}

static void
aushang_document_row_dispose (GObject *object)
{
  AushangDocumentRow *self = AUSHANG_DOCUMENT_ROW (object);

  g_clear_object (&self->target);
  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_DOCUMENT_ROW);

  G_OBJECT_CLASS (aushang_document_row_parent_class)->dispose (object);
}

static void
aushang_document_row_class_init (AushangDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_document_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, popover);
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, list);
  gtk_widget_class_bind_template_child (widget_class, AushangDocumentRow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
}

static void
aushang_document_row_init (AushangDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aushang_document_row_new (AushangFieldContext *context,
                          const char          *key,
                          const char          *schema_key,
                          const char          *label,
                          gboolean             required,
                          AushangValue        *value)
{
  AushangDocumentRow *self = g_object_new (AUSHANG_TYPE_DOCUMENT_ROW, NULL);

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           AUSHANG_FIELD_TEXT, required, value);
  /* Screen readers hear the field's name, then what the button does. */
  aushang_set_accessible_label (self->choose_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Choose a document"), -1);
  update_target (self);

  return GTK_WIDGET (self);
}

gboolean
aushang_document_row_can_show (AushangFieldContext *context,
                               const char          *key,
                               AushangValue        *value)
{
  AushangSite *site = aushang_field_context_get_site (context);

  return site != NULL && key != NULL &&
         (value == NULL || aushang_value_get_kind (value) == AUSHANG_VALUE_STRING) &&
         aushang_site_key_names_documents (site, key);
}

void
aushang_document_row_pick (AushangDocumentRow *self,
                           const char         *name)
{
  g_autoptr(AushangValue) value = NULL;

  g_return_if_fail (AUSHANG_IS_DOCUMENT_ROW (self));

  if (name != NULL)
    value = aushang_value_new_string (name);
  if (aushang_field_row_store (AUSHANG_FIELD_ROW (self), value))
    update_target (self);
}

GFile *
aushang_document_row_get_target (AushangDocumentRow *self)
{
  g_return_val_if_fail (AUSHANG_IS_DOCUMENT_ROW (self), NULL);

  return self->target;
}
