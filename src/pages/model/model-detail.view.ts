/**
 * The model page (`/models/{id}`): who and what a version is, its metrics and configuration, its
 * lineage with metric charts, its provenance links and DAG, and the attributed-edges panel.
 */
import type { ProvenanceDag } from '../../registry/core/provenance-dag.ts';
import { formatCount, formatNumber } from '../shared/format.ts';
import { type Html, html, raw } from '../shared/html.ts';
import { renderLayout } from '../shared/layout.view.ts';
import { agentLink, artifactLink } from '../shared/links.view.ts';
import { renderProvenanceDag } from '../shared/provenance-dag.view.ts';
import { renderQuality } from '../shared/quality.view.ts';
import { renderTagTable } from '../shared/tags.view.ts';
import { renderFlaggedEdgesLine } from './flagged-edges.view.ts';
import type { ModelActionsView } from './model-actions.view.ts';
import {
  type ModelDetailData,
  renderConfigTable,
  renderLinks,
  renderMetricsTable,
  renderVersionHistory,
  type VersionMetrics,
} from './model-sections.view.ts';

/** Everything the model page shows, loaded beforehand. */
export interface ModelPageProps {
  detail: ModelDetailData;
  /** Metrics of every version of the lineage, oldest first. */
  versionMetrics: VersionMetrics[];
  dag: ProvenanceDag;
  /** The attributed-edges panel, already rendered (and escaped) by its widget. */
  edgesPanel: string;
  /** The "Promotion impact" panel of a candidate (nothing for a promoted or archived version). */
  impactPanel: Html | '';
  /** The description and the forms the signed-in agent may use, already rendered. */
  actions: ModelActionsView;
}

function renderMetadata(detail: ModelDetailData): Html {
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const optional = (value: string | null) => value ?? html`<span class="muted">—</span>`;
  return html`<dl class="meta card">
${row('Id', html`<code>${detail.id}</code>`)}
${row('Lineage', html`<a href="/lineages/${encodeURIComponent(detail.model_name)}">${detail.model_name}</a>`)}
${row('Aliases', detail.aliases.length === 0 ? html`<span class="muted">none</span>` : html`${detail.aliases.map((alias) => html`<a class="badge" href="/models/${encodeURIComponent(`${detail.model_name}@${alias}`)}">@${alias}</a> `)}`)}
${row('Version', html`v${detail.version_number}${detail.is_latest ? html` <span class="badge">latest</span>` : ''}`)}
${row('Parent', detail.parent_id ? html`<a href="/models/${encodeURIComponent(detail.parent_id)}">${detail.parent_id}</a>` : optional(null))}
${row('Status', html`<span class="badge ${detail.status}">${detail.status}</span>`)}
${row('Family', detail.model_family)}
${row('Parameters', formatCount(detail.parameter_count))}
${row('Quality score', renderQuality(detail))}
${row('Raw quality score', formatNumber(detail.raw_quality_score))}
${row('Trained by', agentLink(detail.trained_by))}
${row('Registered by', agentLink(detail.created_by))}
${row('Created', detail.created_at)}
${row('Evaluation dataset', detail.eval_dataset_id ? artifactLink(detail.eval_dataset_id) : optional(null))}
${row('Benchmark', detail.benchmark_id ? artifactLink(detail.benchmark_id) : optional(null))}
${row('Attributed edges', `${detail.attributed_edges.count} (${detail.attributed_edges.flagged} flagged)`)}
</dl>`;
}

// The open formats (docs/integrations.md): the same provenance for the tools research groups already use.
function renderExportLinks(id: string): Html {
  const api = `/api/models/${encodeURIComponent(id)}`;
  return html` · exports: <a href="${api}/prov" type="application/json">PROV-JSON</a>, <a href="${api}/ro-crate" type="application/ld+json">RO-Crate</a>, <a href="${api}/openlineage" type="application/json">OpenLineage</a>`;
}

/** The whole model page. */
export function renderModelPage(props: ModelPageProps): Html {
  const { detail } = props;
  return renderLayout({
    title: detail.title,
    body: html`<p class="muted"><a href="/models">Models</a> › ${detail.model_name}</p>
<h1>${detail.title}</h1>
<p class="muted"><code>${detail.id}</code> · <a href="/api/models/${encodeURIComponent(detail.id)}">JSON</a>${renderExportLinks(detail.id)}</p>
${props.actions.top}
<div class="grid">
<section aria-labelledby="h-meta"><h2 id="h-meta">Metadata</h2>${renderMetadata(detail)}</section>
<section aria-labelledby="h-metrics"><h2 id="h-metrics">Metrics</h2>${renderMetricsTable(detail.evaluation_metrics)}
<h3 id="h-tags">Tags</h3>${renderTagTable(detail.tags)}${props.actions.tagForms}</section>
</div>
${props.actions.description}
${props.actions.promotion}
${props.impactPanel}
<section aria-labelledby="h-config"><h2 id="h-config">Parameters and training configuration</h2>
<div class="grid configs">
${renderConfigTable('Architecture', 'architecture', detail.architecture)}
${renderConfigTable('Parameters', 'parameters', detail.parameters)}
${renderConfigTable('Training configuration', 'training_config', detail.training_config)}
</div></section>
<section aria-labelledby="h-versions"><h2 id="h-versions">Version history</h2>${renderVersionHistory(detail, props.versionMetrics)}</section>
<section aria-labelledby="h-links"><h2 id="h-links">Links</h2>${renderLinks(detail.links)}</section>
<section aria-labelledby="h-dag"><h2 id="h-dag">Provenance DAG</h2>${renderProvenanceDag(props.dag, 'dag')}</section>
<section aria-labelledby="h-edges"><h2 id="h-edges">Attributed knowledge-graph edges</h2>${renderFlaggedEdgesLine(detail.id, detail.attributed_edges)}${raw(props.edgesPanel)}</section>`,
  });
}
