/**
 * The lineage page (`/lineages/{model_name}`): its description rendered from Markdown, the head
 * and promoted versions, aliases, tags, maintainers, every version of the lineage and its
 * timeline; for a signed-in agent, the forms it may use (lineage-actions.view.ts and the shared
 * edit and promotion forms).
 */
import type { Caller } from '../../caller.ts';
import type { TimelineEntry } from '../../registry/core/history.ts';
import { isGoverned, policyFromJson } from '../../registry/core/policy.ts';
import type { presentLineageDetail } from '../../registry/models/lineage.presenter.ts';
import { renderFlash } from '../shared/action-flash.ts';
import { renderDescriptionForm, renderTagForms } from '../shared/edit-forms.view.ts';
import { formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { mayTake } from '../shared/page-actions.ts';
import { renderPromotionAction } from '../shared/promotion-actions.view.ts';
import { renderQuality } from '../shared/quality.view.ts';
import { renderSessionBar } from '../shared/sign-in.view.ts';
import { renderTagTable } from '../shared/tags.view.ts';
import { renderAliasForm, renderRemoveAlias } from './lineage-actions.view.ts';
import { renderTimeline } from './lineage-timeline.view.ts';

/** The lineage as the API sends it. */
export type LineageView = ReturnType<typeof presentLineageDetail>;

/** What the page shows besides the lineage. */
export interface LineagePageExtras {
  /** The aliases only `admin` may move or remove. */
  protectedAliases: readonly string[];
  /** A page of the timeline, newest first. */
  timeline: TimelineEntry[];
  /** The cursor of the page after it (older entries), or null on the last page. */
  olderTimeline: string | null;
  /** Whether this page of the timeline is an older one (then it links back to the newest). */
  timelinePaged: boolean;
  /** The agent signed in through the session cookie, if any. */
  caller?: Caller;
  /** The flash code of the form just sent. */
  done?: string;
}

const versionLink = (id: string | null) =>
  id === null
    ? html`<span class="muted">—</span>`
    : html`<a href="/models/${encodeURIComponent(id)}">${id}</a>`;

function renderAliases(lineage: LineageView, extras: LineagePageExtras): Html {
  const entries = Object.entries(lineage.aliases);
  if (entries.length === 0) return html`<p class="muted">No aliases yet.</p>`;
  const isProtected = (alias: string) => extras.protectedAliases.includes(alias);
  const removes = new Map(
    entries.map(([alias]) => [
      alias,
      renderRemoveAlias(lineage.model_name, alias, extras.caller, isProtected(alias)),
    ]),
  );
  const canRemove = [...removes.values()].some((form) => form !== '');
  const badge = (alias: string) =>
    isProtected(alias)
      ? html` <span class="badge" title="Only an admin may move or remove it">protected</span>`
      : '';
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Alias</th><th scope="col">Version</th>${canRemove ? html`<th scope="col">Change</th>` : ''}</tr></thead>
<tbody>${entries.map(([alias, id]) => html`<tr><td><a href="/models/${encodeURIComponent(`${lineage.model_name}@${alias}`)}"><code>@${alias}</code></a>${badge(alias)}</td><td>${versionLink(id)}</td>${canRemove ? html`<td>${removes.get(alias) ?? ''}</td>` : ''}</tr>`)}</tbody>
</table></div>`;
}

function renderVersions(lineage: LineageView, caller?: Caller): Html {
  const action = (version: LineageView['versions'][number]) =>
    renderPromotionAction({
      modelId: version.id,
      status: version.status,
      isGoverned: isGoverned(policyFromJson(lineage.policy)),
      maintainers: lineage.maintainers,
      caller,
      next: `/lineages/${encodeURIComponent(lineage.model_name)}`,
      isCompact: true,
    });
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Quality</th><th scope="col">Aliases</th><th scope="col">Created</th>${caller ? html`<th scope="col">Promotion</th>` : ''}</tr></thead>
<tbody>${lineage.versions.map(
    (version) => html`<tr>
<td><a href="/models/${encodeURIComponent(version.id)}">v${version.version_number}</a> <span class="muted">${version.title}</span></td>
<td><span class="badge ${version.status}">${version.status}</span>${version.is_latest ? html` <span class="badge">latest</span>` : ''}</td>
<td>${renderQuality(version)}</td>
<td>${version.aliases.map((alias) => html`<code>@${alias}</code> `)}</td>
<td>${formatDate(version.created_at)}</td>${caller ? html`<td>${action(version)}</td>` : ''}
</tr>`,
  )}</tbody>
</table></div>`;
}

/** The whole lineage page. */
export function renderLineagePage(lineage: LineageView, extras: LineagePageExtras): Html {
  const { caller } = extras;
  const base = `/lineages/${encodeURIComponent(lineage.model_name)}`;
  const canEdit = (action: 'edit_description' | 'edit_tags') =>
    mayTake(caller, action, { maintainers: lineage.maintainers });
  const governed = isGoverned(policyFromJson(lineage.policy));
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return renderLayout({
    title: lineage.model_name,
    body: html`<p class="muted"><a href="/models">Models</a> › lineage</p>
<h1>${lineage.model_name}</h1>
<p class="muted"><a href="/api/lineages/${encodeURIComponent(lineage.model_name)}">JSON</a>${governed ? html` · <a href="/promotion-requests?model_name=${encodeURIComponent(lineage.model_name)}">promotion requests</a>` : ''}</p>
${renderFlash(extras.done)}
${renderSessionBar(caller, base)}
<div class="grid">
<section aria-labelledby="h-about"><h2 id="h-about">About</h2><div class="card markdown">${
      lineage.description.trim() === ''
        ? html`<p class="muted">No description yet.</p>`
        : renderMarkdown(lineage.description)
    }</div>${canEdit('edit_description') ? renderDescriptionForm(base, lineage.description) : ''}</section>
<section aria-labelledby="h-facts"><h2 id="h-facts">Lineage</h2><dl class="meta card">
${row('Latest', versionLink(lineage.latest))}
${row('Promoted', versionLink(lineage.promoted))}
${row('Versions', String(lineage.versions.length))}
${row('Maintainers', lineage.maintainers.join(', '))}
${row('Promotion', governed ? 'governed: a promotion goes through a request that others approve' : 'direct')}
${row('Updated', formatDate(lineage.updated_at))}
</dl></section>
</div>
<div class="grid">
<section aria-labelledby="h-aliases"><h2 id="h-aliases">Aliases</h2>${renderAliases(lineage, extras)}${renderAliasForm(lineage, caller)}</section>
<section aria-labelledby="h-tags"><h2 id="h-tags">Tags</h2>${renderTagTable(lineage.tags)}${canEdit('edit_tags') ? renderTagForms(base, lineage.tags) : ''}</section>
</div>
<section aria-labelledby="h-versions"><h2 id="h-versions">Versions</h2>${renderVersions(lineage, caller)}</section>
<section aria-labelledby="h-timeline"><h2 id="h-timeline">Timeline</h2>${renderTimeline(lineage.model_name, extras)}</section>`,
  });
}
