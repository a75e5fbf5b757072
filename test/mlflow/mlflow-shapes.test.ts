/**
 * What MLflow's client relies on in the face's answers (as MLflow's real server answers):
 * exactly 200 with a JSON object, `version` as a string, `status: "READY"`, millisecond timestamps,
 * empty fields and empty results left out, unknown request fields ignored, and keyset pages that
 * neither overlap nor skip in the default order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { expectOk, mlflow } from '../support/mlflow.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`MLflow face answers on ${store.name}`, () => {
    let t: TestApp;
    let token: string;
    before(async () => {
      t = await startTestApp(store);
      token = await t.agentToken('mlflow-shapes', ['write', 'evaluate']);
    });
    after(() => t.close());

    it('answers a registered model and its versions in MLflow shapes, ignoring unknown fields', async () => {
      const name = uniqueId('shapes');
      const before = Date.now();
      const created = expectOk(
        await mlflow(
          t,
          'POST',
          'registered-models/create',
          { name, deployment_job_id: 'x', extra: 1 },
          token,
        ),
      );
      assert.deepEqual(Object.keys(created.registered_model).sort(), [
        'creation_timestamp',
        'last_updated_timestamp',
        'name',
      ]);
      // Milliseconds of the moment it was created: between the readings taken around the request.
      const createdAt = created.registered_model.creation_timestamp;
      assert.ok(before <= createdAt && createdAt <= Date.now(), `creation_timestamp ${createdAt}`);
      const { model_version: version } = expectOk(
        await mlflow(
          t,
          'POST',
          'model-versions/create',
          { name, source: 'models:/m-0123abc', model_id: 'm-0123abc', model_params: [{ key: 'x' }] },
          token,
        ),
      );
      assert.deepEqual(version, {
        name,
        version: '1',
        creation_timestamp: version.creation_timestamp,
        last_updated_timestamp: version.last_updated_timestamp,
        user_id: 'mlflow-shapes',
        current_stage: 'None',
        description: '',
        source: 'models:/m-0123abc',
        run_id: '',
        run_link: '',
        status: 'READY',
        model_id: 'm-0123abc',
      });
      const { registered_model: model } = expectOk(await mlflow(t, 'GET', 'registered-models/get', { name }));
      assert.equal(model.latest_versions.length, 1);
      assert.equal(model.latest_versions[0].version, '1');
    });

    it('answers an empty search with an empty object', async () => {
      const response = await mlflow(t, 'GET', 'registered-models/search', {
        filter: "name = 'nothing-here'",
      });
      assert.deepEqual(expectOk(response), {});
      assert.deepEqual(
        expectOk(await mlflow(t, 'GET', 'model-versions/search', { filter: "name = 'none'" })),
        {},
      );
    });

    it('pages through the default version order without overlap or gap', async () => {
      const names = [uniqueId('page-a'), uniqueId('page-b')];
      for (const name of names) {
        for (let i = 0; i < 3; i++) {
          expectOk(await mlflow(t, 'POST', 'model-versions/create', { name, source: `s3://b/${i}` }, token));
        }
      }
      const filter = `name LIKE 'page-%'`;
      const all = expectOk(await mlflow(t, 'GET', 'model-versions/search', { filter })).model_versions;
      assert.equal(all.length, 6);
      const seen: string[] = [];
      let token_: string | undefined;
      do {
        const page = expectOk(
          await mlflow(t, 'GET', 'model-versions/search', {
            filter,
            max_results: '4',
            ...(token_ ? { page_token: token_ } : {}),
          }),
        );
        seen.push(
          ...page.model_versions.map((v: { name: string; version: string }) => `${v.name}/${v.version}`),
        );
        token_ = page.next_page_token;
      } while (token_);
      assert.deepEqual(
        seen,
        all.map((v: { name: string; version: string }) => `${v.name}/${v.version}`),
      );
      // Newest change first: the last version created leads.
      assert.equal(seen[0], `${names[1]}/3`);
    });

    it('answers get-latest-versions by POST and by GET, one version per stage', async () => {
      const name = uniqueId('latest');
      for (let i = 0; i < 3; i++) {
        expectOk(await mlflow(t, 'POST', 'model-versions/create', { name, source: `s3://b/${i}` }, token));
      }
      const promote = { name, version: '2', stage: 'Production', archive_existing_versions: false };
      expectOk(await mlflow(t, 'POST', 'model-versions/transition-stage', promote, token));
      const byPost = expectOk(await mlflow(t, 'POST', 'registered-models/get-latest-versions', { name }));
      assert.deepEqual(
        byPost.model_versions.map((v: { version: string; current_stage: string }) => [
          v.version,
          v.current_stage,
        ]),
        [
          ['2', 'Production'],
          ['3', 'None'],
        ],
      );
      const byGet = expectOk(
        await mlflow(t, 'GET', 'registered-models/get-latest-versions', { name, stages: ['none'] }),
      );
      assert.deepEqual(
        byGet.model_versions.map((v: { version: string }) => v.version),
        ['3'],
      );
    });
  });
}
