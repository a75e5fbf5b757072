/**
 * The write actions of the lineage and model pages for a signed-in agent: aliases set, moved and
 * removed, descriptions and tags edited, a direct promotion and, on a governed lineage, a
 * promotion request; the timeline; and the refusals (signed out, without the scope, not a
 * maintainer, from another site, a governed lineage's direct promotion), each writing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { setPolicy } from '../support/governance.ts';
import { testStores } from '../support/stores.ts';
import { countStatements, expectPage, postForm } from './page-support.ts';
import { expectNothingWritten, getPage, postCrossSite, signInCookie } from './session-support.ts';

for (const store of testStores()) {
  describe(`lineage and model page actions on ${store.name}`, () => {
    let t: TestApp;
    const name = uniqueId('acted');
    const governed = uniqueId('governed');
    const maintainer = uniqueId('keeper');
    const outsider = uniqueId('outsider');
    let evaluator: string;
    let maintainerCookie: string;
    let outsiderCookie: string;
    let evaluatorCookie: string;
    const lineage = () => t.request('GET', `/api/lineages/${name}`).then((r) => r.json());
    const post = (url: string, fields: Record<string, string>, cookie?: string) =>
      postForm(t.app, url, fields, cookie);

    before(async () => {
      t = await startTestApp(store);
      for (let i = 0; i < 3; i++) await registerModel(t, buildModelBody({ model_name: name }));
      for (let i = 0; i < 2; i++) await registerModel(t, buildModelBody({ model_name: governed }));
      await setPolicy(t, governed, { required_approvals: 1 });
      const maintainerToken = await t.agentToken(maintainer, ['write']);
      await t.request('PUT', `/api/lineages/${name}/maintainers/${maintainer}`, { token: ADMIN_TOKEN });
      const outsiderToken = await t.agentToken(outsider, ['write']);
      evaluator = uniqueId('judge');
      const evaluatorToken = await t.agentToken(evaluator, ['evaluate']);
      maintainerCookie = await signInCookie(t.app, maintainerToken);
      outsiderCookie = await signInCookie(t.app, outsiderToken);
      evaluatorCookie = await signInCookie(t.app, evaluatorToken);
    });
    after(() => t.close());

    it('offers a visitor no form but the folded sign-in, and shows the timeline', async () => {
      const body = await expectPage(await getPage(t.app, `/lineages/${name}`));
      assert.match(body, /<summary>Sign in to act on this page<\/summary>/);
      assert.doesNotMatch(body, /action="\/lineages\/[^"]*\/(aliases|tags|description)"/);
      assert.doesNotMatch(body, /action="\/models\/[^"]*\/promote"/);
      assert.match(body, /<h2 id="h-timeline">Timeline<\/h2>/);
      assert.equal((body.match(/<tr data-kind="registered">/g) ?? []).length, 3);
    });

    it('offers an evaluator the alias forms and a Promote button per candidate, but no edit forms', async () => {
      const body = await expectPage(await getPage(t.app, `/lineages/${name}`, evaluatorCookie));
      assert.match(body, new RegExp(`Signed in as <strong>${evaluator}</strong>`));
      assert.match(body, new RegExp(`<form method="post" action="/lineages/${name}/aliases"`));
      assert.equal((body.match(/<button type="submit">Promote<\/button>/g) ?? []).length, 3);
      assert.doesNotMatch(body, /action="\/lineages\/[^"]*\/(tags|description)"/);
    });

    it('sets, moves and removes an alias through the forms, each on the timeline', async () => {
      const set = await post(
        `/lineages/${name}/aliases`,
        { alias: 'champion', version: '1' },
        evaluatorCookie,
      );
      assert.equal(set.statusCode, 303, set.body);
      assert.equal(set.headers.location, `/lineages/${name}?done=alias_set#h-aliases`);
      assert.equal((await lineage()).aliases.champion, `${name}-v1`);
      await post(`/lineages/${name}/aliases`, { alias: 'champion', version: '2' }, evaluatorCookie);
      assert.equal((await lineage()).aliases.champion, `${name}-v2`);
      const page = await expectPage(
        await getPage(t.app, `/lineages/${name}?done=alias_set`, evaluatorCookie),
      );
      assert.match(page, /role="status">The alias is set/);
      assert.match(page, /aria-label="Remove alias @champion"/);
      assert.equal((page.match(/<tr data-kind="alias_set">/g) ?? []).length, 2);

      const removed = await post(`/lineages/${name}/aliases/champion/remove`, {}, evaluatorCookie);
      assert.equal(removed.statusCode, 303);
      assert.deepEqual((await lineage()).aliases, {});
    });

    it('lets a maintainer with write edit the description and tags of the lineage and of a version', async () => {
      const page = await expectPage(await getPage(t.app, `/lineages/${name}`, maintainerCookie));
      assert.match(page, /<textarea id="description-text" name="description"/);
      assert.doesNotMatch(page, /action="\/lineages\/[^"]*\/aliases"/, 'no alias form without evaluate');

      assert.equal(
        (
          await post(
            `/lineages/${name}/description`,
            { description: '## Why\nA **test**.' },
            maintainerCookie,
          )
        ).statusCode,
        303,
      );
      assert.equal(
        (await post(`/lineages/${name}/tags`, { key: 'team', value: 'neuro' }, maintainerCookie)).statusCode,
        303,
      );
      const after = await lineage();
      assert.equal(after.description, '## Why\nA **test**.');
      assert.deepEqual(after.tags, { team: 'neuro' });
      assert.equal((await post(`/lineages/${name}/tags/team/remove`, {}, maintainerCookie)).statusCode, 303);
      assert.deepEqual((await lineage()).tags, {});

      const version = `${name}-v3`;
      assert.equal(
        (await post(`/models/${version}/description`, { description: 'Third.' }, maintainerCookie))
          .statusCode,
        303,
      );
      assert.equal(
        (await post(`/models/${version}/tags`, { key: 'reviewed', value: 'yes' }, maintainerCookie))
          .statusCode,
        303,
      );
      const model = await expectPage(
        await getPage(t.app, `/models/${version}?done=tag_set`, maintainerCookie),
      );
      assert.match(model, /<h2 id="h-about">Description<\/h2><div class="card markdown"><p>Third.<\/p>/);
      assert.match(model, /<code>reviewed<\/code><\/td><td>yes<\/td>/);
      assert.match(model, /role="status">The tag is set/);
      assert.match(model, /Remove tag <code>reviewed<\/code>/);
    });

    it('refuses a signed-out form (401 with the sign-in form), a non-maintainer (403), a write-only alias change (403) and a cross-site form (403), writing nothing', async () => {
      const refusals: [string, Record<string, string>, string | undefined, number, RegExp][] = [
        [
          `/lineages/${name}/description`,
          { description: 'x' },
          undefined,
          401,
          /Sign in to edit the description/,
        ],
        [`/lineages/${name}/tags`, { key: 'k', value: 'v' }, outsiderCookie, 403, /is not a maintainer/],
        [`/models/${name}-v1/description`, { description: 'x' }, outsiderCookie, 403, /is not a maintainer/],
        [
          `/lineages/${name}/aliases`,
          { alias: 'x', version: '1' },
          maintainerCookie,
          403,
          /&#39;evaluate&#39; scope/,
        ],
        [`/models/${name}-v1/promote`, {}, maintainerCookie, 403, /&#39;evaluate&#39; scope/],
        [
          `/lineages/${name}/aliases`,
          { alias: 'x', version: '99' },
          evaluatorCookie,
          422,
          /has no version 99/,
        ],
        [`/lineages/${name}/tags`, { key: '-bad key', value: 'v' }, maintainerCookie, 400, /key/],
      ];
      for (const [url, fields, cookie, status, message] of refusals) {
        await expectNothingWritten(t.store.db, async () => {
          const body = await expectPage(await post(url, fields, cookie), status);
          assert.match(body, message, url);
          if (status === 401) assert.match(body, /<form method="post" action="\/kg\/session"/);
        });
      }
      await expectNothingWritten(t.store.db, async () => {
        const crossSite = await postCrossSite(
          t.app,
          `/lineages/${name}/aliases`,
          { alias: 'x', version: '1' },
          evaluatorCookie,
        );
        assert.equal(crossSite.statusCode, 403);
        assert.match(crossSite.body, /not sent from a page of this server/);
      });
    });

    it("reads the signed-in agent's rights on the model page in one statement beside the session's", async () => {
      const statements = (url: string, cookie?: string) =>
        countStatements(t.store.db, () => getPage(t.app, url, cookie));
      // The lineage page's forms need nothing but the session: its difference is the session's lookup.
      const session =
        (await statements(`/lineages/${name}`, evaluatorCookie)) - (await statements(`/lineages/${name}`));
      const model = `/models/${name}-v1`;
      const signedIn = (await statements(model, evaluatorCookie)) - (await statements(model));
      assert.equal(signedIn, session + 1, 'the maintainers and the policy, read together');
    });

    it('promotes a candidate of an ungoverned lineage through the form and comes back to the page', async () => {
      const response = await post(
        `/models/${name}-v2/promote`,
        { next: `/lineages/${name}` },
        evaluatorCookie,
      );
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, `/lineages/${name}?done=promoted`);
      assert.equal((await lineage()).promoted, `${name}-v2`);
      const page = await expectPage(await getPage(t.app, `/lineages/${name}`, evaluatorCookie));
      assert.equal((page.match(/<tr data-kind="promoted">/g) ?? []).length, 1);
    });

    it('offers "Request promotion" instead of "Promote" on a governed lineage, refuses a direct promotion there, and opens a request', async () => {
      const page = await expectPage(await getPage(t.app, `/models/${governed}-v2`, evaluatorCookie));
      assert.match(page, /<button type="submit">Request promotion<\/button>/);
      assert.doesNotMatch(page, /<button type="submit">Promote<\/button>/);
      await expectNothingWritten(t.store.db, async () => {
        const body = await expectPage(await post(`/models/${governed}-v2/promote`, {}, evaluatorCookie), 409);
        assert.match(body, /promotion-requests/);
      });
      const opened = await post(
        `/models/${governed}-v2/promotion-requests`,
        { note: 'ready' },
        evaluatorCookie,
      );
      assert.equal(opened.statusCode, 303, opened.body);
      assert.match(String(opened.headers.location), /^\/promotion-requests\/\d+\?done=request_opened$/);
    });
  });
}
