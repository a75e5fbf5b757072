/**
 * The names of knowledge-graph nodes: the only SQL that writes `kg_nodes`.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { kgNodes } from '../db/schema.ts';
import type { KgNode } from './core/node.ts';

/** Inserts or renames every node in one statement; returns how many rows it wrote. */
export async function upsertNodeRows(tx: Tx, nodes: KgNode[], namedBy: string): Promise<number> {
  if (nodes.length === 0) return 0;
  const rows = await tx
    .insert(kgNodes)
    .values(nodes.map((node) => ({ id: node.id, name: node.name, category: node.category, namedBy })))
    .onConflictDoUpdate({
      target: kgNodes.id,
      set: {
        name: sql`excluded.name`,
        category: sql`excluded.category`,
        namedBy: sql`excluded.named_by`,
        updatedAt: sql`clock_timestamp()`,
      },
    })
    .returning({ id: kgNodes.id });
  return rows.length;
}

/** The named nodes among `ids` (one query, however many). */
export async function findNodes(db: Db, ids: readonly string[]): Promise<KgNode[]> {
  if (ids.length === 0) return [];
  return queryRows<KgNode>(
    db,
    sql`select id, name, category from ${kgNodes} where id = any(${sql.param([...ids])}::text[])`,
  );
}
