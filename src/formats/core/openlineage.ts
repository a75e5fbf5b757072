/**
 * OpenLineage RunEvents (spec 2-0-2), built by pure functions so that every sender
 * shares them: `GET /api/models/{id}/openlineage` today, the outbox that sends registrations,
 * promotions and rescore passes to Marquez tomorrow. A run's id is a UUID (version 5, RFC 9562)
 * derived from a name, so the same run always has the same id, whoever builds its events and
 * however often.
 */
import { createHash } from 'node:crypto';
import { type ProvenanceRecord, producerOf } from './provenance-record.ts';

/** The RunEvent schema of spec 2-0-2. */
export const RUN_EVENT_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const VERSION_FACET_SCHEMA_URL =
  'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet';
const JOB_TYPE_FACET_SCHEMA_URL =
  'https://openlineage.io/spec/facets/2-0-2/JobTypeJobFacet.json#/$defs/JobTypeJobFacet';

/** The namespace of modelgraph's jobs and datasets. */
export const OPENLINEAGE_NAMESPACE = 'modelgraph';
// The UUID namespace of modelgraph's run ids (a constant drawn once; it only has to be fixed).
const RUN_ID_NAMESPACE = Buffer.from('6d2f8f0e4c1a4b7e9b3d2a5c8e1f7a90', 'hex');

/** A run id for `name`: the UUID version 5 of it in modelgraph's namespace. */
export function deterministicRunId(name: string): string {
  const hash = createHash('sha1').update(RUN_ID_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8] & 0x3f) | 0x80; // the RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A dataset a run read or wrote, with the version it saw when known. */
export interface LineageDataset {
  name: string;
  version: string | null;
}

/** One run of a job: what its events say besides their type and time. */
export interface LineageRun {
  runId: string;
  job: { name: string; jobType: string };
  inputs: LineageDataset[];
  outputs: LineageDataset[];
}

/** What every event names as its producer. */
export interface OpenLineageOptions {
  /** A URI naming the producing software, e.g. the server's origin. */
  producer: string;
}

/** The RunEvent states of spec 2-0-2. */
export type RunEventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';

/** One RunEvent of `run`. */
export function buildRunEvent(
  eventType: RunEventType,
  eventTime: Date,
  run: LineageRun,
  options: OpenLineageOptions,
): Record<string, unknown> {
  const dataset = ({ name, version }: LineageDataset) => ({
    namespace: OPENLINEAGE_NAMESPACE,
    name,
    ...(version === null
      ? {}
      : {
          facets: {
            version: {
              _producer: options.producer,
              _schemaURL: VERSION_FACET_SCHEMA_URL,
              datasetVersion: version,
            },
          },
        }),
  });
  return {
    eventType,
    eventTime: eventTime.toISOString(),
    producer: options.producer,
    schemaURL: RUN_EVENT_SCHEMA_URL,
    run: { runId: run.runId },
    job: {
      namespace: OPENLINEAGE_NAMESPACE,
      name: run.job.name,
      facets: {
        jobType: {
          _producer: options.producer,
          _schemaURL: JOB_TYPE_FACET_SCHEMA_URL,
          processingType: 'BATCH',
          integration: 'MODELGRAPH',
          jobType: run.job.jobType,
        },
      },
    },
    inputs: run.inputs.map(dataset),
    outputs: run.outputs.map(dataset),
  };
}

/**
 * The run that produced a model version: a run of its producing analysis (a job of its own, named
 * after it), or of `<model_name>.train` when no analysis is linked. Its inputs are the pinned
 * `trained_on` and `input` links of the version and of that analysis (a dataset is named by its
 * artifact id, the version it saw is its version facet); its output is the lineage at this version.
 */
export function modelVersionRun(record: ProvenanceRecord): LineageRun {
  const { model } = record;
  const analysis = producerOf(record, model.id);
  const sources = new Set([model.id, ...(analysis ? [analysis.id] : [])]);
  const inputs = new Map<string, LineageDataset>();
  for (const edge of record.dag.edges) {
    const consumed =
      edge.link_type === 'input' || (edge.link_type === 'trained_on' && edge.from === model.id);
    if (!sources.has(edge.from) || !consumed || edge.version === null) continue;
    inputs.set(`${edge.to}@${edge.version}`, { name: edge.to, version: String(edge.version) });
  }
  return {
    runId: deterministicRunId(`model-version:${model.id}`),
    job: { name: analysis ? analysis.id : `${model.modelName}.train`, jobType: 'TRAINING' },
    inputs: [...inputs.values()],
    outputs: [{ name: model.modelName, version: String(model.versionNumber) }],
  };
}

/** The START and COMPLETE events of the run that produced a model version, both at its registration. */
export function modelVersionRunEvents(
  record: ProvenanceRecord,
  options: OpenLineageOptions,
): Record<string, unknown>[] {
  const run = modelVersionRun(record);
  return (['START', 'COMPLETE'] as const).map((type) =>
    buildRunEvent(type, record.model.createdAt, run, options),
  );
}

/**
 * The run of a promotion: a job `<model_name>.promote` (type `PROMOTION`) that reads the candidate
 * version and writes the lineage's `@promoted` at that version; one run per promotion event.
 */
export function promotionRun(promotion: {
  eventId: number;
  modelName: string;
  versionNumber: number;
}): LineageRun {
  const version = String(promotion.versionNumber);
  return {
    runId: deterministicRunId(`promotion:${promotion.eventId}`),
    job: { name: `${promotion.modelName}.promote`, jobType: 'PROMOTION' },
    inputs: [{ name: promotion.modelName, version }],
    outputs: [{ name: `${promotion.modelName}@promoted`, version }],
  };
}

/** The dataset a rescore pass writes: the knowledge graph's edges. */
const KNOWLEDGE_GRAPH_DATASET = 'kg_edges';

/**
 * The run of a rescore pass: a job `<model_name>.rescore` (type `RESCORE`) that runs the child
 * version over the knowledge graph's edges and writes their new confidences; one run per pass.
 */
export function rescoreRun(pass: { passId: number; modelName: string; childVersion: number }): LineageRun {
  return {
    runId: deterministicRunId(`rescore-pass:${pass.passId}`),
    job: { name: `${pass.modelName}.rescore`, jobType: 'RESCORE' },
    inputs: [
      { name: pass.modelName, version: String(pass.childVersion) },
      { name: KNOWLEDGE_GRAPH_DATASET, version: null },
    ],
    outputs: [{ name: KNOWLEDGE_GRAPH_DATASET, version: null }],
  };
}
