/**
 * The promotion action of a candidate version, on the lineage and model pages: "Promote" where the
 * lineage is not governed, "Request promotion" where it is (a promotion then goes through a request
 * that other evaluators approve). Shown only to an agent who may take it.
 */
import type { Caller } from '../../caller.ts';
import { type Html, html } from './html.ts';
import { mayTake } from './page-actions.ts';

/** What the action needs to know about the version, its lineage and the visitor. */
export interface PromotionActionProps {
  modelId: string;
  /** The version's status: only a candidate can be promoted or requested. */
  status: string;
  /** Whether the lineage's policy requires a request. */
  isGoverned: boolean;
  maintainers: readonly string[];
  caller?: Caller;
  /** The page to come back to after a direct promotion. */
  next: string;
  /** Show the notes field (the model page) or the button alone (a row of the lineage's versions). */
  isCompact?: boolean;
}

/** The form, or nothing when the version is not a candidate or the visitor may not act. */
export function renderPromotionAction(props: PromotionActionProps): Html | '' {
  if (props.status !== 'candidate') return '';
  const id = encodeURIComponent(props.modelId);
  if (props.isGoverned) {
    if (!mayTake(props.caller, 'request_promotion', { maintainers: props.maintainers })) return '';
    return html`<form method="post" action="/models/${id}/promotion-requests" class="toolbar" aria-label="Request promotion of ${props.modelId}">
${props.isCompact ? '' : html`<label>Note for the approvers <input type="text" name="note" maxlength="2000"></label>`}
<button type="submit">Request promotion</button>
</form>`;
  }
  if (!mayTake(props.caller, 'promote')) return '';
  return html`<form method="post" action="/models/${id}/promote" class="toolbar" aria-label="Promote ${props.modelId}">
<input type="hidden" name="next" value="${props.next}">
${props.isCompact ? '' : html`<label>Notes <input type="text" name="notes" maxlength="5000"></label>`}
<button type="submit">Promote</button>
</form>`;
}
