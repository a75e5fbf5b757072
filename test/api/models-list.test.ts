import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import {
  buildModelBody,
  createDataset,
  createHypothesis,
  promote,
  registerModel,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

/** One version of the fixed catalog this file lists, with everything the sorts and filters read. */
interface Row {
  id: string;
  family: string;
  raw: number | null;
  params: number | null;
  createdAt: string;
  latest: boolean;
}

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';
const T2 = '2026-01-03T00:00:00.000Z';
const T3 = '2026-01-04T00:00:00.000Z';

// Ties on every sort key (quality 0.2, parameters 300, created T2) straddle page boundaries.
const CATALOG: Row[] = [
  { id: 'alpha-v1', family: 'biophysical', raw: 0.1, params: 100, createdAt: T0, latest: false },
  { id: 'alpha-v2', family: 'biophysical', raw: 0.2, params: 300, createdAt: T1, latest: true },
  { id: 'beta-v1', family: 'deep_learning', raw: 0.2, params: 5000, createdAt: T2, latest: true },
  { id: 'gamma-v1', family: 'statistical', raw: null, params: null, createdAt: T2, latest: true },
  { id: 'delta-v1', family: 'deep_learning', raw: 0.25, params: 300, createdAt: T3, latest: true },
  ...[1, 2, 3, 4].map((n) => ({
    id: `zeta-v${n}`,
    family: 'statistical',
    raw: 0.2,
    params: 300,
    createdAt: T2,
    latest: n === 4,
  })),
];
const TITLES: Record<string, string> = {
  alpha: 'Alpha ODE',
  beta: 'Beta net',
  gamma: 'Microglia Activation ODE',
  delta: 'microGLIA classifier',
  zeta: 'Zeta model_x',
};
const SORTS = ['quality_score', 'created_at', 'parameter_count'] as const;

function sortKey(row: Row, sort: (typeof SORTS)[number]): number {
  if (sort === 'quality_score') return row.raw ?? 0;
  if (sort === 'created_at') return Date.parse(row.createdAt);
  return row.params ?? -1;
}

/** The documented list order, computed from the fixture: sort key, then id ascending. */
function expectedOrder(sort: (typeof SORTS)[number], order: 'asc' | 'desc', rows: Row[]): string[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows]
    .sort((a, b) => sign * (sortKey(a, sort) - sortKey(b, sort)) || (a.id < b.id ? -1 : 1))
    .map((row) => row.id);
}

