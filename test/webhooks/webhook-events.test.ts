import assert from 'node:assert/strict';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actingAs } from '../../src/caller.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { deliverDueMessages } from '../../src/webhooks/delivery.service.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { addVersion, createDataset } from '../support/factories.ts';
import { reinstate, retract } from '../support/retraction.ts';
import { bulkModelsTrainedOn } from '../support/retraction-world.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { deliveryLog, startWebhookApp, subscribe, verifiedBody, type WebhookApp } from './webhook-support.ts';

/** The operator who runs the job, as the CLI does. */
const OPERATOR = actingAs('operator');

for (const store of testStores()) {
  describe(`the events webhooks report, from the commands that make them, on ${store.name}`, () => {
    let t: WebhookApp;
    let receiver: Receiver;
    let everything: { id: string; secret: string };
    let promotionsOnly: { id: string; secret: string };
    const lineage = `events-lineage-${store.name}`;
    let versions: string[];
    /** The verified bodies everything-subscription received, by type. */
    const byType = new Map<string, { type: string; data: Record<string, unknown> }[]>();

    before(async () => {
      t = await startWebhookApp(store, {
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-webhook-events-')), 'rescore.log'),
      });
      receiver = await startReceiver();
      everything = await subscribe(t, `${receiver.url}/all`);
      promotionsOnly = await subscribe(t, `${receiver.url}/promotions`, ['model_version_promoted']);
      versions = await registerLineage(t, lineage, [null, fixtureRuntime('echo-model.mjs')]);
      const [v1] = versions;
      await insertEdges(t, [
        attributedEdge('events-drop', v1, 1, 0.9, 0.2),
        attributedEdge('events-same', v1, 1, 0.5, 0.5),
        attributedEdge('events-no-inputs', v1, 1, 0.4, null),
      ]);
      await promote(t, versions[0]);
      await promote(t, versions[1]);
      await performRescore(t.deps, { caller: OPERATOR, dryRun: false });
      const reviewed = await t.request('POST', '/api/kg/edges/events-drop/review', {
        token: ADMIN_TOKEN,
        body: { decision: 'keep', note: 'checked by hand' },
      });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      const aliasUrl = `/api/lineages/${lineage}/aliases/champion`;
      const set = await t.request('PUT', aliasUrl, { token: ADMIN_TOKEN, body: { version_number: 2 } });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal((await t.request('DELETE', aliasUrl, { token: ADMIN_TOKEN })).statusCode, 204);
      await deliverDueMessages(t.deps);
      for (const request of receiver.received.filter((r) => r.path === '/all')) {
        const body = verifiedBody(everything.secret, request);
        byType.set(body.type, [...(byType.get(body.type) ?? []), body]);
      }
    });
    after(async () => {
      await receiver.close();
      await t.close();
    });

    it('sends each change once to the subscription of every type, and only promotions to the other', async () => {
      assert.deepEqual(Object.fromEntries([...byType].map(([type, bodies]) => [type, bodies.length])), {
        model_version_registered: 2,
        model_version_promoted: 2,
        credit_payout_completed: 2,
        rescore_pass_completed: 1,
        kg_edge_reviewed: 1,
        model_alias_set: 1,
        model_alias_deleted: 1,
      });
      const promotions = receiver.received.filter((r) => r.path === '/promotions');
      assert.deepEqual(
        promotions.map((request) => verifiedBody(promotionsOnly.secret, request).type),
        ['model_version_promoted', 'model_version_promoted'],
      );
      const log = await deliveryLog(t, everything.id);
      assert.equal(log.length, 10);
      assert.ok(log.every((delivery) => delivery.status === 'delivered' && delivery.attempts === 1));
    });

    it('describes a registration as the catalog lists the version', async () => {
      const [first] = byType.get('model_version_registered') ?? [];
      const listed = (
        await t.request('GET', `/api/models?q=${lineage}&all_versions=true&sort=created_at&order=asc`)
      ).json().models[0];
      assert.equal(first.data.id, versions[0]);
      assert.deepEqual(Object.keys(first.data).sort(), Object.keys(listed).sort());
    });

    it('sends the events-log entry of a promotion, an alias change and a review, with its id in the delivery', async () => {
      const [, second] = byType.get('model_version_promoted') ?? [];
      const event = second.data as { id: number; event_type: string; detection_metadata: object };
      assert.equal(event.event_type, 'model_version_promoted');
      assert.deepEqual(event.detection_metadata, {
        parent_id: versions[0],
        child_id: versions[1],
        actor: 'admin',
      });
      const logged = (
        await t.request('GET', `/api/events?type=model_version_promoted&target=${versions[1]}`)
      ).json();
      assert.deepEqual(event, logged.events[0]);
      const log = await deliveryLog(t, everything.id);
      assert.ok(
        log.some(
          (delivery) => delivery.event_type === 'model_version_promoted' && delivery.event_id === event.id,
        ),
      );
      const [review] = byType.get('kg_edge_reviewed') ?? [];
      assert.equal(review.data.target_artifact_id, 'events-drop');
      assert.deepEqual(review.data.detection_metadata, {
        decision: 'keep',
        note: 'checked by hand',
        confidence: 0.2,
      });
      const [aliasSet] = byType.get('model_alias_set') ?? [];
      const [aliasDeleted] = byType.get('model_alias_deleted') ?? [];
      assert.equal((aliasSet.data.detection_metadata as { to: string }).to, versions[1]);
      assert.equal((aliasDeleted.data.detection_metadata as { from: string }).from, versions[1]);
    });

    it('sends a payout as GET /api/credit/payouts shows it', async () => {
      for (const payout of byType.get('credit_payout_completed') ?? []) {
        const shown = await t.request('GET', `/api/credit/payouts?event_id=${payout.data.event_id}`);
        assert.deepEqual(payout.data, shown.json());
      }
    });

    it('sends a rescore pass as its summary plus the edges it flagged', async () => {
      const [pass] = byType.get('rescore_pass_completed') ?? [];
      assert.equal(pass.data.outcome, 'ok');
      assert.equal(pass.data.parent_id, versions[0]);
      assert.equal(pass.data.child_id, versions[1]);
      assert.equal(pass.data.edges_processed, 3);
      assert.deepEqual(pass.data.histogram, {
        large_decrease: 1,
        decrease: 0,
        stable: 1,
        increase: 0,
        skipped_no_inputs: 1,
        failed: 0,
      });
      assert.deepEqual(pass.data.flagged_edge_ids, ['events-drop']);
    });

    it('sends promotion requests as the API shows them when opened and when decided, with their approvers', async () => {
      const hook = await subscribe(t, `${receiver.url}/requests`, [
        'promotion_requested',
        'promotion_request_decided',
      ]);
      const governed = `${lineage}-governed`;
      const [v1, v2, v3] = await registerLineage(t, governed, [null, null, null]);
      await promote(t, v1);
      const policy = await t.request('PUT', `/api/lineages/${governed}/policy`, {
        token: ADMIN_TOKEN,
        body: { required_approvals: 1 },
      });
      assert.equal(policy.statusCode, 200, policy.body);
      const requester = await t.agentToken('events-requester', ['evaluate']);
      const reviewer = await t.agentToken('events-reviewer', ['evaluate']);
      const open = async (id: string) =>
        (
          await t.request('POST', `/api/models/${id}/promotion-requests`, { token: requester, body: {} })
        ).json();
      const first = await open(v2);
      const approved = await t.request('POST', `/api/promotion-requests/${first.id}/approve`, {
        token: reviewer,
      });
      assert.equal(approved.statusCode, 200, approved.body);
      const second = await open(v3);
      const rejected = await t.request('POST', `/api/promotion-requests/${second.id}/reject`, {
        token: reviewer,
        body: { comment: 'no held-out evaluation' },
      });
      assert.equal(rejected.statusCode, 200, rejected.body);
      await deliverDueMessages(t.deps);
      const bodies = receiver.received
        .filter((request) => request.path === '/requests')
        .map((request) => verifiedBody(hook.secret, request));
      assert.deepEqual(
        bodies.map((body) => [body.type, body.data.id, body.data.status, body.data.approvers]),
        [
          ['promotion_requested', first.id, 'open', []],
          ['promotion_request_decided', first.id, 'approved', ['events-reviewer']],
          ['promotion_requested', second.id, 'open', []],
          ['promotion_request_decided', second.id, 'rejected', []],
        ],
      );
      const { approvers: _approvers, ...shown } = bodies[3].data;
      assert.deepEqual(shown, rejected.json());
      const log = await deliveryLog(t, hook.id);
      const logged = (
        await t.request('GET', `/api/events?type=promotion_request_decided&target=${v3}`)
      ).json();
      assert.ok(log.some((delivery) => delivery.event_id === logged.events[0].id));
    });

    it('sends nothing for a pass that finds no work', async () => {
      t.clock.advance(25 * 3_600_000);
      const summary = await performRescore(t.deps, { caller: OPERATOR, dryRun: false });
      assert.equal(summary.outcome, 'noop');
      assert.deepEqual(await deliverDueMessages(t.deps), {
        attempted: 0,
        delivered: 0,
        retrying: 0,
        failed: 0,
      });
    });

    it('sends the first 1,000 of the edges a pass flagged, in the order it wrote them', async () => {
      // A server of its own, whose first pass is not held back by the window of the passes above.
      const fresh = await startWebhookApp(store, { MODELGRAPH_RESCORE_LOG: t.deps.config.rescoreLog });
      const listener = await startReceiver();
      try {
        const hook = await subscribe(fresh, `${listener.url}/passes`, ['rescore_pass_completed']);
        const [parent, child] = await registerLineage(fresh, `${lineage}-many`, [
          null,
          fixtureRuntime('echo-model.mjs'),
        ]);
        const ids = Array.from({ length: 1001 }, (_, i) => `events-many-${String(i).padStart(4, '0')}`);
        await insertEdges(
          fresh,
          ids.map((id) => attributedEdge(id, parent, 1, 0.9, 0.1)),
        );
        await promote(fresh, parent);
        await promote(fresh, child);
        assert.equal(
          (await performRescore(fresh.deps, { caller: OPERATOR, dryRun: false })).histogram.large_decrease,
          1001,
        );
        assert.equal((await deliverDueMessages(fresh.deps)).delivered, 1);
        const pass = verifiedBody(hook.secret, listener.received[0]);
        assert.equal(pass.type, 'rescore_pass_completed');
        assert.deepEqual(pass.data.flagged_edge_ids, ids.slice(0, 1000));
      } finally {
        await listener.close();
        await fresh.close();
      }
    });

    it('sends a retraction and its reinstatement with the target, the counts and the first 1,000 versions', async () => {
      const fresh = await startWebhookApp(store, { MODELGRAPH_RESCORE_LOG: t.deps.config.rescoreLog });
      const listener = await startReceiver();
      try {
        const hook = await subscribe(fresh, `${listener.url}/retractions`, [
          'artifact_retracted',
          'artifact_reinstated',
        ]);
        const datasetId = await createDataset(fresh);
        await addVersion(fresh, datasetId);
        const built = await bulkModelsTrainedOn(
          fresh,
          { datasetId, version: 2 },
          1001,
          `hooked-${store.name}`,
        );
        await retract(fresh, datasetId, {
          version: 2,
          reason: 'donor labels swapped',
          evidence_url: 'https://example.org/erratum',
        });
        await reinstate(fresh, datasetId, { version: 2, reason: 'labels were right' });
        assert.equal((await deliverDueMessages(fresh.deps)).delivered, 2);
        const [retracted, reinstated] = listener.received.map((request) =>
          verifiedBody(hook.secret, request),
        );
        const logged = async (type: string) =>
          (await fresh.request('GET', `/api/events?type=${type}&target=${datasetId}`)).json().events[0];
        const retraction = await logged('artifact_retracted');
        assert.equal(retracted.type, 'artifact_retracted');
        assert.deepEqual(retracted.data, {
          artifact_id: datasetId,
          version: 2,
          reason: 'donor labels swapped',
          evidence_url: 'https://example.org/erratum',
          event_id: retraction.id,
          retracted_by: 'admin',
          retracted_at: retraction.created_at,
          affected_models_count: 1001,
          affected_models: built.slice(0, 1000),
          flagged_edges: 0,
        });
        const reinstatement = await logged('artifact_reinstated');
        assert.equal(reinstated.type, 'artifact_reinstated');
        assert.deepEqual(reinstated.data, {
          artifact_id: datasetId,
          version: 2,
          reason: 'labels were right',
          event_id: reinstatement.id,
          reinstated_by: 'admin',
          reinstated_at: reinstatement.created_at,
          affected_models_count: 1001,
          affected_models: built.slice(0, 1000),
          restored_models_count: 1001,
          restored_models: built.slice(0, 1000),
        });
        const log = await deliveryLog(fresh, hook.id);
        assert.deepEqual(log.map((delivery) => [delivery.event_type, delivery.event_id]).sort(), [
          ['artifact_reinstated', reinstatement.id],
          ['artifact_retracted', retraction.id],
        ]);
      } finally {
        await listener.close();
        await fresh.close();
      }
    });
  });
}
