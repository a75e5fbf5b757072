/**
 * What the edge page (`/kg/edges/{id}`) reads: the edge now with its whole history, the edge as it
 * stood at `as_of` (when asked), and the events that target it. Unknown ids throw the API's
 * `NotFound`; a bad `as_of` its `InvalidRequest`.
 */
import type { Deps } from '../../deps.ts';
import { NotFound } from '../../errors.ts';
import { presentEvent } from '../../events/event.presenter.ts';
import { listEvents } from '../../events/event.service.ts';
import type { Edge, HistoryEntry } from '../../kg/core/edge.ts';
import type { NodeNames } from '../../kg/core/node.ts';
import { getEdgeWithHistory } from '../../kg/edge-read.service.ts';
import { findNodeNames } from '../../kg/node.service.ts';
import { readAsOf } from '../../registry/core/as-of.ts';

/** An event as the API presents it. */
export type EventJson = ReturnType<typeof presentEvent>;

/** How many events the page lists, newest first. */
export const EDGE_PAGE_EVENTS = 50;

/** Everything the edge page shows. */
export interface EdgePageData {
  edge: Edge;
  /** Every entry of the history, oldest first. */
  history: HistoryEntry[];
  /** The moment asked for, in canonical form, if any. */
  asOf?: string;
  /** The edge as it stood at `asOf`; undefined when it had no history entry by then. */
  past?: Edge;
  /** The ids of the history entries made at or before `asOf`. */
  pastEntryIds: Set<number>;
  /** The names of its subject and object, when they have one. */
  names: NodeNames;
  /** The newest events that target the edge, as the API presents them. */
  events: EventJson[];
  eventsTotal: number;
}

/** Loads the edge page for `id`, as of `asOfText` when given. */
export async function loadEdgePage(
  deps: Pick<Deps, 'db'>,
  id: string,
  asOfText?: string,
): Promise<EdgePageData> {
  const asOf = asOfText === undefined ? undefined : readAsOf(asOfText);
  const [{ edge, history }, events] = await Promise.all([
    getEdgeWithHistory(deps, id),
    listEvents(deps, { target: id }, { limit: EDGE_PAGE_EVENTS, offset: 0 }),
  ]);
  const [past, names] = await Promise.all([
    asOf === undefined ? undefined : findPast(deps, id, asOf),
    findNodeNames(deps, [edge.subject, edge.object]),
  ]);
  return {
    names,
    edge,
    history,
    asOf,
    past: past?.edge,
    pastEntryIds: new Set(past?.history.map((entry) => entry.id)),
    ...eventsOf(events),
  };
}

/** The edge and its history at `asOf`, or undefined when it did not exist yet (the edge itself exists: it was just read). */
async function findPast(deps: Pick<Deps, 'db'>, id: string, asOf: string) {
  try {
    return await getEdgeWithHistory(deps, id, asOf);
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}

function eventsOf(page: Awaited<ReturnType<typeof listEvents>>) {
  return { events: page.events.map(presentEvent), eventsTotal: page.total };
}
