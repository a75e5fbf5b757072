/**
 * Knowledge-graph edges as `POST /api/kg/edges` would store them: `origin: "model"`, the Biolink
 * labels of `labelsForOrigin('model')`, `content_hash` = SHA-256 of the canonical JSON of the edge
 * as sent (`hashEdgeContent`: sorted keys, no spaces, numbers as JavaScript writes them), and one
 * `edge_history` row per edge with the confidence it was inserted with. Attributed edges name a
 * model version; legacy edges name none and carry the backfill's trails in `metadata`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../src/db/database.ts';
import { MODEL_PREDICTION } from '../../src/kg/core/edge-classification.ts';
import { analysisCounts, FIXTURES, type WorldDimensions } from './params.ts';
import { lit } from './scratch.ts';

/** The drawn columns of an edge, as SQL over the row number `i`, with `stream` offsetting the draws. */
function statementColumns(stream: number): SQL {
  const s = (offset: number) => lit(stream + offset);
  return sql`
    'HGNC:' || (1 + bench_gen.zipf(${s(0)}, i, 19000)) as subject,
    (array['biolink:regulates', 'biolink:positively_correlated_with', 'biolink:negatively_correlated_with',
           'biolink:contributes_to', 'biolink:associated_with', 'biolink:affects'])[1 + bench_gen.pick(${s(1)}, i, 6)]
      as predicate,
    (array['MONDO:', 'GO:', 'HP:'])[1 + bench_gen.pick(${s(2)}, i, 3)] || lpad((1 + bench_gen.pick(${s(3)}, i, 9999))::text, 7, '0')
      as object,
    (100 + bench_gen.pick(${s(4)}, i, 9801))::float8 / 10000 as confidence,
    '{"features":[' || bench_gen.num(bench_gen.pick(${s(5)}, i, 6001) - 3000, 1000) || ','
      || bench_gen.num(bench_gen.pick(${s(6)}, i, 6001) - 3000, 1000) || ','
      || bench_gen.num(bench_gen.pick(${s(7)}, i, 6001) - 3000, 1000) || ','
      || bench_gen.num(bench_gen.pick(${s(8)}, i, 6001) - 3000, 1000) || ']}' as features`;
}

/** Inserts drawn edge rows (a subquery with the columns below) with their labels and content hash. */
function insertDrawnEdges(drawn: SQL): SQL {
  const { knowledgeLevel, agentType } = MODEL_PREDICTION;
  return sql`
    insert into kg_edges (id, subject, predicate, object, confidence, origin, status, source_artifact_id,
                          source_version, provenance_unknown, review_flag, inputs, metadata, knowledge_level,
                          content_hash, agent_type, created_at, updated_at)
    select id, subject, predicate, object, confidence, 'model', 'active', source_id, source_version, false, false,
           inputs::jsonb, metadata::jsonb, ${knowledgeLevel},
           encode(sha256(convert_to(
             '{"confidence":' || confidence::text || ',"inputs":' || coalesce(inputs, 'null')
             || ',"metadata":' || metadata || ',"object":"' || object || '","origin":"model","predicate":"' || predicate
             || '","source_artifact_id":' || coalesce('"' || source_id || '"', 'null')
             || ',"source_version":' || coalesce(source_version::text, 'null') || ',"subject":"' || subject || '"}',
             'UTF8')), 'hex'),
           ${agentType}, created_at, created_at
      from (${drawn}) edge`;
}

const PIPELINES = sql.raw(`array['kg-infer-v1', 'kg-infer-v2', 'causal-screen', 'literature-rerank']`);

/**
 * Edges attributed to model versions: the first `rescoreEdges` to the rescore fixture's parent
 * (all with inputs), the rest to versions drawn with a skew (a few versions have thousands, most
 * have none), 3 % of those without stored inputs. Created within 90 days after their version.
 */
