/**
 * The plan of a world, as unlogged scratch tables in `bench_gen`: every dataset, analysis,
 * lineage and model version with the draws that decide it (counts, targets, times, statuses,
 * which provenance rule it breaks). The load steps read the plan, so each decision is drawn once
 * and every table that depends on it agrees.
 *
 * Streams (the first argument of `u`/`pick`/`zipf`) are unique per decision across the generator:
 * agents 1–9, datasets 10–19, lineages 20–39, versions 40–69, analyses 70–79, links 80–89,
 * hypotheses and benchmarks 90–99, edges 100–139, legacy trails 140–169, edge sources 180.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../src/db/database.ts';
import { analysisCounts, FIXTURES, type WorldDimensions } from './params.ts';
import { lit } from './scratch.ts';

/** Datasets: versions (1–4), curator, creation time; 1–4 are curated by agents 1–4 (the payout case). */
async function planDatasets(tx: Tx, dims: WorldDimensions): Promise<void> {
  await tx.execute(sql`
    create unlogged table bench_gen.dataset as
    select d, 'dataset-' || lpad(d::text, 6, '0') as id,
           1 + bench_gen.pick(10, d, 4) as nv,
           bench_gen.agent(case when d between 1 and 4 then d else bench_gen.zipf(11, d, ${lit(dims.agents)}) end)
             as creator,
           bench_gen.at(20 + bench_gen.u(12, d) * 130) as created_at,
           3 + bench_gen.u(13, d) * 4 as version_gap_days
      from generate_series(0, ${lit(dims.datasets - 1)}) d`);
  await tx.execute(sql`alter table bench_gen.dataset add primary key (d)`);
}

/**
 * Lineages: versions per lineage (drawn uniformly 1–5 for the even lineage of each pair, 6 minus
 * that for the odd one, so the total is exactly 3 per lineage), family, start and spacing of
 * versions, usual trainer, analysis, hypothesis, training datasets, eval set, benchmark and which
 * version is promoted (40 % of lineages, the latest or the one before).
 */
async function planLineages(tx: Tx, dims: WorldDimensions): Promise<void> {
  const { payoutLineage: payout, rescoreLineage: rescore, firstDrawnLineage: drawn } = FIXTURES;
  const { exclusive, shared } = analysisCounts(dims);
  await tx.execute(sql`
    create unlogged table bench_gen.lineage as
    with shaped as (
      select l,
             case when l = ${lit(rescore)} then 2 when l = ${lit(payout)} then 4
                  when l < ${lit(drawn)} then case when l % 2 = 0 then 5 else 1 end
                  when l % 2 = 0 then 1 + bench_gen.pick(20, l, 5)
                  else 5 - bench_gen.pick(20, l - 1, 5) end as k
        from generate_series(0, ${lit(dims.lineages - 1)}) l
    )
    select l, 'model-' || lpad(l::text, 6, '0') as name, k,
           (sum(k) over (order by l) - k)::int as first_m,
           (array['biophysical', 'deep_learning', 'statistical'])[1 + bench_gen.pick(21, l, 3)] as family,
           bench_gen.at(180 + bench_gen.u(22, l) * 450) as start,
           10 + bench_gen.u(23, l) * 30 as gap_days,
           case when l = ${lit(payout)} then ${lit(FIXTURES.payout.trainer)}
                else bench_gen.zipf(24, l, ${lit(dims.agents)}) end as trainer,
           case when l < ${lit(exclusive)} then l else ${lit(exclusive)} + l % ${lit(shared)} end as analysis,
           case when l = ${lit(payout)} or bench_gen.u(25, l) < 0.35
                then bench_gen.zipf(26, l, ${lit(dims.hypotheses)}) end as hypothesis,
           case when l = ${lit(payout)} then 3 when bench_gen.u(27, l) < 0.6 then 1
                when bench_gen.u(27, l) < 0.9 then 2 else 3 end as n_datasets,
           case when l = ${lit(payout)} then ${lit(FIXTURES.payout.datasets[0])}
                else bench_gen.zipf(28, l, ${lit(dims.datasets)}) end as first_dataset,
           case when l = ${lit(payout)} then ${lit(FIXTURES.payout.evalDataset)}
                when bench_gen.u(29, l) < 0.8 then bench_gen.zipf(30, l, ${lit(dims.datasets)}) end as eval_dataset,
           case when l = ${lit(payout)} then ${lit(FIXTURES.payout.benchmark)}
                when bench_gen.u(31, l) < 0.6 then bench_gen.zipf(32, l, ${lit(dims.benchmarks)}) end as benchmark,
           case when l = ${lit(rescore)} then 1 when l = ${lit(payout)} then 2
                when l < ${lit(drawn)} and l % 2 = 0 then 3
                when bench_gen.u(33, l) < 0.4 then
                  case when k = 1 or bench_gen.u(34, l) < 0.6 then k else k - 1 end end as promoted
      from shaped`);
  await tx.execute(sql`alter table bench_gen.lineage add primary key (l)`);
}

