/**
 * The KGX export of every edge of the world, three ways: `GET /api/kg/export/edges.jsonl`
 * read over HTTP into a sink that keeps nothing, `export-kgx`'s command writing both files, and
 * the raw driver streaming the same rows behind a cursor (no JSON, no HTTP) — the baseline of the
 * ratio. The process's RSS is sampled throughout: flat memory means the peak stays near the start
 * however many edges go through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import { writeKgxFiles } from '../../src/cli/export-kgx.command.ts';
import { KGX_NODE_ID_PATTERN, KGX_PREFIXES } from '../../src/kg/core/kgx.ts';
import type { BenchContext } from '../context.ts';
import { count, ratio, type Table } from '../report.ts';

const MB = 1024 * 1024;

/** What the process holds: RSS, and the JavaScript heap after a full collection (`npm run bench` exposes gc). */
function memory() {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/**
 * Runs `work` while sampling RSS every 50 ms: its wall time, the RSS before, at peak and after, and
 * the live heap before and after. The heap after a collection is what the work kept; the RSS peak
 * also counts the garbage V8 let pile up between collections.
 */
async function measured<T>(work: () => Promise<T>) {
  const before = memory();
  let peak = before.rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - start;
    const after = memory();
    return {
      result,
      ms,
      before: before.rss,
      peak,
      after: after.rss,
      heap: [before.heapUsed, after.heapUsed],
    };
  } finally {
    clearInterval(sampler);
  }
}

/** GETs `path` and counts its lines as they arrive, keeping nothing. */
function discardLines(baseUrl: string, path: string): Promise<number> {
  const origin = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: origin.hostname, port: origin.port, path }, (res) => {
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      });
      res.on('end', () =>
        res.statusCode === 200 ? resolve(lines) : reject(new Error(`${path}: ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// The export's own query, written out by hand: what the raw driver streams.
const RAW_EDGES = `
  select e.id, e.subject, e.predicate, e.object, e.confidence, e.status, e.review_flag, e.knowledge_level,
         e.agent_type, e.source_artifact_id, e.source_version, m.model_name
    from kg_edges e left join models m on m.id = e.source_artifact_id
   where e.subject ~ $1 and split_part(e.subject, ':', 1) = any($2::text[])
     and e.object ~ $1 and split_part(e.object, ':', 1) = any($2::text[])`;

interface PgliteSession {
  transaction<T>(
    work: (tx: { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> }) => Promise<T>,
  ): Promise<T>;
}

/** The raw driver reading the export's rows behind a cursor, 2,000 at a time; the row count. */
async function rawCursorRows(ctx: BenchContext): Promise<number> {
  const client = (ctx.store.db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) {
    const connection = await client.connect();
    try {
      let rows = 0;
      for await (const _ of connection.query(
        new QueryStream(RAW_EDGES, [KGX_NODE_ID_PATTERN, KGX_PREFIXES], { batchSize: 2000 }),
      ))
        rows++;
      return rows;
    } finally {
      connection.release();
    }
  }
  // PGlite has no cursor in its API; SQL's own DECLARE … FETCH is the same thing, in a transaction.
  // DECLARE takes no parameters: the pattern and prefixes (no quotes in either) are written in.
  const prefixes = `'{${KGX_PREFIXES.map((prefix) => `"${prefix}"`).join(',')}}'::text[]`;
  // (Replacer functions: the pattern ends in `$`, which a replacement string would read as `$'`.)
  const query = RAW_EDGES.replaceAll('$1', () => `'${KGX_NODE_ID_PATTERN}'`).replaceAll(
    '$2::text[]',
    () => prefixes,
  );
  return (client as PgliteSession).transaction(async (tx) => {
    await tx.query(`declare raw_kgx no scroll cursor for ${query}`);
    let rows = 0;
    for (;;) {
      const batch = (await tx.query('fetch 2000 from raw_kgx')).rows.length;
      rows += batch;
      if (batch < 2000) return rows;
    }
  });
}

const mb = (bytes: number) => (bytes / MB).toFixed(0);

/** Exports every edge through the API and the CLI's command, against the raw cursor. */
export async function benchKgxExport(ctx: BenchContext): Promise<Table> {
  const raw = await measured(() => rawCursorRows(ctx));
  const api = await measured(() => discardLines(ctx.baseUrl, '/api/kg/export/edges.jsonl'));
  const dir = mkdtempSync(join(tmpdir(), 'modelgraph-bench-kgx-'));
  const phases: Record<string, number> = {};
  try {
    const cli = await measured(() =>
      writeKgxFiles(ctx.deps, {
        dir,
        filter: {},
        onProgress: (file, done, total) => {
          const now = performance.now();
          if (done === 0) phases[`${file}:start`] ??= now;
          if (done === total) phases[`${file}:end`] = now;
        },
      }),
    );
    if (api.result !== raw.result || cli.result.edges !== raw.result) {
      throw new Error(
        `the exports disagree: raw ${raw.result}, API ${api.result}, CLI ${cli.result.edges} edges`,
      );
    }
    const edges = raw.result;
    const cliEdgesMs = phases['edges:end'] - phases['edges:start'];
    const row = (
      name: string,
      ms: number,
      m: { before: number; peak: number; after: number; heap: number[] },
      versus: string,
    ) => [
      name,
      (ms / 1000).toFixed(1),
      count(edges / (ms / 1000)),
      versus,
      mb(m.before),
      mb(m.peak),
      mb(m.after),
      `${mb(m.heap[0])} → ${mb(m.heap[1])}`,
    ];
    return {
      title: `KGX export of ${count(edges)} edges (edges.jsonl)`,
      columns: [
        'path',
        'seconds',
        'edges/s',
        'vs raw cursor',
        'RSS before MB',
        'RSS peak MB',
        'RSS after MB',
        'live heap MB',
      ],
      rows: [
        row(
          'GET /api/kg/export/edges.jsonl, read into a discarding sink',
          api.ms,
          api,
          ratio(api.ms, raw.ms),
        ),
        row('export-kgx command: edges.jsonl written to disk', cliEdgesMs, cli, ratio(cliEdgesMs, raw.ms)),
        row('raw driver: the same rows behind a cursor, 2,000 a fetch', raw.ms, raw, '1.00×'),
      ],
      notes: [
        `export-kgx in all (counting, edges.jsonl, then ${count(cli.result.nodes)} nodes in nodes.jsonl): ${(cli.ms / 1000).toFixed(1)} s. RSS is the whole bench process (app, client and, on PGlite, the database), sampled every 50 ms; the live heap is measured after a full collection, before and after each path.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
