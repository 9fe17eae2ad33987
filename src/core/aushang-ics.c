/* aushang-ics.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-ics"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "aushang-ics.h"
#include "aushang-yaml.h"

#define DEFAULT_MINUTES 120

/* One event, its times in the calendar's zone. */
typedef struct
{
  char      *title;
  char      *description;
  char      *location;
  char      *url;
  char      *categories;   /* already escaped, comma-separated */
  char      *uid;
  gboolean   all_day;
  GDateTime *start;        /* in the zone; for all-day events midnight */
  GDateTime *end;
} Event;

static void
event_free (Event *event)
{
  g_free (event->title);
  g_free (event->description);
  g_free (event->location);
  g_free (event->url);
  g_free (event->categories);
  g_free (event->uid);
  g_clear_pointer (&event->start, g_date_time_unref);
  g_clear_pointer (&event->end, g_date_time_unref);
  g_free (event);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Event, event_free)

/* RFC 5545, 3.3.11: TEXT escapes backslash, semicolon, comma and line
 * breaks. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        default:
          if ((guchar) *p < 0x20 && *p != '\t')
            break;
          g_string_append_c (out, *p);
        }
    }
}

/* Adds one content line, folded after 75 octets (RFC 5545, 3.1) without
 * splitting a character, ending in CRLF. */
static void
add_line (GString    *out,
          const char *line)
{
  gsize length = strlen (line);
  gsize written = 0;
  gboolean first = TRUE;

  while (written < length)
    {
      gsize room = first ? 75 : 74;
      gsize take = MIN (room, length - written);

      /* Back up to the start of a UTF-8 character. */
      while (take > 0 && written + take < length && ((guchar) line[written + take] & 0xC0) == 0x80)
        take--;

      if (!first)
        g_string_append_c (out, ' ');
      g_string_append_len (out, line + written, take);
      g_string_append (out, "\r\n");
      written += take;
      first = FALSE;
    }

  if (length == 0)
    g_string_append (out, "\r\n");
}

static void
add_property (GString    *out,
              const char *name,
              const char *text)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_text (line, text);
  add_line (out, line->str);
}

static const char *
lookup_string (AushangValue        *entry,
               const char * const  *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      AushangValue *value = aushang_value_lookup (entry, keys[i]);

      if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING &&
          *aushang_value_get_string (value) != '\0')
        return aushang_value_get_string (value);
    }

  return NULL;
}

static AushangValue *
lookup_field (AushangDataFile    *file,
              AushangValue       *entry,
              AushangFieldKind    kind,
              const char * const *keys)
{
  GPtrArray *fields = aushang_schema_get_fields (aushang_data_file_get_schema (file));

  for (guint i = 0; keys[i] != NULL; i++)
    if (aushang_value_lookup (entry, keys[i]) != NULL)
      return aushang_value_lookup (entry, keys[i]);

  for (guint i = 0; i < fields->len; i++)
    {
      AushangField *field = g_ptr_array_index (fields, i);

      if (field->kind == kind && aushang_value_lookup (entry, field->key) != NULL)
        return aushang_value_lookup (entry, field->key);
    }

  return NULL;
}

