/**
 * The demo world loads through the registry services on both stores, shows every provenance
 * state and promotion history the pages need, and its runtimes run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asc, count, eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import type { Store } from '../../src/db/database.ts';
import { artifacts, events, links, models } from '../../src/db/schema.ts';
import { DEMO_GOVERNANCE } from '../../src/demo/demo-governance.ts';
import { type DemoSummary, isDatabaseEmpty, loadDemoWorld } from '../../src/demo/load-demo.ts';
import { listPromotionRequests } from '../../src/governance/promotion-request.service.ts';
import { createRunner, runnerOptionsFor } from '../../src/inference/runners.ts';
import { sandboxStatus } from '../../src/inference/sandbox-policy.ts';
import { getPolicy } from '../../src/registry/lineages/policy.service.ts';
import { testDeps } from '../support/deps.ts';
import { testStores } from '../support/stores.ts';

const LOWER_IS_BETTER = new Set(['rmse', 'mae', 'aic', 'bic', 'log_loss', 'loss']);
const HIGHER_IS_BETTER = new Set(['auc', 'f1', 'r2', 'accuracy', 'precision', 'recall']);

type ModelRow = typeof models.$inferSelect;

/** Rows by lineage, each oldest first (Node 20 has no `Map.groupBy`). */
function byLineage(rows: ModelRow[]): Map<string, ModelRow[]> {
  const lineages = new Map<string, ModelRow[]>();
  for (const row of rows) lineages.set(row.modelName, [...(lineages.get(row.modelName) ?? []), row]);
  return lineages;
}

const QUALITY_CAP = loadConfig({}).qualityCap;

