/**
 * The edge page (`/kg/edges/{id}`): what the edge says, how it stands now and — with `as_of` — how
 * it stood then, its confidence over time as a chart labelled with each change's model version,
 * the history as a table, the events that target it, and the "as of" form (a GET form: it works
 * with JavaScript off and keeps the moment in the URL).
 */

import type { Edge, HistoryEntry } from '../../kg/core/edge.ts';
import { asOfFieldValue } from '../../registry/core/as-of.ts';
import { formatPredicate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { nodeLink } from '../shared/links.view.ts';
import { REASON_LABELS } from '../shared/review-reason.ts';
import { formatMoment, renderConfidenceChart, versionLabel } from './edge-history.chart.ts';
import type { EdgePageData, EventJson } from './edge-page.query.ts';

const edgeUrl = (id: string) => `/kg/edges/${encodeURIComponent(id)}`;

function renderSource(edge: Pick<Edge, 'sourceArtifactId' | 'sourceVersion'>): Html {
  if (!edge.sourceArtifactId) return html`<span class="muted">unattributed</span>`;
  return html`<a href="/models/${encodeURIComponent(edge.sourceArtifactId)}">${edge.sourceArtifactId}</a>${edge.sourceVersion === null ? '' : html` <span class="muted">(${versionLabel(edge)})</span>`}`;
}

function renderAsOfForm(data: EdgePageData): Html {
  return html`<form method="get" action="${edgeUrl(data.edge.id)}" class="toolbar card" aria-label="As of">
<label>As of (UTC) <input type="datetime-local" name="as_of" step="1"${data.asOf ? html` value="${asOfFieldValue(data.asOf)}"` : ''}></label>
<button type="submit">Show</button>
${data.asOf ? html`<a href="${edgeUrl(data.edge.id)}">Now</a>` : ''}
</form>`;
}

/** The edge as it stood then and as it stands now, side by side. */
function renderStanding(data: EdgePageData): Html {
  const { edge, past, asOf } = data;
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const then = asOf
    ? html`<section class="card" aria-labelledby="h-then"><h2 id="h-then">As of ${formatMoment(new Date(asOf))}</h2>${
        past
          ? html`<dl class="meta">${row('Confidence', html`<strong data-as-of-confidence>${past.confidence.toFixed(3)}</strong>`)}${row('Source', renderSource(past))}</dl>`
          : html`<p class="muted">This edge did not exist yet.</p>`
      }</section>`
    : '';
  return html`<div class="grid">
${then}
<section class="card" aria-labelledby="h-now"><h2 id="h-now">Now</h2><dl class="meta">
${row('Confidence', html`<strong data-confidence>${edge.confidence.toFixed(3)}</strong>`)}
${row('Source', renderSource(edge))}
${row('Status', html`<span class="badge">${edge.status}</span>`)}
${row('Review', edge.reviewFlag ? html`<span class="flagged">⚑ flagged for review${edge.reviewReason ? ` (${REASON_LABELS[edge.reviewReason]})` : ''}</span> <a href="/kg/review">Review queue</a>` : html`<span class="muted">not flagged</span>`)}
${row('Origin', edge.origin)}
${row('Knowledge level', `${edge.knowledgeLevel} · ${edge.agentType}`)}
${row('Created', formatMoment(edge.createdAt))}
</dl></section>
</div>`;
}

function renderHistory(data: EdgePageData): Html {
  const { history, asOf, pastEntryIds } = data;
  if (history.length === 0) return html`<p class="muted">No confidence has been recorded for this edge.</p>`;
  const rows = history.map(
    (
      entry: HistoryEntry,
      index,
    ) => html`<tr${asOf && !pastEntryIds.has(entry.id) ? html` class="later"` : ''}>
<td class="num">${index + 1}</td><td>${formatMoment(entry.at)}</td><td class="num">${entry.confidence.toFixed(3)}</td>
<td>${renderSource(entry)}</td><td>${entry.eventId === null ? html`<span class="muted">—</span>` : html`<a href="/api/events?target=${encodeURIComponent(data.edge.id)}">#${entry.eventId}</a>`}</td>
</tr>`,
  );
  return html`<figure class="card"><figcaption>Confidence after each change, labelled with the model version that set it</figcaption>${renderConfidenceChart(data.edge.id, history)}</figure>
<div class="table-wrap"><table>
<thead><tr><th scope="col" class="num">#</th><th scope="col">When</th><th scope="col" class="num">Confidence</th><th scope="col">Model version</th><th scope="col">Event</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
${asOf ? html`<p class="muted">Greyed rows came after the moment asked for.</p>` : ''}`;
}

/** A confidence from an event's details with three decimals, as every other confidence on the page. */
const formatConfidence = (value: unknown) => (typeof value === 'number' ? value.toFixed(3) : String(value));

/** One event's details in a sentence. */
export function describeEventDetails(event: EventJson): string {
  const m = event.detection_metadata as Record<string, unknown>;
  if (event.event_type === 'model_rescore') {
    return `${formatConfidence(m.old_confidence)} → ${formatConfidence(m.new_confidence)} (${m.bucket}) by ${m.child_id}, re-scoring ${m.parent_id}`;
  }
  if (event.event_type === 'kg_edge_reviewed') return `${m.decision}${m.note ? `: ${m.note}` : ''}`;
  return JSON.stringify(m);
}

function renderEvents(data: EdgePageData): Html {
  if (data.events.length === 0) return html`<p class="muted">No event targets this edge yet.</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">By</th><th scope="col">Details</th></tr></thead>
<tbody>${data.events.map(
    (event) =>
      html`<tr><td>${formatMoment(new Date(event.created_at))}</td><td><code>${event.event_type}</code></td><td>${event.actor}</td><td>${describeEventDetails(event)}</td></tr>`,
  )}</tbody>
</table></div>
${data.eventsTotal > data.events.length ? html`<p class="muted">The newest ${data.events.length} of ${data.eventsTotal}.</p>` : ''}`;
}

/** The whole edge page. */
export function renderEdgePage(data: EdgePageData): Html {
  const { edge } = data;
  const api = `/api/kg/edges/${encodeURIComponent(edge.id)}${data.asOf ? `?as_of=${encodeURIComponent(data.asOf)}` : ''}`;
  return renderLayout({
    title: `Edge ${edge.id}`,
    body: html`<p class="muted"><a href="/kg">Knowledge graph</a> › <a href="/kg/edges">Edges</a> › Edge</p>
<h1>${nodeLink(edge.subject, data.names, 'subject')} <span class="muted" title="${edge.predicate}">${formatPredicate(edge.predicate)}</span> ${nodeLink(edge.object, data.names, 'object')}</h1>
<p class="muted"><code>${edge.id}</code> · <a href="${api}">JSON</a></p>
${renderAsOfForm(data)}
${renderStanding(data)}
<section aria-labelledby="h-history"><h2 id="h-history">Confidence over time</h2>${renderHistory(data)}</section>
<section aria-labelledby="h-events"><h2 id="h-events">Events</h2>${renderEvents(data)}</section>`,
  });
}