static gboolean
read_time (AushangValue *value,
           int          *hour,
           int          *minute)
{
  if (value == NULL)
    return FALSE;

  if (aushang_value_get_kind (value) == AUSHANG_VALUE_INTEGER)
    {
      /* 16:30 without quotes, as YAML 1.1 reads it. */
      gint64 seconds = aushang_value_get_integer (value);

      if (seconds < 0 || seconds >= 24 * 3600)
        return FALSE;
      *hour = seconds / 3600;
      *minute = seconds % 3600 / 60;
      return TRUE;
    }

  if (aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
    {
      const char *text = aushang_value_get_string (value);
      g_autofree char *start = g_strndup (text, strcspn (text, " -–"));

      if (!aushang_schema_is_time (start))
        return FALSE;
      *hour = atoi (start);
      *minute = atoi (strchr (start, ':') + 1);
      return TRUE;
    }

  return FALSE;
}

static char *
absolute_url (const char *url,
              const char *site_url)
{
  if (url == NULL)
    return NULL;

  if (url[0] == '/' && url[1] != '/' && site_url != NULL && *site_url != '\0')
    {
      g_autofree char *base = g_strdup (site_url);
      gsize length = strlen (base);

      while (length > 0 && base[length - 1] == '/')
        base[--length] = '\0';
      return g_strconcat (base, url, NULL);
    }

  return g_strdup (url);
}

static char *
uid_host (const char *site_url)
{
  g_autoptr(GUri) uri = site_url ? g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
    return g_strdup (g_uri_get_host (uri));

  return g_strdup ("aushang.local");
}

static Event *
read_event (AushangDataFile  *file,
            guint             index,
            GTimeZone        *zone,
            const char       *site_url,
            GError          **error)
{
  static const char * const title_keys[] = { "title", "name", "summary", "titel", NULL };
  static const char * const description_keys[] = { "description", "teaser", "text", "beschreibung", "excerpt", NULL };
  static const char * const location_keys[] = { "location", "ort", "place", "venue", "address", "adresse", "city", NULL };
  static const char * const url_keys[] = { "booking_url", "registration_url", "url", "link", NULL };
  static const char * const time_keys[] = { "time", "uhrzeit", "start_time", "beginn", NULL };
  static const char * const end_keys[] = { "end_time", "ende", "end", NULL };
  static const char * const duration_keys[] = { "duration", "dauer", NULL };
  static const char * const category_keys[] = { "category", "categories", "kategorie", NULL };
  g_autoptr(Event) event = g_new0 (Event, 1);
  AushangValue *entry = aushang_data_file_get_entry (file, index, NULL, NULL, NULL);
  const char *date_key = aushang_data_file_get_date_key (file, NULL);
  AushangValue *date = date_key ? aushang_value_lookup (entry, date_key) : NULL;
  AushangValue *duration = NULL;
  AushangValue *categories = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *seed = NULL;
  int year, month, day, hour = 0, minute = 0;
  gboolean has_time = FALSE;
  guint minutes = DEFAULT_MINUTES;

  if (date == NULL || aushang_value_get_kind (date) == AUSHANG_VALUE_NULL)
    {
      g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                   _("Entry %u has no date, so it cannot go into a calendar."), index + 1);
      return NULL;
    }

  date_text = aushang_value_to_display (date);
  if (aushang_value_get_kind (date) == AUSHANG_VALUE_DATE)
    aushang_value_get_date (date, &year, &month, &day);
  else
    {
      g_autoptr(GDateTime) parsed = NULL;

      if (aushang_value_get_kind (date) == AUSHANG_VALUE_DATETIME)
        {
          g_autoptr(GDateTime) utc = aushang_value_dup_date_time (date);

          /* A time with a zone is that instant; without one, the time as
           * written in the site's zone. */
          parsed = aushang_value_get_has_offset (date) ? g_date_time_to_timezone (utc, zone)
                                                       : g_date_time_ref (utc);
          has_time = TRUE;
        }
      else if (!aushang_yaml_parse_jekyll_date (date_text, &parsed))
        {
          g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                       /* Translators: %u is an entry's number, %s its date as written. */
                       _("Entry %u has the date “%s”, which is not a date Jekyll can read, so it cannot go into a calendar."),
                       index + 1, date_text);
          return NULL;
        }
      else
        has_time = strchr (date_text, ':') != NULL;

      year = g_date_time_get_year (parsed);
      month = g_date_time_get_month (parsed);
      day = g_date_time_get_day_of_month (parsed);
      hour = g_date_time_get_hour (parsed);
      minute = g_date_time_get_minute (parsed);
    }

  if (read_time (lookup_field (file, entry, AUSHANG_FIELD_TIME, time_keys), &hour, &minute))
    has_time = TRUE;

  duration = lookup_field (file, entry, AUSHANG_FIELD_DURATION, duration_keys);
  if (duration != NULL && aushang_value_get_kind (duration) == AUSHANG_VALUE_STRING)
    aushang_schema_parse_duration (aushang_value_get_string (duration), &minutes);

  event->all_day = !has_time;
  event->start = g_date_time_new (zone, year, month, day, has_time ? hour : 0, has_time ? minute : 0, 0);
  if (event->start == NULL)
    {
      g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                   _("Entry %u has the date “%s”, which is not a date Jekyll can read, so it cannot go into a calendar."),
                   index + 1, date_text);
      return NULL;
    }

  if (event->all_day)
    {
      /* A whole day, or as many days as the duration lasts. */
      guint days = MAX (1, (minutes + 24 * 60 - 1) / (24 * 60));

      if (duration == NULL)
        days = 1;
      event->end = g_date_time_add_days (event->start, days);
    }
  else
    {
      int end_hour, end_minute;

      event->end = g_date_time_add_minutes (event->start, minutes);
      if (duration == NULL &&
          read_time (lookup_field (file, entry, AUSHANG_FIELD_TIME, end_keys), &end_hour, &end_minute))
        {
          GDateTime *end = g_date_time_new (zone, year, month, day, end_hour, end_minute, 0);

          if (end != NULL && g_date_time_compare (end, event->start) > 0)
            {
              g_date_time_unref (event->end);
              event->end = end;
            }
          else if (end != NULL)
            g_date_time_unref (end);
        }
    }

  event->title = g_strdup (lookup_string (entry, title_keys));
  if (event->title == NULL)
    event->title = g_strdup (aushang_data_file_get_name (file));
  event->description = g_strdup (lookup_string (entry, description_keys));
  event->location = g_strdup (lookup_string (entry, location_keys));
  event->url = absolute_url (lookup_string (entry, url_keys), site_url);

  for (guint i = 0; category_keys[i] != NULL && categories == NULL; i++)
    categories = aushang_value_lookup (entry, category_keys[i]);
  if (categories != NULL)
    {
      g_auto(GStrv) items = aushang_value_dup_strv (categories);
      GString *joined = g_string_new (NULL);

      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        {
          if (*items[i] == '\0')
            continue;
          if (joined->len > 0)
            g_string_append_c (joined, ',');
          append_text (joined, items[i]);
        }
      if (joined->len > 0)
        event->categories = g_string_free (joined, FALSE);
      else
        g_string_free (joined, TRUE);
    }

  /* Stays the same while title and date do, whatever else changes. */
  seed = g_strdup_printf ("%s\n%s\n%04d-%02d-%02d", aushang_data_file_get_name (file), event->title,
                          year, month, day);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  digest[24] = '\0';
  host = uid_host (site_url);
  event->uid = g_strdup_printf ("%s@%s", digest, host);

  return g_steal_pointer (&event);
}

