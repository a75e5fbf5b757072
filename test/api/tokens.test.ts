/**
 * Tokens can be listed, expire and be revoked: issuing with a label and an expiry, listing (admin
 * or the agent itself, never a secret), revoking (twice is the first revocation), 401
 * `token_revoked` / `token_expired` on every face that takes a token, the events each change logs,
 * and every refusal with its status, code and nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { credentialsOf } from '../support/credentials.ts';
import { expectError, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

const DAY_MS = 86_400_000;

for (const store of testStores()) {
  describe(`tokens on ${store.name}`, () => {
    let t: TestApp;
    const clock = manualClock(new Date('2026-05-01T09:00:00.000Z'));

    before(async () => {
      t = await startTestApp(store, {}, clock);
    });
    after(() => t.close());

    const { createAgent, issue, write, list, revoke, eventsOf, credentialState, expectRefused } =
      credentialsOf(() => t);

    describe('issuing', () => {
      it('answers the token once with its public handle, scopes, label and expiry, and logs token_issued', async () => {
        const agentId = await createAgent();
        const issued = await issue(agentId, {
          scopes: ['write', 'evaluate'],
          expires_in_days: 30,
          label: 'CI runner',
        });
        assert.match(issued.token, /^mg_/);
        assert.match(issued.token_id, /^tok_[0-9a-f]{20}$/);
        assert.ok(
          !issued.token.includes(issued.token_id) && !issued.token_id.includes(issued.token.slice(3, 12)),
        );
        assert.deepEqual(
          { ...issued, token: undefined, token_id: undefined },
          {
            token: undefined,
            token_id: undefined,
            scopes: ['write', 'evaluate'],
            label: 'CI runner',
            expires_at: new Date(clock.now().getTime() + 30 * DAY_MS).toISOString(),
          },
        );
        const [event] = await eventsOf('token_issued', agentId);
        assert.equal(event.actor, 'admin');
        assert.equal(event.detection_metadata.token_id, issued.token_id);
        assert.equal(event.detection_metadata.agent_id, agentId);
        assert.ok(!JSON.stringify(event).includes(issued.token), 'the event holds no secret');
      });

      it('issues a token without expiry or label when none is asked', async () => {
        const issued = await issue(await createAgent());
        assert.equal(issued.expires_at, null);
        assert.equal((issued as unknown as { label: unknown }).label, null);
      });

      const badBodies: [string, Record<string, unknown>][] = [
        ['expires_in_days 0', { scopes: ['write'], expires_in_days: 0 }],
        ['expires_in_days above 3650', { scopes: ['write'], expires_in_days: 3651 }],
        ['a fractional expires_in_days', { scopes: ['write'], expires_in_days: 1.5 }],
        ['expires_in_days as text', { scopes: ['write'], expires_in_days: '7' }],
        ['a label over 100 characters', { scopes: ['write'], label: 'x'.repeat(101) }],
        ['a label that is not text', { scopes: ['write'], label: 7 }],
      ];
      for (const [what, body] of badBodies) {
        it(`refuses ${what} with 400 invalid_request and stores nothing`, async () => {
          const agentId = await createAgent();
          await expectRefused(
            () => t.request('POST', `/api/agents/${agentId}/tokens`, { token: ADMIN_TOKEN, body }),
            400,
            'invalid_request',
          );
        });
      }

      it('refuses the agent itself without admin with 403 forbidden', async () => {
        const agentId = await createAgent();
        const { token } = await issue(agentId);
        await expectRefused(
          () => t.request('POST', `/api/agents/${agentId}/tokens`, { token, body: { scopes: ['write'] } }),
          403,
          'forbidden',
        );
      });
    });

    describe('listing', () => {
      it('lists every token of the agent to an admin and to the agent itself, never a secret or a hash', async () => {
        const agentId = await createAgent();
        const first = await issue(agentId, { scopes: ['write'], label: 'laptop' });
        const second = await issue(agentId, { scopes: ['evaluate'], expires_in_days: 7 });
        assert.equal((await revoke(agentId, first.token_id)).statusCode, 200);
        for (const asker of [ADMIN_TOKEN, second.token]) {
          const response = await list(agentId, asker);
          assert.equal(response.statusCode, 200, response.body);
          const { tokens } = response.json();
          assert.deepEqual(
            tokens.map((token: Record<string, unknown>) => Object.keys(token).sort()),
            [0, 1].map(() =>
              [
                'created_at',
                'expires_at',
                'label',
                'last_used_at',
                'revoked_at',
                'scopes',
                'token_id',
              ].sort(),
            ),
          );
          assert.deepEqual(
            tokens.map((token: { token_id: string; label: string | null; scopes: string[] }) => [
              token.token_id,
              token.label,
              token.scopes,
            ]),
            [
              [first.token_id, 'laptop', ['write']],
              [second.token_id, null, ['evaluate']],
            ],
          );
          assert.equal(typeof tokens[0].revoked_at, 'string');
          assert.equal(tokens[1].revoked_at, null);
          assert.equal(tokens[1].expires_at, second.expires_at);
          const [hashes] = await queryRows<{ hashes: string[] }>(
            t.store.db,
            sql`select array_agg(token_hash) as hashes from tokens where agent_id = ${agentId}`,
          );
          for (const secret of [first.token, second.token, ...hashes.hashes]) {
            assert.ok(!response.body.includes(secret), 'no secret or hash is listed');
          }
        }
      });

      it('refuses another agent with 403 forbidden', async () => {
        const agentId = await createAgent();
        await issue(agentId);
        const { token: stranger } = await issue(await createAgent('stranger'), {
          scopes: ['write', 'evaluate'],
        });
        expectError(await list(agentId, stranger), 403, 'forbidden');
      });

      it('refuses a request without a token with 401 and an unknown agent with 404', async () => {
        const agentId = await createAgent();
        expectError(await t.request('GET', `/api/agents/${agentId}/tokens`), 401, 'unauthenticated');
        expectError(await list(uniqueId('ghost')), 404, 'not_found');
      });
    });

    describe('revoking', () => {
      it('lets the agent revoke its own token: that token is 401 token_revoked at once, its others still work', async () => {
        const agentId = await createAgent();
        const doomed = await issue(agentId);
        const kept = await issue(agentId);
        assert.equal((await write(doomed.token)).statusCode, 201);
        const response = await revoke(agentId, doomed.token_id, kept.token);
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json(), {
          token_id: doomed.token_id,
          revoked_at: clock.now().toISOString(),
        });

        const refused = expectError(await write(doomed.token), 401, 'token_revoked');
        assert.match(refused.message, /revoked/);
        // A model version's detail identifies a reader who sends a token, so a revoked one is refused there too.
        const model = await t.request('POST', '/api/models', {
          token: kept.token,
          body: { model_name: uniqueId('model'), title: 'm', model_family: 'biophysical', trained_on: [] },
        });
        expectError(
          await t.request('GET', `/api/models/${model.json().id}`, { token: doomed.token }),
          401,
          'token_revoked',
        );
        assert.equal((await write(kept.token)).statusCode, 201);
        const [event] = await eventsOf('token_revoked', agentId);
        assert.deepEqual(event.detection_metadata, {
          agent_id: agentId,
          token_id: doomed.token_id,
          actor: agentId,
        });
      });

      it("refuses a revoked token on the MLflow face too, in MLflow's words", async () => {
        const agentId = await createAgent();
        const issued = await issue(agentId);
        await revoke(agentId, issued.token_id);
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/2.0/mlflow/registered-models/create',
          headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' },
          payload: { name: uniqueId('mlflow-model') },
        });
        assert.equal(response.statusCode, 401, response.body);
        assert.equal(response.json().error_code, 'UNAUTHENTICATED');
        assert.match(response.json().message, /revoked/);
      });

      it('answers a second revocation with the first revoked_at and logs it once', async () => {
        const agentId = await createAgent();
        const issued = await issue(agentId);
        const first = (await revoke(agentId, issued.token_id)).json();
        clock.advance(60_000);
        const before = await credentialState();
        const second = await revoke(agentId, issued.token_id);
        assert.equal(second.statusCode, 200, second.body);
        assert.deepEqual(second.json(), first);
        assert.deepEqual(await credentialState(), before, 'the second revocation wrote nothing');
        assert.equal((await eventsOf('token_revoked', agentId)).length, 1);
      });

      it('refuses another agent with 403 forbidden and leaves the token working', async () => {
        const agentId = await createAgent();
        const issued = await issue(agentId);
        const { token: stranger } = await issue(await createAgent('stranger'), {
          scopes: ['write', 'evaluate'],
        });
        await expectRefused(() => revoke(agentId, issued.token_id, stranger), 403, 'forbidden');
        assert.equal((await write(issued.token)).statusCode, 201);
      });

      it('answers 404 not_found for an unknown handle, or one of another agent, and revokes nothing', async () => {
        const agentId = await createAgent();
        const other = await issue(await createAgent('other'));
        await expectRefused(() => revoke(agentId, 'tok_00000000000000000000'), 404, 'not_found');
        await expectRefused(() => revoke(agentId, other.token_id), 404, 'not_found');
        assert.equal((await write(other.token)).statusCode, 201);
      });

      it('refuses a request without a token with 401 unauthenticated', async () => {
        const agentId = await createAgent();
        const issued = await issue(agentId);
        await expectRefused(
          () => t.request('DELETE', `/api/agents/${agentId}/tokens/${issued.token_id}`),
          401,
          'unauthenticated',
        );
      });
    });

    describe('expiry', () => {
      it('accepts a token until its expires_at and answers 401 token_expired from then on', async () => {
        const agentId = await createAgent();
        const issued = await issue(agentId, { scopes: ['write'], expires_in_days: 1 });
        clock.advance(DAY_MS - 1);
        assert.equal((await write(issued.token)).statusCode, 201);
        clock.advance(1);
        const refused = await expectRefused(() => write(issued.token), 401, 'token_expired');
        assert.match(refused.message, new RegExp(issued.expires_at as string));
        const listed = (await list(agentId)).json().tokens[0];
        assert.equal(listed.revoked_at, null, 'an expired token is not revoked');
      });
    });
  });
}
