/**
 * Retraction over random provenance graphs (fast-check): datasets with several versions, two
 * analyses, model versions trained on datasets (pinned or not), with inputs from datasets and from
 * earlier versions, produced by an analysis, and `derived_from` links between any two versions
 * (cycles included). For random retractions — whole artifacts and single versions, overlapping —
 * the server's affected set (dry run and real) equals a plain reference walk, every version's
 * `provenance.retracted`, flags and score follow, and reinstating everything returns every score and
 * flag to where it was (review flags excepted: they stay for reviewers).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addVersion, createArtifact, createLink, registerModel, uniqueId } from '../support/factories.ts';
import { reinstate, retract, sendRetract } from '../support/retraction.ts';
import {
  type RefLink,
  type RefTarget,
  referenceBuiltOn,
  referenceRetracted,
} from '../support/retraction-reference.ts';
import { testStores } from '../support/stores.ts';
import { insertEdges } from '../support/world.ts';

/** How many random worlds each store gets. */
const RUNS = 40;
const SEED = 20260418;
const CAP = 0.3;

const pin = fc.record({ d: fc.nat(), v: fc.option(fc.nat(), { nil: null }) });
const modelSpec = fc.record({
  trainedOn: fc.array(pin, { maxLength: 2 }),
  datasetInputs: fc.array(pin, { maxLength: 1 }),
  modelInputs: fc.array(fc.nat(), { maxLength: 2 }),
  producedBy: fc.option(fc.nat(), { nil: null }),
  raw: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  edges: fc.integer({ min: 0, max: 2 }),
});
const worldSpec = fc.record({
  versions: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
  analysisInputs: fc.array(pin, { maxLength: 2 }),
  models: fc.array(modelSpec, { minLength: 1, maxLength: 7 }),
  derivedLinks: fc.array(fc.record({ from: fc.nat(), to: fc.nat() }), { maxLength: 2 }),
  targets: fc.array(
    fc.record({ isAnalysis: fc.boolean(), i: fc.nat(), v: fc.option(fc.nat(), { nil: null }) }),
    { minLength: 1, maxLength: 3 },
  ),
  rotate: fc.nat(),
});
type WorldSpec = typeof worldSpec extends fc.Arbitrary<infer T> ? T : never;

interface ModelState {
  id: string;
  quality_score: number;
  raw_quality_score: number | null;
  flags: string[];
  provenance: { retracted?: { artifact_id: string; version: number | null }[] };
}

const key = (target: { artifactId: string; version: number | null }) =>
  `${target.artifactId}@${target.version}`;

