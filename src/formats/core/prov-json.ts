/**
 * A model version's provenance as a W3C PROV-JSON document. Every artifact of the DAG
 * is an entity — an analysis an activity — and every pinned version an entity that is a
 * `specializationOf` its artifact. Links become the PROV relation they mean: `produced_by` is
 * `wasGeneratedBy`, an analysis's `input` is `used`, a model's `trained_on`/`input` is `used` by
 * the analysis that generated it (a `wasDerivedFrom` when none did), `derived_from` and the parent
 * version are `wasDerivedFrom`; anything else (`tests_hypothesis`, a link to the wrong kind of
 * artifact) is a typed `wasInfluencedBy`. Agents are attributed and associated. A retraction the
 * version is built on is the invalidation of what it retracted (`prov-invalidation.ts`).
 */
import { describeInvalidations } from './prov-invalidation.ts';
import {
  addAgent,
  addVersionEntity,
  artifactAttributes,
  ProvDocumentBuilder,
  provAgentId,
  provId,
  qualified,
} from './prov-terms.ts';
import { type ProvenanceRecord, reachedOf, versionKey } from './provenance-record.ts';

/** Where the document's names point: the server's own URLs. */
export interface ProvNamespaces {
  /** The server's origin, e.g. `http://127.0.0.1:8080`. */
  base: string;
}

type Kind = 'entity' | 'activity';

/** The PROV-JSON document of a record. */
export function buildProvDocument(
  record: ProvenanceRecord,
  namespaces: ProvNamespaces,
): Record<string, unknown> {
  const doc = new ProvDocumentBuilder();
  const { model } = record;
  const kindOf = (artifactId: string): Kind =>
    record.artifacts.get(artifactId)?.type === 'analysis' ? 'activity' : 'entity';
  // An analysis is an activity whatever version a link names: PROV has no versions of activities.
  const elementOf = (artifactId: string, version: number | null) =>
    kindOf(artifactId) === 'activity' ? provId(artifactId) : provId(artifactId, version);

  for (const { artifactId, version } of reachedOf(record)) {
    const artifact = record.artifacts.get(artifactId);
    if (!artifact) continue;
    const kind = kindOf(artifactId);
    if (version === null || kind === 'activity') {
      doc.add(kind, provId(artifactId), artifactAttributes(artifact));
      doc.relate(kind === 'activity' ? 'wasAssociatedWith' : 'wasAttributedTo', {
        [`prov:${kind}`]: provId(artifactId),
        'prov:agent': provAgentId(artifact.createdBy),
      });
      continue;
    }
    addVersionEntity(doc, artifact, version, record.versions.get(versionKey(artifactId, version)));
  }

  // The model version itself: what the registry knows of it, who registered and who trained it.
  Object.assign(doc.records.entity[provId(model.id)], {
    'mgo:modelName': model.modelName,
    'mgo:versionNumber': model.versionNumber,
    'mgo:modelFamily': model.modelFamily,
    'mgo:status': model.status,
    'mgo:qualityScore': model.qualityScore,
    'mgo:provenanceComplete': model.provenance.complete,
  });
  doc.relate('wasAttributedTo', {
    'prov:entity': provId(model.id),
    'prov:agent': provAgentId(model.trainedBy),
  });
  if (model.parentId && record.artifacts.has(model.parentId)) {
    doc.relate('wasDerivedFrom', {
      'prov:generatedEntity': provId(model.id),
      'prov:usedEntity': provId(model.parentId),
      'prov:type': qualified('prov:Revision'),
    });
  }

  const generators = new Map(
    record.dag.edges
      .filter((edge) => edge.link_type === 'produced_by' && kindOf(edge.to) === 'activity')
      .map((edge) => [edge.from, edge.to]),
  );
  const producer = generators.get(model.id);
  if (producer) {
    doc.relate('wasAssociatedWith', {
      'prov:activity': provId(producer),
      'prov:agent': provAgentId(model.trainedBy),
      'prov:role': qualified('mgo:trainer'),
    });
  }

  for (const edge of record.dag.edges) {
    const [source, target] = [provId(edge.from), elementOf(edge.to, edge.version)];
    const kinds = `${kindOf(edge.from)}>${kindOf(edge.to)}`;
    const linkType = qualified(`mgo:${edge.link_type}`);
    const generator = generators.get(edge.from);
    if (edge.link_type === 'produced_by' && kinds === 'entity>activity') {
      const at = record.artifacts.get(edge.from)?.createdAt;
      doc.relate('wasGeneratedBy', {
        'prov:entity': source,
        'prov:activity': target,
        ...(at ? { 'prov:time': at.toISOString() } : {}),
      });
    } else if (edge.link_type === 'input' && kinds === 'activity>entity') {
      doc.relate('used', { 'prov:activity': source, 'prov:entity': target });
    } else if ((edge.link_type === 'input' || edge.link_type === 'trained_on') && kinds === 'entity>entity') {
      doc.relate(
        generator ? 'used' : 'wasDerivedFrom',
        generator
          ? { 'prov:activity': provId(generator), 'prov:entity': target, 'prov:role': linkType }
          : { 'prov:generatedEntity': source, 'prov:usedEntity': target, 'prov:type': linkType },
      );
    } else if (edge.link_type === 'derived_from' && kinds === 'entity>entity') {
      doc.relate('wasDerivedFrom', { 'prov:generatedEntity': source, 'prov:usedEntity': target });
    } else if (edge.link_type === 'derived_from' && kinds === 'activity>activity') {
      doc.relate('wasInformedBy', { 'prov:informed': source, 'prov:informant': target });
    } else {
      doc.relate('wasInfluencedBy', {
        'prov:influencee': source,
        'prov:influencer': target,
        'prov:type': linkType,
      });
    }
  }

  for (const agent of record.agents.values()) addAgent(doc, agent);

  describeInvalidations(doc, record);

  return {
    prefix: {
      mg: `${namespaces.base}/api/artifacts/`,
      mgagent: `${namespaces.base}/api/agents/`,
      mgo: `${namespaces.base}/ns#`,
    },
    ...doc.records,
  };
}
