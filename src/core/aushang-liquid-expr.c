/* aushang-liquid-expr.c
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

/* The markup inside tags: Liquid 5's lexer and the strict parser for
 * expressions, filters and conditions. */


static void
filter_free (Filter *filter)
{
  g_free (filter->name);
  g_ptr_array_unref (filter->args);
  g_ptr_array_unref (filter->kw_names);
  g_ptr_array_unref (filter->kw_values);
  g_free (filter);
}

void
liquid_variable_free (Variable *variable)
{
  if (variable == NULL)
    return;
  liquid_expr_free (variable->expr);
  g_ptr_array_unref (variable->filters);
  g_free (variable);
}

GPtrArray *
liquid_expr_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) liquid_expr_free);
}

/* ------------------------------------------------------------------------ */
/* The markup lexer                                                           */

static void
tok_clear (Tok *tok)
{
  g_free (tok->text);
}

gboolean
liquid_is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

gboolean
liquid_lexer_init (Lexer      *lx,
            const char *markup,
            GError    **error)
{
  const char *p = markup;

  lx->toks = g_array_new (FALSE, TRUE, sizeof (Tok));
  g_array_set_clear_func (lx->toks, (GDestroyNotify) tok_clear);
  lx->pos = 0;
  lx->markup = markup;
  lx->error = error;
  lx->failed = FALSE;

  while (*p != '\0')
    {
      Tok tok = { TOK_END, NULL };
      const char *start;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      /* A no-break space (typed by accident) separates as a space does:
       * Liquid's lax parsing, which Jekyll falls back to, skips it. */
      if ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
        {
          p += 2;
          continue;
        }
      start = p;
      if (strncmp (p, "==", 2) == 0 || strncmp (p, "!=", 2) == 0 ||
          strncmp (p, "<>", 2) == 0 || strncmp (p, "<=", 2) == 0 ||
          strncmp (p, ">=", 2) == 0)
        {
          tok.kind = TOK_COMPARISON;
          p += 2;
        }
      else if (*p == '<' || *p == '>')
        {
          tok.kind = TOK_COMPARISON;
          p++;
        }
      else if (strncmp (p, "contains", 8) == 0 && (p[8] == '\0' || g_ascii_isspace (p[8])))
        {
          tok.kind = TOK_COMPARISON;
          p += 8;
        }
      else if (*p == '\'' || *p == '"')
        {
          const char *close = strchr (p + 1, *p);

          if (close == NULL)
            {
              g_set_error (error, AUSHANG_LIQUID_ERROR, AUSHANG_LIQUID_ERROR_SYNTAX,
                           _("Unclosed quote in “%s”"), markup);
              return FALSE;
            }
          tok.kind = TOK_STRING;
          tok.text = g_strndup (p + 1, close - p - 1);
          p = close + 1;
          g_array_append_val (lx->toks, tok);
          continue;
        }
      else if (g_ascii_isdigit (*p) || (*p == '-' && g_ascii_isdigit (p[1])))
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
          if (*p == '.' && g_ascii_isdigit (p[1]))
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
          tok.kind = TOK_NUMBER;
        }
      else if (g_ascii_isalpha (*p) || *p == '_' || (guchar) *p >= 0x80)
        {
          while (liquid_is_word_char (*p) || *p == '-')
            p++;
          if (*p == '?')
            p++;
          tok.kind = TOK_ID;
        }
      else if (strncmp (p, "..", 2) == 0)
        {
          tok.kind = TOK_DOTDOT;
          p += 2;
        }
      else
        {
          switch (*p)
            {
            case '|': tok.kind = TOK_PIPE; break;
            case '.': tok.kind = TOK_DOT; break;
            case ':': tok.kind = TOK_COLON; break;
            case ',': tok.kind = TOK_COMMA; break;
            case '[': tok.kind = TOK_OPEN_SQUARE; break;
            case ']': tok.kind = TOK_CLOSE_SQUARE; break;
            case '(': tok.kind = TOK_OPEN_ROUND; break;
            case ')': tok.kind = TOK_CLOSE_ROUND; break;
            case '?': tok.kind = TOK_QUESTION; break;
            case '-': tok.kind = TOK_DASH; break;
            default:
              {
                g_autofree char *ch = g_strndup (p, g_utf8_next_char (p) - p);

                g_set_error (error, AUSHANG_LIQUID_ERROR, AUSHANG_LIQUID_ERROR_SYNTAX,
                             _("Unexpected character “%s” in “%s”"), ch, markup);
                return FALSE;
              }
            }
          p++;
        }
      tok.text = g_strndup (start, p - start);
      g_array_append_val (lx->toks, tok);
    }
  return TRUE;
}

