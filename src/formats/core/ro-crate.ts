/**
 * A model version as an RO-Crate 1.1 metadata document (`ro-crate-metadata.json`). The
 * root dataset has the model version and the datasets it reaches as its parts; the analysis that
 * produced it is a `CreateAction` (its inputs and the version's training data the `object`, the
 * version the `result`), the hypothesis a `Claim`, links `isBasedOn`; every agent is a `Person` (an
 * AI agent a `SoftwareApplication`) affiliated with the registry, which publishes the crate (and
 * authors it when no person trained or registered the version). Terms
 * schema.org lacks (quality score, model family…) are in modelgraph's namespace, declared in the
 * context.
 */
import { type ProvenanceRecord, producerOf, reachedOf, versionKey } from './provenance-record.ts';
import {
  artifactEntity,
  CrateGraph,
  CrateIds,
  type Entity,
  oneOrMany,
  type Ref,
  ref,
} from './ro-crate-graph.ts';

/** Where the crate's ids point: the server's own URLs. */
export interface RoCrateOptions {
  /** The server's origin, e.g. `http://127.0.0.1:8080`. */
  base: string;
}

const LICENSE_UNDECLARED = '#license-undeclared';
const COMPLETED = ref('http://schema.org/CompletedActionStatus');

/** The version's `metadata.license` when it is a URL, else a note that none is declared. */
function licenseOf(record: ProvenanceRecord): Entity {
  const license = record.model.metadata.license;
  if (typeof license === 'string' && /^https?:\/\//.test(license)) {
    return { '@id': license, '@type': 'CreativeWork', name: license };
  }
  return {
    '@id': LICENSE_UNDECLARED,
    '@type': 'CreativeWork',
    name: 'No license declared',
    description: 'The registry holds no license for this model version: ask its maintainers before reuse.',
  };
}

function linkArtifacts(graph: CrateGraph, record: ProvenanceRecord, ids: CrateIds): void {
  const { model } = record;
  for (const item of reachedOf(record)) {
    const type = record.artifacts.get(item.artifactId)?.type;
    const id = ids.of(item);
    if (type === 'analysis') {
      graph.link(id, 'object', ids.targets(item.artifactId, ['input']));
      graph.set(id, { actionStatus: COMPLETED });
    } else {
      graph.link(id, 'isBasedOn', ids.targets(item.artifactId, ['trained_on', 'input', 'derived_from']));
    }
    graph.link(id, 'mg:testsHypothesis', ids.targets(item.artifactId, ['tests_hypothesis']));
  }
  const modelId = ids.of({ artifactId: model.id, version: null });
  if (model.parentId && record.artifacts.has(model.parentId)) {
    graph.link(modelId, 'isBasedOn', [ref(ids.of({ artifactId: model.parentId, version: null }))]);
  }
  const producer = producerOf(record, model.id);
  if (producer) {
    const action = ids.of({ artifactId: producer.id, version: null });
    graph.link(action, 'object', ids.targets(model.id, ['trained_on', 'input']));
    graph.link(action, 'result', [ref(modelId)]);
    graph.set(action, { agent: ref(ids.agent(model.trainedBy)), endTime: model.createdAt.toISOString() });
  }
}

/**
 * Who authored the crate: the people who trained and registered the version. RO-Crate wants a
 * person or an organisation there, so when both are AI agents the registry that made the crate is.
 */
function rootAuthors(record: ProvenanceRecord, ids: CrateIds, registry: Ref): Ref[] {
  const people = [...new Set([record.model.trainedBy, record.model.createdBy])].filter(
    (id) => record.agents.get(id)?.kind === 'human',
  );
  return people.length > 0 ? people.map((id) => ref(ids.agent(id))) : [registry];
}

/** The RO-Crate metadata document of a record. */
export function buildRoCrate(record: ProvenanceRecord, options: RoCrateOptions): Record<string, unknown> {
  const { model } = record;
  const ids = new CrateIds(record, options.base);
  const graph = new CrateGraph();
  const reached = reachedOf(record).filter((item) => record.artifacts.has(item.artifactId));
  for (const item of reached) {
    const artifact = record.artifacts.get(item.artifactId);
    const facts =
      item.version === null ? undefined : record.versions.get(versionKey(item.artifactId, item.version));
    if (artifact) graph.put(artifactEntity(ids, item, artifact, facts));
  }
  const modelId = ids.of({ artifactId: model.id, version: null });
  graph.set(modelId, {
    author: ref(ids.agent(model.trainedBy)),
    version: String(model.versionNumber),
    url: `${options.base}/models/${model.id}`,
    'mg:modelName': model.modelName,
    'mg:modelFamily': model.modelFamily,
    'mg:status': model.status,
    'mg:qualityScore': model.qualityScore,
    'mg:provenanceComplete': model.provenance.complete,
  });
  linkArtifacts(graph, record, ids);

  // The registry publishes the crate, and its agents (people and AI) work on it: the one
  // organisation the registry knows, so it is every person's affiliation too.
  const registry = ref(`${options.base}/`);
  graph.put({
    ...registry,
    '@type': 'Organization',
    name: `modelgraph at ${new URL(options.base).host}`,
    url: registry['@id'],
  });
  for (const agent of record.agents.values()) {
    const isPerson = agent.kind !== 'ai';
    graph.put({
      '@id': ids.agent(agent.id),
      '@type': isPerson ? 'Person' : 'SoftwareApplication',
      name: agent.displayName,
      ...(isPerson ? { affiliation: registry } : {}),
    });
  }
  const license = licenseOf(record);
  graph.put(license);

  const parts = reached
    .filter(
      (item) => item.artifactId === model.id || record.artifacts.get(item.artifactId)?.type === 'dataset',
    )
    .map((item) => ids.of(item));
  const mentioned = reached.map((item) => ids.of(item)).filter((id) => !parts.includes(id));
  const root: Entity = {
    '@id': './',
    '@type': 'Dataset',
    name: `${model.title} (${model.id})`,
    description: `Model version ${model.versionNumber} of the lineage ${model.modelName} in modelgraph, with the datasets, analysis, hypothesis and agents of its provenance.`,
    datePublished: model.createdAt.toISOString(),
    license: ref(license['@id']),
    author: oneOrMany(rootAuthors(record, ids, registry)),
    publisher: registry,
    mainEntity: ref(modelId),
    hasPart: oneOrMany(parts.map(ref)),
    mentions: oneOrMany(mentioned.map(ref)),
  };
  const descriptor: Entity = {
    '@id': 'ro-crate-metadata.json',
    '@type': 'CreativeWork',
    conformsTo: ref('https://w3id.org/ro/crate/1.1'),
    about: ref('./'),
  };
  const defined = (entity: Entity) =>
    Object.fromEntries(Object.entries(entity).filter(([, value]) => value !== undefined));
  return {
    '@context': ['https://w3id.org/ro/crate/1.1/context', { mg: `${options.base}/ns#` }],
    '@graph': [descriptor, root, ...graph.entities.values()].map(defined),
  };
}
