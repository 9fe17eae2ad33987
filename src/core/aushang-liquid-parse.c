/* aushang-liquid-parse.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-liquid"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aushang-liquid-private.h"

/* Liquid source to a tree of nodes: the tokenizer (Liquid 5's rules for
 * where a tag ends), the markup lexer and the strict parser for
 * expressions, filters, conditions and each tag. */

/* ------------------------------------------------------------------------ */
/* Freeing                                                                    */

void
liquid_expr_free (Expr *expr)
{
  if (expr == NULL)
    return;
  g_clear_pointer (&expr->value, aushang_value_unref);
  g_free (expr->name);
  liquid_expr_free (expr->name_expr);
  if (expr->steps != NULL)
    {
      for (guint i = 0; i < expr->steps->len; i++)
        {
          LookupStep *step = &g_array_index (expr->steps, LookupStep, i);

          g_free (step->key);
          liquid_expr_free (step->index);
        }
      g_array_unref (expr->steps);
    }
  liquid_expr_free (expr->start);
  liquid_expr_free (expr->end);
  g_free (expr);
}



void
liquid_cond_free (Cond *cond)
{
  if (cond == NULL)
    return;
  liquid_expr_free (cond->left);
  liquid_expr_free (cond->right);
  g_free (cond->op);
  liquid_cond_free (cond->a);
  liquid_cond_free (cond->b);
  g_free (cond);
}

static void
branch_free (Branch *branch)
{
  liquid_cond_free (branch->cond);
  g_clear_pointer (&branch->values, g_ptr_array_unref);
  g_clear_pointer (&branch->body, g_ptr_array_unref);
  g_free (branch);
}

static void
node_free (Node *node)
{
  g_free (node->text);
  liquid_variable_free (node->variable);
  g_clear_pointer (&node->branches, g_ptr_array_unref);
  liquid_expr_free (node->subject);
  liquid_expr_free (node->limit);
  liquid_expr_free (node->offset);
  liquid_expr_free (node->cols);
  g_clear_pointer (&node->body, g_ptr_array_unref);
  g_clear_pointer (&node->else_body, g_ptr_array_unref);
  g_clear_pointer (&node->param_names, g_ptr_array_unref);
  g_clear_pointer (&node->params, g_ptr_array_unref);
  g_free (node->options);
  g_free (node);
}

void
liquid_template_free (Template *template)
{
  if (template == NULL)
    return;
  g_free (template->path);
  g_clear_pointer (&template->nodes, g_ptr_array_unref);
  g_free (template);
}

static GPtrArray *
node_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
}


/* ------------------------------------------------------------------------ */
/* The tokenizer                                                              */

typedef enum
{
  TOKEN_TEXT,
  TOKEN_TAG,
  TOKEN_OUTPUT,
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *start;
  gsize       length;
  guint       line;
  char       *name;     /* TAG */
  char       *markup;   /* TAG, OUTPUT: the inner text */
  gboolean    trim_left;
  gboolean    trim_right;
} Token;

typedef struct
{
  const char *source;
  const char *path;
  GArray     *tokens;   /* Token */
  guint       pos;
  gboolean    trim_next;
  guint       depth;
  gboolean    in_liquid_tag;
  GError    **error;
} Parser;

static void
token_clear (Token *token)
{
  g_free (token->name);
  g_free (token->markup);
}

