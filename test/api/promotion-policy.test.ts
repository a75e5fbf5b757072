/**
 * A lineage's promotion policy: its defaults, setting it (admin) with an event, the lineage resource
 * showing it, and what a governed lineage refuses — a direct promotion (409 naming the request
 * route, on the MLflow face PERMISSION_DENIED with the same message) unless an admin overrides with a
 * reason, recorded in the promotion event. Every refusal with its status, code and nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, expectRefusal, registerModel, uniqueId } from '../support/factories.ts';
import { statusesOf } from '../support/governance.ts';
import { expectMlflowRefusal, mlflow } from '../support/mlflow.ts';
import { testStores } from '../support/stores.ts';

const DEFAULTS = {
  required_approvals: 0,
  exclude_contributors: true,
  require_complete_provenance: false,
  require_impact_preview: false,
  preview_max_age_hours: 24,
  max_flag_fraction: null,
};

for (const store of testStores()) {
  describe(`promotion policies on ${store.name}`, () => {
    let t: TestApp;
    let evaluator: string;
    const name = uniqueId('governed');
    const v = (n: number) => `${name}-v${n}`;
    const policyUrl = (lineage = name) => `/api/lineages/${lineage}/policy`;
    const putPolicy = (body: unknown, token = ADMIN_TOKEN, lineage = name) =>
      t.request('PUT', policyUrl(lineage), { token, body });

    before(async () => {
      t = await startTestApp(store);
      evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
      for (let i = 0; i < 4; i++) await registerModel(t, buildModelBody({ model_name: name }));
    });
    after(() => t.close());

    it('answers the defaults for a lineage that never set a policy, and shows them on the lineage', async () => {
      const response = await t.request('GET', policyUrl());
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), DEFAULTS);
      assert.deepEqual((await t.request('GET', `/api/lineages/${name}`)).json().policy, DEFAULTS);
      expectError(await t.request('GET', policyUrl(uniqueId('nope'))), 404, 'not_found');
    });

    it('sets a policy (admin): the defaults fill what is left out, an event records before and after', async () => {
      const response = await putPolicy({ required_approvals: 2, max_flag_fraction: 0.1 });
      assert.equal(response.statusCode, 200, response.body);
      const expected = { ...DEFAULTS, required_approvals: 2, max_flag_fraction: 0.1 };
      assert.deepEqual(response.json(), expected);
      assert.deepEqual((await t.request('GET', policyUrl())).json(), expected);
      assert.deepEqual((await t.request('GET', `/api/lineages/${name}`)).json().policy, expected);
      const listed = (await t.request('GET', `/api/lineages?q=${name}`)).json().lineages;
      assert.deepEqual(listed[0].policy, expected);
      const events = (await t.request('GET', `/api/events?type=promotion_policy_set&target=${name}`)).json();
      assert.equal(events.total, 1);
      assert.deepEqual(events.events[0].detection_metadata, {
        model_name: name,
        policy: expected,
        previous: DEFAULTS,
        actor: 'admin',
      });
    });

    const refusals: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      ['an evaluator setting it', () => putPolicy({ required_approvals: 1 }, evaluator), 403, 'forbidden'],
      [
        'no token',
        () => t.request('PUT', policyUrl(), { body: { required_approvals: 1 } }),
        401,
        'unauthenticated',
      ],
      [
        'an unknown lineage',
        () => putPolicy({ required_approvals: 1 }, ADMIN_TOKEN, uniqueId('nope')),
        404,
        'not_found',
      ],
      ['six approvals', () => putPolicy({ required_approvals: 6 }), 400, 'invalid_request'],
      ['a negative approval count', () => putPolicy({ required_approvals: -1 }), 400, 'invalid_request'],
      ['a preview age of 0 hours', () => putPolicy({ preview_max_age_hours: 0 }), 400, 'invalid_request'],
      ['a preview age of 721 hours', () => putPolicy({ preview_max_age_hours: 721 }), 400, 'invalid_request'],
      ['a flag fraction above 1', () => putPolicy({ max_flag_fraction: 1.5 }), 400, 'invalid_request'],
      ['a fractional approval count', () => putPolicy({ required_approvals: 1.5 }), 400, 'invalid_request'],
      [
        'an unknown field',
        () => putPolicy({ required_approvals: 1, approvers: ['x'] }),
        400,
        'invalid_request',
      ],
      ['a string for a boolean', () => putPolicy({ exclude_contributors: 'yes' }), 400, 'invalid_request'],
    ];
    for (const [label, send, status, code] of refusals) {
      it(`refuses ${label} (${status} ${code}) and keeps the policy`, async () => {
        const before = (await t.request('GET', policyUrl())).json();
        await expectRefusal(t, send, status, code);
        assert.deepEqual((await t.request('GET', policyUrl())).json(), before);
      });
    }

    it('refuses a direct promotion of a governed lineage (409 naming the request route), writing nothing', async () => {
      const before = await statusesOf(t, name);
      const error = await expectRefusal(
        t,
        () => t.request('POST', `/api/models/${v(1)}/promote`, { token: evaluator, body: {} }),
        409,
        'promotion_needs_request',
      );
      assert.match(error.message, new RegExp(`POST /api/models/${v(1)}/promotion-requests`));
      assert.deepEqual(await statusesOf(t, name), before);
      // Even the admin needs an override: the policy is the lineage's, not the caller's.
      await expectRefusal(
        t,
        () => t.request('POST', `/api/models/${v(1)}/promote`, { token: ADMIN_TOKEN, body: {} }),
        409,
        'promotion_needs_request',
      );
    });

    it('refuses MLflow promoting a governed lineage: PERMISSION_DENIED with the same message', async () => {
      const native = expectError(
        await t.request('POST', `/api/models/${v(2)}/promote`, { token: evaluator, body: {} }),
        409,
        'promotion_needs_request',
      );
      const before = await statusesOf(t, name);
      const message = await expectMlflowRefusal(
        t,
        () =>
          mlflow(
            t,
            'POST',
            'model-versions/transition-stage',
            { name, version: '2', stage: 'Production' },
            evaluator,
          ),
        403,
        'PERMISSION_DENIED',
      );
      assert.equal(message, native.message);
      assert.deepEqual(await statusesOf(t, name), before);
    });

    const overrideRefusals: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      [
        'an override by an evaluator',
        () =>
          t.request('POST', `/api/models/${v(1)}/promote`, {
            token: evaluator,
            body: { override: true, reason: 'urgent' },
          }),
        403,
        'forbidden',
      ],
      [
        'an override without a reason',
        () =>
          t.request('POST', `/api/models/${v(1)}/promote`, { token: ADMIN_TOKEN, body: { override: true } }),
        400,
        'invalid_request',
      ],
      [
        'an override with a blank reason',
        () =>
          t.request('POST', `/api/models/${v(1)}/promote`, {
            token: ADMIN_TOKEN,
            body: { override: true, reason: '   ' },
          }),
        400,
        'invalid_request',
      ],
      [
        'a reason without an override',
        () =>
          t.request('POST', `/api/models/${v(1)}/promote`, { token: ADMIN_TOKEN, body: { reason: 'why' } }),
        400,
        'invalid_request',
      ],
    ];
    for (const [label, send, status, code] of overrideRefusals) {
      it(`refuses ${label} (${status} ${code}), writing nothing`, async () => {
        const before = await statusesOf(t, name);
        await expectRefusal(t, send, status, code);
        assert.deepEqual(await statusesOf(t, name), before);
      });
    }

    it("promotes a governed lineage on an admin's override, recording it and the reason in the event", async () => {
      const response = await t.request('POST', `/api/models/${v(1)}/promote`, {
        token: ADMIN_TOKEN,
        body: { override: true, reason: 'the benchmark server is down; approved by phone', notes: 'hotfix' },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().model.status, 'promoted');
      assert.deepEqual(response.json().event.detection_metadata, {
        parent_id: null,
        child_id: v(1),
        actor: 'admin',
        notes: 'hotfix',
        override: true,
        reason: 'the benchmark server is down; approved by phone',
      });
    });

    it('promotes directly again once the policy governs nothing', async () => {
      const relaxed = await putPolicy({ required_approvals: 0, exclude_contributors: false });
      assert.deepEqual(relaxed.json(), { ...DEFAULTS, exclude_contributors: false });
      const response = await t.request('POST', `/api/models/${v(3)}/promote`, { token: evaluator, body: {} });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().event.detection_metadata.override, undefined);
      assert.deepEqual(await statusesOf(t, name), {
        [v(1)]: 'superseded',
        [v(2)]: 'candidate',
        [v(3)]: 'promoted',
        [v(4)]: 'candidate',
      });
    });

    it('governs with any single requirement: complete provenance alone refuses a direct promotion', async () => {
      await putPolicy({ require_complete_provenance: true });
      await expectRefusal(
        t,
        () => t.request('POST', `/api/models/${v(4)}/promote`, { token: evaluator, body: {} }),
        409,
        'promotion_needs_request',
      );
      await putPolicy({ max_flag_fraction: 0 });
      await expectRefusal(
        t,
        () => t.request('POST', `/api/models/${v(4)}/promote`, { token: evaluator, body: {} }),
        409,
        'promotion_needs_request',
      );
    });
  });
}
