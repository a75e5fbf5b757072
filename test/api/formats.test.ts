import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deterministicRunId } from '../../src/formats/core/openlineage.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import {
  addVersion,
  createAnalysis,
  createDataset,
  createHypothesis,
  expectError,
  expectNoWrites,
  registerModel,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

type Json = Record<string, Record<string, Record<string, unknown>>>;
const BASE = 'http://localhost:80';

for (const store of testStores()) {
  describe(`open-format exports of a model version on ${store.name}`, () => {
    let t: TestApp;
    let dataset: string;
    let raw: string;
    let analysis: string;
    let hypothesis: string;
    let v1: string;
    let v2: string;
    const get = async (id: string, format: string, contentType: RegExp) => {
      const response = await t.request('GET', `/api/models/${encodeURIComponent(id)}/${format}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), contentType);
      return response.json();
    };

    before(async () => {
      t = await startTestApp(store);
      await t.agentToken('fmt-bot', ['write'], 'ai');
      dataset = await createDataset(t, { version: { digest: 'sha256:d1', uri: 's3://lab/d/v1/' } });
      await addVersion(t, dataset, { digest: 'sha256:d2', uri: 's3://lab/d/v2/' });
      raw = await createDataset(t);
      analysis = await createAnalysis(t, [{ artifact_id: raw, version: 1 }]);
      hypothesis = await createHypothesis(t);
      const lineage = {
        model_name: 'fmt-lineage',
        model_family: 'statistical',
        produced_by: { analysis_id: analysis },
        tests_hypothesis: { hypothesis_id: hypothesis },
      };
      v1 = (
        await registerModel(t, { ...lineage, title: 'v1', trained_on: [{ dataset_id: dataset, version: 1 }] })
      ).id;
      v2 = (
        await registerModel(t, {
          ...lineage,
          title: 'v2',
          trained_by: 'fmt-bot',
          trained_on: [{ dataset_id: dataset, version: 2 }],
          inputs: [{ artifact_id: raw }],
        })
      ).id;
    });
    after(() => t.close());

    describe('GET /api/models/{id}/prov', () => {
      it('is PROV-JSON naming the version, the versions it reaches and the analysis by server URLs', async () => {
        const doc: Json = await get(v2, 'prov', /^application\/json/);
        assert.equal(doc.prefix.mg, `${BASE}/api/artifacts/`);
        for (const id of [v2, v1, dataset, `${dataset}/versions/2`, raw, `${raw}/versions/1`, hypothesis]) {
          assert.ok(doc.entity[`mg:${id}`], `entity mg:${id}`);
        }
        assert.deepEqual(Object.keys(doc.activity), [`mg:${analysis}`]);
        const relation = (type: string) => Object.values(doc[type]);
        assert.ok(
          relation('wasGeneratedBy').some(
            (r) => r['prov:entity'] === `mg:${v2}` && r['prov:activity'] === `mg:${analysis}`,
          ),
        );
        assert.ok(
          relation('wasDerivedFrom').some(
            (r) => r['prov:generatedEntity'] === `mg:${v2}` && r['prov:usedEntity'] === `mg:${v1}`,
          ),
        );
        assert.ok(relation('used').some((r) => r['prov:entity'] === `mg:${raw}/versions/1`));
        assert.deepEqual(doc.agent['mgagent:fmt-bot']['prov:type'], {
          $: 'prov:SoftwareAgent',
          type: 'prov:QUALIFIED_NAME',
        });
        assert.ok(
          relation('wasAttributedTo').some(
            (r) => r['prov:entity'] === `mg:${v2}` && r['prov:agent'] === 'mgagent:fmt-bot',
          ),
        );
      });
    });

    describe('GET /api/models/{id}/ro-crate', () => {
      it('is RO-Crate metadata whose main entity is the version, produced by the analysis', async () => {
        const crate = await get(v2, 'ro-crate', /^application\/ld\+json/);
        const graph: Record<string, unknown>[] = crate['@graph'];
        const node = (id: string) => graph.find((entity) => entity['@id'] === id);
        const versionUrl = `${BASE}/api/artifacts/${v2}`;
        assert.deepEqual(node('./')?.mainEntity, { '@id': versionUrl });
        assert.deepEqual(node(`${BASE}/api/artifacts/${analysis}`)?.result, { '@id': versionUrl });
        assert.equal(node(`${BASE}/api/artifacts/${dataset}/versions/2/`)?.['@type'], 'Dataset');
        assert.deepEqual(node(`${BASE}/api/artifacts/${dataset}/versions/2/`)?.identifier, [
          'sha256:d2',
          's3://lab/d/v2/',
        ]);
        assert.equal(node(`${BASE}/api/artifacts/${hypothesis}`)?.['@type'], 'Claim');
        assert.equal(node(`${BASE}/api/agents/fmt-bot`)?.['@type'], 'SoftwareApplication');
      });
    });

    describe('GET /api/models/{id}/openlineage', () => {
      it('is the START and COMPLETE of one run, reading the pinned inputs and writing the version', async () => {
        const { events } = await get(v2, 'openlineage', /^application\/json/);
        assert.deepEqual(
          events.map((event: { eventType: string }) => event.eventType),
          ['START', 'COMPLETE'],
        );
        const runIds = new Set(events.map((event: { run: { runId: string } }) => event.run.runId));
        assert.deepEqual([...runIds], [deterministicRunId(`model-version:${v2}`)]);
        const [start] = events;
        assert.deepEqual(start.job.name, analysis);
        // v2's own input is unpinned, so only the analysis's pinned read of it counts.
        assert.deepEqual(
          start.inputs.map((input: { name: string; facets: { version: { datasetVersion: string } } }) => [
            input.name,
            input.facets.version.datasetVersion,
          ]),
          [
            [dataset, '2'],
            [raw, '1'],
          ],
        );
        assert.deepEqual(start.outputs[0].name, 'fmt-lineage');
        assert.deepEqual(start.outputs[0].facets.version.datasetVersion, '2');
      });

      it('gives a version the same runId every time, and each version its own', async () => {
        const runIdOf = async (id: string) => (await get(id, 'openlineage', /json/)).events[0].run.runId;
        assert.equal(await runIdOf(v2), await runIdOf(v2));
        assert.notEqual(await runIdOf(v1), await runIdOf(v2));
      });
    });

    for (const format of ['prov', 'ro-crate', 'openlineage']) {
      describe(`GET /api/models/{id}/${format} refusals`, () => {
        it('answers 404 not_found for an unknown version, writing nothing', async () => {
          const response = await expectNoWrites(t, () =>
            t.request('GET', `/api/models/no-such-model/${format}`),
          );
          expectError(response, 404, 'not_found');
        });

        it('accepts <model_name>@<alias> for the version, and answers 404 for an unknown alias', async () => {
          const modelName = v2.replace(/-v2$/, '');
          await t.request('PUT', `/api/lineages/${modelName}/aliases/champion`, {
            token: ADMIN_TOKEN,
            body: { version_number: 2 },
          });
          const byAlias = await t.request('GET', `/api/models/${modelName}@champion/${format}`);
          const byId = await t.request('GET', `/api/models/${v2}/${format}`);
          assert.equal(byAlias.statusCode, 200, byAlias.body);
          assert.equal(byAlias.body, byId.body);
          expectError(await t.request('GET', `/api/models/${modelName}@nope/${format}`), 404, 'not_found');
        });

        it('answers 404 for a dataset id (only model versions have these exports)', async () => {
          expectError(await t.request('GET', `/api/models/${dataset}/${format}`), 404, 'not_found');
        });

        it('answers 400 unknown_parameter for a query parameter, writing nothing', async () => {
          const response = await expectNoWrites(t, () =>
            t.request('GET', `/api/models/${v2}/${format}?format=turtle`, { token: ADMIN_TOKEN }),
          );
          expectError(response, 400, 'unknown_parameter');
        });
      });
    }
  });
}
