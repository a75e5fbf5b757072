/**
 * Aliases (docs/concepts.md#aliases-and-tags): names for one version of a lineage, set and moved by
 * evaluators, protected ones only by `admin`; and the resolution of `<model_name>@<alias>` wherever a version
 * id is accepted (`@latest` and `@promoted` included).
 */
import { type Caller, hasScope } from '../caller.ts';
import type { Db, Tx } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import {
  Forbidden,
  IllegalStatusChange,
  InvalidRequest,
  MissingReference,
  NotFound,
  ReservedAlias,
} from '../errors.ts';
import { presentEvent } from '../events/event.presenter.ts';
import { insertEvent } from '../events/event.repository.ts';
import { publishEvent } from '../webhooks/outbox.service.ts';
import {
  type Alias,
  deleteAlias,
  findAlias,
  findAliasesOfVersions,
  upsertAlias,
} from './alias.repository.ts';
import { aliasProblem, parseVersionRef, RESERVED_ALIASES } from './core/lineage.ts';
import { lineageExists, touchLineage } from './lineage.repository.ts';
import { findLineageHead, findModelVersionByNumber, findPromoted } from './model.repository.ts';

/** The id of the version a reference names: a plain id as it is, `<model_name>@<alias>` resolved; 404 when unknown. */
export async function resolveVersionRef(db: Db, ref: string): Promise<string> {
  const parsed = parseVersionRef(ref);
  if ('id' in parsed) return parsed.id;
  const { modelName, alias } = parsed;
  const found =
    alias === 'latest'
      ? await findLineageHead(db, modelName)
      : alias === 'promoted'
        ? await findPromoted(db, modelName)
        : await findAlias(db, modelName, alias).then((row) => row && { id: row.versionId });
  if (!found) throw new NotFound(`no model version '${ref}': unknown lineage or alias`);
  return found.id;
}

/** The id of a lineage's version with this number; 404 when the lineage or the version is unknown. */
export async function resolveVersionNumber(
  db: Db,
  modelName: string,
  versionNumber: number,
): Promise<string> {
  const found = await findModelVersionByNumber(db, modelName, versionNumber);
  if (!found) throw new NotFound(`lineage '${modelName}' has no version ${versionNumber}`);
  return found.id;
}

/** Throws 409 when an alias names the version (it must move before the version is archived). */
export async function assertNoAliasNames(db: Db, versionId: string): Promise<void> {
  const [names] = [...(await findAliasesOfVersions(db, [versionId])).values()];
  if (names && names.length > 0) {
    throw new IllegalStatusChange(
      `'${versionId}' is named by alias(es) ${names.map((n) => `@${n}`).join(', ')}: move them first`,
      {
        aliases: names,
      },
    );
  }
}

function assertSettable(alias: string): void {
  const problem = aliasProblem(alias);
  if (problem) throw new InvalidRequest(problem, { field: 'alias' });
  if ((RESERVED_ALIASES as readonly string[]).includes(alias)) {
    throw new ReservedAlias(`'${alias}' is reserved: it always names the lineage's ${alias} version`);
  }
}

/** An alias to set or move. */
export interface SetAliasProps {
  /** An evaluator (checked by the face); protected aliases need `admin`. */
  caller: Caller;
  modelName: string;
  alias: string;
  versionNumber: number;
  /** Only `admin` may protect or unprotect; absent keeps the alias's current protection. */
  isProtected?: boolean;
}

/** The alias as set. */
export interface AliasResult {
  alias: string;
  modelName: string;
  versionId: string;
  versionNumber: number;
  isProtected: boolean;
}

/** Sets or moves an alias and logs a `model_alias_set` event targeting the version it now names. */
export async function setAlias(deps: Deps, props: SetAliasProps): Promise<AliasResult> {
  assertSettable(props.alias);
  return deps.db.transaction(async (tx) => {
    if (!(await lineageExists(tx, props.modelName)))
      throw new NotFound(`lineage '${props.modelName}' does not exist`);
    const version = await findModelVersionByNumber(tx, props.modelName, props.versionNumber);
    if (!version) {
      throw new MissingReference(`lineage '${props.modelName}' has no version ${props.versionNumber}`, {
        missing: [`${props.modelName}@v${props.versionNumber}`],
      });
    }
    if (version.status === 'archived')
      throw new IllegalStatusChange(`'${version.id}' is archived: an alias cannot name it`);
    const current = await findAlias(tx, props.modelName, props.alias, true);
    const isProtected = props.isProtected ?? current?.isProtected ?? false;
    const needsAdmin = current?.isProtected || isProtected !== (current?.isProtected ?? false);
    if (needsAdmin && !hasScope(props.caller, 'admin')) {
      throw new Forbidden(
        `alias '${props.alias}' is protected: only admin may move, delete or (un)protect it`,
      );
    }
    await upsertAlias(tx, {
      modelName: props.modelName,
      alias: props.alias,
      versionId: version.id,
      isProtected,
      setBy: props.caller.agentId,
    });
    await touchLineage(tx, props.modelName);
    const event = await insertEvent(tx, {
      eventType: 'model_alias_set',
      targetArtifactId: version.id,
      actor: props.caller.agentId,
      detectionMetadata: {
        alias: props.alias,
        model_name: props.modelName,
        from: current?.versionId ?? null,
        to: version.id,
        actor: props.caller.agentId,
      },
    });
    await publishEvent(tx, deps, { type: 'model_alias_set', data: presentEvent(event), eventId: event.id });
    return {
      alias: props.alias,
      modelName: props.modelName,
      versionId: version.id,
      versionNumber: version.versionNumber,
      isProtected,
    };
  });
}

/** Deletes an alias (404 when unknown) and logs a `model_alias_deleted` event targeting the version it named. */
export async function removeAlias(
  deps: Deps,
  props: { caller: Caller; modelName: string; alias: string },
): Promise<void> {
  assertSettable(props.alias);
  await deps.db.transaction(async (tx) => {
    const current = await findAlias(tx, props.modelName, props.alias, true);
    if (!current) throw new NotFound(`lineage '${props.modelName}' has no alias '${props.alias}'`);
    await removeAliasInTransaction(tx, deps, props.caller, current);
  });
}

/**
 * Deletes an alias found (and locked) in `tx`, logs its `model_alias_deleted` event and queues its
 * webhook deliveries; 403 for a protected alias unless the caller is `admin`. Archiving commands
 * use it to clear the aliases of the versions they archive.
 */
export async function removeAliasInTransaction(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  caller: Caller,
  current: Alias,
): Promise<void> {
  if (current.isProtected && !hasScope(caller, 'admin')) {
    throw new Forbidden(
      `alias '${current.alias}' is protected: only admin may move, delete or (un)protect it`,
    );
  }
  await deleteAlias(tx, current.modelName, current.alias);
  await touchLineage(tx, current.modelName);
  const event = await insertEvent(tx, {
    eventType: 'model_alias_deleted',
    targetArtifactId: current.versionId,
    actor: caller.agentId,
    detectionMetadata: {
      alias: current.alias,
      model_name: current.modelName,
      from: current.versionId,
      to: null,
      actor: caller.agentId,
    },
  });
  await publishEvent(tx, deps, {
    type: 'model_alias_deleted',
    data: presentEvent(event),
    eventId: event.id,
  });
}
