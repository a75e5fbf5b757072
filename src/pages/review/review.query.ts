/**
 * What the review queue page reads: one page of flagged edges and, in a single query each, the
 * confidence history of every edge on it and the names of their nodes.
 */
import type { Deps } from '../../deps.ts';
import type { Edge, HistoryEntry, ReviewReason } from '../../kg/core/edge.ts';
import type { NodeNames } from '../../kg/core/node.ts';
import { listEdgeHistories, listReviewQueue } from '../../kg/edge-read.service.ts';
import { findNodeNames } from '../../kg/node.service.ts';
import { groupHistory } from './review-history.ts';

/** One page of the review queue. */
export interface ReviewQueue {
  edges: Edge[];
  /** Every flagged edge, not only this page's. */
  total: number;
  /** Each listed edge's history, oldest first. */
  history: Map<string, HistoryEntry[]>;
  /** The names of the listed edges' subjects and objects that have one. */
  names: NodeNames;
}

/** Loads a page of flagged edges (highest confidence first, as the API's queue; one reason or one source version when given) with their history and node names. */
export async function loadReviewQueue(
  deps: Pick<Deps, 'db'>,
  page: { limit: number; offset: number; reason?: ReviewReason; sourceArtifactId?: string },
): Promise<ReviewQueue> {
  const queue = await listReviewQueue(deps, page);
  const [histories, names] = await Promise.all([
    listEdgeHistories(
      deps,
      queue.rows.map((edge) => edge.id),
    ),
    findNodeNames(
      deps,
      queue.rows.flatMap((edge) => [edge.subject, edge.object]),
    ),
  ]);
  return { edges: queue.rows, total: queue.total, history: groupHistory(histories), names };
}
