/**
 * The reads of model versions every face shows: the catalog page, summaries by id, one version's
 * detail, and the comparison — each from a fixed number of batched queries whatever the number of
 * models.
 */

import { type Caller, hasScope } from '../../caller.ts';
import type { Db } from '../../db/database.ts';
import { fieldNames } from '../../db/filter-sql.ts';
import type { KeysetPosition, PageStart } from '../../db/keyset.ts';
import { takePage } from '../../db/keyset.ts';
import type { Deps } from '../../deps.ts';
import { InvalidRequest, NotFound } from '../../errors.ts';
import { type Event, listEventsForTarget } from '../../events/event.service.ts';
import { redactRuntime } from '../../inference/runtime.ts';
import { findAnalysisInputs, findLinkHopsWithin } from '../artifacts/artifact.repository.ts';
import { type Comparison, compareModels } from '../core/compare.ts';
import type { LineageVersion, MlflowRecord, ModelSummary, ModelVersion } from '../core/model.ts';
import { isMaintainer } from '../lineages/lineage.repository.ts';

import { resolveVersionRef } from './alias.service.ts';
import { MODEL_FIELDS } from './filter-fields.repository.ts';
import {
  countIncompleteProvenance as countIncomplete,
  findModelSummaries,
  findModelVersion,
  findModelVersions,
  findPromoted,
  findPromotedOf,
  findVersionNumbers,
} from './model.repository.ts';
import {
  countModels,
  findModelItemPage,
  type ListItemRow,
  type ModelListFilter,
} from './model-catalog.repository.ts';
import { findModelDetailReads } from './model-detail.repository.ts';
import { PROVENANCE_DAG_HOPS, provenanceDagsOf } from './provenance.service.ts';

