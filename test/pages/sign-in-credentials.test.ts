/**
 * The pages' sign-in refuses what the API refuses: a revoked token, an expired one and any token
 * of a deactivated agent are turned away at the form with a message saying which, and a session
 * whose token was withdrawn after sign-in ends at its next form, its cookie dropped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { credentialsOf } from '../support/credentials.ts';
import { testStores } from '../support/stores.ts';
import { expectPage, postForm } from './page-support.ts';

const DAY_MS = 86_400_000;

for (const store of testStores()) {
  describe(`signing in to the pages with a withdrawn token on ${store.name}`, () => {
    let t: TestApp;
    const clock = manualClock(new Date('2026-07-01T08:00:00.000Z'));
    before(async () => {
      t = await startTestApp(store, {}, clock);
    });
    after(() => t.close());

    const credentials = credentialsOf(() => t);
    /** A new evaluator and one of its tokens. */
    const evaluator = async (body: Record<string, unknown> = {}) => {
      const agentId = await credentials.createAgent('reviewer', 'human');
      return { agentId, ...(await credentials.issue(agentId, { scopes: ['evaluate'], ...body })) };
    };
    const signIn = (token: string) => postForm(t.app, '/kg/session', { token });

    const withdrawals: [string, (who: Awaited<ReturnType<typeof evaluator>>) => Promise<unknown>, RegExp][] =
      [
        [
          'revoked',
          (who) =>
            t.request('DELETE', `/api/agents/${who.agentId}/tokens/${who.token_id}`, { token: ADMIN_TOKEN }),
          /This token was revoked\. Sign in with a current token\./,
        ],
        [
          'expired',
          async () => clock.advance(2 * DAY_MS),
          /This token has expired\. Sign in with a current token\./,
        ],
        [
          'of a deactivated agent',
          (who) =>
            t.request('PATCH', `/api/agents/${who.agentId}`, { token: ADMIN_TOKEN, body: { active: false } }),
          /This token&#39;s agent is deactivated\. Ask an admin to reactivate it/,
        ],
      ];

    for (const [what, withdraw, message] of withdrawals) {
      it(`refuses a token ${what} at the sign-in form with a 401 page saying so, and sets no cookie`, async () => {
        const who = await evaluator({ expires_in_days: 1 });
        await withdraw(who);
        const response = await signIn(who.token);
        const body = await expectPage(response, 401);
        assert.match(body, message);
        assert.equal(response.headers['set-cookie'], undefined);
      });

      it(`ends a session whose token was then ${what}: the next form is a 401 page and drops the cookie`, async () => {
        const who = await evaluator({ expires_in_days: 1 });
        const signedIn = await signIn(who.token);
        assert.equal(signedIn.statusCode, 303, signedIn.body);
        const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
        await withdraw(who);
        const response = await postForm(t.app, '/kg/edges/no-such-edge/review', { decision: 'keep' }, cookie);
        const body = await expectPage(response, 401);
        assert.match(body, message);
        assert.match(String(response.headers['set-cookie']), /^mg_token=;.*Max-Age=0/);
      });
    }
  });
}
