/**
 * Promotion requests and their decisions in the database — the only SQL on `promotion_requests` and
 * `promotion_request_decisions`.
 */
import { asc, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import type { KeysetPosition } from '../db/keyset.ts';
import { type JsonObject, promotionRequestDecisions, promotionRequests } from '../db/schema.ts';
import type { Check } from './core/checks.ts';
import type { PromotionRequest, RequestDecision, RequestStatus } from './core/request.ts';

type RequestRow = typeof promotionRequests.$inferSelect;

function rowToRequest(
  row: RequestRow,
  decisions: (RequestDecision & { verdict: string })[],
): PromotionRequest {
  const of = (verdict: string) =>
    decisions
      .filter((decision) => decision.verdict === verdict)
      .map(({ agentId, comment, at }) => ({ agentId, comment, at }));
  return {
    id: row.id,
    modelId: row.modelId,
    modelName: row.modelName,
    status: row.status as RequestStatus,
    requestedBy: row.requestedBy,
    note: row.note,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
    requiredApprovals: row.requiredApprovals,
    checks: row.checks as Check[] | null,
    approvals: of('approve'),
    rejections: of('reject'),
  };
}

/** The listed requests with their decisions, in the order asked (unknown ids are skipped). */
export async function findRequests(db: Db, ids: number[]): Promise<PromotionRequest[]> {
  if (ids.length === 0) return [];
  // One after the other: `db` may be a transaction, whose one connection runs one query at a time.
  const rows = await db.select().from(promotionRequests).where(inArray(promotionRequests.id, ids));
  const decisions = await db
    .select()
    .from(promotionRequestDecisions)
    .where(inArray(promotionRequestDecisions.requestId, ids))
    .orderBy(asc(promotionRequestDecisions.at), asc(promotionRequestDecisions.agentId));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row
      ? [
          rowToRequest(
            row,
            decisions.filter((decision) => decision.requestId === id),
          ),
        ]
      : [];
  });
}

/** The id of the version's open request, if it has one. */
export async function findOpenRequestId(db: Db, modelId: string): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from promotion_requests where model_id = ${modelId} and status = 'open'`,
  );
  return row?.id;
}

/** The ids of a lineage's open requests. */
export async function findOpenRequestIdsOfLineage(db: Db, modelName: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from promotion_requests
         where model_name = ${modelName} and status = 'open' order by id`,
  );
  return rows.map((row) => row.id);
}

/** Opens a request; returns its id. */
export async function insertRequest(
  tx: Tx,
  row: { modelId: string; modelName: string; requestedBy: string; note: string | null },
): Promise<number> {
  const [inserted] = await tx.insert(promotionRequests).values(row).returning({ id: promotionRequests.id });
  return inserted.id;
}

/** Records an approval or rejection. */
export async function insertDecision(
  tx: Tx,
  row: { requestId: number; agentId: string; verdict: 'approve' | 'reject'; comment: string | null },
): Promise<void> {
  await tx.insert(promotionRequestDecisions).values(row);
}

/** Closes an open request with its outcome and the requirements it was decided under. */
export async function closeRequest(
  tx: Tx,
  id: number,
  outcome: {
    status: Exclude<RequestStatus, 'open'>;
    decidedBy: string;
    requiredApprovals: number;
    checks: Check[];
  },
): Promise<void> {
  await queryRows(
    tx,
    sql`update promotion_requests
           set status = ${outcome.status}, decided_by = ${outcome.decidedBy}, decided_at = clock_timestamp(),
               required_approvals = ${outcome.requiredApprovals},
               checks = ${JSON.stringify(outcome.checks as unknown as JsonObject[])}::jsonb
         where id = ${id} and status = 'open'`,
  );
}

/** What the request list filters on. */
export interface RequestFilter {
  status?: RequestStatus;
  modelName?: string;
}

/** A page of request ids, newest first, plus one more when a page follows; each with its keyset position. */
export async function findRequestPage(
  db: Db,
  filter: RequestFilter,
  after: KeysetPosition | undefined,
  limit: number,
): Promise<{ id: number; position: KeysetPosition }[]> {
  const conditions: SQL[] = [sql`true`];
  if (filter.status) conditions.push(sql`status = ${filter.status}`);
  if (filter.modelName) conditions.push(sql`model_name = ${filter.modelName}`);
  if (after) {
    const at = sql`cast(${after.value} as timestamptz)`;
    const id = sql`cast(${after.id} as bigint)`;
    conditions.push(sql`(created_at < ${at} or (created_at = ${at} and id < ${id}))`);
  }
  const rows = await queryRows<{ id: number; created_at: string }>(
    db,
    sql`select id::int as id, created_at::text as created_at from promotion_requests
         where ${sql.join(conditions, sql` and `)}
         order by created_at desc, id desc limit ${limit + 1}`,
  );
  return rows.map((row) => ({ id: row.id, position: { value: row.created_at, id: String(row.id) } }));
}
