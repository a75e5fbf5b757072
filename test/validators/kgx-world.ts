/**
 * A large knowledge graph for the KGX validator suite, written set-based in one statement (a
 * hundred thousand edges in seconds on either store): gene → disease/process/phenotype edges,
 * four in five inferred by one model version and the rest curated, some flagged or retracted,
 * some with a predicate Biolink does not name, and a few with a free-text subject that the export
 * must leave out. Deterministic: every value is a function of the row number.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/database.ts';

/** What the generated graph holds, for the assertions. */
export interface GeneratedGraph {
  edges: number;
  /** Edges whose subject is free text (every 997th). */
  freeText: number;
}

const PREDICATES = sql.raw(
  `array['biolink:regulates', 'biolink:positively_correlated_with', 'biolink:negatively_correlated_with',
         'biolink:contributes_to', 'biolink:associated_with', 'biolink:affects', 'RO:0002434', 'biolink:causes']`,
);

/** Inserts `edges` edges numbered 1…edges, attributed (when from a model) to version 1 of `modelId`. */
export async function insertGeneratedGraph(db: Db, modelId: string, edges: number): Promise<GeneratedGraph> {
  await db.execute(sql`
    insert into kg_edges (id, subject, predicate, object, confidence, origin, status, source_artifact_id,
                          source_version, review_flag, knowledge_level, agent_type)
    select 'gen-' || lpad(i::text, 7, '0'),
           case when i % 997 = 0 then 'free text ' || i else 'HGNC:' || (1 + i % 19000) end,
           (${PREDICATES})[1 + i % 8],
           (array['MONDO:', 'GO:', 'HP:'])[1 + i % 3] || lpad((1 + i % 9973)::text, 7, '0'),
           ((i::bigint * 7919) % 1000)::float8 / 1000,
           case when i % 5 = 0 then 'curated' else 'model' end,
           case when i % 50 = 0 then 'retracted' else 'active' end,
           case when i % 5 = 0 then null else ${modelId} end,
           case when i % 5 = 0 then null else 1 end,
           i % 40 = 0,
           case when i % 5 = 0 then 'knowledge_assertion' else 'prediction' end,
           case when i % 5 = 0 then 'manual_agent' else 'computational_model' end
      from generate_series(1, ${edges}::int) i`);
  const [row] = await queryRows<{ free_text: number }>(
    db,
    sql`select count(*)::int as free_text from kg_edges where id like 'gen-%' and subject like 'free text %'`,
  );
  return { edges, freeText: row.free_text };
}
