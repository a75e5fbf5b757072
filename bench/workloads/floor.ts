/**
 * The database-backed floor (issue 15): a bare Fastify route that runs the same raw SQL as the
 * list and detail rows of `list.ts` and `detail-compare.ts` — the page with its links and the
 * total; the detail's five reads — through its own pool of the app's size, and answers with the
 * bytes the API answered. What the API costs beyond it is validation, its own queries' shape,
 * presenting and serialising: the registry's share of a request, measured in the same run.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { type BenchContext, rawDriverOf } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { count, ms, ratio, type Table } from '../report.ts';
import { timeRuns } from '../stats.ts';
import { rawDetail } from './detail-compare.ts';
import { listCases, rawPage } from './list.ts';
import { throughput } from './throughput.ts';

const LIMIT = 20;

/** The floor server: each route runs its raw work, then sends the body the API sent for the same URL. */
async function startFloor(ctx: BenchContext, paths: { list: string; detail: string; detailId: string }) {
  const pool =
    ctx.store.kind === 'postgres' ? new pg.Pool({ connectionString: ctx.databaseUrl, max: 10 }) : undefined;
  const floorCtx = { ...ctx, ...rawDriverOf(ctx.store, pool) };
  const bodyOf = async (path: string) => (await fetch(`${ctx.baseUrl}${path}`)).text();
  const [listBody, detailBody] = [await bodyOf(paths.list), await bodyOf(paths.detail)];
  const plainList = listCases(ctx)[0];
  const floor = Fastify();
  floor.get('/api/models', async (_request, reply) => {
    await rawPage(floorCtx, plainList, { offset: 0 }, LIMIT);
    return reply.type('application/json; charset=utf-8').send(listBody);
  });
  floor.get('/api/models/:id', async (_request, reply) => {
    await rawDetail(floorCtx.raw, paths.detailId);
    return reply.type('application/json; charset=utf-8').send(detailBody);
  });
  const baseUrl = await floor.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl,
    async close() {
      await floor.close();
      await pool?.end();
    },
  };
}

/** Throughput and latency of the list and the detail, API against the floor, in the same run. */
export async function benchFloor(ctx: BenchContext, seconds: number): Promise<Table> {
  const detailId = ctx.world.sample.modelIds[0];
  const paths = { list: `/api/models?limit=${LIMIT}`, detail: `/api/models/${detailId}`, detailId };
  const floor = await startFloor(ctx, paths);
  const rows: (string | number)[][] = [];
  try {
    for (const [label, path] of [
      [`GET ${paths.list}`, paths.list],
      ['GET /api/models/{id}', paths.detail],
    ]) {
      const api = { rate: await throughput(ctx.baseUrl, path, seconds) };
      const raw = { rate: await throughput(floor.baseUrl, path, seconds) };
      const apiHttp = keepAliveClient(ctx.baseUrl);
      const floorHttp = keepAliveClient(floor.baseUrl);
      try {
        const apiTime = await timeRuns(() => apiHttp.send(path), ctx.runs);
        const floorTime = await timeRuns(() => floorHttp.send(path), ctx.runs);
        rows.push([
          label,
          count(api.rate),
          count(raw.rate),
          ratio(api.rate, raw.rate),
          ms(apiTime.p50),
          ms(floorTime.p50),
          ratio(apiTime.p50, floorTime.p50),
          ms(apiTime.p99),
          ms(floorTime.p99),
          ratio(apiTime.p99, floorTime.p99),
        ]);
        console.error(`bench:   floor ${label}: ${rows.at(-1)?.join(' | ')}`);
      } finally {
        apiHttp.close();
        floorHttp.close();
      }
    }
  } finally {
    await floor.close();
  }
  return {
    title: `The database-backed floor: API against a bare route running the same SQL (8 connections × ${seconds} s for req/s; ${ctx.runs} sequential requests for latency)`,
    columns: [
      'request',
      'API req/s',
      'floor req/s',
      'throughput ratio',
      'API p50 ms',
      'floor p50 ms',
      'p50 ratio',
      'API p99 ms',
      'floor p99 ms',
      'p99 ratio',
    ],
    rows,
    notes: [
      'Floor: a bare Fastify route (no validation, hooks or logging) that runs the raw SQL of the list (page with links aggregated, then the total) or of the detail (five reads) on a pool of 10 connections, then sends the bytes the API answered for the same URL. The throughput ratio is API ÷ floor (higher is better; the target is ≥ 0.7×); the latency ratios are API ÷ floor (lower is better).',
    ],
  };
}
