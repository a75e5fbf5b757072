/**
 * The synthetic world for benchmarks: `generateWorld` loads agents, datasets, analyses,
 * hypotheses, benchmarks, model lineages, links, knowledge-graph edges with their history, and
 * the promotions with their payouts into a migrated, empty modelgraph database — set-based SQL
 * computed inside the server, reproducible from a seed, the same on PGlite and PostgreSQL 15.
 *
 * CLI: `node --import tsx bench/generate.ts --size full|small --seed 42 [--database-url URL |
 * --throwaway-postgres | --data-dir DIR]` migrates, generates and prints the row counts and times
 * (progress on stderr). `--throwaway-postgres` starts a PostgreSQL server for the run and stops
 * it after (`bench/postgres.ts`); with neither option it writes an embedded PGlite database into
 * DIR (default: a new temp dir).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { prepareStore } from '../src/app-deps.ts';
import { ADMIN_AGENT_ID } from '../src/caller.ts';
import { systemClock } from '../src/clock.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Db, openStore, queryRows, type StoreLocation, type Tx } from '../src/db/database.ts';
import { inProcessLocks } from '../src/db/locks.ts';
import { createLogger } from '../src/logger.ts';
import { createMetrics } from '../src/metrics.ts';
import { SUBSCRIBERS } from '../src/subscribers.ts';
import { startBenchPostgres } from './postgres.ts';
import { withIndexesSetAside } from './world/bulk-load.ts';
import { insertAttributedEdges, insertEdgeHistory, insertLegacyEdges } from './world/edges.ts';
import { countRows } from './world/inventory.ts';
import { DIMENSIONS, sampleOf, type WorldSample, type WorldSize } from './world/params.ts';
import { writePlan } from './world/plan.ts';
import {
  replayPromotions,
  writeArchiveEvents,
  writeEvents,
  writeLedger,
  writePayouts,
} from './world/promotions.ts';
import {
  insertAgents,
  insertArtifacts,
  insertArtifactVersions,
  insertLineages,
  insertLinks,
  insertModels,
} from './world/registry.ts';
import { createScratch, dropScratch } from './world/scratch.ts';

export { countRows, WORLD_TABLES, worldDigest } from './world/inventory.ts';
export { DIMENSIONS, sampleOf, type WorldSample, type WorldSize } from './world/params.ts';

/** What `generateWorld` loaded. */
export interface GeneratedWorld {
  size: WorldSize;
  seed: number;
  /** Rows per table after generation (the admin agent and the treasury's genesis included). */
  counts: Record<string, number>;
  /** Wall time of the whole generation. */
  seconds: number;
  sample: WorldSample;
}

/** How to generate. */
export interface GenerateOptions {
  size: WorldSize;
  /** Any integer from 0 to 2^31 − 1; the same seed gives the same rows. */
  seed: number;
  /**
   * The configuration the app runs with: the quality cap, the credit pool and caps, demurrage and
   * the treasury's initial mint decide stored scores and the ledger. Default: the defaults.
   */
  config?: Config;
  /** Called after each step with the rows it wrote and how long it took. */
  onProgress?: (step: string, rows: number, seconds: number) => void;
}

/** The `process` runtime of the fast model (`bench/fast-model.mjs`) with its weight and bias. */
export function fastModelRuntime(weight: number, bias: number) {
  const script = fileURLToPath(new URL('./fast-model.mjs', import.meta.url));
  // Its cwd is the one folder of its own the sandbox shows a runtime.
  return {
    kind: 'process',
    command: [process.execPath, script, String(weight), String(bias)],
    cwd: dirname(script),
  };
}

async function assertEmpty(db: Db): Promise<void> {
  const [row] = await queryRows<{ taken: boolean }>(
    db,
    sql`select exists (select 1 from artifacts) or exists (select 1 from events) or exists (select 1 from kg_edges)
               or exists (select 1 from agents where id <> ${ADMIN_AGENT_ID}) as taken`,
  );
  if (row.taken) throw new Error('generateWorld needs a migrated, empty database: this one holds data');
}

/**
 * Loads a world into a migrated, empty database. Each table is one transaction with
 * `synchronous_commit` off, that sets the table's indexes and keys aside and restores them from
 * their own definitions before it commits (`world/bulk-load.ts`); triggers stay on, except the
 * ledger's balance trigger while the transfers go in (`world/promotions.ts`). Like `prepareStore`
 * (demo off), it first makes sure the admin agent exists and the treasury is funded.
 */
