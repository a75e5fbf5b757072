/**
 * The lineage page (`/lineages/{model_name}`) and what the model page and catalog
 * show of aliases and tags: valid HTML, the description rendered from Markdown with raw HTML off,
 * versions, aliases, maintainers, tags; 404 and 400 pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { expectPage } from './page-support.ts';

for (const store of testStores()) {
  describe(`lineage page on ${store.name}`, () => {
    let t: TestApp;
    const name = uniqueId('paged');
    const admin = (method: string, url: string, body?: object) =>
      t.request(method, url, { token: ADMIN_TOKEN, body });

    before(async () => {
      t = await startTestApp(store);
      for (let i = 0; i < 2; i++) await registerModel(t, buildModelBody({ model_name: name }));
      await admin('PATCH', `/api/lineages/${name}`, {
        description:
          '## Purpose\nModels the **TREM2** gate.\n\n<script>alert("x")</script>\n\n[evil](javascript:alert(1))',
      });
      await admin('PUT', `/api/lineages/${name}/aliases/champion`, { version_number: 2 });
      await admin('PUT', `/api/lineages/${name}/tags/team`, { value: 'neuro <lab>' });
      await admin('PUT', `/api/models/${name}-v2/tags/reviewed`, { value: 'yes' });
    });
    after(() => t.close());

    it('renders the description from Markdown with raw HTML shown as text, and the lineage facts', async () => {
      const body = await expectPage(await t.request('GET', `/lineages/${name}`));
      assert.match(body, /<h2>Purpose<\/h2>/);
      assert.match(body, /<strong>TREM2<\/strong>/);
      assert.doesNotMatch(body, /<script>alert|href="javascript:/);
      assert.match(body, /&lt;script&gt;/);
      assert.match(body, new RegExp(`href="/models/${name}-v2">${name}-v2</a>`), 'the latest version');
      assert.match(body, new RegExp(`href="/models/${name}%40champion"><code>@champion</code>`));
      assert.match(body, /<code>team<\/code><\/td><td>neuro &lt;lab&gt;<\/td>/);
      assert.match(body, /<dt>Maintainers<\/dt><dd>admin<\/dd>/);
      assert.equal((body.match(/<a href="\/models\/[^"]+">v\d<\/a>/g) ?? []).length, 2, 'both versions');
    });

    it('shows aliases and tags on the model page, with a link to the lineage page', async () => {
      const body = await expectPage(await t.request('GET', `/models/${name}@champion`));
      assert.match(body, new RegExp(`<a href="/lineages/${name}">${name}</a>`));
      assert.match(body, /class="badge" href="[^"]*champion">@champion<\/a>/);
      assert.match(body, /<code>reviewed<\/code><\/td><td>yes<\/td>/);
    });

    it('filters the catalog by tag and keeps the filter in its form', async () => {
      const body = await expectPage(await t.request('GET', '/models?tag=reviewed:yes&tag='));
      assert.match(body, new RegExp(`${name}-v2`));
      assert.match(body, /name="tag" value="reviewed:yes"/);
    });

    it('answers an unknown lineage with the 404 page and a bad name with the 400 page', async () => {
      await expectPage(await t.request('GET', `/lineages/${uniqueId('nope')}`), 404);
      await expectPage(await t.request('GET', '/lineages/.hidden'), 400);
    });
  });
}
