/**
 * The body of a webhook request: `{"type", "timestamp", "data"}`, serialised once when the
 * message is queued so that every attempt sends — and signs — the same bytes.
 */
import type { WebhookEventType } from './event-types.ts';

/** The JSON text of a webhook message about a change made at `timestamp`. */
export function webhookBody(type: WebhookEventType, timestamp: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data });
}

/** The `webhook-id` of a delivery: stable across all its attempts, unique among the server's messages. */
export function messageIdOf(deliveryId: number): string {
  return `msg_${deliveryId}`;
}
