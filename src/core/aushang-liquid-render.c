/* aushang-liquid-render.c
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

/* Rendering a parsed template: scopes, expressions, conditions and every
 * tag, within the limits of the environment. */

#define DEFAULT_MAX_DEPTH 100
#define DEFAULT_MAX_ITERATIONS 500000
#define DEFAULT_MAX_OUTPUT (32 * 1024 * 1024)

G_DEFINE_QUARK (aushang-liquid-error-quark, aushang_liquid_error)

static void render_nodes (Render    *render,
                          GPtrArray *nodes,
                          GString   *out);

static const char *
current_file (Render *render)
{
  if (render->files->len == 0)
    return "";
  return g_ptr_array_index (render->files, render->files->len - 1);
}

void
liquid_render_fail (Render             *render,
                    AushangLiquidError  code,
                    const char         *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (render->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&render->error, AUSHANG_LIQUID_ERROR, code,
               _("%s, line %u: %s"), current_file (render), render->line, message);
}

/* ------------------------------------------------------------------------ */
/* Scopes                                                                     */

void
liquid_scope_push (Render *render)
{
  g_ptr_array_add (render->scopes,
                   g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) aushang_value_unref));
}

void
liquid_scope_pop (Render *render)
{
  g_ptr_array_remove_index (render->scopes, render->scopes->len - 1);
}

/* Sets @name in the innermost scope; takes @value (NULL for nil). */
void
liquid_scope_set (Render       *render,
                  const char   *name,
                  AushangValue *value)
{
  GHashTable *scope = g_ptr_array_index (render->scopes, render->scopes->len - 1);

  g_hash_table_insert (scope, g_strdup (name), value != NULL ? value : aushang_value_new_null ());
}

/* assign and capture write to the outermost scope. */
static void
scope_assign (Render       *render,
              const char   *name,
              AushangValue *value)
{
  GHashTable *scope = g_ptr_array_index (render->scopes, 0);

  g_hash_table_insert (scope, g_strdup (name), value != NULL ? value : aushang_value_new_null ());
}

static AushangValue *
find_variable (Render     *render,
               const char *name)
{
  AushangValue *value;

  for (guint i = render->scopes->len; i > 0; i--)
    {
      GHashTable *scope = g_ptr_array_index (render->scopes, i - 1);

      if (g_hash_table_lookup_extended (scope, name, NULL, (gpointer *) &value))
        return liquid_ref_or_nil (value);
    }
  value = g_hash_table_lookup (render->counters, name);
  if (value != NULL)
    return aushang_value_ref (value);
  if (render->env->globals != NULL)
    return liquid_lookup_key (render->env->globals, name);
  return NULL;
}

static void
fail_too_large (Render *render)
{
  g_autofree char *limit = g_format_size_full (render->env->max_output, G_FORMAT_SIZE_IEC_UNITS);

  liquid_render_fail (render, AUSHANG_LIQUID_ERROR_LIMIT,
                      _("The page is too large (more than %s)"), limit);
}

static gboolean
check_depth (Render *render)
{
  if (render->depth >= render->env->max_depth)
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_LIMIT,
                          _("Includes, loops or blocks nested too deep (more than %u levels)"),
                          render->env->max_depth);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Expressions and conditions                                                 */

static gboolean
range_bounds (Render *render,
              Expr   *expr,
              gint64 *start,
              gint64 *end)
{
  g_autoptr(AushangValue) a = liquid_eval_expr (render, expr->start);
  g_autoptr(AushangValue) b = NULL;
  g_autoptr(AushangValue) na = NULL;
  g_autoptr(AushangValue) nb = NULL;
  gboolean ok;

  if (render->error != NULL)
    return FALSE;
  b = liquid_eval_expr (render, expr->end);
  if (render->error != NULL)
    return FALSE;
  if (a != NULL && aushang_value_get_kind (a) == AUSHANG_VALUE_FLOAT)
    *start = (gint64) aushang_value_get_float (a);
  else
    {
      na = liquid_to_number (a);
      *start = liquid_to_integer (na, &ok);
    }
  if (b != NULL && aushang_value_get_kind (b) == AUSHANG_VALUE_FLOAT)
    *end = (gint64) aushang_value_get_float (b);
  else
    {
      nb = liquid_to_number (b);
      *end = liquid_to_integer (nb, &ok);
    }
  return TRUE;
}

