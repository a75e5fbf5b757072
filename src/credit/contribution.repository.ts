/**
 * What a payout weighs: who made a promoted model version, read from the registry's tables (the
 * registry writes them; credit only reads).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';

/** Who made a model version: its trainer and its ancestors' (nearest first), and its datasets' and benchmark's creators. */
export interface ContributionFacts {
  /** The version and its ancestors, nearest first, each with its trainer. */
  chain: { id: string; trainedBy: string }[];
  /** The version's `trained_on` datasets, eval dataset and benchmark, each with its creator. */
  related: { id: string; createdBy: string; role: 'trained_on' | 'eval' | 'benchmark' }[];
}

/** The contribution facts of a model version, in two queries; undefined when it does not exist. */
export async function findContributionFacts(db: Db, id: string): Promise<ContributionFacts | undefined> {
  const chain = await queryRows<{ id: string; trainedBy: string }>(
    db,
    sql`with recursive chain(id, trained_by, parent_id, depth) as (
          select id, trained_by, parent_id, 0 from models where id = ${id}
          union all
          select m.id, m.trained_by, m.parent_id, c.depth + 1
            from models m join chain c on m.id = c.parent_id where c.depth < 50)
        select id, trained_by as "trainedBy" from chain order by depth`,
  );
  if (chain.length === 0) return undefined;
  const related = await queryRows<ContributionFacts['related'][number]>(
    db,
    sql`select a.id, a.created_by as "createdBy", 'trained_on' as role from links l join artifacts a on a.id = l.target_id
         where l.source_id = ${id} and l.link_type = 'trained_on'
        union all
        select a.id, a.created_by, 'eval' from models m join artifacts a on a.id = m.eval_dataset_id where m.id = ${id}
        union all
        select a.id, a.created_by, 'benchmark' from models m join artifacts a on a.id = m.benchmark_id where m.id = ${id}`,
  );
  return { chain, related };
}
