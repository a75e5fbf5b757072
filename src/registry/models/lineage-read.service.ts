/**
 * The reads of lineages: the list (filters, newest change first, pages) and one lineage
 * with its versions, each resource assembled from a fixed number of batched queries.
 */
import type { KeysetPosition, PageStart } from '../../db/keyset.ts';
import { takePage } from '../../db/keyset.ts';
import type { Deps } from '../../deps.ts';
import { NotFound } from '../../errors.ts';
import type { Lineage } from '../core/lineage.ts';
import type { ModelSummary } from '../core/model.ts';
import { DEFAULT_POLICY } from '../core/policy.ts';
import { findLineageRows, findMaintainersOf } from '../lineages/lineage.repository.ts';
import { getPolicies } from '../lineages/policy.service.ts';
import { findAliasesOfLineages } from './alias.repository.ts';
import {
  countLineages,
  findLineageHeads,
  findLineagePage,
  type LineageFilter,
} from './lineage-catalog.repository.ts';
import { findLineage } from './model.repository.ts';
import { getModelSummaries } from './model-read.service.ts';
import { findLineageTags } from './tag.repository.ts';

/** The listed lineages as resources, in the order asked (unknown names are skipped). */
export async function loadLineages(deps: Pick<Deps, 'db'>, modelNames: string[]): Promise<Lineage[]> {
  const [rows, heads, aliases, tags, maintainers, policies] = await Promise.all([
    findLineageRows(deps.db, modelNames),
    findLineageHeads(deps.db, modelNames),
    findAliasesOfLineages(deps.db, modelNames),
    findLineageTags(deps.db, modelNames),
    findMaintainersOf(deps.db, modelNames),
    getPolicies(deps.db, modelNames),
  ]);
  const byName = new Map(rows.map((row) => [row.modelName, row]));
  return modelNames.flatMap((name) => {
    const row = byName.get(name);
    if (!row) return [];
    const head = heads.get(name);
    return [
      {
        modelName: name,
        description: row.description,
        latest: head?.latest ?? null,
        promoted: head?.promoted ?? null,
        versions: head?.versions ?? 0,
        aliases: Object.fromEntries((aliases.get(name) ?? []).map((alias) => [alias.alias, alias.versionId])),
        protectedAliases: (aliases.get(name) ?? [])
          .filter((alias) => alias.isProtected)
          .map((alias) => alias.alias),
        tags: tags.get(name) ?? {},
        maintainers: maintainers.get(name) ?? [],
        policy: policies.get(name) ?? { ...DEFAULT_POLICY },
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      },
    ];
  });
}

/** A page of lineages, the count of all matches and the position after the page. */
export async function listLineages(
  deps: Pick<Deps, 'db'>,
  props: { filter: LineageFilter; start: PageStart; limit: number },
): Promise<{ lineages: Lineage[]; total: number; next: KeysetPosition | null }> {
  const [rows, total] = await Promise.all([
    findLineagePage(deps.db, props.filter, props.start, props.limit),
    countLineages(deps.db, props.filter),
  ]);
  const page = takePage(rows, props.limit, (row) => ({ value: row.sort_key, id: row.model_name }));
  return {
    lineages: await loadLineages(
      deps,
      page.rows.map((row) => row.model_name),
    ),
    total,
    next: page.next,
  };
}

/** One lineage with its versions as list items, oldest first; 404 when unknown. */
export async function getLineage(
  deps: Pick<Deps, 'db'>,
  modelName: string,
): Promise<{ lineage: Lineage; versions: ModelSummary[] }> {
  const [lineage] = await loadLineages(deps, [modelName]);
  if (!lineage) throw new NotFound(`lineage '${modelName}' does not exist`);
  const versions = await findLineage(deps.db, modelName);
  return {
    lineage,
    versions: await getModelSummaries(
      deps,
      versions.map((version) => version.id),
    ),
  };
}

/** Whether a lineage exists and whether it is retired, from one row; undefined when unknown. */
export async function getLineageState(
  deps: Pick<Deps, 'db'>,
  modelName: string,
): Promise<{ retiredAt: Date | null } | undefined> {
  const [row] = await findLineageRows(deps.db, [modelName]);
  return row && { retiredAt: row.retiredAt };
}
