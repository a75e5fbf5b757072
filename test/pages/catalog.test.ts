import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  buildCompleteModelBody,
  buildModelBody,
  createProvenanceWorld,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { reinstate, sendRetract } from '../support/retraction.ts';
import { testStores } from '../support/stores.ts';
import { expectPage, linkWithRel, rowIds } from './page-support.ts';

for (const store of testStores()) {
  describe(`catalog page /models on ${store.name}`, () => {
    let t: TestApp;
    const tag = uniqueId('cat');
    const ids: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(store);
      const world = await createProvenanceWorld(t);
      ids.dataset = world.datasetId;
      // Five statistical models with rising quality, one biophysical with incomplete provenance.
      for (const [i, raw] of [0.5, 0.1, 0.9, 0.3, 0.7].entries()) {
        const model = await registerModel(
          t,
          buildCompleteModelBody(world, {
            title: `${tag} stat ${i}`,
            model_family: 'statistical',
            raw_quality_score: raw,
            evaluation_metrics: { rmse: raw / 10, aic: -100 * raw },
            parameter_count: 1000 * (i + 1),
          }),
        );
        ids[`stat${i}`] = model.id;
      }
      ids.bio = (
        await registerModel(t, buildModelBody({ title: `${tag} bio`, model_family: 'biophysical' }))
      ).id;
      ids.xss = (
        await registerModel(
          t,
          buildModelBody({ title: `<script>alert(1)</script> ${tag}`, model_family: 'deep_learning' }),
        )
      ).id;
    });
    after(() => t.close());

    it('redirects / to /models', async () => {
      const response = await t.request('GET', '/');
      assert.equal(response.statusCode, 302);
      assert.equal(response.headers.location, '/models');
    });

    it('serves the stylesheet', async () => {
      const response = await t.request('GET', '/assets/style.css');
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/css; charset=utf-8');
      assert.match(response.body, /font: 15px\/1.5 system-ui/);
    });

    it('answers a valid HTML page with the filter form, every filter and sort included', async () => {
      const body = await expectPage(await t.request('GET', '/models'));
      for (const name of [
        'filter',
        'q',
        'family',
        'status',
        'flag',
        'dataset',
        'hypothesis',
        'sort',
        'order',
        'limit',
        'all_versions',
      ]) {
        assert.match(body, new RegExp(`name="${name}"`), name);
      }
      assert.match(body, /<form class="card filters" method="get" action="\/models"/);
    });

    it('filters by family and search, and ignores the empty fields a GET form sends', async () => {
      const body = await expectPage(
        await t.request('GET', `/models?q=${tag}&family=statistical&status=&dataset=&hypothesis=`),
      );
      assert.deepEqual(new Set(rowIds(body)), new Set([0, 1, 2, 3, 4].map((i) => ids[`stat${i}`])));
      const bio = await expectPage(await t.request('GET', `/models?q=${tag}&family=biophysical`));
      assert.deepEqual(rowIds(bio), [ids.bio]);
    });

    it('sorts rows by the chosen key and order', async () => {
      const query = `/models?q=${tag}&family=statistical&sort=quality_score`;
      const asc = rowIds(await expectPage(await t.request('GET', `${query}&order=asc`)));
      const desc = rowIds(await expectPage(await t.request('GET', `${query}&order=desc`)));
      assert.deepEqual(
        asc,
        ['stat1', 'stat3', 'stat0', 'stat4', 'stat2'].map((key) => ids[key]),
      );
      assert.deepEqual(desc, [...asc].reverse());
      assert.match(
        await (await t.request('GET', `${query}&order=asc`)).body,
        /<option value="quality_score" selected>/,
      );
    });

    it('paginates with previous and next links that keep every filter and the sort', async () => {
      const first = await expectPage(
        await t.request('GET', `/models?q=${tag}&family=statistical&sort=quality_score&order=asc&limit=2`),
      );
      assert.deepEqual(rowIds(first), [ids.stat1, ids.stat3]);
      assert.equal(linkWithRel(first, 'prev'), undefined);
      const next = linkWithRel(first, 'next');
      assert.equal(next, `/models?q=${tag}&family=statistical&sort=quality_score&order=asc&limit=2&offset=2`);
      const second = await expectPage(await t.request('GET', next as string));
      assert.deepEqual(rowIds(second), [ids.stat0, ids.stat4]);
      assert.match(second, /Showing 3–4 of 5/);
      const third = await expectPage(await t.request('GET', linkWithRel(second, 'next') as string));
      assert.deepEqual(rowIds(third), [ids.stat2]);
      assert.equal(linkWithRel(third, 'next'), undefined);
      assert.equal(
        linkWithRel(third, 'prev'),
        `/models?q=${tag}&family=statistical&sort=quality_score&order=asc&limit=2&offset=2`,
      );
    });

    it('follows a keyset cursor and offers the first page from there', async () => {
      const api = (await t.request('GET', `/api/models?q=${tag}&family=statistical&limit=2`)).json();
      const body = await expectPage(
        await t.request(
          'GET',
          `/models?q=${tag}&family=statistical&limit=2&cursor=${encodeURIComponent(api.next_cursor)}`,
        ),
      );
      assert.equal(rowIds(body).length, 2);
      assert.equal(
        linkWithRel(body, 'first'),
        `/models?q=${tag}&family=statistical&sort=created_at&order=desc&limit=2`,
      );
      assert.match(linkWithRel(body, 'next') ?? '', /&cursor=/);
    });

    it('filters with the search language from the filter box, and its links keep the filter', async () => {
      const filter = `title LIKE '${tag} stat %' AND (metrics.rmse < 0.02 OR parameter_count IN (3000, 5000))`;
      const first = await expectPage(
        await t.request(
          'GET',
          `/models?filter=${encodeURIComponent(filter)}&sort=quality_score&order=asc&limit=2`,
        ),
      );
      assert.deepEqual(rowIds(first), [ids.stat1, ids.stat4]);
      assert.match(first, /3 model versions match/);
      assert.ok(
        first.includes(`name="filter" value="${filter.replaceAll("'", '&#39;').replaceAll('<', '&lt;')}"`),
        'the box keeps the filter',
      );
      const next = linkWithRel(first, 'next');
      assert.equal(
        next,
        `/models?filter=${encodeURIComponent(filter).replaceAll('%20', '+').replaceAll("'", '%27').replaceAll('(', '%28').replaceAll(')', '%29')}&sort=quality_score&order=asc&limit=2&offset=2`,
      );
      assert.deepEqual(rowIds(await expectPage(await t.request('GET', next as string))), [ids.stat2]);
    });

    it('sorts by a metric chosen from the metrics of the rows shown', async () => {
      const query = `/models?filter=${encodeURIComponent(`title LIKE '${tag}%'`)}&all_versions=true&sort=metrics.rmse`;
      const body = await expectPage(await t.request('GET', `${query}&order=asc`));
      assert.deepEqual(
        rowIds(body).slice(0, 5),
        ['stat1', 'stat3', 'stat0', 'stat4', 'stat2'].map((key) => ids[key]),
      );
      assert.match(body, /<option value="metrics.rmse" selected>Metric rmse<\/option>/);
      assert.match(body, /<option value="metrics.aic">Metric aic<\/option>/);
    });

    it('shows a refused filter in place: 400, the form kept, the reason and the marked character', async () => {
      const filter = `family = 'statistical' AND colour = 'red'`;
      const body = await expectPage(
        await t.request('GET', `/models?filter=${encodeURIComponent(filter)}&q=${tag}`),
        400,
      );
      assert.match(body, /<form class="card filters"/);
      assert.match(body, /aria-invalid="true" aria-describedby="filter-problem"/);
      assert.match(body, /unknown field &#39;colour&#39; at position 27/);
      assert.match(body, /AND <mark title="position 27">c<\/mark>olour = &#39;red&#39;/);
      assert.match(body, /Expected here: <code>id<\/code>, <code>model_name<\/code>/);
      assert.match(body, new RegExp(`name="q" value="${tag}"`));
      assert.doesNotMatch(body, /Compare selected/);
      const early = await expectPage(
        await t.request('GET', `/models?filter=${encodeURIComponent('status = ')}`),
        400,
      );
      assert.match(early, /status = <mark title="position 9"> <\/mark>/);
    });

    it('puts a compare checkbox per row in a GET form to /models/compare', async () => {
      const body = await expectPage(await t.request('GET', `/models?q=${tag}&family=statistical`));
      assert.match(body, /<form method="get" action="\/models\/compare"/);
      const form = body.slice(
        body.indexOf('action="/models/compare"'),
        body.indexOf('</form>', body.indexOf('action="/models/compare"')),
      );
      assert.equal(rowIds(form).length, 5, 'every checkbox sits inside the compare form');
      assert.match(form, /<button type="submit">Compare selected<\/button>/);
    });

    it('sends a comparison of one version back to the catalog page it came from, saying why', async () => {
      const catalog = `/models?q=${tag}&family=statistical`;
      const body = await expectPage(await t.request('GET', catalog));
      const back = `/models?q=${tag}&family=statistical&sort=created_at&order=desc&limit=20`;
      assert.ok(body.includes(`<input type="hidden" name="back" value="${back.replaceAll('&', '&amp;')}">`));
      const one = await t.request('GET', `/models/compare?ids=${ids.stat1}&back=${encodeURIComponent(back)}`);
      assert.equal(one.statusCode, 303);
      assert.equal(one.headers.location, `${back}&notice=compare_needs_two`);
      const shown = await expectPage(await t.request('GET', one.headers.location as string));
      assert.match(shown, /<p class="notice" role="status" id="compare-notice">Select at least two versions/);
      assert.equal(rowIds(shown).length, 5, 'the catalog keeps its filters');
      assert.doesNotMatch(await expectPage(await t.request('GET', catalog)), /compare-notice/);
      // None ticked goes back too; a `back` elsewhere is never followed: the page's 400 answers.
      const none = await t.request('GET', `/models/compare?back=${encodeURIComponent(back)}`);
      assert.equal(none.statusCode, 303);
      for (const elsewhere of [
        'https://example.org/models',
        '//example.org/models',
        '/modelsx',
        '/api/models',
      ]) {
        const refused = await t.request(
          'GET',
          `/models/compare?ids=${ids.stat1}&back=${encodeURIComponent(elsewhere)}`,
        );
        assert.equal(refused.statusCode, 400, elsewhere);
      }
      const two = await t.request(
        'GET',
        `/models/compare?ids=${ids.stat1}&ids=${ids.stat2}&back=${encodeURIComponent(back)}`,
      );
      assert.equal(two.statusCode, 200);
    });

    it('keeps dates on one line and gives titles a readable width', async () => {
      const body = await expectPage(await t.request('GET', `/models?q=${tag}&family=statistical`));
      assert.match(body, /<td class="date">\d{4}-\d{2}-\d{2}<\/td>/);
      assert.match(body, /<td class="title"><a href=/);
      const style = (await t.request('GET', '/assets/style.css')).body;
      assert.match(style, /td\.date \{ white-space: nowrap; \}/);
      assert.match(style, /td\.title \{ min-width: 16rem; max-width: 32rem; \}/);
    });

    it('shows the quality score with a visible provenance flag and the missing rules', async () => {
      const body = await expectPage(await t.request('GET', `/models?q=${tag}&family=biophysical`));
      assert.match(body, /⚠ provenance incomplete/);
      assert.match(
        body,
        /missing <span title="trained_on_dataset">a training dataset<\/span>, <span title="produced_by_analysis">the analysis that produced it<\/span></,
      );
      const complete = await expectPage(await t.request('GET', `/models?q=${tag}&family=statistical`));
      assert.doesNotMatch(complete, /provenance incomplete/);
      assert.match(complete, /<strong>0.90<\/strong>/);
      assert.match(complete, /<code>rmse<\/code> 0.09/);
      assert.match(complete, /<td class="num">5k<\/td>/);
    });

    it('links each title to the model page', async () => {
      const body = await expectPage(await t.request('GET', `/models?q=${tag}&family=biophysical`));
      assert.match(body, new RegExp(`<a href="/models/${ids.bio}">${tag} bio</a>`));
    });

    it('shows a model titled with a script tag as text', async () => {
      const body = await expectPage(await t.request('GET', `/models?q=${tag}&family=deep_learning`));
      assert.ok(!body.includes('<script>alert(1)</script>'));
      assert.match(body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    });

    it('filters by flag, and shows a retracted input beside the score with what was retracted', async () => {
      const retracted = await sendRetract(t, ids.dataset, { version: 1, reason: 'catalog page' });
      assert.equal(retracted.statusCode, 200, retracted.body);
      try {
        const body = await expectPage(await t.request('GET', `/models?q=${tag}&flag=retracted_input`));
        assert.deepEqual(new Set(rowIds(body)), new Set([0, 1, 2, 3, 4].map((i) => ids[`stat${i}`])));
        assert.match(
          body,
          new RegExp(`⚠ retracted input</span><br><span class="muted">built on: ${ids.dataset} v1<`),
        );
        assert.match(body, /<option value="retracted_input" selected>Retracted input<\/option>/);
        const incomplete = await expectPage(
          await t.request('GET', `/models?q=${tag}&flag=provenance_incomplete`),
        );
        assert.deepEqual(new Set(rowIds(incomplete)), new Set([ids.bio, ids.xss]));
      } finally {
        await reinstate(t, ids.dataset, { version: 1, reason: 'catalog page done' });
      }
      const after = await expectPage(await t.request('GET', `/models?q=${tag}&flag=retracted_input`));
      assert.deepEqual(rowIds(after), []);
    });

    it('says so when nothing matches', async () => {
      const body = await expectPage(await t.request('GET', `/models?q=${uniqueId('nothing')}`));
      assert.match(body, /No model versions match these filters/);
    });

    for (const [what, query, message] of [
      ['an unknown family', 'family=quantum', /family/],
      ['an out-of-range limit', 'limit=500', /limit/],
      ['an unknown sort', 'sort=title', /sort/],
      ['an unknown flag', 'flag=shiny', /flag/],
      ['an unknown parameter', 'colour=red', /unknown query parameter &#39;colour&#39;/],
      ['a cursor with an offset', 'cursor=abc&offset=2', /cursor and offset/],
      ['a malformed cursor', 'cursor=abc', /cursor/],
    ] as const) {
      it(`answers a 400 page in the layout for ${what}`, async () => {
        const body = await expectPage(await t.request('GET', `/models?${query}`), 400);
        assert.match(body, /<h1>400 · Bad request<\/h1>/);
        assert.match(body, message);
      });
    }

    it('answers a 404 page for an unknown page and keeps JSON for unknown API routes', async () => {
      const body = await expectPage(await t.request('GET', '/no/such/page'), 404);
      assert.match(body, /<h1>404 · Not found<\/h1>/);
      const api = await t.request('GET', '/api/no-such-route');
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'not_found');
    });
  });
}
