/**
 * The open-format exports of a model version: its provenance loaded once into a
 * `ProvenanceRecord` — the version, compare's provenance DAG, and the artifacts, versions and
 * agents it names — then given to the pure builders of PROV-JSON, RO-Crate and OpenLineage.
 */
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { resolveVersionRef } from '../registry/models/alias.service.ts';
import { getModelSummaries } from '../registry/models/model-read.service.ts';
import { loadProvenanceDags } from '../registry/models/provenance.service.ts';
import { modelVersionRunEvents } from './core/openlineage.ts';
import { buildProvDocument } from './core/prov-json.ts';
import { agentIdsOf, type ProvenanceRecord, versionKey } from './core/provenance-record.ts';
import { buildRoCrate } from './core/ro-crate.ts';
import { findAgentFacts, findArtifactFacts, findVersionFacts } from './format.repository.ts';

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
  const agents = await findAgentFacts(deps.db, agentIdsOf(model, artifacts, versions));
  return {
    model,
    dag,
    artifacts: new Map(artifacts.map((artifact) => [artifact.id, artifact])),
    versions: new Map(
      versions.map((version) => [versionKey(version.artifactId, version.versionNumber), version]),
    ),
    agents: new Map(agents.map((agent) => [agent.id, agent])),
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
