/**
 * Lineage aliases in the database — the only SQL on `lineage_aliases`.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { lineageAliases } from '../../db/schema.ts';

/** An alias: which version of which lineage it names, whether only admin may change it. */
export interface Alias {
  modelName: string;
  alias: string;
  versionId: string;
  isProtected: boolean;
}

const columns = {
  modelName: lineageAliases.modelName,
  alias: lineageAliases.alias,
  versionId: lineageAliases.versionId,
  isProtected: lineageAliases.isProtected,
};

/** The alias of a lineage, or undefined. */
export async function findAlias(db: Db, modelName: string, alias: string): Promise<Alias | undefined> {
  const [row] = await db
    .select(columns)
    .from(lineageAliases)
    .where(and(eq(lineageAliases.modelName, modelName), eq(lineageAliases.alias, alias)));
  return row;
}

/** Creates or moves an alias. */
export async function upsertAlias(tx: Tx, alias: Alias & { setBy: string }): Promise<void> {
  await tx
    .insert(lineageAliases)
    .values(alias)
    .onConflictDoUpdate({
      target: [lineageAliases.modelName, lineageAliases.alias],
      set: {
        versionId: alias.versionId,
        isProtected: alias.isProtected,
        setBy: alias.setBy,
        updatedAt: new Date(),
      },
    });
}

/** Deletes an alias. */
export async function deleteAlias(tx: Tx, modelName: string, alias: string): Promise<void> {
  await tx
    .delete(lineageAliases)
    .where(and(eq(lineageAliases.modelName, modelName), eq(lineageAliases.alias, alias)));
}

/** The aliases naming each listed version, sorted by name. */
export async function findAliasesOfVersions(db: Db, versionIds: string[]): Promise<Map<string, string[]>> {
  const byVersion = new Map<string, string[]>(versionIds.map((id) => [id, []]));
  if (versionIds.length === 0) return byVersion;
  const rows = await db
    .select(columns)
    .from(lineageAliases)
    .where(inArray(lineageAliases.versionId, versionIds))
    .orderBy(asc(lineageAliases.alias));
  for (const row of rows) byVersion.get(row.versionId)?.push(row.alias);
  return byVersion;
}

/** Every alias of each listed lineage, sorted by name. */
export async function findAliasesOfLineages(db: Db, modelNames: string[]): Promise<Map<string, Alias[]>> {
  const byLineage = new Map<string, Alias[]>(modelNames.map((name) => [name, []]));
  if (modelNames.length === 0) return byLineage;
  const rows = await db
    .select(columns)
    .from(lineageAliases)
    .where(inArray(lineageAliases.modelName, modelNames))
    .orderBy(asc(lineageAliases.alias));
  for (const row of rows) byLineage.get(row.modelName)?.push(row);
  return byLineage;
}

/** The aliases naming any of the listed versions, by lineage and name. */
export async function findAliasRowsOfVersions(db: Db, versionIds: string[]): Promise<Alias[]> {
  if (versionIds.length === 0) return [];
  return db
    .select(columns)
    .from(lineageAliases)
    .where(inArray(lineageAliases.versionId, versionIds))
    .orderBy(asc(lineageAliases.modelName), asc(lineageAliases.alias));
}
