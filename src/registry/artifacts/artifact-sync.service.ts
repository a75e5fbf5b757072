/**
 * Artifacts and links brought in from another system (the MLflow tracking server's runs and
 * datasets): created when missing and found when present, so bringing the same thing in twice —
 * a retried enrichment, two versions from one run — changes nothing. Each command runs in its
 * caller's unit and publishes what it added, so the scores it can move are stored again.
 */
import { assertScope, type Caller } from '../../caller.ts';
import { lockKey } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import { AlreadyExists } from '../../errors.ts';
import type { LinkSpec } from '../core/links.ts';
import { assertMaintainsVersions } from '../lineages/lineage.service.ts';
import {
  findArtifactById,
  findVersions,
  insertArtifact,
  insertLinks,
  insertNextVersion,
} from './artifact.repository.ts';
import { assertLinksResolve } from './artifact.service.ts';

/** An artifact to have, and the version of it to find or add. */
export interface EnsureArtifactProps {
  unit: Unit;
  /** Who brings it in (scope `write`), recorded as `created_by` of what is added. */
  caller: Caller;
  id: string;
  type: 'dataset' | 'analysis' | 'hypothesis' | 'benchmark';
  title: string;
  metadata: Record<string, unknown>;
  /** The version's content hash: the version with this digest is found, or added. */
  digest?: string;
  uri?: string;
}

/**
 * Makes sure the artifact exists with a version of `digest` (without one: any version) under the
 * artifact's lock; returns that version's number (the newest, without a digest). An id taken by
 * an artifact of another type is 409.
 */
export async function ensureArtifactVersion(_deps: Deps, props: EnsureArtifactProps): Promise<number> {
  assertScope(props.caller, 'write');
  const { unit, id, digest, uri } = props;
  const createdBy = props.caller.agentId;
  await lockKey(unit.tx, `artifact:${id}`);
  const artifact = await findArtifactById(unit.tx, id);
  if (!artifact) {
    await insertArtifact(unit.tx, {
      id,
      type: props.type,
      title: props.title,
      metadata: props.metadata,
      createdBy,
    });
    return (await insertNextVersion(unit.tx, { artifactId: id, digest, uri, createdBy })).versionNumber;
  }
  if (artifact.type !== props.type) {
    throw new AlreadyExists(`artifact '${id}' exists and is a ${artifact.type}, not a ${props.type}`);
  }
  const versions = await findVersions(unit.tx, id);
  const found =
    digest === undefined ? versions.at(-1) : versions.find((version) => version.digest === digest);
  if (found) return found.versionNumber;
  const added = await insertNextVersion(unit.tx, { artifactId: id, digest, uri, createdBy });
  await unit.publish({
    type: 'artifact_version_created',
    artifactId: id,
    versionNumber: added.versionNumber,
  });
  return added.versionNumber;
}

/**
 * Makes sure the links exist (422 for a missing artifact or version, as for any link; a link from
 * a model version is its maintainers' to make); returns how many were added.
 */
export async function ensureLinks(
  _deps: Deps,
  props: { unit: Unit; caller: Caller; specs: LinkSpec[] },
): Promise<number> {
  assertScope(props.caller, 'write');
  const { unit, caller, specs } = props;
  await assertLinksResolve(unit.tx, specs);
  await assertMaintainsVersions(unit.tx, caller, [...new Set(specs.map((spec) => spec.sourceId))]);
  const added = await insertLinks(
    unit.tx,
    specs.map((spec) => ({ ...spec, createdBy: caller.agentId })),
  );
  for (const link of added) {
    await unit.publish({ type: 'link_created', sourceId: link.sourceId, targetId: link.targetId });
  }
  return added.length;
}
