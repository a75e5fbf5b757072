/**
 * Tags (docs/concepts.md#aliases-and-tags): key–value strings on lineages and on versions, set and deleted by
 * the lineage's maintainers, each change a `tag_set` or `tag_deleted` event `{key, value, previous}`.
 */
import { assertScope, type Caller } from '../../caller.ts';
import type { Tx } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import { InvalidRequest, NotFound } from '../../errors.ts';
import { logEvent } from '../../events/event.service.ts';
import { holdRetractionState } from '../artifacts/retraction.service.ts';
import { tagProblem } from '../core/lineage.ts';
import { isProvenanceTag } from '../core/provenance-tags.ts';
import { lineageExists, touchLineage } from '../lineages/lineage.repository.ts';
import { assertMaintainsLineage } from '../lineages/lineage.service.ts';
import { resolveVersionRef } from './alias.service.ts';
import { findModelVersion, touchModelVersion } from './model.repository.ts';
import { applyProvenanceTag } from './provenance-tag.service.ts';
import {
  deleteLineageTag,
  deleteModelTag,
  setLineageTag,
  setModelTag,
  type TagChange,
} from './tag.repository.ts';

/** Where a tag lives: a lineage by name, or a model version by id or `<model_name>@<alias>`. */
export type TagOwner = { modelName: string } | { versionRef: string };

/** A tag to set, or (without `value`) to delete. */
export interface TagProps {
  unit: Unit;
  /** A maintainer of the lineage (scope `write`), or `admin`. */
  caller: Caller;
  owner: TagOwner;
  key: string;
  value?: string;
}

/** The lineage and, for a version tag, the version a tag owner names; 404 when unknown. */
async function resolveOwner(tx: Tx, owner: TagOwner): Promise<{ modelName: string; versionId?: string }> {
  if ('modelName' in owner) {
    if (!(await lineageExists(tx, owner.modelName)))
      throw new NotFound(`lineage '${owner.modelName}' does not exist`);
    return { modelName: owner.modelName };
  }
  const versionId = await resolveVersionRef(tx, owner.versionRef);
  const model = await findModelVersion(tx, versionId);
  if (!model) throw new NotFound(`model version '${owner.versionRef}' does not exist`);
  return { modelName: model.modelName, versionId };
}

/** Throws 400 unless the tag's key and value follow the tag rules. */
export function assertValidTag(key: string, value = ''): void {
  const problem = tagProblem(key, value);
  if (problem) throw new InvalidRequest(problem, { field: 'key' });
}

/** Logs a tag change as a `tag_set` or `tag_deleted` event on the tag's owner. */
export async function logTag(unit: Unit, actor: Caller, target: string, change: TagChange) {
  await logEvent(unit, {
    eventType: change.value === null ? 'tag_deleted' : 'tag_set',
    targetArtifactId: target,
    actor: actor.agentId,
    detectionMetadata: { key: change.key, value: change.value, previous: change.previous },
  });
}

/**
 * Sets a tag (creating or replacing it); returns the change. A reserved `modelgraph.*` key on a
 * version also declares its provenance, in the same transaction.
 */
export async function setTag(deps: Deps, props: TagProps & { value: string }): Promise<TagChange> {
  assertScope(props.caller, 'write');
  assertValidTag(props.key, props.value);
  const { unit } = props;
  const { tx } = unit;
  const { modelName, versionId } = await resolveOwner(tx, props.owner);
  await assertMaintainsLineage(tx, props.caller, modelName);
  // A reserved tag re-scores the version: hold the retraction state before its row is locked.
  if (versionId && isProvenanceTag(props.key)) await holdRetractionState(tx);
  const previous = versionId
    ? await setModelTag(tx, versionId, props.key, props.value)
    : await setLineageTag(tx, modelName, props.key, props.value);
  if (versionId) {
    await touchModelVersion(tx, versionId);
    if (isProvenanceTag(props.key)) {
      await applyProvenanceTag(tx, { ...props, versionId, qualityCap: deps.config.qualityCap });
    }
  }
  await touchLineage(tx, modelName);
  const change = { key: props.key, value: props.value, previous };
  await logTag(unit, props.caller, versionId ?? modelName, change);
  return change;
}

/** Deletes a tag; 404 when there is none. */
export async function deleteTag(_deps: Deps, props: TagProps): Promise<TagChange> {
  assertScope(props.caller, 'write');
  const { unit } = props;
  const { tx } = unit;
  const { modelName, versionId } = await resolveOwner(tx, props.owner);
  await assertMaintainsLineage(tx, props.caller, modelName);
  const previous = versionId
    ? await deleteModelTag(tx, versionId, props.key)
    : await deleteLineageTag(tx, modelName, props.key);
  if (previous === undefined) throw new NotFound(`no tag '${props.key}' on '${versionId ?? modelName}'`);
  if (versionId) await touchModelVersion(tx, versionId);
  await touchLineage(tx, modelName);
  const change = { key: props.key, value: null, previous };
  await logTag(unit, props.caller, versionId ?? modelName, change);
  return change;
}
