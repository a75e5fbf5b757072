/**
 * Whether a stored token may act: the rule every face's authentication shares, as a plain function
 * over the token's row and the time.
 */
import type { Caller } from '../../caller.ts';
import { AgentInactive, TokenExpired, TokenRevoked } from '../../errors.ts';

/** What authentication knows of a stored token. */
export interface Credential {
  tokenId: string;
  agentId: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  isAgentActive: boolean;
}

/**
 * The caller a token acts as at `now`; throws 401 `agent_inactive` for every token of a deactivated
 * agent (its state is the broader refusal: reactivating it brings back exactly the tokens that are
 * neither revoked nor expired), then `token_revoked`, then `token_expired`.
 */
export function callerOfCredential(credential: Credential, now: Date): Caller {
  if (!credential.isAgentActive) {
    throw new AgentInactive(`agent '${credential.agentId}' is deactivated: an admin can reactivate it`);
  }
  if (credential.revokedAt) {
    throw new TokenRevoked(
      `this token was revoked at ${credential.revokedAt.toISOString()}: ask for a new one`,
    );
  }
  if (credential.expiresAt && credential.expiresAt.getTime() <= now.getTime()) {
    throw new TokenExpired(`this token expired at ${credential.expiresAt.toISOString()}: ask for a new one`);
  }
  return { agentId: credential.agentId, scopes: credential.scopes };
}
