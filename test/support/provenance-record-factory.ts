/**
 * A `ProvenanceRecord` for the export builders' tests, from a short description: the model
 * version (overridable), the other artifacts by id and type, and the DAG's links. Every pinned
 * link's version gets its facts, every named agent exists (an `ai-…` id is an AI agent).
 */
import type {
  AgentFacts,
  ArtifactFacts,
  ProvenanceRecord,
  RetractionFacts,
  VersionFacts,
} from '../../src/formats/core/provenance-record.ts';
import type { ModelVersion } from '../../src/registry/core/model.ts';
import type { ProvenanceDag } from '../../src/registry/core/provenance-dag.ts';
import { buildModelVersion } from './domain-factories.ts';

/** What a test record is made of. */
export interface RecordSpec {
  model?: Partial<ModelVersion>;
  /** Artifacts besides the model version: `[id, type]`, created by `curator`. */
  artifacts?: [string, string][];
  /** The DAG's links: `[from, link type, to, version or null]`. */
  links?: [string, string, string, number | null][];
  /** The retractions in force the version is built on. */
  retractions?: RetractionFacts[];
}

const AT = new Date('2026-01-01T00:00:00.000Z');

/** A record as the formats service would load it. */
export function buildProvenanceRecord(spec: RecordSpec = {}): ProvenanceRecord {
  const model = buildModelVersion({ trainedBy: 'trainer', createdBy: 'registrar', ...spec.model });
  const others: ArtifactFacts[] = (spec.artifacts ?? []).map(([id, type]) => ({
    id,
    type,
    title: `${type} ${id}`,
    createdBy: 'curator',
    createdAt: AT,
    metadata: {},
  }));
  const artifacts: ArtifactFacts[] = [
    {
      id: model.id,
      type: 'model',
      title: model.title,
      createdBy: model.createdBy,
      createdAt: model.createdAt,
      metadata: model.metadata,
    },
    ...others,
  ];
  const edges: ProvenanceDag['edges'] = (spec.links ?? []).map(([from, linkType, to, version]) => ({
    from,
    to,
    link_type: linkType,
    version,
  }));
  const dag: ProvenanceDag = {
    // The DAG holds what the links reach; an artifact no link names (the parent) is only in `artifacts`.
    nodes: artifacts
      .filter((artifact) => artifact.id === model.id || edges.some((edge) => edge.to === artifact.id))
      .map(({ id, type, title }) => ({ id, type, title })),
    edges,
  };
  const versions: VersionFacts[] = edges.flatMap((edge) =>
    edge.version === null
      ? []
      : [
          {
            artifactId: edge.to,
            versionNumber: edge.version,
            digest: `sha256:${edge.to}-${edge.version}`,
            uri: `s3://lab/${edge.to}/v${edge.version}/`,
            createdBy: 'ai-pipeline',
            createdAt: AT,
          },
        ],
  );
  const agentIds = new Set([
    model.trainedBy,
    model.createdBy,
    'curator',
    ...versions.map((v) => v.createdBy),
  ]);
  const agents: AgentFacts[] = [...agentIds].map((id) => ({
    id,
    displayName: `Agent ${id}`,
    kind: id.startsWith('ai-') ? 'ai' : 'human',
  }));
  return {
    model,
    dag,
    artifacts: new Map(artifacts.map((artifact) => [artifact.id, artifact])),
    versions: new Map(versions.map((version) => [`${version.artifactId}@${version.versionNumber}`, version])),
    agents: new Map(agents.map((agent) => [agent.id, agent])),
    retractions: spec.retractions ?? [],
  };
}

/**
 * Version 2 of lineage `m`, trained on a pinned and a loose dataset, produced by an analysis that
 * read pinned raw data derived from the loose one, testing a hypothesis: every kind of link the
 * open formats map.
 */
export const FITTED_VERSION: RecordSpec = {
  model: { id: 'm-v2', modelName: 'm', versionNumber: 2, parentId: 'm-v1' },
  artifacts: [
    ['d-train', 'dataset'],
    ['d-raw', 'dataset'],
    ['d-loose', 'dataset'],
    ['a-fit', 'analysis'],
    ['h', 'hypothesis'],
    ['m-v1', 'model'],
  ],
  links: [
    ['m-v2', 'trained_on', 'd-train', 4],
    ['m-v2', 'trained_on', 'd-loose', null],
    ['m-v2', 'produced_by', 'a-fit', null],
    ['m-v2', 'tests_hypothesis', 'h', null],
    ['a-fit', 'input', 'd-raw', 1],
    ['d-raw', 'derived_from', 'd-loose', 2],
  ],
};
