/**
 * The commands that change model versions: register, promote (and pay), patch. Each opens its own
 * transaction; lineage changes take the lineage's advisory lock first so version numbers,
 * `is_latest` and the single `promoted` version stay right under concurrent writers. Every face —
 * the API, the pages, the CLI, the demo loader — calls these.
 */

import { findAgentById } from '../agents/agent.repository.ts';
import { assertScope, type Caller, hasScope } from '../caller.ts';
import { payPromotion } from '../credit/payout.service.ts';
import { lockKey, type Tx } from '../db/database.ts';
import type { JsonObject } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { IllegalStatusChange, InvalidRequest, MissingReference, NotFound } from '../errors.ts';
import { presentEvent } from '../events/event.presenter.ts';
import { type Event, insertEvent } from '../events/event.repository.ts';
import { modelVersionRun, promotionRun } from '../formats/core/openlineage.ts';
import { loadProvenanceRecord } from '../formats/format.service.ts';
import { describeRuntimeProblem, findRuntimeProblem, type Runtime } from '../inference/runtime.ts';
import { assertRuntimeAllowed } from '../inference/runtime-policy.ts';
import { enqueuePromotion } from '../jobs/rescore/rescore.repository.ts';
import { publishEvent, publishLineage, sendsLineage } from '../webhooks/outbox.service.ts';
import { assertNoAliasNames, resolveVersionRef } from './alias.service.ts';
import { insertArtifact, insertLinks, insertNextVersion } from './artifact.repository.ts';
import { assertLinksResolve, chooseArtifactId, type LinkSpec } from './artifact.service.ts';
import type { MODEL_FAMILIES } from './core/model.ts';
import { insertMaintainer, upsertLineage } from './lineage.repository.ts';
import { assertMaintainsLineage } from './lineage.service.ts';
import { presentModelListItem } from './model.presenter.ts';
import {
  findLineageHead,
  findModelVersion,
  findPromoted,
  insertModel,
  lockModelRow,
  markNotLatest,
  setModelStatus,
  updateEvaluation,
} from './model.repository.ts';
import { getModelSummaries } from './model-read.service.ts';
import { refreshQualityScores } from './provenance.service.ts';
import { declaredProvenanceOf } from './provenance-tag.service.ts';
import { setModelTag } from './tag.repository.ts';
import { assertValidTag, logTag } from './tag.service.ts';

/** An artifact, optionally pinned to one of its versions. */
export interface Pin {
  id: string;
  version: number | null;
}

