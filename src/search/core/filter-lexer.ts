/**
 * The tokens of a filter. Words (field names and keywords), strings, numbers, operators and
 * punctuation, each with where it starts and ends. A field name may carry a key after its first
 * dot (`tags.team`, `metrics.auc`), backquoted when it holds other characters
 * (``metrics.`val loss` ``). In MLflow's dialect strings may also be double-quoted and take
 * backslash escapes, and a whole field name may be backquoted, as MLflow's client writes them.
 * Pure.
 */
import { codePointPosition, filterError } from './filter-error.ts';

/** Which spelling of the language a filter uses. */
export type Dialect = 'native' | 'mlflow';

/** A token and its span in the text (UTF-16 offsets). */
export type Token =
  | { kind: 'word'; text: string; key?: string; start: number; end: number }
  | { kind: 'string'; text: string; start: number; end: number }
  | { kind: 'number'; text: string; start: number; end: number }
  | { kind: 'op'; text: string; start: number; end: number }
  | { kind: '(' | ')' | ','; text: string; start: number; end: number }
  | { kind: 'other'; text: string; start: number; end: number }
  | { kind: 'end'; text: ''; start: number; end: number };

const SPACE = /\s+/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const KEY = /[A-Za-z0-9_.:/@-]+/y;
// A number ends where a word could not go on: `1abc` is no number followed by a word.
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?(?![A-Za-z0-9_.])/y;
const OPERATOR = /<=|>=|!=|<>|=|<|>/y;

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** A quoted run from `at` (the opening quote): its value and where it ends. */
function readQuoted(text: string, at: number, dialect: Dialect): { value: string; end: number } {
  const quote = text[at];
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const char = text[i];
    if (char === quote && text[i + 1] === quote && quote !== '`') {
      value += quote;
      i++;
    } else if (char === quote) {
      return { value, end: i + 1 };
    } else if (char === '\\' && dialect === 'mlflow' && quote !== '`' && i + 1 < text.length) {
      value += text[++i];
    } else {
      value += char;
    }
  }
  throw filterError(
    text,
    text.length,
    [quote],
    `the ${quote} opened at position ${codePointPosition(text, at)} is never closed`,
  );
}

/** The word at `at`, with the key after its first dot when it has one. */
function readWord(text: string, at: number): Token {
  const name = match(WORD, text, at) as string;
  let end = at + name.length;
  if (text[end] !== '.') return { kind: 'word', text: name, start: at, end };
  end++;
  if (text[end] === '`') {
    const quoted = readQuoted(text, end, 'native');
    return { kind: 'word', text: name, key: quoted.value, start: at, end: quoted.end };
  }
  const key = match(KEY, text, end) ?? '';
  return { kind: 'word', text: name, key, start: at, end: end + key.length };
}

function readToken(text: string, at: number, dialect: Dialect): Token {
  const char = text[at];
  if (char === "'" || (char === '"' && dialect === 'mlflow')) {
    const { value, end } = readQuoted(text, at, dialect);
    return { kind: 'string', text: value, start: at, end };
  }
  if (char === '`' && dialect === 'mlflow') {
    const { value, end } = readQuoted(text, at, dialect);
    return { kind: 'word', text: value, start: at, end };
  }
  if (char === '(' || char === ')' || char === ',') return { kind: char, text: char, start: at, end: at + 1 };
  const number = match(NUMBER, text, at);
  if (number) return { kind: 'number', text: number, start: at, end: at + number.length };
  const op = match(OPERATOR, text, at);
  if (op) return { kind: 'op', text: op === '<>' ? '!=' : op, start: at, end: at + op.length };
  if (match(WORD, text, at)) return readWord(text, at);
  const other = String.fromCodePoint(text.codePointAt(at) as number);
  return { kind: 'other', text: other, start: at, end: at + other.length };
}

/** The tokens of `text`, ending with an `end` token; throws `invalid_filter` on an unclosed quote. */
export function tokenize(text: string, dialect: Dialect): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const space = match(SPACE, text, at);
    if (space) {
      at += space.length;
      continue;
    }
    const token = readToken(text, at, dialect);
    tokens.push(token);
    at = token.end;
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}
