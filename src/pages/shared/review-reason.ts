/**
 * How the pages name why an edge waits for review (the review queue, an edge's page).
 */
import type { ReviewReason } from '../../kg/core/edge.ts';

/** A review reason in words. */
export const REASON_LABELS: Record<ReviewReason, string> = {
  large_decrease: 'large decrease',
  retracted_input: 'retracted input',
};
