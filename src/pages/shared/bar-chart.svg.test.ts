import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barChartGeometry, renderBarChart, shortLabel } from './bar-chart.svg.ts';

const bar = (label: string, value: number | null, isBest = false) => ({
  label,
  tooltip: label,
  value,
  isBest,
});

describe('compare bar chart', () => {
  it('draws positive bars from the zero line, longest for the largest value, a row per model', () => {
    const g = barChartGeometry({ metric: 'rmse', bars: [bar('a', 0.2), bar('b', 0.1, true)] });
    assert.equal(g.zeroX, g.plot.left);
    assert.equal(g.bars[0].x, g.plot.left);
    assert.equal(g.bars[0].width, g.plot.right - g.plot.left);
    assert.equal(g.bars[1].width, (g.plot.right - g.plot.left) / 2);
    assert.ok(g.bars[1].y > g.bars[0].y, 'the second model below the first');
    assert.deepEqual(
      g.xTicks.map((tick) => tick.value),
      [0, 0.2],
    );
  });

  it('draws negative values leftwards from a zero line inside the plot', () => {
    const g = barChartGeometry({ metric: 'aic', bars: [bar('a', -300), bar('b', 100)] });
    const span = g.plot.right - g.plot.left;
    assert.equal(g.zeroX, g.plot.left + span * 0.75);
    assert.equal(g.bars[0].x, g.plot.left);
    assert.equal(g.bars[0].x + g.bars[0].width, g.zeroX);
    assert.equal(g.bars[1].x, g.zeroX);
    assert.deepEqual(
      g.xTicks.map((tick) => tick.value),
      [-300, 0, 100],
    );
  });

  it('keeps a usable scale when every value is zero or missing', () => {
    const g = barChartGeometry({ metric: 'loss', bars: [bar('a', 0), bar('b', null)] });
    assert.ok(Number.isFinite(g.zeroX));
    assert.equal(g.bars[0].width, 0);
    assert.equal(g.bars[1].width, 0);
  });

  it('marks the best bar, skips the rect of a missing value and escapes labels', () => {
    const svg = renderBarChart({
      metric: 'f1',
      bars: [bar('<b>x</b>', 0.5), bar('y', 0.9, true), bar('z', null)],
    }).toString();
    assert.equal(svg.split('<rect ').length - 1, 2);
    assert.match(svg, /fill="#15803d"\/>/);
    assert.match(svg, />0\.9 ★<\/text>/);
    assert.match(svg, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.ok(!svg.includes('<b>'));
    assert.match(svg, /aria-label="f1 by model"/);
  });

  it('cuts long labels to fit left of the plot and keeps short ones whole', () => {
    assert.equal(shortLabel('#1 short'), '#1 short');
    const v2 = shortLabel('#1 Microglial Activation ODE with a much longer name v2');
    const v3 = shortLabel('#2 Microglial Activation ODE with a much longer name v3');
    assert.ok([...v2].length <= 38, v2);
    assert.ok(v2.startsWith('#1 Microglial') && v2.includes('…') && v2.endsWith('name v2'), v2);
    assert.notEqual(v2.slice(3), v3.slice(3), 'two versions of one title stay apart');
  });

  it('zooms a metric to its values when they sit far from zero, bars from the end nearest zero', () => {
    const bars = [-401, -450].map((value, i) => ({ label: `v${i}`, tooltip: '', value, isBest: i === 1 }));
    const g = barChartGeometry({ metric: 'aic', bars, zoom: true });
    assert.ok(g.isZoomed);
    assert.equal(g.zeroX, g.plot.right, 'negative values hang from the right end');
    assert.ok(g.bars[1].width > 4 * g.bars[0].width, '−450 is drawn clearly longer than −401');
    assert.match(renderBarChart({ metric: 'aic', bars, zoom: true }).toString(), /not from 0/);
    assert.equal(barChartGeometry({ metric: 'aic', bars }).isZoomed, false, 'only when asked');
    const counts = [1, 9].map((value) => ({ label: 'c', tooltip: '', value, isBest: false }));
    assert.equal(
      barChartGeometry({ metric: 'aic', bars: counts, zoom: true }).isZoomed,
      false,
      'spread wide against their distance from zero',
    );
  });
});

describe('bar chart title', () => {
  it('names the chart by its title when it has one', () => {
    const svg = renderBarChart({
      metric: 'edges',
      title: 'Edges by change',
      bars: [{ label: 'Stable', tooltip: 'Stable', value: 3, isBest: false }],
    }).toString();
    assert.match(svg, /aria-label="Edges by change"><title>Edges by change<\/title>/);
    assert.match(svg, /<title>Stable: edges = 3<\/title>/);
  });
});
