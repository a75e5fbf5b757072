import assert from 'node:assert/strict';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actingAs } from '../../src/caller.ts';
import { deterministicRunId } from '../../src/formats/core/openlineage.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { deliverDueMessages } from '../../src/webhooks/delivery.service.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';
import { openLineageRunEventValidator } from '../validators/offline-tools.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { startWebhookApp, type WebhookApp } from './webhook-support.ts';

/** The operator who runs the job, as the CLI does. */
const OPERATOR = actingAs('operator');

interface RunEvent {
  eventType: string;
  eventTime: string;
  producer: string;
  run: { runId: string };
  job: { name: string };
  inputs: { name: string }[];
  outputs: { name: string }[];
}

for (const store of testStores()) {
  describe(`OpenLineage RunEvents through the outbox on ${store.name}`, () => {
    let t: WebhookApp;
    let marquez: Receiver;
    const validate = openLineageRunEventValidator();
    const lineage = `ol-lineage-${store.name}`;
    let versions: string[];
    let promotionEvents: number[];
    let sent: RunEvent[];

    before(async () => {
      marquez = await startReceiver();
      t = await startWebhookApp(store, {
        MODELGRAPH_OPENLINEAGE_URL: `${marquez.url}/`,
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-openlineage-')), 'rescore.log'),
      });
      versions = await registerLineage(t, lineage, [null, fixtureRuntime('echo-model.mjs')]);
      await insertEdges(t, [attributedEdge('ol-edge', versions[0], 1, 0.9, 0.8)]);
      promotionEvents = [(await promote(t, versions[0])).id, (await promote(t, versions[1])).id];
      await performRescore(t.deps, { caller: OPERATOR, dryRun: false });
      await deliverDueMessages(t.deps);
      sent = marquez.received.map((request) => JSON.parse(request.body));
    });
    after(async () => {
      await t.close();
      await marquez.close();
    });

    it('posts every RunEvent to {url}/api/v1/lineage unsigned, each valid against the 2-0-2 schema', () => {
      assert.equal(sent.length, 10, 'two registrations, two promotions and a pass: two events each');
      for (const request of marquez.received) {
        assert.equal(request.method, 'POST');
        assert.equal(request.path, '/api/v1/lineage');
        assert.equal(request.headers['content-type'], 'application/json');
        assert.equal(request.headers['webhook-signature'], undefined);
      }
      for (const event of sent) assert.ok(validate(event), JSON.stringify(validate.errors));
    });

    it('sends a registration as the START and COMPLETE that GET /api/models/{id}/openlineage shows', async () => {
      for (const [i, id] of versions.entries()) {
        const exported = (await t.request('GET', `/api/models/${id}/openlineage`)).json().events;
        const pair = sent.slice(2 * i, 2 * i + 2);
        const withoutProducer = (events: RunEvent[]) =>
          events.map((event) =>
            JSON.stringify({ ...event, producer: undefined }).replaceAll(event.producer, ''),
          );
        assert.deepEqual(withoutProducer(pair), withoutProducer(exported));
        assert.equal(pair[0].run.runId, deterministicRunId(`model-version:${id}`));
      }
      assert.equal(sent[0].producer, `http://${t.deps.config.host}:${t.deps.config.port}/`);
    });

    it('sends each promotion as a START and a COMPLETE of one run of <model_name>.promote', () => {
      for (const [i, eventId] of promotionEvents.entries()) {
        const pair = sent.slice(4 + 2 * i, 6 + 2 * i);
        assert.deepEqual(
          pair.map((event) => event.eventType),
          ['START', 'COMPLETE'],
        );
        assert.ok(pair.every((event) => event.run.runId === deterministicRunId(`promotion:${eventId}`)));
        assert.equal(pair[0].job.name, `${lineage}.promote`);
      }
    });

    it('sends a rescore pass as START when it takes the promotion and COMPLETE when it is done', () => {
      const [start, complete] = sent.slice(-2);
      assert.deepEqual([start.eventType, complete.eventType], ['START', 'COMPLETE']);
      assert.equal(start.run.runId, complete.run.runId);
      assert.equal(start.job.name, `${lineage}.rescore`);
      assert.deepEqual(
        start.outputs.map((output) => output.name),
        ['kg_edges'],
      );
    });

    it('sends FAIL for a pass whose child cannot run', async () => {
      const [, broken] = await registerLineage(t, `${lineage}-broken`, [
        null,
        { kind: 'process', command: ['/nonexistent/modelgraph-model'] },
      ]);
      const [parent] = (
        await t.request('GET', `/api/models?q=${lineage}-broken&all_versions=true&sort=created_at&order=asc`)
      )
        .json()
        .models.map((model: { id: string }) => model.id);
      await insertEdges(t, [attributedEdge('ol-broken-edge', parent, 1, 0.5, 0.5)]);
      await promote(t, parent);
      await promote(t, broken);
      t.clock.advance(25 * 3_600_000);
      marquez.received.length = 0;
      const summary = await performRescore(t.deps, { caller: OPERATOR, dryRun: false });
      assert.equal(summary.outcome, 'failed');
      await deliverDueMessages(t.deps);
      const events: RunEvent[] = marquez.received.map((request) => JSON.parse(request.body));
      const pass = events.filter((event) => event.job.name === `${lineage}-broken.rescore`);
      assert.deepEqual(
        pass.map((event) => event.eventType),
        ['START', 'FAIL'],
      );
      for (const event of events) assert.ok(validate(event), JSON.stringify(validate.errors));
    });
  });
}
