/**
 * Promotion: a version becomes its lineage's promoted one and the previous promoted version is
 * superseded, under the lineage's lock; `model_version_promoted` is logged and published in the
 * same transaction. The rescore queue, the webhooks, OpenLineage and — after commit — the payout
 * are subscribers to that event, so this command knows none of them.
 */
import { assertScope, type Caller } from '../../caller.ts';
import { lockKey } from '../../db/database.ts';
import type { JsonObject } from '../../db/schema.ts';
import type { Deps, Unit } from '../../deps.ts';
import { AlreadyPromoted, IllegalStatusChange } from '../../errors.ts';
import { type Event, logEvent } from '../../events/event.service.ts';
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
}

/**
 * Makes a version its lineage's promoted one, supersedes the previous one and logs and publishes
 * the promotion; returns the `model_version_promoted` event. 409 when the version is promoted
 * already (`AlreadyPromoted`) or archived.
 */
export async function promoteModel(_deps: Deps, props: PromoteModelProps): Promise<Event> {
  assertScope(props.caller, 'evaluate');
  const { unit } = props;
  const id = await resolveVersionRef(unit.tx, props.id);
  const { modelName } = await getModelVersion({ db: unit.tx }, id);
  await lockKey(unit.tx, `lineage:${modelName}`);
  // Read again under the lock: a promotion committed meanwhile has changed the statuses.
  const current = await getModelVersion({ db: unit.tx }, id);
  if (current.status === 'promoted') throw new AlreadyPromoted(`'${id}' is already the promoted version`);
  if (current.status === 'archived')
    throw new IllegalStatusChange(`'${id}' is archived and cannot be promoted`);
  const previous = await findPromoted(unit.tx, modelName);
  if (previous) await setModelStatus(unit.tx, previous.id, 'superseded');
  await setModelStatus(unit.tx, id, 'promoted');
  const actor = props.caller.agentId;
  const detectionMetadata: JsonObject = { parent_id: previous?.id ?? null, child_id: id, actor };
  if (props.notes) detectionMetadata.notes = props.notes;
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
