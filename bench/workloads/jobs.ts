/**
 * The write-heavy jobs on the generated world: one rescore pass of 10,000 edges (100 on the small world) with a fast child
 * process, the backfill over every unattributed edge, and a promotion's payout. Each raw baseline
 * does the same writes as one hand-written set-based statement inside a transaction that is
 * rolled back, so the app's run afterwards starts from the same data.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { performBackfill } from '../../src/jobs/backfill/backfill.job.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { payNow, promoteUnpaid } from '../../test/support/commands.ts';
import type { BenchContext } from '../context.ts';
import { count, ms, ratio, type Table } from '../report.ts';
import { timeOnce } from '../stats.ts';

/** A logger that keeps every line, so the pass's `inference_ms` can be read back. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** The bench acts as the admin. */
const ADMIN = { agentId: 'admin', scopes: ['admin'] };

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Promotes a version as the bench's evaluator would; returns the promotion event id. */
async function promote(ctx: BenchContext, id: string): Promise<number> {
  // The promote transaction alone: each workload times its own payout or pass.
  const event = await promoteUnpaid(ctx.deps, { id, caller: ADMIN });
  return Number(event.id);
}

/** One rescore pass, total and without the runner's time, vs the same writes in raw SQL. */
export async function benchRescore(ctx: BenchContext): Promise<Table> {
  const { parentId, childId } = ctx.world.sample.rescore;
  const raw = await timeOnce(() =>
    ctx.rawScript(`begin;
      with batch as (
        select id, confidence * 0.9 as confidence, false as flag,
               json_build_object('old_confidence', confidence, 'new_confidence', confidence * 0.9)::text as metadata
          from kg_edges where source_artifact_id = ${quote(parentId)} and status = 'active' order by id limit ${ctx.world.sample.rescore.edges}
      ), logged as (
        insert into events (event_type, target_artifact_id, actor, detection_metadata)
        select 'model_rescore', id, 'model_rescore', metadata::jsonb from batch
        returning id as event_id, target_artifact_id as edge_id
      ), updated as (
        update kg_edges e set confidence = b.confidence, source_artifact_id = ${quote(childId)},
               review_flag = e.review_flag or b.flag, updated_at = now()
          from batch b where e.id = b.id returning e.id, e.confidence
      )
      insert into edge_history (edge_id, confidence, source_artifact_id, source_version, event_id)
      select u.id, u.confidence, ${quote(childId)}, 2, l.event_id from updated u join logged l on l.edge_id = u.id;
      rollback;`),
  );
  await promote(ctx, childId);
  const { logger, lines } = capturingLogger();
  const pass = await timeOnce(() =>
    performRescore({ ...ctx.deps, logger }, { caller: ADMIN, dryRun: false, sinceHours: 1 }),
  );
  const finished = lines.find((line) => 'inference_ms' in line);
  const inference = Number(finished?.inference_ms ?? Number.NaN);
  const edges = pass.result.edges_processed;
  if (pass.result.outcome !== 'ok' || edges !== ctx.world.sample.rescore.edges) {
    throw new Error(
      `the rescore pass did not re-score every edge of the parent: ${JSON.stringify(pass.result)}`,
    );
  }
  const excluding = pass.ms - inference;
  return {
    title: `Rescore pass of ${count(edges)} edges (${parentId} → ${childId})`,
    columns: ['measure', 'ms', 'vs raw SQL'],
    rows: [
      ['pass, total', ms(pass.ms), ratio(pass.ms, raw.ms)],
      [`inference (fast child process, ${Math.ceil(edges / 500)} batches of up to 500)`, ms(inference), ''],
      ['pass excluding inference', ms(excluding), ratio(excluding, raw.ms)],
      ['raw SQL: read and write the same rows in one statement', ms(raw.ms), '1.00×'],
    ],
    notes: [
      `Histogram: ${JSON.stringify(pass.result.histogram)}. The pass reads pending edges in id order, writes each batch of 500 (events, edges, history, skips) in its own transaction, and logs; the raw baseline is one statement (rolled back).`,
    ],
  };
}

/** The backfill over every unattributed edge: edges per second, vs one raw statement. */
export async function benchBackfill(ctx: BenchContext): Promise<Table> {
  const raw = await timeOnce(() =>
    ctx.rawScript(`begin;
      with resolved as (
        select e.id, coalesce(by_id.id, by_name.id) as model_id,
               coalesce(by_id.version_number, by_name.version_number) as version_number
          from kg_edges e
          left join models by_id on by_id.id = e.metadata->>'model_id'
          left join lateral (
            select m.id, m.version_number from models m
             where by_id.id is null and m.model_name = e.metadata->>'model_name'
               and m.created_at <= coalesce((e.metadata->>'inferred_at')::timestamptz, e.created_at)
             order by m.version_number desc limit 1) by_name on true
         where e.origin = 'model' and e.source_artifact_id is null and not e.provenance_unknown
      ), updated as (
        update kg_edges e set source_artifact_id = r.model_id, source_version = r.version_number, updated_at = now()
          from resolved r where e.id = r.id and r.model_id is not null
        returning e.id, e.confidence, e.source_artifact_id, e.source_version
      )
      insert into edge_history (edge_id, confidence, source_artifact_id, source_version)
      select id, confidence, source_artifact_id, source_version from updated;
      rollback;`),
  );
  const pass = await timeOnce(() =>
    performBackfill(ctx.deps, { caller: ADMIN, concurrency: 4, dryRun: false }),
  );
  const scanned = pass.result.scanned;
  return {
    title: `Backfill of ${count(scanned)} unattributed edges (4 workers)`,
    columns: ['run', 'seconds', 'edges/s', 'vs raw SQL'],
    rows: [
      [
        'modelgraph backfill',
        (pass.ms / 1000).toFixed(2),
        count(scanned / (pass.ms / 1000)),
        ratio(pass.ms, raw.ms),
      ],
      [
        'raw SQL: rules by id and name, one statement',
        (raw.ms / 1000).toFixed(2),
        count(scanned / (raw.ms / 1000)),
        '1.00×',
      ],
    ],
    notes: [
      `Result: ${JSON.stringify(pass.result.attributed)} attributed, ${count(pass.result.unknown)} unknown. The raw statement skips the analysis rule and the inferred_at validation the backfill performs, so it does less work than the app.`,
    ],
  };
}

/** A promotion's payout on the generated contribution graph. */
export async function benchPayout(ctx: BenchContext): Promise<Table> {
  const eventId = await promote(ctx, ctx.world.sample.payout.modelId);
  const pay = await timeOnce(() => payNow(ctx.deps, eventId));
  if (!pay.result) throw new Error('the payout paid nothing');
  const lines = (await ctx.raw('select count(*)::int as n from credit_payout_lines where event_id = $1', [
    eventId,
  ])) as {
    n: number;
  }[];
  return {
    title: 'Payout of one promotion',
    columns: ['measure', 'value'],
    rows: [
      ['payout (graph read, PageRank, split, caps, ledger writes, events)', `${ms(pay.ms)} ms`],
      ['payout lines written', String(lines[0].n)],
    ],
  };
}
