/**
 * Lineage maintainers: whoever registers a lineage's first version maintains it; only a
 * maintainer (or admin) registers further versions, links from its versions or attributes edges
 * to them (403 not_a_maintainer, nothing written); maintainers add and remove maintainers, and a
 * lineage keeps at least one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import {
  buildModelBody,
  createDataset,
  expectError,
  expectRefusal,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`lineage maintainers on ${store.name}`, () => {
    let t: TestApp;
    let owner: { id: string; token: string };
    let other: { id: string; token: string };
    let modelName: string;
    let firstId: string;

    const agent = async (prefix: string) => {
      const id = uniqueId(prefix);
      return { id, token: await t.agentToken(id, ['write']) };
    };
    const maintainersUrl = (agentId: string, lineage = modelName) =>
      `/api/lineages/${lineage}/maintainers/${agentId}`;

    before(async () => {
      t = await startTestApp(store);
      owner = await agent('owner');
      other = await agent('other');
      modelName = uniqueId('lineage');
      firstId = (await registerModel(t, buildModelBody({ model_name: modelName }), owner.token)).id;
    });
    after(() => t.close());

    it("refuses another agent's next version of the lineage with 403 not_a_maintainer and writes nothing", async () => {
      const error = await expectRefusal(
        t,
        () =>
          t.request('POST', '/api/models', {
            token: other.token,
            body: buildModelBody({ model_name: modelName }),
          }),
        403,
        'not_a_maintainer',
      );
      assert.deepEqual(error.details, { model_name: modelName });
    });

    it('lets the maintainer and an admin register further versions', async () => {
      assert.equal(
        (await registerModel(t, buildModelBody({ model_name: modelName }), owner.token)).version_number,
        2,
      );
      assert.equal(
        (await registerModel(t, buildModelBody({ model_name: modelName }), ADMIN_TOKEN)).version_number,
        3,
      );
    });

    it("refuses a link from another agent's model version and accepts one from an artifact of its own", async () => {
      const dataset = await createDataset(t);
      await expectRefusal(
        t,
        () =>
          t.request('POST', '/api/links', {
            token: other.token,
            body: { source_id: firstId, target_id: dataset, link_type: 'trained_on', target_version: 1 },
          }),
        403,
        'not_a_maintainer',
      );
      const own = (await registerModel(t, buildModelBody(), other.token)).id;
      const created = await t.request('POST', '/api/links', {
        token: other.token,
        body: { source_id: own, target_id: dataset, link_type: 'trained_on', target_version: 1 },
      });
      assert.equal(created.statusCode, 201, created.body);
    });

    it("refuses edges attributed to another agent's version, all or none, and accepts unattributed ones", async () => {
      const edge = (overrides: Record<string, unknown>) => ({
        subject: uniqueId('GENE'),
        predicate: 'biolink:related_to',
        object: 'MONDO:1',
        confidence: 0.5,
        origin: 'model',
        ...overrides,
      });
      await expectRefusal(
        t,
        () =>
          t.request('POST', '/api/kg/edges', {
            token: other.token,
            body: [edge({}), edge({ source_artifact_id: firstId, source_version: 1 })],
          }),
        403,
        'not_a_maintainer',
      );
      const legacy = await t.request('POST', '/api/kg/edges', { token: other.token, body: [edge({})] });
      assert.equal(legacy.statusCode, 201, legacy.body);
      const own = await t.request('POST', '/api/kg/edges', {
        token: owner.token,
        body: [edge({ source_artifact_id: firstId, source_version: 1 })],
      });
      assert.equal(own.statusCode, 201, own.body);
    });

    it('refuses a non-maintainer changing the maintainers, and lets the maintainer add one', async () => {
      await expectRefusal(
        t,
        () => t.request('PUT', maintainersUrl(other.id), { token: other.token }),
        403,
        'not_a_maintainer',
      );
      const added = await t.request('PUT', maintainersUrl(other.id), { token: owner.token });
      assert.equal(added.statusCode, 200, added.body);
      assert.deepEqual(added.json(), { model_name: modelName, maintainers: [owner.id, other.id] });
      const again = await t.request('PUT', maintainersUrl(other.id), { token: owner.token });
      assert.deepEqual(again.json().maintainers, [owner.id, other.id], 'adding twice is a no-op');
      assert.equal(
        (await registerModel(t, buildModelBody({ model_name: modelName }), other.token)).version_number,
        4,
      );
      const events = (
        await t.request('GET', `/api/events?type=lineage_maintainer_added&target=${modelName}`)
      ).json();
      assert.equal(events.total, 1);
      assert.deepEqual(events.events[0].detection_metadata, {
        model_name: modelName,
        agent_id: other.id,
        actor: owner.id,
      });
    });

    it('removes a maintainer, refuses removing the last one with 409 last_maintainer, and writes nothing then', async () => {
      const removed = await t.request('DELETE', maintainersUrl(owner.id), { token: other.token });
      assert.equal(removed.statusCode, 204, removed.body);
      await expectRefusal(
        t,
        () => t.request('DELETE', maintainersUrl(other.id), { token: other.token }),
        409,
        'last_maintainer',
      );
      await expectRefusal(
        t,
        () =>
          t.request('POST', '/api/models', {
            token: owner.token,
            body: buildModelBody({ model_name: modelName }),
          }),
        403,
        'not_a_maintainer',
      );
    });

    it('answers 404 for an unknown lineage or a non-maintainer, 422 for an unknown agent, 401 without a token, 400 for a bad name', async () => {
      expectError(
        await t.request('PUT', maintainersUrl(other.id, uniqueId('nope')), { token: ADMIN_TOKEN }),
        404,
        'not_found',
      );
      expectError(
        await t.request('DELETE', maintainersUrl(owner.id), { token: ADMIN_TOKEN }),
        404,
        'not_found',
      );
      expectError(
        await t.request('PUT', maintainersUrl(uniqueId('ghost')), { token: ADMIN_TOKEN }),
        422,
        'missing_reference',
      );
      expectError(await t.request('PUT', maintainersUrl(other.id)), 401, 'unauthenticated');
      expectError(
        await t.request('PUT', maintainersUrl(other.id, '.hidden'), { token: ADMIN_TOKEN }),
        400,
        'invalid_request',
      );
    });
  });
}
