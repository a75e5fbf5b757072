/**
 * Retraction at size: the workload adds its own scenario to whatever world it runs in — a dataset
 * version 1,000 model versions are trained on (each complete, raw score 0.8, with 100 attributed
 * edges: 100,000 edges) — then times, three times over, the retraction command (one transaction:
 * the recursive walk, the set-based re-score, the edge flags, the event), its dry run and its
 * reinstatement, against the same work as hand-written SQL: the recursive query and the two
 * updates, in a transaction that is rolled back. The scenario stays in the world afterwards (its
 * edges flagged), so run it last.
 */
import { actingAs } from '../../src/caller.ts';
import { reinstateArtifact, retractArtifact } from '../../src/retraction/retraction.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import type { BenchContext } from '../context.ts';
import { count, ms, ratio, type Table } from '../report.ts';
import { summarise, timeOnce } from '../stats.ts';

const MODELS = 1_000;
const EDGES_PER_MODEL = 100;
const DATASET = 'bench-retraction-dataset';
const ANALYSIS = 'bench-retraction-analysis';
const PREFIX = 'bench-retraction-model';
const REPEATS = 3;
const ADMIN = actingAs('bench');

/** Writes the scenario in set-based statements (it is the subject, not what is measured). */
async function buildScenario(ctx: BenchContext): Promise<void> {
  const agent = `(select min(id) from agents)`;
  const names = `(select '${PREFIX}-' || lpad(n::text, 4, '0') as name from generate_series(1, ${MODELS}) n) names`;
  await ctx.rawScript(`begin;
    insert into artifacts (id, type, title, created_by) values
      ('${DATASET}', 'dataset', 'Retraction benchmark dataset', ${agent}),
      ('${ANALYSIS}', 'analysis', 'Retraction benchmark analysis', ${agent});
    insert into artifact_versions (artifact_id, version_number, created_by) values
      ('${DATASET}', 1, ${agent}), ('${DATASET}', 2, ${agent}), ('${ANALYSIS}', 1, ${agent});
    insert into lineages (model_name) select name from ${names};
    insert into artifacts (id, type, title, created_by) select name || '-v1', 'model', name, ${agent} from ${names};
    insert into artifact_versions (artifact_id, version_number, created_by) select name || '-v1', 1, ${agent} from ${names};
    insert into models (id, model_name, version_number, is_latest, model_family, trained_by, raw_quality_score,
                        quality_score, provenance_complete)
      select name || '-v1', name, 1, true, 'statistical', ${agent}, 0.8, 0.8, true from ${names};
    insert into links (source_id, target_id, link_type, target_version, created_by)
      select name || '-v1', '${DATASET}', 'trained_on', 2, ${agent} from ${names}
      union all select name || '-v1', '${ANALYSIS}', 'produced_by', null, ${agent} from ${names};
    insert into kg_edges (id, subject, predicate, object, confidence, origin, source_artifact_id, source_version,
                          knowledge_level, agent_type)
      select name || '-e' || k, 'HGNC:' || k, 'biolink:regulates', 'MONDO:' || name, (k % 100) / 100.0, 'model',
             name || '-v1', 1, 'prediction', 'computational_model'
        from ${names}, generate_series(1, ${EDGES_PER_MODEL}) k;
    insert into edge_history (edge_id, confidence, source_artifact_id, source_version, at)
      select id, confidence, source_artifact_id, source_version, created_at from kg_edges
       where source_artifact_id like '${PREFIX}-%';
    commit;`);
  if (ctx.store.kind === 'postgres') await ctx.rawScript('analyze artifacts, links, models, kg_edges');
}

/** The same work written by hand: the walk, the capped scores, the flagged edges; rolled back. */
const RAW = `begin;
  with recursive built_on(id) as (
    select l.source_id from links l join artifacts a on a.id = l.source_id and a.type = 'model'
     where l.target_id = '${DATASET}' and l.link_type in ('trained_on', 'input', 'produced_by') and l.target_version = 2
    union
    select l.source_id from built_on b
      join links l on l.target_id = b.id and l.link_type in ('input', 'derived_from')
      join artifacts a on a.id = l.source_id and a.type = 'model'
  ), capped as (
    update models m
       set quality_score = least(coalesce(m.raw_quality_score, 0), 0.3),
           provenance_retracted = '[{"artifact_id": "${DATASET}", "version": 2}]'::jsonb
      from built_on b where m.id = b.id
    returning m.id
  )
  update kg_edges e set review_flag = true, review_reason = 'retracted_input', updated_at = now()
    from capped c where e.source_artifact_id = c.id and e.status = 'active';
  rollback;`;

/** The retraction of the scenario's dataset version, its dry run and reinstatement, vs raw SQL. */
export async function benchRetraction(ctx: BenchContext): Promise<Table> {
  await buildScenario(ctx);
  const { deps } = ctx;
  const target = { artifactId: DATASET, version: 2, reason: 'benchmark', caller: ADMIN };
  const samples = {
    raw: [] as number[],
    dry: [] as number[],
    retract: [] as number[],
    reinstate: [] as number[],
  };
  let counts = { affected: 0, flagged: 0, restored: 0 };
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    samples.raw.push((await timeOnce(() => ctx.rawScript(RAW))).ms);
    const dry = await timeOnce(() =>
      runInUnit(deps, (unit) => retractArtifact(deps, { ...target, unit, dryRun: true })),
    );
    const done = await timeOnce(() =>
      runInUnit(deps, (unit) => retractArtifact(deps, { ...target, unit, dryRun: false })),
    );
    const back = await timeOnce(() =>
      runInUnit(deps, (unit) =>
        reinstateArtifact(deps, { ...target, unit, reason: 'benchmark over', dryRun: false }),
      ),
    );
    samples.dry.push(dry.ms);
    samples.retract.push(done.ms);
    samples.reinstate.push(back.ms);
    counts = {
      affected: done.result.affectedModels.length,
      flagged: done.result.flaggedEdges,
      restored: back.result.restoredModels.length,
    };
    if (
      counts.affected !== MODELS ||
      counts.flagged !== MODELS * EDGES_PER_MODEL ||
      counts.restored !== MODELS
    ) {
      throw new Error(`the retraction did not reach the whole scenario: ${JSON.stringify(counts)}`);
    }
  }
  const [raw, dry, retract, reinstate] = [samples.raw, samples.dry, samples.retract, samples.reinstate].map(
    (list) => summarise(list).p50,
  );
  return {
    title: `Retraction of a dataset version ${count(MODELS)} model versions are trained on (${count(MODELS * EDGES_PER_MODEL)} attributed edges)`,
    columns: ['measure', `ms (median of ${REPEATS})`, 'vs raw SQL'],
    rows: [
      ['retract: the command in one transaction', ms(retract), ratio(retract, raw)],
      ['dry run: the same answer, nothing written', ms(dry), ratio(dry, raw)],
      ['reinstate: the scores back, the edges keep their flags', ms(reinstate), ratio(reinstate, raw)],
      ['raw SQL: the recursive query and the two updates (rolled back)', ms(raw), '1.00×'],
    ],
    notes: [
      `Each retraction reached ${count(counts.affected)} model versions and flagged ${count(counts.flagged)} edges; each reinstatement gave ${count(counts.restored)} versions their scores back. Samples (ms): retract ${samples.retract.map(ms).join(', ')}; raw ${samples.raw.map(ms).join(', ')}.`,
    ],
  };
}
