/**
 * The searches every face can ask (the MLflow face's `search_registered_models` and
 * `search_model_versions`): a page of lineages or model versions in a total order, the position
 * after it, and what a registered model shows of its versions — the newest one in each status.
 */
import type { Deps } from '../deps.ts';
import { InvalidRequest } from '../errors.ts';
import type { Lineage } from './core/lineage.ts';
import type { ModelSummary } from './core/model.ts';
import {
  type LineageSearch,
  type LineageSortKey,
  type SortTerm,
  totalOrder,
  type VersionSearch,
  type VersionSortKey,
} from './core/search.ts';
import { loadLineages } from './lineage-read.service.ts';
import { findNewestPerStatus, findVersionNumbers } from './model.repository.ts';
import { getModelSummaries } from './model-read.service.ts';
import { findLineageSearchPage, findVersionSearchPage, type SearchRow } from './search.repository.ts';

/** A search: its conditions, its order (tie-breaks are added), where the page starts, its size. */
export interface SearchProps<S, K extends string> {
  search: S;
  order: SortTerm<K>[];
  /** The `next` of the previous page. */
  after?: string[];
  limit: number;
}

/** A page of results and the position after it (null on the last page). */
export interface SearchPage<T> {
  items: T[];
  next: string[] | null;
}

// PostgreSQL's text forms of the key types, so a forged position is a 400 and never a failed cast.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const SHAPES: Record<string, RegExp> = {
  name: /^[\s\S]{1,512}$/,
  version_number: /^[1-9][0-9]{0,9}$/,
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP,
};

function assertPosition(order: SortTerm<string>[], after: string[] | undefined): void {
  if (after === undefined) return;
  const fits =
    after.length === order.length &&
    order.every((term, i) => typeof after[i] === 'string' && SHAPES[term.key].test(after[i]));
  if (!fits) throw new InvalidRequest('the page position does not belong to this search');
}

function pageOf(rows: SearchRow[], limit: number): { ids: string[]; next: string[] | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { ids: page.map((row) => row.id), next: rows.length > limit && last ? last.position : null };
}

/** Lineages in an order ending with the name ascending: one page and the position after it. */
export async function searchLineages(
  deps: Pick<Deps, 'db'>,
  props: SearchProps<LineageSearch, LineageSortKey>,
): Promise<SearchPage<Lineage>> {
  const order = totalOrder(props.order, [{ key: 'name', direction: 'asc' }]);
  assertPosition(order, props.after);
  const page = pageOf(await findLineageSearchPage(deps.db, { ...props, order }), props.limit);
  return { items: await loadLineages(deps, page.ids), next: page.next };
}

/** Model versions in an order ending with the name ascending, then the version number descending. */
export async function searchModelVersions(
  deps: Pick<Deps, 'db'>,
  props: SearchProps<VersionSearch, VersionSortKey>,
): Promise<SearchPage<ModelSummary>> {
  const order = totalOrder(props.order, [
    { key: 'name', direction: 'asc' },
    { key: 'version_number', direction: 'desc' },
  ]);
  assertPosition(order, props.after);
  const page = pageOf(await findVersionSearchPage(deps.db, { ...props, order }), props.limit);
  return { items: await getModelSummaries(deps, page.ids), next: page.next };
}

/** The newest version of each listed lineage in each status it has, by lineage. */
export async function getNewestPerStatus(
  deps: Pick<Deps, 'db'>,
  modelNames: string[],
): Promise<Map<string, ModelSummary[]>> {
  const rows = await findNewestPerStatus(deps.db, modelNames);
  const summaries = await getModelSummaries(
    deps,
    rows.map((row) => row.id),
  );
  const byLineage = new Map<string, ModelSummary[]>(modelNames.map((name) => [name, []]));
  for (const summary of summaries) byLineage.get(summary.model.modelName)?.push(summary);
  return byLineage;
}

/** The version number of each listed model version that exists (aliases name versions by id). */
export function getVersionNumbers(deps: Pick<Deps, 'db'>, ids: string[]): Promise<Map<string, number>> {
  return findVersionNumbers(deps.db, ids);
}
