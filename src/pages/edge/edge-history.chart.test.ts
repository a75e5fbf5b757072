import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryEntry } from '../../kg/core/edge.ts';
import { confidenceSeries, formatMoment, versionLabel } from './edge-history.chart.ts';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: 1,
  edgeId: 'e',
  confidence: 0.674,
  sourceArtifactId: 'model-x-v2',
  sourceVersion: 2,
  eventId: null,
  at: new Date('2026-04-05T12:00:00.123Z'),
  ...overrides,
});

describe('the edge page chart series', () => {
  it('labels each entry with its model version, in history order, with the moment and model in the tooltip', () => {
    const series = confidenceSeries([
      entry({}),
      entry({ id: 2, confidence: 0.137, sourceArtifactId: 'model-x-v3', sourceVersion: 3 }),
    ]);
    assert.deepEqual(
      series.points.map((point) => [point.version, point.value, point.label]),
      [
        [1, 0.674, 'v2'],
        [2, 0.137, 'v3'],
      ],
    );
    assert.equal(series.points[1].tooltip, '2026-04-05 12:00:00 UTC · model-x-v3: confidence 0.137');
  });

  it('marks an unattributed entry with a dash', () => {
    assert.equal(versionLabel({ sourceVersion: null }), '—');
    assert.match(
      confidenceSeries([entry({ sourceArtifactId: null, sourceVersion: null })]).points[0].tooltip ?? '',
      /unattributed/,
    );
  });

  it('writes a moment in UTC to the second', () => {
    assert.equal(formatMoment(new Date('2026-04-05T12:00:00.999Z')), '2026-04-05 12:00:00 UTC');
  });
});