void
liquid_lexer_clear (Lexer *lx)
{
  g_clear_pointer (&lx->toks, g_array_unref);
}

Tok *
liquid_lexer_peek_at (Lexer *lx,
               guint  ahead)
{
  static Tok end = { TOK_END, NULL };

  if (lx->pos + ahead < lx->toks->len)
    return &g_array_index (lx->toks, Tok, lx->pos + ahead);
  return &end;
}

Tok *
liquid_lexer_peek (Lexer *lx)
{
  return liquid_lexer_peek_at (lx, 0);
}

gboolean
liquid_lexer_fail (Lexer *lx)
{
  if (!lx->failed)
    {
      Tok *tok = liquid_lexer_peek (lx);

      lx->failed = TRUE;
      if (tok->kind == TOK_END)
        g_set_error (lx->error, AUSHANG_LIQUID_ERROR, AUSHANG_LIQUID_ERROR_SYNTAX,
                     _("Unexpected end of “%s”"), lx->markup);
      else
        g_set_error (lx->error, AUSHANG_LIQUID_ERROR, AUSHANG_LIQUID_ERROR_SYNTAX,
                     _("Unexpected “%s” in “%s”"), tok->text, lx->markup);
    }
  return FALSE;
}

gboolean
liquid_lexer_accept (Lexer   *lx,
              TokKind  kind)
{
  if (liquid_lexer_peek (lx)->kind == kind)
    {
      lx->pos++;
      return TRUE;
    }
  return FALSE;
}

gboolean
liquid_lexer_accept_id (Lexer      *lx,
                 const char *id)
{
  Tok *tok = liquid_lexer_peek (lx);

  if (tok->kind == TOK_ID && strcmp (tok->text, id) == 0)
    {
      lx->pos++;
      return TRUE;
    }
  return FALSE;
}

char *
liquid_lexer_expect (Lexer   *lx,
              TokKind  kind)
{
  Tok *tok = liquid_lexer_peek (lx);

  if (tok->kind != kind)
    {
      liquid_lexer_fail (lx);
      return NULL;
    }
  lx->pos++;
  return g_strdup (tok->text);
}

/* ------------------------------------------------------------------------ */
/* Expressions                                                                */

static Expr *
expr_new (ExprKind kind)
{
  Expr *expr = g_new0 (Expr, 1);

  expr->kind = kind;
  return expr;
}

Expr *
liquid_expr_literal (AushangValue *value)
{
  Expr *expr = expr_new (EXPR_LITERAL);

  expr->value = value;
  return expr;
}

static gboolean
parse_lookups (Lexer *lx,
               Expr  *expr)
{
  for (;;)
    {
      LookupStep step = { NULL, NULL };

      if (liquid_lexer_accept (lx, TOK_OPEN_SQUARE))
        {
          step.index = liquid_parse_expr (lx);
          if (step.index == NULL)
            return FALSE;
          if (!liquid_lexer_accept (lx, TOK_CLOSE_SQUARE))
            {
              liquid_expr_free (step.index);
              return liquid_lexer_fail (lx);
            }
        }
      else if (liquid_lexer_accept (lx, TOK_DOT))
        {
          step.key = liquid_lexer_expect (lx, TOK_ID);
          if (step.key == NULL)
            return FALSE;
        }
      else
        return TRUE;
      g_array_append_val (expr->steps, step);
    }
}

static Expr *
lookup_new (void)
{
  Expr *expr = expr_new (EXPR_LOOKUP);

  expr->steps = g_array_new (FALSE, TRUE, sizeof (LookupStep));
  return expr;
}

