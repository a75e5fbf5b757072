/**
 * The search language on `GET /api/models`: each filter of `search-filters.ts` through the API
 * against the hand-written SQL for the same question (the page with its links, and the total),
 * with the targets p95 ≤ 1.5× raw and ≤ 150 ms. The world gets the MLflow workload's tags and
 * aliases first (a `validated` tag and a `champion` alias on each head), so tag and alias filters
 * find rows.
 */
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { decorateModelgraphWorld } from '../mlflow/world.ts';
import { ms, ratio, type Table } from '../report.ts';
import { timeAlternately } from '../stats.ts';
import { ids } from '../world/params.ts';
import { rawPage } from './list.ts';
import { searchFilterCases } from './search-filters.ts';

/** Measures every filter, API vs raw, first page of 20 in the default order. */
export async function benchSearch(ctx: BenchContext): Promise<Table> {
  await decorateModelgraphWorld(ctx.raw);
  const http = keepAliveClient(ctx.baseUrl);
  const limit = 20;
  const rows: string[][] = [];
  const cases = searchFilterCases({
    datasetId: ctx.world.sample.datasetId,
    otherDatasetId: ids.dataset(1),
    hypothesisId: ctx.world.sample.hypothesisId,
    agentId: ids.agent(1),
  });
  // The list's own cost without a filter: what every row below pays before its filter does.
  const baseline = { label: 'no filter (the list alone, for scale)', filter: '', where: 'true', params: [] };
  try {
    for (const c of [baseline, ...cases]) {
      const path = `/api/models?limit=${limit}${c.filter ? `&filter=${encodeURIComponent(c.filter)}` : ''}`;
      const probe = await fetch(`${ctx.baseUrl}${path}`);
      if (probe.status !== 200) throw new Error(`${c.label}: ${probe.status} ${await probe.text()}`);
      const apiTotal = ((await probe.json()) as { total: number }).total;
      const listCase = {
        label: c.label,
        query: '',
        where: `m.is_latest and ${c.where}`,
        params: c.params,
        count: 'select count(*)::int from models m where $WHERE',
        sort: 'created_at' as const,
      };
      const [api, raw] = await timeAlternately(
        () => http.send(path),
        () => rawPage(ctx, listCase, { offset: 0 }, limit),
        ctx.runs,
      );
      const [{ total }] = (await ctx.raw(
        `select count(*)::int as total from models m where ${listCase.where}`,
        c.params,
      )) as { total: number }[];
      const meets = api.p95 <= 1.5 * raw.p95 && api.p95 <= 150 ? 'yes' : 'no';
      console.error(`bench:   search ${c.label}: API p95 ${ms(api.p95)} ms, raw p95 ${ms(raw.p95)} ms`);
      rows.push([
        c.label,
        apiTotal === total ? String(total) : `${apiTotal} ≠ raw ${total}`,
        ms(api.p50),
        ms(api.p95),
        ms(raw.p50),
        ms(raw.p95),
        ratio(api.p95, raw.p95),
        meets,
      ]);
    }
  } finally {
    http.close();
  }
  return {
    title: `GET /api/models?filter= (limit ${limit}, ${ctx.runs} requests per row)`,
    columns: [
      'filter',
      'total',
      'API p50 ms',
      'API p95 ms',
      'raw p50 ms',
      'raw p95 ms',
      'p95 ratio',
      'p95 ≤ 1.5× raw and ≤ 150 ms',
    ],
    rows,
    notes: [
      'API: real HTTP over a kept-alive loopback socket — parse, compile, the page and count statements, JSON. Raw: the same page (rows with links aggregated) and total as two hand-written statements through the driver. The two alternate request by request. "total" shows the API\'s count, or both when they differ.',
    ],
  };
}