static guint
count_lines (const char *start,
             const char *end)
{
  guint n = 0;

  for (const char *p = start; p < end; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
parser_error (Parser     *parser,
              guint       line,
              int         code,
              const char *message)
{
  if (*parser->error == NULL)
    g_set_error (parser->error, AUSHANG_LIQUID_ERROR, code,
                 /* Translators: file, line, then what is wrong. */
                 _("%s, line %u: %s"), parser->path, line, message);
}

static gboolean
tokenize (Parser *parser)
{
  const char *p = parser->source;
  const char *text_start = p;
  guint line = 1;

  for (;;)
    {
      const char *open = p;
      Token token = { 0 };

      while ((open = strchr (open, '{')) != NULL && open[1] != '%' && open[1] != '{')
        open++;

      if (open == NULL || open > text_start)
        {
          const char *end = open != NULL ? open : text_start + strlen (text_start);

          if (end > text_start)
            {
              token.kind = TOKEN_TEXT;
              token.start = text_start;
              token.length = end - text_start;
              token.line = line;
              g_array_append_val (parser->tokens, token);
              line += count_lines (text_start, end);
            }
          if (open == NULL)
            return TRUE;
        }

      memset (&token, 0, sizeof token);
      token.start = open;
      token.line = line;
      if (open[1] == '%')
        {
          const char *close = strstr (open + 2, "%}");
          const char *inner;
          const char *inner_end;
          const char *name_start;
          g_autofree char *shown = NULL;

          if (close == NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("Tag “%s” was not properly terminated with “%%}”"), "{%");

              parser_error (parser, line, AUSHANG_LIQUID_ERROR_SYNTAX, message);
              return FALSE;
            }
          token.kind = TOKEN_TAG;
          token.length = close + 2 - open;
          inner = open + 2;
          inner_end = close;
          if (*inner == '-')
            {
              token.trim_left = TRUE;
              inner++;
            }
          if (inner_end > inner && inner_end[-1] == '-')
            {
              token.trim_right = TRUE;
              inner_end--;
            }
          while (inner < inner_end && g_ascii_isspace (*inner))
            inner++;
          name_start = inner;
          if (inner < inner_end && *inner == '#')
            inner++;
          else
            while (inner < inner_end && liquid_is_word_char (*inner))
              inner++;
          if (inner == name_start)
            {
              g_autofree char *message = NULL;

              shown = g_strndup (open, token.length);
              message = g_strdup_printf (_("Tag “%s” was not properly terminated with “%%}”"), shown);
              parser_error (parser, line, AUSHANG_LIQUID_ERROR_SYNTAX, message);
              return FALSE;
            }
          token.name = g_strndup (name_start, inner - name_start);
          while (inner < inner_end && g_ascii_isspace (*inner))
            inner++;
          token.markup = g_strndup (inner, inner_end - inner);
          g_strchomp (token.markup);
        }
      else
        {
          const char *close = strchr (open + 2, '}');
          const char *inner;
          const char *inner_end;

          if (close == NULL || close[1] != '}')
            {
              g_autofree char *shown = g_strndup (open, close != NULL ? (gsize) (close + 1 - open) : 2);
              g_autofree char *message = g_strdup_printf (_("Variable “%s” was not properly terminated with “}}”"),
                                                          shown);

              parser_error (parser, line, AUSHANG_LIQUID_ERROR_SYNTAX, message);
              return FALSE;
            }
          token.kind = TOKEN_OUTPUT;
          token.length = close + 2 - open;
          inner = open + 2;
          inner_end = close;
          if (*inner == '-')
            {
              token.trim_left = TRUE;
              inner++;
            }
          if (inner_end > inner && inner_end[-1] == '-')
            {
              token.trim_right = TRUE;
              inner_end--;
            }
          token.markup = g_strstrip (g_strndup (inner, inner_end - inner));
        }
      line += count_lines (open, open + token.length);
      g_array_append_val (parser->tokens, token);
      p = text_start = open + token.length;
    }
}

/* ------------------------------------------------------------------------ */
/* Blocks                                                                     */

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  return names != NULL && g_strv_contains (names, name);
}

static Node *
node_new (NodeKind kind,
          guint    line)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->line = line;
  return node;
}

static void
fail_markup (Parser     *parser,
             guint       line,
             GError     *inner)
{
  parser_error (parser, line, inner->code, inner->message);
  g_error_free (inner);
}

static void
fail_unknown_tag (Parser     *parser,
                  guint       line,
                  const char *name)
{
  g_autofree char *message = g_strdup_printf (_("Unknown tag “%s”"), name);

  parser_error (parser, line, AUSHANG_LIQUID_ERROR_UNKNOWN_TAG, message);
}

static void
fail_syntax (Parser     *parser,
             guint       line,
             const char *format,
             const char *arg)
{
  g_autofree char *message = g_strdup_printf (format, arg);

  parser_error (parser, line, AUSHANG_LIQUID_ERROR_SYNTAX, message);
}

static GPtrArray *parse_body (Parser             *parser,
                              const char * const *ends,
                              const char         *block,
                              guint               block_line,
                              Token             **end_token);

/* Text between tags, with the whitespace control of the tags around it. */
static void
add_text (Parser    *parser,
          GPtrArray *nodes,
          Token     *token)
{
  const char *start = token->start;
  const char *end = token->start + token->length;
  Node *node;

  if (parser->trim_next)
    while (start < end && (g_ascii_isspace (*start) || *start == '\0'))
      start++;
  parser->trim_next = FALSE;
  node = node_new (NODE_TEXT, token->line);
  node->text = g_strndup (start, end - start);
  g_ptr_array_add (nodes, node);
}

