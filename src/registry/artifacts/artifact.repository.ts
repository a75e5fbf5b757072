/**
 * Artifacts, their versions and links in the database — the only SQL on `artifacts`,
 * `artifact_versions` and `links` — including the link walks that provenance, compare and the
 * DAGs read, each one query for any number of models.
 */
import { asc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import { artifacts, artifactVersions, links } from '../../db/schema.ts';
import type { LinkFact, ProvenanceFacts } from '../core/provenance.ts';

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

/** Whether no artifact exists at all. */
export async function hasNoArtifacts(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(
    db,
    sql`select not exists (select 1 from artifacts) as empty`,
  );
  return row.empty;
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

/** Adds keys to an artifact's metadata (a key it has already is replaced). */
export async function mergeArtifactMetadata(
  tx: Tx,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  await tx
    .update(artifacts)
    .set({ metadata: sql`${artifacts.metadata} || ${JSON.stringify(values)}::jsonb` })
    .where(eq(artifacts.id, id));
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

interface FactRow {
  model_id: string;
  source_id: string;
  target_id: string;
  link_type: string;
  target_type: string;
  is_pinned: boolean;
  via_analysis: boolean;
}

/** The provenance facts of each listed model (models with no links get empty facts). */
export async function findProvenanceFacts(db: Db, modelIds: string[]): Promise<Map<string, ProvenanceFacts>> {
  const ids = sql.param(modelIds);
  const rows = await queryRows<FactRow>(
    db,
    sql`select l.source_id as model_id, l.source_id, l.target_id, l.link_type, a.type as target_type,
               l.target_version is not null as is_pinned, false as via_analysis
          from links l join artifacts a on a.id = l.target_id
         where l.source_id = any(${ids}::text[])
        union all
        select pb.source_id, ai.source_id, ai.target_id, ai.link_type, a.type, ai.target_version is not null, true
          from links pb
          join artifacts analysis on analysis.id = pb.target_id and analysis.type = 'analysis'
          join links ai on ai.source_id = pb.target_id and ai.link_type = 'input'
          join artifacts a on a.id = ai.target_id
         where pb.source_id = any(${ids}::text[]) and pb.link_type = 'produced_by'`,
  );
  const facts = new Map<string, ProvenanceFacts>(
    modelIds.map((id) => [id, { links: [], analysisInputs: [] }]),
  );
  for (const row of rows) {
    const fact: LinkFact = {
      sourceId: row.source_id,
      linkType: row.link_type,
      targetId: row.target_id,
      targetType: row.target_type,
      isPinned: row.is_pinned,
    };
    const entry = facts.get(row.model_id);
    (row.via_analysis ? entry?.analysisInputs : entry?.links)?.push(fact);
  }
  return facts;
}

/** The model versions whose provenance can change when something about `artifactId` changes. */
export async function findModelsAffectedBy(db: Db, artifactId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from artifacts where id = ${artifactId} and type = 'model'
        union
        select l.source_id from links l join artifacts a on a.id = l.source_id and a.type = 'model'
         where l.target_id = ${artifactId}
        union
        select pb.source_id from links pb
          join links ai on ai.source_id = pb.target_id and ai.link_type = 'input'
         where pb.link_type = 'produced_by' and (pb.target_id = ${artifactId} or ai.target_id = ${artifactId})`,
  );
  return rows.map((row) => row.id);
}

/** An outgoing link with its target's type and title: one hop of a provenance walk. */
export interface LinkHop {
  sourceId: string;
  targetId: string;
  linkType: string;
  targetVersion: number | null;
  targetType: string;
  targetTitle: string;
}

/**
 * Every outgoing link of the artifacts fewer than `maxHops` links away from any of `rootIds` (the
 * roots included), oldest first: all the hops a provenance walk of `maxHops` from those roots can
 * take, in one statement (one round trip, not one per hop).
 */
export async function findLinkHopsWithin(db: Db, rootIds: string[], maxHops: number): Promise<LinkHop[]> {
  if (rootIds.length === 0 || maxHops < 1) return [];
  return queryRows<LinkHop>(
    db,
    // Hop by hop as arrays (each hop's targets are the next hop's sources), so every step is an
    // index probe of `links` by source, whatever the planner knows of the tables' sizes.
    sql`with recursive hop(ids, depth) as (
          select ${sql.param(rootIds)}::text[], 0
          union all
          select array(select distinct l.target_id from links l where l.source_id = any(h.ids)), h.depth + 1
            from hop h where h.depth < ${maxHops - 1})
        select l.source_id as "sourceId", l.target_id as "targetId", l.link_type as "linkType",
               l.target_version as "targetVersion", a.type as "targetType", a.title as "targetTitle"
          from links l join artifacts a on a.id = l.target_id
         where l.source_id = any(array(select unnest(ids) from hop))
         order by l.id`,
  );
}

/** The `input` links of the analyses each listed model is `produced_by`, as `{modelId, targetId, targetVersion}`. */
export async function findAnalysisInputs(db: Db, modelIds: string[]) {
  return queryRows<{ modelId: string; targetId: string; targetVersion: number | null }>(
    db,
    sql`select pb.source_id as "modelId", ai.target_id as "targetId", ai.target_version as "targetVersion"
          from links pb join links ai on ai.source_id = pb.target_id and ai.link_type = 'input'
         where pb.source_id = any(${sql.param(modelIds)}::text[]) and pb.link_type = 'produced_by'`,
  );
}