/** Summaries (version and links) of the listed ids, in the given order; unknown ids are skipped. */
export async function getModelSummaries(deps: Pick<Deps, 'db'>, ids: string[]): Promise<ModelSummary[]> {
  const byId = new Map(
    (await findModelSummaries(deps.db, ids)).map((summary) => [summary.model.id, summary]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One model version; 404 when it does not exist. */
export async function getModelVersion(deps: Pick<Deps, 'db'>, id: string): Promise<ModelVersion> {
  const model = await findModelVersion(deps.db, id);
  if (!model) throw new NotFound(`model version '${id}' does not exist`);
  return model;
}

/** The listed model versions that exist, in no particular order. */
export function getModelVersions(deps: Pick<Deps, 'db'>, ids: string[]): Promise<ModelVersion[]> {
  return findModelVersions(deps.db, ids);
}

/** How many model versions have incomplete provenance (so their score is capped). */
export function countIncompleteProvenance(deps: Pick<Deps, 'db'>): Promise<number> {
  return countIncomplete(deps.db);
}

/** The lineage's promoted version, if it has one. */
export async function findPromotedVersion(deps: Pick<Deps, 'db'>, modelName: string) {
  return findPromoted(deps.db, modelName);
}

/** The promoted version's id of each listed lineage that has one, by name (one statement). */
export function findPromotedVersions(
  deps: Pick<Deps, 'db'>,
  modelNames: string[],
): Promise<Map<string, string>> {
  return findPromotedOf(deps.db, modelNames);
}

/** The version number of each listed model version that exists. */
export function getVersionNumbers(deps: Pick<Deps, 'db'>, ids: string[]): Promise<Map<string, number>> {
  return findVersionNumbers(deps.db, ids);
}

/** One page of the catalog. */
export interface ModelPage {
  /** The items as read, under the names the API sends: `presentModelPage` completes them in place. */
  items: ListItemRow[];
  /** The count of all matches, regardless of paging. */
  total: number;
  /** The position after the page's last row, or null on the last page. */
  next: KeysetPosition | null;
}

/** A page of the catalog: filters, sort, and where the page starts. */
export async function listModels(
  deps: Pick<Deps, 'db'>,
  props: { filter: ModelListFilter; start: PageStart; limit: number },
): Promise<ModelPage> {
  // The page with its items and the total: two statements at once, one round trip.
  const [rows, total] = await Promise.all([
    findModelItemPage(deps.db, props.filter, props.start, props.limit),
    countModels(deps.db, props.filter),
  ]);
  const page = takePage(rows, props.limit, (row) => ({ value: row.sortKey, id: row.id }));
  return { items: page.rows, total, next: page.next };
}

/** The fields a catalog filter may name, as the catalog page's reminder lists them. */
export function listModelFilterFields(): string[] {
  return fieldNames(MODEL_FIELDS);
}

/** Everything about one model version (`GET /api/models/{id}`). */
export interface ModelDetail {
  summary: ModelSummary;
  /** The whole lineage, oldest first. */
  lineage: LineageVersion[];
  attributedEdges: { count: number; flagged: number };
  /** The last 20 events that target the version. */
  events: Event[];
  /** Its MLflow record, when it was created through the MLflow face. */
  mlflow: MlflowRecord | null;
}

/**
 * One version's detail as `viewer` may see it: a process runtime's command and env only for the
 * lineage's maintainers and `admin`. 404 when unknown.
 */
export async function getModelDetail(
  deps: Pick<Deps, 'db'>,
  ref: string,
  viewer?: Caller,
): Promise<ModelDetail> {
  const id = await resolveVersionRef(deps.db, ref);
  // The version's own reads in one statement and its events in another, both at once: one round
  // trip, two statements (each built once, db/prepared.ts) — the API's hottest read with the
  // catalog page.
  const [found, events] = await Promise.all([
    findModelDetailReads(deps.db, id),
    listEventsForTarget(deps, id, 20),
  ]);
  if (!found) throw new NotFound(`model version '${ref}' does not exist`);
  const { summary: own, lineage, attributedEdges, mlflow } = found;
  const summary = (await maySeeRuntime(deps.db, viewer, own.model.modelName))
    ? own
    : { ...own, model: { ...own.model, runtime: redactRuntime(own.model.runtime) } };
  return { summary, lineage, attributedEdges, events, mlflow };
}

async function maySeeRuntime(db: Db, viewer: Caller | undefined, modelName: string): Promise<boolean> {
  if (!viewer) return false;
  return hasScope(viewer, 'admin') || isMaintainer(db, modelName, viewer.agentId);
}

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

/** Compares model versions in the order given (2 to 50 distinct ids); 404 names every unknown id. */
export async function compareModelVersions(deps: Pick<Deps, 'db'>, refs: string[]): Promise<Comparison> {
  const ids = await Promise.all(refs.map((ref) => resolveVersionRef(deps.db, ref)));
  if (new Set(ids).size !== ids.length) throw new InvalidRequest('ids must name distinct model versions');
  // The three reads need only the ids: all at once, one round trip (for an unknown id they are
  // wasted, and the answer is a 404).
  const [summaries, analysisInputs, hops] = await Promise.all([
    getModelSummaries(deps, ids),
    findAnalysisInputs(deps.db, ids),
    findLinkHopsWithin(deps.db, ids, PROVENANCE_DAG_HOPS),
  ]);
  const known = new Set(summaries.map((summary) => summary.model.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new NotFound(`unknown model version(s): ${unknown.join(', ')}`, { missing: unknown });
  const dags = provenanceDagsOf(
    summaries.map(({ model }) => ({ id: model.id, title: model.title })),
    hops,
    PROVENANCE_DAG_HOPS,
  );
  const viaAnalysis = new Map<string, string[]>();
  for (const input of analysisInputs) {
    const key = keyOf(input.targetId, input.targetVersion);
    const keys = viaAnalysis.get(input.modelId);
    if (keys) keys.push(key);
    else viaAnalysis.set(input.modelId, [key]);
  }
  return compareModels(
    summaries.map((summary) => {
      const trainingData: string[] = [];
      const inputs: string[] = [];
      for (const link of summary.links) {
        if (link.linkType === 'trained_on') trainingData.push(keyOf(link.targetId, link.targetVersion));
        else if (link.linkType === 'input') inputs.push(keyOf(link.targetId, link.targetVersion));
      }
      return {
        summary,
        trainingData,
        inputs: [...trainingData, ...inputs, ...(viaAnalysis.get(summary.model.id) ?? [])],
        dag: dags.get(summary.model.id) ?? { nodes: [], edges: [] },
      };
    }),
  );
}
