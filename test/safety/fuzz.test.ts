/**
 * The error format under fuzzing (docs/security.md#hostile-input): requests derived from the OpenAPI document
 * of every route — and from the pages' queries — are mutated (wrong types, NULs, lone surrogates, deep
 * nesting, numbers past their columns, long and malformed ids, unknown fields, null bodies), and every answer
 * must be: never a 5xx; on a 4xx the error shape (a page for a page URL) and not one row written. Seeded and
 * bounded: 2,000 requests per store, reproducible with FUZZ_SEED.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, createDataset, registerModel, uniqueId } from '../support/factories.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { type FuzzRequest, type Operation, operationsOf, requestFor } from './openapi-requests.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);

/** Page URLs with the queries the pages accept, fuzzed like the API's query strings. */
const PAGE_OPERATIONS: Operation[] = [
  {
    method: 'GET' as const,
    path: '/models',
    pathParams: [],
    query: {
      family: { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
      q: { type: 'string' },
    },
  },
  { method: 'GET' as const, path: '/models/{id}', pathParams: ['id'], query: {} },
  {
    method: 'GET' as const,
    path: '/models/compare',
    pathParams: [],
    query: { ids: { type: 'string', pattern: 'id' } },
  },
  {
    method: 'GET' as const,
    path: '/kg/review',
    pathParams: [],
    query: { limit: { type: 'integer' }, offset: { type: 'integer' } },
  },
];

for (const store of testStores()) {
  describe(`fuzzing every route on ${store.name}`, () => {
    let t: TestApp;
    let ids: string[];

    before(async () => {
      t = await startTestApp(store);
      const dataset = await createDataset(t);
      const model = await registerModel(
        t,
        buildModelBody({ trained_on: [{ dataset_id: dataset, version: 1 }] }),
      );
      const edge = (
        await t.request('POST', '/api/kg/edges', {
          token: ADMIN_TOKEN,
          body: [
            {
              subject: 'GENE:1',
              predicate: 'biolink:related_to',
              object: 'MONDO:1',
              confidence: 0.4,
              origin: 'model',
              source_artifact_id: model.id,
              source_version: 1,
            },
          ],
        })
      ).json().ids[0];
      const agent = uniqueId('agent');
      await t.agentToken(agent, ['write']);
      const webhook = (
        await t.request('POST', '/api/webhooks', {
          token: ADMIN_TOKEN,
          body: { url: 'http://127.0.0.1:9/fuzz', event_types: ['*'] },
        })
      ).json().id;
      ids = [dataset, model.id, model.model_name, edge, agent, 'admin', `${model.id},${dataset}`, webhook];
    });
    after(() => t.close());

    it(`answers ${RUNS} mutated requests with no 5xx, the error shape on every 4xx, and nothing written by a 4xx`, async (context) => {
      await t.app.ready();
      const operations = [...operationsOf(t.app.swagger() as never), ...PAGE_OPERATIONS];
      const statuses = new Map<number, number>();
      const send = (request: FuzzRequest, withToken: boolean) =>
        t.app.inject({
          method: request.method,
          url: request.url,
          ...(request.payload === undefined ? {} : { payload: request.payload }),
          headers: {
            ...(request.payload === undefined ? {} : { 'content-type': 'application/json' }),
            ...(withToken ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {}),
          },
        });
      const property = fc.asyncProperty(
        fc.constantFrom(...operations).chain((operation) => requestFor(operation, ids)),
        fc.boolean(),
        async (request, withToken) => {
          const before = await countAllRows(t.store.db);
          const response = await send(request, withToken);
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const where = `${request.method} ${request.url.slice(0, 200)} ${request.payload?.slice(0, 200) ?? ''}`;
          assert.ok(
            response.statusCode < 500,
            `${response.statusCode} for ${where}: ${response.body.slice(0, 300)}`,
          );
          if (response.statusCode < 400) return;
          if (request.url.startsWith('/api/')) {
            const body = response.json();
            assert.equal(
              typeof body.error?.code,
              'string',
              `error shape for ${where}: ${response.body.slice(0, 300)}`,
            );
            assert.match(body.error.code, /^[a-z]+(_[a-z]+)*$/);
            assert.equal(typeof body.error.message, 'string');
          } else {
            assert.match(String(response.headers['content-type']), /^text\/html/, `a page for ${where}`);
          }
          assert.deepEqual(
            await countAllRows(t.store.db),
            before,
            `a ${response.statusCode} wrote rows: ${where}`,
          );
        },
      );
      await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
      context.diagnostic(
        `${RUNS} requests, seed ${SEED}: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(', ')}`,
      );
      assert.ok(
        [...statuses.keys()].some((status) => status < 300),
        'some requests were valid and succeeded',
      );
    });
  });
}