for (const store of testStores()) {
  describe(`retraction over random provenance graphs on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    /** Builds the world of `spec` through the API; returns its links as the reference reads them. */
    async function buildWorld(run: string, spec: WorldSpec) {
      const links: RefLink[] = [];
      const datasets: string[] = [];
      for (const [index, count] of spec.versions.entries()) {
        const id = await createArtifact(t, 'dataset', { id: `${run}-d${index}` });
        for (let v = 2; v <= count; v++) await addVersion(t, id);
        datasets.push(id);
      }
      const version = (d: number, v: number | null) => (v === null ? null : (v % spec.versions[d]) + 1);
      const analyses: string[] = [];
      for (let a = 0; a < 2; a++) analyses.push(await createArtifact(t, 'analysis', { id: `${run}-a${a}` }));
      for (const input of spec.analysisInputs) {
        const d = input.d % datasets.length;
        const link = {
          source: analyses[0],
          type: 'input' as const,
          target: datasets[d],
          version: version(d, input.v),
        };
        if (links.some((l) => l.target === link.target && l.version === link.version)) continue;
        await createLink(t, {
          source_id: link.source,
          target_id: link.target,
          link_type: 'input',
          target_version: link.version,
        });
        links.push(link);
      }
      const models: string[] = [];
      const edgesOf = new Map<string, number>();
      for (const [index, m] of spec.models.entries()) {
        const pins = (list: typeof m.trainedOn) =>
          list.map((p) => ({ d: p.d % datasets.length, v: version(p.d % datasets.length, p.v) }));
        const trainedOn = pins(m.trainedOn);
        const datasetInputs = pins(m.datasetInputs);
        const modelInputs = index === 0 ? [] : [...new Set(m.modelInputs.map((i) => models[i % index]))];
        const producedBy = m.producedBy === null ? null : analyses[m.producedBy % 2];
        const registered = await registerModel(t, {
          model_name: `${run}-m${index}`,
          title: `model ${index}`,
          model_family: 'statistical',
          raw_quality_score: m.raw === null ? null : m.raw / 100,
          trained_on: trainedOn.map((p) => ({ dataset_id: datasets[p.d], version: p.v })),
          inputs: [
            ...datasetInputs.map((p) => ({ artifact_id: datasets[p.d], version: p.v })),
            ...modelInputs.map((id) => ({ artifact_id: id, version: 1 })),
          ],
          ...(producedBy ? { produced_by: { analysis_id: producedBy } } : {}),
        });
        const id = registered.id as string;
        models.push(id);
        for (const p of trainedOn)
          links.push({ source: id, type: 'trained_on', target: datasets[p.d], version: p.v });
        for (const p of datasetInputs)
          links.push({ source: id, type: 'input', target: datasets[p.d], version: p.v });
        for (const input of modelInputs) links.push({ source: id, type: 'input', target: input, version: 1 });
        if (producedBy) links.push({ source: id, type: 'produced_by', target: producedBy, version: null });
        const edges = Array.from({ length: m.edges }, (_, e) => ({
          id: `${id}-e${e}`,
          subject: `GENE:${id}-${e}`,
          predicate: 'biolink:regulates',
          object: 'MONDO:1',
          confidence: 0.5,
          origin: 'model',
          source_artifact_id: id,
          source_version: 1,
        }));
        if (edges.length > 0) await insertEdges(t, edges);
        edgesOf.set(id, edges.length);
      }
      // derived_from between any two versions, later to earlier or back: cycles are allowed.
      for (const { from, to } of spec.derivedLinks) {
        const [source, target] = [models[from % models.length], models[to % models.length]];
        if (
          source === target ||
          links.some((l) => l.source === source && l.target === target && l.type === 'derived_from')
        )
          continue;
        await createLink(t, { source_id: source, target_id: target, link_type: 'derived_from' });
        links.push({ source, type: 'derived_from', target, version: null });
      }
      const targets: RefTarget[] = spec.targets.map((target) => {
        if (target.isAnalysis)
          return { artifactId: analyses[target.i % 2], version: target.v === null ? null : 1 };
        const d = target.i % datasets.length;
        return { artifactId: datasets[d], version: version(d, target.v) };
      });
      return { links, models, edgesOf, targets };
    }

    async function readModels(run: string): Promise<Map<string, ModelState>> {
      const response = await t.request('GET', `/api/models?q=${run}-m&all_versions=true&limit=200`);
      assert.equal(response.statusCode, 200, response.body);
      return new Map((response.json().models as ModelState[]).map((model) => [model.id, model]));
    }

    /** Asserts every version's retraction state, flags and score against the reference. */
    function checkAgainstReference(
      states: Map<string, ModelState>,
      initial: Map<string, ModelState>,
      expected: Map<string, RefTarget[]>,
    ) {
      for (const [id, state] of states) {
        const reached = (expected.get(id) ?? []).map(key).sort();
        const stored = (state.provenance.retracted ?? []).map((r) =>
          key({ artifactId: r.artifact_id, version: r.version }),
        );
        assert.deepEqual(stored.sort(), reached, `${id}: the retractions it is built on`);
        assert.equal(state.flags.includes('retracted_input'), reached.length > 0, `${id}: the flag`);
        const before = initial.get(id) as ModelState;
        const score = reached.length > 0 ? Math.min(state.raw_quality_score ?? 0, CAP) : before.quality_score;
        assert.equal(state.quality_score, score, `${id}: the score`);
      }
    }

    it(`matches a reference walk and reinstates to where it was (${RUNS} random worlds)`, async (context) => {
      // What the random worlds exercised, so a generator that stopped reaching anything shows.
      const seen = { retractions: 0, affected: 0, transitive: 0, refused: 0, overlapping: 0 };
      await fc.assert(
        fc.asyncProperty(worldSpec, async (spec) => {
          const run = uniqueId('p');
          const world = await buildWorld(run, spec);
          const modelSet = new Set(world.models);
          const initial = await readModels(run);
          const inForce: RefTarget[] = [];
          for (const target of world.targets) {
            const covered = inForce.some(
              (other) =>
                other.artifactId === target.artifactId &&
                (other.version === null || other.version === target.version),
            );
            const body = {
              reason: 'property',
              ...(target.version === null ? {} : { version: target.version }),
            };
            if (covered) {
              assert.equal((await sendRetract(t, target.artifactId, body)).statusCode, 409);
              seen.refused += 1;
              continue;
            }
            const expected = referenceBuiltOn(target, world.links, modelSet);
            const direct = new Set(
              world.links.filter((l) => l.target === target.artifactId).map((l) => l.source),
            );
            seen.retractions += 1;
            if (expected.length > 0) seen.affected += 1;
            if (expected.some((id) => !direct.has(id))) seen.transitive += 1;
            if (inForce.length > 0 && expected.length > 0) seen.overlapping += 1;
            const edges = expected.reduce((sum, id) => sum + (world.edgesOf.get(id) ?? 0), 0);
            const dry = await retract(t, target.artifactId, { ...body, dry_run: true });
            assert.deepEqual([dry.affected_models, dry.flagged_edges], [expected, edges], 'the dry run');
            const real = await retract(t, target.artifactId, body);
            assert.deepEqual([real.affected_models, real.flagged_edges], [expected, edges], 'the retraction');
            inForce.push(target);
            checkAgainstReference(
              await readModels(run),
              initial,
              referenceRetracted(inForce, world.links, modelSet),
            );
          }
          const order = [
            ...inForce.slice(spec.rotate % inForce.length),
            ...inForce.slice(0, spec.rotate % inForce.length),
          ];
          for (const target of order) {
            inForce.splice(inForce.indexOf(target), 1);
            const body = {
              reason: 'reinstated',
              ...(target.version === null ? {} : { version: target.version }),
            };
            const remaining = referenceRetracted(inForce, world.links, modelSet);
            const done = await reinstate(t, target.artifactId, body);
            const built = referenceBuiltOn(target, world.links, modelSet);
            assert.deepEqual(done.affected_models, built);
            assert.deepEqual(
              done.restored_models,
              built.filter((id) => !remaining.has(id)),
              'restored',
            );
            checkAgainstReference(await readModels(run), initial, remaining);
          }
          const final = await readModels(run);
          for (const [id, state] of initial) {
            const now = final.get(id) as ModelState;
            assert.deepEqual(
              { quality_score: now.quality_score, flags: now.flags, provenance: now.provenance },
              { quality_score: state.quality_score, flags: state.flags, provenance: state.provenance },
              `${id} is back where it was`,
            );
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      context.diagnostic(`${RUNS} worlds: ${JSON.stringify(seen)}`);
      assert.ok(seen.affected > RUNS / 4, 'many retractions reached versions');
      assert.ok(seen.transitive > 0, 'some reached versions only through other versions');
      assert.ok(seen.refused > 0 && seen.overlapping > 0, 'some overlapped');
    });
  });
}
