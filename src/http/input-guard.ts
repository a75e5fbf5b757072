/**
 * What the server refuses before any handler sees it (docs/security.md#hostile-input): JSON nested deeper
 * than 64 levels, NUL characters and lone UTF-16 surrogates anywhere — body text, JSON keys and values at any
 * depth, query values, path parameters — since PostgreSQL's UTF-8 text cannot store them.
 * Each is a 400 `invalid_request` naming where it was found.
 */
import sjson from 'secure-json-parse';
import { InvalidRequest } from '../errors.ts';

/** The deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 64;

/** Throws 400 when `text` has a NUL or a lone surrogate (not valid text for PostgreSQL). */
export function assertStorableText(text: string, where: string): void {
  if (text.includes('\u0000')) throw new InvalidRequest(`${where} contains a NUL character`, { in: where });
  if (!text.isWellFormed())
    throw new InvalidRequest(`${where} contains a lone surrogate (invalid UTF-16)`, { in: where });
}

/** The nesting depth of JSON text, counted without parsing (brackets inside strings do not count). */
function maxDepthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth--;
  }
  return deepest;
}

/** Throws 400 when a parsed value holds a string (key or value, at any depth) that cannot be stored. */
export function assertStorableValue(value: unknown, where: string): void {
  if (typeof value === 'string') {
    assertStorableText(value, where);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    assertStorableText(key, where);
    assertStorableValue(child, where);
  }
}

/**
 * Parses a JSON request body: 400 for malformed JSON, nesting deeper than `MAX_JSON_DEPTH`, a NUL
 * or a lone surrogate anywhere, and `__proto__` / `constructor.prototype` keys (prototype
 * poisoning), as Fastify's own parser refuses them.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (maxDepthOf(text) > MAX_JSON_DEPTH) {
    throw new InvalidRequest(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`, { in: 'body' });
  }
  let parsed: unknown;
  try {
    parsed = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new InvalidRequest(`the body is not valid JSON: ${(error as Error).message}`, { in: 'body' });
  }
  assertStorableValue(parsed, 'body');
  return parsed;
}
