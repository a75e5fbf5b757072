import assert from 'node:assert/strict';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actingAs } from '../../src/caller.ts';
import { loadConfig } from '../../src/config.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

/** The operator who runs the job, as the CLI does. */
const OPERATOR = actingAs('operator');

// PGlite has one connection, so only a real server can show two passes racing.
for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe('concurrent rescore passes on postgres', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    it('lets exactly one of two passes started at once do the work', async () => {
      const [p1, p2] = await registerLineage(t, 'lineage-race', [null, fixtureRuntime('echo-model.mjs')]);
      await insertEdges(
        t,
        Array.from({ length: 50 }, (_, i) => attributedEdge(`race-${i}`, p1, 1, 0.5, 0.2)),
      );
      await promote(t, p1);
      await promote(t, p2);
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-race-')), 'rescore.log'),
      });
      const deps = { ...t.deps, config };
      const results = await Promise.all([
        performRescore(deps, { caller: OPERATOR, dryRun: false }),
        performRescore(deps, { caller: OPERATOR, dryRun: false }),
      ]);
      const outcomes = results.map((result) => result.outcome).sort();
      assert.deepEqual(outcomes, ['noop', 'ok']);
      const worked = results.find((result) => result.outcome === 'ok');
      assert.equal(worked?.histogram.large_decrease, 50);
      const edges = (await t.request('GET', `/api/kg/edges?source_artifact_id=${p2}&limit=100`)).json();
      assert.equal(edges.total, 50);
      const history = (await t.request('GET', '/api/kg/edges/race-0')).json().history;
      assert.equal(history.length, 2, 'each edge is re-scored once');
    });
  });
}
