/**
 * The pages at scale (issue 15): the catalog, a model page and a compare of 10 against the JSON
 * API answering the same question in the same run (target ≤ 2× at p50). The page does the JSON's
 * reads and more (the catalog's facets, the model page's DAG and attributed-edge widget, compare's
 * charts), then renders HTML. The artifact, agent and graph-browser pages (issue 24) are measured
 * the same way, and so are the write pages a signed-in evaluator reads: the open promotion requests
 * and one request against the API's list and detail, and the retract and reinstate dry-run pages
 * against the API's dry run (`dry_run: true`). Their subjects are made first through the commands
 * (`pages-setup.ts`: open requests and one retracted dataset version, undone afterwards).
 */
import type { BenchContext } from '../context.ts';
import { keepAliveClient, type RequestOptions } from '../http-client.ts';
import { ms, ratio, type Table } from '../report.ts';
import { timeRuns } from '../stats.ts';
import { ids } from '../world/params.ts';
import { setUpWritePages, tearDownWritePages, type WritePagesWorld } from './pages-setup.ts';

type Request = [path: string, options: RequestOptions];

/**
 * One row: a page and the JSON it presents, each a path and what the request carries. A page that
 * shows what no single JSON route returns is measured against the JSON requests a client makes to
 * show the same, one after the other.
 */
type Case = [label: string, page: Request, json: Request[]];

/** The write pages a signed-in evaluator reads, against the API answering the same question. */
function writePageCases(world: WritePagesWorld): Case[] {
  const page = { headers: { cookie: world.cookie } };
  const api = { headers: { authorization: world.bearer } };
  const dryRun = (path: string, version: number): Request => [
    path,
    { ...api, json: { version, reason: 'pages bench', dry_run: true } },
  ];
  const { retract, reinstate, requestId } = world;
  return [
    [
      'open requests /promotion-requests',
      ['/promotion-requests', page],
      [['/api/promotion-requests?status=open&limit=50', {}]],
    ],
    [
      'request page /promotion-requests/{id}',
      [`/promotion-requests/${requestId}`, page],
      [[`/api/promotion-requests/${requestId}`, {}]],
    ],
    [
      'retract dry run /artifacts/{id}/retract',
      [`/artifacts/${retract.artifactId}/retract?version=${retract.version}`, page],
      [dryRun(`/api/artifacts/${retract.artifactId}/retract`, retract.version)],
    ],
    [
      'reinstate dry run /artifacts/{id}/reinstate',
      [`/artifacts/${reinstate.artifactId}/reinstate?version=${reinstate.version}`, page],
      [dryRun(`/api/artifacts/${reinstate.artifactId}/reinstate`, reinstate.version)],
    ],
  ];
}

/** Measures each page and its JSON counterpart one after the other. */
export async function benchPages(ctx: BenchContext): Promise<Table> {
  const http = keepAliveClient(ctx.baseUrl);
  const { modelIds, compareIds, datasetId, rescore } = ctx.world.sample;
  const trainer = ids.agent(6);
  const ten = compareIds.slice(0, 10).join(',');
  const read: [string, string, string][] = [
    ['catalog /models', '/models', '/api/models?limit=20'],
    ['model page /models/{id}', `/models/${modelIds[0]}`, `/api/models/${modelIds[0]}`],
    ['compare of 10', `/models/compare?ids=${ten}`, `/api/models/compare?ids=${ten}`],
    ['artifact page /artifacts/{id}', `/artifacts/${datasetId}`, `/api/artifacts/${datasetId}`],
    [
      'graph browser /kg/edges',
      `/kg/edges?source_artifact_id=${rescore.parentId}`,
      `/api/kg/edges?source_artifact_id=${rescore.parentId}&limit=50`,
    ],
  ];
  const world = await setUpWritePages(ctx);
  const signedIn = { headers: { cookie: world.cookie } };
  const cases: Case[] = [
    ...read.map(([label, page, json]): Case => [label, [page, {}], [[json, {}]]]),
    // Against the wallet alone (a part of what it shows), and against the JSON requests that show
    // the same: the agent with its balance, its versions (the newest 50, as on the page), the
    // lineages it maintains and its wallet's transfers. No route lists an agent's promotions, so
    // that part is the page's alone.
    [
      'agent page /agents/{id} vs its wallet',
      [`/agents/${trainer}`, {}],
      [[`/api/agents/${trainer}/wallet`, {}]],
    ],
    [
      'agent page /agents/{id} vs the JSON it presents',
      [`/agents/${trainer}`, {}],
      [
        `/api/agents/${trainer}`,
        `/api/models?all_versions=true&limit=50&filter=${encodeURIComponent(`trained_by = '${trainer}' OR created_by = '${trainer}'`)}`,
        `/api/lineages?limit=50&filter=${encodeURIComponent(`maintainer = '${trainer}'`)}`,
        `/api/agents/${trainer}/wallet`,
      ].map((path): Request => [path, {}]),
    ],
    // The model page once more as the evaluator sees it: with the forms it may use.
    ['model page, signed in', [`/models/${modelIds[0]}`, signedIn], [[`/api/models/${modelIds[0]}`, {}]]],
    ...writePageCases(world),
  ];
  const rows: string[][] = [];
  try {
    for (const [label, page, json] of cases) {
      const pageTime = await timeRuns(() => http.send(...page), ctx.runs);
      const jsonTime = await timeRuns(async () => {
        for (const request of json) await http.send(...request);
      }, ctx.runs);
      rows.push([
        label,
        ms(pageTime.p50),
        ms(jsonTime.p50),
        ratio(pageTime.p50, jsonTime.p50),
        ms(pageTime.p95),
        ms(jsonTime.p95),
        ratio(pageTime.p95, jsonTime.p95),
        ms(pageTime.p99),
        ms(jsonTime.p99),
        ratio(pageTime.p99, jsonTime.p99),
      ]);
      console.error(`bench:   pages ${rows.at(-1)?.join(' | ')}`);
    }
  } finally {
    http.close();
    await tearDownWritePages(ctx, world);
  }
  return {
    title: `Pages against the JSON API for the same data (${ctx.runs} requests per row)`,
    columns: [
      'page',
      'page p50 ms',
      'JSON p50 ms',
      'p50 ratio',
      'page p95 ms',
      'JSON p95 ms',
      'p95 ratio',
      'page p99 ms',
      'JSON p99 ms',
      'p99 ratio',
    ],
    rows,
    notes: [
      'Target: a page within 2× of its JSON at p50; the artifact, agent, graph-browser, request and dry-run pages within 1.5×.',
      'The request and dry-run pages are read signed in as an evaluator (the session cookie); the JSON dry runs are POSTs with `dry_run: true`.',
    ],
  };
}