static void
trim_previous (GPtrArray *nodes)
{
  Node *last;

  if (nodes->len == 0)
    return;
  last = g_ptr_array_index (nodes, nodes->len - 1);
  if (last->kind == NODE_TEXT)
    g_strchomp (last->text);
}

/* The raw text up to {% endraw %}, and comments (skipped with nesting). */
static char *
take_raw (Parser *parser,
          Token  *open)
{
  GString *text = g_string_new (NULL);

  while (parser->pos < parser->tokens->len)
    {
      Token *token = &g_array_index (parser->tokens, Token, parser->pos++);

      if (token->kind == TOKEN_TAG && strcmp (token->name, "endraw") == 0)
        {
          if (token->trim_left)
            {
              gsize len = text->len;

              while (len > 0 && g_ascii_isspace (text->str[len - 1]))
                len--;
              g_string_truncate (text, len);
            }
          parser->trim_next = token->trim_right;
          return g_string_free (text, FALSE);
        }
      g_string_append_len (text, token->start, token->length);
    }
  g_string_free (text, TRUE);
  fail_syntax (parser, open->line, _("“%s” tag was never closed"), "raw");
  return NULL;
}

static gboolean
skip_comment (Parser *parser,
              Token  *open)
{
  guint depth = 1;

  while (parser->pos < parser->tokens->len)
    {
      Token *token = &g_array_index (parser->tokens, Token, parser->pos++);

      if (token->kind != TOKEN_TAG)
        continue;
      if (strcmp (token->name, "comment") == 0)
        depth++;
      else if (strcmp (token->name, "raw") == 0)
        {
          g_autofree char *raw = take_raw (parser, token);

          if (raw == NULL)
            return FALSE;
        }
      else if (strcmp (token->name, "endcomment") == 0 && --depth == 0)
        {
          parser->trim_next = token->trim_right;
          return TRUE;
        }
    }
  fail_syntax (parser, open->line, _("“%s” tag was never closed"), "comment");
  return FALSE;
}

static Node *
parse_if (Parser *parser,
          Token  *token,
          gboolean unless)
{
  static const char * const ends[] = { "elsif", "else", "endif", "endunless", NULL };
  Node *node = node_new (NODE_IF, token->line);
  const char *markup = token->markup;
  const char *tag = token->name;
  guint line = token->line;
  gboolean seen_else = FALSE;

  node->negate = unless;
  node->branches = g_ptr_array_new_with_free_func ((GDestroyNotify) branch_free);
  for (;;)
    {
      Branch *branch = g_new0 (Branch, 1);
      Token *end = NULL;
      GError *inner = NULL;

      g_ptr_array_add (node->branches, branch);
      if (markup != NULL)
        {
          branch->cond = liquid_parse_condition (markup, &inner);
          if (branch->cond == NULL)
            {
              fail_markup (parser, line, inner);
              break;
            }
        }
      branch->body = parse_body (parser, ends, unless ? "unless" : "if", node->line, &end);
      if (branch->body == NULL)
        break;
      if (strcmp (end->name, unless ? "endunless" : "endif") == 0)
        return node;
      if (strcmp (end->name, "endif") == 0 || strcmp (end->name, "endunless") == 0 || seen_else)
        {
          fail_unknown_tag (parser, end->line, end->name);
          break;
        }
      tag = end->name;
      line = end->line;
      if (strcmp (tag, "else") == 0)
        {
          seen_else = TRUE;
          markup = NULL;
        }
      else
        markup = end->markup;
    }
  (void) tag;
  node_free (node);
  return NULL;
}

