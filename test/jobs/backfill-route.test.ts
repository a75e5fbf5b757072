import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';
import { insertEdges, registerLineage } from '../support/world.ts';

for (const store of testStores()) {
  describe(`POST /api/jobs/backfill-edges on ${store.name}`, () => {
    let t: TestApp;
    let modelId: string;
    const legacy = (id: string, metadata: object) => ({
      id,
      subject: `GENE:${id}`,
      predicate: 'biolink:regulates',
      object: 'MONDO:0004975',
      confidence: 0.5,
      origin: 'model',
      metadata,
    });
    const edge = async (id: string) => (await t.request('GET', `/api/kg/edges/${id}`)).json();

    before(async () => {
      t = await startTestApp(store);
      [modelId] = await registerLineage(t, 'lineage-backfill-route', [null]);
      await insertEdges(t, [legacy('legacy-1', { model_id: modelId }), legacy('legacy-2', {})]);
    });
    after(() => t.close());

    for (const [what, token, status, code] of [
      ['no token', undefined, 401, 'unauthenticated'],
      ['a write token', 'writer', 403, 'forbidden'],
    ] as const) {
      it(`answers ${status} to ${what} and attributes nothing`, async () => {
        const bearer = token === 'writer' ? await t.agentToken(`writer-${store.name}`, ['write']) : undefined;
        const response = await t.request('POST', '/api/jobs/backfill-edges', { token: bearer, body: {} });
        assert.equal(response.statusCode, status);
        assert.equal(response.json().error.code, code);
        assert.equal((await edge('legacy-1')).source_artifact_id, null);
      });
    }

    for (const body of [{ concurrency: 0 }, { concurrency: 17 }, { dry_run: 'yes' }, { workers: 3 }]) {
      it(`answers 400 to ${JSON.stringify(body)} and attributes nothing`, async () => {
        const response = await t.request('POST', '/api/jobs/backfill-edges', { token: ADMIN_TOKEN, body });
        assert.equal(response.statusCode, 400);
        assert.equal(response.json().error.code, 'invalid_request');
        assert.equal((await edge('legacy-1')).source_artifact_id, null);
      });
    }

    it('counts a dry run without writing, then attributes and marks the rest unknown', async () => {
      const dry = await t.request('POST', '/api/jobs/backfill-edges', {
        token: ADMIN_TOKEN,
        body: { dry_run: true },
      });
      assert.equal(dry.statusCode, 200);
      assert.deepEqual(
        { ...(dry.json() as object), duration_ms: 0 },
        {
          attributed: { model_id: 1, model_name: 0, analysis: 0 },
          unknown: 1,
          scanned: 2,
          duration_ms: 0,
          dry_run: true,
        },
      );
      assert.equal((await edge('legacy-1')).source_artifact_id, null);
      const real = await t.request('POST', '/api/jobs/backfill-edges', {
        token: ADMIN_TOKEN,
        body: { concurrency: 3 },
      });
      assert.equal(real.json().attributed.model_id, 1);
      assert.equal((await edge('legacy-1')).source_artifact_id, modelId);
      const unknown = await edge('legacy-2');
      assert.equal(unknown.provenance_unknown, true);
      assert.equal(unknown.agent_type, 'not_provided');
      const again = await t.request('POST', '/api/jobs/backfill-edges', { token: ADMIN_TOKEN, body: {} });
      assert.equal(again.json().scanned, 0, 'a second run finds nothing to do');
    });
  });
}
