/**
 * Model versions in the database — the only SQL that writes `models`: lineage bookkeeping, status
 * and evaluation changes, the stored provenance verdicts and scores — and the batched reads of
 * lists and details. The catalog's page and count queries are `model-catalog.repository.ts`.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias, type PgTable } from 'drizzle-orm/pg-core';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import { builtOnce, UNNAMED } from '../../db/prepared.ts';
import { artifacts, type JsonObject, models } from '../../db/schema.ts';
import type { LineageVersion, ModelLink, ModelSummary, ModelVersion } from '../core/model.ts';
import { type Provenance, storedProvenance } from '../core/provenance.ts';

type ModelRow = typeof models.$inferSelect & {
  title: string;
  metadata: Record<string, unknown>;
  createdBy: string;
};

/** The domain form of a model row joined with its artifact's title, metadata and creator. */
export function rowToModelVersion(row: ModelRow): ModelVersion {
  return {
    id: row.id,
    title: row.title,
    metadata: row.metadata,
    createdBy: row.createdBy,
    modelName: row.modelName,
    versionNumber: row.versionNumber,
    parentId: row.parentId,
    isLatest: row.isLatest,
    status: row.status,
    modelFamily: row.modelFamily,
    architecture: row.architecture,
    parameters: row.parameters,
    parameterCount: row.parameterCount,
    trainingConfig: row.trainingConfig,
    evaluationMetrics: row.evaluationMetrics,
    rawQualityScore: row.rawQualityScore,
    qualityScore: row.qualityScore,
    provenance: storedProvenance(
      row.provenanceComplete,
      row.provenanceMissing,
      row.provenanceRetracted.map((target) => ({ artifactId: target.artifact_id, version: target.version })),
    ),
    trainedBy: row.trainedBy,
    evalDatasetId: row.evalDatasetId,
    benchmarkId: row.benchmarkId,
    runtime: row.runtime,
    isRuntimeByAdmin: row.runtimeByAdmin,
    createdAt: row.createdAt,
  };
}

/** What a lineage list shows of each version. */
const LINEAGE_COLUMNS = {
  id: models.id,
  versionNumber: models.versionNumber,
  status: models.status,
  isLatest: models.isLatest,
  qualityScore: models.qualityScore,
  evaluationMetrics: models.evaluationMetrics,
  createdAt: models.createdAt,
};

/** The current head (`is_latest`) of a lineage, if the lineage has a version. */
export async function findLineageHead(tx: Db, modelName: string) {
  const [row] = await tx
    .select({ id: models.id, versionNumber: models.versionNumber, modelFamily: models.modelFamily })
    .from(models)
    .where(and(eq(models.modelName, modelName), eq(models.isLatest, true)));
  return row;
}

/** Clears `is_latest` on a version (its lineage is getting a newer one). */
export async function markNotLatest(tx: Tx, id: string): Promise<void> {
  await tx.update(models).set({ isLatest: false }).where(eq(models.id, id));
}

/** Inserts a model version row. */
export async function insertModel(tx: Tx, row: typeof models.$inferInsert): Promise<void> {
  await tx.insert(models).values(row);
}

/** Model versions for the listed ids (any order; missing ids are simply absent). */
export async function findModelVersions(db: Db, ids: string[]): Promise<ModelVersion[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      model: models,
      title: artifacts.title,
      metadata: artifacts.metadata,
      createdBy: artifacts.createdBy,
    })
    .from(models)
    .innerJoin(artifacts, eq(artifacts.id, models.id))
    .where(inArray(models.id, ids));
  return rows.map(({ model, ...artifact }) => rowToModelVersion({ ...model, ...artifact }));
}

/** The model version with this id, or undefined. */
export async function findModelVersion(db: Db, id: string): Promise<ModelVersion | undefined> {
  const [model] = await findModelVersions(db, [id]);
  return model;
}

/**
 * The columns of a version's summary — the row and its artifact, its outgoing links with what
 * they point at (oldest first), the aliases naming it (sorted) and its tags — over `table` (the
 * models table or an alias of it), so one statement reads whole summaries. Join `artifacts` on the id.
 */
export function summaryColumns<T extends PgTable & { id: AnyPgColumn }>(table: T) {
  return {
    model: table,
    title: artifacts.title,
    metadata: artifacts.metadata,
    createdBy: artifacts.createdBy,
    links: sql<ModelLink[]>`(
      select coalesce(json_agg(json_build_object(
               'modelId', l.source_id, 'linkType', l.link_type, 'targetId', l.target_id,
               'targetType', t.type, 'targetTitle', t.title, 'targetVersion', l.target_version) order by l.id), '[]')
        from links l join artifacts t on t.id = l.target_id
       where l.source_id = ${table.id})`,
    aliases: sql<string[]>`(
      select coalesce(json_agg(a.alias order by a.alias), '[]') from lineage_aliases a where a.version_id = ${table.id})`,
    tags: sql<Record<string, string>>`(
      select coalesce(json_object_agg(g.key, g.value order by g.key), '{}') from model_tags g where g.model_id = ${table.id})`,
  };
}

