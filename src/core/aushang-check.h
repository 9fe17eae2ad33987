/* aushang-check.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-data-file.h"
#include "aushang-document.h"
#include "aushang-site.h"

G_BEGIN_DECLS

typedef enum
{
  AUSHANG_SEVERITY_ERROR,
  AUSHANG_SEVERITY_WARNING,
} AushangSeverity;

typedef struct
{
  AushangSeverity  severity;
  guint            line;     /* 1-based; 0 for the whole file */
  guint            column;   /* 1-based */
  char            *key;      /* the field it is about, or NULL */
  char            *message;  /* a sentence a person can act on */
} AushangDiagnostic;

void aushang_diagnostic_free (AushangDiagnostic *diagnostic);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangDiagnostic, aushang_diagnostic_free)

/* The problems of @document, in line order. @file names the document's
 * place (for the rules about file names; may be NULL); @site may be NULL.
 * Array of AushangDiagnostic*. */
GPtrArray   *aushang_check_document        (AushangDocument *document,
                                            GFile           *file,
                                            AushangSite     *site);

/* The problems of a data file, in line order: YAML Jekyll cannot read
 * (an error: the build stops), and for a list of entries: dates written in
 * another form than the rest of the list (Jekyll's sort: 'date' then puts
 * them in the wrong place), times that are not times (16:30 without
 * quotes is an error: Jekyll reads a number), site paths that lead to no
 * page, missing required fields, featured events in the past, images that
 * do not exist. Hidden entries are not checked. @site may be NULL. */
GPtrArray   *aushang_check_data_file       (AushangDataFile *file,
                                            AushangSite     *site);

const char  *aushang_severity_to_string    (AushangSeverity  severity);

G_END_DECLS
