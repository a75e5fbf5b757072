/**
 * The retract and reinstate pages (`/artifacts/{id}/retract`, `/artifacts/{id}/reinstate`): the
 * dry run's answer — which model versions the change would touch (and, for a reinstatement, which
 * would get their scores back), how many edges would be flagged for review — and the form that
 * acts, with its reason (and, to retract, the evidence URL).
 */

import type { Caller } from '../../caller.ts';
import type { ReinstatementOutcome, RetractionOutcome } from '../../retraction/core/outcome.ts';
import { formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { renderSessionBar } from '../shared/sign-in.view.ts';

/** Which change the page is for. */
export type RetractionAction = 'retract' | 'reinstate';

/** What the page shows: the dry run of one of the two changes. */
export type RetractionPageProps = { caller: Caller; version: number | null } & (
  | { action: 'retract'; outcome: RetractionOutcome }
  | { action: 'reinstate'; outcome: ReinstatementOutcome }
);

/** How many affected versions the page lists by name; the count says the rest. */
const LISTED = 200;

const modelLinks = (ids: string[]) =>
  html`<ul>${ids.slice(0, LISTED).map((id) => html`<li><a href="/models/${encodeURIComponent(id)}">${id}</a></li>`)}</ul>${
    ids.length > LISTED ? html`<p class="muted">…and ${ids.length - LISTED} more.</p>` : ''
  }`;

function renderTouched(props: RetractionPageProps): Html {
  const { affectedModels } = props.outcome;
  if (props.action === 'retract') {
    const { flaggedEdges } = props.outcome;
    if (affectedModels.length === 0) {
      return html`<p>No model version is built on it: retracting it flags and caps nothing.</p>`;
    }
    return html`<p>Retracting it would flag <strong>${affectedModels.length}</strong> model version${affectedModels.length === 1 ? '' : 's'} built on it with <code>retracted_input</code>, cap their quality scores, and flag <strong>${flaggedEdges}</strong> of their active edges for review. Nothing is deleted.</p>
${modelLinks(affectedModels)}`;
  }
  const { restoredModels, retraction } = props.outcome;
  return html`<p>It was retracted on ${formatDate(retraction.at.toISOString())} by <strong>${retraction.by}</strong>: ${retraction.reason}${retraction.evidenceUrl ? html` (<a href="${retraction.evidenceUrl}" rel="noopener noreferrer">evidence</a>)` : ''}.</p>
<p>Reinstating it would give <strong>${restoredModels.length}</strong> of the ${affectedModels.length} model version${affectedModels.length === 1 ? '' : 's'} built on it their scores back (the others stay flagged by another retraction). Edges keep their review flags for reviewers to decide.</p>
${modelLinks(restoredModels)}`;
}

function renderForm(props: RetractionPageProps, base: string): Html {
  const version =
    props.version === null ? '' : html`<input type="hidden" name="version" value="${props.version}">`;
  const evidence =
    props.action === 'retract'
      ? html`<p><label>Evidence URL (optional) <input type="url" name="evidence_url" maxlength="2000" placeholder="https://…"></label></p>`
      : '';
  const verb = props.action === 'retract' ? 'Retract' : 'Reinstate';
  return html`<form method="post" action="${base}/${props.action}" class="card edit-form" aria-label="${verb}">
${version}
<p><label for="reason">Why? (required)</label></p>
<textarea id="reason" name="reason" rows="3" required minlength="1" maxlength="2000"></textarea>
${evidence}
<p><button type="submit" class="${props.action === 'retract' ? 'danger' : ''}">${verb} ${props.version === null ? 'the whole artifact' : `version ${props.version}`}</button></p>
</form>`;
}

/** The dry-run page with its form. */
export function renderRetractionPage(props: RetractionPageProps): Html {
  const id = props.outcome.artifactId;
  const base = `/artifacts/${encodeURIComponent(id)}`;
  const target = props.version === null ? 'the whole artifact' : `version ${props.version}`;
  const verb = props.action === 'retract' ? 'Retract' : 'Reinstate';
  return renderLayout({
    title: `${verb} ${id}`,
    body: html`<p class="muted"><a href="${base}">${id}</a> › ${props.action}</p>
<h1>${verb} ${id}</h1>
${renderSessionBar(props.caller, `${base}/${props.action}${props.version === null ? '' : `?version=${props.version}`}`)}
<form method="get" action="${base}/${props.action}" class="toolbar" aria-label="Choose a version">
<label>Version (empty for the whole artifact) <input type="number" name="version" min="1" step="1" value="${props.version ?? ''}"></label>
<button type="submit" class="secondary">Show</button>
</form>
<section aria-labelledby="h-dry-run" class="dry-run"><h2 id="h-dry-run">What ${props.action === 'retract' ? 'retracting' : 'reinstating'} ${target} would touch</h2>
<p class="muted">A dry run: nothing has been written yet.</p>
${renderTouched(props)}</section>
${renderForm(props, base)}`,
  });
}

/** After the change: what it did. */
export function renderRetractionDonePage(props: RetractionPageProps): Html {
  const id = props.outcome.artifactId;
  const base = `/artifacts/${encodeURIComponent(id)}`;
  const done = props.action === 'retract' ? 'Retracted' : 'Reinstated';
  const count =
    props.action === 'retract'
      ? `${props.outcome.affectedModels.length} model versions flagged and capped, ${props.outcome.flaggedEdges} edges flagged for review.`
      : `${props.outcome.restoredModels.length} model versions got their scores back.`;
  return renderLayout({
    title: `${done} ${id}`,
    body: html`<p class="muted"><a href="${base}">${id}</a> › ${props.action}</p>
<h1>${done} ${id}${props.version === null ? '' : ` version ${props.version}`}</h1>
<p class="card" role="status">${count} Nothing is deleted; the history keeps it.</p>
${props.action === 'retract' ? html`<p><a href="/kg/review?reason=retracted_input">Review the flagged edges</a></p>` : ''}
${modelLinks(props.action === 'retract' ? props.outcome.affectedModels : props.outcome.restoredModels)}
<p><a href="${base}">Back to ${id}</a></p>`,
  });
}
