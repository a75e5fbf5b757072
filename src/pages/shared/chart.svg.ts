/**
 * The line charts of the pages: the metric-over-versions chart (one small chart per metric,
 * versions on x, the metric on a linear y scale) and, with labelled points and a fixed scale, an
 * edge's confidence over time. Plain computed coordinates; geometry and drawing are pure functions.
 */
import { type Html, html } from './html.ts';

/**
 * One metric's value at each version of a lineage (null when that version did not report it). A
 * point's `label` (under the x axis, `v<version>` by default) and `tooltip` can be set instead.
 */
export interface MetricSeries {
  metric: string;
  points: { version: number; value: number | null; label?: string; tooltip?: string }[];
}

/** How a chart departs from the metric chart's defaults. */
export interface ChartOptions {
  /** Pixels wide (320 by default). */
  width?: number;
  /** A fixed y scale (confidence: 0 to 1) instead of the values' own extremes. */
  domain?: { min: number; max: number };
  /** The chart's title and accessible name (`<metric> across versions` by default). */
  title?: string;
  /** The version the page is about: marked with a ring, a dashed line and "this version". */
  current?: number;
}

/** Where a value lands in the chart. */
export interface ChartPoint {
  version: number;
  value: number;
  tooltip?: string;
  x: number;
  y: number;
}

/** Computed coordinates of one chart. */
export interface ChartGeometry {
  width: number;
  height: number;
  points: ChartPoint[];
  /** The y-axis extremes and round values between them, with their pixel rows (labels and grid). */
  yTicks: { value: number; y: number }[];
  xTicks: { version: number; x: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const WIDTH = 320;
const HEIGHT = 160;
const MARGIN = { left: 56, right: 16, top: 14, bottom: 28 };

/**
 * Maps a series onto the chart: x evenly by version order, y linear from the smallest to the
 * largest value (or over `options.domain`).
 */
export function chartGeometry(series: MetricSeries, options: ChartOptions = {}): ChartGeometry {
  const width = options.width ?? WIDTH;
  const plot = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top,
    bottom: HEIGHT - MARGIN.bottom,
  };
  const versions = series.points.map((point) => point.version);
  const values = series.points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const min = options.domain?.min ?? Math.min(...values);
  const max = options.domain?.max ?? Math.max(...values);
  const xOf = (index: number) =>
    versions.length === 1
      ? (plot.left + plot.right) / 2
      : plot.left + (index / (versions.length - 1)) * (plot.right - plot.left);
  // A flat series (or a single value) sits in the middle instead of dividing by zero.
  const yOf = (value: number) =>
    max === min
      ? (plot.top + plot.bottom) / 2
      : plot.bottom - ((value - min) / (max - min)) * (plot.bottom - plot.top);
  const points = series.points.flatMap((point, index) =>
    point.value === null
      ? []
      : [
          {
            version: point.version,
            value: point.value,
            x: xOf(index),
            y: yOf(point.value),
            ...(point.tooltip === undefined ? {} : { tooltip: point.tooltip }),
          },
        ],
  );
  return {
    width,
    height: HEIGHT,
    points,
    yTicks: values.length === 0 ? [] : axisTicks(min, max).map((value) => ({ value, y: yOf(value) })),
    xTicks: series.points.map((point, index) => ({
      version: point.version,
      x: xOf(index),
      label: point.label ?? `v${point.version}`,
    })),
    plot,
  };
}

const fixed = (value: number) => Math.round(value * 10) / 10;

/**
 * The y ticks: both extremes, and between them round values (steps of 1, 2 or 5 × 10ⁿ, about four
 * of them) that keep a fifth of a step clear of the extremes, so their labels do not collide.
 */
export function axisTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [min];
  const rough = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const ratio = rough / magnitude;
  const step = (ratio >= 7.5 ? 10 : ratio >= 3.5 ? 5 : ratio >= 1.5 ? 2 : 1) * magnitude;
  const inner: number[] = [];
  for (let value = Math.ceil(min / step) * step; value < max; value += step) {
    const rounded = Number(value.toPrecision(12));
    if (rounded - min > step / 5 && max - rounded > step / 5) inner.push(rounded);
  }
  return [min, ...inner, max];
}

/** A number short enough for an axis label. */
export function formatTick(value: number): string {
  if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** The SVG of one metric's chart (or of any series, with `options`). */
export function renderMetricChart(series: MetricSeries, options: ChartOptions = {}): Html {
  const g = chartGeometry(series, options);
  const title = options.title ?? `${series.metric} across versions`;
  const line = g.points.map((point) => `${fixed(point.x)},${fixed(point.y)}`).join(' ');
  const current = g.points.find((point) => point.version === options.current);
  const currentTick = g.xTicks.find((tick) => tick.version === options.current);
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" role="img" aria-label="${title}"><title>${title}</title>${g.yTicks.map(
    (tick) =>
      html`<line x1="${g.plot.left}" y1="${fixed(tick.y)}" x2="${g.plot.right}" y2="${fixed(tick.y)}" stroke="#eef1f4"/><text x="${g.plot.left - 6}" y="${fixed(tick.y + 4)}" text-anchor="end" font-size="10" fill="#616e7c">${formatTick(tick.value)}</text>`,
  )}<line x1="${g.plot.left}" y1="${g.plot.bottom}" x2="${g.plot.right}" y2="${g.plot.bottom}" stroke="#cbd2d9"/><line x1="${g.plot.left}" y1="${g.plot.top}" x2="${g.plot.left}" y2="${g.plot.bottom}" stroke="#cbd2d9"/>${
    currentTick
      ? html`<line class="current" x1="${fixed(currentTick.x)}" y1="${g.plot.top}" x2="${fixed(currentTick.x)}" y2="${g.plot.bottom}" stroke="#b45309" stroke-dasharray="4 3"/>`
      : ''
  }${g.xTicks.map(
    (tick) =>
      html`<text x="${fixed(tick.x)}" y="${g.height - 10}" text-anchor="middle" font-size="10" fill="${tick.version === options.current ? '#b45309' : '#616e7c'}"${tick.version === options.current ? html` font-weight="700"` : ''}>${tick.label}${tick.version === options.current ? ' (this)' : ''}</text>`,
  )}${g.points.length > 1 ? html`<polyline points="${line}" fill="none" stroke="#2458c6" stroke-width="2"/>` : ''}${g.points.map(
    (point) =>
      html`<circle cx="${fixed(point.x)}" cy="${fixed(point.y)}" r="3.5" fill="#2458c6"><title>${point.tooltip ?? `v${point.version}: ${series.metric} = ${point.value}`}</title></circle>`,
  )}${current ? html`<circle class="current" cx="${fixed(current.x)}" cy="${fixed(current.y)}" r="7" fill="none" stroke="#b45309" stroke-width="2"/>` : ''}</svg>`;
}

/** Series for every metric any version reported, in name order, from each version's metrics. */
export function metricSeries(
  versions: { version: number; metrics: Record<string, number> }[],
): MetricSeries[] {
  const names = [...new Set(versions.flatMap((version) => Object.keys(version.metrics)))].sort();
  return names.map((metric) => ({
    metric,
    points: versions.map((version) => ({ version: version.version, value: version.metrics[metric] ?? null })),
  }));
}
