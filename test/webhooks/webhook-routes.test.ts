import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectRefusal } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { deliveryLog, subscribe } from './webhook-support.ts';

const RECEIVER = 'http://127.0.0.1:9/hooks';

for (const store of testStores()) {
  describe(`webhook routes on ${store.name}`, () => {
    let t: TestApp;
    let writer: string;
    let hookId: string;
    before(async () => {
      t = await startTestApp(store);
      writer = await t.agentToken('webhook-writer', ['write', 'evaluate']);
      hookId = (await subscribe(t, RECEIVER, ['webhook_test'])).id;
    });
    after(() => t.close());

    it('creates a subscription with a whsec_ secret of 32 random bytes, shown only in the answer', async () => {
      const response = await t.request('POST', '/api/webhooks', {
        token: ADMIN_TOKEN,
        body: {
          url: 'https://example.org/modelgraph',
          event_types: ['model_version_promoted', 'model_alias_set'],
        },
      });
      assert.equal(response.statusCode, 201, response.body);
      const created = response.json();
      assert.deepEqual(Object.keys(created).sort(), [
        'active',
        'created_at',
        'description',
        'event_types',
        'id',
        'secret',
        'url',
      ]);
      assert.equal(created.active, true);
      assert.equal(created.description, null);
      assert.deepEqual(created.event_types, ['model_version_promoted', 'model_alias_set']);
      assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      assert.equal(Buffer.from(created.secret.slice(6), 'base64').length, 32);
      const listed = (await t.request('GET', '/api/webhooks', { token: ADMIN_TOKEN })).json().webhooks;
      const found = listed.find((hook: { id: string }) => hook.id === created.id);
      const { secret: _shownOnce, ...withoutSecret } = created;
      assert.deepEqual(found, withoutSecret);
      assert.ok(!JSON.stringify(listed).includes(created.secret));
    });

    it('changes url, event types, active and description with PATCH, each left as it was when absent', async () => {
      const url = (path: string) => `/api/webhooks/${hookId}${path}`;
      const patched = await t.request('PATCH', url(''), {
        token: ADMIN_TOKEN,
        body: { description: 'the lab bot', active: false },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const { id, created_at: _createdAt, ...changed } = patched.json() as Record<string, unknown>;
      assert.equal(id, hookId);
      assert.deepEqual(changed, {
        url: RECEIVER,
        event_types: ['webhook_test'],
        active: false,
        description: 'the lab bot',
      });
      const moved = await t.request('PATCH', url(''), {
        token: ADMIN_TOKEN,
        body: { url: 'http://127.0.0.1:10/new', event_types: ['*'], active: true, description: null },
      });
      assert.deepEqual(
        [moved.json().url, moved.json().event_types, moved.json().active, moved.json().description],
        ['http://127.0.0.1:10/new', ['*'], true, null],
      );
    });

    it('queues a webhook_test delivery (202) and lists the log with status, limit, offset and total', async () => {
      const queued = await t.request('POST', `/api/webhooks/${hookId}/test`, { token: ADMIN_TOKEN });
      assert.equal(queued.statusCode, 202, queued.body);
      const delivery = queued.json();
      assert.deepEqual(Object.keys(delivery).sort(), [
        'attempts',
        'created_at',
        'delivered_at',
        'event_id',
        'event_type',
        'id',
        'last_error',
        'last_status_code',
        'next_attempt_at',
        'status',
      ]);
      assert.equal(delivery.event_type, 'webhook_test');
      assert.equal(delivery.status, 'pending');
      assert.equal(delivery.attempts, 0);
      await t.request('POST', `/api/webhooks/${hookId}/test`, { token: ADMIN_TOKEN });
      const page = await t.request('GET', `/api/webhooks/${hookId}/deliveries?limit=1&offset=1`, {
        token: ADMIN_TOKEN,
      });
      assert.equal(page.statusCode, 200, page.body);
      assert.equal(page.json().total, 2);
      assert.deepEqual(
        page.json().deliveries.map((d: { id: number }) => d.id),
        [delivery.id],
        'newest first',
      );
      assert.equal((await deliveryLog(t, hookId, '&status=pending')).length, 2);
      assert.equal((await deliveryLog(t, hookId, '&status=delivered')).length, 0);
      const again = await t.request('POST', `/api/webhooks/${hookId}/deliveries/${delivery.id}/redeliver`, {
        token: ADMIN_TOKEN,
      });
      assert.equal(again.statusCode, 202, again.body);
      assert.equal(again.json().id, delivery.id);
    });

    describe('refusals (status, code, nothing written)', () => {
      const post =
        (body: unknown, token = ADMIN_TOKEN) =>
        () =>
          t.request('POST', '/api/webhooks', { token, body });
      for (const [why, url] of [
        ['ftp', 'ftp://example.org/hooks'],
        ['not a URL', 'example.org/hooks'],
        ['javascript', 'javascript:alert(1)'],
        ['cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
        ['metadata host name', 'http://metadata.google.internal/computeMetadata/v1'],
        ['IPv6 link-local', 'http://[fe80::1]/hooks'],
        ['IPv4-mapped metadata', 'http://[::ffff:169.254.169.254]/'],
        ['credentials', 'https://user:secret@example.org/hooks'],
      ]) {
        it(`refuses a url that is ${why} (400)`, async () => {
          const error = await expectRefusal(t, post({ url, event_types: ['*'] }), 400, 'invalid_request');
          assert.deepEqual(error.details, { field: 'url' });
        });
      }

      for (const [why, body] of [
        ['no event types', { url: RECEIVER, event_types: [] }],
        ['an unknown event type', { url: RECEIVER, event_types: ['model_deleted'] }],
        ['"*" beside a type', { url: RECEIVER, event_types: ['*', 'webhook_test'] }],
        ['a repeated type', { url: RECEIVER, event_types: ['webhook_test', 'webhook_test'] }],
        ['no url', { event_types: ['*'] }],
        ['an unknown field', { url: RECEIVER, event_types: ['*'], secret: 'whsec_mine' }],
        ['a null body', null],
        ['a NUL byte', { url: RECEIVER, event_types: ['*'], description: 'a\u0000b' }],
        ['an over-long url', { url: `https://example.org/${'a'.repeat(2100)}`, event_types: ['*'] }],
      ] as const) {
        it(`refuses a subscription with ${why} (400)`, async () => {
          await expectRefusal(t, post(body), 400, 'invalid_request');
        });
      }

      it('asks for a token (401) and for admin (403) on every route', async () => {
        const routes: [string, string, unknown?][] = [
          ['POST', '/api/webhooks', { url: RECEIVER, event_types: ['*'] }],
          ['GET', '/api/webhooks'],
          ['PATCH', `/api/webhooks/${hookId}`, { active: false }],
          ['POST', `/api/webhooks/${hookId}/test`],
          ['GET', `/api/webhooks/${hookId}/deliveries`],
          ['POST', `/api/webhooks/${hookId}/deliveries/1/redeliver`],
        ];
        for (const [method, url, body] of routes) {
          await expectRefusal(t, () => t.request(method, url, { body }), 401, 'unauthenticated');
          await expectRefusal(t, () => t.request(method, url, { body, token: writer }), 403, 'forbidden');
        }
      });

      it('refuses an empty PATCH and a bad url in one (400), and an unknown subscription (404)', async () => {
        const patch = (id: string, body: unknown) => () =>
          t.request('PATCH', `/api/webhooks/${id}`, { token: ADMIN_TOKEN, body });
        await expectRefusal(t, patch(hookId, {}), 400, 'invalid_request');
        await expectRefusal(t, patch(hookId, { url: 'file:///etc/passwd' }), 400, 'invalid_request');
        await expectRefusal(t, patch(hookId, { active: 'yes' }), 400, 'invalid_request');
        await expectRefusal(t, patch('wh_missing', { active: false }), 404, 'not_found');
      });

      it('answers 404 for the test message and the log of an unknown subscription', async () => {
        await expectRefusal(
          t,
          () => t.request('POST', '/api/webhooks/wh_missing/test', { token: ADMIN_TOKEN }),
          404,
          'not_found',
        );
        await expectRefusal(
          t,
          () => t.request('GET', '/api/webhooks/wh_missing/deliveries', { token: ADMIN_TOKEN }),
          404,
          'not_found',
        );
      });

      for (const [query, code] of [
        ['status=lost', 'invalid_request'],
        ['limit=0', 'invalid_request'],
        ['limit=201', 'invalid_request'],
        ['offset=-1', 'invalid_request'],
        ['offset=2147483648', 'invalid_request'],
        ['page=2', 'unknown_parameter'],
      ]) {
        it(`refuses the delivery log query ${query} (400 ${code})`, async () => {
          await expectRefusal(
            t,
            () => t.request('GET', `/api/webhooks/${hookId}/deliveries?${query}`, { token: ADMIN_TOKEN }),
            400,
            code,
          );
        });
      }

      it('refuses a malformed delivery id (400) and one the subscription does not have (404)', async () => {
        const redeliver = (id: string, delivery: string) => () =>
          t.request('POST', `/api/webhooks/${id}/deliveries/${delivery}/redeliver`, { token: ADMIN_TOKEN });
        for (const bad of ['abc', '0', '1.5', '9007199254740993', '-1']) {
          await expectRefusal(t, redeliver(hookId, bad), 400, 'invalid_request');
        }
        await expectRefusal(t, redeliver(hookId, '987654321'), 404, 'not_found');
        const other = await subscribe(t, RECEIVER, ['webhook_test']);
        const [mine] = await deliveryLog(t, hookId);
        await expectRefusal(t, redeliver(other.id, String(mine.id)), 404, 'not_found');
        await expectRefusal(t, redeliver('wh_missing', String(mine.id)), 404, 'not_found');
      });
    });
  });
}