/** The models table as the catalog's queries name it (`m`), in their SQL and in drizzle's. */
export const catalogModels = alias(models, 'm');

/**
 * The columns of a catalog list item, read under the names the API sends (`ModelListItem`), so the
 * rows go to the response's compiled serializer as they are: only the provenance verdict, its
 * flags and the ISO time are completed on the row itself (`completeListItem` in the presenter). Narrower than a
 * summary — no fat JSON columns, link targets as ids without their artifacts. Join `artifacts`.
 */
export function listItemColumns(table: typeof catalogModels) {
  const linked = (linkType: string) =>
    sql`from links l where l.source_id = ${table.id} and l.link_type = ${sql.raw(`'${linkType}'`)}`;
  return {
    id: table.id,
    title: artifacts.title,
    model_name: table.modelName,
    model_family: table.modelFamily,
    version_number: table.versionNumber,
    is_latest: table.isLatest,
    status: table.status,
    quality_score: table.qualityScore,
    raw_quality_score: table.rawQualityScore,
    evaluation_metrics: table.evaluationMetrics,
    parameter_count: table.parameterCount,
    aliases: sql<string[]>`(
      select coalesce(json_agg(a.alias order by a.alias), '[]') from lineage_aliases a where a.version_id = ${table.id})`,
    tags: sql<Record<string, string>>`(
      select coalesce(json_object_agg(g.key, g.value order by g.key), '{}') from model_tags g where g.model_id = ${table.id})`,
    trained_on: sql<
      string[]
    >`(select coalesce(json_agg(l.target_id order by l.id), '[]') ${linked('trained_on')})`,
    produced_by: sql<string | null>`(select l.target_id ${linked('produced_by')} order by l.id limit 1)`,
    tests_hypothesis: sql<
      string | null
    >`(select l.target_id ${linked('tests_hypothesis')} order by l.id limit 1)`,
    stored: {
      complete: table.provenanceComplete,
      missing: table.provenanceMissing,
      retracted: table.provenanceRetracted,
      createdAt: table.createdAt,
    },
  };
}

/** A row of `summaryColumns`. */
type SummaryRow = { model: typeof models.$inferSelect } & Omit<ModelRow, keyof typeof models.$inferSelect> &
  Pick<ModelSummary, 'links' | 'aliases' | 'tags'>;

/** The domain form of a row of `summaryColumns`. */
export function rowToModelSummary({ model, links, aliases, tags, ...artifact }: SummaryRow): ModelSummary {
  return { model: rowToModelVersion({ ...model, ...artifact }), links, aliases, tags };
}

const summariesByIds = builtOnce((db: Db) =>
  db
    .select(summaryColumns(models))
    .from(models)
    .innerJoin(artifacts, eq(artifacts.id, models.id))
    .where(sql`${models.id} = any(${sql.placeholder('ids')}::text[])`)
    .prepare(UNNAMED),
);

/**
 * The summaries of the listed versions in one statement (built once, `db/prepared.ts`: compare
 * reads up to 50); missing ids are simply absent.
 */
export async function findModelSummaries(db: Db, ids: string[]): Promise<ModelSummary[]> {
  if (ids.length === 0) return [];
  const rows = await summariesByIds(db).execute({ ids });
  return rows.map(rowToModelSummary);
}

/** The version of a lineage with this number, if any. */
export async function findModelVersionByNumber(db: Db, modelName: string, versionNumber: number) {
  const [row] = await db
    .select({ id: models.id, versionNumber: models.versionNumber, status: models.status })
    .from(models)
    .where(and(eq(models.modelName, modelName), eq(models.versionNumber, versionNumber)));
  return row;
}

/** Every version of a lineage, oldest first. */
export async function findLineage(db: Db, modelName: string): Promise<LineageVersion[]> {
  return db
    .select(LINEAGE_COLUMNS)
    .from(models)
    .where(eq(models.modelName, modelName))
    .orderBy(asc(models.versionNumber));
}

/** The version number of each listed model version that exists. */
export async function findVersionNumbers(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; version_number: number }>(
    db,
    sql`select id, version_number from models where id = any(${sql.param(ids)}::text[])`,
  );
  return new Map(rows.map((row) => [row.id, row.version_number]));
}

/** Sets a version's status. */
export async function setModelStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.update(models).set({ status, updatedAt: sql`clock_timestamp()` }).where(eq(models.id, id));
}

/** Sets a version's description. */
export async function updateVersionDescription(tx: Tx, id: string, description: string): Promise<void> {
  await tx.update(models).set({ description, updatedAt: sql`clock_timestamp()` }).where(eq(models.id, id));
}

