/**
 * The event types a webhook can subscribe to (docs/integrations.md#event-types), and which subscriptions
 * receive which.
 */

/** Every event type the server sends. */
export const WEBHOOK_EVENT_TYPES = [
  'model_version_registered',
  'model_version_promoted',
  'model_alias_set',
  'model_alias_deleted',
  'rescore_pass_completed',
  'kg_edge_reviewed',
  'credit_payout_completed',
  'promotion_requested',
  'promotion_request_decided',
  'artifact_retracted',
  'artifact_reinstated',
  'webhook_test',
] as const;

/** One event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The subscription that receives every event type. */
export const ALL_EVENT_TYPES = '*';
