/**
 * The search language's syntax tree (docs/api.md#filters): comparisons joined by AND, OR and NOT.
 * Every node keeps where it starts in the filter text (UTF-16 offsets, as JavaScript indexes
 * strings), so a later stage — a field table that does not know a name, a value of the wrong
 * type — can point at the exact spot. Plain data.
 */

/** The comparison operators, upper-cased; `!=` also stands for `<>`. */
export const COMPARE_OPS = ['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE'] as const;
/** A comparison operator. */
export type CompareOp = (typeof COMPARE_OPS)[number];

/** A field as written: a name (`status`), or a name and a key (`metrics.auc`, `tags.team`). */
export interface FieldRef {
  name: string;
  key?: string;
  position: number;
}

/** A literal: a string (quotes removed, escapes resolved), a number, or `true` / `false`. */
export type FilterValue =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'boolean'; value: boolean; position: number };

/** `<field> <op> <value>`. */
export interface CompareNode {
  kind: 'compare';
  field: FieldRef;
  op: CompareOp;
  opPosition: number;
  value: FilterValue;
}

/** `<field> IN (…)`, or `NOT IN` when `negated`. */
export interface InNode {
  kind: 'in';
  field: FieldRef;
  negated: boolean;
  opPosition: number;
  values: FilterValue[];
}

/** `<field> IS NULL`, or `IS NOT NULL` when `negated`. */
export interface NullNode {
  kind: 'null';
  field: FieldRef;
  negated: boolean;
  opPosition: number;
}

/** One comparison of a filter. */
export type ComparisonNode = CompareNode | InNode | NullNode;

/** A filter: a comparison, or comparisons joined by AND, OR and NOT. */
export type FilterExpr =
  | ComparisonNode
  | { kind: 'and'; items: FilterExpr[] }
  | { kind: 'or'; items: FilterExpr[] }
  | { kind: 'not'; item: FilterExpr; position: number };

/** The filter with each comparison replaced by `replace(comparison)`: a face's spellings mapped onto a list's fields. */
export function mapComparisons(
  expr: FilterExpr,
  replace: (comparison: ComparisonNode) => ComparisonNode,
): FilterExpr {
  if (expr.kind === 'and' || expr.kind === 'or') {
    return { kind: expr.kind, items: expr.items.map((item) => mapComparisons(item, replace)) };
  }
  if (expr.kind === 'not') return { ...expr, item: mapComparisons(expr.item, replace) };
  return replace(expr);
}

/** Every comparison of the filter, in the order written: which fields a filter reads. */
export function comparisonsOf(expr: FilterExpr): ComparisonNode[] {
  if (expr.kind === 'and' || expr.kind === 'or') return expr.items.flatMap(comparisonsOf);
  if (expr.kind === 'not') return comparisonsOf(expr.item);
  return [expr];
}
