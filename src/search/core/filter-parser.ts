/**
 * The search language's parser (docs/api.md#filters), hand-written recursive descent over the
 * lexer's tokens:
 *
 *   filter     := or
 *   or         := and ("OR" and)*
 *   and        := unary ("AND" unary)*
 *   unary      := "NOT" unary | "(" or ")" | comparison
 *   comparison := field op value | field ["NOT"] "IN" "(" value ("," value)* ")"
 *               | field "IS" ["NOT"] "NULL"
 *   op         := "=" | "!=" | "<>" | "<" | "<=" | ">" | ">=" | "LIKE" | "ILIKE"
 *   value      := 'string' | number | "TRUE" | "FALSE"
 *
 * Keywords are case-insensitive. It knows no field: a field table decides which names exist and
 * what they compare with. At most 1,000 characters and 50 comparisons. Pure.
 */
import type { CompareOp, FieldRef, FilterExpr, FilterValue } from './filter-ast.ts';
import { filterError } from './filter-error.ts';
import { type Dialect, type Token, tokenize } from './filter-lexer.ts';

/** The longest filter, in characters (code points). */
export const MAX_FILTER_LENGTH = 1_000;
/** The most comparisons one filter holds. */
export const MAX_COMPARISONS = 50;

/** What can follow a field: every operator. */
export const OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'LIKE',
  'ILIKE',
  'IN',
  'NOT IN',
  'IS NULL',
  'IS NOT NULL',
];
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'ILIKE', 'TRUE', 'FALSE']);
const COMPARISON_START = ['field', 'NOT', '('];
const VALUE = ['string', 'number'];

const keywordOf = (token: Token) =>
  token.kind === 'word' && token.key === undefined && token.text !== ''
    ? token.text.toUpperCase()
    : undefined;

class Parser {
  private at = 0;
  private comparisons = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    return this.tokens[this.at++];
  }

  private isKeyword(word: string): boolean {
    return keywordOf(this.peek()) === word;
  }

  private fail(token: Token, expected: string[]): never {
    const found =
      token.kind === 'end'
        ? 'the end of the filter'
        : `'${this.text.slice(token.start, token.end).slice(0, 40)}'`;
    throw filterError(this.text, token.start, expected, `unexpected ${found}`);
  }

  /** The whole filter: an expression, then nothing. */
  parse(): FilterExpr {
    const expr = this.parseOr();
    if (this.peek().kind !== 'end') this.fail(this.peek(), ['AND', 'OR', 'end of filter']);
    return expr;
  }

  private parseOr(): FilterExpr {
    const items = [this.parseAnd()];
    while (this.isKeyword('OR')) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private parseAnd(): FilterExpr {
    const items = [this.parseUnary()];
    while (this.isKeyword('AND')) {
      this.next();
      items.push(this.parseUnary());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private parseUnary(): FilterExpr {
    const token = this.peek();
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', item: this.parseUnary(), position: token.start };
    }
    if (token.kind === '(') {
      this.next();
      const expr = this.parseOr();
      if (this.peek().kind !== ')') this.fail(this.peek(), ['AND', 'OR', ')']);
      this.next();
      return expr;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterExpr {
    const token = this.next();
    if (token.kind !== 'word' || KEYWORDS.has(keywordOf(token) ?? '')) this.fail(token, COMPARISON_START);
    if (++this.comparisons > MAX_COMPARISONS) this.fail(token, [`at most ${MAX_COMPARISONS} comparisons`]);
    const field: FieldRef = { name: token.text, key: token.key, position: token.start };
    const opToken = this.next();
    const opPosition = opToken.start;
    const keyword = keywordOf(opToken);
    if (opToken.kind === 'op' || keyword === 'LIKE' || keyword === 'ILIKE') {
      const op = (keyword ?? opToken.text) as CompareOp;
      return { kind: 'compare', field, op, opPosition, value: this.parseValue() };
    }
    if (keyword === 'IN') return { kind: 'in', field, negated: false, opPosition, values: this.parseList() };
    if (keyword === 'NOT') {
      if (!this.isKeyword('IN')) this.fail(this.peek(), ['IN']);
      this.next();
      return { kind: 'in', field, negated: true, opPosition, values: this.parseList() };
    }
    if (keyword === 'IS') {
      const negated = this.isKeyword('NOT');
      if (negated) this.next();
      if (!this.isKeyword('NULL')) this.fail(this.peek(), negated ? ['NULL'] : ['NULL', 'NOT NULL']);
      this.next();
      return { kind: 'null', field, negated, opPosition };
    }
    return this.fail(opToken, OPERATORS);
  }

  private parseValue(): FilterValue {
    const token = this.next();
    const position = token.start;
    if (token.kind === 'string') return { kind: 'string', value: token.text, position };
    if (token.kind === 'number') {
      const value = Number(token.text);
      if (!Number.isFinite(value)) this.fail(token, ['a finite number']);
      return { kind: 'number', value, position };
    }
    const keyword = keywordOf(token);
    if (keyword === 'TRUE' || keyword === 'FALSE')
      return { kind: 'boolean', value: keyword === 'TRUE', position };
    return this.fail(token, VALUE);
  }

  private parseList(): FilterValue[] {
    if (this.peek().kind !== '(') this.fail(this.peek(), ['(']);
    this.next();
    const values = [this.parseValue()];
    while (this.peek().kind === ',') {
      this.next();
      values.push(this.parseValue());
    }
    if (this.peek().kind !== ')') this.fail(this.peek(), [',', ')']);
    this.next();
    return values;
  }
}

/** The UTF-16 offset of the code point at `position` (the text's length when it is shorter). */
function offsetOfCodePoint(text: string, position: number): number {
  let offset = 0;
  for (let n = 0; n < position && offset < text.length; n++) {
    offset += (text.codePointAt(offset) as number) > 0xffff ? 2 : 1;
  }
  return offset;
}

/** A parsed filter: its text (which later errors point into) and its syntax tree. */
export interface ParsedFilter {
  text: string;
  expr: FilterExpr;
}

/**
 * A filter's syntax tree with its text; undefined when it is empty or only spaces (no condition).
 * Throws `invalid_filter` with the position and what was expected there when it does not parse or
 * goes past a limit.
 */
export function parseFilter(text: string | undefined, dialect: Dialect = 'native'): ParsedFilter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const limit = offsetOfCodePoint(text, MAX_FILTER_LENGTH);
  if (limit < text.length) {
    throw filterError(text, limit, [`at most ${MAX_FILTER_LENGTH} characters`], 'the filter is too long');
  }
  // No text column can hold a NUL, so no value may carry one.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw filterError(text, nul, ['a character other than NUL'], 'a NUL character');
  return { text, expr: new Parser(text, tokenize(text, dialect)).parse() };
}
