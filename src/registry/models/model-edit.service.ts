/**
 * Edits of one model version beyond its evaluation: its description, and archiving it — the one
 * archive command every face uses (the API's `PATCH … {status: "archived"}`, which refuses while an
 * alias names the version, and MLflow's `delete_model_version` and `Archived` stage, which remove
 * those aliases first).
 */
import { assertScope, type Caller } from '../../caller.ts';
import { lockKey } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import { IllegalStatusChange } from '../../errors.ts';
import { logEvent, logEvents } from '../../events/event.service.ts';
import { holdRetractionState } from '../artifacts/retraction.service.ts';
import { assertMaintainsLineage } from '../lineages/lineage.service.ts';
import { assertNoAliasNames, removeAliasesOfVersions, resolveVersionRef } from './alias.service.ts';
import { setModelStatus, updateVersionDescription } from './model.repository.ts';
import { getModelVersion } from './model-read.service.ts';
import { refreshQualityScores } from './provenance.service.ts';

/** Sets a version's Markdown description (a maintainer of its lineage or `admin`); event `model_described`. */
export async function setVersionDescription(
  _deps: Deps,
  props: { unit: Unit; caller: Caller; id: string; description: string },
): Promise<void> {
  const { unit, caller } = props;
  assertScope(caller, 'write');
  const id = await resolveVersionRef(unit.tx, props.id);
  const model = await getModelVersion({ db: unit.tx }, id);
  await assertMaintainsLineage(unit.tx, caller, model.modelName);
  await updateVersionDescription(unit.tx, id, props.description);
  await logEvent(unit, {
    eventType: 'model_described',
    targetArtifactId: id,
    actor: caller.agentId,
    detectionMetadata: { length: props.description.length, actor: caller.agentId },
  });
}

/** A version to archive. */
export interface ArchiveModelProps {
  unit: Unit;
  /** An evaluator (scope `evaluate`). */
  caller: Caller;
  /** The version: its id or `<model_name>@<alias>`. */
  id: string;
  /**
   * Remove the aliases that name it first (each a `model_alias_deleted` event; a protected one
   * needs `admin`), as MLflow does; otherwise an alias naming it is a 409 until it moves.
   */
  removeAliases: boolean;
}

/**
 * Archives a version under its lineage's lock; returns its id. The promoted version is refused
 * (409: promote another one first); an archived one is left as it is.
 */
export async function archiveModelVersion(deps: Deps, props: ArchiveModelProps): Promise<string> {
  const { unit, caller } = props;
  assertScope(caller, 'evaluate');
  const id = await resolveVersionRef(unit.tx, props.id);
  const { modelName } = await getModelVersion({ db: unit.tx }, id);
  await lockKey(unit.tx, `lineage:${modelName}`);
  const model = await getModelVersion({ db: unit.tx }, id);
  if (model.status === 'archived') return id;
  if (model.status === 'promoted') {
    throw new IllegalStatusChange(
      `'${id}' is the promoted version: promote another version before archiving it`,
    );
  }
  if (props.removeAliases) await removeAliasesOfVersions(deps, { unit, caller, versionIds: [id] });
  else await assertNoAliasNames(unit.tx, id);
  await holdRetractionState(unit.tx);
  await setModelStatus(unit.tx, id, 'archived');
  await refreshQualityScores(unit.tx, [id], deps.config.qualityCap);
  await logArchived(unit, caller, modelName, [id]);
  return id;
}

/**
 * Logs a `model_version_archived` event per archived version (targeting it), in one statement: the
 * lineage's history reads when each version left the lineage's active versions from them.
 */
export async function logArchived(
  unit: Unit,
  caller: Caller,
  modelName: string,
  ids: string[],
): Promise<void> {
  await logEvents(unit, {
    eventType: 'model_version_archived',
    actor: caller.agentId,
    targets: ids,
    metadata: ids.map(() => ({ model_name: modelName, actor: caller.agentId })),
  });
}
