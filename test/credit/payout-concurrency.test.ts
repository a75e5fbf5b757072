import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { payMissingPayouts } from '../../src/credit/payout.job.ts';
import { openStore, queryRows, type Store } from '../../src/db/database.ts';
import type { Deps } from '../../src/deps.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { payNow, promoteUnpaid } from '../support/commands.ts';
import { databaseUrlOf, testStores } from '../support/stores.ts';
import {
  type ContributorTokens,
  createContributors,
  creditDeps,
  ledgerSums,
  POOL_MICRO,
  readPayout,
  readWallet,
  registerPaidModel,
} from './credit-world.ts';

const ENV = { MODELGRAPH_CREDIT_DAILY_CAP: '50' };

// Two pools are two sets of connections: the only way to pay one promotion from two places at once.
for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe(`concurrent payouts on ${store.name}`, () => {
    let t: TestApp;
    let second: Store;
    let deps: [Deps, Deps];

    before(async () => {
      const clock = manualClock();
      t = await startTestApp(store, ENV, clock);
      second = await openStore({ databaseUrl: await databaseUrlOf(t.store), dataDir: '' });
      deps = [creditDeps(t.store.db, clock, ENV), creditDeps(second.db, clock, ENV)];
    });
    after(async () => {
      await second.close();
      await t.close();
    });

    /** A promotion committed without its after-commit payout (as if the server stopped in between). */
    async function promoteWithoutPayout(contributors: ContributorTokens): Promise<number> {
      const modelId = await registerPaidModel(t, contributors);
      const event = await promoteUnpaid(t.deps, {
        id: modelId,
        caller: { agentId: contributors.ids.evaluator, scopes: ['evaluate'] },
      });
      return event.id;
    }

    const count = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ n: number }>(t.store.db, query))[0].n;

    it('pays a promotion once when two connections pay it at the same time', async () => {
      for (let round = 0; round < 5; round++) {
        const eventId = await promoteWithoutPayout(await createContributors(t));

        const results = await Promise.all(deps.map((each) => payNow(each, eventId)));

        assert.deepEqual(
          results.filter((isPaid) => isPaid),
          [true],
          `round ${round}: exactly one payer pays`,
        );
        assert.equal(
          await count(sql`select count(*)::int as n from credit_payouts where event_id = ${eventId}`),
          1,
        );
        const payout = await readPayout(t, eventId);
        const paidLines = payout.payouts.filter((line) => line.amount_micro > 0);
        assert.equal(
          await count(sql`select count(*)::int as n from ledger_transfers where event_id = ${eventId}`),
          paidLines.length,
        );
        assert.equal(
          await count(sql`select count(*)::int as n from events
                           where event_type = 'credit_payout'
                             and (detection_metadata->>'promotion_event_id')::int = ${eventId}`),
          payout.payouts.length,
        );
        for (const line of paidLines) {
          assert.equal((await readWallet(t, line.agent_id)).balance_micro, line.amount_micro);
        }
        const sums = await ledgerSums(t.store.db);
        assert.equal(sums.balances, sums.mints);
      }
    });

    it('never pays a trainer past the daily cap when two of its promotions are paid at the same time', async () => {
      const trainer = { id: 'busy-trainer', token: await t.agentToken('busy-trainer', ['write']) };
      // Its wallet exists already, so nothing but the payout's own locking orders the two payouts.
      assert.equal((await readWallet(t, trainer.id)).balance_micro, 0);
      const events = [
        await promoteWithoutPayout(await createContributors(t, { trainer })),
        await promoteWithoutPayout(await createContributors(t, { trainer })),
      ];

      const results = await Promise.all(events.map((eventId, i) => payNow(deps[i], eventId)));

      assert.deepEqual(results, [true, true]);
      const trainerLines = await Promise.all(
        events.map(async (eventId) =>
          (await readPayout(t, eventId)).payouts.find((line) => line.role === 'trainer'),
        ),
      );
      const amounts = trainerLines.map((line) => line?.amount_micro).sort((a, b) => (a ?? 0) - (b ?? 0));
      assert.deepEqual(amounts, [10_000_000, 0.4 * POOL_MICRO]);
      assert.ok(trainerLines.some((line) => line?.capped_by === 'daily_cap'));
      assert.equal((await readWallet(t, trainer.id)).balance_micro, 50_000_000);
      assert.equal(await payMissingPayouts(deps[1]), 0);
    });

    it('pays two promotions at once whose new payees meet in opposite roles', async () => {
      for (let round = 0; round < 5; round++) {
        // Fresh agents, so both payouts open the same two wallets, each listing them in its own order.
        const first = await createContributors(t);
        const swapped = await createContributors(t, {
          trainer: { id: first.ids.curator, token: first.tokens.curator },
          curator: { id: first.ids.trainer, token: first.tokens.trainer },
        });
        const events = [await promoteWithoutPayout(first), await promoteWithoutPayout(swapped)];

        const results = await Promise.all(events.map((eventId, i) => payNow(deps[i], eventId)));

        assert.deepEqual(results, [true, true], `round ${round}`);
        const sums = await ledgerSums(t.store.db);
        assert.equal(sums.balances, sums.mints);
      }
    });
  });
}
