/**
 * Random filters for the search-language property suites (fast-check): well-formed syntax trees
 * over a list's fields, with values drawn from the rows the world holds (so filters match
 * something) and from values it does not, LIKE patterns cut from real values, and the tree
 * printed as text with only the parentheses precedence needs — so the parser's grouping is tested
 * too. Also garbage: random text, and well-formed filters with a piece cut out or doubled.
 */
import fc from 'fast-check';
import type { CompareOp, FilterExpr, FilterValue } from '../../src/search/core/filter-ast.ts';

/** A field the generator may name, with the values worth comparing it to. */
export interface FieldPool {
  /** The name as written (`status`), or the keyed field's name (`tags`) with its `key`. */
  name: string;
  key?: string;
  type: 'text' | 'number' | 'timestamp' | 'boolean';
  values: (string | number | boolean)[];
  /**
   * Only order comparisons (`<`, `>=`…), for moments the API shows to the millisecond but the
   * store keeps to the microsecond: the values are then points between the rows' moments.
   */
  rangeOnly?: boolean;
}

const OPS: Record<FieldPool['type'], CompareOp[]> = {
  text: ['=', '!=', 'LIKE', 'ILIKE'],
  number: ['=', '!=', '<', '<=', '>', '>='],
  timestamp: ['=', '!=', '<', '<=', '>', '>='],
  boolean: ['=', '!='],
};

/** A LIKE pattern cut from a real value: a prefix then `%`, one character as `_`, wildcards escaped. */
function patternsOf(value: string): string[] {
  const escaped = [...value].map((char) => (/[\\%_]/.test(char) ? `\\${char}` : char));
  if (escaped.length === 0) return ['%'];
  const half = Math.ceil(escaped.length / 2);
  return [
    `${escaped.slice(0, half).join('')}%`,
    `%${escaped.slice(half).join('')}`,
    ['_', ...escaped.slice(1)].join(''),
    escaped.join('').toUpperCase(),
  ];
}

const literal = (value: string | number | boolean): FilterValue =>
  typeof value === 'string'
    ? { kind: 'string', value, position: 0 }
    : typeof value === 'number'
      ? { kind: 'number', value, position: 0 }
      : { kind: 'boolean', value, position: 0 };

function comparison(pool: FieldPool): fc.Arbitrary<FilterExpr> {
  const field = { name: pool.name, key: pool.key, position: 0 };
  const value = fc.constantFrom(...pool.values);
  const ops = pool.rangeOnly ? (['<', '<=', '>', '>='] as CompareOp[]) : OPS[pool.type];
  const compare = fc.tuple(fc.constantFrom(...ops), value).map(([op, v]): FilterExpr => {
    return { kind: 'compare', field, op, opPosition: 0, value: literal(v) };
  });
  const like =
    pool.type === 'text'
      ? fc
          .tuple(
            fc.constantFrom('LIKE', 'ILIKE' as const),
            fc.constantFrom(...pool.values.flatMap((v) => patternsOf(String(v)))),
          )
          .map(
            ([op, pattern]): FilterExpr => ({
              kind: 'compare',
              field,
              op: op as CompareOp,
              opPosition: 0,
              value: literal(pattern),
            }),
          )
      : undefined;
  const list = fc.tuple(fc.boolean(), fc.uniqueArray(value, { minLength: 1, maxLength: 3 })).map(
    ([negated, values]): FilterExpr => ({
      kind: 'in',
      field,
      negated,
      opPosition: 0,
      values: values.map(literal),
    }),
  );
  const isNull = fc.boolean().map((negated): FilterExpr => ({ kind: 'null', field, negated, opPosition: 0 }));
  return fc.oneof(
    { weight: 4, arbitrary: compare },
    ...(like ? [{ weight: 2, arbitrary: like }] : []),
    ...(pool.rangeOnly ? [] : [{ weight: 2, arbitrary: list }]),
    { weight: 1, arbitrary: isNull },
  );
}

