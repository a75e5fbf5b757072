/**
 * Agents and their tokens in the database.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { agents, tokens } from '../db/schema.ts';

/** An agent row as the database holds it. */
export type AgentRow = typeof agents.$inferSelect;

/** The agent with this id, or undefined. */
export async function findAgentById(db: Db, id: string): Promise<AgentRow | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  return row;
}

/** Inserts an agent; returns undefined when the id is taken. */
export async function insertAgent(db: Db, row: typeof agents.$inferInsert): Promise<AgentRow | undefined> {
  const [inserted] = await db.insert(agents).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** Stores a token hash with its scopes for an agent. */
export async function insertToken(db: Db, row: typeof tokens.$inferInsert): Promise<void> {
  await db.insert(tokens).values(row);
}

/** The agent and scopes behind a token hash, or undefined. */
export async function findTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ agentId: tokens.agentId, scopes: tokens.scopes })
    .from(tokens)
    .where(eq(tokens.tokenHash, tokenHash));
  return row;
}
