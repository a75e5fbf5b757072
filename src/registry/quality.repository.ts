/**
 * The facts the provenance rules read, and the stored scores they produce, in set-based SQL:
 * one query loads the facts of any number of models, one statement writes their scores.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import type { LinkFact, Provenance, ProvenanceFacts } from './provenance.ts';

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
export async function loadProvenanceFacts(db: Db, modelIds: string[]): Promise<Map<string, ProvenanceFacts>> {
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

/** The stored raw score of each listed model. */
export async function loadRawScores(db: Db, modelIds: string[]): Promise<Map<string, number | null>> {
  const rows = await queryRows<{ id: string; raw_quality_score: number | null }>(
    db,
    sql`select id, raw_quality_score from models where id = any(${sql.param(modelIds)}::text[])`,
  );
  return new Map(rows.map((row) => [row.id, row.raw_quality_score]));
}

/** A model's recomputed verdict and score, ready to store. */
export interface ScoreUpdate {
  id: string;
  provenance: Provenance;
  qualityScore: number;
}

/** Writes provenance verdicts and quality scores for many models in one statement. */
export async function storeScores(tx: Tx, updates: ScoreUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await tx.execute(sql`
    update models m
       set quality_score = u.quality_score,
           provenance_complete = u.complete,
           provenance_missing = coalesce(string_to_array(nullif(u.missing, ''), ','), '{}')
      from unnest(${sql.param(updates.map((u) => u.id))}::text[],
                  ${sql.param(updates.map((u) => u.qualityScore))}::float8[],
                  ${sql.param(updates.map((u) => u.provenance.complete))}::boolean[],
                  ${sql.param(updates.map((u) => u.provenance.missing.join(',')))}::text[])
           as u(id, quality_score, complete, missing)
     where m.id = u.id`);
}

/** The models whose provenance can change when something about `artifactId` changes. */
export async function findModelsAffectedBy(db: Db, artifactId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from models where id = ${artifactId}
        union
        select source_id from links where target_id = ${artifactId}
                                      and source_id in (select id from models)
        union
        select pb.source_id from links pb
          join links ai on ai.source_id = pb.target_id and ai.link_type = 'input'
         where pb.link_type = 'produced_by' and (pb.target_id = ${artifactId} or ai.target_id = ${artifactId})`,
  );
  return rows.map((row) => row.id);
}
