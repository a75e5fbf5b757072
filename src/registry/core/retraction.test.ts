import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  coveringRetraction,
  isRetractable,
  linkReaches,
  type Retraction,
  sortTargets,
} from './retraction.ts';

const retraction = (version: number | null, id = 1): Retraction => ({
  id,
  artifactId: 'dataset-a',
  version,
  reason: 'why',
  evidenceUrl: null,
  retractedBy: 'agent',
  retractedAt: new Date('2026-01-01T00:00:00Z'),
  reinstatedAt: null,
  reinstatedBy: null,
  reinstateReason: null,
});

describe('retraction rules', () => {
  it('retracts datasets, analyses and benchmarks, never hypotheses or model versions', () => {
    assert.deepEqual(['dataset', 'analysis', 'benchmark', 'hypothesis', 'model'].map(isRetractable), [
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('reaches every link to a wholly retracted artifact, only pinned links to a retracted version', () => {
    const whole = { artifactId: 'dataset-a', version: null };
    const v2 = { artifactId: 'dataset-a', version: 2 };
    assert.deepEqual(
      [
        linkReaches(whole, 'dataset-a', null),
        linkReaches(whole, 'dataset-a', 1),
        linkReaches(whole, 'dataset-b', 1),
      ],
      [true, true, false],
    );
    assert.deepEqual(
      [linkReaches(v2, 'dataset-a', 2), linkReaches(v2, 'dataset-a', 1), linkReaches(v2, 'dataset-a', null)],
      [true, false, false],
    );
  });

  it("covers a version by its own retraction first, else by the whole artifact's", () => {
    const own = retraction(2, 7);
    const whole = retraction(null, 8);
    assert.equal(coveringRetraction([whole, own], 2), own);
    assert.equal(coveringRetraction([whole, own], 1), whole);
    assert.equal(coveringRetraction([own], 1), undefined);
  });

  it('orders targets by artifact, the whole artifact first, then by version', () => {
    assert.deepEqual(
      sortTargets([
        { artifactId: 'b', version: 1 },
        { artifactId: 'a', version: 3 },
        { artifactId: 'a', version: null },
        { artifactId: 'a', version: 1 },
      ]),
      [
        { artifactId: 'a', version: null },
        { artifactId: 'a', version: 1 },
        { artifactId: 'a', version: 3 },
        { artifactId: 'b', version: 1 },
      ],
    );
  });
});
