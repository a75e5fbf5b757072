/**
 * Artifacts, versions and links: the commands behind the artifact routes, and the link checks the
 * model registration shares. Each command runs in its caller's unit of work and publishes what it
 * added, so the model versions whose provenance it touches are scored again in the same transaction.
 */

import { assertScope, type Caller } from '../../caller.ts';
import type { Db } from '../../db/database.ts';
import { lockKey } from '../../db/database.ts';
import type { Deps, Unit } from '../../deps.ts';
import { AlreadyExists, MissingReference, NotFound, RuleViolation } from '../../errors.ts';
import { firstFreeId, slugify } from '../core/artifact-id.ts';
import type { LinkSpec } from '../core/links.ts';
import { assertMaintainsVersions } from '../lineages/lineage.service.ts';
import {
  type ArtifactRow,
  findArtifactById,
  findArtifactTypes,
  findExistingVersions,
  findIdsWithPrefix,
  findLinksOf,
  findVersions,
  insertArtifact,
  insertLinks,
  insertNextVersion,
  hasNoArtifacts as isEmpty,
} from './artifact.repository.ts';
import { getRetractionHistory } from './retraction.service.ts';

/** Finds a free id: the client's (409 when taken) or one made from the title. */
export async function chooseArtifactId(db: Db, requested: string | undefined, base: string): Promise<string> {
  const taken = await findIdsWithPrefix(db, requested ?? base);
  if (requested === undefined) return firstFreeId(base, taken);
  if (taken.has(requested)) throw new AlreadyExists(`artifact '${requested}' already exists`);
  return requested;
}

/** Fields of a new artifact. */
export interface CreateArtifactProps {
  unit: Unit;
  /** Who creates it (scope `write`), recorded as `created_by`. */
  caller: Caller;
  /** The client's id; generated from the title when absent. */
  id?: string;
  type: 'dataset' | 'analysis' | 'hypothesis' | 'benchmark' | 'model';
  title: string;
  metadata: Record<string, unknown>;
  /** Version 1's content location and hash. */
  version: { digest?: string; uri?: string };
}

/** Creates an artifact with its version 1; returns its id. Models are refused: they register through `/api/models`. */
export async function createArtifact(_deps: Deps, props: CreateArtifactProps): Promise<string> {
  assertScope(props.caller, 'write');
  if (props.type === 'model') {
    throw new RuleViolation('model versions are registered with POST /api/models, not POST /api/artifacts');
  }
  const { tx } = props.unit;
  const createdBy = props.caller.agentId;
  const id = await chooseArtifactId(tx, props.id, slugify(props.title));
  await lockKey(tx, `artifact:${id}`);
  await insertArtifact(tx, { id, type: props.type, title: props.title, metadata: props.metadata, createdBy });
  await insertNextVersion(tx, { artifactId: id, ...props.version, createdBy });
  return id;
}

/** Fields of a new artifact version. */
export interface CreateVersionProps {
  unit: Unit;
  /** Who creates it (scope `write`), recorded as `created_by`. */
  caller: Caller;
  artifactId: string;
  digest?: string;
  uri?: string;
  metadata: Record<string, unknown>;
}

/** Appends the next version of an artifact (numbered by the server) and refreshes affected scores. */
export async function createArtifactVersion(_deps: Deps, props: CreateVersionProps) {
  assertScope(props.caller, 'write');
  const { tx } = props.unit;
  const artifact = await findArtifactById(tx, props.artifactId);
  if (!artifact) throw new NotFound(`artifact '${props.artifactId}' does not exist`);
  if (artifact.type === 'model') {
    throw new RuleViolation('a model version is immutable: register the next version with POST /api/models');
  }
  await lockKey(tx, `artifact:${artifact.id}`);
  const { artifactId, digest, uri, metadata } = props;
  const version = await insertNextVersion(tx, {
    artifactId,
    digest,
    uri,
    metadata,
    createdBy: props.caller.agentId,
  });
  await props.unit.publish({
    type: 'artifact_version_created',
    artifactId,
    versionNumber: version.versionNumber,
  });
  return version;
}

// What each link type may start from (docs/concepts.md#links-and-pinning); the target's type is scored by
// provenance, not refused.
const ALLOWED_SOURCES: Record<LinkSpec['linkType'], string[] | undefined> = {
  trained_on: ['model'],
  produced_by: ['model'],
  tests_hypothesis: ['model'],
  input: ['analysis', 'model'],
  derived_from: undefined,
};