/** Sets a version's model family (a `modelgraph.model_family` tag set after registration). */
export async function updateModelFamily(tx: Tx, id: string, modelFamily: string): Promise<void> {
  await tx.update(models).set({ modelFamily, updatedAt: sql`clock_timestamp()` }).where(eq(models.id, id));
}

/** Marks a version changed now (a tag of its own was set or deleted). */
export async function touchModelVersion(tx: Tx, id: string): Promise<void> {
  await tx.update(models).set({ updatedAt: sql`clock_timestamp()` }).where(eq(models.id, id));
}

/** The lineage's currently promoted version, if any. */
export async function findPromoted(db: Db, modelName: string) {
  const [row] = await db
    .select({ id: models.id, versionNumber: models.versionNumber })
    .from(models)
    .where(and(eq(models.modelName, modelName), eq(models.status, 'promoted')));
  return row;
}

/** The promoted version of each listed lineage that has one, by lineage name. */
export async function findPromotedOf(db: Db, modelNames: string[]): Promise<Map<string, string>> {
  if (modelNames.length === 0) return new Map();
  const rows = await db
    .select({ modelName: models.modelName, id: models.id })
    .from(models)
    .where(and(inArray(models.modelName, modelNames), eq(models.status, 'promoted')));
  return new Map(rows.map((row) => [row.modelName, row.id]));
}

/** Updates the evaluator's fields of a version. */
export async function updateEvaluation(
  tx: Tx,
  id: string,
  changes: { rawQualityScore?: number | null; evaluationMetrics?: Record<string, number> },
): Promise<void> {
  await tx
    .update(models)
    .set({ ...changes, updatedAt: sql`clock_timestamp()` })
    .where(eq(models.id, id));
}

/** Sets fields a registration left empty (filled later, from the MLflow tracking server). */
export async function updateRegistrationFill(
  tx: Tx,
  id: string,
  changes: { parameters?: JsonObject; evaluationMetrics?: Record<string, number>; evalDatasetId?: string },
): Promise<void> {
  if (Object.values(changes).every((value) => value === undefined)) return;
  await tx
    .update(models)
    .set({ ...changes, updatedAt: sql`clock_timestamp()` })
    .where(eq(models.id, id));
}

/** Takes a row lock on a model version, so concurrent status changes queue up. */
export async function lockModelRow(tx: Tx, id: string): Promise<void> {
  await queryRows(tx, sql`select id from models where id = ${id} for update`);
}

/** The stored raw score of each listed model. */
export async function findRawScores(db: Db, ids: string[]): Promise<Map<string, number | null>> {
  const rows = await queryRows<{ id: string; raw_quality_score: number | null }>(
    db,
    sql`select id, raw_quality_score from models where id = any(${sql.param(ids)}::text[])`,
  );
  return new Map(rows.map((row) => [row.id, row.raw_quality_score]));
}

/** A model's recomputed verdict and score, ready to store. */
export interface ScoreUpdate {
  id: string;
  provenance: Provenance;
  qualityScore: number;
}

/** The stored form of the retractions a version is built on. */
function retractedJson(provenance: Provenance): string {
  return JSON.stringify(
    provenance.retracted.map((target) => ({ artifact_id: target.artifactId, version: target.version })),
  );
}

/**
 * Writes provenance verdicts and quality scores for many models in one statement; a row whose
 * values do not change is left unwritten (a retraction re-scores every version it reaches, most of
 * them unchanged on a reinstatement).
 */
export async function storeScores(tx: Tx, updates: ScoreUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await tx.execute(sql`
    update models m
       set quality_score = u.quality_score,
           provenance_complete = u.complete,
           provenance_missing = coalesce(string_to_array(nullif(u.missing, ''), ','), '{}'),
           provenance_retracted = u.retracted::jsonb
      from unnest(${sql.param(updates.map((u) => u.id))}::text[],
                  ${sql.param(updates.map((u) => u.qualityScore))}::float8[],
                  ${sql.param(updates.map((u) => u.provenance.complete))}::boolean[],
                  ${sql.param(updates.map((u) => u.provenance.missing.join(',')))}::text[],
                  ${sql.param(updates.map((u) => retractedJson(u.provenance)))}::text[])
           as u(id, quality_score, complete, missing, retracted)
     where m.id = u.id
       and (m.quality_score, m.provenance_complete, m.provenance_missing, m.provenance_retracted)
           is distinct from (u.quality_score, u.complete,
                             coalesce(string_to_array(nullif(u.missing, ''), ','), '{}'), u.retracted::jsonb)`);
}

/** How many model versions have incomplete provenance (the demo's summary reports it). */
export async function countIncompleteProvenance(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from models where not provenance_complete`,
  );
  return row.n;
}
