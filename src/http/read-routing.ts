/**
 * Sends pure reads to the read replica (docs/scaling.md, docs/decisions.md "Reads on the replica"): every
 * `GET` and `HEAD` route runs inside `onReplica` unless its route config says `needsPrimary` (the
 * reads that settle demurrage, which write) or the caller wrote within the last few seconds (the
 * `mg_wrote` cookie, set on every successful write's answer, so a redirect after a form post and
 * any read that follows a write see it). A replica that fails a read is set aside, the read runs
 * again on the primary, and one warning is logged; nothing fails because of it.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { onReplica } from '../db/read-routing.ts';
import { isUnavailableServerError, type Replica } from '../db/replica.ts';
import type { Logger } from '../logger.ts';
import type { App } from './route-deps.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This `GET` writes (it settles demurrage): serve it from the primary even with a replica. */
    needsPrimary?: boolean;
  }
}

/** The cookie that keeps a writer's reads on the primary for a while. */
export const WROTE_COOKIE = 'mg_wrote';

const READ_METHODS = new Set(['GET', 'HEAD']);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the routing needs: the replica, the log, and how long a writer reads from the primary. */
export interface ReadRoutingProps {
  replica: Replica;
  logger: Logger;
  readYourWritesSeconds: number;
}

function hasWrittenRecently(request: FastifyRequest): boolean {
  return (request.headers.cookie ?? '').split(';').some((pair) => pair.trim().startsWith(`${WROTE_COOKIE}=`));
}

type Handler = RouteOptions['handler'];
type Server = ThisParameterType<Handler>;

function replicaHandler(original: Handler, props: ReadRoutingProps): Handler {
  return function routedHandler(this: Server, request: FastifyRequest, reply: FastifyReply) {
    if (hasWrittenRecently(request) || !props.replica.isAvailable())
      return original.call(this, request, reply);
    const onPrimaryInstead = (error: unknown) => {
      if (reply.sent || !isUnavailableServerError(error)) throw error;
      props.replica.reportFailure(error);
      return original.call(this, request, reply);
    };
    try {
      const result = onReplica(() => original.call(this, request, reply));
      if (!(result instanceof Promise)) return result;
      return result.then((value) => {
        props.replica.reportSuccess();
        return value;
      }, onPrimaryInstead);
    } catch (error) {
      return onPrimaryInstead(error);
    }
  } as Handler;
}

/** Installs the routing; call before any route is registered. */
export function routeReadsToReplica(app: App, props: ReadRoutingProps): void {
  props.replica.onTransition((transition, error) => {
    if (transition === 'went-down')
      props.logger.warn({ err: error }, 'read replica unavailable: reads go to the primary');
    else props.logger.info('read replica answering again: pure reads go back to it');
  });
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (route.config?.needsPrimary || !methods.every((method) => READ_METHODS.has(method))) return;
    route.handler = replicaHandler(route.handler, props);
  });
  const wroteCookie = `${WROTE_COOKIE}=1; Max-Age=${props.readYourWritesSeconds}; Path=/; HttpOnly; SameSite=Lax`;
  app.addHook('onSend', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || reply.statusCode >= 400) return;
    const existing = reply.getHeader('set-cookie');
    reply.header('set-cookie', [
      ...(existing === undefined ? [] : [existing].flat().map(String)),
      wroteCookie,
    ]);
  });
}
