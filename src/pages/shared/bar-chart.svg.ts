/**
 * The horizontal bar chart: one bar per row from a zero line (so negative values such as AIC read
 * correctly), the best bar in green and each value written at the right — the compare page's chart
 * per metric (one bar per model) and the impact preview's histogram (one bar per bucket). Geometry
 * and drawing are pure functions.
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
  /** The x of the zero line. */
  zeroX: number;
  /** The domain's ends and zero, each with its pixel column, for the axis labels. */
  xTicks: { value: number; x: number }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const WIDTH = 440;
const ROW = 24;
const BAR = 14;
const MARGIN = { left: 170, right: 70, top: 8, bottom: 26 };

/** Maps the bars onto a linear x scale that always includes zero; a row per model, top to bottom. */
export function barChartGeometry(data: BarChartData): BarChartGeometry {
  const plot = {
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: MARGIN.top + ROW * data.bars.length,
  };
  const values = data.bars.flatMap((bar) => (bar.value === null ? [] : [bar.value]));
  const low = Math.min(0, ...values);
  // All-zero (or no) values still need a non-empty domain.
  const high = Math.max(0, ...values) === low ? low + 1 : Math.max(0, ...values);
  const xOf = (value: number) => plot.left + ((value - low) / (high - low)) * (plot.right - plot.left);
  const zeroX = xOf(0);
  const bars = data.bars.map((bar, index) => {
    const middle = plot.top + ROW * index + ROW / 2;
    const end = bar.value === null ? zeroX : xOf(bar.value);
    return { ...bar, x: Math.min(zeroX, end), y: middle - BAR / 2, width: Math.abs(end - zeroX), middle };
  });
  const ticks = [...new Set([low, 0, high])].sort((a, b) => a - b);
  return {
    width: WIDTH,
    height: plot.bottom + MARGIN.bottom,
    bars,
    zeroX,
    xTicks: ticks.map((value) => ({ value, x: xOf(value) })),
    plot,
  };
}

const fixed = (value: number) => Math.round(value * 10) / 10;
// What fits left of the plot in 11px type; the tooltip keeps the whole label.
const MAX_LABEL_CHARS = 26;

/** A bar's label cut to fit, ending in an ellipsis when cut. */
export function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length <= MAX_LABEL_CHARS ? label : `${chars.slice(0, MAX_LABEL_CHARS - 1).join('')}…`;
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
  )}${bars}</svg>`;
}
