/**
 * The open-format exports of a model version: its provenance loaded once into a
 * `ProvenanceRecord` — the version, compare's provenance DAG, and the artifacts, versions and
 * agents it names — then given to the pure builders of PROV-JSON, RO-Crate and OpenLineage.
 */
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { getRetractionsInForceOn } from '../registry/artifacts/retraction.service.ts';
import type { ModelVersion } from '../registry/core/model.ts';
import { resolveVersionRef } from '../registry/models/alias.service.ts';
import { getModelSummaries } from '../registry/models/model-read.service.ts';
import { loadProvenanceDags } from '../registry/models/provenance.service.ts';
import { modelVersionRunEvents } from './core/openlineage.ts';
import { buildProvDocument } from './core/prov-json.ts';
import {
  type AgentFacts,
  agentIdsOf,
  type ProvenanceRecord,
  type RetractionFacts,
  versionKey,
} from './core/provenance-record.ts';
import { buildRoCrate } from './core/ro-crate.ts';
import { findAgentFacts, findArtifactFacts, findVersionFacts } from './format.repository.ts';

/** The retractions in force `model` is built on, with the artifacts, versions and agents they name. */
async function loadRetractionFacts(deps: Pick<Deps, 'db'>, model: ModelVersion): Promise<RetractionFacts[]> {
  const retractions = await getRetractionsInForceOn(deps, model.provenance.retracted);
  if (retractions.length === 0) return [];
  const pins = retractions.flatMap((r) =>
    r.version === null ? [] : [{ artifactId: r.artifactId, versionNumber: r.version }],
  );
  const [artifacts, versions] = await Promise.all([
    findArtifactFacts(deps.db, [...new Set(retractions.map((r) => r.artifactId))]),
    findVersionFacts(deps.db, pins),
  ]);
  const agentIds = new Set([
    ...retractions.map((r) => r.retractedBy),
    ...artifacts.map((a) => a.createdBy),
    ...versions.map((v) => v.createdBy),
  ]);
  const agents = new Map((await findAgentFacts(deps.db, [...agentIds])).map((agent) => [agent.id, agent]));
  return retractions.flatMap((retraction) => {
    const artifact = artifacts.find((a) => a.id === retraction.artifactId);
    if (!artifact) return [];
    const versionFacts = versions.find(
      (v) => v.artifactId === retraction.artifactId && v.versionNumber === retraction.version,
    );
    const named = [retraction.retractedBy, artifact.createdBy, versionFacts?.createdBy];
    return [
      {
        id: retraction.id,
        artifact,
        version: retraction.version,
        versionFacts,
        reason: retraction.reason,
        evidenceUrl: retraction.evidenceUrl,
        retractedAt: retraction.retractedAt,
        retractedBy: retraction.retractedBy,
        agents: named.flatMap((id) => (id && agents.has(id) ? [agents.get(id) as AgentFacts] : [])),
      },
    ];
  });
}

/** Everything the exports of model version `id` name; 404 when the version is unknown. */
export async function loadProvenanceRecord(deps: Pick<Deps, 'db'>, ref: string): Promise<ProvenanceRecord> {
  const id = await resolveVersionRef(deps.db, ref);
  const [summary] = await getModelSummaries(deps, [id]);
  if (!summary) throw new NotFound(`model version '${ref}' does not exist`);
  const { model } = summary;
  const dag = (await loadProvenanceDags(deps.db, [{ id: model.id, title: model.title }])).get(model.id) ?? {
    nodes: [],
    edges: [],
  };
  const artifactIds = [
    ...new Set([...dag.nodes.map((node) => node.id), ...(model.parentId ? [model.parentId] : [])]),
  ];
  const pins = dag.edges.flatMap((edge) =>
    edge.version === null ? [] : [{ artifactId: edge.to, versionNumber: edge.version }],
  );
  const [artifacts, versions] = await Promise.all([
    findArtifactFacts(deps.db, artifactIds),
    findVersionFacts(deps.db, pins),
  ]);
  const [agents, retractions] = await Promise.all([
    findAgentFacts(deps.db, agentIdsOf(model, artifacts, versions)),
    loadRetractionFacts(deps, model),
  ]);
  return {
    model,
    dag,
    artifacts: new Map(artifacts.map((artifact) => [artifact.id, artifact])),
    versions: new Map(
      versions.map((version) => [versionKey(version.artifactId, version.versionNumber), version]),
    ),
    agents: new Map(agents.map((agent) => [agent.id, agent])),
    retractions,
  };
}

/** Where the exports' ids point: the server's origin as the client reached it. */
export interface ExportProps {
  id: string;
  base: string;
}

/** The W3C PROV-JSON document of a model version's provenance. */
export async function exportProv(deps: Pick<Deps, 'db'>, props: ExportProps) {
  return buildProvDocument(await loadProvenanceRecord(deps, props.id), { base: props.base });
}

/** The RO-Crate 1.1 metadata document of a model version. */
export async function exportRoCrate(deps: Pick<Deps, 'db'>, props: ExportProps) {
  return buildRoCrate(await loadProvenanceRecord(deps, props.id), { base: props.base });
}

/** The OpenLineage RunEvents (START, COMPLETE) of the run that produced a model version. */
export async function exportOpenLineage(deps: Pick<Deps, 'db'>, props: ExportProps) {
  return modelVersionRunEvents(await loadProvenanceRecord(deps, props.id), { producer: `${props.base}/` });
}
