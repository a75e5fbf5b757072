/**
 * The knowledge graph over HTTP (SPEC §2 Knowledge graph): bulk insert, queries, the review queue.
 */

import { Type } from 'typebox';
import { presentEvent } from '../events/event.presenter.ts';
import { EventJson } from '../events/event.schemas.ts';
import { nextCursorOf, pageStartOf } from '../http/cursor.ts';
import type { App, RouteDeps } from '../http/route-deps.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { presentEdge, presentHistory } from './edge.presenter.ts';
import {
  EDGE_SORT,
  Edge,
  EdgeList,
  EdgePage,
  EdgeWithHistory,
  edgeFilterOf,
  ListEdgesQuery,
  NewEdgesBody,
  NewEdgesResponse,
  ReviewBody,
  ReviewQueueQuery,
} from './edge.schemas.ts';
import { getEdgeWithHistory, insertEdges, listEdges, listReviewQueue, reviewEdge } from './edge.service.ts';

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
      const caller = await authenticate(request, 'write');
      return reply.status(201).send(await insertEdges(deps, { caller, edges: request.body }));
    },
  );

  app.get(
    '/api/kg/edges',
    {
      schema: {
        tags,
        summary: 'Query edges',
        querystring: ListEdgesQuery,
        response: { 200: EdgePage, 400: ErrorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const filter = edgeFilterOf(q);
      const page = await listEdges(deps, { filter, start: pageStartOf(q, EDGE_SORT), limit: q.limit });
      return {
        edges: page.rows.map(presentEdge),
        total: page.total,
        next_cursor: nextCursorOf(EDGE_SORT, page.next),
      };
    },
  );

  app.get(
    '/api/kg/edges/:id',
    {
      schema: {
        tags,
        summary: 'One edge with every confidence it has had',
        params: IdParams,
        response: { 200: EdgeWithHistory, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { edge, history } = await getEdgeWithHistory(deps, request.params.id);
      return { ...presentEdge(edge), history: history.map(presentHistory) };
    },
  );

  app.get(
    '/api/kg/review',
    {
      schema: {
        tags,
        summary: 'Flagged edges waiting for review',
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
      const caller = await authenticate(request, 'evaluate');
      const { edge, event } = await reviewEdge(deps, {
        edgeId: request.params.id,
        ...request.body,
        reviewer: caller.agentId,
      });
      return { edge: presentEdge(edge), event: presentEvent(event) };
    },
  );
}
