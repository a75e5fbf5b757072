/**
 * The agent page (`/agents/{id}`): kind, lineages maintained, versions trained and registered,
 * promotions made, payouts received with their total, and the wallet balance; 404 as a page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { payNow } from '../support/commands.ts';
import { promote, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { registerLineage } from '../support/world.ts';
import { countStatements, expectPage } from './page-support.ts';

for (const store of testStores()) {
  describe(`agent page on ${store.name}`, () => {
    let t: TestApp;
    const trainer = uniqueId('page-trainer');
    const evaluator = uniqueId('page-promoter');
    const lineage = uniqueId('agentpage');
    let versions: string[];
    const clock = manualClock();
    const getPage = (id: string) => t.app.inject({ method: 'GET', url: `/agents/${id}` });

    before(async () => {
      t = await startTestApp(store, {}, clock);
      const trainerToken = await t.agentToken(trainer, ['write'], 'ai');
      const evaluatorToken = await t.agentToken(evaluator, ['evaluate']);
      versions = await registerLineage(t, lineage, [null, null], trainerToken);
      const { event } = await promote(t, versions[1], evaluatorToken);
      await payNow(t.deps, event.id);
    });
    after(() => t.close());

    it('shows the kind, the lineages maintained and the versions registered, linked to their pages', async () => {
      const body = await expectPage(await getPage(trainer));
      assert.match(body, /<dt>Kind<\/dt><dd>ai<\/dd>/);
      assert.match(body, new RegExp(`<li><a href="/lineages/${lineage}">${lineage}</a></li>`));
      for (const [index, id] of versions.entries()) {
        assert.match(body, new RegExp(`<a href="/models/${id}">${lineage} v${index + 1}</a>`));
      }
      assert.match(
        body,
        /<td>yes<\/td><td>yes<\/td>/,
        'trained (the registering agent, no trained_by given) and registered',
      );
    });

    it("lists the promotions an evaluator made, and each agent's payouts with their total and balance", async () => {
      const promoter = await expectPage(await getPage(evaluator));
      assert.match(promoter, new RegExp(`<td><a href="/models/${versions[1]}">${versions[1]}</a></td>`));
      for (const agent of [trainer, evaluator]) {
        const [{ count, total }] = await queryRows<{ count: string | number; total: string | number }>(
          t.store.db,
          sql`select count(*) as count, coalesce(sum(t.amount_micro), 0) as total from ledger_transfers t
                join ledger_accounts a on a.id = t.credit_account where a.agent_id = ${agent} and t.reason = 'payout'`,
        );
        assert.ok(Number(count) > 0, `${agent} was paid`);
        const body = await expectPage(await getPage(agent));
        const shown = (Number(total) / 1e6).toFixed(2);
        assert.match(
          body,
          new RegExp(`<p>${count} payouts?, <strong data-payout-total>${shown}</strong> credits in all.</p>`),
        );
        const wallet = (await t.request('GET', `/api/agents/${agent}/wallet`)).json();
        assert.match(body, new RegExp(`<strong data-balance>${wallet.balance.toFixed(2)}</strong>`));
      }
    });

    it('shows the balance less the demurrage since it was settled, without settling it (the page writes nothing)', async () => {
      clock.advance(30 * 86_400_000);
      const transfers = async () => {
        const [{ n }] = await queryRows<{ n: string | number }>(
          t.store.db,
          sql`select count(*) as n from ledger_transfers`,
        );
        return Number(n);
      };
      const before = await transfers();
      const body = await expectPage(await getPage(trainer));
      assert.equal(await transfers(), before, 'reading the page settled nothing');
      const wallet = (await t.request('GET', `/api/agents/${trainer}/wallet`)).json();
      assert.ok((await transfers()) > before, 'the wallet route settles the 30 days of demurrage');
      assert.match(body, new RegExp(`<strong data-balance>${wallet.balance.toFixed(2)}</strong>`));
    });

    it('reads the agent and its whole record in two statements, however much it did', async () => {
      for (const agent of [trainer, evaluator]) {
        assert.equal(await countStatements(t.store.db, () => getPage(agent)), 2, agent);
      }
    });

    it('answers 404 as a page for an unknown agent', async () => {
      const body = await expectPage(await getPage('no-such-agent'), 404);
      assert.match(body, /no-such-agent/);
    });
  });
}
