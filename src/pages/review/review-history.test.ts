import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDelta, groupHistory, lastChange, renderSparkline } from './review-history.ts';

const at = new Date('2026-04-05T12:00:00Z');
const point = (edgeId: string, confidence: number) => ({ edgeId, confidence, at });

describe('review history', () => {
  it('groups rows per edge, keeping their order', () => {
    const grouped = groupHistory([point('a', 0.9), point('b', 0.5), point('a', 0.4)]);
    assert.deepEqual(
      [...grouped].map(([id, rows]) => [id, rows.map((row) => row.confidence)]),
      [
        ['a', [0.9, 0.4]],
        ['b', [0.5]],
      ],
    );
  });

  it('reports the last change between the two newest entries, and none for a single entry', () => {
    assert.equal(lastChange([point('a', 0.5)]), undefined);
    assert.equal(lastChange([]), undefined);
    const change = lastChange([point('a', 0.2), point('a', 0.9), point('a', 0.45)]);
    assert.equal(change?.from, 0.9);
    assert.equal(change?.to, 0.45);
    assert.ok(Math.abs((change?.delta ?? 0) + 0.45) < 1e-12);
  });

  it('formats a delta with its sign and three decimals', () => {
    assert.equal(formatDelta(0.12), '+0.120');
    assert.equal(formatDelta(-0.45), '−0.450');
    assert.equal(formatDelta(0.0001), '±0.000');
  });

  it('draws a polyline through every entry on a fixed 0–1 scale, and a lone dot for one entry', () => {
    const line = renderSparkline('History', [point('a', 1), point('a', 0)]).toString();
    assert.match(line, /<polyline points="3,3 117,25"/);
    assert.match(line, /aria-label="History: 1.000, 0.000"/);
    const dot = renderSparkline('History', [point('a', 0.5)]).toString();
    assert.doesNotMatch(dot, /<polyline/);
    assert.match(dot, /<circle cx="60" cy="14" r="3"/);
    assert.equal(renderSparkline('History', []).toString(), '');
  });

  it('escapes the label', () => {
    const svg = renderSparkline('<script>alert(1)</script>', [point('a', 0.5)]).toString();
    assert.doesNotMatch(svg, /<script>/);
    assert.match(svg, /&lt;script&gt;/);
  });
});