for (const testStore of testStores()) {
  describe(`demo world on ${testStore.name}`, () => {
    let store: Store;
    let wasEmpty: boolean;
    let summary: DemoSummary;

    before(async () => {
      store = await testStore.open();
      wasEmpty = await isDatabaseEmpty(store);
      summary = await loadDemoWorld(testDeps(store.db));
    });
    after(() => store.close());

    const allModels = () =>
      store.db.select().from(models).orderBy(asc(models.modelName), asc(models.versionNumber));

    it('turns an empty database into a non-empty one', async () => {
      assert.equal(wasEmpty, true);
      assert.equal(await isDatabaseEmpty(store), false);
    });

    it('registers at least eight lineages of two to four versions across all three families', async () => {
      const rows = await allModels();
      const lineages = byLineage(rows);
      assert.ok(lineages.size >= 8, `only ${lineages.size} lineages`);
      assert.equal(summary.lineages, lineages.size);
      assert.equal(summary.models, rows.length);
      assert.deepEqual(
        new Set(rows.map((row) => row.modelFamily)),
        new Set(['biophysical', 'deep_learning', 'statistical']),
      );
      for (const [name, versions] of lineages) {
        assert.ok(versions.length >= 2 && versions.length <= 4, `${name} has ${versions.length} versions`);
        assert.deepEqual(
          versions.map((v) => [v.id, v.isLatest]),
          versions.map((_, i) => [`${name}-v${i + 1}`, i === versions.length - 1]),
        );
      }
    });

    it('improves every known metric from the first version to the newest', async () => {
      for (const versions of byLineage(await allModels()).values()) {
        const [first, newest] = [versions[0].evaluationMetrics, versions.at(-1)?.evaluationMetrics ?? {}];
        for (const [metric, value] of Object.entries(newest)) {
          if (LOWER_IS_BETTER.has(metric))
            assert.ok(value < first[metric], `${metric} of ${versions[0].modelName}`);
          if (HIGHER_IS_BETTER.has(metric))
            assert.ok(value > first[metric], `${metric} of ${versions[0].modelName}`);
        }
      }
    });

    it('keeps the documented example lineage complete: the microglia ODE v3 on SEA-AD from SDA-2026-04-05-001', async () => {
      const [v3] = await store.db.select().from(models).where(eq(models.id, 'model-biophys-microglia-v3'));
      assert.equal(v3.provenanceComplete, true);
      assert.equal(v3.qualityScore, 0.78);
      assert.equal(v3.parentId, 'model-biophys-microglia-v2');
      const outgoing = await store.db.select().from(links).where(eq(links.sourceId, v3.id));
      const targets = outgoing.map((link) => `${link.linkType}:${link.targetId}`);
      assert.ok(targets.includes('trained_on:dataset-allen_brain-SEA-AD'));
      assert.ok(targets.includes('produced_by:SDA-2026-04-05-001'));
      const [artifact] = await store.db.select().from(artifacts).where(eq(artifacts.id, v3.id));
      assert.equal(artifact.title, 'Microglial Activation ODE v3');
    });

    it('caps the quality score of every version whose provenance fails a rule, each rule at least once', async () => {
      const incomplete = (await allModels()).filter((row) => !row.provenanceComplete);
      assert.ok(incomplete.length >= 4);
      assert.equal(summary.incomplete_provenance, incomplete.length);
      for (const row of incomplete) {
        assert.ok(row.qualityScore <= QUALITY_CAP, `${row.id} scores ${row.qualityScore}`);
        assert.ok((row.rawQualityScore ?? 0) > QUALITY_CAP, `${row.id} would not show the cap`);
      }
      const failed = new Set(incomplete.flatMap((row) => row.provenanceMissing));
      const rules = ['trained_on_dataset', 'produced_by_analysis', 'inputs_pinned', 'hypothesis_link'];
      assert.deepEqual(new Set(rules), failed);
    });

    it('replays promotions as events whose parent_id is the superseded version', async () => {
      const rows = await allModels();
      const promoted = rows.filter((row) => row.status === 'promoted');
      assert.ok(promoted.length >= 5);
      assert.ok(rows.some((row) => row.status === 'superseded'));
      const promotions = await store.db
        .select()
        .from(events)
        .where(eq(events.eventType, 'model_version_promoted'));
      assert.equal(promotions.length, summary.promotions);
      const handOvers = promotions.filter((event) => event.detectionMetadata.parent_id !== null);
      assert.ok(handOvers.length >= 4);
      for (const event of handOvers) {
        const parent = rows.find((row) => row.id === event.detectionMetadata.parent_id);
        assert.equal(parent?.status, 'superseded');
      }
      const candidateHeads = rows.filter((row) => row.isLatest && row.status === 'candidate');
      assert.ok(candidateHeads.length >= 2, 'a user needs newest candidates to promote');
    });

    it('gives every version a process runtime, registered by admin, that scores inputs deterministically in the sandbox', async () => {
      const rows = await allModels();
      assert.ok(rows.every((row) => row.runtime?.kind === 'process' && row.runtimeByAdmin));
      const v3 = rows.find((row) => row.id === 'model-biophys-microglia-v3');
      const runner = await createRunner(
        v3?.runtime,
        runnerOptionsFor(testDeps(store.db), { id: 'model-biophys-microglia-v3', isRuntimeByAdmin: true }),
      );
      try {
        // Without bubblewrap the admin-registered demo still runs, unconfined; with it, inside.
        assert.equal(
          runner.sandbox,
          (await sandboxStatus(loadConfig({}))) === 'bwrap' ? 'bwrap' : 'unavailable',
        );
        const items = [
          { id: 'edge-a', inputs: { features: [1, 2] } },
          { id: 'edge-b', inputs: { features: [-0.5] } },
        ];
        const first = await runner.infer(items);
        // v3 runs with weight 1.4 and bias -0.2: logistic(1.4 × mean + -0.2).
        assert.equal(first.get('edge-a'), 1 / (1 + Math.exp(-(1.4 * 1.5 - 0.2))));
        assert.equal(first.get('edge-b'), 1 / (1 + Math.exp(-(1.4 * -0.5 - 0.2))));
        assert.deepEqual(await runner.infer(items), first);
      } finally {
        await runner.close();
      }
    });

    it('governs the cohort integration lineage, with v2 requested and waiting on its evidence', async () => {
      const deps = testDeps(store.db);
      assert.equal(summary.promotion_requests, 1);
      const name = DEMO_GOVERNANCE.modelName;
      assert.deepEqual(await getPolicy(deps, name), DEMO_GOVERNANCE.policy);
      const { requests } = await listPromotionRequests(deps, { filter: { modelName: name }, limit: 10 });
      assert.deepEqual(
        requests.map(({ request }) => [request.modelId, request.status, request.requestedBy]),
        [[`${name}-v2`, 'open', 'dr-kenji-watanabe']],
      );
      assert.deepEqual(Object.fromEntries(requests[0].checks.map((check) => [check.name, check.passed])), {
        complete_provenance: false,
        impact_preview: false,
        flag_fraction: false,
      });
      // The walk-throughs each promote elsewhere: microglia stays ungoverned.
      assert.equal((await getPolicy(deps, 'model-biophys-microglia')).requiredApprovals, 0);
    });

    it('writes nothing when the demo is loaded a second time', async () => {
      const counts = async () => ({
        artifacts: (await store.db.select({ n: count() }).from(artifacts))[0].n,
        events: (await store.db.select({ n: count() }).from(events))[0].n,
      });
      const before = await counts();
      await assert.rejects(loadDemoWorld(testDeps(store.db)), /already exists/);
      assert.deepEqual(await counts(), before);
    });
  });
}
