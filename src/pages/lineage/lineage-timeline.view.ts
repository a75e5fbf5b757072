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

/** A page of the timeline and where it continues. */
export interface TimelinePage {
  /** Newest first. */
  timeline: TimelineEntry[];
  /** The cursor of the older entries, or null on the last page. */
  olderTimeline: string | null;
  /** Whether this page is an older one (not the newest entries). */
  timelinePaged: boolean;
}

/** The links between the timeline's pages: to the older entries and back to the newest. */
function renderPager(modelName: string, page: TimelinePage): Html | '' {
  const base = `/lineages/${encodeURIComponent(modelName)}`;
  const links = [
    page.timelinePaged ? html`<a href="${base}#h-timeline">Newest entries</a>` : '',
    page.olderTimeline === null
      ? ''
      : html`<a href="${base}?timeline_cursor=${encodeURIComponent(page.olderTimeline)}#h-timeline" rel="next">Older entries</a>`,
  ].filter((link) => link !== '');
  if (links.length === 0) return '';
  return html`<nav class="pager" aria-label="Timeline pages">${links.map((link, i) => html`${i > 0 ? ' · ' : ''}${link}`)}</nav>`;
}

/** The timeline table of one page, with the links to the others. */
export function renderTimeline(modelName: string, page: TimelinePage): Html {
  const entries = page.timeline;
  if (entries.length === 0) {
    return page.timelinePaged
      ? html`<p class="muted">No older entries.</p>${renderPager(modelName, page)}`
      : html`<p class="muted">Nothing has happened yet.</p>`;
  }
  const more = renderPager(modelName, page);
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
