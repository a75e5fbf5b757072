import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  DIMENSIONS,
  type GeneratedWorld,
  generateWorld,
  WORLD_TABLES,
  worldDigest,
} from '../../bench/generate.ts';
import { analysisCounts } from '../../bench/world/params.ts';
import { loadConfig } from '../../src/config.ts';
import { findUnpaidPromotions } from '../../src/credit/payout.repository.ts';
import { queryRows } from '../../src/db/database.ts';
import { hashEdgeContent } from '../../src/kg/core/edge-classification.ts';
import { PROVENANCE_RULES } from '../../src/registry/core/provenance.ts';
import { refreshQualityScores } from '../../src/registry/models/provenance.service.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { metricCopyMismatches } from '../support/model-metrics.ts';
import { testStores } from '../support/stores.ts';
import {
  ledgerSums,
  lineageViolations,
  sampleEdges,
  schemaObjects,
  storedScores,
  unbalancedPayouts,
} from './world-checks.ts';

const SEED = 42;
const dims = DIMENSIONS.small;
const config = loadConfig({ MODELGRAPH_DEMO: 'off' });
const digestsByStore = new Map<string, Record<string, string>>();

for (const store of testStores()) {
  describe(`generateWorld (small) on ${store.name}`, () => {
    let t: TestApp;
    let world: GeneratedWorld;
    let digest: Record<string, string>;
    const count = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ n: number }>(t.store.db, query))[0].n;
    const api = async (method: string, url: string, body?: object) => {
      const response = await t.request(method, url, { token: ADMIN_TOKEN, body });
      assert.equal(response.statusCode, 200, `${method} ${url}: ${response.body}`);
      return response.json();
    };

    before(async () => {
      const logDir = mkdtempSync(join(tmpdir(), 'mg-bench-world-'));
      t = await startTestApp(store, { MODELGRAPH_RESCORE_LOG: join(logDir, 'model_rescore.log') });
      world = await generateWorld(t.store.db, { size: 'small', seed: SEED, config });
      digest = await worldDigest(t.store.db);
      digestsByStore.set(store.name, digest);
    });
    after(() => t.close());

    it('writes exactly the rows the small size asks for', async () => {
      const { exclusive, shared } = analysisCounts(dims);
      const { counts } = world;
      assert.equal(counts.agents, dims.agents + 1, 'the agents and admin');
      assert.equal(
        counts.artifacts,
        dims.datasets + exclusive + shared + dims.hypotheses + dims.benchmarks + dims.versions,
      );
      assert.equal(counts.models, dims.versions);
      assert.equal(counts.links, dims.links);
      assert.equal(counts.kg_edges, dims.attributedEdges + dims.legacyEdges);
      assert.equal(counts.edge_history, counts.kg_edges);
      assert.ok(counts.credit_payouts > 0);
      const [{ archived }] = await queryRows<{ archived: number }>(
        t.store.db,
        sql`select count(*)::int as archived from models where status = 'archived'`,
      );
      assert.ok(archived > 0);
      assert.equal(
        counts.events,
        counts.credit_payouts + counts.credit_payout_lines + archived,
        'promotions, payout lines and archives',
      );
      for (const table of ['tokens', 'rescore_queue', 'rescore_skips', 'rescore_passes', 'tool_calls']) {
        assert.equal(counts[table], 0, table);
      }
      assert.deepEqual(Object.keys(counts), [...WORLD_TABLES]);
    });

    it("copies every version's numeric metrics into model_metrics, as the API's writes do", async () => {
      assert.ok((await count(sql`select count(*)::int as n from model_metrics`)) > dims.versions);
      assert.deepEqual(await metricCopyMismatches(t.store.db), []);
    });

    it('puts back every index, key, foreign key and trigger it set aside, and drops its scratch schema', async () => {
      const fresh = await store.open();
      try {
        assert.deepEqual(await schemaObjects(t.store.db), await schemaObjects(fresh.db));
      } finally {
        await fresh.close();
      }
    });

    it('draws the same rows from the same seed and different rows from another seed', async () => {
      for (const [seed, isSame] of [
        [SEED, true],
        [SEED + 1, false],
      ] as const) {
        const other = await store.open();
        try {
          await generateWorld(other.db, { size: 'small', seed, config });
          const otherDigest = await worldDigest(other.db);
          if (isSame) assert.deepEqual(otherDigest, digest);
          for (const table of [
            'agents',
            'artifacts',
            'links',
            'models',
            'kg_edges',
            'events',
            'ledger_transfers',
          ]) {
            if (!isSame) assert.notEqual(otherDigest[table], digest[table], table);
          }
        } finally {
          await other.close();
        }
      }
    });

    it('refuses a database that already holds data', async () => {
      await assert.rejects(generateWorld(t.store.db, { size: 'small', seed: SEED }), /empty database/);
    });

    it("stores the provenance verdict and quality score the app's own recompute gives", async () => {
      const ids = (
        await queryRows<{ id: string }>(
          t.store.db,
          sql`select id from models where not provenance_complete or hashtext(id) % 4 = 0 order by id`,
        )
      ).map((row) => row.id);
      const stored = await storedScores(t.store.db, ids);
      await t.store.db.transaction((tx) => refreshQualityScores(tx, ids, config.qualityCap));
      assert.deepEqual(await storedScores(t.store.db, ids), stored);
      for (const rule of PROVENANCE_RULES) {
        const failing = stored.filter((row) => row.missing.split(',').includes(rule)).length;
        assert.ok(failing >= 10 && failing < dims.versions * 0.15, `${rule} fails for ${failing} versions`);
      }
      const capped = stored.filter(
        (row) => !row.provenance_complete && row.quality_score === config.qualityCap,
      );
      assert.ok(capped.length > 10, 'incomplete versions with a high raw score are capped');
    });

    it('hashes each edge as the API does and records the confidence it was inserted with', async () => {
      const edges = await sampleEdges(t.store.db, 37);
      assert.ok(edges.length > 500);
      for (const edge of edges) {
        const { id, content_hash, history, history_matches, ...content } = edge;
        assert.equal(content_hash, hashEdgeContent(content), id);
        assert.equal(history, 1, id);
        assert.ok(history_matches, id);
      }
      assert.ok(edges.some((edge) => edge.source_artifact_id === null));
      assert.ok(edges.some((edge) => edge.inputs === null));
    });

    it('keeps the ledger balanced and every promotion paid', async () => {
      const sums = await ledgerSums(t.store.db);
      assert.equal(sums.mismatched, 0, 'balances are mints plus credits minus debits');
      assert.equal(sums.negative, 0);
      assert.equal(sums.balances, sums.minted, 'nothing is created or lost');
      assert.equal(await unbalancedPayouts(t.store.db), 0);
      assert.deepEqual(await findUnpaidPromotions(t.store.db), []);
      assert.ok(
        (await count(sql`select count(*)::int as n from ledger_transfers where reason = 'demurrage'`)) > 0,
      );
    });

    it('keeps the lineage rules: one latest, the highest; at most one promoted; parents; promotion events', async () => {
      assert.deepEqual(await lineageViolations(t.store.db), {
        gaps: 0,
        latest: 0,
        promoted: 0,
        superseded_without_promoted: 0,
        parents: 0,
        promotion_events: 0,
        archive_events: 0,
      });
    });

    it('mixes statuses and families, about a third of versions not candidates', async () => {
      const rows = await queryRows<{ status: string; n: number }>(
        t.store.db,
        sql`select status, count(*)::int as n from models group by status`,
      );
      const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
      for (const status of ['candidate', 'promoted', 'superseded', 'archived'])
        assert.ok(byStatus[status] > 50, status);
      const notCandidates = dims.versions - byStatus.candidate;
      assert.ok(
        notCandidates > dims.versions * 0.25 && notCandidates < dims.versions * 0.4,
        `${notCandidates}`,
      );
      assert.equal(await count(sql`select count(distinct model_family)::int as n from models`), 3);
    });

    it('serves the sample: details, a 50-version compare, and the dataset and hypothesis filters', async () => {
      const { sample } = world;
      for (const id of sample.modelIds) assert.equal((await api('GET', `/api/models/${id}`)).id, id);
      assert.equal(new Set(sample.compareIds).size, 50);
      const compared = await api('GET', `/api/models/compare?ids=${sample.compareIds.join(',')}`);
      assert.equal(compared.models.length, 50);
      const byDataset = await api(
        'GET',
        `/api/models?dataset=${sample.datasetId}&all_versions=true&limit=200`,
      );
      assert.ok(byDataset.total >= 100, `${byDataset.total} versions trained on ${sample.datasetId}`);
      for (const item of byDataset.models) assert.ok(item.trained_on.includes(sample.datasetId));
      const byHypothesis = await api('GET', `/api/models?hypothesis=${sample.hypothesisId}&limit=200`);
      assert.ok(byHypothesis.total >= 20, `${byHypothesis.total} lineages test ${sample.hypothesisId}`);
      for (const item of byHypothesis.models) assert.equal(item.tests_hypothesis, sample.hypothesisId);
      const flagged = await api('GET', `/api/models?dataset=${sample.datasetId}&all_versions=true&limit=200`);
      assert.ok(
        flagged.models.some((item: { flags: string[] }) => item.flags.includes('provenance_incomplete')),
      );
    });

    it("rescores the rescore fixture's edges on the fast model once its child is promoted", async () => {
      const { parentId, childId, edges } = world.sample.rescore;
      await api('POST', `/api/models/${childId}/promote`, {});
      const pass = await api('POST', '/api/jobs/rescore', {});
      assert.equal(pass.outcome, 'ok', JSON.stringify(pass));
      assert.equal(pass.parent_id, parentId);
      assert.equal(pass.edges_processed, edges);
      assert.equal(pass.histogram.failed + pass.histogram.skipped_no_inputs, 0);
      assert.equal(
        await count(sql`select count(*)::int as n from kg_edges where source_artifact_id = ${childId}`),
        edges,
      );
    });

    it("pays the payout fixture's trainer, curators, benchmark author, eval runner and parents' trainers", async () => {
      const { event } = await api('POST', `/api/models/${world.sample.payout.modelId}/promote`, {});
      const payout = await api('GET', `/api/credit/payouts?event_id=${event.id}`);
      const roles = payout.payouts.map(
        (line: { agent_id: string; role: string }) => `${line.role}:${line.agent_id}`,
      );
      assert.deepEqual(roles.sort(), [
        'benchmark_author:agent-00005',
        'dataset_curator:agent-00001',
        'dataset_curator:agent-00002',
        'dataset_curator:agent-00003',
        'dataset_curator:agent-00004',
        'eval_runner:admin',
        'trainer:agent-00006',
        'trainer:agent-00007',
        'trainer:agent-00008',
      ]);
    });

    it('leaves legacy edges the backfill attributes under each rule, and some it cannot', async () => {
      const summary = await api('POST', '/api/jobs/backfill-edges', {});
      const { model_id, model_name, analysis } = summary.attributed;
      for (const [rule, n] of Object.entries(summary.attributed))
        assert.ok((n as number) > 500, `${rule}: ${n}`);
      assert.ok(
        summary.unknown > 500 && summary.unknown < dims.legacyEdges / 3,
        `unknown: ${summary.unknown}`,
      );
      assert.equal(model_id + model_name + analysis + summary.unknown, dims.legacyEdges);
      assert.equal(
        await count(sql`select count(*)::int as n from kg_edges e
                         where e.metadata ? 'model_id' and exists (select 1 from models m where m.id = e.metadata->>'model_id')
                           and e.source_artifact_id is distinct from e.metadata->>'model_id'`),
        0,
      );
      assert.equal(
        await count(sql`select count(*)::int as n from kg_edges e join models m on m.id = e.source_artifact_id
                         where e.metadata ? 'model_name' and m.model_name <> e.metadata->>'model_name'`),
        0,
      );
    });
  });
}

describe('generateWorld on both stores', () => {
  it('draws byte-identical worlds on PGlite and PostgreSQL', (context) => {
    const [pglite, postgres] = [digestsByStore.get('pglite'), digestsByStore.get('postgres')];
    if (!pglite || !postgres) return context.skip('needs both stores');
    assert.deepEqual(postgres, pglite);
  });
});
