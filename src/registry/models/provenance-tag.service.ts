/**
 * Provenance declared through reserved version tags (`modelgraph.*`): at registration the
 * tags become the registration's links, family and raw score; set later on a version, in the
 * tag's own transaction, they add the links, change the family or the raw score (which needs the
 * `evaluate` scope, as `PATCH /api/models/{id}` does) and re-store the quality score (with the
 * scores of the versions built on it, whose retraction state follows its links).
 */
import { assertScope, type Caller } from '../../caller.ts';
import type { Tx } from '../../db/database.ts';
import { InvalidRequest } from '../../errors.ts';
import { insertLinks } from '../artifacts/artifact.repository.ts';
import { assertLinksResolve } from '../artifacts/artifact.service.ts';
import { linkSpecsOf } from '../core/links.ts';
import { BadProvenanceTag, type DeclaredProvenance, readProvenanceTags } from '../core/provenance-tags.ts';
import { updateEvaluation, updateModelFamily } from './model.repository.ts';
import { refreshQualityAround } from './provenance.service.ts';

/** What the reserved tags among `tags` declare; 400 naming the tag when a value is malformed. */
export function declaredProvenanceOf(tags: Record<string, string> = {}): DeclaredProvenance {
  try {
    return readProvenanceTags(tags);
  } catch (error) {
    if (error instanceof BadProvenanceTag) throw new InvalidRequest(error.message);
    throw error;
  }
}

/** A reserved tag set on an existing version, by a maintainer of its lineage (checked by the caller). */
export interface ProvenanceTagProps {
  caller: Caller;
  versionId: string;
  key: string;
  value: string;
  qualityCap: number;
}

/**
 * Applies a reserved tag to a version inside the tag's transaction: links it names are added
 * (422 for a missing artifact or pinned version; links it no longer names stay, since nothing is
 * deleted), the family or raw score is changed, and the score re-stored.
 */
export async function applyProvenanceTag(tx: Tx, props: ProvenanceTagProps): Promise<void> {
  const declared = declaredProvenanceOf({ [props.key]: props.value });
  const specs = linkSpecsOf(props.versionId, declared);
  await assertLinksResolve(tx, specs);
  await insertLinks(
    tx,
    specs.map((spec) => ({ ...spec, createdBy: props.caller.agentId })),
  );
  if (declared.modelFamily) await updateModelFamily(tx, props.versionId, declared.modelFamily);
  if (declared.rawQualityScore !== undefined) {
    assertScope(props.caller, 'evaluate');
    await updateEvaluation(tx, props.versionId, { rawQualityScore: declared.rawQualityScore });
  }
  // A link it adds can put the version — and what is built on it — on a retraction.
  await refreshQualityAround(tx, props.versionId, props.qualityCap);
}