AushangValue *
liquid_eval_expr (Render *render,
                  Expr   *expr)
{
  AushangValue *object;

  switch (expr->kind)
    {
    case EXPR_LITERAL:
      return liquid_ref_or_nil (expr->value);

    case EXPR_EMPTY:
    case EXPR_BLANK:
      return aushang_value_new_string ("");

    case EXPR_RANGE:
      {
        gint64 start, end;
        AushangValue *list;

        if (!range_bounds (render, expr, &start, &end))
          return NULL;
        if (end - start >= (gint64) render->env->max_iterations)
          {
            g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, start);
            g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, end);

            liquid_render_fail (render, AUSHANG_LIQUID_ERROR_LIMIT,
                                _("The range (%s..%s) is too large"), from, to);
            return NULL;
          }
        list = aushang_value_new_list ();
        for (gint64 i = start; i <= end; i++)
          aushang_value_list_append (list, aushang_value_new_integer (i));
        return list;
      }

    case EXPR_LOOKUP:
    default:
      break;
    }

  if (expr->name != NULL)
    object = find_variable (render, expr->name);
  else
    {
      g_autoptr(AushangValue) key = liquid_eval_expr (render, expr->name_expr);

      if (render->error != NULL)
        return NULL;
      object = key != NULL && aushang_value_get_kind (key) == AUSHANG_VALUE_STRING
               ? find_variable (render, aushang_value_get_string (key)) : NULL;
    }

  for (guint i = 0; i < expr->steps->len && object != NULL; i++)
    {
      LookupStep *step = &g_array_index (expr->steps, LookupStep, i);
      AushangValue *next;

      if (step->key != NULL)
        {
          g_autoptr(AushangValue) key = aushang_value_new_string (step->key);

          next = liquid_lookup (object, key, TRUE);
        }
      else
        {
          g_autoptr(AushangValue) key = liquid_eval_expr (render, step->index);

          if (render->error != NULL)
            {
              aushang_value_unref (object);
              return NULL;
            }
          next = liquid_lookup (object, key, FALSE);
        }
      aushang_value_unref (object);
      object = next;
    }
  return object;
}

static gboolean
is_empty (const AushangValue *value)
{
  AushangValueKind kind;

  if (liquid_is_nil (value))
    return FALSE;
  kind = aushang_value_get_kind (value);
  if (kind == AUSHANG_VALUE_STRING)
    return *aushang_value_get_string (value) == '\0';
  if (kind == AUSHANG_VALUE_LIST || kind == AUSHANG_VALUE_MAP)
    return aushang_value_get_length (value) == 0;
  return FALSE;
}

static gboolean
test_equal (Render *render,
            Expr   *left,
            Expr   *right)
{
  g_autoptr(AushangValue) a = NULL;
  g_autoptr(AushangValue) b = NULL;

  /* x == empty and x == blank ask the other side. */
  if (left->kind == EXPR_EMPTY || left->kind == EXPR_BLANK)
    {
      Expr *tmp = left;

      left = right;
      right = tmp;
    }
  a = liquid_eval_expr (render, left);
  if (right->kind == EXPR_EMPTY)
    return is_empty (a);
  /* Liquid asks for blank?, which plain Ruby (no Rails) has on no value. */
  if (right->kind == EXPR_BLANK)
    return FALSE;
  b = liquid_eval_expr (render, right);
  return liquid_equal (a, b);
}

static gboolean
eval_test (Render *render,
           Cond   *cond)
{
  g_autoptr(AushangValue) a = NULL;
  g_autoptr(AushangValue) b = NULL;
  const char *op = cond->op;
  int c;

  if (op == NULL)
    {
      a = liquid_eval_expr (render, cond->left);
      if (cond->left->kind == EXPR_EMPTY || cond->left->kind == EXPR_BLANK)
        return TRUE;
      return liquid_truthy (a);
    }
  if (strcmp (op, "==") == 0)
    return test_equal (render, cond->left, cond->right);
  if (strcmp (op, "!=") == 0 || strcmp (op, "<>") == 0)
    return !test_equal (render, cond->left, cond->right);

  a = liquid_eval_expr (render, cond->left);
  b = liquid_eval_expr (render, cond->right);
  if (render->error != NULL)
    return FALSE;

  if (strcmp (op, "contains") == 0)
    {
      if (liquid_is_nil (a) || liquid_is_nil (b))
        return FALSE;
      if (aushang_value_get_kind (a) == AUSHANG_VALUE_STRING)
        {
          g_autofree char *needle = liquid_to_text (b, render->env->time_zone);

          return strstr (aushang_value_get_string (a), needle) != NULL;
        }
      if (aushang_value_get_kind (a) == AUSHANG_VALUE_LIST)
        {
          for (guint i = 0; i < aushang_value_get_length (a); i++)
            if (liquid_equal (aushang_value_get_item (a, i), b))
              return TRUE;
          return FALSE;
        }
      if (aushang_value_get_kind (a) == AUSHANG_VALUE_MAP &&
          aushang_value_get_kind (b) == AUSHANG_VALUE_STRING)
        return aushang_value_lookup (a, aushang_value_get_string (b)) != NULL;
      return FALSE;
    }

  /* <, >, <=, >=: nil or a map on either side is simply false. */
  if (liquid_is_nil (a) || liquid_is_nil (b) ||
      aushang_value_get_kind (a) == AUSHANG_VALUE_MAP ||
      aushang_value_get_kind (b) == AUSHANG_VALUE_MAP ||
      aushang_value_get_kind (a) == AUSHANG_VALUE_BOOLEAN ||
      aushang_value_get_kind (b) == AUSHANG_VALUE_BOOLEAN)
    return FALSE;
  if (!liquid_compare (a, b, &c))
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT,
                          _("Comparison of %s with %s failed"),
                          aushang_value_kind_to_string (aushang_value_get_kind (a)),
                          aushang_value_kind_to_string (aushang_value_get_kind (b)));
      return FALSE;
    }
  if (strcmp (op, "<") == 0)
    return c < 0;
  if (strcmp (op, ">") == 0)
    return c > 0;
  if (strcmp (op, "<=") == 0)
    return c <= 0;
  return c >= 0;
}

