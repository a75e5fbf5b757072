/**
 * The pages' sign-in: an agent's bearer token of any scope, entered once in a form and kept in the
 * `mg_token` cookie, checked by the same authenticator as the API's `Authorization` header. What
 * the signed-in agent may do is its commands' business (`page-actions.ts` says which forms to show).
 *
 * The trade-off, also in the README: the token itself (not a server-side session) sits in a
 * cookie on the reviewer's machine until the browser closes or they sign out
 * (`POST /kg/session/logout`). It is `HttpOnly`, so page scripts cannot read it, and
 * `SameSite=Strict`, so the browser never sends it with a request started by another site; that
 * is what protects the review forms from cross-site request forgery without a CSRF token. It is
 * marked `Secure` whenever the page is served over HTTPS.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertScope, type Caller, type Scope } from '../../caller.ts';
import { AgentInactive, TokenExpired, TokenRevoked, Unauthenticated } from '../../errors.ts';
import type { Authenticate } from '../../http/auth.ts';

/** The name of the cookie that holds the token. */
export const SESSION_COOKIE = 'mg_token';

/** The value of one cookie in a `Cookie` header, or undefined (also when it is not valid percent-encoding). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether the page was served over HTTPS (then the cookie is `Secure`). */
export const isSecure = (request: FastifyRequest) => request.protocol === 'https';

const attributes = (isSecure: boolean) => `HttpOnly; SameSite=Strict; Path=/${isSecure ? '; Secure' : ''}`;

/** The `Set-Cookie` value that keeps `token` for the browser session. */
export function sessionCookie(token: string, isSecure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; ${attributes(isSecure)}`;
}

/** The `Set-Cookie` value that removes the token. */
export function clearedSessionCookie(isSecure: boolean): string {
  return `${SESSION_COOKIE}=; ${attributes(isSecure)}; Max-Age=0`;
}

/** Why a token no longer signs anyone in, in the pages' words (the API's refusal, same code). */
function pageRefusalOf(error: Unauthenticated): Unauthenticated {
  if (error instanceof TokenRevoked) {
    return new TokenRevoked('This token was revoked. Sign in with a current token.');
  }
  if (error instanceof TokenExpired) {
    return new TokenExpired('This token has expired. Sign in with a current token.');
  }
  if (error instanceof AgentInactive) {
    return new AgentInactive(
      "This token's agent is deactivated. Ask an admin to reactivate it, or sign in as another agent.",
    );
  }
  return new Unauthenticated('This token is not valid. Sign in again with a valid token.');
}

/** Checks a raw token (for `scope`, when given) with the API's authenticator; throws 401 or 403 in the pages' words. */
export async function authenticateToken(
  authenticate: Authenticate,
  token: string,
  scope?: Scope,
): Promise<Caller> {
  try {
    const caller = await authenticate({ headers: { authorization: `Bearer ${token}` } });
    if (scope) assertScope(caller, scope);
    return caller;
  } catch (error) {
    if (error instanceof Unauthenticated) throw pageRefusalOf(error);
    throw error;
  }
}

/**
 * The agent signed in through the cookie, whatever its scopes; throws 401 (asking to sign in to do
 * `action`) when there is none or its token no longer signs anyone in. The command checks the rest.
 */
export async function requireSignedIn(
  authenticate: Authenticate,
  request: FastifyRequest,
  action: string,
): Promise<Caller> {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!token) throw new Unauthenticated(`Sign in to ${action}.`);
  return authenticateToken(authenticate, token);
}

/** The agent signed in through the cookie, or undefined when the cookie is missing or stale. */
export async function findSignedIn(
  authenticate: Authenticate,
  request: FastifyRequest,
): Promise<Caller | undefined> {
  try {
    return await requireSignedIn(authenticate, request, 'act');
  } catch (error) {
    if (error instanceof Unauthenticated) return undefined;
    throw error;
  }
}

/**
 * For a page error handler: a 401 also drops a cookie that no longer signs anyone in, so the next
 * visit shows the sign-in form instead of failing again.
 */
export function dropStaleSession(status: number, request: FastifyRequest, reply: FastifyReply): void {
  if (status === 401 && readCookie(request.headers.cookie, SESSION_COOKIE) !== undefined) {
    reply.header('set-cookie', clearedSessionCookie(isSecure(request)));
  }
}
