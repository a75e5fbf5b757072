/**
 * The MLflow record of versions created through the face and its enrichment queue, without a
 * tracking server that answers: `GET /api/models/{id}` shows `mlflow` (null for other versions),
 * the enrichment is `off` without `MODELGRAPH_MLFLOW_TRACKING_URI`, `done` at once with nothing to
 * look up, and against a tracking server that is down it is retried on the schedule (a manual
 * clock steps through it) and then `failed` — the registration itself untouched. A refused
 * registration queues nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enrichDueVersions } from '../../src/mlflow/tracking/enrichment.job.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { uniqueId } from '../support/factories.ts';
import { expectMlflowRefusal, expectOk, mlflow } from '../support/mlflow.ts';
import { freePort } from '../support/postgres-server.ts';
import { testStores } from '../support/stores.ts';

/** Creates a version through the face; returns its id. */
async function createThroughFace(t: TestApp, token: string, fields: Record<string, unknown> = {}) {
  const name = uniqueId('mlq');
  const body = expectOk(
    await mlflow(t, 'POST', 'model-versions/create', { name, source: 's3://b/m', ...fields }, token),
  );
  assert.equal(body.model_version.version, '1');
  return `${name}-v1`;
}

async function detailOf(t: TestApp, id: string) {
  const response = await t.request('GET', `/api/models/${id}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

for (const store of testStores()) {
  describe(`the MLflow record of a version on ${store.name}, without a tracking server`, () => {
    let t: TestApp;
    let token: string;
    before(async () => {
      t = await startTestApp(store);
      token = await t.agentToken('mlq-writer', ['write']);
    });
    after(() => t.close());

    it('shows the logged model and run of a version created through the face, enrichment off', async () => {
      const id = await createThroughFace(t, token, { model_id: 'm-77aa', run_id: 'run-77' });
      const { mlflow: record } = await detailOf(t, id);
      assert.deepEqual(record, {
        model_id: 'm-77aa',
        run_id: 'run-77',
        enrichment: {
          status: 'off',
          attempts: 0,
          last_error: null,
          updated_at: record.enrichment.updated_at,
        },
      });
      assert.ok(!Number.isNaN(Date.parse(record.enrichment.updated_at)));
    });

    it('shows null for a version registered through the native API', async () => {
      const name = uniqueId('mlq-native');
      const created = await t.request('POST', '/api/models', {
        token,
        body: { model_name: name, title: name, model_family: 'statistical' },
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().mlflow, null);
    });

    it('refuses a model_id that is not a string and writes nothing', async () => {
      const name = uniqueId('mlq-bad');
      const send = () =>
        mlflow(t, 'POST', 'model-versions/create', { name, source: 's3://b', model_id: 7 }, token);
      await expectMlflowRefusal(t, send, 400, 'INVALID_PARAMETER_VALUE');
    });

    it('queues nothing for a registration the face refuses', async () => {
      const name = uniqueId('mlq-refused');
      const tags = [{ key: 'modelgraph.trained_on', value: 'no-such-dataset' }];
      const send = () =>
        mlflow(t, 'POST', 'model-versions/create', { name, source: 's3://b', model_id: 'm-1', tags }, token);
      await expectMlflowRefusal(t, send, 404, 'RESOURCE_DOES_NOT_EXIST');
    });
  });

  describe(`enrichment against a tracking server that is down on ${store.name}`, () => {
    let t: TestApp;
    let token: string;
    const clock = manualClock();
    before(async () => {
      // Nothing listens on a port just freed: every request is refused, as by a stopped server.
      const port = await freePort();
      t = await startTestApp(
        store,
        {
          MODELGRAPH_MLFLOW_TRACKING_URI: `http://127.0.0.1:${port}`,
          MODELGRAPH_WEBHOOK_RETRY_SCHEDULE: '1s,2s',
        },
        clock,
      );
      token = await t.agentToken('mlq-down', ['write']);
    });
    after(() => t.close());

    it('is done at once when the registration names neither a logged model nor a run', async () => {
      const id = await createThroughFace(t, token);
      const { enrichment } = (await detailOf(t, id)).mlflow;
      assert.deepEqual([enrichment.status, enrichment.attempts], ['done', 0]);
      assert.equal((await enrichDueVersions(t.deps)).attempted, 0);
    });

    it('keeps the registration, retries on the schedule, records each failure, then fails', async () => {
      const id = await createThroughFace(t, token, { model_id: 'm-down' });
      const registered = await detailOf(t, id);
      assert.deepEqual(registered.mlflow.enrichment.status, 'pending');
      assert.deepEqual(registered.flags, ['provenance_incomplete']);

      assert.deepEqual(await enrichDueVersions(t.deps), { attempted: 1, done: 0, retrying: 1, failed: 0 });
      let { enrichment } = (await detailOf(t, id)).mlflow;
      assert.equal(enrichment.status, 'retrying');
      assert.equal(enrichment.attempts, 1);
      assert.match(
        enrichment.last_error,
        /^GET \/api\/2\.0\/mlflow\/logged-models\/m-down: request failed: ECONNREFUSED$/,
      );

      // Not due before its wait is over.
      assert.equal((await enrichDueVersions(t.deps)).attempted, 0);
      clock.advance(1000);
      assert.deepEqual(await enrichDueVersions(t.deps), { attempted: 1, done: 0, retrying: 1, failed: 0 });
      clock.advance(2000);
      assert.deepEqual(await enrichDueVersions(t.deps), { attempted: 1, done: 0, retrying: 0, failed: 1 });
      ({ enrichment } = (await detailOf(t, id)).mlflow);
      assert.deepEqual([enrichment.status, enrichment.attempts], ['failed', 3]);
      assert.match(enrichment.last_error, /ECONNREFUSED/);

      clock.advance(86_400_000);
      assert.equal((await enrichDueVersions(t.deps)).attempted, 0);
      const untouched = await detailOf(t, id);
      assert.deepEqual(
        [untouched.version_number, untouched.status, untouched.mlflow.model_id, untouched.links],
        [1, 'candidate', 'm-down', registered.links],
      );
    });
  });
}
