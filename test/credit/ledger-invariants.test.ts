import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { insertAgent } from '../../src/agents/agent.repository.ts';
import { openAccounts, walletOf } from '../../src/credit/ledger.service.ts';
import type { Store } from '../../src/db/database.ts';
import { queryRows } from '../../src/db/database.ts';
import { testStores } from '../support/stores.ts';
import { snapshotLedger } from './credit-world.ts';

const CHECK_VIOLATION = '23514';

/** The SQLSTATE of a failed query, from the driver error Drizzle wraps (or the error itself). */
function sqlStateOf(error: unknown): string | undefined {
  const failure = error as { code?: string; cause?: { code?: string } };
  return failure.cause?.code ?? failure.code;
}

/** The driver's message of a failed query. */
function messageOf(error: unknown): string {
  const failure = error as { message: string; cause?: { message?: string } };
  return `${failure.cause?.message ?? ''} ${failure.message}`;
}

for (const testStore of testStores()) {
  describe(`ledger rules in the ${testStore.name} database`, () => {
    let store: Store;
    const run = (query: string) => store.db.execute(sql.raw(query));

    before(async () => {
      store = await testStore.open();
      await insertAgent(store.db, { id: 'holder', displayName: 'Holder', kind: 'human' });
      await store.db.transaction((tx) => openAccounts(tx, ['holder']));
      await run(`insert into ledger_mints (id, account, amount_micro, reason, actor)
                 values ('seed', 'treasury', 1000, 'seed', 'test')`);
      await run(`insert into ledger_transfers (id, debit_account, credit_account, amount_micro, reason)
                 values ('seed-payout', 'treasury', '${walletOf('holder')}', 300, 'payout')`);
    });
    after(() => store.close());

    it('moves balances with a transfer row, in the same statement', async () => {
      const rows = await queryRows<{ id: string; balance: string }>(
        store.db,
        sql`select id, balance_micro::text as balance from ledger_accounts order by id`,
      );
      assert.deepEqual(rows, [
        { id: walletOf('holder'), balance: '300' },
        { id: 'treasury', balance: '700' },
      ]);
    });

    it('refuses a transfer that would overdraw its debit account (check violation), moving nothing', async () => {
      const before = await snapshotLedger(store.db);
      for (const [id, debit, credit, amount] of [
        ['overdraw-wallet', walletOf('holder'), 'treasury', 301],
        ['overdraw-treasury', 'treasury', walletOf('holder'), 701],
      ]) {
        await assert.rejects(
          run(`insert into ledger_transfers (id, debit_account, credit_account, amount_micro, reason)
               values ('${id}', '${debit}', '${credit}', ${amount}, 'test')`),
          (error) => sqlStateOf(error) === CHECK_VIOLATION,
        );
      }
      assert.deepEqual(await snapshotLedger(store.db), before);
    });

    it('refuses a zero, negative or self transfer, and a balance written directly below zero', async () => {
      const before = await snapshotLedger(store.db);
      for (const [debit, credit, amount] of [
        ['treasury', walletOf('holder'), 0],
        ['treasury', walletOf('holder'), -5],
        ['treasury', 'treasury', 5],
      ]) {
        await assert.rejects(
          run(`insert into ledger_transfers (id, debit_account, credit_account, amount_micro, reason)
               values ('bad-${debit}-${amount}', '${debit}', '${credit}', ${amount}, 'test')`),
          (error) => sqlStateOf(error) === CHECK_VIOLATION,
        );
      }
      await assert.rejects(
        run(`update ledger_accounts set balance_micro = -1 where id = 'treasury'`),
        (error) => sqlStateOf(error) === CHECK_VIOLATION,
      );
      assert.deepEqual(await snapshotLedger(store.db), before);
    });

    it('refuses to update or delete a transfer or a mint (append-only)', async () => {
      const before = await snapshotLedger(store.db);
      for (const statement of [
        `update ledger_transfers set amount_micro = 1 where id = 'seed-payout'`,
        `delete from ledger_transfers where id = 'seed-payout'`,
        `update ledger_mints set amount_micro = 1000000 where id = 'seed'`,
        `delete from ledger_mints where id = 'seed'`,
      ]) {
        await assert.rejects(run(statement), (error) => /append-only/.test(messageOf(error)), statement);
      }
      assert.deepEqual(await snapshotLedger(store.db), before);
    });

    it('refuses to delete a knowledge-graph edge', async () => {
      await run(`insert into kg_edges (id, subject, predicate, object, confidence, origin, knowledge_level, agent_type)
                 values ('kept-edge', 'GENE:1', 'biolink:regulates', 'MONDO:1', 0.5, 'curated',
                         'knowledge_assertion', 'manual_agent')`);

      await assert.rejects(run(`delete from kg_edges where id = 'kept-edge'`), (error) =>
        /never deleted/.test(messageOf(error)),
      );

      const [row] = await queryRows<{ n: number }>(
        store.db,
        sql`select count(*)::int as n from kg_edges where id = 'kept-edge'`,
      );
      assert.equal(row.n, 1);
    });
  });
}
