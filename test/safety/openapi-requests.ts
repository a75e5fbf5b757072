/**
 * fast-check arbitraries of requests derived from the app's own OpenAPI document: for each
 * operation, a path filled with known or hostile ids, a query string and a JSON body built from
 * the operation's schemas — each then possibly mutated the ways docs/security.md lists (wrong types, NUL
 * characters, lone surrogates, deep nesting, numbers past their columns, 128-character ids,
 * malformed percent-encodings, unknown fields, `null` and non-object bodies).
 */
import fc from 'fast-check';

/** The part of a JSON schema the generator reads. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
}

/** One operation of the OpenAPI document. */
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, e.g. `/api/models/{id}`. */
  path: string;
  pathParams: string[];
  query: Record<string, Schema>;
  body?: Schema;
}

/** A request ready for `app.inject`. */
export interface FuzzRequest {
  method: Operation['method'];
  url: string;
  /** The raw body text, when there is one. */
  payload?: string;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema: Schema }[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
}

/** Every operation of the document. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      query: Object.fromEntries(
        (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema]),
      ),
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\ud800y';

/** Values a field may get when the schema is ignored on purpose. */
const HOSTILE_VALUES: unknown[] = [
  NUL,
  LONE_SURROGATE,
  1e308,
  -1e308,
  3_000_000_000,
  1e20,
  -1,
  0,
  1.5,
  '',
  'x'.repeat(10_000),
  null,
  true,
  [],
  {},
  [[[[[]]]]],
  { __nested: { deeper: [NUL] } },
];

const DEEP_MARKER = '__deep_marker__';

/** JSON text of a value nested `depth` levels deep (built as text: too deep for JSON.stringify). */
function nestedText(depth: number): string {
  const half = Math.floor(depth / 2);
  return `${'{"a":['.repeat(half)}${depth % 2 ? '{"a":1}' : '1'}${']}'.repeat(half)}`;
}

/** An arbitrary value for a schema: mostly valid, built from known ids where the schema asks for an id. */
export function valueFor(schema: Schema | undefined, ids: readonly string[]): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant({});
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch) => valueFor(branch, ids)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectFor(schema, ids);
    case 'array':
      return fc.array(valueFor(schema.items, ids), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -5, -5), max: Math.min(schema.maximum ?? 50, 50) });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      if (schema.format === 'date-time') return fc.constant('2026-01-01T00:00:00.000Z');
      if (schema.pattern) return fc.constantFrom(...ids);
      return fc.string({ minLength: Math.max(schema.minLength ?? 0, 1), maxLength: 12 });
    default:
      return fc.constant('x');
  }
}

function objectFor(schema: Schema, ids: readonly string[]): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    const valueSchema = Object.values(schema.patternProperties ?? {})[0];
    return fc.dictionary(fc.constantFrom('k', 'name', 'metric'), valueFor(valueSchema, ids), { maxKeys: 3 });
  }
  const required = new Set(schema.required ?? []);
  return fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, valueFor(child, ids)])),
    { requiredKeys: [...required].filter((name) => name in properties) },
  );
}

/** Replaces the value at a random place of `value` (the whole value included) by `replacement`. */
function replaceSomewhere(value: unknown, pick: number, replacement: unknown): unknown {
  const places: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const entries = Array.isArray(node) ? node.map((child, i) => [i, child] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      places.push({ parent: node as Record<string, unknown>, key });
      walk(child);
    }
  };
  const copy = structuredClone(value);
  walk(copy);
  if (places.length === 0) return replacement;
  const place = places[pick % places.length];
  (place.parent as Record<string | number, unknown>)[place.key] = replacement;
  return copy;
}

