/**
 * The MLflow face against MLflow's own server, on the same registry: the questions a
 * registry client asks most, each timed in the same run through MLflow's REST API (`mlflow server`
 * 3.17.2 on this PostgreSQL, its own database), modelgraph's MLflow face and modelgraph's native
 * API. Targets: the face ≥ 10× faster than MLflow at p50 on every row, and within 1.5× of native.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { encodeCursor } from '../../src/http/cursor.ts';
import { encodePageToken } from '../../src/mlflow/core/page-token.ts';
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { ensureMlflowVenv, startMlflowServer, upgradeMlflowDatabase } from '../mlflow/server.ts';
import { decorateModelgraphWorld, loadMlflowWorld } from '../mlflow/world.ts';
import { ms, type Table } from '../report.ts';
import { type Timing, timeRuns } from '../stats.ts';

const MLFLOW = '/api/2.0/mlflow';
/** The clause MLflow's client adds to every registered-model search. */
export const PROMPT_FILTER = "tag.`mlflow.prompt.is_prompt` != 'true'";

/** One question asked three ways: a path per target, rotating over sample names. */
interface Question {
  label: string;
  mlflow: (name: string) => string;
  face: (name: string) => string;
  native: (name: string) => string;
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

async function questions(ctx: BenchContext): Promise<Question[]> {
  // A tenth of the names start with the prefix, and the deep page is half-way, on either size.
  const isFull = ctx.world.size === 'full';
  const DEPTH = isFull ? 50_000 : 500;
  const prefix = isFull ? 'model-05' : 'model-0005';
  const depthScope = { endpoint: 'registered-models', filter: PROMPT_FILTER, orderBy: [] as string[] };
  const [byName] = (await ctx.raw(
    `select model_name from lineages where retired_at is null order by model_name offset ${DEPTH - 1} limit 1`,
  )) as { model_name: string }[];
  const [byUpdate] = (await ctx.raw(
    `select model_name, updated_at::text as value from lineages order by updated_at desc, model_name offset ${DEPTH - 1} limit 1`,
  )) as { model_name: string; value: string }[];
  const search = (params: Record<string, string>) => `${MLFLOW}/registered-models/search?${query(params)}`;
  const offsetToken = Buffer.from(`{"offset": ${DEPTH}}`).toString('base64');
  const faceToken = encodePageToken(depthScope, [byName.model_name]);
  const nativeCursor = encodeCursor('updated_at:desc', { value: byUpdate.value, id: byUpdate.model_name });
  return [
    {
      label: 'search registered models, first page (100)',
      mlflow: () => search({ filter: PROMPT_FILTER, max_results: '100' }),
      face: () => search({ filter: PROMPT_FILTER, max_results: '100' }),
      native: () => '/api/lineages?limit=100',
    },
    {
      label: `search registered models, page at ${DEPTH.toLocaleString('en-US')} (page_token)`,
      mlflow: () => search({ filter: PROMPT_FILTER, max_results: '100', page_token: offsetToken }),
      face: () => search({ filter: PROMPT_FILTER, max_results: '100', page_token: faceToken }),
      native: () => `/api/lineages?limit=100&cursor=${nativeCursor}`,
    },
    {
      label: `search registered models, name LIKE '${prefix}%'`,
      mlflow: () => search({ filter: `name LIKE '${prefix}%' AND ${PROMPT_FILTER}`, max_results: '100' }),
      face: () => search({ filter: `name LIKE '${prefix}%' AND ${PROMPT_FILTER}`, max_results: '100' }),
      native: () => `/api/lineages?limit=100&q=${prefix}`,
    },
    {
      label: "search registered models, tags.team = 'team-7'",
      mlflow: () => search({ filter: `tags.team = 'team-7' AND ${PROMPT_FILTER}`, max_results: '100' }),
      face: () => search({ filter: `tags.team = 'team-7' AND ${PROMPT_FILTER}`, max_results: '100' }),
      native: () => '/api/lineages?limit=100&tag=team:team-7',
    },
    {
      label: 'search the versions of one model',
      mlflow: (name) =>
        `${MLFLOW}/model-versions/search?${query({ filter: `name = '${name}'`, max_results: '10000' })}`,
      face: (name) =>
        `${MLFLOW}/model-versions/search?${query({ filter: `name = '${name}'`, max_results: '10000' })}`,
      native: (name) => `/api/lineages/${name}`,
    },
    {
      label: 'get a model version by alias (@champion)',
      mlflow: (name) => `${MLFLOW}/registered-models/alias?${query({ name, alias: 'champion' })}`,
      face: (name) => `${MLFLOW}/registered-models/alias?${query({ name, alias: 'champion' })}`,
      native: (name) => `/api/models/${name}@champion`,
    },
  ];
}

/** Times `runs` GETs of `path`, rotating over `names`, over one kept-alive socket. */
export async function time(baseUrl: string, path: (name: string) => string, names: string[], runs: number) {
  const http = keepAliveClient(baseUrl);
  let i = 0;
  try {
    return await timeRuns(() => http.send(path(names[i++ % names.length])), runs);
  } finally {
    http.close();
  }
}

export const cells = (timing: Timing) => [ms(timing.p50), ms(timing.p99)];
export const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

/** MLflow's own server on a copy of the world, and what was copied. */
export interface MlflowPeer {
  baseUrl: string;
  loaded: { models: number; versions: number };
  /** 50 lineage names to rotate over. */
  names: string[];
}

/**
 * Loads MLflow's copy of the world (tags and aliases added to modelgraph's first), starts its
 * server, runs `use` with it and stops it; undefined without PostgreSQL (MLflow's server needs it).
 */
export async function withMlflowPeer<T>(
  ctx: BenchContext,
  use: (peer: MlflowPeer) => Promise<T>,
): Promise<T | undefined> {
  if (ctx.store.kind !== 'postgres' || !ctx.databaseUrl) return undefined;
  const mlflow = ensureMlflowVenv();
  const serverUrl = new URL(ctx.databaseUrl);
  serverUrl.pathname = '/postgres';
  const mlflowUrl = new URL(ctx.databaseUrl);
  mlflowUrl.pathname = '/mlflow_bench';
  const admin = new pg.Client({ connectionString: serverUrl.href });
  await admin.connect();
  await admin.query('drop database if exists mlflow_bench with (force)');
  await admin.query('create database mlflow_bench');
  await admin.end();
  console.error('bench:   mlflow: db upgrade, then the same registry into its tables');
  upgradeMlflowDatabase(mlflow, mlflowUrl.href);
  await decorateModelgraphWorld(ctx.raw);
  const loaded = await loadMlflowWorld(ctx.raw, mlflowUrl.href);
  const artifacts = mkdtempSync(join(tmpdir(), 'mlflow-bench-artifacts-'));
  const server = await startMlflowServer(mlflow, mlflowUrl.href, artifacts);
  try {
    const names = (
      (await ctx.raw(
        `select model_name from lineages where retired_at is null order by hashtext(model_name) limit 50`,
      )) as { model_name: string }[]
    ).map((row) => row.model_name);
    return await use({ baseUrl: server.baseUrl, loaded, names });
  } finally {
    await server.stop();
    rmSync(artifacts, { recursive: true, force: true });
  }
}

/** Loads MLflow's copy of the world, starts its server, and times every question three ways. */
export async function benchMlflow(ctx: BenchContext): Promise<Table> {
  const rows: string[][] = [];
  const loaded = await withMlflowPeer(ctx, async ({ baseUrl, loaded, names }) => {
    for (const question of await questions(ctx)) {
      const peer = await time(baseUrl, question.mlflow, names, ctx.runs);
      const face = await time(ctx.baseUrl, question.face, names, ctx.runs);
      const native = await time(ctx.baseUrl, question.native, names, ctx.runs);
      console.error(
        `bench:   mlflow ${question.label}: MLflow p50 ${ms(peer.p50)}, face ${ms(face.p50)}, native ${ms(native.p50)}`,
      );
      rows.push([
        question.label,
        ...cells(peer),
        ...cells(face),
        ...cells(native),
        times(peer.p50, face.p50),
        times(face.p50, native.p50),
      ]);
    }
    return loaded;
  });
  if (!loaded) {
    return { title: 'MLflow face vs MLflow (skipped)', columns: ['note'], rows: [['needs PostgreSQL']] };
  }
  return {
    title: `MLflow face vs MLflow ${'3.17.2'} and the native API (${loaded.models.toLocaleString('en-US')} registered models, ${loaded.versions.toLocaleString('en-US')} versions, ${ctx.runs} requests per cell)`,
    columns: [
      'question',
      'MLflow p50 ms',
      'MLflow p99 ms',
      'face p50 ms',
      'face p99 ms',
      'native p50 ms',
      'native p99 ms',
      'MLflow ÷ face (p50)',
      'face ÷ native (p50)',
    ],
    rows,
    notes: [
      "MLflow: `mlflow server` under gunicorn (2 workers, job runner off) on the same PostgreSQL 15, in its own database loaded with the same names, versions, times, stages, tags and aliases. Face: modelgraph's `/api/2.0/mlflow/…`, same requests. Native: the closest native question (`GET /api/lineages` with `limit=100`, a cursor, `q`, `tag`; `GET /api/lineages/{name}`; `GET /api/models/{name}@champion`). Every request over one kept-alive loopback socket, one after another, rotating over 50 model names; registered-model searches carry the prompt filter MLflow's client always adds.",
    ],
  };
}
