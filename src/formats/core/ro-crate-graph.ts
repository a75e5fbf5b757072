/**
 * The pieces of an RO-Crate graph: the ids of a record's entities (the server's own URLs, a web
 * dataset's ending in `/` as RO-Crate 1.1 recommends), a graph that merges what is said of one
 * entity, and the entity of one artifact or pinned version.
 */
import type { ArtifactFacts, ProvenanceRecord, Reached, VersionFacts } from './provenance-record.ts';

/** A JSON-LD node of the crate. */
export type Entity = Record<string, unknown> & { '@id': string };
/** A reference to a node. */
export type Ref = { '@id': string };

/** A reference to `id`. */
export const ref = (id: string): Ref => ({ '@id': id });

/** One value as itself, several as an array, none as undefined (RO-Crate 1.1 asks for no 1-element arrays). */
export const oneOrMany = <T>(values: T[]): T | T[] | undefined =>
  values.length === 0 ? undefined : values.length === 1 ? values[0] : values;

/** How a record's artifacts, versions and agents are named in its crate. */
export class CrateIds {
  constructor(
    private readonly record: ProvenanceRecord,
    readonly base: string,
  ) {}

  /** The id of an artifact or of one of its versions. */
  of({ artifactId, version }: Reached): string {
    const url = `${this.base}/api/artifacts/${artifactId}${version === null ? '' : `/versions/${version}`}`;
    return this.record.artifacts.get(artifactId)?.type === 'dataset' ? `${url}/` : url;
  }

  /** The id of an agent. */
  agent(agentId: string): string {
    return `${this.base}/api/agents/${agentId}`;
  }

  /** The targets of `artifactId`'s DAG links of these types, as references. */
  targets(artifactId: string, linkTypes: string[]): Ref[] {
    return this.record.dag.edges
      .filter((edge) => edge.from === artifactId && linkTypes.includes(edge.link_type))
      .map((edge) => ref(this.of({ artifactId: edge.to, version: edge.version })));
  }
}

/** The crate's nodes by id; what is said twice of one node is merged. */
export class CrateGraph {
  readonly entities = new Map<string, Entity>();

  /** Adds a node, or the properties it does not have yet to the node of the same id. */
  put(entity: Entity): void {
    this.entities.set(entity['@id'], { ...entity, ...this.entities.get(entity['@id']) });
  }

  /** Sets properties of a node (when it is in the graph). */
  set(id: string, properties: Record<string, unknown>): void {
    const entity = this.entities.get(id);
    if (entity) Object.assign(entity, properties);
  }

  /** Adds references to a property of a node, keeping single values unwrapped. */
  link(id: string, property: string, refs: Ref[]): void {
    const entity = this.entities.get(id);
    if (!entity || refs.length === 0) return;
    const current = entity[property] === undefined ? [] : [entity[property]].flat();
    entity[property] = oneOrMany([...(current as Ref[]), ...refs]);
  }
}

const SCHEMA_TYPES: Record<string, string> = {
  dataset: 'Dataset',
  model: 'SoftwareSourceCode',
  analysis: 'CreateAction',
  hypothesis: 'Claim',
};

/** The node of an artifact, or of one pinned version of it (`facts` are that version's). */
export function artifactEntity(
  ids: CrateIds,
  item: Reached,
  artifact: ArtifactFacts,
  facts: VersionFacts | undefined,
): Entity {
  const made = facts ?? artifact;
  const node: Entity = {
    '@id': ids.of(item),
    '@type': SCHEMA_TYPES[artifact.type] ?? 'CreativeWork',
    name: item.version === null ? artifact.title : `${artifact.title} v${item.version}`,
    description: `The ${artifact.type} ${artifact.id}${item.version === null ? '' : `, version ${item.version}`}, as registered in modelgraph.`,
  };
  // An analysis is an action, done by its agent; everything else a work, written by its author.
  if (artifact.type === 'analysis') return { ...node, agent: ref(ids.agent(made.createdBy)) };
  const statement = artifact.metadata.statement;
  return {
    ...node,
    dateCreated: made.createdAt.toISOString(),
    author: ref(ids.agent(made.createdBy)),
    ...(item.version === null ? {} : { version: String(item.version) }),
    identifier: oneOrMany([facts?.digest, facts?.uri].filter((value): value is string => Boolean(value))),
    ...(artifact.type === 'hypothesis'
      ? { text: typeof statement === 'string' ? statement : artifact.title }
      : {}),
    ...(SCHEMA_TYPES[artifact.type] ? {} : { 'mg:artifactType': artifact.type }),
  };
}