gboolean
liquid_eval_cond (Render *render,
                  Cond   *cond)
{
  switch (cond->kind)
    {
    case COND_AND:
      /* Right to left, as Liquid evaluates a chain. */
      return liquid_eval_cond (render, cond->b) && liquid_eval_cond (render, cond->a);
    case COND_OR:
      return liquid_eval_cond (render, cond->b) || liquid_eval_cond (render, cond->a);
    case COND_TEST:
    default:
      return eval_test (render, cond);
    }
}

static AushangValue *
eval_variable (Render   *render,
               Variable *variable)
{
  AushangValue *value = liquid_eval_expr (render, variable->expr);

  for (guint i = 0; i < variable->filters->len && render->error == NULL; i++)
    {
      Filter *filter = g_ptr_array_index (variable->filters, i);
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
      g_autoptr(GPtrArray) kw_values = g_ptr_array_new_with_free_func ((GDestroyNotify) aushang_value_unref);
      AushangValue *result;

      for (guint j = 0; j < filter->args->len; j++)
        {
          AushangValue *arg = liquid_eval_expr (render, g_ptr_array_index (filter->args, j));

          g_ptr_array_add (args, arg != NULL ? arg : aushang_value_new_null ());
        }
      for (guint j = 0; j < filter->kw_values->len; j++)
        {
          AushangValue *arg = liquid_eval_expr (render, g_ptr_array_index (filter->kw_values, j));

          g_ptr_array_add (kw_values, arg != NULL ? arg : aushang_value_new_null ());
        }
      if (render->error != NULL)
        break;
      result = liquid_apply_filter (render, filter->name, value, args,
                                    filter->kw_names, kw_values);
      g_clear_pointer (&value, aushang_value_unref);
      value = result;
      if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING &&
          strlen (aushang_value_get_string (value)) > render->env->max_output)
        fail_too_large (render);
    }
  if (render->error != NULL)
    g_clear_pointer (&value, aushang_value_unref);
  return value;
}

/* ------------------------------------------------------------------------ */
/* Tags                                                                       */

static void
emit (Render     *render,
      GString    *out,
      const char *text,
      gssize      length)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;

  render->output += len;
  if (render->output > render->env->max_output)
    {
      fail_too_large (render);
      return;
    }
  g_string_append_len (out, text, len);
}

static void
render_if (Render  *render,
           Node    *node,
           GString *out)
{
  for (guint i = 0; i < node->branches->len; i++)
    {
      Branch *branch = g_ptr_array_index (node->branches, i);
      gboolean take;

      if (branch->cond == NULL)
        take = TRUE;
      else
        {
          take = liquid_eval_cond (render, branch->cond);
          if (i == 0 && node->negate)
            take = !take;
        }
      if (render->error != NULL)
        return;
      if (take)
        {
          render_nodes (render, branch->body, out);
          return;
        }
    }
}

static void
render_case (Render  *render,
             Node    *node,
             GString *out)
{
  gboolean matched = FALSE;

  for (guint i = 0; i < node->branches->len && render->error == NULL; i++)
    {
      Branch *branch = g_ptr_array_index (node->branches, i);

      if (branch->values == NULL)
        {
          if (!matched)
            render_nodes (render, branch->body, out);
          continue;
        }
      /* Every matching when renders, as in Liquid. */
      for (guint j = 0; j < branch->values->len; j++)
        {
          if (test_equal (render, g_ptr_array_index (branch->values, j), node->subject))
            {
              matched = TRUE;
              render_nodes (render, branch->body, out);
              break;
            }
        }
    }
}

static AushangValue *
forloop_new (const char   *name,
             gint64        index,
             gint64        length,
             AushangValue *parent)
{
  AushangValue *loop = aushang_value_new_map ();

  aushang_value_map_insert (loop, "name", aushang_value_new_string (name));
  aushang_value_map_insert (loop, "length", aushang_value_new_integer (length));
  aushang_value_map_insert (loop, "index", aushang_value_new_integer (index + 1));
  aushang_value_map_insert (loop, "index0", aushang_value_new_integer (index));
  aushang_value_map_insert (loop, "rindex", aushang_value_new_integer (length - index));
  aushang_value_map_insert (loop, "rindex0", aushang_value_new_integer (length - index - 1));
  aushang_value_map_insert (loop, "first", aushang_value_new_boolean (index == 0));
  aushang_value_map_insert (loop, "last", aushang_value_new_boolean (index == length - 1));
  aushang_value_map_insert (loop, "parentloop", parent != NULL ? aushang_value_ref (parent)
                                                               : aushang_value_new_null ());
  return loop;
}

