import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actingAs } from '../../src/caller.ts';
import type { Store } from '../../src/db/database.ts';
import { performBackfill } from '../../src/jobs/backfill/backfill.job.ts';
import type { BackfillSummary } from '../../src/jobs/backfill/backfill.schemas.ts';
import { testDeps } from '../support/deps.ts';
import { testStores } from '../support/stores.ts';
import { EXPECTED, FULL_PASS, seedRulesWorld, UNTOUCHED } from './backfill-rules-world.ts';
import { type EdgeState, type HistoryState, readEdges, readHistory } from './backfill-world.ts';

/** The operator who runs the job, as the CLI does. */
const OPERATOR = actingAs('operator');

const counts = ({ attributed, unknown, scanned }: BackfillSummary) => ({ attributed, unknown, scanned });

for (const store of testStores()) {
  describe(`${store.name}: performBackfill resolves edge provenance`, () => {
    let opened: Store;
    let edgesBefore: Map<string, EdgeState>;
    let edgesAfter: Map<string, EdgeState>;
    let history: HistoryState[];
    let dryRun: BackfillSummary;
    let firstPass: BackfillSummary;
    let secondPass: BackfillSummary;
    let historyAfterDryRun: HistoryState[];
    let edgesAfterDryRun: Map<string, EdgeState>;

    before(async () => {
      opened = await store.open();
      await seedRulesWorld(opened);
      edgesBefore = await readEdges(opened.db);
      dryRun = await performBackfill(testDeps(opened.db), { caller: OPERATOR, concurrency: 4, dryRun: true });
      edgesAfterDryRun = await readEdges(opened.db);
      historyAfterDryRun = await readHistory(opened.db);
      firstPass = await performBackfill(testDeps(opened.db), {
        caller: OPERATOR,
        concurrency: 4,
        dryRun: false,
      });
      edgesAfter = await readEdges(opened.db);
      history = await readHistory(opened.db);
      secondPass = await performBackfill(testDeps(opened.db), {
        caller: OPERATOR,
        concurrency: 4,
        dryRun: false,
      });
    });
    after(() => opened.close());

    it('attributes each edge by the first rule that applies, to the version newest at its time', () => {
      for (const [id, expected] of Object.entries(EXPECTED)) {
        if (expected === 'unknown') continue;
        const [edge, [modelId]] = [edgesAfter.get(id), expected];
        assert.equal(edge?.source_artifact_id, modelId, id);
        assert.equal(edge?.source_version, Number(modelId.at(-1)), id);
        assert.equal(edge?.provenance_unknown, false, id);
      }
    });

    it('counts the attributed edges by rule, the unknown ones, and every edge it scanned', () => {
      assert.deepEqual(counts(firstPass), FULL_PASS);
      assert.equal(firstPass.dry_run, false);
      assert.ok(firstPass.duration_ms >= 0);
    });

    it('labels attributed edges as model predictions, updated now, confidence unchanged', () => {
      for (const [id, expected] of Object.entries(EXPECTED)) {
        if (expected === 'unknown') continue;
        const [before, after] = [edgesBefore.get(id), edgesAfter.get(id)];
        assert.equal(after?.knowledge_level, 'prediction', id);
        assert.equal(after?.agent_type, 'computational_model', id);
        assert.equal(after?.confidence, before?.confidence, id);
        assert.notEqual(after?.updated_at, before?.updated_at, id);
      }
    });

    it('writes one history row per attributed edge, recording the attribution', () => {
      const expected = Object.entries(EXPECTED)
        .filter((entry): entry is [string, [string, string]] => entry[1] !== 'unknown')
        .map(([id, [modelId]]) => ({
          edge_id: id,
          confidence: edgesBefore.get(id)?.confidence,
          source_artifact_id: modelId,
          source_version: Number(modelId.at(-1)),
          event_id: null,
        }))
        .sort((a, b) => (a.edge_id < b.edge_id ? -1 : 1));
      assert.deepEqual(history, expected);
    });

    it('marks edges no rule resolves as unknown, without a source, not_provided, confidence unchanged', () => {
      for (const [id, expected] of Object.entries(EXPECTED)) {
        if (expected !== 'unknown') continue;
        const edge = edgesAfter.get(id);
        assert.equal(edge?.provenance_unknown, true, id);
        assert.equal(edge?.source_artifact_id, null, id);
        assert.equal(edge?.source_version, null, id);
        assert.equal(edge?.agent_type, 'not_provided', id);
        assert.equal(edge?.knowledge_level, 'not_provided', id);
        assert.equal(edge?.confidence, edgesBefore.get(id)?.confidence, id);
      }
    });

    it('leaves non-model, already attributed and already unknown edges as they were', () => {
      for (const id of UNTOUCHED) assert.deepEqual(edgesAfter.get(id), edgesBefore.get(id), id);
      assert.equal(edgesAfter.size, edgesBefore.size);
    });

    it('in a dry run reports the same counts and writes nothing', () => {
      assert.deepEqual(counts(dryRun), FULL_PASS);
      assert.equal(dryRun.dry_run, true);
      assert.deepEqual(edgesAfterDryRun, edgesBefore);
      assert.deepEqual(historyAfterDryRun, []);
    });

    it('changes nothing when run a second time', async () => {
      assert.deepEqual(counts(secondPass), {
        attributed: { model_id: 0, model_name: 0, analysis: 0 },
        unknown: 0,
        scanned: 0,
      });
      assert.deepEqual(await readEdges(opened.db), edgesAfter);
      assert.deepEqual(await readHistory(opened.db), history);
    });
  });
}
