/**
 * The compare page's configuration and data sections: the flattened metadata (family, parameter
 * count, architecture, parameters, training configuration) split into the rows that differ —
 * first, highlighted — and the rows every model shares; then the training data and input
 * artifacts the models share and those only one of them uses.
 */

import { formatLeaf } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { modelTag, renderModelColumnHeader } from './compare-metrics.view.ts';
import type { ComparisonData } from './compare-page.query.ts';

type DiffRow = ComparisonData['metadata_diff'][number];

function renderLeaf(value: unknown): Html | string {
  return value === null || value === undefined ? html`<span class="muted">—</span>` : formatLeaf(value);
}

function renderDifferingRow(row: DiffRow, data: ComparisonData): Html {
  const baseline = JSON.stringify(row.values[data.models[0].id] ?? null);
  return html`<tr class="differs" data-field="${row.field}">
<th scope="row"><span class="marker" title="the values differ">≠</span> <code>${row.field}</code></th>
${data.models.map((model) => {
  const value = row.values[model.id] ?? null;
  const isChanged = JSON.stringify(value) !== baseline;
  return html`<td${isChanged ? html` class="changed"` : ''}>${renderLeaf(value)}</td>`;
})}
</tr>`;
}

/** The "Differs" table (a column per model) and the "Same" table (one shared value per row). */
export function renderMetadataDiff(data: ComparisonData): Html {
  const differing = data.metadata_diff.filter((row) => row.differs);
  const same = data.metadata_diff.filter((row) => !row.differs);
  const differs =
    differing.length === 0
      ? html`<p class="card muted">Every recorded setting is the same across these versions.</p>`
      : html`<div class="table-wrap"><table class="compare config">
<caption class="muted">≠ marks a setting whose values differ; a highlighted cell differs from ${modelTag(0)}.</caption>
<thead><tr><th scope="col">Setting</th>${data.models.map(renderModelColumnHeader)}</tr></thead>
<tbody>
${differing.map((row) => renderDifferingRow(row, data))}
</tbody>
</table></div>`;
  const shared =
    same.length === 0
      ? html`<p class="card muted">No setting has the same value in every version.</p>`
      : html`<div class="table-wrap"><table class="compare config">
<thead><tr><th scope="col">Setting</th><th scope="col">Value in every version</th></tr></thead>
<tbody>
${same.map(
  (row) =>
    html`<tr class="same" data-field="${row.field}"><th scope="row"><code>${row.field}</code></th><td>${renderLeaf(row.values[data.models[0].id])}</td></tr>`,
)}
</tbody>
</table></div>`;
  return html`<h3 id="h-config-differs">Differs (${differing.length})</h3>
${differs}
<h3 id="h-config-same">Same (${same.length})</h3>
${shared}`;
}

function renderKeyList(keys: string[], empty: string): Html {
  if (keys.length === 0) return html`<span class="muted">${empty}</span>`;
  return html`<ul class="keys">${keys.map((key) => html`<li><code>${key}</code></li>`)}</ul>`;
}

function renderOverlap(
  title: string,
  overlap: { shared: string[]; unique: Record<string, string[]> },
  data: ComparisonData,
  extra: Html | string,
): Html {
  return html`<div class="card overlap">
<h3>${title}</h3>
${extra}
<dl class="meta">
<dt>Shared by all</dt><dd class="shared">${renderKeyList(overlap.shared, 'nothing at the same version')}</dd>
${data.models.map(
  (model, index) =>
    html`<dt>Only ${modelTag(index)} ${model.title}</dt><dd class="unique" data-model="${model.id}">${renderKeyList(overlap.unique[model.id] ?? [], 'none')}</dd>`,
)}
</dl>
</div>`;
}

/**
 * The datasets every version was trained on at some version, though not all at the same one: a
 * Jaccard index over `id@version` keys counts them as different data, and the page says why.
 */
export function datasetsAtOtherVersions(overlap: {
  shared: string[];
  unique: Record<string, string[]>;
}): string[] {
  const idOf = (key: string) => key.replace(/@\d+$/, '');
  const perModel = Object.values(overlap.unique).map((keys) => new Set(keys.map(idOf)));
  if (perModel.length === 0) return [];
  const sharedIds = new Set(overlap.shared.map(idOf));
  return [...perModel[0]].filter((id) => !sharedIds.has(id) && perModel.every((ids) => ids.has(id))).sort();
}

/** Training data (with its Jaccard index) and every input artifact: shared versus unique. */
export function renderOverlaps(data: ComparisonData): Html {
  const { jaccard } = data.training_data;
  const sameAtOtherVersions = datasetsAtOtherVersions(data.training_data);
  const index = html`<p>Jaccard index of the training data, by dataset version: <strong class="jaccard">${jaccard === null ? '—' : jaccard.toFixed(2)}</strong> <span class="muted">(shared ÷ all dataset versions; 1 means the very same data)</span></p>${
    sameAtOtherVersions.length === 0
      ? ''
      : html`<p class="same-datasets">Every version was trained on ${sameAtOtherVersions.map((id, i) => html`${i > 0 ? ', ' : ''}<code>${id}</code>`)}, but not all at the same version.</p>`
  }`;
  const note =
    data.models.length > 2
      ? html`<p class="muted">An artifact used by some but not all of the versions is in neither list.</p>`
      : '';
  return html`<p class="muted">Artifacts pinned to a version are written <code>id@version</code>.</p>
${note}
<div class="grid">
${renderOverlap('Training data', data.training_data, data, index)}
${renderOverlap('Input artifacts', data.inputs, data, html`<p class="muted">Training data, other inputs, and the inputs of the producing analyses.</p>`)}
</div>`;
}
