import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { promoteUnpaid } from '../support/commands.ts';
import { expectError, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import {
  createContributors,
  GENESIS_MICRO,
  readAccounts,
  registerPaidModel,
  snapshotLedger,
} from './credit-world.ts';

for (const store of testStores()) {
  describe(`credit routes on ${store.name}`, () => {
    let t: TestApp;
    let writeToken: string;
    let evaluateToken: string;

    before(async () => {
      t = await startTestApp(store, {}, manualClock());
      writeToken = await t.agentToken('credit-writer', ['write']);
      evaluateToken = await t.agentToken('credit-evaluator', ['evaluate']);
    });
    after(() => t.close());

    const mint = (body: unknown, token = ADMIN_TOKEN) =>
      t.request('POST', '/api/credit/mint', { token, body });

    /** Sends `send`, asserts the error, and that no ledger row changed. */
    async function expectRefused(send: () => ReturnType<typeof mint>, status: number, code: string) {
      const before = await snapshotLedger(t.store.db);
      expectError(await send(), status, code);
      assert.deepEqual(await snapshotLedger(t.store.db), before, `a ${status} moved credit`);
    }

    it('mints into the treasury, growing the total by exactly the amount, once per id', async () => {
      const id = uniqueId('grant');
      const before = await readAccounts(t);

      const response = await mint({ id, amount: 250.000001, reason: 'research grant' });

      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.minted, true);
      assert.equal(body.treasury.total_micro, before.total_micro + 250_000_001);
      assert.equal((await readAccounts(t)).total_micro, before.total_micro + 250_000_001);

      const ledger = await snapshotLedger(t.store.db);
      const replay = await mint({ id, amount: 250.000001, reason: 'research grant' });
      assert.equal(replay.statusCode, 200, replay.body);
      assert.equal(replay.json().minted, false);
      assert.equal(replay.json().treasury.total_micro, before.total_micro + 250_000_001);
      assert.deepEqual(await snapshotLedger(t.store.db), ledger, 'a re-sent mint is a no-op');
    });

    it('refuses a mint that reuses an id with another amount or reason (409)', async () => {
      const id = uniqueId('grant');
      assert.equal((await mint({ id, amount: 5, reason: 'first' })).statusCode, 200);
      await expectRefused(() => mint({ id, amount: 6, reason: 'first' }), 409, 'already_exists');
      await expectRefused(() => mint({ id, amount: 5, reason: 'second' }), 409, 'already_exists');
    });

    it('refuses a mint without admin rights: 401 without a token, 403 with a write or evaluate token', async () => {
      const body = { id: uniqueId('grant'), amount: 10, reason: 'not mine to give' };
      await expectRefused(() => t.request('POST', '/api/credit/mint', { body }), 401, 'unauthenticated');
      await expectRefused(() => mint(body, 'not-a-token'), 401, 'unauthenticated');
      await expectRefused(() => mint(body, writeToken), 403, 'forbidden');
      await expectRefused(() => mint(body, evaluateToken), 403, 'forbidden');
    });

    it('refuses a malformed mint body with 400', async () => {
      const valid = { id: uniqueId('grant'), amount: 10, reason: 'grant' };
      for (const body of [
        {},
        { ...valid, amount: 0 },
        { ...valid, amount: -5 },
        { ...valid, amount: '10' },
        { ...valid, id: '' },
        { ...valid, reason: '' },
        { id: valid.id, amount: 10 },
        { ...valid, account: 'agent:credit-writer' },
        { ...valid, amount: 2e9 },
      ]) {
        await expectRefused(() => mint(body), 400, 'invalid_request');
      }
    });

    it('refuses a mint smaller than one micro-credit (422), since the ledger stores whole micro-credits', async () => {
      const body = { id: uniqueId('grant'), amount: 0.0000004, reason: 'dust' };
      await expectRefused(() => mint(body), 422, 'rule_violation');
    });

    it('refuses bad payout queries with 400 and an unpaid or unknown event with 404', async () => {
      expectError(await t.request('GET', '/api/credit/payouts'), 400, 'invalid_request');
      expectError(await t.request('GET', '/api/credit/payouts?event_id=abc'), 400, 'invalid_request');
      expectError(await t.request('GET', '/api/credit/payouts?event_id=0'), 400, 'invalid_request');
      expectError(await t.request('GET', '/api/credit/payouts?event_id=1&agent=x'), 400, 'unknown_parameter');
      expectError(await t.request('GET', '/api/credit/payouts?event_id=987654321'), 404, 'not_found');

      // A promotion committed without its after-commit payout (as if the server stopped in between).
      const contributors = await createContributors(t);
      const modelId = await registerPaidModel(t, contributors);
      const event = await promoteUnpaid(t.deps, {
        id: modelId,
        caller: { agentId: contributors.ids.evaluator, scopes: ['evaluate'] },
      });
      expectError(await t.request('GET', `/api/credit/payouts?event_id=${event.id}`), 404, 'not_found');
    });

    it('shows every account to the admin only: 401 without a token, 403 with a write token', async () => {
      expectError(await t.request('GET', '/api/credit/accounts'), 401, 'unauthenticated');
      expectError(await t.request('GET', '/api/credit/accounts', { token: writeToken }), 403, 'forbidden');
      expectError(await t.request('GET', '/api/credit/accounts', { token: evaluateToken }), 403, 'forbidden');
      const accounts = await readAccounts(t);
      assert.ok(accounts.accounts.some((account) => account.id === 'treasury'));
      assert.equal(
        accounts.total_micro,
        accounts.accounts.reduce((sum, account) => sum + account.balance_micro, 0),
      );
      assert.ok(accounts.total_micro >= GENESIS_MICRO);
    });

    it('answers 404 for the wallet of an unknown agent and opens no account for it', async () => {
      const before = await snapshotLedger(t.store.db);
      expectError(await t.request('GET', '/api/agents/nobody-here/wallet'), 404, 'not_found');
      expectError(await t.request('GET', '/api/agents/nobody-here'), 404, 'not_found');
      assert.deepEqual(await snapshotLedger(t.store.db), before);
    });
  });
}
