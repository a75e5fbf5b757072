/**
 * A lineage's history (docs/concepts.md#history): the lineage as it stood at a moment, the version an
 * alias named then, and the timeline of what happened to it, newest first — all read from the
 * append-only records, never from a second copy kept per moment.
 */
import type { Db } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { AliasNotSet, NotFound } from '../../errors.ts';
import {
  entriesOfEvent,
  replayStatuses,
  type TimelineEntry,
  type TimelineKey,
  timelinePage,
} from '../core/history.ts';
import type { Lineage } from '../core/lineage.ts';
import { parseVersionRef } from '../core/lineage.ts';
import type { ModelSummary } from '../core/model.ts';
import { DEFAULT_POLICY, policyFromJson } from '../core/policy.ts';
import { lineageExists } from '../lineages/lineage.repository.ts';
import {
  findAliasesAsOf,
  findHistoryEvents,
  findLineageExistence,
  findPolicyAsOf,
  findRegistrations,
  findStatusChangesAsOf,
  findVersionExistence,
  findVersionsAsOf,
} from './history.repository.ts';
import { loadLineages } from './lineage-read.service.ts';
import { getModelSummaries } from './model-read.service.ts';

/** 404 unless the lineage exists and existed at the moment. */
async function assertExistedAt(db: Db, modelName: string, asOf: string): Promise<void> {
  const { exists, existed } = await findLineageExistence(db, modelName, asOf);
  if (!exists) throw new NotFound(`lineage '${modelName}' does not exist`);
  if (!existed) throw new NotFound(`lineage '${modelName}' did not exist at ${asOf}`);
}

/** The versions registered by the moment, their statuses then and the promoted one. */
async function versionsAsOf(db: Db, modelName: string, asOf: string) {
  const versions = await findVersionsAsOf(db, modelName, asOf);
  const ids = versions.map((version) => version.id);
  return { ids, ...replayStatuses(ids, await findStatusChangesAsOf(db, ids, asOf)) };
}

/**
 * The lineage as it stood at `asOf` (`readAsOf`'s canonical form): its latest and promoted versions,
 * its aliases, its policy and the versions that existed, each with its status, latest flag and
 * aliases of then. What the records do not keep a history of — description, tags, maintainers,
 * scores, metrics — is as it is now. 404 when it did not exist then.
 */
export async function getLineageAsOf(
  deps: Pick<Deps, 'db'>,
  modelName: string,
  asOf: string,
): Promise<{ lineage: Lineage; versions: ModelSummary[] }> {
  await assertExistedAt(deps.db, modelName, asOf);
  const { ids, statuses, promotedId } = await versionsAsOf(deps.db, modelName, asOf);
  const aliases = await findAliasesAsOf(deps.db, modelName, asOf);
  const policy = await findPolicyAsOf(deps.db, modelName, asOf);
  const [current] = await loadLineages(deps, [modelName]);
  const latest = ids.at(-1) ?? null;
  const aliasesOf = (id: string) =>
    [...aliases]
      .filter(([, versionId]) => versionId === id)
      .map(([alias]) => alias)
      .sort();
  const summaries = await getModelSummaries(deps, ids);
  return {
    lineage: {
      ...current,
      latest,
      promoted: promotedId,
      versions: ids.length,
      aliases: Object.fromEntries([...aliases].sort(([a], [b]) => (a < b ? -1 : 1))),
      policy: policy ? policyFromJson(policy) : { ...DEFAULT_POLICY },
    },
    versions: summaries.map((summary) => ({
      ...summary,
      model: {
        ...summary.model,
        status: statuses.get(summary.model.id) ?? summary.model.status,
        isLatest: summary.model.id === latest,
      },
      aliases: aliasesOf(summary.model.id),
    })),
  };
}

/**
 * The id of the version a reference named at `asOf`: `<model_name>@<alias>` (`@latest` and
 * `@promoted` included) as the alias stood then — 404 `alias_not_set` when it named none — and a
 * plain id as itself, 404 when it was registered later.
 */
export async function resolveVersionRefAsOf(
  deps: Pick<Deps, 'db'>,
  ref: string,
  asOf: string,
): Promise<string> {
  const parsed = parseVersionRef(ref);
  if ('id' in parsed) {
    const { exists, existed } = await findVersionExistence(deps.db, parsed.id, asOf);
    if (!exists) throw new NotFound(`model version '${parsed.id}' does not exist`);
    if (!existed) throw new NotFound(`model version '${parsed.id}' was not registered yet at ${asOf}`);
    return parsed.id;
  }
  const { modelName, alias } = parsed;
  await assertExistedAt(deps.db, modelName, asOf);
  let found: string | null | undefined;
  if (alias === 'latest') found = (await findVersionsAsOf(deps.db, modelName, asOf)).at(-1)?.id;
  else if (alias === 'promoted') found = (await versionsAsOf(deps.db, modelName, asOf)).promotedId;
  else found = (await findAliasesAsOf(deps.db, modelName, asOf, alias)).get(alias);
  if (!found) throw new AliasNotSet(`'${ref}' named no version at ${asOf}`, { model_name: modelName, alias });
  return found;
}

/**
 * A page of the lineage's timeline, newest first, after `after` (the key of the last entry of the
 * previous page); the key to continue from, or null on the last page. 404 for an unknown lineage.
 */
export async function getTimeline(
  deps: Pick<Deps, 'db'>,
  modelName: string,
  page: { after?: TimelineKey; limit: number },
): Promise<{ entries: TimelineEntry[]; next: TimelineKey | null }> {
  if (!(await lineageExists(deps.db, modelName))) throw new NotFound(`lineage '${modelName}' does not exist`);
  const { after, limit } = page;
  // The cursor's own event comes back too (its other entries may be due), so one more event than needed.
  const events = await findHistoryEvents(deps.db, modelName, after, limit + 2);
  const registrations = await findRegistrations(deps.db, modelName, after, limit + 1);
  const sources: TimelineEntry[] = [
    ...events.flatMap(entriesOfEvent),
    ...registrations.map(
      (row): TimelineEntry => ({
        key: { at: row.at, seq: 0, sub: row.versionNumber },
        kind: 'registered',
        versionId: row.id,
        actor: row.actor,
      }),
    ),
  ];
  const { entries, hasMore } = timelinePage(sources, after, limit);
  return { entries, next: hasMore ? (entries.at(-1)?.key ?? null) : null };
}
