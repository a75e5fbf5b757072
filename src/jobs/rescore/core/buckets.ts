/**
 * Delta buckets of a rescore (docs/concepts.md#promotion-and-rescoring) and the pass histogram, as plain
 * functions.
 */
import type { Histogram } from '../rescore.schemas.ts';
/** The buckets of a confidence change. */
export type Bucket = 'large_decrease' | 'decrease' | 'stable' | 'increase';

/** Thresholds, as positive magnitudes: `large_decrease` at delta ≤ −largeDecrease, `stable` when |delta| < stableBand. */
export interface BucketThresholds {
  largeDecrease: number;
  stableBand: number;
}

/** A histogram with every count at zero. */
export function emptyHistogram(): Histogram {
  return { large_decrease: 0, decrease: 0, stable: 0, increase: 0, skipped_no_inputs: 0, failed: 0 };
}

/** `new − old`, rounded to 1e-9 so that float noise (0.35 − 0.3) cannot move a delta across a threshold. */
export function confidenceDelta(oldConfidence: number, newConfidence: number): number {
  return Math.round((newConfidence - oldConfidence) * 1e9) / 1e9;
}

/** The bucket of a delta. */
export function bucketOf(delta: number, thresholds: BucketThresholds): Bucket {
  if (delta <= -thresholds.largeDecrease) return 'large_decrease';
  if (delta <= -thresholds.stableBand) return 'decrease';
  if (delta < thresholds.stableBand) return 'stable';
  return 'increase';
}

/** How many edges a histogram counts. */
export function countEdges(histogram: Histogram): number {
  return Object.values(histogram).reduce((sum, count) => sum + count, 0);
}
