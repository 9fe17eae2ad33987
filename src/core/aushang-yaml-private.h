/* aushang-yaml-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <yaml.h>

#include "aushang-yaml.h"

G_BEGIN_DECLS

/* How far a node reaches in the parsed text, in characters (libyaml's
 * marks count characters, not bytes). */
typedef struct
{
  gsize               start;
  gsize               end;          /* end of the last scalar, alias or bracket */
  yaml_event_type_t   type;         /* SCALAR, SEQUENCE_START, MAPPING_START or ALIAS */
  yaml_scalar_style_t scalar_style;
  gboolean            flow;         /* a [..] or {..} collection */
  gboolean            all_scalars;  /* a collection whose items are all scalars */
  AushangQuoteStyle   item_style;   /* the most common quoting among its string items */
} AushangYamlSpan;

typedef struct _AushangYamlBuilder AushangYamlBuilder;

/* A node as it is written, for editors that need to know where each part
 * of a document stands (aushang-yaml-edit). @value is what the node means
 * (merge keys applied, aliases resolved); @children mirror the text: a
 * sequence's items, or a map's keys and values alternating, "<<" keys
 * included. Aliases and scalars have no children. */
typedef struct _AushangYamlNode AushangYamlNode;

struct _AushangYamlNode
{
  AushangYamlSpan  span;
  AushangValue    *value;
  GPtrArray       *children;  /* AushangYamlNode*, or NULL */
  char            *anchor;    /* the node's &anchor, or NULL */
};

AushangYamlBuilder *aushang_yaml_builder_new   (yaml_parser_t       *parser);
void                aushang_yaml_builder_free  (AushangYamlBuilder  *self);
/* Builds the node that starts with @event (whose ownership passes to the
 * builder), reading further events from the parser. */
AushangValue       *aushang_yaml_builder_build (AushangYamlBuilder  *self,
                                                yaml_event_t        *event,
                                                AushangYamlSpan     *span,
                                                GError             **error);
/* The same, also recording the node's tree (free with
 * aushang_yaml_node_free). */
AushangValue       *aushang_yaml_builder_build_tree (AushangYamlBuilder  *self,
                                                     yaml_event_t        *event,
                                                     AushangYamlNode    **tree,
                                                     GError             **error);
void                aushang_yaml_node_free     (AushangYamlNode     *node);
/* Reads the next event, turning libyaml's problems into a GError. */
gboolean            aushang_yaml_builder_next  (AushangYamlBuilder  *self,
                                                yaml_event_t        *event,
                                                GError             **error);
/* Where the last error happened (0-based line and column). */
void                aushang_yaml_builder_get_error_position (AushangYamlBuilder *self,
                                                             guint              *line,
                                                             guint              *column);

/* A person-readable sentence for a libyaml problem. */
char               *aushang_yaml_describe_problem (const char          *problem,
                                                   const char          *context);

AushangQuoteStyle   aushang_yaml_quote_style_from_libyaml (yaml_scalar_style_t style);

/* A value written inline for a flow collection ([a, "b"]) or a block list
 * item; strings follow the quoting preferences. */
char               *aushang_yaml_emit_flow     (const AushangValue  *value,
                                                AushangQuoteStyle    preferred,
                                                AushangQuoteStyle    quote_when_needed,
                                                gboolean             in_flow);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangYamlBuilder, aushang_yaml_builder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AushangYamlNode, aushang_yaml_node_free)

G_END_DECLS
