/**
 * A parsed filter without its positions — comparisons as `[field, op, value]`, joiners as
 * `{and: […]}`, `{or: […]}`, `{not: …}` — so parser suites compare trees by shape.
 */
import type { FilterExpr } from '../../src/search/core/filter-ast.ts';

/** The tree's shape, or undefined for no filter. */
export function filterShape(expr: FilterExpr | undefined): unknown {
  if (!expr) return undefined;
  if (expr.kind === 'and' || expr.kind === 'or') return { [expr.kind]: expr.items.map(filterShape) };
  if (expr.kind === 'not') return { not: filterShape(expr.item) };
  const field = expr.field.key === undefined ? expr.field.name : `${expr.field.name}.${expr.field.key}`;
  if (expr.kind === 'compare') return [field, expr.op, expr.value.value];
  if (expr.kind === 'in') return [field, expr.negated ? 'NOT IN' : 'IN', expr.values.map((v) => v.value)];
  return [field, expr.negated ? 'IS NOT NULL' : 'IS NULL'];
}
