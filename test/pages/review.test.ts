import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/database.ts';
import { loadReviewQueue } from '../../src/pages/review/review.query.ts';
import { countKgRows, flagEdge, getEdge, insertEdges, buildEdge as kgEdge } from '../kg/kg-support.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { count, expectPage, linkWithRel, postForm as sendForm } from './page-support.ts';

/** The edge ids listed on a review page, in order. */
function listedIds(body: string): string[] {
  return [...body.matchAll(/<tr data-edge-id="([^"]*)">/g)].map((m) => m[1]);
}

const REVIEW_FORM = (id: string) => `<form method="post" action="/kg/edges/${id}/review"`;

for (const store of testStores()) {
  describe(`review queue page /kg/review on ${store.name}`, () => {
    let t: TestApp;
    let modelId: string;
    let evaluatorToken: string;
    let writerToken: string;

    const postForm = (url: string, fields: Record<string, string>, cookie?: string) =>
      sendForm(t.app, url, fields, cookie);
    const getPage = (url: string, cookie?: string) =>
      t.app.inject({ method: 'GET', url, headers: cookie === undefined ? {} : { cookie } });
    const setCookieOf = (response: LightMyRequestResponse) => {
      const header = response.headers['set-cookie'];
      return Array.isArray(header) ? header.join('\n') : header;
    };
    /** Signs in through the form; returns the `Cookie` header a browser would send back. */
    const signIn = async (token: string) => {
      const response = await postForm('/kg/session', { token });
      assert.equal(response.statusCode, 303, response.body);
      const cookie = setCookieOf(response)?.split(';')[0];
      assert.ok(cookie?.startsWith('mg_token='));
      return cookie;
    };
    /** Inserts one edge through the API and flags it as a rescore would; returns its id. */
    const flaggedEdge = async (overrides: Record<string, unknown> = {}) => {
      const [id] = (await insertEdges(t, [kgEdge(overrides)])).ids;
      await flagEdge(t, id);
      return id;
    };
    /** Rescores an edge by hand: a new confidence and the history row a rescore appends. */
    const rescore = async (id: string, confidence: number) => {
      await t.store.db.execute(
        sql`update kg_edges set confidence = ${confidence}, updated_at = clock_timestamp() where id = ${id}`,
      );
      await t.store.db.execute(
        sql`insert into edge_history (edge_id, confidence, source_artifact_id, source_version, at)
            select id, confidence, source_artifact_id, source_version, updated_at from kg_edges where id = ${id}`,
      );
    };

    before(async () => {
      t = await startTestApp(store);
      modelId = (await registerModel(t, buildModelBody())).id;
      evaluatorToken = await t.agentToken(uniqueId('reviewer'), ['evaluate']);
      writerToken = await t.agentToken(uniqueId('writer'), ['write']);
    });
    after(() => t.close());

    // First, while the database holds no flagged edge.
    it('shows an empty state when nothing is flagged', async () => {
      await insertEdges(t, [kgEdge()]);
      const body = await expectPage(await getPage('/kg/review'));
      assert.match(body, /<h1>Review queue<\/h1>/);
      assert.match(body, /Nothing is waiting for review/);
      assert.match(body, /<a href="\/kg\/review">Review queue<\/a>/, 'linked from the navigation');
    });

    it('lists a flagged edge with its source version, confidence history and last delta, signed out', async () => {
      const id = await flaggedEdge({
        subject: 'GENE:APOE',
        predicate: 'biolink:causes',
        object: 'MONDO:0004975',
        confidence: 0.8,
        origin: 'model',
        source_artifact_id: modelId,
        source_version: 1,
      });
      await rescore(id, 0.35);
      const unflagged = (await insertEdges(t, [kgEdge({ subject: 'GENE:NOT-FLAGGED' })])).ids[0];
      const named = await t.request('POST', '/api/kg/nodes', {
        token: ADMIN_TOKEN,
        body: [{ id: 'GENE:APOE', name: 'Apolipoprotein E' }],
      });
      assert.equal(named.statusCode, 200, named.body);

      const body = await expectPage(await getPage('/kg/review'));
      assert.deepEqual(listedIds(body), [id]);
      assert.doesNotMatch(body, new RegExp(unflagged));
      // A named node as `name (CURIE)`, an unnamed one as its CURIE, the predicate in words.
      assert.match(
        body,
        /<td><a href="\/kg\/edges\?subject=GENE%3AAPOE">Apolipoprotein E \(GENE:APOE\)<\/a><br>/,
      );
      assert.match(
        body,
        /<td><span title="biolink:causes">causes<\/span><\/td>\n<td><a href="\/kg\/edges\?object=MONDO%3A0004975">MONDO:0004975<\/a><\/td>/,
      );
      assert.match(
        body,
        /<strong>0.350<\/strong><br><span class="flagged" title="last change: 0.800 → 0.350">−0.450<\/span>/,
      );
      assert.match(
        body,
        new RegExp(`<a href="/models/${modelId}">${modelId}</a><br><span class="muted">v1</span>`),
      );
      assert.match(body, new RegExp(`aria-label="Confidence history of ${id}: 0.800, 0.350"`));
      assert.match(body, /<summary>2 values<\/summary><ol><li>0.800 /);
      assert.match(
        body,
        /<span class="flagged" data-reason="large_decrease">⚑ large decrease<\/span>/,
        'why',
      );
      assert.equal(count(body, '<polyline '), 1);
      assert.match(body, /<form method="post" action="\/kg\/session"/, 'the sign-in form');
      assert.doesNotMatch(body, /action="\/kg\/edges\//, 'no review form when signed out');
      assert.match(body, /Sign in with the <code>evaluate<\/code> scope to review/);
    });

    it('keeps one review reason when asked, and says so when none is flagged for it', async () => {
      const all = await expectPage(await getPage('/kg/review'));
      assert.match(all, /<strong aria-current="page">every reason<\/strong>/);
      assert.match(all, /<a href="\/kg\/review\?reason=retracted_input">retracted input<\/a>/);
      const none = await expectPage(await getPage('/kg/review?reason=retracted_input'));
      assert.deepEqual(listedIds(none), []);
      assert.match(none, /No edge is flagged for this reason/);
      const decreases = await expectPage(await getPage('/kg/review?reason=large_decrease'));
      assert.ok(listedIds(decreases).length > 0);
      assert.equal((await getPage('/kg/review?reason=whim')).statusCode, 400);
    });

    it('pages through the queue with offset links that neither overlap nor skip', async () => {
      for (let i = 0; i < 3; i++) await flaggedEdge({ confidence: 0.1 + i / 10 });
      const { total } = (await t.request('GET', '/api/kg/review?limit=1000')).json();
      const seen: string[] = [];
      let url: string | undefined = '/kg/review?limit=2';
      let pages = 0;
      while (url) {
        const body = await expectPage(await getPage(url));
        const ids = listedIds(body);
        assert.ok(ids.length <= 2 && ids.length > 0);
        seen.push(...ids);
        if (pages > 0) assert.ok(linkWithRel(body, 'prev'), 'a link back');
        url = linkWithRel(body, 'next');
        pages += 1;
      }
      assert.equal(pages, Math.ceil(total / 2));
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
      const past = await expectPage(await getPage('/kg/review?offset=500'));
      assert.match(past, /past the end of the queue/);
    });

    it('loads the history of every listed edge with one query, however many edges the page lists', async () => {
      let selects = 0;
      const countingDb = new Proxy(t.store.db, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property !== 'select') return value;
          return (...args: unknown[]) => {
            selects += 1;
            return value.apply(target, args);
          };
        },
      }) as Db;
      const queue = await loadReviewQueue({ db: countingDb }, { limit: 50, offset: 0 });
      assert.ok(queue.edges.length >= 4);
      assert.equal(selects, 3, 'the page of edges, their count, and the history of all of them');
      for (const edge of queue.edges) assert.ok((queue.history.get(edge.id) ?? []).length > 0, edge.id);
    });

    it('signs in an evaluator with an HttpOnly, SameSite=Strict cookie and shows the review forms', async () => {
      const response = await postForm('/kg/session', { token: evaluatorToken });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/kg/review?done=signed-in');
      const setCookie = setCookieOf(response) ?? '';
      assert.match(setCookie, /^mg_token=[^;]+; HttpOnly; SameSite=Strict; Path=\/$/);

      const cookie = setCookie.split(';')[0];
      const body = await expectPage(await getPage('/kg/review?done=signed-in', cookie));
      assert.match(body, /Signed in as <strong>reviewer-/);
      assert.match(body, /<p class="card" role="status">Signed in\./);
      assert.match(body, /action="\/kg\/session\/logout"/);
      for (const id of listedIds(body)) {
        assert.ok(body.includes(REVIEW_FORM(id)), `a review form for ${id}`);
      }
      assert.equal(count(body, 'name="decision" value="keep"'), listedIds(body).length);
      assert.equal(count(body, 'name="decision" value="retract"'), listedIds(body).length);
    });

    it('signs in a token of any scope, offering a write-only agent no review form, and refuses an unknown token without setting a cookie', async () => {
      assert.equal((await postForm('/kg/session', { token: ADMIN_TOKEN })).statusCode, 303);

      const writeOnly = await postForm('/kg/session', { token: writerToken });
      assert.equal(writeOnly.statusCode, 303);
      const writerCookie = setCookieOf(writeOnly)?.split(';')[0];
      assert.ok(writerCookie?.startsWith('mg_token='));
      await flaggedEdge({ confidence: 0.5 });
      const queue = await expectPage(await getPage('/kg/review', writerCookie));
      assert.match(queue, /Signed in as <strong>writer-/);
      assert.doesNotMatch(queue, /action="\/kg\/edges\//, 'no review form without evaluate');
      assert.match(queue, /Sign in with the <code>evaluate<\/code> scope to review/);

      const unknown = await postForm('/kg/session', { token: 'mg_not-a-token' });
      const unauthenticated = await expectPage(unknown, 401);
      assert.match(unauthenticated, /This token is not valid/);
      assert.match(unauthenticated, /<form method="post" action="\/kg\/session"/);
      assert.equal(unknown.headers['set-cookie'], undefined);

      await expectPage(await postForm('/kg/session', {}), 400);
    });

    it('keeps an edge through the form as the API does, and redirects with a flash message', async () => {
      const id = await flaggedEdge({ confidence: 0.6 });
      const cookie = await signIn(evaluatorToken);
      const response = await postForm(
        `/kg/edges/${id}/review`,
        { note: 'still holds', decision: 'keep' },
        cookie,
      );
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, `/kg/review?done=keep%3A${id}`);

      const edge = await getEdge(t, id);
      assert.equal(edge.review_flag, false);
      assert.equal(edge.status, 'active');
      assert.equal(edge.agent_type, 'manual_validation_of_automated_agent');
      const events = (await t.request('GET', `/api/events?type=kg_edge_reviewed&target=${id}`)).json().events;
      assert.equal(events.length, 1);
      assert.match(events[0].actor, /^reviewer-/);
      assert.deepEqual(events[0].detection_metadata, {
        decision: 'keep',
        note: 'still holds',
        confidence: 0.6,
      });

      const body = await expectPage(await getPage(String(response.headers.location), cookie));
      assert.match(
        body,
        new RegExp(`<p class="card" role="status">Kept edge ${id}: its review flag is cleared\\.</p>`),
      );
      assert.ok(!listedIds(body).includes(id), 'no longer in the queue');
    });

    it('retracts an edge through the form: flag cleared, status retracted, the edge still there', async () => {
      const id = await flaggedEdge();
      const cookie = await signIn(evaluatorToken);
      const response = await postForm(`/kg/edges/${id}/review`, { note: '', decision: 'retract' }, cookie);
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, `/kg/review?done=retract%3A${id}`);
      const edge = await getEdge(t, id);
      assert.equal(edge.review_flag, false);
      assert.equal(edge.status, 'retracted');
      const body = await expectPage(await getPage(String(response.headers.location)));
      assert.match(body, new RegExp(`Retracted edge ${id}`));
    });

    it('answers each failure of the review form as a page with its status, writing nothing', async () => {
      const id = await flaggedEdge();
      const evaluator = await signIn(evaluatorToken);
      const reviewed = await flaggedEdge();
      await postForm(`/kg/edges/${reviewed}/review`, { decision: 'keep' }, evaluator);
      const cases: [string, number, Record<string, string>, string | undefined, RegExp][] = [
        [id, 401, { decision: 'keep' }, undefined, /Sign in to review edges\./],
        [id, 401, { decision: 'keep' }, 'mg_token=mg_revoked', /This token is not valid/],
        [id, 403, { decision: 'keep' }, `mg_token=${writerToken}`, /needs the &#39;evaluate&#39; scope/],
        ['no-such-edge', 404, { decision: 'keep' }, evaluator, /edge &#39;no-such-edge&#39; does not exist/],
        [reviewed, 409, { decision: 'retract' }, evaluator, /is not waiting for review/],
        [
          id,
          400,
          { decision: 'delete' },
          evaluator,
          /decision must be one of &quot;keep&quot;, &quot;retract&quot;/,
        ],
        [id, 400, { decision: 'keep', extra: 'x' }, evaluator, /unknown field &#39;extra&#39;/],
      ];
      for (const [edgeId, status, fields, cookie, message] of cases) {
        const before = await countKgRows(t);
        const response = await postForm(`/kg/edges/${edgeId}/review`, fields, cookie);
        const body = await expectPage(response, status);
        assert.match(body, message, `${status} for ${JSON.stringify(fields)}`);
        assert.match(body, /<a href="\/kg\/review">Back to the review queue<\/a>/);
        assert.doesNotMatch(body, /\bat .*\.ts:\d+|Error:/, 'no stack trace');
        assert.deepEqual(await countKgRows(t), before, `a ${status} wrote nothing`);
        if (status === 401) assert.match(body, /<form method="post" action="\/kg\/session"/);
      }
      assert.equal((await getEdge(t, id)).review_flag, true, 'still waiting for review');
      assert.equal((await getEdge(t, reviewed)).status, 'active', 'the 409 did not retract it');
    });

    it('clears a cookie that no longer signs anyone in, and on sign-out', async () => {
      const stale = await postForm('/kg/edges/any/review', { decision: 'keep' }, 'mg_token=mg_revoked');
      assert.match(setCookieOf(stale) ?? '', /^mg_token=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
      const page = await expectPage(await getPage('/kg/review', 'mg_token=mg_revoked'));
      assert.match(page, /<form method="post" action="\/kg\/session"/, 'shown signed out');

      const cookie = await signIn(evaluatorToken);
      const response = await postForm('/kg/session/logout', {}, cookie);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/kg/review?done=signed-out');
      assert.match(setCookieOf(response) ?? '', /^mg_token=; .*Max-Age=0$/);
    });

    it('answers a 400 page for an unknown or malformed query parameter', async () => {
      for (const url of ['/kg/review?sort=id', '/kg/review?offset=-1', '/kg/review?limit=0']) {
        await expectPage(await getPage(url), 400);
      }
    });

    it("keeps one version's flagged edges when asked, with each flag's reason, and the model page links there", async () => {
      const other = (await registerModel(t, buildModelBody())).id;
      const mine = await flaggedEdge({ source_artifact_id: other, source_version: 1, confidence: 0.41 });
      await flaggedEdge({ confidence: 0.42 });
      const body = await expectPage(await getPage(`/kg/review?source_artifact_id=${other}`));
      assert.deepEqual(listedIds(body), [mine]);
      assert.match(body, new RegExp(`Only the flagged edges of <a href="/models/${other}">${other}</a>`));
      assert.match(body, /data-reason="large_decrease">⚑ large decrease/);
      assert.match(body, /<a href="\/kg\/review">Show every version's<\/a>/);
      assert.match(body, new RegExp(`<a class="edge-id" href="/kg/edges/${mine}"><code>${mine}</code></a>`));

      const model = await expectPage(await getPage(`/models/${other}`));
      assert.match(model, /1 of this version's 1 edge is flagged for review/);
      assert.match(
        model,
        new RegExp(
          `<a href="/kg/review\\?source_artifact_id=${other}">Review the flagged edges of this version</a>`,
        ),
      );
      const none = await expectPage(await getPage(`/kg/review?source_artifact_id=${uniqueId('nobody')}`));
      assert.match(none, /No edge is flagged for this version\./);
    });

    it('shows user text as text: subject, predicate, object and the flash message are escaped', async () => {
      const id = await flaggedEdge({
        subject: '<script>alert(1)</script>',
        predicate: '"><img src=x onerror=alert(2)>',
        object: "'><svg onload=alert(3)>",
        confidence: 0.99,
      });
      const cookie = await signIn(evaluatorToken);
      const done = encodeURIComponent('keep:<script>alert(4)</script>');
      for (const response of [
        await getPage(`/kg/review?done=${done}`, cookie),
        await getPage('/kg/review'),
      ]) {
        const body = await expectPage(response);
        assert.ok(listedIds(body).includes(id));
        assert.doesNotMatch(body, /<script>alert|<img src=x|<svg onload/);
        assert.match(body, /">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a><br>/);
        assert.match(
          body,
          /<span title="&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;">&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;<\/span>/,
        );
        assert.match(body, /">&#39;&gt;&lt;svg onload=alert\(3\)&gt;<\/a><\/td>/);
      }
      const flashed = await expectPage(await getPage(`/kg/review?done=${done}`, cookie));
      assert.match(flashed, /Kept edge &lt;script&gt;alert\(4\)&lt;\/script&gt;/);
    });
  });
}
