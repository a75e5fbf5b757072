import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectError, uniqueId } from '../support/factories.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

interface EdgeJson {
  id: string;
  confidence: number;
  source_artifact_id: string | null;
  source_version: number | null;
  history: {
    confidence: number;
    source_artifact_id: string | null;
    source_version: number | null;
    at: string;
  }[];
}

/** A moment between two writes: no history entry shares its millisecond. */
async function moment(): Promise<string> {
  await sleep(15);
  const at = new Date().toISOString();
  await sleep(15);
  return at;
}

/** What an edge was at `asOf` by definition, from its whole history: the last entry at or before it. */
function expectedAt(edge: EdgeJson, asOf: string) {
  const entry = edge.history.filter((h) => h.at <= asOf).at(-1);
  return entry && { id: edge.id, confidence: entry.confidence, source_artifact_id: entry.source_artifact_id };
}

for (const store of testStores()) {
  describe(`the knowledge graph as of a moment on ${store.name}`, () => {
    let t: TestApp;
    let v1: string;
    let v2: string;
    const object = uniqueId('OBJ');
    const moments: Record<'beforeAll' | 'afterInsert' | 'afterRescore' | 'afterReview', string> = {
      beforeAll: '',
      afterInsert: '',
      afterRescore: '',
      afterReview: '',
    };
    const ids = ['t-a', 't-b', 't-c', 't-d'].map((id) => uniqueId(id));
    const lateId = uniqueId('t-late');

    /** A list of this suite's edges (its database holds no other, so `object` can be left out). */
    const list = async (query: string, byObject = true) => {
      const response = await t.request('GET', `/api/kg/edges?${byObject ? `object=${object}&` : ''}${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { edges: EdgeJson[]; total: number; next_cursor: string | null };
    };
    /** Every page of a list, following `next_cursor`. */
    const allPages = async (query: string, limit: number, byObject = true) => {
      const edges: EdgeJson[] = [];
      let page = await list(`${query}&limit=${limit}`, byObject);
      edges.push(...page.edges);
      while (page.next_cursor) {
        page = await list(`${query}&limit=${limit}&cursor=${page.next_cursor}`, byObject);
        edges.push(...page.edges);
      }
      return { edges, total: page.total };
    };
    const detail = async (id: string, query = '') =>
      (await t.request('GET', `/api/kg/edges/${id}${query}`)).json() as EdgeJson;

    before(async () => {
      t = await startTestApp(store, { MODELGRAPH_RESCORE_WINDOW_HOURS: '0.0005' });
      [v1, v2] = await registerLineage(t, uniqueId('asof'), [null, fixtureRuntime('echo-model.mjs')]);
      moments.beforeAll = await moment();
      await insertEdges(
        t,
        [0.9, 0.6, 0.4, 0.2].map((confidence, i) => ({
          ...attributedEdge(ids[i], v1, 1, confidence, [0.3, 0.65, 0.8, null][i]),
          object,
        })),
      );
      moments.afterInsert = await moment();
      await promote(t, v1);
      await promote(t, v2);
      const pass = await t.request('POST', '/api/jobs/rescore', {
        token: ADMIN_TOKEN,
        body: { since_hours: 1 },
      });
      assert.equal(pass.json().outcome, 'ok', pass.body);
      await insertEdges(t, [{ ...attributedEdge(lateId, v2, 2, 0.95, null), object }]);
      moments.afterRescore = await moment();
      const review = await t.request('POST', `/api/kg/edges/${ids[0]}/review`, {
        token: ADMIN_TOKEN,
        body: { decision: 'retract', note: 'checked' },
      });
      assert.equal(review.statusCode, 200, review.body);
      moments.afterReview = await moment();
    });
    after(() => t.close());

    it('shows each edge with its confidence and source of that moment, leaving out later edges', async () => {
      const page = await list(`as_of=${moments.afterInsert}`);
      assert.equal(page.total, 4);
      assert.deepEqual(
        page.edges.map((edge) => [edge.id, edge.confidence, edge.source_artifact_id, edge.source_version]),
        [
          [ids[0], 0.9, v1, 1],
          [ids[1], 0.6, v1, 1],
          [ids[2], 0.4, v1, 1],
          [ids[3], 0.2, v1, 1],
        ],
      );
      const now = await list('');
      assert.deepEqual(
        now.edges.map((edge) => [edge.id, edge.confidence, edge.source_artifact_id]),
        [
          [lateId, 0.95, v2],
          [ids[2], 0.8, v2],
          [ids[1], 0.65, v2],
          [ids[0], 0.3, v2],
          [ids[3], 0.2, v1],
        ],
      );
    });

    it('agrees with the last history entry at or before the moment, for every moment and page size', async () => {
      const histories = await Promise.all([...ids, lateId].map((id) => detail(id)));
      for (const asOf of Object.values(moments)) {
        const expected = histories
          .flatMap((edge) => expectedAt(edge, asOf) ?? [])
          .sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1));
        // With a filter (the edge rows are read) and without one (only the history is).
        for (const [limit, byObject] of [
          [1, true],
          [2, true],
          [10, true],
          [1, false],
          [10, false],
        ] as const) {
          const { edges, total } = await allPages(`as_of=${asOf}`, limit, byObject);
          assert.deepEqual(
            edges.map((edge) => ({
              id: edge.id,
              confidence: edge.confidence,
              source_artifact_id: edge.source_artifact_id,
            })),
            expected,
            `as of ${asOf}, ${limit} a page${byObject ? ', by object' : ''}`,
          );
          assert.equal(total, expected.length);
        }
      }
    });

    it('applies the source and confidence filters to the edges as they stood then', async () => {
      const before = await list(`as_of=${moments.afterInsert}&source_artifact_id=${v1}`);
      assert.equal(before.total, 4, 'all four were on v1 then, though three have moved to v2');
      assert.equal((await list(`source_artifact_id=${v1}`)).total, 1);
      const high = await list(`as_of=${moments.afterInsert}&min_confidence=0.5`);
      assert.deepEqual(
        high.edges.map((edge) => edge.id),
        [ids[0], ids[1]],
      );
      assert.equal(high.total, 2);
      const later = await list(`as_of=${moments.afterRescore}&source_artifact_id=${v2}&min_confidence=0.5`);
      assert.deepEqual(
        later.edges.map((edge) => edge.id),
        [lateId, ids[2], ids[1]],
      );
      assert.equal(later.total, 3);
    });

    it('pages with offset as well as with cursors', async () => {
      const page = await list(`as_of=${moments.afterInsert}&limit=2&offset=2`);
      assert.deepEqual(
        page.edges.map((edge) => edge.id),
        [ids[2], ids[3]],
      );
      assert.equal(page.total, 4);
    });

    it('binds a cursor to its moment: a cursor from another moment or from the graph now is refused', async () => {
      const asOf = (await list(`as_of=${moments.afterInsert}&limit=1`)).next_cursor;
      const current = (await list('limit=1')).next_cursor;
      assert.ok(asOf && current);
      expectError(await t.request('GET', `/api/kg/edges?cursor=${asOf}`), 400, 'invalid_request');
      expectError(
        await t.request('GET', `/api/kg/edges?cursor=${asOf}&as_of=${moments.afterRescore}`),
        400,
        'invalid_request',
      );
      expectError(
        await t.request('GET', `/api/kg/edges?cursor=${current}&as_of=${moments.afterInsert}`),
        400,
        'invalid_request',
      );
    });

    it('is empty before any edge existed', async () => {
      assert.deepEqual(await list(`as_of=${moments.beforeAll}`), { edges: [], total: 0, next_cursor: null });
    });

    it('reads one edge as it stood, with its history up to then', async () => {
      const then = await detail(ids[0], `?as_of=${moments.afterInsert}`);
      assert.equal(then.confidence, 0.9);
      assert.equal(then.source_artifact_id, v1);
      assert.deepEqual(
        then.history.map((h) => h.confidence),
        [0.9],
      );
      const now = await detail(ids[0], `?as_of=${moments.afterReview}`);
      assert.equal(now.confidence, 0.3);
      assert.equal(now.source_artifact_id, v2);
      assert.deepEqual(
        now.history.map((h) => h.confidence),
        [0.9, 0.3],
      );
      const dated = await detail(ids[0], '?as_of=2999-01-01');
      assert.equal(dated.confidence, 0.3);
    });

    it('answers 404 for an edge that did not exist yet, and for an unknown edge', async () => {
      const before = await countAllRows(t.store.db);
      expectError(
        await t.request('GET', `/api/kg/edges/${lateId}?as_of=${moments.afterInsert}`),
        404,
        'not_found',
      );
      expectError(
        await t.request('GET', `/api/kg/edges/no-such-edge?as_of=${moments.afterInsert}`),
        404,
        'not_found',
      );
      assert.deepEqual(await countAllRows(t.store.db), before);
    });

    it('refuses an as_of that is not an ISO 8601 moment with 400, on the list and on one edge', async () => {
      const before = await countAllRows(t.store.db);
      for (const bad of [
        'yesterday',
        '2026-02-30',
        '2026-04-05T25:00:00Z',
        '',
        '2026-04-05T12:00:00%2B15:00',
      ]) {
        const error = expectError(
          await t.request('GET', `/api/kg/edges?as_of=${bad}`),
          400,
          'invalid_request',
        );
        assert.match(error.message, /as_of/);
        expectError(await t.request('GET', `/api/kg/edges/${ids[0]}?as_of=${bad}`), 400, 'invalid_request');
      }
      expectError(await t.request('GET', `/api/kg/edges/${ids[0]}?at=2026-01-01`), 400, 'unknown_parameter');
      assert.deepEqual(await countAllRows(t.store.db), before, 'a bad request writes nothing');
    });
  });
}
