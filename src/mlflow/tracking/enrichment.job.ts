/**
 * Enriching versions created through the MLflow face from the tracking server
 * (`MODELGRAPH_MLFLOW_TRACKING_URI`): `enrichDueVersions` claims due entries of the queue in
 * batches and, for each, asks the tracking server first — outside any transaction — then writes
 * what it learnt through the registry's commands in a unit of work of its own, which also marks the
 * entry done. A failure of any kind is recorded on the entry and retried on
 * `MODELGRAPH_WEBHOOK_RETRY_SCHEDULE`, then `failed`; the registration is never touched by it.
 * Safe to run twice: what it writes is found, not added, the second time. The writes act as the
 * registrant, with the `write` scope the registration needed.
 */
import type { Caller } from '../../caller.ts';
import type { Deps, Unit } from '../../deps.ts';
import { ensureArtifactVersion, ensureLinks } from '../../registry/artifacts/artifact-sync.service.ts';
import {
  type ClaimedEnrichment,
  claimEnrichments,
  completeEnrichment,
  recordEnrichmentFailure,
} from '../../registry/models/mlflow-version.service.ts';
import { fillEmptyRegistration } from '../../registry/models/model-fill.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { afterFailure } from '../../webhooks/core/retry-schedule.ts';
import { type EnrichmentPlan, pinsOf, planEnrichment } from '../core/enrichment-plan.ts';
import type { TrackedRun } from '../core/tracking-facts.ts';
import { fetchRun, fetchSourceRunOfLoggedModel, type TrackingServerOptions } from './tracking-client.ts';

/** Entries claimed at once; each batch's enrichments run side by side. */
const ENRICHMENT_BATCH_SIZE = 8;
/** How long a claim holds an entry past its two requests' timeouts before another worker may retry it. */
const LEASE_MARGIN_MS = 30_000;

/** What one sweep did. */
export interface EnrichmentSummary {
  attempted: number;
  done: number;
  retrying: number;
  failed: number;
}

/** The run behind a claimed version: the one its registration named, else its logged model's. */
async function findRun(server: TrackingServerOptions, claim: ClaimedEnrichment): Promise<TrackedRun | null> {
  const runId =
    claim.runId ?? (claim.modelId ? await fetchSourceRunOfLoggedModel(server, claim.modelId) : null);
  return runId ? fetchRun(server, runId) : null;
}

/** Writes the plan: its datasets and run as artifacts, the run's inputs, and the version's empty fields. */
async function applyPlan(
  deps: Deps,
  unit: Unit,
  claim: ClaimedEnrichment,
  plan: EnrichmentPlan,
  trackingUri: string,
) {
  // The registrant's own registration could have said all of this, so it is theirs to add.
  const caller: Caller = { agentId: claim.registrant, scopes: ['write'] };
  const versions = new Map<string, number>();
  for (const dataset of plan.datasets) {
    const { id, title, metadata, digest, uri } = dataset;
    versions.set(
      id,
      await ensureArtifactVersion(deps, { unit, caller, id, type: 'dataset', title, metadata, digest, uri }),
    );
  }
  const { analysis } = plan;
  await ensureArtifactVersion(deps, { unit, caller, ...analysis, type: 'analysis' });
  await ensureLinks(deps, {
    unit,
    caller,
    specs: plan.datasets.map((dataset) => ({
      sourceId: analysis.id,
      targetId: dataset.id,
      linkType: 'input' as const,
      targetVersion: versions.get(dataset.id) ?? null,
    })),
  });
  const evaluation = pinsOf(plan, 'evaluation', versions);
  return fillEmptyRegistration(deps, {
    unit,
    caller,
    id: claim.versionId,
    offered: {
      runId: plan.runId,
      parameters: plan.parameters,
      evaluationMetrics: plan.metrics,
      producedBy: analysis.id,
      trainedOn: pinsOf(plan, 'training', versions),
      evalDatasetId: evaluation[0]?.id,
      inputs: [...evaluation.slice(1), ...pinsOf(plan, 'input', versions)],
    },
    origin: {
      source: 'mlflow',
      tracking_uri: trackingUri,
      run_id: plan.runId,
      model_id: claim.modelId,
      ...(plan.skipped.length > 0 ? { skipped_datasets: plan.skipped } : {}),
    },
  });
}

type Outcome = keyof Omit<EnrichmentSummary, 'attempted'> | 'lost';

async function recordFailure(deps: Deps, claim: ClaimedEnrichment, error: unknown): Promise<Outcome> {
  const reason = error instanceof Error ? error.message : String(error);
  const next = afterFailure(deps.config.webhookRetrySchedule, claim.attempt);
  const retryAt = 'retryInMs' in next ? new Date(deps.clock.now().getTime() + next.retryInMs) : null;
  const recorded = await recordEnrichmentFailure(deps, { claim, error: reason, retryAt });
  const outcome = !recorded ? 'lost' : retryAt ? 'retrying' : 'failed';
  deps.logger.warn(
    { version_id: claim.versionId, attempt: claim.attempt, error: reason, result: outcome },
    'MLflow enrichment attempt failed',
  );
  return outcome;
}

async function enrichOne(
  deps: Deps,
  server: TrackingServerOptions,
  claim: ClaimedEnrichment,
): Promise<Outcome> {
  try {
    const run = await findRun(server, claim);
    const filled = await runInUnit(deps, async (unit) => {
      const fields = run
        ? await applyPlan(deps, unit, claim, planEnrichment(run, server.baseUrl), server.baseUrl)
        : [];
      await completeEnrichment(deps, { unit, claim });
      return fields;
    });
    deps.logger.info(
      { version_id: claim.versionId, attempt: claim.attempt, run_id: run?.runId ?? null, filled },
      'MLflow enrichment done',
    );
    return 'done';
  } catch (error) {
    return recordFailure(deps, claim, error);
  }
}

/** Enriches every version due now, batch by batch, until none is due; returns what it did. */
export async function enrichDueVersions(
  deps: Deps,
  options: { signal?: AbortSignal } = {},
): Promise<EnrichmentSummary> {
  const summary: EnrichmentSummary = { attempted: 0, done: 0, retrying: 0, failed: 0 };
  const baseUrl = deps.config.mlflowTrackingUri;
  if (baseUrl === undefined) return summary;
  const signal = options.signal ?? new AbortController().signal;
  const timeoutMs = deps.config.webhookTimeoutMs;
  while (!signal.aborted) {
    const claims = await claimEnrichments(deps, {
      leaseMs: 2 * timeoutMs + LEASE_MARGIN_MS,
      limit: ENRICHMENT_BATCH_SIZE,
    });
    if (claims.length === 0) break;
    const outcomes = await Promise.all(
      claims.map((claim) => enrichOne(deps, { baseUrl, timeoutMs, signal }, claim)),
    );
    for (const outcome of outcomes) {
      summary.attempted++;
      if (outcome !== 'lost') summary[outcome]++;
    }
  }
  return summary;
}
