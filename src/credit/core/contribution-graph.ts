/**
 * The contribution graph of one promotion (docs/credit.md): who and what made the promoted model
 * version, as a weighted directed graph that personalized PageRank walks from the child version.
 */
import { DirectedGraph } from 'graphology';

/** The roles a payout line can be paid for. */
export type PayoutRole = 'trainer' | 'dataset_curator' | 'benchmark_author' | 'eval_runner';

/** What a node stands for; `ref` is the plain id of that model version, artifact or agent. */
export interface ContributionNode {
  kind: 'model' | 'artifact' | 'agent';
  ref: string;
}

/** A contribution edge; `role` is set on the edges into agents and names what they are paid for. */
export interface ContributionEdge {
  weight: number;
  role?: PayoutRole;
}

/** The graph `buildContributionGraph` returns. */
export type ContributionGraph = DirectedGraph<ContributionNode, ContributionEdge>;

/** Everything known about one promotion that decides who is paid (plain data, no database). */
export interface ContributionInput {
  child: { id: string; trainedBy: string };
  /** The parent chain, nearest first (parent, grandparent, …). */
  parents: { id: string; trainedBy: string }[];
  /** Datasets the child was trained on or evaluated on (deduplicate by id; `via` says how). */
  datasets: { id: string; createdBy: string; via: 'trained_on' | 'eval' }[];
  benchmark: { id: string; createdBy: string } | null;
  /** The promotion event's actor. */
  evalRunner: string;
}

/**
 * Edge weights by role. Only the ratios among one node's out-edges matter (PageRank turns them
 * into transition probabilities), so the ones that decide the split are the child's out-edges:
 * - `trainer` 3, the heaviest: the trainer built this version.
 * - `trainedOnDatasets` 2, shared equally by all `trained_on` datasets, so listing more datasets
 *   divides the curators' share instead of growing it (no farming by link spam).
 * - `evalDataset` 1, `benchmark` 1, `evalRunner` 1: evaluating is real but smaller work.
 * - `parent` 1: the earlier versions' work, whose credit flows on to their trainers.
 * For a typical promotion (one training set, an eval set, a benchmark, a parent, six different
 * agents) that pays trainer 36 %, training-set curator 21 %, eval runner 12 %, eval-set curator,
 * benchmark author and the parent's trainer 10 % each. One agent who trained the whole lineage
 * reaches 47 %, and it is the 40 % cap, not these weights, that keeps one agent from dominating.
 * Curators and authors are one hop further out, so the walk's damping (0.85) discounts them.
 * Beyond the child an artifact has one out-edge (to its creator), so `curator` and
 * `benchmarkAuthor` only label it; a parent version splits its mass `parentTrainer` 4 :
 * `grandparent` 1, so each older generation gets 0.85 · 1/5 of the one before (parents decay).
 */
export const ROLE_EDGE_WEIGHTS = Object.freeze({
  trainer: 3,
  trainedOnDatasets: 2,
  evalDataset: 1,
  benchmark: 1,
  evalRunner: 1,
  parent: 1,
  curator: 1,
  benchmarkAuthor: 1,
  parentTrainer: 4,
  grandparent: 1,
});

/** The node key of a model version. */
export const modelNode = (id: string): string => `model:${id}`;
/** The node key of a dataset or benchmark artifact. */
export const artifactNode = (id: string): string => `artifact:${id}`;
/** The node key of an agent. */
export const agentNode = (id: string): string => `agent:${id}`;

/**
 * Builds the contribution graph of a promotion. A plain `DirectedGraph` (no parallel edges):
 * a second edge between the same pair — a dataset both trained on and evaluated on — is merged
 * into one by adding the weights, which is what PageRank would do with two parallel edges anyway.
 * The eval-runner edge is left out when the eval runner trained the child (no eval-runner share
 * for self-promotion). An artifact named both as a dataset and as the benchmark is one
 * node: the child's edges to it add up, and its creator is paid as its curator. A parent chain
 * that loops back (corrupt `parent_id`s) is followed only up to the first version already seen.
 *
 * @throws RangeError when one artifact is given with two different creators.
 */
