/**
 * Edits of one model version beyond the evaluator's patch: its description, and archiving it
 * together with the aliases that name it (MLflow's `delete_model_version`, which drops them).
 */
import type { Caller } from '../caller.ts';
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { insertEvent } from '../events/event.repository.ts';
import { lockAliasesOfVersions } from './alias.repository.ts';
import { removeAliasInTransaction, resolveVersionRef } from './alias.service.ts';
import { assertMaintainsLineage } from './lineage.service.ts';
import { findModelVersion, lockModelRow, updateVersionDescription } from './model.repository.ts';
import { patchInTransaction } from './model.service.ts';

/** Sets a version's Markdown description (a maintainer of its lineage or `admin`); event `model_described`. */
export async function setVersionDescription(
  deps: Deps,
  props: { caller: Caller; id: string; description: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const id = await resolveVersionRef(tx, props.id);
    const model = await findModelVersion(tx, id);
    if (!model) throw new NotFound(`model version '${props.id}' does not exist`);
    await assertMaintainsLineage(tx, props.caller, model.modelName);
    await updateVersionDescription(tx, id, props.description);
    await insertEvent(tx, {
      eventType: 'model_described',
      targetArtifactId: id,
      actor: props.caller.agentId,
      detectionMetadata: { length: props.description.length, actor: props.caller.agentId },
    });
  });
}

/**
 * Archives a version after removing the aliases that name it (each a `model_alias_deleted` event;
 * a protected one needs `admin`), in one transaction. The promoted version stays refused (409), as
 * in `patchModel`; an archived one is left as it is. Returns the version's id.
 */
export async function archiveWithAliases(deps: Deps, props: { caller: Caller; id: string }): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const id = await resolveVersionRef(tx, props.id);
    await lockModelRow(tx, id);
    const model = await findModelVersion(tx, id);
    if (!model) throw new NotFound(`model version '${props.id}' does not exist`);
    if (model.status === 'archived') return id;
    for (const alias of await lockAliasesOfVersions(tx, [id])) {
      await removeAliasInTransaction(tx, deps, props.caller, alias);
    }
    return patchInTransaction(tx, { id, archive: true }, deps.config.qualityCap);
  });
}
