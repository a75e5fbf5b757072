/**
 * The MLflow record of versions created through the MLflow face: the logged model each came from
 * and the state of its enrichment from the tracking server, which the version's detail shows (read
 * with the detail's own statement, model-detail.repository.ts). The
 * record is written in the registration's transaction (by the MLflow subscribers); the enrichment
 * worker claims due entries, and settles each by the attempt that claimed it.
 */
import type { Deps, Unit } from '../../deps.ts';
import type { EnrichmentStatus } from '../core/model.ts';
import {
  type ClaimedEnrichment,
  claimDueEnrichments,
  insertMlflowVersion,
  markEnrichmentDone,
  markEnrichmentFailed,
} from './mlflow-version.repository.ts';
import { findModelVersion } from './model.repository.ts';

export type { ClaimedEnrichment } from './mlflow-version.repository.ts';
export { ENRICHMENT_CHANNEL } from './mlflow-version.repository.ts';

/**
 * Records, in the registration's unit, that a version was created through the MLflow face. Its
 * enrichment is `off` without a tracking server, `done` at once when the registration named
 * neither a logged model nor a run (there is nothing to ask), and otherwise `pending`.
 */
export async function recordMlflowVersion(
  deps: Pick<Deps, 'config' | 'clock'>,
  props: { unit: Unit; versionId: string; modelId: string | null },
): Promise<EnrichmentStatus> {
  const { unit, versionId, modelId } = props;
  const run = (await findModelVersion(unit.tx, versionId))?.metadata.run_id;
  const hasRun = typeof run === 'string' && run !== '';
  const status: EnrichmentStatus =
    deps.config.mlflowTrackingUri === undefined ? 'off' : modelId || hasRun ? 'pending' : 'done';
  await insertMlflowVersion(unit.tx, { versionId, modelId, status, now: deps.clock.now() });
  return status;
}

/** Claims up to `limit` due enrichments under a lease of `leaseMs`, each with its attempt number. */
export function claimEnrichments(
  deps: Pick<Deps, 'db' | 'clock'>,
  props: { leaseMs: number; limit: number },
): Promise<ClaimedEnrichment[]> {
  return claimDueEnrichments(deps.db, { now: deps.clock.now(), ...props });
}

/**
 * Marks a claimed enrichment done in the unit that wrote what it found, so both commit or neither
 * does; throws when another attempt has taken the entry since (its lease ran out), rolling back.
 */
export async function completeEnrichment(
  _deps: Deps,
  props: { unit: Unit; claim: ClaimedEnrichment },
): Promise<void> {
  if (!(await markEnrichmentDone(props.unit.tx, props.claim))) {
    throw new Error(
      `enrichment attempt ${props.claim.attempt} of '${props.claim.versionId}' no longer holds it`,
    );
  }
}

/**
 * Records a failed attempt: due again at `retryAt`, or `failed` for good when it is null. Returns
 * false when the attempt no longer holds the entry (another attempt records its own outcome).
 */
export function recordEnrichmentFailure(
  deps: Pick<Deps, 'db'>,
  props: { claim: ClaimedEnrichment; error: string; retryAt: Date | null },
): Promise<boolean> {
  const { claim, error, retryAt } = props;
  return markEnrichmentFailed(deps.db, {
    versionId: claim.versionId,
    attempt: claim.attempt,
    error,
    retryAt,
  });
}
