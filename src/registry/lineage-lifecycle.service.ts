/**
 * A lineage's life outside registration: created empty (MLflow's `create_registered_model`, which
 * names a model before any version exists), and retired (MLflow's `delete_registered_model`):
 * every version archived and its aliases removed, nothing deleted, the lineage hidden from the
 * MLflow face until it is created again. Maintainers rule both.
 */
import type { Caller } from '../caller.ts';
import { lockKey, type Tx } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { AlreadyExists, InvalidRequest, NotFound } from '../errors.ts';
import { insertEvent } from '../events/event.repository.ts';
import { lockAliasesOfVersions } from './alias.repository.ts';
import { removeAliasInTransaction } from './alias.service.ts';
import { ID_PATTERN, isValidId } from './core/artifact-id.ts';
import {
  findLineageRows,
  insertMaintainer,
  setLineageRetired,
  updateDescription,
  upsertLineage,
} from './lineage.repository.ts';
import { assertMaintainsLineage } from './lineage.service.ts';
import { findLineage, setModelStatus } from './model.repository.ts';
import { refreshQualityScores } from './provenance.service.ts';
import { setLineageTag } from './tag.repository.ts';
import { assertValidTag, logTag } from './tag.service.ts';

/** A new lineage with no versions yet. */
export interface CreateLineageProps {
  /** Becomes its first maintainer (or, for a retired lineage, must maintain it). */
  caller: Caller;
  /** A valid id, since version ids are made from it. */
  modelName: string;
  description?: string;
  tags?: Record<string, string>;
}

function logLineage(tx: Tx, eventType: string, caller: Caller, modelName: string, extra = {}) {
  return insertEvent(tx, {
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
export async function createLineage(deps: Deps, props: CreateLineageProps): Promise<void> {
  if (!isValidId(props.modelName)) {
    throw new InvalidRequest(`'${props.modelName}' is not a valid model name: it must match ${ID_PATTERN}`);
  }
  const tags = Object.entries(props.tags ?? {});
  for (const [key, value] of tags) assertValidTag(key, value);
  await deps.db.transaction(async (tx) => {
    await lockKey(tx, `lineage:${props.modelName}`);
    if (await upsertLineage(tx, props.modelName)) {
      await insertMaintainer(tx, {
        modelName: props.modelName,
        agentId: props.caller.agentId,
        addedBy: props.caller.agentId,
      });
      await logLineage(tx, 'lineage_created', props.caller, props.modelName);
    } else {
      const [row] = await findLineageRows(tx, [props.modelName]);
      if (!row.retiredAt) throw new AlreadyExists(`lineage '${props.modelName}' already exists`);
      await assertMaintainsLineage(tx, props.caller, props.modelName);
      await setLineageRetired(tx, props.modelName, false);
      await logLineage(tx, 'lineage_restored', props.caller, props.modelName);
    }
    if (props.description !== undefined) await updateDescription(tx, props.modelName, props.description);
    for (const [key, value] of tags) {
      const previous = await setLineageTag(tx, props.modelName, key, value);
      await logTag(tx, props.caller, props.modelName, { key, value, previous });
    }
  });
}

/**
 * Retires a lineage: removes the aliases of its versions (each a `model_alias_deleted` event; a
 * protected one needs `admin`), archives every version not archived yet — the promoted one too,
 * since the lineage ends — and hides it from the MLflow face (`lineage_retired`). 404 when unknown
 * or retired already; a maintainer or `admin` only.
 */
export async function retireLineage(deps: Deps, props: { caller: Caller; modelName: string }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await lockKey(tx, `lineage:${props.modelName}`);
    const [row] = await findLineageRows(tx, [props.modelName]);
    if (!row || row.retiredAt) throw new NotFound(`lineage '${props.modelName}' does not exist`);
    await assertMaintainsLineage(tx, props.caller, props.modelName);
    const versions = await findLineage(tx, props.modelName);
    const aliases = await lockAliasesOfVersions(
      tx,
      versions.map((version) => version.id),
    );
    for (const alias of aliases) await removeAliasInTransaction(tx, deps, props.caller, alias);
    const archived = versions.filter((version) => version.status !== 'archived').map((version) => version.id);
    for (const id of archived) await setModelStatus(tx, id, 'archived');
    await refreshQualityScores(tx, archived, deps.config.qualityCap);
    await setLineageRetired(tx, props.modelName, true);
    await logLineage(tx, 'lineage_retired', props.caller, props.modelName, {
      archived,
      aliases_removed: aliases.map((alias) => alias.alias),
    });
  });
}
