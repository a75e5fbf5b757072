/**
 * The shape of the demo world's plain data: what `demo-world.ts` and the `demo-models-*.ts` files
 * declare and `load-demo.ts` writes through the registry services.
 */

/** A JSON object, as the registry stores architecture, parameters, configs and metadata. */
export type DemoJson = Record<string, unknown>;

/** A person or AI agent of the demo. */
export interface DemoAgent {
  id: string;
  displayName: string;
  kind: 'human' | 'ai';
}

/** A link target: an artifact and, when pinned, its version number. */
export interface DemoPin {
  id: string;
  /** Absent means an unpinned link, which breaks the `inputs_pinned` provenance rule. */
  version?: number;
}

/** One version of a non-model artifact. */
export interface DemoVersion {
  /** Recorded on the version, e.g. what changed in this release. */
  metadata: DemoJson;
  /** Who published this version; the artifact's creator when absent. */
  createdBy?: string;
}

/** A dataset, analysis, hypothesis or benchmark with its versions. */
export interface DemoArtifact {
  id: string;
  type: 'dataset' | 'analysis' | 'hypothesis' | 'benchmark';
  title: string;
  createdBy: string;
  metadata: DemoJson;
  /** Where the bytes live; each version is stored under `<uri>/v<n>/`. Absent for text-only artifacts. */
  uri?: string;
  /**
   * Version 1 first; at least one. Version 1 is created with the artifact, by its creator, and the
   * create service stores no metadata on it, so the loader keeps its metadata on the artifact.
   */
  versions: [DemoVersion, ...DemoVersion[]];
  /** What an analysis consumed (`input` links). */
  inputs?: DemoPin[];
}

/** One version of a model lineage, registered in order (version numbers follow the array). */
export interface DemoModelVersion {
  title: string;
  /** The agent that trained it (`trained_by`). */
  trainedBy: string;
  /** Merged over the lineage's architecture, so only what changed is written. */
  architecture?: DemoJson;
  parameters: DemoJson;
  parameterCount: number;
  /** Merged over the lineage's training config. */
  trainingConfig?: DemoJson;
  evaluationMetrics: Record<string, number>;
  rawQualityScore: number;
  evalDatasetId: string;
  benchmarkId: string;
  trainedOn: DemoPin[];
  producedBy?: string;
  testsHypothesis?: string;
  inputs?: DemoPin[];
  /** The weight (and optional bias) the demo confidence model runs this version with. */
  runtime: { weight: number; bias?: number };
  /** Notes kept in the model version's metadata. */
  notes: string;
}

/** A promotion to replay after the lineage is registered. */
export interface DemoPromotion {
  version: number;
  /** The evaluator agent, recorded as the event's actor. */
  by: string;
  notes?: string;
}

/** A model lineage: what its versions share, the versions, and the promotions in order. */
export interface DemoLineage {
  modelName: string;
  family: 'biophysical' | 'deep_learning' | 'statistical';
  /** The agent that registers every version (`created_by`). */
  registeredBy: string;
  architecture: DemoJson;
  trainingConfig: DemoJson;
  versions: DemoModelVersion[];
  promotions: DemoPromotion[];
}

/** Everything the demo loader writes. */
export interface DemoWorld {
  agents: DemoAgent[];
  /** In dependency order: an analysis comes after the datasets it consumes. */
  artifacts: DemoArtifact[];
  lineages: DemoLineage[];
}
