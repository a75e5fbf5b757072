/**
 * MLflow 3 users get provenance from MLflow's own tracking server: a real `mlflow server` (the
 * full `mlflow` package, `.venv/mlflow`) on SQLite with served artifacts, modelgraph as the
 * registry with `MODELGRAPH_MLFLOW_TRACKING_URI` naming it, on each store.
 * - An MLflow 3 user's whole workflow (`tracking_workflow.py`, run by MLflow's own Python client)
 *   with the enrichment worker running as inside `serve`: it ends with versions whose run, metrics,
 *   run analysis and pinned datasets are filled in, provenance complete, score not capped.
 * - Links declared through `modelgraph.*` tags stay; only empty fields are filled.
 * - A dataset retracted before the enrichment links it flags and caps the version like any other.
 * - A governed lineage: MLflow's stage transition is refused, and the promotion request's provenance
 *   check passes once the enrichment has filled the version.
 * - A tracking server that hangs (paused with SIGSTOP) does not touch the registration; the
 *   enrichment times out, is recorded and retried, and is done once the server answers again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { enrichDueVersions } from '../../src/mlflow/tracking/enrichment.job.ts';
import { startEnrichmentWorker } from '../../src/mlflow/tracking/enrichment-worker.ts';
import type { Sweeper } from '../../src/sweeper.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { manualClock } from '../support/clock.ts';
import { eventually } from '../support/eventually.ts';
import { uniqueId } from '../support/factories.ts';
import {
  checksByName,
  decideOk,
  openRequest,
  readRequest,
  setPolicy,
  statusesOf,
} from '../support/governance.ts';
import { expectMlflowRefusal, expectOk, mlflow, mlflowClientEnv } from '../support/mlflow.ts';
import { MLFLOW_COMMAND, type MlflowServer, startMlflowServer } from '../support/mlflow-server.ts';
import { copiedMetrics } from '../support/model-metrics.ts';
import { pythonUnavailable, venvPython } from '../support/python.ts';
import { runProcess } from '../support/run-process.ts';
import { testStores } from '../support/stores.ts';

const WORKFLOW = join(import.meta.dirname, 'tracking_workflow.py');
const unavailable = pythonUnavailable('mlflow');

/** What the workflow printed: the run, the logged model, both versions and the datasets. */
interface WorkflowResult {
  run_id: string;
  model_id: string;
  first: { version: string; run_id: string; source: string };
  second: { version: string; run_id: string; source: string };
  loaded_models_predict_alike: boolean;
  versions_found_by_run_id: string[];
  datasets: { training: { name: string; digest: string }; evaluation: { name: string; digest: string } };
}

