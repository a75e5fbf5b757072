/**
 * Aliases: set and move with an event, resolution of `<model_name>@<alias>` (and
 * `@latest`, `@promoted`) on every path that takes a version id, reserved and malformed names,
 * protected aliases only for admin, no alias on an archived version and no archiving an aliased
 * one — each error path with its status, code, and nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, expectRefusal, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`aliases on ${store.name}`, () => {
    let t: TestApp;
    let evaluator: string;
    let writer: string;
    const name = uniqueId('aliased');
    const v = (n: number) => `${name}-v${n}`;
    const aliasUrl = (alias: string, lineage = name) => `/api/lineages/${lineage}/aliases/${alias}`;
    const put = (alias: string, body: object, token = evaluator) =>
      t.request('PUT', aliasUrl(alias), { token, body });

    before(async () => {
      t = await startTestApp(store);
      evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
      writer = await t.agentToken(uniqueId('writer'), ['write']);
      for (let i = 0; i < 3; i++) await registerModel(t, buildModelBody({ model_name: name }));
    });
    after(() => t.close());

    it('sets an alias, then moves it, each with a model_alias_set event from → to', async () => {
      const set = await put('champion', { version_number: 1 });
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual(set.json(), {
        alias: 'champion',
        model_name: name,
        version_id: v(1),
        version_number: 1,
        protected: false,
      });
      assert.equal((await put('champion', { version_number: 2 })).json().version_id, v(2));
      const events = (await t.request('GET', `/api/events?type=model_alias_set&target=${v(2)}`)).json()
        .events;
      assert.equal(events.length, 1);
      assert.deepEqual(
        { ...events[0].detection_metadata, actor: undefined },
        { alias: 'champion', model_name: name, from: v(1), to: v(2), actor: undefined },
      );
    });

    it('resolves name@alias, @latest and @promoted wherever a version id is accepted', async () => {
      assert.equal((await t.request('GET', `/api/models/${name}@champion`)).json().id, v(2));
      assert.equal((await t.request('GET', `/api/models/${name}@latest`)).json().id, v(3));
      assert.deepEqual((await t.request('GET', `/api/models/${v(2)}`)).json().aliases, ['champion']);
      const promoted = await t.request('POST', `/api/models/${name}@champion/promote`, {
        token: ADMIN_TOKEN,
        body: {},
      });
      assert.equal(promoted.statusCode, 200, promoted.body);
      assert.equal(promoted.json().model.id, v(2));
      assert.equal((await t.request('GET', `/api/models/${name}@promoted`)).json().id, v(2));
      const compared = (
        await t.request('GET', `/api/models/compare?ids=${name}@promoted,${name}@latest`)
      ).json();
      assert.deepEqual(
        compared.models.map((m: { id: string }) => m.id),
        [v(2), v(3)],
      );
      const page = await t.request('GET', `/models/${name}@champion`);
      assert.equal(page.statusCode, 200);
      const list = (await t.request('GET', `/api/models?q=${name}&all_versions=true`)).json();
      assert.deepEqual(list.models.find((m: { id: string }) => m.id === v(2)).aliases, ['champion']);
    });

    it('answers 404 for an unknown alias or lineage in a reference', async () => {
      expectError(await t.request('GET', `/api/models/${name}@nope`), 404, 'not_found');
      expectError(await t.request('GET', `/api/models/${uniqueId('nope')}@latest`), 404, 'not_found');
      await expectRefusal(
        t,
        () => t.request('POST', `/api/models/${name}@nope/promote`, { token: ADMIN_TOKEN, body: {} }),
        404,
        'not_found',
      );
    });

    it('protects an alias: only admin protects, moves or deletes it', async () => {
      await expectRefusal(t, () => put('prod', { version_number: 2, protected: true }), 403, 'forbidden');
      assert.equal(
        (await put('prod', { version_number: 2, protected: true }, ADMIN_TOKEN)).json().protected,
        true,
      );
      await expectRefusal(t, () => put('prod', { version_number: 3 }), 403, 'forbidden');
      await expectRefusal(
        t,
        () => t.request('DELETE', aliasUrl('prod'), { token: evaluator }),
        403,
        'forbidden',
      );
      assert.equal((await t.request('DELETE', aliasUrl('prod'), { token: ADMIN_TOKEN })).statusCode, 204);
      const deleted = (await t.request('GET', `/api/events?type=model_alias_deleted&target=${v(2)}`)).json();
      assert.equal(deleted.total, 1);
    });

    it('refuses to archive a version an alias names, and to point an alias at an archived version (409)', async () => {
      await put('candidate', { version_number: 3 });
      await expectRefusal(
        t,
        () => t.request('PATCH', `/api/models/${v(3)}`, { token: ADMIN_TOKEN, body: { status: 'archived' } }),
        409,
        'illegal_status_change',
      );
      assert.equal((await t.request('DELETE', aliasUrl('candidate'), { token: evaluator })).statusCode, 204);
      assert.equal(
        (
          await t.request('PATCH', `/api/models/${v(3)}`, {
            token: ADMIN_TOKEN,
            body: { status: 'archived' },
          })
        ).statusCode,
        200,
      );
      await expectRefusal(t, () => put('candidate', { version_number: 3 }), 409, 'illegal_status_change');
    });

    const refusals: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      ['the reserved alias latest', () => put('latest', { version_number: 1 }), 400, 'reserved_alias'],
      ['the reserved alias promoted', () => put('promoted', { version_number: 1 }), 400, 'reserved_alias'],
      [
        'deleting a reserved alias',
        () => t.request('DELETE', aliasUrl('latest'), { token: evaluator }),
        400,
        'reserved_alias',
      ],
      ['an alias with capitals', () => put('Champion', { version_number: 1 }), 400, 'invalid_request'],
      [
        'an alias of 65 characters',
        () => put(`a${'b'.repeat(64)}`, { version_number: 1 }),
        400,
        'invalid_request',
      ],
      [
        'a version the lineage does not have',
        () => put('champion', { version_number: 9 }),
        422,
        'missing_reference',
      ],
      [
        'an unknown lineage',
        () =>
          t.request('PUT', aliasUrl('x', uniqueId('nope')), {
            token: evaluator,
            body: { version_number: 1 },
          }),
        404,
        'not_found',
      ],
      [
        'an unknown alias to delete',
        () => t.request('DELETE', aliasUrl('ghost'), { token: evaluator }),
        404,
        'not_found',
      ],
      ['a write-only token', () => put('champion', { version_number: 1 }, writer), 403, 'forbidden'],
      [
        'no token',
        () => t.request('PUT', aliasUrl('champion'), { body: { version_number: 1 } }),
        401,
        'unauthenticated',
      ],
      ['a body without version_number', () => put('champion', { protected: false }), 400, 'invalid_request'],
      [
        'a null body',
        () =>
          t.app.inject({
            method: 'PUT',
            url: aliasUrl('champion'),
            payload: 'null',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${evaluator}` },
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
