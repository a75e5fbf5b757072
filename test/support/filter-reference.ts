/**
 * A reference evaluator of the search language: the meaning of a filter's syntax tree, computed in
 * memory over rows the tests loaded through the API — what the SQL the server compiles must
 * return. Written from the rules in docs/api.md#filters, sharing nothing with the compiler:
 * a comparison holds when some present value of the field satisfies it (a column has one or none,
 * a tag one or none, `trained_on` any number); `!=`, `NOT IN` and `IS NOT NULL` are the negations
 * of `=`, `IN` and `IS NULL`; LIKE's `%` is any run, `_` one character, `\` escapes the next.
 */
import type { ComparisonNode, FilterExpr, FilterValue } from '../../src/search/core/filter-ast.ts';

/** A dataset link: `trained_on = 'id'` matches any version, `'id@n'` only version n. */
export interface PinnedRef {
  id: string;
  version: number | null;
}

/** One present value of a field. */
export type RefValue = string | number | boolean | PinnedRef;

/** How the reference reads a field: its type and the values a row has (none when null or absent). */
export interface RefField<R> {
  type: 'text' | 'number' | 'timestamp' | 'boolean';
  /** Whether it takes a key after a dot (`tags.<key>`). */
  keyed?: boolean;
  values(row: R, key: string | undefined): RefValue[];
}

/** A list's fields, by name. */
export type RefTable<R> = Record<string, RefField<R>>;

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** A LIKE pattern as an anchored regular expression over characters (code points). */
export function likeToRegExp(pattern: string, insensitive: boolean): RegExp {
  const chars = [...pattern];
  let source = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (char === '\\') source += (chars[++i] ?? '').replace(REGEXP_SYNTAX, '\\$&');
    else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(REGEXP_SYNTAX, '\\$&');
  }
  return new RegExp(`^${source}$`, insensitive ? 'isu' : 'su');
}

const isPinned = (value: RefValue): value is PinnedRef => typeof value === 'object';

function literal(value: FilterValue, type: RefField<unknown>['type']): string | number | boolean {
  if (type === 'timestamp') return Date.parse(value.value as string);
  if (type === 'boolean' && value.kind === 'string') return value.value === 'true';
  return value.value;
}

function equals(present: RefValue, value: FilterValue, type: RefField<unknown>['type']): boolean {
  if (isPinned(present)) {
    const text = value.value as string;
    const at = text.indexOf('@');
    return at < 0
      ? present.id === text
      : present.id === text.slice(0, at) && present.version === Number(text.slice(at + 1));
  }
  const expected = literal(value, type);
  return type === 'timestamp' ? Date.parse(present as string) === expected : present === expected;
}

function compares(
  present: RefValue,
  node: ComparisonNode & { kind: 'compare' },
  type: RefField<unknown>['type'],
) {
  const { op, value } = node;
  if (op === '=' || op === '!=') return equals(present, value, type);
  if (op === 'LIKE' || op === 'ILIKE') {
    const text = isPinned(present) ? present.id : String(present);
    return likeToRegExp(value.value as string, op === 'ILIKE').test(text);
  }
  const left = type === 'timestamp' ? Date.parse(present as string) : (present as number);
  const right = literal(value, type) as number;
  return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
}

function holds<R>(node: ComparisonNode, row: R, table: RefTable<R>): boolean {
  const field = table[node.field.name];
  if (!field) throw new Error(`the reference has no field ${node.field.name}`);
  const values = field.values(row, node.field.key);
  if (node.kind === 'null') return (values.length === 0) !== node.negated;
  if (node.kind === 'in') {
    return (
      values.some((present) => node.values.some((value) => equals(present, value, field.type))) !==
      node.negated
    );
  }
  return values.some((present) => compares(present, node, field.type)) !== (node.op === '!=');
}

/** Whether `row` matches the filter `expr` over the fields of `table`. */
export function evaluateFilter<R>(expr: FilterExpr, row: R, table: RefTable<R>): boolean {
  if (expr.kind === 'and') return expr.items.every((item) => evaluateFilter(item, row, table));
  if (expr.kind === 'or') return expr.items.some((item) => evaluateFilter(item, row, table));
  if (expr.kind === 'not') return !evaluateFilter(expr.item, row, table);
  return holds(expr, row, table);
}
