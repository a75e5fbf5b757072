/**
 * The catalog's filter form: every filter and sort of `GET /api/models` — the search-language
 * filter box among them, with the reason a filter was refused shown under it, at the character
 * where it went wrong — sent as a GET so the state lives in the URL and the page works without
 * JavaScript.
 */
import type { FilterProblem } from '../../errors.ts';
import {
  METRIC_SORT_PREFIX,
  MODEL_FAMILIES,
  MODEL_SORTS,
  MODEL_STATUSES,
} from '../../registry/core/model.ts';
import { MODEL_FLAGS, type ModelFlag } from '../../registry/core/provenance.ts';
import { type Html, html } from '../shared/html.ts';
import type { CatalogQuery } from './catalog-url.ts';

const SORT_LABELS: Record<string, string> = {
  created_at: 'Created',
  quality_score: 'Quality score',
  parameter_count: 'Parameter count',
};

/** What the form shows beyond the query: the filter's fields, the metrics it offers to sort by, a refused filter. */
export interface CatalogFormExtras {
  /** The fields a filter may name (`tags.<key>` and the like included). */
  fields: string[];
  /** Metric names to offer as sorts (those of the rows shown, and the current sort's). */
  metrics: string[];
  /** Why the filter was refused, when it was. */
  problem?: { message: string } & FilterProblem;
}

const FLAG_LABELS: Record<ModelFlag, string> = {
  provenance_incomplete: 'Provenance incomplete',
  retracted_input: 'Retracted input',
};

function options(
  values: readonly string[],
  selected: string | undefined,
  labels: Record<string, string> = {},
) {
  return values.map(
    (value) =>
      html`<option value="${value}"${value === selected ? html` selected` : ''}>${labels[value] ?? value}</option>`,
  );
}

function sortOptions(query: CatalogQuery, metrics: string[]) {
  const current = query.sort.startsWith(METRIC_SORT_PREFIX)
    ? [query.sort.slice(METRIC_SORT_PREFIX.length)]
    : [];
  const metricSorts = [...new Set([...current, ...metrics])]
    .sort()
    .map((name) => `${METRIC_SORT_PREFIX}${name}`);
  const labels = {
    ...SORT_LABELS,
    ...Object.fromEntries(
      metricSorts.map((sort) => [sort, `Metric ${sort.slice(METRIC_SORT_PREFIX.length)}`]),
    ),
  };
  return options([...MODEL_SORTS, ...metricSorts], query.sort, labels);
}

/** The refused filter with the character where it went wrong marked, and what would have fitted there. */
function renderProblem(filter: string, problem: NonNullable<CatalogFormExtras['problem']>): Html {
  const chars = [...filter];
  const before = chars.slice(0, problem.position).join('');
  const at = chars[problem.position] ?? ' ';
  const after = chars.slice(problem.position + 1).join('');
  return html`<div class="filter-problem" id="filter-problem" role="alert">
<p>${problem.message}</p>
<pre><code>${before}<mark title="position ${problem.position}">${at}</mark>${after}</code></pre>
<p class="muted">Expected here: ${codes(problem.expected)}.</p>
</div>`;
}

const codes = (items: string[]) => items.map((item, i) => html`${i > 0 ? ', ' : ''}<code>${item}</code>`);

/** A reminder of the language, folded away until asked for. */
function renderHelp(fields: string[]): Html {
  return html`<details class="wide filter-help"><summary>How to write a filter</summary>
<p>Comparisons <code>field op value</code> joined by <code>AND</code>, <code>OR</code>, <code>NOT</code> and parentheses. Operators: ${codes(['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE', "IN ('a', 'b')", 'NOT IN (…)', 'IS NULL', 'IS NOT NULL'])}. Values are <code>'quoted strings'</code> (<code>''</code> for a quote) or numbers; in LIKE patterns <code>%</code> is any run, <code>_</code> one character, <code>\\</code> escapes.</p>
<p>Fields: ${codes(fields)}.</p>
<p>Example: <code>trained_on IN ('dataset-sea-ad@2', 'dataset-sea-ad@3') AND metrics.auc &gt; 0.8 AND status != 'archived' AND tags.task = 'classification'</code></p>
</details>`;
}

/** The form, filled in with the current query. */
export function renderCatalogForm(query: CatalogQuery, extras: CatalogFormExtras): Html {
  const { problem } = extras;
  const invalid = problem ? html` aria-invalid="true" aria-describedby="filter-problem"` : '';
  return html`<form class="card filters" method="get" action="/models" aria-label="Filter and sort models">
<label class="wide">Filter <input type="text" name="filter" value="${query.filter ?? ''}" placeholder="status != 'archived' AND (metrics.auc > 0.8 OR tags.task IN ('classification'))" spellcheck="false" autocomplete="off"${invalid}></label>
${problem ? renderProblem(query.filter ?? '', problem) : ''}
${renderHelp(extras.fields)}
<label>Search title or id <input type="search" name="q" value="${query.q ?? ''}" maxlength="200"></label>
<label>Family <select name="family"><option value="">Any family</option>${options(MODEL_FAMILIES, query.family)}</select></label>
<label>Status <select name="status"><option value="">Any status</option>${options(MODEL_STATUSES, query.status)}</select></label>
<label>Flag <select name="flag"><option value="">Any or none</option>${options(MODEL_FLAGS, query.flag, FLAG_LABELS)}</select></label>
<label>Trained on dataset <input type="text" name="dataset" value="${query.dataset ?? ''}" placeholder="dataset id"></label>
<label>Tests hypothesis <input type="text" name="hypothesis" value="${query.hypothesis ?? ''}" placeholder="hypothesis id"></label>
<label>Tag <input type="text" name="tag" value="${query.tag?.[0] ?? ''}" placeholder="key or key:value"></label>
<label>Sort by <select name="sort">${sortOptions(query, extras.metrics)}</select></label>
<label>Order <select name="order">${options(['desc', 'asc'], query.order, { desc: 'Descending', asc: 'Ascending' })}</select></label>
<label>Per page <input type="number" name="limit" value="${query.limit}" min="1" max="200"></label>
<label class="check"><input type="checkbox" name="all_versions" value="true"${query.all_versions ? html` checked` : ''}> All versions</label>
<div><button type="submit">Apply</button> <a href="/models">Reset</a></div>
</form>`;
}
