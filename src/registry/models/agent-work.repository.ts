/**
 * What one agent did in the registry, for its page: the lineages it maintains and the model
 * versions it trained or registered. Reads only.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database.ts';

/** A model version an agent trained or registered. */
export interface AgentVersion {
  id: string;
  modelName: string;
  versionNumber: number;
  title: string;
  status: string;
  /** Whether the agent trained it (`trained_by`) and whether it registered it (`created_by`). */
  trained: boolean;
  registered: boolean;
  createdAt: Date;
}

/** The lineages `agentId` maintains, by name, and its newest `limit` versions with their count. */
export async function findAgentWork(db: Db, agentId: string, limit: number) {
  const [lineages, versions] = await Promise.all([
    queryRows<{ model_name: string }>(
      db,
      sql`select model_name from lineage_maintainers where agent_id = ${agentId} order by model_name`,
    ),
    // The count of all rides along on each row (a window over the matches): one statement.
    queryRows<{
      id: string;
      model_name: string;
      version_number: number;
      title: string;
      status: string;
      trained: boolean;
      registered: boolean;
      created_at: Date;
      total: number | string;
    }>(
      db,
      // Each side found through its own index (trained_by, created_by), then joined once.
      sql`with mine as (
            select id from models where trained_by = ${agentId}
            union
            select id from artifacts where created_by = ${agentId} and type = 'model'
          )
          select m.id, m.model_name, m.version_number, a.title, m.status,
                 m.trained_by = ${agentId} as trained, a.created_by = ${agentId} as registered, m.created_at,
                 count(*) over () as total
            from mine join models m on m.id = mine.id join artifacts a on a.id = m.id
           order by m.created_at desc, m.id limit ${limit}`,
    ),
  ]);
  return {
    lineages: lineages.map((row) => row.model_name),
    versions: versions.map(
      (row): AgentVersion => ({
        id: row.id,
        modelName: row.model_name,
        versionNumber: Number(row.version_number),
        title: row.title,
        status: row.status,
        trained: row.trained,
        registered: row.registered,
        createdAt: new Date(row.created_at),
      }),
    ),
    versionsTotal: Number(versions[0]?.total ?? 0),
  };
}
