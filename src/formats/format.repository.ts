/**
 * The reads of the open-format exports: the artifacts, pinned versions and agents a model
 * version's provenance names, each one query for all of them. Read-only over the registry's and
 * the agents' tables (their owners write them).
 */
import { inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';
import { agents, artifacts } from '../db/schema.ts';
import type { AgentFacts, ArtifactFacts, VersionFacts } from './core/provenance-record.ts';

/** The listed artifacts that exist. */
export async function findArtifactFacts(db: Db, ids: string[]): Promise<ArtifactFacts[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: artifacts.id,
      type: artifacts.type,
      title: artifacts.title,
      createdBy: artifacts.createdBy,
      createdAt: artifacts.createdAt,
      metadata: artifacts.metadata,
    })
    .from(artifacts)
    .where(inArray(artifacts.id, ids));
}

/** The listed artifact versions that exist. */
export async function findVersionFacts(
  db: Db,
  pins: { artifactId: string; versionNumber: number }[],
): Promise<VersionFacts[]> {
  if (pins.length === 0) return [];
  const rows = await queryRows<Omit<VersionFacts, 'createdAt'> & { createdAt: Date | string }>(
    db,
    sql`select artifact_id as "artifactId", version_number as "versionNumber", digest, uri,
               created_by as "createdBy", created_at as "createdAt"
          from artifact_versions
         where (artifact_id, version_number) in (
           select * from unnest(${sql.param(pins.map((pin) => pin.artifactId))}::text[],
                                ${sql.param(pins.map((pin) => pin.versionNumber))}::int[]))`,
  );
  // Raw rows come back as the driver parses them: a Date from node-postgres, text from PGlite.
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** The listed agents that exist. */
export async function findAgentFacts(db: Db, ids: string[]): Promise<AgentFacts[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: agents.id, displayName: agents.displayName, kind: agents.kind })
    .from(agents)
    .where(inArray(agents.id, ids));
}
