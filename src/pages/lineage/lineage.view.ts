/**
 * The lineage page (`/lineages/{model_name}`): its description rendered from Markdown, the head
 * and promoted versions, aliases, tags, maintainers, and every version of the lineage.
 */
import type { presentLineageDetail } from '../../registry/models/lineage.presenter.ts';
import { formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { renderMarkdown } from '../shared/markdown.ts';
import { renderQuality } from '../shared/quality.view.ts';
import { renderTagTable } from '../shared/tags.view.ts';

/** The lineage as the API sends it. */
export type LineageView = ReturnType<typeof presentLineageDetail>;

const versionLink = (id: string | null) =>
  id === null
    ? html`<span class="muted">—</span>`
    : html`<a href="/models/${encodeURIComponent(id)}">${id}</a>`;

function renderAliases(lineage: LineageView): Html {
  const entries = Object.entries(lineage.aliases);
  if (entries.length === 0) return html`<p class="muted">No aliases yet.</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Alias</th><th scope="col">Version</th></tr></thead>
<tbody>${entries.map(([alias, id]) => html`<tr><td><a href="/models/${encodeURIComponent(`${lineage.model_name}@${alias}`)}"><code>@${alias}</code></a></td><td>${versionLink(id)}</td></tr>`)}</tbody>
</table></div>`;
}

function renderVersions(lineage: LineageView): Html {
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Quality</th><th scope="col">Aliases</th><th scope="col">Created</th></tr></thead>
<tbody>${lineage.versions.map(
    (version) => html`<tr>
<td><a href="/models/${encodeURIComponent(version.id)}">v${version.version_number}</a> <span class="muted">${version.title}</span></td>
<td><span class="badge ${version.status}">${version.status}</span>${version.is_latest ? html` <span class="badge">latest</span>` : ''}</td>
<td>${renderQuality(version)}</td>
<td>${version.aliases.map((alias) => html`<code>@${alias}</code> `)}</td>
<td>${formatDate(version.created_at)}</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

/** The whole lineage page. */
export function renderLineagePage(lineage: LineageView): Html {
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return renderLayout({
    title: lineage.model_name,
    body: html`<p class="muted"><a href="/models">Models</a> › lineage</p>
<h1>${lineage.model_name}</h1>
<p class="muted"><a href="/api/lineages/${encodeURIComponent(lineage.model_name)}">JSON</a></p>
<div class="grid">
<section aria-labelledby="h-about"><h2 id="h-about">About</h2><div class="card markdown">${
      lineage.description.trim() === ''
        ? html`<p class="muted">No description yet.</p>`
        : renderMarkdown(lineage.description)
    }</div></section>
<section aria-labelledby="h-facts"><h2 id="h-facts">Lineage</h2><dl class="meta card">
${row('Latest', versionLink(lineage.latest))}
${row('Promoted', versionLink(lineage.promoted))}
${row('Versions', String(lineage.versions.length))}
${row('Maintainers', lineage.maintainers.join(', '))}
${row('Updated', formatDate(lineage.updated_at))}
</dl></section>
</div>
<div class="grid">
<section aria-labelledby="h-aliases"><h2 id="h-aliases">Aliases</h2>${renderAliases(lineage)}</section>
<section aria-labelledby="h-tags"><h2 id="h-tags">Tags</h2>${renderTagTable(lineage.tags)}</section>
</div>
<section aria-labelledby="h-versions"><h2 id="h-versions">Versions</h2>${renderVersions(lineage)}</section>`,
  });
}
