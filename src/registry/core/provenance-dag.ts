/**
 * The provenance DAG of a model version (as compare shows it): the artifacts it reaches through its
 * links, at most `maxHops` away, walked breadth-first over already-loaded hops.
 */

/** A provenance DAG: the artifacts a model reaches and the links between them. */
export interface ProvenanceDag {
  nodes: { id: string; type: string; title: string }[];
  edges: { from: string; to: string; link_type: string; version: number | null }[];
}

/** One outgoing link as the walk sees it. */
export interface DagHop {
  sourceId: string;
  targetId: string;
  linkType: string;
  targetVersion: number | null;
}

/** The DAG rooted at `rootId` over the outgoing links of each artifact, at most `maxHops` deep. */
export function walkProvenanceDag(
  rootId: string,
  outgoing: ReadonlyMap<string, readonly DagHop[]>,
  nodes: ReadonlyMap<string, ProvenanceDag['nodes'][number]>,
  maxHops: number,
): ProvenanceDag {
  const depth = new Map([[rootId, 0]]);
  const edges: ProvenanceDag['edges'] = [];
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const level = depth.get(id) as number;
    if (level >= maxHops) continue;
    for (const hop of outgoing.get(id) ?? []) {
      edges.push({
        from: hop.sourceId,
        to: hop.targetId,
        link_type: hop.linkType,
        version: hop.targetVersion,
      });
      if (!depth.has(hop.targetId)) {
        depth.set(hop.targetId, level + 1);
        queue.push(hop.targetId);
      }
    }
  }
  return { nodes: [...depth.keys()].map((id) => nodes.get(id) as ProvenanceDag['nodes'][number]), edges };
}
