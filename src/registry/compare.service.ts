/**
 * Loads what a comparison needs and hands it to the pure `compareModels`.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';
import { InvalidRequest, NotFound } from '../errors.ts';
import { compareModels } from './compare.ts';
import { loadModelsWithLinks, presentListItem } from './model.query.ts';
import { loadProvenanceDags } from './provenance-dag.repository.ts';

const MIN_IDS = 2;
const MAX_IDS = 50;

/** Parses `ids=a,b,…`: 2 to 50 distinct ids, else 400. */
export function parseCompareIds(ids: string): string[] {
  const list = ids
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (new Set(list).size !== list.length) throw new InvalidRequest('ids must be distinct');
  if (list.length < MIN_IDS || list.length > MAX_IDS) {
    throw new InvalidRequest(`ids must name ${MIN_IDS} to ${MAX_IDS} model versions, not ${list.length}`);
  }
  return list;
}

const keyOf = (id: string, version: number | null) => (version === null ? id : `${id}@${version}`);

/** The inputs of the analyses each model is produced by, keyed by model id. */
async function loadAnalysisInputs(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ model_id: string; target_id: string; target_version: number | null }>(
    db,
    sql`select pb.source_id as model_id, ai.target_id, ai.target_version
          from links pb join links ai on ai.source_id = pb.target_id and ai.link_type = 'input'
         where pb.source_id = any(${sql.param(ids)}::text[]) and pb.link_type = 'produced_by'`,
  );
  const inputs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const row of rows) inputs.get(row.model_id)?.push(keyOf(row.target_id, row.target_version));
  return inputs;
}

/** Compares model versions given as the raw `ids` parameter; 404 names every unknown id. */
export async function compareModelVersions(db: Db, rawIds: string) {
  const ids = parseCompareIds(rawIds);
  const loaded = await loadModelsWithLinks(db, ids);
  const unknown = ids.filter((id) => !loaded.has(id));
  if (unknown.length > 0)
    throw new NotFound(`unknown model version(s): ${unknown.join(', ')}`, { missing: unknown });
  const entries = ids.map((id) => loaded.get(id) as NonNullable<ReturnType<typeof loaded.get>>);
  const [analysisInputs, dags] = await Promise.all([
    loadAnalysisInputs(db, ids),
    loadProvenanceDags(
      db,
      entries.map(({ row }) => ({ id: row.id, title: row.title })),
    ),
  ]);
  return compareModels(
    entries.map(({ row, links }) => {
      const keys = (type: string) =>
        links
          .filter((link) => link.linkType === type)
          .map((link) => keyOf(link.targetId, link.targetVersion));
      return {
        item: presentListItem(row, links),
        architecture: row.architecture,
        parameters: row.parameters,
        trainingConfig: row.trainingConfig,
        evalDatasetId: row.evalDatasetId,
        trainingData: keys('trained_on'),
        inputs: [...keys('trained_on'), ...keys('input'), ...(analysisInputs.get(row.id) ?? [])],
        dag: dags.get(row.id) ?? { nodes: [], edges: [] },
      };
    }),
  );
}
