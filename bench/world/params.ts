/**
 * The shape of a synthetic world: how many rows of each kind a size has, how its ids are spelt,
 * and the fixture lineages whose structure is fixed whatever the seed — so the sample ids a
 * benchmark needs (`sampleOf`) are known without reading the database.
 */

/** The two sizes: `full` for PostgreSQL benchmarks, `small` (1/100) for PGlite and tests. */
export type WorldSize = 'full' | 'small';

/** Row counts a size asks for. */
export interface WorldDimensions {
  agents: number;
  datasets: number;
  hypotheses: number;
  benchmarks: number;
  /** Model lineages; even and at least 22 (the fixture lineages 0–21 come in pairs). */
  lineages: number;
  /** Model versions: 1–5 per lineage, exactly 3 on average. */
  versions: number;
  /** Links of every type; `derived_from` links between datasets fill up to this count. */
  links: number;
  /** Edges attributed to a model version (the rescore fixture's included). */
  attributedEdges: number;
  /** Unattributed `origin: "model"` edges carrying the backfill's trails. */
  legacyEdges: number;
  /** Active edges with inputs attributed to the rescore fixture's promoted parent. */
  rescoreEdges: number;
}

/** The dimensions of each size. */
export const DIMENSIONS: Readonly<Record<WorldSize, WorldDimensions>> = Object.freeze({
  full: {
    agents: 10_000,
    datasets: 50_000,
    hypotheses: 10_000,
    benchmarks: 1_000,
    lineages: 100_000,
    versions: 300_000,
    links: 1_000_000,
    attributedEdges: 1_000_000,
    legacyEdges: 1_000_000,
    rescoreEdges: 10_000,
  },
  small: {
    agents: 100,
    datasets: 500,
    hypotheses: 100,
    benchmarks: 10,
    lineages: 1_000,
    versions: 3_000,
    links: 10_000,
    attributedEdges: 10_000,
    legacyEdges: 10_000,
    rescoreEdges: 100,
  },
});

/**
 * Analyses: lineage `l` in the first half has its own analysis `l` (so the backfill's analysis rule
 * can resolve it); the second half shares `lineages / 20` pipelines, ten lineages each (ambiguous).
 */
export function analysisCounts(dims: WorldDimensions): { exclusive: number; shared: number } {
  return { exclusive: dims.lineages / 2, shared: dims.lineages / 20 };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Id spellings, shared by the SQL (`lpad`) and `sampleOf`. */
export const ids = {
  agent: (n: number) => `agent-${pad(n, 5)}`,
  dataset: (n: number) => `dataset-${pad(n, 6)}`,
  hypothesis: (n: number) => `hypothesis-${pad(n, 5)}`,
  lineage: (l: number) => `model-${pad(l, 6)}`,
  version: (l: number, j: number) => `model-${pad(l, 6)}-v${j}`,
};

/**
 * Fixture lineages (fixed whatever the seed):
 * - 0, the rescore case: v1 promoted with `rescoreEdges` edges, v2 a candidate on the fast model;
 * - 1, the payout case: v1 superseded, v2 promoted, v3 archived, v4 a candidate ready to promote,
 *   trained by agent 6 on datasets 1–3 (curated by agents 1–3), evaluated on dataset 4 (agent 4)
 *   against benchmark 0 (agent 5), its parents trained by agents 7 and 8;
 * - the even lineages 2…20, the showcase: five versions each, v1 superseded, v2 archived,
 *   v3 promoted, v4 and v5 candidates; each paired with a one-version lineage (3…21) so that the
 *   versions still average exactly 3 per lineage.
 */
export const FIXTURES = Object.freeze({
  rescoreLineage: 0,
  payoutLineage: 1,
  showcaseLineages: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20],
  /** Lineages below this one have a fixed shape; the rest are drawn from the seed. */
  firstDrawnLineage: 22,
  payout: { trainer: 6, parentTrainers: [7, 8], datasets: [1, 2, 3], evalDataset: 4, benchmark: 0 },
});

/** Sample ids a benchmark reads from a generated world. */
export interface WorldSample {
  /** A handful of versions: latest, promoted and root of deep lineages, the fixtures, a singleton. */
  modelIds: string[];
  /** 50 distinct versions for compare; the first 2 and first 10 make the smaller cases. */
  compareIds: string[];
  /** The dataset most versions are trained on. */
  datasetId: string;
  /** The hypothesis most lineages test. */
  hypothesisId: string;
  /** Promote `childId` (its runtime is `bench/fast-model.mjs`) and rescore the `edges` of `parentId`. */
  rescore: { parentId: string; childId: string; edges: number };
  /** A candidate whose promotion pays a trainer, three curators, an eval-set curator and a benchmark author. */
  payout: { modelId: string };
}

/**
 * The sample ids of a world of this size. They do not depend on the seed: the fixture lineages
 * have the same shape in every world, and the most popular dataset and hypothesis are always the
 * first of their kind (the generator's skewed picks favour low indices).
 */
export function sampleOf(size: WorldSize): WorldSample {
  const dims = DIMENSIONS[size];
  const [first, second, third] = FIXTURES.showcaseLineages;
  return {
    modelIds: [
      ids.version(first, 5),
      ids.version(first, 3),
      ids.version(first, 1),
      ids.version(second, 5),
      ids.version(second, 3),
      ids.version(third, 4),
      ids.version(FIXTURES.rescoreLineage, 1),
      ids.version(FIXTURES.payoutLineage, 4),
      ids.version(first + 1, 1),
    ],
    compareIds: FIXTURES.showcaseLineages.flatMap((l) => [5, 4, 3, 2, 1].map((j) => ids.version(l, j))),
    datasetId: ids.dataset(0),
    hypothesisId: ids.hypothesis(0),
    rescore: {
      parentId: ids.version(FIXTURES.rescoreLineage, 1),
      childId: ids.version(FIXTURES.rescoreLineage, 2),
      edges: dims.rescoreEdges,
    },
    payout: { modelId: ids.version(FIXTURES.payoutLineage, 4) },
  };
}
