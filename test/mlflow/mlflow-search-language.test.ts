/**
 * The MLflow face's two searches read the search language over their own fields: OR, NOT,
 * parentheses and IN beyond what MLflow's server accepts, with MLflow's spellings (`tag.`,
 * `attribute.`, double quotes) and its meaning of `!=` on a tag (owners without the tag match).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { expectOk, mlflow } from '../support/mlflow.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`the MLflow face's searches read OR, NOT, parentheses and IN on ${store.name}`, () => {
    let t: TestApp;
    let token: string;
    const prefix = uniqueId('lang');
    const names = [0, 1, 2].map((i) => `${prefix}-${i}`);

    before(async () => {
      t = await startTestApp(store);
      token = await t.agentToken(uniqueId('mlflow-lang'), ['write', 'evaluate']);
      for (const [i, name] of names.entries()) {
        const tags = [{ key: 'team', value: i === 1 ? 'b' : 'a' }];
        expectOk(await mlflow(t, 'POST', 'registered-models/create', { name, tags }, token));
        for (let v = 0; v <= i; v++) {
          const versionTags = v === 0 ? [{ key: 'stage', value: 'prod' }] : [];
          const body = { name, source: `s3://b/${name}/${v}`, run_id: `run-${i}-${v}`, tags: versionTags };
          expectOk(await mlflow(t, 'POST', 'model-versions/create', body, token));
        }
      }
    });
    after(() => t.close());

    const models = async (filter: string) =>
      (expectOk(await mlflow(t, 'GET', 'registered-models/search', { filter })).registered_models ?? [])
        .map((model: { name: string }) => model.name)
        .sort();
    const versions = async (filter: string) =>
      (expectOk(await mlflow(t, 'GET', 'model-versions/search', { filter })).model_versions ?? [])
        .map((version: { name: string; version: string }) => `${version.name}/${version.version}`)
        .sort();

    it('searches registered models with OR, IN, NOT and parentheses over the name and tags', async () => {
      assert.deepEqual(await models(`name = '${names[0]}' OR name = '${names[2]}'`), [names[0], names[2]]);
      assert.deepEqual(await models(`name IN ('${names[1]}', 'nope')`), [names[1]]);
      assert.deepEqual(await models(`name LIKE '${prefix}-%' AND NOT (tags.team = 'a')`), [names[1]]);
      assert.deepEqual(await models(`attribute.name LIKE "${prefix}-%" AND tag.team != 'b'`), [
        names[0],
        names[2],
      ]);
    });

    it('searches model versions with OR, IN and NOT over run ids, sources, numbers and tags', async () => {
      assert.deepEqual(
        await versions(`run_id IN ('run-1-1', 'run-2-0') OR source_path = 's3://b/${names[0]}/0'`),
        [`${names[0]}/1`, `${names[1]}/2`, `${names[2]}/1`],
      );
      assert.deepEqual(await versions(`name = '${names[2]}' AND NOT version_number IN (1, '3')`), [
        `${names[2]}/2`,
      ]);
      // `!=` on a tag also finds the versions without it, as MLflow's server does.
      assert.deepEqual(await versions(`name LIKE '${prefix}-%' AND tags.stage != 'prod'`), [
        `${names[1]}/2`,
        `${names[2]}/2`,
        `${names[2]}/3`,
      ]);
    });
  });
}
