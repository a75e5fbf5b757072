/**
 * The vocabulary every part of a PROV-JSON export shares: the names of artifacts, versions and
 * agents (the server's own URLs), typed values, and the builder that collects records — elements once
 * per id, relations once per content under blank ids.
 */
import type { AgentFacts, ArtifactFacts, VersionFacts } from './provenance-record.ts';

/** Attributes of a PROV record. */
export type Attributes = Record<string, unknown>;

/** A typed qualified name (`prov:type` values, roles). */
export const qualified = (name: string) => ({ $: name, type: 'prov:QUALIFIED_NAME' });
/** A typed date-time. */
export const dateTime = (at: Date) => ({ $: at.toISOString(), type: 'xsd:dateTime' });

const TYPE_NAMES: Record<string, string> = {
  model: 'mgo:ModelVersion',
  dataset: 'mgo:Dataset',
  analysis: 'mgo:Analysis',
  hypothesis: 'mgo:Hypothesis',
  benchmark: 'mgo:Benchmark',
};

/** The PROV name of an artifact, or of one of its versions. */
export function provId(artifactId: string, version: number | null = null): string {
  return version === null ? `mg:${artifactId}` : `mg:${artifactId}/versions/${version}`;
}

/** The PROV name of an agent. */
export const provAgentId = (agentId: string) => `mgagent:${agentId}`;

/** Collects a document's records: each element once per id, each relation once per content. */
export class ProvDocumentBuilder {
  readonly records: Record<string, Record<string, Attributes>> = {};
  private readonly relationKeys = new Set<string>();
  private count = 0;

  /** Adds an element (or a relation under a given id) unless one with that id is there already. */
  add(section: string, id: string, attributes: Attributes) {
    this.records[section] ??= {};
    this.records[section][id] ??= attributes;
  }

  /** Whether an element with this id is in `section`. */
  has(section: string, id: string): boolean {
    return this.records[section]?.[id] !== undefined;
  }

  /** Adds a relation once per (type, attributes): PROV-JSON names relations by blank ids. */
  relate(type: string, attributes: Attributes) {
    const key = `${type} ${JSON.stringify(attributes)}`;
    if (this.relationKeys.has(key)) return;
    this.relationKeys.add(key);
    this.count += 1;
    this.add(type, `_:r${this.count}`, attributes);
  }
}

/** What an element of an artifact says about it: its kind, title and creation time. */
export function artifactAttributes(artifact: ArtifactFacts): Attributes {
  return {
    'prov:type': qualified(TYPE_NAMES[artifact.type] ?? 'mgo:Artifact'),
    'prov:label': artifact.title,
    'mgo:createdAt': dateTime(artifact.createdAt),
  };
}

/**
 * Declares one version of an artifact as an entity that is a `specializationOf` the artifact's
 * (which the caller declares), attributed to the agent who created the version.
 */
export function addVersionEntity(
  doc: ProvDocumentBuilder,
  artifact: ArtifactFacts,
  version: number,
  facts: VersionFacts | undefined,
): void {
  doc.add('entity', provId(artifact.id, version), {
    ...artifactAttributes(artifact),
    'prov:label': `${artifact.title} v${version}`,
    'mgo:versionNumber': version,
    ...(facts?.digest ? { 'mgo:digest': facts.digest } : {}),
    ...(facts?.uri ? { 'mgo:uri': { $: facts.uri, type: 'xsd:anyURI' } } : {}),
    ...(facts ? { 'mgo:createdAt': dateTime(facts.createdAt) } : {}),
  });
  doc.relate('specializationOf', {
    'prov:specificEntity': provId(artifact.id, version),
    'prov:generalEntity': provId(artifact.id),
  });
  if (facts) {
    doc.relate('wasAttributedTo', {
      'prov:entity': provId(artifact.id, version),
      'prov:agent': provAgentId(facts.createdBy),
    });
  }
}

/** Declares an agent: a person, or an AI agent as a software agent. */
export function addAgent(doc: ProvDocumentBuilder, agent: AgentFacts): void {
  doc.add('agent', provAgentId(agent.id), {
    'prov:type': qualified(agent.kind === 'ai' ? 'prov:SoftwareAgent' : 'prov:Person'),
    'prov:label': agent.displayName,
  });
}
