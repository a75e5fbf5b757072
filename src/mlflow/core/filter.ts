/**
 * MLflow's search filter strings, as its client sends them: comparisons joined by `AND`, e.g.
 * ``name LIKE 'bench-%' AND tags.team = 'a' AND tag.`mlflow.prompt.is_prompt` != 'true'``.
 * An identifier is an attribute (`name`, `attribute.name`) or a tag (`tag.` / `tags.` and a key,
 * backquoted when it holds dots or spaces); a value is a quoted string or, for numbers, a number.
 * `OR`, parentheses and `IN` lists are refused. Pure: the face maps comparisons to searches.
 */
import { InvalidRequest } from '../../errors.ts';

/** The comparison operators the filters accept (upper-cased). */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE';

/** One comparison of a filter. */
export interface Comparison {
  entity: 'attribute' | 'tag';
  key: string;
  op: FilterOp;
  value: string | number;
}

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'quoted-key'; text: string };

const OPERATOR = /^(<=|>=|!=|<>|=|<|>)/;
const NUMBER = /^-?\d+(\.\d+)?(?![\w.])/;
const WORD = /^[A-Za-z_][\w.]*(\.`[^`]*`)?/;

function readQuoted(text: string, at: number, quote: string): { value: string; end: number } {
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      value += text[++i];
    } else if (char === quote && text[i + 1] === quote) {
      value += quote;
      i++;
    } else if (char === quote) {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  throw new InvalidRequest(`Invalid filter string: unterminated ${quote} at position ${at}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const char = text[i];
    if (char === "'" || char === '"') {
      const { value, end } = readQuoted(text, i, char);
      tokens.push({ kind: 'string', text: value });
      i = end;
    } else if (char === '`') {
      const { value, end } = readQuoted(text, i, '`');
      tokens.push({ kind: 'quoted-key', text: value });
      i = end;
    } else if (OPERATOR.test(rest)) {
      const [op] = OPERATOR.exec(rest) as RegExpExecArray;
      tokens.push({ kind: 'op', text: op === '<>' ? '!=' : op });
      i += op.length;
    } else if (NUMBER.test(rest)) {
      const [number] = NUMBER.exec(rest) as RegExpExecArray;
      tokens.push({ kind: 'number', text: number });
      i += number.length;
    } else if (WORD.test(rest)) {
      const [word] = WORD.exec(rest) as RegExpExecArray;
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    } else {
      throw new InvalidRequest(`Invalid filter string: unexpected '${char}' at position ${i}`);
    }
  }
  return tokens;
}

const TAG_PREFIXES = new Set(['tag', 'tags']);
const ATTRIBUTE_PREFIXES = new Set(['attribute', 'attributes', 'attr']);

/** `tags.key`, ``tag.`a.b` ``, `name`, `attribute.name`: split at the first dot. */
function identifierOf(
  tokens: Token[],
  at: number,
): { entity: Comparison['entity']; key: string; next: number } {
  const token = tokens[at];
  if (token?.kind === 'quoted-key') return { entity: 'attribute', key: token.text, next: at + 1 };
  if (token?.kind !== 'word') throw new InvalidRequest('Invalid filter string: expected an identifier');
  const dot = token.text.indexOf('.');
  if (dot < 0) return { entity: 'attribute', key: token.text, next: at + 1 };
  const prefix = token.text.slice(0, dot).toLowerCase();
  let key = token.text.slice(dot + 1);
  const quoted = /^`([^`]*)`$/.exec(key);
  if (quoted) key = quoted[1];
  if (key === '' && tokens[at + 1]?.kind === 'quoted-key') {
    return { entity: entityOf(prefix), key: tokens[at + 1].text, next: at + 2 };
  }
  return { entity: entityOf(prefix), key, next: at + 1 };
}

function entityOf(prefix: string): Comparison['entity'] {
  if (TAG_PREFIXES.has(prefix)) return 'tag';
  if (ATTRIBUTE_PREFIXES.has(prefix)) return 'attribute';
  throw new InvalidRequest(`Invalid entity type '${prefix}': valid prefixes are tag., tags. and attribute.`);
}

function operatorOf(tokens: Token[], at: number): { op: FilterOp; next: number } {
  const token = tokens[at];
  if (token?.kind === 'op') return { op: token.text as FilterOp, next: at + 1 };
  const word = token?.kind === 'word' ? token.text.toUpperCase() : '';
  if (word === 'LIKE' || word === 'ILIKE') return { op: word, next: at + 1 };
  if (word === 'IN' || word === 'NOT' || word === 'IS') {
    throw new InvalidRequest(`Invalid filter string: '${token.text}' comparisons are not supported`);
  }
  throw new InvalidRequest('Invalid filter string: expected a comparison operator');
}

function readValue(tokens: Token[], at: number): string | number {
  const token = tokens[at];
  if (token?.kind === 'string') return token.text;
  if (token?.kind === 'number') return Number(token.text);
  throw new InvalidRequest('Invalid filter string: expected a quoted string value or a number');
}

/** The comparisons of a filter string (none for an empty one); 400 for anything else. */
export function parseFilter(text: string | undefined): Comparison[] {
  const tokens = tokenize(text ?? '');
  const comparisons: Comparison[] = [];
  let at = 0;
  while (at < tokens.length) {
    if (comparisons.length > 0) {
      const joiner = tokens[at];
      if (joiner.kind !== 'word' || joiner.text.toUpperCase() !== 'AND') {
        throw new InvalidRequest(
          `Invalid clause(s) in filter string: ${joiner.text} (only AND joins comparisons)`,
        );
      }
      at++;
    }
    const identifier = identifierOf(tokens, at);
    const operator = operatorOf(tokens, identifier.next);
    const value = readValue(tokens, operator.next);
    comparisons.push({ entity: identifier.entity, key: identifier.key, op: operator.op, value });
    at = operator.next + 1;
  }
  return comparisons;
}
