/**
 * Request and response schemas of the promotion requests (docs/api.md#governed-promotion).
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';
import { CHECK_NAMES } from './core/checks.ts';
import { REQUEST_STATUSES } from './core/request.ts';

const Comment = Type.String({ minLength: 1, maxLength: 2000 });

const Decision = Type.Object({
  agent_id: Type.String(),
  comment: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
});

/** A promotion request as sent. */
export const PromotionRequestJson = Type.Object({
  id: Type.Integer(),
  model_id: Type.String(),
  model_name: Type.String(),
  status: Type.Enum(REQUEST_STATUSES),
  requested_by: Type.String(),
  note: Nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  decided_at: Nullable(Type.String({ format: 'date-time' })),
  required_approvals: Type.Integer(),
  approvals: Type.Array(Decision),
  rejections: Type.Array(Decision),
  checks: Type.Array(
    Type.Object({
      name: Type.Enum(CHECK_NAMES),
      passed: Type.Boolean(),
      detail: Type.String(),
    }),
  ),
});
/** A request as sent. */
export type PromotionRequestJsonType = Static<typeof PromotionRequestJson>;

/** `{id}` of a request in a path (any text: what is not a request id is a 404). */
export const RequestParams = Type.Object(
  { id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

/** `POST /api/models/{id}/promotion-requests` body. */
export const OpenRequestBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** `POST /api/promotion-requests/{id}/approve` (and `/withdraw`) body. */
export const ApproveBody = Type.Object({ comment: Type.Optional(Comment) }, { additionalProperties: false });

/** `POST /api/promotion-requests/{id}/reject` body: a rejection says why. */
export const RejectBody = Type.Object({ comment: Comment }, { additionalProperties: false });

/** `GET /api/promotion-requests` query. */
export const ListRequestsQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(REQUEST_STATUSES)),
    model_name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** `GET /api/promotion-requests` response. */
export const RequestListJson = Type.Object({
  requests: Type.Array(PromotionRequestJson),
  next_cursor: Nullable(Type.String()),
});
