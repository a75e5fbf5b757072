/**
 * The MLflow record of versions created through the MLflow face — the only SQL that writes
 * `mlflow_versions`: the logged model each came from, and its enrichment from the tracking server
 * as a durable queue. An entry is written in the registration's transaction, claimed with
 * `FOR UPDATE SKIP LOCKED` under a lease that names the attempt, and settled by that attempt alone.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import { mlflowVersions } from '../../db/schema.ts';
import type { EnrichmentStatus } from '../core/model.ts';

/** The channel that wakes the enrichment workers when a transaction that queued an entry commits. */
export const ENRICHMENT_CHANNEL = 'modelgraph_mlflow_enrichment';

/** Records a version created through the MLflow face; a `pending` one wakes the workers at commit. */
export async function insertMlflowVersion(
  tx: Tx,
  row: { versionId: string; modelId: string | null; status: EnrichmentStatus; now: Date },
): Promise<void> {
  const isQueued = row.status === 'pending';
  await tx.insert(mlflowVersions).values({
    versionId: row.versionId,
    modelId: row.modelId,
    enrichmentStatus: row.status,
    nextAttemptAt: isQueued ? row.now : null,
  });
  if (isQueued) await tx.execute(sql`select pg_notify(${ENRICHMENT_CHANNEL}, '')`);
}

/** A claimed enrichment attempt: the version, what MLflow knows it by, and who registered it. */
export interface ClaimedEnrichment {
  versionId: string;
  modelId: string | null;
  /** The run the registration named (its metadata's `run_id`), if any. */
  runId: string | null;
  registrant: string;
  /** This attempt's number: only it may settle the entry. */
  attempt: number;
}

/**
 * Claims up to `limit` due enrichments, oldest first: each gets the next attempt number and a lease
 * until `now + leaseMs`. Entries another claimer holds locked are skipped.
 */
export async function claimDueEnrichments(
  db: Db,
  props: { now: Date; leaseMs: number; limit: number },
): Promise<ClaimedEnrichment[]> {
  const now = props.now.toISOString();
  return queryRows<ClaimedEnrichment>(
    db,
    sql`with due as (
          select version_id from mlflow_versions
           where enrichment_status in ('pending', 'retrying') and next_attempt_at <= ${now}::timestamptz
             and (lease_expires_at is null or lease_expires_at <= ${now}::timestamptz)
           order by next_attempt_at, version_id
           limit ${props.limit}
           for update skip locked
        ), claimed as (
          update mlflow_versions v
             set attempts = v.attempts + 1,
                 lease_expires_at = ${now}::timestamptz + ${props.leaseMs} * interval '1 millisecond'
            from due where v.version_id = due.version_id
          returning v.version_id, v.model_id, v.attempts, v.next_attempt_at
        )
        select c.version_id as "versionId", c.model_id as "modelId", c.attempts as attempt,
               case when jsonb_typeof(a.metadata->'run_id') = 'string' then a.metadata->>'run_id' end as "runId",
               a.created_by as registrant
          from claimed c join artifacts a on a.id = c.version_id
         order by c.next_attempt_at, c.version_id`,
  );
}

function heldBy(claim: { versionId: string; attempt: number }): SQL | undefined {
  return and(
    eq(mlflowVersions.versionId, claim.versionId),
    eq(mlflowVersions.attempts, claim.attempt),
    inArray(mlflowVersions.enrichmentStatus, ['pending', 'retrying']),
  );
}

/** Records a finished enrichment; false when the attempt no longer holds the entry. */
export async function markEnrichmentDone(tx: Tx, claim: { versionId: string; attempt: number }) {
  const rows = await tx
    .update(mlflowVersions)
    .set({
      enrichmentStatus: 'done',
      lastError: null,
      nextAttemptAt: null,
      leaseExpiresAt: null,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(heldBy(claim))
    .returning({ versionId: mlflowVersions.versionId });
  return rows.length > 0;
}

/**
 * Records a failed attempt: due again at `retryAt` (`retrying`), or `failed` when it is null; false
 * when the attempt no longer holds the entry.
 */
export async function markEnrichmentFailed(
  db: Db,
  failure: { versionId: string; attempt: number; error: string; retryAt: Date | null },
) {
  const rows = await db
    .update(mlflowVersions)
    .set({
      enrichmentStatus: failure.retryAt ? 'retrying' : 'failed',
      lastError: failure.error,
      nextAttemptAt: failure.retryAt,
      leaseExpiresAt: null,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(heldBy(failure))
    .returning({ versionId: mlflowVersions.versionId });
  return rows.length > 0;
}