/**
 * Analyses: lineage l's own analysis (l < lineages/2) is run by that lineage's trainer just before
 * its first version; the shared pipelines by a drawn agent, before any model exists.
 */
async function planAnalyses(tx: Tx, dims: WorldDimensions): Promise<void> {
  const { exclusive, shared } = analysisCounts(dims);
  await tx.execute(sql`
    create unlogged table bench_gen.analysis as
    select a, 'analysis-' || lpad(a::text, 6, '0') as id,
           bench_gen.agent(coalesce(lg.trainer, bench_gen.zipf(70, a, ${lit(dims.agents)}))) as creator,
           bench_gen.at(172 + bench_gen.u(71, a) * 7) as created_at,
           1 + (bench_gen.u(72, a) < 0.5)::int as n_inputs
      from generate_series(0, ${lit(exclusive + shared - 1)}) a
      left join bench_gen.lineage lg on lg.l = a and a < ${lit(exclusive)}`);
  await tx.execute(sql`alter table bench_gen.analysis add primary key (a)`);
}

/**
 * Model versions: id, time, trainer, status (about a third not `candidate`), promotion time and
 * actor, and the provenance faults drawn for it (fixture lineages 0 and 1 have none): 2 % without
 * a training set, 4 % without `produced_by`, 6 % of hypothesis links aimed at a benchmark instead;
 * 15 % have an `input` dataset (unpinned pins are drawn per link, in `insertLinks`).
 */
