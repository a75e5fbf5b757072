/**
 * `npm run bench`: generates the synthetic world into a throw-away PostgreSQL 15 server (full
 * size) and into embedded PGlite (small size), serves the real app on each, and prints one table
 * per workload with its ratio against raw SQL doing the same work. The report is also written to
 * `bench/results/<store>-<size>.md`.
 *
 *   npm run bench                      # full on PostgreSQL, then small on PGlite
 *   npm run bench -- --only postgres   # or --only pglite
 *   npm run bench -- --database-url postgres://… --size small   # an existing, empty database
 *   npm run bench -- --database-url postgres://… --reuse --workloads list,detail
 *   npm run bench -- --only pglite --workloads kgx   # one workload (kgx: the KGX export)
 *   npm run bench -- --only postgres --workloads floor   # the API against a bare route running the same SQL
 *   npm run bench -- … --workloads floor --log-level info > requests.log   # with the request log on (stdout)
 *   npm run bench -- --only postgres --workloads soak --soak-seconds 600   # bounded soak, RSS every 10 s (not in the default set)
 *                                      # re-run read workloads on a world generated before
 *   npm run bench -- --only postgres --workloads before-after
 *                                      # the impact preview vs the pass, and the as_of lists;
 *                                      # it promotes the rescore fixture, so not with `rescore`
 *   npm run bench -- --only pglite --workloads history   # name@alias as of a moment vs now, and the timeline
 *   npm run bench -- --only postgres --workloads mlflow
 *                                      # the MLflow face against MLflow's own server (PostgreSQL only)
 *   npm run bench -- --only pglite --workloads search   # filters with OR, IN, NOT, tags, metrics, trained_on vs raw SQL
 *   npm run bench -- --only postgres --size small --workloads search-mlflow
 *                                      # the search through the MLflow face vs MLflow's own server (PostgreSQL only)
 *   npm run bench -- --only pglite --workloads retraction
 *                                      # a retraction reaching 1,000 versions and 100,000 edges, in any world
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openStore, type Store } from '../src/db/database.ts';
import { depsOf } from '../src/deps.ts';
import { SUBSCRIBERS } from '../src/subscribers.ts';
import { type BenchContext, rawDriverOf } from './context.ts';
import { countRows, type GeneratedWorld, generateWorld, sampleOf, type WorldSize } from './generate.ts';
import { startBenchPostgres } from './postgres.ts';
import { Report, type Table } from './report.ts';
import { benchBeforeAfter } from './workloads/before-after.ts';
import { benchDetailAndCompare } from './workloads/detail-compare.ts';
import { benchFloor } from './workloads/floor.ts';
import { benchHistory } from './workloads/history.ts';
import { benchBackfill, benchPayout, benchRescore } from './workloads/jobs.ts';
import { benchKgxExport } from './workloads/kgx-export.ts';
import { benchList } from './workloads/list.ts';
import { benchLoad } from './workloads/load.ts';
import { benchMlflow } from './workloads/mlflow.ts';
import { benchPages } from './workloads/pages.ts';
import { benchRetraction } from './workloads/retraction.ts';
import { benchSearch } from './workloads/search.ts';
import { benchSearchMlflow } from './workloads/search-mlflow.ts';
import { benchSoak } from './workloads/soak.ts';
import { benchThroughput } from './workloads/throughput.ts';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'database-url': { type: 'string' },
    size: { type: 'string' },
    seed: { type: 'string', default: '42' },
    reuse: { type: 'boolean', default: false },
    'soak-seconds': { type: 'string', default: '600' },
    // The app's LOG_LEVEL: silent by default, `info` to measure the request log (to stdout).
    'log-level': { type: 'string', default: 'silent' },
    workloads: {
      type: 'string',
      default:
        'list,detail,throughput,floor,pages,load,rescore,payout,backfill,kgx,history,search,retraction',
    },
  },
});
const selected = new Set(args.workloads.split(','));
if (selected.has('before-after') && selected.has('rescore')) {
  throw new Error('--workloads: before-after and rescore both promote the rescore fixture; run them apart');
}
const seed = Number(args.seed);

/** Generates the world, then does what autovacuum would after a bulk load on PostgreSQL. */
async function generate(store: Store, size: WorldSize, label: string): Promise<GeneratedWorld> {
  console.error(`bench: generating the ${label}`);
  const world = await generateWorld(store.db, {
    size,
    seed,
    onProgress: (step, rows, seconds) =>
      console.error(`bench:   ${step}: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s`),
  });
  console.error(`bench: generated in ${world.seconds.toFixed(1)} s`);
  // Statistics and the visibility map (for index-only scans), as autovacuum would leave them.
  if (store.kind === 'postgres') await store.db.execute(sql`vacuum analyze`);
  return world;
}

