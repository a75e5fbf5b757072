/**
 * One promotion request's page (`/promotion-requests/{id}`): the version and lineage, its status,
 * the approvals it has and needs, its rejections, its checks (each with whether it passes and why),
 * the newest impact preview of the version, and the decision forms the visitor may use.
 */
import type { Caller } from '../../caller.ts';
import { renderFlash } from '../shared/action-flash.ts';
import { formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { renderSessionBar } from '../shared/sign-in.view.ts';
import type { RequestPageData, RequestView } from './promotion-request.query.ts';
import { renderRequestActions } from './request-actions.view.ts';

const CHECK_LABELS: Record<string, string> = {
  complete_provenance: 'Complete provenance',
  impact_preview: 'A recent impact preview',
  flag_fraction: 'Share of edges the preview would flag',
};

function renderChecks(request: RequestView): Html {
  if (request.checks.length === 0) {
    return html`<p class="muted">The lineage's policy requires no check: approvals alone decide.</p>`;
  }
  return html`<div class="table-wrap"><table class="checks">
<thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Detail</th></tr></thead>
<tbody>${request.checks.map(
    (check) => html`<tr data-check="${check.name}"><td>${CHECK_LABELS[check.name] ?? check.name}</td>
<td class="${check.passed ? 'passed' : 'failed'}">${check.passed ? '✓ passes' : '✗ fails'}</td><td>${check.detail}</td></tr>`,
  )}</tbody>
</table></div>`;
}

function renderDecisions(title: string, decisions: RequestView['approvals']): Html {
  if (decisions.length === 0) return html``;
  return html`<h3>${title}</h3><ul>${decisions.map(
    (decision) =>
      html`<li><strong>${decision.agent_id}</strong> <span class="muted">${formatDate(decision.at)}</span>${decision.comment ? html` — ${decision.comment}` : ''}</li>`,
  )}</ul>`;
}

function renderPreview(data: RequestPageData): Html {
  const { request, preview, promotedId } = data;
  const panel = `/models/${encodeURIComponent(request.model_id)}#impact`;
  if (promotedId === null) {
    return html`<p class="muted">No version of this lineage is promoted, so promoting this one would re-score nothing.</p>`;
  }
  if (!preview) {
    return html`<p>No impact preview of this version over <a href="/models/${encodeURIComponent(promotedId)}">${promotedId}</a> has been run. <a href="${panel}">Run one on the version's page</a></p>`;
  }
  return html`<dl class="meta card">
<dt>Over</dt><dd><a href="/models/${encodeURIComponent(promotedId)}">${promotedId}</a></dd>
<dt>Computed</dt><dd>${preview.computedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</dd>
<dt>Edges re-scored</dt><dd>${preview.scoredEdges}</dd>
<dt>Would be flagged</dt><dd>${preview.wouldFlag}</dd>
</dl>
<p><a href="${panel}">Run a new preview on the version's page</a></p>`;
}

/** The whole request page. */
export function renderRequestPage(data: RequestPageData, caller: Caller | undefined, done?: string): Html {
  const { request } = data;
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return renderLayout({
    title: `Promotion request ${request.id}`,
    body: html`<p class="muted"><a href="/models">Models</a> › <a href="/promotion-requests">promotion requests</a> › ${request.id}</p>
<h1>Promotion request ${request.id}: <span class="badge">${request.status}</span></h1>
<p class="muted"><a href="/api/promotion-requests/${request.id}">JSON</a></p>
${renderFlash(done)}
${renderSessionBar(caller, `/promotion-requests/${request.id}`)}
<div class="grid">
<section aria-labelledby="h-request"><h2 id="h-request">Request</h2><dl class="meta card">
${row('Version', html`<a href="/models/${encodeURIComponent(request.model_id)}">${request.model_id}</a>`)}
${row('Lineage', html`<a href="/lineages/${encodeURIComponent(request.model_name)}">${request.model_name}</a>`)}
${row('Requested by', request.requested_by)}
${row('Opened', formatDate(request.created_at))}
${row('Decided', request.decided_at ? formatDate(request.decided_at) : html`<span class="muted">not yet</span>`)}
${row('Approvals', `${request.approvals.length} of ${request.required_approvals} required`)}
${row('Note', request.note ?? html`<span class="muted">none</span>`)}
</dl>${renderDecisions('Approved by', request.approvals)}${renderDecisions('Rejected by', request.rejections)}</section>
<section aria-labelledby="h-preview"><h2 id="h-preview">Impact preview</h2>${renderPreview(data)}</section>
</div>
<section aria-labelledby="h-checks"><h2 id="h-checks">Checks</h2>${renderChecks(request)}</section>
${renderRequestActions(request, caller)}`,
  });
}
