/**
 * What a run on the MLflow tracking server becomes in modelgraph: an `analysis` artifact
 * `mlflow-run-<run_id>`, a `dataset` artifact `mlflow-dataset-<digest>` for each dataset input
 * (pinned by its digest), and the values offered to the version's empty fields — the run id, its
 * parameters and metrics, the run as `produced_by`, datasets of context `training` (or none) as
 * `trained_on`, the first of context `eval`, `evaluation` or `validation` as `eval_dataset_id` and
 * every other as an `input`. Pure: the enrichment job turns the plan into registry commands.
 */
import { isValidId } from '../../registry/core/artifact-id.ts';
import { BadTrackingAnswer, type TrackedDataset, type TrackedRun } from './tracking-facts.ts';

/** How a version used a dataset, by its `mlflow.data.context`. */
export type DatasetRole = 'training' | 'evaluation' | 'input';

/** A dataset artifact to have, with the version its digest pins. */
export interface PlannedDataset {
  id: string;
  title: string;
  digest: string;
  /** Where the data lives, when MLflow's source names a location. */
  uri: string | undefined;
  metadata: Record<string, unknown>;
  roles: DatasetRole[];
}

/** A run's plan. */
export interface EnrichmentPlan {
  runId: string;
  analysis: { id: string; title: string; uri: string | undefined; metadata: Record<string, unknown> };
  /** Distinct datasets, in the order the run logged them. */
  datasets: PlannedDataset[];
  parameters: Record<string, string>;
  metrics: Record<string, number>;
  /** Dataset inputs left out, with why (no digest, or one that makes no valid id). */
  skipped: { name: string; reason: string }[];
}

const EVALUATION_CONTEXTS = new Set(['eval', 'evaluation', 'validation']);

/** The role of a dataset logged with `context`. */
export function roleOf(context: string | null): DatasetRole {
  if (context === null || context.toLowerCase() === 'training') return 'training';
  return EVALUATION_CONTEXTS.has(context.toLowerCase()) ? 'evaluation' : 'input';
}

/** A location named in MLflow's JSON `source` (`uri`, `url` or `path`), if it names one. */
export function locationOf(source: string): string | undefined {
  try {
    const parsed = JSON.parse(source) as Record<string, unknown>;
    const location = [parsed.uri, parsed.url, parsed.path].find((value) => typeof value === 'string');
    return typeof location === 'string' && location !== '' ? location : undefined;
  } catch {
    return undefined;
  }
}

function parsedOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function plannedDataset(dataset: TrackedDataset, id: string): PlannedDataset {
  return {
    id,
    title: dataset.name || `MLflow dataset ${dataset.digest}`,
    digest: dataset.digest,
    uri: locationOf(dataset.source),
    metadata: {
      mlflow: {
        name: dataset.name,
        digest: dataset.digest,
        source_type: dataset.sourceType,
        source: parsedOr(dataset.source),
      },
    },
    roles: [],
  };
}

/** The plan for `run`, read from the tracking server at `trackingUri`; a run id that makes no valid id throws. */
export function planEnrichment(run: TrackedRun, trackingUri: string): EnrichmentPlan {
  const analysisId = `mlflow-run-${run.runId}`;
  if (!isValidId(analysisId)) throw new BadTrackingAnswer(`run id '${run.runId}' makes no valid artifact id`);
  const datasets = new Map<string, PlannedDataset>();
  const skipped: EnrichmentPlan['skipped'] = [];
  for (const dataset of run.datasets) {
    const id = `mlflow-dataset-${dataset.digest}`;
    if (!dataset.digest || !isValidId(id)) {
      skipped.push({
        name: dataset.name,
        reason: dataset.digest ? `digest '${dataset.digest}' makes no valid id` : 'no digest',
      });
      continue;
    }
    const planned = datasets.get(id) ?? plannedDataset(dataset, id);
    const role = roleOf(dataset.context);
    if (!planned.roles.includes(role)) planned.roles.push(role);
    datasets.set(id, planned);
  }
  const runLink =
    run.experimentId === null
      ? undefined
      : `${trackingUri}/#/experiments/${run.experimentId}/runs/${run.runId}`;
  return {
    runId: run.runId,
    analysis: {
      id: analysisId,
      title: `MLflow run ${run.runName ?? run.runId}`,
      uri: runLink,
      metadata: {
        mlflow: {
          tracking_uri: trackingUri,
          run_id: run.runId,
          run_name: run.runName,
          experiment_id: run.experimentId,
          user_id: run.userId,
          status: run.status,
          artifact_uri: run.artifactUri,
        },
      },
    },
    datasets: [...datasets.values()],
    parameters: run.params,
    metrics: run.metrics,
    skipped,
  };
}

/** The version's pins of the planned datasets of one role, given the version number each got. */
export function pinsOf(plan: EnrichmentPlan, role: DatasetRole, versions: Map<string, number>) {
  return plan.datasets
    .filter((dataset) => dataset.roles.includes(role))
    .map((dataset) => ({ id: dataset.id, version: versions.get(dataset.id) ?? null }));
}
