/**
 * The JSON schemas of events, shared by every route that returns events.
 */
import { type Static, Type } from 'typebox';
import { JsonObject, Offset } from '../http/schemas.ts';

/** One event of the improvement log. */
export const EventJson = Type.Object({
  id: Type.Integer(),
  event_type: Type.String(),
  target_artifact_id: Type.String(),
  actor: Type.String(),
  detection_metadata: JsonObject,
  created_at: Type.String({ format: 'date-time' }),
});

/** `GET /api/events` query. */
export const EventsQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    target: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
    offset: Type.Integer({ ...Offset, default: 0 }),
  },
  { additionalProperties: false },
);
/** A parsed `GET /api/events` query. */
export type EventsRequest = Static<typeof EventsQuery>;

/** `GET /api/events` response. */
export const EventList = Type.Object({ events: Type.Array(EventJson), total: Type.Integer() });
