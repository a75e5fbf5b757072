/**
 * Registering a model version and an evaluator's update of it. Each command runs in the unit of
 * work its caller opened; a lineage change takes the lineage's advisory lock first so version
 * numbers and `is_latest` stay right under concurrent writers. What else a registration sets off —
 * webhooks, OpenLineage, enrichment — hangs on the `model_version_registered` event.
 */

import { findAgent } from '../../agents/agent.service.ts';
import { assertScope, type Caller, hasScope } from '../../caller.ts';
import { lockKey } from '../../db/database.ts';
import type { JsonObject } from '../../db/schema.ts';
import type { Deps, Unit } from '../../deps.ts';
import { InvalidRequest, LineageRetired, MissingReference } from '../../errors.ts';
import { describeRuntimeProblem, findRuntimeProblem, type Runtime } from '../../inference/runtime.ts';
import { assertRuntimeAllowed } from '../../inference/runtime-policy.ts';
import { insertArtifact, insertLinks, insertNextVersion } from '../artifacts/artifact.repository.ts';
import { assertLinksResolve, chooseArtifactId } from '../artifacts/artifact.service.ts';
import { holdRetractionState } from '../artifacts/retraction.service.ts';
import { linkSpecsOf, type Pin } from '../core/links.ts';
import type { MODEL_FAMILIES } from '../core/model.ts';
import { findLineageRows, insertMaintainer, upsertLineage } from '../lineages/lineage.repository.ts';
import { assertMaintainsLineage } from '../lineages/lineage.service.ts';
import { resolveVersionRef } from './alias.service.ts';
import {
  findLineageHead,
  insertModel,
  lockModelRow,
  markNotLatest,
  updateEvaluation,
} from './model.repository.ts';
import { getModelVersion } from './model-read.service.ts';
import { refreshQualityScores } from './provenance.service.ts';
import { declaredProvenanceOf } from './provenance-tag.service.ts';
import { setModelTag } from './tag.repository.ts';
import { assertValidTag, logTag } from './tag.service.ts';

/** A registration of the next version of a lineage (`POST /api/models`). */
export interface RegisterModelProps {
  unit: Unit;
  /** Who registers it (scope `write`), recorded as `created_by`. */
  caller: Caller;
  /** The version's id; `<model_name>-v<version_number>` when absent. */
  id?: string;
  modelName: string;
  /** The title; `<model_name> v<version_number>` when absent. */
  title?: string;
  /** The family; else a `modelgraph.model_family` tag, else the previous version's, else `statistical`. */
  modelFamily?: (typeof MODEL_FAMILIES)[number];
  architecture?: JsonObject;
  parameters?: JsonObject;
  parameterCount?: number | null;
  trainingConfig?: JsonObject;
  evaluationMetrics?: Record<string, number>;
  rawQualityScore?: number | null;
  /** The trainer; the caller when absent. Naming another agent needs `admin`. */
  trainedBy?: string;
  evalDatasetId?: string | null;
  benchmarkId?: string | null;
  runtime?: Runtime | null;
  /** Datasets it was trained on; none is valid (the score is capped and flagged). */
  trainedOn?: Pin[];
  /** The analysis that produced it. */
  producedBy?: string | null;
  /** The hypothesis it tests. */
  testsHypothesis?: string | null;
  /** Any other artifacts it consumed. */
  inputs?: Pin[];
  metadata?: JsonObject;
  /** The version's Markdown description. */
  description?: string;
  /** Where its bytes live (the URI of its artifact version; MLflow's `source`). */
  sourceUri?: string;
  /**
   * Version tags. Reserved `modelgraph.*` keys declare provenance: links,
   * family and raw score, each used where the field itself is absent.
   */
  tags?: Record<string, string>;
}

/** The props with what reserved tags declare filled in where the fields themselves are absent. */
function withDeclaredProvenance(props: RegisterModelProps): RegisterModelProps {
  for (const [key, value] of Object.entries(props.tags ?? {})) assertValidTag(key, value);
  const declared = declaredProvenanceOf(props.tags);
  return {
    ...props,
    trainedOn: props.trainedOn ?? declared.trainedOn,
    producedBy: props.producedBy ?? declared.producedBy,
    testsHypothesis: props.testsHypothesis ?? declared.testsHypothesis,
    inputs: props.inputs ?? declared.inputs,
    modelFamily: props.modelFamily ?? declared.modelFamily,
    rawQualityScore: props.rawQualityScore ?? declared.rawQualityScore,
  };
}

async function assertReferencesExist(unit: Unit, id: string, trainedBy: string, props: RegisterModelProps) {
  if (!(await findAgent({ db: unit.tx }, trainedBy))) {
    throw new MissingReference(`unknown agent '${trainedBy}' in trained_by`, { missing: [trainedBy] });
  }
  await assertLinksResolve(unit.tx, linkSpecsOf(id, props), {
    alsoRequired: [props.evalDatasetId, props.benchmarkId].filter((ref): ref is string => Boolean(ref)),
    // The new version does not exist yet: its type is known, only the targets are looked up.
    knownTypes: new Map([[id, 'model']]),
  });
}

