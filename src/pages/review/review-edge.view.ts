/**
 * One row of the review queue: what the edge says, its current confidence and last change, the
 * model version it is attributed to, its confidence history, and (for a signed-in evaluator) the
 * keep/retract form.
 */
import type { Edge, HistoryEntry } from '../../kg/core/edge.ts';
import type { NodeNames } from '../../kg/core/node.ts';
import { formatDate, formatPredicate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { nodeLink } from '../shared/links.view.ts';
import { REASON_LABELS } from '../shared/review-reason.ts';
import { formatDelta, lastChange, renderSparkline } from './review-history.ts';

/** The header row matching `renderReviewRow`. */
export const REVIEW_TABLE_HEAD = html`<thead><tr><th scope="col">Subject</th><th scope="col">Predicate</th><th scope="col">Object</th><th scope="col" class="num">Confidence</th><th scope="col">Source</th><th scope="col">History</th><th scope="col">Review</th></tr></thead>`;

function renderSource(edge: Edge): Html {
  if (!edge.sourceArtifactId) return html`<span class="muted">unattributed</span>`;
  return html`<a href="/models/${encodeURIComponent(edge.sourceArtifactId)}">${edge.sourceArtifactId}</a>${edge.sourceVersion === null ? '' : html`<br><span class="muted">v${edge.sourceVersion}</span>`}`;
}

function renderConfidence(edge: Edge, history: HistoryEntry[]): Html {
  const change = lastChange(history);
  const delta = change
    ? html`<br><span class="${change.delta < 0 ? 'flagged' : 'muted'}" title="last change: ${change.from.toFixed(3)} → ${change.to.toFixed(3)}">${formatDelta(change.delta)}</span>`
    : html`<br><span class="muted">no change yet</span>`;
  return html`<strong>${edge.confidence.toFixed(3)}</strong>${delta}`;
}

function renderHistoryEntry(entry: HistoryEntry): Html {
  const source = entry.sourceArtifactId
    ? html` · ${entry.sourceArtifactId}${entry.sourceVersion === null ? '' : html` v${entry.sourceVersion}`}`
    : '';
  return html`<li>${entry.confidence.toFixed(3)} <span class="muted">${formatDate(entry.at.toISOString())}${source}</span></li>`;
}

function renderHistory(edge: Edge, history: HistoryEntry[]): Html {
  if (history.length === 0) return html`<span class="muted">no history</span>`;
  return html`${renderSparkline(`Confidence history of ${edge.id}`, history)}
<details><summary>${history.length} value${history.length === 1 ? '' : 's'}</summary><ol>${history.map(renderHistoryEntry)}</ol></details>`;
}

function renderReviewForm(edge: Edge): Html {
  return html`<form method="post" action="/kg/edges/${encodeURIComponent(edge.id)}/review" aria-label="Review edge ${edge.id}">
<label>Note <input type="text" name="note" maxlength="5000"></label>
<button type="submit" name="decision" value="keep" class="keep">✓ Keep</button>
<button type="submit" name="decision" value="retract" class="danger">✗ Retract</button>
</form>`;
}

function renderReason(edge: Edge): Html {
  if (!edge.reviewReason) return html``;
  return html`<p><span class="flagged" data-reason="${edge.reviewReason}">⚑ ${REASON_LABELS[edge.reviewReason]}</span></p>`;
}

/** A table row for a flagged edge with why it is flagged; `canReview` shows the keep/retract form. */
export function renderReviewRow(
  edge: Edge,
  history: HistoryEntry[],
  names: NodeNames,
  canReview: boolean,
): Html {
  return html`<tr data-edge-id="${edge.id}">
<td>${nodeLink(edge.subject, names, 'subject')}<br><a class="edge-id" href="/kg/edges/${encodeURIComponent(edge.id)}"><code>${edge.id}</code></a></td>
<td><span title="${edge.predicate}">${formatPredicate(edge.predicate)}</span></td>
<td>${nodeLink(edge.object, names, 'object')}</td>
<td class="num">${renderConfidence(edge, history)}</td>
<td>${renderSource(edge)}</td>
<td>${renderHistory(edge, history)}</td>
<td>${renderReason(edge)}${canReview ? renderReviewForm(edge) : html`<span class="muted">Sign in with the <code>evaluate</code> scope to review</span>`}</td>
</tr>`;
}
