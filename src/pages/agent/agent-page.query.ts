/**
 * What the agent page (`/agents/{id}`) reads: the agent, and its record — the lineages it
 * maintains, the versions it trained or registered, the promotions it made, the payouts it received
 * with their total, and its wallet balance — two statements at once, no transaction. An unknown id
 * throws the API's `NotFound`.
 */
import { presentAgent } from '../../agents/agent.presenter.ts';
import { getAgent } from '../../agents/agent.service.ts';
import type { Deps } from '../../deps.ts';
import { getAgentRecord } from '../../registry/models/agent-record.service.ts';

/** How many rows of each list the page shows, newest first. */
export const AGENT_PAGE_ROWS = 50;

/** Everything the agent page shows. */
export type AgentPageData = Awaited<ReturnType<typeof getAgentRecord>> & {
  agent: ReturnType<typeof presentAgent>;
};

/** Loads the agent page for `id`. */
export async function loadAgentPage(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  id: string,
): Promise<AgentPageData> {
  const [agent, record] = await Promise.all([getAgent(deps, id), getAgentRecord(deps, id, AGENT_PAGE_ROWS)]);
  return { agent: presentAgent(agent), ...record };
}
