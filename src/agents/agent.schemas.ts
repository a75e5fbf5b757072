/**
 * Request and response schemas of the agent and token routes (docs/api.md#authentication-and-scopes).
 */
import { Type } from 'typebox';
import { SCOPES } from '../caller.ts';
import { Id, Nullable } from '../http/schemas.ts';

/** An agent as sent. */
export const AgentJson = Type.Object({
  id: Type.String(),
  display_name: Type.String(),
  kind: Type.String(),
  active: Type.Boolean({ description: 'false: every token of the agent is refused (401 agent_inactive)' }),
  created_at: Type.String(),
});

/** `GET /api/agents/{id}` response: the agent and its wallet balance. */
export const AgentWithWallet = Type.Intersect([
  AgentJson,
  Type.Object({ wallet: Type.Object({ balance: Type.Number(), balance_micro: Type.Integer() }) }),
]);

const DisplayName = Type.String({ minLength: 1, maxLength: 200 });

/** `POST /api/agents` body. */
export const CreateAgentBody = Type.Object(
  {
    id: Id,
    display_name: DisplayName,
    kind: Type.Union([Type.Literal('human'), Type.Literal('ai')]),
  },
  { additionalProperties: false },
);

/** `PATCH /api/agents/{id}` body: at least one field. */
export const UpdateAgentBody = Type.Object(
  {
    active: Type.Optional(Type.Boolean({ description: 'false deactivates the agent, true reactivates it' })),
    display_name: Type.Optional(DisplayName),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** `POST /api/agents/{id}/tokens` body. */
export const CreateTokenBody = Type.Object(
  {
    scopes: Type.Array(Type.Enum(SCOPES), { minItems: 1, uniqueItems: true }),
    expires_in_days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3650, description: 'none: the token works until revoked' }),
    ),
    label: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** `POST /api/agents/{id}/tokens` response: the token (shown once) and its public handle. */
export const TokenResponse = Type.Object({
  token: Type.String(),
  token_id: Type.String(),
  scopes: Type.Array(Type.String()),
  label: Nullable(Type.String()),
  expires_at: Nullable(Type.String()),
});

/** A stored token as listed: never its secret or hash. */
export const TokenJson = Type.Object({
  token_id: Type.String(),
  scopes: Type.Array(Type.String()),
  label: Nullable(Type.String()),
  created_at: Type.String(),
  expires_at: Nullable(Type.String()),
  last_used_at: Nullable(Type.String({ description: 'may lag by up to a minute' })),
  revoked_at: Nullable(Type.String()),
});

/** `GET /api/agents/{id}/tokens` response. */
export const TokenList = Type.Object({ tokens: Type.Array(TokenJson) });

/** `DELETE /api/agents/{id}/tokens/{token_id}` response. */
export const RevokedToken = Type.Object({ token_id: Type.String(), revoked_at: Type.String() });

/** `{id, token_id}` path parameters. */
export const TokenParams = Type.Object(
  { id: Type.String(), token_id: Type.String({ maxLength: 128 }) },
  { additionalProperties: false },
);
