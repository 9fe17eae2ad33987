/* aushang-list-row.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-list-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aushang-chips.h"
#include "aushang-list-row.h"

struct _AushangListRow
{
  AdwPreferencesRow parent_instance;

  /* Template widgets */
  GtkWidget        *title_label;
  GtkWidget        *status;
  GtkWidget        *required_label;
  GtkWidget        *chips;

  /* categories/tags: Jekyll splits strings at spaces */
  gboolean          split_words;
};

static void field_row_init (AushangFieldRowInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AushangListRow, aushang_list_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (AUSHANG_TYPE_FIELD_ROW, field_row_init))

static GtkWidget *
get_widget (AushangFieldRow *row)
{
  return AUSHANG_LIST_ROW (row)->chips;
}

static GtkWidget *
get_status (AushangFieldRow *row)
{
  return AUSHANG_LIST_ROW (row)->status;
}

static GtkWidget *
get_required_label (AushangFieldRow *row)
{
  return AUSHANG_LIST_ROW (row)->required_label;
}

static void
field_row_init (AushangFieldRowInterface *iface)
{
  iface->get_widget = get_widget;
  iface->get_status = get_status;
  iface->get_required_label = get_required_label;
}

static void
chips_changed_cb (AushangListRow *self,
                  AushangChips   *chips)
{
  AushangValue *old = aushang_field_row_get_value (AUSHANG_FIELD_ROW (self));
  g_auto(GStrv) items = aushang_chips_dup_items (chips);
  g_autoptr(AushangValue) value = NULL;
  guint n = g_strv_length (items);

  /* A list the file writes as one string ("author: Aylin Demir",
   * "categories: Neuigkeiten") stays one while it holds one name that
   * Jekyll reads the same way. */
  if (old != NULL &&
      aushang_value_get_kind (old) == AUSHANG_VALUE_STRING &&
      n == 1 &&
      !(self->split_words && strpbrk (items[0], " \t") != NULL))
    value = aushang_value_new_string (items[0]);
  else
    {
      value = aushang_value_new_list ();
      for (guint i = 0; i < n; i++)
        aushang_value_list_append (value, aushang_value_new_string (items[i]));
    }

  aushang_field_row_store (AUSHANG_FIELD_ROW (self), value);
}

static char **
items_of (AushangListRow *self,
          AushangValue   *value)
{
  if (value == NULL || aushang_value_get_kind (value) == AUSHANG_VALUE_NULL)
    return NULL;

  /* Jekyll reads "categories: a b" as two categories. */
  if (self->split_words && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
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

/* The suggestions for the row; @known and @hint for authors. */
static GPtrArray *
collect_suggestions (AushangListRow  *self,
                     GHashTable     **known,
                     const char     **hint)
{
  AushangFieldContext *context = aushang_field_row_get_context (AUSHANG_FIELD_ROW (self));
  AushangSite *site = aushang_field_context_get_site (context);
  const char *schema_key = aushang_field_row_get_schema_key (AUSHANG_FIELD_ROW (self));
  GPtrArray *suggestions = g_ptr_array_new_with_free_func (g_free);

  *known = NULL;
  *hint = NULL;

  if (site != NULL && g_strcmp0 (schema_key, "authors") == 0)
    {
      GPtrArray *authors = aushang_site_get_authors (site);
      gboolean any_from_data = FALSE;

      *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; authors != NULL && i < authors->len; i++)
        any_from_data |= ((AushangSiteTerm *) g_ptr_array_index (authors, i))->from_data;

      for (guint i = 0; authors != NULL && i < authors->len; i++)
        {
          AushangSiteTerm *term = g_ptr_array_index (authors, i);

          g_ptr_array_add (suggestions, g_strdup (term->name));
          /* The site's list is its _data file where it has one. */
          if (term->from_data || !any_from_data)
            g_hash_table_add (*known, g_strdup (term->name));
        }

      if (g_hash_table_size (*known) == 0)
        g_clear_pointer (known, g_hash_table_unref);
      *hint = _("Not in the site’s author list");
    }
  else if (site != NULL && self->split_words)
    {
      g_autoptr(GPtrArray) terms = aushang_site_get_terms (site, aushang_field_context_get_collection (context),
                                                           schema_key);

      for (guint i = 0; i < terms->len; i++)
        g_ptr_array_add (suggestions,
                         g_strdup (((AushangSiteTerm *) g_ptr_array_index (terms, i))->name));
    }
  else
    {
      g_autoptr(GPtrArray) values = aushang_field_context_dup_suggestions (context, schema_key);

      for (guint i = 0; values != NULL && i < values->len; i++)
        g_ptr_array_add (suggestions, g_strdup (g_ptr_array_index (values, i)));
    }

  return suggestions;
}

static void
aushang_list_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_LIST_ROW);

  G_OBJECT_CLASS (aushang_list_row_parent_class)->dispose (object);
}

static void
aushang_list_row_class_init (AushangListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_list_row_dispose;

  g_type_ensure (AUSHANG_TYPE_CHIPS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangListRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AushangListRow, status);
  gtk_widget_class_bind_template_child (widget_class, AushangListRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, AushangListRow, chips);
  gtk_widget_class_bind_template_callback (widget_class, chips_changed_cb);
}

static void
aushang_list_row_init (AushangListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aushang_list_row_new (AushangFieldContext *context,
                      const char          *key,
                      const char          *schema_key,
                      const char          *label,
                      gboolean             required,
                      AushangValue        *value)
{
  AushangListRow *self = g_object_new (AUSHANG_TYPE_LIST_ROW, NULL);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_auto(GStrv) items = NULL;
  const char *hint = NULL;

  aushang_field_row_setup (AUSHANG_FIELD_ROW (self), context, key, schema_key, label,
                           AUSHANG_FIELD_LIST, required, value);
  gtk_label_set_text (GTK_LABEL (self->title_label), label);
  aushang_chips_set_label (AUSHANG_CHIPS (self->chips), label);

  schema_key = aushang_field_row_get_schema_key (AUSHANG_FIELD_ROW (self));
  self->split_words = g_strcmp0 (schema_key, "categories") == 0 ||
                      g_strcmp0 (schema_key, "tags") == 0;

  suggestions = collect_suggestions (self, &known, &hint);
  items = items_of (self, value);
  aushang_chips_set_items (AUSHANG_CHIPS (self->chips), (const char * const *) items);
  aushang_chips_set_suggestions (AUSHANG_CHIPS (self->chips), suggestions, known, hint);

  return GTK_WIDGET (self);
}
