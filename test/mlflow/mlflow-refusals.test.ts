/**
 * Every refusal of the MLflow face sent as MLflow's client would send it: the HTTP status
 * MLflow's server gives the code, the `error_code` the client reads, and no row written anywhere.
 */
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { expectMlflowRefusal, expectOk, mlflow } from '../support/mlflow.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`MLflow face refusals on ${store.name}`, () => {
    let t: TestApp;
    let owner: string;
    let writer: string;
    let name: string;
    let writerModel: string;
    let stranger: string;
    before(async () => {
      t = await startTestApp(store);
      owner = await t.agentToken('mlflow-owner', ['write', 'evaluate']);
      writer = await t.agentToken('mlflow-writer', ['write']);
      name = uniqueId('refusals');
      expectOk(await mlflow(t, 'POST', 'registered-models/create', { name }, owner));
      for (const source of ['s3://b/1', 's3://b/2']) {
        expectOk(await mlflow(t, 'POST', 'model-versions/create', { name, source }, owner));
      }
      expectOk(
        await mlflow(
          t,
          'POST',
          'model-versions/transition-stage',
          { name, version: '1', stage: 'Production', archive_existing_versions: false },
          owner,
        ),
      );
      writerModel = uniqueId('writer-model');
      expectOk(
        await mlflow(t, 'POST', 'model-versions/create', { name: writerModel, source: 's3://b/w' }, writer),
      );
      stranger = await t.agentToken('mlflow-stranger', ['evaluate']);
    });
    after(() => t.close());

    const refuses = (
      label: string,
      status: number,
      code: string,
      send: () => Promise<import('fastify').LightMyRequestResponse>,
    ) =>
      it(label, async () => {
        await expectMlflowRefusal(t, send, status, code);
      });

    refuses('a write without a token is UNAUTHENTICATED (401)', 401, 'UNAUTHENTICATED', () =>
      mlflow(t, 'POST', 'registered-models/create', { name: uniqueId('anon') }),
    );
    refuses('an unknown token is UNAUTHENTICATED', 401, 'UNAUTHENTICATED', () =>
      mlflow(t, 'POST', 'registered-models/create', { name: uniqueId('anon') }, 'no-such-token'),
    );
    refuses(
      'a promotion without the evaluate scope is PERMISSION_DENIED (403)',
      403,
      'PERMISSION_DENIED',
      () =>
        mlflow(
          t,
          'POST',
          'model-versions/transition-stage',
          { name, version: '2', stage: 'Production' },
          writer,
        ),
    );
    refuses('a version registered by a non-maintainer is PERMISSION_DENIED', 403, 'PERMISSION_DENIED', () =>
      mlflow(t, 'POST', 'model-versions/create', { name, source: 's3://b/x' }, writer),
    );
    refuses('a tag set by a non-maintainer is PERMISSION_DENIED', 403, 'PERMISSION_DENIED', () =>
      mlflow(t, 'POST', 'registered-models/set-tag', { name, key: 'k', value: 'v' }, writer),
    );
    refuses('a raw score tag set later without evaluate is PERMISSION_DENIED', 403, 'PERMISSION_DENIED', () =>
      mlflow(
        t,
        'POST',
        'model-versions/set-tag',
        { name: writerModel, version: '1', key: 'modelgraph.raw_quality_score', value: '0.9' },
        writer,
      ),
    );
    refuses('deleting a model one does not maintain is PERMISSION_DENIED', 403, 'PERMISSION_DENIED', () =>
      mlflow(t, 'DELETE', 'registered-models/delete', { name }, stranger),
    );
    refuses('a name that is not an id is INVALID_PARAMETER_VALUE (400)', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'POST', 'registered-models/create', { name: 'has spaces/and slash' }, owner),
    );
    refuses('a missing name is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'POST', 'registered-models/create', { description: 'x' }, owner),
    );
    refuses('a name of the wrong type is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'POST', 'registered-models/create', { name: 123 }, owner),
    );
    refuses(
      'a duplicate registered model is RESOURCE_ALREADY_EXISTS with a 400',
      400,
      'RESOURCE_ALREADY_EXISTS',
      () => mlflow(t, 'POST', 'registered-models/create', { name }, owner),
    );
    refuses('rename is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'POST', 'registered-models/rename', { name, new_name: `${name}-2` }, owner),
    );
    refuses('an unknown model is RESOURCE_DOES_NOT_EXIST (404)', 404, 'RESOURCE_DOES_NOT_EXIST', () =>
      mlflow(t, 'GET', 'registered-models/get', { name: `${name}-nope` }),
    );
    refuses('an unknown version is RESOURCE_DOES_NOT_EXIST', 404, 'RESOURCE_DOES_NOT_EXIST', () =>
      mlflow(t, 'GET', 'model-versions/get', { name, version: '9' }),
    );
    refuses('a version that is not a number is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'GET', 'model-versions/get', { name, version: 'abc' }),
    );
    refuses('a version without a source is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'POST', 'model-versions/create', { name }, owner),
    );
    refuses(
      'a reserved tag naming a missing dataset is RESOURCE_DOES_NOT_EXIST, lineage included',
      404,
      'RESOURCE_DOES_NOT_EXIST',
      () =>
        mlflow(
          t,
          'POST',
          'model-versions/create',
          {
            name: uniqueId('fresh'),
            source: 's3://b/1',
            tags: [{ key: 'modelgraph.trained_on', value: 'dataset-nope@1' }],
          },
          owner,
        ),
    );
    refuses(
      'a reserved tag naming a missing analysis later is RESOURCE_DOES_NOT_EXIST',
      404,
      'RESOURCE_DOES_NOT_EXIST',
      () =>
        mlflow(
          t,
          'POST',
          'model-versions/set-tag',
          { name, version: '2', key: 'modelgraph.produced_by', value: 'analysis-nope' },
          owner,
        ),
    );
    refuses('an unknown model family tag is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(
        t,
        'POST',
        'model-versions/create',
        { name, source: 's3://b/3', tags: [{ key: 'modelgraph.model_family', value: 'quantum' }] },
        owner,
      ),
    );
    refuses(
      'a tag key modelgraph cannot store is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      () => mlflow(t, 'POST', 'registered-models/set-tag', { name, key: 'has space', value: 'v' }, owner),
    );
    refuses(
      'a tag value over 5,000 characters is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      () =>
        mlflow(
          t,
          'POST',
          'model-versions/set-tag',
          { name, version: '2', key: 'k', value: 'x'.repeat(5001) },
          owner,
        ),
    );
    for (const stage of ['Staging', 'None', 'bogus']) {
      refuses(`transition to ${stage} is INVALID_PARAMETER_VALUE`, 400, 'INVALID_PARAMETER_VALUE', () =>
        mlflow(
          t,
          'POST',
          'model-versions/transition-stage',
          { name, version: '2', stage, archive_existing_versions: false },
          owner,
        ),
      );
    }
    refuses(
      'deleting the Production version is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      () => mlflow(t, 'DELETE', 'model-versions/delete', { name, version: '1' }, owner),
    );
    refuses(
      'an alias modelgraph cannot store is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      () => mlflow(t, 'POST', 'registered-models/alias', { name, alias: 'Champion!', version: '2' }, owner),
    );
    refuses('the reserved alias latest is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'POST', 'registered-models/alias', { name, alias: 'latest', version: '2' }, owner),
    );
    refuses(
      'an alias for an unknown version is RESOURCE_DOES_NOT_EXIST',
      404,
      'RESOURCE_DOES_NOT_EXIST',
      () => mlflow(t, 'POST', 'registered-models/alias', { name, alias: 'champion', version: '77' }, owner),
    );
    refuses('an unknown alias is INVALID_PARAMETER_VALUE, as in MLflow', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'GET', 'registered-models/alias', { name, alias: 'nosuch' }),
    );
    refuses('malformed JSON is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      t.app.inject({
        method: 'POST',
        url: '/api/2.0/mlflow/registered-models/create',
        payload: '{"name":',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      }),
    );
    refuses('a NUL character is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(
        t,
        'POST',
        'registered-models/create',
        { name: uniqueId('nul'), description: 'a\u0000b' },
        owner,
      ),
    );
    refuses('a body that is not an object is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      t.app.inject({
        method: 'POST',
        url: '/api/2.0/mlflow/registered-models/create',
        payload: '["x"]',
        headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      }),
    );
    refuses('a filter that does not parse is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'GET', 'registered-models/search', { filter: "name = 'a' OR" }),
    );
    refuses(
      'a comparison a field cannot take is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      () => mlflow(t, 'GET', 'model-versions/search', { filter: "version_number LIKE '1%'" }),
    );
    refuses(
      'a filter on an attribute the endpoint lacks is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      () => mlflow(t, 'GET', 'registered-models/search', { filter: "description = 'a'" }),
    );
    refuses(
      'an order_by key the endpoint lacks is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      () => mlflow(t, 'GET', 'registered-models/search', { order_by: 'creation_timestamp' }),
    );
    refuses('max_results over 1,000 is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'GET', 'registered-models/search', { max_results: '1001' }),
    );
    refuses('max_results 0 is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'GET', 'model-versions/search', { max_results: '0' }),
    );
    refuses('a page token not issued here is INVALID_PARAMETER_VALUE', 400, 'INVALID_PARAMETER_VALUE', () =>
      mlflow(t, 'GET', 'registered-models/search', { page_token: 'eyJvZmZzZXQiOiAyfQ==' }),
    );
    refuses(
      'a page token of another search is INVALID_PARAMETER_VALUE',
      400,
      'INVALID_PARAMETER_VALUE',
      async () => {
        const page = expectOk(await mlflow(t, 'GET', 'model-versions/search', { max_results: '1' }));
        return mlflow(t, 'GET', 'model-versions/search', {
          max_results: '1',
          filter: `name = '${name}'`,
          page_token: page.next_page_token,
        });
      },
    );
    refuses('an unknown endpoint under the prefix is ENDPOINT_NOT_FOUND', 404, 'ENDPOINT_NOT_FOUND', () =>
      mlflow(t, 'GET', 'registered-models/bogus', { name }),
    );
    refuses('the MLflow 3 server-info probe is ENDPOINT_NOT_FOUND', 404, 'ENDPOINT_NOT_FOUND', () =>
      t.app.inject({ method: 'GET', url: '/api/3.0/mlflow/server-info' }),
    );
    refuses('a known path with another method is ENDPOINT_NOT_FOUND', 404, 'ENDPOINT_NOT_FOUND', () =>
      mlflow(t, 'GET', 'registered-models/create', { name: uniqueId('get') }),
    );
  });
}
