/**
 * The rescore job's tables — the only SQL on `rescore_passes` (the 24-hour limit),
 * `rescore_queue` and `rescore_skips` — and the reads of a promotion's pending edges (its parent's
 * active edges it has not given up on). Set-based SQL throughout.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/database.ts';
import type { JsonObject } from '../../db/schema.ts';

// Names "the rescore claim" among advisory locks.
const PASS_LOCK = 'modelgraph:rescore-pass';

/** Claims the right to run a pass: none may have started (and worked) within the window. */
export async function claimPass(
  tx: Tx,
  windowHours: number,
): Promise<{ passId: number } | { busySince: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${PASS_LOCK}))`);
  const [recent] = await queryRows<{ started_at: string }>(
    tx,
    sql`select to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at
          from rescore_passes
         where outcome in ('running', 'ok') and started_at > now() - make_interval(secs => ${windowHours * 3600})
         order by started_at desc limit 1`,
  );
  if (recent) return { busySince: recent.started_at };
  const [pass] = await queryRows<{ id: number }>(
    tx,
    sql`insert into rescore_passes default values returning id::int`,
  );
  return { passId: pass.id };
}

/** Records how a claimed pass ended. */
export async function finishPass(
  db: Db,
  passId: number,
  outcome: string,
  summary: JsonObject,
): Promise<void> {
  await db.execute(
    sql`update rescore_passes set outcome = ${outcome}, summary = ${JSON.stringify(summary)}::jsonb, finished_at = now()
         where id = ${passId}`,
  );
}

/** Persists promotions with a parent, made since the window start, that are not queued yet. */
export async function enqueuePromotions(db: Db, sinceHours: number): Promise<void> {
  await db.execute(
    sql`insert into rescore_queue (event_id, parent_id, child_id)
        select id, detection_metadata->>'parent_id', detection_metadata->>'child_id' from events
         where event_type = 'model_version_promoted' and detection_metadata->>'parent_id' is not null
           and created_at >= now() - make_interval(secs => ${sinceHours * 3600})
        on conflict (event_id) do nothing`,
  );
}

/** A promotion waiting to be re-scored. */
export interface QueuedPromotion {
  eventId: number;
  parentId: string;
  childId: string;
}

/** The queue, oldest first: persisted entries not done, plus (for dry runs) recent promotions not persisted yet. */
export async function findQueue(db: Db, sinceHours: number): Promise<QueuedPromotion[]> {
  return queryRows<QueuedPromotion>(
    db,
    sql`select e.id::int as "eventId", e.detection_metadata->>'parent_id' as "parentId",
               e.detection_metadata->>'child_id' as "childId"
          from events e left join rescore_queue q on q.event_id = e.id
         where e.event_type = 'model_version_promoted' and e.detection_metadata->>'parent_id' is not null
           and (q.status = 'queued'
                or (q.event_id is null and e.created_at >= now() - make_interval(secs => ${sinceHours * 3600})))
         order by e.id`,
  );
}

/** An edge to re-score. */
export interface EdgeToRescore {
  id: string;
  confidence: number;
  inputs: unknown;
}

const pendingEdges = (promotion: QueuedPromotion) =>
  sql`from kg_edges e
      where e.source_artifact_id = ${promotion.parentId} and e.status = 'active'
        and not exists (select 1 from rescore_skips s where s.event_id = ${promotion.eventId} and s.edge_id = e.id)`;

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

/** The next edges (by id, after `afterId`) of a promotion still attributed to the parent and not given up on. */
export async function findPendingEdges(
  db: Db,
  promotion: QueuedPromotion,
  afterId: string,
  limit: number,
): Promise<EdgeToRescore[]> {
  return queryRows<EdgeToRescore>(
    db,
    sql`select e.id, e.confidence, e.inputs ${pendingEdges(promotion)} and e.id > ${afterId} order by e.id limit ${limit}`,
  );
}

/** How many edges of a promotion are still pending. */
export async function countPendingEdges(db: Db, promotion: QueuedPromotion): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count ${pendingEdges(promotion)}`,
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
