import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axisTicks, chartGeometry, formatTick, metricSeries, renderMetricChart } from './chart.svg.ts';

describe('metric chart', () => {
  it('puts the smallest value at the bottom, the largest at the top and versions left to right', () => {
    const g = chartGeometry({
      metric: 'rmse',
      points: [
        { version: 1, value: 0.5 },
        { version: 2, value: 0.3 },
        { version: 3, value: 0.1 },
      ],
    });
    assert.deepEqual(
      g.points.map((point) => [point.x, point.y]),
      [
        [g.plot.left, g.plot.top],
        [(g.plot.left + g.plot.right) / 2, (g.plot.top + g.plot.bottom) / 2],
        [g.plot.right, g.plot.bottom],
      ],
    );
    assert.deepEqual(g.yTicks.at(0), { value: 0.1, y: g.plot.bottom });
    assert.deepEqual(g.yTicks.at(-1), { value: 0.5, y: g.plot.top });
    assert.deepEqual(
      g.yTicks.map((tick) => tick.value),
      [0.1, 0.2, 0.3, 0.4, 0.5],
      'round values between the extremes',
    );
  });

  it('ticks round values between the extremes, clear of them', () => {
    assert.deepEqual(axisTicks(-450.2, -401.3), [-450.2, -440, -430, -420, -410, -401.3]);
    assert.deepEqual(axisTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.deepEqual(axisTicks(0.81, 0.83), [0.81, 0.815, 0.82, 0.825, 0.83]);
    assert.deepEqual(axisTicks(3, 3), [3]);
  });

  it('marks the current version with a ring, a dashed line and its label', () => {
    const series = {
      metric: 'auc',
      points: [
        { version: 1, value: 0.7 },
        { version: 2, value: 0.8 },
      ],
    };
    const svg = renderMetricChart(series, { current: 2 }).toString();
    assert.match(svg, /<line class="current"/);
    assert.match(svg, /<circle class="current"/);
    assert.match(svg, />v2 \(this\)<\/text>/);
    assert.doesNotMatch(renderMetricChart(series).toString(), /class="current"/);
  });

  it('skips versions without the metric but keeps their place on the x axis', () => {
    const g = chartGeometry({
      metric: 'aic',
      points: [
        { version: 1, value: -10 },
        { version: 2, value: null },
        { version: 3, value: -20 },
      ],
    });
    assert.deepEqual(
      g.points.map((point) => point.version),
      [1, 3],
    );
    assert.equal(g.xTicks.length, 3);
    assert.equal(g.points[1].x, g.plot.right);
  });

  it('centres a flat series and a single version instead of dividing by zero', () => {
    const g = chartGeometry({ metric: 'f1', points: [{ version: 4, value: 0.7 }] });
    assert.deepEqual(
      [g.points[0].x, g.points[0].y],
      [(g.plot.left + g.plot.right) / 2, (g.plot.top + g.plot.bottom) / 2],
    );
    assert.equal(g.yTicks.length, 1);
  });

  it('builds one series per metric any version reported, sorted by name', () => {
    const series = metricSeries([
      { version: 1, metrics: { rmse: 0.2 } },
      { version: 2, metrics: { rmse: 0.1, aic: -3 } },
    ]);
    assert.deepEqual(series, [
      {
        metric: 'aic',
        points: [
          { version: 1, value: null },
          { version: 2, value: -3 },
        ],
      },
      {
        metric: 'rmse',
        points: [
          { version: 1, value: 0.2 },
          { version: 2, value: 0.1 },
        ],
      },
    ]);
  });

  it('formats axis labels compactly', () => {
    assert.deepEqual([0, 0.123456, -450, 1234567, 0.00001].map(formatTick), [
      '0',
      '0.1235',
      '-450',
      '1.23e+6',
      '1.00e-5',
    ]);
  });

  it('draws a line, one dot per value, and escapes the metric name', () => {
    const svg = renderMetricChart({
      metric: '<b>m</b>',
      points: [
        { version: 1, value: 1 },
        { version: 2, value: 2 },
      ],
    }).toString();
    assert.equal((svg.match(/<circle /g) ?? []).length, 2);
    assert.match(svg, /<polyline /);
    assert.ok(!svg.includes('<b>'));
    assert.match(svg, /&lt;b&gt;m&lt;\/b&gt; across versions/);
  });
});

describe('chart options', () => {
  it('draws on a fixed scale, with its own labels, tooltips, width and title', () => {
    const series = {
      metric: 'confidence',
      points: [
        { version: 1, value: 0.5, label: 'v2', tooltip: 'first' },
        { version: 2, value: 0.25, label: '—', tooltip: 'second' },
      ],
    };
    const g = chartGeometry(series, { width: 560, domain: { min: 0, max: 1 } });
    assert.equal(g.width, 560);
    assert.deepEqual(
      g.yTicks.map((tick) => tick.value),
      [0, 0.2, 0.4, 0.6, 0.8, 1],
    );
    assert.equal(g.points[0].y, (g.plot.top + g.plot.bottom) / 2, '0.5 sits half way up a 0–1 scale');
    const svg = renderMetricChart(series, {
      width: 560,
      domain: { min: 0, max: 1 },
      title: 'Edge e over time',
    }).toString();
    assert.match(svg, /aria-label="Edge e over time"><title>Edge e over time<\/title>/);
    assert.match(svg, />v2<\/text>.*>—<\/text>/s);
    assert.match(svg, /<title>first<\/title><\/circle>.*<title>second<\/title><\/circle>/s);
  });
});