/** The types of the named artifacts; throws 422 naming every id that does not exist. */
async function resolveArtifactTypes(db: Db, ids: string[], knownTypes: Map<string, string>) {
  const unique = [...new Set(ids)];
  const types = new Map([
    ...knownTypes,
    ...(await findArtifactTypes(
      db,
      unique.filter((id) => !knownTypes.has(id)),
    )),
  ]);
  const missing = unique.filter((id) => !types.has(id));
  if (missing.length > 0)
    throw new MissingReference(`unknown artifact(s): ${missing.join(', ')}`, { missing });
  return types;
}

/** What else a link check should know: artifacts that must exist too, and types known already. */
export interface ResolveOptions {
  alsoRequired?: string[];
  /** Types of artifacts being created in this transaction. */
  knownTypes?: Map<string, string>;
}

/** Throws 422 unless every artifact and pinned version the links name exists and each source type fits. */
export async function assertLinksResolve(db: Db, specs: LinkSpec[], options: ResolveOptions = {}) {
  const ids = [...specs.flatMap((spec) => [spec.sourceId, spec.targetId]), ...(options.alsoRequired ?? [])];
  const types = await resolveArtifactTypes(db, ids, options.knownTypes ?? new Map());
  const pins = specs.flatMap((s) =>
    s.targetVersion === null ? [] : [{ id: s.targetId, version: s.targetVersion }],
  );
  const existing = await findExistingVersions(db, pins);
  const missingVersions = pins.map((pin) => `${pin.id}@${pin.version}`).filter((key) => !existing.has(key));
  if (missingVersions.length > 0) {
    throw new MissingReference(`unknown version(s): ${missingVersions.join(', ')}`, {
      missing: missingVersions,
    });
  }
  for (const spec of specs) {
    const allowed = ALLOWED_SOURCES[spec.linkType];
    const sourceType = types.get(spec.sourceId) ?? '';
    if (allowed && !allowed.includes(sourceType)) {
      throw new RuleViolation(
        `a '${spec.linkType}' link must start from a ${allowed.join(' or ')}, not a ${sourceType}`,
      );
    }
    if (spec.sourceId === spec.targetId) throw new RuleViolation('an artifact cannot link to itself');
  }
}

/** Creates one link (409 when it exists already) and refreshes the scores it can move. */
export async function createLink(_deps: Deps, props: { unit: Unit; spec: LinkSpec; caller: Caller }) {
  assertScope(props.caller, 'write');
  const { tx } = props.unit;
  await assertLinksResolve(tx, [props.spec]);
  // A link from a model version is part of that version's provenance: its maintainers' to make.
  await assertMaintainsVersions(tx, props.caller, [props.spec.sourceId]);
  const [link] = await insertLinks(tx, [{ ...props.spec, createdBy: props.caller.agentId }]);
  if (!link) throw new AlreadyExists('this link exists already');
  await props.unit.publish({
    type: 'link_created',
    sourceId: props.spec.sourceId,
    targetId: props.spec.targetId,
  });
  return link;
}

/** Whether the registry holds no artifact at all (a fresh database, where the demo may load). */
export function hasNoArtifacts(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return isEmpty(deps.db);
}

/** The artifact with this id; 404 when unknown. */
export async function getArtifact(deps: Pick<Deps, 'db'>, id: string): Promise<ArtifactRow> {
  const artifact = await findArtifactById(deps.db, id);
  if (!artifact) throw new NotFound(`artifact '${id}' does not exist`);
  return artifact;
}

/** Throws 422 `missing_reference` unless the artifact has this version. */
export async function assertVersionExists(db: Db, artifactId: string, version: number): Promise<void> {
  const key = `${artifactId}@${version}`;
  const existing = await findExistingVersions(db, [{ id: artifactId, version }]);
  if (!existing.has(key)) throw new MissingReference(`unknown version: ${key}`, { missing: [key] });
}

/** An artifact with its versions, its links in both directions and its retractions; 404 when unknown. */
export async function getArtifactDetail(deps: Pick<Deps, 'db'>, id: string) {
  const artifact = await getArtifact(deps, id);
  const [versions, links, retractions] = await Promise.all([
    findVersions(deps.db, id),
    findLinksOf(deps.db, id),
    getRetractionHistory(deps, id),
  ]);
  return { artifact, versions, links, retractions };
}

/** An artifact's detail. */
export type ArtifactDetail = Awaited<ReturnType<typeof getArtifactDetail>>;
