/* aushang-link-dialog.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-link-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-entry-row.h"
#include "aushang-form-util.h"
#include "aushang-link-dialog.h"
#include "aushang-links.h"

struct _AushangLinkDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkWidget        *search_entry;
  GtkWidget        *list;
  GtkWidget        *section_row;
  GtkWidget        *text_row;
  GtkWidget        *address_row;

  AushangEditor    *editor;     /* weak */
  AushangSite      *site;
  GFile            *own_file;   /* the document edited, or NULL */
  GtkTextMark      *start;      /* the selection, or the cursor */
  GtkTextMark      *end;
  char             *selected;   /* the selected text, or NULL */

  GFile            *chosen;     /* the page picked, or NULL */
  char             *chosen_title;
  GPtrArray        *sections;   /* AushangLinkSection* of the chosen page */

  guint             filling : 1;      /* set by the dialog, not typed */
  guint             text_typed : 1;   /* the person wrote the link text */
};

G_DEFINE_FINAL_TYPE (AushangLinkDialog, aushang_link_dialog, ADW_TYPE_MESSAGE_DIALOG)

#define ROW_TARGET "aushang-link-target"
#define MAX_LISTED 100

static gboolean
looks_like_address (const char *text)
{
  return g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://") ||
         g_str_has_prefix (text, "mailto:") || g_str_has_prefix (text, "www.") ||
         g_str_has_prefix (text, "tel:") || text[0] == '/' || text[0] == '#' ||
         g_str_has_prefix (text, "{{") || g_str_has_prefix (text, "{%");
}

static void
set_text_quietly (AushangLinkDialog *self,
                  GtkWidget         *row,
                  const char        *text)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  self->filling = FALSE;
}

static void
update_insert (AushangLinkDialog *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "insert",
                                           address != NULL && strlen (address) > strspn (address, " \t"));
}

/* The address of the chosen page (and section), as the site writes it. */
static void
update_address (AushangLinkDialog *self)
{
  g_autofree char *link = NULL;
  const char *anchor = NULL;
  guint selected;

  if (self->chosen == NULL)
    return;

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->section_row));
  if (self->sections != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected - 1 < self->sections->len)
    anchor = ((AushangLinkSection *) g_ptr_array_index (self->sections, selected - 1))->id;

  /* A section of the document itself: just #id. */
  if (anchor != NULL && self->own_file != NULL && g_file_equal (self->chosen, self->own_file))
    link = g_strconcat ("#", anchor, NULL);
  else
    link = aushang_site_dup_link (self->site, self->chosen, anchor);

  set_text_quietly (self, self->address_row, link);
  update_insert (self);
}

static void
choose (AushangLinkDialog *self,
        AushangLinkTarget *target)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_clear_object (&self->chosen);
  g_clear_pointer (&self->chosen_title, g_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  if (target == NULL)
    {
      gtk_widget_set_visible (self->section_row, FALSE);
      return;
    }

  self->chosen = g_object_ref (target->file);
  self->chosen_title = g_strdup (target->title);
  if (self->own_file != NULL && self->editor != NULL && g_file_equal (target->file, self->own_file))
    {
      /* The document being edited: its headings as they are now. */
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (self->editor));
      g_autofree char *body = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      body = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      self->sections = aushang_links_dup_body_sections (body);
    }
  else
    self->sections = aushang_site_dup_sections (self->site, target->file);

  /* Translators: the first choice of "Section": a link to the page's top. */
  gtk_string_list_append (model, _("Whole page"));
  for (guint i = 0; i < self->sections->len; i++)
    {
      AushangLinkSection *section = g_ptr_array_index (self->sections, i);
      g_autofree char *indented = g_strdup_printf ("%*s%s", (int) MIN (section->level, 6) * 2 - 2, "",
                                                   section->title);

      gtk_string_list_append (model, indented);
    }
  self->filling = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->section_row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->section_row), 0);
  self->filling = FALSE;
  gtk_widget_set_visible (self->section_row, self->sections->len > 0);

  if (!self->text_typed && self->selected == NULL)
    set_text_quietly (self, self->text_row, target->title);

  update_address (self);
}

static GtkWidget *
create_row (AushangLinkTarget *target)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *title = *target->title != '\0' ? target->title : target->detail;
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *detail = gtk_label_new (target->url);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", title, target->url);

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
  g_object_set_data (G_OBJECT (row), ROW_TARGET, target);

  return row;
}

static void
fill_list (AushangLinkDialog *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GPtrArray *targets = aushang_site_get_link_targets (self->site);
  GtkWidget *child;
  guint listed = 0;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  if (!looks_like_address (search))
    for (guint i = 0; i < targets->len && listed < MAX_LISTED; i++)
      {
        AushangLinkTarget *target = g_ptr_array_index (targets, i);

        if (aushang_link_target_matches (target, search))
          {
            gtk_list_box_append (GTK_LIST_BOX (self->list), create_row (target));
            listed++;
          }
      }
}

static void
search_changed_cb (AushangLinkDialog *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  fill_list (self);

  /* An address typed by hand is the address ("www." gets https://). */
  if (looks_like_address (search))
    {
      g_autofree char *address = g_str_has_prefix (search, "www.") ? g_strconcat ("https://", search, NULL)
                                                                   : g_strdup (search);

      choose (self, NULL);
      set_text_quietly (self, self->address_row, address);
      update_insert (self);
    }
}

static void insert (AushangLinkDialog *self);

