/**
 * The outbox in the database: the only SQL that writes `deliveries`. Messages are queued in the
 * transaction of the change they report (one set-based insert for every matching subscription),
 * claimed with `FOR UPDATE SKIP LOCKED` under a lease that names the attempt, and settled by that
 * attempt alone.
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { findOffsetPage } from '../db/offset-page.ts';
import { deliveries } from '../db/schema.ts';

/** A delivery as the log shows it. */
export type Delivery = typeof deliveries.$inferSelect;

/** The channel that wakes the dispatchers when a transaction that queued messages commits. */
export const OUTBOX_CHANNEL = 'modelgraph_outbox';

/** A message to queue: its type, the events-log entry it reports (if any), and the body to send. */
export interface OutboxMessage {
  eventType: string;
  eventId: number | null;
  body: string;
  now: Date;
}

/** Wakes the dispatchers when the transaction commits (nothing is sent if it rolls back). */
async function notifyOnCommit(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

/** Queues one delivery of `message` to every active subscription of its type; returns how many. */
export async function enqueueWebhookDeliveries(tx: Tx, message: OutboxMessage): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`insert into deliveries (destination, webhook_id, event_type, event_id, body, next_attempt_at)
        select 'webhook', w.id, ${message.eventType}, ${message.eventId}, ${message.body},
               ${message.now.toISOString()}::timestamptz
          from webhooks w
         where w.active and w.event_types && array[${message.eventType}, '*']::text[]
         order by w.created_at, w.id
        returning id`,
  );
  if (rows.length > 0) await notifyOnCommit(tx);
  return rows.length;
}

/** Queues one delivery of `message` to one subscription, whatever its types (the test message). */
export async function enqueueDelivery(tx: Tx, webhookId: string, message: OutboxMessage): Promise<Delivery> {
  const [row] = await tx
    .insert(deliveries)
    .values({
      destination: 'webhook',
      webhookId,
      eventType: message.eventType,
      eventId: message.eventId,
      body: message.body,
      nextAttemptAt: message.now,
    })
    .returning();
  await notifyOnCommit(tx);
  return row;
}

/** Queues OpenLineage RunEvents, to be sent in the order given. */
export async function enqueueLineageEvents(
  tx: Tx,
  messages: { eventType: string; eventId: number | null; bodies: string[]; now: Date },
): Promise<void> {
  if (messages.bodies.length === 0) return;
  await tx.execute(
    sql`insert into deliveries (destination, event_type, event_id, body, next_attempt_at)
        select 'openlineage', ${messages.eventType}, ${messages.eventId}, body,
               ${messages.now.toISOString()}::timestamptz
          from unnest(${sql.param(messages.bodies)}::text[]) with ordinality as t(body, n)
         order by n`,
  );
  await notifyOnCommit(tx);
}

/** Filters and page of a subscription's delivery log. */
export interface DeliveryQuery {
  webhookId: string;
  status?: string;
  limit: number;
  offset: number;
}

/** A page of a subscription's deliveries, newest first, and the count of all matches. */
export async function findDeliveries(
  db: Db,
  query: DeliveryQuery,
): Promise<{ deliveries: Delivery[]; total: number }> {
  const where: SQL | undefined = and(
    eq(deliveries.webhookId, query.webhookId),
    query.status === undefined ? undefined : eq(deliveries.status, query.status),
  );
  const orderBy = [desc(deliveries.createdAt), desc(deliveries.id)];
  const { limit, offset } = query;
  const { rows, total } = await findOffsetPage(db, { table: deliveries, where, orderBy, limit, offset });
  return { deliveries: rows, total };
}

/**
 * Queues a subscription's delivery again, due now, with the whole retry schedule ahead of it;
 * returns it, or undefined when the subscription has no such delivery.
 */
export async function requeueDelivery(
  tx: Tx,
  webhookId: string,
  id: number,
  now: Date,
): Promise<Delivery | undefined> {
  const [row] = await tx
    .update(deliveries)
    .set({
      status: 'pending',
      scheduleStart: sql`${deliveries.attempts}`,
      nextAttemptAt: now,
      leaseExpiresAt: null,
    })
    .where(and(eq(deliveries.id, id), eq(deliveries.webhookId, webhookId)))
    .returning();
  if (row) await notifyOnCommit(tx);
  return row;
}