static gint64
eval_integer (Render *render,
              Expr   *expr,
              gint64  fallback)
{
  g_autoptr(AushangValue) value = NULL;
  gboolean ok;
  gint64 n;

  if (expr == NULL)
    return fallback;
  value = liquid_eval_expr (render, expr);
  if (liquid_is_nil (value))
    return fallback;
  n = liquid_to_integer (value, &ok);
  if (!ok)
    {
      g_autofree char *text = liquid_to_text (value, NULL);

      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT, _("Invalid integer “%s”"), text);
    }
  return n;
}

/* What a loop walks over: a list's items, a map's [key, value] pairs, a
 * string that is not empty as itself; nothing for anything else. */
static AushangValue *
loop_items (AushangValue *collection)
{
  AushangValue *items = aushang_value_new_list ();

  if (liquid_is_nil (collection))
    return items;

  switch (aushang_value_get_kind (collection))
    {
    case AUSHANG_VALUE_LIST:
      for (guint i = 0; i < aushang_value_get_length (collection); i++)
        aushang_value_list_append (items, aushang_value_ref (aushang_value_get_item (collection, i)));
      break;
    case AUSHANG_VALUE_MAP:
      for (guint i = 0; i < aushang_value_get_length (collection); i++)
        {
          AushangValue *pair = aushang_value_new_list ();

          aushang_value_list_append (pair, aushang_value_new_string (aushang_value_get_key (collection, i)));
          aushang_value_list_append (pair, aushang_value_ref (aushang_value_get_item (collection, i)));
          aushang_value_list_append (items, pair);
        }
      break;
    case AUSHANG_VALUE_STRING:
      if (*aushang_value_get_string (collection) != '\0')
        aushang_value_list_append (items, aushang_value_ref (collection));
      break;
    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_INTEGER:
    case AUSHANG_VALUE_FLOAT:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    default:
      break;
    }

  return items;
}

static void
render_for (Render  *render,
            Node    *node,
            GString *out)
{
  g_autoptr(AushangValue) collection = NULL;
  g_autoptr(AushangValue) items = NULL;
  g_autoptr(AushangValue) parent = NULL;
  g_autofree char *loop_name = NULL;
  gint64 range_start = 0, count = 0, from, limit;
  gboolean is_range = node->subject->kind == EXPR_RANGE;

  from = eval_integer (render, node->offset, 0);
  limit = eval_integer (render, node->limit, -1);
  if (render->error != NULL)
    return;
  if (from < 0)
    from = 0;

  if (is_range)
    {
      gint64 end;

      if (!range_bounds (render, node->subject, &range_start, &end))
        return;
      count = end >= range_start ? end - range_start + 1 : 0;
    }
  else
    {
      collection = liquid_eval_expr (render, node->subject);
      if (render->error != NULL)
        return;
      items = loop_items (collection);
      count = aushang_value_get_length (items);
    }

  /* offset, then limit, then reversed. */
  if (from > count)
    from = count;
  count -= from;
  if (limit >= 0 && limit < count)
    count = limit;

  if (count == 0)
    {
      if (node->else_body != NULL)
        render_nodes (render, node->else_body, out);
      return;
    }
  if ((guint64) count > render->env->max_iterations - render->iterations)
    {
      g_autofree char *most = g_strdup_printf ("%" G_GUINT64_FORMAT, render->env->max_iterations);

      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_LIMIT,
                          _("Too many loop iterations (more than %s)"), most);
      return;
    }
  if (!check_depth (render))
    return;

  loop_name = g_strdup_printf ("%s-%s", node->text, "collection");
  parent = find_variable (render, "forloop");
  render->depth++;
  liquid_scope_push (render);
  for (gint64 i = 0; i < count && render->error == NULL; i++)
    {
      gint64 k = node->reversed ? count - 1 - i : i;
      AushangValue *item;

      render->iterations++;
      if (is_range)
        item = aushang_value_new_integer (range_start + from + k);
      else
        item = liquid_ref_or_nil (aushang_value_get_item (items, from + k));
      liquid_scope_set (render, node->text, item);
      liquid_scope_set (render, "forloop", forloop_new (loop_name, i, count, parent));
      render_nodes (render, node->body, out);
      if (render->interrupt == 1)
        {
          render->interrupt = 0;
          break;
        }
      render->interrupt = 0;
    }
  liquid_scope_pop (render);
  render->depth--;
}

/* Ruby's to_i as tablerow applies it to limit, offset and cols: nil is
 * 0, a float is cut, a string gives its leading digits. */