static char *
format_local (GDateTime *time,
              gboolean   date_only)
{
  return g_date_time_format (time, date_only ? "%Y%m%d" : "%Y%m%dT%H%M%S");
}

static char *
format_offset (gint32 seconds)
{
  char sign = seconds < 0 ? '-' : '+';

  seconds = ABS (seconds);

  return g_strdup_printf ("%c%02d%02d", sign, seconds / 3600, seconds % 3600 / 60);
}

static void
add_observance (GString    *out,
                GTimeZone  *zone,
                gint64      utc,
                gint32      from,
                gint32      to)
{
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);
  gboolean dst = interval >= 0 && g_time_zone_is_dst (zone, interval);
  const char *name = interval >= 0 ? g_time_zone_get_abbreviation (zone, interval) : NULL;
  g_autoptr(GDateTime) before = g_date_time_new_from_unix_utc (utc + from);
  g_autofree char *start = g_date_time_format (before, "%Y%m%dT%H%M%S");
  g_autofree char *offset_from = format_offset (from);
  g_autofree char *offset_to = format_offset (to);

  add_line (out, dst ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD");
  {
    g_autofree char *line = g_strconcat ("DTSTART:", start, NULL);

    add_line (out, line);
  }
  {
    g_autofree char *line = g_strconcat ("TZOFFSETFROM:", offset_from, NULL);

    add_line (out, line);
  }
  {
    g_autofree char *line = g_strconcat ("TZOFFSETTO:", offset_to, NULL);

    add_line (out, line);
  }
  if (name != NULL && *name != '\0')
    add_property (out, "TZNAME", name);
  add_line (out, dst ? "END:DAYLIGHT" : "END:STANDARD");
}

static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
}

/* The zone's rules for the years the events fall in: the offset at the
 * start of the first year and each change after it, read from the
 * system's time zone data. */
static void
add_timezone (GString    *out,
              GTimeZone  *zone,
              const char *tzid,
              int         first_year,
              int         last_year)
{
  g_autoptr(GDateTime) begin = g_date_time_new_utc (first_year, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) finish = g_date_time_new_utc (last_year + 1, 1, 1, 0, 0, 0);
  gint64 t = g_date_time_to_unix (begin);
  gint64 end = g_date_time_to_unix (finish);
  gint32 offset = offset_at (zone, t);

  add_line (out, "BEGIN:VTIMEZONE");
  add_property (out, "TZID", tzid);
  add_observance (out, zone, t, offset, offset);

  for (; t < end; t += 24 * 3600)
    {
      gint32 next = offset_at (zone, t + 24 * 3600);

      if (next != offset)
        {
          /* The exact second it changes. */
          gint64 lo = t, hi = t + 24 * 3600;

          while (hi - lo > 1)
            {
              gint64 mid = lo + (hi - lo) / 2;

              if (offset_at (zone, mid) == offset)
                lo = mid;
              else
                hi = mid;
            }
          add_observance (out, zone, hi, offset, next);
          offset = next;
        }
    }

  add_line (out, "END:VTIMEZONE");
}

