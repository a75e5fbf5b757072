/**
 * What the review queue page reads: one page of flagged edges and, in a single query, the
 * confidence history of every edge on it.
 */
import type { Db } from '../db/database.ts';
import { type EdgeRow, findEdges, findHistory, type HistoryRow } from '../kg/edge.repository.ts';
import { groupHistory } from './review-history.ts';

/** One page of the review queue. */
export interface ReviewQueue {
  edges: EdgeRow[];
  /** Every flagged edge, not only this page's. */
  total: number;
  /** Each listed edge's history, oldest first. */
  history: Map<string, HistoryRow[]>;
}

/** Loads a page of flagged edges (highest confidence first, as the API's queue) with their history. */
export async function loadReviewQueue(db: Db, page: { limit: number; offset: number }): Promise<ReviewQueue> {
  const { edges, total } = await findEdges(db, { flagged: true }, page);
  const history = groupHistory(
    await findHistory(
      db,
      edges.map((edge) => edge.id),
    ),
  );
  return { edges, total, history };
}
