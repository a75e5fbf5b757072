/**
 * Artifacts, their versions and links in the database.
 */
import { asc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { artifacts, artifactVersions, links } from '../db/schema.ts';

/** An artifact row. */
export type ArtifactRow = typeof artifacts.$inferSelect;
/** An artifact version row. */
export type ArtifactVersionRow = typeof artifactVersions.$inferSelect;
/** A link row. */
export type LinkRow = typeof links.$inferSelect;

/** The artifact with this id, or undefined. */
export async function findArtifactById(db: Db, id: string): Promise<ArtifactRow | undefined> {
  const [row] = await db.select().from(artifacts).where(eq(artifacts.id, id));
  return row;
}

/** `{id, type}` of every listed artifact that exists. */
export async function findArtifactTypes(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; type: string }>(
    db,
    sql`select id, type from artifacts where id = any(${sql.param(ids)}::text[])`,
  );
  return new Map(rows.map((row) => [row.id, row.type]));
}

/** Which `artifact@version` pairs exist, as `id@version` strings. */
export async function findExistingVersions(
  db: Db,
  pins: { id: string; version: number }[],
): Promise<Set<string>> {
  if (pins.length === 0) return new Set();
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select artifact_id || '@' || version_number as key from artifact_versions
        where (artifact_id, version_number) in (
          select * from unnest(${sql.param(pins.map((pin) => pin.id))}::text[], ${sql.param(pins.map((pin) => pin.version))}::int[]))`,
  );
  return new Set(rows.map((row) => row.key));
}

/** Whether a prefix-matching id is taken; used to find a free generated id. */
export async function findIdsWithPrefix(db: Db, prefix: string): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from artifacts where left(id, ${prefix.length}) = ${prefix}`,
  );
  return new Set(rows.map((row) => row.id));
}

/** Inserts an artifact row. */
export async function insertArtifact(tx: Tx, row: typeof artifacts.$inferInsert): Promise<ArtifactRow> {
  const [inserted] = await tx.insert(artifacts).values(row).returning();
  return inserted;
}

/** Inserts the next version of an artifact (the caller holds the artifact's lock). */
export async function insertNextVersion(
  tx: Tx,
  row: Omit<typeof artifactVersions.$inferInsert, 'versionNumber'>,
): Promise<ArtifactVersionRow> {
  const [inserted] = await tx
    .insert(artifactVersions)
    .values({
      ...row,
      versionNumber: sql`(select coalesce(max(version_number), 0) + 1 from artifact_versions where artifact_id = ${row.artifactId})`,
    })
    .returning();
  return inserted;
}

/** Every version of an artifact, oldest first. */
export async function findVersions(db: Db, artifactId: string): Promise<ArtifactVersionRow[]> {
  return db
    .select()
    .from(artifactVersions)
    .where(eq(artifactVersions.artifactId, artifactId))
    .orderBy(asc(artifactVersions.versionNumber));
}

/** Inserts links; returns the inserted rows (none for a link that already exists). */
export async function insertLinks(tx: Tx, rows: (typeof links.$inferInsert)[]): Promise<LinkRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(links).values(rows).onConflictDoNothing().returning();
}

/** Every link into or out of an artifact, with the other end's type and title. */
export async function findLinksOf(db: Db, artifactId: string) {
  const source = alias(artifacts, 'source');
  const target = alias(artifacts, 'target');
  return db
    .select({
      link: links,
      sourceType: source.type,
      sourceTitle: source.title,
      targetType: target.type,
      targetTitle: target.title,
    })
    .from(links)
    .innerJoin(source, eq(source.id, links.sourceId))
    .innerJoin(target, eq(target.id, links.targetId))
    .where(or(eq(links.sourceId, artifactId), eq(links.targetId, artifactId)))
    .orderBy(asc(links.id));
}
