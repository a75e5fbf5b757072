/**
 * MLflow's search filter strings, as its client sends them, read by the search language's parser
 * in MLflow's dialect: ``name LIKE 'bench-%' AND tags.team = 'a' AND tag.`mlflow.prompt.is_prompt`
 * != 'true'``, and beyond what MLflow's server accepts, OR, NOT, parentheses and IN. MLflow's
 * spellings map onto the searches' fields: `tag.<key>` is `tags.<key>`, `attribute.name` (or
 * `attributes.`, `attr.`) is `name`, and a quoted number compares as a number with
 * `version_number`. Pure: the registry's field tables say what each field means.
 */
import { type ComparisonNode, type FilterValue, mapComparisons } from '../../search/core/filter-ast.ts';
import { type ParsedFilter, parseFilter } from '../../search/core/filter-parser.ts';

const ATTRIBUTE_PREFIXES = new Set(['attribute', 'attributes', 'attr']);
const NUMERIC = /^-?\d+(\.\d+)?$/;

const numeric = (value: FilterValue): FilterValue =>
  value.kind === 'string' && NUMERIC.test(value.value.trim())
    ? { kind: 'number', value: Number(value.value), position: value.position }
    : value;

function fromMlflow(comparison: ComparisonNode): ComparisonNode {
  const { name, key, position } = comparison.field;
  const prefix = name.toLowerCase();
  const field =
    key !== undefined && ATTRIBUTE_PREFIXES.has(prefix)
      ? { name: key, position }
      : key !== undefined && (prefix === 'tag' || prefix === 'tags')
        ? { name: 'tags', key, position }
        : comparison.field;
  if (field.name !== 'version_number' || field.key !== undefined) return { ...comparison, field };
  if (comparison.kind === 'compare') return { ...comparison, field, value: numeric(comparison.value) };
  if (comparison.kind === 'in') return { ...comparison, field, values: comparison.values.map(numeric) };
  return { ...comparison, field };
}

/** A filter of `registered-models/search` or `model-versions/search`; undefined when empty. */
export function parseMlflowFilter(text: string | undefined): ParsedFilter | undefined {
  const parsed = parseFilter(text, 'mlflow');
  return parsed && { text: parsed.text, expr: mapComparisons(parsed.expr, fromMlflow) };
}
