/**
 * Lineage maintainers (docs/concepts.md#maintainers): whoever registers a lineage's first version maintains
 * it; only a maintainer (or `admin`) registers further versions, tags it, links from its versions, attributes
 * edges to them, or changes who maintains it.
 */
import { findAgent } from '../../agents/agent.service.ts';
import { assertScope, type Caller, hasScope } from '../../caller.ts';
import type { Db } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import { LastMaintainer, MissingReference, NotAMaintainer, NotFound } from '../../errors.ts';
import { logEvent } from '../../events/event.service.ts';
import {
  deleteMaintainer,
  findMaintainers,
  findUnmaintainedLineages,
  insertMaintainer,
  isMaintainer,
  lineageExists,
  lockMaintainers,
  updateDescription,
} from './lineage.repository.ts';

/** Throws 403 `not_a_maintainer` unless the caller maintains the lineage (or is `admin`). */
export async function assertMaintainsLineage(db: Db, caller: Caller, modelName: string): Promise<void> {
  if (hasScope(caller, 'admin') || (await isMaintainer(db, modelName, caller.agentId))) return;
  throw new NotAMaintainer(`'${caller.agentId}' is not a maintainer of lineage '${modelName}'`, {
    model_name: modelName,
  });
}

/** Throws 403 `not_a_maintainer` unless the caller maintains the lineage of every listed model version. */
export async function assertMaintainsVersions(db: Db, caller: Caller, versionIds: string[]): Promise<void> {
  if (versionIds.length === 0 || hasScope(caller, 'admin')) return;
  const [lineage] = await findUnmaintainedLineages(db, versionIds, caller.agentId);
  if (lineage === undefined) return;
  throw new NotAMaintainer(`'${caller.agentId}' is not a maintainer of lineage '${lineage}'`, {
    model_name: lineage,
  });
}

/** A change of a lineage's maintainers. */
export interface MaintainerChange {
  unit: Unit;
  /** A maintainer of the lineage (scope `write`), or `admin`. */
  caller: Caller;
  modelName: string;
  /** The agent added or removed. */
  agentId: string;
}

async function assertLineage(db: Db, modelName: string): Promise<void> {
  if (!(await lineageExists(db, modelName))) throw new NotFound(`lineage '${modelName}' does not exist`);
}

/** Makes an agent a maintainer (a no-op if it is one); returns the maintainers. */
export async function addMaintainer(_deps: Deps, change: MaintainerChange): Promise<string[]> {
  const { tx } = change.unit;
  assertScope(change.caller, 'write');
  await assertLineage(tx, change.modelName);
  await assertMaintainsLineage(tx, change.caller, change.modelName);
  if (!(await findAgent({ db: tx }, change.agentId))) {
    throw new MissingReference(`unknown agent '${change.agentId}'`, { missing: [change.agentId] });
  }
  const row = { modelName: change.modelName, agentId: change.agentId, addedBy: change.caller.agentId };
  if (await insertMaintainer(tx, row)) await logChange('lineage_maintainer_added', change);
  return findMaintainers(tx, change.modelName);
}

/** Removes a maintainer; 404 when it is not one, 409 when it is the last; returns the maintainers left. */
export async function removeMaintainer(_deps: Deps, change: MaintainerChange): Promise<string[]> {
  const { tx } = change.unit;
  assertScope(change.caller, 'write');
  await assertLineage(tx, change.modelName);
  await assertMaintainsLineage(tx, change.caller, change.modelName);
  await lockMaintainers(tx, change.modelName);
  const maintainers = await findMaintainers(tx, change.modelName);
  if (!maintainers.includes(change.agentId)) {
    throw new NotFound(`'${change.agentId}' is not a maintainer of lineage '${change.modelName}'`);
  }
  if (maintainers.length === 1) {
    throw new LastMaintainer(`'${change.agentId}' is the only maintainer of lineage '${change.modelName}'`);
  }
  await deleteMaintainer(tx, change.modelName, change.agentId);
  await logChange('lineage_maintainer_removed', change);
  return maintainers.filter((agentId) => agentId !== change.agentId);
}

function logChange(eventType: string, change: MaintainerChange) {
  return logEvent(change.unit, {
    eventType,
    targetArtifactId: change.modelName,
    actor: change.caller.agentId,
    detectionMetadata: {
      model_name: change.modelName,
      agent_id: change.agentId,
      actor: change.caller.agentId,
    },
  });
}

/** The maintainers of a lineage; 404 when it does not exist. */
export async function getMaintainers(deps: Pick<Deps, 'db'>, modelName: string): Promise<string[]> {
  await assertLineage(deps.db, modelName);
  return findMaintainers(deps.db, modelName);
}

/** Sets a lineage's Markdown description (a maintainer or `admin`). */
export async function setDescription(
  _deps: Deps,
  props: { unit: Unit; caller: Caller; modelName: string; description: string },
): Promise<void> {
  const { unit } = props;
  assertScope(props.caller, 'write');
  await assertLineage(unit.tx, props.modelName);
  await assertMaintainsLineage(unit.tx, props.caller, props.modelName);
  await updateDescription(unit.tx, props.modelName, props.description);
  await logEvent(unit, {
    eventType: 'lineage_described',
    targetArtifactId: props.modelName,
    actor: props.caller.agentId,
    detectionMetadata: { model_name: props.modelName, length: props.description.length },
  });
}