Expr *
liquid_parse_expr (Lexer *lx)
{
  Tok *tok = liquid_lexer_peek (lx);
  Expr *expr;

  switch (tok->kind)
    {
    case TOK_ID:
      lx->pos++;
      if (strcmp (tok->text, "nil") == 0 || strcmp (tok->text, "null") == 0)
        return liquid_expr_literal (NULL);
      if (strcmp (tok->text, "true") == 0)
        return liquid_expr_literal (aushang_value_new_boolean (TRUE));
      if (strcmp (tok->text, "false") == 0)
        return liquid_expr_literal (aushang_value_new_boolean (FALSE));
      if (strcmp (tok->text, "empty") == 0 && liquid_lexer_peek (lx)->kind != TOK_DOT &&
          liquid_lexer_peek (lx)->kind != TOK_OPEN_SQUARE)
        return expr_new (EXPR_EMPTY);
      if (strcmp (tok->text, "blank") == 0 && liquid_lexer_peek (lx)->kind != TOK_DOT &&
          liquid_lexer_peek (lx)->kind != TOK_OPEN_SQUARE)
        return expr_new (EXPR_BLANK);
      expr = lookup_new ();
      expr->name = g_strdup (tok->text);
      if (!parse_lookups (lx, expr))
        {
          liquid_expr_free (expr);
          return NULL;
        }
      return expr;

    case TOK_OPEN_SQUARE:
      lx->pos++;
      expr = lookup_new ();
      expr->name_expr = liquid_parse_expr (lx);
      if (expr->name_expr == NULL || !liquid_lexer_accept (lx, TOK_CLOSE_SQUARE) ||
          !parse_lookups (lx, expr))
        {
          liquid_lexer_fail (lx);
          liquid_expr_free (expr);
          return NULL;
        }
      return expr;

    case TOK_STRING:
      lx->pos++;
      return liquid_expr_literal (aushang_value_new_string (tok->text));

    case TOK_NUMBER:
      lx->pos++;
      if (strchr (tok->text, '.') != NULL)
        return liquid_expr_literal (aushang_value_new_float (g_ascii_strtod (tok->text, NULL)));
      return liquid_expr_literal (aushang_value_new_integer (g_ascii_strtoll (tok->text, NULL, 10)));

    case TOK_OPEN_ROUND:
      lx->pos++;
      expr = expr_new (EXPR_RANGE);
      expr->start = liquid_parse_expr (lx);
      if (expr->start == NULL || !liquid_lexer_accept (lx, TOK_DOTDOT) ||
          (expr->end = liquid_parse_expr (lx)) == NULL || !liquid_lexer_accept (lx, TOK_CLOSE_ROUND))
        {
          liquid_lexer_fail (lx);
          liquid_expr_free (expr);
          return NULL;
        }
      return expr;

    case TOK_END:
    case TOK_COMPARISON:
    case TOK_DOTDOT:
    case TOK_PIPE:
    case TOK_DOT:
    case TOK_COLON:
    case TOK_COMMA:
    case TOK_CLOSE_SQUARE:
    case TOK_CLOSE_ROUND:
    case TOK_QUESTION:
    case TOK_DASH:
    default:
      liquid_lexer_fail (lx);
      return NULL;
    }
}

Expr *
liquid_parse_expression (const char  *markup,
                         GError     **error)
{
  Lexer lx;
  Expr *expr;

  if (!liquid_lexer_init (&lx, markup, error))
    {
      liquid_lexer_clear (&lx);
      return NULL;
    }
  expr = liquid_parse_expr (&lx);
  if (expr != NULL && liquid_lexer_peek (&lx)->kind != TOK_END)
    {
      liquid_lexer_fail (&lx);
      g_clear_pointer (&expr, liquid_expr_free);
    }
  liquid_lexer_clear (&lx);
  return expr;
}

/* expression ( | name ( : arg (, arg)* )? )* */
static Variable *
parse_variable (Lexer *lx)
{
  Variable *variable = g_new0 (Variable, 1);

  variable->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) filter_free);
  variable->expr = liquid_parse_expr (lx);
  if (variable->expr == NULL)
    goto fail;

  while (liquid_lexer_accept (lx, TOK_PIPE))
    {
      Filter *filter = g_new0 (Filter, 1);

      filter->args = liquid_expr_list_new ();
      filter->kw_names = g_ptr_array_new_with_free_func (g_free);
      filter->kw_values = liquid_expr_list_new ();
      g_ptr_array_add (variable->filters, filter);
      filter->name = liquid_lexer_expect (lx, TOK_ID);
      if (filter->name == NULL)
        goto fail;
      if (liquid_lexer_accept (lx, TOK_COLON))
        {
          do
            {
              Expr *arg;

              if (liquid_lexer_peek (lx)->kind == TOK_ID && liquid_lexer_peek_at (lx, 1)->kind == TOK_COLON)
                {
                  g_ptr_array_add (filter->kw_names, g_strdup (liquid_lexer_peek (lx)->text));
                  lx->pos += 2;
                  arg = liquid_parse_expr (lx);
                  if (arg == NULL)
                    {
                      g_ptr_array_remove_index (filter->kw_names, filter->kw_names->len - 1);
                      goto fail;
                    }
                  g_ptr_array_add (filter->kw_values, arg);
                  continue;
                }
              arg = liquid_parse_expr (lx);
              if (arg == NULL)
                goto fail;
              g_ptr_array_add (filter->args, arg);
            }
          while (liquid_lexer_accept (lx, TOK_COMMA));
        }
    }
  return variable;

