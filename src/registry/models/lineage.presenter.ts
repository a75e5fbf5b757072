/**
 * The wire forms of lineages and aliases.
 */

import type { TimelineEntry } from '../core/history.ts';
import type { Lineage } from '../core/lineage.ts';
import type { ModelSummary } from '../core/model.ts';
import { policyToJson } from '../core/policy.ts';
import type { AliasResult } from './alias.service.ts';
import type { LineageJsonType } from './lineage.schemas.ts';
import { presentModelListItem } from './model.presenter.ts';

/** A lineage as sent. */
export function presentLineage(lineage: Lineage): LineageJsonType {
  return {
    model_name: lineage.modelName,
    description: lineage.description,
    latest: lineage.latest,
    promoted: lineage.promoted,
    versions: lineage.versions,
    aliases: lineage.aliases,
    tags: lineage.tags,
    maintainers: lineage.maintainers,
    policy: policyToJson(lineage.policy),
    created_at: lineage.createdAt.toISOString(),
    updated_at: lineage.updatedAt.toISOString(),
  };
}

/** A lineage with its versions as list items, as sent (with the moment it is shown as of, if any). */
export function presentLineageDetail(
  { lineage, versions }: { lineage: Lineage; versions: ModelSummary[] },
  asOf?: string,
) {
  const detail = { ...presentLineage(lineage), versions: versions.map(presentModelListItem) };
  return asOf === undefined ? detail : { ...detail, as_of: asOf };
}

/** A timeline entry as sent: the fields its kind has. */
export function presentTimelineEntry(entry: TimelineEntry) {
  const optional = {
    alias: entry.alias,
    from: entry.from,
    to: entry.to,
    reason: entry.reason,
    request_id: entry.requestId,
  };
  return {
    at: entry.key.at,
    kind: entry.kind,
    version_id: entry.versionId,
    actor: entry.actor,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/** An alias as sent. */
export function presentAlias(alias: AliasResult) {
  return {
    alias: alias.alias,
    model_name: alias.modelName,
    version_id: alias.versionId,
    version_number: alias.versionNumber,
    protected: alias.isProtected,
  };
}
