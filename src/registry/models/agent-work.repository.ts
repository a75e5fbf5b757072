/**
 * What one agent did, for its page: the lineages it maintains, the model versions it trained or
 * registered, the promotions it made, the payouts it received and its wallet as stored — in one
 * statement (each part a CTE found through its own index), so the page costs one round trip
 * besides the agent's row. Reads only; it joins the events and ledger tables in SQL, as a
 * set-based read may, and leaves their rules (the demurrage) to their features.
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

/** A promotion the agent made: the event's id, the version promoted and when. */
export interface AgentPromotion {
  id: number;
  targetArtifactId: string;
  createdAt: Date;
}

/** A payout the agent received, for the promotion logged as `eventId`. */
export interface AgentPayout {
  id: string;
  amountMicro: number;
  eventId: number | null;
  createdAt: Date;
}

/** The agent's wallet as stored: its balance when demurrage was last settled, and when that was. */
export interface StoredWallet {
  balanceMicro: number;
  settledAt: Date;
}

/** Everything `findAgentRecord` reads; each list holds the newest `limit`, its count beside it. */
export interface AgentRecord {
  lineages: string[];
  versions: AgentVersion[];
  versionsTotal: number;
  promotions: AgentPromotion[];
  promotionsTotal: number;
  payouts: { payouts: AgentPayout[]; count: number; totalMicro: number };
  /** Undefined for an agent that never had a wallet. */
  wallet?: StoredWallet;
}

interface RecordRow {
  lineages: string[] | null;
  versions: {
    id: string;
    model_name: string;
    version_number: number;
    title: string;
    status: string;
    trained: boolean;
    registered: boolean;
    created_at: string;
    total: number;
  }[];
  promotions: { id: number; target_artifact_id: string; created_at: string; total: number }[];
  payouts: {
    id: string;
    amount_micro: number;
    event_id: number | null;
    created_at: string;
    count: number;
    total: number;
  }[];
  wallet: { balance_micro: number; settled_at: string } | null;
}

function toRecord(row: RecordRow): AgentRecord {
  return {
    lineages: row.lineages ?? [],
    versions: row.versions.map((version) => ({
      id: version.id,
      modelName: version.model_name,
      versionNumber: Number(version.version_number),
      title: version.title,
      status: version.status,
      trained: version.trained,
      registered: version.registered,
      createdAt: new Date(version.created_at),
    })),
    versionsTotal: Number(row.versions[0]?.total ?? 0),
    promotions: row.promotions.map((event) => ({
      id: Number(event.id),
      targetArtifactId: event.target_artifact_id,
      createdAt: new Date(event.created_at),
    })),
    promotionsTotal: Number(row.promotions[0]?.total ?? 0),
    payouts: {
      payouts: row.payouts.map((payout) => ({
        id: payout.id,
        amountMicro: Number(payout.amount_micro),
        eventId: payout.event_id === null ? null : Number(payout.event_id),
        createdAt: new Date(payout.created_at),
      })),
      count: Number(row.payouts[0]?.count ?? 0),
      totalMicro: Number(row.payouts[0]?.total ?? 0),
    },
    wallet: row.wallet
      ? { balanceMicro: Number(row.wallet.balance_micro), settledAt: new Date(row.wallet.settled_at) }
      : undefined,
  };
}

/**
 * The agent's record with the newest `limit` of each list. The counts (and the payouts' sum) ride
 * along on each row as windows over all the matches; each list is aggregated to JSON in its order.
 */
export async function findAgentRecord(db: Db, agentId: string, limit: number): Promise<AgentRecord> {
  const [row] = await queryRows<RecordRow>(
    db,
    sql`with mine as (
          -- Each side found through its own index (trained_by, created_by), then joined once.
          select id from models where trained_by = ${agentId}
          union
          select id from artifacts where created_by = ${agentId} and type = 'model'
        ), newest as (
          -- Each version by its key (a lateral lookup: a plain join lets the planner scan all artifacts),
          -- the newest kept; only those are joined to their artifacts.
          select m.id, m.model_name, m.version_number, m.status, m.trained_by, m.created_at, count(*) over () as total
            from mine cross join lateral (select * from models where models.id = mine.id) m
           order by m.created_at desc, m.id limit ${limit}
        ), versions as (
          select n.id, n.model_name, n.version_number, a.title, n.status, n.trained_by = ${agentId} as trained,
                 a.created_by = ${agentId} as registered, n.created_at, n.total
            from newest n cross join lateral (select * from artifacts where artifacts.id = n.id) a
        ), promotions as (
          select id, target_artifact_id, created_at, count(*) over () as total
            from events where event_type = 'model_version_promoted' and actor = ${agentId}
           order by created_at desc, id desc limit ${limit}
        ), wallet as (
          select id, balance_micro, settled_at from ledger_accounts where agent_id = ${agentId}
        ), payouts as (
          select t.id, t.amount_micro, t.event_id, t.created_at,
                 count(*) over () as count, sum(t.amount_micro) over () as total
            from ledger_transfers t
           where t.credit_account = (select id from wallet) and t.reason = 'payout'
           order by t.created_at desc, t.id desc limit ${limit}
        )
        select array(select model_name from lineage_maintainers where agent_id = ${agentId} order by model_name)
                 as lineages,
               (select coalesce(json_agg(v order by v.created_at desc, v.id), '[]') from versions v) as versions,
               (select coalesce(json_agg(p order by p.created_at desc, p.id desc), '[]') from promotions p)
                 as promotions,
               (select coalesce(json_agg(t order by t.created_at desc, t.id desc), '[]') from payouts t) as payouts,
               (select json_build_object('balance_micro', balance_micro, 'settled_at', settled_at) from wallet)
                 as wallet`,
  );
  return toRecord(row);
}
