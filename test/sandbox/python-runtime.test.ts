/**
 * A Python runtime from a virtualenv — numpy and scikit-learn, through the Python client's
 * `modelgraph.runner` — registered by a `write` token and run in the sandbox. The venv's
 * interpreter is a link into the Python installation it was made from (here pyenv's, under
 * /root), so `MODELGRAPH_RUNTIME_PATHS` lists that installation, the venv and the client's source,
 * as docs/security.md#the-sandbox tells operators to. Skipped locally without bubblewrap or
 * .venv/client; in CI a failure.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { toolCallOf } from '../jobs/rescore-scenarios.ts';
import { pythonUnavailable, venvPython, venvRuntimePaths } from '../support/python.ts';
import { testStores } from '../support/stores.ts';
import { bwrapUnavailable, SANDBOX_FIXTURES, useWriterSuite } from './sandbox-support.ts';

const skip = (await bwrapUnavailable()) || pythonUnavailable('client');
const CLIENT_SOURCE = resolve(import.meta.dirname, '../../clients/python/src');

for (const store of testStores()) {
  describe(`a scikit-learn runtime from a virtualenv in the sandbox on ${store.name}`, { skip }, () => {
    const suite = useWriterSuite(store, () => ({
      MODELGRAPH_RUNTIME_COMMANDS: venvPython('client'),
      MODELGRAPH_RUNTIME_PATHS: [...venvRuntimePaths('client'), CLIENT_SOURCE, SANDBOX_FIXTURES].join(','),
      MODELGRAPH_RUNNER_TIMEOUT_MS: '120000',
    }));

    it('re-scores every edge with the fitted model, confined', async () => {
      const xs = [0, 2.5, 5];
      const scenario = await suite.run(
        {
          kind: 'process',
          command: [venvPython('client'), 'sklearn_model.py'],
          cwd: SANDBOX_FIXTURES,
          env: { PYTHONPATH: CLIENT_SOURCE },
        },
        xs.map((x) => ({ confidence: 0.5, inputs: { x } })),
      );
      assert.equal(scenario.summary.outcome, 'ok');
      assert.equal(scenario.summary.sandbox, 'bwrap');
      assert.equal(
        scenario.summary.histogram.failed,
        0,
        (await toolCallOf(suite.app, scenario.child)).error ?? '',
      );
      const confidences: number[] = [];
      for (const id of scenario.edgeIds) {
        const edge = (await suite.app.request('GET', `/api/kg/edges/${id}`)).json();
        assert.equal(edge.source_artifact_id, scenario.child);
        confidences.push(edge.confidence);
      }
      // The model's own answers: low for x = 0, even at the boundary, high for x = 5.
      assert.ok(confidences[0] < 0.2 && confidences[2] > 0.8, `${confidences}`);
      assert.ok(Math.abs(confidences[1] - 0.5) < 0.05, `${confidences}`);
    });
  });
}
