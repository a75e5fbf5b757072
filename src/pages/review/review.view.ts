/**
 * The review queue page (`/kg/review`): the flagged edges with their history, a sign-in form (or
 * who is signed in), the flash message of the last action, offset pagination, and the page's
 * error pages (401 with the sign-in form, 403, 404, 409, 400, 500) in the shared layout.
 */
import type { Caller } from '../../caller.ts';
import { REVIEW_REASONS, type ReviewReason } from '../../kg/core/edge.ts';
import { type Html, html } from '../shared/html.ts';
import { renderErrorPage, renderLayout } from '../shared/layout.view.ts';
import { mayTake } from '../shared/page-actions.ts';
import { REASON_LABELS } from '../shared/review-reason.ts';
import { renderSignInForm } from '../shared/sign-in.view.ts';
import type { ReviewQueue } from './review.query.ts';
import { REVIEW_PAGE_SIZE } from './review.schemas.ts';
import { REVIEW_TABLE_HEAD, renderReviewRow } from './review-edge.view.ts';

/** What the page shows besides the queue. */
export interface ReviewPageProps {
  queue: ReviewQueue;
  limit: number;
  offset: number;
  /** The one review reason the page lists, if it keeps one. */
  reason?: ReviewReason;
  /** The one model version whose flagged edges the page lists, if it keeps one. */
  sourceArtifactId?: string;
  /** The evaluator signed in through the cookie, if any. */
  caller?: Caller;
  /** The `done` query parameter of the redirect after an action. */
  done?: string;
}

/** The human sentence for a `done` value (`keep:<id>`, `retract:<id>`, `signed-in`, `signed-out`), or undefined. */
export function describeFlash(done: string | undefined): string | undefined {
  if (done === 'signed-in') return 'Signed in. The pages now offer the actions your token allows.';
  if (done === 'signed-out') return 'Signed out. The token cookie is cleared.';
  const match = /^(keep|retract):(.+)$/.exec(done ?? '');
  if (!match) return undefined;
  return match[1] === 'keep'
    ? `Kept edge ${match[2]}: its review flag is cleared.`
    : `Retracted edge ${match[2]}: its review flag is cleared and its status is retracted (nothing is deleted).`;
}

/** The review queue's sign-in form. */
export const SIGN_IN_FORM = renderSignInForm();

function renderSession(caller: Caller | undefined): Html {
  if (!caller) return SIGN_IN_FORM;
  return html`<form method="post" action="/kg/session/logout" class="toolbar" aria-label="Sign out">
<span>Signed in as <strong>${caller.agentId}</strong> <span class="muted">(${caller.scopes.join(', ')})</span>.</span>
<button type="submit">Sign out</button>
</form>`;
}

/** The filters a page link keeps. */
type Filter = Pick<ReviewPageProps, 'reason' | 'sourceArtifactId'>;

function pageUrl(limit: number, offset: number, filter: Filter): string {
  const query = new URLSearchParams();
  if (filter.reason) query.set('reason', filter.reason);
  if (filter.sourceArtifactId) query.set('source_artifact_id', filter.sourceArtifactId);
  if (limit !== REVIEW_PAGE_SIZE) query.set('limit', String(limit));
  if (offset > 0) query.set('offset', String(offset));
  const search = query.toString();
  return search ? `/kg/review?${search}` : '/kg/review';
}

function renderPager(props: ReviewPageProps): Html {
  const { limit, offset } = props;
  const { edges, total } = props.queue;
  const from = edges.length === 0 ? 0 : offset + 1;
  const previous = offset > 0 ? pageUrl(limit, Math.max(0, offset - limit), props) : undefined;
  const next = offset + edges.length < total ? pageUrl(limit, offset + limit, props) : undefined;
  return html`<nav class="pager" aria-label="Pages">
${previous ? html`<a href="${previous}" rel="prev">← Previous</a>` : ''}
<span class="muted">Showing ${from}–${offset + edges.length} of ${total}</span>
${next ? html`<a href="${next}" rel="next">Next →</a>` : ''}
</nav>`;
}

/** Links that keep one reason, or every flagged edge; the current choice is not a link. */
function renderReasonFilter(props: ReviewPageProps): Html {
  const choice = (reason: ReviewReason | undefined, label: string) =>
    reason === props.reason
      ? html`<strong aria-current="page">${label}</strong>`
      : html`<a href="${pageUrl(props.limit, 0, { ...props, reason })}">${label}</a>`;
  return html`<nav class="toolbar" aria-label="Review reasons">Show: ${choice(undefined, 'every reason')}
${REVIEW_REASONS.map((reason) => html` · ${choice(reason, REASON_LABELS[reason])}`)}</nav>${renderSourceFilter(props)}`;
}

/** Which version's edges the page keeps, with the way back to every version's. */
function renderSourceFilter(props: ReviewPageProps): Html | '' {
  const id = props.sourceArtifactId;
  if (!id) return '';
  return html`<p class="card">Only the flagged edges of <a href="/models/${encodeURIComponent(id)}">${id}</a>. <a href="${pageUrl(props.limit, 0, { reason: props.reason })}">Show every version's</a></p>`;
}

function renderQueue(props: ReviewPageProps): Html {
  const { edges, total, history } = props.queue;
  if (total === 0) {
    return props.reason || props.sourceArtifactId
      ? html`<p class="card muted">No edge is flagged for this ${props.sourceArtifactId ? 'version' : 'reason'}${props.reason && props.sourceArtifactId ? ' and reason' : ''}.</p>`
      : html`<p class="card muted">Nothing is waiting for review: no edge is flagged.</p>`;
  }
  if (edges.length === 0) {
    return html`<p class="card muted">This page is past the end of the queue. <a href="/kg/review">Back to the first page</a></p>`;
  }
  return html`<div class="table-wrap"><table>
${REVIEW_TABLE_HEAD}
<tbody>
${edges.map((edge) => renderReviewRow(edge, history.get(edge.id) ?? [], props.queue.names, mayTake(props.caller, 'review_edge')))}
</tbody>
</table></div>
${renderPager(props)}`;
}

/** The whole review queue page. */
export function renderReviewPage(props: ReviewPageProps): Html {
  const flash = describeFlash(props.done);
  const { total } = props.queue;
  return renderLayout({
    title: 'Review queue',
    body: html`<h1>Review queue</h1>
<p class="muted">${total} flagged edge${total === 1 ? '' : 's'} wait${total === 1 ? 's' : ''} for review. A rescore flags an edge when its confidence drops sharply, a retraction when its model version is built on a retracted dataset, analysis or benchmark; keep it or retract it.</p>
${flash ? html`<p class="card" role="status">${flash}</p>` : ''}
${renderSession(props.caller)}
${renderReasonFilter(props)}
${renderQueue(props)}`,
  });
}

/** An error of the review pages in the layout; a 401 offers the sign-in form. Never a stack trace. */
export function renderReviewErrorPage(status: number, message: string): Html {
  return renderErrorPage(status, message, {
    extra: status === 401 ? SIGN_IN_FORM : '',
    back: { href: '/kg/review', label: 'Back to the review queue' },
  });
}
