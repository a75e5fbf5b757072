/**
 * What the agent page (`/agents/{id}`) reads: the agent, the lineages it maintains, the versions it
 * trained or registered, the promotions it made, the payouts it received with their total, and its
 * wallet balance. Each is one read, all at once; an unknown id throws the API's `NotFound`.
 */
import { presentAgent } from '../../agents/agent.presenter.ts';
import { getAgent } from '../../agents/agent.service.ts';
import { getBalance, getPayoutsReceived } from '../../credit/ledger.service.ts';
import type { Deps } from '../../deps.ts';
import { type Event, listEvents } from '../../events/event.service.ts';
import { type AgentVersion, getAgentWork } from '../../registry/models/model-read.service.ts';
import { runInUnit } from '../../unit-of-work.ts';

/** How many rows of each list the page shows, newest first. */
export const AGENT_PAGE_ROWS = 50;

/** Everything the agent page shows. */
export interface AgentPageData {
  agent: ReturnType<typeof presentAgent>;
  lineages: string[];
  versions: AgentVersion[];
  versionsTotal: number;
  promotions: Event[];
  promotionsTotal: number;
  payouts: Awaited<ReturnType<typeof getPayoutsReceived>>;
  balanceMicro: number;
}

/** Loads the agent page for `id`. */
export async function loadAgentPage(deps: Deps, id: string): Promise<AgentPageData> {
  const agent = await getAgent(deps, id);
  const page = { limit: AGENT_PAGE_ROWS, offset: 0 };
  const [work, promotions, payouts, balanceMicro] = await Promise.all([
    getAgentWork(deps, id, AGENT_PAGE_ROWS),
    listEvents(deps, { type: 'model_version_promoted', actor: id }, page),
    getPayoutsReceived(deps, id, AGENT_PAGE_ROWS),
    // Reading a balance settles its demurrage (a write), as `GET /api/agents/{id}/wallet` does.
    runInUnit(deps, (unit) => getBalance(deps, { unit, agentId: id })),
  ]);
  return {
    agent: presentAgent(agent),
    ...work,
    promotions: promotions.events,
    promotionsTotal: promotions.total,
    payouts,
    balanceMicro,
  };
}
