/**
 * The MLflow subscribers: a version registered through the MLflow face gets its MLflow record in
 * the registration's transaction — the logged model it came from, and its enrichment from the
 * tracking server queued (a rolled-back registration queues nothing). Committing wakes the
 * enrichment workers; nothing here calls the tracking server.
 */
import { inTransaction } from '../../deps.ts';
import { recordMlflowVersion } from '../../registry/models/mlflow-version.service.ts';

/** The MLflow face's reactions to domain events. */
export const mlflowSubscribers = [
  inTransaction(
    'MLflow: keep the logged model, queue the enrichment',
    ['model_version_registered'],
    async (deps, unit, event) => {
      if (!event.mlflow) return;
      await recordMlflowVersion(deps, { unit, versionId: event.versionId, modelId: event.mlflow.modelId });
    },
  ),
];
