/**
 * Agents and tokens for the credential suites: a client of one test app that creates agents,
 * issues, lists and revokes tokens, deactivates agents, writes as a token, reads an agent's
 * events, and asserts a refusal wrote nothing — not a token's revocation, not an agent's state,
 * not an event.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, type TestApp } from './app.ts';
import { expectError, uniqueId } from './factories.ts';

/** A token as `POST /api/agents/{id}/tokens` answers it. */
export interface IssuedToken {
  token: string;
  token_id: string;
  scopes: string[];
  label: string | null;
  expires_at: string | null;
}

/** The credential requests of the test app `appOf` answers (read at each call: suites start it in `before`). */
export function credentialsOf(appOf: () => TestApp) {
  const request: TestApp['request'] = (...args) => appOf().request(...args);
  const db = () => appOf().store.db;
  const credentialState = async () => ({
    tokens: await queryRows(
      db(),
      sql`select id, agent_id, revoked_at, expires_at, label from tokens order by id`,
    ),
    agents: await queryRows(db(), sql`select id, display_name, active from agents order by id`),
    events: await queryRows(db(), sql`select count(*)::int as n, max(id)::int as last from events`),
    artifacts: await queryRows(db(), sql`select count(*)::int as n from artifacts`),
  });
  return {
    /** Creates an agent as the admin; returns its id. */
    async createAgent(prefix = 'agent', kind: 'human' | 'ai' = 'ai') {
      const id = uniqueId(prefix);
      const response = await request('POST', '/api/agents', {
        token: ADMIN_TOKEN,
        body: { id, display_name: id, kind },
      });
      assert.equal(response.statusCode, 201, response.body);
      return id;
    },
    /** Issues a token for an agent as the admin; asserts the 201. */
    async issue(
      agentId: string,
      body: Record<string, unknown> = { scopes: ['write'] },
    ): Promise<IssuedToken> {
      const response = await request('POST', `/api/agents/${agentId}/tokens`, { token: ADMIN_TOKEN, body });
      assert.equal(response.statusCode, 201, response.body);
      return response.json();
    },
    /** A write as the token's agent: 201 while the token may act. */
    write: (token: string) =>
      request('POST', '/api/artifacts', {
        token,
        body: { type: 'dataset', title: `by ${token.slice(0, 8)}` },
      }),
    list: (agentId: string, token = ADMIN_TOKEN) =>
      request('GET', `/api/agents/${agentId}/tokens`, { token }),
    revoke: (agentId: string, tokenId: string, token = ADMIN_TOKEN) =>
      request('DELETE', `/api/agents/${agentId}/tokens/${tokenId}`, { token }),
    patch: (agentId: string, body: unknown, token = ADMIN_TOKEN) =>
      request('PATCH', `/api/agents/${agentId}`, { token, body }),
    /** The events of one type that target an agent, newest first. */
    async eventsOf(type: string, agentId: string) {
      const response = await request('GET', `/api/events?type=${type}&target=${agentId}`);
      return response.json().events as { actor: string; detection_metadata: Record<string, unknown> }[];
    },
    /** Everything a credential change can write: tokens, agents, events and artifacts, row by row. */
    credentialState,
    /** Sends a request that must be refused with `status` and `code`, and asserts it wrote nothing. */
    async expectRefused(send: () => Promise<LightMyRequestResponse>, status: number, code: string) {
      const before = await credentialState();
      const error = expectError(await send(), status, code);
      assert.deepEqual(await credentialState(), before, `a ${status} ${code} wrote something`);
      return error;
    },
  };
}
