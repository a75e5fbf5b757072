/**
 * The attributed-edges panel: the top 20 active knowledge-graph edges a model version produced,
 * by confidence, drawn as a small subject → object graph whose edge colours encode the current
 * (post-rescore) confidence, flagged edges dashed and marked ⚑, with a legend, a table and a link
 * to all of them. Named nodes read `name (CURIE)` (the name alone in the graph's boxes) and
 * predicates in words. `renderAttributedEdges` returns a self-contained HTML fragment.
 */
import type { Deps } from '../../deps.ts';
import type { Edge } from '../../kg/core/edge.ts';
import { type NodeNames, nodeLabel } from '../../kg/core/node.ts';
import { listEdges } from '../../kg/edge-read.service.ts';
import { findNodeNames } from '../../kg/node.service.ts';
import { CONFIDENCE_BINS, confidenceColour } from '../shared/confidence-scale.ts';
import { renderGraphSvg, renderSwatch } from '../shared/dag.svg.ts';
import { formatPredicate } from '../shared/format.ts';
import { type GraphEdge, type GraphNode, layoutGraph } from '../shared/graph.layout.ts';
import { type Html, html } from '../shared/html.ts';
import { nodeLink } from '../shared/links.view.ts';

/** How many edges the panel draws. */
export const WIDGET_EDGE_LIMIT = 20;

/** The fields of an edge the panel shows. */
export type WidgetEdge = Pick<Edge, 'id' | 'subject' | 'predicate' | 'object' | 'confidence' | 'reviewFlag'>;

const FLAG = '⚑';

/** What an edge says, for tooltips: subject, predicate in words, object, confidence, and the flag. */
export function describeEdge(edge: WidgetEdge, names: NodeNames): string {
  const flag = edge.reviewFlag ? ` ${FLAG} flagged for review` : '';
  return `${nodeLabel(edge.subject, names)} ${formatPredicate(edge.predicate)} ${nodeLabel(edge.object, names)} · confidence ${edge.confidence.toFixed(3)}${flag}`;
}

/**
 * Edges as a graph: one node per distinct subject or object (its name in the box when it has one,
 * `name (CURIE)` as its tooltip), one coloured edge per KG edge labelled with its predicate in words.
 */
export function edgesToGraph(
  edges: WidgetEdge[],
  names: NodeNames,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const entities = [...new Set(edges.flatMap((edge) => [edge.subject, edge.object]))];
  return {
    nodes: entities.map((entity) => ({
      id: entity,
      label: names.get(entity) ?? entity,
      tooltip: nodeLabel(entity, names),
      fill: '#f8fafc',
      stroke: '#9aa5b1',
    })),
    edges: edges.map((edge) => ({
      from: edge.subject,
      to: edge.object,
      label: edge.reviewFlag ? `${FLAG} ${formatPredicate(edge.predicate)}` : formatPredicate(edge.predicate),
      tooltip: describeEdge(edge, names),
      stroke: confidenceColour(edge.confidence),
      isDashed: edge.reviewFlag,
    })),
  };
}

const legend = html`<p class="muted">Edge colour: confidence after rescoring.</p><ul class="legend">${CONFIDENCE_BINS.map(
  (bin) => html`<li>${renderSwatch(bin.colour)}${bin.label}</li>`,
)}<li><span class="flagged">${FLAG}</span> flagged for review (dashed)</li></ul>`;

/**
 * The panel for already-loaded edges (`total` counts every active edge of the version; `names` the
 * names of their nodes, those without one shown as their CURIE).
 */
export function renderAttributedEdgesPanel(
  modelId: string,
  edges: WidgetEdge[],
  total: number,
  names: NodeNames,
): Html {
  const allLink = `/api/kg/edges?source_artifact_id=${encodeURIComponent(modelId)}`;
  if (edges.length === 0) {
    return html`<section class="attributed-edges card" aria-label="Attributed edges">
<p class="muted">No knowledge-graph edges are attributed to this version yet.</p>
</section>`;
  }
  const graph = edgesToGraph(edges, names);
  const svg = renderGraphSvg(layoutGraph(graph.nodes, graph.edges), {
    idPrefix: `kg-${modelId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    label: `Top ${edges.length} edges attributed to ${modelId}, coloured by confidence`,
  });
  return html`<section class="attributed-edges card" aria-label="Attributed edges">
<p class="muted">Top ${edges.length} of ${total} active edges by confidence after rescoring.</p>
${svg}
${legend}
<div class="table-wrap"><table>
<thead><tr><th scope="col">Subject</th><th scope="col">Predicate</th><th scope="col">Object</th><th scope="col" class="num">Confidence</th><th scope="col">Review</th></tr></thead>
<tbody>${edges.map(
    (edge) =>
      html`<tr><td>${nodeLink(edge.subject, names, 'subject')}</td><td><span title="${edge.predicate}">${formatPredicate(edge.predicate)}</span></td><td>${nodeLink(edge.object, names, 'object')}</td><td class="num"><a href="/kg/edges/${encodeURIComponent(edge.id)}" aria-label="Edge ${edge.id}, confidence ${edge.confidence.toFixed(3)}">${edge.confidence.toFixed(3)}</a></td><td>${edge.reviewFlag ? html`<span class="flagged">${FLAG} flagged</span>` : ''}</td></tr>`,
  )}</tbody>
</table></div>
<p><a href="${allLink}">All ${total} edges attributed to this version (JSON)</a></p>
</section>`;
}

/**
 * The panel for a model version, loaded from the database: a valid HTML fragment usable on its own.
 * The names of all its nodes come in one query, whatever the number of edges.
 */
export async function renderAttributedEdges(deps: Pick<Deps, 'db'>, modelId: string): Promise<string> {
  const page = await listEdges(deps, {
    filter: { sourceArtifactId: modelId, status: 'active' },
    start: { offset: 0 },
    limit: WIDGET_EDGE_LIMIT,
  });
  const names = await findNodeNames(
    deps,
    page.rows.flatMap((edge) => [edge.subject, edge.object]),
  );
  return renderAttributedEdgesPanel(modelId, page.rows, page.total, names).toString();
}
