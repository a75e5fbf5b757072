/**
 * What the review queue page reads: one page of flagged edges and, in a single query, the
 * confidence history of every edge on it.
 */
import type { Deps } from '../../deps.ts';
import type { Edge, HistoryEntry, ReviewReason } from '../../kg/core/edge.ts';
import { listEdgeHistories, listReviewQueue } from '../../kg/edge-read.service.ts';
import { groupHistory } from './review-history.ts';

/** One page of the review queue. */
export interface ReviewQueue {
  edges: Edge[];
  /** Every flagged edge, not only this page's. */
  total: number;
  /** Each listed edge's history, oldest first. */
  history: Map<string, HistoryEntry[]>;
}

/** Loads a page of flagged edges (highest confidence first, as the API's queue; one reason or one source version when given) with their history. */
export async function loadReviewQueue(
  deps: Pick<Deps, 'db'>,
  page: { limit: number; offset: number; reason?: ReviewReason; sourceArtifactId?: string },
): Promise<ReviewQueue> {
  const queue = await listReviewQueue(deps, page);
  const history = groupHistory(
    await listEdgeHistories(
      deps,
      queue.rows.map((edge) => edge.id),
    ),
  );
  return { edges: queue.rows, total: queue.total, history };
}
