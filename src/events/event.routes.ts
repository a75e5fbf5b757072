/**
 * The events log over HTTP: `GET /api/events`, newest first.
 */
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { events } from '../db/schema.ts';
import type { App, RouteDeps } from '../http/app.ts';
import { ErrorResponse } from '../http/schemas.ts';
import { presentEvent } from './event.repository.ts';
import { EventJson } from './event.schemas.ts';

const EventsQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    target: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);

/** Registers `GET /api/events`. */
export function registerEventRoutes(app: App, { db }: RouteDeps) {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'The improvement log, newest first',
        querystring: EventsQuery,
        response: {
          200: Type.Object({ events: Type.Array(EventJson), total: Type.Integer() }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { type, target, since, limit, offset } = request.query;
      const where = and(
        type === undefined ? undefined : eq(events.eventType, type),
        target === undefined ? undefined : eq(events.targetArtifactId, target),
        since === undefined ? undefined : gte(events.createdAt, new Date(since)),
      );
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(events)
          .where(where)
          .orderBy(desc(events.createdAt), desc(events.id))
          .limit(limit)
          .offset(offset),
        db.select({ total: sql<number>`count(*)::int` }).from(events).where(where),
      ]);
      return { events: rows.map(presentEvent), total };
    },
  );
}
