/**
 * Tokens: issuing (admin), listing and revoking (admin, or the agent itself), and the lookup behind
 * authentication, which refuses revoked and expired tokens and every token of an inactive agent.
 * The bootstrap `MODELGRAPH_ADMIN_TOKEN` is configuration, not a stored token: checked by hash in
 * memory, it acts as `admin` and is neither listed nor revocable (docs/decisions.md).
 */
import { ADMIN_AGENT_ID, assertScope, type Caller, hasScope, type Scope } from '../caller.ts';
import type { Deps, Unit } from '../deps.ts';
import { Forbidden, NotFound } from '../errors.ts';
import { logEvent } from '../events/event.service.ts';
import { getAgent } from './agent.service.ts';
import { callerOfCredential } from './core/credential.ts';
import {
  findCredentialByHash,
  findTokenOfAgent,
  findTokensOfAgent,
  insertToken,
  markTokenRevoked,
  type TokenRecord,
} from './token.repository.ts';
import { generateToken, hashToken } from './token.ts';
import type { TokenUsage } from './token-usage.ts';

export type { TokenRecord } from './token.repository.ts';

const DAY_MS = 86_400_000;

/** A token to issue for an agent, by `admin`. */
export interface IssueTokenProps {
  unit: Unit;
  caller: Caller;
  agentId: string;
  scopes: Scope[];
  /** Whole days from now until the token stops working; none: it works until revoked. */
  expiresInDays?: number;
  /** Whom or what the token is for, as its holder will recognise it in the list. */
  label?: string;
}

/** A token just issued: its secret (shown this once) and its record. */
export interface IssuedToken {
  token: string;
  record: TokenRecord;
}

/** Issues a token for an existing agent (by `admin`), logged as `token_issued`; the secret is stored hashed. */
export async function issueToken(deps: Deps, props: IssueTokenProps): Promise<IssuedToken> {
  assertScope(props.caller, 'admin');
  const { unit, caller } = props;
  const agent = await getAgent({ db: unit.tx }, props.agentId);
  const token = generateToken();
  const expiresAt =
    props.expiresInDays === undefined
      ? null
      : new Date(deps.clock.now().getTime() + props.expiresInDays * DAY_MS);
  const record = await insertToken(unit.tx, {
    tokenHash: hashToken(token),
    agentId: agent.id,
    scopes: props.scopes,
    label: props.label ?? null,
    expiresAt,
  });
  const logged = await logEvent(unit, {
    eventType: 'token_issued',
    targetArtifactId: agent.id,
    actor: caller.agentId,
    detectionMetadata: {
      agent_id: agent.id,
      token_id: record.id,
      scopes: record.scopes,
      label: record.label,
      expires_at: expiresAt?.toISOString() ?? null,
      actor: caller.agentId,
    },
  });
  await unit.publish({ type: 'token_issued', logged });
  return { token, record };
}

/** Throws 403 unless the caller is `admin` or the agent itself. */
function assertSelfOrAdmin(caller: Caller, agentId: string, action: string): void {
  if (caller.agentId !== agentId && !hasScope(caller, 'admin')) {
    throw new Forbidden(`only agent '${agentId}' itself or an admin may ${action}`);
  }
}

/** Every token of an agent, revoked and expired ones included (admin, or the agent itself). */
export async function listTokens(
  deps: Pick<Deps, 'db'>,
  props: { caller: Caller; agentId: string },
): Promise<TokenRecord[]> {
  assertSelfOrAdmin(props.caller, props.agentId, 'list its tokens');
  const agent = await getAgent(deps, props.agentId);
  return findTokensOfAgent(deps.db, agent.id);
}

/** A token to revoke, by its agent or `admin`. */
export interface RevokeTokenProps {
  unit: Unit;
  caller: Caller;
  agentId: string;
  tokenId: string;
}

/**
 * Revokes a token, logged as `token_revoked`; revoking it again changes nothing and answers the
 * first revocation. 404 when the agent has no token with this handle.
 */
export async function revokeToken(deps: Deps, props: RevokeTokenProps): Promise<TokenRecord> {
  const { unit, caller, agentId, tokenId } = props;
  assertSelfOrAdmin(caller, agentId, 'revoke its tokens');
  const revoked = await markTokenRevoked(unit.tx, { agentId, tokenId }, deps.clock.now());
  if (!revoked) {
    const existing = await findTokenOfAgent(unit.tx, agentId, tokenId);
    if (!existing) throw new NotFound(`agent '${agentId}' has no token '${tokenId}'`);
    return existing;
  }
  const logged = await logEvent(unit, {
    eventType: 'token_revoked',
    targetArtifactId: agentId,
    actor: caller.agentId,
    detectionMetadata: { agent_id: agentId, token_id: tokenId, actor: caller.agentId },
  });
  await unit.publish({ type: 'token_revoked', logged });
  return revoked;
}

/**
 * The token lookup of the authenticator: the bootstrap admin token, then stored tokens by hash
 * (401 `token_revoked`, `token_expired` or `agent_inactive` when one may not act). Each use of a
 * stored token is noted in `usage`, which writes `last_used_at` later, off the request's path.
 */
export function tokenLookup(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  usage: Pick<TokenUsage, 'note'>,
): (token: string) => Promise<Caller | undefined> {
  const adminHash = deps.config.adminToken ? hashToken(deps.config.adminToken) : undefined;
  return async (token) => {
    const tokenHash = hashToken(token);
    if (tokenHash === adminHash) return { agentId: ADMIN_AGENT_ID, scopes: ['admin'] };
    const credential = await findCredentialByHash(deps.db, tokenHash);
    if (!credential) return undefined;
    const caller = callerOfCredential(credential, deps.clock.now());
    usage.note(credential.tokenId);
    return caller;
  };
}
