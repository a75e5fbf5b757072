import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { payoutTransferId } from '../../src/credit/payout.service.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
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

for (const store of testStores()) {
  describe(`payout of a promotion on ${store.name}`, () => {
    let t: TestApp;

    // A clock that stands still, so no demurrage comes between a payout and the wallet read.
    before(async () => {
      t = await startTestApp(store, {}, manualClock());
    });
    after(() => t.close());

    it('pays trainer, both curators, benchmark author and eval runner, within the share cap, to the micro-credit', async () => {
      const contributors = await createContributors(t);
      const { ids } = contributors;
      const modelId = await registerPaidModel(t, contributors);
      const treasuryBefore = balanceOf(await readAccounts(t), 'treasury');

      const eventId = await promoteAs(t, modelId, contributors.tokens.evaluator);

      const payout = await readPayout(t, eventId);
      assert.equal(payout.event_id, eventId);
      assert.equal(payout.pool, 100);
      assert.equal(payout.pool_micro, POOL_MICRO);
      const byRole = (role: string) => payout.payouts.filter((line) => line.role === role);
      assert.deepEqual(
        byRole('trainer').map((line) => line.agent_id),
        [ids.trainer],
      );
      assert.deepEqual(
        byRole('dataset_curator')
          .map((line) => line.agent_id)
          .sort(),
        [ids.curator, ids.evalCurator].sort(),
      );
      assert.deepEqual(
        byRole('benchmark_author').map((line) => line.agent_id),
        [ids.author],
      );
      assert.deepEqual(
        byRole('eval_runner').map((line) => line.agent_id),
        [ids.evaluator],
      );
      assert.equal(payout.payouts.length, 5);

      let paidMicro = 0;
      for (const line of payout.payouts) {
        assert.ok(line.amount_micro > 0, `${line.agent_id}/${line.role} is paid`);
        assert.ok(line.amount_micro <= 0.4 * POOL_MICRO, `${line.agent_id} stays within 40 % of the pool`);
        assert.equal(line.amount, line.amount_micro / 1e6);
        assert.ok(line.weight > 0 && line.weight < 1);
        paidMicro += line.amount_micro;
      }
      const weightSum = payout.payouts.reduce((sum, line) => sum + line.weight, 0);
      assert.ok(Math.abs(weightSum - 1) < 1e-9, `weights sum to 1, not ${weightSum}`);
      assert.equal(paidMicro + payout.withheld_micro, POOL_MICRO);
      assert.equal(payout.withheld, payout.withheld_micro / 1e6);
      // The trainer's weight (3 of the child's 8 out-edge weight, one hop) passes 40 %: the cap holds it.
      const [trainer] = byRole('trainer');
      assert.ok(trainer.weight > 0.4, `trainer weight ${trainer.weight}`);
      assert.equal(trainer.amount_micro, 0.4 * POOL_MICRO);
      assert.equal(trainer.capped_by, 'agent_share_cap');
      assert.ok(payout.withheld_micro > 0);
      assert.deepEqual(
        payout.payouts.filter((line) => line.capped_by !== undefined).map((line) => line.role),
        ['trainer'],
      );

      for (const line of payout.payouts) {
        const wallet = await readWallet(t, line.agent_id);
        assert.equal(wallet.balance_micro, line.amount_micro);
        assert.equal(wallet.balance, line.amount_micro / 1e6);
        const paid = wallet.transfers.find(
          (transfer) => transfer.id === payoutTransferId(eventId, line.agent_id, line.role),
        );
        assert.equal(paid?.amount_micro, line.amount_micro);
        assert.equal(paid?.reason, 'payout');
        assert.equal(paid?.event_id, eventId);
        const agent = (await t.request('GET', `/api/agents/${line.agent_id}`)).json();
        assert.deepEqual(agent.wallet, {
          balance: line.amount_micro / 1e6,
          balance_micro: line.amount_micro,
        });
      }

      const accounts = await readAccounts(t);
      assert.equal(
        balanceOf(accounts, 'treasury'),
        treasuryBefore - paidMicro,
        'the treasury keeps the withheld part',
      );
      assert.equal(accounts.total_micro, GENESIS_MICRO);
      assert.equal(accounts.total, GENESIS_MICRO / 1e6);
    });

    it('records one credit_payout event per payout line', async () => {
      const contributors = await createContributors(t);
      const modelId = await registerPaidModel(t, contributors);
      const eventId = await promoteAs(t, modelId, contributors.tokens.evaluator);
      const payout = await readPayout(t, eventId);

      const response = await t.request('GET', `/api/events?type=credit_payout&target=${modelId}`);
      assert.equal(response.statusCode, 200, response.body);
      const events = response.json().events as {
        actor: string;
        detection_metadata: Record<string, unknown>;
      }[];
      const recorded = events
        .map((event) => event.detection_metadata)
        .map((meta) => ({
          event: meta.promotion_event_id,
          agent: meta.agent_id,
          role: meta.role,
          amount: meta.amount_micro,
          cap: meta.capped_by,
        }))
        .sort((a, b) => `${a.agent}/${a.role}`.localeCompare(`${b.agent}/${b.role}`));
      const expected = payout.payouts
        .map((line) => ({
          event: eventId,
          agent: line.agent_id,
          role: line.role,
          amount: line.amount_micro,
          cap: line.capped_by ?? null,
        }))
        .sort((a, b) => `${a.agent}/${a.role}`.localeCompare(`${b.agent}/${b.role}`));
      assert.deepEqual(recorded, expected);
      assert.ok(events.every((event) => event.actor === 'credit'));
    });

    it('gives no eval-runner share to a trainer that promotes its own version', async () => {
      const contributors = await createContributors(t);
      const modelId = await registerPaidModel(t, contributors);

      const eventId = await promoteAs(t, modelId, contributors.tokens.trainer);

      const payout = await readPayout(t, eventId);
      assert.deepEqual(
        payout.payouts.filter((line) => line.role === 'eval_runner'),
        [],
      );
      const trainerLines = payout.payouts.filter((line) => line.agent_id === contributors.ids.trainer);
      assert.deepEqual(
        trainerLines.map((line) => line.role),
        ['trainer'],
      );
      assert.ok(trainerLines[0].amount_micro <= 0.4 * POOL_MICRO);
      assert.equal(
        payout.payouts.reduce((sum, line) => sum + line.amount_micro, 0) + payout.withheld_micro,
        POOL_MICRO,
      );
      assert.deepEqual(payout.payouts.map((line) => line.role).sort(), [
        'benchmark_author',
        'dataset_curator',
        'dataset_curator',
        'trainer',
      ]);
      const wallet = await readWallet(t, contributors.ids.trainer);
      assert.equal(wallet.balance_micro, trainerLines[0].amount_micro);
    });
  });
}
