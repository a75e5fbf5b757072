/**
 * The search language through the MLflow face against MLflow's own server, on the same registry
 * (`withMlflowPeer`): the AND-only filters both accept, timed both ways, and the OR, NOT and IN
 * filters only the face accepts (MLflow answers them 400), timed on the face alone.
 */
import type { BenchContext } from '../context.ts';
import { ms, type Table } from '../report.ts';
import { PROMPT_FILTER, time, times, withMlflowPeer } from './mlflow.ts';

const MLFLOW = '/api/2.0/mlflow';

interface SearchQuestion {
  label: string;
  /** The path for a lineage name (rotated over 50); the same on both servers. */
  path: (name: string) => string;
  /** Whether MLflow's server accepts it (AND only). */
  andOnly: boolean;
}

const search = (endpoint: string, filter: string) =>
  `${MLFLOW}/${endpoint}/search?${new URLSearchParams({ filter, max_results: '100' })}`;

function questions(ctx: BenchContext): SearchQuestion[] {
  const prefix = ctx.world.size === 'full' ? 'model-05' : 'model-0005';
  const models = (filter: string) => search('registered-models', `${filter} AND ${PROMPT_FILTER}`);
  const versions = (filter: string) => search('model-versions', filter);
  return [
    {
      label: `models: name LIKE '${prefix}%' AND tags.team = 'team-7'`,
      path: () => models(`name LIKE '${prefix}%' AND tags.team = 'team-7'`),
      andOnly: true,
    },
    {
      label: "versions: name = <one> AND tags.validated = 'true'",
      path: (name) => versions(`name = '${name}' AND tags.validated = 'true'`),
      andOnly: true,
    },
    {
      label: `versions: name LIKE '${prefix}%' AND tags.validated = 'false'`,
      path: () => versions(`name LIKE '${prefix}%' AND tags.validated = 'false'`),
      andOnly: true,
    },
    {
      label: `models: tags.team IN ('team-7', 'team-8') OR name LIKE '${prefix}1%' (face only)`,
      path: () => models(`(tags.team IN ('team-7', 'team-8') OR name LIKE '${prefix}1%')`),
      andOnly: false,
    },
    {
      label: `versions: name LIKE '${prefix}%' AND NOT (tags.validated = 'true' OR version_number > 2) (face only)`,
      path: () => versions(`name LIKE '${prefix}%' AND NOT (tags.validated = 'true' OR version_number > 2)`),
      andOnly: false,
    },
  ];
}

/** MLflow's answer to a filter it does not take: its status and error code, as the table shows it. */
async function refusal(baseUrl: string, path: string): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`);
  const body = (await response.json().catch(() => ({}))) as { error_code?: string };
  if (response.status === 200) throw new Error(`MLflow's server accepted ${path}: not a face-only filter`);
  return `refused: ${response.status} ${body.error_code ?? ''}`.trim();
}

/** Times each question on MLflow's server (AND-only ones) and on the face. */
export async function benchSearchMlflow(ctx: BenchContext): Promise<Table> {
  const rows = await withMlflowPeer(ctx, async ({ baseUrl, names }) => {
    const rows: string[][] = [];
    for (const question of questions(ctx)) {
      const peer = question.andOnly ? await time(baseUrl, question.path, names, ctx.runs) : undefined;
      const refused = question.andOnly ? undefined : await refusal(baseUrl, question.path(names[0]));
      const face = await time(ctx.baseUrl, question.path, names, ctx.runs);
      console.error(`bench:   search via MLflow ${question.label}: face p95 ${ms(face.p95)} ms`);
      rows.push([
        question.label,
        peer ? ms(peer.p50) : (refused as string),
        peer ? ms(peer.p95) : '—',
        ms(face.p50),
        ms(face.p95),
        peer ? times(peer.p50, face.p50) : '—',
      ]);
    }
    return rows;
  });
  return {
    title: `Search through the MLflow face vs MLflow's own server (${ctx.runs} requests per cell)`,
    columns: [
      'filter',
      'MLflow p50 ms',
      'MLflow p95 ms',
      'face p50 ms',
      'face p95 ms',
      'MLflow ÷ face (p50)',
    ],
    rows: rows ?? [['skipped: MLflow’s server needs PostgreSQL', '', '', '', '', '']],
    notes: [
      "Both servers hold the same registered models, versions, tags and aliases (the MLflow workload's set-up). Registered-model searches carry the prompt filter MLflow's client always adds; max_results 100.",
    ],
  };
}
