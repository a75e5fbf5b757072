/**
 * The enrichment worker inside `modelgraph serve`: a sweeper (`sweeper.ts`) of the MLflow
 * enrichment queue, woken when a registration through the MLflow face commits and on a poll, which
 * also finds retries as they fall due. Started only while a tracking server is configured.
 */
import type { Store } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { ENRICHMENT_CHANNEL } from '../../registry/models/mlflow-version.service.ts';
import { type Sweeper, startSweeper } from '../../sweeper.ts';
import { enrichDueVersions } from './enrichment.job.ts';

/** How often the worker looks for due enrichments without being woken. */
const DEFAULT_POLL_MS = 1000;

/** Starts the worker on `store` when `MODELGRAPH_MLFLOW_TRACKING_URI` is set; stop it before closing the store. */
export async function startEnrichmentWorker(
  deps: Deps & { store: Pick<Store, 'listen'> },
  options: { pollMs?: number } = {},
): Promise<Sweeper | undefined> {
  if (deps.config.mlflowTrackingUri === undefined) return undefined;
  return startSweeper(deps, {
    name: 'MLflow enrichment worker',
    channel: ENRICHMENT_CHANNEL,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    async sweep(signal) {
      const summary = await enrichDueVersions(deps, { signal });
      if (summary.attempted > 0)
        deps.logger.info({ enrichments: summary }, 'MLflow enrichment sweep finished');
    },
  });
}
