/**
 * Request and response schemas of the agent routes (docs/api.md#authentication-and-scopes).
 */
import { Type } from 'typebox';
import { SCOPES } from '../caller.ts';
import { Id } from '../http/schemas.ts';

/** An agent as sent. */
export const AgentJson = Type.Object({
  id: Type.String(),
  display_name: Type.String(),
  kind: Type.String(),
  created_at: Type.String(),
});

/** `GET /api/agents/{id}` response: the agent and its wallet balance. */
export const AgentWithWallet = Type.Intersect([
  AgentJson,
  Type.Object({ wallet: Type.Object({ balance: Type.Number(), balance_micro: Type.Integer() }) }),
]);

/** `POST /api/agents` body. */
export const CreateAgentBody = Type.Object(
  {
    id: Id,
    display_name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('human'), Type.Literal('ai')]),
  },
  { additionalProperties: false },
);

/** `POST /api/agents/{id}/tokens` body. */
export const CreateTokenBody = Type.Object(
  { scopes: Type.Array(Type.Enum(SCOPES), { minItems: 1, uniqueItems: true }) },
  { additionalProperties: false },
);

/** `POST /api/agents/{id}/tokens` response: the token, shown once. */
export const TokenResponse = Type.Object({ token: Type.String() });
