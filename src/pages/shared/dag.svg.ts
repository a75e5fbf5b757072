/**
 * Draws a laid-out graph as inline SVG: nodes as labelled rounded rectangles, edges as curves with
 * arrowheads in their own colour, dashed when marked, each with a `<title>` tooltip. Pure.
 */
import type { GraphLayout, Point } from './graph.layout.ts';
import { type Html, html } from './html.ts';

/** How the drawing is named and kept apart from other drawings on the same page. */
export interface GraphSvgOptions {
  /** Prefix of the ids inside the SVG (arrowhead markers); unique per page. */
  idPrefix: string;
  /** Accessible name of the whole drawing. */
  label: string;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** An SVG path through dagre's route points: straight ends, smoothed corners (quadratic joins). */
export function edgePath(points: Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  let d = `M${round(first.x)},${round(first.y)}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const corner = rest[i];
    const next = rest[i + 1];
    d += ` Q${round(corner.x)},${round(corner.y)} ${round((corner.x + next.x) / 2)},${round((corner.y + next.y) / 2)}`;
  }
  const last = rest.at(-1);
  if (last) d += ` L${round(last.x)},${round(last.y)}`;
  return d;
}

// One tspan per line of a wrapped label, each starting again at the label's centre.
const lineSpans = (lines: string[], x: number) =>
  lines.map((line, index) =>
    index === 0
      ? html`<tspan x="${round(x)}">${line}</tspan>`
      : html`<tspan x="${round(x)}" dy="15">${line}</tspan>`,
  );

/** The SVG markup of a laid-out graph. */
export function renderGraphSvg(layout: GraphLayout, options: GraphSvgOptions): Html {
  const strokes = [...new Set(layout.edges.map((edge) => edge.stroke))];
  const markerId = (stroke: string) => `${options.idPrefix}-arrow-${strokes.indexOf(stroke)}`;
  const markers = strokes.map(
    (stroke) =>
      html`<marker id="${markerId(stroke)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${stroke}"/></marker>`,
  );
  const edges = layout.edges.map(
    (edge) =>
      html`<g class="edge"><title>${edge.tooltip}</title><path d="${edgePath(edge.points)}" fill="none" stroke="${edge.stroke}" stroke-width="2"${edge.isDashed ? html` stroke-dasharray="6 4"` : ''} marker-end="url(#${markerId(edge.stroke)})"/>${
        edge.lines.length > 0
          ? html`<text x="${round(edge.labelAt.x)}" y="${round(edge.labelAt.y + 4 - ((edge.lines.length - 1) * 15) / 2)}" text-anchor="middle" font-size="11" fill="#3e4c59" stroke="#fff" stroke-width="3" paint-order="stroke">${lineSpans(edge.lines, edge.labelAt.x)}</text>`
          : ''
      }</g>`,
  );
  const nodes = layout.nodes.map((node) => {
    const box = html`<g class="node"><title>${node.tooltip}</title><rect x="${round(node.x - node.width / 2)}" y="${round(node.y - node.height / 2)}" width="${round(node.width)}" height="${round(node.height)}" rx="6" fill="${node.fill}" stroke="${node.stroke}"/><text x="${round(node.x)}" y="${round(node.y + 4 - ((node.lines.length - 1) * 15) / 2)}" text-anchor="middle" font-size="12" fill="#1f2933">${lineSpans(node.lines, node.x)}</text></g>`;
    return node.href ? html`<a href="${node.href}">${box}</a>` : box;
  });
  // A drawing with links is a group of links for assistive technology; one without is an image.
  const role = layout.nodes.some((node) => node.href) ? 'group' : 'img';
  return html`<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="${role}" aria-label="${options.label}"><defs>${markers}</defs>${edges}${nodes}</svg>`;
}

/** A small colour sample for legends, drawn as SVG so the page needs no inline styles. */
export function renderSwatch(colour: string): Html {
  return html`<svg class="swatch" xmlns="http://www.w3.org/2000/svg" width="22" height="8" viewBox="0 0 22 8" aria-hidden="true"><rect width="22" height="8" rx="2" fill="${colour}"/></svg>`;
}
