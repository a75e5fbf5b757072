/**
 * Lineages, aliases and tags as plain data and rules (docs/concepts.md#models-and-lineages): the lineage
 * resource, the alias and tag key rules, the reserved aliases, version references (`<model_name>@<alias>`)
 * and tag filters.
 */
import type { PromotionPolicy } from './policy.ts';

/** Alias names: lower-case, like MLflow's. */
export const ALIAS_PATTERN = '^[a-z][a-z0-9_-]{0,63}$';
/** Tag keys. */
export const TAG_KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$';
/** The longest tag value. */
export const MAX_TAG_VALUE = 5_000;
/** Aliases that always name the lineage's latest and promoted version; nobody sets them. */
export const RESERVED_ALIASES = ['latest', 'promoted'] as const;

/** A lineage as a resource: its description, head and promoted versions, aliases, tags, maintainers. */
export interface Lineage {
  modelName: string;
  description: string;
  latest: string | null;
  promoted: string | null;
  versions: number;
  aliases: Record<string, string>;
  /**
   * The aliases only `admin` may move or remove, by name — known for the lineage as it is now
   * (absent on a lineage read as of a past moment, whose aliases' protection is not kept).
   */
  protectedAliases?: string[];
  tags: Record<string, string>;
  maintainers: string[];
  /** What a promotion needs (the defaults when the lineage never set a policy). */
  policy: PromotionPolicy;
  createdAt: Date;
  updatedAt: Date;
}

/** A lineage as clients that track only names, tags and aliases see it (the MLflow face). */
export interface LineageCard {
  modelName: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  /** Retired lineages are hidden from the MLflow face. */
  isRetired: boolean;
  tags: Record<string, string>;
  /** The version number each alias names. */
  aliases: Record<string, number>;
}

/** A reference to a model version: a plain id, or `<model_name>@<alias>`. */
export type VersionRef = { id: string } | { modelName: string; alias: string };

/** Reads a version reference; `@` never occurs in ids, so it always means an alias. */
export function parseVersionRef(ref: string): VersionRef {
  const at = ref.indexOf('@');
  return at < 0 ? { id: ref } : { modelName: ref.slice(0, at), alias: ref.slice(at + 1) };
}

/** A `tag` filter of a list: `key:value` (split at the first `:`) matches that value, `key` any value. */
export interface TagFilter {
  key: string;
  value?: string;
}

/** Reads the `tag` parameters of a list. */
export function parseTagFilters(tags: readonly string[] = []): TagFilter[] {
  return tags.map((tag) => {
    const colon = tag.indexOf(':');
    return colon < 0 ? { key: tag } : { key: tag.slice(0, colon), value: tag.slice(colon + 1) };
  });
}

/** Why a tag cannot be stored (its key or value breaks the tag rules), or undefined when it can. */
export function tagProblem(key: string, value: string): string | undefined {
  if (!new RegExp(TAG_KEY_PATTERN).test(key)) return `tag key '${key}' must match ${TAG_KEY_PATTERN}`;
  if (value.length > MAX_TAG_VALUE)
    return `the value of tag '${key}' is longer than ${MAX_TAG_VALUE} characters`;
  return undefined;
}

/** Why an alias name cannot be set (the alias pattern, or a reserved name), or undefined when it can. */
export function aliasProblem(alias: string): string | undefined {
  return new RegExp(ALIAS_PATTERN).test(alias) ? undefined : `alias '${alias}' must match ${ALIAS_PATTERN}`;
}
