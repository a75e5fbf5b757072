/**
 * The JSON schemas of the webhook routes.
 */
import { Type } from 'typebox';
import { BigInteger, Nullable, Offset } from '../http/schemas.ts';
import { ALL_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from './core/event-types.ts';

const Url = Type.String({ minLength: 1, maxLength: 2048, description: 'An http or https URL' });
const EventTypes = Type.Array(Type.Enum([...WEBHOOK_EVENT_TYPES, ALL_EVENT_TYPES]), {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
  uniqueItems: true,
  description: 'The event types to receive, or ["*"] for all',
});
const Description = Nullable(Type.String({ maxLength: 2000 }));

/** `POST /api/webhooks` body. */
export const CreateWebhookBody = Type.Object(
  { url: Url, event_types: EventTypes, description: Type.Optional(Description) },
  { additionalProperties: false },
);

/** `PATCH /api/webhooks/{id}` body: at least one field. */
export const PatchWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    event_types: Type.Optional(EventTypes),
    active: Type.Optional(Type.Boolean()),
    description: Type.Optional(Description),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A subscription, without its secret. */
export const WebhookJson = Type.Object({
  id: Type.String(),
  url: Type.String(),
  event_types: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  active: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});

/** A new subscription with its secret (`whsec_…`), shown only in this answer. */
export const CreatedWebhookJson = Type.Object({ ...WebhookJson.properties, secret: Type.String() });

/** `GET /api/webhooks` response. */
export const WebhookList = Type.Object({ webhooks: Type.Array(WebhookJson) });

const DeliveryStatus = Type.Enum(['pending', 'delivered', 'failed']);

/** One delivery of a subscription's log. */
export const DeliveryJson = Type.Object({
  id: Type.Integer(),
  event_type: Type.String(),
  event_id: Nullable(Type.Integer()),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  next_attempt_at: Nullable(Type.String({ format: 'date-time' })),
  delivered_at: Nullable(Type.String({ format: 'date-time' })),
  created_at: Type.String({ format: 'date-time' }),
});

/** `GET /api/webhooks/{id}/deliveries` query. */
export const DeliveriesQuery = Type.Object(
  {
    status: Type.Optional(DeliveryStatus),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ ...Offset, default: 0 }),
  },
  { additionalProperties: false },
);

/** `GET /api/webhooks/{id}/deliveries` response. */
export const DeliveryList = Type.Object({ deliveries: Type.Array(DeliveryJson), total: Type.Integer() });

/** `/api/webhooks/{id}/deliveries/{delivery_id}` path parameters. */
export const DeliveryParams = Type.Object(
  { id: Type.String(), delivery_id: BigInteger(1) },
  { additionalProperties: false },
);