static Node *
parse_case (Parser *parser,
            Token  *token)
{
  static const char * const ends[] = { "when", "else", "endcase", NULL };
  Node *node = node_new (NODE_CASE, token->line);
  GError *inner = NULL;
  GPtrArray *ignored;
  Token *end = NULL;

  node->branches = g_ptr_array_new_with_free_func ((GDestroyNotify) branch_free);
  node->subject = liquid_parse_expression (token->markup, &inner);
  if (node->subject == NULL)
    {
      fail_markup (parser, token->line, inner);
      node_free (node);
      return NULL;
    }
  /* Text before the first when is not rendered. */
  ignored = parse_body (parser, ends, "case", token->line, &end);
  if (ignored == NULL)
    {
      node_free (node);
      return NULL;
    }
  g_ptr_array_unref (ignored);

  while (strcmp (end->name, "endcase") != 0)
    {
      Branch *branch = g_new0 (Branch, 1);
      guint line = end->line;

      g_ptr_array_add (node->branches, branch);
      if (strcmp (end->name, "when") == 0)
        {
          Lexer lx;

          branch->values = liquid_expr_list_new ();
          if (!liquid_lexer_init (&lx, end->markup, &inner))
            {
              liquid_lexer_clear (&lx);
              fail_markup (parser, line, inner);
              node_free (node);
              return NULL;
            }
          lx.error = &inner;
          do
            {
              Expr *value = liquid_parse_expr (&lx);

              if (value == NULL)
                break;
              g_ptr_array_add (branch->values, value);
            }
          while (liquid_lexer_accept (&lx, TOK_COMMA) || liquid_lexer_accept_id (&lx, "or"));
          if (!lx.failed && liquid_lexer_peek (&lx)->kind != TOK_END)
            liquid_lexer_fail (&lx);
          liquid_lexer_clear (&lx);
          if (inner != NULL)
            {
              fail_markup (parser, line, inner);
              node_free (node);
              return NULL;
            }
        }
      branch->body = parse_body (parser, ends, "case", node->line, &end);
      if (branch->body == NULL)
        {
          node_free (node);
          return NULL;
        }
    }
  return node;
}

/* for and tablerow: "name in collection", then attributes (limit, offset;
 * cols for tablerow). */
static Node *
parse_for (Parser  *parser,
           Token   *token,
           gboolean tablerow)
{
  static const char * const ends[] = { "else", "endfor", NULL };
  static const char * const tablerow_ends[] = { "endtablerow", NULL };
  Node *node = node_new (tablerow ? NODE_TABLEROW : NODE_FOR, token->line);
  GError *inner = NULL;
  Lexer lx;
  Token *end = NULL;

  if (!liquid_lexer_init (&lx, token->markup, &inner))
    goto markup_fail;
  lx.error = &inner;
  node->text = liquid_lexer_expect (&lx, TOK_ID);
  if (node->text == NULL || !liquid_lexer_accept_id (&lx, "in"))
    {
      liquid_lexer_fail (&lx);
      goto markup_fail;
    }
  node->subject = liquid_parse_expr (&lx);
  if (node->subject == NULL)
    goto markup_fail;
  /* tablerow takes no "reversed"; Liquid's pattern there skips it. */
  if (liquid_lexer_accept_id (&lx, "reversed"))
    node->reversed = !tablerow;
  if (tablerow)
    liquid_lexer_accept (&lx, TOK_COMMA);
  while (liquid_lexer_peek (&lx)->kind == TOK_ID)
    {
      g_autofree char *attribute = liquid_lexer_expect (&lx, TOK_ID);
      Expr *value;

      liquid_lexer_accept (&lx, TOK_COMMA);
      if (!liquid_lexer_accept (&lx, TOK_COLON))
        {
          liquid_lexer_fail (&lx);
          goto markup_fail;
        }
      value = liquid_parse_expr (&lx);
      if (value == NULL)
        goto markup_fail;
      if (strcmp (attribute, "limit") == 0)
        {
          liquid_expr_free (node->limit);
          node->limit = value;
        }
      else if (strcmp (attribute, "offset") == 0)
        {
          liquid_expr_free (node->offset);
          node->offset = value;
        }
      else if (tablerow && strcmp (attribute, "cols") == 0)
        {
          liquid_expr_free (node->cols);
          node->cols = value;
        }
      else
        liquid_expr_free (value);
      liquid_lexer_accept (&lx, TOK_COMMA);
    }
  if (liquid_lexer_peek (&lx)->kind != TOK_END)
    {
      liquid_lexer_fail (&lx);
      goto markup_fail;
    }
  liquid_lexer_clear (&lx);

  if (tablerow)
    {
      node->body = parse_body (parser, tablerow_ends, "tablerow", token->line, &end);
      if (node->body == NULL)
        goto fail;
      return node;
    }
  node->body = parse_body (parser, ends, "for", token->line, &end);
  if (node->body == NULL)
    goto fail;
  if (strcmp (end->name, "else") == 0)
    {
      static const char * const else_ends[] = { "endfor", NULL };

      node->else_body = parse_body (parser, else_ends, "for", token->line, &end);
      if (node->else_body == NULL)
        goto fail;
    }
  return node;

markup_fail:
  liquid_lexer_clear (&lx);
  if (tablerow)
    {
      g_clear_error (&inner);
      fail_syntax (parser, token->line,
                   _("Syntax error in “%s”; valid syntax: tablerow [item] in [collection] cols:3"),
                   "tablerow");
    }
  else
    fail_markup (parser, token->line, inner);
fail:
  node_free (node);
  return NULL;
}

