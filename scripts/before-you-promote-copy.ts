/**
 * A fresh copy of the demo's "before you promote" story, so the walk-through never changes the demo
 * and runs again on the same server: a new lineage (its name ends in a run suffix) whose version 1
 * is registered from `model-biophys-microglia-v2`'s record (runtime, parameters, provenance) and
 * promoted, the 40 edges the demo attributes to v2 attributed to it instead (same statements,
 * confidences and inputs, under suffixed ids), and whose version 2 — the candidate — is registered
 * from `model-biophys-microglia-v3`'s record. Promoting the copy's v2 then does to the copy's 40
 * edges exactly what promoting the demo's v3 would do to v2's.
 */
import { demoEdges } from '../src/demo/demo-edges.ts';
import type { WalkThroughOptions } from './before-you-promote.ts';
import { requestJson } from './before-you-promote-http.ts';

/** The demo's promoted version and its candidate, whose records the copy is made from. */
export const DEMO_PARENT = 'model-biophys-microglia-v2';
export const DEMO_CANDIDATE = 'model-biophys-microglia-v3';

/** The copy's two versions and the demo versions they were made from. */
export interface DemoCopy {
  modelName: string;
  parentId: string;
  candidateId: string;
}

interface LinkedArtifact {
  id: string;
  version: number | null;
}

/** The parts of `GET /api/models/{id}` (as `admin` sees it) a registration needs. */
interface ModelRecord {
  id: string;
  title: string;
  model_family: string;
  architecture: object;
  parameters: object;
  parameter_count: number | null;
  training_config: object;
  evaluation_metrics: object;
  raw_quality_score: number | null;
  trained_by: string;
  eval_dataset_id: string | null;
  benchmark_id: string | null;
  runtime: { kind: string; hidden?: string[] } | null;
  metadata: object;
  links: Record<'trained_on' | 'produced_by' | 'tests_hypothesis' | 'inputs', LinkedArtifact[]>;
}

/** The registration body that makes a new version of `modelName` with `record`'s content and provenance. */
function registrationOf(record: ModelRecord, modelName: string) {
  const [analysis] = record.links.produced_by;
  const [hypothesis] = record.links.tests_hypothesis;
  return {
    model_name: modelName,
    title: record.title,
    model_family: record.model_family,
    architecture: record.architecture,
    parameters: record.parameters,
    parameter_count: record.parameter_count,
    training_config: record.training_config,
    evaluation_metrics: record.evaluation_metrics,
    raw_quality_score: record.raw_quality_score,
    trained_by: record.trained_by,
    eval_dataset_id: record.eval_dataset_id,
    benchmark_id: record.benchmark_id,
    runtime: record.runtime,
    trained_on: record.links.trained_on.map((link) => ({ dataset_id: link.id, version: link.version })),
    produced_by: analysis ? { analysis_id: analysis.id } : null,
    tests_hypothesis: hypothesis ? { hypothesis_id: hypothesis.id } : null,
    inputs: record.links.inputs.map((link) => ({ artifact_id: link.id, version: link.version })),
    metadata: { ...record.metadata, copied_from: record.id },
  };
}

async function demoRecord(options: WalkThroughOptions, id: string): Promise<ModelRecord> {
  const record = (await requestJson(options, 'GET', `/api/models/${id}`, options.adminToken, undefined, {
    404: `this server has no demo world (${id} is unknown): start it on an empty database (MODELGRAPH_DEMO=auto), or stop it and run modelgraph demo --reset`,
  })) as ModelRecord;
  if (record.runtime?.hidden) {
    throw new Error(
      `the admin token does not see ${id}'s runtime: pass the server's MODELGRAPH_ADMIN_TOKEN as --admin-token`,
    );
  }
  return record;
}

/** Makes the copy (registered and written by the admin, as the demo loader does) and returns its ids. */
export async function copyDemoStory(options: WalkThroughOptions, run: string): Promise<DemoCopy> {
  const parent = await demoRecord(options, DEMO_PARENT);
  const candidate = await demoRecord(options, DEMO_CANDIDATE);
  const modelName = `model-biophys-microglia-walkthrough-${run}`;
  const register = async (record: ModelRecord) =>
    (
      (await requestJson(
        options,
        'POST',
        '/api/models',
        options.adminToken,
        registrationOf(record, modelName),
      )) as {
        id: string;
      }
    ).id;
  const parentId = await register(parent);
  await requestJson(options, 'POST', `/api/models/${parentId}/promote`, options.adminToken, {
    notes: `the walk-through's copy of ${DEMO_PARENT}`,
  });
  const edges = demoEdges({ id: parentId, versionNumber: 1 })
    .filter((edge) => edge.source_artifact_id === parentId)
    .map((edge) => ({ ...edge, id: `${edge.id}-${run}` }));
  await requestJson(options, 'POST', '/api/kg/edges', options.adminToken, edges);
  const candidateId = await register(candidate);
  return { modelName, parentId, candidateId };
}
