/**
 * The pages' sign-in form (posted to `POST /kg/session`, which keeps the token in the session
 * cookie; see session.ts), shown wherever an action needs a signed-in agent.
 */
import type { Caller } from '../../caller.ts';
import { type Html, html } from './html.ts';

/**
 * The sign-in form: an agent's token of any scope, posted once and kept in an HttpOnly cookie; `next` is the
 * page to come back to (the review queue when absent); `name` is the form's accessible name, unique on
 * its page.
 */
export function renderSignInForm(next?: string, name = 'Sign in'): Html {
  return html`<form method="post" action="/kg/session" class="card" aria-label="${name}">
${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
<p><label>Agent token <input type="password" name="token" required maxlength="500" autocomplete="current-password"></label>
<button type="submit">Sign in</button></p>
<p class="muted">Any scope signs you in; the pages then offer what its scopes allow (reviewing edges, promoting and moving aliases need <code>evaluate</code>; descriptions and tags need <code>write</code> and a lineage you maintain). The token is kept in a cookie on this computer (HttpOnly, SameSite=Strict) until you sign out or close the browser.</p>
</form>`;
}

/**
 * Who is signed in, with a sign-out button, or — for a visitor — the sign-in form folded away; both
 * come back to `next`, the page they are on.
 */
export function renderSessionBar(caller: Caller | undefined, next: string): Html {
  if (!caller) {
    return html`<details class="session"><summary>Sign in to act on this page</summary>${renderSignInForm(next, 'Sign in to act on this page')}</details>`;
  }
  return html`<form method="post" action="/kg/session/logout" class="toolbar session" aria-label="Sign out">
<input type="hidden" name="next" value="${next}">
<span>Signed in as <strong>${caller.agentId}</strong> <span class="muted">(${caller.scopes.join(', ')})</span>.</span>
<button type="submit" class="secondary">Sign out</button>
</form>`;
}