static Node *
parse_assign (Parser *parser,
              Token  *token)
{
  const char *eq = strchr (token->markup, '=');
  g_autofree char *name = NULL;
  Node *node;
  GError *inner = NULL;

  if (eq == NULL)
    {
      fail_syntax (parser, token->line,
                   _("Syntax error in “assign”: “%s”; valid syntax: assign [var] = [source]"),
                   token->markup);
      return NULL;
    }
  name = g_strstrip (g_strndup (token->markup, eq - token->markup));
  if (*name == '\0')
    {
      fail_syntax (parser, token->line,
                   _("Syntax error in “assign”: “%s”; valid syntax: assign [var] = [source]"),
                   token->markup);
      return NULL;
    }
  node = node_new (NODE_ASSIGN, token->line);
  node->text = g_steal_pointer (&name);
  node->variable = liquid_parse_variable_markup (eq + 1, &inner);
  if (node->variable == NULL)
    {
      fail_markup (parser, token->line, inner);
      node_free (node);
      return NULL;
    }
  return node;
}

/* Jekyll's include syntax: a file name (possibly with {{ }}), then
 * name=value pairs, values quoted or variable names. */
static Node *
parse_include (Parser  *parser,
               Token   *token,
               gboolean relative)
{
  Node *node = node_new (NODE_INCLUDE, token->line);
  const char *p = token->markup;
  const char *start = p;

  node->relative = relative;
  node->param_names = g_ptr_array_new_with_free_func (g_free);
  node->params = liquid_expr_list_new ();

  /* The file: up to the first space outside {{ }}. */
  while (*p != '\0')
    {
      if (p[0] == '{' && p[1] == '{')
        {
          const char *close = strstr (p, "}}");

          p = close != NULL ? close + 2 : p + strlen (p);
          continue;
        }
      if (g_ascii_isspace (*p))
        {
          /* "{{ x }}" may be written with spaces inside only. */
          break;
        }
      p++;
    }
  node->text = g_strndup (start, p - start);
  if (*node->text == '\0')
    {
      fail_syntax (parser, token->line, _("Invalid syntax for include tag: “%s”"), token->markup);
      node_free (node);
      return NULL;
    }

  for (;;)
    {
      const char *key_start;
      g_autofree char *key = NULL;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      key_start = p;
      while (liquid_is_word_char (*p) || *p == '-')
        p++;
      key = g_strndup (key_start, p - key_start);
      while (g_ascii_isspace (*p))
        p++;
      if (*key == '\0' || *p != '=')
        goto syntax;
      p++;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '"' || *p == '\'')
        {
          char quote = *p++;
          GString *value = g_string_new (NULL);

          while (*p != '\0' && *p != quote)
            {
              if (*p == '\\' && p[1] != '\0')
                {
                  if (p[1] != quote)
                    g_string_append_c (value, '\\');
                  g_string_append_c (value, p[1]);
                  p += 2;
                  continue;
                }
              g_string_append_c (value, *p++);
            }
          if (*p != quote)
            {
              g_string_free (value, TRUE);
              goto syntax;
            }
          p++;
          g_ptr_array_add (node->params,
                           liquid_expr_literal (aushang_value_new_string (value->str)));
          g_string_free (value, TRUE);
        }
      else
        {
          const char *value_start = p;
          g_autofree char *value = NULL;
          GError *inner = NULL;
          Expr *expr;

          while (liquid_is_word_char (*p) || *p == '.' || *p == '-')
            p++;
          if (p == value_start)
            goto syntax;
          value = g_strndup (value_start, p - value_start);
          expr = liquid_parse_expression (value, &inner);
          if (expr == NULL)
            {
              fail_markup (parser, token->line, inner);
              node_free (node);
              return NULL;
            }
          g_ptr_array_add (node->params, expr);
        }
      if (*p != '\0' && !g_ascii_isspace (*p))
        {
          g_ptr_array_remove_index (node->params, node->params->len - 1);
          goto syntax;
        }
      g_ptr_array_add (node->param_names, g_steal_pointer (&key));
    }
  return node;

