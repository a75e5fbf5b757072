/**
 * How the compare page reads a metric against the first model: the signed difference, written
 * with a real minus sign, and whether it is better, worse or the same given the metric's
 * direction. Pure.
 */
import { formatNumber } from '../shared/format.ts';

/** Which way a metric improves, as `GET /api/models/compare` reports it. */
export type MetricDirection = 'lower_is_better' | 'higher_is_better' | 'unknown';

/** A value's difference from the baseline (the first model), ready to show. */
export interface MetricDelta {
  /** `+0.012`, `−0.012` or `±0`. */
  text: string;
  /** `unknown` when the metric has no known direction, so a difference is neither good nor bad. */
  judgement: 'better' | 'worse' | 'same' | 'unknown';
}

/** The arrow and words for a direction. */
export function directionLabel(direction: MetricDirection): { arrow: string; text: string } {
  if (direction === 'lower_is_better') return { arrow: '↓', text: 'lower is better' };
  if (direction === 'higher_is_better') return { arrow: '↑', text: 'higher is better' };
  return { arrow: '?', text: 'direction unknown' };
}

/** `value − baseline`, or null when either side is missing. */
export function metricDelta(
  value: number | null,
  baseline: number | null,
  direction: MetricDirection,
): MetricDelta | null {
  if (value === null || baseline === null) return null;
  const raw = value - baseline;
  // Floating-point noise (0.1 + 0.2 − 0.3) is no difference: compare against the operands' scale.
  const isNoise = Math.abs(raw) <= 1e-12 * Math.max(Math.abs(value), Math.abs(baseline));
  const difference = isNoise ? 0 : Number(raw.toPrecision(4));
  if (difference === 0) return { text: '±0', judgement: 'same' };
  const text = `${difference > 0 ? '+' : '−'}${formatNumber(Math.abs(difference))}`;
  if (direction === 'unknown') return { text, judgement: 'unknown' };
  const isBetter = direction === 'lower_is_better' ? difference < 0 : difference > 0;
  return { text, judgement: isBetter ? 'better' : 'worse' };
}
