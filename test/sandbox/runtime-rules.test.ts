/**
 * The registration rules of the sandbox's configuration (docs/security.md#runtimes-run-code-so-they-are-confined):
 * `runtime.env` may not set `LD_*` or `DYLD_*` variables; with `MODELGRAPH_RUNTIME_PATHS` set, a
 * process runtime's `cwd` and an `onnx` runtime's file must lie inside it once `..` and symbolic
 * links are resolved. Each refusal is a 400 naming the field, for `admin` too, and writes nothing;
 * an `onnx` runtime inside the paths still re-scores. An `http` runtime whose stored URL names a
 * metadata service is refused again when a pass would call it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildLogisticRegressionOnnx } from '../fixtures/inference/build-logistic-onnx.ts';
import { WINDOW_HOURS } from '../jobs/rescore-scenarios.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { buildModelBody, expectError, expectNoWrites, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, insertEdges, promote, registerLineage } from '../support/world.ts';
import { readableTempDir, useWriterSuite } from './sandbox-support.ts';

for (const store of testStores()) {
  describe(`runtime rules of the sandbox on ${store.name}`, () => {
    // allowed/ is MODELGRAPH_RUNTIME_PATHS; outside/ is not; links in allowed/ lead out and back.
    const root = readableTempDir('mg-rules-');
    const allowed = join(root, 'allowed');
    const outside = join(root, 'outside');
    for (const dir of [join(allowed, 'models'), outside]) mkdirSync(dir, { recursive: true });
    symlinkSync(outside, join(allowed, 'escape'));
    symlinkSync(join(allowed, 'models'), join(outside, 'way-in'));
    for (const dir of [join(allowed, 'models'), outside]) {
      writeFileSync(join(dir, 'logistic.onnx'), buildLogisticRegressionOnnx([1], 0));
    }
    const suite = useWriterSuite(store, () => ({
      MODELGRAPH_RUNTIME_COMMANDS: process.execPath,
      MODELGRAPH_RUNTIME_PATHS: allowed,
    }));

    const register = (runtime: unknown, token: string) =>
      suite.app.request('POST', '/api/models', { token, body: buildModelBody({ runtime }) });
    const refuse = async (runtime: unknown, field: string, message: RegExp) => {
      for (const token of [suite.writer, ADMIN_TOKEN]) {
        const response = await expectNoWrites(suite.app, () => register(runtime, token));
        const error = expectError(response, 400, 'invalid_request');
        assert.match(error.message, message);
        assert.deepEqual(error.details, { field });
      }
    };
    const node = (env?: Record<string, string>, cwd?: string) => ({
      kind: 'process',
      command: [process.execPath, 'model.mjs'],
      ...(env ? { env } : {}),
      ...(cwd ? { cwd } : {}),
    });

    for (const variable of [
      'LD_PRELOAD',
      'LD_LIBRARY_PATH',
      'LD_AUDIT',
      'ld_preload',
      'DYLD_INSERT_LIBRARIES',
    ]) {
      it(`refuses runtime.env setting ${variable} with 400 naming the variable`, async () => {
        await refuse(
          node({ MODEL_SETTING: 'fine', [variable]: '/tmp/evil.so' }),
          `runtime.env.${variable}`,
          new RegExp(`^runtime\\.env may not set ${variable}: LD_\\* and DYLD_\\* variables`),
        );
      });
    }

    it('accepts other variables in runtime.env', async () => {
      assert.equal(
        (await register(node({ OLD_LD_STYLE: 'x', MODEL_SETTING: 'y' }), suite.writer)).statusCode,
        201,
      );
    });

    for (const [why, cwd] of [
      ['outside the paths', () => outside],
      ['out of the paths by ..', () => join(allowed, 'models', '..', '..', 'outside')],
      ['out of the paths by a symbolic link', () => join(allowed, 'escape')],
      ['the root', () => '/'],
    ] as const) {
      it(`refuses a cwd ${why} with 400 naming runtime.cwd`, async () => {
        await refuse(
          node(undefined, cwd()),
          'runtime.cwd',
          /^runtime\.cwd must lie inside MODELGRAPH_RUNTIME_PATHS/,
        );
      });
    }

    it('accepts a cwd inside the paths, also when a link from outside leads there', async () => {
      assert.equal((await register(node(undefined, join(allowed, 'models')), suite.writer)).statusCode, 201);
      assert.equal((await register(node(undefined, join(outside, 'way-in')), suite.writer)).statusCode, 201);
    });

    for (const [why, file] of [
      ['outside the paths', () => join(outside, 'logistic.onnx')],
      ['out of the paths by ..', () => `${allowed}/models/../../outside/logistic.onnx`],
      ['out of the paths by a symbolic link', () => join(allowed, 'escape', 'logistic.onnx')],
      ['missing, outside the paths', () => join(outside, 'missing.onnx')],
    ] as const) {
      it(`refuses an onnx file ${why} with 400 naming runtime.uri`, async () => {
        const uri = file().includes('..') ? `file://${file()}` : pathToFileURL(file()).href;
        await refuse(
          { kind: 'onnx', uri },
          'runtime.uri',
          /^runtime\.uri must lie inside MODELGRAPH_RUNTIME_PATHS/,
        );
      });
    }

    it('re-scores with an onnx runtime whose file lies inside the paths', async () => {
      const uri = pathToFileURL(join(allowed, 'models', 'logistic.onnx')).href;
      const scenario = await suite.run({ kind: 'onnx', uri }, [
        { confidence: 0.9, inputs: { features: [0] } },
      ]);
      assert.equal(scenario.summary.outcome, 'ok');
      assert.equal(scenario.summary.histogram.failed, 0);
      const edge = (await suite.app.request('GET', `/api/kg/edges/${scenario.edgeIds[0]}`)).json();
      assert.equal(edge.confidence, 0.5, 'sigmoid(0)');
    });

    it('refuses at the pass an http runtime whose stored URL names a metadata service', async () => {
      await new Promise((resolve) => setTimeout(resolve, WINDOW_HOURS * 3_600_000 + 200));
      const [parent, child] = await registerLineage(suite.app, uniqueId('http'), [
        null,
        { kind: 'http', url: 'http://127.0.0.1:8000/', model: 'm' },
      ]);
      const edgeId = uniqueId('e');
      await insertEdges(suite.app, [{ ...attributedEdge(edgeId, parent, 1, 0.9, null), inputs: { x: 1 } }]);
      await promote(suite.app, parent);
      await promote(suite.app, child);
      // A URL stored before the rule existed: the check at registration never saw it.
      await suite.app.store.db.execute(
        sql`update models set runtime = jsonb_set(runtime, '{url}', '"http://0x64.0x64.0x64.0xc8/"') where id = ${child}`,
      );
      const pass = await suite.app.request('POST', '/api/jobs/rescore', {
        token: ADMIN_TOKEN,
        body: { since_hours: 1 },
      });
      assert.equal(pass.json().child_id, child);
      assert.equal(pass.json().outcome, 'failed');
      assert.match(pass.json().reason, /runtime\.url must not name a link-local or cloud-metadata address/);
      assert.equal((await suite.app.request('GET', `/api/kg/edges/${edgeId}`)).json().confidence, 0.9);
    });
  });
}