syntax:
  fail_syntax (parser, token->line, _("Invalid syntax for include tag: “%s”"), token->markup);
  node_free (node);
  return NULL;
}

static Node *
parse_highlight (Parser *parser,
                 Token  *token)
{
  Node *node;
  const char *p = token->markup;
  const char *start = p;
  static const char * const ends[] = { "endhighlight", NULL };
  Token *end = NULL;

  while (g_ascii_isalnum (*p) || (*p != '\0' && strchr (".+#_-", *p) != NULL))
    p++;
  if (p == start || (*p != '\0' && !g_ascii_isspace (*p)))
    {
      fail_syntax (parser, token->line,
                   _("Syntax error in tag “highlight” while parsing “%s”; valid syntax: highlight <lang> [linenos]"),
                   token->markup);
      return NULL;
    }
  node = node_new (NODE_HIGHLIGHT, token->line);
  node->text = g_ascii_strdown (start, p - start);
  node->options = g_strstrip (g_strdup (p));
  node->body = parse_body (parser, ends, "highlight", token->line, &end);
  if (node->body == NULL)
    {
      node_free (node);
      return NULL;
    }
  return node;
}

static Node *
parse_cycle (Parser *parser,
             Token  *token)
{
  Node *node = node_new (NODE_CYCLE, token->line);
  GError *inner = NULL;
  Lexer lx;

  node->params = liquid_expr_list_new ();
  if (!liquid_lexer_init (&lx, token->markup, &inner))
    goto fail;
  lx.error = &inner;
  do
    {
      Expr *value = liquid_parse_expr (&lx);

      if (value == NULL)
        goto fail;
      if (node->params->len == 0 && node->text == NULL && liquid_lexer_accept (&lx, TOK_COLON))
        {
          /* A named group. */
          node->text = value->kind == EXPR_LITERAL ? liquid_to_text (value->value, NULL)
                                                   : g_strdup (value->name);
          liquid_expr_free (value);
          value = liquid_parse_expr (&lx);
          if (value == NULL)
            goto fail;
        }
      g_ptr_array_add (node->params, value);
    }
  while (liquid_lexer_accept (&lx, TOK_COMMA));
  if (liquid_lexer_peek (&lx)->kind != TOK_END)
    {
      liquid_lexer_fail (&lx);
      goto fail;
    }
  liquid_lexer_clear (&lx);
  if (node->text == NULL)
    node->text = g_strdup (token->markup);
  return node;

fail:
  liquid_lexer_clear (&lx);
  fail_markup (parser, token->line, inner);
  node_free (node);
  return NULL;
}

static gboolean parse_tag (Parser    *parser,
                           GPtrArray *nodes,
                           Token     *token);

/* Liquid 5's {% liquid %}: one tag per line, without delimiters ("echo"
 * for output, "#" for a comment); blocks must close inside it. */
static gboolean
parse_liquid_tag (Parser    *parser,
                  GPtrArray *nodes,
                  Token     *token)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_auto(GStrv) lines = g_strsplit (token->markup, "\n", -1);
  const char *p = token->start + 2;
  const char *end = token->start + token->length;
  GPtrArray *body;
  Parser sub = *parser;
  guint line = token->line;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);
  /* The line of the markup's first line: past "{%-", blanks, "liquid". */
  if (*p == '-')
    p++;
  while (p < end && g_ascii_isspace (*p))
    line += *p++ == '\n';
  while (p < end && liquid_is_word_char (*p))
    p++;
  while (p < end && g_ascii_isspace (*p))
    line += *p++ == '\n';

  for (guint i = 0; lines[i] != NULL; i++, line++)
    {
      const char *text = lines[i];
      const char *start;
      Token sub_token = { 0 };

      while (g_ascii_isspace (*text))
        text++;
      if (*text == '\0')
        continue;
      start = text;
      if (*text == '#')
        text++;
      else
        while (liquid_is_word_char (*text))
          text++;
      if (text == start)
        {
          g_autofree char *shown = g_strstrip (g_strdup (start));

          fail_unknown_tag (parser, line, shown);
          return FALSE;
        }
      sub_token.kind = TOKEN_TAG;
      sub_token.start = lines[i];
      sub_token.length = strlen (lines[i]);
      sub_token.line = line;
      sub_token.name = g_strndup (start, text - start);
      sub_token.markup = g_strstrip (g_strdup (text));
      g_array_append_val (tokens, sub_token);
    }

  sub.tokens = tokens;
  sub.pos = 0;
  sub.trim_next = FALSE;
  sub.in_liquid_tag = TRUE;
  body = parse_body (&sub, NULL, NULL, token->line, NULL);
  if (body == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (nodes, body);
  return TRUE;
}