static gint64
eval_to_i (Render *render,
           Expr   *expr)
{
  g_autoptr(AushangValue) value = NULL;

  if (expr == NULL)
    return 0;
  value = liquid_eval_expr (render, expr);
  if (liquid_is_nil (value))
    return 0;
  switch (aushang_value_get_kind (value))
    {
    case AUSHANG_VALUE_INTEGER:
      return aushang_value_get_integer (value);
    case AUSHANG_VALUE_FLOAT:
      {
        double d = aushang_value_get_float (value);

        return d >= (double) G_MAXINT64 ? G_MAXINT64 : d <= (double) G_MININT64 ? G_MININT64 : (gint64) d;
      }
    case AUSHANG_VALUE_STRING:
      return g_ascii_strtoll (aushang_value_get_string (value), NULL, 10);
    case AUSHANG_VALUE_NULL:
    case AUSHANG_VALUE_BOOLEAN:
    case AUSHANG_VALUE_DATE:
    case AUSHANG_VALUE_DATETIME:
    case AUSHANG_VALUE_LIST:
    case AUSHANG_VALUE_MAP:
    default:
      {
        g_autofree char *text = liquid_to_text (value, NULL);

        liquid_render_fail (render, AUSHANG_LIQUID_ERROR_ARGUMENT, _("Invalid integer “%s”"), text);
        return 0;
      }
    }
}

static AushangValue *
tablerowloop_new (gint64 index,
                  gint64 length,
                  gint64 col,
                  gint64 row,
                  gint64 cols)
{
  AushangValue *loop = aushang_value_new_map ();

  aushang_value_map_insert (loop, "length", aushang_value_new_integer (length));
  aushang_value_map_insert (loop, "index", aushang_value_new_integer (index + 1));
  aushang_value_map_insert (loop, "index0", aushang_value_new_integer (index));
  aushang_value_map_insert (loop, "rindex", aushang_value_new_integer (length - index));
  aushang_value_map_insert (loop, "rindex0", aushang_value_new_integer (length - index - 1));
  aushang_value_map_insert (loop, "first", aushang_value_new_boolean (index == 0));
  aushang_value_map_insert (loop, "last", aushang_value_new_boolean (index == length - 1));
  aushang_value_map_insert (loop, "col", aushang_value_new_integer (col));
  aushang_value_map_insert (loop, "col0", aushang_value_new_integer (col - 1));
  aushang_value_map_insert (loop, "row", aushang_value_new_integer (row));
  aushang_value_map_insert (loop, "col_first", aushang_value_new_boolean (col == 1));
  aushang_value_map_insert (loop, "col_last", aushang_value_new_boolean (col == cols));
  return loop;
}

/* Liquid 5.4's tablerow: <tr>/<td> rows of @cols cells (one row when cols
 * is missing or 0); a nil or false collection gives nothing, a string is
 * one item (offset and limit do not apply to it). Like Liquid, it leaves
 * a break or continue to the enclosing loop. */
static void
render_tablerow (Render  *render,
                 Node    *node,
                 GString *out)
{
  g_autoptr(AushangValue) collection = NULL;
  g_autoptr(AushangValue) items = NULL;
  gboolean is_range = node->subject->kind == EXPR_RANGE;
  gint64 range_start = 0, range_end = 0, total = 0, from, to = -1, start, stop, length, cols;
  gint64 col = 1, row = 1;
  gboolean slice = TRUE;

  if (is_range)
    {
      if (!range_bounds (render, node->subject, &range_start, &range_end))
        return;
      total = range_end >= range_start ? range_end - range_start + 1 : 0;
    }
  else
    {
      collection = liquid_eval_expr (render, node->subject);
      if (render->error != NULL || !liquid_truthy (collection))
        return;
      items = loop_items (collection);
      /* A string is walked as itself, never sliced. */
      slice = aushang_value_get_kind (collection) != AUSHANG_VALUE_STRING;
      total = aushang_value_get_length (items);
    }

  from = node->offset != NULL ? eval_to_i (render, node->offset) : 0;
  if (node->limit != NULL)
    {
      gint64 limit = eval_to_i (render, node->limit);

      to = (limit > 0 && from > G_MAXINT64 - limit) ? G_MAXINT64
           : (limit < 0 && from < G_MININT64 - limit) ? G_MININT64 : from + limit;
    }
  cols = eval_to_i (render, node->cols);
  if (render->error != NULL)
    return;

  /* Liquid's slice_collection: items from <= index < to. */
  start = slice ? MAX (from, 0) : 0;
  stop = (slice && node->limit != NULL) ? CLAMP (to, 0, total) : total;
  if (start > total)
    start = total;
  length = stop > start ? stop - start : 0;

  if ((guint64) length > render->env->max_iterations - render->iterations)
    {
      g_autofree char *most = g_strdup_printf ("%" G_GUINT64_FORMAT, render->env->max_iterations);

      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_LIMIT,
                          _("Too many loop iterations (more than %s)"), most);
      return;
    }
  if (!check_depth (render))
    return;

  emit (render, out, "<tr class=\"row1\">\n", -1);
  render->depth++;
  liquid_scope_push (render);
  for (gint64 i = 0; i < length && render->error == NULL; i++)
    {
      g_autofree char *cell = g_strdup_printf ("<td class=\"col%" G_GINT64_FORMAT "\">", col);
      AushangValue *item = is_range ? aushang_value_new_integer (range_start + start + i)
                                    : liquid_ref_or_nil (aushang_value_get_item (items, start + i));

      render->iterations++;
      liquid_scope_set (render, node->text, item);
      liquid_scope_set (render, "tablerowloop", tablerowloop_new (i, length, col, row, cols));
      emit (render, out, cell, -1);
      render_nodes (render, node->body, out);
      emit (render, out, "</td>", -1);
      if (col == cols && i != length - 1)
        {
          g_autofree char *next = g_strdup_printf ("</tr>\n<tr class=\"row%" G_GINT64_FORMAT "\">", row + 1);

          emit (render, out, next, -1);
        }
      if (col == cols)
        {
          col = 1;
          row++;
        }
      else
        col++;
    }
  liquid_scope_pop (render);
  render->depth--;
  emit (render, out, "</tr>\n", -1);
}