/** A claimed attempt: what to send where, and the attempt number that alone may settle it. */
export interface ClaimedAttempt {
  id: number;
  destination: 'webhook' | 'openlineage';
  eventType: string;
  body: string;
  attempt: number;
  /** The attempt number within the current cycle of the retry schedule (1 for the first). */
  attemptInCycle: number;
  /** The subscription's URL and secret at claim time; null for OpenLineage. */
  url: string | null;
  secret: string | null;
}

/** What a claim may take. */
export interface ClaimProps {
  now: Date;
  leaseMs: number;
  limit: number;
  /** Whether OpenLineage messages are sent (an OpenLineage server is configured). */
  includeLineage: boolean;
}

/**
 * Claims up to `limit` due deliveries, oldest first: each gets the next attempt number and a lease
 * until `now + leaseMs`. Rows another claimer holds locked are skipped; a delivery to an inactive
 * subscription waits until it is active again.
 */
export async function claimDueDeliveries(db: Db, props: ClaimProps): Promise<ClaimedAttempt[]> {
  const now = props.now.toISOString();
  return queryRows<ClaimedAttempt>(
    db,
    sql`with due as (
          select d.id from deliveries d
           where d.status = 'pending' and d.next_attempt_at <= ${now}::timestamptz
             and (d.lease_expires_at is null or d.lease_expires_at <= ${now}::timestamptz)
             and (d.destination = 'openlineage' and ${props.includeLineage}
                  or exists (select 1 from webhooks w where w.id = d.webhook_id and w.active))
           order by d.next_attempt_at, d.id
           limit ${props.limit}
           for update of d skip locked
        ), claimed as (
          update deliveries d
             set attempts = d.attempts + 1,
                 lease_expires_at = ${now}::timestamptz + ${props.leaseMs} * interval '1 millisecond'
            from due where d.id = due.id
          returning d.id, d.destination, d.event_type, d.body, d.attempts, d.schedule_start,
                    d.webhook_id, d.next_attempt_at
        )
        select c.id::int as id, c.destination, c.event_type as "eventType", c.body,
               c.attempts as attempt, c.attempts - c.schedule_start as "attemptInCycle",
               w.url, w.secret
          from claimed c left join webhooks w on w.id = c.webhook_id
         order by c.next_attempt_at, c.id`,
  );
}

/** How one attempt ended. */
export interface AttemptResult {
  id: number;
  attempt: number;
  now: Date;
  statusCode: number | null;
  error: string | null;
}

function settledBy(result: AttemptResult): SQL | undefined {
  return and(
    eq(deliveries.id, result.id),
    eq(deliveries.attempts, result.attempt),
    eq(deliveries.status, 'pending'),
  );
}

/** Records a 2xx answer; false when the attempt no longer holds the delivery. */
export async function markDelivered(db: Db, result: AttemptResult): Promise<boolean> {
  const rows = await db
    .update(deliveries)
    .set({
      status: 'delivered',
      deliveredAt: result.now,
      lastStatusCode: result.statusCode,
      lastError: null,
      nextAttemptAt: null,
      leaseExpiresAt: null,
    })
    .where(settledBy(result))
    .returning({ id: deliveries.id });
  return rows.length > 0;
}

/**
 * Records a failed attempt: due again at `retryAt`, or `failed` when it is null; false when the
 * attempt no longer holds the delivery.
 */
export async function markAttemptFailed(db: Db, result: AttemptResult & { retryAt: Date | null }) {
  const rows = await db
    .update(deliveries)
    .set({
      status: result.retryAt ? 'pending' : 'failed',
      lastStatusCode: result.statusCode,
      lastError: result.error,
      nextAttemptAt: result.retryAt,
      leaseExpiresAt: null,
    })
    .where(settledBy(result))
    .returning({ id: deliveries.id });
  return rows.length > 0;
}
