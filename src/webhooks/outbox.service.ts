/**
 * The one door for outbound effects (STYLE "A feature's outbound effects go through one door"):
 * every command that changes something subscribers hear about calls `publishEvent` (and, for the
 * runs OpenLineage records, `publishLineage`) inside its own transaction. Nothing here makes a
 * network call; the dispatcher sends what a committed transaction left in the outbox.
 */
import type { Tx } from '../db/database.ts';
import type { JsonObject } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { WebhookEventType } from './core/event-types.ts';
import { webhookBody } from './core/message.ts';
import { enqueueLineageEvents, enqueueWebhookDeliveries } from './delivery.repository.ts';

/** A change to tell the subscribers about. */
export interface PublishedEvent {
  type: WebhookEventType;
  /** The `data` of the webhook body. */
  data: JsonObject;
  /** The events-log entry the change wrote, if it wrote one. */
  eventId?: number | null;
}

/** Queues a delivery of the event to every active subscription of its type, in `tx`. */
export async function publishEvent(tx: Tx, deps: Pick<Deps, 'clock'>, event: PublishedEvent): Promise<void> {
  const now = deps.clock.now();
  await enqueueWebhookDeliveries(tx, {
    eventType: event.type,
    eventId: event.eventId ?? null,
    body: webhookBody(event.type, now, event.data),
    now,
  });
}

/** OpenLineage RunEvents to send, in order, about the change of `eventType`. */
export interface PublishedRunEvents {
  eventType: string;
  eventId?: number | null;
  runEvents: Record<string, unknown>[];
}

/** Queues RunEvents for the OpenLineage server, in `tx`; nothing when none is configured. */
export async function publishLineage(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'config'>,
  props: PublishedRunEvents,
): Promise<void> {
  if (deps.config.openLineageUrl === undefined) return;
  await enqueueLineageEvents(tx, {
    eventType: props.eventType,
    eventId: props.eventId ?? null,
    bodies: props.runEvents.map((event) => JSON.stringify(event)),
    now: deps.clock.now(),
  });
}
