import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentInactive, TokenExpired, TokenRevoked } from '../../errors.ts';
import { type Credential, callerOfCredential } from './credential.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function buildCredential(overrides: Partial<Credential> = {}): Credential {
  return {
    tokenId: 'tok_1',
    agentId: 'ada',
    scopes: ['write'],
    expiresAt: null,
    revokedAt: null,
    isAgentActive: true,
    ...overrides,
  };
}

describe('callerOfCredential', () => {
  it('answers the agent and scopes of a live token', () => {
    assert.deepEqual(callerOfCredential(buildCredential(), NOW), { agentId: 'ada', scopes: ['write'] });
  });

  it('accepts a token until the moment it expires, and refuses it from then on', () => {
    const expiresAt = new Date(NOW.getTime() + 1);
    assert.equal(callerOfCredential(buildCredential({ expiresAt }), NOW).agentId, 'ada');
    assert.throws(
      () => callerOfCredential(buildCredential({ expiresAt: NOW }), NOW),
      (error) => error instanceof TokenExpired && /2026-03-01T12:00:00.000Z/.test(error.message),
    );
  });

  it('refuses a revoked token, saying when, even before it expires', () => {
    const revokedAt = new Date('2026-02-01T00:00:00.000Z');
    const expiresAt = new Date('2026-01-01T00:00:00.000Z');
    assert.throws(
      () => callerOfCredential(buildCredential({ revokedAt, expiresAt }), NOW),
      (error) => error instanceof TokenRevoked && /2026-02-01T00:00:00.000Z/.test(error.message),
    );
  });

  it('refuses every token of a deactivated agent as agent_inactive, revoked ones included', () => {
    for (const overrides of [{}, { revokedAt: NOW }, { expiresAt: NOW }]) {
      assert.throws(
        () => callerOfCredential(buildCredential({ ...overrides, isAgentActive: false }), NOW),
        AgentInactive,
      );
    }
  });
});
