/**
 * Lineages and their maintainers in the database — the only SQL on `lineages` and
 * `lineage_maintainers`.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import { lineageMaintainers, lineages } from '../../db/schema.ts';

/** Creates the lineage row if it is new (returns true then); otherwise marks it updated now. */
export async function upsertLineage(tx: Tx, modelName: string): Promise<boolean> {
  const [row] = await queryRows<{ created: boolean }>(
    tx,
    sql`insert into lineages (model_name) values (${modelName})
        on conflict (model_name) do update set updated_at = now()
        returning (xmax = 0) as created`,
  );
  return row.created;
}

/** Whether the lineage exists. */
export async function lineageExists(db: Db, modelName: string): Promise<boolean> {
  const rows = await db
    .select({ name: lineages.modelName })
    .from(lineages)
    .where(eq(lineages.modelName, modelName));
  return rows.length > 0;
}

/** The maintainers of a lineage, oldest first. */
export async function findMaintainers(db: Db, modelName: string): Promise<string[]> {
  const rows = await db
    .select({ agentId: lineageMaintainers.agentId })
    .from(lineageMaintainers)
    .where(eq(lineageMaintainers.modelName, modelName))
    .orderBy(asc(lineageMaintainers.createdAt), asc(lineageMaintainers.agentId));
  return rows.map((row) => row.agentId);
}

/** The lineages, among those of the listed model versions, that `agentId` does not maintain. */
export async function findUnmaintainedLineages(
  db: Db,
  versionIds: string[],
  agentId: string,
): Promise<string[]> {
  if (versionIds.length === 0) return [];
  const rows = await queryRows<{ model_name: string }>(
    db,
    sql`select distinct m.model_name from models m
         where m.id = any(${sql.param(versionIds)}::text[])
           and not exists (select 1 from lineage_maintainers lm
                            where lm.model_name = m.model_name and lm.agent_id = ${agentId})
         order by m.model_name`,
  );
  return rows.map((row) => row.model_name);
}

/** Whether `agentId` maintains the lineage. */
export async function isMaintainer(db: Db, modelName: string, agentId: string): Promise<boolean> {
  const rows = await db
    .select({ agentId: lineageMaintainers.agentId })
    .from(lineageMaintainers)
    .where(and(eq(lineageMaintainers.modelName, modelName), eq(lineageMaintainers.agentId, agentId)));
  return rows.length > 0;
}

/** Adds a maintainer (a no-op when it is one already); returns whether it was added. */
export async function insertMaintainer(
  tx: Tx,
  row: { modelName: string; agentId: string; addedBy: string },
): Promise<boolean> {
  const inserted = await tx.insert(lineageMaintainers).values(row).onConflictDoNothing().returning();
  return inserted.length > 0;
}

/** Removes a maintainer; returns whether it was one. */
export async function deleteMaintainer(tx: Tx, modelName: string, agentId: string): Promise<boolean> {
  const deleted = await tx
    .delete(lineageMaintainers)
    .where(and(eq(lineageMaintainers.modelName, modelName), eq(lineageMaintainers.agentId, agentId)))
    .returning();
  return deleted.length > 0;
}

/** Takes row locks on a lineage's maintainers, so two removals cannot both leave it without one. */
export async function lockMaintainers(tx: Tx, modelName: string): Promise<void> {
  await queryRows(tx, sql`select 1 from lineage_maintainers where model_name = ${modelName} for update`);
}

/** Marks a lineage changed now (an alias, a tag, its description). */
export async function touchLineage(tx: Tx, modelName: string): Promise<void> {
  await tx.update(lineages).set({ updatedAt: sql`now()` }).where(eq(lineages.modelName, modelName));
}

/** Sets a lineage's description. */
export async function updateDescription(tx: Tx, modelName: string, description: string): Promise<void> {
  await tx
    .update(lineages)
    .set({ description, updatedAt: sql`now()` })
    .where(eq(lineages.modelName, modelName));
}

/** The rows of the listed lineages. */
export async function findLineageRows(db: Db, modelNames: string[]) {
  if (modelNames.length === 0) return [];
  return db.select().from(lineages).where(inArray(lineages.modelName, modelNames));
}

/** The maintainers of each listed lineage, oldest first. */
export async function findMaintainersOf(db: Db, modelNames: string[]): Promise<Map<string, string[]>> {
  const byLineage = new Map<string, string[]>(modelNames.map((name) => [name, []]));
  if (modelNames.length === 0) return byLineage;
  const rows = await db
    .select({ modelName: lineageMaintainers.modelName, agentId: lineageMaintainers.agentId })
    .from(lineageMaintainers)
    .where(inArray(lineageMaintainers.modelName, modelNames))
    .orderBy(asc(lineageMaintainers.createdAt), asc(lineageMaintainers.agentId));
  for (const row of rows) byLineage.get(row.modelName)?.push(row.agentId);
  return byLineage;
}

/** Retires a lineage (now) or puts a retired one back in use (`retired` false). */
export async function setLineageRetired(tx: Tx, modelName: string, retired: boolean): Promise<void> {
  await tx
    .update(lineages)
    .set({ retiredAt: retired ? sql`now()` : null, updatedAt: sql`now()` })
    .where(eq(lineages.modelName, modelName));
}
