/**
 * The sentence a page shows after one of its forms redirected back to it (`?done=<code>`). Only
 * known codes are shown, so a link from elsewhere cannot put words on the page.
 */
import { type Html, html } from './html.ts';

const SENTENCES: Record<string, string> = {
  alias_set: 'The alias is set: it names the version you chose.',
  alias_removed: 'The alias is removed.',
  description_saved: 'The description is saved.',
  tag_set: 'The tag is set.',
  tag_removed: 'The tag is removed.',
  promoted: 'The version is promoted: the rescore of its edges is queued.',
  request_approved: 'Your approval is recorded.',
  request_rejected: 'The request is rejected.',
  request_withdrawn: 'The request is withdrawn.',
  request_opened: 'The promotion request is open: eligible evaluators can now approve or reject it.',
};

/** The status line for a `done` code, or nothing for a missing or unknown one. */
export function renderFlash(done: string | undefined): Html | '' {
  const sentence = done === undefined ? undefined : SENTENCES[done];
  return sentence ? html`<p class="card" role="status">${sentence}</p>` : '';
}
