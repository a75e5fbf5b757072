/**
 * Operations over HTTP (docs/api.md#health-and-metrics): `GET /api/health` for load balancers and `GET
 * /metrics` for Prometheus. Neither needs a token: they tell whether the process can serve, not what it
 * holds.
 */
import type { Store } from '../db/database.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { checkHealth } from './health.service.ts';
import { HealthSchema } from './ops.schemas.ts';

/** Registers the health check and the metrics endpoint. */
export function registerOpsRoutes(app: App, deps: RouteDeps & { store: Store }) {
  app.get(
    '/api/health',
    {
      // The check asks each server itself; it must not be routed to the replica it is checking.
      config: { needsPrimary: true },
      schema: {
        tags: ['operations'],
        summary:
          'Whether the primary and the read replica answer, how far the replica lags (503 when the primary does not), and how process runtimes run',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const health = await checkHealth(deps.store, deps.config);
      return reply.status(health.primary === 'ok' ? 200 : 503).send(health);
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}
