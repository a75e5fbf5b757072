/**
 * Bearer authentication for write routes: the `Authorization: Bearer <token>` header names a
 * caller, who must hold the route's scope. Who a token belongs to is the agents feature's answer,
 * handed in as `findCaller`.
 */
import type { FastifyRequest } from 'fastify';
import { assertScope, type Caller, type Scope } from '../caller.ts';
import { Unauthenticated } from '../errors.ts';

/** Who a raw token belongs to, or undefined when no agent holds it. */
export type FindCaller = (token: string) => Promise<Caller | undefined>;

/**
 * Resolves the caller of a request and checks it holds `scope`; throws 401 or 403 otherwise. Only
 * the headers are read, so the review pages can check a token kept in a cookie the same way.
 */
export type Authenticate = (request: Pick<FastifyRequest, 'headers'>, scope: Scope) => Promise<Caller>;

/** The authenticator over a token lookup. */
export function bearerAuthenticator(findCaller: FindCaller): Authenticate {
  return async (request, scope) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new Unauthenticated('this action needs an Authorization: Bearer <token> header');
    const caller = await findCaller(match[1]);
    if (!caller) throw new Unauthenticated('the bearer token is not valid');
    assertScope(caller, scope);
    return caller;
  };
}
