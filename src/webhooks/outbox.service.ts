/**
 * The one door for outbound effects: the outbox's subscribers (`outbox.subscribers.ts`) call
 * `publishEvent` (and, for the runs OpenLineage records, `publishLineage`) inside the transaction of
 * the change they report. Nothing here makes a network call; the dispatcher sends what a committed
 * transaction left in the outbox.
 */
import type { Config } from '../config.ts';
import type { Tx } from '../db/database.ts';
import type { JsonObject } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { buildRunEvent, type LineageRun, type RunEventType } from '../formats/core/openlineage.ts';
import type { WebhookEventType } from './core/event-types.ts';
import { webhookBody } from './core/message.ts';
import { enqueueLineageEvents, enqueueWebhookDeliveries } from './delivery.repository.ts';
import { hasActiveSubscription } from './webhook.repository.ts';

/** A change to tell the subscribers about. */
export interface PublishedEvent {
  type: WebhookEventType;
  /** The `data` of the webhook body, or how to read it (only read when a subscription receives the type). */
  data: JsonObject | (() => Promise<JsonObject>);
  /** The events-log entry the change wrote, if it wrote one. */
  eventId?: number | null;
}

/** Queues a delivery of the event to every active subscription of its type, in `tx`. */
export async function publishEvent(tx: Tx, deps: Pick<Deps, 'clock'>, event: PublishedEvent): Promise<void> {
  if (!(await hasActiveSubscription(tx, event.type))) return;
  const now = deps.clock.now();
  const data = typeof event.data === 'function' ? await event.data() : event.data;
  await enqueueWebhookDeliveries(tx, {
    eventType: event.type,
    eventId: event.eventId ?? null,
    body: webhookBody(event.type, now, data),
    now,
  });
}

/** OpenLineage RunEvents to send about the change of `eventType`: one per state of `run`, in order. */
export interface PublishedRun {
  eventType: string;
  eventId?: number | null;
  run: LineageRun;
  states: RunEventType[];
  /** The events' `eventTime`. */
  at: Date;
}

/** What the RunEvents name as their producer: the server's own origin, as `serve` listens. */
function lineageProducer(config: Config): string {
  return `http://${config.host}:${config.port}/`;
}

/** Whether RunEvents are sent (an OpenLineage server is configured): a run costly to read is read only then. */
export function sendsLineage(config: Config): boolean {
  return config.openLineageUrl !== undefined;
}

/** Queues the run's RunEvents for the OpenLineage server, in `tx`; nothing when none is configured. */
export async function publishLineage(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'config'>,
  props: PublishedRun,
): Promise<void> {
  if (!sendsLineage(deps.config)) return;
  const options = { producer: lineageProducer(deps.config) };
  await enqueueLineageEvents(tx, {
    eventType: props.eventType,
    eventId: props.eventId ?? null,
    bodies: props.states.map((state) => JSON.stringify(buildRunEvent(state, props.at, props.run, options))),
    now: deps.clock.now(),
  });
}
