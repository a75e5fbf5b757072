/**
 * The horizontal bar chart: one bar per row from a baseline, the best bar in green and each value
 * written at the right — the compare page's chart per metric (one bar per model) and the impact
 * preview's histogram (one bar per bucket). Counts are drawn from zero; a metric chart may `zoom`
 * to its values' range when they all lie far from zero (AIC −401 against −450), drawing its bars
 * from the range's end nearest zero and saying so under the axis. Geometry and drawing are pure.
 */

import { formatTick } from './chart.svg.ts';
import { type Html, html } from './html.ts';

/** One model's bar. */
export interface Bar {
  /** Short text left of the bar (truncated to fit). */
  label: string;
  /** Full text of the bar's tooltip. */
  tooltip: string;
  value: number | null;
  isBest: boolean;
}

/** One metric's bars, in the order the models were asked (or a histogram's, one per bucket). */
export interface BarChartData {
  metric: string;
  bars: Bar[];
  /** The chart's title and accessible name (`<metric> by model` by default). */
  title?: string;
  /** Let the axis leave out zero when the values sit far from it (metrics, never counts). */
  zoom?: boolean;
}

/** Where one bar lands. */
export interface PlacedBar extends Bar {
  x: number;
  y: number;
  width: number;
  /** The row's vertical centre, for the label and the value. */
  middle: number;
}

/** Computed coordinates of one bar chart. */
export interface BarChartGeometry {
  width: number;
  height: number;
  bars: PlacedBar[];
  /** The x of the line the bars start from: zero, or the zoomed range's end nearest zero. */
  zeroX: number;
  /** Whether the axis leaves out zero. */
  isZoomed: boolean;
  /** The domain's ends and zero, each with its pixel column, for the axis labels. */
  xTicks: { value: number; x: number }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const WIDTH = 600;
const ROW = 24;
const BAR = 14;
const MARGIN = { left: 250, right: 70, top: 8, bottom: 26 };

/**
 * The x domain: from zero to the values, or — zoomed, when every value has one sign and their
 * spread is under half their distance from zero — the values' range padded by a tenth on each side.
 */
function domainOf(
  values: number[],
  zoom: boolean,
): { low: number; high: number; base: number; isZoomed: boolean } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const isOneSign = values.length > 1 && (min > 0 || max < 0);
  if (zoom && isOneSign && max - min < 0.5 * Math.min(Math.abs(min), Math.abs(max))) {
    const pad = (max - min) / 10 || Math.abs(max) / 20;
    const [low, high] = [min - pad, max + pad];
    return { low, high, base: max < 0 ? high : low, isZoomed: true };
  }
  const low = Math.min(0, ...values);
  // All-zero (or no) values still need a non-empty domain.
  const high = Math.max(0, ...values) === low ? low + 1 : Math.max(0, ...values);
  return { low, high, base: 0, isZoomed: false };
}

/** Maps the bars onto a linear x scale that always includes zero; a row per model, top to bottom. */
export function barChartGeometry(data: BarChartData): BarChartGeometry {
  const plot = {
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: MARGIN.top + ROW * data.bars.length,
  };
  const values = data.bars.flatMap((bar) => (bar.value === null ? [] : [bar.value]));
  const { low, high, base, isZoomed } = domainOf(values, data.zoom === true);
  const xOf = (value: number) => plot.left + ((value - low) / (high - low)) * (plot.right - plot.left);
  const zeroX = xOf(base);
  const bars = data.bars.map((bar, index) => {
    const middle = plot.top + ROW * index + ROW / 2;
    const end = bar.value === null ? zeroX : xOf(bar.value);
    return { ...bar, x: Math.min(zeroX, end), y: middle - BAR / 2, width: Math.abs(end - zeroX), middle };
  });
  const ticks = isZoomed ? [low, high] : [...new Set([low, 0, high])].sort((a, b) => a - b);
  return {
    width: WIDTH,
    height: plot.bottom + MARGIN.bottom + (isZoomed ? 14 : 0),
    bars,
    zeroX,
    isZoomed,
    xTicks: ticks.map((value) => ({ value, x: xOf(value) })),
    plot,
  };
}

const fixed = (value: number) => Math.round(value * 10) / 10;
// What fits left of the plot in 11px type; the tooltip keeps the whole label.
const MAX_LABEL_CHARS = 38;
// How much of a cut label's end is kept: the version ("v3") that tells two titles apart.
const KEPT_END = 10;

/** A bar's label cut to fit: its start and its end (where versions differ) around an ellipsis. */
export function shortLabel(label: string): string {
  const chars = [...label];
  if (chars.length <= MAX_LABEL_CHARS) return label;
  const start = chars.slice(0, MAX_LABEL_CHARS - KEPT_END - 1).join('');
  return `${start.trimEnd()}…${chars.slice(-KEPT_END).join('').trimStart()}`;
}
const BEST_FILL = '#15803d';
const FILL = '#2458c6';

/** The SVG of one bar chart. */
export function renderBarChart(data: BarChartData): Html {
  const g = barChartGeometry(data);
  const bars = g.bars.map(
    (bar) =>
      html`<g class="bar"><title>${bar.tooltip}: ${data.metric} = ${bar.value === null ? 'not reported' : String(bar.value)}${bar.isBest ? ' (best)' : ''}</title><text x="${g.plot.left - 8}" y="${fixed(bar.middle + 4)}" text-anchor="end" font-size="11" fill="#1f2933">${shortLabel(bar.label)}</text>${
        bar.value === null
          ? ''
          : html`<rect x="${fixed(bar.x)}" y="${fixed(bar.y)}" width="${fixed(bar.width)}" height="${BAR}" rx="2" fill="${bar.isBest ? BEST_FILL : FILL}"/>`
      }<text x="${g.plot.right + 6}" y="${fixed(bar.middle + 4)}" font-size="11" fill="${bar.isBest ? BEST_FILL : '#616e7c'}"${bar.isBest ? html` font-weight="700"` : ''}>${bar.value === null ? '—' : formatTick(bar.value)}${bar.isBest ? ' ★' : ''}</text></g>`,
  );
  const title = data.title ?? `${data.metric} by model`;
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" role="img" aria-label="${title}"><title>${title}</title>${g.xTicks.map(
    (tick) =>
      html`<line x1="${fixed(tick.x)}" y1="${g.plot.top}" x2="${fixed(tick.x)}" y2="${g.plot.bottom}" stroke="${tick.value === 0 ? '#7b8794' : '#e4e7eb'}"/><text x="${fixed(tick.x)}" y="${g.plot.bottom + 16}" text-anchor="middle" font-size="10" fill="#616e7c">${formatTick(tick.value)}</text>`,
  )}${
    g.isZoomed
      ? html`<text x="${g.plot.left}" y="${g.plot.bottom + 30}" font-size="10" fill="#616e7c">Axis zoomed to the values (not from 0); bars start at the end nearest 0.</text>`
      : ''
  }${bars}</svg>`;
}
