/**
 * The orders of the searches of lineages and model versions (the MLflow face's
 * `search_registered_models` and `search_model_versions`): several keys, each ascending or
 * descending, made total by tie-breaks so keyset pages never overlap or skip. Which rows a search
 * finds is a search-language filter over the registry's field tables.
 */

/** A sort key of a lineage search. */
export type LineageSortKey = 'name' | 'updated_at';
/** A sort key of a version search. */
export type VersionSortKey = 'name' | 'version_number' | 'created_at' | 'updated_at';

/** One key of a search's order. */
export interface SortTerm<K extends string> {
  key: K;
  direction: 'asc' | 'desc';
}

/**
 * The order with the tie-breaks that make it total: lineages end with the name ascending (unless
 * sorted by name already); versions with the name ascending, then the version number descending.
 */
export function totalOrder<K extends string>(terms: SortTerm<K>[], tieBreaks: SortTerm<K>[]): SortTerm<K>[] {
  const named = new Set(terms.map((term) => term.key));
  return [...terms, ...tieBreaks.filter((term) => !named.has(term.key))];
}