/* Tags of plugins that only add metadata to the page's head. */
static const char * const silent_tags[] = {
  "seo", "feed_meta", "sitemap", "github_edit_link", NULL
};

static gboolean
parse_tag (Parser    *parser,
           GPtrArray *nodes,
           Token     *token)
{
  const char *name = token->name;
  Node *node = NULL;

  if (strcmp (name, "#") == 0 || name_in (name, silent_tags))
    return TRUE;
  if (strcmp (name, "comment") == 0)
    return skip_comment (parser, token);
  if (strcmp (name, "raw") == 0)
    {
      g_autofree char *raw = take_raw (parser, token);

      if (raw == NULL)
        return FALSE;
      node = node_new (NODE_TEXT, token->line);
      node->text = g_steal_pointer (&raw);
      g_ptr_array_add (nodes, node);
      return TRUE;
    }

  if (strcmp (name, "if") == 0 || strcmp (name, "unless") == 0)
    node = parse_if (parser, token, strcmp (name, "unless") == 0);
  else if (strcmp (name, "case") == 0)
    node = parse_case (parser, token);
  else if (strcmp (name, "for") == 0 || strcmp (name, "tablerow") == 0)
    node = parse_for (parser, token, strcmp (name, "tablerow") == 0);
  else if (strcmp (name, "liquid") == 0 && !parser->in_liquid_tag)
    return parse_liquid_tag (parser, nodes, token);
  else if (strcmp (name, "ifchanged") == 0)
    {
      static const char * const ends[] = { "endifchanged", NULL };
      Token *end = NULL;

      node = node_new (NODE_IFCHANGED, token->line);
      node->body = parse_body (parser, ends, "ifchanged", token->line, &end);
      if (node->body == NULL)
        g_clear_pointer (&node, node_free);
    }
  else if (strcmp (name, "render") == 0)
    {
      /* Liquid looks for a quoted name anywhere in the markup. */
      if (strchr (token->markup, '"') == NULL && strchr (token->markup, '\'') == NULL)
        {
          fail_syntax (parser, token->line,
                       _("Syntax error in tag “%s”: the template name must be a quoted string"),
                       "render");
          return FALSE;
        }
      node = node_new (NODE_RENDER, token->line);
      node->text = g_strdup (token->markup);
    }
  else if (strcmp (name, "assign") == 0)
    node = parse_assign (parser, token);
  else if (strcmp (name, "capture") == 0)
    {
      static const char * const ends[] = { "endcapture", NULL };
      Token *end = NULL;
      const char *markup = token->markup;
      gsize len = strlen (markup);

      node = node_new (NODE_CAPTURE, token->line);
      if (len >= 2 && (markup[0] == '"' || markup[0] == '\'') && markup[len - 1] == markup[0])
        node->text = g_strndup (markup + 1, len - 2);
      else
        node->text = g_strdup (markup);
      if (*node->text == '\0' || strchr (node->text, ' ') != NULL)
        {
          fail_syntax (parser, token->line,
                       _("Syntax error in “capture”: “%s”; valid syntax: capture [var]"),
                       markup);
          g_clear_pointer (&node, node_free);
        }
      else
        {
          node->body = parse_body (parser, ends, "capture", token->line, &end);
          if (node->body == NULL)
            g_clear_pointer (&node, node_free);
        }
    }
  else if (strcmp (name, "break") == 0)
    node = node_new (NODE_BREAK, token->line);
  else if (strcmp (name, "continue") == 0)
    node = node_new (NODE_CONTINUE, token->line);
  else if (strcmp (name, "echo") == 0)
    {
      GError *inner = NULL;

      node = node_new (NODE_OUTPUT, token->line);
      node->variable = liquid_parse_variable_markup (token->markup, &inner);
      if (node->variable == NULL)
        {
          fail_markup (parser, token->line, inner);
          g_clear_pointer (&node, node_free);
        }
    }
  else if (strcmp (name, "include") == 0 || strcmp (name, "include_relative") == 0 ||
           strcmp (name, "include_cached") == 0)
    /* include_cached (jekyll-include-cache) gives what include gives. */
    node = parse_include (parser, token, strcmp (name, "include_relative") == 0);
  else if (strcmp (name, "highlight") == 0)
    node = parse_highlight (parser, token);
  else if (strcmp (name, "link") == 0 || strcmp (name, "post_url") == 0)
    {
      node = node_new (strcmp (name, "link") == 0 ? NODE_LINK : NODE_POST_URL, token->line);
      node->text = g_strdup (token->markup);
    }
  else if (strcmp (name, "increment") == 0 || strcmp (name, "decrement") == 0)
    {
      node = node_new (strcmp (name, "increment") == 0 ? NODE_INCREMENT : NODE_DECREMENT,
                       token->line);
      node->text = g_strdup (token->markup);
    }
  else if (strcmp (name, "cycle") == 0)
    node = parse_cycle (parser, token);
  else
    {
      fail_unknown_tag (parser, token->line, name);
      return FALSE;
    }

  if (node == NULL)
    return FALSE;
  g_ptr_array_add (nodes, node);
  return TRUE;
}

