import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openStore, queryRows, type Store } from '../../src/db/database.ts';
import type { Deps } from '../../src/deps.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import { deliverDueMessages } from '../../src/webhooks/delivery.service.ts';
import { type Dispatcher, startDispatcher } from '../../src/webhooks/delivery-dispatcher.ts';
import { sendTestMessage } from '../../src/webhooks/webhook.service.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { eventually } from '../support/eventually.ts';
import { countTableRows } from '../support/row-counts.ts';
import { databaseUrlOf, testStores } from '../support/stores.ts';
import { registerLineage } from '../support/world.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { deliveryLog, deliveryPage, subscribe, WEBHOOK_ENV } from './webhook-support.ts';

/** Queues a test message through `deps` (another connection than the app's), as the admin. */
function sendTestFrom(deps: Deps, id: string) {
  const caller = { agentId: 'admin', scopes: ['admin'] };
  return runInUnit(deps, (unit) => sendTestMessage(deps, { unit, caller, id }));
}

/** How many requests each webhook-id got. */
function requestsPerMessage(receiver: Receiver): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of receiver.received) {
    const id = String(request.headers['webhook-id']);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

// A poll so long that only a commit's notification can wake the dispatcher within a test.
const NO_POLL = { pollMs: 3_600_000 };

for (const store of testStores()) {
  describe(`the dispatcher inside serve on ${store.name}`, () => {
    let t: TestApp;
    let receiver: Receiver;
    let dispatcher: Dispatcher;
    before(async () => {
      t = await startTestApp(store, WEBHOOK_ENV);
      receiver = await startReceiver();
    });
    after(async () => {
      await dispatcher?.stop();
      await receiver.close();
      await t.close();
    });

    it('is woken by each commit and delivers a burst of 1,000 events, each exactly once', async () => {
      const hook = await subscribe(t, `${receiver.url}/burst`, ['model_alias_set']);
      const lineage = `burst-${store.name}`;
      await registerLineage(t, lineage, [null, null]);
      dispatcher = await startDispatcher({ ...t.deps, store: t.store }, NO_POLL);
      for (let i = 0; i < 1000; i++) {
        const response = await t.request('PUT', `/api/lineages/${lineage}/aliases/champion`, {
          token: ADMIN_TOKEN,
          body: { version_number: (i % 2) + 1 },
        });
        assert.equal(response.statusCode, 200, response.body);
      }
      const delivered = async () =>
        (await deliveryPage(t, hook.id, 'status=delivered&limit=1')).total === 1000;
      await eventually(delivered, 'the burst was never all delivered');
      await dispatcher.stop();
      const perMessage = requestsPerMessage(receiver);
      assert.equal(receiver.received.length, 1000);
      assert.equal(perMessage.size, 1000);
      const eventIds = new Set(receiver.received.map((request) => JSON.parse(request.body).data.id));
      assert.equal(eventIds.size, 1000, 'every event was sent, none twice');
    });

    it('aborts the request in flight when it stops, and records the attempt for a retry', async () => {
      const slow = await startTestApp(store, { ...WEBHOOK_ENV, MODELGRAPH_WEBHOOK_TIMEOUT_MS: '60000' });
      const hanging = await startReceiver();
      try {
        hanging.otherwise = 'hang';
        const hook = await subscribe(slow, `${hanging.url}/hang`);
        const running = await startDispatcher({ ...slow.deps, store: slow.store }, NO_POLL);
        const queued = await slow.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
        assert.equal(queued.statusCode, 202, 'the write answers while the subscriber hangs');
        await eventually(() => hanging.received.length === 1, 'the request never reached the receiver');
        await running.stop();
        // Had stop waited instead of aborting, the 60 s timeout would have ended the attempt.
        const [delivery] = await deliveryLog(slow, hook.id);
        assert.equal(delivery.status, 'pending');
        assert.equal(delivery.attempts, 1);
        assert.equal(delivery.last_error, 'aborted: the dispatcher stopped');
      } finally {
        await hanging.close();
        await slow.close();
      }
    });
  });
}

// PGlite is one connection in one process; two dispatchers and a NOTIFY across connections need a server.
for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe('two dispatchers on one PostgreSQL', () => {
    let t: TestApp;
    let second: Store;
    let receiver: Receiver;
    before(async () => {
      t = await startTestApp(store, WEBHOOK_ENV);
      second = await openStore({ databaseUrl: await databaseUrlOf(t.store), dataDir: '' });
      receiver = await startReceiver();
    });
    after(async () => {
      await receiver.close();
      await second.close();
      await t.close();
    });

    it('never send the same attempt twice, racing over the same due deliveries', async () => {
      const hook = await subscribe(t, `${receiver.url}/race`, ['webhook_test']);
      for (let i = 0; i < 300; i++) {
        await t.request('POST', `/api/webhooks/${hook.id}/test`, { token: ADMIN_TOKEN });
      }
      // Every third request fails, so retries race too; answers take a moment so the sweeps overlap.
      let answered = 0;
      receiver.otherwise = { status: 200, delayMs: 5 };
      const failEveryThird = setInterval(() => {
        while (receiver.answers.length < 50)
          receiver.answers.push({ status: answered++ % 3 === 0 ? 500 : 200, delayMs: 5 });
      }, 1);
      const deps = [t.deps, { ...t.deps, db: second.db }];
      const race = () => Promise.all(deps.map((each) => deliverDueMessages(each)));
      const [a, b] = await race();
      assert.ok(a.attempted > 0 && b.attempted > 0, 'both dispatchers took part');
      assert.equal(a.attempted + b.attempted, 300);
      clearInterval(failEveryThird);
      receiver.answers.length = 0;
      receiver.otherwise = { status: 200 };
      const clockAhead = { now: () => new Date(Date.now() + 60_000) };
      await Promise.all(deps.map((each) => deliverDueMessages({ ...each, clock: clockAhead })));
      const log = await deliveryLog(t, hook.id);
      const rest = (await deliveryPage(t, hook.id, 'limit=200&offset=200')).deliveries;
      const all = [...log, ...rest];
      assert.equal(all.length, 300);
      assert.ok(all.every((delivery) => delivery.status === 'delivered'));
      const perMessage = requestsPerMessage(receiver);
      for (const delivery of all) {
        assert.equal(perMessage.get(`msg_${delivery.id}`), delivery.attempts, `delivery ${delivery.id}`);
      }
      assert.ok(
        all.some((delivery) => delivery.attempts === 2),
        'some deliveries were retried',
      );
    });

    it('hears a commit made on another connection (LISTEN/NOTIFY), not only its own', async () => {
      receiver.received.length = 0;
      const hook = await subscribe(t, `${receiver.url}/notify`, ['webhook_test']);
      const dispatcher = await startDispatcher({ ...t.deps, store: t.store }, NO_POLL);
      try {
        await deliverDueMessages(t.deps);
        const before = await countTableRows(t.store.db, ['deliveries']);
        await sendTestFrom({ ...t.deps, db: second.db }, hook.id);
        assert.equal((await countTableRows(t.store.db, ['deliveries'])).deliveries, before.deliveries + 1);
        await eventually(
          () => receiver.received.some((request) => request.path === '/notify'),
          'the notification of the other connection never woke the dispatcher',
        );
      } finally {
        await dispatcher.stop();
      }
    });

    it('listens again after the server drops its LISTEN connection', async () => {
      receiver.received.length = 0;
      const hook = await subscribe(t, `${receiver.url}/relisten`, ['webhook_test']);
      const dispatcher = await startDispatcher({ ...t.deps, store: t.store }, NO_POLL);
      try {
        const listeners = () =>
          queryRows<{ pid: number }>(
            second.db,
            sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
          );
        const [dropped] = await listeners();
        await queryRows(second.db, sql`select pg_terminate_backend(${dropped.pid})`);
        await eventually(
          async () => (await listeners()).some((row) => row.pid !== dropped.pid),
          'the dispatcher never listened again',
        );
        await sendTestFrom({ ...t.deps, db: second.db }, hook.id);
        await eventually(
          () => receiver.received.some((request) => request.path === '/relisten'),
          'the new LISTEN connection never woke the dispatcher',
        );
      } finally {
        await dispatcher.stop();
      }
    });
  });
}
