/**
 * The lineage page's timeline pages and its protected aliases: the timeline shows 30 entries and
 * pages on with an "Older entries" link (the API's cursor), back to the newest; a cursor this server
 * did not issue is a 400 page. A protected alias is marked and offered "Remove" only to `admin`;
 * an evaluator's hand-made removal is still the command's 403, with nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeCursor } from '../../src/http/cursor.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { expectPage, linkWithRel, postForm } from './page-support.ts';
import { expectNothingWritten, getPage, signInCookie } from './session-support.ts';

/** 37 aliases, each set once: with the 3 registrations, 40 timeline entries. */
const ALIASES = Array.from({ length: 37 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`);

/** The aliases of the page's timeline rows, top to bottom, and the kinds of its other rows. */
function timelineRows(body: string): string[] {
  const table = body.slice(body.indexOf('<h2 id="h-timeline">'));
  return [...table.matchAll(/<tr data-kind="([a-z_]+)">[\s\S]*?<\/tr>/g)].map((row) =>
    row[1] === 'alias_set' ? (/<code>@([a-z0-9]+)<\/code>/.exec(row[0])?.[1] ?? '?') : row[1],
  );
}

for (const store of testStores()) {
  describe(`lineage page timeline pages and protected aliases on ${store.name}`, () => {
    let t: TestApp;
    const name = uniqueId('paged');
    let evaluatorCookie: string;
    let adminCookie: string;

    before(async () => {
      t = await startTestApp(store);
      for (let i = 0; i < 3; i++) await registerModel(t, buildModelBody({ model_name: name }));
      for (const alias of ALIASES) {
        const set = await t.request('PUT', `/api/lineages/${name}/aliases/${alias}`, {
          token: ADMIN_TOKEN,
          body: { version_number: 1, protected: alias === 'a01' },
        });
        assert.equal(set.statusCode, 200, set.body);
      }
      evaluatorCookie = await signInCookie(t.app, await t.agentToken(uniqueId('judge'), ['evaluate']));
      adminCookie = await signInCookie(t.app, ADMIN_TOKEN);
    });
    after(() => t.close());

    it('pages the timeline with "Older entries" in the order of the API, and back to the newest', async () => {
      const api = (await t.request('GET', `/api/lineages/${name}/timeline?limit=200`)).json();
      const expected = api.entries.map(
        (entry: { kind: string; alias?: string }) => entry.alias ?? entry.kind,
      );
      assert.equal(expected.length, 40);

      const newest = await expectPage(await getPage(t.app, `/lineages/${name}`));
      assert.deepEqual(timelineRows(newest), expected.slice(0, 30));
      assert.doesNotMatch(newest, />Newest entries</);
      const older = linkWithRel(newest, 'next');
      assert.ok(older?.startsWith(`/lineages/${name}?timeline_cursor=`), older);

      const rest = await expectPage(await getPage(t.app, older ?? ''));
      assert.deepEqual(timelineRows(rest), expected.slice(30));
      assert.equal(linkWithRel(rest, 'next'), undefined, 'the last page');
      assert.match(rest, new RegExp(`<a href="/lineages/${name}#h-timeline">Newest entries</a>`));
    });

    it('answers a cursor this server did not issue with a 400 page', async () => {
      // One never issued, and one in the server's format for another order.
      const otherSort = encodeCursor('updated_at:desc', { value: '2026-01-01T00:00:00.000Z', id: name });
      for (const cursor of ['nonsense', otherSort]) {
        const body = await expectPage(
          await getPage(t.app, `/lineages/${name}?timeline_cursor=${encodeURIComponent(cursor)}`),
          400,
        );
        assert.match(body, /cursor/);
      }
    });

    it('marks the protected alias and offers its Remove to admin only', async () => {
      const removeA01 = /aria-label="Remove alias @a01"/;
      const evaluatorPage = await expectPage(await getPage(t.app, `/lineages/${name}`, evaluatorCookie));
      assert.match(
        evaluatorPage,
        /<code>@a01<\/code><\/a> <span class="badge" title="Only an admin may move or remove it">protected<\/span>/,
      );
      assert.doesNotMatch(evaluatorPage, removeA01);
      assert.match(evaluatorPage, /aria-label="Remove alias @a02"/, 'an alias that is not protected');
      const adminPage = await expectPage(await getPage(t.app, `/lineages/${name}`, adminCookie));
      assert.match(adminPage, removeA01);
    });

    it("refuses an evaluator's hand-made removal of the protected alias (403), writing nothing", async () => {
      await expectNothingWritten(t.store.db, async () => {
        const refused = await postForm(t.app, `/lineages/${name}/aliases/a01/remove`, {}, evaluatorCookie);
        await expectPage(refused, 403);
      });
      assert.equal((await t.request('GET', `/api/lineages/${name}`)).json().aliases.a01, `${name}-v1`);
    });
  });
}