fail:
  liquid_variable_free (variable);
  return NULL;
}

Variable *
liquid_parse_variable_markup (const char  *markup,
                       GError     **error)
{
  Lexer lx;
  Variable *variable = NULL;

  if (liquid_lexer_init (&lx, markup, error))
    {
      variable = parse_variable (&lx);
      if (variable != NULL && liquid_lexer_peek (&lx)->kind != TOK_END)
        {
          liquid_lexer_fail (&lx);
          g_clear_pointer (&variable, liquid_variable_free);
        }
    }
  liquid_lexer_clear (&lx);
  return variable;
}

/* A comparison, then "and"/"or" chains evaluated from the right as Liquid
 * does: a or b and c is a or (b and c). */
static Cond *
parse_comparison (Lexer *lx)
{
  Cond *cond = g_new0 (Cond, 1);

  cond->kind = COND_TEST;
  cond->left = liquid_parse_expr (lx);
  if (cond->left == NULL)
    {
      liquid_cond_free (cond);
      return NULL;
    }
  if (liquid_lexer_peek (lx)->kind == TOK_COMPARISON)
    {
      cond->op = g_strdup (liquid_lexer_peek (lx)->text);
      lx->pos++;
      cond->right = liquid_parse_expr (lx);
      if (cond->right == NULL)
        {
          liquid_cond_free (cond);
          return NULL;
        }
    }
  return cond;
}

static Cond *
parse_cond (Lexer *lx)
{
  Cond *left = parse_comparison (lx);
  Cond *joined;
  gboolean is_and;

  if (left == NULL)
    return NULL;
  if (liquid_lexer_accept_id (lx, "and"))
    is_and = TRUE;
  else if (liquid_lexer_accept_id (lx, "or"))
    is_and = FALSE;
  else
    return left;

  joined = g_new0 (Cond, 1);
  joined->kind = is_and ? COND_AND : COND_OR;
  joined->a = left;
  joined->b = parse_cond (lx);
  if (joined->b == NULL)
    {
      liquid_cond_free (joined);
      return NULL;
    }
  return joined;
}

static Cond *parse_condition_strict (const char  *markup,
                                     GError     **error);

/* Liquid has no parentheses in conditions; Jekyll's lax fallback reads
 * "(a > b)" as "a > b", and so does this. */
Cond *
liquid_parse_condition (const char  *markup,
                        GError     **error)
{
  GError *local_error = NULL;
  Cond *cond = parse_condition_strict (markup, &local_error);

  if (cond == NULL && strchr (markup, '(') != NULL && strstr (markup, "..") == NULL)
    {
      /* There a number beside a parenthesis, "(2", is the name of a
       * variable, which is nil. */
      g_autoptr(GRegex) number = g_regex_new ("\\(\\s*-?[0-9][0-9.]*|-?[0-9][0-9.]*\\s*\\)", 0, 0, NULL);
      g_autofree char *named = g_regex_replace (number, markup, -1, 0, " aushang_no_such_variable ", 0, NULL);
      g_autofree char *bare = g_strdelimit (g_strdup (named), "()", ' ');

      cond = parse_condition_strict (bare, NULL);
    }
  if (cond == NULL)
    g_propagate_error (error, local_error);
  else
    g_clear_error (&local_error);
  return cond;
}

static Cond *
parse_condition_strict (const char  *markup,
                        GError     **error)
{
  Lexer lx;
  Cond *cond = NULL;

  if (liquid_lexer_init (&lx, markup, error))
    {
      cond = parse_cond (&lx);
      if (cond != NULL && liquid_lexer_peek (&lx)->kind != TOK_END)
        {
          liquid_lexer_fail (&lx);
          g_clear_pointer (&cond, liquid_cond_free);
        }
    }
  liquid_lexer_clear (&lx);
  return cond;
}
