/**
 * The record of every tool run (`tool_calls`): the only SQL on that table.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';
import { type JsonObject, toolCalls } from '../db/schema.ts';

/** Appends a tool-call record. */
export async function insertToolCall(db: Db, row: typeof toolCalls.$inferInsert): Promise<void> {
  await db.insert(toolCalls).values(row);
}

/** The output of a preview tool call: what the checks of a promotion request read. */
export interface RecordedPreview {
  id: number;
  output: JsonObject;
}

/** The newest `impact_preview` record of `childId` over `parentId`, if any. */
export async function findLatestPreview(
  db: Db,
  childId: string,
  parentId: string,
): Promise<RecordedPreview | undefined> {
  const [row] = await queryRows<RecordedPreview>(
    db,
    sql`select id::int as id, output from tool_calls
         where tool = 'impact_preview' and input->>'child_id' = ${childId} and input->>'parent_id' = ${parentId}
         order by id desc limit 1`,
  );
  return row;
}
