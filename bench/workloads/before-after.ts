/**
 * Before and after a promotion on the generated world: the impact preview of the rescore
 * fixture's candidate over its parent's 10,000 edges (100 on the small world), then the promotion
 * and the rescore pass of the same edges — the same scoring loop, once collecting and once writing —
 * and then `GET /api/kg/edges` as of a moment just before that pass against the same list now, for
 * the unfiltered list, a source filter, a subject filter and one edge, plus an `as_of` long ago.
 * The as_of list's own SQL is run under EXPLAIN to show which history indexes it uses.
 *
 * It promotes the rescore fixture, so it cannot share a run with the `rescore` workload.
 */
import { Writable } from 'node:stream';
import { PgDialect } from 'drizzle-orm/pg-core';
import pino from 'pino';
import type { Db } from '../../src/db/database.ts';
import { previewImpact } from '../../src/jobs/rescore/impact-preview.job.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { findEdgesAsOf } from '../../src/kg/edge-as-of.repository.ts';
import { promoteUnpaid } from '../../test/support/commands.ts';
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { count, ms, ratio, type Table } from '../report.ts';
import { timeOnce, timeRuns } from '../stats.ts';

const EVALUATOR = { agentId: 'admin', scopes: ['admin'] };

/** A logger that keeps every line, so a job's `inference_ms` can be read back. */
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

const inferenceOf = (lines: Record<string, unknown>[], message: string) =>
  Number(lines.find((line) => line.msg === message)?.inference_ms ?? Number.NaN);

/** Preview, promotion, pass: the timings and the moment just before the pass. */
async function previewThenPass(ctx: BenchContext) {
  const { childId, edges } = ctx.world.sample.rescore;
  const { logger, lines } = capturingLogger();
  const deps = { ...ctx.deps, logger };
  const preview = await timeOnce(() => previewImpact(deps, { id: childId, caller: EVALUATOR }));
  if (preview.result.edges_considered !== edges) {
    throw new Error(`the preview took ${preview.result.edges_considered} edges, not ${edges}`);
  }
  const [{ now: beforePass }] = (await ctx.raw(
    `select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`,
  )) as { now: string }[];
  await promoteUnpaid(deps, { id: childId, caller: EVALUATOR });
  const pass = await timeOnce(() =>
    performRescore(deps, { caller: EVALUATOR, dryRun: false, sinceHours: 1 }),
  );
  if (JSON.stringify(pass.result.histogram) !== JSON.stringify(preview.result.histogram)) {
    throw new Error(
      `the pass disagrees with the preview: ${JSON.stringify(pass.result.histogram)} vs ${JSON.stringify(preview.result.histogram)}`,
    );
  }
  return {
    preview: {
      ms: preview.ms,
      inference: inferenceOf(lines, 'impact preview computed'),
      result: preview.result,
    },
    pass: { ms: pass.ms, inference: inferenceOf(lines, 'rescore pass finished') },
    beforePass,
  };
}

function previewTable(ctx: BenchContext, run: Awaited<ReturnType<typeof previewThenPass>>): Table {
  const { parentId, childId, edges } = ctx.world.sample.rescore;
  const row = (label: string, total: number, inference: number) => [
    label,
    ms(total),
    ms(inference),
    ms(total - inference),
    ratio(total, run.pass.ms),
  ];
  return {
    title: `Impact preview vs rescore pass of the same ${count(edges)} edges (${parentId} → ${childId})`,
    columns: ['run', 'total ms', 'inference ms', 'excluding inference ms', 'vs the pass'],
    rows: [
      row(
        'impact preview (reads, inference, buckets, payout lines; one tool-call row)',
        run.preview.ms,
        run.preview.inference,
      ),
      row(
        `rescore pass (reads, inference, buckets, ${Math.ceil(edges / 500)} write transaction${edges > 500 ? 's' : ''}, log)`,
        run.pass.ms,
        run.pass.inference,
      ),
    ],
    notes: [
      `Histogram of both: ${JSON.stringify(run.preview.result.histogram)}; the preview would flag ${count(run.preview.result.would_flag.count)} edges and pays ${run.preview.result.payout_preview.payouts.length} payout lines. The pass then matched it bucket for bucket.`,
    ],
  };
}

