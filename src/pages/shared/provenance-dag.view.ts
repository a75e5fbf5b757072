/**
 * The provenance DAG section of the model page: the DAG laid out by dagre and drawn as SVG, nodes
 * coloured by artifact type with a legend, and the same DAG as Mermaid text to copy.
 */
import type { ProvenanceDag } from '../../registry/core/provenance-dag.ts';
import { toMermaidFlowchart } from './dag.mermaid.ts';
import { renderGraphSvg, renderSwatch } from './dag.svg.ts';
import { type GraphEdge, type GraphNode, layoutGraph } from './graph.layout.ts';
import { type Html, html } from './html.ts';
import { artifactHref } from './links.view.ts';

/** Fill and border of each artifact type; anything else is grey. */
export const ARTIFACT_COLOURS: Record<string, { fill: string; stroke: string }> = {
  model: { fill: '#dbeafe', stroke: '#2458c6' },
  dataset: { fill: '#dcfce7', stroke: '#15803d' },
  analysis: { fill: '#fef3c7', stroke: '#b45309' },
  hypothesis: { fill: '#fce7f3', stroke: '#be185d' },
  benchmark: { fill: '#ede9fe', stroke: '#6d28d9' },
};
const OTHER = { fill: '#e5e7eb', stroke: '#52606d' };

/** The DAG as drawable nodes and edges (edge labels carry the link type and the pinned version). */
export function dagToGraph(dag: ProvenanceDag): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: dag.nodes.map((node) => ({
      id: node.id,
      label: node.title,
      tooltip: `${node.title} (${node.type}, ${node.id})`,
      href: artifactHref(node.id, node.type),
      ...(ARTIFACT_COLOURS[node.type] ?? OTHER),
    })),
    edges: dag.edges.map((edge) => {
      const label = edge.version === null ? edge.link_type : `${edge.link_type} @v${edge.version}`;
      return {
        from: edge.from,
        to: edge.to,
        label,
        tooltip: `${edge.from} ${label} ${edge.to}`,
        stroke: '#7b8794',
      };
    }),
  };
}

/**
 * The DAG section: drawing, type legend and Mermaid text. `idPrefix` keeps SVG ids unique on the
 * page; `label` names the drawing for assistive technology (pages with several DAGs name each one).
 */
export function renderProvenanceDag(dag: ProvenanceDag, idPrefix: string, label = 'Provenance DAG'): Html {
  const graph = dagToGraph(dag);
  const types = [...new Set(dag.nodes.map((node) => node.type))];
  return html`<figure class="card">
<figcaption>Provenance: what this version was trained on, produced by and tests, up to three links away.</figcaption>
${renderGraphSvg(layoutGraph(graph.nodes, graph.edges), { idPrefix, label })}
<ul class="legend">${types.map(
    (type) => html`<li>${renderSwatch((ARTIFACT_COLOURS[type] ?? OTHER).stroke)}${type}</li>`,
  )}</ul>
<details>
<summary>Copy as Mermaid</summary>
<pre class="mermaid-source">${toMermaidFlowchart(dag)}</pre>
</details>
</figure>`;
}