export async function insertAttributedEdges(tx: Tx, dims: WorldDimensions, seed: number): Promise<void> {
  await tx.execute(
    insertDrawnEdges(sql`
      select 'edge-' || left(md5(${sql.raw(`'${seed}:attributed:'`)} || i), 24) as id, drawn.*,
             case when i >= ${lit(dims.rescoreEdges)} and bench_gen.u(110, i) < 0.03 then null else features end
               as inputs,
             '{"pipeline":"' || (${PIPELINES})[1 + bench_gen.pick(111, i, 4)] || '"}' as metadata,
             coalesce(s.id, parent.id) as source_id, coalesce(s.version_number, parent.j) as source_version,
             coalesce(s.created_at, parent.created_at) + bench_gen.u(112, i) * 90 * 86400 * interval '1 second'
               as created_at
        from generate_series(0, ${lit(dims.attributedEdges - 1)}) i
        cross join lateral (select ${statementColumns(100)}) drawn
        cross join (select id, j, created_at from bench_gen.version
                     where l = ${lit(FIXTURES.rescoreLineage)} and j = 1) parent
        left join bench_gen.source s
          on i >= ${lit(dims.rescoreEdges)}
         and s.rank = floor(power(bench_gen.u(113, i), 2) * (select count(*) from bench_gen.source))::int`),
  );
}

/**
 * Legacy edges for the backfill: 30 % name a `model_id` (3 % of them a version that
 * never existed), 30 % a `model_name` (3 % unknown; 70 % with an `inferred_at`, some before the
 * lineage's first version), 25 % an `analysis_id` (85 % an analysis of exactly one lineage, the
 * rest a shared pipeline), and 15 % no trail at all. None of them point at the fixture lineages.
 * Inserted after every model version exists, 90 % with inputs.
 */
export async function insertLegacyEdges(tx: Tx, dims: WorldDimensions, seed: number): Promise<void> {
  const { exclusive, shared } = analysisCounts(dims);
  // An ISO time from 20 days before the lineage's first version to 20 days after its last.
  const inferredAt = (stream: number) =>
    sql.raw(`to_char(lg.start + (bench_gen.u(${stream}, i) * ((lg.k - 1) * lg.gap_days + 40) - 20)
                                * 86400 * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
  await tx.execute(
    insertDrawnEdges(sql`
      select 'edge-' || left(md5(${sql.raw(`'${seed}:legacy:'`)} || i), 24) as id, drawn.*,
             case when bench_gen.u(142, i) < 0.1 then null else features end as inputs,
             case when trail < 0.30 then
                    '{"model_id":"' || case when bench_gen.u(143, i) < 0.03 then s.id || '0' else s.id end
                    || '","pipeline":"legacy-import"}'
                  when trail < 0.60 then
                    case when bench_gen.u(144, i) < 0.7
                         then '{"inferred_at":"' || ${inferredAt(145)} || '",' else '{' end
                    || '"model_name":"' || case when bench_gen.u(146, i) < 0.03 then 'model-retired-' || i
                                                else lg.name end || '"}'
                  when trail < 0.85 then
                    '{"analysis_id":"analysis-' || lpad(an::text, 6, '0') || '"'
                    || case when bench_gen.u(147, i) < 0.3
                            then ',"inferred_at":"' || ${inferredAt(148)} || '"' else '' end || '}'
                  when bench_gen.u(149, i) < 0.5 then '{"notes":"imported from a 2023 notebook; producer unknown"}'
                  else '{"source":"legacy-import"}' end as metadata,
             null::text as source_id, null::int as source_version,
             bench_gen.at(800 + bench_gen.u(150, i) * 60) as created_at
        from (select i, bench_gen.u(140, i) as trail,
                     case when bench_gen.u(151, i) < 0.85 then 2 + bench_gen.pick(152, i, ${lit(exclusive - 2)})
                          else ${lit(exclusive)} + bench_gen.pick(153, i, ${lit(shared)}) end as an,
                     2 + bench_gen.pick(154, i, ${lit(dims.lineages - 2)}) as trail_lineage
                from generate_series(0, ${lit(dims.legacyEdges - 1)}) i) t
        cross join lateral (select ${statementColumns(120)}) drawn
        join bench_gen.lineage lg
          on lg.l = case when t.trail >= 0.60 and t.an < ${lit(exclusive)} then t.an else t.trail_lineage end
        left join bench_gen.source s on s.rank = bench_gen.pick(141, i, (select count(*) from bench_gen.source))`),
  );
}

/** One history row per edge, as `insertEdges` records them, numbered in insertion order. */
export async function insertEdgeHistory(tx: Tx): Promise<void> {
  await tx.execute(sql`
    insert into edge_history (id, edge_id, confidence, source_artifact_id, source_version, event_id, at)
    select row_number() over (order by updated_at, id), id, confidence, source_artifact_id, source_version, null,
           updated_at
      from kg_edges`);
  await tx.execute(
    sql`select setval(pg_get_serial_sequence('edge_history', 'id'), (select max(id) from edge_history))`,
  );
}
