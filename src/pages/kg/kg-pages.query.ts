/**
 * What the graph pages read: `/kg/edges` a page of the edge list (the same command as
 * `GET /api/kg/edges`) with the names of its nodes; `/kg` how many edges there are and how many wait
 * for review.
 */
import type { Deps } from '../../deps.ts';
import { nextCursorOf, pageStartOf } from '../../http/cursor.ts';
import type { Edge } from '../../kg/core/edge.ts';
import type { NodeNames } from '../../kg/core/node.ts';
import { edgeFilterOf, edgeSortOf } from '../../kg/edge.schemas.ts';
import { listEdges } from '../../kg/edge-read.service.ts';
import { findNodeNames } from '../../kg/node.service.ts';
import type { EdgeBrowserRequest } from './kg-pages.schemas.ts';

/** One page of the graph browser. */
export interface EdgeBrowserData {
  query: EdgeBrowserRequest;
  edges: Edge[];
  total: number;
  /** The cursor of the next page, or null on the last. */
  nextCursor: string | null;
  names: NodeNames;
}

/** Loads one page of `/kg/edges`: the edges, then the names of their nodes (two queries). */
export async function loadEdgeBrowser(
  deps: Pick<Deps, 'db'>,
  query: EdgeBrowserRequest,
): Promise<EdgeBrowserData> {
  const sort = edgeSortOf(undefined);
  const page = await listEdges(deps, {
    filter: edgeFilterOf(query),
    start: pageStartOf({ cursor: query.cursor }, sort),
    limit: query.limit,
  });
  const ids = page.rows.flatMap((edge) => [edge.subject, edge.object]);
  for (const id of [query.subject, query.object]) if (id) ids.push(id);
  return {
    query,
    edges: page.rows,
    total: page.total,
    nextCursor: nextCursorOf(sort, page.next),
    names: await findNodeNames(deps, ids),
  };
}

/** The counts the `/kg` landing shows. */
export async function loadGraphSummary(deps: Pick<Deps, 'db'>) {
  const count = async (flagged?: boolean) =>
    (await listEdges(deps, { filter: { flagged, status: 'active' }, start: { offset: 0 }, limit: 1 })).total;
  const [active, flagged] = await Promise.all([count(), count(true)]);
  return { active, flagged };
}
