/**
 * Agents in the database: the only SQL on `agents` (their tokens are `token.repository.ts`'s).
 */
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { agents } from '../db/schema.ts';

/** An agent. */
export interface Agent {
  id: string;
  displayName: string;
  kind: string;
  /** An inactive agent's tokens are all refused; its data stays. */
  isActive: boolean;
  createdAt: Date;
}

type AgentRow = typeof agents.$inferSelect;

/** The domain form of an agent row. */
export function rowToAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    displayName: row.displayName,
    kind: row.kind,
    isActive: row.active,
    createdAt: row.createdAt,
  };
}

/** The agent with this id, or undefined. */
export async function findAgentById(db: Db, id: string): Promise<Agent | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  return row && rowToAgent(row);
}

/** The agent with this id, its row locked until the transaction ends (a change decides on what it read). */
export async function findAgentForUpdate(tx: Tx, id: string): Promise<Agent | undefined> {
  const [row] = await tx.select().from(agents).where(eq(agents.id, id)).for('update');
  return row && rowToAgent(row);
}

/** Inserts an agent; returns undefined when the id is taken. */
export async function insertAgent(db: Db, row: typeof agents.$inferInsert): Promise<Agent | undefined> {
  const [inserted] = await db.insert(agents).values(row).onConflictDoNothing().returning();
  return inserted && rowToAgent(inserted);
}

/** Changes an agent's display name or whether it is active; returns it as it is now. */
export async function updateAgentRow(
  tx: Tx,
  id: string,
  change: { displayName?: string; isActive?: boolean },
): Promise<Agent> {
  const [row] = await tx
    .update(agents)
    .set({ displayName: change.displayName, active: change.isActive })
    .where(eq(agents.id, id))
    .returning();
  return rowToAgent(row);
}
