/**
 * The wire form of agents and their tokens.
 */
import type { Agent } from './agent.repository.ts';
import type { TokenRecord } from './token.repository.ts';

/** An agent as sent. */
export function presentAgent(agent: Agent) {
  return {
    id: agent.id,
    display_name: agent.displayName,
    kind: agent.kind,
    active: agent.isActive,
    created_at: agent.createdAt.toISOString(),
  };
}

/** A stored token as listed: its handle and dates, never its secret or hash. */
export function presentToken(record: TokenRecord) {
  return {
    token_id: record.id,
    scopes: record.scopes,
    label: record.label,
    created_at: record.createdAt.toISOString(),
    expires_at: record.expiresAt?.toISOString() ?? null,
    last_used_at: record.lastUsedAt?.toISOString() ?? null,
    revoked_at: record.revokedAt?.toISOString() ?? null,
  };
}