/** Generates the world into a migrated, empty store (or reuses it) and runs the workloads on it. */
async function benchStore(store: Store, size: WorldSize, databaseUrl?: string): Promise<Report> {
  const workDir = mkdtempSync(join(tmpdir(), 'modelgraph-bench-'));
  const config = loadConfig({
    MODELGRAPH_DEMO: 'off',
    LOG_LEVEL: args['log-level'],
    MODELGRAPH_RESCORE_LOG: join(workDir, 'model_rescore.log'),
    MODELGRAPH_RESCORE_CRON: 'off',
  });
  const label = `${store.kind}, ${size} world, seed ${seed}`;
  const world = args.reuse
    ? { size, seed, counts: await countRows(store.db), seconds: 0, sample: sampleOf(size) }
    : await generate(store, size, label);
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2 }) : undefined;
  const deps = depsOf(store, config, { subscribers: SUBSCRIBERS });
  const app = await buildApp(deps);
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const ctx: BenchContext = {
    store,
    ...rawDriverOf(store, pool),
    baseUrl,
    databaseUrl,
    world,
    deps,
    runs: size === 'full' ? 200 : 100,
  };
  const report = new Report();
  report.add({
    title: `World: ${label}`,
    columns: ['table', 'rows'],
    rows: [
      ...Object.entries(world.counts).map(([table, rows]) => [table, rows.toLocaleString('en-US')]),
      ['generation time', `${world.seconds.toFixed(1)} s`],
    ],
  });
  const workloads: [string, () => Promise<Table | Table[]>][] = [
    ['list', () => benchList(ctx)],
    ['detail', () => benchDetailAndCompare(ctx)],
    ['throughput', () => benchThroughput(ctx, size === 'full' ? 10 : 5)],
    ['floor', () => benchFloor(ctx, size === 'full' ? 10 : 5)],
    ['pages', () => benchPages(ctx)],
    ['load', () => benchLoad(ctx, size === 'full' ? 30 : 10)],
    ['soak', () => benchSoak(ctx, Number(args['soak-seconds']))],
    ['rescore', () => benchRescore(ctx)],
    ['payout', () => benchPayout(ctx)],
    ['backfill', () => benchBackfill(ctx)],
    ['kgx', () => benchKgxExport(ctx)],
    ['before-after', () => benchBeforeAfter(ctx)],
    ['history', () => benchHistory(ctx)],
    ['mlflow', () => benchMlflow(ctx)],
    ['search', () => benchSearch(ctx)],
    ['search-mlflow', () => benchSearchMlflow(ctx)],
    // Last: it adds its own scenario to the world and leaves its edges flagged.
    ['retraction', () => benchRetraction(ctx)],
  ];
  try {
    for (const [name, run] of workloads) {
      if (!selected.has(name)) continue;
      console.error(`bench: ${name}`);
      for (const table of [await run()].flat()) report.add(table);
    }
  } finally {
    await app.close();
    await pool?.end();
    rmSync(workDir, { recursive: true, force: true });
  }
  const resultsDir = join(import.meta.dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${store.kind}-${size}.md`), `# ${label}\n\n${report.toMarkdown()}`);
  return report;
}

async function onPostgres(size: WorldSize) {
  const server = args['database-url'] ? undefined : await startBenchPostgres();
  const url = args['database-url'] ?? server?.url;
  if (!url) throw new Error('no PostgreSQL');
  const store = await openStore({ databaseUrl: url, dataDir: '' });
  try {
    await store.migrate();
    await benchStore(store, size, url);
  } finally {
    await store.close();
    server?.stop();
  }
}

async function onPglite(size: WorldSize) {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgraph-bench-pglite-'));
  const store = await openStore({ dataDir });
  try {
    await store.migrate();
    await benchStore(store, size);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const size = args.size as WorldSize | undefined;
if (size !== undefined && size !== 'full' && size !== 'small') throw new Error('--size is full or small');
if (args.only !== 'pglite') await onPostgres(size ?? 'full');
if (args.only !== 'postgres' && !args['database-url']) await onPglite(size ?? 'small');
