/**
 * An edge's confidence history as the review queue shows it: grouped per edge, the last change
 * with its delta, and a tiny inline SVG sparkline. Pure functions over plain rows.
 */
import { confidenceColour } from '../shared/confidence-scale.ts';
import { type Html, html } from '../shared/html.ts';

/** The part of a history row the review page reads. */
export interface HistoryPoint {
  edgeId: string;
  confidence: number;
  at: Date;
}

/** The most recent change of confidence. */
export interface ConfidenceChange {
  from: number;
  to: number;
  delta: number;
}

/** History rows per edge id, each list in the order given (oldest first from `findHistory`). */
export function groupHistory<T extends HistoryPoint>(rows: readonly T[]): Map<string, T[]> {
  const byEdge = new Map<string, T[]>();
  for (const row of rows) {
    const list = byEdge.get(row.edgeId);
    if (list) list.push(row);
    else byEdge.set(row.edgeId, [row]);
  }
  return byEdge;
}

/** The last change between two consecutive history entries, or undefined when there has been none. */
export function lastChange(points: readonly HistoryPoint[]): ConfidenceChange | undefined {
  if (points.length < 2) return undefined;
  const from = points[points.length - 2].confidence;
  const to = points[points.length - 1].confidence;
  return { from, to, delta: to - from };
}

/** A signed delta with three decimals and a true minus sign (`+0.120`, `−0.450`, `±0.000`). */
export function formatDelta(delta: number): string {
  const rounded = Math.round(delta * 1000) / 1000;
  if (rounded === 0) return '±0.000';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(3)}`;
}

const WIDTH = 120;
const HEIGHT = 28;
const PAD = 3;
const fixed = (value: number) => Math.round(value * 10) / 10;

/**
 * The sparkline: confidence (0 to 1, a fixed scale so lines compare across rows) over the
 * history's entries, evenly spaced; the last point is coloured by the confidence scale.
 */
export function renderSparkline(label: string, points: readonly HistoryPoint[]): Html {
  if (points.length === 0) return html``;
  const xOf = (i: number) =>
    points.length === 1 ? WIDTH / 2 : PAD + (i / (points.length - 1)) * (WIDTH - 2 * PAD);
  const yOf = (confidence: number) =>
    HEIGHT - PAD - Math.min(1, Math.max(0, confidence)) * (HEIGHT - 2 * PAD);
  const coordinates = points.map((point, i) => `${fixed(xOf(i))},${fixed(yOf(point.confidence))}`);
  const last = points[points.length - 1];
  const values = points.map((point) => point.confidence.toFixed(3)).join(', ');
  return html`<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}: ${values}"><title>${label}: ${values}</title><line x1="0" y1="${HEIGHT - PAD}" x2="${WIDTH}" y2="${HEIGHT - PAD}" stroke="#e4e7eb"/>${
    points.length > 1
      ? html`<polyline points="${coordinates.join(' ')}" fill="none" stroke="#9aa5b1" stroke-width="1.5"/>`
      : ''
  }<circle cx="${fixed(xOf(points.length - 1))}" cy="${fixed(yOf(last.confidence))}" r="3" fill="${confidenceColour(last.confidence)}"/></svg>`;
}
