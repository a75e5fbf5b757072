/**
 * Request and response schemas of the node-name routes (docs/api.md#node-names).
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';

/** The most nodes one `POST /api/kg/nodes` may carry. */
export const MAX_NODES_PER_CALL = 10_000;

/** A node id: what an edge may name as its subject or object. */
const NodeId = Type.String({ minLength: 1, maxLength: 1000 });

/** One node in `POST /api/kg/nodes`. */
export const NewNode = Type.Object(
  {
    id: NodeId,
    name: Type.String({ minLength: 1, maxLength: 1000 }),
    category: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z][A-Za-z0-9_]*$',
        maxLength: 200,
        description: 'A Biolink category CURIE such as biolink:Gene',
      }),
    ),
  },
  { additionalProperties: false },
);
/** A parsed node. */
export type NewNodeRequest = Static<typeof NewNode>;

/** `POST /api/kg/nodes` body. */
export const NewNodesBody = Type.Array(NewNode, { minItems: 1, maxItems: MAX_NODES_PER_CALL });

/** `POST /api/kg/nodes` response. */
export const UpsertNodesResponse = Type.Object({ upserted: Type.Integer() });

/** One node as the API shows it. */
export const NodeJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: Nullable(Type.String()),
});

/** `{id}` of `GET /api/kg/nodes/{id}`. */
export const NodeParams = Type.Object({ id: NodeId }, { additionalProperties: false });
