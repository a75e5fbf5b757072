/**
 * The decision forms of an open promotion request: approve (with an optional comment) and reject
 * (saying why) for an evaluator other than the requester, withdraw for the requester or `admin`.
 * Who else may not decide (the version's contributors, when the policy excludes them) the command
 * says, with a 403 page.
 */
import type { Caller } from '../../caller.ts';
import { type Html, html } from '../shared/html.ts';
import { mayTake } from '../shared/page-actions.ts';
import type { RequestView } from './promotion-request.query.ts';

/** The forms the visitor may use on this request, or a line saying why there are none. */
export function renderRequestActions(request: RequestView, caller: Caller | undefined): Html | '' {
  if (request.status !== 'open' || !caller) return '';
  const base = `/promotion-requests/${request.id}`;
  const isRequester = caller.agentId === request.requested_by;
  const canDecide = mayTake(caller, 'decide_request') && !isRequester;
  const canWithdraw = mayTake(caller, 'withdraw_request', { requestedBy: request.requested_by });
  if (!canDecide && !canWithdraw) {
    return html`<p class="muted">Deciding a request needs the <code>evaluate</code> scope${isRequester ? ', and someone other than its requester' : ''}.</p>`;
  }
  const decide = canDecide
    ? html`<form method="post" action="${base}/approve" class="card" aria-label="Approve request ${request.id}">
<p><label>Comment (optional) <input type="text" name="comment" maxlength="2000"></label></p>
<button type="submit" class="keep">✓ Approve</button>
</form>
<form method="post" action="${base}/reject" class="card" aria-label="Reject request ${request.id}">
<p><label>Why reject it? <input type="text" name="comment" required minlength="1" maxlength="2000"></label></p>
<button type="submit" class="danger">✗ Reject</button>
</form>`
    : isRequester
      ? html`<p class="muted">You requested this promotion, so others approve or reject it.</p>`
      : '';
  const withdraw = canWithdraw
    ? html`<form method="post" action="${base}/withdraw" aria-label="Withdraw request ${request.id}">
<button type="submit" class="secondary">Withdraw the request</button>
</form>`
    : '';
  return html`<section aria-labelledby="h-decide"><h2 id="h-decide">Decide</h2>${decide}${withdraw}</section>`;
}
