/* aushang-liquid-private.h
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aushang-liquid.h"

G_BEGIN_DECLS

/* ---- Expressions ------------------------------------------------------ */

typedef enum
{
  EXPR_LITERAL,   /* value (NULL: nil) */
  EXPR_EMPTY,     /* the "empty" literal */
  EXPR_BLANK,     /* the "blank" literal */
  EXPR_LOOKUP,    /* name or [expr], then .key / [expr] steps */
  EXPR_RANGE,     /* (start..end) */
} ExprKind;

typedef struct _Expr Expr;

typedef struct
{
  char *key;      /* a .key step, or NULL */
  Expr *index;    /* a [expr] step */
} LookupStep;

struct _Expr
{
  ExprKind      kind;
  AushangValue *value;
  char         *name;      /* EXPR_LOOKUP: the first name, or NULL */
  Expr         *name_expr; /* EXPR_LOOKUP: [expr] as first step */
  GArray       *steps;     /* LookupStep */
  Expr         *start;     /* EXPR_RANGE */
  Expr         *end;
};

typedef struct
{
  char      *name;
  GPtrArray *args;      /* Expr* */
  GPtrArray *kw_names;  /* char* */
  GPtrArray *kw_values; /* Expr* */
} Filter;

/* An expression with its filters: {{ x | f: a }}. */
typedef struct
{
  Expr      *expr;
  GPtrArray *filters;   /* Filter* */
} Variable;

typedef enum
{
  COND_TEST,   /* left alone, or left op right */
  COND_AND,
  COND_OR,
} CondKind;

typedef struct _Cond Cond;
struct _Cond
{
  CondKind  kind;
  Expr     *left;
  char     *op;      /* NULL: truthiness of left */
  Expr     *right;
  Cond     *a, *b;
};

/* ---- The markup lexer (aushang-liquid-expr.c) ----------------------- */

typedef enum
{
  TOK_END,
  TOK_ID,
  TOK_STRING,
  TOK_NUMBER,
  TOK_COMPARISON,
  TOK_DOTDOT,
  TOK_PIPE,
  TOK_DOT,
  TOK_COLON,
  TOK_COMMA,
  TOK_OPEN_SQUARE,
  TOK_CLOSE_SQUARE,
  TOK_OPEN_ROUND,
  TOK_CLOSE_ROUND,
  TOK_QUESTION,
  TOK_DASH,
} TokKind;

typedef struct
{
  TokKind  kind;
  char    *text;
} Tok;

typedef struct
{
  GArray     *toks;     /* Tok */
  guint       pos;
  const char *markup;
  GError    **error;
  gboolean    failed;
} Lexer;

gboolean    liquid_is_word_char    (char          c);
gboolean    liquid_lexer_init      (Lexer        *lx,
                                    const char   *markup,
                                    GError      **error);
void        liquid_lexer_clear     (Lexer        *lx);
Tok        *liquid_lexer_peek      (Lexer        *lx);
Tok        *liquid_lexer_peek_at   (Lexer        *lx,
                                    guint         ahead);
gboolean    liquid_lexer_fail      (Lexer        *lx);
gboolean    liquid_lexer_accept    (Lexer        *lx,
                                    TokKind       kind);
gboolean    liquid_lexer_accept_id (Lexer        *lx,
                                    const char   *id);
char       *liquid_lexer_expect    (Lexer        *lx,
                                    TokKind       kind);
Expr       *liquid_parse_expr      (Lexer        *lx);
Expr       *liquid_expr_literal    (AushangValue *value);
GPtrArray  *liquid_expr_list_new   (void);
Variable   *liquid_parse_variable_markup (const char  *markup,
                                          GError     **error);
void        liquid_variable_free   (Variable     *variable);

/* ---- Nodes ------------------------------------------------------------ */

typedef enum
{
  NODE_TEXT,
  NODE_OUTPUT,
  NODE_IF,         /* branches; unless negates the first */
  NODE_CASE,
  NODE_FOR,
  NODE_ASSIGN,
  NODE_CAPTURE,
  NODE_BREAK,
  NODE_CONTINUE,
  NODE_INCLUDE,
  NODE_HIGHLIGHT,
  NODE_LINK,
  NODE_POST_URL,
  NODE_INCREMENT,
  NODE_DECREMENT,
  NODE_CYCLE,
  NODE_TABLEROW,
  NODE_IFCHANGED,
  NODE_RENDER,     /* Liquid 5's render: Jekyll has no file system for it */
} NodeKind;

typedef struct _Node Node;

typedef struct
{
  Cond      *cond;     /* NULL: else */
  GPtrArray *values;   /* case/when: Expr* to compare with; NULL: else */
  GPtrArray *body;     /* Node* */
} Branch;

struct _Node
{
  NodeKind   kind;
  guint      line;
  char      *text;        /* TEXT; HIGHLIGHT language; LINK/POST_URL argument;
                           * INCLUDE file markup; ASSIGN/CAPTURE/FOR name;
                           * INCREMENT/DECREMENT/CYCLE name or group */
  Variable  *variable;    /* OUTPUT, ASSIGN */
  GPtrArray *branches;    /* IF, CASE: Branch* */
  gboolean   negate;      /* IF from unless */
  Expr      *subject;     /* CASE; FOR, TABLEROW collection */
  Expr      *limit;       /* FOR, TABLEROW */
  Expr      *offset;
  Expr      *cols;        /* TABLEROW */
  gboolean   reversed;
  GPtrArray *body;        /* FOR, TABLEROW, CAPTURE, HIGHLIGHT, IFCHANGED: Node* */
  GPtrArray *else_body;   /* FOR */
  GPtrArray *param_names; /* INCLUDE: char*; CYCLE values: Expr* in params */
  GPtrArray *params;      /* INCLUDE: Expr* or literal */
  gboolean   relative;    /* INCLUDE */
  char      *options;     /* HIGHLIGHT: options after the language */
};

