/**
 * The artifact page (`/artifacts/{id}`): versions with digest and uri, links both ways to pages
 * (never to JSON), a dataset's "used by" per version, the retraction banner and history, and the
 * "Retract…" / "Reinstate…" link offered only to a signed-in agent that may take the action.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  addVersion,
  buildModelBody,
  createAnalysis,
  createDataset,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { retract } from '../support/retraction.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { expectPage } from './page-support.ts';

for (const store of testStores()) {
  describe(`artifact page on ${store.name}`, () => {
    let t: TestApp;
    let dataset: string;
    let analysis: string;
    let v1Model: string;
    let v2Model: string;
    let evaluator: string;
    let writer: string;
    const getPage = (url: string, token?: string) =>
      t.app.inject({ method: 'GET', url, headers: token ? { cookie: `mg_token=${token}` } : {} });

    before(async () => {
      t = await startTestApp(store);
      evaluator = await t.agentToken(uniqueId('page-evaluator'), ['evaluate']);
      writer = await t.agentToken(uniqueId('page-writer'), ['write']);
      dataset = await createDataset(t, { title: 'Cohort <scans>' });
      await addVersion(t, dataset, { digest: `sha256:${'b'.repeat(64)}`, uri: 's3://bucket/cohort/v2/' });
      analysis = await createAnalysis(t, [{ artifact_id: dataset, version: 2 }]);
      const name = uniqueId('usedby');
      v1Model = (
        await registerModel(
          t,
          buildModelBody({ model_name: name, trained_on: [{ dataset_id: dataset, version: 1 }] }),
        )
      ).id;
      v2Model = (
        await registerModel(
          t,
          buildModelBody({ model_name: name, trained_on: [{ dataset_id: dataset, version: 2 }] }),
        )
      ).id;
    });
    after(() => t.close());

    it('lists the versions with digest and uri, and what was trained on each version', async () => {
      const body = await expectPage(await getPage(`/artifacts/${dataset}`));
      assert.match(body, /<h1>Cohort &lt;scans&gt;<\/h1>/);
      assert.match(body, new RegExp(`<code>sha256:${'b'.repeat(64)}</code>`));
      assert.match(body, /s3:\/\/bucket\/cohort\/v2\//);
      const usedBy = body.slice(body.indexOf('id="h-used-by"'), body.indexOf('id="h-links"'));
      assert.match(usedBy, new RegExp(`<dt>v2</dt><dd><a href="/models/${v2Model}">${v2Model}</a></dd>`));
      assert.match(usedBy, new RegExp(`<dt>v1</dt><dd><a href="/models/${v1Model}">${v1Model}</a></dd>`));
      assert.ok(
        usedBy.indexOf('<dt>v2</dt>') < usedBy.indexOf('<dt>v1</dt>'),
        'newest dataset version first',
      );
    });

    it('links both ways to pages, never to the JSON of another artifact', async () => {
      const datasetPage = await expectPage(await getPage(`/artifacts/${dataset}`));
      assert.match(
        datasetPage,
        new RegExp(`<td>takes this as input</td><td><a href="/artifacts/${analysis}">`),
      );
      assert.match(datasetPage, new RegExp(`<td>trained on this</td><td><a href="/models/${v2Model}">`));
      const analysisPage = await expectPage(await getPage(`/artifacts/${analysis}`));
      assert.match(analysisPage, new RegExp(`<td>takes as input</td><td><a href="/artifacts/${dataset}">`));
      assert.doesNotMatch(analysisPage, /id="h-used-by"/, 'only a dataset has "used by"');
      const apiLinks = [...datasetPage.matchAll(/href="(\/api\/[^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(apiLinks, [`/api/artifacts/${dataset}`], 'only its own JSON');
    });

    it('offers "Retract…" only to a signed-in agent that may retract', async () => {
      const link = `href="/artifacts/${dataset}/retract"`;
      assert.doesNotMatch(await expectPage(await getPage(`/artifacts/${dataset}`)), new RegExp(link));
      assert.doesNotMatch(await expectPage(await getPage(`/artifacts/${dataset}`, writer)), new RegExp(link));
      assert.doesNotMatch(
        await expectPage(await getPage(`/artifacts/${dataset}`, 'not-a-token')),
        new RegExp(link),
      );
      assert.match(
        await expectPage(await getPage(`/artifacts/${dataset}`, evaluator)),
        new RegExp(`${link}>Retract…`),
      );
    });

    it('shows the retraction banner and history, and offers "Reinstate…" instead', async () => {
      const retracted = await createDataset(t);
      await retract(t, retracted, {
        reason: 'consent withdrawn',
        evidence_url: 'https://example.org/notice',
      });
      const body = await expectPage(await getPage(`/artifacts/${retracted}`, evaluator));
      assert.match(
        body,
        /<div class="callout warn" role="status"><p><strong>⚠ Retracted<\/strong> by <a href="\/agents\/admin">admin<\/a>/,
      );
      assert.match(
        body,
        /consent withdrawn \(<a href="https:\/\/example.org\/notice" rel="noopener noreferrer">evidence<\/a>\)/,
      );
      assert.match(body, /<td>the whole artifact<\/td>/);
      assert.match(body, /<span class="flagged">in force<\/span>/);
      assert.match(body, new RegExp(`href="/artifacts/${retracted}/reinstate">Reinstate…`));
      assert.doesNotMatch(body, /Retract…/);
    });

    it('answers 404 as a page for an unknown artifact, and reading writes nothing', async () => {
      const before = await countAllRows(t.store.db);
      const body = await expectPage(await getPage('/artifacts/no-such-artifact'), 404);
      assert.match(body, /artifact &#39;no-such-artifact&#39; does not exist/);
      await expectPage(await getPage(`/artifacts/${dataset}`, evaluator));
      assert.deepEqual(await countAllRows(t.store.db), before);
    });
  });
}
