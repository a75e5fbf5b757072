/**
 * What an agent did in the registry, for its page: its lineages, versions, promotions, payouts
 * and wallet balance, read in one statement and without a transaction (the balance is worked out
 * as of now, as the wallet route would settle it, but not written).
 */
import { balanceAsOf } from '../../credit/ledger.service.ts';
import type { Deps } from '../../deps.ts';
import { type AgentRecord, findAgentRecord } from './agent-work.repository.ts';

export type { AgentPayout, AgentPromotion, AgentVersion } from './agent-work.repository.ts';

/** An agent's record with the newest `limit` of each list, and its balance now (micro-credits). */
export async function getAgentRecord(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  agentId: string,
  limit: number,
): Promise<Omit<AgentRecord, 'wallet'> & { balanceMicro: number }> {
  const { wallet, ...record } = await findAgentRecord(deps.db, agentId, limit);
  return { ...record, balanceMicro: balanceAsOf(deps, wallet) };
}