/* One value for every ifchanged block of the rendering, as in Liquid. */
static void
render_ifchanged (Render  *render,
                  Node    *node,
                  GString *out)
{
  g_autoptr(GString) block = g_string_new (NULL);

  render_nodes (render, node->body, block);
  if (render->error != NULL || g_strcmp0 (block->str, render->ifchanged) == 0)
    return;
  g_free (render->ifchanged);
  render->ifchanged = g_strdup (block->str);
  g_string_append_len (out, block->str, block->len);
}

static char *
render_markup_template (Render     *render,
                        const char *markup)
{
  g_autoptr(Template) template = NULL;
  GString *out;
  GError *inner = NULL;

  if (strstr (markup, "{{") == NULL && strstr (markup, "{%") == NULL)
    return g_strdup (markup);
  template = liquid_parse (markup, current_file (render), &inner);
  if (template == NULL)
    {
      if (render->error == NULL)
        render->error = inner;
      else
        g_error_free (inner);
      return NULL;
    }
  out = g_string_new (NULL);
  render_nodes (render, template->nodes, out);
  return g_string_free (out, render->error != NULL);
}

static gboolean
include_name_valid (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!(g_ascii_isalnum (*p) || strchr ("_/.-()+~#@", *p) != NULL))
        return FALSE;
      if ((*p == '.' || *p == '/') && (p[1] == '.' || p[1] == '/'))
        return FALSE;
    }
  return TRUE;
}

static void
render_include (Render  *render,
                Node    *node,
                GString *out)
{
  g_autofree char *name = render_markup_template (render, node->text);
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  Template *template;
  AushangValue *params = NULL;

  if (name == NULL)
    return;
  g_strstrip (name);
  if (!include_name_valid (name))
    {
      liquid_render_fail (render, AUSHANG_LIQUID_ERROR_SYNTAX,
                          _("Invalid syntax for include tag; the file “%s” contains invalid characters or sequences"),
                          name);
      return;
    }
  if (render->env->read_include != NULL)
    source = render->env->read_include (node->relative ? AUSHANG_LIQUID_INCLUDE_RELATIVE
                                                       : AUSHANG_LIQUID_INCLUDE,
                                        name, current_file (render), &path,
                                        render->env->user_data);
  if (source == NULL)
    {
      if (node->relative)
        liquid_render_fail (render, AUSHANG_LIQUID_ERROR_MISSING_INCLUDE,
                            _("Could not find the file “%s” to include beside the page"), name);
      else
        liquid_render_fail (render, AUSHANG_LIQUID_ERROR_MISSING_INCLUDE,
                            _("Could not find the include “%s” in _includes"), name);
      return;
    }
  if (path == NULL)
    path = g_strdup (name);

  template = g_hash_table_lookup (render->partials, path);
  if (template == NULL)
    {
      template = liquid_parse (source, path, render->error == NULL ? &render->error : NULL);
      if (template == NULL)
        return;
      g_hash_table_insert (render->partials, g_strdup (path), template);
    }

  if (node->param_names->len > 0)
    {
      params = aushang_value_new_map ();
      for (guint i = 0; i < node->param_names->len; i++)
        {
          AushangValue *value = liquid_eval_expr (render, g_ptr_array_index (node->params, i));

          aushang_value_map_insert (params, g_ptr_array_index (node->param_names, i),
                                    value != NULL ? value : aushang_value_new_null ());
        }
    }
  if (!check_depth (render))
    {
      g_clear_pointer (&params, aushang_value_unref);
      return;
    }
  render->depth++;
  liquid_scope_push (render);
  if (params != NULL)
    liquid_scope_set (render, "include", params);
  g_ptr_array_add (render->files, g_strdup (path));
  render_nodes (render, template->nodes, out);
  g_ptr_array_remove_index (render->files, render->files->len - 1);
  liquid_scope_pop (render);
  render->depth--;
}

