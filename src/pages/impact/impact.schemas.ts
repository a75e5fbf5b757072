/**
 * The impact preview form (`POST /models/{id}/impact-preview`): urlencoded, so `max_edges` arrives
 * as text — empty for "one pass", else a whole number the command's limits then apply to.
 */
import { Type } from 'typebox';

/** The form's fields. */
export const ImpactForm = Type.Object(
  { max_edges: Type.Optional(Type.String({ pattern: '^[0-9]{0,7}$' })) },
  { additionalProperties: false },
);
