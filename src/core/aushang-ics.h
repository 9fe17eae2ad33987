/* aushang-ics.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aushang-data-file.h"

G_BEGIN_DECLS

/* Events of a data list as iCalendar (RFC 5545), so staff can send
 * invitations: one VEVENT per entry with its title, start (date and time
 * in the site's time zone, described by a VTIMEZONE), end (the start plus
 * the duration read from "1,5 Stunden", "90 Minuten", "2 h", two hours
 * when none is given; a whole day when there is no time), place,
 * description and link. Text is escaped and long lines folded; each event
 * has a UID that stays the same as long as its title and date do.
 *
 * @index is an entry (from 0), or -1 for every upcoming one (not hidden,
 * dated today or later). @tzid names the time zone ("Europe/Berlin", the
 * site's timezone:); NULL means Europe/Berlin. @site_url ("https://…", may
 * be NULL) turns site paths into addresses. Returns NULL with an error
 * when the entry has no date Jekyll can read, or there is no event. */
char *aushang_ics_write (AushangDataFile  *file,
                         gint              index,
                         const char       *tzid,
                         const char       *site_url,
                         GError          **error);

G_END_DECLS
