/**
 * The artifact page (`/artifacts/{id}`): any artifact's versions (digest, uri), its links in both
 * directions, for a dataset the model versions trained on each version ("used by"), and its
 * retraction banner and history. A signed-in agent that may retract it gets a link to do so.
 */
import { formatDate } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { agentLink, artifactLink } from '../shared/links.view.ts';
import type { ArtifactPageData, ArtifactView } from './artifact-page.query.ts';

type Retracted = NonNullable<ArtifactView['retracted']>;
type Link = ArtifactView['links'][number];

const none = (text: string) => html`<p class="muted">${text}</p>`;

function describeRetraction(retracted: Retracted): Html {
  return html`by ${agentLink(retracted.by)} on ${formatDate(retracted.at)}: ${retracted.reason}${
    retracted.evidence_url
      ? html` (<a href="${retracted.evidence_url}" rel="noopener noreferrer">evidence</a>)`
      : ''
  }`;
}

function renderBanner(artifact: ArtifactView): Html | '' {
  if (!artifact.retracted) return '';
  return html`<div class="callout warn" role="status"><p><strong>⚠ Retracted</strong> ${describeRetraction(artifact.retracted)}</p>
<p>Every model version built on it is flagged and capped until it is reinstated.</p></div>`;
}

function renderActions(data: ArtifactPageData): Html | '' {
  if (!data.mayRetract) return '';
  const base = `/artifacts/${encodeURIComponent(data.artifact.id)}`;
  return data.artifact.retracted
    ? html`<p><a class="action" href="${base}/reinstate">Reinstate…</a></p>`
    : html`<p><a class="action" href="${base}/retract">Retract…</a></p>`;
}

function renderVersions(artifact: ArtifactView): Html {
  if (artifact.versions.length === 0) return none('No versions yet.');
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Version</th><th scope="col">Digest</th><th scope="col">URI</th><th scope="col">Created</th><th scope="col">Retracted</th></tr></thead>
<tbody>${artifact.versions.map(
    (version) => html`<tr id="v${version.version_number}">
<td>v${version.version_number}</td><td class="wrap-any"><code>${version.digest}</code></td><td class="wrap-any">${version.uri ?? html`<span class="muted">—</span>`}</td>
<td>${formatDate(version.created_at)} <span class="muted">by</span> ${agentLink(version.created_by)}</td>
<td>${version.retracted ? html`<span class="flagged">⚠ retracted</span> <span class="muted">${formatDate(version.retracted.at)}</span>` : html`<span class="muted">no</span>`}</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

const LINK_VERBS: Record<string, [out: string, into: string]> = {
  trained_on: ['trained on', 'trained on this'],
  input: ['takes as input', 'takes this as input'],
  produced_by: ['produced by', 'produced by this'],
  tests_hypothesis: ['tests', 'tests this'],
};

function renderLinkRows(links: Link[]): Html {
  return html`${links.map((link) => {
    const verbs = LINK_VERBS[link.link_type] ?? [link.link_type, `${link.link_type} (in)`];
    const pinned = link.target_version === null ? 'unpinned' : `v${link.target_version}`;
    return html`<tr><td>${link.direction === 'out' ? verbs[0] : verbs[1]}</td><td>${artifactLink(link.other.id, link.other.type, link.other.title)} <span class="muted">(${link.other.type}, <code>${link.other.id}</code>)</span></td><td>${pinned}</td></tr>`;
  })}`;
}

function renderLinks(artifact: ArtifactView): Html {
  if (artifact.links.length === 0) return none('Nothing links to or from this artifact.');
  const out = artifact.links.filter((link) => link.direction === 'out');
  const into = artifact.links.filter((link) => link.direction === 'in');
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Link</th><th scope="col">Artifact</th><th scope="col">Version pinned</th></tr></thead>
<tbody>${renderLinkRows([...out, ...into])}</tbody>
</table></div>`;
}

/** The model versions trained on each version of a dataset, newest dataset version first. */
export function usedBy(artifact: ArtifactView): { version: number | null; models: Link['other'][] }[] {
  const byVersion = new Map<number | null, Link['other'][]>();
  for (const link of artifact.links) {
    if (link.direction !== 'in' || link.link_type !== 'trained_on') continue;
    byVersion.set(link.target_version, [...(byVersion.get(link.target_version) ?? []), link.other]);
  }
  return [...byVersion.entries()]
    .sort(([a], [b]) => (b ?? Number.POSITIVE_INFINITY) - (a ?? Number.POSITIVE_INFINITY))
    .map(([version, models]) => ({ version, models }));
}

function renderUsedBy(artifact: ArtifactView): Html | '' {
  if (artifact.type !== 'dataset') return '';
  const groups = usedBy(artifact);
  const body =
    groups.length === 0
      ? none('No model version was trained on this dataset.')
      : html`<dl class="meta card">${groups.map(
          (group) =>
            html`<dt>${group.version === null ? 'any version (unpinned)' : `v${group.version}`}</dt><dd>${group.models.map(
              (model, index) => html`${index > 0 ? ', ' : ''}${artifactLink(model.id, model.type)}`,
            )}</dd>`,
        )}</dl>`;
  return html`<section aria-labelledby="h-used-by"><h2 id="h-used-by">Used by</h2>
<p class="muted">The model versions trained on each version of this dataset.</p>${body}</section>`;
}

function renderRetractionHistory(artifact: ArtifactView): Html {
  if (artifact.retractions.length === 0) return none('Never retracted.');
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">What</th><th scope="col">Retracted</th><th scope="col">Reinstated</th></tr></thead>
<tbody>${artifact.retractions.map(
    (entry) => html`<tr><td>${entry.version === null ? 'the whole artifact' : `v${entry.version}`}</td>
<td>${describeRetraction(entry)}</td>
<td>${entry.reinstated ? html`by ${agentLink(entry.reinstated.by)} on ${formatDate(entry.reinstated.at)}: ${entry.reinstated.reason}` : html`<span class="flagged">in force</span>`}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** The whole artifact page. */
export function renderArtifactPage(data: ArtifactPageData): Html {
  const { artifact } = data;
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return renderLayout({
    title: artifact.title,
    body: html`<p class="muted"><a href="/models">Models</a> › ${artifact.type}</p>
<h1>${artifact.title}</h1>
<p class="muted"><span class="badge">${artifact.type}</span> <code>${artifact.id}</code> · <a href="/api/artifacts/${encodeURIComponent(artifact.id)}">JSON</a>${
      artifact.type === 'model' ? html` · ${artifactLink(artifact.id, 'model', 'model page')}` : ''
    }</p>
${renderBanner(artifact)}
${renderActions(data)}
<dl class="meta card">
${row('Created by', agentLink(artifact.created_by))}
${row('Created', formatDate(artifact.created_at))}
${row('Versions', String(artifact.versions.length))}
</dl>
<section aria-labelledby="h-versions"><h2 id="h-versions">Versions</h2>${renderVersions(artifact)}</section>
${renderUsedBy(artifact)}
<section aria-labelledby="h-links"><h2 id="h-links">Links</h2>${renderLinks(artifact)}</section>
<section aria-labelledby="h-retractions"><h2 id="h-retractions">Retraction history</h2>${renderRetractionHistory(artifact)}</section>`,
  });
}
