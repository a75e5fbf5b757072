/**
 * Retractions in a PROV-JSON export (docs/integrations.md#formats): each retraction in force that a
 * model version is built on is an activity (`mgo:Retraction`, with its reason and evidence,
 * associated with the agent who retracted) that invalidated the retracted entity — a dataset's or
 * benchmark's artifact or version or, since an analysis is an activity in these documents, the
 * results the analysis generated. What the document's DAG does not reach (a retraction further
 * than its hops) is declared here, so every relation names declared elements.
 */
import {
  addAgent,
  addVersionEntity,
  artifactAttributes,
  type ProvDocumentBuilder,
  provAgentId,
  provId,
  qualified,
} from './prov-terms.ts';
import type { ProvenanceRecord, RetractionFacts } from './provenance-record.ts';

/** Declares the artifact's own element (an analysis as an activity), attributed to its creator. */
function addArtifactElement(doc: ProvDocumentBuilder, retraction: RetractionFacts): void {
  const { artifact } = retraction;
  const isActivity = artifact.type === 'analysis';
  doc.add(isActivity ? 'activity' : 'entity', provId(artifact.id), artifactAttributes(artifact));
  doc.relate(isActivity ? 'wasAssociatedWith' : 'wasAttributedTo', {
    [isActivity ? 'prov:activity' : 'prov:entity']: provId(artifact.id),
    'prov:agent': provAgentId(artifact.createdBy),
  });
}

/** Declares what the retraction invalidated and returns its PROV name. */
function addRetractedEntity(doc: ProvDocumentBuilder, retraction: RetractionFacts): string {
  const { artifact, version } = retraction;
  addArtifactElement(doc, retraction);
  if (artifact.type === 'analysis') {
    const results = `${provId(artifact.id, version)}/results`;
    doc.add('entity', results, {
      'prov:type': qualified('mgo:AnalysisResults'),
      'prov:label': `Results of ${artifact.title}${version === null ? '' : ` v${version}`}`,
    });
    doc.relate('wasGeneratedBy', { 'prov:entity': results, 'prov:activity': provId(artifact.id) });
    return results;
  }
  if (version === null) return provId(artifact.id);
  addVersionEntity(doc, artifact, version, retraction.versionFacts);
  return provId(artifact.id, version);
}

/** Adds the retraction activities of `record` and the invalidations they caused. */
export function describeInvalidations(doc: ProvDocumentBuilder, record: ProvenanceRecord): void {
  for (const retraction of record.retractions) {
    for (const agent of retraction.agents) addAgent(doc, agent);
    const entity = addRetractedEntity(doc, retraction);
    const activity = `mg:${retraction.artifact.id}/retractions/${retraction.id}`;
    const at = retraction.retractedAt.toISOString();
    doc.add('activity', activity, {
      'prov:type': qualified('mgo:Retraction'),
      'prov:label': `Retraction: ${retraction.reason}`,
      'prov:startTime': at,
      'prov:endTime': at,
      'mgo:reason': retraction.reason,
      ...(retraction.evidenceUrl
        ? { 'mgo:evidence': { $: retraction.evidenceUrl, type: 'xsd:anyURI' } }
        : {}),
    });
    doc.relate('wasAssociatedWith', {
      'prov:activity': activity,
      'prov:agent': provAgentId(retraction.retractedBy),
    });
    doc.relate('wasInvalidatedBy', {
      'prov:entity': entity,
      'prov:activity': activity,
      'prov:time': at,
      'mgo:reason': retraction.reason,
    });
  }
}
