import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { payMissingPayouts } from '../../src/credit/payout.job.ts';
import type { Deps } from '../../src/deps.ts';
import { NotFound } from '../../src/errors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { payNow } from '../support/commands.ts';
import { expectError } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import {
  createContributors,
  creditDeps,
  mintCredits,
  POOL_MICRO,
  promoteAs,
  readAccounts,
  readPayout,
  readWallet,
  registerPaidModel,
  snapshotLedger,
} from './credit-world.ts';

// No initial mint: promotions land while the treasury is empty, so their after-commit payout fails.
const ENV = { MODELGRAPH_TREASURY_INITIAL: '0' };

for (const store of testStores()) {
  describe(`paying promotions once on ${store.name}`, () => {
    let t: TestApp;
    let deps: Deps;

    before(async () => {
      const clock = manualClock();
      t = await startTestApp(store, ENV, clock);
      deps = creditDeps(t.store.db, clock, ENV);
    });
    after(() => t.close());

    async function promoteUnfunded() {
      const contributors = await createContributors(t);
      const modelId = await registerPaidModel(t, contributors);
      const eventId = await promoteAs(t, modelId, contributors.tokens.evaluator);
      return { contributors, eventId };
    }

    it('leaves a promotion unpaid when the treasury is empty, and the daily job pays it once funded, once', async () => {
      const first = await promoteUnfunded();
      const second = await promoteUnfunded();
      for (const { eventId } of [first, second]) {
        expectError(await t.request('GET', `/api/credit/payouts?event_id=${eventId}`), 404, 'not_found');
      }
      assert.equal((await readWallet(t, first.contributors.ids.trainer)).balance_micro, 0);
      assert.equal((await readAccounts(t)).total_micro, 0);

      await mintCredits(t, 1000);

      assert.equal(await payMissingPayouts(deps), 2);
      for (const { eventId, contributors } of [first, second]) {
        const payout = await readPayout(t, eventId);
        assert.equal(payout.payouts.length, 5);
        const trainer = payout.payouts.find((line) => line.role === 'trainer');
        assert.equal(trainer?.amount_micro, 0.4 * POOL_MICRO);
        assert.equal((await readWallet(t, contributors.ids.trainer)).balance_micro, trainer?.amount_micro);
      }

      const afterJob = await snapshotLedger(t.store.db);
      assert.equal(await payMissingPayouts(deps), 0);
      assert.deepEqual(await snapshotLedger(t.store.db), afterJob, 'a second run moves nothing');
      assert.equal((await readAccounts(t)).total_micro, 1000 * 1e6);
    });

    it('returns false and moves nothing when the same promotion is paid a second time', async () => {
      await mintCredits(t, 100);
      const { eventId } = await promoteUnfunded();
      const paidByRoute = await t.request('GET', `/api/credit/payouts?event_id=${eventId}`);
      assert.equal(paidByRoute.statusCode, 200, 'the treasury is funded, so the route paid it');
      const before = await snapshotLedger(t.store.db);

      assert.equal(await payNow(deps, eventId), false);
      assert.equal(await payMissingPayouts(deps), 0);

      assert.deepEqual(await snapshotLedger(t.store.db), before);
      assert.deepEqual(await readPayout(t, eventId), paidByRoute.json());
    });

    it('refuses to pay an event that is not a promotion, and writes nothing', async () => {
      await mintCredits(t, 100);
      const { eventId } = await promoteUnfunded();
      const payout = await readPayout(t, eventId);
      const payoutEvents = await t.request('GET', '/api/events?type=credit_payout&limit=1');
      const [creditEvent] = payoutEvents.json().events;
      assert.ok(payout.payouts.length > 0 && creditEvent);
      const before = await snapshotLedger(t.store.db);

      await assert.rejects(payNow(deps, creditEvent.id), NotFound);
      await assert.rejects(payNow(deps, 987_654_321), NotFound);

      assert.deepEqual(await snapshotLedger(t.store.db), before);
    });
  });
}
