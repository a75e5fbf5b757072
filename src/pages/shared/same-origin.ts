/**
 * The pages' defence against cross-site request forgery, on top of the `SameSite=Strict` session
 * cookie: a state-changing request must say, in `Origin` (or failing that `Referer`), that it
 * comes from a page of this server. Hosts are compared (with the port); the scheme is not, so a
 * TLS-terminating proxy in front does not break it.
 */
import type { FastifyRequest } from 'fastify';
import { Forbidden } from '../../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Whether the request's `Origin` (or `Referer`) names this server's own host. */
export function isSameOrigin(request: Pick<FastifyRequest, 'headers' | 'protocol' | 'host'>): boolean {
  const claimed = request.headers.origin ?? request.headers.referer;
  if (claimed === undefined || claimed === 'null') return false;
  const own = hostOf(`${request.protocol}://${request.host}`);
  return own !== undefined && hostOf(claimed) === own;
}

/** A page-scope hook: refuses a state-changing request from another site with 403. */
export async function requireSameOrigin(request: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(request.method) || isSameOrigin(request)) return;
  throw new Forbidden('This form was not sent from a page of this server, so it was refused.');
}
