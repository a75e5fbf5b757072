/**
 * The catalog page (`/models`): the filter form, a table of model versions with the quality
 * score and its provenance flag, checkboxes to compare a selection, and pagination links that
 * keep every filter — or, for a filter the search language refused, the form with the reason.
 */
import type { ModelListItemJson } from '../../registry/models/model.schemas.ts';
import { formatCount, formatDate, formatNumber } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { renderQuality } from '../shared/quality.view.ts';
import { type CatalogFormExtras, renderCatalogForm } from './catalog-form.view.ts';
import { type CatalogQuery, catalogUrl, pageLinks } from './catalog-url.ts';

/** One page of the list API's answer. */
export interface CatalogResult {
  models: ModelListItemJson[];
  total: number;
  offset: number;
  next_cursor: string | null;
}

/** How many metrics a row shows; the model page has them all. */
const KEY_METRICS = 3;

function renderMetrics(metrics: Record<string, number>): Html {
  const entries = Object.entries(metrics).slice(0, KEY_METRICS);
  if (entries.length === 0) return html`<span class="muted">—</span>`;
  return html`${entries.map(([name, value], i) => html`${i > 0 ? html`<br>` : ''}<code>${name}</code> ${formatNumber(value)}`)}`;
}

function renderRow(item: ModelListItemJson): Html {
  return html`<tr>
<td><input type="checkbox" name="ids" value="${item.id}" aria-label="Select ${item.title} for comparison"></td>
<td class="title"><a href="/models/${encodeURIComponent(item.id)}">${item.title}</a><br><span class="muted id">${item.id}</span></td>
<td>${item.model_name}</td>
<td>v${item.version_number}${item.is_latest ? html` <span class="badge">latest</span>` : ''}</td>
<td>${item.model_family}</td>
<td><span class="badge ${item.status}">${item.status}</span></td>
<td>${renderQuality(item)}</td>
<td>${renderMetrics(item.evaluation_metrics)}</td>
<td class="num">${formatCount(item.parameter_count)}</td>
<td class="date">${formatDate(item.created_at)}</td>
</tr>`;
}

function renderPager(query: CatalogQuery, result: CatalogResult): Html {
  const links = pageLinks(query, { ...result, shown: result.models.length });
  const from = result.models.length === 0 ? 0 : result.offset + 1;
  const range =
    query.cursor === undefined
      ? html`${from}–${result.offset + result.models.length} of ${result.total}`
      : html`${result.models.length} of ${result.total}`;
  return html`<nav class="pager" aria-label="Pages">
${links.first ? html`<a href="${links.first}" rel="first">« First page</a>` : ''}
${links.previous ? html`<a href="${links.previous}" rel="prev">← Previous</a>` : ''}
<span class="muted">Showing ${range}</span>
${links.next ? html`<a href="${links.next}" rel="next">Next →</a>` : ''}
</nav>`;
}

/** What the page shows beside the list: the filter's fields, a refused filter, a notice. */
export interface CatalogPageExtras {
  fields: string[];
  problem?: CatalogFormExtras['problem'];
  /** Fewer than two versions were ticked for comparison: say so above the table. */
  compareNotice?: boolean;
}

/** This page's own URL, for the compare form to come back to. */
const selfUrl = (query: CatalogQuery) =>
  catalogUrl(query, query.cursor === undefined ? { offset: query.offset } : { cursor: query.cursor });

/**
 * The whole catalog page; without a result (a refused filter), the form with `problem` and no
 * table.
 */
export function renderCatalogPage(
  query: CatalogQuery,
  result: CatalogResult | undefined,
  { fields, problem, compareNotice }: CatalogPageExtras,
): Html {
  if (!result) {
    return renderLayout({
      title: 'Models',
      body: html`<h1>Models</h1>
<p class="muted">The filter could not be read: nothing was searched.</p>
${renderCatalogForm(query, { fields, metrics: [], problem })}`,
    });
  }
  const metrics = [...new Set(result.models.flatMap((model) => Object.keys(model.evaluation_metrics)))];
  const table =
    result.models.length === 0
      ? html`<p class="card muted">No model versions match these filters.</p>`
      : html`<form method="get" action="/models/compare" aria-label="Compare selected models">
<input type="hidden" name="back" value="${selfUrl(query)}">
${compareNotice ? html`<p class="notice" role="status" id="compare-notice">Select at least two versions to compare them side by side.</p>` : ''}
<div class="toolbar"><span class="muted">Tick two or more versions to compare them side by side.</span><button type="submit">Compare selected</button></div>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Select</th><th scope="col">Title</th><th scope="col">Lineage</th><th scope="col">Version</th><th scope="col">Family</th><th scope="col">Status</th><th scope="col">Quality</th><th scope="col">Key metrics</th><th scope="col" class="num">Parameters</th><th scope="col">Created</th></tr></thead>
<tbody>
${result.models.map(renderRow)}
</tbody>
</table></div>
</form>`;
  return renderLayout({
    title: 'Models',
    body: html`<h1>Models</h1>
<p class="muted">${result.total} model version${result.total === 1 ? '' : 's'} match.</p>
${renderCatalogForm(query, { fields, metrics })}
${table}
${renderPager(query, result)}`,
  });
}
