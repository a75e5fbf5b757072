/**
 * When the sandbox cannot start (here: `MODELGRAPH_RUNTIME_BWRAP` names no program, as on a
 * machine without bubblewrap) only a runtime registered by `admin` runs, unconfined, and the pass
 * records `"sandbox": "unavailable"` with a warning; a writer's runtime fails the pass with
 * `runtime_unavailable` naming why, and keeps its edges and its place in the queue. With
 * `MODELGRAPH_RUNTIME_SANDBOX=off` — the operator's explicit choice, warned about at start —
 * registering a process runtime needs `admin` whatever `MODELGRAPH_RUNTIME_COMMANDS` says.
 * None of this needs bubblewrap, so it runs everywhere.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { queryRows } from '../../src/db/database.ts';
import { reportSandbox } from '../../src/server.ts';
import { scenarioRunner, toolCallOf, WINDOW_HOURS } from '../jobs/rescore-scenarios.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, expectNoWrites, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { fixtureRuntime, registerLineage } from '../support/world.ts';
import { readableTempDir } from './sandbox-support.ts';

const twoEdges = [
  { confidence: 0.6, inputs: { confidence: 0.1 } },
  { confidence: 0.3, inputs: { confidence: 0.9 } },
];

/** A logger that keeps its lines, to read the warnings. */
function capturingLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const passEnv = () => ({
  MODELGRAPH_RESCORE_WINDOW_HOURS: String(WINDOW_HOURS),
  MODELGRAPH_RESCORE_LOG: join(readableTempDir('mg-fallback-'), 'model_rescore.log'),
  MODELGRAPH_RUNTIME_COMMANDS: process.execPath,
});

for (const store of testStores()) {
  describe(`when the sandbox cannot start, on ${store.name}`, () => {
    let t: TestApp;
    let writer: string;
    const { logger, lines } = capturingLogger();
    // One runner, so its passes wait out each other's window; `registrant` says who registers.
    let registrant = ADMIN_TOKEN;
    const run = scenarioRunner(
      () => t,
      () => registrant,
    );
    before(async () => {
      t = await startTestApp(
        store,
        { ...passEnv(), MODELGRAPH_RUNTIME_BWRAP: '/nonexistent/bwrap' },
        undefined,
        logger,
      );
      writer = await t.agentToken(uniqueId('writer'), ['write']);
    });
    after(() => t.close());

    it('reports runtime_sandbox "unavailable" on GET /api/health, still 200', async () => {
      const response = await t.request('GET', '/api/health');
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().runtime_sandbox, 'unavailable');
    });

    it("runs an admin's runtime unconfined, records sandbox: unavailable and logs a warning", async () => {
      registrant = ADMIN_TOKEN;
      const scenario = await run(fixtureRuntime('echo-model.mjs'), twoEdges);
      assert.equal(scenario.summary.outcome, 'ok');
      assert.equal(scenario.summary.sandbox, 'unavailable');
      assert.equal(scenario.summary.histogram.failed, 0);
      const edge = (await t.request('GET', `/api/kg/edges/${scenario.edgeIds[0]}`)).json();
      assert.equal(edge.confidence, 0.1, 'the edge was re-scored');
      const call = await toolCallOf(t, scenario.child);
      assert.equal((call.output as { sandbox?: string }).sandbox, 'unavailable');
      const warning = lines.find((line) => line.level === 40 && line.model_id === scenario.child);
      assert.ok(warning, 'a warning names the version');
      assert.match(String(warning.reason), /cannot run \/nonexistent\/bwrap/);
    });

    it("fails the pass of a writer's runtime with runtime_unavailable naming why, and keeps its edges and queue", async () => {
      registrant = writer;
      const scenario = await run(fixtureRuntime('echo-model.mjs'), twoEdges);
      assert.equal(scenario.summary.outcome, 'failed');
      assert.match(
        scenario.summary.reason ?? '',
        /the sandbox cannot start \(cannot run \/nonexistent\/bwrap: .*\), and only a runtime registered by admin runs without it/,
      );
      for (const [index, id] of scenario.edgeIds.entries()) {
        const edge = (await t.request('GET', `/api/kg/edges/${id}`)).json();
        assert.equal(edge.confidence, twoEdges[index].confidence, 'the edge keeps its confidence');
        assert.equal(edge.source_artifact_id, scenario.parent);
      }
      const [queued] = await queryRows<{ n: number }>(
        t.store.db,
        sql`select count(*)::int as n from rescore_queue where child_id = ${scenario.child} and status = 'queued'`,
      );
      assert.equal(queued.n, 1, 'the promotion stays queued');
      // The impact preview of the writer's next candidate cannot run it either.
      const modelName = (await t.request('GET', `/api/models/${scenario.child}`)).json().model_name;
      const [candidate] = await registerLineage(t, modelName, [fixtureRuntime('echo-model.mjs')], writer);
      const preview = await t.request('POST', `/api/models/${candidate}/impact-preview`, {
        token: ADMIN_TOKEN,
        body: {},
      });
      assert.match(expectError(preview, 422, 'candidate_not_runnable').message, /the sandbox cannot start/);
    });
  });

  describe(`with MODELGRAPH_RUNTIME_SANDBOX=off, on ${store.name}`, () => {
    let t: TestApp;
    let writer: string;
    const asAdmin = scenarioRunner(() => t);
    before(async () => {
      t = await startTestApp(store, { ...passEnv(), MODELGRAPH_RUNTIME_SANDBOX: 'off' });
      writer = await t.agentToken(uniqueId('writer'), ['write']);
    });
    after(() => t.close());

    it('refuses a process runtime from a write token even when its program is listed (403), writing nothing', async () => {
      const body = buildModelBody({ runtime: { kind: 'process', command: [process.execPath, 'model.mjs'] } });
      const response = await expectNoWrites(t, () =>
        t.request('POST', '/api/models', { token: writer, body }),
      );
      assert.match(expectError(response, 403, 'forbidden').message, /MODELGRAPH_RUNTIME_SANDBOX=off/);
    });

    it("runs an admin's runtime unconfined, records sandbox: off, and says so on GET /api/health", async () => {
      const scenario = await asAdmin(fixtureRuntime('echo-model.mjs'), twoEdges);
      assert.equal(scenario.summary.outcome, 'ok');
      assert.equal(scenario.summary.sandbox, 'off');
      assert.equal((await t.request('GET', '/api/health')).json().runtime_sandbox, 'off');
    });

    it('is warned about when the server starts', async () => {
      const { logger, lines } = capturingLogger();
      await reportSandbox({ ...t.deps, logger });
      assert.deepEqual(
        lines.map((line) => [line.level, line.runtime_sandbox]),
        [[40, 'off']],
      );
      assert.match(lines[0].msg, /MODELGRAPH_RUNTIME_SANDBOX=off: process runtimes run unconfined/);
    });
  });
}
