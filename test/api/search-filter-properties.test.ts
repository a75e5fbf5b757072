/**
 * The search language against its reference (fast-check), on both stores: random well-formed
 * filters over every field of `GET /api/models`, `GET /api/lineages` and `GET /api/kg/edges` —
 * AND, OR, NOT, IN, IS NULL, LIKE patterns, awkward values with quotes, backslashes, `%`, `_` and
 * characters outside ASCII — return exactly what the reference evaluator finds over the same rows
 * read through the API; random garbage is a 400 `invalid_filter` or an answer, never a 500. The
 * world has a retraction in force, so `flag = 'retracted_input'` and `review_reason` find rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FilterExpr } from '../../src/search/core/filter-ast.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  type FieldPool,
  filterArbitrary,
  garbageArbitrary,
  printFilter,
} from '../support/filter-arbitrary.ts';
import { evaluateFilter, type RefTable } from '../support/filter-reference.ts';
import {
  AWKWARD,
  buildSearchWorld,
  EDGE_REFERENCE,
  LINEAGE_REFERENCE,
  MODEL_REFERENCE,
  type SearchWorld,
} from '../support/search-world.ts';
import { testStores } from '../support/stores.ts';

/** Random filters per list and store, and garbage texts per list and store. */
const RUNS = 150;
const GARBAGE_RUNS = 150;
const SEED = 20261205;

const ABSENT = ['nope', AWKWARD, ''];

const distinct = <T>(values: T[]) => [...new Set(values)];

/** Moments between the rows' own (and before and after all), as ISO strings. */
function momentsAround(moments: string[]): string[] {
  const times = distinct(moments.map((m) => Date.parse(m))).sort((a, b) => a - b);
  const between = times.slice(1).flatMap((time, i) => {
    const before = times[i];
    return time - before >= 2 ? [Math.floor((time + before) / 2)] : [];
  });
  const day = 86_400_000;
  return [times[0] - day, ...between, times[times.length - 1] + day].map((t) => new Date(t).toISOString());
}

/** A pool per field of `table`: the values `rows` hold for it, and some they do not. */
function poolsOf<R>(
  table: RefTable<R>,
  rows: R[],
  keys: Record<string, string[]>,
  extra: Record<string, (string | number | boolean)[]> = {},
): FieldPool[] {
  return Object.entries(table).flatMap(([name, field]) => {
    const fieldKeys = field.keyed ? (keys[name] ?? []) : [undefined];
    return fieldKeys.map((key): FieldPool => {
      const present = rows.flatMap((row) =>
        field.values(row, key).map((value) => {
          if (typeof value !== 'object') return value;
          return value.version === null ? value.id : `${value.id}@${value.version}`;
        }),
      );
      if (field.type === 'timestamp') {
        return { name, key, type: field.type, values: momentsAround(present as string[]), rangeOnly: true };
      }
      const absent = field.type === 'text' ? ABSENT : field.type === 'number' ? [-1, 0.5, 1e6 + 0.5] : [];
      const values = distinct([...present, ...absent, ...(extra[name] ?? [])]);
      return { name, key, type: field.type, values: values.length > 0 ? values : [true, false] };
    });
  });
}

const keysOf = (records: Record<string, unknown>[]) => distinct([...records.flatMap(Object.keys), 'absent']);

