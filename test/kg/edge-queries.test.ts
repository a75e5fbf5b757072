import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { buildEdge, insertEdges } from './kg-support.ts';

const ids = (body: { edges: { id: string }[] }) => body.edges.map((edge) => edge.id);

for (const store of testStores()) {
  describe(`knowledge-graph queries on ${store.name}`, () => {
    let t: TestApp;
    let model: { id: string };
    before(async () => {
      t = await startTestApp(store);
      model = await registerModel(t, buildModelBody());
    });
    after(() => t.close());

    const modelEdge = (overrides: Record<string, unknown> = {}) =>
      buildEdge({ origin: 'model', source_artifact_id: model.id, source_version: 1, ...overrides });

    describe('GET /api/kg/edges', () => {
      const list = async (query: string) => {
        const response = await t.request('GET', `/api/kg/edges?${query}`);
        assert.equal(response.statusCode, 200, response.body);
        return response.json();
      };

      it('filters by subject, object and predicate', async () => {
        const object = uniqueId('OBJ');
        const [s1, s2] = [uniqueId('S'), uniqueId('S')];
        const edges = [
          buildEdge({ subject: s1, object, predicate: 'biolink:treats' }),
          buildEdge({ subject: s2, object, predicate: 'biolink:treats' }),
          buildEdge({ subject: s1, object, predicate: 'biolink:causes' }),
        ];
        await insertEdges(t, edges);
        const [a, b, c] = edges.map((edge) => edge.id);
        assert.deepEqual(new Set(ids(await list(`object=${object}`))), new Set([a, b, c]));
        assert.deepEqual(new Set(ids(await list(`subject=${s1}`))), new Set([a, c]));
        assert.deepEqual(ids(await list(`object=${object}&predicate=biolink:causes`)), [c]);
        assert.deepEqual(ids(await list(`subject=${s2}&predicate=biolink:causes`)), []);
      });

      it('filters by source_artifact_id', async () => {
        const other = await registerModel(t, buildModelBody());
        const object = uniqueId('OBJ');
        const mine = modelEdge({ object, source_artifact_id: other.id });
        await insertEdges(t, [mine, modelEdge({ object }), buildEdge({ object })]);
        assert.deepEqual(ids(await list(`source_artifact_id=${other.id}`)), [mine.id]);
      });

      it('filters by flagged, status, provenance_unknown and min_confidence', async () => {
        const object = uniqueId('OBJ');
        const [flagged, retracted, unknown, plain] = [0.2, 0.5, 0.8, 0.9].map((confidence) =>
          buildEdge({ object, confidence }),
        );
        await insertEdges(t, [flagged, retracted, unknown, plain]);
        await t.store.db.execute(sql`update kg_edges set review_flag = true where id = ${flagged.id}`);
        await t.store.db.execute(sql`update kg_edges set status = 'retracted' where id = ${retracted.id}`);
        await t.store.db.execute(sql`update kg_edges set provenance_unknown = true where id = ${unknown.id}`);
        const q = `object=${object}`;
        assert.deepEqual(ids(await list(`${q}&flagged=true`)), [flagged.id]);
        assert.deepEqual(ids(await list(`${q}&flagged=false`)), [plain.id, unknown.id, retracted.id]);
        assert.deepEqual(ids(await list(`${q}&status=retracted`)), [retracted.id]);
        assert.deepEqual(ids(await list(`${q}&status=active`)), [plain.id, unknown.id, flagged.id]);
        assert.deepEqual(ids(await list(`${q}&provenance_unknown=true`)), [unknown.id]);
        assert.deepEqual(ids(await list(`${q}&min_confidence=0.8`)), [plain.id, unknown.id]);
      });

      it('orders by confidence descending then id, pages with limit and offset, and counts every match', async () => {
        const object = uniqueId('OBJ');
        const prefix = uniqueId('order');
        await insertEdges(t, [
          buildEdge({ id: `${prefix}-b`, object, confidence: 0.5 }),
          buildEdge({ id: `${prefix}-c`, object, confidence: 0.9 }),
          buildEdge({ id: `${prefix}-a`, object, confidence: 0.5 }),
          buildEdge({ id: `${prefix}-d`, object, confidence: 0.1 }),
        ]);
        const all = await list(`object=${object}`);
        assert.deepEqual(
          ids(all),
          ['c', 'a', 'b', 'd'].map((s) => `${prefix}-${s}`),
        );
        assert.equal(all.total, 4);
        const page = await list(`object=${object}&limit=2&offset=1`);
        assert.deepEqual(ids(page), [`${prefix}-a`, `${prefix}-b`]);
        assert.equal(page.total, 4, 'total counts every match, not the page');
        assert.deepEqual(ids(await list(`object=${object}&offset=4`)), []);
      });

      it('pages with a keyset cursor through ties and awkward confidences, each edge once, in order', async () => {
        const object = uniqueId('OBJ');
        const prefix = uniqueId('keyset');
        // Ties, a float with no short decimal form, and the extremes.
        const confidences = [0.5, 0.5, 0.5, 0.1 + 0.2, 1, 0, 1 / 3, 0.5, 2 / 3, 1 / 3, 0.7];
        await insertEdges(
          t,
          confidences.map((confidence, i) => buildEdge({ id: `${prefix}-${i}`, object, confidence })),
        );
        const expected = ids(await list(`object=${object}&limit=100`));
        assert.equal(expected.length, confidences.length);
        const seen: string[] = [];
        let page = await list(`object=${object}&limit=3`);
        for (;;) {
          assert.equal(page.total, confidences.length, 'total counts every match on every page');
          seen.push(...ids(page));
          if (page.next_cursor === null) break;
          page = await list(`object=${object}&limit=3&cursor=${encodeURIComponent(page.next_cursor)}`);
        }
        assert.deepEqual(seen, expected);
        assert.equal(
          (await list(`object=${object}&limit=100`)).next_cursor,
          null,
          'no cursor on the last page',
        );
      });

      it('refuses a cursor with an offset, a malformed cursor and one from another sort with 400 invalid_request', async () => {
        const foreign = Buffer.from(JSON.stringify(['created_at:desc', '0.5', 'x'])).toString('base64url');
        for (const query of ['cursor=garbage', `cursor=${foreign}`, `offset=0&cursor=${foreign}`]) {
          expectError(await t.request('GET', `/api/kg/edges?${query}`), 400, 'invalid_request');
        }
      });

      it('refuses an unknown parameter with 400 unknown_parameter', async () => {
        const error = expectError(
          await t.request('GET', '/api/kg/edges?colour=red'),
          400,
          'unknown_parameter',
        );
        assert.deepEqual(error.details, { parameter: 'colour' });
      });

      for (const query of [
        'flagged=maybe',
        'provenance_unknown=2',
        'status=deleted',
        'min_confidence=1.5',
        'min_confidence=high',
        'limit=0',
        'limit=1001',
        'offset=-1',
        'source_artifact_id=-bad',
      ]) {
        it(`refuses ${query} with 400 invalid_request`, async () => {
          expectError(await t.request('GET', `/api/kg/edges?${query}`), 400, 'invalid_request');
        });
      }
    });

    describe('GET /api/kg/edges/{id}', () => {
      it('answers 404 not_found for an unknown edge', async () => {
        expectError(await t.request('GET', `/api/kg/edges/${uniqueId('nothing')}`), 404, 'not_found');
      });
    });
  });
}
