/**
 * `last_used_at` is written off the request's path: a use is noted in memory, written by a timer
 * once a minute (one statement for every token), at most once a minute per token even when
 * several processes note it, and what is left is written when the app closes. Time is faked: the
 * timer through node's mock timers, the use times through a manual clock.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import { sql } from 'drizzle-orm';
import { tokenLookup } from '../../src/agents/token.service.ts';
import { startTokenUsage, TOKEN_USAGE_FLUSH_MS, type TokenUsage } from '../../src/agents/token-usage.ts';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { credentialsOf } from '../support/credentials.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`token usage on ${store.name}`, () => {
    let t: TestApp;
    const clock = manualClock(new Date('2026-06-01T10:00:00.000Z'));
    const usages: TokenUsage[] = [];

    before(async () => {
      t = await startTestApp(store, {}, clock);
    });
    after(() => t.close());
    beforeEach(() => mock.timers.enable({ apis: ['setInterval'] }));
    afterEach(async () => {
      for (const usage of usages.splice(0)) await usage.stop();
      mock.timers.reset();
    });

    /** A recorder under the fake timer, and the lookup of the authenticator that feeds it. */
    const recorder = () => {
      const usage = startTokenUsage(t.deps);
      usages.push(usage);
      return { usage, lookup: tokenLookup(t.deps, usage) };
    };
    /** A new agent's token and its handle, on `app`. */
    const issue = async (app = t) => {
      const credentials = credentialsOf(() => app);
      return credentials.issue(await credentials.createAgent('user'));
    };
    const lastUsedAt = async (tokenId: string, app = t) => {
      const [row] = await queryRows<{ at: string | null }>(
        app.store.db,
        sql`select to_char(last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from tokens where id = ${tokenId}`,
      );
      return row.at;
    };
    /** Lets the minute pass on the fake timer; then waits for the write it started (and only that). */
    const passMinute = async (usage: TokenUsage, ms = TOKEN_USAGE_FLUSH_MS) => {
      mock.timers.tick(ms);
      // A flush waits for the one before it and finds nothing left to write.
      await usage.flush();
    };

    it('writes nothing while the requests run and the time of the last use once the minute has passed', async () => {
      const { usage, lookup } = recorder();
      const { token, token_id } = await issue();
      await lookup(token);
      clock.advance(20_000);
      await lookup(token);
      mock.timers.tick(TOKEN_USAGE_FLUSH_MS - 1);
      assert.equal(await lastUsedAt(token_id), null, 'nothing is written before the minute');
      await passMinute(usage, 1);
      assert.equal(await lastUsedAt(token_id), '2026-06-01T10:00:20.000Z');
    });

    it('writes each token at most once a minute, even when another process noted a use meanwhile', async () => {
      const first = recorder();
      const second = recorder();
      const { token, token_id } = await issue();
      clock.advance(60_000);
      const writtenAt = clock.now().toISOString();
      await first.lookup(token);
      await passMinute(first.usage);
      assert.equal(await lastUsedAt(token_id), writtenAt);
      // The other process saw a use 30 s later: under a minute after the stored time, it is not written.
      clock.advance(30_000);
      await second.lookup(token);
      await passMinute(second.usage);
      assert.equal(await lastUsedAt(token_id), writtenAt);
      // A use a minute or more after the stored time is.
      clock.advance(30_000);
      await second.lookup(token);
      await passMinute(second.usage);
      assert.equal(await lastUsedAt(token_id), clock.now().toISOString());
    });

    it('writes every token noted in the minute, and no token that was not used', async () => {
      const { usage, lookup } = recorder();
      const used = [await issue(), await issue(), await issue()];
      const unused = await issue();
      clock.advance(120_000);
      for (const { token } of used) await lookup(token);
      await passMinute(usage);
      for (const { token_id } of used) assert.equal(await lastUsedAt(token_id), clock.now().toISOString());
      assert.equal(await lastUsedAt(unused.token_id), null);
    });

    it('notes no use of the bootstrap admin token, which has no row', async () => {
      const { usage, lookup } = recorder();
      const before = await queryRows(t.store.db, sql`select id, last_used_at from tokens order by id`);
      await lookup(ADMIN_TOKEN);
      await passMinute(usage);
      assert.deepEqual(
        await queryRows(t.store.db, sql`select id, last_used_at from tokens order by id`),
        before,
      );
    });

    it('writes the uses left when the app closes, before the store does', async () => {
      const closing = await startTestApp(store, {}, clock);
      const { token, token_id } = await issue(closing);
      clock.advance(180_000);
      const response = await closing.request('POST', '/api/artifacts', {
        token,
        body: { type: 'dataset', title: 'used once' },
      });
      assert.equal(response.statusCode, 201, response.body);
      const listed = await closing.request('GET', `/api/agents/${response.json().created_by}/tokens`, {
        token,
      });
      assert.equal(listed.json().tokens[0].last_used_at, null, 'not written on the request path');
      await closing.app.close();
      try {
        assert.equal(await lastUsedAt(token_id, closing), clock.now().toISOString());
      } finally {
        await closing.store.close();
      }
    });
  });
}
