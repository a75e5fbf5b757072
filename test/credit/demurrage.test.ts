import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decayBalance } from '../../src/credit/core/demurrage.ts';
import { walletOf } from '../../src/credit/ledger.service.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { type ManualClock, manualClock } from '../support/clock.ts';
import { testStores } from '../support/stores.ts';
import {
  balanceOf,
  createContributors,
  DAY_MS,
  GENESIS_MICRO,
  mintCredits,
  promoteAs,
  readAccounts,
  readPayout,
  readWallet,
  registerPaidModel,
  snapshotLedger,
} from './credit-world.ts';

const RATE = 0.01;

for (const store of testStores()) {
  describe(`demurrage on ${store.name}`, () => {
    let t: TestApp;
    let clock: ManualClock;

    before(async () => {
      clock = manualClock();
      t = await startTestApp(store, {}, clock);
    });
    after(() => t.close());

    /** Pays a fresh promotion now and returns each paid agent's balance. */
    async function payFreshPromotion(): Promise<Map<string, number>> {
      const contributors = await createContributors(t);
      const modelId = await registerPaidModel(t, contributors);
      const payout = await readPayout(t, await promoteAs(t, modelId, contributors.tokens.evaluator));
      const balances = new Map<string, number>();
      for (const line of payout.payouts) {
        balances.set(line.agent_id, (await readWallet(t, line.agent_id)).balance_micro);
      }
      return balances;
    }

    it('takes 1 % of a wallet after exactly one day and returns it to the treasury, keeping the total', async () => {
      const held = await payFreshPromotion();
      const before = await readAccounts(t);
      assert.equal(before.total_micro, GENESIS_MICRO);

      clock.advance(DAY_MS);

      const [[firstAgent, firstBalance]] = held;
      const wallet = await readWallet(t, firstAgent);
      const expectedFirst = decayBalance(firstBalance, DAY_MS, RATE).balanceMicro;
      assert.equal(wallet.balance_micro, expectedFirst);
      assert.ok(Math.abs(expectedFirst - Math.floor(firstBalance * 0.99)) <= 1);
      assert.ok(expectedFirst < firstBalance);
      const decayTransfer = wallet.transfers.find((transfer) => transfer.reason === 'demurrage');
      assert.equal(decayTransfer?.amount_micro, firstBalance - expectedFirst);

      const accounts = await readAccounts(t);
      let decayedMicro = 0;
      for (const [agentId, balance] of held) {
        const expected = decayBalance(balance, DAY_MS, RATE).balanceMicro;
        assert.equal(balanceOf(accounts, walletOf(agentId)), expected, `${agentId} after one day`);
        decayedMicro += balance - expected;
        const agent = (await t.request('GET', `/api/agents/${agentId}`)).json();
        assert.equal(agent.wallet.balance_micro, expected);
      }
      assert.ok(decayedMicro > 0);
      assert.equal(balanceOf(accounts, 'treasury'), balanceOf(before, 'treasury') + decayedMicro);
      assert.equal(accounts.total_micro, GENESIS_MICRO, 'decay moves credit, it never destroys it');
      assert.equal(accounts.total, GENESIS_MICRO / 1e6);
    });

    it('changes nothing when balances are read twice at the same instant', async () => {
      await payFreshPromotion();
      clock.advance(DAY_MS / 2);
      const first = await readAccounts(t);
      const ledger = await snapshotLedger(t.store.db);

      const second = await readAccounts(t);

      assert.deepEqual(second, first);
      assert.deepEqual(await snapshotLedger(t.store.db), ledger);
    });

    it('keeps the total equal to the sum of mints when a mint lands between decays', async () => {
      await payFreshPromotion();
      clock.advance(DAY_MS / 3);
      const before = await readAccounts(t);

      await mintCredits(t, 12.345678);
      clock.advance(DAY_MS / 3);

      const accounts = await readAccounts(t);
      assert.equal(accounts.total_micro, before.total_micro + 12_345_678);
      assert.equal(accounts.total_micro, GENESIS_MICRO + 12_345_678);
    });
  });
}
