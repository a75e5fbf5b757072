/**
 * The knowledge graph over HTTP (SPEC §2 Knowledge graph): bulk insert, queries, the review queue.
 */

import { Type } from 'typebox';
import { InvalidRequest, NotFound } from '../errors.ts';
import { presentEvent } from '../events/event.repository.ts';
import { EventJson } from '../events/event.schemas.ts';
import type { App, RouteDeps } from '../http/app.ts';
import { decodeCursor, encodeCursor, type PageStart } from '../http/cursor.ts';
import { ErrorResponse, IdParams, writeErrors } from '../http/schemas.ts';
import { presentEdge, presentHistory } from './edge.presenter.ts';
import { EDGE_SORT, findEdgeById, findEdges, findHistory } from './edge.repository.ts';
import {
  Edge,
  EdgeList,
  EdgePage,
  EdgeWithHistory,
  ListEdgesQuery,
  NewEdgesBody,
  NewEdgesResponse,
  ReviewBody,
  ReviewQueueQuery,
} from './edge.schemas.ts';
import { insertEdges, reviewEdge } from './edge.service.ts';

/** Registers the knowledge-graph routes. */
export function registerEdgeRoutes(app: App, { db, authenticate }: RouteDeps) {
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
      await authenticate(request, 'write');
      const result = await db.transaction((tx) => insertEdges(tx, request.body));
      return reply.status(201).send(result);
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
      const filter = {
        sourceArtifactId: q.source_artifact_id,
        subject: q.subject,
        object: q.object,
        predicate: q.predicate,
        flagged: q.flagged,
        status: q.status,
        provenanceUnknown: q.provenance_unknown,
        minConfidence: q.min_confidence,
      };
      if (q.cursor !== undefined && q.offset !== undefined) {
        throw new InvalidRequest('cursor and offset cannot be used together');
      }
      const start: PageStart = q.cursor
        ? { after: decodeCursor(q.cursor, EDGE_SORT) }
        : { offset: q.offset ?? 0 };
      const { edges, total, hasMore } = await findEdges(db, filter, { limit: q.limit, ...start });
      const last = edges.at(-1);
      return {
        edges: edges.map(presentEdge),
        total,
        next_cursor:
          hasMore && last
            ? encodeCursor({ sort: EDGE_SORT, value: String(last.confidence), id: last.id })
            : null,
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
      const edge = await findEdgeById(db, request.params.id);
      if (!edge) throw new NotFound(`edge '${request.params.id}' does not exist`);
      return { ...presentEdge(edge), history: (await findHistory(db, [edge.id])).map(presentHistory) };
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
      const { edges, total } = await findEdges(db, { flagged: true }, request.query);
      return { edges: edges.map(presentEdge), total };
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
      const event = await db.transaction((tx) =>
        reviewEdge(tx, { edgeId: request.params.id, ...request.body, reviewer: caller.agentId }),
      );
      const edge = await findEdgeById(db, request.params.id);
      return { edge: presentEdge(edge as NonNullable<typeof edge>), event: presentEvent(event) };
    },
  );
}
