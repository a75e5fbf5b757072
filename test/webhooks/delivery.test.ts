import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { promoteModel } from '../../src/registry/models/promotion.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import { deliverDueMessages } from '../../src/webhooks/delivery.service.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { promoteUnpaid } from '../support/commands.ts';
import { buildModelBody, registerModel } from '../support/factories.ts';
import { countTableRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { deadUrl, type Receiver, startReceiver } from './receiver.ts';
import { deliveryLog, startWebhookApp, subscribe, verifiedBody, type WebhookApp } from './webhook-support.ts';

for (const store of testStores()) {
  describe(`webhook delivery to a real receiver on ${store.name}`, () => {
    let t: WebhookApp;
    let receiver: Receiver;
    const sweep = () => deliverDueMessages(t.deps);
    before(async () => {
      t = await startWebhookApp(store);
    });
    after(() => t.close());
    beforeEach(async () => {
      receiver = await startReceiver();
    });
    afterEach(async () => {
      // Each case's subscription stops receiving, so the next case sees only its own messages.
      for (const hook of (await t.request('GET', '/api/webhooks', { token: ADMIN_TOKEN })).json().webhooks) {
        await t.request('PATCH', `/api/webhooks/${hook.id}`, { token: ADMIN_TOKEN, body: { active: false } });
      }
      await receiver.close();
    });

    it('sends a registration once, signed so that standardwebhooks verifies it, and logs it delivered', async (ctx) => {
      const hook = await subscribe(t, `${receiver.url}/hooks`, ['model_version_registered']);
      const model = await registerModel(t, buildModelBody());
      assert.deepEqual(await sweep(), { attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      assert.equal(receiver.received.length, 1);
      const [request] = receiver.received;
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/hooks');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['webhook-timestamp'], String(Math.floor(t.clock.now().getTime() / 1000)));
      const body = verifiedBody(hook.secret, request);
      assert.deepEqual(Object.keys(body), ['type', 'timestamp', 'data']);
      assert.equal(body.type, 'model_version_registered');
      assert.equal(body.data.id, model.id);
      assert.equal(body.data.model_name, model.model_name);
      const [delivery] = await deliveryLog(t, hook.id);
      assert.equal(request.headers['webhook-id'], `msg_${delivery.id}`);
      assert.equal(delivery.status, 'delivered');
      assert.equal(delivery.attempts, 1);
      assert.equal(delivery.last_status_code, 200);
      assert.equal(delivery.next_attempt_at, null);
      assert.equal(delivery.delivered_at, t.clock.now().toISOString());
      assert.deepEqual(await sweep(), { attempted: 0, delivered: 0, retrying: 0, failed: 0 });
      assert.equal(receiver.received.length, 1, 'a delivered message is not sent again');
      ctx.diagnostic(`delivered request headers ${JSON.stringify(request.headers)}`);
      ctx.diagnostic(`delivered request body ${request.body}`);
    });

    it('signs with the secret shown at creation only: another secret fails verification', async () => {
      const hook = await subscribe(t, `${receiver.url}/hooks`);
      await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
      await sweep();
      const [request] = receiver.received;
      assert.equal(verifiedBody(hook.secret, request).type, 'webhook_test');
      const other = await subscribe(t, `${receiver.url}/other`, ['webhook_test']);
      assert.throws(
        () => new Webhook(other.secret).verify(request.body, request.headers as Record<string, string>),
        WebhookVerificationError,
      );
    });

    it('retries a 500 after the first wait of the schedule, with the same webhook-id, and then delivers', async () => {
      const hook = await subscribe(t, `${receiver.url}/hooks`);
      receiver.answers.push({ status: 500 });
      await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
      assert.deepEqual(await sweep(), { attempted: 1, delivered: 0, retrying: 1, failed: 0 });
      const [pending] = await deliveryLog(t, hook.id);
      assert.equal(pending.status, 'pending');
      assert.equal(pending.last_status_code, 500);
      assert.equal(pending.last_error, 'answered 500');
      assert.equal(pending.next_attempt_at, new Date(t.clock.now().getTime() + 5000).toISOString());
      assert.equal((await sweep()).attempted, 0, 'nothing is due before the wait is over');
      t.clock.advance(5000);
      assert.deepEqual(await sweep(), { attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      const [first, second] = receiver.received;
      assert.equal(first.headers['webhook-id'], second.headers['webhook-id']);
      assert.equal(
        Number(second.headers['webhook-timestamp']) - Number(first.headers['webhook-timestamp']),
        5,
      );
      assert.equal(first.body, second.body, 'every attempt sends the same body');
      verifiedBody(hook.secret, second);
      const [delivered] = await deliveryLog(t, hook.id);
      assert.equal(delivered.status, 'delivered');
      assert.equal(delivered.attempts, 2);
      assert.equal(delivered.last_error, null);
    });

    /**
     * Sends a test message to `hookId` and walks the whole retry schedule, each attempt failing
     * without an answer and with `error`; returns the delivery, failed.
     */
    async function failEveryAttempt(hookId: string, error: RegExp) {
      await t.request('POST', `/api/webhooks/${hookId}/test`, { token: ADMIN_TOKEN });
      assert.equal((await sweep()).retrying, 1);
      const [first] = await deliveryLog(t, hookId);
      assert.match(first.last_error ?? '', error);
      assert.equal(first.last_status_code, null);
      t.clock.advance(5000);
      assert.equal((await sweep()).retrying, 1);
      t.clock.advance(30_000);
      assert.deepEqual(await sweep(), { attempted: 1, delivered: 0, retrying: 0, failed: 1 });
      const [failed] = await deliveryLog(t, hookId, '&status=failed');
      assert.match(failed.last_error ?? '', error);
      return failed;
    }

    it('retries a receiver that is down on the whole schedule, then marks the delivery failed', async () => {
      const hook = await subscribe(t, await deadUrl());
      const failed = await failEveryAttempt(hook.id, /ECONNREFUSED/);
      assert.equal(failed.attempts, 3);
      assert.equal(failed.next_attempt_at, null);
      t.clock.advance(86_400_000);
      assert.equal((await sweep()).attempted, 0, 'a failed delivery is not retried by itself');
    });

    it('counts a receiver slower than MODELGRAPH_WEBHOOK_TIMEOUT_MS as a failed attempt', async () => {
      const hook = await subscribe(t, `${receiver.url}/hooks`);
      // It does answer 200, but a minute late: an attempt that did not give up would be delivered.
      receiver.answers.push({ status: 200, delayMs: 60_000 });
      await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
      const config = { ...t.deps.config, webhookTimeoutMs: 300 };
      assert.deepEqual(await deliverDueMessages({ ...t.deps, config }), {
        attempted: 1,
        delivered: 0,
        retrying: 1,
        failed: 0,
      });
      assert.equal(receiver.received.length, 1, 'the request reached the receiver');
      const [timedOut] = await deliveryLog(t, hook.id);
      assert.equal(timedOut.last_error, 'timed out after 300 ms');
      assert.equal(timedOut.status, 'pending');
    });

    it('does not follow a redirect: a 302 is a failed attempt and the other URL hears nothing', async () => {
      const hook = await subscribe(t, `${receiver.url}/hooks`);
      receiver.answers.push({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
      await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
      assert.equal((await sweep()).retrying, 1);
      assert.deepEqual(
        receiver.received.map((request) => request.path),
        ['/hooks'],
      );
      const [redirected] = await deliveryLog(t, hook.id);
      assert.equal(redirected.last_status_code, 302);
    });

    it('refuses every attempt to a stored URL that names a metadata service, and fails the delivery saying so', async () => {
      const hook = await subscribe(t, `${receiver.url}/hooks`, ['webhook_test']);
      // A URL stored before the rule existed: the check at registration never saw it.
      await t.store.db.execute(
        sql`update webhooks set url = 'http://Metadata./computeMetadata/v1' where id = ${hook.id}`,
      );
      await failEveryAttempt(hook.id, /^refused: metadata\. names a link-local or cloud-metadata address/);
      assert.equal(receiver.received.length, 0, 'no attempt reached any server');
    });

    it('sends nothing for a change that rolls back after queueing its message', async () => {
      await subscribe(t, `${receiver.url}/hooks`);
      const model = await registerModel(t, buildModelBody());
      await sweep();
      receiver.received.length = 0;
      const before = await countTableRows(t.store.db, ['deliveries', 'events']);
      await assert.rejects(
        runInUnit(t.deps, async (unit) => {
          await promoteModel(t.deps, { unit, id: model.id, caller: { agentId: 'admin', scopes: ['admin'] } });
          throw new Error('the promote transaction fails after its outbox insert');
        }),
        /fails after its outbox insert/,
      );
      assert.deepEqual(await countTableRows(t.store.db, ['deliveries', 'events']), before);
      assert.equal((await sweep()).attempted, 0);
      assert.equal(receiver.received.length, 0);
      await promoteUnpaid(t.deps, { id: model.id, caller: { agentId: 'admin', scopes: ['admin'] } });
      assert.equal((await sweep()).delivered, 1, 'the same change, committed, is sent');
      assert.equal(JSON.parse(receiver.received[0].body).type, 'model_version_promoted');
    });

    it('redelivers a failed delivery on request, with its webhook-id, and a fresh schedule', async () => {
      const hook = await subscribe(t, `${receiver.url}/hooks`, ['webhook_test']);
      receiver.answers.push({ status: 503 }, { status: 503 }, { status: 503 });
      await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
      await sweep();
      t.clock.advance(5000);
      await sweep();
      t.clock.advance(30_000);
      assert.equal((await sweep()).failed, 1);
      const [failed] = await deliveryLog(t, hook.id);
      const response = await t.request('POST', `/api/webhooks/${hook.id}/deliveries/${failed.id}/redeliver`, {
        token: ADMIN_TOKEN,
      });
      assert.equal(response.statusCode, 202, response.body);
      assert.equal(response.json().status, 'pending');
      assert.deepEqual(await sweep(), { attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      assert.equal(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size, 1);
      const [delivered] = await deliveryLog(t, hook.id);
      assert.equal(delivered.attempts, 4);
      assert.equal(delivered.status, 'delivered');
    });

    it('holds the deliveries of an inactive subscription and sends them to its new URL once active again', async () => {
      const hook = await subscribe(t, `${receiver.url}/old`, ['webhook_test']);
      await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
      await t.request('PATCH', `/api/webhooks/${hook.id}`, { token: ADMIN_TOKEN, body: { active: false } });
      assert.equal((await sweep()).attempted, 0);
      const moved = await t.request('PATCH', `/api/webhooks/${hook.id}`, {
        token: ADMIN_TOKEN,
        body: { active: true, url: `${receiver.url}/new` },
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal((await sweep()).delivered, 1);
      assert.deepEqual(
        receiver.received.map((request) => request.path),
        ['/new'],
      );
    });
  });
}
