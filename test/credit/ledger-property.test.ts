import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { insertAgent } from '../../src/agents/agent.repository.ts';
import { decayBalance } from '../../src/credit/core/demurrage.ts';
import {
  type DemurrageClock,
  mint,
  openAccounts,
  readBalances,
  TREASURY,
  type TransferProps,
  transfer,
  walletOf,
} from '../../src/credit/ledger.service.ts';
import { queryRows, type Store } from '../../src/db/database.ts';
import { AlreadyExists, RuleViolation } from '../../src/errors.ts';
import { manualClock } from '../support/clock.ts';
import { uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { DAY_MS, ledgerSums, snapshotLedger } from './credit-world.ts';

const RATE = 0.01;
const WALLETS = 3;

const wallet = fc.integer({ min: 0, max: WALLETS - 1 });
/** One step of a ledger's life; indexes pick wallets, earlier transfers and earlier mints. */
const command = fc.oneof(
  fc.record({
    kind: fc.constant('payout' as const),
    to: wallet,
    amount: fc.integer({ min: 1, max: 40_000_000 }),
  }),
  fc.record({
    kind: fc.constant('overdraw' as const),
    to: wallet,
    excess: fc.integer({ min: 1, max: 1_000 }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    from: wallet,
    step: fc.integer({ min: 1, max: WALLETS - 1 }),
    fraction: fc.double({ min: 0, max: 1.5, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('replay' as const), pick: fc.nat(), isAltered: fc.boolean() }),
  fc.record({
    kind: fc.constant('mint' as const),
    amount: fc.integer({ min: 1, max: 100_000_000 }),
    replayPick: fc.option(fc.nat()),
  }),
  fc.record({
    kind: fc.constant('read' as const),
    advanceMs: fc.integer({ min: 0, max: 2 * DAY_MS }),
    isAll: fc.boolean(),
  }),
);
const commands = fc.array(fc.record({ command, prefix: fc.nat() }), { maxLength: 15 });

interface AccountRow {
  id: string;
  agentId: string | null;
  balance: number;
  settledMs: number;
}

for (const testStore of testStores()) {
  describe(`ledger properties on ${testStore.name}`, () => {
    let store: Store;
    // One clock for every run: it only moves forward, as the ledger's settlement times expect.
    const clock = manualClock();
    const demurrage = (): DemurrageClock => ({ now: clock.now(), ratePerDay: RATE });

    before(async () => {
      store = await testStore.open();
    });
    after(() => store.close());

    async function readAccount(id: string): Promise<AccountRow> {
      const [row] = await queryRows<{
        id: string;
        agent_id: string | null;
        balance: string;
        settled_ms: number;
      }>(
        store.db,
        sql`select id, agent_id, balance_micro::text as balance,
                   (extract(epoch from settled_at) * 1000)::float8 as settled_ms
              from ledger_accounts where id = ${id}`,
      );
      return {
        id: row.id,
        agentId: row.agent_id,
        balance: Number(row.balance),
        settledMs: Number(row.settled_ms),
      };
    }

    /** What settling an account now would leave in it and send to the treasury. */
    function settled(account: AccountRow) {
      if (account.agentId === null) return { balanceMicro: account.balance, decayedMicro: 0 };
      return decayBalance(account.balance, clock.now().getTime() - account.settledMs, RATE);
    }

    /** Balances after a transfer: both sides settle first, then the amount moves if it is there. */
    async function predictTransfer(props: TransferProps) {
      const [debit, credit, treasury] = await Promise.all(
        [props.debitAccount, props.creditAccount, TREASURY].map(readAccount),
      );
      const [debitNow, creditNow] = [settled(debit), settled(credit)];
      const expected = new Map<string, number>([
        [TREASURY, treasury.balance + debitNow.decayedMicro + creditNow.decayedMicro],
      ]);
      if (debit.id !== TREASURY) expected.set(debit.id, debitNow.balanceMicro);
      if (credit.id !== TREASURY) expected.set(credit.id, creditNow.balanceMicro);
      const available = expected.get(debit.id) as number;
      expected.set(debit.id, available - props.amountMicro);
      expected.set(credit.id, (expected.get(credit.id) as number) + props.amountMicro);
      return { isCovered: props.amountMicro <= available, available, expected };
    }

    /** Runs `work` expecting `ErrorType`, and checks that no ledger row changed. */
    async function expectRefusal(
      work: () => Promise<unknown>,
      ErrorType: typeof RuleViolation | typeof AlreadyExists,
    ) {
      const before = await snapshotLedger(store.db);
      await assert.rejects(work(), ErrorType);
      assert.deepEqual(
        await snapshotLedger(store.db),
        before,
        `a refused ${ErrorType.name} changed the ledger`,
      );
    }

    /** Asserts the ledger's invariants, and that replaying transfers made so far inserts nothing. */
    async function checkInvariants(made: TransferProps[], prefix: number) {
      const sums = await ledgerSums(store.db);
      assert.equal(sums.balances, sums.mints, 'the total of all accounts is the total of all mints');
      assert.equal(sums.negative, 0);
      for (const replay of [made.slice(0, prefix % (made.length + 1)), made]) {
        const before = await snapshotLedger(store.db);
        const inserted = await store.db.transaction((tx) => transfer(tx, replay, demurrage()));
        assert.equal(inserted.size, 0, 'a replayed transfer is a no-op');
        assert.deepEqual(await snapshotLedger(store.db), before);
      }
    }

    it('keeps the total equal to the mints, balances ≥ 0, and replays idempotent, whatever the sequence', async () => {
      await fc.assert(
        fc.asyncProperty(commands, async (steps) => {
          const run = uniqueId('run');
          const agents = Array.from({ length: WALLETS }, (_, i) => `${run}-agent-${i}`);
          for (const id of agents) await insertAgent(store.db, { id, displayName: id, kind: 'ai' });
          await store.db.transaction((tx) => openAccounts(tx, agents));
          const made: TransferProps[] = [];
          // Every run starts with some money in the treasury, so that most payouts go through.
          const mints = [{ id: `${run}:seed`, amountMicro: 60_000_000 }];
          await store.db.transaction((tx) =>
            mint(tx, { ...mints[0], account: TREASURY, reason: 'property', actor: 'test' }, demurrage()),
          );

          const attempt = async (props: TransferProps, mustOverdraw = false) => {
            const prediction = await predictTransfer(props);
            if (mustOverdraw) assert.equal(prediction.isCovered, false);
            const work = () => store.db.transaction((tx) => transfer(tx, [props], demurrage()));
            if (!prediction.isCovered) return expectRefusal(work, RuleViolation);
            assert.deepEqual([...(await work())], [props.id]);
            made.push(props);
            for (const [id, balance] of prediction.expected) {
              assert.equal((await readAccount(id)).balance, balance, `${id} after ${props.id}`);
            }
          };

          for (const [index, { command: step, prefix }] of steps.entries()) {
            const id = `${run}:${index}`;
            switch (step.kind) {
              case 'payout':
              case 'overdraw': {
                const credit = walletOf(agents[step.to]);
                const amountMicro =
                  step.kind === 'payout'
                    ? step.amount
                    : (
                        await predictTransfer({
                          id,
                          debitAccount: TREASURY,
                          creditAccount: credit,
                          amountMicro: 1,
                          reason: 'payout',
                        })
                      ).available + step.excess;
                await attempt(
                  { id, debitAccount: TREASURY, creditAccount: credit, amountMicro, reason: 'payout' },
                  step.kind === 'overdraw',
                );
                break;
              }
              case 'move': {
                const from = walletOf(agents[step.from]);
                const to = walletOf(agents[(step.from + step.step) % WALLETS]);
                const held = (await readAccount(from)).balance;
                const amountMicro = Math.max(1, Math.floor(held * step.fraction));
                await attempt(
                  { id, debitAccount: from, creditAccount: to, amountMicro, reason: 'gift' },
                  amountMicro > held,
                );
                break;
              }
              case 'replay': {
                const earlier = made[step.pick % Math.max(1, made.length)];
                if (!earlier) break;
                if (step.isAltered) {
                  const altered = { ...earlier, amountMicro: earlier.amountMicro + 1 };
                  await expectRefusal(
                    () => store.db.transaction((tx) => transfer(tx, [altered], demurrage())),
                    AlreadyExists,
                  );
                } else {
                  const before = await snapshotLedger(store.db);
                  const inserted = await store.db.transaction((tx) => transfer(tx, [earlier], demurrage()));
                  assert.equal(inserted.size, 0);
                  assert.deepEqual(await snapshotLedger(store.db), before);
                }
                break;
              }
              case 'mint': {
                const earlier =
                  step.replayPick === null ? undefined : mints[step.replayPick % Math.max(1, mints.length)];
                const props = earlier ?? { id, amountMicro: step.amount };
                const sumsBefore = await ledgerSums(store.db);
                const isMinted = await store.db.transaction((tx) =>
                  mint(tx, { ...props, account: TREASURY, reason: 'property', actor: 'test' }, demurrage()),
                );
                assert.equal(isMinted, earlier === undefined);
                if (isMinted) mints.push(props);
                const sums = await ledgerSums(store.db);
                assert.equal(sums.mints, sumsBefore.mints + (isMinted ? props.amountMicro : 0));
                break;
              }
              case 'read': {
                clock.advance(step.advanceMs);
                const ids = step.isAll
                  ? [...agents.map(walletOf), TREASURY]
                  : [walletOf(agents[index % WALLETS])];
                const expected = new Map<string, number>();
                let decayedMicro = 0;
                for (const account of ids) {
                  const after = settled(await readAccount(account));
                  expected.set(account, after.balanceMicro);
                  decayedMicro += after.decayedMicro;
                }
                if (expected.has(TREASURY))
                  expected.set(TREASURY, (expected.get(TREASURY) as number) + decayedMicro);
                const states = await store.db.transaction((tx) => readBalances(tx, ids, demurrage()));
                assert.deepEqual(new Map(states.map((state) => [state.id, state.balanceMicro])), expected);
                for (const state of states)
                  assert.equal((await readAccount(state.id)).balance, state.balanceMicro);
                const before = await snapshotLedger(store.db);
                await store.db.transaction((tx) => readBalances(tx, ids, demurrage()));
                assert.deepEqual(await snapshotLedger(store.db), before, 'a second read at the same instant');
                break;
              }
            }
            await checkInvariants(made, prefix);
          }
        }),
        { numRuns: 15 },
      );
    });
  });
}