/** The SQL `query` sends, run under EXPLAIN ANALYZE: the names of the indexes its plans use, sorted. */
export async function indexesUsedBy(
  ctx: BenchContext,
  query: (db: Db) => Promise<unknown>,
): Promise<string[]> {
  const captured: Parameters<Db['execute']>[0][] = [];
  const recorder = {
    execute: async (statement: Parameters<Db['execute']>[0]) => {
      captured.push(statement);
      return { rows: [{ total: 0 }] };
    },
  } as unknown as Db;
  await query(recorder);
  const dialect = new PgDialect();
  const used = new Set<string>();
  for (const statement of captured) {
    const { sql, params } = dialect.sqlToQuery(statement as Parameters<PgDialect['sqlToQuery']>[0]);
    const plan = (await ctx.raw(`explain (analyze, format json) ${sql}`, params)) as Record<
      string,
      unknown
    >[];
    for (const match of JSON.stringify(plan).matchAll(/"Index Name":"([^"]+)"/g)) used.add(match[1]);
  }
  return [...used].sort();
}

/** One row: the same request now and as of a moment, p50 and p99 of each and their ratio. */
export async function compare(
  ctx: BenchContext,
  http: ReturnType<typeof keepAliveClient>,
  label: string,
  now: string,
  then: string,
  runs = ctx.runs,
) {
  const current = await timeRuns(() => http.send(now), runs);
  const asOf = await timeRuns(() => http.send(then), runs);
  console.error(`bench:   as_of ${label}: now p50 ${ms(current.p50)} ms, as_of p50 ${ms(asOf.p50)} ms`);
  return [
    label,
    ms(current.p50),
    ms(current.p99),
    ms(asOf.p50),
    ms(asOf.p99),
    ratio(asOf.p50, current.p50),
    ratio(asOf.p99, current.p99),
  ];
}

/** The preview against the pass, then the as_of lists against the current ones. */
export async function benchBeforeAfter(ctx: BenchContext): Promise<Table[]> {
  const run = await previewThenPass(ctx);
  const { parentId, childId } = ctx.world.sample.rescore;
  const asOf = encodeURIComponent(run.beforePass);
  const longAgo = '2026-05-01T00:00:00Z';
  const [changedSince] = (await ctx.raw(
    'select count(distinct edge_id)::int as n from edge_history where at > $1::timestamptz',
    [longAgo],
  )) as { n: number }[];
  const http = keepAliveClient(ctx.baseUrl);
  const list = '/api/kg/edges?limit=20';
  const rows: (string | number)[][] = [];
  try {
    rows.push(await compare(ctx, http, 'no filter', list, `${list}&as_of=${asOf}`));
    rows.push(
      await compare(
        ctx,
        http,
        `source_artifact_id: ${childId} now vs ${parentId} then (the same edges)`,
        `${list}&source_artifact_id=${childId}`,
        `${list}&source_artifact_id=${parentId}&as_of=${asOf}`,
      ),
    );
    rows.push(
      await compare(
        ctx,
        http,
        'subject=HGNC:1 (the most frequent)',
        `${list}&subject=HGNC:1`,
        `${list}&subject=HGNC:1&as_of=${asOf}`,
      ),
    );
    const edge = `/api/kg/edges/${encodeURIComponent(((await ctx.raw('select id from kg_edges where source_artifact_id = $1 order by id limit 1', [childId])) as { id: string }[])[0].id)}`;
    rows.push(await compare(ctx, http, 'one edge with its history', edge, `${edge}?as_of=${asOf}`));
    rows.push(
      await compare(
        ctx,
        http,
        `no filter, as_of ${longAgo} (${count(changedSince.n)} edges changed since)`,
        list,
        `${list}&as_of=${encodeURIComponent(longAgo)}`,
        // Each request looks up every edge changed since in the history: a tenth of the runs.
        Math.max(10, Math.round(ctx.runs / 10)),
      ),
    );
  } finally {
    http.close();
  }
  const indexes = await indexesUsedBy(ctx, (db) => findEdgesAsOf(db, {}, run.beforePass, { offset: 0 }, 20));
  return [
    previewTable(ctx, run),
    {
      title: `GET /api/kg/edges now vs as of just before the pass (limit 20, ${ctx.runs} requests per row; the last row ${Math.max(10, Math.round(ctx.runs / 10))})`,
      columns: ['list', 'now p50 ms', 'now p99 ms', 'as_of p50 ms', 'as_of p99 ms', 'p50 ratio', 'p99 ratio'],
      rows,
      notes: [
        `as_of = ${run.beforePass}, just before the pass re-scored ${count(ctx.world.sample.rescore.edges)} edges. Indexes in the plan of the unfiltered as_of page and count (EXPLAIN ANALYZE): ${indexes.join(', ')}.`,
      ],
    },
  ];
}
