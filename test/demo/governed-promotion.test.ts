/**
 * Governed promotion on the demo world, on both stores: the README's walk-through (the block under
 * its `walkthrough: governed-promotion` marker, run by bash against a listening server) on the fresh
 * world and again on the used one, then the same steps through the API with each intermediate answer
 * checked — the refused direct promotion, the failing preview check, the requester refused, the
 * approval that promotes, the rescore queue, the payout, the superseded request and the history.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DEMO_GOVERNANCE } from '../../src/demo/demo-governance.ts';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectError } from '../support/factories.ts';
import {
  checksByName,
  decide,
  decideOk,
  openRequest,
  readRequest,
  setPolicy,
} from '../support/governance.ts';
import { runProcess } from '../support/run-process.ts';
import { testStores } from '../support/stores.ts';

const L = DEMO_GOVERNANCE.modelName;
const MARKER = '<!-- walkthrough: governed-promotion -->';

/** The fenced block that follows the marker in the README. */
function walkthroughBlock(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const after = readme.slice(readme.indexOf(MARKER) + MARKER.length);
  const match = /```sh\n([\s\S]*?)\n```/.exec(after);
  assert.ok(readme.includes(MARKER) && match, 'the README has the governed-promotion walk-through');
  return match[1];
}

/** Runs the block with `bash -euo pipefail` against the server. */
function runWalkthrough(api: string) {
  return runProcess('bash', ['-euo', 'pipefail', '-c', walkthroughBlock()], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, API: api, ADMIN: ADMIN_TOKEN },
  });
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;

for (const store of testStores()) {
  describe(`governed promotion on the demo world on ${store.name}`, () => {
    let t: TestApp;
    let api: string;

    before(async () => {
      t = await startTestApp(store);
      await loadDemoWorld(t.deps);
      api = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/api`;
    });
    after(() => t.close());

    const lineage = async () => (await t.request('GET', `/api/lineages/${L}`)).json();

    /** After a run: the newest version promoted through a request Ben approved, its promotion paid. */
    async function assertPromotedThroughRequest(versionNumber: number) {
      const id = `${L}-v${versionNumber}`;
      assert.equal((await lineage()).promoted, id);
      const events = (await t.request('GET', `/api/events?type=model_version_promoted&target=${id}`)).json();
      const metadata = events.events[0].detection_metadata;
      assert.deepEqual(metadata.approved_by, ['gov-ben']);
      const request = await readRequest(t, metadata.request_id);
      assert.deepEqual([request.status, request.requested_by, request.model_id], ['approved', 'gov-ana', id]);
      const payout = await t.request('GET', `/api/credit/payouts?event_id=${events.events[0].id}`);
      assert.equal(payout.statusCode, 200, payout.body);
    }

    it('runs the README walk-through on the fresh demo world', {
      skip: !hasCurl && 'needs curl',
    }, async () => {
      const run = await runWalkthrough(api);
      assert.equal(run.status, 0, `${run.stderr}\n${run.stdout}`);
      await assertPromotedThroughRequest(3);
      assert.match(run.stdout, /^promotion_needs_request$/m);
      assert.match(run.stdout, /^not_an_eligible_approver$/m);
      // Refusals show their code; no answer is an error the walk-through did not expect.
      assert.doesNotMatch(run.stdout, /\{"error":\{"code"/);
      // The maintainer's request for v2 was superseded by the refit's promotion.
      const superseded = (
        await t.request('GET', `/api/promotion-requests?model_name=${L}&status=superseded`)
      ).json();
      assert.deepEqual(
        superseded.requests.map((r: { model_id: string }) => r.model_id),
        [`${L}-v2`],
      );
    });

    it('runs it again on the used world, taking the next version through', {
      skip: !hasCurl && 'needs curl',
    }, async () => {
      const run = await runWalkthrough(api);
      assert.equal(run.status, 0, `${run.stderr}\n${run.stdout}`);
      await assertPromotedThroughRequest(4);
    });

    it('takes the same steps through the API, each answer as the walk-through says', async () => {
      const ana = await t.agentToken('api-ana', ['evaluate']);
      const ben = await t.agentToken('api-ben', ['evaluate']);
      await setPolicy(t, L, {
        required_approvals: 1,
        require_complete_provenance: true,
        require_impact_preview: true,
        max_flag_fraction: 0.2,
      });
      const { runtime } = (await t.request('GET', `/api/models/${L}-v2`, { token: ADMIN_TOKEN })).json();
      const registered = await t.request('POST', '/api/models', {
        token: ADMIN_TOKEN,
        body: {
          model_name: L,
          title: 'Integration VAE (refit)',
          model_family: 'deep_learning',
          trained_on: [
            { dataset_id: 'dataset-allen_brain-SEA-AD', version: 3 },
            { dataset_id: 'dataset-rosmap-snrnaseq', version: 2 },
          ],
          produced_by: { analysis_id: 'SDA-2026-01-30-001' },
          tests_hypothesis: { hypothesis_id: 'hyp-trem2-dam-transition' },
          runtime,
        },
      });
      assert.equal(registered.statusCode, 201, registered.body);
      const id = registered.json().id;
      const previous = (await lineage()).promoted;

      const direct = expectError(
        await t.request('POST', `/api/models/${id}/promote`, { token: ana, body: {} }),
        409,
        'promotion_needs_request',
      );
      assert.match(direct.message, new RegExp(`/api/models/${id}/promotion-requests`));
      const request = await openRequest(t, id, ana);
      assert.deepEqual(checksByName(request), {
        complete_provenance: true,
        impact_preview: false,
        flag_fraction: false,
      });
      const preview = await t.request('POST', `/api/models/${id}/impact-preview`, { token: ana, body: {} });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.json().parent_id, previous);
      assert.deepEqual(checksByName(await readRequest(t, request.id)), {
        complete_provenance: true,
        impact_preview: true,
        flag_fraction: true,
      });
      expectError(await decide(t, request.id, 'approve', ana), 403, 'not_an_eligible_approver');
      const before = (await t.request('GET', `/api/lineages/${L}/timeline?limit=1`)).json().entries[0].at;
      assert.equal((await decideOk(t, request.id, 'approve', ben)).status, 'approved');
      assert.equal((await lineage()).promoted, id);

      const rescore = await t.request('POST', '/api/jobs/rescore', { token: ADMIN_TOKEN, body: {} });
      assert.equal(rescore.statusCode, 200, rescore.body);
      const promotion = (
        await t.request('GET', `/api/events?type=model_version_promoted&target=${id}`)
      ).json();
      const payout = (
        await t.request('GET', `/api/credit/payouts?event_id=${promotion.events[0].id}`)
      ).json();
      assert.ok(payout.payouts.some((line: { agent_id: string }) => line.agent_id === 'api-ben'));

      assert.equal((await t.request('GET', `/api/lineages/${L}?as_of=${before}`)).json().promoted, previous);
      assert.equal((await t.request('GET', `/api/models/${L}@promoted?as_of=${before}`)).json().id, previous);
      const timeline = (await t.request('GET', `/api/lineages/${L}/timeline?limit=3`)).json();
      assert.deepEqual(
        timeline.entries.map((entry: { kind: string }) => entry.kind),
        ['promoted', 'superseded', 'request_decided'],
      );
    });
  });
}
