/**
 * `GET /api/models` with each filter and each sort, at offset 0 and 10,000 (500 on the small world) and through a keyset
 * cursor at the same depth, against the hand-written SQL that returns the same page: one
 * statement for the rows with their links, one for the total, on one connection.
 */
import { encodeCursor } from '../../src/http/cursor.ts';
import type { BenchContext } from '../context.ts';
import { keepAliveClient } from '../http-client.ts';
import { ms, type Table, VERSUS_RAW_COLUMNS, versusRaw } from '../report.ts';
import { timeRuns } from '../stats.ts';

export interface ListCase {
  label: string;
  /** The query string of the API call (without offset/cursor). */
  query: string;
  /** The same filter as SQL over `models m`, with its parameters. */
  where: string;
  params: unknown[];
  /**
   * The total as a DBA would read it from this schema: summed from the `model_counts` rows the
   * filter selects when it can be (no text, dataset or hypothesis filter), else counted.
   */
  count: string;
  sort: 'created_at' | 'quality_score' | 'parameter_count';
}

const SORT_SQL = {
  created_at: 'm.created_at',
  quality_score: 'm.quality_score',
  parameter_count: 'coalesce(m.parameter_count, -1)',
};

export function listCases(ctx: BenchContext): ListCase[] {
  const { datasetId, hypothesisId } = ctx.world.sample;
  const latest = 'm.is_latest';
  const counters = (where: string) =>
    `select coalesce(sum(versions), 0)::int from model_counts where ${where}`;
  const counted = 'select count(*)::int from models m where $WHERE';
  const linked = (type: string) =>
    `exists (select 1 from links l where l.source_id = m.id and l.link_type = '${type}' and l.target_id = $1)`;
  return [
    {
      label: 'no filter',
      query: '',
      where: latest,
      params: [],
      sort: 'created_at',
      count: counters('is_latest'),
    },
    {
      label: 'sort=quality_score',
      query: 'sort=quality_score',
      where: latest,
      params: [],
      sort: 'quality_score',
      count: counters('is_latest'),
    },
    {
      label: 'sort=parameter_count',
      query: 'sort=parameter_count',
      where: latest,
      params: [],
      sort: 'parameter_count',
      count: counters('is_latest'),
    },
    {
      label: 'family=deep_learning',
      query: 'family=deep_learning',
      where: `${latest} and m.model_family = $1`,
      params: ['deep_learning'],
      sort: 'created_at',
      count: counters('is_latest and model_family = $1'),
    },
    {
      label: 'status=promoted',
      query: 'status=promoted',
      where: `${latest} and m.status = $1`,
      params: ['promoted'],
      sort: 'created_at',
      count: counters('is_latest and status = $1'),
    },
    {
      label: 'dataset (popular)',
      query: `dataset=${datasetId}`,
      where: `${latest} and ${linked('trained_on')}`,
      params: [datasetId],
      sort: 'created_at',
      count: counted,
    },
    {
      label: 'hypothesis',
      query: `hypothesis=${hypothesisId}`,
      where: `${latest} and ${linked('tests_hypothesis')}`,
      params: [hypothesisId],
      sort: 'created_at',
      count: counted,
    },
    {
      label: 'q=model 4258 (a lineage number: 16 titles in the full world)',
      query: 'q=model%204258',
      where: `${latest} and m.id in (select a.id from artifacts a where a.title ilike $1 or a.id ilike $1)`,
      params: ['%model 4258%'],
      sort: 'created_at',
      count: counted,
    },
    {
      label: 'q=cortex (a word in 20 % of titles)',
      query: 'q=cortex',
      where: `${latest} and m.id in (select a.id from artifacts a where a.title ilike $1 or a.id ilike $1)`,
      params: ['%cortex%'],
      sort: 'created_at',
      count: counted,
    },
    {
      label: 'all_versions',
      query: 'all_versions=true',
      where: 'true',
      params: [],
      sort: 'created_at',
      count: counters('true'),
    },
  ];
}