static void
add_event (GString    *out,
           Event      *event,
           const char *tzid,
           const char *stamp)
{
  g_autofree char *start = format_local (event->start, event->all_day);
  g_autofree char *end = format_local (event->end, event->all_day);
  g_autofree char *dtstart = NULL;
  g_autofree char *dtend = NULL;
  g_autofree char *dtstamp = g_strconcat ("DTSTAMP:", stamp, NULL);

  if (event->all_day)
    {
      dtstart = g_strconcat ("DTSTART;VALUE=DATE:", start, NULL);
      dtend = g_strconcat ("DTEND;VALUE=DATE:", end, NULL);
    }
  else
    {
      dtstart = g_strdup_printf ("DTSTART;TZID=%s:%s", tzid, start);
      dtend = g_strdup_printf ("DTEND;TZID=%s:%s", tzid, end);
    }

  add_line (out, "BEGIN:VEVENT");
  add_property (out, "UID", event->uid);
  add_line (out, dtstamp);
  add_line (out, dtstart);
  add_line (out, dtend);
  add_property (out, "SUMMARY", event->title);
  if (event->description != NULL)
    add_property (out, "DESCRIPTION", event->description);
  if (event->location != NULL)
    add_property (out, "LOCATION", event->location);
  if (event->url != NULL)
    {
      /* A URI value is not TEXT: no escaping. */
      g_autofree char *line = g_strconcat ("URL:", event->url, NULL);

      if (strpbrk (event->url, "\r\n") == NULL)
        add_line (out, line);
    }
  if (event->categories != NULL)
    {
      g_autofree char *line = g_strconcat ("CATEGORIES:", event->categories, NULL);

      add_line (out, line);
    }
  add_line (out, "END:VEVENT");
}

static gboolean
is_upcoming (AushangDataFile *file,
             guint            index,
             GTimeZone       *zone)
{
  gboolean hidden = FALSE;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  aushang_data_file_get_entry (file, index, &hidden, NULL, NULL);
  date = aushang_data_file_dup_entry_date (file, index);
  if (hidden || date == NULL)
    return FALSE;

  if (g_date_time_get_year (date) != g_date_time_get_year (now))
    return g_date_time_get_year (date) > g_date_time_get_year (now);

  return g_date_time_get_day_of_year (date) >= g_date_time_get_day_of_year (now);
}

char *
aushang_ics_write (AushangDataFile  *file,
                   gint              index,
                   const char       *tzid,
                   const char       *site_url,
                   GError          **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  GString *out;
  int first_year = G_MAXINT, last_year = 0;
  gboolean any_time = FALSE;

  g_return_val_if_fail (AUSHANG_IS_DATA_FILE (file), NULL);

  if (tzid == NULL || *tzid == '\0')
    tzid = "Europe/Berlin";
  zone = g_time_zone_new_identifier (tzid);
  if (zone == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a time zone name like Europe/Berlin. */
                   _("The time zone “%s” is not known on this computer."), tzid);
      return NULL;
    }

  if (aushang_data_file_get_kind (file) != AUSHANG_DATA_FILE_ENTRIES)
    {
      g_set_error_literal (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NOT_ENTRIES,
                           _("This data file is not a list of entries; edit it as YAML text instead."));
      return NULL;
    }

  if (index >= 0)
    {
      Event *event;

      if (aushang_data_file_get_entry (file, index, NULL, NULL, NULL) == NULL)
        {
          g_set_error (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "There is no entry %u: the list has %u entry.",
                                    "There is no entry %u: the list has %u entries.",
                                    aushang_data_file_get_n_entries (file)),
                       (guint) index + 1, aushang_data_file_get_n_entries (file));
          return NULL;
        }
      event = read_event (file, index, zone, site_url, error);
      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }
  else
    {
      for (guint i = 0; i < aushang_data_file_get_n_entries (file); i++)
        {
          Event *event;

          if (!is_upcoming (file, i, zone))
            continue;
          event = read_event (file, i, zone, site_url, NULL);
          if (event != NULL)
            g_ptr_array_add (events, event);
        }

      if (events->len == 0)
        {
          g_set_error_literal (error, AUSHANG_DATA_FILE_ERROR, AUSHANG_DATA_FILE_ERROR_NO_ENTRY,
                               _("The list has no upcoming events."));
          return NULL;
        }
    }

  for (guint i = 0; i < events->len; i++)
    {
      Event *event = g_ptr_array_index (events, i);

      first_year = MIN (first_year, g_date_time_get_year (event->start));
      last_year = MAX (last_year, g_date_time_get_year (event->end));
      any_time |= !event->all_day;
    }

  out = g_string_new (NULL);
  add_line (out, "BEGIN:VCALENDAR");
  add_line (out, "VERSION:2.0");
  add_line (out, "PRODID:-//Aushang//Aushang " PACKAGE_VERSION "//DE");
  add_line (out, "CALSCALE:GREGORIAN");
  add_line (out, "METHOD:PUBLISH");
  if (any_time)
    add_timezone (out, zone, tzid, first_year, last_year);
  for (guint i = 0; i < events->len; i++)
    add_event (out, g_ptr_array_index (events, i), tzid, stamp);
  add_line (out, "END:VCALENDAR");

  return g_string_free (out, FALSE);
}
