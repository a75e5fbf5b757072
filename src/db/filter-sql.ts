/**
 * The search language compiled to SQL (docs/api.md#filters): a parsed filter and a list's field
 * table become one parameterised condition — every value a bound parameter, never spliced into
 * the text. The field tables live with the features whose tables they read; this file knows only
 * the two kinds of field:
 *
 * - a column field is an expression of the listed row (`m.status`, a metric read from JSON);
 * - a related field is read from other rows (tags, links, aliases, maintainers): a comparison
 *   holds when some related row's value satisfies it, `IS NULL` when none has a value.
 *
 * Logic is two-valued: a comparison with a missing value (a null column, an absent tag or metric)
 * is false, and `NOT`, `!=`, `NOT IN` and `IS NOT NULL` are exactly the negations of `=`, `IN` and
 * `IS NULL` — so `tags.stage != 'prod'` also finds versions without that tag, as MLflow's search
 * does. NOTs are pushed down to the comparisons, where each becomes an `is null or not …` or a
 * `not exists`, so the SQL never meets a NULL under a NOT.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ComparisonNode, FilterExpr, FilterValue } from '../search/core/filter-ast.ts';
import { filterError } from '../search/core/filter-error.ts';
import type { ParsedFilter } from '../search/core/filter-parser.ts';
import { type IntegerOp, integerComparison } from '../search/core/integer-comparison.ts';
import { parseMoment } from '../search/core/moment.ts';

/** What a field's values are. */
export type FieldType = 'text' | 'number' | 'timestamp' | 'boolean';

/** A field that is an expression of the listed row. */
export interface ColumnField {
  kind: 'column';
  type: FieldType;
  expr: SQL;
  /** Whether the expression can be null (then a negated comparison also holds for null). */
  nullable: boolean;
  /** A bigint column: numbers are compared as integer bounds (`integerComparison`), so its indexes apply. */
  integer?: boolean;
}

/** A field read from related rows: `select … from <from> where <where>` selects the row's own. */
export interface RelatedField {
  kind: 'related';
  type: FieldType;
  from: SQL;
  where: SQL;
  value: SQL;
  /**
   * How `=` and `IN` match one value, when not by `value = …` (a dataset `id@version`): the
   * condition on a related row, or undefined for a value the field cannot hold, refused as not
   * `expected`.
   */
  equals?: { condition: (value: string) => SQL | undefined; expected: string };
  /**
   * The rows of `where` written without correlation — `<outer> in (select <inner> from <from>
   * where <scope> and …)` — so the database reads the matching related rows once, through their
   * own indexes (a hashed subplan under OR), instead of probing once per listed row. `inner` is
   * never null, so `not in` is the exact negation.
   */
  semiJoin?: { outer: SQL; inner: SQL; scope: SQL };
  /**
   * When each value the field can hold is a condition on the listed row itself (a flag and the
   * columns that raise it): that condition, never null, or undefined for a value it cannot hold.
   * `=`, `!=`, `IN` and `NOT IN` then read the listed row alone — within its indexes — instead of
   * the related rows; the other operators still read them.
   */
  heldWhen?: (value: string) => SQL | undefined;
}

/** A field of a filter. */
export type FilterField = ColumnField | RelatedField;

/** The fields of one list: by name, and those that take a key after a dot (`tags.<key>`). */
export interface FieldTable {
  fields: Readonly<Record<string, FilterField>>;
  keyed?: Readonly<Record<string, { placeholder: string; field: (key: string) => FilterField }>>;
}

