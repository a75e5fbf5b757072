/**
 * The "done when", on the demo world and on both stores: on a copy of the demo's story, an
 * evaluator previews the copy of microglia v3, promotes it, the rescore pass runs, and the pass
 * matches the preview; the edge page shows a flagged edge as of before and after
 * (`scripts/before-you-promote.ts`, over real HTTP). A second run on the same server does the same
 * on a copy of its own, and the demo's own versions are left as they were.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_CANDIDATE, DEMO_PARENT, walkThrough } from '../../scripts/before-you-promote.ts';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { freePort } from '../support/postgres-server.ts';
import { runProcess } from '../support/run-process.ts';
import { testStores } from '../support/stores.ts';

const SCRIPT = join(import.meta.dirname, '../../scripts/before-you-promote.ts');

/** Runs the script as a reader does, returning its exit status and output. */
const runScript = (args: string[]) => runProcess(process.execPath, ['--import', 'tsx', SCRIPT, ...args]);

for (const store of testStores()) {
  describe(`before you promote, on the demo world on ${store.name}`, () => {
    let t: TestApp;
    let baseUrl: string;

    before(async () => {
      // A pass whenever asked, as on the READMEs' walk-through server: the second run needs its own.
      t = await startTestApp(store, { MODELGRAPH_RESCORE_WINDOW_HOURS: '0.000001' });
      await loadDemoWorld(t.deps);
      baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    it('answers a wrong admin token with one line naming the flags, not a stack', async () => {
      const evaluatorToken = await t.agentToken('demo-evaluator', ['evaluate']);
      const run = await runScript(['--url', baseUrl, '--token', evaluatorToken, '--admin-token', 'wrong']);
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.match(
        run.stderr,
        /^before-you-promote: GET \/api\/models\/model-biophys-microglia-v2 answered 401 unauthenticated: .* check --token and --admin-token/,
      );
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    });

    it('previews a copy of microglia v3, promotes it, and the pass matches the preview — twice', async () => {
      const evaluatorToken = await t.agentToken('demo-evaluator', ['evaluate']);
      const reports = [];
      for (let run = 0; run < 2; run++) {
        const report = await walkThrough({ baseUrl, evaluatorToken, adminToken: ADMIN_TOKEN });
        if (process.env.TEST_LOG_LEVEL) console.log(JSON.stringify(report));
        assert.match(report.child_id, /^model-biophys-microglia-walkthrough-[0-9a-f]{8}-v2$/);
        assert.equal(report.parent_id, report.child_id.replace(/-v2$/, '-v1'));
        assert.deepEqual(report.copied_from, { parent: DEMO_PARENT, candidate: DEMO_CANDIDATE });
        assert.equal(report.edges_total, 40);
        assert.equal(report.edges_considered, 40);
        assert.equal(report.histogram.skipped_no_inputs, 4, 'every tenth demo edge has no stored inputs');
        assert.ok(report.would_flag.count > 0, 'v3 flags some of v2’s edges');
        assert.ok(
          report.payouts.some((line) => line.role === 'eval_runner' && line.agent_id === 'demo-evaluator'),
        );
        assert.notEqual(report.edge_page.as_of_before, report.edge_page.as_of_after);
        reports.push(report);
      }
      assert.notEqual(reports[0].child_id, reports[1].child_id, 'each run makes its own copy');
      assert.deepEqual(reports[1].histogram, reports[0].histogram, 'the same story, the same numbers');
      const demo = async (id: string) => (await t.request('GET', `/api/models/${id}`)).json().status;
      assert.equal(await demo(DEMO_PARENT), 'promoted', 'the demo is left as it was');
      assert.equal(await demo(DEMO_CANDIDATE), 'candidate');
    });
  });
}

describe('before-you-promote.ts without a server', () => {
  it('says that no server answers at --url, in one line', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await runScript(['--url', url, '--token', 't', '--admin-token', 'a']);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      new RegExp(`^before-you-promote: no modelgraph server answers at ${url} .*--url\\n$`),
    );
  });

  it('names the missing flags with status 2', async () => {
    const run = await runScript(['--token', 't']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^before-you-promote: --token and --admin-token are needed\nusage: /);
  });
});