static void
render_highlight (Render  *render,
                  Node    *node,
                  GString *out)
{
  g_autoptr(GString) code = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *lang_class = NULL;
  g_autofree char *lang = NULL;
  gsize start = 0, end;

  render_nodes (render, node->body, code);
  if (render->error != NULL)
    return;
  end = code->len;
  while (start < end && (code->str[start] == '\n' || code->str[start] == '\r'))
    start++;
  while (end > start && (code->str[end - 1] == '\n' || code->str[end - 1] == '\r'))
    end--;
  g_string_truncate (code, end);
  escaped = g_markup_escape_text (code->str + start, -1);
  lang = g_markup_escape_text (node->text, -1);
  lang_class = g_strdelimit (g_strdup (lang), "+", '-');
  emit (render, out, "<figure class=\"highlight\"><pre><code class=\"language-", -1);
  emit (render, out, lang_class, -1);
  emit (render, out, "\" data-lang=\"", -1);
  emit (render, out, lang, -1);
  emit (render, out, "\">", -1);
  emit (render, out, escaped, -1);
  emit (render, out, "</code></pre></figure>", -1);
}

static void
render_link (Render  *render,
             Node    *node,
             GString *out)
{
  gboolean is_post = node->kind == NODE_POST_URL;
  g_autofree char *name = is_post ? g_strdup (node->text)
                                  : render_markup_template (render, node->text);
  g_autofree char *url = NULL;
  g_autofree char *relative = NULL;

  if (name == NULL)
    return;
  g_strstrip (name);
  if (render->env->find_url != NULL)
    url = render->env->find_url (is_post, name, render->env->user_data);
  if (url == NULL)
    {
      if (is_post)
        liquid_render_fail (render, AUSHANG_LIQUID_ERROR_NOT_FOUND,
                            _("Could not find post “%s” in tag “post_url”"), name);
      else
        liquid_render_fail (render, AUSHANG_LIQUID_ERROR_NOT_FOUND,
                            _("Could not find document “%s” in tag “link”"), name);
      return;
    }
  relative = liquid_relative_url (render, url);
  emit (render, out, relative, -1);
}

static void
render_counter (Render  *render,
                Node    *node,
                GString *out)
{
  AushangValue *current = g_hash_table_lookup (render->counters, node->text);
  gint64 n = current != NULL ? aushang_value_get_integer (current) : 0;
  g_autofree char *text = NULL;

  if (node->kind == NODE_INCREMENT)
    {
      text = g_strdup_printf ("%" G_GINT64_FORMAT, n);
      n++;
    }
  else
    {
      n--;
      text = g_strdup_printf ("%" G_GINT64_FORMAT, n);
    }
  g_hash_table_insert (render->counters, g_strdup (node->text), aushang_value_new_integer (n));
  emit (render, out, text, -1);
}

static void
render_cycle (Render  *render,
              Node    *node,
              GString *out)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (render->cycles, node->text));
  g_autoptr(AushangValue) value = liquid_eval_expr (render, g_ptr_array_index (node->params, index % node->params->len));
  g_autofree char *text = liquid_to_text (value, render->env->time_zone);

  g_hash_table_insert (render->cycles, g_strdup (node->text), GUINT_TO_POINTER ((index + 1) % node->params->len));
  emit (render, out, text, -1);
}

/* Whether @html begins (after blanks) with an element kramdown takes as
 * a block of HTML. */
static gboolean
starts_block_element (const char *html)
{
  static const char * const blocks[] = {
    "address", "article", "aside", "blockquote", "details", "dialog", "div",
    "dl", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "iframe", "nav", "noscript", "ol", "p",
    "pre", "script", "section", "style", "table", "ul", "video", "audio",
    "center", "canvas", "main", "object", "embed", NULL
  };
  const char *p = html;
  const char *start;
  g_autofree char *name = NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '<' && p[1] == '!')
    return TRUE;
  if (*p != '<')
    return FALSE;
  start = ++p;
  while (g_ascii_isalnum (*p) || *p == '-')
    p++;
  name = g_ascii_strdown (start, p - start);
  return g_strv_contains (blocks, name) || strchr (name, '-') != NULL;
}