/* Nodes up to one of @ends (returned in @end_token); at the top level
 * (@ends NULL) up to the end of the source. */
static GPtrArray *
parse_body (Parser             *parser,
            const char * const *ends,
            const char         *block,
            guint               block_line,
            Token             **end_token)
{
  g_autoptr(GPtrArray) nodes = node_list_new ();

  if (++parser->depth > 100)
    {
      parser_error (parser, block_line, AUSHANG_LIQUID_ERROR_LIMIT,
                    _("Blocks nested too deep (more than 100 levels)"));
      return NULL;
    }

  while (parser->pos < parser->tokens->len)
    {
      Token *token = &g_array_index (parser->tokens, Token, parser->pos++);

      if (token->kind == TOKEN_TEXT)
        {
          add_text (parser, nodes, token);
          continue;
        }

      if (token->trim_left)
        trim_previous (nodes);
      parser->trim_next = token->trim_right;

      if (token->kind == TOKEN_OUTPUT)
        {
          GError *inner = NULL;
          Node *node = node_new (NODE_OUTPUT, token->line);

          g_ptr_array_add (nodes, node);
          if (*token->markup == '\0')
            continue;
          node->variable = liquid_parse_variable_markup (token->markup, &inner);
          if (node->variable == NULL)
            {
              fail_markup (parser, token->line, inner);
              return NULL;
            }
          continue;
        }

      if (name_in (token->name, ends))
        {
          *end_token = token;
          parser->depth--;
          return g_steal_pointer (&nodes);
        }
      if (g_str_has_prefix (token->name, "end") || strcmp (token->name, "else") == 0 ||
          strcmp (token->name, "elsif") == 0 || strcmp (token->name, "when") == 0)
        {
          if (block != NULL && g_str_has_prefix (token->name, "end"))
            {
              g_autofree char *expected = g_strdup_printf ("end%s", block);
              g_autofree char *message =
                g_strdup_printf (_("“%s” is not a valid delimiter for “%s” tags; use “%s”"),
                                 token->name, block, expected);

              parser_error (parser, token->line, AUSHANG_LIQUID_ERROR_SYNTAX, message);
            }
          else
            fail_unknown_tag (parser, token->line, token->name);
          return NULL;
        }
      if (!parse_tag (parser, nodes, token))
        return NULL;
    }

  if (ends != NULL)
    {
      fail_syntax (parser, block_line, _("“%s” tag was never closed"), block);
      return NULL;
    }
  parser->depth--;
  return g_steal_pointer (&nodes);
}

Template *
liquid_parse (const char  *source,
              const char  *path,
              GError     **error)
{
  Parser parser = { 0 };
  GError *local_error = NULL;
  GPtrArray *nodes = NULL;
  Template *template;

  parser.source = source;
  parser.path = path;
  parser.tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (parser.tokens, (GDestroyNotify) token_clear);
  parser.error = &local_error;

  if (tokenize (&parser))
    nodes = parse_body (&parser, NULL, NULL, 1, NULL);
  g_array_unref (parser.tokens);

  if (nodes == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, AUSHANG_LIQUID_ERROR, AUSHANG_LIQUID_ERROR_SYNTAX,
                     _("%s, line %u: %s"), path, 1, _("Syntax error"));
      g_propagate_error (error, local_error);
      return NULL;
    }
  template = g_new0 (Template, 1);
  template->path = g_strdup (path);
  template->nodes = nodes;
  return template;
}
