/**
 * `modelgraph export-kgx --out DIR [filters]`: the KGX export (docs/api.md#kgx-export) written to
 * `DIR/edges.jsonl` and `DIR/nodes.jsonl` by the same command as `GET /api/kg/export/*.jsonl`,
 * with a progress bar on stderr and a JSON summary on stdout. The filters are the API's, as
 * options (`--min-confidence 0.5`), checked by the same schema.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Value } from 'typebox/value';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { type EdgeFilterRequest, edgeFilterOf, KgxExportQuery } from '../kg/edge.schemas.ts';
import {
  type EdgeFilter,
  exportKgx,
  type KgxExportSize,
  type KgxFile,
  measureKgxExport,
} from '../kg/kgx-export.service.ts';
import type { Logger } from '../logger.ts';
import { UsageError } from './cli-failure.ts';
import { progressBar } from './progress.ts';

/** The filter options, as the command line spells the API's query parameters. */
const FILTER_OPTIONS = Object.keys(KgxExportQuery.properties).map((name) => name.replaceAll('_', '-'));

/** What `export-kgx` wrote. */
export interface KgxExportSummary extends KgxExportSize {
  out: string;
  duration_ms: number;
}

/** Where to write the export, which edges, and who hears of its progress. */
export interface WriteKgxFilesProps {
  dir: string;
  filter: EdgeFilter;
  /** Called as records are written, with the file, how many so far and how many in all. */
  onProgress?: (file: KgxFile, done: number, total: number) => void;
}

/** Writes `edges.jsonl` and `nodes.jsonl` into `dir` (created if needed), streaming from the database. */
export async function writeKgxFiles(
  deps: Pick<Deps, 'db'>,
  props: WriteKgxFilesProps,
): Promise<KgxExportSize> {
  const size = await measureKgxExport(deps, props.filter);
  mkdirSync(props.dir, { recursive: true });
  for (const file of ['edges', 'nodes'] as const) {
    const total = size[file];
    async function* lines() {
      let done = 0;
      props.onProgress?.(file, done, total);
      for await (const chunk of exportKgx(deps, file, props.filter)) {
        yield chunk.text;
        done += chunk.records;
        props.onProgress?.(file, done, total);
      }
    }
    await pipeline(lines, createWriteStream(join(props.dir, `${file}.jsonl`)));
  }
  return size;
}

/** The filter options as the API's query, checked by its schema; throws naming the bad option. */
export function parseKgxFilter(values: Record<string, unknown>): EdgeFilterRequest {
  const query = Object.fromEntries(
    Object.entries(values)
      .filter(([name, value]) => name !== 'out' && value !== undefined)
      .map(([name, value]) => [name.replaceAll('-', '_'), value]),
  );
  const converted = Value.Convert(KgxExportQuery, query);
  const errors = [...Value.Errors(KgxExportQuery, converted)];
  const [problem] = errors;
  if (!problem) return converted as EdgeFilterRequest;
  const name = problem.instancePath.slice(1);
  // A union of literals (`status`) fails once per literal: name them all instead.
  const allowed = errors
    .filter((error) => error.instancePath === problem.instancePath && error.keyword === 'const')
    .map((error) => (error.params as { allowedValue?: unknown }).allowedValue);
  const rule = allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : problem.message;
  throw new UsageError(`--${name.replaceAll('_', '-')} ${rule} (got ${JSON.stringify(query[name])})`);
}

// On a non-terminal every update is a line: one per percent is enough.
function everyPercent(label: string) {
  const bars = { edges: progressBar(`${label} edges`), nodes: progressBar(`${label} nodes`) };
  const last = { edges: -1, nodes: -1 };
  return (file: KgxFile, done: number, total: number) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === last[file]) return;
    last[file] = percent;
    bars[file](done, total);
  };
}

/** Runs `export-kgx` with the command line's arguments. */
export async function runExportKgx(config: Config, logger: Logger, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      ...Object.fromEntries(FILTER_OPTIONS.map((name) => [name, { type: 'string' as const }])),
    },
  });
  if (!values.out)
    throw new UsageError('export-kgx needs --out DIR, the folder to write edges.jsonl and nodes.jsonl into');
  const dir = values.out as string;
  const filter = edgeFilterOf(parseKgxFilter(values));
  // The store loads only once the arguments are read.
  const { withAppDeps } = await import('../app-deps.ts');
  await withAppDeps(config, { logger }, async (deps) => {
    const started = Date.now();
    const size = await writeKgxFiles(deps, { dir, filter, onProgress: everyPercent('export-kgx') });
    const summary: KgxExportSummary = { out: dir, ...size, duration_ms: Date.now() - started };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
}
