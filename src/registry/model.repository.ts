/**
 * Model versions in the database: lineage bookkeeping, batched reads for lists and details.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { artifacts, kgEdges, links, models } from '../db/schema.ts';

/** A model version row joined with its artifact's title, metadata and creator. */
export type ModelRow = typeof models.$inferSelect & {
  title: string;
  metadata: Record<string, unknown>;
  createdBy: string;
};

/** The current head (`is_latest`) of a lineage, if the lineage exists. */
export async function findLineageHead(tx: Tx, modelName: string) {
  const [row] = await tx
    .select({ id: models.id, versionNumber: models.versionNumber })
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

/** Model rows for the listed ids (any order; missing ids are simply absent). */
export async function findModelRows(db: Db, ids: string[]): Promise<ModelRow[]> {
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
  return rows.map(({ model, ...artifact }) => ({ ...model, ...artifact }));
}

/** An outgoing link of a model with what it points at. */
export interface ModelLink {
  modelId: string;
  linkType: string;
  targetId: string;
  targetType: string;
  targetTitle: string;
  targetVersion: number | null;
}

/** Every outgoing link of the listed models, oldest first. */
export async function findModelLinks(db: Db, ids: string[]): Promise<ModelLink[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      modelId: links.sourceId,
      linkType: links.linkType,
      targetId: links.targetId,
      targetType: artifacts.type,
      targetTitle: artifacts.title,
      targetVersion: links.targetVersion,
    })
    .from(links)
    .innerJoin(artifacts, eq(artifacts.id, links.targetId))
    .where(inArray(links.sourceId, ids))
    .orderBy(asc(links.id));
}

/** Every version of a lineage, oldest first. */
export async function findLineage(db: Db, modelName: string) {
  return db
    .select({
      id: models.id,
      versionNumber: models.versionNumber,
      status: models.status,
      isLatest: models.isLatest,
      qualityScore: models.qualityScore,
      evaluationMetrics: models.evaluationMetrics,
      createdAt: models.createdAt,
    })
    .from(models)
    .where(eq(models.modelName, modelName))
    .orderBy(asc(models.versionNumber));
}

/** How many KG edges are attributed to a model version, and how many of those are flagged. */
export async function countAttributedEdges(db: Db, id: string) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      flagged: sql<number>`(count(*) filter (where ${kgEdges.reviewFlag}))::int`,
    })
    .from(kgEdges)
    .where(eq(kgEdges.sourceArtifactId, id));
  return row;
}

/** Sets a version's status. */
export async function setModelStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.update(models).set({ status }).where(eq(models.id, id));
}

/** The lineage's currently promoted version, if any. */
export async function findPromoted(tx: Tx, modelName: string) {
  const [row] = await tx
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.modelName, modelName), eq(models.status, 'promoted')));
  return row;
}

/** Updates the evaluator's fields of a version. */
export async function updateEvaluation(
  tx: Tx,
  id: string,
  changes: { rawQualityScore?: number | null; evaluationMetrics?: Record<string, number> },
): Promise<void> {
  await tx.update(models).set(changes).where(eq(models.id, id));
}

/** Takes a row lock on a model version, so concurrent status changes queue up. */
export async function lockModelRow(tx: Tx, id: string): Promise<void> {
  await queryRows(tx, sql`select id from models where id = ${id} for update`);
}
