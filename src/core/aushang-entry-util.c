/* aushang-entry-util.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-entry-util"

#include "config.h"

#include <glib/gi18n.h>

#include "aushang-entry-util.h"

char *
aushang_entry_dup_text (AushangValue *entry,
                        const char   *key)
{
  AushangValue *value;
  g_autofree char *text = NULL;

  if (entry == NULL || aushang_value_get_kind (entry) != AUSHANG_VALUE_MAP)
    return NULL;

  value = aushang_value_lookup (entry, key);
  if (value == NULL)
    return NULL;

  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
      return NULL;
    case AUSHANG_VALUE_STRING:
      text = g_strdup (aushang_value_get_string (value));
      break;
    default:
      text = aushang_value_to_display (value);
      break;
    }

  if (text == NULL || *g_strstrip (text) == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static char *
dup_first_text (AushangValue       *entry,
                const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      char *text = aushang_entry_dup_text (entry, keys[i]);

      if (text != NULL)
        return text;
    }

  return NULL;
}

char *
aushang_entry_dup_title (AushangValue *entry,
                         guint         index)
{
  static const char * const keys[] = {
    "title", "name", "label", "titel", "heading", "event", NULL
  };
  char *title = dup_first_text (entry, keys);

  if (title != NULL)
    return title;

  /* Translators: an entry of a data list without a title; %u counts from 1. */
  return g_strdup_printf (_("Entry %u"), index + 1);
}

char *
aushang_entry_dup_subtitle (AushangValue *entry)
{
  static const char * const roles[] = {
    "role", "position", "rolle", "funktion", "job", NULL
  };
  /* A list whose dates are free text ("05.-06.03.", "17.02., 17 Uhr")
   * has no date to sort by, but the text still tells staff when. */
  static const char * const days[] = {
    "date", "datum", "termin", "when", "wann", NULL
  };
  static const char * const places[] = {
    "location", "ort", "place", "venue", NULL
  };
  char *role = dup_first_text (entry, roles);
  g_autofree char *day = NULL;
  g_autofree char *place = NULL;

  if (role != NULL)
    return role;

  day = dup_first_text (entry, days);
  place = dup_first_text (entry, places);
  if (day != NULL && place != NULL)
    return g_strdup_printf ("%s, %s", day, place);

  return day != NULL ? g_steal_pointer (&day) : g_steal_pointer (&place);
}
