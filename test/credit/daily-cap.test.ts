import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type ManualClock, manualClock } from '../support/clock.ts';
import { testStores } from '../support/stores.ts';
import {
  balanceOf,
  createContributors,
  GENESIS_MICRO,
  POOL_MICRO,
  promoteAs,
  readAccounts,
  readPayout,
  readWallet,
  registerPaidModel,
} from './credit-world.ts';

const HOUR_MS = 3_600_000;
const DAILY_CAP_MICRO = 50_000_000;
const SHARE_CAP_MICRO = 0.4 * POOL_MICRO;

for (const store of testStores()) {
  describe(`daily income cap on ${store.name}`, () => {
    let t: TestApp;
    let clock: ManualClock;

    before(async () => {
      clock = manualClock();
      t = await startTestApp(store, { MODELGRAPH_CREDIT_DAILY_CAP: '50' }, clock);
    });
    after(() => t.close());

    /** Registers a version trained by `trainer` (all other contributors fresh) and promotes it. */
    async function promoteTrainedBy(trainer: { id: string; token: string }) {
      const contributors = await createContributors(t, { trainer });
      const modelId = await registerPaidModel(t, contributors);
      const eventId = await promoteAs(t, modelId, contributors.tokens.evaluator);
      const payout = await readPayout(t, eventId);
      const trainerLine = payout.payouts.find((line) => line.role === 'trainer');
      assert.ok(trainerLine, 'the trainer has a line even when the cap leaves it nothing');
      return { payout, trainerLine };
    }

    it('stops paying a trainer at the cap within 24 hours, and the treasury keeps what is withheld', async () => {
      const trainer = { id: 'capped-trainer', token: await t.agentToken('capped-trainer', ['write']) };
      const treasuryBefore = balanceOf(await readAccounts(t), 'treasury');

      const first = await promoteTrainedBy(trainer);
      assert.equal(first.trainerLine.amount_micro, SHARE_CAP_MICRO);
      assert.equal(first.trainerLine.capped_by, 'agent_share_cap');

      const second = await promoteTrainedBy(trainer);
      assert.equal(second.trainerLine.amount_micro, DAILY_CAP_MICRO - SHARE_CAP_MICRO);
      assert.equal(second.trainerLine.capped_by, 'daily_cap');

      const third = await promoteTrainedBy(trainer);
      assert.equal(third.trainerLine.amount_micro, 0);
      assert.equal(third.trainerLine.capped_by, 'daily_cap');

      const payouts = [first, second, third].map((step) => step.payout);
      assert.ok(payouts[0].withheld_micro < payouts[1].withheld_micro, 'withheld grows');
      assert.ok(payouts[1].withheld_micro < payouts[2].withheld_micro, 'withheld grows');
      for (const payout of payouts) {
        const others = payout.payouts.filter((line) => line.role !== 'trainer');
        assert.ok(others.length > 0 && others.every((line) => line.amount_micro > 0 && !line.capped_by));
        const paid = payout.payouts.reduce((sum, line) => sum + line.amount_micro, 0);
        assert.equal(paid + payout.withheld_micro, POOL_MICRO);
      }

      assert.equal((await readWallet(t, trainer.id)).balance_micro, DAILY_CAP_MICRO);
      const paidMicro = payouts
        .flatMap((payout) => payout.payouts)
        .reduce((sum, line) => sum + line.amount_micro, 0);
      const withheldMicro = payouts.reduce((sum, payout) => sum + payout.withheld_micro, 0);
      assert.equal(paidMicro + withheldMicro, 3 * POOL_MICRO);
      const accounts = await readAccounts(t);
      assert.equal(balanceOf(accounts, 'treasury'), treasuryBefore - paidMicro);
      assert.equal(accounts.total_micro, GENESIS_MICRO);
    });

    it('keeps the cap for a rolling 24 hours and pays the trainer again once they have passed', async () => {
      const trainer = { id: 'rolling-trainer', token: await t.agentToken('rolling-trainer', ['write']) };
      assert.equal((await promoteTrainedBy(trainer)).trainerLine.amount_micro, SHARE_CAP_MICRO);
      assert.equal(
        (await promoteTrainedBy(trainer)).trainerLine.amount_micro,
        DAILY_CAP_MICRO - SHARE_CAP_MICRO,
      );

      clock.advance(23 * HOUR_MS);
      const stillCapped = await promoteTrainedBy(trainer);
      assert.equal(stillCapped.trainerLine.amount_micro, 0);
      assert.equal(stillCapped.trainerLine.capped_by, 'daily_cap');

      clock.advance(2 * HOUR_MS);
      const paidAgain = await promoteTrainedBy(trainer);
      assert.equal(paidAgain.trainerLine.amount_micro, SHARE_CAP_MICRO);
      assert.equal(paidAgain.trainerLine.capped_by, 'agent_share_cap');
      assert.equal((await readAccounts(t)).total_micro, GENESIS_MICRO);
    });
  });
}