export function buildContributionGraph(input: ContributionInput): ContributionGraph {
  const graph: ContributionGraph = new DirectedGraph();
  const child = addNode(graph, modelNode(input.child.id), 'model', input.child.id);
  addEdge(graph, child, addAgent(graph, input.child.trainedBy), ROLE_EDGE_WEIGHTS.trainer, 'trainer');

  const trainedOn = new Set(input.datasets.filter((d) => d.via === 'trained_on').map((d) => d.id));
  // A dataset listed twice the same way is one contribution; trained on *and* evaluated on is two.
  const seen = new Set<string>();
  for (const { id, createdBy, via } of input.datasets) {
    if (seen.has(`${via}:${id}`)) continue;
    seen.add(`${via}:${id}`);
    const weight =
      via === 'trained_on'
        ? ROLE_EDGE_WEIGHTS.trainedOnDatasets / trainedOn.size
        : ROLE_EDGE_WEIGHTS.evalDataset;
    addArtifact(graph, child, { id, createdBy, weight, role: 'dataset_curator' });
  }
  if (input.benchmark !== null) {
    const { id, createdBy } = input.benchmark;
    addArtifact(graph, child, {
      id,
      createdBy,
      weight: ROLE_EDGE_WEIGHTS.benchmark,
      role: 'benchmark_author',
    });
  }
  if (input.evalRunner !== input.child.trainedBy) {
    addEdge(graph, child, addAgent(graph, input.evalRunner), ROLE_EDGE_WEIGHTS.evalRunner, 'eval_runner');
  }

  let previous = child;
  let weight: number = ROLE_EDGE_WEIGHTS.parent;
  for (const parent of input.parents) {
    const key = modelNode(parent.id);
    if (graph.hasNode(key)) break;
    addNode(graph, key, 'model', parent.id);
    addEdge(graph, previous, key, weight);
    addEdge(graph, key, addAgent(graph, parent.trainedBy), ROLE_EDGE_WEIGHTS.parentTrainer, 'trainer');
    previous = key;
    weight = ROLE_EDGE_WEIGHTS.grandparent;
  }
  return graph;
}

interface ArtifactContribution {
  id: string;
  createdBy: string;
  /** Weight of the child → artifact edge. */
  weight: number;
  /** What the creator is paid for, unless the artifact was already added under another role. */
  role: PayoutRole;
}

function addArtifact(graph: ContributionGraph, child: string, artifact: ArtifactContribution): void {
  const key = addNode(graph, artifactNode(artifact.id), 'artifact', artifact.id);
  addEdge(graph, child, key, artifact.weight);
  const creators = graph.outNeighbors(key);
  if (creators.length === 0) {
    const creator = addAgent(graph, artifact.createdBy);
    const weight =
      artifact.role === 'dataset_curator' ? ROLE_EDGE_WEIGHTS.curator : ROLE_EDGE_WEIGHTS.benchmarkAuthor;
    addEdge(graph, key, creator, weight, artifact.role);
  } else if (creators[0] !== agentNode(artifact.createdBy)) {
    throw new RangeError(`artifact ${artifact.id} is given with two creators`);
  }
}

function addNode(graph: ContributionGraph, key: string, kind: ContributionNode['kind'], ref: string): string {
  graph.mergeNode(key, { kind, ref });
  return key;
}

function addAgent(graph: ContributionGraph, agentId: string): string {
  return addNode(graph, agentNode(agentId), 'agent', agentId);
}

/** Adds an edge, or adds `weight` to the one already there (a DirectedGraph has no parallel edges). */
function addEdge(
  graph: ContributionGraph,
  from: string,
  to: string,
  weight: number,
  role?: PayoutRole,
): void {
  const existing = graph.edge(from, to);
  if (existing === undefined) {
    graph.addEdge(from, to, role === undefined ? { weight } : { weight, role });
  } else {
    graph.updateEdgeAttribute(existing, 'weight', (old) => (old ?? 0) + weight);
  }
}
