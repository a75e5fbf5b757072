/**
 * Tags: set, replace and delete on lineages and versions by a maintainer, each a `tag_set`
 * or `tag_deleted` event `{key, value, previous}`; keys with `/` and `:`; the `tag` filter of the
 * model and lineage lists — each error path with its status, code, and nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectRefusal, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`tags on ${store.name}`, () => {
    let t: TestApp;
    let owner: string;
    let other: string;
    let versionId: string;
    const name = uniqueId('tagged');

    const putTag = (url: string, value: unknown, token = owner) =>
      t.request('PUT', url, { token, body: { value } });

    before(async () => {
      t = await startTestApp(store);
      owner = await t.agentToken(uniqueId('owner'), ['write']);
      other = await t.agentToken(uniqueId('other'), ['write']);
      versionId = (await registerModel(t, buildModelBody({ model_name: name }), owner)).id;
    });
    after(() => t.close());

    it('sets, replaces and deletes a version tag, each with its event, and shows it on the version', async () => {
      const url = `/api/models/${versionId}/tags/mlflow.source%2Ftype`;
      assert.deepEqual((await putTag(url, 'notebook')).json(), {
        key: 'mlflow.source/type',
        value: 'notebook',
        previous: null,
      });
      assert.deepEqual((await putTag(url, 'job')).json(), {
        key: 'mlflow.source/type',
        value: 'job',
        previous: 'notebook',
      });
      assert.deepEqual((await t.request('GET', `/api/models/${versionId}`)).json().tags, {
        'mlflow.source/type': 'job',
      });
      assert.equal((await t.request('DELETE', url, { token: owner })).statusCode, 204);
      const events = (await t.request('GET', `/api/events?target=${versionId}&limit=10`)).json().events;
      assert.deepEqual(
        events
          .filter((e: { event_type: string }) => e.event_type.startsWith('tag_'))
          .map((e: { event_type: string; detection_metadata: object }) => [
            e.event_type,
            e.detection_metadata,
          ]),
        [
          ['tag_deleted', { key: 'mlflow.source/type', value: null, previous: 'job' }],
          ['tag_set', { key: 'mlflow.source/type', value: 'job', previous: 'notebook' }],
          ['tag_set', { key: 'mlflow.source/type', value: 'notebook', previous: null }],
        ],
      );
    });

    it('tags a lineage and a version reached through an alias, and filters both lists by tag', async () => {
      assert.equal((await putTag(`/api/lineages/${name}/tags/team`, 'neuro')).statusCode, 200);
      await t.request('PUT', `/api/lineages/${name}/aliases/champion`, {
        token: ADMIN_TOKEN,
        body: { version_number: 1 },
      });
      assert.equal((await putTag(`/api/models/${name}@champion/tags/stage`, 'reviewed:yes')).statusCode, 200);
      const models = (await t.request('GET', `/api/models?tag=stage:reviewed:yes&q=${name}`)).json();
      assert.deepEqual(
        models.models.map((m: { id: string }) => m.id),
        [versionId],
      );
      assert.equal((await t.request('GET', `/api/models?tag=stage:reviewed:no&q=${name}`)).json().total, 0);
      assert.equal(
        (await t.request('GET', `/api/models?tag=stage&q=${name}`)).json().total,
        1,
        'a key alone matches any value',
      );
      assert.equal(
        (await t.request('GET', `/api/models?tag=stage:reviewed&q=${name}`)).json().total,
        0,
        'split at the first colon',
      );
      const lineages = (await t.request('GET', `/api/lineages?tag=team:neuro&tag=team`)).json();
      assert.deepEqual(
        lineages.lineages.map((l: { model_name: string }) => l.model_name),
        [name],
      );
      assert.deepEqual(lineages.lineages[0].tags, { team: 'neuro' });
    });

    const refusals: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      [
        "another agent's lineage tag",
        () => putTag(`/api/lineages/${name}/tags/team`, 'x', other),
        403,
        'not_a_maintainer',
      ],
      [
        "another agent's version tag",
        () => putTag(`/api/models/${versionId}/tags/k`, 'x', other),
        403,
        'not_a_maintainer',
      ],
      [
        'a value longer than 5,000 characters',
        () => putTag(`/api/models/${versionId}/tags/k`, 'x'.repeat(5_001)),
        400,
        'invalid_request',
      ],
      [
        'a value that is not a string',
        () => putTag(`/api/models/${versionId}/tags/k`, 3),
        400,
        'invalid_request',
      ],
      [
        'a key that does not match the pattern',
        () => putTag(`/api/models/${versionId}/tags/-k`, 'x'),
        400,
        'invalid_request',
      ],
      ['an unknown version', () => putTag(`/api/models/${uniqueId('nope')}/tags/k`, 'x'), 404, 'not_found'],
      [
        'an unknown lineage',
        () => putTag(`/api/lineages/${uniqueId('nope')}/tags/k`, 'x', ADMIN_TOKEN),
        404,
        'not_found',
      ],
      [
        'deleting a tag that is not there',
        () => t.request('DELETE', `/api/models/${versionId}/tags/absent`, { token: owner }),
        404,
        'not_found',
      ],
      [
        'no token',
        () => t.request('PUT', `/api/models/${versionId}/tags/k`, { body: { value: 'x' } }),
        401,
        'unauthenticated',
      ],
    ];
    for (const [what, send, status, code] of refusals) {
      it(`refuses ${what} with ${status} ${code} and writes nothing`, async () => {
        await expectRefusal(t, send, status, code);
      });
    }
  });
}
