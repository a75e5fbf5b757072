/**
 * Promotion requests: opening one (an evaluator or a maintainer), reading and listing them, who may
 * approve or reject (never the requester; no contributor when the policy excludes them), the
 * approval that completes a request promoting the version in its transaction — with the request id
 * and approvers in the promotion event, the rescore queue and the payout — rejecting, withdrawing,
 * and the open requests a promotion supersedes. Each refusal with its status, its code and nothing
 * written: no row, and no request or version changing status.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, expectRefusal, registerModel, uniqueId } from '../support/factories.ts';
import {
  decide,
  decideOk,
  openRequest,
  type RequestJson,
  readRequest,
  setPolicy,
  statusesOf,
} from '../support/governance.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`promotion requests on ${store.name}`, () => {
    let t: TestApp;
    const name = uniqueId('requested');
    const v = (n: number) => `${name}-v${n}`;
    const ids = {
      maya: uniqueId('maya'), // registers the lineage: its registrant and maintainer
      mia: uniqueId('mia'), // a second maintainer
      tom: uniqueId('tom'), // trains v4
      alice: uniqueId('alice'), // requests
      bob: uniqueId('bob'),
      carol: uniqueId('carol'),
      dave: uniqueId('dave'), // writes, maintains nothing
    };
    const tokens = {} as Record<keyof typeof ids, string>;
    const requests: Record<string, RequestJson> = {};

    /** Everything that must not move when a request is refused: the lineage's statuses and every request. */
    async function state() {
      const list = (await t.request('GET', `/api/promotion-requests?model_name=${name}&limit=200`)).json();
      return { statuses: await statusesOf(t, name), requests: list.requests };
    }

    async function refuses(send: () => ReturnType<TestApp['request']>, status: number, code: string) {
      const before = await state();
      const error = await expectRefusal(t, send, status, code);
      assert.deepEqual(await state(), before);
      return error;
    }

    before(async () => {
      t = await startTestApp(store);
      tokens.maya = await t.agentToken(ids.maya, ['write', 'evaluate']);
      tokens.mia = await t.agentToken(ids.mia, ['evaluate']);
      tokens.tom = await t.agentToken(ids.tom, ['evaluate']);
      tokens.alice = await t.agentToken(ids.alice, ['evaluate']);
      tokens.bob = await t.agentToken(ids.bob, ['evaluate']);
      tokens.carol = await t.agentToken(ids.carol, ['evaluate']);
      tokens.dave = await t.agentToken(ids.dave, ['write']);
      for (let i = 1; i <= 6; i++) {
        const trainedBy = i === 4 ? { trained_by: ids.tom } : {};
        await registerModel(
          t,
          buildModelBody({ model_name: name, ...trainedBy }),
          i === 4 ? ADMIN_TOKEN : tokens.maya,
        );
      }
      const added = await t.request('PUT', `/api/lineages/${name}/maintainers/${ids.mia}`, {
        token: tokens.maya,
      });
      assert.equal(added.statusCode, 200, added.body);
      const promoted = await t.request('POST', `/api/models/${v(1)}/promote`, {
        token: ADMIN_TOKEN,
        body: {},
      });
      assert.equal(promoted.statusCode, 200, promoted.body);
      const archived = await t.request('PATCH', `/api/models/${v(6)}`, {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(archived.statusCode, 200, archived.body);
      await setPolicy(t, name, { required_approvals: 2 });
    });
    after(() => t.close());

    it('opens a request for a candidate, with every field, and logs promotion_requested', async () => {
      const response = await t.request('POST', `/api/models/${v(2)}/promotion-requests`, {
        token: tokens.alice,
        body: { note: 'rmse down 12 % on held-out donors' },
      });
      assert.equal(response.statusCode, 201, response.body);
      const request = response.json();
      requests.v2 = request;
      assert.equal(typeof request.id, 'number');
      assert.ok(!Number.isNaN(Date.parse(request.created_at)));
      assert.deepEqual(
        { ...request, id: undefined, created_at: undefined },
        {
          id: undefined,
          model_id: v(2),
          model_name: name,
          status: 'open',
          requested_by: ids.alice,
          note: 'rmse down 12 % on held-out donors',
          created_at: undefined,
          decided_at: null,
          required_approvals: 2,
          approvals: [],
          rejections: [],
          checks: [],
        },
      );
      assert.deepEqual(await readRequest(t, request.id), request);
      const events = (await t.request('GET', `/api/events?type=promotion_requested&target=${v(2)}`)).json();
      assert.deepEqual(events.events[0].detection_metadata, {
        request_id: request.id,
        model_name: name,
        note: 'rmse down 12 % on held-out donors',
        actor: ids.alice,
      });
    });

    it('lets a maintainer without the evaluate scope request, and accepts name@alias', async () => {
      const writer = await t.agentToken(uniqueId('writer'), ['write']);
      const alias = await t.request('PUT', `/api/lineages/${name}/aliases/review`, {
        token: tokens.bob,
        body: { version_number: 3 },
      });
      assert.equal(alias.statusCode, 200, alias.body);
      const added = await t.request('PUT', `/api/lineages/${name}/maintainers/${ids.dave}`, {
        token: tokens.maya,
      });
      assert.equal(added.statusCode, 200, added.body);
      requests.v3 = await openRequest(t, `${name}@review`, tokens.dave);
      assert.equal(requests.v3.model_id, v(3));
      assert.equal(requests.v3.requested_by, ids.dave);
      const removed = await t.request('DELETE', `/api/lineages/${name}/maintainers/${ids.dave}`, {
        token: tokens.maya,
      });
      assert.equal(removed.statusCode, 204, removed.body);
      await refuses(
        () => t.request('POST', `/api/models/${v(5)}/promotion-requests`, { token: writer, body: {} }),
        403,
        'forbidden',
      );
    });

    it('lists requests newest first, by lineage and status, in pages by cursor', async () => {
      const all = (await t.request('GET', `/api/promotion-requests?model_name=${name}`)).json();
      assert.deepEqual(
        all.requests.map((r: RequestJson) => r.model_id),
        [v(3), v(2)],
      );
      assert.equal(all.next_cursor, null);
      const first = (await t.request('GET', `/api/promotion-requests?model_name=${name}&limit=1`)).json();
      assert.equal(first.requests[0].model_id, v(3));
      const second = (
        await t.request(
          'GET',
          `/api/promotion-requests?model_name=${name}&limit=1&cursor=${first.next_cursor}`,
        )
      ).json();
      assert.deepEqual(
        second.requests.map((r: RequestJson) => r.model_id),
        [v(2)],
      );
      assert.equal(second.next_cursor, null);
      const open = (await t.request('GET', `/api/promotion-requests?status=open&model_name=${name}`)).json();
      assert.equal(open.requests.length, 2);
      const approved = (
        await t.request('GET', `/api/promotion-requests?status=approved&model_name=${name}`)
      ).json();
      assert.deepEqual(approved.requests, []);
      expectError(await t.request('GET', '/api/promotion-requests?status=pending'), 400, 'invalid_request');
      expectError(await t.request('GET', '/api/promotion-requests?offset=2'), 400, 'unknown_parameter');
      expectError(await t.request('GET', '/api/promotion-requests?cursor=nonsense'), 400, 'invalid_request');
    });

    const openRefusals: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      [
        'a second open request for the version',
        () => t.request('POST', `/api/models/${v(2)}/promotion-requests`, { token: tokens.bob, body: {} }),
        409,
        'request_exists',
      ],
      [
        'the promoted version',
        () => t.request('POST', `/api/models/${v(1)}/promotion-requests`, { token: tokens.bob, body: {} }),
        409,
        'illegal_status_change',
      ],
      [
        'an archived version',
        () => t.request('POST', `/api/models/${v(6)}/promotion-requests`, { token: tokens.bob, body: {} }),
        409,
        'illegal_status_change',
      ],
      [
        'no token',
        () => t.request('POST', `/api/models/${v(5)}/promotion-requests`, { body: {} }),
        401,
        'unauthenticated',
      ],
      [
        'an unknown version',
        () => t.request('POST', `/api/models/${v(9)}/promotion-requests`, { token: tokens.bob, body: {} }),
        404,
        'not_found',
      ],
      [
        'a note over 2,000 characters',
        () =>
          t.request('POST', `/api/models/${v(5)}/promotion-requests`, {
            token: tokens.bob,
            body: { note: 'x'.repeat(2001) },
          }),
        400,
        'invalid_request',
      ],
      [
        'an unknown field',
        () =>
          t.request('POST', `/api/models/${v(5)}/promotion-requests`, {
            token: tokens.bob,
            body: { urgent: true },
          }),
        400,
        'invalid_request',
      ],
    ];
    for (const [label, send, status, code] of openRefusals) {
      it(`refuses to open a request for ${label} (${status} ${code}), writing nothing`, async () => {
        const error = await refuses(send, status, code);
        if (code === 'request_exists') assert.deepEqual(error.details, { request_id: requests.v2.id });
      });
    }

    it('refuses approvals and rejections by those the policy excludes (403), writing nothing', async () => {
      requests.v4 = await openRequest(t, v(4), tokens.alice);
      const cases: [string, number, string][] = [
        [tokens.alice, requests.v4.id, 'requested this promotion'],
        [tokens.maya, requests.v4.id, 'maintains this lineage'],
        [tokens.mia, requests.v4.id, 'maintains this lineage'],
        [tokens.tom, requests.v4.id, 'trained this version'],
        [tokens.maya, requests.v2.id, 'trained this version'],
        // v4 was registered by admin for tom: admin is its registrant.
        [ADMIN_TOKEN, requests.v4.id, 'registered this version'],
      ];
      for (const [token, requestId, reason] of cases) {
        for (const action of ['approve', 'reject'] as const) {
          const error = await refuses(
            () => decide(t, requestId, action, token, { comment: 'looks fine' }),
            403,
            'not_an_eligible_approver',
          );
          assert.deepEqual(error.details, { reason });
        }
      }
      await refuses(() => decide(t, requests.v4.id, 'approve', tokens.dave), 403, 'forbidden');
      await refuses(() => decide(t, requests.v4.id, 'approve', ''), 401, 'unauthenticated');
    });

    it('records an approval short of the required count and keeps the request open', async () => {
      const request = await decideOk(t, requests.v2.id, 'approve', tokens.bob, {
        comment: 'metrics hold up',
      });
      assert.equal(request.status, 'open');
      assert.deepEqual(
        request.approvals.map(({ agent_id, comment }) => ({ agent_id, comment })),
        [{ agent_id: ids.bob, comment: 'metrics hold up' }],
      );
      assert.equal((await statusesOf(t, name))[v(2)], 'candidate');
      await refuses(() => decide(t, requests.v2.id, 'approve', tokens.bob), 409, 'already_decided');
      await refuses(
        () => decide(t, requests.v2.id, 'reject', tokens.bob, { comment: 'changed my mind' }),
        409,
        'already_decided',
      );
    });

    it('promotes the version with the approval that completes the request, superseding the others', async () => {
      const request = await decideOk(t, requests.v2.id, 'approve', tokens.carol);
      assert.equal(request.status, 'approved');
      assert.ok(request.decided_at);
      assert.deepEqual(
        request.approvals.map((approval) => approval.agent_id),
        [ids.bob, ids.carol],
      );
      const statuses = await statusesOf(t, name);
      assert.deepEqual([statuses[v(1)], statuses[v(2)]], ['superseded', 'promoted']);
      const promotion = (
        await t.request('GET', `/api/events?type=model_version_promoted&target=${v(2)}`)
      ).json();
      assert.equal(promotion.total, 1);
      const event = promotion.events[0];
      assert.equal(event.actor, ids.carol);
      assert.deepEqual(event.detection_metadata, {
        parent_id: v(1),
        child_id: v(2),
        actor: ids.carol,
        request_id: requests.v2.id,
        approved_by: [ids.bob, ids.carol],
      });
      const queued = await queryRows<{ parent_id: string }>(
        t.store.db,
        sql`select parent_id from rescore_queue where event_id = ${event.id}`,
      );
      assert.deepEqual(queued, [{ parent_id: v(1) }]);
      const payout = await t.request('GET', `/api/credit/payouts?event_id=${event.id}`);
      assert.equal(payout.statusCode, 200, payout.body);
      // The lineage's other open requests were superseded by the promotion.
      for (const key of ['v3', 'v4']) {
        const other = await readRequest(t, requests[key].id);
        assert.equal(other.status, 'superseded', key);
        assert.equal(other.required_approvals, 2);
      }
      const decided = (await t.request('GET', `/api/events?type=promotion_request_decided&limit=50`)).json();
      const statusOf = (id: number) =>
        decided.events.find(
          (e: { detection_metadata: { request_id: number } }) => e.detection_metadata.request_id === id,
        )?.detection_metadata;
      assert.deepEqual(
        { ...statusOf(requests.v2.id), model_name: undefined },
        {
          request_id: requests.v2.id,
          model_name: undefined,
          status: 'approved',
          approved_by: [ids.bob, ids.carol],
          rejected_by: [],
          comment: null,
          actor: ids.carol,
        },
      );
      assert.equal(statusOf(requests.v3.id).status, 'superseded');
      assert.equal(statusOf(requests.v3.id).promoted_id, v(2));
    });

    it('refuses to decide a request that is no longer open (409), writing nothing', async () => {
      const other = await t.agentToken(uniqueId('erin'), ['evaluate']);
      await refuses(() => decide(t, requests.v2.id, 'approve', other), 409, 'already_decided');
      await refuses(
        () => decide(t, requests.v3.id, 'reject', other, { comment: 'no' }),
        409,
        'already_decided',
      );
      await refuses(() => decide(t, requests.v3.id, 'withdraw', tokens.dave), 409, 'already_decided');
    });

    it('refuses to open a request for a superseded version (409): only a candidate is requested', async () => {
      assert.equal((await statusesOf(t, name))[v(1)], 'superseded');
      await refuses(
        () => t.request('POST', `/api/models/${v(1)}/promotion-requests`, { token: tokens.bob, body: {} }),
        409,
        'illegal_status_change',
      );
    });

    it('rejects with a comment (one eligible rejection closes the request)', async () => {
      const request = await openRequest(t, v(4), tokens.alice);
      await refuses(() => decide(t, request.id, 'reject', tokens.carol), 400, 'invalid_request');
      await refuses(
        () => decide(t, request.id, 'reject', tokens.carol, { comment: '' }),
        400,
        'invalid_request',
      );
      const rejected = await decideOk(t, request.id, 'reject', tokens.carol, {
        comment: 'no held-out evaluation',
      });
      assert.equal(rejected.status, 'rejected');
      assert.deepEqual(
        rejected.rejections.map(({ agent_id, comment }) => ({ agent_id, comment })),
        [{ agent_id: ids.carol, comment: 'no held-out evaluation' }],
      );
      assert.equal((await statusesOf(t, name))[v(4)], 'candidate');
    });

    it('is withdrawn by its requester or admin, by nobody else', async () => {
      const request = await openRequest(t, v(5), tokens.alice);
      await refuses(() => decide(t, request.id, 'withdraw', tokens.bob), 403, 'forbidden');
      assert.equal((await decideOk(t, request.id, 'withdraw', tokens.alice)).status, 'withdrawn');
      const again = await openRequest(t, v(5), tokens.alice);
      assert.equal((await decideOk(t, again.id, 'withdraw', ADMIN_TOKEN)).status, 'withdrawn');
    });

    it('refuses to decide a request whose version was archived meanwhile (409); its requester withdraws it', async () => {
      const archivable = await registerModel(t, buildModelBody({ model_name: name }), tokens.maya);
      const request = await openRequest(t, archivable.id, tokens.alice);
      const archived = await t.request('PATCH', `/api/models/${archivable.id}`, {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(archived.statusCode, 200, archived.body);
      await refuses(() => decide(t, request.id, 'approve', tokens.bob), 409, 'illegal_status_change');
      await refuses(
        () => decide(t, request.id, 'reject', tokens.bob, { comment: 'gone' }),
        409,
        'illegal_status_change',
      );
      assert.equal((await decideOk(t, request.id, 'withdraw', tokens.alice)).status, 'withdrawn');
    });

    it('answers 404 for a request that does not exist, whatever its id looks like', async () => {
      for (const id of ['999999999', 'abc', '0', '-1', '1.5']) {
        expectError(await t.request('GET', `/api/promotion-requests/${id}`), 404, 'not_found');
        await refuses(() => decide(t, id as unknown as number, 'approve', tokens.bob), 404, 'not_found');
      }
    });

    it('lets contributors decide when the policy allows it, never the requester', async () => {
      await setPolicy(t, name, { required_approvals: 1, exclude_contributors: false });
      const request = await openRequest(t, v(3), tokens.alice);
      await refuses(() => decide(t, request.id, 'approve', tokens.alice), 403, 'not_an_eligible_approver');
      const approved = await decideOk(t, request.id, 'approve', tokens.maya);
      assert.equal(approved.status, 'approved');
      assert.equal((await statusesOf(t, name))[v(3)], 'promoted');
    });

    it('supersedes the open requests when an admin overrides the policy', async () => {
      await setPolicy(t, name, { required_approvals: 1 });
      const request = await openRequest(t, v(5), tokens.alice);
      const override = await t.request('POST', `/api/models/${v(4)}/promote`, {
        token: ADMIN_TOKEN,
        body: { override: true, reason: 'release freeze ends today' },
      });
      assert.equal(override.statusCode, 200, override.body);
      const superseded = await readRequest(t, request.id);
      assert.equal(superseded.status, 'superseded');
      assert.ok(superseded.decided_at);
    });
  });
}
