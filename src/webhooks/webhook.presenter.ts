/**
 * The wire forms of webhooks: a subscription (its secret only in the creation answer)
 * and a delivery of the log.
 */
import type { Delivery } from './delivery.repository.ts';
import type { Webhook } from './webhook.repository.ts';

/** A subscription as listed: no secret. */
export function presentWebhook(webhook: Webhook) {
  return {
    id: webhook.id,
    url: webhook.url,
    event_types: webhook.eventTypes,
    description: webhook.description,
    active: webhook.active,
    created_at: webhook.createdAt.toISOString(),
  };
}

/** A new subscription with the secret to verify its messages, shown this once. */
export function presentCreatedWebhook(webhook: Webhook) {
  return { ...presentWebhook(webhook), secret: webhook.secret };
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** One delivery of the log. */
export function presentDelivery(delivery: Delivery) {
  return {
    id: delivery.id,
    event_type: delivery.eventType,
    event_id: delivery.eventId,
    status: delivery.status as 'pending' | 'delivered' | 'failed',
    attempts: delivery.attempts,
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    next_attempt_at: iso(delivery.nextAttemptAt),
    delivered_at: iso(delivery.deliveredAt),
    created_at: delivery.createdAt.toISOString(),
  };
}
