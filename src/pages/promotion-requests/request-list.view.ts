/**
 * The promotion requests page (`/promotion-requests`): the requests of one status (open unless
 * another is asked), newest first, optionally of one lineage, with how far each is from approval.
 */
import type { Caller } from '../../caller.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../governance/core/request.ts';
import { formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { renderSessionBar } from '../shared/sign-in.view.ts';
import type { RequestView } from './promotion-request.query.ts';

/** What the list page shows. */
export interface RequestListProps {
  requests: RequestView[];
  status: RequestStatus;
  modelName?: string;
  /** The link to the next page, if there is one. */
  nextUrl?: string;
  /** The agent signed in through the session cookie, if any. */
  caller?: Caller;
}

/** The list's address for a status and lineage. */
export function requestListUrl(status: RequestStatus, modelName?: string, cursor?: string): string {
  const query = new URLSearchParams({ status });
  if (modelName) query.set('model_name', modelName);
  if (cursor) query.set('cursor', cursor);
  return `/promotion-requests?${query}`;
}

function renderStatusFilter(props: RequestListProps): Html {
  const choice = (status: RequestStatus) =>
    status === props.status
      ? html`<strong aria-current="page">${status}</strong>`
      : html`<a href="${requestListUrl(status, props.modelName)}">${status}</a>`;
  return html`<nav class="toolbar" aria-label="Request status">Show: ${REQUEST_STATUSES.map((status, i) => html`${i > 0 ? ' · ' : ''}${choice(status)}`)}</nav>`;
}

function renderRow(request: RequestView): Html {
  const failing = request.checks.filter((check) => !check.passed).length;
  return html`<tr>
<td><a href="/promotion-requests/${request.id}">Request ${request.id}</a></td>
<td><a href="/models/${encodeURIComponent(request.model_id)}">${request.model_id}</a><br><a class="muted" href="/lineages/${encodeURIComponent(request.model_name)}">${request.model_name}</a></td>
<td><span class="badge">${request.status}</span></td>
<td class="num">${request.approvals.length} of ${request.required_approvals}</td>
<td>${request.checks.length === 0 ? html`<span class="muted">none required</span>` : failing === 0 ? 'all pass' : html`<span class="flagged">${failing} failing</span>`}</td>
<td>${request.requested_by}</td>
<td class="nowrap">${formatDate(request.created_at)}</td>
</tr>`;
}

/** The whole list page. */
export function renderRequestListPage(props: RequestListProps): Html {
  const lineage = props.modelName
    ? html` of <a href="/lineages/${encodeURIComponent(props.modelName)}">${props.modelName}</a>`
    : '';
  const table =
    props.requests.length === 0
      ? html`<p class="card muted">No ${props.status} promotion request${props.modelName ? ' for this lineage' : ''}.</p>`
      : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Request</th><th scope="col">Version</th><th scope="col">Status</th><th scope="col" class="num">Approvals</th><th scope="col">Checks</th><th scope="col">Requested by</th><th scope="col">Opened</th></tr></thead>
<tbody>${props.requests.map(renderRow)}</tbody>
</table></div>`;
  return renderLayout({
    title: 'Promotion requests',
    body: html`<p class="muted"><a href="/models">Models</a> › promotion requests</p>
<h1>Promotion requests${lineage}</h1>
${renderSessionBar(props.caller, requestListUrl(props.status, props.modelName))}
<p class="muted">On a governed lineage a promotion goes through a request: eligible evaluators approve it, and the approval that completes it promotes the version when every check passes.</p>
${renderStatusFilter(props)}
${table}
${props.nextUrl ? html`<nav class="pager" aria-label="Pages"><a href="${props.nextUrl}" rel="next">Older requests →</a></nav>` : ''}`,
  });
}
