/**
 * Model versions: registration, promotion and evaluator updates. Each function runs inside the
 * caller's transaction; lineage changes take the lineage's advisory lock first so version numbers,
 * `is_latest` and the single `promoted` version stay right under concurrent writers.
 */

import { findAgentById } from '../agents/agent.repository.ts';
import { lockKey, type Tx } from '../db/database.ts';
import type { JsonObject } from '../db/schema.ts';
import { IllegalStatusChange, MissingReference, NotFound } from '../errors.ts';
import { insertEvent } from '../events/event.repository.ts';
import { insertArtifact, insertLinks, insertNextVersion } from './artifact.repository.ts';
import { assertLinksResolve, chooseArtifactId, type LinkSpec } from './artifact.service.ts';
import {
  findLineageHead,
  findModelRows,
  findPromoted,
  insertModel,
  lockModelRow,
  markNotLatest,
  setModelStatus,
  updateEvaluation,
} from './model.repository.ts';
import type { RegisterModelRequest } from './model.schemas.ts';
import { refreshQualityScores } from './quality.service.ts';

/** A registration: the validated request, who calls, and who trained the model. */
export interface RegisterModelProps {
  request: RegisterModelRequest;
  /** The calling agent, recorded as `created_by`. */
  createdBy: string;
  /** `trained_by` (the caller unless an admin named another agent). */
  trainedBy: string;
  qualityCap: number;
}

function linkSpecsOf(id: string, request: RegisterModelRequest): LinkSpec[] {
  const pin = (version: number | null | undefined) => version ?? null;
  return [
    ...request.trained_on.map(
      (d): LinkSpec => ({
        sourceId: id,
        targetId: d.dataset_id,
        linkType: 'trained_on',
        targetVersion: pin(d.version),
      }),
    ),
    ...(request.produced_by
      ? [
          {
            sourceId: id,
            targetId: request.produced_by.analysis_id,
            linkType: 'produced_by' as const,
            targetVersion: null,
          },
        ]
      : []),
    ...(request.tests_hypothesis
      ? [
          {
            sourceId: id,
            targetId: request.tests_hypothesis.hypothesis_id,
            linkType: 'tests_hypothesis' as const,
            targetVersion: null,
          },
        ]
      : []),
    ...(request.inputs ?? []).map(
      (i): LinkSpec => ({
        sourceId: id,
        targetId: i.artifact_id,
        linkType: 'input',
        targetVersion: pin(i.version),
      }),
    ),
  ];
}

async function assertReferencesExist(tx: Tx, id: string, props: RegisterModelProps): Promise<void> {
  const { request } = props;
  if (!(await findAgentById(tx, props.trainedBy))) {
    throw new MissingReference(`unknown agent '${props.trainedBy}' in trained_by`, {
      missing: [props.trainedBy],
    });
  }
  await assertLinksResolve(tx, linkSpecsOf(id, request), {
    alsoRequired: [request.eval_dataset_id, request.benchmark_id].filter((ref): ref is string =>
      Boolean(ref),
    ),
    // The new version does not exist yet: its type is known, only the targets are looked up.
    knownTypes: new Map([[id, 'model']]),
  });
}

/** Registers the next version of a lineage with its links, and stores its provenance and score. */
export async function registerModel(tx: Tx, props: RegisterModelProps): Promise<string> {
  const { request } = props;
  await lockKey(tx, `lineage:${request.model_name}`);
  const head = await findLineageHead(tx, request.model_name);
  const versionNumber = (head?.versionNumber ?? 0) + 1;
  const id = await chooseArtifactId(tx, request.id, `${request.model_name}-v${versionNumber}`);
  await assertReferencesExist(tx, id, props);
  if (head) await markNotLatest(tx, head.id);
  await insertArtifact(tx, {
    id,
    type: 'model',
    title: request.title,
    metadata: request.metadata ?? {},
    createdBy: props.createdBy,
  });
  await insertNextVersion(tx, { artifactId: id, createdBy: props.createdBy });
  await insertModel(tx, {
    id,
    modelName: request.model_name,
    versionNumber,
    parentId: head?.id ?? null,
    isLatest: true,
    modelFamily: request.model_family,
    architecture: request.architecture ?? {},
    parameters: request.parameters ?? {},
    parameterCount: request.parameter_count ?? null,
    trainingConfig: request.training_config ?? {},
    evaluationMetrics: request.evaluation_metrics ?? {},
    rawQualityScore: request.raw_quality_score ?? null,
    trainedBy: props.trainedBy,
    evalDatasetId: request.eval_dataset_id ?? null,
    benchmarkId: request.benchmark_id ?? null,
    runtime: request.runtime ?? null,
  });
  await insertLinks(
    tx,
    linkSpecsOf(id, request).map((spec) => ({ ...spec, createdBy: props.createdBy })),
  );
  await refreshQualityScores(tx, [id], props.qualityCap);
  return id;
}

async function findModelOrThrow(tx: Tx, id: string) {
  const [row] = await findModelRows(tx, [id]);
  if (!row) throw new NotFound(`model version '${id}' does not exist`);
  return row;
}

/** Makes a version its lineage's promoted one, supersedes the previous, and logs the event. */
export async function promoteModel(tx: Tx, props: { id: string; actor: string; notes?: string }) {
  const model = await findModelOrThrow(tx, props.id);
  await lockKey(tx, `lineage:${model.modelName}`);
  const current = await findModelOrThrow(tx, props.id);
  if (current.status === 'promoted')
    throw new IllegalStatusChange(`'${props.id}' is already the promoted version`);
  if (current.status === 'archived')
    throw new IllegalStatusChange(`'${props.id}' is archived and cannot be promoted`);
  const previous = await findPromoted(tx, current.modelName);
  if (previous) await setModelStatus(tx, previous.id, 'superseded');
  await setModelStatus(tx, current.id, 'promoted');
  const detectionMetadata: JsonObject = {
    parent_id: previous?.id ?? null,
    child_id: current.id,
    actor: props.actor,
  };
  if (props.notes) detectionMetadata.notes = props.notes;
  return insertEvent(tx, {
    eventType: 'model_version_promoted',
    targetArtifactId: current.id,
    actor: props.actor,
    detectionMetadata,
  });
}

/** An evaluator's update: a new raw score, metrics merged in, or archiving. */
export interface PatchModelProps {
  id: string;
  rawQualityScore?: number | null;
  evaluationMetrics?: Record<string, number>;
  archive: boolean;
  qualityCap: number;
}

/** Applies an evaluator's update and re-stores the quality score. */
export async function patchModel(tx: Tx, props: PatchModelProps): Promise<void> {
  await lockModelRow(tx, props.id);
  const model = await findModelOrThrow(tx, props.id);
  if (props.archive && model.status === 'promoted') {
    throw new IllegalStatusChange(
      `'${props.id}' is the promoted version: promote another version before archiving it`,
    );
  }
  if (props.rawQualityScore !== undefined || props.evaluationMetrics) {
    await updateEvaluation(tx, props.id, {
      rawQualityScore: props.rawQualityScore,
      evaluationMetrics: props.evaluationMetrics && {
        ...model.evaluationMetrics,
        ...props.evaluationMetrics,
      },
    });
  }
  if (props.archive) await setModelStatus(tx, props.id, 'archived');
  await refreshQualityScores(tx, [props.id], props.qualityCap);
}
