/**
 * The search language on `GET /api/models`: the scientist's question in one call, AND/OR/NOT and
 * parentheses, missing values, literal and pattern matches of awkward values, provenance, flags,
 * aliases and agents, the other parameters, sorting by a metric and cursors bound to their filter —
 * each answer checked against ids written out here and against the reference evaluator — and
 * every way a filter is refused: 400 `invalid_filter` with its position and what was expected,
 * nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFilter } from '../../src/search/core/filter-parser.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectRefusal } from '../support/factories.ts';
import { evaluateFilter } from '../support/filter-reference.ts';
import { AWKWARD, buildSearchWorld, MODEL_REFERENCE, type SearchWorld } from '../support/search-world.ts';
import { testStores } from '../support/stores.ts';

/** A value as a quoted filter string. */
const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

for (const store of testStores()) {
  describe(`filters on GET /api/models on ${store.name}`, () => {
    let t: TestApp;
    let world: SearchWorld;
    /** The id of a world version by lineage role and version number. */
    const v = (role: keyof SearchWorld['names'], n: number) => `${world.names[role]}-v${n}`;

    before(async () => {
      t = await startTestApp(store);
      world = await buildSearchWorld(t);
    });
    after(() => t.close());

    const list = (filter: string, query = 'all_versions=true&limit=200') =>
      t.request('GET', `/api/models?${query}&filter=${encodeURIComponent(filter)}`);

    /** Asserts the filter finds exactly `expected` — and that the reference evaluator agrees. */
    async function expectIds(filter: string, expected: string[]) {
      const response = await list(filter);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      const found = body.models.map((model: { id: string }) => model.id).sort();
      assert.deepEqual(found, [...expected].sort(), filter);
      assert.equal(body.total, expected.length, filter);
      const expr = parseFilter(filter)?.expr;
      assert.ok(expr);
      const reference = world.models
        .filter((row) => evaluateFilter(expr, row, MODEL_REFERENCE))
        .map((r) => r.id);
      assert.deepEqual(reference.sort(), [...expected].sort(), `the reference disagrees on ${filter}`);
    }

    it('answers "trained on SEA-AD v2 or v3, AUC above 0.8, not archived, task=classification" in one call', async () => {
      await expectIds(
        `trained_on IN ('${world.seaAd}@2', '${world.seaAd}@3') AND metrics.auc > 0.8 AND status != 'archived' AND tags.task = 'classification'`,
        [v('classifier', 1), v('both', 1)],
      );
    });

    it('binds AND tighter than OR and NOT tighter than both; parentheses regroup', async () => {
      await expectIds("family = 'biophysical' OR family = 'statistical' AND raw_quality_score < 0.5", [
        v('ode', 1),
        v('ode', 2),
        v('stat', 1),
      ]);
      await expectIds("(family = 'biophysical' OR family = 'statistical') AND raw_quality_score < 0.62", [
        v('ode', 1),
        v('stat', 1),
      ]);
      await expectIds("NOT family = 'deep_learning' AND parameter_count IS NOT NULL", [v('ode', 1)]);
      await expectIds("family not in ('deep_learning', 'biophysical')", [v('stat', 1)]);
    });

    it('compares parameter_count with fractional and out-of-range numbers as the integers they bound', async () => {
      await expectIds('parameter_count > 999999.5', [v('classifier', 1), v('classifier', 2)]);
      await expectIds('parameter_count <= 999999.5', [v('ode', 1)]);
      await expectIds('parameter_count = 12.5', []);
      await expectIds('parameter_count IN (12, 12.5)', [v('ode', 1)]);
      await expectIds(
        'parameter_count != 12.5',
        world.models.map((row) => row.id),
      );
      await expectIds('parameter_count < 1e30', [v('classifier', 1), v('classifier', 2), v('ode', 1)]);
      await expectIds('parameter_count > -1e30 AND parameter_count >= 2e30', []);
    });

    it('treats a missing value as not matching, and NOT, != and NOT IN as exact negations', async () => {
      await expectIds('raw_quality_score IS NULL', [v('classifier', 3)]);
      await expectIds('NOT metrics.auc > 0.8', [v('classifier', 2), v('ode', 1), v('ode', 2), v('stat', 1)]);
      await expectIds(
        "tags.stage != 'prod'",
        world.models.map((row) => row.id).filter((id) => id !== v('classifier', 1)),
      );
      await expectIds('metrics.`val loss` <= 0.2 OR metrics.rmse IN (0.01, 0.02)', [
        v('classifier', 3),
        v('ode', 1),
        v('ode', 2),
      ]);
    });

    it('matches quotes, backslashes, % and _ literally with =, and as patterns with LIKE', async () => {
      await expectIds(`tags.task = ${quote(AWKWARD)}`, [v('classifier', 3)]);
      await expectIds(`title = ${quote('Zoë\'s "GLM" 50%_x \\ fit')}`, [v('stat', 1)]);
      await expectIds("tags.task LIKE 'it''s 100\\% a\\\\b\\_c %'", [v('classifier', 3)]);
      await expectIds("title LIKE '%50\\%\\_x%'", [v('stat', 1)]);
      await expectIds("title LIKE '%50%x%'", [v('stat', 1)]);
      await expectIds("tags.task LIKE 'classific_tion'", [
        v('classifier', 1),
        v('classifier', 2),
        v('both', 1),
      ]);
      await expectIds("tags.task ILIKE 'CLASSIFICATION'", [
        v('classifier', 1),
        v('classifier', 2),
        v('both', 1),
      ]);
      await expectIds("tags.`team:ml/x-1` = 'Ünïcode'", [v('stat', 1)]);
      await expectIds("tags.team:ml/x-1 LIKE 'Ü%'", [v('stat', 1)]);
    });

    it('finds versions by provenance: any version of a dataset or one pinned version, analysis, hypothesis', async () => {
      await expectIds(`trained_on = '${world.seaAd}'`, [
        v('classifier', 1),
        v('classifier', 2),
        v('classifier', 3),
        v('both', 1),
      ]);
      await expectIds(`trained_on = '${world.seaAd}@3'`, [v('classifier', 2), v('both', 1)]);
      await expectIds(`trained_on = '${world.rosmap}' AND NOT trained_on = '${world.seaAd}'`, [v('ode', 1)]);
      await expectIds('trained_on IS NULL', [v('ode', 2), v('stat', 1)]);
      await expectIds(`produced_by = '${world.analysis}' AND tests_hypothesis = '${world.hypothesis}'`, [
        v('classifier', 1),
      ]);
    });

    it('finds flags, aliases and agents', async () => {
      await expectIds(
        "flag = 'provenance_incomplete'",
        world.models.filter((row) => row.flags.includes('provenance_incomplete')).map((row) => row.id),
      );
      await expectIds("alias = 'champion' OR alias LIKE 'x%'", [v('classifier', 3)]);
      await expectIds(`created_by = '${world.writer}'`, [v('stat', 1)]);
      await expectIds(`trained_by = '${world.writer}'`, [v('classifier', 2), v('stat', 1)]);
    });

    it('compares created_at with ISO 8601 dates and date-times', async () => {
      const third = world.models.find((row) => row.id === v('classifier', 3));
      assert.ok(third);
      const later = world.models.filter((row) => row.created_at >= third.created_at).map((row) => row.id);
      await expectIds(`created_at >= '${third.created_at}'`, later);
      await expectIds("created_at < '2000-01-01'", []);
      await expectIds(
        "created_at > '2000-01-01T00:00:00+02:00'",
        world.models.map((row) => row.id),
      );
    });

    it('combines with the other parameters by AND, the latest-only default included', async () => {
      const response = await list('metrics.auc > 0.9', 'family=deep_learning&limit=50');
      assert.deepEqual(
        response
          .json()
          .models.map((model: { id: string }) => model.id)
          .sort(),
        [v('classifier', 3), v('both', 1)].sort(),
      );
      const tagged = await list("status IN ('superseded', 'archived')", 'all_versions=true&tag=task');
      assert.deepEqual(
        tagged
          .json()
          .models.map((model: { id: string }) => model.id)
          .sort(),
        [v('classifier', 2), v('ode', 1)].sort(),
      );
      assert.equal(tagged.json().total, 2);
    });

    it('sorts by a metric, versions without it last in either order, ties by id', async () => {
      const sorted = async (order: string) =>
        (await list("model_name != 'x'", `all_versions=true&limit=200&sort=metrics.auc&order=${order}`))
          .json()
          .models.map((model: { id: string }) => model.id);
      const missing = [v('ode', 1), v('stat', 1)].sort();
      assert.deepEqual(await sorted('desc'), [
        v('both', 1),
        v('classifier', 3),
        v('classifier', 1),
        v('classifier', 2),
        v('ode', 2),
        ...missing,
      ]);
      assert.deepEqual(await sorted('asc'), [
        v('ode', 2),
        v('classifier', 2),
        v('classifier', 1),
        v('classifier', 3),
        v('both', 1),
        ...missing,
      ]);
    });

    it('pages by cursor under a filter and a metric sort, total unchanged; a cursor is bound to its filter', async () => {
      const filter = "family != 'statistical'";
      const query = 'all_versions=true&limit=2&sort=metrics.auc&order=asc';
      const pages: string[] = [];
      let cursor = '';
      for (let page = 0; page < 10; page++) {
        const response = await list(
          filter,
          `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.equal(body.total, 6);
        pages.push(...body.models.map((model: { id: string }) => model.id));
        if (!body.next_cursor) break;
        cursor = body.next_cursor;
      }
      const whole = (await list(filter, 'all_versions=true&limit=200&sort=metrics.auc&order=asc')).json();
      assert.deepEqual(
        pages,
        whole.models.map((model: { id: string }) => model.id),
      );
      const first = (await list(filter, query)).json();
      const other = await expectRefusal(
        t,
        () => list("family = 'statistical'", `${query}&cursor=${encodeURIComponent(first.next_cursor)}`),
        400,
        'invalid_request',
      );
      assert.match(other.message, /another filter/);
      const unfiltered = (await t.request('GET', '/api/models?all_versions=true&limit=2')).json();
      await expectRefusal(
        t,
        () => list(filter, `all_versions=true&limit=2&cursor=${encodeURIComponent(unfiltered.next_cursor)}`),
        400,
        'invalid_request',
      );
    });

    for (const [what, filter, position, expected] of [
      ['an unknown field', "colour = 'red'", 0, undefined],
      ['a tag without a key', "tags. = 'x'", 0, undefined],
      ['a number compared with text', "metrics.auc > 'high'", 14, ['number']],
      [
        'an order on a text field',
        "status > 'a'",
        7,
        ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'],
      ],
      [
        'a LIKE on a number',
        'quality_score LIKE 1',
        14,
        ['=', '!=', '<', '<=', '>', '>=', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'],
      ],
      [
        'a time that is not a moment',
        "created_at > 'yesterday'",
        13,
        ['an ISO 8601 date or date-time string'],
      ],
      ['a dataset version that is not a number', "trained_on = 'ds@two'", 13, ['a dataset id or id@version']],
      [
        'a pattern ending in an escape',
        "title LIKE 'a\\'",
        11,
        ['a LIKE pattern that does not end in a lone \\'],
      ],
      ['a filter that stops early', "status = 'a' AND (", 18, ['field', 'NOT', '(']],
      ['a filter of 1,001 characters', `title = '${'x'.repeat(991)}'`, 1000, ['at most 1000 characters']],
      [
        '51 comparisons',
        Array.from({ length: 51 }, () => "id = 'a'").join(' OR '),
        600,
        ['at most 50 comparisons'],
      ],
    ] as const) {
      it(`answers 400 invalid_filter for ${what}, with the position and what was expected`, async () => {
        const error = await expectRefusal(t, () => list(filter), 400, 'invalid_filter');
        const details = error.details as { position: number; expected: string[] };
        assert.equal(details.position, position);
        if (expected) assert.deepEqual(details.expected, expected);
        else assert.ok(details.expected.includes('tags.<key>') && details.expected.includes('trained_on'));
      });
    }

    it('reads a blank filter as no filter', async () => {
      const all = (await t.request('GET', '/api/models?all_versions=true&limit=200')).json();
      const blank = (await list('   ')).json();
      assert.equal(blank.total, all.total);
    });
  });
}