/* Down in the search field goes to the pages found. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       AushangLinkDialog     *self)
{
  GtkListBoxRow *first;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || (state & GDK_MODIFIER_MASK) != 0)
    return FALSE;

  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);
  if (first == NULL)
    return FALSE;
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), first);
  gtk_widget_grab_focus (GTK_WIDGET (first));

  return TRUE;
}

static void
row_selected_cb (AushangLinkDialog *self,
                 GtkListBoxRow     *row)
{
  if (row != NULL)
    choose (self, g_object_get_data (G_OBJECT (row), ROW_TARGET));
}

static void
row_activated_cb (AushangLinkDialog *self,
                  GtkListBoxRow     *row)
{
  choose (self, g_object_get_data (G_OBJECT (row), ROW_TARGET));
  insert (self);
}

/* Enter in the search: the first page found, or the address typed. */
static void
search_activate_cb (AushangLinkDialog *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0);

  if (first != NULL)
    row_activated_cb (self, first);
  else if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "insert"))
    insert (self);
}

static void
section_changed_cb (AushangLinkDialog *self)
{
  if (!self->filling)
    update_address (self);
}

static void
text_changed_cb (AushangLinkDialog *self)
{
  if (!self->filling)
    self->text_typed = TRUE;
}

static void
address_changed_cb (AushangLinkDialog *self)
{
  if (!self->filling)
    update_insert (self);
}

static void
insert (AushangLinkDialog *self)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row))));
  g_autofree char *markdown = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (*address == '\0' || self->editor == NULL)
    return;

  if (*text == '\0')
    {
      g_free (text);
      text = g_strdup (self->chosen_title && *self->chosen_title ? self->chosen_title : address);
    }
  /* Markdown addresses with spaces go in <…>. */
  if (strpbrk (address, " ()") != NULL && !g_str_has_prefix (address, "{"))
    {
      char *wrapped = g_strconcat ("<", address, ">", NULL);

      g_free (address);
      address = wrapped;
    }
  markdown = g_strdup_printf ("[%s](%s)", text, address);

  buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (self->editor));
  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, markdown, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &start);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
response_cb (AushangLinkDialog *self,
             const char        *response)
{
  if (g_strcmp0 (response, "insert") == 0)
    insert (self);
}

static void
aushang_link_dialog_dispose (GObject *object)
{
  AushangLinkDialog *self = AUSHANG_LINK_DIALOG (object);

  if (self->editor != NULL)
    {
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (self->editor));

      if (self->start != NULL)
        gtk_text_buffer_delete_mark (buffer, self->start);
      if (self->end != NULL)
        gtk_text_buffer_delete_mark (buffer, self->end);
      g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
      self->editor = NULL;
    }
  g_clear_object (&self->start);
  g_clear_object (&self->end);
  g_clear_object (&self->site);
  g_clear_object (&self->own_file);
  g_clear_object (&self->chosen);
  g_clear_pointer (&self->chosen_title, g_free);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), AUSHANG_TYPE_LINK_DIALOG);

  G_OBJECT_CLASS (aushang_link_dialog_parent_class)->dispose (object);
}

static void
aushang_link_dialog_class_init (AushangLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aushang_link_dialog_dispose;

  /* Text rows that screen readers follow on GTK 4.8 / libadwaita 1.2. */
  g_type_ensure (AUSHANG_TYPE_ENTRY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/aushang/Aushang/aushang-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AushangLinkDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AushangLinkDialog, list);
  gtk_widget_class_bind_template_child (widget_class, AushangLinkDialog, section_row);
  gtk_widget_class_bind_template_child (widget_class, AushangLinkDialog, text_row);
  gtk_widget_class_bind_template_child (widget_class, AushangLinkDialog, address_row);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
aushang_link_dialog_init (AushangLinkDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (self->search_entry, keys);
}

GtkWidget *
aushang_link_dialog_present (AushangEditor   *editor,
                             AushangSite     *site,
                             AushangDocument *document)
{
  AushangLinkDialog *self;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkRoot *root;

  g_return_val_if_fail (AUSHANG_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (AUSHANG_IS_SITE (site), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (editor));
  self = g_object_new (AUSHANG_TYPE_LINK_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "modal", TRUE,
                       NULL);
  self->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->editor);
  self->site = g_object_ref (site);
  if (document != NULL && aushang_document_get_file (document) != NULL)
    self->own_file = g_object_ref (aushang_document_get_file (document));

  /* The selection (spaces around it stay outside the link; a link does
   * not span paragraphs, then it goes after the selection). */
  buffer = GTK_TEXT_BUFFER (aushang_editor_get_buffer (editor));
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  while (gtk_text_iter_compare (&start, &end) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&start)))
    gtk_text_iter_forward_char (&start);
  while (gtk_text_iter_compare (&start, &end) < 0)
    {
      GtkTextIter before = end;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      end = before;
    }
  if (gtk_text_iter_compare (&start, &end) < 0)
    {
      g_autofree char *selected = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

      if (strchr (selected, '\n') == NULL)
        self->selected = g_steal_pointer (&selected);
      else
        start = end;
    }
  self->start = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE));
  self->end = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE));

  if (self->selected != NULL && looks_like_address (self->selected))
    {
      /* A selected address is the address; the text is to be written. */
      set_text_quietly (self, self->address_row, self->selected);
      set_text_quietly (self, self->text_row, self->selected);
    }
  else if (self->selected != NULL)
    set_text_quietly (self, self->text_row, self->selected);
  fill_list (self);
  update_insert (self);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->search_entry);

  return GTK_WIDGET (self);
}
