/**
 * The compare page (`/models/compare?ids=…`): the compared versions side by side — who they are,
 * the eval-dataset warning, the metric table with best values and deltas against the first
 * version, a bar chart per metric, the settings that differ, shared versus unique data and inputs,
 * and each version's provenance DAG.
 */

import { impactPanelUrl } from '../impact/impact-panel.view.ts';
import { formatCount } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { renderProvenanceDag } from '../shared/provenance-dag.view.ts';
import { renderQuality } from '../shared/quality.view.ts';
import { renderMetadataDiff, renderOverlaps } from './compare-config.view.ts';
import { modelTag, renderMetricCharts, renderMetricTable } from './compare-metrics.view.ts';
import type { ComparisonData } from './compare-page.query.ts';

type ComparedItem = ComparisonData['models'][number];
type Warning = ComparisonData['warnings'][number];

function renderModelRow(model: ComparedItem, index: number): Html {
  return html`<tr data-model="${model.id}">
<th scope="row">${modelTag(index)}${index === 0 ? html`<br><span class="badge">baseline</span>` : ''}</th>
<td><a href="/models/${encodeURIComponent(model.id)}">${model.title}</a><br><span class="muted">${model.id}</span></td>
<td>v${model.version_number}${model.is_latest ? html` <span class="badge">latest</span>` : ''}</td>
<td><span class="badge ${model.status}">${model.status}</span></td>
<td>${renderQuality(model)}</td>
<td>${model.model_family}</td>
<td class="num">${formatCount(model.parameter_count)}</td>
</tr>`;
}

function renderModels(data: ComparisonData): Html {
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">#</th><th scope="col">Model</th><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Quality</th><th scope="col">Family</th><th scope="col" class="num">Parameters</th></tr></thead>
<tbody>
${data.models.map(renderModelRow)}
</tbody>
</table></div>`;
}

function renderWarning(warning: Warning, data: ComparisonData): Html {
  const isEvalMismatch = warning.code === 'eval_dataset_mismatch';
  const details = isEvalMismatch
    ? html`<ul>${data.models.map(
        (model, index) =>
          html`<li>${modelTag(index)} ${model.title}: ${
            warning.eval_datasets[model.id]
              ? html`evaluated on <code>${warning.eval_datasets[model.id]}</code>`
              : html`<span class="muted">no evaluation dataset recorded</span>`
          }</li>`,
      )}</ul>`
    : '';
  return html`<div class="callout warn" data-warning="${warning.code}">
<p><strong>⚠ ${isEvalMismatch ? 'Evaluated on different datasets' : warning.code}:</strong> ${warning.message}.</p>
${details}
</div>`;
}

/**
 * A link to the impact preview for each compared candidate whose lineage's promoted version is
 * compared beside it: the question such a comparison is asking.
 */
export function renderImpactLinks(data: ComparisonData): Html {
  const links = data.models.flatMap((candidate) => {
    if (candidate.status === 'promoted' || candidate.status === 'archived') return [];
    const promoted = data.models.find(
      (model) => model.status === 'promoted' && model.model_name === candidate.model_name,
    );
    if (!promoted) return [];
    return [
      html`<li>Promoting <strong>${candidate.id}</strong> over ${promoted.id}? <a href="${impactPanelUrl(candidate.id)}">Preview the promotion impact of ${candidate.id}</a>: the edges it would re-score and flag, and who it would pay.</li>`,
    ];
  });
  return links.length === 0 ? html`` : html`<div class="callout impact-links"><ul>${links}</ul></div>`;
}

function renderProvenanceDags(data: ComparisonData): Html {
  return html`${data.models.map((model, index) => {
    const provenance = data.provenance[model.id];
    const status = provenance.complete
      ? html`<span class="badge promoted">provenance complete</span>`
      : html`<span class="flag">⚠ provenance incomplete</span> <span class="muted">missing: ${provenance.missing.join(', ')}</span>`;
    return html`<section class="compare-dag" aria-labelledby="h-dag-${index}">
<h3 id="h-dag-${index}">${modelTag(index)} <a href="/models/${encodeURIComponent(model.id)}">${model.title}</a> <span class="muted">v${model.version_number}</span></h3>
<p>${status}</p>
${renderProvenanceDag(provenance.dag, `dag-${index}`, `Provenance DAG of ${modelTag(index)} ${model.title}`)}
</section>`;
  })}`;
}

/** The whole compare page. */
export function renderComparePage(data: ComparisonData): Html {
  const api = `/api/models/compare?ids=${data.models.map((model) => encodeURIComponent(model.id)).join(',')}`;
  return renderLayout({
    title: `Compare ${data.models.length} model versions`,
    body: html`<p class="muted"><a href="/models">Models</a> › Compare</p>
<h1>Compare ${data.models.length} model versions</h1>
<p class="muted">Deltas are against ${modelTag(0)}, the first version asked for. <a href="${api}">The comparison as JSON</a></p>
${data.warnings.map((warning) => renderWarning(warning, data))}
${renderImpactLinks(data)}
<section aria-labelledby="h-models"><h2 id="h-models">Versions</h2>${renderModels(data)}</section>
<section aria-labelledby="h-metrics"><h2 id="h-metrics">Metrics</h2>${renderMetricTable(data)}
${renderMetricCharts(data)}</section>
<section aria-labelledby="h-config"><h2 id="h-config">Configuration and metadata</h2>${renderMetadataDiff(data)}</section>
<section aria-labelledby="h-data"><h2 id="h-data">Training data and inputs</h2>${renderOverlaps(data)}</section>
<section aria-labelledby="h-dags"><h2 id="h-dags">Provenance</h2>${renderProvenanceDags(data)}</section>`,
  });
}
