/**
 * Sections of the model page that are plain tables: metrics, flattened configuration, the version
 * history with its charts, and the provenance links.
 */
import { flattenObject } from '../../registry/core/compare.ts';
import type { ModelDetailJson } from '../../registry/models/model.schemas.ts';
import { metricSeries, renderMetricChart } from '../shared/chart.svg.ts';
import { formatDate, formatLeaf, formatNumber } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { artifactHref, artifactLink } from '../shared/links.view.ts';

/** The model detail as the API sends it. */
export type ModelDetailData = ModelDetailJson;

/** The metrics of one version of the lineage. */
export interface VersionMetrics {
  version: number;
  metrics: Record<string, number>;
}

/** The evaluation metrics as a two-column table. */
export function renderMetricsTable(metrics: Record<string, number>): Html {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return html`<p class="muted">No evaluation metrics were reported.</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Metric</th><th scope="col" class="num">Value</th></tr></thead>
<tbody>${entries.map(([name, value]) => html`<tr><td><code>${name}</code></td><td class="num">${formatNumber(value)}</td></tr>`)}</tbody>
</table></div>`;
}

/**
 * Text with a line-break opportunity after each `_`, `.`, `/` and `,`, so a long key wraps
 * at its parts (`state_/variables`) rather than mid-word or off the card.
 */
export function breakable(text: string): Html {
  const parts = text.split(/(?<=[_./,])/);
  return html`${parts.map((part, index) => html`${index > 0 ? html`<wbr>` : ''}${part}`)}`;
}

/**
 * One configuration object flattened into dot-path rows under its caption (`optimizer.lr` in the
 * table captioned "Training configuration").
 */
export function renderConfigTable(caption: string, prefix: string, value: Record<string, unknown>): Html {
  const rows = [...flattenObject(value, prefix)].map(
    ([path, leaf]) => [path.slice(prefix.length + 1), leaf] as const,
  );
  return html`<div class="table-wrap"><table class="config">
<caption>${caption}</caption>
<thead><tr><th scope="col">Setting</th><th scope="col">Value</th></tr></thead>
<tbody>${
    rows.length === 0
      ? html`<tr><td colspan="2" class="muted">None recorded.</td></tr>`
      : rows.map(
          ([path, leaf]) =>
            html`<tr><td><code>${breakable(path)}</code></td><td>${formatLeaf(leaf)}</td></tr>`,
        )
  }</tbody>
</table></div>`;
}

/** The lineage's versions, this one marked, and a chart per metric across them. */
export function renderVersionHistory(detail: ModelDetailData, versionMetrics: VersionMetrics[]): Html {
  const rows = detail.versions.map(
    (version) => html`<tr${version.id === detail.id ? html` aria-current="page"` : ''}>
<td>${version.id === detail.id ? html`<strong>v${version.version_number} (this version)</strong>` : html`<a href="/models/${encodeURIComponent(version.id)}">v${version.version_number}</a>`}</td>
<td><span class="badge ${version.status}">${version.status}</span>${version.is_latest ? html` <span class="badge">latest</span>` : ''}</td>
<td class="num">${version.quality_score.toFixed(2)}</td>
<td>${formatDate(version.created_at)}</td>
</tr>`,
  );
  const series = metricSeries(versionMetrics);
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col" class="num">Quality</th><th scope="col">Created</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
<h3>Metrics across versions</h3>
${
  series.length === 0
    ? html`<p class="muted">No version of this lineage reported metrics.</p>`
    : html`<div class="grid">${series.map((one) => html`<figure class="card"><figcaption><code>${one.metric}</code></figcaption>${renderMetricChart(one, { current: detail.version_number })}</figure>`)}</div>`
}`;
}

type LinkedArtifact = ModelDetailData['links']['trained_on'][number];

function renderLinkList(label: string, links: LinkedArtifact[]): Html {
  const items = links.map(
    (link) =>
      html`<li>${artifactLink(link.id, link.type, link.title)} <span class="muted">(${link.type}, <code>${link.id}</code>${link.version === null ? ', unpinned' : html`, pinned to <a href="${artifactHref(link.id, link.type)}#v${link.version}">v${link.version}</a>`})</span></li>`,
  );
  return html`<dt>${label}</dt><dd>${items.length === 0 ? html`<span class="muted">none</span>` : html`<ul>${items}</ul>`}</dd>`;
}

/** The provenance links: trained on, produced by, tests hypothesis, inputs (with pinned versions). */
export function renderLinks(links: ModelDetailData['links']): Html {
  return html`<dl class="meta card">
${renderLinkList('Trained on', links.trained_on)}
${renderLinkList('Produced by', links.produced_by)}
${renderLinkList('Tests hypothesis', links.tests_hypothesis)}
${renderLinkList('Inputs', links.inputs)}
</dl>`;
}
