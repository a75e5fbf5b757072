/**
 * Data for the backfill suites, written straight into the tables (the API would refuse some of
 * it, e.g. legacy edges with hand-set timestamps): model lineages with controlled creation times,
 * analyses with `produced_by` links, and edges carrying the metadata trails the backfill follows.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/database.ts';
import { agents, artifacts, type JsonObject, kgEdges, lineages, links, models } from '../../src/db/schema.ts';

const AGENT = 'backfill-trainer';

/** A moment in 2024, UTC: `at('02-10')` or `at('02-10T03:00')`. */
export const at = (monthDay: string): Date =>
  new Date(`2024-${monthDay}${monthDay.includes('T') ? '' : 'T00:00'}Z`);

/** Creates the agent every row of these suites is made by. */
export async function seedAgent(db: Db): Promise<void> {
  await db.insert(agents).values({ id: AGENT, displayName: 'Backfill trainer', kind: 'ai' });
}

/** Creates a non-model artifact (an analysis, a dataset, …). */
export async function addArtifact(db: Db, id: string, type: 'analysis' | 'dataset'): Promise<void> {
  await db.insert(artifacts).values({ id, type, title: id, createdBy: AGENT });
}

/** Creates a model version `<lineage>-v<n>` created at `createdAt`; returns its id. */
export async function addModel(
  db: Db,
  lineage: string,
  versionNumber: number,
  createdAt: Date,
): Promise<string> {
  const id = `${lineage}-v${versionNumber}`;
  await db.insert(artifacts).values({ id, type: 'model', title: id, createdBy: AGENT, createdAt });
  await db.insert(lineages).values({ modelName: lineage }).onConflictDoNothing();
  await db.insert(models).values({
    id,
    modelName: lineage,
    versionNumber,
    parentId: versionNumber > 1 ? `${lineage}-v${versionNumber - 1}` : null,
    isLatest: false,
    modelFamily: 'statistical',
    trainedBy: AGENT,
    createdAt,
  });
  return id;
}

/** Links a model version to the analysis that produced it. */
export async function addProducedBy(db: Db, modelId: string, analysisId: string): Promise<void> {
  await db
    .insert(links)
    .values({ sourceId: modelId, targetId: analysisId, linkType: 'produced_by', createdBy: AGENT });
}

/** What an edge is made of, beyond its id; everything has a default. */
export interface EdgeSpec {
  metadata?: JsonObject;
  createdAt?: Date;
  origin?: 'model' | 'curated' | 'literature' | 'other';
  confidence?: number;
  sourceArtifactId?: string;
  sourceVersion?: number;
  provenanceUnknown?: boolean;
}

/** Creates a KG edge the way older systems left them; `updated_at` equals `created_at`. */
export async function addEdge(db: Db, id: string, spec: EdgeSpec = {}): Promise<void> {
  const createdAt = spec.createdAt ?? at('01-20');
  const origin = spec.origin ?? 'model';
  await db.insert(kgEdges).values({
    id,
    subject: `subject-${id}`,
    predicate: 'biolink:affects',
    object: `object-${id}`,
    confidence: spec.confidence ?? 0.5,
    origin,
    sourceArtifactId: spec.sourceArtifactId ?? null,
    sourceVersion: spec.sourceVersion ?? null,
    provenanceUnknown: spec.provenanceUnknown ?? false,
    metadata: spec.metadata ?? {},
    knowledgeLevel: origin === 'model' ? 'prediction' : 'knowledge_assertion',
    agentType: origin === 'model' ? 'computational_model' : 'manual_agent',
    createdAt,
    updatedAt: createdAt,
  });
}

/** An edge as the backfill suites compare it. */
export interface EdgeState {
  id: string;
  confidence: number;
  source_artifact_id: string | null;
  source_version: number | null;
  provenance_unknown: boolean;
  knowledge_level: string;
  agent_type: string;
  updated_at: string;
}

/** Every edge, by id. */
export async function readEdges(db: Db): Promise<Map<string, EdgeState>> {
  const rows = await queryRows<EdgeState>(
    db,
    sql`select id, confidence, source_artifact_id, source_version, provenance_unknown, knowledge_level,
               agent_type, (updated_at at time zone 'UTC')::text as updated_at
          from kg_edges order by id`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** A history row as the backfill suites compare it. */
export interface HistoryState {
  edge_id: string;
  confidence: number;
  source_artifact_id: string | null;
  source_version: number | null;
  event_id: number | null;
}

/** Every history row, by edge then id. */
export function readHistory(db: Db): Promise<HistoryState[]> {
  return queryRows<HistoryState>(
    db,
    sql`select edge_id, confidence, source_artifact_id, source_version, event_id
          from edge_history order by edge_id, id`,
  );
}

/**
 * A bulk world for the concurrency suites: `lineages` lineages of two versions each (v1 on
 * Jan 10, v2 on Feb 10) and `edges` edges naming them by `model_name`, every seventh naming a
 * lineage that does not exist, half of them old enough for v1 and half new enough for v2.
 */
export async function seedBulkWorld(db: Db, lineages: number, edges: number): Promise<void> {
  await seedAgent(db);
  for (let i = 0; i < lineages; i++) {
    await addModel(db, `bulk-${i}`, 1, at('01-10'));
    await addModel(db, `bulk-${i}`, 2, at('02-10'));
  }
  await db.execute(
    sql`insert into kg_edges (id, subject, predicate, object, confidence, origin, metadata,
                              knowledge_level, agent_type, created_at, updated_at)
        select 'bulk-edge-' || lpad(n::text, 6, '0'), 's' || n, 'biolink:affects', 'o' || n, (n % 100) / 100.0,
               'model',
               jsonb_build_object('model_name', case when n % 7 = 0 then 'missing' else 'bulk-' || (n % ${lineages}) end),
               'prediction', 'computational_model',
               case when n % 2 = 0 then ${at('01-20').toISOString()}::timestamptz
                    else ${at('03-01').toISOString()}::timestamptz end,
               now()
          from generate_series(1, ${edges}) as n`,
  );
}
