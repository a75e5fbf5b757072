/**
 * Authentication for write routes: the bearer token names an agent and its scopes. The bootstrap
 * `MODELGRAPH_ADMIN_TOKEN` is checked by hash in memory and acts as the `admin` agent.
 */
import type { FastifyRequest } from 'fastify';
import { findTokenByHash } from '../agents/agent.repository.ts';
import { assertScope, type Caller, hashToken, type Scope } from '../agents/token.ts';
import type { Db } from '../db/database.ts';
import { Unauthenticated } from '../errors.ts';

/** The id of the agent the bootstrap admin token acts as. */
export const ADMIN_AGENT_ID = 'admin';

/**
 * Resolves the caller of a request and checks it holds `scope`; throws 401 or 403 otherwise. Only
 * the headers are read, so the review pages can check a token kept in a cookie the same way.
 */
export type Authenticate = (request: Pick<FastifyRequest, 'headers'>, scope: Scope) => Promise<Caller>;

/** Builds the authenticator for a database and an optional bootstrap admin token. */
export function createAuthenticator(db: Db, adminToken: string | undefined): Authenticate {
  const adminHash = adminToken ? hashToken(adminToken) : undefined;
  return async (request, scope) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new Unauthenticated('this action needs an Authorization: Bearer <token> header');
    const tokenHash = hashToken(match[1]);
    const caller: Caller | undefined =
      tokenHash === adminHash
        ? { agentId: ADMIN_AGENT_ID, scopes: ['admin'] }
        : await findTokenByHash(db, tokenHash);
    if (!caller) throw new Unauthenticated('the bearer token is not valid');
    assertScope(caller, scope);
    return caller;
  };
}
