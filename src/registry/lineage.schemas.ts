/**
 * Request and response schemas of the lineage routes (SPEC §8, §15).
 */
import { Type } from 'typebox';
import { Id } from '../http/schemas.ts';

/** `{model_name, agent_id}` path parameters. */
export const MaintainerParams = Type.Object(
  { model_name: Id, agent_id: Id },
  { additionalProperties: false },
);

/** A lineage's maintainers. */
export const MaintainersJson = Type.Object({
  model_name: Type.String(),
  maintainers: Type.Array(Type.String()),
});
