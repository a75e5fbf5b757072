/**
 * The "Promotion impact" panel of a candidate's model page: for a signed-in evaluator, the
 * form that runs the impact preview; for anyone else, the review queue's sign-in form, which comes
 * back here. Shown only for versions that could be promoted over a promoted one.
 */
import type { Caller } from '../../caller.ts';
import { type Html, html } from '../shared/html.ts';
import { mayTake } from '../shared/page-actions.ts';
import { renderSignInForm } from '../shared/sign-in.view.ts';

/** What the panel needs to know about the version and the visitor. */
export interface ImpactPanelProps {
  modelId: string;
  status: string;
  /** The lineage's promoted version, if it has one. */
  promotedId: string | null;
  /** The evaluator signed in through the session cookie, if any. */
  caller?: Caller;
}

/** The anchor of the panel on the model page. */
export const IMPACT_ANCHOR = 'impact';

/** Where the panel lives: the model page at its anchor. */
export const impactPanelUrl = (modelId: string) => `/models/${encodeURIComponent(modelId)}#${IMPACT_ANCHOR}`;

/** The form that runs the preview (also on the result page, to run it again). */
export function renderImpactForm(modelId: string, caller: Caller, maxEdges?: number): Html {
  return html`<form method="post" action="/models/${encodeURIComponent(modelId)}/impact-preview" class="toolbar" aria-label="Preview promotion impact">
<label>Edges to re-score at most <input type="number" name="max_edges" min="1" max="100000" step="1" aria-describedby="max-edges-hint"${maxEdges ? html` value="${maxEdges}"` : ''}></label>
<span id="max-edges-hint" class="muted">Leave empty for one pass.</span>
<button type="submit">Preview promotion impact</button>
<span class="muted">Signed in as <strong>${caller.agentId}</strong>.</span>
</form>`;
}

function renderPreviewAction(props: ImpactPanelProps): Html {
  if (mayTake(props.caller, 'preview_impact') && props.caller)
    return renderImpactForm(props.modelId, props.caller);
  if (props.caller) {
    return html`<p class="muted">Signed in as <strong>${props.caller.agentId}</strong>, whose token lacks the <code>evaluate</code> scope a preview needs.</p>`;
  }
  return html`<p class="muted">Sign in with the <code>evaluate</code> scope to preview the impact.</p>${renderSignInForm(impactPanelUrl(props.modelId))}`;
}

/** The panel, or nothing for a promoted or archived version. */
export function renderImpactPanel(props: ImpactPanelProps): Html | '' {
  if (props.status === 'promoted' || props.status === 'archived') return '';
  const body = props.promotedId
    ? html`<p>Promoting this version would re-score the edges <a href="/models/${encodeURIComponent(props.promotedId)}">${props.promotedId}</a> inferred, with this version's own inference, and pay the agents who made it. The preview runs that inference now and shows the result; it writes nothing but a record of the preview.</p>
${renderPreviewAction(props)}`
    : html`<p class="muted">No version of this lineage is promoted yet, so promoting this one would re-score nothing.</p>`;
  return html`<section id="${IMPACT_ANCHOR}" class="card impact" aria-labelledby="h-impact"><h2 id="h-impact">Promotion impact</h2>
${body}
</section>`;
}
