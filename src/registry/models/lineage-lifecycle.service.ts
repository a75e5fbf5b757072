/**
 * A lineage's life outside registration: created empty (MLflow's `create_registered_model`, which
 * names a model before any version exists), and retired (MLflow's `delete_registered_model`):
 * every version archived and its aliases removed, nothing deleted, the lineage hidden from the
 * MLflow face until it is created again. Maintainers rule both.
 */
import { assertScope, type Caller } from '../../caller.ts';
import { lockKey } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import { AlreadyExists, InvalidRequest, NotFound } from '../../errors.ts';
import { logEvent } from '../../events/event.service.ts';
import { holdRetractionState } from '../artifacts/retraction.service.ts';
import { ID_PATTERN, isValidId } from '../core/artifact-id.ts';
import {
  findLineageRows,
  insertMaintainer,
  setLineageRetired,
  updateDescription,
  upsertLineage,
} from '../lineages/lineage.repository.ts';
import { assertMaintainsLineage } from '../lineages/lineage.service.ts';
import { removeAliasesOfVersions } from './alias.service.ts';
import { findLineage, setModelStatus } from './model.repository.ts';
import { logArchived } from './model-edit.service.ts';
import { refreshQualityScores } from './provenance.service.ts';
import { setLineageTag } from './tag.repository.ts';
import { assertValidTag, logTag } from './tag.service.ts';

/** A new lineage with no versions yet. */
export interface CreateLineageProps {
  unit: Unit;
  /** Becomes its first maintainer (scope `write`; for a retired lineage, must maintain it). */
  caller: Caller;
  /** A valid id, since version ids are made from it. */
  modelName: string;
  description?: string;
  tags?: Record<string, string>;
}

function logLineage(unit: Unit, eventType: string, caller: Caller, modelName: string, extra = {}) {
  return logEvent(unit, {
    eventType,
    targetArtifactId: modelName,
    actor: caller.agentId,
    detectionMetadata: { model_name: modelName, actor: caller.agentId, ...extra },
  });
}

/**
 * Creates a lineage with no versions, its creator its maintainer (`lineage_created`); 409 when it
 * exists. A retired lineage is put back in use instead (`lineage_restored`) by one of its
 * maintainers: its archived versions stay archived and numbering goes on after them.
 */
export async function createLineage(_deps: Deps, props: CreateLineageProps): Promise<void> {
  const { unit } = props;
  const { tx } = unit;
  assertScope(props.caller, 'write');
  if (!isValidId(props.modelName)) {
    throw new InvalidRequest(`'${props.modelName}' is not a valid model name: it must match ${ID_PATTERN}`);
  }
  const tags = Object.entries(props.tags ?? {});
  for (const [key, value] of tags) assertValidTag(key, value);
  await lockKey(tx, `lineage:${props.modelName}`);
  if (await upsertLineage(tx, props.modelName)) {
    await insertMaintainer(tx, {
      modelName: props.modelName,
      agentId: props.caller.agentId,
      addedBy: props.caller.agentId,
    });
    await logLineage(unit, 'lineage_created', props.caller, props.modelName);
  } else {
    const [row] = await findLineageRows(tx, [props.modelName]);
    if (!row.retiredAt) throw new AlreadyExists(`lineage '${props.modelName}' already exists`);
    await assertMaintainsLineage(tx, props.caller, props.modelName);
    await setLineageRetired(tx, props.modelName, false);
    await logLineage(unit, 'lineage_restored', props.caller, props.modelName);
  }
  if (props.description !== undefined) await updateDescription(tx, props.modelName, props.description);
  for (const [key, value] of tags) {
    const previous = await setLineageTag(tx, props.modelName, key, value);
    await logTag(unit, props.caller, props.modelName, { key, value, previous });
  }
}

/**
 * Retires a lineage: removes the aliases of its versions (each a `model_alias_deleted` event; a
 * protected one needs `admin`), archives every version not archived yet — the promoted one too,
 * since the lineage ends — and hides it from the MLflow face (`lineage_retired`). 404 when unknown
 * or retired already; an evaluator who maintains it, or `admin`.
 */
export async function retireLineage(
  deps: Deps,
  props: { unit: Unit; caller: Caller; modelName: string },
): Promise<void> {
  const { unit, caller, modelName } = props;
  const { tx } = unit;
  assertScope(caller, 'evaluate');
  await lockKey(tx, `lineage:${modelName}`);
  const [row] = await findLineageRows(tx, [modelName]);
  if (!row || row.retiredAt) throw new NotFound(`lineage '${modelName}' does not exist`);
  await assertMaintainsLineage(tx, caller, modelName);
  const versions = await findLineage(tx, modelName);
  const aliasesRemoved = await removeAliasesOfVersions(deps, {
    unit,
    caller,
    versionIds: versions.map((version) => version.id),
  });
  const archived = versions.filter((version) => version.status !== 'archived').map((version) => version.id);
  await holdRetractionState(tx);
  for (const id of archived) await setModelStatus(tx, id, 'archived');
  await refreshQualityScores(tx, archived, deps.config.qualityCap);
  await logArchived(unit, caller, modelName, archived);
  await setLineageRetired(tx, modelName, true);
  await logLineage(unit, 'lineage_retired', caller, modelName, { archived, aliases_removed: aliasesRemoved });
}
