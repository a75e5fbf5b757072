/**
 * Agents and tokens: the commands behind `/api/agents` and the token lookup the authenticator
 * uses. The bootstrap `MODELGRAPH_ADMIN_TOKEN` is checked by hash in memory and acts as `admin`.
 */
import { ADMIN_AGENT_ID, type Caller, type Scope } from '../caller.ts';
import { getBalance } from '../credit/ledger.service.ts';
import type { Deps } from '../deps.ts';
import { AlreadyExists, NotFound } from '../errors.ts';
import { type Agent, findAgentById, findTokenByHash, insertAgent, insertToken } from './agent.repository.ts';
import { generateToken, hashToken } from './token.ts';

/** A new agent. */
export interface CreateAgentProps {
  id: string;
  displayName: string;
  kind: 'human' | 'ai';
}

/** Creates an agent; 409 when the id is taken. */
export async function createAgent(deps: Deps, props: CreateAgentProps): Promise<Agent> {
  const agent = await insertAgent(deps.db, props);
  if (!agent) throw new AlreadyExists(`agent '${props.id}' already exists`);
  return agent;
}

/** The agent with this id; 404 when there is none. */
export async function getAgent(deps: Pick<Deps, 'db'>, id: string): Promise<Agent> {
  const agent = await findAgentById(deps.db, id);
  if (!agent) throw new NotFound(`agent '${id}' does not exist`);
  return agent;
}

/** An agent with its settled wallet balance in micro-credits. */
export async function getAgentWithBalance(deps: Deps, id: string) {
  const agent = await getAgent(deps, id);
  return { agent, balanceMicro: await getBalance(deps, agent.id) };
}

/** Issues a token with these scopes for an existing agent; the token is returned once, stored hashed. */
export async function issueToken(deps: Deps, props: { agentId: string; scopes: Scope[] }): Promise<string> {
  const agent = await getAgent(deps, props.agentId);
  const token = generateToken();
  await insertToken(deps.db, { tokenHash: hashToken(token), agentId: agent.id, scopes: props.scopes });
  return token;
}

/** The token lookup of the authenticator: stored tokens by hash, and the bootstrap admin token. */
export function tokenLookup(
  deps: Pick<Deps, 'db' | 'config'>,
): (token: string) => Promise<Caller | undefined> {
  const adminHash = deps.config.adminToken ? hashToken(deps.config.adminToken) : undefined;
  return async (token) => {
    const tokenHash = hashToken(token);
    if (tokenHash === adminHash) return { agentId: ADMIN_AGENT_ID, scopes: ['admin'] };
    return findTokenByHash(deps.db, tokenHash);
  };
}

/** Makes sure the bootstrap admin agent exists. */
export async function ensureAdminAgent(deps: Pick<Deps, 'db'>): Promise<void> {
  await insertAgent(deps.db, { id: ADMIN_AGENT_ID, displayName: 'Administrator', kind: 'human' });
}
