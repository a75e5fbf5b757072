/**
 * The record of every tool run (`tool_calls`): the only SQL on that table.
 */
import type { Db } from '../db/database.ts';
import { toolCalls } from '../db/schema.ts';

/** Appends a tool-call record. */
export async function insertToolCall(db: Db, row: typeof toolCalls.$inferInsert): Promise<void> {
  await db.insert(toolCalls).values(row);
}
