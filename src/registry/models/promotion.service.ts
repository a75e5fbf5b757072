/**
 * Promotion: a version becomes its lineage's promoted one and the previous promoted version is
 * superseded, under the lineage's lock; `model_version_promoted` is logged and published in the
 * same transaction. The rescore queue, the webhooks, OpenLineage, the superseding of open promotion
 * requests and — after commit — the payout are subscribers to that event, so this command knows
 * none of them. A governed lineage (docs/concepts.md#governed-promotion) is promoted only through an
 * approved promotion request, or by an admin's override.
 */
import { assertScope, type Caller } from '../../caller.ts';
import { lockKey } from '../../db/database.ts';
import type { JsonObject } from '../../db/schema.ts';
import type { Deps, Unit } from '../../deps.ts';
import { AlreadyPromoted, IllegalStatusChange, InvalidRequest, PromotionNeedsRequest } from '../../errors.ts';
import { type Event, logEvent } from '../../events/event.service.ts';
import { isGoverned } from '../core/policy.ts';
import { policyOfLineage } from '../lineages/policy.service.ts';
import { resolveVersionRef } from './alias.service.ts';
import { findPromoted, setModelStatus } from './model.repository.ts';
import { getModelVersion } from './model-read.service.ts';

/** A promotion (`POST /api/models/{id}/promote`). */
export interface PromoteModelProps {
  unit: Unit;
  /** The evaluator promoting it (scope `evaluate`), the event's actor. */
  caller: Caller;
  /** The version to promote: its id or `<model_name>@<alias>`. */
  id: string;
  notes?: string;
  /** An admin promoting a governed lineage without a request; recorded in the event with `reason`. */
  override?: boolean;
  /** Why the override was needed (required with `override`). */
  reason?: string;
  /**
   * The approved promotion request this promotion carries out: set only by the request's approval
   * (`approvePromotionRequest`), which has checked the approvals and the evidence the policy asks.
   */
  approval?: { requestId: number; approvedBy: string[] };
}

function assertOverride(props: PromoteModelProps): void {
  if (props.reason !== undefined && !props.override) {
    throw new InvalidRequest('reason is only sent with override: true', { field: 'reason' });
  }
  if (!props.override) return;
  assertScope(props.caller, 'admin');
  if (!props.reason?.trim()) throw new InvalidRequest('an override needs a reason', { field: 'reason' });
}

/** Refuses a direct promotion of a governed lineage: it needs a request's approval or an override. */
async function assertMayPromoteDirectly(unit: Unit, props: PromoteModelProps, id: string, modelName: string) {
  if (props.approval || props.override) return;
  if (!isGoverned(await policyOfLineage(unit.tx, modelName))) return;
  throw new PromotionNeedsRequest(
    `lineage '${modelName}' is governed by a promotion policy: request the promotion with ` +
      `POST /api/models/${id}/promotion-requests (or, as admin, send override: true with a reason)`,
    { model_name: modelName },
  );
}

/**
 * Makes a version its lineage's promoted one, supersedes the previous one and logs and publishes
 * the promotion; returns the `model_version_promoted` event. 409 when the version is promoted
 * already (`AlreadyPromoted`) or archived, or when its lineage is governed and neither an approved
 * request nor an admin's override carries the promotion (`PromotionNeedsRequest`).
 */
export async function promoteModel(_deps: Deps, props: PromoteModelProps): Promise<Event> {
  assertScope(props.caller, 'evaluate');
  assertOverride(props);
  const { unit } = props;
  const id = await resolveVersionRef(unit.tx, props.id);
  const { modelName } = await getModelVersion({ db: unit.tx }, id);
  await lockKey(unit.tx, `lineage:${modelName}`);
  // Read again under the lock: a promotion committed meanwhile has changed the statuses.
  const current = await getModelVersion({ db: unit.tx }, id);
  if (current.status === 'promoted') throw new AlreadyPromoted(`'${id}' is already the promoted version`);
  if (current.status === 'archived')
    throw new IllegalStatusChange(`'${id}' is archived and cannot be promoted`);
  await assertMayPromoteDirectly(unit, props, id, modelName);
  const previous = await findPromoted(unit.tx, modelName);
  if (previous) await setModelStatus(unit.tx, previous.id, 'superseded');
  await setModelStatus(unit.tx, id, 'promoted');
  const actor = props.caller.agentId;
  const detectionMetadata: JsonObject = { parent_id: previous?.id ?? null, child_id: id, actor };
  if (props.notes) detectionMetadata.notes = props.notes;
  if (props.override) Object.assign(detectionMetadata, { override: true, reason: props.reason });
  if (props.approval) {
    Object.assign(detectionMetadata, {
      request_id: props.approval.requestId,
      approved_by: props.approval.approvedBy,
    });
  }
  const event = await logEvent(unit, {
    eventType: 'model_version_promoted',
    targetArtifactId: id,
    actor,
    detectionMetadata,
  });
  await unit.publish({
    type: 'model_version_promoted',
    logged: event,
    versionId: id,
    modelName,
    versionNumber: current.versionNumber,
    previousId: previous?.id ?? null,
  });
  return event;
}
