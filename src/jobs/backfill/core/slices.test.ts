import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkList, lineageSlot, planSlices, type ResolvedGroup } from './slices.ts';

function group(lineage: string | null, version: number | null, edgeIds: string[]): ResolvedGroup {
  return {
    lineage,
    rule: lineage === null ? null : 'model_name',
    modelId: lineage === null ? null : `${lineage}-v${version}`,
    versionNumber: version,
    edgeIds,
  };
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe('lineageSlot', () => {
  it('gives the same slot for the same lineage every time, within range', () => {
    for (const workers of [1, 3, 4, 16]) {
      for (const lineage of ['model-a', 'model-b', 'model-ü', '']) {
        const slot = lineageSlot(lineage, workers);
        assert.equal(lineageSlot(lineage, workers), slot);
        assert.ok(slot >= 0 && slot < workers && Number.isInteger(slot));
      }
    }
  });

  it('spreads many lineages over every worker', () => {
    const slots = new Set(ids('lineage', 200).map((lineage) => lineageSlot(lineage, 4)));
    assert.deepEqual([...slots].sort(), [0, 1, 2, 3]);
  });
});

describe('chunkList', () => {
  it('cuts a list into pieces of at most the size, keeping order', () => {
    assert.deepEqual(chunkList([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunkList([], 3), []);
  });
});

describe('planSlices', () => {
  const groups = [
    group('model-a', 1, ids('a1', 3)),
    group('model-a', 2, ids('a2', 2)),
    group('model-b', 1, ids('b1', 4)),
    group('model-c', 1, ids('c1', 1)),
    group(null, null, ['u-2', 'u-1']),
  ];

  it('puts every lineage in exactly one worker slice', () => {
    const plan = planSlices(groups, 3, 100);
    const owners = new Map<string, number[]>();
    plan.workers.forEach((chunks, worker) => {
      for (const lineage of new Set(chunks.flatMap((chunk) => chunk.lineages))) {
        owners.set(lineage, [...(owners.get(lineage) ?? []), worker]);
      }
    });
    assert.deepEqual([...owners.keys()].sort(), ['model-a', 'model-b', 'model-c']);
    for (const [lineage, workers] of owners) assert.deepEqual(workers, [lineageSlot(lineage, 3)]);
  });

  it('keeps every attributed edge once, with its version and rule, and the unknown ones apart', () => {
    const plan = planSlices(groups, 4, 100);
    const chunks = plan.workers.flat();
    const edges = chunks.flatMap((chunk) =>
      chunk.edgeIds.map((id, i) => `${id}:${chunk.modelIds[i]}:${chunk.versionNumbers[i]}:${chunk.rules[i]}`),
    );
    assert.equal(edges.length, 10);
    assert.ok(edges.includes('a2-1:model-a-v2:2:model_name'));
    assert.ok(edges.includes('c1-0:model-c-v1:1:model_name'));
    assert.deepEqual(plan.unknownChunks, [['u-1', 'u-2']]);
  });

  it('cuts a slice into chunks of at most the chunk size, a big lineage spanning several', () => {
    const plan = planSlices([group('model-big', 1, ids('big', 7))], 1, 3);
    assert.deepEqual(
      plan.workers[0].map((chunk) => chunk.edgeIds.length),
      [3, 3, 1],
    );
    for (const chunk of plan.workers[0]) assert.deepEqual(chunk.lineages, ['model-big']);
  });

  it('lists each lineage a chunk holds, sorted, for its locks', () => {
    const plan = planSlices(groups, 1, 100);
    assert.equal(plan.workers[0].length, 1);
    assert.deepEqual(plan.workers[0][0].lineages, ['model-a', 'model-b', 'model-c']);
  });

  it('does not depend on the order the groups arrive in', () => {
    assert.deepEqual(planSlices([...groups].reverse(), 3, 2), planSlices(groups, 3, 2));
  });

  it('gives empty slices and no unknown chunks when there is nothing to do', () => {
    assert.deepEqual(planSlices([], 3, 10), { workers: [[], [], []], unknownChunks: [] });
  });
});