const OPS_BY_TYPE: Record<FieldType, string[]> = {
  text: ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'],
  number: ['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'],
  timestamp: ['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'],
  boolean: ['=', '!=', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'],
};

const SQL_OPS: Record<string, SQL> = {
  '=': sql`=`,
  '<': sql`<`,
  '<=': sql`<=`,
  '>': sql`>`,
  '>=': sql`>=`,
  LIKE: sql`like`,
  ILIKE: sql`ilike`,
};

/** The names a field table knows, as the `expected` of an unknown field. */
export function fieldNames(table: FieldTable): string[] {
  const keyed = Object.entries(table.keyed ?? {}).map(([name, { placeholder }]) => `${name}.${placeholder}`);
  return [...Object.keys(table.fields), ...keyed];
}

function resolveField(filter: ParsedFilter, node: ComparisonNode, table: FieldTable): FilterField {
  const { name, key, position } = node.field;
  if (key === undefined && Object.hasOwn(table.fields, name)) return table.fields[name];
  const keyed = key !== undefined && Object.hasOwn(table.keyed ?? {}, name) ? table.keyed?.[name] : undefined;
  if (keyed && key !== '') return keyed.field(key as string);
  const written = key === undefined ? name : `${name}.${key}`;
  throw filterError(filter.text, position, fieldNames(table), `unknown field '${written.slice(0, 80)}'`);
}

/** A LIKE pattern PostgreSQL accepts: a backslash escapes the next character, so one may not end it. */
function isLikePattern(pattern: string): boolean {
  return !/(^|[^\\])(\\\\)*\\$/.test(pattern);
}

/** A filter value as a bound parameter of the field's type; `invalid_filter` at it when it is not one. */
function parameterOf(filter: ParsedFilter, value: FilterValue, type: FieldType, isPattern = false): SQL {
  const refuse = (expected: string): never => {
    throw filterError(filter.text, value.position, [expected], `the value does not fit a ${type} field`);
  };
  if (type === 'number')
    return value.kind === 'number' ? sql`cast(${value.value} as float8)` : refuse('number');
  if (type === 'boolean') {
    const truth = value.kind === 'string' ? { true: true, false: false }[value.value] : value.value;
    return typeof truth === 'boolean' ? sql`cast(${truth} as boolean)` : refuse('true or false');
  }
  if (value.kind !== 'string') return refuse('string');
  if (type === 'timestamp') {
    const moment = parseMoment(value.value);
    return moment ? sql`cast(${moment} as timestamptz)` : refuse('an ISO 8601 date or date-time string');
  }
  if (isPattern && !isLikePattern(value.value))
    return refuse('a LIKE pattern that does not end in a lone \\');
  return sql`${value.value}`;
}

/** The comparison as a positive condition on `expr` (no IS NULL: each kind of field reads that its own way). */
/** A number compared with a bigint column, as an integer bound; a bound past every value is a constant. */
function integerPredicate(expr: SQL, op: IntegerOp, value: number): SQL {
  const restated = integerComparison(op, value);
  if (typeof restated === 'boolean') return restated ? sql`${expr} is not null` : sql`false`;
  return sql`${expr} ${SQL_OPS[restated.op]} cast(${restated.bound.toString()} as bigint)`;
}

function predicate(filter: ParsedFilter, node: ComparisonNode, field: FilterField, expr: SQL): SQL {
  // Number fields take no LIKE (assertOperator), so every comparison here is one integerComparison restates.
  if (field.kind === 'column' && field.integer && node.kind !== 'null') {
    const values = node.kind === 'in' ? node.values : [node.value];
    for (const value of values) parameterOf(filter, value, field.type);
    const op = (node.kind === 'in' || node.op === '!=' ? '=' : node.op) as IntegerOp;
    return sql`(${sql.join(
      values.map((value) => integerPredicate(expr, op, value.value as number)),
      sql` or `,
    )})`;
  }
  if (node.kind === 'compare') {
    const isPattern = node.op === 'LIKE' || node.op === 'ILIKE';
    const value = parameterOf(filter, node.value, field.type, isPattern);
    const equals = field.kind === 'related' && (node.op === '=' || node.op === '!=') && field.equals;
    if (equals) return equalsCondition(filter, node.value, equals);
    return sql`${expr} ${SQL_OPS[node.op === '!=' ? '=' : node.op]} ${value}`;
  }
  if (node.kind === 'in') {
    const equals = field.kind === 'related' && field.equals;
    if (equals) {
      return sql`(${sql.join(
        node.values.map((value) => equalsCondition(filter, value, equals)),
        sql` or `,
      )})`;
    }
    return sql`${expr} in (${sql.join(
      node.values.map((value) => parameterOf(filter, value, field.type)),
      sql`, `,
    )})`;
  }
  throw new Error('IS NULL has no predicate');
}

function equalsCondition(
  filter: ParsedFilter,
  value: FilterValue,
  equals: NonNullable<RelatedField['equals']>,
): SQL {
  const condition = value.kind === 'string' ? equals.condition(value.value) : undefined;
  if (!condition) throw filterError(filter.text, value.position, [equals.expected], 'the value does not fit');
  return condition;
}

function assertOperator(filter: ParsedFilter, node: ComparisonNode, field: FilterField): void {
  const op =
    node.kind === 'compare'
      ? node.op
      : node.kind === 'in'
        ? node.negated
          ? 'NOT IN'
          : 'IN'
        : node.negated
          ? 'IS NOT NULL'
          : 'IS NULL';
  const allowed = OPS_BY_TYPE[field.type];
  if (!allowed.includes(op)) {
    throw filterError(filter.text, node.opPosition, allowed, `${op} does not compare ${field.type} fields`);
  }
}

/** `=` or `IN` on a field with `heldWhen`: any of the values' conditions; undefined for other comparisons. */
function heldCondition(filter: ParsedFilter, node: ComparisonNode, field: RelatedField): SQL | undefined {
  const { heldWhen } = field;
  if (!heldWhen || node.kind === 'null' || (node.kind === 'compare' && node.op !== '=' && node.op !== '!=')) {
    return undefined;
  }
  const values = node.kind === 'in' ? node.values : [node.value];
  const conditions = values.map((value) => {
    parameterOf(filter, value, field.type);
    return (value.kind === 'string' && heldWhen(value.value)) || sql`false`;
  });
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** Whether the comparison is the negation of its positive form (`!=`, `NOT IN`, `IS NOT NULL`). */
const isInverted = (node: ComparisonNode) => (node.kind === 'compare' ? node.op === '!=' : node.negated);

function compileComparison(
  filter: ParsedFilter,
  node: ComparisonNode,
  table: FieldTable,
  negated: boolean,
): SQL {
  const field = resolveField(filter, node, table);
  assertOperator(filter, node, field);
  const isNegated = negated !== isInverted(node);
  if (field.kind === 'column') {
    if (node.kind === 'null') return isNegated ? sql`${field.expr} is not null` : sql`${field.expr} is null`;
    const holds = predicate(filter, node, field, field.expr);
    if (!isNegated) return holds;
    return field.nullable ? sql`(${field.expr} is null or not (${holds}))` : sql`not (${holds})`;
  }
  const held = heldCondition(filter, node, field);
  if (held) return isNegated ? sql`not ${held}` : held;
  const condition =
    node.kind === 'null' ? sql`${field.value} is not null` : predicate(filter, node, field, field.value);
  const { semiJoin } = field;
  const exists = semiJoin
    ? sql`${semiJoin.outer} in (select ${semiJoin.inner} from ${field.from} where ${semiJoin.scope} and ${condition})`
    : sql`exists (select 1 from ${field.from} where ${field.where} and ${condition})`;
  // IS NULL holds when no related row has a value: the negation of "some row has one".
  const isAbsence = node.kind === 'null' ? !isNegated : isNegated;
  return isAbsence ? sql`not (${exists})` : exists;
}

function compile(filter: ParsedFilter, expr: FilterExpr, table: FieldTable, negated: boolean): SQL {
  if (expr.kind === 'not') return compile(filter, expr.item, table, !negated);
  if (expr.kind === 'and' || expr.kind === 'or') {
    // De Morgan: under a NOT, AND becomes OR and OR becomes AND.
    const joiner = (expr.kind === 'and') !== negated ? sql` and ` : sql` or `;
    return sql`(${sql.join(
      expr.items.map((item) => compile(filter, item, table, negated)),
      joiner,
    )})`;
  }
  return compileComparison(filter, expr, table, negated);
}

/**
 * The condition a filter sets on a list whose fields are `table`: parameterised SQL. Throws
 * `invalid_filter` at the field, operator or value that the table cannot compare.
 */
export function compileFilter(filter: ParsedFilter, table: FieldTable): SQL {
  return compile(filter, filter.expr, table, false);
}
