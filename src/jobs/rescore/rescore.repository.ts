/**
 * The rescore job's tables — the only SQL on `rescore_passes` (the 24-hour limit),
 * `rescore_queue` and `rescore_skips` — and the reads of a promotion's pending edges (its parent's
 * active edges it has not given up on). Set-based SQL throughout.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import type { JsonObject } from '../../db/schema.ts';

/** What a claim weighs: the time (the deps' clock) and the window. */
export interface ClaimRules {
  now: Date;
  /** Only one pass that did work may start within this many ms of another. */
  windowMs: number;
}

const isoOf = (column: ReturnType<typeof sql.raw>) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Claims a pass for the caller, who holds the rescore's lock, so no other pass runs: a pass still
 * marked `running` died with its process and is marked `abandoned` (its promotion is continued by
 * this one). Refused, with the start of that pass, when a pass that did work started within the
 * window.
 */
export async function claimPass(
  tx: Tx,
  rules: ClaimRules,
): Promise<{ passId: number } | { workedAt: string }> {
  const now = rules.now.toISOString();
  await tx.execute(
    sql`update rescore_passes set outcome = 'abandoned', finished_at = ${now}::timestamptz where outcome = 'running'`,
  );
  const windowStart = new Date(rules.now.getTime() - rules.windowMs).toISOString();
  const [worked] = await queryRows<{ started_at: string }>(
    tx,
    sql`select ${isoOf(sql.raw('started_at'))} as started_at from rescore_passes
         where outcome = 'ok' and started_at > ${windowStart}::timestamptz
         order by started_at desc limit 1`,
  );
  if (worked) return { workedAt: worked.started_at };
  const [pass] = await queryRows<{ id: number }>(
    tx,
    sql`insert into rescore_passes (started_at) values (${now}::timestamptz) returning id::int`,
  );
  return { passId: pass.id };
}

/** When the newest pass marked `running` started (the one holding the lock, or about to be marked abandoned). */
export async function findRunningPassStart(db: Db): Promise<string | undefined> {
  const [running] = await queryRows<{ started_at: string }>(
    db,
    sql`select ${isoOf(sql.raw('started_at'))} as started_at from rescore_passes
         where outcome = 'running' order by started_at desc limit 1`,
  );
  return running?.started_at;
}

/** Records how a claimed pass ended. */
export async function finishPass(
  db: Db,
  passId: number,
  result: { outcome: string; summary: JsonObject; at: Date },
): Promise<void> {
  await db.execute(
    sql`update rescore_passes
           set outcome = ${result.outcome}, summary = ${JSON.stringify(result.summary)}::jsonb,
               finished_at = ${result.at.toISOString()}::timestamptz
         where id = ${passId}`,
  );
}

/** Queues a promotion with a parent for re-scoring (in the promote transaction itself). */
export async function enqueuePromotion(
  tx: Tx,
  promotion: { eventId: number; parentId: string; childId: string },
): Promise<void> {
  await tx.execute(
    sql`insert into rescore_queue (event_id, parent_id, child_id)
        values (${promotion.eventId}, ${promotion.parentId}, ${promotion.childId})
        on conflict (event_id) do nothing`,
  );
}

/** A promotion waiting to be re-scored. */
export interface QueuedPromotion {
  eventId: number;
  parentId: string;
  childId: string;
}

/** The queued promotions, oldest first; `sinceMs` narrows them to promotions made since then. */
export async function findQueue(db: Db, since?: Date): Promise<QueuedPromotion[]> {
  return queryRows<QueuedPromotion>(
    db,
    sql`select q.event_id::int as "eventId", q.parent_id as "parentId", q.child_id as "childId"
          from rescore_queue q join events e on e.id = q.event_id
         where q.status = 'queued'
           and ${since === undefined ? sql`true` : sql`e.created_at >= ${since.toISOString()}::timestamptz`}
         order by q.event_id`,
  );
}

/** An edge to re-score, with its statement (the impact preview lists the largest changes). */
export interface EdgeToRescore {
  id: string;
  subject: string;
  predicate: string;
  object: string;
  confidence: number;
  inputs: unknown;
}

/**
 * Whose edges a rescore takes: the parent's active edges, less those the promotion gave up on.
 * The impact preview has no promotion yet (`eventId: null`), so nothing is given up on.
 */
export interface RescoreScope {
  parentId: string;
  eventId: number | null;
}

const pendingEdges = (scope: RescoreScope) =>
  sql`from kg_edges e
      where e.source_artifact_id = ${scope.parentId} and e.status = 'active'${
        scope.eventId === null
          ? sql``
          : sql`
        and not exists (select 1 from rescore_skips s where s.event_id = ${scope.eventId} and s.edge_id = e.id)`
      }`;

/** The event ids of the promotions that still have a pending edge, for a whole queue in one query. */
export async function findPromotionsWithPendingEdges(db: Db, queue: QueuedPromotion[]): Promise<Set<number>> {
  if (queue.length === 0) return new Set();
  const rows = await queryRows<{ event_id: number }>(
    db,
    sql`select q.event_id::int as event_id
          from unnest(${sql.param(queue.map((p) => p.eventId))}::bigint[],
                      ${sql.param(queue.map((p) => p.parentId))}::text[]) as q(event_id, parent_id)
         where exists (
           select 1 from kg_edges e
            where e.source_artifact_id = q.parent_id and e.status = 'active'
              and not exists (select 1 from rescore_skips s where s.event_id = q.event_id and s.edge_id = e.id))`,
  );
  return new Set(rows.map((row) => row.event_id));
}

/** The next edges (by id, after `afterId`) still attributed to the parent and not given up on. */
export async function findPendingEdges(
  db: Db,
  scope: RescoreScope,
  afterId: string,
  limit: number,
): Promise<EdgeToRescore[]> {
  return queryRows<EdgeToRescore>(
    db,
    sql`select e.id, e.subject, e.predicate, e.object, e.confidence, e.inputs ${pendingEdges(scope)}
          and e.id > ${afterId} order by e.id limit ${limit}`,
  );
}

/** How many edges of a scope are still pending. */
export async function countPendingEdges(db: Db, scope: RescoreScope): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count ${pendingEdges(scope)}`,
  );
  return row.count;
}

/** Records edges a promotion gives up on, so no later pass retries them. */
export async function recordSkips(tx: Tx, eventId: number, edgeIds: string[], reason: string): Promise<void> {
  if (edgeIds.length === 0) return;
  await tx.execute(
    sql`insert into rescore_skips (event_id, edge_id, reason)
        select ${eventId}, id, ${reason} from unnest(${sql.param(edgeIds)}::text[]) as t(id)
        on conflict do nothing`,
  );
}

/** Marks promotions' re-scoring finished. */
export async function markPromotionsDone(db: Db, eventIds: number[]): Promise<void> {
  if (eventIds.length === 0) return;
  await db.execute(
    sql`update rescore_queue set status = 'done', finished_at = now()
         where event_id = any(${sql.param(eventIds)}::bigint[])`,
  );
}
