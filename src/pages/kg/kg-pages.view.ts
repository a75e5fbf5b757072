/**
 * The knowledge-graph pages: `/kg`, the landing the breadcrumb "Knowledge graph" reaches, and
 * `/kg/edges`, the graph browser (a GET form of filters, a page of edges with each node as
 * `name (CURIE)`, and a keyset "next page" link that keeps the filters).
 */
import { nodeLabel } from '../../kg/core/node.ts';
import { formatPredicate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { artifactLink, nodeLink } from '../shared/links.view.ts';
import { REASON_LABELS } from '../shared/review-reason.ts';
import type { EdgeBrowserData } from './kg-pages.query.ts';
import type { EdgeBrowserRequest } from './kg-pages.schemas.ts';

const CRUMB = html`<p class="muted"><a href="/kg">Knowledge graph</a> › Edges</p>`;

/** The URL of the browser for `query`, leaving out what is unset. */
export function edgeBrowserUrl(query: Partial<EdgeBrowserRequest>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `/kg/edges?${text}` : '/kg/edges';
}

function option(value: string, label: string, current: string | undefined): Html {
  return html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;
}

function renderFilters(query: Partial<EdgeBrowserRequest>): Html {
  const text = (
    name: 'subject' | 'predicate' | 'object' | 'source_artifact_id',
    label: string,
    hint: string,
  ) =>
    html`<label>${label} <input type="text" name="${name}" value="${query[name] ?? ''}" placeholder="${hint}"></label>`;
  const flagged = query.flagged === undefined ? undefined : String(query.flagged);
  return html`<form method="get" action="/kg/edges" class="card filters" aria-label="Filter edges">
${text('subject', 'Subject', 'HGNC:TREM2')}
${text('predicate', 'Predicate', 'biolink:regulates')}
${text('object', 'Object', 'MONDO:0004975')}
${text('source_artifact_id', 'Model version', 'a model version id')}
<label>Flagged <select name="flagged">${option('', 'any', flagged)}${option('true', 'flagged', flagged)}${option('false', 'not flagged', flagged)}</select></label>
<label>Status <select name="status">${option('', 'any', query.status)}${option('active', 'active', query.status)}${option('retracted', 'retracted', query.status)}</select></label>
<button type="submit">Show edges</button>
</form>`;
}

function renderRows(data: EdgeBrowserData): Html {
  return html`${data.edges.map(
    (edge) => html`<tr>
<td>${nodeLink(edge.subject, data.names, 'subject')}</td>
<td><span title="${edge.predicate}">${formatPredicate(edge.predicate)}</span></td>
<td>${nodeLink(edge.object, data.names, 'object')}</td>
<td class="num"><a href="/kg/edges/${encodeURIComponent(edge.id)}" aria-label="Edge ${edge.id}, confidence ${edge.confidence.toFixed(3)}">${edge.confidence.toFixed(3)}</a></td>
<td>${edge.sourceArtifactId ? artifactLink(edge.sourceArtifactId, 'model') : html`<span class="muted">unattributed</span>`}</td>
<td>${edge.status === 'active' ? 'active' : html`<span class="badge">${edge.status}</span>`}${
      edge.reviewFlag
        ? html`<br><span class="flagged">⚑ flagged${edge.reviewReason ? `: ${REASON_LABELS[edge.reviewReason]}` : ''}</span>`
        : ''
    }</td>
</tr>`,
  )}`;
}

function renderPager(data: EdgeBrowserData): Html {
  const { cursor: _, ...filters } = data.query;
  return html`<nav class="pager" aria-label="Pages">
${data.query.cursor ? html`<a href="${edgeBrowserUrl(filters)}">First page</a>` : ''}
${data.nextCursor ? html`<a href="${edgeBrowserUrl({ ...filters, cursor: data.nextCursor })}" rel="next">Next page →</a>` : ''}
</nav>`;
}

/** The filters in words, each node with its name. */
function describeFilters(data: EdgeBrowserData): string {
  const { query, names } = data;
  const parts = [
    query.subject && `subject ${nodeLabel(query.subject, names)}`,
    query.predicate && `predicate ${formatPredicate(query.predicate)}`,
    query.object && `object ${nodeLabel(query.object, names)}`,
    query.source_artifact_id && `from ${query.source_artifact_id}`,
    query.flagged !== undefined && (query.flagged ? 'flagged' : 'not flagged'),
    query.status,
  ].filter(Boolean);
  return parts.length === 0 ? 'all edges' : parts.join(', ');
}

/** The graph browser page. */
export function renderEdgeBrowser(data: EdgeBrowserData): Html {
  const { limit: _, cursor: __, ...filters } = data.query;
  const api = `/api${edgeBrowserUrl(filters)}`;
  const table =
    data.edges.length === 0
      ? html`<p class="muted">No edge matches.</p>`
      : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Subject</th><th scope="col">Predicate</th><th scope="col">Object</th><th scope="col" class="num">Confidence</th><th scope="col">Model version</th><th scope="col">Status</th></tr></thead>
<tbody>${renderRows(data)}</tbody>
</table></div>`;
  return renderLayout({
    title: 'Edges',
    body: html`${CRUMB}
<h1>Edges</h1>
<p class="muted"><span data-total>${data.total}</span> matching (${describeFilters(data)}), highest confidence first · <a href="${api}">JSON</a></p>
${renderFilters(data.query)}
${table}
${renderPager(data)}`,
  });
}

/** The `/kg` landing: what the graph holds and where to go from here. */
export function renderGraphLanding(summary: { active: number; flagged: number }): Html {
  return renderLayout({
    title: 'Knowledge graph',
    body: html`<h1>Knowledge graph</h1>
<p>Statements inferred by models and curated by people, each with its confidence and the model version it came from.</p>
<ul>
<li><a href="/kg/edges?status=active">${summary.active} active edges</a>: browse and filter them by node, predicate, model version, flag and status.</li>
<li><a href="/kg/review">${summary.flagged} flagged edges wait for review</a>: keep or retract them.</li>
<li>Export the graph as KGX: <a href="/api/kg/export/nodes.jsonl" type="application/x-ndjson">nodes</a>, <a href="/api/kg/export/edges.jsonl" type="application/x-ndjson">edges</a>.</li>
</ul>
${renderFilters({})}`,
  });
}
