/**
 * `GET /api/models/{id}` and `GET /api/models/compare` with 2, 10 and 50 ids, against hand-written
 * SQL that reads the same data: for the detail the row, links, lineage, attributed-edge counts
 * and last 20 events; for compare the rows and links, the inputs of the producing analyses, and
 * the three-hop provenance DAG of every model in one recursive query.
 */
import type { BenchContext, RawSql } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { type Table, VERSUS_RAW_COLUMNS, versusRaw } from '../report.ts';
import { timeRuns } from '../stats.ts';

const ROWS_AND_LINKS = [
  `select m.*, a.title, a.metadata, a.created_by from models m join artifacts a on a.id = m.id where m.id = any($1::text[])`,
  `select l.source_id, l.link_type, l.target_id, t.type, t.title, l.target_version
     from links l join artifacts t on t.id = l.target_id where l.source_id = any($1::text[]) order by l.id`,
];

export async function rawDetail(raw: RawSql, id: string) {
  for (const text of ROWS_AND_LINKS) await raw(text, [[id]]);
  await raw(
    `select id, version_number, status, is_latest, quality_score, evaluation_metrics, created_at
       from models where model_name = (select model_name from models where id = $1) order by version_number`,
    [id],
  );
  await raw(
    `select count(*)::int, (count(*) filter (where review_flag))::int from kg_edges where source_artifact_id = $1`,
    [id],
  );
  await raw(`select * from events where target_artifact_id = $1 order by created_at desc, id desc limit 20`, [
    id,
  ]);
}

async function rawCompare(raw: RawSql, ids: string[]) {
  for (const text of ROWS_AND_LINKS) await raw(text, [ids]);
  await raw(
    `select p.source_id as model_id, i.target_id, i.target_version
       from links p join links i on i.source_id = p.target_id and i.link_type = 'input'
      where p.source_id = any($1::text[]) and p.link_type = 'produced_by'`,
    [ids],
  );
  // The artifacts within three links of any of the models, then every link out of them.
  await raw(
    `with recursive reach(id, depth) as (
       select unnest($1::text[]), 0
       union
       select l.target_id, r.depth + 1 from reach r join links l on l.source_id = r.id where r.depth < 3)
     select l.source_id, l.target_id, l.link_type, l.target_version, a.type, a.title
       from links l join artifacts a on a.id = l.target_id
      where l.source_id in (select id from reach where depth < 3)`,
    [ids],
  );
}

/** Measures the detail of sample models and compare at three sizes. */
export async function benchDetailAndCompare(ctx: BenchContext): Promise<Table> {
  const http = keepAliveClient(ctx.baseUrl);
  const { modelIds, compareIds } = ctx.world.sample;
  const rows: (string | number)[][] = [];
  const add = async (label: string, path: () => string, rawWork: () => Promise<unknown>) => {
    const api = await timeRuns(() => http.send(path()), ctx.runs);
    const raw = await timeRuns(rawWork, ctx.runs);
    rows.push([label, ...versusRaw(api, raw)]);
  };
  try {
    let next = 0;
    const nextId = () => modelIds[next++ % modelIds.length];
    await add(
      'GET /api/models/{id}',
      () => `/api/models/${nextId()}`,
      () => rawDetail(ctx.raw, nextId()),
    );
    for (const size of [2, 10, 50]) {
      const ids = compareIds.slice(0, size);
      await add(
        `compare ${size} ids`,
        () => `/api/models/compare?ids=${ids.join(',')}`,
        () => rawCompare(ctx.raw, ids),
      );
    }
  } finally {
    http.close();
  }
  return {
    title: `Model detail and compare (${ctx.runs} requests per row)`,
    columns: ['request', ...VERSUS_RAW_COLUMNS],
    rows,
    notes: [
      `The detail rotates over ${modelIds.length} sample versions (latest, promoted, deep lineages). Compare's API answer also computes the metadata diff, metric table, Jaccard overlaps and per-model DAGs in JavaScript; the raw side only reads the rows those need.`,
    ],
  };
}
