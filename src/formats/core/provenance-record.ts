/**
 * What every open-format export of a model version is made from: the version, its
 * provenance DAG (compare's), and the facts about each artifact, pinned version and agent the
 * DAG names. Plain data, loaded once by the formats service; the PROV, RO-Crate and OpenLineage
 * builders are pure functions of it.
 */
import type { ModelVersion } from '../../registry/core/model.ts';
import type { ProvenanceDag } from '../../registry/core/provenance-dag.ts';

/** An artifact as the exports describe it. */
export interface ArtifactFacts {
  id: string;
  type: string;
  title: string;
  createdBy: string;
  createdAt: Date;
  metadata: Record<string, unknown>;
}

/** One version of an artifact. */
export interface VersionFacts {
  artifactId: string;
  versionNumber: number;
  digest: string | null;
  uri: string | null;
  createdBy: string;
  createdAt: Date;
}

/** An agent. */
export interface AgentFacts {
  id: string;
  displayName: string;
  kind: string;
}

/** A retraction in force the model version is built on, with what an export needs to name it. */
export interface RetractionFacts {
  id: number;
  /** The retracted artifact. */
  artifact: ArtifactFacts;
  /** The retracted version; null when the whole artifact is retracted. */
  version: number | null;
  /** That version's facts (undefined for a whole artifact). */
  versionFacts: VersionFacts | undefined;
  reason: string;
  evidenceUrl: string | null;
  retractedAt: Date;
  /** The id of the agent who retracted it. */
  retractedBy: string;
  /** Every agent it names: who retracted it, who created the artifact and the version. */
  agents: AgentFacts[];
}

/** A model version with everything its exports name. */
export interface ProvenanceRecord {
  model: ModelVersion;
  dag: ProvenanceDag;
  /** Every artifact of the DAG, and the parent version. */
  artifacts: ReadonlyMap<string, ArtifactFacts>;
  /** The versions the DAG's pinned links name, by `versionKey`. */
  versions: ReadonlyMap<string, VersionFacts>;
  /** Every agent that created, trained or registered something in the record. */
  agents: ReadonlyMap<string, AgentFacts>;
  /** The retractions in force the version is built on (`model.provenance.retracted`), oldest first. */
  retractions: readonly RetractionFacts[];
}

/** The key of an artifact version: `id@n`. */
export const versionKey = (artifactId: string, versionNumber: number) => `${artifactId}@${versionNumber}`;

/** Something the DAG reaches: an artifact, or one pinned version of it. */
export interface Reached {
  artifactId: string;
  version: number | null;
}

/** Every artifact and pinned version the record names, each once: the root first, then in DAG order. */
export function reachedOf(record: ProvenanceRecord): Reached[] {
  const seen = new Map<string, Reached>();
  const add = (artifactId: string, version: number | null) => {
    const key = version === null ? artifactId : versionKey(artifactId, version);
    if (!seen.has(key)) seen.set(key, { artifactId, version });
  };
  for (const node of record.dag.nodes) add(node.id, null);
  for (const edge of record.dag.edges) if (edge.version !== null) add(edge.to, edge.version);
  if (record.model.parentId) add(record.model.parentId, null);
  return [...seen.values()];
}

/** The ids of every agent the record's artifacts, versions and model name. */
export function agentIdsOf(
  model: Pick<ModelVersion, 'createdBy' | 'trainedBy'>,
  artifacts: Iterable<Pick<ArtifactFacts, 'createdBy'>>,
  versions: Iterable<Pick<VersionFacts, 'createdBy'>>,
): string[] {
  const ids = new Set([model.createdBy, model.trainedBy]);
  for (const artifact of artifacts) ids.add(artifact.createdBy);
  for (const version of versions) ids.add(version.createdBy);
  return [...ids];
}

/** The artifact that produced a version: the target of its `produced_by` link when that is an analysis. */
export function producerOf(record: ProvenanceRecord, artifactId: string): ArtifactFacts | undefined {
  const link = record.dag.edges.find((edge) => edge.from === artifactId && edge.link_type === 'produced_by');
  const target = link && record.artifacts.get(link.to);
  return target?.type === 'analysis' ? target : undefined;
}
