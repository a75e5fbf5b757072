/**
 * The reads behind cards (`card.repository.ts`): lineages and versions as clients that track only
 * names, versions, tags and aliases see them — one query for any number of them.
 */
import type { Deps } from '../../deps.ts';
import type { LineageCard } from '../core/lineage.ts';
import type { VersionCard } from '../core/model.ts';
import {
  findLineageCardRows,
  findNewestCardRows,
  findVersionCardRows,
  type VersionCardRow,
} from './card.repository.ts';

type ReadDeps = Pick<Deps, 'db'>;

function cardOf(row: VersionCardRow): VersionCard {
  return {
    id: row.id,
    modelName: row.model_name,
    versionNumber: row.version_number,
    status: row.status,
    description: row.description,
    sourceUri: row.source_uri,
    runId: row.run_id,
    runLink: row.run_link,
    modelId: row.model_id,
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_ms)),
    updatedAt: new Date(Number(row.updated_ms)),
    tags: row.tags,
    aliases: row.aliases,
  };
}

/** Version cards of the listed ids, in the order given (unknown ids are skipped). */
export async function getVersionCards(deps: ReadDeps, ids: string[]): Promise<VersionCard[]> {
  const byId = new Map((await findVersionCardRows(deps.db, ids)).map((row) => [row.id, cardOf(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The card of the newest version of each listed lineage in each status it has, by lineage. */
export async function getNewestPerStatus(
  deps: ReadDeps,
  modelNames: string[],
): Promise<Map<string, VersionCard[]>> {
  const byLineage = new Map<string, VersionCard[]>(modelNames.map((name) => [name, []]));
  for (const row of await findNewestCardRows(deps.db, modelNames))
    byLineage.get(row.model_name)?.push(cardOf(row));
  return byLineage;
}

/** Lineage cards of the listed names, in the order given (unknown names are skipped). */
export async function getLineageCards(deps: ReadDeps, modelNames: string[]): Promise<LineageCard[]> {
  const rows = await findLineageCardRows(deps.db, modelNames);
  const byName = new Map(rows.map((row) => [row.model_name, row]));
  return modelNames.flatMap((name) => {
    const row = byName.get(name);
    if (!row) return [];
    return [
      {
        modelName: name,
        description: row.description,
        createdAt: new Date(Number(row.created_ms)),
        updatedAt: new Date(Number(row.updated_ms)),
        isRetired: row.retired,
        tags: row.tags,
        aliases: row.aliases,
      },
    ];
  });
}
