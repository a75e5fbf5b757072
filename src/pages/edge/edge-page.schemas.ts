/**
 * The edge page's query: the moment to show the edge at (the "as of" field, or a link's ISO value).
 */
import { Type } from 'typebox';

/** `GET /kg/edges/{id}` query. */
export const EdgePageQuery = Type.Object(
  { as_of: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
