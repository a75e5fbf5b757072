/**
 * Personalized PageRank by power iteration (docs/credit.md): how much of a random walk that keeps
 * restarting at one node ends up at each node. graphology's own pagerank cannot restart at a
 * single node, so this one only borrows the graph structure.
 */
import type { AbstractGraph, Attributes } from 'graphology-types';

/** Options for `personalizedPageRank`; the defaults are the payout's (damping 0.85, tolerance 1e-9). */
export interface PageRankOptions {
  /** The node every restart (teleport) goes to. */
  source: string;
  /** Probability of following an out-edge rather than restarting, in [0, 1). Default 0.85. */
  damping?: number;
  /** Stop when the L1 change of one iteration is below this. Default 1e-9. */
  tolerance?: number;
  /** Give up (and throw) after this many iterations. Default 1000. */
  maxIterations?: number;
}

/** A graph whose edges carry a non-negative `weight`. */
export type WeightedGraph = AbstractGraph<Attributes, { weight: number }>;

/** Thrown when the power iteration has not converged within `maxIterations`. */
export class PageRankDidNotConverge extends Error {
  constructor(iterations: number, change: number) {
    super(`personalized PageRank did not converge in ${iterations} iterations (last L1 change ${change})`);
    this.name = 'PageRankDidNotConverge';
  }
}

/**
 * Scores every node of `graph` by personalized PageRank with all teleport mass on `source`.
 * A walker follows an out-edge with probability proportional to its `weight`; a dangling node
 * (no out-edge of positive weight, e.g. an agent) hands its whole mass back to the source, so no
 * mass leaks and the scores sum to 1. Deterministic: it iterates in graphology's insertion order.
 *
 * @throws RangeError for an unknown source, bad options, or a negative or non-finite weight.
 * @throws PageRankDidNotConverge when the L1 change is still ≥ tolerance after maxIterations.
 */
export function personalizedPageRank(graph: WeightedGraph, options: PageRankOptions): Map<string, number> {
  const { source, damping = 0.85, tolerance = 1e-9, maxIterations = 1000 } = options;
  if (!graph.hasNode(source)) throw new RangeError(`source node ${source} is not in the graph`);
  if (!(damping >= 0 && damping < 1)) throw new RangeError(`damping must be in [0, 1), got ${damping}`);
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be positive, got ${tolerance}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`maxIterations must be a positive integer, got ${maxIterations}`);
  }

  const nodes = graph.nodes();
  const index = new Map(nodes.map((node, i) => [node, i]));
  const transitions = nodes.map((node) => outTransitions(graph, node, index));
  const sourceIndex = index.get(source) ?? 0;

  let rank = new Float64Array(nodes.length);
  rank[sourceIndex] = 1;
  let change = Number.POSITIVE_INFINITY;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const next = new Float64Array(nodes.length);
    let danglingMass = 0;
    for (let u = 0; u < nodes.length; u++) {
      const mass = rank[u];
      const out = transitions[u];
      if (out.length === 0) danglingMass += mass;
      for (const { to, probability } of out) next[to] += damping * mass * probability;
    }
    // Restarts (1 − d of every node's mass) and dangling nodes' mass both go to the source.
    next[sourceIndex] += 1 - damping + damping * danglingMass;
    change = 0;
    for (let i = 0; i < nodes.length; i++) change += Math.abs(next[i] - rank[i]);
    rank = next;
    if (change < tolerance) return normalised(nodes, rank);
  }
  throw new PageRankDidNotConverge(maxIterations, change);
}

interface Transition {
  to: number;
  probability: number;
}

function outTransitions(graph: WeightedGraph, node: string, index: Map<string, number>): Transition[] {
  const out: { to: number; weight: number }[] = [];
  graph.forEachOutEdge(node, (edge, attributes, _source, target) => {
    const { weight } = attributes;
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new RangeError(`edge ${edge} has weight ${weight}; weights must be finite and ≥ 0`);
    }
    if (weight > 0) out.push({ to: index.get(target) ?? 0, weight });
  });
  const total = out.reduce((sum, { weight }) => sum + weight, 0);
  return out.map(({ to, weight }) => ({ to, probability: weight / total }));
}

/** Divides out the rounding drift of many additions so the scores sum to 1 as promised. */
function normalised(nodes: string[], rank: Float64Array): Map<string, number> {
  const total = rank.reduce((sum, value) => sum + value, 0);
  return new Map(nodes.map((node, i) => [node, rank[i] / total]));
}
