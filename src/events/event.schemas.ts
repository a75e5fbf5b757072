/**
 * The JSON schema of an event, shared by every route that returns events.
 */
import { Type } from 'typebox';
import { JsonObject } from '../http/schemas.ts';

/** One event of the improvement log. */
export const EventJson = Type.Object({
  id: Type.Integer(),
  event_type: Type.String(),
  target_artifact_id: Type.String(),
  actor: Type.String(),
  detection_metadata: JsonObject,
  created_at: Type.String({ format: 'date-time' }),
});
