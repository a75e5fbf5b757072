import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import {
  buildCompleteModelBody,
  buildModelBody,
  countModelsMatching,
  createDataset,
  createProvenanceWorld,
  expectError,
  expectNoWrites,
  getModel,
  type ProvenanceWorld,
  registerModel,
  sendRaw,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`POST /api/models on ${store.name}`, () => {
    let t: TestApp;
    let world: ProvenanceWorld;
    let writerToken: string;
    const writerId = uniqueId('trainer');
    before(async () => {
      t = await startTestApp(store);
      world = await createProvenanceWorld(t);
      writerToken = await t.agentToken(writerId, ['write']);
    });
    after(() => t.close());

    const register = (body: unknown, token = writerToken) =>
      t.request('POST', '/api/models', { token, body });

    describe('lineage bookkeeping', () => {
      it('numbers versions 1, 2, 3 with generated ids, a parent chain and one latest', async () => {
        const modelName = uniqueId('lineage');
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
          ids.push((await registerModel(t, buildModelBody({ model_name: modelName }), writerToken)).id);
        }
        assert.deepEqual(ids, [`${modelName}-v1`, `${modelName}-v2`, `${modelName}-v3`]);
        const details = await Promise.all(ids.map((id) => getModel(t, id)));
        assert.deepEqual(
          details.map((d) => [d.version_number, d.parent_id, d.is_latest, d.model_name]),
          [
            [1, null, false, modelName],
            [2, ids[0], false, modelName],
            [3, ids[1], true, modelName],
          ],
        );
      });

      it('numbers concurrent registrations of one lineage 1…n with one latest version', async () => {
        const modelName = uniqueId('racing');
        const results = await Promise.all(
          Array.from({ length: 6 }, () => register(buildModelBody({ model_name: modelName }), ADMIN_TOKEN)),
        );
        assert.deepEqual(
          results.map((response) => response.statusCode),
          [201, 201, 201, 201, 201, 201],
        );
        const { versions } = await getModel(t, `${modelName}-v1`);
        assert.deepEqual(
          versions.map((v: { id: string; is_latest: boolean }) => [v.id, v.is_latest]),
          [1, 2, 3, 4, 5, 6].map((n) => [`${modelName}-v${n}`, n === 6]),
        );
        for (let n = 2; n <= 6; n++) {
          assert.equal((await getModel(t, `${modelName}-v${n}`)).parent_id, `${modelName}-v${n - 1}`);
        }
      });

      it('keeps a client-chosen id and still numbers the version within the lineage', async () => {
        const modelName = uniqueId('named');
        await registerModel(t, buildModelBody({ model_name: modelName }));
        const id = uniqueId('custom-id');
        const model = await registerModel(t, buildModelBody({ model_name: modelName, id }));
        assert.equal(model.id, id);
        assert.equal(model.version_number, 2);
        assert.equal(model.parent_id, `${modelName}-v1`);
      });

      it('answers 201 with the full detail of the new version', async () => {
        const body = buildCompleteModelBody(world, {
          architecture: { layers: 2 },
          parameters: { k_on: 0.1 },
          parameter_count: 12,
          training_config: { epochs: 5 },
          evaluation_metrics: { rmse: 0.02 },
          runtime: { kind: 'onnx', uri: 'file:///models/first.onnx' },
          metadata: { notes: 'first' },
        });
        const model = await registerModel(t, body, writerToken);
        assert.equal(model.type, 'model');
        assert.equal(model.status, 'candidate');
        assert.equal(model.title, body.title);
        assert.deepEqual(model.architecture, { layers: 2 });
        assert.deepEqual(model.parameters, { k_on: 0.1 });
        assert.equal(model.parameter_count, 12);
        assert.deepEqual(model.training_config, { epochs: 5 });
        assert.deepEqual(model.evaluation_metrics, { rmse: 0.02 });
        assert.deepEqual(model.runtime, { kind: 'onnx', uri: 'file:///models/first.onnx' });
        assert.deepEqual(model.metadata, { notes: 'first' });
        assert.equal(model.raw_quality_score, 0.9);
        assert.equal(model.quality_score, 0.9);
        assert.deepEqual(model.provenance, { complete: true, missing: [], completeness: 1 });
        assert.deepEqual(
          model.links.trained_on.map((l: { id: string }) => l.id),
          [world.datasetId],
        );
        assert.deepEqual(
          model.versions.map((v: { id: string }) => v.id),
          [model.id],
        );
      });

      it('creates the model as an artifact with version 1 and its links, all recorded as the caller', async () => {
        const model = await registerModel(t, buildCompleteModelBody(world), writerToken);
        const artifact = (await t.request('GET', `/api/artifacts/${model.id}`)).json();
        assert.equal(artifact.type, 'model');
        assert.equal(artifact.created_by, writerId);
        assert.deepEqual(
          artifact.versions.map((v: { version_number: number; created_by: string }) => [
            v.version_number,
            v.created_by,
          ]),
          [[1, writerId]],
        );
        assert.equal(artifact.links.length, 3);
        assert.ok(artifact.links.every((l: { created_by: string }) => l.created_by === writerId));
        assert.equal(model.created_by, writerId);
      });
    });

    describe('trained_by', () => {
      it('defaults to the calling agent', async () => {
        const model = await registerModel(t, buildModelBody(), writerToken);
        assert.equal(model.trained_by, writerId);
      });

      it('accepts a write token that names its own agent', async () => {
        const model = await registerModel(t, buildModelBody({ trained_by: writerId }), writerToken);
        assert.equal(model.trained_by, writerId);
      });

      it('lets an admin name another agent, while the write is still recorded as the admin', async () => {
        const model = await registerModel(t, buildModelBody({ trained_by: writerId }), ADMIN_TOKEN);
        assert.equal(model.trained_by, writerId);
        assert.equal(model.created_by, 'admin');
      });

      it('refuses a write token naming another agent with 403 forbidden and writes nothing', async () => {
        const body = buildModelBody({ trained_by: 'admin' });
        const response = await expectNoWrites(t, () => register(body));
        expectError(response, 403, 'forbidden');
        assert.equal(await countModelsMatching(t, String(body.model_name)), 0);
      });

      it('refuses an admin naming an unknown agent with 422 missing_reference and writes nothing', async () => {
        const ghost = uniqueId('ghost-agent');
        const response = await expectNoWrites(t, () =>
          register(buildModelBody({ trained_by: ghost }), ADMIN_TOKEN),
        );
        assert.deepEqual(expectError(response, 422, 'missing_reference').details, { missing: [ghost] });
      });
    });

    describe('references that do not exist', () => {
      const cases: [string, (w: ProvenanceWorld, ghost: string) => Record<string, unknown>][] = [
        ['a missing trained_on dataset', (_w, ghost) => ({ trained_on: [{ dataset_id: ghost }] })],
        [
          'a missing producing analysis',
          (w, ghost) => ({ ...complete(w), produced_by: { analysis_id: ghost } }),
        ],
        [
          'a missing hypothesis',
          (w, ghost) => ({ ...complete(w), tests_hypothesis: { hypothesis_id: ghost } }),
        ],
        ['a missing eval dataset', (w, ghost) => ({ ...complete(w), eval_dataset_id: ghost })],
        ['a missing benchmark', (w, ghost) => ({ ...complete(w), benchmark_id: ghost })],
        ['a missing input', (w, ghost) => ({ ...complete(w), inputs: [{ artifact_id: ghost, version: 1 }] })],
      ];
      const complete = (w: ProvenanceWorld) => ({
        trained_on: [{ dataset_id: w.datasetId, version: 1 }],
        produced_by: { analysis_id: w.analysisId },
        tests_hypothesis: { hypothesis_id: w.hypothesisId },
      });
      for (const [what, refs] of cases) {
        it(`refuses ${what} with 422 missing_reference naming it, and writes nothing`, async () => {
          const ghost = uniqueId('ghost');
          const body = buildModelBody(refs(world, ghost));
          const response = await expectNoWrites(t, () => register(body));
          assert.deepEqual(expectError(response, 422, 'missing_reference').details, { missing: [ghost] });
          assert.equal(await countModelsMatching(t, String(body.model_name)), 0);
          expectError(await t.request('GET', `/api/artifacts/${body.model_name}-v1`), 404, 'not_found');
        });
      }

      it('refuses a pinned dataset version that does not exist with 422 missing_reference', async () => {
        const body = buildModelBody({ trained_on: [{ dataset_id: world.datasetId, version: 9 }] });
        const response = await expectNoWrites(t, () => register(body));
        assert.deepEqual(expectError(response, 422, 'missing_reference').details, {
          missing: [`${world.datasetId}@9`],
        });
        assert.equal(await countModelsMatching(t, String(body.model_name)), 0);
      });

      it('leaves the previous version latest when the next registration is refused', async () => {
        const modelName = uniqueId('kept-head');
        const first = await registerModel(t, buildModelBody({ model_name: modelName }), writerToken);
        const response = await expectNoWrites(t, () =>
          register(
            buildModelBody({ model_name: modelName, trained_on: [{ dataset_id: uniqueId('ghost') }] }),
          ),
        );
        expectError(response, 422, 'missing_reference');
        const head = await getModel(t, first.id);
        assert.equal(head.is_latest, true);
        assert.deepEqual(
          head.versions.map((v: { id: string }) => v.id),
          [first.id],
        );
      });
    });

    describe('conflicts', () => {
      it('refuses an id that is taken with 409 already_exists and writes nothing', async () => {
        const dataset = await createDataset(t);
        const body = buildModelBody({ id: dataset });
        const response = await expectNoWrites(t, () => register(body));
        expectError(response, 409, 'already_exists');
        assert.equal(await countModelsMatching(t, String(body.model_name)), 0);
      });
    });

    describe('missing provenance', () => {
      it('registers a version with no trained_on, no produced_by and no links at all: 201, capped and flagged', async () => {
        const body = buildModelBody({ trained_on: undefined, raw_quality_score: 0.9 });
        assert.equal('trained_on' in JSON.parse(JSON.stringify(body)), false);
        const response = await register(body);
        assert.equal(response.statusCode, 201, response.body);
        const model = response.json();
        assert.equal(model.quality_score, 0.3);
        assert.deepEqual(model.flags, ['provenance_incomplete']);
        assert.ok(model.provenance.missing.includes('trained_on_dataset'));
        assert.deepEqual(model.links.trained_on, []);
      });
    });

    describe('malformed bodies', () => {
      const cases: [string, Record<string, unknown>][] = [
        ['a missing model_name', { model_name: undefined }],
        ['a missing title', { title: undefined }],
        ['an unknown model_family', { model_family: 'quantum' }],
        ['a title of the wrong type', { title: 7 }],
        ['trained_on given as an object', { trained_on: { dataset_id: 'd' } }],
        ['a parameter_count given as a string', { parameter_count: '12' }],
        ['a negative parameter_count', { parameter_count: -1 }],
        ['a metric that is not a number', { evaluation_metrics: { rmse: 'low' } }],
        ['raw_quality_score 1.5', { raw_quality_score: 1.5 }],
        ['raw_quality_score given as a string', { raw_quality_score: '0.5' }],
        ['a dataset version of 0', { trained_on: [{ dataset_id: 'd', version: 0 }] }],
        ['an unknown field', { accuracy: 0.9 }],
        ['an unknown field inside trained_on', { trained_on: [{ dataset_id: 'd', weight: 1 }] }],
        ['an id that does not match the pattern', { id: 'bad/id' }],
        ['a model_name that does not match the pattern', { model_name: '.hidden' }],
      ];
      for (const [what, overrides] of cases) {
        it(`refuses ${what} with 400 invalid_request and writes nothing`, async () => {
          const body = buildModelBody(overrides);
          const response = await expectNoWrites(t, () => register(body));
          expectError(response, 400, 'invalid_request');
        });
      }

      const badRuntimes: [string, unknown, RegExp][] = [
        ['a runtime that is not an object', 'python3 eval.py', /^runtime /],
        [
          'an unknown runtime kind',
          { kind: 'grpc', url: 'x' },
          /^runtime\.kind must be one of "process", "http", "onnx"/,
        ],
        ['a process runtime without a command', { kind: 'process' }, /^runtime\.command is required/],
        [
          'a process command given as a string',
          { kind: 'process', command: 'python3 eval.py' },
          /^runtime\.command /,
        ],
        ['an empty process command', { kind: 'process', command: [] }, /^runtime\.command /],
        [
          'an http runtime url that is not http',
          { kind: 'http', url: 'ftp://h', model: 'm' },
          /^runtime\.url /,
        ],
        ['an http runtime without a model', { kind: 'http', url: 'http://h' }, /^runtime\.model is required/],
        [
          'an onnx uri that is not a file: URL',
          { kind: 'onnx', uri: 'https://h/m.onnx' },
          /^runtime\.uri must be a file: URL/,
        ],
        ['an unknown runtime field', { kind: 'process', command: ['x'], shell: true }, /^runtime /],
      ];
      for (const [what, runtime, message] of badRuntimes) {
        it(`validates the runtime at registration: refuses ${what} with 400 naming the field`, async () => {
          const response = await expectNoWrites(t, () => register(buildModelBody({ runtime })));
          const error = expectError(response, 400, 'invalid_request');
          assert.match(error.message, message);
        });
      }

      it('names the unknown field in the 400 details', async () => {
        const error = expectError(await register(buildModelBody({ accuracy: 0.9 })), 400, 'invalid_request');
        assert.deepEqual(error.details, { field: 'accuracy' });
      });

      it('refuses malformed JSON with 400 invalid_request and writes nothing', async () => {
        const response = await expectNoWrites(t, () =>
          sendRaw(t, 'POST', '/api/models', '{"model_name": "x", '),
        );
        expectError(response, 400, 'invalid_request');
      });

      it('refuses a body that is a JSON array with 400 invalid_request', async () => {
        const response = await expectNoWrites(t, () => register([buildModelBody()]));
        expectError(response, 400, 'invalid_request');
      });
    });

    describe('authentication', () => {
      it('refuses a request without a token with 401 unauthenticated and writes nothing', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/models', { body: buildModelBody() }),
        );
        expectError(response, 401, 'unauthenticated');
      });

      it('refuses a bad token with 401 unauthenticated and writes nothing', async () => {
        const response = await expectNoWrites(t, () => register(buildModelBody(), 'mg_nope'));
        expectError(response, 401, 'unauthenticated');
      });

      it('refuses an evaluate-only token with 403 forbidden and writes nothing', async () => {
        const evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
        const response = await expectNoWrites(t, () => register(buildModelBody(), evaluator));
        expectError(response, 403, 'forbidden');
      });
    });
  });
}