static void
render_nodes (Render    *render,
              GPtrArray *nodes,
              GString   *out)
{
  /* As Liquid's BlockBody: text is written even while a break or continue
   * is pending (left by tablerow, which does not take them), and the
   * block stops after the first tag that finds one pending. */
  for (guint i = 0; i < nodes->len && render->error == NULL; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      render->line = node->line;
      switch (node->kind)
        {
        case NODE_TEXT:
          emit (render, out, node->text, -1);
          break;
        case NODE_OUTPUT:
          if (node->variable != NULL)
            {
              g_autoptr(AushangValue) value = eval_variable (render, node->variable);
              g_autofree char *text = NULL;

              if (render->error != NULL)
                break;
              /* A string (a layout's content: the whole page) as it is. */
              if (value != NULL && aushang_value_get_kind (value) == AUSHANG_VALUE_STRING)
                {
                  emit (render, out, aushang_value_get_string (value), -1);
                  break;
                }
              text = liquid_to_text (value, render->env->time_zone);
              emit (render, out, text, -1);
            }
          break;
        case NODE_IF:
          render_if (render, node, out);
          break;
        case NODE_CASE:
          render_case (render, node, out);
          break;
        case NODE_FOR:
          render_for (render, node, out);
          break;
        case NODE_ASSIGN:
          {
            AushangValue *value = eval_variable (render, node->variable);

            if (render->error == NULL)
              scope_assign (render, node->text, value);
            else
              g_clear_pointer (&value, aushang_value_unref);
          }
          break;
        case NODE_CAPTURE:
          {
            GString *captured = g_string_new (NULL);

            render->capturing++;
            render_nodes (render, node->body, captured);
            render->capturing--;
            scope_assign (render, node->text, aushang_value_new_string (captured->str));
            g_string_free (captured, TRUE);
          }
          break;
        case NODE_BREAK:
          render->interrupt = 1;
          break;
        case NODE_CONTINUE:
          render->interrupt = 2;
          break;
        case NODE_INCLUDE:
        case NODE_HIGHLIGHT:
          if (render->env->protect != NULL && render->files->len == 1 && render->capturing == 0)
            {
              g_autoptr(GString) block = g_string_new (NULL);

              if (node->kind == NODE_INCLUDE)
                render_include (render, node, block);
              else
                render_highlight (render, node, block);
              if (render->error == NULL)
                {
                  if (starts_block_element (block->str))
                    {
                      g_autofree char *kept = render->env->protect (block->str, render->env->user_data);

                      g_string_append (out, kept);
                    }
                  else
                    g_string_append_len (out, block->str, block->len);
                }
            }
          else if (node->kind == NODE_INCLUDE)
            render_include (render, node, out);
          else
            render_highlight (render, node, out);
          break;
        case NODE_LINK:
        case NODE_POST_URL:
          render_link (render, node, out);
          break;
        case NODE_INCREMENT:
        case NODE_DECREMENT:
          render_counter (render, node, out);
          break;
        case NODE_CYCLE:
          render_cycle (render, node, out);
          break;
        case NODE_TABLEROW:
          render_tablerow (render, node, out);
          break;
        case NODE_IFCHANGED:
          render_ifchanged (render, node, out);
          break;
        case NODE_RENDER:
          /* Liquid's render reads partials through a file system Jekyll
           * does not give it: every render tag that runs stops the build. */
          liquid_render_fail (render, AUSHANG_LIQUID_ERROR_UNKNOWN_TAG,
                              _("Jekyll cannot run the tag “%s” (this Liquid context does not allow includes); use “include”"),
                              "render");
          break;
        default:
          g_assert_not_reached ();
        }
      if (node->kind != NODE_TEXT && render->interrupt != 0)
        break;
    }
}

/* Whether @source holds "{{" or "{%", where Liquid starts. */
static gboolean
has_markup (const char *source)
{
  for (const char *p = source; (p = strchr (p, '{')) != NULL; p++)
    if (p[1] == '{' || p[1] == '%')
      return TRUE;
  return FALSE;
}

char *
aushang_liquid_render (const char        *source,
                       const char        *path,
                       AushangLiquidEnv  *env,
                       GError           **error)
{
  g_autoptr(Template) template = NULL;
  AushangLiquidEnv limited = *env;
  Render render = { 0 };
  GString *out;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (env != NULL, NULL);

  if (path == NULL)
    path = "";
  /* Text without a tag or an output is itself (a long body, typed into
   * key by key): no template to make. */
  if (!has_markup (source))
    {
      gsize length = strlen (source);

      if (length <= (env->max_output != 0 ? env->max_output : DEFAULT_MAX_OUTPUT))
        return g_memdup2 (source, length + 1);
    }
  template = liquid_parse (source, path, error);
  if (template == NULL)
    return NULL;

  if (limited.max_depth == 0)
    limited.max_depth = DEFAULT_MAX_DEPTH;
  if (limited.max_iterations == 0)
    limited.max_iterations = DEFAULT_MAX_ITERATIONS;
  if (limited.max_output == 0)
    limited.max_output = DEFAULT_MAX_OUTPUT;

  render.env = &limited;
  render.scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  render.counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) aushang_value_unref);
  render.cycles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  render.partials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) liquid_template_free);
  render.files = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (render.files, g_strdup (path));
  liquid_scope_push (&render);

  out = g_string_new (NULL);
  render_nodes (&render, template->nodes, out);

  g_ptr_array_unref (render.scopes);
  g_hash_table_unref (render.counters);
  g_hash_table_unref (render.cycles);
  g_hash_table_unref (render.partials);
  g_ptr_array_unref (render.files);
  g_free (render.ifchanged);

  if (render.error != NULL)
    {
      g_propagate_error (error, render.error);
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
