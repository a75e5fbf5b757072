/**
 * The lineage page's timeline: what happened to the lineage, newest first — registrations,
 * promotions, archives, alias moves, policy changes and decided requests — each with its version,
 * its actor and its moment.
 */
import type { TimelineEntry } from '../../registry/core/history.ts';
import { formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';

const KIND_LABELS: Record<string, string> = {
  registered: 'registered',
  promoted: 'promoted',
  superseded: 'superseded',
  archived: 'archived',
  alias_set: 'alias set',
  alias_removed: 'alias removed',
  policy_set: 'policy set',
  request_decided: 'request decided',
};

const versionLink = (id: string | null | undefined) =>
  id ? html`<a href="/models/${encodeURIComponent(id)}">${id}</a>` : html`<span class="muted">—</span>`;

function renderWhat(entry: TimelineEntry): Html {
  const alias = entry.alias === undefined ? '' : html`<code>@${entry.alias}</code> `;
  const move =
    entry.from !== undefined || entry.to !== undefined
      ? html`${versionLink(entry.from)} → ${versionLink(entry.to)}`
      : versionLink(entry.versionId);
  const request =
    entry.requestId === undefined
      ? ''
      : html` · <a href="/promotion-requests/${entry.requestId}">request ${entry.requestId}</a>`;
  const reason = entry.reason === undefined ? '' : html`<br><span class="muted">${entry.reason}</span>`;
  return html`${alias}${move}${request}${reason}`;
}

/** The timeline table; `hasMore` links to the rest in the API's paginated timeline. */
export function renderTimeline(modelName: string, entries: TimelineEntry[], hasMore: boolean): Html {
  if (entries.length === 0) return html`<p class="muted">Nothing has happened yet.</p>`;
  const more = hasMore
    ? html`<p class="muted">Older entries: <a href="/api/lineages/${encodeURIComponent(modelName)}/timeline?limit=200">the whole timeline</a> (JSON, paginated).</p>`
    : '';
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Version or alias move</th><th scope="col">By</th></tr></thead>
<tbody>${entries.map(
    (entry) => html`<tr data-kind="${entry.kind}">
<td class="nowrap">${formatDate(entry.key.at)}</td>
<td>${KIND_LABELS[entry.kind] ?? entry.kind}</td>
<td>${renderWhat(entry)}</td>
<td>${entry.actor}</td>
</tr>`,
  )}</tbody>
</table></div>${more}`;
}