/** A body mutated the ways a hostile client would; the text is what gets sent. */
function mutatedBody(body: unknown): fc.Arbitrary<string> {
  const leaf = fc
    .tuple(fc.nat(), fc.constantFrom(...HOSTILE_VALUES))
    .map(([pick, value]) => JSON.stringify(replaceSomewhere(body, pick, value)));
  const deep = fc
    .tuple(fc.nat(), fc.constantFrom(63, 65, 5_000))
    .map(([pick, depth]) =>
      JSON.stringify(replaceSomewhere(body, pick, DEEP_MARKER)).replace(
        `"${DEEP_MARKER}"`,
        nestedText(depth),
      ),
    );
  const extraKey = fc
    .constantFrom('unknown_field', NUL, LONE_SURROGATE)
    .map((key) =>
      JSON.stringify(body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [key]: 1 } : body),
    );
  const whole = fc.constantFrom('null', '[]', '"text"', '12', '{', '{"a":1,}', '', `{"a":"\u0000"}`);
  return fc.oneof(
    { weight: 5, arbitrary: leaf },
    { weight: 2, arbitrary: deep },
    { weight: 1, arbitrary: extraKey },
    { weight: 1, arbitrary: whole },
  );
}

const HOSTILE_SEGMENTS = [
  '%ff',
  '%e0%80',
  'a%00b',
  '%ed%a0%80',
  `i${'d'.repeat(127)}`,
  `i${'d'.repeat(128)}`,
  'x'.repeat(600),
  'no-such-id',
  '.hidden',
  'a%2Fb',
  '%25',
  'name%40alias',
];

const HOSTILE_QUERY_VALUES = [
  'a%00b',
  '%00',
  '1e308',
  '99999999999999999999',
  '-1',
  '1.5',
  '',
  '%ff',
  'true',
  'x'.repeat(300),
];

/** Query text for a chosen subset of the operation's parameters, each with a valid value. */
function validQuery(query: Record<string, Schema>, ids: readonly string[]): fc.Arbitrary<[string, string][]> {
  const names = Object.keys(query);
  if (names.length === 0) return fc.constant([]);
  return fc
    .subarray(names)
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((name) =>
          valueFor(query[name], ids).map((value): [string, string] => [
            name,
            encodeURIComponent(String(value)),
          ]),
        ),
      ),
    );
}

type Target = 'none' | 'path' | 'query' | 'extra' | 'body';

/**
 * An arbitrary request to one operation: valid by its schemas, then mutated in at most one place
 * (a path segment, one query value, an extra parameter, or the body), so that one hostile value
 * at a time reaches as deep into the server as it can.
 */
export function requestFor(operation: Operation, ids: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const targets: Target[] = ['none', 'extra'];
  if (operation.pathParams.length > 0) targets.push('path');
  if (Object.keys(operation.query).length > 0) targets.push('query', 'query');
  if (operation.body) targets.push('body', 'body');
  const segments = fc.tuple(
    ...operation.pathParams.map(() => fc.constantFrom(...ids).map(encodeURIComponent)),
  );
  const body = operation.body ? valueFor(operation.body, ids) : fc.constant(undefined);
  return fc
    .tuple(fc.constantFrom(...targets), segments, validQuery(operation.query, ids), body, fc.nat())
    .chain(([target, values, pairs, payload, pick]) => {
      const hostileSegment = fc.constantFrom(...HOSTILE_SEGMENTS);
      const hostileValue = fc.constantFrom(...HOSTILE_QUERY_VALUES);
      const names = Object.keys(operation.query);
      const extra = fc.constantFrom('unknown=1', 'limit=1&limit=2', 'offset=1&cursor=abc', 'q=%00');
      return fc
        .tuple(
          target === 'path' ? hostileSegment : fc.constant(undefined),
          target === 'query' ? hostileValue : fc.constant(undefined),
          target === 'extra' ? extra : fc.constant(undefined),
          target === 'body' && payload !== undefined
            ? mutatedBody(payload)
            : fc.constant(payload === undefined ? undefined : JSON.stringify(payload)),
        )
        .map(([segment, value, extraPair, text]) => {
          const pathValues = [...values];
          if (segment !== undefined) pathValues[pick % pathValues.length] = segment;
          let path = operation.path;
          operation.pathParams.forEach((name, i) => {
            path = path.replace(`{${name}}`, pathValues[i]);
          });
          const query = pairs.map(([name, v]) => `${name}=${v}`);
          if (value !== undefined) query.push(`${names[pick % names.length]}=${value}`);
          if (extraPair !== undefined) query.push(extraPair);
          return {
            method: operation.method,
            url: query.length ? `${path}?${query.join('&')}` : path,
            payload: text,
          };
        });
    });
}
