/**
 * Lineages: the lineage resource and its list (name search, tag filters, newest change
 * first, keyset pages), one lineage with its versions, and its Markdown description — each error
 * path with its status, code, and nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectRefusal, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`lineages on ${store.name}`, () => {
    let t: TestApp;
    let owner: string;
    let ownerToken: string;
    let other: string;
    const prefix = uniqueId('lin');
    const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];

    before(async () => {
      t = await startTestApp(store);
      owner = uniqueId('owner');
      ownerToken = await t.agentToken(owner, ['write', 'evaluate']);
      other = await t.agentToken(uniqueId('other'), ['write', 'evaluate']);
      for (const name of names) await registerModel(t, buildModelBody({ model_name: name }), ownerToken);
      await registerModel(t, buildModelBody({ model_name: names[0] }), ownerToken);
      const tag = (name: string, key: string, value: string) =>
        t.request('PUT', `/api/lineages/${name}/tags/${key}`, { token: ownerToken, body: { value } });
      assert.equal((await tag(names[1], 'team', 'neuro')).statusCode, 200);
      assert.equal((await tag(names[2], 'team', 'cardio')).statusCode, 200);
    });
    after(() => t.close());

    it('lists lineages as resources, newest change first, with a name search', async () => {
      const page = (await t.request('GET', `/api/lineages?q=${prefix.toUpperCase()}`)).json();
      assert.deepEqual(
        page.lineages.map((l: { model_name: string }) => l.model_name),
        [names[2], names[1], names[0]],
      );
      assert.equal(page.total, 3);
      const [c] = page.lineages;
      assert.deepEqual(Object.keys(c).sort(), [
        'aliases',
        'created_at',
        'description',
        'latest',
        'maintainers',
        'model_name',
        'policy',
        'promoted',
        'tags',
        'updated_at',
        'versions',
      ]);
      assert.deepEqual(
        [c.latest, c.promoted, c.versions, c.maintainers, c.tags],
        [`${names[2]}-v1`, null, 1, [owner], { team: 'cardio' }],
      );
      assert.equal(page.lineages[2].versions, 2);
    });

    it('filters by tag, key:value or key alone, and pages by cursor without overlap', async () => {
      const byValue = (await t.request('GET', `/api/lineages?q=${prefix}&tag=team:neuro`)).json();
      assert.deepEqual(
        byValue.lineages.map((l: { model_name: string }) => l.model_name),
        [names[1]],
      );
      const byKey = (await t.request('GET', `/api/lineages?q=${prefix}&tag=team`)).json();
      assert.equal(byKey.total, 2);
      const seen: string[] = [];
      let url = `/api/lineages?q=${prefix}&limit=1`;
      for (let i = 0; i < 5; i++) {
        const page = (await t.request('GET', url)).json();
        seen.push(...page.lineages.map((l: { model_name: string }) => l.model_name));
        if (!page.next_cursor) break;
        url = `/api/lineages?q=${prefix}&limit=1&cursor=${page.next_cursor}`;
      }
      assert.deepEqual(seen, [names[2], names[1], names[0]]);
    });

    it('shows one lineage with its versions as list items, oldest first', async () => {
      const lineage = (await t.request('GET', `/api/lineages/${names[0]}`)).json();
      assert.deepEqual(
        lineage.versions.map((v: { version_number: number }) => v.version_number),
        [1, 2],
      );
      assert.equal(lineage.latest, `${names[0]}-v2`);
      assert.deepEqual(lineage.maintainers, [owner]);
      assert.equal(typeof lineage.versions[0].quality_score, 'number');
    });

    it("sets the description as a maintainer, and refuses anyone else's with 403 not_a_maintainer", async () => {
      const body = { description: '# Activation\nFits the **TREM2** gate.' };
      const patched = await t.request('PATCH', `/api/lineages/${names[0]}`, { token: ownerToken, body });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().description, body.description);
      await expectRefusal(
        t,
        () => t.request('PATCH', `/api/lineages/${names[0]}`, { token: other, body }),
        403,
        'not_a_maintainer',
      );
    });

    const refusals: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      ['an unknown lineage', () => t.request('GET', `/api/lineages/${uniqueId('nope')}`), 404, 'not_found'],
      ['a name that is not an id', () => t.request('GET', '/api/lineages/.x'), 400, 'invalid_request'],
      [
        'an unknown list parameter',
        () => t.request('GET', '/api/lineages?sort=name'),
        400,
        'unknown_parameter',
      ],
      [
        'a cursor with an offset',
        () => t.request('GET', '/api/lineages?offset=1&cursor=abc'),
        400,
        'invalid_request',
      ],
      [
        'a cursor of another list',
        () => t.request('GET', '/api/lineages?cursor=WyJjcmVhdGVkX2F0OmRlc2MiLG51bGwsIngiXQ'),
        400,
        'invalid_request',
      ],
      [
        'a description without a token',
        () => t.request('PATCH', `/api/lineages/${names[0]}`, { body: { description: 'x' } }),
        401,
        'unauthenticated',
      ],
      [
        'a description of an unknown lineage',
        () =>
          t.request('PATCH', `/api/lineages/${uniqueId('nope')}`, {
            token: ADMIN_TOKEN,
            body: { description: 'x' },
          }),
        404,
        'not_found',
      ],
      [
        'an unknown body field',
        () =>
          t.request('PATCH', `/api/lineages/${names[0]}`, {
            token: ADMIN_TOKEN,
            body: { description: 'x', title: 'y' },
          }),
        400,
        'invalid_request',
      ],
    ];
    for (const [what, send, status, code] of refusals) {
      it(`refuses ${what} with ${status} ${code} and writes nothing`, async () => {
        await expectRefusal(t, send, status, code);
      });
    }
  });
}
