/**
 * Aliases (docs/concepts.md#aliases-and-tags): names for one version of a lineage, set and moved by
 * evaluators, protected ones only by `admin`; and the resolution of `<model_name>@<alias>` wherever a version
 * id is accepted (`@latest` and `@promoted` included).
 */
import { assertScope, type Caller, hasScope } from '../../caller.ts';
import { type Db, lockKey } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import {
  Forbidden,
  IllegalStatusChange,
  InvalidRequest,
  MissingReference,
  NotFound,
  ReservedAlias,
} from '../../errors.ts';
import { logEvent } from '../../events/event.service.ts';
import { aliasProblem, parseVersionRef, RESERVED_ALIASES } from '../core/lineage.ts';
import { lineageExists, touchLineage } from '../lineages/lineage.repository.ts';
import {
  type Alias,
  deleteAlias,
  findAlias,
  findAliasesOfVersions,
  findAliasRowsOfVersions,
  upsertAlias,
} from './alias.repository.ts';
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
  unit: Unit;
  /** An evaluator (scope `evaluate`); protected aliases need `admin`. */
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

function assertMayChange(caller: Caller, alias: string, needsAdmin: boolean): void {
  if (needsAdmin && !hasScope(caller, 'admin')) {
    throw new Forbidden(`alias '${alias}' is protected: only admin may move, delete or (un)protect it`);
  }
}

/**
 * Sets or moves an alias and logs and publishes a `model_alias_set` event targeting the version it
 * now names. Alias changes of a lineage take its lock, so concurrent changes of one alias log an
 * unbroken `from → to` chain in commit order, the first from `null`.
 */
export async function setAlias(_deps: Deps, props: SetAliasProps): Promise<AliasResult> {
  assertScope(props.caller, 'evaluate');
  assertSettable(props.alias);
  const { unit, caller, modelName, alias } = props;
  if (!(await lineageExists(unit.tx, modelName))) throw new NotFound(`lineage '${modelName}' does not exist`);
  await lockKey(unit.tx, `lineage:${modelName}`);
  const version = await findModelVersionByNumber(unit.tx, modelName, props.versionNumber);
  if (!version) {
    throw new MissingReference(`lineage '${modelName}' has no version ${props.versionNumber}`, {
      missing: [`${modelName}@v${props.versionNumber}`],
    });
  }
  if (version.status === 'archived')
    throw new IllegalStatusChange(`'${version.id}' is archived: an alias cannot name it`);
  const current = await findAlias(unit.tx, modelName, alias);
  const isProtected = props.isProtected ?? current?.isProtected ?? false;
  assertMayChange(
    caller,
    alias,
    Boolean(current?.isProtected) || isProtected !== (current?.isProtected ?? false),
  );
  await upsertAlias(unit.tx, { modelName, alias, versionId: version.id, isProtected, setBy: caller.agentId });
  await touchLineage(unit.tx, modelName);
  const event = await logEvent(unit, {
    eventType: 'model_alias_set',
    targetArtifactId: version.id,
    actor: caller.agentId,
    detectionMetadata: {
      alias,
      model_name: modelName,
      from: current?.versionId ?? null,
      to: version.id,
      actor: caller.agentId,
    },
  });
  await unit.publish({ type: 'model_alias_set', logged: event });
  return { alias, modelName, versionId: version.id, versionNumber: version.versionNumber, isProtected };
}

/** An alias to delete. */
export interface RemoveAliasProps {
  unit: Unit;
  /** An evaluator (scope `evaluate`); a protected alias needs `admin`. */
  caller: Caller;
  modelName: string;
  alias: string;
}

/** Deletes an alias (404 when unknown) and logs and publishes a `model_alias_deleted` event targeting the version it named. */
export async function removeAlias(_deps: Deps, props: RemoveAliasProps): Promise<void> {
  assertScope(props.caller, 'evaluate');
  assertSettable(props.alias);
  const { unit, modelName, alias } = props;
  await lockKey(unit.tx, `lineage:${modelName}`);
  const current = await findAlias(unit.tx, modelName, alias);
  if (!current) throw new NotFound(`lineage '${modelName}' has no alias '${alias}'`);
  await deleteAndLog(unit, props.caller, current);
}

/**
 * Removes every alias naming one of the versions (each a `model_alias_deleted` event; a protected
 * one needs `admin`): what archiving and retiring do, under the lineage's lock, before the versions
 * are archived. Returns the names removed.
 */
export async function removeAliasesOfVersions(
  _deps: Deps,
  props: { unit: Unit; caller: Caller; versionIds: string[] },
): Promise<string[]> {
  const aliases = await findAliasRowsOfVersions(props.unit.tx, props.versionIds);
  for (const alias of aliases) await deleteAndLog(props.unit, props.caller, alias);
  return aliases.map((row) => row.alias);
}

async function deleteAndLog(unit: Unit, caller: Caller, current: Alias): Promise<void> {
  assertMayChange(caller, current.alias, current.isProtected);
  await deleteAlias(unit.tx, current.modelName, current.alias);
  await touchLineage(unit.tx, current.modelName);
  const event = await logEvent(unit, {
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
  await unit.publish({ type: 'model_alias_deleted', logged: event });
}
