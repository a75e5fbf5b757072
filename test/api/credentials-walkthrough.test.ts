/**
 * The README's credentials walk-through, step by step through the API: an agent for a CI job, a
 * token that expires in 30 days, a write and a listing with it, its revocation by the agent itself,
 * a pause of the agent (every token refused, its data kept) and its reactivation, and the history
 * the events tell.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { expectError, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`the credentials walk-through on ${store.name}`, () => {
    let t: TestApp;
    const clock = manualClock(new Date('2026-08-01T02:00:00.000Z'));
    before(async () => {
      t = await startTestApp(store, {}, clock);
    });
    after(() => t.close());

    it('issues, uses, lists and revokes a token, pauses and resumes the agent, and logs each step', async () => {
      const bot = uniqueId('ci-bot');
      const dataset = uniqueId('dataset-nightly');
      const created = await t.request('POST', '/api/agents', {
        token: ADMIN_TOKEN,
        body: { id: bot, display_name: 'Nightly CI', kind: 'ai' },
      });
      assert.equal(created.json().active, true);

      const issued = await t.request('POST', `/api/agents/${bot}/tokens`, {
        token: ADMIN_TOKEN,
        body: { scopes: ['write'], expires_in_days: 30, label: 'nightly CI' },
      });
      assert.equal(issued.statusCode, 201, issued.body);
      const { token, token_id: tokenId, expires_at: expiresAt } = issued.json();
      assert.equal(expiresAt, '2026-08-31T02:00:00.000Z');

      const written = await t.request('POST', '/api/artifacts', {
        token,
        body: { id: dataset, type: 'dataset', title: 'Nightly export' },
      });
      assert.equal(written.json().created_by, bot);
      const listed = (await t.request('GET', `/api/agents/${bot}/tokens`, { token })).json().tokens;
      assert.deepEqual(
        listed.map((entry: Record<string, unknown>) => [entry.token_id, entry.label, entry.revoked_at]),
        [[tokenId, 'nightly CI', null]],
      );

      const revoked = await t.request('DELETE', `/api/agents/${bot}/tokens/${tokenId}`, { token });
      assert.deepEqual(revoked.json(), { token_id: tokenId, revoked_at: '2026-08-01T02:00:00.000Z' });
      const late = { type: 'dataset', title: 'Too late' };
      expectError(await t.request('POST', '/api/artifacts', { token, body: late }), 401, 'token_revoked');

      const fresh = (
        await t.request('POST', `/api/agents/${bot}/tokens`, {
          token: ADMIN_TOKEN,
          body: { scopes: ['write'] },
        })
      ).json();
      const paused = await t.request('PATCH', `/api/agents/${bot}`, {
        token: ADMIN_TOKEN,
        body: { active: false },
      });
      assert.equal(paused.json().active, false);
      const meanwhile = { type: 'dataset', title: 'While paused' };
      expectError(
        await t.request('POST', '/api/artifacts', { token: fresh.token, body: meanwhile }),
        401,
        'agent_inactive',
      );
      assert.equal((await t.request('GET', `/api/artifacts/${dataset}`)).json().created_by, bot);
      const resumed = await t.request('PATCH', `/api/agents/${bot}`, {
        token: ADMIN_TOKEN,
        body: { active: true },
      });
      assert.equal(resumed.json().active, true);

      const history = (await t.request('GET', `/api/events?target=${bot}`)).json().events;
      assert.deepEqual(
        history.map(
          (event: { event_type: string; actor: string; detection_metadata: { token_id?: string } }) => [
            event.event_type,
            event.actor,
            event.detection_metadata.token_id ?? '',
          ],
        ),
        [
          ['agent_reactivated', 'admin', ''],
          ['agent_deactivated', 'admin', ''],
          ['token_issued', 'admin', fresh.token_id],
          ['token_revoked', bot, tokenId],
          ['token_issued', 'admin', tokenId],
        ],
      );
    });
  });
}
