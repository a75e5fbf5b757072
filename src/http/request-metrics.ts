/**
 * Counts every answered request in the metrics by method, route pattern (not the URL, so ids do
 * not make a series each) and status, with its duration.
 */
import type { Metrics } from '../metrics.ts';
import type { App } from './route-deps.ts';

/** Installs the hook that observes each response. */
export function countRequests(app: App, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
}
