/**
 * Knowledge-graph nodes as modelgraph knows them: a CURIE with the human name a writer gave it
 * (docs/concepts.md#node-names). Pure.
 */

/** A named node. */
export interface KgNode {
  /** The CURIE edges use as subject or object (`MONDO:0004975`). */
  id: string;
  name: string;
  /** A Biolink category (`biolink:Disease`), or null when the writer gave none. */
  category: string | null;
}

/** The names of some nodes, by id; a node missing from the map has no name. */
export type NodeNames = ReadonlyMap<string, string>;

/** The ids sent more than once in one request, each once, in the order they first repeat. */
export function repeatedIds(nodes: readonly { id: string }[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { id } of nodes) {
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  return [...repeated];
}

/** How text shows a node: `name (CURIE)`, or the CURIE alone when it has no name. */
export function nodeLabel(id: string, names: NodeNames): string {
  const name = names.get(id);
  return name === undefined || name === id ? id : `${name} (${id})`;
}
