/**
 * The knowledge graph over HTTP (docs/api.md#knowledge-graph): bulk insert, queries, the review queue.
 */

import { Type } from 'typebox';
import { presentEvent } from '../events/event.presenter.ts';
import { EventJson } from '../events/event.schemas.ts';
import { nextCursorOf, pageStartOf } from '../http/cursor.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { readAsOf } from '../registry/core/as-of.ts';
import { parseFilter } from '../search/core/filter-parser.ts';
import { runInUnit } from '../unit-of-work.ts';
import { presentEdge, presentHistory } from './edge.presenter.ts';
import {
  Edge,
  EdgeList,
  EdgePage,
  EdgeQuery,
  EdgeWithHistory,
  edgeFilterOf,
  edgeSortOf,
  ListEdgesQuery,
  NewEdgesBody,
  NewEdgesResponse,
  ReviewBody,
  ReviewQueueQuery,
} from './edge.schemas.ts';
import { insertEdges, reviewEdge } from './edge.service.ts';
import { getEdgeWithHistory, listEdges, listReviewQueue } from './edge-read.service.ts';

/** Registers the knowledge-graph routes. */
export function registerEdgeRoutes(app: App, deps: RouteDeps) {
  const { authenticate } = deps;
  const tags = ['knowledge graph'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/kg/edges',
    {
      schema: {
        tags,
        summary: 'Insert up to 10,000 edges, all or none; re-sending an unchanged edge is a no-op',
        security,
        body: NewEdgesBody,
        response: { 201: NewEdgesResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const caller = await authenticate(request);
      const result = await runInUnit(deps, (unit) =>
        insertEdges(deps, { unit, caller, edges: request.body }),
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/kg/edges',
    {
      schema: {
        tags,
        summary: 'Query edges, now or as they stood at a moment (as_of)',
        querystring: ListEdgesQuery,
        response: { 200: EdgePage, 400: ErrorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const filter = { ...edgeFilterOf(q), expression: parseFilter(q.filter) };
      const asOf = q.as_of === undefined ? undefined : readAsOf(q.as_of);
      const sort = edgeSortOf(asOf);
      const page = await listEdges(deps, { filter, start: pageStartOf(q, sort), limit: q.limit, asOf });
      return {
        edges: page.rows.map(presentEdge),
        total: page.total,
        next_cursor: nextCursorOf(sort, page.next, q.filter),
      };
    },
  );

  app.get(
    '/api/kg/edges/:id',
    {
      schema: {
        tags,
        summary: 'One edge with every confidence it has had (up to as_of, as it stood then)',
        params: IdParams,
        querystring: EdgeQuery,
        response: { 200: EdgeWithHistory, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { as_of } = request.query;
      const asOf = as_of === undefined ? undefined : readAsOf(as_of);
      const { edge, history } = await getEdgeWithHistory(deps, request.params.id, asOf);
      return { ...presentEdge(edge), history: history.map(presentHistory) };
    },
  );

  app.get(
    '/api/kg/review',
    {
      schema: {
        tags,
        summary: 'Flagged edges waiting for review, each with its reason (reason= keeps one reason)',
        querystring: ReviewQueueQuery,
        response: { 200: EdgeList, 400: ErrorResponse },
      },
    },
    async (request) => {
      const page = await listReviewQueue(deps, request.query);
      return { edges: page.rows.map(presentEdge), total: page.total };
    },
  );

  app.post(
    '/api/kg/edges/:id/review',
    {
      schema: {
        tags,
        summary: 'Keep or retract a flagged edge (scope evaluate); nothing is deleted',
        security,
        params: IdParams,
        body: ReviewBody,
        response: { 200: Type.Object({ edge: Edge, event: EventJson }), 404: ErrorResponse, ...writeErrors },
      },
    },
    async (request) => {
      const caller = await authenticate(request);
      const { edge, event } = await runInUnit(deps, (unit) =>
        reviewEdge(deps, { unit, caller, edgeId: request.params.id, ...request.body }),
      );
      return { edge: presentEdge(edge), event: presentEvent(event) };
    },
  );
}
