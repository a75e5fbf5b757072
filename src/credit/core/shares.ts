/**
 * Turns PageRank scores on a contribution graph into payout weights per (agent, role).
 */
import type { ContributionGraph, PayoutRole } from './contribution-graph.ts';

/** One agent's normalised weight for one role; all weights of a promotion sum to 1. */
export interface RoleShare {
  agentId: string;
  role: PayoutRole;
  weight: number;
}

/**
 * Weighs each (agent, role) by the PageRank flow into the agent through edges of that role:
 * rank(u) · damping · w(u→a) / outWeight(u), summed over such edges, then normalised to sum to 1.
 * Damping multiplies every flow alike and cancels in the normalisation, so it is not a parameter.
 * Measuring flow per role (not the agent's own rank) is what lets one agent be paid separately as
 * trainer and as curator. Sorted by weight descending, then agentId, then role (code-unit order),
 * so the same input always gives the same list. Pairs with no flow are left out; a graph with no
 * reachable agent gives [].
 */
export function roleShares(graph: ContributionGraph, ranks: ReadonlyMap<string, number>): RoleShare[] {
  const flows = new Map<string, RoleShare>();
  graph.forEachNode((node) => {
    const rank = ranks.get(node) ?? 0;
    const outWeight = graph.reduceOutEdges(node, (sum, _edge, { weight }) => sum + Math.max(weight, 0), 0);
    if (rank <= 0 || outWeight <= 0) return;
    graph.forEachOutEdge(
      node,
      (_edge, { weight, role }, _source, _target, _sourceAttributes, targetAttributes) => {
        if (role === undefined || targetAttributes.kind !== 'agent' || weight <= 0) return;
        const key = `${targetAttributes.ref}\u0000${role}`;
        const share = flows.get(key) ?? { agentId: targetAttributes.ref, role, weight: 0 };
        share.weight += (rank * weight) / outWeight;
        flows.set(key, share);
      },
    );
  });

  const total = [...flows.values()].reduce((sum, share) => sum + share.weight, 0);
  if (total <= 0) return [];
  return [...flows.values()]
    .map((share) => ({ ...share, weight: share.weight / total }))
    .sort((a, b) => b.weight - a.weight || compare(a.agentId, b.agentId) || compare(a.role, b.role));
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
