/**
 * The compare page's metric sections: the side-by-side table (a row per metric, a column per
 * model, the best value starred, each value's delta against the first model coloured by the
 * metric's direction) and a bar chart per metric.
 */

import { renderBarChart } from '../shared/bar-chart.svg.ts';
import { formatNumber } from '../shared/format.ts';
import { type Html, html } from '../shared/html.ts';
import { directionLabel, metricDelta } from './compare-delta.ts';
import type { ComparisonData } from './compare-page.query.ts';

type ComparedItem = ComparisonData['models'][number];
type MetricRow = ComparisonData['metrics'][number];

/** How a model is named in column headers and chart rows: its position, so `#1` is the baseline. */
export function modelTag(index: number): string {
  return `#${index + 1}`;
}

/** A column header naming a model: its position, linked title and version. */
export function renderModelColumnHeader(model: ComparedItem, index: number): Html {
  return html`<th scope="col">${modelTag(index)} <a href="/models/${encodeURIComponent(model.id)}">${model.title}</a><br><span class="muted">v${model.version_number}${index === 0 ? ' · baseline' : ''}</span></th>`;
}

function renderMetricCell(row: MetricRow, model: ComparedItem, baseline: ComparedItem): Html {
  const value = row.values[model.id] ?? null;
  if (value === null) return html`<td class="num muted">—</td>`;
  const isBest = row.best === model.id;
  const shown = isBest ? html`<strong>★ ${formatNumber(value)}</strong>` : formatNumber(value);
  let delta: Html | string = '';
  if (model.id === baseline.id) {
    delta = html`<br><span class="delta muted">baseline</span>`;
  } else {
    const change = metricDelta(value, row.values[baseline.id] ?? null, row.direction);
    if (change)
      delta = html`<br><span class="delta ${change.judgement}" title="${change.judgement} than ${modelTag(0)}">${change.text}</span>`;
  }
  return html`<td class="num${isBest ? ' best' : ''}" data-model="${model.id}">${shown}${delta}</td>`;
}

/** The metric table, or a note when no model reported a metric. */
export function renderMetricTable(data: ComparisonData): Html {
  if (data.metrics.length === 0)
    return html`<p class="card muted">None of these versions reported evaluation metrics.</p>`;
  const [baseline] = data.models;
  const rows = data.metrics.map((row) => {
    const direction = directionLabel(row.direction);
    return html`<tr data-metric="${row.metric}">
<th scope="row"><code>${row.metric}</code></th>
<td class="direction ${row.direction}">${direction.arrow} ${direction.text}</td>
${data.models.map((model) => renderMetricCell(row, model, baseline))}
</tr>`;
  });
  return html`<div class="table-wrap"><table class="compare metrics">
<caption class="muted">★ marks the best value of each row; the small number under a value is its difference from ${modelTag(0)}, green when better and red when worse.</caption>
<thead><tr><th scope="col">Metric</th><th scope="col">Direction</th>${data.models.map(renderModelColumnHeader)}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

/** A bar chart per metric, the models in the order asked. */
export function renderMetricCharts(data: ComparisonData): Html {
  if (data.metrics.length === 0) return html``;
  return html`<div class="grid bar-charts">${data.metrics.map(
    (row) =>
      html`<figure class="card"><figcaption><code>${row.metric}</code> · ${directionLabel(row.direction).arrow} ${directionLabel(row.direction).text}</figcaption>${renderBarChart(
        {
          metric: row.metric,
          zoom: true,
          bars: data.models.map((model, index) => ({
            label: `${modelTag(index)} ${model.title}`,
            tooltip: `${modelTag(index)} ${model.title} (${model.id})`,
            value: row.values[model.id] ?? null,
            isBest: row.best === model.id,
          })),
        },
      )}</figure>`,
  )}</div>`;
}
