/**
 * Shared steps of the webhook suites: a test app whose outbox runs on a manual clock with a short
 * retry schedule, subscribing a receiver, reading a delivery log, and checking a request with the
 * Standard Webhooks reference library (never with the server's own signing code).
 */
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { type ManualClock, manualClock } from '../support/clock.ts';
import type { TestStore } from '../support/stores.ts';
import type { ReceivedRequest } from './receiver.ts';

/**
 * The configuration of the delivery suites: two retries, 5 s then 30 s. The timeout stays the
 * default 10 s, so a busy machine does not turn a slow answer into a retry; the one case about
 * timeouts shortens it for its own sweep.
 */
export const WEBHOOK_ENV = { MODELGRAPH_WEBHOOK_RETRY_SCHEDULE: '5s,30s' };

/** A test app and the clock its outbox reads. */
export interface WebhookApp extends TestApp {
  clock: ManualClock;
}

/** Starts a test app on `store` with the delivery suites' configuration and a manual clock. */
export async function startWebhookApp(
  store: TestStore,
  env: Record<string, string> = {},
): Promise<WebhookApp> {
  const clock = manualClock();
  const t = await startTestApp(store, { ...WEBHOOK_ENV, ...env }, clock);
  return Object.assign(t, { clock });
}

/** Subscribes `url` through the API; returns the subscription as created (secret included). */
export async function subscribe(
  t: TestApp,
  url: string,
  eventTypes: string[] = ['*'],
): Promise<{ id: string; secret: string; url: string }> {
  const response = await t.request('POST', '/api/webhooks', {
    token: ADMIN_TOKEN,
    body: { url, event_types: eventTypes, description: 'test receiver' },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

/** One delivery as the log shows it. */
export interface DeliveryJson {
  id: number;
  event_type: string;
  event_id: number | null;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** A page of a subscription's delivery log (`query` holds the rest of the query string) and its total. */
export async function deliveryPage(
  t: TestApp,
  webhookId: string,
  query: string,
): Promise<{ deliveries: DeliveryJson[]; total: number }> {
  const response = await t.request('GET', `/api/webhooks/${webhookId}/deliveries?${query}`, {
    token: ADMIN_TOKEN,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** A subscription's delivery log (the first 200, newest first). */
export async function deliveryLog(t: TestApp, webhookId: string, query = ''): Promise<DeliveryJson[]> {
  return (await deliveryPage(t, webhookId, `limit=200${query}`)).deliveries;
}

/** Verifies a received request with `standardwebhooks` and returns its parsed body. */
export function verifiedBody(
  secret: string,
  request: ReceivedRequest,
): {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
} {
  const headers = {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(request.body, headers) as ReturnType<typeof verifiedBody>;
}