/** Random well-formed filters over `pools`, at most `maxComparisons` comparisons deep enough to mix every connective. */
export function filterArbitrary(pools: FieldPool[]): fc.Arbitrary<FilterExpr> {
  const leaf = fc.oneof(...pools.map(comparison));
  const { expr } = fc.letrec<{ expr: FilterExpr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: leaf },
      {
        weight: 1,
        arbitrary: fc
          .array(tie('expr'), { minLength: 2, maxLength: 3 })
          .map((items): FilterExpr => ({ kind: 'and', items })),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(tie('expr'), { minLength: 2, maxLength: 3 })
          .map((items): FilterExpr => ({ kind: 'or', items })),
      },
      { weight: 1, arbitrary: tie('expr').map((item): FilterExpr => ({ kind: 'not', item, position: 0 })) },
    ),
  }));
  return expr.filter((e) => countComparisons(e) <= 40 && [...printFilter(e)].length <= 1_000);
}

/** How many comparisons a filter holds. */
export function countComparisons(expr: FilterExpr): number {
  if (expr.kind === 'and' || expr.kind === 'or')
    return expr.items.reduce((sum, item) => sum + countComparisons(item), 0);
  if (expr.kind === 'not') return countComparisons(expr.item);
  return 1;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function printValue(value: FilterValue): string {
  if (value.kind === 'string') return quote(value.value);
  if (value.kind === 'boolean') return value.value ? 'true' : 'false';
  return String(value.value);
}

// Binding strength: OR < AND < NOT < a comparison.
const STRENGTH = { or: 1, and: 2, not: 3 } as const;

/** The filter as text, parenthesised only where the precedence of NOT over AND over OR needs it. */
export function printFilter(expr: FilterExpr, outer = 0): string {
  if (expr.kind === 'and' || expr.kind === 'or') {
    const strength = STRENGTH[expr.kind];
    // The same connective nested on the left would read the same; on the right it is grouped too.
    const text = expr.items
      .map((item) => printFilter(item, strength + 1))
      .join(` ${expr.kind.toUpperCase()} `);
    return strength < outer ? `(${text})` : text;
  }
  if (expr.kind === 'not') {
    const text = `NOT ${printFilter(expr.item, STRENGTH.not)}`;
    return STRENGTH.not < outer ? `(${text})` : text;
  }
  const key = expr.field.key === undefined ? '' : `.\`${expr.field.key}\``;
  const field = `${expr.field.name}${key}`;
  if (expr.kind === 'null') return `${field} IS ${expr.negated ? 'NOT ' : ''}NULL`;
  if (expr.kind === 'in')
    return `${field} ${expr.negated ? 'NOT IN' : 'IN'} (${expr.values.map(printValue).join(', ')})`;
  return `${field} ${expr.op} ${printValue(expr.value)}`;
}

const PIECES = [
  '(',
  ')',
  "'",
  "''",
  ',',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS',
  'NULL',
  '=',
  '<>',
  '.',
  '`',
  '\\',
  '%',
];

/**
 * Garbage: random text of any characters, random runs of the language's own pieces, and
 * well-formed filters with a slice cut out, a piece pushed in, or the text doubled.
 */
export function garbageArbitrary(pools: FieldPool[]): fc.Arbitrary<string> {
  const wellFormed = filterArbitrary(pools).map((expr) => printFilter(expr));
  const mangled = fc
    .tuple(wellFormed, fc.nat(), fc.nat(), fc.constantFrom(...PIECES), fc.nat(2))
    .map(([text, a, b, piece, how]) => {
      const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
      if (how === 0) return text.slice(0, from) + text.slice(to);
      if (how === 1) return `${text.slice(0, from)} ${piece} ${text.slice(from)}`;
      return `${text} ${text}`;
    });
  const pieces = fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...pools.map((p) => p.name))), {
      maxLength: 12,
    })
    .map((parts) => parts.join(' '));
  return fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), pieces, mangled);
}