for (const store of testStores()) {
  describe(`the search language against its reference on ${store.name}`, () => {
    let t: TestApp;
    let world: SearchWorld;
    before(async () => {
      t = await startTestApp(store);
      world = await buildSearchWorld(t, { retracted: true });
    });
    after(() => t.close());

    const lists = () => [
      {
        name: 'GET /api/models',
        url: '/api/models?all_versions=true&limit=200',
        rows: world.models,
        table: MODEL_REFERENCE,
        idOf: (row: { id: string }) => row.id,
        found: (body: { models: { id: string }[] }) => body.models.map((model) => model.id),
        pools: poolsOf(
          MODEL_REFERENCE,
          world.models,
          {
            metrics: keysOf(world.models.map((m) => m.metrics)),
            tags: keysOf(world.models.map((m) => m.tags)),
          },
          { trained_on: [world.seaAd, `${world.seaAd}@2`, `${world.rosmap}@1`], flag: ['retracted_input'] },
        ),
      },
      {
        name: 'GET /api/lineages',
        url: '/api/lineages?limit=200',
        rows: world.lineages,
        table: LINEAGE_REFERENCE,
        idOf: (row: { model_name: string }) => row.model_name,
        found: (body: { lineages: { model_name: string }[] }) => body.lineages.map((l) => l.model_name),
        pools: poolsOf(LINEAGE_REFERENCE, world.lineages, {
          tags: keysOf(world.lineages.map((l) => l.tags)),
        }),
      },
      {
        name: 'GET /api/kg/edges',
        url: '/api/kg/edges?limit=1000',
        rows: world.edges,
        table: EDGE_REFERENCE,
        idOf: (row: { id: string }) => row.id,
        found: (body: { edges: { id: string }[] }) => body.edges.map((edge) => edge.id),
        pools: poolsOf(EDGE_REFERENCE, world.edges, {}, { review_reason: ['large_decrease'] }),
      },
    ];

    it('has a retraction in force: flagged versions and edges with a review reason', () => {
      assert.ok(world.models.some((model) => model.flags.includes('retracted_input')));
      assert.ok(world.edges.some((edge) => edge.review_reason === 'retracted_input'));
    });

    for (const index of [0, 1, 2]) {
      it(`answers ${RUNS} random filters on list ${index + 1} of 3 exactly as the reference does`, async () => {
        const list = lists()[index];
        let matchedSome = 0;
        let leftSomeOut = 0;
        await fc.assert(
          fc.asyncProperty(filterArbitrary(list.pools), async (expr: FilterExpr) => {
            const filter = printFilter(expr);
            const response = await t.request('GET', `${list.url}&filter=${encodeURIComponent(filter)}`);
            assert.equal(response.statusCode, 200, `${filter}: ${response.body}`);
            const body = response.json();
            // biome-ignore lint/suspicious/noExplicitAny: each list's rows have their own shape
            const rows = list.rows as any[];
            const expected = rows.filter((row) => evaluateFilter(expr, row, list.table as RefTable<unknown>));
            const expectedIds = expected.map(list.idOf).sort();
            assert.deepEqual(list.found(body).sort(), expectedIds, `${list.name} filter=${filter}`);
            assert.equal(body.total, expectedIds.length, `total of ${filter}`);
            if (expectedIds.length > 0) matchedSome++;
            if (expectedIds.length < rows.length) leftSomeOut++;
          }),
          { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
        );
        // A suite whose filters all matched nothing (or everything) would prove little.
        assert.ok(matchedSome >= RUNS / 5, `${list.name}: only ${matchedSome} filters matched a row`);
        assert.ok(leftSomeOut >= RUNS / 5, `${list.name}: only ${leftSomeOut} filters left a row out`);
      });

      it(`answers ${GARBAGE_RUNS} garbage filters on list ${index + 1} of 3 with a 400 invalid_filter or a list, never a 500`, async () => {
        const list = lists()[index];
        let refused = 0;
        await fc.assert(
          fc.asyncProperty(garbageArbitrary(list.pools), async (filter: string) => {
            const response = await t.request('GET', `${list.url}&filter=${encodeURIComponent(filter)}`);
            assert.ok(
              [200, 400].includes(response.statusCode),
              `${filter}: ${response.statusCode} ${response.body}`,
            );
            if (response.statusCode === 400) {
              refused++;
              assert.ok(
                ['invalid_filter', 'invalid_request'].includes(response.json().error.code),
                `${filter}: ${response.body}`,
              );
            }
          }),
          { numRuns: GARBAGE_RUNS, seed: SEED + 10 + index, endOnFailure: true },
        );
        assert.ok(refused >= GARBAGE_RUNS / 3, `${list.name}: only ${refused} garbage filters were refused`);
      });
    }
  });
}