export async function generateWorld(db: Db, options: GenerateOptions): Promise<GeneratedWorld> {
  const { size, seed } = options;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
    throw new RangeError(`the seed must be an integer from 0 to 2^31 - 1, got ${seed}`);
  }
  const dims = DIMENSIONS[size];
  const config = options.config ?? loadConfig({ MODELGRAPH_DEMO: 'off' });
  const startedAt = performance.now();
  await assertEmpty(db);
  // The admin agent and the treasury's initial mint, as `serve` makes them on a new database.
  await prepareStore({
    db,
    locks: inProcessLocks(),
    config,
    clock: systemClock,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    subscribers: SUBSCRIBERS,
  });

  const step = async <T>(
    name: string,
    work: (tx: Tx) => Promise<T>,
    rowsOf: (result: T) => Promise<number>,
  ) => {
    const began = performance.now();
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`set local synchronous_commit = off`);
      // Time stamps written as text (inferred_at) and numbers written as JSON text must not
      // depend on the session: UTC, and floats in their shortest exact form.
      await tx.execute(sql`set local time zone 'UTC'`);
      await tx.execute(sql`set local extra_float_digits = 1`);
      await tx.execute(sql`set local work_mem = '128MB'`);
      // Each statement runs once over many rows: JIT compiling it only adds start-up time.
      await tx.execute(sql`set local jit = off`);
      return work(tx);
    });
    options.onProgress?.(name, await rowsOf(result), (performance.now() - began) / 1000);
    return result;
  };
  const countOf = (table: string) => async () => {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`));
    return row.n;
  };
  // One table (and its detail table) per transaction, its indexes and keys set aside while it loads.
  const load = (tables: string[], work: (tx: Tx) => Promise<void>) =>
    step(tables[0], (tx) => withIndexesSetAside(tx, tables, () => work(tx)), countOf(tables[0]));

  try {
    await step(
      'plan',
      async (tx) => {
        await createScratch(tx, seed);
        return writePlan(tx, dims);
      },
      async (versions) => versions,
    );
    await load(['agents'], (tx) => insertAgents(tx, dims));
    await load(['artifacts'], insertArtifacts);
    await load(['artifact_versions'], insertArtifactVersions);
    await load(['links'], (tx) => insertLinks(tx, dims));
    const runtimes = { parent: fastModelRuntime(1, 0), child: fastModelRuntime(2.5, 0.2) };
    await load(['models', 'lineages', 'lineage_maintainers'], async (tx) => {
      await insertModels(tx, config.qualityCap, runtimes);
      await insertLineages(tx);
    });
    await load(['kg_edges'], async (tx) => {
      await insertAttributedEdges(tx, dims, seed);
      await insertLegacyEdges(tx, dims, seed);
    });
    await load(['edge_history'], insertEdgeHistory);
    const history = await step(
      'promotions replayed',
      (tx) => replayPromotions(tx, config),
      async (replayed) => replayed.payouts.length,
    );
    await load(['events'], async (tx) => {
      await writeEvents(tx, history);
      await writeArchiveEvents(tx);
    });
    await load(['ledger_transfers'], (tx) => writeLedger(tx, history));
    await load(['credit_payouts', 'credit_payout_lines'], (tx) => writePayouts(tx, history));
  } finally {
    await db.transaction((tx) => dropScratch(tx));
  }
  await step(
    'analyze',
    (tx) => tx.execute(sql`analyze`),
    async () => 0,
  );

  const counts = await countRows(db);
  const expected = {
    links: dims.links,
    models: dims.versions,
    kg_edges: dims.attributedEdges + dims.legacyEdges,
  };
  for (const [table, rows] of Object.entries(expected)) {
    if (counts[table] !== rows) throw new Error(`generated ${counts[table]} rows of ${table}, not ${rows}`);
  }
  return { size, seed, counts, seconds: (performance.now() - startedAt) / 1000, sample: sampleOf(size) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '42' },
      'database-url': { type: 'string' },
      'throwaway-postgres': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  const size = values.size as WorldSize;
  if (!(size in DIMENSIONS)) throw new Error(`--size must be full or small, got ${values.size}`);
  const seed = Number(values.seed);
  const server = values['throwaway-postgres'] ? await startBenchPostgres() : undefined;
  const databaseUrl = server?.url ?? values['database-url'];
  const dataDir = databaseUrl ? '' : (values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'modelgraph-world-')));
  try {
    await generateInto({ databaseUrl, dataDir }, size, seed);
  } finally {
    server?.stop();
  }
}

async function generateInto(location: StoreLocation, size: WorldSize, seed: number): Promise<void> {
  const { databaseUrl, dataDir } = location;
  const store = await openStore(location);
  try {
    const began = performance.now();
    await store.migrate();
    process.stderr.write(
      `generate: migrated ${store.kind} in ${((performance.now() - began) / 1000).toFixed(1)} s\n`,
    );
    const world = await generateWorld(store.db, {
      size,
      seed,
      onProgress: (step, rows, seconds) =>
        process.stderr.write(
          `generate: ${step.padEnd(24)} ${String(rows).padStart(9)} rows ${seconds.toFixed(1).padStart(7)} s\n`,
        ),
    });
    const where = databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`;
    console.log(`${size} world, seed ${seed}, into ${where}: ${world.seconds.toFixed(1)} s`);
    for (const [table, rows] of Object.entries(world.counts)) console.log(`${table.padEnd(22)} ${rows}`);
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
