/**
 * The impact preview's summaries of re-scored edges: the edges a pass would flag, and
 * the largest changes. Plain functions over plain data.
 */
import type { Bucket } from './buckets.ts';

/** One re-scored edge with what it says. */
export interface ScoredChange {
  id: string;
  subject: string;
  predicate: string;
  object: string;
  oldConfidence: number;
  newConfidence: number;
  delta: number;
  bucket: Bucket;
}

/** How many changes the preview lists. */
export const LARGEST_CHANGES = 20;

/** The ids of the edges a pass would flag for review (a large decrease), in id order. */
export function flaggedEdgeIds(changes: readonly ScoredChange[]): string[] {
  return changes
    .filter((change) => change.bucket === 'large_decrease')
    .map((change) => change.id)
    .sort(compareText);
}

/** The `count` changes largest by |delta|, largest first; ties by edge id, so the list is stable. */
export function largestChanges(changes: readonly ScoredChange[], count = LARGEST_CHANGES): ScoredChange[] {
  return [...changes]
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || compareText(a.id, b.id))
    .slice(0, count);
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
