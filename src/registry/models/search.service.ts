/**
 * The searches every face can ask (the MLflow face's `search_registered_models` and
 * `search_model_versions`): a page of lineage or version cards in a total order and the position
 * after it.
 */
import type { Deps } from '../../deps.ts';
import { InvalidRequest } from '../../errors.ts';
import type { ParsedFilter } from '../../search/core/filter-parser.ts';
import type { LineageCard } from '../core/lineage.ts';
import type { VersionCard } from '../core/model.ts';
import { type LineageSortKey, type SortTerm, totalOrder, type VersionSortKey } from '../core/search.ts';
import { getLineageCards, getVersionCards } from './card.service.ts';
import { findLineageSearchPage, findVersionSearchPage, type SearchRow } from './search.repository.ts';

/** A search: its filter (none: everything), its order (tie-breaks are added), where the page starts, its size. */
export interface SearchProps<K extends string> {
  search?: ParsedFilter;
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

/**
 * Lineages in an order ending with the name ascending: one page and the position after it. The
 * page's names are handed to `withNames` as soon as they are known, so a face can load what it
 * shows of them (their versions, say) side by side with their cards.
 */
export async function searchLineages<T>(
  deps: Pick<Deps, 'db'>,
  props: SearchProps<LineageSortKey>,
  withNames: (names: string[]) => Promise<T>,
): Promise<SearchPage<LineageCard> & { extra: T }> {
  const order = totalOrder(props.order, [{ key: 'name', direction: 'asc' }]);
  assertPosition(order, props.after);
  const page = pageOf(await findLineageSearchPage(deps.db, { ...props, order }), props.limit);
  const [items, extra] = await Promise.all([getLineageCards(deps, page.ids), withNames(page.ids)]);
  return { items, next: page.next, extra };
}

/** Model versions in an order ending with the name ascending, then the version number descending. */
export async function searchModelVersions(
  deps: Pick<Deps, 'db'>,
  props: SearchProps<VersionSortKey>,
): Promise<SearchPage<VersionCard>> {
  const order = totalOrder(props.order, [
    { key: 'name', direction: 'asc' },
    { key: 'version_number', direction: 'desc' },
  ]);
  assertPosition(order, props.after);
  const page = pageOf(await findVersionSearchPage(deps.db, { ...props, order }), props.limit);
  return { items: await getVersionCards(deps, page.ids), next: page.next };
}
