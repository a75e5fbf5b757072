/**
 * The pages at scale (issue 15): the catalog, a model page and a compare of 10 against the JSON
 * API answering the same question in the same run (target ≤ 2× at p50). The page does the JSON's
 * reads and more (the catalog's facets, the model page's DAG and attributed-edge widget, compare's
 * charts), then renders HTML. The artifact, agent and graph-browser pages (issue 24) are measured
 * the same way.
 */
import type { BenchContext } from '../context.ts';
import { httpGetter } from '../http-client.ts';
import { ms, ratio, type Table } from '../report.ts';
import { timeRuns } from '../stats.ts';
import { ids } from '../world/params.ts';

/** Measures each page and its JSON counterpart one after the other. */
export async function benchPages(ctx: BenchContext): Promise<Table> {
  const http = httpGetter(ctx.baseUrl);
  const { modelIds, compareIds, datasetId, rescore } = ctx.world.sample;
  const trainer = ids.agent(6);
  const ten = compareIds.slice(0, 10).join(',');
  const cases: [string, string, string][] = [
    ['catalog /models', '/models', '/api/models?limit=20'],
    ['model page /models/{id}', `/models/${modelIds[0]}`, `/api/models/${modelIds[0]}`],
    ['compare of 10', `/models/compare?ids=${ten}`, `/api/models/compare?ids=${ten}`],
    ['artifact page /artifacts/{id}', `/artifacts/${datasetId}`, `/api/artifacts/${datasetId}`],
    // The agent page presents the wallet and more (its work, promotions and payouts).
    ['agent page /agents/{id}', `/agents/${trainer}`, `/api/agents/${trainer}/wallet`],
    [
      'graph browser /kg/edges',
      `/kg/edges?source_artifact_id=${rescore.parentId}`,
      `/api/kg/edges?source_artifact_id=${rescore.parentId}&limit=50`,
    ],
  ];
  const rows: string[][] = [];
  try {
    for (const [label, page, json] of cases) {
      const pageTime = await timeRuns(() => http.get(page), ctx.runs);
      const jsonTime = await timeRuns(() => http.get(json), ctx.runs);
      rows.push([
        label,
        ms(pageTime.p50),
        ms(jsonTime.p50),
        ratio(pageTime.p50, jsonTime.p50),
        ms(pageTime.p99),
        ms(jsonTime.p99),
        ratio(pageTime.p99, jsonTime.p99),
      ]);
      console.error(`bench:   pages ${rows.at(-1)?.join(' | ')}`);
    }
  } finally {
    http.close();
  }
  return {
    title: `Pages against the JSON API for the same data (${ctx.runs} requests per row)`,
    columns: ['page', 'page p50 ms', 'JSON p50 ms', 'p50 ratio', 'page p99 ms', 'JSON p99 ms', 'p99 ratio'],
    rows,
    notes: [
      'Target: a page within 2× of its JSON at p50; the artifact, agent and graph-browser pages within 1.5×.',
    ],
  };
}
