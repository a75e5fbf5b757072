/**
 * The registry half of a world, each table one set-based `INSERT … SELECT` over the plan: agents,
 * artifacts, artifact versions, links and model versions. Rows are what the app's own writes
 * would leave: model ids `<model_name>-v<n>`, version 1 of every artifact, links created with the
 * version that declares them, and each model's stored provenance verdict and quality score
 * computed from its links by the provenance rules (`src/registry/core/provenance.ts`).
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../src/db/database.ts';
import type { JsonObject } from '../../src/db/schema.ts';
import { FIXTURES, type WorldDimensions } from './params.ts';
import { lit } from './scratch.ts';

const TISSUES =
  sql.raw(`array['prefrontal cortex', 'hippocampus', 'entorhinal cortex', 'microglia', 'astrocytes',
  'cerebrospinal fluid', 'plasma', 'iPSC neurons', 'cerebellum', 'white matter']`);
const ASSAYS = sql.raw(`array['snRNA-seq', 'bulk RNA-seq', 'ATAC-seq', 'proteomics', 'lipidomics', 'MRI',
  'spatial transcriptomics', 'methylation']`);
const COHORTS = sql.raw(
  `array['ROSMAP', 'SEA-AD', 'ADNI', 'MSBB', 'Mayo', 'UK Biobank', 'AMP-AD', 'in-house']`,
);

/** Agents: 60 % AI, named; created over the world's first 20 days. */
export async function insertAgents(tx: Tx, dims: WorldDimensions): Promise<void> {
  await tx.execute(sql`
    insert into agents (id, display_name, kind, created_at)
    select bench_gen.agent(i),
           case when is_ai
                then (array['Curator', 'Trainer', 'Evaluator', 'Scout', 'Synthesizer'])[1 + bench_gen.pick(2, i, 5)]
                     || '-' || i
                else (array['Ada', 'Ben', 'Chiara', 'Dev', 'Elif', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jonas',
                            'Kavya', 'Luis', 'Maya', 'Noor', 'Omar', 'Priya'])[1 + bench_gen.pick(3, i, 16)]
                     || ' ' || (array['Chen', 'Okafor', 'Rivera', 'Novak', 'Sato', 'Haddad', 'Larsen', 'Mehta',
                                      'Silva', 'Weber'])[1 + bench_gen.pick(4, i, 10)]
           end,
           case when is_ai then 'ai' else 'human' end,
           bench_gen.at(i * 20.0 / ${lit(dims.agents)})
      from (select i, bench_gen.u(1, i) < 0.6 as is_ai
              from generate_series(0, ${lit(dims.agents - 1)}) i) drawn`);
}

/** Every artifact: datasets, analyses, hypotheses, benchmarks, then one per model version. */
export async function insertArtifacts(tx: Tx): Promise<void> {
  await tx.execute(sql`
    insert into artifacts (id, type, title, metadata, created_by, created_at)
    select id, 'dataset',
           initcap((${TISSUES})[1 + bench_gen.pick(14, d, 10)]) || ' ' || (${ASSAYS})[1 + bench_gen.pick(15, d, 8)]
             || ' (' || (${COHORTS})[1 + bench_gen.pick(16, d, 8)] || ') ' || d,
           jsonb_build_object('modality', (${ASSAYS})[1 + bench_gen.pick(15, d, 8)],
                              'organism', case when bench_gen.u(17, d) < 0.8 then 'Homo sapiens' else 'Mus musculus' end,
                              'samples', 10 + bench_gen.pick(18, d, 2000)),
           creator, created_at
      from bench_gen.dataset
    union all
    select id, 'analysis', 'Analysis ' || a || ': model fit on ' || (${TISSUES})[1 + bench_gen.pick(73, a, 10)],
           jsonb_build_object('pipeline', (array['nextflow', 'snakemake', 'notebook', 'airflow'])[1 + bench_gen.pick(74, a, 4)]),
           creator, created_at
      from bench_gen.analysis
    union all
    select id, 'hypothesis',
           (array['TREM2', 'APOE', 'CD33', 'TYROBP', 'SPI1', 'CLU', 'BIN1', 'PICALM'])[1 + bench_gen.pick(94, h, 8)]
             || ' ' || (array['drives', 'dampens', 'gates', 'predicts'])[1 + bench_gen.pick(95, h, 4)] || ' '
             || (array['microglial activation', 'amyloid clearance', 'tau spread', 'synapse loss'])[1 + bench_gen.pick(96, h, 4)]
             || ' (' || h || ')',
           '{}'::jsonb, creator, created_at
      from bench_gen.hypothesis
    union all
    select id, 'benchmark',
           (array['Cell-state classification', 'Trajectory forecasting', 'Dose response', 'Biomarker ranking'])[1 + bench_gen.pick(97, b, 4)]
             || ' benchmark ' || b,
           '{}'::jsonb, creator, created_at
      from bench_gen.benchmark
    union all
    select v.id, 'model',
           initcap((${TISSUES})[1 + bench_gen.pick(35, v.l, 10)]) || ' '
             || case v.family when 'biophysical' then 'ODE model' when 'deep_learning' then 'neural network'
                              else 'regression model' end
             || ' ' || v.l || ' v' || v.j,
           '{}'::jsonb, v.trained_by, v.created_at
      from bench_gen.version v`);
}

