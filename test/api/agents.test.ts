import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectError, expectNoWrites, sendRaw, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`agents and tokens on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    const agentBody = (overrides: Record<string, unknown> = {}) => ({
      id: uniqueId('agent'),
      display_name: 'Ada',
      kind: 'human',
      ...overrides,
    });

    describe('POST /api/agents', () => {
      it('creates an agent for an admin and answers 201 with it', async () => {
        const body = agentBody({ kind: 'ai' });
        const response = await t.request('POST', '/api/agents', { token: ADMIN_TOKEN, body });
        assert.equal(response.statusCode, 201, response.body);
        const agent = response.json();
        assert.deepEqual({ id: agent.id, display_name: agent.display_name, kind: agent.kind }, body);
        assert.ok(!Number.isNaN(Date.parse(agent.created_at)));
      });

      it('refuses a duplicate agent id with 409 already_exists and keeps the first', async () => {
        const body = agentBody();
        await t.request('POST', '/api/agents', { token: ADMIN_TOKEN, body });
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/agents', { token: ADMIN_TOKEN, body: { ...body, display_name: 'Other' } }),
        );
        expectError(response, 409, 'already_exists');
        assert.equal((await t.request('GET', `/api/agents/${body.id}`)).json().display_name, 'Ada');
      });

      it('refuses a non-admin token with 403 forbidden and creates nothing', async () => {
        const token = await t.agentToken(uniqueId('writer'), ['write', 'evaluate']);
        const body = agentBody();
        const response = await expectNoWrites(t, () => t.request('POST', '/api/agents', { token, body }));
        expectError(response, 403, 'forbidden');
        expectError(await t.request('GET', `/api/agents/${body.id}`), 404, 'not_found');
      });

      it('refuses a request without a token with 401 unauthenticated', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/agents', { body: agentBody() }),
        );
        expectError(response, 401, 'unauthenticated');
      });

      it('refuses an unknown token with 401 unauthenticated', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/agents', { token: 'mg_not-a-token', body: agentBody() }),
        );
        expectError(response, 401, 'unauthenticated');
      });

      const badBodies: [string, Record<string, unknown>][] = [
        ['a missing display_name', { id: 'no-name', kind: 'human' }],
        ['an unknown kind', { id: 'bad-kind', display_name: 'x', kind: 'robot' }],
        ['an id that does not match the pattern', { id: '-leading-dash', display_name: 'x', kind: 'human' }],
        ['a display_name that is not a string', { id: 'num-name', display_name: 42, kind: 'human' }],
        ['an unknown field', { id: 'extra-field', display_name: 'x', kind: 'human', wallet: 5 }],
      ];
      for (const [what, body] of badBodies) {
        it(`refuses ${what} with 400 invalid_request and creates nothing`, async () => {
          const response = await expectNoWrites(t, () =>
            t.request('POST', '/api/agents', { token: ADMIN_TOKEN, body }),
          );
          expectError(response, 400, 'invalid_request');
        });
      }

      it('refuses malformed JSON with 400 invalid_request', async () => {
        const response = await expectNoWrites(t, () => sendRaw(t, 'POST', '/api/agents', '{"id": "half'));
        expectError(response, 400, 'invalid_request');
      });
    });

    describe('POST /api/agents/{id}/tokens', () => {
      it('issues a token once that then authenticates writes as that agent', async () => {
        const id = uniqueId('agent');
        await t.request('POST', '/api/agents', { token: ADMIN_TOKEN, body: agentBody({ id }) });
        const response = await t.request('POST', `/api/agents/${id}/tokens`, {
          token: ADMIN_TOKEN,
          body: { scopes: ['write'] },
        });
        assert.equal(response.statusCode, 201, response.body);
        const { token } = response.json();
        assert.equal(typeof token, 'string');
        const created = await t.request('POST', '/api/artifacts', {
          token,
          body: { type: 'dataset', title: 'Written by a new agent' },
        });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(created.json().created_by, id);
      });

      it('stores only a hash of the token, never the token itself', async () => {
        const token = await t.agentToken(uniqueId('hashed'), ['write']);
        const rows = await queryRows<{ token_hash: string }>(t.store.db, sql`select token_hash from tokens`);
        assert.ok(rows.length > 0);
        assert.ok(rows.every((row) => row.token_hash !== token && !row.token_hash.includes(token)));
      });

      it('answers 404 not_found for an unknown agent and stores no token', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', `/api/agents/${uniqueId('ghost')}/tokens`, {
            token: ADMIN_TOKEN,
            body: { scopes: ['write'] },
          }),
        );
        expectError(response, 404, 'not_found');
      });

      it('refuses a non-admin token with 403 forbidden', async () => {
        const id = uniqueId('self-issuer');
        const token = await t.agentToken(id, ['write']);
        const response = await expectNoWrites(t, () =>
          t.request('POST', `/api/agents/${id}/tokens`, { token, body: { scopes: ['admin'] } }),
        );
        expectError(response, 403, 'forbidden');
      });

      it('refuses an unknown scope with 400 invalid_request', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/agents/admin/tokens', { token: ADMIN_TOKEN, body: { scopes: ['root'] } }),
        );
        expectError(response, 400, 'invalid_request');
      });

      it('refuses an empty scope list with 400 invalid_request', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/agents/admin/tokens', { token: ADMIN_TOKEN, body: { scopes: [] } }),
        );
        expectError(response, 400, 'invalid_request');
      });

      it('refuses a request without a token with 401 unauthenticated', async () => {
        const response = await t.request('POST', '/api/agents/admin/tokens', { body: { scopes: ['write'] } });
        expectError(response, 401, 'unauthenticated');
      });
    });

    describe('GET /api/agents/{id}', () => {
      it('returns the agent with an empty wallet, without authentication', async () => {
        const body = agentBody({ display_name: 'Grace' });
        await t.request('POST', '/api/agents', { token: ADMIN_TOKEN, body });
        const response = await t.request('GET', `/api/agents/${body.id}`);
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().id, body.id);
        assert.equal(response.json().display_name, 'Grace');
        assert.equal(response.json().kind, 'human');
        assert.deepEqual(response.json().wallet, { balance: 0, balance_micro: 0 });
      });

      it('answers 404 not_found for an unknown agent', async () => {
        expectError(await t.request('GET', `/api/agents/${uniqueId('nobody')}`), 404, 'not_found');
      });
    });

    describe('tokens and scopes', () => {
      it('lets the bootstrap admin token act as the admin agent', async () => {
        const response = await t.request('POST', '/api/artifacts', {
          token: ADMIN_TOKEN,
          body: { type: 'dataset', title: 'By the admin' },
        });
        assert.equal(response.json().created_by, 'admin');
      });

      it('refuses a malformed Authorization header with 401 unauthenticated', async () => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/artifacts',
          payload: { type: 'dataset', title: 'x' },
          headers: { authorization: `Basic ${ADMIN_TOKEN}` },
        });
        expectError(response, 401, 'unauthenticated');
      });
    });
  });
}
