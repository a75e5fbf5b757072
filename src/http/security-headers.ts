/**
 * Security headers on every response (docs/security.md#pages): helmet's middleware, built once
 * from the app's options and applied to each response as it starts. `@fastify/helmet` built the
 * whole middleware again on every request — its options parsed, the CSP directives joined — for
 * the same headers (docs/benchmarks.md, "Second pass").
 */
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Sets helmet's headers, built once from `options`, on every response of `app`. */
export function addSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const apply = helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, () => done());
  });
}
