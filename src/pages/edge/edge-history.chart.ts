/**
 * An edge's confidence over time as the edge page draws it: one point per history entry, oldest
 * first and evenly spaced, on a fixed 0–1 scale, each labelled with the model version that set it.
 * Built on the shared line chart.
 */
import type { HistoryEntry } from '../../kg/core/edge.ts';
import { type MetricSeries, renderMetricChart } from '../shared/chart.svg.ts';
import type { Html } from '../shared/html.ts';

/** The model version an entry came from, short (`v3`), or `—` when the edge was unattributed. */
export function versionLabel(entry: Pick<HistoryEntry, 'sourceVersion'>): string {
  return entry.sourceVersion === null ? '—' : `v${entry.sourceVersion}`;
}

/** The entry's moment as `2026-04-05 12:00:00 UTC`. */
export function formatMoment(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The history as a chart series: x is the entry's place, the label its model version. */
export function confidenceSeries(history: readonly HistoryEntry[]): MetricSeries {
  return {
    metric: 'confidence',
    points: history.map((entry, index) => ({
      version: index + 1,
      value: entry.confidence,
      label: versionLabel(entry),
      tooltip: `${formatMoment(entry.at)} · ${entry.sourceArtifactId ?? 'unattributed'}: confidence ${entry.confidence.toFixed(3)}`,
    })),
  };
}

/** The SVG of an edge's confidence over time. */
export function renderConfidenceChart(edgeId: string, history: readonly HistoryEntry[]): Html {
  return renderMetricChart(confidenceSeries(history), {
    width: 560,
    domain: { min: 0, max: 1 },
    title: `Confidence of ${edgeId} over time`,
  });
}