/** Dataset versions 1…nv with digests and locations; version 1 of everything else. */
export async function insertArtifactVersions(tx: Tx): Promise<void> {
  const oneMs = sql`interval '1 millisecond'`;
  await tx.execute(sql`
    insert into artifact_versions (artifact_id, version_number, digest, uri, metadata, created_by, created_at)
    select d.id, n, 'sha256:' || encode(sha256(convert_to(d.id || '@v' || n, 'UTF8')), 'hex'),
           's3://bench-datasets/' || d.id || '/v' || n || '/',
           case when n = 1 then '{}'::jsonb
                else jsonb_build_object('change', (array['more samples', 'QC fixes', 'new batch', 'relabelled'])
                                                  [1 + bench_gen.pick(19, d.d * 4 + n, 4)]) end,
           d.creator, d.created_at + ${oneMs} + (n - 1) * d.version_gap_days * 86400 * interval '1 second'
      from bench_gen.dataset d cross join lateral generate_series(1, d.nv) n
    union all
    select id, 1, null, null, '{}'::jsonb, creator, created_at + ${oneMs} from bench_gen.analysis
    union all
    select id, 1, null, null, '{}'::jsonb, creator, created_at + ${oneMs} from bench_gen.hypothesis
    union all
    select id, 1, 'sha256:' || encode(sha256(convert_to(id || '@v1', 'UTF8')), 'hex'),
           's3://bench-benchmarks/' || id || '/', '{}'::jsonb, creator, created_at + ${oneMs}
      from bench_gen.benchmark
    union all
    select id, 1, null, null, '{}'::jsonb, trained_by, created_at + ${oneMs} from bench_gen.version`);
}

/**
 * Links, numbered in creation order: each version's `trained_on` (2 % unpinned), `produced_by`,
 * `tests_hypothesis` and `input` (8 % unpinned) links; each analysis's 1–2 `input` links (2 %
 * unpinned); then `derived_from` links between datasets up to exactly `dims.links` (the plan
 * leaves a few percent of the count for them; the caller checks the total).
 */
export async function insertLinks(tx: Tx, dims: WorldDimensions): Promise<void> {
  const D = lit(dims.datasets);
  const later = sql`interval '3 milliseconds'`;
  await tx.execute(sql`
    insert into links (id, source_id, target_id, link_type, target_version, created_by, created_at)
    with planned as (
      select v.id as source_id, ds.id as target_id, 'trained_on' as link_type,
             case when v.l >= 2 and bench_gen.u(80, v.m * 4 + r) < 0.02 then null
                  else 1 + bench_gen.pick(81, v.m * 4 + r, ds.nv) end as target_version,
             v.trained_by as created_by, v.created_at + ${later} as created_at
        from bench_gen.version v cross join lateral generate_series(0, v.n_datasets - 1) r
        join bench_gen.dataset ds
          on ds.d = case when v.l = ${lit(FIXTURES.payoutLineage)} then v.first_dataset + r
                         else (v.first_dataset + r * 7919) % ${D} end
       where v.has_trained_on
      union all
      select v.id, an.id, 'produced_by', null, v.trained_by, v.created_at + ${later}
        from bench_gen.version v join bench_gen.analysis an on an.a = v.analysis
       where v.has_produced_by
      union all
      select v.id,
             case when v.hypothesis_misfiled
                  then 'benchmark-' || lpad(bench_gen.zipf(82, v.m, ${lit(dims.benchmarks)})::text, 4, '0')
                  else 'hypothesis-' || lpad(v.hypothesis::text, 5, '0') end,
             'tests_hypothesis', null, v.trained_by, v.created_at + ${later}
        from bench_gen.version v
       where v.hypothesis is not null
      union all
      select v.id, ds.id, 'input',
             case when bench_gen.u(83, v.m) < 0.08 then null else 1 + bench_gen.pick(84, v.m, ds.nv) end,
             v.trained_by, v.created_at + ${later}
        from bench_gen.version v join bench_gen.dataset ds on ds.d = v.input_dataset
      union all
      select an.id, ds.id, 'input',
             case when bench_gen.u(85, an.a * 2 + r) < 0.02 then null
                  else 1 + bench_gen.pick(86, an.a * 2 + r, ds.nv) end,
             an.creator, an.created_at + interval '2 milliseconds'
        from bench_gen.analysis an cross join lateral generate_series(0, an.n_inputs - 1) r
        join bench_gen.dataset ds on ds.d = (bench_gen.zipf(87, an.a, ${D}) + r * 7919) % ${D}
    ), derived as (
      select s.id as source_id, t.id as target_id, 'derived_from' as link_type, null::int as target_version,
             s.creator as created_by, greatest(s.created_at, t.created_at) + interval '1 hour' as created_at
        from generate_series(0, ${lit(dims.links)} - (select count(*) from planned) - 1) r
        join bench_gen.dataset s on s.d = r % ${D}
        join bench_gen.dataset t on t.d = (r % ${D} + 1 + r / ${D}) % ${D}
    )
    select row_number() over (order by created_at, source_id, link_type, target_id, target_version),
           source_id, target_id, link_type, target_version, created_by, created_at
      from (select * from planned union all select * from derived) every_link`);
  await tx.execute(sql`select setval(pg_get_serial_sequence('links', 'id'), (select max(id) from links))`);
}