/** Where a raw page starts: an offset, or after the row with this sort key and id. */
type RawStart = { offset: number } | { after: { value: string; id: string } };

/** The raw page: rows with their links aggregated, in the API's order, then the total. */
export async function rawPage(ctx: BenchContext, c: ListCase, start: RawStart, limit: number) {
  const key = SORT_SQL[c.sort];
  const n = c.params.length;
  const keyset =
    'after' in start
      ? `and (${key} < cast($${n + 3} as timestamptz) or (${key} = cast($${n + 3} as timestamptz) and m.id > $${n + 4}))`
      : '';
  const params = 'after' in start ? [limit, 0, start.after.value, start.after.id] : [limit, start.offset];
  await ctx.raw(
    `with page as (
       select m.id, ${key} as sort_key from models m
        where ${c.where} ${keyset}
        order by ${key} desc, m.id asc
        limit $${n + 1} offset $${n + 2})
     select m.*, a.title, a.metadata, a.created_by,
            (select coalesce(json_agg(json_build_object('type', l.link_type, 'id', l.target_id,
                     'target_type', t.type, 'title', t.title, 'version', l.target_version) order by l.id), '[]')
               from links l join artifacts t on t.id = l.target_id where l.source_id = m.id) as links
       from page join models m on m.id = page.id join artifacts a on a.id = m.id
      order by page.sort_key desc, page.id asc`,
    [...c.params, ...params],
  );
  await ctx.raw(c.count.replace('$WHERE', c.where), c.params);
}

/** Measures every case at both offsets, API vs raw, and a keyset cursor at the deep offset. */
export async function benchList(ctx: BenchContext): Promise<Table> {
  const http = keepAliveClient(ctx.baseUrl);
  const limit = 20;
  const deep = ctx.world.size === 'full' ? 10_000 : 500;
  const rows: (string | number)[][] = [];
  try {
    for (const c of listCases(ctx)) {
      const base = `/api/models?limit=${limit}${c.query ? `&${c.query}` : ''}`;
      for (const offset of [0, deep]) {
        const api = await timeRuns(() => http.send(`${base}&offset=${offset}`), ctx.runs);
        const raw = await timeRuns(() => rawPage(ctx, c, { offset }, limit), ctx.runs);
        console.error(
          `bench:   list ${c.label}, offset ${offset}: API p99 ${ms(api.p99)} ms, raw p99 ${ms(raw.p99)} ms`,
        );
        rows.push([c.label, `offset ${offset}`, ...versusRaw(api, raw)]);
      }
    }
    // A keyset page at depth: after the row just before `deep` in the default order.
    const c = listCases(ctx)[0];
    const [row] = (await ctx.raw(
      `select m.created_at::text as value, m.id from models m where ${c.where}
        order by m.created_at desc, m.id asc offset $1 limit 1`,
      [deep - 1],
    )) as { value: string; id: string }[];
    if (row) {
      const cursor = encodeCursor('created_at:desc', { value: row.value, id: row.id });
      const api = await timeRuns(() => http.send(`/api/models?limit=${limit}&cursor=${cursor}`), ctx.runs);
      const raw = await timeRuns(() => rawPage(ctx, c, { after: row }, limit), ctx.runs);
      rows.push([c.label, `cursor at ${deep}`, ...versusRaw(api, raw)]);
    }
  } finally {
    http.close();
  }
  return {
    title: `GET /api/models (limit ${limit}, ${ctx.runs} requests per row)`,
    columns: ['filter / sort', 'page', ...VERSUS_RAW_COLUMNS],
    rows,
    notes: [
      'API: real HTTP over a kept-alive loopback socket, validation, the page and count queries, JSON. Raw: the same page (rows with links aggregated) and the total as two hand-written statements through the driver, from the same process. The cursor row is compared with the same keyset condition in raw SQL.',
    ],
  };
}
