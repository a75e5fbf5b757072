/**
 * The knowledge graph's read commands: the edge lists (now, or as of a moment), one edge with its
 * history, the review queue and the histories the pages show.
 */
import type { PageStart } from '../db/keyset.ts';
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import type { Edge, ReviewReason } from './core/edge.ts';
import { findEdgeAsOf, findEdgesAsOf } from './edge-as-of.repository.ts';
import { type EdgeFilter, findEdgeById, findEdges, findHistory } from './edge-list.repository.ts';

/** What `listEdges` pages through. */
export interface ListEdgesProps {
  filter: EdgeFilter;
  start: PageStart;
  limit: number;
  /** Read the graph as it stood at this moment (`readAsOf`'s canonical form); now when absent. */
  asOf?: string;
}

/**
 * A page of matching edges (highest confidence first), the position after it and the count of all
 * matches — of the graph now, or as it stood at `asOf`.
 */
export function listEdges(deps: Pick<Deps, 'db'>, props: ListEdgesProps) {
  return props.asOf === undefined
    ? findEdges(deps.db, props.filter, props.start, props.limit)
    : findEdgesAsOf(deps.db, props.filter, props.asOf, props.start, props.limit);
}

/**
 * The flagged edges waiting for review (only those flagged for `reason`, or attributed to the
 * version `sourceArtifactId`, when given), highest confidence first, with their count.
 */
export function listReviewQueue(
  deps: Pick<Deps, 'db'>,
  page: { limit: number; offset: number; reason?: ReviewReason; sourceArtifactId?: string },
) {
  return findEdges(
    deps.db,
    { flagged: true, reviewReason: page.reason, sourceArtifactId: page.sourceArtifactId },
    { offset: page.offset },
    page.limit,
  );
}

/** The edge with this id; 404 when there is none. */
export async function getEdge(deps: Pick<Deps, 'db'>, id: string): Promise<Edge> {
  const edge = await findEdgeById(deps.db, id);
  if (!edge) throw new NotFound(`edge '${id}' does not exist`);
  return edge;
}

/**
 * The edge with this id and every confidence it has had, oldest first; 404 when unknown. With
 * `asOf`, the edge as it stood then and the history up to then; 404 when it had no entry by then.
 */
export async function getEdgeWithHistory(deps: Pick<Deps, 'db'>, id: string, asOf?: string) {
  const edge = await getEdge(deps, id);
  if (asOf === undefined) return { edge, history: await findHistory(deps.db, [edge.id]) };
  const past = await findEdgeAsOf(deps.db, id, asOf);
  if (!past) throw new NotFound(`edge '${id}' did not exist yet as of ${asOf}`, { as_of: asOf });
  return { edge: past, history: await findHistory(deps.db, [edge.id], asOf) };
}

/** The confidence histories of the listed edges, oldest first (one query for all). */
export function listEdgeHistories(deps: Pick<Deps, 'db'>, edgeIds: string[]) {
  return findHistory(deps.db, edgeIds);
}
