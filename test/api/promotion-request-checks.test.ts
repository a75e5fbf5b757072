/**
 * The checks of promotion requests, computed from the real provenance verdict and the real impact
 * preview (its tool-call record): one entry per requirement, a preview that ages out on the clock,
 * the flagged share of its scored edges against the limit, a failing check that records the
 * approval and leaves the request open, and the approval that finds every check passing promoting.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { type ManualClock, manualClock } from '../support/clock.ts';
import {
  buildCompleteModelBody,
  buildModelBody,
  createProvenanceWorld,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import {
  checksByName,
  decideOk,
  openRequest,
  readRequest,
  setPolicy,
  statusesOf,
} from '../support/governance.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote } from '../support/world.ts';

const HOUR = 3_600_000;

for (const store of testStores()) {
  describe(`promotion request checks on ${store.name}`, () => {
    let t: TestApp;
    let clock: ManualClock;
    const name = uniqueId('checked');
    const v = (n: number) => `${name}-v${n}`;
    const tokens: Record<string, string> = {};
    let requestId: number;

    const preview = async (id: string) => {
      const response = await t.request('POST', `/api/models/${id}/impact-preview`, {
        token: tokens.alice,
        body: {},
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    before(async () => {
      clock = manualClock();
      t = await startTestApp(store, {}, clock);
      for (const agent of ['alice', 'bob', 'carol', 'dave']) {
        tokens[agent] = await t.agentToken(uniqueId(agent), ['evaluate']);
      }
      const world = await createProvenanceWorld(t);
      const runtime = fixtureRuntime('echo-model.mjs');
      await registerModel(t, buildCompleteModelBody(world, { model_name: name }));
      await registerModel(t, buildCompleteModelBody(world, { model_name: name, runtime }));
      await registerModel(t, buildModelBody({ model_name: name, runtime }));
      // Two of the four scored edges drop by 0.7 (flagged), two hold; one has no inputs (skipped).
      await insertEdges(t, [
        attributedEdge(`${name}-drop-1`, v(1), 1, 0.9, 0.2),
        attributedEdge(`${name}-drop-2`, v(1), 1, 0.8, 0.1),
        attributedEdge(`${name}-same-1`, v(1), 1, 0.5, 0.5),
        attributedEdge(`${name}-same-2`, v(1), 1, 0.4, 0.4),
        attributedEdge(`${name}-no-inputs`, v(1), 1, 0.4, null),
      ]);
      await promote(t, v(1));
      await setPolicy(t, name, {
        required_approvals: 1,
        require_complete_provenance: true,
        require_impact_preview: true,
        preview_max_age_hours: 24,
        max_flag_fraction: 0.6,
      });
    });
    after(() => t.close());

    it('lists one check per requirement; without a preview the preview and the flag limit fail', async () => {
      const request = await openRequest(t, v(2), tokens.alice);
      requestId = request.id;
      assert.deepEqual(
        request.checks.map((check) => check.name),
        ['complete_provenance', 'impact_preview', 'flag_fraction'],
      );
      assert.deepEqual(checksByName(request), {
        complete_provenance: true,
        impact_preview: false,
        flag_fraction: false,
      });
      assert.match(request.checks[1].detail, new RegExp(`POST /api/models/${v(2)}/impact-preview`));
    });

    it('records an approval while a check fails, and leaves the request open and the version a candidate', async () => {
      const request = await decideOk(t, requestId, 'approve', tokens.bob);
      assert.equal(request.status, 'open');
      assert.equal(request.approvals.length, 1);
      assert.equal(request.required_approvals, 1);
      assert.equal((await statusesOf(t, name))[v(2)], 'candidate');
    });

    it('passes once a preview of the version over the promoted one is recorded, reading its flags', async () => {
      const result = await preview(v(2));
      assert.equal(result.would_flag.count, 2);
      const request = await readRequest(t, requestId);
      assert.deepEqual(checksByName(request), {
        complete_provenance: true,
        impact_preview: true,
        flag_fraction: true,
      });
      assert.match(request.checks[2].detail, /would flag 2 of 4 scored edges \(0\.500 ≤ 0\.6\)/);
    });

    it('fails the preview check once the preview is older than the policy allows', async () => {
      clock.advance(24 * HOUR);
      const stale = await readRequest(t, requestId);
      assert.deepEqual(checksByName(stale), {
        complete_provenance: true,
        impact_preview: false,
        flag_fraction: false,
      });
      assert.match(stale.checks[1].detail, /24\.0 h old/);
      await preview(v(2));
      assert.equal(checksByName(await readRequest(t, requestId)).impact_preview, true);
    });

    it('fails the flag limit when the preview flags too large a share; the approval is kept, the request open', async () => {
      await setPolicy(t, name, {
        required_approvals: 1,
        require_complete_provenance: true,
        require_impact_preview: true,
        max_flag_fraction: 0.4,
      });
      const request = await decideOk(t, requestId, 'approve', tokens.carol);
      assert.equal(request.status, 'open');
      assert.deepEqual(checksByName(request).flag_fraction, false);
      assert.match(request.checks[2].detail, /0\.500 > 0\.4/);
      assert.equal((await statusesOf(t, name))[v(2)], 'candidate');
    });

    it('promotes with the next approval that finds every check passing, keeping the checks it was decided on', async () => {
      await setPolicy(t, name, {
        required_approvals: 1,
        require_complete_provenance: true,
        require_impact_preview: true,
        max_flag_fraction: 0.5,
      });
      const request = await decideOk(t, requestId, 'approve', tokens.dave);
      assert.equal(request.status, 'approved');
      assert.equal(request.approvals.length, 3);
      assert.deepEqual(checksByName(request), {
        complete_provenance: true,
        impact_preview: true,
        flag_fraction: true,
      });
      assert.equal((await statusesOf(t, name))[v(2)], 'promoted');
      // A decided request shows what it was decided on, not what a read finds now.
      clock.advance(100 * HOUR);
      assert.deepEqual((await readRequest(t, requestId)).checks, request.checks);
    });

    it('fails complete_provenance for a version whose provenance breaks a rule, naming the rules', async () => {
      const request = await openRequest(t, v(3), tokens.alice);
      const [provenance] = request.checks;
      assert.equal(provenance.name, 'complete_provenance');
      assert.equal(provenance.passed, false);
      assert.match(provenance.detail, /a training dataset \(trained_on_dataset\)/);
    });

    it('needs no preview for a first promotion: there is nothing to preview against', async () => {
      const first = uniqueId('first');
      await registerModel(
        t,
        buildModelBody({ model_name: first, runtime: fixtureRuntime('echo-model.mjs') }),
      );
      await setPolicy(t, first, {
        required_approvals: 1,
        require_impact_preview: true,
        max_flag_fraction: 0,
      });
      const request = await openRequest(t, `${first}-v1`, tokens.alice);
      assert.deepEqual(checksByName(request), { impact_preview: true, flag_fraction: true });
      const approved = await decideOk(t, request.id, 'approve', tokens.bob);
      assert.equal(approved.status, 'approved');
      assert.equal((await statusesOf(t, first))[`${first}-v1`], 'promoted');
    });

    it('lets an admin override promote over failing checks, superseding the request', async () => {
      const override = await t.request('POST', `/api/models/${v(3)}/promote`, {
        token: ADMIN_TOKEN,
        body: { override: true, reason: 'provenance is tracked in the lab notebook' },
      });
      assert.equal(override.statusCode, 200, override.body);
      const requests = (
        await t.request('GET', `/api/promotion-requests?model_name=${name}&status=superseded`)
      ).json();
      assert.deepEqual(
        requests.requests.map((r: { model_id: string }) => r.model_id),
        [v(3)],
      );
    });
  });
}