/** Throws 400 naming the field when a runtime is given and is not a valid runtime. */
export function assertValidRuntime(runtime: unknown): void {
  const found = runtime === undefined || runtime === null ? undefined : findRuntimeProblem(runtime);
  if (found)
    throw new InvalidRequest(describeRuntimeProblem(found), {
      field: `runtime${found.field ? `.${found.field}` : ''}`,
    });
}

/**
 * Registers the next version of a lineage with its links, stores its provenance and score, and
 * publishes `model_version_registered`; returns its id. The first registration creates the lineage
 * and makes its registrant the maintainer; later ones must come from a maintainer, and a retired
 * lineage takes none until it is created again.
 */
export async function registerModel(deps: Deps, asked: RegisterModelProps): Promise<string> {
  const { config } = deps;
  const { unit, caller } = asked;
  const { tx } = unit;
  assertScope(caller, 'write');
  const props = withDeclaredProvenance(asked);
  assertValidRuntime(props.runtime);
  await assertRuntimeAllowed(props.runtime, caller, config);
  const trainedBy = props.trainedBy ?? caller.agentId;
  if (trainedBy !== caller.agentId) assertScope(caller, 'admin');
  await lockKey(tx, `lineage:${props.modelName}`);
  const createdBy = caller.agentId;
  if (await upsertLineage(tx, props.modelName)) {
    await insertMaintainer(tx, { modelName: props.modelName, agentId: createdBy, addedBy: createdBy });
  } else {
    await assertLineageInUse(unit, props.modelName);
    await assertMaintainsLineage(tx, caller, props.modelName);
  }
  // The new version is scored against the retraction state: hold it before the head's row is locked.
  await holdRetractionState(tx);
  const head = await findLineageHead(tx, props.modelName);
  const versionNumber = (head?.versionNumber ?? 0) + 1;
  const id = await chooseArtifactId(tx, props.id, `${props.modelName}-v${versionNumber}`);
  await assertReferencesExist(unit, id, trainedBy, props);
  if (head) await markNotLatest(tx, head.id);
  await insertArtifact(tx, {
    id,
    type: 'model',
    title: props.title ?? `${props.modelName} v${versionNumber}`,
    metadata: props.metadata ?? {},
    createdBy,
  });
  await insertNextVersion(tx, { artifactId: id, createdBy, uri: props.sourceUri });
  await insertModel(tx, {
    id,
    modelName: props.modelName,
    versionNumber,
    parentId: head?.id ?? null,
    isLatest: true,
    modelFamily: props.modelFamily ?? head?.modelFamily ?? 'statistical',
    description: props.description ?? '',
    architecture: props.architecture ?? {},
    parameters: props.parameters ?? {},
    parameterCount: props.parameterCount ?? null,
    trainingConfig: props.trainingConfig ?? {},
    evaluationMetrics: props.evaluationMetrics ?? {},
    rawQualityScore: props.rawQualityScore ?? null,
    trainedBy,
    evalDatasetId: props.evalDatasetId ?? null,
    benchmarkId: props.benchmarkId ?? null,
    runtime: props.runtime ?? null,
    runtimeByAdmin: hasScope(caller, 'admin'),
  });
  await insertLinks(
    tx,
    linkSpecsOf(id, props).map((spec) => ({ ...spec, createdBy })),
  );
  for (const [key, value] of Object.entries(props.tags ?? {})) {
    await setModelTag(tx, id, key, value);
    await logTag(unit, caller, id, { key, value, previous: null });
  }
  await refreshQualityScores(tx, [id], config.qualityCap);
  await unit.publish({ type: 'model_version_registered', versionId: id });
  return id;
}

/** Throws 409 `lineage_retired` for a lineage retired (deleted through MLflow) and not created again. */
async function assertLineageInUse(unit: Unit, modelName: string): Promise<void> {
  const [row] = await findLineageRows(unit.tx, [modelName]);
  if (row?.retiredAt) {
    throw new LineageRetired(
      `lineage '${modelName}' was retired: create it again before registering versions in it`,
      {
        model_name: modelName,
      },
    );
  }
}

/** An evaluator's update (`PATCH /api/models/{id}`): a new raw score, or metrics merged in. */
export interface UpdateEvaluationProps {
  unit: Unit;
  /** An evaluator (scope `evaluate`). */
  caller: Caller;
  /** The version: its id or `<model_name>@<alias>`. */
  id: string;
  rawQualityScore?: number | null;
  evaluationMetrics?: Record<string, number>;
}

/** Stores an evaluator's raw score or metrics and re-stores the quality score; returns the version's id. */
export async function updateModelEvaluation(deps: Deps, props: UpdateEvaluationProps): Promise<string> {
  assertScope(props.caller, 'evaluate');
  const { tx } = props.unit;
  const id = await resolveVersionRef(tx, props.id);
  await holdRetractionState(tx);
  await lockModelRow(tx, id);
  const model = await getModelVersion({ db: tx }, id);
  if (props.rawQualityScore !== undefined || props.evaluationMetrics) {
    await updateEvaluation(tx, id, {
      rawQualityScore: props.rawQualityScore,
      evaluationMetrics: props.evaluationMetrics && {
        ...model.evaluationMetrics,
        ...props.evaluationMetrics,
      },
    });
  }
  await refreshQualityScores(tx, [id], deps.config.qualityCap);
  return id;
}
