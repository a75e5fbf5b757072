/**
 * The catalog's filter form: every filter and sort of `GET /api/models`, sent as a GET so the
 * state lives in the URL and the page works without JavaScript.
 */
import { MODEL_FAMILIES, MODEL_SORTS, MODEL_STATUSES } from '../../registry/core/model.ts';
import { MODEL_FLAGS, type ModelFlag } from '../../registry/core/provenance.ts';
import { type Html, html } from '../shared/html.ts';
import type { CatalogQuery } from './catalog-url.ts';

const SORT_LABELS: Record<(typeof MODEL_SORTS)[number], string> = {
  created_at: 'Created',
  quality_score: 'Quality score',
  parameter_count: 'Parameter count',
};

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

/** The form, filled in with the current query. */
export function renderCatalogForm(query: CatalogQuery): Html {
  return html`<form class="card filters" method="get" action="/models" aria-label="Filter and sort models">
<label>Search title or id <input type="search" name="q" value="${query.q ?? ''}" maxlength="200"></label>
<label>Family <select name="family"><option value="">Any family</option>${options(MODEL_FAMILIES, query.family)}</select></label>
<label>Status <select name="status"><option value="">Any status</option>${options(MODEL_STATUSES, query.status)}</select></label>
<label>Flag <select name="flag"><option value="">Any or none</option>${options(MODEL_FLAGS, query.flag, FLAG_LABELS)}</select></label>
<label>Trained on dataset <input type="text" name="dataset" value="${query.dataset ?? ''}" placeholder="dataset id"></label>
<label>Tests hypothesis <input type="text" name="hypothesis" value="${query.hypothesis ?? ''}" placeholder="hypothesis id"></label>
<label>Tag <input type="text" name="tag" value="${query.tag?.[0] ?? ''}" placeholder="key or key:value"></label>
<label>Sort by <select name="sort">${options(MODEL_SORTS, query.sort, SORT_LABELS)}</select></label>
<label>Order <select name="order">${options(['desc', 'asc'], query.order, { desc: 'Descending', asc: 'Ascending' })}</select></label>
<label>Per page <input type="number" name="limit" value="${query.limit}" min="1" max="200"></label>
<label class="check"><input type="checkbox" name="all_versions" value="true"${query.all_versions ? html` checked` : ''}> All versions</label>
<div><button type="submit">Apply</button> <a href="/models">Reset</a></div>
</form>`;
}
