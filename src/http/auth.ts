/**
 * Bearer authentication for write routes: the `Authorization: Bearer <token>` header names a
 * caller. Whether the caller may do what it asks is the command's rule, never the route's. Who a
 * token belongs to is the agents feature's answer, handed in as `findCaller`.
 */
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../caller.ts';
import { onPrimary } from '../db/read-routing.ts';
import { Unauthenticated } from '../errors.ts';

/** Who a raw token belongs to, or undefined when no agent holds it. */
export type FindCaller = (token: string) => Promise<Caller | undefined>;

/**
 * Resolves the caller of a request; throws 401 without a valid token. Only the headers are read, so
 * the pages can check a token kept in a cookie the same way.
 */
export type Authenticate = (request: Pick<FastifyRequest, 'headers'>) => Promise<Caller>;

/**
 * Who a read comes from, when it says: undefined without an `Authorization` header, the caller for
 * a valid token of any scope, 401 for a token the server does not know.
 */
export type Identify = (request: Pick<FastifyRequest, 'headers'>) => Promise<Caller | undefined>;

async function callerOf(findCaller: FindCaller, header: string): Promise<Caller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new Unauthenticated('this action needs an Authorization: Bearer <token> header');
  // Tokens are read from the primary, even for a read served by the replica: a token just issued
  // works at once, and one just revoked stops at once.
  const caller = await onPrimary(() => findCaller(match[1]));
  if (!caller) throw new Unauthenticated('the bearer token is not valid');
  return caller;
}

/** The authenticator over a token lookup. */
export function bearerAuthenticator(findCaller: FindCaller): Authenticate {
  return (request) => callerOf(findCaller, request.headers.authorization ?? '');
}

/** The optional identification of readers over a token lookup. */
export function bearerIdentifier(findCaller: FindCaller): Identify {
  return async (request) =>
    request.headers.authorization === undefined
      ? undefined
      : callerOf(findCaller, request.headers.authorization);
}