typedef struct
{
  char      *path;
  GPtrArray *nodes;       /* Node* */
} Template;

Template   *liquid_parse           (const char   *source,
                                    const char   *path,
                                    GError      **error);
void        liquid_template_free   (Template     *template);
Expr       *liquid_parse_expression (const char  *markup,
                                     GError     **error);
Cond       *liquid_parse_condition (const char   *markup,
                                    GError      **error);
void        liquid_expr_free       (Expr         *expr);
void        liquid_cond_free       (Cond         *cond);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Template, liquid_template_free)

/* ---- Values (aushang-liquid-value.c) ---------------------------------- */

/* NULL and NULL-kind values are nil throughout. */
gboolean      liquid_is_nil        (const AushangValue *value);
gboolean      liquid_truthy        (const AushangValue *value);
gboolean      liquid_is_number     (const AushangValue *value);
void          liquid_append_text   (GString            *out,
                                    const AushangValue *value,
                                    GTimeZone          *tz);
char         *liquid_to_text       (const AushangValue *value,
                                    GTimeZone          *tz);
void          liquid_append_inspect (GString           *out,
                                     const AushangValue *value,
                                     GTimeZone         *tz);
char         *liquid_format_float  (double              value);
gboolean      liquid_equal         (const AushangValue *a,
                                    const AushangValue *b);
/* Ruby's <=>: FALSE when the values cannot be compared. */
gboolean      liquid_compare       (const AushangValue *a,
                                    const AushangValue *b,
                                    int                *result);
/* Liquid's Utils.to_number: a new integer or float value. */
AushangValue *liquid_to_number     (const AushangValue *value);
gint64        liquid_to_integer    (const AushangValue *value,
                                    gboolean           *ok);
/* obj[key] / obj.key the way Liquid's VariableLookup does it (size, first
 * and last included when @command). New reference or NULL. */
AushangValue *liquid_lookup        (const AushangValue *object,
                                    const AushangValue *key,
                                    gboolean            command);
AushangValue *liquid_lookup_key    (const AushangValue *object,
                                    const char         *key);
/* A list of the items Liquid iterates over for filters (arrays
 * flattened, a map as one item, nil as none). */
AushangValue *liquid_to_list       (const AushangValue *value,
                                    gboolean            flatten);
AushangValue *liquid_ref_or_nil    (AushangValue       *value);
GDateTime    *liquid_to_date_time  (const AushangValue *value,
                                    GTimeZone          *tz,
                                    GDateTime          *now);
AushangValue *liquid_value_from_date_time (GDateTime   *date_time);
glong         liquid_utf8_length   (const char         *text);

/* ---- Rendering (aushang-liquid-render.c) ------------------------------ */

typedef struct _Render Render;

struct _Render
{
  AushangLiquidEnv *env;
  GPtrArray        *scopes;      /* GHashTable* name -> AushangValue*; [0] outermost */
  GHashTable       *counters;    /* increment/decrement */
  GHashTable       *cycles;
  GHashTable       *partials;    /* path -> Template* */
  GPtrArray        *files;       /* char*: the template path stack */
  guint             depth;
  guint64           iterations;
  gsize             output;
  guint             line;        /* of the node being rendered */
  int               interrupt;   /* 0, 1 break, 2 continue */
  guint             capturing;   /* nested captures */
  char             *ifchanged;   /* what the last ifchanged block gave */
  GError           *error;
};

void          liquid_render_fail   (Render             *render,
                                    AushangLiquidError  code,
                                    const char         *format,
                                    ...) G_GNUC_PRINTF (3, 4);
AushangValue *liquid_eval_expr     (Render             *render,
                                    Expr               *expr);
gboolean      liquid_eval_cond     (Render             *render,
                                    Cond               *cond);
void          liquid_scope_push    (Render             *render);
void          liquid_scope_pop     (Render             *render);
void          liquid_scope_set     (Render             *render,
                                    const char         *name,
                                    AushangValue       *value);

/* ---- Filters (aushang-liquid-filters.c, aushang-liquid-jekyll.c) ------ */

/* Applies filter @name; @args are evaluated (NULL items are nil). Returns
 * a new reference (NULL for nil); on failure sets render->error. */
AushangValue *liquid_apply_filter  (Render             *render,
                                    const char         *name,
                                    AushangValue       *input,
                                    GPtrArray          *args,
                                    GPtrArray          *kw_names,
                                    GPtrArray          *kw_values);
AushangValue *liquid_apply_jekyll_filter (Render       *render,
                                          const char   *name,
                                          AushangValue *input,
                                          GPtrArray    *args,
                                          gboolean     *found);
gboolean      liquid_filter_exists (const char         *name);

G_END_DECLS

G_BEGIN_DECLS
/* Jekyll's relative_url and absolute_url (aushang-liquid-jekyll.c). */
char         *liquid_relative_url  (Render             *render,
                                    const char         *url);
char         *liquid_absolute_url  (Render             *render,
                                    const char         *url);
G_END_DECLS
