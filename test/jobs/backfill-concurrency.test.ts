import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { actingAs } from '../../src/caller.ts';
import { queryRows } from '../../src/db/database.ts';
import { InvalidRequest } from '../../src/errors.ts';
import { performBackfill } from '../../src/jobs/backfill/backfill.job.ts';
import type { BackfillSummary } from '../../src/jobs/backfill/backfill.schemas.ts';
import { testDeps } from '../support/deps.ts';
import { type TestStore, testStores } from '../support/stores.ts';
import { readEdges, readHistory, seedBulkWorld } from './backfill-world.ts';

/** The operator who runs the job, as the CLI does. */
const OPERATOR = actingAs('operator');

// More than two 5,000-edge chunks, so workers commit several transactions each.
const LINEAGES = 40;
const EDGES = 12_000;
const UNKNOWN = Math.floor(EDGES / 7);
const ATTRIBUTED = EDGES - UNKNOWN;

interface Outcome {
  summaries: BackfillSummary[];
  edges: string[];
  historyEdges: string[];
  progress: [number, number][];
}

/** Seeds a fresh bulk world, runs the given passes at once, and reads back what they wrote. */
async function runPasses(store: TestStore, concurrencies: number[]): Promise<Outcome> {
  const opened = await store.open();
  try {
    await seedBulkWorld(opened.db, LINEAGES, EDGES);
    const progress: [number, number][] = [];
    const summaries = await Promise.all(
      concurrencies.map((concurrency) =>
        performBackfill(testDeps(opened.db), {
          caller: OPERATOR,
          concurrency,
          dryRun: false,
          onProgress: (done, total) => progress.push([done, total]),
        }),
      ),
    );
    const edges = [...(await readEdges(opened.db)).values()].map(
      (edge) => `${edge.id}:${edge.source_artifact_id}:${edge.source_version}:${edge.provenance_unknown}`,
    );
    const historyEdges = (await readHistory(opened.db)).map((row) => row.edge_id);
    return { summaries, edges, historyEdges, progress };
  } finally {
    await opened.close();
  }
}

const sum = (summaries: BackfillSummary[], pick: (summary: BackfillSummary) => number) =>
  summaries.reduce((total, summary) => total + pick(summary), 0);

for (const store of testStores()) {
  describe(`${store.name}: performBackfill with several workers`, () => {
    it('attributes the same edges to the same versions with 1, 3 and 5 workers', async () => {
      const [one, three, five] = [
        await runPasses(store, [1]),
        await runPasses(store, [3]),
        await runPasses(store, [5]),
      ];
      for (const outcome of [one, three, five]) {
        assert.deepEqual(outcome.summaries[0].attributed, {
          model_id: 0,
          model_name: ATTRIBUTED,
          analysis: 0,
        });
        assert.equal(outcome.summaries[0].unknown, UNKNOWN);
        assert.equal(outcome.summaries[0].scanned, EDGES);
        assert.equal(outcome.historyEdges.length, ATTRIBUTED);
      }
      assert.deepEqual(three.edges, one.edges);
      assert.deepEqual(five.edges, one.edges);
      assert.ok(one.edges.includes('bulk-edge-000001:bulk-1-v2:2:false'));
      assert.ok(one.edges.includes('bulk-edge-000002:bulk-2-v1:1:false'));
      assert.ok(one.edges.includes('bulk-edge-000007:null:null:true'));
    });

    it('reports progress after each chunk, ending with every scanned edge done', async () => {
      const { progress } = await runPasses(store, [3]);
      assert.ok(progress.length >= 3);
      assert.deepEqual(progress.at(-1), [EDGES, EDGES]);
      for (let i = 1; i < progress.length; i++) assert.ok(progress[i][0] > progress[i - 1][0]);
    });

    it('attributes each edge exactly once when two passes start at the same moment', async () => {
      const { summaries, historyEdges } = await runPasses(store, [4, 3]);
      assert.equal(
        sum(summaries, (summary) => summary.attributed.model_name),
        ATTRIBUTED,
      );
      assert.equal(
        sum(summaries, (summary) => summary.unknown),
        UNKNOWN,
      );
      assert.equal(historyEdges.length, ATTRIBUTED);
      assert.equal(new Set(historyEdges).size, ATTRIBUTED);
    });

    it('refuses a worker count outside 1…16 and writes nothing', async () => {
      const opened = await store.open();
      try {
        await seedBulkWorld(opened.db, 2, 10);
        for (const concurrency of [0, 17, 1.5]) {
          await assert.rejects(
            performBackfill(testDeps(opened.db), { caller: OPERATOR, concurrency, dryRun: false }),
            InvalidRequest,
          );
        }
        const [row] = await queryRows<{ waiting: number }>(
          opened.db,
          sql`select count(*)::int as waiting from kg_edges where source_artifact_id is null and not provenance_unknown`,
        );
        assert.equal(row.waiting, 10);
      } finally {
        await opened.close();
      }
    });
  });
}
