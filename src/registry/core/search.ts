/**
 * Searches of lineages and model versions by exact or pattern matches on their fields and tags,
 * in an order of several keys with keyset pages: what MLflow's `search_registered_models` and
 * `search_model_versions` ask, as plain data the search repositories turn into SQL.
 */

/** A comparison of a text field: exact, negated, or an SQL pattern (`%`, `_`), case-sensitive or not. */
export interface TextMatch {
  op: '=' | '!=' | 'like' | 'ilike';
  value: string;
}

/** A comparison of a number field. */
export interface NumberMatch {
  op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  value: number;
}

/**
 * A tag condition: the tag exists with a matching value — except `!=`, which also matches owners
 * that lack the tag (MLflow's client relies on it: every search it sends excludes prompts with
 * ``tag.`mlflow.prompt.is_prompt` != 'true'``).
 */
export interface TagMatch extends TextMatch {
  key: string;
}

/** Which lineages: conditions on the name and on tags, all of them holding; retired ones never. */
export interface LineageSearch {
  name: TextMatch[];
  tags: TagMatch[];
}

/** Which model versions: conditions on fields and tags, all holding; those of retired lineages never. */
export interface VersionSearch {
  name: TextMatch[];
  /** `metadata.run_id` ('' when absent). */
  runId: TextMatch[];
  /** The version's source URI ('' when absent). */
  source: TextMatch[];
  versionNumber: NumberMatch[];
  tags: TagMatch[];
}

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
