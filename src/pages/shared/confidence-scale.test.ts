import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIDENCE_BINS, confidenceBinIndex, confidenceColour } from './confidence-scale.ts';

describe('confidence scale', () => {
  it('has five bins covering 0 to 1 with labels for the legend', () => {
    assert.deepEqual(
      CONFIDENCE_BINS.map((bin) => bin.label),
      ['0.0–0.2', '0.2–0.4', '0.4–0.6', '0.6–0.8', '0.8–1.0'],
    );
    assert.equal(new Set(CONFIDENCE_BINS.map((bin) => bin.colour)).size, 5);
  });

  it('puts each confidence in its bin, the upper bound in the next one and 1.0 in the top one', () => {
    assert.deepEqual([0, 0.19, 0.2, 0.5, 0.79, 0.8, 1].map(confidenceBinIndex), [0, 0, 1, 2, 3, 4, 4]);
  });

  it('clamps values outside 0…1 and NaN', () => {
    assert.equal(confidenceBinIndex(-0.5), 0);
    assert.equal(confidenceBinIndex(7), 4);
    assert.equal(confidenceBinIndex(Number.NaN), 0);
  });

  it('tells neighbouring bins apart and shows every bin on white (WCAG contrast ratios)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [dark, light] = [luminance(a), luminance(b)].sort((x, y) => x - y);
      return (light + 0.05) / (dark + 0.05);
    };
    const colours = CONFIDENCE_BINS.map((bin) => bin.colour);
    for (let i = 1; i < colours.length; i++) {
      assert.ok(contrast(colours[i - 1], colours[i]) >= 1.5, `${colours[i - 1]} against ${colours[i]}`);
      assert.ok(luminance(colours[i]) < luminance(colours[i - 1]), 'darker as confidence grows');
    }
    for (const colour of colours) assert.ok(contrast(colour, '#ffffff') >= 1.85, `${colour} on white`);
  });

  it('darkens as confidence grows', () => {
    assert.equal(confidenceColour(0.05), CONFIDENCE_BINS[0].colour);
    assert.equal(confidenceColour(0.95), CONFIDENCE_BINS[4].colour);
  });
});