/** A registration of the next version of a lineage (`POST /api/models`). */
export interface RegisterModelProps {
  /** Who registers it, recorded as `created_by`. */
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

function linkSpecsOf(id: string, props: RegisterModelProps): LinkSpec[] {
  const single = (linkType: 'produced_by' | 'tests_hypothesis', targetId: string | null | undefined) =>
    targetId ? [{ sourceId: id, targetId, linkType, targetVersion: null }] : [];
  const pinned = (linkType: 'trained_on' | 'input', pins: Pin[] = []) =>
    pins.map((pin): LinkSpec => ({ sourceId: id, targetId: pin.id, linkType, targetVersion: pin.version }));
  return [
    ...pinned('trained_on', props.trainedOn),
    ...single('produced_by', props.producedBy),
    ...single('tests_hypothesis', props.testsHypothesis),
    ...pinned('input', props.inputs),
  ];
}

async function assertReferencesExist(tx: Tx, id: string, trainedBy: string, props: RegisterModelProps) {
  if (!(await findAgentById(tx, trainedBy))) {
    throw new MissingReference(`unknown agent '${trainedBy}' in trained_by`, { missing: [trainedBy] });
  }
  await assertLinksResolve(tx, linkSpecsOf(id, props), {
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

async function registerInTransaction(tx: Tx, deps: Deps, asked: RegisterModelProps): Promise<string> {
  const { config } = deps;
  const props = withDeclaredProvenance(asked);
  assertValidRuntime(props.runtime);
  await assertRuntimeAllowed(props.runtime, props.caller, config);
  const trainedBy = props.trainedBy ?? props.caller.agentId;
  if (trainedBy !== props.caller.agentId) assertScope(props.caller, 'admin');
  await lockKey(tx, `lineage:${props.modelName}`);
  const createdBy = props.caller.agentId;
  // The first registration creates the lineage and makes its registrant the maintainer; later ones
  // must come from a maintainer (the rollback of a refusal undoes the lineage's updated_at too).
  if (await upsertLineage(tx, props.modelName)) {
    await insertMaintainer(tx, { modelName: props.modelName, agentId: createdBy, addedBy: createdBy });
  } else {
    await assertMaintainsLineage(tx, props.caller, props.modelName);
  }
  const head = await findLineageHead(tx, props.modelName);
  const versionNumber = (head?.versionNumber ?? 0) + 1;
  const id = await chooseArtifactId(tx, props.id, `${props.modelName}-v${versionNumber}`);
  await assertReferencesExist(tx, id, trainedBy, props);
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
    runtimeByAdmin: hasScope(props.caller, 'admin'),
  });
  await insertLinks(
    tx,
    linkSpecsOf(id, props).map((spec) => ({ ...spec, createdBy })),
  );
  for (const [key, value] of Object.entries(props.tags ?? {})) {
    await setModelTag(tx, id, key, value);
    await logTag(tx, props.caller, id, { key, value, previous: null });
  }
  await refreshQualityScores(tx, [id], config.qualityCap);
  await announceRegistration(tx, deps, id);
  return id;
}

/** Tells the subscribers (the version as the catalog lists it) and OpenLineage (the run that produced it). */
async function announceRegistration(tx: Tx, deps: Deps, id: string): Promise<void> {
  await publishEvent(tx, deps, {
    type: 'model_version_registered',
    data: async () => presentModelListItem((await getModelSummaries({ db: tx }, [id]))[0]),
  });
  if (!sendsLineage(deps.config)) return;
  const record = await loadProvenanceRecord({ db: tx }, id);
  await publishLineage(tx, deps, {
    eventType: 'model_version_registered',
    run: modelVersionRun(record),
    states: ['START', 'COMPLETE'],
    at: record.model.createdAt,
  });
}

/** Registers the next version of a lineage with its links, stores its provenance and score; returns its id. */
export async function registerModel(deps: Deps, props: RegisterModelProps): Promise<string> {
  return deps.db.transaction((tx) => registerInTransaction(tx, deps, props));
}

async function findModelOrThrow(tx: Tx, id: string) {
  const model = await findModelVersion(tx, id);
  if (!model) throw new NotFound(`model version '${id}' does not exist`);
  return model;
}

/** A promotion (`POST /api/models/{id}/promote`). */
export interface PromoteModelProps {
  /** The evaluator promoting it (needs `evaluate`; checked by the face). */
  caller: Caller;
  /** The version to promote: its id or `<model_name>@<alias>`. */
  id: string;
  notes?: string;
}

/**
 * The promote transaction alone: the status changes and the event, without the payout that
 * `promoteModel` makes after commit (a crash between the two leaves exactly this, which the daily
 * job then pays).
 */
export async function recordPromotion(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock'>,
  props: PromoteModelProps,
): Promise<Event> {
  const id = await resolveVersionRef(tx, props.id);
  const model = await findModelOrThrow(tx, id);
  await lockKey(tx, `lineage:${model.modelName}`);
  const current = await findModelOrThrow(tx, id);
  if (current.status === 'promoted') throw new IllegalStatusChange(`'${id}' is already the promoted version`);
  if (current.status === 'archived')
    throw new IllegalStatusChange(`'${id}' is archived and cannot be promoted`);
  const previous = await findPromoted(tx, current.modelName);
  if (previous) await setModelStatus(tx, previous.id, 'superseded');
  await setModelStatus(tx, current.id, 'promoted');
  const actor = props.caller.agentId;
  const detectionMetadata: JsonObject = { parent_id: previous?.id ?? null, child_id: current.id, actor };
  if (props.notes) detectionMetadata.notes = props.notes;
  const event = await insertEvent(tx, {
    eventType: 'model_version_promoted',
    targetArtifactId: current.id,
    actor,
    detectionMetadata,
  });
  // Queued in this very transaction, so no promotion can ever fall out of the rescore.
  if (previous) await enqueuePromotion(tx, { eventId: event.id, parentId: previous.id, childId: current.id });
  await publishEvent(tx, deps, {
    type: 'model_version_promoted',
    data: presentEvent(event),
    eventId: event.id,
  });
  await publishLineage(tx, deps, {
    eventType: 'model_version_promoted',
    eventId: event.id,
    run: promotionRun({
      eventId: event.id,
      modelName: current.modelName,
      versionNumber: current.versionNumber,
    }),
    states: ['START', 'COMPLETE'],
    at: event.createdAt,
  });
  return event;
}

/**
 * Makes a version its lineage's promoted one, supersedes the previous and logs the event; then,
 * after commit, pays the promotion (a payout failure is logged and retried by the daily job, and
 * never undoes the promotion). Returns the promotion event.
 */
export async function promoteModel(deps: Deps, props: PromoteModelProps): Promise<Event> {
  const event = await deps.db.transaction((tx) => recordPromotion(tx, deps, props));
  await payPromotion(deps, event.id).catch((error) =>
    deps.logger.error({ err: error, event_id: event.id }, 'payout after promotion failed'),
  );
  return event;
}

/** An evaluator's update (`PATCH /api/models/{id}`): a new raw score, metrics merged in, or archiving. */
export interface PatchModelProps {
  /** The version: its id or `<model_name>@<alias>`. */
  id: string;
  rawQualityScore?: number | null;
  evaluationMetrics?: Record<string, number>;
  archive: boolean;
}

/** Applies an evaluator's update and re-stores the quality score; returns the version's id. */
export async function patchModel(deps: Deps, props: PatchModelProps): Promise<string> {
  return deps.db.transaction((tx) => patchInTransaction(tx, props, deps.config.qualityCap));
}

/** `patchModel` inside a transaction the caller opened (archiving commands run it after their own steps). */
export async function patchInTransaction(
  tx: Tx,
  props: PatchModelProps,
  qualityCap: number,
): Promise<string> {
  const id = await resolveVersionRef(tx, props.id);
  await lockModelRow(tx, id);
  const model = await findModelOrThrow(tx, id);
  if (props.archive && model.status === 'promoted') {
    throw new IllegalStatusChange(
      `'${id}' is the promoted version: promote another version before archiving it`,
    );
  }
  if (props.archive) await assertNoAliasNames(tx, id);
  if (props.rawQualityScore !== undefined || props.evaluationMetrics) {
    await updateEvaluation(tx, id, {
      rawQualityScore: props.rawQualityScore,
      evaluationMetrics: props.evaluationMetrics && {
        ...model.evaluationMetrics,
        ...props.evaluationMetrics,
      },
    });
  }
  if (props.archive) await setModelStatus(tx, id, 'archived');
  await refreshQualityScores(tx, [id], qualityCap);
  return id;
}
