/**
 * The webhook commands (admin): subscribe, list, change, send a test message, read a
 * subscription's delivery log and queue a delivery again.
 */
import { randomBytes } from 'node:crypto';
import { assertScope, type Caller } from '../caller.ts';
import type { Deps, Unit } from '../deps.ts';
import { InvalidRequest, NotFound } from '../errors.ts';
import { ALL_EVENT_TYPES } from './core/event-types.ts';
import { webhookBody } from './core/message.ts';
import { generateSecret } from './core/signature.ts';
import { findWebhookUrlProblem } from './core/webhook-url.ts';
import {
  type Delivery,
  type DeliveryQuery,
  enqueueDelivery,
  findDeliveries,
  requeueDelivery,
} from './delivery.repository.ts';
import {
  findWebhook,
  findWebhooks,
  insertWebhook,
  updateWebhook,
  type Webhook,
} from './webhook.repository.ts';

function assertValidUrl(url: string): void {
  const problem = findWebhookUrlProblem(url);
  if (problem) throw new InvalidRequest(problem, { field: 'url' });
}

function assertValidEventTypes(eventTypes: string[]): void {
  if (eventTypes.includes(ALL_EVENT_TYPES) && eventTypes.length > 1) {
    throw new InvalidRequest(`event_types is either ["*"] or a list of event types, not both`, {
      field: 'event_types',
    });
  }
}

/** A new subscription. */
export interface CreateWebhookProps {
  unit: Unit;
  /** An admin. */
  caller: Caller;
  url: string;
  /** Event types, or `['*']` for all. */
  eventTypes: string[];
  description?: string | null;
}

/** Subscribes `url` to the event types; the answer is the only place its secret is shown. */
export async function createWebhook(_deps: Deps, props: CreateWebhookProps): Promise<Webhook> {
  assertScope(props.caller, 'admin');
  assertValidUrl(props.url);
  assertValidEventTypes(props.eventTypes);
  return insertWebhook(props.unit.tx, {
    id: `wh_${randomBytes(12).toString('hex')}`,
    url: props.url,
    eventTypes: props.eventTypes,
    description: props.description ?? null,
    secret: generateSecret(),
    createdBy: props.caller.agentId,
  });
}

/** Every subscription, oldest first (for `admin`). */
export function listWebhooks(deps: Pick<Deps, 'db'>, caller: Caller): Promise<Webhook[]> {
  assertScope(caller, 'admin');
  return findWebhooks(deps.db);
}

async function getWebhook(deps: Pick<Deps, 'db'>, id: string): Promise<Webhook> {
  const webhook = await findWebhook(deps.db, id);
  if (!webhook) throw new NotFound(`webhook '${id}' does not exist`);
  return webhook;
}

/** A PATCH of a subscription: each field given replaces the stored one. */
export interface UpdateWebhookProps {
  unit: Unit;
  /** An admin. */
  caller: Caller;
  id: string;
  url?: string;
  eventTypes?: string[];
  active?: boolean;
  description?: string | null;
}

/**
 * Changes a subscription. Its pending deliveries follow it: they go to the new URL, and wait while
 * it is inactive.
 */
export async function changeWebhook(_deps: Deps, props: UpdateWebhookProps): Promise<Webhook> {
  assertScope(props.caller, 'admin');
  if (props.url !== undefined) assertValidUrl(props.url);
  if (props.eventTypes !== undefined) assertValidEventTypes(props.eventTypes);
  const { unit, caller: _, id, ...changes } = props;
  const updated = await updateWebhook(unit.tx, id, changes);
  if (!updated) throw new NotFound(`webhook '${id}' does not exist`);
  return updated;
}

/** Queues a `webhook_test` message to one subscription, whatever the types it receives. */
export async function sendTestMessage(
  deps: Deps,
  props: { unit: Unit; caller: Caller; id: string },
): Promise<Delivery> {
  assertScope(props.caller, 'admin');
  const webhook = await getWebhook({ db: props.unit.tx }, props.id);
  const now = deps.clock.now();
  return enqueueDelivery(props.unit.tx, webhook.id, {
    eventType: 'webhook_test',
    eventId: null,
    body: webhookBody('webhook_test', now, {
      webhook_id: webhook.id,
      message: 'a test message from modelgraph',
    }),
    now,
  });
}

/** A page of a subscription's delivery log, newest first (for `admin`); 404 when the subscription is unknown. */
export async function listDeliveries(deps: Pick<Deps, 'db'>, caller: Caller, query: DeliveryQuery) {
  assertScope(caller, 'admin');
  await getWebhook(deps, query.webhookId);
  return findDeliveries(deps.db, query);
}

/** Queues one of a subscription's deliveries again, due now, with a fresh retry schedule. */
export async function redeliver(
  deps: Deps,
  props: { unit: Unit; caller: Caller; webhookId: string; deliveryId: number },
): Promise<Delivery> {
  assertScope(props.caller, 'admin');
  const { tx } = props.unit;
  await getWebhook({ db: tx }, props.webhookId);
  const requeued = await requeueDelivery(tx, props.webhookId, props.deliveryId, deps.clock.now());
  if (!requeued) throw new NotFound(`webhook '${props.webhookId}' has no delivery ${props.deliveryId}`);
  return requeued;
}
