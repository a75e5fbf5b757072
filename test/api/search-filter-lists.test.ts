/**
 * The search language on `GET /api/lineages` and `GET /api/kg/edges`: their own fields, checked
 * against ids written out here and against the reference evaluator; the edge list now and as of a
 * moment; cursors bound to their filter; 400 `invalid_filter` for a field of another list,
 * nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFilter } from '../../src/search/core/filter-parser.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectRefusal } from '../support/factories.ts';
import { evaluateFilter, type RefTable } from '../support/filter-reference.ts';
import {
  buildSearchWorld,
  EDGE_REFERENCE,
  LINEAGE_REFERENCE,
  type SearchWorld,
} from '../support/search-world.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`filters on GET /api/lineages and GET /api/kg/edges on ${store.name}`, () => {
    let t: TestApp;
    let world: SearchWorld;

    before(async () => {
      t = await startTestApp(store);
      world = await buildSearchWorld(t);
    });
    after(() => t.close());

    /** Asserts the list finds exactly `expected` (by `key`) and that the reference agrees. */
    async function expectFound<R>(
      url: string,
      filter: string,
      expected: string[],
      reference: { rows: () => R[]; table: RefTable<R>; key: (row: R) => string },
    ) {
      const response = await t.request('GET', `${url}&filter=${encodeURIComponent(filter)}`);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      const items: Record<string, string>[] = body.lineages ?? body.edges;
      const field = body.lineages ? 'model_name' : 'id';
      assert.deepEqual(items.map((item) => item[field]).sort(), [...expected].sort(), filter);
      assert.equal(body.total, expected.length);
      const expr = parseFilter(filter)?.expr;
      assert.ok(expr);
      const agreed = reference.rows().filter((row) => evaluateFilter(expr, row, reference.table));
      assert.deepEqual(agreed.map(reference.key).sort(), [...expected].sort(), `the reference on ${filter}`);
    }

    const lineages = (filter: string, expected: string[]) =>
      expectFound('/api/lineages?limit=200', filter, expected, {
        rows: () => world.lineages,
        table: LINEAGE_REFERENCE,
        key: (row) => row.model_name,
      });

    const edgeIds = (predicate: (edge: SearchWorld['edges'][number]) => boolean) =>
      world.edges.filter(predicate).map((edge) => edge.id);
    // As of a moment, the graph holds the edges created by then (none changed since in this world).
    const edges = (filter: string, expected: string[], asOf = '') =>
      expectFound(`/api/kg/edges?limit=1000${asOf ? `&as_of=${asOf}` : ''}`, filter, expected, {
        rows: () => world.edges.filter((edge) => !asOf || edge.created_at <= asOf),
        table: EDGE_REFERENCE,
        key: (row) => row.id,
      });

    it('finds lineages by maintainer, latest title, tags and the promoted version score', async () => {
      const { classifier, ode, stat, both } = world.names;
      await lineages(`maintainer = '${world.writer}'`, [classifier, stat]);
      await lineages("title ILIKE '%refit%'", [ode]);
      await lineages("tags.team IN ('neuro', 'systems') AND NOT tags.note IS NOT NULL", [classifier, ode]);
      await lineages("tags.note LIKE 'it''s 100\\%%'", [stat]);
      await lineages('promoted_quality_score IS NULL', [stat, both]);
      await lineages('promoted_quality_score > 0.5', [classifier]);
      await lineages(`model_name = '${both}' OR promoted_quality_score <= 0.5`, [both, ode]);
    });

    it('keeps the lineage list cursor bound to its filter', async () => {
      const filter = encodeURIComponent("model_name != 'x'");
      const first = (await t.request('GET', `/api/lineages?limit=1&filter=${filter}`)).json();
      assert.equal(first.total, 4);
      const second = await t.request(
        'GET',
        `/api/lineages?limit=1&filter=${filter}&cursor=${encodeURIComponent(first.next_cursor)}`,
      );
      assert.equal(second.statusCode, 200, second.body);
      assert.notEqual(second.json().lineages[0].model_name, first.lineages[0].model_name);
      await expectRefusal(
        t,
        () => t.request('GET', `/api/lineages?limit=1&cursor=${encodeURIComponent(first.next_cursor)}`),
        400,
        'invalid_request',
      );
    });

    it('keeps the edge list cursor bound to its filter', async () => {
      const filter = encodeURIComponent("predicate = 'biolink:regulates'");
      const first = (await t.request('GET', `/api/kg/edges?limit=1&filter=${filter}`)).json();
      assert.equal(first.total, 3);
      const cursor = encodeURIComponent(first.next_cursor);
      const second = await t.request('GET', `/api/kg/edges?limit=1&filter=${filter}&cursor=${cursor}`);
      assert.equal(second.statusCode, 200, second.body);
      assert.notEqual(second.json().edges[0].id, first.edges[0].id);
      const other = encodeURIComponent("predicate = 'biolink:treats'");
      await expectRefusal(
        t,
        () => t.request('GET', `/api/kg/edges?limit=1&filter=${other}&cursor=${cursor}`),
        400,
        'invalid_request',
      );
    });

    it('finds edges by statement, origin, confidence, source, review flag and time', async () => {
      await edges(
        "predicate = 'biolink:regulates' AND (origin = 'model' OR confidence >= 0.75)",
        edgeIds((e) => e.predicate === 'biolink:regulates' && (e.origin === 'model' || e.confidence >= 0.75)),
      );
      await edges(
        'source_artifact_id IS NULL',
        edgeIds((e) => e.source_artifact_id === null),
      );
      await edges(
        "object LIKE '%\\\\ 50\\%' OR object = 'TYROBP ☃'",
        edgeIds((e) => e.subject === 'APOE' || (e.subject === 'TREM2' && e.object.startsWith('TYROBP'))),
      );
      await edges(
        "review_flag = false AND NOT review_flag = 'true' AND created_at > '2000-01-01'",
        edgeIds(() => true),
      );
      await edges(
        `source_artifact_id = '${world.names.classifier}-v1' AND confidence < 0.5`,
        edgeIds((e) => e.subject === 'APOE'),
      );
    });

    it('filters the graph as of a moment by the values it had then', async () => {
      const now = new Date(Date.now() + 60_000).toISOString();
      await edges(
        'confidence > 0.5',
        edgeIds((e) => e.confidence > 0.5),
        now,
      );
      await edges("origin != 'curated'", [], '2000-01-01');
    });

    for (const [list, url, filter] of [
      ['lineages', '/api/lineages', "status = 'promoted'"],
      ['edges', '/api/kg/edges', 'metrics.auc > 0.5'],
      ['edges', '/api/kg/edges', "confidence > 'high'"],
    ] as const) {
      it(`answers 400 invalid_filter on ${list} for ${filter}`, async () => {
        const error = await expectRefusal(
          t,
          () => t.request('GET', `${url}?filter=${encodeURIComponent(filter)}`),
          400,
          'invalid_filter',
        );
        assert.equal(typeof (error.details as { position: number }).position, 'number');
      });
    }
  });
}