/** The `runtime` of the rescore fixture's two versions (the fast model, the child with a steeper weight). */
export interface FixtureRuntimes {
  parent: JsonObject;
  child: JsonObject;
}

/**
 * Model versions with lineage fields, family-shaped metadata and metrics, and the stored
 * provenance verdict and quality score. The verdict is the provenance rules over the links just written:
 * (1) a `trained_on` link to a dataset, (2) a `produced_by` link to an analysis, (3) no unpinned
 * `trained_on`/`input` link of the model or `input` link of its analyses without a pinned twin,
 * (4) every `tests_hypothesis` link reaching a hypothesis.
 */
export async function insertModels(tx: Tx, qualityCap: number, runtimes: FixtureRuntimes): Promise<void> {
  const pick = (stream: number, n: number) => sql.raw(`bench_gen.pick(${stream}, v.m, ${n})`);
  const milli = (stream: number, from: number, span: number) =>
    sql.raw(`((${from} + bench_gen.pick(${stream}, v.m, ${span}))::float8 / 1000)`);
  const pinnedTwin = (link: string) =>
    sql.raw(`exists (select 1 from links twin where twin.source_id = ${link}.source_id
                       and twin.link_type = ${link}.link_type and twin.target_id = ${link}.target_id
                       and twin.target_version is not null)`);
  await tx.execute(sql`
    insert into models (id, model_name, version_number, parent_id, is_latest, status, model_family, architecture,
                        parameters, parameter_count, training_config, evaluation_metrics, raw_quality_score,
                        quality_score, provenance_complete, provenance_missing, trained_by, eval_dataset_id,
                        benchmark_id, runtime, runtime_by_admin, created_at, updated_at)
    with own as (
      select l.source_id as id,
             bool_or(l.link_type = 'trained_on' and t.type = 'dataset') as has_dataset,
             bool_or(l.link_type = 'produced_by' and t.type = 'analysis') as has_analysis,
             bool_and(l.link_type <> 'tests_hypothesis' or t.type = 'hypothesis') as hypotheses_resolve,
             bool_or(l.link_type in ('trained_on', 'input') and l.target_version is null and not ${pinnedTwin('l')})
               as has_loose_pin
        from links l join bench_gen.version v on v.id = l.source_id join artifacts t on t.id = l.target_id
       group by l.source_id
    ), loose_analysis as (
      select distinct pb.source_id as id
        from links pb
        join artifacts analysis on analysis.id = pb.target_id and analysis.type = 'analysis'
        join links ai on ai.source_id = pb.target_id and ai.link_type = 'input' and ai.target_version is null
       where pb.link_type = 'produced_by' and not ${pinnedTwin('ai')}
    ), judged as (
      select v.*,
             case when v.l >= 2 and bench_gen.u(53, v.m) < 0.05 then null
                  else (200 + bench_gen.pick(54, v.m, 781))::float8 / 1000 end as raw,
             array_remove(array[
               case when not coalesce(o.has_dataset, false) then 'trained_on_dataset' end,
               case when not coalesce(o.has_analysis, false) then 'produced_by_analysis' end,
               case when coalesce(o.has_loose_pin, false) or la.id is not null then 'inputs_pinned' end,
               case when not coalesce(o.hypotheses_resolve, true) then 'hypothesis_link' end], null) as missing
        from bench_gen.version v left join own o on o.id = v.id left join loose_analysis la on la.id = v.id
    )
    select v.id, lg.name, v.j, case when v.j > 1 then lg.name || '-v' || (v.j - 1) end, v.is_latest, v.status, v.family,
           case v.family
             when 'biophysical' then jsonb_build_object('type', 'ode_system',
               'compartments', 2 + bench_gen.pick(62, v.l, 8), 'solver', (array['rk45', 'lsoda', 'bdf'])[1 + ${pick(63, 3)}])
             when 'deep_learning' then jsonb_build_object(
               'type', (array['transformer', 'cnn', 'gnn', 'mlp'])[1 + bench_gen.pick(62, v.l, 4)],
               'layers', 2 + ${pick(63, 22)}, 'hidden_size', 64 * power(2, ${pick(64, 5)})::int)
             else jsonb_build_object(
               'type', (array['glmm', 'cox_ph', 'elastic_net', 'bayesian_hierarchical'])[1 + bench_gen.pick(62, v.l, 4)],
               'link', (array['identity', 'logit', 'log'])[1 + ${pick(63, 3)}]) end,
           case v.family
             when 'biophysical' then jsonb_build_object('k_on', ${milli(65, 1, 999)}, 'k_off', ${milli(66, 1, 999)},
                                                        'hill_n', 1 + ${pick(64, 4)})
             when 'deep_learning' then jsonb_build_object('dropout', ${milli(65, 0, 500)},
                                                          'weight_decay', ${milli(66, 0, 100)})
             else jsonb_build_object('alpha', ${milli(65, 1, 999)}, 'l1_ratio', ${milli(66, 0, 1000)}) end,
           case when v.l >= 2 and bench_gen.u(60, v.m) < 0.03 then null
                when v.family = 'biophysical' then 2 + ${pick(61, 58)}
                when v.family = 'statistical' then 3 + ${pick(61, 398)}
                else floor(power(10, 5 + bench_gen.u(61, v.m) * 4))::bigint end,
           jsonb_build_object('optimizer', (array['adam', 'adamw', 'sgd', 'lbfgs'])[1 + ${pick(67, 4)}],
                              'epochs', 10 + ${pick(68, 190)}, 'learning_rate', (1 + ${pick(69, 99)})::float8 / 10000,
                              'seed', v.m % 1000),
           case v.family
             when 'biophysical' then jsonb_build_object('rmse', ${milli(55, 5, 195)}, 'aic', -(100 + ${pick(56, 700)}),
                                                        'r2', ${milli(57, 500, 495)})
             when 'deep_learning' then jsonb_build_object('auc', ${milli(55, 600, 399)}, 'f1', ${milli(56, 400, 550)},
                                                          'loss', ${milli(57, 50, 1450)}, 'accuracy', ${milli(58, 500, 490)})
             else jsonb_build_object('aic', -(50 + ${pick(55, 900)}), 'bic', -(30 + ${pick(56, 900)}),
                                     'log_loss', ${milli(57, 100, 800)}, 'r2', ${milli(58, 200, 790)}) end,
           v.raw,
           case when cardinality(v.missing) = 0 then coalesce(v.raw, 0)
                else least(coalesce(v.raw, 0), ${qualityCap}::float8) end,
           cardinality(v.missing) = 0, v.missing, v.trained_by,
           'dataset-' || lpad(v.eval_dataset::text, 6, '0'), 'benchmark-' || lpad(v.benchmark::text, 4, '0'),
           case when v.l = ${lit(FIXTURES.rescoreLineage)} and v.j = 1 then ${JSON.stringify(runtimes.parent)}::jsonb
                when v.l = ${lit(FIXTURES.rescoreLineage)} then ${JSON.stringify(runtimes.child)}::jsonb
                when bench_gen.u(59, v.m) < 0.2 then null
                when bench_gen.u(59, v.m) < 0.7
                  then jsonb_build_object('kind', 'process', 'command', jsonb_build_array('python3', 'eval.py', '--model', v.id))
                else jsonb_build_object('kind', 'http', 'url', 'http://inference.bench.internal:8080', 'model', lg.name) end,
           -- The fixture's runtime is the operator's own (bench/fast-model.mjs), as if an admin registered it.
           v.l = ${lit(FIXTURES.rescoreLineage)},
           v.created_at + interval '2 milliseconds', v.created_at + interval '2 milliseconds'
      from judged v join bench_gen.lineage lg on lg.l = v.l`);
}

/** The lineages of the generated versions, each maintained by whoever registered its first version. */
export async function insertLineages(tx: Tx): Promise<void> {
  await tx.execute(sql`
    insert into lineages (model_name, created_at, updated_at)
    select model_name, min(created_at), max(created_at) from models group by model_name`);
  await tx.execute(sql`
    insert into lineage_maintainers (model_name, agent_id, added_by, created_at)
    select m.model_name, a.created_by, a.created_by, m.created_at
      from models m join artifacts a on a.id = m.id
     where m.version_number = 1`);
}
