/**
 * MLflow filter comparisons as modelgraph searches: which attribute and operator each
 * endpoint accepts, and what it means. Registered models: `name` and tags. Model versions: `name`,
 * `run_id`, `source_path`, `version_number` and tags. Anything else is a 400 naming what is valid.
 */
import { InvalidRequest } from '../../errors.ts';
import type {
  LineageSearch,
  NumberMatch,
  TagMatch,
  TextMatch,
  VersionSearch,
} from '../../registry/core/search.ts';
import type { Comparison } from './filter.ts';

const TEXT_OPS: Record<string, TextMatch['op']> = { '=': '=', '!=': '!=', LIKE: 'like', ILIKE: 'ilike' };
const NUMBER_OPS = new Set<string>(['=', '!=', '<', '<=', '>', '>=']);

function textMatch(comparison: Comparison): TextMatch {
  const op = TEXT_OPS[comparison.op];
  if (!op) {
    throw new InvalidRequest(
      `Invalid comparator '${comparison.op}' for '${comparison.key}': use =, !=, LIKE or ILIKE.`,
    );
  }
  if (typeof comparison.value !== 'string') {
    throw new InvalidRequest(`Invalid value for '${comparison.key}': expected a quoted string.`);
  }
  return { op, value: comparison.value };
}

function tagMatch(comparison: Comparison): TagMatch {
  return { key: comparison.key, ...textMatch(comparison) };
}

function numberMatch(comparison: Comparison): NumberMatch {
  const value = Number(comparison.value);
  if (!NUMBER_OPS.has(comparison.op)) {
    throw new InvalidRequest(`Invalid comparator '${comparison.op}' for '${comparison.key}'.`);
  }
  if (!Number.isInteger(value) || Math.abs(value) > 2_147_483_647) {
    throw new InvalidRequest(`Invalid value for '${comparison.key}': expected an integer.`);
  }
  return { op: comparison.op as NumberMatch['op'], value };
}

function invalidAttribute(key: string, valid: string[]): InvalidRequest {
  return new InvalidRequest(`Invalid attribute key '${key}' specified. Valid keys are ${valid.join(', ')}.`);
}

/** A registered-model search from its filter's comparisons. */
export function lineageSearchOf(comparisons: Comparison[]): LineageSearch {
  const search: LineageSearch = { name: [], tags: [] };
  for (const comparison of comparisons) {
    if (comparison.entity === 'tag') search.tags.push(tagMatch(comparison));
    else if (comparison.key === 'name') search.name.push(textMatch(comparison));
    else throw invalidAttribute(comparison.key, ['name']);
  }
  return search;
}

const VERSION_TEXT_FIELDS = { name: 'name', run_id: 'runId', source_path: 'source' } as const;

/** A model-version search from its filter's comparisons. */
export function versionSearchOf(comparisons: Comparison[]): VersionSearch {
  const search: VersionSearch = { name: [], runId: [], source: [], versionNumber: [], tags: [] };
  for (const comparison of comparisons) {
    if (comparison.entity === 'tag') {
      search.tags.push(tagMatch(comparison));
    } else if (comparison.key === 'version_number') {
      search.versionNumber.push(numberMatch(comparison));
    } else if (Object.hasOwn(VERSION_TEXT_FIELDS, comparison.key)) {
      const field = VERSION_TEXT_FIELDS[comparison.key as keyof typeof VERSION_TEXT_FIELDS];
      search[field].push(textMatch(comparison));
    } else {
      throw invalidAttribute(comparison.key, ['name', 'run_id', 'source_path', 'version_number']);
    }
  }
  return search;
}
