/**
 * Agents and their tokens in the database: the only SQL on `agents` and `tokens`.
 */
import { eq } from 'drizzle-orm';
import type { Caller } from '../caller.ts';
import type { Db } from '../db/database.ts';
import { agents, tokens } from '../db/schema.ts';

/** An agent. */
export interface Agent {
  id: string;
  displayName: string;
  kind: string;
  createdAt: Date;
}

type AgentRow = typeof agents.$inferSelect;

/** The domain form of an agent row. */
export function rowToAgent(row: AgentRow): Agent {
  return { id: row.id, displayName: row.displayName, kind: row.kind, createdAt: row.createdAt };
}

/** The agent with this id, or undefined. */
export async function findAgentById(db: Db, id: string): Promise<Agent | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  return row && rowToAgent(row);
}

/** Inserts an agent; returns undefined when the id is taken. */
export async function insertAgent(db: Db, row: typeof agents.$inferInsert): Promise<Agent | undefined> {
  const [inserted] = await db.insert(agents).values(row).onConflictDoNothing().returning();
  return inserted && rowToAgent(inserted);
}

/** Stores a token hash with its scopes for an agent. */
export async function insertToken(db: Db, row: typeof tokens.$inferInsert): Promise<void> {
  await db.insert(tokens).values(row);
}

/** The agent and scopes behind a token hash, or undefined. */
export async function findTokenByHash(db: Db, tokenHash: string): Promise<Caller | undefined> {
  const [row] = await db
    .select({ agentId: tokens.agentId, scopes: tokens.scopes })
    .from(tokens)
    .where(eq(tokens.tokenHash, tokenHash));
  return row;
}