for (const store of testStores()) {
  describe(`GET /api/models on ${store.name}`, () => {
    let t: TestApp;
    let dsX: string;
    let dsY: string;
    let hypothesis: string;

    const list = async (query: string) => {
      const response = await t.request('GET', `/api/models?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const ids = async (query: string): Promise<string[]> =>
      (await list(query)).models.map((model: { id: string }) => model.id);

    before(async () => {
      t = await startTestApp(store);
      dsX = await createDataset(t);
      dsY = await createDataset(t);
      hypothesis = await createHypothesis(t);
      const links: Record<string, Record<string, unknown>> = {
        'alpha-v1': { trained_on: [{ dataset_id: dsX }] },
        'alpha-v2': { trained_on: [{ dataset_id: dsX }], tests_hypothesis: { hypothesis_id: hypothesis } },
        'beta-v1': { trained_on: [{ dataset_id: dsY }] },
        'gamma-v1': { trained_on: [{ dataset_id: dsX }, { dataset_id: dsY }] },
        'delta-v1': { trained_on: [{ dataset_id: dsY }], tests_hypothesis: { hypothesis_id: hypothesis } },
      };
      for (const row of CATALOG) {
        const modelName = row.id.replace(/-v\d+$/, '');
        const body = buildModelBody({
          model_name: modelName,
          title: TITLES[modelName],
          model_family: row.family,
          raw_quality_score: row.raw,
          parameter_count: row.params,
          ...links[row.id],
        });
        assert.equal((await registerModel(t, body)).id, row.id);
        await queryRows(
          t.store.db,
          sql`update models set created_at = ${row.createdAt}::timestamptz where id = ${row.id}`,
        );
      }
      await promote(t, 'alpha-v1');
      await promote(t, 'alpha-v2');
      await promote(t, 'delta-v1');
      const archived = await t.request('PATCH', '/api/models/beta-v1', {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(archived.statusCode, 200, archived.body);
    });
    after(() => t.close());

    describe('defaults', () => {
      it('lists only latest versions, newest first, with limit 20 and offset 0', async () => {
        const page = await list('');
        assert.deepEqual(
          page.models.map((m: { id: string }) => m.id),
          ['delta-v1', 'beta-v1', 'gamma-v1', 'zeta-v4', 'alpha-v2'],
        );
        assert.deepEqual([page.total, page.limit, page.offset, page.next_cursor], [5, 20, 0, null]);
      });

      it('returns list items in the documented shape', async () => {
        const [item] = (await list('q=alpha-v2')).models;
        assert.deepEqual(item, {
          id: 'alpha-v2',
          title: 'Alpha ODE',
          model_name: 'alpha',
          model_family: 'biophysical',
          version_number: 2,
          is_latest: true,
          status: 'promoted',
          quality_score: 0.2,
          raw_quality_score: 0.2,
          evaluation_metrics: {},
          parameter_count: 300,
          aliases: [],
          tags: {},
          trained_on: [dsX],
          produced_by: null,
          tests_hypothesis: hypothesis,
          provenance: {
            complete: false,
            missing: ['produced_by_analysis', 'inputs_pinned'],
            completeness: 0.5,
          },
          flags: ['provenance_incomplete'],
          created_at: T1,
        });
      });
    });

    describe('filters', () => {
      const cases: [string, () => string, string[]][] = [
        ['family', () => 'family=deep_learning', ['beta-v1', 'delta-v1']],
        ['dataset', () => `dataset=${dsX}`, ['alpha-v2', 'gamma-v1']],
        [
          'dataset over all versions',
          () => `dataset=${dsX}&all_versions=true`,
          ['alpha-v1', 'alpha-v2', 'gamma-v1'],
        ],
        ['hypothesis', () => `hypothesis=${hypothesis}`, ['alpha-v2', 'delta-v1']],
        ['status promoted', () => 'status=promoted', ['alpha-v2', 'delta-v1']],
        ['status archived', () => 'status=archived', ['beta-v1']],
        ['status candidate', () => 'status=candidate', ['gamma-v1', 'zeta-v4']],
        ['status superseded among latest versions', () => 'status=superseded', []],
        ['status superseded over all versions', () => 'status=superseded&all_versions=true', ['alpha-v1']],
        [
          'all_versions',
          () => 'all_versions=true&family=statistical',
          ['gamma-v1', 'zeta-v1', 'zeta-v2', 'zeta-v3', 'zeta-v4'],
        ],
        ['q on the title, ignoring case', () => 'q=MICROGLIA', ['delta-v1', 'gamma-v1']],
        ['q on the id, ignoring case', () => 'q=BETA-V', ['beta-v1']],
        [
          'q with a LIKE wildcard taken literally',
          () => 'q=_&all_versions=true',
          ['zeta-v1', 'zeta-v2', 'zeta-v3', 'zeta-v4'],
        ],
        ['q with a percent sign taken literally', () => 'q=%25', []],
        [
          'several filters together',
          () => `family=biophysical&dataset=${dsX}&all_versions=true`,
          ['alpha-v1', 'alpha-v2'],
        ],
        ['a dataset nothing was trained on', () => 'dataset=no-such-dataset', []],
      ];
      for (const [what, query, expected] of cases) {
        it(`filters by ${what} and counts the matches in total`, async () => {
          const page = await list(`${query()}&sort=created_at&order=asc&limit=200`);
          const got = page.models.map((m: { id: string }) => m.id).sort();
          assert.deepEqual(got, [...expected].sort());
          assert.equal(page.total, expected.length);
        });
      }
    });

    describe('sorts', () => {
      for (const sort of SORTS) {
        for (const order of ['asc', 'desc'] as const) {
          it(`orders by ${sort} ${order} with ties broken by id ascending`, async () => {
            assert.deepEqual(
              await ids(`sort=${sort}&order=${order}&all_versions=true&limit=200`),
              expectedOrder(sort, order, CATALOG),
            );
          });
        }
      }

      it('puts the highest quality first, ties by id, for the latest versions', async () => {
        assert.deepEqual(await ids('sort=quality_score'), [
          'delta-v1',
          'alpha-v2',
          'beta-v1',
          'zeta-v4',
          'gamma-v1',
        ]);
      });

      it('sorts an unknown parameter count below every known one', async () => {
        assert.deepEqual(await ids('sort=parameter_count&order=asc'), [
          'gamma-v1',
          'alpha-v2',
          'delta-v1',
          'zeta-v4',
          'beta-v1',
        ]);
      });
    });

    describe('pages', () => {
      for (const sort of SORTS) {
        for (const order of ['asc', 'desc'] as const) {
          const base = `sort=${sort}&order=${order}&all_versions=true`;

          it(`walks ${sort} ${order} by cursor, 2 at a time, without overlap or gap`, async () => {
            const full = await ids(`${base}&limit=200`);
            const walked: string[] = [];
            let cursor: string | null = null;
            do {
              const page = await list(
                `${base}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
              );
              assert.ok(page.models.length <= 2);
              assert.equal(page.total, CATALOG.length);
              walked.push(...page.models.map((m: { id: string }) => m.id));
              cursor = page.next_cursor;
            } while (cursor !== null && walked.length <= CATALOG.length);
            assert.deepEqual(walked, full);
          });

          it(`walks ${sort} ${order} by offset, 2 at a time, without overlap or gap`, async () => {
            const full = await ids(`${base}&limit=200`);
            const walked: string[] = [];
            for (let offset = 0; offset < CATALOG.length; offset += 2) {
              const page = await list(`${base}&limit=2&offset=${offset}`);
              assert.equal(page.offset, offset);
              walked.push(...page.models.map((m: { id: string }) => m.id));
            }
            assert.deepEqual(walked, full);
          });
        }
      }

      it('gives a next_cursor while more rows follow and null on the last page', async () => {
        const first = await list('limit=3');
        assert.equal(typeof first.next_cursor, 'string');
        const last = await list(`limit=3&cursor=${encodeURIComponent(first.next_cursor)}`);
        assert.equal(last.models.length, 2);
        assert.equal(last.next_cursor, null);
        assert.equal((await list('limit=5')).next_cursor, null);
      });

      it('keeps total at the count of all matches whatever the page', async () => {
        const page = await list('all_versions=true&limit=1&offset=3');
        assert.equal(page.models.length, 1);
        assert.equal(page.total, CATALOG.length);
      });

      it('returns an empty page past the end', async () => {
        const page = await list('offset=50');
        assert.deepEqual([page.models, page.total, page.next_cursor], [[], 5, null]);
      });
    });
  });
}
