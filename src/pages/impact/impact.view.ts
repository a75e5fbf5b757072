/**
 * The impact preview's result page: what promoting the candidate would do — the
 * histogram of changes as a chart, the edges it would flag, the largest changes, and who it would
 * pay — rendered from the API's own answer, with the form to run it again.
 */
import type { Caller } from '../../caller.ts';
import type { ImpactPreviewJson } from '../../jobs/rescore/impact-preview.schemas.ts';
import { formatDelta } from '../review/review-history.ts';
import { renderBarChart } from '../shared/bar-chart.svg.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { impactPanelUrl, renderImpactForm } from './impact-panel.view.ts';

/** The histogram's buckets in reading order, with what each means. */
export const BUCKETS = [
  ['large_decrease', 'Large decrease (flagged for review)'],
  ['decrease', 'Decrease'],
  ['stable', 'Stable'],
  ['increase', 'Increase'],
  ['skipped_no_inputs', 'Skipped: no stored inputs'],
  ['failed', 'Failed: the runner could not score'],
] as const;

/** How many flagged edges the page links one by one. */
export const FLAGGED_SHOWN = 100;

const edgeLink = (id: string) => html`<a href="/kg/edges/${encodeURIComponent(id)}">${id}</a>`;

function renderHistogram(preview: ImpactPreviewJson): Html {
  const chart = renderBarChart({
    metric: 'edges',
    title: `What a rescore after promoting ${preview.child_id} would do, edges by change`,
    bars: BUCKETS.map(([bucket, label]) => ({
      label,
      tooltip: label,
      value: preview.histogram[bucket],
      isBest: false,
    })),
  });
  return html`<figure class="card"><figcaption>Edges by change of confidence</figcaption>${chart}</figure>`;
}

function renderFlagged(preview: ImpactPreviewJson): Html {
  const { count, edge_ids } = preview.would_flag;
  if (count === 0)
    return html`<p class="muted">No edge would be flagged: no confidence would drop by a large step.</p>`;
  const shown = edge_ids.slice(0, FLAGGED_SHOWN);
  return html`<p>${count} edge${count === 1 ? '' : 's'} would be flagged for review.</p>
<ul class="flagged-edges">${shown.map((id) => html`<li>${edgeLink(id)}</li>`)}</ul>
${count > shown.length ? html`<p class="muted">…and ${count - shown.length} more (all of them are in the API's answer).</p>` : ''}`;
}

function renderChanges(preview: ImpactPreviewJson): Html {
  if (preview.largest_changes.length === 0) return html`<p class="muted">No edge would be re-scored.</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Edge</th><th scope="col">Statement</th><th scope="col" class="num">Now</th><th scope="col" class="num">After</th><th scope="col" class="num">Change</th><th scope="col">Bucket</th></tr></thead>
<tbody>${preview.largest_changes.map(
    (change) =>
      html`<tr data-edge-id="${change.edge_id}"><td>${edgeLink(change.edge_id)}</td><td>${change.subject} <span class="muted">${change.predicate}</span> ${change.object}</td><td class="num">${change.old_confidence.toFixed(3)}</td><td class="num">${change.new_confidence.toFixed(3)}</td><td class="num${change.bucket === 'large_decrease' ? ' flagged' : ''}">${formatDelta(change.delta)}</td><td>${change.bucket}</td></tr>`,
  )}</tbody>
</table></div>`;
}

function renderPayout(preview: ImpactPreviewJson): Html {
  const payout = preview.payout_preview;
  return html`<div class="table-wrap"><table>
<caption>Pool ${payout.pool} credits; the caps would hold back ${payout.withheld}, kept in the treasury</caption>
<thead><tr><th scope="col">Agent</th><th scope="col">Role</th><th scope="col" class="num">Weight</th><th scope="col" class="num">Credits</th><th scope="col">Capped by</th></tr></thead>
<tbody>${payout.payouts.map(
    (line) =>
      html`<tr><td>${line.agent_id}</td><td>${line.role}</td><td class="num">${line.weight.toFixed(3)}</td><td class="num" title="${line.amount}">${line.amount.toFixed(2)}</td><td>${line.capped_by ?? html`<span class="muted">—</span>`}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** What the result page shows: the preview and who asked. */
export interface ImpactPageProps {
  preview: ImpactPreviewJson;
  caller: Caller;
  maxEdges?: number;
}

/** The whole result page. */
export function renderImpactPage(props: ImpactPageProps): Html {
  const { preview } = props;
  const child = encodeURIComponent(preview.child_id);
  return renderLayout({
    title: `Promotion impact of ${preview.child_id}`,
    body: html`<p class="muted"><a href="/models">Models</a> › <a href="/models/${child}">${preview.child_id}</a> › Promotion impact</p>
<h1>Promotion impact of ${preview.child_id}</h1>
<p>Promoting <a href="/models/${child}">${preview.child_id}</a> over <a href="/models/${encodeURIComponent(preview.parent_id)}">${preview.parent_id}</a>: the next rescore pass would take <strong>${preview.edges_considered}</strong> of the ${preview.edges_total} active edges ${preview.parent_id} inferred. Computed ${preview.computed_at} with the candidate's own runtime; nothing was written but a record of this preview.</p>
${renderImpactForm(preview.child_id, props.caller, props.maxEdges)}
<div class="grid">
<section aria-labelledby="h-histogram"><h2 id="h-histogram">Changes of confidence</h2>${renderHistogram(preview)}</section>
<section aria-labelledby="h-flagged"><h2 id="h-flagged">Edges it would flag</h2><div class="card">${renderFlagged(preview)}</div></section>
</div>
<section aria-labelledby="h-changes"><h2 id="h-changes">Largest changes</h2>${renderChanges(preview)}</section>
<section aria-labelledby="h-payout"><h2 id="h-payout">Who it would pay</h2>${renderPayout(preview)}</section>
<p><a href="${impactPanelUrl(preview.child_id)}">Back to the model page</a></p>`,
  });
}
