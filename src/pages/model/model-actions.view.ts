/**
 * The model page's write actions for a signed-in agent: who is signed in, the flash of the form
 * just sent, the version's description and its form, the tag forms, and the promotion action
 * ("Promote", or "Request promotion" on a governed lineage). Each is shown only to an agent who
 * may use it; the commands check again.
 */
import type { Caller } from '../../caller.ts';
import { renderFlash } from '../shared/action-flash.ts';
import { renderDescriptionForm, renderTagForms } from '../shared/edit-forms.view.ts';
import { type Html, html } from '../shared/html.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { mayTake } from '../shared/page-actions.ts';
import { renderPromotionAction } from '../shared/promotion-actions.view.ts';
import { renderSessionBar } from '../shared/sign-in.view.ts';

/** What the actions need to know. */
export interface ModelActionsProps {
  modelId: string;
  status: string;
  description: string;
  tags: Record<string, string>;
  /** The lineage's maintainers and whether its policy requires a request. */
  maintainers: readonly string[];
  isGoverned: boolean;
  caller?: Caller;
  done?: string;
}

/** The rendered pieces the model page places. */
export interface ModelActionsView {
  /** Flash and session bar, under the title. */
  top: Html;
  /** The description section with its form. */
  description: Html;
  /** The tag forms under the tag table. */
  tagForms: Html | '';
  /** The promotion section, or nothing. */
  promotion: Html | '';
}

/** Renders the model page's actions. */
export function renderModelActions(props: ModelActionsProps): ModelActionsView {
  const base = `/models/${encodeURIComponent(props.modelId)}`;
  const context = { maintainers: props.maintainers };
  const text =
    props.description.trim() === ''
      ? html`<p class="muted">No description yet.</p>`
      : renderMarkdown(props.description);
  const promote = renderPromotionAction({ ...props, next: base });
  return {
    top: html`${renderFlash(props.done)}${renderSessionBar(props.caller, base)}`,
    description: html`<section aria-labelledby="h-about"><h2 id="h-about">Description</h2><div class="card markdown">${text}</div>${
      mayTake(props.caller, 'edit_description', context) ? renderDescriptionForm(base, props.description) : ''
    }</section>`,
    tagForms: mayTake(props.caller, 'edit_tags', context) ? renderTagForms(base, props.tags) : '',
    promotion:
      promote === ''
        ? ''
        : html`<section aria-labelledby="h-promote" class="card"><h2 id="h-promote">Promotion</h2>
<p class="muted">${props.isGoverned ? "This lineage's policy asks for a promotion request that other evaluators approve." : 'Promoting makes this the lineage\u2019s promoted version and re-scores the edges of the one it replaces.'}</p>
${promote}</section>`,
  };
}
