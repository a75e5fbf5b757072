/**
 * A provenance DAG as Mermaid flowchart text (`flowchart LR`), so it can be copied into any
 * Mermaid renderer. Node ids are sanitised to Mermaid-safe words; labels keep the artifact's
 * title and type with quotes and pipes written as Mermaid entity codes. Pure.
 */
import type { ProvenanceDag } from '../../registry/core/provenance-dag.ts';

/** A label safe inside `["…"]` and `|…|`. */
export function mermaidLabel(text: string): string {
  return text
    .replaceAll('#', '#35;')
    .replaceAll('"', '#quot;')
    .replaceAll('|', '#124;')
    .replace(/[\r\n]+/g, ' ');
}

/** Mermaid ids for artifact ids: word characters only, prefixed (so `end` and digits are fine), unique. */
export function mermaidIds(ids: string[]): Map<string, string> {
  const taken = new Set<string>();
  const result = new Map<string, string>();
  for (const id of ids) {
    const base = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    result.set(id, candidate);
  }
  return result;
}

/** The flowchart text of a DAG: one line per node, then one per edge labelled with its link type (and pin). */
export function toMermaidFlowchart(dag: ProvenanceDag): string {
  const ids = mermaidIds(dag.nodes.map((node) => node.id));
  const lines = ['flowchart LR'];
  for (const node of dag.nodes) {
    lines.push(`  ${ids.get(node.id)}["${mermaidLabel(`${node.title} (${node.type})`)}"]`);
  }
  for (const edge of dag.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (!from || !to) continue;
    const label = edge.version === null ? edge.link_type : `${edge.link_type} @v${edge.version}`;
    lines.push(`  ${from} -->|"${mermaidLabel(label)}"| ${to}`);
  }
  return `${lines.join('\n')}\n`;
}
