/**
 * The locks a job holds while it runs (`src/db/locks.ts`): exclusive on both stores, given back by
 * `release()`, and on PostgreSQL given back by the server when the holding connection dies — the
 * holder then knows it lost the lock — while a waiter takes a lock its holder lets go of.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { queryRows, type Store } from '../../src/db/database.ts';
import { postgresLocks } from '../../src/db/locks.ts';
import { uniqueId } from '../support/factories.ts';
import { databaseUrlOf, testStores } from '../support/stores.ts';

for (const testStore of testStores()) {
  describe(`held locks on ${testStore.name}`, () => {
    let store: Store;
    before(async () => {
      store = await testStore.open();
    });
    after(() => store.close());

    it('gives a lock to one holder at a time, and to the next once it is released', async () => {
      const key = uniqueId('job');
      const first = await store.locks.tryHold(key);
      assert.ok(first);
      assert.ok(first.isHeld());
      assert.equal(await store.locks.tryHold(key), undefined, 'held');
      const other = await store.locks.tryHold(uniqueId('other-job'));
      assert.ok(other, 'another name is another lock');
      await first.release();
      assert.equal(first.isHeld(), false);
      const second = await store.locks.tryHold(key);
      assert.ok(second);
      assert.ok(second.isHeld());
      await second.release();
      await other.release();
    });
  });
}

const postgres = testStores().find((candidate) => candidate.name === 'postgres');

describe('held locks on PostgreSQL, across connections', { skip: postgres ? false : 'no PostgreSQL' }, () => {
  let store: Store;
  let url: string;
  before(async () => {
    store = await (postgres as NonNullable<typeof postgres>).open();
    url = await databaseUrlOf(store);
  });
  after(() => store.close());

  const advisoryHolders = () =>
    queryRows<{ pid: number }>(
      store.db,
      sql`select pid from pg_locks where locktype = 'advisory' and granted
           and database = (select oid from pg_database where datname = current_database())`,
    );

  it('is released by the server when the holding connection dies, and the holder learns it lost it', async () => {
    const dying = postgresLocks(url);
    const key = uniqueId('job');
    const held = await dying.tryHold(key);
    assert.ok(held);
    const [holder] = await advisoryHolders();
    assert.ok(holder, 'the server shows the lock');
    await store.db.execute(sql`select pg_terminate_backend(${holder.pid})`);
    // The connection's end reaches the holder as an event; wait for it, bounded.
    for (let i = 0; i < 200 && held.isHeld(); i++) await sleep(10);
    assert.equal(held.isHeld(), false);
    const next = await postgresLocks(url).tryHold(key, 5_000);
    assert.ok(next, 'free for the next holder');
    await next.release();
    await dying.releaseAll();
  });

  it('lets a waiter take the lock its holder releases, and refuses one whose wait runs out', async () => {
    const key = uniqueId('job');
    const [one, two, three] = [postgresLocks(url), postgresLocks(url), postgresLocks(url)];
    const held = await one.tryHold(key);
    assert.ok(held);
    assert.equal(await three.tryHold(key, 50), undefined, 'still held after the wait');
    const waiting = two.tryHold(key, 30_000);
    // Release once the waiter is queued behind the holder on the server.
    for (let i = 0; i < 500; i++) {
      const [row] = await queryRows<{ n: number }>(
        store.db,
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
             and database = (select oid from pg_database where datname = current_database())`,
      );
      if (row.n > 0) break;
      await sleep(10);
    }
    await held.release();
    const taken = await waiting;
    assert.ok(taken);
    assert.ok(taken.isHeld());
    await taken.release();
    assert.deepEqual(await advisoryHolders(), [], 'nothing left held');
  });
});
