/* aushang-check.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

const char  *aushang_severity_to_string    (AushangSeverity  severity);

G_END_DECLS