/** A call of the tracking server's REST API, as any MLflow client makes it. */
async function tracking(server: MlflowServer, path: string, body: unknown) {
  const response = await fetch(`${server.baseUrl}/api/2.0/mlflow/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/** A finished run with a parameter, a metric and one training dataset read from a local file. */
async function logRun(server: MlflowServer, digest: string): Promise<string> {
  const { run } = await tracking(server, 'runs/create', { experiment_id: '0', run_name: 'rest-run' });
  const runId: string = run.info.run_id;
  await tracking(server, 'runs/log-batch', {
    run_id: runId,
    params: [{ key: 'alpha', value: '0.1' }],
    metrics: [{ key: 'rmse', value: 0.25, timestamp: 1, step: 0 }],
  });
  await tracking(server, 'runs/log-inputs', {
    run_id: runId,
    datasets: [
      {
        tags: [{ key: 'mlflow.data.context', value: 'training' }],
        dataset: { name: 'cells', digest, source_type: 'local', source: '{"uri": "/data/cells.csv"}' },
      },
    ],
  });
  return runId;
}

describe("MLflow's tracking server as the source of provenance", { skip: unavailable }, () => {
  let server: MlflowServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlflow-tracking-'));
    server = await startMlflowServer(MLFLOW_COMMAND, `sqlite:///${join(dir, 'mlflow.db')}`, [
      '--serve-artifacts',
      '--artifacts-destination',
      join(dir, 'artifacts'),
      '--workers',
      '1',
    ]);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const store of testStores()) {
    describe(`an MLflow 3 workflow with modelgraph as the registry on ${store.name}`, () => {
      let t: TestApp;
      let worker: Sweeper | undefined;
      let registry: string;
      let token: string;
      let result: WorkflowResult;
      before(async () => {
        t = await startTestApp(store, { MODELGRAPH_MLFLOW_TRACKING_URI: server.baseUrl });
        registry = await t.app.listen({ port: 0, host: '127.0.0.1' });
        worker = await startEnrichmentWorker({ ...t.deps, store: t.store });
        token = await t.agentToken('mlflow-user', ['write', 'evaluate']);
      });
      after(async () => {
        await worker?.stop();
        await t.close();
      });

      const detail = async (id: string) => expectOk(await t.request('GET', `/api/models/${id}`));
      const enrichmentOf = async (id: string) => (await detail(id)).mlflow.enrichment;
      /** A version of a new model from the workflow's logged model, created through the face, once enriched. */
      const enrichedFromLoggedModel = async (prefix: string, tags: { key: string; value: string }[]) => {
        const name = uniqueId(prefix);
        const { model_id } = result;
        expectOk(
          await mlflow(
            t,
            'POST',
            'model-versions/create',
            { name, source: `models:/${model_id}`, model_id, tags },
            token,
          ),
        );
        await eventually(async () => (await enrichmentOf(`${name}-v1`)).status === 'done', 'enriched');
        return detail(`${name}-v1`);
      };

      it('trains, logs, registers, loads, promotes — and ends with complete provenance', async () => {
        const name = uniqueId('wf');
        const workDir = mkdtempSync(join(dir, 'workflow-'));
        const { status, stdout, stderr } = await runProcess(venvPython('mlflow'), [WORKFLOW], {
          cwd: workDir,
          env: mlflowClientEnv({
            MLFLOW_URL: server.baseUrl,
            MODELGRAPH_URL: registry,
            MLFLOW_TRACKING_TOKEN: token,
            MODEL_NAME: name,
          }),
        });
        assert.equal(status, 0, stderr);
        result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
        assert.equal(result.loaded_models_predict_alike, true);
        // What MLflow 3's client sends: the logged model for log_model's version (its run is filled
        // in by the enrichment, which may already have run when the workflow read the version back).
        assert.equal(result.first.source, `models:/${result.model_id}`);
        assert.equal(result.second.run_id, result.run_id);

        const [v1, v2] = [`${name}-v1`, `${name}-v2`];
        await eventually(
          async () =>
            (await enrichmentOf(v1)).status === 'done' && (await enrichmentOf(v2)).status === 'done',
          'both versions enriched by the worker',
        );
        const first = await detail(v1);
        const { training, evaluation } = result.datasets;
        assert.deepEqual(first.mlflow, {
          model_id: result.model_id,
          run_id: result.run_id,
          enrichment: {
            status: 'done',
            attempts: 1,
            last_error: null,
            updated_at: first.mlflow.enrichment.updated_at,
          },
        });
        assert.deepEqual(first.parameters, { C: '0.5', max_iter: '200' });
        assert.deepEqual(Object.keys(first.evaluation_metrics), ['accuracy']);
        assert.deepEqual(first.links.trained_on, [
          { id: `mlflow-dataset-${training.digest}`, type: 'dataset', title: training.name, version: 1 },
        ]);
        assert.deepEqual(
          first.links.produced_by.map((link: { id: string; type: string }) => [link.id, link.type]),
          [[`mlflow-run-${result.run_id}`, 'analysis']],
        );
        assert.equal(first.eval_dataset_id, `mlflow-dataset-${evaluation.digest}`);
        assert.deepEqual(first.provenance, { complete: true, missing: [], completeness: 1 });
        assert.deepEqual(first.flags, []);
        // The raw score set through the reserved tag, no longer capped at 0.3.
        assert.equal(first.quality_score, 0.9);
        // The registration named no run: the enrichment filled it, and says so.
        const enriched = first.events.find(
          (event: { event_type: string }) => event.event_type === 'model_version_enriched',
        );
        assert.ok(enriched, 'an enrichment event');
        assert.ok(enriched.detection_metadata.filled.includes('run_id'), JSON.stringify(enriched));
        assert.equal(enriched.detection_metadata.model_id, result.model_id);

        const second = await detail(v2);
        assert.deepEqual([second.status, second.provenance.complete, second.flags], ['promoted', true, []]);
        assert.equal(second.mlflow.model_id, result.model_id);

        // The dataset's version is the one its MLflow digest names; the run consumed both datasets.
        const dataset = expectOk(await t.request('GET', `/api/artifacts/mlflow-dataset-${training.digest}`));
        assert.deepEqual(
          dataset.versions.map((version: { version_number: number; digest: string }) => [
            version.version_number,
            version.digest,
          ]),
          [[1, training.digest]],
        );
        const run = expectOk(await t.request('GET', `/api/artifacts/mlflow-run-${result.run_id}`));
        assert.deepEqual(
          run.links
            .filter((link: { source_id: string }) => link.source_id === `mlflow-run-${result.run_id}`)
            .map((link: { target_id: string; target_version: number }) => [
              link.target_id,
              link.target_version,
            ])
            .sort(),
          [
            [`mlflow-dataset-${evaluation.digest}`, 1],
            [`mlflow-dataset-${training.digest}`, 1],
          ].sort(),
        );

        // search_model_versions("run_id = …") finds log_model's version now too.
        const found = expectOk(
          await mlflow(t, 'GET', 'model-versions/search', { filter: `run_id = '${result.run_id}'` }),
        );
        assert.deepEqual(found.model_versions.map((version: { version: string }) => version.version).sort(), [
          '1',
          '2',
        ]);
      });

      it('fills only what the registration left empty: links declared by tags stay', async () => {
        assert.ok(result, 'the workflow ran');
        const mine = uniqueId('own-data');
        const analysis = uniqueId('own-analysis');
        for (const [id, type] of [
          [mine, 'dataset'],
          [analysis, 'analysis'],
        ]) {
          const created = await t.request('POST', '/api/artifacts', { token, body: { id, type, title: id } });
          assert.equal(created.statusCode, 201, created.body);
        }
        const tags = [
          { key: 'modelgraph.trained_on', value: `${mine}@1` },
          { key: 'modelgraph.produced_by', value: analysis },
        ];
        const version = await enrichedFromLoggedModel('tagged', tags);
        assert.deepEqual(
          version.links.trained_on.map((link: { id: string }) => link.id),
          [mine],
        );
        assert.deepEqual(
          version.links.produced_by.map((link: { id: string }) => link.id),
          [analysis],
        );
        assert.equal(version.mlflow.run_id, result.run_id);
        assert.deepEqual(version.parameters, { C: '0.5', max_iter: '200' });
        assert.equal(version.eval_dataset_id, `mlflow-dataset-${result.datasets.evaluation.digest}`);
      });

      it('flags a version whose enrichment links a retracted dataset, like any other built on it', async () => {
        assert.ok(result, 'the workflow ran');
        const dataset = `mlflow-dataset-${result.datasets.training.digest}`;
        const retracted = await t.request('POST', `/api/artifacts/${dataset}/retract`, {
          token,
          body: { reason: 'the training file was corrupted' },
        });
        assert.equal(retracted.statusCode, 200, retracted.body);
        const version = await enrichedFromLoggedModel('after-retraction', [
          { key: 'modelgraph.raw_quality_score', value: '0.9' },
        ]);
        assert.deepEqual(
          version.links.trained_on.map((link: { id: string }) => link.id),
          [dataset],
        );
        assert.equal(version.provenance.complete, true);
        assert.deepEqual(
          version.provenance.retracted.map((target: { artifact_id: string }) => target.artifact_id),
          [dataset],
        );
        assert.deepEqual(version.flags, ['retracted_input']);
        assert.equal(version.quality_score, 0.3);
      });
    });

    describe(`a governed lineage registered through the MLflow face, on ${store.name}`, () => {
      let t: TestApp;
      let token: string;
      let approver: string;
      before(async () => {
        t = await startTestApp(store, { MODELGRAPH_MLFLOW_TRACKING_URI: server.baseUrl });
        token = await t.agentToken('mlflow-governed', ['write', 'evaluate']);
        approver = await t.agentToken('mlflow-approver', ['evaluate']);
      });
      after(() => t.close());

      it('refuses a stage transition, and the request passes its provenance check once enriched', async () => {
        const runId = await logRun(server, `g${Date.now().toString(16)}`);
        const name = uniqueId('governed');
        const version = `${name}-v1`;
        expectOk(
          await mlflow(
            t,
            'POST',
            'model-versions/create',
            { name, source: 's3://b/m', run_id: runId },
            token,
          ),
        );
        await setPolicy(t, name, { required_approvals: 1, require_complete_provenance: true });

        const message = await expectMlflowRefusal(
          t,
          () =>
            mlflow(
              t,
              'POST',
              'model-versions/transition-stage',
              { name, version: '1', stage: 'Production' },
              token,
            ),
          403,
          'PERMISSION_DENIED',
        );
        assert.match(message, new RegExp(`POST /api/models/${version}/promotion-requests`));
        // An alias is not a promotion: a governed lineage still sets it.
        expectOk(
          await mlflow(
            t,
            'POST',
            'registered-models/alias',
            { name, alias: 'candidate', version: '1' },
            token,
          ),
        );

        const request = await openRequest(t, version, token);
        assert.deepEqual(checksByName(request), { complete_provenance: false });
        assert.deepEqual(await enrichDueVersions(t.deps), { attempted: 1, done: 1, retrying: 0, failed: 0 });
        assert.deepEqual(checksByName(await readRequest(t, request.id)), { complete_provenance: true });
        const approved = await decideOk(t, request.id, 'approve', approver);
        assert.equal(approved.status, 'approved');
        assert.deepEqual(await statusesOf(t, name), { [version]: 'promoted' });
      });
    });

    describe(`a tracking server that hangs, on ${store.name}`, () => {
      let t: TestApp;
      let token: string;
      const clock = manualClock();
      before(async () => {
        t = await startTestApp(
          store,
          {
            MODELGRAPH_MLFLOW_TRACKING_URI: server.baseUrl,
            MODELGRAPH_WEBHOOK_TIMEOUT_MS: '500',
            MODELGRAPH_WEBHOOK_RETRY_SCHEDULE: '1s',
          },
          clock,
        );
        token = await t.agentToken('mlflow-slow', ['write']);
      });
      after(async () => {
        server.resume();
        await t.close();
      });

      it('keeps the registration, records the timeout, and enriches once the server answers', async () => {
        const digest = `d${Date.now().toString(16)}`;
        const runId = await logRun(server, digest);
        const name = uniqueId('slow');
        server.pause();
        try {
          const created = expectOk(
            await mlflow(
              t,
              'POST',
              'model-versions/create',
              { name, source: 's3://b/m', run_id: runId },
              token,
            ),
          );
          assert.equal(created.model_version.run_id, runId);
          assert.deepEqual(await enrichDueVersions(t.deps), {
            attempted: 1,
            done: 0,
            retrying: 1,
            failed: 0,
          });
        } finally {
          server.resume();
        }
        const waiting = expectOk(await t.request('GET', `/api/models/${name}-v1`));
        assert.deepEqual(
          [
            waiting.mlflow.enrichment.status,
            waiting.mlflow.enrichment.attempts,
            waiting.mlflow.enrichment.last_error,
          ],
          ['retrying', 1, 'GET /api/2.0/mlflow/runs/get: timed out after 500 ms'],
        );
        assert.deepEqual(waiting.flags, ['provenance_incomplete']);

        clock.advance(1000);
        assert.deepEqual(await enrichDueVersions(t.deps), { attempted: 1, done: 1, retrying: 0, failed: 0 });
        const enriched = expectOk(await t.request('GET', `/api/models/${name}-v1`));
        assert.deepEqual(
          [enriched.mlflow.enrichment.status, enriched.mlflow.enrichment.attempts],
          ['done', 2],
        );
        assert.deepEqual(enriched.parameters, { alpha: '0.1' });
        assert.deepEqual(enriched.evaluation_metrics, { rmse: 0.25 });
        // The per-metric copy that filters read is written with the fill.
        assert.deepEqual(await copiedMetrics(t.store.db, `${name}-v1`), { rmse: 0.25 });
        assert.deepEqual(enriched.provenance, { complete: true, missing: [], completeness: 1 });
        const dataset = expectOk(await t.request('GET', `/api/artifacts/mlflow-dataset-${digest}`));
        assert.equal(dataset.versions[0].uri, '/data/cells.csv');
      });
    });
  }
});