async function planVersions(tx: Tx, dims: WorldDimensions): Promise<void> {
  const { payoutLineage: payout, rescoreLineage: rescore, firstDrawnLineage: drawn } = FIXTURES;
  const [nearTrainer, farTrainer] = FIXTURES.payout.parentTrainers;
  await tx.execute(sql`
    create unlogged table bench_gen.version as
    with numbered as (
      select lg.*, j, lg.first_m + j - 1 as m
        from bench_gen.lineage lg cross join lateral generate_series(1, lg.k) j
    ), decided as (
      select n.*,
             n.start + ((j - 1) * n.gap_days * 86400 + bench_gen.u(40, m) * 3600) * interval '1 second'
               as created_at,
             case when l = ${lit(payout)} then case j when 4 then ${lit(FIXTURES.payout.trainer)}
                                                     when 3 then ${lit(nearTrainer)} else ${lit(farTrainer)} end
                  when bench_gen.u(41, m) < 0.2 then bench_gen.zipf(42, m, ${lit(dims.agents)})
                  else trainer end as trainer_n,
             case when l = ${lit(rescore)} then (array['promoted', 'candidate'])[j]
                  when l = ${lit(payout)} then (array['superseded', 'promoted', 'archived', 'candidate'])[j]
                  when l < ${lit(drawn)} and l % 2 = 0
                    then (array['superseded', 'archived', 'promoted', 'candidate', 'candidate'])[j]
                  when j = promoted then 'promoted'
                  when j < promoted and bench_gen.u(43, m) < 0.4 then 'superseded'
                  when j < k and bench_gen.u(44, m) < 0.2 then 'archived'
                  else 'candidate' end as status
        from numbered n
    )
    select m, l, j, k, name || '-v' || j as id, family, created_at, bench_gen.agent(trainer_n) as trained_by,
           status, j = k as is_latest, analysis, hypothesis, n_datasets, first_dataset, eval_dataset, benchmark,
           case when status in ('promoted', 'superseded')
                then date_trunc('milliseconds', created_at + (1 + bench_gen.u(45, m) * 6) * 86400 * interval '1 second')
                end as promoted_at,
           case when status not in ('promoted', 'superseded') then null
                when bench_gen.u(46, m) < 0.15 then bench_gen.agent(trainer_n)
                else bench_gen.agent(bench_gen.zipf(47, m, ${lit(dims.agents)})) end as promoted_by,
           l < 2 or bench_gen.u(48, m) >= 0.02 as has_trained_on,
           l < 2 or bench_gen.u(49, m) >= 0.04 as has_produced_by,
           l >= 2 and hypothesis is not null and bench_gen.u(50, m) < 0.06 as hypothesis_misfiled,
           case when l >= 2 and bench_gen.u(51, m) < 0.15 then bench_gen.zipf(52, m, ${lit(dims.datasets)}) end
             as input_dataset
      from decided`);
  await tx.execute(sql`alter table bench_gen.version add primary key (m)`);
  await tx.execute(sql`create index on bench_gen.version (id)`);
}

/** The versions edges and trails draw from (all but the fixture lineages 0 and 1), in a drawn order. */
async function planEdgeSources(tx: Tx): Promise<void> {
  await tx.execute(sql`
    create unlogged table bench_gen.source as
    select (row_number() over (order by bench_gen.u(180, m), m) - 1)::int as rank,
           id, j as version_number, created_at
      from bench_gen.version where l >= 2`);
  await tx.execute(sql`alter table bench_gen.source add primary key (rank)`);
}

/** Hypotheses and benchmarks; benchmark 0 is authored by agent 5 (the payout case). */
async function planHypothesesAndBenchmarks(tx: Tx, dims: WorldDimensions): Promise<void> {
  await tx.execute(sql`
    create unlogged table bench_gen.hypothesis as
    select h, 'hypothesis-' || lpad(h::text, 5, '0') as id,
           bench_gen.agent(bench_gen.zipf(90, h, ${lit(dims.agents)})) as creator,
           bench_gen.at(20 + bench_gen.u(91, h) * 150) as created_at
      from generate_series(0, ${lit(dims.hypotheses - 1)}) h`);
  await tx.execute(sql`
    create unlogged table bench_gen.benchmark as
    select b, 'benchmark-' || lpad(b::text, 4, '0') as id,
           bench_gen.agent(case when b = ${lit(FIXTURES.payout.benchmark)} then 5
                                else bench_gen.zipf(92, b, ${lit(dims.agents)}) end) as creator,
           bench_gen.at(20 + bench_gen.u(93, b) * 150) as created_at
      from generate_series(0, ${lit(dims.benchmarks - 1)}) b`);
}

/** Writes the whole plan; returns the number of model versions planned. */
export async function writePlan(tx: Tx, dims: WorldDimensions): Promise<number> {
  await planDatasets(tx, dims);
  await planHypothesesAndBenchmarks(tx, dims);
  await planLineages(tx, dims);
  await planAnalyses(tx, dims);
  await planVersions(tx, dims);
  await planEdgeSources(tx);
  for (const table of ['dataset', 'hypothesis', 'benchmark', 'lineage', 'analysis', 'version', 'source']) {
    await tx.execute(sql.raw(`analyze bench_gen.${table}`));
  }
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from bench_gen.version`);
  return row.n;
}
