/**
 * The "done when", on the demo world and on both stores: an evaluator previews microglia
 * v3, promotes it, the rescore pass runs, and the pass matches the preview; the edge page shows a
 * flagged edge as of before and after (`scripts/before-you-promote.ts`, over real HTTP).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CANDIDATE, walkThrough } from '../../scripts/before-you-promote.ts';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`before you promote, on the demo world on ${store.name}`, () => {
    let t: TestApp;
    let baseUrl: string;

    before(async () => {
      t = await startTestApp(store);
      await loadDemoWorld(t.deps);
      baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    it('previews microglia v3, promotes it, and the pass matches the preview', async () => {
      const evaluatorToken = await t.agentToken('demo-evaluator', ['evaluate']);
      const report = await walkThrough({ baseUrl, evaluatorToken, adminToken: ADMIN_TOKEN });
      if (process.env.TEST_LOG_LEVEL) console.log(JSON.stringify(report));
      assert.equal(report.child_id, DEMO_CANDIDATE);
      assert.equal(report.parent_id, 'model-biophys-microglia-v2');
      assert.equal(report.edges_total, 40);
      assert.equal(report.edges_considered, 40);
      assert.equal(report.histogram.skipped_no_inputs, 4, 'every tenth demo edge has no stored inputs');
      assert.ok(report.would_flag.count > 0, 'v3 flags some of v2’s edges');
      assert.ok(
        report.payouts.some((line) => line.role === 'eval_runner' && line.agent_id === 'demo-evaluator'),
      );
      assert.notEqual(report.edge_page.as_of_before, report.edge_page.as_of_after);
    });
  });
}
