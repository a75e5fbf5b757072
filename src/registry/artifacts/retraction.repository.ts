/**
 * Retractions in the database — the only SQL that writes `retractions` — and the two walks over
 * links that retraction needs, each one recursive statement for any number of models: downstream
 * from a retracted target to every model version built on it, and upstream from model versions to
 * the retractions in force they are built on (docs/concepts.md#retraction).
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import { retractions } from '../../db/schema.ts';
import type { Retraction, RetractionTarget } from '../core/retraction.ts';

// The link types of the walks, as SQL lists (the same as BUILT_ON_LINK_TYPES and MODEL_TO_MODEL_LINK_TYPES).
const BUILT_ON = sql`('trained_on', 'input', 'produced_by')`;
const MODEL_TO_MODEL = sql`('input', 'derived_from')`;

/** A new retraction. */
export type RetractionInsert = Pick<
  typeof retractions.$inferInsert,
  'artifactId' | 'versionNumber' | 'reason' | 'evidenceUrl' | 'retractedBy'
>;

function rowToRetraction(row: typeof retractions.$inferSelect): Retraction {
  return {
    id: row.id,
    artifactId: row.artifactId,
    version: row.versionNumber,
    reason: row.reason,
    evidenceUrl: row.evidenceUrl,
    retractedBy: row.retractedBy,
    retractedAt: row.retractedAt,
    reinstatedAt: row.reinstatedAt,
    reinstatedBy: row.reinstatedBy,
    reinstateReason: row.reinstateReason,
  };
}

/** Records a retraction in force. */
export async function insertRetraction(tx: Tx, row: RetractionInsert): Promise<Retraction> {
  const [inserted] = await tx.insert(retractions).values(row).returning();
  return rowToRetraction(inserted);
}

/** Ends a retraction in force (it stays, as history); returns it as ended. */
export async function endRetraction(
  tx: Tx,
  id: number,
  ended: { by: string; reason: string },
): Promise<Retraction> {
  const [row] = await tx
    .update(retractions)
    .set({ reinstatedAt: sql`clock_timestamp()`, reinstatedBy: ended.by, reinstateReason: ended.reason })
    .where(and(eq(retractions.id, id), isNull(retractions.reinstatedAt)))
    .returning();
  return rowToRetraction(row);
}

/** The retractions of an artifact in force now: the whole artifact's and its versions'. */
export async function findRetractionsInForce(db: Db, artifactId: string): Promise<Retraction[]> {
  const rows = await db
    .select()
    .from(retractions)
    .where(and(eq(retractions.artifactId, artifactId), isNull(retractions.reinstatedAt)))
    .orderBy(asc(retractions.id));
  return rows.map(rowToRetraction);
}

/** Every retraction of an artifact, ended or not, oldest first. */
export async function findRetractionHistory(db: Db, artifactId: string): Promise<Retraction[]> {
  const rows = await db
    .select()
    .from(retractions)
    .where(eq(retractions.artifactId, artifactId))
    .orderBy(asc(retractions.id));
  return rows.map(rowToRetraction);
}

/** The retractions in force on the listed targets (each target exactly: a version, or the whole artifact). */
export async function findRetractionsInForceOn(db: Db, targets: RetractionTarget[]): Promise<Retraction[]> {
  if (targets.length === 0) return [];
  const rows = await db
    .select()
    .from(retractions)
    .where(
      sql`${retractions.reinstatedAt} is null and (${retractions.artifactId}, coalesce(${retractions.versionNumber}, 0)) in (
            select * from unnest(${sql.param(targets.map((t) => t.artifactId))}::text[],
                                 ${sql.param(targets.map((t) => t.version ?? 0))}::int[]))`,
    )
    .orderBy(asc(retractions.id));
  return rows.map(rowToRetraction);
}

/**
 * Every model version built on `target`, sorted: those with a `trained_on`, `input` or
 * `produced_by` link to it (pinned to the version, or any link when the whole artifact is meant),
 * then, transitively, those with an `input` or `derived_from` link to a model version already
 * found. One recursive statement; `union` ends it on cycles.
 */
export async function findModelsBuiltOn(db: Db, target: RetractionTarget): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive built_on(id) as (
          select l.source_id
            from links l join artifacts a on a.id = l.source_id and a.type = 'model'
           where l.target_id = ${target.artifactId} and l.link_type in ${BUILT_ON}
             and (${target.version}::int is null or l.target_version = ${target.version}::int)
          union
          select l.source_id
            from built_on b
            join links l on l.target_id = b.id and l.link_type in ${MODEL_TO_MODEL}
            join artifacts a on a.id = l.source_id and a.type = 'model'
        )
        select id from built_on order by id`,
  );
  return rows.map((row) => row.id);
}

/**
 * The listed model versions and every model version built on them through `input` or
 * `derived_from` links, transitively: whose retraction state follows theirs. One recursive statement.
 */
export async function findModelsDownstreamOf(db: Db, modelIds: string[]): Promise<string[]> {
  if (modelIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive downstream(id) as (
          select unnest(${sql.param(modelIds)}::text[])
          union
          select l.source_id
            from downstream d
            join links l on l.target_id = d.id and l.link_type in ${MODEL_TO_MODEL}
            join artifacts a on a.id = l.source_id and a.type = 'model'
        )
        select id from downstream`,
  );
  return rows.map((row) => row.id);
}

/**
 * The retractions in force each listed model version is built on: those its own links reach, and
 * those of every model version it reaches through `input` or `derived_from` links, transitively.
 * One recursive statement; a model that reaches none is absent from the map.
 */
export async function findRetractionsReachedBy(
  db: Db,
  modelIds: string[],
): Promise<Map<string, RetractionTarget[]>> {
  if (modelIds.length === 0) return new Map();
  const rows = await queryRows<{ model_id: string; artifact_id: string; version_number: number | null }>(
    db,
    sql`with recursive reach(root, id) as (
          select id, id from unnest(${sql.param(modelIds)}::text[]) as roots(id)
          union
          select r.root, l.target_id
            from reach r
            join links l on l.source_id = r.id and l.link_type in ${MODEL_TO_MODEL}
            join artifacts a on a.id = l.target_id and a.type = 'model'
        )
        select distinct r.root as model_id, t.artifact_id, t.version_number
          from reach r
          join links l on l.source_id = r.id and l.link_type in ${BUILT_ON}
          join retractions t on t.artifact_id = l.target_id and t.reinstated_at is null
                            and (t.version_number is null or t.version_number = l.target_version)`,
  );
  const reached = new Map<string, RetractionTarget[]>();
  for (const row of rows) {
    const list = reached.get(row.model_id) ?? [];
    list.push({ artifactId: row.artifact_id, version: row.version_number });
    reached.set(row.model_id, list);
  }
  return reached;
}
